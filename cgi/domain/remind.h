/*
 * remind.h: SMS reminders to civil servants before deadlines (NTF-1;
 * issue #10), and the staff mobile they go to.  Owns staff_reminder and
 * staff.mobile_sealed, mobile_masked, sms_remind (db/190, db/230).
 *
 * Intranet only: the intranet sends them through its own gateway (sms.h,
 * docs/sms.md), so that staff mobiles never leave the intranet.  A
 * member of staff's mobile is optional, sealed at rest (pii.h), shown
 * masked, set by its owner on their account page after a code sent to it
 * (sms_code_start, purpose "staff"), or by the system administrator when
 * making the account.  The tick (remind_tick) sends each person who may
 * act on a step (the holders: the step's department and role) one
 * reminder when its deadline falls within the next working day and one
 * more once it is red; never twice for the same case, step, kind and
 * person (staff_reminder's unique key); not to a person who turned them
 * off; never between 22:00 and 07:00 (Beijing time, from the clock): a
 * reminder composed then waits for 07:00.  The text names the case
 * number, the item, the step and its deadline, never the applicant.
 */
#ifndef YW_REMIND_H
#define YW_REMIND_H

#include <time.h>

#include "calendar.h"
#include "config.h"
#include "db.h"

#define REMIND_QUIET_FROM	22	/* Beijing hours: no SMS from 22:00 */
#define REMIND_QUIET_TO		7	/* to 07:00 */

/* 1 when t falls in the quiet hours; the first 07:00 from t on. */
int		 remind_quiet(time_t t);
time_t		 remind_morning(time_t t);

/*
 * Set staff id's mobile (11 digits, checked by the caller) sealed with
 * its mask, or remove it (mobile NULL).  In the caller's transaction.
 */
enum db_rc	 remind_mobile_set(struct db *, struct pool *, int64_t id,
		    const char *mobile);
/* Staff id's mask (NULL: no mobile) and whether reminders are on. */
enum db_rc	 remind_me(struct db *, struct pool *, int64_t id,
		    char **masked, int *on);
/* Turn staff id's reminders on or off. */
enum db_rc	 remind_switch(struct db *, int64_t id, int on);

/*
 * yiwang-admin tick on the intranet, at now on calendar c: every
 * reminder due and not yet sent queued in sms_outbox (due: deadlines
 * within the next working day; late: red ones).
 */
enum db_rc	 remind_tick(const struct config *, struct db *,
		    struct pool *, const struct calendar *, time_t now,
		    int *due, int *late);

/* What a person was sent, newest first (their account page). */
struct remind_row {
	char	*at, *app_no, *step, *kind, *due, *to, *text, *state;
	char	*error;
};
enum db_rc	 remind_list(struct db *, struct pool *, int64_t staff_id,
		    size_t limit, struct remind_row **, size_t *);

#endif
