/*
 * text.c: strict UTF-8 and the characters a text may hold (text.h).
 */
#include "text.h"

/*
 * The code point at s (n bytes left) into *cp; returns its length in
 * bytes, or 0 when the bytes there are not the shortest UTF-8 form of a
 * scalar value (RFC 3629: no overlong forms, no surrogates D800-DFFF,
 * nothing above 10FFFF).
 */
static size_t
decode(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char	 lo = 0x80, hi = 0xbf;
	size_t		 len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		*cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		*cp = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		*cp = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	return len;
}

enum text_rc
text_check(const char *s, size_t len, size_t min_chars, size_t max_chars,
    size_t max_bytes, enum text_lines lines)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 i = 0, k, chars = 0;

	if (s == NULL)
		return min_chars > 0 ? TEXT_SHORT : TEXT_OK;
	while (i < len) {
		if ((k = decode(p + i, len - i, &cp)) == 0)
			return TEXT_UTF8;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			/* A line end is "\n" or "\r\n", never a lone CR. */
			if (lines != TEXT_LINES || !(cp == '\n' ||
			    cp == '\t' || (cp == '\r' && i + 1 < len &&
			    p[i + 1] == '\n')))
				return TEXT_CONTROL;
		}
		i += k;
		chars++;
	}
	if (chars < min_chars)
		return TEXT_SHORT;
	if (chars > max_chars || (max_bytes > 0 && len > max_bytes))
		return TEXT_LONG;
	return TEXT_OK;
}

const char *
text_why(enum text_rc rc)
{
	switch (rc) {
	case TEXT_OK:
		return "";
	case TEXT_UTF8:
		return "不是有效的 UTF-8 文字";
	case TEXT_CONTROL:
		return "含有控制字符";
	case TEXT_SHORT:
		return "不能为空或太短";
	case TEXT_LONG:
		return "太长";
	}
	return "不正确";
}
