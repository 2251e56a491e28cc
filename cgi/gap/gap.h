/*
 * gap.h: what the gap operator's tool does (GAP-1..4): export the outbox
 * as a signed bundle, and verify and import a bundle from the other site,
 * exactly once; all or nothing, but that a record the domain refuses is
 * set aside (GAP-5) and the rest applied.
 */
#ifndef YW_GAP_H
#define YW_GAP_H

#include <stdint.h>

#include "config.h"
#include "db.h"

enum gap_rc {
	GAP_OK = 0,		/* done */
	GAP_FAIL = 2,		/* refused or failed; nothing changed */
	GAP_EMPTY = 3,		/* export: nothing to send */
	GAP_ALERT = 4,		/* a security alert was raised (alert.h): a
				 * forged record or file, a broken chain, an
				 * epoch not confirmed */
	GAP_MISSING = 5,	/* an earlier bundle has not been imported */
};

/*
 * Write the next bundle of this site, carrying what this site holds of
 * the other's (ack.h); with nothing to send, a heartbeat when one is due
 * (gap_heartbeat) or beat asks for it.  Then write again the bundles the
 * other site says it lacks and let go the acknowledged ones past keeping
 * (GAP-5).  With to, every file is copied into that folder (the disc).
 * *path is the new bundle's file (from pool) or NULL; GAP_EMPTY when
 * nothing at all was written.  Messages for the operator go to msg.
 */
enum gap_rc	 gap_export(const struct config *, struct db *, struct pool *,
		    const char *to, int beat, char **path, char *msg,
		    size_t msglen);
/*
 * Verify and import the bundle at path; msg says what happened.  Every
 * record is validated (records.h) and every file vetted (files_vet())
 * before any file is adopted or any row written; a refusal leaves nothing
 * behind.  A record its apply function refuses is set aside (aside.h)
 * and the rest applied: msg counts and names them.  Bundles of an epoch
 * this site has not confirmed are refused, except epoch 1 when the site
 * never imported in that direction.
 * Staging folders left by an import that died are removed first.
 */
enum gap_rc	 gap_import(const struct config *, struct db *, struct pool *,
		    const char *path, char *msg, size_t msglen);
/*
 * Confirm that the other site's bundles now come in epoch `epoch` (newer
 * than the one accepted so far), as operator who (F12): audited, and the
 * alerts about that epoch are resolved.
 */
enum gap_rc	 gap_epoch_accept(const struct config *, struct db *,
		    struct pool *, int64_t epoch, const char *who, char *msg,
		    size_t msglen);
/*
 * Poison records (GAP-5, aside.h): apply set-aside record id again now,
 * in a transaction of its own (GAP_OK also when it was applied before,
 * which changes nothing; GAP_FAIL when still refused: it stays aside), or
 * give it up with why (one line, ASIDE_REASON_MAX characters).  Each
 * audited as who; the other site hears of it from a gap.aside record.
 */
enum gap_rc	 gap_retry(const struct config *, struct db *, struct pool *,
		    int64_t id, const char *who, char *msg, size_t msglen);
enum gap_rc	 gap_discard(const struct config *, struct db *,
		    struct pool *, int64_t id, const char *who,
		    const char *why, char *msg, size_t msglen);
/* Verify only, touching nothing. */
enum gap_rc	 gap_verify(const struct config *, struct pool *,
		    const char *path, char *msg, size_t msglen);
/*
 * Progress for the operator's terminal (GAP-6): during export and import,
 * fn(arg, what, done, total, bytes) says which step (in Chinese) has done
 * how much of total (0: not known yet), in bytes when bytes is 1 or else
 * in records or files.  Often (about once a MiB, once a record): the
 * display decides how often to draw.  NULL, the default, for none.
 */
typedef void	 gap_progress_fn(void *arg, const char *what, uint64_t done,
		    uint64_t total, int bytes);
void		 gap_set_progress(gap_progress_fn *fn, void *arg);
/* The direction of the bundles this site imports: "ext2int" on the
 * intranet, "int2ext" on the extranet. */
const char	*gap_in_dir(const struct config *);
/* And of those it sends. */
const char	*gap_out_dir(const struct config *);

#endif
