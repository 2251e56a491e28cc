/*
 * int_claim.c: 窗口核验 (ACC-1; issue #10): the window clerk, having seen
 * the ID card (and for an enterprise the business licence), records that
 * a registered ID number belongs to the person before them, or a
 * registered enterprise to its real legal representative; the extranet
 * applies it as `yiwang-admin citizen-reset` / `enterprise-claim` would,
 * and its answer shows here.  The rules are claim.c's.
 */
#include <string.h>

#include "claim.h"
#include "pages.h"

/* The page, with Form.* as the clerk left it on a refusal. */
static int
claim_page(struct req *r)
{
	static const char *const kept[] = { "kind", "id_number", "name",
	    "mobile", "credit_code", "ent_name", "address", NULL };
	struct hall_claim *v;
	size_t		 n, i;
	char		*p;

	if (claim_list(r->db, r->pool, r->user.dept_id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Claims.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "kind", v[i].kind);
		hdf_put(r, p, "id_number", view_mask(r, v[i].id_number, 6, 4));
		if (v[i].mobile != NULL)
			hdf_put(r, p, "mobile", view_mask(r, v[i].mobile, 3,
			    4));
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "credit_code", v[i].credit_code);
		hdf_put(r, p, "ent_name", v[i].ent_name);
		hdf_put(r, p, "address", v[i].address);
		hdf_put(r, p, "clerk", v[i].clerk);
		hdf_put(r, p, "created_at", v[i].created_at);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "result", v[i].result);
		hdf_put(r, p, "result_at", v[i].result_at);
	}
	for (i = 0; kept[i] != NULL; i++)
		hdf_put(r, "Form", kept[i], form_get(r, kept[i]));
	hdf_set(r, "Page.Title", "窗口核验");
	return render(r, "int/hall_claim.cs");
}

/* GET /hall/claim?done=: the form and the department's claims. */
int
page_int_claim(struct req *r)
{
	if (form_get(r, "done") != NULL)
		hdf_set(r, "Page.Notice", "已登记，将随下一次网闸摆渡送往外网办理；"
		    "外网办理的结果回传后显示在下表中。");
	return claim_page(r);
}

/*
 * POST /hall/claim: kind (person: id_number, name, mobile; enterprise:
 * credit_code, ent_name, address, id_number of the legal representative),
 * checked: the clerk has seen the documents.  Refused with the form again
 * (422) saying what to change.
 */
int
page_int_claim_add(struct req *r)
{
	const char	*kind = form_get(r, "kind"), *why = NULL;
	enum db_rc	 rc;
	int64_t		 id;

	if (kind == NULL || (strcmp(kind, "person") != 0 &&
	    strcmp(kind, "enterprise") != 0))
		why = "请选择核验个人账户还是企业。";
	else if (form_get(r, "checked") == NULL)
		why = kind[0] == 'p' ? "请先核验本人的居民身份证原件，并勾选"
		    "「已核验」。" : "请先核验营业执照原件和法定代表人的居民"
		    "身份证原件，并勾选「已核验」。";
	if (why != NULL)
		rc = DB_NONE;
	else if (kind[0] == 'p')
		rc = claim_person(r->db, r->pool, &r->user, form_get(r,
		    "id_number"), form_text(r, "name"), form_get(r, "mobile"),
		    &id, &why);
	else
		rc = claim_enterprise(r->db, r->pool, &r->user, form_get(r,
		    "credit_code"), form_text(r, "ent_name"), form_text(r,
		    "address"), form_get(r, "id_number"), &id, &why);
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, "/hall/claim?done=1");
	case DB_NONE:
		r->status = 422;
		hdf_set(r, "Form.Error", why);
		return claim_page(r);
	default:
		return reply_error(r, 500, NULL);
	}
}
