/*
 * arena.h: one memory pool per request (and per command run).  Everything
 * a request allocates comes from its pool and is released at once when the
 * response has been sent.  Allocation failure aborts the process; a
 * supervised worker is replaced.
 */
#ifndef YW_ARENA_H
#define YW_ARENA_H

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
/* Bytes handed out since the last reset (for limits and tests). */
size_t		 pool_used(const struct pool *);

#endif
