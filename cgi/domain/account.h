/*
 * account.h: people who log in and their sessions (ACC-1, ACC-4, SEC-1).
 * Citizens live on the extranet, staff on the intranet; both sites keep
 * their sessions in the same kind of table.
 */
#ifndef YW_ACCOUNT_H
#define YW_ACCOUNT_H

#include "db.h"
#include "request.h"

/* Register a citizen; DB_DUP when the ID number is already registered. */
enum db_rc	 account_citizen_add(struct db *, const char *id_number,
		    const char *name, const char *mobile, const char *password);
/* Check a password; fills user on DB_OK, DB_NONE when wrong or unknown. */
enum db_rc	 account_citizen_login(struct db *, struct pool *,
		    const char *id_number, const char *password, struct user *);
/* The mobile number on record of a citizen (for the applicant's form). */
enum db_rc	 account_citizen_mobile(struct db *, struct pool *, int64_t id,
		    char **mobile);

enum db_rc	 account_dept_add(struct db *, const char *code,
		    const char *name, const char *abbr, const char *region,
		    const char *address, const char *phone);
/* What pw_hash holds until a first password is set: no password
 * matches it. */
#define STAFF_NO_PASSWORD	"!"
/*
 * A staff account; password NULL: none yet (see STAFF_NO_PASSWORD).
 * temporary: the owner must change it at first login (SEC-7).  DB_NONE
 * when there is no such department; DB_ERR (logged) when the roles are
 * refused by account_roles_refusal(), which callers check first.
 */
enum db_rc	 account_staff_add(struct db *, const char *login,
		    const char *name, const char *dept_code, unsigned roles,
		    const char *password, int temporary);
enum db_rc	 account_staff_login(struct db *, struct pool *,
		    const char *login, const char *password, struct user *);

/* The ids of the active staff of dept holding a role in roles. */
enum db_rc	 account_holders(struct db *, struct pool *, const char *dept,
		    unsigned roles, int64_t **ids, size_t *n);

/* Sessions: only the token's hash is stored. */
enum db_rc	 account_session_add(struct db *, const char *token_hash,
		    int64_t user_id, const char *csrf);
/*
 * Load the session whose token hashes to token_hash, if it is neither
 * idle past idle seconds nor older than max seconds; touches it.  Fills
 * user and csrf on DB_OK; DB_NONE when there is no live session.
 */
enum db_rc	 account_session_load(struct db *, struct pool *, enum site,
		    const char *token_hash, long idle, long max,
		    struct user *, char **csrf);
void		 account_session_drop(struct db *, const char *token_hash);

/* Role names for people ("窗口受理", …) and parsing them from words. */
const char	*account_role_label(unsigned role);
/*
 * 三员分立 (SEC-7): NULL when one account may hold roles, else why not,
 * for people.  Roles are staff or administrator roles; an account holds
 * at most one of the three administrators' roles, and an administrator
 * holds no business role (clerk, handler, leader).  Every path that sets
 * roles asks this first; the database's CHECK staff_duties is the last
 * line (db/050_duties.sql).
 */
const char	*account_roles_refusal(unsigned roles);
unsigned	 account_role_parse(const char *words);

#endif
