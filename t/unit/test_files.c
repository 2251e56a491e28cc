/*
 * test_files.c: the store's names and the vetting of a file before it is
 * adopted (cgi/core/files.c; GAP-3, SEC-4, review F1): a name that is not
 * a digest never becomes a path, and a file is judged by its content and
 * size, never by what a record says of it.  An import adopts its files as
 * an upload stores them: never over a file in the store, held by a claim,
 * and taken back only when nobody else holds or names them.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "crypto.h"
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

/*
 * Judged before the record is known (an import's files as they are
 * staged), then under the record's rule: the same verdicts as
 * files_vet().  A file the store holds already is typed, not scanned.
 */
static void
judged_first_then_ruled(void **state)
{
	struct files_rule	 any = { NULL, -1, 10000, NULL, 5 };
	struct files_rule	 rule = { files_pdf, 0, 10000, NULL, 5 };
	struct files_judged	 j;
	char			 good[1024];
	size_t			 n = good_pdf(good, sizeof(good));
	FILE			*f = file_of(good, n);

	(void)state;
	files_judge(f, &any, 0, &j);
	assert_int_equal(j.vet, FILES_UNSCANNED);	/* no scanner */
	assert_string_equal(j.mime, "application/pdf");
	rule.size = (int64_t)n;
	assert_int_equal(files_judged_vet(&j, &rule), FILES_UNSCANNED);
	rule.size = (int64_t)n + 1;
	assert_int_equal(files_judged_vet(&j, &rule), FILES_SIZE);
	rule.size = (int64_t)n;
	rule.max = n - 1;
	assert_int_equal(files_judged_vet(&j, &rule), FILES_TOO_BIG);
	rule.max = 10000;
	/* held: the same bytes were judged when they were stored */
	files_judge(f, &any, 1, &j);
	assert_int_equal(j.vet, FILES_OK);
	assert_int_equal(files_judged_vet(&j, &rule), FILES_OK);
	fclose(f);
	/* a GIF, held or not, is no PDF */
	f = file_of("GIF89a not a pdf\n", 17);
	files_judge(f, &any, 1, &j);
	rule.size = 17;
	assert_int_equal(files_judged_vet(&j, &rule), FILES_TYPE);
	assert_string_equal(j.mime, "image/gif");
	fclose(f);
	/* a damaged PDF is damaged under any rule that allows PDFs */
	f = file_of(pdf, sizeof(pdf) - 1);
	files_judge(f, &any, 0, &j);
	rule.size = (int64_t)sizeof(pdf) - 1;
	assert_int_equal(files_judged_vet(&j, &rule), FILES_DAMAGED);
	fclose(f);
	f = file_of("", 0);
	files_judge(f, &any, 0, &j);
	assert_int_equal(files_judged_vet(&j, &rule), FILES_EMPTY);
	fclose(f);
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

/* ---- adoption ------------------------------------------------------ */

static struct {
	char	 dir[64];		/* the store */
	char	 stage[PATH_MAX];	/* an import's stage in its tmp/ */
	int	 named;			/* what named() answers */
} st;

static int
named(void *arg, const char *sha)
{
	(void)arg;
	(void)sha;
	return st.named;
}

static int
store_setup(void **state)
{
	(void)state;
	snprintf(st.dir, sizeof(st.dir), "/tmp/test_files.XXXXXX");
	assert_non_null(mkdtemp(st.dir));
	assert_int_equal(files_init(st.dir), 0);
	snprintf(st.stage, sizeof(st.stage), "%s/tmp/stage-test", st.dir);
	assert_int_equal(mkdir(st.stage, 0700), 0);
	st.named = 0;
	return 0;
}

static int
store_teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", st.dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* Stage text as an import would (named by its digest); its path. */
static const char *
staged(const char *text, char sha[SHA256_HEX], struct pool *pool)
{
	const char	*p;
	FILE		*f;

	crypto_sha256_hex(text, strlen(text), sha);
	p = pool_printf(pool, "%s/%s", st.stage, sha);
	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return p;
}

/* The store's file with this digest: its inode and links, or 0. */
static ino_t
stored(const char *sha, nlink_t *links, struct pool *pool)
{
	struct stat	 sb;

	if (stat(files_path(st.dir, sha, pool), &sb) == -1)
		return 0;
	if (links != NULL)
		*links = sb.st_nlink;
	return sb.st_ino;
}

/* Entries of the store's tmp/ but the stage. */
static int
tmp_entries(void)
{
	struct dirent	*e;
	DIR		*d;
	char		 p[PATH_MAX];
	int		 n = 0;

	snprintf(p, sizeof(p), "%s/tmp", st.dir);
	assert_non_null(d = opendir(p));
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && strcmp(e->d_name, "stage-test") != 0)
			n++;
	closedir(d);
	return n;
}

/*
 * A file new to the store is linked in and claimed; one the store has is
 * left as it is (the same inode: whoever claimed or serves it keeps it),
 * claimed, and the staged copy dropped.  Before, the import renamed its
 * copy over the stored one.
 */
static void
adoption_never_replaces_a_stored_file(void **state)
{
	struct pool		*pool = pool_new();
	struct files_put	 p;
	char			 sha[SHA256_HEX];
	const char		*path;
	nlink_t			 links;
	ino_t			 ino;

	(void)state;
	path = staged("the form, first crossing\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &p, pool), 0);
	assert_true(p.created);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_not_equal(ino = stored(sha, &links, pool), 0);
	assert_int_equal(links, 2);		/* and its claim */
	assert_int_equal(tmp_entries(), 1);
	files_release(&p);
	assert_int_equal(tmp_entries(), 0);
	assert_int_equal(stored(sha, &links, pool), ino);
	assert_int_equal(links, 1);

	/* The same content again, as a later bundle brings it. */
	path = staged("the form, first crossing\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &p, pool), 0);
	assert_false(p.created);
	assert_int_equal(access(path, F_OK), -1);	/* dropped */
	assert_int_equal(stored(sha, &links, pool), ino);
	assert_int_equal(links, 2);
	files_release(&p);
	assert_int_equal(stored(sha, &links, pool), ino);
	assert_int_equal(links, 1);
	assert_int_equal(tmp_entries(), 0);
	pool_free(pool);
}

/*
 * An import that fails takes back what it added, through the discard of
 * an upload: never a file another submission claims or a row names, nor
 * one that was in the store before it.  Before, it unlinked every file it
 * had found missing when it adopted it.
 */
static void
a_failed_import_takes_back_only_its_own(void **state)
{
	struct pool		*pool = pool_new();
	struct files_put	 a, up;
	char			 sha[SHA256_HEX];
	const char		*path, *text = "claimed meanwhile\n";
	FILE			*f;

	(void)state;
	/* A concurrent upload of the same content claims it. */
	path = staged(text, sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &a, pool), 0);
	assert_true(a.created);
	f = file_of(text, strlen(text));
	assert_int_equal(files_put(st.dir, f, &up, pool), 0);
	fclose(f);
	assert_string_equal(up.sha256, sha);
	assert_false(up.created);
	files_discard(st.dir, &a, named, NULL, pool);
	assert_int_not_equal(stored(sha, NULL, pool), 0);
	files_release(&up);
	assert_int_not_equal(stored(sha, NULL, pool), 0);

	/* A row names it. */
	path = staged("named by a row\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &a, pool), 0);
	st.named = 1;
	files_discard(st.dir, &a, named, NULL, pool);
	assert_int_not_equal(stored(sha, NULL, pool), 0);
	/* The database cannot tell: kept too. */
	path = staged("cannot tell\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &a, pool), 0);
	st.named = -1;
	files_discard(st.dir, &a, named, NULL, pool);
	assert_int_not_equal(stored(sha, NULL, pool), 0);

	/* In the store before the import: not the import's to remove. */
	st.named = 0;
	path = staged("named by a row\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &a, pool), 0);
	assert_false(a.created);
	files_discard(st.dir, &a, named, NULL, pool);
	assert_int_not_equal(stored(sha, NULL, pool), 0);

	/* Added by the import, held and named by nobody: removed. */
	path = staged("nobody else's\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, sha, &a, pool), 0);
	files_discard(st.dir, &a, named, NULL, pool);
	assert_int_equal(stored(sha, NULL, pool), 0);
	assert_int_equal(tmp_entries(), 0);

	/* What is not a digest never names a path. */
	path = staged("x\n", sha, pool);
	assert_int_equal(files_adopt(st.dir, path, "../../x", &a, pool), -1);
	assert_null(a.claim);
	pool_free(pool);
}

/*
 * An upload the parser received into an unnamed file of the store's tmp/
 * (O_TMPFILE) enters the store as that very file (its inode), not a
 * copy, hashed from its bytes and flushed first; a file with a name
 * (here, once stored) is copied as before (issue #12).
 */
static void
an_upload_is_named_not_copied(void **state)
{
	struct pool		*pool = pool_new();
	struct files_put	 p, again;
	struct stat		 up;
	char			 tmp[PATH_MAX], sha[SHA256_HEX];
	const char		*text = "an upload, 1 MiB in life\n";
	nlink_t			 links;
	FILE			*f;
	int			 fd;

	(void)state;
	snprintf(tmp, sizeof(tmp), "%s/tmp", st.dir);
	if ((fd = open(tmp, O_TMPFILE | O_RDWR, 0600)) == -1)
		skip();		/* a file system without O_TMPFILE */
	assert_non_null(f = fdopen(fd, "w+b"));
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fstat(fd, &up), 0);
	assert_int_equal(up.st_size, 0);	/* still in stdio's buffer */
	assert_int_equal(crypto_sha256_hex(text, strlen(text), sha), 0);
	assert_int_equal(files_put(st.dir, f, &p, pool), 0);
	assert_string_equal(p.sha256, sha);
	assert_true(p.created);
	assert_int_equal(fstat(fd, &up), 0);
	assert_int_equal(up.st_size, (off_t)strlen(text));
	assert_int_equal(stored(sha, &links, pool), up.st_ino);
	assert_int_equal(links, 2);		/* and its claim */
	assert_int_equal(ftell(f), 0);
	/* Put again (a draft, say): it has a name now, so it is copied
	 * and the stored file claimed, not replaced. */
	assert_int_equal(files_put(st.dir, f, &again, pool), 0);
	assert_false(again.created);
	assert_string_equal(again.sha256, sha);
	assert_int_equal(stored(sha, &links, pool), up.st_ino);
	assert_int_equal(links, 3);
	files_release(&p);
	files_release(&again);
	assert_int_equal(stored(sha, &links, pool), up.st_ino);
	assert_int_equal(links, 1);
	assert_int_equal(tmp_entries(), 0);
	fclose(f);
	pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_digests_are_names),
		cmocka_unit_test(a_pdf_is_scanned_or_refused),
		cmocka_unit_test(judged_first_then_ruled),
		cmocka_unit_test(content_size_and_limits_decide),
		cmocka_unit_test_setup_teardown(
		    adoption_never_replaces_a_stored_file, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(
		    a_failed_import_takes_back_only_its_own, store_setup,
		    store_teardown),
		cmocka_unit_test_setup_teardown(an_upload_is_named_not_copied,
		    store_setup, store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
