/*
 * delegation.c: owns delegation (103): 授权 / AB岗 (delegation.h).
 */
#include <stdio.h>
#include <string.h>

#include "delegation.h"
#include "exchange.h"
#include "log.h"
#include "org.h"
#include "utf8.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

/* Every delegation query names delegation d, delegator a, deputy b; roles
 * is the roles column it reads. */
#define DELEG_COLS(roles) "d.id, d.staff_id, d.deputy_id, a.login, a.name, " \
	"b.login, b.name, d.dept_code, " roles ", " \
	"DATE_FORMAT(d.from_day, '%Y-%m-%d'), " \
	"DATE_FORMAT(d.to_day, '%Y-%m-%d'), d.reason, d.state, " \
	LOCAL("d.created_at") ", " LOCAL("d.ended_at") " " \
	"FROM delegation d JOIN staff a ON a.id = d.staff_id " \
	"JOIN staff b ON b.id = d.deputy_id "

/* In force: both in service in the department, a role still to lend. */
static const char SQL_IN_FORCE[] =
    "SELECT " DELEG_COLS("d.roles & a.roles & ?")
    "JOIN department da ON da.id = a.dept_id "
    "JOIN department dd ON dd.id = b.dept_id "
    "WHERE d.deputy_id = ? AND d.state = 'active' AND d.from_day <= ? "
    "AND d.to_day >= ? AND a.active = 1 AND b.active = 1 "
    "AND da.code = d.dept_code AND dd.code = d.dept_code "
    "AND (d.roles & a.roles & ?) <> 0 ORDER BY d.from_day, d.id LIMIT 20";
/* Those still to come or running first, then the newest. */
static const char SQL_MINE[] =
    "SELECT " DELEG_COLS("d.roles") "WHERE d.staff_id = ? "
    "ORDER BY (d.state = 'active' AND d.to_day >= ?) DESC, d.id DESC "
    "LIMIT 30";
static const char SQL_GIVEN[] =
    "SELECT " DELEG_COLS("d.roles") "WHERE d.deputy_id = ? "
    "ORDER BY (d.state = 'active' AND d.to_day >= ?) DESC, d.id DESC "
    "LIMIT 30";
static const char SQL_ONE_LOCK[] =
    "SELECT " DELEG_COLS("d.roles") "WHERE d.id = ? FOR UPDATE";
/* Who could be user's deputy: in service, in the department, a business
 * role, and lacking one of user's. */
static const char SQL_CANDIDATES[] =
    "SELECT s.login, s.name, s.roles FROM staff s "
    "JOIN department d ON d.id = s.dept_id WHERE d.code = ? "
    "AND s.active = 1 AND s.id <> ? AND (s.roles & ?) <> 0 "
    "AND (? & ~s.roles) <> 0 ORDER BY s.name, s.id LIMIT 200";
/* Both people locked in one order, so two delegations cannot deadlock. */
static const char SQL_PEOPLE_LOCK[] =
    "SELECT id FROM staff WHERE id IN (?, ?) ORDER BY id FOR UPDATE";
static const char SQL_DEPUTY[] =
    "SELECT s.id, s.name, s.roles, s.active, d.code "
    "FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.login = ?";
static const char SQL_SELF[] =
    "SELECT s.roles, d.code FROM staff s "
    "JOIN department d ON d.id = s.dept_id WHERE s.id = ? AND s.active = 1";
/* A delegation of staff_id, not over before today, meeting a period. */
static const char SQL_OVERLAP[] =
    "SELECT DATE_FORMAT(d.from_day, '%Y-%m-%d'), "
    "DATE_FORMAT(d.to_day, '%Y-%m-%d'), b.name FROM delegation d "
    "JOIN staff b ON b.id = d.deputy_id WHERE d.staff_id = ? "
    "AND d.state = 'active' AND d.to_day >= ? AND d.from_day <= ? "
    "AND d.to_day >= ? ORDER BY d.from_day LIMIT 1";
static const char SQL_ADD[] =
    "INSERT INTO delegation (staff_id, deputy_id, dept_code, roles, "
    "from_day, to_day, reason, state, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', UTC_TIMESTAMP())";
static const char SQL_CLOSE[] =
    "UPDATE delegation SET state = ?, ended_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND state = 'active'";
/* Past their last day; skipped while another tick holds them. */
static const char SQL_DUE[] =
    "SELECT " DELEG_COLS("d.roles") "WHERE d.state = 'active' "
    "AND d.to_day < ? ORDER BY d.id LIMIT 500 FOR UPDATE SKIP LOCKED";

static enum db_rc
deleg_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct delegation	*d = arg;
	int64_t			 roles;
	enum db_rc		 rc;

	memset(d, 0, sizeof(*d));
	rc = stmt_row(q, pool, "iiisssssissssss", &d->id, &d->staff_id,
	    &d->deputy_id, &d->staff_login, &d->staff_name, &d->deputy_login,
	    &d->deputy_name, &d->dept_code, &roles, &d->from_day, &d->to_day,
	    &d->reason, &d->state, &d->created_at, &d->ended_at);
	d->roles = (unsigned)roles;
	return rc;
}

enum db_rc
delegation_in_force(struct db *db, struct pool *pool, int64_t deputy_id,
    cal_day today, struct delegation **v, size_t *n)
{
	struct stmt	*q;
	char		*day = cal_day_str(pool, today);

	q = db_stmt(db, SQL_IN_FORCE);
	stmt_bind_int(q, 0, ROLES_STAFF);
	stmt_bind_int(q, 1, deputy_id);
	stmt_bind_text(q, 2, day);
	stmt_bind_text(q, 3, day);
	stmt_bind_int(q, 4, ROLES_STAFF);
	return stmt_list(q, pool, deleg_row, sizeof(**v), v, n);
}

enum db_rc
delegation_list(struct db *db, struct pool *pool, const struct user *u,
    int mine, cal_day today, struct delegation **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, mine ? SQL_MINE : SQL_GIVEN);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, cal_day_str(pool, today));
	return stmt_list(q, pool, deleg_row, sizeof(**v), v, n);
}

static enum db_rc
person_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct deleg_person	*p = arg;
	int64_t			 roles;
	enum db_rc		 rc;

	rc = stmt_row(q, pool, "ssi", &p->login, &p->name, &roles);
	p->roles = (unsigned)roles;
	return rc;
}

enum db_rc
delegation_candidates(struct db *db, struct pool *pool, const struct user *u,
    struct deleg_person **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_CANDIDATES);
	stmt_bind_text(q, 0, u->dept_code ? u->dept_code : "");
	stmt_bind_int(q, 1, u->id);
	stmt_bind_int(q, 2, ROLES_STAFF);
	stmt_bind_int(q, 3, u->roles & ROLES_STAFF);
	return stmt_list(q, pool, person_row, sizeof(**v), v, n);
}

/* The checks that need no database: 0, or -1 with *why and *field. */
static int
period_check(struct pool *pool, const char *from, const char *to,
    const char *reason, cal_day today, cal_day *f, cal_day *t,
    const char **why, const char **field)
{
	*field = "from";
	if (from == NULL || cal_day_parse(from, f) == -1) {
		*why = "开始日期格式不正确，请按 年-月-日 填写，如 2026-10-08。";
		return -1;
	}
	if (*f < today) {
		*why = pool_printf(pool, "开始日期不能早于今天（%s）：委托只能"
		    "从今天或以后开始。", cal_day_str(pool, today));
		return -1;
	}
	if (*f - today > DELEG_AHEAD_MAX) {
		*why = pool_printf(pool, "开始日期最多只能定在 %d 天以后（%s "
		    "及以前）。", DELEG_AHEAD_MAX, cal_day_str(pool,
		    today + DELEG_AHEAD_MAX));
		return -1;
	}
	*field = "to";
	if (to == NULL || cal_day_parse(to, t) == -1) {
		*why = "结束日期格式不正确，请按 年-月-日 填写，如 2026-10-15。";
		return -1;
	}
	if (*t < *f) {
		*why = "结束日期不能早于开始日期。";
		return -1;
	}
	if (*t - *f + 1 > DELEG_DAYS_MAX) {
		*why = pool_printf(pool, "一次委托最长 %d 天（含开始和结束两天），"
		    "现在是 %d 天；更长的外出请到期后再委托。", DELEG_DAYS_MAX,
		    (int)(*t - *f + 1));
		return -1;
	}
	*field = "reason";
	if (reason == NULL || *reason == '\0') {
		*why = "请写明委托事由，如「出差」「休假」。";
		return -1;
	}
	if (utf8_chars(reason) > DELEG_REASON_MAX) {
		*why = pool_printf(pool, "委托事由请控制在 %d 字以内。",
		    DELEG_REASON_MAX);
		return -1;
	}
	return 0;
}

/* Why deputy b (name, roles, department) cannot hold roles lent of a
 * delegator of department dept, or NULL. */
static const char *
deputy_refusal(struct pool *pool, const char *bname, unsigned broles,
    const char *bdept, const char *dept, unsigned lent)
{
	if (lent == 0)
		return "您没有可以委托的业务角色。";
	if (strcmp(bdept, dept) != 0)
		return pool_printf(pool, "只能委托本部门的工作人员：%s 不在本部门。",
		    bname);
	if ((broles & ROLES_STAFF) == 0)
		return pool_printf(pool, "%s 不是业务人员（三员分立：管理员不办理"
		    "业务），不能做代理人。", bname);
	if ((lent & ~broles) == 0)
		return pool_printf(pool, "%s 本身已具有您的全部业务角色（%s），"
		    "不需委托就能办理这些待办件。委托用于把您的角色暂时交给本部门"
		    "没有这一角色的同事，例如科室负责人外出时交给副科长或承办人。",
		    bname, org_roles_label(pool, lent));
	return NULL;
}

/*
 * Why the period f..t meets another: a delegation still to come or in
 * force that the delegator a gave, or that the deputy b (bname) gave,
 * who is away then.  *why NULL when none; DB_ERR on failure.
 */
static enum db_rc
overlap_refusal(struct db *db, struct pool *pool, int64_t a, int64_t b,
    const char *bname, cal_day today, cal_day f, cal_day t, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*from, *to, *deputy;
	int		 i;

	*why = NULL;
	for (i = 0; i < 2 && *why == NULL; i++) {
		q = db_stmt(db, SQL_OVERLAP);
		stmt_bind_int(q, 0, i == 0 ? a : b);
		stmt_bind_text(q, 1, cal_day_str(pool, today));
		stmt_bind_text(q, 2, cal_day_str(pool, t));
		stmt_bind_text(q, 3, cal_day_str(pool, f));
		if ((rc = stmt_one(q, pool, "sss", &from, &to, &deputy)) ==
		    DB_NONE)
			continue;
		if (rc != DB_OK)
			return rc;
		*why = i == 0 ? pool_printf(pool, "您在 %s 至 %s 已委托给 %s，两次"
		    "委托的期间不能重叠；请先结束那一项委托，或另选日期。", from,
		    to, deputy) : pool_printf(pool, "%s 在 %s 至 %s 自己也不在岗"
		    "（已委托给 %s），这段时间不能做您的代理人。", bname, from,
		    to, deputy);
	}
	return DB_OK;
}

enum db_rc
delegation_add(struct db *db, struct pool *pool, const struct user *u,
    const char *deputy_login, const char *from, const char *to,
    const char *reason, cal_day today, const char **why, const char **field)
{
	struct stmt	*q;
	enum db_rc	 rc;
	cal_day		 f, t;
	int64_t		 bid, broles, bactive, roles, id;
	char		*bname, *bdept, *dept;
	unsigned	 lent;

	*why = NULL;
	*field = "deputy";
	if (deputy_login == NULL || !org_valid_login(deputy_login)) {
		*why = "请从列表中选择代理人。";
		return DB_NONE;
	}
	if (u->login != NULL && strcmp(deputy_login, u->login) == 0) {
		*why = "不能委托给自己，请选择本部门的另一位工作人员。";
		return DB_NONE;
	}
	if (period_check(pool, from, to, reason, today, &f, &t, why, field) ==
	    -1)
		return DB_NONE;
	*field = "deputy";
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_DEPUTY);
	stmt_bind_text(q, 0, deputy_login);
	if ((rc = stmt_one(q, pool, "isiis", &bid, &bname, &broles, &bactive,
	    &bdept)) == DB_OK && bactive != 1)
		rc = DB_NONE;
	if (rc == DB_NONE)
		*why = "没有这位工作人员，或其账号已停用，请从列表中选择。";
	if (rc != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_PEOPLE_LOCK);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_int(q, 1, bid);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	stmt_done(q);
	/* The delegator as they are now, under the lock. */
	q = db_stmt(db, SQL_SELF);
	stmt_bind_int(q, 0, u->id);
	if ((rc = stmt_one(q, pool, "is", &roles, &dept)) != DB_OK)
		goto fail;
	lent = (unsigned)roles & ROLES_STAFF;
	if ((*why = deputy_refusal(pool, bname, (unsigned)broles, bdept, dept,
	    lent)) == NULL) {
		*field = "from";
		if ((rc = overlap_refusal(db, pool, u->id, bid, bname, today, f,
		    t, why)) != DB_OK)
			goto fail;
	}
	if (*why != NULL) {
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_ADD);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_int(q, 1, bid);
	stmt_bind_text(q, 2, dept);
	stmt_bind_int(q, 3, lent);
	stmt_bind_text(q, 4, cal_day_str(pool, f));
	stmt_bind_text(q, 5, cal_day_str(pool, t));
	stmt_bind_text(q, 6, reason);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	id = stmt_insert_id(q);
	if ((rc = audit_json(db, pool, u->login, "delegation.add",
	    pool_printf(pool, "delegation:%lld", (long long)id),
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "deputy",
	    deputy_login, "deputy_name", bname, "from", cal_day_str(pool, f),
	    "to", cal_day_str(pool, t), "roles", org_roles_label(pool, lent),
	    "reason", reason))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
delegation_end(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, cal_day today, const char **why)
{
	struct delegation d;
	struct stmt	*q;
	enum db_rc	 rc;
	cal_day		 f, t;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ONE_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_first(q, pool, deleg_row, &d)) == DB_OK &&
	    d.staff_id != u->id)
		rc = DB_NONE;	/* another's is none of theirs */
	if (rc == DB_NONE)
		*why = "没有这项委托，或它不是您发出的。";
	if (rc != DB_OK)
		goto fail;
	if (strcmp(d.state, "active") != 0 ||
	    cal_day_parse(d.to_day, &t) == -1 || t < today) {
		*why = "这项委托已经结束，不需要再结束。";
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_CLOSE);
	stmt_bind_text(q, 0, "ended");
	stmt_bind_int(q, 1, d.id);
	if ((rc = stmt_run(q)) != DB_OK || (rc = audit_json(db, pool,
	    u->login, "delegation.end", pool_printf(pool, "delegation:%lld",
	    (long long)d.id), json_pack("{s:s, s:s, s:s, s:b}", "deputy",
	    d.deputy_login, "from", d.from_day, "to", d.to_day, "begun",
	    cal_day_parse(d.from_day, &f) == 0 && f <= today))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
delegation_expire(struct db *db, struct pool *pool, cal_day today, int *n)
{
	struct delegation *v;
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 got, i;

	*n = 0;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_DUE);
	stmt_bind_text(q, 0, cal_day_str(pool, today));
	if ((rc = stmt_list(q, pool, deleg_row, sizeof(*v), &v, &got)) !=
	    DB_OK)
		goto fail;
	for (i = 0; i < got; i++) {
		q = db_stmt(db, SQL_CLOSE);
		stmt_bind_text(q, 0, "expired");
		stmt_bind_int(q, 1, v[i].id);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
		if (stmt_affected(q) != 1)
			continue;
		if ((rc = audit_json(db, pool, "tick", "delegation.expire",
		    pool_printf(pool, "delegation:%lld", (long long)v[i].id),
		    json_pack("{s:s, s:s, s:s, s:s}", "staff",
		    v[i].staff_login, "deputy", v[i].deputy_login, "from",
		    v[i].from_day, "to", v[i].to_day))) != DB_OK)
			goto fail;
		(*n)++;
	}
	if ((rc = db_commit(db)) != DB_OK)
		return rc;
	if (*n > 0)
		log_info("%d delegation(s) past their last day closed", *n);
	return DB_OK;
fail:
	db_rollback(db);
	*n = 0;
	return rc == DB_OK ? DB_ERR : rc;
}

void
delegation_principal(const struct delegation *d, struct user *a)
{
	memset(a, 0, sizeof(*a));
	a->id = d->staff_id;
	a->name = d->staff_name;
	a->login = d->staff_login;
	a->roles = d->roles;
	a->dept_code = d->dept_code;
}

const char *
delegation_state_label(const struct delegation *d, cal_day today)
{
	cal_day	 f, t;

	if (cal_day_parse(d->from_day, &f) == -1 ||
	    cal_day_parse(d->to_day, &t) == -1)
		return "";
	if (strcmp(d->state, "expired") == 0)
		return "已到期结束";
	if (strcmp(d->state, "ended") == 0)
		return d->ended_at != NULL && strncmp(d->ended_at, d->from_day,
		    10) < 0 ? "已撤销（未开始）" : "已提前结束";
	if (t < today)
		return "已到期结束";
	return f > today ? "尚未开始" : "生效中";
}
