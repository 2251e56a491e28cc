/*
 * test_pagecache.c: the pages a worker keeps (pagecache.h): served only
 * for their generation, bounded in pages and bytes, the least recently
 * served going first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "pagecache.h"

static int
teardown(void **state)
{
	(void)state;
	pagecache_clear();
	return 0;
}

static void
served_for_its_generation(void **state)
{
	const char	*page = "<p>办事指南</p>", *p;
	size_t		 len = 0, n, bytes;

	(void)state;
	pagecache_put("0 /guide?code=1", 7, page, strlen(page));
	p = pagecache_get("0 /guide?code=1", 7, &len);
	assert_non_null(p);
	assert_int_equal(len, strlen(page));
	assert_memory_equal(p, page, len);
	/* Another key, the large-text mode, another generation: nothing. */
	assert_null(pagecache_get("0 /guide?code=2", 7, &len));
	assert_null(pagecache_get("1 /guide?code=1", 7, &len));
	assert_null(pagecache_get("0 /guide?code=1", 8, &len));
	/* A page of a new generation drops those of the old. */
	pagecache_put("0 /", 8, "home", 4);
	assert_null(pagecache_get("0 /guide?code=1", 7, &len));
	pagecache_size(&n, &bytes);
	assert_int_equal(n, 1);
	assert_int_equal(bytes, 4);
	/* The same key again replaces it. */
	pagecache_put("0 /", 8, "home2", 5);
	p = pagecache_get("0 /", 8, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(p, "home2", 5);
	pagecache_size(&n, &bytes);
	assert_int_equal(n, 1);
}

static void
bounded_least_recent_first(void **state)
{
	char		 key[32], *big;
	size_t		 i, len, n, bytes;

	(void)state;
	for (i = 0; i < PAGECACHE_PAGES + 10; i++) {
		snprintf(key, sizeof(key), "0 /guide?code=%zu", i);
		pagecache_put(key, 1, "x", 1);
		/* Page 0 is served all along: it stays. */
		assert_non_null(pagecache_get("0 /guide?code=0", 1, &len));
	}
	pagecache_size(&n, &bytes);
	assert_int_equal(n, PAGECACHE_PAGES);
	assert_non_null(pagecache_get("0 /guide?code=0", 1, &len));
	assert_null(pagecache_get("0 /guide?code=1", 1, &len));
	assert_non_null(pagecache_get("0 /guide?code=265", 1, &len));
	pagecache_clear();

	/* Bytes: pages of a megabyte fill 8 MiB, then the oldest goes. */
	big = malloc(PAGECACHE_PAGE_MAX + 1);
	assert_non_null(big);
	memset(big, 'a', PAGECACHE_PAGE_MAX + 1);
	for (i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "0 /browse?p=%zu", i);
		pagecache_put(key, 2, big, PAGECACHE_PAGE_MAX);
	}
	pagecache_size(&n, &bytes);
	assert_true(bytes <= PAGECACHE_BYTES);
	assert_int_equal(n, PAGECACHE_BYTES / PAGECACHE_PAGE_MAX);
	assert_null(pagecache_get("0 /browse?p=0", 2, &len));
	assert_non_null(pagecache_get("0 /browse?p=9", 2, &len));
	/* A page larger than any kept is not kept. */
	pagecache_put("0 /search?q=x", 2, big, PAGECACHE_PAGE_MAX + 1);
	assert_null(pagecache_get("0 /search?q=x", 2, &len));
	free(big);
}

/*
 * The generation is known without a statement while no write moved the
 * shared counter since it was read (and for PAGEGEN_RECHECK_MS at most);
 * a write of another process moves it.
 */
static void
generation_known_until_a_write(void **state)
{
	char		 sock[64];
	uint64_t	 gen = 0, mark;
	pid_t		 pid;
	int		 status;

	(void)state;
	/* Without the counter, never known: a statement each time. */
	pagegen_learnt(pagegen_mark(), 5);
	assert_int_equal(pagegen_known(&gen), 0);
	snprintf(sock, sizeof(sock), "/test_pagecache/%ld/mysqld.sock",
	    (long)getpid());
	assert_int_equal(pagegen_open(sock, NULL), 0);
	mark = pagegen_mark();
	pagegen_learnt(mark, 42);
	assert_int_equal(pagegen_known(&gen), 1);
	assert_int_equal(gen, 42);
	/* A write committed, in another process: read again. */
	if ((pid = fork()) == 0) {
		pagegen_moved();
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_not_equal(pagegen_mark(), mark);
	assert_int_equal(pagegen_known(&gen), 0);
	/* Learnt again, with the mark taken before the read. */
	mark = pagegen_mark();
	pagegen_learnt(mark, 43);
	assert_int_equal(pagegen_known(&gen), 1);
	assert_int_equal(gen, 43);
	/* A write between the mark and the read: not trusted after it. */
	mark = pagegen_mark();
	pagegen_moved();
	pagegen_learnt(mark, 44);
	assert_int_equal(pagegen_known(&gen), 0);
	/* Known for PAGEGEN_RECHECK_MS at most. */
	pagegen_learnt(pagegen_mark(), 45);
	assert_int_equal(pagegen_known(&gen), 1);
	usleep((PAGEGEN_RECHECK_MS + 50) * 1000);
	assert_int_equal(pagegen_known(&gen), 0);
	assert_int_equal(pagegen_unlink(sock), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(served_for_its_generation, teardown),
		cmocka_unit_test_teardown(bounded_least_recent_first, teardown),
		cmocka_unit_test(generation_known_until_a_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
