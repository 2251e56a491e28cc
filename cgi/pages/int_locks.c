/*
 * int_locks.c: the security administrator's list of locked staff
 * accounts and the unlock (SEC-1, SEC-7, F5).  Citizens' accounts live
 * on the extranet only: there the same is `yiwang-admin locks` and
 * `yiwang-admin unlock IDNO` (docs/security.md).
 */
#include <string.h>

#include "account.h"
#include "org.h"
#include "pages.h"

/*
 * GET /sec/locks: the staff accounts locked now; ?done=LOGIN after an
 * unlock.
 */
int
page_int_sec_locks(struct req *r)
{
	struct account_locked	*v;
	const char		*done;
	size_t			 n, i;
	char			*p;

	if (account_locks(r->db, r->pool, SITE_INTRANET, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Locks.%zu", i);
		hdf_put(r, p, "login", v[i].login);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "dept", v[i].dept);
		hdf_put(r, p, "locked_at", v[i].locked_at);
		hdf_putf(r, p, "level", "%lld", (long long)v[i].level);
	}
	if ((done = form_get(r, "done")) != NULL && org_valid_login(done))
		hdf_set(r, "Page.Notice", pool_printf(r->pool, "已解锁 %s，"
		    "本人现在可以用原密码登录。", done));
	hdf_set(r, "Page.Title", "被锁定的账户");
	return render(r, "int/sec_locks.cs");
}

/* POST /sec/unlock: login.  Audited as account.unlock. */
int
page_int_sec_unlock(struct req *r)
{
	const char	*login = form_get(r, "login");

	if (login == NULL || strlen(login) > 40)
		return reply_error(r, 400, "请从被锁定的账户列表中选择要解锁的"
		    "账户。");
	switch (account_unlock(r->db, r->pool, SITE_INTRANET, login,
	    r->user.login)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/sec/locks?done=%s", login));
	case DB_NONE:
		return reply_error(r, 409, "这个账户现在没有被锁定（可能已被"
		    "别人解锁），请返回列表刷新后再看。");
	default:
		return reply_error(r, 500, NULL);
	}
}
