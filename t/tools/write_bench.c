/*
 * write_bench.c: a bench-only tool (never installed): audited writes in
 * parallel, as a submission makes them, the way before migration 285 and
 * the way after, in one run (bench/audit-lock.sh; SEC-3, issue #12).
 *
 *	write_bench CONF WRITERS PER serial|striped
 *
 * WRITERS processes, each with a connection of the application's account
 * of the site CONF names, start together and run PER transactions each:
 * the day's application number (app_number()), an audit row
 * (audit_add(), action "bench.write"), commit.  serial: one audit chain
 * and the number inside the transaction (audit_stripes = 1,
 * app_no_gapless = 1); striped: eight stripes and the number in a
 * statement of its own before it (the defaults).  Prints a line a
 * transaction, "us" (its time from before the number to after the
 * commit, microseconds), or "failed"; then "wall us" of the whole run.
 * Exit 0, or 1 with a message.
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "application.h"
#include "chain.h"
#include "config.h"
#include "db.h"
#include "exchange.h"

static long long
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* One transaction as a submission makes it: 0, or -1. */
static int
one(struct db *db, struct pool *pool, int serial)
{
	char	*app_no = NULL, *day, *now;

	if (!serial && app_number(db, pool, &app_no, &day, &now) != APP_OK)
		return -1;
	if (db_begin(db) != DB_OK)
		return -1;
	if ((serial && app_number(db, pool, &app_no, &day, &now) != APP_OK) ||
	    audit_add(db, pool, "bench", "bench.write", app_no, "") !=
	    DB_OK) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
}

/* A writer: connect, wait for the start (the pipe's end), run. */
static int
writer(const struct config *cfg, int start, long per, int serial)
{
	struct db	*db;
	struct pool	*pool;
	char		 c, line[32];
	long long	 t0;
	long		 i;
	int		 n;

	if ((db = db_open_as(cfg, DB_APP)) == NULL)
		return 1;
	pool = pool_new();
	(void)read(start, &c, 1);	/* 0: every writer is ready */
	for (i = 0; i < per; i++) {
		t0 = now_us();
		if (one(db, pool, serial) == -1)
			n = snprintf(line, sizeof(line), "failed\n");
		else
			n = snprintf(line, sizeof(line), "%lld\n",
			    now_us() - t0);
		if (write(STDOUT_FILENO, line, (size_t)n) != n)
			return 1;
		pool_reset(pool);
	}
	pool_free(pool);
	db_close(db);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	int		 go[2], status, serial, bad = 0;
	long		 writers, per, i;
	long long	 t0;
	pid_t		 pid;

	if (argc != 5 || (strcmp(argv[4], "serial") != 0 &&
	    strcmp(argv[4], "striped") != 0)) {
		fputs("usage: write_bench CONF WRITERS PER serial|striped\n",
		    stderr);
		return 1;
	}
	writers = strtol(argv[2], NULL, 10);
	per = strtol(argv[3], NULL, 10);
	if (writers < 1 || writers > 256 || per < 1 ||
	    config_load(argv[1], &cfg) == -1)
		return 1;
	serial = argv[4][1] == 'e';
	chain_set_key_file(cfg.chain_key);
	chain_set_stripes(serial ? 1 : CHAIN_AUDIT_STRIPES);
	if (chain_key_load() == -1 || pipe(go) == -1)
		return 1;
	for (i = 0; i < writers; i++) {
		if ((pid = fork()) == -1)
			return 1;
		if (pid == 0) {
			close(go[1]);
			_exit(writer(&cfg, go[0], per, serial));
		}
	}
	close(go[0]);
	sleep(1);			/* every writer connected */
	t0 = now_us();
	close(go[1]);
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad = 1;
	printf("wall %lld\n", now_us() - t0);
	config_free(&cfg);
	return bad;
}
