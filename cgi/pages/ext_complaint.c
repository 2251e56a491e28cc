/*
 * ext_complaint.c: complaints and reports (投诉举报; EXT-7, SUP-5) on the
 * extranet: the citizen's form, and their complaints with the replies.
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "complaint.h"
#include "pages.h"
#include "text.h"

/*
 * The form, fresh (why NULL) or again after a refusal with status and
 * what was typed.  A form shown again keeps its key: nothing was stored
 * under it yet.
 */
static int
show_form(struct req *r, int status, const char *why)
{
	struct application	*apps;
	struct cmp_dept		*depts;
	const char		*about, *app, *dept;
	char			*p;
	size_t			 n, i;

	if (app_list(r->db, r->pool, r->user.id, &apps, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	app = form_get(r, "no") != NULL ? form_get(r, "no") :
	    form_get(r, "app_no");
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Apps.%zu", i);
		hdf_put(r, p, "app_no", apps[i].app_no);
		hdf_put(r, p, "item_name", apps[i].item_name);
		if (app != NULL && strcmp(app, apps[i].app_no) == 0)
			hdf_put(r, p, "selected", "1");
	}
	if (cmp_ext_depts(r->db, r->pool, &depts, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	dept = form_get(r, "dept_code");
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", depts[i].code);
		hdf_put(r, p, "name", depts[i].name);
		if (dept != NULL && strcmp(dept, depts[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	about = form_get(r, "about");
	if (about == NULL || cmp_about_label(about)[0] == '\0')
		about = "case";
	hdf_set(r, "Form.about", about);
	view_form_key(r, why != NULL);
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.person", form_get(r, "person"));
		hdf_set(r, "Form.subject", form_get(r, "subject"));
		hdf_set(r, "Form.body", form_text(r, "body"));
		hdf_set(r, "Form.phone", form_get(r, "phone"));
	}
	hdf_setf(r, "Limits.subject", "%d", CMP_SUBJECT_MAX);
	hdf_setf(r, "Limits.body", "%d", CMP_BODY_MAX);
	hdf_setf(r, "Limits.person", "%d", CMP_PERSON_MAX);
	hdf_set(r, "Page.Title", "投诉举报");
	return render(r, "ext/complaint.cs");
}

/* GET /complaint[?no=…]: the form, about application no when given. */
int
page_ext_complaint_form(struct req *r)
{
	return show_form(r, 200, NULL);
}

/* Text field name within 1..max characters (0.. when optional): NULL,
 * or the form shown again saying what is wrong (*rc). */
static const char *
take_text(struct req *r, const char *name, const char *label, int lines,
    size_t max, int optional, int *rc)
{
	const char	*v;
	enum text_rc	 trc;

	v = lines ? form_text(r, name) : form_get(r, name);
	if (v == NULL || *v == '\0') {
		if (optional)
			return "";
		*rc = show_form(r, 422, pool_printf(r->pool, "请填写%s。",
		    label));
		return NULL;
	}
	trc = text_check(v, strlen(v), 1, max, 4 * max, lines ? TEXT_LINES :
	    TEXT_LINE);
	if (trc == TEXT_LONG) {
		*rc = show_form(r, 422, pool_printf(r->pool, "%s太长，请控制在 "
		    "%zu 字以内。", label, max));
		return NULL;
	}
	if (trc != TEXT_OK) {
		*rc = show_form(r, 422, pool_printf(r->pool, "%s%s，请修改后再"
		    "提交。", label, text_why(trc)));
		return NULL;
	}
	return v;
}

/*
 * POST /complaint: form_key, about (case, dept, person), app_no (case:
 * one of the citizen's own applications), dept_code (dept; optional for
 * a person), person, subject, body, phone (optional).
 */
int
page_ext_complaint(struct req *r)
{
	struct application	 a;
	struct cmp_new		 c;
	struct cmp_dept		*depts;
	const char		*key, *dept;
	char			*idno, *mobile, *no;
	size_t			 n, i;
	int			 rc = 0;

	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "投诉页面已过期。请先到「我的投诉」"
		    "查看这件投诉是否已经提交；没有的话，请重新打开投诉页面。");
	/* The same form again (Back, reload, a retry after a 502): the
	 * complaint it made, whatever it says now. */
	switch (cmp_by_key(r->db, r->pool, r->user.id, key, &no)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/complaints?no=%s", no));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	memset(&c, 0, sizeof(c));
	c.about = form_get(r, "about");
	if (c.about == NULL || cmp_about_label(c.about)[0] == '\0')
		return show_form(r, 422, "请选择投诉的对象：办件、部门或工作人员。");
	c.app_no = c.dept_code = c.dept_name = c.person = "";
	if ((c.subject = take_text(r, "subject", "投诉事由", 0,
	    CMP_SUBJECT_MAX, 0, &rc)) == NULL ||
	    (c.body = take_text(r, "body", "投诉内容", 1, CMP_BODY_MAX, 0,
	    &rc)) == NULL)
		return rc;
	if ((c.phone = form_get(r, "phone")) == NULL)
		c.phone = "";
	if (!cmp_phone_valid(c.phone))
		return show_form(r, 422, "联系电话应为 7 到 20 位数字（可含 -），"
		    "也可以不填。");
	if (strcmp(c.about, "case") == 0) {
		c.app_no = form_get(r, "app_no");
		if (c.app_no == NULL)
			return show_form(r, 422, "请选择您要投诉的办件。");
		/* Only one's own: another's number is as if it did not
		 * exist. */
		if (strlen(c.app_no) > 20 || app_get(r->db, r->pool, c.app_no,
		    &a) != DB_OK || a.citizen_id != r->user.id)
			return show_form(r, 422, "您名下没有这个申请编号的办件，"
			    "请从列表中选择您自己的办件。");
	}
	if (strcmp(c.about, "person") == 0 && (c.person = take_text(r,
	    "person", "工作人员姓名", 0, CMP_PERSON_MAX, 0, &rc)) == NULL)
		return rc;
	dept = form_get(r, "dept_code");
	if (strcmp(c.about, "dept") == 0 && dept == NULL)
		return show_form(r, 422, "请选择您要投诉的部门。");
	if (strcmp(c.about, "case") != 0 && dept != NULL) {
		if (cmp_ext_depts(r->db, r->pool, &depts, &n) != DB_OK)
			return reply_error(r, 500, NULL);
		for (i = 0; i < n && strcmp(depts[i].code, dept) != 0; i++)
			;
		if (i == n)
			return show_form(r, 422, "没有这个部门，请从列表中选择。");
		c.dept_code = depts[i].code;
		c.dept_name = depts[i].name;
	}
	/* What the complaint carries of the account, opened (SEC-5). */
	if (account_citizen_personal(r->db, r->pool, r->user.id, &idno,
	    &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	c.name = r->user.name;
	c.id_number = idno;
	if (cmp_file(r->db, r->pool, &r->user, &c, key, &no) != DB_OK)
		return reply_error(r, 500, "提交投诉时出错。请先到「我的投诉」"
		    "查看：没有这件投诉的话，请稍后重新提交。");
	return reply_redirect(r, pool_printf(r->pool, "/complaints?no=%s",
	    no));
}

/* GET /complaints[?no=…]: the citizen's complaints; no just filed. */
int
page_ext_complaints(struct req *r)
{
	struct complaint	*v;
	const char		*no = form_get(r, "no");
	char			*p;
	size_t			 n, i;

	if (cmp_list_citizen(r->db, r->pool, r->user.id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Complaints.%zu", i);
		hdf_put(r, p, "no", v[i].no);
		hdf_put(r, p, "about", cmp_about_label(v[i].about));
		hdf_put(r, p, "object", strcmp(v[i].about, "case") == 0 ?
		    v[i].app_no : strcmp(v[i].about, "dept") == 0 ?
		    v[i].dept_name : *v[i].dept_name ? pool_printf(r->pool,
		    "%s（%s）", v[i].person, v[i].dept_name) : v[i].person);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "subject", v[i].subject);
		hdf_put(r, p, "body", v[i].body);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", cmp_state_label(v[i].state));
		hdf_put(r, p, "filed_at", v[i].filed_at);
		hdf_put(r, p, "reply", v[i].reply);
		hdf_put(r, p, "replied_at", v[i].replied_at);
		hdf_put(r, p, "reply_due", v[i].reply_due);
		if (no != NULL && strcmp(no, v[i].no) == 0) {
			hdf_set(r, "Receipt.no", v[i].no);
			hdf_set(r, "Receipt.filed_at", v[i].filed_at);
		}
	}
	hdf_setf(r, "Limits.accept_days", "%d", CMP_ACCEPT_DAYS);
	hdf_set(r, "Page.Title", "我的投诉");
	return render(r, "ext/complaints.cs");
}
