/*
 * pwpolicy.c: the password policy (SEC-1, F7).  Length and kinds of
 * character are counted here; "common" is cracklib's judgement
 * (dictionary words, repeats, sequences; Debian's libcrack2 with the
 * dictionary of cracklib-runtime) plus our own list of the passwords
 * Chinese users choose most (db/common-passwords.txt, compiled in).
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include <crack.h>

#include "log.h"
#include "pwpolicy.h"
#include "text.h"
#include "utf8.h"

static const char *const common[] = {
#include "common-passwords.inc"
};

static int
listed(const char *s)
{
	size_t	 i;

	if (strlen(s) < 4)
		return 0;	/* a stem this short says nothing */
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (strcmp(common[i], s) == 0)
			return 1;
	return 0;
}

/* Look-alike characters read as the letters they stand for. */
static char
unleet(char c)
{
	switch (c) {
	case '@': case '4':
		return 'a';
	case '0':
		return 'o';
	case '1': case '!':
		return 'i';
	case '3':
		return 'e';
	case '$': case '5':
		return 's';
	case '7':
		return 't';
	default:
		return c;
	}
}

/* The part of s (n bytes) from its first to its last character of the
 * class, into out. */
static const char *
stem(const char *s, size_t n, int (*class)(int), char *out, size_t outlen)
{
	size_t	 b, e;

	for (b = 0; b < n && !class((unsigned char)s[b]); b++)
		;
	for (e = n; e > b && !class((unsigned char)s[e - 1]); e--)
		;
	if (e - b >= outlen)
		e = b + outlen - 1;
	memcpy(out, s + b, e - b);
	out[e - b] = '\0';
	return out;
}

int
pwpolicy_common(const char *pw)
{
	char	 low[PW_MAX_BYTES + 1], buf[PW_MAX_BYTES + 1];
	size_t	 i, n;

	if ((n = strlen(pw)) > PW_MAX_BYTES)
		return 0;
	for (i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)pw[i]);
	if (listed(low))
		return 1;
	/* A number dressed up: 5201314a, a123456. */
	if (listed(stem(low, n, isdigit, buf, sizeof(buf))) &&
	    n - strlen(buf) <= 2)
		return 1;
	/* A word dressed up: woaini1314; read through look-alikes: p@ssw0rd. */
	if (listed(stem(low, n, isalpha, buf, sizeof(buf))))
		return 1;
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = unleet(buf[i]);
	return listed(buf);
}

/* strstr ignoring ASCII case. */
static int
contains(const char *hay, const char *needle)
{
	size_t	 n = strlen(needle), i;

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++)
			if (hay[i] == '\0' || tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * The policy (pwpolicy.h).  letter_digit: both a letter and a digit, as
 * staff passwords need; else two kinds of letter, digit and other.
 */
static const char *
judge(const char *pw, size_t min, const char *const personal[], size_t n,
    int letter_digit)
{
	const unsigned char	*p;
	const char		*why;
	char			 birth[9];
	size_t			 i;
	int			 letter = 0, digit = 0, other = 0;

	if (pw == NULL || *pw == '\0')
		return min >= PW_STAFF_MIN ? "请填写密码（至少 10 位）。" :
		    "请填写密码（至少 8 位）。";
	/* What a browser's password field cannot hold, said as such. */
	switch (text_check(pw, strlen(pw), 0, PW_MAX_BYTES, PW_MAX_BYTES,
	    TEXT_LINE)) {
	case TEXT_OK:
		break;
	case TEXT_LONG:
		return "密码太长，请不要超过 128 个字节（约 40 个汉字）。";
	default:
		return "密码中有换行、制表符等控制字符或无法识别的字符，"
		    "请只用字母、数字、符号和汉字。";
	}
	if (utf8_chars(pw) < min)
		return min >= PW_STAFF_MIN ? "密码至少 10 位。" : "密码至少 8 位。";
	for (i = 0; i < n; i++) {
		if (personal[i] == NULL || strlen(personal[i]) < 4)
			continue;
		if (contains(pw, personal[i]))
			return "密码不能包含身份证号码、手机号码、用户名或姓名，"
			    "请换一个。";
		/* An ID number: its birth date, YYYYMMDD. */
		if (strlen(personal[i]) == 18) {
			memcpy(birth, personal[i] + 6, 8);
			birth[8] = '\0';
			if (contains(pw, birth))
				return "密码不能包含出生日期，请换一个。";
		}
	}
	for (p = (const unsigned char *)pw; *p != '\0'; p++) {
		if (isalpha(*p))
			letter = 1;
		else if (isdigit(*p))
			digit = 1;
		else
			other = 1;
	}
	if (letter_digit && !(letter && digit))
		return "密码须同时包含字母和数字。";
	if (letter + digit + other < 2)
		return "密码须包含字母、数字、符号中的至少两种，例如字母加数字。";
	if (pwpolicy_common(pw))
		return "这个密码太常见，很容易被猜到，请换一个。";
	/* cracklib opens its dictionary on each call: a few milliseconds. */
	if ((why = FascistCheck(pw, GetDefaultCracklibDict())) != NULL) {
		if (strcmp(why, "error loading dictionary") == 0) {
			/* An installation fault: say so, judge by our list. */
			log_err("cracklib: %s %s", why,
			    GetDefaultCracklibDict());
			return NULL;
		}
		return "这个密码太简单（常见单词、重复或连续的字符），"
		    "很容易被猜到，请换一个。";
	}
	return NULL;
}

const char *
pwpolicy_check(const char *pw, size_t min, const char *const personal[],
    size_t n)
{
	return judge(pw, min, personal, n, 0);
}

const char *
pwpolicy_staff(const char *pw, const char *login, const char *name)
{
	const char	*personal[2];

	personal[0] = login;
	personal[1] = name;
	return judge(pw, PW_STAFF_MIN, personal, 2, 1);
}
