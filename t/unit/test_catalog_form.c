/*
 * test_catalog_form.c: the catalogue editor's text forms (FLOW-1, CAT-1):
 * the procedure's line syntax (steps, comma lists, chains, role words in
 * both languages, an error with its line number for every mistake, and
 * render → parse round trips), the materials lines, and the elements.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalog_form.h"
#include "request.h"
#include "wfnet.h"

static const char example[] =
    "步骤：\n"
    "accept  受理  窗口受理人员  1  受理通知书\n"
    "review  承办  承办人  3\n"
    "fire    消防审查  承办人  3  部门=XFJY\n"
    "decide  批准  分管领导  1  决定书\n"
    "连线：\n"
    "开始 -> accept\n"
    "accept -> review, fire\n"
    "review, fire -> decide\n"
    "decide -> 结束\n"
    "回退：\n"
    "decide -> review\n";

/* The edges of p as "from>to" (forward) or "from<to" (return), joined
 * with spaces, in order. */
static const char *
edges(const struct cform_proc *p)
{
	static char	 buf[2048];
	size_t		 i;

	buf[0] = '\0';
	for (i = 0; i < p->nflows; i++) {
		if (i > 0)
			strcat(buf, " ");
		strcat(buf, p->flows[i].from);
		strcat(buf, p->flows[i].back ? "<" : ">");
		strcat(buf, p->flows[i].to);
	}
	return buf;
}

/* 1 when p and q have the same edges, in any order. */
static int
same_edges(const struct cform_proc *p, const struct cform_proc *q)
{
	size_t	 i, j;

	if (p->nflows != q->nflows)
		return 0;
	for (i = 0; i < p->nflows; i++) {
		for (j = 0; j < q->nflows; j++)
			if (strcmp(p->flows[i].from, q->flows[j].from) == 0 &&
			    strcmp(p->flows[i].to, q->flows[j].to) == 0 &&
			    p->flows[i].back == q->flows[j].back)
				break;
		if (j == q->nflows)
			return 0;
	}
	return 1;
}

static void
same_steps(const struct cform_proc *p, const struct cform_proc *q)
{
	size_t	 i;

	assert_int_equal(p->nsteps, q->nsteps);
	for (i = 0; i < p->nsteps; i++) {
		assert_string_equal(p->steps[i].key, q->steps[i].key);
		assert_string_equal(p->steps[i].name, q->steps[i].name);
		assert_int_equal(p->steps[i].role, q->steps[i].role);
		assert_int_equal(p->steps[i].days, q->steps[i].days);
		assert_string_equal(p->steps[i].doc, q->steps[i].doc);
		assert_string_equal(p->steps[i].dept_code,
		    q->steps[i].dept_code);
	}
}

static void
the_example(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_proc	 p;
	struct cform_errors	 e = { 0 };

	(void)state;
	assert_int_equal(cform_proc_parse(pool, example, &p, &e), 0);
	assert_int_equal(e.n, 0);
	assert_int_equal(p.nsteps, 4);
	assert_string_equal(p.steps[0].key, "accept");
	assert_string_equal(p.steps[0].name, "受理");
	assert_int_equal(p.steps[0].role, ROLE_CLERK);
	assert_int_equal(p.steps[0].days, 1);
	assert_string_equal(p.steps[0].doc, "accept");
	assert_string_equal(p.steps[0].dept_code, "");
	assert_int_equal(p.steps[1].role, ROLE_HANDLER);
	assert_int_equal(p.steps[1].days, 3);
	assert_string_equal(p.steps[1].doc, "");
	assert_string_equal(p.steps[2].name, "消防审查");
	assert_string_equal(p.steps[2].dept_code, "XFJY");
	assert_int_equal(p.steps[3].role, ROLE_LEADER);
	assert_string_equal(p.steps[3].doc, "decision");
	assert_int_equal(p.steps[3].seq, 4);
	assert_string_equal(edges(&p), "start>accept accept>review "
	    "accept>fire review>decide fire>decide decide>end "
	    "decide<review");
	assert_int_equal(p.flows[6].seq, 7);
	pool_free(pool);
}

static void
comma_lists_and_chains(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_proc	 p;
	struct cform_errors	 e = { 0 };

	(void)state;
	assert_int_equal(cform_proc_parse(pool,
	    "steps:\n"
	    "a 甲 clerk 1\nb 乙 handler 1\nc 丙 handler 1\nd 丁 leader 1\n"
	    "flows:\n"
	    "start -> a\n"
	    "a -> b，c\n"			/* a full-width comma */
	    "b、c → d -> end\n",		/* 、, an arrow, a chain */
	    &p, &e), 0);
	assert_string_equal(edges(&p), "start>a a>b a>c b>d c>d d>end");

	/* Both sides lists: every pair. */
	assert_int_equal(cform_proc_parse(pool,
	    "步骤:\n"
	    "a 甲 clerk 1\nb 乙 handler 1\nc 丙 handler 1\nd 丁 leader 1\n"
	    "连线:\n"
	    "a, b -> c, d\n", &p, &e), 0);
	assert_string_equal(edges(&p), "a>c a>d b>c b>d");

	/* Steps by name as well as by key; full-width spaces separate. */
	assert_int_equal(cform_proc_parse(pool,
	    "步骤：\n"
	    "s1　受理　窗口受理人员　1\n"
	    "s2\t承办\t承办人\t3天\n"
	    "连线：\n开始 -> 受理 -> 承办 -> 结束\n"
	    "回退：\n承办 -> 受理\n", &p, &e), 0);
	assert_string_equal(edges(&p), "start>s1 s1>s2 s2>end s2<s1");
	assert_int_equal(p.steps[1].days, 3);
	pool_free(pool);
}

static void
role_words(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_proc	 p;
	struct cform_errors	 e = { 0 };

	(void)state;
	assert_int_equal(cform_proc_parse(pool,
	    "步骤：\n"
	    "a 甲 窗口受理人员 1\n"
	    "b 乙 clerk 1\n"
	    "c 丙 Clerk 1\n"
	    "d 丁 窗口受理 1\n"
	    "e 戊 承办人 1\n"
	    "f 己 handler 1\n"
	    "g 庚 HANDLER 1\n"
	    "h 辛 分管领导 1\n"
	    "i 壬 leader 1\n"
	    "j 癸 领导 1 decision dept=NMJ\n",
	    &p, &e), 0);
	assert_int_equal(p.nsteps, 10);
	assert_int_equal(p.steps[0].role, ROLE_CLERK);
	assert_int_equal(p.steps[1].role, ROLE_CLERK);
	assert_int_equal(p.steps[2].role, ROLE_CLERK);
	assert_int_equal(p.steps[3].role, ROLE_CLERK);
	assert_int_equal(p.steps[4].role, ROLE_HANDLER);
	assert_int_equal(p.steps[5].role, ROLE_HANDLER);
	assert_int_equal(p.steps[6].role, ROLE_HANDLER);
	assert_int_equal(p.steps[7].role, ROLE_LEADER);
	assert_int_equal(p.steps[8].role, ROLE_LEADER);
	assert_int_equal(p.steps[9].role, ROLE_LEADER);
	assert_string_equal(p.steps[9].doc, "decision");
	assert_string_equal(p.steps[9].dept_code, "NMJ");
	assert_string_equal(cform_role_word(ROLE_HANDLER), "承办人");
	pool_free(pool);
}

/* Every mistake gives "第 N 行：" with the right N and says what. */
static void
errors_have_line_numbers(void **state)
{
	static const char head[] =
	    "步骤：\n"					/* 1 */
	    "accept 受理 clerk 1\n"			/* 2 */
	    "review 承办 handler 3\n";			/* 3 */
	static const struct {
		const char	*text;
		int		 line;
		const char	*says;
	} cases[] = {
		{ "accept 受理 clerk 1\n", 1, "请先写一行「步骤：」" },
		{ "连线：\naccept -> review\n", 2, "没有编号或名称为「accept」" },
		{ "%s review2 承办 handler\n", 4, "步骤要写 编号 名称 角色 时限" },
		{ "%s 审查 审查 handler 3\n", 4, "编号「审查」只能用英文字母" },
		{ "%s start 甲 handler 3\n", 4, "是保留字" },
		{ "%s review 复核 handler 3\n", 4, "已在第 3 行用过" },
		{ "%s x 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		  "一二三四五六七八九十一 handler 3\n", 4, "太长" },
		{ "%s x 结束 handler 3\n", 4, "步骤不能叫「结束」" },
		{ "%s\n\n\ncheck 审核 科员 3\n", 7,
		  "角色「科员」不认识，请写 窗口受理人员、承办人、科室负责人 或 分管领导" },
		{ "%s check 审核 handler 三\n", 4, "时限「三」应为工作日天数" },
		{ "%s check 审核 handler 400\n", 4, "时限「400」" },
		{ "%s check 审核 handler 3 盖章\n", 4, "「盖章」不认识" },
		{ "%s check 现场 核查 handler 3\n", 4, "「核查」不认识" },
		{ "%s check 审核 handler 3 决定书 受理通知书\n", 4,
		  "只能出一种文书" },
		{ "%s check 审核 handler 3 部门=消防\n", 4, "部门代码「消防」" },
		{ "%s连线：\naccept review\n", 5, "连线要写成「从 -> 到」" },
		{ "%s连线：\naccept ->\n", 5, "两边都要写步骤" },
		{ "%s连线：\naccept -> review,\n", 5, "逗号两边都要写步骤" },
		{ "%s连线：\naccept -> reveiw\n", 5, "没有编号或名称为「reveiw」" },
		{ "%s x 承办 handler 1\n连线：\n开始 -> 承办\n", 6,
		  "有 2 个步骤都叫「承办」" },
		{ "%s连线：\n结束 -> accept\n", 5, "「结束」只能写在「->」右边" },
		{ "%s连线：\naccept -> 开始\n", 5, "「开始」只能写在「->」左边" },
		{ "%s连线：\n开始 -> 结束\n", 5, "开始不能直接连到结束" },
		{ "%s连线：\naccept -> accept\n", 5, "不能连到自己" },
		{ "%s连线：\naccept -> review\n\naccept -> review\n", 7,
		  "重复了（第 5 行已有）" },
		{ "%s回退：\nreview -> 开始\n", 5, "回退只能从一个步骤退回到" },
		{ "%s连线：\r\n\r\naccept -> nothing\r\n", 6, "「nothing」" },
		{ "", 1, "还没有写步骤" },
		{ "# 注释\n连线：\n开始 -> a\n", 3, "没有编号或名称为「a」" },
		{ "步骤：\naccept 受理 clerk 1\n", 1, "至少要有 2 个步骤" },
	};
	struct pool		*pool = pool_new();
	struct cform_proc	 p;
	struct cform_errors	 e;
	char			 text[1024], want[64];
	size_t			 i, j;
	int			 found;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strncmp(cases[i].text, "%s", 2) == 0)
			snprintf(text, sizeof(text), "%s%s", head,
			    cases[i].text + 2 + (cases[i].text[2] == ' '));
		else
			snprintf(text, sizeof(text), "%s", cases[i].text);
		memset(&e, 0, sizeof(e));
		if (cform_proc_parse(pool, text, &p, &e) != -1 || e.n == 0)
			fail_msg("case %zu: no error for:\n%s", i, text);
		snprintf(want, sizeof(want), "第 %d 行：", cases[i].line);
		for (j = 0, found = 0; j < e.n; j++) {
			if (strncmp(e.msg[j], "第 ", strlen("第 ")) != 0)
				fail_msg("case %zu: no line number: %s", i,
				    e.msg[j]);
			if (strncmp(e.msg[j], want, strlen(want)) == 0 &&
			    strstr(e.msg[j], cases[i].says) != NULL)
				found = 1;
		}
		if (!found)
			fail_msg("case %zu: want %s…%s, got %s", i, want,
			    cases[i].says, e.msg[0]);
	}
	pool_free(pool);
}

static void
errors_are_all_reported_by_line(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_proc	 p;
	struct cform_errors	 e = { 0 };
	char			 text[4096] = "步骤：\n";
	size_t			 i;

	(void)state;
	/* An edge error (found later) on line 2 comes before step line 3's. */
	assert_int_equal(cform_proc_parse(pool,
	    "连线：\nx -> y\n步骤：\na 甲 科员 1\n", &p, &e), -1);
	assert_true(e.n >= 2);
	assert_true(strncmp(e.msg[0], "第 2 行", strlen("第 2 行")) == 0);
	assert_true(strncmp(e.msg[e.n - 1], "第 4 行",
	    strlen("第 4 行")) == 0);
	/* 30 bad lines: 20 kept, the rest counted. */
	for (i = 0; i < 30; i++)
		strcat(text, "a 甲 科员 1\n");
	memset(&e, 0, sizeof(e));
	assert_int_equal(cform_proc_parse(pool, text, &p, &e), -1);
	assert_int_equal(e.n, CFORM_MAX_ERRORS);
	assert_int_equal(e.more, 10);
	pool_free(pool);
}

static void
round_trip(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_proc	 p, q;
	struct cform_errors	 e = { 0 };
	char			*text, *again;

	(void)state;
	assert_int_equal(cform_proc_parse(pool, example, &p, &e), 0);
	text = cform_proc_text(pool, p.steps, p.nsteps, p.flows, p.nflows,
	    "SCJGJ");
	/* Grouped as a person would write it: the example itself. */
	assert_string_equal(text, example);
	assert_non_null(strstr(text, "accept -> review, fire\n"));
	assert_non_null(strstr(text, "review, fire -> decide\n"));
	assert_non_null(strstr(text, "开始 -> accept\n"));
	assert_non_null(strstr(text, "decide -> 结束\n"));
	assert_non_null(strstr(text, "回退：\ndecide -> review\n"));
	assert_non_null(strstr(text, "fire    消防审查  承办人  3  部门=XFJY\n"));
	assert_non_null(strstr(text,
	    "accept  受理  窗口受理人员  1  受理通知书\n"));
	assert_int_equal(cform_proc_parse(pool, text, &q, &e), 0);
	same_steps(&p, &q);
	assert_true(same_edges(&p, &q));
	again = cform_proc_text(pool, q.steps, q.nsteps, q.flows, q.nflows,
	    "SCJGJ");
	assert_string_equal(text, again);

	/* As loaded: every step has its department filled in; the home
	 * one is not written.  Keys of old items (s1…), no returns. */
	{
		struct step st[3] = {
			{ 1, "s1", "受理", ROLE_CLERK, "SCJGJ", 1, "" },
			{ 2, "s2", "承 办", ROLE_HANDLER, "SCJGJ", 3, "" },
			{ 3, "s3", "批准", ROLE_LEADER, "SCJGJ", 1, "decision" },
		};
		struct flow fl[4] = {
			{ 1, "start", "s1", 0 }, { 2, "s1", "s2", 0 },
			{ 3, "s2", "s3", 0 }, { 4, "s3", "end", 0 },
		};
		text = cform_proc_text(pool, st, 3, fl, 4, "SCJGJ");
		assert_null(strstr(text, "部门="));
		assert_null(strstr(text, "回退"));
		assert_non_null(strstr(text, "s2  承办  承办人  3\n"));
		assert_int_equal(cform_proc_parse(pool, text, &q, &e), 0);
		assert_string_equal(edges(&q),
		    "start>s1 s1>s2 s2>s3 s3>end");
		assert_string_equal(q.steps[2].doc, "decision");
		assert_string_equal(q.steps[1].name, "承办");
		/* Another home department: each step names its own. */
		text = cform_proc_text(pool, st, 3, fl, 4, "ZRZYJ");
		assert_non_null(strstr(text, "s1  受理  窗口受理人员  1  "
		    "部门=SCJGJ\n"));
	}

	/* A join of three with a return from the join. */
	assert_int_equal(cform_proc_parse(pool,
	    "步骤：\n"
	    "acc 受理 clerk 1 受理通知书\n"
	    "a 甲 handler 2\nb 乙 handler 2 部门=XFJY\n"
	    "c 丙 handler 2 部门=ZJJ\n"
	    "dec 决定 leader 1 决定书\n"
	    "连线：\n开始 -> acc\nacc -> a, b, c\na, b, c -> dec\n"
	    "dec -> 结束\n回退：\ndec -> acc\na -> acc\n", &p, &e), 0);
	text = cform_proc_text(pool, p.steps, p.nsteps, p.flows, p.nflows,
	    "SCJGJ");
	assert_non_null(strstr(text, "a, b, c -> dec\n"));
	assert_non_null(strstr(text, "回退：\ndec, a -> acc\n"));
	assert_int_equal(cform_proc_parse(pool, text, &q, &e), 0);
	same_steps(&p, &q);
	assert_true(same_edges(&p, &q));
	assert_string_equal(text, cform_proc_text(pool, q.steps, q.nsteps,
	    q.flows, q.nflows, "SCJGJ"));
	pool_free(pool);
}

static void
procedure_json(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_proc	 p;
	struct cform_errors	 e = { 0 };
	json_t			*o;
	char			*s;

	(void)state;
	assert_int_equal(cform_proc_parse(pool, example, &p, &e), 0);
	o = cform_proc_json(&p);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(strstr(s, "{\"key\":\"fire\",\"name\":\"消防审查\","
	    "\"role\":\"handler\",\"dept\":\"XFJY\",\"days\":3,\"doc\":\"\"}"));
	assert_non_null(strstr(s, "\"flows\":[[\"start\",\"accept\"],"
	    "[\"accept\",\"review\"],[\"accept\",\"fire\"],"
	    "[\"review\",\"decide\"],[\"fire\",\"decide\"],"
	    "[\"decide\",\"end\"]]"));
	assert_non_null(strstr(s, "\"returns\":[[\"decide\",\"review\"]]"));
	free(s);
	json_decref(o);
	pool_free(pool);
}

static void
materials(void **state)
{
	struct pool		*pool = pool_new();
	struct cform_errors	 e = { 0 };
	struct material		*m, old[1];
	size_t			 n;
	char			*text;
	static const char sha[] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";

	(void)state;
	memset(old, 0, sizeof(old));
	old[0].name = "申请书";
	old[0].types = "pdf,jpg";
	old[0].form = "申请书.pdf";
	old[0].form_sha = (char *)sha;
	old[0].sample = "";
	old[0].sample_sha = "";
	assert_int_equal(cform_materials_parse(pool,
	    "申请书 | 原件 | 1 | 必交 | 法定代表人签字\n"
	    "\n"
	    "营业执照 ｜ 复印件 ｜ 2份 ｜ 选交\n"
	    "授权委托书\n"
	    "# 注释\n"
	    "身份证 | 原件和复印件 | | | 备注里有 | 也行\r\n",
	    old, 1, &m, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(m[0].name, "申请书");
	assert_string_equal(m[0].note, "法定代表人签字");
	assert_string_equal(m[0].form_sha, sha);	/* kept: same name */
	assert_string_equal(m[0].types, "pdf,jpg");
	assert_string_equal(m[1].original, "复印件");
	assert_int_equal(m[1].copies, 2);
	assert_int_equal(m[1].required, 0);
	assert_string_equal(m[1].form_sha, "");
	assert_string_equal(m[2].original, "原件");
	assert_int_equal(m[2].copies, 1);
	assert_int_equal(m[2].required, 1);
	assert_string_equal(m[2].types, "pdf");
	assert_string_equal(m[3].original, "原件及复印件");
	assert_string_equal(m[3].note, "备注里有 | 也行");
	assert_int_equal(m[3].seq, 4);

	text = cform_materials_text(pool, m, n);
	assert_string_equal(text,
	    "申请书 | 原件 | 1 | 必交 | 法定代表人签字\n"
	    "营业执照 | 复印件 | 2 | 选交\n"
	    "授权委托书 | 原件 | 1 | 必交\n"
	    "身份证 | 原件及复印件 | 1 | 必交 | 备注里有 | 也行\n");

	memset(&e, 0, sizeof(e));
	assert_int_equal(cform_materials_parse(pool,
	    "申请书 | 扫描件\n"
	    "营业执照 | 原件 | 0\n"
	    "申请书\n"
	    " | 原件\n"
	    "照片 | 原件 | 1 | 看情况\n", NULL, 0, &m, &n, &e), -1);
	assert_int_equal(e.n, 5);
	assert_non_null(strstr(e.msg[0], "第 1 行：「扫描件」不认识"));
	assert_non_null(strstr(e.msg[1], "第 2 行：份数「0」"));
	assert_non_null(strstr(e.msg[2], "第 3 行：材料「申请书」重复了"
	    "（第 1 行已有）"));
	assert_non_null(strstr(e.msg[3], "第 4 行：先写材料名称"));
	assert_non_null(strstr(e.msg[4], "第 5 行：「看情况」不认识"));

	/* 免证办 (DOC-2): the last part 证照：CODE, after a note or not. */
	memset(&e, 0, sizeof(e));
	assert_int_equal(cform_materials_parse(pool,
	    "食品经营许可证正、副本 | 原件 | 1 | 选交 | 证照：152502-SCJG-XK-002\n"
	    "取水许可证 | 复印件 | 1 | 必交 | 在有效期内 ｜ 证照: 152502-SL-XK-001\n"
	    "营业执照 | 复印件 | 1 | 必交 | 证照不用原件\n", NULL, 0, &m, &n, &e),
	    0);
	assert_int_equal(n, 3);
	assert_string_equal(m[0].licence, "152502-SCJG-XK-002");
	assert_string_equal(m[0].note, "");
	assert_string_equal(m[1].licence, "152502-SL-XK-001");
	assert_string_equal(m[1].note, "在有效期内");
	assert_string_equal(m[2].licence, "");
	assert_string_equal(m[2].note, "证照不用原件");
	assert_string_equal(cform_materials_text(pool, m, n),
	    "食品经营许可证正、副本 | 原件 | 1 | 选交 | 证照：152502-SCJG-XK-002\n"
	    "取水许可证 | 复印件 | 1 | 必交 | 在有效期内 | 证照：152502-SL-XK-001\n"
	    "营业执照 | 复印件 | 1 | 必交 | 证照不用原件\n");
	memset(&e, 0, sizeof(e));
	assert_int_equal(cform_materials_parse(pool,
	    "取水许可证 | 复印件 | 1 | 必交 | 证照：取水许可证\n", NULL, 0, &m,
	    &n, &e), -1);
	assert_non_null(strstr(e.msg[0], "第 1 行：「证照：取水许可证」不对"));
	pool_free(pool);
}

/* Form values for cform_item_json, as name=value pairs. */
struct kv {
	const char	*k, *v;
};

static const char *
kv_get(void *arg, const char *name)
{
	const struct kv	*p;

	for (p = arg; p->k != NULL; p++)
		if (strcmp(p->k, name) == 0)
			return p->v;
	return NULL;
}

static void
elements(void **state)
{
	struct kv good[] = {
		{ "name", "食品经营许可证核发（新办）" }, { "kind", "行政许可" },
		{ "dept_code", "SCJGJ" }, { "level", "县级" },
		{ "basis", "《中华人民共和国食品安全法》第三十五条" },
		{ "statutory_days", "20" }, { "promised_days", "5" },
		{ "place", "政务服务中心二楼" }, { "hours", "工作日" },
		{ "phone", "0479-8225315" }, { "complaint_phone", "12345" },
		{ "depth", "A" }, { "theme_4", "1" }, { "theme_0", "1" },
		{ "visits", "0" }, { NULL, NULL },
	};
	struct kv bad[] = {
		{ "name", "某事项" }, { "kind", "行政审批" },
		{ "dept_code", "SCJGJ" }, { "level", "省级" },
		{ "parent", "152502-SCJG-XK-001" },
		{ "basis", "依据" }, { "statutory_days", "5" },
		{ "promised_days", "8" }, { "place", "大厅" },
		{ "hours", "工作日" }, { "phone", "1" },
		{ "complaint_phone", "2" }, { "depth", "A" },
		{ "secret", "1" }, { "visits", "-1" }, { NULL, NULL },
	};
	struct pool		*pool = pool_new();
	struct cform_errors	 e = { 0 };
	json_t			*o;
	size_t			 i;
	char			*all = "";

	(void)state;
	o = cform_item_json(pool, kv_get, good, &e);
	assert_non_null(o);
	assert_int_equal(e.n, 0);
	assert_string_equal(json_string_value(json_object_get(o, "fee")),
	    "不收费");
	assert_int_equal(json_integer_value(json_object_get(o,
	    "promised_days")), 5);
	assert_true(json_is_false(json_object_get(o, "instant")));
	assert_int_equal(json_array_size(json_object_get(o, "themes")), 2);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(o, "themes"), 0)), "出生");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(o, "themes"), 1)), "开办企业");
	json_decref(o);

	assert_null(cform_item_json(pool, kv_get, bad, &e));
	for (i = 0; i < e.n; i++)
		all = pool_printf(pool, "%s%s\n", all, e.msg[i]);
	assert_non_null(strstr(all, "「事项类型」请选择 行政许可、"));
	assert_non_null(strstr(all, "「实施层级」请选择 市级、县级、乡级 或 村级"));
	assert_non_null(strstr(all, "请选择它的阶段"));
	assert_non_null(strstr(all, "承诺办结时限（8 个工作日）不能超过"));
	assert_non_null(strstr(all, "涉密事项不能在网上办理"));
	assert_non_null(strstr(all, "「跑动次数」应为 0 到 20 的整数"));

	assert_true(cform_has_theme("出生、开办企业", "开办企业"));
	assert_true(cform_has_theme("出生、开办企业", "出生"));
	assert_false(cform_has_theme("出生、开办企业", "开办"));
	assert_false(cform_has_theme("", "出生"));
	assert_true(cform_valid_code("152502-SCJG-XK-001", 40));
	assert_false(cform_valid_code("152502 SCJG", 40));
	assert_false(cform_valid_code("", 40));
	pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_example),
		cmocka_unit_test(comma_lists_and_chains),
		cmocka_unit_test(role_words),
		cmocka_unit_test(errors_have_line_numbers),
		cmocka_unit_test(errors_are_all_reported_by_line),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(procedure_json),
		cmocka_unit_test(materials),
		cmocka_unit_test(elements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
