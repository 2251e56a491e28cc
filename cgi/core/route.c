/*
 * route.c: route lookup and the checks made once, before any page runs.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "pages.h"
#include "route.h"

enum route_verdict
route_check(const struct route *t, size_t n, enum site site,
    const char *method, const char *path, const struct user *user,
    const char *form_token, const char *session_token,
    const struct route **found)
{
	const struct route	*r = NULL;
	unsigned		 sitebit;
	size_t			 i, len;
	int			 path_seen = 0;

	sitebit = site == SITE_INTRANET ? R_INT : R_EXT;
	*found = NULL;
	for (i = 0; i < n; i++) {
		if (!(t[i].flags & sitebit) || strcmp(t[i].path, path) != 0)
			continue;
		path_seen = 1;
		/* HEAD is answered like GET. */
		if (strcmp(t[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 &&
		    strcmp(t[i].method, "GET") == 0)) {
			r = &t[i];
			break;
		}
	}
	if (r == NULL)
		return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
	*found = r;
	if ((r->flags & R_LOGIN) && (user == NULL || user->id == 0))
		return ROUTE_LOGIN;
	if (user != NULL && user->id != 0 && user->pw_temporary &&
	    !(r->flags & R_PWTEMP))
		return ROUTE_PASSWORD;
	if (r->roles != 0 && (user == NULL || (user->roles & r->roles) == 0))
		return ROUTE_FORBIDDEN;
	if (strcmp(r->method, "GET") != 0 || (r->flags & R_CSRF)) {
		/* Every state-changing request carries the token. */
		if (form_token == NULL || session_token == NULL)
			return ROUTE_CSRF;
		len = strlen(session_token);
		if (len == 0 || strlen(form_token) != len ||
		    crypto_equal(form_token, session_token, len) != 0)
			return ROUTE_CSRF;
	}
	return ROUTE_OK;
}

/* The login page, asked to come back here afterwards. */
static const char *
login_url(struct req *r)
{
	const char	*qs;
	char		*here, *esc = NULL;
	const char	*url;

	qs = request_param(r, "QUERY_STRING");
	here = qs != NULL && *qs != '\0' ?
	    pool_printf(r->pool, "%s?%s", r->path, qs) :
	    pool_strdup(r->pool, r->path);
	if (cgi_url_escape(here, &esc) != STATUS_OK)
		return "/login";
	url = pool_printf(r->pool, "/login?next=%s", esc);
	/* The agents' own pages send them to theirs (AGT-1). */
	if (strncmp(r->path, "/agent/", 7) == 0)
		url = pool_printf(r->pool, "/agent/login?next=%s", esc);
	free(esc);
	return url;
}

/* Whether the request came through the operations server: set by nginx
 * alone (a client's headers become HTTP_* parameters). */
static int
via_ops(struct req *r)
{
	const char	*v = request_param(r, "YIWANG_OPS");

	return v != NULL && strcmp(v, "1") == 0;
}

int
route_dispatch(struct req *r)
{
	const struct route	*rt;
	enum route_verdict	 v;

	v = route_check(routes, nroutes, r->cfg->site, r->method, r->path,
	    &r->user, form_get(r, "csrf"), r->csrf, &rt);
	/* The operations server serves its routes and nothing else, and
	 * they exist nowhere else (GAP-6). */
	if (v != ROUTE_NOT_FOUND && v != ROUTE_BAD_METHOD &&
	    ((rt->flags & R_OPS) != 0) != via_ops(r))
		v = ROUTE_NOT_FOUND;
	else if (v == ROUTE_BAD_METHOD && via_ops(r) &&
	    strncmp(r->path, "/ops/", 5) != 0)
		v = ROUTE_NOT_FOUND;
	switch (v) {
	case ROUTE_OK:
		if ((r->user.roles & ROLE_OBSERVER) && route_observed(r) != 0)
			return reply_error(r, 503, "查询记录写不进去，暂不能"
			    "查看，请稍后再试。");
		return rt->page(r);
	case ROUTE_NOT_FOUND:
		return reply_error(r, 404, NULL);
	case ROUTE_BAD_METHOD:
		return reply_error(r, 405, NULL);
	case ROUTE_LOGIN:
		/* An application form keeps what it carried (EXT-1). */
		if (strcmp(r->method, "POST") == 0 &&
		    strcmp(r->path, "/apply") == 0 &&
		    r->cfg->site == SITE_EXTRANET)
			return page_ext_apply_expired(r);
		if (strcmp(r->method, "GET") != 0)
			return reply_error(r, 403, "登录已超时，请重新登录后再"
			    "提交。您填写的内容没有保存。");
		return reply_redirect(r, login_url(r));
	case ROUTE_PASSWORD:
		if (strcmp(r->method, "GET") != 0)
			return reply_error(r, 403, "您的密码由管理员设置，请先"
			    "修改密码再办理业务。您提交的内容没有保存。");
		return reply_redirect(r, "/password");
	case ROUTE_FORBIDDEN:
		return reply_error(r, 403, NULL);
	case ROUTE_CSRF:
		return reply_error(r, 403, "页面已过期或来源不明，请返回上一页"
		    "刷新后重新提交。");
	}
	return reply_error(r, 500, NULL);
}
