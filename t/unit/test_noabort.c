/*
 * test_noabort.c: what once ended a worker on a request path now fails
 * the request alone (SEC-4; docs/security.md "No abort() for want of
 * memory").  Each failure is injected (oom_fixture.h; OpenSSL's
 * allocations through its allocator hooks), and each test then shows that
 * the next request is served as if nothing had happened:
 * - hdf_set() out of memory marks the request, which answers 503 (where
 *   ClearSilver survives it);
 * - db_stmt() without memory, or with the server lost, hands back NULL,
 *   which every stmt_* function takes as DB_ERR (the page's usual
 *   database error), and a lost server is no exit for a worker;
 * - crypto_hmac_sha256() and chain_mac() return -1 when OpenSSL cannot
 *   allocate, never a wrong MAC; otherwise the MAC of a run without
 *   failures;
 * - a pool that cannot grow jumps to the worker's recovery point
 *   (pool_recover()), and serves the next request.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/crypto.h>

#include "chain.h"
#include "crypto.h"
#include "db.h"
#include "request.h"
#include "pool_fixture.h"
#include "oom_fixture.h"

#define RUNS_MAX 100000			/* a loop that never ends is a bug */

static void
req_new(struct req *r)
{
	memset(r, 0, sizeof(*r));	/* as request_begin() starts one */
	r->pool = pool;
	r->status = 200;
	assert_true(hdf_init(&r->hdf) == STATUS_OK);
}

/*
 * hdf_set() without memory marks the request, which answers 503; the next
 * request is whole.  Each allocation ClearSilver survives fails in turn:
 * the node and name of each new level above the one set.  Not the new
 * node set itself: ClearSilver's _set_value() then follows the NULL it
 * got (hp->link), upstream as in 0.10.5, before hdf_set() could see an
 * error (docs/security.md).  (Its copies of values are strdup()'s, which
 * the wrapper does not reach.)
 */
static void
hdf_set_without_memory(void **state)
{
	struct req	 r;
	long		 n;

	(void)state;
	/* "Apps.0.item": Apps and 0 are new, a node and a name each. */
	for (n = 1; n <= 4; n++) {
		req_new(&r);
		hdf_set(&r, "Page.Title", "我的办件");
		assert_false(r.nomem);
		arm(n);
		hdf_set(&r, "Apps.0.item", "个体工商户设立登记");
		disarm();
		assert_true(injected);
		assert_true(r.nomem);
		assert_string_equal(hdf_get_value(r.hdf, "Page.Title", ""),
		    "我的办件");
		assert_int_equal(reply_raw(&r, "text/html; charset=utf-8",
		    "<p>x</p>", 8, NULL), 503);
		assert_int_equal(r.status, 503);
		hdf_destroy(&r.hdf);
	}
	/* The next request. */
	req_new(&r);
	hdf_set(&r, "Apps.0.item", "食品经营许可");
	assert_false(r.nomem);
	assert_string_equal(hdf_get_value(r.hdf, "Apps.0.item", ""),
	    "食品经营许可");
	assert_int_equal(reply_raw(&r, "text/html; charset=utf-8", "ok", 2,
	    NULL), 200);
	/* And reply_busy() answers 503 whatever the page would have. */
	assert_int_equal(reply_busy(&r), 503);
	hdf_destroy(&r.hdf);
}

static enum db_rc
int_row(struct stmt *q, struct pool *p, void *arg)
{
	return stmt_row(q, p, "i", (int64_t *)arg);
}

/* What a domain function does with db_stmt()'s NULL: binds, runs and
 * fetches, as it does with a statement; each answers DB_ERR or nothing. */
static void
null_statement_is_db_err(void **state)
{
	int64_t		*arr = (int64_t *)&arr, one = 7;
	char		*s = (char *)&s, *v[2];
	size_t		 n = 7;

	(void)state;
	stmt_bind_text(NULL, 0, "152502199003150027");
	stmt_bind_blob(NULL, 1, "ab", 2);
	stmt_bind_int(NULL, 2, 3);
	stmt_bind_null(NULL, 3);
	stmt_bind_pair(NULL, 4, "x");
	assert_int_equal(stmt_run(NULL), DB_ERR);
	assert_int_equal(stmt_one(NULL, pool, "si", &s, &one), DB_ERR);
	assert_int_equal(stmt_row(NULL, pool, "s", &s), DB_ERR);
	assert_int_equal(stmt_row_text(NULL, pool, v, 2), DB_ERR);
	assert_int_equal(stmt_list(NULL, pool, int_row, sizeof(*arr), &arr,
	    &n), DB_ERR);
	assert_null(arr);
	assert_int_equal(n, 0);
	assert_int_equal(stmt_first(NULL, pool, int_row, &one), DB_ERR);
	stmt_done(NULL);
	assert_int_equal(stmt_affected(NULL), 0);
	assert_int_equal(stmt_insert_id(NULL), 0);
}

/* db_stmt(): no memory for a statement, then a server that is not
 * there; NULL both times, no abort() and no exit(). */
static void
statement_not_had(void **state)
{
	static const char	 SQL[] = "SELECT id FROM citizen WHERE id = ?";
	struct db		*db;
	struct stmt		*q;
	int64_t			 id;

	(void)state;
	assert_non_null(db = db_offline());
	arm(1);
	q = db_stmt(db, SQL);
	disarm();
	assert_true(injected);
	assert_null(q);
	assert_false(db_gone(db));
	/* The server lost (never there): prepare fails, the handle says so
	 * for the worker's loop to connect again. */
	q = db_stmt(db, SQL);
	assert_null(q);
	assert_true(db_gone(db));
	stmt_bind_int(q, 0, 1);
	assert_int_equal(stmt_one(q, pool, "i", &id), DB_ERR);
	/* And so on until then, without asking the server again. */
	assert_null(db_stmt(db, SQL));
	db_close(db);
}

/* Each allocation of an HMAC and of a chain row's MAC fails in turn
 * (ours and OpenSSL's): -1, or the very MAC of a run without failures. */
static void
mac_without_memory(void **state)
{
	static const char *const row[] = { "2026-12-07 09:30:00", "case.accept",
	    "sarengaowa", "YW2026120700012", "受理" };
	static const unsigned char key[CHAIN_KEY_LEN] = { 1, 2, 3 };
	unsigned char	 md[SHA256_LEN], base_md[SHA256_LEN];
	char		 mac[CHAIN_MAC_HEX], base[CHAIN_MAC_HEX];
	long		 n;
	int		 rc, was, failed = 0;

	(void)state;
	assert_int_equal(chain_mac(key, "audit", "", row, 5, base), 0);
	assert_int_equal(strlen(base), CHAIN_MAC_HEX - 1);
	assert_int_equal(crypto_hmac_sha256("Jefe", 4,
	    "what do ya want for nothing?", 28, base_md), 0);
	for (n = 1; n < RUNS_MAX; n++) {
		arm(n);
		rc = chain_mac(key, "audit", "", row, 5, mac);
		was = injected;
		disarm();
		if (rc == -1) {
			failed++;
			assert_true(was);
			assert_string_equal(mac, "");
		} else
			assert_string_equal(mac, base);
		if (!was)
			break;
	}
	assert_true(n > 1 && n < RUNS_MAX);
	assert_true(failed > 0);
	for (n = 1; n < RUNS_MAX; n++) {
		arm(n);
		rc = crypto_hmac_sha256("Jefe", 4,
		    "what do ya want for nothing?", 28, md);
		was = injected;
		disarm();
		if (rc == 0)
			assert_memory_equal(md, base_md, sizeof(md));
		else
			assert_true(was);
		if (!was)
			break;
	}
	assert_true(n > 1 && n < RUNS_MAX);
	/* The next row's MAC, all memory there again. */
	assert_int_equal(chain_mac(key, "audit", "", row, 5, mac), 0);
	assert_string_equal(mac, base);
}

/* The pool's recovery point: a block that cannot be had, and a size
 * beyond any, land there once; the pool then serves the next request. */
static void
pool_jumps_to_recovery(void **state)
{
	static jmp_buf		 to;
	static volatile int	 landed;
	char			*p;

	(void)state;
	landed = 0;
	if (setjmp(to) == 0) {
		pool_recover(&to);
		(void)pool_alloc(pool, 100);	/* from the first block */
		arm(1);
		(void)pool_alloc(pool, 64 * 1024);	/* a block of its own */
		fail_msg("pool_alloc() came back without memory");
	} else
		landed++;
	disarm();
	assert_int_equal(landed, 1);
	assert_true(injected);
	if (setjmp(to) == 0) {
		pool_recover(&to);
		(void)pool_alloc(pool, SIZE_MAX - 8);
		fail_msg("pool_alloc() came back with SIZE_MAX - 8 bytes");
	} else
		landed++;
	assert_int_equal(landed, 2);
	pool_recover(NULL);
	/* As the worker's loop does after the request. */
	pool_reset(pool);
	p = pool_printf(pool, "%s%d", "YW20261207", 12);
	assert_string_equal(p, "YW2026120712");
	assert_non_null(pool_alloc(pool, 64 * 1024));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hdf_set_without_memory,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(null_statement_is_db_err,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(statement_not_had,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(mac_without_memory,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(pool_jumps_to_recovery,
		    setup, teardown),
	};

	if (oom_openssl() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
