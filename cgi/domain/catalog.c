/*
 * catalog.c: owns item, item_material and item_step.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "catalog.h"
#include "crypto.h"
#include "exchange.h"
#include "fee.h"
#include "log.h"
#include "search.h"
#include "wfnet.h"

#define ITEM_COLS "id, code, version, status, name, kind, dept_code, " \
	"dept_name, level, basis, conditions, statutory_days, promised_days, " \
	"instant, fee, place, hours, phone, complaint_phone, visits, depth, " \
	"COALESCE(DATE_FORMAT(published_at, '%Y-%m-%d'), ''), parent_code, " \
	"phase, fee_basis, fee_standard, secret, themes, keywords, " \
	"fee_kind, fee_min, fee_max"

static const char SQL_ITEM_PUBLISHED[] =
    "SELECT " ITEM_COLS " FROM item WHERE code = ? AND status = 'published'";
/*
 * A guide in one statement (issue #12): each round trip to MariaDB was
 * most of a guide's time.  Rows of six kinds (the first column), each a
 * part of the page, in their order within their kind by the second; the
 * other 36 are the part's, NULL beyond its last.  No ORDER BY over the
 * whole: the server sends the rows as it reads them instead of keeping
 * them all in a temporary table first (EXPLAIN: no UNION RESULT), and
 * catalog_guide() puts them in order.
 *  0  the item (ITEM_COLS) with what the guide says beside it, each an
 *     index read: its parent's name (catalog_published_head()), whether
 *     its department has a window that takes bookings
 *     (booking_open_for(), EXT-10), and its ratings for a 满意度 (EXT-8):
 *     the cases rated (the last round of each), how many of them
 *     good_level or better.  The indexes are named: on the few rows of a
 *     new site the optimizer would read the tables whole, and go on so
 *     as they grow until its statistics catch up;
 *  1  its materials (SQL_MATERIALS), 2 its steps (SQL_STEPS);
 *  3  its published sub-items (CAT-2): what the guide and
 *     catalog_channel() read of them, numbered in the order of their
 *     codes as the database sorts them;
 *  4  the texts that govern it (pub_news_for_item(), CAT-5, PUB-2);
 *  5  its 常见问题 (consult_faqs(), EXT-7).
 * Every column comes as text (stmt_row_text()), as stmt_row() reads
 * numbers too.
 */
#define GUIDE_COLS	38
#define NULLS3		", NULL, NULL, NULL"
#define NULLS6		NULLS3 NULLS3
#define NULLS24		NULLS6 NULLS6 NULLS6 NULLS6
static const char SQL_GUIDE[] =
    "(SELECT 0, 0, " ITEM_COLS ", (SELECT p.name FROM item p "
    "WHERE p.code = item.parent_code AND p.status = 'published' LIMIT 1), "
    "EXISTS (SELECT 1 FROM booking_window w FORCE INDEX (PRIMARY) WHERE "
    "w.dept_code = item.dept_code AND w.capacity > 0 AND w.days <> ''), "
    "s.n, s.good FROM item, (SELECT COUNT(*) AS n, "
    "COALESCE(CAST(SUM(r.level >= ?) AS SIGNED), 0) AS good "
    "FROM rating r FORCE INDEX (rating_item) "
    "WHERE r.item_code = ? AND NOT EXISTS (SELECT 1 FROM "
    "rating l WHERE l.app_no = r.app_no AND l.round > r.round)) s "
    "WHERE item.code = ? AND item.status = 'published') "
    "UNION ALL (SELECT 1, m.seq, m.seq, m.name, m.original, m.copies, "
    "m.required, m.types, m.note, m.form, m.form_sha, m.sample, "
    "m.sample_sha, m.licence" NULLS24 " FROM item i "
    "JOIN item_material m ON m.item_id = i.id "
    "WHERE i.code = ? AND i.status = 'published') "
    "UNION ALL (SELECT 2, s.seq, s.seq, s.skey, s.name, s.role, "
    "IF(s.dept_code = '', i.dept_code, s.dept_code), "
    "IF(s.dept_name = '', i.dept_name, s.dept_name), s.days, s.doc"
    NULLS24 NULLS3 ", NULL FROM item i JOIN item_step s "
    "ON s.item_id = i.id WHERE i.code = ? AND i.status = 'published') "
    "UNION ALL (SELECT 3, ROW_NUMBER() OVER (ORDER BY c.code), c.code, "
    "c.name, c.phase, c.depth, "
    "c.visits, c.secret" NULLS24 NULLS6 " FROM item c "
    "WHERE c.parent_code = ? AND c.status = 'published') "
    "UNION ALL (SELECT 4, -n.id, n.id, n.title, "
    "DATE_FORMAT(n.published_at, '%Y-%m-%d %H:%i:%s')" NULLS24 NULLS6
    NULLS3 " FROM news_public n JOIN news_public_item t "
    "ON t.news_id = n.id WHERE t.item_code = ? "
    "ORDER BY n.id DESC LIMIT 50) "
    "UNION ALL (SELECT 5, -c.id, c.faq_question, c.answer, "
    "COALESCE(DATE_FORMAT(c.answered_at + INTERVAL 8 HOUR, "
    "'%Y-%m-%d %H:%i'), '')" NULLS24 NULLS6 NULLS3 " FROM consult c "
    "WHERE c.item_code = ? AND c.faq = 1 ORDER BY c.id DESC LIMIT 50)";
/* What the public pages show changed when this moved (db/280). */
static const char SQL_PAGE_GEN[] = "SELECT gen FROM page_gen WHERE id = 1";
static const char SQL_PAGES_EXPIRE[] =
    "UPDATE page_gen SET gen = gen + 1 WHERE id = 1";
static const char SQL_ITEM_BY_ID[] =
    "SELECT " ITEM_COLS " FROM item WHERE id = ?";
static const char SQL_ITEM_LIST[] =
    "SELECT " ITEM_COLS " FROM item WHERE status = 'published' "
    "ORDER BY dept_code, code";
static const char SQL_ITEM_VERSIONS[] =
    "SELECT " ITEM_COLS " FROM item WHERE code = ? ORDER BY version DESC";
static const char SQL_ITEM_LATEST[] =
    "SELECT " ITEM_COLS " FROM item i WHERE version = (SELECT MAX(version) "
    "FROM item j WHERE j.code = i.code) ORDER BY dept_code, code";
static const char SQL_ITEM_VERSION[] =
    "SELECT " ITEM_COLS " FROM item WHERE code = ? AND version = ?";
static const char SQL_ITEM_STATUS[] =
    "UPDATE item SET status = ? WHERE code = ? AND version = ? "
    "AND status = ?";
static const char SQL_DRAFT_PARTS_1[] =
    "DELETE FROM item_material WHERE item_id = ?";
static const char SQL_DRAFT_PARTS_2[] =
    "DELETE FROM item_step WHERE item_id = ?";
static const char SQL_DRAFT_PARTS_3[] =
    "DELETE FROM item_flow WHERE item_id = ?";
static const char SQL_DRAFT_DROP[] =
    "DELETE FROM item WHERE id = ? AND status = 'draft'";
/* A discarded new item's code leaves no private mark behind. */
static const char SQL_PRIVATE_ORPHAN[] =
    "DELETE FROM item_private WHERE code = ? "
    "AND NOT EXISTS (SELECT 1 FROM item WHERE code = ?)";
static const char SQL_HANDS_DROP[] =
    "DELETE FROM item_hand WHERE code = ? AND version = ?";
static const char SQL_HAS_DRAFT[] =
    "SELECT version FROM item WHERE code = ? AND status IN ('draft', "
    "'review') LIMIT 1";
static const char SQL_ITEM_NEXT_VERSION[] =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM item WHERE code = ?";
static const char SQL_ITEM_ADD[] =
    "INSERT INTO item (code, version, status, name, kind, dept_code, "
    "dept_name, level, basis, conditions, statutory_days, promised_days, "
    "instant, fee, place, hours, phone, complaint_phone, visits, depth, "
    "published_at, parent_code, phase, fee_basis, fee_standard, secret, "
    "themes, keywords, created_by, fee_kind, fee_min, fee_max, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "IF(? = 'published', UTC_TIMESTAMP(), NULL), ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, UTC_TIMESTAMP())";
/* Counts only in the statistics (SUP-6, 115_perf.sql), per item code. */
static const char SQL_PRIVATE_SET[] =
    "INSERT IGNORE INTO item_private (code, set_at) "
    "VALUES (?, UTC_TIMESTAMP())";
static const char SQL_PRIVATE_CLEAR[] =
    "DELETE FROM item_private WHERE code = ?";
static const char SQL_PRIVATE_GET[] =
    "SELECT COUNT(*) FROM item_private WHERE code = ?";
/* What a version says of it (161): 1, 0, or -1 when it says nothing. */
static const char SQL_PRIVATE_WANTED[] =
    "SELECT COALESCE(private_wanted, -1) FROM item "
    "WHERE code = ? AND version = ?";
static const char SQL_PRIVATE_WANT[] =
    "UPDATE item SET private_wanted = ? WHERE id = ?";
static const char SQL_MATERIAL_ADD[] =
    "INSERT INTO item_material (item_id, seq, name, original, copies, "
    "required, types, note, form, form_sha, sample, sample_sha, licence) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_STEP_ADD[] =
    "INSERT INTO item_step (item_id, seq, skey, name, role, dept_code, "
    "dept_name, days, doc) VALUES (?, ?, ?, ?, ?, ?, "
    "COALESCE(NULLIF(?, ''), (SELECT name FROM department WHERE code = "
    "COALESCE(NULLIF(?, ''), ?)), ?), ?, ?)";
static const char SQL_FLOW_ADD[] =
    "INSERT INTO item_flow (item_id, seq, from_key, to_key, back) "
    "VALUES (?, ?, ?, ?, ?)";
static const char SQL_MATERIALS[] =
    "SELECT seq, name, original, copies, required, types, note, form, "
    "form_sha, sample, sample_sha, licence FROM item_material "
    "WHERE item_id = ? "
    "ORDER BY seq";
static const char SQL_STEPS[] =
    "SELECT s.seq, s.skey, s.name, s.role, "
    "IF(s.dept_code = '', i.dept_code, s.dept_code), "
    "IF(s.dept_name = '', i.dept_name, s.dept_name), s.days, s.doc "
    "FROM item_step s JOIN item i ON i.id = s.item_id WHERE s.item_id = ? "
    "ORDER BY s.seq";
static const char SQL_FLOWS[] =
    "SELECT seq, from_key, to_key, back FROM item_flow WHERE item_id = ? "
    "ORDER BY seq";
/* The same for a batch of versions by id (catalog_nets()). */
static const char SQL_ITEMS_OF[] =
    "SELECT " ITEM_COLS " FROM item WHERE id IN (" DB_IDS ")";
static const char SQL_STEPS_OF[] =
    "SELECT s.item_id, s.seq, s.skey, s.name, s.role, "
    "IF(s.dept_code = '', i.dept_code, s.dept_code), "
    "IF(s.dept_name = '', i.dept_name, s.dept_name), s.days, s.doc "
    "FROM item_step s JOIN item i ON i.id = s.item_id "
    "WHERE s.item_id IN (" DB_IDS ") ORDER BY s.item_id, s.seq";
static const char SQL_FLOWS_OF[] =
    "SELECT item_id, seq, from_key, to_key, back FROM item_flow "
    "WHERE item_id IN (" DB_IDS ") ORDER BY item_id, seq";
static const char SQL_RETIRE_OTHERS[] =
    "UPDATE item SET status = 'retired' WHERE code = ? "
    "AND status = 'published' AND version <> ?";
static const char SQL_PUBLISH[] =
    "UPDATE item SET status = 'published', published_at = UTC_TIMESTAMP() "
    "WHERE code = ? AND version = ? AND status IN ('draft', 'review')";
static const char SQL_ITEM_ID[] =
    "SELECT id FROM item WHERE code = ? AND version = ?";
static const char SQL_FORM_NAMED[] =
    "SELECT 1 FROM item_material WHERE form_sha = ? OR sample_sha = ? "
    "LIMIT 1";
static const char SQL_HAND_ADD[] =
    "INSERT IGNORE INTO item_hand (code, version, login, act, at) "
    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_HAND_OF[] =
    "SELECT COUNT(*) FROM item_hand WHERE code = ? AND version = ? "
    "AND login = ?";
static const char SQL_HANDS[] =
    "SELECT h.login, COALESCE(s.name, h.login), "
    "GROUP_CONCAT(h.act ORDER BY h.at, h.act SEPARATOR ',') "
    "FROM item_hand h LEFT JOIN staff s ON s.login = h.login "
    "WHERE h.code = ? AND h.version = ? GROUP BY h.login, s.name "
    "ORDER BY MIN(h.at), h.login";

/* ITEM_COLS as stmt_row() reads them, into it. */
#define ITEM_FMT "isdssssssssdddsssssdssssssdsssdd"
#define ITEM_ROW(it) &(it)->id, \
	    &(it)->code, &(it)->version, &(it)->status, &(it)->name, \
	    &(it)->kind, &(it)->dept_code, &(it)->dept_name, &(it)->level, \
	    &(it)->basis, &(it)->conditions, &(it)->statutory_days, \
	    &(it)->promised_days, &(it)->instant, &(it)->fee, &(it)->place, \
	    &(it)->hours, &(it)->phone, &(it)->complaint_phone, \
	    &(it)->visits, &(it)->depth, &(it)->published_at, \
	    &(it)->parent_code, &(it)->phase, &(it)->fee_basis, \
	    &(it)->fee_standard, &(it)->secret, &(it)->themes, \
	    &(it)->keywords, &(it)->fee_kind, &(it)->fee_min, &(it)->fee_max

static enum db_rc
row_item(struct stmt *q, struct pool *pool, void *arg)
{
	struct item	*it = arg;

	return stmt_row(q, pool, ITEM_FMT, ITEM_ROW(it));
}

static enum db_rc
material_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct material	*m = arg;

	return stmt_row(q, pool, "dssddsssssss", &m->seq, &m->name,
	    &m->original, &m->copies, &m->required, &m->types, &m->note,
	    &m->form, &m->form_sha, &m->sample, &m->sample_sha, &m->licence);
}

static enum db_rc
step_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct step	*s = arg;

	return stmt_row(q, pool, "dssdssds", &s->seq, &s->key, &s->name,
	    &s->role, &s->dept_code, &s->dept_name, &s->days, &s->doc);
}

static enum db_rc
flow_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct flow	*f = arg;

	return stmt_row(q, pool, "dssd", &f->seq, &f->from, &f->to, &f->back);
}

/* Which parts of an item load_one() reads besides its row. */
enum parts {
	PARTS_NONE,		/* the row: a name and a link */
	PARTS_GUIDE,		/* materials and steps: what its guide shows */
	PARTS_ALL,		/* and the flows between the steps */
	PARTS_NET		/* steps and flows, no materials: a worklist */
};

/* Fill the materials and steps of it, and its flows if want says so. */
static enum db_rc
load_parts(struct db *db, struct pool *pool, struct item *it,
    enum parts want)
{
	struct stmt	*q;
	enum db_rc	 rc;

	if (want == PARTS_NONE)
		return DB_OK;
	if (want != PARTS_NET) {
		q = db_stmt(db, SQL_MATERIALS);
		stmt_bind_int(q, 0, it->id);
		if ((rc = stmt_list(q, pool, material_row,
		    sizeof(*it->materials), &it->materials,
		    &it->nmaterials)) != DB_OK)
			return rc;
	}
	q = db_stmt(db, SQL_STEPS);
	stmt_bind_int(q, 0, it->id);
	if ((rc = stmt_list(q, pool, step_row, sizeof(*it->steps), &it->steps,
	    &it->nsteps)) != DB_OK || want == PARTS_GUIDE)
		return rc;
	q = db_stmt(db, SQL_FLOWS);
	stmt_bind_int(q, 0, it->id);
	return stmt_list(q, pool, flow_row, sizeof(*it->flows), &it->flows,
	    &it->nflows);
}

static enum db_rc
load_one(struct db *db, struct pool *pool, struct stmt *q, struct item *it,
    enum parts want)
{
	enum db_rc	 rc;

	memset(it, 0, sizeof(*it));
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = row_item(q, pool, it);
	stmt_done(q);
	if (rc != DB_OK)
		return rc;
	return load_parts(db, pool, it, want);
}

static enum db_rc
published(struct db *db, struct pool *pool, const char *code,
    struct item *it, enum parts want)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ITEM_PUBLISHED);
	stmt_bind_text(q, 0, code);
	return load_one(db, pool, q, it, want);
}

enum db_rc
catalog_published(struct db *db, struct pool *pool, const char *code,
    struct item *it)
{
	return published(db, pool, code, it, PARTS_ALL);
}

enum db_rc
catalog_published_guide(struct db *db, struct pool *pool, const char *code,
    struct item *it)
{
	return published(db, pool, code, it, PARTS_GUIDE);
}

/* The columns v of a row read as text into what fmt says, as stmt_row(). */
static void
text_fields(char **v, const char *fmt, ...)
{
	va_list		 ap;
	size_t		 i;

	va_start(ap, fmt);
	for (i = 0; fmt[i] != '\0'; i++)
		switch (fmt[i]) {
		case 's':
			*va_arg(ap, char **) = v[i];
			break;
		case 'i':
			*va_arg(ap, int64_t *) = v[i] == NULL ? 0 :
			    strtoll(v[i], NULL, 10);
			break;
		default:
			*va_arg(ap, int *) = v[i] == NULL ? 0 :
			    (int)strtol(v[i], NULL, 10);
		}
	va_end(ap);
}

/* One row of SQL_GUIDE, its kind k and its columns d, into it and g. */
static void
guide_part(struct pool *pool, long k, char **d, struct item *it,
    struct item_guide *g, size_t *cap)
{
	struct material	*m;
	struct step	*s;
	struct item	*c;
	struct guide_line *l;

	switch (k) {
	case 0:
		text_fields(d, ITEM_FMT "sdii", ITEM_ROW(it), &g->parent_name,
		    &g->bookable, &g->rated, &g->good);
		break;
	case 1:
		m = pool_push(pool, &it->materials, &it->nmaterials, &cap[0],
		    sizeof(*m));
		text_fields(d, "dssddsssssss", &m->seq, &m->name,
		    &m->original, &m->copies, &m->required, &m->types,
		    &m->note, &m->form, &m->form_sha, &m->sample,
		    &m->sample_sha, &m->licence);
		break;
	case 2:
		s = pool_push(pool, &it->steps, &it->nsteps, &cap[1],
		    sizeof(*s));
		text_fields(d, "dssdssds", &s->seq, &s->key, &s->name,
		    &s->role, &s->dept_code, &s->dept_name, &s->days, &s->doc);
		break;
	case 3:
		c = pool_push(pool, &g->subs, &g->nsubs, &cap[2], sizeof(*c));
		text_fields(d, "ssssdd", &c->code, &c->name, &c->phase,
		    &c->depth, &c->visits, &c->secret);
		break;
	case 4:
		l = pool_push(pool, &g->laws, &g->nlaws, &cap[3], sizeof(*l));
		text_fields(d, "iss", &l->id, &l->title, &l->at);
		break;
	default:
		l = pool_push(pool, &g->faqs, &g->nfaqs, &cap[4], sizeof(*l));
		text_fields(d, "sss", &l->title, &l->body, &l->at);
	}
}

/* A row of SQL_GUIDE: its kind, its order within the kind, its columns. */
struct guide_row {
	long		 kind;
	long long	 at;
	char		**v;
};

static int
guide_row_cmp(const void *a, const void *b)
{
	const struct guide_row *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

enum db_rc
catalog_guide(struct db *db, struct pool *pool, const char *code,
    int good_level, struct item *it, struct item_guide *g)
{
	struct stmt	*q;
	struct guide_row *rows = NULL, *w;
	char		**v;
	size_t		 cap[5] = { 0 }, nrows = 0, rcap = 0, i;
	enum db_rc	 rc;

	memset(it, 0, sizeof(*it));
	memset(g, 0, sizeof(*g));
	q = db_stmt(db, SQL_GUIDE);
	stmt_bind_int(q, 0, good_level);
	for (i = 1; i <= 7; i++)
		stmt_bind_text(q, i, code);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	for (;;) {
		v = pool_alloc(pool, GUIDE_COLS * sizeof(*v));
		if ((rc = stmt_row_text(q, pool, v, GUIDE_COLS)) != DB_OK)
			break;
		w = pool_push(pool, &rows, &nrows, &rcap, sizeof(*w));
		w->kind = v[0] == NULL ? -1 : strtol(v[0], NULL, 10);
		w->at = v[1] == NULL ? 0 : strtoll(v[1], NULL, 10);
		w->v = v;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	if (nrows > 1)
		qsort(rows, nrows, sizeof(*rows), guide_row_cmp);
	/* The item comes first: none, none published. */
	if (nrows == 0 || rows[0].kind != 0)
		return DB_NONE;
	for (i = 0; i < nrows; i++) {
		if (rows[i].kind < 0 || rows[i].kind > 5 ||
		    (i > 0 && rows[i].kind == 0)) {
			log_err("guide of %.40s: a row of kind %ld", code,
			    rows[i].kind);
			return DB_ERR;
		}
		guide_part(pool, rows[i].kind, rows[i].v + 2, it, g, cap);
	}
	return DB_OK;
}

enum db_rc
catalog_generation(struct db *db, struct pool *pool, uint64_t *gen)
{
	int64_t		 g;
	enum db_rc	 rc;

	rc = stmt_one(db_stmt(db, SQL_PAGE_GEN), pool, "i", &g);
	*gen = (uint64_t)g;
	return rc;
}

enum db_rc
catalog_pages_expire(struct db *db)
{
	/* The write moves the workers' shared counter too (db.c). */
	return stmt_run(db_stmt(db, SQL_PAGES_EXPIRE));
}

enum db_rc
catalog_published_head(struct db *db, struct pool *pool, const char *code,
    struct item *it)
{
	return published(db, pool, code, it, PARTS_NONE);
}

enum db_rc
catalog_file_named(struct db *db, struct pool *pool, const char *sha)
{
	struct stmt	*q;
	int64_t		 one;

	q = db_stmt(db, SQL_FORM_NAMED);
	stmt_bind_text(q, 0, sha);
	stmt_bind_text(q, 1, sha);
	return stmt_one(q, pool, "i", &one);
}

enum db_rc
catalog_by_id(struct db *db, struct pool *pool, int64_t id, struct item *it)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ITEM_BY_ID);
	stmt_bind_int(q, 0, id);
	return load_one(db, pool, q, it, PARTS_ALL);
}

/* Which of ids[0..n-1] is id, or n. */
static size_t
batch_of(const int64_t *ids, size_t n, int64_t id)
{
	size_t	 i;

	for (i = 0; i < n && ids[i] != id; i++)
		continue;
	return i;
}

enum db_rc
catalog_nets(struct db *db, struct pool *pool, const int64_t *ids,
    size_t n, struct item *out)
{
	struct stmt	*q;
	struct item	 it;
	struct step	 st, *sp;
	struct flow	 fl, *fp;
	size_t		 scap[DB_BATCH] = { 0 }, fcap[DB_BATCH] = { 0 }, k;
	int64_t		 id;
	enum db_rc	 rc;

	memset(out, 0, n * sizeof(*out));
	q = db_stmt(db, SQL_ITEMS_OF);
	stmt_bind_ids(q, 0, ids, n);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	for (;;) {
		memset(&it, 0, sizeof(it));	/* its parts: none yet */
		if ((rc = row_item(q, pool, &it)) != DB_OK)
			break;
		if ((k = batch_of(ids, n, it.id)) < n)
			out[k] = it;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	for (k = 0; k < n; k++)
		if (out[k].id != ids[k])
			return DB_NONE;
	q = db_stmt(db, SQL_STEPS_OF);
	stmt_bind_ids(q, 0, ids, n);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "idssdssds", &id, &st.seq, &st.key,
	    &st.name, &st.role, &st.dept_code, &st.dept_name, &st.days,
	    &st.doc)) == DB_OK)
		if ((k = batch_of(ids, n, id)) < n) {
			sp = pool_push(pool, &out[k].steps, &out[k].nsteps,
			    &scap[k], sizeof(*sp));
			*sp = st;
		}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	q = db_stmt(db, SQL_FLOWS_OF);
	stmt_bind_ids(q, 0, ids, n);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "idssd", &id, &fl.seq, &fl.from,
	    &fl.to, &fl.back)) == DB_OK)
		if ((k = batch_of(ids, n, id)) < n) {
			fp = pool_push(pool, &out[k].flows, &out[k].nflows,
			    &fcap[k], sizeof(*fp));
			*fp = fl;
		}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

/* Rows of q (already bound) as items without their parts. */
static enum db_rc
list_items(struct stmt *q, struct pool *pool, struct item **out, size_t *n)
{
	return stmt_list(q, pool, row_item, sizeof(**out), out, n);
}

enum db_rc
catalog_list(struct db *db, struct pool *pool, struct item **out, size_t *n)
{
	return list_items(db_stmt(db, SQL_ITEM_LIST), pool, out, n);
}

enum db_rc
catalog_versions(struct db *db, struct pool *pool, const char *code,
    struct item **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ITEM_VERSIONS);
	stmt_bind_text(q, 0, code);
	return list_items(q, pool, out, n);
}

enum db_rc
catalog_latest(struct db *db, struct pool *pool, struct item **out,
    size_t *n)
{
	return list_items(db_stmt(db, SQL_ITEM_LATEST), pool, out, n);
}

enum db_rc
catalog_version(struct db *db, struct pool *pool, const char *code,
    int version, struct item *it)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ITEM_VERSION);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	return load_one(db, pool, q, it, PARTS_ALL);
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

/* An optional string member, "" when absent. */
static const char *
jopt(json_t *o, const char *k)
{
	const char	*v = json_string_value(json_object_get(o, k));

	return v ? v : "";
}

/* A SHA-256 hex member, "" when absent or not of that shape. */
static const char *
jsha(json_t *o, const char *k)
{
	const char	*v = jopt(o, k);

	return crypto_hex_valid(v, SHA256_HEX - 1) ? v : "";
}

/* The themes as one "、"-separated string, for storage and search. */
static char *
themes_text(struct pool *pool, json_t *o)
{
	json_t		*t, *arr = json_object_get(o, "themes");
	size_t		 i;
	char		*out = "";

	if (json_is_string(arr))
		return pool_strdup(pool, json_string_value(arr));
	json_array_foreach(arr, i, t)
		if (json_is_string(t))
			out = pool_printf(pool, "%s%s%s", out, *out ? "、" : "",
			    json_string_value(t));
	return out;
}

/* The "、"-separated themes as a JSON array of strings. */
static json_t *
themes_json(const char *t)
{
	json_t		*arr = json_array();
	const char	*sep;

	while (t != NULL && *t != '\0') {
		sep = strstr(t, "、");
		json_array_append_new(arr, json_stringn(t, sep ? (size_t)(sep -
		    t) : strlen(t)));
		t = sep ? sep + strlen("、") : NULL;
	}
	return arr;
}

/* Store the steps and edges of o's procedure for item id. */
static enum db_rc
store_procedure(struct db *db, json_t *o, int64_t id, char *err,
    size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*proc, *steps, *flows, *returns, *e;
	size_t		 i, n = 0, k;
	const char	*key, *name, *from, *to;
	char		 autokey[24];

	proc = json_object_get(o, "procedure");
	steps = proc ? json_object_get(proc, "steps") : json_object_get(o,
	    "steps");
	if (!json_is_array(steps) || json_array_size(steps) < 2 ||
	    json_array_size(steps) > WF_MAX_STEPS) {
		snprintf(err, errlen, "办理流程要有 2 到 %d 个环节", WF_MAX_STEPS);
		return DB_ERR;
	}
	json_array_foreach(steps, i, e) {
		unsigned role = jrole(e, err, errlen);
		int days = jint(e, "days", 0, 1, err, errlen);

		name = jstr(e, "name", err, errlen);
		if (err[0] != '\0')
			return DB_ERR;
		snprintf(autokey, sizeof(autokey), "s%zu", i + 1);
		key = json_string_value(json_object_get(e, "key"));
		if (key == NULL || *key == '\0' || strlen(key) > 40)
			key = autokey;
		q = db_stmt(db, SQL_STEP_ADD);
		stmt_bind_int(q, 0, id);
		stmt_bind_int(q, 1, (int64_t)i + 1);
		stmt_bind_text(q, 2, key);
		stmt_bind_text(q, 3, name);
		stmt_bind_int(q, 4, role);
		/* The acting department's name: as sent, else looked up
		 * (intranet), else the code itself. */
		stmt_bind_text(q, 5, jopt(e, "dept"));
		stmt_bind_text(q, 6, jopt(e, "dept_name"));
		stmt_bind_text(q, 7, jopt(e, "dept"));
		stmt_bind_text(q, 8, jopt(o, "dept_code"));
		stmt_bind_text(q, 9, *jopt(e, "dept") ? jopt(e, "dept") :
		    jopt(o, "dept_name"));
		stmt_bind_int(q, 10, days);
		stmt_bind_text(q, 11, jopt(e, "doc"));
		if ((rc = stmt_run(q)) != DB_OK) {
			if (rc == DB_DUP)
				snprintf(err, errlen, "环节代号 %s 重复", key);
			return DB_ERR;
		}
	}
	flows = proc ? json_object_get(proc, "flows") : NULL;
	returns = proc ? json_object_get(proc, "returns") : NULL;
	if (flows == NULL) {
		/* The older form: a straight line through the steps. */
		for (i = 0; i <= json_array_size(steps); i++) {
			char a[16], b[16];
			snprintf(a, sizeof(a), "s%zu", i);
			snprintf(b, sizeof(b), "s%zu", i + 1);
			q = db_stmt(db, SQL_FLOW_ADD);
			stmt_bind_int(q, 0, id);
			stmt_bind_int(q, 1, (int64_t)++n);
			stmt_bind_text(q, 2, i == 0 ? WF_START : a);
			stmt_bind_text(q, 3, i == json_array_size(steps) ? WF_END :
			    b);
			stmt_bind_int(q, 4, 0);
			if ((rc = stmt_run(q)) != DB_OK)
				return rc;
		}
		return DB_OK;
	}
	for (k = 0; k < 2; k++) {
		json_t *arr = k == 0 ? flows : returns;
		json_array_foreach(arr, i, e) {
			from = json_string_value(json_array_get(e, 0));
			to = json_string_value(json_array_get(e, 1));
			if (from == NULL || to == NULL || strlen(from) > 40 ||
			    strlen(to) > 40) {
				snprintf(err, errlen, "流程连线第 %zu 条格式不对，"
				    "应为 [\"从\", \"到\"]", i + 1);
				return DB_ERR;
			}
			if (n >= WF_MAX_EDGES) {
				snprintf(err, errlen, "流程连线太多");
				return DB_ERR;
			}
			q = db_stmt(db, SQL_FLOW_ADD);
			stmt_bind_int(q, 0, id);
			stmt_bind_int(q, 1, (int64_t)++n);
			stmt_bind_text(q, 2, from);
			stmt_bind_text(q, 3, to);
			stmt_bind_int(q, 4, k);
			if ((rc = stmt_run(q)) != DB_OK)
				return rc;
		}
	}
	return DB_OK;
}

enum db_rc
catalog_store(struct db *db, struct pool *pool, json_t *o, int from_bundle,
    int64_t *id, char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*arr, *e, *priv;
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
	if (err[0] == '\0' && (strlen(code) > 40 || strlen(code) < 3))
		snprintf(err, errlen, "事项编码应为 3 到 40 个字符");
	if (err[0] == '\0' && (strlen(depth) != 1 ||
	    strchr("ABCD", depth[0]) == NULL))
		snprintf(err, errlen, "网办深度 depth 只能是 A、B、C、D");
	if (err[0] == '\0' && jint(o, "promised_days", 0, 1, err, errlen) >
	    jint(o, "statutory_days", 0, 1, err, errlen))
		snprintf(err, errlen, "承诺时限不能超过法定时限");
	/* The fee standard (FEE-1): a kind with 0 <= min <= max, max > 0;
	 * none, no amounts. */
	if (err[0] == '\0' && (*jopt(o, "fee_kind") != '\0' ?
	    strlen(jopt(o, "fee_kind")) > 4 * FEE_KIND_MAX ||
	    jint(o, "fee_min", 0, 0, err, errlen) < 0 ||
	    jint(o, "fee_max", 0, 0, err, errlen) < 1 ||
	    jint(o, "fee_max", 0, 0, err, errlen) > FEE_FEN_MAX ||
	    jint(o, "fee_min", 0, 0, err, errlen) >
	    jint(o, "fee_max", 0, 0, err, errlen) :
	    jint(o, "fee_min", 0, 0, err, errlen) != 0 ||
	    jint(o, "fee_max", 0, 0, err, errlen) != 0))
		snprintf(err, errlen, "收费标准不完整：收费项目、最低和最高金额"
		    "（分）应同时填写，且最低不超过最高");
	/* "private": true, a private matter (婚姻登记, 收养登记): the
	 * statistics count its cases and show nothing else (SUP-6);
	 * false clears it, absent leaves it as it was. */
	if (err[0] == '\0' && (priv = json_object_get(o, "private")) != NULL &&
	    !json_is_boolean(priv))
		snprintf(err, errlen, "private（涉及个人隐私，统计只计件数）只能是 "
		    "true 或 false");
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
	stmt_bind_text(q, 21, jopt(o, "parent"));
	stmt_bind_text(q, 22, jopt(o, "phase"));
	stmt_bind_text(q, 23, jopt(o, "fee_basis"));
	stmt_bind_text(q, 24, jopt(o, "fee_standard"));
	stmt_bind_int(q, 25, jint(o, "secret", 0, 0, err, errlen));
	stmt_bind_text(q, 26, themes_text(pool, o));
	stmt_bind_text(q, 27, jopt(o, "keywords"));
	stmt_bind_text(q, 28, jopt(o, "created_by"));
	stmt_bind_text(q, 29, jopt(o, "fee_kind"));
	stmt_bind_int(q, 30, jint(o, "fee_min", 0, 0, err, errlen));
	stmt_bind_int(q, 31, jint(o, "fee_max", 0, 0, err, errlen));
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	*id = stmt_insert_id(q);
	if (!from_bundle && (priv = json_object_get(o, "private")) != NULL) {
		q = db_stmt(db, json_is_true(priv) ? SQL_PRIVATE_SET :
		    SQL_PRIVATE_CLEAR);
		stmt_bind_text(q, 0, code);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}

	arr = json_object_get(o, "materials");
	json_array_foreach(arr, i, e) {
		const char *name = jstr(e, "name", err, errlen);
		const char *orig = json_string_value(
		    json_object_get(e, "original"));
		const char *types = json_string_value(
		    json_object_get(e, "types"));
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
		stmt_bind_text(q, 7, jopt(e, "note"));
		stmt_bind_text(q, 8, jopt(e, "form"));
		stmt_bind_text(q, 9, jsha(e, "form_sha"));
		stmt_bind_text(q, 10, jopt(e, "sample"));
		stmt_bind_text(q, 11, jsha(e, "sample_sha"));
		stmt_bind_text(q, 12, jopt(e, "licence"));
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return store_procedure(db, o, *id, err, errlen);
}

json_t *
catalog_json(const struct item *it)
{
	json_t	*o, *arr, *proc, *flows, *returns, *files;
	size_t	 i;
	int	 bad = 0;	/* some text was not JSON text */

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
	bad |= json_object_set_new(o, "parent", json_string(it->parent_code));
	bad |= json_object_set_new(o, "phase", json_string(it->phase));
	bad |= json_object_set_new(o, "fee_basis", json_string(it->fee_basis));
	bad |= json_object_set_new(o, "fee_standard",
	    json_string(it->fee_standard));
	bad |= json_object_set_new(o, "fee_kind", json_string(it->fee_kind));
	bad |= json_object_set_new(o, "fee_min", json_integer(it->fee_min));
	bad |= json_object_set_new(o, "fee_max", json_integer(it->fee_max));
	bad |= json_object_set_new(o, "themes", themes_json(it->themes));
	bad |= json_object_set_new(o, "keywords", json_string(it->keywords));
	arr = json_array();
	files = json_array();
	for (i = 0; i < it->nmaterials; i++) {
		const struct material *m = &it->materials[i];

		bad |= json_array_append_new(arr, json_pack("{s:s, s:s, s:i, "
		    "s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", m->name,
		    "original", m->original, "copies", m->copies,
		    "required", m->required, "types", m->types,
		    "note", m->note, "form", m->form, "form_sha", m->form_sha,
		    "sample", m->sample, "sample_sha", m->sample_sha,
		    "licence", m->licence != NULL ? m->licence : ""));
		/* The forms travel with the item (gap.c reads "files"). */
		if (*m->form_sha)
			json_array_append_new(files, json_string(m->form_sha));
		if (*m->sample_sha)
			json_array_append_new(files,
			    json_string(m->sample_sha));
	}
	bad |= json_object_set_new(o, "materials", arr);
	bad |= json_object_set_new(o, "files", files);
	arr = json_array();
	for (i = 0; i < it->nsteps; i++)
		bad |= json_array_append_new(arr, json_pack("{s:s, s:s, s:i, "
		    "s:s, s:s, s:i, s:s}", "key", it->steps[i].key,
		    "name", it->steps[i].name, "role", it->steps[i].role,
		    "dept", it->steps[i].dept_code,
		    "dept_name", it->steps[i].dept_name,
		    "days", it->steps[i].days, "doc", it->steps[i].doc));
	flows = json_array();
	returns = json_array();
	for (i = 0; i < it->nflows; i++)
		bad |= json_array_append_new(it->flows[i].back ? returns :
		    flows, json_pack("[s, s]", it->flows[i].from,
		    it->flows[i].to));
	proc = json_pack("{s:o, s:o, s:o}", "steps", arr, "flows", flows,
	    "returns", returns);
	bad |= json_object_set_new(o, "procedure", proc);
	/* An item with a part left out must not be stored or sent; the
	 * callers refuse NULL (outbox_add(), catalog_store()). */
	if (bad) {
		log_err("%s: text of version %d is not JSON text", it->code,
		    it->version);
		json_decref(o);
		return NULL;
	}
	return o;
}

const struct step *
catalog_step(const struct item *it, const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && i < it->nsteps; i++)
		if (strcmp(it->steps[i].key, key) == 0)
			return &it->steps[i];
	return NULL;
}

/* Step i is a window step of an instant item (即办件): the clerk who took
 * it may do the item's other window steps too (SEC-7). */
static int
window_step(const struct item *it, size_t i)
{
	return it->instant && it->steps[i].role == ROLE_CLERK;
}

/* The step whose person step i shares: itself, or the first window step
 * of its department. */
static size_t
staff_group(const struct item *it, size_t i)
{
	size_t	 j;

	for (j = 0; window_step(it, i) && j < i; j++)
		if (window_step(it, j) && strcmp(it->steps[j].dept_code,
		    it->steps[i].dept_code) == 0)
			return j;
	return i;
}

/* Kuhn's augmenting path from step i; owner[p]: the step person p does. */
static int
augment(size_t i, int64_t *const *who, const size_t *nwho,
    const int64_t *people, size_t npeople, int *seen, long *owner)
{
	size_t	 k, p;

	for (k = 0; k < nwho[i]; k++) {
		for (p = 0; p < npeople && people[p] != who[i][k]; p++)
			continue;
		if (p == npeople || seen[p])
			continue;
		seen[p] = 1;
		if (owner[p] < 0 || augment((size_t)owner[p], who, nwho, people,
		    npeople, seen, owner)) {
			owner[p] = (long)i;
			return 1;
		}
	}
	return 0;
}

size_t
catalog_staff_apart(struct pool *pool, const struct item *it,
    int64_t *const *who, const size_t *nwho, int *short_of)
{
	int64_t	*people;
	long	*owner;
	int	*seen;
	size_t	 i, k, p, n = 0, total = 0, missing = 0;

	for (i = 0; i < it->nsteps; i++)
		total += nwho[i];
	people = pool_alloc(pool, (total + 1) * sizeof(*people));
	owner = pool_alloc(pool, (total + 1) * sizeof(*owner));
	seen = pool_alloc(pool, (total + 1) * sizeof(*seen));
	for (i = 0; i < it->nsteps; i++)
		for (k = 0; k < nwho[i]; k++) {
			for (p = 0; p < n && people[p] != who[i][k]; p++)
				continue;
			if (p == n) {
				people[n] = who[i][k];
				owner[n++] = -1;
			}
		}
	for (i = 0; i < it->nsteps; i++) {
		short_of[i] = 0;
		if (staff_group(it, i) != i)
			continue;
		memset(seen, 0, (total + 1) * sizeof(*seen));
		if (!augment(i, who, nwho, people, n, seen, owner))
			short_of[i] = 1;
	}
	for (i = 0; i < it->nsteps; i++) {
		short_of[i] = short_of[staff_group(it, i)];
		missing += short_of[i];
	}
	return missing;
}

void
catalog_net(struct db *db, struct pool *pool, const struct item *it,
    struct wf_net *net)
{
	struct wf_step	*steps;
	struct wf_edge	*edges;
	int64_t		**who;
	size_t		*nwho, i;
	int		*short_of;

	steps = pool_alloc(pool, (it->nsteps + 1) * sizeof(*steps));
	edges = pool_alloc(pool, (it->nflows + 1) * sizeof(*edges));
	who = pool_alloc(pool, (it->nsteps + 1) * sizeof(*who));
	nwho = pool_alloc(pool, (it->nsteps + 1) * sizeof(*nwho));
	short_of = pool_alloc(pool, (it->nsteps + 1) * sizeof(*short_of));
	for (i = 0; i < it->nsteps; i++) {
		steps[i].key = it->steps[i].key;
		steps[i].name = it->steps[i].name;
		steps[i].role = it->steps[i].role;
		steps[i].dept = it->steps[i].dept_code;
		steps[i].dept_label = it->steps[i].dept_name;
		if (db != NULL && account_holders(db, pool,
		    it->steps[i].dept_code, it->steps[i].role, &who[i],
		    &nwho[i]) != DB_OK)
			nwho[i] = 0;
		steps[i].staffed = db == NULL || nwho[i] > 0;
	}
	/* 回避: every step a person of its own. */
	if (db != NULL && catalog_staff_apart(pool, it, who, nwho,
	    short_of) > 0)
		for (i = 0; i < it->nsteps; i++)
			if (short_of[i] && steps[i].staffed) {
				steps[i].staffed = 0;
				steps[i].recusal = 1;
			}
	for (i = 0; i < it->nflows; i++) {
		edges[i].from = it->flows[i].from;
		edges[i].to = it->flows[i].to;
		edges[i].back = it->flows[i].back;
	}
	net->steps = steps;
	net->nsteps = it->nsteps;
	net->edges = edges;
	net->nedges = it->nflows;
}

/* Note that actor drafted, edited or submitted (act) version of code. */
static enum db_rc
hand_add(struct db *db, const char *code, int version, const char *actor,
    const char *act)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HAND_ADD);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	stmt_bind_text(q, 2, actor);
	stmt_bind_text(q, 3, act);
	return stmt_run(q);
}

enum db_rc
catalog_hand_of(struct db *db, struct pool *pool, const char *code,
    int version, const char *login)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 n = 0;

	q = db_stmt(db, SQL_HAND_OF);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	stmt_bind_text(q, 2, login);
	if ((rc = stmt_one(q, pool, "i", &n)) != DB_OK)
		return rc;
	return n > 0 ? DB_OK : DB_NONE;
}

static enum db_rc
hand_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct item_hand	*h = arg;

	return stmt_row(q, pool, "sss", &h->login, &h->name, &h->acts);
}

enum db_rc
catalog_hands(struct db *db, struct pool *pool, const char *code,
    int version, struct item_hand **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HANDS);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	return stmt_list(q, pool, hand_row, sizeof(**out), out, n);
}

int
catalog_private_wanted(struct db *db, struct pool *pool, const char *code,
    int version)
{
	struct stmt	*q;
	int64_t		 n;

	q = db_stmt(db, SQL_PRIVATE_WANTED);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if (stmt_one(q, pool, "i", &n) != DB_OK)
		return -2;
	return (int)n;
}

/* Mark item code private (want 1) or not, as version says, when it is
 * not so already; audited on its own as item.private or item.public. */
static enum db_rc
private_apply(struct db *db, struct pool *pool, const char *code,
    int version, int want, const char *actor)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int		 was;

	if ((was = catalog_private(db, pool, code)) < 0)
		return DB_ERR;
	if (was == want)
		return DB_OK;
	q = db_stmt(db, want ? SQL_PRIVATE_SET : SQL_PRIVATE_CLEAR);
	stmt_bind_text(q, 0, code);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	return audit_add(db, pool, actor, want ? "item.private" :
	    "item.public", code, pool_printf(pool, "version %d", version));
}

enum db_rc
catalog_publish(struct db *db, struct pool *pool, const char *code,
    int version, const char *actor, const char **why)
{
	struct stmt	*q;
	struct item	 it;
	struct wf_net	 net;
	struct wf_result res;
	json_t		*rec;
	enum db_rc	 rc;
	int64_t		 id;
	int		 want;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ITEM_ID);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_one(q, pool, "i", &id)) != DB_OK ||
	    (rc = catalog_by_id(db, pool, id, &it)) != DB_OK) {
		if (rc == DB_NONE)
			*why = "没有这个版本。";
		goto fail;
	}
	if (strcmp(it.status, "draft") != 0 &&
	    strcmp(it.status, "review") != 0) {
		*why = "只有草稿或待审核的版本可以发布。";
		rc = DB_NONE;
		goto fail;
	}
	/* Publication needs a second person (SEC-7). */
	if ((rc = catalog_hand_of(db, pool, code, version, actor)) != DB_NONE) {
		if (rc == DB_OK)
			*why = "您起草、修改或提交了这一版，须由另一人审核发布。";
		rc = rc == DB_OK ? DB_NONE : rc;
		goto fail;
	}
	/* FLOW-2: an unsound procedure is never published. */
	catalog_net(db, pool, &it, &net);
	if (wf_check(&net, 200000, 2000, &res) != WF_SOUND) {
		*why = pool_printf(pool, "办理流程未通过检查：%s", res.reason);
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_PUBLISH);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_RETIRE_OTHERS);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	/* What the version says of "private" now holds (161), as the
	 * publisher's act. */
	if ((want = catalog_private_wanted(db, pool, code, version)) == -2) {
		rc = DB_ERR;
		goto fail;
	}
	if (want >= 0 && (rc = private_apply(db, pool, code, version, want,
	    actor)) != DB_OK)
		goto fail;
	it.status = "published";
	/* Secret and D items never reach the extranet (CAT-1). */
	if (strcmp(it.depth, "D") != 0 && !it.secret) {
		rec = catalog_json(&it);
		rc = outbox_add(db, pool, rec);
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
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
catalog_set_status(struct db *db, struct pool *pool, const char *code,
    int version, const char *to, const char *actor, const char *reason,
    const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*from;

	*why = NULL;
	if (strcmp(to, "review") == 0)
		from = "draft";
	else if (strcmp(to, "draft") == 0)
		from = "review";
	else
		return DB_ERR;	/* no such move */
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ITEM_STATUS);
	stmt_bind_text(q, 0, to);
	stmt_bind_text(q, 1, code);
	stmt_bind_int(q, 2, version);
	stmt_bind_text(q, 3, from);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	if (stmt_affected(q) != 1) {
		*why = strcmp(to, "review") == 0 ? "只有草稿可以提交审核。" :
		    "只有待审核的版本可以退回修改。";
		rc = DB_NONE;
		goto fail;
	}
	if (strcmp(to, "review") == 0 &&
	    (rc = hand_add(db, code, version, actor, "submit")) != DB_OK)
		goto fail;
	if ((rc = audit_add(db, pool, actor, strcmp(to, "review") == 0 ?
	    "item.submit" : "item.return", code, pool_printf(pool,
	    "version %d %s", version, reason ? reason : ""))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

int
catalog_private(struct db *db, struct pool *pool, const char *code)
{
	struct stmt	*q;
	int64_t		 n;

	q = db_stmt(db, SQL_PRIVATE_GET);
	stmt_bind_text(q, 0, code);
	if (stmt_one(q, pool, "i", &n) != DB_OK)
		return -1;
	return n != 0;
}

/* Delete draft id with its materials, steps and flows, inside the
 * caller's transaction: DB_NONE when it is no longer a draft. */
static enum db_rc
draft_drop(struct db *db, int64_t id)
{
	static const char *const parts[] = { SQL_DRAFT_PARTS_1,
	    SQL_DRAFT_PARTS_2, SQL_DRAFT_PARTS_3 };
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;

	for (i = 0; i < 3; i++) {
		q = db_stmt(db, parts[i]);
		stmt_bind_int(q, 0, id);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	q = db_stmt(db, SQL_DRAFT_DROP);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	return stmt_affected(q) == 1 ? DB_OK : DB_NONE;
}

enum db_rc
catalog_save_draft(struct db *db, struct pool *pool, const char *code,
    int version, json_t *obj, const char *actor, char *err, size_t errlen)
{
	struct stmt	*q;
	struct item	 it;
	enum db_rc	 rc;
	json_t		*priv;
	int64_t		 id;

	err[0] = '\0';
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = catalog_version(db, pool, code, version, &it)) != DB_OK)
		goto fail;
	if (strcmp(it.status, "draft") != 0) {
		snprintf(err, errlen, "只有草稿可以修改；请先新建草稿。");
		rc = DB_NONE;
		goto fail;
	}
	if ((rc = draft_drop(db, it.id)) != DB_OK)
		goto fail;
	/* Stored again under the same code and version, still a draft. */
	json_object_set_new(obj, "code", json_string(code));
	json_object_set_new(obj, "version", json_integer(version));
	json_object_set_new(obj, "status", json_string("draft"));
	json_object_set_new(obj, "created_by", json_string(actor));
	if ((rc = catalog_store(db, pool, obj, 1, &id, err, errlen)) != DB_OK)
		goto fail;
	if ((rc = hand_add(db, code, version, actor, "edit")) != DB_OK)
		goto fail;
	if ((rc = audit_add(db, pool, actor, "item.edit", code,
	    pool_printf(pool, "version %d", version))) != DB_OK)
		goto fail;
	/* The editor's "private" (SUP-6), kept with the draft (161);
	 * marking takes effect at once, unmarking when it is published. */
	if ((priv = json_object_get(obj, "private")) != NULL &&
	    json_is_boolean(priv)) {
		q = db_stmt(db, SQL_PRIVATE_WANT);
		stmt_bind_int(q, 0, json_is_true(priv));
		stmt_bind_int(q, 1, id);
		if ((rc = stmt_run(q)) != DB_OK ||
		    (json_is_true(priv) && (rc = private_apply(db, pool, code,
		    version, 1, actor)) != DB_OK))
			goto fail;
	}
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
catalog_discard_draft(struct db *db, struct pool *pool, const char *code,
    int version, const char *actor, const char **why)
{
	struct stmt	*q;
	struct item	 it;
	enum db_rc	 rc;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = catalog_version(db, pool, code, version, &it)) != DB_OK) {
		if (rc == DB_NONE)
			*why = "没有这一版，可能已被放弃。";
		goto fail;
	}
	if (strcmp(it.status, "draft") != 0 ||
	    (rc = draft_drop(db, it.id)) == DB_NONE) {
		*why = strcmp(it.status, "review") == 0 ?
		    "这一版已提交审核，不能放弃；请由领导退回修改后再放弃。" :
		    "只有草稿可以放弃；已发布或已停用的版本保持不变。";
		rc = DB_NONE;
		goto fail;
	}
	if (rc != DB_OK)
		goto fail;
	/* Its version number is free again: a later draft starts with
	 * no hands (SEC-7). */
	q = db_stmt(db, SQL_HANDS_DROP);
	stmt_bind_text(q, 0, code);
	stmt_bind_int(q, 1, version);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_PRIVATE_ORPHAN);
	stmt_bind_text(q, 0, code);
	stmt_bind_text(q, 1, code);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	if ((rc = audit_add(db, pool, actor, "item.discard", code,
	    pool_printf(pool, "version %d", version))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
catalog_new_draft(struct db *db, struct pool *pool, const char *code,
    int from, json_t *obj, const char *actor, int *version, char *err,
    size_t errlen)
{
	struct stmt	*q;
	struct item	 it;
	enum db_rc	 rc;
	json_t		*copy = NULL;
	int64_t		 id, open;

	err[0] = '\0';
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_HAS_DRAFT);
	stmt_bind_text(q, 0, code);
	if ((rc = stmt_one(q, pool, "i", &open)) == DB_OK) {
		snprintf(err, errlen, "这个事项已有第 %lld 版草稿或待审核版本，"
		    "请在那一版上修改。", (long long)open);
		rc = DB_NONE;
		goto fail;
	}
	if (rc != DB_NONE)
		goto fail;
	if (from > 0) {
		if ((rc = catalog_version(db, pool, code, from, &it)) != DB_OK)
			goto fail;
		obj = copy = catalog_json(&it);	/* NULL: catalog_store() */
	}
	json_object_set_new(obj, "created_by", json_string(actor));
	rc = catalog_store(db, pool, obj, 0, &id, err, errlen);
	json_decref(copy);
	if (rc != DB_OK)
		goto fail;
	if ((rc = catalog_by_id(db, pool, id, &it)) != DB_OK)
		goto fail;
	*version = it.version;
	if ((rc = hand_add(db, code, it.version, actor, "draft")) != DB_OK)
		goto fail;
	if ((rc = audit_add(db, pool, actor, "item.draft", code,
	    pool_printf(pool, "version %d from %d", it.version, from))) !=
	    DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
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

/* One way of doing an item: whether online, and its visits. */
static int
channel_one(const struct item *it, int *visits)
{
	int	 online;

	online = it->depth != NULL && (it->depth[0] == 'A' ||
	    it->depth[0] == 'B') && !it->secret;
	*visits = it->visits < 0 ? 0 : it->visits;
	if ((!online || it->depth[0] == 'B') && *visits < 1)
		*visits = 1;
	return online;
}

void
catalog_channel(const struct item *it, const struct item *subs,
    size_t nsubs, struct channel *c)
{
	size_t	 i;
	int	 v, on;

	memset(c, 0, sizeof(*c));
	c->online = c->any_online = channel_one(it, &v);
	c->vmin = c->vmax = v;
	if (nsubs == 0)
		return;
	/* The item itself counts as a way only when it takes applications. */
	if (!c->online)
		c->vmin = 100, c->vmax = 0;
	for (i = 0; i < nsubs; i++) {
		on = channel_one(&subs[i], &v);
		c->parts++;
		if (on) {
			c->parts_online++;
			c->any_online = 1;
		}
		if (v < c->vmin)
			c->vmin = v;
		if (v > c->vmax)
			c->vmax = v;
	}
}

enum db_rc
catalog_import(struct db *db, struct pool *pool, json_t *o, char *err,
    size_t errlen)
{
	struct stmt	*q;
	struct item	 it;
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
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	/* Found by search and browsing from now on (CAT-3). */
	if ((rc = catalog_by_id(db, pool, id, &it)) != DB_OK)
		return rc;
	if (strcmp(it.status, "published") != 0)
		return DB_OK;
	if ((rc = search_index_item(db, pool, &it, json_object_get(o,
	    "themes"), it.keywords)) != DB_OK)
		snprintf(err, errlen, "事项 %s 无法加入检索", it.code);
	return rc;
}
