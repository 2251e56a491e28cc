/*
 * int_sec_certs.c: client certificates of staff accounts (ACC-4, SEC-1).
 * nginx verifies a presented certificate against the local CA and passes
 * it on (SSL_CLIENT_VERIFY, SSL_CLIENT_CERT); here it is matched to the
 * account it is bound to, at login once the password is right, and on
 * every request after.  The security administrator lists the bindings
 * and revokes them; issuing is `yiwang-admin cert-issue`, which holds the
 * CA's key.
 */
#include <string.h>

#include "alert.h"
#include "crypto.h"
#include "pages.h"
#include "pki.h"
#include "session.h"
#include "staffcert.h"

#define CERT_NEEDED "这个账号只能用本人的数字证书登录：请在浏览器中导入安全管理员" \
    "发给您的证书（.p12 文件），重新打开浏览器后在询问时选用它。证书丢失或过期，" \
    "请联系安全管理员。"

/* 1 when the request presents the certificate whose SHA-256 is want. */
static int
presents(struct req *r, const char *want)
{
	char	got[SHA256_HEX];

	if (want == NULL || strlen(want) != SHA256_HEX - 1 ||
	    pki_presented(request_param(r, "SSL_CLIENT_VERIFY"),
	    request_param(r, "SSL_CLIENT_CERT"), got) == -1)
		return 0;
	return crypto_equal(got, want, SHA256_HEX - 1) == 0;
}

int
sec_cert_gate(struct req *r)
{
	char	*want = NULL;

	if (r->cfg->site != SITE_INTRANET || r->user.id == 0)
		return 0;
	switch (staffcert_of_staff(r->db, r->pool, r->user.id, &want)) {
	case DB_NONE:
		return 0;
	case DB_OK:
		break;
	default:
		return 500;
	}
	if (presents(r, want))
		return 0;
	/* The session ends; the anonymous visitor gets fresh form tokens. */
	session_logout(r);
	session_begin(r);
	return 0;
}

int
sec_cert_login(struct req *r, const struct user *u, const char *next)
{
	char	*want = NULL;

	switch (staffcert_of_staff(r->db, r->pool, u->id, &want)) {
	case DB_NONE:
		return -1;	/* not bound: the password is enough */
	case DB_OK:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	if (presents(r, want))
		return -1;
	/*
	 * Whoever typed the password knows now that it is right: its owner
	 * at a browser without the certificate, or someone who should not
	 * know it.  The security administrator finds out which.
	 */
	(void)alert_raise(r->db, r->pool, "account.cert", pool_printf(r->pool,
	    "staff:%s", u->login), pool_printf(r->pool, "%s（%s）的密码输入"
	    "正确，但没有出示绑定的数字证书，未能登录。如果不是本人在没有导入证书"
	    "的电脑上登录，这个密码已经泄露：请与本人核实，并重置密码。",
	    u->name, u->login));
	r->status = 403;
	hdf_set(r, "Form.Error", CERT_NEEDED);
	hdf_set(r, "Form.login", u->login);
	hdf_set(r, "Form.next", next);
	hdf_set(r, "Page.Title", "工作人员登录");
	return render(r, "int/login.cs");
}

/*
 * GET /sec/certs: every account bound to a certificate, with what was
 * issued, when, by whom, and until when; a revoke button on each.
 */
int
page_int_sec_certs(struct req *r)
{
	struct staffcert	*v;
	const char		*done = form_get(r, "revoked");
	char			*p;
	size_t			 n, i;

	if (staffcert_list(r->db, r->pool, 0, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Cert.%zu", i);
		hdf_put(r, p, "login", v[i].login);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "serial", v[i].serial);
		hdf_put(r, p, "sha256", v[i].sha256);
		hdf_put(r, p, "not_after", v[i].not_after);
		hdf_put(r, p, "issued_at", v[i].issued_at);
		hdf_put(r, p, "issued_by", v[i].issued_by);
	}
	if (done != NULL && strlen(done) <= 40)
		hdf_set(r, "Done.revoked", done);
	hdf_set(r, "Page.Title", "数字证书");
	return render(r, "int/sec_certs.cs");
}

/*
 * POST /sec/certs/revoke: login.  The account is no longer bound: it logs
 * in with its password alone until a new certificate is issued.
 */
int
page_int_sec_cert_revoke(struct req *r)
{
	const char	*login = form_get(r, "login");

	if (login == NULL || strlen(login) > 40)
		return reply_error(r, 400, "请选择要吊销证书的工作人员。");
	switch (staffcert_unbind(r->db, r->pool, r->user.login, login)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "这位工作人员没有绑定数字证书，"
		    "可能已被吊销。请刷新证书列表。");
	default:
		return reply_error(r, 500, NULL);
	}
	return reply_redirect(r, pool_printf(r->pool,
	    "/sec/certs?revoked=%s", login));
}
