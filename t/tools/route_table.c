/*
 * route_table.c: a test-only tool (never installed) that prints the route
 * table of yiwang.fcgi, routes[] of cgi/pages/routes.c, one line per route
 * and site, so that the access matrix (t/access-matrix.txt) is checked
 * against the routes the program really has, not against a copy of them:
 * t/check-matrix.sh fails when a route has no line there.
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
 * needs one, as user-add writes them ("clerk,handler,leader"), or "-" when
 * none is needed.  Exit 1 on a route this tool cannot describe.
 */
#include <stdio.h>

#include "account.h"
#include "route.h"

static int
print_route(const struct route *rt, const char *site)
{
	unsigned	 bit;
	const char	*word;
	int		 first = 1, rc = 0;

	printf("%s\t%s\t%s\t%s\t%s\t%s\t", site, rt->method, rt->path,
	    rt->flags & R_LOGIN ? "login" : "-",
	    rt->flags & R_CSRF ? "csrf" : "-",
	    rt->flags & R_PWTEMP ? "pwtemp" : "-");
	for (bit = 1; bit != 0; bit <<= 1) {
		if (!(rt->roles & bit))
			continue;
		/* A role without a word would print as fewer roles. */
		if ((word = account_role_word(bit)) == NULL) {
			fprintf(stderr, "route_table: %s %s: unknown role "
			    "bit 0x%x\n", rt->method, rt->path, bit);
			rc = -1;
			continue;
		}
		printf("%s%s", first ? "" : ",", word);
		first = 0;
	}
	printf("%s\n", first ? "-" : "");
	return rc;
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
