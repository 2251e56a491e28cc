/*
 * ext_sms.c: the SMS gateway's side of each site (NTF-1; sms.h); the
 * intranet has its own gateway for the staff's reminders (remind.h):
 *   GET /sms/dlr   the gateway's delivery reports.  Kannel's smsbox calls
 *                  the dlr-url each message was sent with, which carries
 *                  the message's id and its random 128-bit token: a report
 *                  without the right token changes nothing (404).  On the
 *                  intranet, only from the local gateway (127.0.0.1).
 *   GET /dev/sms   what was sent, for a development site (the demo, the
 *                  test stacks: config `development = 1`); 404 elsewhere.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "sms.h"

#define DEV_ROWS	100

int
page_ext_sms_dlr(struct req *r)
{
	const char	*id, *type, *reply, *addr;
	char		*end;
	long long	 n;
	long		 t;

	/* The intranet's gateway runs beside it: nobody else reports. */
	addr = request_param(r, "REMOTE_ADDR");
	if (r->cfg->site == SITE_INTRANET && (addr == NULL ||
	    (strcmp(addr, "127.0.0.1") != 0 && strcmp(addr, "::1") != 0)))
		return reply_error(r, 404, NULL);
	id = form_get(r, "id");
	type = form_get(r, "type");
	reply = form_get(r, "reply");
	if (id == NULL || type == NULL)
		return reply_error(r, 404, NULL);
	errno = 0;
	n = strtoll(id, &end, 10);
	if (errno != 0 || *end != '\0' || n <= 0)
		return reply_error(r, 404, NULL);
	t = strtol(type, &end, 10);
	if (*end != '\0' || t < 0 || t > 64)
		return reply_error(r, 404, NULL);
	if (reply != NULL && strlen(reply) > 60)
		reply = NULL;
	switch (sms_dlr(r->db, r->pool, (int64_t)n, form_get(r, "k"), (int)t,
	    reply)) {
	case DB_OK:
		return reply_raw(r, "text/plain; charset=utf-8", "ok\n", 3,
		    NULL);
	case DB_NONE:
		return reply_error(r, 404, NULL);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* What a message is for, as people say it. */
static const char *
why_label(const char *w)
{
	static const struct {
		const char	*why, *label;
	} l[] = {
		{ "register", "注册验证码" },
		{ "reset", "重设密码验证码" },
		{ "login", "登录验证码" },
		{ "accepted", "受理" },
		{ "not_accepted", "不予受理" },
		{ "correction", "补正材料" },
		{ "approved", "准予许可" },
		{ "denied", "不予许可" },
		{ "fee", "缴费通知" },
		{ "staff", "登记手机验证码" },
		{ "remind_due", "到期提醒" },
		{ "remind_late", "超期提醒" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++)
		if (strcmp(w, l[i].why) == 0)
			return l[i].label;
	return w;
}

int
page_ext_sms_dev(struct req *r)
{
	struct sms_row	*v;
	const char	*p;
	size_t		 n, i;

	if (!r->cfg->development)
		return reply_error(r, 404, NULL);
	if (sms_list(r->db, r->pool, DEV_ROWS, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Sms.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "to", v[i].to);
		hdf_put(r, p, "text", sms_signed(r->cfg, r->pool, v[i].text));
		hdf_put(r, p, "why", why_label(v[i].why));
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", sms_state_label(v[i].state));
		hdf_putf(r, p, "tries", "%lld", (long long)v[i].tries);
		hdf_put(r, p, "created", v[i].created);
		hdf_put(r, p, "sent", v[i].sent);
		hdf_put(r, p, "done", v[i].done);
		hdf_put(r, p, "error", v[i].error);
	}
	hdf_set(r, "SmsGateway", r->cfg->sms_url != NULL &&
	    *r->cfg->sms_url != '\0' ? "1" : "");
	hdf_set(r, "Page.Title", "短信发件箱（开发环境）");
	return render(r, "ext/sms-dev.cs");
}
