/*
 * search.c: owns item_search and item_theme (db/004_search.sql); reads
 * item for what is published.
 *
 * Why the search reads item: the Mroonga index beside item_search's
 * InnoDB rows is not transactional, so after a rolled-back import it may
 * still hold the words of a version that never committed.  Every result
 * is therefore joined to item by code and status, and shows the item's
 * own name and fields: a stale index can change which words find an
 * item, never show one that is not published.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "search.h"

#define STR_(x)		#x
#define STR(x)		STR_(x)

#define RESULT_COLS "i.id, i.code, i.version, i.name, i.kind, " \
	"i.dept_code, i.dept_name, i.level, i.promised_days, i.depth, " \
	"i.phase, i.instant, i.keywords"
#define FT_ALL "s.name, s.dept_name, s.themes, s.body"
/* The order people know them in (docs/catalog.md); others after. */
#define THEME_ORDER "'出生', '上学', '就业', '婚育', '开办企业', '建房', " \
	"'养老', '社会救助', '医疗卫生', '交通出行', '农牧业生产', '户籍', " \
	"'退休', '身后事'"
#define LEVEL_ORDER "'省级', '市级', '县级', '乡级', '村级'"

static const char SQL_INDEX[] =
    "INSERT INTO item_search (code, item_id, name, dept_name, themes, body) "
    "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
    "item_id = VALUES(item_id), name = VALUES(name), "
    "dept_name = VALUES(dept_name), themes = VALUES(themes), "
    "body = VALUES(body)";
static const char SQL_UNINDEX[] =
    "DELETE FROM item_search WHERE code = ?";
static const char SQL_THEMES_FORGET[] =
    "DELETE t FROM item_theme t JOIN item i ON i.id = t.item_id "
    "WHERE i.code = ?";
static const char SQL_THEME_ADD[] =
    "INSERT INTO item_theme (item_id, theme, code) VALUES (?, ?, ?)";
static const char SQL_DISABLE_KEYS[] =
    "ALTER TABLE item_search DISABLE KEYS";
static const char SQL_ENABLE_KEYS[] =
    "ALTER TABLE item_search ENABLE KEYS";

/*
 * Both parameters: the query with every word required.  A match in the
 * name weighs a thousand in any other field (Mroonga's *W pragma, the
 * sections in the index's order), so names that have the words come
 * first, those with more of them before; then relevance.
 *
 * One MATCH in WHERE and ORDER BY on the full-text table alone, with a
 * LIMIT: Mroonga answers it from Groonga's own top 100 (its "fast order
 * limit", Mroonga_fast_order_limit counts it) instead of handing every
 * match to the server to sort, and the item's rows are read for the
 * 100 kept (issue #12: at 10,000 items a search joined and sorted every
 * match's item row, 134 req/s).  An index row whose code has no
 * published version (left by a rolled-back import) costs a place among
 * the 100.
 */
#define NAME_FIRST	"*W1:1000,2:1,3:1,4:1 "
#define RANKED(match) \
    "SELECT " RESULT_COLS " FROM (SELECT s.code, " match " AS o1 " \
    "FROM item_search s WHERE " match " ORDER BY o1 DESC " \
    "LIMIT " STR(SEARCH_MAX_RESULTS) ") r " \
    "JOIN item i ON i.code = r.code AND i.status = 'published' " \
    "ORDER BY r.o1 DESC, i.code"
static const char SQL_SEARCH[] = RANKED(
    "MATCH (" FT_ALL ") AGAINST (? IN BOOLEAN MODE)");
/* One-character words are in too many materials and conditions to tell
 * anything; they look in names only. */
static const char SQL_SEARCH_NAME[] = RANKED(
    "MATCH (s.name) AGAINST (? IN BOOLEAN MODE)");

/* A page of a browse list: codes after ?, one more than a page so the
 * page knows whether another follows (indexes of db/235_hall.sql). */
#define PAGE_MORE " ORDER BY i.code LIMIT " STR(SEARCH_PAGE_MORE)
static const char SQL_ALL[] =
    "SELECT " RESULT_COLS " FROM item i "
    "WHERE i.status = 'published' AND i.code > ?" PAGE_MORE;
static const char SQL_BY_DEPT[] =
    "SELECT " RESULT_COLS " FROM item i "
    "WHERE i.status = 'published' AND i.dept_code = ? AND i.code > ?"
    PAGE_MORE;
static const char SQL_BY_LEVEL[] =
    "SELECT " RESULT_COLS " FROM item i "
    "WHERE i.status = 'published' AND i.level = ? AND i.code > ?"
    PAGE_MORE;
static const char SQL_BY_THEME[] =
    "SELECT " RESULT_COLS " FROM item_theme t FORCE INDEX (theme_code) "
    "JOIN item i ON i.id = t.item_id AND i.status = 'published' "
    "WHERE t.theme = ? AND t.code > ? ORDER BY t.code LIMIT "
    STR(SEARCH_PAGE_MORE);

/* The hall's 热门事项: published items with the most decided cases. */
static const char SQL_POPULAR[] =
    "SELECT " RESULT_COLS ", d.done FROM item_done d "
    "JOIN item i ON i.code = d.item_code AND i.status = 'published' "
    "ORDER BY d.done DESC, d.item_code LIMIT ?";

/* The browse lists' entries with their counts: item_facet (db/282),
 * kept by triggers as versions are published and retired. */
#define FACET_COLS "SELECT fkey, label, n FROM item_facet "
static const char SQL_DEPTS[] =
    "SELECT fkey, label, n FROM item_facet FORCE INDEX (by_count) "
    "WHERE kind = 'dept' AND n > 0 AND "
    "(n < ? OR (n = ? AND fkey > ?)) ORDER BY n DESC, fkey LIMIT ?";
static const char SQL_FACET[] =
    FACET_COLS "WHERE kind = ? AND fkey = ? AND n > 0";
static const char SQL_LEVELS[] =
    FACET_COLS "WHERE kind = 'level' AND n > 0 "
    "ORDER BY FIELD(fkey, " LEVEL_ORDER ") = 0, "
    "FIELD(fkey, " LEVEL_ORDER "), fkey LIMIT " STR(SEARCH_FACETS_MAX);
/* The themes, and first the number of all published items. */
static const char SQL_THEMES[] =
    FACET_COLS "WHERE kind IN ('all', 'theme') AND (n > 0 OR kind = 'all') "
    "ORDER BY kind = 'theme', FIELD(fkey, " THEME_ORDER ") = 0, "
    "FIELD(fkey, " THEME_ORDER "), fkey LIMIT " STR(SEARCH_FACETS_MAX);

/* A growing string in the pool. */
struct buf {
	struct pool	*pool;
	char		*s;
	size_t		 len, cap;
};

static void
buf_add(struct buf *b, const char *s)
{
	size_t	 n;
	char	*ns;

	if (s == NULL || *s == '\0')
		return;
	n = strlen(s);
	if (b->len + n + 2 > b->cap) {
		b->cap = (b->len + n + 2) * 2;
		ns = pool_alloc(b->pool, b->cap);
		if (b->len > 0)
			memcpy(ns, b->s, b->len);
		b->s = ns;
	}
	if (b->len > 0)
		b->s[b->len++] = ' ';
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

enum db_rc
search_index_item(struct db *db, struct pool *pool, const struct item *it,
    json_t *themes, const char *keywords)
{
	struct stmt	*q;
	struct buf	 tb = { pool, NULL, 0, 0 }, bb = { pool, NULL, 0, 0 };
	enum db_rc	 rc;
	json_t		*t;
	size_t		 i;
	const char	*name;

	/* What a citizen might type: the kind and code too. */
	buf_add(&bb, it->kind);
	buf_add(&bb, it->code);
	buf_add(&bb, keywords);
	for (i = 0; i < it->nmaterials; i++)
		buf_add(&bb, it->materials[i].name);
	buf_add(&bb, it->conditions);
	buf_add(&bb, it->basis);

	q = db_stmt(db, SQL_THEMES_FORGET);
	stmt_bind_text(q, 0, it->code);
	if ((rc = stmt_run(q)) != DB_OK)
		return DB_ERR;
	json_array_foreach(themes, i, t) {
		/* Not one of ours (docs/catalog.md): not a browse entry. */
		if ((name = json_string_value(t)) == NULL || *name == '\0' ||
		    strlen(name) > 60)
			continue;
		q = db_stmt(db, SQL_THEME_ADD);
		stmt_bind_int(q, 0, it->id);
		stmt_bind_text(q, 1, name);
		stmt_bind_text(q, 2, it->code);
		/* A theme named twice is one theme. */
		if ((rc = stmt_run(q)) == DB_OK)
			buf_add(&tb, name);
		else if (rc != DB_DUP)
			return DB_ERR;
	}

	q = db_stmt(db, SQL_INDEX);
	stmt_bind_text(q, 0, it->code);
	stmt_bind_int(q, 1, it->id);
	stmt_bind_text(q, 2, it->name);
	stmt_bind_text(q, 3, it->dept_name ? it->dept_name : "");
	stmt_bind_text(q, 4, tb.s ? tb.s : "");
	stmt_bind_text(q, 5, bb.s ? bb.s : "");
	return stmt_run(q) == DB_OK ? DB_OK : DB_ERR;
}

enum db_rc
search_unindex_code(struct db *db, const char *code)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_THEMES_FORGET);
	stmt_bind_text(q, 0, code);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_UNINDEX);
	stmt_bind_text(q, 0, code);
	return stmt_run(q) == DB_OK ? DB_OK : DB_ERR;
}

enum db_rc
search_rebuild(struct db *db)
{
	if (db_exec(db, SQL_DISABLE_KEYS) != DB_OK ||
	    db_exec(db, SQL_ENABLE_KEYS) != DB_OK)
		return DB_ERR;
	return DB_OK;
}

/* Run q (already bound) and collect its rows of RESULT_COLS. */
static enum db_rc
fetch_items(struct stmt *q, struct pool *pool, struct item **out, size_t *n)
{
	struct item	 it, *v = NULL;
	enum db_rc	 rc;
	size_t		 cap = 0;

	*n = 0;
	*out = NULL;
	if ((rc = stmt_run(q)) != DB_OK)
		return DB_ERR;
	memset(&it, 0, sizeof(it));
	while ((rc = stmt_row(q, pool, "isdsssssdssds", &it.id, &it.code,
	    &it.version, &it.name, &it.kind, &it.dept_code, &it.dept_name,
	    &it.level, &it.promised_days, &it.depth, &it.phase,
	    &it.instant, &it.keywords)) == DB_OK)
		*(struct item *)pool_push(pool, &v, n, &cap, sizeof(it)) = it;
	stmt_done(q);
	*out = v;
	return rc == DB_ERR ? DB_ERR : DB_OK;
}

/* True when every word of the space-separated words is one character. */
static int
all_single(const char *w)
{
	const unsigned char	*p = (const unsigned char *)w;
	int			 chars = 0;

	for (; *p != '\0'; p++) {
		if (*p == ' ')
			chars = 0;
		else if ((*p & 0xc0) != 0x80 && ++chars > 1)
			return 0;
	}
	return 1;
}

enum db_rc
search_query(struct db *db, struct pool *pool, const char *text,
    struct item **out, size_t *n)
{
	struct stmt	*q;
	size_t		 len = text ? strlen(text) : 0, cap;
	char		*words, *all;

	*n = 0;
	*out = NULL;
	/* Sanitised words are never longer than the text; the query adds
	 * at most 3 characters a word. */
	words = pool_alloc(pool, len + 1);
	if (text == NULL || search_sanitize(text, words, len + 1) == 0)
		return DB_OK;
	cap = sizeof(NAME_FIRST) + len + 4 * SEARCH_MAX_WORDS + 1;
	all = pool_alloc(pool, cap);
	memcpy(all, NAME_FIRST, sizeof(NAME_FIRST) - 1);
	if (search_against(words, 1, all + sizeof(NAME_FIRST) - 1,
	    cap - sizeof(NAME_FIRST) + 1))
		return DB_ERR;
	/* Names only: no sections to weigh. */
	q = db_stmt(db, all_single(words) ? SQL_SEARCH_NAME : SQL_SEARCH);
	if (all_single(words))
		all += sizeof(NAME_FIRST) - 1;
	stmt_bind_text(q, 0, all);
	stmt_bind_text(q, 1, all);
	if (fetch_items(q, pool, out, n) != DB_OK)
		return DB_ERR;
	search_rank(pool, words, *out, *n);
	return DB_OK;
}

/* Whether s has w, a word of len bytes. */
static int
has(const char *s, const char *w, size_t len)
{
	for (; *s != '\0'; s++)
		if (strncasecmp(s, w, len) == 0)
			return 1;
	return 0;
}

int
search_phase_class(const char *name, const char *phase)
{
	static const char *const first[] = { "新办", "设立", "首次", "登记",
	    NULL };
	static const char *const last[] = { "注销", "撤销", NULL };
	static const char *const later[] = { "变更", "延续", "补发", "换发",
	    "补领", "换领", "备案", "年检", NULL };
	size_t	 i;

	if (phase == NULL)
		phase = "";
	if (name == NULL)
		name = "";
	/* The catalogue's phase (CAT-2) first, then the name's words. */
	for (i = 0; last[i] != NULL; i++)
		if (strcmp(phase, last[i]) == 0)
			return 3;
	for (i = 0; later[i] != NULL; i++)
		if (strcmp(phase, later[i]) == 0)
			return 2;
	for (i = 0; first[i] != NULL; i++)
		if (strcmp(phase, first[i]) == 0)
			return 0;
	for (i = 0; last[i] != NULL; i++)
		if (strstr(name, last[i]) != NULL)
			return 3;
	if (strstr(name, "设立") != NULL || strstr(name, "新办") != NULL ||
	    strstr(name, "首次") != NULL)
		return 0;
	for (i = 0; later[i] != NULL; i++)
		if (strstr(name, later[i]) != NULL)
			return 2;
	return 1;
}

/* What search_rank() sorts by, smallest first. */
struct rank {
	int		 exact, tier, phase;
	size_t		 pos;
	struct item	 it;
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct rank	*x = a, *y = b;

	if (x->exact != y->exact)
		return x->exact - y->exact;
	if (x->tier != y->tier)
		return x->tier - y->tier;
	if (x->phase != y->phase)
		return x->phase - y->phase;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Whether s has every word of words. */
static int
has_all(const char *s, const char *words)
{
	const char	*w;
	size_t		 len;

	if (s == NULL)
		return 0;
	for (w = words; *w != '\0'; w += len + (w[len] == ' ')) {
		len = strcspn(w, " ");
		if (!has(s, w, len))
			return 0;
	}
	return 1;
}

void
search_rank(struct pool *pool, const char *words, struct item *v, size_t n)
{
	struct rank	*r;
	const char	*name;
	char		*clean;
	size_t		 i, cap;

	if (n < 2 || words == NULL)
		return;
	r = pool_alloc(pool, n * sizeof(*r));
	for (i = 0; i < n; i++) {
		name = v[i].name != NULL ? v[i].name : "";
		cap = strlen(name) + 1;
		clean = pool_alloc(pool, cap);
		search_sanitize(name, clean, cap);
		r[i].exact = strcmp(clean, words) != 0 &&
		    (v[i].code == NULL || strcasecmp(v[i].code, words) != 0);
		r[i].tier = has_all(name, words) ? 0 :
		    has_all(v[i].keywords, words) ? 1 : 2;
		r[i].phase = search_phase_class(name, v[i].phase);
		r[i].pos = i;
		r[i].it = v[i];
	}
	qsort(r, n, sizeof(*r), rank_cmp);
	for (i = 0; i < n; i++)
		v[i] = r[i].it;
}

static enum db_rc
by(struct db *db, struct pool *pool, const char *sql, const char *v,
    const char *after, struct item **out, size_t *n)
{
	struct stmt	*q;
	int		 i = 0;

	q = db_stmt(db, sql);
	if (v != NULL)
		stmt_bind_text(q, i++, v);
	stmt_bind_text(q, i, after != NULL ? after : "");
	return fetch_items(q, pool, out, n);
}

enum db_rc
search_all(struct db *db, struct pool *pool, const char *after,
    struct item **out, size_t *n)
{
	return by(db, pool, SQL_ALL, NULL, after, out, n);
}

enum db_rc
search_by_dept(struct db *db, struct pool *pool, const char *dept_code,
    const char *after, struct item **out, size_t *n)
{
	return by(db, pool, SQL_BY_DEPT, dept_code, after, out, n);
}

enum db_rc
search_by_level(struct db *db, struct pool *pool, const char *level,
    const char *after, struct item **out, size_t *n)
{
	return by(db, pool, SQL_BY_LEVEL, level, after, out, n);
}

enum db_rc
search_by_theme(struct db *db, struct pool *pool, const char *theme,
    const char *after, struct item **out, size_t *n)
{
	return by(db, pool, SQL_BY_THEME, theme, after, out, n);
}

enum db_rc
search_popular(struct db *db, struct pool *pool, int max, struct item **out,
    int **done, size_t *n)
{
	struct stmt	*q;
	struct item	 it, *v = NULL;
	int		 d, *dv = NULL;
	enum db_rc	 rc;
	size_t		 cap = 0, dn = 0, dcap = 0;

	*n = 0;
	*out = NULL;
	*done = NULL;
	q = db_stmt(db, SQL_POPULAR);
	stmt_bind_int(q, 0, max);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	memset(&it, 0, sizeof(it));
	while ((rc = stmt_row(q, pool, "isdsssssdssdsd", &it.id, &it.code,
	    &it.version, &it.name, &it.kind, &it.dept_code, &it.dept_name,
	    &it.level, &it.promised_days, &it.depth, &it.phase, &it.instant,
	    &it.keywords, &d)) == DB_OK) {
		*(struct item *)pool_push(pool, &v, n, &cap, sizeof(it)) = it;
		*(int *)pool_push(pool, &dv, &dn, &dcap, sizeof(d)) = d;
	}
	stmt_done(q);
	*out = v;
	*done = dv;
	return rc == DB_ERR ? DB_ERR : DB_OK;
}

/* Run q (already bound) and collect its facets. */
static enum db_rc
facets(struct stmt *q, struct pool *pool, struct facet **out, size_t *n)
{
	struct facet	 f, *v = NULL;
	enum db_rc	 rc;
	size_t		 cap = 0;

	*n = 0;
	*out = NULL;
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	while ((rc = stmt_row(q, pool, "ssd", &f.key, &f.label,
	    &f.count)) == DB_OK)
		*(struct facet *)pool_push(pool, &v, n, &cap, sizeof(f)) = f;
	stmt_done(q);
	*out = v;
	return rc == DB_ERR ? DB_ERR : DB_OK;
}

enum db_rc
search_depts(struct db *db, struct pool *pool, int max, int after_n,
    const char *after_key, struct facet **out, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DEPTS);
	if (after_key == NULL || after_n < 0)
		after_n = INT_MAX, after_key = "";
	stmt_bind_int(q, 0, after_n);
	stmt_bind_int(q, 1, after_n);
	stmt_bind_text(q, 2, after_key);
	stmt_bind_int(q, 3, max + 1);
	return facets(q, pool, out, n);
}

enum db_rc
search_facet(struct db *db, struct pool *pool, const char *kind,
    const char *key, struct facet *out)
{
	struct stmt	*q;
	enum db_rc	 rc;

	memset(out, 0, sizeof(*out));
	q = db_stmt(db, SQL_FACET);
	stmt_bind_text(q, 0, kind);
	stmt_bind_text(q, 1, key);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	rc = stmt_row(q, pool, "ssd", &out->key, &out->label, &out->count);
	stmt_done(q);
	return rc;
}

enum db_rc
search_levels(struct db *db, struct pool *pool, struct facet **out, size_t *n)
{
	return facets(db_stmt(db, SQL_LEVELS), pool, out, n);
}

enum db_rc
search_themes(struct db *db, struct pool *pool, struct facet **out, size_t *n,
    long long *total)
{
	if (facets(db_stmt(db, SQL_THEMES), pool, out, n) != DB_OK)
		return DB_ERR;
	*total = 0;
	/* The first row is the count of all (the migration made it). */
	if (*n > 0 && (*out)[0].key[0] == '\0') {
		*total = (*out)[0].count;
		(*out)++;
		(*n)--;
	}
	return DB_OK;
}

/*
 * Decode one UTF-8 character of s into *cp; returns its length, or 0 for
 * an invalid, overlong, surrogate or truncated sequence (one byte is then
 * skipped by the caller).
 */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t		 n, i;
	uint32_t	 c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

/*
 * Whether c belongs to a word.  Everything that is not is a separator:
 * ASCII other than letters and digits (so every operator of Groonga's
 * query syntax), Latin-1 punctuation, general and CJK punctuation,
 * symbols, arrows, box drawing, full-width punctuation, private use,
 * emoji.
 */
static int
word_char(uint32_t c)
{
	if (c < 0x80)
		return ascii_alnum(c);
	if (c < 0xc0 || c == 0xd7 || c == 0xf7)
		return 0;
	if (c >= 0x2000 && c <= 0x2bff)		/* punctuation, symbols */
		return 0;
	if (c >= 0x2e00 && c <= 0x2e7f)		/* more punctuation */
		return 0;
	if (c >= 0x3000 && c <= 0x303f)		/* 、。「」【】〔〕… */
		return (c >= 0x3005 && c <= 0x3007) ||	/* 々〆〇 */
		    (c >= 0x3021 && c <= 0x3029);	/* 〡…〩 */
	if (c >= 0xe000 && c <= 0xf8ff)		/* private use */
		return 0;
	if (c >= 0xfe10 && c <= 0xfe6f)		/* vertical, small forms */
		return 0;
	if (c == 0xfeff)
		return 0;
	if (c >= 0xff00 && c <= 0xffef)		/* full-width: ０-９Ａ-Ｚａ-ｚ */
		return (c >= 0xff10 && c <= 0xff19) ||
		    (c >= 0xff21 && c <= 0xff3a) ||
		    (c >= 0xff41 && c <= 0xff5a) ||
		    (c >= 0xff66 && c <= 0xffdc);
	if (c >= 0xfff0 && c <= 0xffff)
		return 0;
	if (c >= 0x1f000 && c <= 0x1faff)	/* emoji, game symbols */
		return 0;
	if (c >= 0xe0000)			/* tags, private use */
		return 0;
	return 1;
}

int
search_sanitize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 len, o = 0;
	uint32_t		 c, next;
	int			 words = 0, inword = 0, prev_alnum = 0;

	if (outlen == 0)
		return 0;
	out[0] = '\0';
	while (*p != '\0') {
		if ((len = utf8_decode(p, &c)) == 0) {
			inword = 0;
			p++;
			continue;
		}
		/* A joiner between two ASCII letters or digits stays. */
		if ((c == '-' || c == '.' || c == '_') && inword &&
		    prev_alnum && utf8_decode(p + 1, &next) == 1 &&
		    ascii_alnum(next)) {
			;
		} else if (!word_char(c)) {
			inword = 0;
			p += len;
			continue;
		}
		if (!inword) {
			if (words == SEARCH_MAX_WORDS)
				break;
			/* Room for a separator, the character and NUL. */
			if (o + (words > 0) + len + 1 > outlen)
				break;
			if (words > 0)
				out[o++] = ' ';
			words++;
			inword = 1;
		} else if (o + len + 1 > outlen)
			break;
		memcpy(out + o, p, len);
		o += len;
		prev_alnum = ascii_alnum(c);
		p += len;
	}
	out[o] = '\0';
	return words;
}

int
search_against(const char *words, int all, char *out, size_t outlen)
{
	size_t	 o = 0, len;
	int	 n;

	if (outlen == 0)
		return -1;
	out[0] = '\0';
	while (*words != '\0') {
		len = strcspn(words, " ");
		/* Sanitised words never have these; refuse rather than
		 * let a caller's mistake become Groonga syntax. */
		if (len == 0 || memchr(words, '"', len) != NULL ||
		    memchr(words, '\\', len) != NULL)
			return -1;
		n = snprintf(out + o, outlen - o, "%s%s\"%.*s\"",
		    o > 0 ? " " : "", all ? "+" : "", (int)len, words);
		if (n < 0 || (size_t)n >= outlen - o)
			return -1;
		o += (size_t)n;
		words += len;
		if (*words == ' ')
			words++;
	}
	return 0;
}
