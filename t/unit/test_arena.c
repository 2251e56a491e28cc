/*
 * test_arena.c: the per-request pool.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

static void
alloc_and_reset(void **state)
{
	struct pool	*p;
	char		*a, *b, *big;
	size_t		 i;

	(void)state;
	p = pool_new();
	a = pool_strdup(p, "锡林浩特");
	b = pool_printf(p, "%s-%05d", "YW20261121", 42);
	assert_string_equal(a, "锡林浩特");
	assert_string_equal(b, "YW20261121-00042");
	assert_int_equal((uintptr_t)b % 16, 0);
	/* Many small and a few large allocations, all zeroed and usable. */
	for (i = 0; i < 5000; i++) {
		char *s = pool_alloc(p, 100);
		assert_int_equal(s[0], 0);
		assert_int_equal(s[99], 0);
		memset(s, 'x', 100);
	}
	big = pool_alloc(p, 1 << 20);
	memset(big, 1, 1 << 20);
	assert_true(pool_used(p) > 5000 * 100);
	pool_reset(p);
	assert_int_equal(pool_used(p), 0);
	a = pool_strndup(p, "abcdef", 3);
	assert_string_equal(a, "abc");
	pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_and_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
