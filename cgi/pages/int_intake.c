/*
 * int_intake.c: 窗口收件 (INT-1; issue #11): a window clerk registers a
 * walk-in application and prints its receipt (收件回执).  The rules are
 * intake.c's; the files are judged as the online form judges them
 * (upload_take(), ext_apply.c).
 */
#include <stdlib.h>
#include <string.h>

#include "intake.h"
#include "pages.h"
#include "qrsvg.h"
#include "utf8.h"

/* What the form keeps on a refusal (the files must be chosen again,
 * which the page says; the paper ticks stay). */
static const char *const kept[] = { "item", "q", "name", "id_number",
    "mobile", "credit_code", "ent_name", "remark", NULL };

/* The department's published items matching q (NULL: all) as Items.N. */
static int
put_items(struct req *r, const char *q)
{
	struct item	*v;
	size_t		 n, i, k = 0;
	char		*p;

	if (catalog_list(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if (r->user.dept_code == NULL ||
		    strcmp(v[i].dept_code, r->user.dept_code) != 0 ||
		    (q != NULL && strstr(v[i].name, q) == NULL &&
		    strstr(v[i].code, q) == NULL))
			continue;
		p = pool_printf(r->pool, "Items.%zu", k++);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
	}
	return 0;
}

/* Item.* and its material slots, with the paper ticks as posted. */
void
intake_put_item(struct req *r, const struct item *it)
{
	const struct material	*m;
	char			*p, f[16];
	size_t			 i;

	hdf_put(r, "Item", "code", it->code);
	hdf_put(r, "Item", "name", it->name);
	hdf_put(r, "Item", "dept", it->dept_name);
	hdf_putf(r, "Item", "promised_days", "%d", it->promised_days);
	for (i = 0; i < it->nmaterials; i++) {
		m = &it->materials[i];
		p = pool_printf(r->pool, "Item.materials.%zu", i);
		hdf_putf(r, p, "seq", "%d", m->seq);
		hdf_put(r, p, "name", m->name);
		hdf_put(r, p, "original", m->original);
		hdf_putf(r, p, "copies", "%d", m->copies);
		hdf_putf(r, p, "required", "%d", m->required);
		snprintf(f, sizeof(f), "p%d", m->seq);
		hdf_putf(r, p, "paper", "%d", form_get(r, f) != NULL);
		snprintf(f, sizeof(f), "pg%d", m->seq);
		hdf_put(r, p, "pages", form_get(r, f));
	}
}

/* The page: the item search, and the form of the item chosen. */
static int
intake_page(struct req *r, const struct item *it, int status,
    const char *why)
{
	const char	*q = form_get(r, "q");
	size_t		 i;

	if (put_items(r, q) == -1)
		return reply_error(r, 500, NULL);
	if (it != NULL)
		intake_put_item(r, it);
	for (i = 0; kept[i] != NULL; i++)
		hdf_put(r, "Form", kept[i], strcmp(kept[i], "remark") == 0 ?
		    form_text(r, kept[i]) : form_get(r, kept[i]));
	if (why != NULL)
		hdf_set(r, "Form.Error", why);
	hdf_putf(r, "Page", "MaxUploadMB", "%zu", r->cfg->max_upload >> 20);
	/* Nothing was stored under a refused form's key: it stays. */
	view_form_key(r, status != 200);
	hdf_set(r, "Page.Title", "窗口收件");
	r->status = status;
	return render(r, "int/intake.cs");
}

/* The item named by the form, of the clerk's department: 1, 0 none
 * named, -1 not found (a 404 sent). */
static int
chosen(struct req *r, struct item *it)
{
	const char	*code = form_get(r, "item");

	if (code == NULL)
		return 0;
	switch (catalog_published(r->db, r->pool, code, it)) {
	case DB_OK:
		if (r->user.dept_code != NULL &&
		    strcmp(it->dept_code, r->user.dept_code) == 0)
			return 1;
		/* FALLTHROUGH */
	case DB_NONE:
		reply_error(r, 404, "没有找到本部门的这个事项，请重新搜索。");
		return -1;
	default:
		reply_error(r, 500, NULL);
		return -1;
	}
}

/* GET /hall/intake?q=&item=: search the department's items, the form. */
int
page_int_intake(struct req *r)
{
	struct item	 it;
	int		 c;

	if ((c = chosen(r, &it)) == -1)
		return 0;
	return intake_page(r, c ? &it : NULL, 200, NULL);
}

/* A small count typed for paper: 0..max, def when blank; -1 bad. */
static int
count(struct req *r, const char *name, int def, int max)
{
	const char	*v = form_get(r, name);
	char		*end;
	long		 n;

	if (v == NULL)
		return def;
	n = strtol(v, &end, 10);
	return *end != '\0' || n < 0 || n > max || strlen(v) > 6 ? -1 :
	    (int)n;
}

const char *
intake_form_read(struct req *r, const struct item *it, int paper_ok,
    struct intake *in, struct intake_files *fl, int *status)
{
	struct files_rule	 rule;
	struct intake_paper	*paper;
	const struct material	*m;
	const char		*why = NULL, *w;
	char			 f[16];
	size_t			 i, n = 0, np = 0;
	int			 s, pages;

	*status = 422;
	upload_rule(r, &rule);
	fl->atts = pool_alloc(r->pool, (it->nmaterials + 1) *
	    sizeof(*fl->atts));
	fl->puts = pool_alloc(r->pool, (it->nmaterials + 1) *
	    sizeof(*fl->puts));
	fl->fps = pool_alloc(r->pool, (it->nmaterials + 1) * sizeof(*fl->fps));
	paper = pool_alloc(r->pool, (it->nmaterials + 1) * sizeof(*paper));
	for (i = 0; i < it->nmaterials; i++) {
		m = &it->materials[i];
		snprintf(f, sizeof(f), "p%d", m->seq);
		if (paper_ok && form_get(r, f) != NULL) {	/* 纸质已收 */
			snprintf(f, sizeof(f), "pg%d", m->seq);
			if ((pages = count(r, f, 0, 99999)) == -1 &&
			    why == NULL)
				why = pool_printf(r->pool, "「%s」的页数应为 0 到 "
				    "99999 的整数。", m->name);
			paper[np].material_seq = m->seq;
			paper[np].material_name = m->name;
			paper[np].copies = m->copies > 0 ? m->copies : 1;
			paper[np++].pages = pages < 0 ? 0 : pages;
			continue;
		}
		switch (upload_take(r, m, &rule, -1, &fl->fps[n],
		    &fl->atts[n], &s, &w)) {
		case -1:
			if (why == NULL) {
				why = w;
				*status = s;
			}
			break;
		case 1:
			n++;
			break;
		}
	}
	memset(in, 0, sizeof(*in));
	in->it = it;
	in->name = form_get(r, "name");
	in->id_number = form_get(r, "id_number");
	in->mobile = form_get(r, "mobile");
	in->credit_code = form_get(r, "credit_code");
	in->ent_name = form_get(r, "ent_name");
	in->remark = form_text(r, "remark");
	in->atts = fl->atts;
	in->natts = fl->n = n;
	in->paper = paper;
	in->npaper = np;
	return why;
}

/*
 * POST /hall/intake (multipart): item, name, id_number, mobile,
 * credit_code and ent_name (an enterprise), remark, and per material m<seq>
 * a file, or p<seq> ticked (纸质已收) with pg<seq> its pages.  Refused
 * with the form again (422, 503 when the scan could not be done) saying
 * what to change; made: the receipt.
 */
int
page_int_intake_add(struct req *r)
{
	struct item		 it;
	struct intake		 in;
	struct intake_files	 fl;
	const char		*why = NULL, *key;
	char			*app_no;
	size_t			 i, n;
	int64_t			 case_id;
	int			 c, status;

	if ((c = chosen(r, &it)) == -1)
		return 0;
	if (c == 0)
		return intake_page(r, NULL, 422, "请先搜索并选择要办理的事项。");
	/* The same form again (Back, a retry): the case it registered. */
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "收件页面已过期。请先在「待办件」中"
		    "查看这份申请是否已经登记；没有的话，请重新打开窗口收件"
		    "页面登记。");
	switch (intake_by_key(r->db, r->pool, key, &app_no)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/hall/intake/receipt?no=%s", app_no));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	why = intake_form_read(r, &it, 1, &in, &fl, &status);
	n = fl.n;
	in.form_key = key;
	if (why == NULL)
		why = intake_check(r->pool, &in, beijing_today());
	if (why != NULL)
		return intake_page(r, &it, status, pool_printf(r->pool, "%s%s",
		    why, n > 0 ? "请重新选择要上传的文件。" : ""));
	if (upload_store(r, fl.fps, fl.puts, fl.atts, n) == -1)
		return reply_error(r, 500, "保存扫描件时出错，这份申请没有登记。"
		    "请稍后重新提交。");
	switch (intake_register(r->db, r->pool, &r->user, &in,
	    beijing_today(), &app_no, &case_id, &why)) {
	case DB_OK:
		for (i = 0; i < n; i++)
			files_release(&fl.puts[i]);
		return reply_redirect(r, pool_printf(r->pool,
		    "/hall/intake/receipt?no=%s", app_no));
	case DB_DUP:	/* posted twice at once: the first's */
		upload_discard(r, fl.puts, n);
		return reply_redirect(r, pool_printf(r->pool,
		    "/hall/intake/receipt?no=%s", app_no));
	case DB_NONE:
		upload_discard(r, fl.puts, n);
		return intake_page(r, &it, 422, pool_printf(r->pool, "%s%s",
		    why, n > 0 ? "请重新选择要上传的文件。" : ""));
	default:
		upload_discard(r, fl.puts, n);
		return reply_error(r, 500, "登记时出错，这份申请没有登记。"
		    "请稍后重新提交。");
	}
}

/* A QR code's SVG (qrsvg.h, labelled for sealed documents) labelled
 * for what this one opens. */
static char *
qr_label(struct req *r, char *svg)
{
	static const char	 was[] = "文书核验二维码";
	char			*at;

	if (svg == NULL || (at = strstr(svg, was)) == NULL)
		return svg;
	return pool_printf(r->pool, "%.*s办件查询网址二维码%s",
	    (int)(at - svg), svg, at + sizeof(was) - 1);
}

/* GET /hall/intake/receipt?no=: the receipt, for the department. */
int
page_int_intake_receipt(struct req *r)
{
	return intake_receipt_page(r, form_get(r, "no"), r->user.dept_code);
}

int
intake_receipt_page(struct req *r, const char *no, const char *dept)
{
	struct intake_receipt	 v;
	const char		*url;
	char			*p, *svg;
	size_t			 i, n;

	switch (intake_receipt(r->db, r->pool, no != NULL && strlen(no) <= 20 ?
	    no : NULL, dept, &v)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到本部门窗口登记的这份申请。");
	default:
		return reply_error(r, 500, NULL);
	}
	hdf_put(r, "Receipt", "app_no", v.app_no);
	hdf_put(r, "Receipt", "item_name", v.item_name);
	hdf_put(r, "Receipt", "applicant", v.applicant_name);
	hdf_put(r, "Receipt", "id_number", view_mask(r, v.id_number, 6, 4));
	hdf_put(r, "Receipt", "entity", v.entity_name);
	hdf_put(r, "Receipt", "agency", v.agency);
	hdf_put(r, "Receipt", "received_at", v.received_at);
	hdf_put(r, "Receipt", "clerk", v.clerk);
	hdf_put(r, "Receipt", "dept", v.dept_name);
	hdf_put(r, "Receipt", "promised_due", v.promised_due);
	hdf_putf(r, "Receipt", "online", "%d", v.online);
	/* Followed on the extranet's /query, whose address is the seal
	 * verification page's neighbour (config verify_url); its QR code
	 * as sealed documents draw theirs. */
	if (v.online && (url = r->cfg->verify_url) != NULL &&
	    (n = strlen(url)) > 7 && strcmp(url + n - 7, "/verify") == 0) {
		url = pool_printf(r->pool, "%.*s/query", (int)(n - 7), url);
		hdf_put(r, "Receipt", "query_url", url);
		svg = qr_label(r, qr_svg(r->pool, url));
		hdf_put(r, "Receipt", "qr_html", svg);
	}
	for (i = 0; i < v.natts; i++) {
		p = pool_printf(r->pool, "Receipt.scanned.%zu", i);
		hdf_put(r, p, "name", v.atts[i].material_name);
		hdf_put(r, p, "file", v.atts[i].file_name);
	}
	for (i = 0; i < v.npaper; i++) {
		p = pool_printf(r->pool, "Receipt.paper.%zu", i);
		hdf_put(r, p, "name", v.paper[i].material_name);
		hdf_putf(r, p, "copies", "%d", v.paper[i].copies);
		hdf_putf(r, p, "pages", "%d", v.paper[i].pages);
	}
	hdf_set(r, "Page.Title", "收件回执");
	return render(r, "int/intake_receipt.cs");
}
