/*
 * pii.c: sealing and keyed hashes of personal data at rest (pii.h).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "crypto.h"
#include "log.h"
#include "pii.h"

#define PREFIX_LEN	(sizeof(PII_PREFIX) - 1)
#define OVERHEAD	(GCM_NONCE_LEN + GCM_TAG_LEN)

/* The two keys derived from the file, read once per process. */
static const char	*key_file;
static unsigned char	 seal_key[GCM_KEY_LEN];
static unsigned char	 hash_key[SHA256_LEN];
static int		 key_loaded;

void
pii_set_key_file(const char *path)
{
	key_file = path;
	key_loaded = 0;
	OPENSSL_cleanse(seal_key, sizeof(seal_key));
	OPENSSL_cleanse(hash_key, sizeof(hash_key));
}

int
pii_key_create(const char *path)
{
	return crypto_secret_create(path, PII_KEY_LEN);
}

/* HKDF of the secret with a label per use, so neither key gives the
 * other and the file's bytes are never used as a key themselves. */
static int
derive(const unsigned char *secret, const char *use, unsigned char *out,
    size_t len)
{
	static const char	 salt[] = "yiwang-pii-1";

	return crypto_hkdf(secret, PII_KEY_LEN, salt, sizeof(salt) - 1, use,
	    strlen(use), out, len);
}

int
pii_key_load(void)
{
	unsigned char	 secret[PII_KEY_LEN];
	char		 hex[2 * PII_KEY_LEN + 2];
	int		 rc = -1;

	if (key_loaded)
		return 0;
	if (key_file == NULL) {
		log_err("pii_key is not set in the config");
		return -1;
	}
	if (crypto_secret_read(key_file, hex, sizeof(hex)) == -1 ||
	    crypto_unhex(hex, secret, sizeof(secret)) == -1)
		log_err("%s: cannot read the personal data key (yiwang-admin "
		    "keygen makes it)", key_file);
	else if (derive(secret, "seal", seal_key, sizeof(seal_key)) == -1 ||
	    derive(secret, "hash", hash_key, sizeof(hash_key)) == -1)
		log_err("%s: cannot derive the personal data keys", key_file);
	else
		rc = 0;
	OPENSSL_cleanse(hex, sizeof(hex));
	OPENSSL_cleanse(secret, sizeof(secret));
	key_loaded = rc == 0;
	return rc;
}

char *
pii_seal(struct pool *pool, const char *what, const char *value)
{
	unsigned char	*raw;
	char		*out;
	size_t		 n = strlen(value);

	if (pii_key_load() == -1)
		return NULL;
	raw = pool_alloc(pool, OVERHEAD + n);
	crypto_random(raw, GCM_NONCE_LEN);
	if (crypto_gcm_seal_ad(seal_key, raw, what, strlen(what), value, n,
	    raw + GCM_NONCE_LEN, raw + GCM_NONCE_LEN + n) == -1) {
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
	unsigned char	*raw;
	char		*out;
	size_t		 len, n;

	if (!pii_is_sealed(sealed)) {
		log_err("a value of %s is not sealed", what);
		return NULL;
	}
	if (pii_key_load() == -1)
		return NULL;
	len = strlen(sealed + PREFIX_LEN) / 2;
	n = len - OVERHEAD;
	raw = pool_alloc(pool, len);
	out = pool_alloc(pool, n + 1);
	if (crypto_unhex(sealed + PREFIX_LEN, raw, len) == -1 ||
	    crypto_gcm_open_ad(seal_key, raw, what, strlen(what),
	    raw + GCM_NONCE_LEN, n, raw + GCM_NONCE_LEN + n,
	    (unsigned char *)out) == -1 || memchr(out, '\0', n) != NULL) {
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
	unsigned char	 md[SHA256_LEN];
	size_t		 w = strlen(what), n = strlen(value);
	char		*buf;

	if (pii_key_load() == -1)
		return -1;
	/* what and value apart by a NUL, which neither holds. */
	if ((buf = malloc(w + 1 + n)) == NULL)
		abort();
	memcpy(buf, what, w + 1);
	memcpy(buf + w + 1, value, n);
	crypto_hmac_sha256(hash_key, sizeof(hash_key), buf, w + 1 + n, md);
	free(buf);
	crypto_hex(md, sizeof(md), out);
	return 0;
}
