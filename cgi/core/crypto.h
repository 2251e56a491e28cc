/*
 * crypto.h: the OpenSSL 3 primitives Yiwang uses, behind small functions:
 * random bytes, hex, SHA-256, Ed25519 keys and signatures, X25519 key
 * agreement, HKDF-SHA-256 and AES-256-GCM (bundle encryption, GAP-3;
 * personal data at rest, SEC-5), and
 * the scrypt password hash.  Every function returns 0 on success and -1 on failure
 * unless it says otherwise; nothing here logs to the user.
 */
#ifndef YW_CRYPTO_H
#define YW_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

#define SHA256_LEN	32
#define SHA256_HEX	65		/* 64 hex digits and NUL */

/* Fill buf with len bytes from the OpenSSL CSPRNG; aborts on failure. */
void	 crypto_random(void *buf, size_t len);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void	 crypto_hex(const void *in, size_t len, char *out);

/* 1 when s is exactly n lower-case hex digits, the form crypto_hex()
 * writes and every digest, key and MAC is stored and named in; 0 for
 * anything else (upper case, shorter, longer, NULL). */
int	 crypto_hex_valid(const char *s, size_t n);

/* Parse 2*outlen hex digits exactly; -1 on any other input. */
int	 crypto_unhex(const char *hex, void *out, size_t outlen);

/* Write all of len bytes to fd, retrying short and interrupted writes
 * (key files, bundles). */
int	 crypto_write_all(int fd, const void *buf, size_t len);

/* SHA-256 of a buffer, raw and as hex. */
void	 crypto_sha256(const void *in, size_t len, unsigned char out[SHA256_LEN]);
void	 crypto_sha256_hex(const void *in, size_t len, char out[SHA256_HEX]);

/* SHA-256 of a whole file as hex; -1 if it cannot be read. */
int	 crypto_sha256_file(const char *path, char out[SHA256_HEX]);

/* HMAC-SHA-256 of a buffer under key. */
void	 crypto_hmac_sha256(const void *key, size_t keylen, const void *msg,
	    size_t len, unsigned char out[SHA256_LEN]);

/*
 * Secrets kept in files (the chain key, database passwords): nbytes from
 * the CSPRNG, written as lower-case hex and a newline to a new file of
 * mode 0600 (never over an existing one); and read back: the first line,
 * which must be hex, into hex (hexlen bytes with its NUL).
 */
int	 crypto_secret_create(const char *path, size_t nbytes);
int	 crypto_secret_read(const char *path, char *hex, size_t hexlen);

/* Constant-time comparison of two buffers of the same length: 0 when
 * equal, -1 when not. */
int	 crypto_equal(const void *a, const void *b, size_t len);

/*
 * Ed25519.  Keys live in PEM files: the private key PKCS#8, mode 0600;
 * the public key SubjectPublicKeyInfo.  Loaded keys are freed with
 * EVP_PKEY_free().
 */
int	 crypto_keygen(const char *priv_path, const char *pub_path);
EVP_PKEY *crypto_load_private(const char *path);
EVP_PKEY *crypto_load_public(const char *path);
/* Signature into sig (at most *siglen bytes; set to the length used). */
int	 crypto_sign(EVP_PKEY *key, const void *msg, size_t len,
	    unsigned char *sig, size_t *siglen);
/* 0 when sig is a valid signature of msg by key, -1 otherwise. */
int	 crypto_verify(EVP_PKEY *key, const void *msg, size_t len,
	    const unsigned char *sig, size_t siglen);

/*
 * X25519 ("box" keys: a site's encryption key pair, GAP-3).  PEM files as
 * for Ed25519; raw values are BOX_LEN bytes.
 */
#define BOX_LEN		32
int	 crypto_box_keygen(const char *priv_path, const char *pub_path);
EVP_PKEY *crypto_box_load_private(const char *path);
EVP_PKEY *crypto_box_load_public(const char *path);
/* The raw public value of an X25519 key (private or public). */
int	 crypto_box_public(EVP_PKEY *key, unsigned char out[BOX_LEN]);
/* The raw secret of an X25519 private key (the caller cleanses it). */
int	 crypto_box_secret(EVP_PKEY *key, unsigned char out[BOX_LEN]);
/* An X25519 private key whose secret is the given bytes; NULL on error. */
EVP_PKEY *crypto_box_from_secret(const unsigned char secret[BOX_LEN]);
/* The shared secret of priv and the raw public value peer; -1 also when
 * it is all zero (peer is a point of small order). */
int	 crypto_x25519(EVP_PKEY *priv, const unsigned char peer[BOX_LEN],
	    unsigned char out[BOX_LEN]);

/* HKDF-SHA-256 (RFC 5869), extract and expand, into outlen bytes. */
int	 crypto_hkdf(const void *key, size_t keylen, const void *salt,
	    size_t saltlen, const void *info, size_t infolen,
	    unsigned char *out, size_t outlen);

/*
 * AES-256-GCM of one message without associated data: out gets len
 * bytes.  crypto_gcm_open returns -1 when the tag does not match, and
 * then out holds nothing of the message.
 */
#define GCM_KEY_LEN	32
#define GCM_NONCE_LEN	12
#define GCM_TAG_LEN	16
int	 crypto_gcm_seal(const unsigned char key[GCM_KEY_LEN],
	    const unsigned char nonce[GCM_NONCE_LEN], const void *in,
	    size_t len, unsigned char *out, unsigned char tag[GCM_TAG_LEN]);
int	 crypto_gcm_open(const unsigned char key[GCM_KEY_LEN],
	    const unsigned char nonce[GCM_NONCE_LEN], const void *in,
	    size_t len, const unsigned char tag[GCM_TAG_LEN],
	    unsigned char *out);
/* The same with adlen bytes of associated data, authenticated but not
 * encrypted (personal data at rest, pii.h: the column's name). */
int	 crypto_gcm_seal_ad(const unsigned char key[GCM_KEY_LEN],
	    const unsigned char nonce[GCM_NONCE_LEN], const void *ad,
	    size_t adlen, const void *in, size_t len, unsigned char *out,
	    unsigned char tag[GCM_TAG_LEN]);
int	 crypto_gcm_open_ad(const unsigned char key[GCM_KEY_LEN],
	    const unsigned char nonce[GCM_NONCE_LEN], const void *ad,
	    size_t adlen, const void *in, size_t len,
	    const unsigned char tag[GCM_TAG_LEN], unsigned char *out);

/*
 * Passwords: scrypt (N=2^17, r=8, p=1, 16-byte salt, 32-byte key), stored
 * as "scrypt$<log2 N>$<r>$<p>$<salt hex>$<key hex>" so the parameters can
 * be raised later.  out must hold PWHASH_MAX bytes.
 */
#define PWHASH_MAX	160
int	 crypto_pw_hash(const char *password, char out[PWHASH_MAX]);
/* 0 when password matches stored, -1 when not or when stored is malformed. */
int	 crypto_pw_verify(const char *password, const char *stored);

#endif
