/*
 * account.c: citizens, staff, departments and sessions; owns the tables
 * citizen, staff, department, session and account_lock.  A citizen's ID
 * number and mobile are sealed, the ID number looked up by its keyed hash
 * (sealed.h); in the audit trail a citizen is "citizen:<id>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "crypto.h"
#include "exchange.h"
#include "ids.h"
#include "log.h"
#include "pii.h"
#include "pwpolicy.h"
#include "sealed.h"
#include "sms.h"
#include "throttle.h"
#include "utf8.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
/* The lock of account row l, in the columns of a login query. */
#define LOCKED "l.user_id IS NOT NULL AND (l.until IS NULL OR " \
	"l.until > UTC_TIMESTAMP()), COALESCE(l.level, 0)"

static const char SQL_CITIZEN_ADD[] =
    "INSERT INTO citizen (id_hash, id_sealed, name, mobile_sealed, pw_hash) "
    "VALUES (?, ?, ?, ?, ?)";
/* Registration never changes an existing account (F7): the unique key
 * on the ID number's keyed hash keeps the first. */
/* The hall's reset (yiwang-admin citizen-reset): the account of the
 * number becomes the person's who showed the card. */
/* ...and only once the mobile answered its SMS code (ACC-1). */
static const char SQL_CITIZEN_VERIFIED[] =
    "INSERT IGNORE INTO citizen (id_hash, id_sealed, name, mobile_sealed, "
    "pw_hash, state) VALUES (?, ?, ?, ?, ?, 'verified')";
/* Password reset by SMS code (ACC-2). */
static const char SQL_CITIZEN_MOBILE_OF[] =
    "SELECT id, mobile_sealed FROM citizen WHERE id_hash = ?";
static const char SQL_CITIZEN_NAME[] =
    "SELECT name FROM citizen WHERE id = ?";
static const char SQL_CITIZEN_PW[] =
    "UPDATE citizen SET pw_hash = ? WHERE id = ?";
static const char SQL_CITIZEN_RESET[] =
    "UPDATE citizen SET name = ?, mobile_sealed = ?, pw_hash = ? "
    "WHERE id = ?";
/* What enterprises let the account do, given to whoever held it. */
static const char SQL_GRANTS_END[] =
    "DELETE FROM enterprise_staff WHERE citizen_id = ?";
static const char SQL_CITIZEN_OF_HASH[] =
    "SELECT id FROM citizen WHERE id_hash = ?";
static const char SQL_TODAY[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d')";
static const char SQL_CITIZEN_BY_IDNO[] =
    "SELECT c.id, c.name, c.pw_hash, " LOCKED " FROM citizen c "
    "LEFT JOIN account_lock l ON l.user_id = c.id WHERE c.id_hash = ?";
static const char SQL_LOCK[] =
    "INSERT INTO account_lock (user_id, locked_at, until, level) VALUES "
    "(?, UTC_TIMESTAMP(), IF(? = 0, NULL, UTC_TIMESTAMP() + INTERVAL ? "
    "MINUTE), ?) ON DUPLICATE KEY UPDATE locked_at = VALUES(locked_at), "
    "until = VALUES(until), level = VALUES(level)";
static const char SQL_LOCK_DROP[] =
    "DELETE FROM account_lock WHERE user_id = ?";
static const char SQL_SESSIONS_END[] =
    "DELETE FROM session WHERE user_id = ?";
static const char SQL_LOCKED_STAFF[] =
    "SELECT s.id FROM staff s JOIN account_lock l ON l.user_id = s.id "
    "WHERE s.login = ? AND (l.until IS NULL OR l.until > UTC_TIMESTAMP()) "
    "FOR UPDATE";
static const char SQL_LOCKED_CITIZEN[] =
    "SELECT c.id FROM citizen c JOIN account_lock l ON l.user_id = c.id "
    "WHERE c.id_hash = ? AND (l.until IS NULL OR "
    "l.until > UTC_TIMESTAMP()) FOR UPDATE";
static const char SQL_LOCKS_STAFF[] =
    "SELECT s.login, s.name, d.name, " LOCAL("l.locked_at") ", NULL, "
    "l.level FROM account_lock l JOIN staff s ON s.id = l.user_id "
    "JOIN department d ON d.id = s.dept_id "
    "WHERE l.until IS NULL OR l.until > UTC_TIMESTAMP() "
    "ORDER BY l.locked_at, s.login";
static const char SQL_LOCKS_CITIZEN[] =
    "SELECT c.id_sealed, c.name, NULL, " LOCAL("l.locked_at") ", "
    LOCAL("l.until") ", l.level FROM account_lock l "
    "JOIN citizen c ON c.id = l.user_id WHERE l.until > UTC_TIMESTAMP() "
    "ORDER BY l.locked_at, c.id";
static const char SQL_CITIZEN_PERSONAL[] =
    "SELECT id_sealed, mobile_sealed FROM citizen WHERE id = ?";
static const char SQL_DEPT_ADD[] =
    "INSERT INTO department (code, name, abbr, region, address, phone) "
    "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), "
    "abbr = VALUES(abbr), "
    "region = VALUES(region), address = VALUES(address), "
    "phone = VALUES(phone)";
static const char SQL_STAFF_ADD[] =
    "INSERT INTO staff (login, name, dept_id, roles, pw_hash, pw_temporary) "
    "SELECT ?, ?, id, ?, ?, ? FROM department WHERE code = ?";
static const char SQL_STAFF_BY_LOGIN[] =
    "SELECT s.id, s.name, s.roles, s.pw_hash, s.dept_id, d.name, d.code, "
    LOCKED " FROM staff s JOIN department d ON d.id = s.dept_id "
    "LEFT JOIN account_lock l ON l.user_id = s.id "
    "WHERE s.login = ? AND s.active = 1";
static const char SQL_HOLDERS[] =
    "SELECT s.id FROM staff s JOIN department d ON d.id = s.dept_id "
    "WHERE d.code = ? AND (s.roles & ?) <> 0 AND s.active = 1 ORDER BY s.id";
static const char SQL_SESSION_ADD[] =
    "INSERT INTO session (token_hash, user_id, csrf, created_at, seen_at) "
    "VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
/* An agent's login principal is a citizen row too (db/210): then the
 * session is the agent's, while the agent is active. */
static const char SQL_SESSION_CITIZEN[] =
    "SELECT c.id, c.name, x.csrf, COALESCE(g.id, 0) FROM session x "
    "JOIN citizen c ON c.id = x.user_id "
    "LEFT JOIN agent_account g ON g.citizen_id = c.id "
    "WHERE x.token_hash = ? AND (g.id IS NULL OR g.active = 1) "
    "AND x.seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND "
    "AND x.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND";
static const char SQL_SESSION_STAFF[] =
    "SELECT s.id, s.name, s.login, x.csrf, s.roles, s.dept_id, d.name, "
    "d.code, s.pw_temporary "
    "FROM session x JOIN staff s ON s.id = x.user_id "
    "JOIN department d ON d.id = s.dept_id WHERE x.token_hash = ? "
    "AND s.active = 1 "
    "AND x.seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND "
    "AND x.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND";
static const char SQL_SESSION_TOUCH[] =
    "UPDATE session SET seen_at = UTC_TIMESTAMP() WHERE token_hash = ? "
    "AND seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND";
static const char SQL_SESSION_DROP[] =
    "DELETE FROM session WHERE token_hash = ?";
static const char SQL_SESSION_EXPIRE[] =
    "DELETE FROM session WHERE created_at < UTC_TIMESTAMP() - "
    "INTERVAL ? SECOND LIMIT 100";

/* A hash to compare against when the account does not exist, so that a
 * wrong login name takes as long as a wrong password. */
static const char DUMMY_HASH[] = "scrypt$17$8$1$"
    "00000000000000000000000000000000$"
    "0000000000000000000000000000000000000000000000000000000000000000";

const char *
account_citizen_actor(struct pool *pool, int64_t id)
{
	return pool_printf(pool, "citizen:%lld", (long long)id);
}

/* A citizen's columns as stored (sealed.h): the ID number's keyed hash
 * (upper-case X, as logins type it), the sealed ID number and mobile.
 * -1 (logged) when the key cannot be read. */
struct citizen_sealed {
	char		 hash[PII_HASH_HEX];
	char		*idno, *mobile;
};

static int
citizen_seal(struct pool *pool, const char *idno, const char *mobile,
    struct citizen_sealed *s)
{
	char	*up = pool_strdup(pool, idno);

	id_number_upper(up);
	if (pii_hash(SEALED_CITIZEN_ID, up, s->hash) == -1 ||
	    (s->idno = pii_seal(pool, SEALED_CITIZEN_ID, up)) == NULL ||
	    (s->mobile = pii_seal(pool, SEALED_CITIZEN_MOBILE, mobile)) ==
	    NULL)
		return -1;
	return 0;
}

/* Bind name, sealed s and pw_hash to an insert into citizen. */
static struct stmt *
citizen_insert(struct db *db, const char *sql,
    const struct citizen_sealed *s, const char *name, const char *pwhash)
{
	struct stmt	*q;

	q = db_stmt(db, sql);
	stmt_bind_text(q, 0, s->hash);
	stmt_bind_text(q, 1, s->idno);
	stmt_bind_text(q, 2, name);
	stmt_bind_text(q, 3, s->mobile);
	stmt_bind_text(q, 4, pwhash);
	return q;
}

enum db_rc
account_citizen_add(struct db *db, struct pool *pool, const char *idno,
    const char *name, const char *mobile, const char *password)
{
	struct citizen_sealed	 s;
	char			 hash[PWHASH_MAX];

	if (citizen_seal(pool, idno, mobile, &s) == -1 ||
	    crypto_pw_hash(password, hash) == -1)
		return DB_ERR;
	return stmt_run(citizen_insert(db, SQL_CITIZEN_ADD, &s, name, hash));
}

/* A citizen's n-th lock-out in a row lasts 15 minutes, doubling each
 * time, at most a day: a guesser gets a few tries a day, the owner who
 * forgot is never shut out for long (docs/security.md). */
static long
citizen_lock_minutes(int64_t level)
{
	long	 m = 15;

	while (--level > 0 && m < 24 * 60)
		m *= 2;
	return m < 24 * 60 ? m : 24 * 60;
}

/* How the audit trail and the log name an account: "staff:<login>", or
 * "citizen:<id>", never by the ID number (SEC-5). */
static const char *
account_object(struct pool *pool, enum site site, int64_t id,
    const char *login)
{
	return site == SITE_INTRANET ? pool_printf(pool, "staff:%s", login) :
	    account_citizen_actor(pool, id);
}

/*
 * The fifth miss of account u: lock it, audited as actor, and forget its
 * misses so that the count starts again when a citizen's lock ends.
 * sessions: end the account's sessions too (the miss came from one).
 */
static enum db_rc
lock_account(struct db *db, struct pool *pool, enum site site,
    const struct user *u, const char *ident, const char *key, int64_t level,
    const char *actor, int sessions)
{
	struct stmt	*q;
	enum db_rc	 rc;
	long		 minutes;
	const char	*who = account_object(pool, site, u->id, ident);

	minutes = site == SITE_INTRANET ? 0 : citizen_lock_minutes(level + 1);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_LOCK);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_int(q, 1, minutes);
	stmt_bind_int(q, 2, minutes);
	stmt_bind_int(q, 3, level + 1);
	if ((rc = stmt_run(q)) == DB_OK && sessions) {
		q = db_stmt(db, SQL_SESSIONS_END);
		stmt_bind_int(q, 0, u->id);
		rc = stmt_run(q);
	}
	if (rc == DB_OK)
		rc = audit_add(db, pool, actor, "account.lock", who,
		    pool_printf(pool, "{\"misses\":%ld,\"level\":%lld,"
		    "\"minutes\":%ld%s}", TH_LOGIN_NAME.limit,
		    (long long)level + 1, minutes, sessions ?
		    ",\"sessions\":\"ended\"" : ""));
	if (rc != DB_OK) {
		db_rollback(db);
		return DB_ERR;
	}
	if (db_commit(db) != DB_OK)
		return DB_ERR;
	log_info("account %s locked after %ld misses (level %lld)", who,
	    TH_LOGIN_NAME.limit, (long long)level + 1);
	return throttle_clear(db, &TH_LOGIN_NAME, key);
}

/*
 * After a miss of the existing account u was counted under key: its
 * misses in the window, and at the limit the account is locked
 * (lock_account) and the answer is the limit.  -1 on error.
 */
static long
misses_lock(struct db *db, struct pool *pool, enum site site,
    const struct user *u, const char *ident, const char *key, int64_t level,
    const char *actor, int sessions)
{
	long	 misses;

	if ((misses = throttle_misses(db, pool, &TH_LOGIN_NAME, key)) < 0)
		return -1;
	if (misses >= TH_LOGIN_NAME.limit && lock_account(db, pool, site, u,
	    ident, key, level, actor, sessions) != DB_OK)
		return -1;
	return misses;
}

/*
 * What a login's misses are counted under: the account, when there is
 * one (however its name was typed: the collation ignores case and
 * trailing blanks), else the name typed, lower-cased.
 */
static const char *
miss_key(struct pool *pool, enum db_rc found, int64_t id, const char *ident)
{
	char	*k;
	size_t	 i;

	if (found == DB_OK)
		return pool_printf(pool, "#%lld", (long long)id);
	k = pool_strdup(pool, ident);
	for (i = 0; k[i] != '\0'; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] - 'A' + 'a');
	return k;
}

/*
 * One login attempt on either site (see account.h).  The order keeps
 * every miss alike: the address check first (no key derived for a closed
 * address), then one query and one key derivation whatever the account's
 * state, then the counting.
 */
static enum login_rc
login_attempt(struct db *db, struct pool *pool, enum site site,
    const char *ident, const char *password, const char *addr, struct user *u)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*hash = NULL, idhash[PII_HASH_HEX];
	const char	*key;
	int64_t		 roles = 0, locked = 0, level = 0;
	int		 closed, ok;

	memset(u, 0, sizeof(*u));
	if ((closed = throttle_closed(db, pool, &TH_LOGIN_ADDR, addr)) != 0)
		return closed < 0 ? LOGIN_ERR : LOGIN_BUSY;
	if (site == SITE_INTRANET) {
		q = db_stmt(db, SQL_STAFF_BY_LOGIN);
		stmt_bind_text(q, 0, ident);
		rc = stmt_one(q, pool, "isisissii", &u->id, &u->name, &roles,
		    &hash, &u->dept_id, &u->dept_name, &u->dept_code, &locked,
		    &level);
	} else {
		if (pii_hash(SEALED_CITIZEN_ID, ident, idhash) == -1)
			return LOGIN_ERR;
		q = db_stmt(db, SQL_CITIZEN_BY_IDNO);
		stmt_bind_text(q, 0, idhash);
		rc = stmt_one(q, pool, "issii", &u->id, &u->name, &hash,
		    &locked, &level);
		roles = ROLE_CITIZEN;
	}
	if (rc == DB_ERR)
		return LOGIN_ERR;
	/* No password set yet: as slow and as refused as a wrong one. */
	if (rc == DB_OK && strcmp(hash, STAFF_NO_PASSWORD) == 0)
		rc = DB_NONE;
	/* Unknown names are counted and closed too, so that being refused
	 * says nothing about whether an account exists. */
	key = miss_key(pool, rc, u->id, ident);
	if ((closed = throttle_closed(db, pool, &TH_LOGIN_NAME, key)) < 0)
		return LOGIN_ERR;
	ok = crypto_pw_verify(password, rc == DB_OK ? hash : DUMMY_HASH) == 0;
	if (rc == DB_OK && ok && !locked && !closed) {
		u->login = site == SITE_INTRANET ? pool_strdup(pool, ident) :
		    account_citizen_actor(pool, u->id);
		u->roles = (unsigned)roles;
		q = db_stmt(db, SQL_LOCK_DROP);
		stmt_bind_int(q, 0, u->id);
		if (stmt_run(q) != DB_OK ||
		    throttle_clear(db, &TH_LOGIN_NAME, key) != DB_OK)
			return LOGIN_ERR;
		return LOGIN_OK;
	}
	/* A locked or closed name is not counted again: its lock ends on
	 * time however often it is tried.  The address always is. */
	if (db_begin(db) != DB_OK)
		return LOGIN_ERR;
	if (throttle_count(db, &TH_LOGIN_ADDR, addr) != DB_OK ||
	    (!locked && !closed &&
	    throttle_count(db, &TH_LOGIN_NAME, key) != DB_OK)) {
		db_rollback(db);
		return LOGIN_ERR;
	}
	if (db_commit(db) != DB_OK)
		return LOGIN_ERR;
	if (!locked && !closed && rc == DB_OK && misses_lock(db, pool, site,
	    u, ident, key, level, pool_printf(pool, "addr:%s", addr), 0) < 0)
		return LOGIN_ERR;
	memset(u, 0, sizeof(*u));
	return LOGIN_MISS;
}

enum login_rc
account_citizen_login(struct db *db, struct pool *pool, const char *idno,
    const char *password, const char *addr, struct user *u)
{
	char	*up;

	/* One name for the counters however the x was typed. */
	up = pool_strdup(pool, idno);
	id_number_upper(up);
	return login_attempt(db, pool, SITE_EXTRANET, up, password, addr, u);
}

enum reg_rc
account_citizen_register(const struct config *cfg, struct db *db,
    struct pool *pool, const char *idno, const char *name,
    const char *mobile, const char *password, const char *addr,
    char ticket[SMS_TICKET_HEX], const char **why)
{
	const char	*personal[2];
	struct citizen_sealed s;
	struct sms_reg	 reg;
	enum idno_check	 c;
	char		 hash[PWHASH_MAX], *today = NULL;
	int		 closed;

	*why = NULL;
	/* The column holds 50 characters (F11: longer was a 500). */
	if (name == NULL || utf8_chars(name) > 50) {
		*why = "请填写身份证上的姓名（50 个字以内）。";
		return REG_INVALID;
	}
	if (stmt_one(db_stmt(db, SQL_TODAY), pool, "s", &today) != DB_OK)
		return REG_ERR;
	if ((c = id_number_check(idno, strtol(today, NULL, 10))) !=
	    IDNO_OK) {
		*why = id_number_problem(c);
		return REG_INVALID;
	}
	if (!mobile_valid(mobile)) {
		*why = "手机号码应为 11 位数字。";
		return REG_INVALID;
	}
	personal[0] = idno;
	personal[1] = mobile;
	if ((*why = pwpolicy_check(password, PW_CITIZEN_MIN, personal, 2)) !=
	    NULL)
		return REG_INVALID;
	if ((closed = throttle_closed(db, pool, &TH_REGISTER_ADDR, addr)) != 0)
		return closed < 0 ? REG_ERR : REG_BUSY;
	/*
	 * Nothing is stored as an account yet: the registration waits,
	 * sealed, under its code, which goes to the mobile typed (ACC-1).
	 * The same work for a new and a registered number (F7): one key
	 * derivation, one code, one message.
	 */
	if (citizen_seal(pool, idno, mobile, &s) == -1 ||
	    crypto_pw_hash(password, hash) == -1)
		return REG_ERR;
	reg.id_hash = s.hash;
	reg.id_sealed = s.idno;
	reg.name = name;
	reg.mobile_sealed = s.mobile;
	reg.pw_hash = hash;
	switch (sms_code_start(cfg, db, pool, "register", mobile, mobile, addr,
	    0, &reg, ticket, why)) {
	case CODE_SENT:
		break;
	case CODE_BUSY:
		return REG_SMS_BUSY;
	default:
		return REG_ERR;
	}
	return throttle_count(db, &TH_REGISTER_ADDR, addr) == DB_OK ?
	    REG_DONE : REG_ERR;
}

/*
 * Begin a transaction and check code against ticket for purpose: REG_DONE
 * with the transaction open (the caller commits what the code opens),
 * else the outcome, the transaction ended (a miss counted).
 */
static enum reg_rc
code_take(struct db *db, struct pool *pool, const char *purpose,
    const char *ticket, const char *code, struct sms_ticket *t, long *left)
{
	if (db_begin(db) != DB_OK)
		return REG_ERR;
	switch (sms_code_check(db, pool, purpose, ticket, code, t, left)) {
	case CHECK_OK:
		return REG_DONE;
	case CHECK_WRONG:
		return db_commit(db) == DB_OK ? REG_INVALID : REG_ERR;
	case CHECK_GONE:
		return db_commit(db) == DB_OK ? REG_GONE : REG_ERR;
	default:
		db_rollback(db);
		return REG_ERR;
	}
}

enum reg_rc
account_citizen_confirm(struct db *db, struct pool *pool,
    const char *ticket, const char *code, const char *addr, long *left)
{
	struct sms_ticket t;
	struct stmt	*q;
	enum db_rc	 rc;
	enum reg_rc	 rc2;
	int		 fresh = 0;
	int64_t		 id;

	if ((rc2 = code_take(db, pool, "register", ticket, code, &t, left)) !=
	    REG_DONE)
		return rc2;
	/* Registration never changes an existing account (F7): the same
	 * insert that may do nothing, the same audit row. */
	q = db_stmt(db, SQL_CITIZEN_VERIFIED);
	stmt_bind_text(q, 0, t.id_hash);
	stmt_bind_text(q, 1, t.id_sealed);
	stmt_bind_text(q, 2, t.name);
	stmt_bind_text(q, 3, t.mobile_sealed);
	stmt_bind_text(q, 4, t.pw_hash);
	if ((rc = stmt_run(q)) == DB_OK) {
		fresh = stmt_affected(q) == 1;
		q = db_stmt(db, SQL_CITIZEN_OF_HASH);
		stmt_bind_text(q, 0, t.id_hash);
		rc = stmt_one(q, pool, "i", &id);
	}
	if (rc == DB_OK)
		rc = audit_add(db, pool, pool_printf(pool, "addr:%s", addr),
		    "citizen.register", account_citizen_actor(pool, id),
		    fresh ? "{\"account\":\"new\"}" :
		    "{\"account\":\"exists, unchanged\"}");
	if (rc != DB_OK) {
		db_rollback(db);
		return REG_ERR;
	}
	return db_commit(db) == DB_OK ? REG_DONE : REG_ERR;
}

enum db_rc
account_citizen_personal(struct db *db, struct pool *pool, int64_t id,
    char **idno, char **mobile)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*sid, *smob;

	q = db_stmt(db, SQL_CITIZEN_PERSONAL);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_one(q, pool, "ss", &sid, &smob)) != DB_OK)
		return rc;
	if ((*idno = pii_open(pool, SEALED_CITIZEN_ID, sid)) == NULL ||
	    (*mobile = pii_open(pool, SEALED_CITIZEN_MOBILE, smob)) == NULL)
		return DB_ERR;
	return DB_OK;
}

enum db_rc
account_dept_add(struct db *db, const char *code, const char *name,
    const char *abbr, const char *region, const char *address,
    const char *phone)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_DEPT_ADD);
	stmt_bind_text(q, 0, code);
	stmt_bind_text(q, 1, name);
	stmt_bind_text(q, 2, abbr);
	stmt_bind_text(q, 3, region ? region : "");
	stmt_bind_text(q, 4, address ? address : "");
	stmt_bind_text(q, 5, phone ? phone : "");
	return stmt_run(q);
}

enum db_rc
account_staff_add(struct db *db, const char *login, const char *name,
    const char *dept_code, unsigned roles, const char *password,
    int temporary)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 hash[PWHASH_MAX];
	const char	*why;

	if ((why = account_roles_refusal(roles)) != NULL) {
		log_err("staff %s: roles %u refused: %s", login, roles, why);
		return DB_ERR;
	}
	if (password == NULL)
		snprintf(hash, sizeof(hash), "%s", STAFF_NO_PASSWORD);
	else if (crypto_pw_hash(password, hash) == -1)
		return DB_ERR;
	q = db_stmt(db, SQL_STAFF_ADD);
	stmt_bind_text(q, 0, login);
	stmt_bind_text(q, 1, name);
	stmt_bind_int(q, 2, roles);
	stmt_bind_text(q, 3, hash);
	stmt_bind_int(q, 4, password != NULL && temporary);
	stmt_bind_text(q, 5, dept_code);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	return stmt_affected(q) == 1 ? DB_OK : DB_NONE;	/* no such dept */
}

enum login_rc
account_staff_login(struct db *db, struct pool *pool, const char *login_name,
    const char *password, const char *addr, struct user *u)
{
	return login_attempt(db, pool, SITE_INTRANET, login_name, password,
	    addr, u);
}

/*
 * The password typed again by its owner, who is logged in (see
 * account.h).  Unlike a login, the person is known, so a lock is said,
 * and it ends the sessions: whoever guesses holds one.
 */
enum login_rc
account_staff_recheck(struct db *db, struct pool *pool, const char *login,
    const char *password, char **hash, long *left)
{
	struct stmt	*q;
	struct user	 u;
	enum db_rc	 rc;
	const char	*key;
	int64_t		 roles, locked = 0, level = 0;
	long		 misses;
	int		 closed;

	memset(&u, 0, sizeof(u));
	*hash = NULL;
	*left = 0;
	q = db_stmt(db, SQL_STAFF_BY_LOGIN);
	stmt_bind_text(q, 0, login);
	rc = stmt_one(q, pool, "isisissii", &u.id, &u.name, &roles, hash,
	    &u.dept_id, &u.dept_name, &u.dept_code, &locked, &level);
	if (rc == DB_ERR)
		return LOGIN_ERR;
	if (rc == DB_NONE)	/* deactivated meanwhile: its session is over */
		return LOGIN_LOCKED;
	key = miss_key(pool, rc, u.id, login);
	if ((closed = throttle_closed(db, pool, &TH_LOGIN_NAME, key)) < 0)
		return LOGIN_ERR;
	if (locked || closed)
		return LOGIN_LOCKED;
	if (crypto_pw_verify(password, *hash) == 0)
		return throttle_clear(db, &TH_LOGIN_NAME, key) == DB_OK ?
		    LOGIN_OK : LOGIN_ERR;
	*hash = NULL;
	if (throttle_count(db, &TH_LOGIN_NAME, key) != DB_OK ||
	    (misses = misses_lock(db, pool, SITE_INTRANET, &u, login, key,
	    level, login, 1)) < 0)
		return LOGIN_ERR;
	if (misses >= TH_LOGIN_NAME.limit)
		return LOGIN_LOCKED;
	*left = TH_LOGIN_NAME.limit - misses;
	return LOGIN_MISS;
}

static enum db_rc
locked_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct account_locked	*l = arg;

	return stmt_row(q, pool, "sssssi", &l->login, &l->name, &l->dept,
	    &l->locked_at, &l->until, &l->level);
}

/* A citizen's: the ID number, sealed in the row, opened for the list. */
static enum db_rc
locked_citizen_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct account_locked	*l = arg;
	enum db_rc		 rc;

	if ((rc = locked_row(q, pool, arg)) == DB_OK &&
	    (l->login = pii_open(pool, SEALED_CITIZEN_ID, l->login)) == NULL)
		l->login = "（无法解密）";
	return rc;
}

enum db_rc
account_locks(struct db *db, struct pool *pool, enum site site,
    struct account_locked **out, size_t *n)
{
	return stmt_list(db_stmt(db, site == SITE_INTRANET ? SQL_LOCKS_STAFF :
	    SQL_LOCKS_CITIZEN), pool, site == SITE_INTRANET ? locked_row :
	    locked_citizen_row, sizeof(**out), out, n);
}

/* Account id's lock and its count of misses go (unlock, reset). */
static enum db_rc
lock_forget(struct db *db, struct pool *pool, int64_t id)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_LOCK_DROP);
	stmt_bind_int(q, 0, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	return throttle_clear(db, &TH_LOGIN_NAME, miss_key(pool, DB_OK, id,
	    NULL));
}

enum db_rc
account_unlock(struct db *db, struct pool *pool, enum site site,
    const char *ident, const char *actor)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 id;
	char		*up, hash[PII_HASH_HEX];

	if (site != SITE_INTRANET) {
		/* By ID number, as the person types it: its keyed hash. */
		up = pool_strdup(pool, ident);
		id_number_upper(up);
		if (pii_hash(SEALED_CITIZEN_ID, up, hash) == -1)
			return DB_ERR;
	}
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, site == SITE_INTRANET ? SQL_LOCKED_STAFF :
	    SQL_LOCKED_CITIZEN);
	stmt_bind_text(q, 0, site == SITE_INTRANET ? ident : hash);
	if ((rc = stmt_one(q, pool, "i", &id)) == DB_OK)
		rc = lock_forget(db, pool, id);
	if (rc == DB_OK)
		rc = audit_add(db, pool, actor, "account.unlock",
		    account_object(pool, site, id, ident), "{}");
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/*
 * The account of sealed s takes name, s's mobile and pw_hash (in a
 * transaction begun): whoever held it loses it now, its sessions, its
 * lock and its count of misses go; audited as action by actor.  *id the
 * account; DB_NONE when the number has none.
 */
static enum db_rc
citizen_retake(struct db *db, struct pool *pool,
    const struct citizen_sealed *s, const char *name, const char *pw_hash,
    const char *actor, const char *action, const char *detail, int64_t *id)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_CITIZEN_OF_HASH);
	stmt_bind_text(q, 0, s->hash);
	if ((rc = stmt_one(q, pool, "i", id)) == DB_OK) {
		q = db_stmt(db, SQL_CITIZEN_RESET);
		stmt_bind_text(q, 0, name);
		stmt_bind_text(q, 1, s->mobile);
		stmt_bind_text(q, 2, pw_hash);
		stmt_bind_int(q, 3, *id);
		rc = stmt_run(q);
	}
	if (rc == DB_OK) {
		q = db_stmt(db, SQL_SESSIONS_END);
		stmt_bind_int(q, 0, *id);
		rc = stmt_run(q);
	}
	if (rc == DB_OK)
		rc = lock_forget(db, pool, *id);
	if (rc == DB_OK)
		rc = audit_add(db, pool, actor, action,
		    account_citizen_actor(pool, *id), detail);
	return rc;
}

enum db_rc
account_citizen_reset(struct db *db, struct pool *pool, const char *idno,
    const char *name, const char *mobile, const char *password,
    const char *actor)
{
	struct citizen_sealed	 s;
	enum db_rc		 rc;
	int64_t			 id;
	char			 hash[PWHASH_MAX];

	if (citizen_seal(pool, idno, mobile, &s) == -1 ||
	    crypto_pw_hash(password, hash) == -1)
		return DB_ERR;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	rc = citizen_retake(db, pool, &s, name, hash, actor, "citizen.reset",
	    "{\"name\":\"set\",\"mobile\":\"set\","
	    "\"password\":\"set\",\"sessions\":\"ended\"}", &id);
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

enum db_rc
account_citizen_claim(struct db *db, struct pool *pool, const char *idno,
    const char *name, const char *mobile, const char *actor, int64_t *id)
{
	struct citizen_sealed	 s;
	struct stmt		*q;
	enum db_rc		 rc;

	if (citizen_seal(pool, idno, mobile, &s) == -1)
		return DB_ERR;
	/* No password opens it ("!" is no scrypt hash) until the owner
	 * sets one by a code sent to the new mobile. */
	rc = citizen_retake(db, pool, &s, name, "!", actor, "citizen.claim",
	    "{\"name\":\"set\",\"mobile\":\"set\","
	    "\"password\":\"cleared\",\"sessions\":\"ended\","
	    "\"grants\":\"ended\"}", id);
	if (rc != DB_OK)
		return rc;
	q = db_stmt(db, SQL_GRANTS_END);
	stmt_bind_int(q, 0, *id);
	return stmt_run(q);
}

/* A code's start as a registration's outcome. */
static enum reg_rc
reg_of(enum sms_code_rc c)
{
	return c == CODE_SENT ? REG_DONE : c == CODE_BUSY ? REG_SMS_BUSY :
	    REG_ERR;
}

/*
 * The account of the ID number typed, for a code (reset, login): *up the
 * number as stored (upper-case X), *id and its mobile *mobile, or 0 and
 * NULL when there is none.  REG_INVALID (*why) when the number is not
 * one; REG_ERR on an error.
 */
static enum reg_rc
citizen_by_idno(struct db *db, struct pool *pool, const char *idno,
    char **up, int64_t *id, char **mobile, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 hash[PII_HASH_HEX], *sealed = NULL;

	*id = 0;
	*mobile = NULL;
	if (idno == NULL || !id_number_valid(idno)) {
		*why = "请填写注册时用的 18 位居民身份证号码。";
		return REG_INVALID;
	}
	*up = pool_strdup(pool, idno);
	id_number_upper(*up);
	if (pii_hash(SEALED_CITIZEN_ID, *up, hash) == -1)
		return REG_ERR;
	q = db_stmt(db, SQL_CITIZEN_MOBILE_OF);
	stmt_bind_text(q, 0, hash);
	if ((rc = stmt_one(q, pool, "is", id, &sealed)) == DB_ERR)
		return REG_ERR;
	if (rc == DB_OK && (*mobile = pii_open(pool, SEALED_CITIZEN_MOBILE,
	    sealed)) == NULL)
		return REG_ERR;
	return REG_DONE;
}

enum reg_rc
account_citizen_pw_start(const struct config *cfg, struct db *db,
    struct pool *pool, const char *idno, const char *mobile,
    const char *addr, char ticket[SMS_TICKET_HEX], const char **why)
{
	enum reg_rc	 rc;
	char		*up, *stored;
	int64_t		 id;

	*why = NULL;
	if ((rc = citizen_by_idno(db, pool, idno, &up, &id, &stored, why)) !=
	    REG_DONE)
		return rc;
	if (!mobile_valid(mobile)) {
		*why = "手机号码应为 11 位数字。";
		return REG_INVALID;
	}
	/* Only to the number on record, and only when it was typed: a
	 * mismatch makes a ticket no code opens, and the same page. */
	if (stored == NULL || strcmp(stored, mobile) != 0)
		stored = NULL;
	return reg_of(sms_code_start(cfg, db, pool, "reset", mobile, stored,
	    addr, id, NULL, ticket, why));
}

enum reg_rc
account_citizen_pw_finish(struct db *db, struct pool *pool,
    const char *ticket, const char *code, const char *password,
    const char **why, long *left)
{
	struct sms_ticket t;
	struct stmt	*q;
	const char	*personal[2];
	char		 hash[PWHASH_MAX], *idno, *mobile;
	enum db_rc	 rc;
	enum reg_rc	 rc2;

	*why = NULL;
	if ((*why = pwpolicy_check(password, PW_CITIZEN_MIN, NULL, 0)) !=
	    NULL)
		return REG_WEAK;
	if ((rc2 = code_take(db, pool, "reset", ticket, code, &t, left)) !=
	    REG_DONE)
		return rc2;
	if (account_citizen_personal(db, pool, t.citizen_id, &idno,
	    &mobile) != DB_OK) {
		db_rollback(db);
		return REG_ERR;
	}
	/* A password the policy refuses for this person leaves the code
	 * unspent (rolled back): they choose another. */
	personal[0] = idno;
	personal[1] = mobile;
	if ((*why = pwpolicy_check(password, PW_CITIZEN_MIN, personal, 2)) !=
	    NULL) {
		db_rollback(db);
		return REG_WEAK;
	}
	if (crypto_pw_hash(password, hash) == -1) {
		db_rollback(db);
		return REG_ERR;
	}
	q = db_stmt(db, SQL_CITIZEN_PW);
	stmt_bind_text(q, 0, hash);
	stmt_bind_int(q, 1, t.citizen_id);
	if ((rc = stmt_run(q)) == DB_OK) {
		q = db_stmt(db, SQL_SESSIONS_END);
		stmt_bind_int(q, 0, t.citizen_id);
		rc = stmt_run(q);
	}
	if (rc == DB_OK)
		rc = lock_forget(db, pool, t.citizen_id);
	if (rc == DB_OK)
		rc = audit_add(db, pool, account_citizen_actor(pool,
		    t.citizen_id), "citizen.password.reset",
		    account_citizen_actor(pool, t.citizen_id),
		    "{\"by\":\"SMS code\",\"sessions\":\"ended\"}");
	if (rc != DB_OK) {
		db_rollback(db);
		return REG_ERR;
	}
	return db_commit(db) == DB_OK ? REG_DONE : REG_ERR;
}

enum reg_rc
account_citizen_code_start(const struct config *cfg, struct db *db,
    struct pool *pool, const char *idno, const char *addr,
    char ticket[SMS_TICKET_HEX], const char **why)
{
	enum reg_rc	 rc;
	char		*up, *to;
	int64_t		 id;

	*why = NULL;
	if ((rc = citizen_by_idno(db, pool, idno, &up, &id, &to, why)) !=
	    REG_DONE)
		return rc;
	/* Limited per ID number typed, registered or not. */
	return reg_of(sms_code_start(cfg, db, pool, "login", up, to, addr, id,
	    NULL, ticket, why));
}

enum reg_rc
account_citizen_code_login(struct db *db, struct pool *pool,
    const char *ticket, const char *code, struct user *u, long *left)
{
	struct sms_ticket t;
	struct stmt	*q;
	enum reg_rc	 rc2;

	memset(u, 0, sizeof(*u));
	if ((rc2 = code_take(db, pool, "login", ticket, code, &t, left)) !=
	    REG_DONE)
		return rc2;
	q = db_stmt(db, SQL_CITIZEN_NAME);
	stmt_bind_int(q, 0, t.citizen_id);
	if (stmt_one(q, pool, "s", &u->name) != DB_OK ||
	    lock_forget(db, pool, t.citizen_id) != DB_OK ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		memset(u, 0, sizeof(*u));
		return REG_ERR;
	}
	u->id = t.citizen_id;
	u->login = account_citizen_actor(pool, t.citizen_id);
	u->roles = ROLE_CITIZEN;
	return REG_DONE;
}

enum db_rc
account_holders(struct db *db, struct pool *pool, const char *dept,
    unsigned roles, int64_t **ids, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 id;
	size_t		 cap = 0;

	*ids = NULL;
	*n = 0;
	q = db_stmt(db, SQL_HOLDERS);
	stmt_bind_text(q, 0, dept);
	stmt_bind_int(q, 1, roles);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "i", &id)) == DB_OK)
		*(int64_t *)pool_push(pool, ids, n, &cap, sizeof(id)) = id;
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

enum db_rc
account_session_add(struct db *db, const char *token_hash, int64_t user_id,
    const char *csrf)
{
	struct stmt	*q;

	/* Expired sessions are swept a few at a time as new ones start. */
	q = db_stmt(db, SQL_SESSION_EXPIRE);
	stmt_bind_int(q, 0, 7 * 24 * 3600);
	(void)stmt_run(q);
	q = db_stmt(db, SQL_SESSION_ADD);
	stmt_bind_text(q, 0, token_hash);
	stmt_bind_int(q, 1, user_id);
	stmt_bind_text(q, 2, csrf);
	return stmt_run(q);
}

enum db_rc
account_session_load(struct db *db, struct pool *pool, enum site site,
    const char *token_hash, long idle, long max, struct user *u, char **csrf)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 roles = 0, temporary = 0;

	memset(u, 0, sizeof(*u));
	q = db_stmt(db, site == SITE_INTRANET ? SQL_SESSION_STAFF :
	    SQL_SESSION_CITIZEN);
	stmt_bind_text(q, 0, token_hash);
	stmt_bind_int(q, 1, idle);
	stmt_bind_int(q, 2, max);
	if (site == SITE_INTRANET)
		rc = stmt_one(q, pool, "isssiissi", &u->id, &u->name,
		    &u->login, csrf, &roles, &u->dept_id, &u->dept_name,
		    &u->dept_code, &temporary);
	else {
		rc = stmt_one(q, pool, "issi", &u->id, &u->name, csrf,
		    &u->agent_id);
		roles = u->agent_id != 0 ? ROLE_AGENT : ROLE_CITIZEN;
	}
	if (rc != DB_OK) {
		memset(u, 0, sizeof(*u));
		return rc;
	}
	if (site != SITE_INTRANET)
		u->login = u->agent_id != 0 ? pool_printf(pool, "agent:%lld",
		    (long long)u->agent_id) : account_citizen_actor(pool, u->id);
	u->roles = (unsigned)roles;
	u->pw_temporary = temporary != 0;
	q = db_stmt(db, SQL_SESSION_TOUCH);
	stmt_bind_text(q, 0, token_hash);
	(void)stmt_run(q);
	return DB_OK;
}

void
account_session_drop(struct db *db, const char *token_hash)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_SESSION_DROP);
	stmt_bind_text(q, 0, token_hash);
	(void)stmt_run(q);
}

/*
 * Every role, in the order people read them.  The security
 * administrator's form offers the roles with a field, as checkboxes.
 */
const struct account_role account_roles[] = {
	{ ROLE_CITIZEN, "citizen", "申请人", NULL },
	{ ROLE_CLERK, "clerk", "窗口受理人员", "role_clerk" },
	{ ROLE_HANDLER, "handler", "承办人", "role_handler" },
	{ ROLE_CHIEF, "chief", "科室负责人", "role_chief" },
	{ ROLE_LEADER, "leader", "分管领导", "role_leader" },
	{ ROLE_ADMIN, "admin", "系统管理员", "role_admin" },
	{ ROLE_SECADMIN, "secadmin", "安全管理员", "role_secadmin" },
	{ ROLE_AUDITOR, "auditor", "审计管理员", "role_auditor" },
	{ ROLE_SUPERVISOR, "supervisor", "电子监察员", "role_supervisor" },
	{ ROLE_OBSERVER, "observer", "特邀监督员（人大代表、政协委员）",
	    "role_observer" },
	{ ROLE_GAPOP, "gapop", "网闸摆渡员", "role_gapop" },
	{ ROLE_AGENT, "agent", "代办员", NULL },	/* extranet, AGT-1 */
	{ ROLE_COORD, "coord", "代理协调员（全程代理）", "role_coord" },
};
const size_t naccount_roles = sizeof(account_roles) /
    sizeof(account_roles[0]);

/* The row of account_roles for one role bit, or NULL. */
static const struct account_role *
role_row(unsigned role)
{
	size_t	 i;

	for (i = 0; i < naccount_roles; i++)
		if (account_roles[i].role == role)
			return &account_roles[i];
	return NULL;
}

const char *
account_role_label(unsigned role)
{
	const struct account_role	*r = role_row(role);

	return r == NULL ? "" : r->label;
}

const char *
account_role_word(unsigned role)
{
	const struct account_role	*r = role_row(role);

	return r == NULL ? NULL : r->word;
}

const char *
account_roles_refusal(unsigned roles)
{
	unsigned	 admins = roles & ROLES_ADMINS;

	if ((roles & ~(unsigned)(ROLES_STAFF | ROLES_ADMINS |
	    ROLES_WATCH | ROLE_GAPOP | ROLE_COORD)) != 0)
		return "只能选择工作人员或管理员的角色。";
	/* Who watches does not handle, administer, or do both. */
	if ((roles & ROLES_WATCH) != 0 && roles != ROLE_SUPERVISOR &&
	    roles != ROLE_OBSERVER)
		return "电子监察员和特邀监督员只能担任这一种角色：监督的人"
		    "不办件、不做管理，监察员与监督员也不由一人兼任。";
	/* Who carries data across the gap does not also decide on it,
	 * administer, or watch (GAP-6, SEC-7; db/180). */
	if ((roles & ROLE_GAPOP) != 0 && roles != ROLE_GAPOP)
		return "网闸摆渡员只能担任这一种角色：摆渡数据的人不办件、"
		    "不做管理，也不做监督。";
	/* Who coordinates a 全程代理 project urges its steps and acts on
	 * none (INT-14; db/270). */
	if ((roles & ROLE_COORD) != 0 && roles != ROLE_COORD)
		return "代理协调员只能担任这一种角色：协调项目的人只督促、"
		    "不办件，也不做管理或监督。";
	/* At most one bit of the three. */
	if ((admins & (admins - 1)) != 0)
		return "系统管理员、安全管理员和审计管理员须由三个不同的人担任"
		    "（三员分立），一个账号只能担任其中一种。";
	if (admins != 0 && (roles & ROLES_STAFF) != 0)
		return "管理员不能同时担任窗口受理人员、承办人、科室负责人或"
		    "分管领导：管理员账号只做管理，办件由业务人员用自己的账号"
		    "办理。";
	return NULL;
}

unsigned
account_role_parse(const char *words)
{
	unsigned	 roles = 0, found;
	size_t		 i, n;
	const char	*p = words;

	while (p != NULL && *p != '\0') {
		n = strcspn(p, ",");
		found = 0;
		for (i = 0; i < naccount_roles; i++)
			if (strlen(account_roles[i].word) == n &&
			    strncmp(p, account_roles[i].word, n) == 0)
				found = account_roles[i].role;
		if (found == 0)
			return 0;	/* an unknown word: refuse the whole */
		roles |= found;
		p += n;
		if (*p == ',')
			p++;
	}
	return roles;
}
