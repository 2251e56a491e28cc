/*
 * docsig.h: the electronic seal of an issued document (电子印章, DOC-1,
 * EXT-6; docs/seal.md is the specification): the canonical form a
 * department's key signs, the check code (校验码) derived from the
 * signature, and the JSON export an offline verifier reads.  Pure: no
 * database, no files; what signs and where keys live is docseal.h's.
 */
#ifndef YW_DOCSIG_H
#define YW_DOCSIG_H

#include <stddef.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "arena.h"

#define DOCSIG_FORMAT	"yiwang-seal/1"
#define DOCSIG_CODE_LEN	8		/* characters of a check code */
#define DOCSIG_SIG_MAX	64		/* bytes: Ed25519 and SM2 r || s */

/* What a seal covers, in the canonical form's order (docs/seal.md). */
struct docsig {
	const char	*dept;		/* code of the department sealing */
	const char	*kid;		/* its key's id (crypto_key_id) */
	const char	*alg;		/* "ed25519" or "sm2" */
	const char	*doc_no;	/* 文号 */
	const char	*kind;
	const char	*title;
	const char	*app_no;
	const char	*issued_at;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*issued_by;
	const char	*body;		/* the stored JSON text, as is */
};

/* The algorithm name of a signing key: "ed25519", "sm2", or NULL. */
const char	*docsig_alg(EVP_PKEY *key);
/*
 * The canonical form of d (the bytes signed): from pool, its length in
 * *len; NULL when a field is NULL or not UTF-8 without NUL.
 */
char		*docsig_canonical(struct pool *, const struct docsig *d,
		    size_t *len);
/*
 * The check code of a signature: the first 40 bits of its SHA-256 (SM3
 * for alg "sm2") in Crockford's base 32 (0-9, A-Z without I, L, O, U),
 * 8 characters and a NUL.
 */
int		 docsig_code(const char *alg, const unsigned char *sig,
		    size_t len, char out[DOCSIG_CODE_LEN + 1]);
/*
 * A check code as a person types it, into its canonical form: spaces
 * and '-' dropped, lower case raised, O read as 0 and I, L as 1.  -1
 * when what is left is not 8 characters of the alphabet.
 */
int		 docsig_code_normal(const char *in,
		    char out[DOCSIG_CODE_LEN + 1]);
/*
 * Sign d with key (d->alg and d->kid must be key's): the signature as
 * lower-case hex into *sig_hex (from pool) and its check code.  0 or -1.
 */
int		 docsig_sign(EVP_PKEY *key, struct pool *, const struct docsig *d,
		    char **sig_hex, char code[DOCSIG_CODE_LEN + 1]);
/*
 * 0 when sig_hex is key's signature of d's canonical form, key is the
 * one d names (its id d->kid, its algorithm d->alg) and code is the
 * signature's check code; -1 otherwise.
 */
int		 docsig_verify(EVP_PKEY *key, struct pool *, const struct docsig *d,
		    const char *sig_hex, const char *code);
/*
 * The JSON export of a sealed document (docs/seal.md): every field of d,
 * and "seal": {"dept", "kid", "alg", "sig", "code"}.  New reference, or
 * NULL.
 */
json_t		*docsig_json(const struct docsig *d, const char *sig_hex,
		    const char *code);
/* Read an export back; strings point into o.  0, or -1 when a field is
 * missing or not a string, or the format is not DOCSIG_FORMAT. */
int		 docsig_from_json(json_t *o, struct docsig *d,
		    const char **sig_hex, const char **code);
/* A public key from its PEM text (SubjectPublicKeyInfo), or NULL; and a
 * key's public half as PEM text from pool, or NULL. */
EVP_PKEY	*docsig_key_from_pem(const char *pem);
char		*docsig_pem(struct pool *, EVP_PKEY *key);

#endif
