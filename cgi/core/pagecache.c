/*
 * pagecache.c: the public pages a worker keeps (pagecache.h).
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "pagecache.h"

static struct page {
	uint64_t	 hash;		/* of key: most lookups compare it only */
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

/* FNV-1a, 64 bits. */
static uint64_t
hash_of(const char *s)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static struct page *
find(const char *key)
{
	uint64_t	 h = hash_of(key);
	size_t		 i;

	for (i = 0; i < npages; i++)
		if (pages[i].hash == h && strcmp(pages[i].key, key) == 0)
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
	p->hash = hash_of(k);
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

/* The shared counter (pagecache.h), and what this process learnt. */
static volatile uint64_t	*moved;
static struct {
	int		 known;
	uint64_t	 mark, gen, at;
} learnt;

/* The counter's name, of the site's database socket. */
static void
pagegen_name(const char *socket, char name[64])
{
	snprintf(name, 64, "/yiwang-pagegen-%016llx",
	    (unsigned long long)hash_of(socket));
}

int
pagegen_unlink(const char *socket)
{
	char	 name[64];

	pagegen_name(socket, name);
	return shm_unlink(name);
}

int
pagegen_open(const char *socket, const char *owner)
{
	struct stat	 st, own;
	char		 name[64];
	void		*m;
	int		 fd;

	if (moved != NULL)
		return 0;
	if (socket == NULL)
		return -1;
	/* One counter per site: its database socket's path names it. */
	pagegen_name(socket, name);
	if ((fd = shm_open(name, O_RDWR | O_CREAT, 0600)) == -1) {
		log_err("pagegen: %s: cannot open it", name);
		return -1;
	}
	/* Made by root (a command): the workers, who own the site's
	 * files, must write it too. */
	if (fstat(fd, &st) == 0 && st.st_uid == 0 && geteuid() == 0 &&
	    owner != NULL && stat(owner, &own) == 0 && own.st_uid != 0 &&
	    fchown(fd, own.st_uid, own.st_gid) == -1)
		log_err("pagegen: %s: cannot give it to the workers", name);
	if ((fstat(fd, &st) == 0 && st.st_size < (off_t)sizeof(uint64_t) &&
	    ftruncate(fd, sizeof(uint64_t)) == -1) ||
	    (m = mmap(NULL, sizeof(uint64_t), PROT_READ | PROT_WRITE,
	    MAP_SHARED, fd, 0)) == MAP_FAILED) {
		log_err("pagegen: %s: cannot map it", name);
		close(fd);
		return -1;
	}
	close(fd);
	moved = m;
	return 0;
}

void
pagegen_moved(void)
{
	if (moved != NULL)
		__atomic_add_fetch(moved, 1, __ATOMIC_SEQ_CST);
}

uint64_t
pagegen_mark(void)
{
	return moved != NULL ? __atomic_load_n(moved, __ATOMIC_SEQ_CST) : 0;
}

/* Milliseconds of a clock that only goes forward (an interval, not a
 * date: clock.c's "now" is the date a page shows). */
static uint64_t
ms_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
pagegen_learnt(uint64_t mark, uint64_t gen)
{
	learnt.known = moved != NULL;
	learnt.mark = mark;
	learnt.gen = gen;
	learnt.at = ms_now();
}

int
pagegen_known(uint64_t *gen)
{
	if (!learnt.known || pagegen_mark() != learnt.mark ||
	    ms_now() - learnt.at >= PAGEGEN_RECHECK_MS)
		return 0;
	*gen = learnt.gen;
	return 1;
}
