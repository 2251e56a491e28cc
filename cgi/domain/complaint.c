/*
 * complaint.c: complaints on both sites (complaint.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "complaint.h"
#include "deadline.h"
#include "exchange.h"
#include "flow.h"
#include "ids.h"
#include "pii.h"

#define SEALED_CMP_ID		"complaint.id_number"
#define SEALED_CMP_PHONE	"complaint.phone"

/* ---- shared -------------------------------------------------------- */

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d'), "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-%d')";

/* The columns every reader of a complaint reads, in struct order. */
#define CMP_COLUMNS CMP_COLS CMP_FROM("")
#define CMP_COLS \
    "c.id, COALESCE(c.case_id, 0), COALESCE(c.assignee_id, 0), c.seq, " \
    "c.cmp_no, c.about, c.app_no, c.dept_code, c.dept_name, c.person, " \
    "c.subject, c.body, c.name, c.id_sealed, c.phone_sealed, c.state, " \
    "DATE_FORMAT(c.filed_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "DATE_FORMAT(c.accept_due, '%Y-%m-%d'), COALESCE(s.name, ''), " \
    "DATE_FORMAT(c.assigned_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "DATE_FORMAT(c.reply_due, '%Y-%m-%d'), c.reply, " \
    "DATE_FORMAT(c.replied_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "DATE_FORMAT(c.close_due, '%Y-%m-%d'), " \
    "DATE_FORMAT(c.closed_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
    "DATE_FORMAT(c.updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') "
/* The table and the assignee's name, read through index ix if not "". */
#define CMP_FROM(ix) "FROM complaint c " ix \
    "LEFT JOIN staff s ON s.id = c.assignee_id "
#define CMP_COLUMNS_IX(ix) CMP_COLS CMP_FROM("FORCE INDEX (" ix ") ")

static const char SQL_LIST_CITIZEN[] =
    "SELECT " CMP_COLUMNS "WHERE c.citizen_id = ? ORDER BY c.id DESC";
/*
 * The supervisors' list (cmp_page), newest first, a page at a time from
 * the id before which it starts; each filter reads its own index
 * (db/156), named because the optimizer would rather walk the primary key
 * backwards through every closed complaint.
 */
static const char SQL_PAGE_ALL[] =
    "SELECT " CMP_COLUMNS "WHERE c.id < ? ORDER BY c.id DESC LIMIT ?";
static const char SQL_PAGE_OPEN[] =
    "SELECT " CMP_COLUMNS_IX("cmp_open_id")
    "WHERE c.cmp_open = 1 AND c.id < ? ORDER BY c.id DESC LIMIT ?";
static const char SQL_PAGE_STATE[] =
    "SELECT " CMP_COLUMNS_IX("state")
    "WHERE c.state = ? AND c.id < ? ORDER BY c.id DESC LIMIT ?";
/* A light: a range of the running deadline (and maybe one state). */
static const char SQL_PAGE_LIGHT[] =
    "SELECT " CMP_COLUMNS_IX("cmp_due_id")
    "WHERE c.cmp_due BETWEEN ? AND ? AND (? IS NULL OR c.state = ?) "
    "AND c.id < ? ORDER BY c.id DESC LIMIT ?";
/* The open complaints per state and light; parameters: the first yellow
 * day, the first green day (twice each). */
static const char SQL_COUNTS[] =
    "SELECT state, COUNT(*), CAST(SUM(cmp_due < ?) AS SIGNED), "
    "CAST(SUM(cmp_due >= ? AND cmp_due < ?) AS SIGNED), "
    "CAST(SUM(cmp_due >= ?) AS SIGNED) "
    "FROM complaint FORCE INDEX (cmp_open_due) WHERE cmp_open = 1 "
    "GROUP BY state";
static const char SQL_GET[] =
    "SELECT " CMP_COLUMNS "WHERE c.id = ?";
static const char SQL_LOCK[] =
    "SELECT " CMP_COLUMNS "WHERE c.id = ? FOR UPDATE";
static const char SQL_EXISTS[] =
    "SELECT id FROM complaint WHERE cmp_no = ?";

static const struct {
	const char	*state, *label;
} states[] = {
	{ "received", "已收到，等待受理" },
	{ "assigned", "已受理，正在调查" },
	{ "investigating", "正在调查核实" },
	{ "replied", "已答复" },
	{ "closed", "已办结" },
};

const char *
cmp_state_label(const char *state)
{
	size_t	 i;

	for (i = 0; state != NULL && i < sizeof(states) / sizeof(states[0]);
	    i++)
		if (strcmp(states[i].state, state) == 0)
			return states[i].label;
	return NULL;
}

const char *
cmp_about_label(const char *about)
{
	if (about == NULL)
		return "";
	if (strcmp(about, "case") == 0)
		return "办件";
	if (strcmp(about, "dept") == 0)
		return "部门";
	if (strcmp(about, "person") == 0)
		return "工作人员";
	return "";
}

int
cmp_no_valid(const char *s)
{
	cal_day	 d;
	char	 ymd[11];
	size_t	 i;

	if (s == NULL || strlen(s) != 15 || strncmp(s, "TS", 2) != 0)
		return 0;
	for (i = 2; i < 15; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	snprintf(ymd, sizeof(ymd), "%.4s-%.2s-%.2s", s + 2, s + 6, s + 8);
	return cal_day_parse(ymd, &d) == 0;
}

int
cmp_phone_valid(const char *s)
{
	return s != NULL && (*s == '\0' || phone_valid(s));
}

const char *
cmp_due(const struct complaint *c)
{
	if (strcmp(c->state, "received") == 0)
		return c->accept_due;
	if (strcmp(c->state, "assigned") == 0 ||
	    strcmp(c->state, "investigating") == 0)
		return c->reply_due;
	if (strcmp(c->state, "replied") == 0)
		return c->close_due;
	return NULL;
}

/* A complaint's row, its personal data as stored (sealed). */
static enum db_rc
cmp_row_sealed(struct stmt *q, struct pool *pool, void *elem)
{
	struct complaint	*c = elem;

	return stmt_row(q, pool, "iiiissssssssssssssssssssss", &c->id,
	    &c->case_id, &c->assignee_id, &c->seq, &c->no, &c->about,
	    &c->app_no, &c->dept_code, &c->dept_name, &c->person,
	    &c->subject, &c->body, &c->name, &c->id_number, &c->phone,
	    &c->state, &c->filed_at, &c->accept_due, &c->assignee,
	    &c->assigned_at, &c->reply_due, &c->reply, &c->replied_at,
	    &c->close_due, &c->closed_at, &c->updated_at);
}

/* For the lists: the personal data left out (never opened). */
static enum db_rc
cmp_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct complaint	*c = elem;
	enum db_rc		 rc;

	if ((rc = cmp_row_sealed(q, pool, elem)) == DB_OK)
		c->id_number = c->phone = NULL;
	return rc;
}

/* Run q (one complaint) and read it with its personal data opened. */
static enum db_rc
cmp_fetch(struct stmt *q, struct pool *pool, struct complaint *c)
{
	enum db_rc	 rc;

	if ((rc = stmt_first(q, pool, cmp_row_sealed, c)) != DB_OK)
		return rc;
	c->id_number = *c->id_number == '\0' ? "" :
	    pii_open(pool, SEALED_CMP_ID, c->id_number);
	c->phone = *c->phone == '\0' ? "" :
	    pii_open(pool, SEALED_CMP_PHONE, c->phone);
	return c->id_number == NULL || c->phone == NULL ? DB_ERR : DB_OK;
}

enum db_rc
cmp_exists(struct db *db, struct pool *pool, const char *no)
{
	struct stmt	*q;
	int64_t		 id;

	q = db_stmt(db, SQL_EXISTS);
	stmt_bind_text(q, 0, no);
	return stmt_one(q, pool, "i", &id);
}

/* ---- extranet ------------------------------------------------------ */

static const char SQL_EXT_DEPTS[] =
    "SELECT dept_code, MIN(dept_name) FROM item WHERE status = 'published' "
    "GROUP BY dept_code ORDER BY MIN(dept_name), dept_code";
static const char SQL_BY_KEY[] =
    "SELECT cmp_no FROM complaint WHERE citizen_id = ? AND form_key = ?";
static const char SQL_FILE[] =
    "INSERT INTO complaint (cmp_no, citizen_id, form_key, about, app_no, "
    "dept_code, dept_name, person, subject, body, name, phone_sealed, "
    "state, filed_at, updated_at) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, 'received', ?, ?)";
static const char SQL_NUMBER[] =
    "UPDATE complaint SET cmp_no = ? WHERE id = ?";
static const char SQL_STATE_TAKE[] =
    "UPDATE complaint SET state = ?, seq = ?, reply = ?, "
    "replied_at = IF(? = '', NULL, COALESCE(replied_at, ?)), "
    "reply_due = IF(? = '', NULL, ?), "
    "updated_at = ? WHERE cmp_no = ? AND seq < ?";

static enum db_rc
dept_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct cmp_dept	*d = elem;

	return stmt_row(q, pool, "ss", &d->code, &d->name);
}

enum db_rc
cmp_ext_depts(struct db *db, struct pool *pool, struct cmp_dept **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_EXT_DEPTS), pool, dept_row,
	    sizeof(**v), v, n);
}

enum db_rc
cmp_by_key(struct db *db, struct pool *pool, int64_t citizen,
    const char *form_key, char **no)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_BY_KEY);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, form_key);
	return stmt_one(q, pool, "s", no);
}

enum db_rc
cmp_file(struct db *db, struct pool *pool, const struct user *u,
    const struct cmp_new *c, const char *form_key, char **no)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*day, *now, *bjday, *phone = "";

	if ((rc = cmp_by_key(db, pool, u->id, form_key, no)) != DB_NONE)
		return rc;
	if (*c->phone != '\0' &&
	    (phone = pii_seal(pool, SEALED_CMP_PHONE, c->phone)) == NULL)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "sss", &day, &now,
	    &bjday)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_FILE);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, form_key);
	stmt_bind_text(q, 2, c->about);
	stmt_bind_text(q, 3, c->app_no);
	stmt_bind_text(q, 4, c->dept_code);
	stmt_bind_text(q, 5, c->dept_name);
	stmt_bind_text(q, 6, c->person);
	stmt_bind_text(q, 7, c->subject);
	stmt_bind_text(q, 8, c->body);
	stmt_bind_text(q, 9, c->name);
	stmt_bind_text(q, 10, phone);
	stmt_bind_text(q, 11, now);
	stmt_bind_text(q, 12, now);
	if ((rc = stmt_run(q)) == DB_DUP) {
		/* The same form posted twice at once: the first one's. */
		db_rollback(db);
		return cmp_by_key(db, pool, u->id, form_key, no);
	}
	if (rc != DB_OK)
		goto fail;
	if ((rc = stmt_number(db, q, pool, SQL_NUMBER, "TS", day, no)) !=
	    DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:{s:s, s:s}, s:s, s:s}", "type", "complaint", "no", *no,
	    "about", c->about, "app_no", c->app_no, "dept_code", c->dept_code,
	    "dept_name", c->dept_name, "person", c->person, "subject",
	    c->subject, "body", c->body, "complainant", "name", c->name,
	    "id_number", c->id_number, "phone", c->phone, "filed_at", now);
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, u->login,
	    "complaint.file", *no, c->about)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
cmp_list_citizen(struct db *db, struct pool *pool, int64_t citizen,
    struct complaint **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_LIST_CITIZEN);
	stmt_bind_int(q, 0, citizen);
	return stmt_list(q, pool, cmp_row, sizeof(**v), v, n);
}

enum db_rc
cmp_import_state(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	const char	*no, *state, *at, *reply, *due;
	json_int_t	 seq;
	char		*day, *now, *bjday;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:I, s:s, s:s, s:s, s:s}", "no", &no,
	    "seq", &seq, "state", &state, "at", &at, "reply", &reply, "due",
	    &due) != 0) {
		snprintf(err, errlen, "投诉进度记录缺少字段");
		return DB_NONE;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "sss", &day, &now,
	    &bjday)) != DB_OK)
		return rc;
	/* Only a newer state: an older or the same record changes nothing. */
	q = db_stmt(db, SQL_STATE_TAKE);
	stmt_bind_text(q, 0, state);
	stmt_bind_int(q, 1, seq);
	stmt_bind_text(q, 2, reply);
	stmt_bind_text(q, 3, *reply != '\0' ? at : "");
	stmt_bind_text(q, 4, at);
	stmt_bind_text(q, 5, due);
	stmt_bind_text(q, 6, due);
	stmt_bind_text(q, 7, now);
	stmt_bind_text(q, 8, no);
	stmt_bind_int(q, 9, seq);
	return stmt_run(q);
}

/* ---- intranet ------------------------------------------------------ */

static const char SQL_IMPORT[] =
    "INSERT INTO complaint (cmp_no, about, app_no, case_id, dept_code, "
    "dept_name, person, subject, body, name, id_sealed, phone_sealed, "
    "state, filed_at, accept_due, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, 'received', ?, ?, UTC_TIMESTAMP())";
static const char SQL_FILED_DAY[] =
    "SELECT DATE_FORMAT(? + INTERVAL 8 HOUR, '%Y-%m-%d')";
static const char SQL_EVENT_ADD[] =
    "INSERT INTO complaint_event (complaint_id, at, actor, action, note) "
    "VALUES (?, UTC_TIMESTAMP(), ?, ?, ?)";
static const char SQL_EVENTS[] =
    "SELECT DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), actor, "
    "action, note FROM complaint_event WHERE complaint_id = ? ORDER BY id";
static const char SQL_SUPERVISORS[] =
    "SELECT id, name FROM staff WHERE active = 1 AND (roles & 256) <> 0 "
    "ORDER BY name, id";
static const char SQL_ASSIGN[] =
    "UPDATE complaint SET state = ?, assignee_id = ?, "
    "assigned_at = UTC_TIMESTAMP(), reply_due = ?, seq = seq + 1, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_INVESTIGATE[] =
    "UPDATE complaint SET state = 'investigating', seq = seq + ?, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_REPLY[] =
    "UPDATE complaint SET state = 'replied', reply = ?, "
    "replied_at = UTC_TIMESTAMP(), close_due = ?, seq = seq + 1, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_CLOSE[] =
    "UPDATE complaint SET state = 'closed', closed_at = UTC_TIMESTAMP(), "
    "seq = seq + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?";

static enum db_rc
event_add(struct db *db, int64_t id, const char *actor, const char *action,
    const char *note)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EVENT_ADD);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, actor);
	stmt_bind_text(q, 2, action);
	stmt_bind_text(q, 3, note);
	return stmt_run(q);
}

/* n working days after the Beijing date day, on the stored calendar. */
static char *
due_after(struct db *db, struct pool *pool, const char *day, int n)
{
	struct calendar	 cal;

	if (calendar_get(db, pool, &cal) != DB_OK)
		return NULL;
	return deadline_after(pool, &cal, day, n);
}

enum db_rc
cmp_import(struct db *db, struct pool *pool, json_t *rec, int *aside,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*no, *about, *app_no, *dept_code, *dept_name, *person;
	const char	*subject, *body, *name, *idno, *phone, *filed;
	char		*id_sealed, *phone_sealed = "", *day, *due;
	int64_t		 case_id = 0, id;

	if (json_unpack(rec, "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:{s:s, s:s}, s:s, s:s}", "no", &no, "about", &about, "app_no",
	    &app_no, "dept_code", &dept_code, "dept_name", &dept_name,
	    "person", &person, "subject", &subject, "body", &body,
	    "complainant", "name", &name, "id_number", &idno, "phone", &phone,
	    "filed_at", &filed) != 0) {
		snprintf(err, errlen, "投诉记录缺少字段");
		return DB_NONE;
	}
	/* Once: a number already here stays as it is. */
	*aside = 0;
	if ((rc = cmp_exists(db, pool, no)) != DB_NONE) {
		*aside = rc == DB_OK;
		return rc == DB_OK ? DB_OK : rc;
	}
	if (*app_no != '\0' && (rc = case_id_of(db, pool, app_no, &case_id)) !=
	    DB_OK) {
		snprintf(err, errlen, rc == DB_NONE ? "投诉 %s 所涉申请 %s 在"
		    "内网没有办件" : "投诉 %s 所涉申请 %s 的办件无法读取", no,
		    app_no);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	if ((id_sealed = pii_seal(pool, SEALED_CMP_ID, idno)) == NULL ||
	    (*phone != '\0' && (phone_sealed = pii_seal(pool,
	    SEALED_CMP_PHONE, phone)) == NULL)) {
		snprintf(err, errlen, "无法加密投诉人的个人信息");
		return DB_ERR;
	}
	q = db_stmt(db, SQL_FILED_DAY);
	stmt_bind_text(q, 0, filed);
	if ((rc = stmt_one(q, pool, "s", &day)) != DB_OK ||
	    (due = due_after(db, pool, day, CMP_ACCEPT_DAYS)) == NULL) {
		snprintf(err, errlen, "无法计算投诉 %s 的受理期限", no);
		return DB_ERR;
	}
	q = db_stmt(db, SQL_IMPORT);
	stmt_bind_text(q, 0, no);
	stmt_bind_text(q, 1, about);
	stmt_bind_text(q, 2, app_no);
	if (case_id > 0)
		stmt_bind_int(q, 3, case_id);
	else
		stmt_bind_null(q, 3);
	stmt_bind_text(q, 4, dept_code);
	stmt_bind_text(q, 5, dept_name);
	stmt_bind_text(q, 6, person);
	stmt_bind_text(q, 7, subject);
	stmt_bind_text(q, 8, body);
	stmt_bind_text(q, 9, name);
	stmt_bind_text(q, 10, id_sealed);
	stmt_bind_text(q, 11, phone_sealed);
	stmt_bind_text(q, 12, filed);
	stmt_bind_text(q, 13, due);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	id = stmt_insert_id(q);
	if ((rc = event_add(db, id, "一网通办系统", "import", pool_printf(pool,
	    "从外网收到投诉，受理期限 %s", due))) != DB_OK)
		return rc;
	return audit_add(db, pool, "extranet", "complaint.import", no, about);
}

const char *const cmp_open_states[] = { "received", "assigned",
    "investigating", "replied", NULL };

enum db_rc
cmp_page(struct db *db, struct pool *pool, const struct cmp_query *cq,
    const struct calendar *cal, cal_day today, struct cmp_page *pg)
{
	struct stmt	*q;
	const char	*lo, *hi;
	unsigned	 at = 0;

	memset(pg, 0, sizeof(*pg));
	(void)deadline_light_range(pool, cal, today, cq->light, &lo, &hi);
	if (lo != NULL) {
		q = db_stmt(db, SQL_PAGE_LIGHT);
		stmt_bind_text(q, at++, lo);
		stmt_bind_text(q, at++, hi);
		stmt_bind_pair(q, at, cq->state);
		at += 2;
	} else if (cq->state != NULL) {
		q = db_stmt(db, SQL_PAGE_STATE);
		stmt_bind_text(q, at++, cq->state);
	} else
		q = db_stmt(db, cq->all ? SQL_PAGE_ALL : SQL_PAGE_OPEN);
	return stmt_page(q, pool, at, cq->before, CMP_PAGE, cmp_row,
	    sizeof(*pg->v), offsetof(struct complaint, id), &pg->v, &pg->n,
	    &pg->next);
}

enum db_rc
cmp_counts(struct db *db, struct pool *pool, const struct calendar *cal,
    cal_day today, struct cmp_counts *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*state;
	int64_t		 all, red, yellow, green;
	size_t		 i;

	memset(n, 0, sizeof(*n));
	q = db_stmt(db, SQL_COUNTS);
	deadline_light_bind(q, 0, pool, cal, today);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "siiii", &state, &all, &red, &yellow,
	    &green)) == DB_OK) {
		for (i = 0; cmp_open_states[i] != NULL; i++)
			if (strcmp(cmp_open_states[i], state) == 0)
				n->state[i] = all;
		n->open += all;
		n->red += red;
		n->yellow += yellow;
		n->green += green;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

static enum db_rc
event_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct complaint_event	*e = elem;

	return stmt_row(q, pool, "ssss", &e->at, &e->actor, &e->action,
	    &e->note);
}

enum db_rc
cmp_get(struct db *db, struct pool *pool, int64_t id, struct complaint *c,
    struct complaint_event **ev, size_t *nev)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	if ((rc = cmp_fetch(q, pool, c)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_EVENTS);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, event_row, sizeof(**ev), ev, nev);
}

static enum db_rc
staff_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct cmp_staff	*s = elem;

	return stmt_row(q, pool, "is", &s->id, &s->name);
}

enum db_rc
cmp_supervisors(struct db *db, struct pool *pool, struct cmp_staff **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_SUPERVISORS), pool, staff_row,
	    sizeof(**v), v, n);
}

/*
 * Begin a supervisor's action on complaint id: the row locked into *c,
 * today's Beijing date into *today.  DB_NONE when there is no such
 * complaint (the transaction is then rolled back).
 */
static enum db_rc
action_begin(struct db *db, struct pool *pool, int64_t id,
    struct complaint *c, char **today)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*day, *now;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = cmp_fetch(q, pool, c)) != DB_OK ||
	    (rc = stmt_one(db_stmt(db, SQL_NOW), pool, "sss", &day, &now,
	    today)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return DB_OK;
}

/* The record that tells the extranet where complaint id stands now. */
static enum db_rc
state_out(struct db *db, struct pool *pool, int64_t id)
{
	struct complaint	 c;
	struct stmt		*q;
	enum db_rc		 rc;
	json_t			*rec;
	const char		*due;
	char			*day, *now, *bjday;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	if ((rc = cmp_fetch(q, pool, &c)) != DB_OK ||
	    (rc = stmt_one(db_stmt(db, SQL_NOW), pool, "sss", &day, &now,
	    &bjday)) != DB_OK)
		return rc;
	due = cmp_due(&c);
	/* The citizen is told when to expect the reply, not the closing. */
	if (due == NULL || strcmp(c.state, "replied") == 0)
		due = "";
	rec = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "type",
	    "complaint.state", "no", c.no, "seq", (json_int_t)c.seq, "state",
	    c.state, "state_label", cmp_state_label(c.state), "at", now,
	    "reply", c.reply, "due", due);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	return rc;
}

/* Commit an action whose row changed: history, record, audit. */
static enum db_rc
action_end(struct db *db, struct pool *pool, const struct user *u,
    const struct complaint *c, const char *action, const char *note,
    int changed)
{
	enum db_rc	 rc;

	if ((rc = event_add(db, c->id, u->name, action, note)) != DB_OK ||
	    (changed && (rc = state_out(db, pool, c->id)) != DB_OK) ||
	    (rc = audit_add(db, pool, u->login, pool_printf(pool,
	    "sup.complaint.%s", action), c->no, note)) != DB_OK) {
		db_rollback(db);
		return rc == DB_OK ? DB_ERR : rc;
	}
	return db_commit(db);
}

static enum db_rc
refuse(struct db *db, const char **why, const char *text)
{
	db_rollback(db);
	*why = text;
	return DB_NONE;
}

enum db_rc
cmp_assign(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, int64_t assignee, int days, const char **why)
{
	struct complaint	 c;
	struct cmp_staff	*v;
	struct stmt		*q;
	enum db_rc		 rc;
	const char		*who = NULL;
	char			*today, *due;
	size_t			 n, i;

	*why = NULL;
	if ((rc = action_begin(db, pool, id, &c, &today)) != DB_OK)
		return rc;
	if (strcmp(c.state, "received") != 0 &&
	    strcmp(c.state, "assigned") != 0 &&
	    strcmp(c.state, "investigating") != 0)
		return refuse(db, why, "这件投诉已经答复，不能再交办。");
	if (cmp_supervisors(db, pool, &v, &n) != DB_OK) {
		db_rollback(db);
		return DB_ERR;
	}
	for (i = 0; i < n; i++)
		if (v[i].id == assignee)
			who = v[i].name;
	if (who == NULL)
		return refuse(db, why, "只能交给在职的电子监察员调查，请重新选择。");
	if ((due = due_after(db, pool, today, days)) == NULL) {
		db_rollback(db);
		return DB_ERR;
	}
	q = db_stmt(db, SQL_ASSIGN);
	stmt_bind_text(q, 0, strcmp(c.state, "received") == 0 ? "assigned" :
	    c.state);
	stmt_bind_int(q, 1, assignee);
	stmt_bind_text(q, 2, due);
	stmt_bind_int(q, 3, c.id);
	if ((rc = stmt_run(q)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return action_end(db, pool, u, &c, "assign", pool_printf(pool,
	    "交由 %s 调查，%d 个工作日内（%s 前）答复", who, days, due), 1);
}

enum db_rc
cmp_investigate(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *note, const char **why)
{
	struct complaint	 c;
	struct stmt		*q;
	enum db_rc		 rc;
	char			*today;
	int			 first;

	*why = NULL;
	if ((rc = action_begin(db, pool, id, &c, &today)) != DB_OK)
		return rc;
	if (strcmp(c.state, "assigned") != 0 &&
	    strcmp(c.state, "investigating") != 0)
		return refuse(db, why, strcmp(c.state, "received") == 0 ?
		    "请先交办这件投诉，再记录调查情况。" :
		    "这件投诉已经答复，不能再记录调查情况。");
	first = strcmp(c.state, "assigned") == 0;
	q = db_stmt(db, SQL_INVESTIGATE);
	stmt_bind_int(q, 0, first);
	stmt_bind_int(q, 1, c.id);
	if ((rc = stmt_run(q)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return action_end(db, pool, u, &c, "investigate", note, first);
}

enum db_rc
cmp_reply(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *reply, const char **why)
{
	struct complaint	 c;
	struct stmt		*q;
	enum db_rc		 rc;
	char			*today, *due;

	*why = NULL;
	if ((rc = action_begin(db, pool, id, &c, &today)) != DB_OK)
		return rc;
	if (strcmp(c.state, "assigned") != 0 &&
	    strcmp(c.state, "investigating") != 0)
		return refuse(db, why, strcmp(c.state, "received") == 0 ?
		    "请先交办并调查这件投诉，再答复。" :
		    "这件投诉已经答复过了。");
	if ((due = due_after(db, pool, today, CMP_CLOSE_DAYS)) == NULL) {
		db_rollback(db);
		return DB_ERR;
	}
	q = db_stmt(db, SQL_REPLY);
	stmt_bind_text(q, 0, reply);
	stmt_bind_text(q, 1, due);
	stmt_bind_int(q, 2, c.id);
	if ((rc = stmt_run(q)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return action_end(db, pool, u, &c, "reply", reply, 1);
}

enum db_rc
cmp_close(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *note, const char **why)
{
	struct complaint	 c;
	struct stmt		*q;
	enum db_rc		 rc;
	char			*today;

	*why = NULL;
	if ((rc = action_begin(db, pool, id, &c, &today)) != DB_OK)
		return rc;
	if (strcmp(c.state, "replied") != 0)
		return refuse(db, why, strcmp(c.state, "closed") == 0 ?
		    "这件投诉已经办结。" : "答复投诉人之后才能办结。");
	q = db_stmt(db, SQL_CLOSE);
	stmt_bind_int(q, 0, c.id);
	if ((rc = stmt_run(q)) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return action_end(db, pool, u, &c, "close", note, 1);
}
