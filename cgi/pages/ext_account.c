/*
 * ext_account.c: real-name registration and login of citizens (ACC-1,
 * ACC-2), and logout on both sites.
 */
#include <string.h>

#include "account.h"
#include "ids.h"
#include "pages.h"
#include "session.h"
#include "utf8.h"

#define PASSWORD_MIN	8

int
page_ext_register_form(struct req *r)
{
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
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		hdf_set(r, pool_printf(r->pool, "Form.%s", keep[i]),
		    form_get(r, keep[i]));
	hdf_set(r, "Page.Title", "实名注册");
	return render(r, "ext/register.cs");
}

/*
 * POST /register
 * A person registers under the name and ID number on their identity card.
 */
int
page_ext_register(struct req *r)
{
	const char	*name, *idno, *mobile, *pw, *pw2;
	char		*up;
	struct user	 u;
	size_t		 i;

	name = form_get(r, "name");
	idno = form_get(r, "id_number");
	mobile = form_get(r, "mobile");
	pw = form_get(r, "password");
	pw2 = form_get(r, "password2");
	/* The column holds 50 characters (F11: longer was a 500). */
	if (name == NULL || utf8_chars(name) > 50)
		return register_again(r, "请填写身份证上的姓名（50 个字以内）。");
	if (idno != NULL && strlen(idno) == 18) {
		/* Accept a lower-case x as typed on a phone keyboard. */
		up = pool_strdup(r->pool, idno);
		for (i = 0; up[i]; i++)
			if (up[i] == 'x')
				up[i] = 'X';
		idno = up;
	}
	if (!id_number_valid(idno))
		return register_again(r, "身份证号码不正确，请核对 18 位号码"
		    "（最后一位可能是 X）。");
	if (!mobile_valid(mobile))
		return register_again(r, "手机号码应为 11 位数字。");
	if (pw == NULL || strlen(pw) < PASSWORD_MIN || strlen(pw) > 128)
		return register_again(r, "密码至少 8 位。");
	if (pw2 == NULL || strcmp(pw, pw2) != 0)
		return register_again(r, "两次输入的密码不一致。");
	switch (account_citizen_add(r->db, idno, name, mobile, pw)) {
	case DB_OK:
		break;
	case DB_DUP:
		return register_again(r, "这个身份证号码已经注册过，请直接登录；"
		    "忘记密码请到政务服务中心窗口办理。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (account_citizen_login(r->db, r->pool, idno, pw, &u) != DB_OK ||
	    session_login(r, &u) == -1)
		return reply_error(r, 500, NULL);
	return reply_redirect(r, "/my");
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
	const char	*idno, *pw, *next;
	struct user	 u;

	idno = form_get(r, "id_number");
	pw = form_get(r, "password");
	next = view_next(form_get(r, "next"));
	if (idno != NULL && pw != NULL && strlen(idno) <= 18 &&
	    strlen(pw) <= 128) {
		switch (account_citizen_login(r->db, r->pool, idno, pw, &u)) {
		case DB_OK:
			if (session_login(r, &u) == -1)
				return reply_error(r, 500, NULL);
			return reply_redirect(r, next);
		case DB_NONE:
			break;
		default:
			return reply_error(r, 500, NULL);
		}
	}
	r->status = 422;
	hdf_set(r, "Form.Error", "身份证号码或密码不正确。");
	hdf_set(r, "Form.id_number", idno);
	hdf_set(r, "Form.next", next);
	hdf_set(r, "Page.Title", "登录");
	return render(r, "ext/login.cs");
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
