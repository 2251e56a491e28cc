/*
 * test_route.c: the rules the dispatcher enforces before any page runs,
 * on a small table and on the application's own table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
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
	{ "GET", "/password", R_INT | R_LOGIN | R_PWTEMP, 0, page_dummy },
	{ "POST", "/logout", R_INT | R_CSRF | R_PWTEMP, 0, page_dummy },
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
	struct user	 leader = { .id = 9, .roles = ROLE_LEADER | ROLE_HANDLER };

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

/* A password an administrator set: nothing but changing it (SEC-7). */
static void
temporary_password_first(void **state)
{
	struct user	 fresh = { .id = 9, .roles = ROLE_CLERK,
			    .pw_temporary = 1 };

	(void)state;
	assert_int_equal(check(SITE_INTRANET, "GET", "/inbox", &fresh, NULL),
	    ROUTE_PASSWORD);
	assert_int_equal(check(SITE_INTRANET, "GET", "/password", &fresh,
	    NULL), ROUTE_OK);
	assert_int_equal(check(SITE_INTRANET, "POST", "/logout", &fresh,
	    TOKEN), ROUTE_OK);
	/* Before the role: an account without one is sent there too. */
	fresh.roles = 0;
	assert_int_equal(check(SITE_INTRANET, "GET", "/inbox", &fresh, NULL),
	    ROUTE_PASSWORD);
	fresh.pw_temporary = 0;
	assert_int_equal(check(SITE_INTRANET, "GET", "/inbox", &fresh, NULL),
	    ROUTE_FORBIDDEN);
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

/*
 * The intranet paths a user with roles reaches, as "/a /b …" (the GET
 * and POST routes whose checks pass, but for the CSRF token).
 */
static const char *
reach(unsigned roles)
{
	static char		 buf[4096];
	struct user		 u = { .id = 5, .roles = roles };
	const struct route	*r;
	char			 word[128];
	size_t			 i;

	snprintf(buf, sizeof(buf), " ");
	for (i = 0; i < nroutes; i++) {
		if (!(routes[i].flags & R_INT) ||
		    route_check(routes, nroutes, SITE_INTRANET,
		    routes[i].method, routes[i].path, &u, TOKEN, TOKEN, &r) !=
		    ROUTE_OK)
			continue;
		/* Everyone's: the home, login, logout, one's password. */
		if (routes[i].roles == 0)
			continue;
		snprintf(word, sizeof(word), " %s ", routes[i].path);
		if (strstr(buf, word) == NULL)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s ", routes[i].path);
	}
	return buf + 1;
}

/* Every path of prefix in paths ("/sec /sec/staff …"), none other. */
static int
only_under(const char *paths, const char *const *prefixes)
{
	char		 copy[4096], *p, *save = NULL;
	size_t		 i;
	int		 ok;

	snprintf(copy, sizeof(copy), "%s", paths);
	for (p = strtok_r(copy, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save)) {
		for (ok = 0, i = 0; prefixes[i] != NULL; i++)
			ok |= strncmp(p, prefixes[i], strlen(prefixes[i])) == 0;
		if (!ok) {
			print_error("%s is reachable\n", p);
			return 0;
		}
	}
	return 1;
}

/* 三员分立 (SEC-7) in the route table: each role its own pages. */
static void
each_administrator_their_own(void **state)
{
	static const char *const sec[] = { "/sec", "/ops/gap", NULL };
	static const char *const admin[] = { "/admin", "/catalog", "/pub",
	    "/ops/gap", NULL };
	/* ... the licence library (DOC-2), the window's claims, intake and
	 * bookings (ACC-1, INT-1, EXT-10), their own account's mobile and
	 * reminders (NTF-1), consultations (EXT-7) and ratings (EXT-8). */
	static const char *const staff[] = { "/inbox", "/case", "/file",
	    "/doc", "/catalog", "/delegate", "/pub", "/licence", "/hall",
	    "/account", "/consult", "/rating", NULL };
	/* A supervisor also reads the licence library (DOC-2), the
	 * 全程代理 projects (INT-14), consultations (EXT-7) and ratings (EXT-8). */
	static const char *const sup[] = { "/sup", "/file", "/doc", "/licence",
	    "/agency/project", "/agency/agreement", "/consults", "/rating",
	    NULL };
	/* A coordinator (INT-14) their projects, and no case. */
	static const char *const coord[] = { "/agency", NULL };
	static const char *const obs[] = { "/sup", "/consults", "/rating",
	    NULL };

	(void)state;
	/* The audit administrator reads the audit trail and nothing else,
	 * and is its only reader. */
	assert_string_equal(reach(ROLE_AUDITOR), "/audit ");
	assert_true(strstr(reach(ROLE_ADMIN), "/audit") == NULL);
	assert_true(strstr(reach(ROLE_SECADMIN), "/audit") == NULL);
	assert_true(strstr(reach(ROLES_STAFF), "/audit") == NULL);
	/* Roles and passwords are the security administrator's alone. */
	assert_true(only_under(reach(ROLE_SECADMIN), sec));
	assert_non_null(strstr(reach(ROLE_SECADMIN), "/sec/staff/password"));
	assert_null(strstr(reach(ROLE_ADMIN), "/sec"));
	assert_null(strstr(reach(ROLES_STAFF), "/sec"));
	assert_null(strstr(reach(ROLE_ADMIN), "password"));
	/* The system administrator: organisation, staff records, the
	 * catalogue; no case. */
	assert_true(only_under(reach(ROLE_ADMIN), admin));
	assert_non_null(strstr(reach(ROLE_ADMIN), "/catalog/new"));
	/* Discarding a draft: the administrator's, as drafting is. */
	assert_non_null(strstr(reach(ROLE_ADMIN), "/catalog/discard"));
	assert_null(strstr(reach(ROLES_STAFF | ROLES_WATCH),
	    "/catalog/discard"));
	/* The business roles: cases, the catalogue and their own
	 * delegations (INT-7); no administration. */
	assert_true(only_under(reach(ROLES_STAFF), staff));
	/* Who watches (SUP-*) reads the supervision pages, a supervisor
	 * also a case's files and documents; neither handles anything. */
	assert_true(only_under(reach(ROLE_SUPERVISOR), sup));
	assert_true(only_under(reach(ROLE_OBSERVER), obs));
	assert_null(strstr(reach(ROLE_LEADER), "/admin"));
	assert_non_null(strstr(reach(ROLE_LEADER), "/catalog/publish"));
	/* The gap operator reads the gap's status and nothing else; so do
	 * the system and security administrators, not the auditor nor the
	 * business roles (GAP-6). */
	assert_string_equal(reach(ROLE_GAPOP), "/ops/gap ");
	assert_non_null(strstr(reach(ROLE_ADMIN), "/ops/gap"));
	assert_non_null(strstr(reach(ROLE_SECADMIN), "/ops/gap"));
	assert_null(strstr(reach(ROLES_STAFF | ROLES_WATCH), "/ops/gap"));
	assert_null(strstr(reach(ROLE_CLERK), "/catalog/publish"));
	assert_non_null(strstr(reach(ROLE_CHIEF), "/delegate"));
	assert_null(strstr(reach(ROLES_ADMINS), "/delegate"));
	assert_true(only_under(reach(ROLE_COORD), coord));
	assert_non_null(strstr(reach(ROLE_COORD), "/agency/urge"));
	assert_null(strstr(reach(ROLES_STAFF | ROLES_WATCH | ROLES_ADMINS),
	    "/agency/urge"));
	/* Filing a project's case, editing and closing the project: the
	 * coordinator's project routes, nobody else's (INT-14). */
	assert_non_null(strstr(reach(ROLE_COORD), "/agency/file"));
	assert_non_null(strstr(reach(ROLE_COORD), "/agency/close"));
	assert_null(strstr(reach(ROLES_STAFF | ROLES_WATCH | ROLES_ADMINS),
	    "/agency/file"));
	assert_null(strstr(reach(ROLES_STAFF | ROLES_WATCH | ROLES_ADMINS),
	    "/agency/edit"));
	assert_null(strstr(reach(ROLES_STAFF | ROLES_WATCH | ROLES_ADMINS),
	    "/agency/close"));
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
		cmocka_unit_test(temporary_password_first),
		cmocka_unit_test(csrf),
		cmocka_unit_test(application_table),
		cmocka_unit_test(each_administrator_their_own),
		cmocka_unit_test(staff_pages_need_login_on_intranet_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
