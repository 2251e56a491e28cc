/*
 * test_ack.c: the acks of a manifest, the other site's word (GAP-5,
 * docs/gap.md): ack_parse() takes exactly epoch, upto and missing, in
 * range and in order, or says why not; null is a bundle from before acks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ack.h"
#include "pool_fixture.h"

/* ack_parse() of a bundle (ext2int, epoch 2, seq 9) whose acks are text. */
static int
parse(const char *text, struct gap_ack *a, const char **why)
{
	struct bundle_in	 in;
	json_t			*acks;
	int			 rc;

	memset(&in, 0, sizeof(in));
	in.epoch = 2;
	in.seq = 9;
	in.manifest = json_object();
	if (text != NULL) {
		acks = json_loads(text, JSON_DECODE_ANY, NULL);
		assert_non_null(acks);
		json_object_set_new(in.manifest, "acks", acks);
	}
	*why = NULL;
	rc = ack_parse(pool, &in, a, why);
	json_decref(in.manifest);
	return rc;
}

static void
good(void **state)
{
	struct gap_ack	 a;
	const char	*why;

	(void)state;
	assert_int_equal(parse("{\"epoch\":1,\"upto\":40,\"missing\":[41,44]}",
	    &a, &why), 0);
	assert_int_equal(a.epoch, 1);
	assert_int_equal(a.upto, 40);
	assert_int_equal(a.nmissing, 2);
	assert_int_equal(a.missing[0], 41);
	assert_int_equal(a.missing[1], 44);
	assert_int_equal(a.from_epoch, 2);
	assert_int_equal(a.from_seq, 9);
	assert_int_equal(parse("{\"epoch\":0,\"upto\":0,\"missing\":[]}", &a,
	    &why), 0);
	assert_int_equal(a.nmissing, 0);
}

static void
none(void **state)
{
	struct gap_ack	 a;
	const char	*why;

	(void)state;
	assert_int_equal(parse(NULL, &a, &why), 1);
	assert_int_equal(parse("null", &a, &why), 1);
}

static void
refused(void **state)
{
	static const char *const bad[] = {
		"[1,2]", "1", "\"acks\"", "{}",
		"{\"epoch\":1,\"upto\":5}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[],\"more\":1}",
		"{\"epoch\":\"1\",\"upto\":5,\"missing\":[]}",
		"{\"epoch\":1,\"upto\":5.0,\"missing\":[]}",
		"{\"epoch\":-1,\"upto\":5,\"missing\":[]}",
		"{\"epoch\":2147483648,\"upto\":5,\"missing\":[]}",
		"{\"epoch\":1,\"upto\":-1,\"missing\":[]}",
		"{\"epoch\":1,\"upto\":9007199254740993,\"missing\":[]}",
		"{\"epoch\":1,\"upto\":5,\"missing\":{}}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[5]}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[4]}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[7,6]}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[7,7]}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[\"6\"]}",
		"{\"epoch\":1,\"upto\":5,\"missing\":[null]}",
		"{\"epoch\":0,\"upto\":3,\"missing\":[]}",
		"{\"epoch\":0,\"upto\":0,\"missing\":[1]}",
	};
	struct gap_ack	 a;
	const char	*why;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], &a, &why), -1);
		assert_non_null(why);
		assert_non_null(strstr(why, "acks"));
	}
}

/* At most RESEND_MISSING_MAX sequences: one more is refused. */
static void
bounded(void **state)
{
	struct gap_ack	 a;
	const char	*why;
	char		*text;
	size_t		 i;

	(void)state;
	text = pool_strdup(pool, "{\"epoch\":1,\"upto\":0,\"missing\":[1");
	for (i = 2; i <= RESEND_MISSING_MAX; i++)
		text = pool_printf(pool, "%s,%zu", text, i);
	assert_int_equal(parse(pool_printf(pool, "%s]}", text), &a, &why), 0);
	assert_int_equal(a.nmissing, RESEND_MISSING_MAX);
	assert_int_equal(parse(pool_printf(pool, "%s,%d]}", text,
	    RESEND_MISSING_MAX + 1), &a, &why), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(good, setup, teardown),
		cmocka_unit_test_setup_teardown(none, setup, teardown),
		cmocka_unit_test_setup_teardown(refused, setup, teardown),
		cmocka_unit_test_setup_teardown(bounded, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
