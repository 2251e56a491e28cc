/*
 * chain.c: owns chain_head, and the chaining columns (prev_hash, hash) of
 * every insert-only ledger: the keyed MAC, linking a new row, the heads
 * that anchors sign, and the walk of audit-verify.  See chain.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "crypto.h"
#include "keyfile.h"
#include "log.h"

#define PAGE	500	/* rows fetched at a time by chain_verify() */

static const char SQL_HEAD_LOCK[] =
    "SELECT legacy_until FROM chain_head WHERE chain = ? FOR UPDATE";
static const char SQL_HEAD_ADD[] =
    "INSERT INTO chain_head (chain, legacy_until) VALUES (?, 0)";
static const char SQL_HEAD_LEGACY[] =
    "SELECT legacy_until FROM chain_head WHERE chain = ?";

/* Each ledger: its fields in the order they are MACed, as text.  An
 * opinion's signer is chained with whom a deputy signed for (103, INT-7)
 * as name US id US name; on their own account (and before 103), the name
 * alone. */
static const char SQL_OPINION_ROWS[] =
    "SELECT id, case_id, step_seq, step_key, step_name, staff_id, "
    "CONCAT_WS(CHAR(31 USING utf8mb4), staff_name, for_staff_id, "
    "for_staff_name), verdict, text, "
    "DATE_FORMAT(signed_at, '%Y-%m-%d %H:%i:%s'), "
    "prev_hash, hash FROM opinion WHERE demo = 0 AND id > ? ORDER BY id "
    "LIMIT ?";
static const char SQL_OPINION_LAST[] =
    "SELECT id, hash FROM opinion WHERE demo = 0 ORDER BY id DESC LIMIT 1";
static const char SQL_OPINION_COUNT[] =
    "SELECT COUNT(*) FROM opinion WHERE demo = 0 AND id <= ?";
/* A warning's holders are chained with their staff ids (145) as names US
 * ids; a row written before has no ids, and its names alone. */
#define WARNING_HOLDERS \
    "CONCAT_WS(CHAR(31 USING utf8mb4), holders, holder_ids)"
static const char SQL_WARNING_ROWS[] =
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), case_id, app_no, "
    "step_key, step_name, dept_code, " WARNING_HOLDERS ", "
    "DATE_FORMAT(due_date, '%Y-%m-%d'), days_late, prev_hash, hash "
    "FROM deadline_warning WHERE demo = 0 AND id > ? ORDER BY id LIMIT ?";
static const char SQL_WARNING_LAST[] =
    "SELECT id, hash FROM deadline_warning WHERE demo = 0 "
    "ORDER BY id DESC LIMIT 1";
static const char SQL_WARNING_COUNT[] =
    "SELECT COUNT(*) FROM deadline_warning WHERE demo = 0 AND id <= ?";
/* The same ledgers' rows of generated cases (135). */
#define DEMO_OPINION_COLS "SELECT id, case_id, step_seq, step_key, " \
    "step_name, staff_id, CONCAT_WS(CHAR(31 USING utf8mb4), staff_name, " \
    "for_staff_id, for_staff_name), verdict, text, " \
    "DATE_FORMAT(signed_at, '%Y-%m-%d %H:%i:%s'), prev_hash, hash " \
    "FROM opinion "
static const char SQL_DEMO_OPINION_ROWS[] =
    DEMO_OPINION_COLS "WHERE demo = 1 AND id > ? ORDER BY id LIMIT ?";
static const char SQL_DEMO_OPINION_LAST[] =
    "SELECT id, hash FROM opinion WHERE demo = 1 ORDER BY id DESC LIMIT 1";
static const char SQL_DEMO_OPINION_COUNT[] =
    "SELECT COUNT(*) FROM opinion WHERE demo = 1 AND id <= ?";
static const char SQL_DEMO_WARNING_ROWS[] =
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), case_id, app_no, "
    "step_key, step_name, dept_code, " WARNING_HOLDERS ", "
    "DATE_FORMAT(due_date, '%Y-%m-%d'), days_late, prev_hash, hash "
    "FROM deadline_warning WHERE demo = 1 AND id > ? ORDER BY id LIMIT ?";
static const char SQL_DEMO_WARNING_LAST[] =
    "SELECT id, hash FROM deadline_warning WHERE demo = 1 "
    "ORDER BY id DESC LIMIT 1";
static const char SQL_DEMO_WARNING_COUNT[] =
    "SELECT COUNT(*) FROM deadline_warning WHERE demo = 1 AND id <= ?";
static const char SQL_ANOMALY_ROWS[] =
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), case_id, app_no, "
    "dept_code, rule, subject, explanation, prev_hash, hash "
    "FROM anomaly_warning WHERE id > ? ORDER BY id LIMIT ?";
static const char SQL_ANOMALY_LAST[] =
    "SELECT id, hash FROM anomaly_warning ORDER BY id DESC LIMIT 1";
static const char SQL_ANOMALY_COUNT[] =
    "SELECT COUNT(*) FROM anomaly_warning WHERE id <= ?";
static const char SQL_CASE_DEMO[] =
    "SELECT demo FROM kase WHERE id = ?";
/* The audit trail's stripes (285): chains over one table, by its stripe
 * column, each row in the stripe whose head its writer held. */
#define AUDIT_ROWS(s) \
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, action, " \
    "object, detail, prev_hash, hash FROM audit WHERE stripe = " #s \
    " AND id > ? ORDER BY id LIMIT ?"
#define AUDIT_LAST(s) \
    "SELECT id, hash FROM audit WHERE stripe = " #s " ORDER BY id DESC " \
    "LIMIT 1"
#define AUDIT_COUNT(s) \
    "SELECT COUNT(*) FROM audit WHERE stripe = " #s " AND id <= ?"
#define AUDIT_CHAIN(c, name, s) \
	[c] = { name, AUDIT_ROWS(s), AUDIT_LAST(s), AUDIT_COUNT(s), 5 }
/* A stripe's head no other transaction holds, or the one this one does:
 * rows in key order, so that the scan stops at the one it locks. */
static const char SQL_STRIPE_MINE[] =
    "SELECT chain FROM chain_head WHERE chain = ? FOR UPDATE SKIP LOCKED";
static const char SQL_STRIPE_FREE[] =
    "SELECT chain FROM chain_head WHERE chain LIKE 'audit%' "
    "ORDER BY chain LIMIT 1 FOR UPDATE SKIP LOCKED";

struct chain_def {
	const char	*name;
	const char	*sql_rows;	/* id, fields…, prev_hash, hash */
	const char	*sql_last;	/* id, hash of the newest row */
	const char	*sql_count;	/* rows up to an id */
	size_t		 nfields;
};

static const struct chain_def chains[CHAIN_ALL] = {
	[CHAIN_OPINION] = { "opinion", SQL_OPINION_ROWS, SQL_OPINION_LAST,
	    SQL_OPINION_COUNT, 9 },
	[CHAIN_DEADLINE_WARNING] = { "deadline_warning", SQL_WARNING_ROWS,
	    SQL_WARNING_LAST, SQL_WARNING_COUNT, 9 },
	[CHAIN_ANOMALY_WARNING] = { "anomaly_warning", SQL_ANOMALY_ROWS,
	    SQL_ANOMALY_LAST, SQL_ANOMALY_COUNT, 7 },
	AUDIT_CHAIN(CHAIN_AUDIT, "audit", 0),
	AUDIT_CHAIN(CHAIN_AUDIT_1, "audit_1", 1),
	AUDIT_CHAIN(CHAIN_AUDIT_2, "audit_2", 2),
	AUDIT_CHAIN(CHAIN_AUDIT_3, "audit_3", 3),
	AUDIT_CHAIN(CHAIN_AUDIT_4, "audit_4", 4),
	AUDIT_CHAIN(CHAIN_AUDIT_5, "audit_5", 5),
	AUDIT_CHAIN(CHAIN_AUDIT_6, "audit_6", 6),
	AUDIT_CHAIN(CHAIN_AUDIT_7, "audit_7", 7),
	[CHAIN_DEMO_OPINION] = { "demo-opinion", SQL_DEMO_OPINION_ROWS,
	    SQL_DEMO_OPINION_LAST, SQL_DEMO_OPINION_COUNT, 9 },
	[CHAIN_DEMO_DEADLINE_WARNING] = { "demo-warning",
	    SQL_DEMO_WARNING_ROWS, SQL_DEMO_WARNING_LAST,
	    SQL_DEMO_WARNING_COUNT, 9 },
};

#define MAX_FIELDS	16

/* The audit stripes writers spread over (chain_set_stripes), and the one
 * this process's last audited write held. */
static size_t		 stripes = CHAIN_AUDIT_STRIPES;
static enum chain_id	 mine = CHAIN_AUDIT;

/* The key, read once per process. */
static struct keyfile	 key = KEYFILE_INIT("chain_key", "the chain key",
			    CHAIN_KEY_LEN);

void
chain_set_key_file(const char *path)
{
	keyfile_set(&key, path);
}

int
chain_key_load(void)
{
	return keyfile_key(&key) == NULL ? -1 : 0;
}

int
chain_key_create(const char *path)
{
	return crypto_secret_create(path, CHAIN_KEY_LEN);
}

void
chain_set_stripes(size_t n)
{
	stripes = n >= 1 && n <= CHAIN_AUDIT_STRIPES ? n : CHAIN_AUDIT_STRIPES;
	mine = CHAIN_AUDIT;
}

const char *
chain_name(enum chain_id c)
{
	return chains[c].name;
}

enum db_rc
chain_for_case(struct db *db, struct pool *pool, enum chain_id c,
    int64_t case_id, enum chain_id *out, int *demo)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 d;

	q = db_stmt(db, SQL_CASE_DEMO);
	stmt_bind_int(q, 0, case_id);
	if ((rc = stmt_one(q, pool, "i", &d)) == DB_NONE) {
		d = 0;		/* the insert's foreign key will say */
		rc = DB_OK;
	}
	*demo = d != 0;
	*out = c;
	if (*demo && c == CHAIN_OPINION)
		*out = CHAIN_DEMO_OPINION;
	else if (*demo && c == CHAIN_DEADLINE_WARNING)
		*out = CHAIN_DEMO_DEADLINE_WARNING;
	return rc;
}

/* Feed "<len>:<bytes>" to h. */
static void
put_part(struct crypto_hmac *h, const char *s)
{
	char	 len[24];
	size_t	 n = strlen(s);

	snprintf(len, sizeof(len), "%zu:", n);
	(void)crypto_hmac_add(h, len, strlen(len));
	(void)crypto_hmac_add(h, s, n);
}

/*
 * Fed to the HMAC in parts, nothing joined; -1 (logged) when OpenSSL
 * cannot (memory), and then out is "" so that no row is written or taken
 * as verified with it.
 */
int
chain_mac(const unsigned char k[CHAIN_KEY_LEN], const char *chain,
    const char *prev, const char *const *fields, size_t n,
    char out[CHAIN_MAC_HEX])
{
	static const char	 tag[] = "yiwang-chain-1";
	struct crypto_hmac	*h;
	unsigned char		 md[SHA256_LEN];
	size_t			 i;

	out[0] = '\0';
	h = crypto_hmac_new(k, CHAIN_KEY_LEN);
	put_part(h, tag);
	put_part(h, chain);
	put_part(h, prev);
	for (i = 0; i < n; i++)
		put_part(h, fields[i]);
	if (crypto_hmac_end(h, md) == -1) {
		log_err("chain %s: out of memory for a row's MAC", chain);
		return -1;
	}
	crypto_hex(md, sizeof(md), out);
	return 0;
}

/* Lock chain name's row in chain_head, making it if a ledger is new. */
static enum db_rc
head_lock(struct db *db, struct pool *pool, const char *name)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 legacy;
	int		 tries;

	for (tries = 0; tries < 2; tries++) {
		q = db_stmt(db, SQL_HEAD_LOCK);
		stmt_bind_text(q, 0, name);
		if ((rc = stmt_one(q, pool, "i", &legacy)) != DB_NONE)
			return rc;
		q = db_stmt(db, SQL_HEAD_ADD);
		stmt_bind_text(q, 0, name);
		if ((rc = stmt_run(q)) == DB_OK)
			return DB_OK;	/* the new row is locked too */
		if (rc != DB_DUP)
			return rc;
	}
	return DB_ERR;
}

/*
 * Lock the head of an audit stripe for this transaction, without waiting
 * while one is free: the one this process last held (which this
 * transaction may hold already: its own lock does not skip it), else the
 * first no other transaction holds, else (all of them held) wait for this
 * process's own.  A transaction so never waits while it holds a stripe,
 * and two audited writers cannot deadlock on them.
 */
static enum db_rc
stripe_lock(struct db *db, struct pool *pool, enum chain_id *c)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*name;
	size_t		 i;

	if (stripes == 1) {
		*c = CHAIN_AUDIT;
		return head_lock(db, pool, chains[CHAIN_AUDIT].name);
	}
	q = db_stmt(db, SQL_STRIPE_MINE);
	stmt_bind_text(q, 0, chains[mine].name);
	rc = stmt_one(q, pool, "s", &name);
	if (rc == DB_NONE)
		rc = stmt_one(db_stmt(db, SQL_STRIPE_FREE), pool, "s", &name);
	if (rc == DB_NONE) {
		*c = mine;
		return head_lock(db, pool, chains[mine].name);
	}
	if (rc != DB_OK)
		return rc;
	for (i = 0; i < stripes; i++)
		if (strcmp(name, chains[CHAIN_AUDIT + i].name) == 0) {
			*c = mine = CHAIN_AUDIT + i;
			return DB_OK;
		}
	/* A stripe beyond those configured (fewer since): our own. */
	*c = mine;
	return head_lock(db, pool, chains[mine].name);
}

enum db_rc
chain_link(struct db *db, struct pool *pool, enum chain_id c,
    const char *const *fields, size_t n, struct chain_link *link)
{
	const struct chain_def	*d = &chains[c];
	const unsigned char	*k;
	enum db_rc		 rc;
	int64_t			 id;

	if (n != d->nfields) {
		log_err("chain %s: %zu fields, not %zu", d->name, n,
		    d->nfields);
		return DB_ERR;
	}
	if ((k = keyfile_key(&key)) == NULL)
		return DB_ERR;
	link->stripe = 0;
	if (c == CHAIN_AUDIT) {
		if ((rc = stripe_lock(db, pool, &c)) != DB_OK)
			return rc;
		d = &chains[c];
		link->stripe = (int)(c - CHAIN_AUDIT);
	} else if ((rc = head_lock(db, pool, d->name)) != DB_OK)
		return rc;
	/* Under the lock the newest row cannot change until we commit. */
	rc = stmt_one(db_stmt(db, d->sql_last), pool, "is", &id, &link->prev);
	if (rc == DB_NONE || (rc == DB_OK && link->prev == NULL)) {
		link->prev = "";
		rc = DB_OK;
	}
	if (rc == DB_OK &&
	    chain_mac(k, d->name, link->prev, fields, n, link->mac) == -1)
		rc = DB_ERR;
	return rc;
}

enum db_rc
chain_bulk_begin(struct db *db, struct pool *pool, enum chain_id c,
    const unsigned char **k, char **prev)
{
	const struct chain_def	*d = &chains[c];
	enum db_rc		 rc;
	int64_t			 id;

	if ((*k = keyfile_key(&key)) == NULL)
		return DB_ERR;
	if ((rc = head_lock(db, pool, d->name)) != DB_OK)
		return rc;
	rc = stmt_one(db_stmt(db, d->sql_last), pool, "is", &id, prev);
	if (rc == DB_NONE || (rc == DB_OK && *prev == NULL)) {
		*prev = "";
		rc = DB_OK;
	}
	return rc;
}

static enum db_rc
legacy_until(struct db *db, struct pool *pool, const char *name,
    int64_t *until)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_HEAD_LEGACY);
	stmt_bind_text(q, 0, name);
	if ((rc = stmt_one(q, pool, "i", until)) == DB_NONE) {
		*until = 0;
		rc = DB_OK;
	}
	return rc;
}

enum db_rc
chain_heads(struct db *db, struct pool *pool, struct chain_head *heads)
{
	const struct chain_def	*d;
	struct stmt		*q;
	struct chain_head	*h;
	enum db_rc		 rc;
	char			*mac;
	size_t			 c;

	for (c = 0; c < CHAIN_COUNT; c++) {
		d = &chains[c];
		h = &heads[c];
		memset(h, 0, sizeof(*h));
		snprintf(h->chain, sizeof(h->chain), "%s", d->name);
		if (legacy_until(db, pool, d->name, &h->legacy_until) != DB_OK)
			return DB_ERR;
		rc = stmt_one(db_stmt(db, d->sql_last), pool, "is",
		    &h->last_id, &mac);
		if (rc == DB_NONE)
			continue;
		if (rc != DB_OK)
			return rc;
		snprintf(h->mac, sizeof(h->mac), "%s", mac ? mac : "");
		/* Rows commit in chain order (chain_link's lock), so rows
		 * up to last_id are all there is of this head. */
		q = db_stmt(db, d->sql_count);
		stmt_bind_int(q, 0, h->last_id);
		if ((rc = stmt_one(q, pool, "i", &h->rows)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

static int
head_cmp(const void *a, const void *b)
{
	const struct chain_head *x = a, *y = b;

	return x->last_id < y->last_id ? -1 : x->last_id > y->last_id;
}

void
chain_sort_heads(struct chain_head *h, size_t n)
{
	if (n > 1)
		qsort(h, n, sizeof(*h), head_cmp);
}

static void
problem(struct chain_walk *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
problem(struct chain_walk *w, const char *fmt, ...)
{
	va_list	 ap;
	char	**slot;

	va_start(ap, fmt);
	slot = pool_push(w->pool, &w->problems, &w->nproblems, &w->cap,
	    sizeof(*slot));
	*slot = pool_vprintf(w->pool, fmt, ap);
	va_end(ap);
}

void
chain_walk_init(struct chain_walk *w, struct pool *pool, const char *chain,
    const unsigned char *k, int64_t legacy, const struct chain_head *anchors,
    size_t nanchors)
{
	size_t	 i;

	memset(w, 0, sizeof(*w));
	w->chain = chain;
	w->key = k;
	w->legacy_until = legacy;
	w->anchors = anchors;
	w->nanchors = nanchors;
	w->pool = pool;
	/* Where the unkeyed rows end is signed in every anchor. */
	for (i = 0; i < nanchors; i++)
		if (anchors[i].legacy_until != legacy)
			problem(w, "%s：密钥链之前的旧行到第 %lld 号为止，而锚点"
			    "（%s）记载的是到第 %lld 号：这个分界被改动过。", chain,
			    (long long)legacy, anchors[i].at,
			    (long long)anchors[i].legacy_until);
}

/* Check the anchors whose head is row id (or which it passed over). */
static void
walk_anchors(struct chain_walk *w, int64_t id, const char *mac)
{
	const struct chain_head	*a;

	for (; w->next_anchor < w->nanchors; w->next_anchor++) {
		a = &w->anchors[w->next_anchor];
		if (a->last_id > id)
			break;
		if (a->rows == 0)
			continue;	/* an anchor of an empty chain */
		if (a->last_id < id)
			problem(w, "%s：锚点（%s）记载的第 %lld 号记录已不存在："
			    "它被删除了。", w->chain, a->at,
			    (long long)a->last_id);
		else if (a->rows != w->rows)
			problem(w, "%s：锚点（%s）记载到第 %lld 号共 %lld 行，"
			    "现在到这一号共 %lld 行：其前有行被删除或插入。",
			    w->chain, a->at, (long long)a->last_id,
			    (long long)a->rows, (long long)w->rows);
		else if (strcmp(a->mac, mac) != 0)
			problem(w, "%s：第 %lld 号记录的校验码与锚点（%s）记载的"
			    "不同：这一行或其前的行被改写过。", w->chain,
			    (long long)id, a->at);
	}
}

void
chain_walk_row(struct chain_walk *w, int64_t id, const char *const *fields,
    size_t n, const char *prev, const char *mac)
{
	char	 want[CHAIN_MAC_HEX];
	size_t	 i;

	if (prev == NULL)
		prev = "";
	if (mac == NULL)
		mac = "";
	for (i = 0; i < n && fields != NULL; i++)
		if (fields[i] == NULL)
			fields = NULL;	/* a NULL where NOT NULL: broken */
	w->rows++;
	walk_anchors(w, id, mac);
	if (w->bad_id == 0) {
		if (strcmp(prev, w->prev) != 0) {
			w->bad_id = id;
			problem(w, "%s：第 %lld 号记录记载的上一行校验码与实际的上"
			    "一行不符：它前面的行被删除、插入或改写过。", w->chain,
			    (long long)id);
		} else if (id > w->legacy_until) {
			if (fields != NULL && chain_mac(w->key, w->chain,
			    prev, fields, n, want) == -1) {
				/* Not a verdict on the row, but no pass. */
				w->bad_id = id;
				problem(w, "%s：内存不足，第 %lld 号记录没能核对。"
				    "请稍后重新核验。", w->chain, (long long)id);
			} else if (fields == NULL || strcmp(want, mac) != 0) {
				w->bad_id = id;
				problem(w, "%s：第 %lld 号记录的内容与它的校验码"
				    "不符：写入之后被改动过。", w->chain,
				    (long long)id);
			}
		}
	}
	snprintf(w->prev, sizeof(w->prev), "%s", mac);
	w->last_id = id;
}

void
chain_walk_end(struct chain_walk *w)
{
	const struct chain_head	*a;

	for (; w->next_anchor < w->nanchors; w->next_anchor++) {
		a = &w->anchors[w->next_anchor];
		if (a->rows == 0)
			continue;
		problem(w, "%s：锚点（%s）记载到第 %lld 号共 %lld 行，现在只到"
		    "第 %lld 号共 %lld 行：锚点记载的最新的行被删除了。", w->chain,
		    a->at, (long long)a->last_id, (long long)a->rows,
		    (long long)w->last_id, (long long)w->rows);
	}
}

enum db_rc
chain_verify(struct db *db, struct pool *pool, enum chain_id c,
    const struct chain_head *anchors, size_t nanchors, struct chain_walk *w)
{
	const struct chain_def	*d = &chains[c];
	struct pool		*scratch;
	struct stmt		*q;
	const unsigned char	*k;
	char			*v[MAX_FIELDS + 3];
	enum db_rc		 rc;
	int64_t			 legacy, after = 0;
	size_t			 got;

	if ((k = keyfile_key(&key)) == NULL)
		return DB_ERR;
	if (legacy_until(db, pool, d->name, &legacy) != DB_OK)
		return DB_ERR;
	/* The walk holds the key read here (kept for the process's life). */
	chain_walk_init(w, pool, d->name, k, legacy, anchors, nanchors);
	scratch = pool_new();
	do {
		q = db_stmt(db, d->sql_rows);
		stmt_bind_int(q, 0, after);
		stmt_bind_int(q, 1, PAGE);
		if ((rc = stmt_run(q)) != DB_OK)
			break;
		for (got = 0; (rc = stmt_row_text(q, scratch, v,
		    d->nfields + 3)) == DB_OK; got++) {
			after = strtoll(v[0], NULL, 10);
			chain_walk_row(w, after, (const char *const *)v + 1,
			    d->nfields, v[d->nfields + 1], v[d->nfields + 2]);
		}
		stmt_done(q);
		pool_reset(scratch);
	} while (rc == DB_NONE && got == PAGE);
	pool_free(scratch);
	if (rc == DB_ERR)
		return DB_ERR;
	chain_walk_end(w);
	return DB_OK;
}
