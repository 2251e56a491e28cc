/*
 * draft.c: drafts of online applications (draft.h; EXT-1, issue #11).
 * Times are stored in UTC and shown in Beijing time.  "Now" is the
 * site's clock (clock.h), bound to each statement as UTC text: a draft's
 * age is what the rules of time say, in tests as in the tick.
 */
#include <string.h>
#include <time.h>

#include "clock.h"
#include "draft.h"
#include "log.h"
#include "pii.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)
#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define DRAFT_COLS "id, form_key, item_code, item_name, credit_code, " \
	"remark, resident_name, resident_id_sealed, resident_mobile_sealed, " \
	"resident_region, delivery_method, delivery_recipient, " \
	"delivery_phone_sealed, delivery_address_sealed, " \
	LOCAL("updated_at") ", DATE_FORMAT(updated_at + " \
	"INTERVAL 8 HOUR + INTERVAL " STR(DRAFT_DAYS) " DAY, '%Y-%m-%d')"

/* The columns the resident's ID number and mobile are sealed for. */
#define SEALED_DRAFT_ID		"app_draft.resident_id"
#define SEALED_DRAFT_MOBILE	"app_draft.resident_mobile"
/* And the delivery's recipient's mobile and address (EXT-10). */
#define SEALED_DRAFT_DPHONE	"app_draft.delivery_phone"
#define SEALED_DRAFT_DADDRESS	"app_draft.delivery_address"

/* Still kept at the instant bound at its ?: changed within DRAFT_DAYS.
 * One past them is no draft any more, though the tick has not yet
 * deleted it (draft_purge()): no page shows or counts it. */
#define LIVE	"updated_at >= CAST(? AS DATETIME) - INTERVAL " \
		STR(DRAFT_DAYS) " DAY"
#define PAST	"updated_at < CAST(? AS DATETIME) - INTERVAL " \
		STR(DRAFT_DAYS) " DAY"

static const char SQL_GET[] =
    "SELECT " DRAFT_COLS " FROM app_draft WHERE citizen_id = ? AND "
    "form_key = ? AND " LIVE;
static const char SQL_LIST[] =
    "SELECT " DRAFT_COLS " FROM app_draft WHERE citizen_id = ? AND " LIVE
    " ORDER BY updated_at DESC, id DESC LIMIT 50";
static const char SQL_FILES[] =
    "SELECT material_seq, file_name, sha256, size, mime FROM app_draft_file "
    "WHERE draft_id = ? ORDER BY material_seq";
static const char SQL_LICS[] =
    "SELECT material_seq, licence_no FROM app_draft_licence "
    "WHERE draft_id = ? ORDER BY material_seq";
static const char SQL_LICS_CLEAR[] =
    "DELETE FROM app_draft_licence WHERE draft_id = ?";
static const char SQL_LIC_SAVE[] =
    "INSERT INTO app_draft_licence (draft_id, material_seq, licence_no) "
    "VALUES (?, ?, ?)";
static const char SQL_COUNT[] =
    "SELECT COUNT(*) FROM app_draft WHERE citizen_id = ? AND form_key <> ? "
    "AND " LIVE;
/* A past draft of the same form is not revived by saving it again: its
 * files go with it (ON DELETE CASCADE) and the form starts afresh. */
static const char SQL_DROP_PAST[] =
    "DELETE FROM app_draft WHERE citizen_id = ? AND form_key = ? AND " PAST;
static const char SQL_LOCK_ACCOUNT[] =
    "SELECT id FROM citizen WHERE id = ? FOR UPDATE";
static const char SQL_SAVE[] =
    "INSERT INTO app_draft (citizen_id, form_key, item_code, item_name, "
    "credit_code, remark, resident_name, resident_id_sealed, "
    "resident_mobile_sealed, resident_region, created_at, updated_at, "
    "delivery_method, delivery_recipient, delivery_phone_sealed, "
    "delivery_address_sealed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
    "remark = VALUES(remark), resident_name = VALUES(resident_name), "
    "resident_id_sealed = VALUES(resident_id_sealed), "
    "resident_mobile_sealed = VALUES(resident_mobile_sealed), "
    "resident_region = VALUES(resident_region), "
    "delivery_method = VALUES(delivery_method), "
    "delivery_recipient = VALUES(delivery_recipient), "
    "delivery_phone_sealed = VALUES(delivery_phone_sealed), "
    "delivery_address_sealed = VALUES(delivery_address_sealed), "
    "updated_at = VALUES(updated_at)";
static const char SQL_FILE_SAVE[] =
    "REPLACE INTO app_draft_file (draft_id, material_seq, file_name, "
    "sha256, size, mime) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_DELETE[] =
    "DELETE FROM app_draft WHERE citizen_id = ? AND form_key = ?";
static const char SQL_PURGE[] =
    "DELETE FROM app_draft WHERE " PAST;
static const char SQL_NAMED[] =
    "SELECT 1 FROM app_draft_file WHERE sha256 = ? LIMIT 1";
static const char SQL_QUOTA[] =
    "INSERT INTO submit_quota (citizen_id, day, apps, bytes) "
    "VALUES (?, DATE_FORMAT(CAST(? AS DATETIME) + INTERVAL 8 HOUR, "
    "'%Y%m%d'), 0, ?) ON DUPLICATE KEY UPDATE bytes = bytes + VALUES(bytes)";

/* The clock's now as UTC text for a DATETIME parameter. */
static void
now_utc(char out[20])
{
	struct tm	 tm;
	time_t		 t = clock_now();

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static enum db_rc
draft_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct draft	*d = arg;
	char		*ids, *mobs, *dps, *das;
	enum db_rc	 rc;

	memset(d, 0, sizeof(*d));
	if ((rc = stmt_row(q, pool, "isssssssssssssss", &d->id, &d->key,
	    &d->item_code, &d->item_name, &d->credit_code, &d->remark,
	    &d->resident_name, &ids, &mobs, &d->resident_region,
	    &d->delivery_method, &d->delivery_recipient, &dps, &das,
	    &d->updated_at, &d->expires_on)) != DB_OK)
		return rc;
	if ((dps != NULL && (d->delivery_phone = pii_open(pool,
	    SEALED_DRAFT_DPHONE, dps)) == NULL) || (das != NULL &&
	    (d->delivery_address = pii_open(pool, SEALED_DRAFT_DADDRESS,
	    das)) == NULL))
		return DB_ERR;
	/* A sealed value that does not open is a fault, not a blank. */
	if (ids != NULL && (d->resident_id = pii_open(pool, SEALED_DRAFT_ID,
	    ids)) == NULL)
		return DB_ERR;
	if (mobs != NULL && (d->resident_mobile = pii_open(pool,
	    SEALED_DRAFT_MOBILE, mobs)) == NULL)
		return DB_ERR;
	return DB_OK;
}

static enum db_rc
file_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct draft_file	*f = arg;
	enum db_rc		 rc;
	char			*sha;
	int64_t			 seq;

	memset(f, 0, sizeof(*f));
	if ((rc = stmt_row(q, pool, "issis", &seq, &f->file_name, &sha,
	    &f->size, &f->mime)) != DB_OK)
		return rc;
	if (sha == NULL || strlen(sha) != 64)
		return DB_ERR;
	f->seq = (int)seq;
	memcpy(f->sha256, sha, 65);
	return DB_OK;
}

static enum db_rc
lic_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct draft_lic	*l = arg;

	return stmt_row(q, pool, "ds", &l->seq, &l->licence_no);
}

enum db_rc
draft_get(struct db *db, struct pool *pool, int64_t citizen, const char *key,
    struct draft *d)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 now[20];

	now_utc(now);
	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, key);
	stmt_bind_text(q, 2, now);
	if ((rc = stmt_first(q, pool, draft_row, d)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_FILES);
	stmt_bind_int(q, 0, d->id);
	if ((rc = stmt_list(q, pool, file_row, sizeof(*d->files), &d->files,
	    &d->nfiles)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_LICS);
	stmt_bind_int(q, 0, d->id);
	return stmt_list(q, pool, lic_row, sizeof(*d->lics), &d->lics,
	    &d->nlics);
}

/* Seal v for column what into q's parameter i (NULL stays NULL). */
static int
bind_sealed(struct stmt *q, unsigned i, struct pool *pool, const char *what,
    const char *v)
{
	char	*s;

	if (v == NULL) {
		stmt_bind_null(q, i);
		return 0;
	}
	if ((s = pii_seal(pool, what, v)) == NULL)
		return -1;
	stmt_bind_text(q, i, s);
	return 0;
}

struct save_arg {
	struct pool	*pool;
	int64_t		 citizen;
	struct draft	*d;
	int		 full;
};

static enum db_rc
save_body(struct db *db, void *arg)
{
	struct save_arg	*a = arg;
	struct draft	*d = a->d;
	struct stmt	*q;
	int64_t		 n, id;
	size_t		 i;
	enum db_rc	 rc;
	char		 now[20];

	now_utc(now);
	/* One account's saves in turn, so the count holds. */
	q = db_stmt(db, SQL_LOCK_ACCOUNT);
	stmt_bind_int(q, 0, a->citizen);
	if ((rc = stmt_one(q, a->pool, "i", &id)) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_COUNT);
	stmt_bind_int(q, 0, a->citizen);
	stmt_bind_text(q, 1, d->key);
	stmt_bind_text(q, 2, now);
	if (stmt_one(q, a->pool, "i", &n) != DB_OK)
		return DB_ERR;
	if (n >= DRAFT_MAX) {
		a->full = 1;
		return DB_NONE;
	}
	q = db_stmt(db, SQL_DROP_PAST);
	stmt_bind_int(q, 0, a->citizen);
	stmt_bind_text(q, 1, d->key);
	stmt_bind_text(q, 2, now);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_SAVE);
	stmt_bind_int(q, 0, a->citizen);
	stmt_bind_text(q, 1, d->key);
	stmt_bind_text(q, 2, d->item_code);
	stmt_bind_text(q, 3, d->item_name);
	if (d->credit_code != NULL && *d->credit_code != '\0')
		stmt_bind_text(q, 4, d->credit_code);
	else
		stmt_bind_null(q, 4);
	stmt_bind_text(q, 5, d->remark != NULL ? d->remark : "");
	if (d->resident_name != NULL)
		stmt_bind_text(q, 6, d->resident_name);
	else
		stmt_bind_null(q, 6);
	if (bind_sealed(q, 7, a->pool, SEALED_DRAFT_ID, d->resident_id) ==
	    -1 || bind_sealed(q, 8, a->pool, SEALED_DRAFT_MOBILE,
	    d->resident_mobile) == -1)
		return DB_ERR;
	if (d->resident_region != NULL)
		stmt_bind_text(q, 9, d->resident_region);
	else
		stmt_bind_null(q, 9);
	stmt_bind_text(q, 10, now);
	stmt_bind_text(q, 11, now);
	if (d->delivery_method != NULL)
		stmt_bind_text(q, 12, d->delivery_method);
	else
		stmt_bind_null(q, 12);
	if (d->delivery_recipient != NULL)
		stmt_bind_text(q, 13, d->delivery_recipient);
	else
		stmt_bind_null(q, 13);
	if (bind_sealed(q, 14, a->pool, SEALED_DRAFT_DPHONE,
	    d->delivery_phone) == -1 || bind_sealed(q, 15, a->pool,
	    SEALED_DRAFT_DADDRESS, d->delivery_address) == -1)
		return DB_ERR;
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	d->id = stmt_insert_id(q);
	for (i = 0; i < d->nfiles; i++) {
		const struct draft_file *f = &d->files[i];

		q = db_stmt(db, SQL_FILE_SAVE);
		stmt_bind_int(q, 0, d->id);
		stmt_bind_int(q, 1, f->seq);
		stmt_bind_text(q, 2, f->file_name);
		stmt_bind_text(q, 3, f->sha256);
		stmt_bind_int(q, 4, f->size);
		stmt_bind_text(q, 5, f->mime);
		if (stmt_run(q) != DB_OK)
			return DB_ERR;
	}
	q = db_stmt(db, SQL_LICS_CLEAR);
	stmt_bind_int(q, 0, d->id);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	for (i = 0; i < d->nlics; i++) {
		q = db_stmt(db, SQL_LIC_SAVE);
		stmt_bind_int(q, 0, d->id);
		stmt_bind_int(q, 1, d->lics[i].seq);
		stmt_bind_text(q, 2, d->lics[i].licence_no);
		if (stmt_run(q) != DB_OK)
			return DB_ERR;
	}
	return DB_OK;
}

enum db_rc
draft_save(struct db *db, struct pool *pool, int64_t citizen,
    struct draft *d)
{
	struct save_arg	 a = { pool, citizen, d, 0 };
	enum db_rc	 rc;

	rc = db_txn(db, save_body, &a);
	if (rc == DB_NONE && !a.full)
		return DB_ERR;
	return rc;
}

enum db_rc
draft_list(struct db *db, struct pool *pool, int64_t citizen,
    struct draft **v, size_t *n)
{
	struct stmt	*q;
	char		 now[20];

	/* A read only: the tick deletes what is past (draft_purge()). */
	now_utc(now);
	q = db_stmt(db, SQL_LIST);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, now);
	return stmt_list(q, pool, draft_row, sizeof(**v), v, n);
}

enum db_rc
draft_delete(struct db *db, struct pool *pool, int64_t citizen,
    const char *key)
{
	struct stmt	*q;

	(void)pool;
	q = db_stmt(db, SQL_DELETE);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, key);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	return stmt_affected(q) > 0 ? DB_OK : DB_NONE;
}

enum db_rc
draft_purge(struct db *db, uint64_t *n)
{
	struct stmt	*q;
	char		 now[20];

	now_utc(now);
	q = db_stmt(db, SQL_PURGE);
	stmt_bind_text(q, 0, now);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	*n = stmt_affected(q);
	return DB_OK;
}

enum db_rc
draft_file_named(struct db *db, struct pool *pool, const char *sha)
{
	struct stmt	*q;
	int64_t		 one;

	q = db_stmt(db, SQL_NAMED);
	stmt_bind_text(q, 0, sha);
	return stmt_one(q, pool, "i", &one);
}

enum db_rc
draft_quota_add(struct db *db, int64_t citizen, int64_t bytes)
{
	struct stmt	*q;
	char		 now[20];

	now_utc(now);
	q = db_stmt(db, SQL_QUOTA);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, now);
	stmt_bind_int(q, 2, bytes);
	return stmt_run(q) == DB_OK ? DB_OK : DB_ERR;
}
