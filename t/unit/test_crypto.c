/*
 * test_crypto.c: unit tests of cgi/core/crypto.c: hex, SHA-256 vectors,
 * Ed25519 key files, signatures that break when one byte changes, X25519,
 * HKDF and AES-256-GCM against their RFC and NIST vectors, and the scrypt
 * password hash with its parser of stored strings.
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

#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "crypto.h"

static char	tmpdir[64];

/* Write len bytes of data to dir/name; the full path goes to out. */
static void
put_file(const char *name, const void *data, size_t len, char *out,
    size_t outlen)
{
	FILE	*f;

	snprintf(out, outlen, "%s/%s", tmpdir, name);
	assert_non_null(f = fopen(out, "w"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
rm_tree(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	char		 p[PATH_MAX];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static int
group_setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/yw-crypto-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	rm_tree(tmpdir);
	return 0;
}

static void
test_hex_roundtrip(void **state)
{
	unsigned char	in[48], back[48];
	char		hex[2 * sizeof(in) + 1];
	size_t		i;

	(void)state;
	crypto_random(in, sizeof(in));
	crypto_hex(in, sizeof(in), hex);
	assert_int_equal(strlen(hex), 2 * sizeof(in));
	for (i = 0; hex[i] != '\0'; i++)
		assert_non_null(strchr("0123456789abcdef", hex[i]));
	assert_int_equal(crypto_unhex(hex, back, sizeof(back)), 0);
	assert_memory_equal(in, back, sizeof(in));

	crypto_hex("\x00\xff\x10", 3, hex);
	assert_string_equal(hex, "00ff10");
	crypto_hex("", 0, hex);
	assert_string_equal(hex, "");
}

static void
test_unhex_refuses(void **state)
{
	unsigned char	out[4];

	(void)state;
	assert_int_equal(crypto_unhex("0a1B2c3D", out, 4), 0);
	assert_memory_equal(out, "\x0a\x1b\x2c\x3d", 4);
	assert_int_equal(crypto_unhex("0a1b2c3", out, 4), -1);	/* short */
	assert_int_equal(crypto_unhex("0a1b2c3d4e", out, 4), -1); /* long */
	assert_int_equal(crypto_unhex("0a1b2c3g", out, 4), -1);
	assert_int_equal(crypto_unhex("0a1b2c 3", out, 4), -1);
	assert_int_equal(crypto_unhex("", out, 4), -1);
	assert_int_equal(crypto_unhex(NULL, out, 4), -1);
	assert_int_equal(crypto_unhex("", out, 0), 0);
}

static void
test_random_differs(void **state)
{
	unsigned char	a[32], b[32];

	(void)state;
	crypto_random(a, sizeof(a));
	crypto_random(b, sizeof(b));
	assert_memory_not_equal(a, b, sizeof(a));
}

static void
test_sha256_vectors(void **state)
{
	unsigned char	md[SHA256_LEN];
	char		hex[SHA256_HEX];

	(void)state;
	crypto_sha256_hex("abc", 3, hex);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	crypto_sha256_hex("", 0, hex);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	crypto_sha256("abc", 3, md);
	assert_memory_equal(md, "\xba\x78\x16\xbf\x8f\x01\xcf\xea", 8);
	crypto_sha256_hex("abcdbcdecdefdefgefghfghighijhijk"
	    "ijkljklmklmnlmnomnopnopq", 56, hex);
	assert_string_equal(hex,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_sha256_file(void **state)
{
	unsigned char	*big;
	char		 path[PATH_MAX], hex[SHA256_HEX], want[SHA256_HEX];
	size_t		 n = 300000;	/* more than one read buffer */

	(void)state;
	put_file("abc", "abc", 3, path, sizeof(path));
	assert_int_equal(crypto_sha256_file(path, hex), 0);
	assert_string_equal(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

	assert_non_null(big = malloc(n));
	crypto_random(big, n);
	put_file("big", big, n, path, sizeof(path));
	crypto_sha256_hex(big, n, want);
	assert_int_equal(crypto_sha256_file(path, hex), 0);
	assert_string_equal(hex, want);
	free(big);

	snprintf(path, sizeof(path), "%s/absent", tmpdir);
	assert_int_equal(crypto_sha256_file(path, hex), -1);
}

static void
test_equal(void **state)
{
	(void)state;
	assert_int_equal(crypto_equal("abcd", "abcd", 4), 0);
	assert_int_equal(crypto_equal("abcd", "abce", 4), -1);
	assert_int_equal(crypto_equal("xbcd", "abcd", 4), -1);
	assert_int_equal(crypto_equal("a", "b", 0), 0);
}

/* Contents of a small file, NUL-terminated; caller frees. */
static char *
slurp(const char *path)
{
	FILE	*f;
	char	*s;
	size_t	 n;

	assert_non_null(f = fopen(path, "r"));
	assert_non_null(s = calloc(1, 8192));
	n = fread(s, 1, 8191, f);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void
test_keygen_files(void **state)
{
	struct stat	 st;
	char		 priv[PATH_MAX], pub[PATH_MAX], *s;

	(void)state;
	snprintf(priv, sizeof(priv), "%s/k1.key", tmpdir);
	snprintf(pub, sizeof(pub), "%s/k1.pub", tmpdir);
	assert_int_equal(crypto_keygen(priv, pub), 0);
	assert_int_equal(stat(priv, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(pub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	s = slurp(priv);
	assert_non_null(strstr(s, "-----BEGIN PRIVATE KEY-----"));
	free(s);
	s = slurp(pub);
	assert_non_null(strstr(s, "-----BEGIN PUBLIC KEY-----"));
	free(s);

	/* an existing key is never overwritten */
	assert_int_equal(crypto_keygen(priv, pub), -1);
	snprintf(pub, sizeof(pub), "%s/k1b.pub", tmpdir);
	assert_int_equal(crypto_keygen(priv, pub), -1);
	assert_int_equal(access(pub, F_OK), -1);
	/* nor left half-made when the second file cannot be written */
	snprintf(priv, sizeof(priv), "%s/k1c.key", tmpdir);
	snprintf(pub, sizeof(pub), "%s/no/such/dir.pub", tmpdir);
	assert_int_equal(crypto_keygen(priv, pub), -1);
	assert_int_equal(access(priv, F_OK), -1);
}

static void
test_load_refuses(void **state)
{
	EVP_PKEY	*ec;
	FILE		*f;
	char		 path[PATH_MAX];

	(void)state;
	put_file("junk.pem", "not a key\n", 10, path, sizeof(path));
	assert_null(crypto_load_private(path));
	assert_null(crypto_load_public(path));
	snprintf(path, sizeof(path), "%s/absent.pem", tmpdir);
	assert_null(crypto_load_private(path));
	assert_null(crypto_load_public(path));

	/* a good PEM key of another type */
	assert_non_null(ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"));
	snprintf(path, sizeof(path), "%s/ec.pem", tmpdir);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(PEM_write_PrivateKey(f, ec, NULL, NULL, 0, NULL,
	    NULL), 1);
	fclose(f);
	EVP_PKEY_free(ec);
	assert_null(crypto_load_private(path));
}

/* Parse a hex vector into a fresh buffer of strlen(hex) / 2 bytes. */
static unsigned char *
vec(const char *hex)
{
	unsigned char	*b;

	assert_non_null(b = malloc(strlen(hex) / 2 + 1));
	assert_int_equal(crypto_unhex(hex, b, strlen(hex) / 2), 0);
	return b;
}

/* X25519 key files, and the RFC 7748 section 6.1 exchange. */
static void
test_x25519(void **state)
{
	EVP_PKEY	*a, *b, *pa, *pb;
	unsigned char	*sa, *sb, *want, pub[BOX_LEN], z1[BOX_LEN];
	unsigned char	 z2[BOX_LEN], sec[BOX_LEN];
	char		 priv[PATH_MAX], pubp[PATH_MAX];
	struct stat	 st;

	(void)state;
	sa = vec("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
	sb = vec("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
	assert_non_null(a = crypto_box_from_secret(sa));
	assert_non_null(b = crypto_box_from_secret(sb));
	assert_int_equal(crypto_box_public(a, pub), 0);
	want = vec("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
	assert_memory_equal(pub, want, BOX_LEN);
	free(want);
	assert_int_equal(crypto_box_secret(a, sec), 0);
	assert_memory_equal(sec, sa, BOX_LEN);
	want = vec("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
	assert_int_equal(crypto_x25519(a, want, z1), 0);
	assert_int_equal(crypto_box_public(b, pub), 0);
	assert_int_equal(crypto_x25519(b, (unsigned char[BOX_LEN]){ 0 }, z2),
	    -1);			/* a point of small order */
	assert_int_equal(crypto_x25519(b, (crypto_box_public(a, pub), pub),
	    z2), 0);
	assert_memory_equal(z1, z2, BOX_LEN);
	free(want);
	want = vec("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
	assert_memory_equal(z1, want, BOX_LEN);
	free(want);
	assert_int_equal(crypto_box_public(NULL, pub), -1);

	/* key files; an Ed25519 file is no X25519 key and back */
	snprintf(priv, sizeof(priv), "%s/x.key", tmpdir);
	snprintf(pubp, sizeof(pubp), "%s/x.pub", tmpdir);
	assert_int_equal(crypto_box_keygen(priv, pubp), 0);
	assert_int_equal(stat(priv, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(crypto_box_keygen(priv, pubp), -1);
	assert_non_null(pa = crypto_box_load_private(priv));
	assert_non_null(pb = crypto_box_load_public(pubp));
	assert_null(crypto_load_private(priv));
	assert_null(crypto_load_public(pubp));
	assert_int_equal(crypto_box_public(pa, pub), 0);
	assert_int_equal(crypto_box_public(pb, z1), 0);
	assert_memory_equal(pub, z1, BOX_LEN);
	assert_int_equal(crypto_box_secret(pb, sec), -1);
	snprintf(priv, sizeof(priv), "%s/e.key", tmpdir);
	snprintf(pubp, sizeof(pubp), "%s/e.pub", tmpdir);
	assert_int_equal(crypto_keygen(priv, pubp), 0);
	assert_null(crypto_box_load_private(priv));
	assert_null(crypto_box_load_public(pubp));
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	EVP_PKEY_free(pa);
	EVP_PKEY_free(pb);
	free(sa);
	free(sb);
}

/* RFC 5869 appendix A.1. */
static void
test_hkdf(void **state)
{
	unsigned char	*ikm, *salt, *info, *want, okm[42];

	(void)state;
	ikm = vec("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
	salt = vec("000102030405060708090a0b0c");
	info = vec("f0f1f2f3f4f5f6f7f8f9");
	want = vec("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	assert_int_equal(crypto_hkdf(ikm, 22, salt, 13, info, 10, okm, 42), 0);
	assert_memory_equal(okm, want, 42);
	free(ikm);
	free(salt);
	free(info);
	free(want);
}

/* NIST GCM test cases 13 and 14 (zero key and nonce), then tampering. */
static void
test_gcm(void **state)
{
	unsigned char	 key[GCM_KEY_LEN] = { 0 }, nonce[GCM_NONCE_LEN] = { 0 };
	unsigned char	 in[16] = { 0 }, out[16], back[16], tag[GCM_TAG_LEN];
	unsigned char	*want;

	(void)state;
	assert_int_equal(crypto_gcm_seal(key, nonce, in, 0, out, tag), 0);
	want = vec("530f8afbc74536b9a963b4f1c4cb738b");
	assert_memory_equal(tag, want, GCM_TAG_LEN);
	free(want);
	assert_int_equal(crypto_gcm_open(key, nonce, in, 0, tag, back), 0);

	assert_int_equal(crypto_gcm_seal(key, nonce, in, 16, out, tag), 0);
	want = vec("cea7403d4d606b6e074ec5d3baf39d18");
	assert_memory_equal(out, want, 16);
	free(want);
	want = vec("d0d1c8a799996bf0265b98b5d48ab919");
	assert_memory_equal(tag, want, GCM_TAG_LEN);
	free(want);
	assert_int_equal(crypto_gcm_open(key, nonce, out, 16, tag, back), 0);
	assert_memory_equal(back, in, 16);

	/* a changed byte: refused, and nothing of the message comes out */
	memcpy(in, "attack at dawn!!", 16);
	assert_int_equal(crypto_gcm_seal(key, nonce, in, 16, out, tag), 0);
	out[5] ^= 1;
	assert_int_equal(crypto_gcm_open(key, nonce, out, 16, tag, back), -1);
	assert_memory_not_equal(back, in, 5);	/* bytes 0-4 decrypt alike */
	out[5] ^= 1;
	nonce[11] = 1;
	assert_int_equal(crypto_gcm_open(key, nonce, out, 16, tag, back), -1);
	nonce[11] = 0;
	tag[0] ^= 0x80;
	assert_int_equal(crypto_gcm_open(key, nonce, out, 16, tag, back), -1);
}

static void
test_sign_verify(void **state)
{
	EVP_PKEY	*priv, *pub, *pub2;
	unsigned char	 msg[40], sig[128];
	size_t		 siglen = sizeof(sig), small = 63, i;
	char		 kp[PATH_MAX], pp[PATH_MAX], pp2[PATH_MAX];

	(void)state;
	snprintf(kp, sizeof(kp), "%s/s.key", tmpdir);
	snprintf(pp, sizeof(pp), "%s/s.pub", tmpdir);
	assert_int_equal(crypto_keygen(kp, pp), 0);
	snprintf(kp, sizeof(kp), "%s/s2.key", tmpdir);
	snprintf(pp2, sizeof(pp2), "%s/s2.pub", tmpdir);
	assert_int_equal(crypto_keygen(kp, pp2), 0);
	snprintf(kp, sizeof(kp), "%s/s.key", tmpdir);
	assert_non_null(priv = crypto_load_private(kp));
	assert_non_null(pub = crypto_load_public(pp));
	assert_non_null(pub2 = crypto_load_public(pp2));
	/* a private key file is not a public key file */
	assert_null(crypto_load_public(kp));

	crypto_random(msg, sizeof(msg));
	assert_int_equal(crypto_sign(priv, msg, sizeof(msg), sig, &small), -1);
	assert_int_equal(crypto_sign(priv, msg, sizeof(msg), sig, &siglen),
	    0);
	assert_int_equal(siglen, 64);
	assert_int_equal(crypto_verify(pub, msg, sizeof(msg), sig, siglen), 0);
	/* the private key verifies too (it holds the public half) */
	assert_int_equal(crypto_verify(priv, msg, sizeof(msg), sig, siglen),
	    0);

	for (i = 0; i < sizeof(msg); i++) {
		msg[i] ^= 0x01;
		assert_int_equal(crypto_verify(pub, msg, sizeof(msg), sig,
		    siglen), -1);
		msg[i] ^= 0x01;
	}
	for (i = 0; i < siglen; i++) {
		sig[i] ^= (unsigned char)(1 << (i % 8));
		assert_int_equal(crypto_verify(pub, msg, sizeof(msg), sig,
		    siglen), -1);
		sig[i] ^= (unsigned char)(1 << (i % 8));
	}
	assert_int_equal(crypto_verify(pub, msg, sizeof(msg) - 1, sig,
	    siglen), -1);
	assert_int_equal(crypto_verify(pub, msg, sizeof(msg), sig,
	    siglen - 1), -1);
	assert_int_equal(crypto_verify(pub2, msg, sizeof(msg), sig, siglen),
	    -1);
	assert_int_equal(crypto_verify(NULL, msg, sizeof(msg), sig, siglen),
	    -1);
	assert_int_equal(crypto_verify(pub, msg, sizeof(msg), sig, siglen), 0);

	/* empty message */
	siglen = sizeof(sig);
	assert_int_equal(crypto_sign(priv, "", 0, sig, &siglen), 0);
	assert_int_equal(crypto_verify(pub, "", 0, sig, siglen), 0);
	EVP_PKEY_free(priv);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(pub2);
}

/* The one check of the lower-case hex that names digests, keys and MACs
 * everywhere (files, bundles, anchors, sealed values, form keys). */
static void
test_hex_valid(void **state)
{
	char	 h[65];

	(void)state;
	crypto_hex("\x00\x9f\xff", 3, h);
	assert_true(crypto_hex_valid(h, 6));
	assert_true(crypto_hex_valid("", 0));
	assert_false(crypto_hex_valid(h, 5));		/* longer */
	assert_false(crypto_hex_valid(h, 7));		/* shorter */
	assert_false(crypto_hex_valid("009FFF", 6));	/* upper case */
	assert_false(crypto_hex_valid("00 9ff", 6));
	assert_false(crypto_hex_valid("009ffg", 6));
	assert_false(crypto_hex_valid("../../", 6));
	assert_false(crypto_hex_valid(NULL, 0));
	memset(h, 'a', 64);
	h[64] = '\0';
	assert_true(crypto_hex_valid(h, 64));
	h[63] = '\n';
	assert_false(crypto_hex_valid(h, 64));
}

static void
test_pw_roundtrip(void **state)
{
	char	h[PWHASH_MAX], h2[PWHASH_MAX], bad[PWHASH_MAX];

	(void)state;
	assert_int_equal(crypto_pw_hash("correct horse 电池", h), 0);
	assert_int_equal(strncmp(h, "scrypt$17$8$1$", 14), 0);
	assert_int_equal(h[14 + 32], '$');
	h[14 + 32] = '\0';
	assert_true(crypto_hex_valid(h + 14, 32));
	assert_true(crypto_hex_valid(h + 14 + 33, 64));
	h[14 + 32] = '$';

	assert_int_equal(crypto_pw_verify("correct horse 电池", h), 0);
	assert_int_equal(crypto_pw_verify("correct horse 电", h), -1);
	assert_int_equal(crypto_pw_verify(NULL, h), -1);

	/* one changed digit of the key or the salt */
	strcpy(bad, h);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	assert_int_equal(crypto_pw_verify("correct horse 电池", bad), -1);

	/* a fresh salt every time */
	assert_int_equal(crypto_pw_hash("correct horse 电池", h2), 0);
	assert_string_not_equal(h, h2);
}

/*
 * A stored hash with cheaper parameters, made here with EVP_PBE_scrypt,
 * must verify: the stored parameters are honoured.
 */
static void
test_pw_stored_params(void **state)
{
	unsigned char	salt[16], key[32];
	char		salthex[33], keyhex[65], stored[PWHASH_MAX];

	(void)state;
	crypto_random(salt, sizeof(salt));
	assert_int_equal(EVP_PBE_scrypt("pw", 2, salt, sizeof(salt), 1024, 2,
	    1, 0, key, sizeof(key)), 1);
	crypto_hex(salt, sizeof(salt), salthex);
	crypto_hex(key, sizeof(key), keyhex);
	snprintf(stored, sizeof(stored), "scrypt$10$2$1$%s$%s", salthex,
	    keyhex);
	assert_int_equal(crypto_pw_verify("pw", stored), 0);
	assert_int_equal(crypto_pw_verify("pW", stored), -1);
	snprintf(stored, sizeof(stored), "scrypt$10$1$1$%s$%s", salthex,
	    keyhex);
	assert_int_equal(crypto_pw_verify("pw", stored), -1);
}

static void
test_pw_malformed(void **state)
{
	static const char *salt = "00112233445566778899aabbccddeeff";
	static const char *key =
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	static const char *fmts[] = {
		"",
		"scrypt",
		"scrypt$",
		"scrypt$17$8$1$%s",
		"scrypt$17$8$1$%s$",
		"scrypt$17$8$%s$%s",
		"bcrypt$17$8$1$%s$%s",
		"SCRYPT$17$8$1$%s$%s",
		"scrypt$017$8$1$%s$%s",		/* leading zero */
		"scrypt$+17$8$1$%s$%s",
		"scrypt$-17$8$1$%s$%s",
		"scrypt$ 17$8$1$%s$%s",
		"scrypt$1700$8$1$%s$%s",
		"scrypt$23$8$1$%s$%s",		/* log2 N too large */
		"scrypt$64$8$1$%s$%s",
		"scrypt$99$1$1$%s$%s",
		"scrypt$9$8$1$%s$%s",		/* too small */
		"scrypt$0$8$1$%s$%s",
		"scrypt$22$8$1$%s$%s",		/* 4 GiB of memory */
		"scrypt$20$8$1$%s$%s",		/* too much work */
		"scrypt$17$0$1$%s$%s",
		"scrypt$17$8$0$%s$%s",
		"scrypt$17$999$1$%s$%s",
		"scrypt$17$8$999$%s$%s",
		"scrypt$17$8$1$0%s$%s",		/* odd salt */
		"scrypt$17$8$1$%.30s$%s",	/* short salt */
		"scrypt$17$8$1$%s$%.62s",	/* short key */
		"scrypt$17$8$1$%s$%s00",	/* long key */
		"scrypt$17$8$1$%s$%s$",
		"scrypt$17$8$1$%s$%s ",
		"scrypt$17$8$1$%s$x%.63s",
		"scrypt$17$8$1$%.31sg$%s",
		"scrypt$17$8$1$$%s%s",
	};
	char	stored[512];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		snprintf(stored, sizeof(stored), fmts[i], salt, key);
		assert_int_equal(crypto_pw_verify("pw", stored), -1);
	}
	assert_int_equal(crypto_pw_verify("pw", NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_roundtrip),
		cmocka_unit_test(test_unhex_refuses),
		cmocka_unit_test(test_hex_valid),
		cmocka_unit_test(test_random_differs),
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_sha256_file),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_keygen_files),
		cmocka_unit_test(test_load_refuses),
		cmocka_unit_test(test_sign_verify),
		cmocka_unit_test(test_x25519),
		cmocka_unit_test(test_hkdf),
		cmocka_unit_test(test_gcm),
		cmocka_unit_test(test_pw_roundtrip),
		cmocka_unit_test(test_pw_stored_params),
		cmocka_unit_test(test_pw_malformed),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
