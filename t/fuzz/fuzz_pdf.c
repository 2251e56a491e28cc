/*
 * fuzz_pdf.c: libFuzzer target for the PDF checker (cgi/core/pdfcheck.c),
 * which hands untrusted uploads to a library we call (qpdf) and walks
 * what it returns.  Persistent: one process judges input after input, so
 * state qpdf or the checker keeps between calls, descriptors and memory
 * that are not given back show up too.
 *
 * Build and run from the top of the tree (t/fuzz/run.sh does this):
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -Icgi/core \
 *	    cgi/core/pdfcheck.c t/fuzz/fuzz_pdf.c -lqpdf -o fuzz_pdf
 *	./fuzz_pdf -dict=build-fuzz/pdf.dict corpus/ t/fuzz/seeds/pdf
 *
 * Checks beyond the sanitizers': the verdict is one of the enum's, the
 * detail is a terminated string that fits, and a verdict of "ok" never
 * goes with a detail (a refusal always says why).  qpdf itself is not
 * instrumented: libFuzzer sees coverage of the checker only, so the
 * dictionary (PDF keywords and the names the checker reacts to) and the
 * seeds (one file of each kind of active content) do the steering.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfcheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			 why[257];
	enum pdf_verdict	 v;

	memset(why, 'x', sizeof(why));
	v = pdf_check(data, size, why, sizeof(why) - 1);
	if ((int)v < PDF_OK || v > PDF_FORM) {
		fprintf(stderr, "fuzz_pdf: verdict %d out of range\n", (int)v);
		abort();
	}
	if (memchr(why, '\0', sizeof(why) - 1) == NULL || why[256] != 'x') {
		fprintf(stderr, "fuzz_pdf: detail not terminated in bounds\n");
		abort();
	}
	if ((v == PDF_OK) != (why[0] == '\0')) {
		fprintf(stderr, "fuzz_pdf: verdict %s with detail \"%s\"\n",
		    pdf_verdict_name(v), why);
		abort();
	}
	return 0;
}
