/*
 * catalog.c: owns item, item_material and item_step.
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "catalog.h"
#include "exchange.h"
#include "log.h"

#define ITEM_COLS "id, code, version, status, name, kind, dept_code, " \
	"dept_name, level, basis, conditions, statutory_days, promised_days, " \
	"instant, fee, place, hours, phone, complaint_phone, visits, depth, " \
	"COALESCE(DATE_FORMAT(published_at, '%Y-%m-%d'), '')"

static const char SQL_ITEM_PUBLISHED[] =
    "SELECT " ITEM_COLS " FROM item WHERE code = ? AND status = 'published'";
static const char SQL_ITEM_BY_ID[] =
    "SELECT " ITEM_COLS " FROM item WHERE id = ?";
static const char SQL_ITEM_LIST[] =
    "SELECT " ITEM_COLS " FROM item WHERE status = 'published' "
    "ORDER BY dept_code, code";
static const char SQL_ITEM_NEXT_VERSION[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM item WHERE code = ?";
static const char SQL_ITEM_ADD[] =
    "INSERT INTO item (code, version, status, name, kind, dept_code, "
    "dept_name, level, basis, conditions, statutory_days, promised_days, "
    "instant, fee, place, hours, phone, complaint_phone, visits, depth, "
    "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, IF(? = 'published', UTC_TIMESTAMP(), NULL))";
static const char SQL_MATERIAL_ADD[] =
    "INSERT INTO item_material (item_id, seq, name, original, copies, "
    "required, types, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_STEP_ADD[] =
    "INSERT INTO item_step (item_id, seq, name, role, days) "
    "VALUES (?, ?, ?, ?, ?)";
static const char SQL_MATERIALS[] =
    "SELECT seq, name, original, copies, required, types, note "
    "FROM item_material WHERE item_id = ? ORDER BY seq";
static const char SQL_STEPS[] =
    "SELECT seq, name, role, days FROM item_step WHERE item_id = ? "
    "ORDER BY seq";
static const char SQL_RETIRE_OTHERS[] =
    "UPDATE item SET status = 'retired' WHERE code = ? "
    "AND status = 'published' AND version <> ?";
static const char SQL_PUBLISH[] =
    "UPDATE item SET status = 'published', published_at = UTC_TIMESTAMP() "
    "WHERE code = ? AND version = ? AND status IN ('draft', 'review')";
static const char SQL_ITEM_ID[] =
    "SELECT id FROM item WHERE code = ? AND version = ?";

static enum db_rc
row_item(struct stmt *q, struct pool *pool, struct item *it)
{
	return stmt_row(q, pool, "isdssssssssdddsssssdss", &it->id, &it->code,
	    &it->version, &it->status, &it->name, &it->kind, &it->dept_code,
	    &it->dept_name, &it->level, &it->basis, &it->conditions,
	    &it->statutory_days, &it->promised_days, &it->instant, &it->fee,
	    &it->place, &it->hours, &it->phone, &it->complaint_phone,
	    &it->visits, &it->depth, &it->published_at);
}

/* Fill the materials and steps of it. */
static enum db_rc
load_parts(struct db *db, struct pool *pool, struct item *it)
{
	struct stmt	*q;
	struct material	 m;
	struct step	 s;
	enum db_rc	 rc;
	size_t		 cap;

	q = db_stmt(db, SQL_MATERIALS);
	stmt_bind_int(q, 0, it->id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	cap = 0;
	it->nmaterials = 0;
	while ((rc = stmt_row(q, pool, "dsssdss", &m.seq, &m.name,
	    &m.original, &m.copies, &m.required, &m.types, &m.note)) == DB_OK) {
		*(struct material *)pool_push(pool, &it->materials,
		    &it->nmaterials, &cap, sizeof(m)) = m;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	q = db_stmt(db, SQL_STEPS);
	stmt_bind_int(q, 0, it->id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	cap = 0;
	it->nsteps = 0;
	while ((rc = stmt_row(q, pool, "dsdd", &s.seq, &s.name, &s.role,
	    &s.days)) == DB_OK) {
		*(struct step *)pool_push(pool, &it->steps, &it->nsteps, &cap,
		    sizeof(s)) = s;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

static enum db_rc
load_one(struct db *db, struct pool *pool, struct stmt *q, struct item *it)
{
	enum db_rc	 rc;

	memset(it, 0, sizeof(*it));
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = row_item(q, pool, it);
	stmt_done(q);
	if (rc != DB_OK)
		return rc;
	return load_parts(db, pool, it);
}

enum db_rc
catalog_published(struct db *db, struct pool *pool, const char *code,
    struct item *it)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ITEM_PUBLISHED);
	stmt_bind_text(q, 0, code);
	return load_one(db, pool, q, it);
}

enum db_rc
catalog_by_id(struct db *db, struct pool *pool, int64_t id, struct item *it)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ITEM_BY_ID);
	stmt_bind_int(q, 0, id);
	return load_one(db, pool, q, it);
}

enum db_rc
catalog_list(struct db *db, struct pool *pool, struct item **out, size_t *n)
{
	struct stmt	*q;
	struct item	 it, *v = NULL;
	enum db_rc	 rc;
	size_t		 cap = 0;

	*n = 0;
	q = db_stmt(db, SQL_ITEM_LIST);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	memset(&it, 0, sizeof(it));
	while ((rc = row_item(q, pool, &it)) == DB_OK) {
		*(struct item *)pool_push(pool, &v, n, &cap,
		    sizeof(it)) = it;
	}
	stmt_done(q);
	*out = v;
	return rc == DB_ERR ? rc : DB_OK;
}

/* JSON accessors that record the first missing field in err. */
static const char *
jstr(json_t *o, const char *k, char *err, size_t errlen)
{
	const char	*v;

	if ((v = json_string_value(json_object_get(o, k))) == NULL &&
	    err[0] == '\0')
		snprintf(err, errlen, "缺少字段 %s（文字）", k);
	return v;
}

static int
jint(json_t *o, const char *k, int dflt, int need, char *err, size_t errlen)
{
	json_t	*v = json_object_get(o, k);

	if (json_is_integer(v))
		return (int)json_integer_value(v);
	if (json_is_boolean(v))
		return json_is_true(v);
	if (need && err[0] == '\0')
		snprintf(err, errlen, "缺少字段 %s（整数）", k);
	return dflt;
}

static unsigned
jrole(json_t *o, char *err, size_t errlen)
{
	json_t		*v = json_object_get(o, "role");
	unsigned	 r = 0;

	if (json_is_string(v))
		r = account_role_parse(json_string_value(v));
	else if (json_is_integer(v))
		r = (unsigned)json_integer_value(v);
	if (r == 0 && err[0] == '\0')
		snprintf(err, errlen, "办理环节缺少有效的角色 role");
	return r;
}

enum db_rc
catalog_store(struct db *db, struct pool *pool, json_t *o, int from_bundle,
    int64_t *id, char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*arr, *e;
	size_t		 i;
	int64_t		 version;
	const char	*code, *status, *depth;
	static const char *const textkeys[] = { "name", "kind", "dept_code",
	    "dept_name", "level", "basis", "conditions" };
	static const char *const textkeys2[] = { "fee", "place", "hours",
	    "phone", "complaint_phone" };

	err[0] = '\0';
	if (!json_is_object(o)) {
		snprintf(err, errlen, "事项定义不是 JSON 对象");
		return DB_ERR;
	}
	code = jstr(o, "code", err, errlen);
	depth = jstr(o, "depth", err, errlen);
	for (i = 0; i < 7; i++)
		(void)jstr(o, textkeys[i], err, errlen);
	for (i = 0; i < 5; i++)
		(void)jstr(o, textkeys2[i], err, errlen);
	(void)jint(o, "statutory_days", 0, 1, err, errlen);
	(void)jint(o, "promised_days", 0, 1, err, errlen);
	if (err[0] == '\0' && (strlen(depth) != 1 ||
	    strchr("ABCD", depth[0]) == NULL))
		snprintf(err, errlen, "网办深度 depth 只能是 A、B、C、D");
	if (err[0] == '\0' && !json_is_array(json_object_get(o, "steps")))
		snprintf(err, errlen, "缺少办理环节 steps");
	if (err[0] != '\0')
		return DB_ERR;

	if (from_bundle) {
		version = jint(o, "version", 0, 1, err, errlen);
		status = jstr(o, "status", err, errlen);
		if (err[0] != '\0')
			return DB_ERR;
	} else {
		q = db_stmt(db, SQL_ITEM_NEXT_VERSION);
		stmt_bind_text(q, 0, code);
		if ((rc = stmt_one(q, pool, "i", &version)) != DB_OK)
			return DB_ERR;
		status = "draft";
	}
	q = db_stmt(db, SQL_ITEM_ADD);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	stmt_bind_text(q, 2, status);
	for (i = 0; i < 7; i++)
		stmt_bind_text(q, 3 + i, json_string_value(
		    json_object_get(o, textkeys[i])));
	stmt_bind_int(q, 10, jint(o, "statutory_days", 0, 1, err, errlen));
	stmt_bind_int(q, 11, jint(o, "promised_days", 0, 1, err, errlen));
	stmt_bind_int(q, 12, jint(o, "instant", 0, 0, err, errlen));
	for (i = 0; i < 5; i++)
		stmt_bind_text(q, 13 + i, json_string_value(
		    json_object_get(o, textkeys2[i])));
	stmt_bind_int(q, 18, jint(o, "visits", 0, 0, err, errlen));
	stmt_bind_text(q, 19, depth);
	stmt_bind_text(q, 20, status);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	*id = stmt_insert_id(q);

	arr = json_object_get(o, "materials");
	json_array_foreach(arr, i, e) {
		const char *name = jstr(e, "name", err, errlen);
		const char *orig = json_string_value(
		    json_object_get(e, "original"));
		const char *types = json_string_value(
		    json_object_get(e, "types"));
		const char *note = json_string_value(
		    json_object_get(e, "note"));
		if (err[0] != '\0')
			return DB_ERR;
		q = db_stmt(db, SQL_MATERIAL_ADD);
		stmt_bind_int(q, 0, *id);
		stmt_bind_int(q, 1, (int64_t)i + 1);
		stmt_bind_text(q, 2, name);
		stmt_bind_text(q, 3, orig ? orig : "原件");
		stmt_bind_int(q, 4, jint(e, "copies", 1, 0, err, errlen));
		stmt_bind_int(q, 5, jint(e, "required", 1, 0, err, errlen));
		stmt_bind_text(q, 6, types ? types : "pdf");
		stmt_bind_text(q, 7, note ? note : "");
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	arr = json_object_get(o, "steps");
	if (json_array_size(arr) < 2) {
		snprintf(err, errlen, "办理流程至少要有受理和决定两个环节");
		return DB_ERR;
	}
	json_array_foreach(arr, i, e) {
		const char *name = jstr(e, "name", err, errlen);
		unsigned role = jrole(e, err, errlen);
		int days = jint(e, "days", 0, 1, err, errlen);
		if (err[0] != '\0')
			return DB_ERR;
		q = db_stmt(db, SQL_STEP_ADD);
		stmt_bind_int(q, 0, *id);
		stmt_bind_int(q, 1, (int64_t)i + 1);
		stmt_bind_text(q, 2, name);
		stmt_bind_int(q, 3, role);
		stmt_bind_int(q, 4, days);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

json_t *
catalog_json(const struct item *it)
{
	json_t	*o, *arr;
	size_t	 i;

	o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:i, s:i, s:b, s:s, s:s, s:s, s:s, s:s, s:i, s:s}",
	    "type", "item", "code", it->code, "version", it->version,
	    "status", it->status, "name", it->name, "kind", it->kind,
	    "dept_code", it->dept_code, "dept_name", it->dept_name,
	    "level", it->level, "basis", it->basis,
	    "conditions", it->conditions,
	    "statutory_days", it->statutory_days,
	    "promised_days", it->promised_days, "instant", it->instant,
	    "fee", it->fee, "place", it->place, "hours", it->hours,
	    "phone", it->phone, "complaint_phone", it->complaint_phone,
	    "visits", it->visits, "depth", it->depth);
	if (o == NULL)
		abort();
	arr = json_array();
	for (i = 0; i < it->nmaterials; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:b, "
		    "s:s, s:s}", "name", it->materials[i].name,
		    "original", it->materials[i].original,
		    "copies", it->materials[i].copies,
		    "required", it->materials[i].required,
		    "types", it->materials[i].types,
		    "note", it->materials[i].note));
	json_object_set_new(o, "materials", arr);
	arr = json_array();
	for (i = 0; i < it->nsteps; i++)
		json_array_append_new(arr, json_pack("{s:s, s:i, s:i}",
		    "name", it->steps[i].name, "role", it->steps[i].role,
		    "days", it->steps[i].days));
	json_object_set_new(o, "steps", arr);
	return o;
}

enum db_rc
catalog_publish(struct db *db, struct pool *pool, const char *code,
    int version, const char *actor)
{
	struct stmt	*q;
	struct item	 it;
	json_t		*rec;
	enum db_rc	 rc;
	int64_t		 id;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_PUBLISH);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	if (stmt_affected(q) != 1) {
		rc = DB_NONE;		/* no such draft */
		goto fail;
	}
	q = db_stmt(db, SQL_RETIRE_OTHERS);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_ITEM_ID);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_one(q, pool, "i", &id)) != DB_OK)
		goto fail;
	if ((rc = catalog_by_id(db, pool, id, &it)) != DB_OK)
		goto fail;
	/* Secret and D items never reach the extranet (CAT-1). */
	if (strcmp(it.depth, "D") != 0) {
		rec = catalog_json(&it);
		rc = outbox_add(db, rec);
		json_decref(rec);
		if (rc != DB_OK)
			goto fail;
	}
	rc = audit_add(db, pool, actor, "item.publish", code,
	    pool_printf(pool, "version %d", version));
	if (rc != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

const char *
catalog_depth_label(const char *d)
{
	if (d == NULL)
		return "";
	switch (d[0]) {
	case 'A': return "A 级 · 全程网办";
	case 'B': return "B 级 · 网上预审";
	case 'C': return "C 级 · 窗口办理、网上公示";
	default: return "D 级 · 不在网上办理";
	}
}

enum db_rc
catalog_import(struct db *db, struct pool *pool, json_t *o, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 id;

	rc = catalog_store(db, pool, o, 1, &id, err, errlen);
	if (rc == DB_DUP)
		return DB_OK;		/* this version arrived before */
	if (rc != DB_OK)
		return rc;
	q = db_stmt(db, SQL_RETIRE_OTHERS);
	stmt_bind_text(q, 0, json_string_value(json_object_get(o, "code")));
	stmt_bind_int(q, 1, json_integer_value(json_object_get(o, "version")));
	return stmt_run(q);
}
