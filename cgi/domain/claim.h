/*
 * claim.h: the window's claim page (窗口核验, ACC-1; issue #10).  Owns
 * hall_claim (db/221) on the intranet.  A window clerk who has seen the
 * ID card (and for an enterprise the business licence) records what the
 * extranet is to do, as the hall's `yiwang-admin citizen-reset` and
 * `enterprise-claim` do it there: a registered ID number takes its
 * owner's name and new mobile, and no password (the owner sets one by an
 * SMS code, /reset); a registered enterprise takes the licence's name and
 * address and the registered person as legal representative.  The claim
 * crosses as account.claim (sealed in the outbox), is applied by the same
 * functions as the CLI (account_citizen_claim(), enterprise_claim_in()),
 * and the answer comes back as account.claim.result.  Audited on both
 * sites (hall.claim, hall.claim.result; citizen.claim, enterprise.claim).
 */
#ifndef YW_CLAIM_H
#define YW_CLAIM_H

#include <jansson.h>

#include "db.h"
#include "request.h"

#define SEALED_CLAIM_ID		"hall_claim.id_number"
#define SEALED_CLAIM_MOBILE	"hall_claim.mobile"
#define CLAIM_NAME_MAX		50	/* characters, as citizen-reset */
#define CLAIM_LIST_MAX		50

struct hall_claim {
	int64_t		 id;
	char		*kind;		/* "person" or "enterprise" */
	char		*id_number;	/* opened; the page masks it */
	char		*mobile;	/* opened, or NULL */
	char		*name, *credit_code, *ent_name, *address;
	char		*clerk, *created_at;
	char		*state;		/* sent, applied, refused */
	char		*result, *result_at;
};

/*
 * Intranet: a person's claim by window clerk u: the account of idno takes
 * name and mobile.  *id the claim; DB_NONE with *why (Chinese, what to do)
 * when a field is wrong.
 */
enum db_rc	 claim_person(struct db *, struct pool *, const struct user *u,
		    const char *idno, const char *name, const char *mobile,
		    int64_t *id, const char **why);
/* Intranet: an enterprise's claim: code takes ent_name and address and
 * the registered person idno as legal representative. */
enum db_rc	 claim_enterprise(struct db *, struct pool *,
		    const struct user *u, const char *code,
		    const char *ent_name, const char *address,
		    const char *idno, int64_t *id, const char **why);
/* Intranet: the newest claims made by staff of department dept. */
enum db_rc	 claim_list(struct db *, struct pool *, int64_t dept,
		    struct hall_claim **, size_t *);
/* Extranet: apply an account.claim record, answer it (gap.c's table). */
enum db_rc	 claim_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);
/* Intranet: an account.claim.result record (gap.c's table). */
enum db_rc	 claim_import_result(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

#endif
