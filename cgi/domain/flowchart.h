/*
 * flowchart.h: a procedure drawn as an SVG picture on the server
 * (审批运行流程图, FLOW-1 on the guide page; the intranet's procedure
 * pages, INT-5), so it shows without JavaScript.
 *
 * The picture runs top to bottom: the start oval (开始), the steps in
 * layers (parallel branches, 并联, side by side in one layer), the end
 * oval (办结).  Each step is a rounded box with its name, its role and
 * its working-day limit, and its department when that is not the home
 * department.  Return edges (回退) are dashed and labelled, in lanes to
 * the right; forward edges that close a cycle (a malformed net) are solid,
 * in lanes to the left.  Arrowheads are drawn as polygons, so the picture
 * has no ids, no url() references, no <style>, no scripts and no style
 * attributes: it passes the sites' CSP (style-src 'self') when inlined,
 * and several may share a page.
 *
 * The root element is <svg class="flowchart" viewBox="…" width="100%"
 * role="img" aria-label="…"> with a <title>; the label reads the whole
 * procedure out (开始 → 受理（窗口受理人员，1 个工作日） → … → 办结；
 * 可回退：…).  Its height follows from the viewBox, which is at least 360
 * wide, so text is near its natural size on a phone.  It fills its
 * container, so the page's stylesheet should cap it on wide screens,
 * e.g. `svg.flowchart { max-width: 30rem; height: auto; }`.
 * For tests and styling, each step is a <g class="fc-step"
 * data-key="KEY"> whose first shape is its <rect>, the current one also
 * carries aria-current="step"; each edge is a <g class="fc-edge"> (plus
 * "fc-return" or "fc-cycle") with data-from and data-to, holding a <path>
 * and a <polygon> whose first point is the arrow's tip.
 */
#ifndef YW_FLOWCHART_H
#define YW_FLOWCHART_H

#include "arena.h"
#include "wfnet.h"

struct flowchart_opts {
	const int	*days;		/* working days per step, indexed like
					 * net->steps; NULL, or ≤ 0 for a
					 * step: not shown */
	const char	*highlight;	/* key of the current step, or NULL */
	const char	*home_dept;	/* a step whose dept equals this one
					 * does not repeat it; NULL: every
					 * step shows its dept */
	const char	*title;		/* accessible title; NULL:
					 * "审批运行流程图" */
};

/*
 * Draw net as a standalone SVG element (no XML prolog), allocated from
 * pool, NUL-terminated.  Any net draws: edges naming unknown keys are
 * skipped, forward cycles are broken, an empty net draws 开始 → 办结,
 * long names wrap onto two lines and end in "…".  All text from the net
 * is XML-escaped.  Never returns NULL (out of memory aborts).
 */
char	*flowchart_svg_opts(const struct wf_net *net,
	    const struct flowchart_opts *opts, struct pool *pool);

/* The same with only days (may be NULL) and the current step (or NULL). */
char	*flowchart_svg(const struct wf_net *net, const int *days,
	    const char *highlight_key, struct pool *pool);

/*
 * A copy of s from pool, fit for XML text and attribute values: & < > " '
 * escaped, control characters turned into spaces, bytes that are not
 * UTF-8 into U+FFFD, so the result is always well-formed.  NULL gives "".
 */
char	*flowchart_xml_escape(struct pool *pool, const char *s);

#endif
