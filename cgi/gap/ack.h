/*
 * ack.h: re-send without a back channel, the gap tool's side (GAP-5,
 * GAP-6; docs/gap.md): the "acks" of a manifest, built and checked, and
 * what export and import do with them; resend.h keeps the rows.
 *
 *	"acks": {"epoch": E, "upto": U, "missing": [m1, m2, ...]}
 *
 * E: the epoch of the other site's direction this site accepts (0: it
 * never imported one); U: the highest sequence of E imported with none
 * missing before it; missing: ascending sequences above U that this site
 * knows exist and does not hold (at most RESEND_MISSING_MAX).  Bundles
 * written before acks existed carry null.
 */
#ifndef YW_ACK_H
#define YW_ACK_H

#include <jansson.h>

#include "bundle.h"
#include "config.h"
#include "db.h"
#include "gap.h"
#include "resend.h"

/* What this site's next bundle says it holds: *text (JSON, from pool) and
 * *missing (a new reference: the array of the sequences asked for). */
enum gap_rc	 ack_build(const struct config *, struct db *, struct pool *,
		    char **text, json_t **missing, char *msg, size_t msglen);

/*
 * Check the acks of bundle in as strictly as any record (they are the
 * other site's word): 0 and *a filled (from its bundle), 1 when it has
 * none (null: a bundle written before acks), -1 with *why.
 */
int		 ack_parse(struct pool *, const struct bundle_in *,
		    struct gap_ack *a, const char **why);

/* Copy file src into folder dir as name as (NULL: src's own), through
 * name.tmp, fsync and rename: 0 and *dst, or -1 with errno. */
int		 ack_copy(struct pool *, const char *src, const char *dir,
		    const char *as, char **dst);

/*
 * After export: write again every bundle the other site's newest ack
 * names as missing (copied to `to` when not NULL), say which it can no
 * longer send (alert gap.lost), and let go the acknowledged bundles past
 * keeping (gap_keep_days, gap_keep_bytes).  Lines are appended to msg;
 * *nresent counts the bundles sent again; each path goes to the carry
 * log as who.
 */
enum gap_rc	 ack_resend(const struct config *, struct db *, struct pool *,
		    const char *to, const char *who, size_t *nresent,
		    char *msg, size_t msglen);

#endif
