/*
 * claim.c: the window's claim page (ACC-1), both ends; see claim.h.
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "claim.h"
#include "enterprise.h"
#include "exchange.h"
#include "ids.h"
#include "pii.h"
#include "text.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
static const char SQL_ADD[] =
    "INSERT INTO hall_claim (kind, id_sealed, mobile_sealed, name, "
    "credit_code, ent_name, address, clerk_id, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_LIST[] =
    "SELECT c.id, c.kind, c.id_sealed, c.mobile_sealed, c.name, "
    "c.credit_code, c.ent_name, c.address, s.name, " LOCAL("c.created_at")
    ", c.state, c.result, " LOCAL("c.result_at") " FROM hall_claim c "
    "JOIN staff s ON s.id = c.clerk_id WHERE s.dept_id = ? "
    "ORDER BY c.id DESC LIMIT 50";	/* CLAIM_LIST_MAX */
static const char SQL_RESULT[] =
    "UPDATE hall_claim SET state = ?, result = ?, "
    "result_at = UTC_TIMESTAMP() WHERE id = ? AND state = 'sent'";

/* What the window typed, as it goes to the extranet and into the row. */
struct typed {
	const char	*kind, *idno, *name, *mobile;
	const char	*code, *ent_name, *address;
};

/* Store claim t by u, queue its record; in one transaction. */
static enum db_rc
claim_store(struct db *db, struct pool *pool, const struct user *u,
    const struct typed *t, int64_t *id)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*sid, *smob = NULL, *now;

	if ((sid = pii_seal(pool, SEALED_CLAIM_ID, t->idno)) == NULL ||
	    (t->mobile != NULL && (smob = pii_seal(pool, SEALED_CLAIM_MOBILE,
	    t->mobile)) == NULL))
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_text(q, 0, t->kind);
	stmt_bind_text(q, 1, sid);
	stmt_bind_text(q, 2, smob);
	stmt_bind_text(q, 3, t->name);
	stmt_bind_text(q, 4, t->code);
	stmt_bind_text(q, 5, t->ent_name);
	stmt_bind_text(q, 6, t->address);
	stmt_bind_int(q, 7, u->id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	*id = stmt_insert_id(q);
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now)) != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "type",
	    "account.claim", "id", (json_int_t)*id, "kind", t->kind,
	    "id_number", t->idno, "clerk", u->login, "clerk_name", u->name,
	    "at", now);
	if (rec != NULL && t->mobile != NULL) {
		json_object_set_new(rec, "name", json_string(t->name));
		json_object_set_new(rec, "mobile", json_string(t->mobile));
	} else if (rec != NULL) {
		json_object_set_new(rec, "credit_code", json_string(t->code));
		json_object_set_new(rec, "ent_name", json_string(t->ent_name));
		json_object_set_new(rec, "address", json_string(t->address));
	}
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK)
		goto fail;
	/* No ID number or mobile in the audit trail: the claim's number. */
	if ((rc = audit_json(db, pool, u->login, "hall.claim",
	    pool_printf(pool, "claim:%lld", (long long)*id), t->code != NULL ?
	    json_pack("{s:s, s:s}", "kind", t->kind, "credit_code", t->code) :
	    json_pack("{s:s}", "kind", t->kind))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

/* The ID number typed, upper-cased, or NULL when it is not one. */
static char *
idno_of(struct pool *pool, const char *typed)
{
	char	*up;

	if (typed == NULL || strlen(typed) != 18)
		return NULL;
	up = pool_strdup(pool, typed);
	id_number_upper(up);
	return id_number_valid(up) ? up : NULL;
}

enum db_rc
claim_person(struct db *db, struct pool *pool, const struct user *u,
    const char *idno, const char *name, const char *mobile, int64_t *id,
    const char **why)
{
	struct typed	 t;

	memset(&t, 0, sizeof(t));
	t.kind = "person";
	*why = NULL;
	if ((t.idno = idno_of(pool, idno)) == NULL)
		*why = "身份证号码不正确：请按身份证核对 18 位号码（最后一位"
		    "可能是 X）。";
	else if (name == NULL || text_check(name, strlen(name), 1,
	    CLAIM_NAME_MAX, 0, TEXT_LINE) != TEXT_OK)
		*why = "姓名应为身份证上的姓名，50 个字以内。";
	else if (mobile == NULL || !mobile_valid(mobile))
		*why = "新手机号码应为 11 位数字，以 13 到 19 开头。";
	if (*why != NULL)
		return DB_NONE;
	t.name = name;
	t.mobile = mobile;
	return claim_store(db, pool, u, &t, id);
}

enum db_rc
claim_enterprise(struct db *db, struct pool *pool, const struct user *u,
    const char *code, const char *ent_name, const char *address,
    const char *idno, int64_t *id, const char **why)
{
	struct typed	 t;
	char		*up;

	memset(&t, 0, sizeof(t));
	t.kind = "enterprise";
	up = pool_strdup(pool, code != NULL ? code : "");
	credit_code_upper(up);
	if ((*why = enterprise_licence_problem(pool, up, ent_name != NULL ?
	    ent_name : "", address != NULL ? address : "")) != NULL)
		return DB_NONE;
	if ((t.idno = idno_of(pool, idno)) == NULL) {
		*why = "法定代表人的身份证号码不正确：请按身份证核对 18 位号码"
		    "（最后一位可能是 X）。";
		return DB_NONE;
	}
	t.code = up;
	t.ent_name = ent_name;
	t.address = address;
	return claim_store(db, pool, u, &t, id);
}

static enum db_rc
claim_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct hall_claim *c = arg;
	enum db_rc	 rc;
	char		*sid, *smob;

	if ((rc = stmt_row(q, pool, "issssssssssss", &c->id, &c->kind, &sid,
	    &smob, &c->name, &c->credit_code, &c->ent_name, &c->address,
	    &c->clerk, &c->created_at, &c->state, &c->result,
	    &c->result_at)) != DB_OK)
		return rc;
	if ((c->id_number = pii_open(pool, SEALED_CLAIM_ID, sid)) == NULL ||
	    (smob != NULL && (c->mobile = pii_open(pool, SEALED_CLAIM_MOBILE,
	    smob)) == NULL))
		return DB_ERR;
	return DB_OK;
}

enum db_rc
claim_list(struct db *db, struct pool *pool, int64_t dept,
    struct hall_claim **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_LIST);
	stmt_bind_int(q, 0, dept);
	return stmt_list(q, pool, claim_row, sizeof(**v), v, n);
}

/* ---- the extranet --------------------------------------------------- */

static const char *
field(json_t *rec, const char *k)
{
	return json_string_value(json_object_get(rec, k));
}

enum db_rc
claim_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	const char	*why = NULL, *actor, *kind = field(rec, "kind");
	json_t		*res;
	enum db_rc	 rc;
	int64_t		 citizen;
	char		*now;

	(void)err;
	(void)errlen;
	/* The hall's act, by the clerk the intranet names (validated). */
	actor = pool_printf(pool, "hall:%s", field(rec, "clerk"));
	if (strcmp(kind, "person") == 0) {
		rc = account_citizen_claim(db, pool, field(rec, "id_number"),
		    field(rec, "name"), field(rec, "mobile"), actor, &citizen);
		if (rc == DB_NONE)
			why = "这个身份证号码在网上没有注册过，无需窗口核验："
			    "请本人在网上注册。";
		else if (rc != DB_OK)
			return DB_ERR;
	} else {
		switch (enterprise_claim_in(db, pool, field(rec,
		    "credit_code"), field(rec, "ent_name"), field(rec,
		    "address"), field(rec, "id_number"), actor, &why)) {
		case ENT_DONE:
		case ENT_INVALID:
			break;
		default:
			return DB_ERR;
		}
	}
	if (stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now) != DB_OK)
		return DB_ERR;
	res = json_pack("{s:s, s:I, s:s, s:s}", "type", "account.claim.result",
	    "id", json_integer_value(json_object_get(rec, "id")), "state",
	    why == NULL ? "applied" : "refused", "at", now);
	if (res != NULL && why != NULL)
		json_object_set_new(res, "reason", json_string(why));
	rc = outbox_add(db, pool, res);
	json_decref(res);
	return rc;
}

/* ---- the answer, on the intranet --------------------------------------- */

enum db_rc
claim_import_result(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*state = field(rec, "state"), *reason;
	json_int_t	 id = json_integer_value(json_object_get(rec, "id"));

	reason = field(rec, "reason");
	q = db_stmt(db, SQL_RESULT);
	stmt_bind_text(q, 0, state);
	stmt_bind_text(q, 1, reason);
	stmt_bind_int(q, 2, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if (stmt_affected(q) != 1) {
		snprintf(err, errlen, "没有等待结果的窗口核验记录 %lld",
		    (long long)id);
		return DB_NONE;
	}
	return audit_json(db, pool, "extranet", "hall.claim.result",
	    pool_printf(pool, "claim:%lld", (long long)id), json_pack(
	    "{s:s, s:s}", "state", state, "reason", reason ? reason : ""));
}
