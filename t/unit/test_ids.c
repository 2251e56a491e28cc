/*
 * test_ids.c: GB 11643 and GB 32100 check characters, mobile numbers and
 * masking (ACC-1, SEC-5).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "ids.h"

static void
id_numbers(void **state)
{
	(void)state;
	/* The standard's own example, and one ending in X. */
	assert_true(id_number_valid("11010519491231002X"));
	assert_true(id_number_valid("152502199003150027"));
	/* Check digit right, but born before 1900: nobody living. */
	assert_false(id_number_valid("440524188001010014"));
	/* One digit changed, or the check character changed. */
	assert_false(id_number_valid("152502199003150028"));
	assert_false(id_number_valid("152502199003160027"));
	assert_false(id_number_valid("11010519491231002x"));
	/* Impossible dates, wrong lengths, letters, NULL. */
	assert_false(id_number_valid("152502199002300020"));
	assert_false(id_number_valid("152502199013150027"));
	assert_false(id_number_valid("15250219900315002"));
	assert_false(id_number_valid("1525021990031500277"));
	assert_false(id_number_valid("15250219900315A027"));
	assert_false(id_number_valid(""));
	assert_false(id_number_valid(NULL));
}

/* F7: numbers with a right check character that no person can hold. */
static void
id_number_problems(void **state)
{
	(void)state;
	assert_int_equal(id_number_check("152502199003150027", 20261206),
	    IDNO_OK);
	/* Region 999999 and 1599: no such province and prefecture. */
	assert_int_equal(id_number_check("999999199003150020", 0),
	    IDNO_REGION);
	assert_int_equal(id_number_check("159900199003150022", 0),
	    IDNO_REGION);
	/* A prefecture abolished in 1993 still opens valid numbers. */
	assert_int_equal(id_number_check("132301198001010017", 20261206),
	    IDNO_OK);
	/* Residence permits of Hong Kong and Taiwan residents. */
	assert_int_equal(id_number_check("810000199001010019", 0), IDNO_OK);
	assert_int_equal(id_number_check("830000199001010012", 0), IDNO_OK);
	/* 30 February. */
	assert_int_equal(id_number_check("15250219900230002X", 0), IDNO_DATE);
	/* Born in 2030, or tomorrow; today is fine. */
	assert_int_equal(id_number_check("152502203001010011", 20261206),
	    IDNO_FUTURE);
	assert_int_equal(id_number_check("152502202612070027", 20261206),
	    IDNO_FUTURE);
	assert_int_equal(id_number_check("152502202612060021", 20261206),
	    IDNO_OK);
	/* More than 120 years old, or just under. */
	assert_int_equal(id_number_check("152502190501010026", 20261206),
	    IDNO_OLD);
	assert_int_equal(id_number_check("152502190701010020", 20261206),
	    IDNO_OK);
	assert_int_equal(id_number_check("440524188001010014", 20261206),
	    IDNO_OLD);
	assert_int_equal(id_number_check("440524188001010014", 0), IDNO_OLD);
	/* Without today, the date is only checked to be real. */
	assert_int_equal(id_number_check("152502203001010011", 0), IDNO_OK);
	assert_int_equal(id_number_check("152502199003150028", 0), IDNO_CHECK);
	assert_int_equal(id_number_check("15250219900315002x", 0),
	    IDNO_FORMAT);
	assert_int_equal(id_number_check(NULL, 0), IDNO_FORMAT);
	assert_false(id_number_valid("999999199003150020"));
	{
		char	 typed[] = "11010519491231002x";

		id_number_upper(typed);
		assert_string_equal(typed, "11010519491231002X");
		id_number_upper(NULL);
	}
	/* Each problem has its own message; OK has none. */
	assert_null(id_number_problem(IDNO_OK));
	assert_non_null(strstr(id_number_problem(IDNO_REGION), "地区代码"));
	assert_non_null(strstr(id_number_problem(IDNO_FUTURE), "晚于今天"));
	assert_non_null(strstr(id_number_problem(IDNO_DATE), "不是有效日期"));
	assert_non_null(strstr(id_number_problem(IDNO_CHECK), "18 位"));
}

/* The compiled-in GB/T 2260 list (db/gbt2260-prefectures.txt). */
static void
region_codes(void **state)
{
	static const char *const known[] = { "1101", "1525", "1323", "4290",
	    "6590", "5002", "8200", "8300" };
	static const char *const unknown[] = { "9999", "1599", "0000", "1100",
	    "152", "15a5", "" };
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		assert_true(region_prefecture_known(known[i]));
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_false(region_prefecture_known(unknown[i]));
	assert_false(region_prefecture_known(NULL));
}

static void
every_wrong_check_char_fails(void **state)
{
	const char	*chars = "0123456789X";
	char		 id[19];
	int		 good = 0;

	(void)state;
	strcpy(id, "15250219900315002?");
	for (; *chars; chars++) {
		id[17] = *chars;
		good += id_number_valid(id);
	}
	assert_int_equal(good, 1);
}

static void
credit_codes(void **state)
{
	(void)state;
	assert_true(credit_code_valid("91350100M000100Y43"));
	assert_false(credit_code_valid("91350100M000100Y44"));
	assert_false(credit_code_valid("91350100M000100I43"));	/* no I */
	assert_false(credit_code_valid("91350100M000100Y4"));
	assert_false(credit_code_valid(NULL));
}

/*
 * GB 32100 by its parts (ACC-1): codes built as real ones are (authority,
 * type, a 锡林浩特市 or 福州市 division, a GB 11714 organisation code with
 * its own check, the MOD 31 check), each part broken in turn.
 */
static void
credit_code_parts(void **state)
{
	char	 up[] = "91152502ma0n3k7p83";

	(void)state;
	/* 企业, 个体工商户, 农民专业合作社 of 锡林浩特市 (152502). */
	assert_int_equal(credit_code_check("91152502MA0N3K7P83"), CREDIT_OK);
	assert_int_equal(credit_code_check("92152502MA0P6T4U2W"), CREDIT_OK);
	assert_int_equal(credit_code_check("93152502MA0R1X5A0U"), CREDIT_OK);
	assert_int_equal(credit_code_check("91350100M000100Y43"), CREDIT_OK);
	assert_string_equal(credit_code_type("93152502MA0R1X5A0U"),
	    "农民专业合作社");
	assert_string_equal(credit_code_type("91152502MA0N3K7P83"), "企业");
	/* The check character: every other one fails. */
	assert_int_equal(credit_code_check("91152502MA0N3K7P84"),
	    CREDIT_CHECK);
	assert_int_equal(credit_code_check("91152502MA0N3K7P8Y"),
	    CREDIT_CHECK);
	/* One character changed anywhere is caught by the check. */
	assert_int_equal(credit_code_check("91152503MA0N3K7P83"),
	    CREDIT_CHECK);
	/* Valid check characters over a wrong authority, a wrong type, a
	 * division GB/T 2260 never had. */
	assert_int_equal(credit_code_check("B1152502MA0N3K7P81"),
	    CREDIT_AUTHORITY);
	assert_int_equal(credit_code_check("94152502MA0N3K7P8R"),
	    CREDIT_TYPE);
	assert_int_equal(credit_code_check("Y2152502MA0N3K7P8A"),
	    CREDIT_TYPE);
	assert_int_equal(credit_code_check("91990000MA0N3K7P8R"),
	    CREDIT_REGION);
	/* The characters of the code only; length. */
	assert_int_equal(credit_code_check("91152502MA0N3K7O83"),
	    CREDIT_FORMAT);
	assert_int_equal(credit_code_check("91152502MA0N3K7P8"),
	    CREDIT_FORMAT);
	assert_int_equal(credit_code_check(up), CREDIT_FORMAT);
	credit_code_upper(up);
	assert_int_equal(credit_code_check(up), CREDIT_OK);
	assert_int_equal(credit_code_check(NULL), CREDIT_FORMAT);
	assert_string_equal(credit_code_type("94152502MA0N3K7P8R"), "");
	assert_non_null(strstr(credit_code_problem(CREDIT_TYPE), "第 2 位"));
	assert_null(credit_code_problem(CREDIT_OK));
}

static void
mobiles(void **state)
{
	(void)state;
	assert_true(mobile_valid("13904791234"));
	assert_true(mobile_valid("19847901234"));
	assert_false(mobile_valid("12904791234"));
	assert_false(mobile_valid("1390479123"));
	assert_false(mobile_valid("139047912345"));
	assert_false(mobile_valid("1390479123a"));
	assert_false(mobile_valid(NULL));
}

static void
masking(void **state)
{
	char	 out[32];

	(void)state;
	id_mask("152502199003150027", 6, 4, out, sizeof(out));
	assert_string_equal(out, "152502********0027");
	id_mask("13904791234", 3, 4, out, sizeof(out));
	assert_string_equal(out, "139****1234");
	id_mask("12", 3, 4, out, sizeof(out));
	assert_string_equal(out, "12");
	id_mask("13904791234", 3, 4, out, 5);
	assert_string_equal(out, "139*");
}

/* Numbers typed in a message are masked where they stand alone (SEC-5);
 * other numbers (a waybill, a licence, a date) are left as written. */
static void
masking_in_text(void **state)
{
	char	 s[256];

	(void)state;
	snprintf(s, sizeof(s), "身份证 152502199003150027，手机13904791234。");
	assert_string_equal(id_mask_text(s),
	    "身份证 152502********0027，手机139****1234。");
	snprintf(s, sizeof(s), "15250219900315002x\n13904791234");
	assert_string_equal(id_mask_text(s), "152502********002x\n139****1234");
	/* Not standing alone, not the shape, or another kind of number. */
	snprintf(s, sizeof(s), "SF139047912345 1390479123 12904791234 "
	    "A13904791234 2026-12-07 1520021990031500271");
	assert_string_equal(id_mask_text(s), "SF139047912345 1390479123 "
	    "12904791234 A13904791234 2026-12-07 1520021990031500271");
	s[0] = '\0';
	assert_string_equal(id_mask_text(s), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_numbers),
		cmocka_unit_test(id_number_problems),
		cmocka_unit_test(region_codes),
		cmocka_unit_test(every_wrong_check_char_fails),
		cmocka_unit_test(credit_codes),
		cmocka_unit_test(credit_code_parts),
		cmocka_unit_test(mobiles),
		cmocka_unit_test(masking),
		cmocka_unit_test(masking_in_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
