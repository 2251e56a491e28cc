/*
 * int_event.c: 一件事 in the intranet's catalogue (EXT-12; docs/event.md).
 * /catalog/events lists the life events, each change a new draft version
 * by a system administrator (who keeps the catalogue), published by a
 * second person: another system administrator, or the leader of a
 * department one of its items belongs to.  The case page says which
 * bundle a case is one of (view_case_bundle()).
 */
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "flow.h"
#include "lifeevent.h"
#include "pages.h"
#include "text.h"
#include "vocab.h"

#define ITEMS_FIELD_MAX	2000	/* bytes of the item codes' textarea */

/* Events (the latest version of each) as Events.N, and the one of ?code=
 * as Edit.* to change. */
static int
show_events(struct req *r, int status, const char *why)
{
	struct life_event	*v;
	struct item		 it;
	size_t			 n, i, j;
	const char		*code = form_get(r, "code"), *done, *p, *q;
	char			*lines;

	if (event_list(r->db, r->pool, 0, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Events.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_putf(r, p, "version", "%d", v[i].version);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "intro", v[i].intro);
		hdf_put(r, p, "status", v[i].status);
		hdf_put(r, p, "status_label", strcmp(v[i].status, "draft") ==
		    0 ? "草稿，待审核发布" : strcmp(v[i].status, "published")
		    == 0 ? "已发布" : "已停用");
		hdf_put(r, p, "created_by", v[i].created_by);
		hdf_put(r, p, "created_at", v[i].created_at);
		hdf_put(r, p, "published_by", v[i].published_by);
		hdf_put(r, p, "published_at", v[i].published_at);
		lines = "";
		for (j = 0; j < v[i].nitems; j++) {
			q = pool_printf(r->pool, "%s.Items.%zu", p, j);
			hdf_put(r, q, "code", v[i].items[j]);
			if (catalog_published_head(r->db, r->pool,
			    v[i].items[j], &it) == DB_OK) {
				hdf_put(r, q, "name", it.name);
				hdf_put(r, q, "dept_name", it.dept_name);
			}
			lines = pool_printf(r->pool, "%s%s\n", lines,
			    v[i].items[j]);
		}
		if (code != NULL && strcmp(code, v[i].code) == 0) {
			hdf_set(r, "Edit.code", v[i].code);
			hdf_set(r, "Edit.name", v[i].name);
			hdf_set(r, "Edit.intro", v[i].intro);
			hdf_set(r, "Edit.items", lines);
		}
	}
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Edit.code", form_get(r, "code"));
		hdf_set(r, "Edit.name", form_get(r, "name"));
		hdf_set(r, "Edit.intro", form_get(r, "intro"));
		hdf_set(r, "Edit.items", form_text(r, "items"));
	}
	if ((done = form_get(r, "done")) != NULL)
		hdf_set(r, "Page.Notice", strcmp(done, "saved") == 0 ?
		    "已保存为新的草稿版本，请另一位系统管理员或相关部门的分管"
		    "领导审核发布。" : strcmp(done, "published") == 0 ?
		    "已发布，外网将在下一次摆渡后显示。" : NULL);
	hdf_set(r, "May.edit", (r->user.roles & ROLE_ADMIN) ? "1" : "0");
	hdf_set(r, "May.publish", (r->user.roles & (ROLE_ADMIN |
	    ROLE_LEADER)) ? "1" : "0");
	hdf_setf(r, "Limits.items_min", "%d", EVENT_ITEMS_MIN);
	hdf_setf(r, "Limits.items_max", "%d", EVENT_ITEMS_MAX);
	hdf_set(r, "Page.Title", "一件事一次办");
	return render(r, "int/events.cs");
}

/* GET /catalog/events[?code=…] */
int
page_int_events(struct req *r)
{
	return show_events(r, 200, NULL);
}

/* The item codes of the textarea, one a line (blank lines skipped). */
static char **
item_lines(struct req *r, const char *text, size_t *n)
{
	char	**v, *s, *line, *save = NULL, *end;
	size_t	 cap = 0;

	*n = 0;
	v = NULL;
	s = pool_strdup(r->pool, text);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		end = line + strlen(line);
		while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r'))
			*--end = '\0';
		if (*line == '\0')
			continue;
		if (!vocab_code_valid(line, 40) || strlen(line) < 3 ||
		    *n >= EVENT_ITEMS_MAX)
			return NULL;
		*(char **)pool_push(r->pool, &v, n, &cap, sizeof(*v)) = line;
	}
	return v;
}

/*
 * POST /catalog/events: code, name, intro, items (the item codes, one a
 * line).  A new draft version (the first of a new event).
 */
int
page_int_event_save(struct req *r)
{
	const char	*code = form_get(r, "code"), *name = form_get(r, "name");
	const char	*intro = form_get(r, "intro");
	const char	*items = form_text(r, "items"), *why;
	char		**v;
	size_t		 n;
	int		 version;

	if (code == NULL || strlen(code) < 3 || !vocab_code_valid(code, 40))
		return show_events(r, 422, "一件事编码应为 3 到 40 个英文字母、"
		    "数字或 -，例如 YJS-KBCG。");
	if (name == NULL || text_check(name, strlen(name), 2, EVENT_NAME_MAX,
	    0, TEXT_LINE) != TEXT_OK)
		return show_events(r, 422, "请填写一件事的名称（2 到 30 个字，"
		    "如“开办餐馆”）。");
	if (intro == NULL)
		intro = "";
	if (text_check(intro, strlen(intro), 0, EVENT_INTRO_MAX, 0,
	    TEXT_LINE) != TEXT_OK)
		return show_events(r, 422, "简介应为一行文字，不超过 200 字。");
	if (items == NULL || strlen(items) > ITEMS_FIELD_MAX ||
	    text_check(items, strlen(items), 0, ITEMS_FIELD_MAX, 0,
	    TEXT_LINES) != TEXT_OK || (v = item_lines(r, items, &n)) == NULL)
		return show_events(r, 422, pool_printf(r->pool, "事项编码每行"
		    "一个，%d 到 %d 个，只能有英文字母、数字或 -。",
		    EVENT_ITEMS_MIN, EVENT_ITEMS_MAX));
	switch (event_save(r->db, r->pool, code, name, intro, v, n,
	    r->user.login, &version, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/events?code=%s&done=saved", view_url_escape(r,
		    code)));
	case DB_NONE:
		return show_events(r, 422, pool_printf(r->pool, "没有保存："
		    "%s。请改正后再保存。", why));
	default:
		return reply_error(r, 500, NULL);
	}
}

/* Whether u may publish e: another system administrator, or the leader
 * of a department one of its items belongs to. */
static int
may_publish(struct req *r, const struct life_event *e)
{
	struct item	 it;
	size_t		 i;

	if (r->user.roles & ROLE_ADMIN)
		return 1;
	if (!(r->user.roles & ROLE_LEADER) || r->user.dept_code == NULL)
		return 0;
	for (i = 0; i < e->nitems; i++)
		if (catalog_published_head(r->db, r->pool, e->items[i], &it) ==
		    DB_OK && strcmp(it.dept_code, r->user.dept_code) == 0)
			return 1;
	return 0;
}

/* POST /catalog/events/publish: code, v. */
int
page_int_event_publish(struct req *r)
{
	struct life_event	 e;
	const char		*code = form_get(r, "code"), *why;
	int64_t			 v;

	if (code == NULL || view_form_id(r, "v", &v) == -1 || v > 1000000)
		return reply_error(r, 404, "没有这个版本。");
	switch (event_get(r->db, r->pool, code, (int)v, &e)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这个版本。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (!may_publish(r, &e))
		return reply_error(r, 403, "只有系统管理员或这件事所含事项"
		    "部门的分管领导可以发布。");
	switch (event_publish(r->db, r->pool, code, (int)v, r->user.login,
	    &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/events?code=%s&done=published",
		    view_url_escape(r, code)));
	case DB_NONE:
		return show_events(r, 409, pool_printf(r->pool, "没有发布：%s。",
		    why));
	default:
		return reply_error(r, 500, NULL);
	}
}

/* Whether the user's department may read case id (ORG-2): 1, 0, -1. */
static int
case_visible(struct req *r, int64_t id)
{
	struct kase	 k;

	if (case_get(r->db, r->pool, id, &k) != DB_OK)
		return -1;
	return flow_involves(&k, &r->user) ? 1 : 0;
}

/*
 * The case page's 一件事 (Case.Bundle.*): the event it is one of, and
 * its sibling cases, each with may_open when the clerk's department may
 * see it (flow_involves()), else only named.  0, or -1.
 */
int
view_case_bundle(struct req *r, const char *app_no)
{
	struct bundle_case	*v;
	char			*no, *name, *p;
	size_t			 n, i, k;

	switch (bundle_of_case(r->db, r->pool, app_no, &no, &name, &v, &n)) {
	case DB_OK:
		break;
	case DB_NONE:
		return 0;
	default:
		return -1;
	}
	hdf_set(r, "Case.Bundle.no", no);
	hdf_set(r, "Case.Bundle.event_name", name);
	for (i = 0, k = 0; i < n; i++) {
		if (strcmp(v[i].app_no, app_no) == 0)
			continue;
		p = pool_printf(r->pool, "Case.Bundle.Others.%zu", k++);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "dept_name", v[i].dept_name);
		hdf_putf(r, p, "case_id", "%lld", (long long)v[i].case_id);
		hdf_put(r, p, "state_label", flow_state_label(v[i].state));
		hdf_put(r, p, "may_open", case_visible(r, v[i].case_id) ==
		    1 ? "1" : "0");
	}
	return 0;
}
