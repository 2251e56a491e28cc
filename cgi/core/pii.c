/*
 * pii.c: sealing and keyed hashes of personal data at rest (pii.h).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "crypto.h"
#include "keyfile.h"
#include "log.h"
#include "pii.h"

#define PREFIX_LEN	(sizeof(PII_PREFIX) - 1)
#define OVERHEAD	(GCM_NONCE_LEN + GCM_TAG_LEN)

/* The secret, read once per process; the two keys are derived from it
 * for each use. */
static struct keyfile	 secret = KEYFILE_INIT("pii_key",
			    "the personal data key", PII_KEY_LEN);

void
pii_set_key_file(const char *path)
{
	keyfile_set(&secret, path);
}

int
pii_key_create(const char *path)
{
	return crypto_secret_create(path, PII_KEY_LEN);
}

int
pii_key_load(void)
{
	return keyfile_key(&secret) == NULL ? -1 : 0;
}

/*
 * The key of one use ("seal", "hash") into out: HKDF of the secret with
 * a label per use, so neither key gives the other and the file's bytes
 * are never used as a key themselves.  0, or -1 (logged).  The caller
 * wipes out.
 */
static int
use_key(const char *use, unsigned char *out, size_t len)
{
	static const char	 salt[] = "yiwang-pii-1";
	const unsigned char	*k;

	if ((k = keyfile_key(&secret)) == NULL)
		return -1;
	if (crypto_hkdf(k, PII_KEY_LEN, salt, sizeof(salt) - 1, use,
	    strlen(use), out, len) == -1) {
		log_err("cannot derive the personal data key for %s", use);
		return -1;
	}
	return 0;
}

char *
pii_seal(struct pool *pool, const char *what, const char *value)
{
	unsigned char	*raw, key[GCM_KEY_LEN];
	char		*out;
	size_t		 n = strlen(value);
	int		 rc;

	if (use_key("seal", key, sizeof(key)) == -1)
		return NULL;
	raw = pool_alloc(pool, OVERHEAD + n);
	crypto_random(raw, GCM_NONCE_LEN);
	rc = crypto_gcm_seal_ad(key, raw, what, strlen(what), value, n,
	    raw + GCM_NONCE_LEN, raw + GCM_NONCE_LEN + n);
	OPENSSL_cleanse(key, sizeof(key));
	if (rc == -1) {
		log_err("cannot seal a value of %s", what);
		return NULL;
	}
	out = pool_alloc(pool, PREFIX_LEN + 2 * (OVERHEAD + n) + 1);
	memcpy(out, PII_PREFIX, PREFIX_LEN);
	crypto_hex(raw, OVERHEAD + n, out + PREFIX_LEN);
	return out;
}

int
pii_is_sealed(const char *s)
{
	size_t	 n;

	if (s == NULL || strncmp(s, PII_PREFIX, PREFIX_LEN) != 0)
		return 0;
	s += PREFIX_LEN;
	n = strlen(s);
	return crypto_hex_valid(s, n) && n % 2 == 0 && n / 2 >= OVERHEAD;
}

char *
pii_open(struct pool *pool, const char *what, const char *sealed)
{
	unsigned char	*raw, key[GCM_KEY_LEN];
	char		*out;
	size_t		 len, n;
	int		 rc;

	if (!pii_is_sealed(sealed)) {
		log_err("a value of %s is not sealed", what);
		return NULL;
	}
	if (use_key("seal", key, sizeof(key)) == -1)
		return NULL;
	len = strlen(sealed + PREFIX_LEN) / 2;
	n = len - OVERHEAD;
	raw = pool_alloc(pool, len);
	out = pool_alloc(pool, n + 1);
	rc = crypto_unhex(sealed + PREFIX_LEN, raw, len) == -1 ||
	    crypto_gcm_open_ad(key, raw, what, strlen(what),
	    raw + GCM_NONCE_LEN, n, raw + GCM_NONCE_LEN + n,
	    (unsigned char *)out) == -1 ? -1 : 0;
	OPENSSL_cleanse(key, sizeof(key));
	if (rc == -1 || memchr(out, '\0', n) != NULL) {
		log_err("a sealed value of %s does not open: changed, moved "
		    "from another column, or sealed under another key", what);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

int
pii_hash(const char *what, const char *value, char out[PII_HASH_HEX])
{
	unsigned char		 md[SHA256_LEN], key[SHA256_LEN];
	struct crypto_hmac	*h;

	if (use_key("hash", key, sizeof(key)) == -1)
		return -1;
	/* what and value apart by a NUL, which neither holds. */
	h = crypto_hmac_new(key, sizeof(key));
	OPENSSL_cleanse(key, sizeof(key));
	(void)crypto_hmac_add(h, what, strlen(what) + 1);
	(void)crypto_hmac_add(h, value, strlen(value));
	if (crypto_hmac_end(h, md) == -1) {
		log_err("pii_hash: out of memory");
		return -1;
	}
	crypto_hex(md, sizeof(md), out);
	return 0;
}
