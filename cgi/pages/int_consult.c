/*
 * int_consult.c: online consultation on the intranet (在线咨询; EXT-7;
 * consult.h): the questions a department answers, with the light of
 * each one's deadline; every department's for supervisors, read only,
 * the asker's name masked for an observer (SUP-7).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "consult.h"
#include "deadline.h"
#include "pages.h"
#include "text.h"

/*
 * GET /consults?f=open|all: staff, their department's questions;
 * supervisors and observers (ROLES_WATCH), every department's.  Open
 * ones first, the nearest deadline first, each with its light.
 */
int
page_int_consults(struct req *r)
{
	struct consult	*v;
	struct calendar	 cal;
	enum light	 l;
	const char	*f = form_get(r, "f");
	const char	*dept;
	char		*p;
	size_t		 n, i;
	size_t		 count[LIGHT_RED + 1] = { 0 };
	cal_day		 today, due;
	int		 watch = (r->user.roles & ROLES_WATCH) != 0;
	int		 days, all = f != NULL && strcmp(f, "all") == 0;

	if (f != NULL && !all && strcmp(f, "open") != 0)
		return reply_error(r, 400, "没有这个筛选条件。");
	/* A member of staff without a department sees none. */
	dept = watch ? NULL : r->user.dept_code != NULL ?
	    r->user.dept_code : "";
	if (calendar_get(r->db, r->pool, &cal) != DB_OK ||
	    consult_list(r->db, r->pool, dept, !all, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	today = cal_day_of(clock_now());
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Consults.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "no", v[i].no);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "asker", view_person(r, v[i].asker));
		hdf_put(r, p, "question", view_observer(r) ? consult_mask(r->pool,
		    v[i].question, v[i].asker) : v[i].question);
		hdf_put(r, p, "asked_at", v[i].asked_at);
		hdf_put(r, p, "answer", v[i].answer);
		hdf_put(r, p, "answered_at", v[i].answered_at);
		hdf_put(r, p, "staff", v[i].staff);
		hdf_putf(r, p, "faq", "%lld", (long long)v[i].faq);
		hdf_put(r, p, "faq_question", v[i].faq_question);
		if (!watch && strcmp(v[i].dept_code, dept) == 0)
			hdf_put(r, p, "mine", "1");
		if (*v[i].answered_at != '\0' ||
		    cal_day_parse(v[i].due, &due) == -1)
			continue;
		l = deadline_light(&cal, today, due, &days);
		count[l]++;
		hdf_put(r, p, "due", v[i].due);
		hdf_put(r, p, "light", deadline_light_word(l));
		hdf_put(r, p, "due_text", deadline_text(r->pool, l, days));
	}
	hdf_setf(r, "Count.red", "%zu", count[LIGHT_RED]);
	hdf_setf(r, "Count.yellow", "%zu", count[LIGHT_YELLOW]);
	hdf_setf(r, "Count.green", "%zu", count[LIGHT_GREEN]);
	hdf_set(r, "Filter.f", all ? "all" : "open");
	hdf_set(r, "Filter.watch", watch ? "1" : "0");
	hdf_setf(r, "Limits.answer", "%d", CONSULT_A_MAX);
	hdf_setf(r, "Limits.days", "%d", CONSULT_DAYS);
	if ((f = form_get(r, "done")) != NULL)
		hdf_set(r, "Page.Notice", strcmp(f, "answer") == 0 ?
		    "已答复，答复将随下一批数据送达咨询人。" :
		    strcmp(f, "publish") == 0 ? "已作为常见问题发布，随下一批数据"
		    "显示在事项的办事指南中（咨询人姓名和号码已遮盖）。" :
		    "已撤回，随下一批数据从办事指南中撤下。");
	hdf_set(r, "Page.Title", "在线咨询");
	return render(r, "int/consults.cs");
}

/* The answer to an action on a question: back to the list, 409, 500. */
static int
done(struct req *r, enum db_rc rc, const char *what, const char *why)
{
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/consults?done=%s", what));
	case DB_NONE:
		return reply_error(r, 409, why != NULL ? why :
		    "没有这条咨询。");
	default:
		return reply_error(r, 500, "保存时出错，没有保存。请稍后重新"
		    "提交。");
	}
}

/* POST /consult/answer: id, answer (1–1,000 characters, lines). */
int
page_int_consult_answer(struct req *r)
{
	const char	*a = form_text(r, "answer"), *why;
	enum text_rc	 trc;
	int64_t		 id;

	if (view_form_id(r, "id", &id) == -1)
		return reply_error(r, 400, "咨询编号不正确。");
	if (a == NULL || *a == '\0')
		return reply_error(r, 422, "请填写答复内容。请返回上一页填写后"
		    "再提交。");
	trc = text_check(a, strlen(a), 1, CONSULT_A_MAX, 4 * CONSULT_A_MAX,
	    TEXT_LINES);
	if (trc != TEXT_OK)
		return reply_error(r, 422, trc == TEXT_LONG ?
		    pool_printf(r->pool, "答复太长，请控制在 %d 字以内。请返回"
		    "上一页修改。", CONSULT_A_MAX) : pool_printf(r->pool,
		    "答复%s，请返回上一页修改。", text_why(trc)));
	return done(r, consult_answer(r->db, r->pool, &r->user, id, a, &why),
	    "answer", why);
}

/* POST /consult/publish, /consult/withdraw: id. */
static int
faq(struct req *r, int publish)
{
	const char	*why;
	int64_t		 id;

	if (view_form_id(r, "id", &id) == -1)
		return reply_error(r, 400, "咨询编号不正确。");
	return done(r, consult_publish(r->db, r->pool, &r->user, id, publish,
	    &why), publish ? "publish" : "withdraw", why);
}

int
page_int_consult_publish(struct req *r)
{
	return faq(r, 1);
}

int
page_int_consult_withdraw(struct req *r)
{
	return faq(r, 0);
}
