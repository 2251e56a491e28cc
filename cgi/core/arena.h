/*
 * arena.h: one memory pool per request (and per command run).  Everything
 * a request allocates comes from its pool and is released at once when the
 * response has been sent.  Every caller takes an allocation as given, so
 * a pool that cannot grow never returns: it jumps to the recovery point a
 * worker sets for each request (pool_recover()), which answers that
 * request with the busy page and goes on to the next; where none is set
 * (a command, the tick) it aborts the process.
 */
#ifndef YW_ARENA_H
#define YW_ARENA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

struct pool;

struct pool	*pool_new(void);
void		 pool_free(struct pool *);
/* Release everything allocated since pool_new(), keeping the first block. */
void		 pool_reset(struct pool *);
void		*pool_alloc(struct pool *, size_t);	/* zeroed */
char		*pool_strdup(struct pool *, const char *);
char		*pool_strndup(struct pool *, const char *, size_t);
char		*pool_printf(struct pool *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*pool_vprintf(struct pool *, const char *, va_list);
/*
 * Append one element of size bytes to the array *arr of *n elements and
 * capacity *cap, growing it from the pool; returns the new (zeroed) slot.
 */
void		*pool_push(struct pool *, void *arr, size_t *n, size_t *cap,
		    size_t size);
/*
 * From now on, memory that cannot be had (malloc failing, a size beyond
 * any, a string vsnprintf cannot make) longjmp()s to *to with 1, once:
 * the point is cleared as it is taken, so a failure while recovering
 * aborts.  NULL: abort() again.  What the jump skips is not freed (a
 * malloc of a library, an open file): rare, and bounded by the worker's
 * MAX_REQUESTS.
 */
void		 pool_recover(jmp_buf *to);
/* The same for what else every caller takes as given and could not be
 * had (random bytes, crypto.c): logs why, jumps or aborts. */
_Noreturn void	 pool_fail(const char *why);
/* The test stack only (yiwang_fcgi.c): after n more allocations of any
 * pool, the next one fails as if memory had run out; -1: none. */
void		 pool_fault_after(long n);
/* Bytes handed out since the last reset (for limits and tests). */
size_t		 pool_used(const struct pool *);

#endif
