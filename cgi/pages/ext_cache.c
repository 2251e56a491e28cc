/*
 * ext_cache.c: the public catalogue pages kept for visitors without a
 * session (issue #12): the home page, the guides (办事指南), browsing by
 * theme, department or level, search results, and the login form, kept
 * with its form token's places marked and served with each visitor's
 * own token (request.c keep_token_page()).  A kept page is the one
 * the same request would make again, byte for byte, while the generation
 * of what these pages show (db/280_page_gen.sql, moved by every write to
 * it) has not moved, without the page's statements.  A request with a
 * session cookie is never answered from, nor adds to, what is kept; the
 * pages kept hold no token of a visitor (request.c keep_page()) but in
 * the login form's marked places.  Only a
 * page the routes made (200) for the same address is kept, so serving it
 * again needs no second look at the routes.
 *
 * The generation is read with a statement only when a write may have
 * moved it (pagecache.h, pagegen): a kept page is then served without
 * one.  A visitor who sent no cookie but the form token's and the
 * large-text mode's is served before the CGI kit parses the request
 * (page_ext_fast()): the kept page, with the form-token cookie
 * session_begin() would have set when none came, in one write.
 */
#include <string.h>

#include <fcgiapp.h>

#include "catalog.h"
#include "pagecache.h"
#include "pages.h"
#include "session.h"

/* The pages kept; token: the page prints the visitor's form token (the
 * login form's), which is put in for each visitor. */
static const struct {
	const char	*path;
	int		 token;
} kept[] = {
	{ "/", 0 }, { "/guide", 0 }, { "/browse", 0 }, { "/search", 0 },
	{ "/login", 1 },
};

/* Whether path is one of the pages kept: 1, or 2 when it prints the
 * visitor's token; else 0. */
static int
kept_path(const char *path)
{
	size_t	 i;

	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (strcmp(path, kept[i].path) == 0)
			return kept[i].token ? 2 : 1;
	return 0;
}

/* Serve the kept page, with this visitor's token where it prints one. */
static int
serve_kept(struct req *r, const char *page, size_t len, int how)
{
	char		*copy;
	const char	*at, *end;

	if (how == 2) {
		if (r->csrf == NULL || strlen(r->csrf) != PAGE_TOKEN_LEN)
			return 0;
		copy = pool_alloc(r->pool, len);
		memcpy(copy, page, len);
		end = copy + len;
		for (at = copy; (at = memchr(at, PAGE_TOKEN_MARK,
		    (size_t)(end - at))) != NULL; at += PAGE_TOKEN_LEN) {
			if ((size_t)(end - at) < PAGE_TOKEN_LEN)
				return 0;
			memcpy(copy + (at - copy), r->csrf, PAGE_TOKEN_LEN);
		}
		page = copy;
	}
	r->cache = PAGE_HIT;
	reply_raw(r, "text/html; charset=utf-8", page, len, NULL);
	return 1;
}

/* The pages' generation: known without a statement while no write moved
 * the site's counter (pagecache.h), else read. */
static enum db_rc
generation(struct db *db, struct pool *pool, uint64_t *gen)
{
	uint64_t	 mark;
	enum db_rc	 rc;

	if (pagegen_known(gen))
		return DB_OK;
	mark = pagegen_mark();
	if ((rc = catalog_generation(db, pool, gen)) == DB_OK)
		pagegen_learnt(mark, *gen);
	return rc;
}

int
page_ext_fast(struct req *r, struct FCGX_Request *fr,
    const struct config *cfg, struct db *db, struct pool *pool)
{
	char		**env = fr->envp;
	const char	*v, *uri, *page, *pre;
	size_t		 len;
	uint64_t	 gen;
	int		 big, how;

	/* What request_begin() and page_ext_cached() would find, from the
	 * raw parameters: a GET with no body and no cookie but the form
	 * token's and the large-text mode's (so no session), of a kept
	 * page.  A
	 * page is kept only once made (200) for the same address, so the
	 * query string it carries passed request_begin()'s checks. */
	if (cfg->site != SITE_EXTRANET ||
	    (v = FCGX_GetParam("REQUEST_METHOD", env)) == NULL ||
	    strcmp(v, "GET") != 0 ||
	    !session_cookies_plain(cfg, FCGX_GetParam("HTTP_COOKIE", env),
	    &pre, &big) ||
	    ((v = FCGX_GetParam("CONTENT_LENGTH", env)) != NULL &&
	    *v != '\0') ||
	    FCGX_GetParam("YIWANG_OPS", env) != NULL ||
	    FCGX_GetParam("HTTP_X_YIWANG_FAULT", env) != NULL ||
	    (uri = FCGX_GetParam("REQUEST_URI", env)) == NULL ||
	    strlen(uri) > 500)
		return 0;
	if ((v = FCGX_GetParam("DOCUMENT_URI", env)) == NULL)
		v = uri;
	if ((how = kept_path(pool_strndup(pool, v, strcspn(v, "?")))) == 0)
		return 0;
	if (generation(db, pool, &gen) != DB_OK ||
	    (page = pagecache_get(pool_printf(pool, "%d %s", big, uri), gen,
	    &len)) == NULL)
		return 0;
	memset(r, 0, sizeof(*r));
	r->pool = pool;
	r->cfg = cfg;
	r->db = db;
	r->fcgx = fr;
	r->method = "GET";
	r->status = 200;
	if (pre != NULL)
		r->csrf = pool_strndup(pool, pre, PAGE_TOKEN_LEN);
	else
		session_anon(r);
	return serve_kept(r, page, len, how);
}

/* How r is kept (kept_path()) when it is a GET of a kept page by a
 * visitor without a session; else 0. */
static int
kept_how(struct req *r)
{
	if (r->cfg->site != SITE_EXTRANET || r->method == NULL ||
	    strcmp(r->method, "GET") != 0 || r->path == NULL ||
	    r->user.id != 0 || session_sent(r) ||
	    request_param(r, "YIWANG_OPS") != NULL ||
	    request_param(r, "HTTP_X_YIWANG_FAULT") != NULL)
		return 0;
	return kept_path(r->path);
}

int
page_ext_public(struct req *r)
{
	return kept_how(r) == 1;
}

int
page_ext_cached(struct req *r)
{
	const char	*uri, *page;
	char		*key;
	size_t		 len;
	uint64_t	 gen;
	int		 how;

	if ((how = kept_how(r)) == 0)
		return 0;
	/* What else a page shows of its request: its own address, as
	 * sent (Page.Here, the link to the large-text mode), and that mode
	 * (render_site()). */
	if ((uri = request_param(r, "REQUEST_URI")) == NULL ||
	    strlen(uri) > 500)
		return 0;
	if (generation(r->db, r->pool, &gen) != DB_OK)
		return 0;
	key = pool_printf(r->pool, "%d %s", view_big(r), uri);
	if ((page = pagecache_get(key, gen, &len)) != NULL &&
	    serve_kept(r, page, len, how))
		return 1;
	r->cache = PAGE_MISS;
	r->cache_key = key;
	r->cache_gen = gen;
	r->cache_token = how == 2;
	return 0;
}
