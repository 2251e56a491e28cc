/*
 * request.c: bind a FastCGI request to ClearSilver's CGI kit, enforce the
 * request limits, and write responses (headers, cookies, rendered pages).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>

#include "log.h"
#include "pagecache.h"
#include "multipart.h"
#include "request.h"
#include "utf8.h"

/* What a request with bytes that are not text is answered (F3). */
#define BAD_TEXT	"提交的内容中有无法识别的字符或看不见的控制字符（常见于" \
			"从其他软件复制来的文字）。请返回上一页，删除这些字符或" \
			"重新输入后再提交。"

/* The page when none can be rendered (a template fails, no memory). */
#define PLAIN_ERROR	"<!doctype html><meta charset=utf-8><title>系统错误" \
			"</title><p>系统暂时出现故障，请稍后再试。</p>"

/* The page when memory ran short while a page was made (r->nomem). */
#define BUSY_PAGE	"<!doctype html><meta charset=utf-8><title>系统繁忙" \
			"</title><p>系统繁忙，这一页没能显示完整，刚才的操作可能" \
			"没有办成。请稍等片刻后刷新本页；如果刚才是提交表单，请" \
			"返回上一页查看后再提交。</p>"

/*
 * What cb_read() watches in an urlencoded body while the kit reads it.
 * The kit's parser is quadratic in the number of values of one name and
 * only afterwards can we count fields, so a body with too many '&' is cut
 * short here, which the kit reports as a short read.  A NUL, or "%00",
 * is refused the same way (SEC-4, F3): the kit stores every value as a C
 * string, so "a%00b" would arrive silently cut short.  Multipart bodies
 * are read by our own parser (multipart.c, read_multipart()), never by
 * the kit.
 *
 * One request at a time per process, like the kit's own globals.
 */
static struct {
	size_t		 seps, max;
	int		 pct;		/* bytes of "%00" matched */
	int		 nul;		/* a NUL where text goes */
} scan;

/* An urlencoded body: count '&', and watch for NUL and "%00". */
static void
scan_form_byte(char c)
{
	if (c == '&')
		scan.seps++;
	else if (c == '\0' || (c == '0' && scan.pct == 2))
		scan.nul = 1;
	scan.pct = c == '%' ? 1 : c == '0' && scan.pct == 1 ? 2 : 0;
}

/* cgiwrap callbacks: the CGI kit reads and writes through these. */

static int
cb_read(void *data, char *buf, int len)
{
	int		 n, i;

	n = FCGX_GetStr(buf, len, ((FCGX_Request *)data)->in);
	for (i = 0; i < n; i++)
		scan_form_byte(buf[i]);
	if (scan.seps > scan.max || scan.nul)
		return -1;
	return n;
}

static int
cb_writef(void *data, const char *fmt, va_list ap)
{
	return FCGX_VFPrintF(((FCGX_Request *)data)->out, fmt, ap);
}

static int
cb_write(void *data, const char *buf, int len)
{
	return FCGX_PutStr(buf, len, ((FCGX_Request *)data)->out);
}

/*
 * cgi_init() asks for each of the 152 variables the kit knows, most of
 * which no request has, and FCGX_GetParam() compares the name with every
 * parameter each time: an eighth of a made guide's instructions (issue
 * #12).  So the parameters' names are hashed once a request, on the
 * kit's first question (request_begin() forgets the last request's).  A
 * name sent twice is found first as FCGX_GetParam() finds it: linear
 * probing meets the earlier entry first.  More parameters than half the
 * slots: FCGX_GetParam() as before.
 */
#define ENV_SLOTS	128

static struct {
	char	**env;			/* what slot indexes; NULL: none */
	char	 *slot[ENV_SLOTS];	/* "NAME=value" */
	int	  off;			/* too many to index */
} envx;

static unsigned
env_hash(const char *s, size_t n)
{
	unsigned	 h = 2166136261u;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % ENV_SLOTS;
}

static void
env_index(char **env)
{
	const char	*eq;
	size_t		 n;
	unsigned	 h;

	memset(&envx, 0, sizeof(envx));
	envx.env = env;
	for (n = 0; env[n] != NULL; n++)
		;
	if (n > ENV_SLOTS / 2) {
		envx.off = 1;
		return;
	}
	for (; *env != NULL; env++) {
		if ((eq = strchr(*env, '=')) == NULL)
			continue;
		for (h = env_hash(*env, (size_t)(eq - *env));
		    envx.slot[h] != NULL; h = (h + 1) % ENV_SLOTS)
			;
		envx.slot[h] = *env;
	}
}

/* The kit frees what getenv returns, so hand it a malloc'd copy. */
static char *
cb_getenv(void *data, const char *k)
{
	char		**env = ((FCGX_Request *)data)->envp, *e;
	size_t		  n = strlen(k);
	unsigned	  h;

	if (envx.env != env)
		env_index(env);
	if (envx.off)
		return (e = FCGX_GetParam(k, env)) ? strdup(e) : NULL;
	for (h = env_hash(k, n); (e = envx.slot[h]) != NULL;
	    h = (h + 1) % ENV_SLOTS)
		if (strncmp(e, k, n) == 0 && e[n] == '=')
			return strdup(e + n + 1);
	return NULL;
}

static int
cb_putenv(void *data, const char *k, const char *v)
{
	(void)data; (void)k; (void)v;
	return 0;
}

static int
cb_iterenv(void *data, int n, char **k, char **v)
{
	char	**env = ((FCGX_Request *)data)->envp, *eq;
	int	 i;

	*k = *v = NULL;
	for (i = 0; env[i] != NULL && i < n; i++)
		;
	if (env[i] == NULL || (eq = strchr(env[i], '=')) == NULL)
		return 0;
	*k = strndup(env[i], (size_t)(eq - env[i]));
	*v = strdup(eq + 1);
	return 0;
}

static void
log_neoerr(const char *what, NEOERR *err)
{
	STRING	 s;

	string_init(&s);
	nerr_error_string(err, &s);
	log_err("%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

/*
 * A form field's name and value must be text (SEC-4, F3): strict UTF-8
 * with no control character, but for TAB, CR and LF in values.  Whether a
 * value may span lines is the page's to say (form_get(), form_text()).
 * Checked once here, so nothing after (the pages, jansson, MariaDB, the
 * other site) ever sees bytes it may refuse.  Returns 0, or -2.
 */
static int
check_text(HDF *field)
{
	const char	*name = hdf_obj_name(field), *v = hdf_obj_value(field);
	enum utf8_rc	 rc;
	size_t		 at = 0;

	if (name != NULL && (rc = utf8_check(name, strlen(name), 0, &at)) !=
	    UTF8_OK) {
		log_info("refused: a field name: %s at byte %zu",
		    utf8_rc_name(rc), at);
		return -2;
	}
	if (v != NULL && (rc = utf8_check(v, strlen(v), UTF8_LINES, &at)) !=
	    UTF8_OK) {
		log_info("refused: field %s: %s at byte %zu", name,
		    utf8_rc_name(rc), at);
		return -2;
	}
	return 0;
}

/*
 * Count the form fields under node, recursing into multi-valued ones, and
 * check each value's length and text.  Returns 0, -1 when a limit is
 * passed, -2 when a name or value is not text.
 */
static int
check_fields(HDF *node, const struct config *cfg, size_t *count, int depth)
{
	HDF		*c;
	const char	*v;
	int		 rc;

	if (depth > 4)
		return -1;
	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		if (++*count > cfg->max_fields)
			return -1;
		if ((v = hdf_obj_value(c)) != NULL &&
		    strlen(v) > cfg->max_field_len)
			return -1;
		if ((rc = check_text(c)) != 0 ||
		    (rc = check_fields(c, cfg, count, depth + 1)) != 0)
			return rc;
	}
	return 0;
}

/* Occurrences of c in s. */
static size_t
count_char(const char *s, int c)
{
	size_t	 n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (*s == c)
			n++;
	return n;
}

/*
 * A POST body's type must be one the kit parses safely: none, urlencoded,
 * or exactly "multipart/form-data; boundary=B" with B 1 to 70 characters
 * from RFC 2046's set, quoted or not.  The kit takes any type starting
 * "multipart/form-data" for multipart, looks for the boundary only as the
 * first parameter after a ';', and calls strlen() on it when absent.
 * Returns the boundary's length (and where it starts in *bound), 0 for no
 * body or urlencoded, -1 for a multipart type we refuse (400), -2 for any
 * other type (415).
 */
static int
body_type(const char *ct, const char **bound)
{
	static const char	 mp[] = "multipart/form-data;";
	static const char	 bchars[] = "0123456789abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";
	size_t			 n;
	int			 quoted;

	if (ct == NULL || *ct == '\0')
		return 0;
	if (strncmp(ct, "application/x-www-form-urlencoded", 33) == 0 &&
	    (ct[33] == '\0' || ct[33] == ';'))
		return 0;
	if (strncmp(ct, mp, sizeof(mp) - 2) != 0)
		return -2;
	if (ct[sizeof(mp) - 2] != ';')
		return -1;
	ct += sizeof(mp) - 1;
	ct += strspn(ct, " \t");
	if (strncasecmp(ct, "boundary=", 9) != 0)
		return -1;
	ct += 9;
	if ((quoted = *ct == '"'))
		ct++;
	n = strspn(ct, bchars);
	if (n < 1 || n > 70 || strcmp(ct + n, quoted ? "\"" : "") != 0)
		return -1;
	*bound = ct;
	return (int)n;
}

/* What a multipart body refused for a reason of its own is answered. */
#define BAD_FORM	"提交的内容不完整或格式不正确，可能是网络中断了。请返回" \
			"上一页检查后重新提交；已选择的文件需要重新选择。"
#define TOO_MANY	"提交的项目太多，超过了系统允许的数量。请返回上一页，" \
			"删去不需要的项目或分几次提交。"
#define TOO_LONG	"填写的某一项内容太长，超过了系统允许的长度。请返回上" \
			"一页，把过长的内容缩短后重新提交。"

/*
 * The uploads of this request, for form_file(): kept here, not in the
 * HDF, so that no field the client sends ("m1.FileHandle") can name
 * one (F4).  The streams are also in the kit's list, which cgi_destroy()
 * closes.  One request at a time per process, like scan.
 */
static struct upload {
	const char	*name;
	FILE		*fp;
	size_t		 size;
	struct upload	*next;
} *uploads;

static enum mp_rc
nerr_rc(NEOERR *err)
{
	enum mp_rc	 rc;

	if (err == STATUS_OK)
		return MP_OK;
	rc = nerr_match(err, NERR_NOMEM) ? MP_NOMEM : MP_SYNTAX;
	if (rc == MP_SYNTAX)	/* a name HDF refuses ("a..b") */
		log_neoerr("a multipart field", err);
	else
		nerr_ignore(&err);
	return rc;
}

/*
 * Query.<name> = value, as the kit's rfc2388.c set it: a name sent again
 * also gets Query.<name>.0, .1, … for each of its values.
 */
static enum mp_rc
query_set(CGI *cgi, const char *name, const char *value)
{
	HDF		*obj, *c;
	NEOERR		*err = STATUS_OK;
	char		 key[MP_NAME_MAX + 8], n[24];
	int		 i = 0;

	snprintf(key, sizeof(key), "Query.%s", name);
	if ((obj = hdf_get_obj(cgi->hdf, key)) != NULL) {
		if ((c = hdf_obj_child(obj)) == NULL)
			err = hdf_set_value(obj, "0", hdf_obj_value(obj));
		for (; c != NULL; c = hdf_obj_next(c))
			i++;
		snprintf(n, sizeof(n), "%d", i > 0 ? i : 1);
		if (err == STATUS_OK)
			err = hdf_set_value(obj, n, value);
	}
	if (err == STATUS_OK)
		err = hdf_set_value(cgi->hdf, key, value);
	return nerr_rc(err);
}

static enum mp_rc
mp_field(void *ctx, const char *name, const char *value, size_t len)
{
	(void)len;
	return query_set(((struct req *)ctx)->cgi, name, value);
}

static enum mp_rc
mp_file(void *ctx, const char *name, const char *filename, const char *ctype,
    FILE *fp, size_t size)
{
	struct req	*r = ctx;
	struct upload	*u;
	NEOERR		*err = STATUS_OK;

	(void)ctype;
	if (fp == NULL)		/* no file chosen: only its name, if any */
		return query_set(r->cgi, name, filename);
	if ((u = pool_alloc(r->pool, sizeof(*u))) == NULL ||
	    (u->name = pool_strndup(r->pool, name, strlen(name))) == NULL ||
	    (r->cgi->files == NULL &&
	    (err = uListInit(&r->cgi->files, 10, 0)) != STATUS_OK) ||
	    (err = uListAppend(r->cgi->files, fp)) != STATUS_OK) {
		nerr_ignore(&err);
		fclose(fp);
		return MP_NOMEM;
	}
	u->fp = fp;
	u->size = size;
	u->next = uploads;
	uploads = u;
	return query_set(r->cgi, name, filename);
}

/* The outcome of the last multipart parse (read_multipart()). */
static enum mp_rc	 mp_rc_last;

/*
 * The parse callback (cgi_register_parse_cb) of POST bodies: multipart
 * ones are ours, streamed through multipart.c as they arrive, 16 KiB at
 * a time; the kit parses the others (urlencoded).  The parser lives as
 * long as the worker.
 */
static NEOERR *
read_multipart(CGI *cgi, char *method, char *ctype, void *rock)
{
	static struct mp	*mp;
	struct req		*r = rock;
	struct mp_limits	 lim;
	struct mp_sink		 sink;
	const char		*bound = NULL, *dir;
	char			 buf[16384];
	long long		 left;
	int			 blen, n;

	(void)method;
	if ((blen = body_type(ctype, &bound)) <= 0)
		return nerr_raise(CGIParseNotHandled, "not multipart");
	if (mp == NULL && (mp = mp_new()) == NULL) {
		mp_rc_last = MP_NOMEM;
		return nerr_raise(NERR_NOMEM, "no multipart parser");
	}
	lim.max_body = r->cfg->max_body;
	lim.max_parts = r->cfg->max_fields;
	lim.max_field = r->cfg->max_field_len;
	lim.max_file = r->cfg->max_upload;
	sink.ctx = r;
	sink.field = mp_field;
	sink.file = mp_file;
	sink.open_file = NULL;	/* temporary files in dir */
	dir = hdf_get_value(cgi->hdf, "Config.Upload.TmpDir", NULL);
	mp_rc_last = mp_begin(mp, bound, (size_t)blen, &lim, &sink, dir);
	left = hdf_get_int_value(cgi->hdf, "CGI.ContentLength", -1);
	while (mp_rc_last == MP_OK && left != 0 &&
	    (n = FCGX_GetStr(buf, left > 0 && left < (long long)sizeof(buf) ?
	    (int)left : (int)sizeof(buf), r->fcgx->in)) > 0) {
		mp_rc_last = mp_feed(mp, buf, (size_t)n);
		if (left > 0)
			left -= n;
	}
	if (mp_rc_last == MP_OK)
		mp_rc_last = mp_end(mp);
	else
		(void)mp_end(mp);	/* closes what the parse left open */
	if (mp_rc_last == MP_OK)
		return STATUS_OK;
	log_info("refused a multipart body: %s", mp_why(mp));
	return nerr_raise(NERR_PARSE, "multipart: %s", mp_why(mp));
}

/*
 * Cookie.* as the kit's cgi_init() sets them from the Cookie header
 * (ClearSilver 0.10.5, cgi.c): pairs split at ';', name and value at the
 * first '=', each stripped of white space, set when neither is empty, a
 * name HDF refuses left out; Cookie itself holds the whole header.
 */
static NEOERR *
kit_cookies(HDF *hdf, const char *header)
{
	NEOERR	*err = STATUS_OK;
	HDF	*obj;
	char	*c, *k, *v, *l, none[1] = "";

	if (header == NULL)
		return STATUS_OK;
	if ((err = hdf_set_value(hdf, "Cookie", header)) != STATUS_OK)
		return nerr_pass(err);
	obj = hdf_get_obj(hdf, "Cookie");
	if ((c = strdup(header)) == NULL)
		return nerr_raise(NERR_NOMEM, "a copy of the cookies");
	k = l = c;
	l += strcspn(l, "=;");
	while (*k != '\0') {
		v = none;
		if (*l == '=') {
			*l++ = '\0';
			v = l;
			l += strcspn(l, ";");
		}
		if (*l != '\0')
			*l++ = '\0';
		k = neos_strip(k);
		v = neos_strip(v);
		if (*k != '\0' && *v != '\0') {
			err = hdf_set_value(obj, k, v);
			if (nerr_match(err, NERR_ASSERT))
				nerr_ignore(&err);
			if (err != STATUS_OK)
				break;
		}
		k = l;
		l += strcspn(l, "=;");
	}
	free(c);
	return nerr_pass(err);
}

/*
 * Query.* as the kit's cgi_init() sets them from the query string: pairs
 * split at '&' (empty ones skipped), name and value at the first '=',
 * both URL-decoded (cgi_url_unescape()), an empty name called _0, _1, …,
 * a leading '.' made '_', "Query." + name cut at 255 bytes; a name sent
 * again also gets .0, .1, … for each value; a name HDF refuses is left
 * out.
 */
static NEOERR *
kit_query(HDF *hdf, const char *qs)
{
	NEOERR	*err = STATUS_OK;
	HDF	*obj, *c;
	char	*q, *k, *v, *l, name[256], nth[12], unnamed[16], none[1] = "";
	int	 n = 0, i;

	if (qs == NULL || *qs == '\0')
		return STATUS_OK;
	if ((q = strdup(qs)) == NULL)
		return nerr_raise(NERR_NOMEM, "a copy of the query string");
	for (k = strtok_r(q, "&", &l); k != NULL && *k != '\0';
	    k = strtok_r(NULL, "&", &l)) {
		if ((v = strchr(k, '=')) != NULL)
			*v++ = '\0';
		else
			v = none;
		if (*k == '\0') {
			snprintf(unnamed, sizeof(unnamed), "_%d", n++);
			k = unnamed;
		} else if (*k == '.')
			*k = '_';
		snprintf(name, sizeof(name), "Query.%s", cgi_url_unescape(k));
		cgi_url_unescape(v);
		if ((obj = hdf_get_obj(hdf, name)) != NULL) {
			i = 0;
			if ((c = hdf_obj_child(obj)) == NULL) {
				err = hdf_set_value(obj, "0", hdf_obj_value(obj));
				if (err != STATUS_OK)
					break;
				i = 1;
			}
			for (; c != NULL; c = hdf_obj_next(c))
				i++;
			snprintf(nth, sizeof(nth), "%d", i);
			if ((err = hdf_set_value(obj, nth, v)) != STATUS_OK)
				break;
		}
		err = hdf_set_value(hdf, name, v);
		if (nerr_match(err, NERR_ASSERT))
			nerr_ignore(&err);
		if (err != STATUS_OK)
			break;
	}
	free(q);
	return nerr_pass(err);
}

/*
 * cgi_init() for a request without a body (GET, HEAD): of what the
 * kit's makes, what is read after it, Cookie.* and Query.*, made as the
 * kit makes them; not its copy of 152 variables into CGI.* and HTTP.*,
 * which nothing reads (issue #12: a fifth of a made guide's
 * instructions, most of it the kit's snprintf() of each name).  A POST
 * has the kit's own: its body's reading needs CGI.*.  test_request.c
 * compares the two on awkward query strings and cookies.
 */
NEOERR *
request_kit_get(CGI **cgip, const char *qs, const char *cookie)
{
	CGI	*cgi;
	NEOERR	*err;

	*cgip = NULL;
	if ((err = nerr_init()) != STATUS_OK)
		return nerr_pass(err);
	if ((cgi = calloc(1, sizeof(*cgi))) == NULL)
		return nerr_raise(NERR_NOMEM, "no CGI");
	if ((err = hdf_init(&cgi->hdf)) == STATUS_OK &&
	    (err = kit_cookies(cgi->hdf, cookie)) == STATUS_OK)
		err = kit_query(cgi->hdf, qs);
	if (err != STATUS_OK) {
		cgi_destroy(&cgi);
		return nerr_pass(err);
	}
	*cgip = cgi;
	return STATUS_OK;
}

int
request_begin(struct req *r, FCGX_Request *fcgx, const struct config *cfg,
    struct db *db, struct pool *pool)
{
	NEOERR		*err;
	const char	*v, *uri, *bound = NULL;
	char		*end, *tmp;
	unsigned long long n;
	size_t		 count = 0;
	int		 blen = 0, rc;

	memset(r, 0, sizeof(*r));
	r->pool = pool;
	r->cfg = cfg;
	r->db = db;
	r->fcgx = fcgx;
	r->status = 200;
	cgiwrap_init_emu(fcgx, cb_read, cb_writef, cb_write, cb_getenv,
	    cb_putenv, cb_iterenv);

	v = FCGX_GetParam("REQUEST_METHOD", fcgx->envp);
	r->method = v ? v : "GET";
	/* The kit's PUT reader spins forever on a short body. */
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
	    strcmp(r->method, "POST") != 0)
		return 405;
	if ((uri = FCGX_GetParam("DOCUMENT_URI", fcgx->envp)) == NULL)
		uri = FCGX_GetParam("REQUEST_URI", fcgx->envp);
	if (uri == NULL)
		uri = "/";
	r->path = pool_strndup(pool, uri, strcspn(uri, "?"));

	/* The body limit is checked before a byte of it is read. */
	if ((v = FCGX_GetParam("CONTENT_LENGTH", fcgx->envp)) != NULL &&
	    *v != '\0') {
		errno = 0;
		n = strtoull(v, &end, 10);
		if (errno != 0 || *end != '\0' || !isdigit((unsigned char)*v))
			return 400;
		if (n > cfg->max_body)
			return 413;
	}

	/* cgi_init() parses these; bound them first (see scan). */
	v = FCGX_GetParam("QUERY_STRING", fcgx->envp);
	if (count_char(v, '&') >= cfg->max_fields ||
	    count_char(FCGX_GetParam("HTTP_COOKIE", fcgx->envp), ';') >= 64)
		return 400;
	/* The kit would cut "a%00b" to "a" without a word. */
	if (v != NULL && strstr(v, "%00") != NULL) {
		log_info("refused: %%00 in the query string");
		r->why = BAD_TEXT;
		return 400;
	}
	/* A body of a type we do not parse is refused before it is read. */
	if (strcmp(r->method, "POST") == 0 &&
	    (blen = body_type(FCGX_GetParam("CONTENT_TYPE", fcgx->envp),
	    &bound)) < 0)
		return blen == -1 ? 400 : 415;
	memset(&scan, 0, sizeof(scan));
	scan.max = cfg->max_fields;
	envx.env = NULL;	/* cb_getenv() indexes this request's */
	uploads = NULL;
	mp_rc_last = MP_OK;

	if (strcmp(r->method, "POST") != 0) {
		if ((err = request_kit_get(&r->cgi, v, FCGX_GetParam(
		    "HTTP_COOKIE", fcgx->envp))) != STATUS_OK) {
			log_neoerr("cgi_init", err);
			return 400;
		}
		r->hdf = r->cgi->hdf;
		err = STATUS_OK;	/* no body to parse */
	} else {
		if ((err = cgi_init(&r->cgi, NULL)) != STATUS_OK) {
			log_neoerr("cgi_init", err);
			r->cgi = NULL;
			return 400;
		}
		r->hdf = r->cgi->hdf;
		if (cfg->files_dir != NULL) {
			tmp = pool_printf(pool, "%s/tmp", cfg->files_dir);
			hdf_set_value(r->hdf, "Config.Upload.TmpDir", tmp);
		}
		if ((err = cgi_register_parse_cb(r->cgi, "POST", "*", r,
		    read_multipart)) != STATUS_OK) {
			nerr_ignore(&err);
			log_err("out of memory before parsing a body");
			return 503;
		}
		err = cgi_parse(r->cgi);
	}
	switch (mp_rc_last) {
	case MP_OK:
		break;
	case MP_TEXT:
		r->why = BAD_TEXT;
		break;
	case MP_PARTS:
		r->why = TOO_MANY;
		break;
	case MP_FIELD:
		r->why = TOO_LONG;
		break;
	case MP_BODY:
		nerr_ignore(&err);
		return 413;
	case MP_NOMEM:
	case MP_IO:	/* the disk is full: the service, not the body */
		nerr_ignore(&err);
		return 503;
	default:
		r->why = BAD_FORM;
		break;
	}
	if (scan.nul) {
		nerr_ignore(&err);
		log_info("refused: a NUL in a text field of the body");
		r->why = BAD_TEXT;
		return 400;
	}
	if (err != STATUS_OK) {
		log_neoerr("cgi_parse", err);
		return 400;
	}
	if ((rc = check_fields(hdf_get_obj(r->hdf, "Query"), cfg, &count,
	    0)) == -2)
		r->why = BAD_TEXT;
	return rc == 0 ? 0 : 400;
}

void
request_end(struct req *r)
{
	struct _cgi_parse_cb	*cb;

	/* cgi_destroy() leaks what cgi_register_parse_cb() allocated. */
	while (r->cgi != NULL && (cb = r->cgi->parse_callbacks) != NULL) {
		r->cgi->parse_callbacks = cb->next;
		free(cb->method);
		free(cb->ctype);
		free(cb);
	}
	if (r->cgi != NULL)
		cgi_destroy(&r->cgi);	/* also destroys r->hdf */
	r->cgi = NULL;
	r->hdf = NULL;
}

/* The value of field name, trimmed of surrounding white space; NULL when
 * absent or empty.  request_begin() has checked that it is text. */
static const char *
form_value(struct req *r, const char *name)
{
	const char	*v, *e;
	char		 key[128];

	if (r->hdf == NULL)
		return NULL;
	snprintf(key, sizeof(key), "Query.%s", name);
	if ((v = hdf_get_value(r->hdf, key, NULL)) == NULL)
		return NULL;
	while (isspace((unsigned char)*v))
		v++;
	e = v + strlen(v);
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	if (e == v)
		return NULL;
	return pool_strndup(r->pool, v, (size_t)(e - v));
}

const char *
form_get(struct req *r, const char *name)
{
	const char	*v;

	/* No form control of one line can send a line break or a TAB. */
	if ((v = form_value(r, name)) != NULL &&
	    strpbrk(v, "\t\r\n") != NULL) {
		log_info("refused: field %s: a TAB or line break in one line",
		    name);
		return NULL;
	}
	return v;
}

const char *
form_text(struct req *r, const char *name)
{
	return form_value(r, name);
}

int
form_file(struct req *r, const char *name, FILE **fp, size_t *size,
    const char **filename)
{
	struct upload	*u;

	/* The last upload of that name (the list is newest first). */
	if (r->cgi == NULL)
		return -1;
	for (u = uploads; u != NULL && strcmp(u->name, name) != 0; u = u->next)
		;
	if (u == NULL)
		return -1;
	rewind(u->fp);
	*fp = u->fp;
	*size = u->size;
	*filename = form_get(r, name);
	return 0;
}

const char *
request_param(struct req *r, const char *name)
{
	if (r->fcgx == NULL)
		return NULL;
	return FCGX_GetParam(name, r->fcgx->envp);
}

int
header_value_ok(const char *v)
{
	const unsigned char	*p;

	if (v == NULL)
		return 0;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

void
reply_cookie(struct req *r, const char *name, const char *value,
    long max_age)
{
	char	*line;

	/* A cookie's value ends at ';': nothing may add attributes. */
	if (!header_value_ok(name) || !header_value_ok(value) ||
	    strpbrk(name, ";=, ") != NULL || strpbrk(value, "; ,") != NULL) {
		log_err("refused a Set-Cookie header: a control character "
		    "or separator in it");
		r->bad_header = 1;
		return;
	}
	/* Lax on the extranet: a citizen's link from an SMS or a chat
	 * arrives logged in (a top-level GET); a cross-site POST carries no
	 * cookie, and would need the CSRF token anyway.  Staff follow no
	 * outside links: Strict (docs/security.md). */
	line = pool_printf(r->pool, "Set-Cookie: %s=%s; Path=/; HttpOnly; "
	    "SameSite=%s%s; Max-Age=%ld\r\n", name, value,
	    r->cfg->site == SITE_EXTRANET ? "Lax" : "Strict",
	    r->cfg->cookie_secure ? "; Secure" : "", max_age);
	r->cookies = r->cookies == NULL ? line :
	    pool_printf(r->pool, "%s%s", r->cookies, line);
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/*
 * Headers every response carries; see DESIGN.md, security defaults.
 * Sent with the first len2 bytes of body2 after them, in one write.
 */
#define ONE_WRITE_MAX	(256u << 10)

static void
send_headers_with(struct req *r, const char *ctype, size_t len,
    const char *extra, const void *body2, size_t len2)
{
	char	*buf, *all;
	int	 n;

	buf = pool_printf(r->pool,
	    "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
	    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
	    "%s%s\r\n",
	    r->status, status_text(r->status), ctype, len,
	    r->cookies ? r->cookies : "", extra ? extra : "");
	n = (int)strlen(buf);
	if (len2 > 0) {
		all = pool_alloc(r->pool, (size_t)n + len2);
		memcpy(all, buf, (size_t)n);
		memcpy(all + n, body2, len2);
		buf = all;
		n += (int)len2;
	}
	FCGX_PutStr(buf, n, r->fcgx->out);
	r->sent = 1;
}

static void
send_headers(struct req *r, const char *ctype, size_t len, const char *extra)
{
	send_headers_with(r, ctype, len, extra, NULL, 0);
}

/*
 * A Content-Disposition header for name: an ASCII fallback and the UTF-8
 * name percent-encoded (RFC 6266), so Chinese names survive and no byte
 * of the name can break the header.
 */
static char *
disposition(struct pool *pool, const char *name)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*enc, *e, *ascii, *a;

	enc = e = pool_alloc(pool, strlen(name) * 3 + 1);
	ascii = a = pool_alloc(pool, strlen(name) + 1);
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (isalnum(*p) || strchr("-._", *p) != NULL)
			*e++ = (char)*p;
		else {
			*e++ = '%';
			*e++ = hex[*p >> 4];
			*e++ = hex[*p & 15];
		}
		if (isalnum(*p) || strchr("-._", *p) != NULL)
			*a++ = (char)*p;
	}
	*a = '\0';
	/* A name with no ASCII but its extension keeps the extension. */
	if (a == ascii || *ascii == '.')
		ascii = pool_printf(pool, "download%s", ascii);
	return pool_printf(pool, "Content-Disposition: attachment; "
	    "filename=\"%s\"; filename*=UTF-8''%s\r\n", ascii, enc);
}

int
reply_file(struct req *r, const char *path, const char *ctype,
    const char *name)
{
	FILE	*f = NULL;
	char	*buf;
	long	 n;
	size_t	 got;

	if (path == NULL || (f = fopen(path, "rb")) == NULL ||
	    fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		if (f != NULL)
			fclose(f);
		return reply_error(r, 404, "文件不在存储中，请联系系统管理员。");
	}
	rewind(f);
	buf = pool_alloc(r->pool, (size_t)n + 1);
	got = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return reply_raw(r, ctype, buf, got, name);
}

/* The page with this visitor's token: kept with its places marked. */
static void
keep_token_page(struct req *r, const void *body, size_t len)
{
	char	*copy, *at, *end;

	/* Only a page the mark cannot be mistaken in, with the token of
	 * this request (64 characters) where it prints one. */
	if (r->csrf == NULL || strlen(r->csrf) != PAGE_TOKEN_LEN ||
	    memchr(body, PAGE_TOKEN_MARK, len) != NULL)
		return;
	copy = pool_alloc(r->pool, len);
	memcpy(copy, body, len);
	end = copy + len;
	for (at = copy; (at = memmem(at, (size_t)(end - at), r->csrf,
	    PAGE_TOKEN_LEN)) != NULL; at += PAGE_TOKEN_LEN)
		memset(at, PAGE_TOKEN_MARK, PAGE_TOKEN_LEN);
	pagecache_put(r->cache_key, r->cache_gen, copy, len);
}

/*
 * A public page made for a visitor without a session (ext_cache.c set
 * r->cache_key) is kept for the next: only a whole page (200, no memory
 * short), made for nobody (no user), and holding no token of this
 * visitor's (the CSRF token of a form; the anonymous pages have none),
 * but for a page that prints it by design (r->cache_token, the login
 * form), kept with the token's places marked.
 */
static void
keep_page(struct req *r, const char *ctype, const void *body, size_t len,
    const char *filename)
{
	if (r->cache_key == NULL || r->status != 200 || r->nomem ||
	    filename != NULL || r->user.id != 0 || r->session_hash != NULL ||
	    strcmp(ctype, "text/html; charset=utf-8") != 0)
		return;
	if (r->cache_token) {
		keep_token_page(r, body, len);
		return;
	}
	if (r->csrf != NULL && *r->csrf != '\0' &&
	    memmem(body, len, r->csrf, strlen(r->csrf)) != NULL) {
		log_err("a public page holds the visitor's token: not kept "
		    "(%.100s)", r->cache_key);
		return;
	}
	pagecache_put(r->cache_key, r->cache_gen, body, len);
}

int
reply_raw(struct req *r, const char *ctype, const void *body, size_t len,
    const char *filename)
{
	char	*extra = NULL;

	/*
	 * A header value with a control character would end the header
	 * and start another (response splitting): log it, and answer a
	 * fixed page without it instead.
	 */
	if (r->bad_header || !header_value_ok(ctype)) {
		/* Not the value itself: it would forge log lines too. */
		log_err("refused to send a response with a control character "
		    "in a header value (%s)", r->bad_header ? "a cookie" :
		    "its Content-Type");
		r->bad_header = 0;
		return reply_error(r, 500, "这份内容的记录有误，无法发送。请联系"
		    "系统管理员。");
	}
	/* A page short of a value it was given would show something false
	 * (a list missing a row): the fixed page instead, which needs no
	 * memory, and the worker goes on to the next request. */
	if (r->nomem) {
		log_err("out of memory while making a page: answered 503");
		r->status = 503;
		ctype = "text/html; charset=utf-8";
		body = BUSY_PAGE;
		len = strlen(BUSY_PAGE);
		filename = NULL;
	}
	keep_page(r, ctype, body, len, filename);
	if (r->fcgx == NULL)
		return r->status;
	/* Safe by construction: percent-encoded (disposition()). */
	if (filename != NULL)
		extra = disposition(r->pool, filename);
	/* The test stack says whether a page was kept (page-cache.sh). */
	else if (r->cache != PAGE_NONE && r->cfg != NULL &&
	    r->cfg->clock_settable)
		extra = r->cache == PAGE_HIT ? "X-Yiwang-Cache: hit\r\n" :
		    "X-Yiwang-Cache: miss\r\n";
	/* A page goes with its headers in one write; a large file after
	 * them, not copied. */
	if (len <= ONE_WRITE_MAX)
		send_headers_with(r, ctype, len, extra, body, len);
	else {
		send_headers(r, ctype, len, extra);
		FCGX_PutStr(body, (int)len, r->fcgx->out);
	}
	return r->status;
}

int
reply_busy(struct req *r)
{
	r->nomem = 1;
	r->bad_header = 0;
	r->cookies = NULL;
	if (r->sent)
		return r->status;
	return reply_raw(r, "text/html; charset=utf-8", "", 0, NULL);
}

int
url_local(const char *s)
{
	size_t	 i;

	if (s == NULL || s[0] != '/' || strlen(s) > URL_LOCAL_MAX)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		/* Controls, white space and anything not ASCII: browsers
		 * drop or mend some of them ("/\t/host" became "//host"). */
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F)
			return 0;
		/* "//host" and "/\host" name another host. */
		if (s[i] == '\\' || (s[i] == '/' && s[i + 1] == '/'))
			return 0;
	}
	return 1;
}

int
reply_redirect(struct req *r, const char *location)
{
	char	*extra;

	if (!header_value_ok(location)) {
		log_err("refused a Location header with a control character");
		r->bad_header = 0;
		return reply_error(r, 400, "跳转地址不正确，请从首页重新进入。");
	}
	if (r->bad_header)	/* a refused cookie: reply_raw() answers */
		return reply_raw(r, "text/plain; charset=utf-8", "", 0, NULL);
	r->status = 303;
	if (r->fcgx == NULL)
		return r->status;
	/* Only local paths: a redirect never leaves the site (F14). */
	if (!url_local(location))
		location = "/";
	extra = pool_printf(r->pool, "Location: %s\r\n", location);
	send_headers(r, "text/plain; charset=utf-8", 0, extra);
	return r->status;
}

static NEOERR *
render_cb(void *ctx, char *s)
{
	return nerr_pass(string_append((STRING *)ctx, s));
}

/*
 * Parsed templates, kept by each worker for its life (issue #12: parsing
 * took a third of a page's instructions): one parse of a layout with its
 * page template included, keyed by the folder, the layout and the page,
 * the only inputs a parse reads (the layouts include Page.Template at
 * parse time; everything else a template reads, it reads as it renders,
 * from the HDF it is given then).  A template changed on disk is read
 * again by the next worker: ./run restarts them all.
 */
#define PARSED_MAX	256

static struct parsed {
	char		*key;
	CSPARSE		*cs;
} parsed[PARSED_MAX];
static size_t	 nparsed;

/*
 * The templates' url_escape(), as the kit's own writes it, from a table:
 * the kit's compares each byte with its list of reserved characters, 70
 * thousand instructions a made guide for its twelve links (issue #12).
 * The kit escapes each byte alone (a space as '+', a reserved byte as
 * %XX, the rest as itself), so the table holds the kit's own answer for
 * each byte, and is used only if, on a string of all 255 bytes, the two
 * agree; else the kit's stays.
 */
static char	 url_esc[256][4];

static NEOERR *
url_escape_table(const char *in, char **out)
{
	const unsigned char	*s;
	size_t			 n = 0, k;
	char			*o;

	for (s = (const unsigned char *)in; *s != '\0'; s++)
		n += strlen(url_esc[*s]);
	if ((o = malloc(n + 1)) == NULL)
		return nerr_raise(NERR_NOMEM, "url_escape");
	*out = o;
	for (s = (const unsigned char *)in; *s != '\0'; s++)
		for (k = 0; url_esc[*s][k] != '\0'; k++)
			*o++ = url_esc[*s][k];
	*o = '\0';
	return STATUS_OK;
}

/* Whether url_esc holds the kit's escapes (made on the first call). */
static int
url_esc_ready(void)
{
	static int	 ready = -1;
	char		 one[2] = { 0, 0 }, all[256], *a = NULL, *b = NULL;
	int		 c;

	if (ready != -1)
		return ready;
	ready = 0;
	for (c = 1; c < 256; c++) {
		one[0] = (char)c;
		all[c - 1] = (char)c;
		if (cgi_url_escape(one, &a) != STATUS_OK || strlen(a) > 3) {
			free(a);
			return 0;	/* not known: the kit's */
		}
		memcpy(url_esc[c], a, strlen(a) + 1);
		free(a);
		a = NULL;
	}
	all[255] = '\0';
	if (cgi_url_escape(all, &a) == STATUS_OK &&
	    url_escape_table(all, &b) == STATUS_OK && strcmp(a, b) == 0)
		ready = 1;
	free(a);
	free(b);
	return ready;
}

/* cs's url_escape() goes to url_escape_table() when it is ready. */
static void
url_escape_fast(CSPARSE *cs)
{
	CS_FUNCTION	*f;

	if (!url_esc_ready())
		return;
	for (f = cs->functions; f != NULL; f = f->next)
		if (strcmp(f->name, "url_escape") == 0 &&
		    f->str_func == cgi_url_escape)
			f->str_func = url_escape_table;
}

/* The parse of key, made with hdf when there is none yet; NULL on error
 * (logged).  *kept says whether it is in the table (else the caller
 * destroys it). */
static CSPARSE *
parse_of(HDF *hdf, const char *key, const char *layout, const char *tpl,
    int *kept)
{
	CSPARSE	*cs = NULL;
	NEOERR	*err;
	size_t	 i;

	*kept = 0;
	for (i = 0; i < nparsed; i++)
		if (strcmp(parsed[i].key, key) == 0) {
			*kept = 1;
			return parsed[i].cs;
		}
	err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK) {
		url_escape_fast(cs);
		err = cs_parse_file(cs, layout);
	}
	if (err != STATUS_OK) {
		log_neoerr(tpl, err);
		cs_destroy(&cs);
		return NULL;
	}
	if (nparsed < PARSED_MAX &&
	    (parsed[nparsed].key = strdup(key)) != NULL) {
		parsed[nparsed++].cs = cs;
		*kept = 1;
	}
	return cs;
}

/* Forget the parse of key (one that failed to render). */
static void
parse_forget(const char *key)
{
	size_t	 i;

	for (i = 0; i < nparsed; i++)
		if (strcmp(parsed[i].key, key) == 0) {
			cs_destroy(&parsed[i].cs);
			free(parsed[i].key);
			parsed[i] = parsed[--nparsed];
			return;
		}
}

void
render_forget_all(void)
{
	while (nparsed > 0) {
		nparsed--;
		cs_destroy(&parsed[nparsed].cs);
		free(parsed[nparsed].key);
	}
}

char *
render_string(HDF *hdf, const char *dir, const char *tpl, struct pool *pool)
{
	CSPARSE		*cs = NULL;
	NEOERR		*err;
	STRING		 out;
	char		*res = NULL;
	const char	*layout, *key;
	int		 kept = 0;

	string_init(&out);
	/* Every variable is HTML-escaped unless a template says otherwise. */
	err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", dir);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Page.Template", tpl);
	layout = hdf_get_value(hdf, "Page.Layout", "layout.cs");
	key = pool_printf(pool, "%s\n%s\n%s", dir, layout, tpl);
	if (err != STATUS_OK)
		log_neoerr(tpl, err);
	else if ((cs = parse_of(hdf, key, layout, tpl, &kept)) != NULL) {
		/* A kept parse renders this request's data; its locals are
		 * empty between renders. */
		cs->hdf = hdf;
		err = cs_render(cs, &out, render_cb);
		if (err != STATUS_OK) {
			log_neoerr(tpl, err);
			if (kept) {
				parse_forget(key);	/* destroys cs */
				cs = NULL;
			}
		} else
			res = pool_strndup(pool, out.buf ? out.buf : "",
			    out.len);
		if (!kept)
			cs_destroy(&cs);
	}
	string_clear(&out);
	return res;
}

/*
 * The user's roles for templates, one flag each (User.Role.clerk = 1, …),
 * so a template says <?cs if:User.Role.secadmin ?> rather than doing
 * arithmetic on the bits; User.Role.staff is any business role.  The
 * template's test only chooses what to show: routes.c decides access.
 */
static void
render_roles(struct req *r)
{
	static const struct {
		unsigned	 bits;
		const char	*name;
	} flags[] = {
		{ ROLE_CITIZEN, "User.Role.citizen" },
		{ ROLE_CLERK, "User.Role.clerk" },
		{ ROLE_HANDLER, "User.Role.handler" },
		{ ROLE_CHIEF, "User.Role.chief" },
		{ ROLE_LEADER, "User.Role.leader" },
		{ ROLES_STAFF, "User.Role.staff" },
		{ ROLE_ADMIN, "User.Role.admin" },
		{ ROLE_SECADMIN, "User.Role.secadmin" },
		{ ROLE_AUDITOR, "User.Role.auditor" },
		{ ROLE_SUPERVISOR, "User.Role.supervisor" },
		{ ROLE_OBSERVER, "User.Role.observer" },
		{ ROLES_WATCH, "User.Role.watch" },
		{ ROLE_GAPOP, "User.Role.gapop" },
		{ ROLES_GAPVIEW, "User.Role.gapview" },
		{ ROLE_AGENT, "User.Role.agent" },
		{ ROLE_COORD, "User.Role.coord" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (r->user.roles & flags[i].bits)
			hdf_set(r, flags[i].name, "1");
}

#define VIEW_MAX_AGE	(400L * 24 * 3600)	/* browsers' longest */

static const char *
view_cookie(const struct req *r)
{
	return r->cfg->cookie_secure ? "__Host-" VIEW_COOKIE : VIEW_COOKIE;
}

int
view_big(struct req *r)
{
	const char	*v;

	v = hdf_get_value(r->hdf, pool_printf(r->pool, "Cookie.%s",
	    view_cookie(r)), NULL);
	return v != NULL && strcmp(v, "big") == 0;
}

void
view_big_set(struct req *r, int big)
{
	reply_cookie(r, view_cookie(r), big ? "big" : "",
	    big ? VIEW_MAX_AGE : 0);
}

/*
 * What every page's frame shows from the configuration and the browser:
 * the footer's registration numbers (a Chinese government site's 主办单位,
 * 政府网站标识码, ICP and 公安 备案号), the large-text mode, and where
 * the page is (Page.Here), so the mode's switch returns to it.
 */
static void
render_site(struct req *r)
{
	const char	*uri = request_param(r, "REQUEST_URI");

	if (r->cfg->site_code != NULL)
		hdf_set(r, "Site.Code", r->cfg->site_code);
	if (r->cfg->icp != NULL)
		hdf_set(r, "Site.Icp", r->cfg->icp);
	if (r->cfg->psb != NULL)
		hdf_set(r, "Site.Psb", r->cfg->psb);
	if (r->cfg->psb_code != NULL)
		hdf_set(r, "Site.PsbCode", r->cfg->psb_code);
	if (view_big(r))
		hdf_set(r, "View.big", "1");
	if (r->method != NULL && strcmp(r->method, "GET") == 0 &&
	    uri != NULL && strlen(uri) <= 500)
		hdf_set(r, "Page.Here", uri);
	else if (r->path != NULL)
		hdf_set(r, "Page.Here", r->path);
}

int
render(struct req *r, const char *tpl)
{
	char	*html;

	hdf_set(r, "Site.Name", r->cfg->site == SITE_INTRANET ?
	    "一网通办 · 内网审批" : "一网通办 · 网上办事大厅");
	hdf_set(r, "Site.Kind", config_site_name(r->cfg->site));
	if (r->cfg->org_name != NULL)
		hdf_set(r, "Site.Org", r->cfg->org_name);
	if (r->cfg->org_phone != NULL)
		hdf_set(r, "Site.Phone", r->cfg->org_phone);
	if (r->csrf != NULL)
		hdf_set(r, "Page.Csrf", r->csrf);
	render_site(r);
	if (r->user.id != 0) {
		hdf_set(r, "User.Name", r->user.name);
		render_roles(r);
		if (r->user.dept_name != NULL)
			hdf_set(r, "User.Dept", r->user.dept_name);
	}
	html = render_string(r->hdf, r->cfg->templates_dir, tpl, r->pool);
	if (html == NULL) {
		r->status = 500;
		html = PLAIN_ERROR;
	}
	return reply_raw(r, "text/html; charset=utf-8", html, strlen(html),
	    NULL);
}

int
reply_error(struct req *r, int status, const char *msg)
{
	HDF	*fresh;
	NEOERR	*err;

	/* The database went away under the request (a restart): the
	 * service, not the page, is unavailable; the worker connects again
	 * before the next request. */
	if (status == 500 && r->db != NULL && db_gone(r->db)) {
		status = 503;
		if (msg == NULL)
			msg = "系统正忙，请稍等片刻后刷新本页。如果刚才是提交表单，"
			    "请返回上一页查看是否已经办成，再决定是否重新提交。";
	}
	if (msg == NULL) {
		switch (status) {
		case 400: msg = "提交的内容格式不正确，请返回检查后重新提交。"; break;
		case 403: msg = "您没有办理这项业务的权限。"; break;
		case 404: msg = "没有找到这个页面，请检查网址或从首页进入。"; break;
		case 405: msg = "请求方式不正确，请从页面上的按钮操作。"; break;
		case 413: msg = pool_printf(r->pool, "提交的内容太大，超过了"
		    "系统允许的大小。请压缩附件（单个文件不超过 %zu MB）后重新"
		    "提交。", r->cfg->max_upload >> 20); break;
		default: msg = "系统暂时出现故障，您的数据没有丢失，请稍后再试。";
		}
	}
	r->status = status;
	if (r->hdf == NULL) {
		/* The request could not be parsed: render from an empty set. */
		if ((err = hdf_init(&fresh)) != STATUS_OK) {
			/* out of memory: the fixed page, which needs none */
			nerr_ignore(&err);
			r->status = 500;
			return reply_raw(r, "text/html; charset=utf-8",
			    PLAIN_ERROR, strlen(PLAIN_ERROR), NULL);
		}
		if (r->cgi == NULL) {
			r->hdf = fresh;
		} else {
			hdf_destroy(&fresh);
			r->hdf = r->cgi->hdf;
		}
	}
	hdf_setf(r, "Error.Status", "%d", status);
	hdf_set(r, "Error.Message", msg);
	status = render(r, "error.cs");
	if (r->cgi == NULL && r->hdf != NULL) {
		hdf_destroy(&r->hdf);
		r->hdf = NULL;
	}
	return status;
}

void
hdf_set(struct req *r, const char *name, const char *value)
{
	NEOERR	*err;

	if ((err = hdf_set_value(r->hdf, name, value ? value : "")) ==
	    STATUS_OK)
		return;
	if (nerr_match(err, NERR_NOMEM)) {
		/* The reply is the busy page (reply_raw()). */
		nerr_ignore(&err);
		r->nomem = 1;
		return;
	}
	/* A name made from data ("Doc." + a key of a stored document) that
	 * HDF refuses ("a..b", a trailing dot): left out of the page. */
	log_neoerr("hdf_set", err);
}

void
hdf_setf(struct req *r, const char *name, const char *fmt, ...)
{
	va_list	 ap;
	char	*v;

	va_start(ap, fmt);
	v = pool_vprintf(r->pool, fmt, ap);
	va_end(ap);
	hdf_set(r, name, v);
}

/* prefix.key, put together without printf (issue #12: a page sets a
 * hundred such names; printf was a third of hdf_put()'s cost). */
void
hdf_put(struct req *r, const char *prefix, const char *key, const char *value)
{
	char	 name[256];
	size_t	 a = strlen(prefix), b = strlen(key);

	if (a + b + 2 > sizeof(name)) {
		hdf_set(r, pool_printf(r->pool, "%s.%s", prefix, key), value);
		return;
	}
	memcpy(name, prefix, a);
	name[a] = '.';
	memcpy(name + a + 1, key, b + 1);
	hdf_set(r, name, value);
}

void
hdf_putf(struct req *r, const char *prefix, const char *key,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*v;

	va_start(ap, fmt);
	v = pool_vprintf(r->pool, fmt, ap);
	va_end(ap);
	hdf_put(r, prefix, key, v);
}
