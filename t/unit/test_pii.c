/*
 * test_pii.c: personal data at rest (SEC-5, review F8), cgi/core/pii.c:
 * values sealed and opened again; a changed digit anywhere, a value moved
 * to another column (other associated data), another key, a cut or
 * lengthened value all refused; the keyed hash stable, per column and
 * dependent on the key; the construction pinned against the raw
 * primitives as pii.h describes it; the key file.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto.h"
#include "pii.h"

static struct pool	*pool;
static char		 tmpdir[64];
static char		*key1, *key2;

static const char IDNO[] = "15250219900315002X";
static const char MOBILE[] = "13947901234";

static int
setup(void **state)
{
	(void)state;
	pool = pool_new();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_pii.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	key1 = pool_printf(pool, "%s/pii.key", tmpdir);
	key2 = pool_printf(pool, "%s/other.key", tmpdir);
	if (pii_key_create(key1) == -1 || pii_key_create(key2) == -1)
		return -1;
	pii_set_key_file(key1);
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	pii_set_key_file(NULL);
	pool_free(pool);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The key file's secret, raw. */
static void
secret_of(const char *path, unsigned char out[PII_KEY_LEN])
{
	char	 hex[2 * PII_KEY_LEN + 2];

	assert_int_equal(crypto_secret_read(path, hex, sizeof(hex)), 0);
	assert_int_equal(crypto_unhex(hex, out, PII_KEY_LEN), 0);
}

static void
round_trip(void **state)
{
	const char	*values[] = { IDNO, MOBILE, "", "乌云其木格 \t\r\n",
			    NULL };
	char		*big, *s, *t, *o;
	size_t		 i;

	(void)state;
	/* a record of the outbox: large, UTF-8 */
	big = pool_alloc(pool, 200001);
	for (i = 0; i < 200000; i += 4)
		memcpy(big + i, i % 8 ? "{\"a\"" : "\xe6\xb2\x99:", 4);
	values[4] = big;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		assert_non_null(s = pii_seal(pool, "citizen.id_number",
		    values[i]));
		assert_true(pii_is_sealed(s));
		assert_int_equal(strncmp(s, PII_PREFIX, 5), 0);
		/* prefix, nonce, value, tag: all hex */
		assert_int_equal(strlen(s), 5 + 2 * (12 + strlen(values[i]) +
		    16));
		assert_non_null(o = pii_open(pool, "citizen.id_number", s));
		assert_string_equal(o, values[i]);
		/* a new nonce every time: the same value seals otherwise */
		assert_non_null(t = pii_seal(pool, "citizen.id_number",
		    values[i]));
		assert_string_not_equal(s, t);
	}
	/* nothing of the value shows, in clear or as hex */
	s = pii_seal(pool, "citizen.id_number", IDNO);
	assert_null(strstr(s, "152502"));
	assert_null(strstr(s, "3135323530"));
}

/* Every hex digit of a sealed value changed in turn: never opens. */
static void
tampered_refused(void **state)
{
	char	*s, *t, *o;
	size_t	 i, n;

	(void)state;
	s = pii_seal(pool, "kase.mobile", MOBILE);
	n = strlen(s);
	t = pool_strdup(pool, s);
	for (i = 5; i < n; i++) {
		t[i] = s[i] == '0' ? '1' : '0';
		assert_null(pii_open(pool, "kase.mobile", t));
		t[i] = s[i];
	}
	assert_non_null(o = pii_open(pool, "kase.mobile", t));
	assert_string_equal(o, MOBILE);
	/* cut short, lengthened, the tag dropped, upper-case hex, odd
	 * length, another format, nothing at all */
	assert_null(pii_open(pool, "kase.mobile", pool_strndup(pool, s,
	    n - 2)));
	assert_null(pii_open(pool, "kase.mobile", pool_printf(pool, "%s00",
	    s)));
	assert_null(pii_open(pool, "kase.mobile", pool_strndup(pool, s,
	    n - 32)));
	t = pool_strdup(pool, s);
	for (i = 5; i < n; i++)
		if (t[i] >= 'a' && t[i] <= 'f')
			t[i] = (char)(t[i] - 'a' + 'A');
	assert_null(pii_open(pool, "kase.mobile", t));
	assert_null(pii_open(pool, "kase.mobile", pool_strndup(pool, s,
	    n - 1)));
	assert_null(pii_open(pool, "kase.mobile", pool_printf(pool, "pii2:%s",
	    s + 5)));
	assert_null(pii_open(pool, "kase.mobile", MOBILE));
	assert_null(pii_open(pool, "kase.mobile", ""));
	assert_null(pii_open(pool, "kase.mobile", NULL));
	assert_null(pii_open(pool, "kase.mobile", "pii1:"));
}

/* A value moved to another column does not open there. */
static void
wrong_column_refused(void **state)
{
	char	*s;

	(void)state;
	s = pii_seal(pool, "citizen.id_number", IDNO);
	assert_null(pii_open(pool, "application.id_number", s));
	assert_null(pii_open(pool, "citizen.mobile", s));
	assert_null(pii_open(pool, "citizen.id_number ", s));
	assert_null(pii_open(pool, "", s));
	assert_non_null(pii_open(pool, "citizen.id_number", s));
}

static void
other_key_refused(void **state)
{
	char	*s, h1[PII_HASH_HEX], h2[PII_HASH_HEX];

	(void)state;
	s = pii_seal(pool, "citizen.id_number", IDNO);
	assert_int_equal(pii_hash("citizen.id_number", IDNO, h1), 0);
	pii_set_key_file(key2);
	assert_null(pii_open(pool, "citizen.id_number", s));
	assert_int_equal(pii_hash("citizen.id_number", IDNO, h2), 0);
	assert_string_not_equal(h1, h2);
	pii_set_key_file(key1);
	assert_non_null(pii_open(pool, "citizen.id_number", s));
	assert_int_equal(pii_hash("citizen.id_number", IDNO, h2), 0);
	assert_string_equal(h1, h2);
}

static void
hash_stable_and_keyed(void **state)
{
	char	 a[PII_HASH_HEX], b[PII_HASH_HEX], plain[SHA256_HEX];
	size_t	 i;

	(void)state;
	assert_int_equal(pii_hash("citizen.id_number", IDNO, a), 0);
	assert_int_equal(strlen(a), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	assert_int_equal(pii_hash("citizen.id_number", IDNO, b), 0);
	assert_string_equal(a, b);
	/* another column, another value, one digit more */
	assert_int_equal(pii_hash("application.id_number", IDNO, b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(pii_hash("citizen.id_number", "15250219900315003X",
	    b), 0);
	assert_string_not_equal(a, b);
	/* the separator: ("ab", "c") and ("a", "bc") differ */
	assert_int_equal(pii_hash("ab", "c", a), 0);
	assert_int_equal(pii_hash("a", "bc", b), 0);
	assert_string_not_equal(a, b);
	/* not the plain SHA-256 a table of every ID number would reverse */
	assert_int_equal(pii_hash("citizen.id_number", IDNO, a), 0);
	crypto_sha256_hex(IDNO, strlen(IDNO), plain);
	assert_string_not_equal(a, plain);
}

/* The construction as pii.h describes it, from the raw primitives. */
static void
construction(void **state)
{
	static const char salt[] = "yiwang-pii-1";
	static const char what[] = "citizen.mobile";
	static const char withnul[11] = { '1', '3', '8', '0', '0', '\0', '0',
	    '0', '0', '0', '0' };
	unsigned char	 secret[PII_KEY_LEN], k[32], md[SHA256_LEN];
	unsigned char	 raw[12 + 11 + 16], out[11 + 1];
	char		 h[PII_HASH_HEX], mine[SHA256_HEX], msg[64], *s, *o;
	size_t		 n;

	(void)state;
	secret_of(key1, secret);
	/* hash: HMAC-SHA-256 under HKDF(secret, salt, "hash") */
	assert_int_equal(crypto_hkdf(secret, sizeof(secret), salt, 12,
	    "hash", 4, k, 32), 0);
	n = (size_t)snprintf(msg, sizeof(msg), "%s%c%s", what, '\0', MOBILE);
	crypto_hmac_sha256(k, 32, msg, n, md);
	crypto_hex(md, sizeof(md), mine);
	assert_int_equal(pii_hash(what, MOBILE, h), 0);
	assert_string_equal(h, mine);
	/* seal: AES-256-GCM under HKDF(secret, salt, "seal"), the column
	 * as associated data, "pii1:" + hex(nonce | ciphertext | tag) */
	assert_int_equal(crypto_hkdf(secret, sizeof(secret), salt, 12,
	    "seal", 4, k, 32), 0);
	s = pii_seal(pool, what, MOBILE);
	assert_int_equal(crypto_unhex(s + 5, raw, sizeof(raw)), 0);
	assert_int_equal(crypto_gcm_open_ad(k, raw, what, strlen(what),
	    raw + 12, 11, raw + 23, out), 0);
	assert_memory_equal(out, MOBILE, 11);
	/* and a value sealed by hand opens */
	crypto_random(raw, 12);
	assert_int_equal(crypto_gcm_seal_ad(k, raw, what, strlen(what),
	    "13800000000", 11, raw + 12, raw + 23), 0);
	s = pool_alloc(pool, 5 + 2 * sizeof(raw) + 1);
	memcpy(s, "pii1:", 5);
	crypto_hex(raw, sizeof(raw), s + 5);
	assert_non_null(o = pii_open(pool, what, s));
	assert_string_equal(o, "13800000000");
	/* one that holds a NUL is refused: no text is cut short */
	assert_int_equal(crypto_gcm_seal_ad(k, raw, what, strlen(what),
	    withnul, 11, raw + 12, raw + 23), 0);
	crypto_hex(raw, sizeof(raw), s + 5);
	assert_null(pii_open(pool, what, s));
	/* the file's bytes themselves are not the key */
	assert_int_equal(crypto_gcm_open_ad(secret, raw, what, strlen(what),
	    raw + 12, 11, raw + 23, out), -1);
}

static void
key_file(void **state)
{
	struct stat	 st;
	char		 h[PII_HASH_HEX], *p, *bad;
	FILE		*f;

	(void)state;
	assert_int_equal(stat(key1, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 65);
	assert_int_equal(pii_key_create(key1), -1);	/* never replaced */
	/* no key: nothing sealed, opened or hashed */
	p = pool_printf(pool, "%s/missing.key", tmpdir);
	pii_set_key_file(p);
	assert_null(pii_seal(pool, "citizen.mobile", MOBILE));
	assert_int_equal(pii_hash("citizen.mobile", MOBILE, h), -1);
	pii_set_key_file(NULL);
	assert_int_equal(pii_key_load(), -1);
	bad = pool_printf(pool, "%s/short.key", tmpdir);
	assert_non_null(f = fopen(bad, "w"));
	fputs("0123456789abcdef\n", f);		/* 8 bytes, not 32 */
	fclose(f);
	pii_set_key_file(bad);
	assert_int_equal(pii_key_load(), -1);
	pii_set_key_file(key1);
	assert_int_equal(pii_key_load(), 0);
	assert_non_null(pii_seal(pool, "citizen.mobile", MOBILE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(tampered_refused),
		cmocka_unit_test(wrong_column_refused),
		cmocka_unit_test(other_key_refused),
		cmocka_unit_test(hash_stable_and_keyed),
		cmocka_unit_test(construction),
		cmocka_unit_test(key_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
