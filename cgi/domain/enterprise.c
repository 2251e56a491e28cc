/*
 * enterprise.c: enterprises and the persons acting for them (ACC-1);
 * owns the tables enterprise and enterprise_staff.
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "enterprise.h"
#include "exchange.h"
#include "ids.h"
#include "log.h"
#include "pii.h"
#include "sealed.h"
#include "text.h"
#include "throttle.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

/* A code registered before keeps its first row (F7). */
static const char SQL_ENT_REGISTER[] =
    "INSERT IGNORE INTO enterprise (credit_code, name, address, "
    "legal_rep_id, created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
/* The columns of struct enterprise as person ? sees it. */
#define ENT_COLS \
    "SELECT e.id, e.credit_code, e.name, e.address, " \
    LOCAL("e.created_at") ", e.legal_rep_id, c.name, " \
    "IF(e.legal_rep_id = ?, 7, COALESCE(s.rights, 0)) " \
    "FROM enterprise e JOIN citizen c ON c.id = e.legal_rep_id " \
    "LEFT JOIN enterprise_staff s ON s.enterprise_id = e.id " \
    "AND s.citizen_id = ? "
static const char SQL_ENT_MINE[] = ENT_COLS
    "WHERE e.legal_rep_id = ? OR s.citizen_id IS NOT NULL "
    "ORDER BY e.name, e.id";
static const char SQL_ENT_OF[] = ENT_COLS
    "WHERE e.credit_code = ? AND (e.legal_rep_id = ? OR "
    "s.citizen_id IS NOT NULL)";
static const char SQL_ENT_BY_ID[] = ENT_COLS
    "WHERE e.id = ? AND (e.legal_rep_id = ? OR s.citizen_id IS NOT NULL)";
static const char SQL_ENT_STAFF[] =
    "SELECT s.citizen_id, c.name, s.rights, " LOCAL("s.granted_at")
    " FROM enterprise_staff s JOIN citizen c ON c.id = s.citizen_id "
    "WHERE s.enterprise_id = ? ORDER BY c.name, s.citizen_id";
static const char SQL_PERSON_OF_HASH[] =
    "SELECT id, name FROM citizen WHERE id_hash = ?";
static const char SQL_ENT_GRANT[] =
    "INSERT INTO enterprise_staff (enterprise_id, citizen_id, rights, "
    "granted_by, granted_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP()) "
    "ON DUPLICATE KEY UPDATE rights = VALUES(rights), "
    "granted_by = VALUES(granted_by), granted_at = VALUES(granted_at)";
/* The hall's claim (yiwang-admin enterprise-claim). */
static const char SQL_ENT_CLAIM[] =
    "UPDATE enterprise SET legal_rep_id = ?, name = ?, address = ? "
    "WHERE id = ?";
static const char SQL_ENT_ID[] =
    "SELECT id, legal_rep_id FROM enterprise WHERE credit_code = ? "
    "FOR UPDATE";
static const char SQL_ENT_STAFF_DROP[] =
    "DELETE FROM enterprise_staff WHERE enterprise_id = ?";
static const char SQL_PERSON_STATE[] =
    "SELECT state FROM citizen WHERE id = ?";
static const char SQL_ENT_REVOKE[] =
    "DELETE FROM enterprise_staff WHERE enterprise_id = ? AND "
    "citizen_id = ?";

const char *
enterprise_rights_label(struct pool *pool, unsigned rights)
{
	static const struct {
		unsigned	 bit;
		const char	*label;
	} names[] = {
		{ ENT_APPLY, "以企业名义申请" },
		{ ENT_VIEW, "查看企业办件" },
		{ ENT_STAFF, "管理经办人" },
	};
	const char	*s = "";
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (rights & names[i].bit)
			s = pool_printf(pool, "%s%s%s", s, *s ? "、" : "",
			    names[i].label);
	return s;
}

/* One line of text of min..max characters; its problem, or NULL. */
static const char *
line_problem(struct pool *pool, const char *s, size_t min, size_t max,
    const char *what)
{
	if (s == NULL || text_check(s, strlen(s), min, max, 0, TEXT_LINE) !=
	    TEXT_OK)
		return pool_printf(pool, "请填写%s（%zu 个字以内，一行）。",
		    what, max);
	return NULL;
}

/* What is wrong with an enterprise's code, name and address as its
 * business licence gives them, or NULL. */
static const char *
licence_problem(struct pool *pool, const char *code, const char *name,
    const char *address)
{
	enum credit_check	 c;
	const char		*why;

	if ((c = credit_code_check(code)) != CREDIT_OK)
		return credit_code_problem(c);
	if ((why = line_problem(pool, name, 2, ENT_NAME_MAX,
	    "营业执照上的企业名称")) != NULL)
		return why;
	return line_problem(pool, address, 2, ENT_ADDRESS_MAX,
	    "营业执照上的住所（地址）");
}

/*
 * The states of a person's account (db/041) in which they may become an
 * enterprise's legal representative.  The seam for NTF-1/ACC-1's SMS
 * check of the mobile: once accounts are moved to "verified" by it, drop
 * "registered" here and only verified persons register enterprises.
 */
static const char *const rep_states[] = { "registered", "verified" };

/* 1 when person citizen may represent an enterprise, 0, -1 on error. */
static int
rep_ok(struct db *db, struct pool *pool, int64_t citizen)
{
	struct stmt	*q;
	char		*state;
	size_t		 i;

	q = db_stmt(db, SQL_PERSON_STATE);
	stmt_bind_int(q, 0, citizen);
	switch (stmt_one(q, pool, "s", &state)) {
	case DB_OK:
		break;
	case DB_NONE:
		return 0;
	default:
		return -1;
	}
	for (i = 0; i < sizeof(rep_states) / sizeof(rep_states[0]); i++)
		if (strcmp(state, rep_states[i]) == 0)
			return 1;
	return 0;
}

enum ent_rc
enterprise_register(struct db *db, struct pool *pool, const struct user *u,
    const char *code, const char *name, const char *address,
    const char *addr, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*acct;
	int		 fresh, c;

	if ((*why = licence_problem(pool, code, name, address)) != NULL)
		return ENT_INVALID;
	switch (rep_ok(db, pool, u->id)) {
	case 1:
		break;
	case 0:
		*why = "您的账户还没有完成实名核验，暂不能登记企业。";
		return ENT_INVALID;
	default:
		return ENT_ERR;
	}
	/* The day's registrations (a checked form is one, whatever it
	 * finds): per account, then per address. */
	acct = pool_printf(pool, "%lld", (long long)u->id);
	c = 0;
	if (addr != NULL && (c = throttle_closed(db, pool, &TH_ENT_ACCOUNT,
	    acct)) == 0 &&
	    (c = throttle_closed(db, pool, &TH_ENT_ADDR, addr)) > 0)
		*why = pool_printf(pool, "从您的网络地址今天登记企业的次数已达 "
		    "%ld 次的上限，请%s再试。", TH_ENT_ADDR.limit,
		    TH_ENT_ADDR.reopens);
	else if (c > 0)
		*why = pool_printf(pool, "您的账户今天登记企业的次数已达 %ld "
		    "次的上限，请%s再试。", TH_ENT_ACCOUNT.limit,
		    TH_ENT_ACCOUNT.reopens);
	if (c != 0)
		return c > 0 ? ENT_BUSY : ENT_ERR;
	if (db_begin(db) != DB_OK)
		return ENT_ERR;
	if (addr != NULL && (throttle_count(db, &TH_ENT_ACCOUNT, acct) !=
	    DB_OK || throttle_count(db, &TH_ENT_ADDR, addr) != DB_OK)) {
		db_rollback(db);
		return ENT_ERR;
	}
	q = db_stmt(db, SQL_ENT_REGISTER);
	stmt_bind_text(q, 0, code);
	stmt_bind_text(q, 1, name);
	stmt_bind_text(q, 2, address);
	stmt_bind_int(q, 3, u->id);
	if ((rc = stmt_run(q)) == DB_OK) {
		fresh = stmt_affected(q) == 1;
		rc = audit_add(db, pool, u->login, "enterprise.register", code,
		    fresh ? "{\"enterprise\":\"new\"}" :
		    "{\"enterprise\":\"exists, unchanged\"}");
	}
	if (rc != DB_OK) {
		db_rollback(db);
		return ENT_ERR;
	}
	return db_commit(db) == DB_OK ? ENT_DONE : ENT_ERR;
}

static enum db_rc
ent_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct enterprise	*e = arg;
	int64_t			 rights;
	enum db_rc		 rc;

	memset(e, 0, sizeof(*e));
	if ((rc = stmt_row(q, pool, "issssisi", &e->id, &e->credit_code,
	    &e->name, &e->address, &e->created_at, &e->legal_rep_id,
	    &e->rep_name, &rights)) != DB_OK)
		return rc;
	e->rights = (unsigned)rights & ENT_ALL;
	return DB_OK;
}

enum db_rc
enterprise_mine(struct db *db, struct pool *pool, int64_t citizen,
    struct enterprise **v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;

	q = db_stmt(db, SQL_ENT_MINE);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_int(q, 1, citizen);
	stmt_bind_int(q, 2, citizen);
	if ((rc = stmt_list(q, pool, ent_row, sizeof(**v), v, n)) != DB_OK)
		return rc;
	for (i = 0; i < *n; i++)
		(*v)[i].is_rep = (*v)[i].legal_rep_id == citizen;
	return DB_OK;
}

static enum db_rc
ent_one(struct db *db, struct pool *pool, const char *sql, int64_t citizen,
    const char *code, int64_t id, struct enterprise *e)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, sql);
	stmt_bind_int(q, 0, citizen);
	stmt_bind_int(q, 1, citizen);
	if (code != NULL)
		stmt_bind_text(q, 2, code);
	else
		stmt_bind_int(q, 2, id);
	stmt_bind_int(q, 3, citizen);
	if ((rc = stmt_first(q, pool, ent_row, e)) != DB_OK)
		return rc;
	e->is_rep = e->legal_rep_id == citizen;
	/* A right granted and none left is no right. */
	return e->rights == 0 ? DB_NONE : DB_OK;
}

enum db_rc
enterprise_of(struct db *db, struct pool *pool, int64_t citizen,
    const char *code, struct enterprise *e)
{
	if (code == NULL || strlen(code) != 18)
		return DB_NONE;
	return ent_one(db, pool, SQL_ENT_OF, citizen, code, 0, e);
}

enum db_rc
enterprise_by_id(struct db *db, struct pool *pool, int64_t citizen,
    int64_t id, struct enterprise *e)
{
	return ent_one(db, pool, SQL_ENT_BY_ID, citizen, NULL, id, e);
}

static enum db_rc
staff_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct ent_staff	*s = arg;
	int64_t			 rights;
	enum db_rc		 rc;

	if ((rc = stmt_row(q, pool, "isis", &s->citizen_id, &s->name,
	    &rights, &s->granted_at)) != DB_OK)
		return rc;
	s->rights = (unsigned)rights & ENT_ALL;
	return DB_OK;
}

enum db_rc
enterprise_staff(struct db *db, struct pool *pool, int64_t id,
    struct ent_staff **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_ENT_STAFF);
	stmt_bind_int(q, 0, id);
	return stmt_list(q, pool, staff_row, sizeof(**v), v, n);
}

enum db_rc
enterprise_person(struct db *db, struct pool *pool, const char *idno,
    int64_t *citizen, char **name)
{
	struct stmt	*q;
	char		 hash[PII_HASH_HEX], *up;

	if (idno == NULL || strlen(idno) != 18)
		return DB_NONE;
	up = pool_strdup(pool, idno);
	id_number_upper(up);
	if (pii_hash(SEALED_CITIZEN_ID, up, hash) == -1)
		return DB_ERR;
	q = db_stmt(db, SQL_PERSON_OF_HASH);
	stmt_bind_text(q, 0, hash);
	return stmt_one(q, pool, "is", citizen, name);
}

enum ent_rc
enterprise_grant(struct db *db, struct pool *pool, const struct user *u,
    const struct enterprise *e, const char *idno, const char *name,
    unsigned rights, const char **why)
{
	static const char miss[] = "没有找到姓名和身份证号码都相符的已注册"
	    "用户。请对方先在本网站实名注册，再核对姓名和身份证号码。";
	struct stmt	*q;
	enum db_rc	 rc;
	char		*have = NULL;
	int64_t		 who = 0;

	*why = NULL;
	if (!(e->rights & ENT_STAFF)) {
		*why = "您没有管理这家企业经办人的权限。";
		return ENT_INVALID;
	}
	if ((rights & ENT_ALL) == 0 || (rights & ~ENT_ALL) != 0) {
		*why = "请至少选择一项权限。";
		return ENT_INVALID;
	}
	/* A manager of staff passes on no right they do not hold. */
	if (!e->is_rep && (rights & ~e->rights) != 0) {
		*why = "您只能授予自己拥有的权限。";
		return ENT_INVALID;
	}
	if (idno == NULL || strlen(idno) != 18 || name == NULL ||
	    strlen(name) > 200) {
		*why = miss;
		return ENT_INVALID;
	}
	switch (enterprise_person(db, pool, idno, &who, &have)) {
	case DB_OK:
		break;
	case DB_NONE:
		*why = miss;
		return ENT_INVALID;
	default:
		return ENT_ERR;
	}
	if (strcmp(have, name) != 0) {
		*why = miss;
		return ENT_INVALID;
	}
	if (who == e->legal_rep_id) {
		*why = "法定代表人本人已有全部权限，不需要授权。";
		return ENT_INVALID;
	}
	if (db_begin(db) != DB_OK)
		return ENT_ERR;
	q = db_stmt(db, SQL_ENT_GRANT);
	stmt_bind_int(q, 0, e->id);
	stmt_bind_int(q, 1, who);
	stmt_bind_int(q, 2, rights);
	stmt_bind_int(q, 3, u->id);
	if ((rc = stmt_run(q)) == DB_OK)
		rc = audit_add(db, pool, u->login, "enterprise.grant",
		    e->credit_code, pool_printf(pool, "{\"person\":\"%s\","
		    "\"rights\":%u}", account_citizen_actor(pool, who),
		    rights));
	if (rc != DB_OK) {
		db_rollback(db);
		return ENT_ERR;
	}
	return db_commit(db) == DB_OK ? ENT_DONE : ENT_ERR;
}

enum db_rc
enterprise_revoke(struct db *db, struct pool *pool, const struct user *u,
    const struct enterprise *e, int64_t citizen)
{
	struct stmt	*q;
	enum db_rc	 rc;

	if (!(e->rights & ENT_STAFF))
		return DB_NONE;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_ENT_REVOKE);
	stmt_bind_int(q, 0, e->id);
	stmt_bind_int(q, 1, citizen);
	if ((rc = stmt_run(q)) == DB_OK && stmt_affected(q) != 1)
		rc = DB_NONE;
	if (rc == DB_OK)
		rc = audit_add(db, pool, u->login, "enterprise.revoke",
		    e->credit_code, pool_printf(pool, "{\"person\":\"%s\"}",
		    account_citizen_actor(pool, citizen)));
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db) == DB_OK ? DB_OK : DB_ERR;
}

enum ent_rc
enterprise_claim_in(struct db *db, struct pool *pool, const char *code,
    const char *name, const char *address, const char *idno,
    const char *actor, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*rep;
	int64_t		 id, who, was;

	if ((*why = licence_problem(pool, code, name, address)) != NULL)
		return ENT_INVALID;
	switch (enterprise_person(db, pool, idno, &who, &rep)) {
	case DB_OK:
		break;
	case DB_NONE:
		*why = "这个身份证号码没有注册过：法定代表人须先实名注册。";
		return ENT_INVALID;
	default:
		return ENT_ERR;
	}
	q = db_stmt(db, SQL_ENT_ID);
	stmt_bind_text(q, 0, code);
	if ((rc = stmt_one(q, pool, "ii", &id, &was)) == DB_NONE) {
		*why = "这个统一社会信用代码没有登记过：请法定代表人在网上登记。";
		return ENT_INVALID;
	}
	if (rc == DB_OK) {
		q = db_stmt(db, SQL_ENT_CLAIM);
		stmt_bind_int(q, 0, who);
		stmt_bind_text(q, 1, name);
		stmt_bind_text(q, 2, address);
		stmt_bind_int(q, 3, id);
		rc = stmt_run(q);
	}
	/* Whoever the former registrant let act for it acts no more. */
	if (rc == DB_OK) {
		q = db_stmt(db, SQL_ENT_STAFF_DROP);
		stmt_bind_int(q, 0, id);
		rc = stmt_run(q);
	}
	if (rc == DB_OK)
		rc = audit_add(db, pool, actor, "enterprise.claim", code,
		    pool_printf(pool, "{\"from\":\"%s\",\"to\":\"%s\"}",
		    account_citizen_actor(pool, was),
		    account_citizen_actor(pool, who)));
	return rc == DB_OK ? ENT_DONE : ENT_ERR;
}

enum ent_rc
enterprise_claim(struct db *db, struct pool *pool, const char *code,
    const char *name, const char *address, const char *idno,
    const char *actor, const char **why)
{
	enum ent_rc	 rc;

	*why = NULL;
	if (db_begin(db) != DB_OK)
		return ENT_ERR;
	if ((rc = enterprise_claim_in(db, pool, code, name, address, idno,
	    actor, why)) != ENT_DONE) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db) == DB_OK ? ENT_DONE : ENT_ERR;
}

const char *
enterprise_licence_problem(struct pool *pool, const char *code,
    const char *name, const char *address)
{
	return licence_problem(pool, code, name, address);
}
