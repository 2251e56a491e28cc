/*
 * request.h: one HTTP request as a page handler sees it.
 *
 * The FastCGI request is bound to ClearSilver's CGI kit through cgiwrap
 * callbacks, so the kit's parsers read query strings, urlencoded and
 * multipart bodies and cookies into r->hdf (Query.*, Cookie.*).  Limits on
 * body size, field count and field length are checked before and after
 * parsing.  Everything else a request allocates comes from r->pool.
 */
#ifndef YW_REQUEST_H
#define YW_REQUEST_H

#include <stdint.h>
#include <stdio.h>

#include <ClearSilver.h>

#include "arena.h"
#include "config.h"
#include "db.h"

struct FCGX_Request;

/* What stands for the form token (64 characters) in a kept page that
 * prints it: a byte no page ever holds (a control character). */
#define PAGE_TOKEN_MARK	'\001'
#define PAGE_TOKEN_LEN	64

/* The large-text mode's cookie, named as session.c names its own. */
#define VIEW_COOKIE	"yw_view"

/* Roles, as bits; a user may hold several. */
enum role {
	ROLE_CITIZEN	= 1 << 0,	/* extranet applicant */
	ROLE_CLERK	= 1 << 1,	/* 窗口受理人员 */
	ROLE_HANDLER	= 1 << 2,	/* 承办人 */
	ROLE_LEADER	= 1 << 3,	/* 分管领导 */
	ROLE_ADMIN	= 1 << 4,	/* 系统管理员: organisation, staff, catalogue */
	/* 三员分立 (SEC-7): neither holds another administrator's role. */
	ROLE_SECADMIN	= 1 << 5,	/* 安全管理员: roles, passwords, lock-outs */
	ROLE_AUDITOR	= 1 << 6,	/* 审计管理员: the only reader of the audit */
	ROLE_CHIEF	= 1 << 7,	/* 科室负责人: 审核 between the handler
					 * and the leader (seed 004 #3 第十六条) */
	/* 电子监察 (SUP-*): they watch, they do not handle cases. */
	ROLE_SUPERVISOR	= 1 << 8,	/* 电子监察员 of the 监察室 / 效能办 */
	ROLE_OBSERVER	= 1 << 9,	/* 特邀监督员: 人大代表、政协委员 who
					 * look in read-only (SUP-7) */
	/* The gap (GAP-6): carries the discs, reads the status of the
	 * gap; neither handles cases nor administers (db/180). */
	ROLE_GAPOP	= 1 << 10,	/* 网闸摆渡员 */
	ROLE_AGENT	= 1 << 11,	/* 代办员, on the extranet (AGT-1) */
	/* 全程代理 (INT-14): follows key projects, urges their steps,
	 * acts on none (db/270). */
	ROLE_COORD	= 1 << 12,	/* 代理协调员 */
};
/* The business roles, and the three administrators' (SEC-7). */
#define ROLES_STAFF	(ROLE_CLERK | ROLE_HANDLER | ROLE_CHIEF | ROLE_LEADER)
#define ROLES_ADMINS	(ROLE_ADMIN | ROLE_SECADMIN | ROLE_AUDITOR)
/* Who may look at the supervision pages (observers see them masked). */
#define ROLES_WATCH	(ROLE_SUPERVISOR | ROLE_OBSERVER)
/* Who reads the gap's status page (/ops/gap): the gap operator, and the
 * system and security administrators, who answer for the system and for
 * its alerts; not the audit administrator, who reads the audit only. */
#define ROLES_GAPVIEW	(ROLE_GAPOP | ROLE_ADMIN | ROLE_SECADMIN)

struct user {
	int64_t		 id;		/* 0 when nobody is logged in */
	const char	*name;
	const char	*login;		/* staff login name; "citizen:<id>" */
	unsigned	 roles;
	int64_t		 dept_id;
	const char	*dept_name;
	const char	*dept_code;
	int64_t		 agent_id;	/* ROLE_AGENT: the agent (agent.h) */
	int		 pw_temporary;	/* set by an administrator: the owner
					 * must change it first (SEC-7) */
};

struct req {
	struct pool		*pool;
	const struct config	*cfg;
	struct db		*db;
	struct FCGX_Request	*fcgx;		/* NULL in tests */
	CGI			*cgi;
	HDF			*hdf;
	const char		*method;	/* "GET", "POST", … */
	const char		*path;		/* without the query string */
	struct user		 user;
	const char		*csrf;		/* token forms must carry */
	const char		*why;		/* request_begin()'s refusal */
	const char		*session_hash;	/* of the logged-in session */
	/* Response under construction. */
	int			 status;
	char			*cookies;	/* Set-Cookie lines */
	int			 sent;
	int			 bad_header;	/* a refused header: answer
						 * the fixed error page */
	int			 nomem;		/* a value could not be set
						 * (memory): the page would
						 * be short of it, so 503 and
						 * a page to try again */
	/* A public page kept for visitors without a session (issue #12,
	 * ext_cache.c): the key to keep this response under, and the
	 * generation of the data it is made from; whether it was served
	 * kept (PAGE_HIT) or made and kept (PAGE_MISS). */
	const char		*cache_key;
	uint64_t		 cache_gen;
	enum { PAGE_NONE, PAGE_MISS, PAGE_HIT } cache;
	/* The page prints the visitor's form token (the login form): kept
	 * with each of its places marked (PAGE_TOKEN_MARK), served with
	 * the next visitor's own (ext_cache.c). */
	int			 cache_token;
};

/* Outcome of request_begin(): 0, or the HTTP status to answer with (and
 * in r->why the message to show, or NULL for the status's own).  Every
 * field's name and value is strict UTF-8 with no NUL and no control
 * character but TAB, CR and LF (SEC-4): other requests are refused. */
int	 request_begin(struct req *, struct FCGX_Request *,
	    const struct config *, struct db *, struct pool *);
void	 request_end(struct req *);
/* The CGI kit's state for a request without a body: Cookie.* from the
 * Cookie header and Query.* from the query string (either NULL), as the
 * kit's cgi_init() sets them, without the rest of what it copies. */
NEOERR	*request_kit_get(CGI **, const char *query, const char *cookie);

/* A form or query value of one line, trimmed of surrounding white space;
 * NULL if absent, empty, or holding a TAB, CR or LF. */
const char *form_get(struct req *, const char *name);
/* The same for text of several lines (a textarea): TAB, CR, LF kept. */
const char *form_text(struct req *, const char *name);

/*
 * An uploaded file of field `name`: its stream (owned by the request,
 * positioned at the start), its size and the name the browser gave.
 * The size is what the browser sent; a file larger than max_upload holds
 * only its first max_upload + 1 bytes (multipart.c), so a page compares
 * the size with max_upload before it reads the stream.  Returns 0, or
 * -1 when no file was sent in that field.
 */
int	 form_file(struct req *, const char *name, FILE **fp, size_t *size,
	    const char **filename);

/* A request header or CGI parameter from the server ("REMOTE_ADDR", …). */
const char *request_param(struct req *, const char *name);

/*
 * 1 when s is a plain path on this site, safe to redirect to: it starts
 * with one '/', has no "//" and no backslash, only printable ASCII and
 * at most URL_LOCAL_MAX bytes.  Nothing else names a page of ours (F14).
 */
#define URL_LOCAL_MAX	2048
int	 url_local(const char *);

/* Response side: every header value is refused when it holds a control
 * character (header_value_ok()): the response is then a fixed error page
 * without it, and the log says why. */
int	 header_value_ok(const char *);
void	 reply_cookie(struct req *, const char *name, const char *value,
	    long max_age);
/* The large-text, high-contrast mode (适老化, EXT-13) this browser chose
 * (a cookie of its own, 400 days, both sites); choosing it or not. */
int	 view_big(struct req *);
void	 view_big_set(struct req *, int big);
/* A 303 to location, or to "/" when it is not url_local(). */
int	 reply_redirect(struct req *, const char *location);
/* Render the common error page with status and a message that says what
 * to do next (NULL: a generic one for the status). */
int	 reply_error(struct req *, int status, const char *msg);
/* Render templates/<tpl> inside the layout and send it with r->status. */
int	 render(struct req *, const char *tpl);
/*
 * The fixed busy page, 503, needing no memory: memory ran short while the
 * page was made (r->nomem, or the pool could not grow, arena.h).  Nothing
 * when the response was sent already.
 */
int	 reply_busy(struct req *);
/* Send a body as is (the busy page instead when r->nomem). */
int	 reply_raw(struct req *, const char *ctype, const void *body,
	    size_t len, const char *filename);

/* Send the file at path with ctype, offered for download as name
 * (UTF-8 allowed); 404 page when path is NULL or cannot be read. */
int	 reply_file(struct req *, const char *path, const char *ctype,
	    const char *name);

/* Put a value into the page data, formatted. */
void	 hdf_setf(struct req *, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 hdf_set(struct req *, const char *name, const char *value);
/* The same under a prefix: hdf_put(r, "Item", "name", v) sets Item.name. */
void	 hdf_put(struct req *, const char *prefix, const char *key,
	    const char *value);
void	 hdf_putf(struct req *, const char *prefix, const char *key,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The pure part of rendering, for tests: template tpl with hdf into a
 * pool string; NULL on a template error (logged). */
char	*render_string(HDF *hdf, const char *templates_dir, const char *tpl,
	    struct pool *);
/* Free the parsed templates each worker keeps (for leak checks). */
void	 render_forget_all(void);

#endif
