/*
 * keyring.h: the keys a site writes and reads bundles with (GAP-3,
 * GAP-7), from the files the config names: those of the suite it writes,
 * those of every suite it accepts, and those kept from before a rotation.
 *
 * Rotation keeps the previous key of a file P beside it as P.prev, and the
 * end of its overlap (UTC, "YYYY-MM-DDTHH:MM:SSZ") in P.prev.until: this
 * site's previous encryption private key (enc_key.prev: bundles the other
 * site sealed to it before it had the new public key still open), and the
 * other site's previous signing public key (peer_key.prev: its bundles
 * signed before the rotation are still imported).  After the overlap an
 * import refuses them; yiwang-gap verify still checks them.  A P.prev
 * without its .until file counts as ended.
 */
#ifndef YW_KEYRING_H
#define YW_KEYRING_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "bundle.h"
#include "config.h"
#include "db.h"

enum keyring_use {
	KEYRING_READ,		/* verify: every key, no end applied */
	KEYRING_WRITE,		/* export: the suite of gap_suite */
	KEYRING_IMPORT,		/* import: kept keys end at their until */
};

/*
 * Load the keys for use into k (keyring_free() it).  Returns 0, or -1
 * with a message for the operator in msg: which file, which config key,
 * what to run (a private key file group or others can read is refused:
 * chmod 600).
 */
int	 keyring_load(const struct config *, enum keyring_use,
	    struct bundle_keys *k, char *msg, size_t msglen);
void	 keyring_free(struct bundle_keys *k);

/* The OpenSSL key types of a suite's signing and encryption keys. */
const char *keyring_sign_type(unsigned suite);
const char *keyring_box_type(unsigned suite);

/*
 * yiwang-admin gap-key-rotate (GAP-7): new signing and encryption key
 * pairs of the suite this site writes, the encryption private key kept
 * as enc.prev until now + days, the signing public key added to
 * sign.old.pub (every one before, one PEM block each: audit-verify checks
 * older anchors with them); audited as who; prints
 * what to carry to the other site and what to run there.  Refused while
 * the overlap of the rotation before is still open.  Exit status.
 */
int	 keyring_rotate(const struct config *, struct db *, struct pool *,
	    const char *who, size_t days);
/*
 * yiwang-admin gap-key-peer SIGN.pub ENC.pub: the other site's new public
 * keys (their suite from their type), the signing key replaced kept as
 * peer.prev until `until` (Unix time); audited.  Exit status.
 */
int	 keyring_peer(const struct config *, struct db *, struct pool *,
	    const char *who, const char *sign_pub, const char *enc_pub,
	    int64_t until);

/* path.prev.until as a Unix time: -1 when absent or not understood. */
int	 keyring_until_read(const char *path, int64_t *until);
/* Write it (mode 0600 like the keys); -1 with errno. */
int	 keyring_until_write(const char *path, int64_t until);

#endif
