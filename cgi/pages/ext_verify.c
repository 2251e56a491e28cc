/*
 * ext_verify.c: verification of issued documents and licences without
 * login (文书核验, EXT-6, DOC-1, DOC-2; docs/seal.md), and the export an
 * offline verifier reads.
 */
#include <string.h>

#include "docseal.h"
#include "pages.h"
#include "publish.h"
#include "throttle.h"
#include "utf8.h"

#define NO_MAX	60		/* document.doc_no */

/* One answer for a missing number, a wrong code and a changed text. */
static const char MISS[] = "该文书不存在或已被篡改。请核对文号和校验码（文书"
    "右下方印章旁的 8 位字符）；仍不一致的，该文书不是本平台签发的原件，请"
    "勿采信，可向签发部门核实。";

enum look {
	LOOK_OK,	/* found, and its seal verifies */
	LOOK_MISS,
	LOOK_BUSY,	/* too many misses: *msg says till when */
	LOOK_ERR,
};

/*
 * The document no with check code code, if its seal verifies here.
 * Misses count per number and per address (throttle.h) like wrong
 * passwords, so codes cannot be tried one after another.
 */
static enum look
look_up(struct req *r, const char *no, const char *code,
    struct seal_view *v, const char **msg)
{
	const char	*addr = request_param(r, "REMOTE_ADDR");
	char		 norm[DOCSIG_CODE_LEN + 1];
	enum db_rc	 rc;
	int		 c1, c2;

	*msg = MISS;
	if ((c1 = throttle_closed(r->db, r->pool, &TH_VERIFY_ADDR, addr)) ==
	    -1 || (c2 = throttle_closed(r->db, r->pool, &TH_VERIFY_NUMBER,
	    no)) == -1)
		return LOOK_ERR;
	if (c1 || c2) {
		*msg = pool_printf(r->pool, "%s核验失败的次数过多，为防止有人"
		    "猜测校验码，请%s再试。", c1 ? "从您的网络地址" :
		    "这个文号", c1 ? TH_VERIFY_ADDR.reopens :
		    TH_VERIFY_NUMBER.reopens);
		return LOOK_BUSY;
	}
	rc = docsig_code_normal(code, norm) == -1 ? DB_NONE :
	    docseal_find(r->db, r->pool, no, norm, v);
	if (rc == DB_ERR)
		return LOOK_ERR;
	if (rc == DB_OK && v->verified)
		return LOOK_OK;
	if (throttle_count(r->db, &TH_VERIFY_ADDR, addr) != DB_OK ||
	    throttle_count(r->db, &TH_VERIFY_NUMBER, no) != DB_OK)
		return LOOK_ERR;
	return LOOK_MISS;
}

/* no and code from the query, or NULL when not text a form could send. */
static int
params(struct req *r, const char **no, const char **code)
{
	*no = form_get(r, "no");
	*code = form_get(r, "code");
	if (*no == NULL || *code == NULL || **no == '\0' || **code == '\0' ||
	    strlen(*no) > NO_MAX || strlen(*code) > 20 ||
	    utf8_check(*no, strlen(*no), 0, NULL) != UTF8_OK ||
	    utf8_check(*code, strlen(*code), 0, NULL) != UTF8_OK)
		return -1;
	return 0;
}

/*
 * GET /verify[?no=…&code=…]: the form (文号 + 校验码), or the verdict on
 * the document they name, with its content as issued and the
 * applicant's name masked.  Scanning a sealed document's QR code opens
 * this with both filled in.
 */
int
page_ext_verify(struct req *r)
{
	struct seal_view v;
	const char	*no, *code, *msg;

	hdf_set(r, "Page.Title", "文书核验");
	if (form_get(r, "no") == NULL && form_get(r, "code") == NULL)
		return render(r, "ext/verify.cs");
	if (params(r, &no, &code) == -1) {
		r->status = 422;
		hdf_set(r, "Form.Error", "请填写文书上的文号和 8 位校验码。");
		return render(r, "ext/verify.cs");
	}
	hdf_set(r, "Form.no", no);
	hdf_set(r, "Form.code", code);
	switch (look_up(r, no, code, &v, &msg)) {
	case LOOK_OK:
		break;
	case LOOK_MISS:
		r->status = 404;
		hdf_set(r, "Form.Error", msg);
		return render(r, "ext/verify.cs");
	case LOOK_BUSY:
		r->status = 429;
		hdf_set(r, "Form.Error", msg);
		return render(r, "ext/verify.cs");
	default:
		return reply_error(r, 500, NULL);
	}
	if (view_sealed(r, &v) == -1)
		return reply_error(r, 500, NULL);
	/* Whoever holds the paper may scan it: the name shows masked, a
	 * person's on a licence too (an enterprise's is public). */
	hdf_set(r, "Doc.applicant_name", pub_mask_name(r->pool,
	    hdf_get_value(r->hdf, "Doc.applicant_name", "")));
	if (*hdf_get_value(r->hdf, "Doc.credit_code", "") == '\0')
		hdf_set(r, "Doc.holder", pub_mask_name(r->pool,
		    hdf_get_value(r->hdf, "Doc.holder", "")));
	hdf_set(r, "Doc.public", "1");
	hdf_set(r, "Page.Title", "文书核验");
	hdf_set(r, "Page.Layout", "layout.cs");
	return render(r, "ext/verify.cs");
}

/* The export of a verified document as a download (docs/seal.md). */
static int
send_export(struct req *r, const struct seal_view *v)
{
	char	*s;

	if ((s = docseal_export(r->pool, v)) == NULL)
		return reply_error(r, 500, NULL);
	return reply_raw(r, "application/json", s, strlen(s),
	    pool_printf(r->pool, "%s.json", v->d.doc_no));
}

/* GET /verify/download?no=…&code=…: what /verify shows, as the export
 * yiwang-admin verify-doc reads. */
int
page_ext_verify_download(struct req *r)
{
	struct seal_view v;
	const char	*no, *code, *msg;

	if (params(r, &no, &code) == -1)
		return reply_error(r, 400, "请填写文书上的文号和 8 位校验码。");
	switch (look_up(r, no, code, &v, &msg)) {
	case LOOK_OK:
		return send_export(r, &v);
	case LOOK_MISS:
		return reply_error(r, 404, msg);
	case LOOK_BUSY:
		return reply_error(r, 429, msg);
	default:
		return reply_error(r, 500, NULL);
	}
}

int
sealed_readable(struct req *r, const char *no, struct seal_view *v)
{
	struct application a;

	switch (docseal_view(r->db, r->pool, no, v)) {
	case DB_OK:
		break;
	case DB_NONE:
		return 404;
	default:
		return 500;
	}
	if (app_get(r->db, r->pool, v->d.app_no, &a) != DB_OK ||
	    app_readable(r, &a) != 1)
		return 404;
	return 0;
}

/* GET /doc/download?no=…: a sealed document of an application the person
 * may read (app_readable()), as an export. */
int
page_ext_doc_download(struct req *r)
{
	struct seal_view v;
	const char	*no;
	int		 status;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > NO_MAX)
		return reply_error(r, 400, "文书编号格式不正确。");
	if ((status = sealed_readable(r, no, &v)) != 0)
		return reply_error(r, status, status == 404 ? "没有找到这份文书。" :
		    NULL);
	if (v.sig_hex == NULL)
		return reply_error(r, 404, "这份文书没有加盖电子印章，没有可供"
		    "核验的导出文件；纸质文书以签发部门的印章为准。");
	if (!v.verified)
		return reply_error(r, 409, "这份文书的电子印章暂时无法核验（签发"
		    "部门的印章公钥尚未送达外网，或文书已被改动），请稍后再试或"
		    "向签发部门咨询。");
	return send_export(r, &v);
}
