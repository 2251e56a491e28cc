/*
 * barchart.h: a bar chart drawn as SVG on the server (统计分析, SUP-6), to
 * be put inline in a page: no JavaScript, no <style>, no style attributes
 * and no ids (it passes the CSP, and several may share a page).
 *
 * Bars run sideways, one a row, each with its label on a line of its own
 * above it (long Chinese names fit a phone's width) and its value at its
 * end.  The category axis is named at the top left, the value axis along
 * the bottom with round ticks (0, 1, 2, 5, 10, 20, 50 … apart) and its
 * name under them.  The root is <svg class="barchart" viewBox="0 0 360 H"
 * width="100%" role="img" aria-label="TITLE"> with a <title>; the page's
 * stylesheet caps its width.  For tests, each bar is <g class="bc-bar"
 * data-value="N"> holding a <text> (the label), a <rect> and a <text>
 * (the value); each tick a <g class="bc-tick">.
 */
#ifndef YW_BARCHART_H
#define YW_BARCHART_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define BARCHART_WIDTH		360	/* of the viewBox: a phone's width */
#define BARCHART_LABEL_MAX	24	/* characters; longer ends in "…" */

struct bar {
	const char	*label;		/* any bytes: cleaned and escaped */
	int64_t		 value;		/* < 0 is drawn as 0 */
};

/*
 * The chart of bars[0..n) titled title, its category axis named
 * cat_axis ("部门") and its value axis val_axis ("件数"), allocated from
 * pool.  Every text is XML-escaped (flowchart_xml_escape()), so the
 * result is safe to put into a page as it is.  No bars, or all zero,
 * still draws the axes; no bars says "暂无数据".  Never NULL.
 */
char	*barchart_svg(struct pool *, const char *title, const char *cat_axis,
	    const char *val_axis, const struct bar *bars, size_t n);

/* The step between ticks for values up to max: 1, 2, 5, 10, 20, 50 …, the
 * first at which 5 steps reach max. */
int64_t	 barchart_step(int64_t max);

#endif
