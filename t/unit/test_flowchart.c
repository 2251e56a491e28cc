/*
 * test_flowchart.c: procedures drawn as SVG (FLOW-1, INT-5): layers top
 * to bottom, parallel branches side by side, returns dashed and labelled,
 * escaping, and any stored net drawing as well-formed XML.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "flowchart.h"
#include "request.h"
#include "wfnet.h"
#include "pool_fixture.h"

static int
count(const char *s, const char *needle)
{
	int	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

struct box {
	int	 x, y, w, h;
};

/* The rect of step key; fails the test when there is none. */
static struct box
box_of(const char *svg, const char *key)
{
	char		 pat[128];
	const char	*p;
	struct box	 b;

	snprintf(pat, sizeof(pat), "class=\"fc-step\" data-key=\"%s\"", key);
	p = strstr(svg, pat);
	assert_non_null(p);
	p = strstr(p, "<rect ");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
	    "height=\"%d\"", &b.x, &b.y, &b.w, &b.h), 4);
	return b;
}

/* The group of the edge from → to, NUL-terminated copy; NULL if none. */
static char *
edge_of(const char *svg, const char *from, const char *to)
{
	char		 pat[128];
	const char	*p, *e;

	snprintf(pat, sizeof(pat), "data-from=\"%s\" data-to=\"%s\"", from,
	    to);
	if ((p = strstr(svg, pat)) == NULL)
		return NULL;
	while (p > svg && strncmp(p, "<g ", 3) != 0)
		p--;
	e = strstr(p, "</g>");
	assert_non_null(e);
	return pool_strndup(pool, p, (size_t)(e - p) + 4);
}

/* The tip of the edge's arrowhead. */
static void
tip_of(const char *g, int *x, int *y)
{
	const char	*p = strstr(g, "<polygon points=\"");

	assert_non_null(p);
	assert_int_equal(sscanf(p, "<polygon points=\"%d,%d", x, y), 2);
}

/*
 * A small well-formedness check: one root, tags balanced and properly
 * nested, attribute values quoted without < or raw &, text without raw
 * < or &, entities only &amp; &lt; &gt; &quot; &#39;.
 */
static int
entity_ok(const char *p)
{
	static const char *ok[] = { "&amp;", "&lt;", "&gt;", "&quot;",
	    "&#39;" };
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncmp(p, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

static int
well_formed(const char *s)
{
	const char	*stack[256], *p = s, *name;
	size_t		 len[256], n, depth = 0;
	int		 roots = 0;
	char		 q;

	while (*p != '\0') {
		if (*p == '&') {
			if (!entity_ok(p))
				return 0;
			p++;
			continue;
		}
		if (*p != '<') {
			if (depth == 0)
				return 0;	/* text outside the root */
			p++;
			continue;
		}
		if (p[1] == '/') {
			name = p + 2;
			n = strcspn(name, ">");
			if (depth == 0 || n != len[depth - 1] ||
			    strncmp(name, stack[depth - 1], n) != 0)
				return 0;
			depth--;
			p = name + n + 1;
			continue;
		}
		name = p + 1;
		n = strcspn(name, " />");
		if (n == 0)
			return 0;
		if (depth == 0 && roots++ > 0)
			return 0;
		p = name + n;
		for (;;) {
			while (*p == ' ')
				p++;
			if (*p == '>' || (p[0] == '/' && p[1] == '>'))
				break;
			/* name="value" */
			while (*p != '=' && *p != '\0' && *p != ' ' &&
			    *p != '>' && *p != '<')
				p++;
			if (*p != '=' || (p[1] != '"' && p[1] != '\''))
				return 0;
			q = p[1];
			for (p += 2; *p != q; p++) {
				if (*p == '\0' || *p == '<')
					return 0;
				if (*p == '&' && !entity_ok(p))
					return 0;
			}
			p++;
		}
		if (*p == '/') {
			p += 2;
			continue;
		}
		if (depth == 256)
			return 0;
		stack[depth] = name;
		len[depth++] = n;
		p++;
	}
	return depth == 0 && roots == 1;
}

/* Also ask xmllint when it is installed (development machines). */
static void
xmllint_ok(const char *svg)
{
	char	 path[] = "/tmp/test_flowchart_XXXXXX";
	char	 cmd[128];
	FILE	*f;
	int	 fd;

	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		return;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(svg, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
	assert_int_equal(system(cmd), 0);
	unlink(path);
}

/* 1 when some attribute is an event handler (on…=). */
static int
has_handler(const char *s)
{
	const char	*p;

	for (p = s; (p = strstr(p, " on")) != NULL; p += 3) {
		const char *q = p + 3;

		while (*q >= 'a' && *q <= 'z')
			q++;
		if (*q == '=')
			return 1;
	}
	return 0;
}

static void
check_svg(const char *svg)
{
	assert_non_null(svg);
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
	    39) == 0);
	assert_non_null(strstr(svg, "viewBox=\"0 0 "));
	assert_non_null(strstr(svg, "width=\"100%\""));
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-label=\""));
	assert_non_null(strstr(svg, "<title>"));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<style"));
	assert_null(strstr(svg, "style="));
	assert_null(strstr(svg, "url("));
	assert_null(strstr(svg, "href"));
	assert_false(has_handler(svg));
	assert_true(well_formed(svg));
	xmllint_ok(svg);
}

static const struct wf_step three[] = {
	{ "a", "受理", ROLE_CLERK, NULL, 1 },
	{ "b", "审查", ROLE_HANDLER, NULL, 1 },
	{ "c", "决定", ROLE_LEADER, NULL, 1 },
};

static void
straight_line(void **state)
{
	static const struct wf_edge edges[] = {
		{ "start", "a", 0 }, { "a", "b", 0 }, { "b", "c", 0 },
		{ "c", "end", 0 },
	};
	static const char *order[] = { "start", "a", "b", "c", "end" };
	struct wf_net	 net = { three, 3, edges, 4 };
	int		 days[] = { 1, 5, 2 };
	char		*svg, *g;
	struct box	 prev = { 0, 0, 0, 0 }, b;
	int		 i, x, y, h, vh, lasty = 0;

	(void)state;
	svg = flowchart_svg(&net, days, NULL, pool);
	check_svg(svg);
	assert_int_equal(count(svg, "class=\"fc-step\""), 3);
	assert_int_equal(count(svg, "class=\"fc-edge"), 4);
	assert_int_equal(count(svg, "<polygon "), 4);
	assert_null(strstr(svg, "aria-current"));
	assert_non_null(strstr(svg, ">开始</text>"));
	assert_non_null(strstr(svg, ">办结</text>"));
	assert_non_null(strstr(svg, "窗口受理人员·1 个工作日"));
	assert_non_null(strstr(svg, "承办人·5 个工作日"));
	assert_non_null(strstr(svg, "分管领导·2 个工作日"));
	assert_non_null(strstr(svg, "font-family=\"'Noto Sans CJK SC'"));
	/* Boxes top to bottom, one column. */
	for (i = 0; i < 3; i++) {
		b = box_of(svg, three[i].key);
		if (i > 0) {
			assert_true(b.y > prev.y + prev.h);
			assert_int_equal(b.x + b.w / 2, prev.x + prev.w / 2);
		}
		prev = b;
	}
	/* Arrows in order, each ending on the top of the next box. */
	for (i = 0; i < 4; i++) {
		g = edge_of(svg, order[i], order[i + 1]);
		assert_non_null(g);
		tip_of(g, &x, &y);
		assert_true(y > lasty);
		if (i + 1 < 4) {
			b = box_of(svg, order[i + 1]);
			assert_int_equal(y, b.y);
			assert_int_equal(x, b.x + b.w / 2);
		}
		assert_null(strstr(g, "stroke-dasharray"));
		lasty = y;
	}
	/* The end oval sits below the last arrow, inside the viewBox. */
	assert_int_equal(sscanf(strstr(svg, "viewBox="),
	    "viewBox=\"0 0 %d %d\"", &x, &vh), 2);
	assert_int_equal(sscanf(strstr(svg, "class=\"fc-end\"><rect "),
	    "class=\"fc-end\"><rect x=\"%*d\" y=\"%d\" width=\"%*d\" "
	    "height=\"%d\"", &y, &h), 2);
	assert_int_equal(y, lasty);
	assert_true(y + h < vh);
	assert_true(x >= 360);		/* never narrower than a phone */
}

static void
parallel_split(void **state)
{
	static const struct wf_step steps[] = {
		{ "acc", "受理", ROLE_CLERK, "县政务服务中心", 1 },
		{ "p1", "规划审查", ROLE_HANDLER, "县自然资源局", 1 },
		{ "p2", "消防审查", ROLE_HANDLER, "县住房和城乡建设局", 1 },
		{ "p3", "环评审查", ROLE_HANDLER, "市生态环境局分局", 1 },
		{ "dec", "联合决定", ROLE_LEADER, "县政务服务中心", 1 },
	};
	static const struct wf_edge edges[] = {
		{ "start", "acc", 0 }, { "acc", "p1", 0 }, { "acc", "p2", 0 },
		{ "acc", "p3", 0 }, { "p1", "dec", 0 }, { "p2", "dec", 0 },
		{ "p3", "dec", 0 }, { "dec", "end", 0 },
	};
	struct wf_net		 net = { steps, 5, edges, 8 };
	struct flowchart_opts	 o = { 0 };
	int			 days[] = { 1, 5, 5, 10, 2 };
	struct box		 acc, p1, p2, p3, dec;
	char			*svg;

	(void)state;
	o.days = days;
	o.home_dept = "县政务服务中心";
	svg = flowchart_svg_opts(&net, &o, pool);
	check_svg(svg);
	acc = box_of(svg, "acc");
	p1 = box_of(svg, "p1");
	p2 = box_of(svg, "p2");
	p3 = box_of(svg, "p3");
	dec = box_of(svg, "dec");
	/* One layer, side by side, not overlapping, between acc and dec. */
	assert_int_equal(p1.y, p2.y);
	assert_int_equal(p2.y, p3.y);
	assert_true(p1.x + p1.w <= p2.x);
	assert_true(p2.x + p2.w <= p3.x);
	assert_true(p1.y > acc.y + acc.h);
	assert_true(dec.y > p1.y + p1.h && dec.y > p2.y + p2.h);
	/* Centred under the split. */
	assert_true(p2.x < acc.x + acc.w / 2);
	assert_true(acc.x + acc.w / 2 < p2.x + p2.w);
	assert_true(abs((p1.x + p1.w / 2 + p2.x + p2.w / 2 + p3.x + p3.w / 2) /
	    3 - (acc.x + acc.w / 2)) <= 2);
	/* Departments shown where they differ from the home one. */
	assert_non_null(strstr(svg, ">县自然资源局</text>"));
	assert_null(strstr(svg, ">县政务服务中心</text>"));
	assert_int_equal(count(svg, "class=\"fc-edge"), 8);
	assert_non_null(strstr(svg, "（同时办理）"));
}

static void
return_edge(void **state)
{
	static const struct wf_edge edges[] = {
		{ "start", "a", 0 }, { "a", "b", 0 }, { "b", "c", 0 },
		{ "c", "end", 0 }, { "c", "a", 1 }, { "b", "a", 1 },
	};
	struct wf_net	 net = { three, 3, edges, 6 };
	char		*svg, *g;
	struct box	 a;
	int		 x, y;

	(void)state;
	svg = flowchart_svg(&net, NULL, NULL, pool);
	check_svg(svg);
	assert_int_equal(count(svg, "fc-return"), 2);
	g = edge_of(svg, "c", "a");
	assert_non_null(g);
	assert_non_null(strstr(g, "class=\"fc-edge fc-return\""));
	assert_non_null(strstr(g, "stroke-dasharray"));
	assert_non_null(strstr(g, ">回<tspan "));
	assert_non_null(strstr(g, ">退</tspan></text>"));
	/* It ends on the right side of a, pointing left, outside the boxes. */
	a = box_of(svg, "a");
	tip_of(g, &x, &y);
	assert_int_equal(x, a.x + a.w);
	assert_true(y > a.y && y < a.y + a.h);
	/* The forward edge between the same steps is still plain. */
	g = edge_of(svg, "a", "b");
	assert_null(strstr(g, "stroke-dasharray"));
	assert_non_null(strstr(svg, "可回退：决定 → 受理"));
	/* No days given: no "工作日" at all. */
	assert_null(strstr(svg, "工作日"));
}

static void
escaped(void **state)
{
	static const struct wf_step steps[] = {
		{ "k\"1", "<script>alert(1)</script> & 'x'", ROLE_HANDLER,
		    "A&B <dept>", 1 },
		{ "k2", "bad \x01 \xff\xfe utf8", ROLE_LEADER, NULL, 1 },
	};
	static const struct wf_edge edges[] = {
		{ "start", "k\"1", 0 }, { "k\"1", "k2", 0 }, { "k2", "end", 0 },
	};
	struct wf_net	 net = { steps, 2, edges, 3 };
	char		*svg, *e;

	(void)state;
	svg = flowchart_svg(&net, NULL, "k\"1", pool);
	check_svg(svg);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<dept"));
	assert_non_null(strstr(svg, "&lt;script&gt;"));
	assert_non_null(strstr(svg, "&amp;"));
	assert_non_null(strstr(svg, "A&amp;B &lt;dept&gt;"));
	assert_non_null(strstr(svg, "data-key=\"k&quot;1\" "
	    "aria-current=\"step\""));
	assert_null(strstr(svg, "\x01"));
	assert_null(strstr(svg, "\xff"));
	assert_non_null(strstr(svg, "\xef\xbf\xbd"));	/* U+FFFD */

	e = flowchart_xml_escape(pool, "<a href='x'>\"&\"</a>");
	assert_string_equal(e, "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;"
	    "&lt;/a&gt;");
	assert_string_equal(flowchart_xml_escape(pool, NULL), "");
	assert_string_equal(flowchart_xml_escape(pool, "受理\t1"), "受理 1");
}

static void
forward_cycle(void **state)
{
	static const struct wf_edge edges[] = {
		{ "start", "a", 0 }, { "a", "b", 0 }, { "b", "c", 0 },
		{ "c", "a", 0 }, { "b", "b", 0 }, { "c", "end", 0 },
	};
	struct wf_net	 net = { three, 3, edges, 6 };
	struct box	 a, b, c;
	char		*svg;

	(void)state;
	svg = flowchart_svg(&net, NULL, NULL, pool);
	check_svg(svg);
	a = box_of(svg, "a");
	b = box_of(svg, "b");
	c = box_of(svg, "c");
	assert_true(a.y < b.y && b.y < c.y);
	/* The edges closing cycles are drawn, solid, not as returns. */
	assert_int_equal(count(svg, "fc-cycle"), 2);
	assert_null(strstr(svg, "fc-return"));
	assert_null(strstr(svg, "stroke-dasharray"));
	assert_non_null(edge_of(svg, "c", "a"));
}

static void
highlight(void **state)
{
	static const struct wf_edge edges[] = {
		{ "start", "a", 0 }, { "a", "b", 0 }, { "b", "c", 0 },
		{ "c", "end", 0 },
	};
	struct wf_net	 net = { three, 3, edges, 4 };
	const char	*svg, *cur, *next;

	(void)state;
	svg = flowchart_svg(&net, NULL, "b", pool);
	check_svg(svg);
	assert_int_equal(count(svg, "aria-current=\"step\""), 1);
	cur = strstr(svg, "aria-current");
	assert_true(cur - strstr(svg, "data-key=\"b\"") ==
	    (long)strlen("data-key=\"b\" "));
	/* Its box is filled differently and outlined more heavily. */
	next = strstr(cur, "<rect ");
	assert_non_null(strstr(next, "stroke-width=\"3\""));
	assert_true(strstr(next, "stroke-width=\"3\"") < strstr(next, "/>"));
	assert_non_null(strstr(cur, ">当前</text>"));
	/* An unknown key marks nothing. */
	svg = flowchart_svg(&net, NULL, "zz", pool);
	assert_null(strstr(svg, "aria-current"));
}

static void
empty_and_unknown(void **state)
{
	static const struct wf_edge edges[] = {
		{ "start", "nope", 0 }, { "ghost", "end", 0 }, { NULL, "a", 0 },
		{ "start", "a", 0 }, { "a", "start", 0 }, { "end", "a", 0 },
		{ "a", "end", 1 }, { "start", "a", 0 }, { "a", "end", 0 },
	};
	struct wf_net	 net = { NULL, 0, NULL, 0 };
	char		*svg, *g;
	int		 x, y;

	(void)state;
	svg = flowchart_svg(&net, NULL, NULL, pool);
	check_svg(svg);
	assert_int_equal(count(svg, "class=\"fc-step\""), 0);
	g = edge_of(svg, "start", "end");
	assert_non_null(g);
	tip_of(g, &x, &y);
	assert_true(y > 30);
	assert_non_null(flowchart_svg(NULL, NULL, NULL, pool));

	net.steps = three;
	net.nsteps = 1;
	net.edges = edges;
	net.nedges = sizeof(edges) / sizeof(edges[0]);
	svg = flowchart_svg(&net, NULL, NULL, pool);
	check_svg(svg);
	assert_int_equal(count(svg, "class=\"fc-edge"), 2);
	assert_non_null(edge_of(svg, "start", "a"));
	assert_non_null(edge_of(svg, "a", "end"));
}

static void
long_names(void **state)
{
	static const struct wf_step steps[] = {
		{ "a", "对申请材料的真实性合法性有效性进行全面审查并出具意见书"
		    "后报送分管领导审批", ROLE_HANDLER, NULL, 1 },
		{ "b", "十三个字的环节名称在这里呢", ROLE_LEADER, NULL, 1 },
	};
	static const struct wf_edge edges[] = {
		{ "start", "a", 0 }, { "a", "b", 0 }, { "b", "end", 0 },
	};
	struct wf_net	 net = { steps, 2, edges, 3 };
	struct box	 a;
	char		*svg;

	(void)state;
	svg = flowchart_svg(&net, NULL, NULL, pool);
	check_svg(svg);
	a = box_of(svg, "a");
	assert_true(a.w <= 12 * 15 + 2 * 14 + 2);
	assert_non_null(strstr(svg, "…</text>"));
	/* The full name stays in the box's tooltip. */
	assert_non_null(strstr(svg, "后报送分管领导审批（承办人）</title>"));
	/* Thirteen characters break evenly, 7 + 6. */
	assert_non_null(strstr(svg, ">十三个字的环节</text>"));
	assert_non_null(strstr(svg, ">名称在这里呢</text>"));
}

/* Deterministic pseudo-random nets of every size up to the limit. */
static void
any_net_draws(void **state)
{
	static char		 keys[WF_MAX_STEPS][8];
	static struct wf_step	 steps[WF_MAX_STEPS];
	static struct wf_edge	 edges[WF_MAX_EDGES];
	static int		 days[WF_MAX_STEPS];
	unsigned long		 seed = 12345;
	struct wf_net		 net;
	size_t			 n, m, i, round;
	char			*svg;

#define RND(k)	((seed = seed * 6364136223846793005UL + \
		    1442695040888963407UL), (size_t)((seed >> 33) % (k)))
	(void)state;
	for (i = 0; i < WF_MAX_STEPS; i++) {
		snprintf(keys[i], sizeof(keys[i]), "s%zu", i);
		steps[i].key = keys[i];
		steps[i].name = i % 7 == 0 ? "非常非常长的环节名称需要换行显示"
		    "才能放得下" : "审查";
		steps[i].role = 1u << (1 + i % 3);
		steps[i].dept = i % 5 == 0 ? "县自然资源局" : NULL;
		days[i] = (int)(i % 9);
	}
	for (round = 0; round < 60; round++) {
		pool_reset(pool);
		n = round < 59 ? RND(WF_MAX_STEPS) + 1 : WF_MAX_STEPS;
		m = RND(WF_MAX_EDGES) + 1;
		for (i = 0; i < m; i++) {
			size_t f = RND(n + 2), t = RND(n + 2);

			edges[i].from = f == n ? WF_START : f == n + 1 ?
			    (RND(4) ? WF_END : "ghost") : keys[f];
			edges[i].to = t == n ? WF_START : t == n + 1 ?
			    WF_END : keys[t];
			edges[i].back = RND(6) == 0;
		}
		net.steps = steps;
		net.nsteps = n;
		net.edges = edges;
		net.nedges = m;
		svg = flowchart_svg(&net, days, keys[RND(n)], pool);
		check_svg(svg);
		assert_int_equal(count(svg, "class=\"fc-step\""), (int)n);
	}
	/* A straight line of all 64 steps. */
	pool_reset(pool);
	edges[0].from = WF_START;
	edges[0].to = keys[0];
	for (i = 1; i < WF_MAX_STEPS; i++) {
		edges[i].from = keys[i - 1];
		edges[i].to = keys[i];
		edges[i].back = 0;
	}
	edges[0].back = 0;
	edges[i].from = keys[i - 1];
	edges[i].to = WF_END;
	edges[i].back = 0;
	net.nsteps = WF_MAX_STEPS;
	net.nedges = WF_MAX_STEPS + 1;
	svg = flowchart_svg(&net, days, NULL, pool);
	check_svg(svg);
	assert_true(box_of(svg, "s63").y > box_of(svg, "s62").y);
#undef RND
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(straight_line),
		cmocka_unit_test(parallel_split),
		cmocka_unit_test(return_edge),
		cmocka_unit_test(escaped),
		cmocka_unit_test(forward_cycle),
		cmocka_unit_test(highlight),
		cmocka_unit_test(empty_and_unknown),
		cmocka_unit_test(long_names),
		cmocka_unit_test(any_net_draws),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
