/*
 * staffcert.h: which client certificate each staff account is bound to
 * (ACC-4, SEC-1); owns the table staff_cert.  An account with a binding
 * logs in, and stays logged in, only while its browser presents that
 * certificate; one without logs in with its password as before.
 */
#ifndef YW_STAFFCERT_H
#define YW_STAFFCERT_H

#include "db.h"
#include "pki.h"

/* An active staff account and, when it has one, its binding. */
struct staffcert {
	int64_t		 staff_id;
	char		*login, *name;
	int64_t		 roles;
	char		*sha256;	/* NULL when not bound */
	char		*serial, *ca_sha256;
	char		*not_after, *issued_at;	/* Beijing time */
	char		*issued_by;
};

/* The binding of the active account login: DB_OK (c->sha256 NULL when
 * it has none), DB_NONE when there is no such active account. */
enum db_rc	 staffcert_get(struct db *, struct pool *, const char *login,
		    struct staffcert *c);
/* The SHA-256 the account staff_id is bound to; DB_NONE when none. */
enum db_rc	 staffcert_of_staff(struct db *, struct pool *,
		    int64_t staff_id, char **sha256);
/*
 * With roles 0: every binding.  Otherwise every active account holding
 * any of roles, bound or not.  By login.
 */
enum db_rc	 staffcert_list(struct db *, struct pool *, unsigned roles,
		    struct staffcert **v, size_t *n);
/* Bind (or bind anew) the active account login to the certificate
 * issued; audited as actor.  DB_NONE when there is no such account. */
enum db_rc	 staffcert_bind(struct db *, struct pool *, const char *actor,
		    const char *login, const struct pki_issued *);
/* Take the binding away; audited.  DB_NONE when login had none. */
enum db_rc	 staffcert_unbind(struct db *, struct pool *,
		    const char *actor, const char *login);

#endif
