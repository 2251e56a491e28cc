/*
 * test_chain.c: the keyed chain of the ledgers and the signed anchors
 * (SEC-3, review F4) without a database: the MAC's format pinned by a
 * vector, every field and the row before covered, the verification walk
 * naming the first row that does not hold (changed, deleted, inserted,
 * legacy rows), anchors catching deleted newest rows and a moved legacy
 * boundary, anchor bodies parsed strictly, signatures, the gap record's
 * validator, and the key and password files.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "anchor.h"
#include "chain.h"
#include "crypto.h"
#include "keyfile.h"

static struct pool	*pool;
static char		 tmpdir[64];
static unsigned char	 key[CHAIN_KEY_LEN];

static int
setup(void **state)
{
	size_t	 i;

	(void)state;
	pool = pool_new();
	for (i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)i;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_chain.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	pool_free(pool);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
tmp(const char *name)
{
	return pool_printf(pool, "%s/%s", tmpdir, name);
}

/* The crypto underneath: RFC 4231 test case 2. */
static void
hmac_vector(void **state)
{
	unsigned char	 md[SHA256_LEN];
	char		 hex[SHA256_HEX];

	(void)state;
	crypto_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, md);
	crypto_hex(md, sizeof(md), hex);
	assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f08"
	    "9d2739839dec58b964ec3843");
}

static const char *const AUDIT_ROW[] = { "2026-12-06 04:22:00", "liuxiaomei",
    "org.dept.add", "dept:152502-SCJG", "市场监督管理局\n第二行" };

/* Stored MACs depend on the encoding: pinned (computed apart, in Python). */
static void
mac_vector(void **state)
{
	char	 mac[CHAIN_MAC_HEX];

	(void)state;
	chain_mac(key, "audit", "", AUDIT_ROW, 5, mac);
	assert_string_equal(mac, "b0bdda463f4a4975d903a37b58c1a3393f6eebf3"
	    "bcae1faa31f1cb80aec5ff4e");
}

/* Every input changes the MAC, and no two splits of a text are equal. */
static void
mac_covers_everything(void **state)
{
	const char	*f[5], *ab_c[2] = { "ab", "c" }, *a_bc[2] = { "a",
			    "bc" };
	char		 base[CHAIN_MAC_HEX], m[CHAIN_MAC_HEX];
	unsigned char	 k2[CHAIN_KEY_LEN];
	size_t		 i;

	(void)state;
	chain_mac(key, "audit", "", AUDIT_ROW, 5, base);
	for (i = 0; i < 5; i++) {
		memcpy(f, AUDIT_ROW, sizeof(f));
		f[i] = "x";
		chain_mac(key, "audit", "", f, 5, m);
		assert_string_not_equal(m, base);
	}
	chain_mac(key, "audit", "0", AUDIT_ROW, 5, m);
	assert_string_not_equal(m, base);
	chain_mac(key, "opinion", "", AUDIT_ROW, 5, m);
	assert_string_not_equal(m, base);
	memcpy(k2, key, sizeof(k2));
	k2[31] ^= 1;
	chain_mac(k2, "audit", "", AUDIT_ROW, 5, m);
	assert_string_not_equal(m, base);
	chain_mac(key, "audit", "", ab_c, 2, base);
	chain_mac(key, "audit", "", a_bc, 2, m);
	assert_string_not_equal(m, base);
	/* The old unkeyed format cannot produce it. */
	{
		const char *old = "\n2026-12-06 04:22:00\nliuxiaomei\n"
		    "org.dept.add\ndept:152502-SCJG\n市场监督管理局\n第二行";
		crypto_sha256_hex(old, strlen(old), m);
	}
	chain_mac(key, "audit", "", AUDIT_ROW, 5, base);
	assert_string_not_equal(m, base);
}

/* A ledger of n rows (ids 1..n) as chain_link would write it. */
#define ROWS	8
struct row {
	int64_t		 id;
	const char	*f[2];
	char		 prev[CHAIN_MAC_HEX], mac[CHAIN_MAC_HEX];
};

static void
ledger(struct row *r, size_t n, int64_t legacy)
{
	char	 prev[CHAIN_MAC_HEX] = "", line[256];
	size_t	 i;

	for (i = 0; i < n; i++) {
		r[i].id = (int64_t)i + 1;
		r[i].f[0] = pool_printf(pool, "actor%zu", i);
		r[i].f[1] = pool_printf(pool, "detail %zu", i);
		snprintf(r[i].prev, sizeof(r[i].prev), "%s", prev);
		if (r[i].id <= legacy) {	/* the old unkeyed SHA-256 */
			snprintf(line, sizeof(line), "%s\n%s\n%s", prev,
			    r[i].f[0], r[i].f[1]);
			crypto_sha256_hex(line, strlen(line), r[i].mac);
		} else
			chain_mac(key, "audit", prev, r[i].f, 2, r[i].mac);
		snprintf(prev, sizeof(prev), "%s", r[i].mac);
	}
}

/* Walk rows (skipping ids in skip[]) against anchors; the walk's result. */
static struct chain_walk *
walk(struct row *r, size_t n, int64_t legacy, const int64_t *skip,
    const struct chain_head *a, size_t na)
{
	struct chain_walk	*w = pool_alloc(pool, sizeof(*w));
	size_t			 i, k;

	chain_walk_init(w, pool, "audit", key, legacy, a, na);
	for (i = 0; i < n; i++) {
		for (k = 0; skip != NULL && skip[k] != 0; k++)
			if (skip[k] == r[i].id)
				break;
		if (skip != NULL && skip[k] != 0)
			continue;
		chain_walk_row(w, r[i].id, r[i].f, 2, r[i].prev, r[i].mac);
	}
	chain_walk_end(w);
	return w;
}

static void
walk_clean(void **state)
{
	struct row		 r[ROWS];
	struct chain_walk	*w;

	(void)state;
	ledger(r, ROWS, 0);
	w = walk(r, ROWS, 0, NULL, NULL, 0);
	assert_int_equal(w->nproblems, 0);
	assert_int_equal(w->rows, ROWS);
	assert_int_equal(w->last_id, ROWS);
	w = walk(r, 0, 0, NULL, NULL, 0);
	assert_int_equal(w->nproblems, 0);
	assert_int_equal(w->rows, 0);
}

/* The review's attack: row 3 changed, every later hash recomputed. */
static void
walk_changed_row(void **state)
{
	struct row		 r[ROWS];
	struct chain_walk	*w;
	char			 line[256];
	size_t			 i;

	(void)state;
	ledger(r, ROWS, 0);
	r[2].f[0] = "wangzhiqiang";
	for (i = 2; i < ROWS; i++) {
		if (i > 2)
			snprintf(r[i].prev, sizeof(r[i].prev), "%s",
			    r[i - 1].mac);
		snprintf(line, sizeof(line), "%s\n%s\n%s", r[i].prev,
		    r[i].f[0], r[i].f[1]);
		crypto_sha256_hex(line, strlen(line), r[i].mac);
	}
	w = walk(r, ROWS, 0, NULL, NULL, 0);
	assert_int_equal(w->bad_id, 3);
	assert_int_equal(w->nproblems, 1);	/* the first, only */
	assert_non_null(strstr(w->problems[0], "audit：第 3 号记录的内容"));

	/* Changed without touching any hash: the same row is named. */
	ledger(r, ROWS, 0);
	r[5].f[1] = "detail changed";
	w = walk(r, ROWS, 0, NULL, NULL, 0);
	assert_int_equal(w->bad_id, 6);
	/* A NULL where the ledger has NOT NULL breaks the row too. */
	ledger(r, ROWS, 0);
	r[4].f[0] = NULL;
	w = walk(r, ROWS, 0, NULL, NULL, 0);
	assert_int_equal(w->bad_id, 5);
}

static void
walk_deleted_and_inserted(void **state)
{
	struct row		 r[ROWS + 1];
	struct chain_walk	*w;
	const int64_t		 mid[] = { 4, 0 };
	size_t			 i;

	(void)state;
	ledger(r, ROWS, 0);
	w = walk(r, ROWS, 0, mid, NULL, 0);
	assert_int_equal(w->bad_id, 5);
	assert_non_null(strstr(w->problems[0], "第 5 号记录记载的上一行"));
	/* The first row deleted: the second no longer starts the chain. */
	{
		const int64_t first[] = { 1, 0 };
		w = walk(r, ROWS, 0, first, NULL, 0);
		assert_int_equal(w->bad_id, 2);
	}
	/* A row made up and slipped in (its MAC cannot be made). */
	ledger(r, ROWS, 0);
	memmove(&r[4], &r[3], 5 * sizeof(r[0]));
	for (i = 4; i < ROWS + 1; i++)
		r[i].id = (int64_t)i + 1;
	r[3].f[0] = "forged";
	snprintf(r[3].prev, sizeof(r[3].prev), "%s", r[2].mac);
	memset(r[3].mac, 'a', 64);
	r[3].mac[64] = '\0';
	w = walk(r, ROWS + 1, 0, NULL, NULL, 0);
	assert_int_equal(w->bad_id, 4);
	/* The newest rows deleted: nothing to see without an anchor. */
	ledger(r, ROWS, 0);
	w = walk(r, ROWS - 2, 0, NULL, NULL, 0);
	assert_int_equal(w->nproblems, 0);
}

/* Rows before the keyed chain: links checked, contents not (legacy). */
static void
walk_legacy(void **state)
{
	struct row		 r[ROWS];
	struct chain_walk	*w;

	(void)state;
	ledger(r, ROWS, 3);
	w = walk(r, ROWS, 3, NULL, NULL, 0);
	assert_int_equal(w->nproblems, 0);
	/* A keyed row checked as legacy would pass: the boundary matters. */
	w = walk(r, ROWS, 0, NULL, NULL, 0);
	assert_int_equal(w->bad_id, 1);
	/* A legacy row's link still counts. */
	snprintf(r[1].prev, sizeof(r[1].prev), "%064d", 0);
	w = walk(r, ROWS, 3, NULL, NULL, 0);
	assert_int_equal(w->bad_id, 2);
}

static struct chain_head
head_at(const struct row *r, int64_t id, int64_t rows, int64_t legacy)
{
	struct chain_head	 h;

	memset(&h, 0, sizeof(h));
	snprintf(h.chain, sizeof(h.chain), "audit");
	h.last_id = id;
	h.rows = rows;
	h.legacy_until = legacy;
	h.at = "2026-12-06T02:10:00Z";
	if (id > 0)
		snprintf(h.mac, sizeof(h.mac), "%s", r[id - 1].mac);
	return h;
}

static void
walk_anchors(void **state)
{
	struct row		 r[ROWS];
	struct chain_walk	*w;
	struct chain_head	 a[3];
	const int64_t		 mid[] = { 2, 0 };

	(void)state;
	ledger(r, ROWS, 0);
	a[0] = head_at(r, 8, 8, 0);
	a[1] = head_at(r, 3, 3, 0);
	a[2] = head_at(r, 0, 0, 0);	/* an empty chain: no constraint */
	chain_sort_heads(a, 3);
	assert_int_equal(a[0].last_id, 0);
	assert_int_equal(a[2].last_id, 8);
	w = walk(r, ROWS, 0, NULL, a, 3);
	assert_int_equal(w->nproblems, 0);

	/* The two newest rows deleted: the anchor of row 8 says so. */
	w = walk(r, ROWS - 2, 0, NULL, a, 3);
	assert_int_equal(w->nproblems, 1);
	assert_int_equal(w->bad_id, 0);
	assert_non_null(strstr(w->problems[0], "记载到第 8 号共 8 行，现在只到"
	    "第 6 号共 6 行"));

	/* Row 2 deleted: its link, and the count at the anchor of row 3. */
	w = walk(r, ROWS, 0, mid, a, 3);
	assert_int_equal(w->bad_id, 3);
	assert_int_equal(w->nproblems, 3);	/* link, count at 3 and 8 */
	assert_non_null(strstr(w->problems[0], "现在到这一号共 2 行"));

	/* The anchored row itself deleted, rows after it kept. */
	{
		const int64_t third[] = { 3, 0 };
		w = walk(r, ROWS, 0, third, a, 3);
		assert_non_null(strstr(w->problems[0], "第 3 号记录已不存在"));
	}

	/* The anchored row's MAC is not the one signed. */
	a[2] = head_at(r, 8, 8, 0);
	a[2].mac[0] = a[2].mac[0] == 'a' ? 'b' : 'a';
	w = walk(r, ROWS, 0, NULL, a + 2, 1);
	assert_int_equal(w->nproblems, 1);
	assert_non_null(strstr(w->problems[0], "第 8 号记录的校验码与锚点"));

	/* The legacy boundary moved after it was anchored. */
	a[0] = head_at(r, 8, 8, 0);
	w = walk(r, ROWS, 5, NULL, a, 1);
	assert_true(w->nproblems >= 1);
	assert_non_null(strstr(w->problems[0], "分界被改动过"));
}

static const char GOOD[] = "yiwang-anchor-1 intranet 2026-12-06T02:10:00Z "
    "opinion=0,0,0,- audit=812,811,40,"
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void
anchor_bodies(void **state)
{
	struct anchor		 a;
	struct chain_head	 h[2];
	char			*body;
	size_t			 i;
	static const char *const bad[] = {
		"",
		"yiwang-anchor-2 intranet 2026-12-06T02:10:00Z audit=1,1,0,-",
		"yiwang-anchor-1 internet 2026-12-06T02:10:00Z audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06 02:10:00Z audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z ",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z  audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=0,0,0,- ",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=0,0,0,-\n",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z Audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=01,1,0,"
		    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
		    "abcdef",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=-1,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=1,2,0,"
		    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
		    "abcdef",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=1,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=0,0,0,"
		    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
		    "abcdef",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=1,1,0,"
		    "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789"
		    "abcdef",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=1,1,0,"
		    "0123456789abcdef",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=0,0,0,- "
		    "audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit=1234567890"
		    "123456789,1,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z "
		    "a_very_long_chain_name_x=0,0,0,-",
		/* A name starts with a letter (the stripes: audit_1 …). */
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z 1audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z _audit=0,0,0,-",
		"yiwang-anchor-1 intranet 2026-12-06T02:10:00Z audit-1=0,0,0,-",
	};

	(void)state;
	assert_int_equal(anchor_parse(pool, GOOD, &a), 0);
	assert_string_equal(a.site, "intranet");
	assert_string_equal(a.at, "2026-12-06T02:10:00Z");
	assert_int_equal(a.nheads, 2);
	assert_string_equal(a.heads[1].chain, "audit");
	assert_int_equal(a.heads[1].last_id, 812);
	assert_int_equal(a.heads[1].rows, 811);
	assert_int_equal(a.heads[1].legacy_until, 40);
	assert_string_equal(a.heads[0].mac, "");
	assert_string_equal(a.heads[1].at, a.at);
	/* What anchor_body writes, anchor_parse reads back the same. */
	h[0] = a.heads[0];
	h[1] = a.heads[1];
	body = anchor_body(pool, "intranet", "2026-12-06T02:10:00Z", h, 2);
	assert_string_equal(body, GOOD);
	/* The audit trail's stripes (285) are chains of their own. */
	assert_int_equal(anchor_parse(pool, "yiwang-anchor-1 extranet "
	    "2026-12-06T02:10:00Z audit=0,0,0,- audit_1=0,0,0,- "
	    "audit_7=0,0,0,-", &a), 0);
	assert_int_equal(a.nheads, 3);
	assert_string_equal(a.heads[2].chain, "audit_7");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (anchor_parse(pool, bad[i], &a) != -1)
			fail_msg("accepted: %s", bad[i]);
	/* Sixteen chains at most. */
	body = pool_strdup(pool, "yiwang-anchor-1 extranet "
	    "2026-12-06T02:10:00Z");
	for (i = 0; i < ANCHOR_CHAINS_MAX; i++)
		body = pool_printf(pool, "%s c%c=0,0,0,-", body, (int)('a' + i));
	assert_int_equal(anchor_parse(pool, body, &a), 0);
	body = pool_printf(pool, "%s z=0,0,0,-", body);
	assert_int_equal(anchor_parse(pool, body, &a), -1);
}

/* A key pair in tmpdir: priv and pub paths. */
static void
keypair(const char *name, char **priv, char **pub)
{
	*priv = tmp(name);
	*pub = pool_printf(pool, "%s.pub", *priv);
	if (access(*priv, F_OK) != 0)
		assert_int_equal(crypto_keygen(*priv, *pub), 0);
}

static void
anchor_signatures(void **state)
{
	struct anchor	 a, b;
	EVP_PKEY	*priv, *pub, *other;
	char		*p1, *q1, *p2, *q2, *line;

	(void)state;
	keypair("ext.key", &p1, &q1);
	keypair("int.key", &p2, &q2);
	assert_non_null(priv = crypto_load_private(p2));
	assert_non_null(pub = crypto_load_public(q2));
	assert_non_null(other = crypto_load_public(q1));
	assert_int_equal(anchor_parse(pool, GOOD, &a), 0);
	assert_int_equal(anchor_sign(priv, &a), 0);
	assert_int_equal(strlen(a.sig), 128);
	assert_int_equal(anchor_sig_ok(pub, &a), 0);
	assert_int_equal(anchor_sig_ok(other, &a), -1);
	/* The file's line form. */
	line = pool_printf(pool, "%s\t%s", a.body, a.sig);
	assert_int_equal(anchor_line(pool, line, &b), 0);
	assert_int_equal(anchor_sig_ok(pub, &b), 0);
	/* One digit of the body changed: the signature no longer holds. */
	line[strlen("yiwang-anchor-1 intranet 2026-12-06T02:10:00Z opinion=0,"
	    "0,0,- audit=81")] = '3';
	assert_int_equal(anchor_line(pool, line, &b), 0);
	assert_int_equal(anchor_sig_ok(pub, &b), -1);
	assert_int_equal(anchor_line(pool, a.body, &b), -1);
	assert_int_equal(anchor_line(pool, pool_printf(pool, "%s\t%.127s",
	    a.body, a.sig), &b), -1);
	assert_int_equal(anchor_line(pool, pool_printf(pool, "%s\t%s ",
	    a.body, a.sig), &b), -1);
	EVP_PKEY_free(priv);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(other);
}

/*
 * The gap record's validator (records.c calls it for every anchor that
 * crosses): only a well-formed anchor of the other site, signed by it.
 */
static void
anchor_records_refused(void **state)
{
	struct anchor	 a, e;
	EVP_PKEY	*ext, *intra, *peer;
	const char	*why;
	json_t		*rec;
	char		*p1, *q1, *p2, *q2, *ebody;
	size_t		 i;

	(void)state;
	keypair("ext.key", &p1, &q1);
	keypair("int.key", &p2, &q2);
	/* The extranet receives the intranet's (key q2). */
	assert_non_null(peer = crypto_load_public(q2));
	assert_non_null(intra = crypto_load_private(p2));
	assert_non_null(ext = crypto_load_private(p1));
	assert_int_equal(anchor_parse(pool, GOOD, &a), 0);
	assert_int_equal(anchor_sign(intra, &a), 0);
	/* An extranet anchor signed by the extranet: not the peer's. */
	ebody = pool_strdup(pool, GOOD);
	memcpy(ebody + 16, "extranet", 8);
	assert_int_equal(anchor_parse(pool, ebody, &e), 0);
	assert_int_equal(anchor_sign(ext, &e), 0);

	const char *recs[] = {
		"[]",
		"{\"type\":\"anchor\"}",
		"{\"type\":\"anchor\",\"body\":1,\"sig\":\"%s\"}",
		"{\"type\":\"anchor\",\"body\":\"%s\",\"sig\":\"%s\",\"x\":1}",
		"{\"type\":\"anchor\",\"body\":\"%s\\u0000\",\"sig\":\"%s\"}",
		"{\"type\":\"anchor\",\"body\":\"%s\",\"sig\":\"%.127s\"}",
		"{\"type\":\"anchor\",\"body\":\"%s \",\"sig\":\"%s\"}",
		"{\"type\":\"anchor\",\"body\":\"%s\",\"sig\":\"%sZ\"}",
	};
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		char *text = pool_printf(pool, recs[i], i == 2 ? a.sig : a.body,
		    a.sig);
		assert_non_null(rec = json_loads(text, JSON_ALLOW_NUL, NULL));
		assert_int_equal(anchor_record_check(pool, rec, "intranet",
		    peer, &why), -1);
		assert_string_equal(why, "锚点记录的格式不对");
		json_decref(rec);
	}
	/* Upper-case hex of the same signature. */
	rec = json_pack("{s:s, s:s, s:s}", "type", "anchor", "body", a.body,
	    "sig", pool_printf(pool, "%.127s%c", a.sig, 'A'));
	assert_int_equal(anchor_record_check(pool, rec, "intranet", peer,
	    &why), -1);
	json_decref(rec);
	/* Well formed, but this site's own name. */
	rec = json_pack("{s:s, s:s, s:s}", "type", "anchor", "body", e.body,
	    "sig", e.sig);
	assert_int_equal(anchor_record_check(pool, rec, "intranet", peer,
	    &why), -1);
	assert_non_null(strstr(why, "不是对方站点的"));
	json_decref(rec);
	/* The peer's name, signed by another key. */
	assert_int_equal(anchor_sign(ext, &a), 0);
	rec = json_pack("{s:s, s:s, s:s}", "type", "anchor", "body", a.body,
	    "sig", a.sig);
	assert_int_equal(anchor_record_check(pool, rec, "intranet", peer,
	    &why), -1);
	assert_string_equal(why, "锚点记录的签名不对");
	json_decref(rec);
	/* And the peer's own, signed by the peer: accepted. */
	assert_int_equal(anchor_sign(intra, &a), 0);
	rec = json_pack("{s:s, s:s, s:s}", "type", "anchor", "body", a.body,
	    "sig", a.sig);
	assert_int_equal(anchor_record_check(pool, rec, "intranet", peer,
	    &why), 0);
	json_decref(rec);
	EVP_PKEY_free(peer);
	EVP_PKEY_free(ext);
	EVP_PKEY_free(intra);
}

/* The chain key and the passwords: files of hex, never overwritten. */
static void
secret_files(void **state)
{
	struct keyfile		 kf = KEYFILE_INIT("chain_key", "the chain key",
				    CHAIN_KEY_LEN);
	const unsigned char	*k;
	unsigned char		 k2[CHAIN_KEY_LEN];
	struct stat		 st;
	char			 hex[80], *p = tmp("chain.key"), *q;
	FILE			*f;

	(void)state;
	chain_set_key_file(p);
	assert_int_equal(chain_key_load(), -1);	/* not there yet */
	keyfile_set(&kf, p);
	assert_null(keyfile_key(&kf));
	assert_int_equal(chain_key_create(p), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 65);
	assert_int_equal(chain_key_create(p), -1);	/* never replaced */
	assert_int_equal(chain_key_load(), 0);
	/* The loader gives the file's bytes, and the same ones after. */
	assert_non_null(k = keyfile_key(&kf));
	assert_int_equal(crypto_secret_read(p, hex, sizeof(hex)), 0);
	assert_int_equal(crypto_unhex(hex, k2, sizeof(k2)), 0);
	assert_memory_equal(k, k2, sizeof(k2));
	assert_ptr_equal(keyfile_key(&kf), k);
	/* Another file forgets it (wiped) until read from there. */
	keyfile_set(&kf, NULL);
	assert_null(keyfile_key(&kf));
	assert_true(memcmp(kf.key, k2, sizeof(k2)) != 0);
	/* Damaged files are refused whole. */
	q = tmp("bad");
	assert_non_null(f = fopen(q, "w"));
	fputs("0123456789abcdeg\n", f);
	fclose(f);
	assert_int_equal(crypto_secret_read(q, hex, sizeof(hex)), -1);
	assert_non_null(f = fopen(q, "w"));
	fputs("012\n", f);
	fclose(f);
	assert_int_equal(crypto_secret_read(q, hex, sizeof(hex)), -1);
	assert_non_null(f = fopen(q, "w"));
	fputs("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
	    "ef0123456789abcdef\n", f);
	fclose(f);
	assert_int_equal(crypto_secret_read(q, hex, 64), -1);	/* too long */
	chain_set_key_file(q);
	assert_int_equal(chain_key_load(), -1);
	keyfile_set(&kf, q);
	assert_null(keyfile_key(&kf));
	chain_set_key_file(NULL);
	assert_int_equal(chain_key_load(), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hmac_vector),
		cmocka_unit_test(mac_vector),
		cmocka_unit_test(mac_covers_everything),
		cmocka_unit_test(walk_clean),
		cmocka_unit_test(walk_changed_row),
		cmocka_unit_test(walk_deleted_and_inserted),
		cmocka_unit_test(walk_legacy),
		cmocka_unit_test(walk_anchors),
		cmocka_unit_test(anchor_bodies),
		cmocka_unit_test(anchor_signatures),
		cmocka_unit_test(anchor_records_refused),
		cmocka_unit_test(secret_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
