/*
 * xch.c: the provincial export and the departmental import of XCH-1
 * (xch.h, docs/exchange.md).  Owns case_import (137).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog.h"
#include "deadline.h"
#include "exchange.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"
#include "vocab.h"
#include "xch.h"
#include "xchrow.h"

#define PAGE	500
/* Each line's kind (docs/exchange.md); not a record of the gap's. */
#define LINE_TYPE "type"
#define Z(x) "DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i:%sZ')"
#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"

/* The last rows an export may take: a minute old, so that no transaction
 * still open can commit a row below them (ours last well under that). */
static const char SQL_EVENT_UPPER[] =
    "SELECT COALESCE(MAX(id), ?) FROM case_event WHERE id > ? AND at < ?";
static const char SQL_WARNING_UPPER[] =
    "SELECT COALESCE(MAX(id), ?) FROM deadline_warning "
    "WHERE id > ? AND at < ?";
static const char SQL_EVENTS[] =
    "SELECT e.id, e.case_id, k.app_no, e.seq, " Z("e.at") ", e.action, "
    "e.label, e.state, e.staff_name FROM case_event e "
    "JOIN kase k ON k.id = e.case_id WHERE e.id > ? AND e.id <= ? "
    "AND k.demo = 0 ORDER BY e.id LIMIT ?";
static const char SQL_WARNINGS[] =
    "SELECT id, case_id, app_no, " Z("at") ", step_key, step_name, "
    "dept_code, " DAY("due_date") ", days_late FROM deadline_warning "
    "WHERE id > ? AND id <= ? AND demo = 0 ORDER BY id LIMIT ?";
static const char SQL_CASE[] =
    "SELECT k.app_no, k.item_code, k.item_version, k.item_name, "
    "i.dept_code, COALESCE(d.name, i.dept_name), k.source, "
    "k.applicant_name, k.state, " Z("k.submitted_at") ", "
    Z("k.received_at") ", " Z("k.accepted_at") ", " Z("k.decided_at") ", "
    DAY("k.intake_due") ", " DAY("k.promised_due") ", "
    DAY("k.statutory_due") ", k.extended_days, k.paused_days "
    "FROM kase k JOIN item i ON i.id = k.item_id "
    "LEFT JOIN department d ON d.code = i.dept_code WHERE k.id = ?";

static const char SQL_IMPORTED[] =
    "SELECT case_id FROM case_import WHERE source_system = ? "
    "AND source_id = ?";
static const char SQL_IMPORT_ADD[] =
    "INSERT INTO case_import (source_system, source_id, file, line, "
    "imported_at, imported_by) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)";
static const char SQL_IMPORT_CASE[] =
    "UPDATE case_import SET case_id = ? WHERE id = ?";
static const char SQL_CASE_ADD[] =
    "INSERT INTO kase (app_no, source, item_id, item_code, item_version, "
    "item_name, applicant_name, id_sealed, mobile_sealed, remark, state, "
    "step_seq, submitted_at, received_at, accepted_at, decided_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)";
static const char SQL_EVENT_ADD[] =
    "INSERT INTO case_event (case_id, seq, at, action, label, state, "
    "staff_id, staff_name, note) VALUES (?, 1, UTC_TIMESTAMP(), 'import', "
    "'从部门业务系统导入', ?, NULL, '系统', ?)";

/* ------------------------------------------------------------------ */
/* Export                                                              */
/* ------------------------------------------------------------------ */

/* The case ids written by one export. */
struct idset {
	int64_t		*v;
	size_t		 n, cap;
};

/* 1 when id was not in s (and now is), 0 when it was, -1 when memory
 * runs short (s unchanged). */
static int
idset_add(struct idset *s, int64_t id)
{
	size_t	 i, old;
	int64_t	*ov, *nv;

	if (2 * (s->n + 1) > s->cap) {
		ov = s->v;
		old = s->cap;
		if ((nv = calloc(old ? 2 * old : 1024, sizeof(*nv))) == NULL)
			return -1;
		s->v = nv;
		s->cap = old ? 2 * old : 1024;
		s->n = 0;
		for (i = 0; i < old; i++)
			if (ov[i] != 0)
				idset_add(s, ov[i]);
		free(ov);
	}
	for (i = (size_t)id * 2654435761u % s->cap; s->v[i] != 0;
	    i = (i + 1) % s->cap)
		if (s->v[i] == id)
			return 0;
	s->v[i] = id;
	s->n++;
	return 1;
}

/* A name as observers see one: its first character, then asterisks. */
static char *
name_masked(struct pool *pool, const char *s)
{
	size_t	 first = 1, n = 0;
	const char *p;
	char	*out;

	while (s[first] != '\0' && ((unsigned char)s[first] & 0xC0) == 0x80)
		first++;
	for (p = s + first; *p != '\0'; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
	if (*s == '\0')
		return pool_strdup(pool, "");
	out = pool_alloc(pool, first + n + 1);
	memcpy(out, s, first);
	memset(out + first, '*', n);
	out[first + n] = '\0';
	return out;
}

/* One line of JSON on out, o stolen; -1 when it cannot be made. */
static int
put(FILE *out, json_t *o)
{
	int	 rc;

	if (o == NULL)
		return -1;
	rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc != 0 || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

/* A text column's value, NULL as JSON null. */
static json_t *
opt(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static enum db_rc
put_case(struct db *db, struct pool *pool, FILE *out, int64_t id)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*v[18];

	q = db_stmt(db, SQL_CASE);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = stmt_row_text(q, pool, v, 18);
	stmt_done(q);
	if (rc != DB_OK)
		return DB_ERR;
	return put(out, json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:i}",
	    LINE_TYPE, "case", "app_no", v[0], "item_code", v[1],
	    "item_version", atoi(v[2]), "item_name", v[3], "dept_code", v[4],
	    "dept_name", v[5], "channel", v[6], "applicant_name",
	    name_masked(pool, v[7]), "state", v[8], "state_label",
	    vocab_state_label(v[8]) ? vocab_state_label(v[8]) : v[8],
	    "submitted_at", v[9], "received_at", v[10], "accepted_at",
	    opt(v[11]), "decided_at", opt(v[12]), "intake_due", opt(v[13]),
	    "promised_due", opt(v[14]), "statutory_due", opt(v[15]),
	    "extended_days", atoi(v[16]), "paused_days", atoi(v[17]))) == 0 ?
	    DB_OK : DB_ERR;
}

/* The events (what = 0) or warnings (1) of (after, upto], with their
 * cases first. */
static enum db_rc
put_rows(struct db *db, FILE *out, int what,
    int64_t after, int64_t upto, struct idset *seen, long *cases,
    long *rows)
{
	struct pool	*scratch = pool_new();
	struct stmt	*q;
	enum db_rc	 rc = DB_OK;
	json_t		*o;
	char		*v[9];
	int64_t		 ids[PAGE];
	json_t		*lines[PAGE];
	size_t		 n, i;
	int		 fresh;

	for (;;) {
		q = db_stmt(db, what == 0 ? SQL_EVENTS : SQL_WARNINGS);
		stmt_bind_int(q, 0, after);
		stmt_bind_int(q, 1, upto);
		stmt_bind_int(q, 2, PAGE);
		if ((rc = stmt_run(q)) != DB_OK)
			break;
		for (n = 0; n < PAGE && (rc = stmt_row_text(q, scratch, v,
		    9)) == DB_OK; n++) {
			after = strtoll(v[0], NULL, 10);
			ids[n] = strtoll(v[1], NULL, 10);
			if (what == 0)
				o = json_pack("{s:s, s:I, s:s, s:i, s:s, s:s, "
				    "s:s, s:s, s:s}", LINE_TYPE, "event", "id",
				    (json_int_t)after, "app_no", v[2], "seq",
				    atoi(v[3]), "at", v[4], "action", v[5],
				    "label", v[6], "state", v[7], "actor", v[8]);
			else
				o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, "
				    "s:s, s:s, s:i}", LINE_TYPE, "warning", "id",
				    (json_int_t)after, "app_no", v[2], "at", v[3],
				    "step_key", v[4], "step_name", v[5],
				    "dept_code", v[6], "due_date", v[7],
				    "days_late", atoi(v[8]));
			lines[n] = o;
		}
		stmt_done(q);
		if (rc == DB_ERR)
			break;
		rc = DB_OK;
		for (i = 0; i < n; i++) {
			if (rc == DB_OK && (fresh = idset_add(seen, ids[i])) ==
			    -1)
				rc = DB_ERR;
			else if (rc == DB_OK && fresh) {
				rc = put_case(db, scratch, out, ids[i]);
				(*cases)++;
			}
			if (rc == DB_OK && put(out, lines[i]) == -1)
				rc = DB_ERR;
			else if (rc != DB_OK)
				json_decref(lines[i]);
			(*rows)++;
		}
		pool_reset(scratch);
		if (rc != DB_OK || n < PAGE)
			break;
	}
	pool_free(scratch);
	return rc;
}

enum db_rc
xch_export(struct db *db, struct pool *pool, const char *since, time_t now,
    FILE *out, struct xch_export_stats *st, const char **why)
{
	struct idset	 seen = { NULL, 0, 0 };
	struct stmt	*q;
	struct tm	 tm;
	enum db_rc	 rc;
	long long	 e = 0, w = 0;
	int64_t		 ue, uw;
	time_t		 cut = now - 60;
	char		 cutoff[24], at[24];
	int		 len = 0;

	memset(st, 0, sizeof(*st));
	if (strcmp(since, "0") != 0 && (sscanf(since, "1.%lld.%lld%n", &e, &w,
	    &len) != 2 || (size_t)len != strlen(since) || e < 0 || w < 0 ||
	    since[2] == '-' || since[2] == '+')) {
		*why = "水位应为 0（从头导出）或上次导出打印的水位，例如 "
		    "1.1234.56。";
		return DB_NONE;
	}
	gmtime_r(&cut, &tm);
	strftime(cutoff, sizeof(cutoff), "%Y-%m-%d %H:%M:%S", &tm);
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	q = db_stmt(db, SQL_EVENT_UPPER);
	stmt_bind_int(q, 0, e);
	stmt_bind_int(q, 1, e);
	stmt_bind_text(q, 2, cutoff);
	if ((rc = stmt_one(q, pool, "i", &ue)) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_WARNING_UPPER);
	stmt_bind_int(q, 0, w);
	stmt_bind_int(q, 1, w);
	stmt_bind_text(q, 2, cutoff);
	if ((rc = stmt_one(q, pool, "i", &uw)) != DB_OK)
		return DB_ERR;
	snprintf(st->watermark, sizeof(st->watermark), "1.%lld.%lld",
	    (long long)ue, (long long)uw);
	if (put(out, json_pack("{s:s, s:s, s:i, s:s, s:s}", LINE_TYPE, "header",
	    "format", "yiwang-sup-export", "version", 1, "since", since,
	    "exported_at", at)) == -1)
		return DB_ERR;
	rc = put_rows(db, out, 0, e, ue, &seen, &st->cases, &st->events);
	if (rc == DB_OK)
		rc = put_rows(db, out, 1, w, uw, &seen, &st->cases,
		    &st->warnings);
	free(seen.v);
	if (rc != DB_OK || put(out, json_pack("{s:s, s:s, s:I, s:I, s:I}",
	    LINE_TYPE, "end", "watermark", st->watermark, "cases",
	    (json_int_t)st->cases, "events", (json_int_t)st->events,
	    "warnings", (json_int_t)st->warnings)) == -1 || fflush(out) != 0)
		return DB_ERR;
	return DB_OK;
}

/* ------------------------------------------------------------------ */
/* Import                                                              */
/* ------------------------------------------------------------------ */

/* Store the case of r (line n of path): DB_OK stored, DB_DUP stored
 * before, DB_NONE refused (*field, *why), DB_ERR. */
static enum db_rc
import_one(struct db *db, struct pool *pool, const struct xch_row *r,
    const char *path, long n, const char *actor, const char **field,
    const char **why)
{
	struct item	 it;
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 imp, id;
	char		*sid, *smob, *app_no;

	if ((rc = catalog_published(db, pool, r->item_code, &it)) == DB_NONE) {
		*field = "item_code";
		*why = "没有这个事项，或这个事项没有发布。";
		return DB_NONE;
	}
	if (rc != DB_OK)
		return DB_ERR;
	if (strcmp(it.dept_code, r->dept_code) != 0) {
		*field = "dept_code";
		*why = pool_printf(pool, "部门与事项的实施部门（%s，%s）不符。",
		    it.dept_code, it.dept_name);
		return DB_NONE;
	}
	if ((sid = pii_seal(pool, SEALED_CASE_ID, r->id_number)) == NULL ||
	    (smob = pii_seal(pool, SEALED_CASE_MOBILE, r->mobile)) == NULL)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_IMPORTED);
	stmt_bind_text(q, 0, r->system);
	stmt_bind_text(q, 1, r->source_id);
	if ((rc = stmt_one(q, pool, "i", &id)) != DB_NONE) {
		db_rollback(db);
		return rc == DB_OK ? DB_DUP : DB_ERR;
	}
	q = db_stmt(db, SQL_IMPORT_ADD);
	stmt_bind_text(q, 0, r->system);
	stmt_bind_text(q, 1, r->source_id);
	stmt_bind_text(q, 2, path);
	stmt_bind_int(q, 3, n);
	stmt_bind_text(q, 4, actor);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	imp = stmt_insert_id(q);
	app_no = pool_printf(pool, "YJ%010lld", (long long)imp);
	q = db_stmt(db, SQL_CASE_ADD);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, r->channel);
	stmt_bind_int(q, 2, it.id);
	stmt_bind_text(q, 3, it.code);
	stmt_bind_int(q, 4, it.version);
	stmt_bind_text(q, 5, it.name);
	stmt_bind_text(q, 6, r->name);
	stmt_bind_text(q, 7, sid);
	stmt_bind_text(q, 8, smob);
	stmt_bind_text(q, 9, r->remark);
	stmt_bind_text(q, 10, r->state);
	stmt_bind_text(q, 11, r->submitted);
	stmt_bind_text(q, 12, r->submitted);
	if (r->accepted[0] != '\0')
		stmt_bind_text(q, 13, r->accepted);
	else
		stmt_bind_null(q, 13);
	if (r->decided[0] != '\0')
		stmt_bind_text(q, 14, r->decided);
	else
		stmt_bind_null(q, 14);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	id = stmt_insert_id(q);
	q = db_stmt(db, SQL_EVENT_ADD);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, r->state);
	stmt_bind_text(q, 2, pool_printf(pool, "来源：%s，原编号 %s。",
	    r->system, r->source_id));
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_IMPORT_CASE);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, imp);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = deadline_case(db, pool, id)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	/* Stored meanwhile by another import of the same row. */
	return rc == DB_DUP ? DB_DUP : DB_ERR;
}

enum db_rc
xch_import(struct db *db, struct pool *pool, FILE *in, const char *path,
    const char *actor, time_t now, FILE *report,
    struct xch_import_stats *st)
{
	struct pool	*scratch = pool_new();
	struct xch_row	 r;
	enum db_rc	 rc = DB_OK;
	const char	*field, *why;
	char		*line = NULL;
	size_t		 cap = 0;
	ssize_t		 len;

	memset(st, 0, sizeof(*st));
	while (rc != DB_ERR && (len = getline(&line, &cap, in)) != -1) {
		st->lines++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0)
			continue;	/* a blank line: nothing */
		field = why = NULL;
		if (xch_row_parse(line, (size_t)len, now, &r, &field, &why) ==
		    0) {
			rc = import_one(db, scratch, &r, path, st->lines, actor,
			    &field, &why);
			xch_row_free(&r);
			if (rc == DB_OK)
				st->stored++;
			else if (rc == DB_DUP)
				st->again++;
			if (rc != DB_NONE) {
				pool_reset(scratch);
				continue;
			}
		}
		st->refused++;
		if (*field != '\0')
			fprintf(report, "第 %ld 行 %s：%s\n", st->lines, field,
			    why);
		else
			fprintf(report, "第 %ld 行：%s\n", st->lines, why);
		rc = DB_OK;
		pool_reset(scratch);
	}
	free(line);
	pool_free(scratch);
	if (rc == DB_ERR || (rc = db_begin(db)) != DB_OK)
		return DB_ERR;
	if ((rc = audit_json(db, pool, actor, "exchange.import", path,
	    json_pack("{s:I, s:I, s:I, s:I}", "lines", (json_int_t)st->lines,
	    "stored", (json_int_t)st->stored, "again", (json_int_t)st->again,
	    "refused", (json_int_t)st->refused))) != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}
