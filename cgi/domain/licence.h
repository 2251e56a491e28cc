/*
 * licence.h: e-licences (电子证照, DOC-2; issue #10, docs/seal.md
 * "Licences").  Owns licence_tpl and licence (db/211) but for their
 * seal_* columns, which are docseal.c's.
 *
 * An item whose catalogue entry has a licence template issues a licence
 * when a decision grants it, in that decision's transaction: numbered in
 * the deciding department's series for the template (锡市监食许〔2026〕
 * 0001号), held by the enterprise the case was made for or else by the
 * person, sealed by the department's key over the canonical form of
 * docsig.h with kind "licence", sent to the extranet as "licence.issue"
 * with an SMS to the holder.  The library (证照批文共享数据库) lists and
 * searches them; a department head or leader revokes (吊销) or cancels
 * (注销) one, which crosses as "licence.revoke".
 */
#ifndef YW_LICENCE_H
#define YW_LICENCE_H

#include <stdint.h>

#include <jansson.h>

#include "arena.h"
#include "db.h"

#define LICENCE_NO_MAX		60	/* licence.licence_no */
#define LICENCE_WHY_MAX		200	/* characters of a reason */
#define LICENCE_PAGE		20	/* rows a library page shows */

/* A licence as the library and the holder's pages show it.  Times are
 * Beijing "YYYY-MM-DD HH:MM", days "YYYY-MM-DD"; valid_to NULL: 长期. */
struct licence {
	int64_t		 id;
	char		*licence_no, *name, *app_no, *item_code, *item_name;
	char		*holder, *credit_code, *dept_code, *issued_by;
	char		*issued_at, *valid_from, *valid_to, *state;
	char		*ended_at, *end_why, *ended_by, *seal_code;
	int		 expired;	/* valid_to is past */
};

/* What a library search asks; NULL or "" for a criterion not given. */
struct licence_filter {
	const char	*no;		/* the number, exactly */
	const char	*holder;	/* the holder's name starts so */
	const char	*item;		/* item code */
	const char	*state;		/* valid, revoked, cancelled, expired */
	int64_t		 before;	/* ids below this (paging), 0: none */
};

/* The words for a state ("valid" → 有效), expired when valid and past. */
const char	*licence_state_label(const char *state, int expired);

/* A template for item code (yiwang-admin demo, licence-tpl): name, the
 * word of its number series, years valid (0: 长期).  Replaces one. */
enum db_rc	 licence_tpl_put(struct db *, const char *item_code,
		    const char *name, const char *word, int years);

/*
 * In the transaction of a decision granting case app_no (case id
 * case_id) at department dept: issue the item's licence, when it has a
 * template, to holder (the enterprise's name with credit_code, or the
 * person's name with credit_code NULL and id_number for holder_hash),
 * scope and valid_until (the decision's, each NULL or ""), sealed,
 * recorded for the extranet with its SMS.  *no gets its number (NULL:
 * the item issues none).  DB_ERR fails the decision.
 */
enum db_rc	 licence_issue(struct db *, struct pool *, const char *app_no,
		    const char *item_code, const char *item_name,
		    const char *dept, const char *holder,
		    const char *credit_code, const char *id_number,
		    const char *scope, const char *valid_until, char **no);

/* The library: one page of what f asks, newest first; *more when there
 * are older ones (their key is the last row's id). */
enum db_rc	 licence_search(struct db *, struct pool *,
		    const struct licence_filter *f, struct licence **v,
		    size_t *n, int *more);
/* One licence by number; DB_NONE when none. */
enum db_rc	 licence_get(struct db *, struct pool *, const char *no,
		    struct licence *);
/*
 * 吊销 (state "revoked") or 注销 ("cancelled") licence no, why given,
 * by who (login) of department dept: only a licence of dept's, still
 * valid.  Audited, sent to the extranet.  DB_NONE with *msg saying why.
 */
enum db_rc	 licence_end(struct db *, struct pool *, const char *no,
		    const char *state, const char *why, const char *who,
		    const char *who_name, const char *dept,
		    const char **msg);

/* Extranet: the licences of a person (citizen_id, not those of
 * enterprises they applied for; with idhash, the keyed hash of their ID
 * number, also those of the cases agents made for them: AGT-1) or of an
 * enterprise (enterprise_id), newest first, at most 200. */
enum db_rc	 licence_of_citizen(struct db *, struct pool *, int64_t,
		    const char *idhash, struct licence **, size_t *);
enum db_rc	 licence_of_enterprise(struct db *, struct pool *, int64_t,
		    struct licence **, size_t *);

/* gap (extranet): apply "licence.issue" and "licence.revoke". */
enum db_rc	 licence_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
enum db_rc	 licence_import_end(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/*
 * 免证办 (DOC-2; docs/seal.md "Reuse").  A material slot of an item may
 * name a licence kind: the code of the item that issues it, whose
 * sub-items (变更, 延续) issue the same kind.
 *
 * Extranet: the applicant's licences of kind, valid today, newest first
 * (at most 20): an enterprise's (ent > 0), else the person's own and
 * those of the cases agents made for them (idhash, or NULL).
 */
enum db_rc	 licence_offers(struct db *, struct pool *, int64_t citizen,
		    const char *idhash, int64_t ent, const char *kind,
		    struct licence **, size_t *);
/*
 * Intranet, importing an application: licence no is in the library, of
 * kind, held by the enterprise credit_code (NULL: by the person of
 * id_number, in their own name), and its term covers the day of
 * submitted (UTC "YYYY-MM-DD HH:MM:SS").  DB_NONE with *why (Chinese)
 * when not: what only a forged record can carry, since the extranet
 * offers only these.  A revocation (吊销, 注销) is not refused: the
 * extranet may not have heard of it yet when the applicant chose the
 * licence; the case page shows it (licence_of_app(): ended_before).
 */
enum db_rc	 licence_check(struct db *, struct pool *, const char *no,
		    const char *kind, const char *credit_code,
		    const char *id_number, const char *submitted,
		    const char **why);

/* A material an application filled with a licence, and that licence as
 * the library has it now (name NULL: not in this site's library). */
struct app_lic {
	int		 seq;
	char		*material_name, *licence_no;
	char		*name, *state, *valid_to;
	int		 expired;
	int		 ended_before;	/* revoked or cancelled before the
					 * case was submitted (intranet) */
};
/* Both sites: the licences application app_no offered, by material. */
enum db_rc	 licence_of_app(struct db *, struct pool *, const char *app_no,
		    struct app_lic **, size_t *);

#endif
