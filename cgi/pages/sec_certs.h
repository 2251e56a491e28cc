/*
 * sec_certs.h: client certificates of staff accounts on the intranet
 * (ACC-4, SEC-1): the checks at login and on every request, and the
 * security administrator's page (三员分立: certificates are theirs).
 */
#ifndef YW_SEC_CERTS_H
#define YW_SEC_CERTS_H

#include "request.h"

/*
 * After the session is loaded: a logged-in staff member whose account is
 * bound to a certificate that this request does not present is logged
 * out, and the request goes on as anonymous.  0 to go on, or an HTTP
 * status to answer with.
 */
int	 sec_cert_gate(struct req *);

/*
 * At login, before the password is checked: -1 when login may go on; else
 * the account needs its certificate and the login page has been answered
 * (403 with a message that says what to do); its result is returned.
 */
int	 sec_cert_login(struct req *, const char *login, const char *next);

/* GET /sec/certs and POST /sec/certs/revoke (ROLE_SECADMIN). */
int	 page_sec_certs(struct req *);
int	 page_sec_cert_revoke(struct req *);

#endif
