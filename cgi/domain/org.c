/*
 * org.c: the organisation (ORG-1, ORG-2, ACC-4): owns region_level,
 * region, hall and service_window, and the administrators' changes to
 * department and staff (account.c keeps login and sessions): records by
 * the system administrator, roles and passwords by the security
 * administrator, a password by its owner (三员分立, SEC-7).  Each change
 * runs in one transaction with its audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "crypto.h"
#include "exchange.h"
#include "ids.h"
#include "log.h"
#include "org.h"
#include "text.h"
#include "pwpolicy.h"
#include "remind.h"
#include "sms.h"

/* A department's region as a path from the top ("锡林郭勒盟锡林浩特市"). */
#define REGION_PATH_JOIN(d) \
    " LEFT JOIN region r1 ON r1.code = " d ".region_code" \
    " LEFT JOIN region r2 ON r2.code = r1.parent_code" \
    " LEFT JOIN region r3 ON r3.code = r2.parent_code" \
    " LEFT JOIN region r4 ON r4.code = r3.parent_code "
#define REGION_PATH "CONCAT_WS('', r4.name, r3.name, r2.name, r1.name)"
#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s')"

static const char SQL_LEVELS[] =
    "SELECT level, name FROM region_level ORDER BY level";
static const char SQL_LEVEL_LOCK[] =
    "SELECT name FROM region_level WHERE level = ? FOR UPDATE";
static const char SQL_LEVEL_SET[] =
    "UPDATE region_level SET name = ? WHERE level = ?";

#define REGION_COLS "r.code, r.name, r.level, l.name, " \
    "COALESCE(r.parent_code, ''), COALESCE(p.name, '') FROM region r " \
    "JOIN region_level l ON l.level = r.level " \
    "LEFT JOIN region p ON p.code = r.parent_code "
static const char SQL_REGIONS[] =
    "SELECT " REGION_COLS "ORDER BY r.level, r.code";
static const char SQL_REGION_GET[] =
    "SELECT " REGION_COLS "WHERE r.code = ?";
static const char SQL_REGION_LOCK[] =
    "SELECT name, level, COALESCE(parent_code, '') FROM region "
    "WHERE code = ? FOR UPDATE";
static const char SQL_REGION_LEVEL[] =
    "SELECT r.level, r.name, l.name FROM region r "
    "JOIN region_level l ON l.level = r.level WHERE r.code = ?";
static const char SQL_REGION_CHILDREN[] =
    "SELECT COUNT(*) FROM region WHERE parent_code = ?";
static const char SQL_REGION_ADD[] =
    "INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?)";
static const char SQL_REGION_EDIT[] =
    "UPDATE region SET name = ?, level = ?, parent_code = ? WHERE code = ?";

#define HALL_COLS "h.code, h.name, h.region_code, r.name, r.level, " \
    "h.address, h.phone, h.hours FROM hall h " \
    "JOIN region r ON r.code = h.region_code "
static const char SQL_HALLS[] =
    "SELECT " HALL_COLS "ORDER BY r.level, h.region_code, h.code";
static const char SQL_HALL_GET[] =
    "SELECT " HALL_COLS "WHERE h.code = ?";
static const char SQL_HALL_LOCK[] =
    "SELECT name, region_code, address, phone, hours FROM hall "
    "WHERE code = ? FOR UPDATE";
static const char SQL_HALL_REGION[] =
    "SELECT region_code FROM hall WHERE code = ?";
static const char SQL_HALL_ADD[] =
    "INSERT INTO hall (code, name, region_code, address, phone, hours) "
    "VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_HALL_EDIT[] =
    "UPDATE hall SET name = ?, region_code = ?, address = ?, phone = ?, "
    "hours = ? WHERE code = ?";

/* Departments placed before regions existed show their old text. */
#define DEPT_COLS "d.id, d.code, d.name, d.abbr, " \
    "COALESCE(d.region_code, ''), " \
    "IF(d.region_code IS NULL, d.region, " REGION_PATH "), " \
    "COALESCE(d.hall_code, ''), COALESCE(h.name, ''), d.address, d.phone, " \
    "(SELECT COUNT(*) FROM staff s WHERE s.dept_id = d.id " \
    "AND s.active = 1) FROM department d " \
    "LEFT JOIN hall h ON h.code = d.hall_code" REGION_PATH_JOIN("d")
static const char SQL_DEPTS[] =
    "SELECT " DEPT_COLS "ORDER BY d.code";
static const char SQL_DEPT_GET[] =
    "SELECT " DEPT_COLS "WHERE d.code = ?";
static const char SQL_DEPT_LOCK[] =
    "SELECT id, name, abbr, COALESCE(region_code, ''), "
    "COALESCE(hall_code, ''), address, phone FROM department "
    "WHERE code = ? FOR UPDATE";
static const char SQL_DEPT_ADD[] =
    "INSERT INTO department (code, name, abbr, region, region_code, "
    "hall_code, address, phone) VALUES (?, ?, ?, '', ?, ?, ?, ?)";
static const char SQL_DEPT_EDIT[] =
    "UPDATE department SET name = ?, abbr = ?, region_code = ?, "
    "hall_code = ?, address = ?, phone = ? WHERE id = ?";
/* department.region, the display text others read, follows the regions. */
static const char SQL_DEPT_REGION_TEXT[] =
    "UPDATE department d" REGION_PATH_JOIN("d")
    "SET d.region = LEFT(" REGION_PATH ", 100) "
    "WHERE d.region_code IS NOT NULL";
static const char SQL_DEPT_ID[] =
    "SELECT id FROM department WHERE code = ?";
static const char SQL_DEPT_HALL[] =
    "SELECT COALESCE(hall_code, '') FROM department WHERE code = ?";

#define WINDOW_COLS "w.dept_code, d.name, w.code, w.name, " \
    "COALESCE(w.hall_code, ''), COALESCE(h.name, '') FROM service_window w " \
    "JOIN department d ON d.code = w.dept_code " \
    "LEFT JOIN hall h ON h.code = w.hall_code "
static const char SQL_WINDOWS[] =
    "SELECT " WINDOW_COLS "WHERE (? = '' OR w.dept_code = ?) "
    "ORDER BY w.dept_code, w.code";
static const char SQL_WINDOW_GET[] =
    "SELECT " WINDOW_COLS "WHERE w.dept_code = ? AND w.code = ?";
static const char SQL_WINDOW_LOCK[] =
    "SELECT name, COALESCE(hall_code, '') FROM service_window "
    "WHERE dept_code = ? AND code = ? FOR UPDATE";
static const char SQL_WINDOW_ADD[] =
    "INSERT INTO service_window (dept_code, code, name, hall_code) "
    "VALUES (?, ?, ?, ?)";
static const char SQL_WINDOW_EDIT[] =
    "UPDATE service_window SET name = ?, hall_code = ? "
    "WHERE dept_code = ? AND code = ?";

#define STAFF_COLS "s.id, s.login, s.name, d.code, d.name, s.roles, " \
    "s.active, " LOCAL("s.created_at") ", " \
    "IF(s.pw_hash = '" STAFF_NO_PASSWORD "', 0, IF(s.pw_temporary, 1, 2)), " \
    "COALESCE(s.mobile_masked, '') " \
    "FROM staff s JOIN department d ON d.id = s.dept_id "
static const char SQL_STAFF_LIST[] =
    "SELECT " STAFF_COLS "WHERE (? = '' OR d.code = ?) "
    "ORDER BY d.code, s.active DESC, s.login";
static const char SQL_STAFF_GET[] =
    "SELECT " STAFF_COLS "WHERE s.login = ?";
static const char SQL_STAFF_LOCK[] =
    "SELECT s.id, s.name, d.code, s.roles, s.active FROM staff s "
    "JOIN department d ON d.id = s.dept_id WHERE s.login = ? FOR UPDATE";
/* Locks every active administrator, so two removals cannot both pass,
 * and counts the holders of each administrator's role (admins_lock). */
static const char SQL_ADMINS[] =
    "SELECT COALESCE(SUM((roles & ?) <> 0), 0), "
    "COALESCE(SUM((roles & ?) <> 0), 0), COALESCE(SUM((roles & ?) <> 0), 0) "
    "FROM staff WHERE active = 1 AND (roles & ?) <> 0 FOR UPDATE";
static const char SQL_STAFF_EDIT[] =
    "UPDATE staff SET name = ?, dept_id = ?, active = ? WHERE id = ?";
static const char SQL_STAFF_ROLES[] =
    "UPDATE staff SET roles = ? WHERE id = ?";
static const char SQL_STAFF_PW[] =
    "UPDATE staff SET pw_hash = ?, pw_temporary = ? WHERE id = ?";
static const char SQL_STAFF_PW_LOCK[] =
    "SELECT id, pw_hash FROM staff WHERE login = ? AND active = 1 "
    "FOR UPDATE";
/*
 * Sessions belong to account.c; ending a deactivated or reset account's
 * sessions is part of the same change, so it is done here, in its
 * transaction.  (A session of an inactive account is refused anyway.)
 */
static const char SQL_STAFF_SESSIONS_END[] =
    "DELETE FROM session WHERE user_id = ?";
static const char SQL_STAFF_SESSIONS_OTHERS[] =
    "DELETE FROM session WHERE user_id = ? AND token_hash <> ?";

/* ------------------------------------------------------------------ */
/* Checks of single values                                              */
/* ------------------------------------------------------------------ */

/* One line of text of 1 to max characters (text.h). */
static int
one_line(const char *s, size_t max)
{
	return s != NULL && text_check(s, strlen(s), 1, max, 0, TEXT_LINE) ==
	    TEXT_OK;
}

int
org_valid_code(const char *s, size_t max)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) == 0 || n > max)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-") == n;
}

int
org_valid_name(const char *s, size_t max)
{
	return one_line(s, max);
}

int
org_valid_text(const char *s, size_t max)
{
	return s == NULL || *s == '\0' || one_line(s, max);
}

int
org_valid_phone(const char *s)
{
	size_t	 n;

	if (s == NULL || *s == '\0')
		return 1;
	n = strlen(s);
	return n <= 40 && strspn(s, "0123456789-+() ,/") == n &&
	    strpbrk(s, "0123456789") != NULL;
}

int
org_valid_login(const char *s)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) < 2 || n > ORG_LOGIN_MAX)
		return 0;
	if (strchr("abcdefghijklmnopqrstuvwxyz0123456789", s[0]) == NULL)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

const char *
org_hall_kind(int level)
{
	switch (level) {
	case 1:
	case 2:
		return "政务服务中心";
	case 3:
		return "便民服务中心";
	case 4:
		return "便民服务室";
	default:
		return "";
	}
}

char *
org_roles_label(struct pool *pool, unsigned roles)
{
	char	*s = "";
	size_t	 i;

	for (i = 0; i < naccount_roles; i++)
		if (roles & account_roles[i].role)
			s = pool_printf(pool, "%s%s%s", s, *s ? "、" : "",
			    account_roles[i].label);
	return s;
}

/* ------------------------------------------------------------------ */
/* Checks of whole objects                                              */
/* ------------------------------------------------------------------ */

static int
bad(struct org_err *err, const char *field, const char *msg)
{
	err->field = field;
	err->msg = msg;
	return -1;
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

int
org_region_check(const struct org_region *r, struct org_err *err)
{
	if (!org_valid_code(r->code, ORG_REGION_CODE_MAX))
		return bad(err, "code", "区划代码只能由字母、数字和“-”组成，"
		    "不超过 12 位，例如 152502。");
	if (!org_valid_name(r->name, ORG_NAME_MAX))
		return bad(err, "name", "请填写区划名称（不超过 100 个字）。");
	if (r->level < 1 || r->level > ORG_LEVELS)
		return bad(err, "level", "请选择区划的层级。");
	if (!empty(r->parent_code) &&
	    !org_valid_code(r->parent_code, ORG_REGION_CODE_MAX))
		return bad(err, "parent", "请从列表中选择上级区划。");
	if (!empty(r->parent_code) && strcmp(r->parent_code, r->code) == 0)
		return bad(err, "parent", "上级区划不能是它自己。");
	return 0;
}

static int
check_place(const char *address, const char *phone, struct org_err *err)
{
	if (!org_valid_text(address, ORG_TEXT_MAX))
		return bad(err, "address", "地址不超过 200 个字，不能换行。");
	if (!org_valid_phone(phone))
		return bad(err, "phone", "电话只能包含数字、“-”、括号和空格，"
		    "不超过 40 位，例如 0479-8225315。");
	return 0;
}

int
org_hall_check(const struct org_hall *h, struct org_err *err)
{
	if (!org_valid_code(h->code, ORG_CODE_MAX))
		return bad(err, "code", "大厅编码只能由字母、数字和“-”组成，"
		    "不超过 32 位。");
	if (!org_valid_name(h->name, ORG_NAME_MAX))
		return bad(err, "name", "请填写大厅名称（不超过 100 个字）。");
	if (!org_valid_code(h->region_code, ORG_REGION_CODE_MAX))
		return bad(err, "region", "请选择大厅所在的区划。");
	if (check_place(h->address, h->phone, err) == -1)
		return -1;
	if (!org_valid_text(h->hours, ORG_TEXT_MAX))
		return bad(err, "hours", "办公时间不超过 200 个字，不能换行。");
	return 0;
}

int
org_dept_check(const struct org_dept *d, struct org_err *err)
{
	if (!org_valid_code(d->code, ORG_CODE_MAX))
		return bad(err, "code", "部门编码只能由字母、数字和“-”组成，"
		    "不超过 32 位。");
	if (!org_valid_name(d->name, ORG_NAME_MAX))
		return bad(err, "name", "请填写部门名称（不超过 100 个字）。");
	if (!org_valid_name(d->abbr, ORG_ABBR_MAX))
		return bad(err, "abbr", "请填写文号简称（不超过 20 个字），"
		    "例如“锡市监”。");
	if (!empty(d->region_code) &&
	    !org_valid_code(d->region_code, ORG_REGION_CODE_MAX))
		return bad(err, "region", "请从列表中选择部门所在的区划。");
	if (!empty(d->hall_code) && !org_valid_code(d->hall_code, ORG_CODE_MAX))
		return bad(err, "hall", "请从列表中选择服务大厅。");
	return check_place(d->address, d->phone, err);
}

int
org_window_check(const struct org_window *w, struct org_err *err)
{
	if (!org_valid_code(w->dept_code, ORG_CODE_MAX))
		return bad(err, "dept", "请选择窗口所属的部门。");
	if (!org_valid_code(w->code, ORG_CODE_MAX))
		return bad(err, "code", "窗口编号只能由字母、数字和“-”组成，"
		    "不超过 32 位，例如 A01。");
	if (!org_valid_name(w->name, ORG_NAME_MAX))
		return bad(err, "name", "请填写窗口名称（不超过 100 个字）。");
	if (!empty(w->hall_code) && !org_valid_code(w->hall_code, ORG_CODE_MAX))
		return bad(err, "hall", "请从列表中选择服务大厅。");
	return 0;
}

int
org_staff_check(const struct org_staff *s, struct org_err *err)
{
	if (!org_valid_login(s->login))
		return bad(err, "login", "登录名用小写字母、数字和“.”“_”“-”，"
		    "2 到 40 位，以字母或数字开头，例如 zhangwei。");
	if (!org_valid_name(s->name, ORG_STAFF_NAME_MAX))
		return bad(err, "name", "请填写姓名（不超过 50 个字）。");
	if (!org_valid_code(s->dept_code, ORG_CODE_MAX))
		return bad(err, "dept", "请选择所在部门。");
	if (s->mobile != NULL && *s->mobile != '\0' &&
	    !mobile_valid(s->mobile))
		return bad(err, "mobile", "手机号码应为 11 位数字、以 1 开头；"
		    "不用短信提醒可以不填。");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */
/* ------------------------------------------------------------------ */

enum db_rc
org_levels(struct db *db, struct pool *pool, struct org_level out[ORG_LEVELS])
{
	struct stmt	*q;
	enum db_rc	 rc;
	struct org_level l;
	int		 i;

	for (i = 0; i < ORG_LEVELS; i++) {
		out[i].level = i + 1;
		out[i].name = pool_printf(pool, "第%d级", i + 1);
	}
	q = db_stmt(db, SQL_LEVELS);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "ds", &l.level, &l.name)) == DB_OK)
		if (l.level >= 1 && l.level <= ORG_LEVELS)
			out[l.level - 1] = l;
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

static enum db_rc
region_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct org_region	*r = arg;

	return stmt_row(q, pool, "ssdsss", &r->code, &r->name, &r->level,
	    &r->level_name, &r->parent_code, &r->parent_name);
}

enum db_rc
org_regions(struct db *db, struct pool *pool, struct org_region **out,
    size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_REGIONS);
	return stmt_list(q, pool, region_row, sizeof(**out), out, n);
}

enum db_rc
org_region_get(struct db *db, struct pool *pool, const char *code,
    struct org_region *r)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_REGION_GET);
	stmt_bind_text(q, 0, code);
	return stmt_first(q, pool, region_row, r);
}

static enum db_rc
hall_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct org_hall	*h = arg;

	return stmt_row(q, pool, "ssssdsss", &h->code, &h->name,
	    &h->region_code, &h->region_name, &h->level, &h->address,
	    &h->phone, &h->hours);
}

enum db_rc
org_halls(struct db *db, struct pool *pool, struct org_hall **out,
    size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HALLS);
	return stmt_list(q, pool, hall_row, sizeof(**out), out, n);
}

enum db_rc
org_hall_get(struct db *db, struct pool *pool, const char *code,
    struct org_hall *h)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HALL_GET);
	stmt_bind_text(q, 0, code);
	return stmt_first(q, pool, hall_row, h);
}

static enum db_rc
dept_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct org_dept	*d = arg;

	return stmt_row(q, pool, "isssssssssi", &d->id, &d->code, &d->name,
	    &d->abbr, &d->region_code, &d->region_name, &d->hall_code,
	    &d->hall_name, &d->address, &d->phone, &d->staff);
}

enum db_rc
org_depts(struct db *db, struct pool *pool, struct org_dept **out,
    size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DEPTS);
	return stmt_list(q, pool, dept_row, sizeof(**out), out, n);
}

enum db_rc
org_dept_get(struct db *db, struct pool *pool, const char *code,
    struct org_dept *d)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DEPT_GET);
	stmt_bind_text(q, 0, code);
	return stmt_first(q, pool, dept_row, d);
}

static enum db_rc
window_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct org_window	*w = arg;

	return stmt_row(q, pool, "ssssss", &w->dept_code, &w->dept_name,
	    &w->code, &w->name, &w->hall_code, &w->hall_name);
}

enum db_rc
org_windows(struct db *db, struct pool *pool, const char *dept,
    struct org_window **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_WINDOWS);
	stmt_bind_text(q, 0, dept ? dept : "");
	stmt_bind_text(q, 1, dept ? dept : "");
	return stmt_list(q, pool, window_row, sizeof(**out), out, n);
}

enum db_rc
org_window_get(struct db *db, struct pool *pool, const char *dept,
    const char *code, struct org_window *w)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_WINDOW_GET);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, code);
	return stmt_first(q, pool, window_row, w);
}

static enum db_rc
staff_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct org_staff	*s = arg;
	enum db_rc	 rc;
	int64_t		 roles = 0, pw = 0;

	rc = stmt_row(q, pool, "issssidsis", &s->id, &s->login, &s->name,
	    &s->dept_code, &s->dept_name, &roles, &s->active, &s->created_at,
	    &pw, &s->mobile_masked);
	s->roles = (unsigned)roles;
	s->pw = pw == 0 ? ORG_PW_NONE : pw == 1 ? ORG_PW_TEMPORARY : ORG_PW_OWN;
	return rc;
}

enum db_rc
org_staff_list(struct db *db, struct pool *pool, const char *dept,
    struct org_staff **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_STAFF_LIST);
	stmt_bind_text(q, 0, dept ? dept : "");
	stmt_bind_text(q, 1, dept ? dept : "");
	return stmt_list(q, pool, staff_row, sizeof(**out), out, n);
}

enum db_rc
org_staff_get(struct db *db, struct pool *pool, const char *login,
    struct org_staff *s)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_STAFF_GET);
	stmt_bind_text(q, 0, login);
	return stmt_first(q, pool, staff_row, s);
}

/* ------------------------------------------------------------------ */
/* Changes                                                              */
/* ------------------------------------------------------------------ */

#define NO_DEPT "所选的部门不存在，请从列表中选择。"

static enum db_rc
refuse(struct org_err *err, const char *field, const char *msg)
{
	err->field = field;
	err->msg = msg;
	return DB_NONE;
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

/* Bind "" as NULL: an optional reference to another table. */
static void
bind_ref(struct stmt *q, unsigned i, const char *s)
{
	if (empty(s))
		stmt_bind_null(q, i);
	else
		stmt_bind_text(q, i, s);
}

/*
 * Note field key in the audit detail d: its value on an add (old NULL),
 * [old, new] when an edit changed it.  1 when it is a change.
 */
static int
note(json_t *d, const char *key, const char *old, const char *new)
{
	new = str(new);
	if (old == NULL) {
		json_object_set_new(d, key, json_string(new));
		return 1;
	}
	if (strcmp(old, new) == 0)
		return 0;
	json_object_set_new(d, key, json_pack("[ss]", old, new));
	return 1;
}

static int
note_int(json_t *d, const char *key, int has_old, int64_t old, int64_t new)
{
	if (!has_old) {
		json_object_set_new(d, key, json_integer(new));
		return 1;
	}
	if (old == new)
		return 0;
	json_object_set_new(d, key, json_pack("[II]", (json_int_t)old,
	    (json_int_t)new));
	return 1;
}

/* Commit what put did, or roll it back. */
static enum db_rc
finish(struct db *db, enum db_rc rc)
{
	if (rc == DB_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

static int
levels_check(char *const names[ORG_LEVELS], struct pool *pool,
    struct org_err *err)
{
	static const char *const fields[ORG_LEVELS] = { "name1", "name2",
				    "name3", "name4" };
	int			 i, j;

	for (i = 0; i < ORG_LEVELS; i++) {
		if (!org_valid_name(names[i], ORG_LEVEL_NAME_MAX))
			return bad(err, fields[i], pool_printf(pool,
			    "请填写第 %d 级的名称（不超过 20 个字）。", i + 1));
		for (j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				return bad(err, fields[i], pool_printf(pool,
				    "第 %d 级和第 %d 级的名称相同，请区分。",
				    j + 1, i + 1));
	}
	return 0;
}

static enum db_rc
levels_put(struct db *db, struct pool *pool, const char *actor,
    char *const names[ORG_LEVELS], struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*old;
	json_t		*d;
	int		 i;

	for (i = 0; i < ORG_LEVELS; i++) {
		q = db_stmt(db, SQL_LEVEL_LOCK);
		stmt_bind_int(q, 0, i + 1);
		if ((rc = stmt_one(q, pool, "s", &old)) == DB_NONE)
			return refuse(err, "name1", "层级表不完整，请先运行"
			    " yiwang-admin migrate。");
		if (rc != DB_OK)
			return rc;
		d = json_object();
		if (!note(d, "name", old, names[i])) {
			json_decref(d);
			continue;
		}
		q = db_stmt(db, SQL_LEVEL_SET);
		stmt_bind_text(q, 0, names[i]);
		stmt_bind_int(q, 1, i + 1);
		if ((rc = stmt_run(q)) != DB_OK) {
			json_decref(d);
			return rc;
		}
		if ((rc = audit_json(db, pool, actor, "org.level",
		    pool_printf(pool, "level:%d", i + 1), d)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

enum db_rc
org_levels_save(struct db *db, struct pool *pool, const char *actor,
    char *const names[ORG_LEVELS], struct org_err *err)
{
	if (levels_check(names, pool, err) == -1)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	return finish(db, levels_put(db, pool, actor, names, err));
}

/* Keep every department's region text equal to its region's path. */
static enum db_rc
dept_region_text(struct db *db)
{
	return stmt_run(db_stmt(db, SQL_DEPT_REGION_TEXT));
}

static enum db_rc
region_put(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_region *r, struct org_err *err)
{
	struct org_level lv[ORG_LEVELS];
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*parent = str(r->parent_code);
	char		*oname = NULL, *oparent = NULL, *pname, *plname;
	int64_t		 n = 0;
	int		 olevel = 0, plevel, exists, changed;
	json_t		*d;

	if ((rc = org_levels(db, pool, lv)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_REGION_LOCK);
	stmt_bind_text(q, 0, r->code);
	if ((rc = stmt_one(q, pool, "sds", &oname, &olevel, &oparent)) ==
	    DB_ERR)
		return rc;
	exists = rc == DB_OK;
	if (exists && mode == ORG_ADD)
		return refuse(err, "code", pool_printf(pool, "区划代码 %s 已是"
		    "「%s」的代码，请换一个。", r->code, oname));
	if (!exists && mode == ORG_EDIT)
		return refuse(err, "code", "没有找到这个区划，请从区划列表重新"
		    "进入。");
	if (*parent != '\0') {
		q = db_stmt(db, SQL_REGION_LEVEL);
		stmt_bind_text(q, 0, parent);
		rc = stmt_one(q, pool, "dss", &plevel, &pname, &plname);
		if (rc == DB_NONE)
			return refuse(err, "parent", "所选的上级区划不存在，请"
			    "从列表中选择。");
		if (rc != DB_OK)
			return rc;
		if (plevel >= ORG_LEVELS)
			return refuse(err, "parent", pool_printf(pool,
			    "「%s」是%s，是最末一级，不能再设下级区划。", pname,
			    plname));
		if (plevel != r->level - 1)
			return refuse(err, "level", pool_printf(pool,
			    "上级区划「%s」是%s，其下级区划的层级应为%s。",
			    pname, plname, lv[plevel].name));
	}
	if (exists && olevel != r->level) {
		q = db_stmt(db, SQL_REGION_CHILDREN);
		stmt_bind_text(q, 0, r->code);
		if ((rc = stmt_one(q, pool, "i", &n)) != DB_OK)
			return rc;
		if (n > 0)
			return refuse(err, "level", "这个区划下已有下级区划，"
			    "不能改变它的层级。");
	}
	d = json_object();
	changed = note(d, "name", exists ? oname : NULL, r->name);
	changed |= note_int(d, "level", exists, olevel, r->level);
	changed |= note(d, "parent", exists ? oparent : NULL, parent);
	if (!changed) {
		json_decref(d);
		return DB_OK;
	}
	if (exists) {
		q = db_stmt(db, SQL_REGION_EDIT);
		stmt_bind_text(q, 0, r->name);
		stmt_bind_int(q, 1, r->level);
		bind_ref(q, 2, parent);
		stmt_bind_text(q, 3, r->code);
	} else {
		q = db_stmt(db, SQL_REGION_ADD);
		stmt_bind_text(q, 0, r->code);
		stmt_bind_text(q, 1, r->name);
		stmt_bind_int(q, 2, r->level);
		bind_ref(q, 3, parent);
	}
	if ((rc = stmt_run(q)) == DB_OK && exists)
		rc = dept_region_text(db);
	if (rc != DB_OK) {
		json_decref(d);
		return rc == DB_DUP ? refuse(err, "code", "这个区划代码已被"
		    "使用，请换一个。") : rc;
	}
	return audit_json(db, pool, actor, exists ? "org.region.edit" :
	    "org.region.add", pool_printf(pool, "region:%s", r->code), d);
}

enum db_rc
org_region_save(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_region *r, struct org_err *err)
{
	if (org_region_check(r, err) == -1)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	return finish(db, region_put(db, pool, actor, mode, r, err));
}

/* DB_OK when region code exists, DB_NONE with err set on field if not. */
static enum db_rc
region_exists(struct db *db, struct pool *pool, const char *code,
    const char *field, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*name, *lname;
	int		 level;

	q = db_stmt(db, SQL_REGION_LEVEL);
	stmt_bind_text(q, 0, code);
	rc = stmt_one(q, pool, "dss", &level, &name, &lname);
	if (rc == DB_NONE)
		return refuse(err, field, "所选的区划不存在，请从列表中选择。");
	return rc;
}

static enum db_rc
hall_put(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_hall *h, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*o[5] = { NULL, NULL, NULL, NULL, NULL };
	int		 exists, changed;
	json_t		*d;

	q = db_stmt(db, SQL_HALL_LOCK);
	stmt_bind_text(q, 0, h->code);
	if ((rc = stmt_one(q, pool, "sssss", &o[0], &o[1], &o[2], &o[3],
	    &o[4])) == DB_ERR)
		return rc;
	exists = rc == DB_OK;
	if (exists && mode == ORG_ADD)
		return refuse(err, "code", pool_printf(pool, "大厅编码 %s 已是"
		    "「%s」的编码，请换一个。", h->code, o[0]));
	if (!exists && mode == ORG_EDIT)
		return refuse(err, "code", "没有找到这个服务大厅，请从列表重新"
		    "进入。");
	if ((rc = region_exists(db, pool, h->region_code, "region", err)) !=
	    DB_OK)
		return rc;
	d = json_object();
	changed = note(d, "name", o[0], h->name);
	changed |= note(d, "region", o[1], h->region_code);
	changed |= note(d, "address", o[2], h->address);
	changed |= note(d, "phone", o[3], h->phone);
	changed |= note(d, "hours", o[4], h->hours);
	if (!changed) {
		json_decref(d);
		return DB_OK;
	}
	q = db_stmt(db, exists ? SQL_HALL_EDIT : SQL_HALL_ADD);
	if (exists) {
		stmt_bind_text(q, 0, h->name);
		stmt_bind_text(q, 1, h->region_code);
		stmt_bind_text(q, 2, str(h->address));
		stmt_bind_text(q, 3, str(h->phone));
		stmt_bind_text(q, 4, str(h->hours));
		stmt_bind_text(q, 5, h->code);
	} else {
		stmt_bind_text(q, 0, h->code);
		stmt_bind_text(q, 1, h->name);
		stmt_bind_text(q, 2, h->region_code);
		stmt_bind_text(q, 3, str(h->address));
		stmt_bind_text(q, 4, str(h->phone));
		stmt_bind_text(q, 5, str(h->hours));
	}
	if ((rc = stmt_run(q)) != DB_OK) {
		json_decref(d);
		return rc == DB_DUP ? refuse(err, "code", "这个大厅编码已被"
		    "使用，请换一个。") : rc;
	}
	return audit_json(db, pool, actor, exists ? "org.hall.edit" :
	    "org.hall.add", pool_printf(pool, "hall:%s", h->code), d);
}

enum db_rc
org_hall_save(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_hall *h, struct org_err *err)
{
	if (org_hall_check(h, err) == -1)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	return finish(db, hall_put(db, pool, actor, mode, h, err));
}

static enum db_rc
dept_put(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_dept *dp, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*region = str(dp->region_code);
	const char	*hall = str(dp->hall_code);
	char		*o[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	char		*hall_region;
	int64_t		 id = 0;
	int		 exists, changed;
	json_t		*d;

	q = db_stmt(db, SQL_DEPT_LOCK);
	stmt_bind_text(q, 0, dp->code);
	if ((rc = stmt_one(q, pool, "issssss", &id, &o[0], &o[1], &o[2],
	    &o[3], &o[4], &o[5])) == DB_ERR)
		return rc;
	exists = rc == DB_OK;
	if (exists && mode == ORG_ADD)
		return refuse(err, "code", pool_printf(pool, "部门编码 %s 已是"
		    "「%s」的编码，请换一个。", dp->code, o[0]));
	if (!exists && mode == ORG_EDIT)
		return refuse(err, "code", "没有找到这个部门，请从列表重新"
		    "进入。");
	if (*hall != '\0') {
		q = db_stmt(db, SQL_HALL_REGION);
		stmt_bind_text(q, 0, hall);
		rc = stmt_one(q, pool, "s", &hall_region);
		if (rc == DB_NONE)
			return refuse(err, "hall", "所选的服务大厅不存在，请"
			    "从列表中选择。");
		if (rc != DB_OK)
			return rc;
		if (*region == '\0')
			region = hall_region;	/* placed by its hall */
		else if (strcmp(region, hall_region) != 0)
			return refuse(err, "hall", "所选的服务大厅不在部门所在"
			    "的区划，请选择本区划的大厅，或先修改区划。");
	}
	if (*region != '\0' &&
	    (rc = region_exists(db, pool, region, "region", err)) != DB_OK)
		return rc;
	d = json_object();
	changed = note(d, "name", o[0], dp->name);
	changed |= note(d, "abbr", o[1], dp->abbr);
	changed |= note(d, "region", o[2], region);
	changed |= note(d, "hall", o[3], hall);
	changed |= note(d, "address", o[4], dp->address);
	changed |= note(d, "phone", o[5], dp->phone);
	if (!changed) {
		json_decref(d);
		return DB_OK;
	}
	if (exists) {
		q = db_stmt(db, SQL_DEPT_EDIT);
		stmt_bind_text(q, 0, dp->name);
		stmt_bind_text(q, 1, dp->abbr);
		bind_ref(q, 2, region);
		bind_ref(q, 3, hall);
		stmt_bind_text(q, 4, str(dp->address));
		stmt_bind_text(q, 5, str(dp->phone));
		stmt_bind_int(q, 6, id);
	} else {
		q = db_stmt(db, SQL_DEPT_ADD);
		stmt_bind_text(q, 0, dp->code);
		stmt_bind_text(q, 1, dp->name);
		stmt_bind_text(q, 2, dp->abbr);
		bind_ref(q, 3, region);
		bind_ref(q, 4, hall);
		stmt_bind_text(q, 5, str(dp->address));
		stmt_bind_text(q, 6, str(dp->phone));
	}
	if ((rc = stmt_run(q)) == DB_OK)
		rc = dept_region_text(db);
	if (rc != DB_OK) {
		json_decref(d);
		return rc == DB_DUP ? refuse(err, "code", "这个部门编码已被"
		    "使用，请换一个。") : rc;
	}
	return audit_json(db, pool, actor, exists ? "org.dept.edit" :
	    "org.dept.add", pool_printf(pool, "dept:%s", dp->code), d);
}

enum db_rc
org_dept_save(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_dept *d, struct org_err *err)
{
	if (org_dept_check(d, err) == -1)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	return finish(db, dept_put(db, pool, actor, mode, d, err));
}

static enum db_rc
window_put(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_window *w, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*hall = str(w->hall_code);
	char		*dept_hall, *oname = NULL, *ohall = NULL, *hall_region;
	int		 exists, changed;
	json_t		*d;

	q = db_stmt(db, SQL_DEPT_HALL);
	stmt_bind_text(q, 0, w->dept_code);
	if ((rc = stmt_one(q, pool, "s", &dept_hall)) == DB_NONE)
		return refuse(err, "dept", NO_DEPT);
	if (rc != DB_OK)
		return rc;
	q = db_stmt(db, SQL_WINDOW_LOCK);
	stmt_bind_text(q, 0, w->dept_code);
	stmt_bind_text(q, 1, w->code);
	if ((rc = stmt_one(q, pool, "ss", &oname, &ohall)) == DB_ERR)
		return rc;
	exists = rc == DB_OK;
	if (exists && mode == ORG_ADD)
		return refuse(err, "code", pool_printf(pool, "本部门已有编号为 "
		    "%s 的窗口「%s」，请换一个编号。", w->code, oname));
	if (!exists && mode == ORG_EDIT)
		return refuse(err, "code", "没有找到这个窗口，请从列表重新"
		    "进入。");
	if (*hall == '\0')
		hall = dept_hall;	/* where its department sits */
	else {
		q = db_stmt(db, SQL_HALL_REGION);
		stmt_bind_text(q, 0, hall);
		rc = stmt_one(q, pool, "s", &hall_region);
		if (rc == DB_NONE)
			return refuse(err, "hall", "所选的服务大厅不存在，请"
			    "从列表中选择。");
		if (rc != DB_OK)
			return rc;
	}
	d = json_object();
	changed = note(d, "name", oname, w->name);
	changed |= note(d, "hall", ohall, hall);
	if (!changed) {
		json_decref(d);
		return DB_OK;
	}
	if (exists) {
		q = db_stmt(db, SQL_WINDOW_EDIT);
		stmt_bind_text(q, 0, w->name);
		bind_ref(q, 1, hall);
		stmt_bind_text(q, 2, w->dept_code);
		stmt_bind_text(q, 3, w->code);
	} else {
		q = db_stmt(db, SQL_WINDOW_ADD);
		stmt_bind_text(q, 0, w->dept_code);
		stmt_bind_text(q, 1, w->code);
		stmt_bind_text(q, 2, w->name);
		bind_ref(q, 3, hall);
	}
	if ((rc = stmt_run(q)) != DB_OK) {
		json_decref(d);
		return rc == DB_DUP ? refuse(err, "code", "这个窗口编号已被"
		    "使用，请换一个。") : rc;
	}
	return audit_json(db, pool, actor, exists ? "org.window.edit" :
	    "org.window.add", pool_printf(pool, "window:%s/%s", w->dept_code,
	    w->code), d);
}

enum db_rc
org_window_save(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_window *w, struct org_err *err)
{
	if (org_window_check(w, err) == -1)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	return finish(db, window_put(db, pool, actor, mode, w, err));
}

/* The administrators' roles (三员分立), in the order of SQL_ADMINS'
 * counts. */
static const unsigned admin_roles[] = { ROLE_ADMIN, ROLE_SECADMIN,
    ROLE_AUDITOR };
#define NADMIN_ROLES (sizeof(admin_roles) / sizeof(admin_roles[0]))

/*
 * Lock the active administrators and count the holders of each of the
 * three roles into held[] (admin_roles' order).  First in every change
 * of roles or of being in use, so that no two changes deadlock and no
 * two removals of the last holders both pass.
 */
static enum db_rc
admins_lock(struct db *db, struct pool *pool, int64_t held[NADMIN_ROLES])
{
	struct stmt	*q;
	unsigned	 i;

	q = db_stmt(db, SQL_ADMINS);
	for (i = 0; i < NADMIN_ROLES; i++)
		stmt_bind_int(q, i, admin_roles[i]);
	stmt_bind_int(q, i, ROLES_ADMINS);
	return stmt_one(q, pool, "iii", &held[0], &held[1], &held[2]);
}

/*
 * An account going from (roles, active) to (nroles, nactive): refused
 * when it is the last active holder of an administrator's role it would
 * lose.  0, or -1 with err set.
 */
static int
last_holder(struct pool *pool, const int64_t held[NADMIN_ROLES],
    unsigned roles, int active, unsigned nroles, int nactive,
    struct org_err *err)
{
	const char	*label;
	size_t		 i;

	for (i = 0; i < NADMIN_ROLES; i++) {
		if (!(active && (roles & admin_roles[i])) ||
		    (nactive && (nroles & admin_roles[i])) ||
		    held[i] > 1)
			continue;
		label = account_role_label(admin_roles[i]);
		return bad(err, nactive ? "roles" : "active",
		    pool_printf(pool, "这是最后一位在用的%s，不能%s。请先为另一"
		    "位工作人员授予%s角色。", label, nactive ? pool_printf(pool,
		    "取消其%s角色", label) : "停用", label));
	}
	return 0;
}

/* The row of login, locked: id, name, department, roles, in use. */
static enum db_rc
staff_lock(struct db *db, struct pool *pool, const char *login,
    int64_t *id, char **name, char **dept, unsigned *roles, int *active,
    struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 r = 0;

	q = db_stmt(db, SQL_STAFF_LOCK);
	stmt_bind_text(q, 0, login);
	rc = stmt_one(q, pool, "issid", id, name, dept, &r, active);
	*roles = (unsigned)r;
	if (rc == DB_NONE)
		return refuse(err, "login", "没有找到这位工作人员，请从列表重新"
		    "进入。");
	return rc;
}

static enum db_rc
staff_add(struct db *db, struct pool *pool, const char *actor,
    const struct org_staff *s, struct org_err *err)
{
	enum db_rc	 rc;
	json_t		*d;
	int64_t		 id;
	char		*name, *dept;
	unsigned	 roles;
	int		 active;

	/* Roles and a first password are the security administrator's. */
	rc = account_staff_add(db, s->login, s->name, s->dept_code, 0, NULL,
	    0);
	if (rc == DB_DUP)
		return refuse(err, "login", pool_printf(pool, "登录名 %s 已被"
		    "使用，请换一个。", s->login));
	if (rc == DB_NONE)
		return refuse(err, "dept", NO_DEPT);
	if (rc != DB_OK)
		return rc;
	/* A mobile for reminders (NTF-1), sealed; the audit has its mask. */
	if (s->mobile != NULL && *s->mobile != '\0' &&
	    ((rc = staff_lock(db, pool, s->login, &id, &name, &dept, &roles,
	    &active, err)) != DB_OK ||
	    (rc = remind_mobile_set(db, pool, id, s->mobile)) != DB_OK))
		return rc;
	d = json_object();
	note(d, "name", NULL, s->name);
	note(d, "dept", NULL, s->dept_code);
	note_int(d, "active", 0, 0, 1);
	if (s->mobile != NULL && *s->mobile != '\0')
		note(d, "mobile", NULL, sms_mask(pool, s->mobile));
	return audit_json(db, pool, actor, "org.staff.add", pool_printf(pool,
	    "staff:%s", s->login), d);
}

static enum db_rc
staff_edit(struct db *db, struct pool *pool, const char *actor,
    const struct org_staff *s, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*oname, *odept;
	int64_t		 id, dept_id, held[NADMIN_ROLES];
	unsigned	 oroles;
	int		 oactive, changed;
	const char	*action;
	json_t		*d;

	if ((rc = admins_lock(db, pool, held)) != DB_OK ||
	    (rc = staff_lock(db, pool, s->login, &id, &oname, &odept, &oroles,
	    &oactive, err)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_DEPT_ID);
	stmt_bind_text(q, 0, s->dept_code);
	if ((rc = stmt_one(q, pool, "i", &dept_id)) == DB_NONE)
		return refuse(err, "dept", NO_DEPT);
	if (rc != DB_OK)
		return rc;
	if (last_holder(pool, held, oroles, oactive, oroles, s->active,
	    err) == -1)
		return DB_NONE;
	d = json_object();
	changed = note(d, "name", oname, s->name);
	changed |= note(d, "dept", odept, s->dept_code);
	changed |= note_int(d, "active", 1, oactive, s->active ? 1 : 0);
	if (!changed) {
		json_decref(d);
		return DB_OK;
	}
	q = db_stmt(db, SQL_STAFF_EDIT);
	stmt_bind_text(q, 0, s->name);
	stmt_bind_int(q, 1, dept_id);
	stmt_bind_int(q, 2, s->active ? 1 : 0);
	stmt_bind_int(q, 3, id);
	if ((rc = stmt_run(q)) == DB_OK && oactive && !s->active) {
		q = db_stmt(db, SQL_STAFF_SESSIONS_END);
		stmt_bind_int(q, 0, id);
		rc = stmt_run(q);
	}
	if (rc != DB_OK) {
		json_decref(d);
		return rc;
	}
	if (oactive && !s->active)
		action = "org.staff.deactivate";
	else if (!oactive && s->active)
		action = "org.staff.reactivate";
	else
		action = "org.staff.edit";
	return audit_json(db, pool, actor, action, pool_printf(pool, "staff:%s",
	    s->login), d);
}

enum db_rc
org_staff_save(struct db *db, struct pool *pool, const char *actor,
    enum org_mode mode, const struct org_staff *s, struct org_err *err)
{
	enum db_rc	 rc;

	if (mode == ORG_PUT)
		return DB_ERR;	/* staff are created or edited, knowingly */
	if (org_staff_check(s, err) == -1)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if (mode == ORG_ADD)
		rc = staff_add(db, pool, actor, s, err);
	else
		rc = staff_edit(db, pool, actor, s, err);
	return finish(db, rc);
}

static enum db_rc
roles_put(struct db *db, struct pool *pool, const char *actor,
    const char *login, unsigned roles, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*name, *dept;
	int64_t		 id, held[NADMIN_ROLES];
	unsigned	 oroles;
	int		 active;
	json_t		*d;

	if ((rc = admins_lock(db, pool, held)) != DB_OK ||
	    (rc = staff_lock(db, pool, login, &id, &name, &dept, &oroles,
	    &active, err)) != DB_OK)
		return rc;
	if (last_holder(pool, held, oroles, active, roles, active, err) == -1)
		return DB_NONE;
	if (roles == oroles)
		return DB_OK;
	q = db_stmt(db, SQL_STAFF_ROLES);
	stmt_bind_int(q, 0, roles);
	stmt_bind_int(q, 1, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	d = json_object();
	note(d, "roles", org_roles_label(pool, oroles), org_roles_label(pool,
	    roles));
	return audit_json(db, pool, actor, "org.staff.roles", pool_printf(pool,
	    "staff:%s", login), d);
}

enum db_rc
org_staff_roles(struct db *db, struct pool *pool, const char *actor,
    const char *login, unsigned roles, struct org_err *err)
{
	const char	*why;

	if (!org_valid_login(login))
		return refuse(err, "login", "没有找到这位工作人员。");
	if ((why = account_roles_refusal(roles)) != NULL)
		return refuse(err, "roles", why);
	/* Whoever grants roles does not grant them to themselves. */
	if (strcmp(login, actor) == 0)
		return refuse(err, "roles", "不能修改自己的角色，请由另一位安全"
		    "管理员办理。");
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	return finish(db, roles_put(db, pool, actor, login, roles, err));
}

/*
 * Store hash as the password of account id (login), in a transaction the
 * caller finishes: temporary when an administrator (actor) set it, then
 * every session of the account ends; else the owner's, then all but the
 * session keep.  Audited either way.
 */
static enum db_rc
password_put(struct db *db, struct pool *pool, const char *actor,
    const char *login, int64_t id, const char *hash, int temporary,
    const char *keep)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*d;

	q = db_stmt(db, SQL_STAFF_PW);
	stmt_bind_text(q, 0, hash);
	stmt_bind_int(q, 1, temporary);
	stmt_bind_int(q, 2, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	/* Whoever used the old password is logged out. */
	q = db_stmt(db, temporary ? SQL_STAFF_SESSIONS_END :
	    SQL_STAFF_SESSIONS_OTHERS);
	stmt_bind_int(q, 0, id);
	if (!temporary)
		stmt_bind_text(q, 1, keep != NULL ? keep : "");
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	d = json_object();
	note(d, "password", NULL, temporary ? "reset" : "changed by its owner");
	return audit_json(db, pool, actor, temporary ? "org.staff.password" :
	    "org.staff.password.change", pool_printf(pool, "staff:%s", login),
	    d);
}

/*
 * The one place a new staff password is judged, whoever sets it:
 * pwpolicy_staff() with the account's login and name.  DB_OK when it may
 * be used, DB_NONE with err set, DB_ERR.
 */
static enum db_rc
password_judge(struct db *db, struct pool *pool, const char *login,
    const char *password, struct org_err *err)
{
	struct org_staff s;
	enum db_rc	 rc;
	const char	*why;

	if ((rc = org_staff_get(db, pool, login, &s)) == DB_NONE)
		return refuse(err, "login", "没有找到这位工作人员。");
	if (rc != DB_OK)
		return rc;
	if ((why = pwpolicy_staff(password, login, s.name)) != NULL)
		return refuse(err, "password", why);
	return DB_OK;
}

enum db_rc
org_staff_password(struct db *db, struct pool *pool, const char *actor,
    const char *login, const char *password, struct org_err *err)
{
	enum db_rc	 rc;
	char		 hash[PWHASH_MAX], *name, *dept;
	int64_t		 id;
	unsigned	 roles;
	int		 active;

	if (!org_valid_login(login))
		return refuse(err, "login", "没有找到这位工作人员。");
	if (strcmp(login, actor) == 0)
		return refuse(err, "password", "自己的密码请在「修改密码」页"
		    "修改。");
	if ((rc = password_judge(db, pool, login, password, err)) != DB_OK)
		return rc;
	/* The slow hash before the transaction, which it need not hold. */
	if (crypto_pw_hash(password, hash) == -1)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	rc = staff_lock(db, pool, login, &id, &name, &dept, &roles, &active,
	    err);
	/* The administrator knows it: its owner must replace it. */
	if (rc == DB_OK)
		rc = password_put(db, pool, actor, login, id, hash, 1, NULL);
	return finish(db, rc);
}

enum db_rc
org_staff_password_change(struct db *db, struct pool *pool,
    const char *login, const char *old, const char *password,
    const char *keep, struct org_err *err)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 hash[PWHASH_MAX], *stored, *matched;
	int64_t		 id;
	long		 left;

	if (old == NULL || password == NULL)
		return refuse(err, old == NULL ? "old" : "password",
		    "请填写原密码和新密码。");
	/*
	 * The current password first, and counted with the account's wrong
	 * logins (SEC-1): someone at an unattended session gets five
	 * guesses, each one key derivation, as at the login page.
	 */
	switch (account_staff_recheck(db, pool, login, old, &matched, &left)) {
	case LOGIN_OK:
		break;
	case LOGIN_MISS:
		return refuse(err, "old", pool_printf(pool, "原密码不正确，请重新"
		    "输入。再输错 %ld 次，账号将被锁定，须请安全管理员解锁；"
		    "忘记了原密码，可请安全管理员重置。", left));
	case LOGIN_LOCKED:
		err->locked = 1;
		return refuse(err, "old", "账号已被锁定（密码连续输错 5 次），"
		    "您已退出登录。请联系安全管理员，核实身份后解锁。");
	default:
		return DB_ERR;
	}
	if (strcmp(old, password) == 0)
		return refuse(err, "password", "新密码不能与原密码相同。");
	if ((rc = password_judge(db, pool, login, password, err)) != DB_OK)
		return rc;
	if (crypto_pw_hash(password, hash) == -1)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_STAFF_PW_LOCK);
	stmt_bind_text(q, 0, login);
	if ((rc = stmt_one(q, pool, "is", &id, &stored)) == DB_NONE)
		rc = refuse(err, "old", "没有找到您的账号，请重新登录。");
	/* Not over a password set meanwhile (an administrator's reset). */
	else if (rc == DB_OK && strcmp(stored, matched) != 0)
		rc = refuse(err, "old", "您的密码刚刚被更改过，请重新输入原密码。");
	if (rc == DB_OK)
		rc = password_put(db, pool, login, login, id, hash, 0, keep);
	return finish(db, rc);
}

/* ------------------------------------------------------------------ */
/* The demo organisation                                                */
/* ------------------------------------------------------------------ */

/* A member of a JSON object as text: strings as they are, integers in
 * decimal (a region code written as a number), anything else "". */
static char *
jtext(struct pool *pool, json_t *obj, const char *key)
{
	json_t	*v = json_object_get(obj, key);

	if (json_is_string(v))
		return pool_strdup(pool, json_string_value(v));
	if (json_is_integer(v))
		return pool_printf(pool, "%lld",
		    (long long)json_integer_value(v));
	return "";
}

enum db_rc
org_load_demo(struct db *db, struct pool *pool, const char *actor,
    json_t *root)
{
	struct org_err		 err = { NULL, NULL };
	struct org_region	 r;
	struct org_hall		 h;
	struct org_dept		 dp;
	struct org_window	 w;
	json_t			*arr, *e, *wins, *we;
	char			*names[ORG_LEVELS], *what = "", *code = "";
	size_t			 i, j;
	int			 level;
	enum db_rc		 rc = DB_OK;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	arr = json_object_get(root, "level_names");
	if (arr != NULL) {
		what = "level_names";
		if (!json_is_array(arr) || json_array_size(arr) != ORG_LEVELS) {
			err.msg = "four names expected";
			rc = DB_NONE;
			goto done;
		}
		for (i = 0; i < ORG_LEVELS; i++)
			names[i] = (char *)str(json_string_value(
			    json_array_get(arr, i)));
		if (levels_check(names, pool, &err) == -1)
			rc = DB_NONE;
		else
			rc = levels_put(db, pool, actor, names, &err);
		if (rc != DB_OK)
			goto done;
	}
	/* Parents first, whatever the order in the file. */
	what = "region";
	arr = json_object_get(root, "regions");
	for (level = 1; level <= ORG_LEVELS + 1; level++)
		json_array_foreach(arr, i, e) {
			memset(&r, 0, sizeof(r));
			r.code = code = jtext(pool, e, "code");
			r.name = jtext(pool, e, "name");
			r.parent_code = jtext(pool, e, "parent");
			r.level = (int)json_integer_value(json_object_get(e,
			    "level"));
			/* Out-of-range levels are refused in the last pass. */
			if (level <= ORG_LEVELS ? r.level != level :
			    r.level >= 1 && r.level <= ORG_LEVELS)
				continue;
			if (org_region_check(&r, &err) == -1)
				rc = DB_NONE;
			else
				rc = region_put(db, pool, actor, ORG_PUT, &r,
				    &err);
			if (rc != DB_OK)
				goto done;
		}
	what = "hall";
	arr = json_object_get(root, "halls");
	json_array_foreach(arr, i, e) {
		memset(&h, 0, sizeof(h));
		h.code = code = jtext(pool, e, "code");
		h.name = jtext(pool, e, "name");
		h.region_code = jtext(pool, e, "region");
		h.address = jtext(pool, e, "address");
		h.phone = jtext(pool, e, "phone");
		h.hours = jtext(pool, e, "hours");
		if (org_hall_check(&h, &err) == -1)
			rc = DB_NONE;
		else
			rc = hall_put(db, pool, actor, ORG_PUT, &h, &err);
		if (rc != DB_OK)
			goto done;
	}
	arr = json_object_get(root, "departments");
	json_array_foreach(arr, i, e) {
		what = "department";
		memset(&dp, 0, sizeof(dp));
		dp.code = code = jtext(pool, e, "code");
		dp.name = jtext(pool, e, "name");
		dp.abbr = jtext(pool, e, "abbr");
		dp.region_code = jtext(pool, e, "region");
		dp.hall_code = jtext(pool, e, "hall");
		dp.address = jtext(pool, e, "address");
		dp.phone = jtext(pool, e, "phone");
		/* An old file names the region in words: keep them as text. */
		if (!org_valid_code(dp.region_code, ORG_REGION_CODE_MAX))
			dp.region_code = "";
		if (org_dept_check(&dp, &err) == -1)
			rc = DB_NONE;
		else
			rc = dept_put(db, pool, actor, ORG_PUT, &dp, &err);
		if (rc != DB_OK)
			goto done;
		what = "window";
		wins = json_object_get(e, "windows");
		json_array_foreach(wins, j, we) {
			memset(&w, 0, sizeof(w));
			w.dept_code = dp.code;
			w.code = jtext(pool, we, "code");
			w.name = jtext(pool, we, "name");
			w.hall_code = jtext(pool, we, "hall");
			code = pool_printf(pool, "%s/%s", dp.code, w.code);
			if (org_window_check(&w, &err) == -1)
				rc = DB_NONE;
			else
				rc = window_put(db, pool, actor, ORG_PUT, &w,
				    &err);
			if (rc != DB_OK)
				goto done;
		}
	}
done:
	if (rc == DB_NONE)
		log_err("demo.json: %s %s: %s", what, code, err.msg);
	rc = finish(db, rc);
	return rc == DB_OK ? DB_OK : DB_ERR;
}
