/*
 * int_sup.c: electronic supervision (电子监察, SUP-3, SUP-7): the
 * supervisors' and observers' pages on the intranet: the county at a
 * glance (/sup), the cases behind each number (/sup/cases), any case's
 * full record (/sup/case) and the staff's operations (/sup/ops).  They
 * read; nothing here changes a case, and no page has a form that would.
 *
 * Observers (特邀监督员) see what supervisors see with the applicants'
 * names, ID numbers and mobiles masked (view_person, view_mask); staff
 * names stay, as they act in public office (docs/security.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "deadline.h"
#include "exchange.h"
#include "pages.h"
#include "route.h"
#include "supervision.h"
#include "vocab.h"

/* How many of the oldest open cases the dashboard names. */
#define OLDEST_SHOWN	10

/*
 * Observers (SUP-7) may look at anything the supervision pages show, and
 * every look is audited: the page as object, the method and the query as
 * asked as detail (bytes outside printable ASCII as '?': a browser sends
 * the query percent-encoded, and the trail is text).
 */
int
route_observed(struct req *r)
{
	const char	*qs = request_param(r, "QUERY_STRING");
	char		*what;
	size_t		 i;

	what = pool_printf(r->pool, "%s %s", r->method, qs ? qs : "");
	for (i = 0; what[i] != '\0'; i++)
		if ((unsigned char)what[i] < 0x20 ||
		    (unsigned char)what[i] > 0x7e)
			what[i] = '?';
	if (db_begin(r->db) != DB_OK)
		return -1;
	if (audit_add(r->db, r->pool, r->user.login, "sup.observe", r->path,
	    what) != DB_OK || db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

/* What every supervision page says of the user: Sup.observer when names
 * and numbers are masked for them. */
static void
sup_common(struct req *r, const char *title)
{
	if (view_observer(r))
		hdf_set(r, "Sup.observer", "1");
	hdf_set(r, "Page.Title", title);
}

/* Counts of one row of a dashboard table. */
struct tally {
	int64_t		 n, red, yellow, green, red_today;
};

static void
tally_add(struct tally *t, const struct sup_open *o)
{
	t->n += o->n;
	t->red += o->red;
	t->yellow += o->yellow;
	t->green += o->green;
}

/* p.{n,red,yellow,green,red_today} */
static void
view_tally(struct req *r, const char *p, const struct tally *t)
{
	hdf_putf(r, p, "n", "%lld", (long long)t->n);
	hdf_putf(r, p, "red", "%lld", (long long)t->red);
	hdf_putf(r, p, "yellow", "%lld", (long long)t->yellow);
	hdf_putf(r, p, "green", "%lld", (long long)t->green);
	hdf_putf(r, p, "red_today", "%lld", (long long)t->red_today);
}

/* The index of department code in v[0..n), or n. */
static size_t
dept_at(const struct sup_dept *v, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n && code != NULL; i++)
		if (strcmp(v[i].code, code) == 0)
			return i;
	return n;
}

/* The hall key of a department: its hall's code, or "none". */
static const char *
hall_key(const struct sup_dept *d)
{
	return d->hall_code != NULL ? d->hall_code : "none";
}

/* The light and the words of deadline due on day today of c: p.{due,
 * light,due_text}. */
static void
view_light(struct req *r, const char *p, const struct calendar *c,
    cal_day today, const char *due)
{
	enum light	 l;
	cal_day		 d;
	int		 days;

	if (due == NULL || cal_day_parse(due, &d) == -1)
		return;
	l = deadline_light(c, today, d, &days);
	hdf_put(r, p, "due", due);
	hdf_put(r, p, "light", deadline_light_word(l));
	hdf_put(r, p, "due_text", deadline_text(r->pool, l, days));
}

/* A case row of a list: p.{id,app_no,item_name,applicant_name,state,
 * state_label,dept_name,received_at,due,light,due_text}. */
static void
view_sup_case(struct req *r, const char *p, const struct sup_case *k,
    const struct sup_dept *dv, size_t dn, const struct calendar *c,
    cal_day today)
{
	size_t	 i = dept_at(dv, dn, k->dept_code);

	hdf_putf(r, p, "id", "%lld", (long long)k->id);
	hdf_put(r, p, "app_no", k->app_no);
	hdf_put(r, p, "item_name", k->item_name);
	hdf_put(r, p, "applicant_name", view_person(r, k->applicant_name));
	hdf_put(r, p, "state", k->state);
	hdf_put(r, p, "state_label", flow_state_label(k->state));
	hdf_put(r, p, "dept_name", i < dn ? dv[i].name : k->dept_code);
	hdf_put(r, p, "received_at", k->received_at);
	view_light(r, p, c, today, k->due);
}

/*
 * GET /sup: the county at a glance (SUP-3): open cases by state and by
 * light, today's new red lights, the oldest open cases, and the same
 * counts by department and by service hall; every number links to its
 * cases.  From the summary of open cases and two indexes (db/110).
 */
int
page_sup_home(struct req *r)
{
	struct calendar	 cal;
	struct sup_open	*ov;
	struct sup_count *rv;
	struct sup_dept	*dv;
	struct sup_case	*kv;
	struct tally	*byst, *bydept, *byhall, all;
	size_t		 on, rn, dn, kn, i, j, s, nst, nh = 0;
	const char	**halls;
	cal_day		 today = cal_day_of(clock_now());
	char		*p;

	if (calendar_get(r->db, r->pool, &cal) != DB_OK ||
	    sup_depts(r->db, r->pool, &dv, &dn) != DB_OK ||
	    sup_open_counts(r->db, r->pool, &cal, today, &ov, &on) != DB_OK ||
	    sup_red_today(r->db, r->pool, today, &rv, &rn) != DB_OK ||
	    sup_oldest(r->db, r->pool, OLDEST_SHOWN, &kv, &kn) != DB_OK)
		return reply_error(r, 500, NULL);
	for (nst = 0; sup_open_states[nst] != NULL; nst++)
		continue;
	byst = pool_alloc(r->pool, nst * sizeof(*byst));
	memset(byst, 0, nst * sizeof(*byst));
	/* One more than the departments: a case of a department since
	 * removed (there is none; a count never goes missing). */
	bydept = pool_alloc(r->pool, (dn + 1) * sizeof(*bydept));
	memset(bydept, 0, (dn + 1) * sizeof(*bydept));
	byhall = pool_alloc(r->pool, (dn + 1) * sizeof(*byhall));
	memset(byhall, 0, (dn + 1) * sizeof(*byhall));
	halls = pool_alloc(r->pool, (dn + 1) * sizeof(*halls));
	memset(&all, 0, sizeof(all));
	for (i = 0; i < on; i++) {
		for (s = 0; s < nst; s++)
			if (strcmp(sup_open_states[s], ov[i].state) == 0)
				tally_add(&byst[s], &ov[i]);
		tally_add(&bydept[dept_at(dv, dn, ov[i].dept_code)], &ov[i]);
		tally_add(&all, &ov[i]);
	}
	for (i = 0; i < rn; i++) {
		bydept[dept_at(dv, dn, rv[i].key)].red_today += rv[i].n;
		all.red_today += rv[i].n;
	}
	view_tally(r, "All", &all);
	for (s = 0; s < nst; s++) {
		p = pool_printf(r->pool, "States.%zu", s);
		hdf_put(r, p, "state", sup_open_states[s]);
		hdf_put(r, p, "label", flow_state_label(sup_open_states[s]));
		view_tally(r, p, &byst[s]);
	}
	/* Departments, and their halls in the order first met. */
	for (i = j = 0; i < dn; i++) {
		const char *h = hall_key(&dv[i]);
		size_t k;

		for (k = 0; k < nh && strcmp(halls[k], h) != 0; k++)
			continue;
		if (k == nh) {
			halls[nh++] = h;
			p = pool_printf(r->pool, "Halls.%zu", k);
			hdf_put(r, p, "code", h);
			hdf_put(r, p, "name", dv[i].hall_name ?
			    dv[i].hall_name : "未入驻服务大厅");
		}
		byhall[k].n += bydept[i].n;
		byhall[k].red += bydept[i].red;
		byhall[k].yellow += bydept[i].yellow;
		byhall[k].green += bydept[i].green;
		byhall[k].red_today += bydept[i].red_today;
		/* A department with nothing open and no red today is not
		 * watched today: left out of the table. */
		if (bydept[i].n == 0 && bydept[i].red_today == 0)
			continue;
		p = pool_printf(r->pool, "Depts.%zu", j++);
		hdf_put(r, p, "code", dv[i].code);
		hdf_put(r, p, "name", dv[i].name);
		hdf_put(r, p, "hall_name", dv[i].hall_name);
		view_tally(r, p, &bydept[i]);
	}
	for (i = 0; i < nh; i++)
		view_tally(r, pool_printf(r->pool, "Halls.%zu", i),
		    &byhall[i]);
	for (i = 0; i < kn; i++)
		view_sup_case(r, pool_printf(r->pool, "Oldest.%zu", i), &kv[i],
		    dv, dn, &cal, today);
	hdf_set(r, "Today", cal_day_str(r->pool, today));
	sup_common(r, "电子监察");
	return render(r, "int/sup_home.cs");
}

/* A keyset from a link this page wrote: at "YYYY-MM-DD HH:MM:SS" (UTC)
 * and a positive id; 0, or -1 when malformed. */
static int
keyset(struct req *r, const char *at_name, const char *id_name,
    const char **at, int64_t *id)
{
	const char	*a = form_get(r, at_name), *v = form_get(r, id_name);
	cal_day		 d;
	char		*end;
	int		 y, mo, dd, h, mi, se, len = 0;

	*at = NULL;
	*id = 0;
	if (a == NULL && v == NULL)
		return 0;
	if (a == NULL || v == NULL)
		return -1;
	errno = 0;
	*id = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || *id <= 0 || strlen(a) != 19 ||
	    sscanf(a, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &dd, &h, &mi,
	    &se, &len) != 6 || len != 19 ||
	    cal_day_parse(pool_printf(r->pool, "%.10s", a), &d) == -1 ||
	    h > 23 || mi > 59 || se > 59)
		return -1;
	*at = a;
	return 0;
}

/*
 * GET /sup/cases?dept=&hall=&state=&light=&warned=[&after_at=&after_id=]:
 * the cases behind a number of the dashboard: the open ones, oldest
 * received first, of a department (code) or a service hall (code, or
 * "none"), in a state, with a light; or (warned=YYYY-MM-DD) those warned
 * of a missed deadline that day.  SUP_PAGE a page, by key.
 */
int
page_sup_cases(struct req *r)
{
	struct calendar	 cal;
	struct sup_query q;
	struct sup_page	 pg;
	struct sup_dept	*dv;
	const char	*light = form_get(r, "light"), *what;
	size_t		 dn, i, k = 0;
	cal_day		 today = cal_day_of(clock_now()), wd;

	memset(&q, 0, sizeof(q));
	q.dept = form_get(r, "dept");
	q.hall = form_get(r, "hall");
	q.state = form_get(r, "state");
	q.warned = form_get(r, "warned");
	if (calendar_get(r->db, r->pool, &cal) != DB_OK ||
	    sup_depts(r->db, r->pool, &dv, &dn) != DB_OK)
		return reply_error(r, 500, NULL);
	if (q.dept != NULL && (k = dept_at(dv, dn, q.dept)) == dn)
		return reply_error(r, 404, "没有这个部门。");
	if (q.hall != NULL) {
		for (i = 0; i < dn && strcmp(hall_key(&dv[i]), q.hall) != 0;
		    i++)
			continue;
		if (i == dn)
			return reply_error(r, 404, "没有这个服务大厅。");
		hdf_set(r, "Filter.hall_name", dv[i].hall_name ?
		    dv[i].hall_name : "未入驻服务大厅");
		/* No hall: departments whose hall_code is NULL (db/110). */
		if (strcmp(q.hall, "none") == 0)
			q.hall = "";
	}
	if (q.state != NULL && (q.warned != NULL ?
	    vocab_state_label(q.state) == NULL :
	    !vocab_in(sup_open_states, q.state)))
		return reply_error(r, 422, "请从监察首页的表格中选择办件状态。");
	if (light != NULL &&
	    (q.light = deadline_light_of(light)) == LIGHT_NONE)
		return reply_error(r, 422, "亮灯颜色只能是红灯、黄灯或绿灯。");
	if (q.warned != NULL && cal_day_parse(q.warned, &wd) == -1)
		return reply_error(r, 422, "日期格式不正确，请写成 2026-09-30 "
		    "这样的日期。");
	if (keyset(r, "after_at", "after_id", &q.after_at, &q.after_id) ==
	    -1)
		return reply_error(r, 400, "翻页链接不正确，请回到第一页。");
	if (sup_cases(r->db, r->pool, &q, &cal, today, &pg) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < pg.n; i++)
		view_sup_case(r, pool_printf(r->pool, "Cases.%zu", i),
		    &pg.cases[i], dv, dn, &cal, today);
	if (pg.next_at != NULL) {
		hdf_set(r, "Next.at", pg.next_at);
		hdf_setf(r, "Next.id", "%lld", (long long)pg.next_id);
	}
	if (q.after_at != NULL)
		hdf_set(r, "Filter.paged", "1");
	/* The filters as given, for the heading and the next page. */
	hdf_set(r, "Filter.dept", q.dept);
	if (q.dept != NULL)
		hdf_set(r, "Filter.dept_name", dv[k].name);
	hdf_set(r, "Filter.hall", form_get(r, "hall"));
	hdf_set(r, "Filter.state", q.state);
	if (q.state != NULL)
		hdf_set(r, "Filter.state_label", flow_state_label(q.state));
	hdf_set(r, "Filter.light", deadline_light_word(q.light));
	hdf_set(r, "Filter.warned", q.warned);
	what = q.warned != NULL ? pool_printf(r->pool, "%s 亮红灯的办件",
	    q.warned) : "在办件";
	sup_common(r, what);
	hdf_set(r, "Page.what", what);
	return render(r, "int/sup_cases.cs");
}

/*
 * GET /sup/case?id=N: any department's case, its full record read-only
 * (SUP-3, INT-13): what /case shows (view_case_record), its warnings of
 * missed deadlines, and what crossed the gap about it either way, in time
 * order, with the bundle of each (db/112, db/141); no action.
 */
int
page_sup_case(struct req *r)
{
	struct kase	 k;
	struct deadline_warning *wv;
	struct sup_xchg	*xv;
	const char	*v = form_get(r, "id");
	char		*end, *p;
	size_t		 wn, xn, i;
	int64_t		 id;
	cal_day		 today;
	int		 unpaid;

	errno = 0;
	if (v == NULL || (id = strtoll(v, &end, 10)) <= 0 || *end != '\0' ||
	    errno != 0)
		return reply_error(r, 400, "办件编号不正确。");
	switch (case_get(r->db, r->pool, id, &k)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个办件。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (view_case_record(r, &k, &today, &unpaid) == -1 ||
	    deadline_warnings(r->db, r->pool, id, 100, &wv, &wn) != DB_OK ||
	    sup_case_exchange(r->db, r->pool, k.app_no, &xv, &xn) != DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Case.dept_name", k.item.dept_name);
	hdf_set(r, "Case.Fee.unpaid", unpaid ? "1" : "0");
	for (i = 0; i < wn; i++) {
		p = pool_printf(r->pool, "Warnings.%zu", i);
		hdf_put(r, p, "at", wv[i].at);
		hdf_put(r, p, "step_name", wv[i].step_name);
		hdf_put(r, p, "holders", wv[i].holders);
		hdf_put(r, p, "due_date", wv[i].due_date);
		hdf_putf(r, p, "days_late", "%d", wv[i].days_late);
	}
	/* Kinds, times and bundles: nothing of the applicant's, the same
	 * for observers. */
	for (i = 0; i < xn; i++) {
		p = pool_printf(r->pool, "Exchange.%zu", i);
		hdf_put(r, p, "dir", xv[i].in ? "in" : "out");
		hdf_put(r, p, "kind", xv[i].kind);
		hdf_put(r, p, "label", xv[i].label);
		hdf_put(r, p, "at", xv[i].at);
		if (xv[i].aside)
			hdf_put(r, p, "aside", "1");
		if (xv[i].seq > 0)
			hdf_putf(r, p, "seq", "%lld", (long long)xv[i].seq);
		hdf_put(r, p, "hash", xv[i].hash);
		hdf_put(r, p, "bundle_at", xv[i].bundle_at);
	}
	/* Supervisors open the documents and materials (/doc, /file);
	 * observers read the list only: they carry personal data. */
	if (!view_observer(r))
		hdf_set(r, "Sup.open_files", "1");
	sup_common(r, pool_printf(r->pool, "办件 %s（监察）", k.app_no));
	return render(r, "int/sup_case.cs");
}

/*
 * GET /sup/ops?staff=&dept=&day=[&before_at=&before_id=]: the business
 * operations of the intranet's staff (SUP-3; db/111), newest first, by
 * person (login), department (code) and Beijing day: who did what to which
 * case, when, from which address ("—" where none was recorded).  The
 * security audit trail stays the audit administrator's (SEC-3).
 */
int
page_sup_ops(struct req *r)
{
	struct staff_op_query q;
	struct staff_op_page pg;
	struct sup_dept	*dv;
	size_t		 dn, i, k;
	cal_day		 d;
	char		*p;

	memset(&q, 0, sizeof(q));
	q.staff = form_get(r, "staff");
	q.dept = form_get(r, "dept");
	q.day = form_get(r, "day");
	if (sup_depts(r->db, r->pool, &dv, &dn) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < dn; i++) {
		p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", dv[i].code);
		hdf_put(r, p, "name", dv[i].name);
		if (q.dept != NULL && strcmp(q.dept, dv[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	hdf_set(r, "Filter.staff", q.staff);
	hdf_set(r, "Filter.day", q.day);
	hdf_set(r, "Filter.dept", q.dept);
	sup_common(r, "操作监察");
	if (q.staff != NULL && !vocab_code_valid(q.staff, 40)) {
		r->status = 422;
		hdf_set(r, "Form.Error", "工作人员请填写其登录名（字母和数字）。");
		return render(r, "int/sup_ops.cs");
	}
	if (q.dept != NULL && dept_at(dv, dn, q.dept) == dn) {
		r->status = 422;
		hdf_set(r, "Form.Error", "请从列表中选择部门。");
		return render(r, "int/sup_ops.cs");
	}
	if (q.day != NULL && cal_day_parse(q.day, &d) == -1) {
		r->status = 422;
		hdf_set(r, "Form.Error", "日期格式不正确，请写成 2026-09-30 这样"
		    "的日期。");
		return render(r, "int/sup_ops.cs");
	}
	if (keyset(r, "before_at", "before_id", &q.before_at,
	    &q.before_id) == -1)
		return reply_error(r, 400, "翻页链接不正确，请回到第一页。");
	if (staff_ops(r->db, r->pool, &q, &pg) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < pg.n; i++) {
		const struct staff_op *o = &pg.ops[i];

		p = pool_printf(r->pool, "Ops.%zu", i);
		hdf_put(r, p, "at", o->at);
		hdf_put(r, p, "login", o->login);
		hdf_put(r, p, "staff_name", o->staff_name);
		k = dept_at(dv, dn, o->dept_code);
		hdf_put(r, p, "dept_name", k < dn ? dv[k].name : o->dept_code);
		hdf_put(r, p, "kind", o->kind);
		hdf_put(r, p, "kind_label", staff_op_kind_label(o->kind));
		hdf_put(r, p, "label", o->label);
		if (o->case_id > 0)
			hdf_putf(r, p, "case_id", "%lld",
			    (long long)o->case_id);
		hdf_put(r, p, "app_no", o->app_no);
		/* An observer sees the network, not the machine. */
		hdf_put(r, p, "addr", o->addr == NULL ? "—" :
		    view_observer(r) ? view_mask(r, o->addr,
		    strcspn(o->addr, ".:") + 1, 0) : o->addr);
	}
	if (pg.next_at != NULL) {
		hdf_set(r, "Next.at", pg.next_at);
		hdf_setf(r, "Next.id", "%lld", (long long)pg.next_id);
	}
	if (q.before_at != NULL)
		hdf_set(r, "Filter.paged", "1");
	return render(r, "int/sup_ops.cs");
}
