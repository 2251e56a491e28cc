/*
 * message.c: the thread of messages on an application (message.h).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "exchange.h"
#include "flow.h"
#include "ids.h"
#include "message.h"
#include "sms.h"

/* Beijing's date as YYYYMMDD, and now in UTC (the session's clock). */
static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d'), "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
static const char SQL_THREAD[] =
    "SELECT m.id, m.msg_no, m.dir, m.author, COALESCE(s.name, ''), m.body, "
    "DATE_FORMAT(m.at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
    "COALESCE(DATE_FORMAT(m.read_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
    "'') FROM (SELECT * FROM case_message WHERE app_no = ? "
    "ORDER BY id DESC LIMIT ?) m LEFT JOIN staff s ON s.id = m.staff_id "
    "ORDER BY m.id";
static const char SQL_INSERT[] =
    "INSERT INTO case_message (msg_no, app_no, case_id, dir, author, "
    "citizen_id, form_key, staff_id, body, at) VALUES (?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?)";
static const char SQL_NUMBER[] =
    "UPDATE case_message SET msg_no = ? WHERE id = ?";
static const char SQL_BY_KEY[] =
    "SELECT id FROM case_message WHERE citizen_id = ? AND form_key = ?";
static const char SQL_BY_NO[] =
    "SELECT id FROM case_message WHERE msg_no = ?";
static const char SQL_UNREAD[] =
    "SELECT COUNT(*) FROM case_message WHERE case_id = ? AND dir = 'ask' "
    "AND read_at IS NULL";
/* By msg_open (db/252): only the rows still unread are read. */
static const char SQL_UNREAD_ALL[] =
    "SELECT case_id, COUNT(*) FROM case_message WHERE read_at IS NULL "
    "AND dir = 'ask' AND case_id IS NOT NULL GROUP BY case_id";
static const char SQL_MARK_READ[] =
    "UPDATE case_message SET read_at = UTC_TIMESTAMP() WHERE case_id = ? "
    "AND dir = 'ask' AND read_at IS NULL";
/* The reply as an event of the case (flow.c's rows, no step's). */
static const char SQL_EVENT[] =
    "INSERT INTO case_event (case_id, seq, at, action, label, state, "
    "staff_id, staff_name, note) SELECT ?, COALESCE(MAX(seq), 0) + 1, "
    "UTC_TIMESTAMP(), 'message', '回复申请人留言', ?, ?, ?, ? "
    "FROM case_event WHERE case_id = ?";

int
msg_no_valid(const char *s, const char *prefix)
{
	cal_day	 d;
	char	 ymd[11];
	size_t	 i;

	if (s == NULL || strlen(s) != 15 || strncmp(s, prefix, 2) != 0)
		return 0;
	for (i = 2; i < 15; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	snprintf(ymd, sizeof(ymd), "%.4s-%.2s-%.2s", s + 2, s + 6, s + 8);
	return cal_day_parse(ymd, &d) == 0;
}

static enum db_rc
msg_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct message	*m = elem;

	return stmt_row(q, pool, "isssssss", &m->id, &m->no, &m->dir,
	    &m->author, &m->staff, &m->body, &m->at, &m->read_at);
}

enum db_rc
msg_thread(struct db *db, struct pool *pool, const char *app_no,
    struct message **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_THREAD);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, MSG_THREAD_MAX);
	return stmt_list(q, pool, msg_row, sizeof(**v), v, n);
}

/*
 * Insert a message and number it prefix, the Beijing day and its id;
 * *no its number.  Inside the caller's transaction.
 */
static enum db_rc
insert(struct db *db, struct pool *pool, const char *prefix,
    const char *app_no, int64_t case_id, const char *author,
    int64_t citizen, const char *key, int64_t staff, const char *body,
    char **no, char **now)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*day;

	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "ss", &day, now)) !=
	    DB_OK)
		return rc;
	q = db_stmt(db, SQL_INSERT);
	stmt_bind_null(q, 0);
	stmt_bind_text(q, 1, app_no);
	if (case_id != 0)
		stmt_bind_int(q, 2, case_id);
	else
		stmt_bind_null(q, 2);
	stmt_bind_text(q, 3, strcmp(prefix, "LY") == 0 ? "ask" : "reply");
	stmt_bind_text(q, 4, author);
	if (citizen != 0) {
		stmt_bind_int(q, 5, citizen);
		stmt_bind_text(q, 6, key);
	} else {
		stmt_bind_null(q, 5);
		stmt_bind_null(q, 6);
	}
	if (staff != 0)
		stmt_bind_int(q, 7, staff);
	else
		stmt_bind_null(q, 7);
	stmt_bind_text(q, 8, body);
	stmt_bind_text(q, 9, *now);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	return stmt_number(db, q, pool, SQL_NUMBER, prefix, day, no);
}

/* Whether message no is here: DB_OK, DB_NONE. */
static enum db_rc
have(struct db *db, struct pool *pool, const char *no)
{
	struct stmt	*q;
	int64_t		 id;

	q = db_stmt(db, SQL_BY_NO);
	stmt_bind_text(q, 0, no);
	return stmt_one(q, pool, "i", &id);
}

/*
 * A message the other site numbered (a record's no, app_no, author, body,
 * at), as dir, on case_id (0: none, the extranet): DB_OK, or DB_NONE
 * when it is here already (a record carried twice adds nothing).
 */
static enum db_rc
take(struct db *db, struct pool *pool, json_t *rec, const char *dir,
    int64_t case_id)
{
	struct stmt	*q;
	enum db_rc	 rc;

	if ((rc = have(db, pool, json_string_value(json_object_get(rec,
	    "no")))) != DB_NONE)
		return rc == DB_OK ? DB_NONE : rc;
	q = db_stmt(db, SQL_INSERT);
	stmt_bind_text(q, 0, json_string_value(json_object_get(rec, "no")));
	stmt_bind_text(q, 1, json_string_value(json_object_get(rec,
	    "app_no")));
	if (case_id != 0)
		stmt_bind_int(q, 2, case_id);
	else
		stmt_bind_null(q, 2);
	stmt_bind_text(q, 3, dir);
	stmt_bind_text(q, 4, json_string_value(json_object_get(rec,
	    "author")));
	stmt_bind_null(q, 5);
	stmt_bind_null(q, 6);
	stmt_bind_null(q, 7);
	/* The other site masked it; a record is trusted for nothing. */
	stmt_bind_text(q, 8, id_mask_text(pool_strdup(pool, json_string_value(
	    json_object_get(rec, "body")))));
	stmt_bind_text(q, 9, json_string_value(json_object_get(rec, "at")));
	return stmt_run(q);
}

/* ---- extranet ------------------------------------------------------ */

enum db_rc
msg_post(struct db *db, struct pool *pool, const struct user *u,
    const char *app_no, const char *body, const char *form_key)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*no, *now;
	int64_t		 id;

	q = db_stmt(db, SQL_BY_KEY);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, form_key);
	if ((rc = stmt_one(q, pool, "i", &id)) != DB_NONE)
		return rc;
	body = id_mask_text(pool_strdup(pool, body));
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	rc = insert(db, pool, "LY", app_no, 0, u->name, u->id, form_key, 0,
	    body, &no, &now);
	if (rc == DB_DUP) {
		/* The same form posted twice at once: the first stands. */
		db_rollback(db);
		return DB_OK;
	}
	if (rc != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", "message",
	    "no", no, "app_no", app_no, "author", u->name, "body", body, "at",
	    now);
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, u->login,
	    "case.message.post", app_no, no)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
msg_import_reply(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	const char	*app, *author, *why = NULL;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:s}", "app_no", &app, "author",
	    &author) != 0) {
		snprintf(err, errlen, "留言回复记录缺少字段");
		return DB_NONE;
	}
	/* Carried again: nothing new, and no second SMS. */
	if ((rc = take(db, pool, rec, "reply", 0)) != DB_OK)
		return rc == DB_NONE ? DB_OK : rc;
	/* The applicant's registered (verified) mobile, or the resident's
	 * of an agent's case with the agent's copy (sms.h). */
	if ((rc = sms_case(db, pool, app, "message", 0, NULL, author,
	    &why)) == DB_NONE)
		snprintf(err, errlen, "%s", why != NULL ? why : "无法发送短信");
	return rc;
}

/* ---- intranet ------------------------------------------------------ */

enum db_rc
msg_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	const char	*app;
	enum db_rc	 rc;
	int64_t		 case_id;

	if (json_unpack(rec, "{s:s}", "app_no", &app) != 0) {
		snprintf(err, errlen, "留言记录缺少字段");
		return DB_NONE;
	}
	if ((rc = case_id_of(db, pool, app, &case_id)) == DB_NONE)
		snprintf(err, errlen, "本站没有申请 %s 的办件", app);
	if (rc != DB_OK)
		return rc;
	rc = take(db, pool, rec, "ask", case_id);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
msg_unread(struct db *db, struct pool *pool, int64_t case_id, int64_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_UNREAD);
	stmt_bind_int(q, 0, case_id);
	return stmt_one(q, pool, "i", n);
}

static enum db_rc
unread_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct msg_unread	*u = elem;

	return stmt_row(q, pool, "ii", &u->case_id, &u->n);
}

enum db_rc
msg_unread_all(struct db *db, struct pool *pool, struct msg_unread **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_UNREAD_ALL), pool, unread_row,
	    sizeof(**v), v, n);
}

enum db_rc
msg_mark_read(struct db *db, int64_t case_id)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_MARK_READ);
	stmt_bind_int(q, 0, case_id);
	rc = stmt_run(q);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
msg_reply(struct db *db, struct pool *pool, const struct user *u,
    int64_t case_id, const char *app_no, const char *state,
    const char *dept, const char *body)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*no, *now;

	body = id_mask_text(pool_strdup(pool, body));
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = insert(db, pool, "HF", app_no, case_id, dept, 0, NULL,
	    u->id, body, &no, &now)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_EVENT);
	stmt_bind_int(q, 0, case_id);
	stmt_bind_text(q, 1, state);
	stmt_bind_int(q, 2, u->id);
	stmt_bind_text(q, 3, u->name);
	stmt_bind_text(q, 4, body);
	stmt_bind_int(q, 5, case_id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	/* Answering reads what it answers. */
	if ((rc = msg_mark_read(db, case_id)) != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type",
	    "message.reply", "no", no, "app_no", app_no, "author", dept,
	    "body", body, "at", now);
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, u->login,
	    "case.message.reply", app_no, no)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}
