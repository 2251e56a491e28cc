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

/* SHA-256 of a buffer, raw and as hex; -1 when OpenSSL cannot (memory),
 * and then the hex is "". */
int	 crypto_sha256(const void *in, size_t len, unsigned char out[SHA256_LEN]);
int	 crypto_sha256_hex(const void *in, size_t len, char out[SHA256_HEX]);

/* SHA-256 of a whole file as hex; -1 if it cannot be read. */
int	 crypto_sha256_file(const char *path, char out[SHA256_HEX]);
/* The same with another 256-bit digest (SM3, GAP-7). */
int	 crypto_digest_file(const char *path, const EVP_MD *alg,
	    char out[SHA256_HEX]);
/* The same of the file open at fd, from its first byte (pread). */
int	 crypto_digest_fd(int fd, const EVP_MD *alg, char out[SHA256_HEX]);

/* HMAC-SHA-256 of a buffer under key; -1 when OpenSSL cannot (memory). */
int	 crypto_hmac_sha256(const void *key, size_t keylen, const void *msg,
	    size_t len, unsigned char out[SHA256_LEN]);
/*
 * The same fed in parts, with nothing joined: new (NULL without memory),
 * add each part, end (writes out, frees; -1 when any step failed, and
 * then out is not a MAC).  free() drops one not ended.
 */
struct crypto_hmac;
struct crypto_hmac *crypto_hmac_new(const void *key, size_t keylen);
int	 crypto_hmac_add(struct crypto_hmac *, const void *, size_t);
int	 crypto_hmac_end(struct crypto_hmac *, unsigned char out[SHA256_LEN]);
void	 crypto_hmac_free(struct crypto_hmac *);

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
/* The same for a key of OpenSSL type alg ("ED25519", "X25519", "SM2"). */
int	 crypto_keygen_alg(const char *alg, const char *priv_path,
	    const char *pub_path);
EVP_PKEY *crypto_load_key(const char *path, int private, const char *alg);
/*
 * Private key files must be readable by their owner alone: the loaders
 * refuse (NULL, errno EACCES) one that group or others may read.  This
 * says which: -1 with *mode set (errno EACCES) when path's mode lets
 * anyone but its owner in, -1 with errno from stat() when it cannot be
 * looked at, else 0.
 */
int	 crypto_private_mode(const char *path, unsigned *mode);
/*
 * Signature into sig (at most *siglen bytes; set to the length used).
 * An SM2 key signs with SM3 as crypto_sm2_sign(), 64 bytes.
 */
int	 crypto_sign(EVP_PKEY *key, const void *msg, size_t len,
	    unsigned char *sig, size_t *siglen);
/* 0 when sig is a valid signature of msg by key, -1 otherwise. */
int	 crypto_verify(EVP_PKEY *key, const void *msg, size_t len,
	    const unsigned char *sig, size_t siglen);

/*
 * The id a signing key is named by (bundle manifests, seal keys): the
 * first 16 hex digits of the SHA-256 (Ed25519) or SM3 (SM2) of its raw
 * public value (32 bytes; 65, 04 || x || y); -1 when it has none.
 */
#define KEY_ID_LEN	16
int	 crypto_key_id(EVP_PKEY *key, char out[KEY_ID_LEN + 1]);

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
 * The Chinese commercial algorithms (GAP-7, crypto_sm.c).
 *
 * SM3 (GB/T 32905) of a buffer; the KDF of GB/T 32918.4 5.4.3, which is
 * ANSI X9.63's with SM3: out = SM3(z || ct 1 || info) || SM3(z || ct 2 ||
 * info) ..., ct a 32-bit big-endian counter from 1: the bytes of
 * OpenSSL's X963KDF with SM3, computed here (crypto_sm.c says why).
 */
#define SM3_LEN		32
int	 crypto_sm3(const void *in, size_t len, unsigned char out[SM3_LEN]);
int	 crypto_sm3_kdf(const void *z, size_t zlen, const void *info,
	    size_t infolen, unsigned char *out, size_t outlen);
/*
 * SM2 keys (GB/T 32918) in PEM files as for Ed25519 (OpenSSL type "SM2").
 * A public value is the uncompressed point 04 || x || y; a secret, the
 * private scalar d, 32 bytes big-endian.
 */
#define SM2_PUB_LEN	65
#define SM2_SECRET_LEN	32
#define SM2_SIG_LEN	64
int	 crypto_sm2_keygen(const char *priv_path, const char *pub_path);
int	 crypto_sm2_public(EVP_PKEY *key, unsigned char out[SM2_PUB_LEN]);
int	 crypto_sm2_secret(EVP_PKEY *key, unsigned char out[SM2_SECRET_LEN]);
/* The SM2 private key d = seed mod (n - 1) + 1; NULL on error. */
EVP_PKEY *crypto_sm2_from_seed(const unsigned char *seed, size_t len);
/* Diffie-Hellman on the SM2 curve: the x coordinate of d * peer; -1 when
 * peer is not a point of the curve. */
int	 crypto_sm2_dh(EVP_PKEY *priv, const unsigned char peer[SM2_PUB_LEN],
	    unsigned char out[SM2_SECRET_LEN]);
/*
 * SM2 signature with SM3 and the default identifier "1234567812345678"
 * (GB/T 32918.2, GM/T 0009), as 64 bytes r || s (each 32 bytes
 * big-endian: fixed length, unlike the DER of GM/T 0009).  k is derived
 * from the key and the message, so the same message signs to the same
 * bytes (crypto_sm.c).  Verification is OpenSSL's own.
 */
int	 crypto_sm2_sign(EVP_PKEY *key, const void *msg, size_t len,
	    unsigned char sig[SM2_SIG_LEN]);
int	 crypto_sm2_verify(EVP_PKEY *key, const void *msg, size_t len,
	    const unsigned char *sig, size_t siglen);
/*
 * SM4 in counter mode with an HMAC-SM3 tag over nonce || ciphertext,
 * encrypt-then-MAC: OpenSSL 3.0 has no SM4-GCM.  The key is 48 bytes, the
 * SM4 key then the HMAC key; the counter block is nonce || u32 0, so a
 * message must stay under 2^36 bytes; the tag is the first 16 bytes of the
 * HMAC.  crypto_sm4_open checks the tag before it decrypts, and returns -1
 * (out untouched) when it does not match.  -1 with errno ENOMEM when
 * OpenSSL failed.
 */
#define SM4_SEAL_KEY_LEN 48
#define SM4_TAG_LEN	16
int	 crypto_sm4_seal(const unsigned char key[SM4_SEAL_KEY_LEN],
	    const unsigned char nonce[12], const void *in, size_t len,
	    unsigned char *out, unsigned char tag[SM4_TAG_LEN]);
int	 crypto_sm4_open(const unsigned char key[SM4_SEAL_KEY_LEN],
	    const unsigned char nonce[12], const void *in, size_t len,
	    const unsigned char tag[SM4_TAG_LEN], unsigned char *out);

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
