/*
 * schema.h: migrations.  db/NNN_name.sql files are applied in order, each
 * once, recorded in schema_version.
 */
#ifndef YW_SCHEMA_H
#define YW_SCHEMA_H

#include "db.h"

/* Apply what is missing from dir; prints what it does.  0 or -1. */
int	 schema_migrate(struct db *, struct pool *, const char *dir);
/* Number of staff accounts (0 on a fresh intranet). */
enum db_rc schema_staff_count(struct db *, struct pool *, int64_t *);

#endif
