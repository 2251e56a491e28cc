/*
 * test_arena.c: the per-request pool.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
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

/* pool_printf() writes once where the string goes when it fits, else
 * in a new block: right either way, and at a block's very end. */
static void
printf_at_block_ends(void **state)
{
	struct pool	*p;
	char		*s, want[6000];
	size_t		 i, len;

	(void)state;
	p = pool_new();
	for (len = 1; len < sizeof(want); len += 97) {
		memset(want, 'a' + len % 26, len);
		want[len] = '\0';
		for (i = 0; i < 40; i++) {
			s = pool_printf(p, "%s%zu", want, i);
			assert_int_equal((uintptr_t)s % 16, 0);
			assert_int_equal(strncmp(s, want, len), 0);
			assert_int_equal(strtoul(s + len, NULL, 10), i);
		}
		s = pool_strndup(p, want, len);
		assert_string_equal(s, want);
		assert_int_equal(*(char *)pool_alloc(p, 1), 0);
	}
	pool_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_and_reset),
		cmocka_unit_test(printf_at_block_ends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
