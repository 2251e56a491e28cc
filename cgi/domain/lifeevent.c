/*
 * lifeevent.c: 一件事一次办 (EXT-12; lifeevent.h).  Owns life_event,
 * life_event_item, app_bundle and case_bundle (db/271_life_event.sql).
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "exchange.h"
#include "lifeevent.h"
#include "log.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define EV_COLS "e.id, e.code, e.version, e.name, e.intro, e.status, " \
	"e.created_by, " LOCAL("e.created_at") ", e.published_by, " \
	LOCAL("e.published_at")

static const char SQL_EV_VERSION[] =
    "SELECT " EV_COLS " FROM life_event e WHERE e.code = ? "
    "AND e.version = ?";
static const char SQL_EV_PUBLISHED[] =
    "SELECT " EV_COLS " FROM life_event e WHERE e.code = ? "
    "AND e.status = 'published'";
static const char SQL_EV_LATEST[] =
    "SELECT " EV_COLS " FROM life_event e WHERE e.version = "
    "(SELECT MAX(f.version) FROM life_event f WHERE f.code = e.code) "
    "ORDER BY e.code";
/* The home page's list: no item codes, only how many. */
static const char SQL_EV_BRIEF[] =
    "SELECT e.code, e.name, e.intro, (SELECT COUNT(*) FROM "
    "life_event_item i WHERE i.event_id = e.id) FROM life_event e "
    "WHERE e.status = 'published' ORDER BY e.code";
static const char SQL_EV_LIST_PUB[] =
    "SELECT " EV_COLS " FROM life_event e WHERE e.status = 'published' "
    "ORDER BY e.code";
static const char SQL_EV_ITEMS[] =
    "SELECT item_code FROM life_event_item WHERE event_id = ? ORDER BY seq";
static const char SQL_EV_NEXT[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM life_event WHERE code = ? "
    "FOR UPDATE";
static const char SQL_EV_ADD[] =
    "INSERT INTO life_event (code, version, name, intro, status, "
    "created_by, created_at, published_by, published_at) "
    "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?, "
    "IF(? = 'published', UTC_TIMESTAMP(), NULL))";
static const char SQL_EV_ITEM_ADD[] =
    "INSERT INTO life_event_item (event_id, seq, item_code) VALUES (?, ?, ?)";
static const char SQL_EV_RETIRE[] =
    "UPDATE life_event SET status = 'retired' WHERE code = ? "
    "AND status = 'published'";
static const char SQL_EV_PUBLISH[] =
    "UPDATE life_event SET status = 'published', published_by = ?, "
    "published_at = UTC_TIMESTAMP() WHERE id = ? AND status = 'draft'";
static const char SQL_EV_HAS[] =
    "SELECT id FROM life_event WHERE code = ? AND version = ?";

static const char SQL_BUNDLE_ADD[] =
    "INSERT INTO app_bundle (bundle_no, citizen_id, event_code, "
    "event_version, event_name, submitted_at, enterprise_id, entity_name) "
    "VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?)";
#define BUNDLE_COLS "bundle_no, citizen_id, event_code, event_version, " \
	"event_name, " LOCAL("submitted_at") ", COALESCE(enterprise_id, 0), " \
	"entity_name"
static const char SQL_BUNDLE_GET[] =
    "SELECT " BUNDLE_COLS " FROM app_bundle WHERE bundle_no = ?";
static const char SQL_BUNDLE_LIST[] =
    "SELECT " BUNDLE_COLS " FROM app_bundle WHERE citizen_id = ? "
    "ORDER BY submitted_at DESC, bundle_no DESC LIMIT 100";
static const char SQL_BUNDLE_LIST_ENT[] =
    "SELECT " BUNDLE_COLS " FROM app_bundle WHERE enterprise_id = ? "
    "ORDER BY submitted_at DESC, bundle_no DESC LIMIT 100";
static const char SQL_CASE_BUNDLE_ADD[] =
    "INSERT INTO case_bundle (app_no, bundle_no, event_code, event_name) "
    "VALUES (?, ?, ?, ?)";
static const char SQL_CASE_BUNDLE[] =
    "SELECT bundle_no, event_name FROM case_bundle WHERE app_no = ?";
static const char SQL_CASE_SIBLINGS[] =
    "SELECT k.app_no, k.item_name, i.dept_code, COALESCE(d.name, ''), "
    "k.state, k.id FROM case_bundle b JOIN kase k ON k.app_no = b.app_no "
    "JOIN item i ON i.id = k.item_id LEFT JOIN department d ON d.code = "
    "i.dept_code WHERE b.bundle_no = ? ORDER BY k.app_no";

static enum db_rc
event_row_all(struct stmt *q, struct pool *pool, void *arg)
{
	struct life_event	*e = arg;

	memset(e, 0, sizeof(*e));
	return stmt_row(q, pool, "isdsssssss", &e->id, &e->code, &e->version,
	    &e->name, &e->intro, &e->status, &e->created_by, &e->created_at,
	    &e->published_by, &e->published_at);
}

static enum db_rc
code_row(struct stmt *q, struct pool *pool, void *arg)
{
	return stmt_row(q, pool, "s", (char **)arg);
}

static enum db_rc
event_items(struct db *db, struct pool *pool, struct life_event *e)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EV_ITEMS);
	stmt_bind_int(q, 0, e->id);
	return stmt_list(q, pool, code_row, sizeof(*e->items), &e->items,
	    &e->nitems);
}

enum db_rc
event_get(struct db *db, struct pool *pool, const char *code, int version,
    struct life_event *e)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, version > 0 ? SQL_EV_VERSION : SQL_EV_PUBLISHED);
	stmt_bind_text(q, 0, code);
	if (version > 0)
		stmt_bind_int(q, 1, version);
	if ((rc = stmt_first(q, pool, event_row_all, e)) != DB_OK)
		return rc;
	return event_items(db, pool, e);
}

static enum db_rc
event_row_brief(struct stmt *q, struct pool *pool, void *arg)
{
	struct life_event	*e = arg;
	int64_t			 n = 0;
	enum db_rc		 rc;

	memset(e, 0, sizeof(*e));
	rc = stmt_row(q, pool, "sssi", &e->code, &e->name, &e->intro, &n);
	e->nitems = (size_t)n;
	return rc;
}

enum db_rc
event_list_brief(struct db *db, struct pool *pool, struct life_event **out,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_EV_BRIEF), pool, event_row_brief,
	    sizeof(**out), out, n);
}

enum db_rc
event_list(struct db *db, struct pool *pool, int published_only,
    struct life_event **out, size_t *n)
{
	enum db_rc	 rc;
	size_t		 i;

	if ((rc = stmt_list(db_stmt(db, published_only ? SQL_EV_LIST_PUB :
	    SQL_EV_LATEST), pool, event_row_all, sizeof(**out), out, n)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < *n; i++)
		if ((rc = event_items(db, pool, &(*out)[i])) != DB_OK)
			return rc;
	return DB_OK;
}

/* Store version e (its items) as status; inside a transaction. */
static enum db_rc
event_store(struct db *db, const struct life_event *e, const char *status,
    int64_t *id)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;

	q = db_stmt(db, SQL_EV_ADD);
	stmt_bind_text(q, 0, e->code);
	stmt_bind_int(q, 1, e->version);
	stmt_bind_text(q, 2, e->name);
	stmt_bind_text(q, 3, e->intro);
	stmt_bind_text(q, 4, status);
	stmt_bind_text(q, 5, e->created_by);
	if (strcmp(status, "published") == 0)
		stmt_bind_text(q, 6, e->published_by);
	else
		stmt_bind_null(q, 6);
	stmt_bind_text(q, 7, status);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	*id = stmt_insert_id(q);
	for (i = 0; i < e->nitems; i++) {
		q = db_stmt(db, SQL_EV_ITEM_ADD);
		stmt_bind_int(q, 0, *id);
		stmt_bind_int(q, 1, (int64_t)i + 1);
		stmt_bind_text(q, 2, e->items[i]);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* Whether code is an item published here that may be applied for
 * online; NULL, or why not. */
static const char *
item_online(struct db *db, struct pool *pool, const char *code, int *err)
{
	struct item	 it;

	switch (catalog_published_head(db, pool, code, &it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return pool_printf(pool, "事项编码「%s」没有已发布的事项", code);
	default:
		*err = 1;
		return "读取事项时出错";
	}
	if ((strcmp(it.depth, "A") != 0 && strcmp(it.depth, "B") != 0) ||
	    it.secret)
		return pool_printf(pool, "「%s」不能网上申请（办理深度 %s），"
		    "不能放进一件事", it.name, it.depth);
	return NULL;
}

enum db_rc
event_save(struct db *db, struct pool *pool, const char *code,
    const char *name, const char *intro, char **items, size_t nitems,
    const char *actor, int *version, const char **why)
{
	struct life_event	 e;
	int64_t			 id, next;
	size_t			 i, j;
	int			 err = 0;

	*why = NULL;
	if (nitems < EVENT_ITEMS_MIN || nitems > EVENT_ITEMS_MAX) {
		*why = pool_printf(pool, "一件事应包含 %d 到 %d 个事项",
		    EVENT_ITEMS_MIN, EVENT_ITEMS_MAX);
		return DB_NONE;
	}
	for (i = 0; i < nitems; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(items[i], items[j]) == 0) {
				*why = pool_printf(pool, "事项「%s」列了两次",
				    items[i]);
				return DB_NONE;
			}
		if ((*why = item_online(db, pool, items[i], &err)) != NULL)
			return err ? DB_ERR : DB_NONE;
	}
	memset(&e, 0, sizeof(e));
	e.code = (char *)code;
	e.name = (char *)name;
	e.intro = (char *)intro;
	e.created_by = (char *)actor;
	e.items = items;
	e.nitems = nitems;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	{
		struct stmt *q = db_stmt(db, SQL_EV_NEXT);

		stmt_bind_text(q, 0, code);
		if (stmt_one(q, pool, "i", &next) != DB_OK)
			goto fail;
	}
	e.version = (int)next;
	if (event_store(db, &e, "draft", &id) != DB_OK ||
	    audit_add(db, pool, actor, "event.draft", code, pool_printf(pool,
	    "%d", e.version)) != DB_OK)
		goto fail;
	if (db_commit(db) != DB_OK)
		return DB_ERR;
	*version = e.version;
	return DB_OK;
fail:
	db_rollback(db);
	return DB_ERR;
}

/* The "event" record of published version e. */
static json_t *
event_json(struct db *db, struct pool *pool, const struct life_event *e)
{
	struct item	 it;
	json_t		*items, *rec;
	size_t		 i;

	if ((items = json_array()) == NULL)
		return NULL;
	for (i = 0; i < e->nitems; i++) {
		if (catalog_published_head(db, pool, e->items[i], &it) !=
		    DB_OK || json_array_append_new(items, json_pack("{s:s, "
		    "s:i}", "code", it.code, "version", it.version)) == -1) {
			json_decref(items);
			return NULL;
		}
	}
	rec = json_pack("{s:s, s:s, s:i, s:s, s:s, s:o}", "type", "event",
	    "code", e->code, "version", e->version, "name", e->name,
	    "intro", e->intro, "items", items);
	return rec;
}

enum db_rc
event_publish(struct db *db, struct pool *pool, const char *code,
    int version, const char *actor, const char **why)
{
	struct life_event	 e;
	struct stmt		*q;
	json_t			*rec;
	enum db_rc		 rc;
	size_t			 i;
	int			 err = 0;

	*why = NULL;
	if ((rc = event_get(db, pool, code, version, &e)) != DB_OK) {
		*why = "没有这个版本";
		return rc;
	}
	if (strcmp(e.status, "draft") != 0) {
		*why = "这个版本不是草稿，不能再发布";
		return DB_NONE;
	}
	if (strcmp(e.created_by, actor) == 0) {
		*why = "一件事须由编写人以外的另一位工作人员审核发布";
		return DB_NONE;
	}
	/* An item may have been retired since the draft. */
	for (i = 0; i < e.nitems; i++)
		if ((*why = item_online(db, pool, e.items[i], &err)) != NULL)
			return err ? DB_ERR : DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_EV_RETIRE);
	stmt_bind_text(q, 0, code);
	if (stmt_run(q) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_EV_PUBLISH);
	stmt_bind_text(q, 0, actor);
	stmt_bind_int(q, 1, e.id);
	if (stmt_run(q) != DB_OK || stmt_affected(q) != 1)
		goto fail;
	if ((rec = event_json(db, pool, &e)) == NULL)
		goto fail;
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK || audit_add(db, pool, actor, "event.publish", code,
	    pool_printf(pool, "%d", version)) != DB_OK)
		goto fail;
	return db_commit(db) == DB_OK ? DB_OK : DB_ERR;
fail:
	db_rollback(db);
	return DB_ERR;
}

enum db_rc
event_import(struct db *db, struct pool *pool, json_t *rec, char *err,
    size_t errlen)
{
	struct life_event	 e;
	struct item		 it;
	struct stmt		*q;
	json_t			*items, *o;
	json_int_t		 v, iv;
	const char		*code;
	int64_t			 id;
	size_t			 i;
	enum db_rc		 rc;

	memset(&e, 0, sizeof(e));
	if (json_unpack(rec, "{s:s, s:I, s:s, s:s, s:o}", "code", &e.code,
	    "version", &v, "name", &e.name, "intro", &e.intro, "items",
	    &items) != 0) {
		snprintf(err, errlen, "一件事记录缺少字段");
		return DB_NONE;
	}
	e.version = (int)v;
	e.nitems = json_array_size(items);
	e.items = pool_alloc(pool, (e.nitems + 1) * sizeof(*e.items));
	/* Each item as published here: the intranet published it first. */
	json_array_foreach(items, i, o) {
		if (json_unpack(o, "{s:s, s:I}", "code", &code, "version",
		    &iv) != 0) {
			snprintf(err, errlen, "一件事记录的事项不完整");
			return DB_NONE;
		}
		switch (catalog_version(db, pool, code, (int)iv, &it)) {
		case DB_OK:
			break;
		case DB_NONE:
			snprintf(err, errlen, "一件事「%s」的事项 %s 第 %d 版"
			    "在本站没有", e.name, code, (int)iv);
			return DB_NONE;
		default:
			return DB_ERR;
		}
		e.items[i] = (char *)code;
	}
	/* The same version again (a resent bundle) changes nothing. */
	q = db_stmt(db, SQL_EV_HAS);
	stmt_bind_text(q, 0, e.code);
	stmt_bind_int(q, 1, e.version);
	if ((rc = stmt_one(q, pool, "i", &id)) == DB_OK)
		return DB_OK;
	if (rc != DB_NONE)
		return rc;
	q = db_stmt(db, SQL_EV_RETIRE);
	stmt_bind_text(q, 0, e.code);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	e.created_by = "";
	e.published_by = "";
	return event_store(db, &e, "published", &id);
}

json_t *
bundle_ref_json(const struct bundle_ref *b)
{
	json_t	*items;
	size_t	 i;

	if ((items = json_array()) == NULL)
		return NULL;
	for (i = 0; i < b->nitems; i++)
		if (json_array_append_new(items, json_string(b->items[i])) ==
		    -1) {
			json_decref(items);
			return NULL;
		}
	return json_pack("{s:s, s:s, s:i, s:s, s:o}", "no", b->no,
	    "event_code", b->event_code, "event_version", b->event_version,
	    "event_name", b->event_name, "items", items);
}

enum db_rc
bundle_add(struct db *db, const struct bundle_ref *b, int64_t citizen,
    const char *now)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_BUNDLE_ADD);
	stmt_bind_text(q, 0, b->no);
	stmt_bind_int(q, 1, citizen);
	stmt_bind_text(q, 2, b->event_code);
	stmt_bind_int(q, 3, b->event_version);
	stmt_bind_text(q, 4, b->event_name);
	stmt_bind_text(q, 5, now);
	stmt_bind_int(q, 6, b->enterprise_id);
	stmt_bind_text(q, 7, b->enterprise_id != 0 ? b->entity_name : NULL);
	return stmt_run(q);
}

static enum db_rc
bundle_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct app_bundle	*b = arg;

	memset(b, 0, sizeof(*b));
	return stmt_row(q, pool, "sisdssis", &b->bundle_no, &b->citizen_id,
	    &b->event_code, &b->event_version, &b->event_name,
	    &b->submitted_at, &b->enterprise_id, &b->entity_name);
}

/* The overall state of b from its applications' states. */
static void
bundle_state(struct app_bundle *b)
{
	size_t	 i, open = 0, ok = 0;

	b->ncorrect = 0;
	for (i = 0; i < b->napps; i++) {
		if (app_open(b->apps[i].state))
			open++;
		if (strcmp(b->apps[i].state, "correcting") == 0)
			b->ncorrect++;
		if (strcmp(b->apps[i].state, "approved") == 0)
			ok++;
	}
	b->open = open > 0;
	if (b->ncorrect > 0)
		b->state_label = "办理中，有事项需补正材料";
	else if (open > 0)
		b->state_label = "办理中";
	else
		b->state_label = "已办结";
}

static enum db_rc
bundle_apps(struct db *db, struct pool *pool, struct app_bundle *b)
{
	enum db_rc	 rc;

	if ((rc = app_list_bundle(db, pool, b->bundle_no, &b->apps,
	    &b->napps)) != DB_OK)
		return rc;
	bundle_state(b);
	return DB_OK;
}

enum db_rc
bundle_get(struct db *db, struct pool *pool, const char *no,
    struct app_bundle *b)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_BUNDLE_GET);
	stmt_bind_text(q, 0, no);
	if ((rc = stmt_first(q, pool, bundle_row, b)) != DB_OK)
		return rc;
	return bundle_apps(db, pool, b);
}

/* The bundles statement sql lists for id, with their applications. */
static enum db_rc
bundles(struct db *db, struct pool *pool, const char *sql, int64_t id,
    struct app_bundle **out, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;

	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_list(q, pool, bundle_row, sizeof(**out), out, n)) !=
	    DB_OK)
		return rc;
	for (i = 0; i < *n; i++)
		if ((rc = bundle_apps(db, pool, &(*out)[i])) != DB_OK)
			return rc;
	return DB_OK;
}

enum db_rc
bundle_list(struct db *db, struct pool *pool, int64_t citizen,
    struct app_bundle **out, size_t *n)
{
	return bundles(db, pool, SQL_BUNDLE_LIST, citizen, out, n);
}

enum db_rc
bundle_list_enterprise(struct db *db, struct pool *pool, int64_t ent,
    struct app_bundle **out, size_t *n)
{
	return bundles(db, pool, SQL_BUNDLE_LIST_ENT, ent, out, n);
}

enum db_rc
bundle_case_add(struct db *db, const char *app_no, json_t *bundle)
{
	struct stmt	*q;

	if (bundle == NULL)
		return DB_OK;
	q = db_stmt(db, SQL_CASE_BUNDLE_ADD);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, json_string_value(json_object_get(bundle, "no")));
	stmt_bind_text(q, 2, json_string_value(json_object_get(bundle,
	    "event_code")));
	stmt_bind_text(q, 3, json_string_value(json_object_get(bundle,
	    "event_name")));
	return stmt_run(q);
}

static enum db_rc
sibling_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct bundle_case	*c = arg;

	memset(c, 0, sizeof(*c));
	return stmt_row(q, pool, "sssssi", &c->app_no, &c->item_name,
	    &c->dept_code, &c->dept_name, &c->state, &c->case_id);
}

enum db_rc
bundle_of_case(struct db *db, struct pool *pool, const char *app_no,
    char **no, char **event_name, struct bundle_case **out, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_CASE_BUNDLE);
	stmt_bind_text(q, 0, app_no);
	if ((rc = stmt_one(q, pool, "ss", no, event_name)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_CASE_SIBLINGS);
	stmt_bind_text(q, 0, *no);
	return stmt_list(q, pool, sibling_row, sizeof(**out), out, n);
}
