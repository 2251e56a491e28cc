/*
 * ext_browse.c: finding an item on the extranet (CAT-3): the hall's
 * front page, keyword search and browsing by life event, department and
 * level, a page at a time.
 */
#include <limits.h>
#include <stdlib.h>
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

/* The count of entry v among f, else dflt. */
static int
facet_count(const struct facet *f, size_t nf, const char *v, int dflt)
{
	size_t	 i;

	for (i = 0; i < nf; i++)
		if (strcmp(v, f[i].key) == 0)
			return f[i].count;
	return dflt;
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

/* Departments the front page names; the rest are a click away. */
#define HOME_DEPTS	12

/*
 * GET /
 * The service hall: search first, the items most cases were decided
 * for (热门事项), life events, the departments with the most items, and
 * the way to every item and every department a page at a time
 * (/browse?by=all, /browse?by=dept).  Three statements, each an index
 * read, whatever the catalogue's size (issue #12).
 */
int
page_ext_home(struct req *r)
{
	struct facet	*themes, *depts;
	struct item	*pop;
	int		*done;
	size_t		 nt, nd, np, i;
	long long	 total = 0;

	if (search_themes(r->db, r->pool, &themes, &nt, &total) != DB_OK ||
	    search_depts(r->db, r->pool, HOME_DEPTS, -1, NULL, &depts,
	    &nd) != DB_OK ||
	    search_popular(r->db, r->pool, 8, &pop, &done, &np) != DB_OK)
		return reply_error(r, 500, NULL);
	put_facets(r, "Themes", themes, nt, NULL);
	if (nd > HOME_DEPTS) {
		nd = HOME_DEPTS;
		hdf_set(r, "Hall.more_depts", "1");
	}
	put_facets(r, "Depts", depts, nd, NULL);
	put_items(r, pop, np);
	/* 一件事一次办 (EXT-12). */
	if (view_home_events(r) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; i < np; i++) {
		hdf_setf(r, pool_printf(r->pool, "Items.%zu.done", i), "%d",
		    done[i]);
	}
	hdf_setf(r, "Hall.total", "%lld", total);
	put_suggestions(r);
	hdf_set(r, "Page.Title", "首页");
	return render(r, "ext/home.cs");
}

/*
 * A page of the departments as Facets.N, after the one of dn items and
 * code dk when given (paged by key: most items first, then by code);
 * FacetPaging.next_n and next_k when another page follows.  -1 when
 * dn or dk is not what a link of ours gives.
 */
static int
dept_page(struct req *r, const char *v, const char **label)
{
	struct facet	*f;
	size_t		 nf;
	const char	*dn, *dk;
	char		*end;
	long		 after_n = -1;

	dn = form_get(r, "dn");
	dk = form_get(r, "dk");
	if (dn != NULL && dk != NULL) {
		after_n = strtol(dn, &end, 10);
		if (*dn == '\0' || *end != '\0' || after_n < 0 ||
		    after_n > INT_MAX || strlen(dk) > 60)
			return -1;
		hdf_set(r, "FacetPaging.after", "1");
	} else
		dk = NULL;
	if (search_depts(r->db, r->pool, SEARCH_DEPT_PAGE, (int)after_n, dk,
	    &f, &nf) != DB_OK)
		return -2;
	if (nf > SEARCH_DEPT_PAGE) {
		nf = SEARCH_DEPT_PAGE;
		hdf_setf(r, "FacetPaging.next_n", "%d", f[nf - 1].count);
		hdf_set(r, "FacetPaging.next_k", f[nf - 1].key);
	}
	*label = put_facets(r, "Facets", f, nf, v);
	return 0;
}

/*
 * GET /browse?by=all|theme|dept|level[&v=…][&after=CODE][&dn=N&dk=CODE]
 * The chosen list with the number of items under each entry (the
 * departments a page at a time, by dn and dk); with v (or by=all), also
 * a page of its items by code after `after` (404 when the entry has
 * none).  At most three statements, each an index read.
 */
int
page_ext_browse(struct req *r)
{
	struct facet	*f = NULL, one;
	struct item	*items;
	size_t		 nf = 0, n;
	const char	*by, *v, *after, *title, *noun, *label = NULL;
	enum db_rc	 rc = DB_OK;
	long long	 total = 0;
	int		 d;

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
	} else if (strcmp(by, "theme") == 0) {
		title = "按主题";
		noun = "主题";
		rc = search_themes(r->db, r->pool, &f, &nf, &total);
	} else if (strcmp(by, "dept") == 0) {
		title = "按部门";
		noun = "部门";
	} else if (strcmp(by, "level") == 0) {
		title = "按层级";
		noun = "层级";
		rc = search_levels(r->db, r->pool, &f, &nf);
	} else
		return reply_error(r, 400, "浏览方式不正确，请从页面上的"
		    "“按主题”“按部门”“按层级”选择。");
	if (rc != DB_OK)
		return reply_error(r, 500, NULL);
	if (strcmp(by, "all") == 0 || strcmp(by, "dept") == 0) {
		/* The departments' links choose a department. */
		hdf_set(r, "Browse.fby", "dept");
		if ((d = dept_page(r, v, &label)) == -1)
			return reply_error(r, 400, "部门列表的页码不正确，请回到"
			    "“按部门”重新翻页。");
		if (d != 0)
			return reply_error(r, 500, NULL);
	} else {
		hdf_set(r, "Browse.fby", by);
		label = put_facets(r, "Facets", f, nf, v);
	}

	hdf_set(r, "Browse.by", by);
	hdf_set(r, "Browse.title", title);
	hdf_set(r, "Browse.noun", noun);
	if (after != NULL && *after != '\0')
		hdf_set(r, "Paging.after", after);
	if (strcmp(by, "all") == 0) {
		if ((rc = search_facet(r->db, r->pool, "all", "", &one)) ==
		    DB_ERR ||
		    search_all(r->db, r->pool, after, &items, &n) != DB_OK)
			return reply_error(r, 500, NULL);
		put_page(r, items, n);
		hdf_set(r, "Browse.all", "1");
		hdf_set(r, "Browse.label", "全部事项");
		hdf_setf(r, "Browse.count", "%d", rc == DB_OK ? one.count : 0);
		hdf_set(r, "Page.Title", after != NULL && *after != '\0' ?
		    "全部事项（续）" : "全部事项");
		return render(r, "ext/browse.cs");
	}
	if (v == NULL) {
		hdf_set(r, "Page.Title", pool_printf(r->pool, "%s浏览事项",
		    title));
		return render(r, "ext/browse.cs");
	}
	/* A department, on this page of the list or not: its own row. */
	one.count = 0;
	if (strcmp(by, "dept") == 0) {
		if ((rc = search_facet(r->db, r->pool, "dept", v, &one)) ==
		    DB_ERR)
			return reply_error(r, 500, NULL);
		label = rc == DB_OK ? one.label : NULL;
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
	hdf_setf(r, "Browse.count", "%d", facet_count(f, nf, v, one.count));
	hdf_set(r, "Browse.v", v);
	hdf_set(r, "Browse.label", label);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s · 事项%s", label,
	    after != NULL && *after != '\0' ? "（续）" : ""));
	return render(r, "ext/browse.cs");
}
