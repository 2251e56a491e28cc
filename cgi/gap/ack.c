/*
 * ack.c: acknowledgements, holding and re-sending (ack.h, docs/gap.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ack.h"
#include "alert.h"
#include "exchange.h"
#include "log.h"

#define SEQ_MAX		((int64_t)1 << 53)	/* what JSON carries exactly */
#define EPOCH_MAX	2147483647

enum gap_rc
ack_build(const struct config *cfg, struct db *db, struct pool *pool,
    char **text, json_t **missing, char *msg, size_t msglen)
{
	struct gap_ack	 a;
	const char	*dir = gap_in_dir(cfg);
	char		*hash, *s;
	json_t		*o;
	int64_t		 epoch, upto = 0;
	size_t		 i;

	*text = NULL;
	*missing = NULL;
	memset(&a, 0, sizeof(a));
	if (exchange_epoch(db, pool, dir, &epoch) != DB_OK ||
	    (epoch > 0 && (exchange_in_last(db, pool, dir, epoch, &upto,
	    &hash) != DB_OK || resend_holding(db, pool, dir, epoch, upto,
	    &a) != DB_OK))) {
		snprintf(msg, msglen, "读取本站已收到的数据包时数据库出错，"
		    "没有导出。");
		return GAP_FAIL;
	}
	if ((*missing = json_array()) == NULL)
		goto nomem;
	for (i = 0; i < a.nmissing; i++)
		if (json_array_append_new(*missing,
		    json_integer(a.missing[i])) == -1)
			goto nomem;
	o = json_pack("{s:I, s:I, s:O}", "epoch", (json_int_t)epoch, "upto",
	    (json_int_t)upto, "missing", *missing);
	s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (s == NULL)
		goto nomem;
	*text = pool_strdup(pool, s);
	free(s);
	return GAP_OK;
nomem:
	json_decref(*missing);
	*missing = NULL;
	snprintf(msg, msglen, "内存不足，没有导出。");
	return GAP_FAIL;
}

/* v as a JSON integer in [lo, hi], or -1. */
static int64_t
int_in(json_t *v, int64_t lo, int64_t hi)
{
	json_int_t	 n;

	if (!json_is_integer(v))
		return -1;
	n = json_integer_value(v);
	return n < lo || n > hi ? -1 : (int64_t)n;
}

int
ack_parse(struct pool *pool, const struct bundle_in *in, struct gap_ack *a,
    const char **why)
{
	json_t		*o, *m, *v;
	size_t		 i, cap = 0;
	int64_t		 s, last;

	memset(a, 0, sizeof(*a));
	a->from_epoch = in->epoch;
	a->from_seq = in->seq;
	o = json_object_get(in->manifest, "acks");
	if (o == NULL || json_is_null(o))
		return 1;
	m = json_object_get(o, "missing");
	if (!json_is_object(o) || json_object_size(o) != 3 ||
	    (a->epoch = int_in(json_object_get(o, "epoch"), 0, EPOCH_MAX)) ==
	    -1 || (a->upto = int_in(json_object_get(o, "upto"), 0,
	    SEQ_MAX)) == -1 || !json_is_array(m) ||
	    json_array_size(m) > RESEND_MISSING_MAX ||
	    (a->epoch == 0 && (a->upto != 0 || json_array_size(m) != 0))) {
		*why = "数据包的确认信息（acks）格式不对";
		return -1;
	}
	last = a->upto;
	json_array_foreach(m, i, v) {
		if ((s = int_in(v, last + 1, SEQ_MAX)) == -1) {
			*why = "数据包的确认信息（acks）所列缺失的序号不对";
			return -1;
		}
		*(int64_t *)pool_push(pool, &a->missing, &a->nmissing, &cap,
		    sizeof(s)) = s;
		last = s;
	}
	return 0;
}

int
ack_copy(struct pool *pool, const char *src, const char *dir,
    const char *as, char **dst)
{
	char		 buf[1 << 16], *tmp, *name, *to;
	ssize_t		 n, w, off;
	int		 in, out = -1, dfd, ok = 0, e;

	name = pool_strdup(pool, src);
	to = pool_printf(pool, "%s/%s", dir, as != NULL ? as :
	    basename(name));
	tmp = pool_printf(pool, "%s.tmp", to);
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	(void)unlink(tmp);
	if ((out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) ==
	    -1)
		goto done;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (off = 0; off < n; off += w)
			if ((w = write(out, buf + off, (size_t)(n - off))) <= 0)
				goto done;
	if (n == 0 && fsync(out) == 0 && close(out) == 0) {
		out = -1;
		if (rename(tmp, to) == 0) {
			ok = 1;
			*dst = to;
			if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
				(void)fsync(dfd);
				close(dfd);
			}
		}
	}
done:
	e = errno;
	if (out != -1)
		close(out);
	close(in);
	if (!ok)
		(void)unlink(tmp);
	errno = e;
	return ok ? 0 : -1;
}

/* Append one line to msg. */
static void
line(char *msg, size_t msglen, const char *s)
{
	size_t	 len = strlen(msg);

	snprintf(msg + len, msglen - len, "%s%s", len > 0 ? "\n" : "", s);
}

/* The bundles the other site asked for, sent again or said lost. */
static enum gap_rc
resend(const struct config *cfg, struct db *db, struct pool *pool,
    const char *to, const char *who, size_t *nresent, char *msg,
    size_t msglen)
{
	struct gap_ack	 a;
	struct gap_kept	*due;
	struct stat	 st;
	const char	*dir = gap_out_dir(cfg);
	char		*path, *object;
	int64_t		*gone;
	size_t		 i, ndue, ngone, gcap;
	enum gap_rc	 grc = GAP_OK;
	enum db_rc	 rc;

	if ((rc = resend_ack_last(db, pool, dir, &a)) == DB_NONE)
		return GAP_OK;
	if (rc != DB_OK || resend_due(db, pool, &a, &due, &ndue, &gone,
	    &ngone) != DB_OK) {
		line(msg, msglen, "读取对端的确认信息时数据库出错，没有重发。");
		return GAP_FAIL;
	}
	gcap = ngone;	/* a file let go by hand is gone too */
	for (i = 0; i < ndue; i++) {
		path = due[i].path;
		if (stat(path, &st) == -1) {
			*(int64_t *)pool_push(pool, &gone, &ngone, &gcap,
			    sizeof(int64_t)) = due[i].seq;
			continue;
		}
		if (to != NULL && ack_copy(pool, due[i].path, to, NULL, &path) ==
		    -1) {
			line(msg, msglen, pool_printf(pool, "无法把第 %lld 号"
			    "数据包复制到 %s：%s。再次运行导出即可重试。",
			    (long long)due[i].seq, to, strerror(errno)));
			grc = GAP_FAIL;
			continue;
		}
		if (resend_done(db, due[i].epoch, due[i].seq, a.id, 1) !=
		    DB_OK || resend_carry(db, who, "resend", dir, due[i].epoch,
		    due[i].seq, to != NULL ? to : cfg->bundle_dir,
		    "对端请求重发") != DB_OK) {
			line(msg, msglen, "登记重发时数据库出错。");
			return GAP_FAIL;
		}
		line(msg, msglen, pool_printf(pool, "重发第 %lld 号数据包（对端"
		    "第 %lld 号数据包说没有收到它），原样未改：%s",
		    (long long)due[i].seq, (long long)a.from_seq, path));
		(*nresent)++;
	}
	for (i = 0; i < ngone; i++) {
		object = pool_printf(pool, "%s/%lld/%lld", dir,
		    (long long)a.epoch, (long long)gone[i]);
		line(msg, msglen, pool_printf(pool, "对端没有收到本站第 %lld "
		    "号数据包，而本站已不再保存它，无法重发。请与对端核实；确已"
		    "无法补发时，按 docs/gap.md 开始新的纪元。",
		    (long long)gone[i]));
		if (alert_raise(db, pool, "gap.lost", object, pool_printf(pool,
		    "对端报告没有收到本站第 %lld 纪元第 %lld 号数据包，本站已"
		    "不再保存它（操作人 %s）。", (long long)a.epoch,
		    (long long)gone[i], who)) != DB_OK ||
		    resend_done(db, a.epoch, gone[i], a.id, 0) != DB_OK)
			grc = GAP_FAIL;
	}
	return grc;
}

/* Let go the acknowledged bundles past keeping. */
static enum gap_rc
prune(const struct config *cfg, struct db *db, struct pool *pool,
    char *msg, size_t msglen)
{
	struct gap_kept	*v;
	int64_t		 unacked;
	size_t		 i, n;

	if (resend_prunable(db, pool, (int64_t)cfg->gap_keep_days,
	    (int64_t)cfg->gap_keep_bytes, &v, &n, &unacked) != DB_OK) {
		line(msg, msglen, "清理已确认的数据包时数据库出错。");
		return GAP_FAIL;
	}
	for (i = 0; i < n; i++) {
		if (unlink(v[i].path) == -1 && errno != ENOENT) {
			log_err("prune %s: %s", v[i].path, strerror(errno));
			continue;
		}
		if (resend_pruned(db, v[i].epoch, v[i].seq) != DB_OK)
			return GAP_FAIL;
	}
	if (unacked > (int64_t)cfg->gap_keep_bytes)
		line(msg, msglen, pool_printf(pool, "注意：对端尚未确认的数据包"
		    "已占 %lld 字节，超过 gap_keep_bytes；它们不会被清理。请尽快"
		    "把对端的数据包带回本站导入。", (long long)unacked));
	return GAP_OK;
}

enum gap_rc
ack_resend(const struct config *cfg, struct db *db, struct pool *pool,
    const char *to, const char *who, size_t *nresent, char *msg,
    size_t msglen)
{
	enum gap_rc	 a, b;

	*nresent = 0;
	a = resend(cfg, db, pool, to, who, nresent, msg, msglen);
	b = prune(cfg, db, pool, msg, msglen);
	return a != GAP_OK ? a : b;
}
