/*
 * text.c: the characters a text may hold and how many (text.h), over
 * utf8.c's check.
 */
#include "text.h"
#include "utf8.h"

enum text_rc
text_check(const char *s, size_t len, size_t min_chars, size_t max_chars,
    size_t max_bytes, enum text_lines lines)
{
	uint32_t	 cp;
	size_t		 i, chars = 0;

	if (s == NULL)
		return min_chars > 0 ? TEXT_SHORT : TEXT_OK;
	switch (utf8_check(s, len, lines == TEXT_LINES ? UTF8_LINES : 0,
	    NULL)) {
	case UTF8_OK:
		break;
	case UTF8_MALFORMED:
		return TEXT_UTF8;
	default:
		return TEXT_CONTROL;
	}
	for (i = 0; i < len; i += utf8_decode(s + i, len - i, &cp))
		chars++;
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
