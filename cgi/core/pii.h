/*
 * pii.h: personal data at rest (SEC-5, review F8).  ID numbers and mobile
 * numbers are stored sealed, never in clear; where something looks a value
 * up (a login by ID number, the unique key of an account, /query, the
 * guessing counters) a keyed hash of it sits beside the sealed value.
 *
 * One secret, the personal-data key (pii_key in the config: 32 random
 * bytes in hex, a file outside the database, mode 0640 for the workers'
 * group), gives two keys by HKDF-SHA-256, one per use:
 *
 *	sealing	AES-256-GCM, a random 96-bit nonce per value, the name of
 *		the column ("citizen.id_number") as associated data: a value
 *		copied into another column does not open there.  Stored as
 *		text, "pii1:" and the hex of nonce | ciphertext | tag.
 *	hashing	HMAC-SHA-256 over the name, a NUL and the value, as 64 hex
 *		digits.  The same value in the same column always hashes
 *		alike (so a unique key and an equality in SQL work); without
 *		the key nobody can compute it, so the 10^10-odd ID numbers
 *		cannot be tried one by one against a stolen table.
 *
 * The key is read on first use and kept for the life of the process.
 */
#ifndef YW_PII_H
#define YW_PII_H

#include "arena.h"

#define PII_KEY_LEN	32
#define PII_HASH_HEX	65		/* 64 hex digits and NUL */
#define PII_PREFIX	"pii1:"

/* Where the key is read from on first use (the config's pii_key). */
void	 pii_set_key_file(const char *path);
/* A new key file, mode 0600; -1 if it exists or cannot be written. */
int	 pii_key_create(const char *path);
/* Read the key now: 0, or -1 (logged). */
int	 pii_key_load(void);

/*
 * value sealed for column what, as text from pool; NULL when the key
 * cannot be read (logged).
 */
char	*pii_seal(struct pool *, const char *what, const char *value);
/*
 * The value that sealed holds, from pool; NULL (logged) when it is not a
 * sealed value, was changed, was sealed for another column or under
 * another key, or the key cannot be read.
 */
char	*pii_open(struct pool *, const char *what, const char *sealed);
/* 1 when s has the form of a sealed value (it may still not open). */
int	 pii_is_sealed(const char *s);
/* The keyed hash of value in column (or counter) what: 0, or -1 when
 * the key cannot be read (logged). */
int	 pii_hash(const char *what, const char *value, char out[PII_HASH_HEX]);

#endif
