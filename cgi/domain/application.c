/*
 * application.c: owns application, app_counter, app_event, and (shared by
 * both sites) attachment and document.  Times are stored in UTC and shown
 * in Beijing time (UTC+8, no daylight saving).  The applicant's ID
 * number and mobile are sealed in the row, with the ID number's keyed hash
 * for /query (sealed.h); so is the outbox record that carries them.
 */
#include <stdio.h>
#include <string.h>

#include "agent.h"
#include "agency.h"
#include "application.h"
#include "lifeevent.h"
#include "aside.h"
#include "docseal.h"
#include "draft.h"
#include "exchange.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"
#include "throttle.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

static const char SQL_NUMBER[] =
    "INSERT INTO app_counter (day, next) VALUES (DATE_FORMAT(UTC_TIMESTAMP()"
    " + INTERVAL 8 HOUR, '%Y%m%d'), LAST_INSERT_ID(1)) "
    "ON DUPLICATE KEY UPDATE next = LAST_INSERT_ID(next + 1)";
static const char SQL_TODAY[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d'), "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
static const char SQL_APP_ADD[] =
    "INSERT INTO application (app_no, citizen_id, item_id, item_code, "
    "item_version, item_name, applicant_name, id_hash, id_sealed, "
    "mobile_sealed, remark, state, state_label, submitted_at, updated_at, "
    "enterprise_id, entity_name, credit_code) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', "
    "'已提交，等待受理', ?, ?, ?, ?, ?)";
/* The form's one-time key (F13), and the day's quota (SEC-8). */
static const char SQL_FORM_KEY_ADD[] =
    "INSERT INTO app_form_key (citizen_id, form_key, app_no, created_at) "
    "VALUES (?, ?, ?, ?)";
static const char SQL_FORM_KEY_GET[] =
    "SELECT app_no FROM app_form_key WHERE citizen_id = ? AND form_key = ?";
static const char SQL_QUOTA_ADD[] =
    "INSERT INTO submit_quota (citizen_id, day, apps, bytes) "
    "VALUES (?, ?, 1, ?) "
    "ON DUPLICATE KEY UPDATE apps = apps + 1, bytes = bytes + VALUES(bytes)";
static const char SQL_QUOTA_GET[] =
    "SELECT apps, bytes FROM submit_quota WHERE citizen_id = ? AND day = ?";
static const char SQL_QUOTA_TODAY[] =
    "SELECT apps, bytes FROM submit_quota WHERE citizen_id = ? AND "
    "day = DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d')";
static const char SQL_ATT_NAMED[] =
    "SELECT 1 FROM attachment WHERE sha256 = ? LIMIT 1";
static const char SQL_EVENT_ADD[] =
    "INSERT IGNORE INTO app_event (app_no, seq, at, label, actor, note) "
    "VALUES (?, ?, ?, ?, ?, ?)";
#define APP_COLS "id, app_no, citizen_id, item_code, item_version, " \
	"item_name, applicant_name, id_sealed, mobile_sealed, remark, state, " \
	"state_label, " LOCAL("submitted_at") ", " LOCAL("updated_at") ", " \
	"DATE_FORMAT(due_date, '%Y-%m-%d'), " LOCAL("withdraw_at") ", " \
	LOCAL("corrected_at") ", " \
	"fee_kind, fee_amount, DATE_FORMAT(fee_due, '%Y-%m-%d'), fee_state, " \
	"enterprise_id, entity_name, credit_code, " \
	"agent_id, agent_name, agent_area, resident_region, consent_kind, " \
	"consent_state, id_hash, source, bundle_no"
static const char SQL_APP_GET[] =
    "SELECT " APP_COLS " FROM application WHERE app_no = ?";
/* A withdrawal asked for (094): only an open application of the
 * applicant's, once. */
static const char SQL_APP_LOCK[] =
    "SELECT state, withdraw_at IS NOT NULL, "
    "COALESCE(consent_state, '') = 'pending' FROM application "
    "WHERE app_no = ? AND citizen_id = ? FOR UPDATE";
static const char SQL_APP_WITHDRAW[] =
    "UPDATE application SET withdraw_at = ?, withdraw_reason = ? "
    "WHERE app_no = ?";
static const char SQL_APP_EXISTS[] =
    "SELECT id FROM application WHERE app_no = ?";
/* /query compares the ID number here, not after loading (F5): by its
 * keyed hash, as it is stored (SEC-5). */
static const char SQL_APP_FIND[] =
    "SELECT " APP_COLS " FROM application WHERE app_no = ? "
    "AND id_hash = ?";
static const char SQL_APP_LIST[] =
    "SELECT " APP_COLS " FROM application WHERE citizen_id = ? "
    "ORDER BY id DESC LIMIT 200";
/* The applications of a bundle (EXT-12), in the order of its items. */
static const char SQL_APP_LIST_BUNDLE[] =
    "SELECT " APP_COLS " FROM application WHERE bundle_no = ? ORDER BY id";
static const char SQL_APP_BUNDLE_SET[] =
    "UPDATE application SET bundle_no = ? WHERE app_no = ?";
static const char SQL_APP_LIST_ENT[] =
    "SELECT " APP_COLS " FROM application WHERE enterprise_id = ? "
    "ORDER BY id DESC LIMIT 200";
/* ACC-3: the applicant is a person's own self or an enterprise (? = 0:
 * the person's applications made for no enterprise). */
#define APP_OF_APPLICANT \
    "(IF(? = 0, p.citizen_id = ? AND p.enterprise_id IS NULL, " \
    "p.enterprise_id = ?))"
static const char SQL_LAST_REMARK[] =
    "SELECT p.remark FROM application p WHERE " APP_OF_APPLICANT
    " AND p.item_code = ? AND p.remark <> '' ORDER BY p.id DESC LIMIT 1";
#define REUSE_COLS "SELECT a.id, p.app_no, " LOCAL("p.submitted_at") \
    ", a.material_name, a.file_name, a.sha256, a.size, a.mime " \
    "FROM attachment a JOIN application p ON p.app_no = a.app_no WHERE " \
    APP_OF_APPLICANT
static const char SQL_REUSABLES[] = REUSE_COLS
    " ORDER BY a.id DESC LIMIT 200";
static const char SQL_REUSABLE[] = REUSE_COLS " AND a.id = ?";
/* A resident's own, and what agents made for them (AGT-1). */
static const char SQL_APP_LIST_WITH[] =
    "SELECT " APP_COLS " FROM application WHERE citizen_id = ? "
    "UNION SELECT " APP_COLS " FROM application WHERE id_hash = ? "
    "AND (agent_id IS NOT NULL OR source = 'window') "
    "ORDER BY id DESC LIMIT 200";
static const char SQL_APP_AGENT[] =
    "UPDATE application SET agent_id = ?, agent_name = ?, agent_area = ?, "
    "resident_region = ?, consent_kind = ?, consent_state = ?, "
    "state_label = ? WHERE app_no = ?";
static const char SQL_EVENTS[] =
    "SELECT seq, " LOCAL("at") ", label, actor, note FROM app_event "
    "WHERE app_no = ? ORDER BY seq";
static const char SQL_APP_STATE[] =
    "UPDATE application SET state = ?, state_label = ?, due_date = ?, "
    "updated_at = UTC_TIMESTAMP() WHERE app_no = ?";
static const char SQL_LIC_ADD[] =
    "INSERT INTO app_licence (app_no, material_seq, material_name, "
    "licence_no) VALUES (?, ?, ?, ?)";
static const char SQL_ATT_ADD[] =
    "INSERT INTO attachment (app_no, material_seq, round, material_name, "
    "file_name, sha256, size, mime) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
/* A corrected material (round 1) stands in for the one submitted. */
static const char SQL_ATT_LIST[] =
    "SELECT a.material_seq, a.round, a.material_name, a.file_name, "
    "a.sha256, a.size, a.mime FROM attachment a WHERE a.app_no = ? "
    "AND NOT EXISTS (SELECT 1 FROM attachment b WHERE b.app_no = a.app_no "
    "AND b.material_seq = a.material_seq AND b.round > a.round) "
    "ORDER BY a.material_seq";
/* 补正 (097): the list the notice brought, and the one answer to it. */
static const char SQL_CORR_ADD[] =
    "INSERT IGNORE INTO app_correction (app_no, material_seq, "
    "material_name, reason) VALUES (?, ?, ?, ?)";
/* Only a material of the application's item, by its name. */
static const char SQL_CORR_MATERIAL[] =
    "SELECT 1 FROM application a JOIN item_material m "
    "ON m.item_id = a.item_id WHERE a.app_no = ? AND m.seq = ? "
    "AND m.name = ?";
static const char SQL_CORR_LIST[] =
    "SELECT material_seq, material_name, reason FROM app_correction "
    "WHERE app_no = ? ORDER BY material_seq";
static const char SQL_APP_CORRECT_LOCK[] =
    "SELECT state, corrected_at IS NOT NULL, withdraw_at IS NOT NULL "
    "FROM application WHERE app_no = ? AND citizen_id = ? FOR UPDATE";
static const char SQL_APP_CORRECTED[] =
    "UPDATE application SET corrected_at = ?, state = 'submitted', "
    "state_label = '已补正，等待受理', updated_at = ? WHERE app_no = ?";
#define DOC_COLS "app_no, kind, doc_no, title, body, " LOCAL("issued_at") \
	", issued_by"
static const char SQL_DOC_GET[] =
    "SELECT " DOC_COLS " FROM document WHERE doc_no = ?";
static const char SQL_DOC_LIST[] =
    "SELECT " DOC_COLS " FROM document WHERE app_no = ? ORDER BY id";
static const char SQL_DOC_ADD[] =
    "INSERT IGNORE INTO document (app_no, kind, doc_no, title, body, "
    "issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?)";

enum db_rc
attachment_add(struct db *db, const char *app_no, const struct attachment *a)
{
	struct stmt	*q;

	/* A licence chosen instead of a file (免证办, DOC-2). */
	if (a->licence_no != NULL) {
		q = db_stmt(db, SQL_LIC_ADD);
		stmt_bind_text(q, 0, app_no);
		stmt_bind_int(q, 1, a->material_seq);
		stmt_bind_text(q, 2, a->material_name);
		stmt_bind_text(q, 3, a->licence_no);
		return stmt_run(q);
	}

	q = db_stmt(db, SQL_ATT_ADD);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, a->material_seq);
	stmt_bind_int(q, 2, a->round);
	stmt_bind_text(q, 3, a->material_name);
	stmt_bind_text(q, 4, a->file_name);
	stmt_bind_text(q, 5, a->sha256);
	stmt_bind_int(q, 6, a->size);
	stmt_bind_text(q, 7, a->mime);
	return stmt_run(q);
}

enum db_rc
attachment_list(struct db *db, struct pool *pool, const char *app_no,
    struct attachment **out, size_t *n)
{
	struct stmt		*q;
	struct attachment	 a, *v = NULL;
	enum db_rc		 rc;
	char			*sha;
	size_t			 cap = 0;

	*n = 0;
	memset(&a, 0, sizeof(a));
	q = db_stmt(db, SQL_ATT_LIST);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "ddsssis", &a.material_seq, &a.round,
	    &a.material_name, &a.file_name, &sha, &a.size, &a.mime)) ==
	    DB_OK) {
		snprintf(a.sha256, sizeof(a.sha256), "%s", sha);
		*(struct attachment *)pool_push(pool, &v, n, &cap,
		    sizeof(a)) = a;
	}
	stmt_done(q);
	*out = v;
	return rc == DB_ERR ? rc : DB_OK;
}

int
attachment_json(const struct attachment *atts, size_t n, json_t **jatts,
    json_t **files)
{
	size_t	 i;

	*jatts = json_array();
	*files = json_array();
	/* Never an attachment silently left out of the record (a licence
	 * is not a file: licences_json()). */
	for (i = 0; *jatts != NULL && *files != NULL && i < n; i++)
		if (atts[i].licence_no != NULL)
			continue;
		else if (json_array_append_new(*jatts, json_pack("{s:i, "
		    "s:s, s:s, s:s, s:I, s:s}", "material_seq",
		    atts[i].material_seq, "material_name",
		    atts[i].material_name,
		    "file_name", atts[i].file_name, "sha256", atts[i].sha256,
		    "size", (json_int_t)atts[i].size, "mime", atts[i].mime)) !=
		    0 || json_array_append_new(*files,
		    json_string(atts[i].sha256)) != 0)
			break;
	if (*jatts != NULL && *files != NULL && i == n)
		return 0;
	log_err("attachment %zu is not JSON text", i);
	json_decref(*jatts);
	json_decref(*files);
	*jatts = *files = NULL;
	return -1;
}

/* The licences chosen instead of files (免证办, DOC-2) as the record's
 * "licences", or NULL when none was (or on a text that is not JSON's;
 * *bad then). */
static json_t *
licences_json(const struct attachment *atts, size_t n, int *bad)
{
	json_t	*arr = NULL;
	size_t	 i;

	*bad = 0;
	for (i = 0; i < n; i++) {
		if (atts[i].licence_no == NULL)
			continue;
		if (arr == NULL && (arr = json_array()) == NULL) {
			*bad = 1;
			return NULL;
		}
		if (json_array_append_new(arr, json_pack("{s:i, s:s, s:s}",
		    "material_seq", atts[i].material_seq, "material_name",
		    atts[i].material_name, "licence_no",
		    atts[i].licence_no)) != 0) {
			json_decref(arr);
			*bad = 1;
			return NULL;
		}
	}
	return arr;
}

static enum db_rc
doc_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct doc	*d = arg;

	memset(d, 0, sizeof(*d));	/* no seal read here (docseal.h) */
	return stmt_row(q, pool, "sssssss", &d->app_no, &d->kind, &d->doc_no,
	    &d->title, &d->body, &d->issued_at, &d->issued_by);
}

enum db_rc
doc_get(struct db *db, struct pool *pool, const char *doc_no, struct doc *d)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DOC_GET);
	stmt_bind_text(q, 0, doc_no);
	return stmt_first(q, pool, doc_row, d);
}

enum db_rc
doc_list(struct db *db, struct pool *pool, const char *app_no,
    struct doc **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DOC_LIST);
	stmt_bind_text(q, 0, app_no);
	return stmt_list(q, pool, doc_row, sizeof(**out), out, n);
}

/* d->issued_at here is UTC "YYYY-MM-DD HH:MM:SS". */
enum db_rc
doc_add(struct db *db, const struct doc *d)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DOC_ADD);
	stmt_bind_text(q, 0, d->app_no);
	stmt_bind_text(q, 1, d->kind);
	stmt_bind_text(q, 2, d->doc_no);
	stmt_bind_text(q, 3, d->title);
	stmt_bind_text(q, 4, d->body);
	stmt_bind_text(q, 5, d->issued_at);
	stmt_bind_text(q, 6, d->issued_by);
	return stmt_run(q);
}

static enum db_rc
event_add(struct db *db, const char *app_no, int64_t seq, const char *at,
    const char *label, const char *actor, const char *note)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EVENT_ADD);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, seq);
	stmt_bind_text(q, 2, at);
	stmt_bind_text(q, 3, label);
	stmt_bind_text(q, 4, actor);
	stmt_bind_text(q, 5, note);
	return stmt_run(q);
}

enum db_rc
app_by_form_key(struct db *db, struct pool *pool, int64_t citizen_id,
    const char *form_key, char **app_no)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_FORM_KEY_GET);
	stmt_bind_int(q, 0, citizen_id);
	stmt_bind_text(q, 1, form_key);
	return stmt_one(q, pool, "s", app_no);
}

enum db_rc
app_quota_today(struct db *db, struct pool *pool, int64_t citizen_id,
    int64_t *apps, int64_t *bytes)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_QUOTA_TODAY);
	stmt_bind_int(q, 0, citizen_id);
	if ((rc = stmt_one(q, pool, "ii", apps, bytes)) == DB_NONE)
		*apps = *bytes = 0;
	return rc == DB_ERR ? DB_ERR : DB_OK;
}

enum db_rc
app_file_named(struct db *db, struct pool *pool, const char *sha)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 one;

	q = db_stmt(db, SQL_ATT_NAMED);
	stmt_bind_text(q, 0, sha);
	if ((rc = stmt_one(q, pool, "i", &one)) != DB_NONE)
		return rc;
	if ((rc = catalog_file_named(db, pool, sha)) != DB_NONE)
		return rc;
	/* So does a draft, while it lives (EXT-1). */
	if ((rc = draft_file_named(db, pool, sha)) != DB_NONE)
		return rc;
	/* So does a 全程代理 project's agreement (INT-14). */
	if ((rc = agency_file_named(db, pool, sha)) != DB_NONE)
		return rc;
	/* A record set aside at import keeps its files (GAP-5). */
	return aside_file_named(db, pool, sha);
}

int
app_files_named(void *arg, const char *sha)
{
	struct app_files	*f = arg;

	switch (app_file_named(f->db, f->pool, sha)) {
	case DB_OK:
		return 1;
	case DB_NONE:
		return 0;
	default:
		return -1;
	}
}

/* Count this application against the day's quota; APP_OK or over. */
static enum app_rc
quota_take(struct db *db, struct pool *pool, const struct user *u,
    const char *day, const struct attachment *atts, size_t natts,
    const struct app_quota *quota)
{
	struct stmt	*q;
	int64_t		 bytes = 0, apps, used;
	size_t		 i;

	for (i = 0; i < natts; i++)
		bytes += atts[i].size;
	q = db_stmt(db, SQL_QUOTA_ADD);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, day);
	stmt_bind_int(q, 2, bytes);
	if (stmt_run(q) != DB_OK)
		return APP_ERR;
	q = db_stmt(db, SQL_QUOTA_GET);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, day);
	if (stmt_one(q, pool, "ii", &apps, &used) != DB_OK)
		return APP_ERR;
	if ((uint64_t)apps > quota->apps)
		return APP_OVER_COUNT;
	if ((uint64_t)used > quota->bytes)
		return APP_OVER_BYTES;
	return APP_OK;
}

/* What application app_no carries of the agent who made it, and its
 * consent form as the attachment of material APP_CONSENT_SEQ. */
static enum db_rc
proxy_add(struct db *db, const char *app_no, const struct app_proxy *p)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_APP_AGENT);
	stmt_bind_int(q, 0, p->agent_id);
	stmt_bind_text(q, 1, p->agent_name);
	stmt_bind_text(q, 2, p->agent_area);
	stmt_bind_text(q, 3, p->resident_region);
	stmt_bind_text(q, 4, p->consent_kind);
	stmt_bind_text(q, 5, p->consent != NULL ? "given" : "pending");
	stmt_bind_text(q, 6, p->consent != NULL ? "已提交，等待受理" :
	    "等待居民短信确认授权，尚未提交到审批部门");
	stmt_bind_text(q, 7, app_no);
	if ((rc = stmt_run(q)) != DB_OK || p->consent == NULL)
		return rc;
	return attachment_add(db, app_no, p->consent);
}

/* The record's "agent" object for p (AGT-1), adding the consent form's
 * file to files; NULL on failure. */
static json_t *
proxy_json(const struct app_proxy *p, json_t *files)
{
	json_t	*consent, *e;
	size_t	 i;

	consent = json_pack("{s:s, s:s}", "kind", p->consent_kind, "state",
	    p->consent != NULL ? "given" : "pending");
	if (consent != NULL && p->consent != NULL) {
		json_object_set_new(consent, "file_name",
		    json_string(p->consent->file_name));
		json_object_set_new(consent, "sha256",
		    json_string(p->consent->sha256));
		json_object_set_new(consent, "size",
		    json_integer(p->consent->size));
		json_array_foreach(files, i, e)
			if (strcmp(json_string_value(e), p->consent->sha256)
			    == 0)
				break;
		if (i == json_array_size(files))
			json_array_append_new(files,
			    json_string(p->consent->sha256));
	}
	if (consent == NULL)
		return NULL;
	return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id",
	    (json_int_t)p->agent_id, "name", p->agent_name, "area",
	    p->agent_area, "resident_region", p->resident_region, "consent",
	    consent);
}

/* Application numbers taken in the submission's transaction (1), or each
 * in a statement of its own before it (0): app_set_gapless(). */
static int	 gapless;

void
app_set_gapless(int on)
{
	gapless = on != 0;
}

int
app_gapless(void)
{
	return gapless;
}

/*
 * The day's next application number, with the day and now.  Outside a
 * transaction the counter's row is locked for this one statement only,
 * so submissions do not queue behind each other's whole transaction; a
 * submission that then fails leaves its number unused (logged by the
 * caller): application numbers are receipts' numbers and may have gaps
 * (docs/security.md "Writers in parallel").
 */
enum app_rc
app_number(struct db *db, struct pool *pool, char **app_no, char **day,
    char **now)
{
	struct stmt	*q;
	int64_t		 n;

	q = db_stmt(db, SQL_NUMBER);
	if (stmt_run(q) != DB_OK)
		return APP_ERR;
	/* 90001 and up are the intranet window's (intake.h). */
	if ((n = stmt_insert_id(q)) >= APP_NO_WINDOW) {
		log_err("the day's application numbers are used");
		return APP_ERR;
	}
	if (stmt_one(db_stmt(db, SQL_TODAY), pool, "ss", day, now) != DB_OK)
		return APP_ERR;
	*app_no = pool_printf(pool, "YW%s%05lld", *day, (long long)n);
	return APP_OK;
}

/* The unused number of a submission that failed, for whom a gap puzzles. */
static void
number_lost(const char *app_no)
{
	if (!gapless && app_no != NULL)
		log_info("application number %s is not used: its submission "
		    "failed after the number was taken", app_no);
}

/* An application's number with its day and now: taken before the
 * transaction (no == NULL there: taken inside it, app_set_gapless()). */
struct app_num {
	char	*no, *day, *now;
};

/*
 * The rows and the record of an application by u for itself, for
 * enterprise ent (ACC-1), as an agent for p's resident (AGT-1), or as
 * one of bundle b (EXT-12; NULL: none), inside the caller's transaction.
 * form_key NULL: the bundle's first application holds the form's key.
 * APP_AGAIN when the form's key made an application before (the caller
 * rolls back and finds it).
 */
static enum app_rc
submit_rows(struct db *db, struct pool *pool, const struct item *it,
    const struct user *u, const struct app_entity *ent,
    const struct app_proxy *p, const char *idno, const char *mobile,
    const char *remark, const struct attachment *atts, size_t natts,
    const char *form_key, const struct app_quota *quota,
    struct bundle_ref *b, struct app_num *n)
{
	const char	*applicant = p != NULL ? p->resident_name : u->name;
	char		**app_no = &n->no;
	json_t		*agent = NULL, *lics;
	struct stmt	*q;
	enum db_rc	 rc;
	enum app_rc	 arc = APP_ERR;
	char		*day, *now, hash[PII_HASH_HEX], *sid, *smob;
	json_t		*rec, *jatts, *files;
	size_t		 i;
	int		 bad;

	if (pii_hash(SEALED_APP_ID, idno, hash) == -1 ||
	    (sid = pii_seal(pool, SEALED_APP_ID, idno)) == NULL ||
	    (smob = pii_seal(pool, SEALED_APP_MOBILE, mobile)) == NULL)
		return APP_ERR;
	if (n->no == NULL && app_number(db, pool, &n->no, &n->day, &n->now)
	    != APP_OK)
		return APP_ERR;
	day = n->day;
	now = n->now;
	/* The same form again (Back, reload, a retry after a 502): the
	 * key's row of the first submission makes this one a duplicate. */
	q = db_stmt(db, SQL_FORM_KEY_ADD);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, form_key);
	stmt_bind_text(q, 2, *app_no);
	stmt_bind_text(q, 3, now);
	if (form_key != NULL && (rc = stmt_run(q)) == DB_DUP)
		return APP_AGAIN;
	if (form_key != NULL && rc != DB_OK)
		goto fail;
	/* The bundle is numbered after its first application. */
	if (b != NULL && b->no == NULL) {
		b->no = pool_printf(pool, "YJ%s", *app_no + 2);
		if ((rc = bundle_add(db, b, u->id, now)) != DB_OK)
			goto fail;
	}
	if ((arc = quota_take(db, pool, u, day, atts, natts, quota)) !=
	    APP_OK)
		goto fail;
	arc = APP_ERR;

	q = db_stmt(db, SQL_APP_ADD);
	stmt_bind_text(q, 0, *app_no);
	stmt_bind_int(q, 1, u->id);
	stmt_bind_int(q, 2, it->id);
	stmt_bind_text(q, 3, it->code);
	stmt_bind_int(q, 4, it->version);
	stmt_bind_text(q, 5, it->name);
	stmt_bind_text(q, 6, applicant);
	stmt_bind_text(q, 7, hash);
	stmt_bind_text(q, 8, sid);
	stmt_bind_text(q, 9, smob);
	stmt_bind_text(q, 10, remark ? remark : "");
	stmt_bind_text(q, 11, now);
	stmt_bind_text(q, 12, now);
	if (ent != NULL) {
		stmt_bind_int(q, 13, ent->id);
		stmt_bind_text(q, 14, ent->name);
		stmt_bind_text(q, 15, ent->credit_code);
	} else {
		stmt_bind_null(q, 13);
		stmt_bind_null(q, 14);
		stmt_bind_null(q, 15);
	}
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	if (b != NULL) {
		q = db_stmt(db, SQL_APP_BUNDLE_SET);
		stmt_bind_text(q, 0, b->no);
		stmt_bind_text(q, 1, *app_no);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
	}
	for (i = 0; i < natts; i++)
		if ((rc = attachment_add(db, *app_no, &atts[i])) != DB_OK)
			goto fail;
	if (p != NULL && (rc = proxy_add(db, *app_no, p)) != DB_OK)
		goto fail;
	if (attachment_json(atts, natts, &jatts, &files) == -1) {
		rc = DB_ERR;
		goto fail;
	}
	if (p != NULL && (agent = proxy_json(p, files)) == NULL) {
		json_decref(jatts);
		json_decref(files);
		rc = DB_ERR;
		goto fail;
	}
	if ((rc = event_add(db, *app_no, 0, now, p != NULL ? "代办员网上代办"
	    "提交申请" : "网上提交申请", p != NULL ? pool_printf(pool,
	    "代办员：%s（%s）", p->agent_name, p->agent_area) : u->name,
	    "")) != DB_OK) {
		json_decref(jatts);
		json_decref(files);
		json_decref(agent);
		goto fail;
	}
	rec = json_pack("{s:s, s:s, s:s, s:i, s:s, s:{s:s, s:s, s:s}, s:s, "
	    "s:s, s:o, s:o}", "type", "application", "app_no", *app_no,
	    "item_code", it->code, "item_version", it->version,
	    "item_name", it->name, "applicant", "name", applicant,
	    "id_number", idno, "mobile", mobile, "remark",
	    remark ? remark : "", "submitted_at", now, "attachments", jatts,
	    "files", files);
	/* The applicant an enterprise, the person its 经办人 (ACC-1). */
	if (rec != NULL && ent != NULL && json_object_set_new(rec, "entity",
	    json_pack("{s:s, s:s, s:s}", "kind", "enterprise",
	    "credit_code", ent->credit_code, "name", ent->name)) == -1) {
		json_decref(rec);
		rec = NULL;
	}
	if (rec != NULL && agent != NULL)
		json_object_set_new(rec, "agent", agent);
	else
		json_decref(agent);
	/* 一件事 (EXT-12): the bundle it is one of, with the items. */
	if (rec != NULL && b != NULL && json_object_set_new(rec, "bundle",
	    bundle_ref_json(b)) == -1) {
		json_decref(rec);
		rec = NULL;
	}
	/* 免证办 (DOC-2): the licence numbers only; the intranet checks
	 * them against its library. */
	lics = licences_json(atts, natts, &bad);
	if (bad || (lics != NULL && json_object_set_new(rec, "licences",
	    lics) == -1)) {	/* set_new takes lics even when it fails */
		json_decref(rec);
		rec = NULL;
	}
	/* Consent by the resident's SMS: the record waits for it. */
	if (p != NULL && p->consent == NULL)
		rc = agent_consent_hold(db, pool, *app_no, rec, mobile);
	else
		rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK)
		goto fail;
	if ((rc = audit_add(db, pool, u->login, p != NULL ?
	    "application.proxy" : "application.submit", *app_no,
	    it->code)) != DB_OK)
		goto fail;
	return APP_OK;
fail:
	return arc;
}

static enum db_rc	 app_row(struct stmt *, struct pool *, void *);

/* The numbers of n applications, each in a statement of its own before
 * their transaction; none when they are taken inside it (gapless). */
static enum app_rc
numbers_before(struct db *db, struct pool *pool, struct app_num *n,
    size_t nn)
{
	size_t	 i;

	for (i = 0; !gapless && i < nn; i++)
		if (app_number(db, pool, &n[i].no, &n[i].day, &n[i].now) !=
		    APP_OK)
			return APP_ERR;
	return APP_OK;
}

/* Ends the transaction of applications n, which made rc. */
static enum app_rc
numbers_end(struct db *db, enum app_rc rc, struct app_num *n, size_t nn)
{
	size_t	 i;

	if (rc == APP_OK && db_commit(db) == DB_OK)
		return APP_OK;
	if (rc == APP_OK)
		rc = APP_ERR;
	db_rollback(db);
	for (i = 0; i < nn; i++)
		number_lost(n[i].no);
	return rc;
}

/* One application (submit_rows()) in its own transaction. */
static enum app_rc
submit(struct db *db, struct pool *pool, const struct item *it,
    const struct user *u, const struct app_entity *ent,
    const struct app_proxy *p, const char *idno, const char *mobile,
    const char *remark, const struct attachment *atts, size_t natts,
    const char *form_key, const struct app_quota *quota, char **app_no)
{
	struct app_num	 n = { NULL, NULL, NULL };
	enum app_rc	 arc;

	*app_no = NULL;
	if (numbers_before(db, pool, &n, 1) != APP_OK)
		return APP_ERR;
	if (db_begin(db) != DB_OK)
		return numbers_end(db, APP_ERR, &n, 1);
	arc = numbers_end(db, submit_rows(db, pool, it, u, ent, p, idno,
	    mobile, remark, atts, natts, form_key, quota, NULL, &n), &n, 1);
	if (arc == APP_OK)
		*app_no = n.no;
	if (arc == APP_AGAIN)
		return app_by_form_key(db, pool, u->id, form_key, app_no) ==
		    DB_OK ? APP_AGAIN : APP_ERR;
	return arc;
}

enum app_rc
app_submit_bundle(struct db *db, struct pool *pool,
    const struct item *items, size_t nitems, const struct user *u,
    const struct app_entity *ent, const char *idno, const char *mobile,
    const char *remark, struct attachment *const *atts, const size_t *natts,
    const char *form_key, const struct app_quota *quota,
    struct bundle_ref *b)
{
	struct app_num	*n;
	enum app_rc	 arc = APP_ERR;
	char		*app_no;
	size_t		 i;

	b->no = NULL;
	b->enterprise_id = ent != NULL ? ent->id : 0;
	b->entity_name = ent != NULL ? ent->name : NULL;
	n = pool_alloc(pool, nitems * sizeof(*n));
	if (numbers_before(db, pool, n, nitems) != APP_OK)
		return APP_ERR;
	if (db_begin(db) != DB_OK)
		return numbers_end(db, APP_ERR, n, nitems);
	for (i = 0; i < nitems; i++)
		if ((arc = submit_rows(db, pool, &items[i], u, ent, NULL,
		    idno, mobile, remark, atts[i], natts[i], i == 0 ?
		    form_key : NULL, quota, b, &n[i])) != APP_OK)
			break;
	if ((arc = numbers_end(db, arc, n, nitems)) == APP_AGAIN) {
		if (app_by_form_key(db, pool, u->id, form_key, &app_no) !=
		    DB_OK)
			return APP_ERR;
		b->no = pool_printf(pool, "YJ%s", app_no + 2);
	}
	return arc;
}

enum db_rc
app_list_bundle(struct db *db, struct pool *pool, const char *no,
    struct application **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_APP_LIST_BUNDLE);
	stmt_bind_text(q, 0, no);
	return stmt_list(q, pool, app_row, sizeof(**out), out, n);
}

enum app_rc
app_submit(struct db *db, struct pool *pool, const struct item *it,
    const struct user *u, const struct app_entity *ent, const char *idno,
    const char *mobile, const char *remark, const struct attachment *atts,
    size_t natts, const char *form_key, const struct app_quota *quota,
    char **app_no)
{
	return submit(db, pool, it, u, ent, NULL, idno, mobile, remark, atts,
	    natts, form_key, quota, app_no);
}

enum app_rc
app_submit_proxy(struct db *db, struct pool *pool, const struct item *it,
    const struct user *u, const struct app_proxy *p, const char *idno,
    const char *mobile, const char *remark, const struct attachment *atts,
    size_t natts, const char *form_key, const struct app_quota *quota,
    char **app_no)
{
	return submit(db, pool, it, u, NULL, p, idno, mobile, remark, atts,
	    natts, form_key, quota, app_no);
}

static enum db_rc
app_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct application	*a = arg;
	enum db_rc		 rc;

	memset(a, 0, sizeof(*a));
	if ((rc = stmt_row(q, pool, "isisdsssssssssssssdssississssssss", &a->id,
	    &a->app_no, &a->citizen_id, &a->item_code, &a->item_version,
	    &a->item_name, &a->applicant_name, &a->id_number, &a->mobile,
	    &a->remark, &a->state, &a->state_label, &a->submitted_at,
	    &a->updated_at, &a->due_date, &a->withdraw_at, &a->corrected_at,
	    &a->fee_kind, &a->fee_amount, &a->fee_due, &a->fee_state,
	    &a->enterprise_id, &a->entity_name, &a->credit_code,
	    &a->agent_id, &a->agent_name, &a->agent_area, &a->resident_region,
	    &a->consent_kind, &a->consent_state, &a->id_hash, &a->source,
	    &a->bundle_no)) != DB_OK)
		return rc;
	/* Opened for the page, which masks them; one that does not open
	 * (logged) shows as nothing rather than failing the list. */
	a->id_number = pii_open(pool, SEALED_APP_ID, a->id_number);
	a->mobile = pii_open(pool, SEALED_APP_MOBILE, a->mobile);
	return DB_OK;
}

enum db_rc
correction_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct correction	*c = arg;

	return stmt_row(q, pool, "dss", &c->material_seq, &c->material_name,
	    &c->reason);
}

/* The attachments, documents, corrections asked for and timeline of
 * application a, loaded. */
static enum db_rc
app_parts(struct db *db, struct pool *pool, const char *app_no,
    struct application *a)
{
	struct stmt		*q;
	struct app_event	 e;
	enum db_rc		 rc;
	size_t			 cap = 0;

	if ((rc = attachment_list(db, pool, app_no, &a->atts, &a->natts)) !=
	    DB_OK || (rc = doc_list(db, pool, app_no, &a->docs, &a->ndocs)) !=
	    DB_OK)
		return rc;
	q = db_stmt(db, SQL_CORR_LIST);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_list(q, pool, correction_row, sizeof(*a->corr),
	    &a->corr, &a->ncorr)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_EVENTS);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "dssss", &e.seq, &e.at, &e.label,
	    &e.actor, &e.note)) == DB_OK) {
		*(struct app_event *)pool_push(pool, &a->events,
		    &a->nevents, &cap, sizeof(e)) = e;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
app_exists(struct db *db, struct pool *pool, const char *app_no)
{
	struct stmt	*q;
	int64_t		 id;

	q = db_stmt(db, SQL_APP_EXISTS);
	stmt_bind_text(q, 0, app_no);
	return stmt_one(q, pool, "i", &id);
}

enum db_rc
app_get(struct db *db, struct pool *pool, const char *app_no,
    struct application *a)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_APP_GET);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_first(q, pool, app_row, a)) != DB_OK)
		return rc;
	return app_parts(db, pool, app_no, a);
}

enum query_rc
app_query(struct db *db, struct pool *pool, const char *app_no,
    const char *idno, const char *addr, struct application *a)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int		 c1, c2;
	char		 hash[PII_HASH_HEX];

	/* The same three counts before every lookup, hit or miss. */
	if ((c1 = throttle_closed(db, pool, &TH_QUERY_ADDR, addr)) != 0)
		return c1 < 0 ? QUERY_ERR : QUERY_ADDR_BUSY;
	c1 = throttle_closed(db, pool, &TH_QUERY_NUMBER, app_no);
	c2 = throttle_closed(db, pool, &TH_QUERY_IDNO, idno);
	if (c1 < 0 || c2 < 0)
		return QUERY_ERR;
	if (c1 || c2)
		return QUERY_NUMBER_BUSY;
	if (pii_hash(SEALED_APP_ID, idno, hash) == -1)
		return QUERY_ERR;
	q = db_stmt(db, SQL_APP_FIND);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, hash);
	switch (stmt_first(q, pool, app_row, a)) {
	case DB_OK:
		return app_parts(db, pool, a->app_no, a) == DB_OK ?
		    QUERY_FOUND : QUERY_ERR;
	case DB_NONE:
		break;
	default:
		return QUERY_ERR;
	}
	/* A miss loads nothing more, whichever half was wrong; its three
	 * counts are one transaction (one log flush). */
	if (db_begin(db) != DB_OK)
		return QUERY_ERR;
	if ((rc = throttle_count(db, &TH_QUERY_ADDR, addr)) == DB_OK &&
	    (rc = throttle_count(db, &TH_QUERY_NUMBER, app_no)) == DB_OK)
		rc = throttle_count(db, &TH_QUERY_IDNO, idno);
	if (rc != DB_OK) {
		db_rollback(db);
		return QUERY_ERR;
	}
	return db_commit(db) == DB_OK ? QUERY_MISS : QUERY_ERR;
}

enum db_rc
app_list(struct db *db, struct pool *pool, int64_t citizen_id,
    struct application **out, size_t *n)
{
	return app_list_with(db, pool, citizen_id, NULL, out, n);
}

enum db_rc
app_list_with(struct db *db, struct pool *pool, int64_t citizen_id,
    const char *idhash, struct application **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, idhash != NULL ? SQL_APP_LIST_WITH : SQL_APP_LIST);
	stmt_bind_int(q, 0, citizen_id);
	if (idhash != NULL)
		stmt_bind_text(q, 1, idhash);
	return stmt_list(q, pool, app_row, sizeof(**out), out, n);
}

enum db_rc
app_list_enterprise(struct db *db, struct pool *pool, int64_t id,
    struct application **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_APP_LIST_ENT);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, app_row, sizeof(**out), out, n);
}

/* Bind the applicant (APP_OF_APPLICANT) from position at. */
static void
bind_applicant(struct stmt *q, unsigned at, int64_t citizen, int64_t ent)
{
	stmt_bind_int(q, at, ent);
	stmt_bind_int(q, at + 1, citizen);
	stmt_bind_int(q, at + 2, ent);
}

enum db_rc
app_last_remark(struct db *db, struct pool *pool, int64_t citizen,
    int64_t ent, const char *code, char **remark)
{
	struct stmt	*q;

	*remark = NULL;
	q = db_stmt(db, SQL_LAST_REMARK);
	bind_applicant(q, 0, citizen, ent);
	stmt_bind_text(q, 3, code);
	return stmt_one(q, pool, "s", remark);
}

static enum db_rc
reusable_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct app_reusable	*r = arg;
	enum db_rc		 rc;
	char			*sha;

	memset(r, 0, sizeof(*r));
	if ((rc = stmt_row(q, pool, "isssssis", &r->id, &r->app_no,
	    &r->submitted_at, &r->a.material_name, &r->a.file_name, &sha,
	    &r->a.size, &r->a.mime)) != DB_OK)
		return rc;
	if (sha == NULL || strlen(sha) != 64)
		return DB_ERR;
	memcpy(r->a.sha256, sha, 65);
	return DB_OK;
}

enum db_rc
app_reusables(struct db *db, struct pool *pool, int64_t citizen,
    int64_t ent, struct app_reusable **out, size_t *n)
{
	struct app_reusable	*v;
	struct stmt		*q;
	enum db_rc		 rc;
	size_t			 i, j, k = 0;

	q = db_stmt(db, SQL_REUSABLES);
	bind_applicant(q, 0, citizen, ent);
	if ((rc = stmt_list(q, pool, reusable_row, sizeof(*v), &v, n)) !=
	    DB_OK)
		return rc;
	/* The newest of each material name and file. */
	for (i = 0; i < *n; i++) {
		for (j = 0; j < k; j++)
			if (strcmp(v[j].a.material_name, v[i].a.material_name)
			    == 0 && strcmp(v[j].a.sha256, v[i].a.sha256) == 0)
				break;
		if (j == k)
			v[k++] = v[i];
	}
	*n = k;
	*out = v;
	return DB_OK;
}

enum db_rc
app_reusable(struct db *db, struct pool *pool, int64_t citizen, int64_t ent,
    int64_t id, struct app_reusable *r)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_REUSABLE);
	bind_applicant(q, 0, citizen, ent);
	stmt_bind_int(q, 3, id);
	return stmt_first(q, pool, reusable_row, r);
}

int
app_id_hash(const char *idno, char out[65])
{
	return pii_hash(SEALED_APP_ID, idno, out);
}

/*
 * The list of a 补正材料通知书 (an event of state "correcting"), kept for
 * the applicant's form.  The record passed rec_valid_case_event(); that
 * the materials are the item's is checked here, where the item is.
 */
static enum db_rc
corrections_add(struct db *db, struct pool *pool, const char *app_no,
    json_t *list, char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*e;
	const char	*name;
	int64_t		 seq, one;
	size_t		 i;

	json_array_foreach(list, i, e) {
		seq = json_integer_value(json_object_get(e, "material_seq"));
		name = json_string_value(json_object_get(e, "material_name"));
		q = db_stmt(db, SQL_CORR_MATERIAL);
		stmt_bind_text(q, 0, app_no);
		stmt_bind_int(q, 1, seq);
		stmt_bind_text(q, 2, name);
		if ((rc = stmt_one(q, pool, "i", &one)) == DB_NONE)
			snprintf(err, errlen, "申请 %s 的补正清单第 %zu 项不是"
			    "这个事项的材料", app_no, i + 1);
		if (rc != DB_OK)
			return rc == DB_NONE ? DB_NONE : DB_ERR;
		q = db_stmt(db, SQL_CORR_ADD);
		stmt_bind_text(q, 0, app_no);
		stmt_bind_int(q, 1, seq);
		stmt_bind_text(q, 2, name);
		stmt_bind_text(q, 3, json_string_value(json_object_get(e,
		    "reason")));
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

enum db_rc
app_import_event(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*jd;
	struct doc	 d;
	const char	*app_no, *at, *label, *actor, *note, *state, *slabel;
	const char	*due;
	json_int_t	 seq;

	if (json_unpack(rec, "{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "app_no", &app_no, "seq", &seq, "at", &at, "label", &label,
	    "actor", &actor, "note", &note, "state", &state,
	    "state_label", &slabel) != 0) {
		snprintf(err, errlen, "办件进度记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_APP_STATE);
	stmt_bind_text(q, 0, state);
	stmt_bind_text(q, 1, slabel);
	if ((due = json_string_value(json_object_get(rec, "due_date"))) !=
	    NULL)
		stmt_bind_text(q, 2, due);
	else
		stmt_bind_null(q, 2);
	stmt_bind_text(q, 3, app_no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if (stmt_affected(q) == 0) {
		snprintf(err, errlen, "外网没有申请 %s", app_no);
		return DB_NONE;
	}
	if ((rc = event_add(db, app_no, seq, at, label, actor, note)) != DB_OK)
		return rc;
	if ((jd = json_object_get(rec, "doc")) != NULL) {
		memset(&d, 0, sizeof(d));
		d.app_no = (char *)app_no;
		if (json_unpack(jd, "{s:s, s:s, s:s, s:s, s:s, s:s}",
		    "kind", &d.kind, "doc_no", &d.doc_no, "title", &d.title,
		    "body", &d.body, "issued_at", &d.issued_at,
		    "issued_by", &d.issued_by) != 0) {
			snprintf(err, errlen, "文书记录缺少字段");
			return DB_NONE;
		}
		if ((rc = doc_add(db, &d)) != DB_OK || (rc = docseal_import(db,
		    d.doc_no, json_object_get(jd, "seal"))) != DB_OK)
			return rc;
	}
	return corrections_add(db, pool, app_no, json_object_get(rec,
	    "corrections"), err, errlen);
}

static const char SQL_APP_FEE[] =
    "UPDATE application SET fee_kind = ?, fee_amount = ?, fee_due = ?, "
    "fee_state = ? WHERE app_no = ?";

enum db_rc
app_import_fee(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*app_no, *kind, *due, *state;
	json_int_t	 amount;

	(void)pool;
	if (json_unpack(rec, "{s:s, s:s, s:I, s:s, s:s}", "app_no", &app_no,
	    "kind", &kind, "amount", &amount, "due_date", &due, "state",
	    &state) != 0) {
		snprintf(err, errlen, "缴费记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_APP_FEE);
	stmt_bind_text(q, 0, kind);
	stmt_bind_int(q, 1, amount);
	stmt_bind_text(q, 2, due);
	stmt_bind_text(q, 3, state);
	stmt_bind_text(q, 4, app_no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	/* The same values again change no row: not an error. */
	return DB_OK;
}

int
app_open(const char *state)
{
	return strcmp(state, "submitted") == 0 ||
	    strcmp(state, "received") == 0 ||
	    strcmp(state, "correcting") == 0 ||
	    strcmp(state, "suspended") == 0 ||
	    strcmp(state, "processing") == 0;
}

enum db_rc
app_correct(struct db *db, struct pool *pool, const struct user *u,
    const char *app_no, const struct attachment *atts, size_t natts,
    const char **why)
{
	struct stmt		*q;
	struct correction	*corr;
	enum db_rc		 rc;
	json_t			*rec, *jatts, *files;
	int64_t			 sent, withdrawn;
	char			*state, *day, *now;
	size_t			 ncorr, i;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_APP_CORRECT_LOCK);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, u->id);
	if ((rc = stmt_one(q, pool, "sii", &state, &sent, &withdrawn)) !=
	    DB_OK)
		goto fail;
	q = db_stmt(db, SQL_CORR_LIST);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_list(q, pool, correction_row, sizeof(*corr), &corr,
	    &ncorr)) != DB_OK)
		goto fail;
	rc = DB_NONE;
	if (sent) {
		*why = "补正材料只能提交一次，您已经提交过了，请等待审批部门"
		    "受理。";
		goto fail;
	}
	if (withdrawn) {
		*why = "您已申请撤回这项申请，不能再提交补正材料。";
		goto fail;
	}
	if (strcmp(state, "correcting") != 0 || ncorr == 0) {
		*why = "这项申请现在不需要补正材料。";
		goto fail;
	}
	/* Exactly the list, in its order (the caller took one file for
	 * each material listed). */
	for (i = 0; i < natts && natts == ncorr; i++)
		if (atts[i].material_seq != corr[i].material_seq ||
		    atts[i].round != 1)
			break;
	if (natts != ncorr || i < natts) {
		*why = "请按补正材料通知书上所列的每一项上传补正材料。";
		goto fail;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_TODAY), pool, "ss", &day, &now)) !=
	    DB_OK)
		goto fail;
	for (i = 0; i < natts; i++)
		if ((rc = attachment_add(db, app_no, &atts[i])) != DB_OK)
			goto fail;
	q = db_stmt(db, SQL_APP_CORRECTED);
	stmt_bind_text(q, 0, now);
	stmt_bind_text(q, 1, now);
	stmt_bind_text(q, 2, app_no);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_add(db, app_no, 0, now, "网上提交补正材料", u->name,
	    "")) != DB_OK)
		goto fail;
	if (attachment_json(atts, natts, &jatts, &files) == -1) {
		rc = DB_ERR;
		goto fail;
	}
	rec = json_pack("{s:s, s:s, s:s, s:o, s:o}", "type",
	    "application.correct", "app_no", app_no, "at", now,
	    "attachments", jatts, "files", files);
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, u->login,
	    "application.correct", app_no, "")) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
app_withdraw(struct db *db, struct pool *pool, const struct user *u,
    const char *app_no, const char *reason, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	int64_t		 asked, pending;
	char		*state, *day, *now;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_APP_LOCK);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, u->id);
	if ((rc = stmt_one(q, pool, "sii", &state, &asked, &pending)) !=
	    DB_OK)
		goto fail;
	if (pending) {	/* it never crossed (AGT-1) */
		*why = "这份申请还在等待居民短信确认，没有提交到审批部门，"
		    "不需要撤回：居民 3 日内不确认，申请自动作废。";
		rc = DB_NONE;
		goto fail;
	}
	if (asked) {
		*why = "您已经申请撤回这项申请，请等待审批部门办理。";
		rc = DB_NONE;
		goto fail;
	}
	if (!app_open(state)) {
		*why = "这项申请已经办结，不能再撤回。";
		rc = DB_NONE;
		goto fail;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_TODAY), pool, "ss", &day, &now)) !=
	    DB_OK)
		goto fail;
	q = db_stmt(db, SQL_APP_WITHDRAW);
	stmt_bind_text(q, 0, now);
	stmt_bind_text(q, 1, reason);
	stmt_bind_text(q, 2, app_no);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s}", "type",
	    "application.withdraw", "app_no", app_no, "at", now, "reason",
	    reason);
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, u->login,
	    "application.withdraw", app_no, "")) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* A walk-in application of the intranet's window (INT-1): no account
 * made it; found by its number and the ID number's keyed hash. */
static const char SQL_APP_WINDOW[] =
    "INSERT INTO application (app_no, citizen_id, item_id, item_code, "
    "item_version, item_name, applicant_name, id_hash, id_sealed, "
    "mobile_sealed, remark, state, state_label, submitted_at, updated_at, "
    "entity_name, credit_code, source) SELECT ?, NULL, i.id, i.code, "
    "i.version, ?, ?, ?, ?, ?, ?, 'submitted', '窗口已收件，等待受理', ?, "
    "UTC_TIMESTAMP(), ?, ?, 'window' FROM item i WHERE i.code = ? "
    "AND i.version = ?";

enum db_rc
app_import_window(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*ent = json_object_get(rec, "entity");
	const char	*no, *code, *iname, *name, *idno, *mobile, *remark;
	const char	*at;
	char		*sid, *smob, hash[65];
	json_int_t	 version;

	if (json_unpack(rec, "{s:s, s:s, s:I, s:s, s:{s:s, s:s, s:s}, s:s, "
	    "s:s}", "app_no", &no, "item_code", &code, "item_version",
	    &version, "item_name", &iname, "applicant", "name", &name,
	    "id_number", &idno, "mobile", &mobile, "remark", &remark,
	    "submitted_at", &at) != 0) {
		snprintf(err, errlen, "窗口收件记录缺少字段");
		return DB_NONE;
	}
	if ((sid = pii_seal(pool, SEALED_APP_ID, idno)) == NULL ||
	    (smob = pii_seal(pool, SEALED_APP_MOBILE, mobile)) == NULL ||
	    app_id_hash(idno, hash) == -1) {
		snprintf(err, errlen, "无法读取个人信息加密密钥（pii_key），"
		    "申请 %s 没有入库", no);
		return DB_ERR;
	}
	q = db_stmt(db, SQL_APP_WINDOW);
	stmt_bind_text(q, 0, no);
	stmt_bind_text(q, 1, iname);
	stmt_bind_text(q, 2, name);
	stmt_bind_text(q, 3, hash);
	stmt_bind_text(q, 4, sid);
	stmt_bind_text(q, 5, smob);
	stmt_bind_text(q, 6, remark);
	stmt_bind_text(q, 7, at);
	stmt_bind_text(q, 8, ent != NULL ? json_string_value(
	    json_object_get(ent, "name")) : NULL);
	stmt_bind_text(q, 9, ent != NULL ? json_string_value(
	    json_object_get(ent, "credit_code")) : NULL);
	stmt_bind_text(q, 10, code);
	stmt_bind_int(q, 11, version);
	if ((rc = stmt_run(q)) != DB_OK) {
		snprintf(err, errlen, "申请 %s 无法入库%s", no, rc == DB_DUP ?
		    "：已经存在" : "");
		return rc == DB_DUP ? DB_NONE : DB_ERR;
	}
	if (stmt_affected(q) != 1) {
		snprintf(err, errlen, "本站没有申请 %s 的事项 %s 第 %lld 版", no,
		    code, (long long)version);
		return DB_NONE;
	}
	return DB_OK;
}
