/*
 * sealed.h: the columns that hold personal data sealed (SEC-5, review F8;
 * the primitives are in pii.h), and the step that seals what versions
 * before migration 080 stored in clear.
 *
 * Each name below is a column's associated data when its values are
 * sealed and the domain of its keyed hash, so a value moved to another
 * column does not open and the hashes of two columns cannot be matched.
 */
#ifndef YW_SEALED_H
#define YW_SEALED_H

#include "db.h"

#define SEALED_CITIZEN_ID	"citizen.id_number"	/* and id_hash */
#define SEALED_CITIZEN_MOBILE	"citizen.mobile"
#define SEALED_APP_ID		"application.id_number"	/* and id_hash */
#define SEALED_APP_MOBILE	"application.mobile"
#define SEALED_CASE_ID		"kase.id_number"
#define SEALED_CASE_MOBILE	"kase.mobile"
#define SEALED_OUTBOX		"gap_outbox.body"	/* application records */
#define SEALED_SMS_TO		"sms_outbox.to"	/* SMS outbox (NTF-1) */
/* An agent's application waiting for the resident's SMS consent (AGT-1),
 * and the keyed hash of the number that confirmed it. */
#define SEALED_CONSENT_HOLD	"consent_hold.record"
#define SEALED_CONSENT_MOBILE	"application.consent_mobile"
#define SEALED_STAFF_MOBILE	"staff.mobile"	/* reminders (NTF-1) */

/*
 * The step between migrations 080 (the sealed columns, empty) and 081
 * (the clear columns dropped), run by schema_migrate() each time 081 is
 * still to apply: seal every row whose sealed column is still empty, and
 * every application record of the outbox still in clear, a batch per
 * transaction.  Idempotent: a step interrupted at any point is finished by
 * the next run.  Needs the personal data key only when there is something
 * to seal.  0, or -1 (logged).
 */
int	 sealed_legacy_rows(struct db *, struct pool *);

#endif
