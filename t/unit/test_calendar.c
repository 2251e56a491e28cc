/*
 * test_calendar.c: the working-day calendar and its arithmetic (TIME-1,
 * TIME-2): dates, the file's lines, hand-checked deadlines around 春节 and
 * 国庆 2026 (db/calendar/2026.txt, the State Council's schedule), and
 * properties over every start day and term of two years; the quiet hours
 * of the staff's SMS reminders (remind.h, NTF-1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "calendar.h"
#include "deadline.h"
#include "remind.h"

static struct pool	*pool;
static struct calendar	 cal2026;	/* the shipped 2026 file */

static int
setup(void **state)
{
	FILE		*f;
	char		*text;
	long		 n;
	const char	*why;

	(void)state;
	pool = pool_new();
	f = fopen(TOP_SRCDIR "/db/calendar/2026.txt", "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = pool_alloc(pool, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (cal_parse_text(pool, text, &cal2026, &why) != 0)
		fail_msg("2026.txt: %s", why);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pool_free(pool);
	return 0;
}

static cal_day
D(const char *s)
{
	cal_day	 d;

	if (cal_day_parse(s, &d) != 0)
		fail_msg("not a date: %s", s);
	return d;
}

static const char *
S(cal_day d)
{
	return cal_day_str(pool, d);
}

static void
dates(void **state)
{
	cal_day	 d, z;
	char	 buf[CAL_DAY_BUF];

	(void)state;
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(cal_weekday(D("1970-01-01")), 4);	/* Thursday */
	assert_int_equal(cal_weekday(D("2026-10-01")), 4);
	assert_int_equal(cal_weekday(D("2026-02-17")), 2);
	assert_string_equal(cal_weekday_name(D("2026-12-06")), "周日");
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);	/* leap */
	assert_int_equal(D("2100-03-01") - D("2100-02-28"), 1);	/* not */
	assert_int_equal(cal_day_parse("2026-02-29", &d), -1);
	assert_int_equal(cal_day_parse("2024-02-29", &d), 0);
	assert_int_equal(cal_day_parse("2026-13-01", &d), -1);
	assert_int_equal(cal_day_parse("2026-1-01", &d), -1);
	assert_int_equal(cal_day_parse("2026-01-01x", &d), -1);
	assert_int_equal(cal_day_parse("1949-12-31", &d), -1);
	assert_int_equal(cal_day_parse(NULL, &d), -1);
	/* Every day of 1950..2199 formats back to itself. */
	for (z = D("1950-01-01"); z <= D("2199-12-31"); z++) {
		cal_day_format(z, buf);
		if (cal_day_parse(buf, &d) != 0 || d != z)
			fail_msg("%d: %s", z, buf);
	}
	/* Beijing time: 2026-09-30 16:00 UTC is 10-01 00:00 in Beijing. */
	assert_int_equal(cal_day_of(cal_day_start(D("2026-10-01"))),
	    D("2026-10-01"));
	assert_int_equal(cal_day_of(cal_day_start(D("2026-10-01")) - 1),
	    D("2026-09-30"));
	assert_int_equal(cal_day_start(D("2026-10-01")), 1790784000);
}

static void
lines(void **state)
{
	struct cal_entry e;
	const char	*why;

	(void)state;
	assert_int_equal(cal_parse_line(pool, "2026-10-01 休 国庆节", &e,
	    &why), 1);
	assert_int_equal(e.day, D("2026-10-01"));
	assert_int_equal(e.kind, CAL_OFF);
	assert_string_equal(e.name, "国庆节");
	assert_int_equal(cal_parse_line(pool, "2026-10-10\t班  国庆节调休  # x",
	    &e, &why), 1);
	assert_int_equal(e.kind, CAL_WORK);
	assert_string_equal(e.name, "国庆节调休");
	assert_int_equal(cal_parse_line(pool, "2026-10-08 休", &e, &why), 1);
	assert_string_equal(e.name, "");
	assert_int_equal(cal_parse_line(pool, "  # 注释", &e, &why), 0);
	assert_int_equal(cal_parse_line(pool, "", &e, &why), 0);
	assert_int_equal(cal_parse_line(pool, "\r", &e, &why), 0);
	/* Refused, each saying what is wrong. */
	assert_int_equal(cal_parse_line(pool, "2026-10-12 班 周一", &e, &why),
	    -1);
	assert_non_null(strstr(why, "只能是星期六或星期日"));
	assert_int_equal(cal_parse_line(pool, "2026-02-30 休 x", &e, &why), -1);
	assert_non_null(strstr(why, "真实日期"));
	assert_int_equal(cal_parse_line(pool, "2026-10-01 放 国庆", &e, &why),
	    -1);
	assert_non_null(strstr(why, "休"));
	assert_int_equal(cal_parse_line(pool, "2026-10-01 休国庆", &e, &why),
	    -1);
	assert_int_equal(cal_parse_line(pool, "2026/10/01 休 国庆", &e, &why),
	    -1);
	assert_int_equal(cal_parse_line(pool,
	    "2026-10-01 休 一二三四五六七八九十一二三四五六七八九十一", &e, &why),
	    -1);
	assert_non_null(strstr(why, "20 个字"));
	assert_int_equal(cal_parse_line(pool, "2026-10-01 休 国\x01庆", &e,
	    &why), -1);
	assert_int_equal(cal_parse_line(pool, "2026-10-01 休 \xed\xa0\x80", &e,
	    &why), -1);
}

static void
texts(void **state)
{
	struct calendar	 c;
	const char	*why;

	(void)state;
	assert_int_equal(cal_parse_text(pool, "# 空\n\n", &c, &why), -1);
	assert_non_null(strstr(why, "没有任何日期"));
	assert_int_equal(cal_parse_text(pool, "2026-10-01 休 国庆节\n"
	    "2026-10-01 休 国庆节\n", &c, &why), -1);
	assert_non_null(strstr(why, "2026-10-01 写了两次"));
	assert_int_equal(cal_parse_text(pool, "2026-10-01 休 国庆节\r\n"
	    "2026-10-12 班 x\r\n", &c, &why), -1);
	assert_string_equal(why, "第 2 行：调休上班（班）只能是星期六或星期日："
	    "其他日子本来就上班。");
	/* Two years in one file, out of order: sorted, both loaded. */
	assert_int_equal(cal_parse_text(pool, "2027-01-01 休 元旦\n"
	    "2026-12-31 休 x", &c, &why), 0);
	assert_int_equal(c.ndays, 2);
	assert_int_equal(c.days[0].day, D("2026-12-31"));
	assert_int_equal(c.nyears, 2);
	assert_int_equal(c.years[0], 2026);
	assert_int_equal(c.years[1], 2027);
	/* The shipped file: 33 days off, 6 make-up days, only 2026. */
	assert_int_equal(cal2026.ndays, 39);
	assert_int_equal(cal2026.nyears, 1);
	assert_int_equal(cal2026.years[0], 2026);
}

/* Hand-checked against the State Council's 2026 schedule. */
static void
deadlines_2026(void **state)
{
	int	 u = 0;

	(void)state;
	/* The example: 09-30 + 1 is not 国庆 but 10-08. */
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-30"), 1, &u)),
	    "2026-10-08");
	/* 10-08 (Thu), 10-09 (Fri), 10-10 (Sat, 调休 worked). */
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-30"), 3, &u)),
	    "2026-10-10");
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-30"), 4, &u)),
	    "2026-10-12");
	/* 09-20 is a Sunday worked: 09-18 (Fri) + 1. */
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-18"), 1, &u)),
	    "2026-09-20");
	/* 中秋 09-25..27: 09-24 + 1 = 09-28. */
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-24"), 1, &u)),
	    "2026-09-28");
	/* 春节: 02-13 (Fri) + 1 = 02-14 (Sat, worked); + 2 = 02-24. */
	assert_string_equal(S(cal_add(&cal2026, D("2026-02-13"), 1, &u)),
	    "2026-02-14");
	assert_string_equal(S(cal_add(&cal2026, D("2026-02-13"), 2, &u)),
	    "2026-02-24");
	/* 5 working days from a receipt on 02-12 (Thu): 13, 14, 24, 25,
	 * 26. */
	assert_string_equal(S(cal_add(&cal2026, D("2026-02-12"), 5, &u)),
	    "2026-02-26");
	/* 20 working days from 09-15. */
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-15"), 20, &u)),
	    "2026-10-19");
	assert_int_equal(cal_between(&cal2026, D("2026-09-15"),
	    D("2026-10-19"), &u), 20);
	/* A day off is not a working day, whatever its weekday. */
	assert_false(cal_is_workday(&cal2026, D("2026-10-05"), &u));
	assert_true(cal_is_workday(&cal2026, D("2026-10-10"), &u));
	assert_false(cal_is_workday(&cal2026, D("2026-10-11"), &u));
	assert_int_equal(u, 0);		/* nothing left 2026 */
	/* Working days in 2026: 365 - 104 weekend days - 19 weekdays off
	 * + 6 make-up days. */
	assert_int_equal(cal_between(&cal2026, D("2025-12-31"),
	    D("2026-12-31"), &u), 248);
	assert_int_equal(u, 0);
	assert_int_equal(cal_between(&cal2026, D("2026-10-08"),
	    D("2026-09-30"), &u), -1);
}

/*
 * A special procedure of 10 working days across 中秋 and 国庆 (INT-9): a
 * case due 2026-10-09 stops on 09-24 with 5 working days left (09-28,
 * 29, 30, 10-08, 09); the procedure's 10 working days end on 10-15
 * (09-28, 29, 30, 10-08, 09, 10 (Sat, worked), 12, 13, 14, 15); from
 * there the 5 left end on 10-22 (16, 19, 20, 21, 22), which is the old
 * deadline moved by the 10 days paused.
 */
static void
special_procedure_2026(void **state)
{
	int	 u = 0, n;

	(void)state;
	assert_string_equal(S(cal_add(&cal2026, D("2026-09-24"), 10, &u)),
	    "2026-10-15");
	n = deadline_paused(&cal2026, D("2026-09-24"), D("2026-10-15"));
	assert_int_equal(n, 10);
	assert_string_equal(S(cal_add(&cal2026, D("2026-10-09"), n, &u)),
	    "2026-10-22");
	assert_string_equal(S(cal_add(&cal2026, D("2026-10-15"),
	    cal_between(&cal2026, D("2026-09-24"), D("2026-10-09"), &u), &u)),
	    "2026-10-22");
	/* Ended the day it began: nothing owed; on a day off after 国庆's
	 * make-up Saturday: the working days up to it. */
	assert_int_equal(deadline_paused(&cal2026, D("2026-09-24"),
	    D("2026-09-24")), 0);
	assert_int_equal(deadline_paused(&cal2026, D("2026-09-24"),
	    D("2026-10-11")), 6);
	/* Begun and ended within the holiday: nothing owed. */
	assert_int_equal(deadline_paused(&cal2026, D("2026-10-02"),
	    D("2026-10-07")), 0);
	assert_int_equal(deadline_paused(&cal2026, D("2026-10-15"),
	    D("2026-09-24")), 0);
	assert_int_equal(u, 0);
}

/* Past the loaded year: weekends only, and said. */
static void
unknown_years(void **state)
{
	int	 u = 0;

	(void)state;
	assert_string_equal(S(cal_add(&cal2026, D("2026-12-30"), 2, &u)),
	    "2027-01-01");	/* 元旦 2027 is not known yet */
	assert_int_equal(u, 2027);
	u = 0;
	cal_add(&cal2026, D("2026-12-01"), 10, &u);
	assert_int_equal(u, 0);
	assert_int_equal(calendar_missing_year(&cal2026, D("2026-12-06"), 90),
	    2027);
	assert_int_equal(calendar_missing_year(&cal2026, D("2026-06-01"), 90),
	    0);
	assert_int_equal(calendar_missing_year(&cal2026, D("2025-12-06"), 0),
	    2025);
}

/* For every start day of 2026 and 2027 and every term of 0..60 working
 * days: counting back gives the term, the end is a working day (a day off
 * never ends a deadline), and a longer term never ends sooner. */
static void
properties(void **state)
{
	struct calendar	 c;
	const char	*why;
	cal_day		 d, end, prev;
	int		 n, u = 0;

	(void)state;
	/* 2026 as shipped and a made-up 2027 with a weekday off and a
	 * Sunday worked, so that both rules are exercised in both years. */
	assert_int_equal(cal_parse_text(pool, "2026-10-01 休 国庆节\n"
	    "2026-10-02 休 国庆节\n2026-10-10 班 国庆节调休\n"
	    "2027-02-10 休 x\n2027-02-07 班 y\n", &c, &why), 0);
	for (d = D("2026-01-01"); d <= D("2027-12-31"); d++) {
		prev = d;
		for (n = 0; n <= 60; n++) {
			end = cal_add(&c, d, n, &u);
			if (cal_between(&c, d, end, &u) != n)
				fail_msg("%s + %d = %s, counted back %d", S(d),
				    n, S(end), cal_between(&c, d, end, &u));
			if (n > 0 && !cal_is_workday(&c, end, &u))
				fail_msg("%s + %d ends on a day off %s", S(d),
				    n, S(end));
			if (end < prev)
				fail_msg("%s + %d ends before + %d", S(d), n,
				    n - 1);
			prev = end;
		}
	}
	assert_false(cal_is_workday(&c, D("2027-02-10"), &u));	/* Wed off */
	assert_true(cal_is_workday(&c, D("2027-02-07"), &u));	/* Sun on */
	/* The same over the shipped file. */
	for (d = D("2026-01-01"); d <= D("2026-12-31"); d++)
		for (n = 1; n <= 30; n++) {
			end = cal_add(&cal2026, d, n, &u);
			assert_int_equal(cal_between(&cal2026, d, end, &u), n);
			assert_null(cal_entry_of(&cal2026, end) != NULL &&
			    cal_entry_of(&cal2026, end)->kind == CAL_OFF ?
			    "off" : NULL);
		}
}

/* For every day of 2026 and every deadline within 20 days of it, the
 * bounds a search filters by give the light deadline_light() gives. */
static void
light_bounds(void **state)
{
	cal_day		 today, due, yf, gf;
	enum light	 l, b;
	int		 days;

	(void)state;
	for (today = D("2026-01-01"); today <= D("2026-12-31"); today++) {
		deadline_light_bounds(&cal2026, today, &yf, &gf);
		for (due = today - 20; due <= today + 20; due++) {
			l = deadline_light(&cal2026, today, due, &days);
			b = due < yf ? LIGHT_RED : due < gf ? LIGHT_YELLOW :
			    LIGHT_GREEN;
			if (l != b)
				fail_msg("today %s due %s: light %d, bounds %d",
				    S(today), S(due), l, b);
		}
	}
}

/* The same as ranges of dates (deadline_light_range(), for a BETWEEN of
 * the stored deadline): every deadline within 20 days of every day of
 * 2026 falls in the range of its own light and of no other. */
static void
light_ranges(void **state)
{
	static const enum light lights[] = { LIGHT_GREEN, LIGHT_YELLOW,
	    LIGHT_RED };
	const char	*lo, *hi;
	cal_day		 today, due, a, b;
	enum light	 l;
	size_t		 i;
	int		 days, in;

	(void)state;
	assert_int_equal(deadline_light_range(pool, &cal2026, D("2026-03-02"),
	    LIGHT_NONE, &lo, &hi), 0);
	assert_null(lo);
	assert_null(hi);
	for (today = D("2026-01-01"); today <= D("2026-12-31"); today++)
		for (i = 0; i < 3; i++) {
			assert_int_equal(deadline_light_range(pool, &cal2026,
			    today, lights[i], &lo, &hi), 1);
			/* The open ends lie outside what cal_day holds. */
			if (strcmp(lo, "1000-01-01") == 0)
				a = today - 100000;
			else
				assert_int_equal(cal_day_parse(lo, &a), 0);
			if (strcmp(hi, "9999-12-31") == 0)
				b = today + 100000;
			else
				assert_int_equal(cal_day_parse(hi, &b), 0);
			for (due = today - 20; due <= today + 20; due++) {
				l = deadline_light(&cal2026, today, due, &days);
				in = due >= a && due <= b;
				if (in != (l == lights[i]))
					fail_msg("today %s due %s: light %d, "
					    "range of %d %s..%s", S(today),
					    S(due), l, lights[i], lo, hi);
			}
		}
}

/* Beijing y-m-d h:m as a time_t. */
static time_t
bj(int y, int mo, int d, int h, int mi)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return timegm(&tm) - 8 * 3600;
}

/* The staff's SMS reminders (NTF-1): none from 22:00 to 07:00 Beijing
 * time; one composed then waits for the first 07:00. */
static void
quiet_hours(void **state)
{
	(void)state;
	assert_int_equal(remind_quiet(bj(2026, 12, 10, 21, 59)), 0);
	assert_int_equal(remind_quiet(bj(2026, 12, 10, 22, 0)), 1);
	assert_int_equal(remind_quiet(bj(2026, 12, 11, 0, 30)), 1);
	assert_int_equal(remind_quiet(bj(2026, 12, 11, 6, 59)), 1);
	assert_int_equal(remind_quiet(bj(2026, 12, 11, 7, 0)), 0);
	assert_int_equal(remind_quiet(bj(2026, 12, 11, 12, 0)), 0);
	assert_true(remind_morning(bj(2026, 12, 10, 22, 0)) ==
	    bj(2026, 12, 11, 7, 0));
	assert_true(remind_morning(bj(2026, 12, 10, 23, 59)) ==
	    bj(2026, 12, 11, 7, 0));
	assert_true(remind_morning(bj(2026, 12, 11, 0, 0)) ==
	    bj(2026, 12, 11, 7, 0));
	assert_true(remind_morning(bj(2026, 12, 11, 6, 59)) ==
	    bj(2026, 12, 11, 7, 0));
	assert_true(remind_morning(bj(2026, 12, 31, 23, 0)) ==
	    bj(2027, 1, 1, 7, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(lines),
		cmocka_unit_test(texts),
		cmocka_unit_test(deadlines_2026),
		cmocka_unit_test(special_procedure_2026),
		cmocka_unit_test(unknown_years),
		cmocka_unit_test(light_bounds),
		cmocka_unit_test(light_ranges),
		cmocka_unit_test(properties),
		cmocka_unit_test(quiet_hours),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
