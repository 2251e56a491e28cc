/*
 * ext_guide.c: the public catalogue on the extranet (CAT-1, CAT-3):
 * the guide (办事指南) of one item.
 */
#include <stdlib.h>
#include <string.h>

#include "files.h"
#include "flowchart.h"

#include "pages.h"
#include "publish.h"
#include "rating.h"

/*
 * GET /guide?code=…
 * The guide of one published item; 404 when unknown or withdrawn.
 */
int
page_ext_guide(struct req *r)
{
	struct item	 it, *subs;
	struct item_guide g;
	struct channel	 ch;
	const char	*code;
	size_t		 i, nsubs;

	if ((code = form_get(r, "code")) == NULL || strlen(code) > 40)
		return reply_error(r, 400, "事项编码格式不正确。");
	/* The item with its parent's name, whether it takes bookings, its
	 * 满意度, materials, steps, sub-items, texts and 常见问题, in one
	 * statement (issue #12). */
	switch (catalog_guide(r->db, r->pool, code, RT_GOOD, &it, &g)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个事项，可能已停止办理。"
		    "请回到首页重新选择。");
	default:
		return reply_error(r, 500, NULL);
	}
	view_item(r, "Item", &it);
	subs = g.subs;
	nsubs = g.nsubs;
	for (i = 0; i < nsubs; i++) {
		char *p = pool_printf(r->pool, "Item.Subitems.%zu", i);
		hdf_put(r, p, "code", subs[i].code);
		hdf_put(r, p, "name", subs[i].name);
		hdf_put(r, p, "phase", subs[i].phase);
		hdf_put(r, p, "depth_label",
		    catalog_depth_label(subs[i].depth));
	}
	catalog_channel(&it, subs, nsubs, &ch);
	hdf_putf(r, "Item.Channel", "online", "%d", ch.online);
	hdf_putf(r, "Item.Channel", "any_online", "%d", ch.any_online);
	hdf_putf(r, "Item.Channel", "parts", "%zu", ch.parts);
	hdf_putf(r, "Item.Channel", "parts_online", "%zu", ch.parts_online);
	hdf_putf(r, "Item.Channel", "vmax", "%d", ch.vmax);
	hdf_put(r, "Item.Channel", "visits", ch.vmin == ch.vmax ?
	    pool_printf(r->pool, "%d 次", ch.vmin) :
	    pool_printf(r->pool, "%d–%d 次（视办理情形）", ch.vmin, ch.vmax));
	if (*it.parent_code != '\0' && g.parent_name != NULL) {
		hdf_set(r, "Item.Parent.code", it.parent_code);
		hdf_set(r, "Item.Parent.name", g.parent_name);
	}
	/* The policy and law texts that govern it (CAT-5, PUB-2). */
	for (i = 0; i < g.nlaws; i++) {
		char *p = pool_printf(r->pool, "Item.Laws.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)g.laws[i].id);
		hdf_put(r, p, "title", g.laws[i].title);
		hdf_put(r, p, "published_at", g.laws[i].at);
	}
	/* 满意度 (EXT-8): only from enough ratings to mean something. */
	if (g.rated >= RT_SCORE_MIN) {
		hdf_setf(r, "Item.Score.n", "%lld", (long long)g.rated);
		hdf_setf(r, "Item.Score.rate", "%lld", (long long)((g.good *
		    1000 / g.rated + 5) / 10));
	}
	hdf_set(r, "Item.bookable", g.bookable ? "1" : "0");	/* EXT-10 */
	/* 常见问题 and the question form (EXT-7, ext_consult.c). */
	consult_view_faqs(r, g.faqs, g.nfaqs);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s · 办事指南",
	    it.name));
	return render(r, "ext/guide.cs");
}

/*
 * GET /chart?code=…
 * The item's procedure drawn as SVG (审批运行流程图, FLOW-1), for an <img>.
 */
int
page_ext_chart(struct req *r)
{
	struct item	 it;
	struct wf_net	 net;
	struct flowchart_opts opts;
	const char	*code;
	char		*svg;
	int		*days;
	size_t		 i;

	if ((code = form_get(r, "code")) == NULL || strlen(code) > 40)
		return reply_error(r, 400, "事项编码格式不正确。");
	if (catalog_published(r->db, r->pool, code, &it) != DB_OK)
		return reply_error(r, 404, "没有找到这个事项。");
	catalog_net(NULL, r->pool, &it, &net);
	days = pool_alloc(r->pool, (it.nsteps + 1) * sizeof(*days));
	for (i = 0; i < it.nsteps; i++)
		days[i] = it.steps[i].days;
	memset(&opts, 0, sizeof(opts));
	opts.days = days;
	opts.home_dept = it.dept_code;
	opts.title = pool_printf(r->pool, "%s 审批运行流程图", it.name);
	svg = flowchart_svg_opts(&net, &opts, r->pool);
	return reply_raw(r, "image/svg+xml; charset=utf-8", svg, strlen(svg),
	    NULL);
}

/*
 * GET /form?code=…&m=…&kind=form|sample
 * The blank form or filled sample of material m (CAT-1, CAT-5).
 */
int
page_ext_form(struct req *r)
{
	struct item		 it;
	const struct material	*m = NULL;
	const char		*code, *kind, *v, *sha, *name;
	size_t			 i;
	long			 seq;

	code = form_get(r, "code");
	kind = form_get(r, "kind");
	v = form_get(r, "m");
	seq = v ? strtol(v, NULL, 10) : 0;
	if (code == NULL || strlen(code) > 40 || seq <= 0 || kind == NULL ||
	    (strcmp(kind, "form") != 0 && strcmp(kind, "sample") != 0))
		return reply_error(r, 400, NULL);
	if (catalog_published(r->db, r->pool, code, &it) != DB_OK)
		return reply_error(r, 404, "没有找到这个事项。");
	for (i = 0; i < it.nmaterials; i++)
		if (it.materials[i].seq == seq)
			m = &it.materials[i];
	if (m == NULL)
		return reply_error(r, 404, "没有这份材料。");
	sha = strcmp(kind, "form") == 0 ? m->form_sha : m->sample_sha;
	name = strcmp(kind, "form") == 0 ? m->form : m->sample;
	if (*sha == '\0')
		return reply_error(r, 404, "这份材料没有可下载的表格。");
	return reply_file(r, files_path(r->cfg->files_dir, sha, r->pool),
	    "application/pdf", name);
}
