/*
 * flow.h: cases on the intranet and the one table of transitions that
 * moves them through an item's steps (INT-2, INT-4, INT-6, INT-10,
 * INT-13).  Every transition is one transaction that writes the case, its
 * event, any signed opinion and issued document, the outbox record for the
 * extranet and the audit row.
 */
#ifndef YW_FLOW_H
#define YW_FLOW_H

#include <jansson.h>

#include "application.h"
#include "calendar.h"
#include "catalog.h"
#include "db.h"
#include "delegation.h"
#include "request.h"
#include "wfnet.h"

/* for_name: whom a deputy signed for (INT-7, "B（受 A 委托）"), or NULL. */
struct opinion {
	int		 step_seq;
	char		*step_key;
	char		*step_name, *staff_name, *verdict, *text, *signed_at;
	char		*for_name;
};

struct case_event {
	int		 seq;
	char		*at, *action, *label, *state, *staff_name, *note;
	char		*for_name;
};

/* How a signer is named: "B", or "B（受 A 委托）" when for_name is set. */
char		*flow_signer(struct pool *, const char *name,
		    const char *for_name);

/* A member of staff who acted at a step of the case (回避, SEC-7). */
struct case_hand {
	int64_t		 staff_id;
	char		*step_key;
};

struct kase {
	int64_t		 id;
	char		*app_no, *source, *item_code, *item_name;
	char		*applicant_name, *id_number, *mobile, *remark, *state;
	char		*submitted_at, *received_at;
	/* Deadlines, Beijing dates or NULL (deadline.h). */
	char		*intake_due, *promised_due, *statutory_due;
	int		 extended_days;	/* granted once (Art. 42), or 0 */
	int		 item_version, step_seq;
	int64_t		 item_id;
	struct item	 item;		/* the version it was made under */
	struct attachment *atts;
	size_t		 natts;
	struct case_event *events;
	size_t		 nevents;
	struct opinion	*opinions;
	size_t		 nopinions;
	struct doc	*docs;
	size_t		 ndocs;
	struct case_hand *hands;
	size_t		 nhands;
	/* Where the case stands in its procedure (wfnet.h). */
	struct wf_net	 net;
	struct wf_marking marking;
	char		**task_since;	/* per step: since when it is
					 * enabled, or NULL */
	char		**task_due;	/* per step: its deadline, or NULL */
};

/* Where in its procedure a transition may be made. */
enum step_at {
	AT_FIRST,		/* the intake step (受理, doc accept) */
	AT_MIDDLE,		/* a review step */
	AT_LAST,		/* the deciding step (an edge into end) */
	AT_BACK,		/* any step with a return edge out (回退) */
};

struct transition {
	const char	*action;	/* as posted by the form */
	const char	*label;		/* button and timeline text */
	enum step_at	 at;
	const char	*to_state;	/* NULL: stays processing, next step */
	const char	*doc_kind;	/* document issued, or NULL */
	const char	*verdict;	/* opinion: "agree", "disagree", "either"
					 * (chosen by the signer) or NULL */
	int		 needs_text;	/* a reason or opinion is required */
};

/* The table, for pages that list what a user may do. */
extern const struct transition	flow_transitions[];
extern const size_t		nflow_transitions;

/* Whether user may make transition t at step i of case k now. */
int		 flow_may(const struct kase *, const struct user *,
		    const struct transition *, size_t i);
/*
 * Whether user may make transition t at step i of case k as a deputy
 * (INT-7), where they may not on their own account: the first of their
 * delegations in force dv[0..dn) whose delegator could (the roles lent,
 * 回避 of the delegator), unless user has acted at another step of k
 * (one person never signs twice on a case, as themselves and as
 * another); else NULL.
 */
const struct delegation *flow_may_for(const struct kase *,
		    const struct user *, const struct delegation *dv,
		    size_t dn, const struct transition *, size_t i);
/* Why 回避 keeps user from acting at step i of k for the delegator of
 * one of dv[0..dn) that would lend the step, or NULL. */
const char	*flow_deputy_recusal_why(struct pool *, const struct kase *,
		    const struct user *, const struct delegation *dv,
		    size_t dn, size_t i);
/*
 * 回避 (SEC-7): one person acts at one step of a case only.  When user
 * could act at step i now (its role, its department) but has acted at
 * another step of k, the name of that step; else NULL.  Window steps of
 * an instant item (即办件: the clerk takes and decides it at the window)
 * are exempt from each other.  flow_may() refuses what this names.
 */
const char	*flow_recused(const struct kase *, const struct user *,
		    size_t i);
/* The sentence that says why 回避 keeps user from step key of k (from
 * any step when key is NULL), or NULL when it does not. */
const char	*flow_recusal_why(struct pool *, const struct kase *,
		    const struct user *, const char *key);
/* Whether case k is still open (received or processing). */
int		 flow_open(const struct kase *);
/* Whether step i of case k can act now. */
int		 flow_enabled(const struct kase *, size_t i);
const struct transition *flow_find(const char *action);
/* People's words for a state. */
const char	*flow_state_label(const char *state);

/* A case from an extranet application record.  Inside the import's
 * transaction. */
enum db_rc	 case_import_application(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
enum db_rc	 case_get(struct db *, struct pool *, int64_t id, struct kase *);
/* The id of the case of application app_no (a document's case). */
enum db_rc	 case_id_of(struct db *, struct pool *, const char *app_no,
		    int64_t *id);
/* For a case row from case_list: its item, net and marking. */
enum db_rc	 case_load_state(struct db *, struct pool *, struct kase *);
/* The names of the steps that can act now, "、"-separated. */
char		*case_current_steps(struct pool *, const struct kase *);
/* Cases waiting for user (todo = 1: not those from which 回避 keeps
 * them) or that user has acted on, or a deputy for them (todo = 0). */
enum db_rc	 case_list(struct db *, struct pool *, const struct user *,
		    int todo, struct kase **, size_t *);
/*
 * Cases where user may act now as a deputy only (INT-7), by one of
 * their delegations in force dv[0..dn), each loaded with its state;
 * (*fors)[j] is the delegation of (*out)[j].  At most 200.
 */
enum db_rc	 case_list_deputy(struct db *, struct pool *,
		    const struct user *, const struct delegation *dv,
		    size_t dn, struct kase **out,
		    const struct delegation ***fors, size_t *n);
/*
 * Make transition `action` at step step_key (NULL: the first step where
 * user may) of case id as user: on their own account where they may,
 * else as a deputy by a delegation in force today (INT-7), signed with
 * both names and recorded as the hand of both (回避).  verdict ("agree"
 * or "disagree"), text and back_to (the step a return goes to; NULL: the
 * first one) come from the form.  On DB_NONE or DB_ERR, *why holds a
 * message for the user (e.g. the case moved on meanwhile).
 */
enum db_rc	 case_act(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *action,
		    const char *step_key, const char *verdict,
		    const char *text, const char *back_to, const char **why);
/*
 * The tick's rule of deemed acceptance (INT-2; 行政许可法 Art. 32): every
 * case still waiting for acceptance on day today whose intake deadline
 * has passed (red, deadline.h) is accepted from its day of receipt, with
 * why in its timeline and the audit trail, each in its own transaction;
 * safe beside another tick.  *n: how many.
 */
enum db_rc	 case_deem_due(struct db *, struct pool *,
		    const struct calendar *, cal_day today, int *n);
/* A 催办 (INT-11) of a step that waits now. */
struct case_urge {
	char		*step_key, *staff_name, *note, *at;	/* at: Beijing */
};
/*
 * A leader of a department acting on case id urges whoever holds its
 * waiting step step_key, with a note; audited.  DB_NONE with *why when
 * user is not such a leader or the step does not wait.
 */
enum db_rc	 case_urge(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *step_key,
		    const char *note, const char **why);
/* The urges of case id's waiting steps since each began waiting, newest
 * first (at most 20). */
enum db_rc	 case_urges(struct db *, struct pool *, int64_t id,
		    struct case_urge **, size_t *);
/* Whether user is a leader of a department acting on case k: who may
 * extend it (Art. 42) and urge its steps (催办). */
int		 flow_leads(const struct kase *, const struct user *);
/* The longest extension, in working days (行政许可法 Art. 42: 十日). */
#define EXTEND_DAYS_MAX	10
/* Whether user may extend case k now: accepted and open, not extended
 * before, and user a leader of a department acting on it. */
int		 flow_may_extend(const struct kase *, const struct user *);
/*
 * Extend case id by days working days (1..EXTEND_DAYS_MAX) as user, once
 * (Art. 42): both deadlines move, a 延期审批告知书 with reason and the new
 * date goes to the applicant, audited.  DB_NONE with *why when it may not.
 */
enum db_rc	 case_extend(struct db *, struct pool *, int64_t id,
		    const struct user *, int days, const char *reason,
		    const char **why);
/* The applicant's withdrawal, an import record (gap.c; EXT-5, INT-3).
 * Inside the import's transaction. */
enum db_rc	 case_import_withdraw(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
/* 1 when user's department acts at some step of case k (may read it). */
int		 flow_involves(const struct kase *, const struct user *);

#endif
