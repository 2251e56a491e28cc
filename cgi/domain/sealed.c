/*
 * sealed.c: the step that seals the ID numbers and mobile numbers earlier
 * versions stored in clear (sealed.h).  The only code that reads the clear
 * columns id_number and mobile, which migration 081 then drops.
 */
#include <stdio.h>
#include <string.h>

#include "exchange.h"
#include "ids.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"

#define BATCH	200	/* rows sealed per transaction (LIMIT 200 below) */

static const char SQL_CITIZENS[] =
    "SELECT id, id_number, mobile FROM citizen WHERE id_sealed IS NULL "
    "ORDER BY id LIMIT 200";
static const char SQL_CITIZEN_SEAL[] =
    "UPDATE citizen SET id_hash = ?, id_sealed = ?, mobile_sealed = ? "
    "WHERE id = ?";
static const char SQL_APPS[] =
    "SELECT id, id_number, mobile FROM application WHERE id_sealed IS NULL "
    "ORDER BY id LIMIT 200";
static const char SQL_APP_SEAL[] =
    "UPDATE application SET id_hash = ?, id_sealed = ?, mobile_sealed = ? "
    "WHERE id = ?";
static const char SQL_CASES[] =
    "SELECT id, id_number, mobile FROM kase WHERE id_sealed IS NULL "
    "ORDER BY id LIMIT 200";
static const char SQL_CASE_SEAL[] =
    "UPDATE kase SET id_sealed = ?, mobile_sealed = ? WHERE id = ?";
/* Only one kind of record carries an ID number or a mobile (exchange.h). */
static const char SQL_OUTBOX[] =
    "SELECT id, NULL, body FROM gap_outbox WHERE kind = '" OUTBOX_SEALED_KIND "' "
    "AND body NOT LIKE '" PII_PREFIX "%' ORDER BY id LIMIT 200";
static const char SQL_OUTBOX_SEAL[] =
    "UPDATE gap_outbox SET body = ? WHERE id = ?";

/* One table whose rows hold personal data in clear. */
struct legacy {
	const char	*label;		/* for the operator */
	const char	*sql_rows;	/* id, ID number, mobile or body; at
					 * most BATCH rows */
	const char	*sql_seal;	/* [hash,] [sealed ID,] sealed value,
					 * id */
	const char	*id_what;	/* NULL: no ID number (the outbox) */
	const char	*value_what;	/* the mobile, or the body */
	int		 hashed;	/* the ID number is looked up */
};

static const struct legacy tables[] = {
	{ "个账户", SQL_CITIZENS, SQL_CITIZEN_SEAL, SEALED_CITIZEN_ID,
	    SEALED_CITIZEN_MOBILE, 1 },
	{ "份申请", SQL_APPS, SQL_APP_SEAL, SEALED_APP_ID, SEALED_APP_MOBILE,
	    1 },
	{ "个办件", SQL_CASES, SQL_CASE_SEAL, SEALED_CASE_ID,
	    SEALED_CASE_MOBILE, 0 },
	{ "条出站记录", SQL_OUTBOX, SQL_OUTBOX_SEAL, NULL, SEALED_OUTBOX, 0 },
};

struct row {
	int64_t		 id;
	char		*idno;		/* NULL in the outbox */
	char		*value;		/* the mobile, or the body */
};

static enum db_rc
read_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct row	*r = arg;

	return stmt_row(q, pool, "iss", &r->id, &r->idno, &r->value);
}

/* Seal one row; DB_ERR (logged) when the key cannot be read. */
static enum db_rc
seal_row(struct db *db, struct pool *pool, const struct legacy *t,
    struct row *r)
{
	struct stmt	*q;
	char		 hash[PII_HASH_HEX], *sid = NULL, *sval;
	unsigned	 i = 0;

	if (r->value == NULL || (t->id_what != NULL && r->idno == NULL))
		return DB_ERR;
	if (t->id_what != NULL) {
		id_number_upper(r->idno);	/* as logins and queries
						 * type it */
		if ((t->hashed && pii_hash(t->id_what, r->idno, hash) == -1) ||
		    (sid = pii_seal(pool, t->id_what, r->idno)) == NULL)
			return DB_ERR;
	}
	if ((sval = pii_seal(pool, t->value_what, r->value)) == NULL)
		return DB_ERR;
	q = db_stmt(db, t->sql_seal);
	if (t->hashed)
		stmt_bind_text(q, i++, hash);
	if (sid != NULL)
		stmt_bind_text(q, i++, sid);
	stmt_bind_text(q, i++, sval);
	stmt_bind_int(q, i, r->id);
	return stmt_run(q);
}

/* Seal every row of t still in clear; the number sealed, or -1. */
static long
seal_table(struct db *db, const struct legacy *t)
{
	struct pool	*pool;
	struct row	*v;
	size_t		 n, i;
	long		 done = 0;
	enum db_rc	 rc;

	for (;;) {
		pool = pool_new();
		if (db_begin(db) != DB_OK) {
			pool_free(pool);
			return -1;
		}
		rc = stmt_list(db_stmt(db, t->sql_rows), pool, read_row,
		    sizeof(*v), &v, &n);
		for (i = 0; rc == DB_OK && i < n; i++)
			rc = seal_row(db, pool, t, &v[i]);
		if (rc != DB_OK)
			db_rollback(db);
		else if (db_commit(db) != DB_OK)
			rc = DB_ERR;
		pool_free(pool);
		if (rc != DB_OK)
			return -1;
		done += (long)n;
		if (n < BATCH)
			return done;
	}
}

int
sealed_legacy_rows(struct db *db, struct pool *pool)
{
	size_t	 i;
	long	 n;
	int	 ret = 0;

	(void)pool;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if ((n = seal_table(db, &tables[i])) < 0) {
			log_err("sealing personal data stopped; what is sealed "
			    "stays sealed: fix the cause and migrate again");
			fprintf(stderr, "无法加密保存身份证号码和手机号码（原因见"
			    "上）。已加密的不受影响；排除原因后请再次运行 "
			    "yiwang-admin migrate。\n");
			ret = -1;
			break;
		}
		if (n > 0)
			printf("加密保存了 %ld %s中的身份证号码和手机号码\n", n,
			    tables[i].label);
	}
	return ret;
}
