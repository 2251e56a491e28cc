/*
 * agency.c: 全程代理 for key investment projects (agency.h; INT-14).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agency.h"
#include "exchange.h"
#include "files.h"
#include "ids.h"
#include "log.h"
#include "utf8.h"
#include "vocab.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
/* States in which a case has ended, and in which its steps may act. */
#define ENDED	"('approved', 'denied', 'not_accepted', 'withdrawn')"
#define ACTING	"('received', 'processing')"
#define COORD_SUFFIX	"（代理协调员）"

static const char SQL_COORD[] =
    "SELECT id FROM staff WHERE login = ? AND active = 1 AND roles = ?";
static const char SQL_CATALOGUE[] =
    "SELECT code, name, dept_name FROM item WHERE status = 'published' "
    "ORDER BY dept_code, code";
static const char SQL_COORDS[] =
    "SELECT s.login, s.name, d.name FROM staff s "
    "JOIN department d ON d.id = s.dept_id "
    "WHERE s.active = 1 AND s.roles = ? ORDER BY s.name, s.login";
static const char SQL_ITEM_PUBLISHED[] =
    "SELECT COUNT(*) FROM item WHERE code = ? AND status = 'published'";
static const char SQL_ADD[] =
    "INSERT INTO agency_project (name, kind, credit_code, investor, "
    "location, amount_wan, agreement_no, agreement_sha, agreement_name, "
    "coordinator_id, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_ITEM_ADD[] =
    "INSERT INTO agency_item (project_id, seq, item_code) VALUES (?, ?, ?)";
static const char SQL_EVENT_ADD[] =
    "INSERT INTO agency_event (project_id, at, action, staff_id, "
    "staff_name, note) VALUES (?, UTC_TIMESTAMP(), ?, ?, ?, ?)";
#define PROJECT_COLS \
    "p.id, p.coordinator_id, p.amount_wan, " \
    "(SELECT COUNT(*) FROM agency_item i WHERE i.project_id = p.id), " \
    "(SELECT COUNT(*) FROM agency_item i WHERE i.project_id = p.id " \
    "AND i.case_id IS NOT NULL), " \
    "(SELECT COUNT(*) FROM agency_item i JOIN kase k ON k.id = i.case_id " \
    "WHERE i.project_id = p.id AND k.state IN " ENDED "), " \
    "p.name, p.kind, p.credit_code, p.investor, p.location, " \
    "p.agreement_no, p.agreement_sha, p.agreement_name, s.name, " \
    LOCAL("p.created_at") ", " LOCAL("p.closed_at") ", p.close_reason, " \
    "(SELECT DATE_FORMAT(MIN(t.due_date), '%Y-%m-%d') " \
    "FROM agency_item i JOIN kase k ON k.id = i.case_id " \
    "JOIN case_task t ON t.case_id = k.id WHERE i.project_id = p.id " \
    "AND k.state IN " ACTING ") " \
    "FROM agency_project p JOIN staff s ON s.id = p.coordinator_id "
static const char SQL_LIST[] =
    "SELECT " PROJECT_COLS
    "WHERE (? = 0 OR p.coordinator_id = ?) ORDER BY p.id DESC LIMIT 200";
static const char SQL_GET[] = "SELECT " PROJECT_COLS "WHERE p.id = ?";
static const char SQL_ITEMS[] =
    "SELECT i.seq, COALESCE(i.case_id, 0), i.item_code, "
    "COALESCE(k.item_name, (SELECT t.name FROM item t "
    "WHERE t.code = i.item_code ORDER BY t.status = 'published' DESC, "
    "t.version DESC LIMIT 1), i.item_code), "
    "COALESCE((SELECT t.dept_name FROM item t WHERE t.code = i.item_code "
    "ORDER BY t.status = 'published' DESC, t.version DESC LIMIT 1), ''), "
    "k.app_no, k.state, " LOCAL("i.linked_at") ", i.filed_by IS NOT NULL "
    "FROM agency_item i LEFT JOIN kase k ON k.id = i.case_id "
    "WHERE i.project_id = ? ORDER BY i.seq";
/* Each step waiting now, with the newest urge since it began waiting. */
static const char SQL_STEPS[] =
    "SELECT t.case_id, k.app_no, t.step_key, s.name, "
    "COALESCE(d.name, t.dept_code), DATE_FORMAT(t.due_date, '%Y-%m-%d'), "
    "u.staff_name, u.note, " LOCAL("u.at") " "
    "FROM agency_item i JOIN kase k ON k.id = i.case_id "
    "JOIN case_task t ON t.case_id = k.id "
    "JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key "
    "LEFT JOIN department d ON d.code = t.dept_code "
    "LEFT JOIN case_urge u ON u.id = (SELECT MAX(x.id) FROM case_urge x "
    "WHERE x.case_id = t.case_id AND x.step_key = t.step_key "
    "AND x.at >= t.since) "
    "WHERE i.project_id = ? AND k.state IN " ACTING " "
    "ORDER BY i.seq, t.since, t.step_key";
static const char SQL_DOCS[] =
    "SELECT d.app_no, d.title, d.doc_no, " LOCAL("d.issued_at") " "
    "FROM agency_item i JOIN kase k ON k.id = i.case_id "
    "JOIN document d ON d.app_no = k.app_no "
    "WHERE i.project_id = ? ORDER BY d.issued_at, d.id";
static const char SQL_TIMELINE[] =
    "SELECT " LOCAL("x.at") ", x.app_no, x.label, x.who, x.note FROM ("
    "SELECT e.at AS at, k.app_no AS app_no, e.label AS label, "
    "e.staff_name AS who, e.note AS note, 1 AS src, e.id AS id "
    "FROM agency_item i JOIN kase k ON k.id = i.case_id "
    "JOIN case_event e ON e.case_id = k.id WHERE i.project_id = ? "
    "UNION ALL SELECT a.at, NULL, CASE a.action "
    "WHEN 'register' THEN '登记全程代理项目' "
    "WHEN 'link' THEN '关联办件' WHEN 'file' THEN '代为申请' "
    "WHEN 'edit' THEN '修改项目' WHEN 'close' THEN '关闭项目' "
    "ELSE '催办' END, a.staff_name, a.note, "
    "0, a.id FROM agency_event a WHERE a.project_id = ?) x "
    "ORDER BY x.at, x.src, x.id LIMIT 1000";
static const char SQL_PROJECT_LOCK[] =
    "SELECT coordinator_id, credit_code, agreement_no, "
    "closed_at IS NOT NULL FROM agency_project WHERE id = ? FOR UPDATE";
static const char SQL_ITEM_LOCK[] =
    "SELECT seq, COALESCE(case_id, 0) FROM agency_item "
    "WHERE project_id = ? AND item_code = ? FOR UPDATE";
static const char SQL_CASE_OF[] =
    "SELECT id, item_code, COALESCE(credit_code, ''), item_name "
    "FROM kase WHERE app_no = ?";
static const char SQL_LINK[] =
    "UPDATE agency_item SET case_id = ?, linked_at = UTC_TIMESTAMP(), "
    "filed_by = ? WHERE project_id = ? AND seq = ? AND case_id IS NULL";
static const char SQL_URGE_CASE[] =
    "SELECT k.state, k.app_no FROM agency_item i JOIN kase k "
    "ON k.id = i.case_id WHERE i.project_id = ? AND k.id = ? FOR UPDATE";
static const char SQL_URGE_STEP[] =
    "SELECT s.name FROM case_task t JOIN kase k ON k.id = t.case_id "
    "JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key "
    "WHERE t.case_id = ? AND t.step_key = ?";
static const char SQL_URGE_ADD[] =
    "INSERT INTO case_urge (case_id, step_key, staff_id, staff_name, note, "
    "at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_FILE_NAMED[] =
    "SELECT 1 FROM agency_project WHERE agreement_sha = ? UNION ALL "
    "SELECT 1 FROM agency_agreement WHERE agreement_sha = ? LIMIT 1";
static const char SQL_IDS[] = "SELECT id FROM agency_project ORDER BY id";
static const char SQL_SENT_LOCK[] =
    "SELECT COALESCE(sent_body, ''), p.name, p.location, p.credit_code, "
    "s.name, DATE_FORMAT(p.closed_at + INTERVAL 8 HOUR, "
    "'%Y-%m-%d %H:%i:%s'), p.close_reason FROM agency_project p "
    "JOIN staff s ON s.id = p.coordinator_id WHERE p.id = ? FOR UPDATE";
static const char SQL_SENT_SET[] =
    "UPDATE agency_project SET sent_body = ? WHERE id = ?";
static const char SQL_NOW_LOCAL[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, "
    "'%Y-%m-%d %H:%i:%s')";
static const char SQL_OF_CASE[] =
    "SELECT p.name, p.agreement_no, COALESCE(d.name, '') "
    "FROM agency_item i JOIN agency_project p ON p.id = i.project_id "
    "LEFT JOIN staff s ON s.id = i.filed_by "
    "LEFT JOIN department d ON d.id = s.dept_id WHERE i.case_id = ?";
static const char SQL_EDIT_OLD[] =
    "SELECT name, location, amount_wan, agreement_sha, agreement_name "
    "FROM agency_project WHERE id = ?";
static const char SQL_EDIT_SET[] =
    "UPDATE agency_project SET name = ?, location = ?, amount_wan = ?, "
    "agreement_sha = ?, agreement_name = ? WHERE id = ?";
static const char SQL_ITEM_CODES[] =
    "SELECT item_code, COALESCE(case_id, 0) FROM agency_item "
    "WHERE project_id = ? ORDER BY seq FOR UPDATE";
static const char SQL_ITEM_DEL[] =
    "DELETE FROM agency_item WHERE project_id = ? AND item_code = ? "
    "AND case_id IS NULL";
static const char SQL_ITEM_NEXT[] =
    "INSERT INTO agency_item (project_id, seq, item_code) "
    "SELECT ?, COALESCE(MAX(seq), 0) + 1, ? FROM agency_item "
    "WHERE project_id = ?";
static const char SQL_AGREEMENT_OLD[] =
    "INSERT INTO agency_agreement (project_id, agreement_sha, "
    "agreement_name, replaced_at, replaced_by) "
    "VALUES (?, ?, ?, UTC_TIMESTAMP(), ?)";
static const char SQL_OPEN_ITEMS[] =
    "SELECT COUNT(*) FROM agency_item i LEFT JOIN kase k "
    "ON k.id = i.case_id WHERE i.project_id = ? "
    "AND (k.id IS NULL OR k.state NOT IN " ENDED ")";
static const char SQL_CLOSE[] =
    "UPDATE agency_project SET closed_at = UTC_TIMESTAMP(), "
    "closed_by = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL";
/* Extranet. */
static const char SQL_PROGRESS_PUT[] =
    "REPLACE INTO agency_progress (project_id, credit_code, name, "
    "location, coordinator, as_of, closed_at, close_reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
/* A case the centre filed at its window for the investor (INT-14) is
 * the enterprise's: its staff see it under 我的办件 (ACC-1).  Only a
 * walk-in application made in the record's credit code. */
static const char SQL_PROGRESS_ATTACH[] =
    "UPDATE application SET enterprise_id = (SELECT e.id FROM enterprise "
    "e WHERE e.credit_code = ?) WHERE app_no = ? AND credit_code = ? "
    "AND source = 'window' AND enterprise_id IS NULL";
static const char SQL_PROGRESS_CLEAR[] =
    "DELETE FROM agency_progress_item WHERE project_id = ?";
static const char SQL_PROGRESS_ITEM[] =
    "INSERT INTO agency_progress_item (project_id, seq, item_name, "
    "dept_name, state, app_no, step) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_PROGRESS_OF[] =
    "SELECT project_id, name, location, coordinator, "
    "DATE_FORMAT(as_of, '%Y-%m-%d %H:%i'), "
    "DATE_FORMAT(closed_at, '%Y-%m-%d %H:%i'), close_reason "
    "FROM agency_progress "
    "WHERE credit_code = ? ORDER BY project_id DESC LIMIT 50";
static const char SQL_PROGRESS_ITEMS[] =
    "SELECT item_name, dept_name, state, COALESCE(app_no, ''), step "
    "FROM agency_progress_item WHERE project_id = ? ORDER BY seq";

static const struct {
	const char	*word, *label;
} kinds[] = {
	{ "industrial", "工业性投资项目" },
	{ "key", "重点招商项目" },
};

static const char *
kind_label(const char *word)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (word != NULL && strcmp(kinds[i].word, word) == 0)
			return kinds[i].label;
	return NULL;
}

static enum db_rc
choice_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_choice	*c = arg;

	return stmt_row(q, pool, "sss", &c->code, &c->name, &c->group);
}

enum db_rc
agency_catalogue(struct db *db, struct pool *pool,
    struct agency_choice **v, size_t *n)
{
	return stmt_list(db_stmt(db, SQL_CATALOGUE), pool, choice_row,
	    sizeof(**v), v, n);
}

enum db_rc
agency_coordinators(struct db *db, struct pool *pool,
    struct agency_choice **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_COORDS);
	stmt_bind_int(q, 0, ROLE_COORD);
	return stmt_list(q, pool, choice_row, sizeof(**v), v, n);
}

/* Whether s holds lo to hi characters. */
static int
chars_within(const char *s, size_t lo, size_t hi)
{
	size_t	 n;

	if (s == NULL)
		return lo == 0;
	n = utf8_chars(s);
	return n >= lo && n <= hi;
}

/* A positive whole number of 万元 within AGENCY_AMOUNT_MAX, or -1. */
static long long
amount_of(const char *s)
{
	long long	 v = 0;
	size_t		 i;

	if (s == NULL || *s == '\0' || strlen(s) > 9)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= 1 && v <= AGENCY_AMOUNT_MAX ? v : -1;
}

/* An agreement number: 1 to 40 letters, digits and 〔〕()-号 marks as
 * printed on the agreement; checked as printable text. */
static int
agreement_no_ok(const char *s)
{
	size_t	 i;

	if (!chars_within(s, 2, 40))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* The coordinator's staff id by login, or 0. */
static int64_t
coordinator_of(struct db *db, struct pool *pool, const char *login)
{
	struct stmt	*q;
	int64_t		 id = 0;

	if (login == NULL || strlen(login) > 64)
		return 0;
	q = db_stmt(db, SQL_COORD);
	stmt_bind_text(q, 0, login);
	stmt_bind_int(q, 1, ROLE_COORD);
	if (stmt_one(q, pool, "i", &id) != DB_OK)
		return 0;
	return id;
}

/* What is wrong with a project's name, location or amount, or NULL. */
static const char *
facts_bad(const char *name, const char *location, const char *amount)
{
	if (!chars_within(name, 2, 100))
		return "请填写项目名称（2 至 100 个字）。";
	if (!chars_within(location, 2, 200))
		return "请填写项目建设地点（2 至 200 个字）。";
	if (amount_of(amount) < 0)
		return "投资额请填写万元数，为正整数（如 52000 表示 5.2 亿元）。";
	return NULL;
}

/* What is wrong with the item list items[0..n), or NULL. */
static const char *
items_bad(struct db *db, struct pool *pool, const char *const *items,
    size_t n)
{
	struct stmt	*q;
	int64_t		 c;
	size_t		 i, j;

	if (n == 0)
		return "请至少勾选一个项目需要办理的事项。";
	if (n > AGENCY_ITEMS_MAX)
		return "一个项目最多登记 30 个事项，请分项目登记。";
	for (i = 0; i < n; i++) {
		if (items[i] == NULL || strlen(items[i]) > 40)
			return "所选事项不在事项目录中，请刷新页面后重新选择。";
		for (j = 0; j < i; j++)
			if (strcmp(items[i], items[j]) == 0)
				return "同一事项只能选一次。";
		q = db_stmt(db, SQL_ITEM_PUBLISHED);
		stmt_bind_text(q, 0, items[i]);
		if (stmt_one(q, pool, "i", &c) != DB_OK || c == 0)
			return "所选事项不在已发布的事项目录中，请刷新页面后重新"
			    "选择。";
	}
	return NULL;
}

const char *
agency_new_bad(struct db *db, struct pool *pool, const struct agency_new *n)
{
	const char	*why;

	if ((why = facts_bad(n->name, n->location, n->amount)) != NULL)
		return why;
	if (kind_label(n->kind) == NULL)
		return "请选择项目类别：工业性投资项目或重点招商项目。";
	if (n->credit_code == NULL || !credit_code_valid(n->credit_code))
		return "投资企业的统一社会信用代码不正确：应为 18 位，请对照"
		    "营业执照重新填写。";
	if (!chars_within(n->investor, 2, 100))
		return "请填写投资企业名称（与营业执照一致，2 至 100 个字）。";
	if (!agreement_no_ok(n->agreement_no))
		return "请填写委托代理协议编号（2 至 40 个字符，与协议文本一致）。";
	if (coordinator_of(db, pool, n->coordinator) == 0)
		return "请从名单中选择一位代理协调员。";
	return items_bad(db, pool, n->items, n->nitems);
}

static enum db_rc
event_add(struct db *db, int64_t id, const char *action,
    const struct user *u, const char *name, const char *note)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EVENT_ADD);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, action);
	stmt_bind_int(q, 2, u->id);
	stmt_bind_text(q, 3, name);
	stmt_bind_text(q, 4, note);
	return stmt_run(q);
}

static enum db_rc send_one(struct db *, struct pool *, int64_t id,
    int *sent);

enum db_rc
agency_register(struct db *db, struct pool *pool, const struct user *u,
    const struct agency_new *n, int64_t *id, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;
	int		 sent;

	*id = 0;
	if ((*why = agency_new_bad(db, pool, n)) != NULL)
		return DB_NONE;
	if (n->agreement_sha == NULL || !files_sha_valid(n->agreement_sha) ||
	    !chars_within(n->agreement_name, 1, 200)) {
		*why = "请上传委托代理协议的扫描件（PDF）。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_text(q, 0, n->name);
	stmt_bind_text(q, 1, n->kind);
	stmt_bind_text(q, 2, n->credit_code);
	stmt_bind_text(q, 3, n->investor);
	stmt_bind_text(q, 4, n->location);
	stmt_bind_int(q, 5, amount_of(n->amount));
	stmt_bind_text(q, 6, n->agreement_no);
	stmt_bind_text(q, 7, n->agreement_sha);
	stmt_bind_text(q, 8, n->agreement_name);
	stmt_bind_int(q, 9, coordinator_of(db, pool, n->coordinator));
	stmt_bind_int(q, 10, u->id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	*id = stmt_insert_id(q);
	for (i = 0; i < n->nitems; i++) {
		q = db_stmt(db, SQL_ITEM_ADD);
		stmt_bind_int(q, 0, *id);
		stmt_bind_int(q, 1, (int64_t)i + 1);
		stmt_bind_text(q, 2, n->items[i]);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
	}
	if ((rc = event_add(db, *id, "register", u, u->name,
	    pool_printf(pool, "%s（%s，投资 %s 万元），委托代理协议 %s，"
	    "%zu 个事项", n->name, n->investor, n->amount, n->agreement_no,
	    n->nitems))) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "agency.register",
	    pool_printf(pool, "%lld", (long long)*id), json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:i}", "name", n->name, "credit_code",
	    n->credit_code, "agreement", n->agreement_no, "coordinator",
	    n->coordinator, "sha256", n->agreement_sha, "items",
	    (int)n->nitems))) != DB_OK ||
	    (rc = send_one(db, pool, *id, &sent)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	if (rc == DB_DUP)
		*why = "这个委托代理协议编号已经登记过项目，请核对协议编号。";
	return rc == DB_OK ? DB_ERR : rc;
}

static enum db_rc
project_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_project	*p = arg;
	enum db_rc		 rc;

	rc = stmt_row(q, pool, "iiiiiisssssssssssss", &p->id,
	    &p->coordinator_id, &p->amount_wan, &p->items, &p->linked,
	    &p->done, &p->name, &p->kind, &p->credit_code, &p->investor,
	    &p->location, &p->agreement_no, &p->agreement_sha,
	    &p->agreement_name, &p->coordinator, &p->created_at,
	    &p->closed_at, &p->close_reason, &p->worst_due);
	if (rc == DB_OK)
		p->kind_label = (char *)kind_label(p->kind);
	return rc;
}

enum db_rc
agency_list(struct db *db, struct pool *pool, int64_t coordinator,
    struct agency_project **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_LIST);
	stmt_bind_int(q, 0, coordinator);
	stmt_bind_int(q, 1, coordinator);
	return stmt_list(q, pool, project_row, sizeof(**v), v, n);
}

enum db_rc
agency_get(struct db *db, struct pool *pool, int64_t id,
    struct agency_project *p)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	return stmt_first(q, pool, project_row, p);
}

int
agency_may_read(const struct agency_project *p, const struct user *u)
{
	return (u->roles & ROLES_WATCH) != 0 ||
	    ((u->roles & ROLE_COORD) != 0 && p->coordinator_id == u->id);
}

/* The rows of sql for project id (its one parameter). */
static enum db_rc
by_project(struct db *db, struct pool *pool, const char *sql, int64_t id,
    row_reader reader, size_t size, void *v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, reader, size, v, n);
}

static enum db_rc
item_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_item	*i = arg;
	enum db_rc		 rc;
	const char		*l;

	rc = stmt_row(q, pool, "iissssssi", &i->seq, &i->case_id,
	    &i->item_code, &i->item_name, &i->dept_name, &i->app_no,
	    &i->state, &i->linked_at, &i->filed);
	if (rc == DB_OK && i->state != NULL)
		i->state_label = (l = vocab_state_label(i->state)) != NULL ?
		    (char *)l : i->state;
	return rc;
}

enum db_rc
agency_items(struct db *db, struct pool *pool, int64_t id,
    struct agency_item **v, size_t *n)
{
	return by_project(db, pool, SQL_ITEMS, id, item_row, sizeof(**v), v, n);
}

static enum db_rc
step_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_step	*s = arg;

	return stmt_row(q, pool, "issssssss", &s->case_id, &s->app_no,
	    &s->step_key, &s->step_name, &s->dept_name, &s->due,
	    &s->urged_by, &s->urge_note, &s->urged_at);
}

enum db_rc
agency_steps(struct db *db, struct pool *pool, int64_t id,
    struct agency_step **v, size_t *n)
{
	return by_project(db, pool, SQL_STEPS, id, step_row, sizeof(**v), v, n);
}

static enum db_rc
doc_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_doc	*d = arg;

	return stmt_row(q, pool, "ssss", &d->app_no, &d->title, &d->doc_no,
	    &d->issued_at);
}

enum db_rc
agency_docs(struct db *db, struct pool *pool, int64_t id,
    struct agency_doc **v, size_t *n)
{
	return by_project(db, pool, SQL_DOCS, id, doc_row, sizeof(**v), v, n);
}

static enum db_rc
event_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_event	*e = arg;

	return stmt_row(q, pool, "sssss", &e->at, &e->app_no, &e->label,
	    &e->who, &e->note);
}

enum db_rc
agency_timeline(struct db *db, struct pool *pool, int64_t id,
    struct agency_event **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_TIMELINE);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, id);
	return stmt_list(q, pool, event_row, sizeof(**v), v, n);
}

enum db_rc
agency_link(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *item_code, const char *app_no, int flags,
    const char **why)
{
	struct stmt	*q;
	int64_t		 coord, seq, linked, case_id, closed;
	char		*credit, *agreement, *code, *kcredit, *iname;
	enum db_rc	 rc;
	int		 sent, in_txn = flags & AGENCY_IN_TXN;
	int		 filed = (flags & AGENCY_FILED) != 0;

	*why = NULL;
	if (!in_txn && db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_PROJECT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "issi", &coord, &credit, &agreement,
	    &closed)) != DB_OK) {
		*why = "没有这个全程代理项目。";
		goto fail;
	}
	rc = DB_NONE;
	/* Its coordinator; or the window clerk who files the case for
	 * the centre (window intake's hook, INT-1).  Filing as the
	 * investor's agent is the coordinator's alone. */
	if ((u->roles & ROLE_COORD) ? coord != u->id :
	    filed || (u->roles & ROLE_CLERK) == 0) {
		*why = "只有本项目的代理协调员可以关联办件。";
		goto fail;
	}
	if (closed) {
		*why = "这个项目已经关闭，不能再关联或代为申请办件。";
		goto fail;
	}
	q = db_stmt(db, SQL_ITEM_LOCK);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, item_code ? item_code : "");
	if ((rc = stmt_one(q, pool, "ii", &seq, &linked)) != DB_OK) {
		*why = "这个事项不在本项目的事项清单中，请刷新页面后重新选择。";
		goto fail;
	}
	rc = DB_NONE;
	if (linked != 0) {
		*why = "这个事项已经关联了办件。";
		goto fail;
	}
	q = db_stmt(db, SQL_CASE_OF);
	stmt_bind_text(q, 0, app_no ? app_no : "");
	if (app_no == NULL || strlen(app_no) > 20 || (rc = stmt_one(q, pool,
	    "isss", &case_id, &code, &kcredit, &iname)) != DB_OK) {
		*why = "没有找到这个申请编号的办件，请核对后重新填写（如 "
		    "YW2026120700001）。";
		rc = rc == DB_ERR ? DB_ERR : DB_NONE;
		goto fail;
	}
	rc = DB_NONE;
	if (strcmp(code, item_code) != 0) {
		*why = pool_printf(pool, "申请编号 %s 办理的是“%s”，不是这个"
		    "事项，请核对申请编号。", app_no, iname);
		goto fail;
	}
	if (strcmp(kcredit, credit) != 0) {
		*why = pool_printf(pool, "申请编号 %s 不是以本项目投资企业的"
		    "名义申请的，不能关联。", app_no);
		goto fail;
	}
	q = db_stmt(db, SQL_LINK);
	stmt_bind_int(q, 0, case_id);
	if (filed)
		stmt_bind_int(q, 1, u->id);
	else
		stmt_bind_null(q, 1);
	stmt_bind_int(q, 2, id);
	stmt_bind_int(q, 3, seq);
	if ((rc = stmt_run(q)) == DB_DUP) {
		*why = pool_printf(pool, "申请编号 %s 已经关联在另一个项目"
		    "中。", app_no);
		rc = DB_NONE;
		goto fail;
	}
	if (rc != DB_OK ||
	    (rc = event_add(db, id, filed ? "file" : "link", u, u->name,
	    filed ? pool_printf(pool, "中心按委托代理协议 %s 代投资企业申请"
	    "“%s”，申请编号 %s", agreement, iname, app_no) :
	    pool_printf(pool, "“%s”由申请编号 %s 办理", iname, app_no))) !=
	    DB_OK ||
	    (rc = audit_json(db, pool, u->login, filed ? "agency.file" :
	    "agency.link", app_no, json_pack("{s:I, s:s, s:s}", "project",
	    (json_int_t)id, "item", item_code, "agreement", agreement))) !=
	    DB_OK ||
	    (rc = send_one(db, pool, id, &sent)) != DB_OK)
		goto fail;
	return in_txn ? DB_OK : db_commit(db);
fail:
	if (!in_txn)
		db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
agency_urge(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, int64_t case_id, const char *step_key, const char *note,
    const char **why)
{
	struct stmt	*q;
	int64_t		 coord, closed = 0;
	char		*credit, *agreement, *state, *app_no, *step;
	const char	*who;
	enum db_rc	 rc;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_PROJECT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "issi", &coord, &credit, &agreement,
	    &closed)) != DB_OK || (u->roles & ROLE_COORD) == 0 ||
	    coord != u->id || closed) {
		*why = closed && rc == DB_OK ? "这个项目已经关闭，只能查看。" :
		    "只有本项目的代理协调员可以催办。";
		rc = rc == DB_ERR ? DB_ERR : DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_URGE_CASE);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, case_id);
	if ((rc = stmt_one(q, pool, "ss", &state, &app_no)) != DB_OK) {
		*why = "这个办件不属于本项目。";
		rc = rc == DB_ERR ? DB_ERR : DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_URGE_STEP);
	stmt_bind_int(q, 0, case_id);
	stmt_bind_text(q, 1, step_key ? step_key : "");
	if ((strcmp(state, "received") != 0 &&
	    strcmp(state, "processing") != 0) || step_key == NULL ||
	    strlen(step_key) > 40 ||
	    (rc = stmt_one(q, pool, "s", &step)) != DB_OK) {
		*why = "这个环节现在没有待办，可能已经办理，请刷新后再看。";
		rc = rc == DB_ERR ? DB_ERR : DB_NONE;
		goto fail;
	}
	who = pool_printf(pool, "%s" COORD_SUFFIX, u->name);
	q = db_stmt(db, SQL_URGE_ADD);
	stmt_bind_int(q, 0, case_id);
	stmt_bind_text(q, 1, step_key);
	stmt_bind_int(q, 2, u->id);
	stmt_bind_text(q, 3, who);
	stmt_bind_text(q, 4, note ? note : "");
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_add(db, id, "urge", u, who, pool_printf(pool,
	    "%s“%s”环节%s%s", app_no, step, note && *note ? "：" : "",
	    note ? note : ""))) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "case.urge", app_no,
	    json_pack("{s:s, s:s, s:I}", "step", step_key, "note",
	    note ? note : "", "project", (json_int_t)id))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
agency_file_named(struct db *db, struct pool *pool, const char *sha)
{
	struct stmt	*q;
	int64_t		 one;

	q = db_stmt(db, SQL_FILE_NAMED);
	stmt_bind_text(q, 0, sha);
	stmt_bind_text(q, 1, sha);
	return stmt_one(q, pool, "i", &one);
}

enum db_rc
agency_of_case(struct db *db, struct pool *pool, int64_t case_id,
    char **label)
{
	struct stmt	*q;
	char		*name, *agreement, *centre;
	enum db_rc	 rc;

	*label = NULL;
	q = db_stmt(db, SQL_OF_CASE);
	stmt_bind_int(q, 0, case_id);
	if ((rc = stmt_one(q, pool, "sss", &name, &agreement, &centre)) !=
	    DB_OK)
		return rc;
	*label = *centre != '\0' ? pool_printf(pool, "代理：%s按委托代理协议 "
	    "%s 代投资企业申请（项目：%s）", centre, agreement, name) :
	    pool_printf(pool, "全程代理项目：%s（委托代理协议 %s）", name,
	    agreement);
	return DB_OK;
}

/* ---- editing and closing ------------------------------------------- */

/* Lock project id for u, its coordinator, while it is open: DB_OK; or
 * DB_NONE with *why. */
static enum db_rc
lock_own(struct db *db, struct pool *pool, const struct user *u, int64_t id,
    const char **why)
{
	struct stmt	*q;
	int64_t		 coord, closed;
	char		*credit, *agreement;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_PROJECT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "issi", &coord, &credit, &agreement,
	    &closed)) == DB_ERR)
		return rc;
	if (rc == DB_NONE || (u->roles & ROLE_COORD) == 0 || coord != u->id)
		*why = "只有本项目的代理协调员可以修改或关闭项目。";
	else if (closed)
		*why = "这个项目已经关闭，只能查看。";
	return *why != NULL ? DB_NONE : DB_OK;
}

const char *
agency_edit_bad(struct db *db, struct pool *pool, const struct agency_edit *e)
{
	const char	*why;

	if ((why = facts_bad(e->name, e->location, e->amount)) != NULL)
		return why;
	return items_bad(db, pool, e->items, e->nitems);
}

struct code_case {
	char		*code;
	int64_t		 case_id;
};

static enum db_rc
code_case_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct code_case	*c = arg;

	return stmt_row(q, pool, "si", &c->code, &c->case_id);
}

/* Whether code is one of v[0..n). */
static int
listed(const char *const *v, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], code) == 0)
			return 1;
	return 0;
}

/* The items of project id now v[0..n) as e wants them: removed (those
 * without a case only) and added; what changed appended to *note. */
static enum db_rc
edit_items(struct db *db, struct pool *pool, int64_t id,
    const struct agency_edit *e, char **note, const char **why)
{
	struct code_case	*v;
	struct stmt		*q;
	const char		**had;
	char			*added = "", *gone = "";
	enum db_rc		 rc;
	size_t			 n, i;

	q = db_stmt(db, SQL_ITEM_CODES);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_list(q, pool, code_case_row, sizeof(*v), &v, &n)) !=
	    DB_OK)
		return rc;
	had = pool_alloc(pool, (n + 1) * sizeof(*had));
	for (i = 0; i < n; i++) {
		had[i] = v[i].code;
		if (listed(e->items, e->nitems, v[i].code))
			continue;
		if (v[i].case_id != 0) {
			*why = pool_printf(pool, "事项 %s 已经有办件，不能移除。",
			    v[i].code);
			return DB_NONE;
		}
		q = db_stmt(db, SQL_ITEM_DEL);
		stmt_bind_int(q, 0, id);
		stmt_bind_text(q, 1, v[i].code);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		gone = pool_printf(pool, "%s%s%s", gone, *gone ? "、" : "",
		    v[i].code);
	}
	for (i = 0; i < e->nitems; i++) {
		if (listed(had, n, e->items[i]))
			continue;
		q = db_stmt(db, SQL_ITEM_NEXT);
		stmt_bind_int(q, 0, id);
		stmt_bind_text(q, 1, e->items[i]);
		stmt_bind_int(q, 2, id);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		added = pool_printf(pool, "%s%s%s", added, *added ? "、" : "",
		    e->items[i]);
	}
	if (*added)
		*note = pool_printf(pool, "%s%s增加事项 %s", *note,
		    **note ? "；" : "", added);
	if (*gone)
		*note = pool_printf(pool, "%s%s移除事项 %s", *note,
		    **note ? "；" : "", gone);
	return DB_OK;
}

/* The changed facts of e against the project's old ones, into *note. */
static void
edit_note(struct pool *pool, const struct agency_edit *e, const char *name,
    const char *where, int64_t amount, char **note)
{
	if (strcmp(e->name, name) != 0)
		*note = pool_printf(pool, "项目名称由“%s”改为“%s”", name,
		    e->name);
	if (strcmp(e->location, where) != 0)
		*note = pool_printf(pool, "%s%s建设地点改为“%s”", *note,
		    **note ? "；" : "", e->location);
	if (amount_of(e->amount) != amount)
		*note = pool_printf(pool, "%s%s总投资由 %lld 万元改为 %lld 万元",
		    *note, **note ? "；" : "", (long long)amount,
		    (long long)amount_of(e->amount));
	if (e->agreement_sha != NULL)
		*note = pool_printf(pool, "%s%s更换委托代理协议扫描件（原件"
		    "存档）", *note, **note ? "；" : "");
}

enum db_rc
agency_edit(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const struct agency_edit *e, const char **why)
{
	struct stmt	*q;
	char		*name, *where, *sha, *fname, *note = "";
	int64_t		 amount;
	enum db_rc	 rc;
	int		 sent;

	*why = NULL;
	if ((*why = agency_edit_bad(db, pool, e)) != NULL)
		return DB_NONE;
	if (e->agreement_sha != NULL && (!files_sha_valid(e->agreement_sha) ||
	    !chars_within(e->agreement_name, 1, 200))) {
		*why = "请上传委托代理协议的扫描件（PDF）。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = lock_own(db, pool, u, id, why)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_EDIT_OLD);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "ssiss", &name, &where, &amount, &sha,
	    &fname)) != DB_OK)
		goto fail;
	edit_note(pool, e, name, where, amount, &note);
	if ((rc = edit_items(db, pool, id, e, &note, why)) != DB_OK)
		goto fail;
	if (*note == '\0') {
		*why = "没有修改任何内容。";
		rc = DB_NONE;
		goto fail;
	}
	if (e->agreement_sha != NULL) {
		q = db_stmt(db, SQL_AGREEMENT_OLD);
		stmt_bind_int(q, 0, id);
		stmt_bind_text(q, 1, sha);
		stmt_bind_text(q, 2, fname);
		stmt_bind_int(q, 3, u->id);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
		sha = (char *)e->agreement_sha;
		fname = (char *)e->agreement_name;
	}
	q = db_stmt(db, SQL_EDIT_SET);
	stmt_bind_text(q, 0, e->name);
	stmt_bind_text(q, 1, e->location);
	stmt_bind_int(q, 2, amount_of(e->amount));
	stmt_bind_text(q, 3, sha);
	stmt_bind_text(q, 4, fname);
	stmt_bind_int(q, 5, id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_add(db, id, "edit", u, u->name, note)) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "agency.edit",
	    pool_printf(pool, "%lld", (long long)id), json_pack("{s:s, s:s}",
	    "changes", note, "sha256", sha))) != DB_OK ||
	    (rc = send_one(db, pool, id, &sent)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/*
 * The reason typed in the form's box as one line: its line ends and
 * tabs (the only control characters the request let in) become one
 * space, as the record that crosses takes a line (records.c); NULL when
 * nothing is left.
 */
static const char *
one_line(struct pool *pool, const char *s)
{
	char	*o, *d;

	if (s == NULL)
		return NULL;
	o = d = pool_strdup(pool, s);
	for (; *s != '\0'; s++) {
		if (*s == '\r' || *s == '\n' || *s == '\t') {
			if (d != o && d[-1] != ' ')
				*d++ = ' ';
		} else
			*d++ = *s;
	}
	while (d != o && d[-1] == ' ')
		d--;
	*d = '\0';
	return *o == '\0' ? NULL : o;
}

enum db_rc
agency_close(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *reason, const char **why)
{
	struct stmt	*q;
	int64_t		 open;
	enum db_rc	 rc;
	int		 sent;

	*why = NULL;
	reason = one_line(pool, reason);
	if (reason != NULL && !chars_within(reason, 2, AGENCY_REASON_MAX)) {
		*why = "关闭原因请写 2 至 200 个字。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = lock_own(db, pool, u, id, why)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_OPEN_ITEMS);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "i", &open)) != DB_OK)
		goto fail;
	if (open > 0 && reason == NULL) {
		*why = pool_printf(pool, "还有 %lld 个事项没有办结（或没有申请）。"
		    "项目终止的，请写明终止原因后再关闭。", (long long)open);
		rc = DB_NONE;
		goto fail;
	}
	if (reason == NULL)
		reason = "全部事项已办结";
	q = db_stmt(db, SQL_CLOSE);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, reason);
	stmt_bind_int(q, 2, id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_add(db, id, "close", u, u->name, open > 0 ?
	    pool_printf(pool, "项目终止（%lld 个事项未办结）：%s",
	    (long long)open, reason) : reason)) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "agency.close",
	    pool_printf(pool, "%lld", (long long)id), json_pack("{s:s, s:I}",
	    "reason", reason, "open_items", (json_int_t)open))) != DB_OK ||
	    (rc = send_one(db, pool, id, &sent)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* ---- the crossing (agency.progress) -------------------------------- */

/* Whether a case in state s has ended (ENDED). */
static int
ended(const char *s)
{
	return strcmp(s, "approved") == 0 || strcmp(s, "denied") == 0 ||
	    strcmp(s, "not_accepted") == 0 || strcmp(s, "withdrawn") == 0;
}

/* The items of project id as the investor reads them, JSON. */
static json_t *
progress_items(struct db *db, struct pool *pool, int64_t id)
{
	struct agency_item	*v;
	json_t			*a;
	const char		*state, *step;
	size_t			 n, i;

	if (agency_items(db, pool, id, &v, &n) != DB_OK ||
	    (a = json_array()) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (v[i].app_no == NULL) {
			state = "todo";
			step = "待申请";
		} else {
			state = ended(v[i].state) ? "done" : "doing";
			step = v[i].state_label;
		}
		if (json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:s}", "item", v[i].item_name, "dept", v[i].dept_name,
		    "state", state, "app_no", v[i].app_no ? v[i].app_no : "",
		    "step", step)) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* Queue project id's progress when it changed, in the caller's
 * transaction; *sent 1 when it did. */
static enum db_rc
send_one(struct db *db, struct pool *pool, int64_t id, int *sent)
{
	struct stmt	*q;
	json_t		*items, *rec;
	char		*last, *name, *where, *credit, *coord, *now, *body;
	char		*closed, *reason;
	enum db_rc	 rc;

	*sent = 0;
	q = db_stmt(db, SQL_SENT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "sssssss", &last, &name, &where, &credit,
	    &coord, &closed, &reason)) != DB_OK)
		return rc;
	if ((items = progress_items(db, pool, id)) == NULL)
		return DB_ERR;
	rec = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:o}", "type",
	    "agency.progress", "project", (json_int_t)id, "credit_code",
	    credit, "name", name, "location", where, "coordinator", coord,
	    "items", items);
	/* Closed (项目终止 or all decided): when, and why. */
	if (rec != NULL && closed != NULL &&
	    (json_object_set_new(rec, "closed_at", json_string(closed)) != 0 ||
	    json_object_set_new(rec, "close_reason", json_string(reason ?
	    reason : "")) != 0)) {
		json_decref(rec);
		return DB_ERR;
	}
	if (rec == NULL || (body = json_dumps(rec, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL) {
		json_decref(rec);
		return DB_ERR;
	}
	if (strcmp(body, last) == 0) {
		free(body);
		json_decref(rec);
		return DB_OK;
	}
	q = db_stmt(db, SQL_SENT_SET);
	stmt_bind_text(q, 0, body);
	stmt_bind_int(q, 1, id);
	rc = stmt_run(q);
	free(body);
	if (rc != DB_OK ||
	    (rc = stmt_one(db_stmt(db, SQL_NOW_LOCAL), pool, "s", &now)) !=
	    DB_OK || json_object_set_new(rec, "as_of", json_string(now)) !=
	    0) {
		json_decref(rec);
		return rc == DB_OK ? DB_ERR : rc;
	}
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	*sent = rc == DB_OK;
	return rc;
}

static enum db_rc
id_row(struct stmt *q, struct pool *pool, void *arg)
{
	return stmt_row(q, pool, "i", (int64_t *)arg);
}

enum db_rc
agency_send_all(struct db *db, struct pool *pool, int *n)
{
	int64_t		*v;
	size_t		 nv, i;
	enum db_rc	 rc;
	int		 sent;

	*n = 0;
	if ((rc = stmt_list(db_stmt(db, SQL_IDS), pool, id_row, sizeof(*v),
	    &v, &nv)) != DB_OK)
		return rc;
	for (i = 0; i < nv; i++) {
		if (db_begin(db) != DB_OK)
			return DB_ERR;
		if ((rc = send_one(db, pool, v[i], &sent)) != DB_OK) {
			db_rollback(db);
			return rc == DB_NONE ? DB_ERR : rc;
		}
		if (db_commit(db) != DB_OK)
			return DB_ERR;
		*n += sent;
	}
	return DB_OK;
}

/* ---- extranet ------------------------------------------------------ */

enum db_rc
agency_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	json_t		*items, *e;
	json_int_t	 id;
	const char	*credit, *name, *where, *coord, *as_of;
	const char	*item, *dept, *state, *app_no, *step;
	const char	*closed = NULL, *reason = NULL;
	enum db_rc	 rc;
	size_t		 i;

	(void)pool;
	if (json_unpack(rec, "{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s?s, s?s}",
	    "project", &id, "credit_code", &credit, "name", &name, "location",
	    &where, "coordinator", &coord, "as_of", &as_of, "items", &items,
	    "closed_at", &closed, "close_reason", &reason) != 0) {
		snprintf(err, errlen, "项目代办进度记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_PROGRESS_PUT);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, credit);
	stmt_bind_text(q, 2, name);
	stmt_bind_text(q, 3, where);
	stmt_bind_text(q, 4, coord);
	stmt_bind_text(q, 5, as_of);
	stmt_bind_text(q, 6, closed);
	stmt_bind_text(q, 7, closed != NULL ? reason : NULL);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_PROGRESS_CLEAR);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	json_array_foreach(items, i, e) {
		if (json_unpack(e, "{s:s, s:s, s:s, s:s, s:s}", "item", &item,
		    "dept", &dept, "state", &state, "app_no", &app_no, "step",
		    &step) != 0) {
			snprintf(err, errlen, "项目代办进度记录缺少字段");
			return DB_NONE;
		}
		q = db_stmt(db, SQL_PROGRESS_ITEM);
		stmt_bind_int(q, 0, id);
		stmt_bind_int(q, 1, (int64_t)i + 1);
		stmt_bind_text(q, 2, item);
		stmt_bind_text(q, 3, dept);
		stmt_bind_text(q, 4, state);
		if (*app_no != '\0')
			stmt_bind_text(q, 5, app_no);
		else
			stmt_bind_null(q, 5);
		stmt_bind_text(q, 6, step);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		if (*app_no == '\0')
			continue;
		q = db_stmt(db, SQL_PROGRESS_ATTACH);
		stmt_bind_text(q, 0, credit);
		stmt_bind_text(q, 1, app_no);
		stmt_bind_text(q, 2, credit);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

static enum db_rc
progress_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_progress	*p = arg;

	return stmt_row(q, pool, "issssss", &p->project_id, &p->name,
	    &p->location, &p->coordinator, &p->as_of, &p->closed_at,
	    &p->close_reason);
}

static enum db_rc
progress_item_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_progress_item	*i = arg;

	return stmt_row(q, pool, "sssss", &i->item_name, &i->dept_name,
	    &i->state, &i->app_no, &i->step);
}

enum db_rc
agency_progress_of(struct db *db, struct pool *pool, const char *credit,
    struct agency_progress **v, size_t *n)
{
	struct agency_progress	*p;
	struct stmt		*q;
	enum db_rc		 rc;
	size_t			 i, j;

	q = db_stmt(db, SQL_PROGRESS_OF);
	stmt_bind_text(q, 0, credit);
	if ((rc = stmt_list(q, pool, progress_row, sizeof(**v), v, n)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < *n; i++) {
		p = &(*v)[i];
		q = db_stmt(db, SQL_PROGRESS_ITEMS);
		stmt_bind_int(q, 0, p->project_id);
		if ((rc = stmt_list(q, pool, progress_item_row,
		    sizeof(*p->items), &p->items, &p->nitems)) != DB_OK)
			return rc;
		for (j = 0; j < p->nitems; j++)
			if (strcmp(p->items[j].state, "done") == 0)
				p->ndone++;
			else if (strcmp(p->items[j].state, "doing") == 0)
				p->ndoing++;
			else
				p->ntodo++;
	}
	return DB_OK;
}
