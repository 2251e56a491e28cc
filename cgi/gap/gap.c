/*
 * gap.c: export and import of bundles, on top of bundle.c (the file
 * format) and exchange.c (the outbox and the record of what crossed).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "application.h"
#include "bundle.h"
#include "catalog.h"
#include "crypto.h"
#include "exchange.h"
#include "files.h"
#include "flow.h"
#include "gap.h"
#include "log.h"
#include "search.h"

static const char *
out_dir(const struct config *c)
{
	return c->site == SITE_INTRANET ? "int2ext" : "ext2int";
}

static const char *
in_dir(const struct config *c)
{
	return c->site == SITE_INTRANET ? "ext2int" : "int2ext";
}

/*
 * The keys for writing (own signing key, own and peer's encryption keys)
 * or reading (peer's signing key, own encryption key) a bundle (GAP-3).
 */
static enum gap_rc
keys_load(const struct config *c, int writing, struct bundle_keys *k,
    char *msg, size_t msglen)
{
	const char	*path;

	memset(k, 0, sizeof(*k));
	path = writing ? c->sign_key : c->peer_key;
	k->sign = path == NULL ? NULL : writing ? crypto_load_private(path) :
	    crypto_load_public(path);
	if (k->sign == NULL) {
		snprintf(msg, msglen, writing ? "读不出本站签名私钥 %s。" :
		    "读不出对端站点的公钥 %s。", path ? path : "（未配置）");
		return GAP_FAIL;
	}
	if (c->enc_key == NULL ||
	    (k->box = crypto_box_load_private(c->enc_key)) == NULL) {
		snprintf(msg, msglen, "读不出本站的加密私钥 %s（enc_key；"
		    "yiwang-admin keygen 会生成它）。",
		    c->enc_key ? c->enc_key : "（未配置）");
		goto fail;
	}
	if (writing && (c->peer_enc_key == NULL || (k->peer_box =
	    crypto_box_load_public(c->peer_enc_key)) == NULL)) {
		snprintf(msg, msglen, "读不出对端站点的加密公钥 %s（peer_enc_key；"
		    "由对端管理员带来）。", c->peer_enc_key ? c->peer_enc_key :
		    "（未配置）");
		goto fail;
	}
	return GAP_OK;
fail:
	EVP_PKEY_free(k->sign);
	EVP_PKEY_free(k->box);
	memset(k, 0, sizeof(*k));
	return GAP_FAIL;
}

static void
keys_free(struct bundle_keys *k)
{
	EVP_PKEY_free(k->sign);
	EVP_PKEY_free(k->box);
	EVP_PKEY_free(k->peer_box);
	memset(k, 0, sizeof(*k));
}

static void
limits(const struct config *c, struct bundle_limits *l)
{
	l->max_total = c->bundle_max;
	l->max_records = 256u * 1024 * 1024;
	l->max_file = c->max_upload;
	l->max_files = 100000;
}

struct collect {
	struct pool	*pool;
	char		*buf;
	size_t		 len, cap, n;
	struct bundle_file *files;
	size_t		 nfiles, fcap;
	const char	*files_dir;
	int		 bad;
};

static void
append(struct collect *c, const char *s, size_t n)
{
	char	*nb;

	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		nb = pool_alloc(c->pool, c->cap);
		memcpy(nb, c->buf, c->len);
		c->buf = nb;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

/* One outbox record: its text, and the attachments it names. */
static int
collect_record(const char *rec, void *arg)
{
	struct collect	*c = arg;
	json_t		*o, *files, *f;
	size_t		 i, j;
	const char	*sha;

	append(c, rec, strlen(rec));
	append(c, "\n", 1);
	c->n++;
	if ((o = json_loads(rec, 0, NULL)) == NULL)
		return -1;
	files = json_object_get(o, "files");
	json_array_foreach(files, i, f) {
		if ((sha = json_string_value(f)) == NULL || strlen(sha) != 64)
			continue;
		for (j = 0; j < c->nfiles; j++)
			if (strcmp(c->files[j].sha256, sha) == 0)
				break;
		if (j < c->nfiles)
			continue;
		if (c->nfiles == c->fcap) {
			struct bundle_file *nf;
			c->fcap = c->fcap ? c->fcap * 2 : 16;
			nf = pool_alloc(c->pool, c->fcap * sizeof(*nf));
			if (c->nfiles)
				memcpy(nf, c->files, c->nfiles * sizeof(*nf));
			c->files = nf;
		}
		memcpy(c->files[c->nfiles].sha256, sha, 65);
		c->files[c->nfiles].path = files_path(c->files_dir, sha,
		    c->pool);
		c->nfiles++;
	}
	json_decref(o);
	return 0;
}

enum gap_rc
gap_export(const struct config *cfg, struct db *db, struct pool *pool,
    char **path, char *msg, size_t msglen)
{
	struct gap_claim	 claim;
	struct collect		 c;
	struct bundle_out	 b;
	struct bundle_keys	 key;
	char			*prev, hash[65], err[512];
	enum db_rc		 rc;

	if (keys_load(cfg, 1, &key, msg, msglen) != GAP_OK)
		return GAP_FAIL;
	switch (exchange_claim(db, pool, &claim)) {
	case DB_OK:
		break;
	case DB_NONE:
		keys_free(&key);
		snprintf(msg, msglen, "没有需要导出的数据。");
		return GAP_EMPTY;
	default:
		keys_free(&key);
		snprintf(msg, msglen, "数据库出错，没有导出。");
		return GAP_FAIL;
	}
	memset(&c, 0, sizeof(c));
	c.pool = pool;
	c.files_dir = cfg->files_dir;
	append(&c, "", 0);
	if (exchange_records(db, pool, claim.epoch, claim.seq, collect_record,
	    &c) != DB_OK ||
	    (rc = exchange_out_hash(db, pool, claim.epoch, claim.seq - 1,
	    &prev)) == DB_ERR) {
		keys_free(&key);
		snprintf(msg, msglen, "读取待导出数据时出错。");
		return GAP_FAIL;
	}
	if (rc == DB_NONE)
		prev = "";
	memset(&b, 0, sizeof(b));
	b.site = config_site_name(cfg->site);
	b.dir = out_dir(cfg);
	b.epoch = claim.epoch;
	b.seq = claim.seq;
	b.prev = prev;
	b.created = claim.created;
	b.records = c.buf;
	b.records_len = c.len;
	b.nrecords = c.n;
	b.files = c.files;
	b.nfiles = c.nfiles;
	b.acks = NULL;
	*path = pool_printf(pool, "%s/%s-%s-e%lld-%06lld.ywb", cfg->bundle_dir,
	    b.site, b.dir, (long long)b.epoch, (long long)b.seq);
	if (bundle_write(*path, &b, &key, hash, err, sizeof(err)) == -1) {
		keys_free(&key);
		snprintf(msg, msglen, "写数据包失败：%s（再次运行导出即可重写同一个"
		    "数据包）", err);
		return GAP_FAIL;
	}
	keys_free(&key);
	if (exchange_out_done(db, claim.epoch, claim.seq, hash, *path) !=
	    DB_OK) {
		snprintf(msg, msglen, "数据包已写好，但登记失败；再次运行导出会"
		    "重写同一个数据包。");
		return GAP_FAIL;
	}
	snprintf(msg, msglen, "%s第 %lld 号数据包：%zu 条记录，%zu 个附件。",
	    claim.resumed ? "重新写出上次中断的" : "已导出", (long long)b.seq,
	    c.n, c.nfiles);
	return GAP_OK;
}

/* Remove the staging directory and whatever is left in it. */
static void
stage_clean(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		 p[PATH_MAX];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

/* Apply one record inside the import transaction. */
static enum db_rc
apply_record(const struct config *cfg, struct db *db, struct pool *pool,
    json_t *rec, char *err, size_t errlen, size_t counts[3])
{
	const char	*type;
	json_t		*atts, *a;
	size_t		 i;

	type = json_string_value(json_object_get(rec, "type"));
	if (type == NULL) {
		snprintf(err, errlen, "记录没有类型");
		return DB_ERR;
	}
	if (cfg->site == SITE_EXTRANET && strcmp(type, "item") == 0) {
		counts[0]++;
		return catalog_import(db, pool, rec, err, errlen);
	}
	if (cfg->site == SITE_EXTRANET && strcmp(type, "case.event") == 0) {
		counts[2]++;
		return app_import_event(db, pool, rec, err, errlen);
	}
	if (cfg->site == SITE_INTRANET && strcmp(type, "application") == 0) {
		/* Every attachment it names must have arrived. */
		atts = json_object_get(rec, "attachments");
		json_array_foreach(atts, i, a) {
			const char *sha = json_string_value(
			    json_object_get(a, "sha256"));
			if (sha == NULL || access(files_path(cfg->files_dir,
			    sha, pool), R_OK) == -1) {
				snprintf(err, errlen, "申请的附件不在数据包中");
				return DB_ERR;
			}
		}
		counts[1]++;
		return case_import_application(db, pool, rec, err, errlen);
	}
	snprintf(err, errlen, "本站不接受「%s」类型的记录", type);
	return DB_ERR;
}

static enum gap_rc
read_checked(const struct config *cfg, const char *path,
    const char *stage, struct bundle_in *in, char *msg, size_t msglen)
{
	struct bundle_limits	 lim;
	struct bundle_keys	 keys;
	char			 err[512];
	int			 rc;

	if (keys_load(cfg, 0, &keys, msg, msglen) != GAP_OK)
		return GAP_FAIL;
	limits(cfg, &lim);
	rc = bundle_read(path, &keys, &lim, stage, in, err, sizeof(err));
	keys_free(&keys);
	if (rc == -1) {
		snprintf(msg, msglen, "拒绝导入 %s：%s 没有导入任何数据。", path,
		    err);
		return GAP_FAIL;
	}
	if (strcmp(in->dir, in_dir(cfg)) != 0 ||
	    strcmp(in->site, cfg->site == SITE_INTRANET ? "extranet" :
	    "intranet") != 0) {
		snprintf(msg, msglen, "拒绝导入 %s：这个数据包不是发给本站的"
		    "（%s，%s）。没有导入任何数据。", path, in->site, in->dir);
		bundle_in_free(in);
		return GAP_FAIL;
	}
	return GAP_OK;
}

enum gap_rc
gap_verify(const struct config *cfg, struct pool *pool, const char *path,
    char *msg, size_t msglen)
{
	struct bundle_in	 in;
	enum gap_rc		 rc;

	(void)pool;
	memset(&in, 0, sizeof(in));
	if ((rc = read_checked(cfg, path, NULL, &in, msg, msglen)) != GAP_OK)
		return rc;
	snprintf(msg, msglen, "数据包完好：%s 第 %lld 号，%s，记录 %zu 字节，"
	    "附件 %zu 个。", in.site, (long long)in.seq, in.dir,
	    in.records_len, in.nfiles);
	bundle_in_free(&in);
	return GAP_OK;
}

enum gap_rc
gap_import(const struct config *cfg, struct db *db, struct pool *pool,
    const char *path, char *msg, size_t msglen)
{
	struct bundle_in	 in;
	enum gap_rc		 grc;
	char			*stage, *have = NULL, *last_hash, *line, *nl;
	char			 err[512];
	int64_t			 last;
	size_t			 i, n = 0, counts[3] = { 0, 0, 0 };
	json_t			*rec;
	enum db_rc		 rc;

	memset(&in, 0, sizeof(in));
	if (files_init(cfg->files_dir) == -1) {
		snprintf(msg, msglen, "无法使用附件目录 %s。", cfg->files_dir);
		return GAP_FAIL;
	}
	stage = pool_printf(pool, "%s/tmp/stage-%ld", cfg->files_dir,
	    (long)getpid());
	if (mkdir(stage, 0700) == -1 && errno != EEXIST) {
		snprintf(msg, msglen, "无法建立暂存目录 %s。", stage);
		return GAP_FAIL;
	}
	if ((grc = read_checked(cfg, path, stage, &in, msg, msglen)) != GAP_OK)
		goto out;
	grc = GAP_FAIL;
	/* Exactly once: the same bundle again changes nothing. */
	rc = exchange_in_get(db, pool, in.dir, in.epoch, in.seq, &have);
	if (rc == DB_OK) {
		if (strcmp(have, in.hash) == 0) {
			snprintf(msg, msglen, "第 %lld 号数据包已经导入过，本次"
			    "没有做任何改动。", (long long)in.seq);
			grc = GAP_OK;
		} else {
			snprintf(msg, msglen, "安全警告：第 %lld 号数据包已经导入"
			    "过，而这个文件的内容与当时不同。已拒绝，请报告安全"
			    "管理员。", (long long)in.seq);
			grc = GAP_ALERT;
		}
		goto out;
	}
	if (rc != DB_NONE ||
	    exchange_in_last(db, pool, in.dir, in.epoch, &last, &last_hash) !=
	    DB_OK) {
		snprintf(msg, msglen, "数据库出错，没有导入。");
		goto out;
	}
	if (in.seq != last + 1) {
		snprintf(msg, msglen, "拒绝导入第 %lld 号数据包：本站最后导入的"
		    "是第 %lld 号，请先导入第 %lld 号。没有导入任何数据。",
		    (long long)in.seq, (long long)last, (long long)last + 1);
		grc = GAP_MISSING;
		goto out;
	}
	if (strcmp(in.prev, last_hash) != 0) {
		snprintf(msg, msglen, "安全警告：第 %lld 号数据包记载的上一号"
		    "数据包与本站导入的不同。已拒绝。", (long long)in.seq);
		grc = GAP_ALERT;
		goto out;
	}
	/* Files first: content-addressed, so one that stays is harmless. */
	for (i = 0; i < in.nfiles; i++)
		if (files_adopt(cfg->files_dir, pool_printf(pool, "%s/%s",
		    stage, in.files[i]), in.files[i]) == -1) {
			snprintf(msg, msglen, "保存附件时出错，没有导入。");
			goto out;
		}
	if (db_begin(db) != DB_OK) {
		snprintf(msg, msglen, "数据库出错，没有导入。");
		goto out;
	}
	err[0] = '\0';
	for (line = in.records; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line == '\0')
			continue;
		n++;
		if ((rec = json_loads(line, 0, NULL)) == NULL) {
			snprintf(err, sizeof(err), "第 %zu 条记录不是 JSON", n);
			break;
		}
		rc = apply_record(cfg, db, pool, rec, err, sizeof(err),
		    counts);
		json_decref(rec);
		if (rc != DB_OK) {
			if (err[0] == '\0')
				snprintf(err, sizeof(err), "第 %zu 条记录无法写入",
				    n);
			break;
		}
	}
	if (err[0] == '\0' && exchange_in_add(db, in.dir, in.epoch, in.seq,
	    in.hash, (int64_t)n) != DB_OK)
		snprintf(err, sizeof(err), "登记数据包时出错（可能正在另一处"
		    "导入）");
	if (err[0] == '\0' && audit_add(db, pool, "gap", "gap.import",
	    pool_printf(pool, "%s/%lld/%lld", in.dir, (long long)in.epoch,
	    (long long)in.seq), in.hash) != DB_OK)
		snprintf(err, sizeof(err), "写审计记录时出错");
	if (err[0] != '\0') {
		db_rollback(db);
		/* The full-text index is not transactional (search.h). */
		if (cfg->site == SITE_EXTRANET && counts[0] > 0)
			(void)search_rebuild(db);
		snprintf(msg, msglen, "拒绝导入第 %lld 号数据包：%s。没有导入任何"
		    "数据。", (long long)in.seq, err);
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		snprintf(msg, msglen, "数据库提交失败，没有导入。");
		goto out;
	}
	snprintf(msg, msglen, "已导入第 %lld 号数据包：%zu 条记录（事项 %zu，"
	    "申请 %zu，办件进度 %zu），附件 %zu 个。", (long long)in.seq, n,
	    counts[0], counts[1], counts[2], in.nfiles);
	grc = GAP_OK;
out:
	bundle_in_free(&in);
	stage_clean(stage);
	return grc;
}
