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

/*
 * The generation without a statement (issue #12).  Every process of a
 * site that writes through db.c moves a counter the site's processes
 * share (POSIX shared memory named after the site's database socket)
 * once the write is committed (pagegen_moved()).  A worker that read the
 * generation when the counter stood at M (pagegen_mark() before the
 * statement, pagegen_learnt() after) knows it still while the counter
 * stands at M, for at most PAGEGEN_RECHECK_MS: a write made outside the
 * application (an operator's SQL) is seen within that time, or at once
 * after "yiwang-admin pages-expire".  Without the shared counter (it
 * could not be opened) the generation is read for every request.
 */
#define PAGEGEN_RECHECK_MS	1000

/* Open (or make) the counter of the site whose database socket is
 * socket, owned as the path owner is (the workers' files); 0, or -1
 * (logged) when there is none. */
int		 pagegen_open(const char *socket, const char *owner);
/* Remove the counter of socket (tests). */
int		 pagegen_unlink(const char *socket);
/* A write of this process was committed (or may have been). */
void		 pagegen_moved(void);
/* The counter now, before the generation is read. */
uint64_t	 pagegen_mark(void);
/* The generation gen was read after pagegen_mark() answered mark. */
void		 pagegen_learnt(uint64_t mark, uint64_t gen);
/* 1 and *gen when the generation learnt last is still the one, else 0. */
int		 pagegen_known(uint64_t *gen);

#endif
