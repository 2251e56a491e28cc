/*
 * search.h: finding published items on the extranet (CAT-3): Chinese
 * full-text search (Mroonga, db/004_search.sql) and browsing by
 * department, level and life event (theme).
 */
#ifndef YW_SEARCH_H
#define YW_SEARCH_H

#include <jansson.h>

#include "catalog.h"
#include "db.h"

#define SEARCH_MAX_WORDS	8	/* more words are ignored */
#define SEARCH_MAX_RESULTS	100

/* One entry of a browse list: a department, level or theme and the
 * number of published items under it. */
struct facet {
	char		*key;		/* dept_code, level or theme */
	char		*label;		/* department name, level, theme */
	int		 count;
};

/*
 * Index the published version `it` (its id, code, name, kind, department,
 * basis, conditions and materials' names), with its themes (a JSON array
 * of strings, or NULL) and keywords (space separated, or NULL): replaces
 * what was indexed for its code.  Called on the extranet for each item
 * version a bundle brings, inside the import's transaction.  DB_OK or
 * DB_ERR (logged).
 */
enum db_rc	 search_index_item(struct db *, struct pool *,
		    const struct item *it, json_t *themes,
		    const char *keywords);
/* Forget code: no longer found nor browsed (an item withdrawn without a
 * successor).  A new version needs no unindex: indexing replaces. */
enum db_rc	 search_unindex_code(struct db *, const char *code);
/*
 * Rebuild the full-text index from its rows, after a crash of the
 * database server or a rolled-back import (the Groonga index is not
 * transactional).  DDL: commits any open transaction; never call it
 * inside one.
 */
enum db_rc	 search_rebuild(struct db *);

/*
 * Published items matching every word of q (at most SEARCH_MAX_WORDS
 * words, SEARCH_MAX_RESULTS items) in search_rank()'s order.  A query
 * whose words are all one character long looks in names only.  The
 * items have id, code, version, name, kind, dept_code, dept_name, level,
 * promised_days, depth, phase, instant and keywords; no materials or
 * steps.  *n = 0 when q has no word.
 */
enum db_rc	 search_query(struct db *, struct pool *, const char *q,
		    struct item **, size_t *n);

/*
 * One page of the published items (all, or of a department, a level or
 * a theme), by code, from the first code after `after` ("" or NULL: the
 * first page): at most SEARCH_PAGE_MORE items, one more than a page when
 * another page follows.  The same fields as search_query().
 */
#define SEARCH_PAGE		24
#define SEARCH_PAGE_MORE	25
enum db_rc	 search_all(struct db *, struct pool *, const char *after,
		    struct item **, size_t *n);
enum db_rc	 search_by_dept(struct db *, struct pool *,
		    const char *dept_code, const char *after, struct item **,
		    size_t *n);
enum db_rc	 search_by_level(struct db *, struct pool *,
		    const char *level, const char *after, struct item **,
		    size_t *n);
enum db_rc	 search_by_theme(struct db *, struct pool *,
		    const char *theme, const char *after, struct item **,
		    size_t *n);

/* At most max published items with the most decided cases (item_done,
 * db/235_hall.sql), most first; done[i] is items[i]'s count. */
enum db_rc	 search_popular(struct db *, struct pool *, int max,
		    struct item **, int **done, size_t *n);

/*
 * The browse lists with their counts (item_facet, db/282), each read by
 * an index, a page at a time: departments by number of items, most
 * first, then by code: at most max + 1 (one more when another page
 * follows) after the department of after_n items and code after_key
 * (NULL: the first page); levels from 市级 down to 村级 and themes in the
 * order of docs/catalog.md, at most SEARCH_FACETS_MAX, and with the
 * themes *total, the number of all published items.  search_facet():
 * the entry key of kind ("dept", "level", "theme"), DB_NONE when it has
 * no published item.
 */
#define SEARCH_FACETS_MAX	100
#define SEARCH_DEPT_PAGE	60
enum db_rc	 search_depts(struct db *, struct pool *, int max,
		    int after_n, const char *after_key, struct facet **,
		    size_t *n);
enum db_rc	 search_facet(struct db *, struct pool *, const char *kind,
		    const char *key, struct facet *);
enum db_rc	 search_levels(struct db *, struct pool *, struct facet **,
		    size_t *n);
enum db_rc	 search_themes(struct db *, struct pool *, struct facet **,
		    size_t *n, long long *total);

/*
 * Put what people mean first (docs/search.md): an item whose name is the
 * query (or whose code is) first; then items whose names have every
 * word, then those whose keywords (CAT-3, what people call it: 低保)
 * have them, then the rest; within each, the first phase of a licence
 * (新办, 设立, 首次登记) before items without a phase, before 变更, 延续, 补发 and the like,
 * before 注销; ties keep the order they came in (relevance).  words as
 * search_sanitize() made them.  Stable; uses the pool.
 */
void		 search_rank(struct pool *, const char *words, struct item *v,
		    size_t n);
/* The phase class of an item: 0 the first licence or registration, 1 no
 * phase, 2 a change, renewal or re-issue, 3 a cancellation. */
int		 search_phase_class(const char *name, const char *phase);

/*
 * The pure part, for tests.  search_sanitize() reduces what a user typed
 * to plain words separated by single spaces: letters, digits and CJK
 * characters, with '-', '.' and '_' kept between two letters or digits
 * (codes, phone numbers); every other character (quotes, backslashes,
 * brackets, operators, Chinese punctuation, invalid UTF-8) separates
 * words.  At most SEARCH_MAX_WORDS words, cut at a whole character to fit
 * outlen.  Returns the number of words.
 */
int		 search_sanitize(const char *in, char *out, size_t outlen);
/*
 * The Mroonga BOOLEAN MODE query for sanitised words: each word a quoted
 * phrase, "+" before each when all words are required.  Returns 0, or -1
 * when it does not fit in outlen.
 */
int		 search_against(const char *words, int all, char *out,
		    size_t outlen);

#endif
