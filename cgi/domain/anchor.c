/*
 * anchor.c: owns anchor, and the anchor file beside the keys: signed
 * chain heads, made here or received from the other site.  See anchor.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anchor.h"
#include "crypto.h"
#include "exchange.h"
#include "log.h"

static const char SQL_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')";
static const char SQL_ANCHOR_ADD[] =
    "INSERT INTO anchor (site, at, body, sig, body_sha, stored_at) "
    "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_ANCHORS[] =
    "SELECT body, sig FROM anchor WHERE site = ? ORDER BY id";

static const char	 TAG[] = "yiwang-anchor-1";

char *
anchor_body(struct pool *pool, const char *site, const char *at,
    const struct chain_head *h, size_t n)
{
	char	*s;
	size_t	 i;

	s = pool_printf(pool, "%s %s %s", TAG, site, at);
	for (i = 0; i < n; i++)
		s = pool_printf(pool, "%s %s=%lld,%lld,%lld,%s", s, h[i].chain,
		    (long long)h[i].last_id, (long long)h[i].rows,
		    (long long)h[i].legacy_until,
		    h[i].mac[0] != '\0' ? h[i].mac : "-");
	return s;
}

/* A decimal of 1..18 digits without a leading zero, ending at *end. */
static int
number(const char *s, char endc, int64_t *out, const char **end)
{
	size_t	 n = 0;

	*out = 0;
	while (s[n] >= '0' && s[n] <= '9') {
		if (n == 18)
			return -1;
		*out = *out * 10 + (s[n] - '0');
		n++;
	}
	if (n == 0 || (n > 1 && s[0] == '0') || s[n] != endc)
		return -1;
	*end = s + n + 1;
	return 0;
}

/* 2026-12-06T04:22:00Z */
static int
timestamp(const char *s)
{
	static const char	 shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t			 i;

	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') :
		    s[i] != shape[i])
			return -1;
	return s[i] == ' ' ? 0 : -1;
}

/* One "name=last,rows,legacy,mac" at s; *end is past it. */
static int
head(const char *s, struct chain_head *h, const char **end)
{
	size_t	 n;

	memset(h, 0, sizeof(*h));
	/* A chain's name: a lower-case letter, then letters, digits and
	 * '_' (the audit stripes, audit_1 …). */
	for (n = 0; (s[n] >= 'a' && s[n] <= 'z') || s[n] == '_' ||
	    (n > 0 && s[n] >= '0' && s[n] <= '9'); n++)
		if (n == CHAIN_NAME_MAX)
			return -1;
	if (n == 0 || s[0] == '_' || s[n] != '=')
		return -1;
	memcpy(h->chain, s, n);
	s += n + 1;
	if (number(s, ',', &h->last_id, &s) == -1 ||
	    number(s, ',', &h->rows, &s) == -1 ||
	    number(s, ',', &h->legacy_until, &s) == -1)
		return -1;
	/* Row ids are distinct and from 1: rows <= last_id, 0 iff empty. */
	if (h->rows > h->last_id || (h->rows == 0) != (h->last_id == 0))
		return -1;
	if (h->rows == 0) {
		if (s[0] != '-')
			return -1;
		n = 1;
	} else {
		/* 64 hex digits, then the next head or the end. */
		snprintf(h->mac, sizeof(h->mac), "%.64s", s);
		if (!crypto_hex_valid(h->mac, 64))
			return -1;
		n = 64;
	}
	if (s[n] != '\0' && s[n] != ' ')
		return -1;
	*end = s + n;
	return 0;
}

int
anchor_parse(struct pool *pool, const char *body, struct anchor *a)
{
	const char	*p;
	size_t		 i, len;

	memset(a, 0, sizeof(*a));
	len = strlen(body);
	if (len >= ANCHOR_BODY_MAX || strncmp(body, TAG, strlen(TAG)) != 0 ||
	    body[strlen(TAG)] != ' ')
		return -1;
	p = body + strlen(TAG) + 1;
	if (strncmp(p, "extranet ", 9) == 0)
		a->site = pool_strdup(pool, "extranet");
	else if (strncmp(p, "intranet ", 9) == 0)
		a->site = pool_strdup(pool, "intranet");
	else
		return -1;
	p += 9;
	if (timestamp(p) == -1)
		return -1;
	a->at = pool_strndup(pool, p, 20);
	p += 20;
	while (*p == ' ') {
		if (a->nheads == ANCHOR_CHAINS_MAX ||
		    head(p + 1, &a->heads[a->nheads], &p) == -1)
			return -1;
		a->heads[a->nheads].at = a->at;
		for (i = 0; i < a->nheads; i++)
			if (strcmp(a->heads[i].chain,
			    a->heads[a->nheads].chain) == 0)
				return -1;
		a->nheads++;
	}
	if (*p != '\0' || a->nheads == 0)
		return -1;
	a->body = pool_strdup(pool, body);
	return 0;
}

int
anchor_line(struct pool *pool, const char *line, struct anchor *a)
{
	const char	*tab;
	char		 sig[ANCHOR_SIG_HEX];

	if ((tab = strchr(line, '\t')) == NULL ||
	    !crypto_hex_valid(tab + 1, ANCHOR_SIG_HEX - 1))
		return -1;
	memcpy(sig, tab + 1, sizeof(sig));
	if (anchor_parse(pool, pool_strndup(pool, line,
	    (size_t)(tab - line)), a) == -1)
		return -1;
	memcpy(a->sig, sig, sizeof(sig));
	return 0;
}

int
anchor_sign(EVP_PKEY *priv, struct anchor *a)
{
	unsigned char	 sig[64];
	size_t		 n = sizeof(sig);

	if (crypto_sign(priv, a->body, strlen(a->body), sig, &n) == -1 ||
	    n != sizeof(sig))
		return -1;
	crypto_hex(sig, n, a->sig);
	return 0;
}

int
anchor_sig_ok(EVP_PKEY *pub, const struct anchor *a)
{
	unsigned char	 sig[64];

	if (crypto_unhex(a->sig, sig, sizeof(sig)) == -1)
		return -1;
	return crypto_verify(pub, a->body, strlen(a->body), sig, sizeof(sig));
}

/* Append "<body>\t<sig>\n" to the anchor file and sync it. */
static int
file_append(const char *path, const struct anchor *a)
{
	char	*line;
	size_t	 len;
	int	 fd, rc = -1;

	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (asprintf(&line, "%s\t%s\n", a->body, a->sig) == -1) {
		log_err("%s: out of memory", path);
		close(fd);
		return -1;
	}
	len = strlen(line);
	if (crypto_write_all(fd, line, len) == 0 && fsync(fd) == 0)
		rc = 0;
	else
		log_err("%s: %s", path, strerror(errno));
	free(line);
	close(fd);
	return rc;
}

static enum db_rc
store(struct db *db, const struct anchor *a)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		 sha[SHA256_HEX];

	if (crypto_sha256_hex(a->body, strlen(a->body), sha) == -1) {
		log_err("anchor: out of memory for its digest");
		return DB_ERR;
	}
	q = db_stmt(db, SQL_ANCHOR_ADD);
	stmt_bind_text(q, 0, a->site);
	stmt_bind_text(q, 1, a->at);
	stmt_bind_text(q, 2, a->body);
	stmt_bind_text(q, 3, a->sig);
	stmt_bind_text(q, 4, sha);
	rc = stmt_run(q);
	return rc == DB_DUP ? DB_OK : rc;	/* the same anchor again */
}

enum db_rc
anchor_make(const struct config *cfg, struct db *db, struct pool *pool,
    EVP_PKEY *priv, struct anchor *a)
{
	struct chain_head	 heads[CHAIN_COUNT];
	json_t			*rec;
	char			*now, *body;
	enum db_rc		 rc;

	if (stmt_one(db_stmt(db, SQL_NOW), pool, "s", &now) != DB_OK ||
	    chain_heads(db, pool, heads) != DB_OK)
		return DB_ERR;
	body = anchor_body(pool, config_site_name(cfg->site), now, heads,
	    CHAIN_COUNT);
	if (anchor_parse(pool, body, a) == -1 || anchor_sign(priv, a) == -1) {
		log_err("cannot make an anchor of %s", body);
		return DB_ERR;
	}
	/* First outside the database: a true statement even if the rest
	 * fails. */
	if (cfg->anchor_file != NULL && file_append(cfg->anchor_file, a) == -1)
		return DB_ERR;
	if ((rec = json_pack("{s:s, s:s, s:s}", "type", "anchor", "body",
	    a->body, "sig", a->sig)) == NULL)
		return DB_ERR;
	if (db_begin(db) != DB_OK) {
		json_decref(rec);
		return DB_ERR;
	}
	if ((rc = store(db, a)) == DB_OK && (rc = outbox_add(db, pool, rec)) == DB_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	json_decref(rec);
	return rc;
}

enum db_rc
anchor_for_export(const struct config *cfg, struct db *db, struct pool *pool,
    EVP_PKEY *priv)
{
	struct anchor	 a;
	int64_t		 pending, last_out, last_in;

	if (exchange_status(db, pool, &pending, &last_out, &last_in) != DB_OK)
		return DB_ERR;
	if (pending == 0)
		return DB_OK;	/* no bundle to carry it */
	return anchor_make(cfg, db, pool, priv, &a);
}

int
anchor_record_check(struct pool *pool, json_t *rec, const char *from,
    EVP_PKEY *peer, const char **why)
{
	struct anchor	 a;
	json_t		*body, *sig;

	body = json_object_get(rec, "body");
	sig = json_object_get(rec, "sig");
	if (!json_is_object(rec) || json_object_size(rec) != 3 ||
	    !json_is_string(body) || !json_is_string(sig) ||
	    json_string_length(body) != strlen(json_string_value(body)) ||
	    json_string_length(sig) != ANCHOR_SIG_HEX - 1 ||
	    !crypto_hex_valid(json_string_value(sig), ANCHOR_SIG_HEX - 1) ||
	    anchor_parse(pool, json_string_value(body), &a) == -1) {
		*why = "锚点记录的格式不对";
		return -1;
	}
	memcpy(a.sig, json_string_value(sig), ANCHOR_SIG_HEX);
	if (from == NULL || strcmp(a.site, from) != 0) {
		*why = pool_printf(pool, "锚点记录不是对方站点的（%s）", a.site);
		return -1;
	}
	if (peer == NULL || anchor_sig_ok(peer, &a) != 0) {
		*why = "锚点记录的签名不对";
		return -1;
	}
	return 0;
}

enum db_rc
anchor_record_store(struct db *db, struct pool *pool, json_t *rec,
    char *err, size_t errlen)
{
	struct anchor	 a;
	const char	*body, *sig;

	body = json_string_value(json_object_get(rec, "body"));
	sig = json_string_value(json_object_get(rec, "sig"));
	if (body == NULL || sig == NULL || strlen(sig) != ANCHOR_SIG_HEX - 1 ||
	    anchor_parse(pool, body, &a) == -1) {
		snprintf(err, errlen, "锚点记录的格式不对");
		return DB_NONE;
	}
	memcpy(a.sig, sig, ANCHOR_SIG_HEX);
	return store(db, &a);
}

static void
push_anchor(struct pool *pool, struct anchor **arr, size_t *n, size_t *cap,
    const struct anchor *a)
{
	*(struct anchor *)pool_push(pool, arr, n, cap, sizeof(**arr)) = *a;
}

static void
push_bad(struct pool *pool, char ***bad, size_t *nbad, size_t *cap,
    char *what)
{
	*(char **)pool_push(pool, bad, nbad, cap, sizeof(char *)) = what;
}

enum db_rc
anchor_list(struct db *db, struct pool *pool, const char *site,
    struct anchor **arr, size_t *n, char ***bad, size_t *nbad)
{
	struct stmt	*q;
	struct anchor	 a;
	enum db_rc	 rc;
	char		*body, *sig;
	size_t		 cap = *n, bcap = *nbad;	/* appending */

	q = db_stmt(db, SQL_ANCHORS);
	stmt_bind_text(q, 0, site);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "ss", &body, &sig)) == DB_OK) {
		if (body == NULL || sig == NULL ||
		    strlen(sig) != ANCHOR_SIG_HEX - 1 ||
		    anchor_parse(pool, body, &a) == -1) {
			push_bad(pool, bad, nbad, &bcap, pool_printf(pool,
			    "数据库中有一个锚点格式不对：%.80s", body ? body : ""));
			continue;
		}
		memcpy(a.sig, sig, ANCHOR_SIG_HEX);
		push_anchor(pool, arr, n, &cap, &a);
	}
	stmt_done(q);
	return rc == DB_ERR ? DB_ERR : DB_OK;
}

int
anchor_file_read(struct pool *pool, const char *path, struct anchor **arr,
    size_t *n, char ***bad, size_t *nbad)
{
	struct anchor	 a;
	FILE		*f;
	char		*line = NULL;
	size_t		 len = 0, lineno = 0, cap = *n, bcap = *nbad;	/* appending */
	ssize_t		 got;

	if ((f = fopen(path, "re")) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((got = getline(&line, &len, f)) != -1) {
		lineno++;
		if (got > 0 && line[got - 1] == '\n')
			line[got - 1] = '\0';
		if (anchor_line(pool, line, &a) == -1)
			push_bad(pool, bad, nbad, &bcap, pool_printf(pool,
			    "%s 第 %zu 行不是完整的锚点。", path, lineno));
		else
			push_anchor(pool, arr, n, &cap, &a);
	}
	free(line);
	fclose(f);
	return 0;
}
