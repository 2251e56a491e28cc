/*
 * flow.c: owns kase, case_event and opinion; writes document rows through
 * application.c.  The transition table below is the one place that says
 * who may move a case, where to, and what it issues.  The applicant's ID
 * number and mobile are sealed in kase (sealed.h), opened when a case is
 * loaded for the staff who may read it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "anomaly.h"
#include "calendar.h"
#include "chain.h"
#include "clock.h"
#include "deadline.h"
#include "docseal.h"
#include "delegation.h"
#include "exchange.h"
#include "fee.h"
#include "licence.h"
#include "flow.h"
#include "lifeevent.h"
#include "log.h"
#include "paper.h"
#include "pii.h"
#include "publish.h"
#include "sealed.h"
#include "sms.h"
#include "vocab.h"

#define STR_(x)		#x
#define STR(x)		STR_(x)
#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"

static int	 intake_step(const struct kase *, const struct user *);
static int	 fee_unpaid(struct db *, struct pool *, int64_t);

const struct transition flow_transitions[] = {
	{ "accept", "受理", AT_FIRST, NULL, "accept", NULL, 0 },
	{ "reject", "不予受理", AT_FIRST, "not_accepted", "reject", NULL, 1 },
	{ "sign", "签署意见", AT_MIDDLE, NULL, NULL, "either", 1 },
	{ "approve", "准予许可", AT_LAST, "approved", "approve", "agree", 0 },
	{ "deny", "不予许可", AT_LAST, "denied", "deny", "disagree", 1 },
	{ "return", "回退", AT_BACK, NULL, NULL, NULL, 1 },
};
const size_t nflow_transitions =
    sizeof(flow_transitions) / sizeof(flow_transitions[0]);

/* Every case query names the table kase k. */
#define CASE_COLS "k.id, k.app_no, k.source, k.item_id, k.item_code, " \
	"k.item_version, k.item_name, k.applicant_name, k.id_sealed, " \
	"k.mobile_sealed, k.remark, k.state, k.step_seq, " \
	LOCAL("k.submitted_at") \
	", " LOCAL("k.received_at") ", " DAY("k.intake_due") ", " \
	DAY("k.promised_due") ", " DAY("k.statutory_due") ", k.extended_days, " \
	"k.correct_asked_at IS NOT NULL, " LOCAL("k.corrected_at") \
	", k.paused_days"

static const char SQL_CASE_GET[] =
    "SELECT " CASE_COLS " FROM kase k WHERE k.id = ?";
static const char SQL_CASE_LOCK[] =
    "SELECT " CASE_COLS " FROM kase k WHERE k.id = ? FOR UPDATE";
/* The user's tasks, less those at which 回避 keeps them (flow_recused). */
static const char SQL_CASE_TODO[] =
    "SELECT " CASE_COLS " FROM kase k WHERE k.id IN (SELECT t.case_id "
    "FROM case_task t JOIN kase c ON c.id = t.case_id "
    "JOIN item i ON i.id = c.item_id "
    "WHERE (t.role & ?) <> 0 AND t.dept_code = ? AND NOT EXISTS ("
    "SELECT 1 FROM case_hand h JOIN item_step s ON s.item_id = c.item_id "
    "AND s.skey = h.step_key WHERE h.case_id = t.case_id "
    "AND h.staff_id = ? AND h.step_key <> t.step_key "
    "AND NOT (i.instant = 1 AND t.role = ? AND s.role = ?))) "
    "ORDER BY k.id LIMIT 200";
static const char SQL_HANDS[] =
    "SELECT staff_id, step_key FROM case_hand WHERE case_id = ?";
static const char SQL_HAND_ADD[] =
    "INSERT IGNORE INTO case_hand (case_id, staff_id, step_key) "
    "VALUES (?, ?, ?)";
static const char SQL_CASE_OF_APP[] =
    "SELECT id FROM kase WHERE app_no = ?";
static const char SQL_TOKENS_CLEAR[] =
    "DELETE FROM case_token WHERE case_id = ?";
static const char SQL_TOKEN_ADD[] =
    "INSERT INTO case_token (case_id, edge, tokens) VALUES (?, ?, ?)";
static const char SQL_TASK_DROP[] =
    "DELETE FROM case_task WHERE case_id = ? AND step_key = ?";
static const char SQL_TASK_ADD[] =
    "INSERT IGNORE INTO case_task (case_id, step_key, role, dept_code, "
    "since, due_date) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?)";
static const char SQL_TODAY[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-%d')";
/* The newest 50 cases acted on: read backwards from 136's indexes, deep
 * enough for 50 cases however many events each (a person's events in
 * one case are a handful), never over all their history. */
/* A page of them, before a case id (paged by key: issue #12). */
static const char SQL_CASE_DONE[] =
    "SELECT " CASE_COLS " FROM kase k JOIN (SELECT DISTINCT case_id FROM ("
    "(SELECT case_id FROM case_event WHERE staff_id = ? AND case_id < ? "
    "ORDER BY case_id DESC LIMIT 1000) UNION ALL "
    "(SELECT case_id FROM case_event WHERE for_staff_id = ? AND case_id < ? "
    "ORDER BY case_id DESC LIMIT 1000)) x) d ON d.case_id = k.id "
    "ORDER BY k.id DESC LIMIT " STR(CASE_DONE_PAGE_MORE);
/* Open cases with a step waiting for a role lent in a department
 * (case_list_deputy() checks each as case_act() would). */
static const char SQL_CASE_LENT[] =
    "SELECT DISTINCT t.case_id FROM case_task t JOIN kase k "
    "ON k.id = t.case_id WHERE t.dept_code = ? AND (t.role & ?) <> 0 "
    "AND k.state IN ('received', 'processing') ORDER BY t.case_id "
    "LIMIT 200";
static const char SQL_ITEM_FOR[] =
    "SELECT id FROM item WHERE code = ? AND version = ?";
static const char SQL_CASE_ADD[] =
    "INSERT INTO kase (app_no, source, item_id, item_code, item_version, "
    "item_name, applicant_name, id_sealed, mobile_sealed, remark, state, "
    "step_seq, submitted_at, received_at) VALUES (?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, 'received', 1, ?, UTC_TIMESTAMP())";
/* The enterprise an application was made for (ACC-1, db/200). */
static const char SQL_CASE_ENTITY_SET[] =
    "UPDATE kase SET entity_name = ?, credit_code = ? WHERE id = ?";
static const char SQL_CASE_ENTITY[] =
    "SELECT entity_name, credit_code FROM kase WHERE id = ? "
    "AND credit_code IS NOT NULL";
static const char SQL_CASE_MOVE[] =
    "UPDATE kase SET state = ?, step_seq = ?, "
    "accepted_at = IF(? = 'accept', UTC_TIMESTAMP(), accepted_at), "
    "decided_at = IF(? IN ('approved', 'denied', 'not_accepted'), "
    "UTC_TIMESTAMP(), decided_at) WHERE id = ?";
/* 催办 of a waiting step (096). */
static const char SQL_URGE_ADD[] =
    "INSERT INTO case_urge (case_id, step_key, staff_id, staff_name, note, "
    "at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
/* The urges of the steps that wait now, newest first. */
#define URGE_COLS "u.case_id, u.step_key, u.staff_name, u.note, " \
	LOCAL("u.at")
static const char SQL_URGES[] =
    "SELECT " URGE_COLS " "
    "FROM case_urge u JOIN case_task t ON t.case_id = u.case_id "
    "AND t.step_key = u.step_key AND u.at >= t.since "
    "WHERE u.case_id = ? ORDER BY u.id DESC LIMIT 20";
/* Extended once (Art. 42): the days count into both deadlines. */
static const char SQL_CASE_EXTEND[] =
    "UPDATE kase SET extended_days = ?, extended_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND extended_days = 0";
/* Withdrawn by the applicant (EXT-5, INT-3): the case ends. */
static const char SQL_CASE_WITHDRAWN[] =
    "UPDATE kase SET state = 'withdrawn', decided_at = UTC_TIMESTAMP() "
    "WHERE id = ?";
/* Deemed accepted (行政许可法 Art. 32): from the day of receipt; when
 * that completes the case (an item of one step), it is decided now, like
 * any other approval, so that it counts among the day's decisions. */
static const char SQL_CASE_DEEMED[] =
    "UPDATE kase SET state = ?, step_seq = ?, accepted_at = received_at, "
    "decided_at = IF(? = 'approved', UTC_TIMESTAMP(), decided_at) "
    "WHERE id = ? AND state = 'received'";
/* 补正 (097): asked once at intake; the case waits off the worklists
 * (its tokens stay) until the corrected materials come back. */
static const char SQL_CORR_ADD[] =
    "INSERT INTO case_correction (case_id, material_seq, material_name, "
    "reason) VALUES (?, ?, ?, ?)";
static const char SQL_CORRS[] =
    "SELECT material_seq, material_name, reason FROM case_correction "
    "WHERE case_id = ? ORDER BY material_seq";
static const char SQL_CASE_CORRECTING[] =
    "UPDATE kase SET state = 'correcting', "
    "correct_asked_at = UTC_TIMESTAMP() WHERE id = ? "
    "AND state = 'received' AND correct_asked_at IS NULL";
static const char SQL_TASKS_CLEAR[] =
    "DELETE FROM case_task WHERE case_id = ?";
static const char SQL_CASE_CORRECTED[] =
    "UPDATE kase SET state = 'received', corrected_at = ? "
    "WHERE id = ? AND state = 'correcting' AND corrected_at IS NULL";
/* Special procedures (098): the clock stops, and on resumption the days
 * it was stopped are added to every term of the case. */
static const char SQL_SUSPS[] =
    "SELECT kind, reason, DATE_FORMAT(began_on, '%Y-%m-%d'), began_by, "
    "DATE_FORMAT(ended_on, '%Y-%m-%d'), ended_by, expected_days, "
    "COALESCE(paused_days, 0) FROM case_suspension WHERE case_id = ? "
    "ORDER BY id";
static const char SQL_SUSP_ADD[] =
    "INSERT INTO case_suspension (case_id, kind, reason, expected_days, "
    "began_on, began_by) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_SUSP_END[] =
    "UPDATE case_suspension SET ended_on = ?, ended_by = ?, "
    "paused_days = ? WHERE case_id = ? AND ended_on IS NULL";
static const char SQL_CASE_SUSPENDED[] =
    "UPDATE kase SET state = 'suspended' WHERE id = ? "
    "AND state = 'processing'";
static const char SQL_CASE_RESUMED[] =
    "UPDATE kase SET state = 'processing', paused_days = paused_days + ? "
    "WHERE id = ? AND state = 'suspended'";
static const char SQL_TASKS_PAUSED[] =
    "UPDATE case_task SET paused_days = paused_days + ? WHERE case_id = ?";
/* Report up (099). */
static const char SQL_REPORT[] =
    "SELECT authority, reason, DATE_FORMAT(reported_on, '%Y-%m-%d'), "
    "reported_by, decision, upper_doc_no, "
    "DATE_FORMAT(decided_on, '%Y-%m-%d'), summary, recorded_by "
    "FROM case_report WHERE case_id = ?";
static const char SQL_REPORT_ADD[] =
    "INSERT INTO case_report (case_id, authority, reason, reported_on, "
    "reported_by) VALUES (?, ?, ?, ?, ?)";
static const char SQL_CASE_REPORTED[] =
    "UPDATE kase SET state = 'reported' WHERE id = ? "
    "AND state = 'processing'";
static const char SQL_REPORT_DECIDED[] =
    "UPDATE case_report SET decision = ?, upper_doc_no = ?, "
    "decided_on = ?, summary = ?, recorded_by = ? "
    "WHERE case_id = ? AND decision IS NULL";
static const char SQL_DEEM_DUE[] =
    "SELECT id FROM kase WHERE state = 'received' AND intake_due < ? "
    "ORDER BY intake_due, id LIMIT 500";
static const char SQL_EVENT_NEXT[] =
    "SELECT COALESCE(MAX(seq), 0) + 1, "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-%d') "
    "FROM case_event WHERE case_id = ?";
/* for_staff_*: whom a deputy acted for (INT-7), NULL on their own. */
static const char SQL_EVENT_ADD[] =
    "INSERT INTO case_event (case_id, seq, at, action, label, state, "
    "staff_id, staff_name, note, for_staff_id, for_staff_name, step_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_EVENTS[] =
    "SELECT seq, " LOCAL("at") ", action, label, state, staff_name, note, "
    "for_staff_name FROM case_event WHERE case_id = ? ORDER BY seq";
static const char SQL_OPINION_ADD[] =
    "INSERT INTO opinion (case_id, step_seq, step_key, step_name, staff_id, "
    "staff_name, for_staff_id, for_staff_name, verdict, text, signed_at, "
    "prev_hash, hash, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?)";
static const char SQL_OPINIONS[] =
    "SELECT step_seq, step_key, step_name, staff_name, verdict, text, "
    LOCAL("signed_at") ", for_staff_name FROM opinion WHERE case_id = ? "
    "ORDER BY id";
/* One series per 文号 prefix: abbreviation, kind and year (093). */
static const char SQL_DOC_NUMBER[] =
    "INSERT INTO doc_counter (abbr, kind, year, next) VALUES (?, ?, ?, "
    "LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE "
    "next = LAST_INSERT_ID(next + 1)";
static const char SQL_DEPT_ABBR[] =
    "SELECT abbr, name FROM department WHERE code = ?";
static const char SQL_RECEIVED_LOCAL[] =
    "SELECT " LOCAL("received_at") " FROM kase WHERE id = ?";

const struct transition *
flow_find(const char *action)
{
	size_t	 i;

	for (i = 0; action != NULL && i < nflow_transitions; i++)
		if (strcmp(flow_transitions[i].action, action) == 0)
			return &flow_transitions[i];
	return NULL;
}

const char *
flow_state_label(const char *s)
{
	const char	*l = vocab_state_label(s);

	return l != NULL ? l : s;
}

int
flow_open(const struct kase *k)
{
	return strcmp(k->state, "received") == 0 ||
	    strcmp(k->state, "correcting") == 0 ||
	    strcmp(k->state, "suspended") == 0 ||
	    strcmp(k->state, "reported") == 0 ||
	    strcmp(k->state, "processing") == 0;
}

int
flow_enabled(const struct kase *k, size_t i)
{
	/* Ended, or waiting for the applicant or a special procedure. */
	if (strcmp(k->state, "received") != 0 &&
	    strcmp(k->state, "processing") != 0)
		return 0;
	return i < k->net.nsteps && wf_ways(&k->net, &k->marking, i) > 0;
}

/* Where step i stands in the procedure, for the transition table. */
static int
step_at(const struct kase *k, size_t i, enum step_at at)
{
	const struct step	*s = &k->item.steps[i];
	size_t			 e;
	int			 to_end = 0, back = 0, from_start = 0;

	for (e = 0; e < k->item.nflows; e++) {
		const struct flow *f = &k->item.flows[e];
		if (!f->back && strcmp(f->from, s->key) == 0 &&
		    strcmp(f->to, WF_END) == 0)
			to_end = 1;
		if (f->back && strcmp(f->from, s->key) == 0)
			back = 1;
		if (!f->back && strcmp(f->from, WF_START) == 0 &&
		    strcmp(f->to, s->key) == 0)
			from_start = 1;
	}
	switch (at) {
	case AT_FIRST:
		return strcmp(s->doc, "accept") == 0 || from_start;
	case AT_LAST:
		return to_end && !(strcmp(s->doc, "accept") == 0 ||
		    from_start);
	case AT_MIDDLE:
		return !to_end && !(strcmp(s->doc, "accept") == 0 ||
		    from_start);
	case AT_BACK:
		return back;
	}
	return 0;
}

/* The step's role, in the step's department (ORG-2, INT-5). */
static int
holds_step(const struct kase *k, const struct user *u, size_t i)
{
	const struct step	*s = &k->item.steps[i];

	return (u->roles & s->role) != 0 && u->dept_code != NULL &&
	    strcmp(u->dept_code, s->dept_code) == 0;
}

/* Whether transition t can be made at step i of k now, by anyone. */
static int
may_now(const struct kase *k, const struct transition *t, size_t i)
{
	if (i >= k->item.nsteps || !flow_enabled(k, i) || !step_at(k, i, t->at))
		return 0;
	/* Once accepted, a case returned to intake cannot be refused there. */
	return strcmp(t->action, "reject") != 0 ||
	    strcmp(k->state, "received") == 0;
}

int
flow_may(const struct kase *k, const struct user *u,
    const struct transition *t, size_t i)
{
	return may_now(k, t, i) && holds_step(k, u, i) &&
	    flow_recused(k, u, i) == NULL;
}

/* The name of another step of k at which staff_id has acted, which 回避
 * keeps them from step i for; else NULL. */
static const char *
hand_elsewhere(const struct kase *k, int64_t staff_id, size_t i)
{
	const struct step	*s = &k->item.steps[i], *o;
	size_t			 h;

	for (h = 0; h < k->nhands; h++) {
		if (k->hands[h].staff_id != staff_id ||
		    strcmp(k->hands[h].step_key, s->key) == 0)
			continue;
		if ((o = catalog_step(&k->item, k->hands[h].step_key)) == NULL)
			continue;	/* a step the version no longer has */
		if (k->item.instant && s->role == ROLE_CLERK &&
		    o->role == ROLE_CLERK)
			continue;	/* 即办件 at the window */
		return o->name;
	}
	return NULL;
}

const char *
flow_recused(const struct kase *k, const struct user *u, size_t i)
{
	if (i >= k->item.nsteps || !flow_enabled(k, i) || !holds_step(k, u, i))
		return NULL;
	return hand_elsewhere(k, u->id, i);
}

const struct delegation *
flow_may_for(const struct kase *k, const struct user *u,
    const struct delegation *dv, size_t dn, const struct transition *t,
    size_t i)
{
	struct user	 a;
	size_t		 j;

	if (!may_now(k, t, i) || holds_step(k, u, i))
		return NULL;	/* theirs, or nobody's now */
	if (hand_elsewhere(k, u->id, i) != NULL)
		return NULL;
	for (j = 0; j < dn; j++) {
		delegation_principal(&dv[j], &a);
		if (a.id != u->id && flow_may(k, &a, t, i))
			return &dv[j];
	}
	return NULL;
}

const char *
flow_deputy_recusal_why(struct pool *pool, const struct kase *k,
    const struct user *u, const struct delegation *dv, size_t dn, size_t i)
{
	struct user	 a;
	const char	*done;
	size_t		 j;

	if (i >= k->item.nsteps || !flow_enabled(k, i) || holds_step(k, u, i))
		return NULL;
	for (j = 0; j < dn; j++) {
		delegation_principal(&dv[j], &a);
		if (!holds_step(k, &a, i))
			continue;
		if ((done = hand_elsewhere(k, u->id, i)) != NULL)
			return pool_printf(pool, "您已办理过本件的「%s」环节，按回避"
			    "规定不能再受 %s 委托办理「%s」环节：同一办件一人只签"
			    "一个环节。", done, a.name, k->item.steps[i].name);
		if ((done = hand_elsewhere(k, a.id, i)) != NULL)
			return pool_printf(pool, "委托您的 %s 已办理过本件的「%s」"
			    "环节，按回避规定「%s」环节不能再以其名义办理，请由"
			    "本部门其他工作人员办理。", a.name, done,
			    k->item.steps[i].name);
	}
	return NULL;
}

char *
flow_signer(struct pool *pool, const char *name, const char *for_name)
{
	if (for_name == NULL || *for_name == '\0')
		return pool_strdup(pool, name);
	return pool_printf(pool, "%s（受 %s 委托）", name, for_name);
}

int
flow_involves(const struct kase *k, const struct user *u)
{
	size_t	 i;

	if (u->dept_code == NULL)
		return 0;
	if (strcmp(u->dept_code, k->item.dept_code) == 0)
		return 1;
	for (i = 0; i < k->item.nsteps; i++)
		if (strcmp(u->dept_code, k->item.steps[i].dept_code) == 0)
			return 1;
	return 0;
}

/* A case's row of CASE_COLS, and when key is not NULL one more column
 * after them into *key. */
static enum db_rc
case_cols(struct stmt *q, struct pool *pool, struct kase *k, char **key)
{
	enum db_rc	 rc;

	memset(k, 0, sizeof(*k));
	/* The shorter format leaves key, the last argument, unread. */
	if ((rc = stmt_row(q, pool, key != NULL ? "issisdssssssdsssssddsds" :
	    "issisdssssssdsssssddsd", &k->id,
	    &k->app_no, &k->source, &k->item_id, &k->item_code,
	    &k->item_version, &k->item_name, &k->applicant_name,
	    &k->id_number, &k->mobile, &k->remark, &k->state, &k->step_seq,
	    &k->submitted_at, &k->received_at, &k->intake_due,
	    &k->promised_due, &k->statutory_due, &k->extended_days,
	    &k->correct_asked, &k->corrected_at, &k->paused_days, key)) !=
	    DB_OK)
		return rc;
	/* One that does not open (logged) shows as nothing. */
	k->id_number = pii_open(pool, SEALED_CASE_ID, k->id_number);
	k->mobile = pii_open(pool, SEALED_CASE_MOBILE, k->mobile);
	return DB_OK;
}

static enum db_rc
case_row(struct stmt *q, struct pool *pool, void *arg)
{
	return case_cols(q, pool, arg, NULL);
}

/* A batch of case ids, the rest of the places the first id again. */
#define MARK_BATCH DB_BATCH
static const char SQL_TOKENS_OF[] =
    "SELECT case_id, edge, tokens FROM case_token WHERE case_id IN ("
    DB_IDS ")";
static const char SQL_TASKS_OF[] =
    "SELECT case_id, step_key, " LOCAL("since") ", " DAY("due_date")
    " FROM case_task WHERE case_id IN (" DB_IDS ")";
static const char SQL_URGES_OF[] =
    "SELECT " URGE_COLS " FROM case_urge u JOIN case_task t ON "
    "t.case_id = u.case_id AND t.step_key = u.step_key AND u.at >= t.since "
    "WHERE u.case_id IN (" DB_IDS ") ORDER BY u.case_id, u.id DESC";

/* v[0..n-1] (n <= MARK_BATCH) as q's ids. */
static void
bind_batch(struct stmt *q, const struct kase *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < MARK_BATCH; i++)
		stmt_bind_int(q, (int)i, v[i < n ? i : 0].id);
}

/* The case of id among v[0..n-1], or NULL. */
static struct kase *
batch_case(struct kase *v, size_t n, int64_t id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* The markings of cases v[0..n-1] (n <= MARK_BATCH), whose nets are
 * made, and since when each step is enabled: two statements. */
static enum db_rc
load_markings(struct db *db, struct pool *pool, struct kase *v, size_t n)
{
	struct stmt	*q;
	struct kase	*k;
	enum db_rc	 rc;
	int64_t		 id, edge, tokens;
	char		*key, *since, *due;
	size_t		 i;
	int		 s;

	for (i = 0; i < n; i++) {
		k = &v[i];
		memset(&k->marking, 0, sizeof(k->marking));
		k->task_since = pool_alloc(pool, (k->net.nsteps + 1) *
		    sizeof(*k->task_since));
		k->task_due = pool_alloc(pool, (k->net.nsteps + 1) *
		    sizeof(*k->task_due));
	}
	q = db_stmt(db, SQL_TOKENS_OF);
	bind_batch(q, v, n);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "iii", &id, &edge, &tokens)) == DB_OK)
		if ((k = batch_case(v, n, id)) != NULL && edge >= 0 &&
		    (size_t)edge < k->net.nedges)
			k->marking.tokens[edge] = (uint8_t)(tokens > 255 ? 255 :
			    tokens);
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	q = db_stmt(db, SQL_TASKS_OF);
	bind_batch(q, v, n);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "isss", &id, &key, &since, &due)) ==
	    DB_OK)
		if ((k = batch_case(v, n, id)) != NULL &&
		    (s = wf_step_index(&k->net, key)) >= 0) {
			k->task_since[s] = since;
			k->task_due[s] = due;
		}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

/* The case's net, its marking and since when each step is enabled. */
static enum db_rc
load_state(struct db *db, struct pool *pool, struct kase *k)
{
	catalog_net(NULL, pool, &k->item, &k->net);
	return load_markings(db, pool, k, 1);
}

/*
 * Store marking m as the case's state and bring its tasks (the worklists'
 * rows) in line: steps no longer enabled leave, newly enabled ones arrive
 * with the time they became enabled, others keep theirs.
 */
static enum db_rc
save_state(struct db *db, struct pool *pool, const struct kase *k,
    const struct wf_marking *m, int ended)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 e, i;
	struct calendar	 cal;
	char		*today = NULL, *due;

	q = db_stmt(db, SQL_TOKENS_CLEAR);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	for (e = 0; !ended && e < k->net.nedges; e++) {
		if (m->tokens[e] == 0)
			continue;
		q = db_stmt(db, SQL_TOKEN_ADD);
		stmt_bind_int(q, 0, k->id);
		stmt_bind_int(q, 1, (int64_t)e);
		stmt_bind_int(q, 2, m->tokens[e]);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	for (i = 0; i < k->net.nsteps; i++) {
		const struct step *s = &k->item.steps[i];

		if (!ended && wf_ways(&k->net, m, i) > 0) {
			/* A step that waits already keeps its clock (the
			 * insert is ignored); a new one's starts today. */
			if (today == NULL && (stmt_one(db_stmt(db, SQL_TODAY),
			    pool, "s", &today) != DB_OK ||
			    calendar_get(db, pool, &cal) != DB_OK))
				return DB_ERR;
			if ((due = deadline_after(pool, &cal, today,
			    s->days)) == NULL)
				return DB_ERR;
			q = db_stmt(db, SQL_TASK_ADD);
			stmt_bind_int(q, 0, k->id);
			stmt_bind_text(q, 1, s->key);
			stmt_bind_int(q, 2, s->role);
			stmt_bind_text(q, 3, s->dept_code);
			stmt_bind_text(q, 4, due);
		} else {
			q = db_stmt(db, SQL_TASK_DROP);
			stmt_bind_int(q, 0, k->id);
			stmt_bind_text(q, 1, s->key);
		}
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
	}
	return DB_OK;
}


/* The item versions of the open cases among v[0..n-1], with their nets,
 * DB_BATCH versions in three statements (catalog_nets()). */
static enum db_rc
load_nets(struct db *db, struct pool *pool, struct kase *v, size_t n)
{
	int64_t		 ids[DB_BATCH];
	struct item	 its[DB_BATCH];
	struct wf_net	 nets[DB_BATCH];
	enum db_rc	 rc;
	size_t		 i, j, k, from = 0, nids;

	while (from < n) {
		/* The next DB_BATCH distinct versions from v[from]. */
		for (nids = 0, i = from; i < n; i++) {
			if (!flow_open(&v[i]))
				continue;
			for (k = 0; k < nids && ids[k] != v[i].item_id; k++)
				continue;
			if (k == nids) {
				if (nids == DB_BATCH)
					break;
				ids[nids++] = v[i].item_id;
			}
		}
		if (nids > 0 && (rc = catalog_nets(db, pool, ids, nids,
		    its)) != DB_OK)
			return rc;
		for (k = 0; k < nids; k++)
			catalog_net(NULL, pool, &its[k], &nets[k]);
		for (j = from; j < i; j++) {
			if (!flow_open(&v[j]))
				continue;
			for (k = 0; ids[k] != v[j].item_id; k++)
				continue;
			v[j].item = its[k];
			v[j].net = nets[k];
		}
		from = i;
	}
	return DB_OK;
}

enum db_rc
case_load_states(struct db *db, struct pool *pool, struct kase *v, size_t n)
{
	enum db_rc	 rc;
	size_t		 i;

	/* An ended case waits at no step: its row needs no net, and its
	 * item version is not read (issue #12). */
	for (i = 0; i < n; i++)
		if (!flow_open(&v[i])) {
			memset(&v[i].item, 0, sizeof(v[i].item));
			memset(&v[i].net, 0, sizeof(v[i].net));
		}
	if ((rc = load_nets(db, pool, v, n)) != DB_OK)
		return rc;
	/* The markings MARK_BATCH cases a statement (issue #12: the
	 * worklists read each case's tokens and tasks apart). */
	for (i = 0; i < n; i += MARK_BATCH)
		if ((rc = load_markings(db, pool, v + i, n - i < MARK_BATCH ?
		    n - i : MARK_BATCH)) != DB_OK)
			return rc;
	return DB_OK;
}

char *
case_current_steps(struct pool *pool, const struct kase *k)
{
	char	*out = "";
	size_t	 i;

	for (i = 0; i < k->net.nsteps; i++)
		if (flow_enabled(k, i))
			out = pool_printf(pool, "%s%s%s", out, *out ? "、" : "",
			    k->net.steps[i].name);
	return out;
}

/* User acted at step of case k (flow_recused()). */
static enum db_rc
hand_add(struct db *db, const struct kase *k, const struct user *u, int step)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_HAND_ADD);
	stmt_bind_int(q, 0, k->id);
	stmt_bind_int(q, 1, u->id);
	stmt_bind_text(q, 2, k->item.steps[step].key);
	return stmt_run(q);
}

/* Who has acted at which step (flow_recused). */
static enum db_rc
load_hands(struct db *db, struct pool *pool, struct kase *k)
{
	struct stmt	*q;
	struct case_hand h;
	enum db_rc	 rc;
	size_t		 cap = 0;

	k->hands = NULL;
	k->nhands = 0;
	q = db_stmt(db, SQL_HANDS);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "is", &h.staff_id, &h.step_key)) ==
	    DB_OK)
		*(struct case_hand *)pool_push(pool, &k->hands, &k->nhands,
		    &cap, sizeof(h)) = h;
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

static enum db_rc
suspension_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct suspension	*p = arg;

	return stmt_row(q, pool, "ssssssdd", &p->kind, &p->reason,
	    &p->began_on, &p->began_by, &p->ended_on, &p->ended_by,
	    &p->expected_days, &p->paused_days);
}

static enum db_rc
report_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct case_report	*p = arg;

	return stmt_row(q, pool, "sssssssss", &p->authority, &p->reason,
	    &p->reported_on, &p->reported_by, &p->decision, &p->upper_doc_no,
	    &p->decided_on, &p->summary, &p->recorded_by);
}

static enum db_rc
case_head(struct db *db, struct pool *pool, const char *sql, int64_t id,
    struct kase *k)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = case_row(q, pool, k);
	stmt_done(q);
	if (rc != DB_OK)
		return rc;
	if ((rc = catalog_by_id(db, pool, k->item_id, &k->item)) != DB_OK ||
	    (rc = load_state(db, pool, k)) != DB_OK ||
	    (rc = load_hands(db, pool, k)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_CORRS);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_list(q, pool, correction_row, sizeof(*k->corr),
	    &k->corr, &k->ncorr)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_SUSPS);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_list(q, pool, suspension_row, sizeof(*k->susp),
	    &k->susp, &k->nsusp)) != DB_OK)
		return rc;
	k->report = pool_alloc(pool, sizeof(*k->report));
	q = db_stmt(db, SQL_REPORT);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_first(q, pool, report_row, k->report)) == DB_NONE)
		k->report = NULL;
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
case_id_of(struct db *db, struct pool *pool, const char *app_no,
    int64_t *id)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_CASE_OF_APP);
	stmt_bind_text(q, 0, app_no);
	return stmt_one(q, pool, "i", id);
}

enum db_rc
case_get(struct db *db, struct pool *pool, int64_t id, struct kase *k)
{
	struct stmt		*q;
	struct case_event	 e;
	struct opinion		 o;
	enum db_rc		 rc;
	size_t			 cap;

	if ((rc = case_head(db, pool, SQL_CASE_GET, id, k)) != DB_OK)
		return rc;
	if ((rc = attachment_list(db, pool, k->app_no, &k->atts, &k->natts))
	    != DB_OK || (rc = doc_list(db, pool, k->app_no, &k->docs,
	    &k->ndocs)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_EVENTS);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	cap = 0;
	while ((rc = stmt_row(q, pool, "dsssssss", &e.seq, &e.at, &e.action,
	    &e.label, &e.state, &e.staff_name, &e.note, &e.for_name)) ==
	    DB_OK) {
		*(struct case_event *)pool_push(pool, &k->events,
		    &k->nevents, &cap, sizeof(e)) = e;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	q = db_stmt(db, SQL_OPINIONS);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	cap = 0;
	while ((rc = stmt_row(q, pool, "dsssssss", &o.step_seq, &o.step_key,
	    &o.step_name, &o.staff_name, &o.verdict, &o.text,
	    &o.signed_at, &o.for_name)) == DB_OK) {
		*(struct opinion *)pool_push(pool, &k->opinions,
		    &k->nopinions, &cap, sizeof(o)) = o;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
case_list(struct db *db, struct pool *pool, const struct user *u, int todo,
    int64_t before, struct kase **out, size_t *n)
{
	struct stmt	*q;
	struct kase	 k, *v = NULL;
	enum db_rc	 rc;
	size_t		 cap = 0;

	*n = 0;
	if (todo) {
		q = db_stmt(db, SQL_CASE_TODO);
		stmt_bind_int(q, 0, u->roles);
		stmt_bind_text(q, 1, u->dept_code ? u->dept_code : "");
		stmt_bind_int(q, 2, u->id);
		stmt_bind_int(q, 3, ROLE_CLERK);
		stmt_bind_int(q, 4, ROLE_CLERK);
	} else {
		q = db_stmt(db, SQL_CASE_DONE);
		stmt_bind_int(q, 0, u->id);
		stmt_bind_int(q, 1, before > 0 ? before : INT64_MAX);
		stmt_bind_int(q, 2, u->id);
		stmt_bind_int(q, 3, before > 0 ? before : INT64_MAX);
	}
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = case_row(q, pool, &k)) == DB_OK) {
		*(struct kase *)pool_push(pool, &v, n, &cap,
		    sizeof(k)) = k;
	}
	stmt_done(q);
	*out = v;
	return rc == DB_ERR ? rc : DB_OK;
}

/* The materials 补正 asks of case k, for its notice (with_seq 0: name
 * and reason) or the extranet's form (with_seq 1); NULL if not JSON. */
static json_t *
corrections_json(const struct kase *k, int with_seq)
{
	json_t	*v, *e;
	size_t	 i;

	if ((v = json_array()) == NULL)
		return NULL;
	for (i = 0; i < k->ncorr; i++) {
		e = json_pack("{s:s, s:s}", with_seq ? "material_name" : "name",
		    k->corr[i].material_name, "reason", k->corr[i].reason);
		if (e != NULL && with_seq && json_object_set_new(e,
		    "material_seq", json_integer(k->corr[i].material_seq)) !=
		    0) {
			json_decref(e);
			e = NULL;
		}
		if (json_array_append_new(v, e) != 0) {
			json_decref(v);
			return NULL;
		}
	}
	return v;
}

enum db_rc
case_list_deputy(struct db *db, struct pool *pool, const struct user *u,
    const struct delegation *dv, size_t dn, struct kase **out,
    const struct delegation ***fors, size_t *n)
{
	struct stmt	*q;
	struct kase	 k, *v = NULL;
	const struct delegation *d, **f = NULL;
	enum db_rc	 rc;
	int64_t		*ids = NULL, id;
	size_t		 nids = 0, cap = 0, fcap = 0, fn = 0, i, j, s, got;

	*n = 0;
	for (j = 0; j < dn; j++) {
		q = db_stmt(db, SQL_CASE_LENT);
		stmt_bind_text(q, 0, dv[j].dept_code);
		stmt_bind_int(q, 1, dv[j].roles);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		while ((rc = stmt_row(q, pool, "i", &id)) == DB_OK) {
			for (i = 0; i < nids && ids[i] != id; i++)
				continue;
			if (i == nids)
				*(int64_t *)pool_push(pool, &ids, &nids, &cap,
				    sizeof(id)) = id;
		}
		stmt_done(q);
		if (rc == DB_ERR)
			return rc;
	}
	cap = 0;
	for (i = 0, got = 0; i < nids && got < 200; i++) {
		if ((rc = case_head(db, pool, SQL_CASE_GET, ids[i], &k)) ==
		    DB_NONE)
			continue;	/* gone meanwhile */
		if (rc != DB_OK)
			return rc;
		d = NULL;
		for (s = 0; s < k.item.nsteps && d == NULL; s++)
			for (j = 0; j < nflow_transitions && d == NULL; j++)
				d = flow_may_for(&k, u, dv, dn,
				    &flow_transitions[j], s);
		if (d == NULL)
			continue;
		*(struct kase *)pool_push(pool, &v, n, &cap, sizeof(k)) = k;
		*(const struct delegation **)pool_push(pool, &f, &fn, &fcap,
		    sizeof(d)) = d;
		got++;
	}
	*out = v;
	*fors = f;
	return DB_OK;
}

/*
 * Write the event row and the outbox record that carries it (with the
 * document, if any) to the extranet; for_u: whom u acted for as a deputy
 * (INT-7), or NULL; step_key: the key of the procedure's step that
 * produced it (db/142: what the step_order rule matches, anomaly.c), NULL
 * for an event no step produces.
 */
static enum db_rc
event_step_out(struct db *db, struct pool *pool, const struct kase *k,
    const char *step_key, const char *action, const char *label,
    const char *state, const struct user *u, const struct user *for_u,
    const char *note, const struct doc *d, const char *public_label,
    const char *public_note)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 seq;
	char		*at, *today;
	json_t		*rec;

	q = db_stmt(db, SQL_EVENT_NEXT);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_one(q, pool, "iss", &seq, &at, &today)) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_EVENT_ADD);
	stmt_bind_int(q, 0, k->id);
	stmt_bind_int(q, 1, seq);
	stmt_bind_text(q, 2, at);
	stmt_bind_text(q, 3, action);
	stmt_bind_text(q, 4, label);
	stmt_bind_text(q, 5, state);
	if (u != NULL)
		stmt_bind_int(q, 6, u->id);
	else
		stmt_bind_null(q, 6);
	stmt_bind_text(q, 7, u != NULL ? u->name : "系统");
	stmt_bind_text(q, 8, note ? note : "");
	if (for_u != NULL) {
		stmt_bind_int(q, 9, for_u->id);
		stmt_bind_text(q, 10, for_u->name);
	} else {
		stmt_bind_null(q, 9);
		stmt_bind_null(q, 10);
	}
	if (step_key != NULL)
		stmt_bind_text(q, 11, step_key);
	else
		stmt_bind_null(q, 11);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	/*
	 * The applicant sees the department, not the civil servant, and
	 * the reasons of decisions, not internal review opinions.
	 */
	rec = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "type", "case.event", "app_no", k->app_no, "seq", (json_int_t)seq,
	    "at", at, "label", public_label, "actor", k->item.dept_name,
	    "note", public_note ? public_note : "", "state", state,
	    "state_label", flow_state_label(state));
	/* While the case is open the applicant is told when to expect it
	 * (deadline.h); a record json_pack() could not make is refused by
	 * outbox_add(), and one without its document must not be sent
	 * either. */
	if (rec != NULL && k->promised_due != NULL &&
	    (strcmp(state, "received") == 0 ||
	    strcmp(state, "processing") == 0) && json_object_set_new(rec,
	    "due_date", json_string(k->promised_due)) != 0) {
		json_decref(rec);
		rec = NULL;
	}
	/* The applicant's form for 补正 lists exactly what was asked. */
	if (rec != NULL && strcmp(state, "correcting") == 0 &&
	    json_object_set_new(rec, "corrections", corrections_json(k, 1)) !=
	    0) {
		json_decref(rec);
		rec = NULL;
	}
	/* With its seal when sealed (docseal.h): the extranet verifies it
	 * against the department's public key. */
	if (d != NULL && json_object_set_new(rec, "doc", json_pack("{s:s, "
	    "s:s, s:s, s:s, s:s, s:s, s:o*}", "kind", d->kind, "doc_no",
	    d->doc_no, "title", d->title, "body", d->body, "issued_at",
	    d->issued_at, "issued_by", d->issued_by, "seal",
	    docseal_record(d))) != 0) {
		json_decref(rec);
		rec = NULL;
	}
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	/* The applicant's SMS (NTF-1): a notice or decision issued. */
	if (rc == DB_OK && d != NULL && sms_doc_template(d->kind) != NULL)
		rc = sms_out(db, pool, k->app_no, sms_doc_template(d->kind),
		    k->item.dept_name, 0, NULL);
	/* Abnormal warnings (SUP-2) of this case, in this transaction; a
	 * check that fails is logged and does not hold up the case. */
	if (rc == DB_OK)
		(void)anomaly_check_case(db, pool, k->id, &k->item, NULL);
	return rc;
}

/* An event no step of the procedure produces (event_step_out()). */
static enum db_rc
event_out(struct db *db, struct pool *pool, const struct kase *k,
    const char *action, const char *label, const char *state,
    const struct user *u, const struct user *for_u, const char *note,
    const struct doc *d, const char *public_label, const char *public_note)
{
	return event_step_out(db, pool, k, NULL, action, label, state, u,
	    for_u, note, d, public_label, public_note);
}

/* ---- a case an agent made (AGT-1) --------------------------------- */

static const char SQL_AGENT_FOR[] =
    "SELECT name, region_code, area_name FROM agent "
    "WHERE id = ? AND id_hash IS NOT NULL";
/* Where the agent's residents live: the villages named, or else the
 * township and its villages. */
static const char SQL_AGENT_REGION[] =
    "SELECT 1 FROM region r JOIN agent a ON a.id = ? WHERE r.name = ? "
    "AND (r.code IN (SELECT region_code FROM agent_area "
    "WHERE agent_id = a.id) OR (NOT EXISTS (SELECT 1 FROM agent_area "
    "WHERE agent_id = a.id) AND (r.code = a.region_code OR "
    "r.parent_code = a.region_code))) LIMIT 1";
static const char SQL_CASE_AGENT[] =
    "UPDATE kase SET agent_id = ?, consent_kind = ?, consent_state = ?, "
    "resident_region = ?, consent_at = ?, consent_mobile_hash = ? "
    "WHERE id = ?";

/*
 * The agent of application app_no (case_id), as its record says: one of
 * this site's agents, the resident of their county and area, the consent
 * form stored as attachment 0.  *label: "代办员：某某（某某苏木）".
 */
static enum db_rc
case_agent(struct db *db, struct pool *pool, int64_t case_id,
    const char *app_no, const char *idno, json_t *ag, char **label,
    char *err, size_t errlen)
{
	struct stmt		*q;
	struct attachment	 a;
	enum db_rc		 rc;
	json_int_t		 id, size = 0;
	const char		*name, *area, *where, *kind, *state;
	const char		*fname = NULL, *sha = NULL, *at = NULL;
	const char		*mhash = NULL;
	char			*aname, *town, *aarea;
	int64_t			 one;

	if (json_unpack(ag, "{s:I, s:s, s:s, s:s, s:{s:s, s:s, s?s, s?s, "
	    "s?I, s?s, s?s}}", "id", &id, "name", &name, "area", &area,
	    "resident_region", &where, "consent", "kind", &kind, "state",
	    &state, "file_name", &fname, "sha256", &sha, "size", &size,
	    "at", &at, "mobile_hash", &mhash) != 0) {
		snprintf(err, errlen, "申请 %s 的代办员记录不完整", app_no);
		return DB_NONE;
	}
	q = db_stmt(db, SQL_AGENT_FOR);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "sss", &aname, &town, &aarea)) != DB_OK) {
		snprintf(err, errlen, "申请 %s 所称的代办员（编号 %lld）在内网"
		    "不存在", app_no, (long long)id);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	if (strncmp(idno, town, 6) != 0) {
		snprintf(err, errlen, "申请 %s 的居民身份证号码不属于代办员"
		    "%s的服务区域（%s）", app_no, aname, aarea);
		return DB_NONE;
	}
	q = db_stmt(db, SQL_AGENT_REGION);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, where);
	if ((rc = stmt_one(q, pool, "i", &one)) != DB_OK) {
		snprintf(err, errlen, "申请 %s 的居民居住地“%s”不在代办员%s的"
		    "服务区域（%s）内", app_no, where, aname, aarea);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	q = db_stmt(db, SQL_CASE_AGENT);
	stmt_bind_int(q, 0, id);
	stmt_bind_text(q, 1, kind);
	stmt_bind_text(q, 2, state);
	stmt_bind_text(q, 3, where);
	if (at != NULL && mhash != NULL) {	/* the resident's SMS */
		stmt_bind_text(q, 4, at);
		stmt_bind_text(q, 5, mhash);
	} else {
		stmt_bind_null(q, 4);
		stmt_bind_null(q, 5);
	}
	stmt_bind_int(q, 6, case_id);
	if ((rc = stmt_run(q)) != DB_OK)
		return DB_ERR;
	if (sha != NULL && fname != NULL) {
		memset(&a, 0, sizeof(a));
		a.material_seq = APP_CONSENT_SEQ;
		a.material_name = APP_CONSENT_NAME;
		a.file_name = (char *)fname;
		snprintf(a.sha256, sizeof(a.sha256), "%s", sha);
		a.size = size;
		a.mime = "application/pdf";
		if ((rc = attachment_add(db, app_no, &a)) != DB_OK)
			return rc;
	}
	*label = pool_printf(pool, "代办员：%s（%s）", aname, aarea);
	return DB_OK;
}

/*
 * Case n as received now: its row (the ID number and mobile sealed), its
 * enterprise, its clocks and its attachments, in the caller's
 * transaction; *case_id.  DB_NONE with err when refused (no such item
 * version here, the number taken).
 */
static enum db_rc
case_new(struct db *db, struct pool *pool, const struct case_new *n,
    int64_t *case_id, char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*sid, *smob;
	int64_t		 item_id;
	size_t		 i;

	q = db_stmt(db, SQL_ITEM_FOR);
	stmt_bind_text(q, 0, n->item_code);
	stmt_bind_int(q, 1, n->item_version);
	if ((rc = stmt_one(q, pool, "i", &item_id)) != DB_OK) {
		snprintf(err, errlen, "内网没有事项 %s 第 %d 版", n->item_code,
		    n->item_version);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	/* A record carried them in clear (inside its encryption), the
	 * window typed them; this site keeps them sealed under its key. */
	if ((sid = pii_seal(pool, SEALED_CASE_ID, n->idno)) == NULL ||
	    (smob = pii_seal(pool, SEALED_CASE_MOBILE, n->mobile)) == NULL) {
		snprintf(err, errlen, "无法读取个人信息加密密钥（pii_key），"
		    "申请 %s 没有入库", n->app_no);
		return DB_ERR;
	}
	q = db_stmt(db, SQL_CASE_ADD);
	stmt_bind_text(q, 0, n->app_no);
	stmt_bind_text(q, 1, n->source);
	stmt_bind_int(q, 2, item_id);
	stmt_bind_text(q, 3, n->item_code);
	stmt_bind_int(q, 4, n->item_version);
	stmt_bind_text(q, 5, n->item_name);
	stmt_bind_text(q, 6, n->name);
	stmt_bind_text(q, 7, sid);
	stmt_bind_text(q, 8, smob);
	stmt_bind_text(q, 9, n->remark);
	stmt_bind_text(q, 10, n->submitted);
	if ((rc = stmt_run(q)) != DB_OK) {
		snprintf(err, errlen, "申请 %s 无法入库%s", n->app_no,
		    rc == DB_DUP ? "：已经存在" : "");
		return rc == DB_DUP ? DB_NONE : DB_ERR;
	}
	*case_id = stmt_insert_id(q);
	/* Made in an enterprise's name: the enterprise is the applicant,
	 * the person its 经办人. */
	if (n->credit_code != NULL) {
		q = db_stmt(db, SQL_CASE_ENTITY_SET);
		stmt_bind_text(q, 0, n->ent_name);
		stmt_bind_text(q, 1, n->credit_code);
		stmt_bind_int(q, 2, *case_id);
		if ((rc = stmt_run(q)) != DB_OK) {
			snprintf(err, errlen, "申请 %s 的申请企业无法入库",
			    n->app_no);
			return DB_ERR;
		}
	}
	/* The applicant's clocks run from the submission (deadline.h). */
	if ((rc = deadline_case(db, pool, *case_id)) != DB_OK) {
		snprintf(err, errlen, "申请 %s 的办理期限无法计算", n->app_no);
		return DB_ERR;
	}
	for (i = 0; i < n->natts; i++)
		if ((rc = attachment_add(db, n->app_no, &n->atts[i])) != DB_OK)
			return rc;
	return DB_OK;
}

/* New case id loaded as *k and set at the start of its procedure. */
static enum db_rc
case_start(struct db *db, struct pool *pool, int64_t id, struct kase *k)
{
	if (case_head(db, pool, SQL_CASE_GET, id, k) != DB_OK)
		return DB_ERR;
	wf_initial(&k->net, &k->marking);
	return save_state(db, pool, k, &k->marking, 0);
}

enum db_rc
case_import_application(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	json_t			*agent = json_object_get(rec, "agent");
	char			*agent_label = NULL;
	struct case_new		 n;
	struct kase		 k;
	struct attachment	*a;
	enum db_rc		 rc;
	json_t			*atts, *lics, *e, *ent;
	const char		*mname, *fname, *sha, *mime;
	json_int_t		 version, mseq, size;
	int64_t			 id;
	size_t			 i;

	memset(&n, 0, sizeof(n));
	if (json_unpack(rec, "{s:s, s:s, s:I, s:s, s:{s:s, s:s, s:s}, s:s, "
	    "s:s, s:o}", "app_no", &n.app_no, "item_code", &n.item_code,
	    "item_version", &version, "item_name", &n.item_name, "applicant",
	    "name", &n.name, "id_number", &n.idno, "mobile", &n.mobile,
	    "remark", &n.remark, "submitted_at", &n.submitted,
	    "attachments", &atts) != 0 || !json_is_array(atts)) {
		snprintf(err, errlen, "申请记录缺少字段");
		return DB_NONE;
	}
	n.source = "online";
	n.item_version = (int)version;
	/* records.c checked the entity. */
	if ((ent = json_object_get(rec, "entity")) != NULL) {
		n.ent_name = json_string_value(json_object_get(ent, "name"));
		n.credit_code = json_string_value(json_object_get(ent,
		    "credit_code"));
	}
	lics = json_object_get(rec, "licences");
	a = pool_alloc(pool, (json_array_size(atts) + json_array_size(lics) +
	    1) * sizeof(*a));
	json_array_foreach(atts, i, e) {
		if (json_unpack(e, "{s:I, s:s, s:s, s:s, s:I, s:s}",
		    "material_seq", &mseq, "material_name", &mname,
		    "file_name", &fname, "sha256", &sha, "size", &size,
		    "mime", &mime) != 0 || strlen(sha) != 64) {
			snprintf(err, errlen, "申请 %s 的附件记录不完整",
			    n.app_no);
			return DB_NONE;
		}
		memset(&a[i], 0, sizeof(a[i]));
		a[i].material_seq = (int)mseq;
		a[i].material_name = (char *)mname;
		a[i].file_name = (char *)fname;
		memcpy(a[i].sha256, sha, 65);
		a[i].size = size;
		a[i].mime = (char *)mime;
	}
	/* 免证办 (DOC-2): the licences records.c found valid in the
	 * library, kept by number as the application offered them. */
	n.natts = json_array_size(atts);
	json_array_foreach(lics, i, e) {
		memset(&a[n.natts], 0, sizeof(a[n.natts]));
		if (json_unpack(e, "{s:I, s:s, s:s}", "material_seq", &mseq,
		    "material_name", &mname, "licence_no", &fname) != 0) {
			snprintf(err, errlen, "申请 %s 的证照记录不完整",
			    n.app_no);
			return DB_NONE;
		}
		a[n.natts].material_seq = (int)mseq;
		a[n.natts].material_name = (char *)mname;
		a[n.natts].licence_no = (char *)fname;
		n.natts++;
	}
	n.atts = a;
	if ((rc = case_new(db, pool, &n, &id, err, errlen)) != DB_OK)
		return rc;
	/* 一件事 (EXT-12): the bundle records.c checked. */
	if ((rc = bundle_case_add(db, n.app_no, json_object_get(rec,
	    "bundle"))) != DB_OK)
		return rc;
	if (agent != NULL && (rc = case_agent(db, pool, id, n.app_no,
	    n.idno, agent, &agent_label, err, errlen)) != DB_OK)
		return rc;
	if ((rc = case_start(db, pool, id, &k)) != DB_OK)
		return rc;
	return event_out(db, pool, &k, "receive", agent_label != NULL ?
	    "内网收件（代办）" : "内网收件", "received", NULL, NULL,
	    agent_label != NULL ? agent_label : "", NULL,
	    "审批部门已收到申请", NULL);
}

enum db_rc
case_add_window(struct db *db, struct pool *pool, const struct case_new *n,
    const struct user *clerk, struct kase *k, char *err, size_t errlen)
{
	enum db_rc	 rc;
	int64_t		 id;

	if ((rc = case_new(db, pool, n, &id, err, errlen)) != DB_OK ||
	    (rc = case_start(db, pool, id, k)) != DB_OK)
		return rc;
	if (n->intake_label != NULL)
		return event_out(db, pool, k, "receive", n->intake_label,
		    "received", clerk, NULL, n->intake_note, NULL,
		    n->intake_label, n->intake_note);
	return event_out(db, pool, k, "receive", "窗口收件", "received",
	    clerk, NULL, "", NULL, "窗口已收到申请材料", NULL);
}

enum db_rc
case_entity(struct db *db, struct pool *pool, int64_t case_id, char **name,
    char **credit_code)
{
	struct stmt	*q;

	*name = *credit_code = NULL;
	q = db_stmt(db, SQL_CASE_ENTITY);
	stmt_bind_int(q, 0, case_id);
	return stmt_one(q, pool, "ss", name, credit_code);
}

/* Number and fill the document of kind for case k (not yet stored),
 * signed by signer ("B" or "B（受 A 委托）", flow_signer()). */
static enum db_rc
doc_make(struct db *db, struct pool *pool, const struct kase *k,
    const char *dept, const char *kind, const char *signer,
    const char *text, const char *now_utc, const char *today, struct doc *d)
{
	struct calendar	 cal;
	const struct vocab_doc *dk;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*body, *mats;
	char		*abbr, *dname, *received, *due, *s;
	char		*agent, *consent, *ename, *ecode;
	size_t		 i;
	int		 year = 0;

	memset(d, 0, sizeof(*d));
	if ((dk = vocab_doc_kind(kind)) == NULL) {
		log_err("no document kind %s", kind);
		return DB_ERR;
	}
	/* Numbered and issued by the department acting at the step. */
	q = db_stmt(db, SQL_DEPT_ABBR);
	stmt_bind_text(q, 0, dept);
	if ((rc = stmt_one(q, pool, "ss", &abbr, &dname)) != DB_OK)
		return DB_ERR;
	sscanf(today, "%d", &year);
	q = db_stmt(db, SQL_DOC_NUMBER);
	stmt_bind_text(q, 0, abbr);
	stmt_bind_text(q, 1, kind);
	stmt_bind_int(q, 2, year);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	d->app_no = k->app_no;
	d->kind = (char *)dk->kind;
	d->title = (char *)dk->title;
	d->doc_no = pool_printf(pool, "%s%s〔%d〕%04lld号", abbr,
	    dk->prefix, year, (long long)stmt_insert_id(q));
	d->issued_at = (char *)now_utc;
	d->issued_by = dname;
	q = db_stmt(db, SQL_RECEIVED_LOCAL);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_one(q, pool, "s", &received)) != DB_OK)
		return DB_ERR;
	/* An extension's notice gives the new date; every other the date
	 * the promised days give from today. */
	if (strcmp(kind, "extend") == 0 && k->promised_due != NULL)
		due = k->promised_due;
	else if (calendar_get(db, pool, &cal) != DB_OK || (due =
	    deadline_after(pool, &cal, today, k->item.promised_days)) ==
	    NULL)
		return DB_ERR;
	mats = json_array();
	for (i = 0; i < k->natts; i++)
		if (json_array_append_new(mats, json_pack("{s:s, s:s, s:s}",
		    "name", k->atts[i].material_name,
		    "file_name", k->atts[i].file_name, "original", "电子件")) !=
		    0) {
			json_decref(mats);
			mats = NULL;	/* json_pack() below fails */
			break;
		}
	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, "
	    "s:o}", "dept_name", dname, "applicant_name", k->applicant_name,
	    "item_name", k->item_name, "app_no", k->app_no,
	    "received_at", received, "promised_days", k->item.promised_days,
	    "due_date", due, strcmp(kind, "approve") == 0 ?
	    "opinion" : "reason", text ? text : "",
	    "signer", signer, "materials", mats);
	/* Text json_pack() refuses (not UTF-8) can only come from the
	 * database here, input being checked: the act fails, cleanly. */
	if (json_object_set_new(body, "submitted_at",
	    json_string(k->submitted_at)) != 0 || (k->extended_days > 0 &&
	    strcmp(kind, "extend") == 0 && json_object_set_new(body,
	    "extended_days", json_integer(k->extended_days)) != 0) ||
	    (strcmp(kind, "correct") == 0 && json_object_set_new(body,
	    "corrections", corrections_json(k, 0)) != 0) ||
	    (strcmp(kind, "special") == 0 && (k->nsusp == 0 ||
	    json_object_set_new(body, "procedure",
	    json_string(k->susp[k->nsusp - 1].kind)) != 0 ||
	    json_object_set_new(body, "expected_days",
	    json_integer(k->susp[k->nsusp - 1].expected_days)) != 0)) ||
	    (s = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		log_err("%s: the document's text is not JSON text", k->app_no);
		json_decref(body);
		return DB_ERR;
	}
	free(s);
	/* A case an agent made says so on every notice (AGT-1); one made in
	 * an enterprise's name is addressed to the enterprise, the person
	 * its 经办人 (ACC-1): in the body, so under the seal. */
	if ((rc = case_entity(db, pool, k->id, &ename, &ecode)) == DB_ERR) {
		json_decref(body);
		return DB_ERR;
	}
	if (agent_of_case(db, pool, k->id, &agent, &consent) != DB_OK ||
	    (agent != NULL && json_object_set_new(body, "agent",
	    json_string(agent)) != 0) || (rc == DB_OK &&
	    (json_object_set_new(body, "entity_name", json_string(ename)) !=
	    0 || json_object_set_new(body, "credit_code",
	    json_string(ecode)) != 0)) || (s = json_dumps(body,
	    JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		json_decref(body);
		return DB_ERR;
	}
	d->body = pool_strdup(pool, s);
	free(s);
	json_decref(body);
	return DB_OK;
}

/* The opinion of u at step of k; for_u: whom u signs for as a deputy
 * (INT-7), or NULL. */
static enum db_rc
opinion_add(struct db *db, struct pool *pool, const struct kase *k,
    size_t step, const struct user *u, const struct user *for_u,
    const char *verdict, const char *text, const char *now)
{
	struct stmt	*q;
	struct chain_link link;
	enum db_rc	 rc;
	const struct step *s = &k->item.steps[step];
	const char	*signer = u->name;
	enum chain_id	 chain;
	int		 demo;

	/* Keyed chain (chain.h): a changed or deleted opinion is detected.
	 * Whom a deputy signed for is chained with the signer's name, as
	 * chain.c reads them (CONCAT_WS of unit separators), so the rows of
	 * before 103 keep their MACs. */
	if (for_u != NULL)
		signer = pool_printf(pool, "%s\x1f%lld\x1f%s", u->name,
		    (long long)for_u->id, for_u->name);
	/* A generated case's opinions chain apart (135, history.h). */
	if ((rc = chain_for_case(db, pool, CHAIN_OPINION, k->id, &chain,
	    &demo)) != DB_OK)
		return rc;
	if ((rc = chain_link(db, pool, chain, (const char *[]){
	    pool_printf(pool, "%lld", (long long)k->id),
	    pool_printf(pool, "%d", s->seq), s->key, s->name,
	    pool_printf(pool, "%lld", (long long)u->id), signer, verdict,
	    text, now }, 9, &link)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_OPINION_ADD);
	stmt_bind_int(q, 0, k->id);
	stmt_bind_int(q, 1, s->seq);
	stmt_bind_text(q, 2, s->key);
	stmt_bind_text(q, 3, s->name);
	stmt_bind_int(q, 4, u->id);
	stmt_bind_text(q, 5, u->name);
	if (for_u != NULL) {
		stmt_bind_int(q, 6, for_u->id);
		stmt_bind_text(q, 7, for_u->name);
	} else {
		stmt_bind_null(q, 6);
		stmt_bind_null(q, 7);
	}
	stmt_bind_text(q, 8, verdict);
	stmt_bind_text(q, 9, text);
	stmt_bind_text(q, 10, now);
	stmt_bind_text(q, 11, link.prev);
	stmt_bind_text(q, 12, link.mac);
	stmt_bind_int(q, 13, demo);
	return stmt_run(q);
}

/* Which way step i fires for transition t ("back" along the return edge
 * to back_to, or the first); -1 when there is no such way. */
static int
way_for(const struct kase *k, const struct transition *t, size_t i,
    const char *back_to)
{
	size_t	 e;
	int	 way = 0;

	if (strcmp(t->action, "return") != 0)
		return 0;
	for (e = 0; e < k->net.nedges; e++) {
		const struct wf_edge *g = &k->net.edges[e];
		if (!g->back || strcmp(g->from, k->net.steps[i].key) != 0)
			continue;
		way++;
		if (back_to == NULL || strcmp(g->to, back_to) == 0)
			return way;
	}
	return -1;
}

/* The name of the step a return edge of step i leads to, way w. */
static const char *
back_target(const struct kase *k, size_t i, int w)
{
	size_t	 e;
	int	 way = 0;
	int	 j;

	for (e = 0; e < k->net.nedges; e++) {
		const struct wf_edge *g = &k->net.edges[e];
		if (!g->back || strcmp(g->from, k->net.steps[i].key) != 0)
			continue;
		if (++way == w && (j = wf_step_index(&k->net, g->to)) >= 0)
			return k->net.steps[j].name;
	}
	return "";
}

/* What the applicant's timeline says of transition t at step. */
static const char *
public_label(struct pool *pool, const struct kase *k,
    const struct transition *t, int step)
{
	if (strcmp(t->action, "accept") == 0)
		return "已受理";
	if (strcmp(t->action, "reject") == 0)
		return "不予受理";
	if (strcmp(t->action, "approve") == 0)
		return "准予许可";
	if (strcmp(t->action, "deny") == 0)
		return "不予许可";
	if (strcmp(t->action, "return") == 0)
		return "退回重新审查";
	return pool_printf(pool, "%s环节已完成", k->item.steps[step].name);
}

const char *
flow_recusal_why(struct pool *pool, const struct kase *k,
    const struct user *u, const char *key)
{
	const char	*done;
	size_t		 i;

	for (i = 0; i < k->item.nsteps; i++) {
		if (key != NULL && strcmp(key, k->item.steps[i].key) != 0)
			continue;
		if ((done = flow_recused(k, u, i)) != NULL)
			return pool_printf(pool, "您已办理过本件的「%s」环节，"
			    "按回避规定不能再办理「%s」环节，请由本部门其他"
			    "工作人员办理。", done, k->item.steps[i].name);
	}
	return NULL;
}

/* The members of extra (when not NULL) join document d's body; 0, or -1
 * when the body is not JSON text any more. */
static int
doc_extend(struct pool *pool, struct doc *d, json_t *extra)
{
	json_t	*body;
	char	*s;

	if (extra == NULL)
		return 0;
	if ((body = json_loads(d->body, 0, NULL)) == NULL ||
	    json_object_update(body, extra) != 0 || (s = json_dumps(body,
	    JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		json_decref(body);
		return -1;
	}
	d->body = pool_strdup(pool, s);
	free(s);
	json_decref(body);
	return 0;
}

/* What a decision to grant states besides the item (DOC-1), as members
 * of its body: "scope" and "valid_until" when given; NULL for none. */
static json_t *
permit_json(const struct permit *p)
{
	json_t	*o;

	if (p == NULL || (o = json_object()) == NULL)
		return NULL;
	if (p->scope != NULL && *p->scope != '\0')
		json_object_set_new(o, "scope", json_string(p->scope));
	if (p->valid_until != NULL && *p->valid_until != '\0')
		json_object_set_new(o, "valid_until",
		    json_string(p->valid_until));
	return o;
}

/* The licence of a grant of case k at step (licence.h): held by the
 * enterprise the case was made for, else by the person. */
static enum db_rc
issue_licence(struct db *db, struct pool *pool, const struct kase *k,
    int step, const struct permit *p)
{
	enum db_rc	 rc;
	char		*ent, *credit, *no;

	if ((rc = case_entity(db, pool, k->id, &ent, &credit)) == DB_ERR)
		return rc;
	return licence_issue(db, pool, k->app_no, k->item_code, k->item_name,
	    k->item.steps[step].dept_code, ent != NULL ? ent :
	    k->applicant_name, ent != NULL ? credit : NULL, k->id_number,
	    p != NULL ? p->scope : NULL, p != NULL ? p->valid_until : NULL,
	    &no);
}

/*
 * Does the case leave step's department for another when its marking
 * becomes next: no step of that department enabled then, and some step
 * of another one?
 */
static int
dept_leaves(const struct kase *k, const struct wf_marking *next,
    size_t step)
{
	const char	*d = k->item.steps[step].dept_code;
	size_t		 i;
	int		 other = 0;

	for (i = 0; i < k->item.nsteps; i++) {
		if (wf_ways(&k->net, next, i) == 0)
			continue;
		if (strcmp(k->item.steps[i].dept_code, d) == 0)
			return 0;
		other = 1;
	}
	return other;
}

/*
 * Transition t (opinion verdict v, or NULL) of case k, loaded under its
 * row lock with its attachments, at step_key (NULL: the first step user
 * may take it at), inside the caller's transaction: opinion, document,
 * tokens, state, event and outbox record, hand and audit row.
 */
static enum db_rc
act_locked(struct db *db, struct pool *pool, struct kase *k,
    const struct user *u, const struct transition *t, const char *v,
    const char *step_key, const char *text, const char *back_to,
    const struct permit *permit, const char **why)
{
	struct doc		 d;
	struct wf_marking	 next;
	struct stmt		*q;
	struct delegation	*dv;
	const struct delegation	*dg = NULL;
	struct user		 a, *for_u = NULL;
	enum db_rc		 rc;
	const char		*state, *label, *doc_kind;
	char			*now, *today;
	int64_t			 dummy;
	size_t			 i, dn;
	int			 way, ended, step = -1, unpaid;

	/* On their own account first; else for whoever delegated to them
	 * and is away today (INT-7), looked up only then. */
	for (i = 0; i < k->item.nsteps && step < 0; i++)
		if ((step_key == NULL ||
		    strcmp(step_key, k->item.steps[i].key) == 0) &&
		    flow_may(k, u, t, i))
			step = (int)i;
	dv = NULL;
	dn = 0;
	if (step < 0 && (rc = delegation_in_force(db, pool, u->id,
	    cal_day_of(clock_now()), &dv, &dn)) != DB_OK)
		return rc;
	for (i = 0; i < k->item.nsteps && step < 0; i++)
		if ((step_key == NULL ||
		    strcmp(step_key, k->item.steps[i].key) == 0) &&
		    (dg = flow_may_for(k, u, dv, dn, t, i)) != NULL)
			step = (int)i;
	if (step < 0) {
		*why = flow_recusal_why(pool, k, u, step_key);
		for (i = 0; i < k->item.nsteps && *why == NULL; i++)
			if (step_key == NULL ||
			    strcmp(step_key, k->item.steps[i].key) == 0)
				*why = flow_deputy_recusal_why(pool, k, u, dv,
				    dn, i);
		if (*why == NULL)
			*why = "这个办件已经不在您的环节，可能已被他人处理。";
		return DB_NONE;
	}
	if (dg != NULL) {
		delegation_principal(dg, &a);
		for_u = &a;
	}
	if ((way = way_for(k, t, (size_t)step, back_to)) < 0) {
		*why = "不能回退到这个环节。";
		return DB_NONE;
	}
	q = db_stmt(db, SQL_EVENT_NEXT);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_one(q, pool, "iss", &dummy, &now, &today)) != DB_OK)
		return rc;
	if (v != NULL && (rc = opinion_add(db, pool, k, (size_t)step, u,
	    for_u, v, text ? text : "同意。", now)) != DB_OK)
		return rc;
	/* A case returned to its intake step is accepted once only. */
	doc_kind = t->doc_kind;
	if (doc_kind != NULL && strcmp(doc_kind, "accept") == 0 &&
	    strcmp(k->state, "received") != 0)
		doc_kind = NULL;
	if (doc_kind != NULL) {
		json_t *extra = strcmp(doc_kind, "approve") == 0 ?
		    permit_json(permit) : NULL;

		rc = doc_make(db, pool, k, k->item.steps[step].dept_code,
		    doc_kind, flow_signer(pool, u->name, for_u ? for_u->name :
		    NULL), text, now, today, &d);
		if (rc == DB_OK && doc_extend(pool, &d, extra) == -1)
			rc = DB_ERR;
		json_decref(extra);
		if (rc != DB_OK || (rc = doc_add(db, &d)) != DB_OK ||
		    (rc = docseal_sign(db, pool, k->item.steps[step].dept_code,
		    &d)) != DB_OK)
			return rc;
	}
	/* A refusal ends the case; anything else moves its tokens. */
	ended = t->to_state != NULL && strcmp(t->to_state, "approved") != 0;
	if (ended)
		memset(&next, 0, sizeof(next));
	else if (wf_fire(&k->net, &k->marking, (size_t)step, way, &next) ==
	    -1)
		return DB_ERR;
	if (ended)
		state = t->to_state;
	else if (wf_complete(&k->net, &next)) {
		state = "approved";
		ended = 1;
	} else
		state = "processing";
	/* No approval while a fee is unpaid (seed 004 #3 第十九条). */
	if (strcmp(state, "approved") == 0 &&
	    (unpaid = fee_unpaid(db, pool, k->id)) != 0) {
		*why = unpaid < 0 ? NULL : "本件核定的费用尚未缴纳，窗口确认"
		    "缴费后才能准予许可。";
		return unpaid < 0 ? DB_ERR : DB_NONE;
	}
	/* Paper follows the case (DOC-3): a department the case leaves
	 * hands its paper on, or says why it keeps it. */
	if (!ended && dept_leaves(k, &next, (size_t)step) &&
	    (rc = paper_left_behind(db, pool, k->id,
	    k->item.steps[step].dept_code, why)) != DB_OK)
		return rc;
	/* A grant issues the item's licence with it (DOC-2). */
	if (strcmp(state, "approved") == 0 &&
	    (rc = issue_licence(db, pool, k, step, permit)) != DB_OK)
		return rc;
	if ((rc = save_state(db, pool, k, &next, ended)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_CASE_MOVE);
	stmt_bind_text(q, 0, state);
	stmt_bind_int(q, 1, k->item.steps[step].seq);
	stmt_bind_text(q, 2, t->action);
	stmt_bind_text(q, 3, state);
	stmt_bind_int(q, 4, k->id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if (strcmp(t->action, "return") == 0)
		label = pool_printf(pool, "%s·回退至%s",
		    k->item.steps[step].name, back_target(k, (size_t)step,
		    way));
	else if (strcmp(k->item.steps[step].name, t->label) == 0)
		label = t->label;
	else
		label = pool_printf(pool, "%s·%s", k->item.steps[step].name,
		    t->label);
	if ((rc = event_step_out(db, pool, k, k->item.steps[step].key,
	    t->action, label, state, u, for_u,
	    text, doc_kind != NULL ? &d : NULL, public_label(pool, k, t, step),
	    t->to_state != NULL && t->needs_text ? text : NULL)) != DB_OK ||
	    (rc = hand_add(db, k, u, step)) != DB_OK ||
	    (for_u != NULL && (rc = hand_add(db, k, for_u, step)) != DB_OK))
		return rc;
	/* A decision's result is published (PUB-1), queued with it. */
	if (ended && (rc = pub_result_queue(db, pool, k, state,
	    doc_kind != NULL ? d.doc_no : "")) != DB_OK)
		return rc;
	/* 回避: a deputy's act is the hand of both, the one who signed and
	 * the one whose authority it used; the audit row names both. */
	if (for_u == NULL)
		return audit_add(db, pool, u->login, pool_printf(pool,
		    "case.%s", t->action), k->app_no, text ? text : "");
	return audit_json(db, pool, u->login, pool_printf(pool, "case.%s",
	    t->action), k->app_no, json_pack("{s:s, s:s, s:s, s:I}", "text",
	    text ? text : "", "for", for_u->login, "for_name", for_u->name,
	    "delegation", (json_int_t)dg->id));
}

/* Case id loaded under its row lock with its attachments, in a
 * transaction begun. */
static enum db_rc
case_lock(struct db *db, struct pool *pool, int64_t id, struct kase *k)
{
	enum db_rc	 rc;

	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, k)) != DB_OK)
		return rc;
	return attachment_list(db, pool, k->app_no, &k->atts, &k->natts);
}

/* What is wrong with permit p for a decision made today, or NULL. */
static const char *
permit_bad(struct db *db, struct pool *pool, const struct permit *p)
{
	cal_day		 until, today;
	char		*day;

	if (p == NULL || p->valid_until == NULL || *p->valid_until == '\0')
		return NULL;
	if (cal_day_parse(p->valid_until, &until) == -1)
		return "有效期请按 年-月-日 填写，如 2031-12-05。";
	if (stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &day) != DB_OK ||
	    cal_day_parse(day, &today) == -1)
		return "暂时无法核对日期，请稍后再试。";
	if (until <= today)
		return "有效期应晚于今天。";
	return NULL;
}

/* case_act()'s transaction, run again whole after a deadlock (db_txn):
 * everything it writes is in the database, the documents and the outbox
 * rows too, and it reads the case afresh under its lock each time. */
struct act_args {
	struct pool		*pool;
	int64_t			 id;
	const struct user	*u;
	const struct transition	*t;
	const char		*v, *step_key, *text, *back_to;
	const struct permit	*permit;
	const char		**why;
	const struct withdraw_req *w;	/* case_withdraw_window() */
};

static enum db_rc
act_txn(struct db *db, void *arg)
{
	struct act_args	*a = arg;
	struct kase	 k;
	enum db_rc	 rc;

	*a->why = NULL;
	/* The row lock serialises every transition of this case. */
	if ((rc = case_lock(db, a->pool, a->id, &k)) != DB_OK) {
		*a->why = rc == DB_NONE ? "没有这个办件。" : NULL;
		return rc;
	}
	return act_locked(db, a->pool, &k, a->u, a->t, a->v, a->step_key,
	    a->text, a->back_to, a->permit, a->why);
}

enum db_rc
case_act(struct db *db, struct pool *pool, int64_t id, const struct user *u,
    const char *action, const char *step_key, const char *verdict,
    const char *text, const char *back_to, const struct permit *permit,
    const char **why)
{
	const struct transition	*t;
	struct act_args		 a;
	const char		*v = NULL;

	*why = NULL;
	if ((t = flow_find(action)) == NULL) {
		*why = "没有这个操作。";
		return DB_NONE;
	}
	if (t->needs_text && (text == NULL || *text == '\0')) {
		*why = "请填写意见或理由后再提交。";
		return DB_NONE;
	}
	if (t->verdict != NULL) {
		v = t->verdict;
		if (strcmp(v, "either") == 0) {
			if (verdict == NULL || (strcmp(verdict, "agree") != 0 &&
			    strcmp(verdict, "disagree") != 0)) {
				*why = "请选择同意或不同意。";
				return DB_NONE;
			}
			v = verdict;
		}
	}
	if (strcmp(t->action, "approve") == 0 &&
	    (*why = permit_bad(db, pool, permit)) != NULL)
		return DB_NONE;
	a = (struct act_args){ pool, id, u, t, v, step_key, text, back_to,
	    permit, why };
	return db_txn(db, act_txn, &a);
}

int
flow_may_instant(const struct kase *k, const struct user *u)
{
	return k->item.instant && intake_step(k, u) >= 0;
}

/* case_instant()'s transaction (db_txn: run again whole after a
 * deadlock). */
static enum db_rc
instant_txn(struct db *db, void *arg)
{
	struct act_args	*a = arg;
	struct kase	 k;
	enum db_rc	 rc;

	*a->why = NULL;
	if ((rc = case_lock(db, a->pool, a->id, &k)) != DB_OK)
		return rc;
	if (!flow_may_instant(&k, a->u)) {
		*a->why = !k.item.instant ? "这个事项不是即办件，请受理后按流程"
		    "办理。" : "只有等待受理的即办件可以当场办结，且须由受理窗口"
		    "的工作人员办理。";
		return DB_NONE;
	}
	/* Accepted, read again, decided: both documents, one sitting. */
	if ((rc = act_locked(db, a->pool, &k, a->u, flow_find("accept"),
	    NULL, NULL, a->text, NULL, NULL, a->why)) != DB_OK ||
	    (rc = case_lock(db, a->pool, a->id, &k)) != DB_OK)
		return rc;
	if ((rc = act_locked(db, a->pool, &k, a->u, flow_find("approve"),
	    "agree", NULL, a->text != NULL && *a->text != '\0' ? a->text :
	    "符合条件，当场办结。", NULL, NULL, a->why)) == DB_NONE)
		*a->why = "这个即办件受理后的环节不在窗口，不能当场办结；"
		    "请受理后按流程办理。";
	return rc;
}

enum db_rc
case_instant(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char *text, const char **why)
{
	struct act_args	 a = { pool, id, u, NULL, NULL, NULL, text, NULL,
	    NULL, why };

	*why = NULL;
	return db_txn(db, instant_txn, &a);
}

/*
 * Case id, still waiting for acceptance on day today although its intake
 * deadline has passed (red), deemed accepted: its intake step fires as an
 * acceptance would, without a notice (the office issued none), accepted
 * from the day of receipt; the timeline says why, for the applicant too,
 * and the audit row is the tick's.  1 done, 0 nothing to do (decided or
 * not late meanwhile), -1 on error.
 */
static int
deem_one(struct db *db, struct pool *pool, const struct calendar *c,
    cal_day today, int64_t id)
{
	struct wf_marking next;
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*state;
	char		*note;
	cal_day		 due;
	size_t		 i;
	int		 days, step = -1;

	if (db_begin(db) != DB_OK)
		return -1;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (strcmp(k.state, "received") != 0 || k.intake_due == NULL ||
	    cal_day_parse(k.intake_due, &due) == -1 ||
	    deadline_light(c, today, due, &days) != LIGHT_RED) {
		db_rollback(db);
		return 0;
	}
	for (i = 0; i < k.item.nsteps && step < 0; i++)
		if (flow_enabled(&k, i) && step_at(&k, i, AT_FIRST))
			step = (int)i;
	if (step < 0 || wf_fire(&k.net, &k.marking, (size_t)step, 0,
	    &next) == -1) {
		log_err("case %lld: no intake step to deem accepted",
		    (long long)id);
		rc = DB_ERR;
		goto fail;
	}
	state = wf_complete(&k.net, &next) ? "approved" : "processing";
	note = pool_printf(pool, "受理期限（%s）已过，审批部门未作出受理、不予"
	    "受理或要求补正的决定，依照《中华人民共和国行政许可法》第三十二条，"
	    "自收到申请之日（%.10s）起即为受理。", k.intake_due,
	    k.received_at);
	if ((rc = save_state(db, pool, &k, &next, strcmp(state,
	    "approved") == 0)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_CASE_DEEMED);
	stmt_bind_text(q, 0, state);
	stmt_bind_int(q, 1, k.item.steps[step].seq);
	stmt_bind_text(q, 2, state);
	stmt_bind_int(q, 3, k.id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_step_out(db, pool, &k, k.item.steps[step].key, "deem",
	    pool_printf(pool, "%s·逾期视为受理", k.item.steps[step].name),
	    state, NULL, NULL,
	    note, NULL, "已受理（逾期未作决定，依法视为受理）", note)) != DB_OK ||
	    (rc = pub_result_queue(db, pool, &k, state, "")) != DB_OK ||
	    (rc = audit_json(db, pool, "tick", "case.deem", k.app_no,
	    json_pack("{s:s, s:s, s:i}", "intake_due", k.intake_due,
	    "received", k.received_at, "days_late", days))) != DB_OK)
		goto fail;
	if (db_commit(db) != DB_OK)
		return -1;
	log_info("case %s deemed accepted: intake due %s", k.app_no,
	    k.intake_due);
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/*
 * A timed rule of the tick: one (1 done, 0 nothing to do, -1 error) for
 * each case sql selects as due on day today (its one parameter), each in
 * its own transaction; the ids are read first, so that none is held
 * locked while another is worked on.  *n: how many were done.
 */
static enum db_rc
each_due(struct db *db, struct pool *pool, const char *sql,
    const struct calendar *c, cal_day today,
    int (*one)(struct db *, struct pool *, const struct calendar *, cal_day,
    int64_t), int *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 id, *ids = NULL;
	size_t		 got = 0, cap = 0, i;
	int		 r;

	*n = 0;
	q = db_stmt(db, sql);
	stmt_bind_text(q, 0, cal_day_str(pool, today));
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "i", &id)) == DB_OK)
		*(int64_t *)pool_push(pool, &ids, &got, &cap, sizeof(id)) = id;
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	for (i = 0; i < got; i++) {
		if ((r = one(db, pool, c, today, ids[i])) < 0)
			return DB_ERR;
		*n += r;
	}
	return DB_OK;
}

enum db_rc
case_deem_due(struct db *db, struct pool *pool, const struct calendar *c,
    cal_day today, int *n)
{
	return each_due(db, pool, SQL_DEEM_DUE, c, today, deem_one, n);
}

/* Number, fill and store the document of kind for case k, issued now by
 * department dept (doc_make(), doc_add()); the members of extra, when not
 * NULL, join its body (a fee notice's amount and deadline). */
static enum db_rc
doc_issue_with(struct db *db, struct pool *pool, const struct kase *k,
    const char *dept, const char *kind, const struct user *u,
    const char *text, json_t *extra, struct doc *d)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*now, *today;
	int64_t		 seq;

	q = db_stmt(db, SQL_EVENT_NEXT);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_one(q, pool, "iss", &seq, &now, &today)) != DB_OK ||
	    (rc = doc_make(db, pool, k, dept, kind, u->name, text, now, today,
	    d)) != DB_OK)
		return rc;
	if (doc_extend(pool, d, extra) == -1)
		return DB_ERR;
	/* Sealed by the department that issues it (DOC-1). */
	if ((rc = doc_add(db, d)) != DB_OK)
		return rc;
	return docseal_sign(db, pool, dept, d);
}

static enum db_rc
doc_issue(struct db *db, struct pool *pool, const struct kase *k,
    const char *dept, const char *kind, const struct user *u,
    const char *text, struct doc *d)
{
	return doc_issue_with(db, pool, k, dept, kind, u, text, NULL, d);
}

/*
 * End open case k (locked, case_lock()) as its applicant asked (INT-3):
 * the 准予撤回决定书 (*d, its own series) issued by by, the case
 * withdrawn, its tasks off every worklist, the event (by's when how says
 * how the window received the request, else the system's; the applicant
 * reads the reason, never how) and actor's audit row.  The one way a
 * withdrawal ends a case: the extranet's import and the window's.
 */
static enum db_rc
case_withdraw_locked(struct db *db, struct pool *pool, struct kase *k,
    const struct user *by, const char *actor, const char *reason,
    const char *how, struct doc *d)
{
	struct wf_marking none;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*note, *inner;

	note = *reason != '\0' ? pool_printf(pool, "撤回理由：%s", reason) :
	    pool_strdup(pool, "");
	inner = how == NULL ? note : *note != '\0' ? pool_printf(pool,
	    "%s；%s", how, note) : pool_strdup(pool, how);
	if (doc_issue(db, pool, k, k->item.dept_code, "withdraw", by,
	    *reason != '\0' ? reason : "申请人申请撤回。", d) != DB_OK)
		return DB_ERR;
	memset(&none, 0, sizeof(none));
	if ((rc = save_state(db, pool, k, &none, 1)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_CASE_WITHDRAWN);
	stmt_bind_int(q, 0, k->id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_out(db, pool, k, "withdraw", "申请人撤回申请，办理终止",
	    "withdrawn", how != NULL ? by : NULL, NULL, inner, d, "准予撤回",
	    note)) != DB_OK)
		return rc;
	return audit_add(db, pool, actor, "case.withdraw", k->app_no,
	    d->doc_no);
}

/*
 * An applicant's withdrawal from the extranet (EXT-5, INT-3), inside the
 * import's transaction: an open case ends as case_withdraw_locked() ends
 * it, sent back with the event.  A case decided before the request
 * crossed the gap stays as decided, and the applicant is told; one the
 * window ended on a written request meanwhile (intake_withdraw()) is
 * set aside without a word, its own event told the applicant.
 */
enum db_rc
case_import_withdraw(struct db *db, struct pool *pool, json_t *rec,
    int *aside, char *err, size_t errlen)
{
	static const struct user system = { .name = "一网通办系统" };
	struct kase	 k;
	struct doc	 d;
	enum db_rc	 rc;
	const char	*app_no, *at, *reason;
	char		*note;
	int64_t		 id;

	if (json_unpack(rec, "{s:s, s:s, s:s}", "app_no", &app_no, "at", &at,
	    "reason", &reason) != 0) {
		snprintf(err, errlen, "撤回申请记录缺少字段");
		return DB_NONE;
	}
	if ((rc = case_id_of(db, pool, app_no, &id)) != DB_OK ||
	    (rc = case_lock(db, pool, id, &k)) != DB_OK) {
		snprintf(err, errlen, rc == DB_NONE ? "内网没有申请 %s 的办件" :
		    "申请 %s 的办件无法读取", app_no);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	if ((*aside = !flow_open(&k)) && strcmp(k.state, "withdrawn") == 0)
		return DB_OK;
	note = *reason != '\0' ? pool_printf(pool, "撤回理由：%s", reason) :
	    pool_strdup(pool, "");
	if (*aside)
		return event_out(db, pool, &k, "withdraw-late",
		    "申请人申请撤回，本件已办结，未能撤回", k.state, NULL, NULL,
		    note, NULL, "撤回未能办理：本件在收到撤回申请前已经办结",
		    "您申请撤回时，本件已作出决定，撤回未能办理；决定见本页"
		    "的办理文书。");
	return case_withdraw_locked(db, pool, &k, &system, "extranet", reason,
	    NULL, &d);
}

int
flow_may_withdraw(const struct kase *k, const struct user *u)
{
	return flow_open(k) && (u->roles & ROLE_CLERK) != 0 &&
	    u->dept_code != NULL && strcmp(u->dept_code, k->item.dept_code) ==
	    0;
}

/* case_withdraw_window()'s transaction (db_txn). */
static enum db_rc
withdraw_txn(struct db *db, void *arg)
{
	struct act_args		*a = arg;
	struct attachment	 scan;
	struct kase		 k;
	struct doc		 d;
	enum db_rc		 rc;
	const char		*how;

	*a->why = NULL;
	if ((rc = case_lock(db, a->pool, a->id, &k)) != DB_OK)
		return rc;
	if (!flow_may_withdraw(&k, a->u)) {
		*a->why = strcmp(k.state, "withdrawn") == 0 ? "本件已经撤回，"
		    "不能再次登记撤回；准予撤回决定书见本页的办理文书。" :
		    !flow_open(&k) ? "本件已经办结，不能再撤回。如申请人对决定"
		    "有异议，请告知其可以依法申请行政复议或者提起行政诉讼。" :
		    "只有本事项所属部门的窗口工作人员可以登记撤回。";
		return DB_NONE;
	}
	if (a->w->scan != NULL) {
		scan = *a->w->scan;
		scan.material_seq = CASE_WITHDRAW_SEQ;
		scan.round = 0;
		if ((rc = attachment_add(db, k.app_no, &scan)) != DB_OK)
			return rc;
	} else if ((rc = paper_add_in(db, a->pool, &k, a->u,
	    "书面撤回申请（纸质已收）", 1, a->w->pages, a->why)) != DB_OK)
		return rc;
	how = pool_printf(a->pool, "窗口收到书面撤回申请（%s），已核验%s",
	    a->w->scan != NULL ? "扫描件见申请材料" : "纸质已收",
	    a->w->agent ? "代理人身份证件和授权委托书" : "申请人身份证件");
	return case_withdraw_locked(db, a->pool, &k, a->u, a->u->login,
	    a->w->reason, how, &d);
}

enum db_rc
case_withdraw_window(struct db *db, struct pool *pool, int64_t id,
    const struct user *clerk, const struct withdraw_req *w,
    const char **why)
{
	struct act_args	 a;

	memset(&a, 0, sizeof(a));
	a.pool = pool;
	a.id = id;
	a.u = clerk;
	a.why = why;
	a.w = w;
	*why = NULL;
	return db_txn(db, withdraw_txn, &a);
}

int
flow_leads(const struct kase *k, const struct user *u)
{
	return (u->roles & ROLE_LEADER) != 0 && flow_involves(k, u);
}

int
flow_may_extend(const struct kase *k, const struct user *u)
{
	return strcmp(k->state, "processing") == 0 && k->extended_days == 0 &&
	    flow_leads(k, u);
}

enum db_rc
case_extend(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, int days, const char *reason, const char **why)
{
	struct kase	 k;
	struct doc	 d;
	struct stmt	*q;
	enum db_rc	 rc;

	*why = NULL;
	if (days < 1 || days > EXTEND_DAYS_MAX) {
		*why = pool_printf(pool, "延长的期限应为 1 至 %d 个工作日（行政"
		    "许可法第四十二条）。", EXTEND_DAYS_MAX);
		return DB_NONE;
	}
	if (reason == NULL || *reason == '\0') {
		*why = "请写明延长期限的理由，它将写入延期审批告知书。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (!flow_may_extend(&k, u)) {
		*why = k.extended_days > 0 ? "本件已经延长过一次期限，不能再延长。" :
		    strcmp(k.state, "processing") != 0 ? "只有已受理、尚未办结的"
		    "办件可以延长期限。" : "延长期限须由本部门分管领导批准。";
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_CASE_EXTEND);
	stmt_bind_int(q, 0, days);
	stmt_bind_int(q, 1, k.id);
	/* The case read again: its deadlines moved by the extension. */
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = deadline_case(db, pool, k.id)) != DB_OK ||
	    (rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = attachment_list(db, pool, k.app_no, &k.atts, &k.natts)) !=
	    DB_OK)
		goto fail;
	if ((rc = doc_issue(db, pool, &k, u->dept_code, "extend", u, reason,
	    &d)) != DB_OK || (rc = event_out(db, pool, &k, "extend",
	    pool_printf(pool, "延长办理期限 %d 个工作日", days), k.state, u,
	    NULL, reason, &d, "延长办理期限", pool_printf(pool, "经批准，办理期限延长 "
	    "%d 个工作日，"
	    "预计办结日期改为 %s。理由：%s", days, k.promised_due, reason))) !=
	    DB_OK || (rc = audit_json(db, pool, u->login, "case.extend",
	    k.app_no, json_pack("{s:i, s:s, s:s}", "days", days,
	    "promised_due", k.promised_due, "doc_no", d.doc_no))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
case_urge(struct db *db, struct pool *pool, int64_t id, const struct user *u,
    const char *step_key, const char *note, const char **why)
{
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	int		 i;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (!flow_leads(&k, u)) {
		*why = "催办须由本部门分管领导发出。";
		rc = DB_NONE;
		goto fail;
	}
	if (step_key == NULL || (i = wf_step_index(&k.net, step_key)) < 0 ||
	    !flow_enabled(&k, (size_t)i)) {
		*why = "这个环节现在没有待办，可能已经办理，请刷新后再看。";
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_URGE_ADD);
	stmt_bind_int(q, 0, k.id);
	stmt_bind_text(q, 1, step_key);
	stmt_bind_int(q, 2, u->id);
	stmt_bind_text(q, 3, u->name);
	stmt_bind_text(q, 4, note ? note : "");
	if ((rc = stmt_run(q)) != DB_OK || (rc = audit_json(db, pool,
	    u->login, "case.urge", k.app_no, json_pack("{s:s, s:s}", "step",
	    step_key, "note", note ? note : ""))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

static enum db_rc
urge_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct case_urge *u = arg;

	return stmt_row(q, pool, "issss", &u->case_id, &u->step_key,
	    &u->staff_name, &u->note, &u->at);
}

enum db_rc
case_urges(struct db *db, struct pool *pool, int64_t id,
    struct case_urge **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_URGES);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, urge_row, sizeof(**v), v, n);
}

enum db_rc
case_urges_of(struct db *db, struct pool *pool, const int64_t *ids,
    size_t n, struct case_urge **out, size_t *nout)
{
	struct case_urge *b;
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i, k, nb, cap = 0;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < n; i += MARK_BATCH) {
		q = db_stmt(db, SQL_URGES_OF);
		stmt_bind_ids(q, 0, ids + i, n - i < MARK_BATCH ? n - i :
		    MARK_BATCH);
		if ((rc = stmt_list(q, pool, urge_row, sizeof(*b), &b, &nb)) !=
		    DB_OK)
			return rc;
		for (k = 0; k < nb; k++)
			*(struct case_urge *)pool_push(pool, out, nout, &cap,
			    sizeof(**out)) = b[k];
	}
	return DB_OK;
}

/* The intake step user may refuse or accept at now, or -1. */
static int
intake_step(const struct kase *k, const struct user *u)
{
	const struct transition	*t = flow_find("reject");
	size_t			 i;

	for (i = 0; i < k->item.nsteps; i++)
		if (flow_may(k, u, t, i))
			return (int)i;
	return -1;
}

int
flow_may_correct(const struct kase *k, const struct user *u)
{
	return !k->correct_asked && k->item.nmaterials > 0 &&
	    intake_step(k, u) >= 0;
}

/* v[0..n) as 补正 may ask it of case k: materials of its item, each
 * once, each with a reason.  NULL, or what is wrong. */
static const char *
corrections_bad(struct pool *pool, const struct kase *k,
    const struct correction *v, size_t n)
{
	size_t	 i, j;

	if (n == 0)
		return "请勾选需要补正的材料，并写明每一项需要补正的原因。";
	for (i = 0; i < n; i++) {
		for (j = 0; j < k->item.nmaterials; j++)
			if (k->item.materials[j].seq == v[i].material_seq)
				break;
		if (j == k->item.nmaterials)
			return "所选材料不是这个事项的申请材料，请刷新页面后"
			    "重新选择。";
		for (j = 0; j < i; j++)
			if (v[j].material_seq == v[i].material_seq)
				return "同一项材料只能列一次。";
		if (v[i].reason == NULL || *v[i].reason == '\0')
			return pool_printf(pool, "请写明「%s」需要补正的原因，"
			    "它将写入补正材料通知书。",
			    k->item.materials[j].name);
	}
	return NULL;
}

enum db_rc
case_correct(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const struct correction *v, size_t n,
    const char **why)
{
	struct kase	 k;
	struct doc	 d;
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i, j;
	int		 step;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	rc = DB_NONE;
	if (k.correct_asked) {
		*why = "本件已经要求过一次补正。补正只能一次性告知，不能再次"
		    "要求补正；请作出受理或不予受理的决定。";
		goto fail;
	}
	if ((step = intake_step(&k, u)) < 0) {
		*why = flow_recusal_why(pool, &k, u, NULL);
		if (*why == NULL)
			*why = "只有等待受理的办件可以要求补正，且须由受理环节的"
			    "工作人员办理。";
		goto fail;
	}
	if ((*why = corrections_bad(pool, &k, v, n)) != NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		for (j = 0; k.item.materials[j].seq != v[i].material_seq; j++)
			;
		q = db_stmt(db, SQL_CORR_ADD);
		stmt_bind_int(q, 0, k.id);
		stmt_bind_int(q, 1, v[i].material_seq);
		stmt_bind_text(q, 2, k.item.materials[j].name);
		stmt_bind_text(q, 3, v[i].reason);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
	}
	q = db_stmt(db, SQL_CASE_CORRECTING);
	stmt_bind_int(q, 0, k.id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_TASKS_CLEAR);
	stmt_bind_int(q, 0, k.id);
	/* Read again: the list and the state are the notice's. */
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = attachment_list(db, pool, k.app_no, &k.atts, &k.natts)) !=
	    DB_OK ||
	    (rc = doc_issue(db, pool, &k, k.item.steps[step].dept_code,
	    "correct", u, NULL, &d)) != DB_OK ||
	    (rc = event_step_out(db, pool, &k, k.item.steps[step].key,
	    "correct", pool_printf(pool,
	    "%s·要求补正（%zu 项材料）", k.item.steps[step].name, n),
	    "correcting", u, NULL, "", &d, "需要补正材料", "请按补正材料通知书所列，"
	    "一次性上传补正材料。收到补正材料后，受理期限重新计算。")) !=
	    DB_OK)
		goto fail;
	if ((rc = hand_add(db, &k, u, step)) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "case.correct", k.app_no,
	    json_pack("{s:i, s:s}", "materials", (int)n, "doc_no",
	    d.doc_no))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* The attachments of record rec as the list 补正 asked of case k: the
 * same materials, each once; 0, or -1 with err. */
static int
corrections_match(struct pool *pool, const struct kase *k, json_t *atts,
    struct attachment **out, char *err, size_t errlen)
{
	struct attachment	*a;
	json_t			*e;
	const char		*name, *fname, *sha, *mime;
	json_int_t		 seq, size;
	size_t			 i;

	a = pool_alloc(pool, (k->ncorr + 1) * sizeof(*a));
	if (json_array_size(atts) != k->ncorr) {
		snprintf(err, errlen, "申请 %s 的补正材料与补正通知所列项数不同",
		    k->app_no);
		return -1;
	}
	json_array_foreach(atts, i, e) {
		if (json_unpack(e, "{s:I, s:s, s:s, s:s, s:I, s:s}",
		    "material_seq", &seq, "material_name", &name,
		    "file_name", &fname, "sha256", &sha, "size", &size,
		    "mime", &mime) != 0 || strlen(sha) != 64 ||
		    seq != k->corr[i].material_seq ||
		    strcmp(name, k->corr[i].material_name) != 0) {
			snprintf(err, errlen, "申请 %s 的第 %zu 份补正材料不是"
			    "补正通知所列的材料", k->app_no, i + 1);
			return -1;
		}
		a[i].material_seq = (int)seq;
		a[i].round = 1;
		a[i].material_name = (char *)name;
		a[i].file_name = (char *)fname;
		memcpy(a[i].sha256, sha, 65);
		a[i].size = size;
		a[i].mime = (char *)mime;
	}
	*out = a;
	return 0;
}

enum db_rc
case_import_correction(struct db *db, struct pool *pool, json_t *rec,
    int *aside, char *err, size_t errlen)
{
	struct attachment *a;
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*atts;
	const char	*app_no, *at;
	int64_t		 id;
	size_t		 i;

	if (json_unpack(rec, "{s:s, s:s, s:o}", "app_no", &app_no, "at", &at,
	    "attachments", &atts) != 0) {
		snprintf(err, errlen, "补正材料记录缺少字段");
		return DB_NONE;
	}
	if ((rc = case_id_of(db, pool, app_no, &id)) != DB_OK ||
	    (rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK) {
		snprintf(err, errlen, rc == DB_NONE ? "内网没有申请 %s 的办件" :
		    "申请 %s 的办件无法读取", app_no);
		return rc == DB_NONE ? DB_NONE : DB_ERR;
	}
	/* Ended meanwhile (withdrawn, say, before the corrections crossed
	 * the gap): the applicant is told, the bundle is never refused. */
	if ((*aside = !flow_open(&k)))
		return event_out(db, pool, &k, "corrected-late",
		    "申请人提交补正材料，本件已办结，未予接收", k.state, NULL,
		    NULL, "", NULL, "补正材料未能接收：本件已办结",
		    "您提交补正材料时，本件已经办结，补正材料未予接收；办理"
		    "结果见本页。");
	if (strcmp(k.state, "correcting") != 0 || k.corrected_at != NULL) {
		snprintf(err, errlen, "申请 %s 的办件没有在等待补正材料",
		    app_no);
		return DB_NONE;
	}
	if (corrections_match(pool, &k, atts, &a, err, errlen) == -1)
		return DB_NONE;
	for (i = 0; i < k.ncorr; i++)
		if ((rc = attachment_add(db, app_no, &a[i])) != DB_OK)
			return rc;
	q = db_stmt(db, SQL_CASE_CORRECTED);
	stmt_bind_text(q, 0, at);
	stmt_bind_int(q, 1, k.id);
	/* The clocks run again from the correction (deadline.h); the intake
	 * step is back on the worklists from now. */
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = deadline_case(db, pool, k.id)) != DB_OK ||
	    (rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = save_state(db, pool, &k, &k.marking, 0)) != DB_OK ||
	    (rc = event_out(db, pool, &k, "corrected", pool_printf(pool,
	    "申请人提交补正材料（%zu 项）", k.ncorr), "received", NULL, NULL, "",
	    NULL, "已收到补正材料，等待受理", "受理期限自提交补正材料之日起"
	    "重新计算。")) != DB_OK)
		return rc;
	return audit_add(db, pool, "extranet", "case.corrected", k.app_no,
	    at);
}

/* A step of case k with a token that user holds, or -1. */
static int
held_step(const struct kase *k, const struct user *u)
{
	size_t	 i;

	for (i = 0; i < k->net.nsteps; i++)
		if (wf_ways(&k->net, &k->marking, i) > 0 &&
		    holds_step(k, u, i) && flow_recused(k, u, i) == NULL)
			return (int)i;
	return -1;
}

int
flow_may_suspend(const struct kase *k, const struct user *u)
{
	return strcmp(k->state, "processing") == 0 && held_step(k, u) >= 0;
}

int
flow_may_resume(const struct kase *k, const struct user *u)
{
	size_t	 i;

	if (strcmp(k->state, "suspended") != 0)
		return 0;
	/* flow_recused() asks flow_enabled(), which a suspended case is
	 * not: holding the step is enough to end the procedure. */
	for (i = 0; i < k->net.nsteps; i++)
		if (wf_ways(&k->net, &k->marking, i) > 0 &&
		    holds_step(k, u, i))
			return 1;
	return 0;
}

enum db_rc
case_suspend(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char *kind, const char *reason, int days,
    const char **why)
{
	struct kase	 k;
	struct doc	 d;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*today;
	int		 step;

	*why = NULL;
	if (kind == NULL || !vocab_in(vocab_specials, kind)) {
		*why = "请选择特别程序的种类。";
		return DB_NONE;
	}
	if (days < 1 || days > SPECIAL_DAYS_MAX) {
		*why = pool_printf(pool, "预计所需时间应为 1 至 %d 个工作日。",
		    SPECIAL_DAYS_MAX);
		return DB_NONE;
	}
	if (reason == NULL || *reason == '\0') {
		*why = "请写明需要特别程序的原因，它将写入特别程序告知书。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (!flow_may_suspend(&k, u)) {
		*why = strcmp(k.state, "suspended") == 0 ? "本件已在特别程序"
		    "中，请先结束当前的特别程序。" : strcmp(k.state,
		    "processing") != 0 ? "只有已受理、尚未办结的办件可以启动"
		    "特别程序。" : "特别程序须由办理本件当前环节的工作人员启动。";
		rc = DB_NONE;
		goto fail;
	}
	step = held_step(&k, u);
	if ((rc = stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &today)) !=
	    DB_OK)
		goto fail;
	q = db_stmt(db, SQL_SUSP_ADD);
	stmt_bind_int(q, 0, k.id);
	stmt_bind_text(q, 1, kind);
	stmt_bind_text(q, 2, reason);
	stmt_bind_int(q, 3, days);
	stmt_bind_text(q, 4, today);
	stmt_bind_text(q, 5, u->name);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_CASE_SUSPENDED);
	stmt_bind_int(q, 0, k.id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = attachment_list(db, pool, k.app_no, &k.atts, &k.natts)) !=
	    DB_OK ||
	    (rc = doc_issue(db, pool, &k, k.item.steps[step].dept_code,
	    "special", u, reason, &d)) != DB_OK ||
	    (rc = event_step_out(db, pool, &k, k.item.steps[step].key,
	    "suspend", pool_printf(pool,
	    "特别程序：%s（预计 %d 个工作日）", kind, days), "suspended", u, NULL,
	    reason, &d, pool_printf(pool, "特别程序：%s", kind),
	    pool_printf(pool, "依照《中华人民共和国行政许可法》第四十五条，%s"
	    "所需时间不计算在办理期限内，预计 %d 个工作日。原因：%s", kind, days,
	    reason))) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "case.suspend", k.app_no,
	    json_pack("{s:s, s:i, s:s}", "kind", kind, "days", days, "doc_no",
	    d.doc_no))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
case_resume(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char **why)
{
	const struct suspension *p;
	struct calendar	 cal;
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	cal_day		 began, today;
	char		*day;
	int		 n;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (!flow_may_resume(&k, u) || k.nsusp == 0 ||
	    (p = &k.susp[k.nsusp - 1])->ended_on != NULL) {
		*why = strcmp(k.state, "suspended") != 0 ? "本件不在特别程序中。" :
		    "特别程序须由办理本件当前环节的工作人员结束。";
		rc = DB_NONE;
		goto fail;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &day)) !=
	    DB_OK || (rc = calendar_get(db, pool, &cal)) != DB_OK)
		goto fail;
	if (cal_day_parse(p->began_on, &began) == -1 ||
	    cal_day_parse(day, &today) == -1) {
		rc = DB_ERR;
		goto fail;
	}
	/* The working days after the day it began, to today's included:
	 * what each term is owed (deadline.h). */
	n = deadline_paused(&cal, began, today);
	q = db_stmt(db, SQL_SUSP_END);
	stmt_bind_text(q, 0, day);
	stmt_bind_text(q, 1, u->name);
	stmt_bind_int(q, 2, n);
	stmt_bind_int(q, 3, k.id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_CASE_RESUMED);
	stmt_bind_int(q, 0, n);
	stmt_bind_int(q, 1, k.id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_TASKS_PAUSED);
	stmt_bind_int(q, 0, n);
	stmt_bind_int(q, 1, k.id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = deadline_case(db, pool, k.id)) != DB_OK ||
	    (rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = event_out(db, pool, &k, "resume", pool_printf(pool,
	    "%s结束，恢复办理（期限顺延 %d 个工作日）", p->kind, n),
	    "processing", u, NULL, "", NULL, "特别程序结束，恢复办理",
	    pool_printf(pool, "%s已结束，办理期限恢复计算，顺延 %d 个工作日，"
	    "预计办结日期为 %s。", p->kind, n, k.promised_due ?
	    k.promised_due : "（未定）"))) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "case.resume", k.app_no,
	    json_pack("{s:s, s:i, s:s?}", "kind", p->kind, "paused_days", n,
	    "promised_due", k.promised_due))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* The deciding step of case k that user holds with a token, or -1. */
static int
deciding_step(const struct kase *k, const struct user *u)
{
	size_t	 i;

	for (i = 0; i < k->net.nsteps; i++)
		if (wf_ways(&k->net, &k->marking, i) > 0 &&
		    step_at(k, i, AT_LAST) && holds_step(k, u, i))
			return (int)i;
	return -1;
}

int
flow_may_report(const struct kase *k, const struct user *u)
{
	int	 i;

	return strcmp(k->state, "processing") == 0 && k->report == NULL &&
	    (i = deciding_step(k, u)) >= 0 && flow_recused(k, u, (size_t)i) ==
	    NULL;
}

int
flow_may_record(const struct kase *k, const struct user *u)
{
	return strcmp(k->state, "reported") == 0 && k->report != NULL &&
	    k->report->decision == NULL && deciding_step(k, u) >= 0;
}

enum db_rc
case_report(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char *authority, const char *reason,
    const char **why)
{
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*today;
	int		 step;

	*why = NULL;
	if (authority == NULL || *authority == '\0') {
		*why = "请填写作出决定的上级机关名称。";
		return DB_NONE;
	}
	if (reason == NULL || *reason == '\0') {
		*why = "请写明上报的依据和初步审查意见。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (!flow_may_report(&k, u)) {
		*why = k.report != NULL ? "本件已经上报过。" : strcmp(k.state,
		    "processing") != 0 ? "只有已受理、正在办理的办件可以上报。" :
		    "上报须由办理本件决定环节的工作人员办理。";
		rc = DB_NONE;
		goto fail;
	}
	step = deciding_step(&k, u);
	if ((rc = stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &today)) !=
	    DB_OK)
		goto fail;
	q = db_stmt(db, SQL_REPORT_ADD);
	stmt_bind_int(q, 0, k.id);
	stmt_bind_text(q, 1, authority);
	stmt_bind_text(q, 2, reason);
	stmt_bind_text(q, 3, today);
	stmt_bind_text(q, 4, u->name);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_CASE_REPORTED);
	stmt_bind_int(q, 0, k.id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_out(db, pool, &k, "report", pool_printf(pool,
	    "%s·上报%s", k.item.steps[step].name, authority), "reported", u, NULL,
	    reason, NULL, "已上报上级机关", pool_printf(pool, "本件依法由%s"
	    "作出决定，已于 %s 上报，等待上级机关决定。", authority, today))) !=
	    DB_OK || (rc = hand_add(db, &k, u, step)) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "case.report", k.app_no,
	    json_pack("{s:s}", "authority", authority))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
case_record_upper(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char *decision, const char *upper_doc_no,
    const char *decided_on, const char *summary, const char **why)
{
	const struct transition *t;
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	cal_day		 day, from, today;
	char		*now, *text;
	int		 approve;

	*why = NULL;
	approve = decision != NULL && strcmp(decision, "approve") == 0;
	if (decision == NULL || (!approve && strcmp(decision, "deny") != 0)) {
		*why = "请选择上级机关的决定：准予或不予许可。";
		return DB_NONE;
	}
	if (upper_doc_no == NULL || *upper_doc_no == '\0') {
		*why = "请填写上级机关决定的文号。";
		return DB_NONE;
	}
	if (summary == NULL || *summary == '\0') {
		*why = "请摘录上级机关决定的内容，它将写入本机关的决定书。";
		return DB_NONE;
	}
	if (decided_on == NULL || cal_day_parse(decided_on, &day) == -1) {
		*why = "请按 年-月-日 填写上级机关作出决定的日期。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_lock(db, pool, id, &k)) != DB_OK)
		goto fail;
	rc = DB_NONE;
	if (!flow_may_record(&k, u)) {
		*why = strcmp(k.state, "reported") != 0 ? "本件没有在等待上级"
		    "机关的决定。" : "上级机关的决定须由办理本件决定环节的"
		    "工作人员登记。";
		goto fail;
	}
	if ((rc = stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &now)) !=
	    DB_OK)
		goto fail;
	rc = DB_NONE;
	if (cal_day_parse(k.report->reported_on, &from) == -1 ||
	    cal_day_parse(now, &today) == -1 || day < from || day > today) {
		*why = pool_printf(pool, "上级机关作出决定的日期应在上报之日"
		    "（%s）和今天之间。", k.report->reported_on);
		goto fail;
	}
	q = db_stmt(db, SQL_REPORT_DECIDED);
	stmt_bind_text(q, 0, decision);
	stmt_bind_text(q, 1, upper_doc_no);
	stmt_bind_text(q, 2, decided_on);
	stmt_bind_text(q, 3, summary);
	stmt_bind_text(q, 4, u->name);
	stmt_bind_int(q, 5, k.id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	/* This office decides at its deciding step as the authority did:
	 * the case takes that step again for this one act. */
	t = flow_find(approve ? "approve" : "deny");
	text = pool_printf(pool, "经报请%s审批，%s于 %s 以%s决定%s：%s",
	    k.report->authority, k.report->authority, decided_on,
	    upper_doc_no, approve ? "准予行政许可" : "不予行政许可", summary);
	k.state = "processing";
	if ((rc = act_locked(db, pool, &k, u, t, approve ? "agree" :
	    "disagree", NULL, text, NULL, NULL, why)) != DB_OK ||
	    (rc = audit_json(db, pool, u->login, "case.upper", k.app_no,
	    json_pack("{s:s, s:s, s:s}", "decision", decision,
	    "upper_doc_no", upper_doc_no, "decided_on", decided_on))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/*
 * Case search (INT-11).  One statement for every combination of criteria:
 * an absent one is bound NULL.  The cases a department may read, as
 * flow_involves() says it, are listed in case_dept (160) newest received
 * first along its key, with every column of a case that a criterion
 * looks at (an item's code and name are read from the item): the search
 * reads that list backwards from the page's key (STRAIGHT_JOIN, so that
 * the optimizer does not read every case of the department and sort
 * them) and stops at a page.  It passes over the department's entries
 * only, never the cases themselves, about as many at a million cases as
 * at ten thousand (bench/supervision.sh).  The case's running deadline as
 * case_running_due() says it.
 */
static const char SQL_CASE_SEARCH[] =
    "SELECT " CASE_COLS ", "
    "DATE_FORMAT(k.received_at, '%Y-%m-%d %H:%i:%s') FROM ("
    "SELECT STRAIGHT_JOIN w.case_id FROM case_dept w "
    "JOIN item i ON i.id = w.item_id WHERE w.dept_code = ? "
    "AND (? IS NULL OR w.app_no LIKE CONCAT(?, '%') ESCAPE '!') "
    "AND (? IS NULL OR w.applicant_name LIKE CONCAT('%', ?, '%') "
    "ESCAPE '!') "
    "AND (? IS NULL OR i.code = ? OR "
    "i.name LIKE CONCAT('%', ?, '%') ESCAPE '!') "
    "AND (? IS NULL OR w.state = ?) "
    "AND (? IS NULL OR w.received_at >= "
    "CAST(? AS DATETIME) - INTERVAL 8 HOUR) "
    "AND (? IS NULL OR w.received_at < "
    "CAST(? AS DATETIME) + INTERVAL 16 HOUR) "
    "AND (? IS NULL OR (CASE w.state WHEN 'received' THEN w.intake_due "
    "WHEN 'processing' THEN w.promised_due END) BETWEEN ? AND ?) "
    "AND (? IS NULL OR w.received_at < ? OR "
    "(w.received_at = ? AND w.case_id < ?)) "
    "ORDER BY w.received_at DESC, w.case_id DESC LIMIT ?) p "
    "JOIN kase k ON k.id = p.case_id ORDER BY k.received_at DESC, k.id DESC";

const char *
case_running_due(const struct kase *k)
{
	if (strcmp(k->state, "received") == 0)
		return k->intake_due;
	if (strcmp(k->state, "processing") == 0)
		return k->promised_due;
	return NULL;
}

/* s for LIKE … ESCAPE '!': its wildcards and '!' taken literally (the
 * same whatever the server's sql_mode says of backslashes). */
static char *
like_literal(struct pool *pool, const char *s)
{
	char	*out, *o;

	o = out = pool_alloc(pool, 2 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*o++ = '!';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

enum db_rc
case_search(struct db *db, struct pool *pool, const struct user *u,
    const struct case_query *cq, const struct calendar *c, cal_day today,
    struct case_page *pg)
{
	struct stmt	*q;
	struct kase	 k;
	enum db_rc	 rc;
	const char	*lo = NULL, *hi = NULL;
	char		*key, *last_key = NULL;
	size_t		 cap = 0;

	memset(pg, 0, sizeof(*pg));
	if (u->dept_code == NULL)
		return DB_OK;		/* no department, no cases */
	(void)deadline_light_range(pool, c, today, cq->light, &lo, &hi);
	q = db_stmt(db, SQL_CASE_SEARCH);
	stmt_bind_text(q, 0, u->dept_code);
	stmt_bind_pair(q, 1, cq->app_no ? like_literal(pool, cq->app_no) : NULL);
	stmt_bind_pair(q, 3, cq->name ? like_literal(pool, cq->name) : NULL);
	stmt_bind_pair(q, 5, cq->item);
	if (cq->item != NULL)
		stmt_bind_text(q, 7, like_literal(pool, cq->item));
	else
		stmt_bind_null(q, 7);
	stmt_bind_pair(q, 8, cq->state);
	stmt_bind_pair(q, 10, cq->from);
	stmt_bind_pair(q, 12, cq->to);
	stmt_bind_pair(q, 14, lo);
	if (hi != NULL)
		stmt_bind_text(q, 16, hi);
	else
		stmt_bind_null(q, 16);
	stmt_bind_pair(q, 17, cq->before_at);
	stmt_bind_text(q, 19, cq->before_at ? cq->before_at : "");
	stmt_bind_int(q, 20, cq->before_id);
	/* One more than a page says whether there is a next page. */
	stmt_bind_int(q, 21, CASE_SEARCH_PAGE + 1);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = case_cols(q, pool, &k, &key)) == DB_OK) {
		if (pg->n == CASE_SEARCH_PAGE) {
			pg->next_at = last_key;
			pg->next_id = pg->cases[pg->n - 1].id;
			continue;
		}
		*(struct kase *)pool_push(pool, &pg->cases, &pg->n, &cap,
		    sizeof(k)) = k;
		last_key = key;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

/*
 * Fees (FEE-1, FEE-2; seed 004 #3 第十三条, 第二十条).  One per case, in
 * case_fee (101): set at the step that holds the case, within the item's
 * standard, with its 缴费通知书; paid at the window; or lapsed by the
 * tick, which denies the case.  The extranet learns of each change by a
 * case.fee record beside the case.event.
 */
static const char SQL_FEE_GET[] =
    "SELECT kind, amount, days, " DAY("due_date") ", state, doc_no, "
    "set_by_name, " LOCAL("set_at") ", receipt_no, paid_by_name, "
    LOCAL("paid_at") " FROM case_fee WHERE case_id = ?";
static const char SQL_FEE_LOCK[] =
    "SELECT state, " DAY("due_date") " FROM case_fee WHERE case_id = ? "
    "FOR UPDATE";
static const char SQL_FEE_ADD[] =
    "INSERT INTO case_fee (case_id, kind, amount, days, due_date, state, "
    "doc_no, set_by, set_by_name, set_at) VALUES (?, ?, ?, ?, ?, 'unpaid', "
    "?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_FEE_PAID[] =
    "UPDATE case_fee SET state = 'paid', receipt_no = ?, paid_by = ?, "
    "paid_by_name = ?, paid_at = UTC_TIMESTAMP() "
    "WHERE case_id = ? AND state = 'unpaid'";
static const char SQL_FEE_LAPSED[] =
    "UPDATE case_fee SET state = 'lapsed' "
    "WHERE case_id = ? AND state = 'unpaid'";
/* Unpaid fees of open cases whose last day has passed. */
static const char SQL_FEE_DUE[] =
    "SELECT f.case_id FROM case_fee f JOIN kase k ON k.id = f.case_id "
    "WHERE f.state = 'unpaid' AND f.due_date < ? "
    "AND k.state = 'processing' ORDER BY f.due_date, f.case_id LIMIT 500";

const char *
fee_state_label(const char *state)
{
	if (strcmp(state, "unpaid") == 0)
		return "待缴费";
	if (strcmp(state, "paid") == 0)
		return "已缴费";
	if (strcmp(state, "lapsed") == 0)
		return "逾期未缴费";
	return state;
}

enum db_rc
case_fee_get(struct db *db, struct pool *pool, int64_t id,
    struct case_fee *f)
{
	struct stmt	*q;

	memset(f, 0, sizeof(*f));
	q = db_stmt(db, SQL_FEE_GET);
	stmt_bind_int(q, 0, id);
	return stmt_one(q, pool, "sddssssssss", &f->kind, &f->amount,
	    &f->days, &f->due, &f->state, &f->doc_no, &f->set_by,
	    &f->set_at, &f->receipt_no, &f->paid_by, &f->paid_at);
}

/* The step of case k at which user may set its fee, or -1. */
static int
fee_step(const struct kase *k, const struct user *u)
{
	size_t	 i;

	if (strcmp(k->state, "processing") != 0 || *k->item.fee_kind == '\0')
		return -1;
	for (i = 0; i < k->item.nsteps; i++)
		if (flow_enabled(k, i) && holds_step(k, u, i) &&
		    (k->item.steps[i].role & (ROLE_HANDLER | ROLE_LEADER)) &&
		    flow_recused(k, u, i) == NULL)
			return (int)i;
	return -1;
}

int
flow_may_fee(const struct kase *k, const struct user *u)
{
	return fee_step(k, u) >= 0;
}

int
flow_may_confirm_fee(const struct kase *k, const struct user *u)
{
	return strcmp(k->state, "processing") == 0 &&
	    (u->roles & ROLE_CLERK) != 0 && u->dept_code != NULL &&
	    strcmp(u->dept_code, k->item.dept_code) == 0;
}

/* The case.fee record that tells the extranet of fee f of case k. */
static enum db_rc
fee_out(struct db *db, struct pool *pool, const struct kase *k,
    const char *kind, int amount, const char *due, const char *state)
{
	json_t		*rec;
	enum db_rc	 rc;

	rec = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s}", "type", "case.fee",
	    "app_no", k->app_no, "kind", kind, "amount", amount,
	    "due_date", due, "state", state);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	/* The fee notice by SMS too (NTF-1). */
	if (rc == DB_OK && strcmp(state, "unpaid") == 0 && amount > 0)
		rc = sms_out(db, pool, k->app_no, "fee", k->item.dept_name,
		    amount, due);
	return rc;
}

enum db_rc
case_fee_set(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char *kind, int amount, int days,
    const char **why)
{
	struct calendar	 cal;
	struct kase	 k;
	struct doc	 d;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*extra;
	char		*today, *due, *note;
	int		 step;

	*why = NULL;
	if (days < 1 || days > FEE_DAYS_MAX) {
		*why = pool_printf(pool, "缴费期限应为 1 至 %d 个工作日。",
		    FEE_DAYS_MAX);
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = attachment_list(db, pool, k.app_no, &k.atts, &k.natts)) !=
	    DB_OK)
		goto fail;
	if ((step = fee_step(&k, u)) < 0) {
		*why = *k.item.fee_kind == '\0' ? "这个事项的收费标准里没有由"
		    "系统收取的费用，不能核定收费。" : strcmp(k.state,
		    "processing") != 0 ? "只有已受理、尚未办结的办件可以核定"
		    "收费。" : "核定收费须由办件当前所在环节的承办人办理。";
		rc = DB_NONE;
		goto fail;
	}
	if (kind == NULL || strcmp(kind, k.item.fee_kind) != 0) {
		*why = pool_printf(pool, "收费项目应为本事项收费标准中的「%s」。",
		    k.item.fee_kind);
		rc = DB_NONE;
		goto fail;
	}
	if (amount < k.item.fee_min || amount > k.item.fee_max) {
		*why = pool_printf(pool, "金额超出本事项的收费标准：%s应在 %s 元"
		    "至 %s 元之间。", k.item.fee_kind, fee_yuan(pool,
		    k.item.fee_min), fee_yuan(pool, k.item.fee_max));
		rc = DB_NONE;
		goto fail;
	}
	if (stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &today) != DB_OK ||
	    calendar_get(db, pool, &cal) != DB_OK ||
	    (due = deadline_after(pool, &cal, today, days)) == NULL) {
		rc = DB_ERR;
		goto fail;
	}
	extra = json_pack("{s:s, s:i, s:i, s:s}", "fee_kind", kind,
	    "fee_amount", amount, "fee_days", days, "fee_due", due);
	rc = doc_issue_with(db, pool, &k, k.item.steps[step].dept_code, "fee",
	    u, pool_printf(pool, "%s %s 元", kind, fee_yuan(pool, amount)),
	    extra, &d);
	json_decref(extra);
	if (rc != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_FEE_ADD);
	stmt_bind_int(q, 0, k.id);
	stmt_bind_text(q, 1, kind);
	stmt_bind_int(q, 2, amount);
	stmt_bind_int(q, 3, days);
	stmt_bind_text(q, 4, due);
	stmt_bind_text(q, 5, d.doc_no);
	stmt_bind_int(q, 6, u->id);
	stmt_bind_text(q, 7, u->name);
	if ((rc = stmt_run(q)) == DB_DUP) {
		*why = "本件已经核定过收费，不能再次核定。";
		rc = DB_NONE;
		goto fail;
	}
	note = pool_printf(pool, "%s %s 元，请于 %s 前缴纳；逾期未缴纳的，依照"
	    "规定作出不予许可的决定。", kind, fee_yuan(pool, amount), due);
	if (rc != DB_OK || (rc = event_out(db, pool, &k, "fee", "核定收费，"
	    "出具缴费通知书", k.state, u, NULL, note, &d, "请缴纳费用", note)) !=
	    DB_OK || (rc = fee_out(db, pool, &k, kind, amount, due,
	    "unpaid")) != DB_OK || (rc = audit_json(db, pool, u->login,
	    "case.fee", k.app_no, json_pack("{s:s, s:i, s:i, s:s, s:s}",
	    "kind", kind, "amount", amount, "days", days, "due", due,
	    "doc_no", d.doc_no))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

enum db_rc
case_fee_confirm(struct db *db, struct pool *pool, int64_t id,
    const struct user *u, const char *receipt, const char **why)
{
	struct case_fee	 f;
	struct kase	 k;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*note;

	*why = NULL;
	if (receipt == NULL || !vocab_code_valid(receipt, 40)) {
		*why = "请填写缴费票据号码（字母、数字和 -，40 位以内）。";
		return DB_NONE;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK)
		goto fail;
	if (!flow_may_confirm_fee(&k, u)) {
		*why = strcmp(k.state, "processing") != 0 ? "本件已经办结，不能"
		    "再确认缴费。" : "缴费由本部门窗口受理人员确认。";
		rc = DB_NONE;
		goto fail;
	}
	if ((rc = case_fee_get(db, pool, k.id, &f)) == DB_NONE ||
	    (rc == DB_OK && strcmp(f.state, "unpaid") != 0)) {
		*why = rc == DB_NONE ? "本件没有待缴的费用。" :
		    "这笔费用已经确认过，不能重复确认。";
		rc = DB_NONE;
		goto fail;
	}
	if (rc != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_FEE_PAID);
	stmt_bind_text(q, 0, receipt);
	stmt_bind_int(q, 1, u->id);
	stmt_bind_text(q, 2, u->name);
	stmt_bind_int(q, 3, k.id);
	note = pool_printf(pool, "%s %s 元已缴纳，票据号 %s。", f.kind,
	    fee_yuan(pool, f.amount), receipt);
	if ((rc = stmt_run(q)) != DB_OK || (rc = event_out(db, pool, &k,
	    "fee-paid", "窗口确认已缴费", k.state, u, NULL, note, NULL, "已缴费",
	    note)) != DB_OK || (rc = fee_out(db, pool, &k, f.kind, f.amount,
	    f.due, "paid")) != DB_OK || (rc = audit_json(db, pool, u->login,
	    "case.fee-paid", k.app_no, json_pack("{s:s, s:i, s:s}", "kind",
	    f.kind, "amount", f.amount, "receipt", receipt))) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc == DB_OK ? DB_ERR : rc;
}

/* 1 when case id has a fee not paid (approval waits for it), 0 when not,
 * -1 on error. */
static int
fee_unpaid(struct db *db, struct pool *pool, int64_t id)
{
	struct case_fee	 f;

	switch (case_fee_get(db, pool, id, &f)) {
	case DB_OK:
		return strcmp(f.state, "paid") != 0;
	case DB_NONE:
		return 0;
	default:
		return -1;
	}
}

/*
 * Case id, whose fee is still unpaid on day today although its last day
 * has passed (red): denied (第二十条), with the 不予行政许可决定书 that
 * gives the reason, the fee lapsed, the applicant told; the audit row is
 * the tick's.  1 done, 0 nothing to do (paid or decided meanwhile), -1 on
 * error.
 */
static int
fee_lapse_one(struct db *db, struct pool *pool, const struct calendar *c,
    cal_day today, int64_t id)
{
	static const struct user system = { .name = "一网通办系统" };
	struct wf_marking none;
	struct case_fee	 f;
	struct kase	 k;
	struct doc	 d;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*extra;
	char		*state, *due, *reason;
	cal_day		 dd;
	int		 days;

	if (db_begin(db) != DB_OK)
		return -1;
	/* The case's row lock first, as every transition takes it. */
	if ((rc = case_head(db, pool, SQL_CASE_LOCK, id, &k)) != DB_OK ||
	    (rc = attachment_list(db, pool, k.app_no, &k.atts, &k.natts)) !=
	    DB_OK)
		goto fail;
	q = db_stmt(db, SQL_FEE_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "ss", &state, &due)) != DB_OK)
		goto fail;
	if (strcmp(k.state, "processing") != 0 ||
	    strcmp(state, "unpaid") != 0 || cal_day_parse(due, &dd) == -1 ||
	    deadline_light(c, today, dd, &days) != LIGHT_RED) {
		db_rollback(db);
		return 0;
	}
	if ((rc = case_fee_get(db, pool, id, &f)) != DB_OK)
		goto fail;
	reason = pool_printf(pool, "申请人未在缴费通知书（%s）规定的期限"
	    "（%s）内缴纳%s %s 元，逾期未缴费。", f.doc_no, f.due, f.kind,
	    fee_yuan(pool, f.amount));
	memset(&none, 0, sizeof(none));
	/* The decision names the fee it was for. */
	extra = json_pack("{s:s, s:i, s:i, s:s}", "fee_kind", f.kind,
	    "fee_amount", f.amount, "fee_days", f.days, "fee_due", f.due);
	rc = doc_issue_with(db, pool, &k, k.item.dept_code, "deny", &system,
	    reason, extra, &d);
	json_decref(extra);
	if (rc != DB_OK || (rc = save_state(db, pool, &k, &none, 1)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_CASE_MOVE);
	stmt_bind_text(q, 0, "denied");
	stmt_bind_int(q, 1, k.step_seq);
	stmt_bind_text(q, 2, "fee-lapse");
	stmt_bind_text(q, 3, "denied");
	stmt_bind_int(q, 4, k.id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_FEE_LAPSED);
	stmt_bind_int(q, 0, k.id);
	if ((rc = stmt_run(q)) != DB_OK ||
	    (rc = event_out(db, pool, &k, "fee-lapse", "逾期未缴费·不予许可",
	    "denied", NULL, NULL, reason, &d, "不予许可", reason)) != DB_OK ||
	    (rc = fee_out(db, pool, &k, f.kind, f.amount, f.due, "lapsed")) !=
	    DB_OK || (rc = pub_result_queue(db, pool, &k, "denied",
	    d.doc_no)) != DB_OK ||
	    (rc = audit_json(db, pool, "tick", "case.fee-lapse",
	    k.app_no, json_pack("{s:s, s:i, s:s}", "fee_due", f.due,
	    "days_late", days, "doc_no", d.doc_no))) != DB_OK)
		goto fail;
	if (db_commit(db) != DB_OK)
		return -1;
	log_info("case %s denied: fee due %s unpaid", k.app_no, f.due);
	return 1;
fail:
	db_rollback(db);
	return -1;
}

enum db_rc
case_fee_lapse_due(struct db *db, struct pool *pool,
    const struct calendar *c, cal_day today, int *n)
{
	return each_due(db, pool, SQL_FEE_DUE, c, today, fee_lapse_one, n);
}
