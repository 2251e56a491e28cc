/*
 * pagecache.c: the public pages a worker keeps (pagecache.h).
 */
#include <stdlib.h>
#include <string.h>

#include "pagecache.h"

static struct page {
	char		*key;
	char		*body;
	size_t		 len;
	uint64_t	 gen;
	uint64_t	 used;		/* tick of its last get or put */
} pages[PAGECACHE_PAGES];
static size_t	 npages, nbytes;
static uint64_t	 tick;

static void
drop(size_t i)
{
	nbytes -= pages[i].len;
	free(pages[i].key);
	free(pages[i].body);
	pages[i] = pages[--npages];
}

static struct page *
find(const char *key)
{
	size_t	 i;

	for (i = 0; i < npages; i++)
		if (strcmp(pages[i].key, key) == 0)
			return &pages[i];
	return NULL;
}

const char *
pagecache_get(const char *key, uint64_t gen, size_t *len)
{
	struct page	*p;

	if ((p = find(key)) == NULL || p->gen != gen)
		return NULL;
	p->used = ++tick;
	*len = p->len;
	return p->body;
}

/* The least recently used page goes. */
static void
drop_oldest(void)
{
	size_t	 i, old = 0;

	for (i = 1; i < npages; i++)
		if (pages[i].used < pages[old].used)
			old = i;
	drop(old);
}

void
pagecache_put(const char *key, uint64_t gen, const char *body, size_t len)
{
	struct page	*p;
	size_t		 i;
	char		*k, *b;

	if (len > PAGECACHE_PAGE_MAX)
		return;
	/* The generation moved: what was kept can never be served. */
	for (i = npages; i-- > 0;)
		if (pages[i].gen != gen || strcmp(pages[i].key, key) == 0)
			drop(i);
	while (npages > 0 && (npages == PAGECACHE_PAGES ||
	    nbytes + len > PAGECACHE_BYTES))
		drop_oldest();
	if ((k = strdup(key)) == NULL || (b = malloc(len + 1)) == NULL) {
		free(k);
		return;
	}
	memcpy(b, body, len);
	b[len] = '\0';
	p = &pages[npages++];
	p->key = k;
	p->body = b;
	p->len = len;
	p->gen = gen;
	p->used = ++tick;
	nbytes += len;
}

void
pagecache_size(size_t *n, size_t *bytes)
{
	*n = npages;
	*bytes = nbytes;
}

void
pagecache_clear(void)
{
	while (npages > 0)
		drop(npages - 1);
}
