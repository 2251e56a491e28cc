/*
 * rating.h: ratings after completion (好差评, GB/T 39735-2020 政务服务评价
 * 工作指南; EXT-8; issue #11).  Owns rating on both sites (db/255).
 *
 * The applicant of a decided case (准予, 不予许可, 不予受理) rates it once
 * on its page on the extranet: five levels, for the two poor ones at
 * least one reason ticked, a comment of up to RT_COMMENT_MAX characters.
 * The rating crosses the gap as a "rating" record.  On the intranet the
 * item's department reads its ratings; a poor one (不满意, 非常不满意)
 * opens a follow-up in stages, each with a deadline in working days from
 * the day the rating was given, on the calendar (TIME-1):
 *
 *	visit	回访: contact the rater and record what they said, within
 *		RT_VISIT_DAYS;
 *	fix	整改: record what was done and what the rater is told,
 *		within RT_FIX_DAYS;
 *	done	the rater reads the result and may rate the case once more
 *		(round 2), which ends it whatever it says.
 *
 * A good rating's state is "none".  Each change of a follow-up crosses
 * back as a "rating.state" record with its sequence number: the extranet
 * takes a record only when it is newer than what it has.  The supervisors
 * (/sup/ratings) follow every poor rating by its light to its end.
 */
#ifndef YW_RATING_H
#define YW_RATING_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "calendar.h"
#include "db.h"
#include "deadline.h"
#include "request.h"

#define RT_COMMENT_MAX		500	/* characters */
#define RT_NOTE_MAX		1000	/* 回访 and 整改 notes */
#define RT_RESULT_MAX		1000	/* what the rater is told */
#define RT_VISIT_DAYS		3	/* working days from the rating */
#define RT_FIX_DAYS		10
#define RT_POOR			2	/* level 2 and below: a 差评 */
#define RT_GOOD			4	/* 4 and above: 满意 or better */
#define RT_SCORE_MIN		5	/* rated cases for a 满意度 */
#define RT_PAGE			50

struct rating {
	int64_t		 id, case_id, round, level, seq;
	char		*app_no, *item_code, *item_name, *dept_code;
	char		*dept_name, *reasons, *comment, *rated_at, *state;
	char		*visit_due, *visited_at, *visitor, *visit_note;
	char		*fix_due, *fixed_at, *fixer, *fix_note, *result;
	char		*updated_at, *applicant, *due;
	char		*rater;		/* "applicant" or "agent" */
};

/* Who rates (GB/T 39735: the service object): the applicant, also the
 * resident an agent applied for; or the agent, at their request. */
#define RT_RATER_APPLICANT	"applicant"
#define RT_RATER_AGENT		"agent"
/* "申请人本人" or "代办员（受申请人委托）", NULL for another. */
const char	*rt_rater_label(const char *rater);

/* "非常满意" … "非常不满意" for levels 5 … 1, NULL for another. */
const char	*rt_level_label(int level);
/* The reasons a poor rating may tick, NULL-terminated, and their
 * words; the label of code, or NULL. */
extern const char *const rt_reasons[];
const char	*rt_reason_label(const char *code);
/* "甲、乙" of a stored list of codes "a,b". */
char		*rt_reasons_text(struct pool *, const char *codes);
/* What the state of a follow-up is called for the rater and the
 * department; NULL for none. */
const char	*rt_state_label(const char *state);
const char	*rt_state_staff(const char *state);
/* Whether a case in state (the extranet's application, the intranet's
 * case) may be rated: decided. */
int		 rt_rateable(const char *state);

/* ---- extranet ----------------------------------------------------- */

/* The ratings of application app_no, round 1 first (at most 2). */
enum db_rc	 rt_of_app(struct db *, struct pool *, const char *app_no,
		    struct rating **, size_t *);
/*
 * u rates application app_no as rater (RT_RATER_*: who u is to it,
 * checked by the page): level, reasons (codes joined by ","), comment.
 * The row, the record for the intranet and the audit row in one
 * transaction.  DB_NONE with *why when the case may not be rated now
 * (not decided, rated already).
 */
enum db_rc	 rt_rate(struct db *, struct pool *, const struct user *u,
		    const char *app_no, const char *rater, int level,
		    const char *reasons, const char *comment,
		    const char **why);
/* Apply a "rating.state" record (gap.c). */
enum db_rc	 rt_import_state(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);

/* ---- intranet ----------------------------------------------------- */

/* Apply a "rating" record (gap.c): once; a round already here is left
 * as it is and *aside says so. */
enum db_rc	 rt_import(struct db *, struct pool *, json_t *, int *aside,
		    char *err, size_t errlen);
/* Which ratings a list shows: of dept (NULL: every department), only
 * the poor ones (poor), their follow-up state (NULL: any; "open": visit
 * or fix), of light (LIGHT_NONE: any) today; before: the id the page
 * starts before (0: the newest). */
struct rt_query {
	const char	*dept, *state;
	int		 poor;
	enum light	 light;
	int64_t		 before;
};
struct rt_page {
	struct rating	*v;
	size_t		 n;
	int64_t		 next;
};
enum db_rc	 rt_page(struct db *, struct pool *, const struct rt_query *,
		    const struct calendar *, cal_day today, struct rt_page *);
/* Per department: the cases rated and how many 满意 or better, each by
 * its last rating; the poor ratings; the follow-ups open, and open per
 * light today. */
struct rt_dept_count {
	char		*code, *name;
	int64_t		 n, good, poor, open, red, yellow, green;
};
enum db_rc	 rt_dept_counts(struct db *, struct pool *,
		    const struct calendar *, cal_day today,
		    struct rt_dept_count **, size_t *);
/* Rating id with its case's applicant. */
enum db_rc	 rt_get(struct db *, struct pool *, int64_t id,
		    struct rating *);
/*
 * The department's follow-up, by a member u of the rating's department:
 * 回访 (note: what the rater said), then 整改 (note: what was done;
 * result: what the rater reads).  Each in one transaction with its audit
 * row and its record for the extranet.  DB_NONE with *why when the
 * state does not allow it or the rating is another department's.
 */
enum db_rc	 rt_visit(struct db *, struct pool *, const struct user *u,
		    int64_t id, const char *note, const char **why);
enum db_rc	 rt_fix(struct db *, struct pool *, const struct user *u,
		    int64_t id, const char *note, const char *result,
		    const char **why);

#endif
