/*
 * barchart.c: the bar charts of the statistics pages (barchart.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "barchart.h"
#include "flowchart.h"

/* Geometry of the viewBox, in its units (CSS pixels on a phone). */
#define LEFT		8		/* bars start here */
#define RIGHT		(BARCHART_WIDTH - 56)	/* a full bar ends here */
#define TOP		28		/* below the category axis' name */
#define ROW		40		/* one bar: its label and the bar */
#define LABEL_Y		15		/* label's baseline in the row */
#define BAR_Y		21		/* bar's top in the row */
#define BAR_H		14
#define FONT		13
#define BAR_FILL	"#2f6f9f"
#define GRID		"#d5dbe1"
#define INK		"#1f2933"
#define MUTED		"#5b6470"

/* The pieces of the picture, joined once at the end. */
struct out {
	struct pool	*pool;
	char		**v;
	size_t		 n, cap;
};

static void __attribute__((format(printf, 2, 3)))
add(struct out *o, const char *fmt, ...)
{
	va_list	 ap;
	char	**slot;

	slot = pool_push(o->pool, &o->v, &o->n, &o->cap, sizeof(*o->v));
	va_start(ap, fmt);
	*slot = pool_vprintf(o->pool, fmt, ap);
	va_end(ap);
}

static char *
join(struct out *o)
{
	size_t	 len = 0, i;
	char	*s, *p;

	for (i = 0; i < o->n; i++)
		len += strlen(o->v[i]);
	s = p = pool_alloc(o->pool, len + 1);
	for (i = 0; i < o->n; i++) {
		len = strlen(o->v[i]);
		memcpy(p, o->v[i], len);
		p += len;
	}
	*p = '\0';
	return s;
}

/* s cut to BARCHART_LABEL_MAX characters (at a character), then escaped. */
static char *
label(struct pool *pool, const char *s)
{
	size_t	 i, chars = 0;

	if (s == NULL)
		s = "";
	for (i = 0; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (chars++ == BARCHART_LABEL_MAX)
			return flowchart_xml_escape(pool, pool_printf(pool,
			    "%.*s…", (int)i, s));
	}
	return flowchart_xml_escape(pool, s);
}

int64_t
barchart_step(int64_t max)
{
	int64_t	 step = 1;

	for (;;) {
		if (step * 5 >= max)
			return step;
		if (step * 2 * 5 >= max)
			return step * 2;
		if (step * 5 * 5 >= max)
			return step * 5;
		if (step > INT64_MAX / 100)
			return step * 10;
		step *= 10;
	}
}

char *
barchart_svg(struct pool *pool, const char *title, const char *cat_axis,
    const char *val_axis, const struct bar *bars, size_t n)
{
	struct out	 o = { pool, NULL, 0, 0 };
	int64_t		 max = 0, step, top, v, t;
	size_t		 i;
	int		 axis_y, height, w, x;
	const char	*tt;

	for (i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	step = barchart_step(max);
	top = max == 0 ? step : (max + step - 1) / step * step;
	axis_y = TOP + (int)(n == 0 ? 1 : n) * ROW + 4;
	height = axis_y + 48;
	tt = flowchart_xml_escape(pool, title);

	add(&o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"barchart\" "
	    "viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
	    "aria-label=\"%s\" font-size=\"%d\" "
	    "font-family=\"'Noto Sans CJK SC', 'Noto Sans SC', sans-serif\">"
	    "<title>%s</title>", BARCHART_WIDTH, height, tt, FONT, tt);
	add(&o, "<text x=\"%d\" y=\"%d\" font-weight=\"600\" fill=\"%s\">"
	    "%s</text>", LEFT, TOP - 10, INK,
	    flowchart_xml_escape(pool, cat_axis));

	/* Gridlines and ticks first, so that the bars lie over them. */
	for (t = 0; t <= top; t += step) {
		x = LEFT + (int)((RIGHT - LEFT) * t / top);
		add(&o, "<g class=\"bc-tick\"><line x1=\"%d\" y1=\"%d\" "
		    "x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"/>"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "fill=\"%s\">%" PRId64 "</text></g>", x, TOP, x, axis_y,
		    GRID, x, axis_y + 17, MUTED, t);
	}
	add(&o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
	    "stroke-width=\"1.5\"/>", LEFT, TOP, LEFT, axis_y, INK);
	add(&o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
	    "stroke-width=\"1.5\"/>", LEFT, axis_y, RIGHT, axis_y, INK);
	add(&o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "font-weight=\"600\" fill=\"%s\">%s</text>", (LEFT + RIGHT) / 2,
	    axis_y + 40, INK, flowchart_xml_escape(pool, val_axis));

	if (n == 0)
		add(&o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "fill=\"%s\">暂无数据</text>", (LEFT + RIGHT) / 2,
		    TOP + ROW / 2 + 5, MUTED);
	for (i = 0; i < n; i++) {
		v = bars[i].value < 0 ? 0 : bars[i].value;
		w = (int)((RIGHT - LEFT) * v / top);
		add(&o, "<g class=\"bc-bar\" data-value=\"%" PRId64 "\">"
		    "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>"
		    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"%d\" fill=\"%s\">%" PRId64
		    "</text></g>", v, LEFT + 2, TOP + (int)i * ROW + LABEL_Y,
		    INK, label(pool, bars[i].label), LEFT,
		    TOP + (int)i * ROW + BAR_Y, w, BAR_H, BAR_FILL,
		    LEFT + w + 5, TOP + (int)i * ROW + BAR_Y + BAR_H - 2, INK, v);
	}
	add(&o, "</svg>");
	return join(&o);
}
