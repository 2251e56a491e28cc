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
    LOCAL("p.created_at") ", " \
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
    "k.app_no, k.state, " LOCAL("i.linked_at") " "
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
    "WHEN 'link' THEN '关联办件' ELSE '催办' END, a.staff_name, a.note, "
    "0, a.id FROM agency_event a WHERE a.project_id = ?) x "
    "ORDER BY x.at, x.src, x.id LIMIT 1000";
static const char SQL_PROJECT_LOCK[] =
    "SELECT coordinator_id, credit_code FROM agency_project WHERE id = ? "
    "FOR UPDATE";
static const char SQL_ITEM_LOCK[] =
    "SELECT seq, COALESCE(case_id, 0) FROM agency_item "
    "WHERE project_id = ? AND item_code = ? FOR UPDATE";
static const char SQL_CASE_OF[] =
    "SELECT id, item_code, COALESCE(credit_code, ''), item_name "
    "FROM kase WHERE app_no = ?";
static const char SQL_LINK[] =
    "UPDATE agency_item SET case_id = ?, linked_at = UTC_TIMESTAMP() "
    "WHERE project_id = ? AND seq = ? AND case_id IS NULL";
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
    "SELECT 1 FROM agency_project WHERE agreement_sha = ? LIMIT 1";
static const char SQL_IDS[] = "SELECT id FROM agency_project ORDER BY id";
static const char SQL_SENT_LOCK[] =
    "SELECT COALESCE(sent_body, ''), p.name, p.location, p.credit_code, "
    "s.name FROM agency_project p JOIN staff s ON s.id = p.coordinator_id "
    "WHERE p.id = ? FOR UPDATE";
static const char SQL_SENT_SET[] =
    "UPDATE agency_project SET sent_body = ? WHERE id = ?";
static const char SQL_NOW_LOCAL[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, "
    "'%Y-%m-%d %H:%i:%s')";
/* Extranet. */
static const char SQL_PROGRESS_PUT[] =
    "REPLACE INTO agency_progress (project_id, credit_code, name, "
    "location, coordinator, as_of) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_PROGRESS_CLEAR[] =
    "DELETE FROM agency_progress_item WHERE project_id = ?";
static const char SQL_PROGRESS_ITEM[] =
    "INSERT INTO agency_progress_item (project_id, seq, item_name, "
    "dept_name, state, app_no, step) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_PROGRESS_OF[] =
    "SELECT project_id, name, location, coordinator, "
    "DATE_FORMAT(as_of, '%Y-%m-%d %H:%i') FROM agency_progress "
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

const char *
agency_new_bad(struct db *db, struct pool *pool, const struct agency_new *n)
{
	struct stmt	*q;
	int64_t		 c;
	size_t		 i, j;

	if (!chars_within(n->name, 2, 100))
		return "请填写项目名称（2 至 100 个字）。";
	if (kind_label(n->kind) == NULL)
		return "请选择项目类别：工业性投资项目或重点招商项目。";
	if (n->credit_code == NULL || !credit_code_valid(n->credit_code))
		return "投资企业的统一社会信用代码不正确：应为 18 位，请对照"
		    "营业执照重新填写。";
	if (!chars_within(n->investor, 2, 100))
		return "请填写投资企业名称（与营业执照一致，2 至 100 个字）。";
	if (!chars_within(n->location, 2, 200))
		return "请填写项目建设地点（2 至 200 个字）。";
	if (amount_of(n->amount) < 0)
		return "投资额请填写万元数，为正整数（如 52000 表示 5.2 亿元）。";
	if (!agreement_no_ok(n->agreement_no))
		return "请填写委托代理协议编号（2 至 40 个字符，与协议文本一致）。";
	if (coordinator_of(db, pool, n->coordinator) == 0)
		return "请从名单中选择一位代理协调员。";
	if (n->nitems == 0)
		return "请至少勾选一个项目需要办理的事项。";
	if (n->nitems > AGENCY_ITEMS_MAX)
		return "一个项目最多登记 30 个事项，请分项目登记。";
	for (i = 0; i < n->nitems; i++) {
		if (n->items[i] == NULL || strlen(n->items[i]) > 40)
			return "所选事项不在事项目录中，请刷新页面后重新选择。";
		for (j = 0; j < i; j++)
			if (strcmp(n->items[i], n->items[j]) == 0)
				return "同一事项只能选一次。";
		q = db_stmt(db, SQL_ITEM_PUBLISHED);
		stmt_bind_text(q, 0, n->items[i]);
		if (stmt_one(q, pool, "i", &c) != DB_OK || c == 0)
			return "所选事项不在已发布的事项目录中，请刷新页面后重新"
			    "选择。";
	}
	return NULL;
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

	rc = stmt_row(q, pool, "iiiiiisssssssssss", &p->id,
	    &p->coordinator_id, &p->amount_wan, &p->items, &p->linked,
	    &p->done, &p->name, &p->kind, &p->credit_code, &p->investor,
	    &p->location, &p->agreement_no, &p->agreement_sha,
	    &p->agreement_name, &p->coordinator, &p->created_at,
	    &p->worst_due);
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

	rc = stmt_row(q, pool, "iissssss", &i->seq, &i->case_id,
	    &i->item_code, &i->item_name, &i->dept_name, &i->app_no,
	    &i->state, &i->linked_at);
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
    int64_t id, const char *item_code, const char *app_no, int in_txn,
    const char **why)
{
	struct stmt	*q;
	int64_t		 coord, seq, linked, case_id;
	char		*credit, *code, *kcredit, *iname;
	enum db_rc	 rc;
	int		 sent;

	*why = NULL;
	if (!in_txn && db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_PROJECT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "is", &coord, &credit)) != DB_OK) {
		*why = "没有这个全程代理项目。";
		goto fail;
	}
	rc = DB_NONE;
	/* Its coordinator; or the window clerk who files the case for
	 * the centre (window intake's hook, INT-1). */
	if ((u->roles & ROLE_COORD) ? coord != u->id :
	    (u->roles & ROLE_CLERK) == 0) {
		*why = "只有本项目的代理协调员可以关联办件。";
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
	stmt_bind_int(q, 1, id);
	stmt_bind_int(q, 2, seq);
	if ((rc = stmt_run(q)) == DB_DUP) {
		*why = pool_printf(pool, "申请编号 %s 已经关联在另一个项目"
		    "中。", app_no);
		rc = DB_NONE;
		goto fail;
	}
	if (rc != DB_OK ||
	    (rc = event_add(db, id, "link", u, u->name, pool_printf(pool,
	    "“%s”由申请编号 %s 办理", iname, app_no))) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "agency.link", app_no,
	    json_pack("{s:I, s:s}", "project", (json_int_t)id, "item",
	    item_code))) != DB_OK ||
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
	int64_t		 coord;
	char		*credit, *state, *app_no, *step;
	const char	*who;
	enum db_rc	 rc;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_PROJECT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "is", &coord, &credit)) != DB_OK ||
	    (u->roles & ROLE_COORD) == 0 || coord != u->id) {
		*why = "只有本项目的代理协调员可以催办。";
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
	return stmt_one(q, pool, "i", &one);
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
	enum db_rc	 rc;

	*sent = 0;
	q = db_stmt(db, SQL_SENT_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "sssss", &last, &name, &where, &credit,
	    &coord)) != DB_OK)
		return rc;
	if ((items = progress_items(db, pool, id)) == NULL)
		return DB_ERR;
	rec = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:o}", "type",
	    "agency.progress", "project", (json_int_t)id, "credit_code",
	    credit, "name", name, "location", where, "coordinator", coord,
	    "items", items);
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
	enum db_rc	 rc;
	size_t		 i;

	(void)pool;
	if (json_unpack(rec, "{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "project",
	    &id, "credit_code", &credit, "name", &name, "location", &where,
	    "coordinator", &coord, "as_of", &as_of, "items", &items) != 0) {
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
	}
	return DB_OK;
}

static enum db_rc
progress_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agency_progress	*p = arg;

	return stmt_row(q, pool, "issss", &p->project_id, &p->name,
	    &p->location, &p->coordinator, &p->as_of);
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
