/*
 * aside.c: owns gap_aside, gap_aside_file and gap_aside_peer (db/165).
 */
#include <stdio.h>
#include <string.h>

#include "alert.h"
#include "aside.h"
#include "exchange.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"

static const char SQL_ADD[] =
    "INSERT INTO gap_aside (dir, epoch, seq, recno, kind, record, reason, "
    "set_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_FILE_ADD[] =
    "INSERT IGNORE INTO gap_aside_file (aside_id, sha256) VALUES (?, ?)";
#define ASIDE_COLS \
    "id, dir, epoch, seq, recno, kind, record, reason, " \
    "DATE_FORMAT(set_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), state, " \
    "DATE_FORMAT(done_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), done_by, why"
static const char SQL_LIST[] =
    "SELECT " ASIDE_COLS " FROM gap_aside WHERE state = 'aside' OR ? "
    "ORDER BY id DESC LIMIT ?";
static const char SQL_COUNT[] =
    "SELECT COUNT(*) FROM gap_aside WHERE state = 'aside'";
static const char SQL_LOCK[] =
    "SELECT " ASIDE_COLS " FROM gap_aside WHERE id = ? FOR UPDATE";
static const char SQL_DONE[] =
    "UPDATE gap_aside SET state = ?, done_at = UTC_TIMESTAMP(), "
    "done_by = ?, why = ? WHERE id = ? AND state = 'aside'";
static const char SQL_FILE_NAMED[] =
    "SELECT 1 FROM gap_aside_file f JOIN gap_aside a ON a.id = f.aside_id "
    "WHERE f.sha256 = ? AND a.state = 'aside' LIMIT 1";
static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
/* Only a later word: a report that crossed late changes nothing. */
static const char SQL_PEER_PUT[] =
    "INSERT INTO gap_aside_peer (dir, epoch, seq, recno, kind, state, "
    "reason, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
    "UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE "
    "kind = IF(VALUES(at) >= at, VALUES(kind), kind), "
    "reason = IF(VALUES(at) >= at, VALUES(reason), reason), "
    "state = IF(VALUES(at) >= at, VALUES(state), state), "
    "received_at = IF(VALUES(at) >= at, VALUES(received_at), received_at), "
    "at = GREATEST(at, VALUES(at))";
static const char SQL_PEER_STATE[] =
    "SELECT state FROM gap_aside_peer WHERE dir = ? AND epoch = ? AND "
    "seq = ? AND recno = ?";
#define PEER_COLS \
    "0, dir, epoch, seq, recno, kind, NULL, reason, " \
    "DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), state, " \
    "NULL, NULL, NULL"
static const char SQL_PEER_LIST[] =
    "SELECT " PEER_COLS " FROM gap_aside_peer WHERE state = 'aside' OR ? "
    "ORDER BY at DESC, dir, epoch, seq, recno LIMIT ?";
static const char SQL_PEER_COUNT[] =
    "SELECT COUNT(*) FROM gap_aside_peer WHERE state = 'aside'";

enum db_rc
aside_add(struct db *db, struct pool *pool, const char *dir, int64_t epoch,
    int64_t seq, int64_t recno, const char *kind, const char *record,
    const char *reason, int64_t *id)
{
	struct stmt	*q;
	json_t		*o, *f;
	const char	*text = record, *sha;
	size_t		 i;
	enum db_rc	 rc;

	if (outbox_sealed_kind(kind) && (text = pii_seal(pool, SEALED_OUTBOX,
	    record)) == NULL)
		return DB_ERR;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	stmt_bind_int(q, 3, recno);
	stmt_bind_text(q, 4, kind);
	stmt_bind_text(q, 5, text);
	stmt_bind_text(q, 6, reason);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc == DB_DUP ? DB_ERR : rc;
	*id = stmt_insert_id(q);
	/* The files it names stay in the store while it is aside. */
	if ((o = json_loads(record, 0, NULL)) == NULL)
		return DB_OK;
	json_array_foreach(json_object_get(o, "files"), i, f) {
		if ((sha = json_string_value(f)) == NULL || strlen(sha) != 64)
			continue;
		q = db_stmt(db, SQL_FILE_ADD);
		stmt_bind_int(q, 0, *id);
		stmt_bind_text(q, 1, sha);
		if ((rc = stmt_run(q)) != DB_OK)
			break;
	}
	json_decref(o);
	return rc == DB_DUP ? DB_OK : rc == DB_NONE ? DB_OK : rc;
}

static enum db_rc
aside_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct aside	*a = arg;
	enum db_rc	 rc;

	rc = stmt_row(q, pool, "isiiisssssss" "s", &a->id, &a->dir, &a->epoch,
	    &a->seq, &a->recno, &a->kind, &a->record, &a->reason, &a->set_at,
	    &a->state, &a->done_at, &a->done_by, &a->why);
	if (rc == DB_OK && a->record != NULL && pii_is_sealed(a->record) &&
	    (a->record = pii_open(pool, SEALED_OUTBOX, a->record)) == NULL) {
		log_err("gap_aside %lld: the record does not open",
		    (long long)a->id);
		return DB_ERR;
	}
	return rc;
}

/* The count of count_sql, and the rows of list_sql (all, max) by row. */
static enum db_rc
listing(struct db *db, struct pool *pool, const char *count_sql,
    const char *list_sql, row_reader row, int all, size_t max,
    struct aside **v, size_t *n, int64_t *total)
{
	struct stmt	*q;
	enum db_rc	 rc;

	if ((rc = stmt_one(db_stmt(db, count_sql), pool, "i", total)) !=
	    DB_OK)
		return rc;
	q = db_stmt(db, list_sql);
	stmt_bind_int(q, 0, all != 0);
	stmt_bind_int(q, 1, (int64_t)max);
	return stmt_list(q, pool, row, sizeof(**v), v, n);
}

enum db_rc
aside_list(struct db *db, struct pool *pool, int all, size_t max,
    struct aside **v, size_t *n, int64_t *total)
{
	return listing(db, pool, SQL_COUNT, SQL_LIST, aside_row, all, max, v,
	    n, total);
}

enum db_rc
aside_lock(struct db *db, struct pool *pool, int64_t id, struct aside *a)
{
	struct stmt	*q;

	memset(a, 0, sizeof(*a));
	q = db_stmt(db, SQL_LOCK);
	stmt_bind_int(q, 0, id);
	return stmt_first(q, pool, aside_row, a);
}

enum db_rc
aside_done(struct db *db, int64_t id, const char *state, const char *who,
    const char *why)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_DONE);
	stmt_bind_text(q, 0, state);
	stmt_bind_text(q, 1, who);
	if (why != NULL)
		stmt_bind_text(q, 2, why);
	else
		stmt_bind_null(q, 2);
	stmt_bind_int(q, 3, id);
	if ((rc = stmt_run(q)) == DB_OK && stmt_affected(q) == 0)
		rc = DB_NONE;
	return rc;
}

enum db_rc
aside_file_named(struct db *db, struct pool *pool, const char *sha)
{
	struct stmt	*q;
	int64_t		 one;

	q = db_stmt(db, SQL_FILE_NAMED);
	stmt_bind_text(q, 0, sha);
	return stmt_one(q, pool, "i", &one);
}

char *
aside_object(struct pool *pool, const char *dir, int64_t epoch, int64_t seq,
    int64_t recno)
{
	return pool_printf(pool, "%s/%lld/%lld/%lld", dir, (long long)epoch,
	    (long long)seq, (long long)recno);
}

const char *
aside_state_label(const char *state)
{
	if (state == NULL)
		return "";
	if (strcmp(state, "retried_ok") == 0)
		return "已重试成功";
	if (strcmp(state, "discarded") == 0)
		return "已作废";
	return "搁置中";
}

enum db_rc
aside_send(struct db *db, struct pool *pool, const struct aside *a)
{
	json_t		*o;
	char		*at;
	enum db_rc	 rc;

	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &at)) != DB_OK)
		return rc;
	if ((o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:s, s:s, s:s, s:s}",
	    "type", "gap.aside", "dir", a->dir, "epoch", (json_int_t)a->epoch,
	    "seq", (json_int_t)a->seq, "recno", (json_int_t)a->recno,
	    "kind", a->kind, "state", a->state, "reason",
	    a->why != NULL && *a->why != '\0' ? a->why : a->reason,
	    "at", at)) == NULL)
		return DB_ERR;
	rc = outbox_add(db, pool, o);
	json_decref(o);
	return rc;
}

enum db_rc
aside_peer_put(struct db *db, struct pool *pool, const char *out,
    json_t *rec, char *err, size_t errlen)
{
	struct stmt	*q;
	const char	*dir, *kind, *state, *reason, *at;
	char		*object, *was = NULL;
	json_int_t	 epoch, seq, recno;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:I, s:I, s:I, s:s, s:s, s:s, s:s}",
	    "dir", &dir, "epoch", &epoch, "seq", &seq, "recno", &recno,
	    "kind", &kind, "state", &state, "reason", &reason, "at", &at) !=
	    0) {
		snprintf(err, errlen, "搁置通知缺少字段");
		return DB_NONE;
	}
	if (strcmp(dir, out) != 0) {
		snprintf(err, errlen, "搁置通知说的不是本站发出的数据包（%s）",
		    dir);
		return DB_NONE;
	}
	q = db_stmt(db, SQL_PEER_STATE);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	stmt_bind_int(q, 3, recno);
	if ((rc = stmt_one(q, pool, "s", &was)) == DB_ERR)
		return rc;
	q = db_stmt(db, SQL_PEER_PUT);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	stmt_bind_int(q, 3, recno);
	stmt_bind_text(q, 4, kind);
	stmt_bind_text(q, 5, state);
	stmt_bind_text(q, 6, reason);
	stmt_bind_text(q, 7, at);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc == DB_DUP ? DB_ERR : rc;
	object = aside_object(pool, dir, epoch, seq, recno);
	if (strcmp(state, "aside") == 0) {
		if (was != NULL)	/* told before: one alert */
			return DB_OK;
		return alert_add(db, pool, "gap.aside.peer", object,
		    pool_printf(pool, "对端没有应用本站发出的第 %lld 纪元第 %lld "
		    "号数据包的第 %lld 条记录（%s），已搁置：%s。请与对端的"
		    "摆渡操作员联系，由对端重试或作废。", (long long)epoch,
		    (long long)seq, (long long)recno, kind, reason));
	}
	return alert_resolve(db, "gap.aside.peer", object, "对端站点");
}

enum db_rc
aside_peer_list(struct db *db, struct pool *pool, int all, size_t max,
    struct aside **v, size_t *n, int64_t *total)
{
	return listing(db, pool, SQL_PEER_COUNT, SQL_PEER_LIST, aside_row, all,
	    max, v, n, total);
}
