/*
 * ext_pub.c: publication on the extranet (PUB-1, PUB-2, AGT-2): results
 * (/results), the hall display (/hall), announcements (/news), agent
 * points (/agents).  Everything here is what the intranet sent across
 * the gap (publish.h); nothing is computed from cases, which the
 * extranet does not have.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "pages.h"
#include "publish.h"
#include "utf8.h"
#include "vocab.h"

#define RESULTS_PAGE	20
#define NEWS_PAGE	20
#define HALL_RESULTS	8

/* A date field of a query: "YYYY-MM-DD", absent (NULL), or refused (-1). */
static int
query_day(struct req *r, const char *name, const char **v)
{
	cal_day	 d;

	*v = form_get(r, name);
	if (*v == NULL)
		return 0;
	if (strlen(*v) != 10 || cal_day_parse(*v, &d) == -1)
		return -1;
	return 0;
}

/* A page key ("before"): a positive id, 0 when absent, -1 when wrong. */
static int64_t
query_before(struct req *r)
{
	const char	*s = form_get(r, "before");
	char		*end;
	long long	 v;

	if (s == NULL)
		return 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0 || v > 2147483647LL || *s == '+')
		return -1;
	return v;
}

static void
put_result(struct req *r, const char *p, const struct pub_result *x)
{
	hdf_putf(r, p, "id", "%lld", (long long)x->id);
	hdf_put(r, p, "item_code", x->item_code);
	hdf_put(r, p, "item_name", x->item_name);
	hdf_put(r, p, "dept_name", x->dept_name);
	hdf_put(r, p, "decision", x->decision);
	hdf_put(r, p, "decision_label", strcmp(x->decision, "approved") == 0 ?
	    "准予许可" : "不予许可");
	hdf_put(r, p, "decided_on", x->decided_on);
	hdf_put(r, p, "due_on", x->due_on);
	hdf_put(r, p, "doc_no", *x->doc_no ? x->doc_no : "—");
	hdf_put(r, p, "applicant", x->applicant);
	hdf_put(r, p, "published_on", x->published_on);
	if (x->late)
		hdf_put(r, p, "late", "1");
}

/*
 * GET /results?item=&dept=&from=&to=&before=
 * The latest results (办结公示), searchable by item, department and the
 * day of decision, 20 a page by key.
 */
int
page_ext_results(struct req *r)
{
	struct pub_filter	 f;
	struct pub_result	*v;
	struct pub_dept		*d;
	size_t			 n, nd, i;
	int64_t			 priv;
	const char		*p;

	memset(&f, 0, sizeof(f));
	f.item = form_get(r, "item");
	f.dept = form_get(r, "dept");
	if (f.item != NULL && utf8_chars(f.item) > 40)
		return reply_error(r, 400, "事项名称最多输入 40 个字。");
	if (f.dept != NULL && !vocab_code_valid(f.dept, 32))
		return reply_error(r, 400, "部门编码格式不正确。");
	if (query_day(r, "from", &f.from) == -1 ||
	    query_day(r, "to", &f.to) == -1)
		return reply_error(r, 400, "日期请按 年-月-日 填写，如 "
		    "2026-12-01。");
	if ((f.before = query_before(r)) < 0)
		return reply_error(r, 400, "页码不正确，请从第一页重新查看。");
	if (pub_results(r->db, r->pool, &f, RESULTS_PAGE + 1, &v, &n,
	    &priv) != DB_OK || pub_depts(r->db, r->pool, &d, &nd) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n && i < RESULTS_PAGE; i++)
		put_result(r, pool_printf(r->pool, "Results.%zu", i), &v[i]);
	if (n > RESULTS_PAGE)
		hdf_setf(r, "Page.Next", "%lld",
		    (long long)v[RESULTS_PAGE - 1].id);
	hdf_setf(r, "Private", "%lld", (long long)priv);
	for (i = 0; i < nd; i++) {
		p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", d[i].code);
		hdf_put(r, p, "name", d[i].name);
		if (f.dept != NULL && strcmp(f.dept, d[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	hdf_set(r, "Form.item", f.item ? f.item : "");
	hdf_set(r, "Form.dept", f.dept ? f.dept : "");
	hdf_set(r, "Form.from", f.from ? f.from : "");
	hdf_set(r, "Form.to", f.to ? f.to : "");
	if (f.item || f.dept || f.from || f.to)
		hdf_set(r, "Form.any", "1");
	if (f.before)
		hdf_set(r, "Page.Paged", "1");
	hdf_set(r, "Page.Title", "办结公示");
	return render(r, "ext/results.cs");
}

/*
 * GET /hall?code=HALL
 * The service hall's display (电子显示屏): a page for the television in
 * the hall, large type, refreshed by a meta element every 60 seconds, no
 * script.  Its numbers are the intranet's, as of the time they were
 * counted, which the page says.
 */
int
page_ext_hall(struct req *r)
{
	struct pub_hall_day	 h;
	struct pub_filter	 f;
	struct pub_result	*v;
	size_t			 n, i;
	int64_t			 priv;
	const char		*code;
	char			*today;

	if ((code = form_get(r, "code")) == NULL ||
	    !vocab_code_valid(code, 32))
		return reply_error(r, 400, "请在地址中写明服务大厅的编码，如 "
		    "/hall?code=XLHT-ZWFWZX。");
	switch (pub_hall_get(r->db, r->pool, code, &h)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "这个服务大厅还没有数据：内网的统计"
		    "送达后才会显示。请核对大厅编码。");
	default:
		return reply_error(r, 500, NULL);
	}
	memset(&f, 0, sizeof(f));
	f.hall = code;
	if (pub_results(r->db, r->pool, &f, HALL_RESULTS, &v, &n, &priv) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	today = cal_day_str(r->pool, cal_day_of(clock_now()));
	hdf_put(r, "Hall", "code", h.code);
	hdf_put(r, "Hall", "name", h.name);
	hdf_put(r, "Hall", "day", h.day);
	hdf_put(r, "Hall", "as_of", h.as_of);
	hdf_putf(r, "Hall", "received", "%lld", (long long)h.received);
	hdf_putf(r, "Hall", "decided", "%lld", (long long)h.decided);
	hdf_putf(r, "Hall", "in_progress", "%lld", (long long)h.in_progress);
	/* Numbers of another day are said to be that day's, never today's. */
	if (strcmp(h.day, today) != 0)
		hdf_put(r, "Hall", "stale", "1");
	hdf_put(r, "Hall", "today", today);
	for (i = 0; i < n; i++)
		put_result(r, pool_printf(r->pool, "Results.%zu", i), &v[i]);
	hdf_set(r, "Page.Title", h.name);
	hdf_set(r, "Page.Layout", "hall_layout.cs");
	return render(r, "ext/hall.cs");
}

static void
put_news(struct req *r, const char *p, const struct pub_news *x, int body)
{
	hdf_putf(r, p, "id", "%lld", (long long)x->id);
	hdf_put(r, p, "kind", x->kind);
	hdf_put(r, p, "kind_label", pub_kind_label(x->kind));
	hdf_put(r, p, "title", x->title);
	hdf_put(r, p, "dept_name", x->dept_name);
	hdf_put(r, p, "published_at", x->published_at);
	hdf_put(r, p, "published_on", pool_printf(r->pool, "%.10s",
	    x->published_at));
	if (body)
		hdf_put(r, p, "body", x->body);
}

/*
 * GET /news?kind=&q=&before=
 * Announcements (信息发布, PUB-2): news, notices, policy and law texts,
 * searchable by words of the title or text, 20 a page.
 */
int
page_ext_news(struct req *r)
{
	struct pub_news	*v;
	const char	*kind, *q;
	int64_t		 before;
	size_t		 n, i;

	kind = form_get(r, "kind");
	q = form_get(r, "q");
	if (kind != NULL && pub_kind_label(kind) == NULL)
		return reply_error(r, 400, "没有这个栏目。");
	if (q != NULL && utf8_chars(q) > 40)
		return reply_error(r, 400, "搜索词最多 40 个字。");
	if ((before = query_before(r)) < 0)
		return reply_error(r, 400, "页码不正确，请从第一页重新查看。");
	if (pub_news_public(r->db, r->pool, kind, q, before, NEWS_PAGE + 1,
	    &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n && i < NEWS_PAGE; i++)
		put_news(r, pool_printf(r->pool, "News.%zu", i), &v[i], 0);
	if (n > NEWS_PAGE)
		hdf_setf(r, "Page.Next", "%lld",
		    (long long)v[NEWS_PAGE - 1].id);
	hdf_set(r, "Form.kind", kind ? kind : "");
	hdf_set(r, "Form.q", q ? q : "");
	if (kind != NULL)
		hdf_set(r, "Form.kind_label", pub_kind_label(kind));
	hdf_set(r, "Page.Title", "信息公开");
	return render(r, "ext/news.cs");
}

/* GET /news/item?id=N: one announcement. */
int
page_ext_news_item(struct req *r)
{
	struct pub_news	 x;
	const char	*s = form_get(r, "id");
	char		*end;
	long long	 id;

	id = s ? strtoll(s, &end, 10) : 0;
	if (s == NULL || *end != '\0' || id <= 0 || id > 2147483647LL)
		return reply_error(r, 400, "信息编号不正确。");
	switch (pub_news_public_get(r->db, r->pool, id, &x)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这条信息，可能已经撤回。");
	default:
		return reply_error(r, 500, NULL);
	}
	put_news(r, "News", &x, 1);
	hdf_set(r, "Page.Title", x.title);
	return render(r, "ext/news_item.cs");
}

/*
 * GET /agents: agent points (代办点, AGT-2), as the intranet last sent
 * them.  None until agents exist (AGT-1), or until the numbers of those
 * that crossed come (the intranet's tick sends them): the page says
 * which, and shows no number it was not sent.
 */
int
page_ext_agents(struct req *r)
{
	struct pub_agent	*v;
	size_t			 n, i;
	char			*as_of;
	const char		*p;
	int64_t			 open;

	if (pub_agents_public(r->db, r->pool, &v, &n, &as_of, &open) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Agents.%zu", i);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "area", v[i].area);
		hdf_putf(r, p, "cases", "%lld", (long long)v[i].cases);
		hdf_putf(r, p, "decided", "%lld", (long long)v[i].decided);
	}
	hdf_set(r, "Agents_as_of", as_of);
	hdf_setf(r, "Agents_open", "%lld", (long long)open);
	hdf_set(r, "Page.Title", "代办点统计");
	return render(r, "ext/agents.cs");
}
