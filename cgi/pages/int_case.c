/*
 * int_case.c: the civil servant's side (INT-1, INT-2, INT-4, INT-6,
 * INT-10, INT-11, INT-13): login, the to-do list, one case with the
 * actions its current step allows, attachments and issued documents.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agency.h"
#include "account.h"
#include "agent.h"
#include "calendar.h"
#include "clock.h"
#include "deadline.h"
#include "fee.h"
#include "delegation.h"
#include "files.h"
#include "ids.h"
#include "log.h"
#include "message.h"
#include "org.h"
#include "pdfcheck.h"
#include "docseal.h"
#include "pages.h"
#include "paper.h"
#include "session.h"
#include "supervision.h"
#include "text.h"
#include "throttle.h"
#include "utf8.h"
#include "vocab.h"

/* An opinion or a reason, in characters: case.cs maxlength, and the
 * gap's check of what crosses (records.c OPINION_CHARS). */
#define OPINION_MAX	1300

/*
 * Where a member of staff starts: the worklist for the business roles,
 * each administrator's own home for theirs (三员分立, SEC-7); NULL when
 * the account has no role yet.
 */
static const char *
home_of(const struct user *u)
{
	if (u->roles & ROLES_STAFF)
		return "/inbox";
	if (u->roles & ROLE_ADMIN)
		return "/admin";
	if (u->roles & ROLE_SECADMIN)
		return "/sec";
	if (u->roles & ROLE_AUDITOR)
		return "/audit";
	if (u->roles & ROLES_WATCH)
		return "/sup";
	if (u->roles & ROLE_GAPOP)
		return "/ops/gap";
	if (u->roles & ROLE_COORD)
		return "/agency";
	return NULL;
}

int
page_int_home(struct req *r)
{
	const char	*home;

	if (r->user.id == 0)
		return reply_redirect(r, "/login");
	if ((home = home_of(&r->user)) == NULL)
		return reply_error(r, 403, "您的账号还没有分配角色，请联系安全"
		    "管理员。");
	return reply_redirect(r, home);
}

int
page_int_login_form(struct req *r)
{
	hdf_set(r, "Form.next", view_next(form_get(r, "next")));
	hdf_set(r, "Page.Title", "工作人员登录");
	return render(r, "int/login.cs");
}

/*
 * POST /login: staff log in with the name the administrator gave them.
 */
int
page_int_login(struct req *r)
{
	const char	*login, *pw, *next, *msg;
	struct user	 u;
	int		 rc;

	login = form_get(r, "login");
	pw = form_get(r, "password");
	next = view_next(form_get(r, "next"));
	/* Every miss answers alike, locked or not (F5). */
	msg = "用户名或密码不正确。连续输错 5 次，账户将被锁定，"
	    "须请安全管理员解锁。";
	if (login != NULL && pw != NULL && strlen(login) <= 40 &&
	    strlen(pw) <= 128) {
		switch (account_staff_login(r->db, r->pool, login, pw,
		    request_param(r, "REMOTE_ADDR"), &u)) {
		case LOGIN_OK:
			/* ACC-4: a bound account needs its certificate too,
			 * asked only now, so that nobody learns which logins
			 * are bound without their password (SEC-8). */
			if ((rc = sec_cert_login(r, &u, next)) != -1)
				return rc;
			if (session_login(r, &u) == -1)
				return reply_error(r, 500, NULL);
			/* Business staff's logins are watched (SUP-3). */
			if ((u.roles & ROLES_STAFF) && staff_op_login(r->db,
			    &u, request_param(r, "REMOTE_ADDR")) != DB_OK)
				return reply_error(r, 500, NULL);
			if (strcmp(next, "/") == 0 && home_of(&u) != NULL)
				next = home_of(&u);
			return reply_redirect(r, next);
		case LOGIN_MISS:
			break;
		case LOGIN_BUSY:
			msg = pool_printf(r->pool, "从这台电脑登录失败的次数过多，"
			    "请%s再试。", TH_LOGIN_ADDR.reopens);
			break;
		default:
			return reply_error(r, 500, NULL);
		}
	}
	r->status = 422;
	hdf_set(r, "Form.Error", msg);
	hdf_set(r, "Form.login", login);
	hdf_set(r, "Form.next", next);
	hdf_set(r, "Page.Title", "工作人员登录");
	return render(r, "int/login.cs");
}

/* What the pages know of now: the calendar and today (Beijing). */
struct today {
	struct calendar	 cal;
	cal_day		 day;
};

static int
today_get(struct req *r, struct today *t)
{
	t->day = cal_day_of(clock_now());
	return calendar_get(r->db, r->pool, &t->cal) == DB_OK ? 0 : -1;
}

/* The light of deadline due ("YYYY-MM-DD" or NULL) and *days. */
static enum light
due_light(const struct today *t, const char *due, int *days)
{
	cal_day	 d;

	*days = 0;
	if (due == NULL || cal_day_parse(due, &d) == -1)
		return LIGHT_NONE;
	return deadline_light(&t->cal, t->day, d, days);
}

/* p.{due,light,due_text} of deadline due, when there is one. */
static void
view_due(struct req *r, const char *p, const struct today *t,
    const char *due)
{
	enum light	 l;
	int		 days;

	if ((l = due_light(t, due, &days)) == LIGHT_NONE)
		return;
	hdf_put(r, p, "due", due);
	hdf_put(r, p, "light", deadline_light_word(l));
	hdf_put(r, p, "due_text", deadline_text(r->pool, l, days));
}

/* The deadline a worklist row shows: the earliest of the steps waiting
 * at the user's department, else of any step waiting, else none. */
static const char *
row_due(const struct kase *k, const struct user *u)
{
	const char	*best = NULL, *any = NULL, *d;
	size_t		 i;

	for (i = 0; i < k->net.nsteps; i++) {
		if ((d = k->task_due[i]) == NULL || !flow_enabled(k, i))
			continue;
		if (any == NULL || strcmp(d, any) < 0)
			any = d;
		if (u->dept_code != NULL && strcmp(k->item.steps[i].dept_code,
		    u->dept_code) == 0 && (best == NULL || strcmp(d, best) < 0))
			best = d;
	}
	return best != NULL ? best : any;
}

static void
view_case_row(struct req *r, const char *p, const struct kase *k)
{
	hdf_putf(r, p, "id", "%lld",
	    (long long)k->id);
	hdf_put(r, p, "app_no", k->app_no);
	hdf_put(r, p, "item_name", k->item_name);
	hdf_put(r, p, "applicant_name", k->applicant_name);
	hdf_put(r, p, "state", k->state);
	hdf_put(r, p, "state_label", flow_state_label(k->state));
	hdf_put(r, p, "received_at", k->received_at);
	hdf_put(r, p, "step_name", case_current_steps(r->pool, k));
}

/* What a higher authority's name and document number may be. */
#define AUTHORITY_MAX	100
#define UPPER_DOC_MAX	60

/* What a 催办 may say. */
#define URGE_NOTE_MAX	500

/*
 * p.{urge_by,urge_note,urge_at}: the newest 催办 of a step of case k that
 * waits at the user's department, if any (INT-11), among v[0..n-1]
 * (case_urges_of()).
 */
static void
view_urge(struct req *r, const char *p, const struct kase *k,
    const struct case_urge *v, size_t n)
{
	const struct step *s;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (v[i].case_id != k->id ||
		    (s = catalog_step(&k->item, v[i].step_key)) == NULL ||
		    r->user.dept_code == NULL ||
		    strcmp(s->dept_code, r->user.dept_code) != 0)
			continue;
		hdf_put(r, p, "urge_by", v[i].staff_name);
		hdf_put(r, p, "urge_note", v[i].note);
		hdf_put(r, p, "urge_at", v[i].at);
		break;
	}
}

/* Urges.N.{step_name,staff_name,note,at} of the waiting steps; for a
 * leader of a department acting on an open case, Urge.Steps.N.{key,name}
 * the steps they may urge. */
static int
view_urges(struct req *r, const struct kase *k)
{
	struct case_urge *v;
	const struct step *s;
	size_t		 n, i, m = 0;
	char		*p;

	if (case_urges(r->db, r->pool, k->id, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Urges.%zu", i);
		s = catalog_step(&k->item, v[i].step_key);
		hdf_put(r, p, "step_name", s ? s->name : v[i].step_key);
		hdf_put(r, p, "staff_name", v[i].staff_name);
		hdf_put(r, p, "note", v[i].note);
		hdf_put(r, p, "at", v[i].at);
	}
	if (!flow_leads(k, &r->user))
		return 0;
	for (i = 0; i < k->net.nsteps; i++)
		if (flow_enabled(k, i)) {
			p = pool_printf(r->pool, "Urge.Steps.%zu", m++);
			hdf_put(r, p, "key", k->item.steps[i].key);
			hdf_put(r, p, "name", k->item.steps[i].name);
		}
	return 0;
}

/* A row of the to-do list, with its deadline. */
struct todo {
	struct kase	*k;
	const char	*due;		/* or NULL */
	const char	*for_name;	/* a deputy's: whose work (INT-7) */
};

static int
todo_by_due(const void *a, const void *b)
{
	const struct todo *x = a, *y = b;
	int	 c;

	if ((x->due == NULL) != (y->due == NULL))
		return x->due == NULL ? 1 : -1;
	if (x->due != NULL && (c = strcmp(x->due, y->due)) != 0)
		return c;
	return x->k->id < y->k->id ? -1 : x->k->id > y->k->id;
}

static int
todo_by_id(const void *a, const void *b)
{
	const struct todo *x = a, *y = b;

	return x->k->id < y->k->id ? -1 : x->k->id > y->k->id;
}

/*
 * GET /inbox?light=&sort=: what waits for this user (待办), each case with
 * its deadline, working days left and light (INT-11), the most urgent
 * first (sort=received: in the order received), one light only when
 * light= is red, yellow or green; the work of whoever delegated to them
 * and is away today, marked with the delegator's name (INT-7,
 * Deputy.N.{staff_name,to_day}); and what they handled (已办).
 */
/* The user's paper held too long (DOC-3, docs/paper.md): PaperLate.N. */
static int
view_paper_late(struct req *r, const struct today *t)
{
	struct paper_late *v;
	size_t		 i, n;
	char		*p;

	if (paper_late(r->db, r->pool, &t->cal, t->day, r->user.id, 0, &v,
	    &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "PaperLate.%zu", i);
		hdf_putf(r, p, "case_id", "%lld", (long long)v[i].case_id);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "what", v[i].what);
		hdf_put(r, p, "since", v[i].since);
		hdf_put(r, p, "due", v[i].due);
		hdf_put(r, p, "ended", v[i].ended ? "1" : "0");
	}
	return 0;
}

int
page_int_inbox(struct req *r)
{
	struct today	 t;
	struct todo	*rows;
	struct kase	*v, *dk;
	struct case_urge *uv;
	struct delegation *dv;
	const struct delegation **fors;
	struct user	 a;
	const char	*sort = form_get(r, "sort"), *before;
	enum light	 want = deadline_light_of(form_get(r, "light")), l;
	size_t		 n, dn, nk, nu, i, j, shown = 0;
	int64_t		 done_before = 0, *ids;
	char		*end;
	size_t		 count[LIGHT_RED + 1] = { 0 };
	int		 by_id = sort != NULL && strcmp(sort, "received") == 0;
	int		 days;
	int64_t		 unread, msgs = 0;
	struct msg_unread *un;
	size_t		 nun;
	char		*p;

	if (today_get(r, &t) == -1 ||
	    case_list(r->db, r->pool, &r->user, 1, 0, &v, &n) != DB_OK ||
	    delegation_in_force(r->db, r->pool, r->user.id, t.day, &dv, &dn) !=
	    DB_OK || case_list_deputy(r->db, r->pool, &r->user, dv, dn, &dk,
	    &fors, &nk) != DB_OK)
		return reply_error(r, 500, NULL);
	if (case_load_states(r->db, r->pool, v, n) != DB_OK ||
	    msg_unread_all(r->db, r->pool, &un, &nun) != DB_OK)
		return reply_error(r, 500, NULL);
	rows = pool_alloc(r->pool, (n + nk + 1) * sizeof(*rows));
	for (i = 0; i < n; i++) {
		rows[i].k = &v[i];
		rows[i].due = row_due(&v[i], &r->user);
		rows[i].for_name = NULL;
	}
	/* A deputy's rows, but for cases already theirs. */
	for (j = 0; j < nk; j++) {
		for (i = 0; i < n && v[i].id != dk[j].id; i++)
			continue;
		if (i < n)
			continue;
		delegation_principal(fors[j], &a);
		rows[n].k = &dk[j];
		rows[n].due = row_due(&dk[j], &a);
		rows[n++].for_name = fors[j]->staff_name;
	}
	for (i = 0; i < dn; i++) {
		p = pool_printf(r->pool, "Deputy.%zu", i);
		hdf_put(r, p, "staff_name", dv[i].staff_name);
		hdf_put(r, p, "to_day", dv[i].to_day);
		hdf_put(r, p, "roles_label", org_roles_label(r->pool,
		    dv[i].roles));
	}
	qsort(rows, n, sizeof(*rows), by_id ? todo_by_id : todo_by_due);
	/* The rows' 催办, 32 cases a statement (issue #12). */
	ids = pool_alloc(r->pool, (n + 1) * sizeof(*ids));
	for (i = 0; i < n; i++)
		ids[i] = rows[i].k->id;
	if (case_urges_of(r->db, r->pool, ids, n, &uv, &nu) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		count[l = due_light(&t, rows[i].due, &days)]++;
		if (want != LIGHT_NONE && l != want)
			continue;
		p = pool_printf(r->pool, "Cases.%zu", shown++);
		view_case_row(r, p, rows[i].k);
		view_due(r, p, &t, rows[i].due);
		if (rows[i].for_name != NULL)
			hdf_put(r, p, "for_name", rows[i].for_name);
		view_urge(r, p, rows[i].k, uv, nu);
		/* 新留言 (EXT-7): the applicant's messages nobody opened. */
		for (j = 0, unread = 0; j < nun; j++)
			if (un[j].case_id == rows[i].k->id)
				unread = un[j].n;
		hdf_putf(r, p, "messages", "%lld", (long long)unread);
		msgs += unread;
	}
	hdf_setf(r, "Count.messages", "%lld", (long long)msgs);
	hdf_setf(r, "Count.all", "%zu", n);
	hdf_setf(r, "Count.red", "%zu", count[LIGHT_RED]);
	hdf_setf(r, "Count.yellow", "%zu", count[LIGHT_YELLOW]);
	hdf_setf(r, "Count.green", "%zu", count[LIGHT_GREEN]);
	hdf_set(r, "Filter.light", deadline_light_word(want));
	hdf_set(r, "Filter.sort", by_id ? "received" : "due");
	if (view_paper_late(r, &t) == -1)
		return reply_error(r, 500, NULL);
	/* 已办: a page by key, the newest first (done_before=ID). */
	if ((before = form_get(r, "done_before")) != NULL &&
	    ((done_before = strtoll(before, &end, 10)) <= 0 ||
	    *end != '\0'))
		return reply_error(r, 400, "已办件的页码不正确，请回到待办件"
		    "重新翻页。");
	if (case_list(r->db, r->pool, &r->user, 0, done_before, &v, &n) !=
	    DB_OK)
		return reply_error(r, 500, NULL);
	if (n > CASE_DONE_PAGE) {
		n = CASE_DONE_PAGE;
		hdf_setf(r, "DonePaging.next", "%lld", (long long)v[n - 1].id);
	}
	if (done_before > 0)
		hdf_set(r, "DonePaging.after", "1");
	if (case_load_states(r->db, r->pool, v, n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++)
		view_case_row(r, pool_printf(r->pool, "Done.%zu", i), &v[i]);
	hdf_set(r, "Page.Title", "待办件");
	return render(r, "int/inbox.cs");
}

/* What a search criterion may be, in characters. */
#define SEARCH_NAME_MAX	50	/* kase.applicant_name */
#define SEARCH_ITEM_MAX	100

/* A search's criteria as the form sent them (NULL: empty), checked:
 * NULL, or why not in words a clerk understands. */
static const char *
search_criteria(struct req *r, struct case_query *q)
{
	const char	*light, *id, *p;
	char		*end;

	memset(q, 0, sizeof(*q));
	q->app_no = form_get(r, "no");
	q->name = form_get(r, "name");
	q->item = form_get(r, "item");
	q->state = form_get(r, "state");
	light = form_get(r, "light");
	q->from = form_get(r, "from");
	q->to = form_get(r, "to");
	if (q->app_no != NULL && !vocab_code_valid(q->app_no, 20))
		return "申请编号只能由字母和数字组成（例如 YW2026093000001），"
		    "可以只填前面几位。";
	if (q->name != NULL && utf8_chars(q->name) > SEARCH_NAME_MAX)
		return "申请人姓名太长，请填写姓名或其中几个字。";
	if (q->item != NULL && utf8_chars(q->item) > SEARCH_ITEM_MAX)
		return "事项名称太长，请填写事项编码或名称中的几个字。";
	if (q->state != NULL && vocab_state_label(q->state) == NULL)
		return "请从列表中选择办件状态。";
	if (light != NULL &&
	    (q->light = deadline_light_of(light)) == LIGHT_NONE)
		return "请从列表中选择亮灯颜色。";
	if ((p = view_days(r, "收件日期", q->from, q->to)) != NULL)
		return p;
	/* The next page's key, as this page wrote it. */
	p = form_get(r, "before_at");
	id = form_get(r, "before_id");
	if ((p == NULL) != (id == NULL))
		return "翻页链接不完整，请回到第一页重新查询。";
	if (p != NULL) {
		errno = 0;
		q->before_id = strtoll(id, &end, 10);
		if (errno != 0 || *end != '\0' || q->before_id <= 0 ||
		    !view_key_time(r, p))
			return "翻页链接不正确，请回到第一页重新查询。";
		q->before_at = p;
	}
	return NULL;
}

/*
 * GET /case/search?no=&name=&item=&state=&light=&from=&to=&go=1
 * [&before_at=&before_id=]: the cases of the user's department(s) that
 * match (INT-11, ORG-2), newest received first, CASE_SEARCH_PAGE a page,
 * the next page by the last row's key.  Without go=1 only the form; with
 * it and no criterion, or a malformed one, the form says what to fix
 * (422).
 */
int
page_int_case_search(struct req *r)
{
	static const char *const states[] = { "received", "correcting",
	    "processing", "suspended", "reported", "approved", "denied",
	    "not_accepted", "withdrawn" };
	struct case_query q;
	struct case_page pg;
	struct today	 t;
	const char	*why;
	size_t		 i;
	char		*p;

	why = search_criteria(r, &q);
	hdf_set(r, "Filter.no", q.app_no);
	hdf_set(r, "Filter.name", q.name);
	hdf_set(r, "Filter.item", q.item);
	hdf_set(r, "Filter.light", form_get(r, "light"));
	hdf_set(r, "Filter.from", q.from);
	hdf_set(r, "Filter.to", q.to);
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		p = pool_printf(r->pool, "States.%zu", i);
		hdf_put(r, p, "state", states[i]);
		hdf_put(r, p, "label", flow_state_label(states[i]));
		if (q.state != NULL && strcmp(q.state, states[i]) == 0)
			hdf_put(r, p, "selected", "1");
	}
	hdf_set(r, "Page.Title", "查找办件");
	if (why == NULL && form_get(r, "go") == NULL)
		return render(r, "int/case_search.cs");
	if (why == NULL && q.app_no == NULL && q.name == NULL &&
	    q.item == NULL && q.state == NULL && q.light == LIGHT_NONE &&
	    q.from == NULL && q.to == NULL)
		why = "请至少填写一项查询条件：申请编号、申请人、事项、状态、"
		    "亮灯或收件日期。";
	if (why != NULL) {
		r->status = 422;
		hdf_set(r, "Form.Error", why);
		return render(r, "int/case_search.cs");
	}
	if (today_get(r, &t) == -1 || case_search(r->db, r->pool, &r->user,
	    &q, &t.cal, t.day, &pg) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < pg.n; i++) {
		p = pool_printf(r->pool, "Cases.%zu", i);
		view_case_row(r, p, &pg.cases[i]);
		view_due(r, p, &t, case_running_due(&pg.cases[i]));
	}
	hdf_set(r, "Searched", "1");
	if (q.before_at != NULL)
		hdf_set(r, "Filter.paged", "1");
	if (pg.next_at != NULL) {
		hdf_set(r, "Next.at", pg.next_at);
		hdf_setf(r, "Next.id", "%lld", (long long)pg.next_id);
	}
	return render(r, "int/case_search.cs");
}

static int
case_id(struct req *r, int64_t *id)
{
	return view_form_id(r, "id", id);
}

/* 1 when the case has an event at step key (it has been acted on). */
static int
step_done(const struct kase *k, const char *key)
{
	static const char *const waiting[] = { "receive", "correct",
	    "report", NULL };
	size_t	 i;

	for (i = 0; i < k->nopinions; i++)
		if (strcmp(k->opinions[i].step_key, key) == 0)
			return 1;
	/* Intake and decisions leave no opinion; the events name the step.
	 * Asking for 补正 or reporting up names it too, but leaves it to
	 * wait. */
	for (i = 0; i < k->nevents; i++) {
		const struct step *s = catalog_step(&k->item, key);
		if (s != NULL && strncmp(k->events[i].label, s->name,
		    strlen(s->name)) == 0 && !vocab_in(waiting,
		    k->events[i].action))
			return 1;
	}
	return 0;
}

/* Where a return from step i may go: Actions.N.Back.M.{key,name}. */
static void
view_back_targets(struct req *r, const char *p, const struct kase *k,
    size_t i)
{
	size_t	 e, m = 0;
	int	 j;

	for (e = 0; e < k->net.nedges; e++) {
		const struct wf_edge *g = &k->net.edges[e];
		if (!g->back || strcmp(g->from, k->net.steps[i].key) != 0 ||
		    (j = wf_step_index(&k->net, g->to)) < 0)
			continue;
		hdf_put(r, pool_printf(r->pool, "%s.Back.%zu", p, m), "key",
		    g->to);
		hdf_put(r, pool_printf(r->pool, "%s.Back.%zu", p, m++), "name",
		    k->net.steps[j].name);
	}
}

/*
 * Fee.{kind,amount,days,due,state,state_label,doc_no,set_by,set_at,
 * receipt_no,paid_by,paid_at} of case k's fee (FEE-1); FeeForm.{kind,min,
 * max,days_max} when the user may set one, FeeConfirm when they may
 * confirm its payment.  1 when a fee is unpaid, 0 when not, -1 on error.
 */
static int
view_fee(struct req *r, const struct kase *k)
{
	struct case_fee	 f;

	switch (case_fee_get(r->db, r->pool, k->id, &f)) {
	case DB_NONE:
		if (!flow_may_fee(k, &r->user))
			return 0;
		hdf_set(r, "FeeForm.kind", k->item.fee_kind);
		hdf_set(r, "FeeForm.min", fee_yuan(r->pool, k->item.fee_min));
		hdf_set(r, "FeeForm.max", fee_yuan(r->pool, k->item.fee_max));
		hdf_setf(r, "FeeForm.days_max", "%d", FEE_DAYS_MAX);
		return 0;
	case DB_OK:
		break;
	default:
		return -1;
	}
	hdf_set(r, "Fee.kind", f.kind);
	hdf_set(r, "Fee.amount", fee_yuan(r->pool, f.amount));
	hdf_setf(r, "Fee.days", "%d", f.days);
	hdf_set(r, "Fee.due", f.due);
	hdf_set(r, "Fee.state", f.state);
	hdf_set(r, "Fee.state_label", fee_state_label(f.state));
	hdf_set(r, "Fee.doc_no", f.doc_no);
	hdf_set(r, "Fee.set_by", f.set_by);
	hdf_set(r, "Fee.set_at", f.set_at);
	hdf_set(r, "Fee.receipt_no", f.receipt_no);
	hdf_set(r, "Fee.paid_by", f.paid_by);
	hdf_set(r, "Fee.paid_at", f.paid_at);
	if (strcmp(f.state, "unpaid") != 0)
		return 0;
	if (flow_may_confirm_fee(k, &r->user))
		hdf_set(r, "FeeConfirm", "1");
	return 1;
}

/*
 * What an observer may read of a text about case k (SUP-7): the
 * applicant's name, ID number and mobile, wherever staff wrote them,
 * masked as the fields are; anyone else reads it as written.
 */
static const char *
scrub(struct req *r, const struct kase *k, const char *text)
{
	const char	*what[3], *with[3], *p, *hit;
	char		*out;
	size_t		 i, len, cap;
	int		 w;

	if (text == NULL || !view_observer(r))
		return text;
	what[0] = k->id_number;
	with[0] = view_mask(r, k->id_number, 6, 4);
	what[1] = k->mobile;
	with[1] = view_mask(r, k->mobile, 3, 4);
	what[2] = k->applicant_name;
	with[2] = view_person(r, k->applicant_name);
	for (i = 0; i < 3; i++) {
		if (what[i] == NULL || *what[i] == '\0')
			continue;
		len = strlen(what[i]);
		cap = strlen(text) * (strlen(with[i]) + 1) + 1;
		out = pool_alloc(r->pool, cap);
		out[0] = '\0';
		for (p = text; (hit = strstr(p, what[i])) != NULL;
		    p = hit + len) {
			w = (int)(hit - p);
			strncat(out, p, (size_t)w);
			strcat(out, with[i]);
		}
		strcat(out, p);
		text = out;
	}
	return text;
}

/*
 * The thread with the applicant (EXT-7, message.h): for an observer the
 * writer's name and the applicant's data in the texts masked (SUP-7).
 */
int
msg_view_case(struct req *r, const struct kase *k)
{
	struct message	*v;
	char		*p;
	size_t		 n, i;
	int64_t		 unread;

	if (msg_thread(r->db, r->pool, k->app_no, &v, &n) != DB_OK ||
	    msg_unread(r->db, r->pool, k->id, &unread) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Case.Messages.%zu", i);
		hdf_put(r, p, "dir", v[i].dir);
		hdf_put(r, p, "author", strcmp(v[i].dir, "ask") == 0 ?
		    view_person(r, v[i].author) : v[i].author);
		hdf_put(r, p, "staff", v[i].staff);
		hdf_put(r, p, "body", scrub(r, k, v[i].body));
		hdf_put(r, p, "at", v[i].at);
		hdf_put(r, p, "unread", strcmp(v[i].dir, "ask") == 0 &&
		    *v[i].read_at == '\0' ? "1" : "0");
	}
	hdf_setf(r, "Case.messages_unread", "%lld", (long long)unread);
	hdf_setf(r, "Limits.msg", "%d", MSG_BODY_MAX);
	return 0;
}

/*
 * The case's paper (DOC-3), where each is, its hand-overs; for the
 * holder, the forms to hand it on or keep it (留存), for the one it was
 * handed to, the receipt.  Case.Paper.N, PaperForm (the people).
 */
static int
view_paper(struct req *r, const struct kase *k)
{
	struct paper	*v;
	struct paper_person *pv;
	struct paper_late *lv;
	struct today	 t;
	const struct paper_move *m;
	size_t		 i, j, n, np, nl;
	char		*p, *q;

	if (paper_list(r->db, r->pool, k->id, &v, &n) != DB_OK ||
	    today_get(r, &t) == -1 || paper_late(r->db, r->pool, &t.cal,
	    t.day, 0, k->id, &lv, &nl) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Case.Paper.%zu", i);
		/* Held too long (docs/paper.md): since when, due when. */
		for (j = 0; j < nl; j++)
			if (lv[j].id == v[i].id) {
				hdf_put(r, p, "late_since", lv[j].since);
				hdf_put(r, p, "late_due", lv[j].due);
				hdf_put(r, p, "late_ended", lv[j].ended ? "1" :
				    "0");
			}
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "what", scrub(r, k, v[i].what));
		hdf_putf(r, p, "copies", "%d", v[i].copies);
		hdf_putf(r, p, "pages", "%d", v[i].pages);
		hdf_put(r, p, "holder", v[i].holder);
		if (v[i].moving_to != 0)
			hdf_put(r, p, "moving", v[i].moving_name);
		hdf_put(r, p, "retained", scrub(r, k, v[i].retained));
		hdf_put(r, p, "recorded_by", v[i].recorded_by);
		hdf_put(r, p, "recorded_at", v[i].recorded_at);
		if (v[i].moving_to == 0 && (v[i].holder_id == r->user.id ||
		    (v[i].holder_id == 0 && !view_observer(r) &&
		    flow_involves(k, &r->user))))
			hdf_put(r, p, "mine", v[i].holder_id == 0 ? "archive" :
			    "1");
		if (v[i].moving_to == r->user.id)
			hdf_put(r, p, "to_me", "1");
		for (j = 0; j < v[i].nmoves; j++) {
			m = &v[i].moves[j];
			q = pool_printf(r->pool, "%s.Moves.%zu", p, j);
			hdf_put(r, q, "from", m->from);
			hdf_put(r, q, "to", m->to);
			hdf_put(r, q, "by", m->by);
			hdf_put(r, q, "given_at", m->given_at);
			hdf_put(r, q, "received_at", m->received_at);
			hdf_put(r, q, "note", scrub(r, k, m->note));
		}
	}
	if (view_observer(r) || !flow_involves(k, &r->user))
		return 0;
	hdf_set(r, "PaperForm.may", "1");
	if (paper_people(r->db, r->pool, k, &r->user, &pv, &np) != DB_OK)
		return -1;
	for (i = 0; i < np; i++) {
		p = pool_printf(r->pool, "PaperForm.People.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)pv[i].id);
		hdf_put(r, p, "label", pool_printf(r->pool, "%s（%s）",
		    pv[i].name, pv[i].dept_name));
	}
	return 0;
}

/*
 * The full record of case k, read-only (INT-13): Case.* (the case, its
 * steps with their deadlines and lights, the applicant's clocks,
 * materials, events, opinions, documents, corrections, special
 * procedures, report), Fee.*, Urges.*; and, for the user, what view_fee()
 * and view_urges() offer them (nothing to a supervisor).  For an observer
 * the applicant's name, ID number and mobile are masked, in the fields and
 * in the texts (SUP-7).  *today: today's day; *unpaid: whether a fee is
 * unpaid.  0, or -1 on error.  The case page (/case) and the supervisors'
 * (/sup/case) both show it.
 */
static int	att_pages(struct req *, const struct attachment *);

int
view_case_record(struct req *r, const struct kase *kp, cal_day *today,
    int *unpaid)
{
	struct today	 now;
	struct kase	 k = *kp;
	char		*ename, *ecode;
	char		*agent, *consent;
	size_t		 i;
	int		 pages;

	if (today_get(r, &now) == -1)
		return -1;
	*today = now.day;
	k.applicant_name = (char *)view_person(r, kp->applicant_name);
	view_case_row(r, "Case", &k);
	hdf_set(r, "Case.source", strcmp(k.source, "online") == 0 ?
	    "网上申报" : "窗口收件");
	hdf_set(r, "Case.item_code", k.item_code);
	hdf_setf(r, "Case.item_version", "%d", k.item_version);
	hdf_set(r, "Case.id_number", view_observer(r) ?
	    view_mask(r, k.id_number, 6, 4) : k.id_number);
	hdf_set(r, "Case.mobile", view_observer(r) ?
	    view_mask(r, k.mobile, 3, 4) : k.mobile);
	hdf_set(r, "Case.remark", scrub(r, kp, k.remark));
	/* 申请人：某某公司（统一社会信用代码 …），经办人：某某 (ACC-1). */
	switch (case_entity(r->db, r->pool, k.id, &ename, &ecode)) {
	case DB_OK:
		hdf_set(r, "Case.Entity.name", ename);
		hdf_set(r, "Case.Entity.code", ecode);
		hdf_set(r, "Case.Entity.type", credit_code_type(ecode));
		break;
	case DB_NONE:
		break;
	default:
		return -1;
	}
	hdf_set(r, "Case.state", k.state);
	hdf_setf(r, "Case.step_seq", "%d", k.step_seq);
	hdf_set(r, "Case.submitted_at", k.submitted_at);
	/* Made by an agent for the resident (AGT-1): who, and the consent. */
	if (agent_of_case(r->db, r->pool, k.id, &agent, &consent) != DB_OK)
		return -1;
	if (agent != NULL) {
		hdf_set(r, "Case.agent", agent);
		hdf_set(r, "Case.consent", consent);
	}
	/* Serving a 全程代理 project, or filed by the centre (INT-14). */
	switch (agency_of_case(r->db, r->pool, k.id, &agent)) {
	case DB_OK:
		hdf_set(r, "Case.agency", agent);
		break;
	case DB_NONE:
		break;
	default:
		return -1;
	}
	for (i = 0; i < k.item.nsteps; i++) {
		const struct step *s = &k.item.steps[i];
		char *p = pool_printf(r->pool, "Case.Steps.%zu", i);

		hdf_putf(r, p, "seq", "%d", s->seq);
		hdf_put(r, p, "key", s->key);
		hdf_put(r, p, "name", s->name);
		hdf_putf(r, p, "days", "%d", s->days);
		hdf_put(r, p, "role_label", account_role_label(s->role));
		hdf_put(r, p, "current", flow_enabled(&k, i) ? "1" : "0");
		/* Holding the case while it waits (补正, a special procedure,
		 * a higher authority): no clock, no act. */
		hdf_put(r, p, "paused", !flow_enabled(&k, i) && flow_open(&k) &&
		    wf_ways(&k.net, &k.marking, i) > 0 ? "1" : "0");
		hdf_put(r, p, "done", step_done(&k, s->key) ? "1" : "0");
		if (k.task_since[i] != NULL)
			hdf_put(r, p, "since", k.task_since[i]);
		if (flow_enabled(&k, i))
			view_due(r, p, &now, k.task_due[i]);
	}
	/* The applicant's clocks, while the case is open and they run. */
	if (strcmp(k.state, "received") == 0 ||
	    strcmp(k.state, "processing") == 0) {
		if (strcmp(k.state, "received") == 0)
			view_due(r, "Due.intake", &now, k.intake_due);
		view_due(r, "Due.promised", &now, k.promised_due);
		view_due(r, "Due.statutory", &now, k.statutory_due);
	}
	for (i = 0; i < k.natts; i++) {
		char *p = pool_printf(r->pool, "Case.Attachments.%zu", i);
		hdf_putf(r, p, "material_seq", "%d",
		    k.atts[i].material_seq);
		hdf_put(r, p, "material_name", k.atts[i].material_name);
		hdf_put(r, p, "file_name", scrub(r, kp, k.atts[i].file_name));
		hdf_putf(r, p, "size", "%lld KB",
		    (long long)(k.atts[i].size + 1023) / 1024);
		hdf_put(r, p, "mime", k.atts[i].mime);
		hdf_putf(r, p, "round", "%d", k.atts[i].round);
		/* The written request of a withdrawal at the window. */
		if (k.atts[i].material_seq == CASE_WITHDRAW_SEQ)
			hdf_put(r, p, "withdraw", "1");
		if ((pages = att_pages(r, &k.atts[i])) > 0)
			hdf_putf(r, p, "pages", "%d", pages);
	}
	/* 免证办 (DOC-2): the licences it offered instead of files. */
	if (view_app_licences(r, "Case.Lics", k.app_no) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0; i < k.nevents; i++) {
		char *p = pool_printf(r->pool, "Case.Events.%zu", i);
		hdf_put(r, p, "at", k.events[i].at);
		hdf_put(r, p, "label", k.events[i].label);
		hdf_put(r, p, "staff_name", scrub(r, kp, flow_signer(r->pool,
		    k.events[i].staff_name, k.events[i].for_name)));
		hdf_put(r, p, "note", scrub(r, kp, k.events[i].note));
	}
	for (i = 0; i < k.nopinions; i++) {
		const struct opinion *o = &k.opinions[i];
		char *p = pool_printf(r->pool, "Case.Opinions.%zu", i);
		hdf_put(r, p, "step_name", o->step_name);
		hdf_put(r, p, "staff_name", flow_signer(r->pool, o->staff_name,
		    o->for_name));
		hdf_put(r, p, "verdict_label", strcmp(o->verdict, "agree") == 0 ? "同意" : "不同意");
		hdf_put(r, p, "text", scrub(r, kp, o->text));
		hdf_put(r, p, "signed_at", o->signed_at);
	}
	for (i = 0; i < k.ndocs; i++) {
		char *p = pool_printf(r->pool, "Case.Docs.%zu", i);
		hdf_put(r, p, "doc_no", k.docs[i].doc_no);
		hdf_put(r, p, "title", k.docs[i].title);
		hdf_put(r, p, "issued_at", k.docs[i].issued_at);
	}
	if ((*unpaid = view_fee(r, &k)) == -1)
		return -1;
	for (i = 0; i < k.ncorr; i++) {
		char *p = pool_printf(r->pool, "Case.Corrections.%zu", i);
		hdf_put(r, p, "material_name", k.corr[i].material_name);
		hdf_put(r, p, "reason", scrub(r, kp, k.corr[i].reason));
	}
	hdf_set(r, "Case.corrected_at", k.corrected_at);
	/* Special procedures (INT-9). */
	for (i = 0; i < k.nsusp; i++) {
		const struct suspension *sp = &k.susp[i];
		char *p = pool_printf(r->pool, "Case.Specials.%zu", i);
		hdf_put(r, p, "kind", sp->kind);
		hdf_put(r, p, "reason", scrub(r, kp, sp->reason));
		hdf_putf(r, p, "expected_days", "%d", sp->expected_days);
		hdf_put(r, p, "began_on", sp->began_on);
		hdf_put(r, p, "began_by", sp->began_by);
		hdf_put(r, p, "ended_on", sp->ended_on);
		hdf_put(r, p, "ended_by", sp->ended_by);
		hdf_putf(r, p, "paused_days", "%d", sp->paused_days);
	}
	/* Report up (INT-10): to whom, and what came back. */
	if (k.report != NULL) {
		const struct case_report *rp = k.report;
		hdf_set(r, "Case.Report.authority", rp->authority);
		hdf_set(r, "Case.Report.reason", scrub(r, kp, rp->reason));
		hdf_set(r, "Case.Report.reported_on", rp->reported_on);
		hdf_set(r, "Case.Report.reported_by", rp->reported_by);
		hdf_set(r, "Case.Report.decision", rp->decision);
		hdf_set(r, "Case.Report.upper_doc_no", rp->upper_doc_no);
		hdf_set(r, "Case.Report.decided_on", rp->decided_on);
		hdf_set(r, "Case.Report.summary", scrub(r, kp, rp->summary));
		hdf_set(r, "Case.Report.recorded_by", rp->recorded_by);
	}
	if (view_urges(r, &k) == -1 || view_paper(r, kp) == -1 ||
	    msg_view_case(r, kp) == -1)
		return -1;
	hdf_setf(r, "Case.extended_days", "%d", k.extended_days);
	return 0;
}

/*
 * GET /case?id=…: everything about one case, and the actions the user
 * may take at its current step.
 */
/*
 * The pages of a PDF attachment (EXT-1), counted by qpdf from the file in
 * the store, judged when it came: -1 for a photo, or a file that does
 * not read.  At most max_upload bytes, read once per view.
 */
static int
att_pages(struct req *r, const struct attachment *a)
{
	const char	*path;
	FILE		*fp;
	char		*buf;
	size_t		 n;
	int		 pages = -1;

	if (a->mime == NULL || strcmp(a->mime, "application/pdf") != 0 ||
	    a->size <= 0 || (uint64_t)a->size > r->cfg->max_upload ||
	    (path = files_path(r->cfg->files_dir, a->sha256, r->pool)) ==
	    NULL || (fp = fopen(path, "rb")) == NULL)
		return -1;
	if ((buf = malloc((size_t)a->size)) != NULL) {
		n = fread(buf, 1, (size_t)a->size, fp);
		if (n == (size_t)a->size)
			pages = pdf_pages(buf, n);
		free(buf);
	}
	fclose(fp);
	return pages;
}

int
page_int_case(struct req *r)
{
	struct kase	 k;
	cal_day		 today;
	struct delegation *dv;
	const struct delegation *dg;
	const char	*done, *why;
	const struct transition *t;
	int64_t		 id;
	size_t		 i, j, na = 0, dn;
	int		 unpaid;

	if (case_id(r, &id) == -1)
		return reply_error(r, 400, "办件编号不正确。");
	switch (case_get(r->db, r->pool, id, &k)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个办件。");
	default:
		return reply_error(r, 500, NULL);
	}
	/* Everyone in a department that acts on it may read it (ORG-2). */
	if (!flow_involves(&k, &r->user))
		return reply_error(r, 403, "这个办件不属于您的部门。");
	if (view_case_record(r, &k, &today, &unpaid) == -1)
		return reply_error(r, 500, NULL);
	/* 一件事 (EXT-12): the bundle it is one of, its sibling cases. */
	if (view_case_bundle(r, k.app_no) == -1)
		return reply_error(r, 500, NULL);
	/* The applicant's messages are read once its window opens it; the
	 * page still marks them new this once (EXT-7). */
	if (msg_mark_read(r->db, k.id) != DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Msg.may", "1");
	/* Per step the user may act on now, on their own account or as a
	 * deputy (INT-7), the actions it allows; where 回避 keeps them from
	 * one, why (SEC-7). */
	if (delegation_in_force(r->db, r->pool, r->user.id, today, &dv,
	    &dn) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0, j = 0; i < k.item.nsteps; i++) {
		if (flow_recused(&k, &r->user, i) != NULL)
			why = flow_recusal_why(r->pool, &k, &r->user,
			    k.item.steps[i].key);
		else
			why = flow_deputy_recusal_why(r->pool, &k, &r->user,
			    dv, dn, i);
		if (why != NULL)
			hdf_set(r, pool_printf(r->pool, "Recused.%zu", j++),
			    why);
	}
	for (i = 0; i < k.item.nsteps; i++) {
		for (j = 0; j < nflow_transitions; j++) {
			const struct transition *t = &flow_transitions[j];
			char *p;

			dg = NULL;
			if (!flow_may(&k, &r->user, t, i) && (dg =
			    flow_may_for(&k, &r->user, dv, dn, t, i)) == NULL)
				continue;
			/* Approval waits for the fee (第十九条). */
			if (unpaid && strcmp(t->action, "approve") == 0) {
				hdf_set(r, "Fee.blocks", "1");
				continue;
			}
			p = pool_printf(r->pool, "Actions.%zu", na++);
			if (dg != NULL)
				hdf_put(r, p, "for_name", dg->staff_name);
			hdf_put(r, p, "action", t->action);
			hdf_put(r, p, "label", t->label);
			hdf_put(r, p, "step_key", k.item.steps[i].key);
			hdf_put(r, p, "step_name", k.item.steps[i].name);
			hdf_putf(r, p, "needs_text", "%d", t->needs_text);
			hdf_put(r, p, "verdict", t->verdict ? t->verdict : "");
			if (strcmp(t->action, "return") == 0)
				view_back_targets(r, p, &k, i);
		}
	}
	if (flow_may_extend(&k, &r->user))
		hdf_setf(r, "Extend.max", "%d", EXTEND_DAYS_MAX);
	/* 补正 (EXT-4): the item's materials to choose from, once; what
	 * was asked, and when it was answered. */
	if (flow_may_correct(&k, &r->user))
		for (i = 0; i < k.item.nmaterials; i++) {
			char *p = pool_printf(r->pool, "Correct.Items.%zu", i);
			hdf_putf(r, p, "seq", "%d", k.item.materials[i].seq);
			hdf_put(r, p, "name", k.item.materials[i].name);
		}
	hdf_setf(r, "Correct.max", "%d", CORRECT_REASON_MAX);
	/* Special procedures (INT-9): each, and what this user may do. */
	if (flow_may_suspend(&k, &r->user)) {
		for (i = 0; vocab_specials[i] != NULL; i++)
			hdf_set(r, pool_printf(r->pool, "Special.Kinds.%zu", i),
			    vocab_specials[i]);
		hdf_setf(r, "Special.max", "%d", SPECIAL_DAYS_MAX);
	}
	if (flow_may_resume(&k, &r->user))
		hdf_set(r, "Special.resume", "1");
	if (flow_may_instant(&k, &r->user))
		hdf_set(r, "Instant.may", "1");
	/* 申请人撤回申请 at the window (INT-3). */
	if (flow_may_withdraw(&k, &r->user)) {
		hdf_set(r, "Withdraw.may", "1");
		hdf_setf(r, "Withdraw.seq", "%d", CASE_WITHDRAW_SEQ);
		hdf_setf(r, "Withdraw.max", "%d", CASE_WITHDRAW_REASON_MAX);
		hdf_putf(r, "Page", "MaxUploadMB", "%zu",
		    r->cfg->max_upload >> 20);
	}
	if (flow_may_report(&k, &r->user))
		hdf_setf(r, "Report.max", "%d", AUTHORITY_MAX);
	if (flow_may_record(&k, &r->user))
		hdf_set(r, "Record.today", cal_day_str(r->pool, today));
	if ((t = flow_find(form_get(r, "done"))) != NULL)
		hdf_set(r, "Page.Notice", pool_printf(r->pool, "已办理：%s。",
		    t->label));
	else if ((done = form_get(r, "done")) != NULL &&
	    strcmp(done, "extend") == 0)
		hdf_set(r, "Page.Notice", "已延长办理期限，延期审批告知书已出具。");
	else if (done != NULL && strcmp(done, "message") == 0)
		hdf_set(r, "Page.Notice", "回复已保存，将随下一批数据送达申请人。");
	else if (done != NULL && strcmp(done, "urge") == 0)
		hdf_set(r, "Page.Notice", "已催办，承办人的待办件列表中会显示。");
	else if (done != NULL && strcmp(done, "report") == 0)
		hdf_set(r, "Page.Notice", "已上报，收到上级机关的决定后请在本页"
		    "登记。");
	else if (done != NULL && strcmp(done, "upper") == 0)
		hdf_set(r, "Page.Notice", "已登记上级机关的决定，本机关的决定书已"
		    "出具。");
	else if (done != NULL && strcmp(done, "withdraw") == 0)
		hdf_set(r, "Page.Notice", "已登记申请人撤回申请，本件办理终止："
		    "准予撤回决定书已出具，请打印送达申请人。");
	else if (done != NULL && strcmp(done, "instant") == 0)
		hdf_set(r, "Page.Notice", "已当场办结：受理通知书和准予行政许可"
		    "决定书均已出具，可打印交申请人。");
	else if (done != NULL && strcmp(done, "suspend") == 0)
		hdf_set(r, "Page.Notice", "已启动特别程序，办理期限暂停计算，特别"
		    "程序告知书已出具。");
	else if (done != NULL && strcmp(done, "resume") == 0)
		hdf_set(r, "Page.Notice", "特别程序已结束，办理期限按剩余时间恢复"
		    "计算。");
	else if (done != NULL && strcmp(done, "correct") == 0)
		hdf_set(r, "Page.Notice", "已出具补正材料通知书。申请人提交补正"
		    "材料后，本件回到受理环节的待办件中。");
	else if (done != NULL && strcmp(done, "fee") == 0)
		hdf_set(r, "Page.Notice", "已核定收费，缴费通知书已出具并告知申请人。");
	else if (done != NULL && strcmp(done, "fee-paid") == 0)
		hdf_set(r, "Page.Notice", "已确认缴费，办件可以继续办理。");
	else if (done != NULL && strncmp(done, "paper", 5) == 0)
		hdf_set(r, "Page.Notice", strcmp(done, "paper-hand") == 0 ?
		    "已登记移交；接收人签收后，材料记在其名下。" :
		    strcmp(done, "paper-receive") == 0 ? "已签收，材料记在您的名下。" :
		    strcmp(done, "paper-retain") == 0 ? "已注明本部门留存。" :
		    "已登记纸质材料，现由您保管。");
	else if (done != NULL && strcmp(done, "delivery") == 0)
		hdf_set(r, "Page.Notice", "已登记交付，将随下一次网闸摆渡告知"
		    "申请人。");
	/* How the result reaches the applicant (EXT-10). */
	if (view_delivery(r, k.app_no) != 0)
		return reply_error(r, 500, NULL);
	hdf_set(r, "DeliveryForm.may", flow_involves(&k, &r->user) &&
	    (strcmp(k.state, "approved") == 0 || strcmp(k.state, "denied") ==
	    0) ? "1" : "0");
	hdf_set(r, "Page.Title", pool_printf(r->pool, "办件 %s", k.app_no));
	return render(r, "int/case.cs");
}

/*
 * The case ?id= of a POST that acts on it: 0 with *id (and the case in
 * *k) when the user's department acts on it; else the page answered
 * (400, 404, 403, 500).
 * The domain checks again under the case's lock.
 */
int
own_case_read(struct req *r, int64_t *id, struct kase *k)
{
	if (case_id(r, id) == -1)
		return reply_error(r, 400, "办件编号不正确。");
	switch (case_get(r->db, r->pool, *id, k)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这个办件。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (!flow_involves(k, &r->user))
		return reply_error(r, 403, "这个办件不属于您的部门。");
	return 0;
}

static int
own_case(struct req *r, int64_t *id)
{
	struct kase	 k;

	return own_case_read(r, id, &k);
}

/* 422 saying what to shorten when text has more than max characters;
 * else 0. */
static int
too_long(struct req *r, const char *text, size_t max, const char *what)
{
	if (text == NULL || utf8_chars(text) <= max)
		return 0;
	return reply_error(r, 422, pool_printf(r->pool, "%s请控制在 %zu 字"
	    "以内。", what, max));
}

/* A number of working days from a form, 1..max; 0 for anything else
 * (the domain says what it may be). */
static int
form_days(const char *v, int max)
{
	char	*end;
	long	 n;

	if (v == NULL || (n = strtol(v, &end, 10)) < 1 || *end != '\0' ||
	    n > max)
		return 0;
	return (int)n;
}

/*
 * The answer to a POST that acted on case id: back to the case saying
 * what was done (DB_OK), 409 with why it was refused (DB_NONE; refused
 * when the domain said nothing), or 500.
 */
static int
acted(struct req *r, int64_t id, enum db_rc rc, const char *done,
    const char *why, const char *refused)
{
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/case?id=%lld&done=%s", (long long)id, done));
	case DB_NONE:
		return reply_error(r, 409, why ? why : refused);
	default:
		/* Still in a deadlock after its retries (db_txn): nothing was
		 * saved, and submitting again will most likely go through. */
		if (db_busy(r->db))
			return reply_error(r, 503, "系统正忙，这次操作没有保存。"
			    "请稍等片刻后重新提交。");
		return reply_error(r, 500, why);
	}
}

/*
 * POST /case/act: id, action, verdict, text.  The domain re-checks, under
 * the case's row lock, that the user may still do it.
 */
int
page_int_act(struct req *r)
{
	struct permit	 permit;
	const char	*why, *text;
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	/* Another department's case is not this user's to act on, whatever
	 * its step (the flow checks the step again under the row lock). */
	if ((rc = own_case(r, &id)) != 0)
		return rc;
	text = form_text(r, "text");
	if (text != NULL && utf8_chars(text) > OPINION_MAX)
		return reply_error(r, 400, pool_printf(r->pool, "意见或理由太长"
		    "（%zu 字），请控制在 %d 字以内。", utf8_chars(text),
		    OPINION_MAX));
	permit.scope = form_text(r, "scope");
	permit.valid_until = form_get(r, "valid_until");
	if ((rc = too_long(r, permit.scope, PERMIT_SCOPE_MAX, "许可范围")) != 0)
		return rc;
	drc = case_act(r->db, r->pool, id, &r->user, form_get(r, "action"),
	    form_get(r, "step"), form_get(r, "verdict"), text,
	    form_get(r, "back_to"), &permit, &why);
	return acted(r, id, drc, form_get(r, "action"), why,
	    "操作没有完成。");
}

/*
 * POST /case/message: id, body.  A member of a department acting on the
 * case (ORG-2) replies to the applicant's messages (EXT-7, message.h):
 * an event of the case, audited, crossing to the applicant.
 */
int
page_int_message(struct req *r)
{
	struct kase	 k;
	const char	*body = form_text(r, "body");
	enum text_rc	 trc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case_read(r, &id, &k)) != 0)
		return rc;
	if (body == NULL || *body == '\0')
		return reply_error(r, 422, "请填写回复内容。请返回上一页填写后"
		    "再提交。");
	trc = text_check(body, strlen(body), 1, MSG_BODY_MAX,
	    4 * MSG_BODY_MAX, TEXT_LINES);
	if (trc == TEXT_LONG)
		return reply_error(r, 422, pool_printf(r->pool, "回复太长，请控制"
		    "在 %d 字以内。请返回上一页修改后再提交。", MSG_BODY_MAX));
	if (trc != TEXT_OK)
		return reply_error(r, 422, pool_printf(r->pool, "回复%s，请返回"
		    "上一页修改后再提交。", text_why(trc)));
	return acted(r, id, msg_reply(r->db, r->pool, &r->user, k.id,
	    k.app_no, k.state, r->user.dept_name, body), "message", NULL,
	    "回复没有发出。");
}

/*
 * POST /case/urge: id, step, note.  A leader of a department acting on
 * the case urges whoever holds a waiting step (INT-11).
 */
int
page_int_urge(struct req *r)
{
	const char	*why, *note = form_text(r, "note");
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	if ((rc = too_long(r, note, URGE_NOTE_MAX, "催办说明")) != 0)
		return rc;
	drc = case_urge(r->db, r->pool, id, &r->user, form_get(r, "step"),
	    note, &why);
	return acted(r, id, drc, "urge", why, "没有催办。");
}

/*
 * POST /case/extend: id, days, reason.  A leader extends an accepted case
 * once (行政许可法 Art. 42); the domain checks everything again under the
 * case's lock.
 */
int
page_int_extend(struct req *r)
{
	const char	*why, *days = form_get(r, "days");
	const char	*reason = form_text(r, "reason");
	int		 n;
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	n = form_days(days, EXTEND_DAYS_MAX);
	if ((rc = too_long(r, reason, OPINION_MAX, "理由")) != 0)
		return rc;
	drc = case_extend(r->db, r->pool, id, &r->user, n, reason,
	    &why);
	return acted(r, id, drc, "extend", why, "没有办理延期。");
}

/*
 * POST /case/instant: id, text.  The window accepts an instant item and
 * grants it in one sitting (INT-12); the domain checks again under the
 * case's lock.
 */
int
page_int_instant(struct req *r)
{
	const char	*why, *text = form_text(r, "text");
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	if ((rc = too_long(r, text, OPINION_MAX, "审批意见")) != 0)
		return rc;
	drc = case_instant(r->db, r->pool, id, &r->user, text, &why);
	return acted(r, id, drc, "instant", why, "没有办结。");
}

/*
 * The case page again (422) with what the withdrawal form was given and
 * why it was refused: nothing typed is lost, a file must be chosen again.
 */
static int
withdraw_again(struct req *r, const char *why, int had_file)
{
	hdf_set(r, "Withdraw.Error", pool_printf(r->pool, "%s%s", why,
	    had_file ? "请重新选择扫描件。" : ""));
	hdf_set(r, "Withdraw.reason", form_get(r, "reason"));
	hdf_set(r, "Withdraw.checked", form_get(r, "checked"));
	hdf_set(r, "Withdraw.paper", form_get(r, "paper"));
	hdf_set(r, "Withdraw.pages", form_get(r, "pages"));
	r->status = 422;
	return page_int_case(r);
}

/*
 * POST /case/withdraw (multipart; INT-3): id, m<CASE_WITHDRAW_SEQ> the
 * applicant's written request scanned (vetted as every upload), or paper
 * ticked (纸质已收) with pages; reason (optional, one line); checked
 * (self: the applicant's ID card seen; agent: the agent's ID card and
 * authorisation).  A window clerk of the item's department ends the
 * case as an online withdrawal does (flow.h case_withdraw_window()).
 */
int
page_int_withdraw(struct req *r)
{
	static const struct material m = { .seq = CASE_WITHDRAW_SEQ,
	    .name = "书面撤回申请" };
	struct withdraw_req	 w;
	struct files_rule	 rule;
	struct files_put	 put;
	struct attachment	 a;
	struct kase		 k;
	const char		*why, *checked, *v;
	FILE			*fp = NULL;
	enum db_rc		 drc;
	int64_t			 id;
	int			 rc, status, took;
	long			 pages = 0;
	char			*end;

	if ((rc = own_case_read(r, &id, &k)) != 0)
		return rc;
	if ((r->user.roles & ROLE_CLERK) == 0 || r->user.dept_code == NULL ||
	    strcmp(r->user.dept_code, k.item.dept_code) != 0)
		return reply_error(r, 403, "只有本事项所属部门的窗口工作人员"
		    "可以登记撤回。");
	if (!flow_open(&k))
		return reply_error(r, 409, strcmp(k.state, "withdrawn") == 0 ?
		    "本件已经撤回，不能再次登记撤回；准予撤回决定书见本页的"
		    "办理文书。" : "本件已经办结，不能再撤回。");
	memset(&w, 0, sizeof(w));
	w.reason = form_get(r, "reason");
	if (w.reason == NULL)
		w.reason = "";
	checked = form_get(r, "checked");
	upload_rule(r, &rule);
	took = upload_take(r, &m, &rule, -1, &fp, &a, &status, &why);
	if (took == -1)
		return status == 422 ? withdraw_again(r, why, 0) :
		    reply_error(r, status, why);
	if (text_check(w.reason, strlen(w.reason), 0,
	    CASE_WITHDRAW_REASON_MAX, 0, TEXT_LINE) != TEXT_OK)
		return withdraw_again(r, pool_printf(r->pool, "撤回理由请写成"
		    "一行，不超过 %d 字。", CASE_WITHDRAW_REASON_MAX), took);
	if (checked == NULL || (strcmp(checked, "self") != 0 &&
	    strcmp(checked, "agent") != 0))
		return withdraw_again(r, "请核验申请人的身份证件（代理人办理"
		    "的，核验代理人身份证件和授权委托书）后勾选核验情况。",
		    took);
	w.agent = strcmp(checked, "agent") == 0;
	if (took == 0) {
		if (form_get(r, "paper") == NULL)
			return withdraw_again(r, "请扫描上传申请人签名的书面撤回"
			    "申请，或者收下纸质申请后勾选「纸质已收」。", 0);
		if ((v = form_get(r, "pages")) != NULL && (strlen(v) > 5 ||
		    (pages = strtol(v, &end, 10)) < 0 || *end != '\0'))
			return withdraw_again(r, "书面撤回申请的页数应为 0 到 "
			    "99999 的整数。", 0);
		w.pages = (int)pages;
	} else {
		if (upload_store(r, &fp, &put, &a, 1) == -1)
			return reply_error(r, 500, "保存扫描件时出错，撤回没有登记。"
			    "请稍后重新提交。");
		w.scan = &a;
	}
	drc = case_withdraw_window(r->db, r->pool, id, &r->user, &w, &why);
	if (took == 1) {
		if (drc == DB_OK)
			files_release(&put);
		else
			upload_discard(r, &put, 1);
	}
	return acted(r, id, drc, "withdraw", why, "没有登记撤回。");
}

/*
 * POST /case/report: id, authority, reason.  The deciding step reports
 * the case to the higher authority that decides it (INT-10).
 */
int
page_int_report(struct req *r)
{
	const char	*why, *authority = form_text(r, "authority");
	const char	*reason = form_text(r, "reason");
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	if ((rc = too_long(r, authority, AUTHORITY_MAX, "上级机关名称")) !=
	    0 || (rc = too_long(r, reason, OPINION_MAX, "上报意见")) != 0)
		return rc;
	drc = case_report(r->db, r->pool, id, &r->user, authority, reason,
	    &why);
	return acted(r, id, drc, "report", why, "没有上报。");
}

/*
 * POST /case/upper: id, decision (approve, deny), upper_doc_no,
 * decided_on, summary.  The deciding step records what the higher
 * authority decided; the case ends with this office's decision citing it.
 */
int
page_int_upper(struct req *r)
{
	const char	*why, *doc_no = form_text(r, "upper_doc_no");
	const char	*summary = form_text(r, "summary");
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	if ((rc = too_long(r, doc_no, UPPER_DOC_MAX, "文号")) != 0 ||
	    (rc = too_long(r, summary, OPINION_MAX / 2, "决定内容摘录")) != 0)
		return rc;
	drc = case_record_upper(r->db, r->pool, id, &r->user,
	    form_get(r, "decision"), doc_no, form_get(r, "decided_on"),
	    summary, &why);
	return acted(r, id, drc, "upper", why, "没有登记。");
}

/*
 * POST /case/suspend: id, kind, days, reason.  Whoever holds a waiting
 * step starts a special procedure (INT-9, Art. 45); the domain checks
 * everything again under the case's lock.
 */
int
page_int_suspend(struct req *r)
{
	const char	*why, *days = form_get(r, "days");
	const char	*reason = form_text(r, "reason");
	int		 n;
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	n = form_days(days, SPECIAL_DAYS_MAX);
	if ((rc = too_long(r, reason, OPINION_MAX, "原因")) != 0)
		return rc;
	drc = case_suspend(r->db, r->pool, id, &r->user,
	    form_get(r, "kind"), reason, n, &why);
	return acted(r, id, drc, "suspend", why, "没有启动特别程序。");
}

/*
 * POST /case/resume: id.  The special procedure ends today and the case's
 * clocks run again with the time they had left.
 */
int
page_int_resume(struct req *r)
{
	const char	*why;
	enum db_rc	 drc;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	drc = case_resume(r->db, r->pool, id, &r->user, &why);
	return acted(r, id, drc, "resume", why, "没有结束特别程序。");
}

/*
 * POST /case/correct: id, and per material seq of the item, c<seq>=1 when
 * it is to be corrected and r<seq> the reason.  The clerk at intake asks
 * once for everything missing or defective (EXT-4); the domain checks
 * again under the case's lock.
 */
int
page_int_correct(struct req *r)
{
	struct kase		 k;
	struct correction	*v;
	const char		*why, *reason;
	size_t			 i, n = 0;
	enum db_rc		 drc;
	int64_t			 id;
	int			 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	if (case_get(r->db, r->pool, id, &k) != DB_OK)
		return reply_error(r, 500, NULL);
	v = pool_alloc(r->pool, (k.item.nmaterials + 1) * sizeof(*v));
	for (i = 0; i < k.item.nmaterials; i++) {
		const struct material *m = &k.item.materials[i];

		if (form_get(r, pool_printf(r->pool, "c%d", m->seq)) == NULL)
			continue;
		reason = form_text(r, pool_printf(r->pool, "r%d", m->seq));
		if (reason != NULL && utf8_chars(reason) >
		    CORRECT_REASON_MAX)
			return reply_error(r, 422, pool_printf(r->pool,
			    "「%s」的补正原因请控制在 %d 字以内。", m->name,
			    CORRECT_REASON_MAX));
		v[n].material_seq = m->seq;
		v[n].material_name = m->name;
		v[n++].reason = (char *)reason;
	}
	drc = case_correct(r->db, r->pool, id, &r->user, v, n, &why);
	return acted(r, id, drc, "correct", why, "没有要求补正。");
}

/*
 * POST /case/fee: id, kind, amount (yuan), days.  The handler at the step
 * that holds the case sets its fee within the item's standard, with a
 * 缴费通知书 (FEE-1); the domain checks everything under the case's lock.
 */
int
page_int_fee(struct req *r)
{
	const char	*why, *amount = form_get(r, "amount");
	const char	*days = form_get(r, "days");
	char		*end;
	long		 n;
	int64_t		 id;
	int		 rc, fen;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	if (fee_parse_yuan(amount, &fen) == -1)
		return reply_error(r, 422, "金额请写成以元为单位的数，最多两位"
		    "小数，例如 80 或 12.50。");
	n = days != NULL ? strtol(days, &end, 10) : 0;
	if (days == NULL || *end != '\0')
		n = 0;
	switch (case_fee_set(r->db, r->pool, id, &r->user,
	    form_get(r, "kind"), fen, (int)n, &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/case?id=%lld&done=fee", (long long)id));
	case DB_NONE:
		return reply_error(r, 409, why ? why : "没有核定收费。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /case/fee-paid: id, receipt.  The window clerk confirms that the
 * fee is paid, with the receipt's number (FEE-1); audited.
 */
int
page_int_fee_paid(struct req *r)
{
	const char	*why;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case(r, &id)) != 0)
		return rc;
	switch (case_fee_confirm(r->db, r->pool, id, &r->user,
	    form_get(r, "receipt"), &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/case?id=%lld&done=fee-paid", (long long)id));
	case DB_NONE:
		return reply_error(r, 409, why ? why : "没有确认缴费。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* A whole number from a form, lo..hi; -1 for anything else. */
static long
form_count(struct req *r, const char *name, long lo, long hi)
{
	const char	*v = form_get(r, name);
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0' || strlen(v) > 9 ||
	    (n = strtol(v, &end, 10)) < lo || *end != '\0' || n > hi)
		return -1;
	return n;
}

/*
 * The answer to a POST about the case's paper (DOC-3): back to the case
 * with done, 409 with why, or 500.
 */
static int
papered(struct req *r, const struct kase *k, enum db_rc rc,
    const char *done, const char *why)
{
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/case?id=%lld&done=%s#paper-title", (long long)k->id,
		    done));
	case DB_NONE:
		return reply_error(r, 409, why != NULL ? why :
		    "纸质材料没有登记，请刷新后再试。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* POST /case/paper: id, what, copies, pages (DOC-3). */
int
page_int_paper_add(struct req *r)
{
	struct kase	 k;
	enum db_rc	 drc;
	int64_t		 id;
	const char	*why = NULL;
	long		 copies, pages;
	int		 rc;

	if ((rc = own_case_read(r, &id, &k)) != 0)
		return rc;
	if ((copies = form_count(r, "copies", 1, PAPER_COPIES_MAX)) < 0)
		return reply_error(r, 422, "份数应为 1 到 999 的整数。");
	if ((pages = form_count(r, "pages", 0, PAPER_PAGES_MAX)) < 0)
		return reply_error(r, 422, "页数应为 0 到 99999 的整数（样品等"
		    "没有页数的填 0）。");
	drc = paper_add(r->db, r->pool, &k, &r->user,
	    form_text(r, "what"), (int)copies, (int)pages, &why);
	return papered(r, &k, drc, "paper", why);
}

/*
 * POST /case/paper/hand (paper, to: a staff id or "archive", note),
 * /case/paper/receive (paper) and /case/paper/retain (paper, note), each
 * with the case's id; done names which.
 */
static int
paper_one(struct req *r, const char *done)
{
	struct kase	 k;
	enum db_rc	 drc;
	int64_t		 id;
	const char	*why = NULL, *to;
	long		 paper, whom = 0;
	int		 rc;

	if ((rc = own_case_read(r, &id, &k)) != 0)
		return rc;
	if ((paper = form_count(r, "paper", 1, 2147483647)) < 0)
		return reply_error(r, 400, "纸质材料编号不正确。");
	if (strcmp(done, "paper-hand") == 0) {
		to = form_get(r, "to");
		if (to == NULL || (strcmp(to, "archive") != 0 &&
		    (whom = form_count(r, "to", 1, 2147483647)) < 0))
			return reply_error(r, 422, "请选择接收人，或档案室。");
		drc = paper_hand(r->db, r->pool, &k, &r->user, paper, whom,
		    form_text(r, "note"), &why);
	} else if (strcmp(done, "paper-receive") == 0)
		drc = paper_receive(r->db, r->pool, &k, &r->user, paper, &why);
	else
		drc = paper_retain(r->db, r->pool, &k, &r->user, paper,
		    form_text(r, "note"), &why);
	return papered(r, &k, drc, done, why);
}

int
page_int_paper_hand(struct req *r)
{
	return paper_one(r, "paper-hand");
}

int
page_int_paper_receive(struct req *r)
{
	return paper_one(r, "paper-receive");
}

int
page_int_paper_retain(struct req *r)
{
	return paper_one(r, "paper-retain");
}

/*
 * GET /file?id=…&seq=…: an attachment of a case of the user's department.
 */
int
page_int_file(struct req *r)
{
	struct kase	 k;
	const char	*v;
	int64_t		 id;
	size_t		 i;
	long		 seq;

	if (case_id(r, &id) == -1 || (v = form_get(r, "seq")) == NULL ||
	    (seq = strtol(v, NULL, 10)) <= 0)
		return reply_error(r, 400, NULL);
	if (case_get(r->db, r->pool, id, &k) != DB_OK)
		return reply_error(r, 404, NULL);
	/* A supervisor reads every case's materials (SUP-3). */
	if (!flow_involves(&k, &r->user) &&
	    !(r->user.roles & ROLE_SUPERVISOR))
		return reply_error(r, 403, "这个办件不属于您的部门。");
	for (i = 0; i < k.natts; i++)
		if (k.atts[i].material_seq == seq)
			break;
	if (i == k.natts)
		return reply_error(r, 404, "没有这份材料。");
	/* Only values the import validated: a type attachments may have,
	 * and a digest (files_path() refuses anything else). */
	if (!vocab_in(files_material, k.atts[i].mime)) {
		log_err("case %lld: attachment %ld is of a type no attachment "
		    "may have", (long long)id, seq);
		return reply_error(r, 500, "这份材料的记录有误，请联系系统管理员。");
	}
	return reply_file(r, files_path(r->cfg->files_dir, k.atts[i].sha256,
	    r->pool), k.atts[i].mime,
	    pool_printf(r->pool, "%s-%ld.%s", k.app_no, seq,
	    strcmp(k.atts[i].mime, "image/jpeg") == 0 ? "jpg" :
	    strcmp(k.atts[i].mime, "image/png") == 0 ? "png" : "pdf"));
}

/*
 * GET /doc?no=…: a document issued on a case the user's department acts
 * on.  Authorised through its case, by department code (SEC-2, F9): the
 * name a document prints is not unique, two departments may share it.
 */
int
page_int_doc(struct req *r)
{
	struct doc	 d;
	struct kase	 k;
	struct seal_view v;
	const char	*no;
	int64_t		 id;
	enum db_rc	 rc;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > 60)
		return reply_error(r, 400, "文书编号格式不正确。");
	switch (doc_get(r->db, r->pool, no, &d)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这份文书。");
	default:
		return reply_error(r, 500, NULL);
	}
	if ((rc = case_id_of(r->db, r->pool, d.app_no, &id)) == DB_OK)
		rc = case_get(r->db, r->pool, id, &k);
	if (rc == DB_NONE)
		return reply_error(r, 404, "没有找到这份文书。");
	if (rc != DB_OK)
		return reply_error(r, 500, NULL);
	/* A supervisor reads every case's documents (SUP-3). */
	if (!flow_involves(&k, &r->user) &&
	    !(r->user.roles & ROLE_SUPERVISOR))
		return reply_error(r, 403, "这份文书不属于您的部门。");
	if (view_doc(r, &d) == -1 ||
	    docseal_view(r->db, r->pool, no, &v) != DB_OK)
		return reply_error(r, 500, NULL);
	view_seal(r, &v);
	/* The intranet's copy names who signed it (a deputy with both
	 * names, INT-7); the applicant's names the department only. */
	hdf_set(r, "Doc.internal", "1");
	return render(r, "doc/notice.cs");
}
