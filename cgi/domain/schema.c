/*
 * schema.c: owns schema_version.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "schema.h"

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
