/*
 * test_request.c: what request.c promises the pages (SEC-4): a redirect
 * goes only to a plain local path (F14), a one-line field never holds a
 * line break, every value a template prints comes out escaped, whichever
 * way the template prints it (F2: alt: printed raw), and the response
 * writer refuses a header value with a control character (F1: a CR LF in
 * a type from a row, a TAB in a Location, would split the response or
 * change where it goes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "request.h"
#include "pool_fixture.h"

#define TEMPLATES	TOP_SRCDIR "/templates"
#define MARKUP		"<b>x</b><meta http-equiv=\"refresh\" content=\"0\">'&"
#define ESCAPED		"&lt;b&gt;x&lt;/b&gt;&lt;meta http-equiv=&quot;" \
			"refresh&quot; content=&quot;0&quot;&gt;&#39;&amp;"

/* The usual ways around a redirect check, decoded as they arrive. */
static void
only_plain_local_paths(void **state)
{
	static const char *const bad[] = {
		"/\t/evil.example/",		/* the review's */
		"/\n/evil.example/", "/\r\n/evil", "/ /evil", "/\v/evil",
		"//evil.example/", "///evil", "/.//evil", "/a//b",
		"/\\evil.example", "\\\\evil", "/\\/evil", "\\/evil",
		"http://evil.example/", "https:evil", "javascript:alert(1)",
		" /x", "evil.example", "", "/\x7f", "/\xe2\x80\xae" "evil",
		"/a\x01", NULL,
	};
	static const char *const good[] = { "/", "/my", "/app?no=YW1&x=1",
	    "/login?next=%2Fmy%3Fa%3D%252F", "/catalog/item?code=A-1&v=2",
	    "/%2f/x", NULL };
	char	*longest;
	size_t	 i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		if (url_local(bad[i]))
			fail_msg("taken: \"%s\"", bad[i]);
	assert_false(url_local(NULL));
	for (i = 0; good[i] != NULL; i++)
		if (!url_local(good[i]))
			fail_msg("refused: \"%s\"", good[i]);
	longest = malloc(URL_LOCAL_MAX + 2);
	memset(longest, 'a', URL_LOCAL_MAX + 1);
	longest[0] = '/';
	longest[URL_LOCAL_MAX] = '\0';
	assert_true(url_local(longest));
	longest[URL_LOCAL_MAX] = 'a';
	longest[URL_LOCAL_MAX + 1] = '\0';
	assert_false(url_local(longest));
	free(longest);
}

/* One-line fields hold no TAB, CR or LF; text fields keep their lines. */
static void
one_line_and_text_fields(void **state)
{
	struct req	 r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.pool = pool;
	assert_true(hdf_init(&r.hdf) == STATUS_OK);
	hdf_set_value(r.hdf, "Query.name", "  乌云其木格 ");
	hdf_set_value(r.hdf, "Query.next", "/\t/evil.example/");
	hdf_set_value(r.hdf, "Query.login", "a\r\nSet-Cookie: x=1");
	hdf_set_value(r.hdf, "Query.remark", "第一行\r\n第二行\t完 ");
	hdf_set_value(r.hdf, "Query.blank", " \r\n ");
	assert_string_equal(form_get(&r, "name"), "乌云其木格");
	assert_null(form_get(&r, "next"));
	assert_null(form_get(&r, "login"));
	assert_null(form_get(&r, "remark"));
	assert_string_equal(form_text(&r, "remark"), "第一行\r\n第二行\t完");
	assert_null(form_get(&r, "blank"));
	assert_null(form_text(&r, "blank"));
	assert_null(form_get(&r, "absent"));
	hdf_destroy(&r.hdf);
}

/* Render tpl with key (and key2) set to markup; it must show escaped and
 * never raw. */
static void
escapes(const char *tpl, const char *key, const char *key2)
{
	HDF	*h;
	char	*html;

	assert_true(hdf_init(&h) == STATUS_OK);
	hdf_set_value(h, "Site.Kind", "intranet");
	hdf_set_value(h, "Page.Csrf", "c0ffee");
	hdf_set_value(h, key, MARKUP);
	if (key2 != NULL)
		hdf_set_value(h, key2, MARKUP);
	html = render_string(h, TEMPLATES, tpl, pool);
	assert_non_null(html);
	if (strstr(html, ESCAPED) == NULL)
		fail_msg("%s: %s not shown escaped", tpl, key);
	if (strstr(html, "<b>x") != NULL || strstr(html, "<meta http-equiv")
	    != NULL)
		fail_msg("%s: %s printed raw", tpl, key);
	hdf_destroy(&h);
}

/* Every key a template printed with alt: (review F2), and the rest of
 * what those pages print from data. */
static void
every_former_alt_escapes(void **state)
{
	(void)state;
	escapes("ext/guide.cs", "Item.basis", NULL);
	escapes("ext/guide.cs", "Item.conditions", NULL);
	escapes("ext/guide.cs", "Item.fee", NULL);
	escapes("ext/guide.cs", "Item.depth_label", NULL);
	escapes("ext/guide.cs", "Item.Materials.0.note",
	    "Item.Materials.0.name");
	escapes("int/case.cs", "Case.remark", NULL);
	escapes("int/catalog_item.cs", "Item.basis", NULL);
	escapes("int/catalog_item.cs", "Item.conditions", NULL);
	escapes("int/catalog_item.cs", "Item.themes", NULL);
	escapes("int/catalog_item.cs", "Item.keywords", NULL);
	escapes("int/catalog_item.cs", "Item.Materials.0.note",
	    "Item.Materials.0.name");
	escapes("int/catalog_item.cs", "Item.Steps.0.doc_label",
	    "Item.Steps.0.name");
	escapes("int/catalog_item.cs", "Item.Steps.0.dept_name",
	    "Item.Steps.0.name");
	escapes("int/admin_home.cs", "Depts.0.region_name", "Depts.0.name");
	escapes("int/admin_home.cs", "Depts.0.hall_name", "Depts.0.name");
	escapes("error.cs", "Error.Message", NULL);
	escapes("error.cs", "Site.Org", NULL);
	escapes("error.cs", "Site.Phone", NULL);
}

/* A key HDF refuses is left out of the page, not the end of the worker
 * (view_doc() sets Doc.<key> for the keys of a stored document). */
static void
bad_keys_are_skipped(void **state)
{
	struct req	 r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.pool = pool;
	assert_true(hdf_init(&r.hdf) == STATUS_OK);
	hdf_set(&r, "Doc..x", "1");
	hdf_set(&r, "Doc.", "1");
	hdf_set(&r, "Doc.ok", "1");
	assert_string_equal(hdf_get_value(r.hdf, "Doc.ok", ""), "1");
	hdf_destroy(&r.hdf);
}

static void
plain_values_pass(void **state)
{
	(void)state;
	assert_true(header_value_ok("application/pdf"));
	assert_true(header_value_ok("text/html; charset=utf-8"));
	assert_true(header_value_ok("/receipt?no=YW2026112100001"));
	assert_true(header_value_ok("attachment; filename*=UTF-8''%E9%94%A1"));
	assert_true(header_value_ok(""));
}

static void
control_characters_are_refused(void **state)
{
	(void)state;
	/* The type that split the intranet's /file response (F1). */
	assert_false(header_value_ok("text/html\r\n\r\n<script>alert(1)"
	    "</script>"));
	assert_false(header_value_ok("application/pdf\r\nSet-Cookie: a=b"));
	assert_false(header_value_ok("application/pdf\n"));
	assert_false(header_value_ok("a\rb"));
	/* The Location of the open redirect (F14). */
	assert_false(header_value_ok("/\t/evil.example/"));
	assert_false(header_value_ok("/\x01"));
	assert_false(header_value_ok("/\x7f"));
	assert_false(header_value_ok(NULL));
}

/* What the kit's cgi_init() is asked for: the test's two values. */
static const char	*kit_qs, *kit_cookie;

static char *
kit_getenv(void *data, const char *k)
{
	const char	*v = NULL;

	(void)data;
	if (strcmp(k, "QUERY_STRING") == 0)
		v = kit_qs;
	else if (strcmp(k, "HTTP_COOKIE") == 0)
		v = kit_cookie;
	return v ? strdup(v) : NULL;
}

/* name's subtree of hdf as text ("" when absent). */
static char *
dump(HDF *hdf, const char *name)
{
	HDF	*obj = hdf_get_obj(hdf, name);
	STRING	 str;
	char	*r;

	string_init(&str);
	if (obj != NULL) {
		string_appendf(&str, "=%s\n", hdf_obj_value(obj) ?
		    hdf_obj_value(obj) : "(none)");
		assert_true(hdf_dump_str(obj, name, 0, &str) == STATUS_OK);
	}
	r = strdup(str.buf ? str.buf : "");
	string_clear(&str);
	return r;
}

/* request_kit_get() and the kit's cgi_init() make the same Query.* and
 * Cookie.* of qs and cookie. */
static void
same_as_kit(const char *qs, const char *cookie)
{
	CGI	*kit = NULL, *ours = NULL;
	char	*a, *b;
	int	 k;

	kit_qs = qs;
	kit_cookie = cookie;
	cgiwrap_init_emu(NULL, NULL, NULL, NULL, kit_getenv, NULL, NULL);
	assert_true(cgi_init(&kit, NULL) == STATUS_OK);
	assert_true(request_kit_get(&ours, qs, cookie) == STATUS_OK);
	for (k = 0; k < 2; k++) {
		a = dump(kit->hdf, k ? "Cookie" : "Query");
		b = dump(ours->hdf, k ? "Cookie" : "Query");
		if (strcmp(a, b) != 0)
			fail_msg("query \"%s\" cookie \"%s\":\nkit:\n%s\n"
			    "ours:\n%s", qs ? qs : "(none)",
			    cookie ? cookie : "(none)", a, b);
		free(a);
		free(b);
	}
	cgi_destroy(&kit);
	cgi_destroy(&ours);
}

/* A request without a body gets the kit's Query.* and Cookie.*, from
 * request_kit_get() (issue #12), on awkward input and on random strings
 * of the bytes that mean something to either parser. */
static void
get_parses_as_the_kit(void **state)
{
	static const char *const qs[] = {
		NULL, "", "code=152502-SCJG-XK-001", "a=1&a=2&a=3", "&&a=1&&",
		"=x&=y&b", "a", ".a=1&%2Eb=2", "a.b=1&a=2&a.c=3", "a=2&a.b=1",
		"q=%E8%90%A5%E4%B8%9A+%20x%2", "a%3Db=c%26d", "a..b=1&a.=2",
		"x=%zz%4", "%=1&%%=2", "k=v=w", "a=&a=&a", "0=1&0.0=2",
	};
	static const char *const cookies[] = {
		NULL, "", "yw_sid=0; __Host-yw_sid=0", " a = 1 ;b=2;;c",
		"a=1; a=2", "=x; y=; z", "a.b=1; a=2", "a..b=1; .c=2",
		"v=a=b; w", ";;;", "yw_view=big",
	};
	const char	 alpha[] = "ab.=&;% 2E+_0\t";
	char		 q[24], c[24];
	size_t		 i, j, n;

	(void)state;
	for (i = 0; i < sizeof(qs) / sizeof(qs[0]); i++)
		for (j = 0; j < sizeof(cookies) / sizeof(cookies[0]); j++)
			same_as_kit(qs[i], cookies[j]);
	srand(12);
	for (i = 0; i < 3000; i++) {
		n = (size_t)rand() % sizeof(q);
		for (j = 0; j < n; j++)
			q[j] = alpha[rand() % (sizeof(alpha) - 1)];
		q[n] = '\0';
		n = (size_t)rand() % sizeof(c);
		for (j = 0; j < n; j++)
			c[j] = alpha[rand() % (sizeof(alpha) - 1)];
		c[n] = '\0';
		same_as_kit(q, c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_plain_local_paths),
		cmocka_unit_test(one_line_and_text_fields),
		cmocka_unit_test(every_former_alt_escapes),
		cmocka_unit_test(bad_keys_are_skipped),
		cmocka_unit_test(plain_values_pass),
		cmocka_unit_test(control_characters_are_refused),
		cmocka_unit_test(get_parses_as_the_kit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
