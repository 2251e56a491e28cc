/*
 * draft.h: drafts of online applications (EXT-1; issue #11).  Owns
 * app_draft and app_draft_file (db/240), app_draft_licence (db/242) on
 * the extranet.
 *
 * A draft is one applicant's form of one item, named by the form's key
 * (the key its submission will carry): the fields as last sent, and one
 * good file per material slot, each already judged and in the store.
 * Saved by 保存草稿 and by every submission the site refused; gone when
 * the application is made, when the applicant deletes it, or after
 * DRAFT_DAYS without a change.
 */
#ifndef YW_DRAFT_H
#define YW_DRAFT_H

#include <stdint.h>

#include "arena.h"
#include "db.h"

#define DRAFT_DAYS	30	/* kept this long after its last change */
#define DRAFT_MAX	10	/* an account's drafts at once */

struct draft_file {
	int		 seq;		/* the material's; 0 the consent */
	char		*file_name;
	char		 sha256[65];
	int64_t		 size;
	char		*mime;
};

/* A licence chosen for a material slot instead of a file (免证办, DOC-2). */
struct draft_lic {
	int		 seq;
	char		*licence_no;
};

struct draft {
	int64_t		 id;
	char		*key;		/* 64 hex digits */
	char		*item_code, *item_name;
	char		*credit_code;	/* NULL: the person's own */
	char		*remark;
	/* An agent's resident (AGT-1), opened; NULL when none. */
	char		*resident_name, *resident_id, *resident_mobile;
	char		*resident_region;
	/* How the result is to reach the applicant (EXT-10): "window",
	 * "post" (then recipient, phone, address, opened), NULL: not
	 * chosen on the form. */
	char		*delivery_method, *delivery_recipient;
	char		*delivery_phone, *delivery_address;
	char		*updated_at;	/* Beijing time, YYYY-MM-DD HH:MM */
	char		*expires_on;	/* Beijing date, YYYY-MM-DD */
	struct draft_file *files;
	size_t		 nfiles;
	struct draft_lic *lics;
	size_t		 nlics;
};

/* The draft of key, with its files and licences: DB_OK, DB_NONE (none,
 * or past DRAFT_DAYS), DB_ERR. */
enum db_rc	 draft_get(struct db *, struct pool *, int64_t citizen,
		    const char *key, struct draft *);
/*
 * Save d (d->key) for citizen: its fields, and the files d->files, each
 * replacing the slot's earlier one (a slot not among them keeps its
 * file); the licences chosen, d->lics, replace those chosen before.
 * DB_OK; DB_NONE when the account has DRAFT_MAX other drafts; DB_ERR.
 * Sets d->id.
 */
enum db_rc	 draft_save(struct db *, struct pool *, int64_t citizen,
		    struct draft *d);
/* The account's drafts, newest first, without their files; the ones
 * past DRAFT_DAYS by the clock are left out (a read: the tick deletes
 * them, draft_purge()), as draft_get() leaves them out. */
enum db_rc	 draft_list(struct db *, struct pool *, int64_t citizen,
		    struct draft **, size_t *);
/* Delete the draft of key: DB_OK, DB_NONE (none), DB_ERR. */
enum db_rc	 draft_delete(struct db *, struct pool *, int64_t citizen,
		    const char *key);
/* Delete every draft untouched for DRAFT_DAYS (the tick); *n of them. */
enum db_rc	 draft_purge(struct db *, uint64_t *n);
/* Whether a draft names the file sha (the orphan sweep). */
enum db_rc	 draft_file_named(struct db *, struct pool *, const char *sha);
/* Count bytes stored for a draft against the day's quota (SEC-8). */
enum db_rc	 draft_quota_add(struct db *, int64_t citizen, int64_t bytes);

#endif
