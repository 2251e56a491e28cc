/*
 * yiwang_admin.c: the administrator's command: schema migrations, site
 * keys, departments, staff, catalogue items and the demo data.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/pem.h>

#include "account.h"
#include "agency.h"
#include "agent.h"
#include "anchor.h"
#include "anomaly.h"
#include "calendar.h"
#include "application.h"
#include "booking.h"
#include "catalog.h"
#include "chain.h"
#include "clock.h"
#include "config.h"
#include "crypto.h"
#include "db.h"
#include "deadline.h"
#include "docseal.h"
#include "licence.h"
#include "lifeevent.h"
#include "draft.h"
#include "docsig.h"
#include "delegation.h"
#include "enterprise.h"
#include "files.h"
#include "flow.h"
#include "exchange.h"
#include "history.h"
#include "keyring.h"
#include "remind.h"
#include "sms.h"
#include "xch.h"
#include "ids.h"
#include "log.h"
#include "org.h"
#include "perf.h"
#include "pii.h"
#include "scan.h"
#include "pki.h"
#include "publish.h"
#include "pwpolicy.h"
#include "schema.h"
#include "search.h"
#include "staffcert.h"
#include "supervision.h"
#include "text.h"
#include "utf8.h"

/* Whether --now set the clock for this command (clock.h). */
static int	 now_given;

static void
usage(void)
{
	fputs("usage: yiwang-admin [-c CONF] [--now TIME] COMMAND [ARGS]\n"
	    "  (--now: Beijing time \"YYYY-MM-DD[ HH:MM[:SS]]\" for every rule\n"
	    "  that depends on time; only where the config has clock_settable)\n"
	    "  db-setup                     as root: database accounts, "
	    "migrations, grants\n"
	    "  migrate                      apply db/NNN_*.sql not yet applied"
	    ",\n"
	    "                               then the grants (migration account)"
	    "\n"
	    "  keygen                       make the site's signing and encryption\n"
	    "                               key pairs, the ledgers' chain key and\n"
	    "                               the personal data key (those that do\n"
	    "                               not exist)\n"
	    "  gap-key-rotate [--overlap DAYS]\n"
	    "                               new signing and encryption keys of\n"
	    "                               gap_suite, the old encryption key\n"
	    "                               kept DAYS (gap_key_overlap_days);\n"
	    "                               says what to carry (audited)\n"
	    "  gap-key-peer [--until TIME] SIGN.pub ENC.pub\n"
	    "                               the other site's new public keys,\n"
	    "                               the old signing key kept till TIME\n"
	    "                               (YYYY-MM-DDTHH:MM:SSZ; audited)\n"
	    "  anchor                       sign the heads of the ledgers' "
	    "chains\n"
	    "  audit-verify [-a FILE]...    check every chain against its "
	    "anchors\n"
	    "  anchors [peer]               list this (or the other) site's "
	    "anchors\n"
	    "  dept-add CODE NAME ABBR [REGION [ADDRESS [PHONE]]]\n"
	    "  user-add LOGIN NAME DEPT ROLES   roles: clerk,handler,leader, or one\n"
	    "                               of admin, secadmin, auditor (三员分立);\n"
	    "                               supervisor, observer, gapop\n"
	    "                               (网闸摆渡员) or coord (代理协调员)\n"
	    "                               alone;\n"
	    "                               password from $YIWANG_PASSWORD or stdin,\n"
	    "                               temporary: changed at first login\n"
	    "  item-load FILE.json          store a new draft version of an item\n"
	    "  publish CODE VERSION         publish it (and queue it for the extranet)\n"
	    "  licence-tpl ITEM NAME WORD YEARS\n"
	    "                               the licence item ITEM issues (DOC-2):\n"
	    "                               its name, the word of its number\n"
	    "                               series, years valid (0: 长期)\n"
	    "  demo DIR                     load DIR/demo.json and policies.json\n"
	    "                               (intranet, once)\n"
	    "  sup-export --since WATERMARK [--out FILE]\n"
	    "                               cases, events and warnings for the\n"
	    "                               provincial supervision system\n"
	    "                               (docs/exchange.md)\n"
	    "  case-import FILE.jsonl       cases handled in departmental systems\n"
	    "  demo-history --cases N [--years Y] [--before DAYS] [--seed S]\n"
	    "               | --remove | --verify\n"
	    "                               a generated history of N cases\n"
	    "                               over Y years ending DAYS ago\n"
	    "                               (benchmarks; history.h)\n"
	    "  search-rebuild               rebuild the extranet's full-text index\n"
	    "  pages-expire                 the extranet's workers make their kept\n"
	    "                               public pages again (after a change\n"
	    "                               made in SQL, outside the application)\n"
	    "  perf-rebuild [--check]       compute the performance and statistics\n"
	    "                               summaries (and /hall's day figures)\n"
	    "                               again from the cases (after a bulk\n"
	    "                               load); --check: count the rows that\n"
	    "                               differ from a recount, exit 1 if any\n"
	    "  agent-add NAME IDNO MOBILE TOWNSHIP [VILLAGE...]\n"
	    "                               a proxy agent (代办员, intranet)\n"
	    "                               bound to a township or villages of\n"
	    "                               it (region codes); prints the\n"
	    "                               one-time activation code\n"
	    "  citizen-add IDNO NAME MOBILE a registered applicant (extranet);\n"
	    "                               password as for user-add\n"
	    "  enterprise-add CODE NAME ADDRESS IDNO\n"
	    "                               an enterprise (法人) of credit code\n"
	    "                               CODE whose legal representative is\n"
	    "                               the registered person IDNO\n"
	    "                               (extranet; a code registered before\n"
	    "                               stays as it is; audited)\n"
	    "  enterprise-claim CODE NAME ADDRESS IDNO\n"
	    "                               the hall, having seen the licence\n"
	    "                               and the ID card: the registered\n"
	    "                               enterprise CODE takes the name,\n"
	    "                               address and legal representative\n"
	    "                               IDNO; its grants end (audited)\n"
	    "  citizen-reset IDNO NAME MOBILE  the hall, having seen the ID\n"
	    "                               card: the account takes the name,\n"
	    "                               mobile and password (as for\n"
	    "                               user-add); its sessions and lock\n"
	    "                               end (audited)\n"
	    "  calendar-load [--unless-loaded] FILE\n"
	    "                               the days off (休) and make-up days\n"
	    "                               (班) of FILE's years (intranet; lines\n"
	    "                               \"2026-10-01 休 国庆节\"); those years'\n"
	    "                               days are replaced\n"
	    "  booking-plan DEPT WINDOW MINUTES CAPACITY TIMES [WEEKDAYS "
	    "[CLOSED]]\n"
	    "               [--day N CAPACITY TIMES]...\n"
	    "                               the slots of window WINDOW of DEPT\n"
	    "                               that may be booked online on each\n"
	    "                               working day (TIMES \"09:00 09:30\",\n"
	    "                               MINUTES long, CAPACITY people each;\n"
	    "                               0: none) of WEEKDAYS (\"12345\",\n"
	    "                               1 Monday; all) but the days CLOSED\n"
	    "                               (\"2026-12-24\"); --day: weekday\n"
	    "                               N (1 Monday … 7) has slots of\n"
	    "                               its own (TIMES \"\": none); sent\n"
	    "                               to the extranet; the bookings it\n"
	    "                               leaves out are listed, kept\n"
	    "  workdays add DATE N          the N-th working day after DATE (a\n"
	    "                               date, or today)\n"
	    "  workdays between DATE DATE   working days after the first date up\n"
	    "                               to the second\n"
	    "  tick [--loop]                the timed rules whose time has come\n"
	    "                               (deadlines, deemed acceptance,\n"
	    "                               warnings of missed deadlines,\n"
	    "                               abnormal warnings of changed cases);\n"
	    "                               --loop: every minute\n"
	    "  anomaly-check [--all]        abnormal warnings (异常预警) of the\n"
	    "                               cases changed since the last check,\n"
	    "                               or of every case\n"
	    "  files-sweep [SECONDS]        remove stored files no row names and\n"
	    "                               stale tmp/ entries, older than SECONDS\n"
	    "                               (default files_sweep_grace)\n"
	    "  scan-check                   is clamd up, and does it know EICAR?\n"
	    "  cert-issue LOGIN [FILE.p12]  issue a client certificate from the local\n"
	    "                               CA and bind the account to it (intranet);\n"
	    "                               .p12 password as for user-add\n"
	    "  cert-issue-admins            the same for every administrator without\n"
	    "                               a certificate of this CA, into cert_dir\n"
	    "  cert-revoke LOGIN            unbind the account's certificate\n"
	    "  ops-cert-issue LOGIN NAME [FILE.p12]  a certificate of the\n"
	    "                               operations CA (ops_ca_cert): opens\n"
	    "                               this site's operations server, /ops/gap\n"
	    "  cert-list                    the accounts bound to a certificate\n"
	    "  locks                        accounts locked by wrong passwords\n"
	    "  unlock LOGIN|IDNO            unlock one (a staff login on the\n"
	    "                               intranet, an ID number on the extranet)\n"
	    "  dash-rebuild [--check]       recount the supervision dashboard's\n"
	    "                               summary of open cases from the cases\n"
	    "                               (after a bulk load); --check: only\n"
	    "                               say whether it agrees (exit 1 if not)\n"
	    "  seal-key DEPT | --each       a seal key for department DEPT (for\n"
	    "                               every department that never had one):\n"
	    "                               Ed25519, SM2 when gap_suite is sm\n"
	    "  seal-key DEPT --rotate       a new one, the old kept for verifying\n"
	    "  seal-key --revoke KID --why TEXT   revoke a seal key (audited)\n"
	    "  seal-key --list | --export DIR\n"
	    "                               the seal keys; DIR gets DEPT_KID.pub\n"
	    "                               (and .revoked) for verify-doc --keys\n"
	    "  verify-doc [--keys DIR] FILE.json | NO CODE\n"
	    "                               verify a sealed document: an export,\n"
	    "                               or number and check code looked up\n"
	    "                               here; exit 0 good, 1 bad, 2 usage\n",
	    stderr);
	exit(64);
}

/*
 * A secret key file of a site (the ledgers' chain key, chain.h; the
 * personal data key, pii.h), made once: path, unless it exists.
 */
static int
secret_keygen(const char *key, const char *what, const char *path,
    int (*make)(const char *))
{
	if (path == NULL) {
		fprintf(stderr, "配置文件中没有 %s（%s）。\n", key, what);
		return 1;
	}
	if (access(path, F_OK) == 0) {
		printf("%s已存在：%s\n", what, path);
		return 0;
	}
	if (make(path) == -1) {
		fprintf(stderr, "无法写入%s %s（目录不可写）。\n", what, path);
		return 1;
	}
	printf("已生成%s：%s\n", what, path);
	return 0;
}

/*
 * One key pair of a site: path and path.pub, unless path exists.  make is
 * crypto_keygen (Ed25519, signing) or crypto_box_keygen (X25519, GAP-3).
 */
static int
keypair(const char *key, const char *what, const char *path,
    int (*make)(const char *, const char *))
{
	char	*pub;
	int	 rc = 0;

	if (path == NULL) {
		fprintf(stderr, "配置文件中没有 %s（%s）。\n", key, what);
		return 1;
	}
	if (access(path, F_OK) == 0) {
		printf("%s已存在：%s\n", what, path);
		return 0;
	}
	if (asprintf(&pub, "%s.pub", path) == -1) {
		fprintf(stderr, "内存不足，未生成%s。\n", what);
		return 1;
	}
	if (make(path, pub) == -1) {
		fprintf(stderr, "无法写入%s %s 或 %s（已存在或目录不可写）。\n",
		    what, path, pub);
		rc = 1;
	} else
		printf("已生成%s：%s 和 %s\n", what, path, pub);
	free(pub);
	return rc;
}

/* The site's secret keys, and its signing and encryption key pairs of
 * every suite it writes or accepts (GAP-7). */
static int
keygen(const struct config *cfg)
{
	unsigned	suites = cfg->gap_suite | cfg->gap_suites;
	int		rc = 0;

	if (secret_keygen("chain_key", "审计链密钥", cfg->chain_key,
	    chain_key_create) != 0 ||
	    secret_keygen("pii_key", "个人信息加密密钥", cfg->pii_key,
	    pii_key_create) != 0)
		return 1;
	if (suites & CONFIG_SUITE_INTL) {
		rc = keypair("sign_key", "签名密钥", cfg->sign_key,
		    crypto_keygen);
		rc |= keypair("enc_key", "加密密钥", cfg->enc_key,
		    crypto_box_keygen);
	}
	if (suites & CONFIG_SUITE_SM) {
		rc |= keypair("sm_sign_key", "国密签名密钥（SM2）",
		    cfg->sm_sign_key, crypto_sm2_keygen);
		rc |= keypair("sm_enc_key", "国密加密密钥（SM2）",
		    cfg->sm_enc_key, crypto_sm2_keygen);
	}
	return rc;
}

/*
 * Is this site's clamd up, and does its signature database find the EICAR
 * test file?  Exit 0 yes, 1 clamd does not answer, 2 it answers but does
 * not know EICAR (no signatures loaded).  The test string is put together
 * here so that no file of ours holds it whole.
 */
static int
scan_check(const struct config *cfg)
{
	char	 eicar[80], name[256];

	snprintf(eicar, sizeof(eicar), "%s%s",
	    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR",
	    "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
	if (scan_ping(cfg->clamd_socket, (int)cfg->clamd_timeout) !=
	    SCAN_CLEAN) {
		fprintf(stderr, "病毒扫描服务 clamd 没有响应（%s）。\n",
		    cfg->clamd_socket ? cfg->clamd_socket : "没有设置 "
		    "clamd_socket");
		return 1;
	}
	switch (scan_buffer(cfg->clamd_socket, (int)cfg->clamd_timeout, eicar,
	    strlen(eicar), name, sizeof(name))) {
	case SCAN_FOUND:
		printf("病毒扫描服务正常：测试病毒 EICAR 已被识别（%s）。\n",
		    name);
		return 0;
	case SCAN_CLEAN:
		fputs("病毒扫描服务在运行，但没有识别出测试病毒 EICAR：病毒库"
		    "没有装好。\n", stderr);
		return 2;
	default:
		fprintf(stderr, "病毒扫描服务出错：%s\n", name);
		return 1;
	}
}

/* yiwang-admin files-sweep [SECONDS]: the orphan sweep (files.h). */
static int
sweep(const struct config *cfg, struct db *db, struct pool *pool,
    const char *arg)
{
	struct app_files	 f = { db, pool };
	struct files_swept	 s;
	long			 grace = (long)cfg->sweep_grace;
	char			*end;

	if (arg != NULL) {
		grace = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || grace < 0)
			usage();
	}
	if (files_sweep(cfg->files_dir, grace, app_files_named, &f, &s) ==
	    -1) {
		fputs("清理中断（数据库出错），有记录的文件都没有动。请稍后再"
		    "运行。\n", stderr);
		return 1;
	}
	printf("附件清理完成（%s，宽限 %ld 秒）：删除没有记录的文件 %zu 个，共 "
	    "%llu 字节；删除残留的临时文件 %zu 个。\n", cfg->files_dir, grace,
	    s.files, s.bytes, s.tmp);
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

/*
 * A staff account from the command line.  The operator who sets the
 * password knows it, so it is temporary (SEC-7) unless it is the demo's,
 * which the README publishes anyway.
 */
static int
user_add(struct db *db, const char *login, const char *name,
    const char *dept, const char *roles_words, const char *password,
    int temporary)
{
	unsigned	 roles;
	const char	*why;

	if ((roles = account_role_parse(roles_words)) == 0) {
		fprintf(stderr, "unknown roles: %s\n", roles_words);
		return 1;
	}
	if ((why = account_roles_refusal(roles)) != NULL) {
		fprintf(stderr, "%s：角色 %s 不能由一个账号同时担任。%s\n",
		    login, roles_words, why);
		return 1;
	}
	/* The policy of every staff password (SEC-1). */
	if ((why = pwpolicy_staff(password, login, name)) != NULL) {
		fprintf(stderr, "%s: 密码不符合要求：%s\n", login, why);
		return 1;
	}
	switch (account_staff_add(db, login, name, dept, roles, password,
	    temporary)) {
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
 * Staff client certificates (ACC-4): issued by the local CA, whose key
 * only this command reads, and bound to the account at once.
 */
#define CERT_DAYS	365

/* cert_dir/LOGIN.p12, the directory made (0700) if need be. */
static char *
cert_path(const struct config *cfg, struct pool *pool, const char *login)
{
	if (cfg->cert_dir == NULL) {
		fputs("配置文件中没有 cert_dir（证书文件目录）。\n", stderr);
		return NULL;
	}
	if (mkdir(cfg->cert_dir, 0700) == -1 && access(cfg->cert_dir, W_OK)) {
		fprintf(stderr, "无法使用证书目录 %s。\n", cfg->cert_dir);
		return NULL;
	}
	return pool_printf(pool, "%s/%s.p12", cfg->cert_dir, login);
}

static int
cert_issue(const struct config *cfg, struct db *db, struct pool *pool,
    const struct staffcert *c, const char *path, const char *password)
{
	struct pki_request	q;
	struct pki_issued	is;

	if (strlen(password) < 8) {
		fputs("证书文件的密码至少 8 位。\n", stderr);
		return 1;
	}
	memset(&q, 0, sizeof(q));
	q.ca_cert = cfg->ca_cert;
	q.ca_key = cfg->ca_key;
	q.login = c->login;
	q.name = c->name;
	q.now = time(NULL);
	q.days = CERT_DAYS;
	q.password = password;
	q.path = path;
	switch (pki_issue(&q, &is)) {
	case PKI_OK:
		break;
	case PKI_CA_CERT:
		fprintf(stderr, "读不出 CA 证书 %s（配置 ca_cert）。\n",
		    q.ca_cert ? q.ca_cert : "");
		return 1;
	case PKI_CA_KEY:
		fprintf(stderr, "读不出 CA 私钥 %s（配置 ca_key）：%s。\n",
		    q.ca_key ? q.ca_key : "", strerror(errno));
		return 1;
	case PKI_CA_MISMATCH:
		fprintf(stderr, "CA 私钥 %s 与 CA 证书 %s 不配。\n", q.ca_key,
		    q.ca_cert);
		return 1;
	case PKI_WRITE:
		fprintf(stderr, "无法写入 %s：%s。\n", path, strerror(errno));
		return 1;
	default:
		fprintf(stderr, "无法为 %s 生成证书。\n", c->login);
		return 1;
	}
	if (staffcert_bind(db, pool, config_operator(pool), c->login, &is) !=
	    DB_OK) {
		unlink(path);
		fprintf(stderr, "证书无法绑定到 %s，已删除 %s。\n", c->login,
		    path);
		return 1;
	}
	printf("已为 %s（%s）签发客户端证书并绑定：%s\n"
	    "  序列号 %s，SHA-256 %s，有效期 %d 天\n", c->login, c->name,
	    path, is.serial, is.sha256, CERT_DAYS);
	return 0;
}

/* cert-issue LOGIN [FILE]: password from $YIWANG_PASSWORD or stdin. */
static int
cert_issue_one(const struct config *cfg, struct db *db, struct pool *pool,
    const char *login, const char *file)
{
	struct staffcert	c;
	char			pw[256];

	switch (staffcert_get(db, pool, login, &c)) {
	case DB_OK:
		break;
	case DB_NONE:
		fprintf(stderr, "没有在用的工作人员账号 %s。\n", login);
		return 1;
	default:
		return 1;
	}
	if (file == NULL && (file = cert_path(cfg, pool, login)) == NULL)
		return 1;
	if (password_input(pw, sizeof(pw)) == -1) {
		fputs("没有给出证书文件的密码。\n", stderr);
		return 1;
	}
	return cert_issue(cfg, db, pool, &c, file, pw);
}

/*
 * ops-cert-issue LOGIN NAME [FILE]: a certificate of the operations CA
 * (GAP-6), which opens the operations server of this site (/ops/gap) to
 * its holder; NAME, the subject's CN, is who the page's audit rows name.
 * Not bound to an account: the extranet has none.  Audited here.
 */
/* A login of letters, digits, '.', '_' and '-'. */
static int
plain_word(const char *s)
{
	size_t	 n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

	return n > 0 && n <= 40 && s[n] == '\0';
}

static int
ops_cert_issue(const struct config *cfg, struct db *db, struct pool *pool,
    const char *login, const char *name, const char *file)
{
	struct pki_request	q;
	struct pki_issued	is;
	char			pw[256];

	if (!plain_word(login) || *name == '\0' || strlen(name) > 100) {
		fputs("用法：ops-cert-issue 登录名（字母数字） 姓名 [文件.p12]\n",
		    stderr);
		return 1;
	}
	if (file == NULL && (file = cert_path(cfg, pool,
	    pool_printf(pool, "ops-%s", login))) == NULL)
		return 1;
	if (password_input(pw, sizeof(pw)) == -1 || strlen(pw) < 8) {
		fputs("证书文件的密码至少 8 位。\n", stderr);
		return 1;
	}
	memset(&q, 0, sizeof(q));
	q.ca_cert = cfg->ops_ca_cert;
	q.ca_key = cfg->ops_ca_key;
	q.login = login;
	q.name = name;
	q.now = time(NULL);
	q.days = CERT_DAYS;
	q.password = pw;
	q.path = file;
	if (pki_issue(&q, &is) != PKI_OK) {
		fprintf(stderr, "无法用运维 CA（配置 ops_ca_cert、ops_ca_key："
		    "%s、%s）签发证书：%s。\n", q.ca_cert ? q.ca_cert : "未配置",
		    q.ca_key ? q.ca_key : "未配置", strerror(errno));
		return 1;
	}
	if (db_begin(db) != DB_OK || audit_add(db, pool, config_operator(pool),
	    "ops.cert.issue", pool_printf(pool, "ops:%s", login),
	    pool_printf(pool, "%s serial %s sha256 %s", name, is.serial,
	    is.sha256)) != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		unlink(file);
		fputs("审计记录写不进去，证书已删除。\n", stderr);
		return 1;
	}
	printf("已为 %s（%s）签发运维证书：%s\n  序列号 %s，SHA-256 %s，有效期 "
	    "%d 天\n", login, name, file, is.serial, is.sha256, CERT_DAYS);
	return 0;
}

/*
 * Every administrator (system, security, audit) gets a certificate unless
 * they hold one of this CA whose file is still in cert_dir: ./run up on
 * a demo that is already up changes nothing.
 */
static int
cert_issue_admins(const struct config *cfg, struct db *db,
    struct pool *pool)
{
	struct staffcert	*v;
	char			 ca[SHA256_HEX], pw[256], *path;
	size_t			 n, i;
	int			 rc = 0;

	if (pki_ca_sha256(cfg->ca_cert, ca) == -1) {
		fprintf(stderr, "读不出 CA 证书 %s。\n", cfg->ca_cert ?
		    cfg->ca_cert : "（未配置 ca_cert）");
		return 1;
	}
	if (staffcert_list(db, pool, ROLES_ADMINS, &v, &n) != DB_OK)
		return 1;
	if (password_input(pw, sizeof(pw)) == -1) {
		fputs("没有给出证书文件的密码。\n", stderr);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if ((path = cert_path(cfg, pool, v[i].login)) == NULL)
			return 1;
		if (v[i].sha256 != NULL && strcmp(v[i].ca_sha256, ca) == 0 &&
		    access(path, R_OK) == 0) {
			printf("%s（%s）已有证书：%s\n", v[i].login, v[i].name,
			    path);
			continue;
		}
		rc |= cert_issue(cfg, db, pool, &v[i], path, pw);
	}
	return rc;
}

static int
cert_revoke(struct db *db, struct pool *pool, const char *login)
{
	switch (staffcert_unbind(db, pool, config_operator(pool), login)) {
	case DB_OK:
		printf("已吊销 %s 的证书：该账号现在只凭密码登录。\n", login);
		return 0;
	case DB_NONE:
		fprintf(stderr, "%s 没有绑定证书。\n", login);
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
	switch (account_unlock(db, pool, cfg->site, ident,
	    config_operator(pool))) {
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
 * citizen-add, or with reset citizen-reset: the hall has seen the
 * person's ID card, and the person types the password (password_input).
 */
static int
citizen(struct db *db, struct pool *pool, const char *typed, const char *name,
    const char *mobile, int reset)
{
	char		*idno = pool_strdup(pool, typed);
	const char	*personal[2] = { idno, mobile }, *why;
	char		 pw[256];

	/* A lower-case x as typed, as the web forms take it. */
	id_number_upper(idno);
	if (!id_number_valid(idno) || !mobile_valid(mobile)) {
		fputs("身份证号码或手机号码不对。\n", stderr);
		return 1;
	}
	if (text_check(name, strlen(name), 1, 50, 0, TEXT_LINE) != TEXT_OK) {
		fputs("姓名应为身份证上的姓名，50 个字以内。\n", stderr);
		return 1;
	}
	if (password_input(pw, sizeof(pw)) == -1) {
		fputs("没有给出密码。\n", stderr);
		return 1;
	}
	if ((why = pwpolicy_check(pw, PW_CITIZEN_MIN, personal, 2)) != NULL) {
		fprintf(stderr, "密码不符合要求：%s\n", why);
		return 1;
	}
	switch (reset ? account_citizen_reset(db, pool, idno, name, mobile,
	    pw, config_operator(pool)) : account_citizen_add(db, pool, idno,
	    name, mobile, pw)) {
	case DB_OK:
		printf(reset ? "已重置：%s 的账户（原登录已退出）\n" :
		    "已注册：%s\n", name);
		return 0;
	case DB_DUP:
		printf("%s 已经注册过；要为本人重置，用 citizen-reset。\n",
		    idno);
		return 0;
	case DB_NONE:
		fprintf(stderr, "%s 没有注册过；用 citizen-add 注册。\n",
		    idno);
		return 1;
	default:
		return 1;
	}
}

/*
 * enterprise-add CODE NAME ADDRESS IDNO (ACC-1): the enterprise, with the
 * registered person IDNO as its legal representative, as the web's
 * registration makes it (the demo's enterprises; ./run up).  A code
 * registered before stays as it is, and says so.
 */
static int
enterprise_add(const struct config *cfg, struct db *db, struct pool *pool,
    const char *code, const char *name, const char *address,
    const char *idno)
{
	struct enterprise	 e;
	struct user		 u;
	const char		*why;
	char			*up = pool_strdup(pool, code), *rep;

	if (cfg->site != SITE_EXTRANET) {
		fputs("企业在外网登记。\n", stderr);
		return 1;
	}
	credit_code_upper(up);
	memset(&u, 0, sizeof(u));
	switch (enterprise_person(db, pool, idno, &u.id, &rep)) {
	case DB_OK:
		break;
	case DB_NONE:
		fprintf(stderr, "%s 没有注册过：法定代表人须先实名注册"
		    "（citizen-add）。\n", idno);
		return 1;
	default:
		return 1;
	}
	u.name = rep;
	u.login = config_operator(pool);
	switch (enterprise_register(db, pool, &u, up, name, address, NULL,
	    &why)) {
	case ENT_DONE:
		break;
	case ENT_INVALID:
		fprintf(stderr, "%s\n", why);
		return 1;
	default:
		return 1;
	}
	if (enterprise_of(db, pool, u.id, up, &e) == DB_OK && e.is_rep)
		printf("已登记：%s（%s），法定代表人 %s\n", e.name,
		    e.credit_code, rep);
	else
		printf("%s 已由他人登记，原登记不变。\n", up);
	return 0;
}

/*
 * enterprise-claim CODE NAME ADDRESS IDNO (ACC-1): the hall has seen the
 * business licence and the legal representative's ID card.
 */
static int
enterprise_claim_cmd(const struct config *cfg, struct db *db,
    struct pool *pool, const char *code, const char *name,
    const char *address, const char *idno)
{
	const char	*why;
	char		*up = pool_strdup(pool, code);

	if (cfg->site != SITE_EXTRANET) {
		fputs("企业在外网登记。\n", stderr);
		return 1;
	}
	credit_code_upper(up);
	switch (enterprise_claim(db, pool, up, name, address, idno,
	    config_operator(pool), &why)) {
	case ENT_DONE:
		printf("已核实：%s（%s）的法定代表人已改为身份证号码 %.6s…"
		    "的注册用户，原授权的经办人全部取消\n", name, up, idno);
		return 0;
	case ENT_INVALID:
		fprintf(stderr, "%s\n", why);
		return 1;
	default:
		return 1;
	}
}

/*
 * agent-add NAME IDNO MOBILE TOWNSHIP [VILLAGE...] (AGT-1): what
 * /admin/agents does, for a county's list of agents (and the demo).
 */
static int
agent_add_cmd(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char **argv)
{
	const char	*why;
	char		*code;
	int64_t		 id;

	if (cfg->site != SITE_INTRANET) {
		fputs("代办员账号在内网开通，随数据交换送到外网。\n", stderr);
		return 1;
	}
	switch (agent_add(db, pool, config_operator(pool), argv[1], argv[2],
	    argv[3], argv[4], (const char *const *)argv + 5,
	    (size_t)(argc - 5), &code, &id, &why)) {
	case DB_OK:
		printf("已开通代办员 %s（编号 %lld）\n激活码：%s\n", argv[1],
		    (long long)id, code);
		return 0;
	case DB_NONE:
		fprintf(stderr, "%s\n", why);
		return 1;
	case DB_DUP:
		fprintf(stderr, "%s 已经开通过代办员账号。\n", argv[2]);
		return 1;
	default:
		return 1;
	}
}

/*
 * calendar-load [--unless-loaded] FILE (TIME-1): the days off and make-up
 * working days of FILE's years, replacing what those years held; with
 * --unless-loaded nothing happens when every year of the file is loaded
 * already (./run up, which must not undo an administrator's edits).
 */
/*
 * booking-plan DEPT WINDOW MINUTES CAPACITY TIMES [WEEKDAYS [CLOSED]]
 * [--day N CAPACITY TIMES]... (EXT-10): which slots of a window may be
 * booked online, on which days of the week ("12345"; every day when not
 * given) and which days it is closed; each --day gives weekday N (1
 * Monday) slots of its own (TIMES "": none); booking.h.  What
 * /admin/booking-plan does.
 */
static int
booking_plan_cmd(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char **argv)
{
	static const char *const names[] = { "一", "二", "三", "四", "五",
	    "六", "日" };
	struct book_plan p;
	struct booking	*out;
	const char	*why, *weekdays = "1234567";
	char		*end1, *end2;
	size_t		 nout, i;
	long		 minutes = strtol(argv[2], &end1, 10);
	long		 capacity = strtol(argv[3], &end2, 10);
	long		 cap;
	int		 a, d, npos = argc;

	if (cfg->site != SITE_INTRANET) {
		fputs("预约时段在内网设置，随网闸摆渡送往外网。\n", stderr);
		return 1;
	}
	if (*argv[2] == '\0' || *end1 != '\0' || *argv[3] == '\0' ||
	    *end2 != '\0' || minutes < 0 || minutes > 1000 || capacity < 0 ||
	    capacity > 1000) {
		fputs("MINUTES 和 CAPACITY 应为整数。\n", stderr);
		return 1;
	}
	for (a = 5; a < argc; a++)
		if (strcmp(argv[a], "--day") == 0) {
			npos = a;
			break;
		}
	if (npos > 7) {
		fputs("用法见 yiwang-admin 的说明：booking-plan 部门 窗口 分钟 "
		    "人数 时段 [星期 [不开放日期]] [--day 星期 人数 时段]…\n",
		    stderr);
		return 1;
	}
	memset(&p, 0, sizeof(p));
	p.dept = argv[0];
	p.code = argv[1];
	p.minutes = (int)minutes;
	if (npos > 5)
		weekdays = argv[5];
	p.closed = npos > 6 ? argv[6] : "";
	/* Every weekday named gets TIMES and CAPACITY; booking_plan_set()
	 * refuses what is not 1 … 7 by what is left. */
	for (d = 0; d < 7; d++) {
		p.day_times[d] = strchr(weekdays, '1' + d) != NULL ? argv[4] :
		    "";
		p.day_cap[d] = (int)capacity;
	}
	if (weekdays[strspn(weekdays, "1234567 ,")] != '\0') {
		fputs("星期应为 1（星期一）到 7（星期日）的数字，如 12345。\n",
		    stderr);
		return 1;
	}
	for (a = npos; a < argc; a += 4) {
		if (strcmp(argv[a], "--day") != 0 || a + 3 >= argc ||
		    strlen(argv[a + 1]) != 1 || argv[a + 1][0] < '1' ||
		    argv[a + 1][0] > '7' || *argv[a + 2] == '\0' ||
		    (cap = strtol(argv[a + 2], &end1, 10)) < 0 || cap > 1000 ||
		    *end1 != '\0') {
			fputs("--day 后应是星期（1 星期一 … 7 星期日）、每个时段"
			    "人数和这天的时段，如 --day 5 2 \"09:00 09:30\"；"
			    "这天不开放时段写 \"\"。\n", stderr);
			return 1;
		}
		d = argv[a + 1][0] - '1';
		p.day_times[d] = argv[a + 3];
		p.day_cap[d] = (int)cap;
	}
	switch (booking_plan_set(db, pool, &p, config_operator(pool), &why,
	    &out, &nout)) {
	case DB_OK:
		printf("窗口 %s/%s：每段 %ld 分钟；已排队送往外网。\n", argv[0],
		    argv[1], minutes);
		for (d = 0; d < 7; d++)
			if (*p.day_times[d] != '\0')
				printf("  星期%s：%s，每段 %d 人\n", names[d],
				    p.day_times[d], p.day_cap[d]);
		/* Kept, never dropped: the clerk tells these people. */
		for (i = 0; i < nout; i++)
			printf("不在新安排内的预约：%s %s %s %s（%s）\n",
			    out[i].day, out[i].slot, out[i].code,
			    out[i].name, out[i].item_name);
		return 0;
	case DB_NONE:
		fprintf(stderr, "%s\n", why);
		return 1;
	default:
		return 1;
	}
}

static int
calendar_load_cmd(const struct config *cfg, struct db *db, struct pool *pool,
    int unless_loaded, const char *path)
{
	struct calendar	 parsed, stored;
	FILE		*f;
	char		*text, *base;
	const char	*why;
	size_t		 n, i, missing = 0;

	if (cfg->site != SITE_INTRANET) {
		fputs("工作日历只在内网使用（期限都在内网计算）。\n", stderr);
		return 1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	text = pool_alloc(pool, CAL_FILE_MAX + 1);
	n = fread(text, 1, CAL_FILE_MAX + 1, f);
	fclose(f);
	if (n > CAL_FILE_MAX) {
		fprintf(stderr, "%s: 文件太大（一年的安排不过几十行）。\n", path);
		return 1;
	}
	text[n] = '\0';
	if (strlen(text) != n || cal_parse_text(pool, text, &parsed, &why) ==
	    -1) {
		fprintf(stderr, "%s: %s\n", path, strlen(text) != n ?
		    "不是文本文件。" : why);
		return 1;
	}
	if (calendar_get(db, pool, &stored) != DB_OK)
		return 1;
	for (i = 0; i < parsed.nyears; i++)
		missing += !cal_loaded(&stored, parsed.years[i]);
	if (unless_loaded && missing == 0) {
		printf("%s：其中的年份都已导入，未改动。\n", path);
		return 0;
	}
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : (char *)path;
	if (calendar_store(db, pool, &parsed, base, config_operator(pool)) !=
	    DB_OK)
		return 1;
	for (i = 0; i < parsed.nyears; i++)
		printf("已导入 %d 年的节假日安排（%s）\n", parsed.years[i],
		    base);
	return 0;
}

/*
 * tick (TIME-2, SUP-1; DESIGN "The clock"): every timed rule whose time
 * has come, at clock_now(): deadlines not yet set are set, a case whose
 * intake deadline passed without a decision is deemed accepted, a case
 * whose fee is unpaid past its last day is denied (FEE-2), every step
 * that turned red gets its warning, a delegation past its last day is
 * closed (INT-7), and the abnormal warnings (SUP-2) of the cases changed
 * since the last tick and of open cases past their promised deadline are
 * written, and the staff's SMS reminders composed (NTF-1, remind.h).  On
 * both sites: the SMS outbox is sent through the site's own gateway
 * (NTF-1, sms.h); on the extranet, agents' applications unconfirmed by
 * the resident's SMS end (AGT-1) and drafts untouched for 30 days are
 * deleted (EXT-1, draft.h).
 * Each rule is idempotent and safe
 * beside another tick, so a late or doubled tick does what one on time
 * does.  With --loop: again at the start of every minute, for ever (./run
 * keeps it running under yiwang-supervise); a database error ends it, and
 * the supervisor starts it again.
 */
static int
tick_sms(const struct config *cfg, struct db *db, struct pool *pool)
{
	int	 sent, retry, failed;

	/* Both sites: the SMS outbox (NTF-1), each due message tried,
	 * again later with back-off when the gateway does not take it. */
	if (sms_send_due(cfg, db, pool, &sent, &retry, &failed) != DB_OK)
		return 1;
	if (sent > 0 || retry > 0 || failed > 0)
		printf("tick %s：短信交网关 %d 条，稍后重试 %d 条，出错 %d 条\n",
		    cal_day_str(pool, cal_day_of(clock_now())), sent, retry,
		    failed);
	return 0;
}

/* The extranet's timed rules: its SMS outbox, agents' applications
 * unconfirmed, drafts past their days. */
static int
tick_ext(const struct config *cfg, struct db *db, struct pool *pool)
{
	uint64_t purged;
	int	 sent;

	if (tick_sms(cfg, db, pool) != 0)
		return 1;
	/* Agents' applications whose resident did not confirm by SMS in
	 * time end unsent (AGT-1). */
	if (agent_consent_expire(db, pool, &sent) != DB_OK)
		return 1;
	if (sent > 0)
		printf("tick %s：%d 件代办申请居民未在期限内短信确认，已作废\n",
		    cal_day_str(pool, cal_day_of(clock_now())), sent);
	/* Drafts untouched for DRAFT_DAYS go (EXT-1); their files with the
	 * next files-sweep. */
	if (draft_purge(db, &purged) != DB_OK)
		return 1;
	if (purged > 0)
		printf("tick %s：删除过期草稿 %llu 份\n", cal_day_str(pool,
		    cal_day_of(clock_now())), (unsigned long long)purged);
	return 0;
}

static int
tick_once(const struct config *cfg, struct db *db, struct pool *pool)
{
	struct calendar	 c;
	time_t		 now = clock_now();
	int		 filled = 0, deemed = 0, lapsed = 0, warned = 0, ended = 0;
	int		 checked = 0, abnormal = 0;
	int		 late = 0, halls = 0, agents = 0, recounted = -1;
	int		 rdue = 0, rlate = 0, projects = 0, plans = 0;
	char		*from, *to;

	if (cfg->site != SITE_INTRANET)
		return tick_ext(cfg, db, pool);
	if (calendar_get(db, pool, &c) != DB_OK ||
	    deadline_fill(db, pool, &c, 0, &filled) != DB_OK ||
	    case_deem_due(db, pool, &c, cal_day_of(now), &deemed) != DB_OK ||
	    case_fee_lapse_due(db, pool, &c, cal_day_of(now), &lapsed) !=
	    DB_OK ||
	    deadline_warn(db, pool, &c, cal_day_of(now), now, &warned) !=
	    DB_OK || delegation_expire(db, pool, cal_day_of(now), &ended) !=
	    DB_OK || anomaly_tick(db, pool, 0, &checked, &abnormal) != DB_OK)
		return 1;
	/* Publication (PUB-1, AGT-2): results past their 5 days still
	 * here; the halls' numbers of the day and the agent points', sent
	 * when they changed. */
	if (pub_late_check(db, pool, cal_day_str(pool, cal_day_of(now)),
	    &late) != DB_OK || pub_hall_send(db, pool, &halls) != DB_OK ||
	    pub_agents_send(db, pool, &agents) != DB_OK)
		return 1;
	/* 全程代理 (INT-14): each project's progress, when it changed. */
	if (agency_send_all(db, pool, &projects) != DB_OK)
		return 1;
	/* The bookable working days of each window (EXT-10), sent when
	 * they changed: a new day, a calendar change. */
	if (booking_plan_send(db, pool, &plans) != DB_OK)
		return 1;
	/* The figures of the days a calendar change touched (SUP-4, 146),
	 * once the open deadlines have followed it. */
	if (perf_calendar_follow(db, pool, &recounted, &from, &to) != DB_OK)
		return 1;
	/* Reminders to the staff (NTF-1): composed here, sent below
	 * through the intranet's own gateway. */
	if (remind_tick(cfg, db, pool, &c, now, &rdue, &rlate) != DB_OK ||
	    tick_sms(cfg, db, pool) != 0)
		return 1;
	if (rdue > 0 || rlate > 0)
		printf("tick %s：短信提醒 即将到期 %d 条，已超期 %d 条\n",
		    cal_day_str(pool, cal_day_of(now)), rdue, rlate);
	if (recounted >= 0)
		printf("tick %s：工作日历 %s 至 %s 有变动，重算了 %d 个办结日的"
		    "绩效汇总\n", cal_day_str(pool, cal_day_of(now)), from, to,
		    recounted);
	if (plans > 0)
		printf("tick %s：%d 个窗口的可预约日期有变，已排队送往外网\n",
		    cal_day_str(pool, cal_day_of(now)), plans);
	if (late > 0)
		printf("tick %s：%d 件办结结果超过 5 日仍未公示（数据还在内网，"
		    "请摆渡）\n", cal_day_str(pool, cal_day_of(now)), late);
	if (filled > 0 || deemed > 0 || lapsed > 0 || warned > 0 ||
	    ended > 0 || abnormal > 0)
		printf("tick %s：补算期限 %d 处，逾期视为受理 %d 件，逾期未缴费"
		    "不予许可 %d 件，超期警告 %d 条，到期结束的委托 %d 项，"
		    "异常预警 %d 条\n", cal_day_str(pool, cal_day_of(now)),
		    filled, deemed, lapsed, warned, ended, abnormal);
	return 0;
}

/*
 * anomaly-check [--all] (SUP-2): the abnormal warnings of the cases
 * changed since the tick last looked (and open cases past their promised
 * deadline), or of every case; what it wrote is in the ledger.
 */
static int
anomaly_check(const struct config *cfg, struct db *db, struct pool *pool,
    int all)
{
	int	 checked = 0, written = 0;

	if (cfg->site != SITE_INTRANET) {
		fputs("异常预警只在内网检查。\n", stderr);
		return 1;
	}
	if (anomaly_tick(db, pool, all, &checked, &written) != DB_OK)
		return 1;
	printf("检查办件 %d 件，新的异常预警 %d 条\n", checked, written);
	return 0;
}

static int
tick(const struct config *cfg, struct db *db, struct pool *pool, int loop)
{
	int	 rc;

	for (;;) {
		/* A loop follows the test stack's clock file, unless --now
		 * set the clock for good. */
		if (loop && cfg->clock_settable && !now_given) {
			clock_from_file(cfg->clock_file);
			db_clock(db, clock_fixed());
		}
		rc = tick_once(cfg, db, pool);
		fflush(stdout);
		if (!loop || rc != 0)
			return rc;
		pool_reset(pool);
		sleep((unsigned)(60 - time(NULL) % 60));
	}
}

/* A date argument: "YYYY-MM-DD", or "today" (Beijing, by clock_now()). */
static int
day_arg(const char *s, cal_day *d)
{
	if (strcmp(s, "today") == 0) {
		*d = cal_day_of(clock_now());
		return 0;
	}
	return cal_day_parse(s, d);
}

/*
 * workdays add DATE N: the N-th working day after DATE; workdays between
 * DATE1 DATE2: the working days after DATE1 up to DATE2.  A year not
 * loaded is counted by weekends only, and said so on stderr (exit 0: the
 * answer is still the one a page would give).
 */
static int
workdays_cmd(const struct config *cfg, struct db *db, struct pool *pool,
    const char *op, const char *a, const char *b)
{
	struct calendar	 c;
	cal_day		 d1, d2;
	char		*end;
	long		 n = 0;
	int		 unknown = 0;

	if (cfg->site != SITE_INTRANET) {
		fputs("工作日历只在内网使用（期限都在内网计算）。\n", stderr);
		return 1;
	}
	if (day_arg(a, &d1) == -1 || (strcmp(op, "add") == 0 ?
	    (n = strtol(b, &end, 10), *b == '\0' || *end != '\0' || n < 0 ||
	    n > 1000) : day_arg(b, &d2) == -1)) {
		fputs("用法：workdays add 日期 N（0—1000），或 workdays between "
		    "日期 日期；日期为 YYYY-MM-DD 或 today。\n", stderr);
		return 64;
	}
	if (calendar_get(db, pool, &c) != DB_OK)
		return 1;
	if (strcmp(op, "add") == 0)
		printf("%s\n", cal_day_str(pool, cal_add(&c, d1, (int)n,
		    &unknown)));
	else
		printf("%d\n", cal_between(&c, d1, d2, &unknown));
	if (unknown != 0)
		fprintf(stderr, "%d 年节假日安排尚未导入：该年只按周末计算。\n",
		    unknown);
	return 0;
}

static int
cert_list(struct db *db, struct pool *pool)
{
	struct staffcert	*v;
	size_t			 n, i;

	if (staffcert_list(db, pool, 0, &v, &n) != DB_OK)
		return 1;
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s\t%s\n", v[i].login, v[i].name,
		    v[i].serial, v[i].not_after, v[i].sha256);
	return 0;
}

/*
 * Put the blank forms and samples that obj's materials name into the file
 * store, from the forms/ folder beside the item's folder (db/demo/items
 * → db/demo/forms) or inside it, recording their hashes in obj.  Each is
 * vetted as an upload is (SEC-4: a PDF by its content, without active
 * content, scanned by this site's clamd) and stored as an upload is,
 * held by its claim in puts[0..*n) (two for each material at most).  0,
 * or -1 with the reason on stderr.
 */
static int
item_forms(const struct config *cfg, struct pool *pool, json_t *obj,
    const char *item_path, struct files_put *puts, size_t *n)
{
	struct files_rule	 rule;
	struct files_put	*p;
	json_t			*mats, *m;
	size_t			 i, k;
	const char		*name, *dir, *mime, *detail, *keys[2][2] = {
				    { "form", "form_sha" },
				    { "sample", "sample_sha" } };
	char			*path;
	enum files_vet		 v;
	FILE			*f;

	rule.types = files_pdf;
	rule.size = -1;
	rule.max = cfg->max_upload;
	rule.scanner = cfg->clamd_socket;
	rule.scan_timeout = (int)cfg->clamd_timeout;
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
				fprintf(stderr, "%s：表格名「%s」不是文件名（不能"
				    "含有 /），没有载入。\n", item_path, name);
				return -1;
			}
			path = pool_printf(pool, "%s/../forms/%s", dir, name);
			if ((f = fopen(path, "rb")) == NULL) {
				path = pool_printf(pool, "%s/forms/%s", dir,
				    name);
				f = fopen(path, "rb");
			}
			if (f == NULL) {
				fprintf(stderr, "%s：找不到表格「%s」（应在 forms/"
				    " 目录中），没有载入。\n", item_path, name);
				return -1;
			}
			v = files_vet(f, &rule, pool, &mime, &detail);
			if (v == FILES_UNSCANNED) {
				fclose(f);
				fprintf(stderr, "%s：暂时无法进行病毒检查（%s），"
				    "没有载入。请启动本站的病毒扫描服务 clamd（"
				    "yiwang-admin scan-check 可以检查）后再载入。"
				    "\n", path, detail ? detail : "");
				return -1;
			}
			if (v != FILES_OK) {
				fclose(f);
				fprintf(stderr, "%s：%s%s，没有载入。请换成合格的"
				    " PDF 文件（不含脚本、可提交的表单和附件）后再"
				    "载入。\n", path,
				    files_vet_why(v), v == FILES_TYPE && mime ?
				    pool_printf(pool, "（实为 %s）", mime) :
				    v == FILES_VIRUS && detail ? pool_printf(
				    pool, "（%s）", detail) : "");
				return -1;
			}
			p = &puts[(*n)++];
			if (files_init(cfg->files_dir) == -1 ||
			    files_put(cfg->files_dir, f, p, pool) == -1) {
				fclose(f);
				fprintf(stderr, "%s：无法存入附件目录 %s（见日志），"
				    "没有载入。\n", path, cfg->files_dir);
				return -1;
			}
			fclose(f);
			json_object_set_new(m, keys[k][1],
			    json_string(p->sha256));
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

/*
 * item-load, and each item of the demo: its forms into the store, then
 * the item as a new draft; the forms' claims dropped once its row has
 * committed, or the forms taken back when it has not.  Returns the
 * version, or -1.
 */
static int
item_load(const struct config *cfg, struct db *db, struct pool *pool,
    json_t *obj, const char *path)
{
	struct files_put	*puts;
	struct app_files	 named = { db, pool };
	size_t			 n = 0;
	int			 v;

	puts = pool_alloc(pool, (2 * json_array_size(json_object_get(obj,
	    "materials")) + 1) * sizeof(*puts));
	v = item_forms(cfg, pool, obj, path, puts, &n) == -1 ? -1 :
	    item_store(db, pool, obj);
	files_settle(cfg->files_dir, puts, n, v >= 0, app_files_named, &named,
	    pool);
	return v;
}

static int
publish(struct db *db, struct pool *pool, const char *code, int version)
{
	const char	*why;

	switch (catalog_publish(db, pool, code, version,
	    config_operator(pool), &why)) {
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

/* The demo staff member `login` of demo.json (root) as a user with
 * roles, of their department; -1 when there is none. */
static int
demo_user(json_t *root, const char *login, unsigned roles, struct user *u)
{
	json_t		*e, *d;
	size_t		 i, j;
	const char	*dept;

	memset(u, 0, sizeof(*u));
	if (login == NULL)
		return -1;
	json_array_foreach(json_object_get(root, "staff"), i, e) {
		if (json_string_value(json_object_get(e, "login")) == NULL ||
		    strcmp(json_string_value(json_object_get(e, "login")),
		    login) != 0)
			continue;
		dept = json_string_value(json_object_get(e, "dept"));
		u->login = login;
		u->name = json_string_value(json_object_get(e, "name"));
		u->roles = roles;
		u->dept_code = dept;
		json_array_foreach(json_object_get(root, "departments"), j, d)
			if (dept != NULL && json_string_value(json_object_get(d,
			    "code")) != NULL && strcmp(dept, json_string_value(
			    json_object_get(d, "code"))) == 0)
				u->dept_name = json_string_value(
				    json_object_get(d, "name"));
		return u->name != NULL && u->dept_name != NULL ? 0 : -1;
	}
	return -1;
}

/*
 * The demo's policy and law texts (CAT-5) from DIR/policies.json, each
 * written by a member of its department's staff and published by its
 * leader, as on /pub: they cross to the extranet with the next bundle
 * and the guides of the items they name link to them.
 */
static int
demo_policies(struct db *db, struct pool *pool, json_t *root,
    const char *dir)
{
	json_t		*doc, *e, *it;
	json_error_t	 jerr;
	struct user	 w, r;
	const char	*why = NULL;
	char		*path, *items;
	size_t		 i, j;
	int64_t		 id;
	int		 ret = 0;

	path = pool_printf(pool, "%s/policies.json", dir);
	if ((doc = json_load_file(path, 0, &jerr)) == NULL) {
		fprintf(stderr, "%s:%d: %s\n", path, jerr.line, jerr.text);
		return -1;
	}
	json_array_foreach(json_object_get(doc, "policies"), i, e) {
		items = "";
		json_array_foreach(json_object_get(e, "items"), j, it)
			items = pool_printf(pool, "%s%s\n", items,
			    json_string_value(it));
		id = 0;
		if (demo_user(root, json_string_value(json_object_get(e,
		    "writer")), 0, &w) != 0 || demo_user(root,
		    json_string_value(json_object_get(e, "reviewer")),
		    ROLE_LEADER, &r) != 0 ||
		    pub_news_save(db, pool, &w, &id, "policy",
		    json_string_value(json_object_get(e, "title")),
		    json_string_value(json_object_get(e, "body")), items,
		    &why) != DB_OK ||
		    pub_news_move(db, pool, &w, id, "submit", NULL, &why) !=
		    DB_OK ||
		    pub_news_move(db, pool, &r, id, "publish", NULL, &why) !=
		    DB_OK) {
			fprintf(stderr, "%s: policy %zu: %s\n", path, i + 1,
			    why != NULL ? why : "not stored");
			ret = -1;
			break;
		}
	}
	json_decref(doc);
	return ret;
}

/* One life event of demo.json (EXT-12), published: 0, or -1. */
static int
demo_event(struct db *db, struct pool *pool, json_t *e)
{
	json_t		*items = json_object_get(e, "items"), *v;
	const char	*code = json_string_value(json_object_get(e, "code"));
	const char	*why = NULL;
	char		**codes;
	size_t		 i;
	int		 version;

	codes = pool_alloc(pool, (json_array_size(items) + 1) *
	    sizeof(*codes));
	json_array_foreach(items, i, v)
		codes[i] = (char *)json_string_value(v);
	if (code == NULL || event_save(db, pool, code, json_string_value(
	    json_object_get(e, "name")), json_string_value(json_object_get(e,
	    "intro")), codes, json_array_size(items), json_string_value(
	    json_object_get(e, "drafted_by")), &version, &why) != DB_OK ||
	    event_publish(db, pool, code, version, json_string_value(
	    json_object_get(e, "published_by")), &why) != DB_OK) {
		fprintf(stderr, "demo: life event %s: %s\n", code ? code : "?",
		    why ? why : "database error");
		return -1;
	}
	return 0;
}

/*
 * The demo county: departments, staff and items from DIR/demo.json, and
 * the policy texts of DIR/policies.json.  Loaded once; a second run says
 * so and changes nothing.
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
	if (org_load_demo(db, pool, config_operator(pool), root) != DB_OK)
		goto fail;
	arr = json_object_get(root, "staff");
	json_array_foreach(arr, i, e)
		if (user_add(db, json_string_value(json_object_get(e, "login")),
		    json_string_value(json_object_get(e, "name")),
		    json_string_value(json_object_get(e, "dept")),
		    json_string_value(json_object_get(e, "roles")),
		    json_string_value(json_object_get(e, "password")), 0) != 0)
			goto fail;
	arr = json_object_get(root, "items");
	json_array_foreach(arr, i, e) {
		path = pool_printf(pool, "%s/%s", dir, json_string_value(e));
		if ((item = json_load_file(path, 0, &jerr)) == NULL) {
			fprintf(stderr, "%s:%d: %s\n", path, jerr.line,
			    jerr.text);
			goto fail;
		}
		v = item_load(cfg, db, pool, item, path);
		if (v < 0 || publish(db, pool, json_string_value(
		    json_object_get(item, "code")), v) != 0) {
			json_decref(item);
			goto fail;
		}
		json_decref(item);
	}
	/* The licences the items issue (DOC-2). */
	arr = json_object_get(root, "licences");
	json_array_foreach(arr, i, e)
		if (licence_tpl_put(db, json_string_value(json_object_get(e,
		    "item")), json_string_value(json_object_get(e, "name")),
		    json_string_value(json_object_get(e, "word")),
		    (int)json_integer_value(json_object_get(e, "years"))) !=
		    DB_OK)
			goto fail;
	if (demo_policies(db, pool, root, dir) != 0)
		goto fail;
	/* 一件事一次办 (EXT-12): drafted by one person, published by
	 * another, as on /catalog/events. */
	arr = json_object_get(root, "life_events");
	json_array_foreach(arr, i, e)
		if (demo_event(db, pool, e) != 0)
			goto fail;
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	return 1;
}

/* Sign the heads of every chain now (cron, daily). */
static int
anchor(const struct config *cfg, struct db *db, struct pool *pool)
{
	struct anchor	 a;
	EVP_PKEY	*key;
	enum db_rc	 rc;
	const char	*path = config_key(cfg, cfg->gap_suite, KEY_SIGN);

	/* the key of the suite the site writes (GAP-7) */
	if (path == NULL || (key = crypto_load_key(path, 1,
	    keyring_sign_type(cfg->gap_suite))) == NULL) {
		fprintf(stderr, "读不出本站签名私钥 %s（%s；权限须为 600）。\n",
		    path ? path : "（未配置）",
		    config_key_name(cfg->gap_suite, KEY_SIGN));
		return 1;
	}
	rc = anchor_make(cfg, db, pool, key, &a);
	EVP_PKEY_free(key);
	if (rc != DB_OK) {
		fputs("没有写出锚点（原因见上）。\n", stderr);
		return 1;
	}
	printf("已写出锚点：%s\n", a.body);
	return 0;
}

/* gap-key-rotate [--overlap DAYS] (keyring.h). */
static int
gap_key_rotate(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char *argv[])
{
	size_t	days = cfg->gap_key_overlap_days;
	char	*end;

	if (argc == 3 && strcmp(argv[1], "--overlap") == 0) {
		days = strtoul(argv[2], &end, 10);
		if (*end != '\0' || end == argv[2] || days > 3650) {
			fputs("--overlap 应为 0 到 3650 天。\n", stderr);
			return 64;
		}
	} else if (argc != 1)
		usage();
	return keyring_rotate(cfg, db, pool, config_operator(pool), days);
}

/* gap-key-peer [--until TIME] SIGN.pub ENC.pub (keyring.h). */
static int
gap_key_peer(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char *argv[])
{
	struct tm	 tm;
	int64_t		 until;
	int		 i = 1;

	until = (int64_t)clock_now() + (int64_t)cfg->gap_key_overlap_days *
	    86400;
	if (argc == 5 && strcmp(argv[1], "--until") == 0) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(argv[2], "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL) {
			fputs("--until 应为 YYYY-MM-DDTHH:MM:SSZ（UTC），即 "
			    "gap-key-rotate 打印的时间。\n", stderr);
			return 64;
		}
		until = (int64_t)timegm(&tm);
		i = 3;
	} else if (argc != 3)
		usage();
	return keyring_peer(cfg, db, pool, config_operator(pool), argv[i],
	    argv[i + 1], until);
}

/* `anchors [peer]`: lines that `audit-verify -a` reads on that site. */
static int
anchors(const struct config *cfg, struct db *db, struct pool *pool,
    int peer)
{
	struct anchor	*v = NULL;
	char		**bad = NULL;
	size_t		 n = 0, nbad = 0, i;
	const char	*site = config_site_name(cfg->site);

	if (peer)
		site = cfg->site == SITE_INTRANET ? "extranet" : "intranet";
	if (anchor_list(db, pool, site, &v, &n, &bad, &nbad) != DB_OK)
		return 1;
	for (i = 0; i < n; i++)
		printf("%s\t%s\n", v[i].body, v[i].sig);
	for (i = 0; i < nbad; i++)
		fprintf(stderr, "%s\n", bad[i]);
	return nbad > 0;
}

static int
body_cmp(const void *a, const void *b)
{
	return strcmp(((const struct anchor *)a)->body,
	    ((const struct anchor *)b)->body);
}

/*
 * Add the public keys of the PEM file path (one or more blocks) to v (of
 * *n, from pool); v unchanged when there is no such file.
 */
static EVP_PKEY **
sign_pubs(struct pool *pool, const char *path, EVP_PKEY **v, size_t *n)
{
	EVP_PKEY	**nv, *k;
	FILE		 *f;

	if ((f = fopen(path, "re")) == NULL)
		return v;
	while ((k = PEM_read_PUBKEY(f, NULL, NULL, NULL)) != NULL) {
		nv = pool_alloc(pool, (*n + 1) * sizeof(*nv));
		if (*n > 0)
			memcpy(nv, v, *n * sizeof(*nv));
		nv[(*n)++] = k;
		v = nv;
	}
	fclose(f);
	return v;
}

/*
 * audit-verify: every chain recomputed and checked against every anchor
 * of this site that can be found (the anchor file, the table, and files
 * given with -a, e.g. `anchors peer` of the other site).  Exit 0 when all
 * holds, 1 when anything does not, 2 when it could not be checked.
 */
static int
audit_verify(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char *argv[])
{
	struct anchor		*v = NULL, *good;
	struct chain_head	*heads;
	struct chain_walk	 w;
	EVP_PKEY		**pubs = NULL;
	char			**bad = NULL;
	const char		*sk;
	size_t			 npubs = 0, j;
	unsigned		 su;
	const char		*site = config_site_name(cfg->site);
	size_t			 n = 0, nbad = 0, ngood = 0, nheads, i, k;
	int			 c, problems = 0;

	optind = 1;
	while ((c = getopt(argc, argv, "+a:")) != -1) {
		if (c != 'a')
			usage();
		if (access(optarg, R_OK) == -1 || anchor_file_read(pool, optarg,
		    &v, &n, &bad, &nbad) == -1) {
			fprintf(stderr, "读不出锚点文件 %s。\n", optarg);
			return 2;
		}
	}
	if (optind != argc)
		usage();
	if (cfg->anchor_file != NULL && anchor_file_read(pool,
	    cfg->anchor_file, &v, &n, &bad, &nbad) == -1) {
		fprintf(stderr, "读不出锚点文件 %s。\n", cfg->anchor_file);
		return 2;
	}
	if (anchor_list(db, pool, site, &v, &n, &bad, &nbad) != DB_OK)
		return 2;
	/* Anchors signed by every signing key this site has had that is
	 * still at hand: each suite's, current and before the last rotation
	 * (GAP-7). */
	for (su = CONFIG_SUITE_INTL; su <= CONFIG_SUITE_SM; su <<= 1) {
		if ((sk = config_key(cfg, su, KEY_SIGN)) == NULL)
			continue;
		pubs = sign_pubs(pool, pool_printf(pool, "%s.pub", sk), pubs,
		    &npubs);
		pubs = sign_pubs(pool, pool_printf(pool, "%s.old.pub", sk),
		    pubs, &npubs);
	}
	if (npubs == 0) {
		fprintf(stderr, "读不出本站公钥 %s.pub。\n",
		    config_key(cfg, cfg->gap_suite, KEY_SIGN));
		return 2;
	}
	/* The same anchor is in the file and the table: once each. */
	qsort(v, n, sizeof(*v), body_cmp);
	good = pool_alloc(pool, (n ? n : 1) * sizeof(*good));
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i].body, v[i - 1].body) == 0)
			continue;
		if (strcmp(v[i].site, site) != 0)
			continue;	/* the other site's, in a file */
		for (j = 0; j < npubs; j++)
			if (anchor_sig_ok(pubs[j], &v[i]) == 0)
				break;
		if (j == npubs) {
			printf("锚点（%s）的签名不对：它是伪造的，或被改过。\n",
			    v[i].at);
			problems++;
			continue;
		}
		good[ngood++] = v[i];
	}
	for (j = 0; j < npubs; j++)
		EVP_PKEY_free(pubs[j]);
	for (i = 0; i < nbad; i++) {
		printf("%s\n", bad[i]);
		problems++;
	}
	/* Each anchor holds at most one head of each chain. */
	heads = pool_alloc(pool, (ngood ? ngood : 1) * sizeof(*heads));
	for (c = 0; c < CHAIN_COUNT; c++) {
		for (nheads = 0, i = 0; i < ngood; i++)
			for (k = 0; k < good[i].nheads; k++)
				if (strcmp(good[i].heads[k].chain,
				    chain_name(c)) == 0)
					heads[nheads++] = good[i].heads[k];
		chain_sort_heads(heads, nheads);
		if (chain_verify(db, pool, c, heads, nheads, &w) != DB_OK) {
			fprintf(stderr, "%s：无法校验（原因见上）。\n",
			    chain_name(c));
			return 2;
		}
		for (i = 0; i < w.nproblems; i++)
			printf("%s\n", w.problems[i]);
		problems += (int)w.nproblems;
		/* The audit stripes no writer has used yet go unsaid. */
		if (w.nproblems == 0 && (w.rows > 0 || c <= CHAIN_AUDIT ||
		    c > CHAIN_AUDIT_7))
			printf("%s：%lld 行（到第 %lld 号）完好，对照了 %zu 个锚点。"
			    "\n", chain_name(c), (long long)w.rows,
			    (long long)w.last_id, nheads);
	}
	if (ngood == 0)
		printf("还没有锚点：最新的行被删除将无法发现。请运行 yiwang-admin "
		    "anchor（每天一次，见 conf/yiwang.cron.in）。\n");
	if (problems > 0) {
		printf("审计链校验未通过：%d 处问题。请报告安全管理员，并保留"
		    "数据库与锚点文件的现状。\n", problems);
		return 1;
	}
	return 0;
}

/* One audit row of the operator's, in a transaction of its own. */
static void
audited(struct db *db, struct pool *pool, const char *action,
    const char *object, json_t *detail)
{
	if (db_begin(db) != DB_OK)
		return;
	if (audit_json(db, pool, config_operator(pool), action, object,
	    detail) == DB_OK)
		db_commit(db);
	else
		db_rollback(db);
}

/*
 * sup-export --since WATERMARK [--out FILE] (XCH-1, docs/exchange.md):
 * the JSON lines on stdout, or in FILE; the new watermark on stdout when
 * FILE is given (else on stderr).
 */
static int
sup_export(struct db *db, struct pool *pool, int argc, char *argv[])
{
	struct xch_export_stats	 st;
	const char		*since = NULL, *path = NULL, *why = NULL;
	char			*tmp = NULL;
	FILE			*out = stdout;
	enum db_rc		 rc;
	int			 i;

	for (i = 1; i + 1 < argc; i += 2)
		if (strcmp(argv[i], "--since") == 0)
			since = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			path = argv[i + 1];
		else
			break;
	if (i != argc || since == NULL) {
		fputs("用法：yiwang-admin sup-export --since 水位 [--out 文件]"
		    "（第一次用 --since 0）\n", stderr);
		return 64;
	}
	/* Written beside FILE, renamed when whole. */
	if (path != NULL) {
		tmp = pool_printf(pool, "%s.part", path);
		if ((out = fopen(tmp, "w")) == NULL) {
			fprintf(stderr, "%s：无法写入。\n", tmp);
			return 1;
		}
	}
	rc = xch_export(db, pool, since, clock_now(), out, &st, &why);
	if (path != NULL && (fclose(out) != 0 || (rc == DB_OK &&
	    rename(tmp, path) != 0)))
		rc = DB_ERR;
	if (rc != DB_OK) {
		if (tmp != NULL)
			unlink(tmp);
		fprintf(stderr, "%s\n", rc == DB_NONE ? why :
		    "导出没有完成（见日志）。");
		return rc == DB_NONE ? 64 : 1;
	}
	audited(db, pool, "exchange.export", path ? path : "-",
	    json_pack("{s:s, s:s, s:I, s:I, s:I}", "since", since,
	    "watermark", st.watermark, "cases", (json_int_t)st.cases,
	    "events", (json_int_t)st.events, "warnings",
	    (json_int_t)st.warnings));
	fprintf(stderr, "导出办件 %ld 件、办理记录 %ld 条、超期预警 %ld 条。"
	    "下次从水位 %s 导出。\n", st.cases, st.events, st.warnings,
	    st.watermark);
	if (path != NULL)
		printf("%s\n", st.watermark);
	return 0;
}

/* case-import FILE.jsonl (XCH-1): exit 0 all stored (or stored before),
 * 2 when some lines were refused (each reported), 1 on failure. */
static int
case_import(struct db *db, struct pool *pool, const char *path)
{
	struct xch_import_stats	 st;
	FILE			*in;
	enum db_rc		 rc;

	if ((in = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s：无法读取。\n", path);
		return 1;
	}
	rc = xch_import(db, pool, in, path, config_operator(pool),
	    clock_now(), stdout, &st);
	fclose(in);
	if (rc != DB_OK) {
		fputs("导入中断（见日志）；已导入的行已保存，再次导入同一文件"
		    "不会重复。\n", stderr);
		return 1;
	}
	printf("共 %ld 行：导入 %ld 件，此前已导入 %ld 件，拒绝 %ld 行。\n",
	    st.lines, st.stored, st.again, st.refused);
	return st.refused > 0 ? 2 : 0;
}

/*
 * demo-history --cases N [--years Y] [--seed S] | --remove | --verify
 * (history.h): the generated history of issue #8's benchmarks.
 */
static int
demo_history(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char *argv[])
{
	struct history_opts	 o = { 0, 3, 0, 1, NULL };
	struct history_stats	 st;
	struct timespec		 t0, t1;
	double			 secs;
	long			 removed, problems;
	char			*end;
	int			 i, remove = 0, verify = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--remove") == 0)
			remove = 1;
		else if (strcmp(argv[i], "--verify") == 0)
			verify = 1;
		else if (i + 1 < argc && (strcmp(argv[i], "--cases") == 0 ||
		    strcmp(argv[i], "--years") == 0 ||
		    strcmp(argv[i], "--before") == 0 ||
		    strcmp(argv[i], "--seed") == 0)) {
			long v = strtol(argv[i + 1], &end, 10);
			if (*end != '\0' || v < 1) {
				fprintf(stderr, "%s 后应是正整数。\n", argv[i]);
				return 64;
			}
			if (argv[i][2] == 'c')
				o.cases = v;
			else if (argv[i][2] == 'y')
				o.years = (int)v;
			else if (argv[i][2] == 'b')
				o.before = (int)v;
			else
				o.seed = (uint64_t)v;
			i++;
		} else {
			fprintf(stderr, "不认识的参数：%s\n", argv[i]);
			return 64;
		}
	}
	if (remove + verify + (o.cases > 0) != 1 ||
	    o.cases > HISTORY_MAX_CASES || o.years > HISTORY_MAX_YEARS ||
	    o.before > 3650) {
		fprintf(stderr, "用法：yiwang-admin demo-history --cases N "
		    "[--years Y] [--before DAYS] [--seed S]\n"
		    "      （N 至多 %ld，Y 至多 %d，DAYS 至多 3650）\n"
		    "      yiwang-admin demo-history --remove | --verify\n",
		    HISTORY_MAX_CASES, HISTORY_MAX_YEARS);
		return 64;
	}
	if (verify) {
		if ((problems = history_verify(db, pool, stdout)) < 0)
			return 1;
		if (problems > 0) {
			printf("生成的办件有 %ld 处不一致。\n", problems);
			return 1;
		}
		printf("生成的办件一致。\n");
		return 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (remove) {
		if (history_remove(db, pool, cfg->files_dir, &removed,
		    stdout) != DB_OK)
			return 1;
		audited(db, pool, "history.remove", "demo-history",
		    json_pack("{s:I}", "cases", (json_int_t)removed));
		printf("已删除生成的办件 %ld 件及其全部记录。\n", removed);
		return 0;
	}
	o.files_dir = cfg->files_dir;
	if (history_generate(db, pool, &o, &st, stdout) != DB_OK)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	audited(db, pool, "history.generate", "demo-history",
	    json_pack("{s:I, s:i, s:i, s:I}", "cases", (json_int_t)st.cases,
	    "years", o.years, "before", o.before, "seed", (json_int_t)o.seed));
	printf("生成办件 %ld 件（其中在办 %ld 件），办理记录 %ld 条，签署意见 "
	    "%ld 条，文书 %ld 份，附件 %ld 个，催办 %ld 次，待办环节 %ld 个，"
	    "超期预警 %ld 条；用时 %.1f 秒，每秒 %.0f 件。\n", st.cases, st.open,
	    st.events, st.opinions, st.documents, st.attachments, st.urges,
	    st.tasks, st.warnings, secs, secs > 0 ?
	    (double)st.cases / secs : 0);
	return 0;
}

/* --now TIME (clock.h): only where the site's config allows it. */
static int
set_now(const struct config *cfg, const char *s)
{
	time_t	 t;

	if (!cfg->clock_settable) {
		fputs("--now 只用于测试：本站配置不允许设置时钟"
		    "（clock_settable = 0）。\n", stderr);
		return -1;
	}
	if (clock_parse(s, &t) == -1) {
		fputs("--now 的时间应为北京时间 YYYY-MM-DD 或 "
		    "\"YYYY-MM-DD HH:MM[:SS]\"。\n", stderr);
		return -1;
	}
	clock_set(t);
	now_given = 1;
	return 0;
}

/*
 * dash-rebuild [--check]: the summary of open cases (SUP-3, db/110) counted
 * again from kase, or (check) compared with a recount.  0, or 1.
 */
static int
dash_rebuild(struct db *db, struct pool *pool, int check)
{
	int64_t	 n;
	int	 same;

	if (check) {
		if ((same = sup_check(db, pool)) == -1)
			return 1;
		puts(same ? "监察汇总与办件一致。" : "监察汇总与办件不一致，"
		    "请运行 dash-rebuild 重算。");
		return same ? 0 : 1;
	}
	if (sup_rebuild(db, pool, &n) != DB_OK) {
		fputs("重算监察汇总时出错，汇总没有改动。\n", stderr);
		return 1;
	}
	printf("监察汇总已重算：在办件 %lld 件。\n", (long long)n);
	return 0;
}

/* perf-rebuild [--check]: the summaries of SUP-4 and SUP-6 from
 * scratch, or (check) compared with a recount.  0, or 1. */
static int
perf_rebuild_cmd(struct db *db, struct pool *pool, int check)
{
	int64_t	 rows, d[4];

	if (check) {
		if (perf_check(db, pool, d) != DB_OK) {
			fputs("核对绩效汇总时出错（见日志）。\n", stderr);
			return 1;
		}
		if (d[0] + d[1] + d[2] + d[3] == 0) {
			puts("绩效汇总与重算一致：0 处不同。");
			return 0;
		}
		printf("绩效汇总与重算不一致：按日 %lld 行、按月 %lld 行、按人 "
		    "%lld 行、红灯 %lld 行不同，请运行 perf-rebuild 重算。\n",
		    (long long)d[0], (long long)d[1], (long long)d[2],
		    (long long)d[3]);
		return 1;
	}
	if (perf_rebuild(db, pool, &rows) != DB_OK) {
		fprintf(stderr, "yiwang-admin: perf-rebuild failed (see the "
		    "log)\n");
		return 1;
	}
	printf("performance summaries rebuilt: %lld rows\n", (long long)rows);
	return 0;
}

/*
 * seal-key DEPT [--rotate] | --each | --revoke KID --why TEXT | --list |
 * --export DIR (docseal.h; intranet but --list and --export).  A new key
 * is of the suite the site writes: SM2 with SM3 under sm, else Ed25519.
 */
static int
seal_key_cmd(const struct config *cfg, struct db *db, struct pool *pool,
    int argc, char *argv[])
{
	struct seal_key	*v;
	const char	*alg = cfg->gap_suite == CONFIG_SUITE_SM ? "sm2" :
	    "ed25519";
	char		 kid[KEY_ID_LEN + 1], msg[1024], path[4096];
	size_t		 i, n;
	enum db_rc	 rc;
	FILE		*f;

	msg[0] = '\0';
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		if (docseal_key_list(db, pool, &v, &n) != DB_OK)
			return 1;
		for (i = 0; i < n; i++)
			printf("%s\t%s\t%s\t%s\t生成 %s%s%s%s%s%s\n", v[i].kid,
			    v[i].dept_code, v[i].dept_name, v[i].alg,
			    v[i].created_at, v[i].retired_at ? "\t停用 " : "",
			    v[i].retired_at ? v[i].retired_at : "",
			    v[i].revoked_at ? "\t吊销 " : "",
			    v[i].revoked_at ? v[i].revoked_at : "",
			    v[i].revoked_at ? pool_printf(pool, "（%s）",
			    v[i].revoke_why) : "");
		if (n == 0)
			puts("还没有印章密钥。");
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--export") == 0) {
		if (docseal_key_list(db, pool, &v, &n) != DB_OK)
			return 1;
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s_%s.pub", argv[2],
			    v[i].dept_code, v[i].kid);
			if ((f = fopen(path, "w")) == NULL ||
			    fputs(v[i].pub, f) == EOF || fclose(f) != 0) {
				fprintf(stderr, "无法写入 %s：%s\n", path,
				    strerror(errno));
				return 1;
			}
			if (v[i].revoked_at == NULL)
				continue;
			snprintf(path, sizeof(path), "%s/%s_%s.revoked",
			    argv[2], v[i].dept_code, v[i].kid);
			if ((f = fopen(path, "w")) == NULL ||
			    fprintf(f, "%s\t%s\n", v[i].revoked_at,
			    v[i].revoke_why) < 0 || fclose(f) != 0) {
				fprintf(stderr, "无法写入 %s：%s\n", path,
				    strerror(errno));
				return 1;
			}
		}
		printf("已写出 %zu 个印章公钥到 %s。\n", n, argv[2]);
		return 0;
	}
	if (cfg->site != SITE_INTRANET) {
		fputs("印章密钥只在内网生成和吊销。\n", stderr);
		return 1;
	}
	if (argc == 2 && strcmp(argv[1], "--each") == 0) {
		rc = docseal_key_each(db, pool, alg, config_operator(pool), &n,
		    msg, sizeof(msg));
		if (rc != DB_OK) {
			fprintf(stderr, "%s\n", msg);
			return 1;
		}
		printf("已为 %zu 个部门生成印章密钥。\n", n);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "--revoke") == 0 &&
	    strcmp(argv[3], "--why") == 0) {
		if (utf8_check(argv[4], strlen(argv[4]), 0, NULL) != UTF8_OK ||
		    *argv[4] == '\0' || utf8_chars(argv[4]) > 200) {
			fputs("--why 应为 1 到 200 个字的一行文字。\n", stderr);
			return 64;
		}
		rc = docseal_key_revoke(db, pool, argv[2], argv[4],
		    config_operator(pool), msg, sizeof(msg));
		fprintf(rc == DB_OK ? stdout : stderr, "%s\n", msg);
		return rc == DB_OK ? 0 : 1;
	}
	if ((argc == 2 || (argc == 3 && strcmp(argv[2], "--rotate") == 0)) &&
	    argv[1][0] != '-') {
		rc = docseal_key_make(db, pool, argv[1], alg, argc == 3,
		    config_operator(pool), kid, msg, sizeof(msg));
		fprintf(rc == DB_OK ? stdout : stderr, "%s\n", msg);
		return rc == DB_OK ? 0 : 1;
	}
	usage();
	return 64;
}

/* The public key of kid of department dept in directory dir
 * (DEPT_KID.pub, as seal-key --export writes them), and when revoked
 * what DEPT_KID.revoked says, into revoked (else ""). */
static EVP_PKEY *
dir_key(const char *dir, struct docsig *d, char *revoked, size_t revlen)
{
	EVP_PKEY	*key;
	FILE		*f;
	char		 path[4096];
	size_t		 n;

	revoked[0] = '\0';
	if (strchr(d->dept, '/') != NULL || strchr(d->kid, '/') != NULL ||
	    snprintf(path, sizeof(path), "%s/%s_%s.pub", dir, d->dept,
	    d->kid) >= (int)sizeof(path))
		return NULL;
	/* A document read here names no algorithm: its key's. */
	if ((key = crypto_load_key(path, 0, "ED25519")) == NULL &&
	    (key = crypto_load_key(path, 0, "SM2")) == NULL)
		return NULL;
	if (d->alg == NULL)
		d->alg = docsig_alg(key);
	snprintf(path, sizeof(path), "%s/%s_%s.revoked", dir, d->dept, d->kid);
	if ((f = fopen(path, "re")) != NULL) {
		if (fgets(revoked, (int)revlen, f) == NULL)
			snprintf(revoked, revlen, "（时间不详）");
		n = strlen(revoked);
		while (n > 0 && (revoked[n - 1] == '\n' ||
		    revoked[n - 1] == '\r'))
			revoked[--n] = '\0';
		fclose(f);
	}
	return key;
}

/* What verify-doc says of d: 0 good, 1 bad. */
static int
verdict(const struct docsig *d, int good, const char *why,
    const char *code, const char *revoked)
{
	if (!good) {
		printf("核验不通过：%s\n文书 %s 不能证明是%s签发的原件，"
		    "请勿采信。\n", why, d->doc_no ? d->doc_no : "（无文号）",
		    "本平台");
		return 1;
	}
	printf("核验通过：%s「%s」（%s）由部门 %s 加盖电子印章，内容与签发时"
	    "一致。\n  签发时间（UTC）：%s\n  印章密钥：%s（%s）\n  校验码："
	    "%s\n", d->doc_no, d->title, d->kind, d->dept, d->issued_at,
	    d->kid, d->alg, code);
	if (revoked != NULL && *revoked != '\0')
		printf("  注意：该印章密钥已吊销（%s）。吊销前盖章的文书仍可"
		    "核验，但请向签发部门确认。\n", revoked);
	return 0;
}

/*
 * verify-doc [--keys DIR] FILE.json | NO CODE: the seal of a document,
 * from an export (docsig.h) or this site's copy, against the public keys
 * in DIR (DEPT_KID.pub) or, without --keys, those this site holds.  db
 * may be NULL (an export with --keys needs nothing else).  0 good, 1
 * bad, 2 usage.
 */
static int
verify_doc(struct db *db, struct pool *pool, int argc, char *argv[])
{
	struct seal_view v;
	struct docsig	 d;
	EVP_PKEY	*key = NULL;
	json_t		*o;
	json_error_t	 jerr;
	const char	*dir = NULL, *sig, *code, *rev = "";
	char		 revoked[512], norm[DOCSIG_CODE_LEN + 1];
	int		 good;

	if (argc >= 3 && strcmp(argv[1], "--keys") == 0) {
		dir = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc != 2 && argc != 3) {
		fputs("用法：yiwang-admin verify-doc [--keys 公钥目录] 文书.json\n"
		    "      yiwang-admin verify-doc [--keys 公钥目录] 文号 校验码\n",
		    stderr);
		return 2;
	}
	if (argc == 2) {
		if ((o = json_load_file(argv[1], JSON_REJECT_DUPLICATES,
		    &jerr)) == NULL) {
			printf("核验不通过：读不出 %s（第 %d 行：%s）。\n",
			    argv[1], jerr.line, jerr.text);
			return 1;
		}
		if (docsig_from_json(o, &d, &sig, &code) == -1) {
			json_decref(o);
			printf("核验不通过：%s 不是一网通办导出的盖章文书（%s）。"
			    "\n", argv[1], DOCSIG_FORMAT);
			return 1;
		}
	} else {
		if (db == NULL)
			return 2;
		if (docsig_code_normal(argv[2], norm) == -1 ||
		    docseal_find(db, pool, argv[1], norm, &v) != DB_OK) {
			printf("核验不通过：本站没有文号为 %s、校验码为 %s 的文书，"
			    "或它已被篡改。\n", argv[1], argv[2]);
			return 1;
		}
		d = v.d;
		sig = v.sig_hex;
		code = v.code;
		o = NULL;
	}
	if (dir != NULL) {
		if ((key = dir_key(dir, &d, revoked, sizeof(revoked))) != NULL)
			rev = revoked;
	} else if (db != NULL && docseal_view(db, pool, d.doc_no, &v) == DB_OK &&
	    v.key.kid != NULL && strcmp(v.key.kid, d.kid) == 0 &&
	    strcmp(v.key.dept_code, d.dept) == 0) {
		key = docsig_key_from_pem(v.key.pub);
		rev = v.key.revoked_at ? pool_printf(pool, "%s，%s",
		    v.key.revoked_at, v.key.revoke_why) : "";
	} else if (db != NULL) {
		struct seal_key	 k;

		if (docseal_key_get(db, pool, d.kid, &k) == DB_OK &&
		    strcmp(k.dept_code, d.dept) == 0) {
			key = docsig_key_from_pem(k.pub);
			rev = k.revoked_at ? pool_printf(pool, "%s，%s",
			    k.revoked_at, k.revoke_why) : "";
		}
	}
	if (key == NULL)
		good = verdict(&d, 0, pool_printf(pool, "没有部门 %s 的印章公钥 "
		    "%s%s%s。", d.dept ? d.dept : "?", d.kid ? d.kid : "?",
		    dir ? "，在 " : "", dir ? dir : ""), code, NULL);
	else
		good = verdict(&d, docsig_verify(key, pool, &d, sig, code) == 0,
		    "签名与文书内容不符：文书在盖章后被改动过，或不是用这枚印章"
		    "盖的。", code, rev);
	EVP_PKEY_free(key);
	json_decref(o);
	return good;
}

/* licence-tpl ITEM NAME WORD YEARS (DOC-2), audited. */
static int
licence_tpl_cmd(struct db *db, struct pool *pool, const char *item,
    const char *name, const char *word, const char *years)
{
	char	*end;
	long	 y = strtol(years, &end, 10);

	if (*years == '\0' || *end != '\0' || y < 0 || y > 30 ||
	    *name == '\0' || strlen(name) > 180 || *word == '\0' ||
	    strlen(word) > 30 || utf8_check(name, strlen(name), 0, NULL) !=
	    UTF8_OK || utf8_check(word, strlen(word), 0, NULL) != UTF8_OK) {
		fputs("用法：yiwang-admin licence-tpl 事项编码 证照名称 编号字 "
		    "有效年数（0 为长期，最多 30）\n", stderr);
		return 2;
	}
	if (licence_tpl_put(db, item, name, word, (int)y) != DB_OK) {
		fputs("证照模板没有保存（见日志）。\n", stderr);
		return 1;
	}
	audited(db, pool, "licence.template", item, json_pack("{s:s, s:s, "
	    "s:i}", "name", name, "word", word, (int)y));
	printf("事项 %s 准予许可时核发%s（编号字“%s”，%s）。\n", item, name,
	    word, y > 0 ? pool_printf(pool, "有效期 %ld 年", y) : "长期有效");
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "now", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct config	 cfg;
	struct db	*db = NULL;
	struct pool	*pool;
	const char	*conf = NULL, *cmd, *now = NULL;
	json_t		*obj;
	json_error_t	 jerr;
	char		 pw[256];
	int		 c, rc = 1;

	log_set_prog("yiwang-admin");
	/* "+": options after the command are the command's own. */
	while ((c = getopt_long(argc, argv, "+c:", longopts, NULL)) != -1)
		if (c == 'c')
			conf = optarg;
		else if (c == 'n')
			now = optarg;
		else
			usage();
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	cmd = argv[0];
	/* An export checked against a directory of public keys needs no
	 * site: the offline verifier (docs/seal.md). */
	if (strcmp(cmd, "verify-doc") == 0 && argc == 4 &&
	    strcmp(argv[1], "--keys") == 0) {
		pool = pool_new();
		rc = verify_doc(NULL, pool, argc, argv);
		pool_free(pool);
		return rc;
	}
	if ((conf = config_path(conf)) == NULL || config_load(conf, &cfg) == -1)
		return strcmp(cmd, "verify-doc") == 0 ? 2 : 1;
	if (now != NULL && set_now(&cfg, now) == -1) {
		config_free(&cfg);
		return 64;
	}
	/* Else the test stack's clock file, if any (clock.h). */
	if (now == NULL && cfg.clock_settable)
		clock_from_file(cfg.clock_file);
	chain_set_key_file(cfg.chain_key);
	chain_set_stripes(cfg.audit_stripes);
	pii_set_key_file(cfg.pii_key);
	docseal_set_dir(cfg.seal_key_dir);
	if (strcmp(cmd, "keygen") == 0 || strcmp(cmd, "scan-check") == 0) {
		rc = cmd[0] == 'k' ? keygen(&cfg) : scan_check(&cfg);
		config_free(&cfg);
		return rc;
	}
	/* Schema changes as the migration account, first setup as root;
	 * everything else as the application's account (SEC-5). */
	if (strcmp(cmd, "demo-history") == 0) {
		/* Generated in bulk; removed by the account that may delete
		 * the ledgers' generated rows (history.h). */
		enum db_role role = DB_BULK;
		for (c = 1; c < argc; c++)
			if (strcmp(argv[c], "--remove") == 0)
				role = DB_MIGRATE;
		if ((db = db_open_as(&cfg, role)) == NULL)
			return 1;
		pool = pool_new();
		rc = demo_history(&cfg, db, pool, argc, argv);
		pool_free(pool);
		db_close(db);
		config_free(&cfg);
		return rc;
	}
	if ((db = db_open_as(&cfg, strcmp(cmd, "db-setup") == 0 ? DB_ROOT :
	    strcmp(cmd, "migrate") == 0 ||
	    strcmp(cmd, "search-rebuild") == 0 ||
	    strcmp(cmd, "pages-expire") == 0 ||
	    strcmp(cmd, "dash-rebuild") == 0 ||
	    strcmp(cmd, "perf-rebuild") == 0 ? DB_MIGRATE : DB_APP)) == NULL)
		return 1;
	pool = pool_new();
	if (strcmp(cmd, "db-setup") == 0 && argc == 1)
		rc = schema_setup(db, pool, &cfg) == 0 ? 0 : 1;
	else if (strcmp(cmd, "migrate") == 0)
		rc = schema_migrate(db, pool, argc > 1 ? argv[1] :
		    cfg.migrations_dir ? cfg.migrations_dir : "db") == 0 &&
		    schema_site(db, &cfg) == 0 &&
		    schema_grant(db, pool, cfg.db_user) == 0 ? 0 : 1;
	else if (strcmp(cmd, "anchor") == 0 && argc == 1)
		rc = anchor(&cfg, db, pool);
	else if (strcmp(cmd, "gap-key-rotate") == 0)
		rc = gap_key_rotate(&cfg, db, pool, argc, argv);
	else if (strcmp(cmd, "gap-key-peer") == 0)
		rc = gap_key_peer(&cfg, db, pool, argc, argv);
	else if (strcmp(cmd, "anchors") == 0 && (argc == 1 || (argc == 2 &&
	    strcmp(argv[1], "peer") == 0)))
		rc = anchors(&cfg, db, pool, argc == 2);
	else if (strcmp(cmd, "audit-verify") == 0)
		rc = audit_verify(&cfg, db, pool, argc, argv);
	else if (strcmp(cmd, "dept-add") == 0 && argc >= 4)
		rc = account_dept_add(db, argv[1], argv[2], argv[3],
		    argc > 4 ? argv[4] : "", argc > 5 ? argv[5] : "",
		    argc > 6 ? argv[6] : "") == DB_OK ? 0 : 1;
	else if (strcmp(cmd, "user-add") == 0 && argc == 5) {
		if (password_input(pw, sizeof(pw)) == -1)
			fputs("no password given\n", stderr);
		else
			rc = user_add(db, argv[1], argv[2], argv[3], argv[4],
			    pw, 1);
	} else if (strcmp(cmd, "licence-tpl") == 0 && argc == 5) {
		rc = licence_tpl_cmd(db, pool, argv[1], argv[2], argv[3],
		    argv[4]);
	} else if (strcmp(cmd, "item-load") == 0 && argc == 2) {
		if ((obj = json_load_file(argv[1], 0, &jerr)) == NULL)
			fprintf(stderr, "%s:%d: %s\n", argv[1], jerr.line,
			    jerr.text);
		else {
			rc = item_load(&cfg, db, pool, obj, argv[1]) < 0 ?
			    1 : 0;
			json_decref(obj);
		}
	} else if (strcmp(cmd, "publish") == 0 && argc == 3)
		rc = publish(db, pool, argv[1], atoi(argv[2]));
	else if (strcmp(cmd, "perf-rebuild") == 0 && (argc == 1 ||
	    (argc == 2 && strcmp(argv[1], "--check") == 0)))
		rc = perf_rebuild_cmd(db, pool, argc == 2);
	else if (strcmp(cmd, "search-rebuild") == 0 && argc == 1)
		rc = search_rebuild(db) == DB_OK ? 0 : 1;
	else if (strcmp(cmd, "pages-expire") == 0 && argc == 1)
		rc = catalog_pages_expire(db) == DB_OK ? 0 : 1;
	else if (strcmp(cmd, "agent-add") == 0 && argc >= 5)
		rc = agent_add_cmd(&cfg, db, pool, argc, argv);
	else if ((strcmp(cmd, "citizen-add") == 0 ||
	    strcmp(cmd, "citizen-reset") == 0) && argc == 4)
		rc = citizen(db, pool, argv[1], argv[2], argv[3],
		    strcmp(cmd, "citizen-reset") == 0);
	else if (strcmp(cmd, "enterprise-claim") == 0 && argc == 5)
		rc = enterprise_claim_cmd(&cfg, db, pool, argv[1], argv[2],
		    argv[3], argv[4]);
	else if (strcmp(cmd, "enterprise-add") == 0 && argc == 5)
		rc = enterprise_add(&cfg, db, pool, argv[1], argv[2], argv[3],
		    argv[4]);
	else if (strcmp(cmd, "calendar-load") == 0 && (argc == 2 ||
	    (argc == 3 && strcmp(argv[1], "--unless-loaded") == 0)))
		rc = calendar_load_cmd(&cfg, db, pool, argc == 3,
		    argv[argc - 1]);
	else if (strcmp(cmd, "booking-plan") == 0 && argc >= 6)
		rc = booking_plan_cmd(&cfg, db, pool, argc - 1, argv + 1);
	else if (strcmp(cmd, "workdays") == 0 && argc == 4 &&
	    (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "between") == 0))
		rc = workdays_cmd(&cfg, db, pool, argv[1], argv[2], argv[3]);
	else if (strcmp(cmd, "tick") == 0 && (argc == 1 || (argc == 2 &&
	    strcmp(argv[1], "--loop") == 0)))
		rc = tick(&cfg, db, pool, argc == 2);
	else if (strcmp(cmd, "anomaly-check") == 0 && (argc == 1 ||
	    (argc == 2 && strcmp(argv[1], "--all") == 0)))
		rc = anomaly_check(&cfg, db, pool, argc == 2);
	else if (strcmp(cmd, "files-sweep") == 0 && argc <= 2)
		rc = sweep(&cfg, db, pool, argc == 2 ? argv[1] : NULL);
	else if (strcmp(cmd, "locks") == 0 && argc == 1)
		rc = locks(&cfg, db, pool);
	else if (strcmp(cmd, "unlock") == 0 && argc == 2)
		rc = unlock(&cfg, db, pool, argv[1]);
	else if (strcmp(cmd, "sup-export") == 0)
		rc = sup_export(db, pool, argc, argv);
	else if (strcmp(cmd, "case-import") == 0 && argc == 2)
		rc = case_import(db, pool, argv[1]);
	else if (strcmp(cmd, "demo") == 0 && argc == 2)
		rc = demo(&cfg, db, pool, argv[1]);
	else if (strcmp(cmd, "cert-issue") == 0 && (argc == 2 || argc == 3))
		rc = cert_issue_one(&cfg, db, pool, argv[1], argc == 3 ?
		    argv[2] : NULL);
	else if (strcmp(cmd, "ops-cert-issue") == 0 && (argc == 3 ||
	    argc == 4))
		rc = ops_cert_issue(&cfg, db, pool, argv[1], argv[2],
		    argc == 4 ? argv[3] : NULL);
	else if (strcmp(cmd, "cert-issue-admins") == 0 && argc == 1)
		rc = cert_issue_admins(&cfg, db, pool);
	else if (strcmp(cmd, "cert-revoke") == 0 && argc == 2)
		rc = cert_revoke(db, pool, argv[1]);
	else if (strcmp(cmd, "cert-list") == 0 && argc == 1)
		rc = cert_list(db, pool);
	else if (strcmp(cmd, "seal-key") == 0)
		rc = seal_key_cmd(&cfg, db, pool, argc, argv);
	else if (strcmp(cmd, "verify-doc") == 0)
		rc = verify_doc(db, pool, argc, argv);
	else if (strcmp(cmd, "dash-rebuild") == 0 && (argc == 1 ||
	    (argc == 2 && strcmp(argv[1], "--check") == 0)))
		rc = dash_rebuild(db, pool, argc == 2);
	else
		usage();
	pool_free(pool);
	db_close(db);
	config_free(&cfg);
	return rc;
}
