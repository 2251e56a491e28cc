/*
 * int_book.c: the hall's bookings on the intranet (预约服务, EXT-10;
 * issue #11): a window clerk sees the day's bookings at the windows of
 * the department and marks each arrived or a no-show, and the bookings
 * a change of plan left outside it, to call; the system administrator,
 * who keeps the windows (/admin/window), plans each window's slots and
 * places for each day of the week and its days closed
 * (/admin/booking-plan).  The rules
 * are booking.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "booking.h"
#include "calendar.h"
#include "clock.h"
#include "pages.h"

/* name.N.*: the bookings v (Bookings: a day's; Outside: those waiting
 * that the plans no longer offer). */
static void
view_bookings(struct req *r, const char *name, const struct booking *v,
    size_t n)
{
	char	*p;
	size_t	 i;

	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "%s.%zu", name, i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "window_code", v[i].window_code);
		hdf_put(r, p, "window", v[i].window_name);
		hdf_put(r, p, "day", v[i].day);
		hdf_put(r, p, "slot", v[i].slot);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", booking_state_label(v[i].state));
		hdf_put(r, p, "started", v[i].started ? "1" : "0");
		hdf_put(r, p, "marked_by", v[i].marked_by);
	}
}

/* Outside.N: the bookings of dept (at window, or every one) that a
 * change of plan left out, to call.  0, or -1. */
static int
view_outside(struct req *r, const char *dept, const char *window)
{
	struct booking	*v;
	size_t		 n;

	if (booking_outside(r->db, r->pool, dept, window, &v, &n) != DB_OK)
		return -1;
	view_bookings(r, "Outside", v, n);
	return 0;
}

static int
hall_page(struct req *r, const char *day)
{
	struct booking	*v;
	char		 buf[CAL_DAY_BUF];
	cal_day		 d;
	size_t		 n;

	cal_day_format(cal_day_of(clock_now()), buf);
	if (day == NULL || cal_day_parse(day, &d) != 0)
		day = pool_strdup(r->pool, buf);
	if (booking_day(r->db, r->pool, r->user.dept_code, day, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Hall.day", day);
	hdf_set(r, "Hall.today", buf);
	hdf_set(r, "Hall.dept", r->user.dept_name);
	view_bookings(r, "Bookings", v, n);
	if (view_outside(r, r->user.dept_code, NULL) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "今日预约");
	return render(r, "int/hall_bookings.cs");
}

/* GET /hall/bookings?day=: the department's bookings of a day. */
int
page_int_bookings(struct req *r)
{
	if (form_get(r, "done") != NULL)
		hdf_set(r, "Page.Notice", "已登记，将随下一次网闸摆渡告知外网。");
	return hall_page(r, form_get(r, "day"));
}

/* POST /hall/bookings/mark: code, state (arrived, noshow), day. */
int
page_int_booking_mark(struct req *r)
{
	const char	*why;

	switch (booking_mark(r->db, r->pool, &r->user, form_get(r, "code"),
	    form_get(r, "state"), &why)) {
	case DB_OK:
		return reply_redirect(r, "/hall/bookings?done=1");
	case DB_NONE:
		r->status = 422;
		hdf_set(r, "Form.Error", why);
		return hall_page(r, form_get(r, "day"));
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ---- the plan of each window (系统管理员) ----------------------------- */

static const char *const weekday_names[] = { "一", "二", "三", "四", "五",
    "六", "日" };

/* Plan.* of p, the form's values; Weekdays.N.{n,name,times,cap}: each
 * day of the week's slots and places (cap "" for a weekday without
 * slots, or a number not given). */
static void
view_plan(struct req *r, const struct book_plan *p)
{
	char	*k;
	int	 i;

	hdf_set(r, "Plan.dept", p->dept);
	hdf_set(r, "Plan.code", p->code);
	hdf_set(r, "Plan.dept_name", p->dept_name);
	hdf_set(r, "Plan.window_name", p->window_name);
	if (p->minutes > 0)
		hdf_setf(r, "Plan.minutes", "%d", p->minutes);
	hdf_set(r, "Plan.closed", p->closed);
	hdf_set(r, "Plan.planned", p->planned ? "1" : "0");
	for (i = 0; i < 7; i++) {
		k = pool_printf(r->pool, "Weekdays.%d", i);
		hdf_putf(r, k, "n", "%d", i + 1);
		hdf_put(r, k, "name", weekday_names[i]);
		hdf_put(r, k, "times", p->day_times[i]);
		if (p->day_cap[i] >= 0 && (*p->day_times[i] != '\0' ||
		    p->day_cap[i] > 0))
			hdf_putf(r, k, "cap", "%d", p->day_cap[i]);
	}
}

/*
 * name.Days.N.{label,times,cap}: the weekdays of p that take bookings,
 * those in a row with the same slots and places as one ("星期一至四").
 */
static void
view_week(struct req *r, const char *name, const struct book_plan *p)
{
	char	*k;
	size_t	 n = 0;
	int	 i, j;

	for (i = 0; i < 7; i = j) {
		for (j = i + 1; j < 7 && p->day_cap[j] == p->day_cap[i] &&
		    strcmp(p->day_times[j], p->day_times[i]) == 0; j++)
			;
		if (p->day_cap[i] <= 0 || *p->day_times[i] == '\0')
			continue;
		k = pool_printf(r->pool, "%s.Days.%zu", name, n++);
		hdf_put(r, k, "label", j - i == 1 ? pool_printf(r->pool,
		    "星期%s", weekday_names[i]) : pool_printf(r->pool,
		    "星期%s%s%s", weekday_names[i], j - i == 2 ? "、" : "至",
		    weekday_names[j - 1]));
		hdf_put(r, k, "times", p->day_times[i]);
		hdf_putf(r, k, "cap", "%d", p->day_cap[i]);
	}
}

/* The page: every window and its plan; the form of the window chosen
 * (sel, or none). */
static int
plan_page(struct req *r, const struct book_plan *sel)
{
	struct book_plan *v;
	char		*p;
	size_t		 n, i;

	if (booking_plans(r->db, r->pool, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Windows.%zu", i);
		hdf_put(r, p, "dept", v[i].dept);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "dept_name", v[i].dept_name);
		hdf_put(r, p, "window_name", v[i].window_name);
		hdf_put(r, p, "planned", v[i].planned ? "1" : "0");
		hdf_putf(r, p, "capacity", "%d", v[i].capacity);
		hdf_putf(r, p, "minutes", "%d", v[i].minutes);
		view_week(r, p, &v[i]);
		hdf_put(r, p, "closed", v[i].closed);
		hdf_put(r, p, "sent_days", v[i].sent_days);
	}
	if (sel != NULL) {
		view_plan(r, sel);
		if (view_outside(r, sel->dept, sel->code) == -1)
			return reply_error(r, 500, NULL);
	}
	hdf_set(r, "Page.Title", "预约时段");
	return render(r, "int/admin_booking_plan.cs");
}

/* GET /admin/booking-plan[?dept=&code=]: the windows, and the form of
 * one. */
int
page_int_booking_plan_form(struct req *r)
{
	struct book_plan p;
	const char	*dept = form_get(r, "dept"), *code = form_get(r, "code");

	if (dept == NULL || code == NULL)
		return plan_page(r, NULL);
	switch (booking_plan_get(r->db, r->pool, dept, code, &p)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这个窗口：请从本页的窗口一览"
		    "中选择。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (form_get(r, "saved") != NULL)
		hdf_set(r, "Page.Notice", "预约时段已保存，将随下一次网闸摆渡送往"
		    "外网。");
	return plan_page(r, &p);
}

/* A whole number of the form, or -1. */
static int
form_int(struct req *r, const char *name)
{
	const char	*v = form_get(r, name);
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0' || strlen(v) > 4)
		return -1;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 0 ? (int)n : -1;
}

/*
 * POST /admin/booking-plan: dept, code, minutes, t1 … t7 and c1 … c7
 * (each day of the week's slots and places, 1 Monday; t empty: none that
 * day), closed (dates).  booking_plan_set() as `yiwang-admin
 * booking-plan`; refused: the form again as typed.
 */
int
page_int_booking_plan(struct req *r)
{
	struct book_plan p, now;
	struct booking	*out;
	const char	*why;
	size_t		 nout;
	int		 i;

	memset(&p, 0, sizeof(p));
	p.dept = form_get(r, "dept");
	p.code = form_get(r, "code");
	if (p.dept == NULL || p.code == NULL || strlen(p.dept) > 32 ||
	    strlen(p.code) > 32)
		return reply_error(r, 422, "请从本页的窗口一览中选择要设置的"
		    "窗口。");
	switch (booking_plan_get(r->db, r->pool, p.dept, p.code, &now)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这个窗口：请从本页的窗口一览"
		    "中选择。");
	default:
		return reply_error(r, 500, NULL);
	}
	p.closed = form_text(r, "closed");
	p.minutes = form_int(r, "minutes");
	for (i = 0; i < 7; i++) {
		p.day_times[i] = form_text(r, pool_printf(r->pool, "t%d",
		    i + 1));
		if (p.day_times[i] == NULL)
			p.day_times[i] = "";
		p.day_cap[i] = form_int(r, pool_printf(r->pool, "c%d", i + 1));
	}
	switch (booking_plan_set(r->db, r->pool, &p, r->user.login, &why, &out,
	    &nout)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/booking-plan?dept=%s&code=%s&saved=1", p.dept,
		    p.code));
	case DB_NONE:
		r->status = 422;
		hdf_set(r, "Form.Error", why);
		/* What was typed, on the window's names. */
		now.closed = p.closed != NULL ? p.closed : "";
		now.minutes = p.minutes;
		for (i = 0; i < 7; i++) {
			now.day_times[i] = p.day_times[i];
			now.day_cap[i] = p.day_cap[i];
		}
		return plan_page(r, &now);
	default:
		return reply_error(r, 500, NULL);
	}
}
