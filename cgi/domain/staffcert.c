/*
 * staffcert.c: staff accounts' client certificates (ACC-4, SEC-1); owns
 * the table staff_cert.  Every change is audited in its transaction.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "exchange.h"
#include "staffcert.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define COLUMNS \
    "s.id, s.login, s.name, s.roles, c.sha256, c.serial, c.ca_sha256, " \
    LOCAL("c.not_after") ", " LOCAL("c.issued_at") ", c.issued_by "

static const char SQL_GET[] =
    "SELECT " COLUMNS "FROM staff s LEFT JOIN staff_cert c "
    "ON c.staff_id = s.id WHERE s.login = ? AND s.active = 1";
static const char SQL_OF_STAFF[] =
    "SELECT sha256 FROM staff_cert WHERE staff_id = ?";
static const char SQL_BOUND[] =
    "SELECT " COLUMNS "FROM staff_cert c JOIN staff s "
    "ON s.id = c.staff_id ORDER BY s.login";
static const char SQL_BY_ROLES[] =
    "SELECT " COLUMNS "FROM staff s LEFT JOIN staff_cert c "
    "ON c.staff_id = s.id WHERE s.active = 1 AND (s.roles & ?) <> 0 "
    "ORDER BY s.login";
static const char SQL_LOCK[] =
    "SELECT id FROM staff WHERE login = ? AND active = 1 FOR UPDATE";
static const char SQL_BIND[] =
    "INSERT INTO staff_cert (staff_id, sha256, serial, ca_sha256, "
    "not_after, issued_at, issued_by) "
    "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?) "
    "ON DUPLICATE KEY UPDATE sha256 = VALUES(sha256), "
    "serial = VALUES(serial), ca_sha256 = VALUES(ca_sha256), "
    "not_after = VALUES(not_after), issued_at = VALUES(issued_at), "
    "issued_by = VALUES(issued_by)";
static const char SQL_BOUND_LOCK[] =
    "SELECT c.serial FROM staff_cert c JOIN staff s ON s.id = c.staff_id "
    "WHERE s.login = ? FOR UPDATE";
static const char SQL_UNBIND[] =
    "DELETE c FROM staff_cert c JOIN staff s ON s.id = c.staff_id "
    "WHERE s.login = ?";

static enum db_rc
cert_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct staffcert	*c = arg;

	return stmt_row(q, pool, "ississssss", &c->staff_id, &c->login,
	    &c->name, &c->roles, &c->sha256, &c->serial, &c->ca_sha256,
	    &c->not_after, &c->issued_at, &c->issued_by);
}

enum db_rc
staffcert_get(struct db *db, struct pool *pool, const char *login,
    struct staffcert *c)
{
	struct stmt	*q;

	memset(c, 0, sizeof(*c));
	q = db_stmt(db, SQL_GET);
	stmt_bind_text(q, 0, login);
	return stmt_first(q, pool, cert_row, c);
}

enum db_rc
staffcert_of_staff(struct db *db, struct pool *pool, int64_t staff_id,
    char **sha256)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OF_STAFF);
	stmt_bind_int(q, 0, staff_id);
	return stmt_one(q, pool, "s", sha256);
}

enum db_rc
staffcert_list(struct db *db, struct pool *pool, unsigned roles,
    struct staffcert **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, roles == 0 ? SQL_BOUND : SQL_BY_ROLES);
	if (roles != 0)
		stmt_bind_int(q, 0, roles);
	return stmt_list(q, pool, cert_row, sizeof(**v), v, n);
}

/*
 * End the transaction of a change to login's binding: when rc is DB_OK,
 * its audit row (detail d, which is taken) and commit; else roll back.
 */
static enum db_rc
finish(struct db *db, struct pool *pool, enum db_rc rc, const char *actor,
    const char *action, const char *login, json_t *d)
{
	char	*s = NULL;

	if (rc == DB_OK && (d == NULL || (s = json_dumps(d, JSON_COMPACT |
	    JSON_PRESERVE_ORDER)) == NULL))
		rc = DB_ERR;
	json_decref(d);
	if (rc == DB_OK)
		rc = audit_add(db, pool, actor, action, pool_printf(pool,
		    "staff:%s", login), pool_strdup(pool, s));
	free(s);
	if (rc == DB_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

enum db_rc
staffcert_bind(struct db *db, struct pool *pool, const char *actor,
    const char *login, const struct pki_issued *is)
{
	struct stmt	*q;
	struct tm	 tm;
	enum db_rc	 rc;
	int64_t		 id;
	char		 after[32];

	if (gmtime_r(&is->not_after, &tm) == NULL ||
	    strftime(after, sizeof(after), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_LOCK);
	stmt_bind_text(q, 0, login);
	if ((rc = stmt_one(q, pool, "i", &id)) == DB_OK) {
		q = db_stmt(db, SQL_BIND);
		stmt_bind_int(q, 0, id);
		stmt_bind_text(q, 1, is->sha256);
		stmt_bind_text(q, 2, is->serial);
		stmt_bind_text(q, 3, is->ca_sha256);
		stmt_bind_text(q, 4, after);
		stmt_bind_text(q, 5, actor);
		rc = stmt_run(q);
	}
	return finish(db, pool, rc, actor, "cert.issue", login, json_pack(
	    "{s:s,s:s,s:s}", "serial", is->serial, "sha256", is->sha256,
	    "not_after", after));
}

enum db_rc
staffcert_unbind(struct db *db, struct pool *pool, const char *actor,
    const char *login)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*serial = NULL;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_BOUND_LOCK);
	stmt_bind_text(q, 0, login);
	if ((rc = stmt_one(q, pool, "s", &serial)) == DB_OK) {
		q = db_stmt(db, SQL_UNBIND);
		stmt_bind_text(q, 0, login);
		rc = stmt_run(q);
	}
	return finish(db, pool, rc, actor, "cert.revoke", login,
	    rc == DB_OK ? json_pack("{s:s}", "serial", serial) : NULL);
}
