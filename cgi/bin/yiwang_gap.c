/*
 * yiwang_gap.c: the gap operator's tool (GAP-1..6).
 *
 *	yiwang-gap [-c CONF] export		write the next bundle; prints
 *						its path on the last line
 *	yiwang-gap [-c CONF] import FILE	verify and import
 *	yiwang-gap [-c CONF] verify FILE	verify only
 *	yiwang-gap [-c CONF] status		what is pending and what crossed,
 *						the epoch accepted, and the
 *						security alerts not resolved
 *	yiwang-gap [-c CONF] epoch-accept EPOCH	confirm that the other site's
 *						bundles now come in a new
 *						epoch (audited as the
 *						operator, config_operator())
 *
 * Exit status: 0 done (also: already imported), 2 refused or failed,
 * 3 nothing to export, 4 security alert, 5 an earlier bundle is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "alert.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "exchange.h"
#include "gap.h"
#include "log.h"
#include "pii.h"

static void
usage(void)
{
	fputs("usage: yiwang-gap [-c CONF] export | import FILE | verify FILE"
	    " | status | epoch-accept EPOCH\n", stderr);
	_exit(64);
}

/* The status lines: what moved, the epoch accepted, open alerts. */
static enum gap_rc
status(const struct config *cfg, struct db *db, struct pool *pool,
    char *msg, size_t msglen)
{
	struct alert	*a;
	int64_t		 pending, last_out, last_in, epoch, total;
	size_t		 i, n, len;

	if (exchange_status(db, pool, &pending, &last_out, &last_in) !=
	    DB_OK || exchange_epoch(db, pool, gap_in_dir(cfg), &epoch) !=
	    DB_OK || alert_open(db, pool, 10, &a, &n, &total) != DB_OK) {
		snprintf(msg, msglen, "数据库出错。");
		return GAP_FAIL;
	}
	snprintf(msg, msglen, "%s：待导出 %lld 条记录；最后导出第 %lld 号；"
	    "最后导入第 %lld 号。\n%s\n未处理的安全警告：%lld 条。",
	    config_site_name(cfg->site), (long long)pending,
	    (long long)last_out, (long long)last_in, epoch == 0 ?
	    "还没有导入过对端的数据包；首个数据包应属第 1 纪元。" :
	    pool_printf(pool, "接受对端第 %lld 纪元的数据包。",
	    (long long)epoch), (long long)total);
	for (i = 0; i < n; i++) {
		len = strlen(msg);
		snprintf(msg + len, msglen - len, "\n  #%lld %s %s %s",
		    (long long)a[i].id, a[i].at, a[i].object, a[i].message);
	}
	return GAP_OK;
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct db	*db = NULL;
	struct pool	*pool;
	const char	*conf = NULL;
	char		 msg[8192] = "", *path = NULL, *end;
	long long	 epoch;
	enum gap_rc	 rc = GAP_FAIL;
	int		 c;

	log_set_prog("yiwang-gap");
	while ((c = getopt(argc, argv, "c:")) != -1)
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
	pii_set_key_file(cfg.pii_key);
	/* The test stack's clock file, if any: imports happen then too. */
	if (cfg.clock_settable)
		clock_from_file(cfg.clock_file);
	pool = pool_new();
	if (strcmp(argv[0], "verify") == 0 && argc == 2) {
		rc = gap_verify(&cfg, pool, argv[1], msg, sizeof(msg));
		goto done;
	}
	if ((db = db_open(&cfg)) == NULL) {
		snprintf(msg, sizeof(msg), "连不上本站数据库。");
		goto done;
	}
	if (strcmp(argv[0], "export") == 0 && argc == 1)
		rc = gap_export(&cfg, db, pool, &path, msg, sizeof(msg));
	else if (strcmp(argv[0], "import") == 0 && argc == 2)
		rc = gap_import(&cfg, db, pool, argv[1], msg, sizeof(msg));
	else if (strcmp(argv[0], "status") == 0 && argc == 1)
		rc = status(&cfg, db, pool, msg, sizeof(msg));
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
	/* Messages on stderr; stdout carries only the bundle path (export)
	 * or the status line, for scripts. */
	if (msg[0] != '\0')
		fprintf(strcmp(argv[0], "status") == 0 ? stdout : stderr,
		    "%s\n", msg);
	if (rc == GAP_OK && path != NULL)
		printf("%s\n", path);
	db_close(db);
	pool_free(pool);
	config_free(&cfg);
	return (int)rc;
}
