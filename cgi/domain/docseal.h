/*
 * docseal.h: departments' seal keys and sealed documents (电子印章, DOC-1,
 * EXT-6; docs/seal.md).  Owns seal_key and the seal_* columns of
 * document (db/181).
 *
 * The intranet keeps each department's private keys in files of the
 * directory seal_key_dir (KID.key, mode 0600, owned by that directory's
 * owner, the service user) and their public halves in seal_key; a key
 * made, retired by a newer one or revoked crosses to the extranet as a
 * "seal.key" record.  A document is signed in the transaction that
 * issues it by its department's current key, when it has one; either
 * site verifies it against the public key it holds.
 */
#ifndef YW_DOCSEAL_H
#define YW_DOCSEAL_H

#include <stddef.h>

#include <jansson.h>

#include "application.h"
#include "arena.h"
#include "crypto.h"
#include "db.h"
#include "docsig.h"

/* Where the private keys are (the config's seal_key_dir). */
void		 docseal_set_dir(const char *dir);
const char	*docseal_dir(void);

/* One key as seal_key holds it; times Beijing "YYYY-MM-DD HH:MM", NULL
 * when not (yet) retired or revoked. */
struct seal_key {
	char		*kid, *dept_code, *dept_name, *alg, *pub;
	char		*created_at, *retired_at, *revoked_at, *revoke_why;
};

/*
 * yiwang-admin seal-key DEPT [--rotate] (intranet): a new key pair of
 * alg ("ed25519" or "sm2") for department dept, in its own transaction
 * with its audit row and its record for the extranet; with rotate the
 * current key is retired (it still verifies) and its private file
 * removed.  Refused (DB_DUP) when dept has a current key and rotate is
 * 0, DB_NONE when there is no such department; msg says what happened
 * in Chinese, kid gets the new key's id.
 */
enum db_rc	 docseal_key_make(struct db *, struct pool *, const char *dept,
		    const char *alg, int rotate, const char *who,
		    char kid[KEY_ID_LEN + 1], char *msg, size_t msglen);
/* seal-key --each: a key of alg for every department that never had
 * one (./run up; a revoked key is not replaced behind anyone's back);
 * *made says how many.  Stops at the first failure, msg saying why. */
enum db_rc	 docseal_key_each(struct db *, struct pool *, const char *alg,
		    const char *who, size_t *made, char *msg, size_t msglen);
/* seal-key --revoke KID --why TEXT: DB_NONE when no such key or it was
 * revoked before; audited, sent to the extranet. */
enum db_rc	 docseal_key_revoke(struct db *, struct pool *, const char *kid,
		    const char *why, const char *who, char *msg,
		    size_t msglen);
/* Every key, by department and age. */
enum db_rc	 docseal_key_list(struct db *, struct pool *,
		    struct seal_key **, size_t *);
/* One key by id; DB_NONE when unknown. */
enum db_rc	 docseal_key_get(struct db *, struct pool *, const char *kid,
		    struct seal_key *);

/*
 * At issue, inside the issuing transaction, after doc_add(): sign d for
 * department dept with its current key and store the seal on its row;
 * d's seal_* members are set.  A department without a current key
 * leaves d unsigned (DB_OK, d->seal_sig NULL).  DB_ERR when it has one
 * that cannot be used (the file missing, unreadable or of the wrong
 * mode: logged, the act fails rather than issue a document that should
 * have been sealed).
 */
enum db_rc	 docseal_sign(struct db *, struct pool *, const char *dept,
		    struct doc *d);
/*
 * The same for any sealed form (a licence, DOC-2): sign s (its dept, kid
 * and alg are set here) with dept's current key; the signature as hex in
 * *sig and its check code, *sig NULL when dept has no key.  Nothing is
 * stored.  DB_ERR as docseal_sign().
 */
enum db_rc	 docseal_sign_form(struct db *, struct pool *, const char *dept,
		    struct docsig *s, char **sig,
		    char code[DOCSIG_CODE_LEN + 1]);
/* d's seal as the record carrying d has it ("seal" of its "doc"), a new
 * reference; NULL when d is not sealed. */
json_t		*docseal_record(const struct doc *d);
/* Extranet: the seal of the document doc_no that a case.event record
 * brought (its "doc"'s "seal", validated by records.c). */
enum db_rc	 docseal_import(struct db *, const char *doc_no, json_t *seal);
/* gap: apply a "seal.key" record (extranet). */
enum db_rc	 docseal_key_import(struct db *, struct pool *, json_t *rec,
		    char *err, size_t errlen);

/* A document with its seal, as verification reads it. */
struct seal_view {
	struct docsig	 d;		/* d.issued_at: UTC */
	char		*sig_hex, *code;	/* NULL: not sealed */
	char		*issued_local;	/* Beijing "YYYY-MM-DD HH:MM" */
	struct seal_key	 key;		/* kid NULL: key not held here */
	int		 verified;	/* 1: the signature verifies */
	/* A licence's (d.kind "licence", DOC-2): valid, revoked or
	 * cancelled, since when (Beijing) and why; its last day (NULL:
	 * 长期) and whether that is past.  NULL for a document. */
	char		*lic_state, *lic_ended_at, *lic_end_why;
	char		*lic_valid_to;
	int		 lic_expired;
};
/*
 * Load the document doc_no (or, when no document has that number, the
 * licence: DOC-2) and verify its seal against the public key
 * this site holds (never trusting a stored flag).  DB_NONE when there
 * is no such document.
 */
enum db_rc	 docseal_view(struct db *, struct pool *, const char *doc_no,
		    struct seal_view *);
/* The same, found by the check code too: DB_NONE also when the code is
 * not this document's, so both miss alike. */
enum db_rc	 docseal_find(struct db *, struct pool *, const char *doc_no,
		    const char *code, struct seal_view *);
/* v's document as the JSON export (docsig_json(), indented, ASCII), from
 * pool; NULL when v is not sealed or its key is not held here. */
char		*docseal_export(struct pool *, const struct seal_view *v);

#endif
