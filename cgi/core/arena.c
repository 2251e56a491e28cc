/*
 * arena.c: a simple region allocator.  Blocks are chained; small requests
 * are carved from the current block, large ones get a block of their own.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK_SIZE	(16 * 1024)
#define ALIGN		16

struct block {
	struct block	*next;
	size_t		 size;
	size_t		 used;
	_Alignas(ALIGN) unsigned char data[];
};

struct pool {
	struct block	*head;		/* current block, newest first */
	size_t		 handed;
};

static jmp_buf	*recover;	/* pool_recover(): a worker's request */
static long	 fault_in = -1;	/* pool_fault_after(): allocations left */

void
pool_fault_after(long n)
{
	fault_in = n;
}

void
pool_recover(jmp_buf *to)
{
	recover = to;
}

/* Memory that cannot be had: to the worker's recovery point, or the end
 * of a command (arena.h). */
_Noreturn void
pool_fail(const char *why)
{
	jmp_buf	*to = recover;

	fprintf(stderr, "yiwang: %s\n", why);
	if (to != NULL) {
		recover = NULL;
		longjmp(*to, 1);
	}
	abort();
}

static void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n)) == NULL)
		pool_fail("out of memory");
	return p;
}

static struct block *
block_new(size_t size)
{
	struct block	*b;

	b = xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct pool *
pool_new(void)
{
	struct pool	*p;

	p = xmalloc(sizeof(*p));
	p->head = block_new(BLOCK_SIZE);
	p->handed = 0;
	return p;
}

void
pool_reset(struct pool *p)
{
	struct block	*b, *next;

	/* Keep the oldest block (the one pool_new made); free the rest. */
	for (b = p->head; b->next != NULL; b = next) {
		next = b->next;
		free(b);
	}
	p->head = b;
	b->used = 0;
	p->handed = 0;
}

void
pool_free(struct pool *p)
{
	struct block	*b, *next;

	if (p == NULL)
		return;
	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

/* n bytes, not zeroed. */
static void *
pool_take(struct pool *p, size_t n)
{
	struct block	*b;
	size_t		 need;
	void		*r;

	if (n > SIZE_MAX - sizeof(struct block) - ALIGN)
		pool_fail("allocation too large");
	if (fault_in >= 0 && fault_in-- == 0)
		pool_fail("out of memory (injected: a test stack's request)");
	need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	b = p->head;
	if (b->size - b->used < need) {
		if (need > BLOCK_SIZE / 4) {
			/* A large request gets its own block behind the head. */
			b = block_new(need);
			b->next = p->head->next;
			p->head->next = b;
		} else {
			b = block_new(BLOCK_SIZE);
			b->next = p->head;
			p->head = b;
		}
	}
	r = b->data + b->used;
	b->used += need;
	p->handed += need;
	return r;
}

void *
pool_alloc(struct pool *p, size_t n)
{
	void	*r;

	r = pool_take(p, n);
	memset(r, 0, n);
	return r;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char	*r;

	r = pool_take(p, n + 1);	/* every byte written: not zeroed */
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return s == NULL ? NULL : pool_strndup(p, s, strlen(s));
}

char *
pool_vprintf(struct pool *p, const char *fmt, va_list ap)
{
	struct block	*b = p->head;
	va_list		 aq;
	size_t		 room = b->size - b->used;
	int		 n;
	char		*r;

	/* Written once, where it goes when it fits in the current block
	 * (issue #12: formatting twice was half of printf's cost). */
	va_copy(aq, ap);
	n = vsnprintf((char *)b->data + b->used, room, fmt, aq);
	va_end(aq);
	if (n < 0)	/* longer than INT_MAX */
		pool_fail("string too long");
	/* It fits: pool_take() hands out exactly where it was written
	 * (room and used are multiples of ALIGN), without zeroing it. */
	if ((size_t)n < room)
		return pool_take(p, (size_t)n + 1);
	r = pool_alloc(p, (size_t)n + 1);
	vsnprintf(r, (size_t)n + 1, fmt, ap);
	return r;
}

char *
pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*r;

	va_start(ap, fmt);
	r = pool_vprintf(p, fmt, ap);
	va_end(ap);
	return r;
}

void *
pool_push(struct pool *p, void *arr, size_t *n, size_t *cap, size_t size)
{
	unsigned char	**a = arr, *grown;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		grown = pool_alloc(p, *cap * size);
		if (*n)
			memcpy(grown, *a, *n * size);
		*a = grown;
	}
	memset(*a + *n * size, 0, size);
	return *a + (*n)++ * size;
}

size_t
pool_used(const struct pool *p)
{
	return p->handed;
}
