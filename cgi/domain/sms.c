/*
 * sms.c: owns sms_outbox and sms_code (sms.h, db/190; NTF-1, ACC-1,
 * ACC-2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"
#include "crypto.h"
#include "exchange.h"
#include "httpc.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"
#include "sms.h"
#include "throttle.h"

#define SMS_TIMEOUT	5	/* seconds for each step of a send */
#define SMS_LEASE	60	/* seconds a sender holds a message */
#define SMS_BACKOFF	30	/* seconds before the second try, doubling */
#define QUERY_MAX	4096

/* next_try: now, or a later time (a reminder in quiet hours). */
static const char SQL_QUEUE[] =
    "INSERT INTO sms_outbox (to_sealed, to_masked, text, shown, why, "
    "app_no, next_try, dlr_token, created_at) VALUES (?, ?, ?, ?, ?, ?, "
    "GREATEST(UTC_TIMESTAMP(3), COALESCE(CAST(? AS DATETIME(3)), "
    "UTC_TIMESTAMP(3))), ?, "
    "UTC_TIMESTAMP(3))";
/* A sender holds a due message for SMS_LEASE seconds: a tick and a page
 * never send the same one twice at once. */
static const char SQL_CLAIM[] =
    "UPDATE sms_outbox SET next_try = UTC_TIMESTAMP(3) + INTERVAL ? SECOND "
    "WHERE id = ? AND state = 'queued' AND next_try <= UTC_TIMESTAMP(3)";
static const char SQL_ONE[] =
    "SELECT to_sealed, text, dlr_token, tries FROM sms_outbox WHERE id = ?";
static const char SQL_DUE[] =
    "SELECT id FROM sms_outbox WHERE state = 'queued' AND "
    "next_try <= UTC_TIMESTAMP(3) ORDER BY next_try, id LIMIT 200";
/* Taken by the gateway: a delivery report may have come first. */
static const char SQL_SENT[] =
    "UPDATE sms_outbox SET state = IF(state = 'queued', 'sent', state), "
    "tries = tries + 1, sent_at = UTC_TIMESTAMP(3), gateway_id = ?, "
    "text = shown, last_error = NULL WHERE id = ?";
static const char SQL_RETRY[] =
    "UPDATE sms_outbox SET tries = tries + 1, last_error = ?, "
    "next_try = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE id = ?";
static const char SQL_GIVE_UP[] =
    "UPDATE sms_outbox SET tries = tries + 1, last_error = ?, "
    "state = 'failed', text = shown, done_at = UTC_TIMESTAMP(3) "
    "WHERE id = ?";
static const char SQL_DLR[] =
    "UPDATE sms_outbox SET state = ?, gateway_id = COALESCE(?, gateway_id), "
    "done_at = IF(? IN ('delivered', 'failed'), UTC_TIMESTAMP(3), NULL), "
    "last_error = ?, text = IF(? = 'failed', shown, text) "
    "WHERE id = ? AND dlr_token = ? AND state IN ('queued', 'sent')";
static const char SQL_HAS[] =
    "SELECT COUNT(*) FROM sms_outbox WHERE id = ? AND dlr_token = ?";
static const char SQL_LIST[] =
    "SELECT id, to_masked, shown, why, COALESCE(app_no, ''), state, tries, "
    "DATE_FORMAT(created_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i:%s'), "
    "COALESCE(DATE_FORMAT(sent_at + INTERVAL 8 HOUR, '%H:%i:%s'), ''), "
    "COALESCE(DATE_FORMAT(done_at + INTERVAL 8 HOUR, '%H:%i:%s'), ''), "
    "COALESCE(last_error, '') FROM sms_outbox ORDER BY id DESC LIMIT ?";
/* The applicant's own registered mobile, by case (never the record's);
 * of a case an agent made (AGT-1), the resident's, which the application
 * names, and the agent's for a copy; of a walk-in's (INT-1), which no
 * account made, the one the window took. */
static const char SQL_APPLICANT[] =
    "SELECT COALESCE(c.mobile_sealed, ''), a.item_name, "
    "a.agent_id IS NOT NULL, a.mobile_sealed, "
    "COALESCE(g.mobile_sealed, ''), a.applicant_name "
    "FROM application a LEFT JOIN citizen c ON c.id = a.citizen_id "
    "LEFT JOIN agent_account g ON g.id = a.agent_id WHERE a.app_no = ?";
static const char SQL_CODE_ADD[] =
    "INSERT INTO sms_code (ticket_hash, purpose, code_hash, citizen_id, "
    "id_hash, id_sealed, name, mobile_sealed, pw_hash, created_at, "
    "expires_at, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND, ?)";
static const char SQL_CODE_SWEEP[] =
    "DELETE FROM sms_code WHERE expires_at < UTC_TIMESTAMP() - INTERVAL 1 "
    "DAY LIMIT 100";
static const char SQL_CODE_GET[] =
    "SELECT id, code_hash, COALESCE(citizen_id, staff_id, 0), id_hash, "
    "id_sealed, "
    "name, mobile_sealed, pw_hash, tries FROM sms_code WHERE "
    "ticket_hash = ? AND purpose = ? AND used = 0 AND "
    "expires_at > UTC_TIMESTAMP() FOR UPDATE";
static const char SQL_CODE_MISS[] =
    "UPDATE sms_code SET tries = tries + 1, used = (tries + 1 >= ?) "
    "WHERE id = ?";
static const char SQL_CODE_USE[] =
    "UPDATE sms_code SET used = 1, pw_hash = NULL WHERE id = ?";

const char *
sms_mask(struct pool *pool, const char *m)
{
	if (m == NULL || strlen(m) != 11)
		return "***";
	return pool_printf(pool, "%.3s****%s", m, m + 7);
}

const char *
sms_state_label(const char *s)
{
	if (strcmp(s, "queued") == 0)
		return "待发送";
	if (strcmp(s, "sent") == 0)
		return "已交网关";
	if (strcmp(s, "delivered") == 0)
		return "已送达";
	return "发送失败";
}

static void
bind_or_null(struct stmt *q, unsigned i, const char *v)
{
	if (v != NULL)
		stmt_bind_text(q, i, v);
	else
		stmt_bind_null(q, i);
}

const char *
sms_signed(const struct config *cfg, struct pool *pool, const char *text)
{
	return pool_printf(pool, "【%s】%s", cfg->sms_sign != NULL &&
	    *cfg->sms_sign != '\0' ? cfg->sms_sign : "政务服务", text);
}

enum db_rc
sms_queue(const struct config *cfg, struct db *db, struct pool *pool,
    const char *mobile, const char *text, const char *shown,
    const char *why, const char *app_no, int64_t *id)
{
	return sms_queue_at(cfg, db, pool, mobile, text, shown, why, app_no,
	    0, id);
}

enum db_rc
sms_queue_at(const struct config *cfg, struct db *db, struct pool *pool,
    const char *mobile, const char *text, const char *shown,
    const char *why, const char *app_no, time_t not_before, int64_t *id)
{
	struct stmt	*q;
	unsigned char	 r[16];
	char		 token[33], at[32], *sealed;
	struct tm	 tm;
	enum db_rc	 rc;

	if ((sealed = pii_seal(pool, SEALED_SMS_TO, mobile)) == NULL)
		return DB_ERR;
	/* A development site keeps a code readable on /dev/sms, so that
	 * the demo can be walked through without a telephone. */
	if (shown == NULL || (cfg != NULL && cfg->development))
		shown = text;
	crypto_random(r, sizeof(r));
	crypto_hex(r, sizeof(r), token);
	q = db_stmt(db, SQL_QUEUE);
	stmt_bind_text(q, 0, sealed);
	stmt_bind_text(q, 1, sms_mask(pool, mobile));
	stmt_bind_text(q, 2, text);
	stmt_bind_text(q, 3, shown);
	stmt_bind_text(q, 4, why);
	bind_or_null(q, 5, app_no);
	if (not_before > 0) {
		gmtime_r(&not_before, &tm);
		strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
		stmt_bind_text(q, 6, at);
	} else
		stmt_bind_null(q, 6);
	stmt_bind_text(q, 7, token);
	if ((rc = stmt_run(q)) == DB_OK && id != NULL)
		*id = stmt_insert_id(q);
	return rc;
}

/* The gateway's password, from its file (one line); NULL if unreadable. */
static const char *
gateway_password(const struct config *cfg, struct pool *pool)
{
	FILE	*f;
	char	 line[256];

	if (cfg->sms_password_file == NULL)
		return "";
	if ((f = fopen(cfg->sms_password_file, "r")) == NULL)
		return NULL;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return pool_strdup(pool, line);
}

/* The sendsms request of one message (Kannel's HTTP interface). */
static char *
sendsms_url(const struct config *cfg, struct pool *pool, int64_t id,
    const char *to, const char *text, const char *token, const char *pw)
{
	char	*b = pool_alloc(pool, QUERY_MAX);
	char	 dlr[512];

	snprintf(b, QUERY_MAX, "%s%susername=", cfg->sms_url,
	    strchr(cfg->sms_url, '?') != NULL ? "&" : "?");
	httpc_escape(b, QUERY_MAX, cfg->sms_user ? cfg->sms_user : "");
	strncat(b, "&password=", QUERY_MAX - strlen(b) - 1);
	httpc_escape(b, QUERY_MAX, pw);
	if (cfg->sms_sender != NULL) {
		strncat(b, "&from=", QUERY_MAX - strlen(b) - 1);
		httpc_escape(b, QUERY_MAX, cfg->sms_sender);
	}
	strncat(b, "&to=", QUERY_MAX - strlen(b) - 1);
	httpc_escape(b, QUERY_MAX, to);
	/* Chinese goes as UCS-2 (coding 2), given to Kannel in UTF-8. */
	strncat(b, "&charset=UTF-8&coding=2&text=", QUERY_MAX - strlen(b) - 1);
	httpc_escape(b, QUERY_MAX, text);
	if (cfg->sms_dlr_url != NULL && *cfg->sms_dlr_url != '\0') {
		/* Kannel fills %d (the report's type) and %A (its text). */
		snprintf(dlr, sizeof(dlr), "%s?id=%lld&k=%s&type=%%d&reply=%%A",
		    cfg->sms_dlr_url, (long long)id, token);
		strncat(b, "&dlr-mask=31&dlr-url=", QUERY_MAX - strlen(b) - 1);
		httpc_escape(b, QUERY_MAX, dlr);
	}
	return b;
}

enum db_rc
sms_send_one(const struct config *cfg, struct db *db, struct pool *pool,
    int64_t id)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*sealed, *text, *token, *to, *body = NULL;
	const char	*why = NULL, *pw;
	int64_t		 tries;
	int		 status;
	long		 wait;

	if (cfg->sms_url == NULL || *cfg->sms_url == '\0')
		return DB_NONE;		/* no gateway: it waits queued */
	q = db_stmt(db, SQL_CLAIM);
	stmt_bind_int(q, 0, SMS_LEASE);
	stmt_bind_int(q, 1, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if (stmt_affected(q) != 1)
		return DB_NONE;		/* not due, or another has it */
	q = db_stmt(db, SQL_ONE);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "sssi", &sealed, &text, &token,
	    &tries)) != DB_OK)
		return rc;
	if ((to = pii_open(pool, SEALED_SMS_TO, sealed)) == NULL)
		return DB_ERR;
	if ((pw = gateway_password(cfg, pool)) == NULL) {
		why = "读不到短信网关的密码文件";
		status = -1;
	} else
		status = httpc_get(pool, sendsms_url(cfg, pool, id, to,
		    sms_signed(cfg, pool, text), token, pw), SMS_TIMEOUT, &body,
		    &why);
	if (status >= 200 && status < 300) {
		body[strcspn(body, "\r\n")] = '\0';
		q = db_stmt(db, SQL_SENT);
		stmt_bind_text(q, 0, pool_printf(pool, "%.60s", body));
		stmt_bind_int(q, 1, id);
		return stmt_run(q);
	}
	if (status > 0) {
		body[strcspn(body, "\r\n")] = '\0';
		why = pool_printf(pool, "短信网关回答 %d：%.100s", status, body);
	}
	log_info("sms %lld: try %lld failed: %s", (long long)id,
	    (long long)tries + 1, why);
	if (tries + 1 >= SMS_TRIES) {
		q = db_stmt(db, SQL_GIVE_UP);
		stmt_bind_text(q, 0, why);
		stmt_bind_int(q, 1, id);
	} else {
		for (wait = SMS_BACKOFF; tries > 0; tries--)
			wait *= 2;
		q = db_stmt(db, SQL_RETRY);
		stmt_bind_text(q, 0, why);
		stmt_bind_int(q, 1, wait);
		stmt_bind_int(q, 2, id);
	}
	return (rc = stmt_run(q)) == DB_OK ? DB_DUP : rc;
}

static enum db_rc
id_row(struct stmt *q, struct pool *pool, void *arg)
{
	int64_t	*v = arg;

	return stmt_row(q, pool, "i", v);
}

enum db_rc
sms_send_due(const struct config *cfg, struct db *db, struct pool *pool,
    int *sent, int *retry, int *failed)
{
	int64_t		*ids;
	size_t		 n, i;
	enum db_rc	 rc;

	*sent = *retry = *failed = 0;
	if (cfg->sms_url == NULL || *cfg->sms_url == '\0')
		return DB_OK;
	if ((rc = stmt_list(db_stmt(db, SQL_DUE), pool, id_row,
	    sizeof(int64_t), (void **)&ids, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		switch (sms_send_one(cfg, db, pool, ids[i])) {
		case DB_OK:
			(*sent)++;
			break;
		case DB_DUP:
			(*retry)++;
			break;
		case DB_NONE:
			break;
		default:
			(*failed)++;
		}
	return DB_OK;
}

enum db_rc
sms_dlr(struct db *db, struct pool *pool, int64_t id, const char *token,
    int type, const char *reply)
{
	struct stmt	*q;
	const char	*state, *err = NULL;
	int64_t		 n = 0;
	enum db_rc	 rc;

	if (token == NULL || strlen(token) != 32)
		return DB_NONE;
	switch (type) {
	case 1:
		state = "delivered";
		break;
	case 2:
		state = "failed";
		err = "短信未能送达手机";
		break;
	case 16:
		state = "failed";
		err = "短信中心拒收";
		break;
	default:	/* 4, 8: at the SMSC, which is what 'sent' says */
		state = "sent";
		break;
	}
	q = db_stmt(db, SQL_DLR);
	stmt_bind_text(q, 0, state);
	bind_or_null(q, 1, reply != NULL && *reply != '\0' ? reply : NULL);
	stmt_bind_text(q, 2, state);
	bind_or_null(q, 3, err);
	stmt_bind_text(q, 4, state);
	stmt_bind_int(q, 5, id);
	stmt_bind_text(q, 6, token);
	if ((rc = stmt_run(q)) != DB_OK || stmt_affected(q) == 1)
		return rc;
	/* Nothing changed: a late report of a settled message, or no such
	 * message.  Only the second is refused. */
	q = db_stmt(db, SQL_HAS);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, token);
	if ((rc = stmt_one(q, pool, "i", &n)) != DB_OK)
		return rc;
	return n == 1 ? DB_OK : DB_NONE;
}

/* The text of a case message; NULL for an unknown template. */
static const char *
case_text(struct pool *pool, const char *tpl, const char *app_no,
    const char *item, long amount, const char *due, const char *dept)
{
	if (strcmp(tpl, "accepted") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）已由%s"
		    "受理，办理进度可登录网上办事大厅查看。", item, app_no, dept);
	if (strcmp(tpl, "not_accepted") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）%s决定"
		    "不予受理，理由见不予受理通知书，请登录网上办事大厅查看。",
		    item, app_no, dept);
	if (strcmp(tpl, "correction") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）需要补正"
		    "材料，请登录网上办事大厅查看补正通知并提交。", item, app_no);
	if (strcmp(tpl, "approved") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）%s已作出"
		    "准予许可决定，请登录网上办事大厅查看决定书。", item, app_no,
		    dept);
	if (strcmp(tpl, "denied") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）%s已作出"
		    "不予许可决定，理由及救济途径见决定书，请登录网上办事大厅"
		    "查看。", item, app_no, dept);
	if (strcmp(tpl, "fee") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）需缴费 "
		    "%ld.%02ld 元，请于 %s 前缴纳，逾期不缴将不予许可。", item,
		    app_no, amount / 100, amount % 100, due);
	if (strcmp(tpl, "licence") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）%s已核发"
		    "电子证照，可登录网上办事大厅在“我的证照”中查看、打印，"
		    "凭证照编号和校验码可在“文书核验”中核验。", item, app_no,
		    dept);
	/* A reply to the applicant's message (EXT-7, message.h). */
	if (strcmp(tpl, "message") == 0)
		return pool_printf(pool, "您申请的“%s”（申请编号 %s）收到%s"
		    "的留言回复，请登录网上办事大厅在办件页面查看。", item,
		    app_no, dept);
	return NULL;
}

enum db_rc
sms_case(struct db *db, struct pool *pool, const char *app_no,
    const char *tpl, long amount, const char *due,
    const char *dept, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*sealed, *item, *mobile, *resident, *agent, *name;
	const char	*text;
	int64_t		 proxy;

	q = db_stmt(db, SQL_APPLICANT);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "ssisss", &sealed, &item, &proxy,
	    &resident, &agent, &name)) != DB_OK) {
		*why = "本站没有这个申请";
		return rc;
	}
	if ((text = case_text(pool, tpl, app_no, item, amount, due, dept)) ==
	    NULL) {
		*why = "没有这个短信模板";
		return DB_NONE;
	}
	if (!proxy && *sealed != '\0') {
		if ((mobile = pii_open(pool, SEALED_CITIZEN_MOBILE, sealed)) ==
		    NULL)
			return DB_ERR;
		return sms_queue(NULL, db, pool, mobile, text, NULL, tpl,
		    app_no, NULL);
	}
	/* An agent's case: the resident is the applicant and is told; the
	 * agent, who follows the case for them, gets a copy.  A walk-in's:
	 * the applicant, at the mobile the window took (no agent). */
	if ((mobile = pii_open(pool, SEALED_APP_MOBILE, resident)) == NULL)
		return DB_ERR;
	if ((rc = sms_queue(NULL, db, pool, mobile, text, NULL, tpl, app_no,
	    NULL)) != DB_OK || *agent == '\0')
		return rc;
	if ((mobile = pii_open(pool, SEALED_AGENT_MOBILE, agent)) == NULL)
		return DB_ERR;
	return sms_queue(NULL, db, pool, mobile, pool_printf(pool, "（代办抄送）"
	    "居民%s：%s", name, text), NULL, tpl, app_no, NULL);
}

enum db_rc
sms_out(struct db *db, struct pool *pool, const char *app_no,
    const char *tpl, const char *dept, long amount, const char *due)
{
	json_t		*rec;
	enum db_rc	 rc;

	rec = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s}", "type", "sms.send",
	    "app_no", app_no, "template", tpl, "dept_name", dept, "amount",
	    (json_int_t)amount, "due_date", due != NULL ? due : "");
	rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	return rc;
}

const char *
sms_doc_template(const char *doc_kind)
{
	static const struct {
		const char	*doc, *tpl;
	} t[] = {
		{ "accept", "accepted" },
		{ "reject", "not_accepted" },
		{ "correct", "correction" },
		{ "approve", "approved" },
		{ "deny", "denied" },
	};
	size_t	 i;

	for (i = 0; doc_kind != NULL && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(doc_kind, t[i].doc) == 0)
			return t[i].tpl;
	return NULL;
}

enum db_rc
sms_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	const char	*app_no, *tpl, *dept, *due, *why = NULL;
	json_int_t	 amount;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:s, s:s, s:I, s:s}", "app_no", &app_no,
	    "template", &tpl, "dept_name", &dept, "amount", &amount,
	    "due_date", &due) != 0) {
		snprintf(err, errlen, "短信通知记录缺少字段");
		return DB_NONE;
	}
	if ((rc = sms_case(db, pool, app_no, tpl, (long)amount, due, dept,
	    &why)) == DB_NONE)
		snprintf(err, errlen, "%s", why);
	return rc;
}

static enum db_rc
list_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct sms_row	*r = arg;

	return stmt_row(q, pool, "isssssissss", &r->id, &r->to, &r->text,
	    &r->why, &r->app_no, &r->state, &r->tries, &r->created, &r->sent,
	    &r->done, &r->error);
}

enum db_rc
sms_list(struct db *db, struct pool *pool, size_t limit,
    struct sms_row **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_LIST);
	stmt_bind_int(q, 0, (int64_t)limit);
	return stmt_list(q, pool, list_row, sizeof(**v), (void **)v, n);
}

/* The stored hash of a code under its ticket (keyed: a copy of the
 * table alone does not give the code by trying all million). */
static int
code_hash(struct pool *pool, const char *ticket, const char *code,
    char out[PII_HASH_HEX])
{
	return pii_hash("sms.code", pool_printf(pool, "%s:%s", ticket, code),
	    out);
}

int
sms_limits(struct db *db, struct pool *pool, const char *mobile,
    const char *addr, const char **why)
{
	const struct {
		const struct throttle	*t;
		const char		*v, *what;
	} l[] = {
		{ &TH_SMS_MOBILE_MIN, mobile, "这个手机号码刚刚发过验证码" },
		{ &TH_SMS_MOBILE_DAY, mobile, "这个手机号码今天收验证码的次数"
		    "已满" },
		{ &TH_SMS_ADDR, addr, "从您的网络地址发送验证码的次数已满" },
		{ &TH_SMS_SITE, "", "今天发送的验证码已达上限" },
	};
	size_t	 i;
	int	 c;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
		if (l[i].v == NULL)
			continue;
		if ((c = throttle_closed(db, pool, l[i].t, l[i].v)) != 0) {
			if (c > 0)
				*why = pool_printf(pool, "%s，请%s再试。",
				    l[i].what, l[i].t->reopens);
			return c;
		}
	}
	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (l[i].v != NULL && throttle_count(db, l[i].t, l[i].v) !=
		    DB_OK)
			return -1;
	return 0;
}

void
sms_code_make(char code[SMS_CODE_LEN + 1])
{
	uint32_t	 v;

	/* Uniform over 000000..999999: 2^32 mod 10^6 values refused. */
	do
		crypto_random(&v, sizeof(v));
	while (v >= 4294000000u);
	snprintf(code, SMS_CODE_LEN + 1, "%06u", v % 1000000u);
}

enum sms_code_rc
sms_code_start(const struct config *cfg, struct db *db, struct pool *pool,
    const char *purpose, const char *typed, const char *mobile,
    const char *addr, int64_t citizen_id, const struct sms_reg *reg,
    char ticket[SMS_TICKET_HEX], const char **why)
{
	struct stmt	*q;
	unsigned char	 r[16];
	char		 code[SMS_CODE_LEN + 1], th[SHA256_HEX];
	char		 ch[PII_HASH_HEX];
	const char	*text, *shown;
	int64_t		 id = 0;
	int		 c, staff = strcmp(purpose, "staff") == 0;

	*why = NULL;
	if ((c = sms_limits(db, pool, typed, addr, why)) != 0)
		return c > 0 ? CODE_BUSY : CODE_ERR;
	(void)stmt_run(db_stmt(db, SQL_CODE_SWEEP));
	crypto_random(r, sizeof(r));
	crypto_hex(r, sizeof(r), ticket);
	if (crypto_sha256_hex(ticket, strlen(ticket), th) == -1)
		return CODE_ERR;
	sms_code_make(code);
	if (code_hash(pool, ticket, code, ch) == -1)
		return CODE_ERR;
	if (db_begin(db) != DB_OK)
		return CODE_ERR;
	q = db_stmt(db, SQL_CODE_ADD);
	stmt_bind_text(q, 0, th);
	stmt_bind_text(q, 1, purpose);
	stmt_bind_text(q, 2, ch);
	if (citizen_id > 0 && mobile != NULL && !staff)
		stmt_bind_int(q, 3, citizen_id);
	else
		stmt_bind_null(q, 3);
	bind_or_null(q, 4, reg && mobile ? reg->id_hash : NULL);
	bind_or_null(q, 5, reg && mobile ? reg->id_sealed : NULL);
	bind_or_null(q, 6, reg && mobile ? reg->name : NULL);
	bind_or_null(q, 7, reg && mobile ? reg->mobile_sealed : NULL);
	bind_or_null(q, 8, reg && mobile ? reg->pw_hash : NULL);
	stmt_bind_int(q, 9, SMS_CODE_TTL);
	if (citizen_id > 0 && mobile != NULL && staff)
		stmt_bind_int(q, 10, citizen_id);
	else
		stmt_bind_null(q, 10);
	if (stmt_run(q) != DB_OK)
		goto fail;
	if (mobile != NULL && staff) {
		shown = "您在政务服务审批系统登记手机号码的验证码是 ******，"
		    "5 分钟内有效，请勿告诉他人。";
		text = pool_printf(pool, "您在政务服务审批系统登记手机号码的"
		    "验证码是 %s，5 分钟内有效，请勿告诉他人。", code);
	} else if (mobile != NULL) {
		text = strcmp(purpose, "register") == 0 ? "注册" :
		    strcmp(purpose, "reset") == 0 ? "重设密码" :
		    strcmp(purpose, "agent-reset") == 0 ? "重设代办员密码" :
		    "登录";
		shown = pool_printf(pool, "您%s网上办事大厅的验证码是 ******，"
		    "5 分钟内有效。工作人员不会向您索要验证码，请勿告诉他人。",
		    text);
		text = pool_printf(pool, "您%s网上办事大厅的验证码是 %s，"
		    "5 分钟内有效。工作人员不会向您索要验证码，请勿告诉他人。",
		    text, code);
	}
	if (mobile != NULL) {
		if (sms_queue(cfg, db, pool, mobile, text, shown, purpose, NULL,
		    &id) != DB_OK)
			goto fail;
	}
	if (db_commit(db) != DB_OK)
		return CODE_ERR;
	explicit_bzero(code, sizeof(code));
	/* A registration's code (and a staff member's for their new
	 * mobile) at once: the person is waiting, and it always goes to
	 * the number typed.  A failure is retried by the
	 * tick.  A reset's or a login's waits for the tick: whether a code
	 * went out at all must not show in the time of the answer. */
	if (id > 0 && (strcmp(purpose, "register") == 0 || staff))
		(void)sms_send_one(cfg, db, pool, id);
	return CODE_SENT;
fail:
	db_rollback(db);
	return CODE_ERR;
}

enum sms_check_rc
sms_code_check(struct db *db, struct pool *pool, const char *purpose,
    const char *ticket, const char *code, struct sms_ticket *t, long *left)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 th[SHA256_HEX], ch[PII_HASH_HEX], *stored;
	int64_t		 id, tries;
	size_t		 i;

	memset(t, 0, sizeof(*t));
	*left = 0;
	if (ticket == NULL || !crypto_hex_valid(ticket, 32))
		return CHECK_GONE;
	if (crypto_sha256_hex(ticket, strlen(ticket), th) == -1)
		return CHECK_ERR;
	q = db_stmt(db, SQL_CODE_GET);
	stmt_bind_text(q, 0, th);
	stmt_bind_text(q, 1, purpose);
	if ((rc = stmt_one(q, pool, "isisssssi", &id, &stored,
	    &t->citizen_id, &t->id_hash, &t->id_sealed, &t->name,
	    &t->mobile_sealed, &t->pw_hash, &tries)) != DB_OK)
		return rc == DB_NONE ? CHECK_GONE : CHECK_ERR;
	for (i = 0; code != NULL && code[i] >= '0' && code[i] <= '9'; i++)
		;
	if (code != NULL && i == SMS_CODE_LEN && code[i] == '\0' &&
	    code_hash(pool, ticket, code, ch) == 0 &&
	    crypto_equal(ch, stored, PII_HASH_HEX - 1) == 0 &&
	    (t->citizen_id > 0 || t->id_hash != NULL)) {
		q = db_stmt(db, SQL_CODE_USE);
		stmt_bind_int(q, 0, id);
		return stmt_run(q) == DB_OK ? CHECK_OK : CHECK_ERR;
	}
	q = db_stmt(db, SQL_CODE_MISS);
	stmt_bind_int(q, 0, SMS_CODE_TRIES);
	stmt_bind_int(q, 1, id);
	if (stmt_run(q) != DB_OK)
		return CHECK_ERR;
	memset(t, 0, sizeof(*t));
	*left = SMS_CODE_TRIES - (long)tries - 1;
	return *left > 0 ? CHECK_WRONG : CHECK_GONE;
}
