/*
 * yiwang_gap.c: the gap operator's tool (GAP-1..6).
 *
 *	yiwang-gap [-c CONF] export		write the next bundle; prints
 *						its path on the last line
 *	yiwang-gap [-c CONF] import FILE	verify and import
 *	yiwang-gap [-c CONF] verify FILE	verify only
 *	yiwang-gap [-c CONF] status		what is pending and what crossed
 *
 * Exit status: 0 done (also: already imported), 2 refused or failed,
 * 3 nothing to export, 4 security alert, 5 an earlier bundle is missing.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "config.h"
#include "db.h"
#include "exchange.h"
#include "gap.h"
#include "log.h"

static void
usage(void)
{
	fputs("usage: yiwang-gap [-c CONF] export | import FILE | verify FILE"
	    " | status\n", stderr);
	_exit(64);
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct db	*db = NULL;
	struct pool	*pool;
	const char	*conf = NULL;
	char		 msg[1024] = "", *path = NULL;
	int64_t		 pending, last_out, last_in;
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
	else if (strcmp(argv[0], "status") == 0 && argc == 1) {
		if (exchange_status(db, pool, &pending, &last_out, &last_in) ==
		    DB_OK) {
			snprintf(msg, sizeof(msg), "%s：待导出 %lld 条记录；"
			    "最后导出第 %lld 号；最后导入第 %lld 号。",
			    config_site_name(cfg.site), (long long)pending,
			    (long long)last_out, (long long)last_in);
			rc = GAP_OK;
		}
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
