/*
 * resend.h: re-send without a back channel (GAP-5, GAP-6; db/167, 168,
 * docs/gap.md).  Owns gap_held, gap_ack, gap_carry and the columns of
 * gap_out that say how each bundle of this site was kept, acknowledged,
 * let go and sent again.
 *
 * Each site tells the other, in every bundle's manifest, what it holds of
 * the other's direction: the epoch, the highest sequence imported with
 * none missing before it (upto), and the sequences it knows exist but
 * does not hold (missing).  A bundle that comes before the one it
 * follows is held, verified, until that one comes.
 */
#ifndef YW_RESEND_H
#define YW_RESEND_H

#include <stdint.h>

#include <jansson.h>

#include "db.h"

#define RESEND_MISSING_MAX	1000	/* sequences named in one ack */

/* What a site holds of one direction. */
struct gap_ack {
	int64_t		 id;		/* gap_ack row, when read back */
	int64_t		 epoch, upto;
	int64_t		*missing;	/* ascending */
	size_t		 nmissing;
	int64_t		 from_epoch, from_seq;	/* the bundle that said so */
};

/*
 * What this site holds of dir in epoch (its accepted one): upto from
 * gap_in, missing from gap_held (the sequences between upto and the
 * highest held that are not held), at most RESEND_MISSING_MAX of them.
 */
enum db_rc	 resend_holding(struct db *, struct pool *, const char *dir,
		    int64_t epoch, int64_t upto, struct gap_ack *);

/* A bundle of dir held until the one before it comes. */
enum db_rc	 resend_held_get(struct db *, struct pool *, const char *dir,
		    int64_t epoch, int64_t seq, char **hash, char **path);
enum db_rc	 resend_held_add(struct db *, const char *dir, int64_t epoch,
		    int64_t seq, const char *hash, const char *path,
		    int64_t size);
enum db_rc	 resend_held_del(struct db *, const char *dir, int64_t epoch,
		    int64_t seq);

/*
 * The other site's ack of this site's direction dir, carried by its
 * bundle (from_epoch, from_seq): kept, and every bundle of ours it covers
 * marked acknowledged.  In the caller's transaction.
 */
enum db_rc	 resend_ack_take(struct db *, struct pool *, const char *dir,
		    const struct gap_ack *);
/* The newest of them (by the bundle that carried it); DB_NONE: none. */
enum db_rc	 resend_ack_last(struct db *, struct pool *, const char *dir,
		    struct gap_ack *);

/* A bundle of ours to send again or let go. */
struct gap_kept {
	int64_t		 epoch, seq;
	char		*path, *hash;
	int64_t		 size;
};
/*
 * The bundles of this site that ack a names as missing and that were not
 * answered since it came: those it still keeps (due), and those whose
 * file it let go (gone).  A sequence it never wrote is neither.
 */
enum db_rc	 resend_due(struct db *, struct pool *, const struct gap_ack *,
		    struct gap_kept **due, size_t *ndue, int64_t **gone,
		    size_t *ngone);
/* Bundle (epoch, seq) answered for ack ack_id: sent again, or not. */
enum db_rc	 resend_done(struct db *, int64_t epoch, int64_t seq,
		    int64_t ack_id, int sent);
/*
 * The acknowledged bundles to let go: acknowledged more than keep_days
 * ago, and then the oldest acknowledged ones while all the kept bundles
 * pass keep_bytes.  Never one not acknowledged.  *unacked: the bytes of
 * those, which may pass keep_bytes alone.
 */
enum db_rc	 resend_prunable(struct db *, struct pool *, int64_t keep_days,
		    int64_t keep_bytes, struct gap_kept **, size_t *n,
		    int64_t *unacked);
enum db_rc	 resend_pruned(struct db *, int64_t epoch, int64_t seq);
enum db_rc	 resend_out_size(struct db *, int64_t epoch, int64_t seq,
		    int64_t size);

/*
 * Whether a bundle with no records should go out now: when the last
 * bundle of this site is at least heartbeat seconds old (0: never; none
 * yet: now), or when missing (the JSON array of sequences the next
 * bundle would ask for) is not empty and not what the last one asked.
 */
enum db_rc	 resend_empty_due(struct db *, struct pool *,
		    int64_t heartbeat, json_t *missing, int *due);

/* One line of the carry log (gap_carry), in its own statement. */
enum db_rc	 resend_carry(struct db *, const char *operator,
		    const char *action, const char *dir, int64_t epoch,
		    int64_t seq, const char *disc, const char *outcome);

#endif
