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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
