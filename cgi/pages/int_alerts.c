/*
 * int_alerts.c: the security administrator's security alerts (SEC-3,
 * GAP-3, GAP-4): what a refused bundle, a forged record or a new epoch of
 * the other site raised (cgi/domain/alert.c).  Each stays open until the
 * security administrator has looked into it and says what was found.
 */
#include <errno.h>
#include <stdlib.h>

#include "alert.h"
#include "pages.h"
#include "utf8.h"

#define ALERTS_SHOWN	200
#define NOTE_MAX	500	/* characters */

/* GET /sec/alerts: the open alerts, newest first; ?done=ID after one. */
int
page_int_sec_alerts(struct req *r)
{
	struct alert	*v;
	size_t		 n, i;
	int64_t		 total;
	const char	*done;
	char		*p;

	if (alert_open(r->db, r->pool, ALERTS_SHOWN, &v, &n, &total) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Alerts.%zu", i);
		view_alert(r, p, &v[i]);
	}
	hdf_setf(r, "Count.open", "%lld", (long long)total);
	if ((done = form_get(r, "done")) != NULL && strtoll(done, NULL, 10) > 0)
		hdf_set(r, "Page.Notice", pool_printf(r->pool, "第 %lld 号警告"
		    "已处理，处理情况已记入审计日志。",
		    (long long)strtoll(done, NULL, 10)));
	hdf_set(r, "Page.Title", "安全警告");
	return render(r, "int/sec_alerts.cs");
}

/* POST /sec/alerts/resolve: id, note (what was found and done). */
int
page_int_sec_alert_resolve(struct req *r)
{
	const char	*v, *note;
	char		*end;
	int64_t		 id;

	errno = 0;
	if ((v = form_get(r, "id")) == NULL ||
	    (id = strtoll(v, &end, 10)) <= 0 || *end != '\0' || errno != 0)
		return reply_error(r, 400, "请从安全警告列表中选择要处理的警告。");
	if ((note = form_text(r, "note")) == NULL ||
	    utf8_chars(note) > NOTE_MAX)
		return reply_error(r, 422, "请写明核查的情况和处理结果（500 字以内），"
		    "再标记为已处理。");
	switch (alert_resolve_id(r->db, r->pool, id, r->user.login, note)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/sec/alerts?done=%lld", (long long)id));
	case DB_NONE:
		return reply_error(r, 409, "这条警告已经处理过了（可能已由别人"
		    "处理），请返回列表刷新后再看。");
	default:
		return reply_error(r, 500, NULL);
	}
}
