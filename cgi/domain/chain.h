/*
 * chain.h: the keyed chain of every insert-only ledger (SEC-3, INT-6,
 * review F4): audit rows, signed opinions, the warnings of missed
 * deadlines (SUP-1) and the abnormal warnings (SUP-2), and any later
 * ledger.
 *
 * Each row stores prev_hash (the MAC of the row before it in its chain,
 * "" for the first) and hash, its own MAC:
 *
 *	HMAC-SHA-256(key, "yiwang-chain-1" | chain | prev | field…)
 *
 * each part written as <length>:<bytes>, so no two rows can encode the
 * same.  The key (chain_key in the config, 32 random bytes in hex, mode
 * 0640 for the workers' group) never enters the database: someone who can
 * drop a trigger can change a row, but not give it a MAC that holds, and
 * deleting or inserting a row breaks the next row's link.  Deleting the
 * newest rows leaves no broken link; the signed anchors (anchor.h) catch
 * that.
 *
 * A new ledger: its table (COMMENT 'insert-only: …', prev_hash and hash
 * CHAR(64), triggers that refuse UPDATE and DELETE), a row in chain_head
 * in the same migration, a line in the table of chains in chain.c (its
 * fields in the order they are MACed, as text), and a call of
 * chain_link() before its INSERT.  audit-verify and the anchors then cover
 * it.
 */
#ifndef YW_CHAIN_H
#define YW_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Locks are taken in this order (an opinion, then its audit row). */
enum chain_id {
	CHAIN_OPINION,
	CHAIN_DEADLINE_WARNING,		/* deadline_warning (deadline.h) */
	CHAIN_ANOMALY_WARNING,		/* anomaly_warning (anomaly.h) */
	/* The audit trail: eight chains over one table, a row's stripe
	 * column saying which (285); writers call chain_link(CHAIN_AUDIT),
	 * which picks a stripe no other transaction holds. */
	CHAIN_AUDIT,
	CHAIN_AUDIT_1,
	CHAIN_AUDIT_2,
	CHAIN_AUDIT_3,
	CHAIN_AUDIT_4,
	CHAIN_AUDIT_5,
	CHAIN_AUDIT_6,
	CHAIN_AUDIT_7,
	CHAIN_COUNT,
	/*
	 * The rows of generated cases (history.h, migration 135), demo = 1,
	 * chained apart and signed by no anchor: removable.  Not among the
	 * CHAIN_COUNT that anchors and audit-verify walk.
	 */
	CHAIN_DEMO_OPINION = CHAIN_COUNT,
	CHAIN_DEMO_DEADLINE_WARNING,
	CHAIN_ALL
};

#define CHAIN_AUDIT_STRIPES	(CHAIN_AUDIT_7 - CHAIN_AUDIT + 1)
#define CHAIN_KEY_LEN	32
#define CHAIN_MAC_HEX	65	/* 64 hex digits and NUL */
#define CHAIN_NAME_MAX	20

/* Where the key is read from on first use (the config's chain_key). */
void		 chain_set_key_file(const char *path);
/* Read the key now, if it has not been: 0, or -1 (logged). */
int		 chain_key_load(void);
/* A new key file, mode 0600; -1 if it exists or cannot be written. */
int		 chain_key_create(const char *path);

/*
 * How many audit stripes this process's writers spread over (the config's
 * audit_stripes, 1 to CHAIN_AUDIT_STRIPES; 1: every audited write waits
 * for the one before, as before 285).  Verification walks all of them.
 */
void		 chain_set_stripes(size_t n);

const char	*chain_name(enum chain_id);

/*
 * The chain a row of ledger c (CHAIN_OPINION or CHAIN_DEADLINE_WARNING)
 * about case case_id joins: c, or its demo chain when the case is a
 * generated one; *demo says which (the row's demo column).
 */
enum db_rc	 chain_for_case(struct db *, struct pool *, enum chain_id c,
		    int64_t case_id, enum chain_id *out, int *demo);

/* The MAC of one row (pure); -1 (logged, out "") without memory. */
int		 chain_mac(const unsigned char key[CHAIN_KEY_LEN],
		    const char *chain, const char *prev,
		    const char *const *fields, size_t n,
		    char out[CHAIN_MAC_HEX]);

struct chain_link {
	char	*prev;			/* the newest row's MAC, or "" */
	char	 mac[CHAIN_MAC_HEX];	/* the new row's */
	int	 stripe;		/* an audit row's stripe; else 0 */
};

/*
 * Link a new row of chain c whose fields (as the chain's table in chain.c
 * lists them, as text) are fields[0..n-1]: lock the chain until the
 * transaction ends, read the newest row's MAC and compute the new one.
 * Call inside the transaction that then inserts the row with
 * link->prev and link->mac (and an audit row with link->stripe: for
 * CHAIN_AUDIT the lock is on a stripe no other transaction holds, when
 * one is free).  DB_ERR (logged) when the key is unreadable.
 */
enum db_rc	 chain_link(struct db *, struct pool *, enum chain_id c,
		    const char *const *fields, size_t n,
		    struct chain_link *link);

/*
 * For a writer of many rows at once (history.c): lock chain c until the
 * transaction ends, as chain_link() does, and give the newest row's MAC
 * (*prev, "" when empty) and the key, with which each new row's MAC is
 * chain_mac(key, chain_name(c), prev, …) in id order.
 */
enum db_rc	 chain_bulk_begin(struct db *, struct pool *, enum chain_id c,
		    const unsigned char **key, char **prev);

/* The head of a chain: what an anchor signs. */
struct chain_head {
	char		 chain[CHAIN_NAME_MAX + 1];
	int64_t		 last_id;	/* 0 when empty */
	int64_t		 rows;		/* rows with id <= last_id */
	int64_t		 legacy_until;	/* unkeyed rows: id <= this */
	char		 mac[CHAIN_MAC_HEX];	/* last row's; "" when empty */
	const char	*at;		/* an anchor's time, for messages */
};

/* The heads of every chain now, heads[CHAIN_COUNT]. */
enum db_rc	 chain_heads(struct db *, struct pool *,
		    struct chain_head *heads);

/*
 * Verification.  A walk goes over a chain's rows in id order and keeps
 * the first row that does not hold, and checks every anchored head of
 * that chain against what it finds: each problem is a sentence for the
 * operator in problems[].  chain_walk_row() and chain_walk_end() are pure,
 * so the rules are tested without a database.
 */
struct chain_walk {
	const char		*chain;
	const unsigned char	*key;
	int64_t			 legacy_until;
	const struct chain_head	*anchors;	/* this chain's, by last_id */
	size_t			 nanchors, next_anchor;
	struct pool		*pool;		/* for problems */
	char			 prev[CHAIN_MAC_HEX];
	int64_t			 rows, last_id;
	int64_t			 bad_id;	/* first row that fails, or 0 */
	char			**problems;
	size_t			 nproblems, cap;
};

/* anchors must stay valid and be sorted by last_id (chain_sort_heads). */
void		 chain_walk_init(struct chain_walk *, struct pool *,
		    const char *chain, const unsigned char *key,
		    int64_t legacy_until, const struct chain_head *anchors,
		    size_t nanchors);
void		 chain_walk_row(struct chain_walk *, int64_t id,
		    const char *const *fields, size_t n, const char *prev,
		    const char *mac);
void		 chain_walk_end(struct chain_walk *);
void		 chain_sort_heads(struct chain_head *, size_t);

/*
 * Walk every row of chain c against anchors (heads of that chain only,
 * sorted).  DB_ERR only when the rows or the key cannot be read: what is
 * wrong with the chain is in w->problems.
 */
enum db_rc	 chain_verify(struct db *, struct pool *, enum chain_id c,
		    const struct chain_head *anchors, size_t nanchors,
		    struct chain_walk *w);

#endif
