/*
 * int_complaint.c: complaint handling (投诉处理, SUP-5) on the intranet.
 * Supervisors (电子监察员) assign, investigate, reply and close; observers
 * (特邀监督员, SUP-7) read the same pages with the complainant's name, ID
 * number and phone masked, and no form.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "complaint.h"
#include "deadline.h"
#include "pages.h"
#include "text.h"
#include "vocab.h"

/* The light of complaint c's present stage on the calendar today. */
static enum light
cmp_light(const struct calendar *cal, cal_day today,
    const struct complaint *c, int *days)
{
	const char	*due = cmp_due(c);
	cal_day		 d;

	*days = 0;
	if (due == NULL || cal_day_parse(due, &d) == -1)
		return LIGHT_NONE;
	return deadline_light(cal, today, d, days);
}

/* p.{due,light,due_text} of complaint c. */
static enum light
view_light(struct req *r, const char *p, const struct calendar *cal,
    cal_day today, const struct complaint *c)
{
	enum light	 l;
	int		 days;

	if ((l = cmp_light(cal, today, c, &days)) == LIGHT_NONE)
		return l;
	hdf_put(r, p, "due", cmp_due(c));
	hdf_put(r, p, "light", deadline_light_word(l));
	hdf_put(r, p, "due_text", deadline_text(r->pool, l, days));
	return l;
}

/* What a complaint is about, in a line. */
static const char *
object_of(struct req *r, const struct complaint *c)
{
	if (strcmp(c->about, "case") == 0)
		return pool_printf(r->pool, "办件 %s", c->app_no);
	if (strcmp(c->about, "dept") == 0)
		return pool_printf(r->pool, "部门 %s", c->dept_name);
	return *c->dept_name ? pool_printf(r->pool, "工作人员 %s（%s）",
	    c->person, c->dept_name) : pool_printf(r->pool, "工作人员 %s",
	    c->person);
}

/*
 * GET /sup/complaints?f=open|overdue|closed|all&state=S&light=L&before=ID:
 * the complaints, newest first, a page at a time (before: the id the page
 * starts before); f the tab (overdue: the open ones with a red light),
 * state one stage, light the open ones of that light today.  The counts
 * of the tabs are the open complaints' per state and per light.  Each
 * list and count is an index read (cmp_page, cmp_counts; db/156).
 */
int
page_sup_complaints(struct req *r)
{
	static const char *const filters[] = { "open", "overdue", "closed",
	    "all" };
	static const char *const state_tabs[] = { "待受理", "已交办",
	    "调查中", "已答复" };
	struct cmp_query	 q;
	struct cmp_page		 pg;
	struct cmp_counts	 cn;
	struct calendar		 cal;
	const char		*f = form_get(r, "f");
	const char		*light = form_get(r, "light");
	cal_day			 today = cal_day_of(clock_now());
	char			*p;
	size_t			 i, k;

	memset(&q, 0, sizeof(q));
	for (k = 0; f != NULL && k < 4 && strcmp(f, filters[k]) != 0; k++)
		;
	if (f == NULL)
		k = 0;
	else if (k == 4)
		return reply_error(r, 400, "筛选条件不正确：只能是未办结、已超期、"
		    "已办结或全部。");
	q.state = form_get(r, "state");
	if (q.state != NULL && !vocab_in(cmp_open_states, q.state) &&
	    strcmp(q.state, "closed") != 0)
		return reply_error(r, 400, "投诉状态不正确：只能是待受理、已交办、"
		    "调查中、已答复或已办结。");
	if (light != NULL &&
	    (q.light = deadline_light_of(light)) == LIGHT_NONE)
		return reply_error(r, 400, "亮灯颜色只能是红灯、黄灯或绿灯。");
	if (k == 1)
		q.light = LIGHT_RED;
	else if (k == 2 && q.state == NULL)
		q.state = "closed";
	q.all = k == 3;
	if (form_get(r, "before") != NULL &&
	    view_form_id(r, "before", &q.before) == -1)
		return reply_error(r, 400, "翻页链接不正确，请回到第一页。");
	if (calendar_get(r->db, r->pool, &cal) != DB_OK ||
	    cmp_page(r->db, r->pool, &q, &cal, today, &pg) != DB_OK ||
	    cmp_counts(r->db, r->pool, &cal, today, &cn) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < pg.n; i++) {
		p = pool_printf(r->pool, "Complaints.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)pg.v[i].id);
		hdf_put(r, p, "no", pg.v[i].no);
		hdf_put(r, p, "object", object_of(r, &pg.v[i]));
		hdf_put(r, p, "subject", pg.v[i].subject);
		hdf_put(r, p, "name", view_person(r, pg.v[i].name));
		hdf_put(r, p, "state_label", cmp_state_label(pg.v[i].state));
		hdf_put(r, p, "filed_at", pg.v[i].filed_at);
		hdf_put(r, p, "assignee", pg.v[i].assignee);
		(void)view_light(r, p, &cal, today, &pg.v[i]);
	}
	for (i = 0; i < CMP_OPEN_STATES; i++) {
		p = pool_printf(r->pool, "States.%zu", i);
		hdf_put(r, p, "state", cmp_open_states[i]);
		hdf_put(r, p, "label", state_tabs[i]);
		hdf_putf(r, p, "n", "%lld", (long long)cn.state[i]);
	}
	if (pg.next != 0)
		hdf_setf(r, "Next.before", "%lld", (long long)pg.next);
	if (q.before != 0)
		hdf_set(r, "Filter.paged", "1");
	hdf_set(r, "Filter.f", filters[k]);
	hdf_set(r, "Filter.state", form_get(r, "state"));
	hdf_set(r, "Filter.light", k == 1 ? NULL :
	    deadline_light_word(q.light));
	hdf_setf(r, "Count.open", "%lld", (long long)cn.open);
	hdf_setf(r, "Count.red", "%lld", (long long)cn.red);
	hdf_setf(r, "Count.yellow", "%lld", (long long)cn.yellow);
	hdf_setf(r, "Count.green", "%lld", (long long)cn.green);
	hdf_set(r, "Page.Title", "投诉处理");
	return render(r, "int/sup_complaints.cs");
}

static int
cmp_id(struct req *r, int64_t *id)
{
	return view_form_id(r, "id", id);
}

/* GET /sup/complaint?id=N */
int
page_sup_complaint(struct req *r)
{
	struct complaint	 c;
	struct complaint_event	*ev;
	struct cmp_staff	*sv;
	struct calendar		 cal;
	const char		*done;
	char			*p;
	size_t			 nev, nsv, i;
	int64_t			 id;

	if (cmp_id(r, &id) == -1)
		return reply_error(r, 400, "投诉编号不正确。");
	switch (cmp_get(r->db, r->pool, id, &c, &ev, &nev)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这件投诉。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (calendar_get(r->db, r->pool, &cal) != DB_OK)
		return reply_error(r, 500, NULL);
	p = "Cmp";
	hdf_putf(r, p, "id", "%lld", (long long)c.id);
	hdf_put(r, p, "no", c.no);
	hdf_put(r, p, "about", cmp_about_label(c.about));
	hdf_put(r, p, "object", object_of(r, &c));
	hdf_put(r, p, "app_no", c.app_no);
	if (c.case_id > 0)
		hdf_putf(r, p, "case_id", "%lld", (long long)c.case_id);
	hdf_put(r, p, "dept_name", c.dept_name);
	hdf_put(r, p, "person", c.person);
	hdf_put(r, p, "subject", c.subject);
	hdf_put(r, p, "body", c.body);
	hdf_put(r, p, "name", view_person(r, c.name));
	hdf_put(r, p, "id_number", view_observer(r) ? view_mask(r,
	    c.id_number, 6, 4) : c.id_number);
	hdf_put(r, p, "phone", view_observer(r) ? view_mask(r, c.phone, 3,
	    4) : c.phone);
	hdf_put(r, p, "state", c.state);
	hdf_put(r, p, "state_label", cmp_state_label(c.state));
	hdf_put(r, p, "filed_at", c.filed_at);
	hdf_put(r, p, "accept_due", c.accept_due);
	hdf_put(r, p, "assignee", c.assignee);
	hdf_put(r, p, "assigned_at", c.assigned_at);
	hdf_put(r, p, "reply_due", c.reply_due);
	hdf_put(r, p, "reply", c.reply);
	hdf_put(r, p, "replied_at", c.replied_at);
	hdf_put(r, p, "close_due", c.close_due);
	hdf_put(r, p, "closed_at", c.closed_at);
	(void)view_light(r, p, &cal, cal_day_of(clock_now()), &c);
	for (i = 0; i < nev; i++) {
		p = pool_printf(r->pool, "Events.%zu", i);
		hdf_put(r, p, "at", ev[i].at);
		hdf_put(r, p, "actor", view_person(r, ev[i].actor));
		hdf_put(r, p, "action", ev[i].action);
		hdf_put(r, p, "note", ev[i].note);
	}
	/* The forms: a supervisor's, for the state the complaint is in. */
	if ((r->user.roles & ROLE_SUPERVISOR) != 0) {
		hdf_set(r, "May.act", "1");
		if (cmp_supervisors(r->db, r->pool, &sv, &nsv) != DB_OK)
			return reply_error(r, 500, NULL);
		for (i = 0; i < nsv; i++) {
			p = pool_printf(r->pool, "Supervisors.%zu", i);
			hdf_putf(r, p, "id", "%lld", (long long)sv[i].id);
			hdf_put(r, p, "name", sv[i].name);
			if (sv[i].id == (c.assignee_id ? c.assignee_id :
			    r->user.id))
				hdf_put(r, p, "selected", "1");
		}
	}
	hdf_setf(r, "Limits.reply_days", "%d", CMP_REPLY_DAYS);
	hdf_setf(r, "Limits.reply_days_max", "%d", CMP_REPLY_DAYS_MAX);
	hdf_setf(r, "Limits.note", "%d", CMP_NOTE_MAX);
	hdf_setf(r, "Limits.reply", "%d", CMP_REPLY_MAX);
	if ((done = form_get(r, "done")) != NULL) {
		if (strcmp(done, "assign") == 0)
			hdf_set(r, "Page.Notice", "已交办。");
		else if (strcmp(done, "investigate") == 0)
			hdf_set(r, "Page.Notice", "调查情况已记录。");
		else if (strcmp(done, "reply") == 0)
			hdf_set(r, "Page.Notice", "答复已发出，下次摆渡后投诉人"
			    "即可在外网看到。");
		else if (strcmp(done, "close") == 0)
			hdf_set(r, "Page.Notice", "投诉已办结。");
	}
	hdf_set(r, "Page.Title", pool_printf(r->pool, "投诉 %s", c.no));
	return render(r, "int/sup_complaint.cs");
}

/* Multi-line text field name of 1..max characters: NULL with *why. */
static const char *
take(struct req *r, const char *name, const char *label, size_t max,
    int optional, const char **why)
{
	const char	*v = form_text(r, name);
	enum text_rc	 trc;

	if (v == NULL || *v == '\0') {
		if (optional)
			return "";
		*why = pool_printf(r->pool, "请填写%s。", label);
		return NULL;
	}
	if ((trc = text_check(v, strlen(v), 1, max, 4 * max, TEXT_LINES)) ==
	    TEXT_LONG) {
		*why = pool_printf(r->pool, "%s太长，请控制在 %zu 字以内。",
		    label, max);
		return NULL;
	}
	if (trc != TEXT_OK) {
		*why = pool_printf(r->pool, "%s%s。", label, text_why(trc));
		return NULL;
	}
	return v;
}

/* The answer to an action on complaint id: rc and why as it returned
 * (why is read after the action ran: the callers call it first). */
static int
acted(struct req *r, int64_t id, const char *action, enum db_rc rc,
    const char *why)
{
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/sup/complaint?id=%lld&done=%s", (long long)id, action));
	case DB_NONE:
		return reply_error(r, why ? 409 : 404, why ? why :
		    "没有这件投诉。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* POST /sup/complaint/assign: id, to (a supervisor), days. */
int
page_sup_complaint_assign(struct req *r)
{
	const char	*d, *why = NULL;
	char		*end;
	int64_t		 id, who;
	long		 days;
	enum db_rc	 rc;

	if (cmp_id(r, &id) == -1)
		return reply_error(r, 400, "投诉编号不正确。");
	if (view_form_id(r, "to", &who) == -1)
		return reply_error(r, 422, "请选择调查人。");
	d = form_get(r, "days");
	days = d == NULL ? 0 : strtol(d, &end, 10);
	if (d == NULL || *end != '\0' || days < 1 ||
	    days > CMP_REPLY_DAYS_MAX)
		return reply_error(r, 422, pool_printf(r->pool, "答复期限应为 1 "
		    "到 %d 个工作日。", CMP_REPLY_DAYS_MAX));
	rc = cmp_assign(r->db, r->pool, &r->user, id, who, (int)days, &why);
	return acted(r, id, "assign", rc, why);
}

/* An action that takes one text: investigate, reply, close. */
typedef enum db_rc (*text_action)(struct db *, struct pool *,
    const struct user *, int64_t, const char *, const char **);

/* POST /sup/complaint/<action>: id and the text field name (label, at
 * most max characters, may be empty when optional). */
static int
post_text(struct req *r, const char *action, text_action fn,
    const char *name, const char *label, size_t max, int optional)
{
	const char	*text, *why = NULL;
	int64_t		 id;
	enum db_rc	 rc;

	if (cmp_id(r, &id) == -1)
		return reply_error(r, 400, "投诉编号不正确。");
	if ((text = take(r, name, label, max, optional, &why)) == NULL)
		return reply_error(r, 422, why);
	rc = fn(r->db, r->pool, &r->user, id, text, &why);
	return acted(r, id, action, rc, why);
}

/* POST /sup/complaint/investigate: id, note. */
int
page_sup_complaint_investigate(struct req *r)
{
	return post_text(r, "investigate", cmp_investigate, "note",
	    "调查情况", CMP_NOTE_MAX, 0);
}

/* POST /sup/complaint/reply: id, reply. */
int
page_sup_complaint_reply(struct req *r)
{
	return post_text(r, "reply", cmp_reply, "reply", "答复",
	    CMP_REPLY_MAX, 0);
}

/* POST /sup/complaint/close: id, note (optional). */
int
page_sup_complaint_close(struct req *r)
{
	return post_text(r, "close", cmp_close, "note", "办结说明",
	    CMP_NOTE_MAX, 1);
}
