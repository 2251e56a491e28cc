/*
 * bundle.h: the file that carries data across the network gap (GAP-3, GAP-4).
 *
 * Layout, every byte covered by the signature or by a digest the signature
 * covers:
 *
 *	"YWBNDL01"			8-byte magic
 *	u32 big-endian			length M of the manifest (<= 1 MiB)
 *	manifest			M bytes of JSON (see below)
 *	u32 big-endian			length S of the signature (<= 512)
 *	signature			over magic || M || manifest
 *	payload				a deterministic ustar/pax archive made with
 *					libarchive holding "records.jsonl" and
 *					"files/<sha256 hex>" members
 *
 * The manifest is a JSON object:
 *	{"format":1, "alg":"ed25519", "site":"intranet", "dir":"int2ext",
 *	 "epoch":1, "seq":7, "prev":"<sha256 hex of bundle 6 or \"\">",
 *	 "created":"2026-11-21T10:00:00Z",
 *	 "records":12,
 *	 "payload":{"size":N, "sha256":"..."},
 *	 "members":[{"name":"records.jsonl","size":N,"sha256":"..."},
 *		    {"name":"files/<hex>","size":N,"sha256":"<hex>"}, ...],
 *	 "acks":<any JSON value the caller gives, or null>}
 *
 * The writer is deterministic: the same input gives the same bytes (fixed
 * mtime, owner, mode, member order), so a crashed export run again produces
 * the same bundle.
 */
#ifndef YW_BUNDLE_H
#define YW_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <openssl/evp.h>

#define BUNDLE_MAGIC		"YWBNDL01"
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
	char		 hash[65];	/* sha256 of the whole bundle file */
	const char	*site, *dir;	/* point into manifest */
	int64_t		 epoch, seq;
	const char	*prev;
};

/*
 * Write the bundle to path (via path.tmp, fsync, rename), signed with key.
 * On success also sets hash_out (65 bytes) to the bundle's SHA-256 hex.
 * Returns 0, or -1 with a message in err.
 */
int	 bundle_write(const char *path, const struct bundle_out *b,
	    EVP_PKEY *key, char hash_out[65], char *err, size_t errlen);

/*
 * Read and verify the bundle at path against the peer's public key: magic,
 * bounded manifest, signature, payload size and digest, then every member's
 * size and digest against the manifest; no member missing, extra, duplicated
 * or with an unsafe name.  Attachment members are written to
 * stage_dir/<sha256 hex> (created with mode 0600).  On any failure nothing
 * is left in stage_dir, in is left empty, and err holds a clear Chinese
 * message for the operator, e.g. "签名验证失败：数据包已被改动或不是对端站点签发的。".
 * Returns 0 or -1.
 */
int	 bundle_read(const char *path, EVP_PKEY *peer,
	    const struct bundle_limits *lim, const char *stage_dir,
	    struct bundle_in *in, char *err, size_t errlen);

/* Same checks on a buffer (for the fuzzer and tests); stage_dir may be NULL
 * to verify attachments without keeping them. */
int	 bundle_read_mem(const unsigned char *buf, size_t len, EVP_PKEY *peer,
	    const struct bundle_limits *lim, const char *stage_dir,
	    struct bundle_in *in, char *err, size_t errlen);

void	 bundle_in_free(struct bundle_in *in);

#endif
