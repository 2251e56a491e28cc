/*
 * display.c: the large-text, high-contrast mode (适老化, EXT-13) of both
 * sites, chosen by a link in every page's header and kept in a cookie,
 * so it needs no script and lasts.
 */
#include <string.h>

#include "pages.h"

/*
 * GET /display?size=big|normal[&next=PATH]
 * Choose the mode and go back to PATH (a path of this site, else "/").
 */
int
page_display(struct req *r)
{
	const char	*size = form_get(r, "size");

	if (size == NULL || (strcmp(size, "big") != 0 &&
	    strcmp(size, "normal") != 0))
		return reply_error(r, 400, "请用页面顶部的“大字版”或“标准版”"
		    "链接切换。");
	view_big_set(r, strcmp(size, "big") == 0);
	return reply_redirect(r, view_next(form_get(r, "next")));
}
