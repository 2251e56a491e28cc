/*
 * oom_fixture.h: malloc, calloc and realloc made to fail on demand, for
 * the tests of what a module does when memory runs out (test_bundle_oom.c,
 * test_wfnet_oom.c).  The test program is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (Makefile.am); include
 * this in one file of it only.  A test of code that calls OpenSSL includes
 * <openssl/crypto.h> first and calls oom_openssl() at the start of main():
 * OpenSSL's allocations then fail on demand too.
 */
#ifndef YW_OOM_FIXTURE_H
#define YW_OOM_FIXTURE_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

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

#ifdef OPENSSL_CRYPTO_H
static void *
ossl_malloc(size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return malloc(n);
}

static void *
ossl_realloc(void *p, size_t n, const char *file, int line)
{
	(void)file;
	(void)line;
	return realloc(p, n);
}

static void
ossl_free(void *p, const char *file, int line)
{
	(void)file;
	(void)line;
	free(p);
}

/* OpenSSL's allocators through the wrapped ones; -1 (said) when OpenSSL
 * has allocated already, before main(). */
static int
oom_openssl(void)
{
	if (CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc,
	    ossl_free) != 1) {
		fprintf(stderr, "OpenSSL allocated before main()\n");
		return -1;
	}
	return 0;
}
#endif

#endif
