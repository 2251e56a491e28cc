/*
 * route_table.c: a test-only tool (never installed) that prints the route
 * table of yiwang.fcgi, routes[] of cgi/pages/routes.c, one line per route
 * and site, so that t/integration/access-matrix.sh compares its matrix
 * with the routes the program really has, not with a copy of them: a new
 * route without a row in t/access-matrix.txt fails the test.
 *
 *	route_table
 *
 * Each line, tab-separated:
 *
 *	SITE METHOD PATH LOGIN CSRF PWTEMP ROLES
 *
 * SITE is ext or int (a route of both sites gives two lines), LOGIN
 * "login" or "-", CSRF "csrf" or "-", PWTEMP "pwtemp" (open to a user
 * whose password is temporary) or "-", ROLES the roles of which the user
 * needs one, comma-separated, or "-" when none is needed.
 */
#include <stdio.h>

#include "route.h"

static const struct {
	unsigned	 bit;
	const char	*name;
} role_names[] = {
	{ ROLE_CITIZEN, "citizen" },
	{ ROLE_CLERK, "clerk" },
	{ ROLE_HANDLER, "handler" },
	{ ROLE_LEADER, "leader" },
	{ ROLE_ADMIN, "admin" },
	{ ROLE_SECADMIN, "secadmin" },
	{ ROLE_AUDITOR, "auditor" },
};

static int
print_route(const struct route *rt, const char *site)
{
	unsigned	 left = rt->roles;
	size_t		 i;
	int		 first = 1;

	printf("%s\t%s\t%s\t%s\t%s\t%s\t", site, rt->method, rt->path,
	    rt->flags & R_LOGIN ? "login" : "-",
	    rt->flags & R_CSRF ? "csrf" : "-",
	    rt->flags & R_PWTEMP ? "pwtemp" : "-");
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (rt->roles & role_names[i].bit) {
			printf("%s%s", first ? "" : ",", role_names[i].name);
			left &= ~role_names[i].bit;
			first = 0;
		}
	printf("%s\n", first ? "-" : "");
	/* A role this tool does not know would be printed as none. */
	if (left != 0) {
		fprintf(stderr, "route_table: %s %s: unknown role bits 0x%x\n",
		    rt->method, rt->path, left);
		return -1;
	}
	return 0;
}

int
main(void)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < nroutes; i++) {
		if (!(routes[i].flags & (R_EXT | R_INT))) {
			fprintf(stderr, "route_table: %s %s: on no site\n",
			    routes[i].method, routes[i].path);
			rc = 1;
		}
		if ((routes[i].flags & R_EXT) &&
		    print_route(&routes[i], "ext") == -1)
			rc = 1;
		if ((routes[i].flags & R_INT) &&
		    print_route(&routes[i], "int") == -1)
			rc = 1;
	}
	return fflush(stdout) == 0 ? rc : 1;
}
