/*
 * test_utf8.c: the strict UTF-8 check every input passes (SEC-4, F3) and
 * cutting at character boundaries (F11): properties over every code
 * point and every string of up to three bytes, against an independent
 * reference and against jansson (which refused the bytes MariaDB stored
 * and so ended workers); the classic malformed sequences by name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "utf8.h"
#include "../utf8_ref.h"

/* Canonical encoding of c into b (any c < 2^21); its length. */
static size_t
encode(uint32_t c, unsigned char *b)
{
	if (c < 0x80) {
		b[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (unsigned char)(0xC0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | c >> 12);
		b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | c >> 18);
	b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
	b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
	b[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

/* Encoding of c in exactly len bytes, however long it needs (overlong). */
static void
encode_as(uint32_t c, size_t len, unsigned char *b)
{
	static const unsigned char lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
	size_t	 i;

	for (i = len - 1; i > 0; i--, c >>= 6)
		b[i] = (unsigned char)(0x80 | (c & 0x3F));
	b[0] = (unsigned char)(lead[len] | c);
}

/* 1 when the n bytes at s are not a sequence of utf8_decode() characters. */
static int
malformed(const void *s, size_t n)
{
	size_t		 i, len;
	uint32_t	 c;

	for (i = 0; i < n; i += len)
		if ((len = utf8_decode((const char *)s + i, n - i, &c)) == 0)
			return 1;
	return 0;
}

/* Every code point decodes to itself, except the surrogates, which fail;
 * and check() classes each one as the form fields need. */
static void
every_code_point(void **state)
{
	unsigned char	 b[4];
	uint32_t	 c, got;
	size_t		 len;
	int		 ctl;

	(void)state;
	for (c = 0; c <= 0x10FFFF; c++) {
		len = encode(c, b);
		if (c >= 0xD800 && c <= 0xDFFF) {
			assert_int_equal(utf8_decode((char *)b, len, &got), 0);
			assert_true(malformed(b, len));
			continue;
		}
		assert_int_equal(utf8_decode((char *)b, len, &got), len);
		assert_int_equal(got, c);
		/* One byte short is never a character. */
		assert_int_equal(utf8_decode((char *)b, len - 1, &got), 0);
		ctl = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
		if (c == 0)
			assert_int_equal(utf8_check((char *)b, len, 0, NULL),
			    UTF8_NUL);
		else if (!ctl)
			assert_int_equal(utf8_check((char *)b, len, 0, NULL),
			    UTF8_OK);
		else {
			assert_int_equal(utf8_check((char *)b, len, 0, NULL),
			    UTF8_CONTROL);
			/* A lone CR is no line end (CR LF is, below). */
			assert_int_equal(utf8_check((char *)b, len, UTF8_LINES,
			    NULL), c == '\t' || c == '\n' ? UTF8_OK :
			    UTF8_CONTROL);
		}
	}
}

/* Every code point written in more bytes than it needs is refused, and
 * so is every 4-byte form past U+10FFFF. */
static void
overlong_and_too_big(void **state)
{
	unsigned char	 b[4];
	uint32_t	 c, got;
	size_t		 len;

	(void)state;
	for (c = 0; c < 0x10000; c++)
		for (len = encode(c, b) + 1; len <= 4; len++) {
			encode_as(c, len, b);
			assert_int_equal(utf8_decode((char *)b, len, &got), 0);
		}
	for (c = 0x110000; c < 0x200000; c++) {
		encode_as(c, 4, b);
		assert_int_equal(utf8_decode((char *)b, 4, &got), 0);
	}
}

/* Every string of one, two and three bytes: decoding agrees with the
 * reference. */
static void
every_short_string(void **state)
{
	unsigned char	 b[3];
	uint32_t	 v;

	(void)state;
	for (v = 0; v < 0x100; v++) {
		b[0] = (unsigned char)v;
		assert_int_equal(!malformed(b, 1), ref_valid(b, 1, REF_UTF8));
	}
	for (v = 0; v < 0x10000; v++) {
		b[0] = (unsigned char)(v >> 8);
		b[1] = (unsigned char)v;
		assert_int_equal(!malformed(b, 2), ref_valid(b, 2, REF_UTF8));
	}
	for (v = 0; v < 0x1000000; v++) {
		b[0] = (unsigned char)(v >> 16);
		b[1] = (unsigned char)(v >> 8);
		b[2] = (unsigned char)v;
		if ((!malformed(b, 3)) != ref_valid(b, 3, REF_UTF8))
			fail_msg("%02x %02x %02x: decode %d, reference %d",
			    b[0], b[1], b[2], !malformed(b, 3),
			    ref_valid(b, 3, REF_UTF8));
	}
}

/* Random strings, mostly from the bytes that matter: the check agrees
 * with the reference and with jansson, which must never see what it
 * refuses (F3: its NULL reached abort()). */
static void
random_strings_agree_with_jansson(void **state)
{
	static const unsigned char pick[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F,
	    0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
	    0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFC, 0xFE,
	    0xFF };
	unsigned char	 b[12];
	json_t		*j;
	size_t		 n, i;
	unsigned	 seed = 20261201, run;
	int		 ours;

	(void)state;
	for (run = 0; run < 300000; run++) {
		n = 1 + rand_r(&seed) % sizeof(b);
		for (i = 0; i < n; i++)
			b[i] = rand_r(&seed) % 3 == 0 ?
			    (unsigned char)rand_r(&seed) :
			    pick[rand_r(&seed) % sizeof(pick)];
		ours = !malformed(b, n);
		assert_int_equal(ours, ref_valid(b, n, REF_UTF8));
		/* What check() lets through is valid and free of controls. */
		assert_int_equal(utf8_check((char *)b, n, UTF8_LINES, NULL) ==
		    UTF8_OK, ref_valid(b, n, REF_LINES));
		assert_int_equal(utf8_check((char *)b, n, 0, NULL) == UTF8_OK,
		    ref_valid(b, n, REF_TEXT));
		j = json_stringn((char *)b, n);
		if ((j != NULL) != ours)
			fail_msg("jansson %s what we %s (%zu bytes)",
			    j ? "takes" : "refuses", ours ? "take" : "refuse",
			    n);
		json_decref(j);
	}
}

/* The classic malformed sequences (Markus Kuhn's test file), by name. */
static void
classic_malformed(void **state)
{
	static const struct {
		const char	*what, *s;
	} bad[] = {
		{ "encoded surrogate (the review's ED A0 80)", "\xED\xA0\x80" },
		{ "last surrogate", "\xED\xBF\xBF" },
		{ "surrogate pair (CESU-8)", "\xED\xA0\xBD\xED\xB8\x80" },
		{ "overlong NUL", "\xC0\x80" },
		{ "overlong NUL, 3 bytes", "\xE0\x80\x80" },
		{ "overlong NUL, 4 bytes", "\xF0\x80\x80\x80" },
		{ "overlong '/'", "\xC0\xAF" },
		{ "overlong '/', 3 bytes", "\xE0\x80\xAF" },
		{ "overlong '/', 4 bytes", "\xF0\x80\x80\xAF" },
		{ "largest overlong 2 bytes", "\xC1\xBF" },
		{ "largest overlong 3 bytes", "\xE0\x9F\xBF" },
		{ "largest overlong 4 bytes", "\xF0\x8F\xBF\xBF" },
		{ "U+110000", "\xF4\x90\x80\x80" },
		{ "5-byte form", "\xF8\x88\x80\x80\x80" },
		{ "6-byte form", "\xFC\x84\x80\x80\x80\x80" },
		{ "FE", "\xFE" },
		{ "FF", "\xFF" },
		{ "lone continuation", "\x80" },
		{ "lone continuation BF", "\xBF" },
		{ "lead then ASCII", "\xE4\xB8" "A" },
		{ "truncated at the end", "\xE4\xB8" },
		{ "lead, lead", "\xC2\xC2" },
		{ "Latin-1 é", "caf\xE9" },
		{ "GBK 中", "\xD6\xD0" },
	};
	size_t	 i, at;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (utf8_check(bad[i].s, strlen(bad[i].s), UTF8_LINES, &at) !=
		    UTF8_MALFORMED)
			fail_msg("taken: %s", bad[i].what);
	}
	/* The offset of the fault is given. */
	assert_int_equal(utf8_check("申请\xED\xA0\x80", 9, 0, &at),
	    UTF8_MALFORMED);
	assert_int_equal(at, 6);
	/* Good text, and NUL inside a counted string. */
	assert_int_equal(utf8_check("锡林浩特市 𠀀 é", strlen("锡林浩特市 𠀀 é"),
	    0, NULL), UTF8_OK);
	assert_int_equal(utf8_check("a\0b", 3, UTF8_LINES, &at), UTF8_NUL);
	assert_int_equal(at, 1);
	assert_int_equal(utf8_check("一行\r\n两行\t", 15, UTF8_LINES, NULL),
	    UTF8_OK);
	assert_int_equal(utf8_check("一行\r\n两行", 14, 0, &at), UTF8_CONTROL);
	assert_int_equal(utf8_check("一行\r两行", 13, UTF8_LINES, &at),
	    UTF8_CONTROL);
	assert_int_equal(at, 6);
	assert_int_equal(at, 6);
	assert_int_equal(utf8_check("\xC2\x85", 2, UTF8_LINES, NULL),
	    UTF8_CONTROL);	/* NEL, a C1 control */
	assert_int_equal(utf8_check("", 0, 0, NULL), UTF8_OK);
}

/* The prefix never ends inside a character and is the longest that fits. */
static void
prefix_at_boundaries(void **state)
{
	static const uint32_t some[] = { 'a', 0xE9, 0x4E2D, 0x20000, 0x10FFFF,
	    0x7FF, 0x800, 0xFFFD };
	char		 s[64 * 4 + 1];
	unsigned char	 b[4];
	size_t		 n = 0, max, got, len;
	unsigned	 seed = 7, run;
	uint32_t	 c;

	(void)state;
	for (run = 0; run < 2000; run++) {
		for (n = 0; n < 64 * 4 - 4 && rand_r(&seed) % 64 != 0; n += len)
			len = encode(some[rand_r(&seed) % 8], (unsigned char *)
			    s + n);
		s[n] = '\0';
		for (max = 0; max <= n + 1; max++) {
			got = utf8_prefix(s, max);
			assert_true(got <= max && got <= n);
			assert_int_equal(utf8_check(s, got, 0, NULL), UTF8_OK);
			if (got < n) {
				len = utf8_decode(s + got, n - got, &c);
				assert_true(len > 0 && got + len > max);
			}
		}
	}
	/* The review's case: 181 bytes of Chinese cut at 180. */
	len = encode(0x6587, b);	/* 文 */
	for (n = 0; n < 61 * len; n += len)
		memcpy(s + n, b, len);
	s[n] = '\0';
	assert_int_equal(utf8_prefix(s, 180), 180);
	assert_int_equal(utf8_prefix(s, 181), 180);
	assert_int_equal(utf8_prefix(s, 179), 177);
	assert_int_equal(utf8_prefix("ab", 5), 2);
	assert_int_equal(utf8_prefix("", 0), 0);
	assert_int_equal(utf8_prefix("\xE6\x96\x87", 0), 0);
}

static void
counting_characters(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("乌云其木格"), 5);
	assert_int_equal(utf8_chars("𠀀é"), 2);
	assert_int_equal(utf8_chars("\xFF\xFE"), 2);	/* a byte each */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_point),
		cmocka_unit_test(overlong_and_too_big),
		cmocka_unit_test(every_short_string),
		cmocka_unit_test(random_strings_agree_with_jansson),
		cmocka_unit_test(classic_malformed),
		cmocka_unit_test(prefix_at_boundaries),
		cmocka_unit_test(counting_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
