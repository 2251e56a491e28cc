/*
 * wfnet.c: procedure definitions as workflow nets (FLOW-1, FLOW-2, INT-5,
 * INT-8): the firing rule the engine and the simulation share, and the
 * soundness check a definition must pass before it is published.
 *
 * Every edge is a place; every step fires in one of its "modes" (all its
 * forward inputs together, or one return edge into it) and one of its
 * "ways" (forward, or back along one return edge out).  A place is consumed
 * by exactly one mode of one step, so firing one step never takes a token
 * another step is waiting for.  The check relies on that: parallel
 * branches interleave (30 branches of two steps have 3^30 markings), so it
 * explores a reduced graph in which each marking fires only one enabled
 * mode (stubborn sets), and, when that finds a fault, once more firing all
 * of them where a cycle could otherwise starve the rest (the cycle
 * proviso).  The comment above wf_check says why the verdicts stay exact.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "wfnet.h"

/* What an edge end resolves to besides a step index. */
#define ST_START	(-1)
#define ST_END		(-2)
#define ST_NONE		(-3)

/* Edge lists kept per step. */
enum { FIN, RIN, FOUT, ROUT, NLIST };

#define MAX_MODES	(WF_MAX_STEPS + WF_MAX_EDGES)
#define TOKEN_CAP	255
#define NOSTATE		UINT32_MAX
/* Memory the check may use for markings, their index and transitions. */
#define CHECK_BYTES	(64u * 1024 * 1024)

/* A net with its keys resolved to indexes. */
struct cnet {
	const struct wf_net	*net;
	size_t			 ns, ne;
	int			 src[WF_MAX_EDGES], dst[WF_MAX_EDGES];
	uint16_t		 off[NLIST][WF_MAX_STEPS + 1];
	uint8_t			 list[NLIST][WF_MAX_EDGES];
	/*
	 * Modes: a step's forward inputs together (edge -1), then each
	 * return edge into it, in edge order.  Those of step s are
	 * mfirst[s] to mfirst[s + 1] - 1.
	 */
	size_t			 nm;
	uint16_t		 mfirst[WF_MAX_STEPS + 1];
	uint8_t			 mstep[MAX_MODES];
	int16_t			 medge[MAX_MODES];
};

struct arc {
	uint32_t		 from, to, step;
};

#define F_EXPANDED	0x01	/* every successor the check needs is in */
#define F_CUT		0x02	/* tokens pile up here: not expanded */
#define F_LEFTOVER	0x04	/* "end" reached with tokens elsewhere */

/* Markings seen, with a hash index; the check also keeps transitions. */
struct space {
	size_t			 ne, n, cap;
	uint8_t			*mark;
	uint32_t		*hash, *parent, *level;
	uint16_t		*sum;
	uint64_t		*sig;
	uint8_t			*flag;
	uint32_t		*slot;		/* state + 1; 0 is empty */
	size_t			 nslot;
	struct arc		*arc;
	size_t			 narc, arccap;
};

struct explorer {
	const struct cnet	*cn;
	struct space		 sp;
	size_t			 limit;
	int			 proviso;	/* expand fully on a cycle */
	int			 toolarge;
	int			 nomem;		/* toolarge for want of memory */
	uint32_t		 cut, cutedge, leftover, dead;
	uint8_t			 enabled[WF_MAX_STEPS];
	uint8_t			 cur[WF_MAX_EDGES], next[WF_MAX_EDGES];
};

/* realloc of n elements of size, or NULL with p left as it was: a
 * shortage of memory makes the check undecided (WF_TOO_LARGE), never
 * ends the worker. */
static void *
grow(void *p, size_t n, size_t size)
{
	if (n == 0)
		n = 1;
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return realloc(p, n * size);
}

static int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The step index of key, or ST_START, ST_END, ST_NONE. */
static int
resolve(const struct wf_net *net, const char *key)
{
	size_t	 i;

	if (key == NULL)
		return ST_NONE;
	if (strcmp(key, WF_START) == 0)
		return ST_START;
	if (strcmp(key, WF_END) == 0)
		return ST_END;
	for (i = 0; i < net->nsteps; i++)
		if (streq(net->steps[i].key, key))
			return (int)i;
	return ST_NONE;
}

/*
 * Resolve net into cn.  Returns -1 when the net is missing or exceeds
 * WF_MAX_STEPS or WF_MAX_EDGES; unknown keys resolve to ST_NONE, whose
 * edges are never consumed.
 */
static int
cnet_make(const struct wf_net *net, struct cnet *cn)
{
	const struct wf_edge	*ed;
	size_t			 s, e, k, n;
	int			 hit;

	if (net == NULL || net->nsteps > WF_MAX_STEPS ||
	    net->nedges > WF_MAX_EDGES ||
	    (net->nsteps > 0 && net->steps == NULL) ||
	    (net->nedges > 0 && net->edges == NULL))
		return -1;
	cn->net = net;
	cn->ns = net->nsteps;
	cn->ne = net->nedges;
	for (e = 0; e < cn->ne; e++) {
		cn->src[e] = resolve(net, net->edges[e].from);
		cn->dst[e] = resolve(net, net->edges[e].to);
	}
	for (k = 0; k < NLIST; k++) {
		n = 0;
		for (s = 0; s < cn->ns; s++) {
			cn->off[k][s] = n;
			for (e = 0; e < cn->ne; e++) {
				ed = &net->edges[e];
				if (k == FIN || k == RIN)
					hit = cn->dst[e] == (int)s &&
					    (ed->back != 0) == (k == RIN);
				else
					hit = cn->src[e] == (int)s &&
					    (ed->back != 0) == (k == ROUT);
				if (hit)
					cn->list[k][n++] = e;
			}
		}
		cn->off[k][cn->ns] = n;
	}
	cn->nm = 0;
	for (s = 0; s < cn->ns; s++) {
		cn->mfirst[s] = cn->nm;
		if (cn->off[FIN][s + 1] > cn->off[FIN][s]) {
			cn->mstep[cn->nm] = s;
			cn->medge[cn->nm++] = -1;
		}
		for (k = cn->off[RIN][s]; k < cn->off[RIN][s + 1]; k++) {
			cn->mstep[cn->nm] = s;
			cn->medge[cn->nm++] = cn->list[RIN][k];
		}
	}
	cn->mfirst[cn->ns] = cn->nm;
	return 0;
}

static size_t
nlist(const struct cnet *cn, int k, size_t s)
{
	return cn->off[k][s + 1] - cn->off[k][s];
}

static int
mode_enabled(const struct cnet *cn, size_t c, const uint8_t *m)
{
	size_t	 s = cn->mstep[c], k;

	if (cn->medge[c] >= 0)
		return m[cn->medge[c]] > 0;
	for (k = cn->off[FIN][s]; k < cn->off[FIN][s + 1]; k++)
		if (m[cn->list[FIN][k]] == 0)
			return 0;
	return 1;
}

static size_t
mode_ways(const struct cnet *cn, size_t c)
{
	return 1 + nlist(cn, ROUT, cn->mstep[c]);
}

/*
 * Fire mode c of its step the given way from m into out (ne bytes, may not
 * alias m).  Returns -1 when a count would exceed TOKEN_CAP.
 */
static int
mode_fire(const struct cnet *cn, size_t c, size_t way, const uint8_t *m,
    uint8_t *out)
{
	size_t	 s = cn->mstep[c], k;
	uint8_t	 e;

	memcpy(out, m, cn->ne);
	if (cn->medge[c] >= 0)
		out[cn->medge[c]]--;
	else
		for (k = cn->off[FIN][s]; k < cn->off[FIN][s + 1]; k++)
			out[cn->list[FIN][k]]--;
	if (way == 0) {
		for (k = cn->off[FOUT][s]; k < cn->off[FOUT][s + 1]; k++) {
			e = cn->list[FOUT][k];
			if (out[e] == TOKEN_CAP)
				return -1;
			out[e]++;
		}
	} else {
		e = cn->list[ROUT][cn->off[ROUT][s] + way - 1];
		if (out[e] == TOKEN_CAP)
			return -1;
		out[e]++;
	}
	return 0;
}

/*
 * The mode step s fires in when the engine moves it: its forward inputs
 * when all hold a token, else the first return edge into it holding one.
 * -1 when s is not enabled.
 */
static int
mode_of(const struct cnet *cn, size_t s, const uint8_t *m)
{
	size_t	 c;

	for (c = cn->mfirst[s]; c < cn->mfirst[s + 1]; c++)
		if (mode_enabled(cn, c, m))
			return c;
	return -1;
}

static int
complete(const struct cnet *cn, const uint8_t *m)
{
	size_t	 e;
	unsigned end = 0;

	for (e = 0; e < cn->ne; e++) {
		if (m[e] == 0)
			continue;
		if (cn->dst[e] != ST_END)
			return 0;
		end += m[e];
	}
	return end == 1;
}

static void
initial(const struct cnet *cn, uint8_t *m)
{
	size_t	 e;

	for (e = 0; e < cn->ne; e++)
		m[e] = cn->src[e] == ST_START;
}

/* The name a reason gives a step (or 开始, 结束). */
static const char *
nm(const struct wf_net *net, int s)
{
	const struct wf_step	*st;

	if (s == ST_START)
		return "开始";
	if (s == ST_END)
		return "结束";
	if (s < 0)
		return "?";
	st = &net->steps[s];
	return st->name != NULL && st->name[0] != '\0' ? st->name : st->key;
}

/* The reason when memory ran short: undecided, like a check too large. */
#define NOMEM	"服务器暂时内存不足，流程检查没有完成，请稍后再试。"

/*
 * Set the verdict, the step named (a key of the net, or NULL) and the
 * reason, cut at a character boundary when too long.
 */
static enum wf_verdict
say(struct wf_result *res, enum wf_verdict v, const char *step,
    const char *fmt, ...)
{
	va_list	 ap;
	int	 len;
	size_t	 i, n, need;
	unsigned char c;

	res->verdict = v;
	res->step = step;
	va_start(ap, fmt);
	len = vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
	if (len < 0)
		res->reason[0] = '\0';
	else if ((size_t)len >= sizeof(res->reason)) {
		n = sizeof(res->reason) - 1;
		for (i = n; i > 0 && i + 4 > n; i--) {
			c = res->reason[i - 1];
			if ((c & 0xc0) == 0x80)
				continue;
			need = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 :
			    2;
			if (i - 1 + need > n)
				res->reason[i - 1] = '\0';
			break;
		}
	}
	return v;
}

/* Malformed definitions, in the order the reasons are reported. */
static enum wf_verdict
check_form(const struct wf_net *net, struct wf_result *res)
{
	const struct wf_edge	*ed;
	size_t			 i, j, nstart, nend;
	int			 s, t;
	const char		*bad;

	if (net == NULL || (net->nsteps > 0 && net->steps == NULL) ||
	    (net->nedges > 0 && net->edges == NULL))
		return say(res, WF_MALFORMED, NULL, "流程定义是空的。");
	if (net->nsteps == 0)
		return say(res, WF_MALFORMED, NULL,
		    "流程还没有任何环节，请先添加受理等环节。");
	if (net->nsteps > WF_MAX_STEPS)
		return say(res, WF_MALFORMED, NULL,
		    "流程有 %zu 个环节，最多只能有 %d 个，请合并部分环节。",
		    net->nsteps, WF_MAX_STEPS);
	if (net->nedges > WF_MAX_EDGES)
		return say(res, WF_MALFORMED, NULL,
		    "流程有 %zu 条连线，最多只能有 %d 条，请简化流程。",
		    net->nedges, WF_MAX_EDGES);
	for (i = 0; i < net->nsteps; i++) {
		bad = net->steps[i].key;
		if (bad == NULL || bad[0] == '\0')
			return say(res, WF_MALFORMED, NULL,
			    "第 %zu 个环节没有编号，请为它填写编号。", i + 1);
		if (streq(bad, WF_START) || streq(bad, WF_END))
			return say(res, WF_MALFORMED, bad,
			    "环节「%s」的编号“%s”是保留字，请改用其他编号。",
			    nm(net, i), bad);
	}
	for (i = 0; i < net->nedges; i++) {
		ed = &net->edges[i];
		if (ed->from == NULL || ed->to == NULL)
			return say(res, WF_MALFORMED, NULL,
			    "第 %zu 条连线缺少起点或终点，请补全或删除它。",
			    i + 1);
		if (resolve(net, ed->from) == ST_NONE)
			bad = ed->from;
		else if (resolve(net, ed->to) == ST_NONE)
			bad = ed->to;
		else
			continue;
		return say(res, WF_MALFORMED, NULL,
		    "连线“%s → %s”用到了不存在的环节“%s”，"
		    "请先添加这个环节或改正连线。", ed->from, ed->to, bad);
	}
	for (i = 0; i < net->nsteps; i++)
		for (j = i + 1; j < net->nsteps; j++)
			if (streq(net->steps[i].key, net->steps[j].key))
				return say(res, WF_MALFORMED,
				    net->steps[j].key,
				    "「%s」和「%s」用了同一个编号“%s”，"
				    "请给它们不同的编号。",
				    nm(net, i), nm(net, j), net->steps[j].key);
	nstart = 0;
	for (i = 0; i < net->nedges; i++)
		if (streq(net->edges[i].from, WF_START))
			nstart++;
	if (nstart == 0)
		return say(res, WF_MALFORMED, NULL,
		    "流程没有起点：没有从“开始”出发的连线。"
		    "请把“开始”连到第一个环节（通常是受理）。");
	if (nstart > 1) {
		for (i = 0, j = 0; i < net->nedges; i++)
			if (streq(net->edges[i].from, WF_START) && ++j == 2)
				break;
		t = resolve(net, net->edges[i].to);
		return say(res, WF_MALFORMED,
		    t >= 0 ? net->steps[t].key : NULL,
		    "从“开始”出发的连线有 %zu 条（第二条连到「%s」），"
		    "只能有一条：请只把“开始”连到受理环节，"
		    "由它再分出并联的环节。", nstart, nm(net, t));
	}
	for (i = 0; i < net->nedges; i++) {
		ed = &net->edges[i];
		s = resolve(net, ed->from);
		t = resolve(net, ed->to);
		if (t == ST_START)
			return say(res, WF_MALFORMED,
			    s >= 0 ? net->steps[s].key : NULL,
			    "「%s」有连线指回“开始”。要重新办理请用回退连线"
			    "退到受理环节。", nm(net, s));
		if (s == ST_END)
			return say(res, WF_MALFORMED,
			    t >= 0 ? net->steps[t].key : NULL,
			    "“结束”之后不能再有连线（这里连到了「%s」），"
			    "请删除这条连线。", nm(net, t));
		if (s == ST_START && ed->back)
			return say(res, WF_MALFORMED, NULL,
			    "从“开始”出发的连线不能是回退连线，"
			    "请改为普通连线。");
		if (s == ST_START && t == ST_END)
			return say(res, WF_MALFORMED, NULL,
			    "“开始”直接连到了“结束”，中间没有任何环节。"
			    "请把“开始”连到受理环节。");
	}
	nend = 0;
	for (i = 0; i < net->nedges; i++)
		if (streq(net->edges[i].to, WF_END))
			nend++;
	if (nend == 0)
		return say(res, WF_MALFORMED, NULL,
		    "流程没有终点：没有任何环节连到“结束”。请把最后一个环节"
		    "（通常是批准或送达）连到“结束”。");
	for (i = 0; i < net->nedges; i++) {
		ed = &net->edges[i];
		if (ed->back && streq(ed->to, WF_END)) {
			s = resolve(net, ed->from);
			return say(res, WF_MALFORMED, net->steps[s].key,
			    "「%s」的回退连线连到了“结束”：回退只能退回到"
			    "之前的某个环节，请改正它的目标。", nm(net, s));
		}
	}
	for (i = 0; i < net->nsteps; i++) {
		for (j = 0; j < net->nedges; j++)
			if (!net->edges[j].back &&
			    streq(net->edges[j].from, net->steps[i].key))
				break;
		if (j == net->nedges)
			return say(res, WF_MALFORMED, net->steps[i].key,
			    "「%s」没有向后的连线，案件到了这里就会一直停住。"
			    "请把它连到下一个环节或“结束”。", nm(net, i));
	}
	return WF_SOUND;
}

/* Steps nobody can act in. */
static enum wf_verdict
check_staff(const struct wf_net *net, struct wf_result *res)
{
	const struct wf_step	*st;
	char			 roles[128];
	const char		*label, *dept;
	size_t			 i, len;
	unsigned		 bit;

	for (i = 0; i < net->nsteps; i++) {
		st = &net->steps[i];
		if (st->role == 0)
			return say(res, WF_UNSTAFFED, st->key,
			    "「%s」环节没有指定由什么角色办理，"
			    "请先为它选择角色。", nm(net, i));
		if (st->staffed)
			continue;
		roles[0] = '\0';
		for (bit = 1; bit != 0; bit <<= 1) {
			if ((st->role & bit) == 0)
				continue;
			label = account_role_label(bit);
			if (label[0] == '\0')
				continue;
			len = strlen(roles);
			if (len + strlen(label) + 4 >= sizeof(roles))
				break;
			snprintf(roles + len, sizeof(roles) - len, "%s%s",
			    len ? "或" : "", label);
		}
		dept = st->dept_label != NULL && st->dept_label[0] != '\0' ?
		    st->dept_label : st->dept != NULL && st->dept[0] != '\0' ?
		    st->dept : "未指定部门";
		if (st->recusal)
			return say(res, WF_UNSTAFFED, st->key,
			    "「%s」环节没有可办理的人：按回避规定，同一件申请"
			    "的各环节须由不同的人办理，%s具有%s角色的在用人员"
			    "不够，请再配备人员。", nm(net, i), dept,
			    roles[0] ? roles : "所需");
		return say(res, WF_UNSTAFFED, st->key,
		    "「%s」环节没有人具有%s角色（%s），"
		    "请先在组织机构中配备人员。", nm(net, i),
		    roles[0] ? roles : "所需", dept);
	}
	return WF_SOUND;
}

static uint32_t
mhash(const uint8_t *m, size_t ne)
{
	uint32_t h = 2166136261u;
	size_t	 i;

	for (i = 0; i < ne; i++) {
		h ^= m[i];
		h *= 16777619u;
	}
	return h;
}

static const uint8_t *
space_mark(const struct space *sp, uint32_t id)
{
	return sp->mark + (size_t)id * sp->ne;
}

static uint32_t
space_find(const struct space *sp, const uint8_t *m, uint32_t h)
{
	size_t	 i, mask;
	uint32_t id;

	if (sp->nslot == 0)
		return NOSTATE;
	mask = sp->nslot - 1;
	for (i = h & mask; sp->slot[i] != 0; i = (i + 1) & mask) {
		id = sp->slot[i] - 1;
		if (sp->hash[id] == h &&
		    memcmp(space_mark(sp, id), m, sp->ne) == 0)
			return id;
	}
	return NOSTATE;
}

static void
space_index(struct space *sp, uint32_t id)
{
	size_t	 i, mask = sp->nslot - 1;

	for (i = sp->hash[id] & mask; sp->slot[i] != 0; i = (i + 1) & mask)
		continue;
	sp->slot[i] = id + 1;
}

/* Room for cap states in every array of sp: 0, or -1 (sp unchanged
 * but for arrays already grown). */
static int
space_reserve(struct space *sp, size_t cap)
{
	void	*p;

#define RESERVE(a, n) do {						\
	if ((p = grow((a), (n), sizeof(*(a)))) == NULL)			\
		return -1;						\
	(a) = p;							\
} while (0)
	RESERVE(sp->mark, cap * sp->ne);
	RESERVE(sp->hash, cap);
	RESERVE(sp->parent, cap);
	RESERVE(sp->level, cap);
	RESERVE(sp->sum, cap);
	RESERVE(sp->sig, cap);
	RESERVE(sp->flag, cap);
#undef RESERVE
	sp->cap = cap;
	return 0;
}

/* Add marking m (not yet present) with hash h; returns its number, or
 * NOSTATE when memory runs short. */
static uint32_t
space_add(struct space *sp, const uint8_t *m, uint32_t h, uint32_t parent)
{
	uint32_t *slot, id;
	size_t	  e, nslot;

	if (sp->n == sp->cap &&
	    space_reserve(sp, sp->cap ? sp->cap * 2 : 64) == -1)
		return NOSTATE;
	if ((sp->n + 1) * 2 > sp->nslot) {
		nslot = sp->nslot ? sp->nslot * 2 : 128;
		if ((slot = grow(NULL, nslot, sizeof(*slot))) == NULL)
			return NOSTATE;
		free(sp->slot);
		sp->slot = slot;
		sp->nslot = nslot;
		memset(sp->slot, 0, sp->nslot * sizeof(*sp->slot));
		for (id = 0; id < sp->n; id++)
			space_index(sp, id);
	}
	id = sp->n++;
	memcpy(sp->mark + (size_t)id * sp->ne, m, sp->ne);
	sp->hash[id] = h;
	sp->parent[id] = parent;
	sp->level[id] = parent == NOSTATE ? 0 : sp->level[parent] + 1;
	sp->sum[id] = 0;
	sp->sig[id] = 0;
	sp->flag[id] = 0;
	for (e = 0; e < sp->ne; e++) {
		sp->sum[id] += m[e];
		if (m[e])
			sp->sig[id] |= (uint64_t)1 << (e & 63);
	}
	space_index(sp, id);
	return id;
}

static size_t
space_bytes(const struct space *sp)
{
	return sp->cap * (sp->ne + 4 * 3 + 2 + 8 + 1) + sp->nslot * 4 +
	    sp->arccap * sizeof(struct arc);
}

static void
space_free(struct space *sp)
{
	free(sp->mark);
	free(sp->hash);
	free(sp->parent);
	free(sp->level);
	free(sp->sum);
	free(sp->sig);
	free(sp->flag);
	free(sp->slot);
	free(sp->arc);
	memset(sp, 0, sizeof(*sp));
}

/* 1 when state a's marking is strictly less than state b's. */
static int
covered(const struct space *sp, uint32_t a, uint32_t b)
{
	const uint8_t	*ma, *mb;
	size_t		 e;

	if (sp->sum[a] >= sp->sum[b] || (sp->sig[a] & ~sp->sig[b]) != 0)
		return 0;
	ma = space_mark(sp, a);
	mb = space_mark(sp, b);
	for (e = 0; e < sp->ne; e++)
		if (ma[e] > mb[e])
			return 0;
	return 1;
}

/*
 * Note what a new state shows: a count at the cap, or a marking strictly
 * above one on its own path from the initial marking (the same firings
 * can then repeat forever), cuts it; "end" reached with other tokens left
 * is a leftover.
 */
static void
note(struct explorer *x, uint32_t id)
{
	struct space	*sp = &x->sp;
	const uint8_t	*m = space_mark(sp, id), *ma;
	size_t		 e, pile = 0;
	unsigned	 end = 0;
	uint32_t	 a;
	int		 cut = 0;

	for (e = 0; e < sp->ne; e++) {
		if (m[e] == TOKEN_CAP && !cut) {
			cut = 1;
			pile = e;
		}
		if (x->cn->dst[e] == ST_END)
			end += m[e];
	}
	if (end >= 1 && sp->sum[id] >= 2) {
		sp->flag[id] |= F_LEFTOVER;
		if (x->leftover == NOSTATE)
			x->leftover = id;
	}
	for (a = sp->parent[id]; !cut && a != NOSTATE; a = sp->parent[a]) {
		if (!covered(sp, a, id))
			continue;
		ma = space_mark(sp, a);
		m = space_mark(sp, id);
		for (pile = 0; pile < sp->ne && m[pile] <= ma[pile]; pile++)
			continue;
		cut = 1;
	}
	if (cut) {
		sp->flag[id] |= F_CUT;
		if (x->cut == NOSTATE) {
			x->cut = id;
			x->cutedge = pile;
		}
	}
}

/*
 * The state of marking m reached from state from (NOSTATE: the initial
 * marking); *old is set when it was known.  NOSTATE when a bound stops the
 * exploration.
 */
static uint32_t
visit(struct explorer *x, uint32_t from, const uint8_t *m, int *old)
{
	struct space	*sp = &x->sp;
	uint32_t	 h, id;

	h = mhash(m, sp->ne);
	if ((id = space_find(sp, m, h)) != NOSTATE) {
		*old = 1;
		return id;
	}
	*old = 0;
	if (sp->n >= x->limit || space_bytes(sp) > CHECK_BYTES) {
		x->toolarge = 1;
		return NOSTATE;
	}
	if ((id = space_add(sp, m, h, from)) == NOSTATE) {
		x->toolarge = x->nomem = 1;
		return NOSTATE;
	}
	note(x, id);
	return id;
}

/*
 * Fire mode c every way from x->cur (the marking of state s), adding the
 * states and transitions.  *back is set when a successor was already known
 * at a level no deeper than s.  Returns -1 when a bound stops it.
 */
static int
successors(struct explorer *x, uint32_t s, size_t c, int *back)
{
	struct space	*sp = &x->sp;
	struct arc	*arc;
	size_t		 w, ways = mode_ways(x->cn, c);
	uint32_t	 t;
	int		 old;

	for (w = 0; w < ways; w++) {
		/* States at the cap are cut before they fire, so this
		 * cannot be; if it were, the check stays undecided. */
		if (mode_fire(x->cn, c, w, x->cur, x->next) == -1)
			return -1;
		if ((t = visit(x, s, x->next, &old)) == NOSTATE)
			return -1;
		if (old && sp->level[t] <= sp->level[s])
			*back = 1;
		if (sp->narc == sp->arccap) {
			if (space_bytes(sp) > CHECK_BYTES) {
				x->toolarge = 1;
				return -1;
			}
			if ((arc = grow(sp->arc, sp->arccap ? sp->arccap * 2 :
			    256, sizeof(*arc))) == NULL) {
				x->toolarge = x->nomem = 1;
				return -1;
			}
			sp->arc = arc;
			sp->arccap = sp->arccap ? sp->arccap * 2 : 256;
		}
		sp->arc[sp->narc].from = s;
		sp->arc[sp->narc].to = t;
		sp->arc[sp->narc++].step = x->cn->mstep[c];
	}
	return 0;
}

/*
 * Expand state s: fire one enabled mode (the one with fewest ways) every
 * way.  With the proviso, fire all the others too when one of those
 * successors closes a cycle (level no deeper than s), so that no cycle of
 * the reduced graph passes over a step enabled all along.  Returns -1 when
 * a bound stops it.
 */
static int
expand(struct explorer *x, uint32_t s)
{
	const struct cnet *cn = x->cn;
	struct space	*sp = &x->sp;
	uint16_t	 en[MAX_MODES];
	size_t		 c, k, nen = 0, best = 0;
	int		 back = 0;

	memcpy(x->cur, space_mark(sp, s), cn->ne);
	for (c = 0; c < cn->nm; c++) {
		if (!mode_enabled(cn, c, x->cur))
			continue;
		x->enabled[cn->mstep[c]] = 1;
		if (nen == 0 || mode_ways(cn, c) < mode_ways(cn, en[best]))
			best = nen;
		en[nen++] = c;
	}
	if (nen == 0) {
		if (!complete(cn, x->cur) && !(sp->flag[s] & F_LEFTOVER) &&
		    x->dead == NOSTATE)
			x->dead = s;
		sp->flag[s] |= F_EXPANDED;
		return 0;
	}
	if (successors(x, s, en[best], &back) == -1)
		return -1;
	if (back && x->proviso)
		for (k = 0; k < nen; k++)
			if (k != best && successors(x, s, en[k], &back) == -1)
				return -1;
	sp->flag[s] |= F_EXPANDED;
	return 0;
}

static unsigned long
elapsed_ms(const struct timespec *t0)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (unsigned long)(t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Breadth first over the reduced graph of cn into a new explorer, within
 * max_states and max_ms since t0 (0: no time bound); NULL when memory
 * runs short.
 */
static struct explorer *
explore(const struct cnet *cn, int proviso, size_t max_states,
    const struct timespec *t0, unsigned max_ms)
{
	struct explorer	*x;
	uint8_t		 m0[WF_MAX_EDGES];
	uint32_t	 s;
	int		 old;

	if ((x = grow(NULL, 1, sizeof(*x))) == NULL)
		return NULL;
	memset(x, 0, sizeof(*x));
	x->cn = cn;
	x->proviso = proviso;
	x->sp.ne = cn->ne;
	x->limit = max_states < UINT32_MAX - 1 ? max_states : UINT32_MAX - 1;
	if (x->limit == 0)
		x->limit = 1;
	x->cut = x->leftover = x->dead = NOSTATE;
	initial(x->cn, m0);
	(void)visit(x, NOSTATE, m0, &old);
	for (s = 0; s < x->sp.n; s++) {
		if (max_ms != 0 && (s & 255) == 255 &&
		    elapsed_ms(t0) >= max_ms) {
			x->toolarge = 1;
			break;
		}
		if (x->sp.flag[s] & F_CUT)
			continue;
		if (expand(x, s) == -1)
			break;
	}
	return x;
}

static void
explorer_free(struct explorer *x)
{
	space_free(&x->sp);
	free(x);
}

/* A step never enabled; reasons name a root cause when there is one. */
static enum wf_verdict
judge_unreachable(const struct explorer *x, struct wf_result *res)
{
	const struct cnet	*cn = x->cn;
	const struct wf_net	*net = cn->net;
	char			 list[300];
	size_t			 s, k, e, len, pick = SIZE_MAX;
	int			 from, blocked;

	for (s = 0; s < cn->ns; s++) {
		if (x->enabled[s])
			continue;
		if (pick == SIZE_MAX)
			pick = s;
		blocked = 0;
		for (e = 0; e < cn->ne; e++)
			if (cn->dst[e] == (int)s && cn->src[e] >= 0 &&
			    !x->enabled[cn->src[e]])
				blocked = 1;
		if (!blocked) {
			pick = s;
			break;
		}
	}
	if (pick == SIZE_MAX)
		return WF_SOUND;
	s = pick;
	if (nlist(cn, FIN, s) + nlist(cn, RIN, s) == 0)
		return say(res, WF_UNREACHABLE, net->steps[s].key,
		    "「%s」没有任何连线通向它，永远不会被办理。"
		    "请把前面的环节连到它，或删除这个环节。", nm(net, s));
	for (e = 0; e < cn->ne; e++)
		if (cn->dst[e] == (int)s && cn->src[e] >= 0 &&
		    !x->enabled[cn->src[e]])
			return say(res, WF_UNREACHABLE, net->steps[s].key,
			    "「%s」只能由同样不会被办理的「%s」送达，"
			    "永远不会被办理。请把它们连到流程的主线上，"
			    "或删除它们。", nm(net, s), nm(net, cn->src[e]));
	list[0] = '\0';
	for (k = cn->off[FIN][s]; k < cn->off[FIN][s + 1]; k++) {
		from = cn->src[cn->list[FIN][k]];
		len = strlen(list);
		if (len + strlen(nm(net, from)) + 12 >= sizeof(list))
			break;
		snprintf(list + len, sizeof(list) - len, "%s「%s」",
		    len ? "、" : "", nm(net, from));
	}
	return say(res, WF_UNREACHABLE, net->steps[s].key,
	    "「%s」要等%s都完成才能办理，但这几路永远不会同时到达，"
	    "所以「%s」永远不会被办理。请检查通向它的连线。",
	    nm(net, s), list, nm(net, s));
}

static enum wf_verdict
judge_leftover(const struct explorer *x, struct wf_result *res)
{
	const struct cnet	*cn = x->cn;
	const uint8_t		*m = space_mark(&x->sp, x->leftover);
	size_t			 e;

	for (e = 0; e < cn->ne; e++)
		if (m[e] && cn->dst[e] >= 0)
			return say(res, WF_LEFTOVER,
			    cn->net->steps[cn->dst[e]].key,
			    "案件到达“结束”时，「%s」还有待办没有完成"
			    "（它那一路没有汇合回来）。请用一个汇合环节把所有"
			    "并联的分支合到一起，再连到“结束”。",
			    nm(cn->net, cn->dst[e]));
	for (e = 0; e < cn->ne; e++)
		if (m[e] && (m[e] > 1 || x->sp.sum[x->leftover] > m[e]))
			break;
	if (e == cn->ne || cn->src[e] < 0)
		return say(res, WF_LEFTOVER, NULL,
		    "案件会不止一次到达“结束”。请用一个汇合环节把所有并联"
		    "的分支合到一起，再连到“结束”。");
	return say(res, WF_LEFTOVER, cn->net->steps[cn->src[e]].key,
	    "案件会不止一次到达“结束”（「%s」那一路又到了一次）。"
	    "请用一个汇合环节把所有并联的分支合到一起，再连到“结束”。",
	    nm(cn->net, cn->src[e]));
}

static enum wf_verdict
judge_deadlock(const struct explorer *x, struct wf_result *res)
{
	const struct cnet	*cn = x->cn;
	const struct wf_net	*net = cn->net;
	const uint8_t		*m = space_mark(&x->sp, x->dead);
	size_t			 s, k, marked, missing;
	int			 from = ST_NONE;

	for (s = 0; s < cn->ns; s++) {
		marked = missing = 0;
		for (k = cn->off[FIN][s]; k < cn->off[FIN][s + 1]; k++) {
			if (m[cn->list[FIN][k]])
				marked++;
			else if (missing++ == 0)
				from = cn->src[cn->list[FIN][k]];
		}
		if (marked > 0 && missing > 0)
			return say(res, WF_DEADLOCK, net->steps[s].key,
			    "「%s」要等所有并联的环节都完成，但「%s」那一路"
			    "永远到不了，案件会一直停在这里。请检查回退是否只"
			    "退回了并联中的一路（应退到分支之前），或删去多余"
			    "的汇合连线。", nm(net, s), nm(net, from));
	}
	return say(res, WF_DEADLOCK, NULL,
	    "案件会在某处停住，没有任何环节可以继续办理。"
	    "请检查汇合环节的连线。");
}

/*
 * States from which no complete marking is reachable, by going backwards
 * from the complete ones (and from those not explored, which might reach
 * one).  Names the steps of a cycle such a state must fall into.
 */
static enum wf_verdict
judge_noend(const struct explorer *x, struct wf_result *res)
{
	const struct cnet	*cn = x->cn;
	const struct space	*sp = &x->sp;
	uint32_t		*roff, *rarc, *foff, *queue, *pos;
	uint8_t			*good, seen[WF_MAX_STEPS];
	char			 list[300];
	size_t			 i, n = sp->n, head, tail, len, k, nsteps;
	uint32_t		 s, u, bad = NOSTATE, at;
	const char		*name;
	enum wf_verdict		 v = WF_SOUND;

	roff = grow(NULL, n + 1, sizeof(*roff));
	foff = grow(NULL, n + 1, sizeof(*foff));
	rarc = grow(NULL, sp->narc, sizeof(*rarc));
	queue = grow(NULL, n, sizeof(*queue));
	good = grow(NULL, n, 1);
	if (roff == NULL || foff == NULL || rarc == NULL || queue == NULL ||
	    good == NULL) {
		v = say(res, WF_TOO_LARGE, NULL, NOMEM);
		goto out;
	}
	memset(roff, 0, (n + 1) * sizeof(*roff));
	memset(foff, 0, (n + 1) * sizeof(*foff));
	for (i = 0; i < sp->narc; i++) {
		roff[sp->arc[i].to + 1]++;
		foff[sp->arc[i].from + 1]++;
	}
	for (i = 0; i < n; i++) {
		roff[i + 1] += roff[i];
		foff[i + 1] += foff[i];
	}
	/* Fill rarc, with queue as the cursor of each state's run. */
	for (i = 0; i < n; i++)
		queue[i] = roff[i];
	for (i = 0; i < sp->narc; i++)
		rarc[queue[sp->arc[i].to]++] = i;
	head = tail = 0;
	for (s = 0; s < n; s++) {
		good[s] = !(sp->flag[s] & F_EXPANDED) ||
		    complete(cn, space_mark(sp, s));
		if (good[s])
			queue[tail++] = s;
	}
	while (head < tail) {
		s = queue[head++];
		for (i = roff[s]; i < roff[s + 1]; i++) {
			u = sp->arc[rarc[i]].from;
			if (!good[u]) {
				good[u] = 1;
				queue[tail++] = u;
			}
		}
	}
	for (s = 0; s < n && bad == NOSTATE; s++)
		if (!good[s])
			bad = s;
	if (bad == NOSTATE)
		goto out;
	/* Follow the first transition out until a state repeats. */
	pos = queue;
	for (s = 0; s < n; s++)
		pos[s] = NOSTATE;
	for (u = bad, at = 0; pos[u] == NOSTATE && foff[u] < foff[u + 1];
	    at++) {
		pos[u] = at;
		u = sp->arc[foff[u]].to;
	}
	memset(seen, 0, sizeof(seen));
	list[0] = '\0';
	name = NULL;
	nsteps = 0;
	/* Walk the cycle from u once more, collecting its steps. */
	s = u;
	do {
		if (foff[s] == foff[s + 1])
			break;
		k = sp->arc[foff[s]].step;
		if (name == NULL)
			name = cn->net->steps[k].key;
		if (!seen[k]) {
			seen[k] = 1;
			nsteps++;
			len = strlen(list);
			if (len + strlen(nm(cn->net, k)) + 12 < sizeof(list))
				snprintf(list + len, sizeof(list) - len,
				    "%s「%s」", len ? "、" : "",
				    nm(cn->net, k));
		}
		s = sp->arc[foff[s]].to;
	} while (s != u);
	v = say(res, WF_NO_END, name,
	    "%s%s会无休止地循环流转，案件一旦进入这个回路就永远到不了"
	    "“结束”。请为这个回路加上通往后续环节或“结束”的出口。",
	    list[0] ? list : "某些环节", nsteps > 1 ? "之间" : "");
out:
	free(roff);
	free(foff);
	free(rarc);
	free(queue);
	free(good);
	return v;
}

/*
 * The verdict from what explorer x saw, in the order of wfnet.h's enum;
 * UNREACHABLE only when unreach is set and everything was explored.
 */
static enum wf_verdict
judge(const struct explorer *x, int unreach, struct wf_result *res)
{
	const struct cnet	*cn = x->cn;
	const struct wf_net	*net = cn->net;
	enum wf_verdict		 v;
	int			 s;

	res->states = x->sp.n;
	if (unreach && !x->toolarge && x->cut == NOSTATE &&
	    (v = judge_unreachable(x, res)) != WF_SOUND)
		return v;
	if (x->leftover != NOSTATE)
		return judge_leftover(x, res);
	if (x->dead != NOSTATE)
		return judge_deadlock(x, res);
	if ((v = judge_noend(x, res)) != WF_SOUND)
		return v;
	if (x->cut != NOSTATE) {
		s = cn->dst[x->cutedge] >= 0 ? cn->dst[x->cutedge] :
		    cn->src[x->cutedge];
		return say(res, WF_UNBOUNDED, s >= 0 ? net->steps[s].key : NULL,
		    "「%s」的待办会越积越多：有一个回路不断地重复送达它，"
		    "常见原因是并联分支中的回退退到了分支之前。"
		    "请把回退改为退到整个并联之前或汇合之后的环节。",
		    nm(net, s));
	}
	if (x->nomem)
		return say(res, WF_TOO_LARGE, NULL, NOMEM);
	if (x->toolarge)
		return say(res, WF_TOO_LARGE, NULL,
		    "流程过于复杂：已检查 %zu 个状态仍未完成，"
		    "请简化后再发布。", res->states);
	return say(res, WF_SOUND, NULL, "流程检查通过。");
}

/*
 * Check net before it may be published.
 *
 * The markings are explored as a reduced graph: from each, only the
 * firings of one enabled mode.  Modes never share an input place, so
 * firing one leaves every other enabled and unchanged.  Hence:
 *   - every dead marking stays reachable: DEADLOCK and the complete
 *     markings (dead too) are exact;
 *   - a path to a complete marking can be reordered into the reduced
 *     graph (no mode left out of it can be enabled at a dead end), so a
 *     reduced state that cannot complete is a real one, and when every
 *     reduced state can complete, every real one can (follow the path
 *     the real one took, firing the left-out modes towards completion);
 *   - once every state can complete, a step enabled anywhere fires on a
 *     path to completion, which the reduced graph holds: UNREACHABLE is
 *     exact; and no leftover or unbounded marking exists.
 * So this first pass settles soundness.  When it finds a fault, a second
 * pass fully expands every marking that closes a cycle, so no cycle
 * starves a step (the cycle proviso); that graph also keeps every step
 * ever enabled and every leftover marking, and gives the verdicts in
 * wfnet.h's order.  When the second pass runs out of states or time, the
 * first pass's verdict stands, leaving out UNREACHABLE.
 *
 * The modes of one step are free choices here, while wf_fire prefers the
 * forward inputs; the two agree wherever no step is enabled twice over,
 * as in every sound net (sound free-choice nets are safe).
 */
enum wf_verdict
wf_check(const struct wf_net *net, size_t max_states, unsigned max_ms,
    struct wf_result *res)
{
	struct wf_result	 local, first;
	struct timespec		 t0;
	struct explorer		*x;
	struct cnet		*cn;
	enum wf_verdict		 v;

	if (res == NULL)
		res = &local;
	memset(res, 0, sizeof(*res));
	if ((v = check_form(net, res)) != WF_SOUND)
		return v;
	if ((v = check_staff(net, res)) != WF_SOUND)
		return v;
	if ((cn = grow(NULL, 1, sizeof(*cn))) == NULL)
		return say(res, WF_TOO_LARGE, NULL, NOMEM);
	/* check_form() refused all that cnet_make() does; were it not so,
	 * the net is called malformed, never a crash. */
	if (cnet_make(net, cn) == -1) {
		free(cn);
		return say(res, WF_MALFORMED, NULL, "流程无法转换为可检查的网络。");
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((x = explore(cn, 0, max_states, &t0, max_ms)) == NULL) {
		free(cn);
		return say(res, WF_TOO_LARGE, NULL, NOMEM);
	}
	memset(&first, 0, sizeof(first));
	v = judge(x, 0, &first);
	if (v == WF_SOUND || x->toolarge) {
		v = judge(x, 1, res);
		explorer_free(x);
		free(cn);
		return v;
	}
	explorer_free(x);
	if ((x = explore(cn, 1, max_states, &t0, max_ms)) == NULL) {
		free(cn);
		return say(res, WF_TOO_LARGE, NULL, NOMEM);
	}
	if (x->toolarge)
		*res = first;
	else
		(void)judge(x, 1, res);
	explorer_free(x);
	free(cn);
	return res->verdict;
}

void
wf_initial(const struct wf_net *net, struct wf_marking *m)
{
	size_t	 e;

	memset(m, 0, sizeof(*m));
	if (net == NULL || net->edges == NULL)
		return;
	for (e = 0; e < net->nedges && e < WF_MAX_EDGES; e++)
		if (streq(net->edges[e].from, WF_START))
			m->tokens[e] = 1;
}

int
wf_complete(const struct wf_net *net, const struct wf_marking *m)
{
	size_t	 e;
	unsigned end = 0;

	if (net == NULL || net->edges == NULL)
		return 0;
	for (e = 0; e < net->nedges && e < WF_MAX_EDGES; e++) {
		if (m->tokens[e] == 0)
			continue;
		if (!streq(net->edges[e].to, WF_END))
			return 0;
		end += m->tokens[e];
	}
	return end == 1;
}

int
wf_ways(const struct wf_net *net, const struct wf_marking *m, size_t i)
{
	struct cnet	 cn;

	if (cnet_make(net, &cn) == -1 || i >= cn.ns ||
	    mode_of(&cn, i, m->tokens) == -1)
		return 0;
	return 1 + nlist(&cn, ROUT, i);
}

/*
 * Fire step i in m the given way into out (which may be m).  The inputs
 * consumed are the forward ones when all hold a token, else the first
 * return edge into i (in edge order) holding one.  -1 when i is not
 * enabled, way is out of range, or a count would exceed 255.
 */
int
wf_fire(const struct wf_net *net, const struct wf_marking *m, size_t i,
    int way, struct wf_marking *out)
{
	struct cnet		 cn;
	struct wf_marking	 next;
	int			 c;

	if (cnet_make(net, &cn) == -1 || i >= cn.ns || way < 0 ||
	    (size_t)way > nlist(&cn, ROUT, i) ||
	    (c = mode_of(&cn, i, m->tokens)) == -1)
		return -1;
	next = *m;
	if (mode_fire(&cn, c, way, m->tokens, next.tokens) == -1)
		return -1;
	*out = next;
	return 0;
}

int
wf_step_index(const struct wf_net *net, const char *key)
{
	size_t	 i;

	if (net == NULL || net->steps == NULL)
		return -1;
	for (i = 0; i < net->nsteps; i++)
		if (streq(net->steps[i].key, key))
			return (int)i;
	return -1;
}

/*
 * Every reachable state breadth first, firing each enabled step each way
 * as wf_fire does.  Memory grows with the states, at most max + 1.
 */
long
wf_simulate(const struct wf_net *net, size_t max, wf_sim_cb cb, void *arg)
{
	struct cnet	*cn;
	struct space	 sp;
	uint8_t		 cur[WF_MAX_EDGES], next[WF_MAX_EDGES];
	char		*enabled;
	size_t		 s, i, w, ways, len, size, ntrans = 0;
	uint32_t	 h, t;
	const char	*way;
	int		 c;
	long		 rc;

	if ((cn = grow(NULL, 1, sizeof(*cn))) == NULL)
		return -1;
	if (cnet_make(net, cn) == -1) {
		free(cn);
		return -1;
	}
	memset(&sp, 0, sizeof(sp));
	sp.ne = cn->ne;
	for (size = 1, i = 0; i < cn->ns; i++)
		size += strlen(nm(net, i)) + strlen("、");
	if ((enabled = grow(NULL, size, 1)) == NULL) {
		free(cn);
		return -1;
	}
	initial(cn, cur);
	rc = space_add(&sp, cur, mhash(cur, sp.ne), NOSTATE) == NOSTATE ?
	    -1 : 0;
	for (s = 0; s < sp.n && rc == 0; s++) {
		memcpy(cur, space_mark(&sp, s), cn->ne);
		enabled[0] = '\0';
		for (i = 0, len = 0; i < cn->ns; i++)
			if (mode_of(cn, i, cur) != -1)
				len += snprintf(enabled + len, size - len,
				    "%s%s", len ? "、" : "", nm(net, i));
		for (i = 0; i < cn->ns && rc == 0; i++) {
			if ((c = mode_of(cn, i, cur)) == -1)
				continue;
			ways = mode_ways(cn, c);
			for (w = 0; w < ways; w++) {
				if (ntrans == max ||
				    mode_fire(cn, c, w, cur, next) == -1) {
					rc = -1;
					break;
				}
				h = mhash(next, sp.ne);
				if ((t = space_find(&sp, next, h)) == NOSTATE &&
				    (t = space_add(&sp, next, h, s)) == NOSTATE) {
					rc = -1;
					break;
				}
				way = w == 0 ? "forward" : nm(net, cn->dst[
				    cn->list[ROUT][cn->off[ROUT][i] + w - 1]]);
				ntrans++;
				if (cb != NULL)
					cb(arg, s, enabled, nm(net, i), way, t,
					    complete(cn, next));
			}
		}
	}
	if (rc == 0)
		rc = (long)sp.n;
	space_free(&sp);
	free(enabled);
	free(cn);
	return rc;
}
