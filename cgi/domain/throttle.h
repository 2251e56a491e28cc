/*
 * throttle.h: counters of misses in sliding windows (SEC-1, SEC-8, F5):
 * wrong passwords per login name and per client address, wrong queries
 * per application number, per ID number and per address, registrations
 * per address.  nginx limits the rate per address in front
 * (conf/nginx.conf.in); these count what got through, in the database,
 * so every worker and every restart sees the same numbers.
 */
#ifndef YW_THROTTLE_H
#define YW_THROTTLE_H

#include "arena.h"
#include "db.h"

struct throttle {
	const char	*what;		/* part of the stored subject */
	long		 window;	/* seconds, at most two days */
	long		 limit;		/* misses in the window that close it */
	const char	*reopens;	/* when to try again: " 15 分钟后" */
};

/* Wrong passwords of an account, and from one address; /query misses of
 * an application number, of an ID number, from one address; registrations
 * from one address. */
extern const struct throttle TH_LOGIN_NAME, TH_LOGIN_ADDR;
extern const struct throttle TH_QUERY_NUMBER, TH_QUERY_IDNO, TH_QUERY_ADDR;
extern const struct throttle TH_REGISTER_ADDR;
/* Enterprise registrations per account and per address (ACC-1). */
extern const struct throttle TH_ENT_ACCOUNT, TH_ENT_ADDR;
/* /verify misses of a document number and from one address (EXT-6). */
extern const struct throttle TH_VERIFY_NUMBER, TH_VERIFY_ADDR;
/* SMS codes sent to a number (a minute, a day), from an address, by the
 * whole site in a day (sms.h). */
extern const struct throttle TH_SMS_MOBILE_MIN, TH_SMS_MOBILE_DAY;
extern const struct throttle TH_SMS_ADDR, TH_SMS_SITE;

/*
 * 1 when value has had t->limit misses or more within the window, 0 when
 * not, -1 on a database error (logged).  value may be NULL (counted as "").
 */
int		 throttle_closed(struct db *, struct pool *,
		    const struct throttle *, const char *value);
/* How many misses value has within the window; -1 on error. */
long		 throttle_misses(struct db *, struct pool *,
		    const struct throttle *, const char *value);
/* Count one miss of value (and sweep misses older than two days). */
enum db_rc	 throttle_count(struct db *, const struct throttle *,
		    const char *value);
/* Forget the misses of value: a right password, an unlock. */
enum db_rc	 throttle_clear(struct db *, const struct throttle *,
		    const char *value);

#endif
