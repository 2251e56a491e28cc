/*
 * exchange.h: the database side of the gap (GAP-1..5): the transactional
 * outbox, the record of bundles written, and of bundles imported.
 */
#ifndef YW_EXCHANGE_H
#define YW_EXCHANGE_H

#include <jansson.h>

#include "db.h"

/*
 * Queue rec (a JSON object with a "type") for the other site.  Call inside
 * the transaction of the change it carries.  rec is not stolen.  The
 * kinds that carry ID numbers and mobiles (OUTBOX_SEALED_KIND…)
 * are stored sealed (SEALED_OUTBOX, sealed.h), so that no clear copy of
 * them rests in the outbox; exchange_records() opens them for the
 * bundle, which is sealed to the other site in turn.
 */
#define OUTBOX_SEALED_KIND	"application"
#define OUTBOX_SEALED_KIND2	"complaint"	/* the complainant's (SUP-5) */
#define OUTBOX_SEALED_KIND3	"agent.account"	/* an agent's (AGT-1) */
#define OUTBOX_SEALED_KIND4	"account.claim"	/* the window's (ACC-1) */
#define OUTBOX_SEALED_KIND5	"case.window"	/* a walk-in's (INT-1) */
#define OUTBOX_SEALED_KIND6	"application.delivery"	/* an address
						 * (EXT-10) */
/* 1 when the outbox seals records of kind (one of the above). */
int		 outbox_sealed_kind(const char *kind);
enum db_rc	 outbox_add(struct db *, struct pool *, json_t *rec);
/*
 * Whether what happens to case app_no is the extranet's business: not
 * for a generated case (demo-history, 135) nor one imported from a
 * departmental system (YJ…, XCH-1), which the extranet never had.
 * outbox_add() drops a record naming such a case; 1 yes, 0 no, -1 when
 * it cannot tell.
 */
int		 outbox_case_crosses(struct db *, struct pool *,
		    const char *app_no);

struct gap_claim {
	int64_t		 epoch;
	int64_t		 seq;
	char		*created;	/* as the manifest will say */
	char		*acks;		/* JSON text of the manifest's acks */
	int		 resumed;	/* 1: an earlier export crashed */
};

/*
 * Under the single-writer lock, give every outbox row that no bundle holds
 * yet the next sequence number, with acks (JSON text) to carry, or resume
 * a claim whose file was never written, with the acks it had.  DB_NONE
 * when there is nothing to send, unless empty_ok (a heartbeat): then a
 * bundle of no records.
 */
enum db_rc	 exchange_claim(struct db *, struct pool *, const char *acks,
		    int empty_ok, struct gap_claim *);
/* Call cb(rec_text, arg) for every record of bundle seq, in order, the
 * sealed ones opened; DB_ERR (logged) also when one does not open. */
enum db_rc	 exchange_records(struct db *, struct pool *, int64_t epoch,
		    int64_t seq, int (*cb)(const char *, void *), void *arg);
/* Hash of bundle seq of this epoch that went out ("" if none). */
enum db_rc	 exchange_out_hash(struct db *, struct pool *, int64_t epoch,
		    int64_t seq, char **hash);
enum db_rc	 exchange_out_done(struct db *, int64_t epoch, int64_t seq,
		    const char *hash, const char *path);

/* What was imported from the other site. */
enum db_rc	 exchange_in_get(struct db *, struct pool *, const char *dir,
		    int64_t epoch, int64_t seq, char **hash);
/* The highest sequence imported in (dir, epoch) and its hash; 0, "" if
 * none. */
enum db_rc	 exchange_in_last(struct db *, struct pool *, const char *dir,
		    int64_t epoch, int64_t *seq, char **hash);
enum db_rc	 exchange_in_add(struct db *, const char *dir, int64_t epoch,
		    int64_t seq, const char *hash, int64_t records);
/*
 * A record of bundle (dir, epoch, seq) that names case app_no, as the
 * import took it (db/141): applied to the case, or set aside (aside: it
 * changed nothing).  After exchange_in_add(), in its transaction.
 */
struct gap_in_rec {
	size_t		 recno;		/* its line in the bundle, from 1 */
	const char	*app_no, *kind;
	int		 aside;
	int64_t		 mark;		/* exchange_outbox_mark() before it */
	int		 retried;	/* applied now, from the set-aside list */
};
enum db_rc	 exchange_in_case(struct db *, const char *dir, int64_t epoch,
		    int64_t seq, const struct gap_in_rec *);
/*
 * The newest record queued to send so far (0 when none): read before a
 * record is applied, it orders what came in against what went out when
 * both fall in one second (/sup/case, db/166).
 */
enum db_rc	 exchange_outbox_mark(struct db *, struct pool *,
		    int64_t *mark);

/*
 * The epochs of the other site's bundles (GAP-4, F12): the newest epoch of
 * dir this site accepts (0 when it never imported in that direction), and
 * the acceptance of another, by who (inside a transaction; DB_DUP when
 * that epoch was accepted before).
 */
enum db_rc	 exchange_epoch(struct db *, struct pool *, const char *dir,
		    int64_t *epoch);
enum db_rc	 exchange_epoch_add(struct db *, const char *dir, int64_t epoch,
		    const char *who);

/* Counts for `yiwang-gap status`. */
enum db_rc	 exchange_status(struct db *, struct pool *, int64_t *pending,
		    int64_t *last_out, int64_t *last_in);

/* The audit trail (SEC-3): one row of its keyed chain (chain.h).  Inside
 * a transaction. */
enum db_rc	 audit_add(struct db *, struct pool *, const char *actor,
		    const char *action, const char *object,
		    const char *detail);

/* The same with a JSON detail, which it takes (NULL: DB_ERR). */
enum db_rc	 audit_json(struct db *, struct pool *, const char *actor,
		    const char *action, const char *object, json_t *detail);

/* One row of the audit trail as the audit administrator reads it. */
struct audit_row {
	int64_t		 id;
	char		*at;		/* Beijing time, "YYYY-MM-DD HH:MM:SS" */
	char		*actor, *action, *object, *detail;
};
/*
 * The audit trail, newest first (SEC-3, read by the audit administrator
 * only, SEC-7): at most limit rows with id < before (0: from the
 * newest), of object, by actor and with actions starting with
 * action_prefix, each when not NULL.  DB_OK also when none.
 */
enum db_rc	 audit_list(struct db *, struct pool *, const char *object,
		    const char *actor, const char *action_prefix,
		    int64_t before, size_t limit, struct audit_row **,
		    size_t *);

#endif
