/*
 * test_wfnet_oom.c: the procedure check (cgi/domain/wfnet.c, FLOW-2) when
 * memory runs out.  wf_check() runs on a request (the catalogue's item
 * page and publication): every malloc, calloc and realloc it makes is
 * made to fail in turn, the Nth in run N, until a run gets through
 * without reaching N.  Each run must answer WF_TOO_LARGE, saying that
 * memory ran short (publication refused, the worker alive), or the
 * verdict of a run without failures (a failure in the first, reduced
 * pass leaves the decision to the full second one, which may finish).  wf_simulate() the same, answering -1.  Leaks on any of these
 * paths are caught by LeakSanitizer (./run test runs units under ASan).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "request.h"
#include "wfnet.h"
#include "oom_fixture.h"

#define RUNS_MAX 100000			/* a loop that never ends is a bug */
#define STEP(k, n, d)	{ k, n, ROLE_HANDLER, d, 1 }

/* 受理 → 市场监管审查 ‖ 消防审查 → 会审 → 批准, 会审 able to send it back
 * to either review: enough states that the exploration grows its arrays. */
static const struct wf_step steps[] = {
	STEP("accept", "受理", "市场监管局"),
	STEP("scjg", "市场监管审查", "市场监管局"),
	STEP("xf", "消防审查", "消防救援大队"),
	STEP("hs", "会审", "自然资源局"),
	STEP("approve", "批准", "市场监管局"),
};
static const struct wf_edge edges[] = {
	{ "start", "accept", 0 },
	{ "accept", "scjg", 0 },
	{ "accept", "xf", 0 },
	{ "scjg", "hs", 0 },
	{ "xf", "hs", 0 },
	{ "hs", "approve", 0 },
	{ "approve", "end", 0 },
	{ "approve", "accept", 1 },
};
static const struct wf_net net = { steps, sizeof(steps) / sizeof(steps[0]),
	edges, sizeof(edges) / sizeof(edges[0]) };

static void
test_check(void **state)
{
	struct wf_result	 res;
	enum wf_verdict		 want, got;
	long			 n, nomem = 0;

	(void)state;
	want = wf_check(&net, 100000, 0, &res);
	assert_int_equal(want, WF_SOUND);
	for (n = 1; n < RUNS_MAX; n++) {
		arm(n);
		got = wf_check(&net, 100000, 0, &res);
		disarm();
		if (!injected) {
			assert_int_equal(got, want);
			break;
		}
		if (got == want)
			continue;
		if (got != WF_TOO_LARGE || strstr(res.reason, "内存不足") ==
		    NULL)
			print_error("run %ld: verdict %d: %s\n", n, got,
			    res.reason);
		assert_int_equal(got, WF_TOO_LARGE);
		assert_non_null(strstr(res.reason, "内存不足"));
		nomem++;
	}
	assert_true(nomem > 0);
	assert_true(n > 2);	/* the check allocates, and each failed */
}

static void
test_simulate(void **state)
{
	long	 want, got, n;

	(void)state;
	want = wf_simulate(&net, 10000, NULL, NULL);
	assert_true(want > 0);
	for (n = 1; n < RUNS_MAX; n++) {
		arm(n);
		got = wf_simulate(&net, 10000, NULL, NULL);
		disarm();
		if (!injected) {
			assert_int_equal(got, want);
			break;
		}
		assert_int_equal(got, -1);
	}
	assert_true(n > 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_simulate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
