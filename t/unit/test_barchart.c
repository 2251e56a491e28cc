/*
 * test_barchart.c: the statistics' bar charts (SUP-6, barchart.h): bars
 * in proportion, round ticks, labels escaped and cut, no data and zero
 * data still drawing well-formed SVG with labelled axes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "barchart.h"
#include "pool_fixture.h"

static int
occurrences(const char *s, const char *what)
{
	int	 n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* The width of the i-th bar's rect. */
static int
bar_width(const char *svg, int i)
{
	const char	*p = svg;
	int		 w = -1;

	while (i-- >= 0)
		if ((p = strstr(p + 1, "class=\"bc-bar\"")) == NULL)
			return -1;
	p = strstr(p, "<rect ");
	assert_non_null(p);
	assert_int_equal(sscanf(strstr(p, "width=\"") + 7, "%d", &w), 1);
	return w;
}

/* Well-formed: balanced <g>, one root, and xmllint agrees when it is
 * there (it reads the picture from its standard input). */
static void
well_formed(const char *svg)
{
	FILE	*xl;

	assert_true(strncmp(svg, "<svg ", 5) == 0);
	assert_int_equal(occurrences(svg, "<svg"), 1);
	assert_int_equal(occurrences(svg, "</svg>"), 1);
	assert_int_equal(occurrences(svg, "<g "), occurrences(svg, "</g>"));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "style="));
	assert_null(strstr(svg, "nan"));
	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		return;
	assert_non_null(xl = popen("xmllint --noout - 2>/dev/null", "w"));
	fputs(svg, xl);
	assert_int_equal(pclose(xl), 0);
}

static void
proportional(void **state)
{
	const struct bar b[] = { { "市场监督管理局", 100 },
	    { "公安局", 50 }, { "民政局", 0 } };
	char	*svg;

	(void)state;
	svg = barchart_svg(pool, "收件数", "部门", "件数（件）", b, 3);
	well_formed(svg);
	assert_int_equal(occurrences(svg, "class=\"bc-bar\""), 3);
	assert_non_null(strstr(svg, ">市场监督管理局</text>"));
	assert_non_null(strstr(svg, "data-value=\"50\""));
	/* Max 100: ticks every 20 up to 100, the longest bar to the end. */
	assert_int_equal(barchart_step(100), 20);
	assert_int_equal(occurrences(svg, "class=\"bc-tick\""), 6);
	assert_int_equal(bar_width(svg, 0), 2 * bar_width(svg, 1));
	assert_int_equal(bar_width(svg, 2), 0);
	/* Both axes are named, and so is the picture. */
	assert_non_null(strstr(svg, ">部门</text>"));
	assert_non_null(strstr(svg, ">件数（件）</text>"));
	assert_non_null(strstr(svg, "<title>收件数</title>"));
	assert_non_null(strstr(svg, "role=\"img\" aria-label=\"收件数\""));
}

static void
steps(void **state)
{
	(void)state;
	assert_int_equal(barchart_step(0), 1);
	assert_int_equal(barchart_step(1), 1);
	assert_int_equal(barchart_step(5), 1);
	assert_int_equal(barchart_step(6), 2);
	assert_int_equal(barchart_step(11), 5);
	assert_int_equal(barchart_step(25), 5);
	assert_int_equal(barchart_step(26), 10);
	assert_int_equal(barchart_step(999), 200);
	assert_int_equal(barchart_step(1000000), 200000);
}

static void
escaped(void **state)
{
	const struct bar b[] = { { "<script>x</script>&\"'", 3 },
	    { "bad \xff\xfe byte\x01", 2 } };
	char	*svg;

	(void)state;
	svg = barchart_svg(pool, "a<b", "x&y", "\"v\"", b, 2);
	well_formed(svg);
	assert_non_null(strstr(svg, "&lt;script&gt;x&lt;/script&gt;"
	    "&amp;&quot;&#39;"));
	assert_non_null(strstr(svg, "<title>a&lt;b</title>"));
	assert_non_null(strstr(svg, ">x&amp;y</text>"));
	assert_non_null(strstr(svg, ">&quot;v&quot;</text>"));
	/* Bytes that are not UTF-8 become U+FFFD, controls spaces. */
	assert_non_null(strstr(svg, "bad \xef\xbf\xbd\xef\xbf\xbd byte "));
	assert_null(strstr(svg, "\xff"));
}

static void
long_label_cut(void **state)
{
	struct bar	 b = { NULL, 1 };
	char		 name[200], *svg;
	size_t		 i;

	(void)state;
	for (i = 0; i < BARCHART_LABEL_MAX + 5; i++)
		memcpy(name + i * 3, "婚", 3);
	name[(BARCHART_LABEL_MAX + 5) * 3] = '\0';
	b.label = name;
	svg = barchart_svg(pool, "t", "事项", "件数", &b, 1);
	well_formed(svg);
	/* BARCHART_LABEL_MAX characters and "…", never a broken one. */
	assert_int_equal(occurrences(svg, "婚"), BARCHART_LABEL_MAX);
	assert_non_null(strstr(svg, "婚婚…</text>"));
}

static void
empty_and_zero(void **state)
{
	const struct bar z[] = { { "一月", 0 }, { "二月", 0 } };
	const struct bar neg[] = { { "负数", -5 } };
	char	*svg;

	(void)state;
	svg = barchart_svg(pool, "没有数据", "月份", "件数", NULL, 0);
	well_formed(svg);
	assert_non_null(strstr(svg, ">暂无数据</text>"));
	assert_int_equal(occurrences(svg, "class=\"bc-bar\""), 0);
	assert_non_null(strstr(svg, ">月份</text>"));
	assert_non_null(strstr(svg, ">件数</text>"));

	svg = barchart_svg(pool, "全是零", "月份", "件数", z, 2);
	well_formed(svg);
	assert_null(strstr(svg, "暂无数据"));
	assert_int_equal(bar_width(svg, 0), 0);
	assert_int_equal(bar_width(svg, 1), 0);
	/* The axis still runs 0 to 1. */
	assert_int_equal(occurrences(svg, "class=\"bc-tick\""), 2);

	svg = barchart_svg(pool, NULL, NULL, NULL, neg, 1);
	well_formed(svg);
	assert_non_null(strstr(svg, "data-value=\"0\""));
	assert_int_equal(bar_width(svg, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(proportional),
		cmocka_unit_test(steps),
		cmocka_unit_test(escaped),
		cmocka_unit_test(long_label_cut),
		cmocka_unit_test(empty_and_zero),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
