/*
 * test_multipart.c: our streaming multipart/form-data parser (SEC-4,
 * issue #12): the same fields and files however the body is cut (at
 * every offset, in two and in three pieces, byte by byte), the CRLF
 * cases around a delimiter, each limit at its value and one past it,
 * each malformed body refused with its reason, files streamed to
 * unlinked temporary files with nothing left open, and a 100 MB upload
 * parsed with the process's peak RSS growing by less than 4 MB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cmocka.h>

#include "multipart.h"

/* What a parse gave, in one string: "F name=value;" for a field and
 * "U name/filename/ctype/size:content;" for a file. */
struct got {
	char		 s[1 << 16];
	size_t		 n;
	size_t		 files_open;	/* streams handed over, not closed */
};

static void
add(struct got *g, const char *fmt, ...)
{
	va_list	 ap;
	int	 k;

	va_start(ap, fmt);
	k = vsnprintf(g->s + g->n, sizeof(g->s) - g->n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < sizeof(g->s) - g->n);
	g->n += (size_t)k;
}

static void
add_bytes(struct got *g, const char *p, size_t n)
{
	assert_true(n < sizeof(g->s) - g->n);
	memcpy(g->s + g->n, p, n);
	g->n += n;
	g->s[g->n] = '\0';
}

static enum mp_rc
on_field(void *ctx, const char *name, const char *value, size_t len)
{
	assert_int_equal(strlen(value), len);
	add(ctx, "F %s=%s;", name, value);
	return MP_OK;
}

static enum mp_rc
on_file(void *ctx, const char *name, const char *filename, const char *ctype,
    FILE *fp, size_t size)
{
	struct got	*g = ctx;
	char		 buf[4096];
	size_t		 n;

	add(g, "U %s/%s/%s/%zu:", name, filename, ctype, size);
	if (fp != NULL) {
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
			add_bytes(g, buf, n);
		fclose(fp);
	}
	add(g, ";");
	return MP_OK;
}

static const struct mp_sink sink_base = { NULL, on_field, on_file, NULL };

static struct mp_limits lim = {
	.max_body = 1 << 20,
	.max_parts = 10,
	.max_field = 64,
	.max_file = 100,
};

static char	 tmpdir[] = "/tmp/yw-test-mp.XXXXXX";
static struct mp *mp;

static int
setup(void **state)
{
	(void)state;
	if (tmpdir[sizeof(tmpdir) - 2] == 'X' && mkdtemp(tmpdir) == NULL)
		return -1;
	return (mp = mp_new()) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	mp_free(mp);
	return 0;
}

static int
dir_entries(void)
{
	DIR		*d = opendir(tmpdir);
	struct dirent	*e;
	int		 n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* The lowest free descriptor: the same before and after a parse when it
 * leaves nothing open. */
static int
lowest_fd(void)
{
	int	 fd = dup(0);

	close(fd);
	return fd;
}

/* Parse body (n bytes) cut at the offsets in cuts (ascending, ncuts of
 * them) with boundary b; the outcome, and what it gave in g. */
static enum mp_rc
parse_cut(const char *b, const char *body, size_t n, const size_t *cuts,
    size_t ncuts, struct got *g)
{
	struct mp_sink	 sink = sink_base;
	enum mp_rc	 rc;
	size_t		 at = 0, i, to;

	g->n = 0;
	g->s[0] = '\0';
	sink.ctx = g;
	if ((rc = mp_begin(mp, b, strlen(b), &lim, &sink, tmpdir)) != MP_OK)
		return rc;
	for (i = 0; i <= ncuts; i++) {
		to = i < ncuts ? cuts[i] : n;
		if ((rc = mp_feed(mp, body + at, to - at)) != MP_OK)
			break;
		at = to;
	}
	return mp_end(mp);
}

static enum mp_rc
parse(const char *b, const char *body, struct got *g)
{
	return parse_cut(b, body, strlen(body), NULL, 0, g);
}

/* A body of browsers' form: text, a file whose content holds every
 * prefix of the delimiter, CRs and a NUL, an empty file input. */
static const char	 B[] = "----WebKitFormBoundaryZ7";
static char		 body[2048];
static size_t		 blen;
static const char	 content[] = "%PDF\r\n-\r\n--\r\n----WebKitForm\r"
			    "\r\n----WebKitFormBoundaryZ\r\n\r\r\n--x\0end\r";
static char		 expect[4096];
static size_t		 elen;

static void
make_body(void)
{
	int	 k;

	k = snprintf(body, sizeof(body),
	    "--%s\r\nContent-Disposition: form-data; name=\"remark\"\r\n\r\n"
	    "苏尼特右旗\r\n第二行\r\n"
	    "--%s\r\nContent-Disposition: form-data; name=\"m1\"; "
	    "filename=\"营业执照.pdf\"\r\nContent-Type: application/pdf\r\n"
	    "\r\n", B, B);
	memcpy(body + k, content, sizeof(content) - 1);
	k += (int)sizeof(content) - 1;
	k += snprintf(body + k, sizeof(body) - (size_t)k,
	    "\r\n--%s\r\nContent-Disposition: form-data; name=\"m2\"; "
	    "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	    "\r\n--%s--\r\n", B, B);
	blen = (size_t)k;
	k = snprintf(expect, sizeof(expect), "F remark=苏尼特右旗\r\n第二行;"
	    "U m1/营业执照.pdf/application/pdf/%zu:", sizeof(content) - 1);
	memcpy(expect + k, content, sizeof(content) - 1);
	k += (int)sizeof(content) - 1;
	k += snprintf(expect + k, sizeof(expect) - (size_t)k,
	    ";U m2//application/octet-stream/0:;");
	elen = (size_t)k;
}

static void
assert_expected(const struct got *g)
{
	assert_int_equal(g->n, elen);
	assert_memory_equal(g->s, expect, g->n);
}

/* Cut in two at every offset, in three at every pair of offsets 7
 * apart, and byte by byte: always the same. */
static void
split_at_every_offset(void **state)
{
	static struct got	 g;
	size_t			 cuts[2], i, *all;

	(void)state;
	make_body();
	assert_int_equal(parse_cut(B, body, blen, NULL, 0, &g), MP_OK);
	assert_expected(&g);
	for (i = 0; i <= blen; i++) {
		cuts[0] = i;
		assert_int_equal(parse_cut(B, body, blen, cuts, 1, &g), MP_OK);
		assert_expected(&g);
	}
	for (i = 0; i + 7 <= blen; i++) {
		cuts[0] = i;
		cuts[1] = i + 7;
		assert_int_equal(parse_cut(B, body, blen, cuts, 2, &g), MP_OK);
		assert_expected(&g);
	}
	all = calloc(blen, sizeof(*all));
	assert_non_null(all);
	for (i = 0; i < blen; i++)
		all[i] = i + 1;
	assert_int_equal(parse_cut(B, body, blen, all, blen - 1, &g), MP_OK);
	assert_expected(&g);
	free(all);
	assert_int_equal(dir_entries(), 0);
}

#define P(n, v)	"--b\r\nContent-Disposition: form-data; name=\"" n "\"" \
		"\r\n\r\n" v "\r\n"

static void
crlf_edges(void **state)
{
	static struct got	 g;

	(void)state;
	/* A value being CRLF, holding CRLF and "-"; a file ending in CR. */
	assert_int_equal(parse("b", P("b", "\r\n")
	    P("c", "1\r\n-2\r\n--3") "--b\r\nContent-Disposition: "
	    "form-data; name=m; filename=a\r\n\r\nx\r\r\n--b--\r\n", &g),
	    MP_OK);
	assert_string_equal(g.s, "F b=\r\n;F c=1\r\n-2\r\n--3;U m/a//2:x\r;");
	/* In a text value, a CR alone is no line break a browser sends. */
	assert_int_equal(parse("b", P("a", "x\r") "--b--\r\n", &g), MP_TEXT);
	/* An empty value; no CRLF after the last delimiter; an epilogue. */
	assert_int_equal(parse("b", P("a", "") "--b--", &g), MP_OK);
	assert_string_equal(g.s, "F a=;");
	assert_int_equal(parse("b", P("a", "1") "--b--\r\nanything\0", &g),
	    MP_OK);
	/* A preamble, and padding after a delimiter. */
	assert_int_equal(parse("b", "preamble\r\n--b \t\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n1\r\n--b--", &g),
	    MP_OK);
	assert_string_equal(g.s, "F a=1;");
	/* No part at all. */
	assert_int_equal(parse("b", "--b--\r\n", &g), MP_OK);
	assert_string_equal(g.s, "");
	/* "--b" inside a value without its CRLF is content. */
	assert_int_equal(parse("b", P("a", "x--b") "--b--", &g), MP_OK);
	assert_string_equal(g.s, "F a=x--b;");
	/* Lines ended by LF alone, or a CR alone in a header. */
	assert_int_equal(parse("b", "--b\nContent-Disposition: form-data; "
	    "name=a\n\nx\n--b--\n", &g), MP_SYNTAX);
	assert_int_equal(parse("b", "--b\r\nContent-Disposition: form-data; "
	    "name=a\n\r\nx\r\n--b--\r\n", &g), MP_SYNTAX);
	assert_int_equal(parse("b", "--b\r\nContent-Disposition: form-data; "
	    "name=a\r\r\n\r\nx\r\n--b--\r\n", &g), MP_SYNTAX);
	/* A delimiter followed by neither CRLF nor "--". */
	assert_int_equal(parse("b", P("a", "1") "--bX\r\n", &g), MP_SYNTAX);
	assert_int_equal(parse("b", P("a", "1") "--b-\r\n", &g), MP_SYNTAX);
	assert_string_equal(mp_why(mp),
	    "a delimiter not followed by CRLF or --");
	/* A folded header line. */
	assert_int_equal(parse("b", "--b\r\nContent-Disposition: form-data;"
	    "\r\n name=a\r\n\r\nx\r\n--b--\r\n", &g), MP_SYNTAX);
}

static void
each_malformed_body(void **state)
{
	static struct got	 g;
	static const struct {
		const char	*body;
		enum mp_rc	 rc;
		const char	*why;
	} bad[] = {
		{ "", MP_SYNTAX, "the body ended before its last delimiter" },
		{ P("a", "1"), MP_SYNTAX, "the body ended before its last "
		    "delimiter" },
		{ "--b\r\nContent-Disposition: form-data; name=a\r\n"
		    "Content-Disposition: form-data; name=b\r\n\r\n1\r\n--b--",
		    MP_SYNTAX, "two Content-Disposition lines in a part" },
		{ "--b\r\nContent-Type: text/plain\r\nContent-Disposition: "
		    "form-data; name=a\r\nContent-type: a/b\r\n\r\n1\r\n--b--",
		    MP_SYNTAX, "two Content-Type lines in a part" },
		{ "--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--",
		    MP_SYNTAX, "a part without Content-Disposition" },
		{ "--b\r\nContent-Disposition: form-data; filename=x\r\n\r\n1"
		    "\r\n--b--", MP_SYNTAX, "a part without a name" },
		{ "--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1"
		    "\r\n--b--", MP_SYNTAX, "a part without a name" },
		{ "--b\r\nContent-Disposition: attachment; name=a\r\n\r\n1"
		    "\r\n--b--", MP_SYNTAX, "a disposition not form-data" },
		{ "--b\r\nContent-Disposition: form-data; name=a; name=b\r\n"
		    "\r\n1\r\n--b--", MP_SYNTAX, "a name twice or too long" },
		{ "--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1"
		    "\r\n--b--", MP_SYNTAX, "a quote left open" },
		{ "--b\r\nContent-Disposition: form-data; name\r\n\r\n1\r\n"
		    "--b--", MP_SYNTAX, "a parameter malformed" },
		{ "--b\r\nContent-Disposition form-data; name=a\r\n\r\n1\r\n"
		    "--b--", MP_SYNTAX, "a header line without a colon" },
		{ "--b\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n"
		    "\r\n1\r\n--b--", MP_SYNTAX, "a control character in a "
		    "part's header" },
		{ P("a", "\xc0\xaf") "--b--", MP_TEXT, "a text value not "
		    "UTF-8 text" },
		{ P("a", "\xed\xa0\x80") "--b--", MP_TEXT, "a text value not "
		    "UTF-8 text" },
		{ P("a", "x\x1b") "--b--", MP_TEXT, "a text value not UTF-8 "
		    "text" },
		{ P("\xff", "1") "--b--", MP_TEXT, "a name or filename not "
		    "text" },
		{ "--b\r\nContent-Disposition: form-data; name=a; filename="
		    "\"\xe4\xb8\"\r\n\r\n1\r\n--b--", MP_TEXT, "a name or "
		    "filename not text" },
	};
	size_t	 i;
	int	 fd = lowest_fd();

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("case %zu\n", i);
		assert_int_equal(parse("b", bad[i].body, &g), bad[i].rc);
		assert_string_equal(mp_why(mp), bad[i].why);
		/* The error stays: more bytes do not start over. */
		assert_int_equal(mp_feed(mp, "--b--", 5), bad[i].rc);
	}
	/* A NUL in a text value (the body cannot be a C string). */
	assert_int_equal(parse_cut("b", P("a", "A\0B") "--b--",
	    sizeof(P("a", "A\0B") "--b--") - 1, NULL, 0, &g), MP_TEXT);
	assert_string_equal(mp_why(mp), "a NUL in a text part");
	/* In a file it is content. */
	assert_int_equal(parse_cut("b", "--b\r\nContent-Disposition: "
	    "form-data; name=m; filename=a\r\n\r\nA\0B\r\n--b--",
	    sizeof("--b\r\nContent-Disposition: form-data; name=m; "
	    "filename=a\r\n\r\nA\0B\r\n--b--") - 1, NULL, 0, &g), MP_OK);
	assert_memory_equal(g.s, "U m/a//3:A\0B;", 13);
	/* No usable boundary. */
	assert_int_equal(parse("", "--\r\n", &g), MP_SYNTAX);
	assert_int_equal(parse("a\r\nb", "--a\r\nb--", &g), MP_SYNTAX);
	assert_string_equal(mp_why(mp), "no usable boundary");
	/* A file part cut short leaves no descriptor or file behind. */
	assert_int_equal(parse("b", "--b\r\nContent-Disposition: form-data; "
	    "name=m; filename=a\r\n\r\nsome content", &g), MP_SYNTAX);
	assert_int_equal(lowest_fd(), fd);
	assert_int_equal(dir_entries(), 0);
}

/* A body of n parts named f0, f1, … with value v. */
static char *
parts(size_t n, const char *v)
{
	char	*s = malloc(n * (60 + strlen(v)) + 16), *p = s;
	size_t	 i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		p += sprintf(p, "--b\r\nContent-Disposition: form-data; "
		    "name=f%zu\r\n\r\n%s\r\n", i, v);
	strcpy(p, "--b--\r\n");
	return s;
}

static void
each_limit(void **state)
{
	static struct got	 g;
	char			*s, v[200], hdr[MP_HEADER_MAX + 200];
	size_t			 n;

	(void)state;
	/* Parts: max_parts pass, one more is refused. */
	s = parts(lim.max_parts, "1");
	assert_int_equal(parse("b", s, &g), MP_OK);
	free(s);
	s = parts(lim.max_parts + 1, "1");
	assert_int_equal(parse("b", s, &g), MP_PARTS);
	free(s);
	/* A value of max_field bytes passes, one more is refused. */
	memset(v, 'x', lim.max_field);
	v[lim.max_field] = '\0';
	s = parts(1, v);
	assert_int_equal(parse("b", s, &g), MP_OK);
	free(s);
	strcat(v, "x");
	s = parts(1, v);
	assert_int_equal(parse("b", s, &g), MP_FIELD);
	free(s);
	/* The body: all of it up to max_body, not a byte more. */
	s = parts(1, "1");
	lim.max_body = strlen(s);
	assert_int_equal(parse("b", s, &g), MP_OK);
	lim.max_body = strlen(s) - 1;
	assert_int_equal(parse("b", s, &g), MP_BODY);
	assert_string_equal(mp_why(mp), "the body too large");
	lim.max_body = 1 << 20;
	free(s);
	/* A header up to MP_HEADER_MAX bytes, lines of MP_LINE_MAX. */
	n = (size_t)snprintf(hdr, sizeof(hdr), "--b\r\nContent-Disposition: "
	    "form-data; name=a\r\n");
	while (n + 100 < MP_HEADER_MAX)
		n += (size_t)snprintf(hdr + n, sizeof(hdr) - n, "X-Pad: %090d"
		    "\r\n", 0);
	strcpy(hdr + n, "\r\n1\r\n--b--");
	assert_int_equal(parse("b", hdr, &g), MP_OK);
	strcpy(hdr + n, "X-Pad: 0000000000000000000000000000000000000000000"
	    "00000000000000000000000000000000000000000000\r\n\r\n1\r\n--b--");
	assert_int_equal(parse("b", hdr, &g), MP_SYNTAX);
	assert_string_equal(mp_why(mp), "a part's header too long");
	/* A file of max_file bytes is kept whole; of more, max_file + 1
	 * bytes are kept and its real size is told. */
	memset(v, 'y', lim.max_file);
	v[lim.max_file] = '\0';
	snprintf(hdr, sizeof(hdr), "--b\r\nContent-Disposition: form-data; "
	    "name=m; filename=a\r\n\r\n%s\r\n--b--", v);
	assert_int_equal(parse("b", hdr, &g), MP_OK);
	assert_int_equal(strlen(g.s), strlen("U m/a//100:;") + 100);
	snprintf(hdr, sizeof(hdr), "--b\r\nContent-Disposition: form-data; "
	    "name=m; filename=a\r\n\r\n%s%s\r\n--b--", v, v);
	assert_int_equal(parse("b", hdr, &g), MP_OK);
	assert_true(strncmp(g.s, "U m/a//200:", 11) == 0);
	assert_int_equal(strlen(g.s), strlen("U m/a//200:;") + 101);
}

/*
 * 100 MB through the parser, 16 KiB at a time as request.c reads it:
 * the file holds every byte, and the peak RSS grows by less than 4 MB.
 */
static void
large_upload_bounded_rss(void **state)
{
	static struct got	 g;
	struct mp_limits	 big = { 200 << 20, 10, 64, 150 << 20 };
	struct mp_sink		 sink = sink_base;
	struct rusage		 ru;
	static char		 chunk[16384];
	const char		*head = "--b\r\nContent-Disposition: form-data;"
				    " name=m1; filename=\"big.pdf\"\r\n\r\n";
	long			 before;
	size_t			 i, total = 100u << 20;

	(void)state;
	for (i = 0; i < sizeof(chunk); i++)	/* CRs and dashes in it */
		chunk[i] = "ab\r\n-\r\n--"[i % 10];
	/* The file's stream is checked here, not copied into g. */
	sink.ctx = &g;
	sink.file = NULL;
	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	before = ru.ru_maxrss;
	assert_int_equal(mp_begin(mp, "b", 1, &big, &sink, tmpdir), MP_OK);
	assert_int_equal(mp_feed(mp, head, strlen(head)), MP_OK);
	for (i = 0; i < total / sizeof(chunk); i++)
		assert_int_equal(mp_feed(mp, chunk, sizeof(chunk)), MP_OK);
	assert_int_equal(dir_entries(), 0);	/* unlinked as made */
	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	print_message("peak RSS %ld KB before, %ld KB after 100 MB\n",
	    before, ru.ru_maxrss);
	assert_true(ru.ru_maxrss - before < 4096);
	/* Abandoned here (the file callback is NULL): mp_end() closes. */
	assert_int_equal(mp_end(mp), MP_SYNTAX);
}

/* The same 100 MB handed over whole: its size and every byte. */
static enum mp_rc
count_file(void *ctx, const char *name, const char *filename,
    const char *ctype, FILE *fp, size_t size)
{
	size_t	*n = ctx, k;
	char	 buf[65536];

	(void)name; (void)filename; (void)ctype;
	assert_non_null(fp);
	while ((k = fread(buf, 1, sizeof(buf), fp)) > 0)
		*n += k;
	assert_int_equal(*n, size);
	fclose(fp);
	return MP_OK;
}

static void
large_upload_whole(void **state)
{
	struct mp_limits	 big = { 200 << 20, 10, 64, 150 << 20 };
	struct mp_sink		 sink = { NULL, on_field, count_file, NULL };
	static char		 chunk[16384];
	size_t			 i, n = 0, total = 100u << 20;
	const char		*head = "--b\r\nContent-Disposition: form-data;"
				    " name=m1; filename=big.pdf\r\n\r\n";

	(void)state;
	memset(chunk, '\r', sizeof(chunk));
	sink.ctx = &n;
	assert_int_equal(mp_begin(mp, "b", 1, &big, &sink, tmpdir), MP_OK);
	assert_int_equal(mp_feed(mp, head, strlen(head)), MP_OK);
	for (i = 0; i < total / sizeof(chunk); i++)
		assert_int_equal(mp_feed(mp, chunk, sizeof(chunk)), MP_OK);
	assert_int_equal(mp_feed(mp, "\r\n--b--\r\n", 9), MP_OK);
	assert_int_equal(mp_end(mp), MP_OK);
	assert_int_equal(n, total);
	assert_int_equal(dir_entries(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_at_every_offset),
		cmocka_unit_test(crlf_edges),
		cmocka_unit_test(each_malformed_body),
		cmocka_unit_test(each_limit),
		cmocka_unit_test(large_upload_bounded_rss),
		cmocka_unit_test(large_upload_whole),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, setup, teardown);
	rmdir(tmpdir);
	return rc;
}
