/*
 * gapstatus.h: the status of the gap at one site (GAP-5, GAP-6; issue #9),
 * as the gap operator's page (/ops/gap on both sites) and `yiwang-gap
 * status` show it: the last bundle out and in, the records waiting by
 * kind, this site's bundles the other site has not acknowledged, the
 * other site's bundles missing here and the re-send requests both ways,
 * the records set aside, the open alerts with the operator who carried
 * the bundle, and the carry log.  Read only; the tables belong to
 * exchange.c, the re-send flow (gap_held, gap_ack, gap_carry: db/167),
 * aside.c and alert.c and are filled by the gap tool.
 */
#ifndef YW_GAPSTATUS_H
#define YW_GAPSTATUS_H

#include <stdint.h>

#include "alert.h"
#include "aside.h"
#include "db.h"

#define GS_LIST_MAX	50	/* rows of a list on the page */
#define GS_SEQ_MAX	200	/* sequence numbers named in one list */

/* A bundle of either direction. */
struct gs_bundle {
	int64_t		 epoch, seq;
	int64_t		 records;	/* -1: not known */
	int64_t		 size;		/* bytes; -1: not known */
	char		*at;		/* Beijing time, "YYYY-MM-DD HH:MM" */
	int64_t		 resent;	/* times written again (ours) */
};

struct gs_kind {
	char		*kind;
	int64_t		 n;
};

/* An open alert, with the operator of the carry it came from. */
struct gs_alert {
	struct alert	 a;
	char		*who;		/* from the carry log; NULL: not known */
};

/* A row of the carry log (gap_carry, db/167). */
struct gs_carry {
	int64_t		 id;
	char		*at;		/* Beijing time, to the second */
	char		*operator, *action, *dir;
	int64_t		 epoch, seq;
	char		*disc, *outcome;
};

struct gapstatus {
	const char	*out_dir, *in_dir;	/* "int2ext", "ext2int" */
	int64_t		 accepted_epoch;	/* of in_dir; 0: none yet */

	/* The last of this site's bundles written, and of the other's
	 * imported; seq 0 when none. */
	struct gs_bundle last_out, last_in;

	int64_t		 pending;		/* records waiting in all */
	struct gs_kind	*kinds;			/* by kind, most first */
	size_t		 nkinds;

	/* This site's bundles written and not acknowledged, oldest
	 * first (at most GS_LIST_MAX of waiting). */
	int64_t		 waiting;
	struct gs_bundle *wait;
	size_t		 nwait;

	/* The other site's: imported up to (in_epoch, upto); held, and
	 * missing between (both ascending, at most GS_SEQ_MAX each;
	 * missing_total counts them all).  asked_in: the first of this
	 * site's bundles, written since the gap was seen, whose acks name
	 * them: it carries the request to send them again (0: none yet). */
	int64_t		 in_epoch, upto;
	int64_t		*held;
	size_t		 nheld;
	int64_t		 held_total;
	int64_t		*missing;
	size_t		 nmissing;
	int64_t		 missing_total;
	int64_t		 asked_in;

	/* What the other site last said it has of ours (gap_ack); ack_at
	 * NULL when it never said.  ack_missing: its re-send requests; of
	 * them, resent those written again since (ours, by resent_at). */
	char		*ack_at;
	int64_t		 ack_epoch, ack_upto, ack_from_seq;
	int64_t		*ack_missing;
	size_t		 nack_missing;
	int64_t		*resent;
	size_t		 nresent;

	/* Records set aside here, and this site's set aside there. */
	struct aside	*here, *there;
	size_t		 nhere, nthere;
	int64_t		 here_total, there_total;

	/* Open alerts, newest first (at most GS_LIST_MAX). */
	struct gs_alert	*alerts;
	size_t		 nalerts;
	int64_t		 alerts_total;
};

/*
 * Read all of it for the site whose bundles go out in out_dir and come in
 * in_dir, from pool.  DB_ERR (logged) on failure.
 */
enum db_rc	 gapstatus_load(struct db *, struct pool *, const char *out_dir,
		    const char *in_dir, struct gapstatus *);

/*
 * The carry log, newest first: at most limit rows with id < before (0:
 * from the newest); *more is the id to pass as before for the next page,
 * 0 when there is none.
 */
enum db_rc	 gapstatus_carries(struct db *, struct pool *, int64_t before,
		    size_t limit, struct gs_carry **, size_t *n,
		    int64_t *more);

/*
 * The sequences missing after upto, given those held (ascending, each
 * above upto; others are ignored): the ones between upto and the highest
 * held that are not held, ascending, at most max into out.  Returns how
 * many are missing in all.
 */
int64_t		 gapstatus_missing(int64_t upto, const int64_t *held,
		    size_t nheld, int64_t *out, size_t max, size_t *nout);

/*
 * Sequences for people: "12、13、15–40 号" (runs of three or more as a
 * range), "…等 N 个" past the first max.
 */
char		*gapstatus_seqs(struct pool *, const int64_t *v, size_t n,
		    int64_t total);

/* The two sites by direction: "外网" for ext2int's sender, "内网". */
const char	*gapstatus_sender(const char *dir);
const char	*gapstatus_receiver(const char *dir);

/*
 * The status in plain words, one sentence each (NULL when there is
 * nothing to say): the other site's bundles missing here and where the
 * request to re-send them went ("外网第 12、13 号数据包没有收到，已在内网
 * 第 40 号数据包中请求重发。"); the other site's request of ours and what
 * became of it.
 */
char		*gapstatus_missing_text(struct pool *, const struct gapstatus *);
char		*gapstatus_request_text(struct pool *, const struct gapstatus *);

/* What an action of the carry log is, for people: 导出, 重发, … */
const char	*gapstatus_action_label(const char *action);

#endif
