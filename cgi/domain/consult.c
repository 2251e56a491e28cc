/*
 * consult.c: online consultation on both sites (consult.h).
 */
#include <stdio.h>
#include <string.h>

#include "consult.h"
#include "deadline.h"
#include "exchange.h"
#include "ids.h"

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d'), "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
#define CQ_COLUMNS \
    "c.id, c.cq_no, c.item_code, c.item_name, c.dept_code, c.asker, " \
    "c.question, DATE_FORMAT(c.asked_at + INTERVAL 8 HOUR, " \
    "'%Y-%m-%d %H:%i'), COALESCE(DATE_FORMAT(c.due, '%Y-%m-%d'), ''), " \
    "c.answer, COALESCE(DATE_FORMAT(c.answered_at + INTERVAL 8 HOUR, " \
    "'%Y-%m-%d %H:%i'), ''), COALESCE(s.name, ''), c.faq_question, " \
    "c.faq FROM consult c LEFT JOIN staff s ON s.id = c.staff_id "
static const char SQL_MINE[] =
    "SELECT " CQ_COLUMNS "WHERE c.citizen_id = ? ORDER BY c.id DESC";
static const char SQL_LIST[] =
    "SELECT " CQ_COLUMNS "WHERE (? IS NULL OR c.dept_code = ?) "
    "AND (? = 0 OR c.answered_at IS NULL) "
    "ORDER BY c.answered_at IS NOT NULL, c.due, c.id LIMIT ?";
static const char SQL_GET[] =
    "SELECT " CQ_COLUMNS "WHERE c.id = ? FOR UPDATE";
static const char SQL_EXISTS[] =
    "SELECT id FROM consult WHERE cq_no = ?";
static const char SQL_BY_KEY[] =
    "SELECT cq_no FROM consult WHERE citizen_id = ? AND form_key = ?";
static const char SQL_ASK[] =
    "INSERT INTO consult (citizen_id, form_key, item_code, item_version, "
    "item_name, dept_code, asker, question, asked_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_NUMBER[] =
    "UPDATE consult SET cq_no = ? WHERE id = ?";
static const char SQL_IMPORT[] =
    "INSERT INTO consult (cq_no, item_code, item_version, item_name, "
    "dept_code, asker, question, asked_at, due) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_ASKED_DAY[] =
    "SELECT DATE_FORMAT(? + INTERVAL 8 HOUR, '%Y-%m-%d')";
static const char SQL_ANSWER[] =
    "UPDATE consult SET answer = ?, answered_at = UTC_TIMESTAMP(), "
    "staff_id = ? WHERE id = ? AND answered_at IS NULL";
static const char SQL_TAKE_ANSWER[] =
    "UPDATE consult SET answer = ?, answered_at = ? "
    "WHERE cq_no = ? AND answered_at IS NULL";
static const char SQL_FAQ[] =
    "UPDATE consult SET faq = ?, faq_question = ?, faq_seq = faq_seq + 1 "
    "WHERE id = ?";
static const char SQL_SEQ[] =
    "SELECT faq_seq, DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s') "
    "FROM consult WHERE id = ?";
static const char SQL_TAKE_FAQ[] =
    "UPDATE consult SET faq = ?, faq_question = ?, answer = ?, "
    "faq_seq = ? WHERE cq_no = ? AND faq_seq < ?";

char *
consult_mask(struct pool *pool, const char *text, const char *name)
{
	const char	*p, *hit;
	char		*out, *o, *q;
	size_t		 run, i, nlen;

	out = pool_alloc(pool, strlen(text) + 1);
	for (p = text, o = out; *p != '\0'; ) {
		/* A number masked already (id_mask_text()) is one run. */
		for (run = 0; (p[run] >= '0' && p[run] <= '9') ||
		    (run > 0 && (p[run] == 'X' || p[run] == 'x' ||
		    p[run] == '*')); run++)
			;
		if (run >= 7) {
			for (i = 0; i < run; i++)
				*o++ = i < 3 || i >= run - 2 ? p[i] : '*';
			p += run;
		} else if (run > 0) {
			memcpy(o, p, run);
			o += run;
			p += run;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	if (name == NULL || *name == '\0')
		return out;
	/* The name: its first character (UTF-8) and "**". */
	for (nlen = 1; (name[nlen] & 0xc0) == 0x80; nlen++)
		;
	while ((hit = strstr(out, name)) != NULL) {
		q = pool_alloc(pool, strlen(out) + 3);
		snprintf(q, strlen(out) + 3, "%.*s%.*s**%s", (int)(hit - out),
		    out, (int)nlen, name, hit + strlen(name));
		out = q;
	}
	return out;
}

static enum db_rc
cq_row(struct stmt *q, struct pool *pool, void *elem)
{
	struct consult	*c = elem;

	return stmt_row(q, pool, "issssssssssssi", &c->id, &c->no,
	    &c->item_code, &c->item_name, &c->dept_code, &c->asker,
	    &c->question, &c->asked_at, &c->due, &c->answer,
	    &c->answered_at, &c->staff, &c->faq_question, &c->faq);
}

enum db_rc
consult_exists(struct db *db, struct pool *pool, const char *no)
{
	struct stmt	*q;
	int64_t		 id;

	q = db_stmt(db, SQL_EXISTS);
	stmt_bind_text(q, 0, no);
	return stmt_one(q, pool, "i", &id);
}

/*
 * The end of an action's transaction: rec (taken) for the other site,
 * the audit row, commit; on any failure (rc already one) rolled back.
 */
static enum db_rc
finish(struct db *db, struct pool *pool, enum db_rc rc, json_t *rec,
    const char *actor, const char *action, const char *object,
    const char *detail)
{
	if (rc == DB_OK)
		rc = outbox_add(db, pool, rec);	/* refuses a NULL rec */
	json_decref(rec);
	if (rc == DB_OK && (rc = audit_add(db, pool, actor, action, object,
	    detail)) == DB_OK)
		return db_commit(db);
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* ---- extranet ------------------------------------------------------ */

static enum db_rc
by_key(struct db *db, struct pool *pool, int64_t citizen, const char *key,
    char **no)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_BY_KEY);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_text(q, 1, key);
	return stmt_one(q, pool, "s", no);
}

enum db_rc
consult_ask(struct db *db, struct pool *pool, const struct user *u,
    const char *code, int version, const char *item_name,
    const char *dept_code, const char *question, const char *form_key,
    char **no)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*day, *now;

	if ((rc = by_key(db, pool, u->id, form_key, no)) != DB_NONE)
		return rc;
	/* No number in clear at rest (id_mask_text()). */
	question = id_mask_text(pool_strdup(pool, question));
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = stmt_one(db_stmt(db, SQL_NOW), pool, "ss", &day, &now)) !=
	    DB_OK)
		goto fail;
	q = db_stmt(db, SQL_ASK);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, form_key);
	stmt_bind_text(q, 2, code);
	stmt_bind_int(q, 3, version);
	stmt_bind_text(q, 4, item_name);
	stmt_bind_text(q, 5, dept_code);
	stmt_bind_text(q, 6, u->name);
	stmt_bind_text(q, 7, question);
	stmt_bind_text(q, 8, now);
	if ((rc = stmt_run(q)) == DB_DUP) {
		db_rollback(db);
		return by_key(db, pool, u->id, form_key, no);
	}
	if (rc != DB_OK)
		goto fail;
	if ((rc = stmt_number(db, q, pool, SQL_NUMBER, "ZX", day, no)) !=
	    DB_OK)
		goto fail;
	return finish(db, pool, DB_OK, json_pack("{s:s, s:s, s:s, s:i, s:s, "
	    "s:s, s:s, s:s, s:s}", "type", "consult", "no", *no, "item_code",
	    code, "item_version", version, "item_name", item_name,
	    "dept_code", dept_code, "asker", u->name, "question", question,
	    "at", now), u->login, "consult.ask", *no, code);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
consult_mine(struct db *db, struct pool *pool, int64_t citizen,
    struct consult **v, size_t *n)
{
	struct stmt	*q = db_stmt(db, SQL_MINE);

	stmt_bind_int(q, 0, citizen);
	return stmt_list(q, pool, cq_row, sizeof(**v), v, n);
}

enum db_rc
consult_import_answer(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	const char	*no, *answer, *at;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:s, s:s}", "no", &no, "answer", &answer,
	    "at", &at) != 0) {
		snprintf(err, errlen, "咨询答复记录缺少字段");
		return DB_NONE;
	}
	/* Once: an answer carried again changes nothing. */
	q = db_stmt(db, SQL_TAKE_ANSWER);
	stmt_bind_text(q, 0, id_mask_text(pool_strdup(pool, answer)));
	stmt_bind_text(q, 1, at);
	stmt_bind_text(q, 2, no);
	rc = stmt_run(q);
	return rc == DB_NONE ? DB_OK : rc;
}

enum db_rc
consult_import_faq(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	const char	*no, *question, *answer, *state;
	json_int_t	 seq;
	enum db_rc	 rc;

	(void)pool;
	if (json_unpack(rec, "{s:s, s:s, s:s, s:s, s:I}", "no", &no,
	    "question", &question, "answer", &answer, "state", &state, "seq",
	    &seq) != 0) {
		snprintf(err, errlen, "常见问题记录缺少字段");
		return DB_NONE;
	}
	/* Only a newer change: older or repeated records change nothing. */
	q = db_stmt(db, SQL_TAKE_FAQ);
	stmt_bind_int(q, 0, strcmp(state, "published") == 0);
	stmt_bind_text(q, 1, question);
	stmt_bind_text(q, 2, answer);
	stmt_bind_int(q, 3, seq);
	stmt_bind_text(q, 4, no);
	stmt_bind_int(q, 5, seq);
	rc = stmt_run(q);
	return rc == DB_NONE ? DB_OK : rc;
}

/* ---- intranet ------------------------------------------------------ */

enum db_rc
consult_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct stmt	*q;
	struct calendar	 cal;
	const char	*no, *code, *name, *dept, *asker, *question, *at;
	char		*day, *due;
	json_int_t	 version;
	enum db_rc	 rc;

	if (json_unpack(rec, "{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s}",
	    "no", &no, "item_code", &code, "item_version", &version,
	    "item_name", &name, "dept_code", &dept, "asker", &asker,
	    "question", &question, "at", &at) != 0) {
		snprintf(err, errlen, "咨询记录缺少字段");
		return DB_NONE;
	}
	/* Carried again: already here, nothing to do. */
	if ((rc = consult_exists(db, pool, no)) != DB_NONE)
		return rc;
	/* Answer within CONSULT_DAYS working days of the day it was asked
	 * (Beijing), on the stored calendar. */
	q = db_stmt(db, SQL_ASKED_DAY);
	stmt_bind_text(q, 0, at);
	if ((rc = stmt_one(q, pool, "s", &day)) != DB_OK ||
	    (rc = calendar_get(db, pool, &cal)) != DB_OK)
		return rc == DB_NONE ? DB_ERR : rc;
	if ((due = deadline_after(pool, &cal, day, CONSULT_DAYS)) == NULL)
		return DB_ERR;
	q = db_stmt(db, SQL_IMPORT);
	stmt_bind_text(q, 0, no);
	stmt_bind_text(q, 1, code);
	stmt_bind_int(q, 2, version);
	stmt_bind_text(q, 3, name);
	stmt_bind_text(q, 4, dept);
	stmt_bind_text(q, 5, asker);
	stmt_bind_text(q, 6, id_mask_text(pool_strdup(pool, question)));
	stmt_bind_text(q, 7, at);
	stmt_bind_text(q, 8, due);
	return stmt_run(q);
}

enum db_rc
consult_list(struct db *db, struct pool *pool, const char *dept, int open,
    struct consult **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_LIST);
	if (dept != NULL) {
		stmt_bind_text(q, 0, dept);
		stmt_bind_text(q, 1, dept);
	} else {
		stmt_bind_null(q, 0);
		stmt_bind_null(q, 1);
	}
	stmt_bind_int(q, 2, open);
	stmt_bind_int(q, 3, CONSULT_PAGE);
	return stmt_list(q, pool, cq_row, sizeof(**v), v, n);
}

/* Question id locked for u's department: DB_OK, or DB_NONE with *why. */
static enum db_rc
lock_own(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, struct consult *c, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_first(q, pool, cq_row, c)) == DB_NONE)
		*why = "没有这条咨询。";
	else if (rc == DB_OK && (u->dept_code == NULL ||
	    strcmp(c->dept_code, u->dept_code) != 0)) {
		*why = "这条咨询由事项所属部门答复。";
		rc = DB_NONE;
	}
	return rc;
}

enum db_rc
consult_answer(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, const char *answer, const char **why)
{
	struct consult	 c;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*now;
	int64_t		 seq;

	*why = NULL;
	answer = id_mask_text(pool_strdup(pool, answer));
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = lock_own(db, pool, u, id, &c, why)) != DB_OK)
		goto fail;
	if (*c.answered_at != '\0') {
		*why = "这条咨询已经答复过了。";
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_ANSWER);
	stmt_bind_text(q, 0, answer);
	stmt_bind_int(q, 1, u->id);
	stmt_bind_int(q, 2, id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_SEQ);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "is", &seq, &now)) != DB_OK)
		goto fail;
	return finish(db, pool, DB_OK, json_pack("{s:s, s:s, s:s, s:s, s:s}",
	    "type", "consult.answer", "no", c.no, "dept_name", u->dept_name,
	    "answer", answer, "at", now), u->login, "consult.answer", c.no,
	    c.item_code);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
consult_publish(struct db *db, struct pool *pool, const struct user *u,
    int64_t id, int publish, const char **why)
{
	struct consult	 c;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*masked, *now;
	int64_t		 seq;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = lock_own(db, pool, u, id, &c, why)) != DB_OK)
		goto fail;
	if (publish && (*c.answered_at == '\0' || c.faq)) {
		*why = c.faq ? "这条咨询已经作为常见问题发布了。" :
		    "答复之后才能作为常见问题发布。";
		rc = DB_NONE;
		goto fail;
	}
	if (!publish && !c.faq) {
		*why = "这条咨询没有作为常见问题发布。";
		rc = DB_NONE;
		goto fail;
	}
	/* Published masked: no asker, no numbers, no name (consult.h). */
	masked = publish ? consult_mask(pool, c.question, c.asker) :
	    c.faq_question;
	q = db_stmt(db, SQL_FAQ);
	stmt_bind_int(q, 0, publish);
	stmt_bind_text(q, 1, masked);
	stmt_bind_int(q, 2, id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_SEQ);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "is", &seq, &now)) != DB_OK)
		goto fail;
	return finish(db, pool, DB_OK, json_pack("{s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:I}", "type", "faq", "no", c.no, "item_code", c.item_code,
	    "question", masked, "answer", consult_mask(pool, c.answer,
	    c.asker), "state", publish ? "published" : "withdrawn", "seq",
	    (json_int_t)seq), u->login, publish ? "consult.faq.publish" :
	    "consult.faq.withdraw", c.no, c.item_code);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}
