/*
 * application.h: applications on the extranet (EXT-1..3): submission with
 * attachments, the applicant's list, and the status, timeline and
 * documents that come back from the intranet.
 */
#ifndef YW_APPLICATION_H
#define YW_APPLICATION_H

#include <jansson.h>

#include "catalog.h"
#include "db.h"
#include "request.h"

struct attachment {
	int		 material_seq;
	char		*material_name;
	char		*file_name;
	char		 sha256[65];
	int64_t		 size;
	char		*mime;
};

struct app_event {
	int		 seq;
	char		*at, *label, *actor, *note;
};

struct doc {
	char		*app_no, *kind, *doc_no, *title, *body, *issued_at;
	char		*issued_by;
};

struct application {
	int64_t		 id;
	char		*app_no, *item_code, *item_name, *applicant_name;
	char		*id_number, *mobile, *remark, *state, *state_label;
	char		*submitted_at, *updated_at;
	int		 item_version;
	int64_t		 citizen_id;
	struct attachment *atts;
	size_t		 natts;
	struct app_event *events;
	size_t		 nevents;
	struct doc	*docs;
	size_t		 ndocs;
};

/*
 * Submit an application for item by user with the stored attachments:
 * numbers it, stores it, its attachments, its first timeline entry and its
 * outbox record, in one transaction.  Sets *app_no.
 */
enum db_rc	 app_submit(struct db *, struct pool *, const struct item *,
		    const struct user *, const char *mobile, const char *remark,
		    const struct attachment *, size_t natts, char **app_no);
/* Load one application with its attachments, events and documents. */
enum db_rc	 app_get(struct db *, struct pool *, const char *app_no,
		    struct application *);
/* Outcome of a query without login (EXT-3, F5). */
enum query_rc {
	QUERY_FOUND,		/* the number and the ID number match */
	QUERY_MISS,		/* unknown number, wrong ID number: alike */
	QUERY_NUMBER_BUSY,	/* the number or ID number missed too often */
	QUERY_ADDR_BUSY,	/* this address missed too often */
	QUERY_ERR,		/* database error, logged */
};
/*
 * Load application app_no if idno is its applicant's ID number.  Both
 * are compared in one query, and a miss loads nothing more, so an
 * unknown number and a wrong ID number take the same time.  Misses are
 * counted per number, per ID number and per address (addr): past their
 * limits the answer is a BUSY one, the same for any number.
 */
enum query_rc	 app_query(struct db *, struct pool *, const char *app_no,
		    const char *idno, const char *addr, struct application *);
/* The applications of a citizen, newest first (no parts loaded). */
enum db_rc	 app_list(struct db *, struct pool *, int64_t citizen_id,
		    struct application **, size_t *);
/* A case event sent back by the intranet.  Inside the import's
 * transaction; an event seen before changes nothing. */
enum db_rc	 app_import_event(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/* Documents are stored the same way on both sites. */
enum db_rc	 doc_get(struct db *, struct pool *, const char *doc_no,
		    struct doc *);
enum db_rc	 doc_list(struct db *, struct pool *, const char *app_no,
		    struct doc **, size_t *);
enum db_rc	 doc_add(struct db *, const struct doc *);
enum db_rc	 attachment_list(struct db *, struct pool *, const char *app_no,
		    struct attachment **, size_t *);
enum db_rc	 attachment_add(struct db *, const char *app_no,
		    const struct attachment *);

#endif
