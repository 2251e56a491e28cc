/*
 * text.h: the check of a text that comes from outside (SEC-4): strict
 * UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF, no NUL),
 * no control characters (C0, DEL, C1), except that a multi-line text may
 * hold tabs and line ends ("\n" or "\r\n"), and a length in characters
 * and in bytes.
 */
#ifndef YW_TEXT_H
#define YW_TEXT_H

#include <stddef.h>

enum text_rc {
	TEXT_OK = 0,
	TEXT_UTF8,		/* not valid UTF-8 */
	TEXT_CONTROL,		/* a control character */
	TEXT_SHORT,		/* fewer characters than asked */
	TEXT_LONG,		/* more characters or bytes than allowed */
};

/* One line, or several (tabs and line ends allowed). */
enum text_lines {
	TEXT_LINE = 0,
	TEXT_LINES = 1,
};

/*
 * Check the len bytes at s (a NUL among them is refused): at least
 * min_chars and at most max_chars characters, at most max_bytes bytes
 * (0: no byte limit).
 */
enum text_rc	 text_check(const char *s, size_t len, size_t min_chars,
		    size_t max_chars, size_t max_bytes, enum text_lines);
/* What is wrong, in Chinese, for a message ("不是有效的 UTF-8 文字"). */
const char	*text_why(enum text_rc);

#endif
