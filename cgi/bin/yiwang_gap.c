/*
 * yiwang_gap.c: the gap operator's tool (GAP-1..6).
 *
 *	yiwang-gap [-c CONF] export [--to DIR] [--heartbeat]
 *						write the next bundle (a
 *						heartbeat when one is due or
 *						asked for), and again those
 *						the other site lacks, copied
 *						into DIR (the disc); prints
 *						the new one's path last
 *	yiwang-gap [-c CONF] import PATH	verify and import a bundle,
 *						or every bundle of a disc
 *	yiwang-gap [-c CONF] verify FILE	verify only
 *	yiwang-gap [-c CONF] status		what /ops/gap shows (GAP-6):
 *						what is pending and what
 *						crossed, the epoch accepted,
 *						missing bundles and re-send
 *						requests, set-aside records,
 *						the alerts not resolved and
 *						the last carries
 *	yiwang-gap [-c CONF] epoch-accept EPOCH	confirm that the other site's
 *						bundles now come in a new
 *						epoch (audited as the
 *						operator, config_operator())
 *	yiwang-gap [-c CONF] aside [all]	the records set aside at
 *						import (GAP-5), and this
 *						site's that the other site
 *						set aside; all: done ones too
 *	yiwang-gap [-c CONF] retry ID		apply set-aside record ID now
 *	yiwang-gap [-c CONF] discard ID --why TEXT
 *						give it up (both audited as
 *						the operator)
 *
 * Exit status: 0 done (also: already imported), 2 refused or failed,
 * 3 nothing to export, 4 security alert, 5 an earlier bundle is missing.
 *
 * On a terminal (stderr), export and import show their progress, bytes
 * and records, on one line rewritten in place (GAP-6); elsewhere nothing
 * but the final message.
 */
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chain.h"
#include "alert.h"
#include "aside.h"
#include "clock.h"
#include "config.h"
#include "docseal.h"
#include "db.h"
#include "exchange.h"
#include "gap.h"
#include "gapstatus.h"
#include "log.h"
#include "pii.h"

static void
usage(void)
{
	fputs("usage: yiwang-gap [-c CONF] export [--to DIR] [--heartbeat]"
	    " | import PATH | verify FILE"
	    " | status | epoch-accept EPOCH | aside [all] | retry ID"
	    " | discard ID --why TEXT\n", stderr);
	_exit(64);
}

/* The progress line (gap_set_progress()), drawn at most ten times a
 * second and at the end of each step. */
struct show {
	struct timespec	 last;
	const char	*what;
	int		 drawn;
};

static void
show(void *arg, const char *what, uint64_t done, uint64_t total, int bytes)
{
	struct show	*s = arg;
	struct timespec	 now;
	long		 ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long)(now.tv_sec - s->last.tv_sec) * 1000 +
	    (now.tv_nsec - s->last.tv_nsec) / 1000000;
	if (s->what != NULL && strcmp(s->what, what) == 0 && done != total &&
	    ms < 100)
		return;
	s->last = now;
	s->what = what;
	s->drawn = 1;
	if (bytes && total > 0)
		fprintf(stderr, "\r\033[K%s %.1f / %.1f MiB（%d%%）", what,
		    done / 1048576.0, total / 1048576.0,
		    (int)(done * 100 / total));
	else if (bytes)
		fprintf(stderr, "\r\033[K%s %.1f MiB", what,
		    done / 1048576.0);
	else if (total > 0)
		fprintf(stderr, "\r\033[K%s %llu / %llu", what,
		    (unsigned long long)done, (unsigned long long)total);
	else
		fprintf(stderr, "\r\033[K%s %llu", what,
		    (unsigned long long)done);
	fflush(stderr);
}

/* "#ID" lines of set-aside records v[0..n) after msg. */
static void
aside_lines(struct pool *pool, char *msg, size_t msglen,
    const struct aside *v, size_t n, int peer)
{
	size_t	 i, len;

	for (i = 0; i < n; i++) {
		len = strlen(msg);
		if (peer)
			snprintf(msg + len, msglen - len, "\n  %s %s/%lld/%lld "
			    "第 %lld 条 %s %s：%s", v[i].set_at, v[i].dir,
			    (long long)v[i].epoch, (long long)v[i].seq,
			    (long long)v[i].recno, v[i].kind,
			    aside_state_label(v[i].state), v[i].reason);
		else
			snprintf(msg + len, msglen - len, "\n  #%lld %s "
			    "%s/%lld/%lld 第 %lld 条 %s %s：%s%s%s",
			    (long long)v[i].id,
			    v[i].set_at, v[i].dir, (long long)v[i].epoch,
			    (long long)v[i].seq, (long long)v[i].recno,
			    v[i].kind, aside_state_label(v[i].state),
			    v[i].reason, v[i].done_by ? pool_printf(pool,
			    "；%s %s", v[i].done_by, v[i].done_at) : "",
			    v[i].why ? pool_printf(pool, "：%s", v[i].why) :
			    "");
	}
}

/* Append to *out, from pool. */
static void
status_add(struct pool *pool, char **out, const char *s)
{
	*out = pool_printf(pool, "%s%s", *out, s);
}

/*
 * The status lines (GAP-6), what the status page /ops/gap shows
 * (gapstatus.h): what moved, the epoch accepted, what waits by kind,
 * the bundles not acknowledged, missing sequences and re-send requests,
 * the records set aside here and there, open alerts with the operator,
 * and the last carries.  Printed here, whatever their length; msg says
 * only what failed.
 */
static enum gap_rc
status(const struct config *cfg, struct db *db, struct pool *pool,
    char *msg, size_t msglen)
{
	struct gapstatus	 st;
	struct gs_carry		*c;
	int64_t			*seqs, more;
	const char		*in = gap_in_dir(cfg), *s;
	size_t			 i, n;
	char			*out;

	if (gapstatus_load(db, pool, cfg->site == SITE_INTRANET ? "int2ext" :
	    "ext2int", in, &st) != DB_OK ||
	    gapstatus_carries(db, pool, 0, 5, &c, &n, &more) != DB_OK) {
		snprintf(msg, msglen, "数据库出错。");
		return GAP_FAIL;
	}
	out = pool_printf(pool, "%s：待导出 %lld 条记录；最后导出第 %lld 号%s；"
	    "最后导入第 %lld 号%s。\n%s", gapstatus_sender(st.out_dir),
	    (long long)st.pending, (long long)st.last_out.seq,
	    st.last_out.seq > 0 ? pool_printf(pool, "（%s）", st.last_out.at) :
	    "", (long long)st.last_in.seq, st.last_in.seq > 0 ?
	    pool_printf(pool, "（%s）", st.last_in.at) : "",
	    st.accepted_epoch == 0 ?
	    "还没有导入过对端的数据包；首个数据包应属第 1 纪元。" :
	    pool_printf(pool, "接受对端第 %lld 纪元的数据包。",
	    (long long)st.accepted_epoch));
	for (i = 0; i < st.nkinds; i++)
		status_add(pool, &out, pool_printf(pool, "%s%s %lld 条%s",
		    i == 0 ? "\n待导出的记录：" : "、", st.kinds[i].kind,
		    (long long)st.kinds[i].n, i + 1 == st.nkinds ? "。" : ""));
	seqs = pool_alloc(pool, (st.nwait + 1) * sizeof(*seqs));
	for (i = 0; i < st.nwait; i++)
		seqs[i] = st.wait[i].seq;
	status_add(pool, &out, st.waiting == 0 ?
	    pool_printf(pool, "\n等待%s回告的数据包：没有。",
	    gapstatus_receiver(st.out_dir)) :
	    pool_printf(pool, "\n等待%s回告的数据包：%lld 个（第 %s 号）。",
	    gapstatus_receiver(st.out_dir), (long long)st.waiting,
	    gapstatus_seqs(pool, seqs, st.nwait, st.waiting)));
	s = gapstatus_missing_text(pool, &st);
	status_add(pool, &out, pool_printf(pool, "\n缺号：%s", s != NULL ? s :
	    "没有。"));
	if ((s = gapstatus_request_text(pool, &st)) != NULL)
		status_add(pool, &out, pool_printf(pool, "\n回告：%s", s));
	status_add(pool, &out, pool_printf(pool, "\n搁置的记录：本站 %lld 条，"
	    "对端搁置的本站记录 %lld 条%s。\n未处理的警告和提示：%lld 条。",
	    (long long)st.here_total, (long long)st.there_total,
	    st.here_total + st.there_total > 0 ? "（yiwang-gap aside 查看）" :
	    "", (long long)st.alerts_total));
	for (i = 0; i < st.nalerts && i < 10; i++)
		status_add(pool, &out, pool_printf(pool, "\n  #%lld %s %s %s%s",
		    (long long)st.alerts[i].a.id, st.alerts[i].a.at,
		    st.alerts[i].a.object, st.alerts[i].a.message,
		    st.alerts[i].who != NULL ? pool_printf(pool, "（摆渡员 %s）",
		    st.alerts[i].who) : ""));
	if (n > 0)
		status_add(pool, &out, "\n最近的摆渡：");
	for (i = 0; i < n; i++)
		status_add(pool, &out, pool_printf(pool, "\n  %s %s %s %s/%lld/"
		    "%lld %s：%s", c[i].at, c[i].operator,
		    gapstatus_action_label(c[i].action), c[i].dir,
		    (long long)c[i].epoch, (long long)c[i].seq, c[i].disc,
		    c[i].outcome));
	printf("%s\n", out);
	return GAP_OK;
}

/* The records set aside here (GAP-5) and this site's the other set
 * aside: those still aside, or all of them. */
static enum gap_rc
aside(struct db *db, struct pool *pool, int all, char *msg, size_t msglen)
{
	struct aside	*v, *w;
	int64_t		 here, there;
	size_t		 n, m;

	if (aside_list(db, pool, all, 50, &v, &n, &here) != DB_OK ||
	    aside_peer_list(db, pool, all, 50, &w, &m, &there) != DB_OK) {
		snprintf(msg, msglen, "数据库出错。");
		return GAP_FAIL;
	}
	snprintf(msg, msglen, "本站搁置的记录：%lld 条%s（#号用于 retry、"
	    "discard）。", (long long)here, all ? "仍搁置；以下含已处理的" : "");
	aside_lines(pool, msg, msglen, v, n, 0);
	snprintf(msg + strlen(msg), msglen - strlen(msg), "\n对端搁置的本站"
	    "记录：%lld 条%s。", (long long)there, all ? "仍搁置" : "");
	aside_lines(pool, msg, msglen, w, m, 1);
	return GAP_OK;
}

/* export [--to DIR] [--heartbeat]: 0, or -1 for usage(). */
static int
export_args(int argc, char *argv[], const char **to, int *beat)
{
	struct stat	 st;
	int		 i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--heartbeat") == 0 && !*beat)
			*beat = 1;
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc &&
		    *to == NULL) {
			*to = argv[++i];
			if (stat(*to, &st) == -1 || !S_ISDIR(st.st_mode)) {
				fprintf(stderr, "%s 不是一个文件夹（--to 应指向"
				    "摆渡盘上的文件夹）。\n", *to);
				_exit(GAP_FAIL);
			}
		} else
			usage();
	return 0;
}

/* Order of bundle files in a folder: by name, which sorts by epoch and
 * sequence for six-digit ones, and by length first for longer ones. */
static int
by_name(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a;
	const char	*y = *(const char *const *)b;
	size_t		 lx = strlen(x), ly = strlen(y);

	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

/* The worse of two outcomes. */
static enum gap_rc
worse(enum gap_rc a, enum gap_rc b)
{
	static const enum gap_rc rank[] = { GAP_OK, GAP_EMPTY, GAP_MISSING,
	    GAP_FAIL, GAP_ALERT };
	size_t	 i, ra = 0, rb = 0;

	for (i = 0; i < sizeof(rank) / sizeof(rank[0]); i++) {
		if (rank[i] == a)
			ra = i;
		if (rank[i] == b)
			rb = i;
	}
	return ra >= rb ? a : b;
}

/*
 * import FILE, or every *.ywb of a folder (a disc), in name order: the
 * bundles of this site's own direction there are passed over; one that
 * comes early is held until the one it follows (gap_import()).
 */
static enum gap_rc
import(const struct config *cfg, struct db *db, struct pool *pool,
    const char *path, char *msg, size_t msglen)
{
	struct stat	 st;
	DIR		*d;
	struct dirent	*e;
	char		**v = NULL, m[8192], *own;
	size_t		 n = 0, cap = 0, i, len, skipped = 0;
	enum gap_rc	 rc = GAP_EMPTY;

	if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode))
		return gap_import(cfg, db, pool, path, msg, msglen);
	if ((d = opendir(path)) == NULL) {
		snprintf(msg, msglen, "无法打开文件夹 %s：%s。", path,
		    strerror(errno));
		return GAP_FAIL;
	}
	own = pool_printf(pool, "%s-%s-", config_site_name(cfg->site),
	    gap_out_dir(cfg));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".ywb") != 0)
			continue;
		if (strncmp(e->d_name, own, strlen(own)) == 0) {
			skipped++;
			continue;
		}
		*(char **)pool_push(pool, &v, &n, &cap, sizeof(char *)) =
		    pool_strdup(pool, e->d_name);
	}
	closedir(d);
	qsort(v, n, sizeof(*v), by_name);
	snprintf(msg, msglen, "%s：%zu 个数据包%s。", path, n, skipped ?
	    pool_printf(pool, "（另有本站自己导出的 %zu 个，应带到对端，未导入"
	    "）", skipped) : "");
	for (i = 0; i < n; i++) {
		m[0] = '\0';
		rc = worse(rc, gap_import(cfg, db, pool, pool_printf(pool,
		    "%s/%s", path, v[i]), m, sizeof(m)));
		len = strlen(msg);
		snprintf(msg + len, msglen - len, "\n%s：%s", v[i], m);
	}
	return n == 0 ? GAP_EMPTY : rc == GAP_EMPTY ? GAP_OK : rc;
}

/* A record number from the command line, or usage(). */
static int64_t
aside_id(const char *s)
{
	char		*end;
	long long	 v;

	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1 || v > INT64_MAX / 2)
		usage();
	return v;
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct show	 sh = { { 0, 0 }, NULL, 0 };
	struct db	*db = NULL;
	struct pool	*pool;
	const char	*conf = NULL;
	char		 msg[16384] = "", *path = NULL, *end;
	const char	*to = NULL;
	long long	 epoch;
	enum gap_rc	 rc = GAP_FAIL;
	int		 c, beat = 0;

	log_set_prog("yiwang-gap");
	/*
	 * Each attachment an import judges is read whole (files_vet(), up to
	 * max_upload) beside qpdf's copy.  Left to itself glibc raises its
	 * mapping threshold after the first such buffer is freed and serves
	 * the next ones from the heap, which a hundred of them interleaved
	 * with small allocations fragment: 69 MiB resident at the end of a
	 * 1 GiB import, against 55 MiB when large buffers are always mapped
	 * and given back (bench/gap.sh; GAP-6's bound is 64 MiB).
	 */
	(void)mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	while ((c = getopt(argc, argv, "+c:")) != -1)
		if (c == 'c')
			conf = optarg;
		else
			usage();
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if ((conf = config_path(conf)) == NULL || config_load(conf, &cfg) == -1)
		return GAP_FAIL;
	chain_set_key_file(cfg.chain_key);
	chain_set_stripes(cfg.audit_stripes);
	pii_set_key_file(cfg.pii_key);
	docseal_set_dir(cfg.seal_key_dir);
	/* The test stack's clock file, if any: imports happen then too. */
	if (cfg.clock_settable)
		clock_from_file(cfg.clock_file);
	pool = pool_new();
	/* Only a person watching needs it; a script's log stays clean. */
	if (isatty(STDERR_FILENO))
		gap_set_progress(show, &sh);
	if (strcmp(argv[0], "verify") == 0 && argc == 2) {
		rc = gap_verify(&cfg, pool, argv[1], msg, sizeof(msg));
		goto done;
	}
	if ((db = db_open(&cfg)) == NULL) {
		snprintf(msg, sizeof(msg), "连不上本站数据库。");
		goto done;
	}
	if (strcmp(argv[0], "export") == 0 && export_args(argc, argv, &to,
	    &beat) == 0)
		rc = gap_export(&cfg, db, pool, to, beat, &path, msg,
		    sizeof(msg));
	else if (strcmp(argv[0], "import") == 0 && argc == 2)
		rc = import(&cfg, db, pool, argv[1], msg, sizeof(msg));
	else if (strcmp(argv[0], "status") == 0 && argc == 1)
		rc = status(&cfg, db, pool, msg, sizeof(msg));
	else if (strcmp(argv[0], "aside") == 0 && (argc == 1 || (argc == 2 &&
	    strcmp(argv[1], "all") == 0)))
		rc = aside(db, pool, argc == 2, msg, sizeof(msg));
	else if (strcmp(argv[0], "retry") == 0 && argc == 2)
		rc = gap_retry(&cfg, db, pool, aside_id(argv[1]),
		    config_operator(pool), msg, sizeof(msg));
	else if (strcmp(argv[0], "discard") == 0 && argc == 4 &&
	    strcmp(argv[2], "--why") == 0)
		rc = gap_discard(&cfg, db, pool, aside_id(argv[1]),
		    config_operator(pool), argv[3], msg, sizeof(msg));
	else if (strcmp(argv[0], "epoch-accept") == 0 && argc == 2) {
		epoch = strtoll(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0' || epoch < 1 ||
		    epoch > 2147483647)
			usage();
		rc = gap_epoch_accept(&cfg, db, pool, epoch,
		    config_operator(pool), msg, sizeof(msg));
	} else
		usage();
done:
	if (sh.drawn)
		fputs("\r\033[K", stderr);
	/* Messages on stderr; stdout carries only the bundle path (export)
	 * or the status and aside lines, for scripts. */
	if (msg[0] != '\0')
		fprintf(strcmp(argv[0], "status") == 0 ||
		    strcmp(argv[0], "aside") == 0 ? stdout : stderr,
		    "%s\n", msg);
	if (path != NULL)
		printf("%s\n", path);
	db_close(db);
	pool_free(pool);
	config_free(&cfg);
	return (int)rc;
}
