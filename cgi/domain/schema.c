/*
 * schema.c: owns schema_version, the database accounts and their grants.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "crypto.h"
#include "log.h"
#include "schema.h"
#include "sealed.h"

static const char SQL_VERSION_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
    "applied_at DATETIME NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char SQL_VERSION_HAS[] =
    "SELECT 1 FROM schema_version WHERE version = ?";
static const char SQL_VERSION_ADD[] =
    "INSERT INTO schema_version (version, name, applied_at) "
    "VALUES (?, ?, UTC_TIMESTAMP())";
static const char SQL_STAFF_COUNT[] = "SELECT COUNT(*) FROM staff";
static const char SQL_TABLES[] =
    "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES "
    "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' "
    "ORDER BY TABLE_NAME";
/* Root by unix_socket only: no other root, no anonymous account. */
static const char SQL_STRAY_ACCOUNTS[] =
    "SELECT user, host FROM mysql.user "
    "WHERE (user = 'root' AND host <> 'localhost') OR user = ''";
/* So that no statement text carries a password, only its hash. */
static const char SQL_PASSWORD_HASH[] = "SELECT PASSWORD(?)";

/*
 * Account, database and table names cannot be bound as parameters in
 * GRANT, REVOKE or CREATE USER: the statements below are formatted, so
 * every name is checked first to be letters, digits and '_' only (hosts
 * also '.', '-', ':' and '%').  Privilege lists are constants.
 */
static const char PRIV_ROWS[] = "SELECT, INSERT, UPDATE, DELETE";
static const char PRIV_INSERT_ONLY[] = "SELECT, INSERT";
static const char PRIV_READ_ONLY[] = "SELECT";
#define PRIV_NEVER "ALTER, CREATE, CREATE VIEW, DELETE HISTORY, DROP, " \
    "INDEX, REFERENCES, SHOW VIEW, TRIGGER, GRANT OPTION"
static const char REVOKE_ROWS[] = PRIV_NEVER;
static const char REVOKE_INSERT_ONLY[] = "UPDATE, DELETE, " PRIV_NEVER;
static const char REVOKE_READ_ONLY[] = "INSERT, UPDATE, DELETE, " PRIV_NEVER;

/*
 * Steps in C between migrations, for what SQL cannot do (sealing needs the
 * personal data key, which never enters the database).  A step runs just
 * before its migration, each time that migration is still to apply; so it
 * must be idempotent, and a run interrupted anywhere is finished by the
 * next.  If it fails, that migration and every later one wait.
 */
static const struct {
	int		 before;	/* the migration it must precede */
	int		(*run)(struct db *, struct pool *);
} steps[] = {
	{ 81, sealed_legacy_rows },	/* SEC-5: 080 adds, 081 drops */
};

/* The steps due before migration version: 0, or -1 (logged). */
static int
steps_before(struct db *db, struct pool *pool, int version)
{
	size_t	 i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i].before == version && steps[i].run(db, pool) == -1)
			return -1;
	return 0;
}

static int
is_migration(const struct dirent *e)
{
	size_t	 n = strlen(e->d_name);

	return n > 8 && e->d_name[0] >= '0' && e->d_name[0] <= '9' &&
	    e->d_name[1] >= '0' && e->d_name[1] <= '9' &&
	    e->d_name[2] >= '0' && e->d_name[2] <= '9' && e->d_name[3] == '_' &&
	    strcmp(e->d_name + n - 4, ".sql") == 0;
}

static char *
slurp(const char *path)
{
	FILE	*f;
	long	 n;
	char	*buf;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int
schema_migrate(struct db *db, struct pool *pool, const char *dir)
{
	struct dirent	**list;
	struct stmt	 *q;
	enum db_rc	  rc;
	char		 *path, *sql;
	int64_t		  one;
	int		  n, i, version, ret = 0, applied = 0;

	if (db_exec(db, SQL_VERSION_TABLE) != DB_OK)
		return -1;
	if ((n = scandir(dir, &list, is_migration, alphasort)) < 0) {
		log_err("%s: cannot list migrations", dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		version = atoi(list[i]->d_name);
		q = db_stmt(db, SQL_VERSION_HAS);
		stmt_bind_int(q, 0, version);
		if ((rc = stmt_one(q, pool, "i", &one)) == DB_OK)
			continue;
		if (rc == DB_ERR || ret == -1) {
			ret = -1;
			continue;
		}
		path = pool_printf(pool, "%s/%s", dir, list[i]->d_name);
		if (steps_before(db, pool, version) == -1) {
			log_err("%s: waits for the step before it",
			    list[i]->d_name);
			ret = -1;
			continue;
		}
		if ((sql = slurp(path)) == NULL) {
			log_err("%s: cannot read", path);
			ret = -1;
			continue;
		}
		rc = db_exec_multi(db, sql);
		free(sql);
		if (rc != DB_OK) {
			log_err("%s: failed; fix it and run migrate again", path);
			ret = -1;
			continue;
		}
		q = db_stmt(db, SQL_VERSION_ADD);
		stmt_bind_int(q, 0, version);
		stmt_bind_text(q, 1, list[i]->d_name);
		if (stmt_run(q) != DB_OK)
			ret = -1;
		printf("applied %s\n", list[i]->d_name);
		applied++;
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	if (ret == 0 && applied == 0)
		printf("schema is up to date\n");
	return ret;
}

enum db_rc
schema_staff_count(struct db *db, struct pool *pool, int64_t *n)
{
	return stmt_one(db_stmt(db, SQL_STAFF_COUNT), pool, "i", n);
}

static int
name_ok(const char *s, const char *extra)
{
	size_t	 n;

	if (s == NULL)
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '_' ||
		    strchr(extra, s[n]) != NULL))
			return 0;
	return n > 0 && n <= 64;
}

/* Run a formatted statement; 0 or -1 (logged). */
static int
exec_f(struct db *db, struct pool *pool, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
exec_f(struct db *db, struct pool *pool, const char *fmt, ...)
{
	va_list	 ap;
	char	*sql;

	va_start(ap, fmt);
	sql = pool_vprintf(pool, fmt, ap);
	va_end(ap);
	return db_exec(db, sql) == DB_OK ? 0 : -1;
}

/* What the application account gets on one table. */
struct table_grant {
	char		*table;
	const char	*grant, *revoke;
};

int
schema_grant(struct db *db, struct pool *pool, const char *app)
{
	struct stmt		*q;
	struct table_grant	*v = NULL, *e;
	enum db_rc		 rc;
	char			*table, *comment;
	size_t			 n = 0, cap = 0, i, ledgers = 0, readonly = 0;
	int			 ret = 0;

	if (!name_ok(app, "")) {
		log_err("db_user: not an account name: %s", app ? app : "");
		return -1;
	}
	/* Every name first: a GRANT would end this result. */
	q = db_stmt(db, SQL_TABLES);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "ss", &table, &comment)) == DB_OK) {
		if (!name_ok(table, "")) {
			log_err("table %s: its name is not granted", table);
			ret = -1;
			continue;
		}
		e = pool_push(pool, &v, &n, &cap, sizeof(*v));
		e->table = table;
		if (comment != NULL && strncmp(comment, "insert-only:", 12) ==
		    0) {
			e->grant = PRIV_INSERT_ONLY;
			e->revoke = REVOKE_INSERT_ONLY;
			ledgers++;
		} else if (comment != NULL && strncmp(comment, "read-only:",
		    10) == 0) {
			e->grant = PRIV_READ_ONLY;
			e->revoke = REVOKE_READ_ONLY;
			readonly++;
		} else {
			e->grant = PRIV_ROWS;
			e->revoke = REVOKE_ROWS;
		}
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;
	/* Grant, then revoke the rest: the right set is never missing. */
	for (i = 0; i < n; i++)
		if (exec_f(db, pool, "GRANT %s ON `%s` TO '%s'@'localhost'",
		    v[i].grant, v[i].table, app) == -1 ||
		    exec_f(db, pool, "REVOKE %s ON `%s` FROM '%s'@'localhost'",
		    v[i].revoke, v[i].table, app) == -1)
			ret = -1;
	if (ret == 0)
		printf("grants of %s: %zu tables, %zu of them insert-only, %zu "
		    "read-only\n", app, n, ledgers, readonly);
	return ret;
}

/* The password of account user: from file, made there when missing. */
static int
account(struct db *db, struct pool *pool, const char *user, const char *file)
{
	struct stmt	*q;
	char		 pw[256], *hash = NULL;
	int		 rc;

	if (!name_ok(user, "") || file == NULL) {
		log_err("%s: an account name and a password file are needed",
		    user ? user : "");
		return -1;
	}
	if (access(file, F_OK) == -1 && crypto_secret_create(file, 32) == -1) {
		log_err("%s: cannot write", file);
		return -1;
	}
	if (crypto_secret_read(file, pw, sizeof(pw)) == -1) {
		log_err("%s: not a password written by db-setup", file);
		return -1;
	}
	q = db_stmt(db, SQL_PASSWORD_HASH);
	stmt_bind_text(q, 0, pw);
	rc = stmt_one(q, pool, "s", &hash);
	OPENSSL_cleanse(pw, sizeof(pw));
	if (rc != DB_OK || hash == NULL || hash[0] != '*' ||
	    !name_ok(hash + 1, ""))
		return -1;
	return exec_f(db, pool, "CREATE USER IF NOT EXISTS '%s'@'localhost' "
	    "IDENTIFIED BY PASSWORD '%s'", user, hash) == -1 ||
	    exec_f(db, pool, "ALTER USER '%s'@'localhost' IDENTIFIED BY "
	    "PASSWORD '%s'", user, hash) == -1 ? -1 : 0;
}

/* An account to drop. */
struct stray {
	char	*user, *host;
};

int
schema_setup(struct db *db, struct pool *pool, const struct config *cfg)
{
	struct stmt	*q;
	struct stray	*v = NULL, *e;
	enum db_rc	 rc;
	char		*user, *host;
	size_t		 n = 0, cap = 0, i;

	if (!name_ok(cfg->db_name, "") ||
	    strcmp(cfg->db_user, cfg->db_migrate_user) == 0) {
		log_err("db_name, db_user and db_migrate_user: names, and "
		    "two different accounts");
		return -1;
	}
	q = db_stmt(db, SQL_STRAY_ACCOUNTS);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "ss", &user, &host)) == DB_OK) {
		if (!name_ok(host, ".-:%") || (*user != '\0' &&
		    !name_ok(user, ""))) {
			log_err("account '%s'@'%s': drop it by hand", user, host);
			return -1;
		}
		e = pool_push(pool, &v, &n, &cap, sizeof(*v));
		e->user = user;
		e->host = host;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;
	for (i = 0; i < n; i++) {
		if (exec_f(db, pool, "DROP USER '%s'@'%s'", v[i].user,
		    v[i].host) == -1)
			return -1;
		printf("dropped the account '%s'@'%s'\n", v[i].user,
		    v[i].host);
	}
	if (db_exec(db, "ALTER USER 'root'@'localhost' IDENTIFIED VIA "
	    "unix_socket") != DB_OK ||
	    exec_f(db, pool, "CREATE DATABASE IF NOT EXISTS `%s` CHARACTER "
	    "SET utf8mb4 COLLATE utf8mb4_unicode_ci", cfg->db_name) == -1 ||
	    exec_f(db, pool, "USE `%s`", cfg->db_name) == -1)
		return -1;
	if (account(db, pool, cfg->db_migrate_user,
	    cfg->db_migrate_password_file) == -1 ||
	    exec_f(db, pool, "GRANT ALL PRIVILEGES ON `%s`.* TO "
	    "'%s'@'localhost' WITH GRANT OPTION", cfg->db_name,
	    cfg->db_migrate_user) == -1 ||
	    account(db, pool, cfg->db_user, cfg->db_password_file) == -1 ||
	    exec_f(db, pool, "REVOKE ALL PRIVILEGES, GRANT OPTION FROM "
	    "'%s'@'localhost'", cfg->db_user) == -1)
		return -1;
	printf("accounts: root by unix_socket only; %s (migrations), %s "
	    "(application)\n", cfg->db_migrate_user, cfg->db_user);
	/* Migrations as root: some (a plugin) need more than the
	 * migration account has. */
	if (schema_migrate(db, pool, cfg->migrations_dir ?
	    cfg->migrations_dir : "db") == -1 ||
	    schema_site(db, cfg) == -1)
		return -1;
	return schema_grant(db, pool, cfg->db_user);
}

int
schema_site(struct db *db, const struct config *cfg)
{
	int64_t	 n = 0;

	if (cfg->site != SITE_EXTRANET)
		return 0;
	/* Migrated only part of the way (an old database brought up
	 * step by step): no table yet, no row; the last step makes it. */
	if (stmt_one(db_stmt(db, "SELECT COUNT(*) FROM "
	    "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
	    "TABLE_NAME = 'page_gen'"), NULL, "i", &n) != DB_OK)
		return -1;
	if (n == 0)
		return 0;
	return db_exec(db, "INSERT IGNORE INTO page_gen (id, gen) "
	    "VALUES (1, 1)") == DB_OK ? 0 : -1;
}
