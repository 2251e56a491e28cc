/*
 * yiwang_admin.c: the administrator's command: schema migrations, site
 * keys, departments, staff, catalogue items and the demo data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pwd.h>
#include <unistd.h>

#include <jansson.h>

#include "account.h"
#include "catalog.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "files.h"
#include "ids.h"
#include "log.h"
#include "org.h"
#include "pwpolicy.h"
#include "schema.h"
#include "search.h"

static void
usage(void)
{
	fputs("usage: yiwang-admin [-c CONF] COMMAND [ARGS]\n"
	    "  migrate                      apply db/NNN_*.sql not yet applied\n"
	    "  keygen                       make the site's signing key pair\n"
	    "  dept-add CODE NAME ABBR [REGION [ADDRESS [PHONE]]]\n"
	    "  user-add LOGIN NAME DEPT ROLES   roles: clerk,handler,leader,admin;\n"
	    "                               password from $YIWANG_PASSWORD or stdin\n"
	    "  item-load FILE.json          store a new draft version of an item\n"
	    "  publish CODE VERSION         publish it (and queue it for the extranet)\n"
	    "  demo DIR                     load DIR/demo.json (intranet, once)\n"
	    "  search-rebuild               rebuild the extranet's full-text index\n"
	    "  citizen-add IDNO NAME MOBILE a registered applicant (extranet);\n"
	    "                               password as for user-add\n"
	    "  locks                        accounts locked by wrong passwords\n"
	    "  unlock LOGIN|IDNO            unlock one (a staff login on the\n"
	    "                               intranet, an ID number on the extranet)\n",
	    stderr);
	exit(64);
}

static int
keygen(const struct config *cfg)
{
	char	*pub;

	if (cfg->sign_key == NULL) {
		fputs("sign_key is not set in the config\n", stderr);
		return 1;
	}
	if (asprintf(&pub, "%s.pub", cfg->sign_key) == -1)
		abort();
	if (access(cfg->sign_key, F_OK) == 0) {
		printf("key exists: %s\n", cfg->sign_key);
		free(pub);
		return 0;
	}
	if (crypto_keygen(cfg->sign_key, pub) == -1) {
		fprintf(stderr, "cannot write %s\n", cfg->sign_key);
		free(pub);
		return 1;
	}
	printf("wrote %s and %s\n", cfg->sign_key, pub);
	free(pub);
	return 0;
}

static int
password_input(char *buf, size_t len)
{
	const char	*env;

	if ((env = getenv("YIWANG_PASSWORD")) != NULL) {
		snprintf(buf, len, "%s", env);
		return 0;
	}
	if (fgets(buf, (int)len, stdin) == NULL)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

static int
user_add(struct db *db, const char *login, const char *name,
    const char *dept, const char *roles_words, const char *password)
{
	unsigned	 roles;

	const char	*personal[2], *why;

	if ((roles = account_role_parse(roles_words)) == 0) {
		fprintf(stderr, "unknown roles: %s\n", roles_words);
		return 1;
	}
	/* The policy of the staff password page (SEC-1). */
	personal[0] = login;
	personal[1] = name;
	if ((why = pwpolicy_check(password, PW_STAFF_MIN, personal, 2)) !=
	    NULL) {
		fprintf(stderr, "%s: 密码不符合要求：%s\n", login, why);
		return 1;
	}
	switch (account_staff_add(db, login, name, dept, roles, password)) {
	case DB_OK:
		printf("user %s (%s) added\n", login, name);
		return 0;
	case DB_DUP:
		fprintf(stderr, "user %s exists\n", login);
		return 1;
	case DB_NONE:
		fprintf(stderr, "no department %s\n", dept);
		return 1;
	default:
		return 1;
	}
}

/*
 * The accounts locked after wrong passwords (SEC-1, F5): on the intranet
 * staff, on the extranet citizens, whose accounts live only there, so the
 * security administrator unlocks them with this command on the extranet
 * host (docs/security.md).
 */
static int
locks(const struct config *cfg, struct db *db, struct pool *pool)
{
	struct account_locked	*v;
	size_t			 n, i;

	if (account_locks(db, pool, cfg->site, &v, &n) != DB_OK)
		return 1;
	if (n == 0)
		printf("没有被锁定的账户。\n");
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s%s锁定于 %s，%s（第 %lld 次）\n", v[i].login,
		    v[i].name, v[i].dept ? v[i].dept : "",
		    v[i].dept ? "\t" : "", v[i].locked_at,
		    v[i].until ? pool_printf(pool, "到 %s 自动解除",
		    v[i].until) : "须解锁", (long long)v[i].level);
	return 0;
}

/* Unlock one account, audited as the operator who ran the command. */
static int
unlock(const struct config *cfg, struct db *db, struct pool *pool,
    const char *ident)
{
	struct passwd	*pw;
	const char	*actor;

	pw = getpwuid(getuid());
	actor = pool_printf(pool, "cli:%s", pw != NULL ? pw->pw_name :
	    "unknown");
	switch (account_unlock(db, pool, cfg->site, ident, actor)) {
	case DB_OK:
		printf("已解锁：%s\n", ident);
		return 0;
	case DB_NONE:
		fprintf(stderr, "%s 没有被锁定（或没有这个账户），"
		    "用 yiwang-admin locks 查看被锁定的账户。\n", ident);
		return 1;
	default:
		return 1;
	}
}

/*
 * Put the blank forms and samples that obj's materials name into the file
 * store, from the forms/ folder beside the item's folder (db/demo/items
 * → db/demo/forms) or inside it, recording their hashes in obj.
 */
static int
item_forms(const struct config *cfg, struct pool *pool, json_t *obj,
    const char *item_path)
{
	json_t		*mats, *m;
	size_t		 i, k;
	const char	*name, *dir, *keys[2][2] = { { "form", "form_sha" },
			    { "sample", "sample_sha" } };
	char		*path, sha[65];
	FILE		*f;

	dir = pool_strndup(pool, item_path, strrchr(item_path, '/') ?
	    (size_t)(strrchr(item_path, '/') - item_path) : 1);
	if (strrchr(item_path, '/') == NULL)
		dir = ".";
	mats = json_object_get(obj, "materials");
	json_array_foreach(mats, i, m) {
		for (k = 0; k < 2; k++) {
			name = json_string_value(json_object_get(m,
			    keys[k][0]));
			if (name == NULL || *name == '\0')
				continue;
			if (strchr(name, '/') != NULL) {
				fprintf(stderr, "%s: not a file name\n", name);
				return -1;
			}
			path = pool_printf(pool, "%s/../forms/%s", dir, name);
			if ((f = fopen(path, "rb")) == NULL) {
				path = pool_printf(pool, "%s/forms/%s", dir,
				    name);
				f = fopen(path, "rb");
			}
			if (f == NULL) {
				fprintf(stderr, "%s: form %s not found\n",
				    item_path, name);
				return -1;
			}
			if (files_init(cfg->files_dir) == -1 ||
			    files_store(cfg->files_dir, f, sha) == -1) {
				fclose(f);
				return -1;
			}
			fclose(f);
			json_object_set_new(m, keys[k][1], json_string(sha));
		}
	}
	return 0;
}

/* Store obj as a new draft; prints and returns its version, or -1. */
static int
item_store(struct db *db, struct pool *pool, json_t *obj)
{
	struct item	 it;
	int64_t		 id;
	char		 err[256];

	if (db_begin(db) != DB_OK)
		return -1;
	if (catalog_store(db, pool, obj, 0, &id, err, sizeof(err)) != DB_OK) {
		db_rollback(db);
		fprintf(stderr, "item not stored: %s\n", err[0] ? err :
		    "database error");
		return -1;
	}
	if (db_commit(db) != DB_OK || catalog_by_id(db, pool, id, &it) !=
	    DB_OK)
		return -1;
	printf("item %s version %d stored as draft\n", it.code, it.version);
	return it.version;
}

static int
publish(struct db *db, struct pool *pool, const char *code, int version)
{
	const char	*why;

	switch (catalog_publish(db, pool, code, version, "admin", &why)) {
	case DB_OK:
		printf("item %s version %d published\n", code, version);
		return 0;
	case DB_NONE:
		fprintf(stderr, "%s %d: %s\n", code, version, why);
		return 1;
	default:
		return 1;
	}
}

/*
 * The demo county: departments, staff and items from DIR/demo.json.
 * Loaded once; a second run says so and changes nothing.
 */
static int
demo(const struct config *cfg, struct db *db, struct pool *pool,
    const char *dir)
{
	json_t		*root, *arr, *e, *item;
	json_error_t	 jerr;
	char		*path;
	size_t		 i;
	int64_t		 n;
	int		 v;

	if (cfg->site != SITE_INTRANET) {
		fputs("demo data is loaded on the intranet\n", stderr);
		return 1;
	}
	if (schema_staff_count(db, pool, &n) != DB_OK)
		return 1;
	if (n > 0) {
		printf("demo data already loaded (%lld staff)\n", (long long)n);
		return 0;
	}
	path = pool_printf(pool, "%s/demo.json", dir);
	if ((root = json_load_file(path, 0, &jerr)) == NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, jerr.line, jerr.text);
		return 1;
	}
	arr = json_object_get(root, "departments");
	json_array_foreach(arr, i, e)
		if (account_dept_add(db, json_string_value(json_object_get(e,
		    "code")), json_string_value(json_object_get(e, "name")),
		    json_string_value(json_object_get(e, "abbr")),
		    json_string_value(json_object_get(e, "region")),
		    json_string_value(json_object_get(e, "address")),
		    json_string_value(json_object_get(e, "phone"))) != DB_OK)
			goto fail;
	/* Levels, regions, halls; the departments' places and windows. */
	if (org_load_demo(db, pool, root) != DB_OK)
		goto fail;
	arr = json_object_get(root, "staff");
	json_array_foreach(arr, i, e)
		if (user_add(db, json_string_value(json_object_get(e, "login")),
		    json_string_value(json_object_get(e, "name")),
		    json_string_value(json_object_get(e, "dept")),
		    json_string_value(json_object_get(e, "roles")),
		    json_string_value(json_object_get(e, "password"))) != 0)
			goto fail;
	arr = json_object_get(root, "items");
	json_array_foreach(arr, i, e) {
		path = pool_printf(pool, "%s/%s", dir, json_string_value(e));
		if ((item = json_load_file(path, 0, &jerr)) == NULL) {
			fprintf(stderr, "%s:%d: %s\n", path, jerr.line,
			    jerr.text);
			goto fail;
		}
		v = item_forms(cfg, pool, item, path) == -1 ? -1 :
		    item_store(db, pool, item);
		if (v < 0 || publish(db, pool, json_string_value(
		    json_object_get(item, "code")), v) != 0) {
			json_decref(item);
			goto fail;
		}
		json_decref(item);
	}
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	return 1;
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct db	*db = NULL;
	struct pool	*pool;
	const char	*conf = NULL, *cmd;
	json_t		*obj;
	json_error_t	 jerr;
	char		 pw[256];
	int		 c, rc = 1;

	log_set_prog("yiwang-admin");
	while ((c = getopt(argc, argv, "c:")) != -1)
		if (c == 'c')
			conf = optarg;
		else
			usage();
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	cmd = argv[0];
	if ((conf = config_path(conf)) == NULL || config_load(conf, &cfg) == -1)
		return 1;
	if (strcmp(cmd, "keygen") == 0) {
		rc = keygen(&cfg);
		config_free(&cfg);
		return rc;
	}
	if ((db = db_open(&cfg)) == NULL)
		return 1;
	pool = pool_new();
	if (strcmp(cmd, "migrate") == 0)
		rc = schema_migrate(db, pool, argc > 1 ? argv[1] :
		    cfg.migrations_dir ? cfg.migrations_dir : "db") == 0 ? 0 : 1;
	else if (strcmp(cmd, "dept-add") == 0 && argc >= 4)
		rc = account_dept_add(db, argv[1], argv[2], argv[3],
		    argc > 4 ? argv[4] : "", argc > 5 ? argv[5] : "",
		    argc > 6 ? argv[6] : "") == DB_OK ? 0 : 1;
	else if (strcmp(cmd, "user-add") == 0 && argc == 5) {
		if (password_input(pw, sizeof(pw)) == -1)
			fputs("no password given\n", stderr);
		else
			rc = user_add(db, argv[1], argv[2], argv[3], argv[4],
			    pw);
	} else if (strcmp(cmd, "item-load") == 0 && argc == 2) {
		if ((obj = json_load_file(argv[1], 0, &jerr)) == NULL)
			fprintf(stderr, "%s:%d: %s\n", argv[1], jerr.line,
			    jerr.text);
		else {
			rc = item_forms(&cfg, pool, obj, argv[1]) == -1 ||
			    item_store(db, pool, obj) < 0 ? 1 : 0;
			json_decref(obj);
		}
	} else if (strcmp(cmd, "publish") == 0 && argc == 3)
		rc = publish(db, pool, argv[1], atoi(argv[2]));
	else if (strcmp(cmd, "search-rebuild") == 0 && argc == 1)
		rc = search_rebuild(db) == DB_OK ? 0 : 1;
	else if (strcmp(cmd, "citizen-add") == 0 && argc == 4) {
		const char *personal[2] = { argv[1], argv[3] }, *why = NULL;

		if (!id_number_valid(argv[1]) || !mobile_valid(argv[3]))
			fputs("invalid ID number or mobile number\n", stderr);
		else if (password_input(pw, sizeof(pw)) == -1)
			fputs("no password given\n", stderr);
		else if ((why = pwpolicy_check(pw, PW_CITIZEN_MIN, personal,
		    2)) != NULL)
			fprintf(stderr, "密码不符合要求：%s\n", why);
		else switch (account_citizen_add(db, argv[1], argv[2], argv[3],
		    pw)) {
		case DB_OK:
			printf("citizen %s added\n", argv[2]);
			rc = 0;
			break;
		case DB_DUP:
			printf("citizen %s exists\n", argv[1]);
			rc = 0;
			break;
		default:
			break;
		}
	} else if (strcmp(cmd, "locks") == 0 && argc == 1)
		rc = locks(&cfg, db, pool);
	else if (strcmp(cmd, "unlock") == 0 && argc == 2)
		rc = unlock(&cfg, db, pool, argv[1]);
	else if (strcmp(cmd, "demo") == 0 && argc == 2)
		rc = demo(&cfg, db, pool, argv[1]);
	else
		usage();
	pool_free(pool);
	db_close(db);
	config_free(&cfg);
	return rc;
}
