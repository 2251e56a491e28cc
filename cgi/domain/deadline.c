/*
 * deadline.c: deadlines, lights and the warnings of missed deadlines
 * (deadline.h).
 */
#include <stdio.h>
#include <string.h>

#include "chain.h"
#include "deadline.h"
#include "log.h"

#define BATCH	500	/* rows read at a time by the tick's rules */

#define BEIJING_DATE(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d')"
/* The day a case's clocks count from. */
#define CLOCK_FROM BEIJING_DATE("COALESCE(k.corrected_at, k.submitted_at)")

/* Open cases: their submission day (of the corrected materials, after
 * 补正) and the item's limits. */
static const char SQL_CASES_DUE[] =
    "SELECT k.id, " CLOCK_FROM ", "
    "i.promised_days + k.extended_days + k.paused_days, "
    "i.statutory_days + k.extended_days + k.paused_days, "
    "COALESCE(DATE_FORMAT(k.intake_due, '%Y-%m-%d'), ''), "
    "COALESCE(DATE_FORMAT(k.promised_due, '%Y-%m-%d'), ''), "
    "COALESCE(DATE_FORMAT(k.statutory_due, '%Y-%m-%d'), '') "
    "FROM kase k JOIN item i ON i.id = k.item_id "
    "WHERE k.decided_at IS NULL AND k.id > ? "
    "AND (? = 1 OR k.intake_due IS NULL OR k.promised_due IS NULL "
    "OR k.statutory_due IS NULL) ORDER BY k.id LIMIT ?";
static const char SQL_CASE_SUBMITTED[] =
    "SELECT " CLOCK_FROM ", "
    "i.promised_days + k.extended_days + k.paused_days, "
    "i.statutory_days + k.extended_days + k.paused_days "
    "FROM kase k JOIN item i ON i.id = k.item_id WHERE k.id = ?";
static const char SQL_CASE_DUE_SET[] =
    "UPDATE kase SET intake_due = ?, promised_due = ?, statutory_due = ? "
    "WHERE id = ?";
/* Steps waiting: since when, and the step's limit (with the working days
 * special procedures stopped it, 098). */
#define TASKS_DUE "SELECT t.case_id, t.step_key, " BEIJING_DATE("t.since") \
	", s.days + t.paused_days, " \
	"COALESCE(DATE_FORMAT(t.due_date, '%Y-%m-%d'), '') " \
	"FROM case_task t JOIN kase k ON k.id = t.case_id " \
	"JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key "
static const char SQL_TASKS_DUE[] =
    TASKS_DUE "WHERE (t.case_id, t.step_key) > (?, ?) "
    "AND (? = 1 OR t.due_date IS NULL) "
    "ORDER BY t.case_id, t.step_key LIMIT ?";
static const char SQL_CASE_TASKS_DUE[] =
    TASKS_DUE "WHERE t.case_id = ? AND t.step_key > ? AND ? = 1 "
    "ORDER BY t.case_id, t.step_key LIMIT ?";
static const char SQL_TASK_DUE_SET[] =
    "UPDATE case_task SET due_date = ? WHERE case_id = ? AND step_key = ?";
/* Steps past their deadline without a warning for it (a case in a
 * special procedure, or with a higher authority, has no running clock). */
static const char SQL_LATE[] =
    "SELECT t.case_id, t.step_key FROM case_task t "
    "JOIN kase k ON k.id = t.case_id "
    "AND k.state NOT IN ('suspended', 'reported') "
    "WHERE t.due_date < ? AND NOT EXISTS (SELECT 1 FROM deadline_warning w "
    "WHERE w.case_id = t.case_id AND w.step_key = t.step_key "
    "AND w.due_date = t.due_date) ORDER BY t.due_date, t.case_id LIMIT ?";
/* One of them, locked; skipped while another tick holds it. */
static const char SQL_LATE_LOCK[] =
    "SELECT k.app_no, s.name, t.dept_code, t.role, "
    "DATE_FORMAT(t.due_date, '%Y-%m-%d') FROM case_task t "
    "JOIN kase k ON k.id = t.case_id "
    "JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key "
    "WHERE t.case_id = ? AND t.step_key = ? AND t.due_date < ? "
    "AND k.state NOT IN ('suspended', 'reported') "
    "AND NOT EXISTS (SELECT 1 FROM deadline_warning w "
    "WHERE w.case_id = t.case_id AND w.step_key = t.step_key "
    "AND w.due_date = t.due_date) FOR UPDATE SKIP LOCKED";
static const char SQL_HOLDERS[] =
    "SELECT COALESCE(GROUP_CONCAT(s.name ORDER BY s.id SEPARATOR '、'), ''), "
    "COALESCE(GROUP_CONCAT(s.id ORDER BY s.id SEPARATOR ','), '') "
    "FROM staff s JOIN department d ON d.id = s.dept_id "
    "WHERE d.code = ? AND (s.roles & ?) <> 0 AND s.active = 1";
static const char SQL_WARNING_ADD[] =
    "INSERT INTO deadline_warning (at, case_id, app_no, step_key, "
    "step_name, dept_code, holders, holder_ids, due_date, days_late, "
    "prev_hash, hash, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_WARNINGS[] =
    "SELECT id, case_id, " "DATE_FORMAT(at + INTERVAL 8 HOUR, "
    "'%Y-%m-%d %H:%i'), app_no, step_name, dept_code, holders, "
    "DATE_FORMAT(due_date, '%Y-%m-%d'), days_late FROM deadline_warning "
    "WHERE (? = 0 OR case_id = ?) ORDER BY id DESC LIMIT ?";

enum light
deadline_light(const struct calendar *c, cal_day today, cal_day due,
    int *days)
{
	int	 late;

	if (today <= due) {
		*days = cal_between(c, today, due, NULL);
		return *days == 0 ? LIGHT_YELLOW : LIGHT_GREEN;
	}
	late = cal_between(c, due, today, NULL);
	*days = late;
	return late >= 1 ? LIGHT_RED : LIGHT_YELLOW;
}

/*
 * Red needs a working day after due up to today: due before the last
 * working day up to today.  Green needs one after today up to due: due on
 * or after the next working day.  A calendar not loaded counts weekends,
 * so a working day is never more than a few days away.
 */
void
deadline_light_bounds(const struct calendar *c, cal_day today,
    cal_day *yellow_from, cal_day *green_from)
{
	cal_day	 d;
	int	 i;

	for (d = today, i = 0; i < 366 && !cal_is_workday(c, d, NULL); i++)
		d--;
	*yellow_from = d;
	*green_from = cal_add(c, today, 1, NULL);
}

int
deadline_light_range(struct pool *pool, const struct calendar *c,
    cal_day today, enum light l, const char **lo, const char **hi)
{
	cal_day	 yf, gf;

	*lo = *hi = NULL;
	deadline_light_bounds(c, today, &yf, &gf);
	switch (l) {
	case LIGHT_RED:
		*lo = "1000-01-01";
		*hi = cal_day_str(pool, yf - 1);
		return 1;
	case LIGHT_YELLOW:
		*lo = cal_day_str(pool, yf);
		*hi = cal_day_str(pool, gf - 1);
		return 1;
	case LIGHT_GREEN:
		*lo = cal_day_str(pool, gf);
		*hi = "9999-12-31";
		return 1;
	default:
		return 0;
	}
}

void
deadline_light_bind(struct stmt *q, unsigned at, struct pool *pool,
    const struct calendar *c, cal_day today)
{
	cal_day	 yf, gf;
	char	*y, *g;

	deadline_light_bounds(c, today, &yf, &gf);
	y = cal_day_str(pool, yf);
	g = cal_day_str(pool, gf);
	stmt_bind_text(q, at, y);
	stmt_bind_text(q, at + 1, y);
	stmt_bind_text(q, at + 2, g);
	stmt_bind_text(q, at + 3, g);
}

const char *
deadline_light_word(enum light l)
{
	switch (l) {
	case LIGHT_GREEN:
		return "green";
	case LIGHT_YELLOW:
		return "yellow";
	case LIGHT_RED:
		return "red";
	default:
		return "";
	}
}

enum light
deadline_light_of(const char *w)
{
	enum light	 l;

	for (l = LIGHT_GREEN; w != NULL && l <= LIGHT_RED; l++)
		if (strcmp(w, deadline_light_word(l)) == 0)
			return l;
	return LIGHT_NONE;
}

char *
deadline_text(struct pool *pool, enum light l, int days)
{
	switch (l) {
	case LIGHT_GREEN:
		return pool_printf(pool, "还剩 %d 个工作日", days);
	case LIGHT_YELLOW:
		return pool_strdup(pool, days == 0 ? "今天到期" :
		    "已到期，下一个工作日起超期");
	case LIGHT_RED:
		return pool_printf(pool, "已超期 %d 个工作日", days);
	default:
		return pool_strdup(pool, "");
	}
}

char *
deadline_after(struct pool *pool, const struct calendar *c, const char *day,
    int n)
{
	cal_day	 d;

	if (cal_day_parse(day, &d) == -1)
		return NULL;
	return cal_day_str(pool, cal_add(c, d, n, NULL));
}

int
deadline_paused(const struct calendar *c, cal_day began, cal_day today)
{
	return today > began ? cal_between(c, began, today, NULL) : 0;
}

/* A row whose deadlines the tick or a calendar change sets. */
struct due_row {
	int64_t		 id;
	char		*key;		/* a step's, or NULL for a case */
	char		*due[3];	/* a case: intake, promised, statutory;
					 * a step: due[0] */
};

/* A case's three deadlines from its submission day sub and its promised
 * and statutory days (with any extension): 0, or -1 when sub is no date. */
static int
case_dues(struct pool *pool, const struct calendar *c, const char *sub,
    int64_t prom, int64_t stat, struct due_row *e)
{
	e->key = NULL;
	e->due[0] = deadline_after(pool, c, sub, INTAKE_DAYS);
	e->due[1] = deadline_after(pool, c, sub, (int)prom);
	e->due[2] = deadline_after(pool, c, sub, (int)stat);
	return e->due[0] == NULL || e->due[1] == NULL || e->due[2] == NULL ?
	    -1 : 0;
}

/* Write the rows of v[0..got) whose deadlines changed. */
static enum db_rc
due_write(struct db *db, const struct due_row *v, size_t got, int *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;

	for (i = 0; i < got; i++) {
		if (v[i].key == NULL) {
			q = db_stmt(db, SQL_CASE_DUE_SET);
			stmt_bind_text(q, 0, v[i].due[0]);
			stmt_bind_text(q, 1, v[i].due[1]);
			stmt_bind_text(q, 2, v[i].due[2]);
			stmt_bind_int(q, 3, v[i].id);
		} else {
			q = db_stmt(db, SQL_TASK_DUE_SET);
			stmt_bind_text(q, 0, v[i].due[0]);
			stmt_bind_int(q, 1, v[i].id);
			stmt_bind_text(q, 2, v[i].key);
		}
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		(*n)++;
	}
	return DB_OK;
}

/* The open cases after id *last (a batch): those whose deadlines change
 * into v, *seen how many were read. */
static enum db_rc
due_cases(struct db *db, struct pool *pool, const struct calendar *c,
    int all, int64_t *last, struct due_row *v, size_t *got, size_t *seen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 prom, stat;
	char		*sub, *old[3];
	struct due_row	*e;
	int		 i, same;

	*got = *seen = 0;
	q = db_stmt(db, SQL_CASES_DUE);
	stmt_bind_int(q, 0, *last);
	stmt_bind_int(q, 1, all);
	stmt_bind_int(q, 2, BATCH);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	for (;;) {
		e = &v[*got];
		if ((rc = stmt_row(q, pool, "isiisss", &e->id, &sub, &prom,
		    &stat, &old[0], &old[1], &old[2])) != DB_OK)
			break;
		(*seen)++;
		*last = e->id;
		if (case_dues(pool, c, sub, prom, stat, e) == -1)
			continue;
		for (same = 1, i = 0; i < 3; i++)
			same &= strcmp(old[i], e->due[i]) == 0;
		if (!same)
			(*got)++;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

/* The same for the waiting steps after (*last, *lastkey) by
 * SQL_TASKS_DUE, or of case *last after step *lastkey by
 * SQL_CASE_TASKS_DUE (all = 1). */
static enum db_rc
due_tasks(struct db *db, struct pool *pool, const struct calendar *c,
    const char *sql, int all, int64_t *last, char **lastkey,
    struct due_row *v, size_t *got, size_t *seen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 days;
	char		*since, *old;
	struct due_row	*e;

	*got = *seen = 0;
	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, *last);
	stmt_bind_text(q, 1, *lastkey);
	stmt_bind_int(q, 2, all);
	stmt_bind_int(q, 3, BATCH);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	for (;;) {
		e = &v[*got];
		if ((rc = stmt_row(q, pool, "issis", &e->id, &e->key, &since,
		    &days, &old)) != DB_OK)
			break;
		(*seen)++;
		*last = e->id;
		*lastkey = e->key;
		if ((e->due[0] = deadline_after(pool, c, since, (int)days)) !=
		    NULL &&
		    strcmp(e->due[0], old) != 0)
			(*got)++;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
deadline_case(struct db *db, struct pool *pool, int64_t id)
{
	struct calendar	 c;
	struct due_row	 e, *v;
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 prom, stat, last = id;
	char		*sub, *key = "";
	size_t		 got, seen;
	int		 n = 0;

	q = db_stmt(db, SQL_CASE_SUBMITTED);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "sii", &sub, &prom, &stat)) != DB_OK ||
	    (rc = calendar_get(db, pool, &c)) != DB_OK)
		return rc;
	e.id = id;
	if (case_dues(pool, &c, sub, prom, stat, &e) == -1 ||
	    (rc = due_write(db, &e, 1, &n)) != DB_OK)
		return DB_ERR;
	v = pool_alloc(pool, BATCH * sizeof(*v));
	do {
		if ((rc = due_tasks(db, pool, &c, SQL_CASE_TASKS_DUE, 1, &last,
		    &key, v, &got, &seen)) != DB_OK ||
		    (rc = due_write(db, v, got, &n)) != DB_OK)
			return rc;
	} while (seen == BATCH);
	return DB_OK;
}

enum db_rc
deadline_fill(struct db *db, struct pool *pool, const struct calendar *c,
    int all, int *n)
{
	struct due_row	*v;
	enum db_rc	 rc;
	int64_t		 last = 0;
	char		*lastkey = "";
	size_t		 got, seen;

	*n = 0;
	v = pool_alloc(pool, BATCH * sizeof(*v));
	do {
		if ((rc = due_cases(db, pool, c, all, &last, v, &got,
		    &seen)) != DB_OK || (rc = due_write(db, v, got, n)) !=
		    DB_OK)
			return rc;
	} while (seen == BATCH);
	last = 0;
	do {
		if ((rc = due_tasks(db, pool, c, SQL_TASKS_DUE, all, &last,
		    &lastkey, v, &got, &seen)) != DB_OK ||
		    (rc = due_write(db, v, got, n)) != DB_OK)
			return rc;
	} while (seen == BATCH);
	return DB_OK;
}

/* Who may act at a step: its department's holders of the role, their
 * names "、"-separated in at most 400 bytes (cut at a name), and their
 * staff ids, ","-separated in the same order, cut with them (145: the
 * red lights go by id). */
static int
holders(struct db *db, struct pool *pool, const char *dept, int64_t role,
    char **names, char **ids)
{
	struct stmt	*q;
	char		*cut, *p;
	size_t		 n;

	q = db_stmt(db, SQL_HOLDERS);
	stmt_bind_text(q, 0, dept);
	stmt_bind_int(q, 1, role);
	if (stmt_one(q, pool, "ss", names, ids) != DB_OK || *names == NULL ||
	    *ids == NULL)
		return -1;
	while (strlen(*names) > 400) {
		for (cut = NULL, p = *names; (p = strstr(p, "、")) != NULL; p++)
			cut = p;
		if (cut == NULL) {
			*names = *ids = pool_strdup(pool, "");
			return 0;
		}
		*cut = '\0';
	}
	/* As many ids as names are left. */
	for (n = 1, p = *names; (p = strstr(p, "、")) != NULL; p++)
		n++;
	for (p = *ids; p != NULL && n > 0; n--)
		if ((p = strchr(p, ',')) != NULL && n > 1)
			p++;
	if (p != NULL)
		*p = '\0';
	return 0;
}

/* The warning of step key of case id, late on day today: 1 written, 0
 * nothing to write (meanwhile acted on, or held by another tick). */
static int
warn_one(struct db *db, struct pool *pool, const struct calendar *c,
    cal_day today, const char *at, int64_t id, const char *key)
{
	struct chain_link link;
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 role;
	cal_day		 due;
	char		*app_no, *name, *dept, *duestr, *who, *ids, late[16];
	char		 cid[24];
	int		 days, demo = 0;
	enum chain_id	 chain = CHAIN_DEADLINE_WARNING;

	if (db_begin(db) != DB_OK)
		return -1;
	q = db_stmt(db, SQL_LATE_LOCK);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, key);
	stmt_bind_text(q, 2, cal_day_str(pool, today));
	rc = stmt_one(q, pool, "sssis", &app_no, &name, &dept, &role,
	    &duestr);
	if (rc == DB_OK && (cal_day_parse(duestr, &due) == -1 ||
	    deadline_light(c, today, due, &days) != LIGHT_RED))
		rc = DB_NONE;	/* late by days off only: not yet red */
	if (rc == DB_OK && holders(db, pool, dept, role, &who, &ids) == -1)
		rc = DB_ERR;
	/* A generated case's warnings chain apart (135, history.h). */
	if (rc == DB_OK)
		rc = chain_for_case(db, pool, CHAIN_DEADLINE_WARNING, id,
		    &chain, &demo);
	if (rc == DB_OK) {
		snprintf(late, sizeof(late), "%d", days);
		snprintf(cid, sizeof(cid), "%lld", (long long)id);
		/* The ids are chained with the names (chain.c). */
		rc = chain_link(db, pool, chain,
		    (const char *[]){ at, cid, app_no, key, name, dept,
		    pool_printf(pool, "%s\x1f%s", who, ids), duestr, late },
		    9, &link);
	}
	if (rc == DB_OK) {
		q = db_stmt(db, SQL_WARNING_ADD);
		stmt_bind_text(q, 0, at);
		stmt_bind_int(q, 1, id);
		stmt_bind_text(q, 2, app_no);
		stmt_bind_text(q, 3, key);
		stmt_bind_text(q, 4, name);
		stmt_bind_text(q, 5, dept);
		stmt_bind_text(q, 6, who);
		stmt_bind_text(q, 7, ids);
		stmt_bind_text(q, 8, duestr);
		stmt_bind_int(q, 9, days);
		stmt_bind_text(q, 10, link.prev);
		stmt_bind_text(q, 11, link.mac);
		stmt_bind_int(q, 12, demo);
		rc = stmt_run(q);
	}
	if (rc != DB_OK) {
		db_rollback(db);
		/* Written meanwhile by another tick: the unique key says. */
		return rc == DB_NONE || rc == DB_DUP ? 0 : -1;
	}
	if (db_commit(db) != DB_OK)
		return -1;
	log_info("deadline warning: case %lld step %s due %s, %d working "
	    "days late", (long long)id, key, duestr, days);
	return 1;
}

enum db_rc
deadline_warn(struct db *db, struct pool *pool, const struct calendar *c,
    cal_day today, time_t now, int *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	struct tm	 tm;
	struct late { int64_t id; char *key; } *v = NULL, *e;
	size_t		 got = 0, cap = 0, i;
	int64_t		 id;
	char		*key, at[32];
	int		 w;

	*n = 0;
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
	q = db_stmt(db, SQL_LATE);
	stmt_bind_text(q, 0, cal_day_str(pool, today));
	stmt_bind_int(q, 1, BATCH);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "is", &id, &key)) == DB_OK) {
		e = pool_push(pool, &v, &got, &cap, sizeof(*v));
		e->id = id;
		e->key = key;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	for (i = 0; i < got; i++) {
		if ((w = warn_one(db, pool, c, today, at, v[i].id,
		    v[i].key)) < 0)
			return DB_ERR;
		*n += w;
	}
	return DB_OK;
}

static enum db_rc
warning_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct deadline_warning *w = arg;

	return stmt_row(q, pool, "iissssssd", &w->id, &w->case_id, &w->at,
	    &w->app_no, &w->step_name, &w->dept_code, &w->holders,
	    &w->due_date, &w->days_late);
}

enum db_rc
deadline_warnings(struct db *db, struct pool *pool, int64_t case_id,
    size_t limit, struct deadline_warning **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_WARNINGS);
	stmt_bind_int(q, 0, case_id);
	stmt_bind_int(q, 1, case_id);
	stmt_bind_int(q, 2, (int64_t)limit);
	return stmt_list(q, pool, warning_row, sizeof(**v), v, n);
}
