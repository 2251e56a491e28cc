/*
 * docseal.c: owns seal_key and the seal_* columns of document and
 * licence (docseal.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "crypto.h"
#include "docseal.h"
#include "exchange.h"
#include "log.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define KEY_COLS "kid, dept_code, dept_name, alg, pub, " \
	LOCAL("created_at") ", " LOCAL("retired_at") ", " \
	LOCAL("revoked_at") ", revoke_why"
#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"

static const char SQL_DEPT[] =
    "SELECT name FROM department WHERE code = ?";
/* The key a department seals with now: its newest neither retired nor
 * revoked. */
static const char SQL_CURRENT[] =
    "SELECT kid, alg FROM seal_key WHERE dept_code = ? "
    "AND retired_at IS NULL AND revoked_at IS NULL "
    "ORDER BY created_at DESC, kid LIMIT 1";
static const char SQL_KEY_ADD[] =
    "INSERT INTO seal_key (kid, dept_code, dept_name, alg, pub, created_at) "
    "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_KEY_RETIRE[] =
    "UPDATE seal_key SET retired_at = UTC_TIMESTAMP() "
    "WHERE kid = ? AND retired_at IS NULL";
static const char SQL_KEY_REVOKE[] =
    "UPDATE seal_key SET revoked_at = UTC_TIMESTAMP(), revoke_why = ?, "
    "retired_at = COALESCE(retired_at, UTC_TIMESTAMP()) "
    "WHERE kid = ? AND revoked_at IS NULL";
static const char SQL_KEY_GET[] =
    "SELECT " KEY_COLS " FROM seal_key WHERE kid = ?";
static const char SQL_KEY_LIST[] =
    "SELECT " KEY_COLS " FROM seal_key ORDER BY dept_code, created_at, kid";
/* What the extranet is sent: the row as it stands, times in UTC. */
static const char SQL_KEY_RECORD[] =
    "SELECT kid, dept_code, dept_name, alg, pub, " UTC("created_at") ", "
    "COALESCE(" UTC("retired_at") ", ''), "
    "COALESCE(" UTC("revoked_at") ", ''), COALESCE(revoke_why, '') "
    "FROM seal_key WHERE kid = ?";
/* The extranet takes a key once; later records only retire or revoke
 * it, never back. */
static const char SQL_KEY_PUT[] =
    "INSERT INTO seal_key (kid, dept_code, dept_name, alg, pub, "
    "created_at, retired_at, revoked_at, revoke_why) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
    "retired_at = COALESCE(retired_at, VALUES(retired_at)), "
    "revoked_at = COALESCE(revoked_at, VALUES(revoked_at)), "
    "revoke_why = COALESCE(revoke_why, VALUES(revoke_why))";
static const char SQL_KEY_DEPT[] =
    "SELECT dept_code, pub FROM seal_key WHERE kid = ?";
/* Departments that never had a seal key (seal-key --each). */
static const char SQL_UNSEALED[] =
    "SELECT code FROM department d WHERE NOT EXISTS (SELECT 1 FROM "
    "seal_key k WHERE k.dept_code = d.code) ORDER BY code";
static const char SQL_DOC_SEAL[] =
    "UPDATE document SET seal_dept = ?, seal_kid = ?, seal_sig = ?, "
    "seal_code = ? WHERE doc_no = ? AND seal_sig IS NULL";
static const char SQL_DOC_VIEW[] =
    "SELECT doc_no, kind, title, app_no, " UTC("issued_at") ", issued_by, "
    "body, seal_dept, seal_kid, seal_sig, seal_code, "
    LOCAL("issued_at") " FROM document WHERE doc_no = ?";
/* A licence (DOC-2, licence.h) is sealed as a document of kind
 * "licence": its number, name and body in the canonical form. */
static const char SQL_LIC_VIEW[] =
    "SELECT licence_no, 'licence', name, app_no, " UTC("issued_at") ", "
    "issued_by, body, seal_dept, seal_kid, seal_sig, seal_code, "
    LOCAL("issued_at") ", state, " LOCAL("ended_at") ", end_why, "
    "DATE_FORMAT(valid_to, '%Y-%m-%d'), "
    "valid_to IS NOT NULL AND valid_to < DATE(UTC_TIMESTAMP() + "
    "INTERVAL 8 HOUR) FROM licence WHERE licence_no = ?";

static char	*seal_dir;

void
docseal_set_dir(const char *dir)
{
	free(seal_dir);
	seal_dir = dir != NULL ? strdup(dir) : NULL;
}

const char *
docseal_dir(void)
{
	return seal_dir;
}

static enum db_rc
key_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct seal_key	*k = arg;

	return stmt_row(q, pool, "sssssssss", &k->kid, &k->dept_code,
	    &k->dept_name, &k->alg, &k->pub, &k->created_at, &k->retired_at,
	    &k->revoked_at, &k->revoke_why);
}

enum db_rc
docseal_key_get(struct db *db, struct pool *pool, const char *kid,
    struct seal_key *k)
{
	struct stmt	*q;

	memset(k, 0, sizeof(*k));
	q = db_stmt(db, SQL_KEY_GET);
	stmt_bind_text(q, 0, kid);
	return stmt_first(q, pool, key_row, k);
}

enum db_rc
docseal_key_list(struct db *db, struct pool *pool, struct seal_key **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_KEY_LIST), pool, key_row, sizeof(**v),
	    v, n);
}

/* The outbox record of key kid as it stands now. */
static enum db_rc
key_out(struct db *db, struct pool *pool, const char *kid)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*v[9];
	json_t		*rec;

	q = db_stmt(db, SQL_KEY_RECORD);
	stmt_bind_text(q, 0, kid);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = stmt_row_text(q, pool, v, 9);
	stmt_done(q);
	if (rc != DB_OK)
		return DB_ERR;
	rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "type", "seal.key", "kid", v[0], "dept_code", v[1],
	    "dept_name", v[2], "alg", v[3], "pub", v[4], "created_at", v[5],
	    "retired_at", v[6], "revoked_at", v[7], "revoke_why", v[8]);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	return rc;
}

/* dir/DEPT_KID.suffix into out (a department code has no '_'); -1 when
 * it does not fit or no dir is set. */
static int
key_path(char out[PATH_MAX], const char *dept, const char *kid,
    const char *suffix)
{
	return seal_dir == NULL || snprintf(out, PATH_MAX, "%s/%s_%s%s",
	    seal_dir, dept, kid, suffix) >= PATH_MAX ? -1 : 0;
}

/* The service user owns the directory, and so the keys in it: a key
 * made by root is given to them. */
static int
give_to_owner(const char *path)
{
	struct stat	 st;

	if (stat(seal_dir, &st) == -1)
		return -1;
	if (geteuid() == st.st_uid)
		return 0;
	return chown(path, st.st_uid, st.st_gid);
}

/* Forget the private half of a key that no longer signs. */
static void
drop_private(const char *dept, const char *kid)
{
	char	 p[PATH_MAX];

	if (key_path(p, dept, kid, ".key") == 0 && unlink(p) == -1 &&
	    errno != ENOENT)
		log_err("seal key %s: cannot remove: %s", p, strerror(errno));
}

enum db_rc
docseal_key_make(struct db *db, struct pool *pool, const char *dept,
    const char *alg, int rotate, const char *who, char kid[KEY_ID_LEN + 1],
    char *msg, size_t msglen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	EVP_PKEY	*key;
	char		 tpriv[PATH_MAX], tpub[PATH_MAX], priv[PATH_MAX];
	char		 pub[PATH_MAX];
	char		*dname, *old = NULL, *oldalg, *pem;
	const char	*type = strcmp(alg, "sm2") == 0 ? "SM2" : "ED25519";

	kid[0] = '\0';
	q = db_stmt(db, SQL_DEPT);
	stmt_bind_text(q, 0, dept);
	if ((rc = stmt_one(q, pool, "s", &dname)) != DB_OK) {
		snprintf(msg, msglen, rc == DB_NONE ? "没有编码为 %s 的部门。" :
		    "读取部门 %s 时出错（见日志）。", dept);
		return rc;
	}
	q = db_stmt(db, SQL_CURRENT);
	stmt_bind_text(q, 0, dept);
	if ((rc = stmt_one(q, pool, "ss", &old, &oldalg)) == DB_ERR) {
		snprintf(msg, msglen, "读取印章密钥时出错（见日志）。");
		return rc;
	}
	if (rc == DB_OK && !rotate) {
		snprintf(msg, msglen, "%s已有印章密钥 %s，没有改动。要换用新密钥"
		    "请加 --rotate（旧密钥仍可核验它盖过的文书）。", dname, old);
		return DB_DUP;
	}
	if (rc == DB_NONE)
		old = NULL;
	if (key_path(tpriv, dept, "new", ".key") == -1 ||
	    key_path(tpub, dept, "new", ".pub") == -1) {
		snprintf(msg, msglen, "配置中没有 seal_key_dir（印章密钥目录）。");
		return DB_ERR;
	}
	if (mkdir(seal_dir, 0700) == -1 && errno != EEXIST) {
		snprintf(msg, msglen, "无法建立印章密钥目录 %s：%s。", seal_dir,
		    strerror(errno));
		return DB_ERR;
	}
	unlink(tpriv);
	unlink(tpub);
	if (crypto_keygen_alg(type, tpriv, tpub) == -1 ||
	    (key = crypto_load_key(tpub, 0, type)) == NULL) {
		snprintf(msg, msglen, "无法在 %s 生成密钥：%s。", seal_dir,
		    strerror(errno));
		unlink(tpriv);
		unlink(tpub);
		return DB_ERR;
	}
	pem = docsig_pem(pool, key);
	if (crypto_key_id(key, kid) == -1 || pem == NULL ||
	    key_path(priv, dept, kid, ".key") == -1 ||
	    key_path(pub, dept, kid, ".pub") == -1 ||
	    give_to_owner(tpriv) == -1 || give_to_owner(tpub) == -1 ||
	    rename(tpriv, priv) == -1 || rename(tpub, pub) == -1) {
		EVP_PKEY_free(key);
		snprintf(msg, msglen, "无法保存新密钥（%s）：%s。", seal_dir,
		    strerror(errno));
		unlink(tpriv);
		unlink(tpub);
		return DB_ERR;
	}
	EVP_PKEY_free(key);
	if ((rc = db_begin(db)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_KEY_ADD);
	stmt_bind_text(q, 0, kid);
	stmt_bind_text(q, 1, dept);
	stmt_bind_text(q, 2, dname);
	stmt_bind_text(q, 3, alg);
	stmt_bind_text(q, 4, pem);
	if ((rc = stmt_run(q)) != DB_OK || (rc = key_out(db, pool, kid)) !=
	    DB_OK)
		goto rollback;
	if (old != NULL) {
		q = db_stmt(db, SQL_KEY_RETIRE);
		stmt_bind_text(q, 0, old);
		if ((rc = stmt_run(q)) != DB_OK ||
		    (rc = key_out(db, pool, old)) != DB_OK)
			goto rollback;
	}
	if ((rc = audit_json(db, pool, who, old != NULL ? "seal.key-rotate" :
	    "seal.key-make", dept, json_pack("{s:s, s:s, s:s}", "kid", kid,
	    "alg", alg, "old_kid", old != NULL ? old : ""))) != DB_OK ||
	    (rc = db_commit(db)) != DB_OK)
		goto rollback;
	if (old != NULL)
		drop_private(dept, old);
	snprintf(msg, msglen, "已为%s生成印章密钥 %s（%s）%s。私钥 %s，仅服务"
	    "用户可读；公钥随下一个数据包送到外网，外网据此核验文书。", dname,
	    kid, alg, old != NULL ? pool_printf(pool, "，替换 %s（旧密钥仍可"
	    "核验它盖过的文书）", old) : "", priv);
	return DB_OK;
rollback:
	db_rollback(db);
fail:
	unlink(priv);
	unlink(pub);
	snprintf(msg, msglen, "印章密钥没有保存（见日志）。");
	kid[0] = '\0';
	return DB_ERR;
}

enum db_rc
docseal_key_revoke(struct db *db, struct pool *pool, const char *kid,
    const char *why, const char *who, char *msg, size_t msglen)
{
	struct seal_key	 k;
	struct stmt	*q;
	enum db_rc	 rc;

	if ((rc = docseal_key_get(db, pool, kid, &k)) != DB_OK) {
		snprintf(msg, msglen, rc == DB_NONE ? "没有印章密钥 %s。" :
		    "读取印章密钥时出错（见日志）。", kid);
		return rc;
	}
	if (k.revoked_at != NULL) {
		snprintf(msg, msglen, "印章密钥 %s 已于 %s 吊销，没有改动。", kid,
		    k.revoked_at);
		return DB_NONE;
	}
	if ((rc = db_begin(db)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_KEY_REVOKE);
	stmt_bind_text(q, 0, why);
	stmt_bind_text(q, 1, kid);
	if ((rc = stmt_run(q)) != DB_OK || (rc = key_out(db, pool, kid)) !=
	    DB_OK || (rc = audit_json(db, pool, who, "seal.key-revoke",
	    k.dept_code, json_pack("{s:s, s:s}", "kid", kid, "why", why))) !=
	    DB_OK || (rc = db_commit(db)) != DB_OK) {
		db_rollback(db);
		snprintf(msg, msglen, "没有吊销（见日志）。");
		return DB_ERR;
	}
	drop_private(k.dept_code, kid);
	snprintf(msg, msglen, "已吊销%s的印章密钥 %s。它此前盖过的文书仍可核验，"
	    "核验页面注明该密钥已吊销及吊销时间；%s在生成新密钥前出具的文书不"
	    "加盖电子印章（yiwang-admin seal-key %s）。", k.dept_name, kid,
	    k.dept_name, k.dept_code);
	return DB_OK;
}

/*
 * Private keys in use, by id: loaded once per process.  A key is never
 * changed under its id (the id is its public value's digest), so nothing
 * here goes stale; one retired or revoked is no longer asked for.
 */
#define CACHE_MAX	16
static struct {
	char		 kid[KEY_ID_LEN + 1];
	EVP_PKEY	*key;
} cache[CACHE_MAX];

static EVP_PKEY *
private_key(const char *dept, const char *kid, const char *alg)
{
	char		 p[PATH_MAX];
	unsigned	 mode;
	size_t		 i;
	EVP_PKEY	*key;

	for (i = 0; i < CACHE_MAX && cache[i].key != NULL; i++)
		if (strcmp(cache[i].kid, kid) == 0)
			return cache[i].key;
	if (key_path(p, dept, kid, ".key") == -1) {
		log_err("seal key %s: seal_key_dir is not configured", kid);
		return NULL;
	}
	if (crypto_private_mode(p, &mode) == -1) {
		log_err("seal key %s: %s%s", p, errno == EACCES ?
		    "group or others may read it, refused: chmod 600 " :
		    strerror(errno), errno == EACCES ? p : "");
		return NULL;
	}
	if ((key = crypto_load_key(p, 1, strcmp(alg, "sm2") == 0 ? "SM2" :
	    "ED25519")) == NULL) {
		log_err("seal key %s: not a %s private key", p, alg);
		return NULL;
	}
	if (i == CACHE_MAX) {
		EVP_PKEY_free(cache[0].key);
		memmove(&cache[0], &cache[1], sizeof(cache[0]) *
		    (CACHE_MAX - 1));
		i = CACHE_MAX - 1;
	}
	snprintf(cache[i].kid, sizeof(cache[i].kid), "%s", kid);
	cache[i].key = key;
	return key;
}

enum db_rc
docseal_sign_form(struct db *db, struct pool *pool, const char *dept,
    struct docsig *s, char **sig, char code[DOCSIG_CODE_LEN + 1])
{
	struct stmt	*q;
	enum db_rc	 rc;
	EVP_PKEY	*key;
	char		*kid, *alg;

	*sig = NULL;
	q = db_stmt(db, SQL_CURRENT);
	stmt_bind_text(q, 0, dept);
	if ((rc = stmt_one(q, pool, "ss", &kid, &alg)) == DB_NONE)
		return DB_OK;		/* no seal: issued unsigned */
	if (rc != DB_OK)
		return rc;
	if ((key = private_key(dept, kid, alg)) == NULL)
		return DB_ERR;
	s->dept = dept;
	s->kid = kid;
	s->alg = alg;
	if (docsig_sign(key, pool, s, sig, code) == -1) {
		log_err("%s: cannot seal with key %s", s->doc_no, kid);
		*sig = NULL;
		return DB_ERR;
	}
	return DB_OK;
}

enum db_rc
docseal_sign(struct db *db, struct pool *pool, const char *dept,
    struct doc *d)
{
	struct docsig	 s;
	struct stmt	*q;
	enum db_rc	 rc;
	char		*sig, code[DOCSIG_CODE_LEN + 1];

	d->seal_dept = d->seal_kid = d->seal_sig = d->seal_code = NULL;
	memset(&s, 0, sizeof(s));
	s.doc_no = d->doc_no;
	s.kind = d->kind;
	s.title = d->title;
	s.app_no = d->app_no;
	s.issued_at = d->issued_at;
	s.issued_by = d->issued_by;
	s.body = d->body;
	if ((rc = docseal_sign_form(db, pool, dept, &s, &sig, code)) !=
	    DB_OK || sig == NULL)
		return rc;
	q = db_stmt(db, SQL_DOC_SEAL);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, s.kid);
	stmt_bind_text(q, 2, sig);
	stmt_bind_text(q, 3, code);
	stmt_bind_text(q, 4, d->doc_no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	d->seal_dept = pool_strdup(pool, dept);
	d->seal_kid = (char *)s.kid;
	d->seal_sig = sig;
	d->seal_code = pool_strdup(pool, code);
	return DB_OK;
}

json_t *
docseal_record(const struct doc *d)
{
	if (d->seal_sig == NULL)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s}", "dept", d->seal_dept,
	    "kid", d->seal_kid, "sig", d->seal_sig, "code", d->seal_code);
}

enum db_rc
docseal_import(struct db *db, const char *doc_no, json_t *seal)
{
	struct stmt	*q;
	const char	*dept, *kid, *sig, *code;

	if (seal == NULL)
		return DB_OK;
	if (json_unpack(seal, "{s:s, s:s, s:s, s:s}", "dept", &dept,
	    "kid", &kid, "sig", &sig, "code", &code) != 0)
		return DB_NONE;
	q = db_stmt(db, SQL_DOC_SEAL);
	stmt_bind_text(q, 0, dept);
	stmt_bind_text(q, 1, kid);
	stmt_bind_text(q, 2, sig);
	stmt_bind_text(q, 3, code);
	stmt_bind_text(q, 4, doc_no);
	return stmt_run(q);
}

/* A time of a record, "" for none, as a parameter. */
static void
bind_time(struct stmt *q, unsigned i, const char *t)
{
	if (t == NULL || *t == '\0')
		stmt_bind_null(q, i);
	else
		stmt_bind_text(q, i, t);
}

enum db_rc
docseal_key_import(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	const char	*kid, *dept, *dname, *alg, *pub, *created, *retired;
	const char	*revoked, *why;
	char		*have, *havepub;

	if (json_unpack(rec, "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "kid", &kid, "dept_code", &dept, "dept_name", &dname, "alg", &alg,
	    "pub", &pub, "created_at", &created, "retired_at", &retired,
	    "revoked_at", &revoked, "revoke_why", &why) != 0) {
		snprintf(err, errlen, "印章密钥记录缺少字段");
		return DB_NONE;
	}
	q = db_stmt(db, SQL_KEY_PUT);
	stmt_bind_text(q, 0, kid);
	stmt_bind_text(q, 1, dept);
	stmt_bind_text(q, 2, dname);
	stmt_bind_text(q, 3, alg);
	stmt_bind_text(q, 4, pub);
	stmt_bind_text(q, 5, created);
	bind_time(q, 6, retired);
	bind_time(q, 7, revoked);
	if (*why != '\0')
		stmt_bind_text(q, 8, why);
	else
		stmt_bind_null(q, 8);
	if ((rc = stmt_run(q)) != DB_OK)
		return DB_ERR;
	/* A key is its department's for good. */
	q = db_stmt(db, SQL_KEY_DEPT);
	stmt_bind_text(q, 0, kid);
	if ((rc = stmt_one(q, pool, "ss", &have, &havepub)) != DB_OK)
		return DB_ERR;
	if (strcmp(have, dept) != 0 || strcmp(havepub, pub) != 0) {
		snprintf(err, errlen, "印章密钥 %s 属于部门 %s，记录却说是 %s",
		    kid, have, dept);
		return DB_NONE;
	}
	return DB_OK;
}

/* A licence no as v (DB_NONE: there is none), its state in v->lic. */
static enum db_rc
licence_row(struct db *db, struct pool *pool, const char *no,
    struct seal_view *v)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 expired = 0;

	q = db_stmt(db, SQL_LIC_VIEW);
	stmt_bind_text(q, 0, no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	rc = stmt_row(q, pool, "ssssssssssssssssi", &v->d.doc_no, &v->d.kind,
	    &v->d.title, &v->d.app_no, &v->d.issued_at, &v->d.issued_by,
	    &v->d.body, &v->d.dept, &v->d.kid, &v->sig_hex, &v->code,
	    &v->issued_local, &v->lic_state, &v->lic_ended_at,
	    &v->lic_end_why, &v->lic_valid_to, &expired);
	stmt_done(q);
	v->lic_expired = expired != 0;
	return rc;
}

enum db_rc
docseal_view(struct db *db, struct pool *pool, const char *doc_no,
    struct seal_view *v)
{
	struct stmt	*q;
	enum db_rc	 rc;
	EVP_PKEY	*key;

	q = db_stmt(db, SQL_DOC_VIEW);
	stmt_bind_text(q, 0, doc_no);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	memset(v, 0, sizeof(*v));
	rc = stmt_row(q, pool, "ssssssssssss", &v->d.doc_no, &v->d.kind,
	    &v->d.title, &v->d.app_no, &v->d.issued_at, &v->d.issued_by,
	    &v->d.body, &v->d.dept, &v->d.kid, &v->sig_hex, &v->code,
	    &v->issued_local);
	stmt_done(q);
	/* Not a document: a licence, numbered in its own series. */
	if (rc == DB_NONE)
		rc = licence_row(db, pool, doc_no, v);
	if (rc != DB_OK)
		return rc;
	if (v->sig_hex == NULL || v->d.kid == NULL)
		return DB_OK;		/* not sealed */
	if ((rc = docseal_key_get(db, pool, v->d.kid, &v->key)) == DB_ERR)
		return rc;
	if (rc == DB_NONE)
		return DB_OK;		/* its key has not reached this site */
	v->d.alg = v->key.alg;
	/* The document names its department; the key must be that
	 * department's, whatever the signature says. */
	if (v->d.dept == NULL || strcmp(v->d.dept, v->key.dept_code) != 0 ||
	    (key = docsig_key_from_pem(v->key.pub)) == NULL)
		return DB_OK;
	v->verified = docsig_verify(key, pool, &v->d, v->sig_hex, v->code) ==
	    0;
	EVP_PKEY_free(key);
	return DB_OK;
}

enum db_rc
docseal_find(struct db *db, struct pool *pool, const char *doc_no,
    const char *code, struct seal_view *v)
{
	enum db_rc	 rc;

	if ((rc = docseal_view(db, pool, doc_no, v)) != DB_OK)
		return rc;
	if (v->code == NULL || code == NULL ||
	    strlen(code) != DOCSIG_CODE_LEN || strlen(v->code) !=
	    DOCSIG_CODE_LEN || CRYPTO_memcmp(v->code, code,
	    DOCSIG_CODE_LEN) != 0)
		return DB_NONE;
	return DB_OK;
}

static enum db_rc
code_row(struct stmt *q, struct pool *pool, void *arg)
{
	return stmt_row(q, pool, "s", (char **)arg);
}

enum db_rc
docseal_key_each(struct db *db, struct pool *pool, const char *alg,
    const char *who, size_t *made, char *msg, size_t msglen)
{
	char		**codes, kid[KEY_ID_LEN + 1];
	size_t		 i, n;
	enum db_rc	 rc;

	*made = 0;
	msg[0] = '\0';
	if ((rc = stmt_list(db_stmt(db, SQL_UNSEALED), pool, code_row,
	    sizeof(*codes), &codes, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = docseal_key_make(db, pool, codes[i], alg, 0, who, kid,
		    msg, msglen)) != DB_OK)
			return rc;
		(*made)++;
	}
	return DB_OK;
}

char *
docseal_export(struct pool *pool, const struct seal_view *v)
{
	json_t	*o;
	char	*s, *out = NULL;

	if (v->sig_hex == NULL || v->d.alg == NULL ||
	    (o = docsig_json(&v->d, v->sig_hex, v->code)) == NULL)
		return NULL;
	/* ASCII only: the file survives any mail or disc on the way. */
	if ((s = json_dumps(o, JSON_INDENT(1) | JSON_ENSURE_ASCII)) != NULL) {
		out = pool_strdup(pool, s);
		free(s);
	}
	json_decref(o);
	return out;
}
