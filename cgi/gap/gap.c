/*
 * gap.c: export and import of bundles, on top of bundle.c (the file
 * format) and exchange.c (the outbox and the record of what crossed).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "agency.h"
#include "agent.h"
#include "anchor.h"
#include "ack.h"
#include "alert.h"
#include "application.h"
#include "aside.h"
#include "booking.h"
#include "delivery.h"
#include "bundle.h"
#include "catalog.h"
#include "claim.h"
#include "clock.h"
#include "complaint.h"
#include "rating.h"
#include "message.h"
#include "consult.h"
#include "crypto.h"
#include "docseal.h"
#include "licence.h"
#include "exchange.h"
#include "files.h"
#include "lifeevent.h"
#include "flow.h"
#include "claim.h"
#include "gap.h"
#include "keyring.h"
#include "log.h"
#include "publish.h"
#include "records.h"
#include "sms.h"
#include "resend.h"
#include "search.h"
#include "utf8.h"

const char *
gap_out_dir(const struct config *c)
{
	return c->site == SITE_INTRANET ? "int2ext" : "ext2int";
}

const char *
gap_in_dir(const struct config *c)
{
	return c->site == SITE_INTRANET ? "ext2int" : "int2ext";
}

/*
 * Progress for the operator's terminal (GAP-6): bundle.c's bytes and
 * this file's records go to one display, set by gap_set_progress().
 */
static gap_progress_fn	*show_fn;
static void		*show_arg;

static void
show_bytes(void *arg, enum bundle_stage stage, uint64_t done,
    uint64_t total)
{
	static const char *const what[] = {
		[BUNDLE_GATHER] = "读取附件",
		[BUNDLE_SEAL] = "加密写出",
		[BUNDLE_CHECK] = "校验数据包",
		[BUNDLE_OPEN] = "解密解包",
	};

	(void)arg;
	show_fn(show_arg, what[stage], done, total, 1);
}

void
gap_set_progress(gap_progress_fn *fn, void *arg)
{
	show_fn = fn;
	show_arg = arg;
	bundle_set_progress(fn != NULL ? show_bytes : NULL, NULL);
}

/* Records (or files) done of total (0: not known) at the step what. */
static void
show_records(const char *what, size_t done, size_t total)
{
	if (show_fn != NULL)
		show_fn(show_arg, what, done, total, 0);
}

/*
 * The keys for writing (own signing key, own and peer's encryption keys)
 * or reading (peer's signing keys, own encryption keys) a bundle (GAP-3,
 * GAP-7): keyring.h; KEYRING_IMPORT ends kept keys at their overlap.
 */
static enum gap_rc
keys_load(const struct config *c, enum keyring_use use,
    struct bundle_keys *k, char *msg, size_t msglen)
{
	return keyring_load(c, use, k, msg, msglen) == 0 ? GAP_OK : GAP_FAIL;
}

static void
keys_free(struct bundle_keys *k)
{
	keyring_free(k);
}

static void
limits(const struct config *c, struct bundle_limits *l)
{
	l->max_total = c->bundle_max;
	l->max_records = 256u * 1024 * 1024;
	l->max_file = c->max_upload;
	l->max_files = 100000;
}

/* How many records of one type an export takes. */
struct tally {
	const char	*type;
	size_t		 n;
};

struct collect {
	struct pool	*pool;
	char		*buf;
	size_t		 len, cap, n;
	struct bundle_file *files;
	size_t		 nfiles, fcap;
	const char	*files_dir;
	int		 bad;
	struct tally	*tally;
	size_t		 ntally, tcap;
};

static const char *kind_counts(const struct config *, struct pool *,
		    const struct tally *, size_t);

/* One more record of type in c's tally. */
static void
tally_add(struct collect *c, const char *type)
{
	struct tally	*t;
	size_t		 i;

	if (type == NULL)
		type = "";
	for (i = 0; i < c->ntally; i++)
		if (strcmp(c->tally[i].type, type) == 0) {
			c->tally[i].n++;
			return;
		}
	t = pool_push(c->pool, &c->tally, &c->ntally, &c->tcap, sizeof(*t));
	t->type = pool_strdup(c->pool, type);
	t->n = 1;
}

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
	show_records("读取待导出记录", c->n, 0);
	if ((o = json_loads(rec, 0, NULL)) == NULL)
		return -1;
	tally_add(c, json_string_value(json_object_get(o, "type")));
	files = json_object_get(o, "files");
	json_array_foreach(files, i, f) {
		if ((sha = json_string_value(f)) == NULL ||
		    !files_sha_valid(sha))
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
    const char *to, int beat, char **path, char *msg, size_t msglen)
{
	struct gap_claim	 claim;
	struct collect		 c;
	struct bundle_out	 b;
	struct bundle_keys	 key;
	struct stat		 st;
	json_t			*missing = NULL;
	const char		*who = config_operator(pool);
	char			*prev, *acks, hash[65], err[512], lines[4096];
	size_t			 nresent = 0;
	int			 empty_ok;
	enum gap_rc		 grc;
	enum db_rc		 rc;

	*path = NULL;
	lines[0] = '\0';
	if (keys_load(cfg, KEYRING_WRITE, &key, msg, msglen) != GAP_OK)
		return GAP_FAIL;
	/* Every bundle carries this site's chain heads, signed (SEC-3). */
	if (anchor_for_export(cfg, db, pool, key.sign) != DB_OK) {
		keys_free(&key);
		snprintf(msg, msglen, "无法写出审计链的锚点（见日志），没有导出。");
		return GAP_FAIL;
	}
	/* What this site holds of the other's bundles goes with it (GAP-5);
	 * with nothing to send, a heartbeat when one is due. */
	if (ack_build(cfg, db, pool, &acks, &missing, msg, msglen) !=
	    GAP_OK) {
		keys_free(&key);
		return GAP_FAIL;
	}
	empty_ok = beat;
	rc = beat ? DB_OK : resend_empty_due(db, pool,
	    (int64_t)cfg->gap_heartbeat, missing, &empty_ok);
	json_decref(missing);
	if (rc == DB_OK)
		rc = exchange_claim(db, pool, acks, empty_ok, &claim);
	switch (rc) {
	case DB_OK:
		break;
	case DB_NONE:
		keys_free(&key);
		grc = ack_resend(cfg, db, pool, to, who, &nresent, lines,
		    sizeof(lines));
		snprintf(msg, msglen, "没有需要导出的新数据。%s%s",
		    lines[0] ? "\n" : "", lines);
		return grc != GAP_OK ? grc : nresent > 0 ? GAP_OK : GAP_EMPTY;
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
	b.dir = gap_out_dir(cfg);
	b.epoch = claim.epoch;
	b.seq = claim.seq;
	b.prev = prev;
	b.created = claim.created;
	b.records = c.buf;
	b.records_len = c.len;
	b.nrecords = c.n;
	b.files = c.files;
	b.nfiles = c.nfiles;
	/* As claimed, so that an export run again writes the same bytes. */
	b.acks = json_loads(claim.acks, 0, NULL);
	*path = pool_printf(pool, "%s/%s-%s-e%lld-%06lld.ywb", cfg->bundle_dir,
	    b.site, b.dir, (long long)b.epoch, (long long)b.seq);
	if (b.acks == NULL || bundle_write(*path, &b, &key, hash, err,
	    sizeof(err)) == -1) {
		json_decref(b.acks);
		keys_free(&key);
		snprintf(msg, msglen, "写数据包失败：%s（再次运行导出即可重写同一个"
		    "数据包）", b.acks == NULL ? "确认信息无法读取" : err);
		return GAP_FAIL;
	}
	json_decref(b.acks);
	keys_free(&key);
	if (exchange_out_done(db, claim.epoch, claim.seq, hash, *path) !=
	    DB_OK || (stat(*path, &st) == 0 && resend_out_size(db,
	    claim.epoch, claim.seq, (int64_t)st.st_size) != DB_OK)) {
		snprintf(msg, msglen, "数据包已写好，但登记失败；再次运行导出会"
		    "重写同一个数据包。");
		return GAP_FAIL;
	}
	if (to != NULL && ack_copy(pool, *path, to, NULL, path) == -1) {
		snprintf(msg, msglen, "第 %lld 号数据包已写好（%s），但无法复制到 "
		    "%s：%s。请检查摆渡盘后把这个文件复制上去。", (long long)b.seq,
		    *path, to, strerror(errno));
		return GAP_FAIL;
	}
	(void)resend_carry(db, who, c.n == 0 ? "heartbeat" : "export", b.dir,
	    b.epoch, b.seq, to != NULL ? to : cfg->bundle_dir,
	    pool_printf(pool, "%zu 条记录，%zu 个附件", c.n, c.nfiles));
	grc = ack_resend(cfg, db, pool, to, who, &nresent, lines,
	    sizeof(lines));
	snprintf(msg, msglen, "%s第 %lld 号数据包：%zu 条记录%s，%zu 个附件。"
	    "%s%s", claim.resumed ? "重新写出上次中断的" : c.n == 0 ?
	    "已导出心跳（没有新数据，只带本站的确认信息）" : "已导出",
	    (long long)b.seq, c.n, c.n == 0 ? "" : pool_printf(pool, "（%s）",
	    kind_counts(cfg, pool, c.tally, c.ntally)), c.nfiles,
	    lines[0] ? "\n" : "", lines);
	return grc;
}

/*
 * Every kind of record that crosses the gap (GAP-2), one row each: the
 * site that receives it, the validator every record of a bundle must pass
 * before any file is adopted or any row written (records.h), and the
 * domain function that applies it inside the import's transaction: apply,
 * or apply_aside for a record the site may take and set aside (it then
 * changes nothing; *aside says so).  A kind whose records name a case
 * (by_case: its "app_no", when not empty) leaves a row per record for the
 * case's record of what came in (db/141, exchange_in_case()).
 *
 * What an apply function returns decides what the import does (GAP-5):
 *	DB_OK	applied.
 *	DB_NONE	refused by the domain, err says why in Chinese (a
 *		correction for a case that waits for none, a row that names
 *		what this site does not hold): a poison record.  It is rolled
 *		back to its savepoint and set aside (aside.h) with err as its
 *		reason; the rest of the bundle is applied.  DB_DUP (a unique
 *		key says the record clashes with what is here) is taken the
 *		same way: importing the bundle again would not change it.
 *	DB_ERR	the database or the site failed (connection lost, deadlock,
 *		disk, a key file unreadable): the whole import is rolled back
 *		and the bundle can be imported again later.
 * So a refusal must never be DB_ERR, and an infrastructure failure never
 * DB_NONE: when in doubt, DB_ERR (nothing is lost, the import is retried).
 */
/* gap.aside (GAP-5): about bundles this site sent, in its direction. */
static enum db_rc
aside_in_int(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	return aside_peer_put(db, pool, "int2ext", rec, err, errlen);
}

static enum db_rc
aside_in_ext(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	return aside_peer_put(db, pool, "ext2int", rec, err, errlen);
}

static const struct record_kind {
	const char	*type;
	enum site	 site;		/* the receiving site */
	const char	*label;		/* for the operator */
	rec_validator	 valid;
	enum db_rc	(*apply)(struct db *, struct pool *, json_t *,
			    char *err, size_t errlen);
	enum db_rc	(*apply_aside)(struct db *, struct pool *, json_t *,
			    int *aside, char *err, size_t errlen);
	int		 by_case;
} kinds[] = {
	{ "item", SITE_EXTRANET, "事项", rec_valid_item, catalog_import },
	{ "application", SITE_INTRANET, "申请", rec_valid_application,
	    case_import_application, NULL, 1 },
	{ "case.event", SITE_EXTRANET, "办件进度", rec_valid_case_event,
	    app_import_event },
	{ "application.withdraw", SITE_INTRANET, "撤回申请",
	    rec_valid_withdraw, NULL, case_import_withdraw, 1 },
	{ "application.correct", SITE_INTRANET, "补正材料",
	    rec_valid_correct, NULL, case_import_correction, 1 },
	{ "case.fee", SITE_EXTRANET, "缴费", rec_valid_case_fee,
	    app_import_fee },
	{ "anchor", SITE_EXTRANET, "锚点", rec_valid_anchor,
	    anchor_record_store },
	/* Publication (PUB-1, PUB-2; issue #8). */
	{ "pub.result", SITE_EXTRANET, "办结公示", rec_valid_pub_result,
	    pub_import_result },
	{ "pub.hall", SITE_EXTRANET, "大厅统计", rec_valid_pub_hall,
	    pub_import_hall },
	{ "pub.news", SITE_EXTRANET, "信息发布", rec_valid_pub_news,
	    pub_import_news },
	{ "pub.news.withdraw", SITE_EXTRANET, "撤回信息",
	    rec_valid_pub_withdraw, pub_import_withdraw },
	{ "pub.agents", SITE_EXTRANET, "代办点统计", rec_valid_pub_agents,
	    pub_import_agents },
	/* Proxy agents (AGT-1; issue #10). */
	{ "agent.account", SITE_EXTRANET, "代办员账号",
	    rec_valid_agent_account, agent_import_account },
	{ "anchor", SITE_INTRANET, "锚点", rec_valid_anchor,
	    anchor_record_store },
	/* Complaints (SUP-5, EXT-7): filed out there, answered in here. */
	{ "complaint", SITE_INTRANET, "投诉", rec_valid_complaint,
	    NULL, cmp_import, 1 },
	{ "complaint.state", SITE_EXTRANET, "投诉进度",
	    rec_valid_complaint_state, cmp_import_state },
	/* Ratings (EXT-8): given out there, followed up in here. */
	{ "rating", SITE_INTRANET, "评价", rec_valid_rating, NULL, rt_import,
	    1 },
	{ "rating.state", SITE_EXTRANET, "评价整改", rec_valid_rating_state,
	    rt_import_state },
	/* Messages on an application (EXT-7): asked out there, replied
	 * in here. */
	{ "message", SITE_INTRANET, "留言", rec_valid_message, msg_import,
	    NULL, 1 },
	{ "message.reply", SITE_EXTRANET, "留言回复", rec_valid_message_reply,
	    msg_import_reply },
	/* Online consultation (EXT-7): asked out there, answered (and
	 * published as an FAQ) in here. */
	{ "consult", SITE_INTRANET, "在线咨询", rec_valid_consult,
	    consult_import },
	{ "consult.answer", SITE_EXTRANET, "咨询答复",
	    rec_valid_consult_answer, consult_import_answer },
	{ "faq", SITE_EXTRANET, "常见问题", rec_valid_faq, consult_import_faq },
	/* Poison records (GAP-5): which record of a bundle the other site
	 * set aside, retried or discarded. */
	{ "gap.aside", SITE_INTRANET, "搁置通知", rec_valid_gap_aside,
	    aside_in_int },
	{ "gap.aside", SITE_EXTRANET, "搁置通知", rec_valid_gap_aside,
	    aside_in_ext },
	/* Security alerts (GAP-6): the other site refused a bundle of ours,
	 * shown on this site's status page too. */
	{ "gap.alert", SITE_INTRANET, "安全警告通知", rec_valid_gap_alert,
	    alert_peer_put },
	{ "gap.alert", SITE_EXTRANET, "安全警告通知", rec_valid_gap_alert,
	    alert_peer_put },
	/* Seal keys (DOC-1, EXT-6): the extranet verifies documents. */
	{ "seal.key", SITE_EXTRANET, "印章公钥", rec_valid_seal_key,
	    docseal_key_import },
	/* SMS to the applicant (NTF-1): which message about which case. */
	{ "sms.send", SITE_EXTRANET, "短信通知", rec_valid_sms_send,
	    sms_import },
	/* Licences (DOC-2): the holder's, verifiable like documents. */
	{ "licence.issue", SITE_EXTRANET, "电子证照", rec_valid_licence_issue,
	    licence_import },
	{ "licence.revoke", SITE_EXTRANET, "证照吊销注销",
	    rec_valid_licence_revoke, licence_import_end },
	/* The window's claim page (ACC-1): made in here, applied out
	 * there, answered back. */
	{ "account.claim", SITE_EXTRANET, "窗口核验", rec_valid_claim,
	    claim_import },
	{ "account.claim.result", SITE_INTRANET, "窗口核验结果",
	    rec_valid_claim_result, claim_import_result },
	/* Window intake (INT-1): a walk-in's case, followed online. */
	{ "case.window", SITE_EXTRANET, "窗口收件", rec_valid_window,
	    app_import_window },
	/* 全程代理 (INT-14): a key project's progress, for its investor. */
	{ "agency.progress", SITE_EXTRANET, "项目代办进度",
	    rec_valid_agency_progress, agency_import },
	/* Bookings of a window visit (EXT-10; issue #11): the plans out,
	 * the bookings in, whether the person came out again. */
	{ "booking.window", SITE_EXTRANET, "预约时段",
	    rec_valid_booking_window, booking_window_import },
	{ "booking", SITE_INTRANET, "窗口预约", rec_valid_booking,
	    booking_import },
	{ "booking.state", SITE_EXTRANET, "预约到场情况",
	    rec_valid_booking_state, booking_state_import },
	/* How the result reaches the applicant (EXT-10): chosen out
	 * there, handed over in here. */
	{ "application.delivery", SITE_INTRANET, "领取方式",
	    rec_valid_app_delivery, delivery_import, NULL, 1 },
	{ "case.delivery", SITE_EXTRANET, "结果交付",
	    rec_valid_case_delivery, delivery_import_handed },
	/* 一件事一次办 (EXT-12): a life event's published version. */
	{ "event", SITE_EXTRANET, "一件事", rec_valid_event, event_import },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static const char *shown(const char *);

/*
 * What an export of this site takes, by kind in the order of the table
 * (GAP-6): "申请 3，锚点 1", with the kinds the other site receives by
 * their labels and any other type by its name.
 */
static const char *
kind_counts(const struct config *cfg, struct pool *pool,
    const struct tally *t, size_t nt)
{
	const char	*s = "";
	size_t		 i, j;

	for (i = 0; i < NKINDS; i++) {
		if (kinds[i].site == cfg->site)
			continue;
		for (j = 0; j < nt; j++)
			if (strcmp(t[j].type, kinds[i].type) == 0)
				s = pool_printf(pool, "%s%s%s %zu", s, *s ?
				    "，" : "", kinds[i].label, t[j].n);
	}
	for (j = 0; j < nt; j++) {
		for (i = 0; i < NKINDS; i++)
			if (kinds[i].site != cfg->site &&
			    strcmp(t[j].type, kinds[i].type) == 0)
				break;
		if (i == NKINDS)
			s = pool_printf(pool, "%s%s%s %zu", s, *s ? "，" : "",
			    shown(t[j].type), t[j].n);
	}
	return *s ? s : "无";
}

/* The kind of a record of type this site receives, or NULL. */
static const struct record_kind *
kind_of(const struct config *cfg, const char *type)
{
	size_t	 i;

	for (i = 0; type != NULL && i < NKINDS; i++)
		if (strcmp(kinds[i].type, type) == 0 &&
		    kinds[i].site == cfg->site)
			return &kinds[i];
	return NULL;
}

/*
 * The staging folder of one import, files/tmp/stage-XXXXXX: on the
 * store's file system, so a file is adopted by a rename and a link
 * (files_adopt()) and a crash leaves it staged, claimed or adopted,
 * always whole.  The import holds a lock on
 * its folder while it runs; a folder nobody holds was left by an import
 * that died, and the next import removes it.
 */
struct stage {
	char	*dir;
	int	 fd;		/* the folder, locked */
};

/* Remove the staging folders in tmp that no running import holds. */
static void
stage_sweep(const char *tmp)
{
	DIR		*d;
	struct dirent	*e;
	char		 p[PATH_MAX];
	int		 fd;

	if ((d = opendir(tmp)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "stage-", 6) != 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", tmp, e->d_name);
		if ((fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC)) == -1)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			(void)files_remove(p);
			log_info("removed %s, left by an import that did not "
			    "finish", p);
		}
		close(fd);
	}
	closedir(d);
}

/* Sweep, then make and lock this import's folder.  0, or -1 (logged). */
static int
stage_open(const char *files_dir, struct pool *pool, struct stage *st)
{
	char	*tmp, *dir;
	int	 lock, rc = -1;

	st->dir = NULL;
	st->fd = -1;
	tmp = pool_printf(pool, "%s/tmp", files_dir);
	/* One import at a time sweeps and makes its folder: a lock on
	 * tmp/ itself, so no lock file is left among the uploads. */
	if ((lock = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    flock(lock, LOCK_EX) == -1) {
		log_err("%s: %s", tmp, strerror(errno));
		goto out;
	}
	stage_sweep(tmp);
	dir = pool_printf(pool, "%s/stage-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL || (st->fd = open(dir, O_RDONLY |
	    O_DIRECTORY | O_CLOEXEC)) == -1 || flock(st->fd, LOCK_EX |
	    LOCK_NB) == -1) {
		log_err("%s: %s", dir, strerror(errno));
		goto out;
	}
	st->dir = dir;
	rc = 0;
out:
	if (lock != -1)
		close(lock);
	return rc;
}

static void
stage_close(struct stage *st)
{
	if (st->dir != NULL)
		(void)files_remove(st->dir);
	if (st->fd != -1)
		close(st->fd);
}

/*
 * Refuse with a security alert (exit 4): msg says what, and the alert
 * (a row that stays, an audit row and a log line) keeps it for the
 * security administrator.  Call outside any transaction.
 */
static enum gap_rc
alert(struct db *db, struct pool *pool, const char *kind, const char *object,
    char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static enum gap_rc
alert(struct db *db, struct pool *pool, const char *kind, const char *object,
    char *msg, size_t msglen, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 n;

	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
	n = strlen(msg);
	snprintf(msg + n, msglen - n, "导入操作员：%s。已记录安全警告，请报告"
	    "安全管理员。", config_operator(pool));
	/* Raised here, and told to the other site, whose bundle it was
	 * (GAP-6), with who carried it. */
	if (alert_raise_peer(db, pool, kind, object, msg,
	    config_operator(pool)) != DB_OK) {
		n = strlen(msg);
		snprintf(msg + n, msglen - n, "（警告未能写入数据库，见日志）");
	}
	return GAP_ALERT;
}

/* A name from a bundle, fit to repeat to the operator. */
static const char *
shown(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && s[i] != '\0'; i++)
		if (i >= 40 || s[i] <= ' ' || s[i] > '~')
			return "（无法显示）";
	return s != NULL && i > 0 ? s : "（空）";
}

/*
 * Which epochs of the other site's bundles this site accepts (F12): the
 * newest one an operator confirmed, or epoch 1 when none was ever
 * imported (the first bundle, *first set).  Anything else is an alert.
 */
static enum gap_rc
epoch_check(struct db *db, struct pool *pool, const struct bundle_in *in,
    int *first, char *msg, size_t msglen)
{
	int64_t	 pinned;

	*first = 0;
	if (exchange_epoch(db, pool, in->dir, &pinned) != DB_OK) {
		snprintf(msg, msglen, "数据库出错，没有导入。");
		return GAP_FAIL;
	}
	if (in->epoch == pinned)
		return GAP_OK;
	if (pinned == 0 && in->epoch == 1) {
		*first = 1;
		return GAP_OK;
	}
	if (in->epoch < pinned)
		return alert(db, pool, "gap.epoch", pool_printf(pool,
		    "%s/%lld", in->dir, (long long)in->epoch), msg, msglen,
		    "拒绝导入第 %lld 纪元第 %lld 号数据包：本站已确认对端进入"
		    "第 %lld 纪元，旧纪元的数据包不再接受。没有导入任何数据。",
		    (long long)in->epoch, (long long)in->seq,
		    (long long)pinned);
	return alert(db, pool, "gap.epoch", pool_printf(pool, "%s/%lld",
	    in->dir, (long long)in->epoch), msg, msglen,
	    "拒绝导入第 %lld 纪元第 %lld 号数据包：对端开始了新的纪元（本站%s"
	    "）。只有对端确实重建了数据包链（例如从备份恢复）时才应接受："
	    "请与对端核实后运行 yiwang-gap epoch-accept %lld，再导入。没有导入"
	    "任何数据。", (long long)in->epoch, (long long)in->seq,
	    pinned == 0 ? "还没有导入过数据包" : pool_printf(pool,
	    "只接受第 %lld 纪元", (long long)pinned), (long long)in->epoch);
}

/* The file members of the bundle with their sizes, as bundle_read()
 * verified them, for the validators to mark as named. */
static struct rec_member *
members(const struct bundle_in *in, struct pool *pool)
{
	struct rec_member	*v;
	size_t			 i;

	v = pool_alloc(pool, (in->nfiles + 1) * sizeof(*v));
	for (i = 0; i < in->nfiles; i++) {
		memcpy(v[i].sha256, in->files[i], sizeof(v[i].sha256));
		v[i].size = in->sizes[i];
	}
	return v;
}

/*
 * Today in Beijing (UTC+8) as YYYYMMDD, by this site's clock: the day
 * the registration form judges birth dates by (account.c asks the
 * database for the same UTC+8 date).
 */
static long
today(void)
{
	struct tm	 tm;
	time_t		 t = time(NULL) + 8 * 3600;

	if (gmtime_r(&t, &tm) == NULL)
		return 0;	/* refuses every ID number: records.h */
	return (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100L +
	    tm.tm_mday;
}

/* What the validators ask of this site (struct rec_site). */
struct site_data {
	struct db	*db;
	const char	*peer_site;	/* as anchors name the other site */
	EVP_PKEY	*peer_key;	/* the key its bundle verified with */
	int		 intranet;	/* the receiving site */
	char		*code;		/* the item version asked last */
	int		 version;
	enum db_rc	 rc;
	struct item	 item;
};

static enum db_rc
site_item(void *arg, struct pool *pool, const char *code, int version,
    struct item *it)
{
	struct site_data	*s = arg;

	/* A bundle's applications are mostly for a few items. */
	if (s->code == NULL || strcmp(s->code, code) != 0 ||
	    s->version != version) {
		s->rc = catalog_version(s->db, pool, code, version, &s->item);
		s->code = pool_strdup(pool, code);
		s->version = version;
	}
	*it = s->item;
	return s->rc;
}

static enum db_rc
site_app(void *arg, struct pool *pool, const char *app_no)
{
	struct site_data	*s = arg;
	int64_t			 id;

	return s->intranet ? case_id_of(s->db, pool, app_no, &id) :
	    app_exists(s->db, pool, app_no);
}

/* 一件事 (EXT-12): a life event's published version, its items. */
static enum db_rc
site_event(void *arg, struct pool *pool, const char *code, int version,
    char **name, char ***items, size_t *n)
{
	struct site_data	*s = arg;
	struct life_event	 e;
	enum db_rc		 rc;

	if ((rc = event_get(s->db, pool, code, version, &e)) != DB_OK)
		return rc;
	if (strcmp(e.status, "published") != 0 &&
	    strcmp(e.status, "retired") != 0)
		return DB_NONE;
	*name = e.name;
	*items = e.items;
	*n = e.nitems;
	return DB_OK;
}

static enum db_rc
site_complaint(void *arg, struct pool *pool, const char *no)
{
	struct site_data	*s = arg;

	return cmp_exists(s->db, pool, no);
}

/* 免证办 (DOC-2): the intranet's library answers (licence_check()). */
static enum db_rc
site_licence(void *arg, struct pool *pool, const char *no, const char *kind,
    const char *credit_code, const char *id_number, const char *submitted,
    const char **why)
{
	struct site_data	*s = arg;

	return licence_check(s->db, pool, no, kind, credit_code, id_number,
	    submitted, why);
}

static enum db_rc
site_consult(void *arg, struct pool *pool, const char *no)
{
	struct site_data	*s = arg;

	return consult_exists(s->db, pool, no);
}

static int
site_anchor(void *arg, struct pool *pool, json_t *rec, const char **why)
{
	struct site_data	*s = arg;

	return anchor_record_check(pool, rec, s->peer_site, s->peer_key,
	    why);
}

/* The record lines of in, NUL-terminated in place; the next one after
 * *p (skipping empty lines), or NULL at the end. */
static char *
next_record(const struct bundle_in *in, char **p)
{
	char	*line;

	while (*p < in->records + in->records_len) {
		line = *p;
		*p += strlen(line) + 1;
		if (*line != '\0')
			return line;
	}
	return NULL;
}

/*
 * Judging a bundle's files (GAP-3: each by its content, as an upload is,
 * on this site, before anything is adopted), while the reader is still
 * decrypting the rest: up to JUDGES_MAX child processes, one a core, are
 * handed each file as it is staged (bundle_set_staged()) and write what
 * they find into memory shared with the importer, one slot a file.  The
 * type a record requires is applied once the records are checked
 * (files_judged_vet()).  What no child judged (none could be made, one
 * died, the pipe to them broke) the importer judges itself, so that no
 * file goes unjudged; a bundle that is not to be applied after all
 * (imported already, held, refused) stops them.
 */
#define JUDGES_MAX	4

/* One file as a child judged it: done is set last. */
struct judged {
	char			 sha[65];
	int			 done;
	struct files_judged	 j;
};

/* What goes down the pipe: whole, since it is under PIPE_BUF. */
struct judge_msg {
	uint32_t	 slot;
	char		 sha[64];
};

struct judges {
	const struct config *cfg;
	struct pool	*pool;
	const char	*stage;
	struct judged	*slot;		/* nslots of them, shared */
	size_t		 nslots, n;	/* n handed out */
	size_t		*order;		/* slots by sha, for judged_find() */
	int		 fd;		/* the pipe's write end; -1: none */
	pid_t		 kids[JUDGES_MAX];
	int		 nkids, forked;
	int		 sigpipe_saved;
	struct sigaction sigpipe;
};

/* How a file is judged before its record is known: any type, any size,
 * up to max_upload, this site's clamd. */
static void
judge_rule(const struct config *cfg, struct files_rule *rule)
{
	rule->types = NULL;
	rule->size = -1;
	rule->max = cfg->max_upload;
	rule->scanner = cfg->clamd_socket;
	rule->scan_timeout = (int)cfg->clamd_timeout;
}

/* Judge the staged file sha into j, here. */
static void
judge_one(const struct config *cfg, struct pool *pool, const char *stage,
    const char *sha, struct files_judged *j)
{
	struct files_rule	 rule;
	FILE			*fp;

	judge_rule(cfg, &rule);
	fp = fopen(pool_printf(pool, "%s/%.64s", stage, sha), "rb");
	/* The same bytes in the store were judged when they were stored
	 * (docs/gap.md): their type is still looked at. */
	files_judge(fp, &rule, files_held(cfg->files_dir, sha), j);
	if (fp != NULL)
		fclose(fp);
}

/* A child: judge what comes down fd until it closes. */
static void
judge_child(struct judges *js, struct pool *pool, int fd)
{
	struct judge_msg	 m;
	ssize_t			 r;
	int			 die;
	char			 sha[65];

	/* For t/integration/gap-trust.sh: a child killed with a file in
	 * hand, which the importer must then judge itself. */
	die = getenv("YIWANG_TEST_JUDGE_DIES") != NULL;
	for (;;) {
		if ((r = read(fd, &m, sizeof(m))) == -1 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof(m) || m.slot >= js->nslots)
			break;
		if (die)
			(void)kill(getpid(), SIGKILL);
		/* The message's digest has no NUL: files_held() reads a
		 * string. */
		memcpy(sha, m.sha, sizeof(m.sha));
		sha[sizeof(m.sha)] = '\0';
		judge_one(js->cfg, pool, js->stage, sha, &js->slot[m.slot].j);
		__atomic_store_n(&js->slot[m.slot].done, 1, __ATOMIC_RELEASE);
	}
	_exit(0);
}

/* Make the children, the first time a file is staged: a bundle with no
 * file makes none.  None made leaves every file to the importer. */
static void
judges_fork(struct judges *js)
{
	struct sigaction	 ign;
	long			 cpus;
	int			 p[2], w, nw;

	js->forked = 1;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	nw = cpus < 2 ? 0 : cpus > JUDGES_MAX ? JUDGES_MAX : (int)cpus;
	if (nw == 0 || pipe(p) == -1)
		return;
	for (w = 0; w < nw; w++) {
		if ((js->kids[w] = fork()) == 0) {
			close(p[1]);
			judge_child(js, js->pool, p[0]);
		}
		if (js->kids[w] != -1)
			js->nkids++;
	}
	close(p[0]);
	if (js->nkids == 0) {
		close(p[1]);
		return;
	}
	js->fd = p[1];
	/* A write to a pipe no child reads must fail, not kill us. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	js->sigpipe_saved = sigaction(SIGPIPE, &ign, &js->sigpipe) == 0;
}

/* The staging hook: hand the file sha to the children. */
static void
judge_staged(void *arg, const char *sha)
{
	struct judges		*js = arg;
	struct judge_msg	 m;
	ssize_t			 r;

	if (js->n >= js->nslots)
		return;
	if (!js->forked)
		judges_fork(js);
	memcpy(js->slot[js->n].sha, sha, 64);
	m.slot = (uint32_t)js->n++;
	memcpy(m.sha, sha, sizeof(m.sha));
	if (js->fd == -1)
		return;
	while ((r = write(js->fd, &m, sizeof(m))) == -1 && errno == EINTR)
		;
	if (r != (ssize_t)sizeof(m)) {
		/* Every child gone (EPIPE): the importer judges the rest. */
		log_err("judging the bundle's files: %s; the rest are judged "
		    "here", r == -1 ? strerror(errno) : "short write");
		close(js->fd);
		js->fd = -1;
	}
}

/* Ready to judge the files staged in stage from now on; -1 when the
 * shared memory cannot be had. */
static int
judges_start(struct judges *js, const struct config *cfg, struct pool *pool,
    const char *stage)
{
	struct bundle_limits	 lim;

	memset(js, 0, sizeof(*js));
	js->cfg = cfg;
	js->pool = pool;
	js->stage = stage;
	js->fd = -1;
	limits(cfg, &lim);
	js->nslots = lim.max_files;
	/* Only the pages of the files staged are ever touched. */
	if ((js->slot = mmap(NULL, js->nslots * sizeof(*js->slot),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE,
	    -1, 0)) == MAP_FAILED) {
		js->slot = NULL;
		return -1;
	}
	bundle_set_staged(judge_staged, js);
	return 0;
}

/* No more files: let the children finish, telling the operator how far
 * they are, and count those that died. */
static void
judges_finish(struct judges *js)
{
	size_t	 i, done;
	pid_t	 r;
	int	 w, left, status;

	bundle_set_staged(NULL, NULL);
	if (js->fd != -1) {
		close(js->fd);
		js->fd = -1;
	}
	for (left = js->nkids; left > 0; ) {
		for (w = 0; w < JUDGES_MAX; w++) {
			if (js->kids[w] <= 0)
				continue;
			if ((r = waitpid(js->kids[w], &status, WNOHANG)) == 0)
				continue;
			if (r == -1 && errno == EINTR)
				continue;
			if (r == js->kids[w] && WIFSIGNALED(status))
				log_err("a process judging the bundle's files "
				    "died (signal %d); its files are judged "
				    "here", WTERMSIG(status));
			js->kids[w] = 0;
			left--;
		}
		for (i = done = 0; i < js->n; i++)
			done += __atomic_load_n(&js->slot[i].done,
			    __ATOMIC_ACQUIRE) != 0;
		show_records("检查附件", done, js->n);
		if (left > 0)
			(void)usleep(50000);
	}
	js->nkids = 0;
}

/* Stop the children and let go of everything (again: nothing). */
static void
judges_stop(struct judges *js)
{
	int	 w;

	bundle_set_staged(NULL, NULL);
	if (js->fd != -1) {
		close(js->fd);
		js->fd = -1;
	}
	for (w = 0; w < JUDGES_MAX; w++)
		if (js->kids[w] > 0) {
			(void)kill(js->kids[w], SIGKILL);
			while (waitpid(js->kids[w], NULL, 0) == -1 &&
			    errno == EINTR)
				;
			js->kids[w] = 0;
		}
	js->nkids = 0;
	if (js->sigpipe_saved)
		(void)sigaction(SIGPIPE, &js->sigpipe, NULL);
	js->sigpipe_saved = 0;
	if (js->slot != NULL)
		munmap(js->slot, js->nslots * sizeof(*js->slot));
	js->slot = NULL;
}

static const struct judged *order_base;

static int
order_cmp(const void *a, const void *b)
{
	return strcmp(order_base[*(const size_t *)a].sha,
	    order_base[*(const size_t *)b].sha);
}

/*
 * What was found of the staged file sha: the children's verdict, or
 * judged here now (and kept) when no child gave one.
 */
static const struct files_judged *
judged_find(struct judges *js, struct pool *pool, const char *sha)
{
	size_t		 lo, hi, mid, i;
	struct judged	*s = NULL;
	int		 c;

	if (js->order == NULL) {
		js->order = pool_alloc(pool, (js->n + 1) * sizeof(size_t));
		for (i = 0; i < js->n; i++)
			js->order[i] = i;
		order_base = js->slot;
		qsort(js->order, js->n, sizeof(size_t), order_cmp);
	}
	for (lo = 0, hi = js->n; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(sha, js->slot[js->order[mid]].sha)) == 0) {
			s = &js->slot[js->order[mid]];
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (s == NULL) {
		/* Not staged as the bundle was read (cannot be: every
		 * file named is a member), so not kept either. */
		s = pool_alloc(pool, sizeof(*s));
		memset(s, 0, sizeof(*s));
	}
	if (!s->done) {
		judge_one(js->cfg, pool, js->stage, sha, &s->j);
		s->done = 1;
	}
	return &s->j;
}

/*
 * Check every record of in, then every file the records name, before
 * anything is adopted or written (GAP-3, GAP-4, F1).  Anchors are checked
 * against peer, the key the bundle verified with.  On GAP_OK, *nrec is
 * the number of records.
 */
static enum gap_rc
check_all(const struct config *cfg, struct db *db, struct pool *pool,
    struct bundle_in *in, struct judges *js, const char *object,
    EVP_PKEY *peer, size_t *nrec, char *msg, size_t msglen)
{
	const struct record_kind *k;
	struct site_data	 sd;
	struct rec_site		 site;
	struct rec_check	 c;
	struct files_rule	 rule;
	const struct files_judged *j;
	json_t			*rec;
	const char		*mime, *detail, *type, *why;
	char			*p, *line;
	enum files_vet		 vet;
	json_int_t		 total;
	size_t			 i;
	int			 rc;

	memset(&sd, 0, sizeof(sd));
	sd.db = db;
	site.item = site_item;
	site.app = site_app;
	site.anchor = site_anchor;
	site.complaint = site_complaint;
	site.licence = cfg->site == SITE_INTRANET ? site_licence : NULL;
	site.consult = site_consult;
	site.event = cfg->site == SITE_INTRANET ? site_event : NULL;
	site.arg = &sd;
	sd.peer_site = cfg->site == SITE_INTRANET ? "extranet" : "intranet";
	sd.intranet = cfg->site == SITE_INTRANET;
	sd.peer_key = peer;
	memset(&c, 0, sizeof(c));
	c.pool = pool;
	c.site = &site;
	c.max_file = cfg->max_upload;
	c.today = today();
	c.members = members(in, pool);
	c.nmembers = in->nfiles;
	c.out_dir = gap_out_dir(cfg);
	/* A NUL would hide the rest of its line from the parser. */
	if (memchr(in->records, '\0', in->records_len) != NULL)
		return alert(db, pool, "gap.record", object, msg, msglen,
		    "拒绝导入第 %lld 号数据包：记录中有 NUL 字节。没有导入任何"
		    "数据。", (long long)in->seq);
	for (i = 0; i < in->records_len; i++)
		if (in->records[i] == '\n')
			in->records[i] = '\0';
	total = json_integer_value(json_object_get(in->manifest, "records"));
	for (p = in->records, *nrec = 0; (line = next_record(in, &p)) !=
	    NULL;) {
		c.recno = ++*nrec;
		show_records("检查记录", c.recno, total > 0 ? (size_t)total : 0);
		if ((rec = rec_parse(&c, line)) == NULL)
			return alert(db, pool, "gap.record", object, msg,
			    msglen, "拒绝导入第 %lld 号数据包：第 %zu 条记录%s。"
			    "没有导入任何数据。", (long long)in->seq, c.recno,
			    c.why);
		type = json_string_value(json_object_get(rec, "type"));
		if ((k = kind_of(cfg, type)) == NULL) {
			type = pool_strdup(pool, shown(type));
			json_decref(rec);
			return alert(db, pool, "gap.record", object, msg,
			    msglen, "拒绝导入第 %lld 号数据包：第 %zu 条记录的"
			    "类型「%s」不是本站接受的。没有导入任何数据。",
			    (long long)in->seq, c.recno, type);
		}
		rc = k->valid(&c, rec);
		json_decref(rec);
		if (rc == -1 && c.dberr) {
			snprintf(msg, msglen, "检查第 %zu 条记录时%s，没有导入。",
			    c.recno, c.why);
			return GAP_FAIL;
		}
		if (rc == -1)
			return alert(db, pool, "gap.record", object, msg,
			    msglen, "拒绝导入第 %lld 号数据包：第 %zu 条记录"
			    "（%s）%s%s：%s。没有导入任何数据。",
			    (long long)in->seq, c.recno, k->label,
			    *c.field ? "的字段 " : "", c.field, c.why);
	}
	if (rec_all_named(&c) == -1)
		return alert(db, pool, "gap.file", object, msg, msglen,
		    "拒绝导入第 %lld 号数据包：%s。没有导入任何数据。",
		    (long long)in->seq, c.why);
	/* Each file as its record says, judged by its content. */
	judges_finish(js);
	for (i = 0; i < c.nfiles; i++) {
		j = judged_find(js, pool, c.files[i].sha256);
		judge_rule(cfg, &rule);
		rule.types = c.files[i].types;
		rule.size = (int64_t)c.files[i].size;
		vet = files_judged_vet(j, &rule);
		mime = j->mime[0] != '\0' ? j->mime : NULL;
		detail = j->detail[0] != '\0' ? j->detail : NULL;
		/* No answer from clamd: nothing wrong with the bundle; import
		 * it again once this site's scanner runs. */
		if (vet == FILES_UNSCANNED) {
			snprintf(msg, msglen, "暂时无法进行病毒检查（%s），没有"
			    "导入任何数据。请确认本站的病毒扫描服务 clamd 在运行，"
			    "再导入这个数据包。", detail ? detail : "");
			return GAP_FAIL;
		}
		if (vet != FILES_OK) {
			log_err("bundle %lld: file %s refused: %s",
			    (long long)in->seq, c.files[i].sha256,
			    detail ? detail : "");
			why = vet == FILES_TYPE && mime != NULL ?
			    pool_printf(pool, "：实为 %s", shown(mime)) :
			    vet == FILES_VIRUS && detail != NULL ?
			    pool_printf(pool, "（%s）", shown(detail)) : "";
			return alert(db, pool, "gap.file", object, msg, msglen,
			    "拒绝导入第 %lld 号数据包：第 %zu 条记录用到的文件 "
			    "%s %s%s。没有导入任何数据。", (long long)in->seq,
			    c.files[i].recno, c.files[i].sha256,
			    files_vet_why(vet), why);
		}
	}
	return GAP_OK;
}

/*
 * Enter the staged files into the store as an upload's are entered, each
 * held by its claim in puts[0..*n) until the import commits or is rolled
 * back: a file already there (the same content) stays as it is, claimed,
 * and the staged copy is dropped.
 */
static int
adopt_files(const struct config *cfg, struct pool *pool,
    const struct bundle_in *in, const char *stage, struct files_put *puts,
    size_t *n)
{
	for (*n = 0; *n < in->nfiles; (*n)++)
		if (files_adopt(cfg->files_dir, pool_printf(pool, "%s/%s",
		    stage, in->files[*n]), in->files[*n], &puts[*n], pool) ==
		    -1)
			return -1;
	return 0;
}

/* A poison record of the bundle being imported (GAP-5). */
struct poison {
	size_t		 recno;
	const struct record_kind *k;
	const char	*line, *reason;
};

/* An apply function's err as a reason that fits (ASIDE_REASON_MAX). */
static const char *
reason_of(struct pool *pool, const char *err)
{
	char	*r;

	if (*err == '\0')
		return "本站拒绝了这条记录（未说明原因）";
	r = pool_strdup(pool, err);
	while (utf8_chars(r) > ASIDE_REASON_MAX)
		r[utf8_prefix(r, strlen(r) - 1)] = '\0';
	return r;
}

/*
 * Apply one record with the function of its kind (the table above), in
 * the caller's transaction, after a savepoint: DB_OK applied (its case
 * pushed when the kind names one); DB_NONE refused by the domain, undone
 * to the savepoint, err saying why; DB_ERR the database failed.
 */
static enum db_rc
apply_one(struct db *db, struct pool *pool, const struct record_kind *k,
    json_t *rec, struct gap_in_rec *r, char *err, size_t errlen)
{
	enum db_rc	 rc;

	memset(r, 0, sizeof(*r));
	err[0] = '\0';
	if (db_savepoint(db) != DB_OK || (k->by_case &&
	    exchange_outbox_mark(db, pool, &r->mark) != DB_OK))
		return DB_ERR;
	rc = k->apply != NULL ? k->apply(db, pool, rec, err, errlen) :
	    k->apply_aside(db, pool, rec, &r->aside, err, errlen);
	if (rc == DB_OK || rc == DB_ERR)
		return rc;
	return db_rollback_savepoint(db) == DB_OK ? DB_NONE : DB_ERR;
}

/* Keep poison record p of bundle in as set aside (aside.h), with a notice
 * here and one for the other site.  Inside the import's transaction. */
static enum db_rc
set_aside(struct db *db, struct pool *pool, const struct bundle_in *in,
    const struct poison *p)
{
	struct aside	 a;
	char		*object;
	enum db_rc	 rc;

	memset(&a, 0, sizeof(a));
	a.dir = (char *)in->dir;
	a.epoch = in->epoch;
	a.seq = in->seq;
	a.recno = (int64_t)p->recno;
	a.kind = (char *)p->k->type;
	a.reason = (char *)p->reason;
	a.state = "aside";
	object = aside_object(pool, in->dir, in->epoch, in->seq, a.recno);
	if ((rc = aside_add(db, pool, in->dir, in->epoch, in->seq, a.recno,
	    a.kind, p->line, p->reason, &a.id)) != DB_OK ||
	    (rc = alert_add(db, pool, "gap.aside", object, pool_printf(pool,
	    "第 %lld 纪元第 %lld 号数据包的第 %zu 条记录（%s）未能应用，已搁置"
	    "（搁置记录第 %lld 号）：%s。其余记录已导入。条件具备后请运行 "
	    "yiwang-gap retry %lld，或用 yiwang-gap discard %lld --why 说明"
	    "理由后作废。", (long long)in->epoch, (long long)in->seq,
	    p->recno, p->k->label, (long long)a.id, p->reason,
	    (long long)a.id, (long long)a.id))) != DB_OK ||
	    (rc = aside_send(db, pool, &a)) != DB_OK)
		return rc;
	return audit_add(db, pool, "gap", "gap.aside", object,
	    pool_printf(pool, "aside:%lld %s", (long long)a.id, p->reason));
}

/*
 * In one transaction: every record, the bundle's (dir, epoch, seq) row,
 * the first epoch when this is the first bundle, the audit row; the files
 * adopted last, just before the commit.  A record its apply function
 * refuses is set aside (GAP-5, the table above) and the rest goes on; on
 * any other failure nothing remains.
 */
static enum gap_rc
apply_records(const struct config *cfg, struct db *db, struct pool *pool,
    struct bundle_in *in, const char *stage, int first, size_t nrec,
    const struct gap_ack *ack, int held, char *msg, size_t msglen)
{
	const struct record_kind *k;
	struct files_put	*puts;
	struct app_files	 named = { db, pool };
	struct gap_in_rec	*cases = NULL, r;
	struct poison		*poison = NULL, *pp;
	struct db		*mdb;
	json_t			*rec;
	const char		*app;
	char			*p, *line, err[512], *counts, *asides;
	size_t			 n[NKINDS], i, nput = 0, ncases = 0, ccap = 0;
	size_t			 npoison = 0, pcap = 0;
	enum db_rc		 rc;

	puts = pool_alloc(pool, (in->nfiles + 1) * sizeof(*puts));
	memset(n, 0, sizeof(n));
	if (db_begin(db) != DB_OK) {
		snprintf(msg, msglen, "数据库出错，没有导入。");
		return GAP_FAIL;
	}
	err[0] = '\0';
	if (first && exchange_epoch_add(db, in->dir, in->epoch,
	    "首个数据包") != DB_OK)
		snprintf(err, sizeof(err), "登记纪元时出错");
	for (p = in->records, i = 0; err[0] == '\0' &&
	    (line = next_record(in, &p)) != NULL; ) {
		i++;
		show_records("应用记录", i, nrec);
		/* Checked by check_all(): it parses, its kind is ours. */
		if ((rec = json_loads(line, JSON_REJECT_DUPLICATES, NULL)) ==
		    NULL || (k = kind_of(cfg, json_string_value(
		    json_object_get(rec, "type")))) == NULL) {
			json_decref(rec);
			snprintf(err, sizeof(err), "第 %zu 条记录无法读取", i);
			break;
		}
		rc = apply_one(db, pool, k, rec, &r, err, sizeof(err));
		if (rc == DB_NONE) {
			/* A poison record: set aside below, once the
			 * bundle's row is written. */
			pp = pool_push(pool, &poison, &npoison, &pcap,
			    sizeof(*pp));
			pp->recno = i;
			pp->k = k;
			pp->line = line;
			pp->reason = reason_of(pool, err);
			log_info("bundle %s/%lld/%lld: record %zu (%s) set "
			    "aside: %s", in->dir, (long long)in->epoch,
			    (long long)in->seq, i, k->type, pp->reason);
			err[0] = '\0';
			json_decref(rec);
			continue;
		}
		if (rc == DB_OK)
			n[k - kinds]++;
		/* What came in about a case (db/141), once the bundle's row
		 * is written below. */
		if (rc == DB_OK && k->by_case && (app = json_string_value(
		    json_object_get(rec, "app_no"))) != NULL && *app != '\0') {
			r.recno = i;
			r.app_no = pool_strdup(pool, app);
			r.kind = k->type;
			*(struct gap_in_rec *)pool_push(pool, &cases, &ncases,
			    &ccap, sizeof(r)) = r;
		}
		json_decref(rec);
		if (rc != DB_OK && err[0] == '\0')
			snprintf(err, sizeof(err), "第 %zu 条记录无法写入", i);
		else if (rc != DB_OK)
			snprintf(err + strlen(err), sizeof(err) - strlen(err),
			    "（第 %zu 条记录，数据库出错）", i);
	}
	if (err[0] == '\0' && exchange_in_add(db, in->dir, in->epoch, in->seq,
	    in->hash, (int64_t)nrec) != DB_OK)
		snprintf(err, sizeof(err), "登记数据包时出错（可能正在另一处"
		    "导入）");
	for (i = 0; err[0] == '\0' && i < ncases; i++)
		if (exchange_in_case(db, in->dir, in->epoch, in->seq,
		    &cases[i]) != DB_OK)
			snprintf(err, sizeof(err), "登记第 %zu 条记录所涉的办件时"
			    "出错", cases[i].recno);
	for (i = 0; err[0] == '\0' && i < npoison; i++)
		if (set_aside(db, pool, in, &poison[i]) != DB_OK)
			snprintf(err, sizeof(err), "搁置第 %zu 条记录时出错",
			    poison[i].recno);
	if (err[0] == '\0' && audit_add(db, pool, "gap", "gap.import",
	    pool_printf(pool, "%s/%lld/%lld", in->dir, (long long)in->epoch,
	    (long long)in->seq), in->hash) != DB_OK)
		snprintf(err, sizeof(err), "写审计记录时出错");
	/* What the other site has of ours (GAP-5); a held bundle leaves
	 * the queue as it goes in. */
	if (err[0] == '\0' && ack != NULL && resend_ack_take(db, pool,
	    gap_out_dir(cfg), ack) != DB_OK)
		snprintf(err, sizeof(err), "登记对端的确认信息时出错");
	if (err[0] == '\0' && held && resend_held_del(db, in->dir, in->epoch,
	    in->seq) != DB_OK)
		snprintf(err, sizeof(err), "移出暂存队列时出错");
	if (err[0] == '\0' && adopt_files(cfg, pool, in, stage, puts,
	    &nput) == -1)
		snprintf(err, sizeof(err), "保存附件时出错");
	if (err[0] == '\0' && db_commit(db) != DB_OK)
		snprintf(err, sizeof(err), "数据库提交失败");
	if (err[0] != '\0') {
		db_rollback(db);
		/* A file a concurrent upload claims, or a committed row
		 * names, stays. */
		files_settle(cfg->files_dir, puts, nput, 0, app_files_named,
		    &named, pool);
		/* The full-text index is not transactional (search.h); a
		 * rebuild is DDL, for the migration account. */
		for (i = 0; i < NKINDS; i++)
			if (kinds[i].apply == catalog_import && n[i] > 0) {
				if ((mdb = db_open_as(cfg, DB_MIGRATE)) != NULL) {
					(void)search_rebuild(mdb);
					db_close(mdb);
				}
				break;
			}
		snprintf(msg, msglen, "拒绝导入第 %lld 号数据包：%s。没有导入任何"
		    "数据，稍后可再次导入。", (long long)in->seq, err);
		return GAP_FAIL;
	}
	files_settle(cfg->files_dir, puts, nput, 1, NULL, NULL, pool);
	counts = "";
	for (i = 0; i < NKINDS; i++)
		if (kinds[i].site == cfg->site)
			counts = pool_printf(pool, "%s%s%s %zu", counts,
			    *counts ? "，" : "", kinds[i].label, n[i]);
	asides = "";
	for (i = 0; i < npoison; i++)
		asides = pool_printf(pool, "%s\n  第 %zu 条（%s）：%s", asides,
		    poison[i].recno, poison[i].k->label, poison[i].reason);
	snprintf(msg, msglen, "已导入第 %lld 号数据包：%zu 条记录（%s），附件 "
	    "%zu 个；搁置 %zu 条。%s%s", (long long)in->seq, nrec, counts,
	    in->nfiles, npoison, asides, npoison == 0 ? "" :
	    "\n搁置的记录未能应用，其余已导入；已记录提示并通知对端。请用 "
	    "yiwang-gap aside 查看，条件具备后 retry，或 discard。");
	return GAP_OK;
}

/* A site's name in a bundle header, for the operator. */
static const char *
site_label(const char *site)
{
	return strcmp(site, "intranet") == 0 ? "内网" :
	    strcmp(site, "extranet") == 0 ? "外网" : shown(site);
}

/*
 * A bundle whose signature does not verify (err), named by what its
 * unsigned header claims (GAP-6): sealed to another key, it is another
 * site's, not tampered with, and says so; claiming the other site, it
 * says that too.  Only the message changes: the bundle is refused either
 * way.  NULL to keep err (a bundle that verifies but is sealed to another
 * key already has bundle.c's own message).
 */
static const char *
claim_why(const struct config *cfg, const struct bundle_keys *keys,
    const struct bundle_claim *cl, const char *err, struct pool *pool)
{
	static const char	 sig[] = "签名验证失败";
	unsigned char		 own[BOX_LEN];
	char			 ownhex[2 * BOX_LEN + 1], first[2 * BOX_LEN + 1];
	const char		*peer;
	size_t			 i, mine = 0, n = 0;
	EVP_PKEY		*k;

	if (strncmp(err, sig, strlen(sig)) != 0)
		return NULL;
	peer = cfg->site == SITE_INTRANET ? "extranet" : "intranet";
	/* This site's X25519 keys, current and kept (keyring.h). */
	for (i = 0; i <= keys->nmore_box; i++) {
		k = i == 0 ? keys->box : keys->more_box[i - 1].key;
		if (k == NULL || crypto_box_public(k, own) != 0)
			continue;
		crypto_hex(own, sizeof(own), ownhex);
		if (n++ == 0)
			memcpy(first, ownhex, sizeof(first));
		mine |= strcmp(cl->to, ownhex) == 0;
	}
	if (n > 0) {
		memcpy(ownhex, first, sizeof(ownhex));
		if (crypto_hex_valid(cl->to, 64) && !mine)
			return pool_printf(pool, "这个数据包是发给另一站点的"
			    "（收件公钥 %.16s…，本站为 %.16s…），不是本站对端"
			    "为本站导出的，或是按本站已不用的加密公钥加密的。请"
			    "确认它是从本站的对端（%s）带来的；如是，请对端导入"
			    "本站当前的加密公钥后重新导出。", cl->to, ownhex,
			    site_label(peer));
	}
	if (strcmp(cl->site, peer) == 0)
		return pool_printf(pool, "%s数据包头声称是%s导出的，但签名与本站"
		    "保存的%s公钥不符。", err, site_label(peer),
		    site_label(peer));
	return NULL;
}

/* Read and verify the bundle at path with keys (keys_load(), reading). */
static enum gap_rc
read_checked(const struct config *cfg, const struct bundle_keys *keys,
    const char *path, const char *stage, struct bundle_in *in,
    struct pool *pool, char *msg, size_t msglen)
{
	struct bundle_limits	 lim;
	struct bundle_claim	 cl;
	const char		*own = config_site_name(cfg->site), *why;
	char			 err[512];

	/* Unsigned yet: read only to name a carry to the wrong site. */
	if (bundle_peek(path, &cl) == 0 && strcmp(cl.site, own) == 0) {
		snprintf(msg, msglen, "拒绝导入 %s：这是本站自己导出的数据包"
		    "（%s，%s），应带到对端（%s）导入，不应在本站导入。没有导入"
		    "任何数据。", path, cl.site, shown(cl.dir),
		    site_label(cfg->site == SITE_INTRANET ? "extranet" :
		    "intranet"));
		return GAP_FAIL;
	}
	limits(cfg, &lim);
	if (bundle_read(path, keys, &lim, stage, in, err, sizeof(err)) == -1) {
		why = cl.site[0] != '\0' ? claim_why(cfg, keys, &cl, err,
		    pool) : NULL;
		snprintf(msg, msglen, "拒绝导入 %s：%s 没有导入任何数据。", path,
		    why != NULL ? why : err);
		return GAP_FAIL;
	}
	if (strcmp(in->dir, gap_in_dir(cfg)) != 0 ||
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
	struct bundle_keys	 keys;
	enum gap_rc		 rc;

	memset(&in, 0, sizeof(in));
	if (keys_load(cfg, KEYRING_READ, &keys, msg, msglen) != GAP_OK)
		return GAP_FAIL;
	rc = read_checked(cfg, &keys, path, NULL, &in, pool, msg, msglen);
	keys_free(&keys);
	if (rc != GAP_OK)
		return rc;
	snprintf(msg, msglen, "数据包完好：%s 第 %lld 号，%s，记录 %zu 字节，"
	    "附件 %zu 个；%s 套件，对端签名密钥 %s%s。", in.site,
	    (long long)in.seq, in.dir, in.records_len, in.nfiles,
	    bundle_suite_name(in.suite), in.kid, in.until == 0 ? "（当前）" :
	    in.until < (int64_t)clock_now() ? "（轮换前的旧密钥，过渡期已结束："
	    "导入会被拒绝）" : "（轮换前的旧密钥，仍在过渡期内）");
	bundle_in_free(&in);
	return GAP_OK;
}


/* What one import was about, for the carry log and the held queue. */
struct carried {
	char		*dir;
	int64_t		 epoch, seq;
	int		 applied;	/* its records went in now */
};

/*
 * Keep verified bundle in, which comes before the one it follows (last
 * imported), until that one comes: a copy in bundle_dir/held, its row,
 * and its acks taken at once, so that re-send requests never wait.
 */
static enum gap_rc
hold(const struct config *cfg, struct db *db, struct pool *pool,
    const char *path, const struct bundle_in *in, const struct gap_ack *ack,
    int64_t last, char *msg, size_t msglen)
{
	struct gap_ack	 have;
	struct stat	 st;
	char		*dir, *copy, *list = "";
	size_t		 i;

	dir = pool_printf(pool, "%s/held", cfg->bundle_dir);
	if ((mkdir(dir, 0700) == -1 && errno != EEXIST) ||
	    ack_copy(pool, path, dir, pool_printf(pool, "%s-e%lld-%06lld.ywb",
	    in->dir, (long long)in->epoch, (long long)in->seq), &copy) == -1 ||
	    stat(copy, &st) == -1) {
		snprintf(msg, msglen, "第 %lld 号数据包来得早于第 %lld 号，但无法"
		    "暂存到 %s：%s。没有导入任何数据；请保留这个数据包。",
		    (long long)in->seq, (long long)last + 1, dir,
		    strerror(errno));
		return GAP_FAIL;
	}
	if (db_begin(db) != DB_OK || resend_held_add(db, in->dir, in->epoch,
	    in->seq, in->hash, copy, (int64_t)st.st_size) != DB_OK ||
	    (ack != NULL && resend_ack_take(db, pool, gap_out_dir(cfg), ack) !=
	    DB_OK) || db_commit(db) != DB_OK ||
	    resend_holding(db, pool, in->dir, in->epoch, last, &have) !=
	    DB_OK) {
		db_rollback(db);
		(void)unlink(copy);
		snprintf(msg, msglen, "暂存第 %lld 号数据包时数据库出错，没有导入"
		    "任何数据；请保留这个数据包，稍后再导入。", (long long)in->seq);
		return GAP_FAIL;
	}
	for (i = 0; i < have.nmissing && i < 20; i++)
		list = pool_printf(pool, "%s%s%lld", list, i ? "、" : "",
		    (long long)have.missing[i]);
	snprintf(msg, msglen, "第 %lld 号数据包已核验并暂存：本站最后导入的是第 "
	    "%lld 号，还缺第 %s%s 号。本站下一个导出的数据包会请求对端重发；缺的"
	    "数据包导入后，暂存的会自动依次导入。", (long long)in->seq,
	    (long long)last, list, have.nmissing > 20 ? " 等" : "");
	return GAP_MISSING;
}

/* Verify and import the bundle at path (held: from the held queue). */
static enum gap_rc
import_one(const struct config *cfg, struct db *db, struct pool *pool,
    const char *path, int held, struct carried *cr, char *msg, size_t msglen)
{
	struct bundle_in	 in;
	struct bundle_keys	 keys;
	struct stage		 st;
	struct judges		 js;
	struct gap_ack		 ack;
	enum gap_rc		 grc;
	const char		*why;
	char			*have = NULL, *last_hash, *object, *hpath;
	int64_t			 last;
	size_t			 nrec = 0;
	int			 first, acked, was_held;
	enum db_rc		 rc;

	memset(&in, 0, sizeof(in));
	if (files_init(cfg->files_dir) == -1) {
		snprintf(msg, msglen, "无法使用附件目录 %s。", cfg->files_dir);
		return GAP_FAIL;
	}
	/* Kept to the end: anchors are checked against the very key the
	 * bundle verified with. */
	if (keys_load(cfg, KEYRING_IMPORT, &keys, msg, msglen) != GAP_OK)
		return GAP_FAIL;
	if (stage_open(cfg->files_dir, pool, &st) == -1) {
		keys_free(&keys);
		snprintf(msg, msglen, "无法建立暂存目录（%s/tmp），没有导入。",
		    cfg->files_dir);
		return GAP_FAIL;
	}
	/* Judging starts with the first file staged. */
	if (judges_start(&js, cfg, pool, st.dir) == -1) {
		stage_close(&st);
		keys_free(&keys);
		snprintf(msg, msglen, "内存不足，没有导入。");
		return GAP_FAIL;
	}
	if ((grc = read_checked(cfg, &keys, path, st.dir, &in, pool, msg,
	    msglen)) != GAP_OK)
		goto out;
	cr->dir = pool_strdup(pool, in.dir);
	cr->epoch = in.epoch;
	cr->seq = in.seq;
	grc = GAP_FAIL;
	object = pool_printf(pool, "%s/%lld/%lld", in.dir, (long long)in.epoch,
	    (long long)in.seq);
	/* Exactly once: the same bundle again changes nothing. */
	rc = exchange_in_get(db, pool, in.dir, in.epoch, in.seq, &have);
	if (rc == DB_OK && held)
		(void)resend_held_del(db, in.dir, in.epoch, in.seq);
	if ((was_held = rc == DB_NONE && !held))
		rc = resend_held_get(db, pool, in.dir, in.epoch, in.seq, &have,
		    &hpath);
	if (rc == DB_OK) {
		if (strcmp(have, in.hash) == 0) {
			snprintf(msg, msglen, "第 %lld 号数据包已经%s过，本次"
			    "没有做任何改动。", (long long)in.seq, was_held ?
			    "暂存" : "导入");
			grc = was_held ? GAP_MISSING : GAP_OK;
		} else
			grc = alert(db, pool, "gap.chain", object, msg, msglen,
			    "安全警告：第 %lld 号数据包已经收到过，而这个文件的"
			    "内容与当时不同。已拒绝。", (long long)in.seq);
		goto out;
	}
	if (rc != DB_NONE) {
		snprintf(msg, msglen, "数据库出错，没有导入。");
		goto out;
	}
	if ((grc = epoch_check(db, pool, &in, &first, msg, msglen)) != GAP_OK)
		goto out;
	grc = GAP_FAIL;
	if ((acked = ack_parse(pool, &in, &ack, &why)) == -1) {
		grc = alert(db, pool, "gap.record", object, msg, msglen,
		    "拒绝导入第 %lld 号数据包：%s。", (long long)in.seq, why);
		goto out;
	}
	if (exchange_in_last(db, pool, in.dir, in.epoch, &last, &last_hash) !=
	    DB_OK) {
		snprintf(msg, msglen, "数据库出错，没有导入。");
		goto out;
	}
	if (in.seq > last + 1 && !held) {
		grc = hold(cfg, db, pool, path, &in, acked == 0 ? &ack : NULL,
		    last, msg, msglen);
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
		grc = alert(db, pool, "gap.chain", object, msg, msglen,
		    "安全警告：第 %lld 号数据包记载的上一号数据包与本站导入的"
		    "不同。已拒绝。", (long long)in.seq);
		goto out;
	}
	if ((grc = check_all(cfg, db, pool, &in, &js, object, in.signer,
	    &nrec, msg, msglen)) != GAP_OK)
		goto out;
	judges_stop(&js);
	grc = apply_records(cfg, db, pool, &in, st.dir, first, nrec,
	    acked == 0 ? &ack : NULL, held, msg, msglen);
	cr->applied = grc == GAP_OK;
out:
	judges_stop(&js);
	bundle_in_free(&in);
	stage_close(&st);
	keys_free(&keys);
	return grc;
}

/* The first line of msg, short enough for the carry log. */
static char *
outcome(struct pool *pool, const char *msg)
{
	size_t	 n = strcspn(msg, "\n");

	if (n > 480)
		for (n = 480; n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80;
		    n--)
			;
	return pool_strndup(pool, msg, n);
}

enum gap_rc
gap_import(const struct config *cfg, struct db *db, struct pool *pool,
    const char *path, char *msg, size_t msglen)
{
	struct carried	 cr, next;
	const char	*who = config_operator(pool);
	char		*hash, *hpath, *disc, m[2048];
	enum gap_rc	 grc, nrc;
	size_t		 len;

	memset(&cr, 0, sizeof(cr));
	grc = import_one(cfg, db, pool, path, 0, &cr, msg, msglen);
	disc = pool_strdup(pool, path);
	disc = dirname(disc);
	(void)resend_carry(db, who, grc == GAP_OK ? "import" :
	    grc == GAP_MISSING && cr.dir != NULL ? "held" : "refused",
	    cr.dir != NULL ? cr.dir : "", cr.epoch, cr.seq, disc,
	    outcome(pool, msg));
	/* The bundles held for this one follow it, in order. */
	while (cr.applied) {
		if (resend_held_get(db, pool, cr.dir, cr.epoch, cr.seq + 1,
		    &hash, &hpath) != DB_OK)
			break;
		memset(&next, 0, sizeof(next));
		nrc = import_one(cfg, db, pool, hpath, 1, &next, m, sizeof(m));
		len = strlen(msg);
		snprintf(msg + len, msglen - len, "\n暂存的第 %lld 号数据包：%s",
		    (long long)cr.seq + 1, m);
		(void)resend_carry(db, who, nrc == GAP_OK ? "import" :
		    "refused", cr.dir, cr.epoch, cr.seq + 1, "held",
		    outcome(pool, m));
		if (nrc != GAP_OK) {
			/* Out of the queue: not received after all.  The
			 * other site keeps it until acknowledged, and its
			 * next bundle here makes this site ask for it. */
			if (resend_held_del(db, cr.dir, cr.epoch, cr.seq + 1) ==
			    DB_OK && unlink(hpath) == 0) {
				len = strlen(msg);
				snprintf(msg + len, msglen - len, "\n已把它移出暂存"
				    "队列，算作没有收到：对端的下一个数据包到达后，本站"
				    "会请求重发。");
			}
			grc = nrc;
			break;
		}
		if (next.applied)
			(void)unlink(hpath);
		cr = next;
	}
	return grc;
}

enum gap_rc
gap_epoch_accept(const struct config *cfg, struct db *db, struct pool *pool,
    int64_t epoch, const char *who, char *msg, size_t msglen)
{
	const char	*dir = gap_in_dir(cfg), *object;
	int64_t		 pinned;

	if (exchange_epoch(db, pool, dir, &pinned) != DB_OK) {
		snprintf(msg, msglen, "数据库出错，没有确认。");
		return GAP_FAIL;
	}
	if (epoch <= pinned) {
		snprintf(msg, msglen, "本站已接受第 %lld 纪元；第 %lld 纪元不比它"
		    "新，不能确认。", (long long)pinned, (long long)epoch);
		return GAP_FAIL;
	}
	object = pool_printf(pool, "%s/%lld", dir, (long long)epoch);
	if (db_begin(db) != DB_OK)
		goto fail;
	if (exchange_epoch_add(db, dir, epoch, who) != DB_OK ||
	    alert_resolve(db, "gap.epoch", object, who) != DB_OK ||
	    audit_add(db, pool, who, "gap.epoch-accept", object,
	    pool_printf(pool, "from epoch %lld", (long long)pinned)) !=
	    DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		goto fail;
	}
	snprintf(msg, msglen, "已确认对端的第 %lld 纪元（%s）：此后只接受这个"
	    "纪元的数据包，从第 1 号起；更早纪元的数据包不再接受。",
	    (long long)epoch, who);
	return GAP_OK;
fail:
	snprintf(msg, msglen, "数据库出错，没有确认。");
	return GAP_FAIL;
}

/*
 * Begin a transaction and lock set-aside record id into a: 1 when it is
 * still aside.  Else 0, rolled back, with msg and *grc: GAP_FAIL when there
 * is no such record or the database failed; when it left aside before,
 * GAP_OK if to state `same` (then `same_why` ends the message), GAP_FAIL
 * if to the other (`other_why`).
 */
static int
aside_take(struct db *db, struct pool *pool, int64_t id, const char *same,
    const char *same_why, const char *other_why, struct aside *a,
    enum gap_rc *grc, char *msg, size_t msglen)
{
	enum db_rc	 rc;

	*grc = GAP_FAIL;
	if ((rc = db_begin(db)) == DB_OK &&
	    (rc = aside_lock(db, pool, id, a)) == DB_OK &&
	    strcmp(a->state, "aside") == 0)
		return 1;
	db_rollback(db);
	if (rc == DB_NONE)
		snprintf(msg, msglen, "没有第 %lld 号搁置记录（yiwang-gap aside "
		    "列出搁置的记录）。", (long long)id);
	else if (rc != DB_OK)
		snprintf(msg, msglen, "数据库出错，没有做任何改动；第 %lld 号搁置"
		    "记录仍是原样。", (long long)id);
	else {
		*grc = strcmp(a->state, same) == 0 ? GAP_OK : GAP_FAIL;
		snprintf(msg, msglen, "第 %lld 号搁置记录%s（%s，%s），本次没有"
		    "做任何改动%s。", (long long)id,
		    aside_state_label(a->state), a->done_by ? a->done_by : "",
		    a->done_at ? a->done_at : "", *grc == GAP_OK ? same_why :
		    other_why);
	}
	return 0;
}

/*
 * Set-aside record a leaves aside for a->state (with a->why), by who, and
 * the transaction aside_take() began commits: its notice resolved, the
 * other site told, audited as action with detail.
 */
static enum db_rc
aside_close(struct db *db, struct pool *pool, const struct aside *a,
    const char *object, const char *who, const char *action,
    const char *detail)
{
	if (aside_done(db, a->id, a->state, who, a->why) != DB_OK ||
	    alert_resolve(db, "gap.aside", object, who) != DB_OK ||
	    aside_send(db, pool, a) != DB_OK ||
	    audit_add(db, pool, who, action, object, detail) != DB_OK)
		return DB_ERR;
	return db_commit(db);
}

enum gap_rc
gap_retry(const struct config *cfg, struct db *db, struct pool *pool,
    int64_t id, const char *who, char *msg, size_t msglen)
{
	const struct record_kind *k = NULL;
	struct aside		 a;
	struct gap_in_rec	 r;
	json_t			*rec;
	const char		*app, *why;
	char			 err[512], *object;
	enum gap_rc		 grc;
	enum db_rc		 rc;

	if (!aside_take(db, pool, id, "retried_ok", "：它只应用一次",
	    "：作废的记录不能再重试", &a, &grc, msg, msglen))
		return grc;
	object = aside_object(pool, a.dir, a.epoch, a.seq, a.recno);
	if ((rec = json_loads(a.record, JSON_REJECT_DUPLICATES, NULL)) ==
	    NULL || (k = kind_of(cfg, a.kind)) == NULL) {
		json_decref(rec);
		db_rollback(db);
		snprintf(msg, msglen, "第 %lld 号搁置记录（%s）不是本站能应用的"
		    "记录，不能重试；请作废它。", (long long)id, a.kind);
		return GAP_FAIL;
	}
	rc = apply_one(db, pool, k, rec, &r, err, sizeof(err));
	if (rc == DB_NONE) {
		json_decref(rec);
		why = reason_of(pool, err);
		if (audit_add(db, pool, who, "gap.retry", object,
		    pool_printf(pool, "aside:%lld refused: %s", (long long)id,
		    why)) != DB_OK || db_commit(db) != DB_OK)
			goto dberr;
		snprintf(msg, msglen, "第 %lld 号搁置记录（%s）仍不能应用：%s。"
		    "它仍搁置着；条件具备后再重试，或作废它。", (long long)id,
		    k->label, why);
		return GAP_FAIL;
	}
	if (rc == DB_OK && k->by_case && (app = json_string_value(
	    json_object_get(rec, "app_no"))) != NULL && *app != '\0') {
		r.recno = (size_t)a.recno;
		r.app_no = pool_strdup(pool, app);
		r.kind = k->type;
		r.retried = 1;
		rc = exchange_in_case(db, a.dir, a.epoch, a.seq, &r);
	}
	json_decref(rec);
	a.state = "retried_ok";
	if (rc != DB_OK || aside_close(db, pool, &a, object, who, "gap.retry",
	    pool_printf(pool, "aside:%lld applied", (long long)id)) != DB_OK)
		goto dberr;
	snprintf(msg, msglen, "第 %lld 号搁置记录（%s）已应用（%s）；对端将随本站"
	    "下一个导出的数据包得知。", (long long)id, k->label, who);
	return GAP_OK;
dberr:
	db_rollback(db);
	snprintf(msg, msglen, "数据库出错，没有重试第 %lld 号搁置记录；它仍搁置"
	    "着。", (long long)id);
	return GAP_FAIL;
}

enum gap_rc
gap_discard(const struct config *cfg, struct db *db, struct pool *pool,
    int64_t id, const char *who, const char *why, char *msg, size_t msglen)
{
	struct aside	 a;
	char		*object;
	enum gap_rc	 grc;

	(void)cfg;
	if (why == NULL || *why == '\0' || utf8_check(why, strlen(why), 0,
	    NULL) != UTF8_OK || utf8_chars(why) > ASIDE_REASON_MAX) {
		snprintf(msg, msglen, "请用 --why 写明作废的理由（一行，%d 字"
		    "以内），它会记入审计日志并告知对端。", ASIDE_REASON_MAX);
		return GAP_FAIL;
	}
	if (!aside_take(db, pool, id, "discarded", "",
	    "：已经应用的记录不能作废", &a, &grc, msg, msglen))
		return grc;
	object = aside_object(pool, a.dir, a.epoch, a.seq, a.recno);
	a.state = "discarded";
	a.why = (char *)why;
	if (aside_close(db, pool, &a, object, who, "gap.discard",
	    pool_printf(pool, "aside:%lld %s", (long long)id, why)) != DB_OK)
		goto dberr;
	snprintf(msg, msglen, "第 %lld 号搁置记录（%s）已作废（%s）：%s。对端将随"
	    "本站下一个导出的数据包得知；它所用的附件不再保留。", (long long)id,
	    a.kind, who, why);
	return GAP_OK;
dberr:
	db_rollback(db);
	snprintf(msg, msglen, "数据库出错，没有作废第 %lld 号搁置记录；它仍搁置"
	    "着。", (long long)id);
	return GAP_FAIL;
}
