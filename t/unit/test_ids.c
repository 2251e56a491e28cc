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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_numbers),
		cmocka_unit_test(every_wrong_check_char_fails),
		cmocka_unit_test(credit_codes),
		cmocka_unit_test(mobiles),
		cmocka_unit_test(masking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
