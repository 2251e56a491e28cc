/*
 * alert.h: security alerts (SEC-3, SEC-4, GAP-3, GAP-4): something a
 * security administrator must look at, such as a bundle signed with the
 * peer's key whose records are forged.  An alert is a row of
 * security_alert, an audit row and a log line; it stays when the work
 * that raised it is rolled back.
 */
#ifndef YW_ALERT_H
#define YW_ALERT_H

#include <stdint.h>

#include <jansson.h>

#include "db.h"

struct alert {
	int64_t		 id;
	char		*at;		/* Beijing time, "YYYY-MM-DD HH:MM" */
	char		*kind;		/* gap.record, gap.epoch, … */
	char		*object;	/* what it is about: ext2int/1/7 */
	char		*message;	/* Chinese, for people */
};

/*
 * Raise an alert of kind (e.g. "gap.record") about object, in a
 * transaction of its own: call it outside any other (after a rollback).
 * The log line is written even when the database cannot be.
 */
enum db_rc	 alert_raise(struct db *, struct pool *, const char *kind,
		    const char *object, const char *message);
/*
 * The same inside the caller's transaction, for what stays only if that
 * work commits: a notice of lower severity than a security alert, such as
 * a record set aside (gap.aside, GAP-5); logged as information.
 */
enum db_rc	 alert_add(struct db *, struct pool *, const char *kind,
		    const char *object, const char *message);
/*
 * The same for a bundle of the other site the gap refused (GAP-6): the
 * alert, and in its transaction a gap.alert record queued for the other
 * site (kind, object, message, and the operator who carried it), so that
 * its status page shows it too.
 */
enum db_rc	 alert_raise_peer(struct db *, struct pool *, const char *kind,
		    const char *object, const char *message,
		    const char *operator);
/*
 * Apply a gap.alert record of the other site (gap.c's table of kinds): a
 * notice gap.alert.peer about this site's bundle it names, inside the
 * import's transaction.
 */
enum db_rc	 alert_peer_put(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
/* The unresolved alerts, newest first, at most max; *total counts them
 * all. */
enum db_rc	 alert_open(struct db *, struct pool *, size_t max,
		    struct alert **, size_t *n, int64_t *total);
/* Mark the unresolved alerts of kind about object resolved by who.
 * Inside the caller's transaction. */
enum db_rc	 alert_resolve(struct db *, const char *kind,
		    const char *object, const char *who);

/*
 * The security administrator has looked into alert id: resolved by who,
 * with what they found (note), audited, in a transaction of its own.
 * DB_NONE when there is no such open alert.
 */
enum db_rc	 alert_resolve_id(struct db *, struct pool *, int64_t id,
		    const char *who, const char *note);

/* What an alert's kind and object mean, in Chinese, for the page. */
const char	*alert_kind_label(const char *kind);
char		*alert_object_label(struct pool *, const char *object);

#endif
