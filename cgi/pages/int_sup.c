/*
 * int_sup.c: electronic supervision (电子监察, SUP-3): the supervisors'
 * and observers' pages on the intranet.  They read; nothing here changes
 * a case.
 */
#include "pages.h"
#include "supervision.h"
#include "vocab.h"

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
