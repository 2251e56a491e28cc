/*
 * resend.c: owns gap_held, gap_ack, gap_carry and gap_out's columns of
 * keeping (db/167, 168).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "resend.h"

static const char SQL_HELD_SEQS[] =
    "SELECT seq FROM gap_held WHERE dir = ? AND epoch = ? AND seq > ? "
    "ORDER BY seq LIMIT 10000";
static const char SQL_HELD_GET[] =
    "SELECT hash, path FROM gap_held WHERE dir = ? AND epoch = ? "
    "AND seq = ?";
static const char SQL_HELD_ADD[] =
    "INSERT INTO gap_held (dir, epoch, seq, hash, path, size, held_at) "
    "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_HELD_DEL[] =
    "DELETE FROM gap_held WHERE dir = ? AND epoch = ? AND seq = ?";
static const char SQL_ACK_ADD[] =
    "INSERT INTO gap_ack (dir, epoch, upto, missing, from_epoch, "
    "from_seq, at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_ACKED[] =
    "UPDATE gap_out SET acked_at = UTC_TIMESTAMP() WHERE acked_at IS NULL "
    "AND hash IS NOT NULL AND (epoch < ? OR (epoch = ? AND seq <= ?))";
static const char SQL_ACK_LAST[] =
    "SELECT id, epoch, upto, missing, from_epoch, from_seq FROM gap_ack "
    "WHERE dir = ? ORDER BY from_epoch DESC, from_seq DESC, id DESC "
    "LIMIT 1";
static const char SQL_OUT_ONE[] =
    "SELECT hash IS NOT NULL, pruned_at IS NULL AND path IS NOT NULL, "
    "COALESCE(resent_for, 0), COALESCE(path, ''), COALESCE(hash, ''), "
    "COALESCE(size, 0) FROM gap_out WHERE epoch = ? AND seq = ?";
static const char SQL_RESENT[] =
    "UPDATE gap_out SET resent = resent + ?, resent_at = IF(? > 0, "
    "UTC_TIMESTAMP(), resent_at), resent_for = ? WHERE epoch = ? AND seq = ?";
static const char SQL_KEPT_BYTES[] =
    "SELECT COALESCE(SUM(size), 0), "
    "COALESCE(SUM(IF(acked_at IS NULL, size, 0)), 0) FROM gap_out "
    "WHERE pruned_at IS NULL AND hash IS NOT NULL";
static const char SQL_KEPT_ACKED[] =
    "SELECT epoch, seq, path, hash, COALESCE(size, 0), "
    "acked_at < UTC_TIMESTAMP() - INTERVAL ? DAY FROM gap_out "
    "WHERE pruned_at IS NULL AND hash IS NOT NULL AND path IS NOT NULL "
    "AND acked_at IS NOT NULL ORDER BY epoch, seq LIMIT 10000";
static const char SQL_PRUNED[] =
    "UPDATE gap_out SET pruned_at = UTC_TIMESTAMP() "
    "WHERE epoch = ? AND seq = ?";
static const char SQL_OUT_SIZE[] =
    "UPDATE gap_out SET size = ? WHERE epoch = ? AND seq = ?";
static const char SQL_OUT_NEWEST[] =
    "SELECT TIMESTAMPDIFF(SECOND, STR_TO_DATE(created_at, "
    "'%Y-%m-%dT%H:%i:%sZ'), UTC_TIMESTAMP()), COALESCE(acks, '') "
    "FROM gap_out ORDER BY epoch DESC, seq DESC LIMIT 1";
static const char SQL_CARRY_ADD[] =
    "INSERT INTO gap_carry (at, operator, action, dir, epoch, seq, disc, "
    "outcome) VALUES (UTC_TIMESTAMP(), ?, ?, ?, ?, ?, ?, ?)";

enum db_rc
resend_holding(struct db *db, struct pool *pool, const char *dir,
    int64_t epoch, int64_t upto, struct gap_ack *a)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 next, held;
	size_t		 cap = 0;

	memset(a, 0, sizeof(*a));
	a->epoch = epoch;
	a->upto = upto;
	q = db_stmt(db, SQL_HELD_SEQS);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, upto);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	next = upto + 1;
	while ((rc = stmt_row(q, pool, "i", &held)) == DB_OK) {
		for (; next < held && a->nmissing < RESEND_MISSING_MAX; next++)
			*(int64_t *)pool_push(pool, &a->missing, &a->nmissing,
			    &cap, sizeof(next)) = next;
		next = held + 1;
	}
	stmt_done(q);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
resend_held_get(struct db *db, struct pool *pool, const char *dir,
    int64_t epoch, int64_t seq, char **hash, char **path)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HELD_GET);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	return stmt_one(q, pool, "ss", hash, path);
}

enum db_rc
resend_held_add(struct db *db, const char *dir, int64_t epoch, int64_t seq,
    const char *hash, const char *path, int64_t size)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HELD_ADD);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	stmt_bind_text(q, 3, hash);
	stmt_bind_text(q, 4, path);
	stmt_bind_int(q, 5, size);
	return stmt_run(q);
}

enum db_rc
resend_held_del(struct db *db, const char *dir, int64_t epoch, int64_t seq)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HELD_DEL);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	return stmt_run(q);
}

enum db_rc
resend_ack_take(struct db *db, struct pool *pool, const char *dir,
    const struct gap_ack *a)
{
	struct stmt	*q;
	json_t		*m;
	char		*s;
	size_t		 i;
	enum db_rc	 rc;

	if ((m = json_array()) == NULL)
		return DB_ERR;
	for (i = 0; i < a->nmissing; i++)
		if (json_array_append_new(m, json_integer(a->missing[i])) ==
		    -1) {
			json_decref(m);
			return DB_ERR;
		}
	s = json_dumps(m, JSON_COMPACT);
	json_decref(m);
	if (s == NULL)
		return DB_ERR;
	q = db_stmt(db, SQL_ACK_ADD);
	stmt_bind_text(q, 0, dir);
	stmt_bind_int(q, 1, a->epoch);
	stmt_bind_int(q, 2, a->upto);
	stmt_bind_text(q, 3, pool_strdup(pool, s));
	stmt_bind_int(q, 4, a->from_epoch);
	stmt_bind_int(q, 5, a->from_seq);
	free(s);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_ACKED);
	stmt_bind_int(q, 0, a->epoch);
	stmt_bind_int(q, 1, a->epoch);
	stmt_bind_int(q, 2, a->upto);
	return stmt_run(q);
}

enum db_rc
resend_ack_last(struct db *db, struct pool *pool, const char *dir,
    struct gap_ack *a)
{
	struct stmt	*q;
	json_t		*m, *v;
	char		*text;
	size_t		 i, cap = 0;
	enum db_rc	 rc;

	memset(a, 0, sizeof(*a));
	q = db_stmt(db, SQL_ACK_LAST);
	stmt_bind_text(q, 0, dir);
	if ((rc = stmt_one(q, pool, "iiisii", &a->id, &a->epoch, &a->upto,
	    &text, &a->from_epoch, &a->from_seq)) != DB_OK)
		return rc;
	/* Written by resend_ack_take() from a checked ack. */
	if ((m = json_loads(text, 0, NULL)) == NULL || !json_is_array(m)) {
		json_decref(m);
		return DB_ERR;
	}
	json_array_foreach(m, i, v)
		if (json_is_integer(v) && a->nmissing < RESEND_MISSING_MAX)
			*(int64_t *)pool_push(pool, &a->missing, &a->nmissing,
			    &cap, sizeof(int64_t)) = json_integer_value(v);
	json_decref(m);
	return DB_OK;
}

enum db_rc
resend_due(struct db *db, struct pool *pool, const struct gap_ack *a,
    struct gap_kept **due, size_t *ndue, int64_t **gone, size_t *ngone)
{
	struct stmt	*q;
	struct gap_kept	 k;
	int64_t		 written, kept, resent_for;
	size_t		 i, dcap = 0, gcap = 0;
	enum db_rc	 rc;

	*due = NULL;
	*gone = NULL;
	*ndue = *ngone = 0;
	for (i = 0; i < a->nmissing; i++) {
		memset(&k, 0, sizeof(k));
		k.epoch = a->epoch;
		k.seq = a->missing[i];
		q = db_stmt(db, SQL_OUT_ONE);
		stmt_bind_int(q, 0, k.epoch);
		stmt_bind_int(q, 1, k.seq);
		rc = stmt_one(q, pool, "iiissi", &written, &kept, &resent_for,
		    &k.path, &k.hash, &k.size);
		if (rc == DB_ERR)
			return rc;
		/* Not written yet (an export died: the next one writes
		 * it), or this ack was answered already. */
		if (rc == DB_NONE || !written || resent_for >= a->id)
			continue;
		if (!kept)
			*(int64_t *)pool_push(pool, gone, ngone, &gcap,
			    sizeof(int64_t)) = k.seq;
		else
			*(struct gap_kept *)pool_push(pool, due, ndue, &dcap,
			    sizeof(k)) = k;
	}
	return DB_OK;
}

enum db_rc
resend_done(struct db *db, int64_t epoch, int64_t seq, int64_t ack_id,
    int sent)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_RESENT);
	stmt_bind_int(q, 0, sent != 0);
	stmt_bind_int(q, 1, sent != 0);
	stmt_bind_int(q, 2, ack_id);
	stmt_bind_int(q, 3, epoch);
	stmt_bind_int(q, 4, seq);
	return stmt_run(q);
}

enum db_rc
resend_prunable(struct db *db, struct pool *pool, int64_t keep_days,
    int64_t keep_bytes, struct gap_kept **out, size_t *n, int64_t *unacked)
{
	struct stmt	*q;
	struct gap_kept	 k;
	int64_t		 total, old;
	size_t		 cap = 0;
	enum db_rc	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = stmt_one(db_stmt(db, SQL_KEPT_BYTES), pool, "ii", &total,
	    unacked)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_KEPT_ACKED);
	stmt_bind_int(q, 0, keep_days);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "iissii", &k.epoch, &k.seq, &k.path,
	    &k.hash, &k.size, &old)) == DB_OK)
		if (old || total > keep_bytes) {
			total -= k.size;
			*(struct gap_kept *)pool_push(pool, out, n, &cap,
			    sizeof(k)) = k;
		}
	stmt_done(q);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
resend_pruned(struct db *db, int64_t epoch, int64_t seq)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_PRUNED);
	stmt_bind_int(q, 0, epoch);
	stmt_bind_int(q, 1, seq);
	return stmt_run(q);
}

enum db_rc
resend_out_size(struct db *db, int64_t epoch, int64_t seq, int64_t size)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OUT_SIZE);
	stmt_bind_int(q, 0, size);
	stmt_bind_int(q, 1, epoch);
	stmt_bind_int(q, 2, seq);
	return stmt_run(q);
}

enum db_rc
resend_empty_due(struct db *db, struct pool *pool, int64_t heartbeat,
    json_t *missing, int *due)
{
	int64_t		 age;
	char		*last;
	json_t		*was;
	enum db_rc	 rc;

	*due = 0;
	rc = stmt_one(db_stmt(db, SQL_OUT_NEWEST), pool, "is", &age, &last);
	if (rc == DB_NONE) {
		*due = heartbeat > 0;
		return DB_OK;
	}
	if (rc != DB_OK)
		return rc;
	was = json_loads(last, 0, NULL);
	*due = (heartbeat > 0 && age >= heartbeat) ||
	    (json_array_size(missing) > 0 &&
	    !json_equal(json_object_get(was, "missing"), missing));
	json_decref(was);
	return DB_OK;
}

enum db_rc
resend_carry(struct db *db, const char *operator, const char *action,
    const char *dir, int64_t epoch, int64_t seq, const char *disc,
    const char *outcome)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_CARRY_ADD);
	stmt_bind_text(q, 0, operator);
	stmt_bind_text(q, 1, action);
	stmt_bind_text(q, 2, dir);
	stmt_bind_int(q, 3, epoch);
	stmt_bind_int(q, 4, seq);
	stmt_bind_text(q, 5, disc);
	stmt_bind_text(q, 6, outcome);
	return stmt_run(q);
}
