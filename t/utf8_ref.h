/*
 * utf8_ref.h: the text rule of cgi/core/utf8.c written a second,
 * independent way, for its unit test and for the request fuzzer.  Each
 * character is read the naive way (the lead byte gives the length, then
 * any continuation bytes); it is valid only if no shorter form could
 * have encoded it and it is a scalar value (not a surrogate, at most
 * U+10FFFF).  REF_TEXT also refuses NUL and the controls (C0, DEL, C1);
 * REF_LINES the same but for TAB, CR and LF.
 */
#ifndef YW_UTF8_REF_H
#define YW_UTF8_REF_H

#include <stddef.h>
#include <stdint.h>

enum ref_mode { REF_UTF8, REF_TEXT, REF_LINES };

/* 1 when the n bytes at s follow the rule of mode. */
static int
ref_valid(const unsigned char *s, size_t n, enum ref_mode mode)
{
	static const uint32_t	 least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t			 i = 0, len, k;
	uint32_t		 c;

	while (i < n) {
		len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 :
		    (s[i] & 0xF0) == 0xE0 ? 3 : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		c = len == 1 ? s[i] : s[i] & (0x7F >> len);
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i + k] & 0x3F);
		}
		if (c < least[len] || c > 0x10FFFF ||
		    (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		/* Lines end with LF or CR LF; a lone CR is a control. */
		if (mode != REF_UTF8 && (c < 0x20 || c == 0x7F ||
		    (c >= 0x80 && c <= 0x9F)) && !(mode == REF_LINES &&
		    (c == '\t' || c == '\n' || (c == '\r' && i + 1 < n &&
		    s[i + 1] == '\n'))))
			return 0;
		i += len;
	}
	return 1;
}

#endif
