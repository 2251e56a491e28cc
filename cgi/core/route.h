/*
 * route.h: the route table and the rules the dispatcher enforces before
 * any page runs: the site a route lives on, the method, whether a login
 * and which roles are needed, and whether the CSRF token is checked.
 */
#ifndef YW_ROUTE_H
#define YW_ROUTE_H

#include <stddef.h>

#include "request.h"

#define R_EXT		0x01	/* exists on the extranet */
#define R_INT		0x02	/* exists on the intranet */
#define R_LOGIN		0x04	/* needs a logged-in user */
#define R_CSRF		0x08	/* POST checked against the session token */
#define R_PWTEMP	0x10	/* open to a user whose password is temporary */
/* Only through the operations server (GAP-6): nginx's second server
 * block, which requires a certificate of the site's operations CA and
 * says so in the FastCGI parameter YIWANG_OPS; 404 anywhere else, and
 * nothing else is served there (route_dispatch). */
#define R_OPS		0x20

struct route {
	const char	*method;
	const char	*path;
	unsigned	 flags;
	unsigned	 roles;		/* any of these; 0: no role needed */
	int		(*page)(struct req *);
};

enum route_verdict {
	ROUTE_OK = 0,
	ROUTE_NOT_FOUND,	/* 404: unknown here, or the other site's */
	ROUTE_BAD_METHOD,	/* 405 */
	ROUTE_LOGIN,		/* send to the login page */
	ROUTE_FORBIDDEN,	/* 403: logged in without the role */
	ROUTE_CSRF,		/* 403: token missing or wrong */
	ROUTE_PASSWORD,		/* the user must change their password first */
};

/*
 * Decide what may happen to a request: find its route in table (n rows)
 * for site, method and path, then apply the login, role and CSRF rules.
 * A user whose password an administrator set (pw_temporary) reaches only
 * the routes flagged R_PWTEMP (changing it, logging out) until they have
 * chosen their own (SEC-7).
 * form_token is the token the form carried, session_token the one the
 * session holds.  *found is set to the route when one matched the path.
 */
enum route_verdict route_check(const struct route *table, size_t n,
	    enum site site, const char *method, const char *path,
	    const struct user *user, const char *form_token,
	    const char *session_token, const struct route **found);

/* The application's route table. */
extern const struct route	routes[];
extern const size_t		nroutes;

/* Run the request through route_check and then the page. */
int	 route_dispatch(struct req *);
/*
 * Write down what an observer (ROLE_OBSERVER, SUP-7) is about to see:
 * every request of theirs, before its page runs.  Defined by the pages
 * (int_sup.c); 0 when written, -1 when it could not be, and then the
 * page does not run.
 */
int	 route_observed(struct req *);

#endif
