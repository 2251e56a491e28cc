/*
 * publish.c: publication (PUB-1, PUB-2) and agent points (AGT-2): what
 * the intranet queues for the extranet, and what the extranet shows of it
 * (publish.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "log.h"
#include "publish.h"
#include "text.h"
#include "utf8.h"
#include "vocab.h"

#define NOW_LOCAL "DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, " \
	"'%Y-%m-%d %H:%i:%s')"
#define TODAY "DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)"

/* ---- intranet: results --------------------------------------------- */

/* What a result record says besides the case: the item's privacy, the
 * hall of its department, today and the last day to publish. */
static const char SQL_RESULT_FACTS[] =
    "SELECT EXISTS (SELECT 1 FROM item_private x WHERE x.code = i.code), "
    "COALESCE(d.hall_code, ''), "
    "DATE_FORMAT(" TODAY ", '%Y-%m-%d'), "
    "DATE_FORMAT(" TODAY " + INTERVAL 5 DAY, '%Y-%m-%d') "
    "FROM item i LEFT JOIN department d ON d.code = i.dept_code "
    "WHERE i.id = ?";
static const char SQL_LAST_ID[] = "SELECT LAST_INSERT_ID()";
static const char SQL_RESULT_ADD[] =
    "INSERT INTO pub_result (case_id, decision, decided_on, due_on, "
    "outbox_id) VALUES (?, ?, ?, ?, 0)";
static const char SQL_RESULT_OUTBOX[] =
    "UPDATE pub_result SET outbox_id = ? WHERE id = ?";
static const char SQL_RESULT_HAS[] =
    "SELECT id FROM pub_result WHERE case_id = ?";
/* Still here (not in a bundle) after its last day. */
static const char SQL_LATE_DUE[] =
    "SELECT p.id, k.app_no, DATE_FORMAT(p.due_on, '%Y-%m-%d') "
    "FROM pub_result p JOIN kase k ON k.id = p.case_id "
    "JOIN gap_outbox o ON o.id = p.outbox_id "
    "WHERE p.due_on < ? AND p.late_at IS NULL AND o.bundle_seq IS NULL "
    "ORDER BY p.id LIMIT 500";
static const char SQL_LATE_MARK[] =
    "UPDATE pub_result SET late_at = UTC_TIMESTAMP() WHERE id = ? "
    "AND late_at IS NULL";
static const char SQL_LATE_LIST[] =
    "SELECT k.app_no, k.item_name, DATE_FORMAT(p.decided_on, '%Y-%m-%d'), "
    "DATE_FORMAT(p.due_on, '%Y-%m-%d') FROM pub_result p "
    "JOIN kase k ON k.id = p.case_id WHERE p.late_at IS NOT NULL "
    "ORDER BY p.id DESC LIMIT 100";

char *
pub_mask_name(struct pool *pool, const char *name)
{
	uint32_t	 cp;
	size_t		 n;

	if (name == NULL || *name == '\0')
		return pool_strdup(pool, "");
	if ((n = utf8_decode(name, strlen(name), &cp)) == 0)
		n = 1;
	return pool_printf(pool, "%.*s**", (int)n, name);
}

enum db_rc
pub_result_queue(struct db *db, struct pool *pool, const struct kase *k,
    const char *state, const char *doc_no)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 priv, id, outbox, have;
	char		*hall, *today, *due;
	json_t		*rec;

	if (state == NULL || (strcmp(state, "approved") != 0 &&
	    strcmp(state, "denied") != 0))
		return DB_OK;
	/* Nor a case the extranet never had (exchange.h). */
	switch (outbox_case_crosses(db, pool, k->app_no)) {
	case 0:
		return DB_OK;
	case -1:
		return DB_ERR;
	}
	/* A case is decided once; should a path come here twice, the
	 * result already queued stands. */
	q = db_stmt(db, SQL_RESULT_HAS);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_one(q, pool, "i", &have)) != DB_NONE)
		return rc == DB_OK ? DB_OK : DB_ERR;
	q = db_stmt(db, SQL_RESULT_FACTS);
	stmt_bind_int(q, 0, k->item_id);
	if (stmt_one(q, pool, "isss", &priv, &hall, &today, &due) != DB_OK)
		return DB_ERR;
	/* Its id is the record's key on the extranet. */
	q = db_stmt(db, SQL_RESULT_ADD);
	stmt_bind_int(q, 0, k->id);
	stmt_bind_text(q, 1, state);
	stmt_bind_text(q, 2, today);
	stmt_bind_text(q, 3, due);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	id = stmt_insert_id(q);
	rec = json_pack("{s:s, s:I, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s}", "type", "pub.result", "id", (json_int_t)id,
	    "private", priv != 0, "item_code", priv ? "" : k->item_code,
	    "item_name", priv ? "" : k->item_name,
	    "dept_code", k->item.dept_code, "dept_name", k->item.dept_name,
	    "hall_code", hall, "decision", state, "decided_on", today,
	    "due_on", due, "doc_no", priv || doc_no == NULL ? "" : doc_no,
	    "applicant", priv ? "" : pub_mask_name(pool, k->applicant_name));
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK)
		return rc;
	if (stmt_one(db_stmt(db, SQL_LAST_ID), pool, "i", &outbox) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_RESULT_OUTBOX);
	stmt_bind_int(q, 0, outbox);
	stmt_bind_int(q, 1, id);
	return stmt_run(q);
}

struct late_row {
	int64_t		 id;
	char		*app_no, *due;
};

static enum db_rc
late_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct late_row	*l = arg;

	return stmt_row(q, pool, "iss", &l->id, &l->app_no, &l->due);
}

enum db_rc
pub_late_check(struct db *db, struct pool *pool, const char *today, int *n)
{
	struct late_row	*v;
	struct stmt	*q;
	size_t		 nv, i;
	enum db_rc	 rc;

	*n = 0;
	q = db_stmt(db, SQL_LATE_DUE);
	stmt_bind_text(q, 0, today);
	if ((rc = stmt_list(q, pool, late_row, sizeof(*v), &v, &nv)) != DB_OK)
		return rc;
	for (i = 0; i < nv; i++) {
		if (db_begin(db) != DB_OK)
			return DB_ERR;
		q = db_stmt(db, SQL_LATE_MARK);
		stmt_bind_int(q, 0, v[i].id);
		if (stmt_run(q) != DB_OK || (stmt_affected(q) > 0 &&
		    audit_add(db, pool, "tick", "pub.late", v[i].app_no,
		    pool_printf(pool, "应于 %s 前公示，至今未送出内网", v[i].due))
		    != DB_OK) || db_commit(db) != DB_OK) {
			db_rollback(db);
			return DB_ERR;
		}
		log_err("result of %s not published by %s: its record has not "
		    "left the intranet", v[i].app_no, v[i].due);
		(*n)++;
	}
	return DB_OK;
}

static enum db_rc
pub_late_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct pub_late	*l = arg;

	return stmt_row(q, pool, "ssss", &l->app_no, &l->item_name,
	    &l->decided_on, &l->due_on);
}

enum db_rc
pub_late_list(struct db *db, struct pool *pool, struct pub_late **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_LATE_LIST), pool, pub_late_row,
	    sizeof(**v), v, n);
}

/* ---- intranet: the halls' numbers ---------------------------------- */

/*
 * Today's numbers of every hall: received today, decided today (准予,
 * 不予, 不予受理), and open now.  Read from the summaries that triggers on
 * kase keep in the transaction of every case change, never from kase: the
 * day's receipts and ends per department (perf_case_day, db/115; a range
 * of its key from today) and the open cases per department
 * (sup_open_count, db/110), both summed by the department's hall.  Each is
 * exactly the count of the cases received (decided) since Beijing
 * midnight, or open now, as `perf-rebuild --check` and `dash-rebuild
 * --check` verify.  A department without a hall counts for none.
 */
#define HALL_OF(t) "JOIN department d ON d.code = " t ".dept_code " \
	"WHERE d.hall_code IS NOT NULL"
static const char SQL_HALL_TODAY[] =
    "SELECT DATE_FORMAT(" TODAY ", '%Y-%m-%d'), " NOW_LOCAL;
static const char SQL_HALL_RECEIVED[] =
    "SELECT d.hall_code, CAST(SUM(p.received) AS SIGNED) "
    "FROM perf_case_day p " HALL_OF("p") " AND p.day >= ? "
    "AND p.result = '' GROUP BY d.hall_code";
static const char SQL_HALL_DECIDED[] =
    "SELECT d.hall_code, CAST(SUM(p.ended) AS SIGNED) "
    "FROM perf_case_day p " HALL_OF("p") " AND p.day >= ? "
    "AND p.result IN ('approved', 'denied', 'not_accepted') "
    "GROUP BY d.hall_code";
static const char SQL_HALL_OPEN[] =
    "SELECT d.hall_code, CAST(SUM(s.n) AS SIGNED) "
    "FROM sup_open_count s " HALL_OF("s") " GROUP BY d.hall_code";
static const char SQL_HALLS[] =
    "SELECT h.code, h.name, COALESCE(DATE_FORMAT(p.day, '%Y-%m-%d'), ''), "
    "COALESCE(p.received, -1), COALESCE(p.decided, -1), "
    "COALESCE(p.in_progress, -1) FROM hall h "
    "LEFT JOIN pub_hall p ON p.hall_code = h.code ORDER BY h.code";
static const char SQL_HALL_SENT[] =
    "INSERT INTO pub_hall (hall_code, day, received, decided, in_progress, "
    "sent_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP()) "
    "ON DUPLICATE KEY UPDATE day = VALUES(day), received = "
    "VALUES(received), decided = VALUES(decided), in_progress = "
    "VALUES(in_progress), sent_at = VALUES(sent_at)";

struct hall_now {
	char		*code, *name, *day;
	int64_t		 sent[3];	/* as last sent, -1 when never */
	int64_t		 now[3];	/* received, decided, open */
};

static enum db_rc
hall_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct hall_now	*h = arg;

	memset(h->now, 0, sizeof(h->now));
	return stmt_row(q, pool, "sssiii", &h->code, &h->name, &h->day,
	    &h->sent[0], &h->sent[1], &h->sent[2]);
}

/* Add the counts of sql (since from, when not NULL) as column col. */
static enum db_rc
hall_counts(struct db *db, struct pool *pool, const char *sql,
    const char *from, struct hall_now *h, size_t nh, int col)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*code;
	int64_t		 c;
	size_t		 i;

	q = db_stmt(db, sql);
	if (from != NULL)
		stmt_bind_text(q, 0, from);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "si", &code, &c)) == DB_OK)
		for (i = 0; i < nh; i++)
			if (strcmp(h[i].code, code) == 0)
				h[i].now[col] = c;
	stmt_done(q);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
pub_hall_send(struct db *db, struct pool *pool, int *n)
{
	struct hall_now	*h;
	struct stmt	*q;
	size_t		 nh, i;
	char		*today, *now;
	json_t		*rec;
	enum db_rc	 rc;

	*n = 0;
	if (stmt_one(db_stmt(db, SQL_HALL_TODAY), pool, "ss", &today,
	    &now) != DB_OK)
		return DB_ERR;
	if ((rc = stmt_list(db_stmt(db, SQL_HALLS), pool, hall_row,
	    sizeof(*h), &h, &nh)) != DB_OK ||
	    (rc = hall_counts(db, pool, SQL_HALL_RECEIVED, today, h, nh, 0)) !=
	    DB_OK ||
	    (rc = hall_counts(db, pool, SQL_HALL_DECIDED, today, h, nh, 1)) !=
	    DB_OK ||
	    (rc = hall_counts(db, pool, SQL_HALL_OPEN, NULL, h, nh, 2)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < nh; i++) {
		if (strcmp(h[i].day, today) == 0 && memcmp(h[i].sent,
		    h[i].now, sizeof(h[i].now)) == 0)
			continue;
		rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I}",
		    "type", "pub.hall", "hall_code", h[i].code,
		    "hall_name", h[i].name, "day", today, "as_of", now,
		    "received", (json_int_t)h[i].now[0],
		    "decided", (json_int_t)h[i].now[1],
		    "in_progress", (json_int_t)h[i].now[2]);
		if (db_begin(db) != DB_OK) {
			json_decref(rec);
			return DB_ERR;
		}
		rc = outbox_add(db, pool, rec);
		json_decref(rec);
		q = db_stmt(db, SQL_HALL_SENT);
		stmt_bind_text(q, 0, h[i].code);
		stmt_bind_text(q, 1, today);
		stmt_bind_int(q, 2, h[i].now[0]);
		stmt_bind_int(q, 3, h[i].now[1]);
		stmt_bind_int(q, 4, h[i].now[2]);
		if (rc != DB_OK || stmt_run(q) != DB_OK ||
		    db_commit(db) != DB_OK) {
			db_rollback(db);
			return DB_ERR;
		}
		(*n)++;
	}
	return DB_OK;
}

/* ---- intranet: announcements --------------------------------------- */

#define NEWS_COLS "id, kind, title, body, items, dept_code, dept_name, " \
	"state, written_by, writer_name, COALESCE(reviewed_by, ''), " \
	"COALESCE(reviewer_name, ''), note, " \
	"DATE_FORMAT(updated_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), " \
	"COALESCE(DATE_FORMAT(published_at + INTERVAL 8 HOUR, " \
	"'%Y-%m-%d %H:%i:%s'), '')"
static const char SQL_NEWS_ALL[] =
    "SELECT " NEWS_COLS " FROM pub_news ORDER BY id DESC LIMIT 200";
static const char SQL_NEWS_DEPT[] =
    "SELECT " NEWS_COLS " FROM pub_news WHERE dept_code = ? "
    "ORDER BY id DESC LIMIT 200";
static const char SQL_NEWS_GET[] =
    "SELECT " NEWS_COLS " FROM pub_news WHERE id = ?";
static const char SQL_NEWS_LOCK[] =
    "SELECT " NEWS_COLS " FROM pub_news WHERE id = ? FOR UPDATE";
static const char SQL_NEWS_ADD[] =
    "INSERT INTO pub_news (kind, title, body, items, dept_code, dept_name, "
    "written_by, writer_name, created_at, updated_at) VALUES (?, ?, ?, ?, "
    "?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_NEWS_EDIT[] =
    "UPDATE pub_news SET kind = ?, title = ?, body = ?, items = ?, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ? AND state = 'draft'";
static const char SQL_NEWS_STATE[] =
    "UPDATE pub_news SET state = ?, note = ?, updated_at = UTC_TIMESTAMP(), "
    "reviewed_by = IF(? = 'published', ?, reviewed_by), "
    "reviewer_name = IF(? = 'published', ?, reviewer_name), "
    "published_at = IF(? = 'published', UTC_TIMESTAMP(), published_at), "
    "withdrawn_at = IF(? = 'withdrawn', UTC_TIMESTAMP(), withdrawn_at) "
    "WHERE id = ? AND state = ?";
static const char SQL_ITEM_PUBLISHED[] =
    "SELECT 1 FROM item WHERE code = ? AND status = 'published' LIMIT 1";

static const char *const news_kinds[][2] = {
	{ "news", "新闻动态" }, { "notice", "通知公告" },
	{ "policy", "政策法规" }, { NULL, NULL }
};
static const char *const news_states[][2] = {
	{ "draft", "草稿" }, { "review", "待审核" },
	{ "published", "已发布" }, { "withdrawn", "已撤回" },
	{ NULL, NULL }
};

static const char *
label_of(const char *const v[][2], const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && v[i][0] != NULL; i++)
		if (strcmp(v[i][0], key) == 0)
			return v[i][1];
	return NULL;
}

const char *
pub_kind_label(const char *kind)
{
	return label_of(news_kinds, kind);
}

const char *
pub_state_label(const char *state)
{
	return label_of(news_states, state);
}

static enum db_rc
news_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct pub_news	*n = arg;

	return stmt_row(q, pool, "issssssssssssss", &n->id, &n->kind,
	    &n->title, &n->body, &n->items, &n->dept_code, &n->dept_name,
	    &n->state, &n->written_by, &n->writer_name, &n->reviewed_by,
	    &n->reviewer_name, &n->note, &n->updated_at, &n->published_at);
}

enum db_rc
pub_news_list(struct db *db, struct pool *pool, const char *dept,
    struct pub_news **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, dept == NULL ? SQL_NEWS_ALL : SQL_NEWS_DEPT);
	if (dept != NULL)
		stmt_bind_text(q, 0, dept);
	return stmt_list(q, pool, news_row, sizeof(**v), v, n);
}

/* Announcement id by sql (of this site's table). */
static enum db_rc
news_by_id(struct db *db, struct pool *pool, const char *sql, int64_t id,
    struct pub_news *n)
{
	struct stmt	*q;

	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, id);
	return stmt_first(q, pool, news_row, n);
}

enum db_rc
pub_news_get(struct db *db, struct pool *pool, int64_t id,
    struct pub_news *n)
{
	return news_by_id(db, pool, SQL_NEWS_GET, id, n);
}

int
pub_may_review(const struct pub_news *n, const struct user *u)
{
	if (strcmp(n->written_by, u->login) == 0)
		return 0;
	if (u->roles & ROLE_ADMIN)
		return 1;
	return (u->roles & ROLE_LEADER) && u->dept_code != NULL &&
	    strcmp(u->dept_code, n->dept_code) == 0;
}

/*
 * The item codes of text (one per line, or separated by spaces, commas
 * or 、), each a published item here, at most PUB_ITEMS_MAX: the list
 * as stored (one per line), or NULL with why.
 */
static char *
items_parse(struct db *db, struct pool *pool, const char *text,
    const char **why)
{
	char		*s, *tok, *save, *out = "", *cut;
	struct stmt	*q;
	int64_t		 one;
	enum db_rc	 rc;
	size_t		 n = 0;

	s = pool_strdup(pool, text ? text : "");
	/* 、 as a plain separator. */
	while ((cut = strstr(s, "、")) != NULL)
		memset(cut, ' ', 3);
	for (tok = strtok_r(s, " \t\r\n,，", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n,，", &save)) {
		if (!vocab_code_valid(tok, 40) || strlen(tok) < 3) {
			*why = "关联事项请填写事项编码（英文字母、数字和 -），"
			    "每行一个。";
			return NULL;
		}
		if (strstr(pool_printf(pool, "\n%s\n", out),
		    pool_printf(pool, "\n%s\n", tok)) != NULL)
			continue;
		q = db_stmt(db, SQL_ITEM_PUBLISHED);
		stmt_bind_text(q, 0, tok);
		if ((rc = stmt_one(q, pool, "i", &one)) == DB_NONE) {
			*why = pool_printf(pool, "没有已发布的事项 %s，请核对"
			    "事项编码。", tok);
			return NULL;
		}
		if (rc != DB_OK) {
			*why = NULL;
			return NULL;
		}
		if (++n > PUB_ITEMS_MAX) {
			*why = "一篇政策法规最多关联 20 个事项。";
			return NULL;
		}
		out = *out ? pool_printf(pool, "%s\n%s", out, tok) :
		    pool_strdup(pool, tok);
	}
	return out;
}

/* What is wrong with the fields of an announcement, or NULL. */
static const char *
news_bad(struct pool *pool, const char *kind, const char *title,
    const char *body)
{
	enum text_rc	 rc;

	if (pub_kind_label(kind) == NULL)
		return "请选择栏目：新闻动态、通知公告或政策法规。";
	if (title == NULL || (rc = text_check(title, strlen(title), 1,
	    PUB_TITLE_MAX, 0, TEXT_LINE)) != TEXT_OK)
		return title == NULL ? "请填写标题。" : pool_printf(pool,
		    "标题%s（最多 %d 个字）。", text_why(rc), PUB_TITLE_MAX);
	if (body == NULL || (rc = text_check(body, strlen(body), 1,
	    PUB_BODY_MAX, 4 * PUB_BODY_MAX, TEXT_LINES)) != TEXT_OK)
		return body == NULL ? "请填写正文。" : pool_printf(pool,
		    "正文%s（最多 %d 个字）。", text_why(rc), PUB_BODY_MAX);
	return NULL;
}

enum db_rc
pub_news_save(struct db *db, struct pool *pool, const struct user *u,
    int64_t *id, const char *kind, const char *title, const char *body,
    const char *items, const char **why)
{
	struct pub_news	 n;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*list;

	*why = NULL;
	if ((*why = news_bad(pool, kind, title, body)) != NULL)
		return DB_NONE;
	if (strcmp(kind, "policy") != 0 && items != NULL &&
	    strspn(items, " \t\r\n") != strlen(items)) {
		*why = "只有政策法规可以关联事项。";
		return DB_NONE;
	}
	if ((list = items_parse(db, pool, items, why)) == NULL)
		return *why != NULL ? DB_NONE : DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if (*id == 0) {
		q = db_stmt(db, SQL_NEWS_ADD);
		stmt_bind_text(q, 0, kind);
		stmt_bind_text(q, 1, title);
		stmt_bind_text(q, 2, body);
		stmt_bind_text(q, 3, list);
		stmt_bind_text(q, 4, u->dept_code ? u->dept_code : "");
		stmt_bind_text(q, 5, u->dept_name ? u->dept_name : "");
		stmt_bind_text(q, 6, u->login);
		stmt_bind_text(q, 7, u->name);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
		*id = stmt_insert_id(q);
	} else {
		if ((rc = news_by_id(db, pool, SQL_NEWS_LOCK, *id, &n)) !=
		    DB_OK) {
			*why = rc == DB_NONE ? "没有这篇稿件。" : NULL;
			goto fail;
		}
		rc = DB_NONE;
		if (strcmp(n.written_by, u->login) != 0) {
			*why = "只有撰稿人本人可以修改稿件。";
			goto fail;
		}
		if (strcmp(n.state, "draft") != 0) {
			*why = "稿件已提交审核或已发布，不能再修改。";
			goto fail;
		}
		q = db_stmt(db, SQL_NEWS_EDIT);
		stmt_bind_text(q, 0, kind);
		stmt_bind_text(q, 1, title);
		stmt_bind_text(q, 2, body);
		stmt_bind_text(q, 3, list);
		stmt_bind_int(q, 4, *id);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
	}
	if ((rc = audit_add(db, pool, u->login, "pub.edit",
	    pool_printf(pool, "news:%lld", (long long)*id), title)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* The record that publishes n on the extranet. */
static json_t *
news_json(const struct pub_news *n)
{
	json_t	*rec, *items;
	char	*s, *tok, *save;

	if ((items = json_array()) == NULL)
		return NULL;
	if ((s = strdup(n->items)) == NULL) {
		json_decref(items);
		return NULL;
	}
	for (tok = strtok_r(s, "\n", &save); tok != NULL;
	    tok = strtok_r(NULL, "\n", &save))
		json_array_append_new(items, json_string(tok));
	free(s);
	rec = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "type",
	    "pub.news", "id", (json_int_t)n->id, "kind", n->kind, "title",
	    n->title, "body", n->body, "dept_name", n->dept_name,
	    "published_at", n->published_at, "items", items);
	return rec;
}

static const struct {
	const char	*move, *from, *to, *action;
	int		 review;	/* by a second person */
} moves[] = {
	{ "submit", "draft", "review", "pub.submit", 0 },
	{ "publish", "review", "published", "pub.publish", 1 },
	{ "return", "review", "draft", "pub.return", 1 },
	{ "withdraw", "published", "withdrawn", "pub.withdraw", 1 },
};

enum db_rc
pub_news_move(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *move, const char *note, const char **why)
{
	struct pub_news	 n;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec = NULL;
	size_t		 m;

	*why = NULL;
	for (m = 0; m < sizeof(moves) / sizeof(moves[0]); m++)
		if (strcmp(moves[m].move, move) == 0)
			break;
	if (m == sizeof(moves) / sizeof(moves[0])) {
		*why = "没有这个操作。";
		return DB_NONE;
	}
	if (note != NULL && text_check(note, strlen(note), 0, PUB_NOTE_MAX,
	    0, TEXT_LINE) != TEXT_OK) {
		*why = "说明最多 200 个字。";
		return DB_NONE;
	}
	if (strcmp(move, "return") == 0 && (note == NULL || *note == '\0')) {
		*why = "退回时请写明需要修改的地方。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = news_by_id(db, pool, SQL_NEWS_LOCK, id, &n)) != DB_OK) {
		*why = rc == DB_NONE ? "没有这篇稿件。" : NULL;
		goto fail;
	}
	rc = DB_NONE;
	if (moves[m].review && strcmp(n.written_by, u->login) == 0) {
		*why = "稿件须由撰稿人以外的另一位工作人员审核发布，"
		    "撰稿人本人不能发布、退回或撤回自己的稿件。";
		goto fail;
	}
	if (moves[m].review && !pub_may_review(&n, u)) {
		*why = "只有本部门的分管领导或系统管理员可以审核、发布和撤回"
		    "稿件。";
		goto fail;
	}
	if (!moves[m].review && strcmp(n.written_by, u->login) != 0) {
		*why = "只有撰稿人本人可以提交审核。";
		goto fail;
	}
	if (strcmp(n.state, moves[m].from) != 0) {
		*why = pool_printf(pool, "稿件现在是「%s」，不能%s。",
		    pub_state_label(n.state), strcmp(move, "submit") == 0 ?
		    "提交审核" : strcmp(move, "publish") == 0 ? "发布" :
		    strcmp(move, "return") == 0 ? "退回" : "撤回");
		goto fail;
	}
	q = db_stmt(db, SQL_NEWS_STATE);
	stmt_bind_text(q, 0, moves[m].to);
	stmt_bind_text(q, 1, strcmp(move, "return") == 0 ? note : "");
	stmt_bind_text(q, 2, moves[m].to);
	stmt_bind_text(q, 3, u->login);
	stmt_bind_text(q, 4, moves[m].to);
	stmt_bind_text(q, 5, u->name);
	stmt_bind_text(q, 6, moves[m].to);
	stmt_bind_text(q, 7, moves[m].to);
	stmt_bind_int(q, 8, id);
	stmt_bind_text(q, 9, moves[m].from);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	if (strcmp(move, "publish") == 0) {
		if ((rc = news_by_id(db, pool, SQL_NEWS_GET, id, &n)) !=
		    DB_OK ||
		    (rec = news_json(&n)) == NULL)
			goto fail;
	} else if (strcmp(move, "withdraw") == 0)
		rec = json_pack("{s:s, s:I}", "type", "pub.news.withdraw",
		    "id", (json_int_t)id);
	if (rec != NULL) {
		rc = outbox_add(db, pool, rec);
		json_decref(rec);
		if (rc != DB_OK)
			goto fail;
	}
	if ((rc = audit_add(db, pool, u->login, moves[m].action,
	    pool_printf(pool, "news:%lld", (long long)id), note ? note :
	    n.title)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* ---- intranet: agents (AGT-2) -------------------------------------- */

static const char SQL_AGENTS[] =
    "SELECT a.name, COALESCE(r.name, a.region_code), COUNT(k.id), "
    "COALESCE(SUM(k.state IN ('approved', 'denied', 'not_accepted')), 0) "
    "FROM agent a LEFT JOIN region r ON r.code = a.region_code "
    "LEFT JOIN kase k ON k.agent_id = a.id "
    "GROUP BY a.id, a.name, r.name, a.region_code "
    "ORDER BY COUNT(k.id) DESC, a.id LIMIT 500";

static enum db_rc
agent_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct pub_agent	*a = arg;

	return stmt_row(q, pool, "ssii", &a->name, &a->area, &a->cases,
	    &a->decided);
}

enum db_rc
pub_agents(struct db *db, struct pool *pool, struct pub_agent **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_AGENTS), pool, agent_row,
	    sizeof(**v), v, n);
}

static const char SQL_AGENTS_SENT[] =
    "SELECT body FROM pub_agents WHERE id = 1 FOR UPDATE";
static const char SQL_AGENTS_SENT_SET[] =
    "UPDATE pub_agents SET body = ?, sent_at = UTC_TIMESTAMP() WHERE id = 1";
static const char SQL_NOW_LOCAL[] = "SELECT " NOW_LOCAL;

enum db_rc
pub_agents_send(struct db *db, struct pool *pool, int *n)
{
	struct pub_agent	*v;
	size_t			 nv, i;
	json_t			*rows, *rec;
	char			*body = NULL, *sent, *now;
	enum db_rc		 rc;
	struct stmt		*q;

	*n = 0;
	if ((rc = pub_agents(db, pool, &v, &nv)) != DB_OK)
		return rc;
	if ((rows = json_array()) == NULL)
		return DB_ERR;
	for (i = 0; i < nv; i++)
		json_array_append_new(rows, json_pack("{s:s, s:s, s:I, s:I}",
		    "name", v[i].name, "area", v[i].area, "cases",
		    (json_int_t)v[i].cases, "decided", (json_int_t)v[i].decided));
	if (json_array_size(rows) != nv || (body = json_dumps(rows,
	    JSON_COMPACT)) == NULL || db_begin(db) != DB_OK) {
		free(body);
		json_decref(rows);
		return DB_ERR;
	}
	rc = stmt_one(db_stmt(db, SQL_AGENTS_SENT), pool, "s", &sent);
	if (rc != DB_OK || strcmp(sent, body) == 0) {
		db_rollback(db);
		free(body);
		json_decref(rows);
		return rc == DB_OK ? DB_OK : DB_ERR;
	}
	rec = NULL;
	if (stmt_one(db_stmt(db, SQL_NOW_LOCAL), pool, "s", &now) == DB_OK)
		rec = json_pack("{s:s, s:s, s:O}", "type", "pub.agents", "as_of",
		    now, "agents", rows);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	json_decref(rows);
	q = db_stmt(db, SQL_AGENTS_SENT_SET);
	stmt_bind_text(q, 0, body);
	if (rc != DB_OK || stmt_run(q) != DB_OK || db_commit(db) != DB_OK) {
		free(body);
		db_rollback(db);
		return DB_ERR;
	}
	free(body);
	*n = 1;
	return DB_OK;
}

/* ---- extranet: what the records bring ------------------------------ */

static const char SQL_RESULT_PUT[] =
    "INSERT INTO result_public (id, private, item_code, item_name, "
    "dept_code, dept_name, hall_code, decision, decided_on, due_on, "
    "doc_no, applicant, published_at, late) VALUES (?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, UTC_TIMESTAMP(), " TODAY " > ?)";
static const char SQL_HALL_PUT[] =
    "INSERT INTO hall_public (hall_code, hall_name, day, received, "
    "decided, in_progress, as_of) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE hall_name = VALUES(hall_name), "
    "day = VALUES(day), received = VALUES(received), "
    "decided = VALUES(decided), in_progress = VALUES(in_progress), "
    "as_of = VALUES(as_of)";
static const char SQL_NEWS_PUT[] =
    "INSERT INTO news_public (id, kind, title, body, dept_name, "
    "published_at) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_NEWS_ITEM_PUT[] =
    "INSERT INTO news_public_item (news_id, item_code) VALUES (?, ?)";
static const char SQL_NEWS_DROP[] =
    "DELETE FROM news_public WHERE id = ?";

enum db_rc
pub_import_result(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	json_int_t	 id;
	int		 priv;
	const char	*ic, *in, *dc, *dn, *hc, *dec, *on, *due, *no, *ap;
	enum db_rc	 rc;

	(void)pool;
	if (json_unpack(rec, "{s:I, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s}", "id", &id, "private", &priv, "item_code", &ic,
	    "item_name", &in, "dept_code", &dc, "dept_name", &dn, "hall_code",
	    &hc, "decision", &dec, "decided_on", &on, "due_on", &due,
	    "doc_no", &no, "applicant", &ap) != 0) {
		snprintf(err, errlen, "公示记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_RESULT_PUT);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, priv);
	stmt_bind_text(q, 2, ic);
	stmt_bind_text(q, 3, in);
	stmt_bind_text(q, 4, dc);
	stmt_bind_text(q, 5, dn);
	stmt_bind_text(q, 6, hc);
	stmt_bind_text(q, 7, dec);
	stmt_bind_text(q, 8, on);
	stmt_bind_text(q, 9, due);
	stmt_bind_text(q, 10, no);
	stmt_bind_text(q, 11, ap);
	stmt_bind_text(q, 12, due);
	if ((rc = stmt_run(q)) == DB_DUP) {
		snprintf(err, errlen, "第 %lld 号公示已经存在", (long long)id);
		return DB_NONE;
	}
	return rc;
}

enum db_rc
pub_import_hall(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	json_int_t	 r, d, o;
	const char	*code, *name, *day, *as_of;

	(void)pool;
	if (json_unpack(rec, "{s:s, s:s, s:s, s:s, s:I, s:I, s:I}",
	    "hall_code", &code, "hall_name", &name, "day", &day, "as_of",
	    &as_of, "received", &r, "decided", &d, "in_progress", &o) != 0) {
		snprintf(err, errlen, "大厅统计记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_HALL_PUT);
	stmt_bind_text(q, 0, code);
	stmt_bind_text(q, 1, name);
	stmt_bind_text(q, 2, day);
	stmt_bind_int(q, 3, r);
	stmt_bind_int(q, 4, d);
	stmt_bind_int(q, 5, o);
	stmt_bind_text(q, 6, as_of);
	return stmt_run(q);
}

enum db_rc
pub_import_news(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	json_int_t	 id;
	json_t		*items, *e;
	const char	*kind, *title, *body, *dept, *at;
	size_t		 i;
	enum db_rc	 rc;

	(void)pool;
	if (json_unpack(rec, "{s:I, s:s, s:s, s:s, s:s, s:s, s:o}", "id", &id,
	    "kind", &kind, "title", &title, "body", &body, "dept_name", &dept,
	    "published_at", &at, "items", &items) != 0) {
		snprintf(err, errlen, "信息发布记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_NEWS_PUT);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, kind);
	stmt_bind_text(q, 2, title);
	stmt_bind_text(q, 3, body);
	stmt_bind_text(q, 4, dept);
	stmt_bind_text(q, 5, at);
	if ((rc = stmt_run(q)) != DB_OK) {
		if (rc == DB_DUP)
			snprintf(err, errlen, "第 %lld 号信息已经发布过",
			    (long long)id);
		return rc == DB_DUP ? DB_NONE : DB_ERR;
	}
	json_array_foreach(items, i, e) {
		q = db_stmt(db, SQL_NEWS_ITEM_PUT);
		stmt_bind_int(q, 0, id);
		stmt_bind_text(q, 1, json_string_value(e));
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

enum db_rc
pub_import_withdraw(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	json_int_t	 id;

	(void)pool;
	if (json_unpack(rec, "{s:I}", "id", &id) != 0) {
		snprintf(err, errlen, "撤回记录缺少字段");
		return DB_NONE;
	}
	/* Already gone (never arrived, withdrawn twice): nothing to do. */
	q = db_stmt(db, SQL_NEWS_DROP);
	stmt_bind_int(q, 0, id);
	return stmt_run(q);
}

static const char SQL_AGENTS_CLEAR[] = "DELETE FROM agent_public";
static const char SQL_AGENT_PUT[] =
    "INSERT INTO agent_public (seq, name, area, cases, decided, as_of) "
    "VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_AGENTS_OPEN[] =
    "SELECT COUNT(*) FROM agent_account WHERE active = 1";
static const char SQL_AGENTS_PUBLIC[] =
    "SELECT name, area, cases, decided, "
    "DATE_FORMAT(as_of, '%Y-%m-%d %H:%i') FROM agent_public ORDER BY seq";

enum db_rc
pub_import_agents(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	json_t		*rows, *e;
	const char	*as_of, *name, *area;
	json_int_t	 cases, decided;
	size_t		 i;
	enum db_rc	 rc;

	(void)pool;
	if (json_unpack(rec, "{s:s, s:o}", "as_of", &as_of, "agents",
	    &rows) != 0) {
		snprintf(err, errlen, "代办点统计记录缺少字段");
		return DB_NONE;
	}
	if ((rc = stmt_run(db_stmt(db, SQL_AGENTS_CLEAR))) != DB_OK)
		return rc;
	json_array_foreach(rows, i, e) {
		if (json_unpack(e, "{s:s, s:s, s:I, s:I}", "name", &name,
		    "area", &area, "cases", &cases, "decided", &decided) != 0) {
			snprintf(err, errlen, "代办点统计记录缺少字段");
			return DB_NONE;
		}
		q = db_stmt(db, SQL_AGENT_PUT);
		stmt_bind_int(q, 0, (int64_t)i + 1);
		stmt_bind_text(q, 1, name);
		stmt_bind_text(q, 2, area);
		stmt_bind_int(q, 3, cases);
		stmt_bind_int(q, 4, decided);
		stmt_bind_text(q, 5, as_of);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

struct agent_pub_row {
	struct pub_agent	 a;
	char			*as_of;
};

static enum db_rc
agent_pub_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agent_pub_row	*r = arg;

	return stmt_row(q, pool, "ssiis", &r->a.name, &r->a.area,
	    &r->a.cases, &r->a.decided, &r->as_of);
}

enum db_rc
pub_agents_public(struct db *db, struct pool *pool, struct pub_agent **v,
    size_t *n, char **as_of, int64_t *open)
{
	struct agent_pub_row	*rows;
	enum db_rc		 rc;
	size_t			 i;

	*as_of = "";
	*open = 0;
	if ((rc = stmt_list(db_stmt(db, SQL_AGENTS_PUBLIC), pool,
	    agent_pub_row, sizeof(*rows), &rows, n)) != DB_OK)
		return rc;
	*v = pool_alloc(pool, (*n + 1) * sizeof(**v));
	for (i = 0; i < *n; i++)
		(*v)[i] = rows[i].a;
	if (*n == 0)
		return stmt_one(db_stmt(db, SQL_AGENTS_OPEN), pool, "i", open);
	*as_of = rows[0].as_of;
	return DB_OK;
}

/* ---- extranet: what the pages read --------------------------------- */

/*
 * One statement for every filter, an absent one bound NULL; keyset paging
 * by id (newest first), which follows the order of decisions.
 */
#define RESULT_WHERE \
	"WHERE (? IS NULL OR item_name LIKE CONCAT('%', ?, '%') " \
	"OR item_code = ?) AND (? IS NULL OR dept_code = ?) " \
	"AND (? IS NULL OR hall_code = ?) " \
	"AND (? IS NULL OR decided_on >= ?) AND (? IS NULL OR decided_on <= ?) "
static const char SQL_RESULTS[] =
    "SELECT id, item_code, item_name, dept_name, decision, "
    "DATE_FORMAT(decided_on, '%Y-%m-%d'), DATE_FORMAT(due_on, '%Y-%m-%d'), "
    "doc_no, applicant, DATE_FORMAT(published_at + INTERVAL 8 HOUR, "
    "'%Y-%m-%d'), late FROM result_public " RESULT_WHERE
    "AND private = 0 AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?";
static const char SQL_RESULTS_PRIVATE[] =
    "SELECT COUNT(*) FROM result_public " RESULT_WHERE "AND private = 1";
static const char SQL_DEPTS[] =
    "SELECT DISTINCT dept_code, dept_name FROM item "
    "WHERE status = 'published' ORDER BY dept_code";
static const char SQL_HALL_GET[] =
    "SELECT hall_code, hall_name, DATE_FORMAT(day, '%Y-%m-%d'), "
    "DATE_FORMAT(as_of, '%Y-%m-%d %H:%i'), received, decided, in_progress "
    "FROM hall_public WHERE hall_code = ?";
#define NEWS_PUB_COLS "n.id, n.kind, n.title, n.body, '', '', n.dept_name, " \
	"'published', '', '', '', '', '', '', " \
	"DATE_FORMAT(n.published_at, '%Y-%m-%d %H:%i:%s')"
static const char SQL_NEWS_PUBLIC[] =
    "SELECT " NEWS_PUB_COLS " FROM news_public n "
    "WHERE (? IS NULL OR n.kind = ?) AND (? IS NULL OR "
    "n.title LIKE CONCAT('%', ?, '%') OR n.body LIKE CONCAT('%', ?, '%')) "
    "AND (? = 0 OR n.id < ?) ORDER BY n.id DESC LIMIT ?";
static const char SQL_NEWS_PUBLIC_GET[] =
    "SELECT " NEWS_PUB_COLS " FROM news_public n WHERE n.id = ?";

static void
bind_opt(struct stmt *q, unsigned at, const char *v)
{
	if (v == NULL || *v == '\0')
		stmt_bind_null(q, at);
	else
		stmt_bind_text(q, at, v);
}

/* The like-text of s: % and _ taken literally. */
static char *
like_literal(struct pool *pool, const char *s)
{
	char	*out, *o;

	if (s == NULL || *s == '\0')
		return NULL;
	o = out = pool_alloc(pool, 2 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static void
bind_filter(struct stmt *q, struct pool *pool, const struct pub_filter *f)
{
	char	*like = like_literal(pool, f->item);

	bind_opt(q, 0, like);
	bind_opt(q, 1, like);
	bind_opt(q, 2, f->item);
	bind_opt(q, 3, f->dept);
	bind_opt(q, 4, f->dept);
	bind_opt(q, 5, f->hall);
	bind_opt(q, 6, f->hall);
	bind_opt(q, 7, f->from);
	bind_opt(q, 8, f->from);
	bind_opt(q, 9, f->to);
	bind_opt(q, 10, f->to);
}

static enum db_rc
result_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct pub_result	*r = arg;

	return stmt_row(q, pool, "isssssssssd", &r->id, &r->item_code,
	    &r->item_name, &r->dept_name, &r->decision, &r->decided_on,
	    &r->due_on, &r->doc_no, &r->applicant, &r->published_on, &r->late);
}

enum db_rc
pub_results(struct db *db, struct pool *pool, const struct pub_filter *f,
    size_t limit, struct pub_result **v, size_t *n, int64_t *privates)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_RESULTS);
	bind_filter(q, pool, f);
	stmt_bind_int(q, 11, f->before);
	stmt_bind_int(q, 12, f->before);
	stmt_bind_int(q, 13, (int64_t)limit);
	if ((rc = stmt_list(q, pool, result_row, sizeof(**v), v, n)) !=
	    DB_OK)
		return rc;
	q = db_stmt(db, SQL_RESULTS_PRIVATE);
	bind_filter(q, pool, f);
	return stmt_one(q, pool, "i", privates);
}

static enum db_rc
dept_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct pub_dept	*d = arg;

	return stmt_row(q, pool, "ss", &d->code, &d->name);
}

enum db_rc
pub_depts(struct db *db, struct pool *pool, struct pub_dept **v, size_t *n)
{
	return stmt_list(db_stmt(db, SQL_DEPTS), pool, dept_row, sizeof(**v),
	    v, n);
}

static enum db_rc
hall_day_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct pub_hall_day	*h = arg;

	return stmt_row(q, pool, "ssssiii", &h->code, &h->name, &h->day,
	    &h->as_of, &h->received, &h->decided, &h->in_progress);
}

enum db_rc
pub_hall_get(struct db *db, struct pool *pool, const char *code,
    struct pub_hall_day *h)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HALL_GET);
	stmt_bind_text(q, 0, code);
	return stmt_first(q, pool, hall_day_row, h);
}

enum db_rc
pub_news_public(struct db *db, struct pool *pool, const char *kind,
    const char *words, int64_t before, size_t limit, struct pub_news **v,
    size_t *n)
{
	struct stmt	*q;
	char		*like = like_literal(pool, words);

	q = db_stmt(db, SQL_NEWS_PUBLIC);
	bind_opt(q, 0, kind);
	bind_opt(q, 1, kind);
	bind_opt(q, 2, like);
	bind_opt(q, 3, like);
	bind_opt(q, 4, like);
	stmt_bind_int(q, 5, before);
	stmt_bind_int(q, 6, before);
	stmt_bind_int(q, 7, (int64_t)limit);
	return stmt_list(q, pool, news_row, sizeof(**v), v, n);
}

enum db_rc
pub_news_public_get(struct db *db, struct pool *pool, int64_t id,
    struct pub_news *n)
{
	return news_by_id(db, pool, SQL_NEWS_PUBLIC_GET, id, n);
}
