/*
 * config.c: parse the site configuration file.
 */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
parse_size(const char *v, size_t *out)
{
	char			*end;
	unsigned long long	 n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0')
		return -1;
	*out = (size_t)n;
	return 0;
}

/* 0, or -1 when memory is short (the program says so and ends; it has
 * served nothing yet). */
static int
set_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	if ((c->db_name = strdup("yiwang")) == NULL ||
	    (c->db_user = strdup("yiwang_app")) == NULL ||
	    (c->db_password = strdup("")) == NULL ||
	    (c->db_migrate_user = strdup("yiwang_migrate")) == NULL)
		return -1;
	c->max_body = 30 * 1024 * 1024;
	c->max_upload = 10 * 1024 * 1024;
	c->max_fields = 200;
	c->max_field_len = 64 * 1024;
	c->session_idle = 30 * 60;
	c->session_max = 12 * 3600;
	c->bundle_max = (size_t)1 << 30;
	c->clamd_timeout = 30;
	c->quota_apps = 20;
	c->quota_bytes = (size_t)200 * 1024 * 1024;
	c->sweep_grace = 24 * 3600;
	c->gap_heartbeat = 3600;
	c->audit_stripes = 8;
	c->gap_keep_days = 30;
	c->gap_keep_bytes = (size_t)10 << 30;
	c->gap_suite = CONFIG_SUITE_INTL;
	c->gap_key_overlap_days = 30;
	return 0;
}

/* "intl" or "sm" as a CONFIG_SUITE_* bit; 0 for anything else. */
static unsigned
suite_bit(const char *name)
{
	if (strcmp(name, "intl") == 0)
		return CONFIG_SUITE_INTL;
	if (strcmp(name, "sm") == 0)
		return CONFIG_SUITE_SM;
	return 0;
}

/* "intl sm": the bits of each word, 0 when one is not a suite. */
static unsigned
suite_bits(char *v)
{
	unsigned	 bits = 0, b;
	char		*w, *save = NULL;

	for (w = strtok_r(v, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		if ((b = suite_bit(w)) == 0)
			return 0;
		bits |= b;
	}
	return bits;
}

const char *
config_key(const struct config *c, unsigned suite, enum key_role role)
{
	int	sm = suite == CONFIG_SUITE_SM;

	switch (role) {
	case KEY_SIGN:
		return sm ? c->sm_sign_key : c->sign_key;
	case KEY_ENC:
		return sm ? c->sm_enc_key : c->enc_key;
	case KEY_PEER:
		return sm ? c->sm_peer_key : c->peer_key;
	default:
		return sm ? c->sm_peer_enc_key : c->peer_enc_key;
	}
}

const char *
config_key_name(unsigned suite, enum key_role role)
{
	static const char	*names[2][4] = {
		{ "sign_key", "enc_key", "peer_key", "peer_enc_key" },
		{ "sm_sign_key", "sm_enc_key", "sm_peer_key",
		  "sm_peer_enc_key" },
	};

	return names[suite == CONFIG_SUITE_SM][role];
}

int
config_load(const char *path, struct config *c)
{
	FILE		*f;
	char		 line[4096], *k, *v, *p, **sp;
	size_t		*zp, n;
	unsigned	 lineno = 0;
	struct {
		const char	*key;
		char		**s;
		size_t		*z;
	} keys[] = {
		{ "db_socket", &c->db_socket, NULL },
		{ "db_read_socket", &c->db_read_socket, NULL },
		{ "db_host", &c->db_host, NULL },
		{ "db_name", &c->db_name, NULL },
		{ "db_user", &c->db_user, NULL },
		{ "db_password", &c->db_password, NULL },
		{ "db_password_file", &c->db_password_file, NULL },
		{ "db_migrate_user", &c->db_migrate_user, NULL },
		{ "db_migrate_password_file", &c->db_migrate_password_file,
		    NULL },
		{ "files_dir", &c->files_dir, NULL },
		{ "bundle_dir", &c->bundle_dir, NULL },
		{ "templates_dir", &c->templates_dir, NULL },
		{ "migrations_dir", &c->migrations_dir, NULL },
		{ "sign_key", &c->sign_key, NULL },
		{ "peer_key", &c->peer_key, NULL },
		{ "chain_key", &c->chain_key, NULL },
		{ "anchor_file", &c->anchor_file, NULL },
		{ "pii_key", &c->pii_key, NULL },
		{ "enc_key", &c->enc_key, NULL },
		{ "peer_enc_key", &c->peer_enc_key, NULL },
		{ "sm_sign_key", &c->sm_sign_key, NULL },
		{ "sm_peer_key", &c->sm_peer_key, NULL },
		{ "sm_enc_key", &c->sm_enc_key, NULL },
		{ "sm_peer_enc_key", &c->sm_peer_enc_key, NULL },
		{ "gap_key_overlap_days", NULL, &c->gap_key_overlap_days },
		{ "ca_cert", &c->ca_cert, NULL },
		{ "ca_key", &c->ca_key, NULL },
		{ "cert_dir", &c->cert_dir, NULL },
		{ "ops_ca_cert", &c->ops_ca_cert, NULL },
		{ "ops_ca_key", &c->ops_ca_key, NULL },
		{ "org_name", &c->org_name, NULL },
		{ "org_phone", &c->org_phone, NULL },
		{ "site_code", &c->site_code, NULL },
		{ "icp", &c->icp, NULL },
		{ "psb", &c->psb, NULL },
		{ "psb_code", &c->psb_code, NULL },
		{ "clock_file", &c->clock_file, NULL },
		{ "max_body", NULL, &c->max_body },
		{ "max_upload", NULL, &c->max_upload },
		{ "max_fields", NULL, &c->max_fields },
		{ "max_field_len", NULL, &c->max_field_len },
		{ "bundle_max", NULL, &c->bundle_max },
		{ "clamd_socket", &c->clamd_socket, NULL },
		{ "clamd_timeout", NULL, &c->clamd_timeout },
		{ "quota_apps_per_day", NULL, &c->quota_apps },
		{ "quota_bytes_per_day", NULL, &c->quota_bytes },
		{ "files_sweep_grace", NULL, &c->sweep_grace },
		{ "gap_heartbeat", NULL, &c->gap_heartbeat },
		{ "gap_keep_days", NULL, &c->gap_keep_days },
		{ "gap_keep_bytes", NULL, &c->gap_keep_bytes },
		{ "seal_key_dir", &c->seal_key_dir, NULL },
		{ "verify_url", &c->verify_url, NULL },
		{ "sms_url", &c->sms_url, NULL },
		{ "sms_user", &c->sms_user, NULL },
		{ "sms_password_file", &c->sms_password_file, NULL },
		{ "sms_sender", &c->sms_sender, NULL },
		{ "sms_sign", &c->sms_sign, NULL },
		{ "sms_dlr_url", &c->sms_dlr_url, NULL },
		{ "development", NULL, &c->development },
		{ "audit_stripes", NULL, &c->audit_stripes },
		{ "app_no_gapless", NULL, &c->app_no_gapless },
	};

	if (set_defaults(c) == -1) {
		fprintf(stderr, "%s: out of memory\n", path);
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		k = trim(line);
		if (*k == '\0')
			continue;
		if ((p = strchr(k, '=')) == NULL)
			goto bad;
		*p = '\0';
		k = trim(k);
		v = trim(p + 1);
		sp = NULL;
		zp = NULL;
		for (n = 0; n < sizeof(keys) / sizeof(keys[0]); n++)
			if (strcmp(k, keys[n].key) == 0) {
				sp = keys[n].s;
				zp = keys[n].z;
			}
		if (sp != NULL) {
			free(*sp);
			if ((*sp = strdup(v)) == NULL) {
				fprintf(stderr, "%s:%u: out of memory\n", path,
				    lineno);
				fclose(f);
				return -1;
			}
		} else if (zp != NULL) {
			if (parse_size(v, zp) == -1)
				goto bad;
		} else if (strcmp(k, "site") == 0) {
			if (strcmp(v, "extranet") == 0)
				c->site = SITE_EXTRANET;
			else if (strcmp(v, "intranet") == 0)
				c->site = SITE_INTRANET;
			else
				goto bad;
		} else if (strcmp(k, "db_port") == 0) {
			if (parse_size(v, &n) == -1 || n > 65535)
				goto bad;
			c->db_port = (unsigned)n;
		} else if (strcmp(k, "session_idle") == 0) {
			if (parse_size(v, &n) == -1)
				goto bad;
			c->session_idle = (long)n;
		} else if (strcmp(k, "session_max") == 0) {
			if (parse_size(v, &n) == -1)
				goto bad;
			c->session_max = (long)n;
		} else if (strcmp(k, "cookie_secure") == 0) {
			c->cookie_secure = strcmp(v, "1") == 0;
		} else if (strcmp(k, "db_replica") == 0) {
			if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
				goto bad;
			c->db_replica = strcmp(v, "on") == 0;
		} else if (strcmp(k, "clock_settable") == 0) {
			c->clock_settable = strcmp(v, "1") == 0;
		} else if (strcmp(k, "gap_suite") == 0) {
			if ((c->gap_suite = suite_bit(v)) == 0)
				goto bad;
		} else if (strcmp(k, "gap_suites") == 0) {
			if ((c->gap_suites = suite_bits(v)) == 0)
				goto bad;
		} else
			goto bad;
	}
	fclose(f);
	if (c->site == 0) {
		fprintf(stderr, "%s: no site = extranet|intranet\n", path);
		return -1;
	}
	if (c->audit_stripes < 1 || c->audit_stripes > 8 ||
	    c->app_no_gapless > 1) {
		fprintf(stderr, "%s: audit_stripes is 1 to 8, app_no_gapless "
		    "0 or 1\n", path);
		return -1;
	}
	if (c->gap_suites == 0)		/* accepts what it writes */
		c->gap_suites = c->gap_suite;
	return 0;
bad:
	fprintf(stderr, "%s:%u: not understood: %s\n", path, lineno, k);
	fclose(f);
	return -1;
}

void
config_free(struct config *c)
{
	free(c->clock_file);
	free(c->db_socket);
	free(c->db_read_socket);
	free(c->db_host);
	free(c->db_name);
	free(c->db_user);
	free(c->db_password);
	free(c->db_password_file);
	free(c->db_migrate_user);
	free(c->db_migrate_password_file);
	free(c->files_dir);
	free(c->bundle_dir);
	free(c->templates_dir);
	free(c->migrations_dir);
	free(c->sign_key);
	free(c->peer_key);
	free(c->chain_key);
	free(c->anchor_file);
	free(c->pii_key);
	free(c->enc_key);
	free(c->peer_enc_key);
	free(c->sm_sign_key);
	free(c->sm_peer_key);
	free(c->sm_enc_key);
	free(c->sm_peer_enc_key);
	free(c->ca_cert);
	free(c->ca_key);
	free(c->cert_dir);
	free(c->ops_ca_cert);
	free(c->ops_ca_key);
	free(c->seal_key_dir);
	free(c->verify_url);
	free(c->org_name);
	free(c->org_phone);
	free(c->site_code);
	free(c->icp);
	free(c->psb);
	free(c->psb_code);
	free(c->clamd_socket);
	free(c->sms_url);
	free(c->sms_user);
	free(c->sms_password_file);
	free(c->sms_sender);
	free(c->sms_sign);
	free(c->sms_dlr_url);
	memset(c, 0, sizeof(*c));
}

const char *
config_path(const char *arg)
{
	if (arg != NULL)
		return arg;
	return getenv("YIWANG_CONF");
}

const char *
config_site_name(enum site s)
{
	return s == SITE_INTRANET ? "intranet" : "extranet";
}

/* A login name as the audit row may hold it: short, plain ASCII. */
static int
plain_login(const char *s)
{
	size_t	 n;

	return s != NULL && (n = strlen(s)) > 0 && n <= OPERATOR_LOGIN_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

const char *
config_operator(struct pool *pool)
{
	struct passwd	*pw;
	const char	*who, *sudo = getenv("SUDO_USER");

	pw = getpwuid(getuid());
	who = pw != NULL && plain_login(pw->pw_name) ? pw->pw_name :
	    pool_printf(pool, "uid%ld", (long)getuid());
	if (plain_login(sudo) && strcmp(sudo, who) != 0)
		return pool_printf(pool, "cli:%s (sudo %s)", who, sudo);
	return pool_printf(pool, "cli:%s", who);
}
