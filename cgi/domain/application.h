/*
 * application.h: applications on the extranet (EXT-1..3): submission with
 * attachments, the applicant's list, and the status, timeline and
 * documents that come back from the intranet.
 */
#ifndef YW_APPLICATION_H
#define YW_APPLICATION_H

#include <jansson.h>

#include "catalog.h"
#include "db.h"
#include "request.h"

struct attachment {
	int		 material_seq;
	int		 round;		/* 0 as submitted, 1 corrected */
	char		*material_name;
	char		*file_name;
	char		 sha256[65];
	int64_t		 size;
	char		*mime;
	/* 免证办 (DOC-2): the applicant's licence that stands for the
	 * material instead of a file (no file, no size), or NULL. */
	char		*licence_no;
};

struct app_event {
	int		 seq;
	char		*at, *label, *actor, *note;
};

/* A material the applicant is asked to correct (EXT-4), and why. */
struct correction {
	int		 material_seq;
	char		*material_name, *reason;
};

struct doc {
	char		*app_no, *kind, *doc_no, *title, *body, *issued_at;
	char		*issued_by;
	/* Its electronic seal (docseal.h), set by docseal_sign() at issue;
	 * NULL when unsigned (and in what doc_get() and doc_list() read). */
	char		*seal_dept, *seal_kid, *seal_sig, *seal_code;
};

struct application {
	int64_t		 id;
	char		*app_no, *item_code, *item_name, *applicant_name;
	char		*id_number, *mobile, *remark, *state, *state_label;
	char		*submitted_at, *updated_at;
	char		*due_date;	/* promised completion, or NULL */
	char		*withdraw_at;	/* when withdrawal was asked, or NULL */
	char		*corrected_at;	/* when corrections were sent, or NULL */
	/* The fee asked (FEE-1): kind, last day and state (unpaid, paid,
	 * lapsed), or NULL; the amount in fen. */
	char		*fee_kind, *fee_due, *fee_state;
	int		 fee_amount;
	int		 item_version;
	int64_t		 citizen_id;
	/* Made in an enterprise's name (ACC-1): its id, name and credit
	 * code when it applied; 0 and NULL for a person's own. */
	int64_t		 enterprise_id;
	char		*entity_name, *credit_code;
	/* Made by an agent (AGT-1): who, their area, where the resident
	 * lives, the consent (form, sms) and its state; agent_id 0 when
	 * not.  id_hash: the ID number's keyed hash (the resident's view). */
	int64_t		 agent_id;
	char		*agent_name, *agent_area, *resident_region;
	char		*consent_kind, *consent_state, *id_hash;
	/* "online", or "window": registered at the intranet's window
	 * (INT-1), by no account, its applicant found by id_hash. */
	char		*source;
	/* One of an event application's (EXT-12, lifeevent.h), or NULL. */
	char		*bundle_no;
	struct attachment *atts;
	size_t		 natts;
	struct app_event *events;
	size_t		 nevents;
	struct doc	*docs;
	size_t		 ndocs;
	struct correction *corr;	/* what the 补正 notice asks for */
	size_t		 ncorr;
};

/* A day's numbers YW<day>00001..89999 are the extranet's, 90001..99999
 * the intranet window's (INT-1, intake.h INTAKE_NO_BASE). */
#define APP_NO_WINDOW	90000

/* What one account may submit a Beijing day (SEC-8). */
struct app_quota {
	uint64_t	 apps;
	uint64_t	 bytes;		/* attachments, summed */
};

enum app_rc {
	APP_OK = 0,
	APP_AGAIN,		/* this form was submitted before: *app_no */
	APP_OVER_COUNT,		/* the day's number of applications is used */
	APP_OVER_BYTES,		/* the day's attachment bytes are used */
	APP_ERR,		/* failed; logged */
};

/* The applicant an application is made for when not the person
 * themself: an enterprise they may apply for (enterprise.h). */
struct app_entity {
	int64_t		 id;
	const char	*name, *credit_code;
};

/*
 * Where application numbers are taken (the config's app_no_gapless): 0,
 * the default, in a statement of its own just before the submission's
 * transaction, so that submissions do not queue one at a time, and a
 * submission that fails leaves its number unused (logged); 1, inside
 * it, without gaps, every submission of the day waiting for the one
 * before to commit (the intranet window's numbers likewise, intake.h).
 */
void		 app_set_gapless(int on);
int		 app_gapless(void);
/* The day's next application number, the Beijing day and now (UTC), as
 * a submission takes them (in its transaction or before, as above). */
enum app_rc	 app_number(struct db *, struct pool *, char **app_no,
		    char **day, char **now);

/*
 * Submit an application for item by user with the stored attachments:
 * numbers it (app_set_gapless()), stores it, its attachments, its first
 * timeline entry, its outbox record, its form key and its count against
 * the quota, in one transaction.  Sets *app_no (for APP_AGAIN, the first
 * submission's).  Nothing is stored unless it returns APP_OK.  ent: the
 * enterprise it is made for (the caller checked user's ENT_APPLY), or
 * NULL; its name and credit code cross the gap in the record's "entity"
 * (records.c).
 */
enum app_rc	 app_submit(struct db *, struct pool *, const struct item *,
		    const struct user *, const struct app_entity *ent,
		    const char *id_number,
		    const char *mobile, const char *remark,
		    const struct attachment *, size_t natts,
		    const char *form_key, const struct app_quota *,
		    char **app_no);
/*
 * An application an agent makes for a resident (AGT-1): the resident is
 * the applicant (resident_name, the ID number and mobile given to
 * app_submit_proxy()); the agent's act is labelled 代办 with their name
 * on the timeline, the record and the audit.  consent_kind "form": the
 * resident's signed consent form, scanned (consent, stored as the
 * attachment of material 0); "sms": the resident confirms by SMS, state
 * "pending" until the SMS part (NTF-1) fills it in, consent NULL.
 */
#define APP_CONSENT_SEQ		0
#define APP_CONSENT_NAME	"代办授权书（居民签字）"
struct app_proxy {
	int64_t		 agent_id;
	const char	*agent_name, *agent_area;
	const char	*resident_name, *resident_region;
	const char	*consent_kind;
	const struct attachment *consent;
};
enum app_rc	 app_submit_proxy(struct db *, struct pool *,
		    const struct item *, const struct user *,
		    const struct app_proxy *, const char *id_number,
		    const char *mobile, const char *remark,
		    const struct attachment *, size_t natts,
		    const char *form_key, const struct app_quota *,
		    char **app_no);
/*
 * 一件事一次办 (EXT-12): one application per item of a life event,
 * items[i] with its attachments atts[i] (natts[i]), in one transaction,
 * each naming bundle b, whose number it sets (b->no: YJ and the first
 * application's digits).  The first holds form_key: APP_AGAIN with b->no
 * when the form made its bundle before.  ent: the enterprise the bundle
 * and each application are made for (as app_submit()'s), or NULL.
 */
struct bundle_ref;
enum app_rc	 app_submit_bundle(struct db *, struct pool *,
		    const struct item *items, size_t nitems,
		    const struct user *, const struct app_entity *ent,
		    const char *id_number,
		    const char *mobile, const char *remark,
		    struct attachment *const *atts, const size_t *natts,
		    const char *form_key, const struct app_quota *,
		    struct bundle_ref *b);
/* The applications of bundle no, in order. */
enum db_rc	 app_list_bundle(struct db *, struct pool *, const char *no,
		    struct application **, size_t *);
/* The keyed hash an application keeps of the ID number idno (id_hash):
 * a resident's own account finds what agents made for them by it. */
int		 app_id_hash(const char *idno, char out[65]);
/* The application the form with this key made, if any (DB_NONE). */
enum db_rc	 app_by_form_key(struct db *, struct pool *,
		    int64_t citizen_id, const char *form_key, char **app_no);
/* What the citizen has submitted today (Beijing time). */
enum db_rc	 app_quota_today(struct db *, struct pool *, int64_t citizen_id,
		    int64_t *apps, int64_t *bytes);
/* DB_OK when a row of this site names the stored file sha (an
 * attachment, a blank form or a sample, a record set aside at import:
 * aside.h), DB_NONE when none does. */
enum db_rc	 app_file_named(struct db *, struct pool *, const char *sha);
/* The same as a files_named_fn (files.h) over a struct app_files: 1
 * named, 0 not, -1 cannot tell. */
struct app_files {
	struct db	*db;
	struct pool	*pool;
};
int		 app_files_named(void *arg, const char *sha);
/* Load one application with its attachments, events and documents. */
enum db_rc	 app_get(struct db *, struct pool *, const char *app_no,
		    struct application *);
/* Whether an application in state is still open (no decision yet). */
int		 app_open(const char *state);
/*
 * The applicant u asks to withdraw application app_no (EXT-5): once, while
 * it is open; the request goes to the intranet (record
 * "application.withdraw"), which ends the case and sends back its
 * 准予撤回决定书.  reason: "" or the applicant's words (checked by the
 * caller).  DB_NONE with *why when it may not be withdrawn (or is not
 * u's: then without why).
 */
enum db_rc	 app_withdraw(struct db *, struct pool *, const struct user *,
		    const char *app_no, const char *reason, const char **why);
/*
 * The applicant u sends the corrected materials of application app_no
 * (EXT-4): exactly those the 补正材料通知书 lists, once, while the case
 * waits for them.  Stored as round 1 beside what was first submitted;
 * the record "application.correct" carries them to the intranet, where
 * the intake clock restarts.  DB_NONE with *why when they may not be sent
 * (or the application is not u's: then without why).
 */
enum db_rc	 app_correct(struct db *, struct pool *, const struct user *,
		    const char *app_no, const struct attachment *,
		    size_t natts, const char **why);
/* DB_OK when application app_no is stored here, DB_NONE when not. */
enum db_rc	 app_exists(struct db *, struct pool *, const char *app_no);
/* Outcome of a query without login (EXT-3, F5). */
enum query_rc {
	QUERY_FOUND,		/* the number and the ID number match */
	QUERY_MISS,		/* unknown number, wrong ID number: alike */
	QUERY_NUMBER_BUSY,	/* the number or ID number missed too often */
	QUERY_ADDR_BUSY,	/* this address missed too often */
	QUERY_ERR,		/* database error, logged */
};
/*
 * Load application app_no if idno is its applicant's ID number.  Both
 * are compared in one query, and a miss loads nothing more, so an
 * unknown number and a wrong ID number take the same time.  Misses are
 * counted per number, per ID number and per address (addr): past their
 * limits the answer is a BUSY one, the same for any number.
 */
enum query_rc	 app_query(struct db *, struct pool *, const char *app_no,
		    const char *idno, const char *addr, struct application *);
/* The applications of a citizen, newest first (no parts loaded). */
enum db_rc	 app_list(struct db *, struct pool *, int64_t citizen_id,
		    struct application **, size_t *);
/* The applications made in enterprise id's name, newest first. */
enum db_rc	 app_list_enterprise(struct db *, struct pool *, int64_t id,
		    struct application **, size_t *);

/*
 * Details filled once, offered again (ACC-3).  The applicant is person
 * citizen's own self (ent 0) or enterprise ent: the remark of its newest
 * application of item code (NULL when none); the files of its earlier
 * applications, newest first, one per material name and file; one of
 * them by attachment id, DB_NONE unless it is one of those.
 */
struct app_reusable {
	int64_t		 id;		/* attachment row */
	char		*app_no, *submitted_at;
	struct attachment a;
};
enum db_rc	 app_last_remark(struct db *, struct pool *, int64_t citizen,
		    int64_t ent, const char *code, char **remark);
enum db_rc	 app_reusables(struct db *, struct pool *, int64_t citizen,
		    int64_t ent, struct app_reusable **, size_t *);
enum db_rc	 app_reusable(struct db *, struct pool *, int64_t citizen,
		    int64_t ent, int64_t id, struct app_reusable *);

/* The same, with those agents made for the resident whose ID number
 * hashes to idhash (app_id_hash(); NULL: none). */
enum db_rc	 app_list_with(struct db *, struct pool *, int64_t citizen_id,
		    const char *idhash, struct application **, size_t *);
/* A case event sent back by the intranet.  Inside the import's
 * transaction; an event seen before changes nothing. */
/* A case's fee as the intranet sends it (case.fee: FEE-1, FEE-2): what
 * the applicant is asked to pay, by when, and whether it is paid. */
enum db_rc	 app_import_fee(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
enum db_rc	 app_import_event(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/* Documents are stored the same way on both sites. */
enum db_rc	 doc_get(struct db *, struct pool *, const char *doc_no,
		    struct doc *);
enum db_rc	 doc_list(struct db *, struct pool *, const char *app_no,
		    struct doc **, size_t *);
enum db_rc	 doc_add(struct db *, const struct doc *);
/* The attachments of app_no as they stand: a material's corrected file
 * in place of the one first submitted. */
enum db_rc	 attachment_list(struct db *, struct pool *, const char *app_no,
		    struct attachment **, size_t *);
/* A struct correction from a row (material_seq, material_name, reason),
 * for stmt_list(). */
enum db_rc	 correction_row(struct stmt *, struct pool *, void *);
/* The record's "attachments" and "files" arrays for atts[0..n), or -1. */
int		 attachment_json(const struct attachment *, size_t n,
		    json_t **atts, json_t **files);
enum db_rc	 attachment_add(struct db *, const char *app_no,
		    const struct attachment *);

/* case.window (INT-1): a walk-in application the intranet's window
 * registered, as an application of source 'window'.  In the import's
 * transaction. */
enum db_rc	 app_import_window(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

#endif
