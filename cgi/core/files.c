/*
 * files.c: attachment store and content type check.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
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
	return 0;
}

int
files_sha_valid(const char *sha)
{
	size_t	 i;

	for (i = 0; sha != NULL && i < 64; i++)
		if (!((sha[i] >= '0' && sha[i] <= '9') ||
		    (sha[i] >= 'a' && sha[i] <= 'f')))
			return 0;
	return sha != NULL && sha[64] == '\0';
}

char *
files_path(const char *dir, const char *sha, struct pool *pool)
{
	/* The name is a path: never anything but the shape of a digest. */
	if (!files_sha_valid(sha)) {
		log_err("files: refused a file name that is not a SHA-256");
		return NULL;
	}
	return pool_printf(pool, "%s/%.2s/%.2s/%s", dir, sha, sha + 2, sha);
}

const char *const files_pdf[] = { "application/pdf", NULL };

enum files_vet
files_vet(FILE *fp, const struct files_rule *rule, struct pool *pool,
    const char **mime)
{
	struct stat	 st;
	const char	*m;
	size_t		 i;

	*mime = NULL;
	if (fp == NULL || fstat(fileno(fp), &st) == -1 ||
	    !S_ISREG(st.st_mode))
		return FILES_UNREADABLE;
	if (st.st_size == 0)
		return FILES_EMPTY;
	if ((uint64_t)st.st_size > rule->max)
		return FILES_TOO_BIG;
	if (rule->size >= 0 && st.st_size != rule->size)
		return FILES_SIZE;
	/* The type by content, never by a name or what a record says. */
	if ((m = files_mime(fp, pool)) == NULL)
		return FILES_TYPE;
	*mime = m;
	for (i = 0; rule->types[i] != NULL; i++)
		if (strcmp(rule->types[i], m) == 0)
			return FILES_OK;
	return FILES_TYPE;
}

const char *
files_vet_why(enum files_vet rc)
{
	switch (rc) {
	case FILES_OK:
		return "";
	case FILES_UNREADABLE:
		return "文件读不出来";
	case FILES_EMPTY:
		return "文件是空的";
	case FILES_TOO_BIG:
		return "文件超过了允许的大小";
	case FILES_SIZE:
		return "文件大小与记录所说的不同";
	case FILES_TYPE:
		return "按内容判断，文件类型不在允许之列";
	}
	return "文件不合要求";
}

static int
mkdirs(const char *dir, const char *sha)
{
	char	 p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%.2s", dir, sha);
	if (mkdir(p, 0750) == -1 && errno != EEXIST)
		return -1;
	snprintf(p, sizeof(p), "%s/%.2s/%.2s", dir, sha, sha + 2);
	if (mkdir(p, 0750) == -1 && errno != EEXIST)
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
	sync_dir(final);
	return 0;
}
