/*
 * supervision.h: electronic supervision (电子监察, SUP-*): what the
 * supervisors and observers read about the county's cases and about the
 * intranet's own operations.  Nothing here changes a case.
 *
 * The dashboard reads the summary of open cases (sup_open_count, db/110,
 * kept by triggers on kase in the transaction of every case change), the
 * index of today's warnings and the index of open cases by age: its cost
 * does not grow with the cases that have ended.  A case is open while it
 * is received, correcting, processing, suspended or reported; it belongs
 * to its item's department (kase.dept_code); its light is that of the
 * deadline it runs against (flow.h case_running_due(): acceptance while it
 * waits for it, the promised completion once accepted; none otherwise),
 * on today's working-day calendar (deadline.h).
 */
#ifndef YW_SUPERVISION_H
#define YW_SUPERVISION_H

#include <stdint.h>

#include "calendar.h"
#include "db.h"
#include "request.h"

struct sup_count {
	char		*key;		/* a state, a department code, … */
	int64_t		 n;
};

/* Every case by state, most first. */
enum db_rc	 sup_by_state(struct db *, struct pool *, struct sup_count **,
		    size_t *n);

/* The states a case is open in, in the order of the procedure. */
extern const char *const sup_open_states[];

/* Open cases of one department in one state, by light. */
struct sup_open {
	char		*dept_code, *state;
	int64_t		 n, red, yellow, green;	/* n: with and without */
};
/* The summary, on day today of calendar c (for the lights). */
enum db_rc	 sup_open_counts(struct db *, struct pool *,
		    const struct calendar *, cal_day today,
		    struct sup_open **, size_t *);
/* The warnings of missed deadlines written on Beijing day today, by the
 * department of the late step (key: its code). */
enum db_rc	 sup_red_today(struct db *, struct pool *, cal_day today,
		    struct sup_count **, size_t *);

/* A department and its service hall (NULL when it has none). */
struct sup_dept {
	char		*code, *name, *hall_code, *hall_name;
};
/* Every department, by name's order in the organisation (code). */
enum db_rc	 sup_depts(struct db *, struct pool *, struct sup_dept **,
		    size_t *);

/* A case as the supervision lists show it. */
struct sup_case {
	int64_t		 id;
	char		*app_no, *item_name, *applicant_name, *state;
	char		*dept_code, *received_at;	/* Beijing */
	char		*key_at;	/* received_at, UTC, for paging */
	char		*due;		/* its running deadline, or NULL */
};
/*
 * What the drill-down lists.  Every criterion optional (NULL,
 * LIGHT_NONE); warned: a Beijing day, the cases with a warning of a missed
 * deadline written that day (the department and hall are then the late
 * step's); else the open cases, oldest received first.
 */
struct sup_query {
	const char	*dept, *hall, *state, *warned;
	int		 light;		/* enum light */
	/* The page after (after_at, after_id): the last row's key_at, id. */
	const char	*after_at;
	int64_t		 after_id;
};
#define SUP_PAGE	30
struct sup_page {
	struct sup_case	*cases;
	size_t		 n;
	char		*next_at;	/* NULL: the last page */
	int64_t		 next_id;
};
enum db_rc	 sup_cases(struct db *, struct pool *, const struct sup_query *,
		    const struct calendar *, cal_day today, struct sup_page *);
/* The n oldest open cases. */
enum db_rc	 sup_oldest(struct db *, struct pool *, size_t n,
		    struct sup_case **, size_t *);

/*
 * The intranet's own operations (SUP-3, db/111 staff_op): who did what,
 * when, from which address (NULL where none was recorded).
 */
struct staff_op {
	int64_t		 id, case_id;
	char		*at, *key_at;	/* Beijing; UTC for paging */
	char		*login, *staff_name, *dept_code, *kind, *label;
	char		*app_no, *addr;
};
/* Filters, each optional: staff (a login), dept (a code), day (Beijing
 * "YYYY-MM-DD"); the page before (before_at, before_id). */
struct staff_op_query {
	const char	*staff, *dept, *day;
	const char	*before_at;
	int64_t		 before_id;
};
#define STAFF_OP_PAGE	50
struct staff_op_page {
	struct staff_op	*ops;
	size_t		 n;
	char		*next_at;
	int64_t		 next_id;
};
/* Newest first. */
enum db_rc	 staff_ops(struct db *, struct pool *,
		    const struct staff_op_query *, struct staff_op_page *);
/* People's words for an operation's kind. */
const char	*staff_op_kind_label(const char *kind);
/* A business member of staff u logged in from addr (its own
 * statement). */
enum db_rc	 staff_op_login(struct db *, const struct user *,
		    const char *addr);

/*
 * A record that crossed the gap about a case, either way, and its bundle:
 * in, one the import took from the extranet (db/141; aside: it changed
 * nothing, as a withdrawal after the decision), at its bundle's import;
 * else one sent to the extranet (db/112), at the time it was queued (seq
 * 0 while no bundle carried it yet; bundle_at, the bundle's manifest
 * time, and hash NULL until written).  Times Beijing; hash the bundle's
 * first 12 hex digits; label the kind in people's words.
 */
struct sup_xchg {
	int		 in, aside;
	char		*kind, *at, *hash, *bundle_at;
	const char	*label;
	int64_t		 seq;
};
/* Both ways in time order, at most 200 of each. */
enum db_rc	 sup_case_exchange(struct db *, struct pool *,
		    const char *app_no, struct sup_xchg **, size_t *);
/* People's words for a record's kind (the type it crosses as), coming in
 * or going out; the kind itself when it has none. */
const char	*sup_xchg_label(const char *kind, int in);

/* Recount sup_open_count from kase, in one transaction that holds the
 * open cases meanwhile (after a bulk load); *n: open cases counted. */
enum db_rc	 sup_rebuild(struct db *, struct pool *, int64_t *n);
/* Whether the summary equals a recount now: 1 yes, 0 no, -1 error. */
int		 sup_check(struct db *, struct pool *);

#endif
