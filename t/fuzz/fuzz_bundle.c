/*
 * fuzz_bundle.c: libFuzzer target for the bundle reader (cgi/gap/bundle.c).
 *
 * Build and run from the top of the tree:
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *	    -Icgi/core -Icgi/gap cgi/core/crypto.c cgi/core/crypto_sm.c \
 *	    cgi/gap/bundle.c \
 *	    t/fuzz/fuzz_bundle.c \
 *	    $(pkg-config --cflags --libs libcrypto jansson libarchive) \
 *	    -o fuzz_bundle
 *	mkdir -p t/fuzz/corpus/bundle
 *	./fuzz_bundle -max_total_time=180 t/fuzz/corpus/bundle
 *
 * An input is read in one of two ways:
 *
 *	"YWBNDL02..."	a whole bundle, checked against the fixed peer keys
 *	"YWBNDL03..."	(Ed25519 for intl, SM2 for sm; the reader accepts
 *			both suites): the bounded header, length and
 *			signature checks, and the sealing;
 *	anything else	flags byte, manifest bytes up to the first NUL, then
 *			the payload.  The target signs that manifest with the
 *			fixed key, so the manifest checks, the limits, the
 *			decryption and the tar walk behind the signature are
 *			reached too.  Flag bit 0 first seals the payload (as
 *			plain bytes) to the fixed recipient key with a fixed
 *			ephemeral key and sets the manifest's "enc" and
 *			payload size and digest to match; without it the
 *			payload is taken as sealed bytes.  Bit 1 applies small
 *			limits.  Bit 2 makes it an SM bundle (YWBNDL03, signed
 *			with the fixed SM2 key; no sealing), so the SM
 *			manifest's checks are reached behind the signature.
 *
 * The keys are derived from constant seeds, so a saved corpus stays valid
 * from run to run.  When ./t/fuzz/corpus/bundle exists, Initialize writes
 * one seed of each kind there, and an SM bundle (seed-bundle-sm); the
 * checked-in t/fuzz/seeds/bundle/ holds the same three and
 * seed-resign-sm, the SM seed in the second form (flags 4).
 */
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "crypto.h"
#include "bundle.h"

#define CORPUS_DIR	"t/fuzz/corpus/bundle"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static EVP_PKEY	*key;		/* private; also verifies */
static EVP_PKEY	*box;		/* the recipient's X25519 key */
static EVP_PKEY	*sender_box;	/* the writer's own, for the seeds */
static EVP_PKEY	*eph;		/* seals the second form's payloads */
static unsigned char	 box_pub[32];
/* The SM suite (GAP-7): signing key, recipient's and writer's boxes. */
static EVP_PKEY	*sm_key, *sm_box, *sm_sender_box;
static struct bundle_key sm_sign_ring[1], sm_box_ring[1];

static const struct bundle_limits small = {
	1 << 20, 4096, 4096, 4
};

/* Write len bytes to path; quietly gives up, this is only a seed. */
static void
put_file(const char *path, const void *buf, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return;
	fwrite(buf, 1, len, f);
	fclose(f);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char	*buf;
	struct stat	 st;
	FILE		*f;

	if (stat(path, &st) == -1 || (buf = malloc((size_t)st.st_size)) ==
	    NULL)
		return NULL;
	if ((f = fopen(path, "r")) == NULL) {
		free(buf);
		return NULL;
	}
	*len = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	return buf;
}

/*
 * Seeds: a real bundle with one attachment, and the same manifest and
 * payload in the second form.
 */
static void
write_seeds(void)
{
	struct bundle_file	 f;
	struct bundle_out	 b;
	struct bundle_keys	 wk = { key, sender_box, box };
	struct bundle_keys	 smk = { sm_key, sm_sender_box, sm_box };
	struct stat		 st;
	unsigned char		*buf, *alt, *plain, epk[32];
	uint32_t		 mlen, slen;
	size_t			 len, plen;
	json_t			*man, *enc;
	char			 dir[] = "/tmp/yw-fuzz-XXXXXX", p[256];
	char			 bp[256], hash[65], err[256];
	static const char	 att[] = "attachment for the fuzzer\n";
	static const char	 rec[] = "{\"t\":\"application\",\"id\":1}\n";

	if (stat(CORPUS_DIR, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    mkdtemp(dir) == NULL)
		return;
	snprintf(p, sizeof(p), "%s/att", dir);
	snprintf(bp, sizeof(bp), "%s/seed.ywb", dir);
	put_file(p, att, sizeof(att) - 1);
	crypto_sha256_hex(att, sizeof(att) - 1, f.sha256);
	f.path = p;
	memset(&b, 0, sizeof(b));
	b.site = "extranet";
	b.dir = "ext2int";
	b.epoch = 1;
	b.seq = 1;
	b.prev = "";
	b.created = "2026-11-21T10:00:00Z";
	b.records = rec;
	b.records_len = sizeof(rec) - 1;
	b.nrecords = 1;
	b.files = &f;
	b.nfiles = 1;
	if (bundle_write(bp, &b, &wk, hash, err, sizeof(err)) == 0 &&
	    (buf = slurp(bp, &len)) != NULL) {
		put_file(CORPUS_DIR "/seed-bundle", buf, len);
		mlen = (uint32_t)buf[8] << 24 | (uint32_t)buf[9] << 16 |
		    (uint32_t)buf[10] << 8 | buf[11];
		slen = (uint32_t)buf[12 + mlen] << 24 |
		    (uint32_t)buf[13 + mlen] << 16 |
		    (uint32_t)buf[14 + mlen] << 8 | buf[15 + mlen];
		man = json_loadb((const char *)buf + 12, mlen, 0, NULL);
		enc = json_object_get(man, "enc");
		/* the second form carries the plain archive */
		if (json_string_value(json_object_get(enc, "epk")) != NULL &&
		    crypto_unhex(json_string_value(json_object_get(enc,
		    "epk")), epk, sizeof(epk)) == 0 &&
		    bundle_open(buf + 16 + mlen + slen, len - 16 - mlen - slen,
		    box, epk, &plain, &plen) == 0) {
			if ((alt = malloc(1 + mlen + 1 + plen)) != NULL) {
				alt[0] = 0x01;
				memcpy(alt + 1, buf + 12, mlen);
				alt[1 + mlen] = '\0';
				memcpy(alt + 2 + mlen, plain, plen);
				put_file(CORPUS_DIR "/seed-resign", alt,
				    2 + mlen + plen);
				free(alt);
			}
			free(plain);
		}
		json_decref(man);
		free(buf);
	}
	if (bundle_write(bp, &b, &smk, hash, err, sizeof(err)) == 0 &&
	    (buf = slurp(bp, &len)) != NULL) {
		put_file(CORPUS_DIR "/seed-bundle-sm", buf, len);
		free(buf);
	}
	unlink(bp);
	unlink(p);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned char	seed[32];

	(void)argc;
	(void)argv;
	memset(seed, 0x42, sizeof(seed));
	key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed,
	    sizeof(seed));
	memset(seed, 0x43, sizeof(seed));
	box = crypto_box_from_secret(seed);
	memset(seed, 0x44, sizeof(seed));
	sender_box = crypto_box_from_secret(seed);
	memset(seed, 0x45, sizeof(seed));
	eph = crypto_box_from_secret(seed);
	memset(seed, 0x46, sizeof(seed));
	sm_key = crypto_sm2_from_seed(seed, sizeof(seed));
	memset(seed, 0x47, sizeof(seed));
	sm_box = crypto_sm2_from_seed(seed, sizeof(seed));
	memset(seed, 0x48, sizeof(seed));
	sm_sender_box = crypto_sm2_from_seed(seed, sizeof(seed));
	if (key == NULL || box == NULL || sender_box == NULL || eph == NULL ||
	    sm_key == NULL || sm_box == NULL || sm_sender_box == NULL ||
	    crypto_box_public(box, box_pub) == -1)
		abort();
	sm_sign_ring[0].key = sm_key;
	sm_box_ring[0].key = sm_box;
	write_seeds();
	return 0;
}

/*
 * The second form: flags, manifest, NUL, payload, made into a bundle
 * signed with the fixed key.  NULL when the input has no NUL.
 */
static unsigned char *
resign(const uint8_t *data, size_t size, size_t *outlen)
{
	const uint8_t	*nul;
	const unsigned char *payload;
	unsigned char	*out, sig[64], *sealed = NULL, epk[32];
	EVP_PKEY	*signer = key;
	json_t		*man;
	char		*dump = NULL, hex[SHA256_HEX], tohex[65], epkhex[65];
	const char	*m;
	size_t		 mlen, plen, siglen = sizeof(sig);
	uint8_t		 flags;

	if (size < 2 || (nul = memchr(data + 1, '\0', size - 1)) == NULL)
		return NULL;
	flags = data[0];
	m = (const char *)data + 1;
	mlen = (size_t)(nul - data) - 1;
	plen = size - mlen - 2;
	payload = nul + 1;
	if (flags & 1) {
		man = json_loadb(m, mlen, 0, NULL);
		if (json_is_object(man) && bundle_seal(payload, plen, eph,
		    box_pub, epk, &sealed, &plen) == 0) {
			payload = sealed;
			crypto_sha256_hex(payload, plen, hex);
			crypto_hex(box_pub, 32, tohex);
			crypto_hex(epk, 32, epkhex);
			json_object_set_new(man, "enc", json_pack(
			    "{s:s,s:s,s:s}", "alg",
			    "x25519-hkdf-sha256-aes-256-gcm", "to", tohex,
			    "epk", epkhex));
			json_object_set_new(man, "payload", json_pack(
			    "{s:I,s:s}", "size", (json_int_t)plen, "sha256",
			    hex));
			dump = json_dumps(man, JSON_COMPACT | JSON_SORT_KEYS);
		}
		json_decref(man);
		if (dump != NULL) {
			m = dump;
			mlen = strlen(dump);
		}
	}
	if (mlen > BUNDLE_MANIFEST_MAX ||
	    (out = malloc(16 + mlen + sizeof(sig) + plen)) == NULL) {
		free(dump);
		free(sealed);
		return NULL;
	}
	memcpy(out, flags & 4 ? BUNDLE_MAGIC_SM : BUNDLE_MAGIC, 8);
	if (flags & 4)
		signer = sm_key;
	out[8] = (unsigned char)(mlen >> 24);
	out[9] = (unsigned char)(mlen >> 16);
	out[10] = (unsigned char)(mlen >> 8);
	out[11] = (unsigned char)mlen;
	memcpy(out + 12, m, mlen);
	free(dump);
	if (crypto_sign(signer, out, 12 + mlen, sig, &siglen) == -1)
		abort();
	out[12 + mlen] = 0;
	out[13 + mlen] = 0;
	out[14 + mlen] = 0;
	out[15 + mlen] = (unsigned char)siglen;
	memcpy(out + 16 + mlen, sig, siglen);
	memcpy(out + 16 + mlen + siglen, payload, plen);
	*outlen = 16 + mlen + siglen + plen;
	free(sealed);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_in	 in;
	struct bundle_keys	 rk = { key, box, NULL };
	unsigned char		*made = NULL;
	size_t			 len = size;
	const unsigned char	*buf = data;
	char			 err[512];
	int			 rc;

	rk.suites = BUNDLE_INTL | BUNDLE_SM;
	rk.more_sign = sm_sign_ring;
	rk.nmore_sign = 1;
	rk.more_box = sm_box_ring;
	rk.nmore_box = 1;
	if (size < 8 || (memcmp(data, BUNDLE_MAGIC, 8) != 0 &&
	    memcmp(data, BUNDLE_MAGIC_SM, 8) != 0)) {
		if ((made = resign(data, size, &len)) == NULL)
			return 0;
		buf = made;
	}
	err[0] = '\0';
	rc = bundle_read_mem(buf, len, &rk, made != NULL && (data[0] & 2) ?
	    &small : NULL, NULL, &in, err, sizeof(err));
	if (rc == 0) {
		/* what a caller would look at */
		if (in.records == NULL || in.records[in.records_len] != '\0' ||
		    in.site == NULL || in.dir == NULL || in.prev == NULL ||
		    (in.nfiles > 0 && in.files == NULL))
			abort();
	} else if (err[0] == '\0')
		abort();		/* every refusal says why */
	bundle_in_free(&in);
	free(made);
	return 0;
}
