/*
 * ext_guide.c: the public catalogue on the extranet (CAT-1, CAT-3):
 * the list of items and the guide (办事指南) of one item.
 */
#include <string.h>

#include "pages.h"

/*
 * GET /
 * The hall's front page: every published item, by department.
 */
int
page_ext_home(struct req *r)
{
	struct item	*items;
	size_t		 n, i;

	if (catalog_list(r->db, r->pool, &items, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Items.%zu", i);
		hdf_put(r, p, "code", items[i].code);
		hdf_put(r, p, "name", items[i].name);
		hdf_put(r, p, "kind", items[i].kind);
		hdf_put(r, p, "dept_name", items[i].dept_name);
		hdf_put(r, p, "level", items[i].level);
		hdf_put(r, p, "depth", items[i].depth);
		hdf_putf(r, p, "promised_days", "%d",
		    items[i].promised_days);
	}
	hdf_set(r, "Page.Title", "网上办事大厅");
	return render(r, "ext/home.cs");
}

/*
 * GET /guide?code=…
 * The guide of one published item; 404 when unknown or withdrawn.
 */
int
page_ext_guide(struct req *r)
{
	struct item	 it;
	const char	*code;

	if ((code = form_get(r, "code")) == NULL || strlen(code) > 40)
		return reply_error(r, 400, "事项编码格式不正确。");
	switch (catalog_published(r->db, r->pool, code, &it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个事项，可能已停止办理。"
		    "请回到首页重新选择。");
	default:
		return reply_error(r, 500, NULL);
	}
	view_item(r, "Item", &it);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s · 办事指南",
	    it.name));
	return render(r, "ext/guide.cs");
}
