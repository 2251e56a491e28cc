/*
 * crypto.c: OpenSSL 3 behind small functions: random bytes, hex, SHA-256,
 * Ed25519 keys and signatures, X25519, HKDF and AES-256-GCM for the
 * bundles' encryption, and the scrypt password hash.  Nothing here
 * logs or talks to the user; callers map -1 to their own message.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "arena.h"
#include "crypto.h"

/* Parameters of new password hashes; see crypto.h. */
#define PW_LOG2N	17
#define PW_R		8
#define PW_P		1
#define PW_SALT		16
#define PW_KEY		32

/*
 * Bounds on the parameters read back from a stored hash, so a corrupt or
 * hostile row cannot make a worker allocate gigabytes or spin for minutes.
 * scrypt needs 128 * r * (N + 2 + p) bytes: 128 MiB today; MAXMEM allows
 * twice that (N = 2^18) and no more.
 */
#define PW_MAXMEM	(257ULL * 1024 * 1024)
#define PW_LOG2N_MIN	10
#define PW_LOG2N_MAX	22
#define PW_R_MAX	32
#define PW_P_MAX	16
#define PW_COST_MAX	(1ULL << 22)	/* N * r * p: four times today's */
#define PW_SALT_MIN	16
#define PW_SALT_MAX	64

void
crypto_random(void *buf, size_t len)
{
	unsigned char	*p = buf;
	int		 n;

	while (len > 0) {
		n = len > INT_MAX ? INT_MAX : (int)len;
		/* No safe way on without randomness: the request ends
		 * with the busy page, a command ends (arena.h). */
		if (RAND_bytes(p, n) != 1)
			pool_fail("no random bytes");
		p += n;
		len -= (size_t)n;
	}
}

void
crypto_hex(const void *in, size_t len, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	const unsigned char	*p = in;
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

int
crypto_hex_valid(const char *s, size_t n)
{
	size_t	 i;

	/* A NUL ends the loop: it is no digit. */
	for (i = 0; s != NULL && i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s != NULL && s[n] == '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Both cases of digit are accepted; the string must be exactly 2*outlen
 * digits long.  out is untouched on failure.
 */
int
crypto_unhex(const char *hex, void *out, size_t outlen)
{
	unsigned char	*p = out;
	size_t		 i;
	int		 hi, lo;

	if (hex == NULL || strlen(hex) != 2 * outlen)
		return -1;
	for (i = 0; i < 2 * outlen; i++)
		if (hexval(hex[i]) < 0)
			return -1;
	for (i = 0; i < outlen; i++) {
		hi = hexval(hex[2 * i]);
		lo = hexval(hex[2 * i + 1]);
		p[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int
crypto_sha256(const void *in, size_t len, unsigned char out[SHA256_LEN])
{
	return EVP_Digest(in, len, out, NULL, EVP_sha256(), NULL) == 1 ? 0 :
	    -1;
}

int
crypto_sha256_hex(const void *in, size_t len, char out[SHA256_HEX])
{
	unsigned char	md[SHA256_LEN];

	out[0] = '\0';
	if (crypto_sha256(in, len, md) == -1)
		return -1;
	crypto_hex(md, sizeof(md), out);
	return 0;
}

int
crypto_sha256_file(const char *path, char out[SHA256_HEX])
{
	return crypto_digest_file(path, EVP_sha256(), out);
}

int
crypto_digest_file(const char *path, const EVP_MD *alg, char out[SHA256_HEX])
{
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	rc = crypto_digest_fd(fd, alg, out);
	close(fd);
	return rc;
}

int
crypto_digest_fd(int fd, const EVP_MD *alg, char out[SHA256_HEX])
{
	unsigned char	 buf[65536], md[SHA256_LEN];
	EVP_MD_CTX	*ctx;
	off_t		 off = 0;
	ssize_t		 n;
	int		 rc = -1;

	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, alg, NULL) != 1)
		goto out;
	for (;;) {
		if ((n = pread(fd, buf, sizeof(buf), off)) == -1) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		if (n == 0)
			break;
		off += n;
		if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(ctx, md, NULL) != 1)
		goto out;
	crypto_hex(md, sizeof(md), out);
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/*
 * An HMAC-SHA-256 fed in parts (EVP_MAC), so that callers hash what they
 * would otherwise have to join into one allocated buffer.  Every step
 * answers -1 when OpenSSL cannot (memory); the context is then spoiled
 * and crypto_hmac_end() fails too, and frees it either way.
 */
struct crypto_hmac {
	EVP_MAC		*mac;
	EVP_MAC_CTX	*ctx;
	int		 failed;
};

struct crypto_hmac *
crypto_hmac_new(const void *key, size_t keylen)
{
	struct crypto_hmac	*h;
	OSSL_PARAM		 params[2];
	char			 digest[] = "SHA256";

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	if ((h->mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL ||
	    (h->ctx = EVP_MAC_CTX_new(h->mac)) == NULL ||
	    EVP_MAC_init(h->ctx, key, keylen, params) != 1) {
		crypto_hmac_free(h);
		return NULL;
	}
	return h;
}

int
crypto_hmac_add(struct crypto_hmac *h, const void *buf, size_t len)
{
	if (h == NULL || h->failed)
		return -1;
	if (len > 0 && EVP_MAC_update(h->ctx, buf, len) != 1) {
		h->failed = 1;
		return -1;
	}
	return 0;
}

int
crypto_hmac_end(struct crypto_hmac *h, unsigned char out[SHA256_LEN])
{
	size_t	 n = 0;
	int	 rc = -1;

	if (h != NULL && !h->failed &&
	    EVP_MAC_final(h->ctx, out, &n, SHA256_LEN) == 1 &&
	    n == SHA256_LEN)
		rc = 0;
	crypto_hmac_free(h);
	return rc;
}

void
crypto_hmac_free(struct crypto_hmac *h)
{
	if (h == NULL)
		return;
	EVP_MAC_CTX_free(h->ctx);
	EVP_MAC_free(h->mac);
	free(h);
}

int
crypto_hmac_sha256(const void *key, size_t keylen, const void *msg,
    size_t len, unsigned char out[SHA256_LEN])
{
	struct crypto_hmac	*h;

	if ((h = crypto_hmac_new(key, keylen)) == NULL)
		return -1;
	(void)crypto_hmac_add(h, msg, len);
	return crypto_hmac_end(h, out);
}

/* 0 when equal, -1 when not, in time that depends only on len. */
int
crypto_equal(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len) == 0 ? 0 : -1;
}

int
crypto_write_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Create path with mode, which must not exist yet (an existing key is
 * never overwritten), holding the contents of the memory BIO, synced.
 * On failure the file is removed.
 */
static int
write_new_file(const char *path, mode_t mode, BIO *bio)
{
	char	*data;
	long	 len;
	int	 fd;

	if ((len = BIO_get_mem_data(bio, &data)) <= 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd == -1)
		return -1;
	if (fchmod(fd, mode) == -1 ||		/* whatever the umask */
	    crypto_write_all(fd, data, (size_t)len) == -1 ||
	    fsync(fd) == -1) {
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) == -1) {
		unlink(path);
		return -1;
	}
	return 0;
}

int
crypto_secret_create(const char *path, size_t nbytes)
{
	unsigned char	 raw[64];
	char		 hex[2 * sizeof(raw) + 2];
	BIO		*bio;
	int		 rc = -1;

	if (nbytes == 0 || nbytes > sizeof(raw))
		return -1;
	crypto_random(raw, nbytes);
	crypto_hex(raw, nbytes, hex);
	strcat(hex, "\n");
	if ((bio = BIO_new(BIO_s_secmem())) != NULL &&
	    BIO_write(bio, hex, (int)strlen(hex)) == (int)strlen(hex))
		rc = write_new_file(path, 0600, bio);
	BIO_free(bio);
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(hex, sizeof(hex));
	return rc;
}

int
crypto_secret_read(const char *path, char *hex, size_t hexlen)
{
	FILE	*f;
	size_t	 n, i;

	if ((f = fopen(path, "re")) == NULL)
		return -1;
	/* A line longer than the buffer is refused, not cut short. */
	if (fgets(hex, (int)hexlen, f) == NULL ||
	    (strchr(hex, '\n') == NULL && fgetc(f) != EOF)) {
		fclose(f);
		OPENSSL_cleanse(hex, hexlen);
		return -1;
	}
	fclose(f);
	hex[strcspn(hex, "\r\n")] = '\0';
	n = strlen(hex);
	for (i = 0; i < n; i++)
		if (hexval(hex[i]) < 0)
			n = 0;
	if (n == 0 || n % 2 != 0) {
		OPENSSL_cleanse(hex, hexlen);
		return -1;
	}
	return 0;
}

/*
 * Generate a key pair of type alg ("ED25519" or "X25519"): the private
 * key as PKCS#8 PEM in priv_path (mode 0600), the public key as
 * SubjectPublicKeyInfo PEM in pub_path (mode 0644).  Refuses (-1) if
 * either file exists; leaves neither behind on failure.
 */
static int
keygen(const char *alg, const char *priv_path, const char *pub_path)
{
	EVP_PKEY	*key;
	BIO		*priv = NULL, *pub = NULL;
	int		 rc = -1;

	if ((key = EVP_PKEY_Q_keygen(NULL, NULL, alg)) == NULL)
		return -1;
	/* secure memory: the buffer is cleansed when freed */
	if ((priv = BIO_new(BIO_s_secmem())) == NULL ||
	    (pub = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	if (PEM_write_bio_PrivateKey(priv, key, NULL, NULL, 0, NULL,
	    NULL) != 1 || PEM_write_bio_PUBKEY(pub, key) != 1)
		goto out;
	if (write_new_file(priv_path, 0600, priv) == -1)
		goto out;
	if (write_new_file(pub_path, 0644, pub) == -1) {
		unlink(priv_path);
		goto out;
	}
	rc = 0;
out:
	BIO_free(priv);
	BIO_free(pub);
	EVP_PKEY_free(key);
	return rc;
}

int
crypto_keygen_alg(const char *alg, const char *priv_path,
    const char *pub_path)
{
	return keygen(alg, priv_path, pub_path);
}

int
crypto_keygen(const char *priv_path, const char *pub_path)
{
	return keygen("ED25519", priv_path, pub_path);
}

int
crypto_box_keygen(const char *priv_path, const char *pub_path)
{
	return keygen("X25519", priv_path, pub_path);
}

int
crypto_private_mode(const char *path, unsigned *mode)
{
	struct stat	st;

	*mode = 0;
	if (stat(path, &st) == -1)
		return -1;
	*mode = (unsigned)(st.st_mode & 07777);
	if (st.st_mode & 077) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

/*
 * Load a PEM key of either kind; NULL unless it is a key of type alg.  A
 * private key file that group or others may read is refused (errno
 * EACCES): crypto_private_mode() says so.
 */
static EVP_PKEY *
load_key(const char *path, int private, const char *alg)
{
	EVP_PKEY	*key;
	FILE		*f;
	struct stat	 st;

	if ((f = fopen(path, "re")) == NULL)
		return NULL;
	if (private && (fstat(fileno(f), &st) == -1 || (st.st_mode & 077))) {
		fclose(f);
		errno = EACCES;
		return NULL;
	}
	if (private)
		key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	else
		key = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (key != NULL && !EVP_PKEY_is_a(key, alg)) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	return key;
}

EVP_PKEY *
crypto_load_key(const char *path, int private, const char *alg)
{
	return load_key(path, private, alg);
}

EVP_PKEY *
crypto_load_private(const char *path)
{
	return load_key(path, 1, "ED25519");
}

EVP_PKEY *
crypto_load_public(const char *path)
{
	return load_key(path, 0, "ED25519");
}

EVP_PKEY *
crypto_box_load_private(const char *path)
{
	return load_key(path, 1, "X25519");
}

EVP_PKEY *
crypto_box_load_public(const char *path)
{
	return load_key(path, 0, "X25519");
}

/*
 * Ed25519 signs the message itself (no separate digest), hence the NULL
 * md.  *siglen is the size of sig on entry, the length used on return;
 * 64 bytes are enough.
 */
int
crypto_sign(EVP_PKEY *key, const void *msg, size_t len,
    unsigned char *sig, size_t *siglen)
{
	EVP_MD_CTX	*ctx;
	int		 rc = -1;

	if (key != NULL && EVP_PKEY_is_a(key, "SM2")) {
		if (*siglen < SM2_SIG_LEN || crypto_sm2_sign(key, msg, len,
		    sig) == -1)
			return -1;
		*siglen = SM2_SIG_LEN;
		return 0;
	}
	if (key == NULL || !EVP_PKEY_is_a(key, "ED25519") ||
	    *siglen < (size_t)EVP_PKEY_get_size(key))
		return -1;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
	    EVP_DigestSign(ctx, sig, siglen, msg, len) == 1)
		rc = 0;
	EVP_MD_CTX_free(ctx);
	return rc;
}

int
crypto_verify(EVP_PKEY *key, const void *msg, size_t len,
    const unsigned char *sig, size_t siglen)
{
	EVP_MD_CTX	*ctx;
	int		 rc = -1;

	if (key != NULL && EVP_PKEY_is_a(key, "SM2"))
		return crypto_sm2_verify(key, msg, len, sig, siglen);
	if (key == NULL || !EVP_PKEY_is_a(key, "ED25519"))
		return -1;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	if (EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 &&
	    EVP_DigestVerify(ctx, sig, siglen, msg, len) == 1)
		rc = 0;
	EVP_MD_CTX_free(ctx);
	return rc;
}

int
crypto_key_id(EVP_PKEY *key, char out[KEY_ID_LEN + 1])
{
	unsigned char	 raw[SM2_PUB_LEN], md[SHA256_LEN];
	char		 hex[SHA256_HEX];
	size_t		 n = sizeof(raw);

	if (key == NULL)
		return -1;
	if (EVP_PKEY_is_a(key, "SM2")) {
		if (crypto_sm2_public(key, raw) == -1 ||
		    crypto_sm3(raw, SM2_PUB_LEN, md) == -1)
			return -1;
	} else if (EVP_PKEY_get_raw_public_key(key, raw, &n) != 1 ||
	    EVP_Digest(raw, n, md, NULL, EVP_sha256(), NULL) != 1)
		return -1;
	crypto_hex(md, sizeof(md), hex);
	memcpy(out, hex, KEY_ID_LEN);
	out[KEY_ID_LEN] = '\0';
	return 0;
}

int
crypto_box_public(EVP_PKEY *key, unsigned char out[BOX_LEN])
{
	size_t	len = BOX_LEN;

	if (key == NULL || !EVP_PKEY_is_a(key, "X25519") ||
	    EVP_PKEY_get_raw_public_key(key, out, &len) != 1 ||
	    len != BOX_LEN)
		return -1;
	return 0;
}

int
crypto_box_secret(EVP_PKEY *key, unsigned char out[BOX_LEN])
{
	size_t	len = BOX_LEN;

	if (key == NULL || !EVP_PKEY_is_a(key, "X25519") ||
	    EVP_PKEY_get_raw_private_key(key, out, &len) != 1 ||
	    len != BOX_LEN) {
		OPENSSL_cleanse(out, BOX_LEN);
		return -1;
	}
	return 0;
}

EVP_PKEY *
crypto_box_from_secret(const unsigned char secret[BOX_LEN])
{
	return EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, secret,
	    BOX_LEN);
}

/*
 * RFC 7748's check: a peer value of small order gives an all-zero
 * shared secret, which would make the key independent of our secret.
 */
int
crypto_x25519(EVP_PKEY *priv, const unsigned char peer[BOX_LEN],
    unsigned char out[BOX_LEN])
{
	EVP_PKEY	*pub;
	EVP_PKEY_CTX	*ctx = NULL;
	unsigned char	 zero[BOX_LEN];
	size_t		 len = BOX_LEN;
	int		 rc = -1;

	if (priv == NULL || !EVP_PKEY_is_a(priv, "X25519"))
		return -1;
	if ((pub = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer,
	    BOX_LEN)) == NULL)
		return -1;
	if ((ctx = EVP_PKEY_CTX_new(priv, NULL)) != NULL &&
	    EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, pub) == 1 &&
	    EVP_PKEY_derive(ctx, out, &len) == 1 && len == BOX_LEN) {
		memset(zero, 0, sizeof(zero));
		rc = CRYPTO_memcmp(out, zero, BOX_LEN) == 0 ? -1 : 0;
	}
	if (rc == -1)
		OPENSSL_cleanse(out, BOX_LEN);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pub);
	return rc;
}

int
crypto_hkdf(const void *key, size_t keylen, const void *salt,
    size_t saltlen, const void *info, size_t infolen, unsigned char *out,
    size_t outlen)
{
	EVP_KDF		*kdf;
	EVP_KDF_CTX	*ctx = NULL;
	OSSL_PARAM	 params[5], *q = params;
	int		 rc = -1;

	if ((kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_HKDF, NULL)) == NULL)
		return -1;
	if ((ctx = EVP_KDF_CTX_new(kdf)) == NULL)
		goto out;
	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)key, keylen);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, saltlen);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (void *)info, infolen);
	*q = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, out, outlen, params) == 1)
		rc = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return rc;
}

/*
 * One AES-256-GCM operation over a whole message with adlen bytes of
 * associated data (ad may be NULL when adlen is 0); enc 1 seals, 0 opens.
 */
static int
gcm(int enc, const unsigned char key[GCM_KEY_LEN],
    const unsigned char nonce[GCM_NONCE_LEN], const void *ad, size_t adlen,
    const void *in, size_t len, unsigned char *out,
    unsigned char tag[GCM_TAG_LEN])
{
	EVP_CIPHER_CTX	*ctx;
	int		 n, rc = -1;

	if (len > INT_MAX || adlen > INT_MAX ||
	    (ctx = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL,
	    enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, GCM_NONCE_LEN,
	    NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) != 1)
		goto out;
	if (adlen > 0 && EVP_CipherUpdate(ctx, NULL, &n, ad, (int)adlen) != 1)
		goto out;
	if (len > 0 && (EVP_CipherUpdate(ctx, out, &n, in, (int)len) != 1 ||
	    (size_t)n != len))
		goto out;
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
	    GCM_TAG_LEN, tag) != 1)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out + len, &n) != 1)
		goto out;	/* opening: the tag does not match */
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
	    GCM_TAG_LEN, tag) != 1)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (rc == -1 && !enc && len > 0)
		OPENSSL_cleanse(out, len);
	return rc;
}

int
crypto_gcm_seal(const unsigned char key[GCM_KEY_LEN],
    const unsigned char nonce[GCM_NONCE_LEN], const void *in, size_t len,
    unsigned char *out, unsigned char tag[GCM_TAG_LEN])
{
	return crypto_gcm_seal_ad(key, nonce, NULL, 0, in, len, out, tag);
}

int
crypto_gcm_open(const unsigned char key[GCM_KEY_LEN],
    const unsigned char nonce[GCM_NONCE_LEN], const void *in, size_t len,
    const unsigned char tag[GCM_TAG_LEN], unsigned char *out)
{
	return crypto_gcm_open_ad(key, nonce, NULL, 0, in, len, tag, out);
}

int
crypto_gcm_seal_ad(const unsigned char key[GCM_KEY_LEN],
    const unsigned char nonce[GCM_NONCE_LEN], const void *ad, size_t adlen,
    const void *in, size_t len, unsigned char *out,
    unsigned char tag[GCM_TAG_LEN])
{
	return gcm(1, key, nonce, ad, adlen, in, len, out, tag);
}

int
crypto_gcm_open_ad(const unsigned char key[GCM_KEY_LEN],
    const unsigned char nonce[GCM_NONCE_LEN], const void *ad, size_t adlen,
    const void *in, size_t len, const unsigned char tag[GCM_TAG_LEN],
    unsigned char *out)
{
	unsigned char	t[GCM_TAG_LEN];

	memcpy(t, tag, GCM_TAG_LEN);
	return gcm(0, key, nonce, ad, adlen, in, len, out, t);
}

/*
 * scrypt of password with the given parameters into key (keylen bytes),
 * through the EVP_KDF interface.  The caller has bounded the parameters.
 */
static int
scrypt(const char *password, const unsigned char *salt, size_t saltlen,
    unsigned log2n, uint32_t r, uint32_t p, unsigned char *key,
    size_t keylen)
{
	EVP_KDF		*kdf;
	EVP_KDF_CTX	*ctx = NULL;
	OSSL_PARAM	 params[7], *q = params;
	uint64_t	 n = (uint64_t)1 << log2n, maxmem = PW_MAXMEM;
	int		 rc = -1;

	if ((kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_SCRYPT, NULL)) == NULL)
		return -1;
	if ((ctx = EVP_KDF_CTX_new(kdf)) == NULL)
		goto out;
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)password, strlen(password));
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, saltlen);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM,
	    &maxmem);
	*q = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, key, keylen, params) == 1)
		rc = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return rc;
}

/*
 * Hash password with a fresh salt into out as
 * "scrypt$17$8$1$<32 hex salt>$<64 hex key>".
 */
int
crypto_pw_hash(const char *password, char out[PWHASH_MAX])
{
	unsigned char	salt[PW_SALT], key[PW_KEY];
	char		salthex[2 * PW_SALT + 1], keyhex[2 * PW_KEY + 1];
	int		n;

	if (password == NULL)
		return -1;
	crypto_random(salt, sizeof(salt));
	if (scrypt(password, salt, sizeof(salt), PW_LOG2N, PW_R, PW_P,
	    key, sizeof(key)) == -1)
		return -1;
	crypto_hex(salt, sizeof(salt), salthex);
	crypto_hex(key, sizeof(key), keyhex);
	OPENSSL_cleanse(key, sizeof(key));
	n = snprintf(out, PWHASH_MAX, "scrypt$%d$%d$%d$%s$%s", PW_LOG2N,
	    PW_R, PW_P, salthex, keyhex);
	OPENSSL_cleanse(keyhex, sizeof(keyhex));
	return n > 0 && n < PWHASH_MAX ? 0 : -1;
}

/*
 * Parse a decimal field of 1 to 3 digits, no sign or leading zero, ended
 * by '$'.  Advances *sp past the '$'.
 */
static int
pw_number(const char **sp, unsigned *v)
{
	const char	*s = *sp;
	unsigned	 n = 0;
	int		 i;

	if (*s < '1' || *s > '9')
		return -1;
	for (i = 0; i < 3 && *s >= '0' && *s <= '9'; i++, s++)
		n = n * 10 + (unsigned)(*s - '0');
	if (*s != '$')
		return -1;
	*sp = s + 1;
	*v = n;
	return 0;
}

/*
 * 0 when password hashes to stored under stored's own parameters and
 * salt, -1 when it does not or when stored is not a well-formed hash with
 * parameters inside the bounds above.
 */
int
crypto_pw_verify(const char *password, const char *stored)
{
	unsigned char	 salt[PW_SALT_MAX], want[PW_KEY], got[PW_KEY];
	char		 salthex[2 * PW_SALT_MAX + 1];
	const char	*s, *dollar;
	unsigned	 log2n, r, p;
	size_t		 slen;
	int		 rc = -1;

	if (password == NULL || stored == NULL ||
	    strncmp(stored, "scrypt$", 7) != 0)
		return -1;
	s = stored + 7;
	if (pw_number(&s, &log2n) == -1 || pw_number(&s, &r) == -1 ||
	    pw_number(&s, &p) == -1)
		return -1;
	if (log2n < PW_LOG2N_MIN || log2n > PW_LOG2N_MAX ||
	    r > PW_R_MAX || p > PW_P_MAX)
		return -1;
	if (((uint64_t)1 << log2n) * r * p > PW_COST_MAX ||
	    128ULL * r * (((uint64_t)1 << log2n) + 2 + p) > PW_MAXMEM)
		return -1;
	if ((dollar = strchr(s, '$')) == NULL)
		return -1;
	slen = (size_t)(dollar - s);
	if (slen % 2 != 0 || slen < 2 * PW_SALT_MIN || slen > 2 * PW_SALT_MAX)
		return -1;
	memcpy(salthex, s, slen);
	salthex[slen] = '\0';
	if (crypto_unhex(salthex, salt, slen / 2) == -1 ||
	    crypto_unhex(dollar + 1, want, sizeof(want)) == -1)
		return -1;
	if (scrypt(password, salt, slen / 2, log2n, r, p, got,
	    sizeof(got)) == 0 && crypto_equal(got, want, sizeof(got)) == 0)
		rc = 0;
	OPENSSL_cleanse(got, sizeof(got));
	return rc;
}
