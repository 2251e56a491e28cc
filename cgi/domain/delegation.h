/*
 * delegation.h: 授权 / AB岗 (INT-7; seed 004 #3 第九条).  Before leaving,
 * a member of staff (A) lends their business roles in their department
 * to a deputy (B) of the same department for whole Beijing days.  While
 * it is in force B sees the work of those roles in their own 待办 list,
 * marked "受 A 委托", and whatever B does there is signed with both names,
 * "B（受 A 委托）" (flow.c).  A delegation ends by itself after its last
 * day (every query compares with today, and the tick closes it), or
 * earlier when A ends it.  Every change is audited.
 *
 * Why the deputy is someone who lacks a role lent: a step waits for
 * every holder of its role in its department (case_task), so a deputy
 * who already holds the role sees and may do that work without being
 * lent anything; nothing would be marked, and the page would promise
 * what it does not do.
 */
#ifndef YW_DELEGATION_H
#define YW_DELEGATION_H

#include "calendar.h"
#include "db.h"
#include "request.h"

/* The longest period, in calendar days, and how far ahead it may start. */
#define DELEG_DAYS_MAX		90
#define DELEG_AHEAD_MAX		90
/* What the reason (事由) may hold, in characters. */
#define DELEG_REASON_MAX	100

struct delegation {
	int64_t		 id, staff_id, deputy_id;
	char		*staff_login, *staff_name;	/* A */
	char		*deputy_login, *deputy_name;	/* B */
	char		*dept_code;
	unsigned	 roles;		/* lent, and still held by A */
	char		*from_day, *to_day;		/* YYYY-MM-DD */
	char		*reason;
	char		*state;		/* active, ended, expired */
	char		*created_at, *ended_at;	/* Beijing, or NULL */
};

/* Someone of user's department who may be their deputy. */
struct deleg_person {
	char		*login, *name;
	unsigned	 roles;
};

/*
 * The delegations in force on day today that let deputy_id act for
 * someone: active, today within the period, both still in service in
 * the same department, with the roles the delegator still holds of
 * those lent (at least one).
 */
enum db_rc	 delegation_in_force(struct db *, struct pool *,
		    int64_t deputy_id, cal_day today, struct delegation **,
		    size_t *);
/* Those user gave (mine = 1) or was given (mine = 0), not over before
 * today, then the 20 newest over. */
enum db_rc	 delegation_list(struct db *, struct pool *,
		    const struct user *, int mine, cal_day today,
		    struct delegation **, size_t *);
/* The staff of user's department who could be their deputy now. */
enum db_rc	 delegation_candidates(struct db *, struct pool *,
		    const struct user *, struct deleg_person **, size_t *);
/*
 * User delegates to deputy_login from day from to day to (YYYY-MM-DD,
 * inclusive) for reason, today being today; audited.  DB_NONE with *why
 * (and *field: deputy, from, to or reason) when refused: oneself, not of
 * the department, an administrator, nothing to lend, a period in the
 * past, reversed, too long or too far ahead, or overlapping another of
 * user's delegations or one the deputy gave.
 */
enum db_rc	 delegation_add(struct db *, struct pool *,
		    const struct user *, const char *deputy_login,
		    const char *from, const char *to, const char *reason,
		    cal_day today, const char **why, const char **field);
/* The delegator ends delegation id early (or cancels it before it
 * begins); audited.  DB_NONE with *why when it is not theirs or over. */
enum db_rc	 delegation_end(struct db *, struct pool *,
		    const struct user *, int64_t id, cal_day today,
		    const char **why);
/* The tick's rule: every delegation still active whose last day is
 * before today is closed ('expired'), audited as the tick's.  *n: how
 * many.  Safe beside another tick. */
enum db_rc	 delegation_expire(struct db *, struct pool *, cal_day today,
		    int *n);
/* The delegator as the deputy acts for them: id, name, login and
 * department of A, with the roles lent. */
void		 delegation_principal(const struct delegation *,
		    struct user *);
/* People's words for a state, given the period and today. */
const char	*delegation_state_label(const struct delegation *,
		    cal_day today);

#endif
