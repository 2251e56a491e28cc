/*
 * keyring.c: the keys of the suites and of rotation, loaded from their
 * files (keyring.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "clock.h"
#include "crypto.h"
#include "exchange.h"
#include "keyring.h"

#define KEYS_MAX	4	/* two suites, current and previous */
#define PATH_LEN	4096

_Static_assert(CONFIG_SUITE_INTL == BUNDLE_INTL &&
    CONFIG_SUITE_SM == BUNDLE_SM, "config and bundle name suites alike");

const char *
keyring_sign_type(unsigned suite)
{
	return suite == BUNDLE_SM ? "SM2" : "ED25519";
}

const char *
keyring_box_type(unsigned suite)
{
	return suite == BUNDLE_SM ? "SM2" : "X25519";
}

int
keyring_until_read(const char *path, int64_t *until)
{
	struct tm	 tm;
	char		 p[4096], line[64];
	FILE		*f;
	int		 ok;

	*until = 0;
	if (snprintf(p, sizeof(p), "%s.prev.until", path) >= (int)sizeof(p) ||
	    (f = fopen(p, "re")) == NULL)
		return -1;
	memset(&tm, 0, sizeof(tm));
	ok = fgets(line, sizeof(line), f) != NULL &&
	    sscanf(line, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6;
	fclose(f);
	if (!ok)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*until = (int64_t)timegm(&tm);
	return *until > 0 ? 0 : -1;
}

int
keyring_until_write(const char *path, int64_t until)
{
	struct tm	 tm;
	time_t		 t = (time_t)until;
	char		 p[4096], line[64];
	int		 fd, rc;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ\n", &tm) == 0 ||
	    snprintf(p, sizeof(p), "%s.prev.until", path) >= (int)sizeof(p)) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1)
		return -1;
	rc = crypto_write_all(fd, line, strlen(line)) == 0 && fsync(fd) == 0 ?
	    0 : -1;
	close(fd);
	return rc;
}

/*
 * One key file: NULL and no message when it does not exist (absent may
 * be allowed), NULL and a message when it cannot be used; *bad is set
 * then.
 */
static EVP_PKEY *
load(const char *path, int private, const char *type, const char *setting,
    int *bad, char *msg, size_t msglen)
{
	EVP_PKEY	*key;
	unsigned	 mode;

	if (path == NULL || access(path, F_OK) == -1)
		return NULL;
	if (private && crypto_private_mode(path, &mode) == -1 &&
	    errno == EACCES) {
		snprintf(msg, msglen, "私钥文件 %s（%s）的权限是 %04o，组或其他"
		    "用户可以读取，拒绝使用：请以服务用户运行 chmod 600 %s，确认"
		    "它的属主是服务用户，然后重试；如怀疑已泄露，请轮换密钥"
		    "（yiwang-admin gap-key-rotate）。", path, setting, mode,
		    path);
		*bad = 1;
		return NULL;
	}
	if ((key = crypto_load_key(path, private, type)) == NULL) {
		snprintf(msg, msglen, "读不出密钥文件 %s（%s）：它不是 %s %s。",
		    path, setting, type, private ? "私钥" : "公钥");
		*bad = 1;
	}
	return key;
}

/* The key of path.prev, with its until, into v[*n]; 0 or -1 (bad). */
static int
load_prev(const char *path, int private, const char *type,
    const char *setting, struct bundle_key *v, size_t *n, char *msg,
    size_t msglen)
{
	char		 p[4096];
	int		 bad = 0;

	if (path == NULL ||
	    snprintf(p, sizeof(p), "%s.prev", path) >= (int)sizeof(p))
		return 0;
	if ((v[*n].key = load(p, private, type, setting, &bad, msg, msglen)) ==
	    NULL)
		return bad ? -1 : 0;
	if (keyring_until_read(path, &v[*n].until) == -1)
		v[*n].until = 1;	/* no end known: ended */
	(*n)++;
	return 0;
}

void
keyring_free(struct bundle_keys *k)
{
	size_t	i;

	EVP_PKEY_free(k->sign);
	EVP_PKEY_free(k->box);
	EVP_PKEY_free(k->peer_box);
	for (i = 0; i < k->nmore_sign; i++)
		EVP_PKEY_free(k->more_sign[i].key);
	for (i = 0; i < k->nmore_box; i++)
		EVP_PKEY_free(k->more_box[i].key);
	free(k->more_sign);
	free(k->more_box);
	memset(k, 0, sizeof(*k));
}

/* The key of role in suite su, if its file exists (load()). */
static EVP_PKEY *
opt(const struct config *c, unsigned su, enum key_role role, int *bad,
    char *msg, size_t msglen)
{
	int	private = role == KEY_SIGN || role == KEY_ENC;

	return load(config_key(c, su, role), private, role == KEY_SIGN ||
	    role == KEY_PEER ? keyring_sign_type(su) : keyring_box_type(su),
	    config_key_name(su, role), bad, msg, msglen);
}

/* The same for a key that must be there: NULL with a message that says
 * which, and where it comes from. */
static EVP_PKEY *
need(const struct config *c, unsigned su, enum key_role role, char *msg,
    size_t msglen)
{
	static const char	*what[] = { "本站签名私钥", "本站的加密私钥",
				    "对端站点的公钥", "对端站点的加密公钥" };
	const char		*path = config_key(c, su, role);
	EVP_PKEY		*key;
	int			 bad = 0;

	if ((key = opt(c, su, role, &bad, msg, msglen)) == NULL && !bad)
		snprintf(msg, msglen, "读不出%s %s（%s；%s）。", what[role],
		    path ? path : "（未配置）", config_key_name(su, role),
		    role == KEY_SIGN || role == KEY_ENC ?
		    "yiwang-admin keygen 会生成它" : "由对端管理员带来");
	return key;
}

static int
load_write(const struct config *c, struct bundle_keys *k, char *msg,
    size_t msglen)
{
	unsigned	su = c->gap_suite;

	if ((k->sign = need(c, su, KEY_SIGN, msg, msglen)) == NULL ||
	    (k->box = need(c, su, KEY_ENC, msg, msglen)) == NULL ||
	    (k->peer_box = need(c, su, KEY_PEER_ENC, msg, msglen)) == NULL)
		return -1;
	return 0;
}

/*
 * Every suite accepted, the one written first: the other site's signing
 * keys and this site's encryption keys, current and kept.  Those of the
 * suite written must be there; another's may be missing (the reader then
 * says which key to configure when such a bundle comes).
 */
static int
load_read(const struct config *c, enum keyring_use use,
    struct bundle_keys *k, char *msg, size_t msglen)
{
	static const enum key_role roles[2] = { KEY_PEER, KEY_ENC };
	struct bundle_key	*v[2], *kv;
	size_t			*n[2], i, j;
	unsigned		 order[2], su;
	int			 bad = 0;

	if ((k->more_sign = calloc(KEYS_MAX, sizeof(*kv))) == NULL ||
	    (k->more_box = calloc(KEYS_MAX, sizeof(*kv))) == NULL) {
		snprintf(msg, msglen, "内存不足，请稍后重试。");
		return -1;
	}
	v[0] = k->more_sign;
	v[1] = k->more_box;
	n[0] = &k->nmore_sign;
	n[1] = &k->nmore_box;
	k->suites = c->gap_suites;
	k->now = use == KEYRING_IMPORT ? (int64_t)clock_now() : 0;
	order[0] = c->gap_suite;
	order[1] = c->gap_suite == BUNDLE_SM ? BUNDLE_INTL : BUNDLE_SM;
	for (i = 0; i < 2; i++) {
		su = order[i];
		if ((c->gap_suites & su) == 0)
			continue;
		for (j = 0; j < 2; j++) {
			kv = &v[j][*n[j]];
			kv->key = su == c->gap_suite ?
			    need(c, su, roles[j], msg, msglen) :
			    opt(c, su, roles[j], &bad, msg, msglen);
			if (kv->key != NULL)
				(*n[j])++;
			else if (bad || su == c->gap_suite)
				return -1;
			if (load_prev(config_key(c, su, roles[j]), j == 1,
			    j == 0 ? keyring_sign_type(su) :
			    keyring_box_type(su), config_key_name(su, roles[j]),
			    v[j], n[j], msg, msglen) == -1)
				return -1;
		}
	}
	if (k->nmore_sign == 0 || k->nmore_box == 0) {
		snprintf(msg, msglen, "没有配置可用的对端公钥或本站加密私钥"
		    "（gap_suites 与各套件的密钥配置项），无法读数据包。");
		return -1;
	}
	return 0;
}

int
keyring_load(const struct config *c, enum keyring_use use,
    struct bundle_keys *k, char *msg, size_t msglen)
{
	int	rc;

	memset(k, 0, sizeof(*k));
	rc = use == KEYRING_WRITE ? load_write(c, k, msg, msglen) :
	    load_read(c, use, k, msg, msglen);
	if (rc == -1)
		keyring_free(k);
	return rc;
}

/*
 * Rotation (keyring.h).
 */

static int	 append_to(const char *, const char *);

/* One audit row, in a transaction of its own; detail is taken. */
static int
audited(struct db *db, struct pool *pool, const char *who,
    const char *action, const char *object, json_t *detail)
{
	if (db_begin(db) != DB_OK) {
		json_decref(detail);
		return -1;
	}
	if (audit_json(db, pool, who, action, object, detail) != DB_OK ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* "YYYY-MM-DD HH:MM" Beijing time of t, as operators read dates. */
static void
beijing(int64_t t, char out[32])
{
	struct tm	tm;
	time_t		tt = (time_t)(t + 8 * 3600);

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, 32, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 32, "?");
}

static int
rename_if(const char *from, const char *to)
{
	return access(from, F_OK) == -1 ? 0 : rename(from, to);
}

/* dst.suffix into out; -1 when too long. */
static int
suffixed(char out[PATH_LEN], const char *path, const char *suffix)
{
	return snprintf(out, PATH_LEN, "%s%s", path, suffix) >= PATH_LEN ?
	    -1 : 0;
}

static const char *
kid_of_file(const char *path, int private, const char *type,
    struct pool *pool)
{
	EVP_PKEY	*k;
	char		 kid[17];

	if ((k = crypto_load_key(path, private, type)) == NULL)
		return "（读不出）";
	if (bundle_key_id(k, kid) == -1)
		kid[0] = '\0';
	EVP_PKEY_free(k);
	return pool_strdup(pool, kid);
}

int
keyring_rotate(const struct config *c, struct db *db, struct pool *pool,
    const char *who, size_t days)
{
	unsigned	 su = c->gap_suite;
	const char	*sk = config_key(c, su, KEY_SIGN);
	const char	*ek = config_key(c, su, KEY_ENC);
	const char	*old_kid, *new_kid, *name = bundle_suite_name(su);
	char		 snew[PATH_LEN], snewp[PATH_LEN], enew[PATH_LEN];
	char		 enewp[PATH_LEN], spub[PATH_LEN], sprev[PATH_LEN];
	char		 epub[PATH_LEN], eprev[PATH_LEN], eprevp[PATH_LEN];
	char		 when[32], iso[32];
	int64_t		 now = (int64_t)clock_now(), until;
	int		 (*make_sign)(const char *, const char *);
	int		 (*make_box)(const char *, const char *);
	struct tm	 tm;
	time_t		 tt;
	json_t		*detail;

	if (sk == NULL || ek == NULL || access(sk, F_OK) == -1 ||
	    access(ek, F_OK) == -1) {
		fprintf(stderr, "本站还没有 %s 套件的密钥（%s、%s）：请先运行 "
		    "yiwang-admin keygen。\n", name, config_key_name(su,
		    KEY_SIGN), config_key_name(su, KEY_ENC));
		return 1;
	}
	if (keyring_until_read(ek, &until) == 0 && until > now) {
		beijing(until, when);
		fprintf(stderr, "上一次轮换的过渡期到 %s 才结束，其间对端可能还在"
		    "用本站的旧加密公钥：现在再轮换会让那些数据包无法解密。请在过渡"
		    "期结束后再轮换。\n", when);
		return 1;
	}
	if (suffixed(snew, sk, ".new") || suffixed(snewp, sk, ".new.pub") ||
	    suffixed(spub, sk, ".pub") || suffixed(sprev, sk, ".old.pub") ||
	    suffixed(enew, ek, ".new") || suffixed(enewp, ek, ".new.pub") ||
	    suffixed(epub, ek, ".pub") || suffixed(eprev, ek, ".prev") ||
	    suffixed(eprevp, ek, ".prev.pub")) {
		fputs("密钥路径过长。\n", stderr);
		return 1;
	}
	make_sign = su == BUNDLE_SM ? crypto_sm2_keygen : crypto_keygen;
	make_box = su == BUNDLE_SM ? crypto_sm2_keygen : crypto_box_keygen;
	/* leftovers of a rotation that died before its renames */
	unlink(snew);
	unlink(snewp);
	unlink(enew);
	unlink(enewp);
	if (make_sign(snew, snewp) == -1 || make_box(enew, enewp) == -1) {
		fprintf(stderr, "无法生成新密钥（%s 所在目录不可写？），没有轮换。"
		    "\n", sk);
		unlink(snew);
		unlink(snewp);
		return 1;
	}
	old_kid = kid_of_file(spub, 0, keyring_sign_type(su), pool);
	new_kid = kid_of_file(snewp, 0, keyring_sign_type(su), pool);
	until = now + (int64_t)days * 86400;
	/* The old encryption key first: kept, then replaced; the signing
	 * key's private half is of no use once replaced, its public half
	 * checks the anchors it signed. */
	if (rename(ek, eprev) == -1 || rename_if(epub, eprevp) == -1 ||
	    keyring_until_write(ek, until) == -1 ||
	    rename(enew, ek) == -1 || rename(enewp, epub) == -1 ||
	    append_to(spub, sprev) == -1 || rename(snew, sk) == -1 ||
	    rename(snewp, spub) == -1) {
		fprintf(stderr, "轮换中途失败：%s。请检查 %s 与 %s 旁的 .new 与 "
		    ".prev 文件后再运行一次。\n", strerror(errno), sk, ek);
		return 1;
	}
	tt = (time_t)until;
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		iso[0] = '\0';
	detail = json_pack("{s:s,s:s,s:s,s:s}", "suite", name, "old_kid",
	    old_kid, "new_kid", new_kid, "until", iso);
	if (audited(db, pool, who, "gap.key-rotate", name, detail) == -1)
		fputs("密钥已轮换，但审计记录没有写入（见日志）。\n", stderr);
	beijing(until, when);
	printf("已轮换本站 %s 套件的密钥：签名密钥 %s → %s，加密密钥已换新；"
	    "旧加密私钥保留到 %s（%s）。\n"
	    "请把这两个公钥文件带到对端站点（光盘或纸面，不经网络）：\n"
	    "  %s\n  %s\n"
	    "在对端以服务用户运行：\n"
	    "  yiwang-admin gap-key-peer --until %s 签名公钥文件 加密公钥文件\n"
	    "对端装上之前，本站导出的数据包在对端验证不过（它会列出认得的"
	    "密钥）；对端此前加密给本站旧密钥的数据包，过渡期内照常导入。\n",
	    name, old_kid, new_kid, when, eprev, spub, epub, iso);
	return 0;
}

/* All of src onto out, synced; -1 on any failure. */
static int
copy_onto(const char *src, FILE *out)
{
	char	 buf[8192];
	FILE	*in;
	size_t	 n;
	int	 rc = 0;

	if ((in = fopen(src, "re")) == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in) || fflush(out) != 0 || fsync(fileno(out)) != 0)
		rc = -1;
	fclose(in);
	return rc;
}

/* Add the PEM file src at the end of dst (created 0644): the signing
 * public keys of before, which audit-verify checks old anchors with. */
static int
append_to(const char *src, const char *dst)
{
	FILE	*out;
	int	 rc;

	if (access(src, F_OK) == -1)
		return 0;
	if ((out = fopen(dst, "ae")) == NULL)
		return -1;
	rc = copy_onto(src, out);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

/* src to dst through dst.tmp, mode 0644: a public key. */
static int
install(const char *src, const char *dst)
{
	char	 tmp[PATH_LEN];
	FILE	*out;
	int	 rc;

	if (suffixed(tmp, dst, ".tmp") == -1 || (out = fopen(tmp, "we")) ==
	    NULL)
		return -1;
	rc = copy_onto(src, out);
	if (fclose(out) != 0 || chmod(tmp, 0644) == -1)
		rc = -1;
	if (rc == 0 && rename(tmp, dst) == -1)
		rc = -1;
	if (rc == -1)
		unlink(tmp);
	return rc;
}

int
keyring_peer(const struct config *c, struct db *db, struct pool *pool,
    const char *who, const char *sign_pub, const char *enc_pub,
    int64_t until)
{
	EVP_PKEY	*sk, *ek;
	unsigned	 su;
	const char	*pk, *pek, *old_kid, *name;
	char		 kid[17], prev[PATH_LEN], when[32], iso[32];
	struct tm	 tm;
	time_t		 tt = (time_t)until;
	json_t		*detail;
	int		 replaced;

	if ((sk = crypto_load_key(sign_pub, 0, "SM2")) != NULL)
		su = BUNDLE_SM;
	else if ((sk = crypto_load_key(sign_pub, 0, "ED25519")) != NULL)
		su = BUNDLE_INTL;
	else {
		fprintf(stderr, "%s 不是 Ed25519 或 SM2 的签名公钥文件。\n",
		    sign_pub);
		return 1;
	}
	name = bundle_suite_name(su);
	if ((ek = crypto_load_key(enc_pub, 0, keyring_box_type(su))) == NULL) {
		fprintf(stderr, "%s 不是 %s 套件的加密公钥文件（%s）。\n",
		    enc_pub, name, keyring_box_type(su));
		EVP_PKEY_free(sk);
		return 1;
	}
	EVP_PKEY_free(ek);
	bundle_key_id(sk, kid);
	EVP_PKEY_free(sk);
	pk = config_key(c, su, KEY_PEER);
	pek = config_key(c, su, KEY_PEER_ENC);
	if (pk == NULL || pek == NULL || suffixed(prev, pk, ".prev") == -1) {
		fprintf(stderr, "配置文件中没有 %s 或 %s。\n",
		    config_key_name(su, KEY_PEER),
		    config_key_name(su, KEY_PEER_ENC));
		return 1;
	}
	old_kid = access(pk, F_OK) == 0 ? kid_of_file(pk, 0,
	    keyring_sign_type(su), pool) : "";
	replaced = old_kid[0] != '\0' && strcmp(old_kid, kid) != 0;
	if (replaced && (install(pk, prev) == -1 ||
	    keyring_until_write(pk, until) == -1)) {
		fprintf(stderr, "无法保留对端的旧签名公钥 %s：%s。没有更换。\n",
		    prev, strerror(errno));
		return 1;
	}
	if (install(sign_pub, pk) == -1 || install(enc_pub, pek) == -1) {
		fprintf(stderr, "无法写入 %s 或 %s：%s。\n", pk, pek,
		    strerror(errno));
		return 1;
	}
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		iso[0] = '\0';
	detail = json_pack("{s:s,s:s,s:s,s:s}", "suite", name, "old_kid",
	    old_kid, "new_kid", kid, "until", replaced ? iso : "");
	if (audited(db, pool, who, "gap.key-peer", name, detail) == -1)
		fputs("公钥已装上，但审计记录没有写入（见日志）。\n", stderr);
	beijing(until, when);
	if (replaced)
		printf("已装上对端 %s 套件的新公钥：签名密钥 %s；旧签名密钥 %s "
		    "保留到 %s，其间它签发的数据包照常导入，之后只能用 "
		    "yiwang-gap verify 核对。\n", name, kid, old_kid, when);
	else
		printf("已装上对端 %s 套件的公钥：签名密钥 %s。\n", name, kid);
	return 0;
}
