/*
 * test_text.c: the check of outside text (cgi/core/text.c, SEC-4): strict
 * UTF-8, control characters, line ends, lengths in characters and bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

/* One line of at most 100 characters, the whole of s. */
static enum text_rc
line(const char *s)
{
	return text_check(s, strlen(s), 0, 100, 0, TEXT_LINE);
}

static enum text_rc
lines(const char *s)
{
	return text_check(s, strlen(s), 0, 100, 0, TEXT_LINES);
}

static void
valid_utf8_passes(void **state)
{
	(void)state;
	assert_int_equal(line(""), TEXT_OK);
	assert_int_equal(line("锡林浩特市 Xilinhot"), TEXT_OK);
	assert_int_equal(line("\xc2\xa9"), TEXT_OK);		/* © */
	assert_int_equal(line("\xef\xbf\xbd"), TEXT_OK);	/* U+FFFD */
	assert_int_equal(line("\xf0\x9f\x90\x8e"), TEXT_OK);	/* 🐎 */
	assert_int_equal(line("\xf4\x8f\xbf\xbf"), TEXT_OK);	/* U+10FFFF */
	assert_int_equal(line("<meta http-equiv=refresh>"), TEXT_OK);
}

static void
surrogates_overlongs_and_beyond_are_refused(void **state)
{
	(void)state;
	/* The bytes that killed workers (F3): an encoded surrogate. */
	assert_int_equal(line("\xed\xa0\x80"), TEXT_UTF8);
	assert_int_equal(line("\xed\xbf\xbf"), TEXT_UTF8);
	/* Overlong forms of '/', of NUL and of U+0800. */
	assert_int_equal(line("\xc0\xaf"), TEXT_UTF8);
	assert_int_equal(line("\xc1\xbf"), TEXT_UTF8);
	assert_int_equal(line("\xe0\x80\xaf"), TEXT_UTF8);
	assert_int_equal(line("\xe0\x9f\xbf"), TEXT_UTF8);
	assert_int_equal(line("\xf0\x8f\xbf\xbf"), TEXT_UTF8);
	/* Past U+10FFFF, and bytes that never start a character. */
	assert_int_equal(line("\xf4\x90\x80\x80"), TEXT_UTF8);
	assert_int_equal(line("\xf5\x80\x80\x80"), TEXT_UTF8);
	assert_int_equal(line("\xff"), TEXT_UTF8);
	assert_int_equal(line("\x80"), TEXT_UTF8);
	/* Cut short, at the end or before ASCII. */
	assert_int_equal(line("\xe9\x94"), TEXT_UTF8);
	assert_int_equal(line("\xe9\x94x"), TEXT_UTF8);
	assert_int_equal(line("\xf0\x9f\x90"), TEXT_UTF8);
}

static void
control_characters_are_refused(void **state)
{
	(void)state;
	assert_int_equal(line("a\r\nb"), TEXT_CONTROL);
	assert_int_equal(line("a\nb"), TEXT_CONTROL);
	assert_int_equal(line("a\tb"), TEXT_CONTROL);
	assert_int_equal(line("\x1b[31m"), TEXT_CONTROL);
	assert_int_equal(line("a\x7f"), TEXT_CONTROL);
	assert_int_equal(line("a\xc2\x85"), TEXT_CONTROL);	/* U+0085 */
	/* A NUL inside the length given is a control character too. */
	assert_int_equal(text_check("a\0b", 3, 0, 100, 0, TEXT_LINE),
	    TEXT_CONTROL);
}

static void
multi_line_text_holds_line_ends_and_tabs_only(void **state)
{
	(void)state;
	assert_int_equal(lines("第一行\n第二行"), TEXT_OK);
	assert_int_equal(lines("第一行\r\n第二行\r\n"), TEXT_OK);
	assert_int_equal(lines("a\tb"), TEXT_OK);
	assert_int_equal(lines("a\rb"), TEXT_CONTROL);		/* lone CR */
	assert_int_equal(lines("a\r"), TEXT_CONTROL);
	assert_int_equal(lines("a\x0b"), TEXT_CONTROL);
	assert_int_equal(lines("a\x00"), TEXT_OK);		/* strlen */
	assert_int_equal(text_check("a\0", 2, 0, 100, 0, TEXT_LINES),
	    TEXT_CONTROL);
}

static void
lengths_count_characters_and_bytes(void **state)
{
	(void)state;
	/* Three characters, nine bytes. */
	assert_int_equal(text_check("锡林郭", 9, 3, 3, 0, TEXT_LINE), TEXT_OK);
	assert_int_equal(text_check("锡林郭", 9, 4, 10, 0, TEXT_LINE),
	    TEXT_SHORT);
	assert_int_equal(text_check("锡林郭", 9, 0, 2, 0, TEXT_LINE),
	    TEXT_LONG);
	assert_int_equal(text_check("锡林郭", 9, 0, 3, 8, TEXT_LINE),
	    TEXT_LONG);
	assert_int_equal(text_check("", 0, 1, 3, 0, TEXT_LINE), TEXT_SHORT);
	assert_int_equal(text_check(NULL, 0, 1, 3, 0, TEXT_LINE), TEXT_SHORT);
	assert_string_equal(text_why(TEXT_UTF8), "不是有效的 UTF-8 文字");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_utf8_passes),
		cmocka_unit_test(surrogates_overlongs_and_beyond_are_refused),
		cmocka_unit_test(control_characters_are_refused),
		cmocka_unit_test(multi_line_text_holds_line_ends_and_tabs_only),
		cmocka_unit_test(lengths_count_characters_and_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
