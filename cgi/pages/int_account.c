/*
 * int_account.c: a member of staff's own account (SEC-7, NTF-1): their
 * mobile for SMS reminders (verified by a code sent through the
 * intranet's own gateway), reminders on or off and what was sent (GET
 * /account, POST /account/mobile, /account/mobile/code, /account/remind;
 * remind.h), and changing their password.  A password an administrator
 * set is temporary: until its owner has chosen a new one, the password
 * page and logging out are all they can reach (route.c, R_PWTEMP);
 * everyone may also come there of their own accord.  The current password is counted like a login's (org.c).
 */
#include <string.h>

#include "exchange.h"
#include "ids.h"
#include "org.h"
#include "pages.h"
#include "pii.h"
#include "remind.h"
#include "sealed.h"
#include "session.h"
#include "sms.h"

#define REMIND_ROWS	50

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

/* The account page, with the state of the mobile and what was sent. */
static int
account_page(struct req *r)
{
	struct remind_row	*v;
	char			*masked = NULL;
	const char		*p;
	size_t			 n, i;
	int			 on = 0;

	if (remind_me(r->db, r->pool, r->user.id, &masked, &on) != DB_OK ||
	    remind_list(r->db, r->pool, r->user.id, REMIND_ROWS, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Account.mobile", masked != NULL ? masked : "");
	hdf_set(r, "Account.remind", on ? "1" : "");
	hdf_set(r, "Account.gateway", r->cfg->sms_url != NULL &&
	    *r->cfg->sms_url != '\0' ? "1" : "");
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Reminders.%zu", i);
		hdf_put(r, p, "at", v[i].at);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "step", v[i].step);
		hdf_put(r, p, "kind", strcmp(v[i].kind, "overdue") == 0 ?
		    "已超期" : "即将到期");
		hdf_put(r, p, "due", v[i].due);
		hdf_put(r, p, "to", v[i].to);
		hdf_put(r, p, "text", v[i].text);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", sms_state_label(v[i].state));
		hdf_put(r, p, "error", v[i].error);
	}
	hdf_set(r, "Page.Title", "我的账户");
	return render(r, "int/account.cs");
}

/* GET /account[?saved=mobile|removed|on|off] */
int
page_int_account(struct req *r)
{
	static const struct {
		const char	*saved, *notice;
	} n[] = {
		{ "mobile", "手机号码已登记，今后的办件到期提醒将发到这个号码。" },
		{ "removed", "手机号码已删除，不再发送短信提醒。" },
		{ "on", "已开启短信提醒。" },
		{ "off", "已关闭短信提醒，到期提醒仍显示在待办和红黄灯中。" },
	};
	const char	*saved = form_get(r, "saved");
	size_t		 i;

	for (i = 0; saved != NULL && i < sizeof(n) / sizeof(n[0]); i++)
		if (strcmp(saved, n[i].saved) == 0)
			hdf_set(r, "Page.Notice", n[i].notice);
	return account_page(r);
}

static int
account_refused(struct req *r, const char *field, const char *msg)
{
	struct org_err	 err = { field, msg };

	view_refused(r, &err);
	return account_page(r);
}

/* POST /account/mobile: mobile (a code goes to it), or remove=1. */
int
page_int_account_mobile(struct req *r)
{
	struct sms_reg	 reg;
	const char	*mobile = form_get(r, "mobile"), *why = NULL;
	char		 ticket[SMS_TICKET_HEX];

	if (form_get(r, "remove") != NULL) {
		if (db_begin(r->db) != DB_OK ||
		    remind_mobile_set(r->db, r->pool, r->user.id, NULL) !=
		    DB_OK || audit_add(r->db, r->pool, r->user.login,
		    "org.staff.mobile.remove", pool_printf(r->pool, "staff:%s",
		    r->user.login), "") != DB_OK || db_commit(r->db) != DB_OK) {
			db_rollback(r->db);
			return reply_error(r, 500, NULL);
		}
		return reply_redirect(r, "/account?saved=removed");
	}
	if (mobile == NULL || !mobile_valid(mobile))
		return account_refused(r, "mobile", "手机号码应为 11 位数字、"
		    "以 1 开头，请检查后重新输入。");
	hdf_set(r, "Form.mobile", mobile);
	memset(&reg, 0, sizeof(reg));
	if ((reg.mobile_sealed = pii_seal(r->pool, SEALED_STAFF_MOBILE,
	    mobile)) == NULL)
		return reply_error(r, 500, NULL);
	switch (sms_code_start(r->cfg, r->db, r->pool, "staff", mobile, mobile,
	    request_param(r, "REMOTE_ADDR"), r->user.id, &reg, ticket, &why)) {
	case CODE_SENT:
		break;
	case CODE_BUSY:
		return account_refused(r, "mobile", why);
	default:
		return reply_error(r, 500, NULL);
	}
	hdf_set(r, "Code.ticket", ticket);
	hdf_set(r, "Code.to", sms_mask(r->pool, mobile));
	return account_page(r);
}

/* POST /account/mobile/code: ticket, code. */
int
page_int_account_code(struct req *r)
{
	struct sms_ticket t;
	const char	*mobile, *ticket = form_get(r, "ticket");
	long		 left = 0;
	enum sms_check_rc c;

	if (db_begin(r->db) != DB_OK)
		return reply_error(r, 500, NULL);
	c = sms_code_check(r->db, r->pool, "staff", ticket,
	    form_get(r, "code"), &t, &left);
	if (c == CHECK_OK && (t.citizen_id != r->user.id ||
	    t.mobile_sealed == NULL)) {
		memset(&t, 0, sizeof(t));
		c = CHECK_GONE;
	}
	if (c == CHECK_OK) {
		if ((mobile = pii_open(r->pool, SEALED_STAFF_MOBILE,
		    t.mobile_sealed)) == NULL ||
		    remind_mobile_set(r->db, r->pool, r->user.id, mobile) !=
		    DB_OK || audit_add(r->db, r->pool, r->user.login,
		    "org.staff.mobile", pool_printf(r->pool, "staff:%s",
		    r->user.login), sms_mask(r->pool, mobile)) != DB_OK ||
		    db_commit(r->db) != DB_OK) {
			db_rollback(r->db);
			return reply_error(r, 500, NULL);
		}
		return reply_redirect(r, "/account?saved=mobile");
	}
	if (c == CHECK_ERR || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return reply_error(r, 500, NULL);
	}
	if (c == CHECK_WRONG) {
		hdf_set(r, "Code.ticket", ticket);
		hdf_set(r, "Code.to", "您的手机");
		return account_refused(r, "code", pool_printf(r->pool,
		    "验证码不对，请核对短信后重新输入（还可以试 %ld 次）。",
		    left));
	}
	return account_refused(r, "mobile", "验证码已过期或已用完，"
	    "请重新输入手机号码获取新的验证码。");
}

/* POST /account/remind: on=1 turns reminders on, on=0 off. */
int
page_int_account_remind(struct req *r)
{
	const char	*on = form_get(r, "on");
	int		 yes = on != NULL && strcmp(on, "1") == 0;

	if (on == NULL || (!yes && strcmp(on, "0") != 0))
		return account_refused(r, NULL, "请用本页的按钮开启或关闭"
		    "短信提醒。");
	if (remind_switch(r->db, r->user.id, yes) != DB_OK)
		return reply_error(r, 500, NULL);
	return reply_redirect(r, yes ? "/account?saved=on" :
	    "/account?saved=off");
}
