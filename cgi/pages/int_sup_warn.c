/*
 * int_sup_warn.c: the warnings of electronic supervision (SUP-1, SUP-2):
 * both insert-only ledgers on one page, and the rules that write them.
 * Supervisors and observers read; nothing here changes anything.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anomaly.h"
#include "org.h"
#include "pages.h"
#include "vocab.h"

/* The name of a rule key as stored in either ledger. */
static const char *
rule_name(const char *key)
{
	const struct anomaly_rule	*r;

	if (key != NULL && strcmp(key, ANOMALY_DEADLINE_KEY) == 0)
		return ANOMALY_DEADLINE_NAME;
	return (r = anomaly_rule_find(key)) != NULL ? r->name : key;
}

/* The filters and the page key from the query; a sentence when one of
 * them is not what the page's own form and links send, else NULL. */
static const char *
warn_query(struct req *r, struct anomaly_query *q)
{
	const char	*id, *why;
	char		*end;

	memset(q, 0, sizeof(*q));
	q->rule = form_get(r, "rule");
	q->dept = form_get(r, "dept");
	q->from = form_get(r, "from");
	q->to = form_get(r, "to");
	if (q->rule != NULL && strcmp(q->rule, ANOMALY_DEADLINE_KEY) != 0 &&
	    anomaly_rule_find(q->rule) == NULL)
		return "请从列表中选择预警规则。";
	if (q->dept != NULL && !vocab_code_valid(q->dept, ORG_CODE_MAX))
		return "请从列表中选择部门。";
	if ((why = view_days(r, "预警日期", q->from, q->to)) != NULL)
		return why;
	q->after_at = form_get(r, "after_at");
	q->after_src = form_get(r, "after_src");
	id = form_get(r, "after_id");
	if ((q->after_at == NULL) != (id == NULL) ||
	    (q->after_at == NULL) != (q->after_src == NULL))
		return "翻页链接不完整，请回到第一页。";
	if (q->after_at == NULL)
		return NULL;
	errno = 0;
	q->after_id = strtoll(id, &end, 10);
	if (errno != 0 || *end != '\0' || q->after_id <= 0 ||
	    (strcmp(q->after_src, "a") != 0 &&
	    strcmp(q->after_src, "d") != 0) || !view_key_time(r, q->after_at))
		return "翻页链接不正确，请回到第一页。";
	return NULL;
}

/*
 * GET /sup/warnings?rule=&dept=&from=&to=[&after_at=&after_src=&after_id=]
 * Every warning of both ledgers, newest first, a page at a time by key.
 */
int
page_sup_warnings(struct req *r)
{
	struct anomaly_query	 q;
	struct anomaly_page	 pg;
	const struct anomaly_row *w;
	const char		*why;
	size_t			 i;
	char			*p;

	why = warn_query(r, &q);
	hdf_set(r, "Page.Title", "预警记录");
	hdf_set(r, "Filter.from", q.from);
	hdf_set(r, "Filter.to", q.to);
	hdf_put(r, "Rules.0", "key", ANOMALY_DEADLINE_KEY);
	hdf_put(r, "Rules.0", "name", ANOMALY_DEADLINE_NAME);
	for (i = 0; i < nanomaly_rules; i++) {
		p = pool_printf(r->pool, "Rules.%zu", i + 1);
		hdf_put(r, p, "key", anomaly_rules[i].key);
		hdf_put(r, p, "name", anomaly_rules[i].name);
	}
	if (q.rule != NULL)
		hdf_set(r, "Filter.rule", q.rule);
	if (view_dept_options(r, q.dept) == -1)
		return reply_error(r, 500, NULL);
	if (q.dept != NULL)
		hdf_set(r, "Filter.dept", q.dept);
	if (why != NULL) {
		r->status = 422;
		hdf_set(r, "Form.Error", why);
		return render(r, "int/sup_warnings.cs");
	}
	if (anomaly_list(r->db, r->pool, &q, &pg) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < pg.n; i++) {
		w = &pg.rows[i];
		p = pool_printf(r->pool, "Rows.%zu", i);
		hdf_put(r, p, "src", w->src);
		hdf_put(r, p, "rule", w->rule);
		hdf_put(r, p, "rule_name", rule_name(w->rule));
		hdf_put(r, p, "why", w->why);
		hdf_put(r, p, "app_no", w->app_no);
		hdf_putf(r, p, "case_id", "%lld", (long long)w->case_id);
		hdf_put(r, p, "dept", w->dept_name);
		hdf_put(r, p, "at", w->at_local);
	}
	if (q.after_at != NULL)
		hdf_set(r, "Filter.paged", "1");
	if (pg.more) {
		w = &pg.rows[pg.n - 1];
		hdf_set(r, "Next.at", w->at);
		hdf_set(r, "Next.src", w->src);
		hdf_setf(r, "Next.id", "%lld", (long long)w->id);
	}
	return render(r, "int/sup_warnings.cs");
}

/* GET /sup/rules: what each rule checks and why. */
int
page_sup_rules(struct req *r)
{
	size_t	 i;
	char	*p;

	for (i = 0; i < nanomaly_rules; i++) {
		p = pool_printf(r->pool, "Rules.%zu", i);
		hdf_put(r, p, "key", anomaly_rules[i].key);
		hdf_put(r, p, "name", anomaly_rules[i].name);
		hdf_put(r, p, "about", anomaly_rules[i].about);
	}
	hdf_set(r, "Deadline.key", ANOMALY_DEADLINE_KEY);
	hdf_set(r, "Deadline.name", ANOMALY_DEADLINE_NAME);
	hdf_set(r, "Page.Title", "预警规则");
	return render(r, "int/sup_rules.cs");
}
