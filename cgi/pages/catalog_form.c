/*
 * catalog_form.c: the catalogue editor's text forms (catalog_form.h):
 * procedure text and materials lines to and from the shapes of
 * catalog.h, and the item's elements from form fields.  Pure C.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog_form.h"
#include "fee.h"
#include "request.h"
#include "vocab.h"
#include "wfnet.h"

/* The editor offers the domain's choices (vocab.c). */
const char *const *const cform_kinds = vocab_kinds;
const char *const *const cform_levels = vocab_levels;
const char *const *const cform_phases = vocab_phases;
const char *const *const cform_themes = vocab_themes;
const char *const *const cform_originals = vocab_originals;

#define NAME_MAX_CHARS	VOCAB_STEP_NAME_MAX
#define KEY_MAX		VOCAB_KEY_MAX
#define DAYS_MAX	VOCAB_DAYS_MAX
#define FULL_SPACE	"\xe3\x80\x80"	/* U+3000 */

/* What edges name for 开始 and 结束: resolve() returns these very
 * pointers, so the checks compare them. */
static const char key_start[] = WF_START;
static const char key_end[] = WF_END;

/* The role words a step line accepts; the first of each is written. */
static const struct {
	unsigned	 role;
	const char	*word;		/* English */
	const char	*label;		/* Chinese, as written */
	const char	*alias;		/* another Chinese word, or NULL */
} roles[] = {
	{ ROLE_CLERK, "clerk", "窗口受理人员", "窗口受理" },
	{ ROLE_HANDLER, "handler", "承办人", NULL },
	{ ROLE_CHIEF, "chief", "科室负责人", "科长" },
	{ ROLE_LEADER, "leader", "分管领导", "领导" },
};
#define NROLES	(sizeof(roles) / sizeof(roles[0]))

/* Documents a step issues: stored word, written word, another word. */
static const struct {
	const char	*doc;
	const char	*label;
	const char	*alias;
} docs[] = {
	{ "accept", "受理通知书", "受理" },
	{ "decision", "决定书", "决定" },
};
#define NDOCS	(sizeof(docs) / sizeof(docs[0]))

/* An error with the line it is about (0: none), before sorting. */
struct lerr {
	int		 line;
	const char	*msg;
};

struct lerrs {
	struct lerr	*v;
	size_t		 n, cap;
};

static void
lerr_add(struct pool *pool, struct lerrs *e, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
lerr_add(struct pool *pool, struct lerrs *e, int line, const char *fmt, ...)
{
	struct lerr	*x;
	va_list		 ap;
	char		*m;

	va_start(ap, fmt);
	m = pool_vprintf(pool, fmt, ap);
	va_end(ap);
	x = pool_push(pool, &e->v, &e->n, &e->cap, sizeof(*x));
	x->line = line;
	x->msg = line > 0 ? pool_printf(pool, "第 %d 行：%s", line, m) : m;
}

/* Move the collected errors, by line, into errs; -1 when there were any. */
static int
lerr_done(struct lerrs *e, struct cform_errors *errs)
{
	size_t	 i;

	/* A stable order: insertion sort (few errors). */
	for (i = 1; i < e->n; i++) {
		struct lerr t = e->v[i];
		size_t j = i;
		while (j > 0 && e->v[j - 1].line > t.line) {
			e->v[j] = e->v[j - 1];
			j--;
		}
		e->v[j] = t;
	}
	for (i = 0; i < e->n; i++) {
		if (errs->n < CFORM_MAX_ERRORS)
			errs->msg[errs->n++] = e->v[i].msg;
		else
			errs->more++;
	}
	return e->n > 0 ? -1 : 0;
}

static void
err_add(struct pool *pool, struct cform_errors *errs, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
err_add(struct pool *pool, struct cform_errors *errs, const char *fmt, ...)
{
	va_list	 ap;

	if (errs->n == CFORM_MAX_ERRORS) {
		errs->more++;
		return;
	}
	va_start(ap, fmt);
	errs->msg[errs->n++] = pool_vprintf(pool, fmt, ap);
	va_end(ap);
}

/* Characters of UTF-8 text (continuation bytes not counted). */
static size_t
u8len(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Length of the space at s: an ASCII blank or U+3000; 0 when none. */
static size_t
space_at(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\v' || *s == '\f')
		return 1;
	if (strncmp(s, FULL_SPACE, 3) == 0)
		return 3;
	return 0;
}

/* s without the spaces around it (in place). */
static char *
trim(char *s)
{
	size_t	 n, k;

	while ((k = space_at(s)) > 0)
		s += k;
	n = strlen(s);
	for (;;) {
		if (n > 0 && strchr(" \t\r\v\f", s[n - 1]) != NULL)
			n--;
		else if (n >= 3 && strncmp(s + n - 3, FULL_SPACE, 3) == 0)
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

/* The next space-separated token of *p (NUL-terminated in place), or
 * NULL at the end. */
static char *
token(char **p)
{
	char	*s = *p, *t;
	size_t	 k;

	while ((k = space_at(s)) > 0)
		s += k;
	if (*s == '\0') {
		*p = s;
		return NULL;
	}
	t = s;
	while (*s != '\0' && space_at(s) == 0)
		s++;
	k = space_at(s);
	if (k > 0) {
		*s = '\0';
		s += k;
	}
	*p = s;
	return t;
}

/* The lines of text, copied, with their ends ("\n", "\r\n") removed. */
static char **
split_lines(struct pool *pool, const char *text, size_t *n)
{
	char		**v = NULL;
	size_t		  cap = 0;
	const char	 *p = text ? text : "", *e;

	*n = 0;
	while (*p != '\0') {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		*(char **)pool_push(pool, &v, n, &cap, sizeof(*v)) =
		    pool_strndup(pool, p, (size_t)(e - p));
		p = *e == '\n' ? e + 1 : e;
	}
	return v;
}

int
cform_valid_code(const char *s, size_t max)
{
	return vocab_code_valid(s, max);
}

const char *
cform_role_word(unsigned role)
{
	size_t	 i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].role == role)
			return roles[i].label;
	return "";
}

static unsigned
role_parse(const char *w)
{
	size_t	 i;

	for (i = 0; i < NROLES; i++)
		if (strcasecmp(w, roles[i].word) == 0 ||
		    strcmp(w, roles[i].label) == 0 ||
		    (roles[i].alias && strcmp(w, roles[i].alias) == 0))
			return roles[i].role;
	return 0;
}

static const char *
doc_parse(const char *w)
{
	size_t	 i;

	for (i = 0; i < NDOCS; i++)
		if (strcasecmp(w, docs[i].doc) == 0 ||
		    strcmp(w, docs[i].label) == 0 ||
		    strcmp(w, docs[i].alias) == 0)
			return docs[i].doc;
	return NULL;
}

static const char *
doc_label(const char *doc)
{
	size_t	 i;

	for (i = 0; doc != NULL && i < NDOCS; i++)
		if (strcmp(doc, docs[i].doc) == 0)
			return docs[i].label;
	return NULL;
}

/* Working days: digits, perhaps followed by 天, 日 or (个)工作日. */
static int
days_parse(const char *w, int *days)
{
	const char	*p = w;
	long		 v = 0;

	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (*p++ - '0');
		if (v > DAYS_MAX)
			return -1;
	}
	if (*p != '\0' && strcmp(p, "天") != 0 && strcmp(p, "日") != 0 &&
	    strcmp(p, "工作日") != 0 && strcmp(p, "个工作日") != 0)
		return -1;
	*days = (int)v;
	return 0;
}

/* 部门=CODE (or dept=CODE, full-width ＝): CODE, or NULL when w is not
 * of that form. */
static const char *
dept_word(const char *w)
{
	static const char *const pre[] = { "部门=", "部门＝", "dept=",
	    "DEPT=" };
	size_t	 i;

	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (strncmp(w, pre[i], strlen(pre[i])) == 0)
			return w + strlen(pre[i]);
	return NULL;
}

enum section { SEC_NONE, SEC_STEPS, SEC_FLOWS, SEC_RETURNS };

/* The section a header line opens, or SEC_NONE when it is no header. */
static enum section
section_of(const char *line)
{
	static const struct {
		enum section	 sec;
		const char	*word;
	} words[] = {
		{ SEC_STEPS, "步骤" }, { SEC_STEPS, "环节" },
		{ SEC_STEPS, "steps" },
		{ SEC_FLOWS, "连线" }, { SEC_FLOWS, "flows" },
		{ SEC_RETURNS, "回退" }, { SEC_RETURNS, "returns" },
	};
	size_t	 i, n = strlen(line);

	if (n >= 3 && strcmp(line + n - 3, "：") == 0)
		n -= 3;
	else if (n >= 1 && line[n - 1] == ':')
		n -= 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n &&
		    strncasecmp(line, words[i].word, n) == 0)
			return words[i].sec;
	return SEC_NONE;
}

static int
is_start(const char *w)
{
	return strcmp(w, "开始") == 0 || strcasecmp(w, WF_START) == 0;
}

static int
is_end(const char *w)
{
	return strcmp(w, "结束") == 0 || strcmp(w, "办结") == 0 ||
	    strcasecmp(w, WF_END) == 0;
}

/* An edge as written, before its ends are resolved. */
struct pedge {
	const char	*from, *to;	/* as written */
	int		 back;
	int		 line;
};

/* The items of a comma list ("a, b、c，d"), trimmed; empty items kept
 * as "". */
static char **
split_list(struct pool *pool, char *s, size_t *n)
{
	char	**v = NULL, *p;
	size_t	  cap = 0, k;

	*n = 0;
	for (;;) {
		p = s;
		k = 0;
		while (*p != '\0') {
			if (*p == ',') {
				k = 1;
				break;
			}
			if (strncmp(p, "，", 3) == 0 ||
			    strncmp(p, "、", 3) == 0) {
				k = 3;
				break;
			}
			p++;
		}
		if (k > 0)
			*p = '\0';
		*(char **)pool_push(pool, &v, n, &cap, sizeof(*v)) = trim(s);
		if (k == 0)
			break;
		s = p + k;
	}
	return v;
}

/* Split an edge line at its arrows ("->", "→"): the parts, in place. */
static char **
split_arrows(struct pool *pool, char *s, size_t *n)
{
	char	**v = NULL, *p;
	size_t	  cap = 0, k;

	*n = 0;
	for (;;) {
		for (p = s, k = 0; *p != '\0'; p++) {
			if (strncmp(p, "->", 2) == 0) {
				k = 2;
				break;
			}
			if (strncmp(p, "→", 3) == 0) {
				k = 3;
				break;
			}
		}
		if (k > 0)
			*p = '\0';
		*(char **)pool_push(pool, &v, n, &cap, sizeof(*v)) = trim(s);
		if (k == 0)
			break;
		s = p + k;
	}
	return v;
}

static void
parse_step(struct pool *pool, char *line, int ln, struct cform_proc *p,
    int *lines, size_t *cap, struct lerrs *e)
{
	struct step	 s;
	char		*rest = line, *key, *name, *role, *days, *w;
	const char	*d;
	size_t		 i;
	int		 bad = 0;

	memset(&s, 0, sizeof(s));
	key = token(&rest);
	name = token(&rest);
	role = token(&rest);
	days = token(&rest);
	if (days == NULL) {
		lerr_add(pool, e, ln, "步骤要写 编号 名称 角色 时限，"
		    "用空格隔开，例如「review  承办  承办人  3」。");
		return;
	}
	if (!vocab_key_valid(key)) {
		lerr_add(pool, e, ln, "编号「%s」只能用英文字母、数字、- 和 _，"
		    "最长 %d 个字符。", key, KEY_MAX);
		bad = 1;
	} else if (strcasecmp(key, WF_START) == 0 ||
	    strcasecmp(key, WF_END) == 0) {
		lerr_add(pool, e, ln, "编号「%s」是保留字（表示开始、结束），"
		    "请换一个。", key);
		bad = 1;
	} else {
		for (i = 0; i < p->nsteps; i++)
			if (strcmp(p->steps[i].key, key) == 0) {
				lerr_add(pool, e, ln, "编号「%s」已在第 %d 行"
				    "用过，每个步骤的编号要不同。", key,
				    lines[i]);
				bad = 1;
			}
	}
	if (u8len(name) > NAME_MAX_CHARS) {
		lerr_add(pool, e, ln, "名称「%s」太长，最多 %d 个字。", name,
		    NAME_MAX_CHARS);
		bad = 1;
	} else if (is_start(name) || is_end(name)) {
		lerr_add(pool, e, ln, "步骤不能叫「%s」：开始和结束不是步骤，"
		    "请在「连线：」下面写。", name);
		bad = 1;
	}
	if ((s.role = role_parse(role)) == 0) {
		lerr_add(pool, e, ln, "角色「%s」不认识，请写 窗口受理人员、"
		    "承办人、科室负责人 或 分管领导。", role);
		bad = 1;
	}
	if (days_parse(days, &s.days) == -1) {
		lerr_add(pool, e, ln, "时限「%s」应为工作日天数，"
		    "0 到 %d 的整数。", days, DAYS_MAX);
		bad = 1;
	}
	s.doc = "";
	s.dept_code = "";
	while ((w = token(&rest)) != NULL) {
		if ((d = doc_parse(w)) != NULL) {
			if (*s.doc != '\0') {
				lerr_add(pool, e, ln, "一个步骤只能出一种文书"
				    "（受理通知书 或 决定书）。");
				bad = 1;
			}
			s.doc = (char *)d;
		} else if ((d = dept_word(w)) != NULL) {
			if (!cform_valid_code(d, 32)) {
				lerr_add(pool, e, ln, "部门代码「%s」只能用"
				    "英文字母、数字和 -，例如「部门=XFJY」。",
				    d);
				bad = 1;
			}
			s.dept_code = pool_strdup(pool, d);
		} else {
			lerr_add(pool, e, ln, "「%s」不认识：时限之后只能写 "
			    "受理通知书、决定书 或 部门=部门代码。"
			    "名称中间不能有空格。", w);
			bad = 1;
		}
	}
	if (bad)
		return;
	if (p->nsteps == WF_MAX_STEPS) {
		lerr_add(pool, e, ln, "步骤太多，最多 %d 个。", WF_MAX_STEPS);
		return;
	}
	s.seq = (int)p->nsteps + 1;
	s.key = pool_strdup(pool, key);
	s.name = pool_strdup(pool, name);
	lines[p->nsteps] = ln;
	*(struct step *)pool_push(pool, &p->steps, &p->nsteps, cap,
	    sizeof(s)) = s;
}

static void
parse_edges(struct pool *pool, char *line, int ln, int back,
    struct pedge **pe, size_t *npe, size_t *cap, struct lerrs *e)
{
	char		**parts, **a, **b;
	size_t		  nparts, na, nb, i, j, k;
	int		  bad = 0;

	parts = split_arrows(pool, line, &nparts);
	if (nparts < 2) {
		lerr_add(pool, e, ln, "连线要写成「从 -> 到」，例如"
		    "「accept -> review」。");
		return;
	}
	for (k = 0; k < nparts; k++)
		if (*parts[k] == '\0') {
			lerr_add(pool, e, ln, "「->」两边都要写步骤。");
			return;
		}
	for (k = 0; k + 1 < nparts && !bad; k++) {
		a = split_list(pool, pool_strdup(pool, parts[k]), &na);
		b = split_list(pool, pool_strdup(pool, parts[k + 1]), &nb);
		for (i = 0; i < na && !bad; i++)
			if (*a[i] == '\0')
				bad = 1;
		for (j = 0; j < nb && !bad; j++)
			if (*b[j] == '\0')
				bad = 1;
		if (bad) {
			lerr_add(pool, e, ln, "逗号两边都要写步骤，"
			    "例如「review, fire -> decide」。");
			break;
		}
		for (i = 0; i < na; i++)
			for (j = 0; j < nb; j++) {
				struct pedge *x = pool_push(pool, pe, npe, cap,
				    sizeof(*x));
				x->from = a[i];
				x->to = b[j];
				x->back = back;
				x->line = ln;
			}
	}
}

/* The key an edge end names (WF_START, WF_END or a step key), or NULL
 * with the error added. */
static const char *
resolve(struct pool *pool, const struct cform_proc *p, const char *w,
    int ln, struct lerrs *e)
{
	const char	*key = NULL;
	size_t		 i, n = 0;

	if (is_start(w))
		return key_start;
	if (is_end(w))
		return key_end;
	for (i = 0; i < p->nsteps; i++)
		if (strcmp(p->steps[i].key, w) == 0)
			return p->steps[i].key;
	for (i = 0; i < p->nsteps; i++)
		if (strcmp(p->steps[i].name, w) == 0) {
			key = p->steps[i].key;
			n++;
		}
	if (n == 1)
		return key;
	if (n > 1)
		lerr_add(pool, e, ln, "有 %zu 个步骤都叫「%s」，"
		    "请改写它们的编号。", n, w);
	else
		lerr_add(pool, e, ln, "没有编号或名称为「%s」的步骤，"
		    "请先在「步骤：」下面写出它，或改正这里的写法。", w);
	return NULL;
}

int
cform_proc_parse(struct pool *pool, const char *text, struct cform_proc *p,
    struct cform_errors *errs)
{
	struct lerrs	 e;
	struct pedge	*pe = NULL;
	struct flow	 f;
	enum section	 sec = SEC_NONE, s;
	char		**lines, *line;
	int		*steplines, first_steps = 0;
	size_t		 nlines, i, j, npe = 0, pecap = 0, scap = 0, fcap = 0;
	const char	*from, *to;

	memset(p, 0, sizeof(*p));
	memset(&e, 0, sizeof(e));
	lines = split_lines(pool, text, &nlines);
	steplines = pool_alloc(pool, (WF_MAX_STEPS + 1) * sizeof(*steplines));
	for (i = 0; i < nlines; i++) {
		int ln = (int)i + 1;

		line = trim(lines[i]);
		if (*line == '\0' || *line == '#')
			continue;
		if ((s = section_of(line)) != SEC_NONE) {
			sec = s;
			if (s == SEC_STEPS && first_steps == 0)
				first_steps = ln;
			continue;
		}
		switch (sec) {
		case SEC_NONE:
			lerr_add(pool, &e, ln, "请先写一行「步骤：」、"
			    "「连线：」或「回退：」，说明下面各行写的是什么。");
			break;
		case SEC_STEPS:
			parse_step(pool, line, ln, p, steplines, &scap, &e);
			break;
		case SEC_FLOWS:
		case SEC_RETURNS:
			parse_edges(pool, line, ln, sec == SEC_RETURNS, &pe,
			    &npe, &pecap, &e);
			break;
		}
	}
	if (first_steps == 0)
		lerr_add(pool, &e, nlines > 0 ? (int)nlines : 1,
		    "还没有写步骤：请写一行「步骤：」，下面每行一个步骤。");
	else if (p->nsteps < 2 && e.n == 0)
		lerr_add(pool, &e, first_steps, "至少要有 2 个步骤"
		    "（通常是受理和决定）。");
	for (i = 0; i < npe; i++) {
		const struct pedge *x = &pe[i];

		from = resolve(pool, p, x->from, x->line, &e);
		to = resolve(pool, p, x->to, x->line, &e);
		if (from == NULL || to == NULL)
			continue;
		if (x->back && (from == key_start || to == key_start ||
		    from == key_end || to == key_end)) {
			lerr_add(pool, &e, x->line, "回退只能从一个步骤退回到"
			    "另一个步骤，不能用开始或结束。");
			continue;
		}
		if (from == key_end) {
			lerr_add(pool, &e, x->line,
			    "「结束」只能写在「->」右边。");
			continue;
		}
		if (to == key_start) {
			lerr_add(pool, &e, x->line,
			    "「开始」只能写在「->」左边。");
			continue;
		}
		if (from == key_start && to == key_end) {
			lerr_add(pool, &e, x->line, "开始不能直接连到结束。");
			continue;
		}
		if (strcmp(from, to) == 0) {
			lerr_add(pool, &e, x->line, "「%s」不能连到自己。",
			    x->from);
			continue;
		}
		for (j = 0; j < p->nflows; j++)
			if (strcmp(p->flows[j].from, from) == 0 &&
			    strcmp(p->flows[j].to, to) == 0 &&
			    p->flows[j].back == x->back)
				break;
		if (j < p->nflows) {
			lerr_add(pool, &e, x->line, "连线「%s -> %s」重复了"
			    "（第 %d 行已有）。", x->from, x->to,
			    p->flows[j].seq);
			continue;
		}
		if (p->nflows == WF_MAX_EDGES) {
			lerr_add(pool, &e, x->line, "连线太多，最多 %d 条。",
			    WF_MAX_EDGES);
			break;
		}
		memset(&f, 0, sizeof(f));
		f.seq = x->line;	/* for a duplicate's message */
		f.from = (char *)from;
		f.to = (char *)to;
		f.back = x->back;
		*(struct flow *)pool_push(pool, &p->flows, &p->nflows, &fcap,
		    sizeof(f)) = f;
	}
	/* Forward edges first, then returns, as the net numbers them. */
	if (p->nflows > 0) {
		struct flow *sorted = pool_alloc(pool, p->nflows *
		    sizeof(*sorted));
		size_t n = 0, k;
		for (k = 0; k < 2; k++)
			for (j = 0; j < p->nflows; j++)
				if (p->flows[j].back == (int)k)
					sorted[n++] = p->flows[j];
		for (j = 0; j < n; j++)
			sorted[j].seq = (int)j + 1;
		p->flows = sorted;
	}
	return lerr_done(&e, errs);
}

/* How an edge end is written. */
static const char *
end_word(const char *k)
{
	if (strcmp(k, WF_START) == 0)
		return "开始";
	if (strcmp(k, WF_END) == 0)
		return "结束";
	return k;
}

/* A name as one token: spaces dropped (they would split the line). */
static char *
one_token(struct pool *pool, const char *s)
{
	char	*out = pool_alloc(pool, strlen(s) + 1), *o = out;
	size_t	 k;

	while (*s != '\0') {
		if ((k = space_at(s)) > 0 || *s == '\n') {
			s += k ? k : 1;
			continue;
		}
		*o++ = *s++;
	}
	return out;
}

/* 1 when sources a and b have the same targets, in the same order. */
static int
same_targets(const struct flow *f, size_t n, int back, const char *a,
    const char *b)
{
	size_t	 i = 0, j = 0;

	for (;;) {
		while (i < n && (f[i].back != back ||
		    strcmp(f[i].from, a) != 0))
			i++;
		while (j < n && (f[j].back != back ||
		    strcmp(f[j].from, b) != 0))
			j++;
		if (i == n || j == n)
			return i == n && j == n;
		if (strcmp(f[i].to, f[j].to) != 0)
			return 0;
		i++;
		j++;
	}
}

/* The edges of one kind, grouped into lines. */
static char *
edges_text(struct pool *pool, const struct flow *f, size_t n, int back)
{
	char		*out = "", *line;
	char		*done = pool_alloc(pool, n + 1);
	size_t		 i, j, k;

	for (i = 0; i < n; i++) {
		if (f[i].back != back || done[i])
			continue;
		/* The sources sharing f[i].from's targets, f[i].from first. */
		line = pool_strdup(pool, end_word(f[i].from));
		for (j = i + 1; j < n; j++) {
			if (f[j].back != back || done[j] ||
			    strcmp(f[j].from, f[i].from) == 0)
				continue;
			for (k = i; k < j; k++)	/* first edge of its source */
				if (f[k].back == back &&
				    strcmp(f[k].from, f[j].from) == 0)
					break;
			if (k < j || !same_targets(f, n, back, f[i].from,
			    f[j].from))
				continue;
			line = pool_printf(pool, "%s, %s", line,
			    end_word(f[j].from));
			for (k = j; k < n; k++)
				if (f[k].back == back &&
				    strcmp(f[k].from, f[j].from) == 0)
					done[k] = 1;
		}
		line = pool_printf(pool, "%s ->", line);
		for (j = i, k = 0; j < n; j++) {
			if (f[j].back != back ||
			    strcmp(f[j].from, f[i].from) != 0)
				continue;
			line = pool_printf(pool, "%s%s %s", line,
			    k++ ? "," : "", end_word(f[j].to));
			done[j] = 1;
		}
		out = pool_printf(pool, "%s%s\n", out, line);
	}
	return out;
}

char *
cform_proc_text(struct pool *pool, const struct step *steps, size_t nsteps,
    const struct flow *flows, size_t nflows, const char *home_dept)
{
	char		*out;
	const char	*doc;
	size_t		 i, w = 2, nback = 0;

	for (i = 0; i < nsteps; i++)
		if (strlen(steps[i].key) > w)
			w = strlen(steps[i].key);
	out = pool_strdup(pool, "步骤：\n");
	for (i = 0; i < nsteps; i++) {
		const struct step *s = &steps[i];
		const char *role = cform_role_word(s->role);

		out = pool_printf(pool, "%s%-*s  %s  %s  %d", out, (int)w,
		    s->key, one_token(pool, s->name), *role ? role : "？",
		    s->days);
		if ((doc = doc_label(s->doc)) != NULL)
			out = pool_printf(pool, "%s  %s", out, doc);
		if (s->dept_code != NULL && *s->dept_code != '\0' &&
		    (home_dept == NULL || strcmp(s->dept_code, home_dept) != 0))
			out = pool_printf(pool, "%s  部门=%s", out,
			    s->dept_code);
		out = pool_printf(pool, "%s\n", out);
	}
	out = pool_printf(pool, "%s连线：\n%s", out,
	    edges_text(pool, flows, nflows, 0));
	for (i = 0; i < nflows; i++)
		nback += flows[i].back != 0;
	if (nback > 0)
		out = pool_printf(pool, "%s回退：\n%s", out,
		    edges_text(pool, flows, nflows, 1));
	return out;
}

static const char *
role_english(unsigned role)
{
	size_t	 i;

	for (i = 0; i < NROLES; i++)
		if (roles[i].role == role)
			return roles[i].word;
	return "";
}

json_t *
cform_proc_json(const struct cform_proc *p)
{
	json_t	*steps, *flows, *returns, *o;
	size_t	 i;
	int	 bad = 0;

	steps = json_array();
	for (i = 0; i < p->nsteps; i++) {
		const struct step *s = &p->steps[i];
		bad |= json_array_append_new(steps, json_pack("{s:s, s:s, s:s, "
		    "s:s, s:i, s:s}", "key", s->key, "name", s->name, "role",
		    role_english(s->role), "dept", s->dept_code ? s->dept_code :
		    "", "days", s->days, "doc", s->doc ? s->doc : ""));
	}
	flows = json_array();
	returns = json_array();
	for (i = 0; i < p->nflows; i++)
		bad |= json_array_append_new(p->flows[i].back ? returns : flows,
		    json_pack("[s, s]", p->flows[i].from, p->flows[i].to));
	o = json_pack("{s:o, s:o, s:o}", "steps", steps, "flows", flows,
	    "returns", returns);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Split a materials line at its bars ("|", "｜"), at most max parts; the
 * last part keeps any further bars. */
static size_t
split_bars(char *s, char **parts, size_t max)
{
	size_t	 n = 0, k;
	char	*p;

	for (;;) {
		if (n + 1 == max) {
			parts[n++] = trim(s);
			return n;
		}
		for (p = s, k = 0; *p != '\0'; p++) {
			if (*p == '|') {
				k = 1;
				break;
			}
			if (strncmp(p, "｜", 3) == 0) {
				k = 3;
				break;
			}
		}
		if (k > 0)
			*p = '\0';
		parts[n++] = trim(s);
		if (k == 0)
			return n;
		s = p + k;
	}
}

/* The last part of note s, after its last bar (| or ｜) or all of it,
 * when it begins with 证照： or 证照: (免证办, DOC-2); else NULL. */
static char *
licence_part(char *s)
{
	char	*p, *last = s;

	for (p = s; *p != '\0'; p++)
		if (*p == '|')
			last = p + 1;
		else if (strncmp(p, "｜", 3) == 0)
			last = p + 3;
	last += strspn(last, " \t");
	if (strncmp(last, "证照：", strlen("证照：")) != 0 &&
	    strncmp(last, "证照:", strlen("证照:")) != 0)
		return NULL;
	return last;
}

/* The item code of part "证照：CODE", or NULL when it is not one. */
static const char *
licence_code(const char *part)
{
	const char	*p = part;
	size_t		 n;

	p += strncmp(p, "证照：", strlen("证照：")) == 0 ? strlen("证照：") :
	    strlen("证照:");
	p += strspn(p, " \t");
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n < 3 || n > 40 || strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return NULL;
	return p;
}

/* Note s without its last part from part on, and the bar before it. */
static char *
trim_bar(char *s, char *part)
{
	char	*p = part;

	*p = '\0';
	while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		*--p = '\0';
	if (p > s && p[-1] == '|')
		*--p = '\0';
	else if (p - s >= 3 && strncmp(p - 3, "｜", 3) == 0)
		*(p -= 3) = '\0';
	return trim(s);
}

int
cform_materials_parse(struct pool *pool, const char *text,
    const struct material *old, size_t nold, struct material **out,
    size_t *n, struct cform_errors *errs)
{
	struct lerrs	 e;
	struct material	 m;
	char		**lines, **seen, *parts[5], *line, *end, *lic;
	int		*mlines;
	size_t		 nlines, i, j, np, cap = 0, nseen = 0;
	long		 v;

	memset(&e, 0, sizeof(e));
	*out = NULL;
	*n = 0;
	lines = split_lines(pool, text, &nlines);
	mlines = pool_alloc(pool, (nlines + 1) * sizeof(*mlines));
	seen = pool_alloc(pool, (nlines + 1) * sizeof(*seen));
	for (i = 0; i < nlines; i++) {
		int ln = (int)i + 1, bad = 0;

		line = trim(lines[i]);
		if (*line == '\0' || *line == '#')
			continue;
		memset(&m, 0, sizeof(m));
		np = split_bars(line, parts, 5);
		if (*parts[0] == '\0') {
			lerr_add(pool, &e, ln, "先写材料名称，格式为"
			    "「名称 | 原件 | 份数 | 必交/选交 | 备注」。");
			continue;
		}
		if (u8len(parts[0]) > 200) {
			lerr_add(pool, &e, ln, "材料名称太长，最多 200 个字。");
			bad = 1;
		}
		for (j = 0; j < nseen; j++)
			if (strcmp(seen[j], parts[0]) == 0) {
				lerr_add(pool, &e, ln, "材料「%s」重复了"
				    "（第 %d 行已有）。", parts[0], mlines[j]);
				bad = 1;
				break;
			}
		if (j == nseen && nseen < nlines) {
			seen[nseen] = parts[0];
			mlines[nseen++] = ln;
		}
		m.original = "原件";
		if (np > 1 && *parts[1] != '\0') {
			for (j = 0; cform_originals[j] != NULL; j++)
				if (strcmp(parts[1], cform_originals[j]) == 0)
					break;
			if (cform_originals[j] != NULL)
				m.original = (char *)cform_originals[j];
			else if (strcmp(parts[1], "原件和复印件") == 0)
				m.original = "原件及复印件";
			else {
				lerr_add(pool, &e, ln, "「%s」不认识：第二栏"
				    "请写 原件、复印件 或 原件及复印件。",
				    parts[1]);
				bad = 1;
			}
		}
		m.copies = 1;
		if (np > 2 && *parts[2] != '\0') {
			v = strtol(parts[2], &end, 10);
			if (end != parts[2] && strcmp(end, "份") == 0)
				end += strlen("份");
			if (!isdigit((unsigned char)*parts[2]) ||
			    *end != '\0' || v < 1 || v > 99) {
				lerr_add(pool, &e, ln, "份数「%s」应为 1 到 "
				    "99 的整数。", parts[2]);
				bad = 1;
			} else
				m.copies = (int)v;
		}
		m.required = 1;
		if (np > 3 && *parts[3] != '\0') {
			if (strcmp(parts[3], "必交") == 0 ||
			    strcmp(parts[3], "必须") == 0 ||
			    strcmp(parts[3], "必需") == 0)
				m.required = 1;
			else if (strcmp(parts[3], "选交") == 0 ||
			    strcmp(parts[3], "可选") == 0 ||
			    strcmp(parts[3], "非必交") == 0)
				m.required = 0;
			else {
				lerr_add(pool, &e, ln, "「%s」不认识：第四栏"
				    "请写 必交 或 选交。", parts[3]);
				bad = 1;
			}
		}
		m.note = np > 4 ? parts[4] : "";
		if (u8len(m.note) > 300) {
			lerr_add(pool, &e, ln, "备注太长，最多 300 个字。");
			bad = 1;
		}
		/* 免证办 (DOC-2): the item whose licence fills the slot,
		 * the note's last part "证照：CODE" (a note may hold bars). */
		m.licence = "";
		if ((lic = licence_part(m.note)) != NULL) {
			m.licence = (char *)licence_code(lic);
			if (m.licence == NULL) {
				lerr_add(pool, &e, ln, "「%s」不对：请写「证照："
				    "发证事项编码」，例如 证照：152502-SCJG-"
				    "XK-002。", lic);
				bad = 1;
			}
			m.note = trim_bar(m.note, lic);
		}
		if (bad)
			continue;
		if (*n == CFORM_MAX_MATERIALS) {
			lerr_add(pool, &e, ln, "材料太多，最多 %d 项。",
			    CFORM_MAX_MATERIALS);
			break;
		}
		m.name = parts[0];
		m.types = "pdf";
		m.form = m.form_sha = m.sample = m.sample_sha = "";
		for (j = 0; j < nold; j++)
			if (strcmp(old[j].name, m.name) == 0) {
				m.types = old[j].types;
				m.form = old[j].form;
				m.form_sha = old[j].form_sha;
				m.sample = old[j].sample;
				m.sample_sha = old[j].sample_sha;
			}
		m.seq = (int)*n + 1;
		*(struct material *)pool_push(pool, out, n, &cap,
		    sizeof(m)) = m;
	}
	return lerr_done(&e, errs);
}

char *
cform_materials_text(struct pool *pool, const struct material *m, size_t n)
{
	char	*out = "";
	size_t	 i;

	for (i = 0; i < n; i++) {
		out = pool_printf(pool, "%s%s | %s | %d | %s", out, m[i].name,
		    m[i].original, m[i].copies, m[i].required ? "必交" :
		    "选交");
		if (m[i].note != NULL && *m[i].note != '\0')
			out = pool_printf(pool, "%s | %s", out, m[i].note);
		if (m[i].licence != NULL && *m[i].licence != '\0')
			out = pool_printf(pool, "%s | 证照：%s", out,
			    m[i].licence);
		out = pool_printf(pool, "%s\n", out);
	}
	return out;
}

static const char *
str(const char *s)
{
	return s ? s : "";
}

json_t *
cform_materials_json(const struct material *m, size_t n)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:b, "
		    "s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name", m[i].name,
		    "original", m[i].original, "copies", m[i].copies,
		    "required", m[i].required, "types", str(m[i].types),
		    "note", str(m[i].note), "form", str(m[i].form),
		    "form_sha", str(m[i].form_sha), "sample", str(m[i].sample),
		    "sample_sha", str(m[i].sample_sha),
		    "licence", str(m[i].licence)));
	return arr;
}

int
cform_has_theme(const char *themes, const char *theme)
{
	const char	*p = themes;
	size_t		 n = strlen(theme);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, theme, n) == 0 && (p[n] == '\0' ||
		    strncmp(p + n, "、", 3) == 0))
			return 1;
		if ((p = strstr(p, "、")) != NULL)
			p += 3;
	}
	return 0;
}

/* Field readers for cform_item_json: each adds its error to errs. */
struct fields {
	struct pool		*pool;
	cform_get_fn		 get;
	void			*arg;
	struct cform_errors	*errs;
	json_t			*obj;
};

static const char *
f_text(struct fields *f, const char *name, const char *label, size_t max,
    int required)
{
	const char	*v = f->get(f->arg, name);

	if (v == NULL) {
		if (required)
			err_add(f->pool, f->errs, "请填写「%s」。", label);
		v = "";
	} else if (u8len(v) > max) {
		err_add(f->pool, f->errs, "「%s」太长，最多 %zu 个字。", label,
		    max);
	}
	json_object_set_new(f->obj, name, json_string(v));
	return v;
}

static const char *
f_choice(struct fields *f, const char *name, const char *label,
    const char *const *list, int required)
{
	const char	*v = f->get(f->arg, name);
	char		*all = "";
	size_t		 i;

	if (v == NULL && !required) {
		json_object_set_new(f->obj, name, json_string(""));
		return "";
	}
	for (i = 0; v != NULL && list[i] != NULL; i++)
		if (strcmp(v, list[i]) == 0) {
			json_object_set_new(f->obj, name, json_string(v));
			return v;
		}
	for (i = 0; list[i] != NULL; i++)
		all = pool_printf(f->pool, "%s%s%s", all, i == 0 ? "" :
		    list[i + 1] == NULL ? " 或 " : "、", list[i]);
	err_add(f->pool, f->errs, "「%s」请选择 %s。", label, all);
	return "";
}

static int
f_int(struct fields *f, const char *name, const char *label, int min,
    int max, int dflt)
{
	const char	*v = f->get(f->arg, name);
	char		*end;
	long		 n;

	if (v == NULL)
		n = dflt;
	else {
		n = strtol(v, &end, 10);
		if (!isdigit((unsigned char)*v) || *end != '\0' || n < min ||
		    n > max) {
			err_add(f->pool, f->errs, "「%s」应为 %d 到 %d "
			    "的整数。", label, min, max);
			n = dflt;
		}
	}
	json_object_set_new(f->obj, name, json_integer(n));
	return (int)n;
}

/*
 * The structured fee standard (FEE-1): fee_kind, and fee_min and fee_max
 * as typed in yuan, kept in fen; all three or none.
 */
static void
f_fee_standard(struct fields *f)
{
	const char	*kind, *lo = f->get(f->arg, "fee_min"),
			*hi = f->get(f->arg, "fee_max");
	int		 min = 0, max = 0;

	kind = f_text(f, "fee_kind", "收费项目", FEE_KIND_MAX, 0);
	if (*kind == '\0' && lo == NULL && hi == NULL) {
		json_object_set_new(f->obj, "fee_min", json_integer(0));
		json_object_set_new(f->obj, "fee_max", json_integer(0));
		return;
	}
	if (*kind == '\0' || lo == NULL || hi == NULL)
		err_add(f->pool, f->errs, "收费标准请把「收费项目」「最低金额」"
		    "「最高金额」都填上；不由系统收费的三项都留空。");
	else if (fee_parse_yuan(lo, &min) == -1 ||
	    fee_parse_yuan(hi, &max) == -1)
		err_add(f->pool, f->errs, "金额请写成以元为单位的数，最多两位"
		    "小数，例如 80 或 12.50。");
	else if (max == 0 || min > max)
		err_add(f->pool, f->errs, "最高金额应大于 0，且不低于最低金额。");
	json_object_set_new(f->obj, "fee_min", json_integer(min));
	json_object_set_new(f->obj, "fee_max", json_integer(max));
}

static int
f_check(struct fields *f, const char *name)
{
	int	 on = f->get(f->arg, name) != NULL;

	json_object_set_new(f->obj, name, json_boolean(on));
	return on;
}

json_t *
cform_item_json(struct pool *pool, cform_get_fn get, void *arg,
    struct cform_errors *errs)
{
	static const char *const depths[] = { "A", "B", "C", "D", NULL };
	struct fields	 f;
	json_t		*themes;
	const char	*parent, *phase, *depth, *dept;
	size_t		 before = errs->n + errs->more, i;
	int		 stat, prom, instant, secret;
	char		 name[32];

	f.pool = pool;
	f.get = get;
	f.arg = arg;
	f.errs = errs;
	f.obj = json_object();
	(void)f_text(&f, "name", "事项名称", 200, 1);
	(void)f_choice(&f, "kind", "事项类型", cform_kinds, 1);
	dept = f_text(&f, "dept_code", "实施部门", 32, 1);
	if (*dept != '\0' && !cform_valid_code(dept, 32))
		err_add(pool, errs, "「实施部门」请从列表中选择。");
	(void)f_choice(&f, "level", "实施层级", cform_levels, 1);
	parent = f_text(&f, "parent", "所属主项编码", 40, 0);
	if (*parent != '\0' && !cform_valid_code(parent, 40))
		err_add(pool, errs,
		    "「所属主项编码」只能用英文字母、数字和 -。");
	phase = f_choice(&f, "phase", "阶段", cform_phases, 0);
	if (*parent != '\0' && *phase == '\0' && get(arg, "phase") == NULL)
		err_add(pool, errs, "这是子项（填写了所属主项编码），"
		    "请选择它的阶段。");
	if (*parent == '\0' && *phase != '\0')
		err_add(pool, errs, "只有子项才有阶段：请填写所属主项编码，"
		    "或把阶段留空。");
	(void)f_text(&f, "basis", "设定依据", 5000, 1);
	(void)f_text(&f, "conditions", "受理条件", 5000, 0);
	stat = f_int(&f, "statutory_days", "法定办结时限", 0, 3650, -1);
	prom = f_int(&f, "promised_days", "承诺办结时限", 0, 3650, -1);
	if (get(arg, "statutory_days") == NULL)
		err_add(pool, errs, "请填写「法定办结时限」（工作日）。");
	if (get(arg, "promised_days") == NULL)
		err_add(pool, errs, "请填写「承诺办结时限」（工作日）。");
	instant = f_check(&f, "instant");
	if (stat >= 0 && prom > stat)
		err_add(pool, errs, "承诺办结时限（%d 个工作日）不能超过法定"
		    "办结时限（%d 个工作日）。", prom, stat);
	if (!instant && prom == 0)
		err_add(pool, errs, "承诺件的承诺办结时限至少 1 个工作日；"
		    "当场办结的请勾选「即办件」。");
	if (get(arg, "fee") == NULL)
		json_object_set_new(f.obj, "fee", json_string("不收费"));
	else
		(void)f_text(&f, "fee", "收费", 1000, 0);
	(void)f_text(&f, "fee_basis", "收费依据", 5000, 0);
	(void)f_text(&f, "fee_standard", "收费标准", 1000, 0);
	f_fee_standard(&f);
	(void)f_text(&f, "place", "办理地点", 300, 1);
	(void)f_text(&f, "hours", "办理时间", 200, 1);
	(void)f_text(&f, "phone", "咨询电话", 100, 1);
	(void)f_text(&f, "complaint_phone", "投诉电话", 100, 1);
	(void)f_int(&f, "visits", "跑动次数", 0, 20, 0);
	depth = f_choice(&f, "depth", "网办深度", depths, 1);
	secret = f_check(&f, "secret");
	(void)f_check(&f, "private");
	if (secret && (strcmp(depth, "A") == 0 || strcmp(depth, "B") == 0))
		err_add(pool, errs, "涉密事项不能在网上办理，网办深度请选 D "
		    "或 C。");
	themes = json_array();
	for (i = 0; cform_themes[i] != NULL; i++) {
		snprintf(name, sizeof(name), "theme_%zu", i);
		if (get(arg, name) != NULL)
			json_array_append_new(themes,
			    json_string(cform_themes[i]));
	}
	json_object_set_new(f.obj, "themes", themes);
	(void)f_text(&f, "keywords", "检索关键词", 500, 0);
	if (errs->n + errs->more > before) {
		json_decref(f.obj);
		return NULL;
	}
	return f.obj;
}
