/*
 * delivery.h: how the applicant receives the result (证照快递 or 窗口领取,
 * EXT-10; issue #11).  Owns app_delivery (db/261) on both sites.
 *
 * On the extranet the applicant chooses, on the application form or on
 * the application's page while it is open (before the decision): pick-up
 * at the window, or post to a
 * recipient, their mobile and address (the mobile and the address sealed
 * at rest, SEC-5).  The choice crosses as application.delivery (sealed in
 * the outbox, like an application).  On the intranet, once the decision
 * is issued (approved or denied), a member of staff of a department
 * acting on the case records the handing over: picked up (by whom; when
 * is now) or posted (the courier and the waybill number, 运单号, checked
 * against that courier's format).  It crosses back as case.delivery,
 * shows on the applicant's page and, when posted, goes to the
 * applicant's mobile by SMS.  A case whose applicant chose nothing is
 * picked up at the window.
 */
#ifndef YW_DELIVERY_H
#define YW_DELIVERY_H

#include <jansson.h>

#include "config.h"
#include "db.h"
#include "request.h"
#include "waybill.h"

#define SEALED_DELIVERY_PHONE	"app_delivery.phone"
#define SEALED_DELIVERY_ADDRESS	"app_delivery.address"

struct delivery {
	char		*app_no;
	char		*method;	/* "window" or "post" */
	char		*recipient, *phone, *address;	/* opened; post */
	char		*chosen_at;
	char		*handed;	/* NULL, "picked" or "posted" */
	char		*picked_by, *courier, *waybill, *handed_at, *clerk;
};

/* Either site: the delivery of app_no (DB_NONE: none chosen). */
enum db_rc	 delivery_get(struct db *, struct pool *, const char *app_no,
		    struct delivery *);

/*
 * What is wrong with a choice as a form sends it: method "window" or
 * "post" (then recipient, phone, address), in words that say what to do
 * (Chinese); NULL when nothing.  The one rule of the application form
 * (/apply) and of the application's page (/app/delivery).
 */
const char	*delivery_problem(const char *method, const char *recipient,
		    const char *phone, const char *address);
/*
 * Extranet: applicant u chooses for their open application app_no;
 * method "window" or "post" (then recipient, phone, address).  DB_NONE
 * with *why (Chinese, what to do).
 */
enum db_rc	 delivery_choose(struct db *, struct pool *,
		    const struct user *, const char *app_no,
		    const char *method, const char *recipient,
		    const char *phone, const char *address, const char **why);
/* Extranet: a case.delivery record (gap.c's table). */
enum db_rc	 delivery_import_handed(struct db *, struct pool *,
		    json_t *rec, char *err, size_t errlen);

/* Intranet: an application.delivery record (gap.c's table). */
enum db_rc	 delivery_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
/*
 * Intranet: u records that the result of decided case app_no was picked
 * up by picked_by, or posted (courier, waybill).  DB_NONE with *why.
 */
enum db_rc	 delivery_hand(struct db *, struct pool *, const struct user *,
		    const char *app_no, const char *how, const char *picked_by,
		    const char *courier,
		    const char *waybill, const char **why);

#endif
