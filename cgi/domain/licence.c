/*
 * licence.c: owns licence_tpl and licence but their seal_* (licence.h).
 */
#include <stdio.h>
#include <string.h>

#include "docseal.h"
#include "docsig.h"
#include "exchange.h"
#include "licence.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"
#include "sms.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"
#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"
#define TODAY "DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)"
#define LIC_COLS "l.id, l.licence_no, l.name, l.app_no, l.item_code, " \
	"l.item_name, l.holder, l.credit_code, l.dept_code, l.issued_by, " \
	LOCAL("l.issued_at") ", " DAY("l.valid_from") ", " DAY("l.valid_to") \
	", l.state, " LOCAL("l.ended_at") ", l.end_why, l.ended_by, " \
	"l.seal_code, l.valid_to IS NOT NULL AND l.valid_to < " TODAY

static const char SQL_TPL_PUT[] =
    "INSERT INTO licence_tpl (item_code, name, word, years) "
    "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), "
    "word = VALUES(word), years = VALUES(years)";
/* The template, the department's abbreviation and name, now (UTC), the
 * day (Beijing) and the last day a term of years gives. */
static const char SQL_TPL[] =
    "SELECT t.id, t.name, t.word, t.years, d.abbr, d.name, "
    UTC("UTC_TIMESTAMP()") ", " DAY(TODAY) ", "
    "IF(t.years > 0, " DAY(TODAY " + INTERVAL t.years YEAR - INTERVAL 1 DAY")
    ", '') FROM licence_tpl t JOIN department d ON d.code = ? "
    "WHERE t.item_code = ?";
static const char SQL_NUMBER[] =
    "INSERT INTO doc_counter (abbr, kind, year, next) VALUES (?, ?, ?, "
    "LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE "
    "next = LAST_INSERT_ID(next + 1)";
static const char SQL_ADD[] =
    "INSERT INTO licence (licence_no, name, app_no, item_code, item_name, "
    "holder, credit_code, holder_hash, dept_code, issued_by, issued_at, "
    "valid_from, valid_to, body, seal_dept, seal_kid, seal_sig, seal_code) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_GET[] =
    "SELECT " LIC_COLS " FROM licence l WHERE l.licence_no = ?";
/* The library: every criterion bound or NULL; along the key. */
static const char SQL_SEARCH[] =
    "SELECT " LIC_COLS " FROM licence l WHERE "
    "(? IS NULL OR l.licence_no = ?) AND "
    "(? IS NULL OR l.holder LIKE CONCAT(?, '%')) AND "
    "(? IS NULL OR l.item_code = ?) AND "
    "(? IS NULL OR (? = 'expired' AND l.state = 'valid' AND "
    "l.valid_to < " TODAY ") OR (? = 'valid' AND l.state = 'valid' AND "
    "(l.valid_to IS NULL OR l.valid_to >= " TODAY ")) OR "
    "(? IN ('revoked', 'cancelled') AND l.state = ?)) AND "
    "(? = 0 OR l.id < ?) ORDER BY l.id DESC LIMIT ?";
static const char SQL_END[] =
    "UPDATE licence SET state = ?, ended_at = UTC_TIMESTAMP(), "
    "end_why = ?, ended_by = ? WHERE licence_no = ? AND state = 'valid'";
static const char SQL_END_RECORD[] =
    "SELECT licence_no, state, " UTC("ended_at") ", end_why "
    "FROM licence WHERE licence_no = ?";
/* A person's own, and those of the cases agents made for them (AGT-1:
 * the resident is found by the ID number's keyed hash, as app_list_with()
 * finds the cases). */
static const char SQL_OF_CITIZEN[] =
    "SELECT " LIC_COLS " FROM application a JOIN licence l ON "
    "l.app_no = a.app_no WHERE a.citizen_id = ? AND a.enterprise_id IS "
    "NULL UNION SELECT " LIC_COLS " FROM application a JOIN licence l ON "
    "l.app_no = a.app_no WHERE a.id_hash = ? AND a.agent_id IS NOT NULL "
    "AND a.enterprise_id IS NULL ORDER BY id DESC LIMIT 200";
static const char SQL_OF_ENTERPRISE[] =
    "SELECT " LIC_COLS " FROM application a JOIN licence l ON "
    "l.app_no = a.app_no WHERE a.enterprise_id = ? "
    "ORDER BY l.id DESC LIMIT 200";
/* The extranet keeps what crossed; a licence never comes twice. */
static const char SQL_PUT[] =
    "INSERT IGNORE INTO licence (licence_no, name, app_no, item_code, "
    "item_name, holder, credit_code, dept_code, issued_by, issued_at, "
    "valid_from, valid_to, body, seal_dept, seal_kid, seal_sig, seal_code) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_PUT_END[] =
    "UPDATE licence SET state = ?, ended_at = ?, end_why = ? "
    "WHERE licence_no = ? AND state = 'valid'";
/* 免证办: the kind is the item, or the main item of the one that issued
 * it (a licence of 食品经营许可证核发（变更） is a 食品经营许可证). */
#define OF_KIND "(l.item_code = ? OR EXISTS (SELECT 1 FROM item i WHERE " \
	"i.code = l.item_code AND i.parent_code = ?))"
static const char SQL_OFFERS[] =
    "SELECT " LIC_COLS " FROM application a JOIN licence l ON "
    "l.app_no = a.app_no WHERE " OF_KIND " AND l.state = 'valid' AND "
    "(l.valid_to IS NULL OR l.valid_to >= " TODAY ") AND ((? > 0 AND "
    "a.enterprise_id = ?) OR (? = 0 AND a.enterprise_id IS NULL AND "
    "(a.citizen_id = ? OR (a.agent_id IS NOT NULL AND a.id_hash = ?)))) "
    "ORDER BY l.id DESC LIMIT 20";
static const char SQL_CHECK[] =
    "SELECT " OF_KIND ", l.credit_code, l.holder_hash, "
    "DATE(? + INTERVAL 8 HOUR) < l.valid_from, l.valid_to IS NOT NULL AND "
    "DATE(? + INTERVAL 8 HOUR) > l.valid_to FROM licence l "
    "WHERE l.licence_no = ?";
/* ended_before: revoked or cancelled before the case's submission (in the
 * same second counts as after it, the applicant's benefit; the
 * intranet's kase; on the extranet never). */
static const char SQL_OF_APP[] =
    "SELECT a.material_seq, a.material_name, a.licence_no, l.name, "
    "l.state, " DAY("l.valid_to") ", l.valid_to IS NOT NULL AND "
    "l.valid_to < " TODAY ", COALESCE(l.ended_at < k.submitted_at, 0) "
    "FROM app_licence a LEFT JOIN licence l ON l.licence_no = a.licence_no "
    "LEFT JOIN kase k ON k.app_no = a.app_no WHERE a.app_no = ? "
    "ORDER BY a.material_seq";
static const char SQL_HAS[] =
    "SELECT state FROM licence WHERE licence_no = ?";

const char *
licence_state_label(const char *state, int expired)
{
	if (state == NULL)
		return "";
	if (strcmp(state, "revoked") == 0)
		return "已吊销";
	if (strcmp(state, "cancelled") == 0)
		return "已注销";
	return expired ? "已过期" : "有效";
}

enum db_rc
licence_tpl_put(struct db *db, const char *item_code, const char *name,
    const char *word, int years)
{
	struct stmt	*q;

	if (item_code == NULL || name == NULL || word == NULL || years < 0)
		return DB_ERR;
	q = db_stmt(db, SQL_TPL_PUT);
	stmt_bind_text(q, 0, item_code);
	stmt_bind_text(q, 1, name);
	stmt_bind_text(q, 2, word);
	stmt_bind_int(q, 3, years);
	return stmt_run(q);
}

static void
bind_opt(struct stmt *q, unsigned i, const char *v)
{
	if (v == NULL || *v == '\0')
		stmt_bind_null(q, i);
	else
		stmt_bind_text(q, i, v);
}

/* The body a licence shows (and its seal covers): compact, keys sorted. */
static char *
body_text(struct pool *pool, const char *name, const char *item_name,
    const char *holder, const char *credit_code, const char *scope,
    const char *dept_name, const char *from, const char *to)
{
	json_t	*o;
	char	*s, *out = NULL;

	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "licence_name", name, "item_name", item_name, "holder", holder,
	    "credit_code", credit_code ? credit_code : "", "scope",
	    scope ? scope : "", "dept_name", dept_name, "valid_from", from,
	    "valid_to", to);
	if (o == NULL)
		return NULL;
	if ((s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS)) != NULL) {
		out = pool_strdup(pool, s);
		free(s);
	}
	json_decref(o);
	return out;
}

enum db_rc
licence_issue(struct db *db, struct pool *pool, const char *app_no,
    const char *item_code, const char *item_name, const char *dept,
    const char *holder, const char *credit_code, const char *id_number,
    const char *scope, const char *valid_until, char **no)
{
	struct docsig	 s;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*name, *word, *abbr, *dname, *now, *today, *until;
	char		*body, *sig, code[DOCSIG_CODE_LEN + 1];
	char		 hash[PII_HASH_HEX];
	const char	*to;
	int64_t		 tid, years;
	int		 year = 0;

	*no = NULL;
	q = db_stmt(db, SQL_TPL);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, item_code);
	if ((rc = stmt_one(q, pool, "ississsss", &tid, &name, &word, &years,
	    &abbr, &dname, &now, &today, &until)) == DB_NONE)
		return DB_OK;		/* the item issues no licence */
	if (rc != DB_OK)
		return rc;
	/* The decision's last day, else the template's term. */
	to = valid_until != NULL && *valid_until != '\0' ? valid_until :
	    years > 0 ? until : "长期";
	sscanf(today, "%d", &year);
	q = db_stmt(db, SQL_NUMBER);
	stmt_bind_text(q, 0, abbr);
	stmt_bind_text(q, 1, pool_printf(pool, "lic%lld", (long long)tid));
	stmt_bind_int(q, 2, year);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	*no = pool_printf(pool, "%s%s〔%d〕%04lld号", abbr, word, year,
	    (long long)stmt_insert_id(q));
	if ((body = body_text(pool, name, item_name, holder, credit_code,
	    scope, dname, today, to)) == NULL) {
		log_err("%s: the licence's text is not JSON text", app_no);
		return DB_ERR;
	}
	memset(&s, 0, sizeof(s));
	s.doc_no = *no;
	s.kind = "licence";
	s.title = name;
	s.app_no = app_no;
	s.issued_at = now;
	s.issued_by = dname;
	s.body = body;
	if ((rc = docseal_sign_form(db, pool, dept, &s, &sig, code)) != DB_OK)
		return rc;
	if (credit_code == NULL && id_number != NULL &&
	    pii_hash(SEALED_CITIZEN_ID, id_number, hash) == -1)
		return DB_ERR;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_text(q, 0, *no);
	stmt_bind_text(q, 1, name);
	stmt_bind_text(q, 2, app_no);
	stmt_bind_text(q, 3, item_code);
	stmt_bind_text(q, 4, item_name);
	stmt_bind_text(q, 5, holder);
	bind_opt(q, 6, credit_code);
	bind_opt(q, 7, credit_code == NULL && id_number != NULL ? hash : NULL);
	stmt_bind_text(q, 8, dept);
	stmt_bind_text(q, 9, dname);
	stmt_bind_text(q, 10, now);
	stmt_bind_text(q, 11, today);
	bind_opt(q, 12, strcmp(to, "长期") == 0 ? NULL : to);
	stmt_bind_text(q, 13, body);
	bind_opt(q, 14, sig != NULL ? dept : NULL);
	bind_opt(q, 15, sig != NULL ? s.kid : NULL);
	bind_opt(q, 16, sig);
	bind_opt(q, 17, sig != NULL ? code : NULL);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	/* Its public data and seal cross; the holder is told (NTF-1). */
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s}", "type", "licence.issue", "licence_no", *no,
	    "name", name, "app_no", app_no, "item_code", item_code,
	    "item_name", item_name, "holder", holder, "credit_code",
	    credit_code ? credit_code : "", "dept_code", dept, "issued_by",
	    dname, "issued_at", now, "valid_from", today, "valid_to",
	    strcmp(to, "长期") == 0 ? "" : to, "body", body);
	if (rec != NULL && sig != NULL && json_object_set_new(rec, "seal",
	    json_pack("{s:s, s:s, s:s, s:s}", "dept", dept, "kid", s.kid,
	    "sig", sig, "code", code)) != 0) {
		json_decref(rec);
		rec = NULL;
	}
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK)
		return rc;
	if ((rc = sms_out(db, pool, app_no, "licence", dname, 0, NULL)) !=
	    DB_OK)
		return rc;
	return audit_json(db, pool, "system", "licence.issue", *no,
	    json_pack("{s:s, s:s}", "app_no", app_no, "holder", holder));
}

static enum db_rc
lic_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct licence	*l = arg;
	int64_t		 expired = 0;
	enum db_rc	 rc;

	rc = stmt_row(q, pool, "isssssssssssssssssi", &l->id, &l->licence_no,
	    &l->name, &l->app_no, &l->item_code, &l->item_name, &l->holder,
	    &l->credit_code, &l->dept_code, &l->issued_by, &l->issued_at,
	    &l->valid_from, &l->valid_to, &l->state, &l->ended_at,
	    &l->end_why, &l->ended_by, &l->seal_code, &expired);
	l->expired = expired != 0;
	return rc;
}

enum db_rc
licence_get(struct db *db, struct pool *pool, const char *no,
    struct licence *l)
{
	struct stmt	*q;

	memset(l, 0, sizeof(*l));
	q = db_stmt(db, SQL_GET);
	stmt_bind_text(q, 0, no);
	return stmt_first(q, pool, lic_row, l);
}

enum db_rc
licence_search(struct db *db, struct pool *pool,
    const struct licence_filter *f, struct licence **v, size_t *n,
    int *more)
{
	struct stmt	*q;
	enum db_rc	 rc;
	unsigned	 i;

	*more = 0;
	q = db_stmt(db, SQL_SEARCH);
	for (i = 0; i < 2; i++) {
		bind_opt(q, i, f->no);
		bind_opt(q, 2 + i, f->holder);
		bind_opt(q, 4 + i, f->item);
	}
	for (i = 6; i < 11; i++)
		bind_opt(q, i, f->state);
	stmt_bind_int(q, 11, f->before);
	stmt_bind_int(q, 12, f->before);
	stmt_bind_int(q, 13, LICENCE_PAGE + 1);
	if ((rc = stmt_list(q, pool, lic_row, sizeof(**v), v, n)) != DB_OK)
		return rc;
	if (*n > LICENCE_PAGE) {
		*n = LICENCE_PAGE;
		*more = 1;
	}
	return DB_OK;
}

enum db_rc
licence_end(struct db *db, struct pool *pool, const char *no,
    const char *state, const char *why, const char *who,
    const char *who_name, const char *dept, const char **msg)
{
	struct licence	 l;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*v[4];
	json_t		*rec;

	*msg = NULL;
	if (state == NULL || (strcmp(state, "revoked") != 0 &&
	    strcmp(state, "cancelled") != 0)) {
		*msg = "请选择吊销或注销。";
		return DB_NONE;
	}
	if (why == NULL || *why == '\0') {
		*msg = "请写明吊销或注销的理由和依据，它会显示在核验页面上。";
		return DB_NONE;
	}
	if ((rc = licence_get(db, pool, no, &l)) != DB_OK) {
		*msg = "没有这个证照编号。";
		return rc;
	}
	if (strcmp(l.dept_code, dept) != 0) {
		*msg = pool_printf(pool, "这份证照由%s核发，只能由该部门的负责人"
		    "或审批领导吊销或注销。", l.issued_by);
		return DB_NONE;
	}
	if (strcmp(l.state, "valid") != 0) {
		*msg = pool_printf(pool, "这份证照已于 %s %s，没有改动。",
		    l.ended_at, licence_state_label(l.state, 0));
		return DB_NONE;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_END);
	stmt_bind_text(q, 0, state);
	stmt_bind_text(q, 1, why);
	stmt_bind_text(q, 2, who_name);
	stmt_bind_text(q, 3, no);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_END_RECORD);
	stmt_bind_text(q, 0, no);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	rc = stmt_row_text(q, pool, v, 4);
	stmt_done(q);
	if (rc != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "licence.revoke",
	    "licence_no", v[0], "state", v[1], "ended_at", v[2], "why", v[3]);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_json(db, pool, who, strcmp(state,
	    "revoked") == 0 ? "licence.revoke" : "licence.cancel", no,
	    json_pack("{s:s}", "why", why))) != DB_OK ||
	    (rc = db_commit(db)) != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback(db);
	return DB_ERR;
}

static enum db_rc
of_whom(struct db *db, struct pool *pool, const char *sql, int64_t id,
    struct licence **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, lic_row, sizeof(**v), v, n);
}

enum db_rc
licence_of_citizen(struct db *db, struct pool *pool, int64_t id,
    const char *idhash, struct licence **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OF_CITIZEN);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, idhash);
	return stmt_list(q, pool, lic_row, sizeof(**v), v, n);
}

enum db_rc
licence_of_enterprise(struct db *db, struct pool *pool, int64_t id,
    struct licence **v, size_t *n)
{
	return of_whom(db, pool, SQL_OF_ENTERPRISE, id, v, n);
}

enum db_rc
licence_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	json_t		*seal;
	const char	*f[13], *sd = NULL, *sk = NULL, *sg = NULL, *sc = NULL;
	size_t		 i;

	(void)pool;
	if (json_unpack(rec, "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s}", "licence_no", &f[0], "name", &f[1],
	    "app_no", &f[2], "item_code", &f[3], "item_name", &f[4],
	    "holder", &f[5], "credit_code", &f[6], "dept_code", &f[7],
	    "issued_by", &f[8], "issued_at", &f[9], "valid_from", &f[10],
	    "valid_to", &f[11], "body", &f[12]) != 0 ||
	    ((seal = json_object_get(rec, "seal")) != NULL &&
	    json_unpack(seal, "{s:s, s:s, s:s, s:s}", "dept", &sd, "kid", &sk,
	    "sig", &sg, "code", &sc) != 0)) {
		snprintf(err, errlen, "证照记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_PUT);
	for (i = 0; i < 13; i++)
		bind_opt(q, (unsigned)i, f[i]);
	stmt_bind_text(q, 12, f[12]);
	bind_opt(q, 13, sd);
	bind_opt(q, 14, sk);
	bind_opt(q, 15, sg);
	bind_opt(q, 16, sc);
	return stmt_run(q);
}

enum db_rc
licence_import_end(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*no, *state, *at, *why;
	char		*have;

	if (json_unpack(rec, "{s:s, s:s, s:s, s:s}", "licence_no", &no,
	    "state", &state, "ended_at", &at, "why", &why) != 0) {
		snprintf(err, errlen, "证照吊销记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_HAS);
	stmt_bind_text(q, 0, no);
	if ((rc = stmt_one(q, pool, "s", &have)) == DB_NONE)
		snprintf(err, errlen, "本站没有证照 %s", no);
	if (rc != DB_OK)
		return rc;
	q = db_stmt(db, SQL_PUT_END);
	stmt_bind_text(q, 0, state);
	stmt_bind_text(q, 1, at);
	stmt_bind_text(q, 2, why);
	stmt_bind_text(q, 3, no);
	return stmt_run(q);
}

enum db_rc
licence_offers(struct db *db, struct pool *pool, int64_t citizen,
    const char *idhash, int64_t ent, const char *kind, struct licence **v,
    size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OFFERS);
	stmt_bind_text(q, 0, kind);
	stmt_bind_text(q, 1, kind);
	stmt_bind_int(q, 2, ent);
	stmt_bind_int(q, 3, ent);
	stmt_bind_int(q, 4, ent);
	stmt_bind_int(q, 5, citizen);
	bind_opt(q, 6, idhash);
	return stmt_list(q, pool, lic_row, sizeof(**v), v, n);
}

enum db_rc
licence_check(struct db *db, struct pool *pool, const char *no,
    const char *kind, const char *credit_code, const char *id_number,
    const char *submitted, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*credit, *hash, mine[PII_HASH_HEX];
	int64_t		 of_kind, early, late;

	*why = NULL;
	q = db_stmt(db, SQL_CHECK);
	stmt_bind_text(q, 0, kind);
	stmt_bind_text(q, 1, kind);
	stmt_bind_text(q, 2, submitted);
	stmt_bind_text(q, 3, submitted);
	stmt_bind_text(q, 4, no);
	rc = stmt_one(q, pool, "issii", &of_kind, &credit, &hash, &early,
	    &late);
	if (rc == DB_NONE)
		*why = "证照库中没有这个编号的证照";
	if (rc != DB_OK)
		return rc;
	if (!of_kind) {
		*why = "不是这项材料所要求的证照";
		return DB_NONE;
	}
	if (credit_code != NULL && *credit_code != '\0') {
		if (credit == NULL || strcmp(credit, credit_code) != 0)
			*why = "证照的持有人不是申请企业";
	} else if (credit != NULL || hash == NULL || id_number == NULL ||
	    pii_hash(SEALED_CITIZEN_ID, id_number, mine) == -1 ||
	    strcmp(hash, mine) != 0)
		*why = "证照的持有人不是申请人本人";
	else if (early || late)
		*why = "提交申请时证照不在有效期内";
	return *why == NULL ? DB_OK : DB_NONE;
}

static enum db_rc
app_lic_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct app_lic	*l = arg;
	int64_t		 expired = 0, before = 0;
	enum db_rc	 rc;

	rc = stmt_row(q, pool, "dsssssii", &l->seq, &l->material_name,
	    &l->licence_no, &l->name, &l->state, &l->valid_to, &expired,
	    &before);
	l->expired = expired != 0;
	l->ended_before = before != 0;
	return rc;
}

enum db_rc
licence_of_app(struct db *db, struct pool *pool, const char *app_no,
    struct app_lic **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OF_APP);
	stmt_bind_text(q, 0, app_no);
	return stmt_list(q, pool, app_lic_row, sizeof(**v), v, n);
}
