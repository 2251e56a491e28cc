/*
 * test_flow.c: the case transition table (INT-2, INT-4, INT-6, INT-10):
 * who may do what at which step, 回避 (SEC-7), and working-day
 * arithmetic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "flow.h"
#include "pool_fixture.h"

static struct step steps[3] = {
	{ 1, "accept", "受理", ROLE_CLERK, "SCJGJ", 1, "accept" },
	{ 2, "review", "承办", ROLE_HANDLER, "SCJGJ", 3, "" },
	{ 3, "decide", "批准", ROLE_LEADER, "SCJGJ", 1, "decision" },
};
static struct flow flows[5] = {
	{ 1, "start", "accept", 0 },
	{ 2, "accept", "review", 0 },
	{ 3, "review", "decide", 0 },
	{ 4, "decide", "end", 0 },
	{ 5, "decide", "review", 1 },
};

/* A case of the item above with one token on edge (0-based). */
static void
make_case(struct kase *k, const char *state, int edge)
{
	memset(k, 0, sizeof(*k));
	k->state = (char *)state;
	k->item.steps = steps;
	k->item.nsteps = 3;
	k->item.flows = flows;
	k->item.nflows = 5;
	k->item.dept_code = "SCJGJ";
	catalog_net(NULL, pool, &k->item, &k->net);
	if (edge >= 0)
		k->marking.tokens[edge] = 1;
}

/* The actions user may take on k, as "accept,reject". */
static const char *
allowed(const struct kase *k, const struct user *u)
{
	static char	 buf[128];
	size_t		 i, s;

	buf[0] = '\0';
	for (s = 0; s < k->item.nsteps; s++)
		for (i = 0; i < nflow_transitions; i++)
			if (flow_may(k, u, &flow_transitions[i], s)) {
				if (buf[0])
					strcat(buf, ",");
				strcat(buf, flow_transitions[i].action);
			}
	return buf;
}

static void
each_step_its_role(void **state)
{
	struct kase	 k;
	struct user	 clerk = { .id = 1, .roles = ROLE_CLERK,
			    .dept_code = "SCJGJ" };
	struct user	 handler = { .id = 2, .roles = ROLE_HANDLER,
			    .dept_code = "SCJGJ" };
	struct user	 leader = { .id = 3, .roles = ROLE_LEADER,
			    .dept_code = "SCJGJ" };
	struct user	 other = { .id = 4, .roles = ROLE_CLERK | ROLE_HANDLER |
			    ROLE_LEADER, .dept_code = "ZRZYJ" };

	(void)state;
	make_case(&k, "received", 0);
	assert_string_equal(allowed(&k, &clerk), "accept,reject");
	assert_string_equal(allowed(&k, &handler), "");
	assert_string_equal(allowed(&k, &other), "");	/* not their dept */
	make_case(&k, "processing", 1);
	assert_string_equal(allowed(&k, &clerk), "");
	assert_string_equal(allowed(&k, &handler), "sign");
	assert_string_equal(allowed(&k, &leader), "");
	make_case(&k, "processing", 2);
	assert_string_equal(allowed(&k, &handler), "");
	assert_string_equal(allowed(&k, &leader), "approve,deny,return");
	/* Returned to intake after acceptance: it can go on, not be refused. */
	make_case(&k, "processing", 0);
	assert_string_equal(allowed(&k, &clerk), "accept");
	/* Returned to review: the handler signs again. */
	make_case(&k, "processing", 4);
	assert_string_equal(allowed(&k, &handler), "sign");
	/* Ended cases allow nothing to anyone, whatever their tokens. */
	make_case(&k, "approved", 2);
	assert_string_equal(allowed(&k, &leader), "");
	make_case(&k, "not_accepted", 0);
	assert_string_equal(allowed(&k, &clerk), "");
	/* No token anywhere: nothing. */
	make_case(&k, "processing", -1);
	assert_string_equal(allowed(&k, &leader), "");
}

/*
 * 回避: one account holding two step roles cannot act at the second step
 * of a case it acted on; it may act again at its own step after a
 * return; window steps of an instant item are exempt.
 */
static void
one_person_one_step(void **state)
{
	static struct step	 window[2] = {
		{ 1, "accept", "受理", ROLE_CLERK, "SCJGJ", 0, "accept" },
		{ 2, "register", "核准登记", ROLE_CLERK, "SCJGJ", 0, "decision" },
	};
	static struct flow	 wflows[3] = {
		{ 1, "start", "accept", 0 },
		{ 2, "accept", "register", 0 },
		{ 3, "register", "end", 0 },
	};
	struct case_hand	 accepted = { 1, "accept" };
	struct case_hand	 reviewed = { 1, "review" };
	struct kase		 k;
	struct user		 both = { .id = 1, .roles = ROLE_CLERK |
				    ROLE_HANDLER | ROLE_LEADER,
				    .dept_code = "SCJGJ" };
	struct user		 handler = { .id = 2, .roles = ROLE_HANDLER,
				    .dept_code = "SCJGJ" };

	(void)state;
	/* Nobody acted yet: all three roles, so review is theirs. */
	make_case(&k, "processing", 1);
	assert_string_equal(allowed(&k, &both), "sign");
	assert_null(flow_recused(&k, &both, 1));
	/* They accepted it: review is not offered, and the reason names
	 * the step they acted at. */
	k.hands = &accepted;
	k.nhands = 1;
	assert_string_equal(allowed(&k, &both), "");
	assert_string_equal(flow_recused(&k, &both, 1), "受理");
	assert_non_null(strstr(flow_recusal_why(pool, &k, &both, "review"),
	    "按回避规定不能再办理「承办」环节"));
	assert_null(flow_recusal_why(pool, &k, &handler, NULL));
	/* Another handler of the department may. */
	assert_string_equal(allowed(&k, &handler), "sign");
	/* At the decision, after someone else reviewed: not them either. */
	make_case(&k, "processing", 2);
	k.hands = &accepted;
	k.nhands = 1;
	assert_string_equal(allowed(&k, &both), "");
	/* Returned to review: who reviewed reviews again. */
	make_case(&k, "processing", 4);
	k.hands = &reviewed;
	k.nhands = 1;
	assert_string_equal(allowed(&k, &both), "sign");
	assert_null(flow_recused(&k, &both, 1));
	/* A step not enabled now is never named. */
	assert_null(flow_recused(&k, &both, 2));

	/* An instant item (即办件) at the window: the clerk who took it
	 * registers it. */
	memset(&k, 0, sizeof(k));
	k.state = "processing";
	k.item.steps = window;
	k.item.nsteps = 2;
	k.item.flows = wflows;
	k.item.nflows = 3;
	k.item.dept_code = "SCJGJ";
	k.item.instant = 1;
	catalog_net(NULL, pool, &k.item, &k.net);
	k.marking.tokens[1] = 1;
	k.hands = &accepted;
	k.nhands = 1;
	assert_string_equal(allowed(&k, &both), "approve,deny");
	/* The same procedure as a promised item (承诺件): someone else. */
	k.item.instant = 0;
	assert_string_equal(allowed(&k, &both), "");
	assert_string_equal(flow_recused(&k, &both, 1), "受理");
}

/* 回避 in staffing: a procedure needs a person of its own per step. */
static void
staffed_apart(void **state)
{
	static struct step	 four[4] = {
		{ 1, "accept", "受理", ROLE_CLERK, "SCJGJ", 1, "accept" },
		{ 2, "site", "现场核查", ROLE_HANDLER, "SCJGJ", 2, "" },
		{ 3, "review", "审查", ROLE_HANDLER, "SCJGJ", 2, "" },
		{ 4, "decide", "决定", ROLE_LEADER, "SCJGJ", 1, "decision" },
	};
	int64_t		 c1[] = { 1 }, h2[] = { 2 }, h23[] = { 2, 3 },
			 h12[] = { 1, 2 }, l4[] = { 4 };
	int64_t		*who[4] = { c1, h2, h2, l4 };
	size_t		 nwho[4] = { 1, 1, 1, 1 };
	int		 short_of[4];
	struct item	 it;

	(void)state;
	memset(&it, 0, sizeof(it));
	it.steps = four;
	it.nsteps = 4;
	/* One handler for two handler steps: the second is short. */
	assert_int_equal(catalog_staff_apart(pool, &it, who, nwho, short_of),
	    1);
	assert_true(short_of[1] + short_of[2] == 1);
	assert_false(short_of[0] || short_of[3]);
	/* A second handler staffs it. */
	who[1] = who[2] = h23;
	nwho[1] = nwho[2] = 2;
	assert_int_equal(catalog_staff_apart(pool, &it, who, nwho, short_of),
	    0);
	/* The clerk who also holds the handler's role counts once. */
	who[1] = h12;
	who[2] = h2;
	nwho[2] = 1;
	assert_int_equal(catalog_staff_apart(pool, &it, who, nwho, short_of),
	    1);
	/* Two window steps of an instant item: one clerk does both. */
	it.nsteps = 2;
	four[1].role = ROLE_CLERK;
	who[1] = c1;
	nwho[1] = 1;
	assert_int_equal(catalog_staff_apart(pool, &it, who, nwho, short_of),
	    1);
	it.instant = 1;
	assert_int_equal(catalog_staff_apart(pool, &it, who, nwho, short_of),
	    0);
	four[1].role = ROLE_HANDLER;
}

static void
table_is_consistent(void **state)
{
	size_t			 i;
	const struct transition	*t;

	(void)state;
	for (i = 0; i < nflow_transitions; i++) {
		t = &flow_transitions[i];
		assert_ptr_equal(flow_find(t->action), t);
		/* Every ending transition issues its document. */
		if (t->to_state != NULL)
			assert_non_null(t->doc_kind);
		/* Every refusal needs a reason. */
		if (t->verdict != NULL && strcmp(t->verdict, "disagree") == 0)
			assert_true(t->needs_text);
	}
	assert_null(flow_find("delete"));
	assert_null(flow_find(NULL));
	assert_string_equal(flow_state_label("approved"), "准予许可，已办结");
}

/*
 * INT-7: a deputy acts for the delegator at the steps of the roles lent,
 * where they may not on their own account, unless 回避 keeps either of
 * them from it (one person never signs one case twice as two people).
 */
static void
a_deputy_acts_for_the_absent(void **state)
{
	struct delegation	 d = { .id = 7, .staff_id = 2, .deputy_id = 1,
				    .staff_login = "zhou", .staff_name = "周建国",
				    .dept_code = "SCJGJ", .roles = ROLE_HANDLER };
	struct delegation	 far = d;
	struct case_hand	 accepted = { 1, "accept" };
	struct case_hand	 decided = { 2, "decide" };
	struct kase		 k;
	struct user		 clerk = { .id = 1, .name = "斯琴",
				    .roles = ROLE_CLERK, .dept_code = "SCJGJ" };
	struct user		 handler = { .id = 3, .roles = ROLE_HANDLER,
				    .dept_code = "SCJGJ" };
	const struct transition	*sign = flow_find("sign");

	(void)state;
	far.dept_code = "ZRZYJ";
	make_case(&k, "processing", 1);
	assert_string_equal(allowed(&k, &clerk), "");
	assert_ptr_equal(flow_may_for(&k, &clerk, &d, 1, sign, 1), &d);
	assert_null(flow_may_for(&k, &clerk, &d, 1, flow_find("approve"), 1));
	assert_null(flow_may_for(&k, &clerk, &d, 1, sign, 0));
	/* Another department's role lends nothing here. */
	assert_null(flow_may_for(&k, &clerk, &far, 1, sign, 1));
	/* On their own account, never as a deputy. */
	assert_null(flow_may_for(&k, &handler, &d, 1, sign, 1));
	/* The deputy accepted it: not again as another. */
	k.hands = &accepted;
	k.nhands = 1;
	assert_null(flow_may_for(&k, &clerk, &d, 1, sign, 1));
	assert_non_null(strstr(flow_deputy_recusal_why(pool, &k, &clerk, &d,
	    1, 1), "您已办理过本件的「受理」环节"));
	/* The delegator acted at another step: not in their name either. */
	k.hands = &decided;
	assert_null(flow_may_for(&k, &clerk, &d, 1, sign, 1));
	assert_non_null(strstr(flow_deputy_recusal_why(pool, &k, &clerk, &d,
	    1, 1), "委托您的 周建国 已办理过本件的「批准」环节"));
	assert_string_equal(flow_signer(pool, "斯琴", "周建国"),
	    "斯琴（受 周建国 委托）");
	assert_string_equal(flow_signer(pool, "斯琴", NULL), "斯琴");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_step_its_role),
		cmocka_unit_test(one_person_one_step),
		cmocka_unit_test(a_deputy_acts_for_the_absent),
		cmocka_unit_test(staffed_apart),
		cmocka_unit_test(table_is_consistent),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
