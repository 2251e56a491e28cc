/*
 * test_gapstatus.c: the gap's status in numbers and words (GAP-5, GAP-6,
 * gapstatus.h): which sequences are missing between the last imported
 * and the bundles held, how a list of them reads, and the sentences of
 * the status page and `yiwang-gap status` about missing bundles and
 * re-send requests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "gapstatus.h"
#include "pool_fixture.h"

/* The missing ones are between upto and the highest held, not held. */
static void
missing(void **state)
{
	int64_t	 out[8];
	size_t	 n;
	const int64_t held[] = { 14, 16, 17, 20 };
	const int64_t stale[] = { 3, 11, 11, 14 };

	(void)state;
	/* Nothing held: nothing is known to be missing. */
	assert_int_equal(gapstatus_missing(11, NULL, 0, out, 8, &n), 0);
	assert_int_equal(n, 0);
	/* 12, 13 before 14; 15 before 16; 18, 19 before 20. */
	assert_int_equal(gapstatus_missing(11, held, 4, out, 8, &n), 5);
	assert_int_equal(n, 5);
	assert_int_equal(out[0], 12);
	assert_int_equal(out[1], 13);
	assert_int_equal(out[2], 15);
	assert_int_equal(out[3], 18);
	assert_int_equal(out[4], 19);
	/* The next one held: nothing missing. */
	assert_int_equal(gapstatus_missing(13, held, 1, out, 8, &n), 0);
	/* At most max listed, all counted. */
	assert_int_equal(gapstatus_missing(11, held, 4, out, 2, &n), 5);
	assert_int_equal(n, 2);
	assert_int_equal(out[1], 13);
	/* Held at or below upto, or twice, change nothing. */
	assert_int_equal(gapstatus_missing(11, stale, 4, out, 8, &n), 2);
	assert_int_equal(out[0], 12);
	assert_int_equal(out[1], 13);
}

static void
seqs(void **state)
{
	const int64_t a[] = { 12, 13 };
	const int64_t b[] = { 12, 13, 14, 15, 40, 42, 43 };

	(void)state;
	assert_string_equal(gapstatus_seqs(pool, a, 2, 2), "12、13");
	assert_string_equal(gapstatus_seqs(pool, b, 7, 7),
	    "12–15、40、42、43");
	assert_string_equal(gapstatus_seqs(pool, a, 2, 9), "12、13 等 9 个");
	assert_string_equal(gapstatus_seqs(pool, NULL, 0, 0), "");
}

/* The intranet is missing the extranet's 12 and 13. */
static void
missing_words(void **state)
{
	struct gapstatus	 st;
	int64_t			 m[] = { 12, 13 }, h[] = { 14 };

	(void)state;
	memset(&st, 0, sizeof(st));
	st.out_dir = "int2ext";
	st.in_dir = "ext2int";
	assert_null(gapstatus_missing_text(pool, &st));
	st.missing = m;
	st.nmissing = 2;
	st.missing_total = 2;
	st.held = h;
	st.nheld = 1;
	st.held_total = 1;
	assert_non_null(strstr(gapstatus_missing_text(pool, &st),
	    "外网第 12、13 号数据包没有收到"));
	assert_non_null(strstr(gapstatus_missing_text(pool, &st),
	    "重发请求将随内网的下一个数据包发出"));
	st.asked_in = 40;
	assert_non_null(strstr(gapstatus_missing_text(pool, &st),
	    "外网第 12、13 号数据包没有收到（其后的第 14 号已收到，暂存待导入），"
	    "已在内网第 40 号数据包中请求重发。"));
}

/* The extranet asked the intranet for 40 and 41; 40 went out again. */
static void
request_words(void **state)
{
	struct gapstatus	 st;
	int64_t			 m[] = { 40, 41 }, r[] = { 40 };

	(void)state;
	memset(&st, 0, sizeof(st));
	st.out_dir = "int2ext";
	st.in_dir = "ext2int";
	assert_null(gapstatus_request_text(pool, &st));
	st.ack_at = "2026-12-06 10:00";
	st.ack_upto = 39;
	st.ack_from_seq = 12;
	assert_string_equal(gapstatus_request_text(pool, &st),
	    "外网已收到内网第 39 号及以前的全部数据包（外网第 12 号数据包回告，"
	    "2026-12-06 10:00 导入）。");
	st.ack_missing = m;
	st.nack_missing = 2;
	assert_non_null(strstr(gapstatus_request_text(pool, &st),
	    "外网没有收到内网第 40、41 号数据包，在外网第 12 号数据包中请求重发"));
	assert_non_null(strstr(gapstatus_request_text(pool, &st),
	    "第 40、41 号还没有重发"));
	st.resent = r;
	st.nresent = 1;
	assert_non_null(strstr(gapstatus_request_text(pool, &st),
	    "第 40 号已重发；第 41 号还没有重发"));
	st.nresent = 0;
	st.resent = m;
	st.nresent = 2;
	assert_non_null(strstr(gapstatus_request_text(pool, &st),
	    "已全部重发"));
}

static void
labels(void **state)
{
	(void)state;
	assert_string_equal(gapstatus_action_label("resend"), "重发");
	assert_string_equal(gapstatus_action_label("refused"), "拒绝导入");
	assert_string_equal(gapstatus_action_label("other"), "other");
	assert_string_equal(gapstatus_sender("ext2int"), "外网");
	assert_string_equal(gapstatus_receiver("ext2int"), "内网");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing),
		cmocka_unit_test(seqs),
		cmocka_unit_test(missing_words),
		cmocka_unit_test(request_words),
		cmocka_unit_test(labels),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
