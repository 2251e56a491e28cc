/*
 * perf.c: performance and statistics from the summaries of migration 115
 * (perf.h).  Reads perf_case_month, perf_case_day, perf_person_day,
 * perf_red, the warning ledger's dept_at index and the catalogue; never
 * the cases.
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "perf.h"

#define DECIDED "('approved', 'denied', 'not_accepted')"
#define SUMS \
	"CAST(SUM(p.received) AS SIGNED) AS received, " \
	"CAST(SUM(IF(p.channel = 'online', p.received, 0)) AS SIGNED) " \
	"AS online, " \
	"CAST(SUM(IF(p.result IN " DECIDED ", p.ended, 0)) AS SIGNED) " \
	"AS decided, " \
	"CAST(SUM(IF(p.result = 'approved', p.ended, 0)) AS SIGNED) " \
	"AS approved, " \
	"CAST(SUM(IF(p.result = 'denied', p.ended, 0)) AS SIGNED) AS denied, " \
	"CAST(SUM(IF(p.result = 'not_accepted', p.ended, 0)) AS SIGNED) " \
	"AS not_accepted, " \
	"CAST(SUM(IF(p.result = 'withdrawn', p.ended, 0)) AS SIGNED) " \
	"AS withdrawn, " \
	"CAST(SUM(p.on_time) AS SIGNED) AS on_time, " \
	"CAST(SUM(p.late) AS SIGNED) AS late, " \
	"CAST(SUM(p.work_days) AS SIGNED) AS work_days"
/*
 * The cases of a period: its whole months from perf_case_month (? ? the
 * first and the last month), the days before and after them from
 * perf_case_day (? ? and ? ?), summed by month first, so that what is
 * grouped last is a few rows per month; bind_period() binds the dates.
 */
#define CASES \
	"(SELECT month AS day, dept_code, item_code, channel, result, " \
	"received, ended, on_time, late, work_days FROM perf_case_month " \
	"WHERE month BETWEEN ? AND ? UNION ALL " \
	"SELECT day - INTERVAL (DAYOFMONTH(day) - 1) DAY, dept_code, " \
	"item_code, channel, result, SUM(received), SUM(ended), " \
	"SUM(on_time), SUM(late), SUM(work_days) FROM perf_case_day " \
	"WHERE day BETWEEN ? AND ? OR day BETWEEN ? AND ? " \
	"GROUP BY 1, 2, 3, 4, 5) p"
/* Rows a case's update left at zero count for nothing. */
#define NONZERO "HAVING SUM(p.received) <> 0 OR SUM(p.ended) <> 0"
/* Warnings written on the Beijing days ? to ? (at is UTC). */
#define WARNED "at >= TIMESTAMP(?) - INTERVAL 8 HOUR " \
	"AND at < TIMESTAMP(?) + INTERVAL 16 HOUR"

static const char SQL_BY_MONTH[] =
    "SELECT DATE_FORMAT(p.day, '%Y-%m'), DATE_FORMAT(p.day, '%Y年%c月'), "
    SUMS ", 0 FROM " CASES " GROUP BY 1, 2 "
    NONZERO " ORDER BY 1";
static const char SQL_BY_DEPT[] =
    "SELECT p.dept_code, COALESCE(d.name, p.dept_code), " SUMS ", 0 "
    "FROM " CASES " LEFT JOIN department d ON d.code = p.dept_code "
    "GROUP BY p.dept_code, d.name " NONZERO
    " ORDER BY p.dept_code";
static const char SQL_BY_ITEM[] =
    "SELECT p.item_code, COALESCE((SELECT i.name FROM item i "
    "WHERE i.code = p.item_code ORDER BY i.version DESC LIMIT 1), "
    "p.item_code), " SUMS ", EXISTS (SELECT 1 FROM item_private x "
    "WHERE x.code = p.item_code) FROM " CASES
    " GROUP BY p.item_code " NONZERO " ORDER BY p.item_code";
static const char SQL_BY_CHANNEL[] =
    "SELECT p.channel, p.channel, " SUMS ", 0 FROM " CASES
    " GROUP BY p.channel " NONZERO " ORDER BY p.channel";
static const char SQL_BY_RESULT[] =
    "SELECT p.result, p.result, " SUMS ", 0 FROM " CASES
    " WHERE p.result <> '' GROUP BY p.result " NONZERO
    " ORDER BY FIELD(p.result, 'approved', 'denied', 'not_accepted', "
    "'withdrawn'), p.result";

/*
 * 事项进驻率: of a department's items in the catalogue (codes with a
 * version not retired), those published in the online hall (a published
 * version of depth A, B or C, not secret).
 */
static const char SQL_DEPTS[] =
    "SELECT d.code, d.name, COALESCE(s.received, 0), COALESCE(s.online, 0), "
    "COALESCE(s.decided, 0), COALESCE(s.approved, 0), "
    "COALESCE(s.denied, 0), COALESCE(s.not_accepted, 0), "
    "COALESCE(s.withdrawn, 0), COALESCE(s.on_time, 0), "
    "COALESCE(s.late, 0), COALESCE(s.work_days, 0), "
    "COALESCE(c.items, 0), COALESCE(c.online, 0), "
    "COALESCE(rp.n, 0), COALESCE(ry.n, 0) FROM department d "
    "LEFT JOIN (SELECT p.dept_code, " SUMS " FROM " CASES
    " GROUP BY p.dept_code) s "
    "ON s.dept_code = d.code "
    "LEFT JOIN (SELECT dept_code, COUNT(DISTINCT code) AS items, "
    "COUNT(DISTINCT IF(status = 'published' AND depth <> 'D' "
    "AND secret = 0, code, NULL)) AS online FROM item "
    "WHERE status <> 'retired' GROUP BY dept_code) c "
    "ON c.dept_code = d.code "
    "LEFT JOIN (SELECT dept_code, COUNT(*) AS n FROM deadline_warning "
    "WHERE " WARNED " GROUP BY dept_code) rp ON rp.dept_code = d.code "
    "LEFT JOIN (SELECT dept_code, COUNT(*) AS n FROM deadline_warning "
    "WHERE " WARNED " GROUP BY dept_code) ry ON ry.dept_code = d.code "
    "WHERE s.dept_code IS NOT NULL OR c.dept_code IS NOT NULL "
    "OR ry.dept_code IS NOT NULL "
    "ORDER BY COALESCE(s.received, 0) + COALESCE(s.decided, 0) + "
    "COALESCE(ry.n, 0) = 0, d.code";

static const char SQL_DEPT_NAME[] =
    "SELECT name FROM department WHERE code = ?";
/* Business roles: clerk 2, handler 4, leader 8, chief 128. */
static const char SQL_PEOPLE[] =
    "SELECT CAST(s.id AS CHAR), s.name, s.roles, COALESCE(p.acts, 0), "
    "COALESCE(p.opinions, 0), COALESCE(p.decided, 0), "
    "COALESCE(p.on_time, 0), COALESCE(p.late, 0), "
    "COALESCE(p.work_days, 0), COALESCE(rp.n, 0), COALESCE(ry.n, 0) "
    "FROM staff s JOIN department d ON d.id = s.dept_id "
    "LEFT JOIN (SELECT q.staff_id, CAST(SUM(q.acts) AS SIGNED) AS acts, "
    "CAST(SUM(q.opinions) AS SIGNED) AS opinions, "
    "CAST(SUM(q.decided) AS SIGNED) AS decided, "
    "CAST(SUM(q.on_time) AS SIGNED) AS on_time, "
    "CAST(SUM(q.late) AS SIGNED) AS late, "
    "CAST(SUM(q.work_days) AS SIGNED) AS work_days "
    "FROM perf_person_day q JOIN staff s2 ON s2.id = q.staff_id "
    "JOIN department d2 ON d2.id = s2.dept_id "
    "WHERE d2.code = ? AND q.day BETWEEN ? AND ? GROUP BY q.staff_id) p "
    "ON p.staff_id = s.id "
    "LEFT JOIN (SELECT staff_id, COUNT(*) AS n FROM perf_red "
    "WHERE day BETWEEN ? AND ? GROUP BY staff_id) rp "
    "ON rp.staff_id = s.id "
    "LEFT JOIN (SELECT staff_id, COUNT(*) AS n FROM perf_red "
    "WHERE day BETWEEN ? AND ? GROUP BY staff_id) ry "
    "ON ry.staff_id = s.id "
    "WHERE d.code = ? AND ((s.roles & 142) <> 0 OR p.staff_id IS NOT NULL "
    "OR ry.staff_id IS NOT NULL) ORDER BY s.id";

static const char SQL_REBUILD[] = "CALL perf_rebuild()";
/* The red lights again by the ids the warnings recorded (145). */
static const char SQL_RED_REBUILD[] = "CALL perf_red_rebuild()";
/* A rebuild counts with the calendar as it is: the marks of days changed
 * (146) are done with, and taken first, so that a change under way is
 * waited for. */
static const char SQL_STALE_CLEAR[] = "DELETE FROM perf_stale";
static const char SQL_STALE_ANY[] = "SELECT COUNT(*) FROM perf_stale";
/* The recount of the days a calendar change touched: by its trigger. */
static const char SQL_RECOUNT[] =
    "INSERT INTO perf_recount (at) VALUES (UTC_TIMESTAMP())";
static const char SQL_RECOUNTED[] =
    "SELECT days, COALESCE(DATE_FORMAT(changed_from, '%Y-%m-%d'), ''), "
    "COALESCE(DATE_FORMAT(changed_to, '%Y-%m-%d'), '') "
    "FROM perf_recount WHERE id = ?";
/* perf-rebuild --check: the summaries kept aside (rows that count
 * something: an update can leave a row of zeros that a recount does not
 * write), a rebuild in the transaction, the rows that differ, and the
 * transaction undone. */
#define NONZERO_CASE "(received <> 0 OR ended <> 0 OR on_time <> 0 " \
    "OR late <> 0 OR work_days <> 0)"
#define NONZERO_PERSON "(acts <> 0 OR opinions <> 0 OR decided <> 0 " \
    "OR on_time <> 0 OR late <> 0 OR work_days <> 0)"
static const char SQL_KEEP_DAY[] =
    "CREATE TEMPORARY TABLE perf_was_day AS SELECT * FROM perf_case_day "
    "WHERE " NONZERO_CASE;
static const char SQL_KEEP_MONTH[] =
    "CREATE TEMPORARY TABLE perf_was_month AS SELECT * "
    "FROM perf_case_month WHERE " NONZERO_CASE;
static const char SQL_KEEP_PERSON[] =
    "CREATE TEMPORARY TABLE perf_was_person AS SELECT * "
    "FROM perf_person_day WHERE " NONZERO_PERSON;
static const char SQL_KEEP_RED[] =
    "CREATE TEMPORARY TABLE perf_was_red AS SELECT * FROM perf_red";
/* The rows of was (the summary) that a recount (now) does not have as
 * they are, and the keys of now that was lacks. */
#define DIFF(was, now, nz, key) "(SELECT COUNT(*) FROM (SELECT * FROM " \
    was " EXCEPT SELECT * FROM " now nz ") a) + (SELECT COUNT(*) FROM " \
    "(SELECT " key " FROM " now nz " EXCEPT SELECT " key " FROM " was \
    ") b)"
#define CASE_KEY "dept_code, item_code, channel, result"
static const char SQL_DIFF[] =
    "SELECT " DIFF("perf_was_day", "perf_case_day", " WHERE " NONZERO_CASE,
    "day, " CASE_KEY)
    ", " DIFF("perf_was_month", "perf_case_month", " WHERE " NONZERO_CASE,
    "month, " CASE_KEY)
    ", " DIFF("perf_was_person", "perf_person_day",
    " WHERE " NONZERO_PERSON, "staff_id, day")
    ", " DIFF("perf_was_red", "perf_red", "", "warning_id, staff_id");
static const char SQL_KEPT_DROP[] =
    "DROP TEMPORARY TABLE IF EXISTS perf_was_day, perf_was_month, "
    "perf_was_person, perf_was_red";
static const char SQL_ROWS[] =
    "SELECT (SELECT COUNT(*) FROM perf_case_day) + "
    "(SELECT COUNT(*) FROM perf_person_day) + "
    "(SELECT COUNT(*) FROM perf_red)";

/* The day summary's receipts and ends (what /hall and the statistics
 * read) that differ from a recount of the cases: the keys whose sums of
 * summary minus recount are not zero. */

static enum db_rc
stats_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct perf_row	*r = elem;
	int64_t		 priv;
	enum db_rc	 rc;

	rc = stmt_row(q, pool, "ssiiiiiiiiiii", &r->key, &r->label,
	    &r->received, &r->online, &r->decided, &r->approved, &r->denied,
	    &r->not_accepted, &r->withdrawn, &r->on_time, &r->late,
	    &r->work_days, &priv);
	r->private_item = priv != 0;
	return rc;
}

static enum db_rc
dept_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct perf_row	*r = elem;

	return stmt_row(q, pool, "ssiiiiiiiiiiiiii", &r->key, &r->label,
	    &r->received, &r->online, &r->decided, &r->approved, &r->denied,
	    &r->not_accepted, &r->withdrawn, &r->on_time, &r->late,
	    &r->work_days, &r->items, &r->items_online, &r->red,
	    &r->red_year);
}

static enum db_rc
person_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct perf_row	*r = elem;
	int64_t		 roles;
	enum db_rc	 rc;

	rc = stmt_row(q, pool, "ssiiiiiiiii", &r->key, &r->label, &roles,
	    &r->acts, &r->opinions, &r->decided, &r->on_time, &r->late,
	    &r->work_days, &r->red, &r->red_year);
	r->roles = (unsigned)roles;
	return rc;
}

/* Bind the six dates of CASES for the period from..to at *i. */
static void
bind_period(struct stmt *q, unsigned *i, struct pool *pool,
    const char *from, const char *to)
{
	static const char none_a[] = "1970-01-02", none_b[] = "1970-01-01";
	int	 fy, fm, fd, ty, tm, td, y, m, d;
	cal_day	 f, t, first, last, after;

	if (sscanf(from, "%d-%d-%d", &fy, &fm, &fd) != 3 ||
	    sscanf(to, "%d-%d-%d", &ty, &tm, &td) != 3)
		fy = fm = fd = ty = tm = td = 1;
	f = cal_day_of_ymd(fy, fm, fd);
	t = cal_day_of_ymd(ty, tm, td);
	/* The first whole month starts on from, or on the 1st after it;
	 * the last one is to's when to is its last day, else the one
	 * before. */
	first = fd == 1 ? f : fm == 12 ? cal_day_of_ymd(fy + 1, 1, 1) :
	    cal_day_of_ymd(fy, fm + 1, 1);
	(void)sscanf(cal_day_str(pool, t + 1), "%d-%d-%d", &y, &m, &d);
	last = d == 1 ? cal_day_of_ymd(ty, tm, 1) : tm == 1 ?
	    cal_day_of_ymd(ty - 1, 12, 1) : cal_day_of_ymd(ty, tm - 1, 1);
	if (first > last) {		/* no whole month: days only */
		stmt_bind_text(q, (*i)++, none_a);
		stmt_bind_text(q, (*i)++, none_b);
		stmt_bind_text(q, (*i)++, from);
		stmt_bind_text(q, (*i)++, to);
		stmt_bind_text(q, (*i)++, none_a);
		stmt_bind_text(q, (*i)++, none_b);
		return;
	}
	(void)sscanf(cal_day_str(pool, last), "%d-%d-%d", &y, &m, &d);
	after = m == 12 ? cal_day_of_ymd(y + 1, 1, 1) :
	    cal_day_of_ymd(y, m + 1, 1);
	stmt_bind_text(q, (*i)++, cal_day_str(pool, first));
	stmt_bind_text(q, (*i)++, cal_day_str(pool, last));
	stmt_bind_text(q, (*i)++, from);
	stmt_bind_text(q, (*i)++, cal_day_str(pool, first - 1));
	stmt_bind_text(q, (*i)++, cal_day_str(pool, after));
	stmt_bind_text(q, (*i)++, to);
}

static void
year_bounds(struct pool *pool, int year, char **from, char **to)
{
	*from = pool_printf(pool, "%04d-01-01", year);
	*to = pool_printf(pool, "%04d-12-31", year);
}

enum db_rc
perf_depts(struct db *db, struct pool *pool, const char *from,
    const char *to, int year, struct perf_row **v, size_t *n)
{
	struct stmt	*q = db_stmt(db, SQL_DEPTS);
	char		*yf, *yt;
	unsigned	 i = 0;

	year_bounds(pool, year, &yf, &yt);
	bind_period(q, &i, pool, from, to);
	stmt_bind_text(q, i++, from);
	stmt_bind_text(q, i++, to);
	stmt_bind_text(q, i++, yf);
	stmt_bind_text(q, i++, yt);
	return stmt_list(q, pool, dept_row, sizeof(**v), v, n);
}

enum db_rc
perf_people(struct db *db, struct pool *pool, const char *dept,
    const char *from, const char *to, int year, char **name,
    struct perf_row **v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*yf, *yt;

	*name = NULL;
	*v = NULL;
	*n = 0;
	q = db_stmt(db, SQL_DEPT_NAME);
	stmt_bind_text(q, 0, dept);
	if ((rc = stmt_one(q, pool, "s", name)) != DB_OK)
		return rc;
	year_bounds(pool, year, &yf, &yt);
	q = db_stmt(db, SQL_PEOPLE);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, from);
	stmt_bind_text(q, 2, to);
	stmt_bind_text(q, 3, from);
	stmt_bind_text(q, 4, to);
	stmt_bind_text(q, 5, yf);
	stmt_bind_text(q, 6, yt);
	stmt_bind_text(q, 7, dept);
	return stmt_list(q, pool, person_row, sizeof(**v), v, n);
}

static const char *const by_words[] = { "month", "dept", "item", "channel",
    "result" };

int
perf_by_of(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(by_words) / sizeof(*by_words); i++)
		if (strcmp(s, by_words[i]) == 0)
			return (int)i;
	return -1;
}

const char *
perf_by_word(enum perf_by by)
{
	return by_words[by];
}

const char *
perf_channel_label(const char *c)
{
	if (c != NULL && strcmp(c, "online") == 0)
		return "网上申请";
	if (c != NULL && strcmp(c, "window") == 0)
		return "窗口收件";
	return c;
}

enum db_rc
perf_stats(struct db *db, struct pool *pool, enum perf_by by,
    const char *from, const char *to, struct perf_row **v, size_t *n)
{
	static const char *const sql[] = { SQL_BY_MONTH, SQL_BY_DEPT,
	    SQL_BY_ITEM, SQL_BY_CHANNEL, SQL_BY_RESULT };
	struct stmt	*q = db_stmt(db, sql[by]);
	unsigned	 i = 0;

	bind_period(q, &i, pool, from, to);
	return stmt_list(q, pool, stats_row, sizeof(**v), v, n);
}

enum db_rc
perf_rebuild(struct db *db, struct pool *pool, int64_t *rows)
{
	enum db_rc	 rc;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = stmt_run(db_stmt(db, SQL_STALE_CLEAR))) != DB_OK ||
	    (rc = stmt_run(db_stmt(db, SQL_REBUILD))) != DB_OK ||
	    (rc = stmt_run(db_stmt(db, SQL_RED_REBUILD))) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	if ((rc = db_commit(db)) != DB_OK)
		return rc;
	return stmt_one(db_stmt(db, SQL_ROWS), pool, "i", rows);
}

enum db_rc
perf_check(struct db *db, struct pool *pool, int64_t diff[4])
{
	static const char *const keep[] = { SQL_KEEP_DAY, SQL_KEEP_MONTH,
	    SQL_KEEP_PERSON, SQL_KEEP_RED };
	enum db_rc	 rc = DB_OK;
	size_t		 i;

	if (stmt_run(db_stmt(db, SQL_KEPT_DROP)) != DB_OK ||
	    db_begin(db) != DB_OK)
		return DB_ERR;
	for (i = 0; i < 4 && rc == DB_OK; i++)
		rc = stmt_run(db_stmt(db, keep[i]));
	if (rc == DB_OK)
		rc = stmt_run(db_stmt(db, SQL_REBUILD));
	if (rc == DB_OK)
		rc = stmt_run(db_stmt(db, SQL_RED_REBUILD));
	if (rc == DB_OK)
		rc = stmt_one(db_stmt(db, SQL_DIFF), pool, "iiii", &diff[0],
		    &diff[1], &diff[2], &diff[3]);
	db_rollback(db);
	if (stmt_run(db_stmt(db, SQL_KEPT_DROP)) != DB_OK)
		rc = DB_ERR;
	return rc;
}

struct recount {
	int		 days;
	char		*from, *to;
	struct pool	*pool;
};

static enum db_rc
recount_txn(struct db *db, void *arg)
{
	struct recount	*a = arg;
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 n, id;

	a->days = -1;
	a->from = a->to = NULL;
	if ((rc = stmt_one(db_stmt(db, SQL_STALE_ANY), a->pool, "i", &n)) !=
	    DB_OK || n == 0)
		return rc;
	q = db_stmt(db, SQL_RECOUNT);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	id = stmt_insert_id(q);
	q = db_stmt(db, SQL_RECOUNTED);
	stmt_bind_int(q, 0, id);
	return stmt_one(q, a->pool, "dss", &a->days, &a->from, &a->to);
}

enum db_rc
perf_calendar_follow(struct db *db, struct pool *pool, int *days,
    char **from, char **to)
{
	struct recount	 a = { -1, NULL, NULL, pool };
	enum db_rc	 rc;

	rc = db_txn(db, recount_txn, &a);
	*days = a.days;
	*from = a.from;
	*to = a.to;
	return rc;
}
