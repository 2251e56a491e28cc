/*
 * records.h: the validators of the records that cross the gap (GAP-3,
 * GAP-4, SEC-4; review F1).  A record is untrusted input however well its
 * bundle verified: whoever holds the peer's signing key can write any
 * record.  So each kind has one validator on the receiving side, as strict
 * as the form the data came from:
 *
 *	- every field declared, present, of its JSON type, and no other;
 *	- every text valid UTF-8 without control characters (a multi-line
 *	  text may hold line ends), within the length of its column and
 *	  its form;
 *	- numbers, dates, codes and digests in their shapes; states, kinds
 *	  and choices from their sets (vocab.h);
 *	- what it names exists on the receiving site (an item version and
 *	  its materials, an application);
 *	- every file it names is a member of this very bundle, of the size
 *	  the record says; which types the file may have is noted for the
 *	  vetting by content when it is adopted (files_vet()).
 *
 * The validators are pure but for the questions they ask the site
 * through struct rec_site, and the day they are told (rec_check.today),
 * so unit tests and the fuzzer drive them without a database or a
 * clock.  Which kinds a site accepts, and the functions that
 * apply them, are the table in gap.c.
 */
#ifndef YW_RECORDS_H
#define YW_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "arena.h"
#include "catalog.h"
#include "db.h"

/* A file member of the bundle. */
struct rec_member {
	char		 sha256[65];
	uint64_t	 size;
	int		 named;		/* some record names it */
};

/* A file a record names, with what it must be when vetted. */
struct rec_file {
	const char		*sha256;
	uint64_t		 size;
	const char *const	*types;	/* MIME types allowed by content */
	size_t			 recno;	/* the record that names it, from 1 */
};

/* What the receiving site knows.  Each returns DB_OK, DB_NONE or DB_ERR. */
struct rec_site {
	/* Version `version` of item code, with its materials. */
	enum db_rc	(*item)(void *arg, struct pool *, const char *code,
			    int version, struct item *);
	/* Whether application app_no is stored here (on the intranet:
	 * whether it has its case). */
	enum db_rc	(*app)(void *arg, struct pool *, const char *app_no);
	/* Whether an anchor record is the other site's, signed by it
	 * (anchor_record_check()): 0, or -1 with why. */
	int		(*anchor)(void *arg, struct pool *, json_t *rec,
			    const char **why);
	void		*arg;
	/* Whether complaint no is stored here (SUP-5; NULL: none is). */
	enum db_rc	(*complaint)(void *arg, struct pool *, const char *no);
	/* 免证办 (DOC-2): whether licence no is in this site's library, of
	 * the licence kind (an item code, or its sub-items), held by the
	 * enterprise credit_code (NULL: by the person of id_number, its
	 * own), valid at submitted (UTC).  DB_NONE with why when not.
	 * NULL: this site has no library, every licence is refused. */
	enum db_rc	(*licence)(void *arg, struct pool *, const char *no,
			    const char *kind, const char *credit_code,
			    const char *id_number, const char *submitted,
			    const char **why);
	/* Whether consultation no is stored here (EXT-7; NULL: none is). */
	enum db_rc	(*consult)(void *arg, struct pool *, const char *no);
	/* 一件事 (EXT-12): version `version` of life event code as
	 * published here, its *name and item codes (*items, *n).  NULL:
	 * this site takes no bundle. */
	enum db_rc	(*event)(void *arg, struct pool *, const char *code,
			    int version, char **name, char ***items,
			    size_t *n);
};

struct rec_check {
	/* Set by the caller. */
	struct pool		*pool;
	const struct rec_site	*site;
	struct rec_member	*members;
	size_t			 nmembers;
	uint64_t		 max_file;	/* largest file allowed */
	long			 today;		/* the site's date, YYYYMMDD:
						 * birth dates are judged
						 * against it (0: every ID
						 * number is refused) */
	size_t			 recno;		/* of the record checked */
	const char		*out_dir;	/* the direction of this site's
						 * bundles, which a gap.aside
						 * record names (NULL: any) */
	/* Every file the records checked so far name. */
	struct rec_file		*files;
	size_t			 nfiles, fcap;
	/* The applications the application and case.window records
	 * checked so far bring, which the records after them may name
	 * (EXT-7, INT-1). */
	const char		**apps;
	size_t			 napps, appcap;
	/* When a check fails: the field ("applicant.id_number", or "" for
	 * the record as a whole), what is wrong (Chinese), and whether it
	 * was the site that could not be asked (a database error, not a
	 * bad record). */
	const char		*field;
	const char		*why;
	int			 dberr;
};

/* Each returns 0 when rec may be applied, else -1 with field and why. */
typedef int	(*rec_validator)(struct rec_check *, json_t *rec);

/* A published catalogue item and its forms (intranet → extranet). */
int	 rec_valid_item(struct rec_check *, json_t *);
/* An application with its attachments (extranet → intranet). */
int	 rec_valid_application(struct rec_check *, json_t *);
int	 rec_valid_event(struct rec_check *, json_t *);
/* A case's state, timeline entry and document (intranet → extranet). */
int	 rec_valid_case_event(struct rec_check *, json_t *);
/* A case's fee (case.fee, FEE-1): its fields, an application of this site. */
int	 rec_valid_case_fee(struct rec_check *, json_t *);
/* sms.send (NTF-1): a template and a case of this site, no number, no
 * text (intranet → extranet). */
int	 rec_valid_sms_send(struct rec_check *, json_t *);
/* The other site's signed chain heads (either direction; anchor.h). */
int	 rec_valid_anchor(struct rec_check *, json_t *);
/* application.withdraw: its fields, and a case of it here. */
int	 rec_valid_withdraw(struct rec_check *, json_t *);
/* application.correct: its fields, its files, and a case of it here. */
int	 rec_valid_correct(struct rec_check *, json_t *);
/* complaint (SUP-5, EXT-7): as the complaint form takes it, about a case
 * here, a department or a person (extranet → intranet). */
int	 rec_valid_complaint(struct rec_check *, json_t *);
/* complaint.state: a complaint's state and reply, for a complaint of
 * this site (intranet → extranet). */
int	 rec_valid_complaint_state(struct rec_check *, json_t *);
/* rating (EXT-8): as the rating form on a decided case's page takes it
 * (extranet → intranet); rating.state: the follow-up of a poor one, its
 * deadlines and, once done, what the rater is told (intranet →
 * extranet). */
int	 rec_valid_rating(struct rec_check *, json_t *);
int	 rec_valid_rating_state(struct rec_check *, json_t *);
/* message: the applicant's message on an application of this site
 * (extranet → intranet); message.reply: the window's reply to it
 * (intranet → extranet) (EXT-7). */
int	 rec_valid_message(struct rec_check *, json_t *);
int	 rec_valid_message_reply(struct rec_check *, json_t *);
/* consult: a question about an item version of this site, its name and
 * department as here (extranet → intranet); consult.answer, faq: the
 * answer to and the FAQ made of a question asked here (intranet →
 * extranet) (EXT-7). */
int	 rec_valid_consult(struct rec_check *, json_t *);
int	 rec_valid_consult_answer(struct rec_check *, json_t *);
int	 rec_valid_faq(struct rec_check *, json_t *);

/* Publication (PUB-1, PUB-2; intranet → extranet): a decided case's
 * result, masked (pub.result); a hall's numbers of the day (pub.hall); an
 * announcement (pub.news) and its withdrawal (pub.news.withdraw). */
int	 rec_valid_pub_result(struct rec_check *, json_t *);
int	 rec_valid_pub_hall(struct rec_check *, json_t *);
int	 rec_valid_pub_news(struct rec_check *, json_t *);
int	 rec_valid_pub_withdraw(struct rec_check *, json_t *);
/* The agent points' numbers (AGT-2, pub.agents). */
int	 rec_valid_pub_agents(struct rec_check *, json_t *);
/* An agent's account, made or deactivated on the intranet (AGT-1). */
int	 rec_valid_agent_account(struct rec_check *, json_t *);
/* The window's claim of an account or an enterprise, made on the
 * intranet (ACC-1), and the extranet's answer. */
int	 rec_valid_claim(struct rec_check *, json_t *);
int	 rec_valid_claim_result(struct rec_check *, json_t *);
/* case.window: a walk-in application the intranet's window registered
 * (INT-1), of an item version here, numbered in the window's series. */
int	 rec_valid_window(struct rec_check *, json_t *);
/* A 全程代理 project's progress for the investor (INT-14; intranet →
 * extranet). */
int	 rec_valid_agency_progress(struct rec_check *, json_t *);
/* Bookings of a window visit (EXT-10): a window's plan and working days
 * out, a booking or its cancellation in, the clerk's mark out. */
int	 rec_valid_booking_window(struct rec_check *, json_t *);
int	 rec_valid_booking(struct rec_check *, json_t *);
int	 rec_valid_booking_state(struct rec_check *, json_t *);
/* How the result reaches the applicant (EXT-10): the choice in, the
 * handing over (picked up, or posted with its waybill) out. */
int	 rec_valid_app_delivery(struct rec_check *, json_t *);
int	 rec_valid_case_delivery(struct rec_check *, json_t *);

/* gap.aside (GAP-5): the other site set aside one of this site's
 * records, or retried or discarded it (either direction). */
int	 rec_valid_gap_aside(struct rec_check *, json_t *);
/* gap.alert (GAP-6): the other site refused one of this site's bundles
 * with a security alert, as its operator saw it. */
int	 rec_valid_gap_alert(struct rec_check *, json_t *);
/* A department's seal key (DOC-1; intranet → extranet): its id and
 * algorithm those of its public key. */
int	 rec_valid_seal_key(struct rec_check *, json_t *);
/* A licence issued (DOC-2; intranet → extranet): its body the JSON text
 * of what the record says, for an application this site has; and a
 * licence revoked (吊销) or cancelled (注销). */
int	 rec_valid_licence_issue(struct rec_check *, json_t *);
int	 rec_valid_licence_revoke(struct rec_check *, json_t *);

/*
 * After every record: every file member of the bundle is named by some
 * record (an unnamed file is refused, never adopted).  0, or -1 with why.
 */
int	 rec_all_named(struct rec_check *);

/* Parse one record line strictly (no duplicate keys, an object):
 * NULL with why on failure.  The caller decrefs. */
json_t	*rec_parse(struct rec_check *, const char *line);

#endif
