/*
 * catalog.h: service items and their versions (CAT-1, CAT-4), with the
 * materials list and the procedure steps (FLOW-1).  Items are written on
 * the intranet; published versions are copied to the extranet by bundle.
 */
#ifndef YW_CATALOG_H
#define YW_CATALOG_H

#include <jansson.h>

#include "db.h"

struct material {
	int		 seq;
	char		*name;
	char		*original;	/* 原件, 复印件, 原件及复印件 */
	int		 copies;
	int		 required;
	char		*types;		/* accepted types, e.g. "pdf" */
	char		*note;
};

struct step {
	int		 seq;
	char		*name;
	unsigned	 role;
	int		 days;
};

struct item {
	int64_t		 id;
	char		*code;
	int		 version;
	char		*status;
	char		*name, *kind, *dept_code, *dept_name, *level;
	char		*basis, *conditions, *fee, *place, *hours;
	char		*phone, *complaint_phone, *depth, *published_at;
	int		 statutory_days, promised_days, instant, visits;
	struct material	*materials;
	size_t		 nmaterials;
	struct step	*steps;
	size_t		 nsteps;
};

/*
 * Store a new version of the item described by obj (the JSON form of
 * docs/catalog.md).  On the intranet the version is the next free one and
 * the status "draft"; from a bundle (status and version given) it is kept
 * as sent.  Sets *id.  DB_DUP when that version exists; DB_ERR with a
 * message in err when obj is incomplete.
 */
enum db_rc	 catalog_store(struct db *, struct pool *, json_t *obj,
		    int from_bundle, int64_t *id, char *err, size_t errlen);
/* Store a published version that came in a bundle (extranet), retiring
 * the version it replaces.  Inside the import's transaction. */
enum db_rc	 catalog_import(struct db *, struct pool *, json_t *obj,
		    char *err, size_t errlen);
/* Publish version `version` of code: retire the one before and queue the
 * item for the extranet.  One transaction. */
enum db_rc	 catalog_publish(struct db *, struct pool *, const char *code,
		    int version, const char *actor);
/* The item as it travels (JSON object; caller decrefs). */
json_t		*catalog_json(const struct item *);

enum db_rc	 catalog_published(struct db *, struct pool *, const char *code,
		    struct item *);
enum db_rc	 catalog_by_id(struct db *, struct pool *, int64_t id,
		    struct item *);
/* All published items, by department and code. */
enum db_rc	 catalog_list(struct db *, struct pool *, struct item **,
		    size_t *);

/* Labels for people. */
const char	*catalog_depth_label(const char *depth);

#endif
