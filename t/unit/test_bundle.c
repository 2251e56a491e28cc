/*
 * test_bundle.c: unit tests of cgi/gap/bundle.c: a bundle written and read
 * back, byte-identical rewrites, no plain text of the payload in the file
 * and the sealing as bundle.h describes it, and refusal of every altered,
 * cut short, extended, wrongly signed, wrongly sealed, oversize or
 * inconsistent bundle, with nothing left in the stage directory after any
 * refusal.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
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
#include <openssl/evp.h>

#include "crypto.h"
#include "bundle.h"
#include "files_fixture.h"

#define RECORDS	"{\"t\":\"application\",\"id\":1}\n{\"t\":\"step\",\"id\":2}\n"

static struct {
	char			 dir[64];
	char			 stage[256];
	EVP_PKEY		*priv, *pub, *other;
	/* X25519: the sender's own, the recipient's, a third site's */
	EVP_PKEY		*box_a, *box_b, *box_c;
	struct bundle_keys	 wk;	/* the sender writes with these */
	struct bundle_keys	 rk;	/* and the recipient reads with these */
	char			 fpath[2][PATH_MAX];
	struct bundle_file	 files[2];
	json_t			*acks;
} fx;

static struct bundle_in	 b_in;	/* a read that is expected to succeed */

static const struct bundle_limits nolimit = {
	UINT64_MAX, UINT64_MAX, UINT64_MAX, SIZE_MAX
};

static int
group_setup(void **state)
{
	static const char	*content[2] = {
		"%PDF-1.4 a scanned licence\n", "second attachment, longer "
		"than one line\nand with a second line\n"
	};
	char			 kp[PATH_MAX], pp[PATH_MAX];
	int			 i;

	(void)state;
	strcpy(fx.dir, "/tmp/yw-bundle-XXXXXX");
	if (mkdtemp(fx.dir) == NULL)
		return -1;
	snprintf(fx.stage, sizeof(fx.stage), "%s/stage", fx.dir);
	if (mkdir(fx.stage, 0700) == -1)
		return -1;
	snprintf(kp, sizeof(kp), "%s/a.key", fx.dir);
	snprintf(pp, sizeof(pp), "%s/a.pub", fx.dir);
	if (crypto_keygen(kp, pp) == -1 ||
	    (fx.priv = crypto_load_private(kp)) == NULL ||
	    (fx.pub = crypto_load_public(pp)) == NULL)
		return -1;
	snprintf(kp, sizeof(kp), "%s/b.key", fx.dir);
	snprintf(pp, sizeof(pp), "%s/b.pub", fx.dir);
	if (crypto_keygen(kp, pp) == -1 ||
	    (fx.other = crypto_load_public(pp)) == NULL)
		return -1;
	for (i = 0; i < 2; i++) {
		snprintf(fx.fpath[i], sizeof(fx.fpath[i]), "%s/att%d", fx.dir,
		    i);
		put_file(fx.fpath[i], content[i], strlen(content[i]));
		if (crypto_sha256_file(fx.fpath[i], fx.files[i].sha256) == -1)
			return -1;
		fx.files[i].path = fx.fpath[i];
	}
	fx.acks = json_pack("{s:[i,i],s:[]}", "imported", 5, 6, "missing");
	if ((fx.box_a = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL ||
	    (fx.box_b = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL ||
	    (fx.box_c = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL)
		return -1;
	fx.wk.sign = fx.priv;
	fx.wk.box = fx.box_a;
	fx.wk.peer_box = fx.box_b;	/* only its public half is used */
	fx.rk.sign = fx.pub;
	fx.rk.box = fx.box_b;
	return 0;
}

/* The recipient's keys, verifying with sign. */
static struct bundle_keys
rkeys(EVP_PKEY *sign)
{
	struct bundle_keys	k = { sign, fx.box_b, NULL };

	return k;
}

static int
group_teardown(void **state)
{
	(void)state;
	EVP_PKEY_free(fx.priv);
	EVP_PKEY_free(fx.pub);
	EVP_PKEY_free(fx.other);
	EVP_PKEY_free(fx.box_a);
	EVP_PKEY_free(fx.box_b);
	EVP_PKEY_free(fx.box_c);
	json_decref(fx.acks);
	rm_tree(fx.dir);
	return 0;
}

static void
default_out(struct bundle_out *b, size_t nfiles)
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
	b->nfiles = nfiles;
	b->acks = fx.acks;
}

/* Write a bundle with nfiles attachments and return its bytes. */
static unsigned char *
make_bundle(size_t nfiles, size_t *len)
{
	struct bundle_out	 b;
	char			 path[256], hash[65], err[256];
	unsigned char		*buf;

	default_out(&b, nfiles);
	snprintf(path, sizeof(path), "%s/made.ywb", fx.dir);
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), 0);
	buf = slurp(path, len);
	unlink(path);
	return buf;
}

/*
 * Expect buf to be refused when read with keys k, with a message, leaving
 * in and stage empty.
 */
static void
refused_k(const unsigned char *buf, size_t len, const struct bundle_keys *k,
    const struct bundle_limits *lim, const char *expect)
{
	struct bundle_in	in;
	char			err[512];

	err[0] = '\0';
	memset(&in, 0x5a, sizeof(in));
	if (bundle_read_mem(buf, len, k, lim, fx.stage, &in, err,
	    sizeof(err)) != -1)
		fail_msg("bundle of %zu bytes accepted", len);
	assert_true(err[0] != '\0');
	if (expect != NULL && strstr(err, expect) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, expect);
	assert_null(in.manifest);
	assert_null(in.records);
	assert_null(in.files);
	assert_null(in.sizes);
	assert_int_equal(in.nfiles, 0);
	assert_int_equal(dir_count(fx.stage), 0);
}

/* The same, read by the recipient verifying with key. */
static void
refused(const unsigned char *buf, size_t len, EVP_PKEY *key,
    const struct bundle_limits *lim, const char *expect)
{
	struct bundle_keys	k = rkeys(key);

	refused_k(buf, len, &k, lim, expect);
}

/* Read buf as the recipient and expect it to be accepted. */
static void
accepted(const unsigned char *buf, size_t len,
    const struct bundle_limits *lim, const char *stage)
{
	struct bundle_keys	k = rkeys(fx.pub);
	struct bundle_in	in;
	char			err[512];

	err[0] = '\0';
	if (bundle_read_mem(buf, len, &k, lim, stage, &in, err,
	    sizeof(err)) != 0)
		fail_msg("bundle refused: %s", err);
	bundle_in_free(&in);
}

/*
 * A bundle taken apart: its manifest (parsed) and its payload, to be
 * altered and signed again as if by a peer whose writer had a bug.
 */
struct parts {
	json_t			*man;
	const unsigned char	*payload;
	size_t			 plen;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
split(const unsigned char *buf, size_t len, struct parts *p)
{
	uint32_t	mlen, slen;

	mlen = be32(buf + 8);
	slen = be32(buf + 12 + mlen);
	assert_non_null(p->man = json_loadb((const char *)buf + 12, mlen, 0,
	    NULL));
	p->payload = buf + 16 + mlen + slen;
	p->plen = len - (16 + mlen + slen);
}

/*
 * Seal plain to the recipient (fx.box_b) with a fresh ephemeral key, as a
 * peer's writer would, and record the key in man's "enc"; the sealed
 * bytes are returned (malloc'd).
 */
static unsigned char *
seal_plain(json_t *man, const void *plain, size_t plen, size_t *slen)
{
	EVP_PKEY	*eph;
	unsigned char	 to[32], epk[32], *sealed;
	char		 tohex[65], epkhex[65];

	assert_non_null(eph = EVP_PKEY_Q_keygen(NULL, NULL, "X25519"));
	assert_int_equal(crypto_box_public(fx.box_b, to), 0);
	assert_int_equal(bundle_seal(plain, plen, eph, to, epk, &sealed,
	    slen), 0);
	EVP_PKEY_free(eph);
	crypto_hex(to, 32, tohex);
	crypto_hex(epk, 32, epkhex);
	assert_int_equal(json_object_set_new(man, "enc", json_pack(
	    "{s:s,s:s,s:s}", "alg", "x25519-hkdf-sha256-aes-256-gcm", "to",
	    tohex, "epk", epkhex)), 0);
	return sealed;
}

/*
 * A signed bundle of manifest man and the given payload, taken as sealed
 * bytes; when fix, the payload is plain: it is sealed first, and the
 * manifest's "enc" and payload size and digest are set to match.
 */
static unsigned char *
assemble(json_t *man, const void *payload, size_t plen, EVP_PKEY *key,
    int fix, size_t *len)
{
	unsigned char	*buf, sig[128], *sealed = NULL;
	char		*m, hex[SHA256_HEX];
	size_t		 mlen, siglen = sizeof(sig);

	if (fix) {
		payload = sealed = seal_plain(man, payload, plen, &plen);
		crypto_sha256_hex(payload, plen, hex);
		assert_int_equal(json_object_set_new(man, "payload",
		    json_pack("{s:I,s:s}", "size", (json_int_t)plen, "sha256",
		    hex)), 0);
	}
	assert_non_null(m = json_dumps(man, JSON_COMPACT | JSON_SORT_KEYS));
	mlen = strlen(m);
	assert_non_null(buf = malloc(16 + mlen + 64 + plen));
	memcpy(buf, BUNDLE_MAGIC, 8);
	buf[8] = (unsigned char)(mlen >> 24);
	buf[9] = (unsigned char)(mlen >> 16);
	buf[10] = (unsigned char)(mlen >> 8);
	buf[11] = (unsigned char)mlen;
	memcpy(buf + 12, m, mlen);
	assert_int_equal(crypto_sign(key, buf, 12 + mlen, sig, &siglen), 0);
	assert_int_equal(siglen, 64);
	memcpy(buf + 12 + mlen, "\0\0\0\x40", 4);
	memcpy(buf + 16 + mlen, sig, 64);
	memcpy(buf + 16 + mlen + 64, payload, plen);
	*len = 16 + mlen + 64 + plen;
	free(m);
	free(sealed);
	return buf;
}

/* Re-sign buf after mutate has had its way with the manifest. */
static unsigned char *
resign(const unsigned char *buf, size_t len, void (*mutate)(json_t *),
    size_t *outlen)
{
	struct parts	 p;
	unsigned char	*out;

	split(buf, len, &p);
	mutate(p.man);
	out = assemble(p.man, p.payload, p.plen, fx.priv, 0, outlen);
	json_decref(p.man);
	return out;
}

static void
test_roundtrip(void **state)
{
	struct bundle_out	 b;
	struct bundle_in	 in;
	struct stat		 st;
	unsigned char		*got, *want;
	size_t			 glen, wlen, i;
	char			 path[256], hash[65], fhash[65];
	char			 err[256], p[PATH_MAX];

	(void)state;
	default_out(&b, 2);
	snprintf(path, sizeof(path), "%s/rt.ywb", fx.dir);
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), 0);
	snprintf(p, sizeof(p), "%s.tmp", path);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(crypto_sha256_file(path, fhash), 0);
	assert_string_equal(hash, fhash);

	assert_int_equal(bundle_read(path, &fx.rk, &nolimit, fx.stage, &in,
	    err, sizeof(err)), 0);
	assert_string_equal(in.hash, hash);
	assert_string_equal(in.site, "extranet");
	assert_string_equal(in.dir, "ext2int");
	assert_int_equal(in.epoch, 1);
	assert_int_equal(in.seq, 7);
	assert_string_equal(in.prev, b.prev);
	assert_int_equal(in.records_len, strlen(RECORDS));
	assert_string_equal(in.records, RECORDS);
	assert_int_equal(json_integer_value(json_object_get(in.manifest,
	    "records")), 2);
	assert_true(json_equal(json_object_get(in.manifest, "acks"),
	    fx.acks));
	assert_string_equal(json_string_value(json_object_get(in.manifest,
	    "created")), b.created);
	assert_int_equal(in.nfiles, 2);
	assert_int_equal(dir_count(fx.stage), 2);
	for (i = 0; i < 2; i++) {
		assert_string_equal(in.files[i], fx.files[i].sha256);
		snprintf(p, sizeof(p), "%s/%s", fx.stage, in.files[i]);
		assert_int_equal(stat(p, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		got = slurp(p, &glen);
		want = slurp(fx.fpath[i], &wlen);
		assert_int_equal(glen, wlen);
		assert_memory_equal(got, want, glen);
		/* Its size as verified, for the validators (gap.c). */
		assert_int_equal(in.sizes[i], wlen);
		free(got);
		free(want);
		unlink(p);
	}
	bundle_in_free(&in);
	assert_null(in.manifest);
	bundle_in_free(&in);		/* twice is harmless */

	/* without a stage directory: checked, nothing kept */
	got = slurp(path, &glen);
	assert_int_equal(bundle_read_mem(got, glen, &fx.rk, NULL, NULL, &in,
	    err, sizeof(err)), 0);
	assert_int_equal(in.nfiles, 2);
	assert_string_equal(in.hash, hash);
	assert_int_equal(dir_count(fx.stage), 0);
	bundle_in_free(&in);
	free(got);
	unlink(path);
}

static void
test_empty(void **state)
{
	struct bundle_out	b;
	struct bundle_in	in;
	char			path[256], hash[65], err[256];

	(void)state;
	default_out(&b, 0);
	b.records = NULL;
	b.records_len = 0;
	b.nrecords = 0;
	b.acks = NULL;
	b.prev = "";
	b.site = "intranet";
	b.dir = "int2ext";
	b.seq = 0;
	snprintf(path, sizeof(path), "%s/empty.ywb", fx.dir);
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), 0);
	assert_int_equal(bundle_read(path, &fx.rk, &nolimit, fx.stage, &in,
	    err, sizeof(err)), 0);
	assert_int_equal(in.records_len, 0);
	assert_string_equal(in.records, "");
	assert_int_equal(in.nfiles, 0);
	assert_null(in.files);
	assert_null(in.sizes);
	assert_string_equal(in.prev, "");
	assert_string_equal(in.site, "intranet");
	assert_true(json_is_null(json_object_get(in.manifest, "acks")));
	bundle_in_free(&in);
	unlink(path);
}

/* The manifest's "enc" value key, decoded from hex. */
static void
enc_value(json_t *man, const char *key, unsigned char out[32])
{
	json_t	*v = json_object_get(json_object_get(man, "enc"), key);

	assert_non_null(json_string_value(v));
	assert_int_equal(crypto_unhex(json_string_value(v), out, 32), 0);
}

/* 1 when the bundles at a and b were sealed with other ephemeral keys. */
static int
epk_differs(const char *a, const char *b)
{
	unsigned char	*x, *y, ex[32], ey[32];
	struct parts	 px, py;
	size_t		 xl, yl;

	x = slurp(a, &xl);
	y = slurp(b, &yl);
	split(x, xl, &px);
	split(y, yl, &py);
	enc_value(px.man, "epk", ex);
	enc_value(py.man, "epk", ey);
	json_decref(px.man);
	json_decref(py.man);
	free(x);
	free(y);
	return memcmp(ex, ey, 32) != 0;
}

static void
test_deterministic(void **state)
{
	struct bundle_out	 b;
	struct bundle_file	 rev[2];
	unsigned char		*a, *c;
	size_t			 alen, clen;
	char			 p1[PATH_MAX], p2[PATH_MAX];
	char			 h1[65], h2[65], err[256];

	(void)state;
	default_out(&b, 2);
	snprintf(p1, sizeof(p1), "%s/d1.ywb", fx.dir);
	snprintf(p2, sizeof(p2), "%s/d2.ywb", fx.dir);
	assert_int_equal(bundle_write(p1, &b, &fx.wk, h1, err,
	    sizeof(err)), 0);
	sleep(1);	/* a clock that leaked in would now differ */
	assert_int_equal(bundle_write(p2, &b, &fx.wk, h2, err,
	    sizeof(err)), 0);
	assert_string_equal(h1, h2);
	a = slurp(p1, &alen);
	c = slurp(p2, &clen);
	assert_int_equal(alen, clen);
	assert_memory_equal(a, c, alen);
	free(c);

	/* a rerun over an existing bundle gives the same bytes again */
	assert_int_equal(bundle_write(p1, &b, &fx.wk, h2, err,
	    sizeof(err)), 0);
	c = slurp(p1, &clen);
	assert_int_equal(alen, clen);
	assert_memory_equal(a, c, alen);
	free(a);
	free(c);

	/* another order of attachments is another bundle */
	rev[0] = fx.files[1];
	rev[1] = fx.files[0];
	b.files = rev;
	assert_int_equal(bundle_write(p2, &b, &fx.wk, h2, err,
	    sizeof(err)), 0);
	assert_string_not_equal(h1, h2);
	assert_true(epk_differs(p1, p2));

	/* so are other records, and the same payload at another seq */
	default_out(&b, 2);
	b.records = "{\"t\":\"application\",\"id\":9}\n";
	b.records_len = strlen(b.records);
	b.nrecords = 1;
	assert_int_equal(bundle_write(p2, &b, &fx.wk, h2, err,
	    sizeof(err)), 0);
	assert_true(epk_differs(p1, p2));
	default_out(&b, 2);
	b.seq = 8;
	assert_int_equal(bundle_write(p2, &b, &fx.wk, h2, err,
	    sizeof(err)), 0);
	assert_true(epk_differs(p1, p2));
	unlink(p1);
	unlink(p2);
}

/* Every single bit flip, anywhere in the file, is refused. */
static void
test_tamper_every_byte(void **state)
{
	unsigned char	*buf;
	size_t		 len, off;
	struct bundle_in in;
	char		 err[256];

	(void)state;
	buf = make_bundle(1, &len);
	assert_true(len > 1000);
	assert_int_equal(bundle_read_mem(buf, len, &fx.rk, &nolimit, NULL,
	    &in, err, sizeof(err)), 0);
	bundle_in_free(&in);
	for (off = 0; off < len; off++) {
		buf[off] ^= (unsigned char)(1 << (off % 8));
		refused(buf, len, fx.pub, &nolimit, NULL);
		buf[off] ^= (unsigned char)(1 << (off % 8));
	}
	/* and the file is good again once restored */
	assert_int_equal(bundle_read_mem(buf, len, &fx.rk, &nolimit, fx.stage,
	    &in, err, sizeof(err)), 0);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);
	free(buf);
}

static void
test_truncated(void **state)
{
	unsigned char	*buf;
	size_t		 len, cut[12], i, mlen;

	(void)state;
	buf = make_bundle(2, &len);
	mlen = be32(buf + 8);
	cut[0] = 0;
	cut[1] = 1;
	cut[2] = 7;
	cut[3] = 8;
	cut[4] = 11;
	cut[5] = 12;
	cut[6] = 12 + mlen;		/* manifest, no signature */
	cut[7] = 16 + mlen + 63;	/* signature cut short */
	cut[8] = 16 + mlen + 64;	/* no payload */
	cut[9] = len / 2;
	cut[10] = len - 512;
	cut[11] = len - 1;
	for (i = 0; i < 12; i++)
		refused(buf, cut[i], fx.pub, &nolimit, cut[i] < 8 ?
		    NULL : "不完整");
	free(buf);
}

static void
test_appended(void **state)
{
	unsigned char	*buf, *big;
	size_t		 len;

	(void)state;
	buf = make_bundle(1, &len);
	assert_non_null(big = calloc(1, len + 1024));
	memcpy(big, buf, len);
	refused(big, len + 1, fx.pub, &nolimit, "多出");
	refused(big, len + 1024, fx.pub, &nolimit, "多出");
	big[len] = 'x';
	refused(big, len + 1, fx.pub, &nolimit, "多出");
	free(big);
	free(buf);
}

static void
test_not_a_bundle(void **state)
{
	struct bundle_in	in;
	char			path[256], err[256];

	(void)state;
	refused((const unsigned char *)"PK\3\4 a zip file, not ours", 26,
	    fx.pub, &nolimit, "文件头不正确");
	refused((const unsigned char *)"YWBNDL09\0\0\0\0", 12, fx.pub,
	    &nolimit, "文件头不正确");
	/* a manifest length far past the limit */
	refused((const unsigned char *)"YWBNDL02\xff\xff\xff\xff", 12,
	    fx.pub, &nolimit, "清单超过");

	snprintf(path, sizeof(path), "%s/absent.ywb", fx.dir);
	assert_int_equal(bundle_read(path, &fx.rk, &nolimit, fx.stage, &in,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "无法打开"));
	snprintf(path, sizeof(path), "%s/zero.ywb", fx.dir);
	put_file(path, "", 0);
	assert_int_equal(bundle_read(path, &fx.rk, &nolimit, fx.stage, &in,
	    err, sizeof(err)), -1);
	unlink(path);
	assert_int_equal(bundle_read(fx.dir, &fx.rk, &nolimit, fx.stage, &in,
	    err, sizeof(err)), -1);
}

static void
test_wrong_key(void **state)
{
	EVP_PKEY	*stranger;
	unsigned char	*buf, *forged;
	size_t		 len, flen;
	struct parts	 p;

	(void)state;
	buf = make_bundle(2, &len);
	refused(buf, len, fx.other, &nolimit, "签名验证失败");
	refused(buf, len, NULL, &nolimit, "公钥");

	/* the same manifest and payload, well signed by a stranger */
	assert_non_null(stranger = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519"));
	split(buf, len, &p);
	forged = assemble(p.man, p.payload, p.plen, stranger, 0, &flen);
	json_decref(p.man);
	refused(forged, flen, fx.pub, &nolimit, "签名验证失败");
	EVP_PKEY_free(stranger);
	free(forged);
	free(buf);
}

static void
test_limits(void **state)
{
	struct bundle_limits	 lim = nolimit;
	struct bundle_in	 in;
	unsigned char		*buf;
	char			 err[256], path[256];
	size_t			 len, big;

	(void)state;
	buf = make_bundle(2, &len);
	big = strlen("second attachment, longer than one line\n"
	    "and with a second line\n");

	lim.max_total = len - 1;
	refused(buf, len, fx.pub, &lim, "上限");
	snprintf(path, sizeof(path), "%s/lim.ywb", fx.dir);
	put_file(path, buf, len);
	assert_int_equal(bundle_read(path, &fx.rk, &lim, fx.stage, &in, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "上限"));
	unlink(path);
	lim = nolimit;
	lim.max_records = strlen(RECORDS) - 1;
	refused(buf, len, fx.pub, &lim, "记录");
	lim = nolimit;
	lim.max_file = big - 1;
	refused(buf, len, fx.pub, &lim, "单个附件上限");
	lim = nolimit;
	lim.max_files = 1;
	refused(buf, len, fx.pub, &lim, "附件");
	lim.max_files = 0;
	refused(buf, len, fx.pub, &lim, "附件");

	/* exactly at every limit is accepted */
	lim.max_total = len;
	lim.max_records = strlen(RECORDS);
	lim.max_file = big;
	lim.max_files = 2;
	assert_int_equal(bundle_read_mem(buf, len, &fx.rk, &lim, fx.stage,
	    &in, err, sizeof(err)), 0);
	assert_int_equal(dir_count(fx.stage), 2);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);
	free(buf);
}

/* A member the manifest lists but the payload lacks. */
static void
add_absent(json_t *man)
{
	char	hex[SHA256_HEX], name[80];

	crypto_sha256_hex("zzz", 3, hex);
	snprintf(name, sizeof(name), "files/%s", hex);
	json_array_append_new(json_object_get(man, "members"),
	    json_pack("{s:s,s:i,s:s}", "name", name, "size", 3, "sha256",
	    hex));
}

static void
drop_last(json_t *man)
{
	json_t	*m = json_object_get(man, "members");

	json_array_remove(m, json_array_size(m) - 1);
}

static void
swap_files(json_t *man)
{
	json_t	*m = json_object_get(man, "members"), *a;

	a = json_incref(json_array_get(m, 1));
	json_array_remove(m, 1);
	json_array_append_new(m, a);
}

static void
dup_file(json_t *man)
{
	json_t	*m = json_object_get(man, "members");

	json_array_set(m, 2, json_array_get(m, 1));
}

static void
records_not_first(json_t *man)
{
	json_t	*m = json_object_get(man, "members"), *a;

	a = json_incref(json_array_get(m, 0));
	json_array_remove(m, 0);
	json_array_append_new(m, a);
}

static void
bigger_file(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 2);

	json_object_set_new(f, "size", json_integer(
	    json_integer_value(json_object_get(f, "size")) + 1));
}

static void
huge_file(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 2);

	json_object_set_new(f, "size", json_integer(INT64_MAX));
}

static void
smaller_records(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 0);

	json_object_set_new(f, "size", json_integer(
	    json_integer_value(json_object_get(f, "size")) - 1));
}

static void
wrong_digest(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 0);
	char	 hex[SHA256_HEX];

	crypto_sha256_hex("other", 5, hex);
	json_object_set_new(f, "sha256", json_string(hex));
}

static void
name_not_digest(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 2);
	char	 hex[SHA256_HEX];

	crypto_sha256_hex("other", 5, hex);
	json_object_set_new(f, "sha256", json_string(hex));
}

static void
dotdot_name(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 1);

	json_object_set_new(f, "name", json_string("files/../../etc/passwd"));
}

static void
upper_name(json_t *man)
{
	json_t	*f = json_array_get(json_object_get(man, "members"), 1);
	char	 name[80];
	size_t	 i;

	snprintf(name, sizeof(name), "%s", json_string_value(
	    json_object_get(f, "name")));
	for (i = 6; name[i] != '\0'; i++)
		if (name[i] >= 'a' && name[i] <= 'f')
			name[i] -= 'a' - 'A';
	json_object_set_new(f, "name", json_string(name));
}

static void no_site(json_t *m) { json_object_del(m, "site"); }
static void no_dir(json_t *m) { json_object_del(m, "dir"); }
static void no_epoch(json_t *m) { json_object_del(m, "epoch"); }
static void no_seq(json_t *m) { json_object_del(m, "seq"); }
static void no_prev(json_t *m) { json_object_del(m, "prev"); }
static void no_acks(json_t *m) { json_object_del(m, "acks"); }
static void no_members(json_t *m) { json_object_del(m, "members"); }
static void no_payload(json_t *m) { json_object_del(m, "payload"); }

static void
seq_string(json_t *m)
{
	json_object_set_new(m, "seq", json_string("7"));
}

static void
epoch_real(json_t *m)
{
	json_object_set_new(m, "epoch", json_real(1.0));
}

static void
site_number(json_t *m)
{
	json_object_set_new(m, "site", json_integer(1));
}

static void
site_dir_mismatch(json_t *m)
{
	json_object_set_new(m, "dir", json_string("int2ext"));
}

static void
prev_bad(json_t *m)
{
	json_object_set_new(m, "prev", json_string("xyz"));
}

static void
seq_negative(json_t *m)
{
	json_object_set_new(m, "seq", json_integer(-1));
}

static void
format_1(json_t *m)
{
	json_object_set_new(m, "format", json_integer(1));
}

static void
manifest_empty(json_t *m)
{
	json_object_clear(m);
}

/* Set the manifest's "enc" value key to the public value of k. */
static void
set_enc(json_t *m, const char *key, EVP_PKEY *k)
{
	unsigned char	pub[32];
	char		hex[65];

	assert_int_equal(crypto_box_public(k, pub), 0);
	crypto_hex(pub, 32, hex);
	json_object_set_new(json_object_get(m, "enc"), key, json_string(hex));
}

static void to_other(json_t *m) { set_enc(m, "to", fx.box_c); }
static void epk_other(json_t *m) { set_enc(m, "epk", fx.box_c); }

static void
epk_zero(json_t *m)
{
	json_object_set_new(json_object_get(m, "enc"), "epk", json_string(
	    "0000000000000000000000000000000000000000000000000000000000000000"));
}

static void
enc_alg(json_t *m)
{
	json_object_set_new(json_object_get(m, "enc"), "alg",
	    json_string("sm2-sm4-ctr-hmac-sm3"));
}

static void
enc_missing(json_t *m)
{
	json_object_del(m, "enc");
}

static void
enc_extra(json_t *m)
{
	json_object_set_new(json_object_get(m, "enc"), "iv", json_string(""));
}

static void
to_upper(json_t *m)
{
	json_t	*enc = json_object_get(m, "enc");
	char	 hex[65];
	size_t	 i;

	snprintf(hex, sizeof(hex), "%s", json_string_value(
	    json_object_get(enc, "to")));
	for (i = 0; hex[i] != '\0'; i++)
		if (hex[i] >= 'a' && hex[i] <= 'f')
			hex[i] -= 'a' - 'A';
	json_object_set_new(enc, "to", json_string(hex));
}

static void
test_manifest_inconsistent(void **state)
{
	static const struct {
		void		 (*mutate)(json_t *);
		const char	*expect;
	} cases[] = {
		{ add_absent, "缺少成员" },
		{ drop_last, "清单以外" },
		{ swap_files, "清单不符" },
		{ dup_file, "两次" },
		{ records_not_first, "成员" },
		{ bigger_file, "清单不符" },
		{ huge_file, "超出" },
		{ smaller_records, "清单不符" },
		{ wrong_digest, "摘要" },
		{ name_not_digest, "成员" },
		{ dotdot_name, "成员" },
		{ upper_name, "成员" },
		{ no_site, "站点" },
		{ no_dir, "站点" },
		{ no_epoch, "序号" },
		{ no_seq, "序号" },
		{ no_prev, "摘要" },
		{ no_acks, "缺少字段" },
		{ no_members, "成员列表" },
		{ no_payload, "载荷" },
		{ seq_string, "序号" },
		{ epoch_real, "序号" },
		{ site_number, "站点" },
		{ site_dir_mismatch, "站点" },
		{ prev_bad, "摘要" },
		{ seq_negative, "序号" },
		{ format_1, "版本" },
		{ manifest_empty, "版本" },
		/* the sealing: another ephemeral value than the one used */
		{ epk_other, "无法解密" },
		{ epk_zero, "加密信息无效" },
		{ enc_alg, "不受支持" },
		{ enc_missing, "加密信息" },
		{ enc_extra, "加密信息" },
		{ to_upper, "加密信息" },
	};
	struct parts	 p;
	json_t		*arr;
	unsigned char	*buf, *bad;
	size_t		 len, blen, i;

	(void)state;
	buf = make_bundle(2, &len);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = resign(buf, len, cases[i].mutate, &blen);
		refused(bad, blen, fx.pub, &nolimit, cases[i].expect);
		free(bad);
	}

	/* well signed, but not a JSON object */
	split(buf, len, &p);
	json_decref(p.man);
	assert_non_null(arr = json_pack("[i]", 1));
	bad = assemble(arr, p.payload, p.plen, fx.priv, 0, &blen);
	refused(bad, blen, fx.pub, &nolimit, "清单格式不正确");
	json_decref(arr);
	free(bad);
	free(buf);
}

#define HARDLINK	1	/* not an AE_IF* value */

struct tent {
	const char	*name;
	int		 type;	/* AE_IFREG, AE_IFLNK, AE_IFDIR, HARDLINK */
	const char	*data;
};

/* A tar payload of the given entries, as a writer with a bug might make. */
static unsigned char *
make_tar(const struct tent *t, size_t n, int pax, size_t *len)
{
	struct archive		*a;
	struct archive_entry	*e;
	unsigned char		*buf;
	size_t			 cap = 65536, i, dlen;

	assert_non_null(buf = calloc(1, cap));
	assert_non_null(a = archive_write_new());
	if (pax)
		archive_write_set_format_pax(a);
	else
		archive_write_set_format_ustar(a);
	archive_write_set_bytes_in_last_block(a, 1);
	assert_int_equal(archive_write_open_memory(a, buf, cap, len),
	    ARCHIVE_OK);
	for (i = 0; i < n; i++) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, t[i].name);
		archive_entry_set_filetype(e, t[i].type == HARDLINK ?
		    AE_IFREG : (unsigned)t[i].type);
		archive_entry_set_perm(e, 0644);
		dlen = t[i].type == AE_IFREG ? strlen(t[i].data) : 0;
		archive_entry_set_size(e, (la_int64_t)dlen);
		if (t[i].type == AE_IFLNK)
			archive_entry_set_symlink(e, t[i].data);
		if (t[i].type == HARDLINK)
			archive_entry_set_hardlink(e, t[i].data);
		if (pax)
			archive_entry_copy_fflags_text(e, "nodump");
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		if (dlen > 0)
			assert_int_equal(archive_write_data(a, t[i].data,
			    dlen), (la_ssize_t)dlen);
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return buf;
}

/*
 * Payloads whose manifest entries are right for name, size and digest but
 * whose members are not plain files: refused although signed.
 */
static void
test_payload_members(void **state)
{
	struct tent	 t[2];
	json_t		*man, *members;
	unsigned char	*buf, *tar, *bad;
	size_t		 len, tlen, blen, i;
	char		 hex[SHA256_HEX], name[80], rhex[SHA256_HEX];
	struct parts	 p;
	struct bundle_in in;
	const char	*expect;
	char		 err[256];

	(void)state;
	buf = make_bundle(0, &len);
	split(buf, len, &p);
	man = p.man;
	crypto_sha256_hex("", 0, hex);
	snprintf(name, sizeof(name), "files/%s", hex);
	crypto_sha256_hex(RECORDS, strlen(RECORDS), rhex);
	members = json_pack("[{s:s,s:I,s:s},{s:s,s:i,s:s}]",
	    "name", "records.jsonl", "size", (json_int_t)strlen(RECORDS),
	    "sha256", rhex, "name", name, "size", 0, "sha256", hex);
	json_object_set_new(man, "members", members);

	t[0].name = "records.jsonl";
	t[0].type = AE_IFREG;
	t[0].data = RECORDS;
	t[1].name = name;
	for (i = 0; i < 6; i++) {
		expect = "不是普通文件";
		switch (i) {
		case 0:		/* a control: the good form is accepted */
			t[1].type = AE_IFREG;
			t[1].data = "";
			break;
		case 1:
			t[1].type = AE_IFLNK;
			t[1].data = "/etc/passwd";
			break;
		case 2:
			t[1].type = AE_IFDIR;
			t[1].data = "";
			/* written as "files/<hex>/" */
			expect = "清单不符";
			break;
		case 3:		/* in pax form too */
			t[1].type = AE_IFLNK;
			t[1].data = "../../x";
			break;
		case 4:
			t[1].type = HARDLINK;
			t[1].data = "records.jsonl";
			break;
		case 5:		/* pax headers alone change nothing */
			t[1].type = AE_IFREG;
			t[1].data = "";
			break;
		}
		tar = make_tar(t, 2, i >= 3, &tlen);
		bad = assemble(man, tar, tlen, fx.priv, 1, &blen);
		if (i == 0 || i == 5) {
			assert_int_equal(bundle_read_mem(bad, blen, &fx.rk,
			    &nolimit, NULL, &in, err, sizeof(err)), 0);
			bundle_in_free(&in);
		} else
			refused(bad, blen, fx.pub, &nolimit, expect);
		free(bad);
		free(tar);
	}
	json_decref(man);
	free(buf);
}

/* A failure after some attachments were staged takes them all back. */
static void
test_staged_then_refused(void **state)
{
	unsigned char	*buf, *bad;
	size_t		 len, blen;

	(void)state;
	buf = make_bundle(2, &len);
	bad = resign(buf, len, add_absent, &blen);
	refused(bad, blen, fx.pub, &nolimit, "缺少成员");
	free(bad);
	bad = resign(buf, len, drop_last, &blen);
	refused(bad, blen, fx.pub, &nolimit, "清单以外");
	free(bad);
	free(buf);
}

/* 1 when needle occurs in the len bytes of buf. */
static int
contains(const unsigned char *buf, size_t len, const char *needle)
{
	return memmem(buf, len, needle, strlen(needle)) != NULL;
}

/*
 * No plain text of the payload is in the file, and the sealing is the one
 * bundle.h describes: the recipient's secret and epk give K through
 * X25519 and HKDF, and K with nonce 0 || last opens the only segment.
 */
static void
test_sealed(void **state)
{
	unsigned char	*buf, *plain, to[32], epk[32], z[32], salt[64];
	unsigned char	 key[32], nonce[12] = { 0 };
	const char	*info = "yiwang bundle 2 aes-256-gcm";
	struct parts	 p;
	size_t		 len, plen;

	(void)state;
	buf = make_bundle(2, &len);
	assert_true(contains(buf, len, "YWBNDL02"));
	assert_false(contains(buf, len, "application"));	/* a record */
	assert_false(contains(buf, len, "ustar"));	/* a tar header */
	assert_false(contains(buf, len, "%PDF"));
	assert_false(contains(buf, len, "scanned licence"));
	assert_false(contains(buf, len, "second attachment"));

	split(buf, len, &p);
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(p.man, "enc"), "alg")),
	    "x25519-hkdf-sha256-aes-256-gcm");
	enc_value(p.man, "to", to);
	enc_value(p.man, "epk", epk);
	assert_int_equal(crypto_box_public(fx.box_b, salt), 0);
	assert_memory_equal(to, salt, 32);
	assert_int_equal(crypto_x25519(fx.box_b, epk, z), 0);
	memcpy(salt, epk, 32);
	memcpy(salt + 32, to, 32);
	assert_int_equal(crypto_hkdf(z, 32, salt, 64, info, strlen(info),
	    key, 32), 0);
	plen = p.plen - 16;		/* one segment */
	assert_true(plen < 65536);
	nonce[11] = 1;			/* the last */
	assert_non_null(plain = malloc(plen));
	assert_int_equal(crypto_gcm_open(key, nonce, p.payload, plen,
	    p.payload + plen, plain), 0);
	assert_memory_equal(plain, "records.jsonl", 13);
	assert_true(contains(plain, plen, "scanned licence"));
	/* as a middle segment it would not open */
	nonce[11] = 0;
	assert_int_equal(crypto_gcm_open(key, nonce, p.payload, plen,
	    p.payload + plen, plain), -1);
	free(plain);
	json_decref(p.man);
	free(buf);
}

static void
test_old_format(void **state)
{
	unsigned char	*buf;
	size_t		 len;

	(void)state;
	buf = make_bundle(1, &len);
	memcpy(buf, "YWBNDL01", 8);
	refused(buf, len, fx.pub, &nolimit, "旧格式");
	free(buf);
}

/*
 * A bundle sealed to another site, or read with another key, is refused
 * with a message that says so; a well-signed manifest that claims another
 * recipient does not decrypt there either.  (Other lies about the sealing:
 * test_manifest_inconsistent.)
 */
static void
test_wrong_recipient(void **state)
{
	struct bundle_keys	 k;
	struct bundle_out	 b;
	unsigned char		*buf, *bad;
	size_t			 len, blen;
	char			 path[256], hash[65], err[256];

	(void)state;
	buf = make_bundle(2, &len);
	accepted(buf, len, &nolimit, NULL);

	/* another site's key: it was not sealed to that site */
	k = rkeys(fx.pub);
	k.box = fx.box_c;
	refused_k(buf, len, &k, &nolimit, "发给另一个站点");
	k.box = NULL;
	refused_k(buf, len, &k, &nolimit, "加密私钥");
	k.box = fx.pub;		/* a signing key cannot decrypt */
	refused_k(buf, len, &k, &nolimit, "加密私钥");

	/* the manifest claims site C, signed, but sealed to B */
	bad = resign(buf, len, to_other, &blen);
	k.box = fx.box_c;
	refused_k(bad, blen, &k, &nolimit, "无法解密");
	refused(bad, blen, fx.pub, &nolimit, "发给另一个站点");
	free(bad);
	free(buf);

	/* a bundle that site A really wrote for site C */
	default_out(&b, 1);
	k = fx.wk;
	k.peer_box = fx.box_c;
	snprintf(path, sizeof(path), "%s/to-c.ywb", fx.dir);
	assert_int_equal(bundle_write(path, &b, &k, hash, err, sizeof(err)),
	    0);
	buf = slurp(path, &len);
	refused(buf, len, fx.pub, &nolimit, "发给另一个站点");
	k = rkeys(fx.pub);
	k.box = fx.box_c;
	assert_int_equal(bundle_read_mem(buf, len, &k, &nolimit, NULL, &b_in,
	    err, sizeof(err)), 0);
	bundle_in_free(&b_in);
	free(buf);
	unlink(path);
}

/* buf with its payload replaced by payload, signed again. */
static unsigned char *
with_payload(const unsigned char *buf, size_t len, const void *payload,
    size_t plen, size_t *outlen)
{
	struct parts	 p;
	unsigned char	*out;
	char		 hex[SHA256_HEX];

	split(buf, len, &p);
	crypto_sha256_hex(payload, plen, hex);
	json_object_set_new(p.man, "payload", json_pack("{s:I,s:s}", "size",
	    (json_int_t)plen, "sha256", hex));
	out = assemble(p.man, payload, plen, fx.priv, 0, outlen);
	json_decref(p.man);
	return out;
}

/*
 * A payload of several segments: read back whole; segments swapped, cut
 * off or cut short are refused even when the signer vouches for them.
 */
static void
test_segments(void **state)
{
	struct bundle_out	 b;
	struct bundle_file	 f;
	struct parts		 p;
	unsigned char		*data, *buf, *bad, *pl;
	size_t			 len, blen, i, n = 196000, seg = 65536 + 16;
	const struct {
		size_t		 len;
		const char	*expect;
	} cuts[] = {
		{ 3 * seg, "无法解密" },
		{ 3 * seg + 7, "密文长度" },
		{ 3 * seg + 16, "密文长度" },
		{ 15, "密文长度" },
	};
	char			 path[PATH_MAX], att[PATH_MAX], hash[65];
	char			 err[256];

	(void)state;
	assert_non_null(data = malloc(n));
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	snprintf(att, sizeof(att), "%s/big-att", fx.dir);
	put_file(att, data, n);
	assert_int_equal(crypto_sha256_file(att, f.sha256), 0);
	f.path = att;
	default_out(&b, 0);
	b.files = &f;
	b.nfiles = 1;
	snprintf(path, sizeof(path), "%s/big.ywb", fx.dir);
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), 0);
	buf = slurp(path, &len);
	unlink(path);
	assert_int_equal(bundle_read_mem(buf, len, &fx.rk, &nolimit, fx.stage,
	    &b_in, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/%s", fx.stage, f.sha256);
	free(slurp(path, &blen));
	assert_int_equal(blen, n);
	unlink(path);
	bundle_in_free(&b_in);

	split(buf, len, &p);
	assert_true(p.plen > 3 * seg && p.plen < 4 * seg);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    p.man, "payload"), "size")), (json_int_t)p.plen);
	assert_non_null(pl = malloc(p.plen));

	/* the second and third segments swapped */
	memcpy(pl, p.payload, p.plen);
	memcpy(pl + seg, p.payload + 2 * seg, seg);
	memcpy(pl + 2 * seg, p.payload + seg, seg);
	bad = with_payload(buf, len, pl, p.plen, &blen);
	refused(bad, blen, fx.pub, &nolimit, "无法解密");
	free(bad);
	/*
	 * Cut short: the last segment cut off (the third is then read as
	 * the last); a cut that leaves no whole tag; a tag alone as an empty
	 * last segment, which only an empty payload may have; less than a
	 * tag.
	 */
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		bad = with_payload(buf, len, p.payload, cuts[i].len, &blen);
		refused(bad, blen, fx.pub, &nolimit, cuts[i].expect);
		free(bad);
	}

	free(pl);
	json_decref(p.man);
	free(buf);
	free(data);
	unlink(att);
}

static void
test_writer_refuses(void **state)
{
	struct bundle_out	b;
	struct bundle_keys	k;
	struct bundle_file	f[2];
	char			path[256], hash[65], err[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/w.ywb", fx.dir);

	default_out(&b, 2);
	f[0] = fx.files[0];
	f[1] = fx.files[0];
	b.files = f;
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "两次"));

	f[1] = fx.files[1];
	f[1].sha256[0] = f[1].sha256[0] == '0' ? '1' : '0';
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "不符"));

	f[1] = fx.files[1];
	f[1].path = "/nonexistent/yw";
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "无法读取"));

	default_out(&b, 2);
	b.dir = "int2ext";
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), -1);
	default_out(&b, 2);
	b.prev = "abc";
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), -1);
	default_out(&b, 2);
	k = fx.wk;
	k.sign = fx.pub;	/* a public key cannot sign */
	assert_int_equal(bundle_write(path, &b, &k, hash, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "签名"));
	k = fx.wk;
	k.peer_box = NULL;	/* no recipient: never written in the clear */
	assert_int_equal(bundle_write(path, &b, &k, hash, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "加密公钥"));
	k = fx.wk;
	k.peer_box = fx.pub;	/* a signing key is no encryption key */
	assert_int_equal(bundle_write(path, &b, &k, hash, err,
	    sizeof(err)), -1);
	k = fx.wk;
	k.box = NULL;
	assert_int_equal(bundle_write(path, &b, &k, hash, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "加密私钥"));

	/* nothing left behind by any of these */
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/w.ywb.tmp", fx.dir);
	assert_int_equal(access(path, F_OK), -1);
}

/* What the progress callback was told, per stage (bundle.h). */
static struct {
	size_t		 calls[4];
	uint64_t	 done[4], total[4];
	int		 backwards;
} seen;

static void
saw(void *arg, enum bundle_stage stage, uint64_t done, uint64_t total)
{
	assert_ptr_equal(arg, &seen);
	if (seen.calls[stage] > 0 && done < seen.done[stage])
		seen.backwards = 1;
	seen.calls[stage]++;
	seen.done[stage] = done;
	seen.total[stage] = total;
}

/*
 * A bundle of 3 MiB and more: progress is told as the bytes go, forward
 * only, at most about once a MiB, and each stage of known length ends
 * with all of it done (GAP-6).  bundle_peek() reads what the unsigned
 * header claims, and nothing from what is not a bundle.
 */
static void
test_progress_and_peek(void **state)
{
	struct bundle_out	 b;
	struct bundle_in	 in;
	struct bundle_file	 big;
	struct bundle_claim	 cl;
	struct stat		 st;
	unsigned char		*data, to[32];
	char			 path[256], hash[65], err[256], tohex[65];
	char			 bigpath[PATH_MAX];
	size_t			 n = 3 * 1024 * 1024 + 12345, i;

	(void)state;
	data = malloc(n);
	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 7 + i / 4096);
	snprintf(bigpath, sizeof(bigpath), "%s/big", fx.dir);
	put_file(bigpath, data, n);
	free(data);
	big.path = bigpath;
	assert_int_equal(crypto_sha256_file(big.path, big.sha256), 0);
	default_out(&b, 0);
	b.files = &big;
	b.nfiles = 1;
	snprintf(path, sizeof(path), "%s/progress.ywb", fx.dir);
	memset(&seen, 0, sizeof(seen));
	bundle_set_progress(saw, &seen);
	assert_int_equal(bundle_write(path, &b, &fx.wk, hash, err,
	    sizeof(err)), 0);
	assert_int_equal(bundle_read(path, &fx.rk, &nolimit, NULL, &in, err,
	    sizeof(err)), 0);
	bundle_in_free(&in);
	bundle_set_progress(NULL, NULL);
	assert_int_equal(stat(path, &st), 0);
	assert_false(seen.backwards);
	/* the first pass learns its length only at its end */
	assert_true(seen.calls[BUNDLE_GATHER] >= 4);
	for (i = BUNDLE_GATHER; i <= BUNDLE_OPEN; i++) {
		assert_true(seen.calls[i] >= 3 && seen.calls[i] <= 7);
		assert_true(seen.total[i] > n);
		assert_true(seen.total[i] < (uint64_t)st.st_size);
		assert_int_equal(seen.done[i], seen.total[i]);
	}
	assert_int_equal(seen.total[BUNDLE_SEAL],
	    seen.done[BUNDLE_GATHER]);
	assert_int_equal(seen.total[BUNDLE_CHECK],
	    seen.total[BUNDLE_OPEN]);
	/* none after it is unset */
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(bundle_read(path, &fx.rk, &nolimit, NULL, &in, err,
	    sizeof(err)), 0);
	bundle_in_free(&in);
	assert_int_equal(seen.calls[BUNDLE_CHECK] + seen.calls[BUNDLE_OPEN],
	    0);

	assert_int_equal(bundle_peek(path, &cl), 0);
	assert_string_equal(cl.site, "extranet");
	assert_string_equal(cl.dir, "ext2int");
	assert_int_equal(crypto_box_public(fx.box_b, to), 0);
	crypto_hex(to, sizeof(to), tohex);
	assert_string_equal(cl.to, tohex);
	unlink(path);
	assert_int_equal(bundle_peek(path, &cl), -1);
	assert_int_equal(bundle_peek(fx.fpath[1], &cl), -1);
	assert_string_equal(cl.site, "");
	put_file(path, BUNDLE_MAGIC "\x7f\xff\xff\xff", 12);
	assert_int_equal(bundle_peek(path, &cl), -1);
	put_file(path, BUNDLE_MAGIC "\0\0\0\x05{\"a\"", 16);
	assert_int_equal(bundle_peek(path, &cl), -1);
	unlink(path);
	unlink(bigpath);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_tamper_every_byte),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_appended),
		cmocka_unit_test(test_not_a_bundle),
		cmocka_unit_test(test_wrong_key),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_manifest_inconsistent),
		cmocka_unit_test(test_payload_members),
		cmocka_unit_test(test_staged_then_refused),
		cmocka_unit_test(test_writer_refuses),
		cmocka_unit_test(test_sealed),
		cmocka_unit_test(test_old_format),
		cmocka_unit_test(test_wrong_recipient),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_progress_and_peek),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
