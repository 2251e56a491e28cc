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
 * NULL when case_id was made by no agent (intranet). */
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

#endif
