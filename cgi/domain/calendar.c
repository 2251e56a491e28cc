/*
 * calendar.c: the working-day calendar and its arithmetic (TIME-1,
 * TIME-2; calendar.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "calendar.h"
#include "deadline.h"
#include "exchange.h"
#include "log.h"
#include "text.h"

#define BEIJING		(8 * 3600)

static const char SQL_YEARS[] =
    "SELECT year FROM calendar_year ORDER BY year";
static const char SQL_DAYS[] =
    "SELECT DATE_FORMAT(day, '%Y-%m-%d'), kind, name FROM calendar_day "
    "ORDER BY day";
static const char SQL_YEAR_INFO[] =
    "SELECT year, DATE_FORMAT(loaded_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
    "loaded_by, source FROM calendar_year ORDER BY year";
static const char SQL_YEAR_LOADED[] =
    "SELECT year FROM calendar_year WHERE year = ? FOR UPDATE";
static const char SQL_YEAR_DAYS[] =
    "SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM calendar_day WHERE year = ?";
static const char SQL_YEAR_MARK[] =
    "INSERT INTO calendar_year (year, loaded_at, loaded_by, source) "
    "VALUES (?, UTC_TIMESTAMP(), ?, ?) ON DUPLICATE KEY UPDATE "
    "loaded_at = VALUES(loaded_at), loaded_by = VALUES(loaded_by), "
    "source = VALUES(source)";
static const char SQL_DAY_PUT[] =
    "INSERT INTO calendar_day (day, year, kind, name) VALUES (?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE kind = VALUES(kind), name = VALUES(name)";
static const char SQL_DAY_DROP[] =
    "DELETE FROM calendar_day WHERE day = ?";

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (the "days from
 * civil" computation: years counted from March, in 400-year eras). */
cal_day
cal_day_of_ymd(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (cal_day)(era * 146097 + doe - 719468);
}

static void
ymd_of(cal_day z, int *y, int *m, int *d)
{
	int	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return days[m - 1];
}

int
cal_day_parse(const char *s, cal_day *out)
{
	int	 y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX || m < 1 || m > 12 ||
	    d < 1 || d > month_days(y, m))
		return -1;
	*out = cal_day_of_ymd(y, m, d);
	return 0;
}

void
cal_day_format(cal_day z, char *buf)
{
	int	 y, m, d;

	ymd_of(z, &y, &m, &d);
	snprintf(buf, CAL_DAY_BUF, "%04d-%02d-%02d", y, m, d);
}

char *
cal_day_str(struct pool *pool, cal_day z)
{
	char	 buf[CAL_DAY_BUF];

	cal_day_format(z, buf);
	return pool_strdup(pool, buf);
}

int
cal_year(cal_day z)
{
	int	 y, m, d;

	ymd_of(z, &y, &m, &d);
	return y;
}

int
cal_weekday(cal_day z)
{
	/* 1970-01-01 was a Thursday. */
	return (int)(((int64_t)z % 7 + 7 + 4) % 7);
}

const char *
cal_weekday_name(cal_day z)
{
	static const char *names[7] = { "周日", "周一", "周二", "周三", "周四",
	    "周五", "周六" };

	return names[cal_weekday(z)];
}

cal_day
cal_day_of(time_t t)
{
	int64_t	 s = (int64_t)t + BEIJING;

	return (cal_day)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

time_t
cal_day_start(cal_day z)
{
	return (time_t)((int64_t)z * 86400 - BEIJING);
}

/* ------------------------------------------------------------------ */
/* Arithmetic                                                          */
/* ------------------------------------------------------------------ */

int
cal_loaded(const struct calendar *c, int year)
{
	size_t	 lo = 0, hi = c->nyears, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->years[mid] == year)
			return 1;
		if (c->years[mid] < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

const struct cal_entry *
cal_entry_of(const struct calendar *c, cal_day z)
{
	size_t	 lo = 0, hi = c->ndays, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c->days[mid].day == z)
			return &c->days[mid];
		if (c->days[mid].day < z)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
cal_is_workday(const struct calendar *c, cal_day z, int *unknown)
{
	const struct cal_entry *e;
	int	 wd = cal_weekday(z), y = cal_year(z);

	if (!cal_loaded(c, y)) {
		if (unknown != NULL && *unknown == 0)
			*unknown = y;
		return wd != 0 && wd != 6;
	}
	if ((e = cal_entry_of(c, z)) != NULL)
		return e->kind == CAL_WORK;
	return wd != 0 && wd != 6;
}

cal_day
cal_add(const struct calendar *c, cal_day z, int n, int *unknown)
{
	while (n > 0) {
		z++;
		if (cal_is_workday(c, z, unknown))
			n--;
	}
	return z;
}

int
cal_between(const struct calendar *c, cal_day a, cal_day b, int *unknown)
{
	int	 n = 0, sign = 1;
	cal_day	 t;

	if (b < a) {
		t = a;
		a = b;
		b = t;
		sign = -1;
	}
	while (a < b) {
		a++;
		if (cal_is_workday(c, a, unknown))
			n++;
	}
	return sign * n;
}

/* ------------------------------------------------------------------ */
/* The file                                                            */
/* ------------------------------------------------------------------ */

/* What is wrong with day e of a calendar (a make-up day on a weekday, a
 * name that is not a short text), or NULL; an ordinary day (kind 0) has
 * no name to check. */
static const char *
entry_why(const struct cal_entry *e)
{
	int	 wd = cal_weekday(e->day);

	if (e->kind != 0 && e->name != NULL && text_check(e->name,
	    strlen(e->name), 0, CAL_NAME_MAX, 0, TEXT_LINE) != TEXT_OK)
		return "名称应为 20 个字以内的文字，例如“国庆节”。";
	if (e->kind == CAL_WORK && wd != 0 && wd != 6)
		return "调休上班（班）只能是星期六或星期日：其他日子本来就上班。";
	return NULL;
}

int
cal_parse_line(struct pool *pool, const char *line, struct cal_entry *e,
    const char **why)
{
	const char	*p = line;
	char		 date[11];
	size_t		 len;

	*why = NULL;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#' || *p == '\r' || *p == '\n')
		return 0;
	len = strcspn(p, "#\r\n");
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	memset(e, 0, sizeof(*e));
	if (len < 14 || (p[10] != ' ' && p[10] != '\t')) {
		*why = "每行应为“日期 休或班 名称”，例如“2026-10-01 休 国庆节”。";
		return -1;
	}
	memcpy(date, p, 10);
	date[10] = '\0';
	if (cal_day_parse(date, &e->day) == -1) {
		*why = "日期应为 YYYY-MM-DD 格式的真实日期（1950—2199 年）。";
		return -1;
	}
	p += 11;
	len -= 11;
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	if (len >= 3 && memcmp(p, "休", 3) == 0)
		e->kind = CAL_OFF;
	else if (len >= 3 && memcmp(p, "班", 3) == 0)
		e->kind = CAL_WORK;
	else {
		*why = "日期后应写“休”（放假）或“班”（调休上班）。";
		return -1;
	}
	p += 3;
	len -= 3;
	if (len > 0 && *p != ' ' && *p != '\t') {
		*why = "“休”或“班”后应空一格再写名称。";
		return -1;
	}
	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	e->name = pool_strndup(pool, p, len);
	return (*why = entry_why(e)) == NULL ? 1 : -1;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct cal_entry *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

int
cal_parse_text(struct pool *pool, const char *text, struct calendar *out,
    const char **why)
{
	struct cal_entry e, *v = NULL;
	size_t		 n = 0, cap = 0, ny = 0, ycap = 0, i;
	const char	*p = text, *nl;
	int		*years = NULL, lineno = 0, y;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (text_check(text, strlen(text), 0, CAL_FILE_MAX, CAL_FILE_MAX,
	    TEXT_LINES) != TEXT_OK) {
		*why = "内容不是有效的文字（含有无法识别的字符）。";
		return -1;
	}
	while (*p != '\0') {
		lineno++;
		nl = strchr(p, '\n');
		switch (cal_parse_line(pool, pool_strndup(pool, p, nl ?
		    (size_t)(nl - p) : strlen(p)), &e, why)) {
		case -1:
			*why = pool_printf(pool, "第 %d 行：%s", lineno, *why);
			return -1;
		case 1:
			*(struct cal_entry *)pool_push(pool, &v, &n, &cap,
			    sizeof(e)) = e;
			break;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (n == 0) {
		*why = "没有任何日期：每行写一天，例如“2026-10-01 休 国庆节”。";
		return -1;
	}
	qsort(v, n, sizeof(*v), entry_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && v[i].day == v[i - 1].day) {
			*why = pool_printf(pool, "%s 写了两次。",
			    cal_day_str(pool, v[i].day));
			return -1;
		}
		y = cal_year(v[i].day);
		if (ny == 0 || years[ny - 1] != y)
			*(int *)pool_push(pool, &years, &ny, &ycap,
			    sizeof(y)) = y;
	}
	out->days = v;
	out->ndays = n;
	out->years = years;
	out->nyears = ny;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Stored                                                              */
/* ------------------------------------------------------------------ */

static enum db_rc
day_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct cal_entry *e = arg;
	char		*date, *kind;
	enum db_rc	 rc;

	if ((rc = stmt_row(q, pool, "sss", &date, &kind, &e->name)) != DB_OK)
		return rc;
	if (cal_day_parse(date, &e->day) == -1) {
		log_err("calendar_day: not a date: %s", date);
		return DB_ERR;
	}
	e->kind = strcmp(kind, "work") == 0 ? CAL_WORK : CAL_OFF;
	return DB_OK;
}

static enum db_rc
int_row(struct stmt *q, struct pool *pool, void *arg)
{
	return stmt_row(q, pool, "d", (int *)arg);
}

enum db_rc
calendar_get(struct db *db, struct pool *pool, struct calendar *c)
{
	enum db_rc	 rc;

	memset(c, 0, sizeof(*c));
	if ((rc = stmt_list(db_stmt(db, SQL_YEARS), pool, int_row,
	    sizeof(*c->years), &c->years, &c->nyears)) != DB_OK)
		return rc;
	return stmt_list(db_stmt(db, SQL_DAYS), pool, day_row,
	    sizeof(*c->days), &c->days, &c->ndays);
}

static enum db_rc
year_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct cal_year_info *y = arg;

	return stmt_row(q, pool, "dsss", &y->year, &y->loaded_at,
	    &y->loaded_by, &y->source);
}

enum db_rc
calendar_years(struct db *db, struct pool *pool, struct cal_year_info **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_YEAR_INFO), pool, year_row,
	    sizeof(**v), v, n);
}

static enum db_rc
day_put(struct db *db, struct pool *pool, const struct cal_entry *e)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DAY_PUT);
	stmt_bind_text(q, 0, cal_day_str(pool, e->day));
	stmt_bind_int(q, 1, cal_year(e->day));
	stmt_bind_text(q, 2, e->kind == CAL_WORK ? "work" : "off");
	stmt_bind_text(q, 3, e->name ? e->name : "");
	return stmt_run(q);
}

/* In the transaction that changed the calendar: every open deadline
 * computed again on it (deadline.h). */
static enum db_rc
deadlines_follow(struct db *db, struct pool *pool)
{
	struct calendar	 c;
	enum db_rc	 rc;
	int		 n;

	if ((rc = calendar_get(db, pool, &c)) != DB_OK ||
	    (rc = deadline_fill(db, pool, &c, 1, &n)) != DB_OK)
		return rc;
	if (n > 0)
		log_info("calendar changed: %d deadlines moved", n);
	return DB_OK;
}

/* The days of year y stored but not among parsed's, dropped one by one:
 * the others are written again over themselves, so that a day loaded
 * again as it was is no change (146 marks each changed day, whose
 * decisions' durations the tick then counts again). */
static enum db_rc
year_prune(struct db *db, struct pool *pool, const struct calendar *parsed,
    int y)
{
	struct stmt	*q;
	enum db_rc	 rc;
	cal_day		 d;
	char		*s, **v = NULL, **e;
	size_t		 n = 0, cap = 0, i, j;

	q = db_stmt(db, SQL_YEAR_DAYS);
	stmt_bind_int(q, 0, y);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "s", &s)) == DB_OK) {
		e = pool_push(pool, &v, &n, &cap, sizeof(*v));
		*e = s;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	for (i = 0; i < n; i++) {
		if (cal_day_parse(v[i], &d) == -1)
			return DB_ERR;
		for (j = 0; j < parsed->ndays && parsed->days[j].day != d; j++)
			;
		if (j < parsed->ndays)
			continue;
		q = db_stmt(db, SQL_DAY_DROP);
		stmt_bind_text(q, 0, v[i]);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

enum db_rc
calendar_store(struct db *db, struct pool *pool,
    const struct calendar *parsed, const char *source, const char *actor)
{
	struct stmt	*q;
	enum db_rc	 rc = DB_OK;
	json_t		*years;
	size_t		 i, j;
	int		 off, work;

	if ((years = json_object()) == NULL || db_begin(db) != DB_OK) {
		json_decref(years);
		return DB_ERR;
	}
	for (i = 0; i < parsed->nyears && rc == DB_OK; i++) {
		q = db_stmt(db, SQL_YEAR_MARK);
		stmt_bind_int(q, 0, parsed->years[i]);
		stmt_bind_text(q, 1, actor);
		stmt_bind_text(q, 2, source);
		if ((rc = stmt_run(q)) != DB_OK)
			break;
		rc = year_prune(db, pool, parsed, parsed->years[i]);
		off = work = 0;
		for (j = 0; j < parsed->ndays && rc == DB_OK; j++) {
			if (cal_year(parsed->days[j].day) != parsed->years[i])
				continue;
			rc = day_put(db, pool, &parsed->days[j]);
			parsed->days[j].kind == CAL_WORK ? work++ : off++;
		}
		json_object_set_new(years, pool_printf(pool, "%d",
		    parsed->years[i]), json_pack("{s:i, s:i}", "off", off,
		    "work", work));
	}
	if (rc == DB_OK)
		rc = deadlines_follow(db, pool);
	if (rc == DB_OK)
		rc = audit_json(db, pool, actor, "calendar.load",
		    pool_printf(pool, "calendar:%d", parsed->years[0]),
		    json_pack("{s:o, s:s}", "years", years, "source",
		    source));
	else
		json_decref(years);
	if (rc != DB_OK) {
		db_rollback(db);
		return DB_ERR;
	}
	return db_commit(db);
}

enum db_rc
calendar_set_day(struct db *db, struct pool *pool, const struct cal_entry *e,
    const char *actor, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 y;

	if ((*why = entry_why(e)) != NULL)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_YEAR_LOADED);
	stmt_bind_int(q, 0, cal_year(e->day));
	if ((rc = stmt_one(q, pool, "i", &y)) == DB_NONE)
		*why = pool_printf(pool, "%d 年的节假日安排尚未导入：请先导入全年"
		    "安排，再修改其中的某一天。", cal_year(e->day));
	else if (rc == DB_OK && e->kind != 0)
		rc = day_put(db, pool, e);
	else if (rc == DB_OK) {
		q = db_stmt(db, SQL_DAY_DROP);
		stmt_bind_text(q, 0, cal_day_str(pool, e->day));
		rc = stmt_run(q);
	}
	if (rc == DB_OK)
		rc = deadlines_follow(db, pool);
	if (rc == DB_OK)
		rc = audit_json(db, pool, actor, "calendar.day",
		    pool_printf(pool, "calendar:%d", cal_year(e->day)),
		    json_pack("{s:s, s:s, s:s}", "day", cal_day_str(pool,
		    e->day), "kind", e->kind == CAL_WORK ? "work" :
		    e->kind == CAL_OFF ? "off" : "ordinary", "name",
		    e->kind != 0 && e->name ? e->name : ""));
	if (rc != DB_OK) {
		db_rollback(db);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	return db_commit(db);
}

int
calendar_missing_year(const struct calendar *c, cal_day today, int ahead)
{
	int	 y, last = cal_year(today + ahead);

	for (y = cal_year(today); y <= last; y++)
		if (!cal_loaded(c, y))
			return y;
	return 0;
}
