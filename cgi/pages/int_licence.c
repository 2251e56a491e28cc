/*
 * int_licence.c: the licence library (证照批文共享数据库, DOC-2) on the
 * intranet: list and search, one licence as printed with its seal, and
 * revoking (吊销) or cancelling (注销) one, by a department head or leader
 * of the department that issued it (licence.h).
 */
#include <stdlib.h>
#include <string.h>

#include "docseal.h"
#include "licence.h"
#include "pages.h"
#include "utf8.h"

/* A criterion of the form: NULL when absent, empty, too long or not
 * UTF-8 (what no form sends is no criterion). */
static const char *
criterion(struct req *r, const char *name, size_t max)
{
	const char	*v = form_get(r, name);

	if (v == NULL || *v == '\0' || strlen(v) > max ||
	    utf8_check(v, strlen(v), 0, NULL) != UTF8_OK)
		return NULL;
	hdf_set(r, pool_printf(r->pool, "Form.%s", name), v);
	return v;
}

/*
 * GET /licences?no=&holder=&item=&state=&before=: the library, newest
 * first, a page at a time along the key (before: the last id shown).
 */
int
page_int_licences(struct req *r)
{
	static const char *const states[] = { "valid", "expired", "revoked",
	    "cancelled", NULL };
	struct licence_filter f;
	struct licence	*v;
	const char	*b;
	size_t		 n, i;
	int		 more;

	memset(&f, 0, sizeof(f));
	f.no = criterion(r, "no", LICENCE_NO_MAX);
	f.holder = criterion(r, "holder", 100);
	f.item = criterion(r, "item", 40);
	if ((f.state = criterion(r, "state", 10)) != NULL) {
		for (i = 0; states[i] != NULL; i++)
			if (strcmp(states[i], f.state) == 0)
				break;
		if (states[i] == NULL)
			f.state = NULL;
	}
	if ((b = form_get(r, "before")) != NULL)
		f.before = strtoll(b, NULL, 10);
	if (f.before < 0)
		f.before = 0;
	if (licence_search(r->db, r->pool, &f, &v, &n, &more) != DB_OK)
		return reply_error(r, 500, NULL);
	view_licences(r, "Lics", v, n);
	if (more)
		hdf_setf(r, "Page.next", "%lld", (long long)v[n - 1].id);
	hdf_set(r, "Page.Title", "证照库");
	return render(r, "int/licences.cs");
}

/* The licence of the request, shown (status, and why after a refusal). */
static int
show(struct req *r, const char *no, int status, const char *why)
{
	struct seal_view v;
	struct licence	 l;

	if (no == NULL || strlen(no) > LICENCE_NO_MAX)
		return reply_error(r, 400, "证照编号格式不正确。");
	switch (licence_get(r->db, r->pool, no, &l)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "证照库中没有这个编号的证照。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (docseal_view(r->db, r->pool, no, &v) != DB_OK ||
	    view_sealed(r, &v) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Doc.internal", "1");
	hdf_set(r, "Lic.no", l.licence_no);
	hdf_set(r, "Lic.app_no", l.app_no);
	hdf_set(r, "Lic.ended_by", l.ended_by);
	/* 吊销 and 注销 are the issuing department's head's or leader's. */
	if (strcmp(l.state, "valid") == 0 && (r->user.roles & (ROLE_CHIEF |
	    ROLE_LEADER)) && r->user.dept_code != NULL &&
	    strcmp(r->user.dept_code, l.dept_code) == 0)
		hdf_set(r, "Lic.may_end", "1");
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.why", form_get(r, "why"));
	}
	if (form_get(r, "done") != NULL)
		hdf_set(r, "Page.Notice", "已办理。证照状态随下一个数据包送到外网，"
		    "核验页面将显示为吊销或注销。");
	return render(r, "int/licence.cs");
}

/* GET /licence?no=…: one licence of the library, printable. */
int
page_int_licence(struct req *r)
{
	return show(r, form_get(r, "no"), 200, NULL);
}

/* POST /licence/end: no, state (revoked or cancelled), why. */
int
page_int_licence_end(struct req *r)
{
	const char	*no = form_get(r, "no"), *why = form_get(r, "why");
	const char	*msg;

	if (no == NULL || strlen(no) > LICENCE_NO_MAX ||
	    utf8_check(no, strlen(no), 0, NULL) != UTF8_OK)
		return reply_error(r, 404, "证照库中没有这个编号的证照。");
	if (why != NULL && (utf8_check(why, strlen(why), 0, NULL) !=
	    UTF8_OK || utf8_chars(why) > LICENCE_WHY_MAX))
		return show(r, no, 422, "理由不超过 200 字。");
	switch (licence_end(r->db, r->pool, no, form_get(r, "state"), why,
	    r->user.login, r->user.name, r->user.dept_code, &msg)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/licence?no=%s&done=1", url_escape(r->pool, no)));
	case DB_NONE:
		if (msg != NULL && strcmp(msg, "没有这个证照编号。") == 0)
			return reply_error(r, 404, "证照库中没有这个编号的证照。");
		return show(r, no, 422, msg);
	default:
		return reply_error(r, 500, NULL);
	}
}
