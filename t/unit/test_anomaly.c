/*
 * test_anomaly.c: the rules of abnormal warnings (SUP-2) as pure
 * functions over the facts of one case: each fires on the fact it is
 * about, with the facts in its words, and stays silent on a case that
 * went by the book.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "anomaly.h"
#include "request.h"

static struct pool	*pool;
static struct calendar	 cal;	/* nothing loaded: weekends off only */

static struct step steps[3] = {
	{ 1, "accept", "受理", ROLE_CLERK, "SCJGJ", 1, "accept", NULL },
	{ 2, "review", "承办", ROLE_HANDLER, "SCJGJ", 3, "", NULL },
	{ 3, "decide", "批准", ROLE_LEADER, "SCJGJ", 1, "decision", NULL },
};
static struct flow flows[5] = {
	{ 1, "start", "accept", 0 },
	{ 2, "accept", "review", 0 },
	{ 3, "review", "decide", 0 },
	{ 4, "decide", "end", 0 },
	{ 5, "decide", "review", 1 },
};
static struct item item;

/* A procedure with two steps of one name (db/142: events carry keys). */
static struct step twin_steps[4] = {
	{ 1, "accept", "受理", ROLE_CLERK, "SCJGJ", 1, "accept", NULL },
	{ 2, "review", "审查", ROLE_HANDLER, "SCJGJ", 2, "", NULL },
	{ 3, "recheck", "审查", ROLE_HANDLER, "SCJGJ", 2, "", NULL },
	{ 4, "decide", "批准", ROLE_LEADER, "SCJGJ", 1, "decision", NULL },
};
static struct flow twin_flows[5] = {
	{ 1, "start", "accept", 0 },
	{ 2, "accept", "review", 0 },
	{ 3, "review", "recheck", 0 },
	{ 4, "recheck", "decide", 0 },
	{ 5, "decide", "end", 0 },
};
static struct item twin;

static struct anomaly_event by_the_book[] = {
	{ 1, "2026-12-01 09:00", "receive", "内网收件", "received", "系统" },
	{ 2, "2026-12-01 10:00", "accept", "受理", "processing", "萨仁高娃" },
	{ 3, "2026-12-02 10:00", "sign", "承办·签署意见", "processing",
	    "王志强" },
	{ 4, "2026-12-03 10:00", "approve", "批准·准予许可", "approved",
	    "巴特尔" },
};
static char *signed_keys[] = { "review", "decide" };
static char *docs[] = { "accept", "approve" };
static struct anomaly_hand hands[] = {
	{ 11, "萨仁高娃", "accept" },
	{ 12, "王志强", "review" },
	{ 13, "巴特尔", "decide" },
};

/* Case c as it stands after the book's four events, approved. */
static void
approved(struct anomaly_case *c)
{
	memset(c, 0, sizeof(*c));
	c->id = 7;
	c->app_no = "YW2026120100007";
	c->state = "approved";
	c->accepted_day = "2026-12-01";
	c->decided_day = "2026-12-03";
	c->intake_due = "2026-12-08";
	c->promised_due = "2026-12-08";
	c->statutory_due = "2026-12-15";
	c->item = &item;
	catalog_net(NULL, pool, &item, &c->net);
	c->events = by_the_book;
	c->nevents = 4;
	c->opinion_keys = signed_keys;
	c->nopinions = 2;
	c->doc_kinds = docs;
	c->ndocs = 2;
	c->hands = hands;
	c->nhands = 3;
	c->cal = &cal;
	cal_day_parse("2026-12-04", &c->today);
}

/* The hits of rule key on c, "subject=why|…", or "". */
static const char *
hits_of(const struct anomaly_case *c, const char *key)
{
	struct anomaly_hits	 h[32];
	char			*out = "";
	size_t			 i, j;

	assert_true(nanomaly_rules <= 32);
	anomaly_run(c, pool, h);
	for (i = 0; i < nanomaly_rules; i++) {
		if (strcmp(anomaly_rules[i].key, key) != 0)
			continue;
		for (j = 0; j < h[i].n; j++)
			out = pool_printf(pool, "%s%s%s=%s", out, *out ? "|" :
			    "", h[i].v[j].subject, h[i].v[j].why);
	}
	return out;
}

/* How many hits all rules have on c. */
static size_t
all_hits(const struct anomaly_case *c)
{
	struct anomaly_hits	 h[32];
	size_t			 i, n = 0;

	anomaly_run(c, pool, h);
	for (i = 0; i < nanomaly_rules; i++)
		n += h[i].n;
	return n;
}

static void
by_the_book_fires_nothing(void **state)
{
	struct anomaly_case	 c;

	(void)state;
	approved(&c);
	assert_int_equal(all_hits(&c), 0);
}

static void
table_is_consistent(void **state)
{
	size_t	 i, j;

	(void)state;
	assert_true(nanomaly_rules >= 9);
	for (i = 0; i < nanomaly_rules; i++) {
		assert_non_null(anomaly_rules[i].check);
		assert_true(strlen(anomaly_rules[i].key) <= 30);
		assert_true(strlen(anomaly_rules[i].name) > 0);
		assert_true(strlen(anomaly_rules[i].about) > 0);
		assert_ptr_equal(anomaly_rule_find(anomaly_rules[i].key),
		    &anomaly_rules[i]);
		assert_string_not_equal(anomaly_rules[i].key,
		    ANOMALY_DEADLINE_KEY);
		for (j = i + 1; j < nanomaly_rules; j++)
			assert_string_not_equal(anomaly_rules[i].key,
			    anomaly_rules[j].key);
	}
	assert_null(anomaly_rule_find("nonsense"));
}

static void
a_step_skipped(void **state)
{
	struct anomaly_case	 c;
	struct anomaly_event	 ev[3];

	(void)state;
	approved(&c);
	/* Accepted, then decided at once: 承办 skipped. */
	memcpy(ev, by_the_book, 2 * sizeof(ev[0]));
	ev[2] = by_the_book[3];
	ev[2].seq = 3;
	ev[2].state = "processing";
	c.events = ev;
	c.nevents = 3;
	c.state = "processing";
	assert_string_equal(hits_of(&c, "step_order"), "event:3=第 3 条办理"
	    "记录：巴特尔 于 2026-12-03 10:00 办理了「批准」环节（批准·准予许可），"
	    "但按办理流程，此时应办理的是「承办」，「批准」环节被提前办理，跳过了"
	    "前面的环节。");
	/* Approved with the procedure not run to its end. */
	c.nevents = 2;
	c.state = "approved";
	assert_string_equal(hits_of(&c, "step_order"), "state:approved=办件"
	    "状态为「准予许可」，但办理记录显示流程没有走完：「承办」尚未办理。");
}

static void
a_return_is_in_order(void **state)
{
	struct anomaly_case	 c;
	struct anomaly_event	 ev[6];

	(void)state;
	approved(&c);
	memcpy(ev, by_the_book, 3 * sizeof(ev[0]));
	ev[3] = (struct anomaly_event){ 4, "2026-12-03 09:00", "return",
	    "批准·回退至承办", "processing", "巴特尔" };
	ev[4] = (struct anomaly_event){ 5, "2026-12-03 09:30", "sign",
	    "承办·签署意见", "processing", "王志强" };
	ev[5] = by_the_book[3];
	ev[5].seq = 6;
	c.events = ev;
	c.nevents = 6;
	assert_string_equal(hits_of(&c, "step_order"), "");
}

/* Events with step keys (db/142) are judged by key, whatever the label. */
static void
steps_judged_by_key(void **state)
{
	struct anomaly_case	 c;
	struct anomaly_event	 ev[5] = {
		{ 1, "2026-12-01 09:00", "receive", "内网收件", "received",
		    "系统", NULL },
		{ 2, "2026-12-01 10:00", "accept", "受理", "processing",
		    "萨仁高娃", "accept" },
		{ 3, "2026-12-02 10:00", "sign", "审查·签署意见", "processing",
		    "王志强", "review" },
		{ 4, "2026-12-02 11:00", "sign", "审查·签署意见", "processing",
		    "孟和", "recheck" },
		{ 5, "2026-12-03 10:00", "approve", "批准·准予许可", "approved",
		    "巴特尔", "decide" },
	};

	(void)state;
	approved(&c);
	c.item = &twin;
	catalog_net(NULL, pool, &twin, &c.net);
	c.events = ev;
	c.nevents = 5;
	/* Both 审查 steps in their order: nothing. */
	assert_string_equal(hits_of(&c, "step_order"), "");
	/* The second 审查 right after 受理: by its key, the first one was
	 * skipped, though the label names a step that was enabled. */
	ev[2].step_key = "recheck";
	c.nevents = 3;
	c.state = "processing";
	assert_string_equal(hits_of(&c, "step_order"), "event:3=第 3 条办理"
	    "记录：王志强 于 2026-12-02 10:00 办理了「审查」（第 3 步）环节"
	    "（审查·签署意见），但按办理流程，此时应办理的是「审查」（第 2 步），"
	    "「审查」（第 3 步）环节被提前办理，跳过了前面的环节。");
	/* The same events written before keys were (NULL): the name is all
	 * there is, and an enabled step of that name is taken. */
	ev[1].step_key = ev[2].step_key = NULL;
	assert_string_equal(hits_of(&c, "step_order"), "");
	/* A step renamed at the console after its events: the key holds. */
	ev[1].step_key = "accept";
	ev[2].step_key = "review";
	ev[2].label = "初审·签署意见";
	assert_string_equal(hits_of(&c, "step_order"), "");
	ev[2].step_key = NULL;
	assert_string_equal(hits_of(&c, "step_order"), "event:3=第 3 条办理"
	    "记录（初审·签署意见，王志强 于 2026-12-02 10:00）所记的环节不在本"
	    "事项（第 1 版）的办理流程中。");
	/* A key the procedure does not have. */
	ev[2].step_key = "gone";
	ev[2].label = "审查·签署意见";
	assert_string_equal(hits_of(&c, "step_order"), "event:3=第 3 条办理"
	    "记录（审查·签署意见，王志强 于 2026-12-02 10:00）所记的环节不在本"
	    "事项（第 1 版）的办理流程中。");
}

static void
documents_missing(void **state)
{
	struct anomaly_case	 c;

	(void)state;
	approved(&c);
	c.ndocs = 1;	/* the 受理通知书 only */
	assert_string_equal(hits_of(&c, "doc_missing"), "doc:approve=办件已"
	    "作出准予许可决定，但没有出具《准予行政许可决定书》。");
	c.doc_kinds = docs + 1;
	assert_string_equal(hits_of(&c, "doc_missing"), "doc:accept=办件已于 "
	    "2026-12-01 受理（现为「准予许可」），但没有出具《受理通知书》。");
}

static void
fees_against_the_standard(void **state)
{
	struct anomaly_case	 c;

	(void)state;
	approved(&c);
	c.has_fee = 1;
	c.fee_kind = "不动产登记费";
	c.fee_amount = 8000;
	item.fee_kind = "不动产登记费";
	item.fee_min = 8000;
	item.fee_max = 60000;
	assert_string_equal(hits_of(&c, "fee_outside"), "");
	c.fee_amount = 60001;
	assert_string_equal(hits_of(&c, "fee_outside"), "fee:不动产登记费:"
	    "60001=办件核定的收费「不动产登记费」600.01 元超出本事项的收费标准"
	    "（80.00 元至 600.00 元）。");
	c.fee_amount = 7999;
	assert_non_null(strstr(hits_of(&c, "fee_outside"), "79.99 元超出"));
	c.fee_amount = 10000;
	c.fee_kind = "草原植被恢复费";
	assert_non_null(strstr(hits_of(&c, "fee_outside"), "不是本事项公布的"
	    "收费项目（「不动产登记费」）"));
	item.fee_kind = "";
	assert_non_null(strstr(hits_of(&c, "fee_outside"), "本事项没有收费"
	    "标准（不收费），办件却核定了收费「草原植被恢复费」100.00 元"));
	item.fee_kind = NULL;
}

static void
a_decision_unsigned(void **state)
{
	struct anomaly_case	 c;

	(void)state;
	approved(&c);
	c.nopinions = 1;	/* 承办 signed, 批准 not */
	assert_string_equal(hits_of(&c, "unsigned_decision"), "step:decide="
	    "办件已作出准予许可决定（巴特尔 于 2026-12-03 10:00），但「批准」环节"
	    "没有经办人签署的意见。");
	/* A denial for an unpaid fee is the law's, signed by nobody. */
	by_the_book[3].action = "fee-lapse";
	c.state = "denied";
	assert_string_equal(hits_of(&c, "unsigned_decision"), "");
	by_the_book[3].action = "approve";
}

static void
late_by_working_days(void **state)
{
	struct anomaly_case	 c;

	(void)state;
	approved(&c);
	/* Due Friday 12-04: decided Monday 12-07 is one working day late;
	 * Saturday 12-05 would still be yellow. */
	c.promised_due = "2026-12-04";
	c.decided_day = "2026-12-05";
	assert_string_equal(hits_of(&c, "late_decision"), "");
	c.decided_day = "2026-12-07";
	assert_string_equal(hits_of(&c, "late_decision"), "decided=本件于 "
	    "2026-12-07 作出准予许可决定，承诺办结期限是 2026-12-04，超期 1 个"
	    "工作日。");
	c.statutory_due = "2026-12-04";
	assert_non_null(strstr(hits_of(&c, "late_decision"), "超期 1 个工作日，"
	    "也超过了法定期限 2026-12-04（1 个工作日）。"));
	/* Open, today past it. */
	c.state = "processing";
	cal_day_parse("2026-12-08", &c.today);
	assert_string_equal(hits_of(&c, "late_decision"), "open:2026-12-04="
	    "本件的承诺办结期限是 2026-12-04，到 2026-12-08 仍未办结（办理中），"
	    "已超期 2 个工作日，也已超过法定期限 2026-12-04。");
	/* Suspended: its clock stands. */
	c.state = "suspended";
	assert_string_equal(hits_of(&c, "late_decision"), "");
	/* Accepted late, unless deemed (the law's answer to lateness). */
	approved(&c);
	c.intake_due = "2026-11-30";
	assert_string_equal(hits_of(&c, "late_accept"), "intake=本件于 "
	    "2026-12-01 受理，受理期限是 2026-11-30，超期 1 个工作日。");
	by_the_book[1].action = "deem";
	assert_string_equal(hits_of(&c, "late_accept"), "");
	by_the_book[1].action = "accept";
}

static void
one_person_two_steps(void **state)
{
	struct anomaly_case	 c;
	struct anomaly_hand	 h[4];

	(void)state;
	approved(&c);
	memcpy(h, hands, sizeof(hands));
	h[3] = (struct anomaly_hand){ 11, "萨仁高娃", "review" };
	c.hands = h;
	c.nhands = 4;
	assert_string_equal(hits_of(&c, "recusal"), "staff:11:accept:review="
	    "萨仁高娃 在本件的「受理」和「承办」两个环节都办理了；按回避规定，"
	    "同一人在一个办件中只能办理一个环节。");
	/* The same pair read twice (hand and opinion): one finding. */
	h[2] = h[3];
	assert_int_equal(strlen(hits_of(&c, "recusal")) > 0, 1);
	assert_null(strstr(hits_of(&c, "recusal"), "|"));
}

static void
correction_twice_and_reopened(void **state)
{
	struct anomaly_case	 c;
	struct anomaly_event	 ev[6];

	(void)state;
	approved(&c);
	ev[0] = by_the_book[0];
	ev[1] = (struct anomaly_event){ 2, "2026-12-01 09:30", "correct",
	    "受理·要求补正（1 项材料）", "correcting", "萨仁高娃" };
	ev[2] = (struct anomaly_event){ 3, "2026-12-01 09:40", "correct",
	    "受理·要求补正（2 项材料）", "correcting", "萨仁高娃" };
	c.events = ev;
	c.nevents = 3;
	c.state = "correcting";
	assert_string_equal(hits_of(&c, "second_correction"), "event:3=本件第 "
	    "3 条办理记录又一次要求补正（受理·要求补正（2 项材料），萨仁高娃 于 "
	    "2026-12-01 09:40）；此前第 2 条记录已要求过补正（萨仁高娃 于 "
	    "2026-12-01 09:30）。补正应当一次性告知。");
	/* Reopened: an act after the decision, and the state put back. */
	memcpy(ev, by_the_book, 4 * sizeof(ev[0]));
	ev[4] = (struct anomaly_event){ 5, "2026-12-05 10:00", "sign",
	    "承办·签署意见", "processing", "王志强" };
	c.events = ev;
	c.nevents = 5;
	c.state = "processing";
	assert_string_equal(hits_of(&c, "reopened"), "event:5=本件已于 "
	    "2026-12-03 办结（准予许可），之后又有第 5 条办理记录「承办·签署意见」"
	    "（王志强 于 2026-12-05 10:00）。|state:processing=本件已于 2026-12-03 "
	    "办结（准予许可），但办件状态现在是「办理中」，办结的办件被重新打开了。");
	/* What the applicant sent too late is recorded, not done. */
	ev[4].action = "withdraw-late";
	c.state = "approved";
	assert_string_equal(hits_of(&c, "reopened"), "");
}

static int
setup(void **state)
{
	(void)state;
	pool = pool_new();
	memset(&cal, 0, sizeof(cal));
	memset(&item, 0, sizeof(item));
	item.id = 1;
	item.version = 1;
	item.dept_code = "SCJGJ";
	item.steps = steps;
	item.nsteps = 3;
	item.flows = flows;
	item.nflows = 5;
	twin = item;
	twin.steps = twin_steps;
	twin.nsteps = 4;
	twin.flows = twin_flows;
	twin.nflows = 5;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pool_free(pool);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_consistent),
		cmocka_unit_test(by_the_book_fires_nothing),
		cmocka_unit_test(a_step_skipped),
		cmocka_unit_test(a_return_is_in_order),
		cmocka_unit_test(steps_judged_by_key),
		cmocka_unit_test(documents_missing),
		cmocka_unit_test(fees_against_the_standard),
		cmocka_unit_test(a_decision_unsigned),
		cmocka_unit_test(late_by_working_days),
		cmocka_unit_test(one_person_two_steps),
		cmocka_unit_test(correction_twice_and_reopened),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
