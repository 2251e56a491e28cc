/*
 * rating.c: ratings and their follow-up on both sites (rating.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "deadline.h"
#include "exchange.h"
#include "flow.h"
#include "rating.h"

/* ---- shared -------------------------------------------------------- */

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-%d')";

/* The columns every reader of a rating reads, in struct order; the
 * applicant is the intranet's case's ("" out there). */
#define RT_COLS \
    "r.id, COALESCE(r.case_id, 0), r.round, r.level, r.seq, r.app_no, " \
    "r.item_code, r.item_name, r.dept_code, r.dept_name, r.reasons, " \
    "r.comment, DATE_FORMAT(r.rated_at + INTERVAL 8 HOUR, " \
    "'%Y-%m-%d %H:%i'), r.state, DATE_FORMAT(r.visit_due, '%Y-%m-%d'), " \
    "DATE_FORMAT(r.visited_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "r.visitor, r.visit_note, DATE_FORMAT(r.fix_due, '%Y-%m-%d'), " \
    "DATE_FORMAT(r.fixed_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "r.fixer, r.fix_note, r.result, " \
    "DATE_FORMAT(r.updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "COALESCE(k.applicant_name, ''), DATE_FORMAT(r.rt_due, '%Y-%m-%d'), " \
    "r.rater "
#define RT_FROM(ix) "FROM rating r " ix \
    "LEFT JOIN kase k ON k.id = r.case_id "

static const char *const levels[] = { NULL, "非常不满意", "不满意",
    "基本满意", "满意", "非常满意" };

const char *const rt_reasons[] = { "attitude", "slow", "visits", "guide",
    "online", "other", NULL };
static const char *const reason_labels[] = { "服务态度不好",
    "办理时间长、超过承诺时限", "多次跑动、重复提交材料",
    "办事指南不清楚、没有一次性告知", "网上办理不方便",
    "其他（请在意见中说明）", NULL };

const char *
rt_level_label(int level)
{
	return level >= 1 && level <= 5 ? levels[level] : NULL;
}

const char *
rt_reason_label(const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && rt_reasons[i] != NULL; i++)
		if (strcmp(rt_reasons[i], code) == 0)
			return reason_labels[i];
	return NULL;
}

char *
rt_reasons_text(struct pool *pool, const char *codes)
{
	char		*s = "", *copy, *tok, *save = NULL;
	const char	*l;

	copy = pool_strdup(pool, codes != NULL ? codes : "");
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if ((l = rt_reason_label(tok)) != NULL)
			s = pool_printf(pool, "%s%s%s", s, *s ? "、" : "", l);
	return s;
}

static const struct {
	const char	*state, *citizen, *staff;
} states[] = {
	{ "visit", "已转审批部门，等待回访", "待回访" },
	{ "fix", "已回访，正在整改", "待整改" },
	{ "done", "已整改", "已整改" },
};

const char *
rt_state_label(const char *state)
{
	size_t	 i;

	for (i = 0; state != NULL && i < 3; i++)
		if (strcmp(states[i].state, state) == 0)
			return states[i].citizen;
	return NULL;
}

const char *
rt_state_staff(const char *state)
{
	size_t	 i;

	for (i = 0; state != NULL && i < 3; i++)
		if (strcmp(states[i].state, state) == 0)
			return states[i].staff;
	return NULL;
}

int
rt_rateable(const char *state)
{
	return state != NULL && (strcmp(state, "approved") == 0 ||
	    strcmp(state, "denied") == 0 ||
	    strcmp(state, "not_accepted") == 0);
}

static enum db_rc
rt_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct rating	*t = elem;

	return stmt_row(q, pool, "iiiiissssssssssssssssssssss", &t->id,
	    &t->case_id, &t->round, &t->level, &t->seq, &t->app_no,
	    &t->item_code, &t->item_name, &t->dept_code, &t->dept_name,
	    &t->reasons, &t->comment, &t->rated_at, &t->state,
	    &t->visit_due, &t->visited_at, &t->visitor, &t->visit_note,
	    &t->fix_due, &t->fixed_at, &t->fixer, &t->fix_note, &t->result,
	    &t->updated_at, &t->applicant, &t->due, &t->rater);
}

const char *
rt_rater_label(const char *rater)
{
	if (rater == NULL)
		return NULL;
	if (strcmp(rater, RT_RATER_APPLICANT) == 0)
		return "申请人本人";
	if (strcmp(rater, RT_RATER_AGENT) == 0)
		return "代办员（受申请人委托）";
	return NULL;
}

/* ---- extranet ------------------------------------------------------ */

static const char SQL_OF_APP[] =
    "SELECT " RT_COLS RT_FROM("") "WHERE r.app_no = ? ORDER BY r.round";
static const char SQL_APP_LOCK[] =
    "SELECT state, item_code, item_name FROM application "
    "WHERE app_no = ? FOR UPDATE";
static const char SQL_RATE[] =
    "INSERT INTO rating (app_no, round, citizen_id, item_code, item_name, "
    "level, reasons, comment, rated_at, state, updated_at, rater) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', ?, ?)";
static const char SQL_STATE_TAKE[] =
    "UPDATE rating SET state = ?, seq = ?, result = ?, "
    "visit_due = IF(? = '', visit_due, ?), "
    "fix_due = IF(? = '', fix_due, ?), updated_at = ? "
    "WHERE app_no = ? AND round = ? AND seq < ? AND level <= ?";
static const char SQL_HAS_ROUND[] =
    "SELECT id FROM rating WHERE app_no = ? AND round = ?";

enum db_rc
rt_of_app(struct db *db, struct pool *pool, const char *app_no,
    struct rating **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OF_APP);
	stmt_bind_text(q, 0, app_no);
	return stmt_list(q, pool, rt_row, sizeof(**v), v, n);
}

static enum db_rc
refuse(struct db *db, const char **why, const char *text)
{
	db_rollback(db);
	*why = text;
	return DB_NONE;
}

enum db_rc
rt_rate(struct db *db, struct pool *pool, const struct user *u,
    const char *app_no, const char *rater, int level, const char *reasons,
    const char *comment, const char **why)
{
	struct rating	*v;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec, *jr;
	char		*state, *code, *name, *now, *day, *copy, *tok;
	char		*save = NULL;
	size_t		 n;
	int		 round;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_APP_LOCK);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "sss", &state, &code, &name)) != DB_OK) {
		db_rollback(db);
		return rc == DB_NONE ? (*why = "没有找到这个申请。", DB_NONE) :
		    rc;
	}
	if (!rt_rateable(state))
		return refuse(db, why, "办件办结（作出决定）之后才能评价，"
		    "请在办结后再来。");
	if ((rc = rt_of_app(db, pool, app_no, &v, &n)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	if (n == 0)
		round = 1;
	else if (n == 1 && v[0].level <= RT_POOR &&
	    strcmp(v[0].state, "done") == 0)
		round = 2;
	else
		return refuse(db, why, n == 1 && v[0].level <= RT_POOR ?
		    "这件办件您已经评价过了。审批部门回访整改之后，您可以"
		    "再评价一次，结果会在本页告诉您。" :
		    "这件办件您已经评价过了，每件办件只能评价一次"
		    "（差评整改后可以再评价一次）。");
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "ss", &now, &day)) !=
	    DB_OK) {
		db_rollback(db);
		return rc;
	}
	q = db_stmt(db, SQL_RATE);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, round);
	stmt_bind_int(q, 2, u->id);
	stmt_bind_text(q, 3, code);
	stmt_bind_text(q, 4, name);
	stmt_bind_int(q, 5, level);
	stmt_bind_text(q, 6, reasons);
	stmt_bind_text(q, 7, comment);
	stmt_bind_text(q, 8, now);
	stmt_bind_text(q, 9, now);
	stmt_bind_text(q, 10, rater);
	if ((rc = stmt_run(q)) == DB_DUP)
		return refuse(db, why, "这件办件您已经评价过了。");
	if (rc != DB_OK)
		goto fail;
	jr = json_array();
	copy = pool_strdup(pool, reasons);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_array_append_new(jr, json_string(tok));
	rec = json_pack("{s:s, s:s, s:i, s:i, s:o, s:s, s:s, s:s}", "type",
	    "rating", "app_no", app_no, "round", round, "level", level,
	    "reasons", jr, "comment", comment, "rated_at", now, "rater",
	    rater);
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, u->login, "rating.rate",
	    app_no, pool_printf(pool, "第 %d 次评价：%s（%s）", round,
	    rt_level_label(level), rt_rater_label(rater)))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
rt_import_state(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	const char	*app_no, *state, *result, *vdue, *fdue;
	json_int_t	 round, seq;
	int64_t		 id;
	char		*now, *day;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:I, s:I, s:s, s:s, s:s, s:s}", "app_no",
	    &app_no, "round", &round, "seq", &seq, "state", &state, "result",
	    &result, "visit_due", &vdue, "fix_due", &fdue) != 0) {
		snprintf(err, errlen, "评价整改记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_HAS_ROUND);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, round);
	if ((rc = stmt_one(q, pool, "i", &id)) != DB_OK) {
		if (rc == DB_NONE)
			snprintf(err, errlen, "本站没有申请 %s 的第 %lld 次评价",
			    app_no, (long long)round);
		return rc;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "ss", &now, &day)) !=
	    DB_OK)
		return rc;
	/* Only a newer state of a poor rating: an older or the same record
	 * changes nothing. */
	q = db_stmt(db, SQL_STATE_TAKE);
	stmt_bind_text(q, 0, state);
	stmt_bind_int(q, 1, seq);
	stmt_bind_text(q, 2, result);
	stmt_bind_text(q, 3, vdue);
	stmt_bind_text(q, 4, vdue);
	stmt_bind_text(q, 5, fdue);
	stmt_bind_text(q, 6, fdue);
	stmt_bind_text(q, 7, now);
	stmt_bind_text(q, 8, app_no);
	stmt_bind_int(q, 9, round);
	stmt_bind_int(q, 10, seq);
	stmt_bind_int(q, 11, RT_POOR);
	return stmt_run(q);
}

/* ---- intranet ------------------------------------------------------ */

static const char SQL_CASE[] =
    "SELECT k.id, k.state, i.dept_code, i.dept_name FROM kase k "
    "JOIN item i ON i.id = k.item_id WHERE k.app_no = ?";
static const char SQL_DAY_OF[] =
    "SELECT DATE_FORMAT(? + INTERVAL 8 HOUR, '%Y-%m-%d')";
static const char SQL_IMPORT[] =
    "INSERT INTO rating (app_no, round, case_id, item_code, item_name, "
    "dept_code, dept_name, level, reasons, comment, rated_at, state, seq, "
    "visit_due, fix_due, updated_at, rater) SELECT ?, ?, k.id, "
    "k.item_code, k.item_name, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "UTC_TIMESTAMP(), ? "
    "FROM kase k WHERE k.id = ?";
static const char SQL_GET[] =
    "SELECT " RT_COLS RT_FROM("") "WHERE r.id = ?";
static const char SQL_LOCK[] =
    "SELECT " RT_COLS RT_FROM("") "WHERE r.id = ? FOR UPDATE";
static const char SQL_VISIT[] =
    "UPDATE rating SET state = 'fix', visited_at = UTC_TIMESTAMP(), "
    "visitor = ?, visit_note = ?, seq = seq + 1, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_FIX[] =
    "UPDATE rating SET state = 'done', fixed_at = UTC_TIMESTAMP(), "
    "fixer = ?, fix_note = ?, result = ?, seq = seq + 1, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
/*
 * The lists (rt_page), newest first, a page at a time from the id before
 * which they start: a department's (rating_dept), or the poor ones of a
 * light (a range of the running deadline, rating_due_id), or the poor
 * ones of every department in a state.
 */
#define RT_PAGE_WHERE \
    "WHERE (? IS NULL OR r.dept_code = ?) AND (? = 0 OR r.level <= ?) " \
    "AND (? IS NULL OR r.state = ? OR (? = 'open' AND r.rt_open = 1)) " \
    "AND r.id < ? "
static const char SQL_PAGE[] =
    "SELECT " RT_COLS RT_FROM("") RT_PAGE_WHERE
    "ORDER BY r.id DESC LIMIT ?";
static const char SQL_PAGE_LIGHT[] =
    "SELECT " RT_COLS RT_FROM("FORCE INDEX (rating_due_id) ")
    "WHERE r.rt_due BETWEEN ? AND ? AND "
    "(? IS NULL OR r.dept_code = ?) AND r.id < ? "
    "ORDER BY r.id DESC LIMIT ?";
/* Per department: the cases rated and the 满意 or better among them, each
 * by its last rating (as the guide counts), the poor ratings, the open
 * follow-ups and their lights; parameters: the good level, the poor
 * level, the first yellow day, the first green day (twice each). */
static const char SQL_DEPT_COUNTS[] =
    "SELECT dept_code, MIN(dept_name), CAST(SUM(lst) AS SIGNED), "
    "CAST(SUM(lst AND level >= ?) AS SIGNED), "
    "CAST(SUM(level <= ?) AS SIGNED), "
    "CAST(COALESCE(SUM(rt_open), 0) AS SIGNED), "
    "CAST(SUM(rt_open = 1 AND rt_due < ?) AS SIGNED), "
    "CAST(SUM(rt_open = 1 AND rt_due >= ? AND rt_due < ?) AS SIGNED), "
    "CAST(SUM(rt_open = 1 AND rt_due >= ?) AS SIGNED) "
    "FROM (SELECT r.dept_code, r.dept_name, r.level, r.rt_open, r.rt_due, "
    "NOT EXISTS (SELECT 1 FROM rating l WHERE l.app_no = r.app_no AND "
    "l.round > r.round) AS lst FROM rating r) x "
    "GROUP BY dept_code ORDER BY MIN(dept_name), dept_code";

enum db_rc
rt_import(struct db *db, struct pool *pool, json_t *rec, int *aside,
    char *err, size_t errlen)
{
	struct stmt	*q;
	struct calendar	 cal;
	enum db_rc	 rc;
	const char	*app_no, *comment, *at, *rater;
	json_int_t	 round, level;
	json_t		*jr;
	char		*state, *dcode, *dname, *day;
	char		*vdue = NULL, *fdue = NULL;
	char		*reasons = "";
	int64_t		 case_id, id;
	size_t		 i;
	int		 poor;

	*aside = 0;
	if (json_unpack(rec, "{s:s, s:I, s:I, s:o, s:s, s:s, s:s}", "app_no",
	    &app_no, "round", &round, "level", &level, "reasons", &jr,
	    "comment", &comment, "rated_at", &at, "rater", &rater) != 0 ||
	    !json_is_array(jr)) {
		snprintf(err, errlen, "评价记录缺少字段");
		return DB_NONE;
	}
	for (i = 0; i < json_array_size(jr); i++)
		reasons = pool_printf(pool, "%s%s%s", reasons, i ? "," : "",
		    json_string_value(json_array_get(jr, i)));
	/* Once: a round already here stays as it is. */
	q = db_stmt(db, SQL_HAS_ROUND);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, round);
	if ((rc = stmt_one(q, pool, "i", &id)) != DB_NONE) {
		*aside = rc == DB_OK;
		return rc;
	}
	q = db_stmt(db, SQL_CASE);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "isss", &case_id, &state, &dcode,
	    &dname)) != DB_OK) {
		snprintf(err, errlen, "评价所涉申请 %s 在内网没有办件",
		    app_no);
		return rc;
	}
	if (!rt_rateable(state)) {
		snprintf(err, errlen, "申请 %s 的办件尚未办结，不能评价",
		    app_no);
		return DB_NONE;
	}
	/* A second round only after the first one's 整改. */
	if (round == 2) {
		struct rating	*v;
		size_t		 n;

		if ((rc = rt_of_app(db, pool, app_no, &v, &n)) != DB_OK)
			return rc;
		if (n != 1 || v[0].level > RT_POOR ||
		    strcmp(v[0].state, "done") != 0) {
			snprintf(err, errlen, "申请 %s 的差评尚未整改，不能再次"
			    "评价", app_no);
			return DB_NONE;
		}
	}
	/* A poor first rating opens the follow-up, its clocks from the day
	 * it was given; a second one ends the matter. */
	poor = level <= RT_POOR && round == 1;
	if (poor) {
		q = db_stmt(db, SQL_DAY_OF);
		stmt_bind_text(q, 0, at);
		if ((rc = stmt_one(q, pool, "s", &day)) != DB_OK ||
		    calendar_get(db, pool, &cal) != DB_OK ||
		    (vdue = deadline_after(pool, &cal, day,
		    RT_VISIT_DAYS)) == NULL ||
		    (fdue = deadline_after(pool, &cal, day,
		    RT_FIX_DAYS)) == NULL) {
			snprintf(err, errlen, "无法计算申请 %s 差评的回访期限",
			    app_no);
			return DB_ERR;
		}
	}
	q = db_stmt(db, SQL_IMPORT);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, round);
	stmt_bind_text(q, 2, dcode);
	stmt_bind_text(q, 3, dname);
	stmt_bind_int(q, 4, level);
	stmt_bind_text(q, 5, reasons);
	stmt_bind_text(q, 6, comment);
	stmt_bind_text(q, 7, at);
	stmt_bind_text(q, 8, poor ? "visit" : "none");
	stmt_bind_int(q, 9, poor);
	if (poor) {
		stmt_bind_text(q, 10, vdue);
		stmt_bind_text(q, 11, fdue);
	} else {
		stmt_bind_null(q, 10);
		stmt_bind_null(q, 11);
	}
	stmt_bind_text(q, 12, rater);
	stmt_bind_int(q, 13, case_id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if ((rc = audit_add(db, pool, "extranet", "rating.import", app_no,
	    pool_printf(pool, "第 %lld 次评价：%s（%s）", (long long)round,
	    rt_level_label((int)level), rt_rater_label(rater)))) != DB_OK)
		return rc;
	if (!poor)
		return DB_OK;
	/* The rater learns that it went to the department, and by when. */
	rec = json_pack("{s:s, s:s, s:I, s:i, s:s, s:s, s:s, s:s, s:s}",
	    "type", "rating.state", "app_no", app_no, "round", round, "seq",
	    1, "state", "visit", "state_label", rt_state_label("visit"),
	    "result", "", "visit_due", vdue, "fix_due", fdue);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	return rc;
}

enum db_rc
rt_page(struct db *db, struct pool *pool, const struct rt_query *rq,
    const struct calendar *cal, cal_day today, struct rt_page *pg)
{
	struct stmt	*q;
	const char	*lo, *hi;
	unsigned	 at = 0;

	memset(pg, 0, sizeof(*pg));
	(void)deadline_light_range(pool, cal, today, rq->light, &lo, &hi);
	if (lo != NULL) {
		q = db_stmt(db, SQL_PAGE_LIGHT);
		stmt_bind_text(q, at++, lo);
		stmt_bind_text(q, at++, hi);
		stmt_bind_pair(q, at, rq->dept);
		at += 2;
	} else {
		q = db_stmt(db, SQL_PAGE);
		stmt_bind_pair(q, at, rq->dept);
		at += 2;
		stmt_bind_int(q, at++, rq->poor);
		stmt_bind_int(q, at++, RT_POOR);
		stmt_bind_pair(q, at, rq->state);
		at += 2;
		if (rq->state != NULL)
			stmt_bind_text(q, at++, rq->state);
		else
			stmt_bind_null(q, at++);
	}
	return stmt_page(q, pool, at, rq->before, RT_PAGE, rt_row,
	    sizeof(*pg->v), offsetof(struct rating, id), &pg->v, &pg->n,
	    &pg->next);
}

static enum db_rc
count_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct rt_dept_count	*c = elem;

	return stmt_row(q, pool, "ssiiiiiii", &c->code, &c->name, &c->n,
	    &c->good, &c->poor, &c->open, &c->red, &c->yellow, &c->green);
}

enum db_rc
rt_dept_counts(struct db *db, struct pool *pool, const struct calendar *cal,
    cal_day today, struct rt_dept_count **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DEPT_COUNTS);
	stmt_bind_int(q, 0, RT_GOOD);
	stmt_bind_int(q, 1, RT_POOR);
	deadline_light_bind(q, 2, pool, cal, today);
	return stmt_list(q, pool, count_row, sizeof(**v), v, n);
}

enum db_rc
rt_get(struct db *db, struct pool *pool, int64_t id, struct rating *t)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	return stmt_first(q, pool, rt_row, t);
}

/* The record that tells the extranet where rating t stands now. */
static enum db_rc
state_out(struct db *db, struct pool *pool, int64_t id)
{
	struct rating	 t;
	enum db_rc	 rc;
	json_t		*rec;

	if ((rc = rt_get(db, pool, id, &t)) != DB_OK)
		return rc;
	rec = json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s}",
	    "type", "rating.state", "app_no", t.app_no, "round",
	    (json_int_t)t.round, "seq", (json_int_t)t.seq, "state", t.state,
	    "state_label", rt_state_label(t.state), "result", t.result,
	    "visit_due", t.visit_due ? t.visit_due : "", "fix_due",
	    t.fix_due ? t.fix_due : "");
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	return rc;
}

/* Begin an action of u's on rating id, locked into *t: DB_OK, or the
 * transaction rolled back (DB_NONE: none, or *why). */
static enum db_rc
action_begin(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, struct rating *t, const char *state, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_first(q, pool, rt_row, t)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	if (u->dept_code == NULL || strcmp(u->dept_code, t->dept_code) != 0)
		return refuse(db, why, "这条评价不属于您的部门。");
	if (strcmp(t->state, state) != 0)
		return refuse(db, why, strcmp(t->state, "none") == 0 ?
		    "这条评价不是差评，不需要回访整改。" :
		    strcmp(t->state, "visit") == 0 ? "请先回访评价人，记录回访"
		    "情况，再登记整改。" : strcmp(t->state, "fix") == 0 ?
		    "这条差评已经回访过了。" : "这条差评已经整改完毕。");
	return DB_OK;
}

/* Commit an action: the record for the extranet, the audit row. */
static enum db_rc
action_end(struct db *db, struct pool *pool, const struct user *u,
    const struct rating *t, const char *action, const char *note)
{
	enum db_rc	 rc;

	if ((rc = state_out(db, pool, t->id)) != DB_OK ||
	    (rc = audit_add(db, pool, u->login, action, t->app_no,
	    note)) != DB_OK) {
		db_rollback(db);
		return rc == DB_OK ? DB_ERR : rc;
	}
	return db_commit(db);
}

/* A stage of the follow-up, from state, by u: the 回访 with note, or
 * the 整改 with note and result. */
static enum db_rc
follow_up(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *state, const char *note, const char *result,
    const char **why)
{
	struct rating	 t;
	struct stmt	*q;
	enum db_rc	 rc;
	unsigned	 at = 0;

	if ((rc = action_begin(db, pool, u, id, &t, state, why)) != DB_OK)
		return rc;
	q = db_stmt(db, result == NULL ? SQL_VISIT : SQL_FIX);
	stmt_bind_text(q, at++, u->name);
	stmt_bind_text(q, at++, note);
	if (result != NULL)
		stmt_bind_text(q, at++, result);
	stmt_bind_int(q, at, id);
	if ((rc = stmt_run(q)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return action_end(db, pool, u, &t, result == NULL ? "rating.visit" :
	    "rating.fix", note);
}

enum db_rc
rt_visit(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *note, const char **why)
{
	return follow_up(db, pool, u, id, "visit", note, NULL, why);
}

enum db_rc
rt_fix(struct db *db, struct pool *pool, const struct user *u, int64_t id,
    const char *note, const char *result, const char **why)
{
	return follow_up(db, pool, u, id, "fix", note, result, why);
}
