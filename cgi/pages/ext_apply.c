/*
 * ext_apply.c: online application (EXT-1) and its receipt (EXT-2).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "account.h"
#include "crypto.h"
#include "files.h"
#include "ids.h"
#include "log.h"
#include "docseal.h"
#include "pages.h"
#include "text.h"
#include "throttle.h"
#include "utf8.h"

#define REMARK_MAX	2000	/* characters (records.c REMARK_CHARS) */

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

/*
 * The form, fresh (why NULL) or again after a refusal with status.  A
 * form shown again keeps its key: nothing was stored under it yet.
 */
static int
show_form(struct req *r, const struct item *it, int status, const char *why)
{
	char		*idno = NULL, *mobile = NULL;

	view_item(r, "Item", it);
	if (account_citizen_personal(r->db, r->pool, r->user.id, &idno,
	    &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Applicant.name", r->user.name);
	hdf_set(r, "Applicant.id_number_masked", view_mask(r, idno, 6, 4));
	hdf_set(r, "Applicant.mobile", mobile);
	view_form_key(r, why != NULL);
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.remark", form_text(r, "remark"));
	}
	hdf_setf(r, "Limits.upload_mb", "%zu", r->cfg->max_upload >> 20);
	hdf_setf(r, "Limits.remark", "%d", REMARK_MAX);
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
	return show_form(r, &it, 200, NULL);
}

/* The day's quota is used (SEC-8): say which, and when it comes back. */
static int
over_quota(struct req *r, enum app_rc why)
{
	const char	*call;

	call = r->cfg->org_phone == NULL ? "" : pool_printf(r->pool,
	    "如有急事，请拨打政务服务中心电话 %s。", r->cfg->org_phone);
	if (why == APP_OVER_COUNT)
		return reply_error(r, 429, pool_printf(r->pool, "您今天提交的"
		    "申请已达到每个账号每天 %zu 件的上限。明天（北京时间 0 点"
		    "以后）可以再提交。%s", r->cfg->quota_apps, call));
	return reply_error(r, 429, pool_printf(r->pool, "您今天上传的材料已"
	    "达到每个账号每天 %zu MB 的上限，这份申请没有保存。明天（北京时间 "
	    "0 点以后）可以再提交。%s", r->cfg->quota_bytes / (1024 * 1024),
	    call));
}

/*
 * Why material m's file was refused by files_vet(), and what to do: 422,
 * or 503 when only the scan could not be done (*status).
 */
static const char *
file_refusal(struct req *r, const char *m, enum files_vet v,
    const char *detail, int *status)
{
	const char	*redo = "请用扫描软件或电脑上的“打印”→“另存为 PDF”"
			    "重新生成一份不含表单和脚本的 PDF 文件后再上传。";

	*status = 422;
	switch (v) {
	case FILES_UNSCANNED:
		*status = 503;
		return "暂时无法进行病毒检查，请稍后再提交。您提交的内容没有"
		    "保存。";
	case FILES_VIRUS:
		return pool_printf(r->pool, "「%s」%s（%s），不能接收。请用杀毒"
		    "软件检查您的电脑，换用干净的文件后再上传。", m,
		    files_vet_why(v), detail ? detail : "");
	case FILES_TYPE:
		return pool_printf(r->pool, "「%s」不是 PDF 文件，请用扫描仪或"
		    "手机扫描软件保存为 PDF 后重新上传。", m);
	case FILES_DAMAGED:
		return pool_printf(r->pool, "「%s」不是完好的 PDF 文件。%s", m,
		    redo);
	case FILES_ENCRYPTED:
		return pool_printf(r->pool, "「%s」%s，无法检查。请去掉密码后"
		    "重新保存为 PDF 再上传。", m, files_vet_why(v));
	case FILES_SCRIPT:
	case FILES_ACTION:
	case FILES_LAUNCH:
	case FILES_EMBEDDED:
	case FILES_MEDIA:
	case FILES_FORM:
		return pool_printf(r->pool, "「%s」%s，为了安全不能接收。%s", m,
		    files_vet_why(v), redo);
	default:
		return pool_printf(r->pool, "「%s」%s，请重新上传。", m,
		    files_vet_why(v));
	}
}

/* What every upload of an applicant is judged by (files.h). */
static void
upload_rule(struct req *r, struct files_rule *rule)
{
	rule->types = files_pdf;
	rule->size = -1;
	rule->max = r->cfg->max_upload;
	rule->scanner = r->cfg->clamd_socket;
	rule->scan_timeout = (int)r->cfg->clamd_timeout;
}

/*
 * The file posted as m<seq> for material m, judged by rule: 1 with *fp
 * and *a (but its digest), 0 when none was posted, -1 when it is refused
 * (*why, *status).
 */
static int
take_file(struct req *r, const struct material *m,
    const struct files_rule *rule, FILE **fp, struct attachment *a,
    int *status, const char **why)
{
	const char	*fname, *mime, *detail;
	char		 field[16];
	size_t		 size;
	enum files_vet	 v;

	snprintf(field, sizeof(field), "m%d", m->seq);
	if (form_file(r, field, fp, &size, &fname) == -1 || size == 0)
		return 0;
	*status = 422;
	if (size > r->cfg->max_upload) {
		*why = pool_printf(r->pool, "「%s」超过 %zu MB，请压缩或分页扫描"
		    "后重新上传。", m->name, r->cfg->max_upload >> 20);
		return -1;
	}
	/* Type by content, structure and malware: one judgement. */
	if ((v = files_vet(*fp, rule, r->pool, &mime, &detail)) != FILES_OK) {
		*why = file_refusal(r, m->name, v, detail, status);
		return -1;
	}
	memset(a, 0, sizeof(*a));
	a->material_seq = m->seq;
	a->material_name = m->name;
	a->file_name = fname == NULL ? "材料.pdf" : pool_strndup(r->pool, fname,
	    utf8_prefix(fname, 180));
	a->size = (int64_t)size;
	a->mime = (char *)mime;
	return 1;
}

/* Take back the files of a submission that did not commit. */
static void
discard(struct req *r, struct files_put *puts, size_t n)
{
	struct app_files	 f = { r->db, r->pool };
	size_t			 i;

	for (i = 0; i < n; i++)
		files_discard(r->cfg->files_dir, &puts[i], app_files_named, &f,
		    r->pool);
}

/* Store the n files fps as puts, their digests into atts; 0, or -1 with
 * none of them left stored. */
static int
store_files(struct req *r, FILE **fps, struct files_put *puts,
    struct attachment *atts, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (files_put(r->cfg->files_dir, fps[i], &puts[i], r->pool) ==
		    -1) {
			discard(r, puts, i);
			return -1;
		}
		memcpy(atts[i].sha256, puts[i].sha256, sizeof(atts[i].sha256));
	}
	return 0;
}

/*
 * POST /apply (multipart): code, form_key, remark, and a file m<seq> per
 * material.  Every file is vetted (type by content, PDF structure,
 * malware) before any is stored; files are stored before the rows that
 * name them commit, and taken back if they do not, so that whatever fails
 * leaves neither an orphan file nor a row without its file.
 */
int
page_ext_apply(struct req *r)
{
	struct item		 it;
	struct attachment	*atts;
	struct files_put	*puts;
	struct files_rule	 rule;
	struct app_quota	 quota;
	FILE			**fps;
	const char		*remark, *key, *why;
	char			*idno, *mobile, *app_no;
	size_t			 i, n = 0;
	int64_t			 used_apps, used_bytes, total = 0;
	enum app_rc		 arc;
	int			 rc, status;

	if ((rc = load_item(r, &it)) != 0)
		return rc;
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "申请页面已过期。请先到「我的办件」"
		    "查看这份申请是否已经提交；没有的话，请从办事指南重新打开"
		    "申请页面。");
	/* The same form again (Back, reload, a retry after a 502): the
	 * application it made, not a second one. */
	switch (app_by_form_key(r->db, r->pool, r->user.id, key, &app_no)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/receipt?no=%s", app_no));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	/* What the application carries of the account, opened (SEC-5). */
	if (account_citizen_personal(r->db, r->pool, r->user.id, &idno,
	    &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	remark = form_text(r, "remark");
	if (remark != NULL && utf8_chars(remark) > REMARK_MAX)
		return show_form(r, &it, 422, "申请说明太长，请控制在 2000 字"
		    "以内。");
	/* The quota is taken in app_submit()'s transaction; asking first
	 * spares a spent account the scan and storing of its files. */
	quota.apps = r->cfg->quota_apps;
	quota.bytes = r->cfg->quota_bytes;
	if (app_quota_today(r->db, r->pool, r->user.id, &used_apps,
	    &used_bytes) != DB_OK)
		return reply_error(r, 500, NULL);
	if ((uint64_t)used_apps >= quota.apps)
		return over_quota(r, APP_OVER_COUNT);
	upload_rule(r, &rule);
	atts = pool_alloc(r->pool, (it.nmaterials + 1) * sizeof(*atts));
	puts = pool_alloc(r->pool, (it.nmaterials + 1) * sizeof(*puts));
	fps = pool_alloc(r->pool, (it.nmaterials + 1) * sizeof(*fps));
	for (i = 0; i < it.nmaterials; i++) {
		const struct material *m = &it.materials[i];

		switch (take_file(r, m, &rule, &fps[n], &atts[n], &status,
		    &why)) {
		case -1:
			return show_form(r, &it, status, why);
		case 0:
			if (m->required)
				return show_form(r, &it, 422, pool_printf(
				    r->pool, "请上传「%s」（必交材料）。",
				    m->name));
			continue;
		}
		total += atts[n++].size;
	}
	if ((uint64_t)(used_bytes + total) > quota.bytes)
		return over_quota(r, APP_OVER_BYTES);
	if (store_files(r, fps, puts, atts, n) == -1)
		return reply_error(r, 500, "保存附件时出错，您的申请没有保存。"
		    "请稍后重新提交。");
	arc = app_submit(r->db, r->pool, &it, &r->user, idno, mobile, remark,
	    atts, n, key, &quota, &app_no);
	if (arc == APP_OK)
		for (i = 0; i < n; i++)
			files_release(&puts[i]);
	else
		discard(r, puts, n);
	switch (arc) {
	case APP_OK:
	case APP_AGAIN:
		return reply_redirect(r, pool_printf(r->pool,
		    "/receipt?no=%s", app_no));
	case APP_OVER_COUNT:
	case APP_OVER_BYTES:
		return over_quota(r, arc);
	default:
		return reply_error(r, 500, "提交申请时出错。请先到「我的办件」"
		    "查看：没有这份申请的话，请稍后重新提交。");
	}
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
	const char		*done;
	int			 rc;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	view_app(r, "App", &a);
	hdf_set(r, "App.withdraw_at", a.withdraw_at);
	hdf_set(r, "App.open", app_open(a.state) ? "1" : "0");
	if ((done = form_get(r, "done")) != NULL && strcmp(done, "withdraw") ==
	    0)
		hdf_set(r, "Page.Notice", "撤回申请已提交，审批部门办理后将在这里"
		    "出具准予撤回决定书。");
	else if (done != NULL && strcmp(done, "correct") == 0)
		hdf_set(r, "Page.Notice", "补正材料已提交。受理期限从今天起重新"
		    "计算，审批部门受理后会在这里告知。");
	hdf_set(r, "Page.Title", pool_printf(r->pool, "办件 %s", a.app_no));
	return render(r, "ext/app.cs");
}

/* What a withdrawal may say: as the remark, a few lines. */
#define WITHDRAW_REASON_MAX	500

/*
 * POST /app/withdraw: no, reason (optional), confirm=1.  The applicant
 * asks to withdraw an open application of theirs (EXT-5); the intranet
 * ends the case and sends back its 准予撤回决定书.
 */
int
page_ext_withdraw(struct req *r)
{
	struct application	 a;
	const char		*reason = form_text(r, "reason"), *why;
	int			 rc;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	if (form_get(r, "confirm") == NULL)
		return reply_error(r, 422, "请勾选“我确认撤回这项申请”后再提交。");
	if (reason == NULL)
		reason = "";
	if (text_check(reason, strlen(reason), 0, WITHDRAW_REASON_MAX, 0,
	    TEXT_LINES) != TEXT_OK)
		return reply_error(r, 422, pool_printf(r->pool, "撤回理由请控制在 "
		    "%d 字以内。", WITHDRAW_REASON_MAX));
	switch (app_withdraw(r->db, r->pool, &r->user, a.app_no, reason,
	    &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=withdraw", a.app_no));
	case DB_NONE:
		return reply_error(r, 409, why ? why : "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /app/correct (multipart): no, and a file m<seq> for each material
 * the 补正材料通知书 lists (EXT-4).  All of them, once: the page lists
 * exactly these, the domain checks again under the row's lock.  Files
 * are judged as the application's were, stored before the rows that
 * name them, and taken back if those do not commit.
 */
int
page_ext_correct(struct req *r)
{
	struct application	 a;
	struct attachment	*atts;
	struct files_put	*puts;
	struct files_rule	 rule;
	struct material		 m;
	FILE			**fps;
	const char		*why;
	size_t			 i;
	int			 rc, status;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	if (a.corrected_at != NULL)
		return reply_error(r, 409, "补正材料只能提交一次，您已经提交过"
		    "了，请等待审批部门受理。");
	if (a.withdraw_at != NULL)
		return reply_error(r, 409, "您已申请撤回这项申请，不能再提交补正"
		    "材料。");
	if (strcmp(a.state, "correcting") != 0 || a.ncorr == 0)
		return reply_error(r, 409, "这项申请现在不需要补正材料。");
	upload_rule(r, &rule);
	atts = pool_alloc(r->pool, (a.ncorr + 1) * sizeof(*atts));
	puts = pool_alloc(r->pool, (a.ncorr + 1) * sizeof(*puts));
	fps = pool_alloc(r->pool, (a.ncorr + 1) * sizeof(*fps));
	for (i = 0; i < a.ncorr; i++) {
		memset(&m, 0, sizeof(m));
		m.seq = a.corr[i].material_seq;
		m.name = a.corr[i].material_name;
		switch (take_file(r, &m, &rule, &fps[i], &atts[i], &status,
		    &why)) {
		case -1:
			return reply_error(r, status, pool_printf(r->pool,
			    "%s补正材料没有提交，请返回上一页重新选择文件。", why));
		case 0:
			return reply_error(r, 422, pool_printf(r->pool, "请上传"
			    "「%s」的补正材料：补正须按通知所列一次提交齐全。"
			    "请返回上一页选择文件。", m.name));
		}
		atts[i].round = 1;
	}
	if (store_files(r, fps, puts, atts, a.ncorr) == -1)
		return reply_error(r, 500, "保存补正材料时出错，补正材料没有提交。"
		    "请稍后重新提交。");
	rc = app_correct(r->db, r->pool, &r->user, a.app_no, atts, a.ncorr,
	    &why);
	if (rc == DB_OK)
		for (i = 0; i < a.ncorr; i++)
			files_release(&puts[i]);
	else
		discard(r, puts, a.ncorr);
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=correct", a.app_no));
	case DB_NONE:
		return reply_error(r, 409, why ? why : "没有找到这个申请。");
	default:
		return reply_error(r, 500, "提交补正材料时出错。请刷新本页查看"
		    "是否已经提交；没有的话，请稍后重新提交。");
	}
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
 * login (EXT-3).  An unknown number and a wrong ID number answer alike, in
 * the same time (F5); misses are limited per number, ID number and
 * address.
 */
int
page_ext_query(struct req *r)
{
	struct application	 a;
	const char		*no, *idno, *msg;
	char			*up;
	enum query_rc		 rc = QUERY_MISS;

	no = form_get(r, "app_no");
	idno = form_get(r, "id_number");
	hdf_set(r, "Page.Title", "办件查询");
	if (no != NULL && idno != NULL && strlen(no) <= 20 &&
	    strlen(idno) == 18) {
		up = pool_strdup(r->pool, idno);
		id_number_upper(up);
		rc = app_query(r->db, r->pool, no, up,
		    request_param(r, "REMOTE_ADDR"), &a);
	}
	switch (rc) {
	case QUERY_FOUND:
		view_app(r, "App", &a);
		return render(r, "ext/query.cs");
	case QUERY_MISS:
		msg = "没有查到：请核对申请编号（接件凭证上以 YW 开头的编号）"
		    "和申请人的身份证号码。";
		break;
	case QUERY_NUMBER_BUSY:
		msg = pool_printf(r->pool, "这个申请编号或身份证号码查询失败的"
		    "次数过多，为保护申请人的信息，请%s再试；申请人本人也可以"
		    "登录后在「我的办件」中查看。", TH_QUERY_NUMBER.reopens);
		break;
	case QUERY_ADDR_BUSY:
		msg = pool_printf(r->pool, "从您的网络地址查询失败的次数过多，"
		    "请%s再试。", TH_QUERY_ADDR.reopens);
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	r->status = 422;
	hdf_set(r, "Form.Error", msg);
	hdf_set(r, "Form.app_no", no);
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
	struct seal_view	 v;
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
	/* Its seal as this site verifies it (DOC-1). */
	if (view_doc(r, &d) == -1 ||
	    docseal_view(r->db, r->pool, no, &v) != DB_OK)
		return reply_error(r, 500, NULL);
	view_seal(r, &v);
	return render(r, "doc/notice.cs");
}
