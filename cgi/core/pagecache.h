/*
 * pagecache.h: the public pages a worker keeps (issue #12), each under a
 * key its caller makes and with the generation of the data it was made
 * from (db/280_page_gen.sql).  A page is served only for that very
 * generation; kept pages of another generation go at the next put.
 * Bounded: at most PAGECACHE_PAGES pages and PAGECACHE_BYTES bytes of
 * pages, the least recently served going first; a page larger than
 * PAGECACHE_PAGE_MAX is not kept.  One worker, one thread: no locks.
 */
#ifndef YW_PAGECACHE_H
#define YW_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

#define PAGECACHE_PAGES		256
#define PAGECACHE_BYTES		(8u << 20)
#define PAGECACHE_PAGE_MAX	(1u << 20)

/* The page kept under key for gen (*len its bytes), or NULL. */
const char	*pagecache_get(const char *key, uint64_t gen, size_t *len);
/* Keep a copy of body under key for gen (nothing when memory is short). */
void		 pagecache_put(const char *key, uint64_t gen, const char *body,
		    size_t len);
/* How many pages and bytes are kept (tests). */
void		 pagecache_size(size_t *pages, size_t *bytes);
/* Forget every page. */
void		 pagecache_clear(void);

#endif
