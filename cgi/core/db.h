/*
 * db.h: MariaDB through Connector/C, prepared statements only.
 *
 * SQL text lives in the domain module that owns the tables, as string
 * constants; db_stmt() prepares each text once per process (cached by the
 * constant's address) and reuses it.  Every parameter is bound, never
 * formatted into the text.  A lost connection ends a command (exit 75:
 * it can be run again); a worker (db_keep()) lives on: the first statement
 * of a request is tried once more on a new connection (db_request()),
 * anything else fails with DB_ERR and the worker connects again before its
 * next request (db_gone()).
 */
#ifndef YW_DB_H
#define YW_DB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "config.h"

enum db_rc {
	DB_OK = 0,	/* done; or a row was fetched */
	DB_NONE,	/* no (more) rows; or nothing changed */
	DB_DUP,		/* unique key violated */
	DB_ERR,		/* failed; already logged */
};

struct db;
struct stmt;

/*
 * Who connects (SEC-5): the application's account can only read and
 * write rows (INSERT and SELECT on insert-only tables); the migration
 * account changes the schema and grants; the server's root is reached by
 * unix_socket authentication only, so only the system's root has it.
 * Passwords come from the files the config names (db-setup writes them).
 */
enum db_role {
	DB_APP,
	DB_MIGRATE,
	DB_ROOT,
	DB_BULK,	/* the application's account, with db_load() */
	DB_READ,	/* the application's account on db_read_socket, a
			 * read-only replica (the public catalogue) */
};

struct db	*db_open(const struct config *);	/* DB_APP; NULL, logged */
struct db	*db_open_as(const struct config *, enum db_role);
/* A worker's handle: a lost server is no exit but DB_ERR, and db_gone(). */
void		 db_keep(struct db *);
int		 db_gone(const struct db *);
/* Whether the server still answers (a ping); if not, db_gone() says so. */
int		 db_alive(struct db *);
/*
 * A worker's request begins: if its first statement finds the server
 * lost (a restart), it is run once more on a new connection, unless it
 * may have written (db.c may_retry()); later statements never are.
 */
void		 db_request(struct db *);
/* Never connected: every statement fails as on a lost server (tests). */
struct db	*db_offline(void);
void		 db_close(struct db *);
/* Run a statement with no parameters and no result (DDL, migrations). */
enum db_rc	 db_exec(struct db *, const char *sql);
/* The session's NOW() and UTC_TIMESTAMP() at instant t (SET timestamp), or
 * the server's time again (t = 0), so that what the database writes agrees
 * with clock_now(); a statement only when it changes. */
enum db_rc	 db_clock(struct db *, time_t t);
/*
 * Who this connection works for now: the client's address (NULL: none)
 * and the member of staff acting (0: none), as the session variables
 * @yw_client and @yw_staff that the triggers recording staff operations
 * read (db/111); a statement only when they change.
 */
enum db_rc	 db_client(struct db *, const char *addr, int64_t staff);
/* Run a text of several statements (a migration file). */
enum db_rc	 db_exec_multi(struct db *, const char *sql);
enum db_rc	 db_begin(struct db *);
enum db_rc	 db_commit(struct db *);
void		 db_rollback(struct db *);
/*
 * Inside a transaction: mark where one piece of work starts (a record of
 * a bundle, GAP-5), and undo just that piece, the transaction going on.
 * One mark at a time: a new one replaces the last.
 */
enum db_rc	 db_savepoint(struct db *);
enum db_rc	 db_rollback_savepoint(struct db *);

/*
 * A transaction that may be tried again (SUP-4): db_txn() begins, runs
 * body(db, arg) and commits when it returns DB_OK; otherwise it rolls
 * back and returns what body returned.  When a statement or the commit
 * failed because InnoDB chose the transaction as a deadlock's victim
 * (1213) or a lock wait timed out (1205), the whole of it is run again,
 * up to DB_TXN_TRIES times in all, after a short random pause: body must
 * do nothing outside the database (no file written, nothing sent), read
 * everything it decides on inside the transaction, and set its outputs
 * afresh each time.  db_busy() says whether the last failure was such a
 * one, so that a page can ask the user to submit again rather than show
 * an error of the server.
 */
#define DB_TXN_TRIES	3
typedef enum db_rc (*db_body)(struct db *, void *);
enum db_rc	 db_txn(struct db *, db_body body, void *arg);
int		 db_busy(const struct db *);

/*
 * The prepared statement of sql, its parameters unbound; NULL (logged)
 * when it cannot be had (the cache full, no memory, a lost server).  The
 * stmt_* functions take that NULL: binds do nothing, runs and fetches
 * answer DB_ERR, stmt_affected() and stmt_insert_id() 0.  So does a bind
 * beyond the statement's parameters, and a row format that does not
 * match the columns: DB_ERR, logged, no abort().
 */
struct stmt	*db_stmt(struct db *, const char *sql);

/*
 * Bulk loading (the generated history, history.h): sql is a LOAD DATA
 * LOCAL INFILE statement whose "file" is the len bytes at buf, rows in
 * LOAD DATA's default text format (tab between fields, a newline after
 * each row, \N for NULL, backslash escapes).  The data never becomes
 * SQL text.  Only on a connection opened as DB_BULK; DB_ERR (logged) when
 * the server refuses a row, and then the transaction should be rolled
 * back.  LOAD DATA LOCAL skips a row that repeats a unique key (with a
 * warning): compare *rows with the rows sent.
 */
enum db_rc	 db_load(struct db *, const char *sql, const char *buf,
		    size_t len, uint64_t *rows);	/* rows stored */
void		 stmt_bind_text(struct stmt *, unsigned, const char *);
void		 stmt_bind_blob(struct stmt *, unsigned, const void *, size_t);
void		 stmt_bind_int(struct stmt *, unsigned, int64_t);
void		 stmt_bind_null(struct stmt *, unsigned);
/* v (or NULL) to parameters at and at + 1: the "? IS NULL OR x = ?" pairs
 * of a statement whose criteria are optional. */
void		 stmt_bind_pair(struct stmt *, unsigned at, const char *v);
/* Execute; DB_OK, DB_DUP or DB_ERR.  Rows of a SELECT are then fetched. */
enum db_rc	 stmt_run(struct stmt *);
/* Rows an UPDATE matched (CLIENT_FOUND_ROWS), or an INSERT wrote. */
uint64_t	 stmt_affected(struct stmt *);
int64_t		 stmt_insert_id(struct stmt *);
/*
 * The row insert q just wrote numbered prefix, day (YYYYMMDD) and the
 * last 5 digits of its id (TS…, ZX…, LY…), stored by number_sql ("UPDATE
 * t SET no = ? WHERE id = ?"); *no the number.  DB_OK, or DB_ERR.
 */
enum db_rc	 stmt_number(struct db *, struct stmt *insert, struct pool *,
		    const char *number_sql, const char *prefix,
		    const char *day, char **no);
/*
 * Fetch the next row into the pointers that follow fmt, one letter a
 * column: 's' (char **, copied into pool, NULL for SQL NULL), 'i'
 * (int64_t *, 0 for NULL), 'd' (int *).  DB_OK for a row, DB_NONE at the
 * end, DB_ERR on failure.
 */
enum db_rc	 stmt_row(struct stmt *, struct pool *, const char *fmt, ...);
/*
 * Fetch the next row with every one of its n columns as text into v[]
 * (copied into pool, NULL for SQL NULL), for readers whose columns vary.
 */
enum db_rc	 stmt_row_text(struct stmt *, struct pool *, char **v,
		    size_t n);
/* Release the result; the statement stays prepared. */
void		 stmt_done(struct stmt *);

/*
 * A row reader fills one element from the current row of a statement:
 * enum db_rc reader(struct stmt *, struct pool *, void *element).
 * stmt_list() runs q and collects every row into a pool array of
 * elements of size bytes (*arr, *n); stmt_first() runs q and reads its
 * first row into elem (DB_NONE when there is none).
 */
typedef enum db_rc (*row_reader)(struct stmt *, struct pool *, void *);
enum db_rc	 stmt_list(struct stmt *, struct pool *, row_reader,
		    size_t size, void *arr, size_t *n);
enum db_rc	 stmt_first(struct stmt *, struct pool *, row_reader,
		    void *elem);

/*
 * A page of a list, newest first by id: binds before (the id the page
 * starts before; 0 or less: the newest) and page + 1 as q's parameters
 * at and at + 1 (… AND id < ? ORDER BY id DESC LIMIT ?), runs q and
 * collects at most page rows into *arr, *n as stmt_list() does; *next
 * the id of the last of them when there are more (0: none), read as
 * the int64_t at offset id_at of an element.
 */
enum db_rc	 stmt_page(struct stmt *, struct pool *, unsigned at,
		    int64_t before, size_t page, row_reader, size_t size,
		    size_t id_at, void *arr, size_t *n, int64_t *next);

/*
 * A list of DB_BATCH placeholders, for "… IN (" DB_IDS ")": a batch of
 * fewer ids binds its first again in the places left (stmt_bind_ids()).
 */
#define DB_BATCH	32
#define DB_IDS8		"?, ?, ?, ?, ?, ?, ?, ?"
#define DB_IDS		DB_IDS8 ", " DB_IDS8 ", " DB_IDS8 ", " DB_IDS8
/* ids[0..n-1] (0 < n <= DB_BATCH) as q's DB_BATCH parameters from at. */
void		 stmt_bind_ids(struct stmt *, unsigned at, const int64_t *ids,
		    size_t n);

/* One-row helpers: run, fetch the first row, done. */
enum db_rc	 stmt_one(struct stmt *, struct pool *, const char *fmt, ...);

#endif
