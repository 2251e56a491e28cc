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
#include "deadline.h"
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

/* A special procedure (特别程序, INT-9, Art. 45) that stopped the clock. */
struct suspension {
	char		*kind, *reason, *began_on, *began_by;
	char		*ended_on, *ended_by;	/* NULL while it lasts */
	int		 expected_days, paused_days;
};

/* What a decision to grant states besides the item it grants (DOC-1):
 * the scope (许可范围, e.g. the kinds of food a shop may sell) and the last
 * day it is valid (YYYY-MM-DD, after today), each NULL or "" when the
 * item has none. */
struct permit {
	const char	*scope, *valid_until;
};
#define PERMIT_SCOPE_MAX	200	/* characters */

/* A case reported to a higher authority (上报, INT-10), and its decision
 * once recorded (decision NULL until then). */
struct case_report {
	char		*authority, *reason, *reported_on, *reported_by;
	char		*decision, *upper_doc_no, *decided_on, *summary;
	char		*recorded_by;
};

struct kase {
	int64_t		 id;
	char		*app_no, *source, *item_code, *item_name;
	char		*applicant_name, *id_number, *mobile, *remark, *state;
	char		*submitted_at, *received_at;
	/* Deadlines, Beijing dates or NULL (deadline.h). */
	char		*intake_due, *promised_due, *statutory_due;
	int		 extended_days;	/* granted once (Art. 42), or 0 */
	int		 correct_asked;	/* 补正 asked for (once, EXT-4) */
	char		*corrected_at;	/* Beijing time the corrections
					 * were submitted, or NULL */
	struct correction *corr;	/* what 补正 asked for */
	size_t		 ncorr;
	int		 paused_days;	/* by ended special procedures */
	struct suspension *susp;	/* its special procedures, oldest
					 * first; the last open while the
					 * state is "suspended" */
	size_t		 nsusp;
	struct case_report *report;	/* or NULL */
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
/* A case as it is received: from the extranet's record, or typed at
 * the window (INT-1). */
struct case_new {
	const char	*source;	/* "online", "window" (kase.source) */
	const char	*app_no, *item_code, *item_name;
	int		 item_version;
	const char	*name, *idno, *mobile, *remark;
	const char	*submitted;	/* UTC, "YYYY-MM-DD HH:MM:SS" */
	const char	*ent_name, *credit_code;	/* NULL: a person's */
	const struct attachment *atts;
	size_t		 natts;
	/* The first timeline entry of a walk-in case, as staff and the
	 * applicant read it: NULL for the window's (窗口收件); the centre
	 * filing as the investor's agent names itself (INT-14). */
	const char	*intake_label, *intake_note;
};
/*
 * A walk-in application the window clerk registered (INT-1; intake.h):
 * case n received now, in the same inbox, flow and clocks as an online
 * one, its first timeline entry 窗口收件 (or n's intake_label) by
 * clerk; *k loaded.  Inside the caller's transaction; DB_NONE with err
 * when refused.
 */
enum db_rc	 case_add_window(struct db *, struct pool *,
		    const struct case_new *, const struct user *clerk,
		    struct kase *k, char *err, size_t errlen);
/* The enterprise case id was applied for in the name of (ACC-1): its
 * name and credit code; DB_NONE for a person's own application. */
enum db_rc	 case_entity(struct db *, struct pool *, int64_t id, char **name,
		    char **credit_code);
enum db_rc	 case_get(struct db *, struct pool *, int64_t id, struct kase *);
/* The id of the case of application app_no (a document's case). */
enum db_rc	 case_id_of(struct db *, struct pool *, const char *app_no,
		    int64_t *id);
/* For the n case rows of case_list: each one's item, net and marking,
 * each item version read once however many of its cases the list holds,
 * an ended case's not at all: it waits at no step (the worklists). */
enum db_rc	 case_load_states(struct db *, struct pool *, struct kase *,
		    size_t n);
/* The names of the steps that can act now, "、"-separated. */
char		*case_current_steps(struct pool *, const struct kase *);
/* Cases waiting for user (todo = 1: not those from which 回避 keeps
 * them) or that user has acted on, or a deputy for them (todo = 0):
 * CASE_DONE_PAGE of them, newest first, before case id `before` (0: the
 * first page), and one more when another page follows. */
#define CASE_DONE_PAGE		50
#define CASE_DONE_PAGE_MORE	51
enum db_rc	 case_list(struct db *, struct pool *, const struct user *,
		    int todo, int64_t before, struct kase **, size_t *);
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
 * first one) come from the form; so does permit, for a decision to grant
 * (NULL: none).  On DB_NONE or DB_ERR, *why holds a message for the user
 * (e.g. the case moved on meanwhile).
 */
enum db_rc	 case_act(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *action,
		    const char *step_key, const char *verdict,
		    const char *text, const char *back_to,
		    const struct permit *, const char **why);
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
	int64_t		 case_id;
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
/* The same for cases ids[0..n-1] at once, by case and newest first, a
 * statement per 32 cases (a worklist's; no limit per case). */
enum db_rc	 case_urges_of(struct db *, struct pool *,
		    const int64_t *ids, size_t n, struct case_urge **,
		    size_t *);
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
/*
 * 申请人撤回申请 received at the window (INT-3; seed 004: 撤回申请经窗口
 * 受理后…自动终止): the applicant's written request scanned (scan: an
 * attachment of material CASE_WITHDRAW_SEQ, its file stored) or received
 * on paper (纸质已收, pages), the reason ("" none), and who the clerk
 * checked: the applicant's ID (agent 0) or an agent's authorisation (1).
 */
#define CASE_WITHDRAW_SEQ	9999
#define CASE_WITHDRAW_REASON_MAX	200	/* characters, one line */
struct withdraw_req {
	const struct attachment *scan;	/* or NULL: on paper */
	int		 pages;
	const char	*reason;
	int		 agent;
};
/* Whether user may record a withdrawal of case k now: open, and user a
 * window clerk of its item's department (who may take its intake). */
int		 flow_may_withdraw(const struct kase *, const struct user *);
/*
 * Record w on case id as clerk and end the case exactly as an online
 * withdrawal does (the same 准予撤回决定书 in its series, state, events,
 * worklists; case_import_withdraw() and this share one function), the
 * event and audit row with the clerk's name.  DB_NONE with *why when it
 * may not (decided, withdrawn, not the clerk's).
 */
enum db_rc	 case_withdraw_window(struct db *, struct pool *, int64_t id,
		    const struct user *clerk, const struct withdraw_req *w,
		    const char **why);
/* The applicant's withdrawal, an import record (gap.c; EXT-5, INT-3).
 * Inside the import's transaction.  *aside set when it came after the
 * decision and changed nothing but the applicant's notice (db/141). */
enum db_rc	 case_import_withdraw(struct db *, struct pool *, json_t *rec,
		    int *aside, char *err, size_t errlen);
/* The most materials one 补正 may list, and the words of its reasons. */
#define CORRECT_REASON_MAX	200
/* Whether user may ask for correction of case k now (EXT-4): it waits
 * at intake, was never asked before, and user holds its intake step. */
int		 flow_may_correct(const struct kase *, const struct user *);
/*
 * Ask, as user at intake, for the correction of the n materials v of
 * case id (their seq and reason; names are the item's), once (EXT-4,
 * Art. 32): the 补正材料通知书 lists them with the reasons and goes to
 * the applicant; the case waits off every worklist until the corrected
 * materials come back.  DB_NONE with *why when it may not.
 */
enum db_rc	 case_correct(struct db *, struct pool *, int64_t id,
		    const struct user *, const struct correction *v,
		    size_t n, const char **why);
/* The corrected materials from the extranet, an import record (gap.c;
 * EXT-4): the case waits at intake again, its clocks from the
 * correction's submission.  Inside the import's transaction.  *aside
 * set when the case had ended and the files were not taken (db/141). */
enum db_rc	 case_import_correction(struct db *, struct pool *,
		    json_t *rec, int *aside, char *err, size_t errlen);
/* Whether user may accept and decide instant item case k in one sitting
 * (即办件, INT-12): it waits at intake and user holds the intake step. */
int		 flow_may_instant(const struct kase *, const struct user *);
/*
 * Accept instant item case id and grant it at once, as user at the window
 * (INT-12): one transaction, both documents (受理通知书 and 准予行政许可决定书),
 * the opinion text (or a standard one).  Refused (DB_NONE, *why) when its
 * procedure does not let the same window decide it.
 */
enum db_rc	 case_instant(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *text, const char **why);
/* Whether user may report case k up now: accepted and running, never
 * reported, and user holds its deciding step. */
int		 flow_may_report(const struct kase *, const struct user *);
/* Whether user may record the higher authority's decision on case k: it
 * waits for it and user holds the deciding step. */
int		 flow_may_record(const struct kase *, const struct user *);
/*
 * Report case id to authority (its name) for decision, as user, with the
 * reason (INT-10): the case waits, off every clock of this office, and
 * the applicant is told to whom it went.  DB_NONE with *why when it may
 * not.
 */
enum db_rc	 case_report(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *authority,
		    const char *reason, const char **why);
/*
 * Record, as user, the higher authority's decision on reported case id:
 * approve or deny, the authority's document number, the day it decided
 * (YYYY-MM-DD, not before the report nor after today) and what it says;
 * the case ends with this office's 准予 or 不予 decision citing it.
 * DB_NONE with *why when it may not.
 */
enum db_rc	 case_record_upper(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *decision,
		    const char *upper_doc_no, const char *decided_on,
		    const char *summary, const char **why);
/* The longest special procedure one may announce, in working days. */
#define SPECIAL_DAYS_MAX	120
/* Whether user may start a special procedure on case k now: accepted,
 * open, its clock running, and user holds one of its waiting steps. */
int		 flow_may_suspend(const struct kase *, const struct user *);
/* Whether user may end case k's special procedure: it is suspended and
 * user holds a step it waits at. */
int		 flow_may_resume(const struct kase *, const struct user *);
/*
 * Stop case id's clock for a special procedure of kind (vocab_specials)
 * expected to last days working days (1..SPECIAL_DAYS_MAX), as user, for
 * reason (INT-9, Art. 45): its steps stay with their holders, no
 * deadline runs or warns, and a 特别程序告知书 tells the applicant how
 * long.  DB_NONE with *why when it may not.
 */
enum db_rc	 case_suspend(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *kind, const char *reason,
		    int days, const char **why);
/*
 * End case id's special procedure today, as user: the working days it
 * lasted on the calendar are added to the case's terms and its waiting
 * steps', so each has exactly the time it had left; the applicant is
 * told the new date.  DB_NONE with *why when it may not.
 */
enum db_rc	 case_resume(struct db *, struct pool *, int64_t id,
		    const struct user *, const char **why);
/* 1 when user's department acts at some step of case k (may read it). */
int		 flow_involves(const struct kase *, const struct user *);


/*
 * Case search (INT-11): what staff look a case up by.  Every criterion is
 * optional (NULL, or LIGHT_NONE); the page checks their shapes.  Dates are
 * Beijing days "YYYY-MM-DD" of receipt, both ends included.  A case's
 * light is that of the deadline it runs against: acceptance while it
 * waits for it, the promised completion once accepted; an ended case has
 * none.
 */
struct case_query {
	const char	*app_no;	/* the number, or its beginning */
	const char	*name;		/* part of the applicant's name */
	const char	*item;		/* an item code, or part of its name */
	const char	*state;		/* received, processing, … */
	enum light	 light;
	const char	*from, *to;	/* received on or after, on or before */
	/* The page after the row (before_at, before_id): received_at in
	 * UTC "YYYY-MM-DD HH:MM:SS" and id of the last row shown. */
	const char	*before_at;
	int64_t		 before_id;
};
/* One page: the cases, and the key of the next page, if any. */
struct case_page {
	struct kase	*cases;
	size_t		 n;
	char		*next_at;	/* NULL when this is the last page */
	int64_t		 next_id;
};
#define CASE_SEARCH_PAGE	20
/*
 * The cases that match q and that user's department may read (ORG-2:
 * the item's department or one acting at one of its steps), newest
 * received first, CASE_SEARCH_PAGE at a time, by key (never by offset),
 * on day today of calendar c (for the light).
 */
enum db_rc	 case_search(struct db *, struct pool *, const struct user *,
		    const struct case_query *, const struct calendar *,
		    cal_day today, struct case_page *);
/* The deadline a case runs against now (its light), or NULL. */
const char	*case_running_due(const struct kase *);

/* A case's fee (FEE-1, FEE-2; 101 case_fee). */
struct case_fee {
	char		*kind, *due, *state, *doc_no, *set_by, *set_at;
	char		*receipt_no, *paid_by, *paid_at;	/* or NULL */
	int		 amount, days;			/* fen, working days */
};
/* People's words for a fee's state: unpaid, paid, lapsed. */
const char	*fee_state_label(const char *state);
/* The fee of case id; DB_NONE when none was set. */
enum db_rc	 case_fee_get(struct db *, struct pool *, int64_t id,
		    struct case_fee *);
/* Whether user may set the fee of case k now (its item has a standard,
 * it is accepted and open, and user holds a handler's or leader's step
 * that waits); whether one was set already is case_fee_get()'s. */
int		 flow_may_fee(const struct kase *, const struct user *);
/* Whether user may confirm the payment of case k's fee: a window clerk
 * of the item's department, while the case is open. */
int		 flow_may_confirm_fee(const struct kase *, const struct user *);
/*
 * Set the fee of case id as user, once: kind the item's, amount (fen)
 * within the item's standard, days (1..FEE_DAYS_MAX) working days from
 * today to pay; a 缴费通知书 is issued and goes to the applicant; audited.
 * DB_NONE with *why when it may not.
 */
enum db_rc	 case_fee_set(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *kind, int amount,
		    int days, const char **why);
/* Confirm at the window that case id's fee is paid, with the receipt's
 * number; audited.  DB_NONE with *why when it may not. */
enum db_rc	 case_fee_confirm(struct db *, struct pool *, int64_t id,
		    const struct user *, const char *receipt,
		    const char **why);
/*
 * The tick's rule of unpaid fees (FEE-2; seed 004 #3 第二十条): every open
 * case whose fee is unpaid on day today although its last day has passed
 * (red) is denied with a 不予行政许可决定书 giving the reason, each in its
 * own transaction; safe beside another tick.  *n: how many.
 */
enum db_rc	 case_fee_lapse_due(struct db *, struct pool *,
		    const struct calendar *, cal_day today, int *n);

#endif
