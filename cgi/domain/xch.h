/*
 * xch.h: exchange with other systems (XCH-1; docs/exchange.md).
 *
 * Export: the cases, their events and the warnings of missed deadlines
 * for the provincial supervision system, as JSON lines, incrementally: a
 * watermark says how far an export went, and an export from it gives only
 * what was written after.  Generated cases (history.h) are never exported.
 *
 * Import: cases handled in the departments' own systems, a JSON object a
 * line, each checked as the forms check (xchrow.h) and against the
 * catalogue, each stored in a transaction of its own with the system and
 * number it came from, so that importing a file again changes nothing.
 */
#ifndef YW_XCH_H
#define YW_XCH_H

#include <stdio.h>
#include <time.h>

#include "db.h"

/* "1.<event id>.<warning id>": version 1, the last rows exported. */
#define XCH_WATERMARK_MAX	48

struct xch_export_stats {
	long		 cases, events, warnings;
	char		 watermark[XCH_WATERMARK_MAX];
};

/*
 * Write to out every event and warning after watermark since ("0": from
 * the start) that is at least a minute old at now, and each case they
 * concern as it stands: a header line, the rows, an end line with the new
 * watermark (docs/exchange.md).  DB_NONE with *why when since is not a
 * watermark.
 */
enum db_rc	 xch_export(struct db *, struct pool *, const char *since,
		    time_t now, FILE *out, struct xch_export_stats *,
		    const char **why);

struct xch_import_stats {
	long		 lines, stored, again, refused;
};

/*
 * Import the JSON lines of file path, read from in: each good line's case
 * stored (or found stored from an earlier import), each bad one reported
 * on report as "第 N 行 字段：原因".  actor: who imports (audited).
 */
enum db_rc	 xch_import(struct db *, struct pool *, FILE *in,
		    const char *path, const char *actor, time_t now,
		    FILE *report, struct xch_import_stats *);

#endif
