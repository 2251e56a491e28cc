/*
 * anomaly.h: abnormal warnings (异常预警, SUP-2): a table of named rules,
 * each a check over the facts of one case, and the insert-only ledger
 * they write to (anomaly_warning, db/120; a keyed chain, chain.h).
 *
 * The normal paths refuse most of what the rules look for (flow.c); the
 * rules catch what other paths did: an edit at the database's console,
 * a tampered or imported record, a bug.  They run
 *   - in the transaction of every change of a case, for that case
 *     (flow.c's event_out(), which every transition passes through);
 *   - from the tick, for the cases changed since it last looked
 *     (case_change, filled by triggers whatever wrote the rows), and for
 *     the timed rules (a case still open past its promised deadline);
 *   - from `yiwang-admin anomaly-check [--all]`.
 * A warning is one row per (case, rule, subject): the subject says what
 * fired within the case ("event:4", "fee:…"), so checking again adds
 * nothing already said, and a new fact adds a new row.
 *
 * A new rule is one row of the table in anomaly.c and its check; the
 * pages list whatever the table holds.
 */
#ifndef YW_ANOMALY_H
#define YW_ANOMALY_H

#include <time.h>

#include "calendar.h"
#include "catalog.h"
#include "db.h"
#include "wfnet.h"

/* One event of a case's timeline (case_event). */
struct anomaly_event {
	int		 seq;
	char		*at;		/* Beijing, YYYY-MM-DD HH:MM */
	char		*action, *label, *state, *staff_name;
	char		*step_key;	/* its step's (db/142), or NULL */
};

/* Who acted at which step (case_hand and the signed opinions). */
struct anomaly_hand {
	int64_t		 staff_id;
	char		*staff_name, *step_key;
};

/* Everything the rules read of one case, loaded once (anomaly_load). */
struct anomaly_case {
	int64_t		 id;
	char		*app_no, *state;
	char		*accepted_day, *decided_day;	/* Beijing, or NULL */
	char		*intake_due, *promised_due, *statutory_due;
	const struct item *item;			/* its version */
	struct wf_net	 net;
	struct anomaly_event *events;			/* by seq */
	size_t		 nevents;
	char		**opinion_keys;			/* signed steps */
	size_t		 nopinions;
	char		**doc_kinds;			/* issued documents */
	size_t		 ndocs;
	struct anomaly_hand *hands;
	size_t		 nhands;
	int		 has_fee;
	char		*fee_kind;
	int		 fee_amount;			/* fen */
	const struct calendar *cal;
	cal_day		 today;
};

/* What a rule found: the subject (unique within case and rule) and the
 * explanation a supervisor reads, with the case's facts. */
struct anomaly_hit {
	const char	*subject, *why;
};
struct anomaly_hits {
	struct pool	*pool;
	struct anomaly_hit *v;
	size_t		 n, cap;
};
void		 anomaly_hit(struct anomaly_hits *, const char *subject,
		    const char *why);

struct anomaly_rule {
	const char	*key;		/* stored in the ledger; never reused */
	const char	*name;		/* 环节顺序异常, … */
	const char	*about;		/* what it checks and why, in Chinese */
	/* Pure: reads c only, adds its findings to h. */
	void		(*check)(const struct anomaly_case *c,
			    struct anomaly_hits *h);
};
extern const struct anomaly_rule anomaly_rules[];
extern const size_t		 nanomaly_rules;
/* The rule of key, or NULL. */
const struct anomaly_rule *anomaly_rule_find(const char *key);
/* What the red-light ledger's rows are called on the pages (SUP-1). */
#define ANOMALY_DEADLINE_KEY	"deadline"
#define ANOMALY_DEADLINE_NAME	"环节超期（红灯）"

/*
 * Load the facts of case id (with calendar cal, on day today) into c,
 * from pool; known: its item version when the caller has it loaded
 * (else NULL).  DB_NONE when there is no such case.
 */
enum db_rc	 anomaly_load(struct db *, struct pool *, int64_t id,
		    const struct item *known, const struct calendar *,
		    cal_day today, struct anomaly_case *c);
/* Every rule over c: the hits of rule anomaly_rules[i] in out[i]. */
void		 anomaly_run(const struct anomaly_case *, struct pool *,
		    struct anomaly_hits *out);

/*
 * Check case id now and write a warning for each hit not in the ledger
 * yet, inside the caller's transaction (the hook of every transition).
 * *n (may be NULL): how many were written.  DB_ERR only when it could
 * not be checked (logged).
 */
enum db_rc	 anomaly_check_case(struct db *, struct pool *, int64_t id,
		    const struct item *known, int *n);
/*
 * The tick: every case changed since the last run (case_change), and
 * every open case past its promised deadline without a warning for it,
 * each in its own transaction.  all = 1: every case there is
 * (`anomaly-check --all`).  *checked, *written: how many.
 */
enum db_rc	 anomaly_tick(struct db *, struct pool *, int all,
		    int *checked, int *written);

/* One row of either ledger, as /sup/warnings shows them. */
struct anomaly_row {
	char		*src;		/* "a": anomaly_warning, "d": deadline */
	int64_t		 id, case_id;
	char		*at;		/* UTC, YYYY-MM-DD HH:MM:SS (the key) */
	char		*at_local;	/* Beijing, YYYY-MM-DD HH:MM */
	char		*app_no, *dept_code, *dept_name, *rule, *why;
};
struct anomaly_query {
	const char	*rule;		/* a key, ANOMALY_DEADLINE_KEY or NULL */
	const char	*dept;		/* a department code or NULL */
	const char	*from, *to;	/* Beijing days, both included */
	/* The page after the row (after_at, after_src, after_id). */
	const char	*after_at, *after_src;
	int64_t		 after_id;
};
#define ANOMALY_PAGE	30
struct anomaly_page {
	struct anomaly_row *rows;
	size_t		 n;
	int		 more;		/* a next page exists */
};
/* Newest first, ANOMALY_PAGE at a time, by key (never by offset). */
enum db_rc	 anomaly_list(struct db *, struct pool *,
		    const struct anomaly_query *, struct anomaly_page *);

#endif
