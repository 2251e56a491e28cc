/*
 * int_admin.c: the system administrator's pages on the intranet (ORG-1,
 * ORG-2, ACC-4): the organisation at a glance, the names of the four
 * levels, regions, halls, departments, windows and staff records.  Only
 * ROLE_ADMIN reaches them (routes.c).  Under 三员分立 (SEC-7) roles and
 * passwords are the security administrator's (int_secadmin.c) and the
 * audit trail the audit administrator's (int_audit.c).
 *
 * Every form page reads Form.* only: a GET fills it from the database, a
 * refused POST from what was typed (never passwords), with Form.Error and
 * Form.Field (the field to correct) and status 422.  A saved POST
 * redirects to the object's page with saved=1.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "org.h"
#include "pages.h"

/* A form value as the domain's structs hold it (form_get copies it into
 * the request's pool, so it may be written). */
static char *
fv(struct req *r, const char *name)
{
	return (char *)form_get(r, name);
}

static const char *
form(struct req *r, const char *name)
{
	return hdf_get_value(r->hdf, pool_printf(r->pool, "Form.%s", name),
	    "");
}

static void
saved_notice(struct req *r)
{
	if (form_get(r, "saved") != NULL)
		hdf_set(r, "Page.Notice", "已保存。");
}

/* Echo what was typed into Form.*. */
static void
echo(struct req *r, const char *const *fields)
{
	for (; *fields != NULL; fields++)
		hdf_put(r, "Form", *fields, form_get(r, *fields));
}

/* Whether the POST edits an existing object (hidden edit=1). */
static enum org_mode
mode_of(struct req *r)
{
	const char	*v = form_get(r, "edit");

	return v != NULL && strcmp(v, "1") == 0 ? ORG_EDIT : ORG_ADD;
}

/* ------------------------------------------------------------------ */
/* Option lists; each marks the entry equal to Form.<field> selected.   */
/* ------------------------------------------------------------------ */

static int
view_levels(struct req *r, const char *field)
{
	struct org_level lv[ORG_LEVELS];
	const char	*sel = field ? form(r, field) : "";
	char		*p;
	int		 i;

	if (org_levels(r->db, r->pool, lv) != DB_OK)
		return -1;
	for (i = 0; i < ORG_LEVELS; i++) {
		p = pool_printf(r->pool, "Levels.%d", i);
		hdf_putf(r, p, "level", "%d", lv[i].level);
		hdf_put(r, p, "name", lv[i].name);
		hdf_put(r, p, "hall_kind", org_hall_kind(lv[i].level));
		/* The levels form edits each name as field name1…name4. */
		hdf_putf(r, p, "field", "name%d", lv[i].level);
		hdf_put(r, p, "value", form(r, pool_printf(r->pool, "name%d",
		    lv[i].level)));
		if (atoi(sel) == lv[i].level)
			hdf_put(r, p, "selected", "1");
	}
	return 0;
}

/* Regions as options (levels below max_level only; skip: leave out one
 * code, the region being edited). */
static int
view_region_options(struct req *r, const char *list, const char *field,
    int max_level, const char *skip)
{
	struct org_region	*v;
	const char		*sel = form(r, field);
	char			*p;
	size_t			 n, i, k = 0;

	if (org_regions(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i].level > max_level || (skip != NULL &&
		    strcmp(v[i].code, skip) == 0))
			continue;
		p = pool_printf(r->pool, "%s.%zu", list, k++);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_putf(r, p, "level", "%d", v[i].level);
		hdf_put(r, p, "level_name", v[i].level_name);
		hdf_put(r, p, "parent_name", v[i].parent_name);
		if (strcmp(sel, v[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	return 0;
}

static int
view_hall_options(struct req *r, const char *field)
{
	struct org_hall	*v;
	const char	*sel = form(r, field);
	char		*p;
	size_t		 n, i;

	if (org_halls(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Halls.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "region_name", v[i].region_name);
		if (strcmp(sel, v[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* GET /admin                                                           */
/* ------------------------------------------------------------------ */

/* The index of region code in v[0..n), or -1. */
static long
region_index(const struct org_region *v, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return (long)i;
	return -1;
}

/*
 * Cal.missing: the first year that a deadline counted from today may
 * reach (CAL_AHEAD_DAYS) whose holidays are not loaded, for the warning on
 * the administrator's home (TIME-1).
 */
static int
view_calendar_missing(struct req *r)
{
	struct calendar	 c;
	int		 y;

	if (calendar_get(r->db, r->pool, &c) != DB_OK)
		return -1;
	if ((y = calendar_missing_year(&c, cal_day_of(clock_now()),
	    CAL_AHEAD_DAYS)) != 0)
		hdf_setf(r, "Cal.missing", "%d", y);
	return 0;
}

/*
 * GET /admin: the region tree (Regions.N…Children.M, at most four deep)
 * with each region's halls, and the departments with their windows and
 * active staff.
 */
int
page_int_admin(struct req *r)
{
	struct org_region	*rv;
	struct org_hall		*hv;
	struct org_dept		*dv;
	struct org_window	*wv;
	char			**path, *p;
	size_t			 nr, nh, nd, nw, i, j, ntop = 0;
	size_t			*nkids, *nhalls, *nwin;
	long			 k;
	int64_t			 staff = 0;

	if (view_levels(r, NULL) == -1 ||
	    org_regions(r->db, r->pool, &rv, &nr) != DB_OK ||
	    org_halls(r->db, r->pool, &hv, &nh) != DB_OK ||
	    org_depts(r->db, r->pool, &dv, &nd) != DB_OK ||
	    org_windows(r->db, r->pool, NULL, &wv, &nw) != DB_OK)
		return reply_error(r, 500, NULL);
	path = pool_alloc(r->pool, (nr + 1) * sizeof(*path));
	nkids = pool_alloc(r->pool, (nr + 1) * sizeof(*nkids));
	nhalls = pool_alloc(r->pool, (nr + 1) * sizeof(*nhalls));
	/* By level, so a parent has its place before its children. */
	for (i = 0; i < nr; i++) {
		k = *rv[i].parent_code ? region_index(rv, nr, rv[i].parent_code)
		    : -1;
		if (k < 0 || path[k] == NULL)
			path[i] = pool_printf(r->pool, "Regions.%zu", ntop++);
		else
			path[i] = pool_printf(r->pool, "%s.Children.%zu",
			    path[k], nkids[k]++);
		hdf_put(r, path[i], "code", rv[i].code);
		hdf_put(r, path[i], "name", rv[i].name);
		hdf_putf(r, path[i], "level", "%d", rv[i].level);
		hdf_put(r, path[i], "level_name", rv[i].level_name);
		hdf_put(r, path[i], "hall_kind", org_hall_kind(rv[i].level));
	}
	for (i = 0; i < nh; i++) {
		if ((k = region_index(rv, nr, hv[i].region_code)) < 0)
			continue;
		p = pool_printf(r->pool, "%s.Halls.%zu", path[k], nhalls[k]++);
		hdf_put(r, p, "code", hv[i].code);
		hdf_put(r, p, "name", hv[i].name);
		hdf_put(r, p, "kind", org_hall_kind(hv[i].level));
	}
	nwin = pool_alloc(r->pool, (nd + 1) * sizeof(*nwin));
	for (i = 0; i < nd; i++) {
		p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", dv[i].code);
		hdf_put(r, p, "name", dv[i].name);
		hdf_put(r, p, "abbr", dv[i].abbr);
		hdf_put(r, p, "region_name", dv[i].region_name);
		hdf_put(r, p, "hall_name", dv[i].hall_name);
		hdf_putf(r, p, "staff", "%lld", (long long)dv[i].staff);
		staff += dv[i].staff;
		for (j = 0; j < nw; j++) {
			char *q;

			if (strcmp(wv[j].dept_code, dv[i].code) != 0)
				continue;
			q = pool_printf(r->pool, "%s.Windows.%zu", p,
			    nwin[i]++);
			hdf_put(r, q, "code", wv[j].code);
			hdf_put(r, q, "name", wv[j].name);
			hdf_put(r, q, "hall_name", wv[j].hall_name);
		}
	}
	hdf_setf(r, "Totals.regions", "%zu", nr);
	hdf_setf(r, "Totals.halls", "%zu", nh);
	hdf_setf(r, "Totals.depts", "%zu", nd);
	hdf_setf(r, "Totals.windows", "%zu", nw);
	hdf_setf(r, "Totals.staff", "%lld", (long long)staff);
	if (view_calendar_missing(r) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "系统管理");
	return render(r, "int/admin_home.cs");
}

/* ------------------------------------------------------------------ */
/* Levels                                                               */
/* ------------------------------------------------------------------ */

static const char *const level_fields[] = { "name1", "name2", "name3",
    "name4", NULL };

static int
levels_page(struct req *r)
{
	if (view_levels(r, NULL) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "层级名称");
	return render(r, "int/admin_levels.cs");
}

/* GET /admin/levels: the names of the four levels. */
int
page_int_admin_levels_form(struct req *r)
{
	struct org_level lv[ORG_LEVELS];
	int		 i;

	if (org_levels(r->db, r->pool, lv) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < ORG_LEVELS; i++)
		hdf_put(r, "Form", level_fields[i], lv[i].name);
	saved_notice(r);
	return levels_page(r);
}

/* POST /admin/levels: name1..name4. */
int
page_int_admin_levels(struct req *r)
{
	struct org_err	 err;
	char		*names[ORG_LEVELS];
	int		 i;

	for (i = 0; i < ORG_LEVELS; i++)
		names[i] = fv(r, level_fields[i]);
	switch (org_levels_save(r->db, r->pool, r->user.login, names, &err)) {
	case DB_OK:
		return reply_redirect(r, "/admin/levels?saved=1");
	case DB_NONE:
		view_refused(r, &err);
		echo(r, level_fields);
		return levels_page(r);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Regions                                                              */
/* ------------------------------------------------------------------ */

static const char *const region_fields[] = { "code", "name", "level",
    "parent", "edit", NULL };

static int
region_page(struct req *r)
{
	int	 edit = strcmp(form(r, "edit"), "1") == 0;

	if (view_levels(r, "level") == -1 ||
	    view_region_options(r, "Parents", "parent", ORG_LEVELS - 1,
	    edit ? form(r, "code") : NULL) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", edit ? "修改区划" : "新增区划");
	return render(r, "int/admin_region.cs");
}

/*
 * GET /admin/region?code=… (edit) or ?parent=… (a new region under it)
 * or neither (a new region at the top).
 */
int
page_int_admin_region_form(struct req *r)
{
	struct org_region	 g;
	const char		*code = form_get(r, "code"),
				*parent = form_get(r, "parent");

	if (code != NULL) {
		if (!org_valid_code(code, ORG_REGION_CODE_MAX))
			return reply_error(r, 400, "区划代码格式不正确。");
		switch (org_region_get(r->db, r->pool, code, &g)) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "没有找到这个区划。");
		default:
			return reply_error(r, 500, NULL);
		}
		hdf_set(r, "Form.edit", "1");
		hdf_set(r, "Form.code", g.code);
		hdf_set(r, "Form.name", g.name);
		hdf_setf(r, "Form.level", "%d", g.level);
		hdf_set(r, "Form.parent", g.parent_code);
		hdf_set(r, "Region.level_name", g.level_name);
		hdf_set(r, "Region.hall_kind", org_hall_kind(g.level));
	} else if (parent != NULL) {
		if (!org_valid_code(parent, ORG_REGION_CODE_MAX))
			return reply_error(r, 400, "区划代码格式不正确。");
		switch (org_region_get(r->db, r->pool, parent, &g)) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "没有找到上级区划。");
		default:
			return reply_error(r, 500, NULL);
		}
		if (g.level >= ORG_LEVELS)
			return reply_error(r, 400, "最末一级区划下不能再设下级"
			    "区划。");
		hdf_set(r, "Form.parent", g.code);
		hdf_setf(r, "Form.level", "%d", g.level + 1);
	} else
		hdf_set(r, "Form.level", "1");
	saved_notice(r);
	return region_page(r);
}

/* POST /admin/region: code, name, level, parent, edit. */
int
page_int_admin_region(struct req *r)
{
	struct org_region	 g;
	struct org_err		 err;
	const char		*level = form_get(r, "level");
	enum org_mode		 mode = mode_of(r);

	memset(&g, 0, sizeof(g));
	g.code = fv(r, "code");
	g.name = fv(r, "name");
	g.level = level != NULL && strlen(level) == 1 ? atoi(level) : 0;
	g.parent_code = fv(r, "parent");
	switch (org_region_save(r->db, r->pool, r->user.login, mode, &g,
	    &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/region?code=%s&saved=1", g.code));
	case DB_NONE:
		view_refused(r, &err);
		echo(r, region_fields);
		return region_page(r);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Halls                                                                */
/* ------------------------------------------------------------------ */

static const char *const hall_fields[] = { "code", "name", "region",
    "address", "phone", "hours", "edit", NULL };

static int
hall_page(struct req *r)
{
	if (view_region_options(r, "Regions", "region", ORG_LEVELS,
	    NULL) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", strcmp(form(r, "edit"), "1") == 0 ?
	    "修改服务大厅" : "新增服务大厅");
	return render(r, "int/admin_hall.cs");
}

/* GET /admin/hall?code=… (edit) or ?region=… (a new hall there). */
int
page_int_admin_hall_form(struct req *r)
{
	struct org_hall	 h;
	const char	*code = form_get(r, "code"),
			*region = form_get(r, "region");

	if (code != NULL) {
		if (!org_valid_code(code, ORG_CODE_MAX))
			return reply_error(r, 400, "大厅编码格式不正确。");
		switch (org_hall_get(r->db, r->pool, code, &h)) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "没有找到这个服务大厅。");
		default:
			return reply_error(r, 500, NULL);
		}
		hdf_set(r, "Form.edit", "1");
		hdf_set(r, "Form.code", h.code);
		hdf_set(r, "Form.name", h.name);
		hdf_set(r, "Form.region", h.region_code);
		hdf_set(r, "Form.address", h.address);
		hdf_set(r, "Form.phone", h.phone);
		hdf_set(r, "Form.hours", h.hours);
		hdf_set(r, "Hall.kind", org_hall_kind(h.level));
	} else if (region != NULL)
		hdf_set(r, "Form.region", region);
	saved_notice(r);
	return hall_page(r);
}

/* POST /admin/hall: code, name, region, address, phone, hours, edit. */
int
page_int_admin_hall(struct req *r)
{
	struct org_hall	 h;
	struct org_err	 err;

	memset(&h, 0, sizeof(h));
	h.code = fv(r, "code");
	h.name = fv(r, "name");
	h.region_code = fv(r, "region");
	h.address = fv(r, "address");
	h.phone = fv(r, "phone");
	h.hours = fv(r, "hours");
	switch (org_hall_save(r->db, r->pool, r->user.login, mode_of(r), &h,
	    &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/hall?code=%s&saved=1", h.code));
	case DB_NONE:
		view_refused(r, &err);
		echo(r, hall_fields);
		return hall_page(r);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Departments                                                          */
/* ------------------------------------------------------------------ */

static const char *const dept_fields[] = { "code", "name", "abbr",
    "region", "hall", "address", "phone", "edit", NULL };

static int
dept_page(struct req *r)
{
	struct org_window	*wv;
	const char		*code = form(r, "code");
	char			*p;
	size_t			 n, i;
	int			 edit = strcmp(form(r, "edit"), "1") == 0;

	if (view_region_options(r, "Regions", "region", ORG_LEVELS,
	    NULL) == -1 || view_hall_options(r, "hall") == -1)
		return reply_error(r, 500, NULL);
	if (edit && org_valid_code(code, ORG_CODE_MAX)) {
		if (org_windows(r->db, r->pool, code, &wv, &n) != DB_OK)
			return reply_error(r, 500, NULL);
		for (i = 0; i < n; i++) {
			p = pool_printf(r->pool, "Windows.%zu", i);
			hdf_put(r, p, "code", wv[i].code);
			hdf_put(r, p, "name", wv[i].name);
			hdf_put(r, p, "hall_name", wv[i].hall_name);
		}
	}
	hdf_set(r, "Page.Title", edit ? "修改部门" : "新增部门");
	return render(r, "int/admin_dept.cs");
}

/* GET /admin/dept?code=… (edit) or nothing (a new department). */
int
page_int_admin_dept_form(struct req *r)
{
	struct org_dept	 d;
	const char	*code = form_get(r, "code");

	if (code != NULL) {
		if (!org_valid_code(code, ORG_CODE_MAX))
			return reply_error(r, 400, "部门编码格式不正确。");
		switch (org_dept_get(r->db, r->pool, code, &d)) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "没有找到这个部门。");
		default:
			return reply_error(r, 500, NULL);
		}
		hdf_set(r, "Form.edit", "1");
		hdf_set(r, "Form.code", d.code);
		hdf_set(r, "Form.name", d.name);
		hdf_set(r, "Form.abbr", d.abbr);
		hdf_set(r, "Form.region", d.region_code);
		hdf_set(r, "Form.hall", d.hall_code);
		hdf_set(r, "Form.address", d.address);
		hdf_set(r, "Form.phone", d.phone);
		hdf_set(r, "Dept.region_name", d.region_name);
		hdf_setf(r, "Dept.staff", "%lld", (long long)d.staff);
	}
	saved_notice(r);
	return dept_page(r);
}

/* POST /admin/dept: code, name, abbr, region, hall, address, phone, edit. */
int
page_int_admin_dept(struct req *r)
{
	struct org_dept	 d;
	struct org_err	 err;

	memset(&d, 0, sizeof(d));
	d.code = fv(r, "code");
	d.name = fv(r, "name");
	d.abbr = fv(r, "abbr");
	d.region_code = fv(r, "region");
	d.hall_code = fv(r, "hall");
	d.address = fv(r, "address");
	d.phone = fv(r, "phone");
	switch (org_dept_save(r->db, r->pool, r->user.login, mode_of(r), &d,
	    &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/dept?code=%s&saved=1", d.code));
	case DB_NONE:
		view_refused(r, &err);
		echo(r, dept_fields);
		return dept_page(r);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Windows                                                              */
/* ------------------------------------------------------------------ */

static const char *const window_fields[] = { "dept", "code", "name",
    "hall", "edit", NULL };

static int
window_page(struct req *r)
{
	if (view_dept_options(r, form(r, "dept")) == -1 ||
	    view_hall_options(r, "hall") == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", strcmp(form(r, "edit"), "1") == 0 ?
	    "修改窗口" : "新增窗口");
	return render(r, "int/admin_window.cs");
}

/* GET /admin/window?dept=…&code=… (edit) or ?dept=… (a new window). */
int
page_int_admin_window_form(struct req *r)
{
	struct org_window	 w;
	const char		*dept = form_get(r, "dept"),
				*code = form_get(r, "code");

	if (dept != NULL && !org_valid_code(dept, ORG_CODE_MAX))
		return reply_error(r, 400, "部门编码格式不正确。");
	if (code != NULL) {
		if (dept == NULL || !org_valid_code(code, ORG_CODE_MAX))
			return reply_error(r, 400, "窗口编号格式不正确。");
		switch (org_window_get(r->db, r->pool, dept, code, &w)) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "没有找到这个窗口。");
		default:
			return reply_error(r, 500, NULL);
		}
		hdf_set(r, "Form.edit", "1");
		hdf_set(r, "Form.code", w.code);
		hdf_set(r, "Form.name", w.name);
		hdf_set(r, "Form.hall", w.hall_code);
		hdf_set(r, "Window.dept_name", w.dept_name);
	}
	hdf_set(r, "Form.dept", dept);
	saved_notice(r);
	return window_page(r);
}

/* POST /admin/window: dept, code, name, hall, edit. */
int
page_int_admin_window(struct req *r)
{
	struct org_window	 w;
	struct org_err		 err;

	memset(&w, 0, sizeof(w));
	w.dept_code = fv(r, "dept");
	w.code = fv(r, "code");
	w.name = fv(r, "name");
	w.hall_code = fv(r, "hall");
	switch (org_window_save(r->db, r->pool, r->user.login, mode_of(r), &w,
	    &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/window?dept=%s&code=%s&saved=1", w.dept_code,
		    w.code));
	case DB_NONE:
		view_refused(r, &err);
		echo(r, window_fields);
		return window_page(r);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Staff records (roles and passwords: int_secadmin.c)                  */
/* ------------------------------------------------------------------ */

static const char *const staff_fields[] = { "login", "name", "dept",
    "edit", "mobile", NULL };

/* GET /admin/staff?dept=…: staff accounts, of one department or all. */
int
page_int_admin_staff(struct req *r)
{
	const char	*dept = form_get(r, "dept");

	if (dept != NULL && !org_valid_code(dept, ORG_CODE_MAX))
		return reply_error(r, 400, "部门编码格式不正确。");
	if (view_staff_list(r, dept) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "工作人员");
	return render(r, "int/admin_staff.cs");
}

static int
staff_page(struct req *r)
{
	if (view_dept_options(r, form(r, "dept")) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", strcmp(form(r, "edit"), "1") == 0 ?
	    "修改工作人员" : "新增工作人员");
	return render(r, "int/admin_staff_edit.cs");
}

/* Staff.* of the stored account login; 0, or an HTTP status. */
static int
staff_load(struct req *r, const char *login, struct org_staff *s)
{
	if (!org_valid_login(login))
		return 400;
	switch (org_staff_get(r->db, r->pool, login, s)) {
	case DB_OK:
		view_staff(r, "Staff", s);
		return 0;
	case DB_NONE:
		return 404;
	default:
		return 500;
	}
}

/* GET /admin/staff/edit?login=… (edit) or ?dept=… (a new account). */
int
page_int_admin_staff_form(struct req *r)
{
	struct org_staff s;
	const char	*login = form_get(r, "login"), *dept;
	int		 status;

	if (login != NULL) {
		if ((status = staff_load(r, login, &s)) != 0)
			return reply_error(r, status, status == 404 ?
			    "没有找到这位工作人员。" : status == 400 ?
			    "登录名格式不正确。" : NULL);
		hdf_set(r, "Form.edit", "1");
		hdf_set(r, "Form.login", s.login);
		hdf_set(r, "Form.name", s.name);
		hdf_set(r, "Form.dept", s.dept_code);
		if (s.active)
			hdf_set(r, "Form.active", "1");
	} else {
		if ((dept = form_get(r, "dept")) != NULL &&
		    org_valid_code(dept, ORG_CODE_MAX))
			hdf_set(r, "Form.dept", dept);
		hdf_set(r, "Form.active", "1");
	}
	saved_notice(r);
	return staff_page(r);
}

/*
 * POST /admin/staff/edit: login, name, dept, and on an edit (edit=1)
 * active (checkbox).  A new account has no role and no password until
 * the security administrator gives them.
 */
int
page_int_admin_staff_save(struct req *r)
{
	struct org_staff s, o;
	struct org_err	 err;
	enum org_mode	 mode = mode_of(r);

	memset(&s, 0, sizeof(s));
	s.login = fv(r, "login");
	s.name = fv(r, "name");
	s.dept_code = fv(r, "dept");
	s.mobile = mode == ORG_ADD ? fv(r, "mobile") : NULL;
	s.active = mode == ORG_ADD || form_get(r, "active") != NULL;
	switch (org_staff_save(r->db, r->pool, r->user.login, mode, &s,
	    &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/admin/staff/edit?login=%s&saved=1", s.login));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	view_refused(r, &err);
	echo(r, staff_fields);
	if (s.active)
		hdf_set(r, "Form.active", "1");
	/* An existing account's heading stays as it was. */
	if (mode == ORG_EDIT)
		(void)staff_load(r, s.login, &o);
	return staff_page(r);
}
