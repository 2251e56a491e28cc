/*
 * ext_cache.c: the public catalogue pages kept for visitors without a
 * session (issue #12): the home page, the guides (办事指南), browsing by
 * theme, department or level, and search results.  A kept page is the one
 * the same request would make again, byte for byte, while the generation
 * of what these pages show (db/280_page_gen.sql, moved by every write to
 * it) has not moved: one statement instead of the page's.  A request with
 * a session cookie is never answered from, nor adds to, what is kept; the
 * pages kept hold no token of a visitor (request.c keep_page()).  Only a
 * page the routes made (200) for the same address is kept, so serving it
 * again needs no second look at the routes.
 */
#include <string.h>

#include "catalog.h"
#include "pagecache.h"
#include "pages.h"
#include "session.h"

static const char *const kept[] = { "/", "/guide", "/browse", "/search" };

int
page_ext_public(struct req *r)
{
	size_t		 i;

	if (r->cfg->site != SITE_EXTRANET || r->method == NULL ||
	    strcmp(r->method, "GET") != 0 || r->path == NULL ||
	    r->user.id != 0 || session_sent(r) ||
	    request_param(r, "YIWANG_OPS") != NULL ||
	    request_param(r, "HTTP_X_YIWANG_FAULT") != NULL)
		return 0;
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (strcmp(r->path, kept[i]) == 0)
			return 1;
	return 0;
}

int
page_ext_cached(struct req *r)
{
	const char	*uri, *page;
	char		*key;
	size_t		 len;
	uint64_t	 gen;

	if (!page_ext_public(r))
		return 0;
	/* What else a page shows of its request: its own address, as
	 * sent (Page.Here, the link to the large-text mode), and that mode
	 * (render_site()). */
	if ((uri = request_param(r, "REQUEST_URI")) == NULL ||
	    strlen(uri) > 500)
		return 0;
	if (catalog_generation(r->db, r->pool, &gen) != DB_OK)
		return 0;
	key = pool_printf(r->pool, "%d %s", view_big(r), uri);
	if ((page = pagecache_get(key, gen, &len)) != NULL) {
		r->cache = PAGE_HIT;
		reply_raw(r, "text/html; charset=utf-8", page, len, NULL);
		return 1;
	}
	r->cache = PAGE_MISS;
	r->cache_key = key;
	r->cache_gen = gen;
	return 0;
}
