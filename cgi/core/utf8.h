/*
 * utf8.h: strict UTF-8 (RFC 3629), the only text any input may carry, and
 * cutting text at a character boundary.
 *
 * Strict means what jansson, MariaDB's utf8mb4 and every browser agree
 * on: no overlong form, no surrogate (U+D800..U+DFFF), nothing past
 * U+10FFFF, no stray or missing continuation byte.  MariaDB stores an
 * encoded surrogate that jansson then refuses, so text that passed one
 * layer could stop another; checking once at input closes that gap.
 */
#ifndef YW_UTF8_H
#define YW_UTF8_H

#include <stddef.h>
#include <stdint.h>

enum utf8_rc {
	UTF8_OK = 0,
	UTF8_MALFORMED,		/* not strict UTF-8 */
	UTF8_NUL,		/* a NUL character */
	UTF8_CONTROL,		/* a control character the field may not have */
};

/* Flags of utf8_check(). */
#define UTF8_LINES	0x1	/* TAB, LF, CR LF allowed (multi-line text) */

/*
 * Decode the character at s, of which n bytes may be read: its length in
 * bytes (1 to 4) with its code point in *cp, or 0 when the bytes there are
 * not one strict UTF-8 character.
 */
size_t		 utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * Check n bytes of text: strict UTF-8 with no NUL, and no control
 * character (C0, DEL, C1) except TAB, LF and CR LF when flags has
 * UTF8_LINES (a lone CR ends no line a browser sends).
 * The first fault found decides the result; *at (when not NULL) gets its
 * byte offset.
 */
enum utf8_rc	 utf8_check(const char *s, size_t n, int flags, size_t *at);

/* What a utf8_rc means, in a few words for the log. */
const char	*utf8_rc_name(enum utf8_rc);

/* Characters in the NUL-terminated UTF-8 text s (each malformed byte
 * counts as one). */
size_t		 utf8_chars(const char *s);

/*
 * The length of the longest prefix of s of at most max bytes that does
 * not end inside a character: where text must be cut to fit a column,
 * cutting there keeps it valid UTF-8.
 */
size_t		 utf8_prefix(const char *s, size_t max);

#endif
