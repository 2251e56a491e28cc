/*
 * text.c: the characters a text may hold (text.h), over utf8.c's decoder.
 */
#include "text.h"
#include "utf8.h"

enum text_rc
text_check(const char *s, size_t len, size_t min_chars, size_t max_chars,
    size_t max_bytes, enum text_lines lines)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 i = 0, k, chars = 0;

	if (s == NULL)
		return min_chars > 0 ? TEXT_SHORT : TEXT_OK;
	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
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
