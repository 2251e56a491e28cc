/*
 * ext_account.c: real-name registration, with the mobile checked by an SMS
 * code, and login of citizens (ACC-1, ACC-2), and logout on both sites.
 */
#include <string.h>

#include "account.h"
#include "ids.h"
#include "pages.h"
#include "session.h"
#include "sms.h"
#include "throttle.h"

/* Where the person was going (the form they opened before registering):
 * carried through registration to the login that follows. */
static void
keep_next(struct req *r)
{
	const char	*next = form_get(r, "next");

	if (next != NULL)
		hdf_set(r, "Form.next", view_next(next));
}

int
page_ext_register_form(struct req *r)
{
	keep_next(r);
	hdf_set(r, "Page.Title", "实名注册");
	return render(r, "ext/register.cs");
}

/* Redisplay the form with what was typed (never the password). */
static int
register_again(struct req *r, const char *why)
{
	static const char *const keep[] = { "name", "id_number", "mobile" };
	size_t	 i;

	r->status = 422;
	hdf_set(r, "Form.Error", why);
	keep_next(r);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		hdf_set(r, pool_printf(r->pool, "Form.%s", keep[i]),
		    form_get(r, keep[i]));
	hdf_set(r, "Page.Title", "实名注册");
	return render(r, "ext/register.cs");
}

/* The page tpl that asks for the code of ticket, sent to mobile (NULL:
 * not named), with error (NULL: none). */
static int
code_page(struct req *r, const char *tpl, const char *ticket,
    const char *mobile, const char *error)
{
	if (error != NULL) {
		r->status = 422;
		hdf_set(r, "Form.Error", error);
	}
	hdf_set(r, "Form.ticket", ticket);
	keep_next(r);
	if (mobile != NULL)
		hdf_set(r, "Form.to", sms_mask(r->pool, mobile));
	hdf_set(r, "Page.Title", "输入短信验证码");
	return render(r, tpl);
}

/*
 * POST /register
 * A person registers under the name and ID number on their identity card,
 * with their mobile (ACC-1).  A code goes to the mobile; the account is
 * made only when it comes back (POST /register/code).  Whether or not the
 * number was registered before, the answer is the same page after the
 * same work (F7): nobody learns from it who has an account, and an
 * existing account is never changed.
 */
int
page_ext_register(struct req *r)
{
	const char	*idno, *pw, *pw2, *mobile, *why = NULL;
	char		*up, ticket[SMS_TICKET_HEX];

	idno = form_get(r, "id_number");
	pw = form_get(r, "password");
	pw2 = form_get(r, "password2");
	mobile = form_get(r, "mobile");
	if (idno != NULL && strlen(idno) == 18) {
		up = pool_strdup(r->pool, idno);
		id_number_upper(up);
		idno = up;
	}
	if (pw != NULL && (pw2 == NULL || strcmp(pw, pw2) != 0))
		return register_again(r, "两次输入的密码不一致。");
	switch (account_citizen_register(r->cfg, r->db, r->pool, idno,
	    form_get(r, "name"), mobile, pw, request_param(r, "REMOTE_ADDR"),
	    ticket, &why)) {
	case REG_DONE:
		break;
	case REG_INVALID:
	case REG_SMS_BUSY:
		return register_again(r, why);
	case REG_BUSY:
		return register_again(r, pool_printf(r->pool, "从您的网络地址"
		    "注册的次数已经太多，请%s再试，或到政务服务中心窗口办理。",
		    TH_REGISTER_ADDR.reopens));
	default:
		return reply_error(r, 500, NULL);
	}
	return code_page(r, "ext/register-code.cs", ticket, mobile, NULL);
}

/*
 * POST /register/code
 * The code from the SMS.  Right: the account exists from now on (or the
 * number's account was there before, unchanged: the same page says both,
 * F7).  Wrong: again, up to 5 times in all; then, or after 5 minutes, the
 * registration is started again.
 */
int
page_ext_register_code(struct req *r)
{
	const char	*ticket, *code;
	long		 left = 0;

	ticket = form_get(r, "ticket");
	code = form_get(r, "code");
	switch (account_citizen_confirm(r->db, r->pool, ticket, code,
	    request_param(r, "REMOTE_ADDR"), &left)) {
	case REG_DONE:
		keep_next(r);
		hdf_set(r, "Page.Title", "注册完成");
		return render(r, "ext/registered.cs");
	case REG_INVALID:
		return code_page(r, "ext/register-code.cs", ticket, NULL,
		    pool_printf(r->pool, "验证码不正确，还可以再试 %ld 次。",
		    left));
	case REG_GONE:
		return register_again(r, "验证码已过期或输错次数太多，"
		    "请重新填写并获取新的验证码。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* GET /reset: a forgotten password, reset by an SMS code (ACC-2). */
int
page_ext_reset_form(struct req *r)
{
	hdf_set(r, "Page.Title", "重设密码");
	return render(r, "ext/reset.cs");
}

static int
reset_again(struct req *r, const char *why)
{
	r->status = 422;
	hdf_set(r, "Form.Error", why);
	hdf_set(r, "Form.id_number", form_get(r, "id_number"));
	hdf_set(r, "Form.mobile", form_get(r, "mobile"));
	hdf_set(r, "Page.Title", "重设密码");
	return render(r, "ext/reset.cs");
}

/* The page that takes the code and the new password. */
static int
reset_code_page(struct req *r, const char *ticket, const char *error)
{
	return code_page(r, "ext/reset-code.cs", ticket, NULL, error);
}

/*
 * POST /reset
 * The ID number and the mobile on record: a code goes to that mobile when
 * both match an account.  The same page whether they do or not.
 */
int
page_ext_reset(struct req *r)
{
	const char	*idno, *why = NULL;
	char		*up, ticket[SMS_TICKET_HEX];

	idno = form_get(r, "id_number");
	if (idno != NULL && strlen(idno) == 18) {
		up = pool_strdup(r->pool, idno);
		id_number_upper(up);
		idno = up;
	}
	switch (account_citizen_pw_start(r->cfg, r->db, r->pool, idno,
	    form_get(r, "mobile"), request_param(r, "REMOTE_ADDR"), ticket,
	    &why)) {
	case REG_DONE:
		return reset_code_page(r, ticket, NULL);
	case REG_INVALID:
	case REG_SMS_BUSY:
		return reset_again(r, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /reset/code
 * The code and the new password; the account's sessions end.
 */
int
page_ext_reset_code(struct req *r)
{
	const char	*ticket, *pw, *pw2, *why = NULL;
	long		 left = 0;

	ticket = form_get(r, "ticket");
	pw = form_get(r, "password");
	pw2 = form_get(r, "password2");
	if (pw == NULL || pw2 == NULL || strcmp(pw, pw2) != 0)
		return reset_code_page(r, ticket, "两次输入的新密码不一致。");
	switch (account_citizen_pw_finish(r->db, r->pool, ticket,
	    form_get(r, "code"), pw, &why, &left)) {
	case REG_DONE:
		hdf_set(r, "Page.Title", "密码已重设");
		return render(r, "ext/reset-done.cs");
	case REG_INVALID:
		return reset_code_page(r, ticket, pool_printf(r->pool,
		    "验证码不正确，还可以再试 %ld 次。", left));
	case REG_WEAK:
		return reset_code_page(r, ticket, why);
	case REG_GONE:
		return reset_again(r, "验证码已过期、已用过或输错次数太多，"
		    "请重新获取。");
	default:
		return reply_error(r, 500, NULL);
	}
}

int
page_ext_login_form(struct req *r)
{
	hdf_set(r, "Form.next", view_next(form_get(r, "next")));
	hdf_set(r, "Page.Title", "登录");
	return render(r, "ext/login.cs");
}

/*
 * POST /login
 * Citizens log in with their ID number and password.
 */
int
page_ext_login(struct req *r)
{
	const char	*idno, *pw, *next, *msg;
	struct user	 u;

	idno = form_get(r, "id_number");
	pw = form_get(r, "password");
	next = view_next(form_get(r, "next"));
	msg = "身份证号码或密码不正确。连续输错 5 次，账户将暂停登录 15 分钟，"
	    "再错暂停时间加倍；急需办理请带身份证到政务服务中心窗口。";
	if (idno != NULL && pw != NULL && strlen(idno) <= 18 &&
	    strlen(pw) <= 128) {
		switch (account_citizen_login(r->db, r->pool, idno, pw,
		    request_param(r, "REMOTE_ADDR"), &u)) {
		case LOGIN_OK:
			if (session_login(r, &u) == -1)
				return reply_error(r, 500, NULL);
			/* An application form sent as the session ended
			 * comes back with what it carried (EXT-1). */
			(void)apply_carried(r, u.id, &next);
			return reply_redirect(r, next);
		case LOGIN_MISS:
			break;
		case LOGIN_BUSY:
			msg = pool_printf(r->pool, "从您的网络地址登录失败的次数"
			    "过多，请%s再试。", TH_LOGIN_ADDR.reopens);
			break;
		default:
			return reply_error(r, 500, NULL);
		}
	}
	r->status = 422;
	hdf_set(r, "Form.Error", msg);
	hdf_set(r, "Form.id_number", idno);
	hdf_set(r, "Form.next", next);
	apply_carry_view(r);
	hdf_set(r, "Page.Title", "登录");
	return render(r, "ext/login.cs");
}

/* The login page again, with an error about its SMS form. */
static int
login_again(struct req *r, const char *why)
{
	r->status = 422;
	hdf_set(r, "Form.SmsError", why);
	hdf_set(r, "Form.sms_id_number", form_get(r, "id_number"));
	hdf_set(r, "Form.next", view_next(form_get(r, "next")));
	hdf_set(r, "Page.Title", "登录");
	return render(r, "ext/login.cs");
}

static int
login_code_page(struct req *r, const char *ticket, const char *error)
{
	hdf_set(r, "Form.next", view_next(form_get(r, "next")));
	return code_page(r, "ext/login-code.cs", ticket, NULL, error);
}

/*
 * POST /login/sms
 * Login by SMS code (ACC-2), first step: the ID number; a code goes to
 * the account's mobile by the next tick.  The same page for any number.
 */
int
page_ext_login_sms(struct req *r)
{
	const char	*idno, *why = NULL;
	char		 ticket[SMS_TICKET_HEX];

	idno = form_get(r, "id_number");
	switch (account_citizen_code_start(r->cfg, r->db, r->pool, idno,
	    request_param(r, "REMOTE_ADDR"), ticket, &why)) {
	case REG_DONE:
		return login_code_page(r, ticket, NULL);
	case REG_INVALID:
	case REG_SMS_BUSY:
		return login_again(r, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /login/code
 * The code: a session, as a right password gives.
 */
int
page_ext_login_code(struct req *r)
{
	struct user	 u;
	const char	*ticket;
	long		 left = 0;

	ticket = form_get(r, "ticket");
	switch (account_citizen_code_login(r->db, r->pool, ticket,
	    form_get(r, "code"), &u, &left)) {
	case REG_DONE:
		if (session_login(r, &u) == -1)
			return reply_error(r, 500, NULL);
		return reply_redirect(r, view_next(form_get(r, "next")));
	case REG_INVALID:
		return login_code_page(r, ticket, pool_printf(r->pool,
		    "验证码不正确，还可以再试 %ld 次。", left));
	case REG_GONE:
		return login_again(r, "验证码已过期、已用过或输错次数太多，"
		    "请重新获取。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /logout (both sites)
 */
int
page_logout(struct req *r)
{
	session_logout(r);
	return reply_redirect(r, r->cfg->site == SITE_INTRANET ? "/login" :
	    "/");
}
