/*
 * int_account.c: a member of staff's own account (SEC-7): changing their
 * password.  A password an administrator set is temporary: until its
 * owner has chosen a new one, this page and logging out are all they can
 * reach (route.c, R_PWTEMP); everyone may also come here of their own
 * accord.  The current password is counted like a login's (org.c).
 */
#include <string.h>

#include "org.h"
#include "pages.h"
#include "session.h"

static int
password_page(struct req *r)
{
	if (r->user.pw_temporary)
		hdf_set(r, "Password.temporary", "1");
	hdf_set(r, "Page.Title", "修改密码");
	return render(r, "int/password.cs");
}

/* GET /password[?saved=1] */
int
page_int_password_form(struct req *r)
{
	const char	*saved = form_get(r, "saved");

	if (saved != NULL && strcmp(saved, "1") == 0)
		hdf_set(r, "Page.Notice", "密码已修改。其他设备上的登录已退出，"
		    "请记住新密码。");
	return password_page(r);
}

/* POST /password: old, password, password2. */
int
page_int_password(struct req *r)
{
	struct org_err	 err = { NULL, NULL };
	const char	*pw = form_get(r, "password"),
			*pw2 = form_get(r, "password2");

	if (pw != NULL && (pw2 == NULL || strcmp(pw, pw2) != 0)) {
		err.field = "password2";
		err.msg = "两次输入的新密码不一致，请重新输入。";
	} else switch (org_staff_password_change(r->db, r->pool, r->user.login,
	    form_get(r, "old"), pw, r->session_hash, &err)) {
	case DB_OK:
		return reply_redirect(r, "/password?saved=1");
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	/* Too many wrong passwords: the account is locked, this session
	 * has ended with the others. */
	if (err.locked) {
		session_logout(r);
		return reply_error(r, 403, err.msg);
	}
	view_refused(r, &err);
	return password_page(r);
}
