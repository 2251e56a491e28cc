/*
 * routes.c: every route of both sites.  The dispatcher (core/route.c)
 * checks site, method, login, role and CSRF from this table before a page
 * runs; a route of the other site does not exist (404).
 */
#include "pages.h"
#include "route.h"
#include "sec_certs.h"

#define STAFF	(ROLE_CLERK | ROLE_HANDLER | ROLE_LEADER | ROLE_ADMIN)

const struct route routes[] = {
	/* Extranet: public. */
	{ "GET", "/", R_EXT, 0, page_ext_home },
	{ "GET", "/guide", R_EXT, 0, page_ext_guide },
	{ "GET", "/search", R_EXT, 0, page_ext_search },
	{ "GET", "/browse", R_EXT, 0, page_ext_browse },
	{ "GET", "/chart", R_EXT, 0, page_ext_chart },
	{ "GET", "/form", R_EXT, 0, page_ext_form },
	{ "GET", "/register", R_EXT, 0, page_ext_register_form },
	{ "POST", "/register", R_EXT | R_CSRF, 0, page_ext_register },
	{ "GET", "/login", R_EXT, 0, page_ext_login_form },
	{ "POST", "/login", R_EXT | R_CSRF, 0, page_ext_login },
	{ "GET", "/query", R_EXT, 0, page_ext_query_form },
	{ "POST", "/query", R_EXT | R_CSRF, 0, page_ext_query },
	/* Extranet: the applicant's own. */
	{ "GET", "/apply", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_apply_form },
	{ "POST", "/apply", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_apply },
	{ "GET", "/receipt", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_receipt },
	{ "GET", "/my", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_my },
	{ "GET", "/app", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_app },
	{ "GET", "/doc", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_doc },
	{ "POST", "/logout", R_EXT | R_INT | R_CSRF, 0, page_logout },
	/* Intranet. */
	{ "GET", "/", R_INT, 0, page_int_home },
	{ "GET", "/login", R_INT, 0, page_int_login_form },
	{ "POST", "/login", R_INT | R_CSRF, 0, page_int_login },
	{ "GET", "/inbox", R_INT | R_LOGIN, STAFF, page_int_inbox },
	{ "GET", "/case", R_INT | R_LOGIN, STAFF, page_int_case },
	{ "POST", "/case/act", R_INT | R_LOGIN | R_CSRF, STAFF, page_int_act },
	{ "GET", "/file", R_INT | R_LOGIN, STAFF, page_int_file },
	{ "GET", "/doc", R_INT | R_LOGIN, STAFF, page_int_doc },
	/* Intranet: the catalogue (CAT-4, FLOW-1, FLOW-2). */
	{ "GET", "/catalog", R_INT | R_LOGIN, STAFF, page_int_catalog },
	{ "POST", "/catalog/new", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_new },
	{ "GET", "/catalog/item", R_INT | R_LOGIN, STAFF,
	    page_int_catalog_item },
	{ "GET", "/catalog/chart", R_INT | R_LOGIN, STAFF,
	    page_int_catalog_chart },
	{ "GET", "/catalog/simulate", R_INT | R_LOGIN, STAFF,
	    page_int_catalog_simulate },
	{ "POST", "/catalog/draft", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_draft },
	{ "GET", "/catalog/edit", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_catalog_edit_form },
	{ "POST", "/catalog/edit", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_edit },
	{ "POST", "/catalog/submit", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_submit },
	{ "POST", "/catalog/publish", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_catalog_publish },
	{ "POST", "/catalog/return", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_catalog_return },
	/* Intranet: the administrator's (ORG-1, ORG-2, ACC-4). */
	{ "GET", "/admin", R_INT | R_LOGIN, ROLE_ADMIN, page_int_admin },
	{ "GET", "/admin/levels", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_levels_form },
	{ "POST", "/admin/levels", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_levels },
	{ "GET", "/admin/region", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_region_form },
	{ "POST", "/admin/region", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_region },
	{ "GET", "/admin/hall", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_hall_form },
	{ "POST", "/admin/hall", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_hall },
	{ "GET", "/admin/dept", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_dept_form },
	{ "POST", "/admin/dept", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_dept },
	{ "GET", "/admin/window", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_window_form },
	{ "POST", "/admin/window", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_window },
	{ "GET", "/admin/staff", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_staff },
	{ "GET", "/admin/staff/edit", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_staff_form },
	{ "POST", "/admin/staff/edit", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_staff_save },
	{ "POST", "/admin/staff/password", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_staff_password },
	{ "GET", "/admin/audit", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_audit },
	/* Intranet: the security administrator's certificates (ACC-4). */
	{ "GET", "/sec/certs", R_INT | R_LOGIN, ROLE_SECADMIN,
	    page_sec_certs },
	{ "POST", "/sec/certs/revoke", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SECADMIN, page_sec_cert_revoke },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
