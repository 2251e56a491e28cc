/*
 * complaint.h: complaints (投诉举报; SUP-5, EXT-7; issue #8).  Owns
 * complaint and complaint_event on both sites.
 *
 * A citizen files a complaint on the extranet about a case of theirs, a
 * department or a person; it crosses the gap as a "complaint" record.  On
 * the intranet the supervision office (电子监察员) handles it in stages,
 * each with a deadline in working days on the calendar (TIME-1):
 *
 *	received	accept (assign to an investigating supervisor) within
 *			CMP_ACCEPT_DAYS of the day it was filed;
 *	assigned,	reply within the days the assigner set (default
 *	investigating	CMP_REPLY_DAYS, at most CMP_REPLY_DAYS_MAX) from the
 *			day it was assigned; notes on the way;
 *	replied		close within CMP_CLOSE_DAYS of the reply;
 *	closed.
 *
 * Each change of state crosses back as a "complaint.state" record with
 * its sequence number, the reply and the stage's deadline: the extranet
 * takes a record only when it is newer than what it has, so a record
 * carried twice changes nothing.
 */
#ifndef YW_COMPLAINT_H
#define YW_COMPLAINT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "calendar.h"
#include "db.h"
#include "deadline.h"
#include "request.h"

#define CMP_SUBJECT_MAX		60	/* characters */
#define CMP_BODY_MAX		1000
#define CMP_PERSON_MAX		50
#define CMP_REPLY_MAX		2000
#define CMP_NOTE_MAX		1000
#define CMP_ACCEPT_DAYS		2	/* working days: received → assigned */
#define CMP_REPLY_DAYS		15	/* default: assigned → replied */
#define CMP_REPLY_DAYS_MAX	60
#define CMP_CLOSE_DAYS		3	/* replied → closed */

struct complaint {
	int64_t		 id, case_id, assignee_id, seq;
	char		*no, *about, *app_no, *dept_code, *dept_name, *person;
	char		*subject, *body, *name, *id_number, *phone;
	char		*state, *filed_at, *accept_due, *assignee;
	char		*assigned_at, *reply_due, *reply, *replied_at;
	char		*close_due, *closed_at, *updated_at;
};

struct complaint_event {
	char		*at, *actor, *action, *note;
};

/* A choice of the form, the names the record and the pages use. */
struct cmp_dept {
	char		*code, *name;
};
struct cmp_staff {
	int64_t		 id;
	char		*name;
};

/* What a state is called, for the citizen and the supervisor; NULL for a
 * state that is none. */
const char	*cmp_state_label(const char *state);
/* "case", "dept", "person": what a complaint is about, in words. */
const char	*cmp_about_label(const char *about);
/* "TS" and 13 digits whose first 8 are a date: 1, else 0. */
int		 cmp_no_valid(const char *);
/* "" or 7 to 20 digits and '-', starting with a digit: 1, else 0. */
int		 cmp_phone_valid(const char *);
/* The deadline of the complaint's present stage ("YYYY-MM-DD"), or NULL
 * when closed. */
const char	*cmp_due(const struct complaint *);

/* ---- extranet ----------------------------------------------------- */

/* The departments of the published catalogue, by name. */
enum db_rc	 cmp_ext_depts(struct db *, struct pool *, struct cmp_dept **,
		    size_t *);
/* A new complaint, as the form checked it. */
struct cmp_new {
	const char	*about, *app_no, *dept_code, *dept_name, *person;
	const char	*subject, *body, *phone;
	const char	*name, *id_number;	/* the complainant's */
};
/*
 * File c for citizen u under the form's one-time key: the row, the record
 * for the intranet, the audit row, in one transaction; *no its number.
 * The same key again gives the first complaint's number (DB_OK).
 */
enum db_rc	 cmp_file(struct db *, struct pool *, const struct user *u,
		    const struct cmp_new *c, const char *form_key, char **no);
/* The number of the complaint citizen filed with form_key: DB_OK, or
 * DB_NONE when that form made none. */
enum db_rc	 cmp_by_key(struct db *, struct pool *, int64_t citizen,
		    const char *form_key, char **no);
/* The complaints of citizen id, newest first (no personal data). */
enum db_rc	 cmp_list_citizen(struct db *, struct pool *, int64_t citizen,
		    struct complaint **, size_t *);
/* Whether complaint no is stored here (the records' check). */
enum db_rc	 cmp_exists(struct db *, struct pool *, const char *no);
/* Apply a "complaint.state" record (gap.c). */
enum db_rc	 cmp_import_state(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);

/* ---- intranet ----------------------------------------------------- */

/* Apply a "complaint" record (gap.c): once; a number already here is
 * left as it is, and *aside says so (db/141). */
enum db_rc	 cmp_import(struct db *, struct pool *, json_t *, int *aside,
		    char *err, size_t errlen);
/* The states before closed, in order (NULL-terminated). */
extern const char *const cmp_open_states[];
#define CMP_OPEN_STATES		4
#define CMP_PAGE		50	/* complaints a page */
/* Which complaints a page lists: state (one of cmp_open_states or
 * "closed"), or NULL for every open one, or for every one when all;
 * light (LIGHT_NONE: any) narrows to the open ones of that light today;
 * before: the id the page starts before (0: the newest). */
struct cmp_query {
	const char	*state;
	int		 all;
	enum light	 light;
	int64_t		 before;
};
struct cmp_page {
	struct complaint *v;
	size_t		 n;
	int64_t		 next;	/* the next page's before, or 0 */
};
/* A page of complaints, newest first, without their personal data
 * opened; each filter an index read (db/156), the light a range of the
 * stage's deadline on calendar cal, day today. */
enum db_rc	 cmp_page(struct db *, struct pool *, const struct cmp_query *,
		    const struct calendar *cal, cal_day today,
		    struct cmp_page *);
/* The open complaints: how many, per state (cmp_open_states' order) and
 * per light today; an index read of the open ones only. */
struct cmp_counts {
	int64_t		 open, red, yellow, green;
	int64_t		 state[CMP_OPEN_STATES];
};
enum db_rc	 cmp_counts(struct db *, struct pool *,
		    const struct calendar *cal, cal_day today,
		    struct cmp_counts *);
/* Complaint id, its personal data opened, and its history. */
enum db_rc	 cmp_get(struct db *, struct pool *, int64_t id,
		    struct complaint *, struct complaint_event **, size_t *);
/* The supervisors a complaint may be assigned to. */
enum db_rc	 cmp_supervisors(struct db *, struct pool *,
		    struct cmp_staff **, size_t *);
/*
 * The supervisor's actions, each in one transaction with its history
 * row, its audit row and (when the state changes) its record for the
 * extranet.  DB_NONE with *why when the complaint's state does not allow
 * it (or the assignee is no supervisor).
 */
enum db_rc	 cmp_assign(struct db *, struct pool *, const struct user *,
		    int64_t id, int64_t assignee, int days, const char **why);
enum db_rc	 cmp_investigate(struct db *, struct pool *,
		    const struct user *, int64_t id, const char *note,
		    const char **why);
enum db_rc	 cmp_reply(struct db *, struct pool *, const struct user *,
		    int64_t id, const char *reply, const char **why);
enum db_rc	 cmp_close(struct db *, struct pool *, const struct user *,
		    int64_t id, const char *note, const char **why);

#endif
