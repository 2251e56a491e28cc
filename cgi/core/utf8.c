/*
 * utf8.c: strict UTF-8 checks and cutting at character boundaries.
 */
#include <string.h>

#include "utf8.h"

/*
 * The well-formed byte sequences, RFC 3629 section 4 (Unicode table 3-7):
 *
 *	00..7F
 *	C2..DF 80..BF
 *	E0     A0..BF 80..BF
 *	E1..EC 80..BF 80..BF
 *	ED     80..9F 80..BF		(not the surrogates)
 *	EE..EF 80..BF 80..BF
 *	F0     90..BF 80..BF 80..BF
 *	F1..F3 80..BF 80..BF 80..BF
 *	F4     80..8F 80..BF 80..BF	(not past U+10FFFF)
 *
 * The narrower second-byte ranges are what exclude overlong forms.
 */
size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xBF;
	size_t			 len, i;
	uint32_t		 c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xC2 || p[0] > 0xF4)
		return 0;	/* a continuation byte, C0, C1, F5..FF */
	if (p[0] < 0xE0) {
		len = 2;
		c = p[0] & 0x1F;
	} else if (p[0] < 0xF0) {
		len = 3;
		c = p[0] & 0x0F;
		if (p[0] == 0xE0)
			lo = 0xA0;
		else if (p[0] == 0xED)
			hi = 0x9F;
	} else {
		len = 4;
		c = p[0] & 0x07;
		if (p[0] == 0xF0)
			lo = 0x90;
		else if (p[0] == 0xF4)
			hi = 0x8F;
	}
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	*cp = c;
	return len;
}

enum utf8_rc
utf8_check(const char *s, size_t n, int flags, size_t *at)
{
	size_t		 i, len;
	uint32_t	 c;

	for (i = 0; i < n; i += len) {
		if ((len = utf8_decode(s + i, n - i, &c)) == 0) {
			if (at != NULL)
				*at = i;
			return UTF8_MALFORMED;
		}
		if (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F))
			continue;
		/* A line ends with "\n" or "\r\n", never a lone CR. */
		if ((flags & UTF8_LINES) && (c == '\t' || c == '\n' ||
		    (c == '\r' && i + 1 < n && s[i + 1] == '\n')))
			continue;
		if (at != NULL)
			*at = i;
		return c == 0 ? UTF8_NUL : UTF8_CONTROL;
	}
	return UTF8_OK;
}

const char *
utf8_rc_name(enum utf8_rc rc)
{
	switch (rc) {
	case UTF8_OK:
		return "text";
	case UTF8_MALFORMED:
		return "not UTF-8";
	case UTF8_NUL:
		return "a NUL";
	case UTF8_CONTROL:
		return "a control character";
	}
	return "?";
}

size_t
utf8_chars(const char *s)
{
	size_t		 n = 0, i, len, left = strlen(s);
	uint32_t	 c;

	for (i = 0; i < left; i += len, n++)
		if ((len = utf8_decode(s + i, left - i, &c)) == 0)
			len = 1;
	return n;
}

size_t
utf8_prefix(const char *s, size_t max)
{
	size_t	 n = strnlen(s, max + 1), back;

	if (n <= max)
		return n;
	/*
	 * s[max] is the first byte left out.  While it continues a character,
	 * that character started before it and must go too; a character is
	 * at most 4 bytes, so at most 3 steps back.
	 */
	for (n = max, back = 0; n > 0 && back < 3 &&
	    ((unsigned char)s[n] & 0xC0) == 0x80; back++)
		n--;
	return n;
}
