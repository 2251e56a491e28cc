/*
 * anchor.h: signed chain heads (SEC-3, review F4).  A keyed chain
 * (chain.h) shows a changed row, but not that its newest rows were
 * deleted.  An anchor is the head of every chain (last id, row count,
 * last MAC, where the unkeyed rows end) at a moment, signed with the
 * site's Ed25519 key, in one line of text:
 *
 *	yiwang-anchor-1 extranet 2026-12-06T04:22:00Z audit=812,812,0,<mac>
 *	    opinion=0,0,0,-
 *
 * Anchors are made by `yiwang-admin anchor` (cron, daily) and by every
 * `yiwang-gap export` that has something to send.  Each is appended to a
 * file beside the keys (anchor_file: "<body>\t<signature hex>" a line),
 * which the database administrator cannot reach, stored in the anchor
 * table, and carried across the gap as a record of kind "anchor" that the
 * other site keeps.  audit-verify checks every chain against them.
 */
#ifndef YW_ANCHOR_H
#define YW_ANCHOR_H

#include <jansson.h>
#include <openssl/evp.h>

#include "chain.h"
#include "config.h"
#include "db.h"

#define ANCHOR_CHAINS_MAX	16
#define ANCHOR_BODY_MAX		2048
#define ANCHOR_SIG_HEX		129	/* Ed25519: 64 bytes in hex, NUL */

struct anchor {
	char			*body;	/* exactly what was signed */
	char			 sig[ANCHOR_SIG_HEX];
	char			*site;
	char			*at;	/* 2026-12-06T04:22:00Z */
	struct chain_head	 heads[ANCHOR_CHAINS_MAX];
	size_t			 nheads;
};

/* The text of an anchor (pure). */
char		*anchor_body(struct pool *, const char *site, const char *at,
		    const struct chain_head *, size_t n);
/* Parse a body strictly (pure): 0, or -1 when anything is off. */
int		 anchor_parse(struct pool *, const char *body, struct anchor *);
/* Parse a line of the anchor file, "<body>\t<sig>": 0 or -1. */
int		 anchor_line(struct pool *, const char *line, struct anchor *);
/* Sign a->body into a->sig; check it: 0 or -1. */
int		 anchor_sign(EVP_PKEY *priv, struct anchor *);
int		 anchor_sig_ok(EVP_PKEY *pub, const struct anchor *);

/*
 * Make an anchor of this site now, signed with priv: appended to the
 * anchor file (synced) before it is stored and queued for the other
 * site in one transaction.  DB_ERR (logged) on any failure.
 */
enum db_rc	 anchor_make(const struct config *, struct db *, struct pool *,
		    EVP_PKEY *priv, struct anchor *out);
/* Before an export: an anchor when there is something to carry it. */
enum db_rc	 anchor_for_export(const struct config *, struct db *,
		    struct pool *, EVP_PKEY *priv);

/*
 * The gap record {"type":"anchor","body":…,"sig":…} from the other site,
 * validated as strictly as anything else that crosses (records.c): only
 * these keys, a well-formed body naming site `from`, a signature by peer.
 * 0, or -1 with *why (Chinese, in pool).  Pure but for the signature.
 */
int		 anchor_record_check(struct pool *, json_t *rec,
		    const char *from, EVP_PKEY *peer, const char **why);
/* Store a checked anchor record, inside the import's transaction; DB_OK
 * also when it was stored before. */
enum db_rc	 anchor_record_store(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/*
 * Anchors to check a site's chains against: those of site in the table,
 * and those in a file (missing file: none).  Lines or rows that do not
 * parse are reported in *bad (sentences for the operator).
 */
enum db_rc	 anchor_list(struct db *, struct pool *, const char *site,
		    struct anchor **, size_t *, char ***bad, size_t *nbad);
int		 anchor_file_read(struct pool *, const char *path,
		    struct anchor **, size_t *, char ***bad, size_t *nbad);

#endif
