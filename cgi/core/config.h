/*
 * config.h: a site's configuration, read once at start from a file of
 * "key = value" lines ('#' starts a comment).
 */
#ifndef YW_CONFIG_H
#define YW_CONFIG_H

#include <stddef.h>

#include "arena.h"

enum site {
	SITE_EXTRANET = 1,
	SITE_INTRANET = 2,
};

struct config {
	enum site	 site;
	char		*db_socket;
	/* A replica's socket for the public catalogue's reads
	 * (docs/replica.md); NULL: every read on db_socket.  db_replica
	 * (on/off) is ./run's: whether it starts that replica. */
	char		*db_read_socket;
	int		 db_replica;
	char		*db_host;
	unsigned	 db_port;
	char		*db_name;
	char		*db_user;	/* the application's account */
	char		*db_password;
	char		*db_password_file;	/* its password, if not above */
	char		*db_migrate_user;	/* migrations and index rebuilds */
	char		*db_migrate_password_file;
	char		*files_dir;
	char		*bundle_dir;
	char		*templates_dir;
	char		*migrations_dir;
	char		*sign_key;
	char		*peer_key;
	char		*chain_key;	/* HMAC key of the ledgers' chains */
	char		*anchor_file;	/* signed chain heads, append-only */
	char		*pii_key;	/* seals personal data at rest (pii.h) */
	char		*enc_key;	/* X25519 private (GAP-3); + ".pub" */
	char		*peer_enc_key;	/* the other site's X25519 public */
	/* The cryptographic suites of the gap (GAP-7): the one this site
	 * writes, the ones it accepts (CONFIG_SUITE_* bits), the keys of
	 * the SM suite as the four above are of intl's, and how long a
	 * rotated key stays usable (gap-key-rotate, gap-key-peer). */
	unsigned	 gap_suite;
	unsigned	 gap_suites;
	char		*sm_sign_key;	/* SM2 private; + ".pub" */
	char		*sm_peer_key;	/* the other site's SM2 signing public */
	char		*sm_enc_key;	/* SM2 private for key agreement */
	char		*sm_peer_enc_key;	/* the other site's, public */
	size_t		 gap_key_overlap_days;
	char		*ca_cert;	/* the CA of staff certificates (ACC-4) */
	char		*ca_key;	/* its key: yiwang-admin cert-issue only */
	char		*cert_dir;	/* where cert-issue writes .p12 files */
	/* The operations CA (GAP-6): issues the certificates that open the
	 * operations server (/ops/, both sites), and its key
	 * (yiwang-admin ops-cert-issue only). */
	char		*ops_ca_cert;
	char		*ops_ca_key;
	char		*org_name;	/* 锡林浩特市人民政府政务服务中心 */
	char		*org_phone;
	/* The footer's registration numbers (docs/pages.md "Footer"). */
	char		*site_code;	/* 政府网站标识码 */
	char		*icp;		/* ICP 备案号 */
	char		*psb;		/* 公安机关备案号 */
	char		*psb_code;	/* its number alone, for the link */
	/* Request limits (bytes or counts). */
	size_t		 max_body;
	size_t		 max_upload;
	size_t		 max_fields;
	size_t		 max_field_len;
	/* Session lifetimes in seconds. */
	long		 session_idle;
	long		 session_max;
	int		 cookie_secure;
	/* yiwang-admin --now may set the clock (clock.h), and so may the
	 * file clock_file for every program of the site: test stacks. */
	int		 clock_settable;
	char		*clock_file;
	/* Bundle limits. */
	size_t		 bundle_max;
	/* Malware scanning (SEC-4): this site's clamd, and how long to wait
	 * for it (seconds) before an upload is refused as unscanned. */
	char		*clamd_socket;
	size_t		 clamd_timeout;
	/* What one account may submit a day (SEC-8), Beijing time. */
	size_t		 quota_apps;
	size_t		 quota_bytes;
	/* files-sweep leaves files younger than this (seconds). */
	size_t		 sweep_grace;
	/* Re-send (GAP-5): a bundle with no records goes out when none has
	 * for gap_heartbeat seconds (0: never); this site's bundles are
	 * kept until acknowledged, then gap_keep_days, and the acknowledged
	 * ones let go sooner while all kept pass gap_keep_bytes. */
	size_t		 gap_heartbeat;
	size_t		 gap_keep_days;
	size_t		 gap_keep_bytes;
	/* Seals (DOC-1, EXT-6): where the departments' seal private keys
	 * are (intranet), and the extranet's verification page as the
	 * public reaches it, "https://…/verify", which a sealed document's
	 * QR code carries (both sites print it). */
	char		*seal_key_dir;
	char		*verify_url;
	/* The SMS gateway (NTF-1; docs/sms.md): Kannel's smsbox sendsms
	 * URL (http:// only; NULL: no gateway, messages wait queued), its
	 * user, the file holding its password, the sender number, the
	 * signature the texts begin with (【…】), and the address the
	 * gateway calls back with delivery reports. */
	char		*sms_url;
	char		*sms_user;
	char		*sms_password_file;
	char		*sms_sender;
	char		*sms_sign;
	char		*sms_dlr_url;
	/* A development site (the demo, test stacks): /dev/sms lists what
	 * was sent.  Production keeps 0. */
	size_t		 development;
	/* Writers without one global lock (SEC-3, issue #12): the audit
	 * chains a site's writers spread over (1 to 8; 1: the one chain of
	 * before 285, every audited write waiting for the one before), and
	 * application numbers taken inside the submission's transaction,
	 * without gaps but one submission at a time (1), or each in a
	 * statement of its own before it (0, the default; docs/security.md
	 * "Writers in parallel"). */
	size_t		 audit_stripes;
	size_t		 app_no_gapless;
};

/*
 * Read the file at path into cfg.  Returns 0, or -1 after printing the
 * file, line and reason to standard error.
 */
int	 config_load(const char *path, struct config *cfg);
void	 config_free(struct config *cfg);
/* The config path: the -c argument if given, else $YIWANG_CONF. */
const char *config_path(const char *arg);
const char *config_site_name(enum site);

/* The suites of the gap: intl (Ed25519, X25519, AES-256-GCM, SHA-256)
 * and sm (SM2, SM3, SM4); bundle.h's BUNDLE_INTL and BUNDLE_SM. */
#define CONFIG_SUITE_INTL	1u
#define CONFIG_SUITE_SM		2u
/* The key files of a suite: this site's signing and encryption private
 * keys, the other site's signing and encryption public keys. */
enum key_role {
	KEY_SIGN,
	KEY_ENC,
	KEY_PEER,
	KEY_PEER_ENC,
};
/* Its path (NULL when not configured), and the config key that sets it
 * ("sign_key", "sm_peer_key", ...). */
const char *config_key(const struct config *, unsigned suite, enum key_role);
const char *config_key_name(unsigned suite, enum key_role);

/*
 * Who runs a command-line tool (yiwang-admin, yiwang-gap), as the audit
 * trail names them: "cli:<login of the real user id>", and when they
 * became it through sudo "cli:root (sudo alice)".  A login name longer
 * than OPERATOR_LOGIN_MAX or not plain ASCII is not trusted: the uid
 * stands for it, and a SUDO_USER like that is left out.  At most 60
 * characters (audit.actor).
 */
#define OPERATOR_LOGIN_MAX	24
const char *config_operator(struct pool *);

#endif
