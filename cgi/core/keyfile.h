/*
 * keyfile.h: a secret key kept in a file of its own (the ledgers' chain
 * key, the personal-data key): one line of hex, made by `yiwang-admin
 * keygen` (crypto_secret_create), read with crypto_secret_read() on first
 * use and kept for the life of the process.  One place loads, caches and
 * wipes them all.
 */
#ifndef YW_KEYFILE_H
#define YW_KEYFILE_H

#include <stddef.h>

#define KEYFILE_MAX	64	/* bytes a key may have */

struct keyfile {
	const char	*setting;	/* its config key, for the log */
	const char	*what;		/* what it is, for the log */
	size_t		 len;		/* bytes the key has */
	const char	*path;		/* NULL: not configured */
	int		 loaded;
	unsigned char	 key[KEYFILE_MAX];
};
#define KEYFILE_INIT(setting, what, len)	{ (setting), (what), (len) }

/* Where kf is read from on first use; forgets (and wipes) a key read
 * from elsewhere before. */
void			 keyfile_set(struct keyfile *kf, const char *path);
/*
 * kf's key, kf->len bytes, read now if it has not been: NULL (logged,
 * saying how to make it) when it is not configured or its file is
 * missing or damaged.  The bytes stay kf's: valid until keyfile_set().
 */
const unsigned char	*keyfile_key(struct keyfile *kf);

#endif
