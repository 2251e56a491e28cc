/*
 * session.c: session and pre-session cookies.
 */
#include <string.h>

#include "account.h"
#include "crypto.h"
#include "session.h"

/*
 * Over TLS (cookie_secure) the names carry the __Host- prefix: browsers
 * then accept them only with Secure, Path=/ and no Domain, so neither a
 * plain-HTTP page nor another host under the same domain can plant one.
 */
#define COOKIE_SESSION	"yw_sid"
#define COOKIE_PRE	"yw_pre"
#define HOST_PREFIX	"__Host-"

static const char *
cookie_name(const struct req *r, const char *name)
{
	return r->cfg->cookie_secure ? pool_printf(r->pool, HOST_PREFIX "%s",
	    name) : name;
}

static const char *
cookie_get(const struct req *r, const char *name)
{
	return hdf_get_value(r->hdf, pool_printf(r->pool, "Cookie.%s",
	    cookie_name(r, name)), NULL);
}

/* A cookie value we issued is exactly 64 lower-case hex digits: V's
 * first N bytes are. */
static int
token_shape_n(const char *v, size_t n)
{
	size_t	 i;

	if (v == NULL || n != 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'a' && v[i] <= 'f')))
			return 0;
	return 1;
}

static int
token_shape(const char *v)
{
	return v != NULL && token_shape_n(v, strlen(v));
}

/* One cookie of a Cookie header: name=value up to ';' or the end. */
static const char *
plain_pair(const char *h, const char *name, const char **v, size_t *vlen)
{
	size_t	 n = strlen(name);

	if (strncmp(h, name, n) != 0 || h[n] != '=')
		return NULL;
	*v = h + n + 1;
	*vlen = strcspn(*v, ";");
	return *v + *vlen;
}

int
session_cookies_plain(const struct config *cfg, const char *h,
    const char **pre, int *big)
{
	const char	*pname, *vname, *v, *next;
	size_t		 vlen;
	int		 seen_pre = 0, seen_view = 0;

	pname = cfg->cookie_secure ? HOST_PREFIX COOKIE_PRE : COOKIE_PRE;
	vname = cfg->cookie_secure ? HOST_PREFIX VIEW_COOKIE : VIEW_COOKIE;
	*pre = NULL;
	*big = 0;
	if (h == NULL)
		return 1;
	for (;;) {
		if ((next = plain_pair(h, pname, &v, &vlen)) != NULL &&
		    !seen_pre++ && vlen == 64) {
			if (!token_shape_n(v, vlen))
				return 0;
			*pre = v;
		} else if ((next = plain_pair(h, vname, &v, &vlen)) != NULL &&
		    !seen_view++ && vlen == 3 && strncmp(v, "big", 3) == 0)
			*big = 1;
		else
			return 0;
		if (*next == '\0')
			return 1;
		if (strncmp(next, "; ", 2) != 0)
			return 0;
		h = next + 2;
	}
}

void
session_token(char out[65])
{
	unsigned char	 raw[32];

	crypto_random(raw, sizeof(raw));
	crypto_hex(raw, sizeof(raw), out);
}

int
session_hash(const char *token, char out[65])
{
	return crypto_sha256_hex(token, strlen(token), out);
}

void
session_begin(struct req *r)
{
	const char	*sid, *pre;
	char		 hash[65], *csrf = NULL;

	sid = cookie_get(r, COOKIE_SESSION);
	if (token_shape(sid)) {
		if (session_hash(sid, hash) == -1) {
			/* Whose request it is cannot be told: the busy
			 * page (serve()), not a page as nobody. */
			r->nomem = 1;
			return;
		}
		if (account_session_load(r->db, r->pool, r->cfg->site, hash,
		    r->cfg->session_idle, r->cfg->session_max, &r->user,
		    &csrf) == DB_OK) {
			r->csrf = csrf;
			r->session_hash = pool_strdup(r->pool, hash);
			return;
		}
	}
	pre = cookie_get(r, COOKIE_PRE);
	if (token_shape(pre)) {
		r->csrf = pool_strdup(r->pool, pre);
		return;
	}
	session_anon(r);
}

void
session_anon(struct req *r)
{
	char	 fresh[65];

	session_token(fresh);
	r->csrf = pool_strdup(r->pool, fresh);
	reply_cookie(r, cookie_name(r, COOKIE_PRE), fresh, r->cfg->session_max);
}

int
session_sent(const struct req *r)
{
	return cookie_get(r, COOKIE_SESSION) != NULL;
}

int
session_login(struct req *r, const struct user *u)
{
	char	 token[65], hash[65], csrf[65];

	if (r->session_hash != NULL)
		account_session_drop(r->db, r->session_hash);
	session_token(token);
	session_token(csrf);
	if (session_hash(token, hash) == -1 ||
	    account_session_add(r->db, hash, u->id, csrf) != DB_OK)
		return -1;
	reply_cookie(r, cookie_name(r, COOKIE_SESSION), token,
	    r->cfg->session_max);
	r->user = *u;
	r->csrf = pool_strdup(r->pool, csrf);
	r->session_hash = pool_strdup(r->pool, hash);
	return 0;
}

void
session_logout(struct req *r)
{
	if (r->session_hash != NULL)
		account_session_drop(r->db, r->session_hash);
	reply_cookie(r, cookie_name(r, COOKIE_SESSION), "", 0);
	memset(&r->user, 0, sizeof(r->user));
	r->session_hash = NULL;
}
