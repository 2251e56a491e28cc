/*
 * fuzz_multipart.c: libFuzzer target for cgi/core/multipart.c, in
 * persistent mode: one parser for the process, every input through it,
 * as a FastCGI worker runs one request after another (docs/fuzzing.md).
 *
 * An input is a header line and a body:
 *
 *	BOUNDARY SPLIT\n	the boundary (up to the first space; a
 *				default when empty or not RFC 2046's) and
 *				a number that seeds how the body is cut
 *	body…
 *
 * The body is parsed twice: whole, and cut into pieces at offsets drawn
 * from SPLIT (every piece one byte long when SPLIT is odd and the input
 * short).  Files go to memory (fmemopen) but when SPLIT % 16 is 15,
 * when they go to unlinked temporary files as in production.  Both parses
 * must give the same outcome, fields and files, byte for byte: the
 * parser keeps no state in how the body arrives.  Also checked after
 * each parse: every value handed over is NUL-terminated UTF-8 text of
 * the length given, names and filenames text, no file keeps more than
 * max_file + 1 bytes and a file of at most max_file keeps all of them,
 * a refusal has a reason, no descriptor is left open and the temporary
 * directory is empty (files are unlinked as they are made).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "multipart.h"
#include "utf8.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "check failed: %s " \
	"(line %d)\n", #c, __LINE__); abort(); } } while (0)

static const struct mp_limits lim = {
	.max_body = 1 << 20,
	.max_parts = 24,
	.max_field = 512,
	.max_file = 1024,
};

/* Files in memory, but for one input in 16: the system calls of real
 * temporary files would make the run ten times slower. */
static int	 in_memory;
static char	 membuf[64][1025];
static size_t	 nmem;

static FILE *
open_mem(void *ctx)
{
	(void)ctx;
	if (nmem >= sizeof(membuf) / sizeof(membuf[0]))
		return NULL;
	return fmemopen(membuf[nmem++], sizeof(membuf[0]), "w+");
}

/* What one parse gave: a running hash and counts. */
struct seen {
	uint64_t	 h;
	size_t		 fields, files;
};

static struct mp	*mp;
static char		 tmpdir[256];

static void
mix(struct seen *s, const void *p, size_t n)
{
	const unsigned char	*b = p;

	while (n-- > 0)
		s->h = (s->h ^ *b++) * 0x100000001b3ULL;
	s->h = (s->h ^ 0xff) * 0x100000001b3ULL;	/* an end mark */
}

static enum mp_rc
on_field(void *ctx, const char *name, const char *value, size_t len)
{
	struct seen	*s = ctx;

	CHECK(*name != '\0');
	CHECK(utf8_check(name, strlen(name), 0, NULL) == UTF8_OK);
	CHECK(strlen(value) == len && len <= lim.max_field);
	CHECK(utf8_check(value, len, UTF8_LINES, NULL) == UTF8_OK);
	s->fields++;
	mix(s, "F", 1);
	mix(s, name, strlen(name));
	mix(s, value, len);
	return MP_OK;
}

static enum mp_rc
on_file(void *ctx, const char *name, const char *filename, const char *ctype,
    FILE *fp, size_t size)
{
	struct seen	*s = ctx;
	char		 buf[8192];
	size_t		 n, kept = 0;

	CHECK(*name != '\0');
	CHECK(utf8_check(name, strlen(name), 0, NULL) == UTF8_OK);
	CHECK(utf8_check(filename, strlen(filename), 0, NULL) == UTF8_OK);
	s->files++;
	mix(s, "U", 1);
	mix(s, name, strlen(name));
	mix(s, filename, strlen(filename));
	mix(s, ctype, strlen(ctype));
	mix(s, &size, sizeof(size));
	if (fp == NULL) {
		CHECK(size == 0);
		return MP_OK;
	}
	CHECK(ftell(fp) == 0);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		mix(s, buf, n);
		kept += n;
	}
	CHECK(!ferror(fp));
	fclose(fp);
	CHECK(kept <= lim.max_file + 1);
	CHECK(kept == (size <= lim.max_file ? size : lim.max_file + 1));
	/* A part cut short by a limit: the callee may refuse it. */
	return size % 7 == 3 && size > lim.max_file ? MP_FIELD : MP_OK;
}

static int
lowest_fd(void)
{
	int	 fd = dup(0), free_fd;

	CHECK(fd != -1);
	free_fd = fd;
	close(fd);
	return free_fd;
}

static int
dir_empty(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* Parse body in pieces: all of it when split is 0, else pieces of
 * 1 to split bytes drawn from seed. */
static enum mp_rc
parse(const char *b, size_t blen, const char *body, size_t n,
    unsigned split, uint32_t seed, struct seen *s)
{
	struct mp_sink	 sink = { s, on_field, on_file, NULL };
	enum mp_rc	 rc, end;
	size_t		 at = 0, k;

	if (in_memory)
		sink.open_file = open_mem;
	nmem = 0;
	memset(s, 0, sizeof(*s));
	s->h = 0xcbf29ce484222325ULL;
	if ((rc = mp_begin(mp, b, blen, &lim, &sink, tmpdir)) != MP_OK)
		return rc;
	while (at < n) {
		k = n - at;
		if (split > 0) {
			seed = seed * 1103515245u + 12345u;
			k = 1 + (seed >> 8) % split;
			if (k > n - at)
				k = n - at;
		}
		rc = mp_feed(mp, body + at, k);
		at += k;
		if (rc != MP_OK)
			break;
	}
	end = mp_end(mp);
	CHECK(rc == MP_OK || end == rc);
	if (end != MP_OK)
		CHECK(*mp_why(mp) != '\0');
	return end;
}

static void
cleanup(void)
{
	rmdir(tmpdir);		/* empty: checked after each parse */
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*t = getenv("TMPDIR");

	(void)argc; (void)argv;
	snprintf(tmpdir, sizeof(tmpdir), "%s/yw-fuzz-mp.XXXXXX",
	    t != NULL ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL || (mp = mp_new()) == NULL) {
		perror("fuzz_multipart");
		exit(2);
	}
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 bchars[] = "0123456789abcdefghijklmnopqrstu"
				    "vwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "'()+_,-./:=?";
	const char		*in = (const char *)data, *nl, *sp, *b = "b";
	struct seen		 whole, cut;
	enum mp_rc		 r1, r2;
	size_t			 blen = 1, hl, k;
	unsigned long		 split = 0;
	int			 fd0 = -1;
	unsigned		 step;

	if ((nl = memchr(in, '\n', size)) == NULL)
		return 0;
	hl = (size_t)(nl - in);
	sp = memchr(in, ' ', hl);
	if (sp != NULL) {
		char	 num[16];
		size_t	 nn = hl - (size_t)(sp - in) - 1;

		if (nn >= sizeof(num))
			nn = sizeof(num) - 1;
		memcpy(num, sp + 1, nn);
		num[nn] = '\0';
		split = strtoul(num, NULL, 10);
	} else
		sp = nl;
	for (k = 0; in + k < sp && strchr(bchars, in[k]) != NULL &&
	    in[k] != '\0'; k++)
		;
	if (sp > in && (size_t)(sp - in) <= MP_BOUNDARY_MAX &&
	    in + k == sp) {
		b = in;
		blen = (size_t)(sp - in);
	}
	in_memory = split % 16 != 15;
	if (!in_memory)
		fd0 = lowest_fd();
	r1 = parse(b, blen, nl + 1, size - hl - 1, 0, 0, &whole);
	/* Byte by byte for short bodies only: it is slow. */
	step = split & 1 && size < 512 ? 1 : 1 + (unsigned)(split % 97);
	r2 = parse(b, blen, nl + 1, size - hl - 1, step, (uint32_t)split,
	    &cut);
	if (getenv("YW_FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "whole %d %zu %zu, cut %d %zu %zu: %s\n", r1,
		    whole.fields, whole.files, r2, cut.fields, cut.files,
		    mp_why(mp));
	CHECK(r1 == r2);
	CHECK(whole.h == cut.h && whole.fields == cut.fields &&
	    whole.files == cut.files);
	if (!in_memory) {
		CHECK(lowest_fd() == fd0);
		CHECK(dir_empty(tmpdir));
	}
	if (getenv("YW_FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "rc %d, %zu fields, %zu files: %s\n", r1,
		    whole.fields, whole.files, mp_why(mp));
	return 0;
}
