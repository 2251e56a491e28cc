/*
 * int_sup.c: electronic supervision (电子监察, SUP-3): the supervisors'
 * and observers' pages on the intranet.  They read; nothing here changes
 * a case.
 */
#include "exchange.h"
#include "pages.h"
#include "route.h"
#include "supervision.h"
#include "vocab.h"

/*
 * Observers (SUP-7) may look at anything the supervision pages show, and
 * every look is audited: the page as object, the method and the query as
 * asked as detail (bytes outside printable ASCII as '?': a browser sends
 * the query percent-encoded, and the trail is text).
 */
int
route_observed(struct req *r)
{
	const char	*qs = request_param(r, "QUERY_STRING");
	char		*what;
	size_t		 i;

	what = pool_printf(r->pool, "%s %s", r->method, qs ? qs : "");
	for (i = 0; what[i] != '\0'; i++)
		if ((unsigned char)what[i] < 0x20 ||
		    (unsigned char)what[i] > 0x7e)
			what[i] = '?';
	if (db_begin(r->db) != DB_OK)
		return -1;
	if (audit_add(r->db, r->pool, r->user.login, "sup.observe", r->path,
	    what) != DB_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

/* GET /sup: the county at a glance. */
int
page_sup_home(struct req *r)
{
	struct sup_count	*v;
	size_t			 n, i;
	char			*p;

	if (sup_by_state(r->db, r->pool, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "States.%zu", i);
		hdf_put(r, p, "state", v[i].key);
		hdf_put(r, p, "label", vocab_state_label(v[i].key));
		hdf_putf(r, p, "count", "%lld", (long long)v[i].n);
	}
	hdf_set(r, "Page.Title", "电子监察");
	return render(r, "int/sup_home.cs");
}
