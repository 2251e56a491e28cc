/*
 * supervision.c: electronic supervision's reading of the cases (SUP-*).
 */
#include "supervision.h"

#define SQL_SUP_BY_STATE \
	"SELECT state, COUNT(*) FROM kase GROUP BY state ORDER BY 2 DESC"

static enum db_rc
count_row(struct stmt *q, struct pool *p, void *elem)
{
	struct sup_count	*c = elem;

	return stmt_row(q, p, "si", &c->key, &c->n);
}

enum db_rc
sup_by_state(struct db *db, struct pool *p, struct sup_count **v, size_t *n)
{
	return stmt_list(db_stmt(db, SQL_SUP_BY_STATE), p, count_row,
	    sizeof(**v), v, n);
}
