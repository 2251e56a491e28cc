/*
 * agent.h: proxy agents (代办员, AGT-1).  The system administrator makes an
 * agent on the intranet, bound to a service area (a township, or villages
 * of one township); the account crosses the gap (record agent.account)
 * with a one-time activation code's hash, never a password; the agent
 * activates it on the extranet with their ID number and the code, then
 * applies there for residents of the area (application.c's
 * app_submit_proxy()).  Owns agent, agent_area, agent_account and
 * agent_account_area.
 */
#ifndef YW_AGENT_H
#define YW_AGENT_H

#include <jansson.h>

#include "config.h"
#include "db.h"
#include "request.h"

/* The keyed hash and seal of an agent's ID number and mobile (pii.h). */
#define SEALED_AGENT_ID		"agent.id_number"
#define SEALED_AGENT_MOBILE	"agent.mobile"

/* The villages of an area, at most. */
#define AGENT_VILLAGES_MAX	50

/* A township or village an area may name (the form's choices). */
struct agent_region {
	char		*code, *name, *parent;
	int		 level;		/* 3 township, 4 village */
};

/* An agent as the administrator's list shows it (intranet). */
struct agent_row {
	int64_t		 id, cases;
	char		*name, *area, *created_at;
	int		 active;
};

/* The townships and villages of this site's organisation, by code. */
enum db_rc	 agent_regions(struct db *, struct pool *,
		    struct agent_region **, size_t *);
enum db_rc	 agent_list(struct db *, struct pool *, struct agent_row **,
		    size_t *);
/*
 * Make an agent (intranet): name, ID number (GB 11643, checked), mobile,
 * the township and, when the area is villages of it, their codes.  Sends
 * the account across the gap with a new activation code's hash, audited
 * as actor.  DB_OK with *code (shown once) and *id; DB_NONE with *why
 * (for people) when a field is refused; DB_DUP when the ID number is an
 * agent's already.
 */
enum db_rc	 agent_add(struct db *, struct pool *, const char *actor,
		    const char *name, const char *idno, const char *mobile,
		    const char *township, const char *const *villages,
		    size_t nvillages, char **code, int64_t *id,
		    const char **why);
/* Deactivate agent id (intranet): it crosses too, and ends the agent's
 * sessions there.  DB_NONE when there is no such active agent. */
enum db_rc	 agent_deactivate(struct db *, struct pool *, const char *actor,
		    int64_t id);
/* The label of an agent for cases and notices: "某某（某某苏木）", or
 * NULL when case_id was made by no agent (intranet); *consent how the
 * resident consented, for people ("短信确认：居民于 … 告知代办员"). */
enum db_rc	 agent_of_case(struct db *, struct pool *, int64_t case_id,
		    char **label, char **consent);

/* Extranet: apply an agent.account record (gap.c's kind table). */
enum db_rc	 agent_import_account(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/* Extranet: an agent's account as their pages need it. */
struct agent_acct {
	int64_t		 id, citizen_id;
	char		*name, *area, *county;
	struct agent_region *regions;	/* where residents may live */
	size_t		 nregions;
};
enum db_rc	 agent_account_get(struct db *, struct pool *, int64_t id,
		    struct agent_acct *);

enum agent_rc {
	AGENT_OK,
	AGENT_MISS,	/* unknown, wrong code or password: one answer */
	AGENT_BUSY,	/* too many misses from this address or number */
	AGENT_USED,	/* activate: the account is active already */
	AGENT_WEAK,	/* reset: the password, *why (the code unspent) */
	AGENT_GONE,	/* reset: the code expired, spent or out of tries */
	AGENT_ERR,
};
/*
 * Activate (first password) with the ID number and the one-time code;
 * the caller has checked the password against the policy.  The code is
 * spent.  Misses are counted like logins' (throttle.h).
 */
enum agent_rc	 agent_activate(struct db *, struct pool *, const char *idno,
		    const char *code, const char *password, const char *addr);
/* Log in: fills u (ROLE_AGENT, u->id the agent's login principal). */
enum agent_rc	 agent_login(struct db *, struct pool *, const char *idno,
		    const char *password, const char *addr, struct user *u);
/*
 * A forgotten password (extranet): a code to the agent's mobile on record
 * when idno and mobile are an activated agent's, else a ticket no code
 * opens, the same answer either way; the code is sent by the tick, as a
 * citizen's reset's (sms.c).  AGENT_MISS with *why: a field's shape;
 * AGENT_BUSY with *why: an SMS limit.
 */
enum agent_rc	 agent_pw_start(const struct config *, struct db *,
		    struct pool *, const char *idno, const char *mobile,
		    const char *addr, char ticket[33], const char **why);
/* Then the code and the new password: AGENT_OK, the agent's sessions and
 * misses gone, audited (agent.password.reset); AGENT_MISS, *left tries;
 * AGENT_WEAK, *why; AGENT_GONE. */
enum agent_rc	 agent_pw_finish(struct db *, struct pool *,
		    const char *ticket, const char *code, const char *password,
		    const char **why, long *left);

/*
 * Extranet: the resident's consent by SMS (短信确认).  An application made
 * with it is stored (consent_state pending) but its record is held
 * (consent_hold) instead of crossing; the agent has a 6-digit code sent
 * to the resident's mobile, naming the agent and the item; the resident
 * reads it to the agent, who types it in; then the record crosses with
 * the consent (when, the number's keyed hash).  A code lives
 * CONSENT_CODE_TTL, takes CONSENT_TRIES wrong tries; sends are limited as
 * every code's (sms_limits()); the application waits CONSENT_WAIT, then
 * the tick ends it unsent.  docs/sms.md says why a code read out.
 */
#define CONSENT_CODE_TTL	(2 * 3600)
#define CONSENT_TRIES		5
#define CONSENT_WAIT		(3 * 24 * 3600)
struct agent_hold {
	char		*app_no, *item_name, *agent_name, *agent_area;
	char		*resident_name, *mobile, *expires_at;
	int64_t		 tries, sends, code_live, live;
};
/* Hold application app_no's record rec, whose consent the resident's
 * mobile is to give, in the caller's transaction. */
enum db_rc	 agent_consent_hold(struct db *, struct pool *,
		    const char *app_no, json_t *rec, const char *mobile);
/* The hold of app_no, if agent made it: DB_NONE when none waits. */
enum db_rc	 agent_consent_get(struct db *, struct pool *, int64_t agent,
		    const char *app_no, struct agent_hold *);
/* Send a new code (the old one ends): AGENT_BUSY (*why) past a limit,
 * AGENT_MISS (*why may be NULL: no such hold) when nothing waits. */
enum agent_rc	 agent_consent_send(const struct config *, struct db *,
		    struct pool *, int64_t agent, const char *app_no,
		    const char *addr, const char **why);
/* The code the resident read out: AGENT_OK, the record sent across and
 * audited as actor; AGENT_MISS with *why (and *left tries). */
enum agent_rc	 agent_consent_confirm(struct db *, struct pool *,
		    int64_t agent, const char *actor, const char *app_no,
		    const char *code, long *left, const char **why);
/* The tick: end the applications whose wait is over (*n of them). */
enum db_rc	 agent_consent_expire(struct db *, struct pool *, int *n);

#endif
