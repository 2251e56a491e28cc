/*
 * httpc.h: the smallest HTTP client: one GET over plain HTTP/1.0, for the
 * SMS gateway's sendsms interface (NTF-1), which listens on the
 * extranet's own machine or the operator's private line.
 */
#ifndef YW_HTTPC_H
#define YW_HTTPC_H

#include <stddef.h>

#include "arena.h"

/*
 * GET url ("http://host[:port]/path"; url already holds its query,
 * escaped), waiting at most timeout seconds for each step.  Returns the
 * status (200, 202, 403...) with *body its first bytes (at most 4 KiB),
 * or -1 when the URL is not http:// or nothing answered, with *why in
 * plain words.
 */
int	 httpc_get(struct pool *, const char *url, int timeout, char **body,
	    const char **why);
/* Append s to the query being built in b (of size n), %-escaped. */
void	 httpc_escape(char *b, size_t n, const char *s);

#endif
