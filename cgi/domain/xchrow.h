/*
 * xchrow.h: one line of a case import file (XCH-1, docs/exchange.md
 * "Import"), parsed and checked as strictly as the forms check what a
 * clerk types: pure, without the database (which xch.h asks next: the
 * item published, the department its own), so that the parser is fuzzed
 * alone (t/fuzz/fuzz_import.c).
 */
#ifndef YW_XCHROW_H
#define YW_XCHROW_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#define XCH_SYSTEM_MAX		100	/* characters */
#define XCH_SOURCE_ID_MAX	60	/* letters, digits, - _ . / */
#define XCH_NAME_MAX		50
#define XCH_REMARK_MAX		2000
#define XCH_LINE_MAX		16384	/* bytes */

struct xch_row {
	const char	*system, *source_id, *item_code, *dept_code;
	const char	*name, *mobile, *channel, *state, *remark;
	char		 id_number[19];		/* upper-case X */
	/* Beijing times as written, and the same moment in UTC
	 * "YYYY-MM-DD HH:MM:SS"; "" when absent. */
	char		 submitted[20], accepted[20], decided[20];
	time_t		 sub_t, acc_t, dec_t;	/* 0 when absent */
	json_t		*obj;			/* owns the strings */
};

/*
 * Parse line (len bytes, without its line end) into r.  now: dates after
 * it are refused.  0, or -1 with *field (the field's name, "" for the
 * line as a whole) and *why (Chinese, what to correct).  After 0, free r
 * with xch_row_free().
 */
int	 xch_row_parse(const char *line, size_t len, time_t now,
	    struct xch_row *r, const char **field, const char **why);
void	 xch_row_free(struct xch_row *);

#endif
