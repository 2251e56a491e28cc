/*
 * aside.h: poison records (GAP-5; issue #9).  A record of a verified
 * bundle that its apply function refuses is set aside here, with its
 * reason, and the rest of the bundle goes in: one bad record never blocks
 * the queue.  The operator retries it later or discards it
 * (`yiwang-gap retry`, `discard`), and the other site learns of each
 * step from a gap.aside record, kept in gap_aside_peer (db/165).
 */
#ifndef YW_ASIDE_H
#define YW_ASIDE_H

#include <stdint.h>

#include <jansson.h>

#include "db.h"

#define ASIDE_REASON_MAX	200	/* characters of a reason or why */

struct aside {
	int64_t		 id;
	char		*dir;		/* of the bundle it came in */
	int64_t		 epoch, seq, recno;
	char		*kind;		/* the record's type */
	char		*record;	/* the line as received (opened) */
	char		*reason;	/* why it was refused (Chinese) */
	char		*set_at;	/* Beijing time, "YYYY-MM-DD HH:MM" */
	char		*state;		/* aside, retried_ok, discarded */
	char		*done_at, *done_by, *why;	/* NULL while aside */
};

/*
 * Inside the import's transaction: keep record (its text; the files it
 * names in its "files") as set aside for reason; *id is its number.
 * Records of the kinds the outbox seals are stored sealed.
 */
enum db_rc	 aside_add(struct db *, struct pool *, const char *dir,
		    int64_t epoch, int64_t seq, int64_t recno,
		    const char *kind, const char *record, const char *reason,
		    int64_t *id);
/* The records still aside (all: every one), newest first, at most max;
 * *total counts those still aside. */
enum db_rc	 aside_list(struct db *, struct pool *, int all, size_t max,
		    struct aside **, size_t *n, int64_t *total);
/* Record id, locked for the caller's transaction; DB_NONE: no such. */
enum db_rc	 aside_lock(struct db *, struct pool *, int64_t id,
		    struct aside *);
/* Move record id from aside to state (retried_ok, discarded), by who,
 * with why (NULL: none); DB_NONE when it is no longer aside. */
enum db_rc	 aside_done(struct db *, int64_t id, const char *state,
		    const char *who, const char *why);
/* Whether a record still aside names file sha (DB_OK yes, DB_NONE no). */
enum db_rc	 aside_file_named(struct db *, struct pool *, const char *sha);
/* "dir/epoch/seq/recno": what an alert about the record names. */
char		*aside_object(struct pool *, const char *dir, int64_t epoch,
		    int64_t seq, int64_t recno);
/* The state for people: 搁置中, 已重试成功, 已作废. */
const char	*aside_state_label(const char *state);

/*
 * Queue the gap.aside record for the other site (outbox_add()), inside
 * the caller's transaction: which of its records (dir, epoch, seq, recno,
 * kind) stands where now (state), and why (a discard's why, else the
 * reason), at this site's now.
 */
enum db_rc	 aside_send(struct db *, struct pool *, const struct aside *);

/*
 * Apply a gap.aside record that came from the other site (the kinds
 * table's apply function, gap.c): its latest state of one of this site's
 * records, kept in gap_aside_peer, with an alert (gap.aside.peer) while
 * it is aside, resolved when it is retried or discarded.  DB_NONE with
 * err when it names a bundle this site did not send (out: this site's
 * direction).
 */
enum db_rc	 aside_peer_put(struct db *, struct pool *, const char *out,
		    json_t *rec, char *err, size_t errlen);
/* The other site's reports about this site's records: those still aside
 * (all: every one), newest first, at most max; *total counts those still
 * aside.  Only dir..why of struct aside are filled (id 0, no record). */
enum db_rc	 aside_peer_list(struct db *, struct pool *, int all,
		    size_t max, struct aside **, size_t *n, int64_t *total);

#endif
