/*
 * agent.c: proxy agents (代办员, AGT-1): made and deactivated on the
 * intranet, sent across as agent.account, activated and logged in to on
 * the extranet.  See agent.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "agent.h"
#include "crypto.h"
#include "exchange.h"
#include "ids.h"
#include "log.h"
#include "pii.h"
#include "pwpolicy.h"
#include "sealed.h"
#include "sms.h"
#include "text.h"
#include "throttle.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

/* The activation code: 12 characters no one misreads (no 0/O, 1/I/L),
 * 60 bits, shown as XXXX-XXXX-XXXX. */
static const char CODE_ALPHABET[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
#define CODE_LEN	12

/* ---- intranet ------------------------------------------------------ */

static const char SQL_REGIONS[] =
    "SELECT code, name, COALESCE(parent_code, ''), level FROM region "
    "WHERE level IN (3, 4) ORDER BY code";
static const char SQL_REGION[] =
    "SELECT name, level, COALESCE(parent_code, '') FROM region "
    "WHERE code = ?";
static const char SQL_LIST[] =
    "SELECT a.id, a.name, a.area_name, a.active, "
    LOCAL("a.created_at") ", (SELECT COUNT(*) FROM kase k "
    "WHERE k.agent_id = a.id) FROM agent a WHERE a.id_hash IS NOT NULL "
    "ORDER BY a.active DESC, a.id DESC LIMIT 500";
static const char SQL_ADD[] =
    "INSERT INTO agent (name, region_code, active, id_hash, id_sealed, "
    "mobile_sealed, area_name, created_by, created_at, updated_at) "
    "VALUES (?, ?, 1, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_AREA_ADD[] =
    "INSERT INTO agent_area (agent_id, region_code) VALUES (?, ?)";
static const char SQL_GET[] =
    "SELECT name, region_code, area_name, id_sealed, mobile_sealed, "
    "active FROM agent WHERE id = ? AND id_hash IS NOT NULL FOR UPDATE";
static const char SQL_OFF[] =
    "UPDATE agent SET active = 0, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ?";
/* Where the area's residents live: the villages named, or the township
 * and every village of it. */
static const char SQL_AREA_REGIONS[] =
    "SELECT r.code, r.name FROM agent_area x JOIN region r "
    "ON r.code = x.region_code WHERE x.agent_id = ? ORDER BY r.code";
static const char SQL_TOWN_REGIONS[] =
    "SELECT code, name FROM region WHERE code = ? OR parent_code = ? "
    "ORDER BY code";
static const char SQL_OF_CASE[] =
    "SELECT CONCAT(a.name, '（', a.area_name, '）'), k.consent_kind, "
    "COALESCE(" LOCAL("k.consent_at") ", '') "
    "FROM kase k JOIN agent a ON a.id = k.agent_id WHERE k.id = ?";
static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";

static enum db_rc
region_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agent_region	*g = arg;

	return stmt_row(q, pool, "sssd", &g->code, &g->name, &g->parent,
	    &g->level);
}

enum db_rc
agent_regions(struct db *db, struct pool *pool, struct agent_region **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_REGIONS), pool, region_row,
	    sizeof(**v), v, n);
}

static enum db_rc
list_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct agent_row	*a = arg;

	return stmt_row(q, pool, "issdsi", &a->id, &a->name, &a->area,
	    &a->active, &a->created_at, &a->cases);
}

enum db_rc
agent_list(struct db *db, struct pool *pool, struct agent_row **v,
    size_t *n)
{
	return stmt_list(db_stmt(db, SQL_LIST), pool, list_row, sizeof(**v),
	    v, n);
}

/* A new activation code into out (CODE_LEN + 1). */
static void
new_code(char *out)
{
	unsigned char	 b[CODE_LEN];
	size_t		 i;

	crypto_random(b, sizeof(b));
	for (i = 0; i < CODE_LEN; i++)	/* 31 letters: 256 % 31 bias 1/256 */
		out[i] = CODE_ALPHABET[b[i] % (sizeof(CODE_ALPHABET) - 1)];
	out[CODE_LEN] = '\0';
}

/*
 * The agent.account record of agent id (locked by the caller): the
 * account, its area, its regions and the code's hash (NULL: none, the
 * extranet keeps or clears what it has: see agent_import_account()).
 */
static json_t *
account_record(struct db *db, struct pool *pool, int64_t id,
    const char *code_hash)
{
	struct stmt	*q;
	json_t		*rec, *regions;
	char		*name, *town, *area, *sid, *smob, *idno, *mob, *now;
	char		*code, *rname;
	int64_t		 active;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	if (stmt_one(q, pool, "sssssi", &name, &town, &area, &sid, &smob,
	    &active) != DB_OK)
		return NULL;
	if ((idno = pii_open(pool, SEALED_AGENT_ID, sid)) == NULL ||
	    (mob = pii_open(pool, SEALED_AGENT_MOBILE, smob)) == NULL ||
	    stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now) != DB_OK)
		return NULL;
	if ((regions = json_array()) == NULL)
		return NULL;
	q = db_stmt(db, SQL_AREA_REGIONS);
	stmt_bind_int(q, 0, id);
	if (stmt_run(q) != DB_OK) {
		json_decref(regions);
		return NULL;
	}
	while (stmt_row(q, pool, "ss", &code, &rname) == DB_OK)
		json_array_append_new(regions, json_pack("{s:s, s:s}", "code",
		    code, "name", rname));
	stmt_done(q);
	if (json_array_size(regions) == 0) {
		q = db_stmt(db, SQL_TOWN_REGIONS);
		stmt_bind_text(q, 0, town);
		stmt_bind_text(q, 1, town);
		if (stmt_run(q) != DB_OK) {
			json_decref(regions);
			return NULL;
		}
		while (stmt_row(q, pool, "ss", &code, &rname) == DB_OK)
			json_array_append_new(regions, json_pack(
			    "{s:s, s:s}", "code", code, "name", rname));
		stmt_done(q);
	}
	rec = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s}",
	    "type", "agent.account", "id", (json_int_t)id, "name", name,
	    "id_number", idno, "mobile", mob, "county",
	    pool_strndup(pool, town, 6), "area", area, "regions", regions,
	    "active", (int)active, "at", now);
	if (rec != NULL && code_hash != NULL)
		json_object_set_new(rec, "code_hash", json_string(code_hash));
	return rec;
}

enum db_rc
agent_add(struct db *db, struct pool *pool, const char *actor,
    const char *name, const char *idno, const char *mobile,
    const char *township, const char *const *villages, size_t nvillages,
    char **code, int64_t *id, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		 hash[PII_HASH_HEX], pw[PWHASH_MAX], c[CODE_LEN + 1];
	char		*sid, *smob, *tname, *parent, *vname, *vparent, *area;
	char		*up;
	int		 level, vlevel;
	size_t		 i, j;

	*why = NULL;
	if (name == NULL || text_check(name, strlen(name), 2, 20, 0,
	    TEXT_LINE) != TEXT_OK)
		*why = "请填写代办员姓名（2 到 20 个字）。";
	else if (idno == NULL || strlen(idno) != 18 ||
	    !id_number_valid(up = pool_strdup(pool, idno)))
		*why = "身份证号码不正确，请核对 18 位号码（最后一位可能是 X）。";
	else if (mobile == NULL || !mobile_valid(mobile))
		*why = "手机号码应为 11 位数字，以 13 到 19 开头。";
	else if (township == NULL || strlen(township) > 12)
		*why = "请选择服务的苏木乡镇。";
	else if (nvillages > AGENT_VILLAGES_MAX)
		*why = "所选嘎查村太多。";
	if (*why != NULL)
		return DB_NONE;
	up = pool_strdup(pool, idno);
	id_number_upper(up);
	q = db_stmt(db, SQL_REGION);
	stmt_bind_text(q, 0, township);
	if ((rc = stmt_one(q, pool, "sds", &tname, &level, &parent)) ==
	    DB_ERR)
		return DB_ERR;
	if (rc == DB_NONE || level != 3) {
		*why = "请选择服务的苏木乡镇。";
		return DB_NONE;
	}
	area = tname;
	for (i = 0; i < nvillages; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(villages[i], villages[j]) == 0) {
				*why = "同一个嘎查村选了两次。";
				return DB_NONE;
			}
		q = db_stmt(db, SQL_REGION);
		stmt_bind_text(q, 0, villages[i]);
		if ((rc = stmt_one(q, pool, "sds", &vname, &vlevel,
		    &vparent)) == DB_ERR)
			return DB_ERR;
		if (rc == DB_NONE || vlevel != 4 || strcmp(vparent,
		    township) != 0) {
			*why = pool_printf(pool, "所选嘎查村不属于%s。", tname);
			return DB_NONE;
		}
		area = pool_printf(pool, "%s%s%s", area, i == 0 ? "" : "、",
		    vname);
	}
	if (pii_hash(SEALED_AGENT_ID, up, hash) == -1 ||
	    (sid = pii_seal(pool, SEALED_AGENT_ID, up)) == NULL ||
	    (smob = pii_seal(pool, SEALED_AGENT_MOBILE, mobile)) == NULL)
		return DB_ERR;
	new_code(c);
	if (crypto_pw_hash(c, pw) == -1)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_text(q, 0, name);
	stmt_bind_text(q, 1, township);
	stmt_bind_text(q, 2, hash);
	stmt_bind_text(q, 3, sid);
	stmt_bind_text(q, 4, smob);
	stmt_bind_text(q, 5, area);
	stmt_bind_text(q, 6, actor);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	*id = stmt_insert_id(q);
	for (i = 0; i < nvillages; i++) {
		q = db_stmt(db, SQL_AREA_ADD);
		stmt_bind_int(q, 0, *id);
		stmt_bind_text(q, 1, villages[i]);
		if ((rc = stmt_run(q)) != DB_OK)
			goto fail;
	}
	rec = account_record(db, pool, *id, pw);
	rc = outbox_add(db, pool, rec);		/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, actor, "agent.add",
	    pool_printf(pool, "agent:%lld", (long long)*id), area)) != DB_OK)
		goto fail;
	if ((rc = db_commit(db)) != DB_OK)
		return DB_ERR;
	*code = pool_printf(pool, "%.4s-%.4s-%.4s", c, c + 4, c + 8);
	return DB_OK;
fail:
	db_rollback(db);
	return rc == DB_DUP ? DB_DUP : DB_ERR;
}

enum db_rc
agent_deactivate(struct db *db, struct pool *pool, const char *actor,
    int64_t id)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*name, *town, *area, *sid, *smob;
	int64_t		 active;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "sssssi", &name, &town, &area, &sid,
	    &smob, &active)) != DB_OK || !active) {
		db_rollback(db);
		return rc == DB_ERR ? DB_ERR : DB_NONE;
	}
	q = db_stmt(db, SQL_OFF);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	rec = account_record(db, pool, id, NULL);
	rc = outbox_add(db, pool, rec);
	json_decref(rec);
	if (rc != DB_OK || (rc = audit_add(db, pool, actor, "agent.deactivate",
	    pool_printf(pool, "agent:%lld", (long long)id), name)) != DB_OK)
		goto fail;
	return db_commit(db) == DB_OK ? DB_OK : DB_ERR;
fail:
	db_rollback(db);
	return DB_ERR;
}

enum db_rc
agent_of_case(struct db *db, struct pool *pool, int64_t case_id,
    char **label, char **consent)
{
	struct stmt	*q;
	enum db_rc	 rc;

	char		*at;

	*label = *consent = NULL;
	q = db_stmt(db, SQL_OF_CASE);
	stmt_bind_int(q, 0, case_id);
	if ((rc = stmt_one(q, pool, "sss", label, consent, &at)) != DB_OK)
		return rc == DB_NONE ? DB_OK : rc;
	if (strcmp(*consent, "form") == 0)
		*consent = "居民签字的授权书（扫描件，见申请材料）";
	else if (*at != '\0')
		*consent = pool_printf(pool, "短信确认：居民于 %s 用申请所留"
		    "手机收到确认码并告知代办员", at);
	else
		*consent = "短信确认";
	return DB_OK;
}

/* ---- extranet ------------------------------------------------------ */

static const char SQL_ACCT_BY_ID[] =
    "SELECT citizen_id FROM agent_account WHERE id = ? FOR UPDATE";
static const char SQL_PRINCIPAL_ADD[] =
    "INSERT INTO citizen (id_hash, id_sealed, name, mobile_sealed, "
    "pw_hash) VALUES (?, ?, ?, ?, '!')";
static const char SQL_PRINCIPAL_SET[] =
    "UPDATE citizen SET name = ?, mobile_sealed = ? WHERE id = ?";
static const char SQL_ACCT_ADD[] =
    "INSERT INTO agent_account (id, citizen_id, name, id_hash, id_sealed, "
    "mobile_sealed, county_code, area_name, code_hash, active, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/* A record without a code keeps the one the account has (or none). */
static const char SQL_ACCT_SET[] =
    "UPDATE agent_account SET name = ?, id_hash = ?, id_sealed = ?, "
    "mobile_sealed = ?, county_code = ?, area_name = ?, "
    "code_hash = COALESCE(?, code_hash), active = ?, updated_at = ? "
    "WHERE id = ? AND updated_at <= ?";
static const char SQL_AREAS_DROP[] =
    "DELETE FROM agent_account_area WHERE agent_id = ?";
static const char SQL_AREA_PUT[] =
    "INSERT INTO agent_account_area (agent_id, region_code, name) "
    "VALUES (?, ?, ?)";
static const char SQL_SESSIONS_END[] =
    "DELETE FROM session WHERE user_id = ?";
static const char SQL_ACCT_GET[] =
    "SELECT id, citizen_id, name, area_name, county_code "
    "FROM agent_account WHERE id = ? AND active = 1";
static const char SQL_ACCT_REGIONS[] =
    "SELECT region_code, name, '', 4 FROM agent_account_area "
    "WHERE agent_id = ? ORDER BY region_code";
static const char SQL_ACCT_BY_HASH[] =
    "SELECT id, citizen_id, name, code_hash, pw_hash, active "
    "FROM agent_account WHERE id_hash = ?";
static const char SQL_ACTIVATE[] =
    "UPDATE agent_account SET pw_hash = ?, code_hash = NULL, "
    "activated_at = UTC_TIMESTAMP() WHERE id = ? AND code_hash = ?";

enum db_rc
agent_import_account(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*regions, *e, *jcode;
	const char	*name, *idno, *mobile, *county, *area, *at, *code;
	const char	*rcode, *rname;
	char		 hash[PII_HASH_HEX], phash[PII_HASH_HEX];
	char		*sid, *smob, *pid;
	json_int_t	 id;
	int64_t		 cid;
	int		 active;
	size_t		 i;

	if (json_unpack(rec, "{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s}",
	    "id", &id, "name", &name, "id_number", &idno, "mobile", &mobile,
	    "county", &county, "area", &area, "regions", &regions, "active",
	    &active, "at", &at) != 0) {
		snprintf(err, errlen, "代办员记录缺少字段");
		return DB_NONE;
	}
	jcode = json_object_get(rec, "code_hash");
	code = jcode != NULL ? json_string_value(jcode) : NULL;
	pid = pool_printf(pool, "agent:%lld", (long long)id);
	if (pii_hash(SEALED_AGENT_ID, idno, hash) == -1 ||
	    pii_hash(SEALED_CITIZEN_ID, pid, phash) == -1 ||
	    (sid = pii_seal(pool, SEALED_AGENT_ID, idno)) == NULL ||
	    (smob = pii_seal(pool, SEALED_AGENT_MOBILE, mobile)) == NULL) {
		snprintf(err, errlen, "无法读取个人信息加密密钥（pii_key），"
		    "代办员 %lld 没有入库", (long long)id);
		return DB_ERR;
	}
	q = db_stmt(db, SQL_ACCT_BY_ID);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "i", &cid)) == DB_ERR)
		return DB_ERR;
	if (rc == DB_NONE) {
		/* The agent's login principal (db/210): never found by an
		 * ID number, never matched by a password. */
		q = db_stmt(db, SQL_PRINCIPAL_ADD);
		stmt_bind_text(q, 0, phash);
		stmt_bind_text(q, 1, pii_seal(pool, SEALED_CITIZEN_ID, pid));
		stmt_bind_text(q, 2, name);
		stmt_bind_text(q, 3, pii_seal(pool, SEALED_CITIZEN_MOBILE,
		    mobile));
		if ((rc = stmt_run(q)) != DB_OK)
			goto refused;
		cid = stmt_insert_id(q);
		q = db_stmt(db, SQL_ACCT_ADD);
		stmt_bind_int(q, 0, id);
		stmt_bind_int(q, 1, cid);
		stmt_bind_text(q, 2, name);
		stmt_bind_text(q, 3, hash);
		stmt_bind_text(q, 4, sid);
		stmt_bind_text(q, 5, smob);
		stmt_bind_text(q, 6, county);
		stmt_bind_text(q, 7, area);
		stmt_bind_text(q, 8, code);
		stmt_bind_int(q, 9, active);
		stmt_bind_text(q, 10, at);
		if ((rc = stmt_run(q)) != DB_OK)
			goto refused;
	} else {
		q = db_stmt(db, SQL_PRINCIPAL_SET);
		stmt_bind_text(q, 0, name);
		stmt_bind_text(q, 1, pii_seal(pool, SEALED_CITIZEN_MOBILE,
		    mobile));
		stmt_bind_int(q, 2, cid);
		if ((rc = stmt_run(q)) != DB_OK)
			return DB_ERR;
		q = db_stmt(db, SQL_ACCT_SET);
		stmt_bind_text(q, 0, name);
		stmt_bind_text(q, 1, hash);
		stmt_bind_text(q, 2, sid);
		stmt_bind_text(q, 3, smob);
		stmt_bind_text(q, 4, county);
		stmt_bind_text(q, 5, area);
		stmt_bind_text(q, 6, code);
		stmt_bind_int(q, 7, active);
		stmt_bind_text(q, 8, at);
		stmt_bind_int(q, 9, id);
		stmt_bind_text(q, 10, at);
		if ((rc = stmt_run(q)) != DB_OK)
			goto refused;
	}
	q = db_stmt(db, SQL_AREAS_DROP);
	stmt_bind_int(q, 0, id);
	if (stmt_run(q) != DB_OK)
		return DB_ERR;
	json_array_foreach(regions, i, e) {
		rcode = json_string_value(json_object_get(e, "code"));
		rname = json_string_value(json_object_get(e, "name"));
		q = db_stmt(db, SQL_AREA_PUT);
		stmt_bind_int(q, 0, id);
		stmt_bind_text(q, 1, rcode);
		stmt_bind_text(q, 2, rname);
		if ((rc = stmt_run(q)) != DB_OK)
			goto refused;
	}
	/* A deactivated agent's sessions end with the record. */
	if (!active) {
		q = db_stmt(db, SQL_SESSIONS_END);
		stmt_bind_int(q, 0, cid);
		if (stmt_run(q) != DB_OK)
			return DB_ERR;
	}
	return DB_OK;
refused:
	if (rc == DB_DUP) {
		snprintf(err, errlen, "代办员 %lld 的身份证号码已是另一位代办员"
		    "的", (long long)id);
		return DB_NONE;
	}
	return DB_ERR;
}

enum db_rc
agent_account_get(struct db *db, struct pool *pool, int64_t id,
    struct agent_acct *a)
{
	struct stmt	*q;
	enum db_rc	 rc;

	memset(a, 0, sizeof(*a));
	q = db_stmt(db, SQL_ACCT_GET);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "iisss", &a->id, &a->citizen_id,
	    &a->name, &a->area, &a->county)) != DB_OK)
		return rc;
	q = db_stmt(db, SQL_ACCT_REGIONS);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, region_row, sizeof(*a->regions),
	    &a->regions, &a->nregions);
}

/* What an agent types as the code, made canonical: upper case, without
 * the dashes and spaces; NULL when it cannot be a code. */
static char *
code_clean(struct pool *pool, const char *s)
{
	char	*out = pool_alloc(pool, CODE_LEN + 1);
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == '-' || *s == ' ')
			continue;
		if (n == CODE_LEN || !isalnum((unsigned char)*s))
			return NULL;
		out[n++] = (char)toupper((unsigned char)*s);
	}
	out[n] = '\0';
	return n == CODE_LEN ? out : NULL;
}

/* A hash to compare against when nothing matches, as slow as a real one
 * (account.c's, for the same reason). */
static const char DUMMY[] = "scrypt$17$8$1$"
    "00000000000000000000000000000000$"
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * The account of ID number idno checked against secret (the code when
 * code, else the password): AGENT_OK with *id, *cid, *name, *stored.
 * Every miss is counted against the address and the number.
 */
static enum agent_rc
check(struct db *db, struct pool *pool, const char *idno, const char *secret,
    int code, const char *addr, int64_t *id, int64_t *cid, char **name,
    char **stored)
{
	struct stmt	*q;
	enum db_rc	 rc = DB_NONE;
	char		 hash[PII_HASH_HEX], *up, *key, *chash = NULL;
	char		*pw = NULL;
	int64_t		 active = 0;
	int		 closed, ok;

	if ((closed = throttle_closed(db, pool, &TH_LOGIN_ADDR, addr)) != 0)
		return closed < 0 ? AGENT_ERR : AGENT_BUSY;
	up = pool_strdup(pool, idno);
	id_number_upper(up);
	if (pii_hash(SEALED_AGENT_ID, up, hash) == -1)
		return AGENT_ERR;
	key = pool_printf(pool, "agent:%s", hash);
	if ((closed = throttle_closed(db, pool, &TH_LOGIN_NAME, key)) != 0)
		return closed < 0 ? AGENT_ERR : AGENT_BUSY;
	if (secret != NULL) {
		q = db_stmt(db, SQL_ACCT_BY_HASH);
		stmt_bind_text(q, 0, hash);
		if ((rc = stmt_one(q, pool, "iisssi", id, cid, name, &chash,
		    &pw, &active)) == DB_ERR)
			return AGENT_ERR;
	}
	*stored = code ? chash : pw;
	if (rc == DB_OK && active && code && chash == NULL &&
	    strcmp(pw, "!") != 0)
		return AGENT_USED;
	ok = rc == DB_OK && active && *stored != NULL &&
	    strcmp(*stored, "!") != 0;
	ok = crypto_pw_verify(secret != NULL ? secret : "", ok ? *stored :
	    DUMMY) == 0 && ok;
	if (ok)
		return throttle_clear(db, &TH_LOGIN_NAME, key) == DB_OK ?
		    AGENT_OK : AGENT_ERR;
	if (throttle_count(db, &TH_LOGIN_ADDR, addr) != DB_OK ||
	    throttle_count(db, &TH_LOGIN_NAME, key) != DB_OK)
		return AGENT_ERR;
	return AGENT_MISS;
}

enum agent_rc
agent_activate(struct db *db, struct pool *pool, const char *idno,
    const char *code, const char *password, const char *addr)
{
	struct stmt	*q;
	enum agent_rc	 arc;
	char		 pw[PWHASH_MAX], *name, *stored, *c;
	int64_t		 id, cid;

	c = code_clean(pool, code);
	arc = check(db, pool, idno, c, 1, addr, &id, &cid, &name, &stored);
	if (arc != AGENT_OK)
		return arc;
	if (crypto_pw_hash(password, pw) == -1 || db_begin(db) != DB_OK)
		return AGENT_ERR;
	q = db_stmt(db, SQL_ACTIVATE);
	stmt_bind_text(q, 0, pw);
	stmt_bind_int(q, 1, id);
	stmt_bind_text(q, 2, stored);
	if (stmt_run(q) != DB_OK || stmt_affected(q) != 1 ||
	    audit_add(db, pool, pool_printf(pool, "agent:%lld",
	    (long long)id), "agent.activate", pool_printf(pool,
	    "agent:%lld", (long long)id), name) != DB_OK) {
		db_rollback(db);
		return AGENT_ERR;
	}
	return db_commit(db) == DB_OK ? AGENT_OK : AGENT_ERR;
}

enum agent_rc
agent_login(struct db *db, struct pool *pool, const char *idno,
    const char *password, const char *addr, struct user *u)
{
	enum agent_rc	 arc;
	char		*name, *stored;
	int64_t		 id, cid;

	memset(u, 0, sizeof(*u));
	arc = check(db, pool, idno, password, 0, addr, &id, &cid, &name,
	    &stored);
	if (arc != AGENT_OK)
		return arc == AGENT_USED ? AGENT_MISS : arc;
	u->id = cid;
	u->name = name;
	u->agent_id = id;
	u->login = pool_printf(pool, "agent:%lld", (long long)id);
	u->roles = ROLE_AGENT;
	return AGENT_OK;
}

/* ---- extranet: the resident's consent by SMS ------------------------- */

static const char SQL_HOLD_ADD[] =
    "INSERT INTO consent_hold (app_no, record_sealed, mobile_hash, "
    "expires_at) VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)";
/* The hold of app_no, if agent ? made it. */
static const char SQL_HOLD_GET[] =
    "SELECT h.record_sealed, COALESCE(h.code_hash, ''), h.tries, h.sends, "
    "COALESCE(h.code_expires > UTC_TIMESTAMP(), 0), "
    "h.expires_at > UTC_TIMESTAMP(), "
    LOCAL("h.expires_at") ", a.mobile_sealed, a.item_name, "
    "a.agent_name, a.agent_area, a.applicant_name "
    "FROM consent_hold h JOIN application a ON a.app_no = h.app_no "
    "WHERE h.app_no = ? AND a.agent_id = ? FOR UPDATE";
static const char SQL_HOLD_CODE[] =
    "UPDATE consent_hold SET code_hash = ?, code_expires = "
    "UTC_TIMESTAMP() + INTERVAL ? SECOND, tries = 0, sends = sends + 1 "
    "WHERE app_no = ?";
static const char SQL_HOLD_MISS[] =
    "UPDATE consent_hold SET tries = tries + 1 WHERE app_no = ?";
static const char SQL_HOLD_DROP[] =
    "DELETE FROM consent_hold WHERE app_no = ?";
static const char SQL_APP_CONSENTED[] =
    "UPDATE application SET consent_state = 'confirmed', consent_at = ?, "
    "consent_mobile_hash = ?, state_label = '已提交，等待受理', "
    "updated_at = UTC_TIMESTAMP() WHERE app_no = ?";
static const char SQL_HOLDS_EXPIRED[] =
    "SELECT app_no FROM consent_hold WHERE expires_at <= UTC_TIMESTAMP() "
    "ORDER BY expires_at LIMIT 200";
static const char SQL_APP_VOID[] =
    "UPDATE application SET state = 'withdrawn', state_label = ?, "
    "consent_state = 'refused', updated_at = UTC_TIMESTAMP() "
    "WHERE app_no = ? AND consent_state = 'pending'";
static const char SQL_NOW_UTC[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";

/* The keyed hash of a consent code under its application's number. */
static int
consent_hash(struct pool *pool, const char *app_no, const char *code,
    char out[PII_HASH_HEX])
{
	return pii_hash("sms.code", pool_printf(pool, "consent:%s:%s", app_no,
	    code), out);
}

enum db_rc
agent_consent_hold(struct db *db, struct pool *pool, const char *app_no,
    json_t *rec, const char *mobile)
{
	struct stmt	*q;
	char		*body, *sealed, hash[PII_HASH_HEX];

	if (rec == NULL || (body = json_dumps(rec, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL)
		return DB_ERR;
	sealed = pii_seal(pool, SEALED_CONSENT_HOLD, body);
	free(body);
	if (sealed == NULL || pii_hash(SEALED_CONSENT_MOBILE, mobile, hash) ==
	    -1)
		return DB_ERR;
	q = db_stmt(db, SQL_HOLD_ADD);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, sealed);
	stmt_bind_text(q, 2, hash);
	stmt_bind_int(q, 3, CONSENT_WAIT);
	return stmt_run(q);
}

/* The hold of app_no made by agent (locked inside a transaction). */
static enum db_rc
hold_get(struct db *db, struct pool *pool, int64_t agent, const char *app_no,
    struct agent_hold *h, char **sealed, char **code_hash)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*smob;

	memset(h, 0, sizeof(*h));
	q = db_stmt(db, SQL_HOLD_GET);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_int(q, 1, agent);
	if ((rc = stmt_one(q, pool, "ssiiiissssss", sealed, code_hash,
	    &h->tries, &h->sends, &h->code_live, &h->live, &h->expires_at,
	    &smob, &h->item_name, &h->agent_name, &h->agent_area,
	    &h->resident_name)) != DB_OK)
		return rc;
	if (	    (h->mobile = pii_open(pool, SEALED_APP_MOBILE, smob)) == NULL)
		return DB_ERR;
	h->app_no = pool_strdup(pool, app_no);
	return DB_OK;
}

enum db_rc
agent_consent_get(struct db *db, struct pool *pool, int64_t agent,
    const char *app_no, struct agent_hold *h)
{
	char	*sealed, *ch;

	return hold_get(db, pool, agent, app_no, h, &sealed, &ch);
}

enum agent_rc
agent_consent_send(const struct config *cfg, struct db *db,
    struct pool *pool, int64_t agent, const char *app_no, const char *addr,
    const char **why)
{
	struct agent_hold h;
	struct stmt	*q;
	enum db_rc	 rc;
	char		 code[SMS_CODE_LEN + 1], ch[PII_HASH_HEX];
	char		*sealed, *old;
	const char	*text, *shown, *fmt;
	int64_t		 id;
	int		 c;

	*why = NULL;
	if ((rc = hold_get(db, pool, agent, app_no, &h, &sealed, &old)) !=
	    DB_OK)
		return rc == DB_NONE ? AGENT_MISS : AGENT_ERR;
	if (!h.live) {
		*why = "这份申请已超过居民确认的期限，不能再发送确认码。";
		return AGENT_MISS;
	}
	/* The resident's number, like every code's (1 a minute, 5 a day),
	 * and the agent's address. */
	if ((c = sms_limits(db, pool, h.mobile, addr, why)) != 0)
		return c > 0 ? AGENT_BUSY : AGENT_ERR;
	sms_code_make(code);
	if (consent_hash(pool, app_no, code, ch) == -1 ||
	    db_begin(db) != DB_OK)
		return AGENT_ERR;
	q = db_stmt(db, SQL_HOLD_CODE);
	stmt_bind_text(q, 0, ch);
	stmt_bind_int(q, 1, CONSENT_CODE_TTL);
	stmt_bind_text(q, 2, app_no);
	fmt = "代办员%s（%s）申请为您代办“%s”（申请编号 %s）。"
	    "您同意的话，请把确认码 %s 告诉代办员，2 小时内有效；"
	    "不同意请不要告诉任何人。";
	text = pool_printf(pool, fmt, h.agent_name, h.agent_area, h.item_name,
	    app_no, code);
	shown = pool_printf(pool, fmt, h.agent_name, h.agent_area,
	    h.item_name, app_no, "******");
	explicit_bzero(code, sizeof(code));
	if (stmt_run(q) != DB_OK || sms_queue(cfg, db, pool, h.mobile, text,
	    shown, "consent", app_no, &id) != DB_OK) {
		db_rollback(db);
		return AGENT_ERR;
	}
	if (db_commit(db) != DB_OK)
		return AGENT_ERR;
	/* At once: the agent and the resident are waiting, and it goes to
	 * the number the application names. */
	(void)sms_send_one(cfg, db, pool, id);
	return AGENT_OK;
}

/* The held record of app_no with its consent given now by the number of
 * hash mhash; NULL on failure. */
static json_t *
consented(struct pool *pool, const char *sealed, const char *now,
    const char *mhash)
{
	json_t		*rec, *con;
	const char	*body;

	if ((body = pii_open(pool, SEALED_CONSENT_HOLD, sealed)) == NULL ||
	    (rec = json_loads(body, 0, NULL)) == NULL)
		return NULL;
	con = json_pack("{s:s, s:s, s:s, s:s}", "kind", "sms", "state",
	    "confirmed", "at", now, "mobile_hash", mhash);
	if (con == NULL || json_object_set_new(json_object_get(rec, "agent"),
	    "consent", con) == -1) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

enum agent_rc
agent_consent_confirm(struct db *db, struct pool *pool, int64_t agent,
    const char *actor, const char *app_no, const char *code, long *left,
    const char **why)
{
	struct agent_hold h;
	struct stmt	*q;
	enum db_rc	 rc;
	json_t		*rec;
	char		*sealed, *stored, *now, ch[PII_HASH_HEX];
	char		 mh[PII_HASH_HEX];
	size_t		 i;

	*why = NULL;
	*left = 0;
	if (db_begin(db) != DB_OK)
		return AGENT_ERR;
	if ((rc = hold_get(db, pool, agent, app_no, &h, &sealed, &stored)) !=
	    DB_OK) {
		db_rollback(db);
		return rc == DB_NONE ? AGENT_MISS : AGENT_ERR;
	}
	if (!h.live)
		*why = "这份申请已超过居民确认的期限，已作废。请重新申请。";
	else if (*stored == '\0' || !h.code_live)
		*why = "确认码已过期，请点“重新发送确认码”，再请居民告诉您"
		    "新的确认码。";
	else if (h.tries >= CONSENT_TRIES)
		*why = "确认码输错的次数过多，这个确认码已作废。请点“重新发送"
		    "确认码”。";
	if (*why != NULL) {
		db_rollback(db);
		return AGENT_MISS;
	}
	for (i = 0; code != NULL && code[i] >= '0' && code[i] <= '9'; i++)
		;
	if (code == NULL || i != SMS_CODE_LEN || code[i] != '\0' ||
	    consent_hash(pool, app_no, code, ch) == -1 ||
	    crypto_equal(ch, stored, PII_HASH_HEX - 1) != 0) {
		q = db_stmt(db, SQL_HOLD_MISS);
		stmt_bind_text(q, 0, app_no);
		if (stmt_run(q) != DB_OK || db_commit(db) != DB_OK)
			return AGENT_ERR;
		*left = CONSENT_TRIES - (long)h.tries - 1;
		*why = *left > 0 ? pool_printf(pool, "确认码不对，还可以再试 "
		    "%ld 次。请让居民再念一遍短信里的 6 位数字。", *left) :
		    "确认码输错的次数过多，这个确认码已作废。请点“重新发送"
		    "确认码”。";
		return AGENT_MISS;
	}
	if (stmt_one(db_stmt(db, SQL_NOW_UTC), pool, "s", &now) != DB_OK ||
	    pii_hash(SEALED_CONSENT_MOBILE, h.mobile, mh) == -1)
		goto fail;
	rec = consented(pool, sealed, now, mh);
	rc = outbox_add(db, pool, rec);		/* refuses a NULL rec */
	json_decref(rec);
	if (rc != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_APP_CONSENTED);
	stmt_bind_text(q, 0, now);
	stmt_bind_text(q, 1, mh);
	stmt_bind_text(q, 2, app_no);
	if (stmt_run(q) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_HOLD_DROP);
	stmt_bind_text(q, 0, app_no);
	if (stmt_run(q) != DB_OK || audit_add(db, pool, actor,
	    "application.consent", app_no, "sms") != DB_OK)
		goto fail;
	return db_commit(db) == DB_OK ? AGENT_OK : AGENT_ERR;
fail:
	db_rollback(db);
	return AGENT_ERR;
}

static enum db_rc
no_row(struct stmt *q, struct pool *pool, void *arg)
{
	char	**v = arg;

	return stmt_row(q, pool, "s", v);
}

enum db_rc
agent_consent_expire(struct db *db, struct pool *pool, int *n)
{
	struct stmt	*q;
	char		**v;
	size_t		 m, i;
	enum db_rc	 rc;

	*n = 0;
	if ((rc = stmt_list(db_stmt(db, SQL_HOLDS_EXPIRED), pool, no_row,
	    sizeof(*v), (void **)&v, &m)) != DB_OK)
		return rc;
	for (i = 0; i < m; i++) {
		if (db_begin(db) != DB_OK)
			return DB_ERR;
		q = db_stmt(db, SQL_APP_VOID);
		stmt_bind_text(q, 0, "居民未在 3 日内短信确认，申请没有提交，"
		    "已作废");
		stmt_bind_text(q, 1, v[i]);
		if (stmt_run(q) != DB_OK)
			goto fail;
		q = db_stmt(db, SQL_HOLD_DROP);
		stmt_bind_text(q, 0, v[i]);
		if (stmt_run(q) != DB_OK || db_commit(db) != DB_OK)
			goto fail;
		(*n)++;
	}
	return DB_OK;
fail:
	db_rollback(db);
	return DB_ERR;
}

/* ---- extranet: a forgotten password ------------------------------------ */

static const char SQL_ACCT_FOR_RESET[] =
    "SELECT citizen_id, mobile_sealed FROM agent_account "
    "WHERE id_hash = ? AND active = 1 AND pw_hash <> '!'";
static const char SQL_ACCT_OF_PRINCIPAL[] =
    "SELECT id, id_sealed, mobile_sealed FROM agent_account "
    "WHERE citizen_id = ? AND active = 1 FOR UPDATE";
static const char SQL_ACCT_PW[] =
    "UPDATE agent_account SET pw_hash = ? WHERE id = ?";

enum agent_rc
agent_pw_start(const struct config *cfg, struct db *db, struct pool *pool,
    const char *idno, const char *mobile, const char *addr, char ticket[33],
    const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 hash[PII_HASH_HEX], *up = NULL, *sealed, *to = NULL;
	int64_t		 cid = 0;

	*why = NULL;
	if (idno != NULL && strlen(idno) == 18)
		up = pool_strdup(pool, idno);
	if (up == NULL || !id_number_valid(up))
		*why = "身份证号码不正确，请核对 18 位号码（最后一位可能是 X）。";
	else if (mobile == NULL || !mobile_valid(mobile))
		*why = "手机号码应为 11 位数字，以 13 到 19 开头。";
	if (*why != NULL)
		return AGENT_MISS;
	id_number_upper(up);
	if (pii_hash(SEALED_AGENT_ID, up, hash) == -1)
		return AGENT_ERR;
	q = db_stmt(db, SQL_ACCT_FOR_RESET);
	stmt_bind_text(q, 0, hash);
	if ((rc = stmt_one(q, pool, "is", &cid, &sealed)) == DB_ERR)
		return AGENT_ERR;
	/* Only to the number on record, and only when it was typed. */
	if (rc == DB_OK && (to = pii_open(pool, SEALED_AGENT_MOBILE,
	    sealed)) != NULL && strcmp(to, mobile) != 0)
		to = NULL;
	switch (sms_code_start(cfg, db, pool, "agent-reset", mobile, to, addr,
	    to != NULL ? cid : 0, NULL, ticket, why)) {
	case CODE_SENT:
		return AGENT_OK;
	case CODE_BUSY:
		return AGENT_BUSY;
	default:
		return AGENT_ERR;
	}
}

enum agent_rc
agent_pw_finish(struct db *db, struct pool *pool, const char *ticket,
    const char *code, const char *password, const char **why, long *left)
{
	struct sms_ticket t;
	struct stmt	*q;
	const char	*personal[2];
	char		 pw[PWHASH_MAX], *sid, *smob, *key, hash[PII_HASH_HEX];
	int64_t		 id;

	*why = NULL;
	if ((*why = pwpolicy_check(password, PW_CITIZEN_MIN, NULL, 0)) != NULL)
		return AGENT_WEAK;
	if (db_begin(db) != DB_OK)
		return AGENT_ERR;
	switch (sms_code_check(db, pool, "agent-reset", ticket, code, &t,
	    left)) {
	case CHECK_OK:
		break;
	case CHECK_WRONG:	/* the miss is counted */
		return db_commit(db) == DB_OK ? AGENT_MISS : AGENT_ERR;
	case CHECK_GONE:
		return db_commit(db) == DB_OK ? AGENT_GONE : AGENT_ERR;
	default:
		goto fail;
	}
	q = db_stmt(db, SQL_ACCT_OF_PRINCIPAL);
	stmt_bind_int(q, 0, t.citizen_id);
	switch (stmt_one(q, pool, "iss", &id, &sid, &smob)) {
	case DB_OK:
		break;
	case DB_NONE:	/* deactivated meanwhile */
		db_rollback(db);
		return AGENT_GONE;
	default:
		goto fail;
	}
	/* A password the policy refuses for this person leaves the code
	 * unspent (rolled back): they choose another. */
	if ((personal[0] = pii_open(pool, SEALED_AGENT_ID, sid)) == NULL ||
	    (personal[1] = pii_open(pool, SEALED_AGENT_MOBILE, smob)) == NULL)
		goto fail;
	if ((*why = pwpolicy_check(password, PW_CITIZEN_MIN, personal, 2)) !=
	    NULL) {
		db_rollback(db);
		return AGENT_WEAK;
	}
	if (crypto_pw_hash(password, pw) == -1 ||
	    pii_hash(SEALED_AGENT_ID, personal[0], hash) == -1)
		goto fail;
	key = pool_printf(pool, "agent:%s", hash);
	q = db_stmt(db, SQL_ACCT_PW);
	stmt_bind_text(q, 0, pw);
	stmt_bind_int(q, 1, id);
	if (stmt_run(q) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_SESSIONS_END);
	stmt_bind_int(q, 0, t.citizen_id);
	if (stmt_run(q) != DB_OK ||
	    throttle_clear(db, &TH_LOGIN_NAME, key) != DB_OK ||
	    audit_add(db, pool, pool_printf(pool, "agent:%lld", (long long)id),
	    "agent.password.reset", pool_printf(pool, "agent:%lld",
	    (long long)id), "{\"by\":\"SMS code\",\"sessions\":\"ended\"}") !=
	    DB_OK)
		goto fail;
	return db_commit(db) == DB_OK ? AGENT_OK : AGENT_ERR;
fail:
	db_rollback(db);
	return AGENT_ERR;
}
