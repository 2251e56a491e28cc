/*
 * crypto_sm.c: the Chinese commercial algorithms of the SM bundle suite
 * (GAP-7) on OpenSSL 3: SM2 keys, deterministic SM2 signatures with SM3,
 * SM2-curve Diffie-Hellman, the SM3 KDF, and SM4-CTR with HMAC-SM3 (this
 * OpenSSL has no SM4-GCM).  What each construction is and why: crypto.h
 * and bundle.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

#include "crypto.h"

#define SM2_FIELD	32		/* bytes of a coordinate or scalar */
#define SM4_KEY_LEN	16
#define K_LABEL		"yiwang sm2 k"

/* The default distinguishing identifier of GB/T 32918.2 and GM/T 0009. */
static const char	 SM2_ID[] = "1234567812345678";

int
crypto_sm3(const void *in, size_t len, unsigned char out[SM3_LEN])
{
	return EVP_Digest(in, len, out, NULL, EVP_sm3(), NULL) == 1 ? 0 : -1;
}

/*
 * By hand rather than OpenSSL's X963KDF, whose EVP_KDF_CTX_new() crashes
 * in 3.0 when an allocation fails (t/unit/test_bundle_oom found it);
 * t/unit/test_bundle_sm checks the two give the same bytes.
 */
int
crypto_sm3_kdf(const void *z, size_t zlen, const void *info, size_t infolen,
    unsigned char *out, size_t outlen)
{
	EVP_MD_CTX	*ctx;
	unsigned char	 md[SM3_LEN], c[4];
	uint32_t	 ctr;
	size_t		 off, n;
	int		 rc = -1;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	for (ctr = 1, off = 0; off < outlen; ctr++, off += n) {
		c[0] = (unsigned char)(ctr >> 24);
		c[1] = (unsigned char)(ctr >> 16);
		c[2] = (unsigned char)(ctr >> 8);
		c[3] = (unsigned char)ctr;
		if (EVP_DigestInit_ex(ctx, EVP_sm3(), NULL) != 1 ||
		    EVP_DigestUpdate(ctx, z, zlen) != 1 ||
		    EVP_DigestUpdate(ctx, c, sizeof(c)) != 1 ||
		    EVP_DigestUpdate(ctx, info, infolen) != 1 ||
		    EVP_DigestFinal_ex(ctx, md, NULL) != 1)
			goto out;
		n = outlen - off < SM3_LEN ? outlen - off : SM3_LEN;
		memcpy(out + off, md, n);
	}
	rc = 0;
out:
	OPENSSL_cleanse(md, sizeof(md));
	EVP_MD_CTX_free(ctx);
	return rc;
}

/*
 * Keys.
 */

int
crypto_sm2_keygen(const char *priv_path, const char *pub_path)
{
	return crypto_keygen_alg("SM2", priv_path, pub_path);
}

int
crypto_sm2_public(EVP_PKEY *key, unsigned char out[SM2_PUB_LEN])
{
	size_t	n = 0;

	if (key == NULL || !EVP_PKEY_is_a(key, "SM2") ||
	    EVP_PKEY_get_octet_string_param(key,
	    OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, SM2_PUB_LEN, &n) != 1 ||
	    n != SM2_PUB_LEN || out[0] != 0x04)
		return -1;
	return 0;
}

/* The private scalar d of an SM2 key; NULL when it is not one. */
static BIGNUM *
sm2_priv(EVP_PKEY *key)
{
	BIGNUM	*d = NULL;

	if (key == NULL || !EVP_PKEY_is_a(key, "SM2") ||
	    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1)
		return NULL;
	return d;
}

int
crypto_sm2_secret(EVP_PKEY *key, unsigned char out[SM2_SECRET_LEN])
{
	BIGNUM	*d;
	int	 rc;

	if ((d = sm2_priv(key)) == NULL)
		return -1;
	rc = BN_bn2binpad(d, out, SM2_SECRET_LEN) == SM2_SECRET_LEN ? 0 : -1;
	BN_clear_free(d);
	return rc;
}

/* An SM2 key of scalar d (1 <= d < n - 1) and its public point. */
static EVP_PKEY *
sm2_from_scalar(const EC_GROUP *g, const BIGNUM *d, BN_CTX *bn)
{
	OSSL_PARAM_BLD	*bld = NULL;
	OSSL_PARAM	*p = NULL;
	EVP_PKEY_CTX	*ctx = NULL;
	EVP_PKEY	*key = NULL;
	EC_POINT	*q = NULL;
	unsigned char	 pub[SM2_PUB_LEN];

	if ((q = EC_POINT_new(g)) == NULL ||
	    EC_POINT_mul(g, q, d, NULL, NULL, bn) != 1 ||
	    EC_POINT_point2oct(g, q, POINT_CONVERSION_UNCOMPRESSED, pub,
	    sizeof(pub), bn) != sizeof(pub) ||
	    (bld = OSSL_PARAM_BLD_new()) == NULL ||
	    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
	    "SM2", 0) != 1 ||
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub,
	    sizeof(pub)) != 1 ||
	    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) != 1 ||
	    (p = OSSL_PARAM_BLD_to_param(bld)) == NULL)
		goto out;
	if ((ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL)) == NULL ||
	    EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_KEYPAIR, p) != 1)
		key = NULL;
out:
	OSSL_PARAM_free(p);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	EC_POINT_free(q);
	return key;
}

/* x mod (n - 1) + 1, into [1, n - 1]. */
static int
reduce_scalar(const unsigned char *seed, size_t len, const BIGNUM *n,
    BIGNUM *out, BN_CTX *bn)
{
	BIGNUM	*n1;
	int	 rc = -1;

	BN_CTX_start(bn);
	if ((n1 = BN_CTX_get(bn)) != NULL && BN_copy(n1, n) != NULL &&
	    BN_sub_word(n1, 1) == 1 && BN_bin2bn(seed, (int)len, out) !=
	    NULL && BN_mod(out, out, n1, bn) == 1 && BN_add_word(out, 1) == 1)
		rc = 0;
	BN_CTX_end(bn);
	return rc;
}

EVP_PKEY *
crypto_sm2_from_seed(const unsigned char *seed, size_t len)
{
	EC_GROUP	*g;
	BN_CTX		*bn = NULL;
	BIGNUM		*d = NULL;
	EVP_PKEY	*key = NULL;

	if ((g = EC_GROUP_new_by_curve_name(NID_sm2)) == NULL)
		return NULL;
	/* n - 1 excluded: 1 + d must be invertible for signatures */
	if ((bn = BN_CTX_new()) != NULL && (d = BN_secure_new()) != NULL &&
	    reduce_scalar(seed, len, EC_GROUP_get0_order(g), d, bn) == 0) {
		if (BN_cmp(d, EC_GROUP_get0_order(g)) < 0)
			key = sm2_from_scalar(g, d, bn);
	}
	BN_clear_free(d);
	BN_CTX_free(bn);
	EC_GROUP_free(g);
	return key;
}

int
crypto_sm2_dh(EVP_PKEY *priv, const unsigned char peer[SM2_PUB_LEN],
    unsigned char out[SM2_SECRET_LEN])
{
	EC_GROUP	*g;
	EC_POINT	*p = NULL, *z = NULL;
	BN_CTX		*bn = NULL;
	BIGNUM		*d, *x = NULL;
	int		 rc = -1;

	if ((d = sm2_priv(priv)) == NULL)
		return -1;
	if ((g = EC_GROUP_new_by_curve_name(NID_sm2)) == NULL)
		goto out;
	/* oct2point refuses a point not on the curve; the cofactor is 1 */
	if ((bn = BN_CTX_new()) == NULL || (p = EC_POINT_new(g)) == NULL ||
	    (z = EC_POINT_new(g)) == NULL || (x = BN_new()) == NULL ||
	    peer[0] != 0x04 ||
	    EC_POINT_oct2point(g, p, peer, SM2_PUB_LEN, bn) != 1 ||
	    EC_POINT_is_at_infinity(g, p) ||
	    EC_POINT_mul(g, z, NULL, p, d, bn) != 1 ||
	    EC_POINT_is_at_infinity(g, z) ||
	    EC_POINT_get_affine_coordinates(g, z, x, NULL, bn) != 1 ||
	    BN_bn2binpad(x, out, SM2_SECRET_LEN) != SM2_SECRET_LEN)
		goto out;
	rc = 0;
out:
	BN_clear_free(d);
	BN_free(x);
	EC_POINT_free(p);
	EC_POINT_clear_free(z);
	BN_CTX_free(bn);
	EC_GROUP_free(g);
	return rc;
}

/*
 * Signatures.
 */

/* big-endian bytes of b, padded to SM2_FIELD, into p */
static int
put_field(const BIGNUM *b, unsigned char *p)
{
	return BN_bn2binpad(b, p, SM2_FIELD) == SM2_FIELD ? 0 : -1;
}

/*
 * e = SM3(Z || M), Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA)
 * (GB/T 32918.2 5.5), for the public point pub.
 */
static int
sm2_e(const EC_GROUP *g, const unsigned char pub[SM2_PUB_LEN],
    const void *msg, size_t len, BIGNUM *e, BN_CTX *bn)
{
	unsigned char	 buf[2 + sizeof(SM2_ID) - 1 + 6 * SM2_FIELD];
	unsigned char	 z[SM3_LEN], md[SM3_LEN];
	EVP_MD_CTX	*ctx = NULL;
	BIGNUM		*a, *b, *xg, *yg;
	size_t		 idlen = sizeof(SM2_ID) - 1, off;
	int		 rc = -1;

	BN_CTX_start(bn);
	a = BN_CTX_get(bn);
	b = BN_CTX_get(bn);
	xg = BN_CTX_get(bn);
	if ((yg = BN_CTX_get(bn)) == NULL ||
	    EC_GROUP_get_curve(g, NULL, a, b, bn) != 1 ||
	    EC_POINT_get_affine_coordinates(g, EC_GROUP_get0_generator(g), xg,
	    yg, bn) != 1)
		goto out;
	buf[0] = (unsigned char)((idlen * 8) >> 8);
	buf[1] = (unsigned char)(idlen * 8);
	memcpy(buf + 2, SM2_ID, idlen);
	off = 2 + idlen;
	if (put_field(a, buf + off) == -1 ||
	    put_field(b, buf + off + SM2_FIELD) == -1 ||
	    put_field(xg, buf + off + 2 * SM2_FIELD) == -1 ||
	    put_field(yg, buf + off + 3 * SM2_FIELD) == -1)
		goto out;
	memcpy(buf + off + 4 * SM2_FIELD, pub + 1, 2 * SM2_FIELD);
	if (crypto_sm3(buf, sizeof(buf), z) == -1 ||
	    (ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sm3(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, z, sizeof(z)) != 1 ||
	    EVP_DigestUpdate(ctx, msg, len) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, NULL) != 1 ||
	    BN_bin2bn(md, sizeof(md), e) == NULL)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	BN_CTX_end(bn);
	return rc;
}

/*
 * GB/T 32918.2 6.1 with k not random but derived, as RFC 6979 does for
 * ECDSA, from the private key and the message digest: k = SM3-KDF(d,
 * "yiwang sm2 k" || e || counter) mod (n - 1) + 1.  The same bundle
 * signed again gets the same bytes (bundle.h); k stays secret and
 * different for every message, which is all the scheme asks of it.
 */
int
crypto_sm2_sign(EVP_PKEY *key, const void *msg, size_t len,
    unsigned char sig[SM2_SIG_LEN])
{
	EC_GROUP	*g;
	EC_POINT	*kg = NULL;
	BN_CTX		*bn = NULL;
	BIGNUM		*d = NULL, *e, *k, *x, *r, *s, *t;
	const BIGNUM	*n;
	unsigned char	 pub[SM2_PUB_LEN], dbuf[SM2_FIELD];
	unsigned char	 info[sizeof(K_LABEL) - 1 + SM2_FIELD + 4];
	unsigned char	 seed[SM2_FIELD + 16];
	uint32_t	 ctr;
	int		 rc = -1;

	if (crypto_sm2_public(key, pub) == -1 || (d = sm2_priv(key)) == NULL)
		return -1;
	if ((g = EC_GROUP_new_by_curve_name(NID_sm2)) == NULL ||
	    (bn = BN_CTX_secure_new()) == NULL || (kg = EC_POINT_new(g)) ==
	    NULL)
		goto out;
	n = EC_GROUP_get0_order(g);
	BN_CTX_start(bn);
	e = BN_CTX_get(bn);
	k = BN_CTX_get(bn);
	x = BN_CTX_get(bn);
	r = BN_CTX_get(bn);
	s = BN_CTX_get(bn);
	if ((t = BN_CTX_get(bn)) == NULL ||
	    sm2_e(g, pub, msg, len, e, bn) == -1 ||
	    put_field(d, dbuf) == -1)
		goto end;
	memcpy(info, K_LABEL, sizeof(K_LABEL) - 1);
	if (put_field(e, info + sizeof(K_LABEL) - 1) == -1)
		goto end;
	for (ctr = 0; ctr < 64; ctr++) {
		info[sizeof(info) - 4] = (unsigned char)(ctr >> 24);
		info[sizeof(info) - 3] = (unsigned char)(ctr >> 16);
		info[sizeof(info) - 2] = (unsigned char)(ctr >> 8);
		info[sizeof(info) - 1] = (unsigned char)ctr;
		if (crypto_sm3_kdf(dbuf, sizeof(dbuf), info, sizeof(info),
		    seed, sizeof(seed)) == -1 ||
		    reduce_scalar(seed, sizeof(seed), n, k, bn) == -1 ||
		    EC_POINT_mul(g, kg, k, NULL, NULL, bn) != 1 ||
		    EC_POINT_get_affine_coordinates(g, kg, x, NULL, bn) != 1 ||
		    BN_mod_add(r, e, x, n, bn) != 1)
			goto end;
		/* r = 0 or r + k = n: another k (only then: a failure must
		 * not give another signature, and the same one it must) */
		if (BN_is_zero(r))
			continue;
		if (BN_add(t, r, k) != 1)
			goto end;
		if (BN_cmp(t, n) == 0)
			continue;
		/* s = (1 + d)^-1 (k - r d) mod n */
		if (BN_mod_mul(t, r, d, n, bn) != 1 ||
		    BN_mod_sub(s, k, t, n, bn) != 1 ||
		    BN_copy(t, d) == NULL || BN_add_word(t, 1) != 1 ||
		    BN_mod_inverse(t, t, n, bn) == NULL ||
		    BN_mod_mul(s, s, t, n, bn) != 1)
			goto end;
		if (BN_is_zero(s))
			continue;
		if (put_field(r, sig) == 0 && put_field(s, sig + SM2_FIELD) ==
		    0)
			rc = 0;
		break;
	}
end:
	BN_CTX_end(bn);
out:
	OPENSSL_cleanse(dbuf, sizeof(dbuf));
	OPENSSL_cleanse(seed, sizeof(seed));
	BN_clear_free(d);
	EC_POINT_clear_free(kg);
	BN_CTX_free(bn);
	EC_GROUP_free(g);
	return rc;
}

/*
 * Verified by OpenSSL's own SM2 (the signer above is ours; OpenSSL only
 * signs with a random k): r || s re-encoded as the DER of GM/T 0009.
 */
int
crypto_sm2_verify(EVP_PKEY *key, const void *msg, size_t len,
    const unsigned char *sig, size_t siglen)
{
	ECDSA_SIG	*es = NULL;
	EVP_MD_CTX	*md = NULL;
	EVP_PKEY_CTX	*pctx = NULL;
	BIGNUM		*r = NULL, *s = NULL;
	unsigned char	*der = NULL;
	int		 dlen, rc = -1;

	if (key == NULL || !EVP_PKEY_is_a(key, "SM2") || siglen != SM2_SIG_LEN)
		return -1;
	if ((es = ECDSA_SIG_new()) == NULL ||
	    (r = BN_bin2bn(sig, SM2_FIELD, NULL)) == NULL ||
	    (s = BN_bin2bn(sig + SM2_FIELD, SM2_FIELD, NULL)) == NULL)
		goto out;
	ECDSA_SIG_set0(es, r, s);
	r = s = NULL;
	if ((dlen = i2d_ECDSA_SIG(es, &der)) <= 0)
		goto out;
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    (pctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL)) == NULL ||
	    EVP_PKEY_CTX_set1_id(pctx, SM2_ID, sizeof(SM2_ID) - 1) != 1)
		goto out;
	EVP_MD_CTX_set_pkey_ctx(md, pctx);
	if (EVP_DigestVerifyInit(md, NULL, EVP_sm3(), NULL, key) == 1 &&
	    EVP_DigestVerify(md, der, (size_t)dlen, msg, len) == 1)
		rc = 0;
out:
	OPENSSL_free(der);
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(es);
	EVP_MD_CTX_free(md);
	EVP_PKEY_CTX_free(pctx);
	return rc;
}

/*
 * SM4-CTR + HMAC-SM3, encrypt-then-MAC (crypto.h).
 */

static int
sm4_ctr(const unsigned char key[SM4_KEY_LEN], const unsigned char nonce[12],
    const void *in, size_t len, unsigned char *out)
{
	EVP_CIPHER_CTX	*ctx;
	unsigned char	 iv[16];
	int		 n = 0, f = 0, rc = -1;

	if (len > INT32_MAX)
		return -1;
	memcpy(iv, nonce, 12);
	memset(iv + 12, 0, 4);		/* the block counter */
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	if (EVP_EncryptInit_ex(ctx, EVP_sm4_ctr(), NULL, key, iv) == 1 &&
	    (len == 0 || EVP_EncryptUpdate(ctx, out, &n, in, (int)len) ==
	    1) && EVP_EncryptFinal_ex(ctx, out + n, &f) == 1 &&
	    (size_t)(n + f) == len)
		rc = 0;
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

static int
sm3_mac(const unsigned char key[SM4_SEAL_KEY_LEN], const unsigned char
    nonce[12], const unsigned char *ct, size_t len, unsigned char
    tag[SM4_TAG_LEN])
{
	EVP_MAC		*mac;
	EVP_MAC_CTX	*ctx = NULL;
	OSSL_PARAM	 p[2];
	unsigned char	 full[SM3_LEN];
	size_t		 n;
	int		 rc = -1;

	if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
		return -1;
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SM3", 0);
	p[1] = OSSL_PARAM_construct_end();
	if ((ctx = EVP_MAC_CTX_new(mac)) != NULL &&
	    EVP_MAC_init(ctx, key + SM4_KEY_LEN, SM4_SEAL_KEY_LEN -
	    SM4_KEY_LEN, p) == 1 && EVP_MAC_update(ctx, nonce, 12) == 1 &&
	    EVP_MAC_update(ctx, ct, len) == 1 &&
	    EVP_MAC_final(ctx, full, &n, sizeof(full)) == 1 && n == SM3_LEN) {
		memcpy(tag, full, SM4_TAG_LEN);
		rc = 0;
	}
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rc;
}

int
crypto_sm4_seal(const unsigned char key[SM4_SEAL_KEY_LEN],
    const unsigned char nonce[12], const void *in, size_t len,
    unsigned char *out, unsigned char tag[SM4_TAG_LEN])
{
	if (sm4_ctr(key, nonce, in, len, out) == -1 ||
	    sm3_mac(key, nonce, out, len, tag) == -1) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int
crypto_sm4_open(const unsigned char key[SM4_SEAL_KEY_LEN],
    const unsigned char nonce[12], const void *in, size_t len,
    const unsigned char tag[SM4_TAG_LEN], unsigned char *out)
{
	unsigned char	want[SM4_TAG_LEN];

	errno = 0;
	if (sm3_mac(key, nonce, in, len, want) == -1) {
		errno = ENOMEM;
		return -1;
	}
	if (crypto_equal(want, tag, SM4_TAG_LEN) == -1)
		return -1;
	if (sm4_ctr(key, nonce, in, len, out) == -1) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}
