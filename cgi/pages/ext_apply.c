/*
 * ext_apply.c: online application (EXT-1) and its receipt (EXT-2).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "account.h"
#include "files.h"
#include "log.h"
#include "pages.h"
#include "utf8.h"

#define REMARK_MAX	2000

/* The published, online item named by the form's code, or a reply. */
static int
load_item(struct req *r, struct item *it)
{
	const char	*code;

	if ((code = form_get(r, "code")) == NULL || strlen(code) > 40)
		return reply_error(r, 400, "事项编码格式不正确。");
	switch (catalog_published(r->db, r->pool, code, it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个事项，可能已停止办理。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (it->depth[0] != 'A' && it->depth[0] != 'B')
		return reply_error(r, 403, "这个事项不能在网上申请，请按办事指南"
		    "到窗口办理。");
	return 0;
}

static int
show_form(struct req *r, const struct item *it, const char *why)
{
	char	*mobile = NULL;

	view_item(r, "Item", it);
	(void)account_citizen_mobile(r->db, r->pool, r->user.id, &mobile);
	hdf_set(r, "Applicant.name", r->user.name);
	hdf_set(r, "Applicant.id_number_masked",
	    view_mask(r, r->user.login, 6, 4));
	hdf_set(r, "Applicant.mobile", mobile);
	if (why != NULL) {
		r->status = 422;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.remark", form_text(r, "remark"));
	}
	hdf_set(r, "Page.Title", pool_printf(r->pool, "在线申请 · %s",
	    it->name));
	return render(r, "ext/apply.cs");
}

/*
 * GET /apply?code=…
 */
int
page_ext_apply_form(struct req *r)
{
	struct item	 it;
	int		 rc;

	if ((rc = load_item(r, &it)) != 0)
		return rc;
	return show_form(r, &it, NULL);
}

/*
 * POST /apply (multipart): code, remark, and a file m<seq> per material.
 * Every file is checked before any is stored, so a refused application
 * leaves nothing behind.
 */
int
page_ext_apply(struct req *r)
{
	struct item		 it;
	struct attachment	*atts;
	FILE			**fps;
	const char		*remark, *fname, *mime;
	char			*mobile = NULL, *app_no, field[16];
	size_t			 i, n = 0, size;
	int			 rc;

	if ((rc = load_item(r, &it)) != 0)
		return rc;
	remark = form_text(r, "remark");
	if (remark != NULL && strlen(remark) > REMARK_MAX)
		return show_form(r, &it, "申请说明太长，请控制在 2000 字以内。");
	atts = pool_alloc(r->pool, (it.nmaterials + 1) * sizeof(*atts));
	fps = pool_alloc(r->pool, (it.nmaterials + 1) * sizeof(*fps));
	for (i = 0; i < it.nmaterials; i++) {
		const struct material *m = &it.materials[i];

		snprintf(field, sizeof(field), "m%d", m->seq);
		if (form_file(r, field, &fps[n], &size, &fname) == -1 ||
		    size == 0) {
			if (m->required)
				return show_form(r, &it, pool_printf(r->pool,
				    "请上传「%s」（必交材料）。", m->name));
			continue;
		}
		if (size > r->cfg->max_upload)
			return show_form(r, &it, pool_printf(r->pool,
			    "「%s」超过 10 MB，请压缩或分页扫描后重新上传。",
			    m->name));
		/* The type is judged by content, never by the file name. */
		mime = files_mime(fps[n], r->pool);
		if (mime == NULL || strcmp(mime, "application/pdf") != 0)
			return show_form(r, &it, pool_printf(r->pool,
			    "「%s」不是 PDF 文件，请用扫描仪或手机扫描软件保存为"
			    " PDF 后重新上传。", m->name));
		atts[n].material_seq = m->seq;
		atts[n].material_name = m->name;
		atts[n].file_name = fname == NULL ? "材料.pdf" :
		    pool_strndup(r->pool, fname, utf8_prefix(fname, 180));
		atts[n].size = (int64_t)size;
		atts[n].mime = (char *)mime;
		n++;
	}
	for (i = 0; i < n; i++)
		if (files_store(r->cfg->files_dir, fps[i], atts[i].sha256) == -1)
			return reply_error(r, 500, "保存附件时出错，您的申请没有"
			    "提交，请稍后再试。");
	(void)account_citizen_mobile(r->db, r->pool, r->user.id, &mobile);
	if (app_submit(r->db, r->pool, &it, &r->user, mobile ? mobile : "",
	    remark, atts, n, &app_no) != DB_OK)
		return reply_error(r, 500, "提交申请时出错，您的申请没有提交，"
		    "请稍后再试。");
	return reply_redirect(r, pool_printf(r->pool, "/receipt?no=%s",
	    app_no));
}

/* Load application no for its owner; 0, or the reply already sent. */
static int
load_own(struct req *r, struct application *a)
{
	const char	*no;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > 20)
		return reply_error(r, 400, "申请编号格式不正确。");
	switch (app_get(r->db, r->pool, no, a)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
	/* Somebody else's application is as if it did not exist. */
	if (a->citizen_id != r->user.id)
		return reply_error(r, 404, "没有找到这个申请。");
	return 0;
}

/*
 * GET /receipt?no=…  接件凭证
 */
int
page_ext_receipt(struct req *r)
{
	struct application	 a;
	int			 rc;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	view_app(r, "App", &a);
	hdf_set(r, "Page.Title", "接件凭证");
	return render(r, "ext/receipt.cs");
}

/*
 * GET /app?no=…  one application with its progress.
 */
int
page_ext_app(struct req *r)
{
	struct application	 a;
	int			 rc;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	view_app(r, "App", &a);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "办件 %s", a.app_no));
	return render(r, "ext/app.cs");
}

/*
 * GET /my  the applicant's applications.
 */
int
page_ext_my(struct req *r)
{
	struct application	*v;
	size_t			 n, i;

	if (app_list(r->db, r->pool, r->user.id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Apps.%zu", i);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", v[i].state_label);
		hdf_put(r, p, "submitted_at", v[i].submitted_at);
		hdf_put(r, p, "updated_at", v[i].updated_at);
	}
	hdf_set(r, "Page.Title", "我的办件");
	return render(r, "ext/my.cs");
}

int
page_ext_query_form(struct req *r)
{
	hdf_set(r, "Page.Title", "办件查询");
	return render(r, "ext/query.cs");
}

/*
 * POST /query: application number and the applicant's ID number, without
 * login (EXT-3).  A wrong pair and an unknown number answer alike.
 */
int
page_ext_query(struct req *r)
{
	struct application	 a;
	const char		*no, *idno;
	enum db_rc		 rc = DB_NONE;

	no = form_get(r, "app_no");
	idno = form_get(r, "id_number");
	hdf_set(r, "Page.Title", "办件查询");
	if (no != NULL && idno != NULL && strlen(no) <= 20 &&
	    strlen(idno) == 18) {
		rc = app_get(r->db, r->pool, no, &a);
		if (rc == DB_ERR)
			return reply_error(r, 500, NULL);
		if (rc == DB_OK && strcasecmp(a.id_number, idno) != 0)
			rc = DB_NONE;
	}
	if (rc != DB_OK) {
		r->status = 422;
		hdf_set(r, "Form.Error", "没有查到：请核对申请编号（接件凭证上"
		    "以 YW 开头的编号）和申请人的身份证号码。");
		hdf_set(r, "Form.app_no", no);
		return render(r, "ext/query.cs");
	}
	view_app(r, "App", &a);
	return render(r, "ext/query.cs");
}

/*
 * GET /doc?no=…  a notice or decision issued to the logged-in applicant.
 */
int
page_ext_doc(struct req *r)
{
	struct application	 a;
	struct doc		 d;
	const char		*no;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > 60)
		return reply_error(r, 400, "文书编号格式不正确。");
	switch (doc_get(r->db, r->pool, no, &d)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这份文书。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (app_get(r->db, r->pool, d.app_no, &a) != DB_OK ||
	    a.citizen_id != r->user.id)
		return reply_error(r, 404, "没有找到这份文书。");
	if (view_doc(r, &d) == -1)
		return reply_error(r, 500, NULL);
	return render(r, "doc/notice.cs");
}
