/*
 * flowchart.c: a procedure (struct wf_net) drawn as an SVG picture.
 *
 * The layout is the usual layered drawing.  A depth-first search from
 * the start sets aside the forward edges that close a cycle, so what is
 * left is acyclic and layering terminates; nodes are layered by longest
 * path from the start, with the end below everything; an edge spanning
 * several layers passes through one dummy node per layer, so it never
 * runs through a box; a few barycentre sweeps order each layer (keeping
 * the order with fewest crossings); each layer is then placed as near its
 * neighbours' centres as the boxes' widths allow.  Edges between layers
 * are drawn orthogonally, jogging sideways in the gap between layers;
 * return edges (回退) and cycle edges run in lanes outside the drawing.
 *
 * Everything is allocated from the caller's pool; coordinates are whole
 * pixels of the viewBox.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "arena.h"
#include "flowchart.h"
#include "wfnet.h"

enum { N_START, N_STEP, N_END, N_DUMMY };
enum { E_FWD, E_CYCLE, E_RETURN };

#define FONT_NAME	15
#define FONT_SUB	12
#define FONT_PILL	14
#define LINE_NAME	20
#define LINE_SUB	16
#define PAD_X		14
#define PAD_X_NARROW	8	/* in layers of three boxes or more */
#define PAD_Y		9
#define BOX_MIN_W	112
#define BOX_MIN_W_NARROW 100
#define PILL_W		84
#define PILL_H		32
#define DUMMY_W		10
#define NODE_SEP	20
#define NODE_SEP_NARROW	12
#define GAP_MIN		44
#define MARGIN		12
#define MIN_WIDTH	360	/* a phone's width: text near 1:1 there */
#define LANE_FIRST	18	/* from the drawing to the first lane */
#define LANE_SEP	14
#define ESCAPE		14	/* a side route leaves a box this far,
				 * clear of arrowheads */
#define RADIUS		8	/* of a route's corners */
#define ARROW		9	/* arrowhead length; half width 4 */
#define MAX_LINES	6
#define SWEEPS		8

/* The palette: calm blue and grey, legible when printed in black. */
#define C_BOX_FILL	"#f5f8fb"
#define C_BOX_STROKE	"#5b7a99"
#define C_PILL_FILL	"#e6edf5"
#define C_NAME		"#1d2b3a"
#define C_SUB		"#4a5866"
#define C_EDGE		"#6b7c8f"
#define C_RETURN	"#9a5b34"
#define C_CUR_FILL	"#dcebfb"
#define C_CUR_STROKE	"#1f5fa8"

struct sbuf {
	struct pool	*pool;
	char		*p;
	size_t		 len, cap;
};

struct node {
	int		 kind;		/* N_START, N_STEP, N_END, N_DUMMY */
	int		 step;		/* index into net->steps (N_STEP) */
	int		 layer, ord;
	double		 cx;		/* centre while placing */
	int		 x, y, w, h;
	int		 nin, nout;	/* segments into and out of it */
	int		 nlines;
	const char	*text[MAX_LINES];	/* clean, not yet escaped */
	int		 font[MAX_LINES];
};

struct edge {
	int		 from, to, kind;
	int		*chain;		/* E_FWD: from, dummies…, to */
	int		 nchain;
	int		 lane;		/* E_CYCLE, E_RETURN */
	int		 offfrom, offto; /* of side ports from the middle */
};

struct seg {				/* one layer down, u above v */
	int		 u, v, gap, level;
};

struct fc {
	const struct wf_net		*net;
	const struct flowchart_opts	*opts;
	struct pool			*pool;
	struct node			*nodes;
	size_t				 nnodes, capnodes, nreal;
	struct edge			*edges;
	size_t				 nedges, capedges;
	struct seg			*segs;
	size_t				 nsegs, capsegs;
	size_t				*gapstart;	/* segs of gap L: from
							 * gapstart[L] */
	int				 nlayers;
	int				**lay;
	int				*laycnt;
	int				*laytop, *layh, *gaph;
	int				 lanes[2];	/* left, right */
	int				 left, right;	/* content edges */
};

struct pt {
	int		 x, y;
};

/* ---- output buffer ---- */

static void
sb_grow(struct sbuf *b, size_t need)
{
	size_t	 cap;
	char	*np;

	if (b->len + need + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 8192;
	while (cap < b->len + need + 1)
		cap *= 2;
	np = pool_alloc(b->pool, cap);
	if (b->len)
		memcpy(np, b->p, b->len);
	b->p = np;
	b->cap = cap;
}

static void
sb_putn(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list	 ap, aq;
	int	 n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n > 0) {
		sb_grow(b, (size_t)n);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
	va_end(ap);
}

/* ---- text: cleaning, escaping, measuring, wrapping ---- */

/*
 * The length of the well-formed UTF-8 sequence at s that XML allows, or 0
 * when the byte at s does not start one.  Never reads past a NUL.
 */
static int
utf8_len(const unsigned char *s)
{
	unsigned char	 c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && s[1] < 0xa0) ||	/* overlong */
		    (c == 0xed && s[1] >= 0xa0) ||	/* surrogate */
		    (c == 0xef && s[1] == 0xbf && s[2] >= 0xbe))
			return 0;			/* U+FFFE, U+FFFF */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* s as valid UTF-8 without control characters (NULL gives ""). */
static char *
text_clean(struct pool *pool, const char *s)
{
	const unsigned char	*p;
	char			*out, *o;
	int			 n;

	if (s == NULL)
		s = "";
	out = o = pool_alloc(pool, strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		if ((n = utf8_len(p)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			n = 1;
		} else if (n == 1 && (*p < 0x20 || *p == 0x7f))
			*o++ = ' ';
		else {
			memcpy(o, p, (size_t)n);
			o += n;
		}
	}
	*o = '\0';
	return out;
}

/* Append s, cleaned and escaped for XML text and attribute values. */
static void
sb_text(struct sbuf *b, const char *s)
{
	const unsigned char	*p;
	int			 n;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		if ((n = utf8_len(p)) == 0) {
			sb_puts(b, "\xef\xbf\xbd");
			n = 1;
			continue;
		}
		if (n > 1) {
			sb_putn(b, (const char *)p, (size_t)n);
			continue;
		}
		switch (*p) {
		case '&':
			sb_puts(b, "&amp;");
			break;
		case '<':
			sb_puts(b, "&lt;");
			break;
		case '>':
			sb_puts(b, "&gt;");
			break;
		case '"':
			sb_puts(b, "&quot;");
			break;
		case '\'':
			sb_puts(b, "&#39;");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sb_puts(b, " ");
			else
				sb_putn(b, (const char *)p, 1);
		}
	}
}

char *
flowchart_xml_escape(struct pool *pool, const char *s)
{
	struct sbuf	 b = { pool, NULL, 0, 0 };

	sb_grow(&b, s != NULL ? strlen(s) : 0);
	sb_text(&b, s);
	return b.p;
}

/*
 * Estimated advance of one character of Noto Sans CJK SC, in em: CJK and
 * full-width punctuation are square, Latin is proportional.
 */
static double
glyph_em(const unsigned char *s, int len)
{
	if (len >= 3 || (len == 2 && s[0] == 0xc2 && s[1] == 0xb7))
		return 1.0;		/* CJK, and · set full width */
	if (len == 2)
		return 0.6;
	if (*s == ' ')
		return 0.3;
	if (*s >= '0' && *s <= '9')
		return 0.56;
	if (*s >= 'A' && *s <= 'Z')
		return 0.66;
	if (strchr("iljtfr.,:;!|'()[]", *s) != NULL)
		return 0.34;
	return 0.55;
}

/* Estimated width of clean text s, in em. */
static double
text_em(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	double			 em = 0;
	int			 n;

	for (; *p != '\0'; p += n) {
		n = utf8_len(p);
		em += glyph_em(p, n);
	}
	return em;
}

/*
 * The bytes at p that fit in max_em (at least one character when p is
 * not empty, so wrapping always advances).
 */
static size_t
text_fit(const char *s, double max_em)
{
	const unsigned char	*p = (const unsigned char *)s;
	double			 em = 0, g;
	int			 n;

	for (; *p != '\0'; p += n) {
		n = utf8_len(p);
		g = glyph_em(p, n);
		if (em + g > max_em && p != (const unsigned char *)s)
			break;
		em += g;
	}
	return (size_t)(p - (const unsigned char *)s);
}

/*
 * Wrap clean s onto at most maxl lines of at most max_em each; when it
 * does not fit, the last line ends in "…".  Two lines are balanced, so
 * 13 characters break 7 + 6 rather than 12 + 1.  Returns the number of
 * lines, at least 1.
 */
static int
text_wrap(struct pool *pool, const char *s, double max_em, int maxl,
    const char **lines)
{
	double	 total, first;
	size_t	 n;
	int	 nl = 0;

	total = text_em(s);
	while (nl < maxl - 1 && total > max_em) {
		first = max_em;
		if (nl == maxl - 2 && total <= 2 * max_em &&
		    total / 2 + 0.5 < max_em)
			first = total / 2 + 0.5;
		n = text_fit(s, first);
		lines[nl++] = pool_strndup(pool, s, n);
		s += n;
		while (*s == ' ')
			s++;
		total = text_em(s);
	}
	if (total <= max_em)
		lines[nl++] = s;
	else {
		n = text_fit(s, max_em - 1);
		lines[nl++] = pool_printf(pool, "%.*s…", (int)n, s);
	}
	return nl;
}

/* The role bits as people say them: "承办人", "承办人、分管领导". */
static const char *
role_text(struct pool *pool, unsigned role)
{
	const char	*s = "", *l;
	int		 i;

	for (i = 0; i < 32; i++) {
		if ((role & (1u << i)) == 0)
			continue;
		l = account_role_label(1u << i);
		if (*l != '\0')
			s = *s != '\0' ? pool_printf(pool, "%s、%s", s, l) : l;
	}
	return s;
}

static const char *
step_name(struct pool *pool, const struct wf_step *st)
{
	const char	*s;

	s = text_clean(pool, st->name);
	if (*s == '\0')
		s = text_clean(pool, st->key);
	return *s != '\0' ? s : "（未命名环节）";
}

static const char *
step_days(struct fc *fc, int i)
{
	if (fc->opts->days == NULL || fc->opts->days[i] <= 0)
		return "";
	return pool_printf(fc->pool, "%d 个工作日", fc->opts->days[i]);
}

static const char *
step_dept(struct fc *fc, const struct wf_step *st)
{
	if (st->dept == NULL || st->dept[0] == '\0' ||
	    (fc->opts->home_dept != NULL &&
	    strcmp(st->dept, fc->opts->home_dept) == 0))
		return "";
	return text_clean(fc->pool, st->dept_label != NULL &&
	    st->dept_label[0] != '\0' ? st->dept_label : st->dept);
}

/* "受理（窗口受理人员，1 个工作日，县市场监管局）", for titles. */
static const char *
step_summary(struct fc *fc, int i)
{
	const struct wf_step	*st = &fc->net->steps[i];
	const char		*part[3], *s;
	int			 k, n = 0;

	part[0] = role_text(fc->pool, st->role);
	part[1] = step_days(fc, i);
	part[2] = step_dept(fc, st);
	s = pool_printf(fc->pool, "%s（", step_name(fc->pool, st));
	for (k = 0; k < 3; k++)
		if (*part[k] != '\0')
			s = pool_printf(fc->pool, "%s%s%s", s, n++ ? "，" : "",
			    part[k]);
	return n ? pool_printf(fc->pool, "%s）", s) :
	    step_name(fc->pool, st);
}

/* ---- graph ---- */

static int
node_new(struct fc *fc, int kind, int step, int layer)
{
	struct node	*n;

	n = pool_push(fc->pool, &fc->nodes, &fc->nnodes, &fc->capnodes,
	    sizeof(*n));
	n->kind = kind;
	n->step = step;
	n->layer = layer;
	return (int)(fc->nnodes - 1);
}

/* The node a key names: 0 start, 1… steps, nreal - 1 end; -1 unknown. */
static int
node_of(const struct fc *fc, const char *key)
{
	size_t	 i;

	if (key == NULL)
		return -1;
	if (strcmp(key, WF_START) == 0)
		return 0;
	if (strcmp(key, WF_END) == 0)
		return (int)fc->nreal - 1;
	for (i = 0; i < fc->net->nsteps; i++)
		if (fc->net->steps[i].key != NULL &&
		    strcmp(fc->net->steps[i].key, key) == 0)
			return (int)i + 1;
	return -1;
}

static const char *
node_key(const struct fc *fc, int v)
{
	const struct node	*n = &fc->nodes[v];

	if (n->kind == N_START)
		return WF_START;
	if (n->kind == N_END)
		return WF_END;
	return fc->net->steps[n->step].key;
}

/*
 * The edges worth drawing: known ends, nothing into the start or out of
 * the end, no return edge from the start or into the end, no duplicates.
 */
static void
edges_collect(struct fc *fc)
{
	const struct wf_edge	*we;
	struct edge		*e;
	size_t			 i, j;
	int			 from, to, kind, end = (int)fc->nreal - 1;

	for (i = 0; fc->net->edges != NULL && i < fc->net->nedges; i++) {
		we = &fc->net->edges[i];
		from = node_of(fc, we->from);
		to = node_of(fc, we->to);
		if (from < 0 || to < 0 || to == 0 || from == end)
			continue;
		kind = we->back ? E_RETURN : E_FWD;
		if (kind == E_RETURN && (from == 0 || to == end))
			continue;
		for (j = 0; j < fc->nedges; j++)
			if (fc->edges[j].from == from &&
			    fc->edges[j].to == to &&
			    (fc->edges[j].kind == E_RETURN) ==
			    (kind == E_RETURN))
				break;
		if (j < fc->nedges)
			continue;
		e = pool_push(fc->pool, &fc->edges, &fc->nedges,
		    &fc->capedges, sizeof(*e));
		e->from = from;
		e->to = to;
		e->kind = kind;
	}
	if (fc->net->nsteps == 0 && fc->nedges == 0) {
		e = pool_push(fc->pool, &fc->edges, &fc->nedges,
		    &fc->capedges, sizeof(*e));
		e->from = 0;
		e->to = end;
		e->kind = E_FWD;
	}
}

/*
 * Mark as E_CYCLE each forward edge that a depth-first search (from the
 * start first, then from whatever is left) finds going back to a node
 * still on its stack.  What remains of the forward edges is acyclic.
 */
static void
edges_break_cycles(struct fc *fc)
{
	size_t	 nn = fc->nreal, i, e;
	int	*off, *out, *color, *it, *stack, *fill;
	int	 sp, u, v, root;

	off = pool_alloc(fc->pool, (nn + 1) * sizeof(int));
	out = pool_alloc(fc->pool, (fc->nedges + 1) * sizeof(int));
	fill = pool_alloc(fc->pool, nn * sizeof(int));
	color = pool_alloc(fc->pool, nn * sizeof(int));
	it = pool_alloc(fc->pool, nn * sizeof(int));
	stack = pool_alloc(fc->pool, nn * sizeof(int));
	for (e = 0; e < fc->nedges; e++)
		if (fc->edges[e].kind == E_FWD)
			off[fc->edges[e].from + 1]++;
	for (i = 0; i < nn; i++)
		off[i + 1] += off[i];
	for (e = 0; e < fc->nedges; e++)
		if (fc->edges[e].kind == E_FWD) {
			u = fc->edges[e].from;
			out[off[u] + fill[u]++] = (int)e;
		}
	for (root = 0; root < (int)nn; root++) {
		if (color[root] != 0)
			continue;
		sp = 0;
		stack[sp++] = root;
		color[root] = 1;
		while (sp > 0) {
			u = stack[sp - 1];
			if (it[u] < off[u + 1] - off[u]) {
				e = (size_t)out[off[u] + it[u]++];
				v = fc->edges[e].to;
				if (color[v] == 1)
					fc->edges[e].kind = E_CYCLE;
				else if (color[v] == 0) {
					color[v] = 1;
					stack[sp++] = v;
				}
			} else {
				color[u] = 2;
				sp--;
			}
		}
	}
}

/*
 * Longest-path layers over the acyclic forward edges: the start on layer
 * 0, a step at least on layer 1, the end below every step.
 */
static void
nodes_layer(struct fc *fc)
{
	size_t	 nn = fc->nreal, e, head = 0, tail = 0;
	int	*indeg, *queue, u, v, max = 0, end = (int)nn - 1;

	indeg = pool_alloc(fc->pool, nn * sizeof(int));
	queue = pool_alloc(fc->pool, nn * sizeof(int));
	for (e = 0; e < fc->nedges; e++)
		if (fc->edges[e].kind == E_FWD)
			indeg[fc->edges[e].to]++;
	for (u = 0; u < (int)nn; u++) {
		fc->nodes[u].layer = u == 0 ? 0 : 1;
		if (indeg[u] == 0)
			queue[tail++] = u;
	}
	while (head < tail) {
		u = queue[head++];
		for (e = 0; e < fc->nedges; e++) {
			if (fc->edges[e].kind != E_FWD ||
			    fc->edges[e].from != u)
				continue;
			v = fc->edges[e].to;
			if (fc->nodes[v].layer < fc->nodes[u].layer + 1)
				fc->nodes[v].layer = fc->nodes[u].layer + 1;
			if (--indeg[v] == 0)
				queue[tail++] = v;
		}
	}
	for (u = 1; u < end; u++)
		if (fc->nodes[u].layer > max)
			max = fc->nodes[u].layer;
	fc->nodes[end].layer = max + 1;
	fc->nlayers = max + 2;
}

static int
seg_cmp(const void *a, const void *b)
{
	const struct seg	*x = a, *y = b;

	return x->gap != y->gap ? x->gap - y->gap :
	    x->u != y->u ? x->u - y->u : x->v - y->v;
}

/* Dummy nodes along long forward edges, and the segments between layers. */
static void
edges_split(struct fc *fc)
{
	struct edge	*e;
	struct seg	*s;
	size_t		 i;
	int		 span, k, d, gap;

	for (i = 0; i < fc->nedges; i++) {
		if (fc->edges[i].kind != E_FWD)
			continue;
		e = &fc->edges[i];
		span = fc->nodes[e->to].layer - fc->nodes[e->from].layer;
		e->nchain = span + 1;
		e->chain = pool_alloc(fc->pool, (size_t)(span + 1) *
		    sizeof(int));
		e->chain[0] = e->from;
		e->chain[span] = e->to;
		for (k = 1; k < span; k++) {
			gap = fc->nodes[e->from].layer + k;
			d = node_new(fc, N_DUMMY, -1, gap);
			e->chain[k] = d;
		}
		for (k = 0; k < span; k++) {
			s = pool_push(fc->pool, &fc->segs, &fc->nsegs,
			    &fc->capsegs, sizeof(*s));
			s->u = e->chain[k];
			s->v = e->chain[k + 1];
			s->gap = fc->nodes[s->u].layer;
		}
	}
	if (fc->nsegs > 0)
		qsort(fc->segs, fc->nsegs, sizeof(*fc->segs), seg_cmp);
	for (i = 0; i < fc->nsegs; i++) {
		fc->nodes[fc->segs[i].u].nout++;
		fc->nodes[fc->segs[i].v].nin++;
	}
	fc->gapstart = pool_alloc(fc->pool, ((size_t)fc->nlayers + 1) *
	    sizeof(size_t));
	for (i = 0, gap = 0; gap <= fc->nlayers; gap++) {
		while (i < fc->nsegs && fc->segs[i].gap < gap)
			i++;
		fc->gapstart[gap] = i;
	}
}

/* ---- order within layers ---- */

static void
layers_fill(struct fc *fc)
{
	size_t	 i, top = 0;
	int	*off, *out, *seen, *stack, *fill, root, u, L;
	size_t	 nn = fc->nnodes;
	long	 k;

	fc->laycnt = pool_alloc(fc->pool, (size_t)fc->nlayers * sizeof(int));
	fc->lay = pool_alloc(fc->pool, (size_t)fc->nlayers * sizeof(int *));
	for (i = 0; i < nn; i++)
		fc->laycnt[fc->nodes[i].layer]++;
	for (L = 0; L < fc->nlayers; L++)
		fc->lay[L] = pool_alloc(fc->pool,
		    ((size_t)fc->laycnt[L] + 1) * sizeof(int));
	memset(fc->laycnt, 0, (size_t)fc->nlayers * sizeof(int));

	/* Depth-first preorder from the start keeps chains together. */
	off = pool_alloc(fc->pool, (nn + 1) * sizeof(int));
	out = pool_alloc(fc->pool, (fc->nsegs + 1) * sizeof(int));
	fill = pool_alloc(fc->pool, nn * sizeof(int));
	seen = pool_alloc(fc->pool, nn * sizeof(int));
	stack = pool_alloc(fc->pool, (fc->nsegs + nn + 1) * sizeof(int));
	for (i = 0; i < fc->nsegs; i++)
		off[fc->segs[i].u + 1]++;
	for (i = 0; i < nn; i++)
		off[i + 1] += off[i];
	for (i = 0; i < fc->nsegs; i++) {
		u = fc->segs[i].u;
		out[off[u] + fill[u]++] = fc->segs[i].v;
	}
	for (root = 0; root < (int)nn; root++) {
		if (seen[root])
			continue;
		stack[top++] = root;
		while (top > 0) {
			u = stack[--top];
			if (seen[u])
				continue;
			seen[u] = 1;
			L = fc->nodes[u].layer;
			fc->nodes[u].ord = fc->laycnt[L];
			fc->lay[L][fc->laycnt[L]++] = u;
			for (k = off[u + 1] - 1; k >= off[u]; k--)
				if (!seen[out[k]])
					stack[top++] = out[k];
		}
	}
}

static long
crossings(const struct fc *fc)
{
	const struct seg	*a, *b;
	size_t			 i, j;
	long			 c = 0;
	int			 L, du, dv;

	for (L = 0; L + 1 < fc->nlayers; L++)
		for (i = fc->gapstart[L]; i < fc->gapstart[L + 1]; i++)
			for (j = i + 1; j < fc->gapstart[L + 1]; j++) {
				a = &fc->segs[i];
				b = &fc->segs[j];
				du = fc->nodes[a->u].ord - fc->nodes[b->u].ord;
				dv = fc->nodes[a->v].ord - fc->nodes[b->v].ord;
				if ((du < 0 && dv > 0) || (du > 0 && dv < 0))
					c++;
			}
	return c;
}

/* Sort layer L by key (stable), renumbering ord. */
static void
layer_sort(struct fc *fc, int L, const double *key)
{
	int	*a = fc->lay[L], i, j, t;

	for (i = 1; i < fc->laycnt[L]; i++) {
		t = a[i];
		for (j = i; j > 0 && key[a[j - 1]] > key[t]; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
	for (i = 0; i < fc->laycnt[L]; i++)
		fc->nodes[a[i]].ord = i;
}

/*
 * One barycentre sweep, down (each layer by its neighbours above) or up.
 * A node without neighbours on that side keeps its place.
 */
static void
sweep_order(struct fc *fc, int down, double *sum, int *cnt)
{
	const struct seg	*s;
	size_t			 i;
	int			 L, g, k, me, other;

	for (k = 1; k < fc->nlayers; k++) {
		L = down ? k : fc->nlayers - 1 - k;
		g = down ? L - 1 : L;
		for (i = 0; i < (size_t)fc->laycnt[L]; i++) {
			me = fc->lay[L][i];
			sum[me] = 0;
			cnt[me] = 0;
		}
		for (i = fc->gapstart[g]; i < fc->gapstart[g + 1]; i++) {
			s = &fc->segs[i];
			me = down ? s->v : s->u;
			other = down ? s->u : s->v;
			sum[me] += fc->nodes[other].ord;
			cnt[me]++;
		}
		for (i = 0; i < (size_t)fc->laycnt[L]; i++) {
			me = fc->lay[L][i];
			sum[me] = cnt[me] ? sum[me] / cnt[me] :
			    fc->nodes[me].ord;
		}
		layer_sort(fc, L, sum);
	}
}

static void
layers_order(struct fc *fc)
{
	double	*key;
	int	*cnt, *best, L, i, it;
	long	 c, bestc;

	if ((bestc = crossings(fc)) == 0)
		return;
	key = pool_alloc(fc->pool, fc->nnodes * sizeof(double));
	cnt = pool_alloc(fc->pool, fc->nnodes * sizeof(int));
	best = pool_alloc(fc->pool, fc->nnodes * sizeof(int));
	for (i = 0; i < (int)fc->nnodes; i++)
		best[i] = fc->nodes[i].ord;
	for (it = 0; it < SWEEPS && bestc > 0; it++) {
		sweep_order(fc, it % 2 == 0, key, cnt);
		if ((c = crossings(fc)) < bestc) {
			bestc = c;
			for (i = 0; i < (int)fc->nnodes; i++)
				best[i] = fc->nodes[i].ord;
		}
	}
	for (i = 0; i < (int)fc->nnodes; i++)
		key[i] = best[i];
	for (L = 0; L < fc->nlayers; L++)
		layer_sort(fc, L, key);
}

/* ---- sizes ---- */

static void
node_line(struct node *n, const char *text, int font)
{
	if (n->nlines < MAX_LINES && text != NULL && *text != '\0') {
		n->text[n->nlines] = text;
		n->font[n->nlines] = font;
		n->nlines++;
	}
}

static int
steps_in_layer(const struct fc *fc, int L)
{
	int	 i, k = 0;

	for (i = 0; i < fc->laycnt[L]; i++)
		if (fc->nodes[fc->lay[L][i]].kind == N_STEP)
			k++;
	return k;
}

/*
 * Lines and size of each box.  Names wrap narrower where a layer holds
 * several boxes, so parallel branches still fit a phone's width.
 */
static void
nodes_measure(struct fc *fc)
{
	const struct wf_step	*st;
	struct node		*n;
	const char		*name[2], *dept[2], *deptname, *role, *days;
	const char		*both;
	double			 wrap, inner, em;
	size_t			 v;
	int			 k, nn, nd, i, nsub, padx, minw;

	for (v = 0; v < fc->nnodes; v++) {
		n = &fc->nodes[v];
		switch (n->kind) {
		case N_START:
		case N_END:
			n->w = PILL_W;
			n->h = PILL_H;
			node_line(n, n->kind == N_START ? "开始" : "办结",
			    FONT_PILL);
			continue;
		case N_DUMMY:
			n->w = DUMMY_W;
			n->h = 0;
			continue;
		}
		st = &fc->net->steps[n->step];
		k = steps_in_layer(fc, n->layer);
		wrap = k <= 1 ? 12 : k == 2 ? 9 : 6;
		padx = k >= 3 ? PAD_X_NARROW : PAD_X;
		minw = k >= 3 ? BOX_MIN_W_NARROW : BOX_MIN_W;
		nn = text_wrap(fc->pool, step_name(fc->pool, st), wrap, 2,
		    name);
		inner = 0;
		for (i = 0; i < nn; i++) {
			node_line(n, name[i], FONT_NAME);
			if ((em = text_em(name[i]) * FONT_NAME) > inner)
				inner = em;
		}
		/* In a crowded layer the department may take two lines. */
		nd = 0;
		if (*(deptname = step_dept(fc, st)) != '\0')
			nd = text_wrap(fc->pool, deptname, wrap * FONT_NAME /
			    FONT_SUB, k >= 3 ? 2 : 1, dept);
		for (i = 0; i < nd; i++)
			if ((em = text_em(dept[i]) * FONT_SUB) > inner)
				inner = em;
		role = role_text(fc->pool, st->role);
		days = step_days(fc, n->step);
		both = *role && *days ?
		    pool_printf(fc->pool, "%s·%s", role, days) :
		    *role ? role : days;
		nsub = 0;
		if (*both != '\0' && (k <= 1 || text_em(both) * FONT_SUB <=
		    (inner > minw - 2 * padx ? inner : minw - 2 * padx))) {
			node_line(n, both, FONT_SUB);
			nsub = 1;
			em = text_em(both) * FONT_SUB;
			if (em > inner)
				inner = em;
		} else if (*both != '\0') {
			node_line(n, role, FONT_SUB);
			node_line(n, days, FONT_SUB);
			nsub = (*role != '\0') + (*days != '\0');
			if ((em = text_em(role) * FONT_SUB) > inner)
				inner = em;
			if ((em = text_em(days) * FONT_SUB) > inner)
				inner = em;
		}
		for (i = 0; i < nd; i++)
			node_line(n, dept[i], FONT_SUB);
		nsub += nd;
		n->w = (int)inner + 1 + 2 * padx;
		if (n->w < minw)
			n->w = minw;
		n->w += n->w & 1;
		n->h = 2 * PAD_Y + nn * LINE_NAME + nsub * LINE_SUB +
		    (nsub ? 3 : 0);
	}
	/* Boxes alone in their layer share one width: a tidy column. */
	for (v = 0, i = 0; v < fc->nnodes; v++)
		if (fc->nodes[v].kind == N_STEP &&
		    fc->laycnt[fc->nodes[v].layer] == 1 &&
		    fc->nodes[v].w > i)
			i = fc->nodes[v].w;
	for (v = 0; v < fc->nnodes; v++)
		if (fc->nodes[v].kind == N_STEP &&
		    fc->laycnt[fc->nodes[v].layer] == 1)
			fc->nodes[v].w = i;
}

/* ---- horizontal placement ---- */

/* The least distance between the centres of neighbours a and b. */
static double
node_dist(const struct fc *fc, int a, int b)
{
	int	 sep;

	sep = steps_in_layer(fc, fc->nodes[a].layer) >= 3 ?
	    NODE_SEP_NARROW : NODE_SEP;
	if (fc->nodes[a].kind == N_DUMMY || fc->nodes[b].kind == N_DUMMY)
		sep /= 2;
	return (fc->nodes[a].w + fc->nodes[b].w) / 2.0 + sep;
}

/* Move node v's centre to cx if its neighbours leave room; 1 if moved. */
static int
node_move(struct fc *fc, int v, double cx)
{
	const struct node	*n = &fc->nodes[v];
	const int		*a = fc->lay[n->layer];

	if (n->ord > 0 &&
	    cx - fc->nodes[a[n->ord - 1]].cx < node_dist(fc, a[n->ord - 1], v))
		return 0;
	if (n->ord + 1 < fc->laycnt[n->layer] &&
	    fc->nodes[a[n->ord + 1]].cx - cx < node_dist(fc, v, a[n->ord + 1]))
		return 0;
	fc->nodes[v].cx = cx;
	return 1;
}

/*
 * Place layer L's centres as near want[] (by position) as possible while
 * keeping order and spacing: with o[i] the least offset of node i from
 * node 0, it is an isotonic regression of want[i] - o[i], solved by
 * pooling adjacent violators.
 */
static void
layer_place(struct fc *fc, int L, const double *want, double *o,
    double *bsum, int *bcnt)
{
	const int	*a = fc->lay[L];
	int		 k = fc->laycnt[L], i, j, nb = 0;
	double		 e;

	o[0] = 0;
	for (i = 1; i < k; i++)
		o[i] = o[i - 1] + node_dist(fc, a[i - 1], a[i]);
	for (i = 0; i < k; i++) {
		bsum[nb] = want[i] - o[i];
		bcnt[nb] = 1;
		nb++;
		while (nb > 1 && bsum[nb - 2] / bcnt[nb - 2] >
		    bsum[nb - 1] / bcnt[nb - 1]) {
			bsum[nb - 2] += bsum[nb - 1];
			bcnt[nb - 2] += bcnt[nb - 1];
			nb--;
		}
	}
	for (i = 0, j = 0; j < nb; j++) {
		e = bsum[j] / bcnt[j];
		for (k = 0; k < bcnt[j]; k++, i++)
			fc->nodes[a[i]].cx = e + o[i];
	}
}

static void
nodes_place(struct fc *fc)
{
	const struct seg	*s;
	double			*want, *o, *bsum, *sum;
	int			*bcnt, *cnt, L, k, it, down, g, me, other, i;
	int			 maxw = 1, left = 1 << 30, right = -(1 << 30);
	size_t			 j;

	for (L = 0; L < fc->nlayers; L++)
		if (fc->laycnt[L] > maxw)
			maxw = fc->laycnt[L];
	want = pool_alloc(fc->pool, (size_t)maxw * sizeof(double));
	o = pool_alloc(fc->pool, (size_t)maxw * sizeof(double));
	bsum = pool_alloc(fc->pool, (size_t)maxw * sizeof(double));
	bcnt = pool_alloc(fc->pool, (size_t)maxw * sizeof(int));
	sum = pool_alloc(fc->pool, fc->nnodes * sizeof(double));
	cnt = pool_alloc(fc->pool, fc->nnodes * sizeof(int));

	/* Start from each layer centred on 0. */
	for (L = 0; L < fc->nlayers; L++) {
		for (i = 0; i < fc->laycnt[L]; i++)
			want[i] = 0;
		layer_place(fc, L, want, o, bsum, bcnt);
	}
	/* Then pull each node towards its neighbours, down, up, …, down. */
	for (it = 0; it < 5; it++) {
		down = it % 2 == 0;
		for (k = 1; k < fc->nlayers; k++) {
			L = down ? k : fc->nlayers - 1 - k;
			g = down ? L - 1 : L;
			for (i = 0; i < fc->laycnt[L]; i++) {
				sum[fc->lay[L][i]] = 0;
				cnt[fc->lay[L][i]] = 0;
			}
			for (j = fc->gapstart[g]; j < fc->gapstart[g + 1];
			    j++) {
				s = &fc->segs[j];
				me = down ? s->v : s->u;
				other = down ? s->u : s->v;
				sum[me] += fc->nodes[other].cx;
				cnt[me]++;
			}
			for (i = 0; i < fc->laycnt[L]; i++) {
				me = fc->lay[L][i];
				want[i] = cnt[me] ? sum[me] / cnt[me] :
				    fc->nodes[me].cx;
			}
			layer_place(fc, L, want, o, bsum, bcnt);
		}
	}
	/*
	 * A lone edge (the only one out of its upper node and into its
	 * lower one) runs straight down where the neighbours leave room,
	 * rather than jogging by a few pixels.
	 */
	for (j = 0; j < fc->nnodes; j++)
		cnt[j] = 0;
	for (j = 0; j < fc->nsegs; j++) {
		cnt[fc->segs[j].u] += 1;
		cnt[fc->segs[j].v] += 1 << 16;
	}
	for (it = 0; it < 2; it++)
		for (j = 0; j < fc->nsegs; j++) {
			s = &fc->segs[j];
			if ((cnt[s->u] & 0xffff) != 1 || cnt[s->v] >> 16 != 1)
				continue;
			if (!node_move(fc, s->v, fc->nodes[s->u].cx))
				(void)node_move(fc, s->u, fc->nodes[s->v].cx);
		}
	for (j = 0; j < fc->nnodes; j++) {
		struct node *n = &fc->nodes[j];
		double x = n->cx - n->w / 2.0;

		n->x = x >= 0 ? (int)(x + 0.5) : -(int)(-x + 0.5);
		if (n->x < left)
			left = n->x;
		if (n->x + n->w > right)
			right = n->x + n->w;
	}
	fc->left = left;
	fc->right = right;
}

/* ---- vertical placement and the buses between layers ---- */

static int
uf_find(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static int
node_cx(const struct node *n)
{
	return n->x + n->w / 2;
}

/*
 * In each gap, segments that jog sideways and share an upper or a lower
 * node form one bus, drawn at one height; buses get separate heights.
 * Returns the number of buses in gap L (levels are set in segs).
 */
static int
gap_buses(struct fc *fc, int L, int *parent, double *minx)
{
	size_t	 a = fc->gapstart[L], b = fc->gapstart[L + 1], i, j;
	int	 m = 0, r, rank;
	struct seg *s, *t;

	for (i = a; i < b; i++) {
		parent[i - a] = (int)(i - a);
		fc->segs[i].level = -1;
	}
	for (i = a; i < b; i++) {
		s = &fc->segs[i];
		if (node_cx(&fc->nodes[s->u]) == node_cx(&fc->nodes[s->v]))
			continue;
		for (j = a; j < i; j++) {
			t = &fc->segs[j];
			if (node_cx(&fc->nodes[t->u]) ==
			    node_cx(&fc->nodes[t->v]))
				continue;
			if (t->u == s->u || t->v == s->v)
				parent[uf_find(parent, (int)(i - a))] =
				    uf_find(parent, (int)(j - a));
		}
	}
	/* Number the buses left to right by their leftmost upper node. */
	for (i = a; i < b; i++)
		minx[i - a] = 1e18;
	for (i = a; i < b; i++) {
		s = &fc->segs[i];
		if (node_cx(&fc->nodes[s->u]) == node_cx(&fc->nodes[s->v]))
			continue;
		r = uf_find(parent, (int)(i - a));
		if (node_cx(&fc->nodes[s->u]) < minx[r])
			minx[r] = node_cx(&fc->nodes[s->u]);
	}
	for (i = a; i < b; i++) {
		if (uf_find(parent, (int)(i - a)) != (int)(i - a) ||
		    minx[i - a] > 1e17)
			continue;
		rank = 0;
		for (j = a; j < b; j++)
			if (uf_find(parent, (int)(j - a)) == (int)(j - a) &&
			    minx[j - a] < 1e17 && (minx[j - a] < minx[i - a] ||
			    (minx[j - a] == minx[i - a] && j < i)))
				rank++;
		fc->segs[i].level = rank;
		m++;
	}
	for (i = a; i < b; i++) {
		s = &fc->segs[i];
		if (node_cx(&fc->nodes[s->u]) != node_cx(&fc->nodes[s->v]))
			s->level = fc->segs[a + (size_t)uf_find(parent,
			    (int)(i - a))].level;
	}
	return m;
}

static void
nodes_stack(struct fc *fc, int top)
{
	size_t	 v, maxg = 1;
	int	*parent, *nbus, L, y = top;
	double	*minx;
	size_t	 i;

	for (L = 0; L + 1 < fc->nlayers; L++)
		if (fc->gapstart[L + 1] - fc->gapstart[L] > maxg)
			maxg = fc->gapstart[L + 1] - fc->gapstart[L];
	parent = pool_alloc(fc->pool, maxg * sizeof(int));
	minx = pool_alloc(fc->pool, maxg * sizeof(double));
	nbus = pool_alloc(fc->pool, (size_t)fc->nlayers * sizeof(int));
	fc->laytop = pool_alloc(fc->pool, (size_t)fc->nlayers * sizeof(int));
	fc->layh = pool_alloc(fc->pool, (size_t)fc->nlayers * sizeof(int));
	fc->gaph = pool_alloc(fc->pool, (size_t)fc->nlayers * sizeof(int));
	for (v = 0; v < fc->nnodes; v++)
		if (fc->nodes[v].h > fc->layh[fc->nodes[v].layer])
			fc->layh[fc->nodes[v].layer] = fc->nodes[v].h;
	for (L = 0; L < fc->nlayers; L++) {
		if (fc->layh[L] == 0)
			fc->layh[L] = PILL_H;
		nbus[L] = L + 1 < fc->nlayers ? gap_buses(fc, L, parent,
		    minx) : 0;
		fc->gaph[L] = 16 * (nbus[L] + 1) + 12;
		if (fc->gaph[L] < GAP_MIN)
			fc->gaph[L] = GAP_MIN;
		fc->laytop[L] = y;
		y += fc->layh[L] + fc->gaph[L];
	}
	for (v = 0; v < fc->nnodes; v++)
		fc->nodes[v].y = fc->laytop[fc->nodes[v].layer];
	/* Turn bus numbers into heights. */
	for (L = 0; L + 1 < fc->nlayers; L++)
		for (i = fc->gapstart[L]; i < fc->gapstart[L + 1]; i++)
			if (fc->segs[i].level >= 0)
				fc->segs[i].level = fc->laytop[L] +
				    fc->layh[L] + (fc->segs[i].level + 1) *
				    fc->gaph[L] / (nbus[L] + 1);
}

/* ---- side lanes ---- */

static int
span_of(const struct fc *fc, const struct edge *e)
{
	int	 d = fc->nodes[e->to].layer - fc->nodes[e->from].layer;

	return d < 0 ? -d : d;
}

static int	 outermost(const struct fc *, int, int);

static void
span_range(const struct fc *fc, const struct edge *e, int *lo, int *hi)
{
	*lo = fc->nodes[e->from].layer;
	*hi = fc->nodes[e->to].layer;
	if (*lo > *hi) {
		int t = *lo;

		*lo = *hi;
		*hi = t;
	}
}

/*
 * Lanes for side routes, innermost 0.  Taking shorter spans first, each
 * goes just outside every lane already taken over layers it spans, so a
 * route never runs inside one it encloses, and routes over separate
 * layers share a lane.
 */
static void
edges_lanes(struct fc *fc)
{
	struct edge	*e, *f;
	size_t		 i, j, *by;
	int		 side, lo, hi, flo, fhi, k;

	by = pool_alloc(fc->pool, (fc->nedges + 1) * sizeof(*by));
	for (i = 0; i < fc->nedges; i++) {
		for (j = i; j > 0 && span_of(fc, &fc->edges[by[j - 1]]) >
		    span_of(fc, &fc->edges[i]); j--)
			by[j] = by[j - 1];
		by[j] = i;
	}
	for (i = 0; i < fc->nedges; i++) {
		e = &fc->edges[by[i]];
		if (e->kind == E_FWD)
			continue;
		side = e->kind == E_RETURN;
		span_range(fc, e, &lo, &hi);
		e->lane = 0;
		for (j = 0; j < i; j++) {
			f = &fc->edges[by[j]];
			if (f->kind != e->kind)
				continue;
			span_range(fc, f, &flo, &fhi);
			if (flo <= hi && lo <= fhi && f->lane >= e->lane)
				e->lane = f->lane + 1;
		}
		k = e->lane + 1;
		if (k > fc->lanes[side])
			fc->lanes[side] = k;
	}
}

/*
 * Where side routes meet the outer side of a box, spread them apart, in
 * the order that keeps them from crossing each other: those heading up
 * on top, inner lanes above outer ones; those heading down below, outer
 * lanes above inner ones.
 */
static void
ports_assign(struct fc *fc)
{
	struct port {
		int	*off;
		int	 key;
	}		*pt, t;
	struct edge	*e;
	size_t		 v, i;
	int		 side, n, k, j, dir, other, step, h;

	pt = pool_alloc(fc->pool, (2 * fc->nedges + 1) * sizeof(*pt));
	for (v = 0; v < fc->nreal; v++)
		for (side = 0; side < 2; side++) {
			if (!outermost(fc, (int)v, side))
				continue;
			n = 0;
			for (i = 0; i < fc->nedges; i++) {
				e = &fc->edges[i];
				if (e->kind == E_FWD ||
				    (e->kind == E_RETURN) != side)
					continue;
				for (k = 0; k < 2; k++) {
					if ((k ? e->to : e->from) != (int)v)
						continue;
					other = k ? e->from : e->to;
					dir = fc->nodes[other].layer -
					    fc->nodes[v].layer;
					dir = (dir > 0) - (dir < 0);
					pt[n].off = k ? &e->offto :
					    &e->offfrom;
					pt[n++].key = dir * 10000 +
					    (dir < 0 ? e->lane : -e->lane) +
					    k;
				}
			}
			for (k = 1; k < n; k++) {
				t = pt[k];
				for (j = k; j > 0 && pt[j - 1].key > t.key; j--)
					pt[j] = pt[j - 1];
				pt[j] = t;
			}
			h = fc->nodes[v].h - 8;
			step = n > 1 && h / (n - 1) < 12 ? h / (n - 1) : 12;
			for (k = 0; k < n; k++)
				*pt[k].off = k * step - (n - 1) * step / 2;
		}
}

/* 1 when no box stands beyond node v on that side of its layer. */
static int
outermost(const struct fc *fc, int v, int side)
{
	const struct node	*n = &fc->nodes[v];
	int			 i, L = n->layer;

	for (i = 0; i < fc->laycnt[L]; i++) {
		const struct node *o = &fc->nodes[fc->lay[L][i]];

		if (o->kind != N_DUMMY &&
		    (side ? o->ord > n->ord : o->ord < n->ord))
			return 0;
	}
	return 1;
}

/*
 * The route of a return (side 1, right) or cycle edge (side 0, left):
 * out of the source's outer side, or its top or bottom when another box
 * stands beyond it; along its lane; into the target likewise.
 */
static int
route_side(struct fc *fc, const struct edge *e, struct pt *p, int *lanex,
    int *mid)
{
	const struct node	*s = &fc->nodes[e->from];
	const struct node	*t = &fc->nodes[e->to];
	int			 side = e->kind == E_RETURN, np = 0, lane, px;
	int			 up = t->layer <= s->layer, y0, y1;
	int			 sbot, tbot;	/* bottoms of their layers */
	int			 esc, in;

	sbot = fc->laytop[s->layer] + fc->layh[s->layer];
	tbot = fc->laytop[t->layer] + fc->layh[t->layer];
	/* Routes in different lanes keep apart where they leave boxes. */
	esc = ESCAPE + e->lane % 4 * 5;
	in = 10 + e->lane % 4 * 6;

	lane = side ? fc->right + LANE_FIRST + e->lane * LANE_SEP :
	    fc->left - LANE_FIRST - e->lane * LANE_SEP;
	if (outermost(fc, e->from, side)) {
		p[np].x = side ? s->x + s->w : s->x;
		p[np++].y = s->y + s->h / 2 + e->offfrom;
	} else {
		px = side ? s->x + s->w - in : s->x + in;
		p[np].x = px;
		p[np++].y = up ? s->y : s->y + s->h;
		p[np].x = px;
		p[np++].y = up ? s->y - esc : sbot + esc;
	}
	y0 = p[np - 1].y;
	p[np].x = lane;
	p[np++].y = y0;
	if (outermost(fc, e->to, side)) {
		int y = t->y + t->h / 2 + e->offto;

		p[np].x = lane;
		p[np++].y = y1 = y;
		p[np].x = side ? t->x + t->w : t->x;
		p[np++].y = y;
	} else {
		int below = t->layer < s->layer;

		if (e->from == e->to)
			in += 12;
		px = side ? t->x + t->w - in : t->x + in;
		p[np].x = lane;
		p[np++].y = y1 = below ? tbot + esc : t->y - esc;
		p[np].x = px;
		p[np].y = p[np - 1].y;
		np++;
		p[np].x = px;
		p[np++].y = below ? t->y + t->h : t->y;
	}
	*mid = (y0 + y1) / 2;
	*lanex = lane;
	return np;
}

/* The route of a forward edge through its dummies. */
static int
route_chain(struct fc *fc, const struct edge *e, struct pt *p)
{
	const struct node	*a, *b;
	const struct seg	*s;
	struct seg		 key;
	int			 k, np = 0, y;

	a = &fc->nodes[e->chain[0]];
	p[np].x = node_cx(a);
	p[np++].y = a->y + a->h;
	/*
	 * A lone edge between two boxes nearly in line runs straight down,
	 * meeting the lower box a little off its centre.
	 */
	if (e->nchain == 2) {
		a = &fc->nodes[e->from];
		b = &fc->nodes[e->to];
		if (a->nout == 1 && b->nin == 1 && node_cx(a) != node_cx(b) &&
		    node_cx(a) >= b->x + 2 * RADIUS &&
		    node_cx(a) <= b->x + b->w - 2 * RADIUS) {
			p[1].x = node_cx(a);
			p[1].y = b->y;
			return 2;
		}
	}
	for (k = 1; k < e->nchain; k++) {
		a = &fc->nodes[e->chain[k - 1]];
		b = &fc->nodes[e->chain[k]];
		if (node_cx(a) == node_cx(b))
			continue;
		key.gap = a->layer;
		key.u = e->chain[k - 1];
		key.v = e->chain[k];
		s = bsearch(&key, fc->segs, fc->nsegs, sizeof(*s), seg_cmp);
		y = s != NULL && s->level >= 0 ? s->level :
		    a->y + fc->layh[a->layer] + fc->gaph[a->layer] / 2;
		p[np].x = node_cx(a);
		p[np++].y = y;
		p[np].x = node_cx(b);
		p[np++].y = y;
	}
	b = &fc->nodes[e->chain[e->nchain - 1]];
	p[np].x = node_cx(b);
	p[np++].y = b->y;
	return np;
}

/* ---- drawing ---- */

static int
sgn(int v)
{
	return (v > 0) - (v < 0);
}

static int
iabs(int v)
{
	return v < 0 ? -v : v;
}

/*
 * An orthogonal polyline with rounded corners, ending in an arrowhead at
 * its last point.
 */
static void
draw_route(struct sbuf *b, struct pt *p, int np, const char *colour,
    int dashed)
{
	struct pt	*q = p, end;	/* compacted in place */
	int		 n = 0, i, r, dx, dy, len;

	/* Drop repeated and collinear points. */
	for (i = 0; i < np; i++) {
		if (n > 0 && q[n - 1].x == p[i].x && q[n - 1].y == p[i].y)
			continue;
		if (n > 1 && ((q[n - 2].x == q[n - 1].x && q[n - 1].x ==
		    p[i].x) || (q[n - 2].y == q[n - 1].y && q[n - 1].y ==
		    p[i].y)))
			n--;
		q[n++] = p[i];
	}
	if (n < 2)
		return;
	end = q[n - 1];
	dx = sgn(end.x - q[n - 2].x);
	dy = sgn(end.y - q[n - 2].y);
	len = iabs(end.x - q[n - 2].x) + iabs(end.y - q[n - 2].y);
	if (len > ARROW) {		/* stop the line under the head */
		q[n - 1].x -= dx * (ARROW - 2);
		q[n - 1].y -= dy * (ARROW - 2);
	}
	sb_printf(b, "<path d=\"M%d %d", q[0].x, q[0].y);
	for (i = 1; i < n - 1; i++) {
		int lin = iabs(q[i].x - q[i - 1].x) + iabs(q[i].y -
		    q[i - 1].y);
		int lout = iabs(q[i + 1].x - q[i].x) + iabs(q[i + 1].y -
		    q[i].y);

		r = RADIUS;
		if (r > lin / 2)
			r = lin / 2;
		if (r > lout / 2)
			r = lout / 2;
		sb_printf(b, "L%d %dQ%d %d %d %d",
		    q[i].x - sgn(q[i].x - q[i - 1].x) * r,
		    q[i].y - sgn(q[i].y - q[i - 1].y) * r,
		    q[i].x, q[i].y,
		    q[i].x + sgn(q[i + 1].x - q[i].x) * r,
		    q[i].y + sgn(q[i + 1].y - q[i].y) * r);
	}
	sb_printf(b, "L%d %d\" fill=\"none\" stroke=\"%s\" "
	    "stroke-width=\"1.5\" stroke-linejoin=\"round\"%s/>",
	    q[n - 1].x, q[n - 1].y, colour,
	    dashed ? " stroke-dasharray=\"6 4\"" : "");
	/* Tip first, then the two corners of the base. */
	sb_printf(b, "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"%s\"/>",
	    end.x, end.y,
	    end.x - dx * ARROW - dy * 4, end.y - dy * ARROW + dx * 4,
	    end.x - dx * ARROW + dy * 4, end.y - dy * ARROW - dx * 4,
	    colour);
}

static void
draw_edge_open(struct fc *fc, struct sbuf *b, const struct edge *e,
    const char *cls)
{
	sb_printf(b, "<g class=\"fc-edge%s\" data-from=\"", cls);
	sb_text(b, node_key(fc, e->from));
	sb_puts(b, "\" data-to=\"");
	sb_text(b, node_key(fc, e->to));
	sb_puts(b, "\">");
}

static void
draw_edges(struct fc *fc, struct sbuf *b)
{
	struct pt	*p;
	const struct edge *e;
	size_t		 i, maxp = 16;
	int		 np, mid, lane;

	for (i = 0; i < fc->nedges; i++)
		if (fc->edges[i].kind == E_FWD &&
		    (size_t)fc->edges[i].nchain * 2 + 2 > maxp)
			maxp = (size_t)fc->edges[i].nchain * 2 + 2;
	/* route_side uses at most 8 points. */
	p = pool_alloc(fc->pool, maxp * sizeof(*p));
	for (i = 0; i < fc->nedges; i++) {
		e = &fc->edges[i];
		if (e->kind != E_FWD)
			continue;
		draw_edge_open(fc, b, e, "");
		np = route_chain(fc, e, p);
		draw_route(b, p, np, C_EDGE, 0);
		sb_puts(b, "</g>");
	}
	for (i = 0; i < fc->nedges; i++) {
		e = &fc->edges[i];
		if (e->kind == E_FWD)
			continue;
		draw_edge_open(fc, b, e, e->kind == E_RETURN ? " fc-return" :
		    " fc-cycle");
		np = route_side(fc, e, p, &lane, &mid);
		draw_route(b, p, np, e->kind == E_RETURN ? C_RETURN : C_EDGE,
		    e->kind == E_RETURN);
		/* The label is set vertically on the lane: neighbouring
		 * lanes stay clear of it. */
		if (e->kind == E_RETURN)
			sb_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"16\" "
			    "height=\"31\" rx=\"3\" fill=\"#ffffff\"/>"
			    "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
			    "fill=\"%s\" text-anchor=\"middle\">回<tspan "
			    "x=\"%d\" y=\"%d\">退</tspan></text>",
			    lane - 8, mid - 15, lane, mid - 2, C_RETURN, lane,
			    mid + 12);
		sb_puts(b, "</g>");
	}
}

static void
draw_lines(struct sbuf *b, const struct node *n, const char *colour)
{
	int	 i, y = n->y + PAD_Y, lh, base;

	if (n->kind != N_STEP) {
		sb_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
		    "fill=\"%s\" text-anchor=\"middle\">", node_cx(n),
		    n->y + n->h / 2 + 5, FONT_PILL, C_NAME);
		sb_text(b, n->text[0]);
		sb_puts(b, "</text>");
		return;
	}
	for (i = 0; i < n->nlines; i++) {
		lh = n->font[i] == FONT_NAME ? LINE_NAME : LINE_SUB;
		if (i > 0 && n->font[i] != FONT_NAME &&
		    n->font[i - 1] == FONT_NAME)
			y += 3;
		base = y + (lh * 10 + n->font[i] * 7) / 20;
		sb_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
		    "fill=\"%s\" text-anchor=\"middle\"%s>", node_cx(n), base,
		    n->font[i], n->font[i] == FONT_NAME ? colour : C_SUB,
		    n->font[i] == FONT_NAME ? " font-weight=\"600\"" : "");
		sb_text(b, n->text[i]);
		sb_puts(b, "</text>");
		y += lh;
	}
}

static void
draw_nodes(struct fc *fc, struct sbuf *b)
{
	const struct node	*n;
	const char		*hl = fc->opts->highlight, *key;
	size_t			 v;
	int			 cur, done = 0;

	for (v = 0; v < fc->nnodes; v++) {
		n = &fc->nodes[v];
		if (n->kind == N_DUMMY)
			continue;
		if (n->kind != N_STEP) {
			sb_printf(b, "<g class=\"%s\"><rect x=\"%d\" y=\"%d\" "
			    "width=\"%d\" height=\"%d\" rx=\"%d\" fill=\"%s\" "
			    "stroke=\"%s\" stroke-width=\"1.5\"/>",
			    n->kind == N_START ? "fc-start" : "fc-end",
			    n->x, n->y, n->w, n->h, n->h / 2, C_PILL_FILL,
			    C_BOX_STROKE);
			draw_lines(b, n, C_NAME);
			sb_puts(b, "</g>");
			continue;
		}
		key = fc->net->steps[n->step].key;
		cur = !done && hl != NULL && key != NULL &&
		    strcmp(hl, key) == 0;
		done |= cur;
		sb_puts(b, "<g class=\"fc-step\" data-key=\"");
		sb_text(b, key);
		sb_printf(b, "\"%s><title>", cur ?
		    " aria-current=\"step\"" : "");
		if (cur)
			sb_puts(b, "当前环节：");
		sb_text(b, step_summary(fc, n->step));
		sb_printf(b, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" rx=\"8\" fill=\"%s\" stroke=\"%s\" "
		    "stroke-width=\"%s\"/>", n->x, n->y, n->w, n->h,
		    cur ? C_CUR_FILL : C_BOX_FILL,
		    cur ? C_CUR_STROKE : C_BOX_STROKE, cur ? "3" : "1.5");
		draw_lines(b, n, cur ? C_CUR_STROKE : C_NAME);
		if (cur)
			sb_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"40\" "
			    "height=\"18\" rx=\"9\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
			    "fill=\"#ffffff\" text-anchor=\"middle\">"
			    "当前</text>",
			    n->x + 8, n->y - 9, C_CUR_STROKE, n->x + 28,
			    n->y + 4);
		sb_puts(b, "</g>");
	}
}

/* "开始 → 受理（…） → 审查（…）、踏勘（…） → 办结；回退：审批 → 受理". */
static void
describe(struct fc *fc, struct sbuf *b, const char *title)
{
	const struct node	*n;
	const struct edge	*e;
	size_t			 i;
	int			 L, k, any, first = 1;

	sb_text(b, title);
	sb_puts(b, "：开始");
	for (L = 1; L + 1 < fc->nlayers; L++) {
		any = 0;
		for (k = 0; k < fc->laycnt[L]; k++) {
			n = &fc->nodes[fc->lay[L][k]];
			if (n->kind != N_STEP)
				continue;
			sb_puts(b, any++ ? "、" : " → ");
			sb_text(b, step_summary(fc, n->step));
		}
		if (any > 1)
			sb_puts(b, "（同时办理）");
	}
	sb_puts(b, " → 办结");
	for (i = 0; i < fc->nedges; i++) {
		e = &fc->edges[i];
		if (e->kind != E_RETURN)
			continue;
		sb_puts(b, first ? "；可回退：" : "、");
		first = 0;
		sb_text(b, step_name(fc->pool,
		    &fc->net->steps[fc->nodes[e->from].step]));
		sb_puts(b, " → ");
		sb_text(b, step_name(fc->pool,
		    &fc->net->steps[fc->nodes[e->to].step]));
	}
}

char *
flowchart_svg_opts(const struct wf_net *net,
    const struct flowchart_opts *opts, struct pool *pool)
{
	static const struct flowchart_opts	 none;
	static const struct wf_net		 empty;
	struct fc				 fc;
	struct sbuf				 b = { pool, NULL, 0, 0 };
	const char				*title;
	size_t					 i;
	int					 shift, width, height;

	memset(&fc, 0, sizeof(fc));
	if (net == NULL || (net->steps == NULL && net->nsteps > 0))
		net = &empty;
	fc.net = net;
	fc.opts = opts != NULL ? opts : &none;
	fc.pool = pool;
	title = fc.opts->title != NULL ? fc.opts->title : "审批运行流程图";
	node_new(&fc, N_START, -1, 0);
	for (i = 0; i < net->nsteps; i++)
		node_new(&fc, N_STEP, (int)i, 1);
	node_new(&fc, N_END, -1, 1);
	fc.nreal = fc.nnodes;
	edges_collect(&fc);
	edges_break_cycles(&fc);
	nodes_layer(&fc);
	edges_split(&fc);
	layers_fill(&fc);
	layers_order(&fc);
	nodes_measure(&fc);
	nodes_place(&fc);
	edges_lanes(&fc);
	ports_assign(&fc);

	/* Shift right of the left lanes and the margin. */
	shift = MARGIN - fc.left + (fc.lanes[0] ? LANE_FIRST +
	    (fc.lanes[0] - 1) * LANE_SEP + 4 : 0);
	width = fc.right + shift + MARGIN + (fc.lanes[1] ? LANE_FIRST +
	    (fc.lanes[1] - 1) * LANE_SEP + 8 : 0);
	/*
	 * A narrow drawing is centred in a viewBox of at least MIN_WIDTH,
	 * so text comes out at about the same size in every chart.
	 */
	if (width < MIN_WIDTH) {
		shift += (MIN_WIDTH - width) / 2;
		width = MIN_WIDTH;
	}
	for (i = 0; i < fc.nnodes; i++)
		fc.nodes[i].x += shift;
	fc.left += shift;
	fc.right += shift;
	nodes_stack(&fc, MARGIN + 6);
	height = fc.laytop[fc.nlayers - 1] + fc.layh[fc.nlayers - 1] + MARGIN;

	sb_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"flowchart\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
	    "role=\"img\" aria-label=\"", width, height);
	describe(&fc, &b, title);
	sb_puts(&b, "\" font-family=\"'Noto Sans CJK SC', 'Noto Sans SC', "
	    "'Source Han Sans SC', sans-serif\"><title>");
	sb_text(&b, title);
	sb_puts(&b, "</title>");
	draw_edges(&fc, &b);
	draw_nodes(&fc, &b);
	sb_puts(&b, "</svg>");
	return b.p;
}

char *
flowchart_svg(const struct wf_net *net, const int *days,
    const char *highlight_key, struct pool *pool)
{
	struct flowchart_opts	 o = { 0 };

	o.days = days;
	o.highlight = highlight_key;
	return flowchart_svg_opts(net, &o, pool);
}
