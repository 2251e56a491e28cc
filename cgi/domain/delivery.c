/*
 * delivery.c: how the applicant receives the result (EXT-10), both
 * sites; see delivery.h.
 */
#include <stdio.h>
#include <string.h>

#include "application.h"
#include "delivery.h"
#include "exchange.h"
#include "ids.h"
#include "pii.h"
#include "sealed.h"
#include "sms.h"
#include "text.h"
#include "waybill.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
static const char SQL_GET[] =
    "SELECT app_no, method, recipient, phone_sealed, address_sealed, "
    LOCAL("chosen_at") ", handed, picked_by, courier, waybill, "
    LOCAL("handed_at") ", clerk FROM app_delivery WHERE app_no = ?";
static const char SQL_PUT[] =
    "INSERT INTO app_delivery (app_no, method, recipient, phone_sealed, "
    "address_sealed, chosen_at) VALUES (?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE method = VALUES(method), "
    "recipient = VALUES(recipient), phone_sealed = VALUES(phone_sealed), "
    "address_sealed = VALUES(address_sealed), "
    "chosen_at = VALUES(chosen_at)";
static const char SQL_HANDED_Q[] =
    "SELECT handed IS NOT NULL FROM app_delivery WHERE app_no = ? "
    "FOR UPDATE";
static const char SQL_HAND[] =
    "INSERT INTO app_delivery (app_no, method, chosen_at, handed, "
    "picked_by, courier, waybill, handed_at, clerk) "
    "VALUES (?, 'window', ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
    "handed = VALUES(handed), picked_by = VALUES(picked_by), "
    "courier = VALUES(courier), waybill = VALUES(waybill), "
    "handed_at = VALUES(handed_at), clerk = VALUES(clerk)";
static const char SQL_EXT_APP[] =
    "SELECT state, item_name FROM application WHERE app_no = ? AND "
    "citizen_id = ? FOR UPDATE";
static const char SQL_EXT_SMS[] =
    "SELECT mobile_sealed, item_name FROM application WHERE app_no = ?";
static const char SQL_INT_CASE[] =
    "SELECT state FROM kase WHERE app_no = ? FOR UPDATE";

static enum db_rc
delivery_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct delivery	*d = arg;
	enum db_rc	 rc;
	char		*sp, *sa;

	if ((rc = stmt_row(q, pool, "ssssssssssss", &d->app_no, &d->method,
	    &d->recipient, &sp, &sa, &d->chosen_at, &d->handed,
	    &d->picked_by, &d->courier, &d->waybill, &d->handed_at,
	    &d->clerk)) != DB_OK)
		return rc;
	if ((sp != NULL && (d->phone = pii_open(pool, SEALED_DELIVERY_PHONE,
	    sp)) == NULL) || (sa != NULL && (d->address = pii_open(pool,
	    SEALED_DELIVERY_ADDRESS, sa)) == NULL))
		return DB_ERR;
	return DB_OK;
}

enum db_rc
delivery_get(struct db *db, struct pool *pool, const char *app_no,
    struct delivery *d)
{
	struct stmt	*q;

	memset(d, 0, sizeof(*d));
	q = db_stmt(db, SQL_GET);
	stmt_bind_text(q, 0, app_no);
	return stmt_first(q, pool, delivery_row, d);
}

/* Store a choice (phone, address NULL for the window), at (UTC). */
static enum db_rc
store(struct db *db, struct pool *pool, const char *app_no,
    const char *method, const char *recipient, const char *phone,
    const char *address, const char *at)
{
	struct stmt	*q;
	char		*sp = NULL, *sa = NULL;

	if ((phone != NULL && (sp = pii_seal(pool, SEALED_DELIVERY_PHONE,
	    phone)) == NULL) || (address != NULL && (sa = pii_seal(pool,
	    SEALED_DELIVERY_ADDRESS, address)) == NULL))
		return DB_ERR;
	q = db_stmt(db, SQL_PUT);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, method);
	stmt_bind_text(q, 2, recipient);
	stmt_bind_text(q, 3, sp);
	stmt_bind_text(q, 4, sa);
	stmt_bind_text(q, 5, at);
	return stmt_run(q);
}

/* Whether app_no was handed over already (its row locked): 1, 0, -1. */
static int
handed(struct db *db, struct pool *pool, const char *app_no)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 h;

	q = db_stmt(db, SQL_HANDED_Q);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "i", &h)) == DB_NONE)
		return 0;
	return rc == DB_OK ? (int)h : -1;
}

/* ---- the extranet ---------------------------------------------------- */

const char *
delivery_problem(const char *method, const char *recipient,
    const char *phone, const char *address)
{
	if (method == NULL || (strcmp(method, "window") != 0 &&
	    strcmp(method, "post") != 0))
		return "请选择窗口领取或邮寄。";
	if (strcmp(method, "window") == 0)
		return NULL;
	if (recipient == NULL || text_check(recipient, strlen(recipient), 1,
	    DELIVERY_NAME_MAX, 0, TEXT_LINE) != TEXT_OK)
		return "请填写收件人姓名（50 个字以内）。";
	if (phone == NULL || !mobile_valid(phone))
		return "收件人手机号码应为 11 位数字，以 13 到 19 开头。";
	if (address == NULL || text_check(address, strlen(address),
	    DELIVERY_ADDRESS_MIN, DELIVERY_ADDRESS_MAX, 0, TEXT_LINE) !=
	    TEXT_OK)
		return "请填写邮寄地址：省、市、旗县、街道门牌或嘎查，5 到 100 "
		    "个字，写在一行。";
	return NULL;
}

enum db_rc
delivery_choose(struct db *db, struct pool *pool, const struct user *u,
    const char *app_no, const char *method, const char *recipient,
    const char *phone, const char *address, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*state, *item, *now;
	int		 post, h;

	if ((*why = delivery_problem(method, recipient, phone, address)) !=
	    NULL)
		return DB_NONE;
	post = strcmp(method, "post") == 0;
	if (!post)
		recipient = phone = address = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_EXT_APP);
	stmt_bind_text(q, 0, app_no != NULL ? app_no : "");
	stmt_bind_int(q, 1, u->id);
	if ((rc = stmt_one(q, pool, "ss", &state, &item)) == DB_NONE)
		*why = "没有找到您的这份申请。";
	else if (rc != DB_OK)
		goto fail;
	else if (!app_open(state))
		*why = "这份申请已经办结，不能再改领取方式；请联系办理窗口。";
	else if ((h = handed(db, pool, app_no)) == -1) {
		rc = DB_ERR;
		goto fail;
	} else if (h)
		*why = "办理结果已经交付，不能再改领取方式。";
	if (*why != NULL) {
		db_rollback(db);
		return DB_NONE;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now)) != DB_OK ||
	    (rc = store(db, pool, app_no, method, recipient, phone, address,
	    now)) != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s}", "type", "application.delivery",
	    "app_no", app_no, "method", method, "at", now);
	if (rec != NULL && post) {
		json_object_set_new(rec, "recipient", json_string(recipient));
		json_object_set_new(rec, "phone", json_string(phone));
		json_object_set_new(rec, "address", json_string(address));
	}
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	/* No address or mobile in the audit trail. */
	if (rc != DB_OK || (rc = audit_json(db, pool, u->login,
	    "delivery.choose", pool_printf(pool, "app:%s", app_no),
	    json_pack("{s:s}", "method", method))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_NONE ? DB_ERR : rc;
}

/* The stored handing over of rec. */
static enum db_rc
hand_store(struct db *db, json_t *rec, const char *clerk)
{
	struct stmt	*q;
	const char	*how = json_string_value(json_object_get(rec, "handed"));
	const char	*at = json_string_value(json_object_get(rec, "at"));
	int		 post = strcmp(how, "posted") == 0;

	q = db_stmt(db, SQL_HAND);
	stmt_bind_text(q, 0, json_string_value(json_object_get(rec,
	    "app_no")));
	stmt_bind_text(q, 1, at);
	stmt_bind_text(q, 2, how);
	stmt_bind_text(q, 3, post ? NULL : json_string_value(
	    json_object_get(rec, "picked_by")));
	stmt_bind_text(q, 4, post ? json_string_value(json_object_get(rec,
	    "courier")) : NULL);
	stmt_bind_text(q, 5, post ? json_string_value(json_object_get(rec,
	    "waybill")) : NULL);
	stmt_bind_text(q, 6, at);
	stmt_bind_text(q, 7, clerk);
	return stmt_run(q);
}

enum db_rc
delivery_import_handed(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*app_no = json_string_value(json_object_get(rec,
	    "app_no"));
	const char	*courier;
	char		*sealed, *item, *mobile;

	q = db_stmt(db, SQL_EXT_SMS);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "ss", &sealed, &item)) == DB_NONE) {
		snprintf(err, errlen, "本站没有申请 %s", app_no);
		return DB_NONE;
	}
	if (rc != DB_OK || (rc = hand_store(db, rec, json_string_value(
	    json_object_get(rec, "clerk_name")))) != DB_OK)
		return rc;
	if (strcmp(json_string_value(json_object_get(rec, "handed")),
	    "posted") != 0)
		return DB_OK;
	courier = json_string_value(json_object_get(rec, "courier"));
	if ((mobile = pii_open(pool, SEALED_APP_MOBILE, sealed)) == NULL)
		return DB_ERR;
	return sms_queue(NULL, db, pool, mobile, pool_printf(pool, "您申请的"
	    "“%s”（申请编号 %s）办理结果已由%s寄出，运单号 %s，请注意查收。",
	    item, app_no, delivery_courier_name(courier),
	    json_string_value(json_object_get(rec, "waybill"))), NULL,
	    "delivery", app_no, NULL);
}

/* ---- the intranet ---------------------------------------------------- */

enum db_rc
delivery_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*app_no = json_string_value(json_object_get(rec,
	    "app_no"));
	char		*state;
	int		 h;

	q = db_stmt(db, SQL_INT_CASE);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "s", &state)) == DB_NONE) {
		snprintf(err, errlen, "本站没有办件 %s", app_no);
		return DB_NONE;
	}
	if (rc != DB_OK || (h = handed(db, pool, app_no)) == -1)
		return DB_ERR;
	if (h) {
		snprintf(err, errlen, "办件 %s 的办理结果已经交付", app_no);
		return DB_NONE;
	}
	return store(db, pool, app_no, json_string_value(json_object_get(rec,
	    "method")), json_string_value(json_object_get(rec, "recipient")),
	    json_string_value(json_object_get(rec, "phone")),
	    json_string_value(json_object_get(rec, "address")),
	    json_string_value(json_object_get(rec, "at")));
}

enum db_rc
delivery_hand(struct db *db, struct pool *pool, const struct user *u,
    const char *app_no, const char *how, const char *picked_by,
    const char *courier, const char *waybill, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*state, *now;
	int		 post = 0, h;

	*why = NULL;
	if (how == NULL || (strcmp(how, "picked") != 0 &&
	    strcmp(how, "posted") != 0))
		*why = "请选择已领取或已寄出。";
	else if ((post = strcmp(how, "posted") == 0) &&
	    delivery_courier_name(courier) == NULL)
		*why = "请选择快递公司。";
	else if (post && !delivery_waybill_valid(courier, waybill))
		*why = pool_printf(pool, "运单号不对：%s的运单号应为%s。请按"
		    "面单核对。", delivery_courier_name(courier),
		    delivery_waybill_form(courier));
	else if (!post && (picked_by == NULL || text_check(picked_by,
	    strlen(picked_by), 1, DELIVERY_NAME_MAX, 0, TEXT_LINE) !=
	    TEXT_OK))
		*why = "请填写领取人的姓名（50 个字以内）。";
	if (*why != NULL)
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_INT_CASE);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "s", &state)) == DB_NONE)
		*why = "没有这个办件。";
	else if (rc != DB_OK)
		goto fail;
	else if (strcmp(state, "approved") != 0 &&
	    strcmp(state, "denied") != 0)
		*why = "还没有作出决定，没有可交付的办理结果。";
	else if ((h = handed(db, pool, app_no)) == -1) {
		rc = DB_ERR;
		goto fail;
	} else if (h)
		*why = "办理结果已经登记交付。";
	if (*why != NULL) {
		db_rollback(db);
		return DB_NONE;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now)) != DB_OK)
		goto fail;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "case.delivery",
	    "app_no", app_no, "handed", how, "clerk_name", u->name, "at", now);
	if (rec != NULL && post) {
		json_object_set_new(rec, "courier", json_string(courier));
		json_object_set_new(rec, "waybill", json_string(waybill));
	} else if (rec != NULL)
		json_object_set_new(rec, "picked_by", json_string(picked_by));
	if (rec == NULL || (rc = hand_store(db, rec, u->name)) != DB_OK ||
	    (rc = outbox_add(db, pool, rec)) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "delivery.hand",
	    pool_printf(pool, "app:%s", app_no), post ? json_pack("{s:s, "
	    "s:s, s:s}", "handed", how, "courier", courier, "waybill",
	    waybill) : json_pack("{s:s}", "handed", how))) != DB_OK) {
		json_decref(rec);
		goto fail;
	}
	json_decref(rec);
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_NONE ? DB_ERR : rc;
}
