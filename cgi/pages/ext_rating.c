/*
 * ext_rating.c: rating a decided case (好差评; EXT-8) on its page on the
 * extranet: the form, what was rated, the follow-up of a poor rating and
 * its result, and the one rating more after it (rating.h).
 *
 * Who rates (GB/T 39735: the service object): the applicant; for a case
 * an agent made (AGT-1), the resident it was made for, in their own
 * account, or the agent at the resident's request, which the agent
 * confirms and the rating records (rater "agent").
 */
#include <stdio.h>
#include <string.h>

#include "application.h"
#include "pages.h"
#include "rating.h"
#include "text.h"

/* Levels.N.{level,label} and Reasons.N.{code,label} for the form. */
static void
form_choices(struct req *r)
{
	char	*p;
	int	 l;
	size_t	 i;

	for (l = 5; l >= 1; l--) {
		p = pool_printf(r->pool, "Levels.%d", 5 - l);
		hdf_putf(r, p, "level", "%d", l);
		hdf_put(r, p, "label", rt_level_label(l));
	}
	for (i = 0; rt_reasons[i] != NULL; i++) {
		p = pool_printf(r->pool, "Reasons.%zu", i);
		hdf_put(r, p, "code", rt_reasons[i]);
		hdf_put(r, p, "label", rt_reason_label(rt_reasons[i]));
	}
	hdf_setf(r, "Rate.max", "%d", RT_COMMENT_MAX);
	hdf_setf(r, "Rate.visit_days", "%d", RT_VISIT_DAYS);
	hdf_setf(r, "Rate.fix_days", "%d", RT_FIX_DAYS);
}

/* Who the user is to rate a: RT_RATER_*, or NULL: not theirs to rate. */
static const char *
rater_of(struct req *r, const struct application *a)
{
	if ((r->user.roles & ROLE_AGENT) && a->agent_id != 0 &&
	    a->citizen_id == r->user.id)
		return RT_RATER_AGENT;
	if (!(r->user.roles & ROLE_CITIZEN))
		return NULL;
	if (a->citizen_id == r->user.id || app_resident_of(r, a) == 1)
		return RT_RATER_APPLICANT;
	return NULL;
}

int
view_app_rating(struct req *r, const struct application *a)
{
	struct rating	*v;
	const char	*rater;
	char		*p;
	size_t		 n, i;

	/* Only its applicant (or their agent, for them) rates, once it is
	 * decided. */
	if ((rater = rater_of(r, a)) == NULL || !rt_rateable(a->state))
		return 0;
	if (rt_of_app(r->db, r->pool, a->app_no, &v, &n) != DB_OK)
		return -1;
	hdf_set(r, "Rate.shown", "1");
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Ratings.%zu", i);
		hdf_putf(r, p, "round", "%lld", (long long)v[i].round);
		hdf_putf(r, p, "level", "%lld", (long long)v[i].level);
		hdf_put(r, p, "label", rt_level_label((int)v[i].level));
		hdf_put(r, p, "reasons", rt_reasons_text(r->pool,
		    v[i].reasons));
		hdf_put(r, p, "comment", v[i].comment);
		hdf_put(r, p, "rated_at", v[i].rated_at);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", rt_state_label(v[i].state));
		hdf_put(r, p, "visit_due", v[i].visit_due);
		hdf_put(r, p, "fix_due", v[i].fix_due);
		hdf_put(r, p, "result", v[i].result);
		hdf_put(r, p, "rater", v[i].rater);
		hdf_put(r, p, "rater_label", rt_rater_label(v[i].rater));
	}
	hdf_set(r, "Rate.rater", rater);
	/* A first rating, or a second one after a 整改. */
	if (n == 0 || (n == 1 && v[0].level <= RT_POOR &&
	    strcmp(v[0].state, "done") == 0)) {
		hdf_set(r, "Rate.open", "1");
		hdf_setf(r, "Rate.round", "%zu", n + 1);
		form_choices(r);
	}
	return 0;
}

/* The page again with the form as it was sent and why it was refused. */
static int
again(struct req *r, int status, const char *why)
{
	size_t	 i;
	char	*k;

	r->status = status;
	hdf_set(r, "Page.Notice", "评价没有提交：请按本页下方“办事评价”中的"
	    "提示修改后再提交。");
	hdf_set(r, "Rate.Error", why);
	hdf_set(r, "Rate.level", form_get(r, "level"));
	hdf_set(r, "Rate.comment", form_text(r, "comment"));
	hdf_set(r, "Rate.asked", form_get(r, "asked") != NULL ? "1" : "");
	for (i = 0; rt_reasons[i] != NULL; i++) {
		k = pool_printf(r->pool, "reason_%s", rt_reasons[i]);
		if (form_get(r, k) != NULL)
			hdf_put(r, "Rate.ticked", rt_reasons[i], "1");
	}
	return page_ext_app(r);
}

/*
 * POST /app/rate: no, level (1–5), reason_<code>=1 for each reason ticked
 * (at least one for 不满意 and 非常不满意, none otherwise), comment (≤ 500
 * characters; required with the reason 其他); from an agent asked=1,
 * the resident asked them to rate for them.
 */
int
page_ext_rate(struct req *r)
{
	struct application	 a;
	const char		*no, *lv, *comment, *why, *rater;
	char			*reasons = "", *k;
	size_t			 i;
	int			 level;
	enum text_rc		 trc;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > 20)
		return reply_error(r, 400, "申请编号格式不正确，请从“我的办件”"
		    "打开要评价的办件。");
	switch (app_get(r->db, r->pool, no, &a)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
	/* Another's application is as if it did not exist. */
	if ((rater = rater_of(r, &a)) == NULL)
		return reply_error(r, 404, "没有找到这个申请。");
	if (!rt_rateable(a.state))
		return reply_error(r, 409, "办件办结（作出决定）之后才能评价，"
		    "请在办结后再来。");
	lv = form_get(r, "level");
	if (lv == NULL || strlen(lv) != 1 || *lv < '1' || *lv > '5')
		return again(r, 422, "请选择一个评价等级（非常满意到非常不满意）。");
	level = *lv - '0';
	for (i = 0; rt_reasons[i] != NULL; i++) {
		k = pool_printf(r->pool, "reason_%s", rt_reasons[i]);
		if (form_get(r, k) != NULL)
			reasons = pool_printf(r->pool, "%s%s%s", reasons,
			    *reasons ? "," : "", rt_reasons[i]);
	}
	if (level <= RT_POOR && *reasons == '\0')
		return again(r, 422, "选择“不满意”或“非常不满意”时，请至少勾选"
		    "一项原因，方便审批部门回访整改。");
	if (level > RT_POOR)
		reasons = "";	/* the reasons belong to a poor rating */
	if ((comment = form_text(r, "comment")) == NULL)
		comment = "";
	trc = text_check(comment, strlen(comment), 0, RT_COMMENT_MAX,
	    4 * RT_COMMENT_MAX, TEXT_LINES);
	if (trc == TEXT_LONG)
		return again(r, 422, pool_printf(r->pool, "评价意见太长，请控制在 "
		    "%d 字以内。", RT_COMMENT_MAX));
	if (trc != TEXT_OK)
		return again(r, 422, pool_printf(r->pool, "评价意见%s，请修改后"
		    "再提交。", text_why(trc)));
	if (strstr(reasons, "other") != NULL && *comment == '\0')
		return again(r, 422, "勾选了“其他”原因，请在评价意见中写明。");
	/* The service object rates; the agent only when asked. */
	if (strcmp(rater, RT_RATER_AGENT) == 0 && form_get(r, "asked") ==
	    NULL)
		return again(r, 422, "评价应由申请人本人作出：请申请人在自己的"
		    "账号中评价；申请人请您代为评价的，请勾选“申请人本人请我代为"
		    "评价”。");
	switch (rt_rate(r->db, r->pool, &r->user, a.app_no, rater, level,
	    reasons, comment, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=rate", a.app_no));
	case DB_NONE:
		return reply_error(r, 409, why);
	default:
		return reply_error(r, 500, "提交评价时出错。请刷新办件页面查看"
		    "是否已经评价；没有的话，请稍后重新提交。");
	}
}
