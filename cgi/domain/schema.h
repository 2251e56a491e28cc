/*
 * schema.h: migrations.  db/NNN_name.sql files are applied in order, each
 * once, recorded in schema_version; a step in C may run before one of
 * them (the steps table in schema.c: sealing personal data before 081).
 */
#ifndef YW_SCHEMA_H
#define YW_SCHEMA_H

#include "db.h"

/* Apply what is missing from dir; prints what it does.  0 or -1. */
/*
 * The rows only one site's database holds: the extranet's generation of
 * its public pages (db/280_page_gen.sql), which the triggers of the
 * intranet, finding no row, move without taking a lock.  After migrate.
 */
int	 schema_site(struct db *, const struct config *);
int	 schema_migrate(struct db *, struct pool *, const char *dir);
/*
 * The application account's grants (SEC-5), computed from the schema
 * after migrations, so a table added by any migration gets them: every
 * base table gets SELECT, INSERT, UPDATE, DELETE, except those whose
 * COMMENT starts "insert-only:" (SELECT, INSERT: the ledgers) or
 * "read-only:" (SELECT); everything else (DDL, TRIGGER, DROP, GRANT) is
 * revoked table by table.  Run as the migration account or root.  0/-1.
 */
int	 schema_grant(struct db *, struct pool *, const char *app_user);
/*
 * First setup and repair, connected as the server's root: root only by
 * unix_socket, no other root or anonymous account; the migration and
 * application accounts with passwords from their files (made, mode 0600,
 * when missing); the database; every migration; the grants.  0/-1.
 */
int	 schema_setup(struct db *root, struct pool *, const struct config *);
/* Number of staff accounts (0 on a fresh intranet). */
enum db_rc schema_staff_count(struct db *, struct pool *, int64_t *);

#endif
