/*
 * int_catalog.c: the catalogue on the intranet (CAT-1, CAT-2, CAT-4,
 * FLOW-1, FLOW-2): the list of items, one item with its versions, its
 * flow chart and the live soundness check, the editor of a draft, the
 * moves draft → review → published (or back to draft), and the
 * step-by-step simulation of its procedure.
 *
 * The system administrator edits and submits; a leader of the item's
 * department (or a system administrator) publishes or returns, but never
 * someone who drafted, edited or submitted the version (a second person,
 * SEC-7); the business roles and the system administrator may read.  The
 * domain (catalog.c) audits every change and refuses to publish an unsound
 * procedure; these pages say why.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "catalog_form.h"
#include "fee.h"
#include "flowchart.h"
#include "log.h"
#include "org.h"
#include "pages.h"
#include "utf8.h"
#include "wfnet.h"

/* The bounds of the soundness check; the same as publishing's. */
#define CHECK_STATES	200000
#define CHECK_MS	2000
/* The simulation page lists at most this many transitions. */
#define SIM_MAX		400

static const char *done_notice(const char *);

static const char *
status_label(const char *s)
{
	if (strcmp(s, "draft") == 0)
		return "草稿";
	if (strcmp(s, "review") == 0)
		return "待审核";
	if (strcmp(s, "published") == 0)
		return "已发布";
	if (strcmp(s, "retired") == 0)
		return "已停用";
	return s;
}

/* The item code of the request, or NULL when absent or malformed. */
static const char *
code_arg(struct req *r, const char *name)
{
	const char	*c = form_get(r, name);

	return cform_valid_code(c, 40) ? c : NULL;
}

/* The version asked for: > 0, 0 when absent, -1 when malformed. */
static int
version_arg(struct req *r)
{
	const char	*v = form_get(r, "v");
	char		*end;
	long		 n;

	if (v == NULL)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n <= 0 || n > 1000000)
		return -1;
	return (int)n;
}

static int
is_admin(const struct user *u)
{
	return (u->roles & ROLE_ADMIN) != 0;
}

/* Publishing and returning: a system administrator, or a leader of the
 * item's own department (ORG-2); catalog.c adds: not whoever drafted,
 * edited or submitted the version. */
static int
may_publish(const struct user *u, const struct item *it)
{
	return is_admin(u) || ((u->roles & ROLE_LEADER) &&
	    u->dept_code != NULL && strcmp(u->dept_code, it->dept_code) == 0);
}

/* Who may publish it instead, for people. */
static const char *
publisher_words(struct req *r, const struct item *it)
{
	return pool_printf(r->pool, "请由%s分管领导或另一位系统管理员审核发布"
	    "（起草、修改或提交这一版的人员不能发布）。", it->dept_name);
}

/*
 * Hands.N.{login,name,acts}: who drafted, edited or submitted it; 1 when
 * the user is one of them, 0 when not, -1 on a database error.
 */
static int
view_hands(struct req *r, const struct item *it)
{
	static const char *const words[][2] = { { "draft", "起草" },
	    { "edit", "修改" }, { "submit", "提交" } };
	struct item_hand *h;
	size_t		 n, i, j;
	int		 mine = 0;
	char		*p, *acts;

	if (catalog_hands(r->db, r->pool, it->code, it->version, &h, &n) !=
	    DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Hands.%zu", i);
		hdf_put(r, p, "login", h[i].login);
		hdf_put(r, p, "name", h[i].name);
		for (acts = "", j = 0; j < 3; j++)
			if (strstr(h[i].acts, words[j][0]) != NULL)
				acts = pool_printf(r->pool, "%s%s%s", acts,
				    *acts ? "、" : "", words[j][1]);
		hdf_put(r, p, "acts", acts);
		mine |= strcmp(h[i].login, r->user.login) == 0;
	}
	return mine;
}

static void
view_list(struct req *r, const char *prefix, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		hdf_set(r, pool_printf(r->pool, "%s.%zu", prefix, i), list[i]);
}

/* The departments for a select: Depts.N.{code,name}. */
static int
view_depts(struct req *r)
{
	struct org_dept	*d;
	size_t		 n, i;

	if (org_depts(r->db, r->pool, &d, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", d[i].code);
		hdf_put(r, p, "name", d[i].name);
	}
	return 0;
}

/* One more error for the editor's list. */
static void
add_error(struct req *r, struct cform_errors *e, const char *msg)
{
	if (e->n < CFORM_MAX_ERRORS)
		e->msg[e->n++] = pool_strdup(r->pool, msg);
	else
		e->more++;
}

static void
view_errors(struct req *r, const struct cform_errors *e)
{
	size_t	 i;

	for (i = 0; i < e->n; i++)
		hdf_set(r, pool_printf(r->pool, "Form.Errors.%zu", i),
		    e->msg[i]);
	if (e->more > 0)
		hdf_setf(r, "Form.ErrorsMore", "%zu", e->more);
}

/*
 * The list page with r->status: the newest version of every item, of
 * department ?dept= when given, and the form for a new item.
 */
static int
show_list(struct req *r)
{
	struct item	*items;
	const char	*dept = code_arg(r, "dept");
	size_t		 n, i, k = 0;

	if (catalog_latest(r->db, r->pool, &items, &n) != DB_OK ||
	    view_depts(r) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		char *p;

		if (dept != NULL && strcmp(items[i].dept_code, dept) != 0)
			continue;
		p = pool_printf(r->pool, "Items.%zu", k++);
		hdf_put(r, p, "code", items[i].code);
		hdf_put(r, p, "name", items[i].name);
		hdf_put(r, p, "kind", items[i].kind);
		hdf_put(r, p, "dept_code", items[i].dept_code);
		hdf_put(r, p, "dept_name", items[i].dept_name);
		hdf_put(r, p, "level", items[i].level);
		hdf_put(r, p, "parent_code", items[i].parent_code);
		hdf_putf(r, p, "version", "%d", items[i].version);
		hdf_put(r, p, "status", items[i].status);
		hdf_put(r, p, "status_label", status_label(items[i].status));
	}
	if (dept != NULL)
		hdf_set(r, "Filter.dept", dept);
	view_list(r, "Opts.Kinds", cform_kinds);
	view_list(r, "Opts.Levels", cform_levels);
	hdf_set(r, "Page.Notice", done_notice(form_get(r, "done")));
	hdf_set(r, "Page.MayEdit", is_admin(&r->user) ? "1" : "0");
	hdf_set(r, "Page.Title", "事项管理");
	return render(r, "int/catalog.cs");
}

/*
 * GET /catalog[?dept=]
 */
int
page_int_catalog(struct req *r)
{
	return show_list(r);
}

static const char *const new_steps =
    "步骤：\n"
    "accept  受理  窗口受理人员  1  受理通知书\n"
    "review  审查  承办人  3\n"
    "decide  决定  分管领导  1  决定书\n"
    "连线：\n"
    "开始 -> accept -> review -> decide -> 结束\n"
    "回退：\n"
    "decide -> review\n";

/* Refuse the new-item form with msg (422), showing what was typed. */
static int
new_refused(struct req *r, const char *msg)
{
	static const char *const keys[] = { "code", "name", "dept_code",
	    "kind", "level" };
	size_t	 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		hdf_put(r, "Form", keys[i], form_get(r, keys[i]));
	hdf_set(r, "Form.Error", msg);
	r->status = 422;
	return show_list(r);
}

/*
 * POST /catalog/new: code, name, dept_code, kind, level.  A new item as
 * a draft of version 1 with the smallest sound procedure (受理 → 审查 →
 * 决定), then its editor.
 */
int
page_int_catalog_new(struct req *r)
{
	struct cform_errors	 e = { 0 };
	struct cform_proc	 proc;
	struct org_dept		 d;
	struct item		*versions;
	const char		*code, *name, *dept, *kind, *level;
	json_t			*obj;
	enum db_rc		 rc;
	size_t			 n, i;
	int			 version;
	char			 err[512];

	code = form_get(r, "code");
	name = form_get(r, "name");
	dept = form_get(r, "dept_code");
	kind = form_get(r, "kind");
	level = form_get(r, "level");
	if (code == NULL || strlen(code) < 3 || !cform_valid_code(code, 40))
		return new_refused(r, "事项编码应为 3 到 40 位英文字母、"
		    "数字或 -，例如 152502-SCJG-XK-002。");
	if (name == NULL || utf8_chars(name) > 200)
		return new_refused(r, "请填写事项名称（200 字以内）。");
	for (i = 0; kind != NULL && cform_kinds[i] != NULL; i++)
		if (strcmp(kind, cform_kinds[i]) == 0)
			break;
	if (kind == NULL || cform_kinds[i] == NULL)
		return new_refused(r, "请选择事项类型。");
	for (i = 0; level != NULL && cform_levels[i] != NULL; i++)
		if (strcmp(level, cform_levels[i]) == 0)
			break;
	if (level == NULL || cform_levels[i] == NULL)
		return new_refused(r, "请选择实施层级。");
	if (!cform_valid_code(dept, 32))
		return new_refused(r, "请选择实施部门。");
	switch (org_dept_get(r->db, r->pool, dept, &d)) {
	case DB_OK:
		break;
	case DB_NONE:
		return new_refused(r, "没有这个部门，请从列表中选择。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (catalog_versions(r->db, r->pool, code, &versions, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	if (n > 0)
		return new_refused(r, pool_printf(r->pool, "事项编码 %s "
		    "已经有了（%s），请换一个编码，或打开该事项新建草稿。",
		    code, versions[0].name));
	if (cform_proc_parse(r->pool, new_steps, &proc, &e) != 0) {
		log_err("catalog/new: the first procedure does not parse");
		return reply_error(r, 500, NULL);
	}
	obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, "
	    "s:b, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:[], s:[]}",
	    "code", code, "name", name, "kind", kind, "dept_code", d.code,
	    "dept_name", d.name, "level", level, "basis", "", "conditions", "",
	    "statutory_days", 20, "promised_days", 20, "instant", 0,
	    "fee", "不收费", "place", d.address, "hours", "", "phone", d.phone,
	    "complaint_phone", "12345", "visits", 1, "depth", "C",
	    "themes", "materials");
	/* NULL (text from the database that is not JSON text): the draft
	 * is refused by catalog_store(). */
	if (json_object_set_new(obj, "procedure", cform_proc_json(&proc)) !=
	    0) {
		json_decref(obj);
		obj = NULL;
	}
	rc = catalog_new_draft(r->db, r->pool, code, 0, obj, r->user.login,
	    &version, err, sizeof(err));
	json_decref(obj);
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/edit?code=%s&v=%d&done=created", code, version));
	case DB_DUP:
		return new_refused(r, "这个事项编码刚刚被别人用了，请换一个。");
	default:
		if (err[0] != '\0')
			return new_refused(r, err);
		return reply_error(r, 500, NULL);
	}
}

/* What the item page says after a move (?done=), fixed texts only. */
static const char *
done_notice(const char *done)
{
	static const struct {
		const char	*key, *text;
	} notes[] = {
		{ "saved", "已保存草稿。下面是保存后的流程检查结果。" },
		{ "draft", "已新建草稿。" },
		{ "created",
		    "已新建事项（草稿）。请补全各项要素，再提交审核。" },
		{ "submitted", "已提交审核，请本部门分管领导审核发布。" },
		{ "published", "已发布。发布记录将随下一次摆渡送往外网。" },
		{ "returned", "已退回修改，这一版重新成为草稿。" },
		{ "discarded", "已放弃草稿，草稿连同其材料和流程已删除。" },
	};
	size_t	 i;

	for (i = 0; done != NULL && i < sizeof(notes) / sizeof(notes[0]); i++)
		if (strcmp(done, notes[i].key) == 0)
			return notes[i].text;
	return NULL;
}

/* Width and height of a drawn chart, from its viewBox. */
static void
chart_size(const char *svg, int *w, int *h)
{
	const char	*p = strstr(svg, "viewBox=\"");

	*w = 600;
	*h = 400;
	if (p == NULL || sscanf(p, "viewBox=\"%*d %*d %d %d\"", w, h) != 2 ||
	    *w <= 0 || *h <= 0) {
		*w = 600;
		*h = 400;
	}
}

static char *
draw(struct req *r, const struct item *it, const struct wf_net *net)
{
	struct flowchart_opts	 o;
	int			*days;
	size_t			 i;

	days = pool_alloc(r->pool, (it->nsteps + 1) * sizeof(*days));
	for (i = 0; i < it->nsteps; i++)
		days[i] = it->steps[i].days;
	memset(&o, 0, sizeof(o));
	o.days = days;
	o.home_dept = it->dept_code;
	o.title = pool_printf(r->pool, "%s（第 %d 版）审批运行流程图",
	    it->name, it->version);
	return flowchart_svg_opts(net, &o, r->pool);
}

static const char *
doc_label(const char *doc)
{
	if (strcmp(doc, "accept") == 0)
		return "受理通知书";
	if (strcmp(doc, "decision") == 0)
		return "决定书";
	return "";
}

/*
 * The item page with r->status: versions of code, version v (0: the
 * newest) with its elements, chart, live soundness verdict and the
 * moves this user may make.  error, when not NULL, is shown on top.
 */
static int
show_item(struct req *r, const char *code, int v, const char *error)
{
	struct item	*versions, it;
	struct wf_net	 net;
	struct wf_result res;
	const char	*open = NULL;
	char		*svg;
	size_t		 n, i;
	int		 w, h, mine, priv, want, admin = is_admin(&r->user);

	if (catalog_versions(r->db, r->pool, code, &versions, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	if (n == 0)
		return reply_error(r, 404,
		    "没有这个事项。请回到事项管理重新选择。");
	if (v == 0)
		v = versions[0].version;
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Versions.%zu", i);

		hdf_putf(r, p, "version", "%d", versions[i].version);
		hdf_put(r, p, "status", versions[i].status);
		hdf_put(r, p, "status_label", status_label(versions[i].status));
		hdf_put(r, p, "published_at", versions[i].published_at);
		hdf_put(r, p, "current", versions[i].version == v ? "1" : "0");
		if (strcmp(versions[i].status, "draft") == 0 ||
		    strcmp(versions[i].status, "review") == 0)
			open = pool_printf(r->pool, "%d", versions[i].version);
	}
	switch (catalog_version(r->db, r->pool, code, v, &it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "这个事项没有这一版。");
	default:
		return reply_error(r, 500, NULL);
	}
	view_item(r, "Item", &it);
	if ((priv = catalog_private(r->db, r->pool, code)) < 0 ||
	    (want = catalog_private_wanted(r->db, r->pool, code, v)) == -2)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Item.private", priv ? "1" : "0");
	/* Unmarked in this version, effective once it is published. */
	if (want == 0 && priv && (strcmp(it.status, "draft") == 0 ||
	    strcmp(it.status, "review") == 0))
		hdf_set(r, "Item.private_pending", "0");
	hdf_set(r, "Item.status", it.status);
	hdf_set(r, "Item.status_label", status_label(it.status));
	hdf_set(r, "Item.dept_code", it.dept_code);
	hdf_set(r, "Item.keywords", it.keywords);
	if (open != NULL)
		hdf_set(r, "Item.open_version", open);

	/* FLOW-2, live: what publishing would say now. */
	catalog_net(r->db, r->pool, &it, &net);
	(void)wf_check(&net, CHECK_STATES, CHECK_MS, &res);
	hdf_set(r, "Check.sound", res.verdict == WF_SOUND ? "1" : "0");
	hdf_set(r, "Check.too_large", res.verdict == WF_TOO_LARGE ? "1" : "0");
	hdf_setf(r, "Check.states", "%zu", res.states);
	hdf_set(r, "Check.reason", res.reason);
	for (i = 0; i < it.nsteps; i++) {
		const struct step *s = &it.steps[i];
		char *p = pool_printf(r->pool, "Item.Steps.%zu", i);

		hdf_put(r, p, "doc_label", doc_label(s->doc));
		hdf_put(r, p, "other_dept", strcmp(s->dept_code,
		    it.dept_code) != 0 ? "1" : "0");
		if (res.step != NULL && strcmp(res.step, s->key) == 0) {
			hdf_put(r, p, "flagged", "1");
			hdf_set(r, "Check.step_name", s->name);
		}
	}
	hdf_set(r, "Item.procedure_text", cform_proc_text(r->pool, it.steps,
	    it.nsteps, it.flows, it.nflows, it.dept_code));
	svg = draw(r, &it, &net);
	chart_size(svg, &w, &h);
	hdf_setf(r, "Chart.width", "%d", w);
	hdf_setf(r, "Chart.height", "%d", h);

	/* The moves allowed for this user and this version's status. */
	if (admin && open == NULL)
		hdf_set(r, "Moves.new_draft", "1");
	if (admin && strcmp(it.status, "draft") == 0) {
		hdf_set(r, "Moves.edit", "1");
		hdf_set(r, "Moves.submit", "1");
		hdf_set(r, "Moves.discard", "1");
	}
	if ((mine = view_hands(r, &it)) == -1)
		return reply_error(r, 500, NULL);
	if (strcmp(it.status, "review") == 0 && may_publish(&r->user, &it)) {
		if (!mine)
			hdf_set(r, "Moves.publish", "1");
		hdf_set(r, "Moves.return", "1");
	}
	if (strcmp(it.status, "review") == 0)
		hdf_set(r, "Publish.who", mine ? pool_printf(r->pool, "您参与了"
		    "这一版的起草、修改或提交，不能由您发布。%s",
		    publisher_words(r, &it)) : publisher_words(r, &it));
	if (error != NULL)
		hdf_set(r, "Page.Error", error);
	else if (r->status == 200)
		hdf_set(r, "Page.Notice", done_notice(form_get(r, "done")));
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s（第 %d 版）",
	    it.name, it.version));
	return render(r, "int/catalog_item.cs");
}

/*
 * GET /catalog/item?code=…[&v=N]
 */
int
page_int_catalog_item(struct req *r)
{
	const char	*code;
	int		 v;

	if ((code = code_arg(r, "code")) == NULL || (v = version_arg(r)) < 0)
		return reply_error(r, 400, "事项编码或版本号格式不正确。");
	return show_item(r, code, v, NULL);
}

/* The code and version a page or move is about; 0, or -1 after the
 * error page has been sent. */
static int
load_version(struct req *r, const char **code, int *v, struct item *it,
    int *status)
{
	if ((*code = code_arg(r, "code")) == NULL ||
	    (*v = version_arg(r)) <= 0) {
		*status = reply_error(r, 400, "事项编码或版本号格式不正确。");
		return -1;
	}
	switch (catalog_version(r->db, r->pool, *code, *v, it)) {
	case DB_OK:
		return 0;
	case DB_NONE:
		*status = reply_error(r, 404, "这个事项没有这一版。");
		return -1;
	default:
		*status = reply_error(r, 500, NULL);
		return -1;
	}
}

/*
 * GET /catalog/chart?code=…&v=N: the version's procedure as SVG
 * (FLOW-1), for the <img> of the item page.
 */
int
page_int_catalog_chart(struct req *r)
{
	struct item	 it;
	struct wf_net	 net;
	const char	*code;
	char		*svg;
	int		 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	catalog_net(NULL, r->pool, &it, &net);
	svg = draw(r, &it, &net);
	return reply_raw(r, "image/svg+xml; charset=utf-8", svg, strlen(svg),
	    NULL);
}

/*
 * POST /catalog/draft: code, v.  A new draft copied from version v.
 */
int
page_int_catalog_draft(struct req *r)
{
	struct item	 it;
	const char	*code;
	char		 err[512];
	int		 v, nv, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	switch (catalog_new_draft(r->db, r->pool, code, v, NULL, r->user.login,
	    &nv, err, sizeof(err))) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/edit?code=%s&v=%d&done=draft", code, nv));
	case DB_NONE:
		r->status = 409;
		return show_item(r, code, v, err[0] ? err :
		    "这个事项已有草稿或待审核版本。");
	default:
		if (err[0] == '\0')
			return reply_error(r, 500, NULL);
		r->status = 409;
		return show_item(r, code, v, err);
	}
}

/*
 * POST /catalog/discard: code, v, confirm.  Draft v is deleted with its
 * materials and procedure (CAT-4); without the 确认放弃 box ticked the
 * item page again, 422, nothing deleted.
 */
int
page_int_catalog_discard(struct req *r)
{
	struct item	 it, *left;
	const char	*code, *why;
	size_t		 n;
	int		 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	if (strcmp(it.status, "draft") == 0 &&
	    form_get(r, "confirm") == NULL) {
		r->status = 422;
		return show_item(r, code, v, "没有放弃：请先勾选「确认放弃」，"
		    "再点「放弃草稿」。草稿原样保留。");
	}
	switch (catalog_discard_draft(r->db, r->pool, code, v, r->user.login,
	    &why)) {
	case DB_OK:
		break;
	case DB_NONE:
		r->status = 409;
		return show_item(r, code, v, pool_printf(r->pool, "没有放弃。%s",
		    why ? why : ""));
	default:
		return reply_error(r, 500, NULL);
	}
	if (catalog_versions(r->db, r->pool, code, &left, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	if (n == 0)
		return reply_redirect(r, "/catalog?done=discarded");
	return reply_redirect(r, pool_printf(r->pool,
	    "/catalog/item?code=%s&done=discarded", code));
}

/* Form.* for the editor from a stored version. */
static void
form_from_item(struct req *r, const struct item *it)
{
	size_t	 i;

	hdf_set(r, "Form.name", it->name);
	hdf_set(r, "Form.kind", it->kind);
	hdf_set(r, "Form.dept_code", it->dept_code);
	hdf_set(r, "Form.level", it->level);
	hdf_set(r, "Form.parent", it->parent_code);
	hdf_set(r, "Form.phase", it->phase);
	hdf_set(r, "Form.basis", it->basis);
	hdf_set(r, "Form.conditions", it->conditions);
	hdf_setf(r, "Form.statutory_days", "%d", it->statutory_days);
	hdf_setf(r, "Form.promised_days", "%d", it->promised_days);
	hdf_set(r, "Form.instant", it->instant ? "1" : "");
	hdf_set(r, "Form.fee", it->fee);
	hdf_set(r, "Form.fee_basis", it->fee_basis);
	hdf_set(r, "Form.fee_standard", it->fee_standard);
	hdf_set(r, "Form.fee_kind", it->fee_kind);
	if (*it->fee_kind != '\0') {
		hdf_set(r, "Form.fee_min", fee_yuan(r->pool, it->fee_min));
		hdf_set(r, "Form.fee_max", fee_yuan(r->pool, it->fee_max));
	}
	hdf_set(r, "Form.place", it->place);
	hdf_set(r, "Form.hours", it->hours);
	hdf_set(r, "Form.phone", it->phone);
	hdf_set(r, "Form.complaint_phone", it->complaint_phone);
	hdf_setf(r, "Form.visits", "%d", it->visits);
	hdf_set(r, "Form.depth", it->depth);
	hdf_set(r, "Form.secret", it->secret ? "1" : "");
	hdf_set(r, "Form.keywords", it->keywords);
	for (i = 0; cform_themes[i] != NULL; i++)
		if (cform_has_theme(it->themes, cform_themes[i]))
			hdf_set(r, pool_printf(r->pool, "Form.theme_%zu", i),
			    "1");
	hdf_set(r, "Form.materials", cform_materials_text(r->pool,
	    it->materials, it->nmaterials));
	hdf_set(r, "Form.procedure", cform_proc_text(r->pool, it->steps,
	    it->nsteps, it->flows, it->nflows, it->dept_code));
}

/* A field of the editor, read as its control sends it: the text areas
 * with their lines, every other field as one line. */
static const char *
field(void *arg, const char *name)
{
	static const char *const areas[] = { "basis", "conditions",
	    "fee_basis" };
	size_t	 i;

	for (i = 0; i < sizeof(areas) / sizeof(areas[0]); i++)
		if (strcmp(name, areas[i]) == 0)
			return form_text(arg, name);
	return form_get(arg, name);
}

/* Form.* for the editor from what was typed. */
static void
form_from_request(struct req *r)
{
	static const char *const keys[] = { "name", "kind", "dept_code",
	    "level", "parent", "phase", "basis", "conditions",
	    "statutory_days", "promised_days", "instant", "fee", "fee_basis",
	    "fee_standard", "fee_kind", "fee_min", "fee_max", "place", "hours",
	    "phone", "complaint_phone", "visits", "depth", "secret",
	    "private", "keywords" };
	size_t	 i;
	char	*k;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		hdf_put(r, "Form", keys[i], field(r, keys[i]));
	for (i = 0; cform_themes[i] != NULL; i++) {
		k = pool_printf(r->pool, "theme_%zu", i);
		if (form_get(r, k) != NULL)
			hdf_put(r, "Form", k, "1");
	}
	/* The text areas as typed, line numbers intact. */
	hdf_set(r, "Form.materials", hdf_get_value(r->hdf, "Query.materials",
	    ""));
	hdf_set(r, "Form.procedure", hdf_get_value(r->hdf, "Query.procedure",
	    ""));
}

/* The editor page with r->status. */
static int
show_edit(struct req *r, const struct item *it)
{
	size_t	 i;

	if (view_depts(r) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Item.code", it->code);
	hdf_setf(r, "Item.version", "%d", it->version);
	hdf_set(r, "Item.name", it->name);
	hdf_set(r, "Item.dept_code", it->dept_code);
	view_list(r, "Opts.Kinds", cform_kinds);
	view_list(r, "Opts.Levels", cform_levels);
	view_list(r, "Opts.Phases", cform_phases);
	view_list(r, "Opts.Originals", cform_originals);
	for (i = 0; cform_themes[i] != NULL; i++) {
		char *p = pool_printf(r->pool, "Opts.Themes.%zu", i);
		hdf_put(r, p, "name", cform_themes[i]);
		hdf_put(r, p, "field", pool_printf(r->pool, "theme_%zu", i));
		hdf_put(r, p, "checked", *hdf_get_value(r->hdf, pool_printf(
		    r->pool, "Form.theme_%zu", i), "") ? "1" : "0");
	}
	if (r->status == 200)
		hdf_set(r, "Page.Notice", done_notice(form_get(r, "done")));
	hdf_set(r, "Page.Title", pool_printf(r->pool, "修改 %s（第 %d 版草稿）",
	    it->name, it->version));
	return render(r, "int/catalog_edit.cs");
}

/*
 * GET /catalog/edit?code=…&v=N: the editor of a draft.
 */
int
page_int_catalog_edit_form(struct req *r)
{
	struct item	 it;
	const char	*code;
	int		 v, st, priv;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	if (strcmp(it.status, "draft") != 0) {
		r->status = 409;
		return show_item(r, code, v, "只有草稿可以修改；"
		    "请先新建草稿，或由领导退回修改。");
	}
	form_from_item(r, &it);
	/* As the draft says it, else as it is now (161). */
	if ((priv = catalog_private_wanted(r->db, r->pool, code, v)) == -1)
		priv = catalog_private(r->db, r->pool, code);
	if (priv < 0)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Form.private", priv ? "1" : "");
	return show_edit(r, &it);
}

/*
 * POST /catalog/edit: every element, the materials and the procedure of
 * draft v.  Any error: the form again as typed, 422.  Saved: the item
 * page with the live verdict (an unsound draft may be saved, not
 * published).
 */
int
page_int_catalog_edit(struct req *r)
{
	struct cform_errors	 e = { 0 };
	struct cform_proc	 proc;
	struct material		*mats;
	struct org_dept		 d;
	struct item		 it, *pv;
	const char		*code, *parent, *dept;
	json_t			*obj;
	enum db_rc		 rc;
	size_t			 nmats, npv;
	char			 err[512];
	int			 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	if (strcmp(it.status, "draft") != 0) {
		r->status = 409;
		return show_item(r, code, v, "这一版已不是草稿（可能刚被提交"
		    "审核），不能再修改；您填写的内容没有保存。");
	}
	obj = cform_item_json(r->pool, field, r, &e);
	if ((dept = form_get(r, "dept_code")) != NULL &&
	    cform_valid_code(dept, 32)) {
		switch (org_dept_get(r->db, r->pool, dept, &d)) {
		case DB_OK:
			if (obj != NULL)
				json_object_set_new(obj, "dept_name",
				    json_string(d.name));
			break;
		case DB_NONE:
			add_error(r, &e, "没有这个实施部门，请从列表中选择。");
			break;
		default:
			json_decref(obj);
			return reply_error(r, 500, NULL);
		}
	}
	if ((parent = form_get(r, "parent")) != NULL &&
	    cform_valid_code(parent, 40)) {
		if (strcmp(parent, code) == 0)
			add_error(r, &e, "所属主项不能是事项自己。");
		else if (catalog_versions(r->db, r->pool, parent, &pv,
		    &npv) != DB_OK) {
			json_decref(obj);
			return reply_error(r, 500, NULL);
		} else if (npv == 0)
			add_error(r, &e, pool_printf(r->pool,
			    "没有编码为 %s 的主项。", parent));
	}
	(void)cform_materials_parse(r->pool, hdf_get_value(r->hdf,
	    "Query.materials", ""), it.materials, it.nmaterials, &mats, &nmats,
	    &e);
	(void)cform_proc_parse(r->pool, hdf_get_value(r->hdf,
	    "Query.procedure", ""), &proc, &e);
	err[0] = '\0';
	if (e.n == 0 && obj != NULL) {
		json_object_set_new(obj, "code", json_string(code));
		json_object_set_new(obj, "materials",
		    cform_materials_json(mats, nmats));
		/* NULL (text that is not JSON text): refused by the save. */
		if (json_object_set_new(obj, "procedure",
		    cform_proc_json(&proc)) != 0) {
			json_decref(obj);
			obj = NULL;
		}
		rc = catalog_save_draft(r->db, r->pool, code, v, obj,
		    r->user.login, err, sizeof(err));
		json_decref(obj);
		switch (rc) {
		case DB_OK:
			return reply_redirect(r, pool_printf(r->pool,
			    "/catalog/item?code=%s&v=%d&done=saved", code, v));
		case DB_NONE:
			r->status = 409;
			return show_item(r, code, v, err[0] ? err :
			    "这一版已不是草稿，不能再修改。");
		default:
			if (err[0] == '\0')
				return reply_error(r, 500, NULL);
			add_error(r, &e, err);
		}
	} else
		json_decref(obj);
	r->status = 422;
	form_from_request(r);
	view_errors(r, &e);
	hdf_set(r, "Form.Error", "没有保存：请改正下面列出的问题后再保存。");
	return show_edit(r, &it);
}

/*
 * POST /catalog/submit: code, v.  A draft goes to review (CAT-4).
 */
int
page_int_catalog_submit(struct req *r)
{
	struct item	 it;
	const char	*code, *why;
	int		 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	switch (catalog_set_status(r->db, r->pool, code, v, "review",
	    r->user.login, NULL, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/item?code=%s&v=%d&done=submitted", code, v));
	case DB_NONE:
		r->status = 409;
		return show_item(r, code, v, why ? why :
		    "这一版不能提交审核。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /catalog/publish: code, v.  A version in review is published,
 * when its procedure is sound (FLOW-2); refused with the reason, 409.
 */
int
page_int_catalog_publish(struct req *r)
{
	struct item	 it;
	const char	*code, *why;
	int		 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	if (!may_publish(&r->user, &it))
		return reply_error(r, 403, "只有本事项实施部门的分管领导或系统"
		    "管理员可以发布。");
	switch (catalog_hand_of(r->db, r->pool, code, v, r->user.login)) {
	case DB_NONE:
		break;
	case DB_OK:
		return reply_error(r, 403, pool_printf(r->pool, "您起草、修改或"
		    "提交了这一版，不能由您发布。%s", publisher_words(r, &it)));
	default:
		return reply_error(r, 500, NULL);
	}
	if (strcmp(it.status, "review") != 0) {
		r->status = 409;
		return show_item(r, code, v, "只有待审核的版本可以发布："
		    "请先提交审核。");
	}
	switch (catalog_publish(r->db, r->pool, code, v, r->user.login,
	    &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/item?code=%s&v=%d&done=published", code, v));
	case DB_NONE:
		r->status = 409;
		return show_item(r, code, v, pool_printf(r->pool,
		    "没有发布。%s", why ? why : ""));
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /catalog/return: code, v, reason.  A version in review goes back
 * to draft, with the reason in the audit trail.
 */
int
page_int_catalog_return(struct req *r)
{
	struct item	 it;
	const char	*code, *why, *reason;
	int		 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	if (!may_publish(&r->user, &it))
		return reply_error(r, 403, "只有本事项实施部门的分管领导或系统"
		    "管理员可以退回。");
	if ((reason = form_text(r, "reason")) == NULL ||
	    utf8_chars(reason) > 500) {
		r->status = 422;
		return show_item(r, code, v,
		    "退回修改请写明理由（500 字以内）。");
	}
	switch (catalog_set_status(r->db, r->pool, code, v, "draft",
	    r->user.login, reason, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/catalog/item?code=%s&v=%d&done=returned", code, v));
	case DB_NONE:
		r->status = 409;
		return show_item(r, code, v, why ? why : "这一版不能退回。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* One transition of the simulation. */
struct move {
	size_t		 from, to;
	char		*enabled, *step, *way;
	int		 to_complete;
};

struct sim {
	struct pool	*pool;
	struct move	*v;
	size_t		 n, cap;
};

static void
sim_cb(void *arg, size_t from, const char *enabled, const char *step,
    const char *way, size_t to, int to_complete)
{
	struct sim	*s = arg;
	struct move	*m;

	m = pool_push(s->pool, &s->v, &s->n, &s->cap, sizeof(*m));
	m->from = from;
	m->to = to;
	m->enabled = pool_strdup(s->pool, enabled);
	m->step = pool_strdup(s->pool, step);
	m->way = pool_strdup(s->pool, way);
	m->to_complete = to_complete;
}

/*
 * GET /catalog/simulate?code=…&v=N: every state a case of this version
 * can reach and the moves between them (FLOW-2), breadth first.
 */
int
page_int_catalog_simulate(struct req *r)
{
	struct item	 it;
	struct wf_net	 net;
	struct wf_result res;
	struct sim	 sim;
	const char	*code;
	char		*done, *p;
	size_t		 i, k, nst, row;
	long		 states;
	int		 v, st;

	if (load_version(r, &code, &v, &it, &st) == -1)
		return st;
	view_item(r, "Item", &it);
	hdf_set(r, "Item.status_label", status_label(it.status));
	hdf_set(r, "Page.Title", pool_printf(r->pool, "%s（第 %d 版）流程模拟",
	    it.name, it.version));
	/* Staffing does not change the moves; a malformed net has none. */
	catalog_net(NULL, r->pool, &it, &net);
	if (wf_check(&net, 1, 1, &res) == WF_MALFORMED) {
		hdf_set(r, "Sim.malformed", res.reason);
		return render(r, "int/catalog_sim.cs");
	}
	memset(&sim, 0, sizeof(sim));
	sim.pool = r->pool;
	states = wf_simulate(&net, SIM_MAX, sim_cb, &sim);
	hdf_setf(r, "Sim.max", "%d", SIM_MAX);
	if (states < 0) {
		hdf_set(r, "Sim.too_large", "1");
		nst = 0;
		for (i = 0; i < sim.n; i++)
			if (sim.v[i].from + 1 > nst)
				nst = sim.v[i].from + 1;
	} else {
		nst = (size_t)states;
		hdf_setf(r, "Sim.states", "%ld", states);
	}
	hdf_setf(r, "Sim.moves", "%zu", sim.n);
	/* Per state, its moves; a state without moves is where a case
	 * ends: complete (办结) or stuck. */
	done = pool_alloc(r->pool, nst + 1);
	for (i = 0; i < sim.n; i++)
		if (sim.v[i].to_complete && sim.v[i].to < nst)
			done[sim.v[i].to] = 1;
	for (k = 0, row = 0; row < nst; row++) {
		size_t m = 0;

		p = pool_printf(r->pool, "Sim.States.%zu", row);
		hdf_putf(r, p, "no", "%zu", row);
		hdf_put(r, p, "complete", done[row] ? "1" : "0");
		for (; k < sim.n && sim.v[k].from == row; k++) {
			char *q = pool_printf(r->pool, "%s.Moves.%zu", p, m++);

			hdf_put(r, p, "enabled", sim.v[k].enabled);
			hdf_put(r, q, "step", sim.v[k].step);
			hdf_put(r, q, "back_to", strcmp(sim.v[k].way,
			    "forward") == 0 ? "" : sim.v[k].way);
			hdf_putf(r, q, "to", "%zu", sim.v[k].to);
			hdf_put(r, q, "to_complete", sim.v[k].to_complete ?
			    "1" : "0");
		}
		if (m == 0)
			hdf_put(r, p, "stuck", done[row] ? "0" : "1");
	}
	return render(r, "int/catalog_sim.cs");
}
