/*
 * bundle.h: the file that carries data across the network gap (GAP-3, GAP-4,
 * GAP-7).
 *
 * Two cryptographic suites, each with its own magic (the suite is known
 * before anything else is read, and a reader refuses one its config does
 * not accept at once, before verifying or decrypting anything):
 *
 *   suite  magic       format  sign          seal                digest
 *   intl   "YWBNDL02"  2       Ed25519       X25519, HKDF-SHA-256 SHA-256
 *                                            and AES-256-GCM
 *   sm     "YWBNDL03"  3       SM2 with SM3  SM2-curve DH, the    SM3
 *                                            SM3 KDF and SM4-CTR
 *                                            with HMAC-SM3
 *
 * Layout, every byte covered by the signature or by a digest the
 * signature covers:
 *
 *	magic				8 bytes, as above
 *	u32 big-endian			length M of the manifest (<= 1 MiB)
 *	manifest			M bytes of JSON (see below)
 *	u32 big-endian			length S of the signature (<= 512)
 *	signature			over magic || M || manifest: Ed25519
 *					(64 bytes), or SM2 (64 bytes r || s,
 *					each 32 bytes big-endian, over SM3(Z ||
 *					message) with the default ID
 *					"1234567812345678", GB/T 32918.2)
 *	payload				the sealed (encrypted) form of a
 *					deterministic ustar archive made with
 *					libarchive holding "records.jsonl" and
 *					"files/<sha256 hex>" members
 *
 * The manifest is a JSON object, compact, keys sorted:
 *	{"format":2, "suite":"intl", "alg":"ed25519", "kid":"<16 hex>",
 *	 "site":"intranet", "dir":"int2ext",
 *	 "enc":{"alg":"x25519-hkdf-sha256-aes-256-gcm",
 *		"to":"<hex of the recipient's public value R>",
 *		"epk":"<hex of this bundle's ephemeral public value>"},
 *	 "epoch":1, "seq":7, "prev":"<hash of bundle 6, or \"\">",
 *	 "created":"2026-11-21T10:00:00Z",
 *	 "records":12,
 *	 "payload":{"size":C, "sha256":"<of the C sealed bytes>"},
 *	 "members":[{"name":"records.jsonl","size":N,"sha256":"..."},
 *		    {"name":"files/<hex>","size":N,"sha256":"<hex>"}, ...],
 *	 "acks":<any JSON value the caller gives, or null>}
 * Under sm: "format":3, "suite":"sm", "alg":"sm2-sm3", "enc"."alg"
 * "sm2dh-sm3kdf-sm4-ctr-hmac-sm3", "to" and "epk" uncompressed SM2 points
 * (04 || x || y, 130 hex digits), and every digest key is "sm3" instead of
 * "sha256" (the payload's and each member's).  "suite" and "kid" are
 * required in format 3; bundles of format 2 written before them lack both
 * and are still read.
 *
 * "kid" names the signing key: the first 16 hex digits of the SHA-256
 * (Ed25519: of its 32 raw bytes) or SM3 (SM2: of its 65-byte point) of its
 * public value.  The reader tries the peer's keys of the suite it holds
 * (current, and the one before a rotation), the signature decides, and
 * "kid" must then name the key that verified.
 *
 * The hash of a bundle, by which the next one's "prev" chains to it and by
 * which its import is remembered, is the digest of its suite over the
 * whole file (SHA-256 or SM3, 64 hex digits either way).
 *
 * Attachments keep their SHA-256 name under both suites: it is the
 * content address of the stores on both sites (files/<sha256>).  Under
 * sm the manifest lists each member's SM3; the reader checks the SM3
 * against the signed manifest and the SHA-256 against the member's name,
 * so an attachment is covered by SM3 under the SM2 signature, and is
 * stored under a name that is also its digest.
 *
 * The members' sizes and digests are those of the plain archive's members;
 * no name, ID number, mobile or attachment content is ever in the clear.
 * The reader checks the signature over the header, then the sealed
 * payload's size and digest, and only then decrypts: nothing unsigned is
 * ever decrypted or parsed.
 *
 * Sealing, intl.  The plain archive (L bytes, SHA-256 P) is encrypted to
 * the peer's X25519 public key R (ECIES: X25519 + HKDF-SHA-256 +
 * AES-256-GCM):
 *
 *	e   = HKDF-SHA-256(IKM = the sender's own X25519 secret,
 *			   salt = "yiwang bundle 2 ephemeral",
 *			   info = P || u64 L || R || u64 epoch || u64 seq || dir)
 *	      taken as an X25519 secret; epk = its public value
 *	Z   = X25519(e, R)  (= X25519(r, epk) for the recipient)
 *	K   = HKDF-SHA-256(IKM = Z, salt = epk || R,
 *			   info = "yiwang bundle 2 aes-256-gcm"), 32 bytes
 *
 * Sealing, sm.  P is the SM3 of the archive, R the recipient's SM2 point;
 * KDF is the KDF of GB/T 32918.4 (5.4.3) with SM3, which is ANSI X9.63's
 * KDF(Z, info) = SM3(Z || u32 1 || info) || SM3(Z || u32 2 || info) ...:
 *
 *	e   = KDF(Z = the sender's own SM2 scalar (32 bytes),
 *		  info = "yiwang bundle 3 ephemeral" || P || u64 L || R ||
 *			 u64 epoch || u64 seq || dir), 40 bytes,
 *	      mod (n - 1), + 1: an SM2 private scalar; epk = e * G
 *	Z   = x coordinate of e * R (= r * epk for the recipient), 32 bytes
 *	K   = KDF(Z, info = "yiwang bundle 3 sm4-ctr-hmac-sm3" || epk || R),
 *	      48 bytes: the SM4 key (16), then the HMAC-SM3 key (32)
 *
 * SM2 has its own public-key encryption (GB/T 32918.4), but its C1 point
 * is random in OpenSSL and cannot be derived, so the writer would not be
 * deterministic: Diffie-Hellman on the SM2 curve with the same KDF is
 * used instead, as ECIES does.  SM2 signatures take a random k in OpenSSL
 * for the same reason the writer derives one (crypto_sm.c: k = KDF(d,
 * "yiwang sm2 k" || e || u32 counter) mod (n - 1) + 1, as RFC 6979 does
 * for ECDSA); any SM2 verifier checks them.
 *
 * Either way the archive is cut into segments of 65536 bytes (the last one
 * shorter, and empty only when L is 0); segment i is sealed under K with
 * the 12-byte nonce u64 i || u32 (1 if last else 0), and stored as its
 * ciphertext followed by a 16-byte tag:
 *	intl	AES-256-GCM, no associated data, its tag;
 *	sm	SM4-CTR with the counter block nonce || u32 0 (a segment is
 *		4096 blocks), then the first 16 bytes of HMAC-SM3(nonce ||
 *		ciphertext) (encrypt-then-MAC: OpenSSL 3.0 has no SM4-GCM;
 *		the reader checks the tag before it decrypts).
 * So C = L + 16 * max(1, ceil(L / 65536)) under both suites.
 *
 * Why this way: the writer must stay deterministic (a crashed export run
 * again produces the same bundle byte for byte), so e cannot be random.
 * It is a pseudo-random function, keyed with a secret only the sender
 * holds, of the whole plaintext and the bundle's place in the sequence:
 * the same bundle written again gets the same e, K and bytes; a different
 * plaintext (or the same one at another sequence number) gets another e,
 * hence another K, so no (key, nonce) pair is ever used for two different
 * plaintexts, and nonces never repeat under one K because the segment
 * index is in them.  The last-segment flag stops a segment being cut off
 * or moved, although the signed digest already does.  Nobody without the
 * sender's secret can compute e; nobody without e or the recipient's
 * secret can compute K.
 *
 * The writer streams: a first pass over the attachments learns the sizes
 * and digests (and P), a second seals the archive into the file behind a
 * header of known length, which is filled in at the end; no attachment is
 * held in memory whole.  The reader maps the file and decrypts one segment
 * at a time while it walks the archive; the pages of the mapping it has
 * walked past are dropped from the process as it goes, so that reading a
 * 1 GiB bundle costs a few MiB of resident memory besides records.jsonl
 * (GAP-6).
 */
#ifndef YW_BUNDLE_H
#define YW_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <openssl/evp.h>

#define BUNDLE_MAGIC		"YWBNDL02"	/* format 2: the intl suite */
#define BUNDLE_MAGIC_SM		"YWBNDL03"	/* format 3: the SM suite */
#define BUNDLE_MAGIC_V1		"YWBNDL01"	/* unencrypted; refused */
#define BUNDLE_MANIFEST_MAX	(1024 * 1024)

struct bundle_file {
	char		 sha256[65];	/* hex; also the member name files/<hex> */
	const char	*path;		/* where the writer reads it from */
};

struct bundle_out {
	const char	*site;		/* "extranet" or "intranet" */
	const char	*dir;		/* "ext2int" or "int2ext" */
	int64_t		 epoch;
	int64_t		 seq;
	const char	*prev;		/* hex hash of previous bundle or "" */
	const char	*created;	/* ISO 8601 UTC, kept by the caller */
	const char	*records;	/* JSON lines, one record a line */
	size_t		 records_len;
	size_t		 nrecords;
	const struct bundle_file *files;
	size_t		 nfiles;
	json_t		*acks;		/* borrowed; may be NULL */
};

struct bundle_limits {
	uint64_t	 max_total;	/* whole bundle file */
	uint64_t	 max_records;	/* records.jsonl bytes */
	uint64_t	 max_file;	/* one attachment */
	size_t		 max_files;	/* attachment count */
};

struct bundle_in {
	json_t		*manifest;	/* owned */
	char		*records;	/* owned, NUL-terminated */
	size_t		 records_len;
	size_t		 nfiles;
	char		 (*files)[65];	/* sha256 hex of each staged file */
	uint64_t	*sizes;		/* the size of each, verified */
	char		 hash[65];	/* the suite's digest of the whole
					   bundle file: SHA-256 or SM3 */
	const char	*site, *dir;	/* point into manifest */
	int64_t		 epoch, seq;
	const char	*prev;
	unsigned	 suite;		/* BUNDLE_INTL or BUNDLE_SM */
	char		 kid[17];	/* of the key that verified it */
	EVP_PKEY	*signer;	/* that key, borrowed from the
					   bundle_keys read with */
	int64_t		 until;		/* its end of overlap, 0 when it is
					   the peer's current key */
};

/* The suites (GAP-7), as bits of bundle_keys.suites. */
#define BUNDLE_INTL		1u	/* "intl" */
#define BUNDLE_SM		2u	/* "sm" */

/* A key kept for reading beside the current one: the peer's previous
 * signing key, this site's previous encryption key, or one of the other
 * suite. */
struct bundle_key {
	EVP_PKEY	*key;
	int64_t		 until;		/* Unix time its overlap ends; 0: no
					   end (a current key) */
};

/* The keys one site uses for a bundle (GAP-3). */
struct bundle_keys {
	EVP_PKEY	*sign;		/* writer: this site's Ed25519 private
					   key; reader: the peer's public key */
	EVP_PKEY	*box;		/* this site's X25519 private key: the
					   writer derives e from it, the reader
					   decrypts with it */
	EVP_PKEY	*peer_box;	/* writer: the peer's X25519 public key
					   (the recipient); unused by readers */
	/*
	 * The writer's suite is that of sign (Ed25519: intl; SM2: sm), and
	 * box and peer_box are of the same.  The rest is for readers and
	 * may be left zero.
	 */
	unsigned	 suites;	/* accepted, BUNDLE_INTL | BUNDLE_SM;
					   0: the suite of sign alone */
	struct bundle_key *more_sign;	/* more peer signing keys */
	size_t		 nmore_sign;
	struct bundle_key *more_box;	/* more own box keys */
	size_t		 nmore_box;
	int64_t		 now;		/* when > 0, a kept key whose until
					   is earlier is refused (import);
					   0: verify only */
};

/* "intl" or "sm" for a suite's bit, NULL for another; and the inverse, 0
 * for a name that is not a suite. */
const char	*bundle_suite_name(unsigned bit);
unsigned	 bundle_suite_bit(const char *name);
/* The key id the manifest names a signing key by: the first 16 hex
 * digits of the SHA-256 (Ed25519) or SM3 (SM2) of its raw public value
 * (32 bytes; 65, 04 || x || y).  -1 when key is neither. */
int		 bundle_key_id(EVP_PKEY *key, char out[17]);

/*
 * Write the bundle to path (via path.tmp, fsync, rename), sealed to
 * k->peer_box and signed with k->sign.  On success also sets hash_out
 * (65 bytes) to the bundle's SHA-256 hex.  Returns 0, or -1 with a
 * message in err.
 */
int	 bundle_write(const char *path, const struct bundle_out *b,
	    const struct bundle_keys *k, char hash_out[65], char *err,
	    size_t errlen);

/*
 * Read and verify the bundle at path against the peer's public key
 * k->sign: magic, bounded manifest, signature, that it is sealed to
 * k->box, sealed payload size and digest; then decrypt with k->box and
 * check every member's size and digest against the manifest; no member
 * missing, extra, duplicated or with an unsafe name.  Attachment members
 * are written to stage_dir/<sha256 hex> (created with mode 0600).  On any
 * failure nothing is left in stage_dir, in is left empty, and err holds a
 * clear Chinese message for the operator, e.g. "签名验证失败：数据包已被
 * 改动或不是对端站点签发的。".
 * Returns 0 or -1.
 */
int	 bundle_read(const char *path, const struct bundle_keys *k,
	    const struct bundle_limits *lim, const char *stage_dir,
	    struct bundle_in *in, char *err, size_t errlen);

/* Same checks on a buffer (for the fuzzer and tests); stage_dir may be NULL
 * to verify attachments without keeping them. */
int	 bundle_read_mem(const unsigned char *buf, size_t len,
	    const struct bundle_keys *k,
	    const struct bundle_limits *lim, const char *stage_dir,
	    struct bundle_in *in, char *err, size_t errlen);

void	 bundle_in_free(struct bundle_in *in);

/*
 * Progress of a long write or read, for the operator's terminal (GAP-6):
 * fn(arg, stage, done, total) is called as the bytes go by, at most about
 * once a MiB and once at the end of each stage; total is 0 when it is not
 * known yet.  Process-wide, like log_set_prog(); NULL (the default) for
 * none, which costs one test per block.
 */
enum bundle_stage {
	BUNDLE_GATHER,		/* writer, first pass: the attachments read */
	BUNDLE_SEAL,		/* writer, second pass: sealed into the file */
	BUNDLE_CHECK,		/* reader: the whole file digested */
	BUNDLE_OPEN,		/* reader: decrypted and unpacked */
};
typedef void	 bundle_progress_fn(void *arg, enum bundle_stage stage,
		    uint64_t done, uint64_t total);
void	 bundle_set_progress(bundle_progress_fn *fn, void *arg);

/*
 * fn(arg, sha256) is called as each attachment is staged, checked against
 * the manifest, under its final name in stage_dir (so that it can be
 * judged while the rest is read: gap.c).  Nothing is verified of the
 * bundle as a whole yet, and a later failure takes the file back.
 * Process-wide; NULL (the default) for none.
 */
typedef void	 bundle_staged_fn(void *arg, const char *sha256);
void	 bundle_set_staged(bundle_staged_fn *fn, void *arg);

/*
 * What the unsigned header of the file at path claims, to name an error
 * only (GAP-6): the sending site, its direction and the recipient's
 * public key in hex ("" when absent), each up to its buffer's size.  Never
 * to be trusted for anything else: nothing here is verified.  0 when the
 * file starts as a bundle of this format and its manifest parses, else -1.
 */
struct bundle_claim {
	char	 site[16];
	char	 dir[16];
	char	 to[65];
};
int	 bundle_peek(const char *path, struct bundle_claim *c);

/*
 * Seal plen bytes of plain to the recipient's raw X25519 public value to
 * with the ephemeral private key eph, exactly as the writer seals a
 * payload with its derived e: *out (malloc'd, *outlen bytes) gets the
 * sealed bytes, epk (32 bytes) eph's public value.  For tests and the
 * fuzzer, which build payloads by hand.  Returns 0 or -1.
 */
int	 bundle_seal(const void *plain, size_t plen, EVP_PKEY *eph,
	    const unsigned char to[32], unsigned char epk[32],
	    unsigned char **out, size_t *outlen);
/* The inverse, with the recipient's private key box: -1 when a segment
 * does not open. */
int	 bundle_open(const unsigned char *sealed, size_t len, EVP_PKEY *box,
	    const unsigned char epk[32], unsigned char **plain, size_t *plen);

#endif
