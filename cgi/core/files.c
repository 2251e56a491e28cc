/*
 * files.c: attachment store and content type check.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>
#include <openssl/evp.h>

#include "crypto.h"
#include "files.h"
#include "log.h"

static magic_t	 cookie;

const char *
files_mime(FILE *fp, struct pool *pool)
{
	unsigned char	 buf[64 * 1024];
	size_t		 n;
	const char	*m;

	if (cookie == NULL) {
		/* Loaded once per process; the database is large. */
		if ((cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) ==
		    NULL || magic_load(cookie, NULL) != 0) {
			log_err("libmagic: cannot load its database");
			if (cookie != NULL)
				magic_close(cookie);
			cookie = NULL;
			return NULL;
		}
	}
	rewind(fp);
	n = fread(buf, 1, sizeof(buf), fp);
	rewind(fp);
	if (n == 0)
		return NULL;
	if ((m = magic_buffer(cookie, buf, n)) == NULL)
		return NULL;
	return pool_strdup(pool, m);
}

/*
 * The store belongs to the site's workers' user (SEC-5; ./run makes it
 * so), who add uploads to it and serve from it.  What a command run by
 * root adds (gap imports, the demo's forms) is given to the store's owner
 * too, or the workers could not read it or write beside it.
 */
static void
own_like_store(const char *dir, const char *path)
{
	struct stat	 st;

	if (geteuid() != 0 || stat(dir, &st) == -1 || st.st_uid == 0)
		return;
	if (lchown(path, st.st_uid, st.st_gid) == -1)
		log_err("%s: %s", path, strerror(errno));
}

int
files_init(const char *dir)
{
	char	 p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/tmp", dir);
	if ((mkdir(dir, 0750) == -1 && errno != EEXIST) ||
	    (mkdir(p, 0750) == -1 && errno != EEXIST)) {
		log_err("%s: %s", p, strerror(errno));
		return -1;
	}
	own_like_store(dir, p);
	return 0;
}

char *
files_path(const char *dir, const char *sha, struct pool *pool)
{
	return pool_printf(pool, "%s/%.2s/%.2s/%s", dir, sha, sha + 2, sha);
}

static int
mkdirs(const char *dir, const char *sha)
{
	char	 p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%.2s", dir, sha);
	if (mkdir(p, 0750) == 0)
		own_like_store(dir, p);
	else if (errno != EEXIST)
		return -1;
	snprintf(p, sizeof(p), "%s/%.2s/%.2s", dir, sha, sha + 2);
	if (mkdir(p, 0750) == 0)
		own_like_store(dir, p);
	else if (errno != EEXIST)
		return -1;
	return 0;
}

static int
sync_dir(const char *path)
{
	char	 d[PATH_MAX], *slash;
	int	 fd;

	snprintf(d, sizeof(d), "%s", path);
	if ((slash = strrchr(d, '/')) == NULL)
		return 0;
	*slash = '\0';
	if ((fd = open(d, O_RDONLY | O_DIRECTORY)) == -1)
		return -1;
	fsync(fd);
	close(fd);
	return 0;
}

int
files_store(const char *dir, FILE *fp, char sha[65])
{
	char		 tmp[PATH_MAX], final[PATH_MAX], buf[65536];
	unsigned char	 md[SHA256_LEN];
	EVP_MD_CTX	*ctx;
	size_t		 n;
	int		 fd, rc = -1;

	snprintf(tmp, sizeof(tmp), "%s/tmp/up-XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1) {
		log_err("%s: %s", tmp, strerror(errno));
		return -1;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		abort();
	rewind(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		EVP_DigestUpdate(ctx, buf, n);
		if (write(fd, buf, n) != (ssize_t)n)
			goto out;
	}
	if (ferror(fp) || fsync(fd) == -1)
		goto out;
	EVP_DigestFinal_ex(ctx, md, NULL);
	crypto_hex(md, sizeof(md), sha);
	if (mkdirs(dir, sha) == -1)
		goto out;
	snprintf(final, sizeof(final), "%s/%.2s/%.2s/%s", dir, sha, sha + 2,
	    sha);
	if (rename(tmp, final) == -1)
		goto out;
	own_like_store(dir, final);
	sync_dir(final);
	rc = 0;
out:
	if (rc == -1) {
		log_err("storing upload: %s", strerror(errno));
		unlink(tmp);
	}
	close(fd);
	EVP_MD_CTX_free(ctx);
	rewind(fp);
	return rc;
}

int
files_adopt(const char *dir, const char *path, const char *sha)
{
	char	 final[PATH_MAX];

	if (mkdirs(dir, sha) == -1)
		return -1;
	snprintf(final, sizeof(final), "%s/%.2s/%.2s/%s", dir, sha, sha + 2,
	    sha);
	if (rename(path, final) == -1) {
		log_err("%s: %s", final, strerror(errno));
		return -1;
	}
	own_like_store(dir, final);
	sync_dir(final);
	return 0;
}
