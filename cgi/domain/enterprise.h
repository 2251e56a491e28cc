/*
 * enterprise.h: legal entities (法人) registered on the extranet by their
 * legal representative, and the persons who act for them (ACC-1; issue
 * #10).  Owns the tables enterprise and enterprise_staff (db/200).
 */
#ifndef YW_ENTERPRISE_H
#define YW_ENTERPRISE_H

#include "db.h"
#include "request.h"

/* The rights an enterprise grants a person (enterprise_staff.rights). */
#define ENT_APPLY	0x1u	/* apply in its name */
#define ENT_VIEW	0x2u	/* see its applications */
#define ENT_STAFF	0x4u	/* grant and revoke these rights */
#define ENT_ALL		(ENT_APPLY | ENT_VIEW | ENT_STAFF)

#define ENT_NAME_MAX	100	/* characters, enterprise.name */
#define ENT_ADDRESS_MAX	200	/* characters, enterprise.address */

/* An enterprise as one person sees it. */
struct enterprise {
	int64_t		 id;
	char		*credit_code, *name, *address, *created_at;
	int64_t		 legal_rep_id;
	char		*rep_name;	/* the legal representative */
	unsigned	 rights;	/* the viewer's: ENT_ALL for the
					 * legal representative */
	int		 is_rep;
};

/* A person who acts for an enterprise. */
struct ent_staff {
	int64_t		 citizen_id;
	char		*name;
	unsigned	 rights;
	char		*granted_at;	/* Beijing time */
};

/* The rights as people read them ("申请、查看办件、管理经办人"). */
const char	*enterprise_rights_label(struct pool *, unsigned);

/* Outcome of a registration. */
enum ent_rc {
	ENT_DONE,	/* registered, or the code was registered before */
	ENT_INVALID,	/* a field is wrong: *why says which and how */
	ENT_BUSY,	/* the day's registrations of the account or the
			 * address are used: *why says which and when */
	ENT_ERR,	/* database error, logged */
};
/*
 * Register the enterprise of credit code code (GB 32100, checked in full
 * by credit_code_check()), named name at address, with the logged-in
 * person u as its legal representative.  A code registered before is
 * never changed, and both outcomes are ENT_DONE after the same work (one
 * insert that may do nothing, one audit row), as for ID numbers (F7); the
 * owner of a code registered by someone else claims it at the window.
 * Each registration that passes the checks counts against the account
 * (5 a day) and the address addr (20 a day): ENT_BUSY past either.
 * addr NULL: the hall's yiwang-admin enterprise-add, not counted.
 */
enum ent_rc	 enterprise_register(struct db *, struct pool *,
		    const struct user *u, const char *code, const char *name,
		    const char *address, const char *addr, const char **why);

/*
 * The hall's answer to a code registered by someone else (ent_registered.cs
 * sends the real legal representative there): having seen the business
 * licence and the ID card, the enterprise of code takes this name and
 * address and the registered person id_number as legal representative;
 * every right it granted ends.  Audited as actor ("enterprise.claim").
 * ENT_INVALID with *why when the code is not registered, the person is not,
 * or a field is wrong.
 */
enum ent_rc	 enterprise_claim(struct db *, struct pool *, const char *code,
		    const char *name, const char *address,
		    const char *id_number, const char *actor,
		    const char **why);
/* The same inside a transaction the caller began (the intranet's claim
 * page, record account.claim): nothing is rolled back here. */
enum ent_rc	 enterprise_claim_in(struct db *, struct pool *,
		    const char *code, const char *name, const char *address,
		    const char *id_number, const char *actor,
		    const char **why);
/* What is wrong with code, name and address as a business licence gives
 * them (the checks of enterprise_claim()), or NULL. */
const char	*enterprise_licence_problem(struct pool *, const char *code,
		    const char *name, const char *address);

/* The registered person of ID number id_number: their account and name;
 * DB_NONE when there is none. */
enum db_rc	 enterprise_person(struct db *, struct pool *,
		    const char *id_number, int64_t *citizen, char **name);

/* The enterprises person citizen represents or acts for, by name. */
enum db_rc	 enterprise_mine(struct db *, struct pool *, int64_t citizen,
		    struct enterprise **, size_t *);
/* Enterprise code as person citizen sees it; DB_NONE when it has no
 * right in it (or there is no such enterprise: the same answer). */
enum db_rc	 enterprise_of(struct db *, struct pool *, int64_t citizen,
		    const char *code, struct enterprise *);
/* Enterprise id as person citizen sees it; DB_NONE likewise. */
enum db_rc	 enterprise_by_id(struct db *, struct pool *, int64_t citizen,
		    int64_t id, struct enterprise *);
/* The persons enterprise id grants rights to, by name. */
enum db_rc	 enterprise_staff(struct db *, struct pool *, int64_t id,
		    struct ent_staff **, size_t *);
/*
 * u, who holds ENT_STAFF in e, grants rights (a non-empty subset of
 * ENT_ALL, and of u's own unless u is the legal representative) to the
 * registered person whose ID number and name these are; again for one
 * who holds some: the rights become these.  ENT_INVALID with *why when
 * no account has both, or it is the legal representative.
 * Audited.
 */
enum ent_rc	 enterprise_grant(struct db *, struct pool *,
		    const struct user *u, const struct enterprise *e,
		    const char *id_number, const char *name, unsigned rights,
		    const char **why);
/* u, who holds ENT_STAFF in e, revokes every right of person citizen.
 * DB_NONE when they held none.  Audited. */
enum db_rc	 enterprise_revoke(struct db *, struct pool *,
		    const struct user *u, const struct enterprise *e,
		    int64_t citizen);

#endif
