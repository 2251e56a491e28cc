/*
 * int_pub.c: publication on the intranet (PUB-1, PUB-2, AGT-2): the
 * announcements desk (/pub: write, submit, publish by a second person,
 * return, withdraw), the results that were not published in time, and
 * the supervisors' table of agent points (/sup/agents).
 */
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "publish.h"

/* The id field of a form or query: a positive id, or 0. */
static int64_t
form_id(struct req *r)
{
	const char	*s = form_get(r, "id");
	char		*end;
	long long	 v;

	if (s == NULL)
		return 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= 0 || v > 2147483647LL || *s == '+')
		return 0;
	return v;
}

static void
put_news(struct req *r, const char *p, const struct pub_news *n)
{
	hdf_putf(r, p, "id", "%lld", (long long)n->id);
	hdf_put(r, p, "kind", n->kind);
	hdf_put(r, p, "kind_label", pub_kind_label(n->kind));
	hdf_put(r, p, "title", n->title);
	hdf_put(r, p, "body", n->body);
	hdf_put(r, p, "items", n->items);
	hdf_put(r, p, "dept_name", n->dept_name);
	hdf_put(r, p, "state", n->state);
	hdf_put(r, p, "state_label", pub_state_label(n->state));
	hdf_put(r, p, "writer_name", n->writer_name);
	hdf_put(r, p, "reviewer_name", n->reviewer_name);
	hdf_put(r, p, "note", n->note);
	hdf_put(r, p, "updated_at", n->updated_at);
	hdf_put(r, p, "published_at", n->published_at);
	if (strcmp(n->written_by, r->user.login) == 0)
		hdf_put(r, p, "mine", "1");
	if (pub_may_review(n, &r->user))
		hdf_put(r, p, "may_review", "1");
}

/*
 * GET /pub: the announcements of the user's department (all of them for
 * the system administrator), by state, and the results not published
 * in time.
 */
int
page_int_pub(struct req *r)
{
	struct pub_news	*v;
	struct pub_late	*l;
	size_t		 n, nl, i;
	const char	*done = form_get(r, "done");

	if (pub_news_list(r->db, r->pool, (r->user.roles & ROLE_ADMIN) ?
	    NULL : r->user.dept_code ? r->user.dept_code : "", &v, &n) !=
	    DB_OK || pub_late_list(r->db, r->pool, &l, &nl) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++)
		put_news(r, pool_printf(r->pool, "News.%zu", i), &v[i]);
	for (i = 0; i < nl; i++) {
		const char *p = pool_printf(r->pool, "Late.%zu", i);
		hdf_put(r, p, "app_no", l[i].app_no);
		hdf_put(r, p, "item_name", l[i].item_name);
		hdf_put(r, p, "decided_on", l[i].decided_on);
		hdf_put(r, p, "due_on", l[i].due_on);
	}
	if (done != NULL && (strcmp(done, "submit") == 0 ||
	    strcmp(done, "publish") == 0 || strcmp(done, "return") == 0 ||
	    strcmp(done, "withdraw") == 0))
		hdf_set(r, "Page.Done", done);
	hdf_set(r, "Page.Title", "信息发布");
	return render(r, "int/pub.cs");
}

/* The editor with n (or the posted fields) and an error, status st. */
static int
edit_page(struct req *r, int st, const char *error)
{
	r->status = st;
	if (error != NULL)
		hdf_set(r, "Form.Error", error);
	hdf_set(r, "Page.Title", "撰写稿件");
	return render(r, "int/pub_edit.cs");
}

/* GET /pub/edit?id=N: a new draft, or the writer's draft N. */
int
page_int_pub_edit_form(struct req *r)
{
	struct pub_news	 n;
	int64_t		 id = form_id(r);

	if (form_get(r, "id") != NULL) {
		switch (pub_news_get(r->db, r->pool, id, &n)) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "没有这篇稿件。");
		default:
			return reply_error(r, 500, NULL);
		}
		put_news(r, "News", &n);
		if (strcmp(n.written_by, r->user.login) != 0 ||
		    strcmp(n.state, "draft") != 0)
			hdf_set(r, "News.readonly", "1");
	} else
		hdf_set(r, "News.kind", "news");
	if (form_get(r, "saved") != NULL)
		hdf_set(r, "Page.Done", "saved");
	return edit_page(r, 200, NULL);
}

/* POST /pub/edit: id (none: new), kind, title, body, items. */
int
page_int_pub_edit(struct req *r)
{
	const char	*kind, *title, *body, *items, *why;
	int64_t		 id = form_id(r);

	if (form_get(r, "id") != NULL && id == 0)
		return reply_error(r, 404, "没有这篇稿件。");
	kind = form_get(r, "kind");
	title = form_get(r, "title");
	body = form_text(r, "body");
	items = form_text(r, "items");
	switch (pub_news_save(r->db, r->pool, &r->user, &id, kind ? kind : "",
	    title, body, items, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/pub/edit?id=%lld&saved=1", (long long)id));
	case DB_NONE:
		hdf_put(r, "News", "kind", kind ? kind : "news");
		hdf_put(r, "News", "title", title ? title : "");
		hdf_put(r, "News", "body", body ? body : "");
		hdf_put(r, "News", "items", items ? items : "");
		if (id > 0)
			hdf_putf(r, "News", "id", "%lld", (long long)id);
		return edit_page(r, why != NULL && strstr(why, "只有撰稿人") ?
		    403 : why != NULL && strstr(why, "没有这篇") ? 404 :
		    why != NULL && strstr(why, "不能再修改") ? 409 : 422,
		    why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * The POSTs that move an announcement: id (and note).  Who may is
 * checked here first, for its status (403: not the user's to move, the
 * writer above all, whom the domain refuses again), then the move.
 */
static int
move(struct req *r, const char *what)
{
	struct pub_news	 n;
	const char	*why, *note = form_get(r, "note");
	int64_t		 id = form_id(r);
	int		 review = strcmp(what, "submit") != 0;

	switch (pub_news_get(r->db, r->pool, id, &n)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这篇稿件。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (review && strcmp(n.written_by, r->user.login) == 0)
		return reply_error(r, 403, "稿件须由撰稿人以外的另一位工作人员"
		    "审核：您是这篇稿件的撰稿人，不能发布、退回或撤回它。请交由"
		    "本部门分管领导或系统管理员审核。");
	if (review && !pub_may_review(&n, &r->user))
		return reply_error(r, 403, "只有本部门的分管领导或系统管理员"
		    "可以审核、发布和撤回稿件。");
	if (!review && strcmp(n.written_by, r->user.login) != 0)
		return reply_error(r, 403, "只有撰稿人本人可以提交审核。");
	switch (pub_news_move(r->db, r->pool, &r->user, id, what, note,
	    &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool, "/pub?done=%s",
		    what));
	case DB_NONE:
		return reply_error(r, why != NULL && strstr(why, "退回时") ?
		    422 : 409, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

int
page_int_pub_submit(struct req *r)
{
	return move(r, "submit");
}

int
page_int_pub_publish(struct req *r)
{
	return move(r, "publish");
}

int
page_int_pub_return(struct req *r)
{
	return move(r, "return");
}

int
page_int_pub_withdraw(struct req *r)
{
	return move(r, "withdraw");
}

/*
 * GET /sup/agents: agent points (AGT-2), cases per agent and service
 * area, from the cases themselves; none until agents exist (AGT-1).
 */
int
page_sup_agents(struct req *r)
{
	struct pub_agent	*v;
	size_t			 n, i;
	const char		*p;

	if (pub_agents(r->db, r->pool, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Agents.%zu", i);
		hdf_put(r, p, "name", view_person(r, v[i].name));
		hdf_put(r, p, "area", v[i].area);
		hdf_putf(r, p, "cases", "%lld", (long long)v[i].cases);
		hdf_putf(r, p, "decided", "%lld", (long long)v[i].decided);
	}
	hdf_set(r, "Page.Title", "代办点统计");
	return render(r, "int/sup_agents.cs");
}
