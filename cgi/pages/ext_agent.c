/*
 * ext_agent.c: an agent's (代办员, AGT-1) way in on the extranet:
 * activation with the ID number and the one-time code the intranet
 * printed (the first password is chosen here, never sent), and login.
 * What an agent does once in: /apply, /my, /app (ext_apply.c), and the
 * resident's consent by SMS of what they applied for (/agent/consent).
 */
#include <string.h>

#include "agent.h"
#include "pages.h"
#include "pwpolicy.h"
#include "session.h"
#include "sms.h"
#include "throttle.h"

/* The same answer to every miss: unknown number, wrong code or
 * password, an account not in use. */
static const char MISS_LOGIN[] = "身份证号码或密码不正确，或者代办员账号"
    "已停用。连续输错 5 次将暂停 15 分钟；忘记密码请点“忘记密码”，"
    "用登记的手机接收验证码重设。";
static const char MISS_CODE[] = "身份证号码或激活码不正确，或者账号已停用。"
    "激活码由政务服务中心在开通代办员账号时打印给您，只能使用一次。";

static int
again(struct req *r, const char *tmpl, const char *title, const char *why)
{
	r->status = 422;
	hdf_set(r, "Form.agent", "1");
	hdf_set(r, "Form.Error", why);
	hdf_set(r, "Form.id_number", form_get(r, "id_number"));
	hdf_set(r, "Form.next", view_next(form_get(r, "next")));
	hdf_set(r, "Page.Title", title);
	return render(r, tmpl);
}

int
page_ext_agent_login_form(struct req *r)
{
	hdf_set(r, "Form.agent", "1");
	hdf_set(r, "Form.next", view_next(form_get(r, "next")));
	hdf_set(r, "Page.Title", "代办员登录");
	if (form_get(r, "activated") != NULL)
		hdf_set(r, "Page.Notice", "账号已激活，请用刚才设置的密码登录。");
	return render(r, "ext/login.cs");
}

/*
 * POST /agent/login: id_number, password, next.
 */
int
page_ext_agent_login(struct req *r)
{
	const char	*idno = form_get(r, "id_number");
	const char	*pw = form_get(r, "password");
	const char	*next = view_next(form_get(r, "next"));
	struct user	 u;

	if (idno == NULL || pw == NULL || strlen(idno) != 18 ||
	    strlen(pw) > 128)
		return again(r, "ext/login.cs", "代办员登录", MISS_LOGIN);
	switch (agent_login(r->db, r->pool, idno, pw,
	    request_param(r, "REMOTE_ADDR"), &u)) {
	case AGENT_OK:
		if (session_login(r, &u) == -1)
			return reply_error(r, 500, NULL);
		return reply_redirect(r, strcmp(next, "/") == 0 ? "/my" :
		    next);
	case AGENT_BUSY:
		return again(r, "ext/login.cs", "代办员登录",
		    pool_printf(r->pool, "登录失败的次数过多，请%s再试。",
		    TH_LOGIN_ADDR.reopens));
	case AGENT_ERR:
		return reply_error(r, 500, NULL);
	default:
		return again(r, "ext/login.cs", "代办员登录", MISS_LOGIN);
	}
}

int
page_ext_agent_activate_form(struct req *r)
{
	hdf_set(r, "Page.Title", "激活代办员账号");
	return render(r, "ext/agent_activate.cs");
}

/*
 * POST /agent/activate: id_number, code, password, password2.
 */
int
page_ext_agent_activate(struct req *r)
{
	const char	*idno = form_get(r, "id_number");
	const char	*code = form_get(r, "code");
	const char	*pw = form_get(r, "password");
	const char	*pw2 = form_get(r, "password2");
	const char	*personal[1], *why;
	static const char tmpl[] = "ext/agent_activate.cs";
	static const char title[] = "激活代办员账号";

	if (idno == NULL || code == NULL || strlen(idno) != 18 ||
	    strlen(code) > 20)
		return again(r, tmpl, title, MISS_CODE);
	if (pw == NULL || pw2 == NULL || strcmp(pw, pw2) != 0)
		return again(r, tmpl, title, "两次输入的密码不一致，请重新输入。");
	personal[0] = idno;
	if ((why = pwpolicy_check(pw, PW_CITIZEN_MIN, personal, 1)) != NULL)
		return again(r, tmpl, title, why);
	switch (agent_activate(r->db, r->pool, idno, code, pw,
	    request_param(r, "REMOTE_ADDR"))) {
	case AGENT_OK:
		return reply_redirect(r, "/agent/login?activated=1");
	case AGENT_USED:
		return again(r, tmpl, title, "这个账号已经激活过了，请直接"
		    "登录。忘记密码请到代办员登录页点“忘记密码”。");
	case AGENT_BUSY:
		return again(r, tmpl, title, pool_printf(r->pool, "失败的次数"
		    "过多，请%s再试。", TH_LOGIN_ADDR.reopens));
	case AGENT_ERR:
		return reply_error(r, 500, NULL);
	default:
		return again(r, tmpl, title, MISS_CODE);
	}
}

/* The consent page of application no (GET's or again with why). */
static int
consent_page(struct req *r, const char *no, int status, const char *why)
{
	struct agent_hold	 h;

	switch (no == NULL || strlen(no) > 20 ? DB_NONE :
	    agent_consent_get(r->db, r->pool, r->user.agent_id, no, &h)) {
	case DB_OK:
		break;
	case DB_NONE:	/* confirmed already, ended, or not theirs */
		return reply_error(r, 404, "没有等待居民短信确认的这份申请。"
		    "已确认的申请请在「我的办件」查看。");
	default:
		return reply_error(r, 500, NULL);
	}
	r->status = status;
	hdf_set(r, "Form.Error", why);
	hdf_set(r, "Hold.app_no", h.app_no);
	hdf_set(r, "Hold.item", h.item_name);
	hdf_set(r, "Hold.resident", h.resident_name);
	hdf_set(r, "Hold.mobile", sms_mask(r->pool, h.mobile));
	hdf_set(r, "Hold.expires_at", h.expires_at);
	hdf_set(r, "Hold.live", h.live ? "1" : NULL);
	hdf_set(r, "Hold.code_live", h.code_live && h.tries < CONSENT_TRIES ?
	    "1" : NULL);
	hdf_setf(r, "Hold.sends", "%lld", (long long)h.sends);
	if (why == NULL && form_get(r, "sent") != NULL)
		hdf_set(r, "Page.Notice", pool_printf(r->pool, "确认短信已发往"
		    "居民手机 %s。", sms_mask(r->pool, h.mobile)));
	hdf_set(r, "Page.Title", "居民短信确认");
	return render(r, "ext/agent_consent.cs");
}

/*
 * GET /agent/consent?no=…: the application waiting for the resident's
 * code, the form to type it in, and a new code.
 */
int
page_ext_agent_consent(struct req *r)
{
	return consent_page(r, form_get(r, "no"), 200, NULL);
}

/*
 * POST /agent/consent: no, code (what the resident read out).
 */
int
page_ext_agent_consent_confirm(struct req *r)
{
	const char	*no = form_get(r, "no"), *why;
	long		 left;

	if (no == NULL || strlen(no) > 20)
		return consent_page(r, NULL, 404, NULL);
	switch (agent_consent_confirm(r->db, r->pool, r->user.agent_id,
	    r->user.login, no, form_get(r, "code"), &left, &why)) {
	case AGENT_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/receipt?no=%s", no));
	case AGENT_ERR:
		return reply_error(r, 500, NULL);
	default:
		return consent_page(r, no, why != NULL ? 422 : 404, why);
	}
}

/*
 * POST /agent/consent/send: no.  A new code to the resident's mobile.
 */
int
page_ext_agent_consent_send(struct req *r)
{
	const char	*no = form_get(r, "no"), *why;

	if (no == NULL || strlen(no) > 20)
		return consent_page(r, NULL, 404, NULL);
	switch (agent_consent_send(r->cfg, r->db, r->pool, r->user.agent_id,
	    no, request_param(r, "REMOTE_ADDR"), &why)) {
	case AGENT_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agent/consent?no=%s&sent=1", no));
	case AGENT_BUSY:
		return consent_page(r, no, 429, why);
	case AGENT_ERR:
		return reply_error(r, 500, NULL);
	default:
		return consent_page(r, no, why != NULL ? 422 : 404, why);
	}
}

/* GET /agent/reset: a forgotten password, reset by an SMS code to the
 * mobile the intranet recorded (AGT-1, as a citizen's, ACC-2). */
int
page_ext_agent_reset_form(struct req *r)
{
	hdf_set(r, "Form.agent", "1");
	hdf_set(r, "Page.Title", "重设代办员密码");
	return render(r, "ext/reset.cs");
}

static int
agent_reset_again(struct req *r, int status, const char *why)
{
	r->status = status;
	hdf_set(r, "Form.agent", "1");
	hdf_set(r, "Form.Error", why);
	hdf_set(r, "Form.id_number", form_get(r, "id_number"));
	hdf_set(r, "Form.mobile", form_get(r, "mobile"));
	hdf_set(r, "Page.Title", "重设代办员密码");
	return render(r, "ext/reset.cs");
}

static int
agent_code_page(struct req *r, const char *ticket, const char *error)
{
	if (error != NULL) {
		r->status = 422;
		hdf_set(r, "Form.Error", error);
	}
	hdf_set(r, "Form.agent", "1");
	hdf_set(r, "Form.ticket", ticket);
	hdf_set(r, "Page.Title", "输入短信验证码");
	return render(r, "ext/reset-code.cs");
}

/*
 * POST /agent/reset: id_number, mobile.  The same page whether or not
 * they are an agent's.
 */
int
page_ext_agent_reset(struct req *r)
{
	const char	*why = NULL;
	char		 ticket[SMS_TICKET_HEX];

	switch (agent_pw_start(r->cfg, r->db, r->pool, form_get(r,
	    "id_number"), form_get(r, "mobile"), request_param(r,
	    "REMOTE_ADDR"), ticket, &why)) {
	case AGENT_OK:
		return agent_code_page(r, ticket, NULL);
	case AGENT_MISS:
		return agent_reset_again(r, 422, why);
	case AGENT_BUSY:
		return agent_reset_again(r, 429, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /agent/reset/code: ticket, code, password, password2.
 */
int
page_ext_agent_reset_code(struct req *r)
{
	const char	*ticket = form_get(r, "ticket"), *why = NULL;
	const char	*pw = form_get(r, "password");
	const char	*pw2 = form_get(r, "password2");
	long		 left = 0;

	if (pw == NULL || pw2 == NULL || strcmp(pw, pw2) != 0)
		return agent_code_page(r, ticket, "两次输入的新密码不一致。");
	if (strlen(pw) > 128)
		return agent_code_page(r, ticket, "密码太长，请不超过 128 位。");
	switch (agent_pw_finish(r->db, r->pool, ticket, form_get(r, "code"),
	    pw, &why, &left)) {
	case AGENT_OK:
		hdf_set(r, "Form.agent", "1");
		hdf_set(r, "Page.Title", "密码已重设");
		return render(r, "ext/reset-done.cs");
	case AGENT_MISS:
		return agent_code_page(r, ticket, pool_printf(r->pool,
		    "验证码不正确，还可以再试 %ld 次。", left));
	case AGENT_WEAK:
		return agent_code_page(r, ticket, why);
	case AGENT_GONE:
		return agent_reset_again(r, 422, "验证码已过期、已用过或输错"
		    "次数太多，请重新获取。");
	default:
		return reply_error(r, 500, NULL);
	}
}
