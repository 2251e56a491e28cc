/*
 * int_calendar.c: the system administrator's working-day calendar
 * (TIME-1): a year's days off and make-up working days, one day changed,
 * or a whole year imported in the file's format (calendar.h).  Only
 * ROLE_ADMIN reaches it (routes.c); every change is audited.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "pages.h"

static int
int_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Years.N.{year,loaded,current}: the years the page links to, those
 * loaded and this one, the next and the one shown. */
static void
view_years(struct req *r, const struct calendar *c, int year, int this_year)
{
	int	*ys;
	size_t	 n = 0, i;
	char	*p;

	ys = pool_alloc(r->pool, (c->nyears + 3) * sizeof(*ys));
	for (i = 0; i < c->nyears; i++)
		ys[n++] = c->years[i];
	ys[n++] = this_year;
	ys[n++] = this_year + 1;
	ys[n++] = year;
	qsort(ys, n, sizeof(*ys), int_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && ys[i] == ys[i - 1])
			continue;
		p = pool_printf(r->pool, "Years.%d", ys[i]);
		hdf_putf(r, p, "year", "%d", ys[i]);
		hdf_put(r, p, "loaded", cal_loaded(c, ys[i]) ? "1" : "0");
		if (ys[i] == year)
			hdf_put(r, p, "current", "1");
	}
}

static int
calendar_page(struct req *r, int year)
{
	struct calendar		 c;
	struct cal_year_info	*v;
	size_t			 n, i, k = 0;
	cal_day			 first, last;
	char			*p;
	int			 this_year = cal_year(cal_day_of(clock_now()));

	if (calendar_get(r->db, r->pool, &c) != DB_OK ||
	    calendar_years(r->db, r->pool, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	view_years(r, &c, year, this_year);
	hdf_setf(r, "Cal.year", "%d", year);
	hdf_setf(r, "Cal.prev", "%d", year - 1);
	hdf_setf(r, "Cal.next", "%d", year + 1);
	for (i = 0; i < n; i++)
		if (v[i].year == year) {
			hdf_put(r, "Cal", "loaded_at", v[i].loaded_at);
			hdf_put(r, "Cal", "loaded_by", v[i].loaded_by);
			hdf_put(r, "Cal", "source", v[i].source);
		}
	hdf_put(r, "Cal", "loaded", cal_loaded(&c, year) ? "1" : "0");
	first = cal_day_of_ymd(year, 1, 1);
	last = cal_day_of_ymd(year, 12, 31);
	hdf_setf(r, "Cal.workdays", "%d", cal_between(&c, first - 1, last,
	    NULL));
	for (i = 0; i < c.ndays; i++) {
		if (c.days[i].day < first || c.days[i].day > last)
			continue;
		p = pool_printf(r->pool, "Days.%zu", k++);
		hdf_put(r, p, "date", cal_day_str(r->pool, c.days[i].day));
		hdf_put(r, p, "weekday", cal_weekday_name(c.days[i].day));
		hdf_put(r, p, "kind", c.days[i].kind == CAL_WORK ? "work" :
		    "off");
		hdf_put(r, p, "name", c.days[i].name);
	}
	hdf_setf(r, "Page.Title", "工作日历 %d 年", year);
	return render(r, "int/admin_calendar.cs");
}

/* The year of ?year= or the form, else this year; -1 when not one. */
static int
year_of(struct req *r)
{
	const char	*s = form_get(r, "year");
	char		*end;
	long		 y;

	if (s == NULL)
		return cal_year(cal_day_of(clock_now()));
	y = strtol(s, &end, 10);
	if (*end != '\0' || y < CAL_YEAR_MIN || y > CAL_YEAR_MAX)
		return -1;
	return (int)y;
}

/* GET /admin/calendar?year=: a year's days off and make-up days. */
int
page_int_admin_calendar(struct req *r)
{
	const char	*done = form_get(r, "saved");
	int		 year;

	if ((year = year_of(r)) < 0)
		return reply_error(r, 404, "没有这一年：年份应在 1950—2199 之间。");
	if (done != NULL && strcmp(done, "day") == 0)
		hdf_set(r, "Page.Notice", "已保存这一天。");
	else if (done != NULL && strcmp(done, "load") == 0)
		hdf_set(r, "Page.Notice", "已导入全年安排。");
	return calendar_page(r, year);
}

/* A refused form: 422, the message, what was typed, the page again. */
static int
refused(struct req *r, int year, const char *why, const char *field)
{
	static const char *const fields[] = { "day", "kind", "name", "text",
	    NULL };
	const char *const *f;

	r->status = 422;
	hdf_set(r, "Form.Error", why);
	hdf_set(r, "Form.Field", field);
	for (f = fields; *f != NULL; f++)
		hdf_put(r, "Form", *f, strcmp(*f, "text") == 0 ?
		    form_text(r, *f) : form_get(r, *f));
	return calendar_page(r, year);
}

/*
 * POST /admin/calendar: op=day (day, kind off|work|plain, name) sets one
 * day of a loaded year; op=load (text, the file's lines) imports the
 * years the text names, replacing their days.
 */
int
page_int_admin_calendar_save(struct req *r)
{
	struct calendar	 parsed;
	struct cal_entry e;
	const char	*op = form_get(r, "op"), *kind, *why, *text;
	int		 year;

	if ((year = year_of(r)) < 0 || op == NULL)
		return reply_error(r, 422, "请从工作日历页面提交。");
	if (strcmp(op, "load") == 0) {
		if ((text = form_text(r, "text")) == NULL)
			return refused(r, year, "请粘贴全年安排，一天一行，例如"
			    "“2027-01-01 休 元旦”。", "text");
		if (strlen(text) > CAL_FILE_MAX)
			return refused(r, year, "内容太长：一年的安排不过几十行。",
			    "text");
		if (cal_parse_text(r->pool, text, &parsed, &why) == -1)
			return refused(r, year, why, "text");
		if (calendar_store(r->db, r->pool, &parsed, "工作日历页面",
		    r->user.login) != DB_OK)
			return reply_error(r, 500, NULL);
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/calendar?year=%d&saved=load", parsed.years[0]));
	}
	if (strcmp(op, "day") != 0)
		return reply_error(r, 422, "请从工作日历页面提交。");
	memset(&e, 0, sizeof(e));
	if (cal_day_parse(form_get(r, "day"), &e.day) == -1)
		return refused(r, year, "请选择日期（YYYY-MM-DD）。", "day");
	kind = form_get(r, "kind");
	if (kind != NULL && strcmp(kind, "off") == 0)
		e.kind = CAL_OFF;
	else if (kind != NULL && strcmp(kind, "work") == 0)
		e.kind = CAL_WORK;
	else if (kind == NULL || strcmp(kind, "plain") != 0)
		return refused(r, year, "请选择放假、调休上班或普通日。", "kind");
	e.name = (char *)(form_get(r, "name") ? form_get(r, "name") : "");
	switch (calendar_set_day(r->db, r->pool, &e, r->user.login, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/calendar?year=%d&saved=day", cal_year(e.day)));
	case DB_NONE:
		return refused(r, cal_year(e.day), why, e.kind == CAL_WORK ?
		    "kind" : "day");
	default:
		return reply_error(r, 500, NULL);
	}
}
