/*
 * pool_fixture.h: a fresh pool for each test, made before it and freed
 * after (under AddressSanitizer, whatever a test leaves in it is freed
 * with it).  For the unit tests that need nothing else; include it once,
 * after <cmocka.h> and the project's headers, and pass setup and teardown
 * to cmocka_unit_test_setup_teardown().
 */
#ifndef YW_POOL_FIXTURE_H
#define YW_POOL_FIXTURE_H

#include "arena.h"

static struct pool	*pool;

static int
setup(void **state)
{
	(void)state;
	pool = pool_new();
	return pool == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	pool_free(pool);
	return 0;
}

#endif
