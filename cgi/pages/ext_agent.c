/*
 * ext_agent.c: an agent's (代办员, AGT-1) way in on the extranet:
 * activation with the ID number and the one-time code the intranet
 * printed (the first password is chosen here, never sent), and login.
 * What an agent does once in: /apply, /my, /app (ext_apply.c).
 */
#include <string.h>

#include "agent.h"
#include "pages.h"
#include "pwpolicy.h"
#include "session.h"
#include "throttle.h"

/* The same answer to every miss: unknown number, wrong code or
 * password, an account not in use. */
static const char MISS_LOGIN[] = "身份证号码或密码不正确，或者代办员账号"
    "已停用。连续输错 5 次将暂停 15 分钟；忘记密码请联系政务服务中心。";
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
		    "登录。忘记密码请联系政务服务中心。");
	case AGENT_BUSY:
		return again(r, tmpl, title, pool_printf(r->pool, "失败的次数"
		    "过多，请%s再试。", TH_LOGIN_ADDR.reopens));
	case AGENT_ERR:
		return reply_error(r, 500, NULL);
	default:
		return again(r, tmpl, title, MISS_CODE);
	}
}
