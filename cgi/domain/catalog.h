/*
 * catalog.h: service items and their versions (CAT-1, CAT-4), with the
 * materials list and the procedure steps (FLOW-1).  Items are written on
 * the intranet; published versions are copied to the extranet by bundle.
 */
#ifndef YW_CATALOG_H
#define YW_CATALOG_H

#include <jansson.h>

#include "db.h"

struct material {
	int		 seq;
	char		*name;
	char		*original;	/* 原件, 复印件, 原件及复印件 */
	int		 copies;
	int		 required;
	char		*types;		/* accepted types, e.g. "pdf" */
	char		*note;
	char		*form;		/* blank form file name, or "" */
	char		*form_sha;	/* its file in the store, or "" */
	char		*sample;	/* filled sample file name, or "" */
	char		*sample_sha;
	char		*licence;	/* 免证办 (DOC-2): the item whose
					 * licence fills the slot, or "" */
};

struct step {
	int		 seq;		/* display order, from 1 */
	char		*key;		/* what the edges name */
	char		*name;
	unsigned	 role;
	char		*dept_code;	/* acting department */
	int		 days;
	char		*doc;		/* "accept", "decision" or "" */
	char		*dept_name;	/* the acting department's name */
};

/* An edge of the procedure net (wfnet.h); index = seq - 1. */
struct flow {
	int		 seq;
	char		*from, *to;
	int		 back;
};

struct item {
	int64_t		 id;
	char		*code;
	int		 version;
	char		*status;
	char		*parent_code, *phase;
	char		*name, *kind, *dept_code, *dept_name, *level;
	char		*basis, *conditions, *fee, *fee_basis, *fee_standard;
	char		*place, *hours, *phone, *complaint_phone, *depth;
	char		*themes, *keywords, *published_at;
	int		 statutory_days, promised_days, instant, visits, secret;
	/* The fee standard a case is held to (FEE-1): a kind, and the
	 * lowest and highest amount in fen; no kind, no fee. */
	char		*fee_kind;
	int		 fee_min, fee_max;
	struct material	*materials;
	size_t		 nmaterials;
	struct step	*steps;
	size_t		 nsteps;
	struct flow	*flows;
	size_t		 nflows;
};

struct wf_net;

/*
 * Store a new version of the item described by obj (the JSON form of
 * docs/catalog.md).  On the intranet the version is the next free one and
 * the status "draft"; from a bundle (status and version given) it is kept
 * as sent.  Sets *id.  DB_DUP when that version exists; DB_ERR with a
 * message in err when obj is incomplete.
 */
enum db_rc	 catalog_store(struct db *, struct pool *, json_t *obj,
		    int from_bundle, int64_t *id, char *err, size_t errlen);
/* Whether item code is private (婚姻登记, 收养登记: counts only in the
 * statistics, SUP-6; item_private): 1, 0, or -1 on error. */
int		 catalog_private(struct db *, struct pool *, const char *code);
/* What version of code says of it (161): 1, 0, -1 when it says nothing,
 * -2 on error. */
int		 catalog_private_wanted(struct db *, struct pool *,
		    const char *code, int version);
/*
 * Replace draft `version` of code with obj (same code, same version):
 * its elements, materials and procedure.  DB_NONE when that version is
 * not a draft.  One transaction, audited.  obj's "private" (a boolean),
 * when present, is kept with the draft: true marks the item code private
 * at once (per code, as the loader does), audited as item.private; false
 * clears it when the draft is published (catalog_publish(), by a second
 * person), audited then as item.public.
 */
enum db_rc	 catalog_save_draft(struct db *, struct pool *, const char *code,
		    int version, json_t *obj, const char *actor, char *err,
		    size_t errlen);
/*
 * Discard draft `version` of code (CAT-4): the version, its materials,
 * steps, flows and hands are deleted, and a new item's private mark when
 * no version of it is left.  DB_NONE with *why when that version is not
 * a draft (in review, published, retired) or does not exist.  One
 * transaction, audited as item.discard.
 */
enum db_rc	 catalog_discard_draft(struct db *, struct pool *,
		    const char *code, int version, const char *actor,
		    const char **why);
/* A new draft copied from version `from` of code (or a new item when obj
 * is given and from is 0).  Sets *version.  Audited. */
enum db_rc	 catalog_new_draft(struct db *, struct pool *, const char *code,
		    int from, json_t *obj, const char *actor, int *version,
		    char *err, size_t errlen);
/*
 * Move version of code between draft and review (CAT-4): to "review"
 * (submit) or back to "draft" (returned with a reason).  DB_NONE with *why
 * when the version is not in the state that allows it.  Audited.
 */
enum db_rc	 catalog_set_status(struct db *, struct pool *, const char *code,
		    int version, const char *to, const char *actor,
		    const char *reason, const char **why);
/* Someone who drafted, edited or submitted a version (SEC-7). */
struct item_hand {
	char		*login, *name;
	char		*acts;		/* "draft,edit,submit", as done */
};
/* DB_OK when login drafted, edited or submitted version of code, DB_NONE
 * when not. */
enum db_rc	 catalog_hand_of(struct db *, struct pool *, const char *code,
		    int version, const char *login);
/* Everyone who did, in the order they started. */
enum db_rc	 catalog_hands(struct db *, struct pool *, const char *code,
		    int version, struct item_hand **, size_t *);
/* Every version of code, newest first (no parts). */
enum db_rc	 catalog_versions(struct db *, struct pool *, const char *code,
		    struct item **, size_t *);
/* The newest version of every item, by department and code (no parts). */
enum db_rc	 catalog_latest(struct db *, struct pool *, struct item **,
		    size_t *);
enum db_rc	 catalog_version(struct db *, struct pool *, const char *code,
		    int version, struct item *);

/* Store a published version that came in a bundle (extranet), retiring
 * the version it replaces.  Inside the import's transaction. */
enum db_rc	 catalog_import(struct db *, struct pool *, json_t *obj,
		    char *err, size_t errlen);
/*
 * Publish version `version` of code as actor: check its procedure is
 * sound (FLOW-2), retire the version before and queue the item for the
 * extranet unless it is secret or of depth D.  One transaction.  DB_NONE
 * with *why set when there is no such draft, its procedure is refused, or
 * actor drafted, edited or submitted it (a second person publishes,
 * SEC-7).
 */
enum db_rc	 catalog_publish(struct db *, struct pool *, const char *code,
		    int version, const char *actor, const char **why);
/*
 * 回避 in staffing (SEC-7, FLOW-2): each step of a case needs a person of
 * its own, except the window steps of an instant item, which one clerk
 * may do together.  who[i] (nwho[i] ids) are the people who may do step
 * i; sets short_of[i] = 1 for the steps a maximum matching of steps to
 * people leaves without one, and returns how many.
 */
size_t		 catalog_staff_apart(struct pool *, const struct item *,
		    int64_t *const *who, const size_t *nwho, int *short_of);
/* The item's procedure as a net; staffed flags looked up when db is
 * given (else all 1): a step nobody holds, or one 回避 leaves without a
 * person of its own (wf_step.recusal). */
void		 catalog_net(struct db *, struct pool *, const struct item *,
		    struct wf_net *);
/* The step with key, or NULL. */
const struct step *catalog_step(const struct item *, const char *key);
/* The item as it travels (JSON object; caller decrefs), or NULL when
 * some of its text is not JSON text (logged). */
json_t		*catalog_json(const struct item *);

enum db_rc	 catalog_published(struct db *, struct pool *, const char *code,
		    struct item *);
/* The same with the materials and steps but not the flows (what a guide
 * shows), or with no parts at all (a name and a link): fewer statements. */
enum db_rc	 catalog_published_guide(struct db *, struct pool *,
		    const char *code, struct item *);
enum db_rc	 catalog_published_head(struct db *, struct pool *,
		    const char *code, struct item *);
/* The generation of what the public pages show (db/280_page_gen.sql). */
enum db_rc	 catalog_generation(struct db *, struct pool *, uint64_t *);
/* Move it: the workers make their kept pages again (pages-expire, after
 * a change made in SQL). */
enum db_rc	 catalog_pages_expire(struct db *);
/* A line of a list on the guide: a text that governs the item (id,
 * title, published at) or a 常见问题 (title the question, body the
 * answer, at when answered). */
struct guide_line {
	int64_t		 id;
	char		*title, *body, *at;
};
/* What a guide shows beside the item, read with it (catalog_guide()). */
struct item_guide {
	char		*parent_name;	/* NULL: no published parent */
	int		 bookable;	/* a window of its department takes
					 * bookings (EXT-10) */
	int64_t		 rated, good;	/* cases rated, those rated good_level
					 * or better (EXT-8) */
	struct item	*subs;		/* published sub-items (CAT-2) by
					 * code: code, name, phase, depth,
					 * visits and secret alone */
	size_t		 nsubs;
	struct guide_line *laws;	/* the texts that govern it (CAT-5,
					 * PUB-2), newest first, 50 at most */
	size_t		 nlaws;
	struct guide_line *faqs;	/* its 常见问题 (EXT-7), newest first,
					 * 50 at most */
	size_t		 nfaqs;
};
/* A published item with its materials and steps, and g, in one
 * statement (issue #12). */
enum db_rc	 catalog_guide(struct db *, struct pool *, const char *code,
		    int good_level, struct item *, struct item_guide *g);
enum db_rc	 catalog_by_id(struct db *, struct pool *, int64_t id,
		    struct item *);
/* Versions ids[0..n-1] (distinct, 0 < n <= DB_BATCH) into out[0..n-1]
 * without their materials: the steps and flows a worklist's rows need
 * (case_load_states()), in three statements.  DB_NONE if one is
 * missing. */
enum db_rc	 catalog_nets(struct db *, struct pool *, const int64_t *ids,
		    size_t n, struct item *out);
/* DB_OK when a material's blank form or sample is the file sha. */
enum db_rc	 catalog_file_named(struct db *, struct pool *,
		    const char *sha);
/* All published items, by department and code. */
enum db_rc	 catalog_list(struct db *, struct pool *, struct item **,
		    size_t *);

/* Labels for people. */
const char	*catalog_depth_label(const char *depth);

/*
 * How an item is done, from its depth, secrecy and visits alone, so that
 * a guide never says two things (docs/search.md "Guides"): online when
 * its depth is A or B and it is not secret; visits as the catalogue says,
 * but at least one when it is not online or only pre-checked online (B:
 * the originals are shown at the window).  An item with published
 * sub-items (CAT-2) is done through them: online when one of them (or
 * the item itself) is, its visits the range over those ways.
 */
struct channel {
	int		 online;	/* the item itself takes applications */
	int		 any_online;	/* it or one of its sub-items does */
	int		 vmin, vmax;	/* visits to the hall */
	size_t		 parts, parts_online;	/* sub-items */
};
void		 catalog_channel(const struct item *it,
		    const struct item *subs, size_t nsubs, struct channel *);

#endif
