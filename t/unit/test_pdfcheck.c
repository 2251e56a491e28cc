/*
 * test_pdfcheck.c: unit tests of cgi/core/pdfcheck.c, the PDF checker
 * (F10, SEC-4): a clean PDF and every blank form of the demo county pass;
 * each kind of active content is refused, also when its name is written
 * with #-escapes, when it sits in a compressed object stream (where no
 * byte of the file spells it) or when nothing refers to it; damaged,
 * truncated, encrypted and HTML-polyglot files are refused; no single
 * changed byte turns the JavaScript fixture into one that passes.
 *
 * Fixtures are built here from object bodies with an exact
 * cross-reference table, so each is a few hundred bytes and says what it
 * holds.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <qpdf/qpdf-c.h>

#include "pdfcheck.h"

struct buf {
	char	*p;
	size_t	 len;
};

static void
add(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	assert_true(n >= 0);
	b->p = realloc(b->p, b->len + (size_t)n + 1);
	assert_non_null(b->p);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/*
 * A one-page PDF: catalogue (with extra inside its dictionary), pages,
 * page, then objs as objects 4, 5, … (NULL-terminated).
 */
static struct buf
pdf(const char *extra, const char *const *objs)
{
	struct buf	 b = { NULL, 0 };
	size_t		 off[32], n = 0, i, xref;
	char		 cat[512];

	snprintf(cat, sizeof(cat), "<</Type/Catalog/Pages 2 0 R%s>>",
	    extra ? extra : "");
	add(&b, "%%PDF-1.4\n");
	off[n++] = b.len;
	add(&b, "1 0 obj\n%s\nendobj\n", cat);
	off[n++] = b.len;
	add(&b, "2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n");
	off[n++] = b.len;
	add(&b, "3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
	    ">>\nendobj\n");
	for (i = 0; objs != NULL && objs[i] != NULL; i++) {
		off[n++] = b.len;
		add(&b, "%zu 0 obj\n%s\nendobj\n", n, objs[i]);
	}
	xref = b.len;
	add(&b, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (i = 0; i < n; i++)
		add(&b, "%010zu 00000 n \n", off[i]);
	add(&b, "trailer\n<</Size %zu/Root 1 0 R>>\nstartxref\n%zu\n%%%%EOF\n",
	    n + 1, xref);
	return b;
}

static enum pdf_verdict
judge(struct buf b)
{
	char			 why[256];
	enum pdf_verdict	 v;

	v = pdf_check(b.p, b.len, why, sizeof(why));
	if (v != PDF_OK)
		print_message("# %s: %s\n", pdf_verdict_name(v), why);
	free(b.p);
	return v;
}

#define OBJS(...)	((const char *const []){ __VA_ARGS__, NULL })

static void
test_clean(void **state)
{
	(void)state;
	assert_int_equal(judge(pdf(NULL, NULL)), PDF_OK);
	/* What ordinary documents have: a destination to open at, a web
	 * link, page labels, an outline, a tagged structure (/S /P is a
	 * structure type there, not an action) and a plain form field. */
	assert_int_equal(judge(pdf("/OpenAction[3 0 R/Fit]", NULL)), PDF_OK);
	assert_int_equal(judge(pdf("/OpenAction<</S/GoTo/D[3 0 R/Fit]>>",
	    NULL)), PDF_OK);
	assert_int_equal(judge(pdf("/Annots[4 0 R]", OBJS("<</Type/Annot/"
	    "Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI(https://zwfw.gov.cn/"
	    ")>>>>"))), PDF_OK);
	assert_int_equal(judge(pdf("/PageLabels<</Nums[0<</S/D>>]>>/"
	    "StructTreeRoot 4 0 R", OBJS("<</Type/StructTreeRoot/K<</S/P/"
	    "K 0>>>>"))), PDF_OK);
	assert_int_equal(judge(pdf("/AcroForm<</Fields[4 0 R]>>",
	    OBJS("<</FT/Tx/T(name)/V(x)/Subtype/Widget/Rect[0 0 9 9]/"
	    "P 3 0 R>>"))), PDF_OK);
	assert_string_equal(pdf_verdict_name(PDF_OK), "ok");
	assert_string_equal(pdf_verdict_name(PDF_SCRIPT), "script");
}

static const struct {
	const char		*what;
	const char		*extra;
	const char		*obj4, *obj5, *obj6;
	enum pdf_verdict	 v;
} refused[] = {
	{ "JavaScript on opening", "/OpenAction 4 0 R",
	    "<</S/JavaScript/JS(app.alert(1))>>", NULL, NULL, PDF_SCRIPT },
	{ "names written with #-escapes", "/OpenAction<</S/J#61vaScript/"
	    "J#53(app.alert(1))>>", NULL, NULL, NULL, PDF_SCRIPT },
	{ "the document's JavaScript names tree", "/Names<</JavaScript "
	    "4 0 R>>", "<</Names[(a) 5 0 R]>>", "<</S/JavaScript/JS(1)>>",
	    NULL, PDF_SCRIPT },
	{ "an annotation's JavaScript action", "",
	    "<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A 5 0 R>>",
	    "<</S/JavaScript/JS 6 0 R>>",
	    "<</Length 1>>stream\nx\nendstream", PDF_SCRIPT },
	{ "a javascript: link", "", "<</Type/Annot/Subtype/Link/Rect[0 0 9 "
	    "9]/A<</S/URI/URI( JavaScript:alert(1))>>>>", NULL, NULL,
	    PDF_SCRIPT },
	{ "JavaScript that nothing refers to", "",
	    "<</S/JavaScript/JS(x)>>", NULL, NULL, PDF_SCRIPT },
	{ "additional actions of the document", "/AA<</WC 4 0 R>>",
	    "<</S/GoTo/D[3 0 R/Fit]>>", NULL, NULL, PDF_ACTION },
	{ "an action of no known type", "/OpenAction<</S/Frobnicate>>",
	    NULL, NULL, NULL, PDF_ACTION },
	{ "an action without a type", "/OpenAction<</F(x)>>", NULL, NULL,
	    NULL, PDF_ACTION },
	{ "a launch action", "/OpenAction<</S/Launch/F(cmd.exe)>>", NULL,
	    NULL, NULL, PDF_LAUNCH },
	{ "a launch action after a harmless one", "/OpenAction<</S/GoTo/"
	    "D[3 0 R/Fit]/Next[<</S/GoTo/D[3 0 R/Fit]>> <</S/Launch/F(x)>>]"
	    ">>", NULL, NULL, NULL, PDF_LAUNCH },
	{ "a link that opens another file", "/OpenAction<</S/GoToR/F(x.pdf)"
	    "/D[0/Fit]>>", NULL, NULL, NULL, PDF_LAUNCH },
	{ "a file: link", "/OpenAction<</S/URI/URI(file:///etc/passwd)>>",
	    NULL, NULL, NULL, PDF_LAUNCH },
	{ "embedded files", "/Names<</EmbeddedFiles<</Names[(a.exe) 4 0 R]"
	    ">>>>", "<</Type/Filespec/F(a.exe)/EF<</F 5 0 R>>>>",
	    "<</Type/EmbeddedFile/Length 2>>stream\nMZ\nendstream", NULL,
	    PDF_EMBEDDED },
	{ "a file attachment annotation", "", "<</Type/Annot/Subtype/"
	    "FileAttachment/Rect[0 0 9 9]/FS(a.exe)>>", NULL, NULL,
	    PDF_EMBEDDED },
	{ "RichMedia", "", "<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>",
	    NULL, NULL, PDF_MEDIA },
	{ "a 3D annotation", "", "<</Type/Annot/Subtype/3D/Rect[0 0 9 9]>>",
	    NULL, NULL, PDF_MEDIA },
	{ "an XFA form", "/AcroForm<</Fields[]/XFA 4 0 R>>",
	    "<</Length 6>>stream\n<xdp/>\nendstream", NULL, NULL, PDF_FORM },
	{ "a field that submits the form", "/AcroForm<</Fields[4 0 R]>>",
	    "<</FT/Btn/T(b)/Subtype/Widget/Rect[0 0 9 9]/P 3 0 R/A<</S/"
	    "SubmitForm/F(http://x/)>>>>", NULL, NULL, PDF_FORM },
	{ "an action that imports data", "/OpenAction<</S/ImportData/"
	    "F(x.fdf)>>", NULL, NULL, NULL, PDF_FORM },
	{ "a key given twice (viewers differ on which wins)",
	    "/OpenAction<</S/Launch/S/GoTo/D[3 0 R/Fit]>>", NULL, NULL, NULL,
	    PDF_MALFORMED },
};

/* The page count the intranet shows (EXT-1): what qpdf reads, or -1. */
static void
test_pages(void **state)
{
	struct buf	 b = pdf(NULL, NULL);
	static const char html[] = "<html><body>not a PDF</body></html>";

	(void)state;
	assert_int_equal(pdf_pages(b.p, b.len), 1);
	free(b.p);
	assert_int_equal(pdf_pages(html, sizeof(html) - 1), -1);
	assert_int_equal(pdf_pages("%PDF-1.4\n", 9), -1);
}

static void
test_refused(void **state)
{
	struct buf	 b;
	const char	*objs[4];
	size_t		 i, n;

	(void)state;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		n = 0;
		if (refused[i].obj4 != NULL)
			objs[n++] = refused[i].obj4;
		if (refused[i].obj5 != NULL)
			objs[n++] = refused[i].obj5;
		if (refused[i].obj6 != NULL)
			objs[n++] = refused[i].obj6;
		objs[n] = NULL;
		b = pdf(refused[i].extra, objs);
		print_message("# %s\n", refused[i].what);
		assert_int_equal(judge(b), refused[i].v);
	}
}

/* Not a PDF, or not a whole one. */
static void
test_malformed(void **state)
{
	struct buf	 b, c;
	size_t		 k;
	const char	*xref;

	(void)state;
	/* What the old tests uploaded: no cross-reference table. */
	c.p = strdup("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 "
	    "R>>\n%%EOF\n");
	c.len = strlen(c.p);
	assert_int_equal(judge(c), PDF_MALFORMED);
	/* %PDF- anywhere but at byte 0. */
	b = pdf(NULL, NULL);
	c.p = malloc(b.len + 1);
	c.p[0] = ' ';
	memcpy(c.p + 1, b.p, b.len);
	c.len = b.len + 1;
	assert_int_equal(judge(c), PDF_MALFORMED);
	/* Every prefix short of the cross-reference table. */
	xref = strstr(b.p, "xref\n");
	for (k = 0; k < (size_t)(xref - b.p); k++)
		assert_int_not_equal(pdf_check(b.p, k, NULL, 0), PDF_OK);
	/* An xref offset one byte off is not repaired. */
	c.p = strdup(b.p);
	c.len = b.len;
	memcpy(strstr(c.p, "0000000009 00000 n") + 8, "10", 2);
	assert_int_equal(judge(c), PDF_MALFORMED);
	/* No page at all. */
	free(b.p);
	b = pdf(NULL, NULL);
	memcpy(strstr(b.p, "/Count 1"), "/Count 0", 8);
	memcpy(strstr(b.p, "Kids[3 0 R]"), "Kids[     ]", 11);
	assert_int_equal(judge(b), PDF_MALFORMED);
	c.p = strdup("");
	c.len = 0;
	assert_int_equal(judge(c), PDF_MALFORMED);
}

/* HTML a browser would sniff, in a file that is otherwise a valid PDF. */
static void
test_polyglot(void **state)
{
	struct buf	 b, c;
	const char	*html = "%<hTmL><body><script>alert(document.domain)"
			    "</script></body></html>\n";

	(void)state;
	b = pdf(NULL, NULL);
	/* After the header line; offsets are off, but markup is found
	 * before the cross-reference table is even read. */
	c.len = b.len + strlen(html);
	c.p = malloc(c.len);
	memcpy(c.p, b.p, 9);
	memcpy(c.p + 9, html, strlen(html));
	memcpy(c.p + 9 + strlen(html), b.p + 9, b.len - 9);
	assert_int_equal(judge(c), PDF_MARKUP);
	c.p = strdup("%PDF-1.4\n<svg onload=alert(1)>");
	c.len = strlen(c.p);
	assert_int_equal(judge(c), PDF_MARKUP);
	free(b.p);
}

/* qpdf writes the JavaScript fixture again with its objects in
 * compressed object streams: no byte of it spells JavaScript. */
static void
test_object_streams(void **state)
{
	struct buf	 b, c;
	qpdf_data	 q;

	(void)state;
	b = pdf("/OpenAction 4 0 R", OBJS("<</S/JavaScript/JS(app.alert(1))"
	    ">>"));
	q = qpdf_init();
	qpdf_silence_errors(q);
	assert_int_equal(qpdf_read_memory(q, "t", b.p, b.len, ""), 0);
	assert_int_equal(qpdf_init_write_memory(q), 0);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	assert_int_equal(qpdf_write(q) & QPDF_ERRORS, 0);
	c.len = qpdf_get_buffer_length(q);
	c.p = malloc(c.len);
	memcpy(c.p, qpdf_get_buffer(q), c.len);
	qpdf_cleanup(&q);
	assert_null(memmem(c.p, c.len, "JavaScript", 10));
	assert_int_equal(judge(c), PDF_SCRIPT);
	free(b.p);
}

/* With a password to open it cannot be checked; with only an owner's
 * password (no password to open) it is read and checked as usual. */
static void
test_encrypted(void **state)
{
	struct buf	 b, c;
	qpdf_data	 q;
	int		 user;

	(void)state;
	for (user = 0; user < 2; user++) {
		b = pdf(NULL, NULL);
		q = qpdf_init();
		qpdf_silence_errors(q);
		assert_int_equal(qpdf_read_memory(q, "t", b.p, b.len, ""), 0);
		assert_int_equal(qpdf_init_write_memory(q), 0);
		qpdf_set_r6_encryption_parameters2(q, user ? "secret" : "",
		    "owner", QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
		    QPDF_TRUE, QPDF_TRUE, qpdf_r3p_full, QPDF_TRUE);
		assert_int_equal(qpdf_write(q) & QPDF_ERRORS, 0);
		c.len = qpdf_get_buffer_length(q);
		c.p = malloc(c.len);
		memcpy(c.p, qpdf_get_buffer(q), c.len);
		qpdf_cleanup(&q);
		free(b.p);
		assert_int_equal(judge(c), user ? PDF_ENCRYPTED : PDF_OK);
	}
}

/* No single changed byte makes the JavaScript fixture pass. */
static void
test_one_byte(void **state)
{
	struct buf	 b;
	size_t		 i;
	int		 bit;
	char		 o;

	(void)state;
	b = pdf("/OpenAction 4 0 R", OBJS("<</S/JavaScript/JS(app.alert(1))"
	    ">>"));
	for (i = 0; i < b.len; i++)
		for (bit = 0; bit < 8; bit += 5) {
			o = b.p[i];
			b.p[i] = (char)(o ^ (1 << bit));
			if (pdf_check(b.p, b.len, NULL, 0) == PDF_OK)
				fail_msg("byte %zu ^ %d passes", i, 1 << bit);
			b.p[i] = o;
		}
	free(b.p);
}

/* Every blank form and sample of the demo county passes: what
 * applicants download, fill in and send back. */
static void
test_demo_forms(void **state)
{
	struct dirent	*e;
	struct buf	 b;
	DIR		*d;
	FILE		*f;
	char		 path[4096];
	long		 n;
	int		 count = 0;

	(void)state;
	assert_non_null(d = opendir(TOP_SRCDIR "/db/demo/forms"));
	while ((e = readdir(d)) != NULL) {
		if (strstr(e->d_name, ".pdf") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/db/demo/forms/%s",
		    TOP_SRCDIR, e->d_name);
		assert_non_null(f = fopen(path, "rb"));
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		b.p = malloc((size_t)n);
		b.len = fread(b.p, 1, (size_t)n, f);
		fclose(f);
		if (judge(b) != PDF_OK)
			fail_msg("%s is refused", e->d_name);
		count++;
	}
	closedir(d);
	assert_true(count >= 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_polyglot),
		cmocka_unit_test(test_object_streams),
		cmocka_unit_test(test_encrypted),
		cmocka_unit_test(test_one_byte),
		cmocka_unit_test(test_demo_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
