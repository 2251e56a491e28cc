/*
 * account.h: people who log in and their sessions (ACC-1, ACC-4, SEC-1).
 * Citizens live on the extranet, staff on the intranet; both sites keep
 * their sessions in the same kind of table.
 */
#ifndef YW_ACCOUNT_H
#define YW_ACCOUNT_H

#include "db.h"
#include "request.h"

/*
 * A citizen's ID number and mobile are stored sealed, the ID number looked
 * up by its keyed hash (SEC-5, sealed.h).  Where a citizen is named in the
 * audit trail or a log, it is as "citizen:<id>" (the account's row id),
 * which is also struct user's login for a citizen: never the ID number.
 */
const char	*account_citizen_actor(struct pool *, int64_t id);

/* Add a citizen (yiwang-admin citizen-add); DB_DUP when the ID number is
 * already registered.  The caller has checked the fields. */
enum db_rc	 account_citizen_add(struct db *, struct pool *,
		    const char *id_number, const char *name,
		    const char *mobile, const char *password);

/*
 * The hall's answer to a forgotten password or a number registered by
 * someone else (ext/registered.cs sends people there): after the window
 * has seen the ID card, the account of id_number takes this name, mobile
 * and password; its sessions, lock and misses end; audited as actor
 * ("citizen.reset").  DB_NONE when the number has no account (then
 * citizen-add).  The caller has checked the fields.
 */
enum db_rc	 account_citizen_reset(struct db *, struct pool *,
		    const char *id_number, const char *name,
		    const char *mobile, const char *password,
		    const char *actor);
/*
 * The same from the intranet's claim page (account.claim, ACC-1), inside
 * the import's transaction: the account of id_number takes name and
 * mobile and no password (the owner sets one by an SMS code to the new
 * mobile, /reset); its sessions, lock and misses end, and every right an
 * enterprise granted it; audited as actor ("citizen.claim").  *id the
 * account; DB_NONE when the number has none.
 */
enum db_rc	 account_citizen_claim(struct db *, struct pool *,
		    const char *id_number, const char *name,
		    const char *mobile, const char *actor, int64_t *id);

/* Outcome of a registration (F7). */
enum reg_rc {
	REG_DONE,	/* code sent; or the account made, or the number was
			 * registered before */
	REG_INVALID,	/* a field is wrong: *why says which and how; of a
			 * code: wrong, *left tries remain */
	REG_BUSY,	/* too many registrations from this address today */
	REG_SMS_BUSY,	/* too many codes: *why says which limit, till when */
	REG_GONE,	/* the code expired, was spent or ran out of tries */
	REG_WEAK,	/* the new password is refused: *why says why */
	REG_ERR,	/* database error, logged */
};
/*
 * Real-name registration of a person (ACC-1), first step: checks every
 * field (the ID number's region, birth date against today, the password
 * policy), then sends a code to the mobile typed (sms.h) and keeps the
 * registration, sealed, under it; ticket is the browser's.  Nothing says
 * whether the number is registered.  addr: the client's address, counted
 * per day.
 */
enum reg_rc	 account_citizen_register(const struct config *, struct db *,
		    struct pool *, const char *id_number, const char *name,
		    const char *mobile, const char *password, const char *addr,
		    char ticket[33], const char **why);
/*
 * Second step: the code that came by SMS.  A right one makes the account,
 * in state 'verified', unless the number is registered already: an
 * existing account is never changed, and both outcomes are REG_DONE
 * after the same work (F7).  REG_INVALID: wrong, *left tries remain;
 * REG_GONE: start again.
 */
enum reg_rc	 account_citizen_confirm(struct db *, struct pool *,
		    const char *ticket, const char *code, const char *addr,
		    long *left);

/*
 * Password reset by SMS code (ACC-2), first step: a code to mobile when
 * it is the mobile on record of the account of id_number; otherwise a
 * ticket no code opens.  The same page either way, and the code is sent
 * by the tick (within a minute), not at once, so that the time of the
 * answer does not tell either.  REG_INVALID: a field's shape is wrong.
 */
enum reg_rc	 account_citizen_pw_start(const struct config *,
		    struct db *, struct pool *, const char *id_number,
		    const char *mobile, const char *addr, char ticket[33],
		    const char **why);
/*
 * Second step: the code and the new password (the citizen's policy, with
 * the person's own ID number and mobile).  REG_DONE: set, the account's
 * sessions, lock and misses gone, audited (citizen.password.reset);
 * REG_INVALID: wrong code, *left tries remain; REG_WEAK: the password,
 * *why (the code is not spent); REG_GONE: start again.
 */
enum reg_rc	 account_citizen_pw_finish(struct db *, struct pool *,
		    const char *ticket, const char *code, const char *password,
		    const char **why, long *left);

/*
 * Login by SMS code (ACC-2): a code to the mobile on record of the account
 * of id_number, if there is one; the same page either way, the code sent
 * by the tick, limits counted per ID number typed.  Then the code: REG_DONE
 * with u filled (the account's lock and misses forgotten, as a right
 * password does); REG_INVALID, *left tries remain; REG_GONE.
 */
enum reg_rc	 account_citizen_code_start(const struct config *,
		    struct db *, struct pool *, const char *id_number,
		    const char *addr, char ticket[33], const char **why);
enum reg_rc	 account_citizen_code_login(struct db *, struct pool *,
		    const char *ticket, const char *code, struct user *,
		    long *left);

/* Outcome of a login attempt (SEC-1, F5). */
enum login_rc {
	LOGIN_OK,	/* user filled, the account's misses forgotten */
	LOGIN_MISS,	/* unknown, wrong password or locked: one answer */
	LOGIN_BUSY,	/* too many misses from this address: try later */
	LOGIN_ERR,	/* database error, logged */
	LOGIN_LOCKED,	/* account_staff_recheck: the account is locked */
};
/*
 * Check a password.  Every miss (unknown account, wrong password, locked
 * account, right password on a locked account) costs one key derivation
 * and gives LOGIN_MISS.  The fifth miss of an account within 15 minutes
 * locks it: a citizen for 15 minutes, doubling with each lock-out after
 * (at most a day); a staff member until the security administrator
 * unlocks.  addr: the client's address (REMOTE_ADDR), counted too.
 */
enum login_rc	 account_citizen_login(struct db *, struct pool *,
		    const char *id_number, const char *password,
		    const char *addr, struct user *);
/* The ID number and mobile on record of a citizen, opened (the applicant's
 * form and application); DB_ERR (logged) also when they do not open. */
enum db_rc	 account_citizen_personal(struct db *, struct pool *,
		    int64_t id, char **id_number, char **mobile);

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
enum login_rc	 account_staff_login(struct db *, struct pool *,
		    const char *login, const char *password, const char *addr,
		    struct user *);
/*
 * A logged-in member of staff types their password again, to change it
 * (SEC-1).  LOGIN_OK when it is right, with *hash the stored hash it
 * matched (the caller stores a new one only over that very one).
 * LOGIN_MISS when it is wrong: counted with the account's wrong logins
 * (TH_LOGIN_NAME), *left the misses it may still make.  LOGIN_LOCKED when
 * the account is locked (or no longer in use): before, or now by the
 * fifth miss within 15 minutes, which locks it as a login's would
 * (audited as the account's own act) and also ends its sessions.  A check
 * costs one key derivation, a locked account none.
 */
enum login_rc	 account_staff_recheck(struct db *, struct pool *,
		    const char *login, const char *password, char **hash,
		    long *left);

/* A locked account, as the security administrator sees it. */
struct account_locked {
	char		*login;		/* staff login, citizen ID number
					 * (opened) */
	char		*name;
	char		*dept;		/* staff only */
	char		*locked_at;	/* Beijing time */
	char		*until;		/* NULL: until unlocked */
	int64_t		 level;		/* lock-outs since a good login */
};
/* The accounts of this site that are locked now, oldest first. */
enum db_rc	 account_locks(struct db *, struct pool *, enum site,
		    struct account_locked **, size_t *);
/*
 * Unlock account ident (a staff login on the intranet, an ID number on the
 * extranet) and forget its misses, audited as actor.  DB_NONE when there
 * is no such account or it is not locked.
 */
enum db_rc	 account_unlock(struct db *, struct pool *, enum site,
		    const char *ident, const char *actor);

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

/*
 * The one table of roles: each bit's word (yiwang-admin user-add's
 * ROLES, the route table's listing), the label people read ("窗口受理人员")
 * and the field of the checkbox that sets it on the security
 * administrator's form (NULL for ROLE_CITIZEN, which no form sets).
 */
struct account_role {
	unsigned	 role;
	const char	*word;
	const char	*label;
	const char	*field;
};
extern const struct account_role	account_roles[];
extern const size_t			naccount_roles;

/* The label of one role bit, or "". */
const char	*account_role_label(unsigned role);
/* The word of one role bit ("clerk", as user-add takes it), or NULL. */
const char	*account_role_word(unsigned role);
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
