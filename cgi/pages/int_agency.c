/*
 * int_agency.c: 全程代理 on the intranet (INT-14; agency.h, docs/agency.md):
 * the coordinators' projects (GET /agency), registering one (GET, POST
 * /agency/new), a project's page (GET /agency/project), linking an item
 * to its case (POST /agency/link), urging a waiting step (POST
 * /agency/urge), the agreement's scan (GET /agency/agreement), filing
 * an item's case as the investor's agent (GET, POST /agency/file, its
 * receipt GET /agency/receipt), editing (GET, POST /agency/edit) and
 * closing (POST /agency/close) the project, and the supervisors' list
 * (GET /sup/agency).  A coordinator reads, urges and files; no step of
 * a case is theirs to act on (their role holds nothing else).
 */
#include <stdio.h>
#include <string.h>

#include "agency.h"
#include "calendar.h"
#include "clock.h"
#include "deadline.h"
#include "files.h"
#include "ids.h"
#include "intake.h"
#include "pages.h"
#include "paper.h"
#include "utf8.h"

/* p.{light,due_text} of deadline due ("YYYY-MM-DD" or NULL) on c. */
static void
put_light(struct req *r, const char *p, const struct calendar *c,
    const char *due)
{
	cal_day		 d;
	enum light	 l;
	int		 days;

	if (due == NULL || cal_day_parse(due, &d) == -1)
		return;
	l = deadline_light(c, cal_day_of(clock_now()), d, &days);
	hdf_put(r, p, "light", deadline_light_word(l));
	hdf_put(r, p, "due_text", deadline_text(r->pool, l, days));
}

/* Projects[N] of v[0..n), with the worst light of each. */
static int
put_projects(struct req *r, const struct agency_project *v, size_t n)
{
	struct calendar	 c;
	const char	*p;
	size_t		 i, k[2] = { 0, 0 };
	int		 shut;

	if (calendar_get(r->db, r->pool, &c) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		/* A closed project leaves the list of open ones. */
		shut = v[i].closed_at != NULL;
		p = pool_printf(r->pool, "%s.%zu", shut ? "Closed" : "Projects",
		    k[shut]++);
		hdf_put(r, p, "closed_at", v[i].closed_at);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "kind", v[i].kind_label);
		hdf_put(r, p, "investor", v[i].investor);
		hdf_put(r, p, "coordinator", v[i].coordinator);
		hdf_putf(r, p, "items", "%lld", (long long)v[i].items);
		hdf_putf(r, p, "linked", "%lld", (long long)v[i].linked);
		hdf_putf(r, p, "done", "%lld", (long long)v[i].done);
		hdf_putf(r, p, "todo", "%lld", (long long)(v[i].items -
		    v[i].linked));
		hdf_putf(r, p, "doing", "%lld", (long long)(v[i].linked -
		    v[i].done));
		hdf_put(r, p, "created_at", v[i].created_at);
		put_light(r, p, &c, v[i].worst_due);
	}
	return 0;
}

/*
 * GET /agency: the projects the coordinator follows.
 */
int
page_int_agency(struct req *r)
{
	struct agency_project	*v;
	size_t			 n;

	if (agency_list(r->db, r->pool, r->user.id, &v, &n) != DB_OK ||
	    put_projects(r, v, n) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "全程代理项目");
	return render(r, "int/agency.cs");
}

/*
 * GET /sup/agency: every project, with the worst light of its waiting
 * steps (supervisors and observers; nothing personal on it).
 */
int
page_sup_agency(struct req *r)
{
	struct agency_project	*v;
	size_t			 n;

	if (agency_list(r->db, r->pool, 0, &v, &n) != DB_OK ||
	    put_projects(r, v, n) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Page.Title", "全程代理项目");
	return render(r, "int/sup_agency.cs");
}

/* The form's choices, Items.N and Coords.N; -1 on a database error. */
static int
put_choices(struct req *r)
{
	struct agency_choice	*v;
	const char		*p;
	size_t			 n, i;

	if (agency_catalogue(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Items.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "dept", v[i].group);
		if (form_get(r, pool_printf(r->pool, "it_%s", v[i].code)))
			hdf_put(r, p, "checked", "1");
	}
	if (agency_coordinators(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Coords.%zu", i);
		hdf_put(r, p, "login", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "dept", v[i].group);
	}
	return 0;
}

/* The registration form, with what was sent and why it was refused. */
static int
new_form(struct req *r, int status, const char *why)
{
	static const char *const keep[] = { "name", "kind", "credit_code",
	    "investor", "location", "amount", "agreement_no", "coordinator",
	    NULL };
	size_t	 i;

	if (put_choices(r) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; keep[i] != NULL; i++)
		hdf_put(r, "Form", keep[i], form_get(r, keep[i]));
	if (form_get(r, "coordinator") == NULL)
		hdf_set(r, "Form.coordinator", r->user.login);
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
	}
	hdf_set(r, "Page.Title", "登记全程代理项目");
	return render(r, "int/agency_new.cs");
}

/*
 * GET /agency/new
 */
int
page_int_agency_new_form(struct req *r)
{
	return new_form(r, 200, NULL);
}

/* Why the agreement's scan was refused, and what to do. */
static const char *
scan_refusal(enum files_vet v, int *status)
{
	*status = 422;
	switch (v) {
	case FILES_UNSCANNED:
		*status = 503;
		return "暂时无法进行病毒检查，请稍后再提交。已填写的内容保留在"
		    "下面，请重新选择协议扫描件。";
	case FILES_TYPE:
		return "委托代理协议扫描件须是 PDF 文件（按文件内容判断），请"
		    "扫描成 PDF 后重新选择。已填写的内容保留在下面。";
	default:
		return "委托代理协议扫描件不能接收：请用扫描仪重新扫描成不含"
		    "表单和脚本的 PDF 后重新选择。已填写的内容保留在下面。";
	}
}

/*
 * The agreement's scan posted as file "agreement" (fp, size bytes, named
 * fname), vetted like every upload (a PDF by content, no active content,
 * clamd, fails closed) and stored: 0 with *put and *name; -1 refused
 * with *why and *status (the caller's form says it); -2 the store
 * failed.
 */
static int
agreement_take(struct req *r, FILE *fp, size_t size, const char *fname,
    struct files_put *put, const char **name, const char **why,
    int *status)
{
	struct files_rule	 rule;
	const char		*mime, *detail;
	enum files_vet		 v;

	rule.types = files_pdf;
	rule.size = -1;
	rule.max = r->cfg->max_upload;
	rule.scanner = r->cfg->clamd_socket;
	rule.scan_timeout = (int)r->cfg->clamd_timeout;
	*status = 422;
	if (size > r->cfg->max_upload) {
		*why = pool_printf(r->pool, "协议扫描件超过 %zu MB，请分辨率"
		    "调低后重新扫描。已填写的内容保留在下面。",
		    r->cfg->max_upload >> 20);
		return -1;
	}
	if ((v = files_vet(fp, &rule, r->pool, &mime, &detail)) != FILES_OK) {
		*why = scan_refusal(v, status);
		return -1;
	}
	if (files_put(r->cfg->files_dir, fp, put, r->pool) == -1)
		return -2;
	*name = fname == NULL || *fname == '\0' ? "委托代理协议.pdf" :
	    pool_strndup(r->pool, fname, utf8_prefix(fname, 180));
	return 0;
}

/*
 * POST /agency/new (multipart): name, kind, credit_code, investor,
 * location, amount, agreement_no, coordinator, it_CODE for each item,
 * and the agreement's scan (file "agreement", a PDF vetted like every
 * upload).  Checked before the scan is stored; the scan kept only when
 * the project commits.
 */
int
page_int_agency_new(struct req *r)
{
	struct agency_choice	*cat;
	struct agency_new	 n;
	struct files_put	 put;
	struct app_files	 f = { r->db, r->pool };
	const char		**codes, *why, *fname;
	char			*credit = NULL;
	FILE			*fp;
	size_t			 ncat, i, size;
	int64_t			 id;
	enum db_rc		 rc;
	int			 status;

	if (agency_catalogue(r->db, r->pool, &cat, &ncat) != DB_OK)
		return reply_error(r, 500, NULL);
	codes = pool_alloc(r->pool, (ncat + 1) * sizeof(*codes));
	memset(&n, 0, sizeof(n));
	for (i = 0; i < ncat; i++)
		if (form_get(r, pool_printf(r->pool, "it_%s", cat[i].code)))
			codes[n.nitems++] = cat[i].code;
	if ((n.credit_code = form_get(r, "credit_code")) != NULL &&
	    strlen(n.credit_code) <= 40) {
		credit = pool_strdup(r->pool, n.credit_code);
		credit_code_upper(credit);
		n.credit_code = credit;
	}
	n.items = codes;
	n.name = form_get(r, "name");
	n.kind = form_get(r, "kind");
	n.investor = form_get(r, "investor");
	n.location = form_get(r, "location");
	n.amount = form_get(r, "amount");
	n.agreement_no = form_get(r, "agreement_no");
	n.coordinator = form_get(r, "coordinator");
	if ((why = agency_new_bad(r->db, r->pool, &n)) != NULL)
		return new_form(r, 422, pool_printf(r->pool, "%s已填写的内容"
		    "保留在下面，请重新选择协议扫描件。", why));
	if (form_file(r, "agreement", &fp, &size, &fname) == -1 || size == 0)
		return new_form(r, 422, "请选择委托代理协议的扫描件（PDF）。"
		    "已填写的内容保留在下面。");
	switch (agreement_take(r, fp, size, fname, &put, &n.agreement_name,
	    &why, &status)) {
	case -1:
		return new_form(r, status, why);
	case -2:
		return reply_error(r, 500, NULL);
	}
	n.agreement_sha = put.sha256;
	rc = agency_register(r->db, r->pool, &r->user, &n, &id, &why);
	files_settle(r->cfg->files_dir, &put, 1, rc == DB_OK,
	    app_files_named, &f, r->pool);
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/project?id=%lld&done=new", (long long)id));
	case DB_NONE:
	case DB_DUP:
		return new_form(r, 422, pool_printf(r->pool, "%s已填写的内容"
		    "保留在下面，请重新选择协议扫描件。", why));
	default:
		return reply_error(r, 500, NULL);
	}
}

/* Project "id" of the request that user may read, into *p; 0, or the
 * reply already sent. */
static int
load_project(struct req *r, struct agency_project *p)
{
	int64_t	 id;

	if (view_form_id(r, "id", &id) == -1)
		return reply_error(r, 404, "没有这个全程代理项目。");
	switch (agency_get(r->db, r->pool, id, p)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这个全程代理项目。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (!agency_may_read(p, &r->user))
		return reply_error(r, 403, "这个项目由其他代理协调员负责，"
		    "您不能查看。");
	return 0;
}

/* The project's items, waiting steps, documents and timeline. */
static int
put_project(struct req *r, const struct agency_project *pr)
{
	struct agency_item	*iv;
	struct agency_step	*sv;
	struct agency_doc	*dv;
	struct agency_event	*ev;
	struct calendar		 c;
	const char		*p;
	size_t			 ni, ns, nd, ne, i;

	if (agency_items(r->db, r->pool, pr->id, &iv, &ni) != DB_OK ||
	    agency_steps(r->db, r->pool, pr->id, &sv, &ns) != DB_OK ||
	    agency_docs(r->db, r->pool, pr->id, &dv, &nd) != DB_OK ||
	    agency_timeline(r->db, r->pool, pr->id, &ev, &ne) != DB_OK ||
	    calendar_get(r->db, r->pool, &c) != DB_OK)
		return -1;
	hdf_putf(r, "Project", "id", "%lld", (long long)pr->id);
	hdf_put(r, "Project", "name", pr->name);
	hdf_put(r, "Project", "kind", pr->kind_label);
	hdf_put(r, "Project", "credit_code", pr->credit_code);
	hdf_put(r, "Project", "investor", pr->investor);
	hdf_put(r, "Project", "location", pr->location);
	hdf_putf(r, "Project", "amount", "%lld", (long long)pr->amount_wan);
	hdf_put(r, "Project", "agreement_no", pr->agreement_no);
	hdf_put(r, "Project", "agreement_name", pr->agreement_name);
	hdf_put(r, "Project", "coordinator", pr->coordinator);
	hdf_put(r, "Project", "created_at", pr->created_at);
	hdf_put(r, "Project", "closed_at", pr->closed_at);
	hdf_put(r, "Project", "close_reason", pr->close_reason);
	hdf_putf(r, "Project", "items", "%lld", (long long)pr->items);
	hdf_putf(r, "Project", "done", "%lld", (long long)pr->done);
	hdf_putf(r, "Project", "todo", "%lld", (long long)(pr->items -
	    pr->linked));
	hdf_putf(r, "Project", "doing", "%lld", (long long)(pr->linked -
	    pr->done));
	/* The coordinator's forms, while the project is open. */
	if ((r->user.roles & ROLE_COORD) != 0 && pr->closed_at == NULL)
		hdf_set(r, "Project.mine", "1");
	if ((r->user.roles & ROLE_COORD) != 0)	/* receipts, closed too */
		hdf_set(r, "Project.coord", "1");
	for (i = 0; i < ni; i++) {
		p = pool_printf(r->pool, "PItems.%zu", i);
		hdf_put(r, p, "code", iv[i].item_code);
		hdf_put(r, p, "name", iv[i].item_name);
		hdf_put(r, p, "dept", iv[i].dept_name);
		hdf_put(r, p, "app_no", iv[i].app_no);
		hdf_put(r, p, "state", iv[i].state);
		hdf_put(r, p, "state_label", iv[i].state_label);
		hdf_put(r, p, "linked_at", iv[i].linked_at);
		if (iv[i].filed)
			hdf_put(r, p, "filed", "1");
	}
	for (i = 0; i < ns; i++) {
		p = pool_printf(r->pool, "Steps.%zu", i);
		hdf_putf(r, p, "case_id", "%lld", (long long)sv[i].case_id);
		hdf_put(r, p, "app_no", sv[i].app_no);
		hdf_put(r, p, "key", sv[i].step_key);
		hdf_put(r, p, "name", sv[i].step_name);
		hdf_put(r, p, "dept", sv[i].dept_name);
		hdf_put(r, p, "due", sv[i].due);
		put_light(r, p, &c, sv[i].due);
		hdf_put(r, p, "urged_by", sv[i].urged_by);
		hdf_put(r, p, "urge_note", sv[i].urge_note);
		hdf_put(r, p, "urged_at", sv[i].urged_at);
	}
	for (i = 0; i < nd; i++) {
		p = pool_printf(r->pool, "Docs.%zu", i);
		hdf_put(r, p, "app_no", dv[i].app_no);
		hdf_put(r, p, "title", dv[i].title);
		hdf_put(r, p, "doc_no", dv[i].doc_no);
		hdf_put(r, p, "issued_at", dv[i].issued_at);
	}
	for (i = 0; i < ne; i++) {
		p = pool_printf(r->pool, "Events.%zu", i);
		hdf_put(r, p, "at", ev[i].at);
		hdf_put(r, p, "app_no", ev[i].app_no);
		hdf_put(r, p, "label", ev[i].label);
		hdf_put(r, p, "who", ev[i].who);
		hdf_put(r, p, "note", ev[i].note);
	}
	return 0;
}

/* Project pr's page, with status and why after a refused form. */
static int
show_project(struct req *r, const struct agency_project *pr, int status,
    const char *why)
{
	static const struct {
		const char	*done, *notice;
	} done[] = {
		{ "new", "项目已登记。投资企业的经办人可在外网“我的企业”页面"
		    "查看项目代办进度（数据经网闸摆渡后更新）。" },
		{ "link", "已关联办件。" },
		{ "urge", "已催办，承办人的待办列表和办件页上会显示。" },
		{ "edit", "项目信息已保存。投资企业的页面在网闸摆渡后更新。" },
		{ "close", "项目已关闭，只能查看。投资企业的页面在网闸摆渡后"
		    "显示项目已关闭。" },
	};
	const char	*d = form_get(r, "done");
	size_t		 i;

	if (put_project(r, pr) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; d != NULL && i < sizeof(done) / sizeof(done[0]); i++)
		if (strcmp(d, done[i].done) == 0)
			hdf_set(r, "Page.Notice", done[i].notice);
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.item", form_get(r, "item"));
		hdf_set(r, "Form.app_no", form_get(r, "app_no"));
		hdf_set(r, "Form.note", form_text(r, "note"));
		hdf_set(r, "Form.reason", form_text(r, "reason"));
	}
	hdf_set(r, "Page.Title", pr->name);
	return render(r, "int/agency_project.cs");
}

/*
 * GET /agency/project?id=
 */
int
page_int_agency_project(struct req *r)
{
	struct agency_project	 p;
	int			 rc;

	if ((rc = load_project(r, &p)) != 0)
		return rc;
	return show_project(r, &p, 200, NULL);
}

/*
 * GET /agency/agreement?id=: the agreement's scan.
 */
int
page_int_agency_agreement(struct req *r)
{
	struct agency_project	 p;
	int			 rc;

	if ((rc = load_project(r, &p)) != 0)
		return rc;
	if (!files_sha_valid(p.agreement_sha))
		return reply_error(r, 500, "协议扫描件的记录有误，请联系系统"
		    "管理员。");
	return reply_file(r, files_path(r->cfg->files_dir, p.agreement_sha,
	    r->pool), "application/pdf", pool_printf(r->pool,
	    "agency-%lld.pdf", (long long)p.id));
}

/*
 * POST /agency/link: id, item, app_no.  The coordinator gives an item
 * of the project its case.
 */
int
page_int_agency_link(struct req *r)
{
	struct agency_project	 p;
	const char		*why, *no = form_get(r, "app_no");
	char			*up = NULL;
	int			 rc;

	if ((rc = load_project(r, &p)) != 0)
		return rc;
	if (no != NULL && strlen(no) <= 20) {
		up = pool_strdup(r->pool, no);
		credit_code_upper(up);	/* yw… typed in lower case */
	}
	switch (agency_link(r->db, r->pool, &r->user, p.id,
	    form_get(r, "item"), up, 0, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/project?id=%lld&done=link", (long long)p.id));
	case DB_NONE:
		return show_project(r, &p, 409, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /agency/urge: id, case, step, note.  The coordinator urges a
 * waiting step of a case of the project, in whichever department.
 */
int
page_int_agency_urge(struct req *r)
{
	struct agency_project	 p;
	const char		*why, *note = form_text(r, "note");
	int64_t			 case_id;
	int			 rc;

	if ((rc = load_project(r, &p)) != 0)
		return rc;
	if (note != NULL && utf8_chars(note) > AGENCY_NOTE_MAX)
		return show_project(r, &p, 422, "催办说明最多 500 个字，请删减"
		    "后再发。");
	if (view_form_id(r, "case", &case_id) == -1)
		return show_project(r, &p, 409, "请从待办环节列表中选择要催办"
		    "的环节。");
	switch (agency_urge(r->db, r->pool, &r->user, p.id, case_id,
	    form_get(r, "step"), note, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/project?id=%lld&done=urge", (long long)p.id));
	case DB_NONE:
		return show_project(r, &p, 409, why);
	default:
		return reply_error(r, 500, NULL);
	}
}

/* ---- filing as the investor's agent (INT-14) ---------------------- */

/* What the filing form keeps on a refusal (files are chosen again). */
static const char *const file_kept[] = { "name", "id_number", "mobile",
    "remark", "paper_to", NULL };

/*
 * The item "item" of project p that waits for its case (待申请), its
 * published version into *it: 0, or the reply sent (the project page
 * saying why).
 */
static int
filing_item(struct req *r, const struct agency_project *p, struct item *it)
{
	struct agency_item	*v;
	const char		*code = form_get(r, "item");
	size_t			 n, i;

	if (p->closed_at != NULL)
		return show_project(r, p, 409, "这个项目已经关闭，只能查看。");
	if (agency_items(r->db, r->pool, p->id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(v[i].item_code, code) == 0 && v[i].app_no == NULL)
			break;
	if (code == NULL || i == n)
		return show_project(r, p, 409, "这个事项已经有办件，或不在本"
		    "项目的事项清单中，请在下面的清单中重新选择。");
	switch (catalog_published(r->db, r->pool, code, it)) {
	case DB_OK:
		return 0;
	case DB_NONE:
		return show_project(r, p, 409, "这个事项现在没有发布的版本，"
		    "不能申请；请与事项所属部门联系。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* The filing form of item it for project p. */
static int
file_form(struct req *r, const struct agency_project *p,
    const struct item *it, int status, const char *why)
{
	struct paper_person	*pv;
	char			*k;
	size_t			 i, np;

	hdf_putf(r, "Project", "id", "%lld", (long long)p->id);
	hdf_put(r, "Project", "name", p->name);
	hdf_put(r, "Project", "investor", p->investor);
	hdf_put(r, "Project", "credit_code", p->credit_code);
	hdf_put(r, "Project", "agreement_no", p->agreement_no);
	hdf_put(r, "Project", "centre", r->user.dept_name);
	intake_put_item(r, it);
	/* Who may sign for paper the centre brings (纸质已收, INT-14). */
	if (paper_people_item(r->db, r->pool, it, &r->user, &pv, &np) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < np; i++) {
		k = pool_printf(r->pool, "People.%zu", i);
		hdf_putf(r, k, "id", "%lld", (long long)pv[i].id);
		hdf_put(r, k, "name", pv[i].name);
		hdf_put(r, k, "dept", pv[i].dept_name);
	}
	for (i = 0; file_kept[i] != NULL; i++)
		hdf_put(r, "Form", file_kept[i], strcmp(file_kept[i],
		    "remark") == 0 ? form_text(r, "remark") :
		    form_get(r, file_kept[i]));
	if (why != NULL)
		hdf_set(r, "Form.Error", why);
	hdf_putf(r, "Page", "MaxUploadMB", "%zu", r->cfg->max_upload >> 20);
	view_form_key(r, status != 200);
	r->status = status;
	hdf_set(r, "Page.Title", pool_printf(r->pool, "代为申请：%s",
	    it->name));
	return render(r, "int/agency_file.cs");
}

/*
 * GET /agency/file?id=&item=: the form on which the coordinator files
 * the item's case in the investor's name (its 经办人 the person the
 * 委托代理协议 names), each material scanned.
 */
int
page_int_agency_file_form(struct req *r)
{
	struct agency_project	 p;
	struct item		 it;
	int			 rc;

	if ((rc = load_project(r, &p)) != 0 ||
	    (rc = filing_item(r, &p, &it)) != 0)
		return rc;
	return file_form(r, &p, &it, 200, NULL);
}

/*
 * POST /agency/file (multipart): id, item, form_key, name, id_number,
 * mobile (the 经办人), remark, m<seq> per material or p<seq> ticked
 * (纸质已收) with pg<seq> its pages, and then paper_to (who of the
 * departments acting on the case signs for the paper).  Through the window
 * intake's one door (intake_register(), in->agency: linked to the
 * project in the same transaction); made: the receipt.
 */
int
page_int_agency_file(struct req *r)
{
	struct agency_project	 p;
	struct item		 it;
	struct intake		 in;
	struct intake_files	 fl;
	const char		*why, *key;
	char			*app_no;
	int64_t			 case_id;
	size_t			 i;
	int			 rc, status;

	if ((rc = load_project(r, &p)) != 0)
		return rc;
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "申请页面已过期。请回到项目页面查看"
		    "这个事项是否已经申请；没有的话，请重新打开代为申请页面。");
	switch (intake_by_key(r->db, r->pool, key, &app_no)) {
	case DB_OK:	/* the same form again: the case it filed */
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/receipt?id=%lld&no=%s", (long long)p.id, app_no));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	if ((rc = filing_item(r, &p, &it)) != 0)
		return rc;
	/* Scans, or paper received (纸质已收) as at the window, which goes
	 * on to the person paper_to names. */
	why = intake_form_read(r, &it, 1, &in, &fl, &status);
	if (view_form_id(r, "paper_to", &in.paper_to) == -1)
		in.paper_to = 0;
	/* The applicant is the investor, as the agreement names it. */
	in.credit_code = p.credit_code;
	in.ent_name = p.investor;
	in.form_key = key;
	in.agency = p.id;
	in.agency_note = pool_printf(r->pool, "代理：%s（委托代理协议 %s）",
	    r->user.dept_name, p.agreement_no);
	if (why == NULL)
		why = intake_check(r->pool, &in, beijing_today());
	if (why != NULL)
		return file_form(r, &p, &it, status, pool_printf(r->pool,
		    "%s%s", why, fl.n > 0 ? "请重新选择要上传的文件。" : ""));
	if (upload_store(r, fl.fps, fl.puts, fl.atts, fl.n) == -1)
		return reply_error(r, 500, "保存扫描件时出错，这份申请没有提交。"
		    "请稍后重新提交。");
	rc = intake_register(r->db, r->pool, &r->user, &in, beijing_today(),
	    &app_no, &case_id, &why);
	if (rc == DB_OK)
		for (i = 0; i < fl.n; i++)
			files_release(&fl.puts[i]);
	else
		upload_discard(r, fl.puts, fl.n);
	switch (rc) {
	case DB_OK:
	case DB_DUP:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/receipt?id=%lld&no=%s", (long long)p.id, app_no));
	case DB_NONE:
		return file_form(r, &p, &it, 422, pool_printf(r->pool, "%s%s",
		    why, fl.n > 0 ? "请重新选择要上传的文件。" : ""));
	default:
		return reply_error(r, 500, "提交时出错，这份申请没有提交。"
		    "请稍后重新提交。");
	}
}

/*
 * GET /agency/receipt?id=&no=: the receipt of a case the centre filed
 * for project id (the coordinator's; the department's window prints
 * the same one).
 */
int
page_int_agency_receipt(struct req *r)
{
	struct agency_project	 p;
	struct agency_item	*v;
	struct item		 it;
	const char		*no = form_get(r, "no");
	size_t			 n, i;
	int			 rc;

	if ((rc = load_project(r, &p)) != 0)
		return rc;
	if (agency_items(r->db, r->pool, p.id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; no != NULL && i < n; i++)
		if (v[i].app_no != NULL && strcmp(v[i].app_no, no) == 0)
			break;
	if (no == NULL || i == n)
		return reply_error(r, 404, "本项目没有这个申请编号的办件。");
	if (catalog_published_head(r->db, r->pool, v[i].item_code, &it) !=
	    DB_OK)
		return reply_error(r, 404, "这个事项现在没有发布的版本。");
	hdf_putf(r, "Receipt", "project_id", "%lld", (long long)p.id);
	return intake_receipt_page(r, no, it.dept_code);
}

/* ---- editing and closing ------------------------------------------ */

/* The edit form: the project's facts (or what was sent), its items
 * (those with a case fixed) among the catalogue's. */
static int
edit_form(struct req *r, const struct agency_project *p, int status,
    const char *why)
{
	struct agency_choice	*cat;
	struct agency_item	*v;
	const char		*q;
	size_t			 ncat, n, i, j;
	int			 sent = form_get(r, "name") != NULL, on, fixed;

	if (agency_catalogue(r->db, r->pool, &cat, &ncat) != DB_OK ||
	    agency_items(r->db, r->pool, p->id, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < ncat; i++) {
		on = fixed = 0;
		for (j = 0; j < n; j++)
			if (strcmp(v[j].item_code, cat[i].code) == 0) {
				on = 1;
				fixed = v[j].app_no != NULL;
			}
		if (sent && !fixed)
			on = form_get(r, pool_printf(r->pool, "it_%s",
			    cat[i].code)) != NULL;
		q = pool_printf(r->pool, "Items.%zu", i);
		hdf_put(r, q, "code", cat[i].code);
		hdf_put(r, q, "name", cat[i].name);
		hdf_put(r, q, "dept", cat[i].group);
		if (on)
			hdf_put(r, q, "checked", "1");
		if (fixed)
			hdf_put(r, q, "fixed", "1");
	}
	hdf_putf(r, "Project", "id", "%lld", (long long)p->id);
	hdf_put(r, "Project", "name", p->name);
	hdf_put(r, "Project", "agreement_no", p->agreement_no);
	hdf_put(r, "Project", "agreement_name", p->agreement_name);
	hdf_put(r, "Form", "name", sent ? form_get(r, "name") : p->name);
	hdf_put(r, "Form", "location", sent ? form_get(r, "location") :
	    p->location);
	if (sent)
		hdf_put(r, "Form", "amount", form_get(r, "amount"));
	else
		hdf_putf(r, "Form", "amount", "%lld", (long long)p->amount_wan);
	if (why != NULL) {
		r->status = status;
		hdf_set(r, "Form.Error", why);
	}
	hdf_set(r, "Page.Title", pool_printf(r->pool, "修改项目：%s",
	    p->name));
	return render(r, "int/agency_edit.cs");
}

/* The coordinator's own open project "id": 0, or the reply sent. */
static int
load_own_open(struct req *r, struct agency_project *p)
{
	int	 rc;

	if ((rc = load_project(r, p)) != 0)
		return rc;
	if (p->coordinator_id != r->user.id)
		return reply_error(r, 403, "只有本项目的代理协调员可以修改。");
	if (p->closed_at != NULL)
		return show_project(r, p, 409, "这个项目已经关闭，只能查看。");
	return 0;
}

/* GET /agency/edit?id= */
int
page_int_agency_edit_form(struct req *r)
{
	struct agency_project	 p;
	int			 rc;

	if ((rc = load_own_open(r, &p)) != 0)
		return rc;
	return edit_form(r, &p, 200, NULL);
}

/*
 * POST /agency/edit (multipart): id, name, location, amount, it_CODE
 * for each item wanted, and optionally a new agreement scan (file
 * "agreement", vetted like every upload; the old one kept).
 */
int
page_int_agency_edit(struct req *r)
{
	struct agency_project	 p;
	struct agency_choice	*cat;
	struct agency_edit	 e;
	struct files_put	 put;
	struct app_files	 f = { r->db, r->pool };
	const char		**codes, *why, *fname;
	FILE			*fp;
	size_t			 ncat, i, size = 0;
	enum db_rc		 rc;
	int			 status, prc, scan = 0;

	if ((prc = load_own_open(r, &p)) != 0)
		return prc;
	if (agency_catalogue(r->db, r->pool, &cat, &ncat) != DB_OK)
		return reply_error(r, 500, NULL);
	memset(&e, 0, sizeof(e));
	codes = pool_alloc(r->pool, (ncat + 1) * sizeof(*codes));
	for (i = 0; i < ncat; i++)
		if (form_get(r, pool_printf(r->pool, "it_%s", cat[i].code)))
			codes[e.nitems++] = cat[i].code;
	e.items = codes;
	e.name = form_get(r, "name");
	e.location = form_get(r, "location");
	e.amount = form_get(r, "amount");
	if ((why = agency_edit_bad(r->db, r->pool, &e)) != NULL)
		return edit_form(r, &p, 422, pool_printf(r->pool, "%s已填写的"
		    "内容保留在下面。", why));
	if (form_file(r, "agreement", &fp, &size, &fname) == 0 && size > 0) {
		switch (agreement_take(r, fp, size, fname, &put,
		    &e.agreement_name, &why, &status)) {
		case -1:
			return edit_form(r, &p, status, why);
		case -2:
			return reply_error(r, 500, NULL);
		}
		scan = 1;
		e.agreement_sha = put.sha256;
	}
	rc = agency_edit(r->db, r->pool, &r->user, p.id, &e, &why);
	if (scan)
		files_settle(r->cfg->files_dir, &put, 1, rc == DB_OK,
		    app_files_named, &f, r->pool);
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/project?id=%lld&done=edit", (long long)p.id));
	case DB_NONE:
		return edit_form(r, &p, 409, pool_printf(r->pool, "%s%s", why,
		    scan ? "请重新选择协议扫描件。" : ""));
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /agency/close: id, reason (required while an item is not
 * decided: 项目终止).
 */
int
page_int_agency_close(struct req *r)
{
	struct agency_project	 p;
	const char		*why;
	int			 rc;

	if ((rc = load_own_open(r, &p)) != 0)
		return rc;
	switch (agency_close(r->db, r->pool, &r->user, p.id,
	    form_text(r, "reason"), &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/agency/project?id=%lld&done=close", (long long)p.id));
	case DB_NONE:
		return show_project(r, &p, 409, why);
	default:
		return reply_error(r, 500, NULL);
	}
}
