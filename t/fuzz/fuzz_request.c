/*
 * fuzz_request.c: libFuzzer target for everything that parses an
 * untrusted request: our request_begin() and, through it, ClearSilver's
 * cgi_init()/cgi_parse() (query string, urlencoded and multipart bodies
 * with uploads, cookies, HTTP_* headers), then form_get(), form_file()
 * and the error page.  It runs persistently, as a FastCGI worker does:
 * one process, one pool, request after request, and checks between
 * requests that nothing is left behind.
 *
 * Build and run from the top of the tree (t/fuzz/run.sh does this, and
 * leaves the saved crash-* inputs out of the seeds: while they still
 * fail, each stops a run at once):
 *
 *	mkdir -p build-fuzz/corpus/request
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *	    -DTOP_SRCDIR=\"$PWD\" -D_GNU_SOURCE \
 *	    -Icgi/core -I/usr/include/ClearSilver \
 *	    t/fuzz/fuzz_request.c cgi/core/request.c cgi/core/arena.c \
 *	    cgi/core/config.c cgi/core/utf8.c \
 *	    $(pkg-config --cflags --libs fcgi) \
 *	    -lneo_cgi -lneo_cs -lneo_utl -lz -o build-fuzz/fuzz_request
 *	build-fuzz/fuzz_request -timeout=10 -rss_limit_mb=2048 \
 *	    build-fuzz/corpus/request t/fuzz/seeds/request
 *
 * With -fsanitize=fuzzer alone it also builds without sanitizers, where
 * malloc reuses freed addresses at once as in production (ClearSilver's
 * stale boundary cache shows only there).  ClearSilver's static libraries
 * are not instrumented; see "features" for what stands in for their
 * coverage.  cgi/core/log.c is not linked: the log functions are replaced
 * below (see "Stubs") so the fuzzer's output stays readable.
 *
 * An input is a header, a blank line ("\n\n"), then the body.  The header
 * is lines of one letter, a space and a value; unknown lines are ignored:
 *
 *	M POST			REQUEST_METHOD (default GET)
 *	T u			CONTENT_TYPE urlencoded
 *	T m BOUNDARY		CONTENT_TYPE multipart/form-data with it
 *	T text/plain		any other CONTENT_TYPE, as written
 *	Q a=1&b=2		QUERY_STRING
 *	C yw_sid=…; x=1		HTTP_COOKIE
 *	H NAME value		HTTP_NAME=value (any other request header)
 *	E NAME=value		any parameter, as written
 *	U /path?x		DOCUMENT_URI and REQUEST_URI
 *	L +N, L -N		CONTENT_LENGTH lies by N bytes; "L none"
 *				sends none; anything else is sent as is
 *	R			replay: run the request after each of two
 *				different priming requests and compare the
 *				parsed Query and Cookie trees, and each
 *				priming request's with what it gave in a
 *				fresh process (state leaking from one request
 *				into the next)
 *
 * Without "L", CONTENT_LENGTH is the body's length (omitted when empty).
 *
 * When an upload m1 arrived it is sent back with reply_raw() under the
 * name the client gave (a Content-Disposition header); otherwise the error
 * page is rendered.  When request_begin() takes a request, every name and
 * value under Query must be text as t/utf8_ref.h, written apart, sees it
 * (strict UTF-8: no overlong form, surrogate or code point past U+10FFFF;
 * no NUL or control character but TAB, CR, LF in values), form_get() must
 * give no TAB, CR or LF, and a "%00" in the query string or a "%00" or
 * NUL in an urlencoded body must have been refused (SEC-4, F3).  Between
 * requests the target aborts when
 *	- the response does not start "Status: NNN " with the status asked
 *	  for, its Content-Length disagrees with the body sent, or a header
 *	  line is not "Name: value" (a line break smuggled into a header);
 *	- a file is left in <files_dir>/tmp (upload temp files);
 *	- the lowest free descriptor moved during the request, or the count
 *	  in /proc/self/fd grew by more than FD_SLACK (every 10000 requests);
 *	- memory still allocated after request_end() and pool_reset() grew
 *	  by more than RETAIN_LIMIT over 10000 requests, or by more than
 *	  RETAIN_ONE in one (with AddressSanitizer's allocator statistics).
 * LeakSanitizer reports what became unreachable.
 *
 * Environment: YW_TEMPLATES overrides the templates directory; the
 * files_dir is made under $TMPDIR (a crashed run leaves it behind);
 * YW_FUZZ_VERBOSE=1 prints the log lines request.c writes, the parsed
 * Query and Cookie trees and the response headers.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "arena.h"
#include "config.h"
#include "log.h"
#include "request.h"
#include "../utf8_ref.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR	"."
#endif

#define MAX_ENV		64		/* parameters per request */
#define OUT_SIZE	(64 * 1024)	/* response bytes kept */
#define CHECK_EVERY	10000
#define FD_SLACK	8		/* libFuzzer's own, in -fork mode */
#define RETAIN_LIMIT	(256 * 1024)
#define RETAIN_ONE	(64 * 1024)

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* AddressSanitizer's allocator statistics; absent in other builds. */
size_t	__sanitizer_get_current_allocated_bytes(void)
	    __attribute__((weak));

/* A response as the fake output stream saw it. */
struct sink {
	unsigned char	 buf[OUT_SIZE];
	unsigned char	 head[OUT_SIZE];	/* first OUT_SIZE bytes */
	size_t		 headlen;
	size_t		 total;
};

/* One request's parameters and body, cut out of a fuzz input. */
struct fake {
	char		*env[MAX_ENV + 1];
	int		 nenv;
	const uint8_t	*body;
	size_t		 bodylen;
	int		 replay;
};

static struct config	 cfg;
static struct pool	*pool;		/* as the worker's in serve() */
static struct pool	*scratch;	/* the harness's own allocations */
static char		 basedir[1024];
static char		 tmpdir[sizeof(basedir) + 8];
static DIR		*tmpdp;
static int		 fd_count;
static unsigned long	 runs;
static size_t		 retained;	/* since check_periodic() */
static struct sink	 sink;
static int		 verbose;

/*
 * ClearSilver is not instrumented, so libFuzzer sees no coverage inside
 * its parsers.  These counters, which libFuzzer reads as coverage, stand
 * in for it: the shape of what the parsers produced (how many values, how
 * deep, how long, how many uploads) and which error they raised.
 */
static uint8_t	 features[16 * 256]
    __attribute__((section("__libfuzzer_extra_counters"), used));

enum feat {
	F_NODE, F_NODE_DEEP, F_ROOT, F_STATUS, F_UPLOADS, F_LOG, F_ERRWORD
};

static void
feature(enum feat f, unsigned v)
{
	features[((unsigned)f * 256 + v % 256) % sizeof(features)]++;
}

static unsigned
bucket(size_t n)
{
	return n == 0 ? 0 : n == 1 ? 1 : n < 8 ? 2 : n < 64 ? 3 :
	    n < 1024 ? 4 : 5;
}

static unsigned
char_class(int c)
{
	return c == '\0' ? 0 : (c >= '0' && c <= '9') ? 1 :
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? 2 : c == '_' ? 3 :
	    c & 0x80 ? 4 : 5;
}

static void
feature_tree(HDF *h, unsigned root, int depth)
{
	HDF		*c;
	const char	*name, *v;
	size_t		 n = 0;

	for (c = hdf_obj_child(h); c != NULL; c = hdf_obj_next(c), n++) {
		name = hdf_obj_name(c);
		v = hdf_obj_value(c);
		feature(depth < 2 ? F_NODE : F_NODE_DEEP,
		    (root * 64 + (unsigned)(depth % 2) * 32 +
		    char_class(name ? name[0] : 0) * 6 +
		    (v == NULL ? 6 : bucket(strlen(v)))) % 256);
		if (depth < 8)
			feature_tree(c, root, depth + 1);
	}
	feature(F_ROOT, root * 16 + bucket(n) * 2 + (depth > 0));
}

/* Stubs: cgi/core/log.c, replaced by a quiet version. */

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char		 line[1024];
	const char	*w;
	unsigned	 hash = 0;

	/* Format anyway, so the sanitizers see the arguments used. */
	vsnprintf(line, sizeof(line), fmt, ap);
	/* "cgi_parse: IOError: Short read …": the words, not the numbers. */
	for (w = line; *w != '\0' && (*w < '0' || *w > '9'); w++)
		hash = hash * 31 + (unsigned char)*w;
	feature(F_LOG, hash);
	if ((w = strchr(line, ':')) != NULL)
		feature(F_ERRWORD, (unsigned char)w[2] * 7 +
		    (unsigned char)w[3]);
	if (verbose)
		fprintf(stderr, "fuzz_request %s: %s\n", level, line);
}

void
log_set_prog(const char *p)
{
	(void)p;
}

/* reply_error() asks whether the database went away under the request:
 * the fuzzed requests have none. */
int
db_gone(const struct db *db)
{
	(void)db;
	return 0;
}

void
log_err(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

/* End of stubs. */

static void
fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs("fuzz_request: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Fake FastCGI streams. */

/* The body is all there is: at its end the stream closes, as libfcgi's
 * does at the empty FCGI_STDIN record. */
static void
in_fill(FCGX_Stream *s)
{
	s->isClosed = 1;
}

static void
in_empty(FCGX_Stream *s, int doClose)
{
	(void)s;
	(void)doClose;
}

/* Keep the first OUT_SIZE bytes, count the rest. */
static void
out_empty(FCGX_Stream *s, int doClose)
{
	struct sink	*k = s->data;
	size_t		 n = (size_t)(s->wrNext - k->buf), room;

	(void)doClose;
	room = sizeof(k->head) - k->headlen;
	if (room > 0) {
		if (n < room)
			room = n;
		memcpy(k->head + k->headlen, k->buf, room);
		k->headlen += room;
	}
	k->total += n;
	s->wrNext = k->buf;
}

static void
out_fill(FCGX_Stream *s)
{
	(void)s;
}

static void
stream_in(FCGX_Stream *s, const uint8_t *body, size_t len)
{
	memset(s, 0, sizeof(*s));
	/* libfcgi never writes through a reader's pointers. */
	s->rdNext = s->stopUnget = (unsigned char *)(uintptr_t)body;
	s->stop = s->wrNext = (unsigned char *)(uintptr_t)body + len;
	s->isReader = 1;
	s->fillBuffProc = in_fill;
	s->emptyBuffProc = in_empty;
}

static void
stream_out(FCGX_Stream *s, struct sink *k)
{
	memset(s, 0, sizeof(*s));
	k->headlen = k->total = 0;
	s->rdNext = s->wrNext = s->stopUnget = k->buf;
	s->stop = k->buf + sizeof(k->buf);
	s->isReader = 0;
	s->fillBuffProc = out_fill;
	s->emptyBuffProc = out_empty;
	s->data = k;
}

/* Building a request out of the input. */

static void
env_add(struct fake *f, const char *k, const char *v, size_t vlen)
{
	if (f->nenv >= MAX_ENV)
		return;
	f->env[f->nenv++] = pool_printf(scratch, "%s=%.*s", k, (int)vlen, v);
	f->env[f->nenv] = NULL;
}

static int
env_has(const struct fake *f, const char *k)
{
	size_t	 n = strlen(k);
	int	 i;

	for (i = 0; i < f->nenv; i++)
		if (strncmp(f->env[i], k, n) == 0 && f->env[i][n] == '=')
			return 1;
	return 0;
}

/*
 * Cut data into header lines and body and fill f.  Values stop at a NUL
 * byte, as C strings in libfcgi's parameter array do.
 */
static void
fake_parse(struct fake *f, const uint8_t *data, size_t size)
{
	const char	*p = (const char *)data, *end = p + size, *nl, *v;
	const char	*sep = NULL;
	const char	*clen = NULL;
	const char	*q;
	char		*ct;
	size_t		 vlen, clenlen = 0, i;
	long		 lie;
	char		 name[64];

	memset(f, 0, sizeof(*f));
	sep = memmem(data, size, "\n\n", 2);
	if (size > 0 && data[0] == '\n')
		sep = p;
	if (sep == NULL) {
		f->body = data + size;
		f->bodylen = 0;
		end = p + size;
	} else {
		f->body = (const uint8_t *)sep + (sep == p ? 1 : 2);
		f->bodylen = (size_t)((const char *)data + size -
		    (const char *)f->body);
		end = sep;
	}

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl - p < 1)
			continue;
		v = p + 2 <= nl ? p + 2 : nl;
		vlen = strnlen(v, (size_t)(nl - v));
		switch (*p) {
		case 'M':
			env_add(f, "REQUEST_METHOD", v, vlen);
			break;
		case 'T':
			if (vlen == 1 && *v == 'u')
				env_add(f, "CONTENT_TYPE", "application/"
				    "x-www-form-urlencoded", 33);
			else if (vlen >= 2 && v[0] == 'm' && v[1] == ' ') {
				ct = pool_printf(scratch, "multipart/form-data;"
				    " boundary=%.*s", (int)(vlen - 2), v + 2);
				env_add(f, "CONTENT_TYPE", ct, strlen(ct));
			} else
				env_add(f, "CONTENT_TYPE", v, vlen);
			break;
		case 'Q':
			env_add(f, "QUERY_STRING", v, vlen);
			break;
		case 'C':
			env_add(f, "HTTP_COOKIE", v, vlen);
			break;
		case 'H':
			for (i = 0; i < vlen && i < 40 && v[i] != ' '; i++)
				;
			snprintf(name, sizeof(name), "HTTP_%.*s", (int)i, v);
			if (i < vlen)
				i++;
			env_add(f, name, v + i, vlen - i);
			break;
		case 'E':
			if (f->nenv < MAX_ENV) {
				f->env[f->nenv++] = pool_strndup(scratch, v,
				    vlen);
				f->env[f->nenv] = NULL;
			}
			break;
		case 'U':
			q = memchr(v, '?', vlen);
			env_add(f, "DOCUMENT_URI", v, q != NULL ?
			    (size_t)(q - v) : vlen);
			env_add(f, "REQUEST_URI", v, vlen);
			break;
		case 'L':
			clen = v;
			clenlen = vlen;
			break;
		case 'R':
			f->replay = 1;
			break;
		}
	}

	if (clen == NULL) {
		if (f->bodylen > 0)
			env_add(f, "CONTENT_LENGTH", pool_printf(scratch, "%zu",
			    f->bodylen), 20);
	} else if (clenlen == 4 && memcmp(clen, "none", 4) == 0) {
		;
	} else if (clenlen > 1 && (clen[0] == '+' || clen[0] == '-')) {
		lie = strtol(pool_strndup(scratch, clen, clenlen), NULL, 10);
		if (lie < -(long)f->bodylen)
			lie = -(long)f->bodylen;
		env_add(f, "CONTENT_LENGTH", pool_printf(scratch, "%ld",
		    (long)f->bodylen + lie), 20);
	} else
		env_add(f, "CONTENT_LENGTH", clen, clenlen);

	/* What nginx's fastcgi_params always sends. */
	if (!env_has(f, "REQUEST_METHOD"))
		env_add(f, "REQUEST_METHOD", "GET", 3);
	if (!env_has(f, "DOCUMENT_URI"))
		env_add(f, "DOCUMENT_URI", "/", 1);
	env_add(f, "GATEWAY_INTERFACE", "CGI/1.1", 7);
	env_add(f, "SERVER_PROTOCOL", "HTTP/1.1", 8);
	env_add(f, "REMOTE_ADDR", "192.0.2.1", 9);
	env_add(f, "SCRIPT_NAME", "/", 1);
}

/* Checks between requests. */

static int
count_fds(void)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;		/* opendir's own */
}

static int
lowest_free_fd(void)
{
	int	 fd;

	if ((fd = dup(dirfd(tmpdp))) == -1)
		fail("dup: %s", strerror(errno));
	close(fd);
	return fd;
}

static void
check_tmpdir(void)
{
	struct dirent	*e;

	rewinddir(tmpdp);
	while ((e = readdir(tmpdp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			fail("%s/%s left behind after the request", tmpdir,
			    e->d_name);
}

/*
 * The response must start "Status: <status> " and carry a Content-Length
 * equal to what follows the headers.
 */
static void
check_response(struct sink *k, int status)
{
	char		 want[32];
	const char	*h, *cl, *eoh, *line, *nl;
	unsigned long	 len;
	size_t		 n;

	if (k->total == 0)
		fail("no response at all (status %d)", status);
	snprintf(want, sizeof(want), "Status: %d ", status);
	if (k->headlen < strlen(want) ||
	    memcmp(k->head, want, strlen(want)) != 0)
		fail("response does not start \"%s\": \"%.40s\"", want,
		    (const char *)k->head);
	h = (const char *)k->head;
	eoh = memmem(h, k->headlen, "\r\n\r\n", 4);
	cl = memmem(h, k->headlen, "\r\nContent-Length: ", 18);
	if (eoh == NULL || cl == NULL || cl > eoh)
		fail("response headers incomplete");
	len = strtoul(cl + 18, NULL, 10);
	if (len != k->total - (size_t)(eoh + 4 - h))
		fail("Content-Length %lu, body %zu", len,
		    k->total - (size_t)(eoh + 4 - h));
	/* Every header line is "Name: value", no line break in a value. */
	for (line = h; line < eoh; line = nl + 2) {
		nl = memmem(line, (size_t)(eoh + 2 - line), "\r\n", 2);
		n = strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz-");
		if (n == 0 || line[n] != ':' || line[n + 1] != ' ' ||
		    memchr(line, '\n', (size_t)(nl - line)) != NULL ||
		    memchr(line, '\0', (size_t)(nl - line)) != NULL)
			fail("bad response header line \"%.*s\"",
			    (int)(nl - line), line);
	}
}

static void
check_periodic(void)
{
	int	 n;

	if ((n = count_fds()) > fd_count + FD_SLACK)
		fail("open descriptors grew from %d to %d in %d requests",
		    fd_count, n, CHECK_EVERY);
	if (retained > RETAIN_LIMIT)
		fail("%zu bytes still allocated after %d requests", retained,
		    CHECK_EVERY);
	retained = 0;
}

/* A growing string for dump_tree(). */
struct text {
	char	*s;
	size_t	 len, cap;
};

static void
text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		if ((t->s = realloc(t->s, t->cap)) == NULL)
			abort();
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/*
 * Every node under h as "path=value" with its length, one a line; unlike
 * hdf_write_string(), whose here-document markers are random, the same
 * tree always gives the same text.
 */
static void
dump_tree(HDF *h, const char *path, struct text *t)
{
	HDF		*c;
	const char	*name, *v;
	char		*sub, len[32];

	for (c = hdf_obj_child(h); c != NULL; c = hdf_obj_next(c)) {
		name = hdf_obj_name(c);
		sub = pool_printf(scratch, "%s.%s", path,
		    name != NULL ? name : "(null)");
		text_add(t, sub, strlen(sub));
		if ((v = hdf_obj_value(c)) != NULL) {
			snprintf(len, sizeof(len), "[%zu]=", strlen(v));
			text_add(t, len, strlen(len));
			text_add(t, v, strlen(v));
		}
		text_add(t, "\n", 1);
		dump_tree(c, sub, t);
	}
}

/* Every name and value under h is text (t/utf8_ref.h). */
static void
check_text(HDF *h, const char *path)
{
	HDF		*c;
	const char	*name, *v;

	for (c = hdf_obj_child(h); c != NULL; c = hdf_obj_next(c)) {
		name = hdf_obj_name(c);
		v = hdf_obj_value(c);
		if (name != NULL && !ref_valid((const unsigned char *)name,
		    strlen(name), REF_TEXT))
			fail("a field name under %s that is not text was "
			    "taken", path);
		if (v != NULL && !ref_valid((const unsigned char *)v, strlen(v),
		    REF_LINES))
			fail("the value of %s.%s is not text and was taken",
			    path, name);
		check_text(c, path);
	}
}

/*
 * What request_begin() took is text, and it did not take a NUL the kit
 * would have cut a value at: "%00" in the query string, or NUL or "%00"
 * in the part of an urlencoded POST body the kit reads (CONTENT_LENGTH).
 */
static void
check_taken(struct req *r, const struct fake *f)
{
	const char	*qs = request_param(r, "QUERY_STRING");
	const char	*ct = request_param(r, "CONTENT_TYPE");
	const char	*cl = request_param(r, "CONTENT_LENGTH");
	size_t		 read = cl != NULL ? strtoul(cl, NULL, 10) : 0;

	check_text(hdf_get_obj(r->hdf, "Query"), "Query");
	if (qs != NULL && strstr(qs, "%00") != NULL)
		fail("a query string with %%00 was taken");
	if (read > f->bodylen)
		read = f->bodylen;
	if (strcmp(r->method, "POST") == 0 && ct != NULL &&
	    strncmp(ct, "application/x-www-form-urlencoded", 33) == 0 &&
	    (memchr(f->body, '\0', read) != NULL ||
	    memmem(f->body, read, "%00", 3) != NULL))
		fail("an urlencoded body with NUL or %%00 was taken");
}

/* One request, as serve() runs it, minus the session and the routes. */

static void
one_request(struct fake *f, char **dump)
{
	FCGX_Request	 fr;
	FCGX_Stream	 in, out, err;
	struct req	 r;
	const char	*names[] = { "csrf", "code", "name", "a.b", "remark",
			    "login", "password", "next", "m1", "m1.Type",
			    "0", "x" };
	const char	*fname, *v;
	FILE		*fp;
	size_t		 i, size, got;
	int		 status, asked, upload;
	char		 buf[4096];
	struct text	 t;

	stream_in(&in, f->body, f->bodylen);
	stream_out(&out, &sink);
	memset(&err, 0, sizeof(err));
	err.isClosed = 1;		/* request.c never writes there */
	memset(&fr, 0, sizeof(fr));
	fr.in = &in;
	fr.out = &out;
	fr.err = &err;
	fr.envp = f->env;
	fr.ipcFd = -1;

	status = request_begin(&r, &fr, &cfg, NULL, pool);
	feature(F_STATUS, (unsigned)status);
	if (r.hdf != NULL) {
		feature_tree(hdf_get_obj(r.hdf, "Query"), 0, 0);
		feature_tree(hdf_get_obj(r.hdf, "Cookie"), 1, 0);
		feature_tree(hdf_get_obj(r.hdf, "HTTP"), 2, 0);
		feature_tree(hdf_get_obj(r.hdf, "CGI"), 3, 0);
	}
	if (r.cgi != NULL && r.cgi->files != NULL)
		feature(F_UPLOADS, (unsigned)uListLength(r.cgi->files));
	if (status != 0) {
		asked = status;
		reply_error(&r, status, r.why);
	} else {
		check_taken(&r, f);
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if ((v = form_get(&r, names[i])) != NULL &&
			    strpbrk(v, "\t\r\n") != NULL)
				fail("form_get(%s) gave a line break", names[i]);
			(void)form_text(&r, names[i]);
		}
		upload = form_file(&r, "m1", &fp, &size, &fname) == 0;
		if (upload) {
			for (got = 0; got < size; got += i)
				if ((i = fread(buf, 1, sizeof(buf), fp)) == 0)
					break;
			if (got != size)
				fail("upload of %zu bytes, read %zu", size,
				    got);
			if (size > cfg.max_body)
				fail("upload of %zu bytes passed max_body",
				    size);
		}
		(void)hdf_get_value(r.hdf, "Cookie.yw_sid", NULL);
		if (verbose) {
			hdf_dump(hdf_get_obj(r.hdf, "Query"), "Query");
			hdf_dump(hdf_get_obj(r.hdf, "Cookie"), "Cookie");
			if (form_file(&r, "m1", &fp, &size, &fname) == 0)
				fprintf(stderr, "m1: %zu bytes, \"%s\"\n",
				    size, fname ? fname : "(null)");
		}
		(void)request_param(&r, "HTTP_HOST");
		if (upload) {
			/* Offer it back for download, as the case page does:
			 * the name the client gave goes into a header. */
			asked = 200;
			rewind(fp);
			i = fread(buf, 1, sizeof(buf), fp);
			reply_raw(&r, "application/pdf", buf, i,
			    fname != NULL ? fname : "");
		} else {
			asked = 400;
			reply_error(&r, 400, "x");
		}
	}
	if (dump != NULL) {
		memset(&t, 0, sizeof(t));
		text_add(&t, "", 0);
		if (r.hdf != NULL) {
			dump_tree(hdf_get_obj(r.hdf, "Query"), "Query", &t);
			dump_tree(hdf_get_obj(r.hdf, "Cookie"), "Cookie", &t);
		}
		*dump = t.s;
	}
	request_end(&r);
	pool_reset(pool);
	out_empty(&out, 0);
	if (verbose)
		fprintf(stderr, "%.*s", (int)strcspn((const char *)sink.head,
		    "<"), (const char *)sink.head);
	check_response(&sink, asked);
}

/* Two priming requests that leave different state behind. */
static const char prime_a[] =
    "M POST\nT m x\nQ a=1&a=2\nC yw_sid=1\n\n"
    "--x\r\nContent-Disposition: form-data; name=\"m1\"; "
    "filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    "%PDF-1.4\r\n--x--\r\n";
static const char prime_b[] =
    "M POST\nT m a-much-longer-boundary-than-the-other-one-0123456789\n\n"
    "--a-much-longer-boundary-than-the-other-one-0123456789\r\n"
    "Content-Disposition: form-data; name=\"n\"\r\n\r\nv\r\n"
    "--a-much-longer-boundary-than-the-other-one-0123456789--\r\n";

static char	*ref_a, *ref_b;	/* their trees in a fresh process */

/* Run a priming request; its tree must be the one it had at first. */
static void
prime(const char *text, const char *ref, char **dump)
{
	struct fake	 f;
	char		*d;

	fake_parse(&f, (const uint8_t *)text, strlen(text));
	one_request(&f, &d);
	if (ref != NULL && strcmp(d, ref) != 0)
		fail("a priming request parsed differently after this "
		    "input:\n--- at start\n%s\n--- now\n%s", ref, d);
	if (dump != NULL)
		*dump = d;
	else
		free(d);
}

/*
 * Run the input after each priming request; the Query trees must agree,
 * and each priming request must parse as it did at the start.
 */
static void
replay(const uint8_t *data, size_t size)
{
	struct fake	 f;
	char		*d1, *d2;

	prime(prime_a, ref_a, NULL);
	fake_parse(&f, data, size);
	one_request(&f, &d1);
	prime(prime_b, ref_b, NULL);
	fake_parse(&f, data, size);
	one_request(&f, &d2);
	if (strcmp(d1, d2) != 0)
		fail("the same request parsed differently after another:\n"
		    "--- after prime_a\n%s\n--- after prime_b\n%s",
		    d1, d2);
	free(d1);
	free(d2);
}

static void
cleanup(void)
{
	if (tmpdp != NULL)
		closedir(tmpdp);
	rmdir(tmpdir);
	rmdir(basedir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*v;

	(void)argc;
	(void)argv;
	verbose = (v = getenv("YW_FUZZ_VERBOSE")) != NULL && *v == '1';
	snprintf(basedir, sizeof(basedir), "%s/yw-fuzz-request.XXXXXX",
	    (v = getenv("TMPDIR")) != NULL && *v != '\0' ? v : "/tmp");
	if (mkdtemp(basedir) == NULL)
		fail("mkdtemp: %s", strerror(errno));
	snprintf(tmpdir, sizeof(tmpdir), "%s/tmp", basedir);
	if (mkdir(tmpdir, 0700) == -1 || (tmpdp = opendir(tmpdir)) == NULL)
		fail("%s: %s", tmpdir, strerror(errno));
	atexit(cleanup);

	/* config.c's defaults, smaller. */
	cfg.site = SITE_EXTRANET;
	cfg.files_dir = basedir;
	cfg.templates_dir = (v = getenv("YW_TEMPLATES")) != NULL ? (char *)v :
	    (char *)TOP_SRCDIR "/templates";
	cfg.max_body = 1024 * 1024;
	cfg.max_upload = 256 * 1024;
	cfg.max_fields = 200;
	cfg.max_field_len = 64 * 1024;
	/* For measuring a large upload (docs/fuzzing.md), not fuzzing. */
	if ((v = getenv("YW_FUZZ_MAX_BODY")) != NULL)
		cfg.max_body = cfg.max_upload = strtoul(v, NULL, 10);
	cfg.session_idle = 30 * 60;
	cfg.session_max = 12 * 3600;
	cfg.cookie_secure = 1;

	pool = pool_new();
	scratch = pool_new();

	/* Warm ClearSilver's one-time state up before measuring. */
	prime(prime_a, NULL, &ref_a);
	prime(prime_b, NULL, &ref_b);
	fd_count = count_fds();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fake	 f;
	size_t		 before = 0, after;
	int		 fd;

	fd = lowest_free_fd();
	if (__sanitizer_get_current_allocated_bytes != NULL)
		before = __sanitizer_get_current_allocated_bytes();

	fake_parse(&f, data, size);
	if (f.replay)
		replay(data, size);
	else
		one_request(&f, NULL);
	pool_reset(scratch);

	check_tmpdir();
	if (lowest_free_fd() != fd)
		fail("descriptor %d left open by the request", fd);
	if (__sanitizer_get_current_allocated_bytes != NULL) {
		after = __sanitizer_get_current_allocated_bytes();
		if (after > before) {
			if (after - before > RETAIN_ONE)
				fail("%zu bytes still allocated after one "
				    "request", after - before);
			retained += after - before;
		}
	}
	if (++runs % CHECK_EVERY == 0)
		check_periodic();
	return 0;
}
