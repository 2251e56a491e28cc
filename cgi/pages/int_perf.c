/*
 * int_perf.c: performance (绩效评估, SUP-4) and statistics (统计分析,
 * SUP-6) on the intranet, for supervisors and observers.  They read the
 * summaries of perf.h; nothing here changes anything.  Staff act in a
 * public office, so their names and figures show to observers too; no
 * applicant appears on these pages at all.
 */
#include <stdio.h>
#include <string.h>

#include "barchart.h"
#include "calendar.h"
#include "clock.h"
#include "org.h"
#include "pages.h"
#include "perf.h"
#include "vocab.h"

#define PERIOD_DAYS_MAX	(366 * 10)	/* a longer period is refused */

struct period {
	const char	*from, *to;	/* "YYYY-MM-DD" */
	int		 year;		/* of to: the red lights' year */
};

/*
 * from and to of the query, default 1 January of this year (Beijing) to
 * today.  0, or -1 with a 400 page sent.
 */
static int
period_of(struct req *r, struct period *p, int *status)
{
	const char	*f = form_get(r, "from"), *t = form_get(r, "to");
	cal_day		 today = cal_day_of(clock_now()), df, dt;

	if (f == NULL || *f == '\0')
		df = cal_day_of_ymd(cal_year(today), 1, 1);
	else if (cal_day_parse(f, &df) == -1) {
		*status = reply_error(r, 400, "开始日期应写成 2026-01-01 这样"
		    "的年月日。");
		return -1;
	}
	if (t == NULL || *t == '\0')
		dt = today;
	else if (cal_day_parse(t, &dt) == -1) {
		*status = reply_error(r, 400, "结束日期应写成 2026-12-31 这样"
		    "的年月日。");
		return -1;
	}
	if (df > dt) {
		*status = reply_error(r, 400, "开始日期不能晚于结束日期，请重新"
		    "选择。");
		return -1;
	}
	if (dt - df > PERIOD_DAYS_MAX) {
		*status = reply_error(r, 400, "统计期间最长十年，请缩短。");
		return -1;
	}
	p->from = cal_day_str(r->pool, df);
	p->to = cal_day_str(r->pool, dt);
	p->year = cal_year(dt);
	hdf_set(r, "Period.from", p->from);
	hdf_set(r, "Period.to", p->to);
	hdf_setf(r, "Period.year", "%d", p->year);
	return 0;
}

/* n of d as "95.0%", or "—" when d is 0. */
static char *
rate(struct pool *pool, int64_t n, int64_t d)
{
	if (d <= 0)
		return pool_strdup(pool, "—");
	return pool_printf(pool, "%.1f%%", 100.0 * (double)n / (double)d);
}

/* The mean n / d with one decimal, or "—". */
static char *
mean(struct pool *pool, int64_t n, int64_t d)
{
	if (d <= 0)
		return pool_strdup(pool, "—");
	return pool_printf(pool, "%.1f", (double)n / (double)d);
}

/* The case figures every table shares, under prefix p. */
static void
put_cases(struct req *r, const char *p, const struct perf_row *v)
{
	hdf_putf(r, p, "received", "%lld", (long long)v->received);
	hdf_putf(r, p, "online", "%lld", (long long)v->online);
	hdf_putf(r, p, "decided", "%lld", (long long)v->decided);
	hdf_putf(r, p, "approved", "%lld", (long long)v->approved);
	hdf_putf(r, p, "denied", "%lld", (long long)v->denied);
	hdf_putf(r, p, "not_accepted", "%lld", (long long)v->not_accepted);
	hdf_putf(r, p, "withdrawn", "%lld", (long long)v->withdrawn);
	hdf_putf(r, p, "ended", "%lld", (long long)(v->decided +
	    v->withdrawn));
	hdf_putf(r, p, "on_time", "%lld", (long long)v->on_time);
	hdf_putf(r, p, "late", "%lld", (long long)v->late);
	hdf_put(r, p, "on_time_rate", rate(r->pool, v->on_time, v->decided));
	hdf_put(r, p, "online_rate", rate(r->pool, v->online, v->received));
	hdf_put(r, p, "avg_days", mean(r->pool, v->work_days, v->decided));
}

/*
 * The seed's rules (seed 004 #3 第二十二条) for a person's red lights in
 * the year: the flag's words (short: the count stands beside them, the
 * rules in full under the table), or NULL.
 */
static const char *
person_flag(int64_t year_reds)
{
	if (year_reds >= PERF_RED_POST)
		return "调离原岗位，本年度不参与评优";
	if (year_reds >= PERF_RED_NO_AWARD)
		return "本人本年度不参与评优";
	return NULL;
}

/* GET /sup/perf?from=&to=: performance per department. */
int
page_sup_perf(struct req *r)
{
	struct period	 per;
	struct perf_row	*v, all;
	size_t		 n, i;
	char		*p;
	int		 status;

	if (period_of(r, &per, &status) == -1)
		return status;
	if (perf_depts(r->db, r->pool, per.from, per.to, per.year, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	memset(&all, 0, sizeof(all));
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", v[i].key);
		hdf_put(r, p, "name", v[i].label);
		put_cases(r, p, &v[i]);
		hdf_putf(r, p, "items", "%lld", (long long)v[i].items);
		hdf_putf(r, p, "items_online", "%lld",
		    (long long)v[i].items_online);
		hdf_put(r, p, "coverage", rate(r->pool, v[i].items_online,
		    v[i].items));
		hdf_putf(r, p, "red", "%lld", (long long)v[i].red);
		hdf_putf(r, p, "red_year", "%lld", (long long)v[i].red_year);
		if (v[i].red_year >= PERF_RED_DEPT)
			hdf_put(r, p, "flag", "本处室本年度内不得参与评优");
		all.received += v[i].received;
		all.online += v[i].online;
		all.decided += v[i].decided;
		all.on_time += v[i].on_time;
		all.late += v[i].late;
		all.work_days += v[i].work_days;
		all.items += v[i].items;
		all.items_online += v[i].items_online;
		all.red += v[i].red;
	}
	put_cases(r, "Total", &all);
	hdf_put(r, "Total", "coverage", rate(r->pool, all.items_online,
	    all.items));
	hdf_putf(r, "Total", "red", "%lld", (long long)all.red);
	hdf_set(r, "Page.Title", "绩效评估");
	return render(r, "int/sup_perf.cs");
}

/* GET /sup/perf/dept?code=X&from=&to=: performance per person of X. */
int
page_sup_perf_dept(struct req *r)
{
	struct period	 per;
	struct perf_row	*v;
	const char	*code = form_get(r, "code"), *flag;
	size_t		 n, i;
	char		*p, *name;
	int		 status;

	if (!vocab_code_valid(code, 32))
		return reply_error(r, 400, "部门编码不正确，请从绩效评估页进入。");
	if (period_of(r, &per, &status) == -1)
		return status;
	switch (perf_people(r->db, r->pool, code, per.from, per.to, per.year,
	    &name, &v, &n)) {
	case DB_OK:
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	if (name == NULL)
		return reply_error(r, 404, "没有这个部门。");
	hdf_set(r, "Dept.code", code);
	hdf_set(r, "Dept.name", name);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "People.%zu", i);
		hdf_put(r, p, "name", v[i].label);
		hdf_put(r, p, "roles", org_roles_label(r->pool, v[i].roles));
		hdf_putf(r, p, "acts", "%lld", (long long)v[i].acts);
		hdf_putf(r, p, "opinions", "%lld", (long long)v[i].opinions);
		hdf_putf(r, p, "decided", "%lld", (long long)v[i].decided);
		hdf_putf(r, p, "on_time", "%lld", (long long)v[i].on_time);
		hdf_putf(r, p, "late", "%lld", (long long)v[i].late);
		hdf_put(r, p, "on_time_rate", rate(r->pool, v[i].on_time,
		    v[i].decided));
		hdf_put(r, p, "avg_days", mean(r->pool, v[i].work_days,
		    v[i].decided));
		hdf_putf(r, p, "red", "%lld", (long long)v[i].red);
		hdf_putf(r, p, "red_year", "%lld", (long long)v[i].red_year);
		if ((flag = person_flag(v[i].red_year)) != NULL)
			hdf_put(r, p, "flag", flag);
	}
	hdf_set(r, "Page.Title", pool_printf(r->pool, "绩效评估 · %s", name));
	return render(r, "int/sup_perf_dept.cs");
}

static const char *const by_names[] = { "月份", "部门", "事项", "渠道",
    "办理结果" };

/* A result's short name. */
static const char *
result_label(const char *s)
{
	if (strcmp(s, "approved") == 0)
		return "准予许可";
	if (strcmp(s, "denied") == 0)
		return "不予许可";
	if (strcmp(s, "not_accepted") == 0)
		return "不予受理";
	if (strcmp(s, "withdrawn") == 0)
		return "申请人撤回";
	return s;
}

/* The statistics of the query: by, the period and the rows, labelled. */
static int
stats_of(struct req *r, struct period *per, int *by, struct perf_row **v,
    size_t *n, int *status)
{
	const char	*w = form_get(r, "by");
	size_t		 i;

	*by = w == NULL || *w == '\0' ? PERF_BY_MONTH : perf_by_of(w);
	if (*by == -1) {
		*status = reply_error(r, 400, "统计方式只能是按月份、部门、事项、"
		    "渠道或办理结果。");
		return -1;
	}
	if (period_of(r, per, status) == -1)
		return -1;
	if (perf_stats(r->db, r->pool, *by, per->from, per->to, v, n) !=
	    DB_OK) {
		*status = reply_error(r, 500, NULL);
		return -1;
	}
	for (i = 0; i < *n; i++)
		if (*by == PERF_BY_CHANNEL)
			(*v)[i].label = (char *)perf_channel_label(
			    (*v)[i].label);
		else if (*by == PERF_BY_RESULT)
			(*v)[i].label = (char *)result_label((*v)[i].label);
	return 0;
}

/* GET /sup/stats?from=&to=&by=: one table and its chart. */
int
page_sup_stats(struct req *r)
{
	struct period	 per;
	struct perf_row	*v;
	struct bar	*bars;
	size_t		 n, i;
	char		*p;
	int		 by, status;

	if (stats_of(r, &per, &by, &v, &n, &status) == -1)
		return status;
	bars = pool_alloc(r->pool, (n ? n : 1) * sizeof(*bars));
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Rows.%zu", i);
		hdf_put(r, p, "key", v[i].key);
		hdf_put(r, p, "label", v[i].label);
		put_cases(r, p, &v[i]);
		if (v[i].private_item)
			hdf_put(r, p, "private", "1");
		bars[i].label = v[i].label;
		bars[i].value = by == PERF_BY_RESULT ? v[i].decided +
		    v[i].withdrawn : v[i].received;
	}
	hdf_set(r, "By.word", perf_by_word(by));
	hdf_set(r, "By.name", by_names[by]);
	/* Safe by construction: barchart_svg() escapes every text. */
	hdf_set(r, "Chart.svg_html", barchart_svg(r->pool,
	    pool_printf(r->pool, "%s至%s 按%s统计的%s", per.from, per.to,
	    by_names[by], by == PERF_BY_RESULT ? "办结件数" : "收件数"),
	    by_names[by], by == PERF_BY_RESULT ? "办结件数（件）" :
	    "收件数（件）", bars, n));
	hdf_set(r, "Page.Title", "统计分析");
	return render(r, "int/sup_stats.cs");
}

/* A CSV text under construction: its fields, joined once at the end. */
struct csv {
	struct pool	*pool;
	char		**v;
	size_t		 n, cap, len;
};

/* One CSV field, quoted, and a leading = + - @ made text (a spreadsheet
 * would run it as a formula); last ends the line. */
static void
csv_field(struct csv *c, const char *s, int last)
{
	const char	*q;
	char		*f, **slot;
	size_t		 k = 0;

	f = pool_alloc(c->pool, strlen(s) * 2 + 6);
	f[k++] = '"';
	if (s[0] != '\0' && strchr("=+-@", s[0]) != NULL)
		f[k++] = '\'';
	for (q = s; *q != '\0'; q++) {
		if (*q == '"')
			f[k++] = '"';
		f[k++] = *q;
	}
	f[k++] = '"';
	if (last) {
		f[k++] = '\r';
		f[k++] = '\n';
	} else
		f[k++] = ',';
	slot = pool_push(c->pool, &c->v, &c->n, &c->cap, sizeof(*c->v));
	*slot = f;
	c->len += k;
}

static char *
csv_text(struct csv *c)
{
	char	*s, *p;
	size_t	 i, k;

	s = p = pool_alloc(c->pool, c->len + 1);
	for (i = 0; i < c->n; i++) {
		k = strlen(c->v[i]);
		memcpy(p, c->v[i], k);
		p += k;
	}
	*p = '\0';
	return s;
}

/* GET /sup/stats.csv?from=&to=&by=: the same table for a spreadsheet,
 * UTF-8 with a byte order mark (Excel reads it as UTF-8 then). */
int
page_sup_stats_csv(struct req *r)
{
	static const char *const head[] = { "收件", "其中网上申请",
	    "办结", "准予许可", "不予许可", "不予受理", "申请人撤回",
	    "按时办结", "超期办结", "限时办结率", "平均用时（工作日）" };
	struct period	 per;
	struct perf_row	*v;
	size_t		 n, i, k;
	struct csv	 c = { r->pool, NULL, 0, 0, 0 };
	char		*csv, *cell[11];
	int		 by, status;

	if (stats_of(r, &per, &by, &v, &n, &status) == -1)
		return status;
	csv_field(&c, by == PERF_BY_ITEM ? "事项编码" : "编码", 0);
	csv_field(&c, by_names[by], 0);
	for (k = 0; k < 11; k++)
		csv_field(&c, head[k], 0);
	csv_field(&c, "说明", 1);
	for (i = 0; i < n; i++) {
		csv_field(&c, v[i].key, 0);
		csv_field(&c, v[i].label, 0);
		cell[0] = pool_printf(r->pool, "%lld", (long long)v[i].received);
		cell[1] = pool_printf(r->pool, "%lld", (long long)v[i].online);
		cell[2] = pool_printf(r->pool, "%lld", (long long)v[i].decided);
		cell[3] = pool_printf(r->pool, "%lld", (long long)v[i].approved);
		cell[4] = pool_printf(r->pool, "%lld", (long long)v[i].denied);
		cell[5] = pool_printf(r->pool, "%lld",
		    (long long)v[i].not_accepted);
		cell[6] = pool_printf(r->pool, "%lld",
		    (long long)v[i].withdrawn);
		cell[7] = pool_printf(r->pool, "%lld", (long long)v[i].on_time);
		cell[8] = pool_printf(r->pool, "%lld", (long long)v[i].late);
		cell[9] = rate(r->pool, v[i].on_time, v[i].decided);
		cell[10] = mean(r->pool, v[i].work_days, v[i].decided);
		for (k = 0; k < 11; k++)
			csv_field(&c, cell[k], 0);
		csv_field(&c, v[i].private_item ?
		    "涉及个人隐私的事项，只统计件数" : "", 1);
	}
	/* The byte order mark: Excel reads the file as UTF-8 then. */
	csv = pool_printf(r->pool, "\xef\xbb\xbf%s", csv_text(&c));
	return reply_raw(r, "text/csv; charset=utf-8", csv, strlen(csv),
	    pool_printf(r->pool, "统计_按%s_%s_%s.csv", by_names[by],
	    per.from, per.to));
}
