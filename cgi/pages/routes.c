/*
 * routes.c: every route of both sites.  The dispatcher (core/route.c)
 * checks site, method, login, role and CSRF from this table before a page
 * runs; a route of the other site does not exist (404).
 */
#include "pages.h"
#include "route.h"

#define STAFF	(ROLE_CLERK | ROLE_HANDLER | ROLE_LEADER | ROLE_ADMIN)

const struct route routes[] = {
	/* Extranet: public. */
	{ "GET", "/", R_EXT, 0, page_ext_home },
	{ "GET", "/guide", R_EXT, 0, page_ext_guide },
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
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
