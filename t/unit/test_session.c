/*
 * test_session.c: session and CSRF tokens (SEC-1): 256 random bits as 64
 * hex digits, never repeated, stored only as their SHA-256.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens),
		cmocka_unit_test(no_repeats_in_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
