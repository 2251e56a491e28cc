/*
 * int_book.c: the hall's bookings on the intranet (预约服务, EXT-10;
 * issue #11): a window clerk sees the day's bookings at the windows of
 * the department and marks each arrived or a no-show.  The rules are
 * booking.c's.
 */
#include <string.h>

#include "booking.h"
#include "calendar.h"
#include "clock.h"
#include "pages.h"

static int
hall_page(struct req *r, const char *day)
{
	struct booking	*v;
	char		*p, buf[CAL_DAY_BUF];
	cal_day		 d;
	size_t		 n, i;

	cal_day_format(cal_day_of(clock_now()), buf);
	if (day == NULL || cal_day_parse(day, &d) != 0)
		day = pool_strdup(r->pool, buf);
	if (booking_day(r->db, r->pool, r->user.dept_code, day, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Hall.day", day);
	hdf_set(r, "Hall.today", buf);
	hdf_set(r, "Hall.dept", r->user.dept_name);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Bookings.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "window_code", v[i].window_code);
		hdf_put(r, p, "window", v[i].window_name);
		hdf_put(r, p, "slot", v[i].slot);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", booking_state_label(v[i].state));
		hdf_put(r, p, "started", v[i].started ? "1" : "0");
		hdf_put(r, p, "marked_by", v[i].marked_by);
	}
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
