/*
 * pki.c: staff client certificates with OpenSSL 3 (ACC-4, SEC-1): issue
 * one from the local CA as PKCS#12, and recognise the one nginx verified.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "pki.h"

#define SERIAL_BYTES	16
#define BACKDATE	300		/* seconds, for clocks a little behind */
#define PEM_MAX		(64 * 1024)	/* a presented certificate, escaped */

static X509 *
load_cert(const char *path)
{
	X509	*x;
	FILE	*f;

	if (path == NULL || (f = fopen(path, "re")) == NULL)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return x;
}

static int
cert_sha256(X509 *x, char out[SHA256_HEX])
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	n = 0;

	if (X509_digest(x, EVP_sha256(), md, &n) != 1 || n != SHA256_LEN)
		return -1;
	crypto_hex(md, n, out);
	return 0;
}

int
pki_ca_sha256(const char *path, char out[SHA256_HEX])
{
	X509	*x;
	int	 rc;

	if ((x = load_cert(path)) == NULL)
		return -1;
	rc = cert_sha256(x, out);
	X509_free(x);
	return rc;
}

/* One v3 extension, written as in openssl.cnf, with ca as the issuer. */
static int
add_ext(X509 *x, X509 *ca, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;
	int		 rc;

	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, ca, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		return -1;
	rc = X509_add_ext(x, e, -1) == 1 ? 0 : -1;
	X509_EXTENSION_free(e);
	return rc;
}

/* A positive random serial of SERIAL_BYTES, also as lower-case hex. */
static int
set_serial(X509 *x, char hex[PKI_SERIAL_MAX])
{
	unsigned char	 raw[SERIAL_BYTES];
	BIGNUM		*bn;
	int		 rc = -1;

	crypto_random(raw, sizeof(raw));
	raw[0] &= 0x7f;
	raw[0] |= 0x40;		/* positive, and always 16 bytes long */
	if ((bn = BN_bin2bn(raw, sizeof(raw), NULL)) != NULL &&
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL)
		rc = 0;
	BN_free(bn);
	crypto_hex(raw, sizeof(raw), hex);
	return rc;
}

/* The certificate for q, signed by ca with cakey, for key. */
static X509 *
make_cert(const struct pki_request *q, X509 *ca, EVP_PKEY *cakey,
    EVP_PKEY *key, struct pki_issued *out)
{
	X509		*x;
	X509_NAME	*nm;
	time_t		 now = q->now;

	if ((x = X509_new()) == NULL)
		return NULL;
	nm = X509_get_subject_name(x);
	if (X509_set_version(x, X509_VERSION_3) != 1 ||
	    set_serial(x, out->serial) == -1 ||
	    X509_time_adj_ex(X509_getm_notBefore(x), 0, -BACKDATE, &now) ==
	    NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), q->days, 0, &now) ==
	    NULL ||
	    X509_NAME_add_entry_by_txt(nm, "O", MBSTRING_UTF8,
	    (const unsigned char *)"Yiwang", -1, -1, 0) != 1 ||
	    X509_NAME_add_entry_by_txt(nm, "OU", MBSTRING_UTF8,
	    (const unsigned char *)"staff", -1, -1, 0) != 1 ||
	    X509_NAME_add_entry_by_txt(nm, "UID", MBSTRING_UTF8,
	    (const unsigned char *)q->login, -1, -1, 0) != 1 ||
	    X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_UTF8,
	    (const unsigned char *)q->name, -1, -1, 0) != 1 ||
	    X509_set_issuer_name(x, X509_get_subject_name(ca)) != 1 ||
	    X509_set_pubkey(x, key) != 1 ||
	    add_ext(x, ca, NID_basic_constraints, "critical,CA:FALSE") ||
	    add_ext(x, ca, NID_key_usage, "critical,digitalSignature") ||
	    add_ext(x, ca, NID_ext_key_usage, "clientAuth") ||
	    add_ext(x, ca, NID_subject_key_identifier, "hash") ||
	    add_ext(x, ca, NID_authority_key_identifier, "keyid") ||
	    X509_sign(x, cakey, EVP_sha256()) == 0) {
		X509_free(x);
		return NULL;
	}
	out->not_after = now + (time_t)q->days * 86400;
	return x;
}

/* p12 into path via path.tmp, mode 0600, synced. */
static int
write_p12(PKCS12 *p12, const char *path)
{
	char	 tmp[PATH_MAX];
	FILE	*f;
	int	 fd, ok;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -1;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return -1;
	if (fchmod(fd, 0600) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	ok = i2d_PKCS12_fp(f, p12) == 1 && fflush(f) == 0 &&
	    fsync(fileno(f)) == 0;
	if (fclose(f) != 0 || !ok || rename(tmp, path) == -1) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

enum pki_rc
pki_issue(const struct pki_request *q, struct pki_issued *out)
{
	X509		*ca = NULL, *x = NULL;
	EVP_PKEY	*cakey = NULL, *key = NULL;
	STACK_OF(X509)	*chain = NULL;
	PKCS12		*p12 = NULL;
	FILE		*f;
	enum pki_rc	 rc = PKI_ERR;

	memset(out, 0, sizeof(*out));
	if (q->password == NULL || q->login == NULL || q->name == NULL ||
	    q->path == NULL || q->days <= 0)
		return PKI_ERR;
	if ((ca = load_cert(q->ca_cert)) == NULL || cert_sha256(ca,
	    out->ca_sha256) == -1) {
		rc = PKI_CA_CERT;
		goto out;
	}
	if (q->ca_key == NULL || (f = fopen(q->ca_key, "re")) == NULL) {
		rc = PKI_CA_KEY;
		goto out;
	}
	cakey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (cakey == NULL || X509_check_private_key(ca, cakey) != 1) {
		rc = PKI_CA_MISMATCH;
		goto out;
	}
	if ((key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL ||
	    (x = make_cert(q, ca, cakey, key, out)) == NULL ||
	    cert_sha256(x, out->sha256) == -1 ||
	    (chain = sk_X509_new_null()) == NULL ||
	    sk_X509_push(chain, ca) <= 0)
		goto out;
	/* OpenSSL 3's defaults: AES-256-CBC, PBKDF2, an HMAC-SHA-256 MAC. */
	if ((p12 = PKCS12_create(q->password, q->name, key, x, chain, 0, 0, 0,
	    0, 0)) == NULL)
		goto out;
	if (write_p12(p12, q->path) == -1) {
		rc = PKI_WRITE;
		goto out;
	}
	rc = PKI_OK;
out:
	sk_X509_free(chain);	/* ca itself is freed below */
	PKCS12_free(p12);
	X509_free(x);
	X509_free(ca);
	EVP_PKEY_free(key);
	EVP_PKEY_free(cakey);
	if (rc != PKI_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* The certificate nginx verified and passed on (pki_presented()), or
 * NULL; the caller frees it. */
static X509 *
presented_x509(const char *verify, const char *escaped_pem)
{
	unsigned char	 c;
	char		*pem, *p, hex[3] = "";
	size_t		 len, i;
	BIO		*bio;
	X509		*x = NULL;

	if (verify == NULL || strcmp(verify, "SUCCESS") != 0 ||
	    escaped_pem == NULL || (len = strlen(escaped_pem)) == 0 ||
	    len > PEM_MAX)
		return NULL;
	if ((pem = malloc(len + 1)) == NULL)
		return NULL;	/* refused, as a certificate not shown is */
	/* nginx escapes the PEM as a URI component: %XX only */
	for (i = 0, p = pem; i < len; i++) {
		hex[0] = escaped_pem[i + 1];
		hex[1] = hex[0] != '\0' ? escaped_pem[i + 2] : '\0';
		if (escaped_pem[i] == '%' && crypto_unhex(hex, &c, 1) == 0) {
			*p++ = (char)c;
			i += 2;
		} else
			*p++ = escaped_pem[i];
	}
	if ((bio = BIO_new_mem_buf(pem, (int)(p - pem))) != NULL)
		x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	BIO_free(bio);
	free(pem);
	return x;
}

int
pki_presented(const char *verify, const char *escaped_pem,
    char out[SHA256_HEX])
{
	X509	*x;
	int	 rc;

	if ((x = presented_x509(verify, escaped_pem)) == NULL)
		return -1;
	rc = cert_sha256(x, out);
	X509_free(x);
	return rc;
}

int
pki_presented_name(const char *verify, const char *escaped_pem,
    char *name, size_t namelen)
{
	X509		*x;
	X509_NAME	*subj;
	X509_NAME_ENTRY	*e;
	unsigned char	*utf8 = NULL;
	int		 i, len, rc = -1;

	if (namelen == 0 || (x = presented_x509(verify, escaped_pem)) == NULL)
		return -1;
	if ((subj = X509_get_subject_name(x)) != NULL &&
	    (i = X509_NAME_get_index_by_NID(subj, NID_commonName, -1)) >= 0 &&
	    (e = X509_NAME_get_entry(subj, i)) != NULL &&
	    (len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e))) >
	    0 && (size_t)len < namelen && memchr(utf8, '\0', len) == NULL) {
		memcpy(name, utf8, len);
		name[len] = '\0';
		rc = 0;
	}
	OPENSSL_free(utf8);
	X509_free(x);
	return rc;
}
