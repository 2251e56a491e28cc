/*
 * deadline.h: the deadlines of cases and steps on the working-day
 * calendar, their lights, and the warning written when a step misses its
 * deadline (TIME-2, SUP-1, INT-11; DESIGN "The clock").
 *
 * A case's clocks start on the day it was submitted on the extranet (the
 * office owns its gap), or its corrected materials were (补正, EXT-4):
 * intake_due (5 working days to accept, refuse or ask for correction,
 * 行政许可法 Art. 32), promised_due and statutory_due (the item's limits,
 * and the working days of an extension, Art. 42).  A step's clock starts
 * on the day the case reached it on the intranet: case_task.due_date, the
 * step's limit in working days.
 *
 * Lights are derived when read, from the deadline and today:
 *   green   before the deadline's day;
 *   yellow  on the deadline's day, and on days off right after it (the
 *           last working day is not over until the next one begins);
 *   red     once a working day after the deadline has begun.
 */
#ifndef YW_DEADLINE_H
#define YW_DEADLINE_H

#include "calendar.h"
#include "db.h"

enum light {
	LIGHT_NONE = 0,		/* no deadline */
	LIGHT_GREEN,
	LIGHT_YELLOW,
	LIGHT_RED,
};

#define INTAKE_DAYS	5	/* 行政许可法 Art. 32 */

/*
 * The light of deadline due on day today, and *days: the working days
 * left after today (green, yellow: 0 on the day) or late (red, >= 1).
 */
enum light	 deadline_light(const struct calendar *, cal_day today,
		    cal_day due, int *days);
/*
 * The same rule as dates, for a query that filters by light: on day
 * today a deadline due is red when due < *yellow_from, yellow when
 * *yellow_from <= due < *green_from, green when due >= *green_from.
 */
void		 deadline_light_bounds(const struct calendar *, cal_day today,
		    cal_day *yellow_from, cal_day *green_from);
/*
 * The deadlines of light l on day today as an inclusive range of dates,
 * *lo to *hi ("YYYY-MM-DD", from pool), for a BETWEEN: 1, or 0 (both
 * NULL) when l is LIGHT_NONE.
 */
int		 deadline_light_range(struct pool *, const struct calendar *,
		    cal_day today, enum light l, const char **lo,
		    const char **hi);
/*
 * Bind the bounds of today's lights as the dates yellow_from,
 * yellow_from, green_from, green_from at q's parameters at … at + 3:
 * what a query that counts open deadlines by light asks (due < ?: red;
 * due >= ? AND due < ?: yellow; due >= ?: green).
 */
void		 deadline_light_bind(struct stmt *, unsigned at,
		    struct pool *, const struct calendar *, cal_day today);
/* "green", "yellow", "red" or "" (for classes and filters). */
const char	*deadline_light_word(enum light);
/* The light by its word; LIGHT_NONE for anything else. */
enum light	 deadline_light_of(const char *word);
/* What a person reads: "还剩 3 个工作日", "今天到期", "已超期 2 个工作日". */
char		*deadline_text(struct pool *, enum light, int days);

/*
 * The date n working days after the Beijing date day ("YYYY-MM-DD") on
 * calendar c: a deadline.  NULL when day is no date.  A year not loaded
 * counts weekends only (the administrator's home says so).
 */
char		*deadline_after(struct pool *, const struct calendar *,
		    const char *day, int n);
/*
 * The working days a clock stopped on day began and running again on day
 * today owes every term (a special procedure, INT-9): those after began
 * up to today's included, 0 when today is not after began.  A term due on
 * D then ends on cal_add(D, n), which leaves it exactly the working days
 * it had left on the day it stopped, whatever holidays fell between.
 */
int		 deadline_paused(const struct calendar *, cal_day began,
		    cal_day today);
/* Set the deadlines of case id and of its waiting steps (at its import,
 * after an extension, a correction, a special procedure). */
enum db_rc	 deadline_case(struct db *, struct pool *, int64_t id);
/*
 * Set the deadlines of open cases and their steps from the calendar c:
 * every one (all = 1, after the calendar changed) or only those not set
 * yet (all = 0).  *n: how many rows changed.
 */
enum db_rc	 deadline_fill(struct db *, struct pool *,
		    const struct calendar *, int all, int *n);
/*
 * Write the warning of every step that is red on day today and has none
 * for its deadline yet, each in its own transaction with its chain link,
 * at the instant now.  Safe when two run at once (a row locked by one is
 * skipped by the other; the unique key holds the rest).  *n: how many.
 */
enum db_rc	 deadline_warn(struct db *, struct pool *,
		    const struct calendar *, cal_day today, time_t now, int *n);

/* One warning, as the supervision pages read them. */
struct deadline_warning {
	int64_t		 id, case_id;
	char		*at, *app_no, *step_name, *dept_code, *holders;
	char		*due_date;
	int		 days_late;
};
/* The newest warnings of case_id (0: of every case), at most limit. */
enum db_rc	 deadline_warnings(struct db *, struct pool *,
		    int64_t case_id, size_t limit,
		    struct deadline_warning **, size_t *);

#endif
