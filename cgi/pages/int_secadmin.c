/*
 * int_secadmin.c: the security administrator's pages (安全管理员, SEC-7,
 * ACC-4): their home, the staff with their roles and the state of their
 * passwords, and one account's roles and password.  Only ROLE_SECADMIN
 * reaches them (routes.c).  The system administrator creates the
 * accounts; the security administrator gives them roles and a first
 * password, which its owner must change at next login (org.c refuses
 * combinations 三员分立 forbids, one's own roles and one's own password
 * here).
 *
 * Form pages follow int_admin.c: Form.* read only, a refused POST
 * answers 422 with Form.Error and Form.Field (roles) or Reset.Error (the
 * password form).
 */
#include <string.h>

#include "account.h"
#include "alert.h"
#include "org.h"
#include "pages.h"

/*
 * GET /sec: what the security administrator does, the three
 * administrators (Admins.N, view_staff) and what waits: accounts without
 * a password (Count.no_password), with a temporary one (Count.temporary),
 * without a role (Count.no_role).
 */
int
page_int_sec(struct req *r)
{
	struct org_staff	*v;
	struct account_locked	*locked;
	struct alert		*alerts;
	size_t			 n, i, a = 0, nopw = 0, temp = 0, norole = 0;
	size_t			 nlocked, nalerts;
	int64_t			 open;

	if (org_staff_list(r->db, r->pool, NULL, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		if (!v[i].active)
			continue;
		if (v[i].roles & ROLES_ADMINS)
			view_staff(r, pool_printf(r->pool, "Admins.%zu", a++),
			    &v[i]);
		nopw += v[i].pw == ORG_PW_NONE;
		temp += v[i].pw == ORG_PW_TEMPORARY;
		norole += v[i].roles == 0;
	}
	hdf_setf(r, "Count.no_password", "%zu", nopw);
	hdf_setf(r, "Count.temporary", "%zu", temp);
	hdf_setf(r, "Count.no_role", "%zu", norole);
	if (account_locks(r->db, r->pool, SITE_INTRANET, &locked, &nlocked) !=
	    DB_OK || alert_open(r->db, r->pool, 0, &alerts, &nalerts,
	    &open) != DB_OK)
		return reply_error(r, 500, NULL);
	hdf_setf(r, "Count.locked", "%zu", nlocked);
	hdf_setf(r, "Count.alerts", "%lld", (long long)open);
	hdf_set(r, "Page.Title", "安全管理");
	return render(r, "int/sec_home.cs");
}

/* GET /sec/staff?dept=…: every account with its roles and password. */
int
page_int_sec_staff(struct req *r)
{
	const char	*dept = form_get(r, "dept");

	if (dept != NULL && !org_valid_code(dept, ORG_CODE_MAX))
		return reply_error(r, 400, "部门编码格式不正确。");
	if (view_staff_list(r, dept) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "角色与密码");
	return render(r, "int/sec_staff.cs");
}

/*
 * The page of one account: Staff.* (view_staff), Roles.N.{field,label,
 * checked} from roles, Self when it is the user's own.  status: 0, or an
 * HTTP status when the account cannot be shown.
 */
static int
account_page(struct req *r, const char *login, unsigned roles, int form,
    int *status)
{
	const struct account_role *o;
	struct org_staff s;
	char		*p;
	size_t		 i, j;

	*status = 0;
	if (!org_valid_login(login)) {
		*status = reply_error(r, 400, "登录名格式不正确。");
		return -1;
	}
	switch (org_staff_get(r->db, r->pool, login, &s)) {
	case DB_OK:
		break;
	case DB_NONE:
		*status = reply_error(r, 404, "没有找到这位工作人员。");
		return -1;
	default:
		*status = reply_error(r, 500, NULL);
		return -1;
	}
	view_staff(r, "Staff", &s);
	if (!form)
		roles = s.roles;
	for (i = j = 0; i < naccount_roles; i++) {
		if ((o = &account_roles[i])->field == NULL)
			continue;
		p = pool_printf(r->pool, "Roles.%zu", j++);
		hdf_put(r, p, "field", o->field);
		hdf_put(r, p, "label", o->label);
		if (roles & o->role)
			hdf_put(r, p, "checked", "1");
		if (o->role & ROLES_ADMINS)
			hdf_put(r, p, "admin", "1");
	}
	if (strcmp(s.login, r->user.login) == 0)
		hdf_set(r, "Self", "1");
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s 的角色与密码",
	    s.name));
	*status = render(r, "int/sec_staff_edit.cs");
	return 0;
}

/* GET /sec/staff/edit?login=…[&saved=roles|password] */
int
page_int_sec_staff_form(struct req *r)
{
	const char	*saved = form_get(r, "saved");
	int		 status;

	if (saved != NULL && strcmp(saved, "roles") == 0)
		hdf_set(r, "Page.Notice", "角色已保存，本人下一次打开页面时"
		    "生效。");
	else if (saved != NULL && strcmp(saved, "password") == 0)
		hdf_set(r, "Page.Notice", "密码已设置。请当面或通过安全渠道"
		    "告知本人：这是临时密码，本人登录后须先修改，才能办理业务。");
	(void)account_page(r, form_get(r, "login"), 0, 0, &status);
	return status;
}

/* POST /sec/staff/roles: login, role_* (checkboxes). */
int
page_int_sec_staff_roles(struct req *r)
{
	struct org_err	 err = { NULL, NULL };
	const char	*login = form_get(r, "login");
	unsigned	 roles = 0;
	size_t		 i;
	int		 status;

	/* Only the roles the form offers (account_roles' fields). */
	for (i = 0; i < naccount_roles; i++)
		if (account_roles[i].field != NULL &&
		    form_get(r, account_roles[i].field) != NULL)
			roles |= account_roles[i].role;
	switch (org_staff_roles(r->db, r->pool, r->user.login, login, roles,
	    &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/sec/staff/edit?login=%s&saved=roles", login));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	view_refused(r, &err);
	(void)account_page(r, login, roles, 1, &status);
	return status;
}

/* POST /sec/staff/password: login, password, password2. */
int
page_int_sec_staff_password(struct req *r)
{
	struct org_err	 err = { NULL, NULL };
	const char	*login = form_get(r, "login"), *pw, *pw2;
	int		 status;

	pw = form_get(r, "password");
	pw2 = form_get(r, "password2");
	if (pw != NULL && (pw2 == NULL || strcmp(pw, pw2) != 0))
		err.msg = "两次输入的密码不一致，请重新输入。";
	else switch (org_staff_password(r->db, r->pool, r->user.login, login,
	    pw, &err)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/sec/staff/edit?login=%s&saved=password", login));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	r->status = 422;
	hdf_set(r, "Reset.Error", err.msg);
	(void)account_page(r, login, 0, 0, &status);
	return status;
}
