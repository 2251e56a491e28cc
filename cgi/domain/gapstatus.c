/*
 * gapstatus.c: reads the status of the gap at one site (gapstatus.h):
 * gap_outbox, gap_out, gap_in, gap_held, gap_ack, gap_carry (db/167) and
 * security_alert, each through an index (db/180).  Writes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alert.h"
#include "exchange.h"
#include "gapstatus.h"

/* Beijing time of a UTC DATETIME column, to the minute. */
#define BJ(col)	"DATE_FORMAT(" col " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

static const char SQL_LAST_OUT[] =
    "SELECT epoch, seq, records, COALESCE(size, -1), "
    BJ("STR_TO_DATE(created_at, '%Y-%m-%dT%H:%i:%sZ')") ", resent "
    "FROM gap_out WHERE hash IS NOT NULL "
    "ORDER BY epoch DESC, seq DESC LIMIT 1";
static const char SQL_LAST_IN[] =
    "SELECT epoch, seq, records, " BJ("imported_at") " FROM gap_in "
    "WHERE dir = ? ORDER BY epoch DESC, seq DESC LIMIT 1";
static const char SQL_KINDS[] =
    "SELECT kind, COUNT(*) FROM gap_outbox WHERE bundle_seq IS NULL "
    "GROUP BY kind ORDER BY COUNT(*) DESC, kind";
static const char SQL_WAITING_COUNT[] =
    "SELECT COUNT(*) FROM gap_out WHERE acked_at IS NULL "
    "AND hash IS NOT NULL";
static const char SQL_WAITING[] =
    "SELECT epoch, seq, records, COALESCE(size, -1), "
    BJ("STR_TO_DATE(created_at, '%Y-%m-%dT%H:%i:%sZ')") ", resent "
    "FROM gap_out WHERE acked_at IS NULL AND hash IS NOT NULL "
    "ORDER BY epoch, seq LIMIT ?";
static const char SQL_HELD_SUM[] =
    "SELECT COUNT(*), COALESCE(MAX(seq), 0), "
    "COALESCE(DATE_FORMAT(MIN(held_at), '%Y-%m-%dT%H:%i:%sZ'), '') "
    "FROM gap_held WHERE dir = ? AND epoch = ? AND seq > ?";
static const char SQL_HELD[] =
    "SELECT seq FROM gap_held WHERE dir = ? AND epoch = ? AND seq > ? "
    "ORDER BY seq LIMIT ?";
/* The first of this site's bundles, written since the gap was seen,
 * whose acks (db/168) name the first missing sequence. */
static const char SQL_ASKED_IN[] =
    "SELECT seq FROM gap_out WHERE epoch = ? AND created_at >= ? "
    "AND hash IS NOT NULL "
    "AND JSON_CONTAINS(JSON_EXTRACT(acks, '$.missing'), ?) "
    "ORDER BY created_at, seq LIMIT 1";
static const char SQL_ACK[] =
    "SELECT epoch, upto, missing, from_seq, " BJ("at") ", "
    "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') FROM gap_ack WHERE dir = ? "
    "ORDER BY from_epoch DESC, from_seq DESC, id DESC LIMIT 1";
static const char SQL_RESENT[] =
    "SELECT seq FROM gap_out WHERE epoch = ? AND seq BETWEEN ? AND ? "
    "AND resent_at >= ? ORDER BY seq";
static const char SQL_ALERT_COUNT[] =
    "SELECT COUNT(*) FROM security_alert WHERE resolved_at IS NULL";
/* The operator: of the carry of the bundle an alert names (DIR/EPOCH/SEQ
 * at the start of its object), the row nearest in time. */
static const char SQL_ALERTS[] =
    "SELECT a.id, " BJ("a.at") ", a.kind, a.object, a.message, "
    "(SELECT c.operator FROM gap_carry c WHERE a.object LIKE '%/%/%' "
    "AND c.dir = SUBSTRING_INDEX(a.object, '/', 1) "
    "AND c.epoch = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(a.object, '/', 2), "
    "'/', -1) AS SIGNED) "
    "AND c.seq = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(a.object, '/', 3), "
    "'/', -1) AS SIGNED) "
    "ORDER BY ABS(TIMESTAMPDIFF(SECOND, c.at, a.at)), c.id DESC LIMIT 1) "
    "FROM security_alert a WHERE a.resolved_at IS NULL "
    "ORDER BY a.id DESC LIMIT ?";
static const char SQL_CARRIES[] =
    "SELECT id, DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), "
    "operator, action, dir, epoch, seq, disc, outcome FROM gap_carry "
    "WHERE id < ? ORDER BY id DESC LIMIT ?";

static enum db_rc
bundle_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct gs_bundle	*b = arg;

	return stmt_row(q, pool, "iiiisi", &b->epoch, &b->seq, &b->records,
	    &b->size, &b->at, &b->resent);
}

static enum db_rc
kind_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct gs_kind	*k = arg;

	return stmt_row(q, pool, "si", &k->kind, &k->n);
}

static enum db_rc
seq_row(struct stmt *q, struct pool *pool, void *arg)
{
	return stmt_row(q, pool, "i", (int64_t *)arg);
}

static enum db_rc
alert_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct gs_alert	*a = arg;

	return stmt_row(q, pool, "isssss", &a->a.id, &a->a.at, &a->a.kind,
	    &a->a.object, &a->a.message, &a->who);
}

static enum db_rc
carry_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct gs_carry	*c = arg;

	return stmt_row(q, pool, "issssiiss", &c->id, &c->at, &c->operator,
	    &c->action, &c->dir, &c->epoch, &c->seq, &c->disc, &c->outcome);
}

int64_t
gapstatus_missing(int64_t upto, const int64_t *held, size_t nheld,
    int64_t *out, size_t max, size_t *nout)
{
	int64_t		 prev = upto, s, total = 0;
	size_t		 i;

	*nout = 0;
	for (i = 0; i < nheld; i++) {
		if (held[i] <= prev)
			continue;	/* at or below upto, or repeated */
		for (s = prev + 1; s < held[i]; s++) {
			if (*nout < max)
				out[(*nout)++] = s;
			total++;
		}
		prev = held[i];
	}
	return total;
}

/* The other site's bundles held and missing here, and which of ours
 * asks for them. */
static enum db_rc
load_missing(struct db *db, struct pool *pool, struct gapstatus *st)
{
	struct stmt	*q;
	int64_t		 max_held;
	char		*since;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_HELD_SUM);
	stmt_bind_text(q, 0, st->in_dir);
	stmt_bind_int(q, 1, st->in_epoch);
	stmt_bind_int(q, 2, st->upto);
	if (stmt_one(q, pool, "iis", &st->held_total, &max_held, &since) !=
	    DB_OK)
		return DB_ERR;
	if (st->held_total == 0)
		return DB_OK;
	q = db_stmt(db, SQL_HELD);
	stmt_bind_text(q, 0, st->in_dir);
	stmt_bind_int(q, 1, st->in_epoch);
	stmt_bind_int(q, 2, st->upto);
	stmt_bind_int(q, 3, GS_SEQ_MAX);
	if (stmt_list(q, pool, seq_row, sizeof(int64_t), &st->held,
	    &st->nheld) != DB_OK)
		return DB_ERR;
	st->missing = pool_alloc(pool, GS_SEQ_MAX * sizeof(int64_t));
	(void)gapstatus_missing(st->upto, st->held, st->nheld, st->missing,
	    GS_SEQ_MAX, &st->nmissing);
	/* Below the highest held, every sequence is imported, held or
	 * missing, also past the ones listed. */
	st->missing_total = max_held - st->upto - st->held_total;
	if (st->missing_total <= 0 || st->last_out.seq == 0)
		return DB_OK;
	q = db_stmt(db, SQL_ASKED_IN);
	stmt_bind_int(q, 0, st->last_out.epoch);
	stmt_bind_text(q, 1, since);
	stmt_bind_text(q, 2, pool_printf(pool, "%lld", (long long)(st->nmissing >
	    0 ? st->missing[0] : st->upto + 1)));
	rc = stmt_one(q, pool, "i", &st->asked_in);
	return rc == DB_NONE ? DB_OK : rc;
}

/* What the other site last said it has of ours (the newest by the
 * bundle that carried it, as resend.c reads it), and what we sent again
 * since. */
static enum db_rc
load_ack(struct db *db, struct pool *pool, struct gapstatus *st)
{
	struct stmt	*q;
	json_t		*arr, *v;
	json_error_t	 err;
	char		*missing, *at_utc;
	int64_t		*resent, lo = INT64_MAX, hi = 0;
	size_t		 i, j, n, nresent;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_ACK);
	stmt_bind_text(q, 0, st->out_dir);
	rc = stmt_one(q, pool, "iisiss", &st->ack_epoch, &st->ack_upto,
	    &missing, &st->ack_from_seq, &st->ack_at, &at_utc);
	if (rc != DB_OK) {
		st->ack_at = NULL;
		return rc == DB_NONE ? DB_OK : rc;
	}
	/* Written by our import from a verified manifest; still read as
	 * data: only positive integers count. */
	if ((arr = json_loads(missing, 0, &err)) == NULL || !json_is_array(arr)) {
		json_decref(arr);
		return DB_OK;
	}
	n = json_array_size(arr);
	st->ack_missing = pool_alloc(pool, (n + 1) * sizeof(int64_t));
	json_array_foreach(arr, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    st->nack_missing >= GS_SEQ_MAX)
			continue;
		st->ack_missing[st->nack_missing++] = json_integer_value(v);
		if (json_integer_value(v) < lo)
			lo = json_integer_value(v);
		if (json_integer_value(v) > hi)
			hi = json_integer_value(v);
	}
	json_decref(arr);
	if (st->nack_missing == 0)
		return DB_OK;
	q = db_stmt(db, SQL_RESENT);
	stmt_bind_int(q, 0, st->ack_epoch);
	stmt_bind_int(q, 1, lo);
	stmt_bind_int(q, 2, hi);
	stmt_bind_text(q, 3, at_utc);
	if (stmt_list(q, pool, seq_row, sizeof(int64_t), &resent,
	    &nresent) != DB_OK)
		return DB_ERR;
	st->resent = pool_alloc(pool, (st->nack_missing + 1) *
	    sizeof(int64_t));
	for (i = 0; i < st->nack_missing; i++)
		for (j = 0; j < nresent; j++)
			if (resent[j] == st->ack_missing[i]) {
				st->resent[st->nresent++] = resent[j];
				break;
			}
	return DB_OK;
}

enum db_rc
gapstatus_load(struct db *db, struct pool *pool, const char *out_dir,
    const char *in_dir, struct gapstatus *st)
{
	struct stmt	*q;
	size_t		 i;
	enum db_rc	 rc;

	memset(st, 0, sizeof(*st));
	st->out_dir = out_dir;
	st->in_dir = in_dir;
	if (exchange_epoch(db, pool, in_dir, &st->accepted_epoch) != DB_OK)
		return DB_ERR;
	rc = stmt_first(db_stmt(db, SQL_LAST_OUT), pool, bundle_row,
	    &st->last_out);
	if (rc == DB_ERR)
		return rc;
	q = db_stmt(db, SQL_LAST_IN);
	stmt_bind_text(q, 0, in_dir);
	st->last_in.size = -1;
	rc = stmt_one(q, pool, "iiis", &st->last_in.epoch, &st->last_in.seq,
	    &st->last_in.records, &st->last_in.at);
	if (rc == DB_ERR)
		return rc;
	if (stmt_list(db_stmt(db, SQL_KINDS), pool, kind_row,
	    sizeof(struct gs_kind), &st->kinds, &st->nkinds) != DB_OK)
		return DB_ERR;
	for (i = 0; i < st->nkinds; i++)
		st->pending += st->kinds[i].n;
	if (stmt_one(db_stmt(db, SQL_WAITING_COUNT), pool, "i",
	    &st->waiting) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_WAITING);
	stmt_bind_int(q, 0, GS_LIST_MAX);
	if (stmt_list(q, pool, bundle_row, sizeof(struct gs_bundle),
	    &st->wait, &st->nwait) != DB_OK)
		return DB_ERR;
	/* Imports go in order: the last imported is the last of an
	 * unbroken run.  Before the first, the epoch accepted (or 1). */
	st->in_epoch = st->last_in.seq > 0 ? st->last_in.epoch :
	    st->accepted_epoch > 0 ? st->accepted_epoch : 1;
	st->upto = st->last_in.seq;
	if (load_missing(db, pool, st) != DB_OK ||
	    load_ack(db, pool, st) != DB_OK)
		return DB_ERR;
	if (aside_list(db, pool, 0, GS_LIST_MAX, &st->here, &st->nhere,
	    &st->here_total) != DB_OK ||
	    aside_peer_list(db, pool, 0, GS_LIST_MAX, &st->there, &st->nthere,
	    &st->there_total) != DB_OK)
		return DB_ERR;
	if (stmt_one(db_stmt(db, SQL_ALERT_COUNT), pool, "i",
	    &st->alerts_total) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ALERTS);
	stmt_bind_int(q, 0, GS_LIST_MAX);
	return stmt_list(q, pool, alert_row, sizeof(struct gs_alert),
	    &st->alerts, &st->nalerts);
}

enum db_rc
gapstatus_carries(struct db *db, struct pool *pool, int64_t before,
    size_t limit, struct gs_carry **v, size_t *n, int64_t *more)
{
	struct stmt	*q;

	*more = 0;
	q = db_stmt(db, SQL_CARRIES);
	stmt_bind_int(q, 0, before > 0 ? before : INT64_MAX);
	stmt_bind_int(q, 1, (int64_t)limit + 1);
	if (stmt_list(q, pool, carry_row, sizeof(**v), v, n) != DB_OK)
		return DB_ERR;
	if (*n > limit) {
		*n = limit;
		*more = (*v)[limit - 1].id;
	}
	return DB_OK;
}

char *
gapstatus_seqs(struct pool *pool, const int64_t *v, size_t n, int64_t total)
{
	char	*s = "";
	size_t	 i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j] == v[j - 1] + 1; j++)
			;
		if (j - i >= 3)
			s = pool_printf(pool, "%s%s%lld–%lld", s, i ? "、" : "",
			    (long long)v[i], (long long)v[j - 1]);
		else {
			s = pool_printf(pool, "%s%s%lld", s, i ? "、" : "",
			    (long long)v[i]);
			j = i + 1;
		}
	}
	if (total > (int64_t)n)
		return pool_printf(pool, "%s 等 %lld 个", s, (long long)total);
	return s;
}

const char *
gapstatus_sender(const char *dir)
{
	return strcmp(dir, "ext2int") == 0 ? "外网" : "内网";
}

const char *
gapstatus_receiver(const char *dir)
{
	return strcmp(dir, "ext2int") == 0 ? "内网" : "外网";
}

char *
gapstatus_missing_text(struct pool *pool, const struct gapstatus *st)
{
	const char	*peer = gapstatus_sender(st->in_dir);
	const char	*self = gapstatus_receiver(st->in_dir);
	char		*s;

	if (st->missing_total <= 0)
		return NULL;
	s = pool_printf(pool, "%s第 %s 号数据包没有收到（其后的第 %s 号已收到，"
	    "暂存待导入）", peer, gapstatus_seqs(pool, st->missing,
	    st->nmissing, st->missing_total), gapstatus_seqs(pool, st->held,
	    st->nheld, st->held_total));
	if (st->asked_in > 0)
		return pool_printf(pool, "%s，已在%s第 %lld 号数据包中请求重发。"
		    "请把那个数据包带到%s导入，再把%s重发的数据包带回来。", s,
		    self, (long long)st->asked_in, peer, peer);
	return pool_printf(pool, "%s，重发请求将随%s的下一个数据包发出：请运行 "
	    "yiwang-gap export，把数据包带到%s导入。", s, self, peer);
}

char *
gapstatus_request_text(struct pool *pool, const struct gapstatus *st)
{
	const char	*peer = gapstatus_receiver(st->out_dir);
	const char	*self = gapstatus_sender(st->out_dir);
	int64_t		*left;
	size_t		 i, j, nleft = 0;
	char		*s;

	if (st->ack_at == NULL)
		return NULL;
	if (st->nack_missing == 0)
		return pool_printf(pool, "%s已收到%s第 %lld 号及以前的全部数据包"
		    "（%s第 %lld 号数据包回告，%s 导入）。", peer, self,
		    (long long)st->ack_upto, peer, (long long)st->ack_from_seq,
		    st->ack_at);
	s = pool_printf(pool, "%s没有收到%s第 %s 号数据包，在%s第 %lld 号数据包中"
	    "请求重发（%s 导入）", peer, self, gapstatus_seqs(pool,
	    st->ack_missing, st->nack_missing, (int64_t)st->nack_missing),
	    peer, (long long)st->ack_from_seq, st->ack_at);
	left = pool_alloc(pool, st->nack_missing * sizeof(int64_t));
	for (i = 0; i < st->nack_missing; i++) {
		for (j = 0; j < st->nresent; j++)
			if (st->resent[j] == st->ack_missing[i])
				break;
		if (j == st->nresent)
			left[nleft++] = st->ack_missing[i];
	}
	if (nleft == 0)
		return pool_printf(pool, "%s；已全部重发，请把重发的数据包带到%s"
		    "导入。", s, peer);
	if (st->nresent > 0)
		s = pool_printf(pool, "%s；第 %s 号已重发", s, gapstatus_seqs(pool,
		    st->resent, st->nresent, (int64_t)st->nresent));
	return pool_printf(pool, "%s；第 %s 号还没有重发：请运行 yiwang-gap "
	    "export，它会把这些数据包原样再写一次。", s, gapstatus_seqs(pool,
	    left, nleft, (int64_t)nleft));
}

const char *
gapstatus_action_label(const char *action)
{
	static const struct {
		const char	*action, *label;
	} labels[] = {
		{ "export", "导出" },
		{ "resend", "重发" },
		{ "heartbeat", "心跳包" },
		{ "import", "导入" },
		{ "held", "暂存（等前一个）" },
		{ "refused", "拒绝导入" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].action, action) == 0)
			return labels[i].label;
	return action;
}
