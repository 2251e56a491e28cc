/*
 * lifeevent.h: 一件事一次办 (EXT-12; issue #11, docs/event.md).  A life
 * event (开办餐馆, 新生儿出生…) names items of several departments; the
 * catalogue staff keep it on the intranet, a new version per change,
 * published by a second person and carried to the extranet as an "event"
 * record.  An applicant's submission for it is a bundle (YJ…): one
 * application per item, each its department's case on the intranet.
 * Owns life_event, life_event_item, app_bundle and case_bundle
 * (db/271_life_event.sql).
 */
#ifndef YW_LIFEEVENT_H
#define YW_LIFEEVENT_H

#include <jansson.h>

#include "application.h"
#include "db.h"

#define EVENT_ITEMS_MIN	2
#define EVENT_ITEMS_MAX	8
#define EVENT_NAME_MAX	30	/* characters */
#define EVENT_INTRO_MAX	200	/* characters */

struct life_event {
	int64_t		 id;
	char		*code, *name, *intro, *status;
	int		 version;
	char		*created_by, *created_at, *published_by, *published_at;
	char		**items;	/* item codes, in order */
	size_t		 nitems;
};

/* Version `version` of event code (0: the published one), with its
 * items.  DB_NONE when there is none. */
enum db_rc	 event_get(struct db *, struct pool *, const char *code,
		    int version, struct life_event *);
/* The published events' code, name, intro and nitems (items NULL), in
 * one statement: the home page's. */
enum db_rc	 event_list_brief(struct db *, struct pool *,
		    struct life_event **, size_t *);
/* Every event's latest version (published_only: its published one). */
enum db_rc	 event_list(struct db *, struct pool *, int published_only,
		    struct life_event **, size_t *);
/*
 * A new draft version of event code (a new event when there is none):
 * name, intro and the item codes, each published here and applied for
 * online (办理深度 A or B, not secret), 2 to EVENT_ITEMS_MAX, none twice.
 * Sets *version; DB_NONE with *why when refused.  Audited.
 */
enum db_rc	 event_save(struct db *, struct pool *, const char *code,
		    const char *name, const char *intro, char **items,
		    size_t nitems, const char *actor, int *version,
		    const char **why);
/*
 * Publish draft `version` of code by actor, who must not be its author
 * (a second person, as for items): the version before it is retired,
 * and the "event" record queued for the extranet.  DB_NONE with *why.
 */
enum db_rc	 event_publish(struct db *, struct pool *, const char *code,
		    int version, const char *actor, const char **why);
/* The "event" record's apply (extranet): the version as published,
 * its items published here.  DB_NONE with err when it cannot be. */
enum db_rc	 event_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/* What an application of a bundle says of it (its "bundle" object). */
struct bundle_ref {
	const char	*no, *event_code, *event_name;
	int		 event_version;
	char		**items;
	size_t		 nitems;
	int64_t		 enterprise_id;	/* the enterprise it is made for,
					 * 0: the person themself (ACC-1) */
	const char	*entity_name;
};
/* The bundle object of an application record. */
json_t		*bundle_ref_json(const struct bundle_ref *);

/* The applicant's view of a bundle (extranet). */
struct app_bundle {
	char		*bundle_no, *event_code, *event_name, *submitted_at;
	int		 event_version;
	int64_t		 citizen_id;
	int64_t		 enterprise_id;	/* 0: the person's own */
	char		*entity_name;
	struct application *apps;
	size_t		 napps;
	/* The overall state: 办理中 until every case is decided, 已办结
	 * when all are; ncorrect of them asking for 补正. */
	const char	*state_label;
	int		 open, ncorrect;
};
enum db_rc	 bundle_get(struct db *, struct pool *, const char *no,
		    struct app_bundle *);
/* The citizen's bundles, newest first (without their applications'
 * attachments). */
enum db_rc	 bundle_list(struct db *, struct pool *, int64_t citizen,
		    struct app_bundle **, size_t *);
/* An enterprise's bundles (ACC-1), likewise. */
enum db_rc	 bundle_list_enterprise(struct db *, struct pool *,
		    int64_t enterprise, struct app_bundle **, size_t *);
/* Store the bundle row of a submission (in its transaction). */
enum db_rc	 bundle_add(struct db *, const struct bundle_ref *,
		    int64_t citizen, const char *now);

/* Intranet: the case of app_no belongs to bundle *no of event *name
 * (DB_NONE: to none), and its siblings' app_no, item names and
 * departments. */
struct bundle_case {
	char		*app_no, *item_name, *dept_code, *dept_name, *state;
	int64_t		 case_id;
};
enum db_rc	 bundle_of_case(struct db *, struct pool *,
		    const char *app_no, char **no, char **event_name,
		    struct bundle_case **, size_t *);
/* Keep the bundle an imported application record names (intranet). */
enum db_rc	 bundle_case_add(struct db *, const char *app_no,
		    json_t *bundle);

#endif
