/*
 * db.c: the Connector/C binding.  Results are fetched as text into
 * per-column buffers sized from the stored result's max_length, then
 * copied into the caller's pool.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include <openssl/crypto.h>

#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "pagecache.h"

#define MAX_PARAMS	64
#define CACHE_SIZE	512

struct stmt {
	const char	*sql;
	MYSQL_STMT	*st;
	struct db	*db;
	unsigned	 nparams;
	MYSQL_BIND	 params[MAX_PARAMS];
	int64_t		 ints[MAX_PARAMS];
	unsigned long	 lens[MAX_PARAMS];
	/* Result side, allocated per execution. */
	unsigned	 ncols;
	MYSQL_BIND	*cols;
	char		**bufs;
	unsigned long	*clens;
	my_bool		*nulls;
	enum enum_field_types *types;
	int		 stored;
	int		 bad;		/* a parameter out of range was bound */
};

static const char SQL_CLIENT[] = "SET @yw_client = ?, @yw_staff = ?";

struct db {
	MYSQL		*conn;
	struct stmt	*cache[CACHE_SIZE];
	time_t		 clock;		/* SET timestamp, or 0 */
	char		 client[46];	/* @yw_client as last set */
	int64_t		 staff;		/* @yw_staff as last set */
	int		 client_set;
	int		 busy;		/* the last failure: a deadlock or a
					 * lock wait timed out (db_txn) */
	int		 keep;		/* a lost server: db_gone(), no exit */
	int		 gone;		/* the server was lost (db_keep()) */
	int		 fresh;		/* no statement ran yet in this
					 * request (db_request()) */
	const struct config *cfg;	/* to connect again (revive()) */
	enum db_role	 role;
};

/*
 * A lost server ends a command or the tick (exit 75: run it again); a
 * worker (db_keep()) lives on, the failure is an ordinary DB_ERR and
 * db_gone() tells its loop to connect again before the next request.
 */
static void
check_gone(struct db *db, unsigned err, const char *what)
{
	if (err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == CR_CONN_HOST_ERROR) {
		if (db->keep) {
			log_err("database connection lost (%s, %u)", what,
			    err);
			db->gone = 1;
			return;
		}
		log_err("database connection lost (%s, %u); exiting", what, err);
		exit(75);
	}
}

void
db_keep(struct db *db)
{
	db->keep = 1;
}

int
db_gone(const struct db *db)
{
	return db->gone;
}

int
db_alive(struct db *db)
{
	if (db->gone)
		return 0;
	if (mysql_ping(db->conn) == 0)
		return 1;
	db->gone = 1;
	return 0;
}

void
db_request(struct db *db)
{
	db->fresh = db->keep && db->cfg != NULL;
}

/* A text that changes no row: a read, or a session's setting. */
static int
writes_nothing(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '(')
		sql++;
	return strncasecmp(sql, "SELECT ", 7) == 0 ||
	    strncasecmp(sql, "SET ", 4) == 0 ||
	    strncasecmp(sql, "START TRANSACTION", 17) == 0;
}

/*
 * Whether sql, which failed with err, may run again on a new connection:
 * only the first statement of a worker's request (db_request()), when the
 * server was lost before it was sent (CR_SERVER_GONE_ERROR) or while it
 * ran a statement that writes nothing (CR_SERVER_LOST: a write may have
 * been done).  Never a later one: one before it may have written, or
 * begun a transaction, which went with the connection.  Once a request.
 */
static int
may_retry(struct db *db, unsigned err, const char *sql)
{
	if (!db->fresh)
		return 0;
	db->fresh = 0;
	return err == CR_SERVER_GONE_ERROR ||
	    (err == CR_SERVER_LOST && writes_nothing(sql));
}

static MYSQL	*connect_as(const struct config *, enum db_role);
static void	 result_free(struct stmt *);

/*
 * A new connection in place of the lost one, with the session's clock
 * and client as they were.  The prepared statements go with the old
 * connection (each is prepared again when next asked for), but keep, the
 * one being run, is prepared at once and stays.  -1 (logged) when the
 * server is not back: then nothing changed.
 */
static int
revive(struct db *db, struct stmt *keep)
{
	MYSQL		*conn;
	MYSQL_STMT	*st = NULL;
	struct stmt	*s;
	size_t		 i;
	time_t		 clock = db->clock;
	char		 client[sizeof(db->client)];
	int64_t		 staff = db->staff;
	int		 client_set = db->client_set;

	if ((conn = connect_as(db->cfg, db->role)) == NULL)
		return -1;
	if (keep != NULL && ((st = mysql_stmt_init(conn)) == NULL ||
	    mysql_stmt_prepare(st, keep->sql, strlen(keep->sql)) != 0)) {
		log_err("prepare on a new connection: %s: %.200s", st ?
		    mysql_stmt_error(st) : "out of memory", keep->sql);
		if (st != NULL)
			mysql_stmt_close(st);
		mysql_close(conn);
		return -1;
	}
	for (i = 0; i < CACHE_SIZE; i++)
		if ((s = db->cache[i]) != NULL)
			result_free(s);
	mysql_close(db->conn);		/* its statements are void now */
	db->conn = conn;
	for (i = 0; i < CACHE_SIZE; i++) {
		if ((s = db->cache[i]) == NULL)
			continue;
		db->cache[i] = NULL;
		mysql_stmt_close(s->st);
		if (s == keep)
			continue;
		free(s);
	}
	if (keep != NULL) {
		keep->st = st;
		db->cache[((uintptr_t)keep->sql >> 3) % CACHE_SIZE] = keep;
	}
	memcpy(client, db->client, sizeof(client));
	db->gone = 0;
	db->clock = 0;
	db->client_set = 0;
	log_info("connected to the database again: the request's first "
	    "statement runs once more");
	if (clock != 0 && db_clock(db, clock) != DB_OK)
		return -1;
	if (client_set && (keep == NULL || keep->sql != SQL_CLIENT) &&
	    db_client(db, *client != '\0' ? client : NULL, staff) != DB_OK)
		return -1;
	return 0;
}

/* A failure the transaction may simply be tried again after: InnoDB chose
 * it as a deadlock's victim (and rolled it back), or a lock wait timed
 * out.  Remembered until the next db_txn() attempt. */
static void
note_busy(struct db *db, unsigned err)
{
	if (err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT)
		db->busy = 1;
}

struct db *
db_open(const struct config *cfg)
{
	return db_open_as(cfg, DB_APP);
}

/* The account and password of role; -1 (logged) when unreadable. */
static int
credentials(const struct config *cfg, enum db_role role, const char **user,
    char *pw, size_t pwlen)
{
	const char	*file = NULL;

	pw[0] = '\0';
	*user = cfg->db_user;
	switch (role) {
	case DB_APP:
	case DB_BULK:
	case DB_READ:
		if ((file = cfg->db_password_file) == NULL)
			snprintf(pw, pwlen, "%s", cfg->db_password);
		break;
	case DB_MIGRATE:
		*user = cfg->db_migrate_user;
		if ((file = cfg->db_migrate_password_file) == NULL) {
			log_err("db_migrate_password_file is not set");
			return -1;
		}
		break;
	case DB_ROOT:
		*user = "root";		/* unix_socket: no password */
		break;
	}
	if (file != NULL && crypto_secret_read(file, pw, pwlen) == -1) {
		log_err("%s: cannot read the database password (run "
		    "yiwang-admin db-setup as root)", file);
		return -1;
	}
	return 0;
}

/* A connection as role, its session set up; NULL (logged) when none. */
static MYSQL *
connect_as(const struct config *cfg, enum db_role role)
{
	MYSQL		*conn;
	const char	*user;
	char		 pw[256];
	my_bool		 off = 0;
	unsigned int	 local, port = cfg->db_port;
	const char	*sock = cfg->db_socket;
	const char	*host = sock != NULL ? NULL : cfg->db_host;

	if (credentials(cfg, role, &user, pw, sizeof(pw)) == -1)
		return NULL;
	if ((conn = mysql_init(NULL)) == NULL) {
		OPENSSL_cleanse(pw, sizeof(pw));
		log_err("db_open: out of memory");
		return NULL;
	}
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_OPT_RECONNECT, &off);
	/* LOAD DATA LOCAL only where db_load() is meant to run: it never
	 * reads a file, only the buffer it is given. */
	local = role == DB_BULK;
	mysql_options(conn, MYSQL_OPT_LOCAL_INFILE, &local);
	/* A replica (DB_READ) may be gone or stopped: a page waits 2 s at
	 * most to connect, 10 s for an answer (docs/replica.md). */
	if (role == DB_READ) {
		unsigned int	 wait = 2, answer = 10;

		sock = cfg->db_read_socket;
		host = NULL;
		port = 0;
		mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &wait);
		mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &answer);
		mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &answer);
	}
	/* stmt_affected() counts rows matched, not only rows changed: an
	 * update that writes the same values still found its row. */
	if (mysql_real_connect(conn, host, user, pw, role == DB_ROOT ? NULL :
	    cfg->db_name, port, sock, CLIENT_FOUND_ROWS) == NULL) {
		OPENSSL_cleanse(pw, sizeof(pw));
		log_err("cannot connect to the database as %s: %s", user,
		    mysql_error(conn));
		mysql_close(conn);
		return NULL;
	}
	OPENSSL_cleanse(pw, sizeof(pw));
	if (mysql_query(conn, "SET time_zone = '+00:00', "
	    "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO'"
	    ", SESSION tx_isolation = 'READ-COMMITTED'") != 0) {
		log_err("session setup: %s", mysql_error(conn));
		mysql_close(conn);
		return NULL;
	}
	return conn;
}

struct db *
db_open_as(const struct config *cfg, enum db_role role)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL) {
		log_err("db_open: out of memory");
		return NULL;
	}
	if ((db->conn = connect_as(cfg, role)) == NULL) {
		free(db);
		return NULL;
	}
	db->cfg = cfg;
	db->role = role;
	/* The extranet's writes move the kept pages' counter (pagegen). */
	if (cfg->site == SITE_EXTRANET)
		(void)pagegen_open(cfg->db_socket, cfg->files_dir);
	if (clock_fixed() != 0 && db_clock(db, clock_fixed()) != DB_OK) {
		db_close(db);
		return NULL;
	}
	return db;
}

/* A handle that never connected (mysql_init() only), for the tests of what
 * the stmt_* functions do when the server is lost: NULL without memory. */
struct db *
db_offline(void)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL)
		return NULL;
	if ((db->conn = mysql_init(NULL)) == NULL) {
		free(db);
		return NULL;
	}
	db->keep = 1;
	return db;
}

static void
result_free(struct stmt *s)
{
	unsigned	 i;

	if (s->stored)
		mysql_stmt_free_result(s->st);
	s->stored = 0;
	for (i = 0; i < s->ncols && s->bufs != NULL; i++)
		free(s->bufs[i]);
	free(s->bufs);
	free(s->cols);
	free(s->clens);
	free(s->nulls);
	free(s->types);
	s->types = NULL;
	s->bufs = NULL;
	s->cols = NULL;
	s->clens = NULL;
	s->nulls = NULL;
	s->ncols = 0;
}

void
db_close(struct db *db)
{
	unsigned	 i;

	if (db == NULL)
		return;
	for (i = 0; i < CACHE_SIZE; i++)
		if (db->cache[i] != NULL) {
			result_free(db->cache[i]);
			mysql_stmt_close(db->cache[i]->st);
			free(db->cache[i]);
		}
	mysql_close(db->conn);
	free(db);
}

enum db_rc
db_clock(struct db *db, time_t t)
{
	char		 sql[64];
	enum db_rc	 rc;

	if (t == db->clock)
		return DB_OK;
	if (t == 0)
		snprintf(sql, sizeof(sql), "SET timestamp = DEFAULT");
	else
		snprintf(sql, sizeof(sql), "SET timestamp = %lld",
		    (long long)t);
	if ((rc = db_exec(db, sql)) == DB_OK)
		db->clock = t;
	return rc;
}

enum db_rc
db_exec(struct db *db, const char *sql)
{
	MYSQL_RES	*res;

	if (mysql_query(db->conn, sql) != 0) {
		check_gone(db, mysql_errno(db->conn), "query");
		if (may_retry(db, mysql_errno(db->conn), sql) &&
		    revive(db, NULL) == 0)
			return db_exec(db, sql);
		note_busy(db, mysql_errno(db->conn));
		log_err("%s: %.200s", mysql_error(db->conn), sql);
		return DB_ERR;
	}
	db->fresh = 0;
	/* Drain results of multi-statement or SELECT texts. */
	do {
		if ((res = mysql_store_result(db->conn)) != NULL)
			mysql_free_result(res);
	} while (mysql_next_result(db->conn) == 0);
	if (!writes_nothing(sql))
		pagegen_moved();
	return DB_OK;
}

enum db_rc
db_client(struct db *db, const char *addr, int64_t staff)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 a[46];

	snprintf(a, sizeof(a), "%s", addr != NULL ? addr : "");
	if (db->client_set && strcmp(a, db->client) == 0 &&
	    staff == db->staff)
		return DB_OK;
	q = db_stmt(db, SQL_CLIENT);
	if (*a != '\0')
		stmt_bind_text(q, 0, a);
	else
		stmt_bind_null(q, 0);
	if (staff > 0)
		stmt_bind_int(q, 1, staff);
	else
		stmt_bind_null(q, 1);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	memcpy(db->client, a, sizeof(a));
	db->staff = staff;
	db->client_set = 1;
	return DB_OK;
}

enum db_rc
db_exec_multi(struct db *db, const char *sql)
{
	enum db_rc	 rc;
	MYSQL_RES	*res;
	int		 status;

	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	rc = DB_OK;
	if (mysql_query(db->conn, sql) != 0) {
		check_gone(db, mysql_errno(db->conn), "query");
		log_err("%s", mysql_error(db->conn));
		rc = DB_ERR;
	} else {
		/* Every statement's outcome, so a later failure is seen. */
		do {
			if ((res = mysql_store_result(db->conn)) != NULL)
				mysql_free_result(res);
			if ((status = mysql_next_result(db->conn)) > 0) {
				log_err("%s", mysql_error(db->conn));
				rc = DB_ERR;
			}
		} while (status == 0);
	}
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	pagegen_moved();
	return rc;
}

/* db_load()'s "file": a buffer read from the start. */
struct load_buf {
	const char	*buf;
	size_t		 len, off;
};

static int
load_init(void **ptr, const char *name, void *arg)
{
	(void)name;
	((struct load_buf *)arg)->off = 0;
	*ptr = arg;
	return 0;
}

static int
load_read(void *ptr, char *out, unsigned int outlen)
{
	struct load_buf	*b = ptr;
	size_t		 n = b->len - b->off;

	if (n > outlen)
		n = outlen;
	memcpy(out, b->buf + b->off, n);
	b->off += n;
	return (int)n;
}

static void
load_end(void *ptr)
{
	(void)ptr;
}

static int
load_error(void *ptr, char *msg, unsigned int msglen)
{
	(void)ptr;
	snprintf(msg, msglen, "db_load: no buffer");
	return 1;
}

enum db_rc
db_load(struct db *db, const char *sql, const char *buf, size_t len,
    uint64_t *rows)
{
	struct load_buf	 b = { buf, len, 0 };

	mysql_set_local_infile_handler(db->conn, load_init, load_read,
	    load_end, load_error, &b);
	if (mysql_query(db->conn, sql) != 0) {
		check_gone(db, mysql_errno(db->conn), "load");
		log_err("bulk load: %s", mysql_error(db->conn));
		mysql_set_local_infile_default(db->conn);
		return DB_ERR;
	}
	mysql_set_local_infile_default(db->conn);
	*rows = (uint64_t)mysql_affected_rows(db->conn);
	pagegen_moved();
	return DB_OK;
}

enum db_rc
db_begin(struct db *db)
{
	db->busy = 0;
	return db_exec(db, "START TRANSACTION");
}

enum db_rc
db_commit(struct db *db)
{
	db->fresh = 0;
	if (mysql_commit(db->conn) != 0) {
		/* A commit lost with the server may have been done. */
		pagegen_moved();
		check_gone(db, mysql_errno(db->conn), "commit");
		note_busy(db, mysql_errno(db->conn));
		log_err("commit: %s", mysql_error(db->conn));
		return DB_ERR;
	}
	/* After the commit: a worker that sees the counter unchanged may
	 * trust the generation it read (pagecache.h). */
	pagegen_moved();
	return DB_OK;
}

enum db_rc
db_savepoint(struct db *db)
{
	return db_exec(db, "SAVEPOINT yw_one");
}

enum db_rc
db_rollback_savepoint(struct db *db)
{
	return db_exec(db, "ROLLBACK TO SAVEPOINT yw_one");
}

void
db_rollback(struct db *db)
{
	if (mysql_rollback(db->conn) != 0)
		check_gone(db, mysql_errno(db->conn), "rollback");
}

int
db_busy(const struct db *db)
{
	return db->busy;
}

enum db_rc
db_txn(struct db *db, db_body body, void *arg)
{
	struct timespec	 ts;
	enum db_rc	 rc;
	unsigned char	 r;
	int		 attempt;

	for (attempt = 1;; attempt++) {
		if (db_begin(db) != DB_OK)
			return DB_ERR;
		if ((rc = body(db, arg)) == DB_OK &&
		    (rc = db_commit(db)) == DB_OK)
			return DB_OK;
		db_rollback(db);
		if (!db->busy || attempt >= DB_TXN_TRIES)
			return rc == DB_OK ? DB_ERR : rc;
		/* Apart from the other transaction, at a random moment:
		 * 20 to 83 ms, more at each attempt. */
		crypto_random(&r, 1);
		ts.tv_sec = 0;
		ts.tv_nsec = (long)attempt * (20 + (r & 63)) * 1000000L;
		log_info("transaction retried (attempt %d of %d) after a "
		    "deadlock or a lock wait timeout", attempt + 1,
		    DB_TXN_TRIES);
		nanosleep(&ts, NULL);
	}
}

/*
 * NULL (logged) when the statement cannot be had: the cache full, no
 * memory, a text that does not prepare, a lost server.  Every stmt_*
 * function takes that NULL: binding does nothing, running and fetching
 * answer DB_ERR, so a page answers with its usual database error and the
 * worker lives on.
 */
struct stmt *
db_stmt(struct db *db, const char *sql)
{
	struct stmt	*s;
	size_t		 h, i;

	if (db->gone)
		return NULL;
	h = ((uintptr_t)sql >> 3) % CACHE_SIZE;
	for (i = 0; i < CACHE_SIZE; i++, h = (h + 1) % CACHE_SIZE) {
		s = db->cache[h];
		if (s == NULL)
			break;
		if (s->sql == sql)
			goto found;
	}
	if (i == CACHE_SIZE) {
		log_err("statement cache full: %.200s", sql);
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_err("out of memory for a statement: %.200s", sql);
		return NULL;
	}
	s->sql = sql;
	s->db = db;
	if ((s->st = mysql_stmt_init(db->conn)) == NULL) {
		log_err("out of memory for a statement: %.200s", sql);
		free(s);
		return NULL;
	}
	if (mysql_stmt_prepare(s->st, sql, strlen(sql)) != 0) {
		check_gone(db, mysql_stmt_errno(s->st), "prepare");
		/* Preparing writes nothing: any lost server may be retried. */
		if (may_retry(db, CR_SERVER_GONE_ERROR, sql) &&
		    (mysql_stmt_errno(s->st) == CR_SERVER_GONE_ERROR ||
		    mysql_stmt_errno(s->st) == CR_SERVER_LOST) &&
		    revive(db, NULL) == 0) {
			mysql_stmt_close(s->st);
			free(s);
			return db_stmt(db, sql);
		}
		/* A statement that does not prepare is a programming error. */
		log_err("prepare: %s: %.300s", mysql_stmt_error(s->st), sql);
		goto bad;
	}
	s->nparams = mysql_stmt_param_count(s->st);
	if (s->nparams > MAX_PARAMS) {
		log_err("too many parameters: %.200s", sql);
		goto bad;
	}
	db->cache[h] = s;
found:
	result_free(s);
	s->bad = 0;
	memset(s->params, 0, sizeof(s->params));
	for (i = 0; i < s->nparams; i++)
		s->params[i].buffer_type = MYSQL_TYPE_NULL;
	return s;
bad:
	mysql_stmt_close(s->st);
	free(s);
	return NULL;
}

/* A parameter beyond the statement's: a programming error, which fails
 * the statement's next run rather than write out of bounds. */
static int
bind_ok(struct stmt *s, unsigned i)
{
	if (s == NULL)
		return 0;
	if (i >= s->nparams) {
		log_err("parameter %u of %u: %.200s", i, s->nparams, s->sql);
		s->bad = 1;
		return 0;
	}
	return 1;
}

void
stmt_bind_text(struct stmt *s, unsigned i, const char *v)
{
	if (v == NULL) {
		stmt_bind_null(s, i);
		return;
	}
	stmt_bind_blob(s, i, v, strlen(v));
	if (s != NULL && i < s->nparams)	/* bound as a blob */
		s->params[i].buffer_type = MYSQL_TYPE_STRING;
}

void
stmt_bind_blob(struct stmt *s, unsigned i, const void *v, size_t len)
{
	if (!bind_ok(s, i))
		return;
	s->lens[i] = len;
	s->params[i].buffer_type = MYSQL_TYPE_BLOB;
	s->params[i].buffer = (void *)v;
	s->params[i].buffer_length = len;
	s->params[i].length = &s->lens[i];
	s->params[i].is_null = NULL;
}

void
stmt_bind_int(struct stmt *s, unsigned i, int64_t v)
{
	if (!bind_ok(s, i))
		return;
	s->ints[i] = v;
	s->params[i].buffer_type = MYSQL_TYPE_LONGLONG;
	s->params[i].buffer = &s->ints[i];
	s->params[i].is_unsigned = 0;
	s->params[i].length = NULL;
}

void
stmt_bind_ids(struct stmt *s, unsigned at, const int64_t *ids, size_t n)
{
	size_t	 i;

	for (i = 0; i < DB_BATCH; i++)
		stmt_bind_int(s, at + (unsigned)i, ids[i < n ? i : 0]);
}

void
stmt_bind_null(struct stmt *s, unsigned i)
{
	if (!bind_ok(s, i))
		return;
	s->params[i].buffer_type = MYSQL_TYPE_NULL;
	s->params[i].buffer = NULL;
}

void
stmt_bind_pair(struct stmt *s, unsigned at, const char *v)
{
	if (v == NULL) {
		stmt_bind_null(s, at);
		stmt_bind_null(s, at + 1);
	} else {
		stmt_bind_text(s, at, v);
		stmt_bind_text(s, at + 1, v);
	}
}

enum db_rc
stmt_run(struct stmt *s)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	unsigned	 i, err;
	my_bool		 on = 1;

	if (s == NULL)
		return DB_ERR;
	result_free(s);
	if (s->bad)
		return DB_ERR;
	if (s->nparams > 0 && mysql_stmt_bind_param(s->st, s->params) != 0)
		goto fail;
	if (mysql_stmt_execute(s->st) != 0)
		goto fail;
	if ((meta = mysql_stmt_result_metadata(s->st)) == NULL) {
		s->db->fresh = 0;
		pagegen_moved();	/* a write, maybe committed now */
		return DB_OK;		/* not a SELECT */
	}
	mysql_stmt_attr_set(s->st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_store_result(s->st) != 0) {
		mysql_free_result(meta);
		goto fail;
	}
	s->stored = 1;
	s->ncols = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	if ((s->cols = calloc(s->ncols, sizeof(*s->cols))) == NULL ||
	    (s->bufs = calloc(s->ncols, sizeof(*s->bufs))) == NULL ||
	    (s->clens = calloc(s->ncols, sizeof(*s->clens))) == NULL ||
	    (s->nulls = calloc(s->ncols, sizeof(*s->nulls))) == NULL ||
	    (s->types = calloc(s->ncols, sizeof(*s->types))) == NULL)
		goto nomem;
	for (i = 0; i < s->ncols; i++) {
		/* Room for the longest value in this result, as text. */
		size_t n = f[i].max_length + 1;
		if (n < 32)
			n = 32;
		if ((s->bufs[i] = malloc(n)) == NULL)
			goto nomem;
		s->cols[i].buffer_type = MYSQL_TYPE_STRING;
		s->cols[i].buffer = s->bufs[i];
		s->cols[i].buffer_length = n;
		s->cols[i].length = &s->clens[i];
		s->cols[i].is_null = &s->nulls[i];
		s->types[i] = f[i].type;
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(s->st, s->cols) != 0)
		goto fail;
	s->db->fresh = 0;
	return DB_OK;
nomem:
	/* The caller answers 500; the worker lives on. */
	log_err("out of memory for a result of %u columns: %.300s", s->ncols,
	    s->sql);
	mysql_free_result(meta);
	result_free(s);
	return DB_ERR;
fail:
	pagegen_moved();	/* a write lost with the server may be done */
	err = mysql_stmt_errno(s->st);
	check_gone(s->db, err, "execute");
	if (may_retry(s->db, err, s->sql) && revive(s->db, s) == 0)
		return stmt_run(s);
	s->db->fresh = 0;
	note_busy(s->db, err);
	if (err == ER_DUP_ENTRY)
		return DB_DUP;
	log_err("%s: %.300s", mysql_stmt_error(s->st), s->sql);
	return DB_ERR;
}

uint64_t
stmt_affected(struct stmt *s)
{
	if (s == NULL)
		return 0;
	return mysql_stmt_affected_rows(s->st);
}

int64_t
stmt_insert_id(struct stmt *s)
{
	if (s == NULL)
		return 0;
	return (int64_t)mysql_stmt_insert_id(s->st);
}

enum db_rc
stmt_number(struct db *db, struct stmt *insert, struct pool *pool,
    const char *number_sql, const char *prefix, const char *day, char **no)
{
	int64_t		 id = stmt_insert_id(insert);
	struct stmt	*q;

	*no = pool_printf(pool, "%s%s%05lld", prefix, day,
	    (long long)(id % 100000));
	q = db_stmt(db, number_sql);
	stmt_bind_text(q, 0, *no);
	stmt_bind_int(q, 1, id);
	return stmt_run(q);
}

/*
 * A format that does not match the columns would write through the wrong
 * pointers: that is a programming error, stopped before any write
 * (-1, logged; the fetch answers DB_ERR).
 */
static int
check_fmt(const struct stmt *s, const char *fmt)
{
	unsigned	 i;
	int		 numeric;

	if (strlen(fmt) != s->ncols) {
		log_err("row format \"%s\" for %u columns: %.200s", fmt,
		    s->ncols, s->sql);
		return -1;
	}
	for (i = 0; i < s->ncols; i++) {
		switch (s->types[i]) {
		case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT:
		case MYSQL_TYPE_LONG: case MYSQL_TYPE_LONGLONG:
		case MYSQL_TYPE_INT24: case MYSQL_TYPE_NEWDECIMAL:
		case MYSQL_TYPE_NULL:
			numeric = 1;
			break;
		default:
			numeric = 0;
		}
		/* 's' for a number would store a pointer into an int. */
		if ((fmt[i] != 's') != numeric &&
		    s->types[i] != MYSQL_TYPE_NULL) {
			log_err("column %u is %s a number for \"%s\": %.200s",
			    i, numeric ? "" : "not", fmt, s->sql);
			return -1;
		}
	}
	return 0;
}

/* The next row into the column buffers: DB_OK, DB_NONE at the end. */
static enum db_rc
fetch(struct stmt *s)
{
	int	 rc;

	rc = mysql_stmt_fetch(s->st);
	if (rc == MYSQL_NO_DATA)
		return DB_NONE;
	if (rc == 1) {
		check_gone(s->db, mysql_stmt_errno(s->st), "fetch");
		log_err("fetch: %s", mysql_stmt_error(s->st));
		return DB_ERR;
	}
	/* MYSQL_DATA_TRUNCATED cannot happen: buffers hold max_length. */
	return DB_OK;
}

static enum db_rc
row_v(struct stmt *s, struct pool *pool, const char *fmt, va_list ap)
{
	unsigned	 i;
	enum db_rc	 rc;
	char		**sp;

	if (s == NULL)
		return DB_ERR;
	if (!s->stored)
		return DB_NONE;
	if (check_fmt(s, fmt) == -1)
		return DB_ERR;
	if ((rc = fetch(s)) != DB_OK)
		return rc;
	for (i = 0; fmt[i] != '\0'; i++) {
		const char *v = s->bufs[i];
		int isnull = i >= s->ncols || s->nulls[i];

		switch (fmt[i]) {
		case 's':
			sp = va_arg(ap, char **);
			*sp = isnull ? NULL :
			    pool_strndup(pool, v, s->clens[i]);
			break;
		case 'i':
			*va_arg(ap, int64_t *) = isnull ? 0 :
			    strtoll(v, NULL, 10);
			break;
		case 'd':
			*va_arg(ap, int *) = isnull ? 0 :
			    (int)strtol(v, NULL, 10);
			break;
		default:	/* a letter of no type: a programming error */
			log_err("row format \"%s\": %.200s", fmt, s->sql);
			return DB_ERR;
		}
	}
	return DB_OK;
}

enum db_rc
stmt_row(struct stmt *s, struct pool *pool, const char *fmt, ...)
{
	va_list		 ap;
	enum db_rc	 rc;

	va_start(ap, fmt);
	rc = row_v(s, pool, fmt, ap);
	va_end(ap);
	return rc;
}

enum db_rc
stmt_row_text(struct stmt *s, struct pool *pool, char **v, size_t n)
{
	size_t		 i;
	enum db_rc	 rc;

	if (s == NULL)
		return DB_ERR;
	if (!s->stored)
		return DB_NONE;
	if (n != s->ncols) {
		log_err("%zu columns asked of %u: %.200s", n, s->ncols, s->sql);
		return DB_ERR;
	}
	if ((rc = fetch(s)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		v[i] = s->nulls[i] ? NULL :
		    pool_strndup(pool, s->bufs[i], s->clens[i]);
	return DB_OK;
}

void
stmt_done(struct stmt *s)
{
	if (s != NULL)
		result_free(s);
}

enum db_rc
stmt_one(struct stmt *s, struct pool *pool, const char *fmt, ...)
{
	va_list		 ap;
	enum db_rc	 rc;

	if ((rc = stmt_run(s)) != DB_OK)
		return rc;
	va_start(ap, fmt);
	rc = row_v(s, pool, fmt, ap);
	va_end(ap);
	stmt_done(s);
	return rc;
}

enum db_rc
stmt_list(struct stmt *q, struct pool *pool, row_reader row, size_t size,
    void *arr, size_t *n)
{
	void		*v = NULL, *tmp;
	enum db_rc	 rc;
	size_t		 cap = 0;

	*n = 0;
	*(void **)arr = NULL;
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	tmp = pool_alloc(pool, size);
	while ((rc = row(q, pool, tmp)) == DB_OK)
		memcpy(pool_push(pool, &v, n, &cap, size), tmp, size);
	stmt_done(q);
	*(void **)arr = v;
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
stmt_page(struct stmt *q, struct pool *pool, unsigned at, int64_t before,
    size_t page, row_reader row, size_t size, size_t id_at, void *arr,
    size_t *n, int64_t *next)
{
	char		*v = NULL, *tmp;
	enum db_rc	 rc;
	size_t		 cap = 0;

	*n = 0;
	*next = 0;
	*(void **)arr = NULL;
	stmt_bind_int(q, at, before > 0 ? before : INT32_MAX);
	stmt_bind_int(q, at + 1, (int64_t)page + 1);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	tmp = pool_alloc(pool, size);
	while ((rc = row(q, pool, tmp)) == DB_OK) {
		/* One more than a page says that there is a next one. */
		if (*n == page) {
			memcpy(next, v + (*n - 1) * size + id_at,
			    sizeof(*next));
			continue;
		}
		memcpy(pool_push(pool, &v, n, &cap, size), tmp, size);
	}
	stmt_done(q);
	*(void **)arr = v;
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
stmt_first(struct stmt *q, struct pool *pool, row_reader row, void *elem)
{
	enum db_rc	 rc;

	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = row(q, pool, elem);
	stmt_done(q);
	return rc;
}
