/*
 * keyfile.c: secret keys read from their files once per process
 * (keyfile.h).
 */
#include <openssl/crypto.h>

#include "crypto.h"
#include "keyfile.h"
#include "log.h"

void
keyfile_set(struct keyfile *kf, const char *path)
{
	kf->path = path;
	kf->loaded = 0;
	OPENSSL_cleanse(kf->key, sizeof(kf->key));
}

const unsigned char *
keyfile_key(struct keyfile *kf)
{
	char	 hex[2 * KEYFILE_MAX + 2];
	int	 ok;

	if (kf->loaded)
		return kf->key;
	if (kf->path == NULL) {
		log_err("%s is not set in the config", kf->setting);
		return NULL;
	}
	ok = kf->len <= KEYFILE_MAX &&
	    crypto_secret_read(kf->path, hex, sizeof(hex)) == 0 &&
	    crypto_unhex(hex, kf->key, kf->len) == 0;
	OPENSSL_cleanse(hex, sizeof(hex));
	if (!ok) {
		OPENSSL_cleanse(kf->key, sizeof(kf->key));
		log_err("%s: cannot read %s (yiwang-admin keygen makes it)",
		    kf->path, kf->what);
		return NULL;
	}
	kf->loaded = 1;
	return kf->key;
}
