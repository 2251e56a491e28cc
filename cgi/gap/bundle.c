/*
 * bundle.c: write and read the signed, sealed bundle that carries data
 * across the network gap (layout and sealing in bundle.h).  The reader
 * trusts nothing until the signature checks, decrypts nothing whose digest
 * the signature does not cover, then checks every byte of the payload
 * against the signed manifest before it hands anything back or leaves a
 * file staged.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "bundle.h"
#include "crypto.h"
#include "files.h"

#define MAGIC_LEN	8
#define HEAD_LEN	(MAGIC_LEN + 4)	/* magic and manifest length */
#define SIG_MAX		512
#define RECORDS_NAME	"records.jsonl"
#define FILES_PREFIX	"files/"
#define FILES_PREFIX_LEN 6
#define MEMBER_NAME_MAX	(FILES_PREFIX_LEN + 64 + 1)
#define IO_CHUNK	(1024 * 1024)
#define SEG_LEN		65536		/* plain bytes of a sealed segment */
#define TAG_LEN		16		/* GCM's, and HMAC-SM3's as kept */
#define SEG_SEALED	(SEG_LEN + TAG_LEN)
#define EPH_SALT	"yiwang bundle 2 ephemeral"
#define KEY_INFO	"yiwang bundle 2 aes-256-gcm"
#define SM_EPH_INFO	"yiwang bundle 3 ephemeral"
#define SM_KEY_INFO	"yiwang bundle 3 sm4-ctr-hmac-sm3"
#define PUB_MAX		SM2_PUB_LEN	/* the longer of the suites' */
#define KEY_MAX		SM4_SEAL_KEY_LEN
#define KID_LEN		16		/* hex digits of a key id */

/*
 * The cryptographic suites (GAP-7, bundle.h): what a bundle of each names
 * and uses.  The suite is known from the magic before anything else is
 * read, so a site can refuse one it does not accept at once.
 */
struct suite {
	unsigned	 bit;		/* BUNDLE_INTL, BUNDLE_SM */
	const char	*name;		/* as gap_suites names it */
	const char	*magic;
	int		 format;
	const char	*alg;		/* the manifest's "alg" */
	const char	*enc;		/* and "enc"."alg" */
	const char	*digest;	/* the digests' key in the manifest */
	const char	*key_type;	/* of the signing keys */
	const char	*box_type;	/* of the encryption keys */
	size_t		 pub_len;	/* raw public value of a box key */
	size_t		 key_len;	/* bytes of K */
	const char	*label;		/* for the operator */
};

static const struct suite suites[] = {
	{ BUNDLE_INTL, "intl", BUNDLE_MAGIC, 2, "ed25519",
	  "x25519-hkdf-sha256-aes-256-gcm", "sha256", "ED25519", "X25519",
	  BOX_LEN, GCM_KEY_LEN,
	  "国际算法套件 intl（Ed25519、X25519、AES-256-GCM、SHA-256）" },
	{ BUNDLE_SM, "sm", BUNDLE_MAGIC_SM, 3, "sm2-sm3",
	  "sm2dh-sm3kdf-sm4-ctr-hmac-sm3", "sm3", "SM2", "SM2",
	  SM2_PUB_LEN, SM4_SEAL_KEY_LEN,
	  "国密算法套件 sm（SM2、SM3、SM4）" },
};
#define NSUITES	(sizeof(suites) / sizeof(suites[0]))

static const EVP_MD *
suite_md(const struct suite *su)
{
	return su->bit == BUNDLE_SM ? EVP_sm3() : EVP_sha256();
}

/* The suite of a signing key, or NULL. */
static const struct suite *
suite_of_key(EVP_PKEY *key)
{
	size_t	i;

	for (i = 0; key != NULL && i < NSUITES; i++)
		if (EVP_PKEY_is_a(key, suites[i].key_type))
			return &suites[i];
	return NULL;
}

const char *
bundle_suite_name(unsigned bit)
{
	size_t	i;

	for (i = 0; i < NSUITES; i++)
		if (suites[i].bit == bit)
			return suites[i].name;
	return NULL;
}

unsigned
bundle_suite_bit(const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < NSUITES; i++)
		if (strcmp(suites[i].name, name) == 0)
			return suites[i].bit;
	return 0;
}

/* The raw public value of a box key of suite su into out (su->pub_len). */
static int
box_public(const struct suite *su, EVP_PKEY *key, unsigned char *out)
{
	if (key == NULL || !EVP_PKEY_is_a(key, su->box_type))
		return -1;
	return su->bit == BUNDLE_SM ? crypto_sm2_public(key, out) :
	    crypto_box_public(key, out);
}

int
bundle_key_id(EVP_PKEY *key, char out[17])
{
	/* Ed25519 keys of the intl suite, SM2 of sm: crypto_key_id() names
	 * no other type either. */
	return crypto_key_id(key, out);
}

/*
 * Out of memory, or OpenSSL, libarchive or jansson could not make what
 * they were asked for: the operator can only try again later.  Nothing is
 * left behind (no .tmp, nothing staged), so trying again is safe.
 */
#define NOMEM_WRITE	"内存不足或加密库出错，数据包未生成：请稍后重新导出。"
#define NOMEM_READ	"内存不足或加密库出错，数据包未导入：请稍后重新导入。"

/* A payload member as the writer made it or the manifest lists it. */
struct member {
	char		 name[MEMBER_NAME_MAX];
	uint64_t	 size;
	char		 sha256[SHA256_HEX];
	char		 md[SHA256_HEX];	/* the suite's digest: SHA-256
					   (= sha256) or SM3 */
};

/*
 * The sealing of one payload (bundle.h): plain bytes are gathered into
 * segments, each sealed and passed on as soon as it is full, to the file
 * (fd >= 0) or to mem, and digested.
 */
struct seal {
	const struct suite *su;
	unsigned char	 key[KEY_MAX];
	unsigned char	*buf;		/* SEG_LEN plain bytes being gathered */
	unsigned char	*out;		/* SEG_SEALED */
	size_t		 fill;
	uint64_t	 index, nseg;	/* the next segment; how many in all */
	EVP_MD_CTX	*digest;	/* of the sealed bytes */
	uint64_t	 size;		/* sealed bytes passed on so far */
	int		 fd;
	unsigned char	*mem;		/* when fd < 0: room for them all */
};

/* Where the writer's archive bytes go: the plain digest, and the sealer
 * on the pass that writes. */
struct sink {
	EVP_MD_CTX	*payload;
	uint64_t	 size;
	struct seal	*seal;		/* NULL on the first pass */
	uint64_t	 total;		/* plain bytes to come; 0: not known */
};

/*
 * A file mapping walked from start to end: the pages behind the walk are
 * dropped from the process as it goes (they stay in the page cache and
 * fault in again if touched), so that a 1 GiB bundle costs no more
 * resident memory than what is between two drops (GAP-6).  base NULL: a
 * buffer of the caller's, left alone.
 */
struct walk {
	const unsigned char *base;
	size_t		 dropped;	/* bytes from base already dropped */
};

/* The reader's side: the sealed payload, opened one segment at a time
 * as libarchive asks for more. */
struct unseal {
	const unsigned char *sealed;
	size_t		 len, off;
	const struct suite *su;
	unsigned char	 key[KEY_MAX];
	uint64_t	 index, nseg;
	unsigned char	*buf;		/* SEG_LEN */
	int		 bad;		/* a segment did not open */
	int		 nomem;		/* for want of memory */
	struct walk	 walk;		/* of the mapping sealed lies in */
};

/* What one read has staged, so that a failure can take it all back. */
struct stage {
	const char	*dir;		/* NULL: verify without keeping */
	char		 (*files)[SHA256_HEX];
	size_t		 nstaged;	/* files[0..nstaged) are in dir */
	char		 tmp[PATH_MAX];	/* a .tmp being written, or "" */
};

static int	 fail(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static bundle_progress_fn	*progress_fn;
static void			*progress_arg;
static bundle_staged_fn		*staged_fn;
static void			*staged_arg;

void
bundle_set_staged(bundle_staged_fn *fn, void *arg)
{
	staged_fn = fn;
	staged_arg = arg;
}

void
bundle_set_progress(bundle_progress_fn *fn, void *arg)
{
	progress_fn = fn;
	progress_arg = arg;
}

/* From before to done of total bytes: tell the display when a MiB is
 * crossed, and at the end. */
static void
progress(enum bundle_stage stage, uint64_t before, uint64_t done,
    uint64_t total)
{
	if (progress_fn != NULL && (before >> 20 != done >> 20 ||
	    done == total))
		progress_fn(progress_arg, stage, done, total);
}

/* The walk w has gone up to upto: drop the whole pages behind it, a MiB
 * or more at a time. */
static void
walk_drop(struct walk *w, const unsigned char *upto)
{
	size_t	page, end;

	if (w->base == NULL)
		return;
	page = (size_t)sysconf(_SC_PAGESIZE);
	end = (size_t)(upto - w->base) / page * page;
	if (end >= w->dropped + IO_CHUNK) {
		(void)madvise((void *)(uintptr_t)(w->base + w->dropped),
		    end - w->dropped, MADV_DONTNEED);
		w->dropped = end;
	}
}

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A libarchive call on the writer's side failed: why. */
static int
write_fail(struct archive *a, char *err, size_t errlen)
{
	if (archive_errno(a) == ENOMEM)
		return fail(err, errlen, NOMEM_WRITE);
	return fail(err, errlen, "无法写入数据包：%s。",
	    archive_error_string(a) ? archive_error_string(a) : "");
}

/*
 * Why a call into OpenSSL failed, for the operator: a shortage of memory
 * (errno ENOMEM, which malloc sets, cleared by the caller before the call)
 * or else the reason given.
 */
static const char *
nomem_or(const char *nomem, const char *why)
{
	return errno == ENOMEM ? nomem : why;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t
get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int
hexcmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * 1 when the n hex names in files (65 bytes apart) hold a duplicate, 0
 * when not, -1 when out of memory.
 */
static int
has_duplicate(const char (*files)[SHA256_HEX], size_t n)
{
	char	(*copy)[SHA256_HEX];
	size_t	  i;
	int	  dup = 0;

	if (n < 2)
		return 0;
	if ((copy = calloc(n, sizeof(*copy))) == NULL)
		return -1;
	memcpy(copy, files, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), hexcmp);
	for (i = 1; i < n && !dup; i++)
		dup = strcmp(copy[i - 1], copy[i]) == 0;
	free(copy);
	return dup;
}

static void
put_be64(unsigned char *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

static int
valid_site_dir(const char *site, const char *dir)
{
	return (strcmp(site, "extranet") == 0 && strcmp(dir, "ext2int") == 0) ||
	    (strcmp(site, "intranet") == 0 && strcmp(dir, "int2ext") == 0);
}

/*
 * Sealing (bundle.h).
 */

/* Segments of a payload of plain length L: at least one. */
static uint64_t
seg_count(uint64_t plain)
{
	return plain == 0 ? 1 : (plain + SEG_LEN - 1) / SEG_LEN;
}

static uint64_t
sealed_size(uint64_t plain)
{
	return plain + TAG_LEN * seg_count(plain);
}

/*
 * The plain length of a sealed payload of len bytes, or -1 when no
 * payload seals to that length: every segment but the last is full, and
 * the last is empty only when it is the only one.
 */
static int
plain_size(uint64_t len, uint64_t *plain)
{
	uint64_t	n, last;

	if (len < TAG_LEN)
		return -1;
	n = (len + SEG_SEALED - 1) / SEG_SEALED;
	last = len - (n - 1) * SEG_SEALED;
	if (last < TAG_LEN || (last == TAG_LEN && n > 1))
		return -1;
	*plain = len - n * TAG_LEN;
	return 0;
}

static void
seg_nonce(uint64_t index, int last, unsigned char nonce[GCM_NONCE_LEN])
{
	put_be64(nonce, index);
	put_be32(nonce + 8, last ? 1 : 0);
}

/*
 * K from the shared secret of priv and peer (the writer: e and R; the
 * reader: r and epk) under suite su (bundle.h).  -1 when the peer value is
 * unusable.
 */
static int
seal_key(const struct suite *su, EVP_PKEY *priv, const unsigned char *peer,
    const unsigned char *epk, const unsigned char *to, unsigned char *key)
{
	unsigned char	z[BOX_LEN], salt[2 * PUB_MAX];
	unsigned char	info[sizeof(SM_KEY_INFO) - 1 + 2 * PUB_MAX];
	size_t		n = su->pub_len, ilen = sizeof(SM_KEY_INFO) - 1;
	int		rc;

	if (su->bit == BUNDLE_SM) {
		memcpy(info, SM_KEY_INFO, ilen);
		memcpy(info + ilen, epk, n);
		memcpy(info + ilen + n, to, n);
		if (crypto_sm2_dh(priv, peer, z) == -1)
			return -1;
		rc = crypto_sm3_kdf(z, sizeof(z), info, ilen + 2 * n, key,
		    su->key_len);
		OPENSSL_cleanse(z, sizeof(z));
		return rc;
	}
	if (crypto_x25519(priv, peer, z) == -1)
		return -1;
	memcpy(salt, epk, BOX_LEN);
	memcpy(salt + BOX_LEN, to, BOX_LEN);
	rc = crypto_hkdf(z, sizeof(z), salt, 2 * BOX_LEN, KEY_INFO,
	    strlen(KEY_INFO), key, GCM_KEY_LEN);
	OPENSSL_cleanse(z, sizeof(z));
	return rc;
}

/*
 * e for a payload of plain length L and digest P to recipient to, from
 * the sender's own X25519 key (bundle.h).  NULL on failure.
 */
static EVP_PKEY *
seal_ephemeral(const struct suite *su, EVP_PKEY *own,
    const unsigned char p[SHA256_LEN], uint64_t plain,
    const unsigned char *to, const struct bundle_out *b)
{
	unsigned char	 secret[BOX_LEN], seed[BOX_LEN + 8], *info, *q;
	size_t		 dlen = strlen(b->dir), ilen, n = su->pub_len;
	size_t		 llen = sizeof(SM_EPH_INFO) - 1;
	EVP_PKEY	*eph = NULL;

	/* [label ||] P || u64 L || R || u64 epoch || u64 seq || dir */
	ilen = llen + SHA256_LEN + 8 + n + 8 + 8 + dlen;
	if ((info = malloc(ilen)) == NULL)
		return NULL;
	memcpy(info, SM_EPH_INFO, llen);
	q = info + llen;
	memcpy(q, p, SHA256_LEN);
	put_be64(q + SHA256_LEN, plain);
	memcpy(q + SHA256_LEN + 8, to, n);
	put_be64(q + SHA256_LEN + 8 + n, (uint64_t)b->epoch);
	put_be64(q + SHA256_LEN + 16 + n, (uint64_t)b->seq);
	memcpy(q + SHA256_LEN + 24 + n, b->dir, dlen);
	if (su->bit == BUNDLE_SM) {
		/* 40 bytes reduced mod n - 1: no bias worth the name */
		if (crypto_sm2_secret(own, secret) == 0 &&
		    crypto_sm3_kdf(secret, sizeof(secret), info, ilen, seed,
		    sizeof(seed)) == 0)
			eph = crypto_sm2_from_seed(seed, sizeof(seed));
	} else if (crypto_box_secret(own, secret) == 0 &&
	    crypto_hkdf(secret, sizeof(secret), EPH_SALT, strlen(EPH_SALT),
	    q, ilen - llen, seed, BOX_LEN) == 0)
		eph = crypto_box_from_secret(seed);
	OPENSSL_cleanse(secret, sizeof(secret));
	OPENSSL_cleanse(seed, sizeof(seed));
	free(info);
	return eph;
}

/*
 * Start sealing a payload of plain bytes with eph to the recipient to;
 * sets epk.  The sealed bytes go to fd, or to mem when fd < 0.  -1 when
 * the key is unusable or out of memory (errno ENOMEM); seal_free() in
 * either case.
 */
static int
seal_start(struct seal *s, const struct suite *su, EVP_PKEY *eph,
    const unsigned char *to, uint64_t plain, unsigned char *epk, int fd,
    unsigned char *mem)
{
	memset(s, 0, sizeof(*s));
	s->su = su;
	s->fd = fd;
	s->mem = mem;
	s->nseg = seg_count(plain);
	if (box_public(su, eph, epk) == -1 ||
	    seal_key(su, eph, to, epk, to, s->key) == -1)
		return -1;
	if ((s->buf = malloc(SEG_LEN)) == NULL ||
	    (s->out = malloc(SEG_SEALED)) == NULL ||
	    (s->digest = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(s->digest, suite_md(su), NULL) != 1) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

static void
seal_free(struct seal *s)
{
	OPENSSL_cleanse(s->key, sizeof(s->key));
	if (s->buf != NULL)
		OPENSSL_cleanse(s->buf, SEG_LEN);
	free(s->buf);
	free(s->out);
	EVP_MD_CTX_free(s->digest);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

/*
 * Seal the gathered segment and pass it on.  -1 with errno set: the
 * write's, or ENOMEM when the cipher or the digest failed, which with a
 * key seal_start() accepted only a shortage of memory makes them do.
 */
static int
seal_flush(struct seal *s, int last)
{
	unsigned char	nonce[GCM_NONCE_LEN];

	seg_nonce(s->index, last, nonce);
	if ((s->su->bit == BUNDLE_SM ? crypto_sm4_seal(s->key, nonce, s->buf,
	    s->fill, s->out, s->out + s->fill) : crypto_gcm_seal(s->key,
	    nonce, s->buf, s->fill, s->out, s->out + s->fill)) == -1 ||
	    EVP_DigestUpdate(s->digest, s->out, s->fill + TAG_LEN) != 1) {
		errno = ENOMEM;
		return -1;
	}
	if (s->fd >= 0) {
		if (crypto_write_all(s->fd, s->out, s->fill + TAG_LEN) == -1)
			return -1;
	} else
		memcpy(s->mem + s->size, s->out, s->fill + TAG_LEN);
	s->size += s->fill + TAG_LEN;
	s->index++;
	s->fill = 0;
	return 0;
}

/*
 * Take len plain bytes.  A full segment is sealed at once unless it is
 * the last one, which waits for seal_end(); more bytes than announced
 * are refused (-1).
 */
static int
seal_feed(struct seal *s, const void *buf, size_t len)
{
	const unsigned char	*p = buf;
	size_t			 n;

	while (len > 0) {
		if (s->fill == SEG_LEN) {
			if (s->index + 1 >= s->nseg)
				return -1;
			if (seal_flush(s, 0) == -1)
				return -1;
		}
		n = SEG_LEN - s->fill < len ? SEG_LEN - s->fill : len;
		memcpy(s->buf + s->fill, p, n);
		s->fill += n;
		p += n;
		len -= n;
	}
	return 0;
}

/* Seal the last segment; -1 also when fewer bytes came than announced. */
static int
seal_end(struct seal *s)
{
	if (s->index + 1 != s->nseg)
		return -1;
	return seal_flush(s, 1);
}

int
bundle_seal(const void *plain, size_t plen, EVP_PKEY *eph,
    const unsigned char to[32], unsigned char epk[32], unsigned char **out,
    size_t *outlen)
{
	struct seal	 s;
	unsigned char	*mem;
	int		 rc = -1;

	*out = NULL;
	*outlen = 0;
	if ((mem = malloc(sealed_size(plen))) == NULL)
		return -1;
	if (seal_start(&s, &suites[0], eph, to, plen, epk, -1, mem) == 0 &&
	    seal_feed(&s, plain, plen) == 0 && seal_end(&s) == 0) {
		*out = mem;
		*outlen = s.size;
		rc = 0;
	} else
		free(mem);
	seal_free(&s);
	return rc;
}

/*
 * Writer.
 */

static la_ssize_t
sink_write(struct archive *a, void *arg, const void *buf, size_t len)
{
	struct sink	*s = arg;
	uint64_t	 before = s->size;

	if (EVP_DigestUpdate(s->payload, buf, len) != 1) {
		archive_set_error(a, EIO, "digest failed");
		return -1;
	}
	errno = 0;
	if (s->seal != NULL && seal_feed(s->seal, buf, len) == -1) {
		if (errno == ENOMEM)
			archive_set_error(a, errno, "内存不足或加密库出错");
		else if (errno != 0)
			archive_set_error(a, errno, "%s", strerror(errno));
		else
			archive_set_error(a, EIO, "附件在导出过程中被改动");
		return -1;
	}
	s->size += len;
	progress(s->seal != NULL ? BUNDLE_SEAL : BUNDLE_GATHER, before,
	    s->size, s->total);
	return (la_ssize_t)len;
}

/* A ustar header with nothing that varies from run to run. */
static int
put_header(struct archive *a, const char *name, uint64_t size)
{
	struct archive_entry	*e;
	int			 rc;

	if ((e = archive_entry_new2(a)) == NULL) {
		archive_set_error(a, ENOMEM, "out of memory");
		return -1;
	}
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	rc = archive_write_header(a, e);
	archive_entry_free(e);
	return rc == ARCHIVE_OK ? 0 : -1;
}

/*
 * Feed attachment f into the archive as member m.  On the first pass m's
 * size is taken from the file, its content must hash to its name, and
 * under SM its SM3 is taken; on the second the file must still have that
 * size, and the archive's digest, which bundle_write() compares with the
 * first pass's, covers its content: hashing it again would only cost a
 * pass over every attachment (bench/gap.sh).
 */
static int
put_file(struct archive *a, const struct suite *su,
    const struct bundle_file *f, struct member *m, int first, char *err,
    size_t errlen)
{
	unsigned char	*buf = NULL, md[SHA256_LEN];
	EVP_MD_CTX	*ctx = NULL, *smc = NULL;
	struct stat	 st;
	uint64_t	 done = 0;
	ssize_t		 n;
	char		 hex[SHA256_HEX];
	int		 fd, rc = -1;

	if ((fd = open(f->path, O_RDONLY | O_CLOEXEC)) == -1)
		return fail(err, errlen, "无法读取附件 %s：%s。", f->path,
		    strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		fail(err, errlen, "附件 %s 不是普通文件。", f->path);
		goto out;
	}
	if (first)
		m->size = (uint64_t)st.st_size;
	else if (m->size != (uint64_t)st.st_size) {
		fail(err, errlen, "附件 %s 在导出过程中被改动，请重新导出。",
		    f->path);
		goto out;
	}
	if (put_header(a, m->name, m->size) == -1) {
		write_fail(a, err, errlen);
		goto out;
	}
	if ((buf = malloc(IO_CHUNK)) == NULL || (ctx = EVP_MD_CTX_new()) ==
	    NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    (su->bit == BUNDLE_SM && ((smc = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(smc, EVP_sm3(), NULL) != 1))) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	for (;;) {
		if ((n = read(fd, buf, IO_CHUNK)) == -1) {
			if (errno == EINTR)
				continue;
			fail(err, errlen, "无法读取附件 %s：%s。", f->path,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (done + (uint64_t)n > m->size) {
			fail(err, errlen, "附件 %s 在导出过程中被改动，"
			    "请重新导出。", f->path);
			goto out;
		}
		if (first && (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1 ||
		    (smc != NULL && EVP_DigestUpdate(smc, buf, (size_t)n) !=
		    1))) {
			fail(err, errlen, NOMEM_WRITE);
			goto out;
		}
		if (archive_write_data(a, buf, (size_t)n) != n) {
			write_fail(a, err, errlen);
			goto out;
		}
		done += (uint64_t)n;
	}
	if (done != m->size) {
		fail(err, errlen, "附件 %s 在导出过程中被改动，请重新导出。",
		    f->path);
		goto out;
	}
	if (!first) {
		rc = 0;
		goto out;
	}
	if (EVP_DigestFinal_ex(ctx, md, NULL) != 1) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	crypto_hex(md, sizeof(md), hex);
	if (strcmp(hex, f->sha256) != 0) {
		fail(err, errlen, "附件 %s 的内容与其摘要 %s 不符。", f->path,
		    f->sha256);
		goto out;
	}
	if (smc != NULL) {
		if (EVP_DigestFinal_ex(smc, md, NULL) != 1) {
			fail(err, errlen, NOMEM_WRITE);
			goto out;
		}
		crypto_hex(md, sizeof(md), hex);
		memcpy(m->md, hex, SHA256_HEX);
	} else
		memcpy(m->md, m->sha256, SHA256_HEX);
	rc = 0;
out:
	EVP_MD_CTX_free(smc);
	EVP_MD_CTX_free(ctx);
	free(buf);
	close(fd);
	return rc;
}

/*
 * Build the whole payload archive into sink s.  The first pass fills in
 * the members' sizes and digests; the second must find them unchanged.
 */
static int
payload_pass(const struct bundle_out *b, const struct suite *su,
    struct member *m, struct sink *s, int first, char *err, size_t errlen)
{
	struct archive	*a;
	size_t		 i;
	int		 rc = -1;

	if ((a = archive_write_new()) == NULL)
		return fail(err, errlen, NOMEM_WRITE);
	if (archive_write_set_format_ustar(a) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open2(a, s, NULL, sink_write, NULL, NULL) !=
	    ARCHIVE_OK) {
		write_fail(a, err, errlen);
		goto out;
	}
	if (put_header(a, m[0].name, m[0].size) == -1 ||
	    (b->records_len > 0 && archive_write_data(a, b->records,
	    b->records_len) != (la_ssize_t)b->records_len)) {
		write_fail(a, err, errlen);
		goto out;
	}
	for (i = 0; i < b->nfiles; i++)
		if (put_file(a, su, &b->files[i], &m[i + 1], first, err,
		    errlen) == -1)
			goto out;
	if (archive_write_close(a) != ARCHIVE_OK) {
		write_fail(a, err, errlen);
		goto out;
	}
	rc = 0;
out:
	archive_write_free(a);
	return rc;
}

/* Refuse what the reader would refuse, before any work is done. */
static int
check_out(const struct bundle_out *b, char *err, size_t errlen)
{
	char	(*hexes)[SHA256_HEX];
	size_t	  i;
	int	  dup;

	if (b->site == NULL || b->dir == NULL || b->prev == NULL ||
	    b->created == NULL || (b->records == NULL && b->records_len > 0))
		return fail(err, errlen, "导出参数不完整。");
	if (!valid_site_dir(b->site, b->dir))
		return fail(err, errlen, "站点 %s 与方向 %s 不匹配。", b->site,
		    b->dir);
	if (b->epoch < 0 || b->seq < 0 || b->nrecords > INT64_MAX)
		return fail(err, errlen, "导出参数超出范围。");
	if (b->prev[0] != '\0' && !crypto_hex_valid(b->prev, 64))
		return fail(err, errlen, "上一个数据包的摘要格式不正确。");
	if (b->nfiles > 0 && b->files == NULL)
		return fail(err, errlen, "导出参数不完整。");
	for (i = 0; i < b->nfiles; i++)
		if (b->files[i].path == NULL ||
		    !crypto_hex_valid(b->files[i].sha256, 64))
			return fail(err, errlen, "附件摘要格式不正确。");
	if (b->nfiles < 2)
		return 0;
	if ((hexes = calloc(b->nfiles, sizeof(*hexes))) == NULL)
		return fail(err, errlen, NOMEM_WRITE);
	for (i = 0; i < b->nfiles; i++)
		memcpy(hexes[i], b->files[i].sha256, SHA256_HEX);
	dup = has_duplicate((const char (*)[SHA256_HEX])hexes, b->nfiles);
	free(hexes);
	if (dup == -1)
		return fail(err, errlen, NOMEM_WRITE);
	if (dup)
		return fail(err, errlen, "同一附件在数据包中出现了两次。");
	return 0;
}

/* The manifest as jansson dumps it, gathered by dump_put(). */
struct dump {
	char		*s;
	size_t		 len, cap;
	int		 nomem;		/* a piece could not be kept */
};

/*
 * Keep len more bytes of the dump.  jansson leaves out a key whose bytes
 * this refuses and carries on (dump.c ignores that failure): so the
 * refusal is remembered here, lest a manifest short of a key be signed.
 */
static int
dump_put(const char *buf, size_t len, void *arg)
{
	struct dump	*d = arg;
	size_t		 cap;
	char		*s;

	if (d->nomem)
		return -1;
	if (len > BUNDLE_MANIFEST_MAX || d->len + len > BUNDLE_MANIFEST_MAX) {
		d->len = BUNDLE_MANIFEST_MAX + 1;	/* too large */
		return -1;
	}
	if (d->len + len + 1 > d->cap) {
		for (cap = d->cap > 0 ? d->cap : 4096; cap < d->len + len + 1;)
			cap *= 2;
		if ((s = realloc(d->s, cap)) == NULL) {
			d->nomem = 1;
			return -1;
		}
		d->s = s;
		d->cap = cap;
	}
	memcpy(d->s + d->len, buf, len);
	d->len += len;
	d->s[d->len] = '\0';
	return 0;
}

/*
 * The manifest as compact JSON with sorted keys, or NULL with the reason
 * in err: too large, not UTF-8, out of memory.  Its length does not depend
 * on the values of the hex digests, which is what lets the writer leave
 * room for the header before it knows phex.
 */
static char *
manifest_dump(const struct bundle_out *b, const struct suite *su,
    const char *kid, const struct member *m, size_t nm, uint64_t psize,
    const char *phex, const char *to, const char *epk, char *err,
    size_t errlen)
{
	json_error_t	 jerr;
	json_t		*list, *man;
	struct dump	 d = { NULL, 0, 0, 0 };
	size_t		 i;

	if ((list = json_array()) == NULL) {
		fail(err, errlen, NOMEM_WRITE);
		return NULL;
	}
	for (i = 0; i < nm; i++)
		if (json_array_append_new(list, json_pack("{s:s,s:I,s:s}",
		    "name", m[i].name, "size", (json_int_t)m[i].size,
		    su->digest, m[i].md)) == -1) {
			/* our own names and digests: only memory can lack */
			json_decref(list);
			fail(err, errlen, NOMEM_WRITE);
			return NULL;
		}
	errno = 0;
	man = json_pack_ex(&jerr, 0,
	    "{s:i,s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s,s:s},s:I,s:I,s:s,s:s,"
	    "s:I,s:{s:I,s:s},s:o,s:O?}",
	    "format", su->format, "suite", su->name, "alg", su->alg,
	    "kid", kid, "site", b->site, "dir", b->dir,
	    "enc", "alg", su->enc, "to", to, "epk", epk,
	    "epoch", (json_int_t)b->epoch, "seq", (json_int_t)b->seq,
	    "prev", b->prev, "created", b->created,
	    "records", (json_int_t)b->nrecords,
	    "payload", "size", (json_int_t)psize, su->digest, phex,
	    "members", list, "acks", b->acks);
	if (man == NULL) {	/* list went with it */
		if (errno == ENOMEM ||
		    json_error_code(&jerr) == json_error_out_of_memory)
			fail(err, errlen, NOMEM_WRITE);
		else		/* e.g. created is not UTF-8 */
			fail(err, errlen, "数据包清单无法生成：含非 UTF-8 文本。");
		return NULL;
	}
	if (json_dump_callback(man, dump_put, &d, JSON_COMPACT |
	    JSON_SORT_KEYS) == -1 || d.nomem || d.s == NULL) {
		free(d.s);
		d.s = NULL;
		if (d.len > BUNDLE_MANIFEST_MAX)
			fail(err, errlen, "数据包清单无法生成：超过 1 MiB，"
			    "请分批导出。");
		else
			fail(err, errlen, NOMEM_WRITE);
	}
	json_decref(man);
	return d.s;
}

/* The hex digest ctx has gathered; -1 when OpenSSL fails. */
static int
digest_hex(EVP_MD_CTX *ctx, char out[SHA256_HEX])
{
	unsigned char	md[SHA256_LEN];

	if (EVP_DigestFinal_ex(ctx, md, NULL) != 1)
		return -1;
	crypto_hex(md, sizeof(md), out);
	return 0;
}

/* The hex digest (SHA-256 or SM3) of len bytes at p; -1 when OpenSSL
 * fails. */
static int
md_hex(const EVP_MD *alg, const void *p, size_t len, char out[SHA256_HEX])
{
	unsigned char	md[SHA256_LEN];

	if (EVP_Digest(p, len, md, NULL, alg, NULL) != 1)
		return -1;
	crypto_hex(md, sizeof(md), out);
	return 0;
}

static int
sha256_hex(const void *p, size_t len, char out[SHA256_HEX])
{
	return md_hex(EVP_sha256(), p, len, out);
}

/*
 * The writer's keys are of the right kinds: the signing key names the
 * suite (*sup), and the encryption keys must be of the same.  A signing
 * key that is not a private key is refused by crypto_sign() later.
 */
static int
check_keys(const struct bundle_keys *k, const struct suite **sup, char *err,
    size_t errlen)
{
	const struct suite	*su;

	errno = 0;	/* EVP_PKEY_is_a() may fail for want of memory */
	if (k == NULL || (su = suite_of_key(k->sign)) == NULL)
		return fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法签名数据包：签名私钥不可用。"));
	if (k->box == NULL || !EVP_PKEY_is_a(k->box, su->box_type))
		return fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法加密数据包：本站的加密私钥不可用。"));
	if (k->peer_box == NULL || !EVP_PKEY_is_a(k->peer_box, su->box_type))
		return fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法加密数据包：对端站点的加密公钥不可用。"));
	*sup = su;
	return 0;
}

/*
 * Two passes over the attachments: the first learns sizes and digests for
 * the manifest, which precedes the payload, and the plain archive's digest
 * P, from which the ephemeral key is derived; the second seals the same
 * deterministic archive into path.tmp behind room left for the header,
 * which is signed and written last.  No attachment is ever held in memory
 * whole.  The bundle's own hash is then read back from the file.
 */
int
bundle_write(const char *path, const struct bundle_out *b,
    const struct bundle_keys *k, char hash_out[65], char *err, size_t errlen)
{
	struct member	*m = NULL;
	struct sink	 s1 = { NULL, 0, NULL }, s2 = { NULL, 0, NULL };
	struct seal	 seal;
	const struct suite *su = NULL;
	EVP_PKEY	*eph = NULL;
	unsigned char	*head = NULL, sig[SIG_MAX], pmd[SHA256_LEN];
	unsigned char	 to[PUB_MAX], epk[PUB_MAX];
	char		 tmp[PATH_MAX], phex[SHA256_HEX], phex2[SHA256_HEX];
	char		 chex[SHA256_HEX], tohex[2 * PUB_MAX + 1];
	char		 epkhex[2 * PUB_MAX + 1], whole[SHA256_HEX];
	char		 kid[KID_LEN + 1];
	char		*man = NULL;
	uint64_t	 csize;
	size_t		 i, mlen, siglen, hlen;
	int		 fd = -1, rc = -1;

	memset(&seal, 0, sizeof(seal));
	seal.fd = -1;
	if (check_out(b, err, errlen) == -1 || check_keys(k, &su, err,
	    errlen) == -1)
		return -1;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return fail(err, errlen, "数据包路径过长。");
	errno = 0;
	if (box_public(su, k->peer_box, to) == -1)
		return fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法加密数据包：对端站点的加密公钥不可用。"));
	if (bundle_key_id(k->sign, kid) == -1)
		return fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法签名数据包：签名私钥不可用。"));
	if ((m = calloc(b->nfiles + 1, sizeof(*m))) == NULL)
		return fail(err, errlen, NOMEM_WRITE);
	strcpy(m[0].name, RECORDS_NAME);
	m[0].size = b->records_len;
	if (sha256_hex(b->records_len > 0 ? b->records : "", b->records_len,
	    m[0].sha256) == -1 || md_hex(suite_md(su), b->records_len > 0 ?
	    b->records : "", b->records_len, m[0].md) == -1) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	for (i = 0; i < b->nfiles; i++) {
		snprintf(m[i + 1].name, sizeof(m[i + 1].name), "%s%s",
		    FILES_PREFIX, b->files[i].sha256);
		memcpy(m[i + 1].sha256, b->files[i].sha256, SHA256_HEX);
	}

	if ((s1.payload = EVP_MD_CTX_new()) == NULL ||
	    (s2.payload = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(s1.payload, suite_md(su), NULL) != 1 ||
	    EVP_DigestInit_ex(s2.payload, suite_md(su), NULL) != 1) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	if (payload_pass(b, su, m, &s1, 1, err, errlen) == -1)
		goto out;
	progress(BUNDLE_GATHER, s1.size, s1.size, s1.size);	/* its end */
	if (EVP_DigestFinal_ex(s1.payload, pmd, NULL) != 1) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	crypto_hex(pmd, sizeof(pmd), phex);

	/* The header's length is known now: room for it, then the payload. */
	errno = 0;
	if ((eph = seal_ephemeral(su, k->box, pmd, s1.size, to, b)) == NULL) {
		fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法加密数据包：本站的加密私钥不可用。"));
		goto out;
	}
	csize = sealed_size(s1.size);
	crypto_hex(to, su->pub_len, tohex);
	if (box_public(su, eph, epk) == -1) {
		fail(err, errlen, NOMEM_WRITE);	/* eph was just made */
		goto out;
	}
	crypto_hex(epk, su->pub_len, epkhex);
	if ((man = manifest_dump(b, su, kid, m, b->nfiles + 1, csize, phex,
	    tohex, epkhex, err, errlen)) == NULL)
		goto out;
	mlen = strlen(man);
	siglen = su->bit == BUNDLE_SM ? SM2_SIG_LEN :
	    (size_t)EVP_PKEY_get_size(k->sign);
	hlen = HEAD_LEN + mlen + 4 + siglen;
	if ((head = calloc(1, hlen)) == NULL) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		fail(err, errlen, "无法创建 %s：%s。", tmp, strerror(errno));
		goto out;
	}
	if (crypto_write_all(fd, head, hlen) == -1) {
		fail(err, errlen, "无法写入 %s：%s。", tmp, strerror(errno));
		goto out;
	}
	errno = 0;
	if (seal_start(&seal, su, eph, to, s1.size, epk, fd, NULL) == -1) {
		fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法加密数据包：对端站点的加密公钥不可用。"));
		goto out;
	}
	s2.seal = &seal;
	s2.total = s1.size;
	if (payload_pass(b, su, m, &s2, 0, err, errlen) == -1)
		goto out;
	if (digest_hex(s2.payload, phex2) == -1) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}
	if (s2.size != s1.size || strcmp(phex, phex2) != 0) {
		fail(err, errlen, "附件在导出过程中被改动，请重新导出。");
		goto out;
	}
	errno = 0;
	if (seal_end(&seal) == -1 || seal.size != csize) {
		if (errno == ENOMEM)
			fail(err, errlen, NOMEM_WRITE);
		else if (errno != 0)
			fail(err, errlen, "无法写入 %s：%s。", tmp,
			    strerror(errno));
		else
			fail(err, errlen, "附件在导出过程中被改动，"
			    "请重新导出。");
		goto out;
	}
	if (digest_hex(seal.digest, chex) == -1) {
		fail(err, errlen, NOMEM_WRITE);
		goto out;
	}

	free(man);
	if ((man = manifest_dump(b, su, kid, m, b->nfiles + 1, csize, chex,
	    tohex, epkhex, err, errlen)) == NULL)
		goto out;
	if (strlen(man) != mlen) {	/* same fields, same lengths */
		fail(err, errlen, "数据包清单无法生成：长度与预留的不同。");
		goto out;
	}
	memcpy(head, su->magic, MAGIC_LEN);
	put_be32(head + MAGIC_LEN, (uint32_t)mlen);
	memcpy(head + HEAD_LEN, man, mlen);
	errno = 0;
	if (crypto_sign(k->sign, head, HEAD_LEN + mlen, sig, &siglen) == -1 ||
	    HEAD_LEN + mlen + 4 + siglen != hlen) {
		fail(err, errlen, "%s", nomem_or(NOMEM_WRITE,
		    "无法签名数据包：签名私钥不可用。"));
		goto out;
	}
	put_be32(head + HEAD_LEN + mlen, (uint32_t)siglen);
	memcpy(head + HEAD_LEN + mlen + 4, sig, siglen);
	if (pwrite(fd, head, hlen, 0) != (ssize_t)hlen) {
		fail(err, errlen, "无法写入 %s：%s。", tmp, strerror(errno));
		goto out;
	}
	if (fsync(fd) == -1 || close(fd) == -1) {
		fd = -1;
		fail(err, errlen, "无法写入 %s：%s。", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (crypto_digest_file(tmp, suite_md(su), whole) == -1) {
		if (errno == ENOMEM)
			fail(err, errlen, NOMEM_WRITE);
		else
			fail(err, errlen, "无法读回 %s：%s。", tmp,
			    strerror(errno));
		goto out;
	}
	if (rename(tmp, path) == -1) {
		fail(err, errlen, "无法生成 %s：%s。", path, strerror(errno));
		goto out;
	}
	if (files_sync_dir(path, 0) == -1) {
		/*
		 * Renamed, but a crash could still lose the name.  A failure
		 * must leave nothing that looks written: the caller records
		 * no export, so no operator may carry this file; the export
		 * run again writes the same bytes (bundle.h).
		 */
		fail(err, errlen, "无法同步 %s 所在目录：%s。", path,
		    strerror(errno));
		unlink(path);
		goto out;
	}
	if (hash_out != NULL)
		memcpy(hash_out, whole, SHA256_HEX);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	if (rc == -1)
		unlink(tmp);
	seal_free(&seal);
	EVP_PKEY_free(eph);
	EVP_MD_CTX_free(s1.payload);
	EVP_MD_CTX_free(s2.payload);
	free(head);
	free(man);
	free(m);
	return rc;
}

/*
 * Reader.
 */

/* Take back everything this read staged. */
static void
stage_undo(struct stage *st)
{
	char	p[PATH_MAX];
	size_t	i;

	if (st->tmp[0] != '\0') {
		unlink(st->tmp);
		st->tmp[0] = '\0';
	}
	for (i = 0; i < st->nstaged; i++) {
		snprintf(p, sizeof(p), "%s/%s", st->dir, st->files[i]);
		unlink(p);
	}
	st->nstaged = 0;
}

/*
 * Fetch manifest member i into m, refusing anything but records.jsonl
 * first and files/<64 lower-case hex> after, named after their own
 * SHA-256: under intl the digest listed, under SM a name the reader
 * checks beside the listed SM3 (bundle.h).
 */
static int
manifest_member(json_t *members, const struct suite *su, size_t i,
    struct member *m)
{
	json_t		*o, *name, *size, *sha;
	const char	*n, *h;

	o = json_array_get(members, i);
	if (!json_is_object(o) || json_object_size(o) != 3)
		return -1;
	name = json_object_get(o, "name");
	size = json_object_get(o, "size");
	sha = json_object_get(o, su->digest);
	if (!json_is_string(name) || !json_is_integer(size) ||
	    !json_is_string(sha) || json_integer_value(size) < 0)
		return -1;
	n = json_string_value(name);
	h = json_string_value(sha);
	if (!crypto_hex_valid(h, 64))
		return -1;
	if (i == 0) {
		if (strcmp(n, RECORDS_NAME) != 0)
			return -1;
	} else if (strncmp(n, FILES_PREFIX, FILES_PREFIX_LEN) != 0 ||
	    !crypto_hex_valid(n + FILES_PREFIX_LEN, 64) ||
	    (su->bit == BUNDLE_INTL && strcmp(n + FILES_PREFIX_LEN, h) != 0))
		return -1;
	strcpy(m->name, n);		/* length checked above */
	m->size = (uint64_t)json_integer_value(size);
	memcpy(m->md, h, SHA256_HEX);
	/* the content address; records.jsonl has none under SM */
	if (su->bit == BUNDLE_INTL)
		memcpy(m->sha256, h, SHA256_HEX);
	else if (i > 0)
		memcpy(m->sha256, n + FILES_PREFIX_LEN, SHA256_HEX);
	return 0;
}

static json_t *
get_typed(json_t *man, const char *key, json_type type)
{
	json_t	*v;

	if ((v = json_object_get(man, key)) == NULL ||
	    json_typeof(v) != type)
		return NULL;
	return v;
}

/*
 * Check the signed manifest's fields and set in's header fields, which
 * point into man.  On success *mp is a new array of the *nmp members (the
 * caller frees it), and *psize and phex are the payload's size and digest.
 */
static int
check_manifest(json_t *man, const struct suite *su, struct bundle_in *in,
    struct member **mp, size_t *nmp, uint64_t *psize, char phex[SHA256_HEX],
    char *err, size_t errlen)
{
	json_t		*format, *alg, *site, *dir, *epoch, *seq, *prev;
	json_t		*created, *records, *payload, *members, *v, *kid;
	struct member	*m;
	size_t		 i, nm;

	*mp = NULL;
	format = get_typed(man, "format", JSON_INTEGER);
	alg = get_typed(man, "alg", JSON_STRING);
	site = get_typed(man, "site", JSON_STRING);
	dir = get_typed(man, "dir", JSON_STRING);
	epoch = get_typed(man, "epoch", JSON_INTEGER);
	seq = get_typed(man, "seq", JSON_INTEGER);
	prev = get_typed(man, "prev", JSON_STRING);
	created = get_typed(man, "created", JSON_STRING);
	records = get_typed(man, "records", JSON_INTEGER);
	payload = get_typed(man, "payload", JSON_OBJECT);
	members = get_typed(man, "members", JSON_ARRAY);
	if (format == NULL || json_integer_value(format) != su->format)
		return fail(err, errlen, "数据包格式版本不受支持，"
		    "请确认两端程序版本一致。");
	if (alg == NULL || strcmp(json_string_value(alg), su->alg) != 0)
		return fail(err, errlen, "数据包签名算法不受支持。");
	/* Named in the bundles of format 3 and in every new one; the
	 * bundles of format 2 written before them lack both. */
	v = json_object_get(man, "suite");
	kid = json_object_get(man, "kid");
	if ((v == NULL && su->format != 2) || (v != NULL &&
	    (!json_is_string(v) || strcmp(json_string_value(v), su->name) !=
	    0)))
		return fail(err, errlen, "数据包清单格式不正确：算法套件与"
		    "文件头不符。");
	if ((kid == NULL && su->format != 2) || (kid != NULL &&
	    (!json_is_string(kid) || strcmp(json_string_value(kid), in->kid) !=
	    0)))
		return fail(err, errlen, "数据包清单格式不正确：签名密钥标识"
		    "与验证它的密钥不符。");
	if (site == NULL || dir == NULL || !valid_site_dir(
	    json_string_value(site), json_string_value(dir)))
		return fail(err, errlen, "数据包清单格式不正确："
		    "发送站点或方向无效。");
	if (epoch == NULL || seq == NULL || json_integer_value(epoch) < 0 ||
	    json_integer_value(seq) < 0)
		return fail(err, errlen, "数据包清单格式不正确：序号无效。");
	if (prev == NULL || (json_string_value(prev)[0] != '\0' &&
	    !crypto_hex_valid(json_string_value(prev), 64)))
		return fail(err, errlen, "数据包清单格式不正确："
		    "上一个数据包的摘要无效。");
	if (created == NULL || records == NULL ||
	    json_integer_value(records) < 0 ||
	    json_object_get(man, "acks") == NULL)
		return fail(err, errlen, "数据包清单格式不正确：缺少字段。");
	if (payload == NULL ||
	    (v = get_typed(payload, "size", JSON_INTEGER)) == NULL ||
	    json_integer_value(v) < 0)
		return fail(err, errlen, "数据包清单格式不正确："
		    "载荷信息无效。");
	*psize = (uint64_t)json_integer_value(v);
	if ((v = get_typed(payload, su->digest, JSON_STRING)) == NULL ||
	    !crypto_hex_valid(json_string_value(v), 64))
		return fail(err, errlen, "数据包清单格式不正确："
		    "载荷信息无效。");
	memcpy(phex, json_string_value(v), SHA256_HEX);
	if (members == NULL || (nm = json_array_size(members)) == 0)
		return fail(err, errlen, "数据包清单格式不正确："
		    "缺少成员列表。");
	if ((m = calloc(nm, sizeof(*m))) == NULL)
		return fail(err, errlen, NOMEM_READ);
	for (i = 0; i < nm; i++)
		if (manifest_member(members, su, i, &m[i]) == -1) {
			free(m);
			return fail(err, errlen, "数据包清单格式不正确："
			    "第 %zu 个成员的名称、大小或摘要无效。", i + 1);
		}
	in->site = json_string_value(site);
	in->dir = json_string_value(dir);
	in->epoch = json_integer_value(epoch);
	in->seq = json_integer_value(seq);
	in->prev = json_string_value(prev);
	*mp = m;
	*nmp = nm;
	return 0;
}

/* "YYYY-MM-DD" (UTC) of a Unix time, for messages. */
static void
day_of(int64_t t, char out[11])
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		snprintf(out, 11, "?");
}

/*
 * The signed manifest's "enc": sealed to one of this site's encryption
 * keys of suite su (k->box, or one kept from before a rotation in
 * k->more_box), with an ephemeral value that gives a key; K into key.
 * A kept key whose overlap has ended opens nothing when k->now is set.
 */
static int
check_enc(json_t *man, const struct suite *su, const struct bundle_keys *k,
    unsigned char *key, char *err, size_t errlen)
{
	json_t		*enc, *alg, *to, *epk;
	unsigned char	 own[PUB_MAX], want[PUB_MAX], eph[PUB_MAX];
	char		 ownhex[2 * PUB_MAX + 1], day[11];
	EVP_PKEY	*box = NULL;
	int64_t		 until = 0;
	size_t		 i, n = su->pub_len;
	int		 found;

	if ((enc = get_typed(man, "enc", JSON_OBJECT)) == NULL ||
	    json_object_size(enc) != 3 ||
	    (alg = get_typed(enc, "alg", JSON_STRING)) == NULL ||
	    (to = get_typed(enc, "to", JSON_STRING)) == NULL ||
	    (epk = get_typed(enc, "epk", JSON_STRING)) == NULL ||
	    !crypto_hex_valid(json_string_value(to), 2 * n) ||
	    !crypto_hex_valid(json_string_value(epk), 2 * n))
		return fail(err, errlen, "数据包清单格式不正确：加密信息无效。");
	if (strcmp(json_string_value(alg), su->enc) != 0)
		return fail(err, errlen, "数据包的加密算法 %s 不受支持，"
		    "请确认两端程序版本一致。", json_string_value(alg));
	if (crypto_unhex(json_string_value(to), want, n) == -1 ||
	    crypto_unhex(json_string_value(epk), eph, n) == -1)
		return fail(err, errlen, "数据包清单格式不正确：加密信息无效。");
	errno = 0;
	if (k->box != NULL && box_public(su, k->box, own) == 0 &&
	    crypto_equal(own, want, n) == 0)
		box = k->box;
	for (i = 0; box == NULL && i < k->nmore_box; i++)
		if (box_public(su, k->more_box[i].key, own) == 0 &&
		    crypto_equal(own, want, n) == 0) {
			box = k->more_box[i].key;
			until = k->more_box[i].until;
		}
	if (box == NULL) {
		if (errno == ENOMEM)
			return fail(err, errlen, NOMEM_READ);
		/* this site's key of the suite, to name it */
		for (i = 0, found = box_public(su, k->box, own) == 0;
		    !found && i < k->nmore_box; i++)
			found = box_public(su, k->more_box[i].key, own) == 0;
		if (!found)
			return fail(err, errlen, "本站没有%s的加密私钥，无法解密"
			    "这个数据包（配置项 %s）。", su->label,
			    su->bit == BUNDLE_SM ? "sm_enc_key" : "enc_key");
		crypto_hex(own, 8, ownhex);
		return fail(err, errlen, "这个数据包是加密发给另一个站点的"
		    "（收件公钥 %.16s…，本站为 %s…），本站无法解密。"
		    "请确认对端导入了本站当前的加密公钥后重新导出。",
		    json_string_value(to), ownhex);
	}
	if (until != 0 && k->now > 0 && k->now > until) {
		day_of(until, day);
		return fail(err, errlen, "这个数据包加密发给本站轮换前的旧加密"
		    "密钥，其过渡期已于 %s 结束，本站不再用它解密。请让对端装上"
		    "本站的新加密公钥（yiwang-admin gap-key-peer）后重新导出。",
		    day);
	}
	errno = 0;
	if (seal_key(su, box, eph, eph, want, key) == -1)
		return fail(err, errlen, "%s", nomem_or(NOMEM_READ,
		    "数据包无法解密：加密信息无效。"
		    "请向对端重新索取该数据包。"));
	return 0;
}

static int
check_limits(const struct bundle_limits *lim, const struct member *m,
    size_t nm, char *err, size_t errlen)
{
	size_t	i;

	if (lim == NULL)
		return 0;
	if (nm - 1 > lim->max_files)
		return fail(err, errlen, "数据包含 %zu 个附件，"
		    "超过上限 %zu 个，请对端分批导出。", nm - 1,
		    lim->max_files);
	if (m[0].size > lim->max_records)
		return fail(err, errlen, "数据包的记录部分有 %llu 字节，"
		    "超过上限 %llu 字节，请对端分批导出。",
		    (unsigned long long)m[0].size,
		    (unsigned long long)lim->max_records);
	for (i = 1; i < nm; i++)
		if (m[i].size > lim->max_file)
			return fail(err, errlen, "附件 %s 有 %llu 字节，"
			    "超过单个附件上限 %llu 字节。", m[i].sha256,
			    (unsigned long long)m[i].size,
			    (unsigned long long)lim->max_file);
	return 0;
}

/*
 * libarchive's read callback: the next segment, opened.  A segment that
 * does not open ends the walk with an error and marks u bad.
 */
static la_ssize_t
unseal_read(struct archive *a, void *arg, const void **blk)
{
	struct unseal	*u = arg;
	unsigned char	 nonce[GCM_NONCE_LEN];
	size_t		 n;
	int		 last;

	if (u->index == u->nseg)
		return 0;
	last = u->index + 1 == u->nseg;
	n = last ? u->len - u->off - TAG_LEN : SEG_LEN;
	seg_nonce(u->index, last, nonce);
	errno = 0;
	if ((u->su->bit == BUNDLE_SM ? crypto_sm4_open(u->key, nonce,
	    u->sealed + u->off, n, u->sealed + u->off + n, u->buf) :
	    crypto_gcm_open(u->key, nonce, u->sealed + u->off, n,
	    u->sealed + u->off + n, u->buf)) == -1) {
		u->bad = 1;
		u->nomem = errno == ENOMEM;
		if (a != NULL)
			archive_set_error(a, EIO, "segment %llu does not open",
			    (unsigned long long)u->index);
		return -1;
	}
	u->off += n + TAG_LEN;
	u->index++;
	progress(BUNDLE_OPEN, u->off - n - GCM_TAG_LEN, u->off, u->len);
	walk_drop(&u->walk, u->sealed + u->off);
	*blk = u->buf;
	return (la_ssize_t)n;
}

int
bundle_open(const unsigned char *sealed, size_t len, EVP_PKEY *box,
    const unsigned char epk[32], unsigned char **plain, size_t *plen)
{
	struct unseal	 u;
	const void	*blk;
	unsigned char	 own[BOX_LEN];
	uint64_t	 n;
	la_ssize_t	 r;
	size_t		 done = 0;

	*plain = NULL;
	*plen = 0;
	memset(&u, 0, sizeof(u));
	u.su = &suites[0];
	if (plain_size(len, &n) == -1 || crypto_box_public(box, own) == -1 ||
	    seal_key(u.su, box, epk, epk, own, u.key) == -1)
		return -1;
	u.sealed = sealed;
	u.len = len;
	u.nseg = seg_count(n);
	if ((u.buf = malloc(SEG_LEN)) == NULL ||
	    (*plain = malloc(n > 0 ? n : 1)) == NULL) {
		OPENSSL_cleanse(u.key, sizeof(u.key));
		free(u.buf);
		return -1;
	}
	while ((r = unseal_read(NULL, &u, &blk)) > 0) {
		memcpy(*plain + done, blk, (size_t)r);
		done += (size_t)r;
	}
	OPENSSL_cleanse(u.key, sizeof(u.key));
	free(u.buf);
	if (r < 0) {
		free(*plain);
		*plain = NULL;
		return -1;
	}
	*plen = done;
	return 0;
}

/* Why the walk through the payload stopped. */
static int
payload_fail(struct archive *a, const struct unseal *u, char *err,
    size_t errlen)
{
	if (u->nomem || (a != NULL && archive_errno(a) == ENOMEM))
		return fail(err, errlen, NOMEM_READ);
	if (u->bad)
		return fail(err, errlen, "数据包无法解密：密文与本站的加密密钥"
		    "不符。请确认对端使用的是本站当前的加密公钥，并向对端重新"
		    "索取该数据包。");
	return fail(err, errlen, "数据包内容无法解析：%s。",
	    archive_error_string(a) ? archive_error_string(a) : "");
}

/*
 * Read the current archive member's data, which must be m (already
 * matched by name and size): into rec (m->size + 1 bytes) for the records,
 * else into the stage .tmp file when staging, else only hashed.  The data
 * must hash to m->sha256.
 */
static int
take_member(struct archive *a, const struct unseal *u, const struct member *m,
    char *rec, struct stage *st, char *err, size_t errlen)
{
	unsigned char	 md[SHA256_LEN];
	EVP_MD_CTX	*ctx, *name = NULL;
	const void	*blk;
	size_t		 blen;
	la_int64_t	 off;
	uint64_t	 done = 0;
	char		 hex[SHA256_HEX], final[PATH_MAX];
	int		 fd = -1, r, rc = -1;

	/* under SM an attachment's SHA-256 name is checked too */
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, suite_md(u->su), NULL) != 1 ||
	    (u->su->bit == BUNDLE_SM && rec == NULL &&
	    ((name = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(name, EVP_sha256(), NULL) != 1))) {
		fail(err, errlen, NOMEM_READ);
		goto out;
	}
	if (rec == NULL && st->dir != NULL) {
		if (snprintf(st->tmp, sizeof(st->tmp), "%s/%s.tmp", st->dir,
		    m->sha256) >= (int)sizeof(st->tmp)) {
			st->tmp[0] = '\0';
			fail(err, errlen, "暂存目录路径过长。");
			goto out;
		}
		fd = open(st->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd == -1 || fchmod(fd, 0600) == -1) {
			fail(err, errlen, "无法写入暂存目录 %s：%s。", st->dir,
			    strerror(errno));
			goto out;
		}
	}
	while ((r = archive_read_data_block(a, &blk, &blen, &off)) ==
	    ARCHIVE_OK) {
		/* holes or overruns would mean a sparse or forged member */
		if (off < 0 || (uint64_t)off != done ||
		    blen > m->size - done) {
			fail(err, errlen, "数据包成员 %s 的内容与清单不符。",
			    m->name);
			goto out;
		}
		if (EVP_DigestUpdate(ctx, blk, blen) != 1 || (name != NULL &&
		    EVP_DigestUpdate(name, blk, blen) != 1)) {
			fail(err, errlen, NOMEM_READ);
			goto out;
		}
		if (rec != NULL && blen > 0)
			memcpy(rec + done, blk, blen);
		else if (fd != -1 && crypto_write_all(fd, blk, blen) == -1) {
			fail(err, errlen, "无法写入暂存目录 %s：%s。", st->dir,
			    strerror(errno));
			goto out;
		}
		done += blen;
	}
	if (r != ARCHIVE_EOF) {
		payload_fail(a, u, err, errlen);
		goto out;
	}
	if (done != m->size) {
		fail(err, errlen, "数据包不完整：成员 %s 的长度与清单不符。",
		    m->name);
		goto out;
	}
	if (EVP_DigestFinal_ex(ctx, md, NULL) != 1) {
		fail(err, errlen, NOMEM_READ);
		goto out;
	}
	crypto_hex(md, sizeof(md), hex);
	if (strcmp(hex, m->md) != 0) {
		fail(err, errlen, "数据包已被改动：成员 %s 的摘要与清单不符。",
		    m->name);
		goto out;
	}
	if (name != NULL) {
		if (EVP_DigestFinal_ex(name, md, NULL) != 1) {
			fail(err, errlen, NOMEM_READ);
			goto out;
		}
		crypto_hex(md, sizeof(md), hex);
		if (strcmp(hex, m->sha256) != 0) {
			fail(err, errlen, "数据包内容与清单不符：成员 %s 的 "
			    "SHA-256 与其名称不符。", m->name);
			goto out;
		}
	}
	if (fd != -1) {
		if (fsync(fd) == -1 || close(fd) == -1) {
			fd = -1;
			fail(err, errlen, "无法写入暂存目录 %s：%s。", st->dir,
			    strerror(errno));
			goto out;
		}
		fd = -1;
		/* only now, checked, does it get the name the caller sees */
		snprintf(final, sizeof(final), "%s/%s", st->dir, m->sha256);
		if (rename(st->tmp, final) == -1) {
			fail(err, errlen, "无法写入暂存目录 %s：%s。", st->dir,
			    strerror(errno));
			goto out;
		}
		st->tmp[0] = '\0';
		st->nstaged++;
		if (staged_fn != NULL)
			staged_fn(staged_arg, m->sha256);
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	EVP_MD_CTX_free(name);
	EVP_MD_CTX_free(ctx);
	return rc;
}

/*
 * Walk the payload archive as u opens it: exactly the manifest's members,
 * in its order, each a plain file of the listed size and digest; then
 * every segment left must open too.  Fills in->records and stages
 * attachments through st.
 */
static int
read_payload(struct unseal *u, const struct member *m, size_t nm,
    struct bundle_in *in, struct stage *st, char *err, size_t errlen)
{
	struct archive		*a;
	struct archive_entry	*e;
	const void		*blk;
	const char		*name;
	size_t			 i;
	int			 r, rc = -1;

	if ((a = archive_read_new()) == NULL)
		return fail(err, errlen, NOMEM_READ);
	if (archive_read_support_format_tar(a) != ARCHIVE_OK ||
	    archive_read_open(a, u, NULL, unseal_read, NULL) != ARCHIVE_OK) {
		payload_fail(a, u, err, errlen);
		goto out;
	}
	for (i = 0; i < nm; i++) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF) {
			fail(err, errlen, "数据包不完整：缺少成员 %s。",
			    m[i].name);
			goto out;
		}
		if (r != ARCHIVE_OK) {
			payload_fail(a, u, err, errlen);
			goto out;
		}
		name = archive_entry_pathname(e);
		if (name == NULL || strcmp(name, m[i].name) != 0) {
			fail(err, errlen, "数据包内容与清单不符：第 %zu 个成员"
			    "应为 %s。", i + 1, m[i].name);
			goto out;
		}
		if (archive_entry_filetype(e) != AE_IFREG ||
		    archive_entry_hardlink(e) != NULL ||
		    archive_entry_symlink(e) != NULL ||
		    archive_entry_sparse_count(e) != 0) {
			fail(err, errlen, "数据包内容与清单不符：成员 %s "
			    "不是普通文件。", m[i].name);
			goto out;
		}
		if (!archive_entry_size_is_set(e) ||
		    archive_entry_size(e) < 0 ||
		    (uint64_t)archive_entry_size(e) != m[i].size) {
			fail(err, errlen, "数据包内容与清单不符：成员 %s "
			    "的长度与清单不符。", m[i].name);
			goto out;
		}
		if (i == 0) {
			if ((in->records = malloc(m[0].size + 1)) == NULL) {
				fail(err, errlen, NOMEM_READ);
				goto out;
			}
			in->records[m[0].size] = '\0';
			in->records_len = m[0].size;
		}
		if (take_member(a, u, &m[i], i == 0 ? in->records : NULL, st,
		    err, errlen) == -1)
			goto out;
	}
	if ((r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (r != ARCHIVE_OK)
			payload_fail(a, u, err, errlen);
		else
			fail(err, errlen, "数据包内容与清单不符："
			    "含有清单以外的成员。");
		goto out;
	}
	/* whatever follows the archive's end is authenticated too */
	while ((r = (int)unseal_read(a, u, &blk)) > 0)
		;
	if (r < 0) {
		payload_fail(a, u, err, errlen);
		goto out;
	}
	rc = 0;
out:
	archive_read_free(a);
	return rc;
}

/*
 * Digest the payload, and the whole bundle with it, in one pass over the
 * buffer: plen bytes from p, the header being the hlen bytes before it.
 * -1 when OpenSSL fails (out of memory).
 */
static int
digest_payload(const EVP_MD *alg, const unsigned char *buf, size_t hlen,
    size_t plen, struct walk *w, char phex[SHA256_HEX],
    char whole[SHA256_HEX])
{
	EVP_MD_CTX	*pc, *wc = NULL;
	size_t		 off, n;
	int		 rc = -1;

	if ((pc = EVP_MD_CTX_new()) == NULL || (wc = EVP_MD_CTX_new()) ==
	    NULL || EVP_DigestInit_ex(pc, alg, NULL) != 1 ||
	    EVP_DigestInit_ex(wc, alg, NULL) != 1 ||
	    EVP_DigestUpdate(wc, buf, hlen) != 1)
		goto out;
	for (off = 0; off < plen; off += n) {
		n = plen - off < IO_CHUNK ? plen - off : IO_CHUNK;
		if (EVP_DigestUpdate(pc, buf + hlen + off, n) != 1 ||
		    EVP_DigestUpdate(wc, buf + hlen + off, n) != 1)
			goto out;
		progress(BUNDLE_CHECK, off, off + n, plen);
		walk_drop(w, buf + hlen + off + n);
	}
	if (digest_hex(pc, phex) == -1 || digest_hex(wc, whole) == -1)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(pc);
	EVP_MD_CTX_free(wc);
	return rc;
}

/* The suites k accepts: k->suites, or that of its key when unset. */
static unsigned
accepted(const struct bundle_keys *k)
{
	const struct suite	*su;

	if (k != NULL && k->suites != 0)
		return k->suites;
	su = k != NULL ? suite_of_key(k->sign) : NULL;
	return su != NULL ? su->bit : BUNDLE_INTL;
}

/* The names of the suites of bits, "intl sm", into out. */
static void
suite_names(unsigned bits, char *out, size_t outlen)
{
	size_t	i, n = 0;

	out[0] = '\0';
	for (i = 0; i < NSUITES; i++)
		if (bits & suites[i].bit)
			n += (size_t)snprintf(out + n, n < outlen ? outlen - n :
			    0, "%s%s", n > 0 ? " " : "", suites[i].name);
}

/*
 * The header's signature, by one of the peer's signing keys of suite su:
 * k->sign, then those kept in k->more_sign (bundle.h).  Sets in->kid,
 * in->signer and in->until.  A key whose overlap has ended still verifies
 * (yiwang-gap verify says so), but when k->now is set the bundle is
 * refused.
 */
static int
check_sig(const struct suite *su, const struct bundle_keys *k,
    const unsigned char *head, size_t signedlen, const unsigned char *sig,
    size_t slen, struct bundle_in *in, char *err, size_t errlen)
{
	EVP_PKEY	*key;
	char		 kid[KID_LEN + 1], known[256], day[11];
	size_t		 i, nk = 0, n = 0;
	int64_t		 until;

	known[0] = '\0';
	for (i = 0; i <= k->nmore_sign; i++) {
		key = i == 0 ? k->sign : k->more_sign[i - 1].key;
		until = i == 0 ? 0 : k->more_sign[i - 1].until;
		errno = 0;
		if (key == NULL || !EVP_PKEY_is_a(key, su->key_type)) {
			if (errno == ENOMEM)
				return fail(err, errlen, NOMEM_READ);
			continue;
		}
		/* a key of the suite: only memory can lack */
		if (bundle_key_id(key, kid) == -1)
			return fail(err, errlen, NOMEM_READ);
		nk++;
		if (n < sizeof(known))
			n += (size_t)snprintf(known + n, sizeof(known) - n,
			    "%s%s", n > 0 ? "、" : "", kid);
		if (crypto_verify(key, head, signedlen, sig, slen) == -1) {
			if (errno == ENOMEM)
				return fail(err, errlen, NOMEM_READ);
			continue;
		}
		memcpy(in->kid, kid, sizeof(kid));
		in->signer = key;
		in->until = until;
		if (until != 0 && k->now > 0 && k->now > until) {
			day_of(until, day);
			return fail(err, errlen, "这个数据包由对端轮换前的旧签名"
			    "密钥 %s 签发，其过渡期已于 %s 结束，本站不再导入它"
			    "签发的数据包（yiwang-gap verify 仍可核对它）。请向"
			    "对端索取用新密钥重新导出的数据包。", kid, day);
		}
		return 0;
	}
	if (nk == 0)
		return fail(err, errlen, "本站没有配置对端的%s签名公钥（配置项 "
		    "%s），无法验证这个数据包。", su->label,
		    su->bit == BUNDLE_SM ? "sm_peer_key" : "peer_key");
	return fail(err, errlen, "签名验证失败：数据包已被改动或不是对端站点"
	    "签发的（本站认得的对端签名密钥：%s）。如对端更换过密钥，请先装上"
	    "对端带来的新公钥（yiwang-admin gap-key-peer）；否则请向对端重新"
	    "索取该数据包。", known);
}

/*
 * See bundle.h.  lim may be NULL for no limits beyond the format's own.
 * mapped: buf is a mapping of the file that is walked twice (digested,
 * then opened), each time dropping what is behind (struct walk).
 * The signature is checked over the raw header before the manifest is
 * even parsed.  The signed part is copied first, so a file changed under
 * a mapping cannot swap the manifest after its check; the members' digests
 * are computed over the very bytes that are kept.  stage_dir should belong
 * to one import at a time: a file already named <hex> there is replaced
 * by the checked copy, and removed with the rest if the read then fails.
 */
static int
read_bundle(const unsigned char *buf, size_t len, int mapped,
    const struct bundle_keys *k, const struct bundle_limits *lim,
    const char *stage_dir, struct bundle_in *in, char *err, size_t errlen)
{
	struct walk		 w = { NULL, 0 };
	struct bundle_in	 got;
	struct member		*m = NULL;
	struct stage		 st;
	struct unseal		 u;
	json_error_t		 jerr;
	unsigned char		*head = NULL;
	uint64_t		 psize = 0, plain = 0;
	uint32_t		 mlen, slen;
	size_t			 hlen, plen, i, nm = 0;
	char			 phex[SHA256_HEX], realhex[SHA256_HEX];
	char			 names[64];
	const struct suite	*su = NULL;
	int			 rc = -1;

	memset(in, 0, sizeof(*in));
	memset(&got, 0, sizeof(got));
	memset(&st, 0, sizeof(st));
	memset(&u, 0, sizeof(u));
	st.dir = stage_dir;

	if (len < MAGIC_LEN)
		return fail(err, errlen, len > 0 && memcmp(buf, BUNDLE_MAGIC,
		    len) == 0 ? "数据包不完整：长度与清单不符。" :
		    "不是 Yiwang 数据包：文件头不正确。");
	if (memcmp(buf, BUNDLE_MAGIC_V1, MAGIC_LEN) == 0)
		return fail(err, errlen, "这是旧格式（YWBNDL01，未加密）的数据包，"
		    "本站只接受加密的 YWBNDL02 格式：请对端升级到与本站相同版本的"
		    "程序后重新导出。");
	for (i = 0; i < NSUITES; i++)
		if (memcmp(buf, suites[i].magic, MAGIC_LEN) == 0)
			su = &suites[i];
	if (su == NULL)
		return fail(err, errlen, "不是 Yiwang 数据包：文件头不正确。");
	/* Before anything is verified or decrypted (GAP-7). */
	if ((accepted(k) & su->bit) == 0) {
		suite_names(accepted(k), names, sizeof(names));
		return fail(err, errlen, "这个数据包使用%s，本站只接受 %s"
		    "（配置项 gap_suites）。如本站应当接受它，请在 yiwang.conf "
		    "的 gap_suites 中加上 %s 并配置对端的相应公钥，然后重新导入；"
		    "否则请对端改用本站接受的套件重新导出。", su->label, names,
		    su->name);
	}
	if (lim != NULL && len > lim->max_total)
		return fail(err, errlen, "数据包有 %zu 字节，"
		    "超过上限 %llu 字节，请对端分批导出。", len,
		    (unsigned long long)lim->max_total);
	if (len < HEAD_LEN)
		return fail(err, errlen, "数据包不完整：长度与清单不符。");
	if ((mlen = get_be32(buf + MAGIC_LEN)) > BUNDLE_MANIFEST_MAX)
		return fail(err, errlen, "数据包清单超过 1 MiB，拒绝读取："
		    "数据包已损坏或不是本系统生成的。");
	if (len - HEAD_LEN < (size_t)mlen + 4)
		return fail(err, errlen, "数据包不完整：长度与清单不符。");
	slen = get_be32(buf + HEAD_LEN + mlen);
	if (slen == 0 || slen > SIG_MAX)
		return fail(err, errlen, "签名验证失败：数据包已被改动或不是"
		    "对端站点签发的。");
	hlen = HEAD_LEN + (size_t)mlen + 4 + slen;
	if (len < hlen)
		return fail(err, errlen, "数据包不完整：长度与清单不符。");
	if (k == NULL || (k->sign == NULL && k->nmore_sign == 0))
		return fail(err, errlen, "没有配置对端站点的公钥。");
	if (k->box == NULL && k->nmore_box == 0)
		return fail(err, errlen, "没有配置本站的加密私钥，无法解密数据包。");
	if ((head = malloc(hlen)) == NULL) {
		fail(err, errlen, NOMEM_READ);
		goto out;
	}
	memcpy(head, buf, hlen);
	if (check_sig(su, k, head, HEAD_LEN + mlen, head + hlen - slen, slen,
	    &got, err, errlen) == -1)
		goto out;
	got.suite = su->bit;

	/* From here on the manifest is the peer's word. */
	errno = 0;
	got.manifest = json_loadb((const char *)head + HEAD_LEN, mlen,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (got.manifest == NULL && (errno == ENOMEM ||
	    json_error_code(&jerr) == json_error_out_of_memory)) {
		fail(err, errlen, NOMEM_READ);
		goto out;
	}
	if (!json_is_object(got.manifest)) {
		fail(err, errlen, "数据包清单格式不正确，"
		    "请确认两端程序版本一致。");
		goto out;
	}
	if (check_manifest(got.manifest, su, &got, &m, &nm, &psize, phex, err,
	    errlen) == -1 || check_enc(got.manifest, su, k, u.key, err,
	    errlen) == -1 || check_limits(lim, m, nm, err, errlen) == -1)
		goto out;
	plen = len - hlen;
	if (psize > plen) {
		fail(err, errlen, "数据包不完整：长度与清单不符（缺少 %llu "
		    "字节），可能在拷贝中被截断。",
		    (unsigned long long)(psize - plen));
		goto out;
	}
	if (psize < plen) {
		fail(err, errlen, "数据包长度与清单不符：末尾多出 %llu 字节。",
		    (unsigned long long)(plen - psize));
		goto out;
	}
	if (mapped)
		w.base = buf;
	if (digest_payload(suite_md(su), buf, hlen, plen, &w, realhex,
	    got.hash) == -1) {
		fail(err, errlen, NOMEM_READ);
		goto out;
	}
	if (strcmp(realhex, phex) != 0) {
		fail(err, errlen, "数据包已被改动：内容摘要与清单不符。"
		    "请向对端重新索取该数据包。");
		goto out;
	}

	got.nfiles = nm - 1;
	if (got.nfiles > 0) {
		if ((got.files = calloc(got.nfiles, sizeof(*got.files))) ==
		    NULL || (got.sizes = calloc(got.nfiles,
		    sizeof(*got.sizes))) == NULL) {
			fail(err, errlen, NOMEM_READ);
			goto out;
		}
		for (i = 0; i < got.nfiles; i++) {
			memcpy(got.files[i], m[i + 1].sha256, SHA256_HEX);
			got.sizes[i] = m[i + 1].size;
		}
		switch (has_duplicate((const char (*)[SHA256_HEX])got.files,
		    got.nfiles)) {
		case 0:
			break;
		case 1:
			fail(err, errlen, "数据包清单格式不正确："
			    "同一附件出现了两次。");
			goto out;
		default:
			fail(err, errlen, NOMEM_READ);
			goto out;
		}
	}
	/* Signed and whole: only now is anything decrypted. */
	if (plain_size(plen, &plain) == -1) {
		fail(err, errlen, "数据包内容无法解密：密文长度不正确。"
		    "请向对端重新索取该数据包。");
		goto out;
	}
	/* no member can be larger than the payload that holds it */
	for (i = 0; i < nm; i++)
		if (m[i].size > plain) {
			fail(err, errlen, "数据包内容与清单不符：成员 %s "
			    "的长度超出数据包。", m[i].name);
			goto out;
		}
	u.sealed = buf + hlen;
	u.su = su;
	u.len = plen;
	u.nseg = seg_count(plain);
	u.walk.base = w.base;		/* from the start again */
	if ((u.buf = malloc(SEG_LEN)) == NULL) {
		fail(err, errlen, NOMEM_READ);
		goto out;
	}
	st.files = got.files;
	if (read_payload(&u, m, nm, &got, &st, err, errlen) == -1)
		goto out;
	if (stage_dir != NULL && st.nstaged > 0 &&
	    files_sync_dir(stage_dir, 1) == -1) {
		fail(err, errlen, "无法同步暂存目录 %s：%s。", stage_dir,
		    strerror(errno));
		goto out;
	}
	*in = got;
	memset(&got, 0, sizeof(got));
	rc = 0;
out:
	if (rc == -1) {
		stage_undo(&st);
		bundle_in_free(&got);
	}
	OPENSSL_cleanse(u.key, sizeof(u.key));
	if (u.buf != NULL)
		OPENSSL_cleanse(u.buf, SEG_LEN);
	free(u.buf);
	free(m);
	free(head);
	return rc;
}

int
bundle_read_mem(const unsigned char *buf, size_t len,
    const struct bundle_keys *k, const struct bundle_limits *lim,
    const char *stage_dir, struct bundle_in *in, char *err, size_t errlen)
{
	return read_bundle(buf, len, 0, k, lim, stage_dir, in, err, errlen);
}

/*
 * Map the file read-only and check it as a buffer; the kernel pages it in
 * as the digests walk it, and the walks drop what they have passed, so a
 * large bundle is never copied whole nor held resident whole.
 */
int
bundle_read(const char *path, const struct bundle_keys *k,
    const struct bundle_limits *lim, const char *stage_dir,
    struct bundle_in *in, char *err, size_t errlen)
{
	struct stat	 st;
	void		*map;
	int		 fd, rc;

	memset(in, 0, sizeof(*in));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return fail(err, errlen, "无法打开数据包 %s：%s。", path,
		    strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, errlen, "%s 不是普通文件。", path);
	}
	if ((lim != NULL && (uint64_t)st.st_size > lim->max_total) ||
	    (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return fail(err, errlen, "数据包有 %llu 字节，超过上限 %llu "
		    "字节，请对端分批导出。", (unsigned long long)st.st_size,
		    (unsigned long long)(lim != NULL ? lim->max_total :
		    SIZE_MAX));
	}
	if (st.st_size == 0) {
		close(fd);
		return fail(err, errlen, "不是 Yiwang 数据包：文件头不正确。");
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return fail(err, errlen, "无法读取数据包 %s：%s。", path,
		    strerror(errno));
	(void)madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
	rc = read_bundle(map, (size_t)st.st_size, 1, k, lim, stage_dir, in,
	    err, errlen);
	munmap(map, (size_t)st.st_size);
	return rc;
}

/* The string at key of o into buf when it is one that fits, else "". */
static void
claim_copy(json_t *o, const char *key, char *buf, size_t len)
{
	const char	*v = json_string_value(json_object_get(o, key));

	buf[0] = '\0';
	if (v != NULL && strlen(v) < len)
		strcpy(buf, v);
}

/*
 * bundle.h: the manifest as it stands in the file, read with bounded
 * memory (its length is checked first) and trusted for nothing but a
 * message.
 */
int
bundle_peek(const char *path, struct bundle_claim *c)
{
	unsigned char	 head[HEAD_LEN];
	char		*man = NULL;
	json_t		*o = NULL;
	uint32_t	 mlen;
	int		 fd, rc = -1;

	memset(c, 0, sizeof(*c));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (pread(fd, head, HEAD_LEN, 0) != HEAD_LEN ||
	    memcmp(head, BUNDLE_MAGIC, MAGIC_LEN) != 0 ||
	    (mlen = get_be32(head + MAGIC_LEN)) > BUNDLE_MANIFEST_MAX ||
	    (man = malloc(mlen > 0 ? mlen : 1)) == NULL ||
	    pread(fd, man, mlen, HEAD_LEN) != (ssize_t)mlen)
		goto out;
	o = json_loadb(man, mlen, 0, NULL);	/* json_is_object() is a macro */
	if (!json_is_object(o))
		goto out;
	claim_copy(o, "site", c->site, sizeof(c->site));
	claim_copy(o, "dir", c->dir, sizeof(c->dir));
	claim_copy(json_object_get(o, "enc"), "to", c->to, sizeof(c->to));
	rc = 0;
out:
	json_decref(o);
	free(man);
	close(fd);
	return rc;
}

void
bundle_in_free(struct bundle_in *in)
{
	if (in == NULL)
		return;
	json_decref(in->manifest);
	free(in->records);
	free(in->files);
	free(in->sizes);
	memset(in, 0, sizeof(*in));
}
