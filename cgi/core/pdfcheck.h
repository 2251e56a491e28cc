/*
 * pdfcheck.h: is an uploaded file a well-formed PDF without active
 * content (SEC-4, GAP-3)?  Judged by qpdf's parser (its C API), never by
 * searching the bytes: a name written /J#61vaScript or an action hidden
 * in a compressed object stream is seen as what a viewer sees.
 */
#ifndef YW_PDFCHECK_H
#define YW_PDFCHECK_H

#include <stddef.h>

enum pdf_verdict {
	PDF_OK = 0,
	PDF_MALFORMED,	/* no %PDF- at byte 0, damaged, no page, ambiguous */
	PDF_MARKUP,	/* HTML or SVG in the first KiB a browser sniffs */
	PDF_ENCRYPTED,	/* needs a password to open */
	PDF_COMPLEX,	/* more objects than we are willing to walk */
	PDF_SCRIPT,	/* JavaScript, or a javascript: link */
	PDF_ACTION,	/* actions run on opening, viewing or by a field */
	PDF_LAUNCH,	/* starts a program or opens another file */
	PDF_EMBEDDED,	/* embedded files, file attachment annotations */
	PDF_MEDIA,	/* RichMedia, 3D, sound, movie, screen */
	PDF_FORM,	/* XFA, or a form that submits or imports data */
};

/*
 * Judge the len bytes at buf.  On a refusal, why (if not NULL) gets a
 * short English detail for the operator's log, e.g. "/S /JavaScript in
 * object 7".  Never writes to standard error.
 */
enum pdf_verdict pdf_check(const void *buf, size_t len, char *why,
		    size_t whylen);
/* The number of pages of the PDF in buf (a file judged already), or -1
 * when it does not read.  Never writes to standard error. */
int		 pdf_pages(const void *buf, size_t len);
/* "ok", "malformed", "script", …: for logs and tests. */
const char	*pdf_verdict_name(enum pdf_verdict);

#endif
