/*
 * org.h: the organisation (ORG-1, ORG-2, ACC-4): the four levels of
 * regions and their configurable names, regions, their service halls,
 * departments and their windows, and the administration of staff
 * accounts, split by 三员分立 (SEC-7): the system administrator keeps
 * the records (login, name, department, in use), the security
 * administrator the roles and passwords, and each staff member changes
 * their own password.  Owns region_level, region, hall and
 * service_window, and the administrators' changes to department and
 * staff.  Every change is one
 * transaction that also writes its audit row (SEC-3): action "org.…",
 * object "region:CODE", "hall:CODE", "dept:CODE", "window:DEPT/CODE",
 * "staff:LOGIN" or "level:N", detail a JSON object of the values set
 * (on an edit, of each changed field as [old, new]).
 */
#ifndef YW_ORG_H
#define YW_ORG_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"
#include "request.h"

#define ORG_LEVELS		4
#define ORG_CODE_MAX		32	/* hall, department, window codes */
#define ORG_REGION_CODE_MAX	12
#define ORG_NAME_MAX		100	/* characters */
#define ORG_LEVEL_NAME_MAX	20
#define ORG_ABBR_MAX		20
#define ORG_STAFF_NAME_MAX	50
#define ORG_TEXT_MAX		200	/* address, hours */
#define ORG_LOGIN_MAX		40

/* Why a change was refused: the form field to correct and what to say. */
struct org_err {
	const char	*field;
	const char	*msg;
	int		 locked;	/* the account is locked (wrong
					 * passwords), its sessions ended */
};

/* How a save treats an existing row. */
enum org_mode {
	ORG_ADD,	/* refuse when the code exists */
	ORG_EDIT,	/* refuse when it does not */
	ORG_PUT,	/* either (the demo loader) */
};

struct org_level {
	int		 level;
	char		*name;
};

struct org_region {
	char		*code;
	char		*name;
	int		 level;
	char		*level_name;
	char		*parent_code;	/* "" at the top of the tree */
	char		*parent_name;
};

struct org_hall {
	char		*code;
	char		*name;
	char		*region_code;
	char		*region_name;
	int		 level;		/* of its region */
	char		*address;
	char		*phone;
	char		*hours;
};

struct org_dept {
	int64_t		 id;
	char		*code;
	char		*name;
	char		*abbr;		/* 文号 prefix */
	char		*region_code;	/* "" when not yet placed */
	char		*region_name;	/* the region's path, or the old text */
	char		*hall_code;	/* "" when none */
	char		*hall_name;
	char		*address;
	char		*phone;
	int64_t		 staff;		/* active staff */
};

struct org_window {
	char		*dept_code;
	char		*dept_name;
	char		*code;
	char		*name;
	char		*hall_code;	/* "" when none */
	char		*hall_name;
};

/* Where an account's password stands. */
enum org_pw {
	ORG_PW_NONE,		/* never set: nobody can log in */
	ORG_PW_TEMPORARY,	/* set by an administrator, to be changed */
	ORG_PW_OWN,		/* chosen by its owner */
};

struct org_staff {
	int64_t		 id;
	char		*login;
	char		*name;
	char		*dept_code;
	char		*dept_name;
	unsigned	 roles;
	int		 active;
	char		*created_at;
	enum org_pw	 pw;		/* read only */
	char		*mobile;	/* at creation only; "": none (NTF-1) */
	char		*mobile_masked;	/* read only: "139****1234" or "" */
};

/*
 * Pure checks of one value (t/unit/test_org.c).  Each returns 1 when the
 * value is acceptable, 0 when not.  Lengths of names count characters of
 * valid UTF-8 without control characters.
 */
int		 org_valid_code(const char *, size_t max); /* [A-Za-z0-9-] */
int		 org_valid_name(const char *, size_t max);	/* required */
int		 org_valid_text(const char *, size_t max);	/* may be "" */
int		 org_valid_phone(const char *);			/* may be "" */
int		 org_valid_login(const char *);
/* The kind of hall a region of level has: 政务服务中心, … */
const char	*org_hall_kind(int level);
/* Role labels joined with "、" ("窗口受理人员、承办人"). */
char		*org_roles_label(struct pool *, unsigned roles);

/*
 * Checks of a whole object that need no database: 0, or -1 with err set.
 * The save functions run them first.
 */
int		 org_region_check(const struct org_region *, struct org_err *);
int		 org_hall_check(const struct org_hall *, struct org_err *);
int		 org_dept_check(const struct org_dept *, struct org_err *);
int		 org_window_check(const struct org_window *, struct org_err *);
/* The record: login, name and department (not roles, not password). */
int		 org_staff_check(const struct org_staff *, struct org_err *);

/* Reading, allocated from pool.  Lists are DB_OK even when empty. */
enum db_rc	 org_levels(struct db *, struct pool *,
		    struct org_level out[ORG_LEVELS]);
/* Every region, by level then code (parents before children). */
enum db_rc	 org_regions(struct db *, struct pool *, struct org_region **,
		    size_t *);
enum db_rc	 org_region_get(struct db *, struct pool *, const char *code,
		    struct org_region *);
enum db_rc	 org_halls(struct db *, struct pool *, struct org_hall **,
		    size_t *);
enum db_rc	 org_hall_get(struct db *, struct pool *, const char *code,
		    struct org_hall *);
enum db_rc	 org_depts(struct db *, struct pool *, struct org_dept **,
		    size_t *);
enum db_rc	 org_dept_get(struct db *, struct pool *, const char *code,
		    struct org_dept *);
/* The windows of dept, or of every department when dept is NULL. */
enum db_rc	 org_windows(struct db *, struct pool *, const char *dept,
		    struct org_window **, size_t *);
enum db_rc	 org_window_get(struct db *, struct pool *, const char *dept,
		    const char *code, struct org_window *);
/* Staff of dept (NULL: all), by department then login. */
enum db_rc	 org_staff_list(struct db *, struct pool *, const char *dept,
		    struct org_staff **, size_t *);
enum db_rc	 org_staff_get(struct db *, struct pool *, const char *login,
		    struct org_staff *);

/*
 * Changes by actor (a staff login).  DB_OK when done (also when nothing
 * changed: then no audit row is written); DB_NONE when refused, with err
 * saying why; DB_ERR on failure (logged).
 */
enum db_rc	 org_levels_save(struct db *, struct pool *, const char *actor,
		    char *const names[ORG_LEVELS], struct org_err *);
enum db_rc	 org_region_save(struct db *, struct pool *, const char *actor,
		    enum org_mode, const struct org_region *, struct org_err *);
enum db_rc	 org_hall_save(struct db *, struct pool *, const char *actor,
		    enum org_mode, const struct org_hall *, struct org_err *);
/* region_name and hall_name are ignored: the department's region text
 * becomes its region's path. */
enum db_rc	 org_dept_save(struct db *, struct pool *, const char *actor,
		    enum org_mode, const struct org_dept *, struct org_err *);
enum db_rc	 org_window_save(struct db *, struct pool *, const char *actor,
		    enum org_mode, const struct org_window *, struct org_err *);
/*
 * The system administrator's part: create (ORG_ADD: active, without roles
 * and without a password, both the security administrator's) or edit
 * (ORG_EDIT: name, department, active) a staff record; s->roles is
 * ignored.  Refuses to deactivate the last active holder of one of the
 * three administrators' roles.  A deactivated account's sessions end.
 */
enum db_rc	 org_staff_save(struct db *, struct pool *, const char *actor,
		    enum org_mode, const struct org_staff *, struct org_err *);
/*
 * The security administrator's part: set the roles of login, as
 * account_roles_refusal() allows; nobody sets their own, and the last
 * active holder of an administrator's role keeps it.
 */
enum db_rc	 org_staff_roles(struct db *, struct pool *, const char *actor,
		    const char *login, unsigned roles, struct org_err *);
/*
 * The security administrator sets a password of another account: it is
 * temporary (the owner must change it at next login) and the account's
 * sessions end.  Nobody sets their own here (org_staff_password_change).
 */
enum db_rc	 org_staff_password(struct db *, struct pool *,
		    const char *actor, const char *login, const char *password,
		    struct org_err *);
/*
 * A staff member chooses their own password: old must be the current
 * one, checked first and counted like a wrong login (the fifth miss in 15
 * minutes locks the account and ends its sessions: err->locked), the new
 * one must pass the policy (pwpolicy_staff) and differ from it.  The
 * password stops being temporary; the account's other sessions end
 * (keep: the hash of the session making the change).
 */
enum db_rc	 org_staff_password_change(struct db *, struct pool *,
		    const char *login, const char *old, const char *password,
		    const char *keep, struct org_err *);

/*
 * The demo organisation from demo.json (db/demo): "level_names" (four
 * names), "regions" [{code,name,level,parent}], "halls"
 * [{code,name,region,address,phone,hours}], and of "departments"
 * [{code,…,region,hall,windows:[{code,name[,hall]}]}] the region, the
 * hall and the windows.  Run after the departments exist; upserts, in
 * one transaction, audited as actor (the operator, config_operator()).
 * DB_OK, or DB_ERR with the reason logged.
 */
enum db_rc	 org_load_demo(struct db *, struct pool *, const char *actor,
		    json_t *root);

#endif
