/*
 * ext_book.c: 预约服务 on the extranet (EXT-10; issue #11): a logged-in
 * person books a slot at a window of an item's department, from the
 * item's guide or an application's page, and sees and cancels their
 * bookings.  The rules are booking.c's.
 */
#include <stdio.h>
#include <string.h>

#include "booking.h"
#include "calendar.h"
#include "pages.h"

/* The booking page of item (and application no), Form.Error when set. */
static int
book_page(struct req *r)
{
	struct book_window *w;
	struct item	 it;
	const char	*code = form_get(r, "item"), *no = form_get(r, "no");
	char		*p, *q, *until;
	cal_day		 cd;
	size_t		 n, i, d, t;
	int		 any;

	if (code == NULL || catalog_published_head(r->db, r->pool, code,
	    &it) != DB_OK)
		return reply_error(r, 404, "没有找到这个事项，请从办事指南进入"
		    "预约。");
	if (booking_windows(r->db, r->pool, it.dept_code, &w, &n) != DB_OK ||
	    booking_blocked(r->db, r->pool, r->user.id, &until) != DB_OK)
		return reply_error(r, 500, NULL);
	hdf_put(r, "Book", "item", it.code);
	hdf_put(r, "Book", "item_name", it.name);
	hdf_put(r, "Book", "dept_name", it.dept_name);
	hdf_put(r, "Book", "no", no);
	hdf_put(r, "Book", "blocked", until);
	hdf_putf(r, "Book", "noshow_max", "%d", BOOK_NOSHOW_MAX);
	hdf_putf(r, "Book", "noshow_days", "%d", BOOK_NOSHOW_DAYS);
	hdf_putf(r, "Book", "block_days", "%d", BOOK_BLOCK_DAYS);
	hdf_putf(r, "Book", "active_max", "%d", BOOK_ACTIVE_MAX);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Windows.%zu", i);
		hdf_put(r, p, "code", w[i].window_code);
		hdf_put(r, p, "name", w[i].window_name);
		hdf_put(r, p, "place", w[i].place);
		hdf_putf(r, p, "minutes", "%d", w[i].minutes);
		for (d = 0; d < w[i].ndays; d++) {
			q = pool_printf(r->pool, "%s.Days.%zu", p, d);
			hdf_put(r, q, "day", w[i].days[d]);
			/* Each weekday has its own slots (EXT-10). */
			if (cal_day_parse(w[i].days[d], &cd) == 0)
				hdf_put(r, q, "wday", cal_weekday_name(cd));
			any = 0;
			for (t = 0; t < w[i].ntimes; t++) {
				int left = w[i].left[d * w[i].ntimes + t];

				if (left < 0)
					continue;
				hdf_put(r, pool_printf(r->pool, "%s.Slots.%zu",
				    q, t), "time", w[i].times[t]);
				hdf_putf(r, pool_printf(r->pool,
				    "%s.Slots.%zu", q, t), "left", "%d", left);
				hdf_put(r, pool_printf(r->pool, "%s.Slots.%zu",
				    q, t), "at", pool_printf(r->pool,
				    "%s/%s/%s", w[i].window_code, w[i].days[d],
				    w[i].times[t]));
				any = 1;
			}
			hdf_put(r, q, "any", any ? "1" : "0");
		}
	}
	hdf_set(r, "Page.Title", pool_printf(r->pool, "预约：%s", it.name));
	return render(r, "ext/book.cs");
}

void
view_bookable(struct req *r, const char *name, const char *item)
{
	hdf_set(r, name, booking_open_for(r->db, r->pool, item) == 1 ? "1" :
	    "0");
}

/* GET /book?item=&no=: the windows, their days and places left. */
int
page_ext_book_form(struct req *r)
{
	return book_page(r);
}

/*
 * POST /book: item, no (optional), at = "WINDOW/YYYY-MM-DD/HH:MM" (the
 * slot chosen).  Refused with the page again (422) saying why.
 */
int
page_ext_book(struct req *r)
{
	const char	*at = form_get(r, "at"), *why = NULL;
	char		*window = NULL, *day = NULL, *slot = NULL, *s, *code;

	if (at != NULL && strlen(at) < 80) {
		s = pool_strdup(r->pool, at);
		window = s;
		if ((day = strchr(s, '/')) != NULL) {
			*day++ = '\0';
			if ((slot = strchr(day, '/')) != NULL)
				*slot++ = '\0';
		}
	}
	if (slot == NULL)
		why = "请先选择一个时段。";
	else {
		switch (booking_make(r->cfg, r->db, r->pool, &r->user,
		    form_get(r, "item"), form_get(r, "no"), window, day, slot,
		    &code, &why)) {
		case DB_OK:
			return reply_redirect(r, pool_printf(r->pool,
			    "/bookings?done=%s", code));
		case DB_NONE:
			break;
		default:
			return reply_error(r, 500, NULL);
		}
	}
	r->status = 422;
	hdf_set(r, "Form.Error", why);
	return book_page(r);
}

/* GET /bookings?done=CODE: the person's bookings. */
int
page_ext_bookings(struct req *r)
{
	struct booking	*v;
	const char	*done = form_get(r, "done");
	char		*p;
	size_t		 n, i;

	if (booking_mine(r->db, r->pool, r->user.id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Bookings.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "window", v[i].window_name);
		hdf_put(r, p, "day", v[i].day);
		hdf_put(r, p, "slot", v[i].slot);
		hdf_put(r, p, "item_code", v[i].item_code);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", booking_state_label(v[i].state));
		hdf_put(r, p, "started", v[i].started ? "1" : "0");
		if (done != NULL && strcmp(done, v[i].code) == 0)
			hdf_set(r, "Page.Notice", pool_printf(r->pool,
			    "预约成功，预约码 %s。请带好身份证按时到窗口，向"
			    "工作人员报预约码。", v[i].code));
	}
	if (done != NULL && strcmp(done, "cancel") == 0)
		hdf_set(r, "Page.Notice", "预约已取消。");
	hdf_set(r, "Page.Title", "我的预约");
	return render(r, "ext/bookings.cs");
}

/* POST /booking/cancel: code. */
int
page_ext_booking_cancel(struct req *r)
{
	const char	*why;

	switch (booking_cancel(r->db, r->pool, &r->user, form_get(r, "code"),
	    &why)) {
	case DB_OK:
		return reply_redirect(r, "/bookings?done=cancel");
	case DB_NONE:
		return reply_error(r, 409, why);
	default:
		return reply_error(r, 500, NULL);
	}
}
