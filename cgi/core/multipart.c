/*
 * multipart.c: a streaming multipart/form-data parser (RFC 7578 as the
 * browsers write it; SEC-4, issue #12).  See multipart.h.
 *
 * The body is a preamble, then parts, each after a delimiter CRLF "--"
 * boundary, the last delimiter followed by "--".  The parser is a state
 * machine over bytes, so a delimiter or a header line may be split
 * across reads at any offset.  A delimiter is searched with one counter
 * (match): the boundary holds no CR, so after a mismatch the only part
 * of what was matched that can start a delimiter again is a CR, and
 * the bytes matched so far are data.  Parsing starts as if a CRLF had
 * just been read, so a body may begin with its first delimiter.
 *
 * Refused as malformed (MP_SYNTAX): no final delimiter, a delimiter not
 * followed by CRLF or "--", a header line not ended by CRLF, folded, or
 * holding a control character, a header longer than MP_HEADER_MAX, two
 * Content-Disposition or two Content-Type lines in one part, a
 * disposition other than form-data or without a name, a parameter given
 * twice or a quoted value left open.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "multipart.h"
#include "utf8.h"

enum mp_state { S_PRE, S_TAIL, S_HEAD, S_BODY, S_EPI, S_ERR };

struct mp {
	const struct mp_limits	*lim;
	const struct mp_sink	*sink;
	const char		*tmpdir;
	char		 delim[4 + MP_BOUNDARY_MAX];	/* CRLF "--" B */
	size_t		 dlen;
	enum mp_state	 st;
	enum mp_rc	 rc;		/* the error, in S_ERR */
	const char	*why;
	size_t		 match;		/* bytes of delim matched */
	int		 tail;		/* S_TAIL: what was read of it */
	size_t		 total, parts;
	/* The part's header. */
	char		 line[MP_LINE_MAX];
	size_t		 llen, hsize;
	int		 disp, type, file;
	char		 name[MP_NAME_MAX];
	char		 filename[MP_FILENAME_MAX];
	char		 ctype[256];
	/* The part's content. */
	char		*val;		/* a text value, max_field + 1 */
	size_t		 vcap, vlen;
	FILE		*fp;
	size_t		 fsize, fkept;
};

struct mp *
mp_new(void)
{
	return calloc(1, sizeof(struct mp));
}

static void
part_close(struct mp *mp)
{
	if (mp->fp != NULL)
		fclose(mp->fp);
	mp->fp = NULL;
}

void
mp_free(struct mp *mp)
{
	if (mp == NULL)
		return;
	part_close(mp);
	free(mp->val);
	free(mp);
}

static enum mp_rc
fail(struct mp *mp, enum mp_rc rc, const char *why)
{
	if (mp->st != S_ERR) {
		mp->st = S_ERR;
		mp->rc = rc;
		mp->why = why;
	}
	part_close(mp);
	return mp->rc;
}

enum mp_rc
mp_begin(struct mp *mp, const char *boundary, size_t blen,
    const struct mp_limits *lim, const struct mp_sink *sink,
    const char *tmpdir)
{
	char	*v;

	part_close(mp);
	mp->lim = lim;
	mp->sink = sink;
	mp->tmpdir = tmpdir;
	mp->st = S_PRE;
	mp->rc = MP_OK;
	mp->why = NULL;
	mp->match = 2;		/* as if after a CRLF */
	mp->total = mp->parts = 0;
	if (blen < 1 || blen > MP_BOUNDARY_MAX ||
	    memchr(boundary, '\r', blen) != NULL ||
	    memchr(boundary, '\n', blen) != NULL ||
	    memchr(boundary, '\0', blen) != NULL)
		return fail(mp, MP_SYNTAX, "no usable boundary");
	memcpy(mp->delim, "\r\n--", 4);
	memcpy(mp->delim + 4, boundary, blen);
	mp->dlen = blen + 4;
	if (lim->max_field >= SIZE_MAX / 2)
		return fail(mp, MP_NOMEM, "max_field too large");
	if (mp->vcap != lim->max_field + 1) {
		if ((v = realloc(mp->val, lim->max_field + 1)) == NULL)
			return fail(mp, MP_NOMEM, "no memory for a value");
		mp->val = v;
		mp->vcap = lim->max_field + 1;
	}
	return MP_OK;
}

const char *
mp_why(const struct mp *mp)
{
	return mp->why != NULL ? mp->why : "";
}

/*
 * An unnamed temporary file in dir, read and written: O_TMPFILE where the
 * file system has it, so that the store can give the upload a name
 * (files_put()) instead of copying it; else made and unlinked at once.
 * Written through a buffer of 64 KiB: a 1 MiB file in 16 writes, not 256.
 */
static FILE *
tmp_open(const char *dir)
{
	char	 path[PATH_MAX];
	FILE	*fp;
	int	 fd, n;

	if (dir == NULL && (dir = getenv("TMPDIR")) == NULL)
		dir = "/tmp";
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) == -1) {
		n = snprintf(path, sizeof(path), "%s/yw-upload.XXXXXX", dir);
		if (n < 0 || (size_t)n >= sizeof(path) ||
		    (fd = mkstemp(path)) == -1)
			return NULL;
		unlink(path);
	}
	if ((fp = fdopen(fd, "w+b")) == NULL) {
		close(fd);
		return NULL;
	}
	(void)setvbuf(fp, NULL, _IOFBF, 65536);
	return fp;
}

/* n bytes of the current part's content. */
static enum mp_rc
content(struct mp *mp, const char *p, size_t n)
{
	size_t	 keep;

	if (mp->st == S_PRE || n == 0)
		return MP_OK;
	if (!mp->file) {
		/* The first fault in the body decides, however it is cut. */
		keep = mp->lim->max_field - mp->vlen;
		if (memchr(p, '\0', n < keep ? n : keep) != NULL)
			return fail(mp, MP_TEXT, "a NUL in a text part");
		if (n > keep)
			return fail(mp, MP_FIELD, "a text value too long");
		memcpy(mp->val + mp->vlen, p, n);
		mp->vlen += n;
		return MP_OK;
	}
	mp->fsize += n;
	keep = mp->lim->max_file + 1 - mp->fkept;
	if (keep > n)
		keep = n;
	if (keep == 0)
		return MP_OK;
	if (mp->fp == NULL && (mp->fp = mp->sink->open_file != NULL ?
	    mp->sink->open_file(mp->sink->ctx) : tmp_open(mp->tmpdir)) == NULL)
		return fail(mp, MP_IO, "no temporary file");
	if (fwrite(p, 1, keep, mp->fp) != keep)
		return fail(mp, MP_IO, "a temporary file not written");
	mp->fkept += keep;
	return MP_OK;
}

/* A delimiter ended the current part's content: hand the part over. */
static enum mp_rc
part_end(struct mp *mp)
{
	enum mp_rc	 rc;
	size_t		 at;
	FILE		*fp;

	if (!mp->file) {
		if (utf8_check(mp->val, mp->vlen, UTF8_LINES, &at) != UTF8_OK)
			return fail(mp, MP_TEXT, "a text value not UTF-8 text");
		mp->val[mp->vlen] = '\0';
		rc = mp->sink->field(mp->sink->ctx, mp->name, mp->val,
		    mp->vlen);
		return rc == MP_OK ? MP_OK : fail(mp, rc, "refused a field");
	}
	if ((fp = mp->fp) != NULL && (fflush(fp) != 0 || ferror(fp) ||
	    fseek(fp, 0, SEEK_SET) != 0))
		return fail(mp, MP_IO, "a temporary file not written");
	mp->fp = NULL;
	rc = mp->sink->file(mp->sink->ctx, mp->name, mp->filename, mp->ctype,
	    fp, mp->fsize);
	return rc == MP_OK ? MP_OK : fail(mp, rc, "refused a file");
}

static int
is_token(int c)
{
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) ==
	    NULL;
}

/* Copy a parameter's value of n bytes to dst of size sz, once. */
static int
param_set(char *dst, size_t sz, int *seen, const char *v, size_t n)
{
	if (*seen || n >= sz)
		return -1;
	*seen = 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return 0;
}

/*
 * A Content-Disposition value: form-data; name="…"[; filename="…"].
 * Quoted values end at the next '"' (browsers send '"' as %22 and no
 * backslash escapes: WHATWG's multipart/form-data encoding).  Other
 * parameters are ignored.
 */
static enum mp_rc
disposition(struct mp *mp, const char *p)
{
	const char	*k, *v;
	size_t		 kn, vn;
	int		 named = 0, filed = 0;

	if (strncasecmp(p, "form-data", 9) != 0)
		return fail(mp, MP_SYNTAX, "a disposition not form-data");
	for (p += 9;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		if (*p++ != ';')
			return fail(mp, MP_SYNTAX, "a disposition malformed");
		p += strspn(p, " \t");
		for (k = p; is_token((unsigned char)*p); p++)
			;
		kn = (size_t)(p - k);
		p += strspn(p, " \t");
		if (kn == 0 || *p++ != '=')
			return fail(mp, MP_SYNTAX, "a parameter malformed");
		p += strspn(p, " \t");
		if (*p == '"') {
			v = ++p;
			if ((p = strchr(p, '"')) == NULL)
				return fail(mp, MP_SYNTAX, "a quote left open");
			vn = (size_t)(p++ - v);
		} else {
			for (v = p; is_token((unsigned char)*p); p++)
				;
			vn = (size_t)(p - v);
		}
		if (kn == 4 && strncasecmp(k, "name", 4) == 0) {
			if (param_set(mp->name, sizeof(mp->name), &named, v,
			    vn) == -1)
				return fail(mp, MP_SYNTAX, "a name twice or "
				    "too long");
		} else if (kn == 8 && strncasecmp(k, "filename", 8) == 0) {
			if (param_set(mp->filename, sizeof(mp->filename),
			    &filed, v, vn) == -1)
				return fail(mp, MP_SYNTAX, "a filename twice "
				    "or too long");
		}
	}
	if (!named || mp->name[0] == '\0')
		return fail(mp, MP_SYNTAX, "a part without a name");
	if (utf8_check(mp->name, strlen(mp->name), 0, NULL) != UTF8_OK ||
	    utf8_check(mp->filename, strlen(mp->filename), 0, NULL) !=
	    UTF8_OK)
		return fail(mp, MP_TEXT, "a name or filename not text");
	mp->file = filed;
	return MP_OK;
}

/* One header line of a part, without its CRLF, NUL-terminated. */
static enum mp_rc
header_line(struct mp *mp)
{
	char	*p = mp->line, *v, *e;
	size_t	 n;

	for (n = 0; n < mp->llen; n++)
		if (((unsigned char)p[n] < 0x20 && p[n] != '\t') ||
		    p[n] == 0x7f)
			return fail(mp, MP_SYNTAX, "a control character in "
			    "a part's header");
	if (!is_token((unsigned char)*p))
		return fail(mp, MP_SYNTAX, "a header line malformed");
	for (n = 0; is_token((unsigned char)p[n]); n++)
		;
	if (p[n] != ':')
		return fail(mp, MP_SYNTAX, "a header line without a colon");
	v = p + n + 1;
	v += strspn(v, " \t");
	for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t');)
		*--e = '\0';
	if (n == 19 && strncasecmp(p, "content-disposition", 19) == 0) {
		if (mp->disp++)
			return fail(mp, MP_SYNTAX, "two Content-Disposition "
			    "lines in a part");
		return disposition(mp, v);
	}
	if (n == 12 && strncasecmp(p, "content-type", 12) == 0) {
		if (mp->type++)
			return fail(mp, MP_SYNTAX, "two Content-Type lines "
			    "in a part");
		if (strlen(v) >= sizeof(mp->ctype))
			return fail(mp, MP_SYNTAX, "a Content-Type too long");
		strcpy(mp->ctype, v);
	}
	return MP_OK;	/* others are ignored (RFC 7578, 4.8) */
}

static void
head_begin(struct mp *mp)
{
	mp->st = S_HEAD;
	mp->llen = mp->hsize = 0;
	mp->disp = mp->type = mp->file = 0;
	mp->name[0] = mp->filename[0] = mp->ctype[0] = '\0';
}

/* A byte of a part's header. */
static enum mp_rc
head_byte(struct mp *mp, char c)
{
	if (++mp->hsize > MP_HEADER_MAX)
		return fail(mp, MP_SYNTAX, "a part's header too long");
	if (mp->llen > 0 && mp->line[mp->llen - 1] == '\r') {
		if (c != '\n')
			return fail(mp, MP_SYNTAX, "a CR alone in a header");
		mp->line[--mp->llen] = '\0';
		if (mp->llen > 0) {
			if (header_line(mp) != MP_OK)
				return mp->rc;
			mp->llen = 0;
			return MP_OK;
		}
		if (!mp->disp)
			return fail(mp, MP_SYNTAX, "a part without "
			    "Content-Disposition");
		mp->st = S_BODY;
		mp->match = 0;
		mp->vlen = mp->fsize = mp->fkept = 0;
		return MP_OK;
	}
	if (c == '\n')
		return fail(mp, MP_SYNTAX, "a header line ended by LF alone");
	if (mp->llen + 1 >= sizeof(mp->line))
		return fail(mp, MP_SYNTAX, "a header line too long");
	mp->line[mp->llen++] = c;
	return MP_OK;
}

/* A byte after a delimiter: "--" (the last), or padding and CRLF. */
static enum mp_rc
tail_byte(struct mp *mp, char c)
{
	switch (mp->tail) {
	case 0:
		if (c == '-') {
			mp->tail = 1;
			return MP_OK;
		}
		/* FALLTHROUGH */
	case 2:
		if (c == ' ' || c == '\t')
			mp->tail = 2;
		else if (c == '\r')
			mp->tail = 3;
		else
			break;
		return MP_OK;
	case 1:
		if (c != '-')
			break;
		mp->st = S_EPI;
		return MP_OK;
	default:
		if (c != '\n')
			break;
		if (++mp->parts > mp->lim->max_parts)
			return fail(mp, MP_PARTS, "too many parts");
		head_begin(mp);
		return MP_OK;
	}
	return fail(mp, MP_SYNTAX, "a delimiter not followed by CRLF or --");
}

/* Content (or preamble) bytes from p up to e, watching for the
 * delimiter: how many were used (all, or up to a change of state). */
static size_t
data_bytes(struct mp *mp, const char *p, const char *e)
{
	const char	*s = p, *cr;

	while (p < e) {
		if (mp->match == 0) {
			/* The fast way: everything up to a CR is content. */
			if ((cr = memchr(p, '\r', (size_t)(e - p))) == NULL) {
				content(mp, p, (size_t)(e - p));
				return (size_t)(e - s);
			}
			if (content(mp, p, (size_t)(cr - p)) != MP_OK)
				return (size_t)(e - s);
			p = cr;
		}
		if (*p == mp->delim[mp->match]) {
			p++;
			if (++mp->match < mp->dlen)
				continue;
			if (mp->st == S_BODY && part_end(mp) != MP_OK)
				return (size_t)(e - s);
			mp->st = S_TAIL;
			mp->tail = 0;
			return (size_t)(p - s);
		}
		/* What was matched is content after all. */
		if (content(mp, mp->delim, mp->match) != MP_OK)
			return (size_t)(e - s);
		mp->match = 0;
	}
	return (size_t)(e - s);
}

enum mp_rc
mp_feed(struct mp *mp, const char *buf, size_t n)
{
	const char	*p = buf, *e = buf + n;

	int		 over = 0;

	if (mp->st == S_ERR)
		return mp->rc;
	/* What fits is parsed first: a fault in it is the one reported. */
	if (n > mp->lim->max_body - mp->total) {
		e = p + (mp->lim->max_body - mp->total);
		over = 1;
	}
	mp->total += (size_t)(e - p);
	while (p < e && mp->st != S_ERR) {
		switch (mp->st) {
		case S_PRE:
		case S_BODY:
			p += data_bytes(mp, p, e);
			break;
		case S_TAIL:
			tail_byte(mp, *p++);
			break;
		case S_HEAD:
			head_byte(mp, *p++);
			break;
		default:	/* the epilogue, ignored */
			p = e;
			break;
		}
	}
	if (over && mp->st != S_ERR)
		return fail(mp, MP_BODY, "the body too large");
	return mp->st == S_ERR ? mp->rc : MP_OK;
}

enum mp_rc
mp_end(struct mp *mp)
{
	if (mp->st == S_ERR)
		return mp->rc;
	if (mp->st != S_EPI)
		return fail(mp, MP_SYNTAX, "the body ended before its last "
		    "delimiter");
	return MP_OK;
}
