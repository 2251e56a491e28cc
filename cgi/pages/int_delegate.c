/*
 * int_delegate.c: 我的委托 (INT-7, AB岗): a member of staff lends their
 * business roles to a deputy of their department for a period, ends it
 * early, and sees those given to them.  The rules are delegation.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "delegation.h"
#include "org.h"
#include "pages.h"
#include "utf8.h"

/* Prefix.N.{id,staff_name,deputy_name,roles_label,from_day,to_day,reason,
 * state_label,created_at,ended_at,can_end} of v[0..n). */
static void
view_delegations(struct req *r, const char *prefix,
    const struct delegation *v, size_t n, cal_day today, int mine)
{
	const char	*label;
	size_t		 i;
	char		*p;

	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "%s.%zu", prefix, i);
		label = delegation_state_label(&v[i], today);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "staff_name", v[i].staff_name);
		hdf_put(r, p, "deputy_name", v[i].deputy_name);
		hdf_put(r, p, "roles_label", org_roles_label(r->pool,
		    v[i].roles));
		hdf_put(r, p, "from_day", v[i].from_day);
		hdf_put(r, p, "to_day", v[i].to_day);
		hdf_put(r, p, "reason", v[i].reason);
		hdf_put(r, p, "state_label", label);
		hdf_put(r, p, "created_at", v[i].created_at);
		if (v[i].ended_at != NULL)
			hdf_put(r, p, "ended_at", v[i].ended_at);
		if (strcmp(label, "生效中") == 0)
			hdf_put(r, p, "in_force", "1");
		if (mine && (strcmp(label, "生效中") == 0 ||
		    strcmp(label, "尚未开始") == 0))
			hdf_put(r, p, "can_end", "1");
	}
}

/* The page, with Form.* as the user left it on a refusal. */
static int
delegate_page(struct req *r, cal_day today)
{
	struct delegation	*v;
	struct deleg_person	*c;
	const char		*sel = form_get(r, "deputy");
	size_t			 n, i;
	char			*p;

	if (delegation_candidates(r->db, r->pool, &r->user, &c, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Deputies.%zu", i);
		hdf_put(r, p, "login", c[i].login);
		hdf_put(r, p, "name", c[i].name);
		hdf_put(r, p, "roles_label", org_roles_label(r->pool,
		    c[i].roles));
		if (sel != NULL && strcmp(sel, c[i].login) == 0)
			hdf_put(r, p, "selected", "1");
	}
	if (delegation_list(r->db, r->pool, &r->user, 1, today, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	view_delegations(r, "Mine", v, n, today, 1);
	if (delegation_list(r->db, r->pool, &r->user, 0, today, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	view_delegations(r, "Given", v, n, today, 0);
	hdf_set(r, "Delegate.today", cal_day_str(r->pool, today));
	hdf_set(r, "Delegate.last_start", cal_day_str(r->pool,
	    today + DELEG_AHEAD_MAX));
	hdf_setf(r, "Delegate.days_max", "%d", DELEG_DAYS_MAX);
	hdf_setf(r, "Delegate.reason_max", "%d", DELEG_REASON_MAX);
	hdf_set(r, "Delegate.roles_label", org_roles_label(r->pool,
	    r->user.roles & ROLES_STAFF));
	hdf_set(r, "Form.from", form_get(r, "from"));
	hdf_set(r, "Form.to", form_get(r, "to"));
	hdf_set(r, "Form.reason", form_get(r, "reason"));
	hdf_set(r, "Page.Title", "我的委托");
	return render(r, "int/delegate.cs");
}

/*
 * GET /delegate?done=: the delegations the user gave and was given, and
 * the form for a new one.
 */
int
page_int_delegate(struct req *r)
{
	const char	*done = form_get(r, "done");

	if (done != NULL && strcmp(done, "add") == 0)
		hdf_set(r, "Page.Notice", "委托已设定，代理人在委托期间的待办件中会"
		    "看到您的待办。");
	else if (done != NULL && strcmp(done, "end") == 0)
		hdf_set(r, "Page.Notice", "委托已结束，代理人不再能以您的名义办理。");
	return delegate_page(r, cal_day_of(clock_now()));
}

/*
 * POST /delegate: deputy, from, to, reason.  Refused with the form again
 * (422) and a message that says what to change.
 */
int
page_int_delegate_add(struct req *r)
{
	const char	*why, *field;
	cal_day		 today = cal_day_of(clock_now());

	switch (delegation_add(r->db, r->pool, &r->user, form_get(r,
	    "deputy"), form_get(r, "from"), form_get(r, "to"), form_get(r,
	    "reason"), today, &why, &field)) {
	case DB_OK:
		return reply_redirect(r, "/delegate?done=add");
	case DB_NONE:
		r->status = 422;
		hdf_set(r, "Form.Error", why ? why : "委托没有设定，请检查后再试。");
		hdf_set(r, "Form.Field", field);
		return delegate_page(r, today);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /delegate/end: id.  The delegator ends their delegation early, or
 * cancels it before it begins.
 */
int
page_int_delegate_end(struct req *r)
{
	const char	*v = form_get(r, "id"), *why;
	char		*end;
	int64_t		 id;

	errno = 0;
	id = v != NULL ? strtoll(v, &end, 10) : 0;
	if (v == NULL || errno != 0 || *end != '\0' || id <= 0)
		return reply_error(r, 400, "委托编号不正确。");
	switch (delegation_end(r->db, r->pool, &r->user, id,
	    cal_day_of(clock_now()), &why)) {
	case DB_OK:
		return reply_redirect(r, "/delegate?done=end");
	case DB_NONE:
		return reply_error(r, 409, why ? why : "委托没有结束。");
	default:
		return reply_error(r, 500, NULL);
	}
}
