/*
 * test_route.c: the rules the dispatcher enforces before any page runs,
 * on a small table and on the application's own table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "route.h"

static int	page_dummy(struct req *r) { (void)r; return 0; }

static const struct route table[] = {
	{ "GET", "/", R_EXT, 0, page_dummy },
	{ "GET", "/my", R_EXT | R_LOGIN, ROLE_CITIZEN, page_dummy },
	{ "POST", "/apply", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN, page_dummy },
	{ "GET", "/inbox", R_INT | R_LOGIN, ROLE_CLERK | ROLE_LEADER,
	    page_dummy },
	{ "POST", "/public", R_EXT, 0, page_dummy },	/* CSRF anyway */
};
#define N	(sizeof(table) / sizeof(table[0]))

static const char	*TOKEN = "0123456789abcdef0123456789abcdef"
			    "0123456789abcdef0123456789abcdef";

static enum route_verdict
check(enum site s, const char *m, const char *p, const struct user *u,
    const char *form)
{
	const struct route	*r;

	return route_check(table, N, s, m, p, u, form, TOKEN, &r);
}

static void
site_and_method(void **state)
{
	struct user	 nobody = { 0 };

	(void)state;
	assert_int_equal(check(SITE_EXTRANET, "GET", "/", &nobody, NULL),
	    ROUTE_OK);
	assert_int_equal(check(SITE_EXTRANET, "HEAD", "/", &nobody, NULL),
	    ROUTE_OK);
	/* The other site's route does not exist here. */
	assert_int_equal(check(SITE_INTRANET, "GET", "/", &nobody, NULL),
	    ROUTE_NOT_FOUND);
	assert_int_equal(check(SITE_EXTRANET, "GET", "/inbox", &nobody, NULL),
	    ROUTE_NOT_FOUND);
	assert_int_equal(check(SITE_EXTRANET, "GET", "/nope", &nobody, NULL),
	    ROUTE_NOT_FOUND);
	assert_int_equal(check(SITE_EXTRANET, "DELETE", "/", &nobody, NULL),
	    ROUTE_BAD_METHOD);
	assert_int_equal(check(SITE_EXTRANET, "GET", "/apply", &nobody, NULL),
	    ROUTE_BAD_METHOD);
}

static void
login_and_roles(void **state)
{
	struct user	 nobody = { 0 };
	struct user	 citizen = { .id = 7, .roles = ROLE_CITIZEN };
	struct user	 handler = { .id = 8, .roles = ROLE_HANDLER };
	struct user	 leader = { .id = 9, .roles = ROLE_LEADER | ROLE_ADMIN };

	(void)state;
	assert_int_equal(check(SITE_EXTRANET, "GET", "/my", &nobody, NULL),
	    ROUTE_LOGIN);
	assert_int_equal(check(SITE_EXTRANET, "GET", "/my", &citizen, NULL),
	    ROUTE_OK);
	assert_int_equal(check(SITE_INTRANET, "GET", "/inbox", &handler, NULL),
	    ROUTE_FORBIDDEN);
	assert_int_equal(check(SITE_INTRANET, "GET", "/inbox", &leader, NULL),
	    ROUTE_OK);
}

static void
csrf(void **state)
{
	struct user	 citizen = { .id = 7, .roles = ROLE_CITIZEN };
	char		 wrong[65];

	(void)state;
	assert_int_equal(check(SITE_EXTRANET, "POST", "/apply", &citizen,
	    TOKEN), ROUTE_OK);
	assert_int_equal(check(SITE_EXTRANET, "POST", "/apply", &citizen,
	    NULL), ROUTE_CSRF);
	assert_int_equal(check(SITE_EXTRANET, "POST", "/apply", &citizen, ""),
	    ROUTE_CSRF);
	strcpy(wrong, TOKEN);
	wrong[63] = '0';
	assert_int_equal(check(SITE_EXTRANET, "POST", "/apply", &citizen,
	    wrong), ROUTE_CSRF);
	/* A prefix of the token is not the token. */
	assert_int_equal(check(SITE_EXTRANET, "POST", "/apply", &citizen,
	    "0123456789abcdef"), ROUTE_CSRF);
	/* Any POST is checked, flagged or not. */
	assert_int_equal(check(SITE_EXTRANET, "POST", "/public", &citizen,
	    NULL), ROUTE_CSRF);
}

/* The application's table keeps the promises the dispatcher relies on. */
static void
application_table(void **state)
{
	size_t		 i, j;

	(void)state;
	assert_true(nroutes > 10);
	for (i = 0; i < nroutes; i++) {
		assert_true(routes[i].flags & (R_EXT | R_INT));
		assert_non_null(routes[i].page);
		assert_true(routes[i].path[0] == '/');
		if (strcmp(routes[i].method, "GET") != 0)
			assert_true(routes[i].flags & R_CSRF);
		if (routes[i].roles != 0 && routes[i].roles != ROLE_CITIZEN)
			assert_true(routes[i].flags & R_LOGIN);
		for (j = i + 1; j < nroutes; j++)
			assert_false(strcmp(routes[i].path, routes[j].path) ==
			    0 && strcmp(routes[i].method, routes[j].method) ==
			    0 && (routes[i].flags & routes[j].flags &
			    (R_EXT | R_INT)));
	}
}

static void
staff_pages_need_login_on_intranet_only(void **state)
{
	const struct route	*r;
	struct user		 nobody = { 0 };

	(void)state;
	assert_int_equal(route_check(routes, nroutes, SITE_INTRANET, "GET",
	    "/inbox", &nobody, NULL, NULL, &r), ROUTE_LOGIN);
	assert_int_equal(route_check(routes, nroutes, SITE_EXTRANET, "GET",
	    "/inbox", &nobody, NULL, NULL, &r), ROUTE_NOT_FOUND);
	assert_int_equal(route_check(routes, nroutes, SITE_INTRANET, "GET",
	    "/guide", &nobody, NULL, NULL, &r), ROUTE_NOT_FOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(site_and_method),
		cmocka_unit_test(login_and_roles),
		cmocka_unit_test(csrf),
		cmocka_unit_test(application_table),
		cmocka_unit_test(staff_pages_need_login_on_intranet_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
