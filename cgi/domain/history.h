/*
 * history.h: a generated history of cases on the intranet (issue #8,
 * "Scale"; `yiwang-admin demo-history`), for benchmarks and demonstrations
 * at a province's load.
 *
 * Each case goes the way a real one goes through flow.c, on the item's
 * own procedure net (wfnet.h), and leaves the rows a real journey leaves
 * on the intranet: kase, case_event, case_token and case_task (for cases
 * still open), opinion, document (numbered in their series, doc_counter
 * moved on, listing the materials attached), case_hand, case_correction,
 * case_suspension, case_report, case_fee, case_urge, attachment, and
 * deadline_warning wherever a step went red.  Its paths, in thousandths
 * of the cases: 补正 then on (80); not accepted (50); denied (60);
 * suspended for a special procedure then resumed (50); reported up and
 * decided there (30); withdrawn (40); deemed accepted by the tick after
 * the intake deadline passed with no decision (15, items of more than
 * one step); and beside those, whatever the path: fee paid or lapsed
 * (60 % of the items with a fee); one step late (120, with its warning,
 * and a 催办 by a leader of the item's department at its deadline in 60 %
 * of them; a step late now is urged in half the cases); the time limit
 * extended once by such a leader, 5 to 10 working days, with its
 * 延期审批告知书 (40); sent back once along a return edge of the item
 * (回退, 50, where the item has one).  Every required material is
 * attached, the others 60 % of the time, and a corrected material again
 * in round 1; each material's rows name one demo file in the store (a
 * one-page PDF per material name, not a file per case).  Times fall in
 * working hours of working days (calendar.h) over the years asked, up
 * to now (clock.h): whatever would happen after now has not happened
 * yet, so the newest cases are open at every step with the lights their
 * deadlines give.  Applicants are made up, with valid ID numbers of the
 * demo region 152502; the people acting are the departments' real staff.
 *
 * Not written: the extranet's application rows and the gap's outbox (the
 * history is past; nothing is to be carried), the audit trail (nobody
 * did these acts on this system; the generation itself is audited,
 * once).
 *
 * Marked: kase.demo = 1, application numbers YD + date + six digits, and
 * demo = 1 on the ledgers' rows, which chain apart (migration 135,
 * chain.h CHAIN_DEMO_*).  history_remove() deletes exactly these cases
 * and every row that names them, then the demo files no row names.
 *
 * Rows go in by LOAD DATA LOCAL from memory (db_load), a batch of cases a
 * transaction; foreign keys, unique keys and triggers all stay on.
 */
#ifndef YW_HISTORY_H
#define YW_HISTORY_H

#include <stdint.h>
#include <stdio.h>

#include "db.h"

#define HISTORY_MAX_CASES	5000000L
#define HISTORY_MAX_YEARS	10
#define HISTORY_PREFIX		"YD"

struct history_opts {
	long		 cases;
	int		 years;		/* ending now */
	int		 before;	/* or this many days before now */
	uint64_t	 seed;
	const char	*files_dir;	/* the site's file store */
};

struct history_stats {
	long		 cases, open, events, opinions, documents, warnings;
	long		 tasks, urges, attachments;
};

/*
 * Generate opts->cases cases on db (opened as DB_BULK); progress lines on
 * out (or NULL).  Then history_after_load().  DB_ERR (logged, with a line
 * on out) when a batch cannot be stored: the batches stored before stay,
 * and history_remove() takes them away.
 */
enum db_rc	 history_generate(struct db *, struct pool *,
		    const struct history_opts *, struct history_stats *,
		    FILE *out);

/*
 * What the summary tables of the supervision pages (dashboard, department
 * performance) need after a bulk load: their rebuild commands are called
 * here (issue #8's dashboard and performance work adds them; for now it
 * does nothing).  Run after every history_generate() and
 * history_remove().
 */
enum db_rc	 history_after_load(struct db *, struct pool *);

/*
 * Delete every generated case and every row that names one, a batch a
 * transaction, on a connection whose account may delete from the ledgers
 * (the migration account: the application's has no DELETE there).  Sets
 * *removed to the cases removed.
 */
enum db_rc	 history_remove(struct db *, struct pool *,
		    const char *files_dir, long *removed, FILE *out);

/*
 * Check the generated rows: both demo chains verify, and every generated
 * case's state agrees with its events, documents, tasks, extension,
 * urges and attachments.  The rules run a range of case ids at a time,
 * each reading by index (bounded memory, a round trip a rule a range).
 * Problems are printed on out; returns how many (0: all is well), or -1
 * when the database cannot be read.
 */
long		 history_verify(struct db *, struct pool *, FILE *out);

#endif
