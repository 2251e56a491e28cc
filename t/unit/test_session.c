/*
 * test_session.c: session and CSRF tokens (SEC-1): 256 random bits as 64
 * hex digits, never repeated, stored only as their SHA-256.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "crypto.h"
#include "session.h"

static void
tokens(void **state)
{
	char	 a[65], b[65], h[65], want[65];
	size_t	 i;

	(void)state;
	session_token(a);
	session_token(b);
	assert_int_equal(strlen(a), 64);
	assert_string_not_equal(a, b);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	session_hash(a, h);
	crypto_sha256_hex(a, 64, want);
	assert_string_equal(h, want);
	assert_string_not_equal(h, a);
}

static void
no_repeats_in_many(void **state)
{
	static char	 seen[2000][65];
	size_t		 i, j;

	(void)state;
	for (i = 0; i < 2000; i++) {
		session_token(seen[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
}

/*
 * The cookies a kept page is served to before the CGI kit reads the
 * request (ext_cache.c): only the form token's (a token of ours) and the
 * large-text mode's ("big"), each once; anything else goes the long way.
 */
static void
plain_cookies(void **state)
{
	struct config	 cfg;
	const char	*pre;
	char		 h[256];
	int		 big;
	const char	*tok = "0123456789abcdef0123456789abcdef"
			    "0123456789abcdef0123456789abcdef";

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.cookie_secure = 1;
	assert_int_equal(session_cookies_plain(&cfg, NULL, &pre, &big), 1);
	assert_null(pre);
	assert_int_equal(big, 0);
	snprintf(h, sizeof(h), "__Host-yw_pre=%s", tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 1);
	assert_non_null(pre);
	assert_memory_equal(pre, tok, 64);
	assert_int_equal(big, 0);
	snprintf(h, sizeof(h), "__Host-yw_view=big; __Host-yw_pre=%s", tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 1);
	assert_non_null(pre);
	assert_int_equal(big, 1);
	assert_int_equal(session_cookies_plain(&cfg, "__Host-yw_view=big",
	    &pre, &big), 1);
	assert_null(pre);
	assert_int_equal(big, 1);

	/* A session's cookie, even one no longer good: the long way. */
	snprintf(h, sizeof(h), "__Host-yw_pre=%s; __Host-yw_sid=%s", tok, tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 0);
	assert_int_equal(session_cookies_plain(&cfg, "__Host-yw_sid=0",
	    &pre, &big), 0);
	/* Names without the prefix over TLS, twice the same, a value not
	 * ours, another mode, separators the kit may read otherwise. */
	snprintf(h, sizeof(h), "yw_pre=%s", tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 0);
	snprintf(h, sizeof(h), "__Host-yw_pre=%s; __Host-yw_pre=%s", tok, tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 0);
	snprintf(h, sizeof(h), "__Host-yw_pre=%.63sA", tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 0);
	snprintf(h, sizeof(h), "__Host-yw_pre=%s0", tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 0);
	assert_int_equal(session_cookies_plain(&cfg, "__Host-yw_view=",
	    &pre, &big), 0);
	assert_int_equal(session_cookies_plain(&cfg, "__Host-yw_view=bigger",
	    &pre, &big), 0);
	assert_int_equal(session_cookies_plain(&cfg, "__Host-yw_view=big;",
	    &pre, &big), 0);
	assert_int_equal(session_cookies_plain(&cfg, "__Host-yw_view=big;x",
	    &pre, &big), 0);
	assert_int_equal(session_cookies_plain(&cfg, "", &pre, &big), 0);
	/* Without TLS, the names without the prefix. */
	cfg.cookie_secure = 0;
	snprintf(h, sizeof(h), "yw_pre=%s; yw_view=big", tok);
	assert_int_equal(session_cookies_plain(&cfg, h, &pre, &big), 1);
	assert_int_equal(big, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens),
		cmocka_unit_test(no_repeats_in_many),
		cmocka_unit_test(plain_cookies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
