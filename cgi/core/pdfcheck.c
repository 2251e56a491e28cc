/*
 * pdfcheck.c: the PDF checker of pdfcheck.h, over qpdf's C API
 * (qpdf/qpdf-c.h, qpdf 11 as Debian 12 ships it).
 *
 * The file is opened strictly: no repair of a damaged cross-reference
 * table, and any warning refuses it.  What qpdf can only read by guessing,
 * another viewer may read differently, and a checker that sees another
 * document than the viewer proves nothing.  qpdf then writes it again
 * with every object the cross-reference table lists, referred to or not,
 * whatever its generation number (each is read and must be what the table
 * says), numbered afresh; and the copy is walked: every object once, all
 * that the trailer reaches and every object number even if nothing
 * refers to it, so an object no reference reaches, which a viewer
 * repairing the file could still find, is judged too.  Dictionaries
 * are refused for what they are (the keys and types of active content),
 * actions for their type (an allow-list: go to a page, open a web link,
 * a named page action), wherever they sit.  The walk keeps its own stack
 * (a chain of a million objects needs no recursion) and a step budget.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <qpdf/qpdf-c.h>

#include "pdfcheck.h"

#define SNIFF_LEN	1024		/* what browsers sniff for markup */
#define MAX_OBJECTS	50000		/* object numbers a document may use */
#define MAX_STEPS	1000000UL	/* qpdf calls: under 2 s */

enum ctx {
	CTX_NONE,
	CTX_ACTION,	/* the value of /A, /PA or /Next: an action (or array) */
	CTX_OPEN,	/* /OpenAction: an action, or a destination array */
};

struct walk {
	qpdf_data	 q;
	unsigned char	*seen;		/* one bit per object number */
	size_t		 nobjects;
	struct frame {
		qpdf_oh	 oh;
		int	 id;	/* the object it is in, for the log */
	}		*stack;
	size_t		 n, cap;
	unsigned long	 steps;
	enum pdf_verdict v;
	char		*why;
	size_t		 whylen;
};

static const char *const names[] = {
	"ok", "malformed", "markup", "encrypted", "complex", "script",
	"action", "launch", "embedded", "media", "form",
};

const char *
pdf_verdict_name(enum pdf_verdict v)
{
	if ((size_t)v >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[v];
}

/* The first refusal wins; later ones are not worth a word. */
static void
refuse(struct walk *w, enum pdf_verdict v, const char *fmt, ...)
{
	va_list	 ap;

	if (w->v != PDF_OK)
		return;
	w->v = v;
	if (w->why != NULL && w->whylen > 0) {
		va_start(ap, fmt);
		vsnprintf(w->why, w->whylen, fmt, ap);
		va_end(ap);
	}
}

static int
budget(struct walk *w)
{
	if (++w->steps <= MAX_STEPS)
		return 1;
	refuse(w, PDF_COMPLEX, "more than %lu steps", MAX_STEPS);
	return 0;
}

/* Keys whose mere presence is active content. */
static const struct {
	const char	*key;
	enum pdf_verdict v;
} bad_keys[] = {
	{ "/JS", PDF_SCRIPT },			/* JavaScript action's code */
	{ "/JavaScript", PDF_SCRIPT },		/* the names tree of scripts */
	{ "/AA", PDF_ACTION },			/* additional (automatic) actions */
	{ "/EmbeddedFiles", PDF_EMBEDDED },	/* names tree of attachments */
	{ "/EF", PDF_EMBEDDED },		/* a file spec's embedded file */
	{ "/RelatedFiles", PDF_EMBEDDED },
	{ "/XFA", PDF_FORM },			/* XML forms, with scripts */
	{ "/RichMediaContent", PDF_MEDIA },
	{ "/RichMediaSettings", PDF_MEDIA },
};

/* Values of /Type and /Subtype that are active content. */
static const struct {
	const char	*name;
	enum pdf_verdict v;
} bad_types[] = {
	{ "/EmbeddedFile", PDF_EMBEDDED },
	{ "/FileAttachment", PDF_EMBEDDED },
	{ "/RichMedia", PDF_MEDIA },
	{ "/3D", PDF_MEDIA },
	{ "/Screen", PDF_MEDIA },
	{ "/Movie", PDF_MEDIA },
	{ "/Sound", PDF_MEDIA },
};

/* Action types (/S of an action): the allowed ones map to PDF_OK. */
static const struct {
	const char	*name;
	enum pdf_verdict v;
} actions[] = {
	{ "/GoTo", PDF_OK },		/* a page of this document */
	{ "/URI", PDF_OK },		/* a web link: its scheme is checked */
	{ "/Named", PDF_OK },		/* next page, previous page, … */
	{ "/Thread", PDF_OK },
	{ "/SetOCGState", PDF_OK },
	{ "/Trans", PDF_OK },
	{ "/Hide", PDF_OK },
	{ "/ResetForm", PDF_OK },
	{ "/JavaScript", PDF_SCRIPT },
	{ "/Launch", PDF_LAUNCH },
	{ "/GoToR", PDF_LAUNCH },
	{ "/GoToE", PDF_EMBEDDED },
	{ "/SubmitForm", PDF_FORM },
	{ "/ImportData", PDF_FORM },
	{ "/RichMediaExecute", PDF_MEDIA },
	{ "/Rendition", PDF_MEDIA },
	{ "/Movie", PDF_MEDIA },
	{ "/Sound", PDF_MEDIA },
	{ "/GoTo3DView", PDF_MEDIA },
};

/* URI schemes that run code or open local files, whatever the viewer. */
static const struct {
	const char	*scheme;
	enum pdf_verdict v;
} bad_schemes[] = {
	{ "javascript:", PDF_SCRIPT },
	{ "vbscript:", PDF_SCRIPT },
	{ "data:", PDF_SCRIPT },
	{ "file:", PDF_LAUNCH },
};

static void
check_uri(struct walk *w, qpdf_oh act, int id)
{
	qpdf_oh		 u;
	const char	*s;
	size_t		 i, len = 0;

	u = qpdf_oh_get_key(w->q, act, "/URI");
	if (qpdf_oh_is_string(w->q, u) &&
	    (s = qpdf_oh_get_binary_string_value(w->q, u, &len)) != NULL) {
		/* Viewers skip leading blanks and controls. */
		while (len > 0 && (unsigned char)*s <= ' ') {
			s++;
			len--;
		}
		for (i = 0; i < sizeof(bad_schemes) / sizeof(bad_schemes[0]);
		    i++)
			if (len >= strlen(bad_schemes[i].scheme) &&
			    strncasecmp(s, bad_schemes[i].scheme,
			    strlen(bad_schemes[i].scheme)) == 0)
				refuse(w, bad_schemes[i].v, "a %s link in "
				    "object %d", bad_schemes[i].scheme, id);
	}
	qpdf_oh_release(w->q, u);
}

/* act is a dictionary used as an action: is its type allowed? */
static void
check_action(struct walk *w, qpdf_oh act, int id)
{
	qpdf_oh		 s;
	const char	*name;
	size_t		 i;

	if (!budget(w))
		return;
	s = qpdf_oh_get_key(w->q, act, "/S");
	if (!qpdf_oh_is_name(w->q, s)) {
		/* An action without a type: viewers differ, so refuse. */
		refuse(w, PDF_ACTION, "an action without /S in object %d", id);
		qpdf_oh_release(w->q, s);
		return;
	}
	name = qpdf_oh_get_name(w->q, s);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(name, actions[i].name) == 0)
			break;
	if (i == sizeof(actions) / sizeof(actions[0]))
		refuse(w, PDF_ACTION, "an action of type %.40s in object %d",
		    name, id);
	else if (actions[i].v != PDF_OK)
		refuse(w, actions[i].v, "an action of type %s in object %d",
		    actions[i].name, id);
	else if (strcmp(name, "/URI") == 0)
		check_uri(w, act, id);
	qpdf_oh_release(w->q, s);
}

/* Mark object number id as seen: 1 the first time, 0 after, -1 if out of
 * range (refused). */
static int
mark(struct walk *w, int id)
{
	if (id <= 0 || (size_t)id >= w->nobjects) {
		refuse(w, PDF_MALFORMED, "object number %d out of range", id);
		return -1;
	}
	if (w->seen[id / 8] & (1u << (id % 8)))
		return 0;
	w->seen[id / 8] |= 1u << (id % 8);
	return 1;
}

static void
push(struct walk *w, qpdf_oh oh, int id)
{
	struct frame	*ns;

	if (w->n == w->cap) {
		if ((ns = realloc(w->stack, (w->cap ? w->cap * 2 : 256) *
		    sizeof(*ns))) == NULL) {
			refuse(w, PDF_COMPLEX, "out of memory");
			qpdf_oh_release(w->q, oh);
			return;
		}
		w->cap = w->cap ? w->cap * 2 : 256;
		w->stack = ns;
	}
	w->stack[w->n].oh = oh;
	w->stack[w->n++].id = id;
}

/*
 * A value found inside the object numbered id, under a key of context
 * ctx.  An action is judged here, where its context is known, even when
 * the object was seen before in another role; then the value is walked
 * once, if it can hold anything.
 */
static void
child(struct walk *w, qpdf_oh oh, enum ctx ctx, int id)
{
	qpdf_oh	 e;
	int	 oid, i, n, isdict, isarray;

	if (!budget(w)) {
		qpdf_oh_release(w->q, oh);
		return;
	}
	isdict = qpdf_oh_is_dictionary(w->q, oh);
	isarray = qpdf_oh_is_array(w->q, oh);
	if (ctx != CTX_NONE && isdict)
		check_action(w, oh, id);
	else if (ctx == CTX_ACTION && isarray) {
		/* /Next may list several actions. */
		n = qpdf_oh_get_array_n_items(w->q, oh);
		for (i = 0; i < n && budget(w); i++) {
			e = qpdf_oh_get_array_item(w->q, oh, i);
			if (qpdf_oh_is_dictionary(w->q, e))
				check_action(w, e, id);
			qpdf_oh_release(w->q, e);
		}
	}
	if ((oid = qpdf_oh_get_object_id(w->q, oh)) > 0 &&
	    mark(w, oid) != 1) {
		qpdf_oh_release(w->q, oh);
		return;
	}
	if (isdict || isarray || qpdf_oh_is_stream(w->q, oh))
		push(w, oh, oid > 0 ? oid : id);
	else
		qpdf_oh_release(w->q, oh);
}

static void
visit_dict(struct walk *w, qpdf_oh d, int id)
{
	const char	*k;
	qpdf_oh		 t, v;
	size_t		 i;
	enum ctx	 ctx;

	t = qpdf_oh_get_key(w->q, d, "/Type");
	if (qpdf_oh_is_name_and_equals(w->q, t, "/Action"))
		check_action(w, d, id);
	qpdf_oh_release(w->q, t);
	qpdf_oh_begin_dict_key_iter(w->q, d);
	while (w->v == PDF_OK && qpdf_oh_dict_more_keys(w->q) && budget(w)) {
		k = qpdf_oh_dict_next_key(w->q);
		for (i = 0; i < sizeof(bad_keys) / sizeof(bad_keys[0]); i++)
			if (strcmp(k, bad_keys[i].key) == 0)
				refuse(w, bad_keys[i].v, "key %s in object %d",
				    k, id);
		v = qpdf_oh_get_key(w->q, d, k);
		if (strcmp(k, "/Type") == 0 || strcmp(k, "/Subtype") == 0)
			for (i = 0; i < sizeof(bad_types) /
			    sizeof(bad_types[0]); i++)
				if (qpdf_oh_is_name_and_equals(w->q, v,
				    bad_types[i].name))
					refuse(w, bad_types[i].v, "%s %s in "
					    "object %d", k, bad_types[i].name,
					    id);
		if (strcmp(k, "/A") == 0 || strcmp(k, "/PA") == 0 ||
		    strcmp(k, "/Next") == 0)
			ctx = CTX_ACTION;
		else if (strcmp(k, "/OpenAction") == 0)
			ctx = CTX_OPEN;
		else
			ctx = CTX_NONE;
		child(w, v, ctx, id);
	}
}

/* Walk everything reachable from the handles on the stack. */
static void
drain(struct walk *w)
{
	qpdf_oh	 oh, d;
	int	 id, i, n;

	while (w->n > 0 && w->v == PDF_OK) {
		w->n--;
		oh = w->stack[w->n].oh;
		id = w->stack[w->n].id;
		if (qpdf_oh_is_stream(w->q, oh)) {
			d = qpdf_oh_get_dict(w->q, oh);
			visit_dict(w, d, id);
			qpdf_oh_release(w->q, d);
		} else if (qpdf_oh_is_dictionary(w->q, oh))
			visit_dict(w, oh, id);
		else if (qpdf_oh_is_array(w->q, oh)) {
			n = qpdf_oh_get_array_n_items(w->q, oh);
			for (i = 0; i < n && w->v == PDF_OK && budget(w); i++)
				child(w, qpdf_oh_get_array_item(w->q, oh, i),
				    CTX_NONE, id);
		}
		qpdf_oh_release(w->q, oh);
		/* A damaged object found on the way ends the walk. */
		if (qpdf_has_error(w->q))
			refuse(w, PDF_MALFORMED, "qpdf error in object %d", id);
	}
}

/* HTML a browser would sniff in the first KiB: a polyglot. */
static int
has_markup(const unsigned char *p, size_t len)
{
	static const char *const tags[] = {
		"<html", "<head", "<body", "<script", "<iframe", "<!doctype",
		"<svg", "<img", "<title", "<meta", "<object", "<embed",
		"<?xml-stylesheet",
	};
	size_t	 i, j, tl;

	if (len > SNIFF_LEN)
		len = SNIFF_LEN;
	for (i = 0; i < len; i++) {
		if (p[i] != '<')
			continue;
		for (j = 0; j < sizeof(tags) / sizeof(tags[0]); j++) {
			tl = strlen(tags[j]);
			if (len - i >= tl && strncasecmp((const char *)p + i,
			    tags[j], tl) == 0)
				return 1;
		}
	}
	return 0;
}

/* The first warning's text, into why; 1 if there was one. */
static int
warned(struct walk *w)
{
	qpdf_error	 e;
	const char	*t;
	int		 any = 0;

	while (qpdf_more_warnings(w->q)) {
		e = qpdf_next_warning(w->q);
		if (!any && e != NULL) {
			t = qpdf_get_error_message_detail(w->q, e);
			refuse(w, PDF_MALFORMED, "qpdf warning: %.200s",
			    t ? t : "");
		}
		any = 1;
	}
	return any;
}

/* A strict reader of len bytes at buf (w->q); refused unless it reads
 * them without error or warning.  The caller cleans it up. */
static qpdf_data
open_strict(struct walk *w, const char *what, const void *buf, size_t len)
{
	qpdf_data	 q;
	qpdf_error	 e;

	q = qpdf_init();	/* never NULL: new, which throws */
	w->q = q;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	if (qpdf_read_memory(q, what, buf, len, "") & QPDF_ERRORS) {
		e = qpdf_get_error(q);
		if (e != NULL && qpdf_get_error_code(q, e) == qpdf_e_password)
			refuse(w, PDF_ENCRYPTED, "needs a password");
		else
			refuse(w, PDF_MALFORMED, "qpdf: %.200s", e ?
			    qpdf_get_error_message_detail(q, e) : "");
		return q;
	}
	(void)warned(w);
	return q;
}

/* Refuse a pending error (and consume it, or qpdf_cleanup() prints). */
static void
errored(struct walk *w)
{
	qpdf_error	 e;

	if (w->q != NULL && qpdf_has_error(w->q)) {
		e = qpdf_get_error(w->q);
		refuse(w, PDF_MALFORMED, "qpdf: %.200s", e ?
		    qpdf_get_error_message_detail(w->q, e) : "");
	}
}

/* The trailer's /Size: object numbers are below it. */
static long long
objects(struct walk *w)
{
	qpdf_oh		 trailer, size;
	long long	 n;

	trailer = qpdf_get_trailer(w->q);
	size = qpdf_oh_get_key(w->q, trailer, "/Size");
	n = qpdf_oh_is_integer(w->q, size) ? qpdf_oh_get_int_value(w->q,
	    size) : -1;
	qpdf_oh_release(w->q, size);
	qpdf_oh_release(w->q, trailer);
	if (n < 1 || n > MAX_OBJECTS)
		refuse(w, n < 1 ? PDF_MALFORMED : PDF_COMPLEX,
		    "trailer /Size %lld", n);
	return n;
}

/*
 * Write the document read by w->q again, all objects kept, streams as
 * they are, no encryption; returns qpdf's copy (valid until cleanup), or
 * NULL after a refusal.
 */
static const char *
rewrite(struct walk *w, size_t *len)
{
	if (qpdf_init_write_memory(w->q) & QPDF_ERRORS) {
		errored(w);
		return NULL;
	}
	qpdf_set_preserve_unreferenced_objects(w->q, QPDF_TRUE);
	qpdf_set_stream_data_mode(w->q, qpdf_s_preserve);
	qpdf_set_decode_level(w->q, qpdf_dl_none);
	qpdf_set_object_stream_mode(w->q, qpdf_o_disable);
	qpdf_set_preserve_encryption(w->q, QPDF_FALSE);
	if ((qpdf_write(w->q) & QPDF_ERRORS) || warned(w)) {
		errored(w);
		refuse(w, PDF_MALFORMED, "cannot be written again");
		return NULL;
	}
	*len = qpdf_get_buffer_length(w->q);
	return (const char *)qpdf_get_buffer(w->q);
}

/* Walk every object of the copy read by w->q. */
static void
walk_all(struct walk *w)
{
	long long	 n;
	int		 id;

	if ((n = objects(w)) < 1 || n > MAX_OBJECTS)
		return;
	w->nobjects = (size_t)n;
	if ((w->seen = calloc((w->nobjects + 7) / 8, 1)) == NULL) {
		refuse(w, PDF_COMPLEX, "out of memory");
		return;
	}
	push(w, qpdf_get_trailer(w->q), 0);
	drain(w);
	/* Objects listed but not referred to: a viewer may still find them. */
	for (id = 1; (size_t)id < w->nobjects && w->v == PDF_OK; id++) {
		if ((w->seen[id / 8] & (1u << (id % 8))) || !budget(w))
			continue;
		child(w, qpdf_get_object_by_id(w->q, id, 0), CTX_NONE, id);
		drain(w);
	}
	if (w->v == PDF_OK && qpdf_get_num_pages(w->q) < 1)
		refuse(w, PDF_MALFORMED, "no page");
	errored(w);
	(void)warned(w);
}

enum pdf_verdict
pdf_check(const void *buf, size_t len, char *why, size_t whylen)
{
	struct walk	 w;
	qpdf_data	 orig, copy = NULL;
	const char	*again;
	size_t		 againlen = 0;

	memset(&w, 0, sizeof(w));
	w.why = why;
	w.whylen = whylen;
	if (why != NULL && whylen > 0)
		why[0] = '\0';
	if (len < 5 || memcmp(buf, "%PDF-", 5) != 0) {
		refuse(&w, PDF_MALFORMED, "no %%PDF- at byte 0");
		return w.v;
	}
	if (has_markup(buf, len)) {
		refuse(&w, PDF_MARKUP, "markup in the first %d bytes",
		    SNIFF_LEN);
		return w.v;
	}
	orig = open_strict(&w, "upload", buf, len);
	if (w.v == PDF_OK && objects(&w) > 0 && w.v == PDF_OK &&
	    (again = rewrite(&w, &againlen)) != NULL) {
		copy = open_strict(&w, "copy", again, againlen);
		if (w.v == PDF_OK)
			walk_all(&w);
	}
	if (copy != NULL) {
		errored(&w);
		qpdf_cleanup(&copy);
	}
	w.q = orig;
	errored(&w);
	qpdf_cleanup(&orig);
	free(w.stack);
	free(w.seen);
	return w.v;
}

int
pdf_pages(const void *buf, size_t len)
{
	qpdf_data	 q;
	int		 n = -1;

	q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (!(qpdf_read_memory(q, "upload", buf, len, "") & QPDF_ERRORS))
		n = qpdf_get_num_pages(q);
	/* Consume what is pending, or qpdf_cleanup() prints it. */
	while (qpdf_more_warnings(q))
		(void)qpdf_next_warning(q);
	if (qpdf_has_error(q))
		(void)qpdf_get_error(q);
	qpdf_cleanup(&q);
	return n < 0 ? -1 : n;
}
