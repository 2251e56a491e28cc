/*
 * alert.c: owns security_alert.
 */
#include <stdio.h>
#include <string.h>

#include "alert.h"
#include "exchange.h"
#include "log.h"
#include "utf8.h"

#define PEER_MESSAGE_CHARS	2000	/* records.c gap_alert_fields */

static const char SQL_ALERT_ADD[] =
    "INSERT INTO security_alert (at, kind, object, message) "
    "VALUES (UTC_TIMESTAMP(), ?, ?, ?)";
static const char SQL_ALERT_OPEN[] =
    "SELECT id, DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), kind, "
    "object, message FROM security_alert WHERE resolved_at IS NULL "
    "ORDER BY id DESC LIMIT ?";
static const char SQL_ALERT_COUNT[] =
    "SELECT COUNT(*) FROM security_alert WHERE resolved_at IS NULL";
static const char SQL_ALERT_RESOLVE_ID[] =
    "UPDATE security_alert SET resolved_at = UTC_TIMESTAMP(), "
    "resolved_by = ? WHERE id = ? AND resolved_at IS NULL";
static const char SQL_ALERT_RESOLVE[] =
    "UPDATE security_alert SET resolved_at = UTC_TIMESTAMP(), "
    "resolved_by = ? WHERE kind = ? AND object = ? AND resolved_at IS NULL";

/* The row and its audit row, in the caller's transaction. */
static enum db_rc
alert_store(struct db *db, struct pool *pool, const char *kind,
    const char *object, const char *message)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_ALERT_ADD);
	stmt_bind_text(q, 0, kind);
	stmt_bind_text(q, 1, object);
	stmt_bind_text(q, 2, message);
	if ((rc = stmt_run(q)) != DB_OK)
		return DB_ERR;
	return audit_add(db, pool, "system", "alert.raise", object, kind);
}

enum db_rc
alert_raise(struct db *db, struct pool *pool, const char *kind,
    const char *object, const char *message)
{
	log_err("security alert %s %s: %s", kind, object, message);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if (alert_store(db, pool, kind, object, message) != DB_OK) {
		db_rollback(db);
		log_err("security alert %s %s: not stored", kind, object);
		return DB_ERR;
	}
	return db_commit(db);
}

enum db_rc
alert_raise_peer(struct db *db, struct pool *pool, const char *kind,
    const char *object, const char *message, const char *operator)
{
	json_t		*rec;
	enum db_rc	 rc = DB_ERR;

	rec = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "gap.alert",
	    "kind", kind, "object", object, "message",
	    utf8_chars(message) <= PEER_MESSAGE_CHARS ? message :
	    "（说明太长，见对端的日志）", "operator", operator);
	if (db_begin(db) == DB_OK) {
		if (alert_store(db, pool, kind, object, message) == DB_OK &&
		    outbox_add(db, pool, rec) == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
	}
	json_decref(rec);
	/* Not told to the other site: still kept here. */
	if (rc == DB_OK) {
		log_err("security alert %s %s: %s", kind, object, message);
		return rc;
	}
	return alert_raise(db, pool, kind, object, message);
}

enum db_rc
alert_peer_put(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	const char	*kind, *object, *message, *operator;

	(void)err;
	(void)errlen;
	kind = json_string_value(json_object_get(rec, "kind"));
	object = json_string_value(json_object_get(rec, "object"));
	message = json_string_value(json_object_get(rec, "message"));
	operator = json_string_value(json_object_get(rec, "operator"));
	/* Validated (records.c): of a bundle this site sent. */
	return alert_add(db, pool, "gap.alert.peer", object, pool_printf(pool,
	    "对端拒绝了本站发出的数据包（%s；对端摆渡员 %s）：%s",
	    alert_kind_label(kind), operator, message));
}

enum db_rc
alert_add(struct db *db, struct pool *pool, const char *kind,
    const char *object, const char *message)
{
	log_info("notice %s %s: %s", kind, object, message);
	return alert_store(db, pool, kind, object, message);
}

static enum db_rc
alert_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct alert	*a = arg;

	return stmt_row(q, pool, "issss", &a->id, &a->at, &a->kind,
	    &a->object, &a->message);
}

enum db_rc
alert_open(struct db *db, struct pool *pool, size_t max, struct alert **out,
    size_t *n, int64_t *total)
{
	struct stmt	*q;
	enum db_rc	 rc;

	if ((rc = stmt_one(db_stmt(db, SQL_ALERT_COUNT), pool, "i", total)) !=
	    DB_OK)
		return rc;
	q = db_stmt(db, SQL_ALERT_OPEN);
	stmt_bind_int(q, 0, (int64_t)max);
	return stmt_list(q, pool, alert_row, sizeof(**out), out, n);
}

enum db_rc
alert_resolve(struct db *db, const char *kind, const char *object,
    const char *who)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ALERT_RESOLVE);
	stmt_bind_text(q, 0, who);
	stmt_bind_text(q, 1, kind);
	stmt_bind_text(q, 2, object);
	return stmt_run(q);
}

enum db_rc
alert_resolve_id(struct db *db, struct pool *pool, int64_t id,
    const char *who, const char *note)
{
	struct stmt	*q;
	enum db_rc	 rc;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ALERT_RESOLVE_ID);
	stmt_bind_text(q, 0, who);
	stmt_bind_int(q, 1, id);
	if ((rc = stmt_run(q)) == DB_OK && stmt_affected(q) == 0)
		rc = DB_NONE;
	if (rc == DB_OK)
		rc = audit_add(db, pool, who, "alert.resolve",
		    pool_printf(pool, "alert:%lld", (long long)id), note);
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

static const struct {
	const char	*kind;
	const char	*label;
} kind_labels[] = {
	{ "gap.record", "数据包中有伪造或不合格的记录" },
	{ "gap.file", "数据包中有不合格的附件" },
	{ "gap.epoch", "对端的数据包纪元不对" },
	{ "gap.chain", "数据包链对不上" },
	/* Notices, not security events (GAP-5): resolved by the gap
	 * operator's retry or discard, here or at the other site. */
	{ "gap.aside", "提示：收到的记录未能应用，已搁置" },
	{ "gap.aside.peer", "提示：对端未能应用本站发出的记录" },
	{ "gap.lost", "对端缺的数据包本站已无法重发" },
	/* The other site refused a bundle of ours (GAP-6): a security
	 * matter there, looked into here too. */
	{ "gap.alert.peer", "对端拒绝了本站发出的数据包" },
};

const char *
alert_kind_label(const char *kind)
{
	size_t	 i;

	for (i = 0; i < sizeof(kind_labels) / sizeof(kind_labels[0]); i++)
		if (strcmp(kind_labels[i].kind, kind) == 0)
			return kind_labels[i].label;
	return "安全警告";
}

char *
alert_object_label(struct pool *pool, const char *object)
{
	char		 dir[8];
	long long	 epoch, seq;
	int		 n = 0;

	/* What the gap raises alerts about: DIR/EPOCH[/SEQ]. */
	if (sscanf(object, "%7[a-z2]/%lld%n", dir, &epoch, &n) == 2 &&
	    (strcmp(dir, "ext2int") == 0 || strcmp(dir, "int2ext") == 0)) {
		const char *way = dir[0] == 'e' ? "外网→内网" : "内网→外网";

		if (object[n] == '\0')
			return pool_printf(pool, "%s 第 %lld 纪元", way, epoch);
		if (sscanf(object + n, "/%lld", &seq) == 1)
			return pool_printf(pool, "%s 第 %lld 纪元第 %lld 号数据包",
			    way, epoch, seq);
	}
	return pool_strdup(pool, object);
}
