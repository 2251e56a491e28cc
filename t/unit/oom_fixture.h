/*
 * oom_fixture.h: malloc, calloc and realloc made to fail on demand, for
 * the tests of what a module does when memory runs out (test_bundle_oom.c,
 * test_wfnet_oom.c).  The test program is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (Makefile.am); include
 * this in one file of it only.
 */
#ifndef YW_OOM_FIXTURE_H
#define YW_OOM_FIXTURE_H

#include <errno.h>
#include <stddef.h>

/*
 * Fault injection.  While armed, the countdown-th fallible call fails;
 * injected says whether it came.  Calls made while paused neither count
 * nor fail.
 */
static long	countdown = -1;
static int	injected, paused;

static int
should_fail(void)
{
	if (countdown < 0 || paused)
		return 0;
	if (--countdown > 0)
		return 0;
	countdown = -1;
	injected = 1;
	return 1;
}

static void
arm(long n)
{
	injected = 0;
	countdown = n;
}

static void
disarm(void)
{
	countdown = -1;
}

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);

void *
__wrap_malloc(size_t n)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_malloc(n);
}

void *
__wrap_calloc(size_t n, size_t size)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_calloc(n, size);
}

void *
__wrap_realloc(void *p, size_t n)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_realloc(p, n);
}

#endif
