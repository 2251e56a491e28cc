/*
 * test_render.c: pages rendered from HDF fixtures, asserting on the HTML:
 * the data is shown, everything is escaped, documents read right.
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

static HDF *
fixture(void)
{
	HDF	*h;

	assert_true(hdf_init(&h) == STATUS_OK);
	hdf_set_value(h, "Site.Name", "一网通办 · 网上办事大厅");
	hdf_set_value(h, "Site.Kind", "extranet");
	hdf_set_value(h, "Page.Csrf", "c0ffee");
	return h;
}

static void
item(HDF *h, const char *name, const char *online)
{
	hdf_set_value(h, "Item.code", "152502-SCJG-XK-001");
	hdf_set_value(h, "Item.name", name);
	hdf_set_value(h, "Item.kind", "行政许可");
	hdf_set_value(h, "Item.dept_name", "锡林浩特市市场监督管理局");
	hdf_set_value(h, "Item.statutory_days", "10");
	hdf_set_value(h, "Item.promised_days", "5");
	hdf_set_value(h, "Item.online", online);
	/* What the guide reads (catalog_channel(), ext_guide.c). */
	hdf_set_value(h, "Item.Channel.online", online);
	hdf_set_value(h, "Item.Channel.any_online", online);
	hdf_set_value(h, "Item.Channel.visits", "0 次");
	hdf_set_value(h, "Item.Channel.vmax", "0");
	hdf_set_value(h, "Item.depth_label", "A 级 · 全程网办");
	hdf_set_value(h, "Item.Materials.0.seq", "1");
	hdf_set_value(h, "Item.Materials.0.name", "食品经营许可申请书");
	hdf_set_value(h, "Item.Materials.0.required", "1");
	hdf_set_value(h, "Item.Steps.0.name", "受理");
	hdf_set_value(h, "Item.Steps.0.days", "1");
	hdf_set_value(h, "Item.Steps.1.name", "承办");
	hdf_set_value(h, "Item.Steps.1.days", "3");
}

static void
guide_shows_item(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	item(h, "食品经营许可证核发（新办）", "1");
	html = render_string(h, TEMPLATES, "ext/guide.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "食品经营许可证核发（新办）"));
	assert_non_null(strstr(html, "食品经营许可申请书"));
	assert_non_null(strstr(html, "锡林浩特市市场监督管理局"));
	assert_non_null(strstr(html, "承办"));
	assert_non_null(strstr(html, "/apply?code=152502-SCJG-XK-001"));
	assert_non_null(strstr(html, "name=\"viewport\""));
	hdf_destroy(&h);

	/* A counter-only item has no online entry. */
	h = fixture();
	item(h, "建设工程规划许可证核发", "0");
	html = render_string(h, TEMPLATES, "ext/guide.cs", pool);
	assert_non_null(html);
	assert_null(strstr(html, "/apply?code="));
	hdf_destroy(&h);
}

static void
everything_is_escaped(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	item(h, "<script>alert(1)</script>\"'&", "1");
	hdf_set_value(h, "Item.code", "X\"><img src=x onerror=alert(1)>");
	html = render_string(h, TEMPLATES, "ext/guide.cs", pool);
	assert_non_null(html);
	assert_null(strstr(html, "<script>alert"));
	assert_null(strstr(html, "<img src=x"));
	assert_non_null(strstr(html, "&lt;script&gt;"));
	hdf_destroy(&h);
}

static void
error_page(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	hdf_set_value(h, "Error.Status", "413");
	hdf_set_value(h, "Error.Message", "提交的内容太大");
	html = render_string(h, TEMPLATES, "error.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "提交的内容太大"));
	hdf_destroy(&h);
}

static void
logout_form_carries_token(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	hdf_set_value(h, "User.Name", "乌云其木格");
	hdf_set_value(h, "Page.Title", "我的办件");
	html = render_string(h, TEMPLATES, "ext/my.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "乌云其木格"));
	assert_non_null(strstr(html, "/logout"));
	assert_non_null(strstr(html, "value=\"c0ffee\""));
	hdf_destroy(&h);
}

static void
decision_document(void **state)
{
	HDF	*h = fixture();
	char	*html;

	(void)state;
	hdf_set_value(h, "Page.Layout", "doc_layout.cs");
	hdf_set_value(h, "Doc.kind", "approve");
	hdf_set_value(h, "Doc.title", "准予行政许可决定书");
	hdf_set_value(h, "Doc.doc_no", "锡市监准字〔2026〕0001号");
	hdf_set_value(h, "Doc.dept_name", "锡林浩特市市场监督管理局");
	hdf_set_value(h, "Doc.applicant_name", "乌云其木格");
	hdf_set_value(h, "Doc.item_name", "食品经营许可证核发（新办）");
	hdf_set_value(h, "Doc.app_no", "YW2026112100001");
	html = render_string(h, TEMPLATES, "doc/notice.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "准予行政许可决定书"));
	assert_non_null(strstr(html, "锡市监准字〔2026〕0001号"));
	assert_non_null(strstr(html, "乌云其木格"));
	assert_non_null(strstr(html, "YW2026112100001"));
	/* Unsealed (DOC-1): it says so, and draws no seal. */
	assert_non_null(strstr(html, "本文书未加盖电子印章"));
	assert_null(strstr(html, "doc-seal"));
	/* Sealed and verified: the seal, the code, the QR code's SVG. */
	hdf_set_value(h, "Doc.Seal.state", "sealed");
	hdf_set_value(h, "Doc.Seal.code", "ZQNBKB7K");
	hdf_set_value(h, "Doc.Seal.dept_name", "锡林浩特市市场监督管理局");
	hdf_set_value(h, "Doc.Seal.qr_html", "<svg class=\"qr\"></svg>");
	html = render_string(h, TEMPLATES, "doc/notice.cs", pool);
	assert_non_null(html);
	assert_non_null(strstr(html, "class=\"doc-seal\""));
	assert_non_null(strstr(html, "ZQNBKB7K"));
	assert_non_null(strstr(html, "<svg class=\"qr\"></svg>"));
	assert_null(strstr(html, "本文书未加盖电子印章"));
	/* A seal that does not verify: a warning, no seal drawn. */
	hdf_set_value(h, "Doc.Seal.state", "broken");
	html = render_string(h, TEMPLATES, "doc/notice.cs", pool);
	assert_non_null(strstr(html, "电子印章核验未通过"));
	assert_null(strstr(html, "doc-seal"));
	hdf_destroy(&h);
}

/* fresh: the page rendered by a parse made for it alone. */
static char *
fresh(HDF *h, const char *tpl)
{
	render_forget_all();
	return render_string(h, TEMPLATES, tpl, pool);
}

/*
 * A worker keeps each parse (issue #12): the kept parse renders each
 * request's own data, byte for byte what a parse made for that request
 * gives, whatever was rendered between, and a layout other than the
 * default is a parse of its own.
 */
static void
kept_parse_renders_each_request(void **state)
{
	HDF	*a = fixture(), *b = fixture(), *doc = fixture();
	char	*a1, *b1, *a2, *b2, *d1, *d2;

	(void)state;
	item(a, "食品经营许可证核发（新办）", "1");
	item(b, "<script>alert(1)</script>公共场所卫生许可", "0");
	hdf_set_value(b, "Item.Steps.2.name", "决定");
	hdf_set_value(b, "Item.Steps.2.days", "2");
	hdf_set_value(doc, "Page.Layout", "doc_layout.cs");
	hdf_set_value(doc, "Doc.title", "受理通知书");
	hdf_set_value(doc, "Doc.doc_no", "锡市监受字〔2026〕0007号");
	a1 = fresh(a, "ext/guide.cs");
	b1 = fresh(b, "ext/guide.cs");
	d1 = fresh(doc, "doc/notice.cs");
	render_forget_all();
	a2 = render_string(a, TEMPLATES, "ext/guide.cs", pool);
	d2 = render_string(doc, TEMPLATES, "doc/notice.cs", pool);
	b2 = render_string(b, TEMPLATES, "ext/guide.cs", pool);
	assert_non_null(a1);
	assert_non_null(b1);
	assert_non_null(d1);
	assert_string_equal(a2, a1);
	assert_string_equal(b2, b1);
	assert_string_equal(d2, d1);
	assert_string_not_equal(a2, b2);
	assert_null(strstr(b2, "<script>"));
	assert_non_null(strstr(b2, "决定"));
	assert_null(strstr(a2, "公共场所卫生许可"));
	assert_non_null(strstr(d2, "锡市监受字〔2026〕0007号"));
	/* The same again, from the parses now kept. */
	assert_string_equal(render_string(a, TEMPLATES, "ext/guide.cs", pool),
	    a1);
	assert_string_equal(render_string(b, TEMPLATES, "ext/guide.cs", pool),
	    b1);
	render_forget_all();
	hdf_destroy(&a);
	hdf_destroy(&b);
	hdf_destroy(&doc);
}

/* url_escape() in a template writes what the kit's cgi_url_escape()
 * does, byte for byte, for every byte (request.c keeps a table of it). */
static void
url_escape_is_the_kits(void **state)
{
	HDF	*h = fixture();
	char	 all[256], *kit = NULL, *html, *want;
	int	 c;

	(void)state;
	for (c = 1; c < 256; c++)
		all[c - 1] = (char)c;
	all[255] = '\0';
	item(h, "食品经营许可证核发（新办）", "1");
	hdf_set_value(h, "Item.code", all);
	assert_true(cgi_url_escape(all, &kit) == STATUS_OK);
	assert_non_null(strstr(kit, "%2F"));		/* it did escape */
	html = render_string(h, TEMPLATES, "ext/guide.cs", pool);
	assert_non_null(html);
	want = pool_printf(pool, "href=\"/apply?code=%s\"", kit);
	assert_non_null(strstr(html, want));
	hdf_set_value(h, "Item.code", "152502 SCJG/XK&001");
	html = render_string(h, TEMPLATES, "ext/guide.cs", pool);
	assert_non_null(strstr(html,
	    "href=\"/apply?code=152502+SCJG%2FXK%26001\""));
	free(kit);
	hdf_destroy(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(guide_shows_item),
		cmocka_unit_test(everything_is_escaped),
		cmocka_unit_test(error_page),
		cmocka_unit_test(logout_form_carries_token),
		cmocka_unit_test(decision_document),
		cmocka_unit_test(kept_parse_renders_each_request),
		cmocka_unit_test(url_escape_is_the_kits),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
