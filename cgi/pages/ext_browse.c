/*
 * ext_browse.c: finding an item on the extranet (CAT-3): the hall's
 * front page, keyword search and browsing by life event, department and
 * level, a page at a time.
 */
#include <string.h>

#include "pages.h"
#include "search.h"

#define MAX_QUERY	200	/* bytes: some 60 Chinese characters */

/* Words to try when a search finds nothing or nothing was typed. */
static const char *const suggestions[] = {
	"身份证", "营业执照", "结婚", "出生", "社保卡", "低保", "退休",
	"宅基地",
};

/* Items.N: the cards of a result list. */
static void
put_items(struct req *r, const struct item *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Items.%zu", i);

		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "kind", v[i].kind);
		hdf_put(r, p, "dept_name", v[i].dept_name);
		hdf_put(r, p, "level", v[i].level);
		hdf_put(r, p, "depth", v[i].depth);
		hdf_put(r, p, "depth_label", catalog_depth_label(v[i].depth));
		hdf_putf(r, p, "promised_days", "%d", v[i].promised_days);
		hdf_putf(r, p, "instant", "%d", v[i].instant);
		hdf_put(r, p, "phase", v[i].phase);
	}
}

static void
put_suggestions(struct req *r)
{
	size_t	 i;

	for (i = 0; i < sizeof(suggestions) / sizeof(suggestions[0]); i++)
		hdf_set(r, pool_printf(r->pool, "Suggest.%zu", i),
		    suggestions[i]);
}

/*
 * GET /search?q=…
 * Published items that have every word of q, name matches first.
 * Without q: the search box and words to try.
 */
int
page_ext_search(struct req *r)
{
	struct item	*items;
	size_t		 n;
	const char	*q;
	char		 words[MAX_QUERY + 1];

	hdf_set(r, "Page.Title", "搜索事项");
	put_suggestions(r);
	if ((q = form_get(r, "q")) == NULL)
		return render(r, "ext/search.cs");
	hdf_set(r, "Search.q", q);
	if (strlen(q) > MAX_QUERY) {
		r->status = 400;
		hdf_set(r, "Form.Error", "搜索词太长了。请只输入事项名称中的"
		    "几个关键词，例如“营业执照”。");
		return render(r, "ext/search.cs");
	}
	if (search_sanitize(q, words, sizeof(words)) == 0) {
		hdf_set(r, "Form.Error", "请输入要找的事项名称或关键词（汉字、"
		    "字母或数字），例如“营业执照”。");
		return render(r, "ext/search.cs");
	}
	if (search_query(r->db, r->pool, q, &items, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	put_items(r, items, n);
	hdf_setf(r, "Search.count", "%zu", n);
	hdf_set(r, "Search.done", "1");
	hdf_set(r, "Page.Title", pool_printf(r->pool, "搜索：%s", q));
	return render(r, "ext/search.cs");
}

/* Facets.N of a browse list; the label of key v when it is one. */
static const char *
put_facets(struct req *r, const char *prefix, const struct facet *f,
    size_t nf, const char *v)
{
	const char	*label = NULL;
	size_t		 i;

	for (i = 0; i < nf; i++) {
		char *p = pool_printf(r->pool, "%s.%zu", prefix, i);

		hdf_put(r, p, "key", f[i].key);
		hdf_put(r, p, "label", f[i].label);
		hdf_putf(r, p, "count", "%d", f[i].count);
		if (v != NULL && strcmp(v, f[i].key) == 0) {
			hdf_put(r, p, "current", "1");
			label = f[i].label;
		}
	}
	return label;
}

/*
 * Items.N of one page (n as search_by_*() gave it, one more than a page
 * when another follows) and Page.next, the key of the next page.
 */
static void
put_page(struct req *r, const struct item *items, size_t n)
{
	if (n > SEARCH_PAGE) {
		n = SEARCH_PAGE;
		hdf_set(r, "Paging.next", items[n - 1].code);
	}
	put_items(r, items, n);
}

/*
 * GET /
 * The service hall: search first, the items most cases were decided
 * for (热门事项), life events, departments, and the way to every item a
 * page at a time (/browse?by=all).
 */
int
page_ext_home(struct req *r)
{
	struct facet	*themes, *depts;
	struct item	*pop;
	int		*done;
	size_t		 nt, nd, np, i;
	long long	 total = 0;

	if (search_themes(r->db, r->pool, &themes, &nt) != DB_OK ||
	    search_depts(r->db, r->pool, &depts, &nd) != DB_OK ||
	    search_popular(r->db, r->pool, 8, &pop, &done, &np) != DB_OK)
		return reply_error(r, 500, NULL);
	put_facets(r, "Themes", themes, nt, NULL);
	put_facets(r, "Depts", depts, nd, NULL);
	put_items(r, pop, np);
	/* 一件事一次办 (EXT-12). */
	if (view_home_events(r) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; i < np; i++) {
		hdf_setf(r, pool_printf(r->pool, "Items.%zu.done", i), "%d",
		    done[i]);
	}
	for (i = 0; i < nd; i++)
		total += depts[i].count;
	hdf_setf(r, "Hall.total", "%lld", total);
	put_suggestions(r);
	hdf_set(r, "Page.Title", "首页");
	return render(r, "ext/home.cs");
}

/*
 * GET /browse?by=all|theme|dept|level[&v=…][&after=CODE]
 * The chosen list with the number of items under each entry; with v
 * (or by=all), also a page of its items by code after `after` (404 when
 * the entry has none).
 */
int
page_ext_browse(struct req *r)
{
	struct facet	*f = NULL;
	struct item	*items;
	size_t		 nf = 0, n, i;
	const char	*by, *v, *after, *title, *noun, *label = NULL;
	enum db_rc	 rc;
	long long	 total = 0;

	if ((by = form_get(r, "by")) == NULL)
		by = "theme";
	v = form_get(r, "v");
	after = form_get(r, "after");
	if ((v != NULL && strlen(v) > 100) ||
	    (after != NULL && strlen(after) > 40))
		return reply_error(r, 400, "分类名称不正确，请从列表中选择。");
	if (strcmp(by, "all") == 0) {
		title = "全部";
		noun = "部门";
		v = NULL;
		rc = search_depts(r->db, r->pool, &f, &nf);
	} else if (strcmp(by, "theme") == 0) {
		title = "按主题";
		noun = "主题";
		rc = search_themes(r->db, r->pool, &f, &nf);
	} else if (strcmp(by, "dept") == 0) {
		title = "按部门";
		noun = "部门";
		rc = search_depts(r->db, r->pool, &f, &nf);
	} else if (strcmp(by, "level") == 0) {
		title = "按层级";
		noun = "层级";
		rc = search_levels(r->db, r->pool, &f, &nf);
	} else
		return reply_error(r, 400, "浏览方式不正确，请从页面上的"
		    "“按主题”“按部门”“按层级”选择。");
	if (rc != DB_OK)
		return reply_error(r, 500, NULL);

	label = put_facets(r, "Facets", f, nf, v);
	hdf_set(r, "Browse.by", by);
	hdf_set(r, "Browse.title", title);
	hdf_set(r, "Browse.noun", noun);
	if (after != NULL && *after != '\0')
		hdf_set(r, "Paging.after", after);
	if (strcmp(by, "all") == 0) {
		for (i = 0; i < nf; i++)
			total += f[i].count;
		if (search_all(r->db, r->pool, after, &items, &n) != DB_OK)
			return reply_error(r, 500, NULL);
		put_page(r, items, n);
		hdf_set(r, "Browse.all", "1");
		hdf_set(r, "Browse.label", "全部事项");
		hdf_setf(r, "Browse.count", "%lld", total);
		hdf_set(r, "Page.Title", after != NULL && *after != '\0' ?
		    "全部事项（续）" : "全部事项");
		return render(r, "ext/browse.cs");
	}
	if (v == NULL) {
		hdf_set(r, "Page.Title", pool_printf(r->pool, "%s浏览事项",
		    title));
		return render(r, "ext/browse.cs");
	}
	if (label == NULL)
		return reply_error(r, 404, "这个分类下没有可办理的事项。"
		    "请回到分类列表重新选择。");
	if (strcmp(by, "theme") == 0)
		rc = search_by_theme(r->db, r->pool, v, after, &items, &n);
	else if (strcmp(by, "dept") == 0)
		rc = search_by_dept(r->db, r->pool, v, after, &items, &n);
	else
		rc = search_by_level(r->db, r->pool, v, after, &items, &n);
	if (rc != DB_OK)
		return reply_error(r, 500, NULL);
	put_page(r, items, n);
	for (i = 0; i < nf; i++)
		if (strcmp(v, f[i].key) == 0)
			hdf_setf(r, "Browse.count", "%d", f[i].count);
	hdf_set(r, "Browse.v", v);
	hdf_set(r, "Browse.label", label);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s · 事项%s", label,
	    after != NULL && *after != '\0' ? "（续）" : ""));
	return render(r, "ext/browse.cs");
}
