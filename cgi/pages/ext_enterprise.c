/*
 * ext_enterprise.c: enterprises (法人) on the extranet (ACC-1; issue #10):
 * registration by the legal representative, its page with its
 * applications, and the persons who act for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agency.h"
#include "enterprise.h"
#include "licence.h"
#include "ids.h"
#include "pages.h"

static int
register_again(struct req *r, int status, const char *why)
{
	r->status = status;
	hdf_set(r, "Form.Error", why);
	hdf_set(r, "Form.credit_code", form_get(r, "credit_code"));
	hdf_set(r, "Form.name", form_get(r, "name"));
	hdf_set(r, "Form.address", form_get(r, "address"));
	hdf_set(r, "Page.Title", "企业（法人）登记");
	return render(r, "ext/ent_register.cs");
}

/*
 * GET /enterprise/register
 */
int
page_ext_ent_register_form(struct req *r)
{
	hdf_set(r, "Page.Title", "企业（法人）登记");
	return render(r, "ext/ent_register.cs");
}

/*
 * POST /enterprise/register: credit_code, name, address, confirm.
 * The logged-in person registers the enterprise they represent.  A code
 * registered before gives the same page after the same work (F7), and
 * the first registration is never changed.
 */
int
page_ext_ent_register(struct req *r)
{
	const char	*code, *why;
	char		*up = NULL;

	if ((code = form_get(r, "credit_code")) != NULL && strlen(code) <= 40) {
		up = pool_strdup(r->pool, code);
		credit_code_upper(up);
	}
	if (form_get(r, "confirm") == NULL)
		return register_again(r, 422, "请勾选“本人是这家企业的法定代表人”"
		    "后再提交。");
	switch (enterprise_register(r->db, r->pool, &r->user, up,
	    form_get(r, "name"), form_get(r, "address"),
	    request_param(r, "REMOTE_ADDR"), &why)) {
	case ENT_DONE:
		break;
	case ENT_INVALID:
		return register_again(r, 422, why);
	case ENT_BUSY:	/* the form kept, to send tomorrow */
		return register_again(r, 429, pool_printf(r->pool, "%s已填写的"
		    "内容保留在下面。如有急事，请带营业执照和身份证到政务服务"
		    "中心窗口办理。", why));
	default:
		return reply_error(r, 500, NULL);
	}
	hdf_set(r, "Page.Title", "企业登记信息已提交");
	return render(r, "ext/ent_registered.cs");
}

/* The enterprise of the request's code for this person; 0 with *e, or
 * the reply already sent. */
static int
load_ent(struct req *r, struct enterprise *e)
{
	switch (enterprise_of(r->db, r->pool, r->user.id,
	    form_get(r, "code"), e)) {
	case DB_OK:
		return 0;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这家企业，或您不是它的法定"
		    "代表人或经办人。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* Agency.N: the progress of the key projects the centre handles for
 * enterprise credit (项目代办进度, INT-14), as the last record brought
 * it; -1 on a database error. */
static int
view_agency(struct req *r, const char *credit)
{
	struct agency_progress	*v;
	const char		*p, *q;
	size_t			 n, i, j;

	if (agency_progress_of(r->db, r->pool, credit, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Agency.%zu", i);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "location", v[i].location);
		hdf_put(r, p, "coordinator", v[i].coordinator);
		hdf_put(r, p, "as_of", v[i].as_of);
		hdf_put(r, p, "closed_at", v[i].closed_at);
		hdf_put(r, p, "close_reason", v[i].close_reason);
		hdf_putf(r, p, "done", "%zu", v[i].ndone);
		hdf_putf(r, p, "doing", "%zu", v[i].ndoing);
		hdf_putf(r, p, "todo", "%zu", v[i].ntodo);
		for (j = 0; j < v[i].nitems; j++) {
			q = pool_printf(r->pool, "%s.Items.%zu", p, j);
			hdf_put(r, q, "name", v[i].items[j].item_name);
			hdf_put(r, q, "dept", v[i].items[j].dept_name);
			hdf_put(r, q, "state", v[i].items[j].state);
			hdf_put(r, q, "app_no", v[i].items[j].app_no);
			hdf_put(r, q, "step", v[i].items[j].step);
		}
	}
	return 0;
}

/* The enterprise's page, with status and why after a refused form. */
static int
show_ent(struct req *r, const struct enterprise *e, int status,
    const char *why)
{
	struct ent_staff	*sv;
	struct application	*av;
	const char		*done;
	char			*p;
	size_t			 n, i, k;

	hdf_set(r, "Ent.code", e->credit_code);
	hdf_set(r, "Ent.name", e->name);
	hdf_set(r, "Ent.address", e->address);
	hdf_set(r, "Ent.type", credit_code_type(e->credit_code));
	hdf_set(r, "Ent.rep", e->rep_name);
	hdf_set(r, "Ent.created_at", e->created_at);
	hdf_set(r, "Ent.is_rep", e->is_rep ? "1" : "0");
	hdf_set(r, "Ent.rights", e->is_rep ? "法定代表人（全部权限）" :
	    enterprise_rights_label(r->pool, e->rights));
	hdf_set(r, "Ent.may_apply", e->rights & ENT_APPLY ? "1" : "0");
	hdf_set(r, "Ent.may_view", e->rights & ENT_VIEW ? "1" : "0");
	hdf_set(r, "Ent.may_staff", e->rights & ENT_STAFF ? "1" : "0");
	if (e->rights & ENT_STAFF) {
		if (enterprise_staff(r->db, r->pool, e->id, &sv, &n) != DB_OK)
			return reply_error(r, 500, NULL);
		for (i = 0; i < n; i++) {
			p = pool_printf(r->pool, "Staff.%zu", i);
			hdf_setf(r, pool_printf(r->pool, "%s.id", p), "%lld",
			    (long long)sv[i].citizen_id);
			hdf_put(r, p, "name", sv[i].name);
			hdf_put(r, p, "rights", enterprise_rights_label(r->pool,
			    sv[i].rights));
			hdf_put(r, p, "granted_at", sv[i].granted_at);
		}
	}
	if (e->rights & ENT_VIEW) {
		if (app_list_enterprise(r->db, r->pool, e->id, &av, &n) !=
		    DB_OK)
			return reply_error(r, 500, NULL);
		/* 一件事 (EXT-12): each bundle one entry, its applications
		 * in it, not again on their own. */
		if (view_enterprise_bundles(r, e->id) == -1)
			return reply_error(r, 500, NULL);
		for (i = 0, k = 0; i < n; i++) {
			if (av[i].bundle_no != NULL)
				continue;
			p = pool_printf(r->pool, "Apps.%zu", k++);
			hdf_put(r, p, "app_no", av[i].app_no);
			hdf_put(r, p, "item_name", av[i].item_name);
			hdf_put(r, p, "state_label", av[i].state_label);
			hdf_put(r, p, "submitted_at", av[i].submitted_at);
			hdf_put(r, p, "handler", av[i].applicant_name);
		}
	}
	/* Its 全程代理 projects' progress (INT-14), likewise. */
	if ((e->rights & ENT_VIEW) && view_agency(r, e->credit_code) == -1)
		return reply_error(r, 500, NULL);
	/* Its licences (DOC-2), for those who see its applications. */
	if (e->rights & ENT_VIEW) {
		struct licence	*lv;

		if (licence_of_enterprise(r->db, r->pool, e->id, &lv, &n) !=
		    DB_OK)
			return reply_error(r, 500, NULL);
		view_licences(r, "Lics", lv, n);
	}
	if ((done = form_get(r, "done")) != NULL && strcmp(done, "grant") == 0)
		hdf_set(r, "Page.Notice", "已授权。对方登录后即可按所授权限"
		    "以企业名义办理。");
	else if (done != NULL && strcmp(done, "revoke") == 0)
		hdf_set(r, "Page.Notice", "已取消授权，对方不能再以企业名义"
		    "办理或查看企业办件。");
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.name", form_get(r, "name"));
	}
	hdf_set(r, "Page.Title", e->name);
	return render(r, "ext/enterprise.cs");
}

/*
 * GET /enterprise?code=…  one enterprise of the logged-in person.
 */
int
page_ext_enterprise(struct req *r)
{
	struct enterprise	 e;
	int			 rc;

	if ((rc = load_ent(r, &e)) != 0)
		return rc;
	return show_ent(r, &e, 200, NULL);
}

/*
 * POST /enterprise/grant: code, id_number, name, r_apply, r_view,
 * r_staff.  Whoever manages the enterprise's staff grants a registered
 * person these rights (again: the rights become these).
 */
int
page_ext_ent_grant(struct req *r)
{
	struct enterprise	 e;
	const char		*why;
	unsigned		 rights = 0;
	int			 rc;

	if ((rc = load_ent(r, &e)) != 0)
		return rc;
	if (!(e.rights & ENT_STAFF))
		return reply_error(r, 403, "您没有管理这家企业经办人的权限。");
	if (form_get(r, "r_apply") != NULL)
		rights |= ENT_APPLY;
	if (form_get(r, "r_view") != NULL)
		rights |= ENT_VIEW;
	if (form_get(r, "r_staff") != NULL)
		rights |= ENT_STAFF;
	switch (enterprise_grant(r->db, r->pool, &r->user, &e,
	    form_get(r, "id_number"), form_get(r, "name"), rights, &why)) {
	case ENT_DONE:
		return reply_redirect(r, pool_printf(r->pool,
		    "/enterprise?code=%s&done=grant", e.credit_code));
	case ENT_INVALID:
		return show_ent(r, &e, 422, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /enterprise/revoke: code, person (the account's id, from the
 * page's list).
 */
int
page_ext_ent_revoke(struct req *r)
{
	struct enterprise	 e;
	const char		*v;
	char			*end;
	long long		 who;
	int			 rc;

	if ((rc = load_ent(r, &e)) != 0)
		return rc;
	if (!(e.rights & ENT_STAFF))
		return reply_error(r, 403, "您没有管理这家企业经办人的权限。");
	if ((v = form_get(r, "person")) == NULL || strlen(v) > 18 ||
	    (who = strtoll(v, &end, 10)) <= 0 || *end != '\0')
		return reply_error(r, 400, "请从经办人名单中选择要取消授权的人。");
	switch (enterprise_revoke(r->db, r->pool, &r->user, &e, who)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/enterprise?code=%s&done=revoke", e.credit_code));
	case DB_NONE:
		return reply_error(r, 409, "这个人已经不是这家企业的经办人。");
	default:
		return reply_error(r, 500, NULL);
	}
}
