/*
 * anomaly.c: owns anomaly_warning and case_change (db/120): the rules of
 * abnormal warnings, their checks, the ledger they write and the lists
 * the supervision pages read (anomaly.h).
 */
#include <stdio.h>
#include <string.h>

#include "anomaly.h"
#include "chain.h"
#include "clock.h"
#include "deadline.h"
#include "fee.h"
#include "log.h"
#include "request.h"
#include "vocab.h"

#define BATCH	500	/* cases read at a time by the tick */

#define LOCAL_DAY(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d')"
#define DAY(x) "DATE_FORMAT(" x ", '%Y-%m-%d')"

static const char SQL_CASE[] =
    "SELECT k.app_no, k.state, k.item_id, " LOCAL_DAY("k.accepted_at") ", "
    LOCAL_DAY("k.decided_at") ", " DAY("k.intake_due") ", "
    DAY("k.promised_due") ", " DAY("k.statutory_due") " "
    "FROM kase k WHERE k.id = ? AND k.demo = 0";
static const char SQL_CASE_LOCK[] =
    "SELECT id FROM kase WHERE id = ? FOR UPDATE";
static const char SQL_EVENTS[] =
    "SELECT seq, DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
    "action, label, state, staff_name, step_key FROM case_event "
    "WHERE case_id = ? ORDER BY seq";
static const char SQL_OPINIONS[] =
    "SELECT step_key FROM opinion WHERE case_id = ? ORDER BY id";
static const char SQL_DOCS[] =
    "SELECT kind FROM document WHERE app_no = ? ORDER BY id";
/* Who acted where: the hands flow.c records, and the signers of opinions
 * (a hand row removed at the console leaves the signature). */
static const char SQL_HANDS[] =
    "SELECT h.staff_id, COALESCE(s.name, ''), h.step_key FROM case_hand h "
    "LEFT JOIN staff s ON s.id = h.staff_id WHERE h.case_id = ? "
    "UNION SELECT o.staff_id, o.staff_name, o.step_key FROM opinion o "
    "WHERE o.case_id = ? AND o.step_key <> '' ORDER BY 1, 3";
static const char SQL_FEE[] =
    "SELECT kind, amount FROM case_fee WHERE case_id = ?";
static const char SQL_SEEN[] =
    "SELECT rule, subject FROM anomaly_warning WHERE case_id = ?";
static const char SQL_ADD[] =
    "INSERT INTO anomaly_warning (at, case_id, app_no, dept_code, rule, "
    "subject, explanation, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_CHANGED[] =
    "SELECT case_id, n FROM case_change WHERE case_id > ? "
    "ORDER BY case_id LIMIT ?";
static const char SQL_CHANGE_DONE[] =
    "DELETE FROM case_change WHERE case_id = ? AND n = ?";
static const char SQL_ALL[] =
    "SELECT id, 0 FROM kase WHERE id > ? ORDER BY id LIMIT ?";
/* Open cases past their promised deadline without a warning for it
 * (the index open_due of 120 serves the range). */
static const char SQL_OVERDUE[] =
    "SELECT k.id, 0 FROM kase k WHERE k.decided_at IS NULL "
    "AND k.promised_due < ? AND k.id > ? AND k.demo = 0 "
    "AND k.state IN ('received', 'processing') "
    "AND NOT EXISTS (SELECT 1 FROM anomaly_warning w "
    "WHERE w.case_id = k.id AND w.rule = 'late_decision' "
    "AND w.subject = CONCAT('open:', " DAY("k.promised_due") ")) "
    "ORDER BY k.id LIMIT ?";

/*
 * Both ledgers, newest first, one page after the key (at, src, id).  Each
 * half is limited before the union, so each reads its own index from the
 * key down.  The parameters of a half: whether it is wanted, dept, from,
 * to (twice each), the key's time (once to test, twice to compare), its
 * letter (twice) and id.
 */
#define LIST_FILTER(t) \
	"WHERE ? = 1 AND (? IS NULL OR " t ".dept_code = ?) " \
	"AND (? IS NULL OR " t ".at >= ? - INTERVAL 8 HOUR) " \
	"AND (? IS NULL OR " t ".at < ? + INTERVAL 16 HOUR) " \
	"AND (? IS NULL OR (" t ".at <= ? AND (" t ".at < ? OR "
/* …then the half's own letter: (at, src, id) before the key's. */
#define LIST_KEY(src, t) \
	"'" src "' < ? OR ('" src "' = ? AND " t ".id < ?)))) "
static const char SQL_LIST[] =
    "(SELECT 'a' AS src, w.id, DATE_FORMAT(w.at, '%Y-%m-%d %H:%i:%s') AS k, "
    "DATE_FORMAT(w.at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), w.case_id, "
    "w.app_no, w.dept_code, COALESCE(p.name, w.dept_code), w.rule, "
    "w.explanation, w.at AS t FROM anomaly_warning w "
    "LEFT JOIN department p ON p.code = w.dept_code "
    LIST_FILTER("w") LIST_KEY("a", "w")
    "AND (? IS NULL OR w.rule = ?) "
    "ORDER BY w.at DESC, w.id DESC LIMIT ?) "
    "UNION ALL "
    "(SELECT 'd', d.id, DATE_FORMAT(d.at, '%Y-%m-%d %H:%i:%s'), "
    "DATE_FORMAT(d.at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), d.case_id, "
    "d.app_no, d.dept_code, COALESCE(p.name, d.dept_code), 'deadline', "
    "CONCAT('「', d.step_name, '」环节的办理期限是 ', "
    DAY("d.due_date") ", '，已超期 ', d.days_late, ' 个工作日仍未办理"
    "（当时可办理的人员：', IF(d.holders = '', '无', d.holders), '）。'), "
    "d.at FROM deadline_warning d "
    "LEFT JOIN department p ON p.code = d.dept_code "
    LIST_FILTER("d") LIST_KEY("d", "d")
    "ORDER BY d.at DESC, d.id DESC LIMIT ?) "
    "ORDER BY t DESC, src DESC, id DESC LIMIT ?";

/* --- the rules ------------------------------------------------------------ */

static void	 check_order(const struct anomaly_case *,
		    struct anomaly_hits *);
static void	 check_docs(const struct anomaly_case *, struct anomaly_hits *);
static void	 check_fee(const struct anomaly_case *, struct anomaly_hits *);
static void	 check_signed(const struct anomaly_case *,
		    struct anomaly_hits *);
static void	 check_correction(const struct anomaly_case *,
		    struct anomaly_hits *);
static void	 check_late_accept(const struct anomaly_case *,
		    struct anomaly_hits *);
static void	 check_late_decision(const struct anomaly_case *,
		    struct anomaly_hits *);
static void	 check_recusal(const struct anomaly_case *,
		    struct anomaly_hits *);
static void	 check_reopened(const struct anomaly_case *,
		    struct anomaly_hits *);

const struct anomaly_rule anomaly_rules[] = {
	{ "step_order", "环节顺序异常",
	  "把办件的每一条办理记录，按本事项（办件所依据的那一版）的办理流程"
	  "从头走一遍：某个环节在流程还没走到它的时候就办理了（跳过了前面的"
	  "环节，或者先后次序颠倒），或者办件已是“准予许可”而流程并没有走"
	  "完。正常办理时系统不允许这样做，出现了就说明有人绕过了系统。",
	  check_order },
	{ "doc_missing", "缺少法定文书",
	  "已受理的办件应有《受理通知书》（逾期依法视为受理的除外），准予许可"
	  "的应有《准予行政许可决定书》，不予许可的应有《不予行政许可决定书》，"
	  "不予受理的应有《不予受理通知书》。文书是申请人的凭据，缺了就无法"
	  "证明办件依法办理。",
	  check_docs },
	{ "fee_outside", "收费超出标准",
	  "办件核定的收费应是本事项公布的收费项目，金额在公布的最低额和最高"
	  "额之间；不收费的事项不得收费。超出标准收费就是乱收费。",
	  check_fee },
	{ "unsigned_decision", "决定缺少签署意见",
	  "作出准予或不予许可决定的办件，流程中受理之后的每一个环节都应有"
	  "经办人签署的意见（审查、审核、批准等）。缺少签署意见，说明有人未经"
	  "审查审批就作出了决定。",
	  check_signed },
	{ "second_correction", "二次补正",
	  "依照《行政许可法》第三十二条，申请材料需要补正的，应当一次告知申请"
	  "人需要补正的全部内容。同一办件第二次要求补正，说明没有一次告知。",
	  check_correction },
	{ "late_accept", "受理超期",
	  "收到申请后应在 5 个工作日内作出受理、不予受理或要求补正的决定"
	  "（逾期依法视为受理）。受理或不予受理的日期晚于受理期限的，记为受理"
	  "超期。",
	  check_late_accept },
	{ "late_decision", "办结超期",
	  "办件应在承诺期限内办结（已延期或中止的，期限相应顺延）。作出决定的"
	  "日期晚于承诺期限，或到今天仍未办结而承诺期限已过的，记为办结超期，"
	  "并说明是否也超过了法定期限。",
	  check_late_decision },
	{ "recusal", "违反回避规定",
	  "同一个人在一个办件中只能办理一个环节（即办件在窗口当场办结的除外），"
	  "受理、审查、批准由不同的人把关。同一人在两个环节都办理了，就失去了"
	  "相互监督。",
	  check_recusal },
	{ "reopened", "办结后又被改动",
	  "办件作出决定（准予、不予许可，不予受理，撤回）后就已办结，不应再有"
	  "办理记录，状态也不应改回办理中。出现了就说明办结的办件被重新打开。",
	  check_reopened },
};
const size_t nanomaly_rules = sizeof(anomaly_rules) /
    sizeof(anomaly_rules[0]);

const struct anomaly_rule *
anomaly_rule_find(const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && i < nanomaly_rules; i++)
		if (strcmp(anomaly_rules[i].key, key) == 0)
			return &anomaly_rules[i];
	return NULL;
}

void
anomaly_hit(struct anomaly_hits *h, const char *subject, const char *why)
{
	struct anomaly_hit	*e;
	size_t			 i;

	/* One finding once (the same fact read from two sources). */
	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].subject, subject) == 0)
			return;
	e = pool_push(h->pool, &h->v, &h->n, &h->cap, sizeof(*e));
	e->subject = subject;
	e->why = why;
}

static int
is(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

/* A state in which a case has ended. */
static int
ended_state(const char *s)
{
	return is(s, "approved") || is(s, "denied") ||
	    is(s, "not_accepted") || is(s, "withdrawn");
}

/* A state in a few words, to stand inside a sentence. */
static const char *
state_label(const char *s)
{
	static const struct { const char *state, *label; } v[] = {
		{ "received", "等待受理" }, { "correcting", "等待补正" },
		{ "processing", "办理中" }, { "suspended", "特别程序中" },
		{ "reported", "已上报上级机关" }, { "approved", "准予许可" },
		{ "denied", "不予许可" }, { "not_accepted", "不予受理" },
		{ "withdrawn", "申请人撤回" },
	};
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(v) / sizeof(v[0]); i++)
		if (strcmp(v[i].state, s) == 0)
			return v[i].label;
	return s != NULL ? s : "";
}

static const char *
doc_title(const char *kind)
{
	const struct vocab_doc	*d = vocab_doc_kind(kind);

	return d != NULL ? d->title : kind;
}

/* The transitions that fire a step of the procedure (flow.c's table and
 * the tick's deemed acceptance). */
static int
fires(const char *action)
{
	static const char *const v[] = { "accept", "reject", "sign",
	    "approve", "deny", "return", "deem" };
	size_t	 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (is(action, v[i]))
			return 1;
	return 0;
}

/* Whom an event names: "巴特尔 于 2026-12-06 10:00". */
static char *
who_when(struct pool *pool, const struct anomaly_event *e)
{
	return pool_printf(pool, "%s 于 %s", e->staff_name != NULL &&
	    *e->staff_name != '\0' ? e->staff_name : "（未记录办理人）",
	    e->at != NULL ? e->at : "");
}

/*
 * The step of an event: the one of its step key (db/142), whatever the
 * label says (two steps may share a name; a step renamed at the console
 * keeps its key); for an event written before keys were, the step its
 * label names ("审查", "批准·准予许可"), one enabled in m first.  -1 when
 * the procedure has no such step.
 */
static int
event_step(const struct anomaly_case *c, const struct anomaly_event *e,
    const struct wf_marking *m)
{
	const char	*dot;
	size_t		 i, len;
	int		 any = -1;

	if (e->step_key != NULL && *e->step_key != '\0')
		return wf_step_index(&c->net, e->step_key);
	dot = strstr(e->label, "·");
	len = dot != NULL ? (size_t)(dot - e->label) : strlen(e->label);
	for (i = 0; i < c->net.nsteps; i++) {
		if (strlen(c->net.steps[i].name) != len ||
		    strncmp(c->net.steps[i].name, e->label, len) != 0)
			continue;
		if (wf_ways(&c->net, m, i) > 0)
			return (int)i;
		if (any < 0)
			any = (int)i;
	}
	return any;
}

/* Step i as the explanations name it: "「审查」", and its place in the
 * procedure when another step bears the same name ("「审查」（第 3 步）"). */
static char *
step_called(struct pool *pool, const struct wf_net *net, size_t i)
{
	size_t	 j;

	for (j = 0; j < net->nsteps; j++)
		if (j != i && strcmp(net->steps[j].name, net->steps[i].name) ==
		    0)
			return pool_printf(pool, "「%s」（第 %zu 步）",
			    net->steps[i].name, i + 1);
	return pool_printf(pool, "「%s」", net->steps[i].name);
}

/* The names of the steps enabled in m, "「受理」、「审查」", or "". */
static char *
enabled_names(struct pool *pool, const struct wf_net *net,
    const struct wf_marking *m)
{
	char	*out = "";
	size_t	 i;

	for (i = 0; i < net->nsteps; i++)
		if (wf_ways(net, m, i) > 0)
			out = pool_printf(pool, "%s%s%s", out, *out ? "、" :
			    "", step_called(pool, net, i));
	return out;
}

/* The way a return event fired: along the return edge of step i to the
 * step its label names after "回退至", else the first. */
static int
return_way(const struct anomaly_case *c, size_t i, const char *label)
{
	const char	*to = strstr(label, "回退至");
	size_t		 e;
	int		 way = 0, j;

	for (e = 0; e < c->net.nedges; e++) {
		const struct wf_edge *g = &c->net.edges[e];
		if (!g->back || strcmp(g->from, c->net.steps[i].key) != 0)
			continue;
		way++;
		if (to != NULL && (j = wf_step_index(&c->net, g->to)) >= 0 &&
		    strcmp(to + strlen("回退至"), c->net.steps[j].name) == 0)
			return way;
	}
	return way > 0 ? 1 : 0;
}

/*
 * step_order: the events replayed on the procedure's net.  The first
 * event at a step that is not enabled then is the finding (what follows
 * it cannot be judged on a net that did not move that way).
 */
static void
check_order(const struct anomaly_case *c, struct anomaly_hits *h)
{
	struct wf_marking	 m, next;
	const struct anomaly_event *e;
	struct pool		*pool = h->pool;
	char			*now;
	size_t			 j;
	int			 i, way, done = 0;

	if (c->net.nsteps == 0)
		return;
	wf_initial(&c->net, &m);
	for (j = 0; j < c->nevents && !done; j++) {
		e = &c->events[j];
		if (!fires(e->action)) {
			if (ended_state(e->state))
				return;	/* withdrawn, lapsed: the net stops */
			continue;
		}
		i = event_step(c, e, &m);
		if (i < 0) {
			anomaly_hit(h, pool_printf(pool, "event:%d", e->seq),
			    pool_printf(pool, "第 %d 条办理记录（%s，%s）所记的"
			    "环节不在本事项（第 %d 版）的办理流程中。", e->seq,
			    e->label, who_when(pool, e), c->item->version));
			return;
		}
		if (wf_ways(&c->net, &m, (size_t)i) == 0) {
			now = enabled_names(pool, &c->net, &m);
			anomaly_hit(h, pool_printf(pool, "event:%d", e->seq),
			    pool_printf(pool, "第 %d 条办理记录：%s 办理了%s"
			    "环节（%s），但按办理流程，此时%s。", e->seq,
			    who_when(pool, e), step_called(pool, &c->net,
			    (size_t)i), e->label, *now != '\0' ?
			    pool_printf(pool, "应办理的是%s，%s环节被提前办理，"
			    "跳过了前面的环节", now, step_called(pool, &c->net,
			    (size_t)i)) : "流程已经走完，不应再有办理"));
			return;
		}
		if (is(e->action, "reject") || is(e->action, "deny"))
			return;
		way = is(e->action, "return") ? return_way(c, (size_t)i,
		    e->label) : 0;
		if (wf_fire(&c->net, &m, (size_t)i, way, &next) == -1)
			return;
		m = next;
		done = wf_complete(&c->net, &m);
	}
	if (is(c->state, "approved") && !done)
		anomaly_hit(h, "state:approved", pool_printf(pool, "办件状态为"
		    "「准予许可」，但办理记录显示流程没有走完：%s尚未办理。",
		    enabled_names(pool, &c->net, &m)));
}

static int
has_doc(const struct anomaly_case *c, const char *kind)
{
	size_t	 i;

	for (i = 0; i < c->ndocs; i++)
		if (is(c->doc_kinds[i], kind))
			return 1;
	return 0;
}

static const struct anomaly_event *
event_of(const struct anomaly_case *c, const char *action)
{
	size_t	 i;

	for (i = 0; i < c->nevents; i++)
		if (is(c->events[i].action, action))
			return &c->events[i];
	return NULL;
}

/* doc_missing: the document each state requires. */
static void
check_docs(const struct anomaly_case *c, struct anomaly_hits *h)
{
	static const struct { const char *state, *kind; } need[] = {
		{ "approved", "approve" }, { "denied", "deny" },
		{ "not_accepted", "reject" },
	};
	struct pool	*pool = h->pool;
	size_t		 i;

	if (c->accepted_day != NULL && event_of(c, "deem") == NULL &&
	    !has_doc(c, "accept"))
		anomaly_hit(h, "doc:accept", pool_printf(pool, "办件已于 %s "
		    "受理（现为「%s」），但没有出具《%s》。", c->accepted_day,
		    state_label(c->state), doc_title("accept")));
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (is(c->state, need[i].state) && !has_doc(c, need[i].kind))
			anomaly_hit(h, pool_printf(pool, "doc:%s",
			    need[i].kind), pool_printf(pool, "办件已作出%s决定，"
			    "但没有出具《%s》。", state_label(c->state),
			    doc_title(need[i].kind)));
}

/* fee_outside: the case's fee against the item's standard. */
static void
check_fee(const struct anomaly_case *c, struct anomaly_hits *h)
{
	struct pool	*pool = h->pool;
	const struct item *it = c->item;
	const char	*kind = c->fee_kind != NULL ? c->fee_kind : "";
	char		*subject, *fee;

	if (!c->has_fee)
		return;
	subject = pool_printf(pool, "fee:%s:%d", kind, c->fee_amount);
	fee = pool_printf(pool, "「%s」%s 元", kind,
	    fee_yuan(pool, c->fee_amount));
	if (it->fee_kind == NULL || *it->fee_kind == '\0')
		anomaly_hit(h, subject, pool_printf(pool, "本事项没有收费标准"
		    "（不收费），办件却核定了收费%s。", fee));
	else if (strcmp(kind, it->fee_kind) != 0)
		anomaly_hit(h, subject, pool_printf(pool, "办件核定的收费%s不是"
		    "本事项公布的收费项目（「%s」）。", fee, it->fee_kind));
	else if (c->fee_amount < it->fee_min || c->fee_amount > it->fee_max)
		anomaly_hit(h, subject, pool_printf(pool, "办件核定的收费%s"
		    "超出本事项的收费标准（%s 元至 %s 元）。", fee,
		    fee_yuan(pool, it->fee_min), fee_yuan(pool, it->fee_max)));
}

/* Where step s stands: the intake step (受理) needs no signed opinion. */
static int
intake(const struct anomaly_case *c, const struct step *s)
{
	size_t	 e;

	if (is(s->doc, "accept"))
		return 1;
	for (e = 0; e < c->item->nflows; e++)
		if (!c->item->flows[e].back &&
		    strcmp(c->item->flows[e].from, WF_START) == 0 &&
		    strcmp(c->item->flows[e].to, s->key) == 0)
			return 1;
	return 0;
}

/* The event that ended the case, or NULL. */
static const struct anomaly_event *
ending(const struct anomaly_case *c)
{
	size_t	 i;

	for (i = 0; i < c->nevents; i++)
		if (ended_state(c->events[i].state))
			return &c->events[i];
	return NULL;
}

/* unsigned_decision: a decision to grant or deny, and every step after
 * intake without a signed opinion.  (A denial for an unpaid fee is the
 * tick's, by law, and signed by nobody.) */
static void
check_signed(const struct anomaly_case *c, struct anomaly_hits *h)
{
	const struct anomaly_event *end = ending(c);
	const struct step *s;
	struct pool	*pool = h->pool;
	size_t		 i, j;
	int		 found;

	if (!is(c->state, "approved") && !is(c->state, "denied"))
		return;
	if (end != NULL && !is(end->action, "approve") &&
	    !is(end->action, "deny"))
		return;
	for (i = 0; i < c->item->nsteps; i++) {
		s = &c->item->steps[i];
		if (intake(c, s))
			continue;
		for (found = 0, j = 0; j < c->nopinions && !found; j++)
			found = is(c->opinion_keys[j], s->key);
		if (!found)
			anomaly_hit(h, pool_printf(pool, "step:%s", s->key),
			    pool_printf(pool, "办件已作出%s决定%s，但「%s」环节"
			    "没有经办人签署的意见。", state_label(c->state),
			    end != NULL ? pool_printf(pool, "（%s）",
			    who_when(pool, end)) : "", s->name));
	}
}

/* second_correction: 补正 asked more than once. */
static void
check_correction(const struct anomaly_case *c, struct anomaly_hits *h)
{
	const struct anomaly_event *first = NULL;
	struct pool	*pool = h->pool;
	size_t		 i;

	for (i = 0; i < c->nevents; i++) {
		if (!is(c->events[i].action, "correct"))
			continue;
		if (first == NULL) {
			first = &c->events[i];
			continue;
		}
		anomaly_hit(h, pool_printf(pool, "event:%d", c->events[i].seq),
		    pool_printf(pool, "本件第 %d 条办理记录又一次要求补正（%s，"
		    "%s）；此前第 %d 条记录已要求过补正（%s）。补正应当一次性"
		    "告知。", c->events[i].seq, c->events[i].label,
		    who_when(pool, &c->events[i]), first->seq,
		    who_when(pool, first)));
	}
}

/* The working days day is late against due ("YYYY-MM-DD" both): >= 1
 * when red on day, else 0. */
static int
late_by(const struct anomaly_case *c, const char *day, const char *due)
{
	cal_day		 d, u;
	int		 days;

	if (day == NULL || due == NULL || cal_day_parse(day, &d) == -1 ||
	    cal_day_parse(due, &u) == -1)
		return 0;
	return deadline_light(c->cal, d, u, &days) == LIGHT_RED ? days : 0;
}

/* late_accept: accepted, or refused at intake, after the intake deadline
 * (not a deemed acceptance: that is the law's answer to lateness). */
static void
check_late_accept(const struct anomaly_case *c, struct anomaly_hits *h)
{
	const char	*day = NULL, *what = "受理";
	int		 n;

	if (c->accepted_day != NULL && event_of(c, "deem") == NULL)
		day = c->accepted_day;
	else if (is(c->state, "not_accepted")) {
		day = c->decided_day;
		what = "作出不予受理决定";
	}
	if ((n = late_by(c, day, c->intake_due)) > 0)
		anomaly_hit(h, "intake", pool_printf(h->pool, "本件于 %s %s，"
		    "受理期限是 %s，超期 %d 个工作日。", day, what,
		    c->intake_due, n));
}

/* late_decision: decided after the promised deadline, or still open on
 * a day past it (its clock running: not in a special procedure, with a
 * higher authority or waiting for 补正). */
static void
check_late_decision(const struct anomaly_case *c, struct anomaly_hits *h)
{
	struct pool	*pool = h->pool;
	const char	*stat = "";
	char		*today;
	int		 n, s;

	if (c->promised_due == NULL)
		return;
	if (is(c->state, "approved") || is(c->state, "denied")) {
		if ((n = late_by(c, c->decided_day, c->promised_due)) == 0)
			return;
		if ((s = late_by(c, c->decided_day, c->statutory_due)) > 0)
			stat = pool_printf(pool, "，也超过了法定期限 %s（%d 个"
			    "工作日）", c->statutory_due, s);
		anomaly_hit(h, "decided", pool_printf(pool, "本件于 %s 作出%s"
		    "决定，承诺办结期限是 %s，超期 %d 个工作日%s。",
		    c->decided_day, state_label(c->state), c->promised_due, n,
		    stat));
		return;
	}
	if (!is(c->state, "received") && !is(c->state, "processing"))
		return;
	today = cal_day_str(pool, c->today);
	if ((n = late_by(c, today, c->promised_due)) == 0)
		return;
	if ((s = late_by(c, today, c->statutory_due)) > 0)
		stat = pool_printf(pool, "，也已超过法定期限 %s", c->statutory_due);
	anomaly_hit(h, pool_printf(pool, "open:%s", c->promised_due),
	    pool_printf(pool, "本件的承诺办结期限是 %s，到 %s 仍未办结（%s），"
	    "已超期 %d 个工作日%s。", c->promised_due, today,
	    state_label(c->state), n, stat));
}

/* recusal: one person at two steps of the case, except two window steps
 * of an instant item (即办件), as flow.c's hand_elsewhere() allows. */
static void
check_recusal(const struct anomaly_case *c, struct anomaly_hits *h)
{
	const struct anomaly_hand *a, *b;
	const struct step *sa, *sb;
	struct pool	*pool = h->pool;
	size_t		 i, j;

	for (i = 0; i < c->nhands; i++) {
		for (j = i + 1; j < c->nhands; j++) {
			a = &c->hands[i];
			b = &c->hands[j];
			if (a->staff_id != b->staff_id ||
			    strcmp(a->step_key, b->step_key) == 0)
				continue;
			if (strcmp(a->step_key, b->step_key) > 0) {
				a = &c->hands[j];
				b = &c->hands[i];
			}
			sa = catalog_step(c->item, a->step_key);
			sb = catalog_step(c->item, b->step_key);
			if (c->item->instant && sa != NULL && sb != NULL &&
			    sa->role == ROLE_CLERK && sb->role == ROLE_CLERK)
				continue;
			anomaly_hit(h, pool_printf(pool, "staff:%lld:%s:%s",
			    (long long)a->staff_id, a->step_key, b->step_key),
			    pool_printf(pool, "%s 在本件的「%s」和「%s」两个环节"
			    "都办理了；按回避规定，同一人在一个办件中只能办理一个"
			    "环节。", *a->staff_name ? a->staff_name :
			    *b->staff_name ? b->staff_name : "（未记录姓名）",
			    sa != NULL ? sa->name : a->step_key,
			    sb != NULL ? sb->name : b->step_key));
		}
	}
}

/* reopened: anything done after the event that ended the case, or the
 * case open again. */
static void
check_reopened(const struct anomaly_case *c, struct anomaly_hits *h)
{
	const struct anomaly_event *end = ending(c), *e;
	struct pool	*pool = h->pool;
	char		*ended;
	size_t		 i;

	if (end == NULL)
		return;
	ended = pool_printf(pool, "本件已于 %.10s 办结（%s）", end->at,
	    state_label(end->state));
	for (i = (size_t)(end - c->events) + 1; i < c->nevents; i++) {
		e = &c->events[i];
		/* What the applicant sent too late is recorded, not done. */
		if (is(e->action, "withdraw-late") ||
		    is(e->action, "corrected-late"))
			continue;
		anomaly_hit(h, pool_printf(pool, "event:%d", e->seq),
		    pool_printf(pool, "%s，之后又有第 %d 条办理记录「%s」（%s）。",
		    ended, e->seq, e->label, who_when(pool, e)));
	}
	if (!ended_state(c->state))
		anomaly_hit(h, pool_printf(pool, "state:%s", c->state),
		    pool_printf(pool, "%s，但办件状态现在是「%s」，办结的办件"
		    "被重新打开了。", ended, state_label(c->state)));
}

void
anomaly_run(const struct anomaly_case *c, struct pool *pool,
    struct anomaly_hits *out)
{
	size_t	 i;

	for (i = 0; i < nanomaly_rules; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].pool = pool;
		anomaly_rules[i].check(c, &out[i]);
	}
}

/* --- loading a case and writing the ledger -------------------------------- */

static enum db_rc
event_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct anomaly_event	*e = arg;

	return stmt_row(q, pool, "dssssss", &e->seq, &e->at, &e->action,
	    &e->label, &e->state, &e->staff_name, &e->step_key);
}

static enum db_rc
text_row(struct stmt *q, struct pool *pool, void *arg)
{
	return stmt_row(q, pool, "s", (char **)arg);
}

static enum db_rc
hand_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct anomaly_hand	*a = arg;

	return stmt_row(q, pool, "iss", &a->staff_id, &a->staff_name,
	    &a->step_key);
}

enum db_rc
anomaly_load(struct db *db, struct pool *pool, int64_t id,
    const struct item *known, const struct calendar *cal, cal_day today,
    struct anomaly_case *c)
{
	struct stmt	*q;
	struct item	*it;
	enum db_rc	 rc;
	int64_t		 item_id;

	memset(c, 0, sizeof(*c));
	c->id = id;
	c->cal = cal;
	c->today = today;
	q = db_stmt(db, SQL_CASE);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "ssisssss", &c->app_no, &c->state,
	    &item_id, &c->accepted_day, &c->decided_day, &c->intake_due,
	    &c->promised_due, &c->statutory_due)) != DB_OK)
		return rc;
	if (known == NULL || known->id != item_id) {
		it = pool_alloc(pool, sizeof(*it));
		if ((rc = catalog_by_id(db, pool, item_id, it)) != DB_OK)
			return rc == DB_NONE ? DB_ERR : rc;
		known = it;
	}
	c->item = known;
	catalog_net(NULL, pool, known, &c->net);
	q = db_stmt(db, SQL_EVENTS);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_list(q, pool, event_row, sizeof(*c->events),
	    &c->events, &c->nevents)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_OPINIONS);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_list(q, pool, text_row, sizeof(char *),
	    &c->opinion_keys, &c->nopinions)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_DOCS);
	stmt_bind_text(q, 0, c->app_no);
	if ((rc = stmt_list(q, pool, text_row, sizeof(char *),
	    &c->doc_kinds, &c->ndocs)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_HANDS);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, id);
	if ((rc = stmt_list(q, pool, hand_row, sizeof(*c->hands),
	    &c->hands, &c->nhands)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_FEE);
	stmt_bind_int(q, 0, id);
	rc = stmt_one(q, pool, "sd", &c->fee_kind, &c->fee_amount);
	if (rc == DB_ERR)
		return rc;
	c->has_fee = rc == DB_OK;
	return DB_OK;
}

/* The warnings case id has: "rule\x1fsubject" each. */
static enum db_rc
seen_list(struct db *db, struct pool *pool, int64_t id, char ***v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*rule, *subject;
	size_t		 cap = 0;

	*v = NULL;
	*n = 0;
	q = db_stmt(db, SQL_SEEN);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "ss", &rule, &subject)) == DB_OK)
		*(char **)pool_push(pool, v, n, &cap, sizeof(char *)) =
		    pool_printf(pool, "%s\x1f%s", rule, subject);
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

/* Write hit w of rule r on case c at at (UTC): DB_OK, or DB_DUP when it
 * was written meanwhile. */
static enum db_rc
warning_add(struct db *db, struct pool *pool, const struct anomaly_case *c,
    const struct anomaly_rule *r, const struct anomaly_hit *w, const char *at)
{
	struct chain_link link;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*subject, *why, *cid;
	size_t		 n;

	/* What the columns hold, so that the MAC is over what is stored. */
	subject = pool_printf(pool, "%.100s", w->subject);
	why = pool_strdup(pool, w->why);
	if (strlen(why) > 2900) {	/* 1000 characters, 3 bytes at most */
		n = 2900;
		while (n > 0 && ((unsigned char)why[n] & 0xc0) == 0x80)
			n--;	/* not inside a character */
		why[n] = '\0';
	}
	cid = pool_printf(pool, "%lld", (long long)c->id);
	if ((rc = chain_link(db, pool, CHAIN_ANOMALY_WARNING,
	    (const char *[]){ at, cid, c->app_no, c->item->dept_code, r->key,
	    subject, why }, 7, &link)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_text(q, 0, at);
	stmt_bind_int(q, 1, c->id);
	stmt_bind_text(q, 2, c->app_no);
	stmt_bind_text(q, 3, c->item->dept_code);
	stmt_bind_text(q, 4, r->key);
	stmt_bind_text(q, 5, subject);
	stmt_bind_text(q, 6, why);
	stmt_bind_text(q, 7, link.prev);
	stmt_bind_text(q, 8, link.mac);
	return stmt_run(q);
}

/* Check case id at instant now (already in a transaction). */
static enum db_rc
check_at(struct db *db, struct pool *pool, int64_t id,
    const struct item *item, time_t now, const struct calendar *cal, int *n)
{
	struct anomaly_case c;
	struct anomaly_hits *hits;
	struct tm	 tm;
	enum db_rc	 rc;
	char		**seen, at[32], *k;
	size_t		 nseen, i, j, s;

	/* A generated case (demo-history, 135) is not supervised: its
	 * history is made up, and it must stay removable. */
	if ((rc = anomaly_load(db, pool, id, item, cal, cal_day_of(now),
	    &c)) == DB_NONE)
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	hits = pool_alloc(pool, nanomaly_rules * sizeof(*hits));
	anomaly_run(&c, pool, hits);
	for (i = 0; i < nanomaly_rules && hits[i].n == 0; i++)
		;
	if (i == nanomaly_rules)
		return DB_OK;
	if ((rc = seen_list(db, pool, id, &seen, &nseen)) != DB_OK)
		return rc;
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
	for (i = 0; i < nanomaly_rules; i++)
		for (j = 0; j < hits[i].n; j++) {
			k = pool_printf(pool, "%s\x1f%.100s",
			    anomaly_rules[i].key, hits[i].v[j].subject);
			for (s = 0; s < nseen && strcmp(seen[s], k) != 0; s++)
				;
			if (s < nseen)
				continue;
			rc = warning_add(db, pool, &c, &anomaly_rules[i],
			    &hits[i].v[j], at);
			if (rc == DB_DUP)
				continue;
			if (rc != DB_OK)
				return rc;
			log_info("abnormal warning: case %s %s %s", c.app_no,
			    anomaly_rules[i].key, hits[i].v[j].subject);
			if (n != NULL)
				(*n)++;
		}
	return DB_OK;
}

enum db_rc
anomaly_check_case(struct db *db, struct pool *pool, int64_t id,
    const struct item *item, int *n)
{
	struct calendar	 cal;
	enum db_rc	 rc;

	if ((rc = calendar_get(db, pool, &cal)) != DB_OK ||
	    (rc = check_at(db, pool, id, item, clock_now(), &cal, n)) != DB_OK)
		log_err("case %lld: abnormal warnings not checked",
		    (long long)id);
	return rc;
}

/*
 * One case in its own transaction, under its row lock; then its row of
 * case_change when it has not changed meanwhile (n > 0).  0 done, or
 * skipped when its check failed (logged; its row stays for the next
 * tick, and one case that cannot be checked holds up no other); -1 when
 * no transaction can be begun.
 */
static int
tick_one(struct db *db, struct pool *pool, const struct calendar *cal,
    time_t now, int64_t id, int64_t n, int *written)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 dummy;
	int		 w = 0;

	if (db_begin(db) != DB_OK)
		return -1;
	q = db_stmt(db, SQL_CASE_LOCK);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "i", &dummy)) == DB_OK)
		rc = check_at(db, pool, id, NULL, now, cal, &w);
	if ((rc == DB_OK || rc == DB_NONE) && n > 0) {
		q = db_stmt(db, SQL_CHANGE_DONE);
		stmt_bind_int(q, 0, id);
		stmt_bind_int(q, 1, n);
		rc = stmt_run(q);
	} else if (rc == DB_NONE)
		rc = DB_OK;
	if (rc != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		log_err("case %lld: abnormal warnings not checked",
		    (long long)id);
		return 0;
	}
	*written += w;
	return 0;
}

/* Every case sql selects (id, n), BATCH at a time after the last id;
 * today bound first when day is not NULL. */
static enum db_rc
tick_each(struct db *db, struct pool *pool, const struct calendar *cal,
    time_t now, const char *sql, const char *day, int *checked,
    int *written)
{
	struct stmt	*q;
	enum db_rc	 rc;
	struct row { int64_t id, n; } *v, r;
	size_t		 got, cap, i;
	int64_t		 last = 0;
	unsigned	 p;

	do {
		v = NULL;
		got = cap = 0;
		q = db_stmt(db, sql);
		p = 0;
		if (day != NULL)
			stmt_bind_text(q, p++, day);
		stmt_bind_int(q, p++, last);
		stmt_bind_int(q, p, BATCH);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;
		while ((rc = stmt_row(q, pool, "ii", &r.id, &r.n)) == DB_OK)
			*(struct row *)pool_push(pool, &v, &got, &cap,
			    sizeof(r)) = r;
		stmt_done(q);
		if (rc == DB_ERR)
			return rc;
		for (i = 0; i < got; i++) {
			last = v[i].id;
			if (tick_one(db, pool, cal, now, v[i].id, v[i].n,
			    written) == -1)
				return DB_ERR;
			(*checked)++;
		}
	} while (got == BATCH);
	return DB_OK;
}

enum db_rc
anomaly_tick(struct db *db, struct pool *pool, int all, int *checked,
    int *written)
{
	struct calendar	 cal;
	enum db_rc	 rc;
	time_t		 now = clock_now();

	*checked = *written = 0;
	if ((rc = calendar_get(db, pool, &cal)) != DB_OK)
		return rc;
	if (all)
		return tick_each(db, pool, &cal, now, SQL_ALL, NULL, checked,
		    written);
	if ((rc = tick_each(db, pool, &cal, now, SQL_CHANGED, NULL, checked,
	    written)) != DB_OK)
		return rc;
	return tick_each(db, pool, &cal, now, SQL_OVERDUE,
	    cal_day_str(pool, cal_day_of(now)), checked, written);
}

/* --- the pages' list ----------------------------------------------------- */

static enum db_rc
list_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct anomaly_row	*w = arg;
	char			*t;

	return stmt_row(q, pool, "sississssss", &w->src, &w->id, &w->at,
	    &w->at_local, &w->case_id, &w->app_no, &w->dept_code,
	    &w->dept_name, &w->rule, &w->why, &t);
}

/* Bind one half's parameters from p, from *i on. */
static void
bind_half(struct stmt *q, unsigned *i, int wanted,
    const struct anomaly_query *a)
{
	const char	*key = a->after_at;

	stmt_bind_int(q, (*i)++, wanted);
	stmt_bind_text(q, (*i)++, a->dept);
	stmt_bind_text(q, (*i)++, a->dept);
	stmt_bind_text(q, (*i)++, a->from);
	stmt_bind_text(q, (*i)++, a->from);
	stmt_bind_text(q, (*i)++, a->to);
	stmt_bind_text(q, (*i)++, a->to);
	stmt_bind_text(q, (*i)++, key);
	stmt_bind_text(q, (*i)++, key);
	stmt_bind_text(q, (*i)++, key);
	stmt_bind_text(q, (*i)++, key != NULL ? a->after_src : NULL);
	stmt_bind_text(q, (*i)++, key != NULL ? a->after_src : NULL);
	stmt_bind_int(q, (*i)++, a->after_id);
}

enum db_rc
anomaly_list(struct db *db, struct pool *pool, const struct anomaly_query *a,
    struct anomaly_page *out)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*rule = a->rule;
	int		 dl = rule == NULL || is(rule, ANOMALY_DEADLINE_KEY);
	unsigned	 i = 0;

	memset(out, 0, sizeof(*out));
	if (is(rule, ANOMALY_DEADLINE_KEY))
		rule = NULL;
	q = db_stmt(db, SQL_LIST);
	bind_half(q, &i, a->rule == NULL || !dl, a);
	stmt_bind_text(q, i++, rule);
	stmt_bind_text(q, i++, rule);
	stmt_bind_int(q, i++, ANOMALY_PAGE + 1);
	bind_half(q, &i, dl, a);
	stmt_bind_int(q, i++, ANOMALY_PAGE + 1);
	stmt_bind_int(q, i, ANOMALY_PAGE + 1);
	if ((rc = stmt_list(q, pool, list_row, sizeof(*out->rows), &out->rows,
	    &out->n)) != DB_OK)
		return rc;
	if (out->n > ANOMALY_PAGE) {
		out->n = ANOMALY_PAGE;
		out->more = 1;
	}
	return DB_OK;
}
