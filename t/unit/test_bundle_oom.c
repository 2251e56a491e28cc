/*
 * test_bundle_oom.c: cgi/gap/bundle.c when memory runs out.  Every call
 * that can fail for want of memory during a bundle's round trip is made
 * to fail in turn, the Nth in run N, until a run gets through without
 * reaching N: malloc, calloc and realloc of our code (linked with
 * -Wl,--wrap, see Makefile.am), every allocation of OpenSSL
 * (CRYPTO_set_mem_functions) and of jansson (json_set_alloc_funcs), and
 * the libarchive calls that allocate (wrapped too; they fail as libarchive
 * does, with ENOMEM); not jansson's parser (see __wrap_json_loadb).  The
 * same for the SM suite (GAP-7), its bundle read as the keyring gives the
 * keys.  Each run must end in a clean error: a message that says memory
 * ran short, no bundle and no .tmp left by a writer, nothing staged and
 * nothing handed back by a reader; never abort().  A run that
 * succeeds anyway (a library that copes with the failure itself) must
 * give the very bytes, or records, of a run without failures.  Leaks on
 * any of these paths are caught by LeakSanitizer (./run test runs units
 * under ASan).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <cmocka.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "crypto.h"
#include "bundle.h"
#include "files_fixture.h"
#include "oom_fixture.h"

#define RECORDS	"{\"t\":\"application\",\"id\":1,\"name\":\"张三\"}\n" \
		"{\"t\":\"step\",\"id\":2}\n"
#define BIG_LEN	(3 * 65536 + 1234)	/* four sealed segments */
#define RUNS_MAX 100000			/* a loop that never ends is a bug */

/* OpenSSL's allocators (oom_fixture.h) and jansson's: through the
 * wrapped ones. */

/*
 * jansson's parser does not survive a failed allocation: lex_save() drops
 * the byte it could not keep and lex_scan_string() then reads past the end
 * of the text it saved (SIGSEGV, or its assert(0)), in jansson 2.14 and
 * upstream alike.  Nothing bundle.c can do about that: allocations made
 * while jansson parses are left alone here.  Its dump is tested (bundle.c
 * checks what its callback could not keep).
 */
json_t	*__real_json_loadb(const char *, size_t, size_t, json_error_t *);
json_t	*__wrap_json_loadb(const char *, size_t, size_t, json_error_t *);

json_t *
__wrap_json_loadb(const char *buf, size_t len, size_t flags,
    json_error_t *error)
{
	json_t	*j;

	paused++;
	j = __real_json_loadb(buf, len, flags, error);
	paused--;
	return j;
}

/* libarchive: the calls of bundle.c that allocate. */
struct archive	*__real_archive_write_new(void);
struct archive	*__real_archive_read_new(void);
struct archive_entry *__real_archive_entry_new2(struct archive *);
int	 __real_archive_write_set_format_ustar(struct archive *);
int	 __real_archive_write_open2(struct archive *, void *,
	    archive_open_callback *, archive_write_callback *,
	    archive_close_callback *, archive_free_callback *);
int	 __real_archive_write_header(struct archive *,
	    struct archive_entry *);
la_ssize_t __real_archive_write_data(struct archive *, const void *,
	    size_t);
int	 __real_archive_read_support_format_tar(struct archive *);
int	 __real_archive_read_open(struct archive *, void *,
	    archive_open_callback *, archive_read_callback *,
	    archive_close_callback *);
int	 __real_archive_read_next_header(struct archive *,
	    struct archive_entry **);
la_ssize_t __real_archive_read_data_block(struct archive *, const void **,
	    size_t *, la_int64_t *);

struct archive	*__wrap_archive_write_new(void);
struct archive	*__wrap_archive_read_new(void);
struct archive_entry *__wrap_archive_entry_new2(struct archive *);
int	 __wrap_archive_write_set_format_ustar(struct archive *);
int	 __wrap_archive_write_open2(struct archive *, void *,
	    archive_open_callback *, archive_write_callback *,
	    archive_close_callback *, archive_free_callback *);
int	 __wrap_archive_write_header(struct archive *,
	    struct archive_entry *);
la_ssize_t __wrap_archive_write_data(struct archive *, const void *,
	    size_t);
int	 __wrap_archive_read_support_format_tar(struct archive *);
int	 __wrap_archive_read_open(struct archive *, void *,
	    archive_open_callback *, archive_read_callback *,
	    archive_close_callback *);
int	 __wrap_archive_read_next_header(struct archive *,
	    struct archive_entry **);
la_ssize_t __wrap_archive_read_data_block(struct archive *, const void **,
	    size_t *, la_int64_t *);

/* As libarchive fails when its own malloc does. */
static int
archive_nomem(struct archive *a)
{
	archive_set_error(a, ENOMEM, "Out of memory");
	return ARCHIVE_FATAL;
}

struct archive *
__wrap_archive_write_new(void)
{
	return should_fail() ? NULL : __real_archive_write_new();
}

struct archive *
__wrap_archive_read_new(void)
{
	return should_fail() ? NULL : __real_archive_read_new();
}

struct archive_entry *
__wrap_archive_entry_new2(struct archive *a)
{
	return should_fail() ? NULL : __real_archive_entry_new2(a);
}

int
__wrap_archive_write_set_format_ustar(struct archive *a)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_write_set_format_ustar(a);
}

int
__wrap_archive_write_open2(struct archive *a, void *arg,
    archive_open_callback *o, archive_write_callback *w,
    archive_close_callback *c, archive_free_callback *f)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_write_open2(a, arg, o, w, c, f);
}

int
__wrap_archive_write_header(struct archive *a, struct archive_entry *e)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_write_header(a, e);
}

la_ssize_t
__wrap_archive_write_data(struct archive *a, const void *buf, size_t len)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_write_data(a, buf, len);
}

int
__wrap_archive_read_support_format_tar(struct archive *a)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_read_support_format_tar(a);
}

int
__wrap_archive_read_open(struct archive *a, void *arg,
    archive_open_callback *o, archive_read_callback *r,
    archive_close_callback *c)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_read_open(a, arg, o, r, c);
}

int
__wrap_archive_read_next_header(struct archive *a, struct archive_entry **e)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_read_next_header(a, e);
}

la_ssize_t
__wrap_archive_read_data_block(struct archive *a, const void **blk,
    size_t *len, la_int64_t *off)
{
	return should_fail() ? archive_nomem(a) :
	    __real_archive_read_data_block(a, blk, len, off);
}

/*
 * Fixture: a sender's and a recipient's keys, two attachments (one of
 * several segments), and the bundle a run without failures writes.
 */
static struct {
	char			 dir[64];
	char			 stage[256];
	char			 ref[256];	/* the reference bundle */
	EVP_PKEY		*priv, *pub, *box_a, *box_b;
	struct bundle_keys	 wk, rk;
	char			 fpath[2][PATH_MAX];
	struct bundle_file	 files[2];
	json_t			*acks;
	unsigned char		*refbuf;
	size_t			 reflen;
	/* the SM suite: keys, the reader's lists, its reference bundle */
	EVP_PKEY		*sm_priv, *sm_pub, *sm_box_a, *sm_box_b;
	struct bundle_keys	 sm_wk, sm_rk;
	struct bundle_key	 sm_sign[1], sm_box[1];
	char			 sm_ref[256];
	unsigned char		*sm_refbuf;
	size_t			 sm_reflen;
} fx;

static const struct bundle_limits nolimit = {
	UINT64_MAX, UINT64_MAX, UINT64_MAX, SIZE_MAX
};

static void
stage_clear(void)
{
	struct dirent	*de;
	DIR		*d;
	char		 p[PATH_MAX];

	assert_non_null(d = opendir(fx.stage));
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			snprintf(p, sizeof(p), "%s/%s", fx.stage, de->d_name);
			unlink(p);
		}
	closedir(d);
}

static void
default_out(struct bundle_out *b)
{
	memset(b, 0, sizeof(*b));
	b->site = "extranet";
	b->dir = "ext2int";
	b->epoch = 1;
	b->seq = 7;
	b->prev =
	    "1111111111111111111111111111111111111111111111111111111111111111";
	b->created = "2026-11-21T10:00:00Z";
	b->records = RECORDS;
	b->records_len = strlen(RECORDS);
	b->nrecords = 2;
	b->files = fx.files;
	b->nfiles = 2;
	b->acks = fx.acks;
}

static int
group_setup(void **state)
{
	char		 kp[PATH_MAX], pp[PATH_MAX], *big;
	const char	*small = "%PDF-1.4 a scanned licence\n";
	size_t		 i;
	char		 hash[65], err[512];
	struct bundle_out b;

	(void)state;
	strcpy(fx.dir, "/tmp/yw-bundle-oom-XXXXXX");
	if (mkdtemp(fx.dir) == NULL)
		return -1;
	snprintf(fx.stage, sizeof(fx.stage), "%s/stage", fx.dir);
	snprintf(fx.ref, sizeof(fx.ref), "%s/ref.ywb", fx.dir);
	if (mkdir(fx.stage, 0700) == -1)
		return -1;
	snprintf(kp, sizeof(kp), "%s/a.key", fx.dir);
	snprintf(pp, sizeof(pp), "%s/a.pub", fx.dir);
	if (crypto_keygen(kp, pp) == -1 ||
	    (fx.priv = crypto_load_private(kp)) == NULL ||
	    (fx.pub = crypto_load_public(pp)) == NULL)
		return -1;
	if ((fx.box_a = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL ||
	    (fx.box_b = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL)
		return -1;
	if ((big = malloc(BIG_LEN)) == NULL)
		return -1;
	for (i = 0; i < BIG_LEN; i++)
		big[i] = (char)('a' + i * 7 % 26);
	snprintf(fx.fpath[0], sizeof(fx.fpath[0]), "%s/att0", fx.dir);
	snprintf(fx.fpath[1], sizeof(fx.fpath[1]), "%s/att1", fx.dir);
	put_file(fx.fpath[0], small, strlen(small));
	put_file(fx.fpath[1], big, BIG_LEN);
	free(big);
	for (i = 0; i < 2; i++) {
		if (crypto_sha256_file(fx.fpath[i], fx.files[i].sha256) == -1)
			return -1;
		fx.files[i].path = fx.fpath[i];
	}
	fx.acks = json_pack("{s:[i,i],s:[]}", "imported", 5, 6, "missing");
	fx.wk.sign = fx.priv;
	fx.wk.box = fx.box_a;
	fx.wk.peer_box = fx.box_b;
	fx.rk.sign = fx.pub;
	fx.rk.box = fx.box_b;
	/* the reference run, which also warms OpenSSL's caches */
	default_out(&b);
	if (bundle_write(fx.ref, &b, &fx.wk, hash, err, sizeof(err)) == -1) {
		fprintf(stderr, "reference bundle: %s\n", err);
		return -1;
	}
	fx.refbuf = slurp(fx.ref, &fx.reflen);

	snprintf(kp, sizeof(kp), "%s/sm.key", fx.dir);
	snprintf(pp, sizeof(pp), "%s/sm.pub", fx.dir);
	snprintf(fx.sm_ref, sizeof(fx.sm_ref), "%s/sm-ref.ywb", fx.dir);
	if (crypto_sm2_keygen(kp, pp) == -1 ||
	    (fx.sm_priv = crypto_load_key(kp, 1, "SM2")) == NULL ||
	    (fx.sm_pub = crypto_load_key(pp, 0, "SM2")) == NULL ||
	    (fx.sm_box_a = crypto_sm2_from_seed((const unsigned char *)
	    "sender's box seed", 17)) == NULL ||
	    (fx.sm_box_b = crypto_sm2_from_seed((const unsigned char *)
	    "recipient's seed", 16)) == NULL)
		return -1;
	unlink(kp);
	unlink(pp);
	fx.sm_wk.sign = fx.sm_priv;
	fx.sm_wk.box = fx.sm_box_a;
	fx.sm_wk.peer_box = fx.sm_box_b;
	fx.sm_sign[0].key = fx.sm_pub;
	fx.sm_box[0].key = fx.sm_box_b;
	fx.sm_rk.suites = BUNDLE_INTL | BUNDLE_SM;
	fx.sm_rk.more_sign = fx.sm_sign;
	fx.sm_rk.nmore_sign = 1;
	fx.sm_rk.more_box = fx.sm_box;
	fx.sm_rk.nmore_box = 1;
	if (bundle_write(fx.sm_ref, &b, &fx.sm_wk, hash, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "reference SM bundle: %s\n", err);
		return -1;
	}
	fx.sm_refbuf = slurp(fx.sm_ref, &fx.sm_reflen);
	return 0;
}

static int
group_teardown(void **state)
{
	char	p[PATH_MAX];

	(void)state;
	EVP_PKEY_free(fx.priv);
	EVP_PKEY_free(fx.pub);
	EVP_PKEY_free(fx.box_a);
	EVP_PKEY_free(fx.box_b);
	EVP_PKEY_free(fx.sm_priv);
	EVP_PKEY_free(fx.sm_pub);
	EVP_PKEY_free(fx.sm_box_a);
	EVP_PKEY_free(fx.sm_box_b);
	json_decref(fx.acks);
	free(fx.refbuf);
	free(fx.sm_refbuf);
	unlink(fx.sm_ref);
	stage_clear();
	rmdir(fx.stage);
	unlink(fx.ref);
	unlink(fx.fpath[0]);
	unlink(fx.fpath[1]);
	snprintf(p, sizeof(p), "%s/a.key", fx.dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/a.pub", fx.dir);
	unlink(p);
	rmdir(fx.dir);
	return 0;
}

/*
 * The message of a run that failed says that memory ran short.  With
 * OOM_LIST set in the environment every message that does not is listed
 * instead of the first failing the test: to find them all at once.
 */
static void
says_nomem(long n, const char *err)
{
	if (strstr(err, "内存不足") == NULL && getenv("OOM_LIST") != NULL)
		fprintf(stderr, "run %ld: %s\n", n, err);
	else if (strstr(err, "内存不足") == NULL)
		fail_msg("run %ld: message \"%s\" does not say that memory "
		    "ran short", n, err);
}

/*
 * The writer: each failure leaves neither the bundle nor its .tmp;
 * a run that succeeds writes the reference bytes.
 */
static void
write_runs(const struct bundle_keys *wk, const unsigned char *refbuf,
    size_t reflen)
{
	struct bundle_out	 b;
	unsigned char		*buf;
	size_t			 len;
	char			 path[256], tmp[300], hash[65], err[512];
	long			 n, failed = 0;
	int			 rc;

	disarm();
	default_out(&b);
	snprintf(path, sizeof(path), "%s/w.ywb", fx.dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	for (n = 1; n < RUNS_MAX; n++) {
		err[0] = '\0';
		arm(n);
		rc = bundle_write(path, &b, wk, hash, err, sizeof(err));
		disarm();
		assert_int_equal(access(tmp, F_OK), -1);
		if (rc == 0) {
			buf = slurp(path, &len);
			assert_int_equal(len, reflen);
			assert_memory_equal(buf, refbuf, len);
			free(buf);
			unlink(path);
			if (!injected)
				break;
			continue;
		}
		assert_int_equal(rc, -1);
		assert_true(injected);
		says_nomem(n, err);
		assert_int_equal(access(path, F_OK), -1);
		failed++;
	}
	assert_true(n < RUNS_MAX);
	print_message("# bundle_write: %ld fallible calls, %ld runs failed "
	    "cleanly\n", n - 1, failed);
	assert_true(failed > 20);	/* the injection did reach the writer */
}

static void
test_write(void **state)
{
	(void)state;
	write_runs(&fx.wk, fx.refbuf, fx.reflen);
}

static void
test_write_sm(void **state)
{
	(void)state;
	write_runs(&fx.sm_wk, fx.sm_refbuf, fx.sm_reflen);
}

/*
 * The reader, from the file and from memory: each failure leaves in empty
 * and nothing staged; a run that succeeds gives the records and stages
 * both attachments.
 */
static void
read_runs(int from_file, const struct bundle_keys *rk, const char *ref,
    const unsigned char *refbuf, size_t reflen)
{
	struct bundle_in	 in;
	char			 err[512];
	long			 n, failed = 0;
	int			 rc;

	disarm();
	for (n = 1; n < RUNS_MAX; n++) {
		err[0] = '\0';
		memset(&in, 0x5a, sizeof(in));
		arm(n);
		if (from_file)
			rc = bundle_read(ref, rk, &nolimit, fx.stage, &in,
			    err, sizeof(err));
		else
			rc = bundle_read_mem(refbuf, reflen, rk, &nolimit,
			    fx.stage, &in, err, sizeof(err));
		disarm();
		if (rc == 0) {
			assert_int_equal(in.records_len, strlen(RECORDS));
			assert_string_equal(in.records, RECORDS);
			assert_int_equal(in.nfiles, 2);
			assert_int_equal(dir_count(fx.stage), 2);
			bundle_in_free(&in);
			stage_clear();
			if (!injected)
				break;
			continue;
		}
		assert_int_equal(rc, -1);
		assert_true(injected);
		says_nomem(n, err);
		assert_null(in.manifest);
		assert_null(in.records);
		assert_null(in.files);
		assert_null(in.sizes);
		assert_int_equal(in.nfiles, 0);
		assert_int_equal(dir_count(fx.stage), 0);
		failed++;
	}
	assert_true(n < RUNS_MAX);
	print_message("# bundle_read%s: %ld fallible calls, %ld runs failed "
	    "cleanly\n", from_file ? "" : "_mem", n - 1, failed);
	assert_true(failed > 20);
}

static void
test_read(void **state)
{
	(void)state;
	read_runs(1, &fx.rk, fx.ref, fx.refbuf, fx.reflen);
}

static void
test_read_mem(void **state)
{
	(void)state;
	read_runs(0, &fx.rk, fx.ref, fx.refbuf, fx.reflen);
}

static void
test_read_sm(void **state)
{
	(void)state;
	read_runs(0, &fx.sm_rk, fx.sm_ref, fx.sm_refbuf, fx.sm_reflen);
}

/* bundle_seal and bundle_open, which have no message to give. */
static void
test_seal_open(void **state)
{
	unsigned char	*plain, *sealed = NULL, *opened, epk[32], to[32];
	size_t		 i, slen = 0, olen;
	long		 n, failed = 0;
	int		 rc;

	(void)state;
	disarm();
	assert_non_null(plain = malloc(BIG_LEN));
	for (i = 0; i < BIG_LEN; i++)
		plain[i] = (unsigned char)(i * 13);
	assert_int_equal(crypto_box_public(fx.box_b, to), 0);
	for (n = 1; n < RUNS_MAX; n++) {
		arm(n);
		rc = bundle_seal(plain, BIG_LEN, fx.box_a, to, epk, &sealed,
		    &slen);
		disarm();
		if (rc == 0) {
			assert_int_equal(slen, BIG_LEN + 4 * 16);
			if (!injected)
				break;
			free(sealed);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_true(injected);
		assert_null(sealed);
		failed++;
	}
	assert_true(n < RUNS_MAX);
	assert_true(failed > 0);
	for (n = 1; n < RUNS_MAX; n++) {
		opened = NULL;
		arm(n);
		rc = bundle_open(sealed, slen, fx.box_b, epk, &opened, &olen);
		disarm();
		if (rc == 0) {
			assert_int_equal(olen, BIG_LEN);
			assert_memory_equal(opened, plain, BIG_LEN);
			free(opened);
			if (!injected)
				break;
			continue;
		}
		assert_int_equal(rc, -1);
		assert_true(injected);
		assert_null(opened);
		failed++;
	}
	assert_true(n < RUNS_MAX);
	print_message("# bundle_seal and bundle_open: %ld runs failed "
	    "cleanly\n", failed);
	free(sealed);
	free(plain);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_mem),
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test(test_write_sm),
		cmocka_unit_test(test_read_sm),
	};

	/* before OpenSSL or jansson allocate anything */
	if (oom_openssl() == -1)
		return 1;
	json_set_alloc_funcs(malloc, free);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
