/*
 * test_files.c: the store's names and the vetting of a file before it is
 * adopted (cgi/core/files.c; GAP-3, SEC-4, review F1): a name that is not
 * a digest never becomes a path, and a file is judged by its content and
 * size, never by what a record says of it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "files.h"

#define SHA "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

/* No cross-reference table: libmagic calls it a PDF, qpdf does not. */
static const char pdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>"
    "endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 "
    "0 R>>\n%%EOF\n";

/* A well-formed PDF of one blank page, its offsets counted. */
static size_t
good_pdf(char *buf, size_t len)
{
	static const char *const obj[] = {
		"1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n",
		"2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n",
		"3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\n"
		    "endobj\n",
	};
	size_t	 n, off[3], i;

	n = (size_t)snprintf(buf, len, "%%PDF-1.4\n");
	for (i = 0; i < 3; i++) {
		off[i] = n;
		n += (size_t)snprintf(buf + n, len - n, "%s", obj[i]);
	}
	n += (size_t)snprintf(buf + n, len - n, "xref\n0 4\n"
	    "0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n"
	    "%010zu 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n"
	    "%zu\n%%%%EOF\n", off[0], off[1], off[2], n);
	return n;
}

static FILE *
file_of(const char *s, size_t n)
{
	FILE	*f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	fflush(f);
	rewind(f);
	return f;
}

static void
only_digests_are_names(void **state)
{
	struct pool	*pool = pool_new();
	char		 upper[65];

	(void)state;
	assert_true(files_sha_valid(SHA));
	assert_string_equal(files_path("/s", SHA, pool),
	    "/s/9f/86/" SHA);
	/* The digest that served the intranet's private key (F1). */
	assert_null(files_path("/s", "../../../../../../../../../../../work/"
	    "main/var/int/keys/site.key", pool));
	assert_null(files_path("/s", "../../test/int/keys/site.key", pool));
	strcpy(upper, SHA);
	upper[0] = 'F';
	assert_false(files_sha_valid(upper));
	assert_false(files_sha_valid(SHA "0"));
	assert_false(files_sha_valid("9f86d081"));
	assert_false(files_sha_valid(""));
	assert_false(files_sha_valid(NULL));
	assert_null(files_path("/s", NULL, pool));
	pool_free(pool);
}

/*
 * A well-formed PDF of the size announced gets as far as the malware scan,
 * and with no scanner to ask it is refused (fails closed, never FILES_OK);
 * the same size announced wrongly, or a PDF qpdf cannot read, stops
 * before.
 */
static void
a_pdf_is_scanned_or_refused(void **state)
{
	struct pool		*pool = pool_new();
	struct files_rule	 rule = { files_pdf, 0, 10000, NULL, 5 };
	const char		*mime, *detail;
	char			 good[1024];
	size_t			 n = good_pdf(good, sizeof(good));
	FILE			*f = file_of(good, n);

	(void)state;
	rule.size = (int64_t)n;
	assert_int_equal(files_vet(f, &rule, pool, &mime, &detail),
	    FILES_UNSCANNED);
	assert_string_equal(mime, "application/pdf");
	rule.size = -1;		/* no size announced */
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL),
	    FILES_UNSCANNED);
	fclose(f);
	f = file_of(pdf, sizeof(pdf) - 1);
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL),
	    FILES_DAMAGED);
	fclose(f);
	pool_free(pool);
}

static void
content_size_and_limits_decide(void **state)
{
	struct pool		*pool = pool_new();
	struct files_rule	 rule = { files_pdf, -1, 1000, NULL, 5 };
	const char		*mime;
	FILE			*f;

	(void)state;
	/* Not a PDF, whatever the record calls it. */
	f = file_of("GIF89a not a pdf at all\n", 24);
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL), FILES_TYPE);
	assert_string_equal(mime, "image/gif");
	fclose(f);
	f = file_of("<html><script>alert(1)</script></html>\n", 39);
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL), FILES_TYPE);
	fclose(f);
	/* Another size than announced, too big, empty, unreadable. */
	f = file_of(pdf, sizeof(pdf) - 1);
	rule.size = sizeof(pdf);
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL), FILES_SIZE);
	rule.size = -1;
	rule.max = 10;
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL), FILES_TOO_BIG);
	fclose(f);
	rule.max = 1000;
	f = file_of("", 0);
	assert_int_equal(files_vet(f, &rule, pool, &mime, NULL), FILES_EMPTY);
	fclose(f);
	assert_int_equal(files_vet(NULL, &rule, pool, &mime, NULL),
	    FILES_UNREADABLE);
	assert_string_equal(files_vet_why(FILES_TYPE),
	    "按内容判断，文件类型不在允许之列");
	pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_digests_are_names),
		cmocka_unit_test(a_pdf_is_scanned_or_refused),
		cmocka_unit_test(content_size_and_limits_decide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
