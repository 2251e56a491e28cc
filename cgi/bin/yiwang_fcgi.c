/*
 * yiwang_fcgi.c: the FastCGI responder of both sites.  Its config file
 * ($YIWANG_CONF) says which site it serves.  Everything a request
 * allocates is released when its response is sent; only the database
 * connection, its prepared statements and the config outlive a request.
 */
#include <malloc.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "application.h"
#include "chain.h"
#include "clock.h"
#include "config.h"
#include "docseal.h"
#include "db.h"
#include "files.h"
#include "log.h"
#include "pages.h"
#include "pii.h"
#include "request.h"
#include "route.h"
#include "session.h"

/*
 * A worker serves this many requests, then exits and yiwang-supervise
 * starts a fresh one: memory the CGI kit leaks on odd input
 * (docs/fuzzing.md) cannot pile up in a long-lived worker.
 */
#define MAX_REQUESTS	10000

static volatile sig_atomic_t	 stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/*
 * The test stack only (clock_settable, never the shipped config): a
 * request with "X-Yiwang-Fault: pool N" finds the pool out of memory
 * after N more allocations, in the middle of its page, so that a test
 * sees the recovery below in a real worker (hostile.sh).
 */
static void
test_fault(struct req *r)
{
	const char	*v = request_param(r, "HTTP_X_YIWANG_FAULT");
	char		*end;
	long		 n;

	if (v == NULL || strncmp(v, "pool ", 5) != 0)
		return;
	n = strtol(v + 5, &end, 10);
	if (*end == '\0' && n >= 0)
		pool_fault_after(n);
}

/*
 * The replica's connection for the public catalogue (db_read_socket):
 * opened when first needed, asked whether it still answers before each
 * such request, and when it does not, the page reads from the primary
 * and the replica is tried again READ_RETRY seconds later.
 */
#define READ_RETRY	5

static struct db	*rdb;
static time_t		 rdb_after;

static void
read_from(struct req *r, const struct config *cfg)
{
	struct timespec	 now;

	if (cfg->db_read_socket == NULL)
		return;
	if (rdb != NULL && !db_alive(rdb)) {
		log_err("the replica does not answer: the public pages read "
		    "from the primary");
		db_close(rdb);
		rdb = NULL;
	}
	if (rdb == NULL) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec < rdb_after)
			return;
		if ((rdb = db_open_as(cfg, DB_READ)) == NULL) {
			rdb_after = now.tv_sec + READ_RETRY;
			log_err("no replica at %s: the public pages read from "
			    "the primary", cfg->db_read_socket);
			return;
		}
		db_keep(rdb);
	}
	db_request(rdb);
	if (cfg->clock_settable)
		db_clock(rdb, clock_fixed());
	r->db = rdb;
}

static void
serve(FCGX_Request *fr, const struct config *cfg, struct db *db,
    struct pool *pool)
{
	/* Static: what longjmp() comes back to must not be in registers. */
	static struct req	 r;
	static jmp_buf		 oom;
	int			 status;

	/* Its first statement may run again on a new connection (db.h). */
	db_request(db);
	/* The test stack's clock file sets this request's "now" (clock.h),
	 * the database's too. */
	if (cfg->clock_settable) {
		clock_from_file(cfg->clock_file);
		db_clock(db, clock_fixed());
	}
	memset(&r, 0, sizeof(r));
	r.fcgx = fr;
	r.status = 200;
	if (setjmp(oom) != 0) {
		/* The pool could not grow (arena.h): this request ends with
		 * the busy page, what it began in the database undone, and
		 * the worker goes on to the next. */
		log_err("out of memory: request ended with 503");
		pool_fault_after(-1);
		db_rollback(db);
		reply_busy(&r);
		request_end(&r);
		return;
	}
	pool_recover(&oom);
	/* A public page kept for a visitor who sent no cookie, before the
	 * CGI kit parses the request (ext_cache.c). */
	if (page_ext_fast(&r, fr, cfg, db, pool))
		;
	else if ((status = request_begin(&r, fr, cfg, db, pool)) != 0)
		reply_error(&r, status, r.why);
	else {
		if (cfg->clock_settable)
			test_fault(&r);
		session_begin(&r);
		if (r.nomem)	/* whose request it is is not known */
			reply_busy(&r);
		else if ((status = sec_cert_gate(&r)) != 0)	/* ACC-4 */
			reply_error(&r, status, NULL);
		/* What staff do is recorded with where from (SUP-3, db/111). */
		else if (cfg->site == SITE_INTRANET && db_client(db,
		    request_param(&r, "REMOTE_ADDR"), r.user.id) != DB_OK)
			reply_error(&r, 500, NULL);
		else {
			/* The catalogue a visitor without a session reads
			 * may come from a replica (docs/replica.md).  Before
			 * the lookup of a kept page, not after a miss: the
			 * pages' generation the lookup reads and the page
			 * made on a miss come from the same server, so a
			 * replica a moment behind never files an older page
			 * under the primary's newer generation. */
			if (page_ext_public(&r))
				read_from(&r, cfg);
			/* A public page kept for visitors without a
			 * session. */
			if (!page_ext_cached(&r))
				route_dispatch(&r);
		}
	}
	pool_recover(NULL);
	pool_fault_after(-1);
	request_end(&r);
}

/*
 * Wait for the database rather than exit: a supervisor that sees workers
 * die at once gives up on them, and the site would stay down after the
 * database is back.  Requests queue on the socket meanwhile.
 */
static struct db *
db_wait(const struct config *cfg)
{
	struct db	*db;
	unsigned	 waited = 0;

	while ((db = db_open(cfg)) == NULL) {
		if (waited++ % 30 == 0)
			log_err("waiting for the database");
		sleep(1);
	}
	db_keep(db);
	return db;
}

int
main(int argc, char *argv[])
{
	struct config		 cfg;
	struct db		*db;
	struct pool		*pool;
	FCGX_Request		 fr;
	struct sigaction	 sa;
	const char		*path;
	unsigned long		 served;

	(void)argc;
	(void)argv;
	log_set_prog("yiwang.fcgi");
	if ((path = config_path(NULL)) == NULL) {
		log_err("set YIWANG_CONF to the site's config file");
		return 1;
	}
	if (config_load(path, &cfg) == -1)
		return 1;
	chain_set_key_file(cfg.chain_key);
	chain_set_stripes(cfg.audit_stripes);
	app_set_gapless(cfg.app_no_gapless != 0);
	pii_set_key_file(cfg.pii_key);
	docseal_set_dir(cfg.seal_key_dir);
	if (files_init(cfg.files_dir) == -1)
		return 1;
	db = db_wait(&cfg);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/*
	 * An upload is read whole (files_judge()) and qpdf copies it twice:
	 * several MiB a request.  glibc would map each such block anew and
	 * give it back when freed, so every submission paid the kernel to
	 * zero and fault in its pages again (a fifth of a worker's time on
	 * a 1 MiB PDF, issue #12).  Kept once had: a worker's heap stays at
	 * its largest request's size until MAX_REQUESTS recycles it.
	 */
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	FCGX_Init();
	FCGX_InitRequest(&fr, 0, 0);
	pool = pool_new();
	for (served = 0; !stopping && served < MAX_REQUESTS &&
	    FCGX_Accept_r(&fr) >= 0; served++) {
		serve(&fr, &cfg, db, pool);
		FCGX_Finish_r(&fr);
		pool_reset(pool);
		/* The request that lost the server had its error page; the
		 * next one gets a new connection (the worker lives on). */
		if (db_gone(db)) {
			db_close(db);
			db = db_wait(&cfg);
		}
	}
	pool_free(pool);
	if (rdb != NULL)
		db_close(rdb);
	db_close(db);
	config_free(&cfg);
	return 0;
}
