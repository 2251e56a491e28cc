/*
 * files.c: attachment store, content type check, vetting (type,
 * structure, malware), claims for submissions and the orphan sweep.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <magic.h>
#include <openssl/evp.h>

#include "crypto.h"
#include "files.h"
#include "log.h"
#include "imgcheck.h"
#include "pdfcheck.h"
#include "scan.h"

#define MAGIC_LEN	(64 * 1024)	/* what libmagic is shown */

static magic_t	 cookie;

/* libmagic's MIME type for the first bytes of buf (static), or NULL. */
static const char *
magic_type(const void *buf, size_t n)
{
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
	if (n == 0)
		return NULL;
	return magic_buffer(cookie, buf, n > MAGIC_LEN ? MAGIC_LEN : n);
}

/*
 * The store belongs to the site's workers' user (SEC-5; ./run makes it
 * so), who add uploads to it and serve from it.  What a command run by
 * root adds (gap imports, the demo's forms) is given to the store's owner
 * too, or the workers could not read it or write beside it.
 */
static void
files_own(const char *dir, const char *path)
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
	files_own(dir, p);
	return 0;
}

int
files_sha_valid(const char *sha)
{
	return crypto_hex_valid(sha, SHA256_HEX - 1);
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

static int
mkdirs(const char *dir, const char *sha)
{
	char	 p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%.2s", dir, sha);
	if (mkdir(p, 0750) == 0)
		files_own(dir, p);
	else if (errno != EEXIST)
		return -1;
	snprintf(p, sizeof(p), "%s/%.2s/%.2s", dir, sha, sha + 2);
	if (mkdir(p, 0750) == 0)
		files_own(dir, p);
	else if (errno != EEXIST)
		return -1;
	return 0;
}

int
files_sync_dir(const char *path, int isdir)
{
	char	 dir[PATH_MAX], *slash;
	int	 fd, rc;

	if (isdir) {
		if (strlen(path) >= sizeof(dir))
			return -1;
		strcpy(dir, path);
	} else if ((slash = strrchr(path, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else {
		if ((size_t)(slash - path) >= sizeof(dir))
			return -1;
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Copy fp into a new file tmp/up-XXXXXX (its path into tmp), synced, and
 * hash it into sha.  0, or -1 (logged, nothing left behind).
 */
static int
write_tmp(const char *dir, FILE *fp, char tmp[PATH_MAX], char sha[65])
{
	char		 buf[65536];
	unsigned char	 md[SHA256_LEN];
	EVP_MD_CTX	*ctx;
	size_t		 n;
	int		 fd, rc = -1;

	snprintf(tmp, PATH_MAX, "%s/tmp/up-XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1) {
		log_err("%s: %s", tmp, strerror(errno));
		return -1;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		errno = ENOMEM;
		goto out;
	}
	rewind(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (EVP_DigestUpdate(ctx, buf, n) != 1) {
			errno = ENOMEM;
			goto out;
		}
		if (crypto_write_all(fd, buf, n) == -1)
			goto out;
	}
	if (ferror(fp) || fsync(fd) == -1)
		goto out;
	if (EVP_DigestFinal_ex(ctx, md, NULL) != 1) {
		errno = ENOMEM;
		goto out;
	}
	crypto_hex(md, sizeof(md), sha);
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

/*
 * An upload received into an unnamed file of the store's own tmp/
 * (O_TMPFILE, multipart.c) is named there, tmp/up-<random>, once hashed
 * and synced, instead of being copied into a new file (issue #12:
 * copying, hashing and syncing took a sixth of a worker's time on a
 * 1 MiB PDF; the copy is what goes).  1 when fp is not such a file, or
 * it cannot be named so (no /proc, another file system): the caller
 * copies it.  0 with tmp and sha, or -1 (logged).
 */
static int
name_tmp(const char *dir, FILE *fp, char tmp[PATH_MAX], char sha[65])
{
	char		 fdpath[64], rnd[8], hex[17];
	struct stat	 st;
	int		 fd = fileno(fp), tries, rc = 1;

	if (fflush(fp) == EOF || fstat(fd, &st) == -1 ||
	    !S_ISREG(st.st_mode) || st.st_nlink != 0)
		return 1;
	if (crypto_digest_fd(fd, EVP_sha256(), sha) == -1 || fsync(fd) == -1) {
		log_err("storing upload: %s", strerror(errno));
		rewind(fp);
		return -1;
	}
	snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 3 && rc == 1; tries++) {
		crypto_random(rnd, sizeof(rnd));
		crypto_hex(rnd, sizeof(rnd), hex);
		snprintf(tmp, PATH_MAX, "%s/tmp/up-%s", dir, hex);
		if (linkat(AT_FDCWD, fdpath, AT_FDCWD, tmp,
		    AT_SYMLINK_FOLLOW) == 0)
			rc = 0;
		else if (errno != EEXIST)
			break;		/* copied instead */
	}
	rewind(fp);
	return rc;
}

const char *const files_pdf[] = { "application/pdf", NULL };
const char *const files_material[] = { "application/pdf", "image/jpeg",
    "image/png", NULL };

static const struct {
	enum pdf_verdict	 pdf;
	enum files_vet		 files;
} pdf_map[] = {
	{ PDF_OK, FILES_OK },
	{ PDF_MALFORMED, FILES_DAMAGED },
	{ PDF_MARKUP, FILES_DAMAGED },
	{ PDF_COMPLEX, FILES_DAMAGED },
	{ PDF_ENCRYPTED, FILES_ENCRYPTED },
	{ PDF_SCRIPT, FILES_SCRIPT },
	{ PDF_ACTION, FILES_ACTION },
	{ PDF_LAUNCH, FILES_LAUNCH },
	{ PDF_EMBEDDED, FILES_EMBEDDED },
	{ PDF_MEDIA, FILES_MEDIA },
	{ PDF_FORM, FILES_FORM },
};

/* Whether rule allows the type m (any, when it names none). */
static int
allowed(const struct files_rule *rule, const char *m)
{
	size_t	 i;

	if (m == NULL || *m == '\0')
		return 0;
	if (rule->types == NULL)
		return 1;
	for (i = 0; rule->types[i] != NULL; i++)
		if (strcmp(rule->types[i], m) == 0)
			return 1;
	return 0;
}

/* The judgement of the file's bytes at buf (len of them), open at fd,
 * into j: its type, then a PDF's structure, then clamd (both of these
 * unless held). */
static void
judge(const struct files_rule *rule, const void *buf, size_t len, int fd,
    int held, struct files_judged *j)
{
	const char		*m;
	enum pdf_verdict	 pv;
	enum img_verdict	 iv;
	unsigned		 w, h;
	size_t			 i;

	if ((m = magic_type(buf, len)) == NULL) {
		j->vet = FILES_TYPE;
		return;
	}
	snprintf(j->mime, sizeof(j->mime), "%s", m);
	if (!allowed(rule, m)) {
		j->vet = FILES_TYPE;
		return;
	}
	if (held)
		return;
	if (strcmp(m, "application/pdf") == 0 && (pv = pdf_check(buf, len,
	    j->detail, sizeof(j->detail))) != PDF_OK) {
		j->vet = FILES_DAMAGED;
		for (i = 0; i < sizeof(pdf_map) / sizeof(pdf_map[0]); i++)
			if (pdf_map[i].pdf == pv)
				j->vet = pdf_map[i].files;
		return;
	}
	if (strncmp(m, "image/", 6) == 0 && (iv = img_check(m, buf, len, &w,
	    &h)) != IMG_OK) {
		snprintf(j->detail, sizeof(j->detail), "%ux%u", w, h);
		j->vet = iv == IMG_SIZE ? FILES_IMAGE_SIZE : FILES_IMAGE;
		return;
	}
	if (rule->scanner == NULL) {
		snprintf(j->detail, sizeof(j->detail),
		    "no clamd_socket in the config");
		j->vet = FILES_UNSCANNED;
		return;
	}
	/* The file itself, not buf: clamd reads it where it lies. */
	switch (scan_fd(rule->scanner, rule->scan_timeout, fd, SCAN_LOCAL,
	    j->detail, sizeof(j->detail))) {
	case SCAN_CLEAN:
		j->detail[0] = '\0';
		break;
	case SCAN_FOUND:
		j->vet = FILES_VIRUS;
		break;
	default:
		j->vet = FILES_UNSCANNED;
		break;
	}
}

void
files_judge(FILE *fp, const struct files_rule *rule, int held,
    struct files_judged *j)
{
	struct stat	 st;
	unsigned char	*buf;
	size_t		 n, want;

	memset(j, 0, sizeof(*j));
	j->vet = FILES_OK;
	j->size = -1;
	if (fp == NULL || fstat(fileno(fp), &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		j->vet = FILES_UNREADABLE;
		return;
	}
	j->size = (int64_t)st.st_size;
	if (st.st_size == 0)
		j->vet = FILES_EMPTY;
	else if ((uint64_t)st.st_size > rule->max)
		j->vet = FILES_TOO_BIG;
	else if (rule->size >= 0 && st.st_size != rule->size)
		j->vet = FILES_SIZE;
	if (j->vet != FILES_OK)
		return;
	/* Whole: qpdf and clamd both want every byte, and it is bounded;
	 * a file held already is only typed. */
	want = held && st.st_size > MAGIC_LEN ? MAGIC_LEN :
	    (size_t)st.st_size;
	if ((buf = malloc(want)) == NULL) {
		log_err("files_vet: out of memory for %zu bytes", want);
		j->vet = FILES_UNREADABLE;
		return;
	}
	rewind(fp);
	n = fread(buf, 1, want, fp);
	rewind(fp);
	if (n != want || ferror(fp))
		j->vet = FILES_UNREADABLE;
	else
		judge(rule, buf, n, fileno(fp), held, j);
	free(buf);
}

enum files_vet
files_judged_vet(const struct files_judged *j, const struct files_rule *rule)
{
	if (j->vet == FILES_UNREADABLE || j->vet == FILES_EMPTY)
		return j->vet;
	if ((uint64_t)j->size > rule->max)
		return FILES_TOO_BIG;
	if (rule->size >= 0 && j->size != rule->size)
		return FILES_SIZE;
	/* Stopped there when judged, its content never looked at. */
	if (j->vet == FILES_TOO_BIG || j->vet == FILES_SIZE)
		return j->vet;
	if (!allowed(rule, j->mime))
		return FILES_TYPE;
	return j->vet;
}

int
files_held(const char *dir, const char *sha)
{
	char		 p[PATH_MAX];
	struct stat	 st;

	if (!files_sha_valid(sha))
		return 0;
	snprintf(p, sizeof(p), "%s/%.2s/%.2s/%s", dir, sha, sha + 2, sha);
	return lstat(p, &st) == 0 && S_ISREG(st.st_mode);
}

enum files_vet
files_vet(FILE *fp, const struct files_rule *rule, struct pool *pool,
    const char **mime, const char **detail)
{
	struct files_judged	 j;

	if (mime != NULL)
		*mime = NULL;
	if (detail != NULL)
		*detail = NULL;
	files_judge(fp, rule, 0, &j);
	if (j.vet != FILES_OK && j.vet != FILES_UNREADABLE &&
	    j.vet != FILES_EMPTY && j.vet != FILES_TOO_BIG &&
	    j.vet != FILES_SIZE)
		log_info("file refused: %s (%s; %s)", files_vet_why(j.vet),
		    j.mime[0] ? j.mime : "?", j.detail);
	if (mime != NULL && j.mime[0] != '\0')
		*mime = pool_strdup(pool, j.mime);
	if (detail != NULL && j.detail[0] != '\0')
		*detail = pool_strdup(pool, j.detail);
	return j.vet;
}

const char *
files_vet_why(enum files_vet v)
{
	switch (v) {
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
	case FILES_DAMAGED:
		return "不是完好的 PDF 文件";
	case FILES_ENCRYPTED:
		return "设置了打开密码";
	case FILES_SCRIPT:
		return "含有脚本（JavaScript）";
	case FILES_ACTION:
		return "含有打开或浏览时自动执行的动作";
	case FILES_LAUNCH:
		return "含有启动程序或打开其他文件的动作";
	case FILES_EMBEDDED:
		return "里面嵌入了其他文件（附件）";
	case FILES_MEDIA:
		return "含有音频、视频、三维等多媒体内容";
	case FILES_FORM:
		return "含有可提交或导入数据的表单（XFA 表单、提交按钮）";
	case FILES_IMAGE:
		return "不是完好的 JPEG 或 PNG 图片";
	case FILES_IMAGE_SIZE:
		return "图片太小看不清，或者尺寸大得不像一页纸的照片";
	case FILES_VIRUS:
		return "发现病毒";
	case FILES_UNSCANNED:
		return "暂时无法进行病毒检查";
	}
	return "文件不合要求";
}

/* tmp/<prefix><the suffix of tmp/up-XXXXXX>: unique while up- exists. */
static char *
tmp_sibling(const char *dir, const char *tmp, const char *prefix,
    struct pool *pool)
{
	return pool_printf(pool, "%s/tmp/%s%s", dir, prefix,
	    strrchr(tmp, '-') + 1);
}

/*
 * Enter tmp (a synced file of tmp/ named up-…, holding p->sha256) into
 * the store, and set p's claim.  0, or -1 (logged, tmp removed).
 */
static int
enter(const char *dir, const char *tmp, struct files_put *p,
    struct pool *pool)
{
	char	 final[PATH_MAX];
	int	 tries;

	snprintf(final, sizeof(final), "%s/%.2s/%.2s/%s", dir, p->sha256,
	    p->sha256 + 2, p->sha256);
	if (mkdirs(dir, p->sha256) == -1)
		goto fail;
	/*
	 * link(), not rename(): never replace a file in the store.  Either
	 * it is there and we claim it with a link of our own, or ours goes
	 * there and the temporary name stays as our claim; another request
	 * doing the same at the same moment sends us round again.
	 */
	for (tries = 0; tries < 3; tries++) {
		p->claim = tmp_sibling(dir, tmp, "claim-", pool);
		if (link(final, p->claim) == 0) {
			unlink(tmp);
			return 0;
		}
		if (errno != ENOENT)
			goto fail;
		if (link(tmp, final) == 0) {
			p->claim = pool_strdup(pool, tmp);
			p->created = 1;
			files_own(dir, final);
			files_sync_dir(final, 0);
			return 0;
		}
		if (errno != EEXIST)
			goto fail;
	}
fail:
	log_err("storing %s: %s", p->sha256, strerror(errno));
	unlink(tmp);
	p->claim = NULL;
	return -1;
}

int
files_put(const char *dir, FILE *fp, struct files_put *p, struct pool *pool)
{
	char	 tmp[PATH_MAX];

	int	 rc;

	memset(p, 0, sizeof(*p));
	if ((rc = name_tmp(dir, fp, tmp, p->sha256)) == -1 ||
	    (rc == 1 && write_tmp(dir, fp, tmp, p->sha256) == -1))
		return -1;
	return enter(dir, tmp, p, pool);
}

int
files_adopt(const char *dir, const char *path, const char *sha,
    struct files_put *p, struct pool *pool)
{
	char	 tmp[PATH_MAX];
	int	 fd;

	memset(p, 0, sizeof(*p));
	if (!files_sha_valid(sha)) {
		log_err("files: refused a file name that is not a SHA-256");
		return -1;
	}
	memcpy(p->sha256, sha, sizeof(p->sha256));
	/* Under an upload's name in tmp/ first: then it is entered,
	 * claimed and taken back exactly as an upload is. */
	snprintf(tmp, sizeof(tmp), "%s/tmp/up-XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1) {
		log_err("%s: %s", tmp, strerror(errno));
		return -1;
	}
	close(fd);
	if (rename(path, tmp) == -1) {
		log_err("%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return enter(dir, tmp, p, pool);
}

void
files_release(struct files_put *p)
{
	if (p->claim != NULL)
		unlink(p->claim);
	p->claim = NULL;
}

/*
 * Take the store's file sha out of the store (into tmp/<hold>), and put
 * it back unless nobody claims it (more links than ours) and no row
 * names it.  Returns 1 removed, 0 kept, -1 when named() failed.
 */
static int
remove_unnamed(const char *dir, const char *sha, const char *hold,
    nlink_t ours, files_named_fn named, void *arg, off_t *size)
{
	char		 final[PATH_MAX];
	struct stat	 st;
	int		 n;

	snprintf(final, sizeof(final), "%s/%.2s/%.2s/%s", dir, sha, sha + 2,
	    sha);
	if (rename(final, hold) == -1)
		return 0;
	/* Out of the store now: a request that wants it from here on
	 * stores its own copy.  One that claimed it before is counted. */
	if (lstat(hold, &st) == -1)
		return 0;
	n = st.st_nlink > ours ? 1 : named(arg, sha);
	if (n != 0) {
		if (rename(hold, final) == -1)
			log_err("cannot put %s back into the store: %s (it is "
			    "%s)", sha, strerror(errno), hold);
		return n < 0 ? -1 : 0;
	}
	*size = st.st_size;
	unlink(hold);
	return 1;
}

void
files_discard(const char *dir, struct files_put *p, files_named_fn named,
    void *arg, struct pool *pool)
{
	off_t	 size;

	if (p->claim == NULL)
		return;
	if (p->created)
		(void)remove_unnamed(dir, p->sha256, pool_printf(pool, "%s-%s",
		    tmp_sibling(dir, p->claim, "drop-", pool), p->sha256), 2,
		    named, arg, &size);
	files_release(p);
}

void
files_settle(const char *dir, struct files_put *puts, size_t n,
    int committed, files_named_fn named, void *arg, struct pool *pool)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (committed)
			files_release(&puts[i]);
		else
			files_discard(dir, &puts[i], named, arg, pool);
}

/* out = a/b; -1 (and out unusable) when it does not fit. */
static int
join(char out[PATH_MAX], const char *a, const char *b)
{
	int	 n;

	n = snprintf(out, PATH_MAX, "%s/%s", a, b);
	return n < 0 || n >= PATH_MAX ? -1 : 0;
}

/* The last change of a file or of its links: link(), rename() and
 * writes all move one of the two. */
static time_t
touched(const struct stat *st)
{
	return st->st_mtime > st->st_ctime ? st->st_mtime : st->st_ctime;
}

int
files_remove(const char *path)
{
	struct stat	 st;
	struct dirent	*e;
	DIR		*d;
	char		 p[PATH_MAX];

	if (lstat(path, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (join(p, path, e->d_name) == 0)
			unlink(p);
	}
	closedir(d);
	return rmdir(path);
}

/* Sweep one leaf directory of the store, dir/ab/cd. */
static int
sweep_leaf(const char *dir, const char *leaf, time_t cutoff,
    files_named_fn named, void *arg, struct files_swept *out)
{
	struct dirent	*e;
	struct stat	 st;
	DIR		*d;
	const char	*ab;
	char		 p[PATH_MAX], hold[PATH_MAX];
	off_t		 size = 0;
	int		 r, rc = 0;

	if ((d = opendir(leaf)) == NULL)
		return 0;
	ab = leaf + strlen(dir) + 1;	/* "ab/cd" */
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!files_sha_valid(e->d_name) ||
		    strncmp(e->d_name, ab, 2) != 0 ||
		    strncmp(e->d_name + 2, ab + 3, 2) != 0)
			continue;
		if (join(p, leaf, e->d_name) == -1 || lstat(p, &st) == -1 ||
		    !S_ISREG(st.st_mode) || touched(&st) > cutoff ||
		    st.st_nlink > 1)
			continue;
		snprintf(hold, sizeof(hold), "%s/tmp/sweep-%ld-%s", dir,
		    (long)getpid(), e->d_name);
		if ((r = remove_unnamed(dir, e->d_name, hold, 1, named, arg,
		    &size)) == 1) {
			out->files++;
			out->bytes += (unsigned long long)size;
		} else if (r == -1)
			rc = -1;
	}
	closedir(d);
	return rc;
}

/*
 * A sweep or a clean-up killed between taking a file out of the store
 * and deciding left it in tmp/ as sweep-…-<sha> or drop-…-<sha>: put it
 * back, to be judged again when its grace has passed.
 */
static void
restore_held(const char *dir)
{
	struct dirent	*e;
	DIR		*d;
	char		 p[PATH_MAX], final[PATH_MAX];
	const char	*sha;
	size_t		 len;

	snprintf(p, sizeof(p), "%s/tmp", dir);
	if ((d = opendir(p)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if ((strncmp(e->d_name, "sweep-", 6) != 0 &&
		    strncmp(e->d_name, "drop-", 5) != 0) || len < 70 ||
		    e->d_name[len - 65] != '-' ||
		    !files_sha_valid(sha = e->d_name + len - 64))
			continue;
		snprintf(p, sizeof(p), "%s/tmp/%s", dir, e->d_name);
		snprintf(final, sizeof(final), "%s/%.2s/%.2s/%s", dir, sha,
		    sha + 2, sha);
		if (mkdirs(dir, sha) == 0 && rename(p, final) == 0)
			log_info("put %s back into the store", sha);
	}
	closedir(d);
}

int
files_sweep(const char *dir, long grace, files_named_fn named, void *arg,
    struct files_swept *out)
{
	struct dirent	*e1, *e2;
	struct stat	 st;
	DIR		*d1, *d2;
	char		 p1[PATH_MAX], p2[PATH_MAX];
	time_t		 cutoff = time(NULL) - grace;
	int		 rc = 0;

	memset(out, 0, sizeof(*out));
	restore_held(dir);
	if ((d1 = opendir(dir)) == NULL) {
		log_err("%s: %s", dir, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e1 = readdir(d1)) != NULL) {
		if (!crypto_hex_valid(e1->d_name, 2))
			continue;
		if (join(p1, dir, e1->d_name) == -1 ||
		    (d2 = opendir(p1)) == NULL)
			continue;
		while (rc == 0 && (e2 = readdir(d2)) != NULL) {
			if (!crypto_hex_valid(e2->d_name, 2))
				continue;
			if (join(p2, p1, e2->d_name) == 0)
				rc = sweep_leaf(dir, p2, cutoff, named, arg,
				    out);
		}
		closedir(d2);
	}
	closedir(d1);
	if (rc != 0)
		return rc;
	/* What requests and imports killed with SIGKILL left in tmp/. */
	snprintf(p1, sizeof(p1), "%s/tmp", dir);
	if ((d1 = opendir(p1)) == NULL)
		return 0;
	while ((e1 = readdir(d1)) != NULL) {
		if (strcmp(e1->d_name, ".") == 0 ||
		    strcmp(e1->d_name, "..") == 0)
			continue;
		if (join(p2, p1, e1->d_name) == 0 && lstat(p2, &st) == 0 &&
		    touched(&st) <= cutoff && files_remove(p2) == 0)
			out->tmp++;
	}
	closedir(d1);
	return 0;
}
