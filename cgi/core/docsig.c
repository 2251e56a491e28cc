/*
 * docsig.c: the canonical form, check code and export of a sealed
 * document (docsig.h, docs/seal.md).
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/pem.h>

#include "crypto.h"
#include "docsig.h"
#include "utf8.h"

/* Crockford's base 32: no I, L, O or U, so nothing reads as another. */
static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char *
docsig_alg(EVP_PKEY *key)
{
	if (key == NULL)
		return NULL;
	if (EVP_PKEY_is_a(key, "SM2"))
		return "sm2";
	if (EVP_PKEY_is_a(key, "ED25519"))
		return "ed25519";
	return NULL;
}

/* The fields in the order they are signed, with their names. */
static size_t
fields(const struct docsig *d, const char *name[], const char *val[])
{
	size_t	 n = 0;

#define F(x)	do { name[n] = #x; val[n++] = d->x; } while (0)
	F(dept); F(kid); F(alg); F(doc_no); F(kind); F(title); F(app_no);
	F(issued_at); F(issued_by); F(body);
#undef F
	return n;
}

char *
docsig_canonical(struct pool *pool, const struct docsig *d, size_t *len)
{
	const char	*name[16], *val[16];
	char		*s;
	size_t		 i, n;

	n = fields(d, name, val);
	s = pool_strdup(pool, DOCSIG_FORMAT "\n");
	for (i = 0; i < n; i++) {
		if (val[i] == NULL ||
		    utf8_check(val[i], strlen(val[i]), UTF8_LINES, NULL) !=
		    UTF8_OK)
			return NULL;
		/* name, a space, the length in bytes, ':', the bytes, LF:
		 * nothing a value holds can end it early. */
		s = pool_printf(pool, "%s%s %zu:%s\n", s, name[i],
		    strlen(val[i]), val[i]);
	}
	*len = strlen(s);
	return s;
}

int
docsig_code(const char *alg, const unsigned char *sig, size_t len,
    char out[DOCSIG_CODE_LEN + 1])
{
	unsigned char	 md[SHA256_LEN];
	uint64_t	 v = 0;
	size_t		 i;

	if (alg != NULL && strcmp(alg, "sm2") == 0) {
		if (crypto_sm3(sig, len, md) == -1)
			return -1;
	} else if (crypto_sha256(sig, len, md) == -1)
		return -1;
	for (i = 0; i < 5; i++)
		v = v << 8 | md[i];
	for (i = 0; i < DOCSIG_CODE_LEN; i++)
		out[i] = ALPHABET[(v >> (35 - 5 * i)) & 31];
	out[DOCSIG_CODE_LEN] = '\0';
	return 0;
}

int
docsig_code_normal(const char *in, char out[DOCSIG_CODE_LEN + 1])
{
	size_t	 n = 0;
	char	 c;

	if (in == NULL)
		return -1;
	for (; *in != '\0'; in++) {
		c = *in;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == '\0' || strchr(ALPHABET, c) == NULL ||
		    n == DOCSIG_CODE_LEN)
			return -1;
		out[n++] = c;
	}
	if (n != DOCSIG_CODE_LEN)
		return -1;
	out[n] = '\0';
	return 0;
}

/* 0 when key is the key d names. */
static int
is_named(EVP_PKEY *key, const struct docsig *d)
{
	const char	*alg = docsig_alg(key);
	char		 kid[KEY_ID_LEN + 1];

	return alg != NULL && d->alg != NULL && d->kid != NULL &&
	    strcmp(alg, d->alg) == 0 && crypto_key_id(key, kid) == 0 &&
	    strcmp(kid, d->kid) == 0 ? 0 : -1;
}

int
docsig_sign(EVP_PKEY *key, struct pool *pool, const struct docsig *d,
    char **sig_hex, char code[DOCSIG_CODE_LEN + 1])
{
	unsigned char	 sig[DOCSIG_SIG_MAX];
	size_t		 siglen = sizeof(sig), len;
	char		*msg;

	if (is_named(key, d) == -1 ||
	    (msg = docsig_canonical(pool, d, &len)) == NULL ||
	    crypto_sign(key, msg, len, sig, &siglen) == -1 ||
	    docsig_code(d->alg, sig, siglen, code) == -1)
		return -1;
	*sig_hex = pool_alloc(pool, 2 * siglen + 1);
	crypto_hex(sig, siglen, *sig_hex);
	return 0;
}

int
docsig_verify(EVP_PKEY *key, struct pool *pool, const struct docsig *d,
    const char *sig_hex, const char *code)
{
	unsigned char	 sig[DOCSIG_SIG_MAX];
	char		 want[DOCSIG_CODE_LEN + 1];
	size_t		 siglen, len;
	char		*msg;

	if (sig_hex == NULL || code == NULL || is_named(key, d) == -1 ||
	    (siglen = strlen(sig_hex) / 2) == 0 || siglen > sizeof(sig) ||
	    !crypto_hex_valid(sig_hex, 2 * siglen) ||
	    crypto_unhex(sig_hex, sig, siglen) == -1 ||
	    docsig_code(d->alg, sig, siglen, want) == -1 ||
	    strlen(code) != DOCSIG_CODE_LEN ||
	    CRYPTO_memcmp(want, code, DOCSIG_CODE_LEN) != 0 ||
	    (msg = docsig_canonical(pool, d, &len)) == NULL)
		return -1;
	return crypto_verify(key, msg, len, sig, siglen);
}

json_t *
docsig_json(const struct docsig *d, const char *sig_hex, const char *code)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:{s:s, s:s, s:s, s:s, s:s}}", "format", DOCSIG_FORMAT,
	    "doc_no", d->doc_no, "kind", d->kind, "title", d->title,
	    "app_no", d->app_no, "issued_at", d->issued_at,
	    "issued_by", d->issued_by, "body", d->body,
	    "seal", "dept", d->dept, "kid", d->kid, "alg", d->alg,
	    "sig", sig_hex, "code", code);
}

int
docsig_from_json(json_t *o, struct docsig *d, const char **sig_hex,
    const char **code)
{
	const char	*format;

	memset(d, 0, sizeof(*d));
	if (json_unpack(o, "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:{s:s, s:s, s:s, s:s, s:s}}", "format", &format,
	    "doc_no", &d->doc_no, "kind", &d->kind, "title", &d->title,
	    "app_no", &d->app_no, "issued_at", &d->issued_at,
	    "issued_by", &d->issued_by, "body", &d->body,
	    "seal", "dept", &d->dept, "kid", &d->kid, "alg", &d->alg,
	    "sig", sig_hex, "code", code) != 0 ||
	    strcmp(format, DOCSIG_FORMAT) != 0)
		return -1;
	return 0;
}

EVP_PKEY *
docsig_key_from_pem(const char *pem)
{
	EVP_PKEY	*key;
	BIO		*b;

	if (pem == NULL || (b = BIO_new_mem_buf(pem, -1)) == NULL)
		return NULL;
	key = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	if (key != NULL && docsig_alg(key) == NULL) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	return key;
}

char *
docsig_pem(struct pool *pool, EVP_PKEY *key)
{
	BIO	*b;
	char	*p, *s = NULL;
	long	 n;

	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return NULL;
	if (PEM_write_bio_PUBKEY(b, key) == 1 &&
	    (n = BIO_get_mem_data(b, &p)) > 0)
		s = pool_strndup(pool, p, (size_t)n);
	BIO_free(b);
	return s;
}
