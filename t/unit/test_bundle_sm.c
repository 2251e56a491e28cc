/*
 * test_bundle_sm.c: the cryptographic suites and key rotation of the
 * bundle (GAP-3, GAP-7; bundle.h): a bundle of the SM suite written and
 * read back, the same bytes when written again, every byte of it covered
 * (one changed anywhere is refused), SM3 where the manifest names digests
 * and the SHA-256 name of an attachment checked too; a suite the reader
 * does not accept refused before anything else, a key it does not know
 * refused; the previous key of a rotation accepted in its overlap, and
 * after it refused for import but still verified.  The SM2 signer (ours:
 * OpenSSL's takes a random k) is checked by OpenSSL's verifier.
 */
#include <sys/stat.h>

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "crypto.h"
#include "bundle.h"
#include "files_fixture.h"

#define RECORDS	"{\"t\":\"application\",\"id\":1}\n"

static struct {
	char			 dir[64];
	char			 stage[256];
	/* SM2: the sender's signing key (private, public), a newer one
	 * after a rotation, a stranger's; boxes: sender, recipient */
	EVP_PKEY		*sign, *sign_pub, *sign2, *sign2_pub;
	EVP_PKEY		*stranger, *box_a, *box_b, *box_b2;
	/* the intl keys of the same two sites */
	EVP_PKEY		*ed, *ed_pub, *x_a, *x_b;
	char			 fpath[PATH_MAX];
	struct bundle_file	 file;
} fx;

static const struct bundle_limits nolimit = {
	UINT64_MAX, UINT64_MAX, UINT64_MAX, SIZE_MAX
};

/* An SM2 key pair through the files yiwang-admin keygen writes. */
static int
sm2_pair(const char *name, EVP_PKEY **priv, EVP_PKEY **pub)
{
	char	kp[PATH_MAX], pp[PATH_MAX];

	snprintf(kp, sizeof(kp), "%s/%s.key", fx.dir, name);
	snprintf(pp, sizeof(pp), "%s/%s.pub", fx.dir, name);
	if (crypto_sm2_keygen(kp, pp) == -1 ||
	    (*priv = crypto_load_key(kp, 1, "SM2")) == NULL)
		return -1;
	if (pub != NULL && (*pub = crypto_load_key(pp, 0, "SM2")) == NULL)
		return -1;
	return 0;
}

static int
group_setup(void **state)
{
	static const char	 content[] = "%PDF-1.4 a scanned licence\n";
	char			 kp[PATH_MAX], pp[PATH_MAX];

	(void)state;
	strcpy(fx.dir, "/tmp/yw-bundle-sm-XXXXXX");
	if (mkdtemp(fx.dir) == NULL)
		return -1;
	snprintf(fx.stage, sizeof(fx.stage), "%s/stage", fx.dir);
	if (mkdir(fx.stage, 0700) == -1)
		return -1;
	if (sm2_pair("sign", &fx.sign, &fx.sign_pub) == -1 ||
	    sm2_pair("sign2", &fx.sign2, &fx.sign2_pub) == -1 ||
	    sm2_pair("stranger", &fx.stranger, NULL) == -1 ||
	    sm2_pair("box_a", &fx.box_a, NULL) == -1 ||
	    sm2_pair("box_b", &fx.box_b, NULL) == -1 ||
	    sm2_pair("box_b2", &fx.box_b2, NULL) == -1)
		return -1;
	snprintf(kp, sizeof(kp), "%s/ed.key", fx.dir);
	snprintf(pp, sizeof(pp), "%s/ed.pub", fx.dir);
	if (crypto_keygen(kp, pp) == -1 ||
	    (fx.ed = crypto_load_private(kp)) == NULL ||
	    (fx.ed_pub = crypto_load_public(pp)) == NULL ||
	    (fx.x_a = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL ||
	    (fx.x_b = EVP_PKEY_Q_keygen(NULL, NULL, "X25519")) == NULL)
		return -1;
	snprintf(fx.fpath, sizeof(fx.fpath), "%s/att", fx.dir);
	put_file(fx.fpath, content, strlen(content));
	if (crypto_sha256_file(fx.fpath, fx.file.sha256) == -1)
		return -1;
	fx.file.path = fx.fpath;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	EVP_PKEY_free(fx.sign);
	EVP_PKEY_free(fx.sign_pub);
	EVP_PKEY_free(fx.sign2);
	EVP_PKEY_free(fx.sign2_pub);
	EVP_PKEY_free(fx.stranger);
	EVP_PKEY_free(fx.box_a);
	EVP_PKEY_free(fx.box_b);
	EVP_PKEY_free(fx.box_b2);
	EVP_PKEY_free(fx.ed);
	EVP_PKEY_free(fx.ed_pub);
	EVP_PKEY_free(fx.x_a);
	EVP_PKEY_free(fx.x_b);
	rm_tree(fx.dir);
	return 0;
}

/* Write a bundle signed with sign, sealed to peer_box; its bytes. */
static unsigned char *
write_with(EVP_PKEY *sign, EVP_PKEY *box, EVP_PKEY *peer_box, int64_t seq,
    size_t *len, char hash[65])
{
	struct bundle_out	 b;
	struct bundle_keys	 k;
	char			 path[256], err[512];

	memset(&b, 0, sizeof(b));
	memset(&k, 0, sizeof(k));
	b.site = "intranet";
	b.dir = "int2ext";
	b.epoch = 1;
	b.seq = seq;
	b.prev = "";
	b.created = "2026-12-06T10:00:00Z";
	b.records = RECORDS;
	b.records_len = strlen(RECORDS);
	b.nrecords = 1;
	b.files = &fx.file;
	b.nfiles = 1;
	k.sign = sign;
	k.box = box;
	k.peer_box = peer_box;
	snprintf(path, sizeof(path), "%s/made.ywb", fx.dir);
	if (bundle_write(path, &b, &k, hash, err, sizeof(err)) != 0)
		fail_msg("bundle_write: %s", err);
	return slurp(path, len);
}

static unsigned char *
write_sm(size_t *len, char hash[65])
{
	return write_with(fx.sign, fx.box_a, fx.box_b, 3, len, hash);
}

/* The recipient's keys for the SM suite: fx.sign_pub, fx.box_b. */
static struct bundle_keys
rkeys(void)
{
	struct bundle_keys	k;

	memset(&k, 0, sizeof(k));
	k.sign = fx.sign_pub;
	k.box = fx.box_b;
	return k;
}

static int
read_k(const unsigned char *buf, size_t len, const struct bundle_keys *k,
    struct bundle_in *in, char *err, size_t errlen)
{
	return bundle_read_mem(buf, len, k, &nolimit, fx.stage, in, err,
	    errlen);
}

static void
refused_k(const unsigned char *buf, size_t len, const struct bundle_keys *k,
    const char *expect)
{
	struct bundle_in	in;
	char			err[1024];

	err[0] = '\0';
	if (read_k(buf, len, k, &in, err, sizeof(err)) != -1)
		fail_msg("bundle of %zu bytes accepted", len);
	if (expect != NULL && strstr(err, expect) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, expect);
	assert_null(in.manifest);
	assert_int_equal(dir_count(fx.stage), 0);
}

/* A round trip: SM3 digests in the manifest, the SHA-256 name of the
 * attachment, the SM3 of the whole file as its hash, the same bytes
 * again; OpenSSL's SM2 verifies our deterministic signature. */
static void
test_sm_round_trip(void **state)
{
	struct bundle_keys	 k = rkeys();
	struct bundle_in	 in;
	unsigned char		*buf, *again, md[SM3_LEN];
	json_t			*m;
	size_t			 len, len2;
	char			 hash[65], hash2[65], err[1024], hex[65];
	char			 kid[17], path[PATH_MAX];

	(void)state;
	buf = write_sm(&len, hash);
	assert_memory_equal(buf, BUNDLE_MAGIC_SM, 8);
	again = write_sm(&len2, hash2);
	assert_int_equal(len, len2);
	assert_memory_equal(buf, again, len);
	assert_string_equal(hash, hash2);
	assert_int_equal(crypto_sm3(buf, len, md), 0);
	crypto_hex(md, sizeof(md), hex);
	assert_string_equal(hash, hex);

	if (read_k(buf, len, &k, &in, err, sizeof(err)) != 0)
		fail_msg("refused: %s", err);
	assert_int_equal(in.suite, BUNDLE_SM);
	assert_string_equal(in.hash, hash);
	assert_true(in.signer == fx.sign_pub);
	assert_int_equal(in.until, 0);
	assert_int_equal(bundle_key_id(fx.sign_pub, kid), 0);
	assert_string_equal(in.kid, kid);
	m = in.manifest;
	assert_int_equal(json_integer_value(json_object_get(m, "format")), 3);
	assert_string_equal(json_string_value(json_object_get(m, "suite")),
	    "sm");
	assert_string_equal(json_string_value(json_object_get(m, "alg")),
	    "sm2-sm3");
	assert_string_equal(json_string_value(json_object_get(m, "kid")), kid);
	assert_non_null(json_object_get(json_object_get(m, "payload"), "sm3"));
	assert_null(json_object_get(json_object_get(m, "payload"), "sha256"));
	/* the attachment: named by SHA-256, listed with its SM3 */
	assert_int_equal(crypto_sm3("%PDF-1.4 a scanned licence\n", 27, md),
	    0);
	crypto_hex(md, sizeof(md), hex);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(m, "members"), 1), "sm3")), hex);
	assert_int_equal(in.nfiles, 1);
	assert_string_equal(in.files[0], fx.file.sha256);
	assert_memory_equal(in.records, RECORDS, strlen(RECORDS));
	bundle_in_free(&in);
	snprintf(path, sizeof(path), "%s/%s", fx.stage, fx.file.sha256);
	assert_int_equal(access(path, F_OK), 0);
	unlink(path);
	free(again);
	free(buf);
}

/* One byte changed anywhere (every 7th, and the whole header) is
 * refused, and nothing is left staged. */
static void
test_sm_every_byte(void **state)
{
	struct bundle_keys	 k = rkeys();
	unsigned char		*buf;
	size_t			 len, i, hlen;
	char			 hash[65];

	(void)state;
	buf = write_sm(&len, hash);
	hlen = 12 + ((size_t)buf[8] << 24 | (size_t)buf[9] << 16 |
	    (size_t)buf[10] << 8 | buf[11]) + 4 + SM2_SIG_LEN;
	for (i = 0; i < len; i++) {
		if (i >= hlen && i % 7 != 0 && i != len - 1)
			continue;
		buf[i] ^= 0x01;
		refused_k(buf, len, &k, NULL);
		buf[i] ^= 0x01;
	}
	free(buf);
}

/* A site that accepts only intl refuses an SM bundle before verifying
 * anything, naming the suite and the config key; one that accepts both
 * reads it, and an intl bundle too. */
static void
test_suite_refused(void **state)
{
	struct bundle_keys	 k;
	struct bundle_key	 more_sign[1], more_box[1];
	struct bundle_in	 in;
	unsigned char		*sm, *intl;
	size_t			 smlen, intllen;
	char			 hash[65], err[1024];

	(void)state;
	sm = write_sm(&smlen, hash);
	intl = write_with(fx.ed, fx.x_a, fx.x_b, 4, &intllen, hash);
	assert_memory_equal(intl, BUNDLE_MAGIC, 8);

	/* intl only: even with the right SM keys at hand */
	memset(&k, 0, sizeof(k));
	k.sign = fx.ed_pub;
	k.box = fx.x_b;
	more_sign[0].key = fx.sign_pub;
	more_sign[0].until = 0;
	more_box[0].key = fx.box_b;
	more_box[0].until = 0;
	k.more_sign = more_sign;
	k.nmore_sign = 1;
	k.more_box = more_box;
	k.nmore_box = 1;
	k.suites = BUNDLE_INTL;
	refused_k(sm, smlen, &k, "国密算法套件 sm");
	refused_k(sm, smlen, &k, "gap_suites");
	/* refused before the signature is looked at: a forged one too */
	sm[smlen - 1] ^= 1;
	refused_k(sm, smlen, &k, "本站只接受 intl");
	sm[smlen - 1] ^= 1;

	/* both */
	k.suites = BUNDLE_INTL | BUNDLE_SM;
	if (read_k(sm, smlen, &k, &in, err, sizeof(err)) != 0)
		fail_msg("SM bundle refused: %s", err);
	assert_int_equal(in.suite, BUNDLE_SM);
	bundle_in_free(&in);
	if (read_k(intl, intllen, &k, &in, err, sizeof(err)) != 0)
		fail_msg("intl bundle refused: %s", err);
	assert_int_equal(in.suite, BUNDLE_INTL);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);

	/* SM only: the intl bundle is refused */
	k.suites = BUNDLE_SM;
	refused_k(intl, intllen, &k, "国际算法套件 intl");
	free(sm);
	free(intl);
}

/* Signed with a key the reader does not hold: refused, naming the keys
 * it knows. */
static void
test_unknown_key(void **state)
{
	struct bundle_keys	 k = rkeys();
	unsigned char		*buf;
	size_t			 len;
	char			 hash[65], kid[17];

	(void)state;
	buf = write_with(fx.stranger, fx.box_a, fx.box_b, 5, &len, hash);
	assert_int_equal(bundle_key_id(fx.sign_pub, kid), 0);
	refused_k(buf, len, &k, "签名验证失败");
	refused_k(buf, len, &k, kid);
	free(buf);
}

/*
 * Rotation: the sender signs with sign2 now, the recipient keeps sign as
 * the previous key until `until`; and the recipient's own encryption key
 * was rotated too (box_b2 current, box_b kept).  A bundle of the old keys
 * is read in the overlap; after it, refused for import (now set) but
 * still verified (now 0).  The new keys' bundle is read throughout.
 */
static void
test_rotation(void **state)
{
	struct bundle_keys	 k;
	struct bundle_key	 old_sign[1], old_box[1];
	struct bundle_in	 in;
	unsigned char		*old, *cur;
	size_t			 oldlen, curlen;
	char			 hash[65], err[1024], kid[17];
	const int64_t		 until = 1798761600;	/* 2027-01-01 */

	(void)state;
	old = write_with(fx.sign, fx.box_a, fx.box_b, 6, &oldlen, hash);
	cur = write_with(fx.sign2, fx.box_a, fx.box_b2, 7, &curlen, hash);

	memset(&k, 0, sizeof(k));
	k.sign = fx.sign2_pub;
	k.box = fx.box_b2;
	old_sign[0].key = fx.sign_pub;
	old_sign[0].until = until;
	old_box[0].key = fx.box_b;
	old_box[0].until = until;
	k.more_sign = old_sign;
	k.nmore_sign = 1;
	k.more_box = old_box;
	k.nmore_box = 1;
	k.suites = BUNDLE_SM;

	/* in the overlap */
	k.now = until - 86400;
	if (read_k(old, oldlen, &k, &in, err, sizeof(err)) != 0)
		fail_msg("old-key bundle refused in the overlap: %s", err);
	assert_int_equal(bundle_key_id(fx.sign_pub, kid), 0);
	assert_string_equal(in.kid, kid);
	assert_int_equal(in.until, until);
	assert_true(in.signer == fx.sign_pub);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);
	if (read_k(cur, curlen, &k, &in, err, sizeof(err)) != 0)
		fail_msg("new-key bundle refused: %s", err);
	assert_int_equal(in.until, 0);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);

	/* after it: import refuses, naming the key and the day */
	k.now = until + 1;
	refused_k(old, oldlen, &k, "过渡期已于 2027-01-01 结束");
	refused_k(old, oldlen, &k, kid);
	if (read_k(cur, curlen, &k, &in, err, sizeof(err)) != 0)
		fail_msg("new-key bundle refused after the overlap: %s", err);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);
	/* verify (no now) still reads it, and says which key */
	k.now = 0;
	if (read_k(old, oldlen, &k, &in, err, sizeof(err)) != 0)
		fail_msg("old-key bundle no longer verifies: %s", err);
	assert_int_equal(in.until, until);
	bundle_in_free(&in);
	rm_tree(fx.stage);
	assert_int_equal(mkdir(fx.stage, 0700), 0);

	/* without the kept keys, the old bundle is a stranger's */
	k.nmore_sign = 0;
	refused_k(old, oldlen, &k, "签名验证失败");
	/* with the old signing key but not the old box key: not ours */
	k.nmore_sign = 1;
	k.nmore_box = 0;
	refused_k(old, oldlen, &k, "加密发给另一个站点");
	/* the same with every key in the lists, as keyring.c gives them */
	k.box = NULL;
	old_box[0].key = fx.box_b2;
	old_box[0].until = 0;
	k.nmore_box = 1;
	refused_k(old, oldlen, &k, "加密发给另一个站点");
	k.nmore_box = 0;
	refused_k(old, oldlen, &k, "没有配置本站的加密私钥");
	free(old);
	free(cur);
}

/* The signer: deterministic, verified by OpenSSL, refused when a byte
 * of the message or the signature changes; anchors keep 64 bytes. */
static void
test_sm2_signature(void **state)
{
	unsigned char	sig[SM2_SIG_LEN], sig2[SM2_SIG_LEN];
	size_t		n = sizeof(sig);

	(void)state;
	assert_int_equal(crypto_sign(fx.sign, "anchor body", 11, sig, &n), 0);
	assert_int_equal(n, SM2_SIG_LEN);
	assert_int_equal(crypto_sm2_sign(fx.sign, "anchor body", 11, sig2), 0);
	assert_memory_equal(sig, sig2, sizeof(sig));
	assert_int_equal(crypto_verify(fx.sign_pub, "anchor body", 11, sig,
	    n), 0);
	assert_int_equal(crypto_verify(fx.sign_pub, "anchor bodY", 11, sig,
	    n), -1);
	assert_int_equal(crypto_verify(fx.sign2_pub, "anchor body", 11, sig,
	    n), -1);
	sig[40] ^= 0x80;
	assert_int_equal(crypto_verify(fx.sign_pub, "anchor body", 11, sig,
	    n), -1);
	assert_int_equal(crypto_sm2_sign(fx.sign, "another", 7, sig2), 0);
	assert_memory_not_equal(sig, sig2, sizeof(sig));
}

/* The SM3 KDF is ANSI X9.63's with SM3 (GB/T 32918.4 5.4.3): the same
 * bytes as OpenSSL's X963KDF, for lengths across block boundaries. */
static void
test_sm3_kdf(void **state)
{
	static const size_t	 lens[] = { 1, 32, 33, 40, 48, 100 };
	EVP_KDF			*kdf;
	EVP_KDF_CTX		*ctx;
	OSSL_PARAM		 p[4];
	unsigned char		 ours[100], theirs[100];
	size_t			 i;

	(void)state;
	assert_non_null(kdf = EVP_KDF_fetch(NULL, "X963KDF", NULL));
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		assert_int_equal(crypto_sm3_kdf("shared secret", 13,
		    "info", 4, ours, lens[i]), 0);
		assert_non_null(ctx = EVP_KDF_CTX_new(kdf));
		p[0] = OSSL_PARAM_construct_utf8_string(
		    OSSL_KDF_PARAM_DIGEST, (char *)"SM3", 0);
		p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
		    (char *)"shared secret", 13);
		p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
		    (char *)"info", 4);
		p[3] = OSSL_PARAM_construct_end();
		assert_int_equal(EVP_KDF_derive(ctx, theirs, lens[i], p), 1);
		EVP_KDF_CTX_free(ctx);
		assert_memory_equal(ours, theirs, lens[i]);
	}
	EVP_KDF_free(kdf);
}

/* SM4-CTR + HMAC-SM3: a changed byte of ciphertext or tag, or another
 * nonce, does not open. */
static void
test_sm4_seal(void **state)
{
	unsigned char	key[SM4_SEAL_KEY_LEN], nonce[12] = { 0 };
	unsigned char	ct[64], tag[SM4_TAG_LEN], pt[64];
	const char	msg[] = "SM4-CTR with HMAC-SM3, encrypt-then-MAC";
	size_t		len = sizeof(msg);

	(void)state;
	memset(key, 7, sizeof(key));
	assert_int_equal(crypto_sm4_seal(key, nonce, msg, len, ct, tag), 0);
	assert_memory_not_equal(ct, msg, len);
	assert_int_equal(crypto_sm4_open(key, nonce, ct, len, tag, pt), 0);
	assert_memory_equal(pt, msg, len);
	ct[3] ^= 1;
	assert_int_equal(crypto_sm4_open(key, nonce, ct, len, tag, pt), -1);
	ct[3] ^= 1;
	tag[15] ^= 1;
	assert_int_equal(crypto_sm4_open(key, nonce, ct, len, tag, pt), -1);
	tag[15] ^= 1;
	nonce[11] = 1;
	assert_int_equal(crypto_sm4_open(key, nonce, ct, len, tag, pt), -1);
}

/* A private key file that group or others may read is refused. */
static void
test_key_mode(void **state)
{
	char		 kp[PATH_MAX];
	unsigned	 mode;
	EVP_PKEY	*key;

	(void)state;
	snprintf(kp, sizeof(kp), "%s/sign.key", fx.dir);
	assert_int_equal(crypto_private_mode(kp, &mode), 0);
	assert_int_equal(mode, 0600);
	assert_int_equal(chmod(kp, 0640), 0);
	assert_int_equal(crypto_private_mode(kp, &mode), -1);
	assert_int_equal(mode, 0640);
	assert_null(crypto_load_key(kp, 1, "SM2"));
	assert_int_equal(chmod(kp, 0600), 0);
	assert_non_null(key = crypto_load_key(kp, 1, "SM2"));
	EVP_PKEY_free(key);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sm_round_trip),
		cmocka_unit_test(test_sm_every_byte),
		cmocka_unit_test(test_suite_refused),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_sm2_signature),
		cmocka_unit_test(test_sm3_kdf),
		cmocka_unit_test(test_sm4_seal),
		cmocka_unit_test(test_key_mode),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
