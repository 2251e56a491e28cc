/*
 * test_pki.c: unit tests of cgi/core/pki.c: a client certificate issued as
 * PKCS#12 opens with its password only, chains to the CA, is for client
 * authentication only and names the person; what it reports matches the
 * file; a CA key that does not fit or a path that cannot be written is
 * refused; the certificate nginx passes on is recognised only when nginx
 * verified it.
 */
#include <sys/stat.h>

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "pki.h"

#define PASSWORD	"Yiwang@2026"
#define NOW		((time_t)1796000000)	/* 2026-11-30 */

static struct {
	char	dir[64];
	char	ca_cert[PATH_MAX], ca_key[PATH_MAX], other_key[PATH_MAX];
} fx;

static int
write_key(const char *path, EVP_PKEY *k)
{
	FILE	*f;
	int	 ok;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	ok = PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) == 1;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* A self-signed CA like the one ./run makes, and a key that is not its. */
static int
group_setup(void **state)
{
	EVP_PKEY	*k, *o;
	X509		*x;
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;
	FILE		*f;
	int		 ok;

	(void)state;
	strcpy(fx.dir, "/tmp/yw-pki-XXXXXX");
	if (mkdtemp(fx.dir) == NULL)
		return -1;
	snprintf(fx.ca_cert, sizeof(fx.ca_cert), "%s/ca.crt", fx.dir);
	snprintf(fx.ca_key, sizeof(fx.ca_key), "%s/ca.key", fx.dir);
	snprintf(fx.other_key, sizeof(fx.other_key), "%s/other.key", fx.dir);
	k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	o = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	x = X509_new();
	if (k == NULL || o == NULL || x == NULL)
		return -1;
	X509_set_version(x, X509_VERSION_3);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), -86400);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400L * 3650 * 2);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN",
	    MBSTRING_UTF8, (const unsigned char *)"test CA", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509_set_pubkey(x, k);
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, NID_basic_constraints,
	    "critical,CA:TRUE");
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	e = X509V3_EXT_conf_nid(NULL, &ctx, NID_subject_key_identifier,
	    "hash");
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	if (X509_sign(x, k, EVP_sha256()) == 0)
		return -1;
	if ((f = fopen(fx.ca_cert, "w")) == NULL)
		return -1;
	ok = PEM_write_X509(f, x) == 1;
	if (fclose(f) != 0 || !ok || write_key(fx.ca_key, k) == -1 ||
	    write_key(fx.other_key, o) == -1)
		return -1;
	X509_free(x);
	EVP_PKEY_free(k);
	EVP_PKEY_free(o);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	unlink(fx.ca_cert);
	unlink(fx.ca_key);
	unlink(fx.other_key);
	return rmdir(fx.dir);		/* each test removes its own files */
}

static void
request(struct pki_request *q, const char *path)
{
	memset(q, 0, sizeof(*q));
	q->ca_cert = fx.ca_cert;
	q->ca_key = fx.ca_key;
	q->login = "liuxiaomei";
	q->name = "刘晓梅";
	q->now = NOW;
	q->days = 365;
	q->password = PASSWORD;
	q->path = path;
}

static X509 *
load_ca(void)
{
	X509	*x;
	FILE	*f;

	assert_non_null(f = fopen(fx.ca_cert, "r"));
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	assert_non_null(x);
	return x;
}

/* The certificate of the .p12 at path, opened with password (or NULL). */
static X509 *
open_p12(const char *path, const char *password)
{
	PKCS12		*p12;
	EVP_PKEY	*key = NULL;
	X509		*x = NULL;
	STACK_OF(X509)	*ca = NULL;
	FILE		*f;
	int		 ok;

	assert_non_null(f = fopen(path, "r"));
	p12 = d2i_PKCS12_fp(f, NULL);
	fclose(f);
	assert_non_null(p12);
	ok = PKCS12_parse(p12, password, &key, &x, &ca);
	PKCS12_free(p12);
	if (!ok)
		return NULL;
	/* the key belongs to the certificate, and the CA travels along */
	assert_int_equal(X509_check_private_key(x, key), 1);
	assert_int_equal(sk_X509_num(ca), 1);
	EVP_PKEY_free(key);
	sk_X509_pop_free(ca, X509_free);
	return x;
}

/* The PEM of x escaped as nginx's $ssl_client_escaped_cert is. */
static char *
escaped_pem(X509 *x)
{
	BIO	*b;
	char	*data, *out, *o;
	long	 len, i;

	assert_non_null(b = BIO_new(BIO_s_mem()));
	assert_int_equal(PEM_write_bio_X509(b, x), 1);
	len = BIO_get_mem_data(b, &data);
	assert_non_null(out = malloc((size_t)len * 3 + 1));
	for (i = 0, o = out; i < len; i++)
		if (strchr("\n +/=", data[i]) != NULL)
			o += sprintf(o, "%%%02X", (unsigned char)data[i]);
		else
			*o++ = data[i];
	*o = '\0';
	BIO_free(b);
	return out;
}

static void
test_issue(void **state)
{
	struct pki_request	 q;
	struct pki_issued	 is;
	struct stat		 st;
	X509			*x, *ca;
	EVP_PKEY		*capub;
	X509_NAME		*nm;
	ASN1_TIME		*t;
	char			 path[PATH_MAX], tmp[PATH_MAX + 8];
	char			 hex[SHA256_HEX], cn[64], uid[64], *pem;
	unsigned char		 md[32];
	unsigned int		 n;
	int			 days, secs;

	(void)state;
	snprintf(path, sizeof(path), "%s/liuxiaomei.p12", fx.dir);
	request(&q, path);
	assert_int_equal(pki_issue(&q, &is), PKI_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1);

	assert_null(open_p12(path, "wrong password"));
	assert_non_null(x = open_p12(path, PASSWORD));

	/* what pki_issue said is what the file holds */
	assert_int_equal(X509_digest(x, EVP_sha256(), md, &n), 1);
	crypto_hex(md, n, hex);
	assert_string_equal(is.sha256, hex);
	assert_int_equal(pki_ca_sha256(fx.ca_cert, hex), 0);
	assert_string_equal(is.ca_sha256, hex);
	assert_int_equal(strlen(is.serial), 32);
	assert_int_equal(is.not_after, NOW + 365 * 86400);

	/* signed by the CA, for client authentication, not a CA itself */
	ca = load_ca();
	assert_non_null(capub = X509_get_pubkey(ca));
	assert_int_equal(X509_verify(x, capub), 1);
	assert_int_equal(X509_check_issued(ca, x), X509_V_OK);
	assert_int_equal(X509_check_purpose(x, X509_PURPOSE_SSL_CLIENT, 0),
	    1);
	assert_int_equal(X509_check_purpose(x, X509_PURPOSE_SSL_SERVER, 0),
	    0);
	assert_int_equal(X509_check_ca(x), 0);
	nm = X509_get_subject_name(x);
	assert_true(X509_NAME_get_text_by_NID(nm, NID_commonName, cn,
	    sizeof(cn)) > 0);
	assert_string_equal(cn, "刘晓梅");
	assert_true(X509_NAME_get_text_by_NID(nm, NID_userId, uid,
	    sizeof(uid)) > 0);
	assert_string_equal(uid, "liuxiaomei");
	/* valid from a little before now, for 365 days */
	assert_non_null(t = ASN1_TIME_new());
	ASN1_TIME_set(t, NOW);
	assert_int_equal(ASN1_TIME_diff(&days, &secs, t,
	    X509_get0_notBefore(x)), 1);
	assert_true(days == 0 && secs < 0 && secs >= -600);
	assert_int_equal(ASN1_TIME_diff(&days, &secs, t,
	    X509_get0_notAfter(x)), 1);
	assert_int_equal(days, 365);
	ASN1_TIME_free(t);

	/* as nginx passes it on: recognised only when nginx verified it */
	pem = escaped_pem(x);
	assert_int_equal(pki_presented("SUCCESS", pem, hex), 0);
	assert_string_equal(hex, is.sha256);
	assert_int_equal(pki_presented("NONE", pem, hex), -1);
	assert_int_equal(pki_presented("FAILED:certificate has expired",
	    pem, hex), -1);
	assert_int_equal(pki_presented(NULL, pem, hex), -1);
	assert_int_equal(pki_presented("SUCCESS", "", hex), -1);
	assert_int_equal(pki_presented("SUCCESS", NULL, hex), -1);
	assert_int_equal(pki_presented("SUCCESS", "-----BEGIN%20CERTIFICATE"
	    "-----%0AAAAA%0A-----END%20CERTIFICATE-----%0A", hex), -1);
	assert_int_equal(pki_presented("SUCCESS", "%", hex), -1);
	assert_int_equal(pki_presented("SUCCESS", "%4", hex), -1);
	/* the name the operations server reads (GAP-6): the CN, in UTF-8,
	 * only when nginx verified it, and only when it fits */
	assert_int_equal(pki_presented_name("SUCCESS", pem, cn, sizeof(cn)),
	    0);
	assert_string_equal(cn, "刘晓梅");
	assert_int_equal(pki_presented_name("NONE", pem, cn, sizeof(cn)), -1);
	assert_int_equal(pki_presented_name("SUCCESS", "%4", cn, sizeof(cn)),
	    -1);
	assert_int_equal(pki_presented_name("SUCCESS", pem, cn, 9), -1);
	assert_int_equal(pki_presented_name("SUCCESS", pem, cn, 10), 0);
	free(pem);

	/* a second issue is another certificate */
	request(&q, path);
	assert_int_equal(pki_issue(&q, &is), PKI_OK);
	assert_string_not_equal(is.sha256, hex);

	EVP_PKEY_free(capub);
	X509_free(ca);
	X509_free(x);
	unlink(path);
}

static void
test_refuses(void **state)
{
	struct pki_request	q;
	struct pki_issued	is;
	char			path[PATH_MAX];

	(void)state;
	snprintf(path, sizeof(path), "%s/x.p12", fx.dir);
	request(&q, path);
	q.ca_key = fx.other_key;
	assert_int_equal(pki_issue(&q, &is), PKI_CA_MISMATCH);
	request(&q, path);
	q.ca_key = "/nonexistent/ca.key";
	assert_int_equal(pki_issue(&q, &is), PKI_CA_KEY);
	request(&q, path);
	q.ca_cert = NULL;
	assert_int_equal(pki_issue(&q, &is), PKI_CA_CERT);
	request(&q, path);
	q.ca_cert = fx.ca_key;		/* no certificate in it */
	assert_int_equal(pki_issue(&q, &is), PKI_CA_CERT);
	request(&q, path);
	q.password = NULL;
	assert_int_equal(pki_issue(&q, &is), PKI_ERR);
	request(&q, path);
	q.days = 0;
	assert_int_equal(pki_issue(&q, &is), PKI_ERR);
	assert_int_equal(access(path, F_OK), -1);
	request(&q, "/nonexistent/dir/x.p12");
	assert_int_equal(pki_issue(&q, &is), PKI_WRITE);
	assert_string_equal(is.sha256, "");
	assert_int_equal(pki_ca_sha256("/nonexistent/ca.crt", is.sha256), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue),
		cmocka_unit_test(test_refuses),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
