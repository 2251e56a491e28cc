/*
 * ext_consult.c: online consultation on the extranet (在线咨询; EXT-7;
 * consult.h): the question form and the FAQs (常见问题) on an item's
 * guide, and the citizen's questions with their answers (我的咨询).
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "consult.h"
#include "pages.h"
#include "text.h"

void
consult_view_faqs(struct req *r, const struct guide_line *v, size_t n)
{
	char		*p;
	size_t		 i;

	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Item.Faqs.%zu", i);
		hdf_put(r, p, "question", v[i].title);
		hdf_put(r, p, "answer", v[i].body);
		hdf_put(r, p, "answered_at", v[i].at);
	}
	/* The question form, for a citizen logged in (ROLE_CITIZEN). */
	if (r->user.roles & ROLE_CITIZEN) {
		view_form_key(r, r->status == 422);
		hdf_set(r, "Consult.may", "1");
	}
	hdf_setf(r, "Limits.question", "%d", CONSULT_Q_MAX);
}

/* The guide again, saying why the question was not sent. */
static int
refuse(struct req *r, const char *why)
{
	r->status = 422;
	hdf_set(r, "Consult.Error", why);
	hdf_set(r, "Consult.question", form_text(r, "question"));
	return page_ext_guide(r);
}

/*
 * POST /consult: code (a published item), form_key, question (1–500
 * characters, lines).  A logged-in citizen asks the item's department;
 * the same form again lands on the same question.
 */
int
page_ext_consult(struct req *r)
{
	struct item	 it;
	const char	*code = form_get(r, "code"), *key, *q;
	enum text_rc	 trc;
	char		*no;

	if (code == NULL || strlen(code) > 40)
		return reply_error(r, 400, "事项编码格式不正确。");
	switch (catalog_published_guide(r->db, r->pool, code, &it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个事项，可能已停止办理。"
		    "请回到首页重新选择。");
	default:
		return reply_error(r, 500, NULL);
	}
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "咨询页面已过期。请先到「我的咨询」"
		    "查看是否已经提交；没有的话，请重新打开办事指南填写。");
	q = form_text(r, "question");
	if (q == NULL || *q == '\0')
		return refuse(r, "请填写您要咨询的问题。");
	trc = text_check(q, strlen(q), 1, CONSULT_Q_MAX, 4 * CONSULT_Q_MAX,
	    TEXT_LINES);
	if (trc == TEXT_LONG)
		return refuse(r, pool_printf(r->pool, "问题太长，请控制在 %d 字"
		    "以内。", CONSULT_Q_MAX));
	if (trc != TEXT_OK)
		return refuse(r, pool_printf(r->pool, "问题%s，请修改后再提交。",
		    text_why(trc)));
	if (consult_ask(r->db, r->pool, &r->user, it.code, it.version,
	    it.name, it.dept_code, q, key, &no) != DB_OK)
		return reply_error(r, 500, "提交咨询时出错。请先到「我的咨询」"
		    "查看：没有这条咨询的话，请稍后重新提交。");
	return reply_redirect(r, pool_printf(r->pool, "/consults?no=%s", no));
}

/* GET /consults[?no=…]: the citizen's questions; no just asked. */
int
page_ext_consults(struct req *r)
{
	struct consult	*v;
	const char	*no = form_get(r, "no");
	char		*p;
	size_t		 n, i;

	if (consult_mine(r->db, r->pool, r->user.id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Consults.%zu", i);
		hdf_put(r, p, "no", v[i].no);
		hdf_put(r, p, "item_code", v[i].item_code);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "question", v[i].question);
		hdf_put(r, p, "asked_at", v[i].asked_at);
		hdf_put(r, p, "answer", v[i].answer);
		hdf_put(r, p, "answered_at", v[i].answered_at);
		if (no != NULL && strcmp(no, v[i].no) == 0)
			hdf_set(r, "Receipt.no", v[i].no);
	}
	hdf_setf(r, "Limits.days", "%d", CONSULT_DAYS);
	hdf_set(r, "Page.Title", "我的咨询");
	return render(r, "ext/consults.cs");
}
