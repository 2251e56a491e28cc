/*
 * agency.h: 全程代理 for key investment projects (INT-14; issue #11,
 * docs/agency.md, db/270).  Owns agency_project, agency_item,
 * agency_event (intranet) and agency_progress, agency_progress_item
 * (extranet).
 *
 * The centre registers a project (name, kind, investor enterprise by
 * credit code, location, amount, the 委托代理协议 and its scan, one
 * 代理协调员, the catalogue items it needs); each item gets its case by
 * application number (agency_link: the investor's online application,
 * or a case the window files for the centre: the hook window intake
 * calls).  The coordinator reads every case of the project and urges
 * its waiting steps in any department (agency_urge, the same case_urge
 * rows a leader's 催办 writes, INT-11), and acts on none: the role
 * holds nothing else (db/270), so every step's route refuses them.
 * Whenever the project's progress changes it crosses to the extranet
 * (agency.progress, replaced whole), where the investor's staff read it
 * on their enterprise's page.
 */
#ifndef YW_AGENCY_H
#define YW_AGENCY_H

#include <stdint.h>

#include <jansson.h>

#include "db.h"
#include "request.h"

#define AGENCY_ITEMS_MAX	30	/* items a project needs, at most */
#define AGENCY_AMOUNT_MAX	100000000	/* 万元: a trillion yuan */
#define AGENCY_NOTE_MAX		500	/* characters of an urge's note */
#define AGENCY_REASON_MAX	200	/* characters of a closing's reason */

/* What the registration form gives (strings as sent, checked here). */
struct agency_new {
	const char	*name, *kind, *credit_code, *investor, *location;
	const char	*amount, *agreement_no, *coordinator;
	const char	*const *items;		/* catalogue codes */
	size_t		 nitems;
	const char	*agreement_sha, *agreement_name;	/* the scan */
};
/* The form's choices: published items by department, coordinators. */
struct agency_choice {
	char		*code, *name, *group;	/* item: dept; staff: login */
};
enum db_rc	 agency_catalogue(struct db *, struct pool *,
		    struct agency_choice **, size_t *);
enum db_rc	 agency_coordinators(struct db *, struct pool *,
		    struct agency_choice **, size_t *);
/* NULL when n may be registered (the scan aside), else what to fix. */
const char	*agency_new_bad(struct db *, struct pool *,
		    const struct agency_new *);
/*
 * Register n as user (in a transaction of its own, audited
 * agency.register): *id.  DB_NONE with *why when n is refused (checked
 * again), DB_DUP when its agreement number is registered already.
 */
enum db_rc	 agency_register(struct db *, struct pool *,
		    const struct user *, const struct agency_new *,
		    int64_t *id, const char **why);

struct agency_project {
	int64_t		 id, coordinator_id, amount_wan, items, linked;
	int64_t		 done;
	char		*name, *kind, *kind_label, *credit_code, *investor;
	char		*location, *agreement_no, *agreement_sha;
	char		*agreement_name, *coordinator, *created_at;
	char		*closed_at, *close_reason;	/* NULL while open */
	char		*worst_due;	/* earliest waiting step's, or NULL */
};
/* The projects coordinated by coordinator (0: all), newest first. */
enum db_rc	 agency_list(struct db *, struct pool *, int64_t coordinator,
		    struct agency_project **, size_t *);
/* Project id; DB_NONE when there is none. */
enum db_rc	 agency_get(struct db *, struct pool *, int64_t id,
		    struct agency_project *);
/* Whether user may read project p: its coordinator, or who watches. */
int		 agency_may_read(const struct agency_project *,
		    const struct user *);

/* One item of a project, with its case when it has one. */
struct agency_item {
	int64_t		 seq, case_id;
	int64_t		 filed;		/* the centre filed it (INT-14) */
	char		*item_code, *item_name, *dept_name;
	char		*app_no, *state, *state_label, *linked_at;
};
enum db_rc	 agency_items(struct db *, struct pool *, int64_t id,
		    struct agency_item **, size_t *);
/* A step waiting now in a case of the project, with its newest urge. */
struct agency_step {
	int64_t		 case_id;
	char		*app_no, *step_key, *step_name, *dept_name, *due;
	char		*urged_by, *urge_note, *urged_at;
};
enum db_rc	 agency_steps(struct db *, struct pool *, int64_t id,
		    struct agency_step **, size_t *);
/* A document issued on a case of the project. */
struct agency_doc {
	char		*app_no, *title, *doc_no, *issued_at;
};
enum db_rc	 agency_docs(struct db *, struct pool *, int64_t id,
		    struct agency_doc **, size_t *);
/* One line of the project's timeline: its cases' events and its own. */
struct agency_event {
	char		*at, *app_no, *label, *who, *note;
};
enum db_rc	 agency_timeline(struct db *, struct pool *, int64_t id,
		    struct agency_event **, size_t *);

/*
 * Give item item_code of project id the case of application app_no, as
 * user (its coordinator; "" for the window intake's hook, which passes
 * the clerk): the case must be of that item and of the project's
 * investor, and serve no other project, and the project be open.
 * Audited agency.link; the progress queued.  DB_NONE with *why when
 * refused.  flags: AGENCY_IN_TXN, in the caller's transaction (else one
 * of its own); AGENCY_FILED, the coordinator filed the case as the
 * investor's agent (intake_register() with in->agency): recorded as
 * such (agency_item.filed_by, event 代为申请, audited agency.file).
 */
#define AGENCY_IN_TXN	0x1
#define AGENCY_FILED	0x2
enum db_rc	 agency_link(struct db *, struct pool *,
		    const struct user *, int64_t id, const char *item_code,
		    const char *app_no, int flags, const char **why);
/*
 * The coordinator urges step step_key of case case_id of project id
 * (INT-11's case_urge row, shown on the holder's worklist row and on
 * the case; agency_event 'urge'; audited case.urge).  DB_NONE with
 * *why when user does not coordinate it or the step does not wait.
 */
enum db_rc	 agency_urge(struct db *, struct pool *, const struct user *,
		    int64_t id, int64_t case_id, const char *step_key,
		    const char *note, const char **why);

/* The 全程代理 project case_id serves, as its page says it: "代理：中心
 * 按委托代理协议 N 代投资企业申请（项目：…）" when the centre filed it,
 * else the project; DB_NONE when none. */
enum db_rc	 agency_of_case(struct db *, struct pool *, int64_t case_id,
		    char **label);

/* What the edit form gives: the facts, the whole item list wanted (one
 * with a case cannot go), and a new agreement scan or NULL. */
struct agency_edit {
	const char	*name, *location, *amount;
	const char	*const *items;
	size_t		 nitems;
	const char	*agreement_sha, *agreement_name;
};
/* NULL when e may be saved (the scan and the cases aside), else why. */
const char	*agency_edit_bad(struct db *, struct pool *,
		    const struct agency_edit *);
/*
 * Edit open project id as user, its coordinator: name, location,
 * amount, items added and removed (not one with a case), and the
 * agreement's scan replaced (the old one kept, agency_agreement).  One
 * transaction, event 修改项目 saying what changed, audited agency.edit,
 * the progress queued.  DB_NONE with *why when refused or unchanged.
 */
enum db_rc	 agency_edit(struct db *, struct pool *, const struct user *,
		    int64_t id, const struct agency_edit *, const char **why);
/*
 * Close open project id as user, its coordinator: once every item's case
 * has ended (reason NULL or ""), or with reason (项目终止, 2 to
 * AGENCY_REASON_MAX characters) at any time.  A closed project reads
 * only.  Event 关闭项目, audited agency.close, the progress queued (with
 * closed_at and close_reason).  DB_NONE with *why when refused.
 */
enum db_rc	 agency_close(struct db *, struct pool *, const struct user *,
		    int64_t id, const char *reason, const char **why);

/*
 * The tick: every project's progress queued for the extranet when it
 * differs from what was sent last (*n: how many).
 */
enum db_rc	 agency_send_all(struct db *, struct pool *, int *n);

/* Whether a project's agreement is the file of digest sha (the files
 * sweep keeps it): DB_OK, DB_NONE. */
enum db_rc	 agency_file_named(struct db *, struct pool *, const char *sha);

/* Extranet: an agency.progress record (validated, records.c). */
enum db_rc	 agency_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
/* Extranet: the projects of enterprise credit_code, as last sent. */
struct agency_progress_item {
	char		*item_name, *dept_name, *state, *app_no, *step;
};
struct agency_progress {
	int64_t		 project_id;
	char		*name, *location, *coordinator, *as_of;
	char		*closed_at, *close_reason;	/* NULL while open */
	struct agency_progress_item *items;
	size_t		 nitems, ndone, ndoing, ntodo;
};
enum db_rc	 agency_progress_of(struct db *, struct pool *,
		    const char *credit_code, struct agency_progress **,
		    size_t *);

#endif
