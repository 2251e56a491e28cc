/*
 * exchange.c: owns gap_outbox, gap_out, gap_in, gap_in_case (db/141),
 * gap_epoch, gap_lock and audit.
 */
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "exchange.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO gap_outbox (kind, body, created_at) "
    "VALUES (?, ?, UTC_TIMESTAMP())";
static const char SQL_LOCK[] =
    "SELECT epoch FROM gap_lock WHERE id = 1 FOR UPDATE";
static const char SQL_OUT_UNFINISHED[] =
    "SELECT seq, created_at, COALESCE(acks, 'null') FROM gap_out "
    "WHERE epoch = ? AND hash IS NULL ORDER BY seq LIMIT 1";
static const char SQL_OUT_NEXT[] =
    "SELECT COALESCE(MAX(seq), 0) + 1 FROM gap_out WHERE epoch = ?";
static const char SQL_OUTBOX_CLAIM[] =
    "UPDATE gap_outbox SET bundle_epoch = ?, bundle_seq = ? "
    "WHERE bundle_seq IS NULL";
static const char SQL_OUT_ADD[] =
    "INSERT INTO gap_out (epoch, seq, created_at, records, acks) "
    "VALUES (?, ?, DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ'), ?, "
    "?)";
static const char SQL_OUT_CREATED[] =
    "SELECT created_at FROM gap_out WHERE epoch = ? AND seq = ?";
static const char SQL_OUTBOX_RECORDS[] =
    "SELECT body FROM gap_outbox WHERE bundle_epoch = ? AND bundle_seq = ? "
    "ORDER BY id";
static const char SQL_OUT_HASH[] =
    "SELECT hash FROM gap_out WHERE epoch = ? AND seq = ?";
static const char SQL_OUT_DONE[] =
    "UPDATE gap_out SET hash = ?, path = ? WHERE epoch = ? AND seq = ?";
static const char SQL_IN_GET[] =
    "SELECT hash FROM gap_in WHERE dir = ? AND epoch = ? AND seq = ?";
static const char SQL_IN_LAST[] =
    "SELECT seq, hash FROM gap_in WHERE dir = ? AND epoch = ? "
    "ORDER BY seq DESC LIMIT 1";
static const char SQL_IN_ADD[] =
    "INSERT INTO gap_in (dir, epoch, seq, hash, records, imported_at) "
    "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_IN_CASE_ADD[] =
    "INSERT INTO gap_in_case (dir, epoch, seq, recno, app_no, kind, taken, "
    "outbox_mark, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
    "IF(?, UTC_TIMESTAMP(), NULL))";
static const char SQL_OUTBOX_MARK[] =
    "SELECT COALESCE(MAX(id), 0) FROM gap_outbox";
static const char SQL_EPOCH[] =
    "SELECT COALESCE(MAX(epoch), 0) FROM gap_epoch WHERE dir = ?";
static const char SQL_EPOCH_ADD[] =
    "INSERT INTO gap_epoch (dir, epoch, accepted_at, accepted_by) "
    "VALUES (?, ?, UTC_TIMESTAMP(), ?)";
static const char SQL_STATUS[] =
    "SELECT (SELECT COUNT(*) FROM gap_outbox WHERE bundle_seq IS NULL), "
    "(SELECT COALESCE(MAX(seq), 0) FROM gap_out WHERE hash IS NOT NULL), "
    "(SELECT COALESCE(MAX(seq), 0) FROM gap_in)";
static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (at, actor, action, object, detail, prev_hash, hash, "
    "stripe) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
static const char SQL_AUDIT_LIST[] =
    "SELECT id, DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), "
    "actor, action, object, detail FROM audit "
    "WHERE (? = '' OR object = ?) AND (? = '' OR actor = ?) "
    "AND (? = '' OR action LIKE CONCAT(?, '%')) AND id < ? "
    "ORDER BY id DESC LIMIT ?";

static const char SQL_CASE_STAYS[] =
    "SELECT COUNT(*) FROM kase k WHERE k.app_no = ? "
    "AND (k.demo = 1 OR k.app_no NOT LIKE 'YW%' OR EXISTS (SELECT 1 "
    "FROM item i WHERE i.id = k.item_id AND (i.depth = 'D' OR "
    "i.secret = 1)))";

int
outbox_case_crosses(struct db *db, struct pool *pool, const char *app_no)
{
	struct stmt	*q;
	int64_t		 n;

	q = db_stmt(db, SQL_CASE_STAYS);
	stmt_bind_text(q, 0, app_no);
	if (stmt_one(q, pool, "i", &n) != DB_OK)
		return -1;
	return n == 0;
}

int
outbox_sealed_kind(const char *kind)
{
	return strcmp(kind, OUTBOX_SEALED_KIND) == 0 ||
	    strcmp(kind, OUTBOX_SEALED_KIND2) == 0 ||
	    strcmp(kind, OUTBOX_SEALED_KIND3) == 0 ||
	    strcmp(kind, OUTBOX_SEALED_KIND4) == 0 ||
	    strcmp(kind, OUTBOX_SEALED_KIND5) == 0 ||
	    strcmp(kind, OUTBOX_SEALED_KIND6) == 0;
}

enum db_rc
outbox_add(struct db *db, struct pool *pool, json_t *rec)
{
	struct stmt	*q;
	enum db_rc	 rc = DB_ERR;
	char		*body, *sealed = NULL;
	const char	*kind, *app;

	/* NULL: the caller's json_pack() failed, which text that is not
	 * UTF-8 makes it do (F3); the transaction is refused, the worker
	 * lives on. */
	if (rec == NULL ||
	    (kind = json_string_value(json_object_get(rec, "type"))) == NULL ||
	    (body = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		log_err("outbox: a record that cannot be written as JSON");
		return DB_ERR;
	}
	if ((app = json_string_value(json_object_get(rec, "app_no"))) !=
	    NULL) {
		switch (outbox_case_crosses(db, pool, app)) {
		case 0:
			free(body);
			return DB_OK;
		case -1:
			free(body);
			return DB_ERR;
		}
	}
	if (!outbox_sealed_kind(kind) ||
	    (sealed = pii_seal(pool, SEALED_OUTBOX, body)) != NULL) {
		q = db_stmt(db, SQL_OUTBOX_ADD);
		stmt_bind_text(q, 0, kind);
		stmt_bind_text(q, 1, sealed != NULL ? sealed : body);
		rc = stmt_run(q);
	}
	free(body);
	return rc;
}

enum db_rc
exchange_claim(struct db *db, struct pool *pool, const char *acks,
    int empty_ok, struct gap_claim *c)
{
	struct stmt	*q;
	enum db_rc	 rc;
	uint64_t	 n;

	memset(c, 0, sizeof(*c));
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_LOCK);
	if ((rc = stmt_one(q, pool, "i", &c->epoch)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_OUT_UNFINISHED);
	stmt_bind_int(q, 0, c->epoch);
	rc = stmt_one(q, pool, "iss", &c->seq, &c->created, &c->acks);
	if (rc == DB_OK) {
		c->resumed = 1;
		db_rollback(db);
		return DB_OK;
	}
	if (rc != DB_NONE)
		goto fail;
	q = db_stmt(db, SQL_OUT_NEXT);
	stmt_bind_int(q, 0, c->epoch);
	if ((rc = stmt_one(q, pool, "i", &c->seq)) != DB_OK)
		goto fail;
	/*
	 * Claim every unclaimed row, whatever its id: a row whose
	 * transaction commits after this one is simply claimed next time.
	 */
	q = db_stmt(db, SQL_OUTBOX_CLAIM);
	stmt_bind_int(q, 0, c->epoch);
	stmt_bind_int(q, 1, c->seq);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	if ((n = stmt_affected(q)) == 0 && !empty_ok) {
		db_rollback(db);
		return DB_NONE;
	}
	c->acks = (char *)acks;
	q = db_stmt(db, SQL_OUT_ADD);
	stmt_bind_int(q, 0, c->epoch);
	stmt_bind_int(q, 1, c->seq);
	stmt_bind_int(q, 2, (int64_t)n);
	stmt_bind_text(q, 3, acks);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_OUT_CREATED);
	stmt_bind_int(q, 0, c->epoch);
	stmt_bind_int(q, 1, c->seq);
	if ((rc = stmt_one(q, pool, "s", &c->created)) != DB_OK)
		goto fail;
	if (db_commit(db) != DB_OK)
		return DB_ERR;
	return DB_OK;
fail:
	db_rollback(db);
	return DB_ERR;
}

enum db_rc
exchange_records(struct db *db, struct pool *pool, int64_t epoch,
    int64_t seq, int (*cb)(const char *, void *), void *arg)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*body;

	q = db_stmt(db, SQL_OUTBOX_RECORDS);
	stmt_bind_int(q, 0, epoch);
	stmt_bind_int(q, 1, seq);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "s", &body)) == DB_OK)
		if ((pii_is_sealed(body) && (body = pii_open(pool,
		    SEALED_OUTBOX, body)) == NULL) || cb(body, arg) == -1) {
			rc = DB_ERR;
			break;
		}
	stmt_done(q);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
exchange_out_hash(struct db *db, struct pool *pool, int64_t epoch,
    int64_t seq, char **hash)
{
	struct stmt	*q;
	enum db_rc	 rc;

	*hash = "";
	if (seq < 1)
		return DB_OK;
	q = db_stmt(db, SQL_OUT_HASH);
	stmt_bind_int(q, 0, epoch);
	stmt_bind_int(q, 1, seq);
	rc = stmt_one(q, pool, "s", hash);
	if (rc == DB_OK && *hash == NULL)
		rc = DB_NONE;
	return rc;
}

enum db_rc
exchange_out_done(struct db *db, int64_t epoch, int64_t seq,
    const char *hash, const char *path)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OUT_DONE);
	stmt_bind_text(q, 0, hash);
	stmt_bind_text(q, 1, path);
	stmt_bind_int(q, 2, epoch);
	stmt_bind_int(q, 3, seq);
	return stmt_run(q);
}

enum db_rc
exchange_in_get(struct db *db, struct pool *pool, const char *dir,
    int64_t epoch, int64_t seq, char **hash)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_IN_GET);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	return stmt_one(q, pool, "s", hash);
}

enum db_rc
exchange_in_last(struct db *db, struct pool *pool, const char *dir,
    int64_t epoch, int64_t *seq, char **hash)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_IN_LAST);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	rc = stmt_one(q, pool, "is", seq, hash);
	if (rc == DB_NONE) {
		*seq = 0;
		*hash = "";
		return DB_OK;
	}
	return rc;
}

enum db_rc
exchange_in_add(struct db *db, const char *dir, int64_t epoch, int64_t seq,
    const char *hash, int64_t records)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_IN_ADD);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	stmt_bind_text(q, 3, hash);
	stmt_bind_int(q, 4, records);
	return stmt_run(q);
}

enum db_rc
exchange_in_case(struct db *db, const char *dir, int64_t epoch, int64_t seq,
    const struct gap_in_rec *r)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_IN_CASE_ADD);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	stmt_bind_int(q, 3, (int64_t)r->recno);
	stmt_bind_text(q, 4, r->app_no);
	stmt_bind_text(q, 5, r->kind);
	stmt_bind_text(q, 6, r->aside ? "aside" : "applied");
	stmt_bind_int(q, 7, r->mark);
	stmt_bind_int(q, 8, r->retried);
	return stmt_run(q);
}

enum db_rc
exchange_outbox_mark(struct db *db, struct pool *pool, int64_t *mark)
{
	return stmt_one(db_stmt(db, SQL_OUTBOX_MARK), pool, "i", mark);
}

enum db_rc
exchange_epoch(struct db *db, struct pool *pool, const char *dir,
    int64_t *epoch)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EPOCH);
	stmt_bind_text(q, 0, dir);
	return stmt_one(q, pool, "i", epoch);
}

enum db_rc
exchange_epoch_add(struct db *db, const char *dir, int64_t epoch,
    const char *who)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EPOCH_ADD);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_text(q, 2, who);
	return stmt_run(q);
}

enum db_rc
exchange_status(struct db *db, struct pool *pool, int64_t *pending,
    int64_t *last_out, int64_t *last_in)
{
	return stmt_one(db_stmt(db, SQL_STATUS), pool, "iii", pending,
	    last_out, last_in);
}

enum db_rc
audit_add(struct db *db, struct pool *pool, const char *actor,
    const char *action, const char *object, const char *detail)
{
	struct stmt		*q;
	struct chain_link	 link;
	enum db_rc		 rc;
	char			*now = NULL;

	if (stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now) != DB_OK)
		return DB_ERR;
	/* The MAC covers every field and the row before (chain.h). */
	if ((rc = chain_link(db, pool, CHAIN_AUDIT, (const char *[]){ now,
	    actor, action, object, detail }, 5, &link)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_AUDIT_ADD);
	stmt_bind_text(q, 0, now);
	stmt_bind_text(q, 1, actor);
	stmt_bind_text(q, 2, action);
	stmt_bind_text(q, 3, object);
	stmt_bind_text(q, 4, detail);
	stmt_bind_text(q, 5, link.prev);
	stmt_bind_text(q, 6, link.mac);
	stmt_bind_int(q, 7, link.stripe);
	return stmt_run(q);
}

enum db_rc
audit_json(struct db *db, struct pool *pool, const char *actor,
    const char *action, const char *object, json_t *detail)
{
	char	*s, *text;

	s = detail ? json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER) :
	    NULL;
	json_decref(detail);
	if (s == NULL)
		return DB_ERR;
	text = pool_strdup(pool, s);
	free(s);
	return audit_add(db, pool, actor, action, object, text);
}

enum db_rc
audit_list(struct db *db, struct pool *pool, const char *object,
    const char *actor, const char *action_prefix, int64_t before,
    size_t limit, struct audit_row **out, size_t *n)
{
	struct stmt		*q;
	struct audit_row	 a, *v = NULL;
	enum db_rc		 rc;
	size_t			 cap = 0;

	*n = 0;
	object = object != NULL ? object : "";
	actor = actor != NULL ? actor : "";
	action_prefix = action_prefix != NULL ? action_prefix : "";
	q = db_stmt(db, SQL_AUDIT_LIST);
	stmt_bind_text(q, 0, object);
	stmt_bind_text(q, 1, object);
	stmt_bind_text(q, 2, actor);
	stmt_bind_text(q, 3, actor);
	stmt_bind_text(q, 4, action_prefix);
	stmt_bind_text(q, 5, action_prefix);
	stmt_bind_int(q, 6, before > 0 ? before : INT64_MAX);
	stmt_bind_int(q, 7, (int64_t)limit);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "isssss", &a.id, &a.at, &a.actor,
	    &a.action, &a.object, &a.detail)) == DB_OK)
		*(struct audit_row *)pool_push(pool, &v, n, &cap,
		    sizeof(a)) = a;
	stmt_done(q);
	*out = v;
	return rc == DB_ERR ? rc : DB_OK;
}
