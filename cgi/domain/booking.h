/*
 * booking.h: bookings of a window visit (预约服务, EXT-10; issue #11).
 * Owns booking_plan, booking_window and booking (db/260).
 *
 * The intranet plans which windows take bookings, their slots of a
 * working day and how many people a slot takes (booking_plan_set(),
 * `yiwang-admin booking-plan`).  Each plan crosses as a booking.window
 * record that carries the working days of the next BOOK_DAYS days on
 * the intranet's calendar: the extranet offers those days and no other,
 * and never needs the calendar itself.  The tick sends a plan again
 * when its list of days changes (a new day, a calendar change).
 *
 * On the extranet a logged-in person books a slot for an item at one of
 * the windows of the item's department (booking_make()): a day the plan
 * names, a slot that has not started, at most `capacity` bookings a slot
 * (the window's row is locked while counting, so two bookings at once
 * cannot both take the last place), at most BOOK_ACTIVE_MAX bookings
 * waiting per person, and none while the no-show rule blocks them.  The
 * booking gets an 8-character code (the alphabet of check codes) and an
 * SMS to the account's mobile; it may be cancelled until its slot
 * starts.  Both cross as booking records; the hall's clerk sees the
 * day's bookings of the department's windows and marks each arrived or
 * noshow (booking.state back to the extranet).
 *
 * The no-show rule: BOOK_NOSHOW_MAX no-shows on days within the last
 * BOOK_NOSHOW_DAYS days block online booking until BOOK_BLOCK_DAYS days
 * after the last of them.  A cancelled booking is never a no-show.
 */
#ifndef YW_BOOKING_H
#define YW_BOOKING_H

#include <jansson.h>

#include "config.h"
#include "db.h"
#include "request.h"

#define BOOK_DAYS	14	/* days ahead, today included */
#define BOOK_TIMES_MAX	24	/* slots of a day */
#define BOOK_WEEK_TIMES	(7 * BOOK_TIMES_MAX)	/* times of a week */
#define BOOK_MINUTES_MAX 240	/* length of a slot */
#define BOOK_CAPACITY_MAX 50	/* people a slot */
#define BOOK_ACTIVE_MAX	2	/* bookings waiting, per person */
#define BOOK_NOSHOW_MAX	3
#define BOOK_NOSHOW_DAYS 90
#define BOOK_BLOCK_DAYS	30
#define BOOK_CODE_LEN	8

#define BOOK_CLOSED_MAX	30	/* days a plan names closed */

/* ---- the intranet ---------------------------------------------------- */

struct booking {
	int64_t		 id;
	char		*code, *name, *dept_code, *window_code, *window_name;
	char		*day, *slot, *item_code, *item_name, *app_no;
	char		*state, *created_at, *marked_by;
	int		 started;	/* the slot has started */
};

/*
 * A window's plan: for each day of the week (day_times[0] Monday …
 * [6] Sunday) the slots starting at times ("09:00 09:30 …", ascending,
 * within 07:00–20:00; "" the window takes no booking that weekday) and
 * how many people each takes (day_cap, 0: none that weekday); each slot
 * minutes long; on the working days of the calendar that fall on a
 * weekday with slots and places, and are not closed ("YYYY-MM-DD …", at
 * most BOOK_CLOSED_MAX).  times, capacity and weekdays are read only:
 * every slot of the week, the most places, the weekdays open ("12345").
 */
struct book_plan {
	const char	*dept, *code;
	const char	*day_times[7], *closed;
	int		 day_cap[7], minutes;
	const char	*times, *weekdays;
	int		 capacity;
	/* read: the window's names; planned 0 for a window without a
	 * plan (then the rest is a proposal); the days sent last */
	char		*dept_name, *window_name, *sent_days;
	int		 planned;
};

/* Every window of the organisation with its plan, by department. */
enum db_rc	 booking_plans(struct db *, struct pool *,
		    struct book_plan **, size_t *);
/* The plan of window (dept, code); DB_NONE: no such window. */
enum db_rc	 booking_plan_get(struct db *, struct pool *, const char *dept,
		    const char *code, struct book_plan *);
/*
 * Plan the window p names, as p says: what /admin/booking-plan and
 * `yiwang-admin booking-plan` both do.  Sends the plan at once; audited
 * as actor ("booking.plan").  DB_NONE with *why (Chinese) when refused.
 * Bookings are never dropped: *out (may be NULL) the bookings still
 * waiting that the window's plan no longer offers, for the clerk to
 * call (booking_outside()).
 */
enum db_rc	 booking_plan_set(struct db *, struct pool *,
		    const struct book_plan *, const char *actor,
		    const char **why, struct booking **out, size_t *nout);
/* The tick: every plan whose working days changed since sent; *n sent. */
enum db_rc	 booking_plan_send(struct db *, struct pool *, int *n);
/*
 * The bookings still waiting (slot not started) at the windows of dept
 * (window NULL: every one) on a day or at a slot that the window's plan,
 * as last sent, no longer offers: kept, for the clerk to tell the
 * person.
 */
enum db_rc	 booking_outside(struct db *, struct pool *, const char *dept,
		    const char *window, struct booking **, size_t *);

/* The bookings of day ("YYYY-MM-DD") at the windows of dept, by window
 * and slot. */
enum db_rc	 booking_day(struct db *, struct pool *, const char *dept,
		    const char *day, struct booking **, size_t *);
/*
 * Clerk u marks booking code of u's department arrived or noshow
 * (state): on its day or after, noshow only once its slot has started;
 * sent back as booking.state; audited.  DB_NONE with *why.
 */
enum db_rc	 booking_mark(struct db *, struct pool *, const struct user *,
		    const char *code, const char *state, const char **why);
/* A booking record from the extranet (gap.c's table). */
enum db_rc	 booking_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/* ---- the extranet ---------------------------------------------------- */

struct book_window {
	char		*dept_code, *window_code, *dept_name, *window_name;
	char		*place;
	int		 minutes, capacity;
	char		*week;		/* each weekday's slots (db/289) */
	char		**times;	/* every slot of the week */
	size_t		 ntimes;
	char		**days;
	size_t		 ndays;
	int		*left;		/* places left, [day * ntimes + time];
					 * -1: the slot has started, or is
					 * not one of that weekday's */
};

/* A booking.window record (gap.c's table). */
enum db_rc	 booking_window_import(struct db *, struct pool *,
		    json_t *rec, char *err, size_t errlen);
/* A booking.state record (gap.c's table). */
enum db_rc	 booking_state_import(struct db *, struct pool *,
		    json_t *rec, char *err, size_t errlen);
/* The windows of dept that take bookings, with the places left. */
enum db_rc	 booking_windows(struct db *, struct pool *, const char *dept,
		    struct book_window **, size_t *);
/*
 * Book for citizen u: item (published; app_no: the application the visit
 * is about, the person's own, or NULL) at window (dept, code) on day at
 * slot.  *code the booking code.  DB_NONE with *why.
 */
enum db_rc	 booking_make(const struct config *, struct db *,
		    struct pool *, const struct user *, const char *item,
		    const char *app_no, const char *window, const char *day,
		    const char *slot, char **code, const char **why);
/* Cancel u's booking code before its slot starts.  DB_NONE with *why. */
enum db_rc	 booking_cancel(struct db *, struct pool *,
		    const struct user *, const char *code, const char **why);
/* u's bookings, newest day first (the last 50). */
enum db_rc	 booking_mine(struct db *, struct pool *, int64_t citizen,
		    struct booking **, size_t *);
/* Whether a window of published item's department takes bookings: 1, 0,
 * or -1 (logged): what decides whether a page offers 预约. */
int		 booking_open_for(struct db *, struct pool *, const char *item);
/* The day ("YYYY-MM-DD") until which the no-show rule blocks citizen's
 * online booking (*until NULL: not blocked). */
enum db_rc	 booking_blocked(struct db *, struct pool *, int64_t citizen,
		    char **until);
/* The words of a state: 已预约, 已取消, 已到场, 未到场. */
const char	*booking_state_label(const char *state);

#endif
