/*
 * test_pwpolicy.c: the password policy (SEC-1, F7): length, kinds of
 * character, common passwords (our list and cracklib), the person's own
 * data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "pwpolicy.h"

static const char *const citizen[] = { "152502199003150027", "13947901234" };

static const char *
check(const char *pw)
{
	return pwpolicy_check(pw, PW_CITIZEN_MIN, citizen, 2);
}

static void
good_passwords_pass(void **state)
{
	(void)state;
	assert_null(check("Yiwang@2026"));	/* the demo's */
	assert_null(check("Caoyuan-2026"));
	assert_null(check("草原上的星星2026"));	/* characters, not bytes */
	assert_null(check("mu4ma-xi1lin"));
	assert_null(pwpolicy_check("Xilin-Gol-88", PW_STAFF_MIN, NULL, 0));
}

static void
short_or_one_kind_refused(void **state)
{
	(void)state;
	assert_non_null(strstr(check("Ab3$efg"), "至少 8 位"));
	assert_non_null(strstr(pwpolicy_check("Ab3$efgh9", PW_STAFF_MIN, NULL,
	    0), "至少 10 位"));
	assert_non_null(strstr(check("qwpoeirutyzm"), "至少两种"));
	assert_non_null(strstr(check("58207349165"), "至少两种"));
	assert_non_null(check(NULL));
	assert_non_null(strstr(check("Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-"
	    "Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-"
	    "Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-Ab1-"
	    "Ab1-Ab1-Ab1-Ab1-"), "太长"));
}

/* The review's 11111111, and the passwords of every leaked list. */
static void
common_refused(void **state)
{
	static const char *const bad[] = { "11111111", "12345678",
	    "password1", "Passw0rd!", "P@ssw0rd", "woaini1314", "Woaini@520",
	    "1314woaini", "5201314a", "qq123456", "1qaz2wsx", "1234qwer",
	    "abcd1234", "Aa123456", "a1b2c3d4", "zxcvbnm123", "Zhangwei88",
	    "88888888a", "asdfghjkl;" };
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = check(bad[i]);

		if (why == NULL)
			fail_msg("accepted %s", bad[i]);
		assert_true(strstr(why, "太常见") != NULL ||
		    strstr(why, "太简单") != NULL ||
		    strstr(why, "至少两种") != NULL);
	}
	assert_true(pwpolicy_common("WOAINI"));
	assert_true(pwpolicy_common("--qwerty--"));
	assert_false(pwpolicy_common("Yiwang@2026"));
	assert_false(pwpolicy_common("ab1"));	/* a stem under 4: nothing */
}

/* The ID number, its birth date, the mobile, a login. */
static void
personal_refused(void **state)
{
	static const char *const staff[] = { "bateer", "巴特尔" };

	(void)state;
	assert_non_null(strstr(check("152502199003150027"), "身份证号码"));
	assert_non_null(strstr(check("x152502199003150027x"), "身份证号码"));
	assert_non_null(strstr(check("Wuyun-19900315"), "出生日期"));
	assert_non_null(strstr(check("m13947901234"), "手机号码"));
	assert_non_null(strstr(pwpolicy_check("Bateer-2026x", PW_STAFF_MIN,
	    staff, 2), "用户名"));
	assert_null(pwpolicy_check("Caoyuan-2026", PW_STAFF_MIN, staff, 2));
	/* NULL and short personal values are skipped, not matched. */
	{
		const char *const odd[] = { NULL, "", "ab" };

		assert_null(pwpolicy_check("Caoyuan-2026", 8, odd, 3));
	}
}

/*
 * Staff passwords, one policy whoever sets them (org.c, yiwang-admin
 * user-add): a letter and a digit, at least 10 characters, and a message
 * that names what is wrong, not "至少 10 位" for a long one or one with a
 * control character.
 */
static void
staff_policy(void **state)
{
	char		 big[PW_MAX_BYTES + 2];
	const char	*why;
	size_t		 i;

	(void)state;
	assert_null(pwpolicy_staff("Xilin-Gol-88", "bateer", "巴特尔"));
	assert_null(pwpolicy_staff("Yiwang@2026", "liuxiaomei", "刘晓梅"));
	assert_non_null(strstr(pwpolicy_staff("Ab3$efgh9", "zs", "郑淑"),
	    "至少 10 位"));
	/* Two kinds are not enough: a letter and a digit. */
	assert_non_null(strstr(pwpolicy_staff("Xilin-Gol-!!", "zs", NULL),
	    "同时包含字母和数字"));
	assert_non_null(strstr(pwpolicy_staff("5820-7349-16", "zs", NULL),
	    "同时包含字母和数字"));
	/* Ten characters, but no Latin letter. */
	assert_non_null(strstr(pwpolicy_staff("草原草原草原草原草原1", "zs",
	    NULL), "同时包含字母和数字"));
	/* The login and the name. */
	assert_non_null(strstr(pwpolicy_staff("Bateer-2026x", "bateer",
	    "巴特尔"), "用户名"));
	assert_non_null(strstr(pwpolicy_staff("巴特尔-Gol-2026", "bt01",
	    "巴特尔"), "姓名"));
	/* Control characters and bad bytes: said as such. */
	assert_non_null(strstr(pwpolicy_staff("Xilin\nGol-88", "zs", NULL),
	    "控制字符"));
	assert_non_null(strstr(pwpolicy_staff("Xilin\tGol-88", "zs", NULL),
	    "控制字符"));
	assert_non_null(strstr(pwpolicy_staff("Xilin\xed\xa0\x80Gol-88", "zs",
	    NULL), "控制字符"));
	/* Too long: said as such; PW_MAX_BYTES is not too long. */
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = "Gobi-Star-2026/"[i % 15];
	big[PW_MAX_BYTES + 1] = '\0';
	assert_non_null(why = pwpolicy_staff(big, "zs", NULL));
	assert_non_null(strstr(why, "太长"));
	assert_null(strstr(why, "至少"));
	big[PW_MAX_BYTES] = '\0';
	why = pwpolicy_staff(big, "zs", NULL);
	assert_true(why == NULL || strstr(why, "太长") == NULL);
	assert_non_null(strstr(pwpolicy_staff("", "zs", NULL), "请填写密码"));
	assert_non_null(pwpolicy_staff(NULL, "zs", NULL));
	/* The citizens' policy refuses control characters too. */
	assert_non_null(strstr(check("Caoyuan\r2026"), "控制字符"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_passwords_pass),
		cmocka_unit_test(short_or_one_kind_refused),
		cmocka_unit_test(common_refused),
		cmocka_unit_test(personal_refused),
		cmocka_unit_test(staff_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
