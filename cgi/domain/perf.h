/*
 * perf.h: performance (绩效评估, SUP-4) and statistics (统计分析, SUP-6),
 * read from the summaries that migration 115 keeps by triggers in the
 * transaction of every change of a case (perf_case_day, perf_person_day,
 * perf_red), so that a period of a million cases costs what its few
 * thousand summary rows cost.  docs/performance.md defines every figure.
 *
 * Periods are Beijing dates "YYYY-MM-DD", both ends included.
 */
#ifndef YW_PERF_H
#define YW_PERF_H

#include <stdint.h>

#include "db.h"

/* The seed's rules (seed 004 #3 第二十二条): red lights in a year. */
#define PERF_RED_NO_AWARD	2	/* 本人本年度不参与评优 */
#define PERF_RED_POST		3	/* 调离原岗位 */
#define PERF_RED_DEPT		5	/* 本处室本年度内不得参与评优 */

/* Figures of one row: a department, a person, a month, an item, … */
struct perf_row {
	char		*key;		/* code, staff id, "2026-03", … */
	char		*label;		/* what a person reads */
	int64_t		 received;	/* 收件 */
	int64_t		 online;	/* of them through the extranet */
	int64_t		 decided;	/* 办结: approved, denied, not_accepted */
	int64_t		 approved, denied, not_accepted;
	int64_t		 withdrawn;	/* 撤回 (ended, not decided) */
	int64_t		 on_time, late;	/* of the decided */
	int64_t		 work_days;	/* summed over the decided */
	int64_t		 acts, opinions;	/* people only */
	int64_t		 items, items_online;	/* departments only */
	int64_t		 red, red_year;	/* red lights: period, the year */
	int		 private_item;	/* by item: counts only (SUP-6) */
	unsigned	 roles;		/* people only */
};

/* Per department that has items or figures: those with cases or red
 * lights first, each part by code. */
enum db_rc	 perf_depts(struct db *, struct pool *, const char *from,
		    const char *to, int year, struct perf_row **, size_t *);
/*
 * Per member of staff of department dept with a business role: their
 * acts, opinions, the decisions of cases they had a hand in, their red
 * lights.  DB_NONE when there is no such department; *name its name.
 */
enum db_rc	 perf_people(struct db *, struct pool *, const char *dept,
		    const char *from, const char *to, int year, char **name,
		    struct perf_row **, size_t *);

enum perf_by {
	PERF_BY_MONTH,
	PERF_BY_DEPT,
	PERF_BY_ITEM,
	PERF_BY_CHANNEL,
	PERF_BY_RESULT,
};
/* The statistics of the period grouped by: rows in the order a reader
 * expects (months in order, the rest by code or result). */
enum db_rc	 perf_stats(struct db *, struct pool *, enum perf_by,
		    const char *from, const char *to, struct perf_row **,
		    size_t *);
/* The dimension of a word ("month", …); -1 for anything else. */
int		 perf_by_of(const char *);
const char	*perf_by_word(enum perf_by);
/* 渠道: "网上申请" for online, "窗口收件" for window, else the word. */
const char	*perf_channel_label(const char *);

/*
 * Compute every summary again from the cases, events, opinions, hands and
 * warnings (CALL perf_rebuild() and perf_red_rebuild(), one transaction).
 * Needs the migration account (the application's only reads the
 * summaries).  *rows: summary rows afterwards.
 */
enum db_rc	 perf_rebuild(struct db *, struct pool *, int64_t *rows);
/*
 * Whether the summaries are what a rebuild gives: the rebuild done in a
 * transaction that is then rolled back, and the rows that differ counted
 * per summary (diff[]: day, month, person, red lights; rows of zeros do
 * not count).  The day summary is what /hall and the statistics read.  The migration account, as perf_rebuild().
 */
enum db_rc	 perf_check(struct db *, struct pool *, int64_t diff[4]);

/*
 * After a change of the working-day calendar (146: its days are marked
 * by triggers): the decision days of the cases whose clock ran over a
 * changed day counted again, in one transaction, as the application's
 * account (the tick).  *days: how many (-1 when no day was marked);
 * *from and *to: the first and last changed calendar day ("" when none).
 */
enum db_rc	 perf_calendar_follow(struct db *, struct pool *, int *days,
		    char **from, char **to);

#endif
