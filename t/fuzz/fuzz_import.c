/*
 * fuzz_import.c: libFuzzer target for the parser of case import lines
 * (XCH-1; cgi/domain/xchrow.h, docs/exchange.md), in persistent mode.
 *
 * Build and run from the top of the tree (t/fuzz/run.sh does this):
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	    -Icgi/core -Icgi/domain -Ibuild/gen -I/usr/include/ClearSilver \
 *	    cgi/domain/xchrow.c cgi/core/{text,utf8,ids}.c \
 *	    cgi/domain/vocab.c t/fuzz/fuzz_import.c \
 *	    $(pkg-config --cflags --libs jansson) -o fuzz_import
 *
 * An input is one line of an import file.  The parser must say yes, with
 * every field there and as the format says (a valid ID number, times in
 * order and not after now), or no with a field and a reason; never
 * crash, leak or read past the line.  Seeds: t/fuzz/seeds/import/, a
 * good line of each state and a bad line of each kind.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"
#include "text.h"
#include "vocab.h"
#include "xchrow.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 2026-12-01 00:00 UTC: seeds' dates lie before it. */
#define NOW	((time_t)1796083200)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xch_row	 r;
	const char	*field = NULL, *why = NULL;
	char		*copy;

	/* The line as getline() gives it: not NUL-terminated past size. */
	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	if (xch_row_parse(copy, size, NOW, &r, &field, &why) == 0) {
		if (r.system == NULL || r.source_id == NULL ||
		    r.item_code == NULL || r.dept_code == NULL ||
		    r.name == NULL || r.mobile == NULL || r.channel == NULL ||
		    r.state == NULL || r.remark == NULL ||
		    !id_number_valid(r.id_number) || !mobile_valid(r.mobile) ||
		    vocab_state_label(r.state) == NULL ||
		    r.submitted[0] == '\0' || r.sub_t > NOW ||
		    (r.acc_t != 0 && r.acc_t < r.sub_t) ||
		    (r.dec_t != 0 && r.dec_t < r.sub_t) ||
		    text_check(r.name, strlen(r.name), 1, XCH_NAME_MAX, 0,
		    TEXT_LINE) != TEXT_OK)
			abort();
		xch_row_free(&r);
	} else if (field == NULL || why == NULL || *why == '\0' ||
	    text_check(why, strlen(why), 1, 500, 0, TEXT_LINE) != TEXT_OK)
		abort();
	free(copy);
	return 0;
}
