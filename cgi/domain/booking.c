/*
 * booking.c: bookings of a window visit (EXT-10), both sites; see
 * booking.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "booking.h"
#include "calendar.h"
#include "catalog.h"
#include "clock.h"
#include "crypto.h"
#include "docsig.h"
#include "exchange.h"
#include "log.h"
#include "sms.h"
#include "text.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define DAY(x)	"DATE_FORMAT(" x ", '%Y-%m-%d')"

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
static const char SQL_WINDOW[] =
    "SELECT w.name, d.name, TRIM(CONCAT(COALESCE(h.name, ''), ' ', "
    "COALESCE(h.address, ''))) FROM service_window w "
    "JOIN department d ON d.code = w.dept_code "
    "LEFT JOIN hall h ON h.code = w.hall_code "
    "WHERE w.dept_code = ? AND w.code = ?";
static const char SQL_PLAN_PUT[] =
    "INSERT INTO booking_plan (dept_code, window_code, times, minutes, "
    "capacity, weekdays, closed, week) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE times = VALUES(times), "
    "minutes = VALUES(minutes), capacity = VALUES(capacity), "
    "weekdays = VALUES(weekdays), closed = VALUES(closed), "
    "week = VALUES(week)";
static const char SQL_PLAN[] =
    "SELECT week, minutes, sent_days, closed "
    "FROM booking_plan WHERE dept_code = ? AND window_code = ? FOR UPDATE";
static const char SQL_PLANS[] =
    "SELECT dept_code, window_code, sent_days FROM booking_plan "
    "ORDER BY dept_code, window_code";
/* Every window, planned or not (the plan page); 30 minutes, no slot
 * proposed for one without a plan. */
#define PLAN_COLUMNS \
    "SELECT w.dept_code, w.code, d.name, w.name, COALESCE(p.times, ''), " \
    "COALESCE(p.minutes, 30), COALESCE(p.capacity, 0), " \
    "COALESCE(p.weekdays, '12345'), COALESCE(p.closed, ''), " \
    "COALESCE(p.sent_days, ''), p.dept_code IS NOT NULL, " \
    "COALESCE(p.week, '') " \
    "FROM service_window w JOIN department d ON d.code = w.dept_code " \
    "LEFT JOIN booking_plan p ON p.dept_code = w.dept_code AND " \
    "p.window_code = w.code "
static const char SQL_PLAN_ALL[] =
    PLAN_COLUMNS "ORDER BY d.code, w.code";
static const char SQL_PLAN_ONE[] =
    PLAN_COLUMNS "WHERE w.dept_code = ? AND w.code = ?";
/* The bookings waiting at the planned windows of a department, with
 * what the plan offers now. */
static const char SQL_WAITING[] =
    "SELECT b.id, b.code, b.name, b.dept_code, b.window_code, "
    "COALESCE(w.name, b.window_code), " DAY("b.day") ", b.slot, "
    "b.item_code, b.item_name, b.app_no, b.state, "
    LOCAL("b.created_at") ", b.marked_by, p.week, "
    "p.sent_days FROM booking b JOIN booking_plan p ON "
    "p.dept_code = b.dept_code AND p.window_code = b.window_code "
    "LEFT JOIN service_window w ON w.dept_code = b.dept_code AND "
    "w.code = b.window_code WHERE b.dept_code = ? AND "
    "(? IS NULL OR b.window_code = ?) AND b.state = 'booked' AND "
    "b.day >= ? ORDER BY b.day, b.slot, b.window_code, b.id";
static const char SQL_PLAN_SENT[] =
    "UPDATE booking_plan SET sent_days = ? WHERE dept_code = ? AND "
    "window_code = ?";
static const char SQL_INT_ADD[] =
    "INSERT INTO booking (code, name, dept_code, window_code, day, slot, "
    "item_code, item_name, app_no, state, created_at, changed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)";
static const char SQL_INT_CANCEL[] =
    "UPDATE booking SET state = 'cancelled', changed_at = ? "
    "WHERE code = ? AND state = 'booked' AND citizen_id IS NULL";
static const char SQL_DAY[] =
    "SELECT b.id, b.code, b.name, b.dept_code, b.window_code, "
    "COALESCE(w.name, b.window_code), " DAY("b.day") ", b.slot, "
    "b.item_code, b.item_name, b.app_no, b.state, "
    LOCAL("b.created_at") ", b.marked_by FROM booking b "
    "LEFT JOIN service_window w ON w.dept_code = b.dept_code AND "
    "w.code = b.window_code WHERE b.day = ? AND b.dept_code = ? "
    "ORDER BY b.window_code, b.slot, b.id";
static const char SQL_MARK_GET[] =
    "SELECT b.dept_code, " DAY("b.day") ", b.slot, b.state "
    "FROM booking b WHERE b.code = ? FOR UPDATE";
static const char SQL_MARK[] =
    "UPDATE booking SET state = ?, marked_by = ?, "
    "changed_at = UTC_TIMESTAMP() WHERE code = ?";
/* The extranet. */
static const char SQL_WIN_PUT[] =
    "REPLACE INTO booking_window (dept_code, window_code, dept_name, "
    "window_name, place, times, minutes, capacity, days, updated_at, "
    "week) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_WINS[] =
    "SELECT dept_code, window_code, dept_name, window_name, place, "
    "week, minutes, days FROM booking_window "
    "WHERE dept_code = ? AND capacity > 0 AND days <> '' "
    "ORDER BY window_code";
static const char SQL_TAKEN[] =
    "SELECT " DAY("day") ", slot, COUNT(*) FROM booking "
    "WHERE dept_code = ? AND window_code = ? AND day >= ? AND "
    "state IN ('booked', 'arrived') GROUP BY day, slot";
static const char SQL_LOCK_CITIZEN[] =
    "SELECT id FROM citizen WHERE id = ? FOR UPDATE";
static const char SQL_WIN_LOCK[] =
    "SELECT week, capacity, days, window_name FROM booking_window "
    "WHERE dept_code = ? AND window_code = ? FOR UPDATE";
static const char SQL_ACTIVE[] =
    "SELECT COUNT(*), COALESCE(SUM(dept_code = ? AND window_code = ? AND "
    "day = ?), 0) FROM booking WHERE citizen_id = ? AND "
    "state = 'booked' AND (day > ? OR (day = ? AND slot > ?))";
static const char SQL_COUNT[] =
    "SELECT COUNT(*) FROM booking WHERE dept_code = ? AND "
    "window_code = ? AND day = ? AND slot = ? AND "
    "state IN ('booked', 'arrived')";
static const char SQL_OWN_APP[] =
    "SELECT item_code FROM application WHERE app_no = ? AND "
    "citizen_id = ?";
static const char SQL_EXT_ADD[] =
    "INSERT INTO booking (code, citizen_id, name, dept_code, window_code, "
    "day, slot, item_code, item_name, app_no, state, created_at, "
    "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', "
    "UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_EXT_GET[] =
    "SELECT name, dept_code, window_code, " DAY("day") ", slot, "
    "item_code, item_name, COALESCE(app_no, ''), state FROM booking "
    "WHERE code = ? AND citizen_id = ? FOR UPDATE";
static const char SQL_EXT_CANCEL[] =
    "UPDATE booking SET state = 'cancelled', "
    "changed_at = UTC_TIMESTAMP() WHERE code = ?";
static const char SQL_MINE[] =
    "SELECT b.id, b.code, b.name, b.dept_code, b.window_code, "
    "COALESCE(CONCAT(w.dept_name, ' ', w.window_name), b.window_code), "
    DAY("b.day") ", b.slot, b.item_code, b.item_name, b.app_no, "
    "b.state, " LOCAL("b.created_at") ", b.marked_by FROM booking b "
    "LEFT JOIN booking_window w ON w.dept_code = b.dept_code AND "
    "w.window_code = b.window_code WHERE b.citizen_id = ? "
    "ORDER BY b.day DESC, b.slot DESC, b.id DESC LIMIT 50";
static const char SQL_NOSHOWS[] =
    "SELECT COUNT(*), COALESCE(" DAY("MAX(day) + INTERVAL 30 DAY") ", '') "
    "FROM booking WHERE citizen_id = ? AND state = 'noshow' AND "
    "day > ? - INTERVAL 90 DAY";	/* BOOK_BLOCK_DAYS, BOOK_NOSHOW_DAYS */
static const char SQL_OPEN_FOR[] =
    "SELECT COUNT(*) FROM booking_window w JOIN item i ON "
    "i.dept_code = w.dept_code WHERE i.code = ? AND i.status = "
    "'published' AND w.capacity > 0 AND w.days <> ''";
static const char SQL_EXT_STATE[] =
    "UPDATE booking SET state = ?, marked_by = ?, changed_at = ? "
    "WHERE code = ? AND state = 'booked' AND citizen_id IS NOT NULL";

static const char *
field(json_t *rec, const char *k)
{
	return json_string_value(json_object_get(rec, k));
}

/* Today's Beijing date and the time of day, "HH:MM". */
static void
now_beijing(char day[CAL_DAY_BUF], char hm[6])
{
	time_t	 t = clock_now();
	long	 s;

	cal_day_format(cal_day_of(t), day);
	s = (long)((t + 8 * 3600) % 86400);
	if (s < 0)
		s += 86400;
	snprintf(hm, 6, "%02ld:%02ld", s / 3600, s / 60 % 60);
}

/* Whether slot of day has started at today, hm. */
static int
started(const char *day, const char *slot, const char *today,
    const char *hm)
{
	int	 c = strcmp(day, today);

	return c < 0 || (c == 0 && strcmp(slot, hm) <= 0);
}

/* "HH:MM" of 00:00–23:59. */
static int
hhmm_ok(const char *s)
{
	return strlen(s) == 5 && s[0] >= '0' && s[0] <= '2' &&
	    s[1] >= '0' && s[1] <= '9' && s[2] == ':' && s[3] >= '0' &&
	    s[3] <= '5' && s[4] >= '0' && s[4] <= '9' &&
	    (s[0] < '2' || s[1] <= '3');
}

/* The words of text split at white space and commas, into *v (at most
 * max). */
static size_t
split(struct pool *pool, const char *text, char ***v, size_t max)
{
	char	*s = pool_strdup(pool, text), *w, *save = NULL;
	size_t	 n = 0;

	*v = pool_alloc(pool, (max + 1) * sizeof(**v));
	for (w = strtok_r(s, " ,，\t\r\n", &save); w != NULL;
	    w = strtok_r(NULL, " ,，\t\r\n", &save)) {
		if (n == max)
			return max + 1;
		(*v)[n++] = w;
	}
	return n;
}

static int
in_list(char **v, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/*
 * A week of slots as booking_plan.week and booking_window.week keep it
 * (db/289): seven parts split by ';', Monday first, each "CAP HH:MM …"
 * (places a slot, the slots' times) or "" (no slot that weekday).
 */
struct week {
	char	*times[7];	/* "09:00 09:30", or "" */
	int	 cap[7];
};

static void
week_parse(struct pool *pool, const char *s, struct week *w)
{
	char	*c = pool_strdup(pool, s != NULL ? s : ""), *end, *t;
	int	 i;

	for (i = 0; i < 7; i++) {
		w->times[i] = "";
		w->cap[i] = 0;
		if (c == NULL)
			continue;
		if ((end = strchr(c, ';')) != NULL)
			*end++ = '\0';
		if (*c != '\0') {
			w->cap[i] = (int)strtol(c, &t, 10);
			while (*t == ' ')
				t++;
			w->times[i] = t;
		}
		c = end;
	}
}

static char *
week_format(struct pool *pool, const struct week *w)
{
	char	*s = "";
	int	 i;

	for (i = 0; i < 7; i++)
		s = *w->times[i] == '\0' ?
		    pool_printf(pool, "%s%s", s, i ? ";" : "") :
		    pool_printf(pool, "%s%s%d %s", s, i ? ";" : "", w->cap[i],
		    w->times[i]);
	return s;
}

/* The weekday of day "YYYY-MM-DD", 0 Monday … 6 Sunday, or -1. */
static int
day_wd(const char *day)
{
	cal_day	 d;

	if (day == NULL || cal_day_parse(day, &d) != 0)
		return -1;
	/* cal_weekday(): 0 Sunday */
	return (cal_weekday(d) + 6) % 7;
}

/* Whether w offers bookings on weekday i (0 Monday). */
static int
week_open(const struct week *w, int i)
{
	return i >= 0 && i < 7 && w->cap[i] > 0 && *w->times[i] != '\0';
}

/* Whether w offers slot on day. */
static int
week_offers(struct pool *pool, const struct week *w, const char *day,
    const char *slot)
{
	char	**v;
	size_t	 n;
	int	 i = day_wd(day);

	if (!week_open(w, i))
		return 0;
	n = split(pool, w->times[i], &v, BOOK_TIMES_MAX);
	return in_list(v, n > BOOK_TIMES_MAX ? BOOK_TIMES_MAX : n, slot);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every slot of w's week, ascending ("09:00 09:30 …"); *most the most
 * places a slot of an open weekday takes. */
static char *
week_union(struct pool *pool, const struct week *w, int *most)
{
	char	**all, **v, *s = "";
	size_t	 n = 0, k, i, j;

	*most = 0;
	all = pool_alloc(pool, (7 * BOOK_TIMES_MAX + 1) * sizeof(*all));
	for (i = 0; i < 7; i++) {
		if (week_open(w, (int)i) && w->cap[i] > *most)
			*most = w->cap[i];
		k = split(pool, w->times[i], &v, BOOK_TIMES_MAX);
		for (j = 0; j < k && j < BOOK_TIMES_MAX; j++)
			if (!in_list(all, n, v[j]))
				all[n++] = v[j];
	}
	qsort(all, n, sizeof(*all), cmp_str);
	for (i = 0; i < n; i++)
		s = pool_printf(pool, "%s%s%s", s, i ? " " : "", all[i]);
	return s;
}

/* ---- the intranet ---------------------------------------------------- */

/*
 * The days of the next BOOK_DAYS days the plan offers, "YYYY-MM-DD …":
 * the calendar's working days on weekdays open in w, not closed.
 */
static enum db_rc
plan_days(struct db *db, struct pool *pool, const struct week *w,
    const char *closed, char **days)
{
	struct calendar	 cal;
	char		 buf[CAL_DAY_BUF];
	cal_day		 d, today = cal_day_of(clock_now());
	int		 unknown = 0;

	if (calendar_get(db, pool, &cal) != DB_OK)
		return DB_ERR;
	*days = "";
	for (d = today; d < today + BOOK_DAYS; d++) {
		cal_day_format(d, buf);
		if (!cal_is_workday(&cal, d, &unknown) ||
		    !week_open(w, day_wd(buf)) || strstr(closed, buf) != NULL)
			continue;
		*days = pool_printf(pool, "%s%s%s", *days, **days ? " " : "",
		    buf);
	}
	return DB_OK;
}

/*
 * Send the plan of window (dept, code) with its days and note them; when
 * changed_only, only when its days differ from those sent last (*sent
 * 1 when it went).
 */
static enum db_rc
plan_send(struct db *db, struct pool *pool, const char *dept,
    const char *code, int changed_only, int *sentp)
{
	struct stmt	*q;
	enum db_rc	 rc;
	struct week	 w;
	json_t		*rec, *a, *day;
	char		*wk, *sent, *wname, *dname, *place, *now, **v;
	char		*closed, *days;
	int64_t		 minutes;
	size_t		 n, i, j;

	*sentp = 0;
	q = db_stmt(db, SQL_PLAN);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, code);
	if ((rc = stmt_one(q, pool, "siss", &wk, &minutes, &sent,
	    &closed)) != DB_OK)
		return rc;
	week_parse(pool, wk, &w);
	if ((rc = plan_days(db, pool, &w, closed, &days)) != DB_OK)
		return rc;
	if (changed_only && strcmp(sent, days) == 0)
		return DB_OK;
	q = db_stmt(db, SQL_WINDOW);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, code);
	if ((rc = stmt_one(q, pool, "sss", &wname, &dname, &place)) !=
	    DB_OK || (rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now)) !=
	    DB_OK)
		return rc;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}",
	    "type", "booking.window", "dept_code", dept, "window_code", code,
	    "dept_name", dname, "window_name", wname, "place", place,
	    "minutes", (json_int_t)minutes, "at", now);
	if (rec == NULL)
		return DB_ERR;
	/* Each weekday's slots and places, Monday first (EXT-10). */
	json_object_set_new(rec, "week", a = json_array());
	for (j = 0; j < 7; j++) {
		json_array_append_new(a, day = json_pack("{s:I, s:[]}",
		    "capacity", (json_int_t)w.cap[j], "times"));
		n = split(pool, w.times[j], &v, BOOK_TIMES_MAX);
		for (i = 0; i < n && i < BOOK_TIMES_MAX; i++)
			json_array_append_new(json_object_get(day, "times"),
			    json_string(v[i]));
	}
	n = split(pool, days, &v, BOOK_DAYS);
	json_object_set_new(rec, "days", a = json_array());
	for (i = 0; i < n && i < BOOK_DAYS; i++)
		json_array_append_new(a, json_string(v[i]));
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK)
		return rc;
	q = db_stmt(db, SQL_PLAN_SENT);
	stmt_bind_text(q, 0, days);
	stmt_bind_text(q, 1, dept);
	stmt_bind_text(q, 2, code);
	if ((rc = stmt_run(q)) == DB_OK)
		*sentp = 1;
	return rc;
}

/* The times of a plan as typed: *norm "09:00 09:30 …", or *why. */
static const char *
plan_times(struct pool *pool, const char *times, char **norm)
{
	char	**v;
	size_t	 n, i;

	*norm = "";
	n = split(pool, times != NULL ? times : "", &v, BOOK_TIMES_MAX);
	if (n == 0 || n > BOOK_TIMES_MAX)
		return "请列出 1 到 24 个时段的开始时间，如 09:00 09:30。";
	for (i = 0; i < n; i++) {
		if (!hhmm_ok(v[i]) || strcmp(v[i], "07:00") < 0 ||
		    strcmp(v[i], "20:00") > 0)
			return pool_printf(pool, "时段“%s”不对：应为 07:00 到 "
			    "20:00 之间的 HH:MM。", v[i]);
		if (i > 0 && strcmp(v[i - 1], v[i]) >= 0)
			return "时段应从早到晚排列，不能重复。";
		*norm = pool_printf(pool, "%s%s%s", *norm, i ? " " : "", v[i]);
	}
	return NULL;
}

static const char *const wd_names[] = { "一", "二", "三", "四", "五",
    "六", "日" };

/*
 * The slots of each day of the week as typed (p->day_times, p->day_cap):
 * *w normalised, or *why naming the weekday.  A weekday without times
 * takes no booking; at least one weekday has times.
 */
static const char *
plan_week(struct pool *pool, const struct book_plan *p, struct week *w)
{
	const char	*why, *t;
	char		*norm;
	int		 i, any = 0;

	for (i = 0; i < 7; i++) {
		w->times[i] = "";
		w->cap[i] = 0;
		t = p->day_times[i] != NULL ? p->day_times[i] : "";
		if (t[strspn(t, " ,，\t\r\n")] == '\0')
			continue;	/* no slot that weekday */
		if ((why = plan_times(pool, t, &norm)) != NULL)
			return pool_printf(pool, "星期%s：%s", wd_names[i], why);
		if (p->day_cap[i] < 0 || p->day_cap[i] > BOOK_CAPACITY_MAX)
			return pool_printf(pool, "星期%s：每个时段可约人数应为 0 "
			    "到 50（0 表示这天不接受网上预约）。", wd_names[i]);
		w->times[i] = norm;
		w->cap[i] = p->day_cap[i];
		any = 1;
	}
	if (!any)
		return "请至少给一天填上时段；要停止网上预约，请把每天的可约"
		    "人数设为 0。";
	return NULL;
}

/* The days closed: *norm "YYYY-MM-DD …" from today on, or *why. */
static const char *
plan_closed(struct pool *pool, const char *closed, char **norm)
{
	char	**v, buf[CAL_DAY_BUF];
	cal_day	 d, last = 0, today = cal_day_of(clock_now());
	size_t	 n, i;

	*norm = "";
	n = split(pool, closed != NULL ? closed : "", &v, BOOK_CLOSED_MAX);
	if (n > BOOK_CLOSED_MAX)
		return "不开放的日期最多列 30 天；更早的过去后会自动去掉。";
	for (i = 0; i < n; i++) {
		if (cal_day_parse(v[i], &d) != 0)
			return pool_printf(pool, "日期“%s”不对：应为 YYYY-MM-DD，"
			    "如 2026-12-31。", v[i]);
		if (i > 0 && d <= last)
			return "不开放的日期应从早到晚排列，不能重复。";
		last = d;
		if (d < today)
			continue;	/* past: nothing to close */
		cal_day_format(d, buf);
		*norm = pool_printf(pool, "%s%s%s", *norm, **norm ? " " : "",
		    buf);
	}
	return NULL;
}

enum db_rc
booking_plan_set(struct db *db, struct pool *pool,
    const struct book_plan *p, const char *actor, const char **why,
    struct booking **out, size_t *nout)
{
	struct stmt	*q;
	enum db_rc	 rc;
	struct week	 w;
	char		*w1, *w2, *w3, *times, *weekdays = "", *closed, *wk;
	int		 sent, most, i;

	*why = NULL;
	if (out != NULL) {
		*out = NULL;
		*nout = 0;
	}
	q = db_stmt(db, SQL_WINDOW);
	stmt_bind_text(q, 0, p->dept != NULL ? p->dept : "");
	stmt_bind_text(q, 1, p->code != NULL ? p->code : "");
	if ((rc = stmt_one(q, pool, "sss", &w1, &w2, &w3)) == DB_NONE)
		*why = "没有这个窗口：请按“部门编码 窗口编码”填写（见机构"
		    "管理的窗口一览）。";
	else if (rc != DB_OK)
		return DB_ERR;
	else if (p->minutes < 5 || p->minutes > BOOK_MINUTES_MAX)
		*why = "每个时段应为 5 到 240 分钟。";
	else if ((*why = plan_week(pool, p, &w)) == NULL)
		*why = plan_closed(pool, p->closed, &closed);
	if (*why != NULL)
		return DB_NONE;
	/* The summary columns: every slot, the most places, the weekdays
	 * open. */
	wk = week_format(pool, &w);
	times = week_union(pool, &w, &most);
	for (i = 0; i < 7; i++)
		if (week_open(&w, i))
			weekdays = pool_printf(pool, "%s%d", weekdays, i + 1);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_PLAN_PUT);
	stmt_bind_text(q, 0, p->dept);
	stmt_bind_text(q, 1, p->code);
	stmt_bind_text(q, 2, times);
	stmt_bind_int(q, 3, p->minutes);
	stmt_bind_int(q, 4, most);
	stmt_bind_text(q, 5, weekdays);
	stmt_bind_text(q, 6, closed);
	stmt_bind_text(q, 7, wk);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = plan_send(db, pool, p->dept, p->code, 0, &sent)) != DB_OK ||
	    (rc = audit_json(db, pool, actor, "booking.plan",
	    pool_printf(pool, "window:%s/%s", p->dept, p->code), json_pack(
	    "{s:s, s:s, s:i, s:i, s:s, s:s}", "times", times, "week", wk,
	    "minutes", p->minutes, "capacity", most, "weekdays", weekdays,
	    "closed", closed))) != DB_OK) {
		db_rollback(db);
		return rc == DB_NONE ? DB_ERR : rc;
	}
	if ((rc = db_commit(db)) != DB_OK || out == NULL)
		return rc;
	return booking_outside(db, pool, p->dept, p->code, out, nout);
}

struct plan_row {
	char	*dept, *code, *sent;
};

static enum db_rc
plan_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct plan_row	*p = arg;

	return stmt_row(q, pool, "sss", &p->dept, &p->code, &p->sent);
}

enum db_rc
booking_plan_send(struct db *db, struct pool *pool, int *n)
{
	struct plan_row	*v;
	size_t		 nv, i;
	int		 sent;

	*n = 0;
	if (stmt_list(db_stmt(db, SQL_PLANS), pool, plan_row, sizeof(*v), &v,
	    &nv) != DB_OK)
		return DB_ERR;
	for (i = 0; i < nv; i++) {
		if (db_begin(db) != DB_OK)
			return DB_ERR;
		if (plan_send(db, pool, v[i].dept, v[i].code, 1, &sent) !=
		    DB_OK) {
			db_rollback(db);
			return DB_ERR;
		}
		if (db_commit(db) != DB_OK)
			return DB_ERR;
		*n += sent;
	}
	return DB_OK;
}

static enum db_rc
plan_full_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct book_plan *p = arg;
	struct week	 w;
	char		*dept, *code, *times, *weekdays, *closed, *wk;
	int64_t		 minutes, capacity, planned;
	enum db_rc	 rc;
	int		 i;

	if ((rc = stmt_row(q, pool, "sssssiisssis", &dept, &code,
	    &p->dept_name, &p->window_name, &times, &minutes, &capacity,
	    &weekdays, &closed, &p->sent_days, &planned, &wk)) != DB_OK)
		return rc;
	week_parse(pool, wk, &w);
	for (i = 0; i < 7; i++) {
		p->day_times[i] = w.times[i];
		p->day_cap[i] = w.cap[i];
	}
	p->dept = dept;
	p->code = code;
	p->times = times;
	p->weekdays = weekdays;
	p->closed = closed;
	p->minutes = (int)minutes;
	p->capacity = (int)capacity;
	p->planned = planned != 0;
	return DB_OK;
}

enum db_rc
booking_plans(struct db *db, struct pool *pool, struct book_plan **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_PLAN_ALL), pool, plan_full_row,
	    sizeof(**v), v, n);
}

enum db_rc
booking_plan_get(struct db *db, struct pool *pool, const char *dept,
    const char *code, struct book_plan *p)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_PLAN_ONE);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, code);
	return stmt_first(q, pool, plan_full_row, p);
}

static enum db_rc
booking_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct booking	*b = arg;

	return stmt_row(q, pool, "isssssssssssss", &b->id, &b->code, &b->name,
	    &b->dept_code, &b->window_code, &b->window_name, &b->day,
	    &b->slot, &b->item_code, &b->item_name, &b->app_no, &b->state,
	    &b->created_at, &b->marked_by);
}

/* Mark each booking of v whose slot has started. */
static void
mark_started(struct booking *v, size_t n)
{
	char	 today[CAL_DAY_BUF], hm[6];
	size_t	 i;

	now_beijing(today, hm);
	for (i = 0; i < n; i++)
		v[i].started = started(v[i].day, v[i].slot, today, hm);
}

enum db_rc
booking_day(struct db *db, struct pool *pool, const char *dept,
    const char *day, struct booking **v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_DAY);
	stmt_bind_text(q, 0, day);
	stmt_bind_text(q, 1, dept);
	if ((rc = stmt_list(q, pool, booking_row, sizeof(**v), v, n)) ==
	    DB_OK)
		mark_started(*v, *n);
	return rc;
}

enum db_rc
booking_outside(struct db *db, struct pool *pool, const char *dept,
    const char *window, struct booking **v, size_t *n)
{
	struct stmt	*q;
	struct booking	 b;
	enum db_rc	 rc;
	struct week	 w;
	char		 today[CAL_DAY_BUF], hm[6], *wk, *days, **dv;
	size_t		 nd, cap = 0;

	*v = NULL;
	*n = 0;
	now_beijing(today, hm);
	q = db_stmt(db, SQL_WAITING);
	stmt_bind_text(q, 0, dept != NULL ? dept : "");
	stmt_bind_pair(q, 1, window);
	stmt_bind_text(q, 3, today);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	memset(&b, 0, sizeof(b));
	while ((rc = stmt_row(q, pool, "isssssssssssss" "ss", &b.id, &b.code,
	    &b.name, &b.dept_code, &b.window_code, &b.window_name, &b.day,
	    &b.slot, &b.item_code, &b.item_name, &b.app_no, &b.state,
	    &b.created_at, &b.marked_by, &wk, &days)) == DB_OK) {
		if (started(b.day, b.slot, today, hm))
			continue;
		week_parse(pool, wk, &w);
		nd = split(pool, days, &dv, BOOK_DAYS);
		if (in_list(dv, nd > BOOK_DAYS ? BOOK_DAYS : nd, b.day) &&
		    week_offers(pool, &w, b.day, b.slot))
			continue;
		*(struct booking *)pool_push(pool, v, n, &cap, sizeof(b)) = b;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
booking_mark(struct db *db, struct pool *pool, const struct user *u,
    const char *code, const char *state, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*dept, *day, *slot, *was, *now;
	char		 today[CAL_DAY_BUF], hm[6];

	*why = NULL;
	if (state == NULL || (strcmp(state, "arrived") != 0 &&
	    strcmp(state, "noshow") != 0)) {
		*why = "请选择“已到场”或“未到场”。";
		return DB_NONE;
	}
	now_beijing(today, hm);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_MARK_GET);
	stmt_bind_text(q, 0, code != NULL ? code : "");
	if ((rc = stmt_one(q, pool, "ssss", &dept, &day, &slot, &was)) ==
	    DB_NONE || (rc == DB_OK && (u->dept_code == NULL ||
	    strcmp(dept, u->dept_code) != 0)))
		*why = "本部门没有这个预约。";
	else if (rc != DB_OK)
		goto fail;
	else if (strcmp(was, "booked") != 0)
		*why = strcmp(was, "cancelled") == 0 ? "这个预约已由申请人取消。" :
		    "这个预约已登记过到场情况。";
	else if (strcmp(day, today) > 0)
		*why = "预约的日期还没到，到当天再登记。";
	else if (strcmp(state, "noshow") == 0 && !started(day, slot, today,
	    hm))
		*why = "预约的时段还没开始，不能登记为未到场。";
	if (*why != NULL) {
		db_rollback(db);
		return DB_NONE;
	}
	q = db_stmt(db, SQL_MARK);
	stmt_bind_text(q, 0, state);
	stmt_bind_text(q, 1, u->name);
	stmt_bind_text(q, 2, code);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now)) != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "booking.state",
	    "code", code, "state", state, "clerk_name", u->name, "at", now);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_json(db, pool, u->login,
	    "booking.mark", pool_printf(pool, "booking:%s", code),
	    json_pack("{s:s}", "state", state))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_NONE ? DB_ERR : rc;
}

enum db_rc
booking_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*code = field(rec, "code"), *app = field(rec, "app_no");
	char		*w1, *w2, *w3;

	if (strcmp(field(rec, "state"), "cancelled") == 0) {
		q = db_stmt(db, SQL_INT_CANCEL);
		stmt_bind_text(q, 0, field(rec, "at"));
		stmt_bind_text(q, 1, code);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		if (stmt_affected(q) != 1) {
			snprintf(err, errlen, "没有等待中的预约 %s（可能已登记"
			    "到场情况）", code);
			return DB_NONE;
		}
		return DB_OK;
	}
	q = db_stmt(db, SQL_WINDOW);
	stmt_bind_text(q, 0, field(rec, "dept_code"));
	stmt_bind_text(q, 1, field(rec, "window_code"));
	if ((rc = stmt_one(q, pool, "sss", &w1, &w2, &w3)) == DB_NONE) {
		snprintf(err, errlen, "本站没有预约的窗口 %s/%s",
		    field(rec, "dept_code"), field(rec, "window_code"));
		return DB_NONE;
	} else if (rc != DB_OK)
		return rc;
	q = db_stmt(db, SQL_INT_ADD);
	stmt_bind_text(q, 0, code);
	stmt_bind_text(q, 1, field(rec, "name"));
	stmt_bind_text(q, 2, field(rec, "dept_code"));
	stmt_bind_text(q, 3, field(rec, "window_code"));
	stmt_bind_text(q, 4, field(rec, "day"));
	stmt_bind_text(q, 5, field(rec, "slot"));
	stmt_bind_text(q, 6, field(rec, "item_code"));
	stmt_bind_text(q, 7, field(rec, "item_name"));
	stmt_bind_text(q, 8, app != NULL && *app ? app : NULL);
	stmt_bind_text(q, 9, field(rec, "at"));
	stmt_bind_text(q, 10, field(rec, "at"));
	if ((rc = stmt_run(q)) == DB_DUP)
		snprintf(err, errlen, "预约 %s 已经有了", code);
	return rc;
}

/* ---- the extranet ---------------------------------------------------- */

static char *
joined(struct pool *pool, json_t *a)
{
	char	*s = "";
	size_t	 i;

	for (i = 0; i < json_array_size(a); i++)
		s = pool_printf(pool, "%s%s%s", s, i ? " " : "",
		    json_string_value(json_array_get(a, i)));
	return s;
}

enum db_rc
booking_window_import(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	struct week	 w;
	json_t		*day;
	char		*times;
	int		 i, most;

	(void)err;
	(void)errlen;
	/* rec_valid_booking_window(): seven weekdays, Monday first. */
	for (i = 0; i < 7; i++) {
		day = json_array_get(json_object_get(rec, "week"), (size_t)i);
		w.times[i] = joined(pool, json_object_get(day, "times"));
		w.cap[i] = (int)json_integer_value(json_object_get(day,
		    "capacity"));
	}
	times = week_union(pool, &w, &most);
	q = db_stmt(db, SQL_WIN_PUT);
	stmt_bind_text(q, 0, field(rec, "dept_code"));
	stmt_bind_text(q, 1, field(rec, "window_code"));
	stmt_bind_text(q, 2, field(rec, "dept_name"));
	stmt_bind_text(q, 3, field(rec, "window_name"));
	stmt_bind_text(q, 4, field(rec, "place"));
	stmt_bind_text(q, 5, times);
	stmt_bind_int(q, 6, json_integer_value(json_object_get(rec,
	    "minutes")));
	stmt_bind_int(q, 7, most);
	stmt_bind_text(q, 8, joined(pool, json_object_get(rec, "days")));
	stmt_bind_text(q, 9, field(rec, "at"));
	stmt_bind_text(q, 10, week_format(pool, &w));
	return stmt_run(q);
}

enum db_rc
booking_state_import(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;

	(void)pool;
	q = db_stmt(db, SQL_EXT_STATE);
	stmt_bind_text(q, 0, field(rec, "state"));
	stmt_bind_text(q, 1, field(rec, "clerk_name"));
	stmt_bind_text(q, 2, field(rec, "at"));
	stmt_bind_text(q, 3, field(rec, "code"));
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if (stmt_affected(q) != 1) {
		snprintf(err, errlen, "没有等待中的预约 %s（可能已由申请人"
		    "取消）", field(rec, "code"));
		return DB_NONE;
	}
	return DB_OK;
}

static enum db_rc
window_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct book_window *w = arg;
	struct week	 wk;
	int64_t		 minutes;
	char		*days;
	enum db_rc	 rc;
	int		 most;

	if ((rc = stmt_row(q, pool, "ssssssis", &w->dept_code,
	    &w->window_code, &w->dept_name, &w->window_name, &w->place,
	    &w->week, &minutes, &days)) != DB_OK)
		return rc;
	w->minutes = (int)minutes;
	week_parse(pool, w->week, &wk);
	w->ntimes = split(pool, week_union(pool, &wk, &most), &w->times,
	    BOOK_WEEK_TIMES);
	w->capacity = most;
	w->ndays = split(pool, days, &w->days, BOOK_DAYS);
	if (w->ntimes > BOOK_WEEK_TIMES)
		w->ntimes = BOOK_WEEK_TIMES;
	if (w->ndays > BOOK_DAYS)
		w->ndays = BOOK_DAYS;
	return DB_OK;
}

/* Fill w->left: places left of each slot, -1 when started; days before
 * today dropped. */
static enum db_rc
window_left(struct db *db, struct pool *pool, struct book_window *w)
{
	struct stmt	*q;
	struct week	 wk;
	enum db_rc	 rc;
	char		 today[CAL_DAY_BUF], hm[6], *day, *slot;
	int64_t		 taken;
	size_t		 i, j, k = 0;
	int		 d;

	now_beijing(today, hm);
	week_parse(pool, w->week, &wk);
	for (i = 0; i < w->ndays; i++)
		if (strcmp(w->days[i], today) >= 0)
			w->days[k++] = w->days[i];
	w->ndays = k;
	w->left = pool_alloc(pool, (w->ndays * w->ntimes + 1) *
	    sizeof(*w->left));
	/* A slot of the week that this day's weekday has not: -1 too. */
	for (i = 0; i < w->ndays; i++) {
		d = day_wd(w->days[i]);
		for (j = 0; j < w->ntimes; j++)
			w->left[i * w->ntimes + j] = started(w->days[i],
			    w->times[j], today, hm) || !week_offers(pool, &wk,
			    w->days[i], w->times[j]) ? -1 : wk.cap[d];
	}
	q = db_stmt(db, SQL_TAKEN);
	stmt_bind_text(q, 0, w->dept_code);
	stmt_bind_text(q, 1, w->window_code);
	stmt_bind_text(q, 2, today);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "ssi", &day, &slot, &taken)) ==
	    DB_OK)
		for (i = 0; i < w->ndays; i++)
			for (j = 0; j < w->ntimes; j++)
				if (strcmp(w->days[i], day) == 0 &&
				    strcmp(w->times[j], slot) == 0 &&
				    w->left[i * w->ntimes + j] >= 0) {
					w->left[i * w->ntimes + j] -=
					    (int)taken;
					if (w->left[i * w->ntimes + j] < 0)
						w->left[i * w->ntimes + j] = 0;
				}
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
booking_windows(struct db *db, struct pool *pool, const char *dept,
    struct book_window **v, size_t *n)
{
	struct stmt	*q;
	size_t		 i;

	q = db_stmt(db, SQL_WINS);
	stmt_bind_text(q, 0, dept);
	if (stmt_list(q, pool, window_row, sizeof(**v), v, n) != DB_OK)
		return DB_ERR;
	for (i = 0; i < *n; i++)
		if (window_left(db, pool, &(*v)[i]) != DB_OK)
			return DB_ERR;
	return DB_OK;
}

enum db_rc
booking_blocked(struct db *db, struct pool *pool, int64_t citizen,
    char **until)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 today[CAL_DAY_BUF], hm[6], *last;
	int64_t		 n;

	*until = NULL;
	now_beijing(today, hm);
	q = db_stmt(db, SQL_NOSHOWS);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, today);
	if ((rc = stmt_one(q, pool, "is", &n, &last)) != DB_OK)
		return rc;
	if (n >= BOOK_NOSHOW_MAX && strcmp(last, today) > 0)
		*until = last;
	return DB_OK;
}

/* A fresh booking code: 40 random bits in the check codes' alphabet. */
static void
new_code(char code[BOOK_CODE_LEN + 1])
{
	unsigned char	 b[16];

	crypto_random(b, sizeof(b));
	if (docsig_code("ed25519", b, sizeof(b), code) != 0)
		snprintf(code, BOOK_CODE_LEN + 1, "%02X%02X%02X%02X", b[0],
		    b[1], b[2], b[3]);
}

/* The booking's record for the intranet. */
static enum db_rc
send_booking(struct db *db, struct pool *pool, const char *code,
    const char *name, const char *dept, const char *window,
    const char *day, const char *slot, const char *item,
    const char *item_name, const char *app_no, const char *state)
{
	json_t		*rec;
	enum db_rc	 rc;
	char		*now;

	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now)) != DB_OK)
		return DB_ERR;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s}", "type", "booking", "code", code, "name", name,
	    "dept_code", dept, "window_code", window, "day", day, "slot",
	    slot, "item_code", item, "item_name", item_name, "app_no",
	    app_no != NULL ? app_no : "", "state", state, "at", now);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	return rc;
}

/* The checks that need no lock: *why, or NULL. */
static const char *
make_check(struct db *db, struct pool *pool, const struct user *u,
    const char *item, const char *app_no, const char *day,
    const char *slot, struct item *it, enum db_rc *rc)
{
	struct stmt	*q;
	cal_day		 d;
	char		*code;

	*rc = DB_OK;
	if (item == NULL || (*rc = catalog_published_head(db, pool, item,
	    it)) == DB_NONE) {
		*rc = DB_OK;
		return "没有找到要办理的事项，请从办事指南进入预约。";
	}
	if (*rc != DB_OK)
		return NULL;
	if (app_no != NULL && *app_no != '\0') {
		q = db_stmt(db, SQL_OWN_APP);
		stmt_bind_text(q, 0, app_no);
		stmt_bind_int(q, 1, u->id);
		if ((*rc = stmt_one(q, pool, "s", &code)) == DB_NONE) {
			*rc = DB_OK;
			return "没有找到您的这份申请。";
		}
		if (*rc != DB_OK)
			return NULL;
	}
	if (day == NULL || cal_day_parse(day, &d) != 0 || slot == NULL ||
	    !hhmm_ok(slot))
		return "请选择预约的日期和时段。";
	return NULL;
}

enum db_rc
booking_make(const struct config *cfg, struct db *db, struct pool *pool,
    const struct user *u, const char *item, const char *app_no,
    const char *window, const char *day, const char *slot, char **codep,
    const char **why)
{
	struct item	 it;
	struct stmt	*q;
	enum db_rc	 rc;
	char		 today[CAL_DAY_BUF], hm[6], code[BOOK_CODE_LEN + 1];
	struct week	 wk;
	char		*week, *days, *wname, *until, *id, *mobile, **dv;
	int64_t		 capacity, active, here, taken, cid;
	size_t		 nd;
	int		 tries;

	*why = make_check(db, pool, u, item, app_no, day, slot, &it, &rc);
	if (rc != DB_OK)
		return DB_ERR;
	if (*why != NULL)
		return DB_NONE;
	now_beijing(today, hm);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	/* One person's bookings one at a time, then one window's. */
	q = db_stmt(db, SQL_LOCK_CITIZEN);
	stmt_bind_int(q, 0, u->id);
	if ((rc = stmt_one(q, pool, "i", &cid)) != DB_OK ||
	    (rc = booking_blocked(db, pool, u->id, &until)) != DB_OK)
		goto fail;
	if (until != NULL) {
		*why = pool_printf(pool, "近 %d 天内有 %d 次预约未到场，%s 前"
		    "不能网上预约。请直接到窗口办理，或拨打窗口电话。",
		    BOOK_NOSHOW_DAYS, BOOK_NOSHOW_MAX, until);
		goto refuse;
	}
	q = db_stmt(db, SQL_ACTIVE);
	stmt_bind_text(q, 0, it.dept_code);
	stmt_bind_text(q, 1, window != NULL ? window : "");
	stmt_bind_text(q, 2, day);
	stmt_bind_int(q, 3, u->id);
	stmt_bind_text(q, 4, today);
	stmt_bind_text(q, 5, today);
	stmt_bind_text(q, 6, hm);
	if ((rc = stmt_one(q, pool, "ii", &active, &here)) != DB_OK)
		goto fail;
	if (here > 0) {
		*why = "您已预约了这个窗口这一天的时段；要改时间，请先取消"
		    "原来的预约。";
		goto refuse;
	}
	if (active >= BOOK_ACTIVE_MAX) {
		*why = pool_printf(pool, "您已有 %d 个未到期的预约，最多 %d 个。"
		    "请先办完或取消其中一个。", (int)active, BOOK_ACTIVE_MAX);
		goto refuse;
	}
	q = db_stmt(db, SQL_WIN_LOCK);
	stmt_bind_text(q, 0, it.dept_code);
	stmt_bind_text(q, 1, window != NULL ? window : "");
	if ((rc = stmt_one(q, pool, "siss", &week, &capacity, &days,
	    &wname)) == DB_NONE || (rc == DB_OK && capacity == 0)) {
		*why = "这个窗口不接受网上预约，请选择其他窗口。";
		goto refuse;
	}
	if (rc != DB_OK)
		goto fail;
	week_parse(pool, week, &wk);
	nd = split(pool, days, &dv, BOOK_DAYS);
	if (!in_list(dv, nd > BOOK_DAYS ? BOOK_DAYS : nd, day) ||
	    strcmp(day, today) < 0 || !week_open(&wk, day_wd(day))) {
		*why = "这一天不能预约（节假日、休息日或不在可预约的日期内），"
		    "请选择其他日期。";
		goto refuse;
	}
	/* That day's weekday's slots and places (EXT-10). */
	if (!week_offers(pool, &wk, day, slot)) {
		*why = "这个窗口这一天没有这个时段，请重新选择。";
		goto refuse;
	}
	capacity = wk.cap[day_wd(day)];
	if (started(day, slot, today, hm)) {
		*why = "这个时段已经开始或已过，请选择以后的时段。";
		goto refuse;
	}
	q = db_stmt(db, SQL_COUNT);
	stmt_bind_text(q, 0, it.dept_code);
	stmt_bind_text(q, 1, window);
	stmt_bind_text(q, 2, day);
	stmt_bind_text(q, 3, slot);
	if ((rc = stmt_one(q, pool, "i", &taken)) != DB_OK)
		goto fail;
	if (taken >= capacity) {
		*why = "这个时段已约满，请选择其他时段。";
		goto refuse;
	}
	for (tries = 0; tries < 5; tries++) {
		new_code(code);
		q = db_stmt(db, SQL_EXT_ADD);
		stmt_bind_text(q, 0, code);
		stmt_bind_int(q, 1, u->id);
		stmt_bind_text(q, 2, u->name);
		stmt_bind_text(q, 3, it.dept_code);
		stmt_bind_text(q, 4, window);
		stmt_bind_text(q, 5, day);
		stmt_bind_text(q, 6, slot);
		stmt_bind_text(q, 7, it.code);
		stmt_bind_text(q, 8, it.name);
		stmt_bind_text(q, 9, app_no != NULL && *app_no ? app_no :
		    NULL);
		if ((rc = stmt_run(q)) != DB_DUP)
			break;
	}
	if (rc != DB_OK)
		goto fail;
	if ((rc = send_booking(db, pool, code, u->name, it.dept_code, window,
	    day, slot, it.code, it.name, app_no, "booked")) != DB_OK)
		goto fail;
	/* The account's mobile was verified by an SMS code when it was
	 * registered (or at the window, ACC-1). */
	if ((rc = account_citizen_personal(db, pool, u->id, &id, &mobile)) !=
	    DB_OK || (rc = sms_queue(cfg, db, pool, mobile, pool_printf(pool,
	    "您已预约 %s %s %s %s 办理“%s”，预约码 %s。请带好身份证按时到"
	    "窗口，不能前往请提前在网上取消。", day, slot, it.dept_name,
	    wname, it.name, code), NULL, "booking", NULL, NULL)) != DB_OK)
		goto fail;
	if ((rc = audit_json(db, pool, u->login, "booking.make",
	    pool_printf(pool, "booking:%s", code), json_pack("{s:s, s:s, "
	    "s:s, s:s, s:s}", "item", it.code, "window", pool_printf(pool,
	    "%s/%s", it.dept_code, window), "day", day, "slot", slot,
	    "app_no", app_no != NULL ? app_no : ""))) != DB_OK)
		goto fail;
	if ((rc = db_commit(db)) == DB_OK)
		*codep = pool_strdup(pool, code);
	return rc;
refuse:
	db_rollback(db);
	return DB_NONE;
fail:
	db_rollback(db);
	return rc == DB_NONE || rc == DB_DUP ? DB_ERR : rc;
}

enum db_rc
booking_cancel(struct db *db, struct pool *pool, const struct user *u,
    const char *code, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 today[CAL_DAY_BUF], hm[6];
	char		*name, *dept, *window, *day, *slot, *item, *iname, *app;
	char		*state;

	*why = NULL;
	now_beijing(today, hm);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_EXT_GET);
	stmt_bind_text(q, 0, code != NULL ? code : "");
	stmt_bind_int(q, 1, u->id);
	if ((rc = stmt_one(q, pool, "sssssssss", &name, &dept, &window, &day,
	    &slot, &item, &iname, &app, &state)) == DB_NONE)
		*why = "没有找到您的这个预约。";
	else if (rc != DB_OK)
		goto fail;
	else if (strcmp(state, "booked") != 0)
		*why = pool_printf(pool, "这个预约%s，不能再取消。",
		    booking_state_label(state));
	else if (started(day, slot, today, hm))
		*why = "预约的时段已经开始，不能再取消。";
	if (*why != NULL) {
		db_rollback(db);
		return DB_NONE;
	}
	q = db_stmt(db, SQL_EXT_CANCEL);
	stmt_bind_text(q, 0, code);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = send_booking(db, pool, code, name, dept, window, day, slot,
	    item, iname, app, "cancelled")) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "booking.cancel",
	    pool_printf(pool, "booking:%s", code), json_object())) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_NONE ? DB_ERR : rc;
}

enum db_rc
booking_mine(struct db *db, struct pool *pool, int64_t citizen,
    struct booking **v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_MINE);
	stmt_bind_int(q, 0, citizen);
	if ((rc = stmt_list(q, pool, booking_row, sizeof(**v), v, n)) ==
	    DB_OK)
		mark_started(*v, *n);
	return rc;
}

int
booking_open_for(struct db *db, struct pool *pool, const char *item)
{
	struct stmt	*q;
	int64_t		 n;

	q = db_stmt(db, SQL_OPEN_FOR);
	stmt_bind_text(q, 0, item);
	if (stmt_one(q, pool, "i", &n) != DB_OK)
		return -1;
	return n > 0;
}

const char *
booking_state_label(const char *state)
{
	if (strcmp(state, "booked") == 0)
		return "已预约";
	if (strcmp(state, "cancelled") == 0)
		return "已取消";
	if (strcmp(state, "arrived") == 0)
		return "已到场";
	if (strcmp(state, "noshow") == 0)
		return "未到场";
	return state;
}
