/*
 * account.c: citizens, staff, departments and sessions; owns the tables
 * citizen, staff, department and session.
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "crypto.h"
#include "log.h"

static const char SQL_CITIZEN_ADD[] =
    "INSERT INTO citizen (id_number, name, mobile, pw_hash) "
    "VALUES (?, ?, ?, ?)";
static const char SQL_CITIZEN_BY_IDNO[] =
    "SELECT id, name, pw_hash FROM citizen WHERE id_number = ?";
static const char SQL_CITIZEN_MOBILE[] =
    "SELECT mobile FROM citizen WHERE id = ?";
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
    "SELECT s.id, s.name, s.roles, s.pw_hash, s.dept_id, d.name, d.code "
    "FROM staff s JOIN department d ON d.id = s.dept_id "
    "WHERE s.login = ? AND s.active = 1";
static const char SQL_HOLDERS[] =
    "SELECT s.id FROM staff s JOIN department d ON d.id = s.dept_id "
    "WHERE d.code = ? AND (s.roles & ?) <> 0 AND s.active = 1 ORDER BY s.id";
static const char SQL_SESSION_ADD[] =
    "INSERT INTO session (token_hash, user_id, csrf, created_at, seen_at) "
    "VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_SESSION_CITIZEN[] =
    "SELECT c.id, c.name, c.id_number, x.csrf FROM session x "
    "JOIN citizen c ON c.id = x.user_id WHERE x.token_hash = ? "
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

enum db_rc
account_citizen_add(struct db *db, const char *idno, const char *name,
    const char *mobile, const char *password)
{
	struct stmt	*q;
	char		 hash[PWHASH_MAX];

	if (crypto_pw_hash(password, hash) == -1)
		return DB_ERR;
	q = db_stmt(db, SQL_CITIZEN_ADD);
	stmt_bind_text(q, 0, idno);
	stmt_bind_text(q, 1, name);
	stmt_bind_text(q, 2, mobile);
	stmt_bind_text(q, 3, hash);
	return stmt_run(q);
}

enum db_rc
account_citizen_login(struct db *db, struct pool *pool, const char *idno,
    const char *password, struct user *u)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*hash = NULL;

	memset(u, 0, sizeof(*u));
	q = db_stmt(db, SQL_CITIZEN_BY_IDNO);
	stmt_bind_text(q, 0, idno);
	rc = stmt_one(q, pool, "iss", &u->id, &u->name, &hash);
	if (rc == DB_ERR)
		return rc;
	if (crypto_pw_verify(password, rc == DB_OK ? hash : DUMMY_HASH) == -1
	    || rc != DB_OK) {
		memset(u, 0, sizeof(*u));
		return DB_NONE;
	}
	u->login = pool_strdup(pool, idno);
	u->roles = ROLE_CITIZEN;
	return DB_OK;
}

enum db_rc
account_citizen_mobile(struct db *db, struct pool *pool, int64_t id,
    char **mobile)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_CITIZEN_MOBILE);
	stmt_bind_int(q, 0, id);
	return stmt_one(q, pool, "s", mobile);
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

enum db_rc
account_staff_login(struct db *db, struct pool *pool, const char *login,
    const char *password, struct user *u)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*hash = NULL;
	int64_t		 roles = 0;

	memset(u, 0, sizeof(*u));
	q = db_stmt(db, SQL_STAFF_BY_LOGIN);
	stmt_bind_text(q, 0, login);
	rc = stmt_one(q, pool, "isisiss", &u->id, &u->name, &roles, &hash,
	    &u->dept_id, &u->dept_name, &u->dept_code);
	if (rc == DB_ERR)
		return rc;
	/* No password set yet: as slow and as refused as a wrong one. */
	if (rc == DB_OK && strcmp(hash, STAFF_NO_PASSWORD) == 0)
		rc = DB_NONE;
	if (crypto_pw_verify(password, rc == DB_OK ? hash : DUMMY_HASH) == -1
	    || rc != DB_OK) {
		memset(u, 0, sizeof(*u));
		return DB_NONE;
	}
	u->login = pool_strdup(pool, login);
	u->roles = (unsigned)roles;
	return DB_OK;
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
		rc = stmt_one(q, pool, "isss", &u->id, &u->name, &u->login,
		    csrf);
		roles = ROLE_CITIZEN;
	}
	if (rc != DB_OK) {
		memset(u, 0, sizeof(*u));
		return rc;
	}
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

static const struct {
	unsigned	 role;
	const char	*word;
	const char	*label;
} role_names[] = {
	{ ROLE_CITIZEN, "citizen", "申请人" },
	{ ROLE_CLERK, "clerk", "窗口受理人员" },
	{ ROLE_HANDLER, "handler", "承办人" },
	{ ROLE_LEADER, "leader", "分管领导" },
	{ ROLE_ADMIN, "admin", "系统管理员" },
	{ ROLE_SECADMIN, "secadmin", "安全管理员" },
	{ ROLE_AUDITOR, "auditor", "审计管理员" },
};

const char *
account_role_label(unsigned role)
{
	size_t	 i;

	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (role_names[i].role == role)
			return role_names[i].label;
	return "";
}

const char *
account_roles_refusal(unsigned roles)
{
	unsigned	 admins = roles & ROLES_ADMINS;

	if ((roles & ~(unsigned)(ROLES_STAFF | ROLES_ADMINS)) != 0)
		return "只能选择工作人员或管理员的角色。";
	/* At most one bit of the three. */
	if ((admins & (admins - 1)) != 0)
		return "系统管理员、安全管理员和审计管理员须由三个不同的人担任"
		    "（三员分立），一个账号只能担任其中一种。";
	if (admins != 0 && (roles & ROLES_STAFF) != 0)
		return "管理员不能同时担任窗口受理人员、承办人或分管领导：管理员"
		    "账号只做管理，办件由业务人员用自己的账号办理。";
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
		for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
			if (strlen(role_names[i].word) == n &&
			    strncmp(p, role_names[i].word, n) == 0)
				found = role_names[i].role;
		if (found == 0)
			return 0;	/* an unknown word: refuse the whole */
		roles |= found;
		p += n;
		if (*p == ',')
			p++;
	}
	return roles;
}
