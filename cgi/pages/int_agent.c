/*
 * int_agent.c: the system administrator's agents (代办员, AGT-1) on the
 * intranet: the list with each agent's cases, a new agent bound to a
 * township or villages of one, and deactivation.  An agent is not staff
 * and never logs in here: the new account crosses the gap, and the page
 * prints once the activation code the agent takes to the extranet.
 */
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "pages.h"

/* Regions.N.{code,name,level,parent,checked} for the form; -1 on error. */
static int
view_regions(struct req *r, const char *town)
{
	struct agent_region	*v;
	size_t			 n, i;

	if (agent_regions(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Regions.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_putf(r, p, "level", "%d", v[i].level);
		hdf_put(r, p, "parent", v[i].parent);
		if (v[i].level == 3 && town != NULL && strcmp(town,
		    v[i].code) == 0)
			hdf_put(r, p, "selected", "1");
		if (v[i].level == 4 && form_get(r, pool_printf(r->pool,
		    "v_%s", v[i].code)) != NULL)
			hdf_put(r, p, "checked", "1");
	}
	return 0;
}

static int
agents_page(struct req *r, int status, const char *why)
{
	struct agent_row	*v;
	size_t			 n, i;

	if (agent_list(r->db, r->pool, &v, &n) != DB_OK ||
	    view_regions(r, form_get(r, "township")) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Agents.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "area", v[i].area);
		hdf_put(r, p, "active", v[i].active ? "1" : "0");
		hdf_put(r, p, "created_at", v[i].created_at);
		hdf_putf(r, p, "cases", "%lld", (long long)v[i].cases);
	}
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.name", form_get(r, "name"));
		hdf_set(r, "Form.id_number", form_get(r, "id_number"));
		hdf_set(r, "Form.mobile", form_get(r, "mobile"));
	}
	if (form_get(r, "done") != NULL)
		hdf_set(r, "Page.Notice", "代办员账号已停用。停用随下一次数据交换"
		    "送达外网，送达后本人不能再登录。");
	hdf_set(r, "Page.Title", "代办员");
	return render(r, "int/admin_agents.cs");
}

/* GET /admin/agents */
int
page_int_admin_agents(struct req *r)
{
	return agents_page(r, 200, NULL);
}

/*
 * POST /admin/agents: name, id_number, mobile, township, and v_<code>
 * for each village of it the area is limited to (none: the township).
 * Shows the activation code once, to print for the agent.
 */
int
page_int_admin_agent_add(struct req *r)
{
	struct agent_region	*v;
	const char		*town = form_get(r, "township"), *why;
	const char		**villages;
	char			*code;
	size_t			 n, i, nv = 0;
	int64_t			 id;

	if (agent_regions(r->db, r->pool, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	villages = pool_alloc(r->pool, (n + 1) * sizeof(*villages));
	for (i = 0; i < n; i++)
		if (v[i].level == 4 && form_get(r, pool_printf(r->pool,
		    "v_%s", v[i].code)) != NULL)
			villages[nv++] = v[i].code;
	switch (agent_add(r->db, r->pool, r->user.login, form_get(r, "name"),
	    form_get(r, "id_number"), form_get(r, "mobile"), town, villages,
	    nv, &code, &id, &why)) {
	case DB_OK:
		break;
	case DB_NONE:
		return agents_page(r, 422, why);
	case DB_DUP:
		return agents_page(r, 409, "这个身份证号码已经开通过代办员账号。");
	default:
		return reply_error(r, 500, NULL);
	}
	hdf_set(r, "Agent.name", form_get(r, "name"));
	hdf_set(r, "Agent.code", code);
	hdf_setf(r, "Agent.id", "%lld", (long long)id);
	hdf_set(r, "Page.Title", "代办员账号已开通");
	return render(r, "int/admin_agent_code.cs");
}

/* POST /admin/agents/deactivate: id, confirm. */
int
page_int_admin_agent_off(struct req *r)
{
	const char	*ids = form_get(r, "id");
	char		*end;
	long long	 id;

	if (ids == NULL || (id = strtoll(ids, &end, 10)) <= 0 || *end != '\0')
		return reply_error(r, 404, "没有找到这位代办员。");
	if (form_get(r, "confirm") == NULL)
		return reply_error(r, 422, "请勾选“确认停用”后再提交。");
	switch (agent_deactivate(r->db, r->pool, r->user.login, id)) {
	case DB_OK:
		return reply_redirect(r, "/admin/agents?done=1");
	case DB_NONE:
		return reply_error(r, 404, "没有找到这位在用的代办员。");
	default:
		return reply_error(r, 500, NULL);
	}
}
