/*
 * test_request.c: the response writer's refusal of header values with a
 * control character (SEC-4; review F1, F14): a CR LF in a type from a
 * row, a TAB in a Location, would split the response or change where it
 * goes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "request.h"

static void
plain_values_pass(void **state)
{
	(void)state;
	assert_true(header_value_ok("application/pdf"));
	assert_true(header_value_ok("text/html; charset=utf-8"));
	assert_true(header_value_ok("/receipt?no=YW2026112100001"));
	assert_true(header_value_ok("attachment; filename*=UTF-8''%E9%94%A1"));
	assert_true(header_value_ok(""));
}

static void
control_characters_are_refused(void **state)
{
	(void)state;
	/* The type that split the intranet's /file response (F1). */
	assert_false(header_value_ok("text/html\r\n\r\n<script>alert(1)"
	    "</script>"));
	assert_false(header_value_ok("application/pdf\r\nSet-Cookie: a=b"));
	assert_false(header_value_ok("application/pdf\n"));
	assert_false(header_value_ok("a\rb"));
	/* The Location of the open redirect (F14). */
	assert_false(header_value_ok("/\t/evil.example/"));
	assert_false(header_value_ok("/\x01"));
	assert_false(header_value_ok("/\x7f"));
	assert_false(header_value_ok(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_values_pass),
		cmocka_unit_test(control_characters_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
