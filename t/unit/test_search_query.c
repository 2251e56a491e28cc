/*
 * test_search_query.c: what a user types into the search box becomes
 * plain words and a Mroonga query of quoted phrases, whatever the input
 * (CAT-3); results are ranked as docs/search.md says; a guide's online
 * state and visits come from one computation; and the search and browse
 * pages render escaped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "request.h"
#include "search.h"
#include "pool_fixture.h"

#define TEMPLATES	TOP_SRCDIR "/templates"

/* Sanitise in; check the words and their number. */
static void
words_are(const char *in, const char *want, int nwant)
{
	char	out[256];
	int	n;

	n = search_sanitize(in, out, sizeof(out));
	if (strcmp(out, want) != 0 || n != nwant)
		fail_msg("\"%s\" gave \"%s\" (%d words), want \"%s\" (%d)",
		    in, out, n, want, nwant);
}

/* Sanitise in and build the query with every word required. */
static void
query_is(const char *in, const char *want)
{
	char	words[256], q[512];

	(void)search_sanitize(in, words, sizeof(words));
	assert_int_equal(search_against(words, 1, q, sizeof(q)), 0);
	assert_string_equal(q, want);
}

static void
plain_words(void **state)
{
	(void)state;
	words_are("食品", "食品", 1);
	words_are("  食品 经营\t许可\n", "食品 经营 许可", 3);
	/* The ideographic space and Chinese punctuation separate words. */
	words_are("食品　经营", "食品 经营", 2);
	words_are("食品，经营。（许可）、“奶茶”《办法》【新办】",
	    "食品 经营 许可 奶茶 办法 新办", 6);
	words_are("证", "证", 1);
	/* Full-width letters and digits are kept (the index folds them). */
	words_are("ＳＣＪＧＪ０１８", "ＳＣＪＧＪ０１８", 1);
	/* Codes and phone numbers keep their joiners between ASCII
	 * letters and digits, and only there. */
	words_are("152502-SCJG-XK-001", "152502-SCJG-XK-001", 1);
	words_are("0479-8225315", "0479-8225315", 1);
	words_are("-a- b-- --c 食品-经营 v1.2", "a b c 食品 经营 v1.2", 6);
	words_are("二〇二四年", "二〇二四年", 1);
	/* Nothing but punctuation: no word, nothing to search. */
	words_are("！？，。…—", "", 0);
	words_are("", "", 0);
}

static void
operators_are_neutralised(void **state)
{
	(void)state;
	/* Groonga's query syntax and MySQL's Boolean mode operators. */
	words_are("+食品 -营业 ~奶茶 <a >b (c) d* \"e\" @f",
	    "食品 营业 奶茶 a b c d e", 8);
	query_is("食品\" OR \"1", "+\"食品\" +\"OR\" +\"1\"");
	query_is("食品\\\" OR name:@x", "+\"食品\" +\"OR\" +\"name\" +\"x\"");
	/* A pragma only counts at the very start; it is never there. */
	query_is("*D+ 食品", "+\"D\" +\"食品\"");
	query_is("*W1:10 食品", "+\"W1\" +\"10\" +\"食品\"");
	query_is("body:=奶茶 name:^食 x:$y", "+\"body\" +\"奶茶\" +\"name\" "
	    "+\"食\" +\"x\" +\"y\"");
	query_is("'; DROP TABLE item; --", "+\"DROP\" +\"TABLE\" +\"item\"");
	query_is("a\\\\b", "+\"a\" +\"b\"");
}

static void
bad_bytes(void **state)
{
	(void)state;
	/* Invalid, overlong ("/" as two bytes), surrogate, truncated. */
	words_are("\xff食品\xc0\xaf经营", "食品 经营", 2);
	words_are("\xed\xa0\x80食品", "食品", 1);
	words_are("食品\xe5\x93", "食品", 1);
	words_are("\xe5\x93", "", 0);
	words_are("\xf4\x90\x80\x80x", "x", 1);	/* above U+10FFFF */
	/* Emoji, private use, zero-width space, BOM separate. */
	words_are("\xf0\x9f\x8d\x94食品\xee\x80\x80证\xe2\x80\x8b照\xef\xbb\xbf",
	    "食品 证 照", 3);
	/* Control characters. */
	words_are("食\x01品\x7f证", "食 品 证", 3);
}

static void
limits(void **state)
{
	char	out[16], q[32];

	(void)state;
	/* At most SEARCH_MAX_WORDS words. */
	words_are("a b c d e f g h i j k", "a b c d e f g h", 8);
	/* Cut at a whole character: 食品经营 is 12 bytes. */
	assert_int_equal(search_sanitize("食品经营", out, 7), 1);
	assert_string_equal(out, "食品");
	assert_int_equal(search_sanitize("食品经营", out, 6), 1);
	assert_string_equal(out, "食");
	assert_int_equal(search_sanitize("食品 经营", out, 8), 1);
	assert_string_equal(out, "食品");
	assert_int_equal(search_sanitize("食品", out, 1), 0);
	assert_string_equal(out, "");
	/* The query: any word, all words, too small, a word with a quote. */
	assert_int_equal(search_against("a b", 0, q, sizeof(q)), 0);
	assert_string_equal(q, "\"a\" \"b\"");
	assert_int_equal(search_against("a b", 1, q, 8), -1);
	assert_int_equal(search_against("a\"b", 1, q, sizeof(q)), -1);
	assert_int_equal(search_against("a\\b", 1, q, sizeof(q)), -1);
	assert_int_equal(search_against("", 1, q, sizeof(q)), 0);
	assert_string_equal(q, "");
}

/* Random bytes: the words are only ever letters, digits, CJK and the
 * three joiners, and the query only quoted words. */
static void
random_input(void **state)
{
	char		 in[64], out[64], q[160];
	const char	*p;
	int		 i, j, n;

	(void)state;
	srand(20261122);
	for (i = 0; i < 20000; i++) {
		for (j = 0; j < 63; j++) {
			/* Mostly ASCII punctuation and UTF-8 lead bytes. */
			int r = rand() % 4;
			in[j] = r == 0 ? (char)(0x20 + rand() % 0x5f) :
			    r == 1 ? (char)(0x80 + rand() % 0x80) :
			    r == 2 ? "\xe9\xa3\x9f"[rand() % 3] :
			    "\"\\+-*()<>~:@^$=' "[rand() % 17];
		}
		in[63] = '\0';
		n = search_sanitize(in, out, sizeof(out));
		assert_true(n >= 0 && n <= SEARCH_MAX_WORDS);
		for (p = out; *p != '\0'; p++)
			if ((unsigned char)*p < 0x80 && *p != ' ' &&
			    *p != '-' && *p != '.' && *p != '_' &&
			    !((*p >= '0' && *p <= '9') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= 'a' && *p <= 'z')))
				fail_msg("byte %02x left in \"%s\"",
				    (unsigned char)*p, out);
		assert_int_equal(search_against(out, 1, q, sizeof(q)), 0);
		/* Two quotes a word and nothing else unquoted but "+ ". */
		for (j = 0, p = q; *p != '\0'; p++)
			j += *p == '"';
		assert_int_equal(j, 2 * n);
	}
}

static HDF *
fixture(void)
{
	HDF	*h;

	assert_true(hdf_init(&h) == STATUS_OK);
	hdf_set_value(h, "Site.Name", "一网通办 · 网上办事大厅");
	hdf_set_value(h, "Site.Kind", "extranet");
	hdf_set_value(h, "Suggest.0", "营业执照");
	hdf_set_value(h, "Suggest.1", "结婚");
	return h;
}

/* search_rank() over items named names (phases phases, keywords kw),
 * as they came from the database; the names in the order ranked. */
static void
ranked(const char *words, const char *const *names, const char *const *phases,
    const char *const *kw, const char *const *want, size_t n)
{
	struct item	*v;
	size_t		 i;

	v = pool_alloc(pool, n * sizeof(*v));
	memset(v, 0, n * sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].name = (char *)names[i];
		v[i].code = pool_printf(pool, "C-%zu", i);
		v[i].phase = (char *)(phases ? phases[i] : "");
		v[i].keywords = (char *)(kw ? kw[i] : "");
	}
	search_rank(pool, words, v, n);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, want[i]) != 0)
			fail_msg("%s: place %zu is %s, want %s", words, i + 1,
			    v[i].name, want[i]);
}

static void
ranking(void **state)
{
	(void)state;
	/* 营业执照: the name that has it, then 设立 before 变更 before 注销
	 * (by keywords), then a licence that only asks for one. */
	{
		const char *const names[] = { "食品经营许可证核发（新办）",
		    "个体工商户注销登记", "个体工商户变更登记",
		    "个体工商户设立登记", "企业设立登记（营业执照）" };
		const char *const ph[] = { "新办", "注销", "变更", "", "" };
		const char *const kw[] = { "", "营业执照", "营业执照",
		    "营业执照 开店", "" };
		const char *const want[] = { "企业设立登记（营业执照）",
		    "个体工商户设立登记", "个体工商户变更登记",
		    "个体工商户注销登记", "食品经营许可证核发（新办）" };
		ranked("营业执照", names, ph, kw, want, 5);
	}
	/* The exact name first, whatever came before it. */
	{
		const char *const names[] = { "取水许可证注销", "取水许可（变更）",
		    "取水许可" };
		const char *const want[] = { "取水许可", "取水许可（变更）",
		    "取水许可证注销" };
		ranked("取水许可", names, NULL, NULL, want, 3);
	}
	/* 新办 before the parent (no phase) before 变更, 延续 before 注销;
	 * equal ones keep the database's order. */
	{
		const char *const names[] = { "食品经营许可证核发（注销）",
		    "食品经营许可证核发（延续）", "食品经营许可证核发（变更）",
		    "食品经营许可证核发", "食品经营许可证核发（新办）" };
		const char *const ph[] = { "注销", "延续", "变更", "", "新办" };
		const char *const want[] = { "食品经营许可证核发（新办）",
		    "食品经营许可证核发", "食品经营许可证核发（延续）",
		    "食品经营许可证核发（变更）", "食品经营许可证核发（注销）" };
		ranked("食品 经营", names, ph, NULL, want, 5);
	}
	assert_int_equal(search_phase_class("个体工商户设立登记", ""), 0);
	assert_int_equal(search_phase_class("拖拉机登记", "登记"), 0);
	assert_int_equal(search_phase_class("食品经营许可证核发", ""), 1);
	assert_int_equal(search_phase_class("《出生医学证明》补发、换发", ""),
	    2);
	assert_int_equal(search_phase_class("死亡注销户口", ""), 3);
	/* The catalogue's phase decides over the name's words. */
	assert_int_equal(search_phase_class("设立登记", "注销"), 3);
	search_rank(pool, "x", NULL, 0);
}

static void
channel(void **state)
{
	struct item	 it, subs[3];
	struct channel	 c;

	(void)state;
	memset(&it, 0, sizeof(it));
	memset(subs, 0, sizeof(subs));
	it.depth = "C";
	it.visits = 0;
	catalog_channel(&it, NULL, 0, &c);
	/* At the window: never 0 visits. */
	assert_int_equal(c.online, 0);
	assert_int_equal(c.vmin, 1);
	assert_int_equal(c.vmax, 1);
	it.depth = "B";
	catalog_channel(&it, NULL, 0, &c);
	assert_int_equal(c.online, 1);
	assert_int_equal(c.vmin, 1);
	it.depth = "A";
	it.secret = 1;
	catalog_channel(&it, NULL, 0, &c);
	assert_int_equal(c.online, 0);
	assert_int_equal(c.vmin, 1);
	it.secret = 0;
	catalog_channel(&it, NULL, 0, &c);
	assert_int_equal(c.online, 1);
	assert_int_equal(c.vmax, 0);
	/* A parent at the window with sub-items: done through them. */
	it.depth = "C";
	subs[0].depth = "A";
	subs[1].depth = "B";
	subs[2].depth = "D";
	subs[2].visits = 2;
	catalog_channel(&it, subs, 3, &c);
	assert_int_equal(c.online, 0);
	assert_int_equal(c.any_online, 1);
	assert_int_equal(c.parts, 3);
	assert_int_equal(c.parts_online, 2);
	assert_int_equal(c.vmin, 0);
	assert_int_equal(c.vmax, 2);
}

static void
search_page(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	/* Results: the query is shown back escaped, the cards link. */
	hdf_set_value(h, "Search.q", "<script>食品\"");
	hdf_set_value(h, "Search.done", "1");
	hdf_set_value(h, "Items.0.code", "152502-SCJG-XK-001");
	hdf_set_value(h, "Items.0.name", "食品经营许可证核发（新办）");
	hdf_set_value(h, "Items.0.dept_name", "锡林浩特市市场监督管理局");
	hdf_set_value(h, "Items.0.level", "县级");
	hdf_set_value(h, "Items.0.depth", "A");
	hdf_set_value(h, "Items.0.promised_days", "5");
	html = render_string(h, TEMPLATES, "ext/search.cs", pool);
	assert_non_null(html);
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "&lt;script&gt;食品&quot;"));
	assert_non_null(strstr(html, "href=\"/guide?code=152502-SCJG-XK-001\""));
	assert_non_null(strstr(html, "食品经营许可证核发（新办）"));
	assert_non_null(strstr(html, "网办深度 A"));
	assert_non_null(strstr(html, "共 1 项"));
	assert_non_null(strstr(html, "action=\"/search\""));
	hdf_destroy(&h);

	/* Nothing found: words to try, as search links. */
	h = fixture();
	hdf_set_value(h, "Search.q", "火星");
	hdf_set_value(h, "Search.done", "1");
	html = render_string(h, TEMPLATES, "ext/search.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "没有找到含有“火星”的事项"));
	assert_non_null(strstr(html,
	    "href=\"/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7\""));
	hdf_destroy(&h);
}

static void
browse_page(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	hdf_set_value(h, "Browse.by", "theme");
	hdf_set_value(h, "Browse.fby", "theme");
	hdf_set_value(h, "Browse.title", "按主题");
	hdf_set_value(h, "Browse.noun", "主题");
	hdf_set_value(h, "Browse.v", "开办企业");
	hdf_set_value(h, "Browse.label", "开办企业");
	hdf_set_value(h, "Browse.count", "1");
	hdf_set_value(h, "Facets.0.key", "出生");
	hdf_set_value(h, "Facets.0.label", "出生");
	hdf_set_value(h, "Facets.0.count", "3");
	hdf_set_value(h, "Facets.1.key", "开办企业");
	hdf_set_value(h, "Facets.1.label", "开办企业");
	hdf_set_value(h, "Facets.1.count", "1");
	hdf_set_value(h, "Facets.1.current", "1");
	hdf_set_value(h, "Items.0.code", "152502-SCJG-XK-001");
	hdf_set_value(h, "Items.0.name", "食品经营许可证核发（新办）");
	html = render_string(h, TEMPLATES, "ext/browse.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "href=\"/browse?by=theme&amp;v=%E5%87%BA"
	    "%E7%94%9F\""));
	assert_non_null(strstr(html, "<strong>3</strong> 项事项"));
	assert_non_null(strstr(html, "href=\"/guide?code=152502-SCJG-XK-001\""));
	assert_non_null(strstr(html, "class=\"btn btn-primary\" "
	    "href=\"/browse?by=theme\" aria-current=\"page\""));
	assert_non_null(strstr(html, "class=\"btn btn-plain\" "
	    "href=\"/browse?by=dept\""));
	hdf_destroy(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_words),
		cmocka_unit_test(operators_are_neutralised),
		cmocka_unit_test(bad_bytes),
		cmocka_unit_test(limits),
		cmocka_unit_test(random_input),
		cmocka_unit_test(ranking),
		cmocka_unit_test(channel),
		cmocka_unit_test(search_page),
		cmocka_unit_test(browse_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
