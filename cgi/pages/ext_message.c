/*
 * ext_message.c: the thread of messages on an application, on the
 * extranet (与窗口人员交流; EXT-7; message.h): shown on the application's
 * page, written there by whoever may read the application.
 */
#include <stdio.h>
#include <string.h>

#include "application.h"
#include "message.h"
#include "pages.h"
#include "text.h"

int
msg_view(struct req *r, const char *app_no)
{
	struct message	*v;
	char		*p;
	size_t		 n, i;

	if (msg_thread(r->db, r->pool, app_no, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Thread.%zu", i);
		hdf_put(r, p, "dir", v[i].dir);
		hdf_put(r, p, "author", v[i].author);
		hdf_put(r, p, "body", v[i].body);
		hdf_put(r, p, "at", v[i].at);
	}
	/* A form shown again after a refusal (refuse()) keeps its key. */
	view_form_key(r, r->status == 422);
	hdf_setf(r, "Limits.msg", "%d", MSG_BODY_MAX);
	return 0;
}

/* The application's page again, saying why the message was not sent. */
static int
refuse(struct req *r, const char *why)
{
	r->status = 422;
	hdf_set(r, "Msg.Error", why);
	hdf_set(r, "Msg.body", form_text(r, "body"));
	return page_ext_app(r);
}

/*
 * POST /app/message: no, form_key, body.  Whoever may read application
 * no (app_readable(): its applicant, the enterprise's staff, the agent
 * and the resident of an agent's case) writes to the window; someone
 * else's number is as if it did not exist (404).
 */
int
page_ext_message(struct req *r)
{
	struct application	 a;
	const char		*no = form_get(r, "no"), *key, *body;
	enum text_rc		 trc;

	if (no == NULL || strlen(no) > 20)
		return reply_error(r, 400, "申请编号格式不正确。");
	switch (app_get(r->db, r->pool, no, &a)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
	switch (app_readable(r, &a)) {
	case 1:
		break;
	case 0:
		return reply_error(r, 404, "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "留言页面已过期。请重新打开办件页面，"
		    "看看留言是否已经发出；没有的话，请重新填写。");
	body = form_text(r, "body");
	if (body == NULL || *body == '\0')
		return refuse(r, "请填写留言内容。");
	trc = text_check(body, strlen(body), 1, MSG_BODY_MAX,
	    4 * MSG_BODY_MAX, TEXT_LINES);
	if (trc == TEXT_LONG)
		return refuse(r, pool_printf(r->pool, "留言太长，请控制在 %d 字"
		    "以内。", MSG_BODY_MAX));
	if (trc != TEXT_OK)
		return refuse(r, pool_printf(r->pool, "留言%s，请修改后再发送。",
		    text_why(trc)));
	if (msg_post(r->db, r->pool, &r->user, a.app_no, body, key) != DB_OK)
		return reply_error(r, 500, "发送留言时出错。请刷新办件页面查看"
		    "是否已经发出；没有的话，请稍后重新发送。");
	return reply_redirect(r, pool_printf(r->pool,
	    "/app?no=%s&done=message#thread", a.app_no));
}
