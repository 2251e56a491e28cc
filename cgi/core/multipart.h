/*
 * multipart.h: a streaming multipart/form-data parser (RFC 7578, SEC-4,
 * issue #12).  The body is fed in pieces of any size as it arrives; each
 * file part goes straight to an unlinked temporary file, each text part
 * to a buffer of at most max_field bytes, so memory does not grow with
 * the body.  It replaces ClearSilver 0.10.5's rfc2388.c (registered
 * with cgi_register_parse_cb() by request.c), whose defects are listed
 * in docs/fuzzing.md.
 */
#ifndef YW_MULTIPART_H
#define YW_MULTIPART_H

#include <stddef.h>
#include <stdio.h>

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */
#define MP_LINE_MAX	4096	/* one header line of a part */
#define MP_HEADER_MAX	8192	/* all header lines of one part */
#define MP_NAME_MAX	256	/* a field's name */
#define MP_FILENAME_MAX	1024	/* a file's name as the browser sent it */

enum mp_rc {
	MP_OK = 0,
	MP_SYNTAX,	/* not multipart/form-data as browsers send it */
	MP_TEXT,	/* a NUL or bad UTF-8 in a name, value or filename */
	MP_PARTS,	/* more parts than max_parts */
	MP_FIELD,	/* a text value longer than max_field */
	MP_BODY,	/* more than max_body bytes */
	MP_NOMEM,	/* memory ran short */
	MP_IO		/* a temporary file could not be written */
};

struct mp_limits {
	size_t		 max_body;	/* bytes of the whole body */
	size_t		 max_parts;	/* parts, text and file */
	size_t		 max_field;	/* bytes of one text value */
	size_t		 max_file;	/* bytes of one file kept; more is
					 * counted, not stored (below) */
};

/*
 * What the parser hands over, each when its part has ended.  A text
 * value is NUL-terminated (and holds no NUL).  A file's stream is
 * rewound and becomes the callee's (to fclose), also when it fails; a
 * part with a filename but no content has fp NULL.  size is the bytes
 * the client sent: when more than max_file, only max_file + 1 are in
 * the file, so the page can say it is too big and keep the rest of the
 * form.  A callback returns 0, or an mp_rc to stop the parse with.
 * open_file, when not NULL, makes the stream a file's content goes to
 * (tests, the fuzzer); NULL: an unlinked temporary file in tmpdir.
 */
struct mp_sink {
	void		*ctx;
	enum mp_rc	(*field)(void *ctx, const char *name,
			    const char *value, size_t len);
	enum mp_rc	(*file)(void *ctx, const char *name,
			    const char *filename, const char *ctype,
			    FILE *fp, size_t size);
	FILE		*(*open_file)(void *ctx);
};

struct mp;

/* A parser for one process, kept from request to request; NULL when
 * memory is short.  mp_free() closes what a stopped parse left open. */
struct mp	*mp_new(void);
void		 mp_free(struct mp *);

/*
 * Begin a body whose delimiter is "--" boundary (1 to MP_BOUNDARY_MAX
 * characters, not containing CR or LF); temporary files go in tmpdir
 * (NULL: $TMPDIR or /tmp).  The pointers must last until mp_end().
 */
enum mp_rc	 mp_begin(struct mp *, const char *boundary, size_t blen,
		    const struct mp_limits *, const struct mp_sink *,
		    const char *tmpdir);
/* The next n bytes of the body; after an error, the same error. */
enum mp_rc	 mp_feed(struct mp *, const char *buf, size_t n);
/* The body has ended: MP_OK when the final delimiter was seen.  Closes
 * any file of a part left unfinished. */
enum mp_rc	 mp_end(struct mp *);
/* Where the parse stopped, for the log: what went wrong, in English. */
const char	*mp_why(const struct mp *);

#endif
