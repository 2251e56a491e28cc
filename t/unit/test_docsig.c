/*
 * test_docsig.c: the electronic seal of a document (DOC-1, EXT-6),
 * cgi/core/docsig.c and qrsvg.c: the canonical form byte for byte as
 * docs/seal.md specifies it; the check code against a vector computed
 * apart (Python's hashlib and the alphabet); codes as people type them;
 * signatures by Ed25519 and SM2 keys that verify, and fail when one byte
 * of any field, the code, the key id or the algorithm changes; the JSON
 * export read back; the QR code's SVG.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto.h"
#include "docsig.h"
#include "qrsvg.h"

static struct pool	*pool;
static char		 tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	pool = pool_new();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_docsig.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	pool_free(pool);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct docsig
sample(void)
{
	struct docsig	 d = {
		.dept = "SCJGJ", .kid = "0123456789abcdef", .alg = "ed25519",
		.doc_no = "锡市监准字〔2026〕0001号", .kind = "approve",
		.title = "准予行政许可决定书", .app_no = "YW2026112100001",
		.issued_at = "2026-11-23 02:15:00",
		.issued_by = "锡林浩特市市场监督管理局",
		.body = "{\"applicant_name\":\"乌云其木格\",\"opinion\":\"同意。\\n\"}",
	};

	return d;
}

/* The form docs/seal.md gives, written out. */
static void
canonical_exact(void **state)
{
	struct docsig	 d = sample();
	static const char want[] =
	    "yiwang-seal/1\n"
	    "dept 5:SCJGJ\n"
	    "kid 16:0123456789abcdef\n"
	    "alg 7:ed25519\n"
	    "doc_no 32:锡市监准字〔2026〕0001号\n"
	    "kind 7:approve\n"
	    "title 27:准予行政许可决定书\n"
	    "app_no 15:YW2026112100001\n"
	    "issued_at 19:2026-11-23 02:15:00\n"
	    "issued_by 36:锡林浩特市市场监督管理局\n"
	    "body 60:{\"applicant_name\":\"乌云其木格\",\"opinion\":\"同意。\\n\"}\n";
	char		*s;
	size_t		 len;

	(void)state;
	s = docsig_canonical(pool, &d, &len);
	assert_non_null(s);
	assert_int_equal(len, sizeof(want) - 1);
	assert_memory_equal(s, want, len);
	/* A value with a line end inside cannot pass for two fields. */
	d.title = "x\nkind 7:approve";
	s = docsig_canonical(pool, &d, &len);
	assert_non_null(strstr(s, "title 16:x\nkind 7:approve\n"));
	d = sample();
	d.body = NULL;
	assert_null(docsig_canonical(pool, &d, &len));
	d = sample();
	d.title = "\xff\xfe";
	assert_null(docsig_canonical(pool, &d, &len));
}

static void
check_code(void **state)
{
	unsigned char	 sig[64];
	char		 code[DOCSIG_CODE_LEN + 1];
	size_t		 i;

	(void)state;
	memset(sig, 0, sizeof(sig));
	assert_int_equal(docsig_code("ed25519", sig, sizeof(sig), code), 0);
	assert_string_equal(code, "YPJZTGPH");
	for (i = 0; i < sizeof(sig); i++)
		sig[i] = (unsigned char)i;
	assert_int_equal(docsig_code("ed25519", sig, sizeof(sig), code), 0);
	assert_string_equal(code, "ZQNBKB7K");
	/* SM2's is by SM3: another code for the same bytes. */
	assert_int_equal(docsig_code("sm2", sig, sizeof(sig), code), 0);
	assert_string_not_equal(code, "ZQNBKB7K");
	assert_int_equal(strspn(code, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"), 8);
}

static void
code_as_typed(void **state)
{
	char	 n[DOCSIG_CODE_LEN + 1];

	(void)state;
	assert_int_equal(docsig_code_normal("zqnbkb7k", n), 0);
	assert_string_equal(n, "ZQNBKB7K");
	assert_int_equal(docsig_code_normal("ZQNB-KB7K", n), 0);
	assert_string_equal(n, "ZQNBKB7K");
	assert_int_equal(docsig_code_normal(" ab o1 IL 23", n), 0);
	assert_string_equal(n, "AB011123");
	assert_int_equal(docsig_code_normal("ABOI LQRS", n), 0);
	assert_string_equal(n, "AB011QRS");
	assert_int_equal(docsig_code_normal("ZQNBKB7", n), -1);
	assert_int_equal(docsig_code_normal("ZQNBKB7KK", n), -1);
	assert_int_equal(docsig_code_normal("ZQNBKB7U", n), -1);
	assert_int_equal(docsig_code_normal("ZQNBKB7！", n), -1);
	assert_int_equal(docsig_code_normal(NULL, n), -1);
}

/* A key pair of type in tmpdir: the private key, and its id and
 * algorithm into d. */
static EVP_PKEY *
key_of(const char *type, const char *name, struct docsig *d, char *kid)
{
	EVP_PKEY	*key;
	char		*priv, *pub;

	priv = pool_printf(pool, "%s/%s.key", tmpdir, name);
	pub = pool_printf(pool, "%s/%s.pub", tmpdir, name);
	assert_int_equal(crypto_keygen_alg(type, priv, pub), 0);
	key = crypto_load_key(priv, 1, type);
	assert_non_null(key);
	assert_int_equal(crypto_key_id(key, kid), 0);
	d->kid = kid;
	d->alg = docsig_alg(key);
	return key;
}

/* Sign with type's key; it verifies, and every change is caught. */
static void
round_trip(const char *type)
{
	struct docsig	 d = sample(), e;
	EVP_PKEY	*key, *other, *pub;
	char		 kid[KEY_ID_LEN + 1], okid[KEY_ID_LEN + 1];
	char		 code[DOCSIG_CODE_LEN + 1], *sig, *bad, *pem;
	const char	**f[] = { &e.dept, &e.doc_no, &e.kind, &e.title,
	    &e.app_no, &e.issued_at, &e.issued_by, &e.body };
	size_t		 i;

	key = key_of(type, pool_printf(pool, "%s-1", type), &d, kid);
	assert_int_equal(docsig_sign(key, pool, &d, &sig, code), 0);
	assert_int_equal(strlen(sig), 128);
	/* The public half alone verifies, as the extranet holds it. */
	pem = docsig_pem(pool, key);
	assert_non_null(strstr(pem, "BEGIN PUBLIC KEY"));
	pub = docsig_key_from_pem(pem);
	assert_non_null(pub);
	assert_int_equal(docsig_verify(pub, pool, &d, sig, code), 0);
	/* One byte more in any field, in the signature or in the code. */
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		e = d;
		*f[i] = pool_printf(pool, "%s ", *f[i]);
		assert_int_equal(docsig_verify(pub, pool, &e, sig, code), -1);
	}
	e = d;
	e.body = "{\"applicant_name\":\"乌云其木格\",\"opinion\":\"同意！\\n\"}";
	assert_int_equal(docsig_verify(pub, pool, &e, sig, code), -1);
	bad = pool_strdup(pool, sig);
	bad[10] = bad[10] == '0' ? '1' : '0';
	assert_int_equal(docsig_verify(pub, pool, &d, bad, code), -1);
	assert_int_equal(docsig_verify(pub, pool, &d, sig, "ZZZZZZZZ"), -1);
	assert_int_equal(docsig_verify(pub, pool, &d, sig, NULL), -1);
	/* Another key, or the right key named otherwise. */
	other = key_of(type, pool_printf(pool, "%s-2", type), &e, okid);
	e = d;
	assert_int_equal(docsig_verify(other, pool, &e, sig, code), -1);
	e.kid = "ffffffffffffffff";
	assert_int_equal(docsig_verify(pub, pool, &e, sig, code), -1);
	e = d;
	e.alg = strcmp(d.alg, "sm2") == 0 ? "ed25519" : "sm2";
	assert_int_equal(docsig_verify(pub, pool, &e, sig, code), -1);
	/* A key may only sign under its own id. */
	e = d;
	e.kid = okid;
	assert_int_equal(docsig_sign(key, pool, &e, &bad, code), -1);
	EVP_PKEY_free(key);
	EVP_PKEY_free(other);
	EVP_PKEY_free(pub);
}

static void
ed25519_seal(void **state)
{
	(void)state;
	round_trip("ED25519");
}

static void
sm2_seal(void **state)
{
	(void)state;
	round_trip("SM2");
}

static void
json_export(void **state)
{
	struct docsig	 d = sample(), e;
	const char	*sig, *code;
	json_t		*o;
	char		*s;

	(void)state;
	o = docsig_json(&d, "ab", "ZQNBKB7K");
	assert_non_null(o);
	s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	o = json_loads(s, 0, NULL);
	free(s);
	assert_int_equal(docsig_from_json(o, &e, &sig, &code), 0);
	assert_string_equal(e.body, d.body);
	assert_string_equal(e.doc_no, d.doc_no);
	assert_string_equal(e.kid, d.kid);
	assert_string_equal(sig, "ab");
	assert_string_equal(code, "ZQNBKB7K");
	json_object_set_new(o, "format", json_string("yiwang-seal/2"));
	assert_int_equal(docsig_from_json(o, &e, &sig, &code), -1);
	json_object_del(o, "format");
	assert_int_equal(docsig_from_json(o, &e, &sig, &code), -1);
	json_decref(o);
}

static void
qr_code(void **state)
{
	char	*svg, *big;

	(void)state;
	svg = qr_svg(pool, "https://zwfw.xlht.gov.cn/verify?no=%E9%94%A1"
	    "&code=ZQNBKB7K");
	assert_non_null(svg);
	assert_true(strncmp(svg, "<svg ", 5) == 0);
	assert_non_null(strstr(svg, "<path fill=\"#000\" d=\"M4 4h7v1h-7z"));
	assert_null(strstr(svg, "ZQNBKB7K"));
	big = pool_alloc(pool, QRSVG_MAX + 2);
	memset(big, 'a', QRSVG_MAX + 1);
	assert_null(qr_svg(pool, big));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_exact),
		cmocka_unit_test(check_code),
		cmocka_unit_test(code_as_typed),
		cmocka_unit_test(ed25519_seal),
		cmocka_unit_test(sm2_seal),
		cmocka_unit_test(json_export),
		cmocka_unit_test(qr_code),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
