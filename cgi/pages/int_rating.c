/*
 * int_rating.c: ratings on the intranet (好差评; EXT-8).  A department's
 * staff read its ratings (/ratings) and follow up a poor one (/rating:
 * 回访, then 整改 with what the rater is told); the supervisors and
 * observers (/sup/ratings) follow every poor rating by its light to its
 * end, with the figures per department, and read each one, observers
 * with the applicant's name masked (SUP-7).
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "deadline.h"
#include "pages.h"
#include "rating.h"
#include "text.h"

/* p.{…} of rating t, with the light of its running stage today. */
static void
view_rating(struct req *r, const char *p, const struct calendar *cal,
    cal_day today, const struct rating *t)
{
	enum light	 l;
	cal_day		 d;
	int		 days;

	hdf_putf(r, p, "id", "%lld", (long long)t->id);
	hdf_putf(r, p, "case_id", "%lld", (long long)t->case_id);
	hdf_putf(r, p, "round", "%lld", (long long)t->round);
	hdf_putf(r, p, "level", "%lld", (long long)t->level);
	hdf_put(r, p, "level_label", rt_level_label((int)t->level));
	if (t->level <= RT_POOR)
		hdf_put(r, p, "poor", "1");
	hdf_put(r, p, "app_no", t->app_no);
	hdf_put(r, p, "item_name", t->item_name);
	hdf_put(r, p, "dept_name", t->dept_name);
	hdf_put(r, p, "applicant", view_person(r, t->applicant));
	hdf_put(r, p, "rater", t->rater);
	hdf_put(r, p, "rater_label", rt_rater_label(t->rater));
	hdf_put(r, p, "reasons", rt_reasons_text(r->pool, t->reasons));
	hdf_put(r, p, "comment", t->comment);
	hdf_put(r, p, "rated_at", t->rated_at);
	hdf_put(r, p, "state", t->state);
	hdf_put(r, p, "state_label", rt_state_staff(t->state));
	hdf_put(r, p, "visit_due", t->visit_due);
	hdf_put(r, p, "visited_at", t->visited_at);
	hdf_put(r, p, "visitor", t->visitor);
	hdf_put(r, p, "visit_note", t->visit_note);
	hdf_put(r, p, "fix_due", t->fix_due);
	hdf_put(r, p, "fixed_at", t->fixed_at);
	hdf_put(r, p, "fixer", t->fixer);
	hdf_put(r, p, "fix_note", t->fix_note);
	hdf_put(r, p, "result", t->result);
	if (t->due == NULL || cal_day_parse(t->due, &d) == -1)
		return;
	l = deadline_light(cal, today, d, &days);
	hdf_put(r, p, "due", t->due);
	hdf_put(r, p, "light", deadline_light_word(l));
	hdf_put(r, p, "due_text", deadline_text(r->pool, l, days));
}

/* Ratings.N of page pg. */
static void
view_page(struct req *r, const struct rt_page *pg, const struct calendar *cal,
    cal_day today)
{
	size_t	 i;

	for (i = 0; i < pg->n; i++)
		view_rating(r, pool_printf(r->pool, "Ratings.%zu", i), cal,
		    today, &pg->v[i]);
	if (pg->next != 0)
		hdf_setf(r, "Next.before", "%lld", (long long)pg->next);
}

/* Counts.N per department (of dept only when not NULL). */
static int
view_counts(struct req *r, const char *dept, const struct calendar *cal,
    cal_day today)
{
	struct rt_dept_count	*v;
	size_t			 n, i, k = 0;
	char			*p;

	if (rt_dept_counts(r->db, r->pool, cal, today, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if (dept != NULL && strcmp(dept, v[i].code) != 0)
			continue;
		p = pool_printf(r->pool, "Counts.%zu", k++);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_putf(r, p, "n", "%lld", (long long)v[i].n);
		hdf_putf(r, p, "good", "%lld", (long long)v[i].good);
		hdf_putf(r, p, "rate", "%lld", (long long)(v[i].n > 0 ?
		    (v[i].good * 1000 / v[i].n + 5) / 10 : 0));
		hdf_putf(r, p, "poor", "%lld", (long long)v[i].poor);
		hdf_putf(r, p, "open", "%lld", (long long)v[i].open);
		hdf_putf(r, p, "red", "%lld", (long long)v[i].red);
		hdf_putf(r, p, "yellow", "%lld", (long long)v[i].yellow);
		hdf_putf(r, p, "green", "%lld", (long long)v[i].green);
	}
	return 0;
}

/* The filter f of a list: "poor", "open", "done" or "all" (NULL: def);
 * the query's criteria from it; -1 when it is none. */
static int
take_filter(struct req *r, const char *def, struct rt_query *q)
{
	const char	*f = form_get(r, "f");
	const char	*light = form_get(r, "light");

	if (f == NULL)
		f = def;
	if (strcmp(f, "poor") == 0)
		q->poor = 1;
	else if (strcmp(f, "open") == 0 || strcmp(f, "done") == 0) {
		q->poor = 1;
		q->state = f;
	} else if (strcmp(f, "all") != 0)
		return -1;
	if (light != NULL &&
	    (q->light = deadline_light_of(light)) == LIGHT_NONE)
		return -1;
	if (form_get(r, "before") != NULL &&
	    view_form_id(r, "before", &q->before) == -1)
		return -1;
	hdf_set(r, "Filter.f", f);
	hdf_set(r, "Filter.light", deadline_light_word(q->light));
	if (q->before != 0)
		hdf_set(r, "Filter.paged", "1");
	return 0;
}

/* A list page of ratings at base: q narrowed by the request's filter
 * (def by default), with the figures of q->dept (NULL: of every
 * department), in template tpl. */
static int
list_page(struct req *r, struct rt_query *q, const char *def,
    const char *base, const char *tpl, const char *title)
{
	struct rt_page	 pg;
	struct calendar	 cal;
	cal_day		 today = cal_day_of(clock_now());

	if (take_filter(r, def, q) == -1)
		return reply_error(r, 400, "筛选条件不正确：请从页面上的链接选择"
		    "全部、差评、待回访整改或已整改，亮灯只能是红灯、黄灯或"
		    "绿灯。");
	if (calendar_get(r->db, r->pool, &cal) != DB_OK ||
	    rt_page(r->db, r->pool, q, &cal, today, &pg) != DB_OK ||
	    view_counts(r, q->dept, &cal, today) == -1)
		return reply_error(r, 500, NULL);
	view_page(r, &pg, &cal, today);
	hdf_set(r, "List.base", base);
	if (q->dept == NULL)
		hdf_set(r, "List.dept", "1");
	hdf_setf(r, "Limits.visit", "%d", RT_VISIT_DAYS);
	hdf_setf(r, "Limits.fix", "%d", RT_FIX_DAYS);
	hdf_set(r, "Page.Title", title);
	return render(r, tpl);
}

/*
 * GET /ratings?f=all|poor|open|done&light=L&before=ID: the ratings of the
 * user's department, newest first, 50 a page; the poor ones with the
 * light of their follow-up.
 */
int
page_int_ratings(struct req *r)
{
	struct rt_query	 q;

	memset(&q, 0, sizeof(q));
	if (r->user.dept_code == NULL)
		return reply_error(r, 403, "您的账号不属于任何部门，没有评价可看。");
	q.dept = r->user.dept_code;
	hdf_set(r, "Dept.name", r->user.dept_name);
	return list_page(r, &q, "all", "/ratings", "int/ratings.cs",
	    "办事评价");
}

/*
 * GET /sup/ratings?f=open|done|poor|all&light=L&before=ID: every poor
 * rating (f=all: every rating), newest first, by the light of its
 * follow-up; the figures per department.
 */
int
page_sup_ratings(struct req *r)
{
	struct rt_query	 q;

	memset(&q, 0, sizeof(q));
	return list_page(r, &q, "open", "/sup/ratings", "int/sup_ratings.cs",
	    "差评回访整改");
}

/* Rating id of the request into *t, readable by the user: 0, or the
 * error page's status. */
static int
load(struct req *r, struct rating *t)
{
	int64_t	 id;

	if (view_form_id(r, "id", &id) == -1)
		return reply_error(r, 400, "评价编号不正确，请从评价列表打开。");
	switch (rt_get(r->db, r->pool, id, t)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这条评价。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (!(r->user.roles & ROLES_WATCH) && (r->user.dept_code == NULL ||
	    strcmp(r->user.dept_code, t->dept_code) != 0))
		return reply_error(r, 403, "这条评价不属于您的部门。");
	return 0;
}

/* The rating's page, with status and why when a form was refused. */
static int
show(struct req *r, int status, const char *why)
{
	struct rating	 t;
	struct calendar	 cal;
	cal_day		 today = cal_day_of(clock_now());
	int		 rc;

	if ((rc = load(r, &t)) != 0)
		return rc;
	if (calendar_get(r->db, r->pool, &cal) != DB_OK)
		return reply_error(r, 500, NULL);
	view_rating(r, "Rating", &cal, today, &t);
	/* The department acts; the supervisors read. */
	if (!(r->user.roles & ROLES_WATCH))
		hdf_set(r, "Rating.mine", "1");
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.note", form_text(r, "note"));
		hdf_set(r, "Form.result", form_text(r, "result"));
	}
	hdf_setf(r, "Limits.note", "%d", RT_NOTE_MAX);
	hdf_setf(r, "Limits.result", "%d", RT_RESULT_MAX);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "评价 %s", t.app_no));
	return render(r, "int/rating.cs");
}

/* GET /rating?id=…: one rating and its follow-up. */
int
page_int_rating(struct req *r)
{
	return show(r, 200, NULL);
}

/* Text field name, 1..max characters of lines: NULL, or the page again
 * saying what is wrong (*rc). */
static const char *
take_text(struct req *r, const char *name, const char *label, size_t max,
    int *rc)
{
	const char	*v = form_text(r, name);
	enum text_rc	 trc;

	if (v == NULL || *v == '\0') {
		*rc = show(r, 422, pool_printf(r->pool, "请填写%s。", label));
		return NULL;
	}
	trc = text_check(v, strlen(v), 1, max, 4 * max, TEXT_LINES);
	if (trc == TEXT_OK)
		return v;
	*rc = show(r, 422, trc == TEXT_LONG ? pool_printf(r->pool, "%s太长，"
	    "请控制在 %zu 字以内。", label, max) : pool_printf(r->pool,
	    "%s%s，请修改后再提交。", label, text_why(trc)));
	return NULL;
}

/* After an action: back to the rating, or why not. */
static int
acted(struct req *r, const struct rating *t, enum db_rc rc, const char *why)
{
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool, "/rating?id=%lld",
		    (long long)t->id));
	case DB_NONE:
		return why != NULL ? show(r, 409, why) :
		    reply_error(r, 404, "没有找到这条评价。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* POST /rating/visit: id, note (what the rater said when contacted). */
int
page_int_rating_visit(struct req *r)
{
	struct rating	 t;
	const char	*note, *why = NULL;
	enum db_rc	 drc;
	int		 rc = 0;

	if ((rc = load(r, &t)) != 0)
		return rc;
	if ((note = take_text(r, "note", "回访情况", RT_NOTE_MAX, &rc)) ==
	    NULL)
		return rc;
	drc = rt_visit(r->db, r->pool, &r->user, t.id, note, &why);
	return acted(r, &t, drc, why);
}

/* POST /rating/fix: id, note (what was done), result (what the rater
 * reads on the application's page). */
int
page_int_rating_fix(struct req *r)
{
	struct rating	 t;
	const char	*note, *result, *why = NULL;
	enum db_rc	 drc;
	int		 rc = 0;

	if ((rc = load(r, &t)) != 0)
		return rc;
	if ((note = take_text(r, "note", "整改措施", RT_NOTE_MAX, &rc)) ==
	    NULL || (result = take_text(r, "result", "告知评价人的整改结果",
	    RT_RESULT_MAX, &rc)) == NULL)
		return rc;
	drc = rt_fix(r->db, r->pool, &r->user, t.id, note, result, &why);
	return acted(r, &t, drc, why);
}
