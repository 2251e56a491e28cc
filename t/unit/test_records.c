/*
 * test_records.c: the validators of records that cross the gap
 * (cgi/gap/records.c; GAP-3, GAP-4, SEC-4, review F1).  Each record kind
 * as its sending form makes it passes; each field forged the way an
 * attacker holding the peer's signing key would forge it is refused,
 * naming the field.  The site is a stub: one item version, one
 * application.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>

#include "crypto.h"
#include "docsig.h"
#include "records.h"

#define SHA1 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA2 "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
#define SHA3 "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13"
#define APP_NO	"YW2026112100001"
#define CODE	"152502-SCJG-XK-001"
#define NAME	"食品经营许可证核发（新办）"

static struct material mats[] = {
	{ 1, "食品经营许可申请书", "原件", 1, 1, "pdf", "", "", "", "", "" },
	{ 2, "营业执照复印件", "复印件", 1, 0, "pdf", "", "", "", "", "",
	    "152502-SCJG-XK-006" },	/* 免证办: a 营业执照 may fill it */
};

static int	 site_fails;	/* the stub's database is down */

static enum db_rc
stub_item(void *arg, struct pool *pool, const char *code, int version,
    struct item *it)
{
	(void)arg;
	(void)pool;
	if (site_fails)
		return DB_ERR;
	if (strcmp(code, CODE) != 0 || version != 1)
		return DB_NONE;
	memset(it, 0, sizeof(*it));
	it->code = CODE;
	it->version = 1;
	it->status = "published";
	it->name = NAME;
	it->dept_name = "锡林浩特市市场监督管理局";
	it->dept_code = "SCJGJ";
	it->depth = "A";
	it->materials = mats;
	it->nmaterials = 2;
	return DB_OK;
}

static enum db_rc
stub_app(void *arg, struct pool *pool, const char *app_no)
{
	(void)arg;
	(void)pool;
	if (site_fails)
		return DB_ERR;
	return strcmp(app_no, APP_NO) == 0 ? DB_OK : DB_NONE;
}

/* The complaints the stub site has (SUP-5): one. */
static enum db_rc
stub_complaint(void *arg, struct pool *pool, const char *no)
{
	(void)arg;
	(void)pool;
	if (site_fails)
		return DB_ERR;
	return strcmp(no, "TS2026112100001") == 0 ? DB_OK : DB_NONE;
}

/* The stub library (免证办, DOC-2): 0007 is the applicant's 营业执照,
 * 0008 another person's; what it was asked. */
#define LIC_OWN		"锡市监执〔2026〕0007号"
#define LIC_OTHER	"锡市监执〔2026〕0008号"
static struct {
	char	kind[64], idno[32], at[32];
	int	credit;
} asked;

static enum db_rc
stub_licence(void *arg, struct pool *pool, const char *no, const char *kind,
    const char *credit, const char *idno, const char *at, const char **why)
{
	(void)arg;
	(void)pool;
	if (site_fails)
		return DB_ERR;
	snprintf(asked.kind, sizeof(asked.kind), "%s", kind);
	snprintf(asked.idno, sizeof(asked.idno), "%s", idno ? idno : "");
	snprintf(asked.at, sizeof(asked.at), "%s", at ? at : "");
	asked.credit = credit != NULL;
	if (strcmp(no, LIC_OWN) == 0)
		return DB_OK;
	*why = strcmp(no, LIC_OTHER) == 0 ? "证照的持有人不是申请人本人" :
	    "证照库中没有这个编号的证照";
	return DB_NONE;
}

/* The questions the stub site has (EXT-7): one. */
static enum db_rc
stub_consult(void *arg, struct pool *pool, const char *no)
{
	(void)arg;
	(void)pool;
	if (site_fails)
		return DB_ERR;
	return strcmp(no, "ZX2026112100001") == 0 ? DB_OK : DB_NONE;
}

/* The life events the stub site has published (EXT-12): 开办餐馆, v1,
 * of this item and the fire brigade's. */
#define EV_XF	"152502-XF-XK-001"
static char	*ev_items[] = { CODE, EV_XF };

static enum db_rc
stub_event(void *arg, struct pool *pool, const char *code, int version,
    char **name, char ***items, size_t *n)
{
	(void)arg;
	(void)pool;
	if (site_fails)
		return DB_ERR;
	if (strcmp(code, "YJS-KBCG") != 0 || version != 1)
		return DB_NONE;
	*name = "开办餐馆";
	*items = ev_items;
	*n = 2;
	return DB_OK;
}

static const struct rec_site site = { stub_item, stub_app, NULL, NULL,
    stub_complaint, stub_licence, stub_consult, stub_event };
/* A site without a library (the extranet's answer). */
static const struct rec_site site_no_library = { stub_item, stub_app, NULL,
    NULL, stub_complaint, NULL, stub_consult };

static struct {
	struct pool		*pool;
	struct rec_member	 members[3];
	struct rec_check	 c;
} fx;

static int
setup(void **state)
{
	(void)state;
	memset(&fx, 0, sizeof(fx));
	fx.pool = pool_new();
	strcpy(fx.members[0].sha256, SHA1);
	fx.members[0].size = 1234;
	strcpy(fx.members[1].sha256, SHA2);
	fx.members[1].size = 99;
	strcpy(fx.members[2].sha256, SHA3);
	fx.members[2].size = 5000;
	fx.c.pool = fx.pool;
	fx.c.site = &site;
	fx.c.members = fx.members;
	fx.c.nmembers = 3;
	fx.c.max_file = 10 * 1024 * 1024;
	fx.c.today = 20261121;
	fx.c.recno = 1;
	site_fails = 0;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	pool_free(fx.pool);
	return 0;
}

static json_t *
parse(const char *text)
{
	json_t	*o = json_loads(text, 0, NULL);

	assert_non_null(o);
	return o;
}

/* Run v on rec (which it consumes): 0 or -1, and the field refused. */
static int
run(rec_validator v, json_t *rec)
{
	int	 rc;

	fx.c.field = fx.c.why = NULL;
	rc = v(&fx.c, rec);
	json_decref(rec);
	return rc;
}

/* The refused field's path, without its label. */
static const char *
field(void)
{
	static char	 f[256];
	char		*p;

	assert_non_null(fx.c.field);
	assert_non_null(fx.c.why);
	snprintf(f, sizeof(f), "%s", fx.c.field);
	if ((p = strstr(f, "（")) != NULL)
		*p = '\0';
	return f;
}

/* Record o with member key of object at set to the JSON value text, or
 * removed (text NULL); o as it is when key is NULL. */
static json_t *
with_member(json_t *o, json_t *at, const char *key, const char *text)
{
	if (key != NULL && text == NULL)
		json_object_del(at, key);
	else if (key != NULL)
		json_object_set_new(at, key, json_loads(text, JSON_DECODE_ANY,
		    NULL));
	return o;
}

/* ---- application --------------------------------------------------- */

static json_t *
application(void)
{
	return parse("{\"type\":\"application\",\"app_no\":\"" APP_NO "\","
	    "\"item_code\":\"" CODE "\",\"item_version\":1,"
	    "\"item_name\":\"" NAME "\",\"applicant\":{\"name\":\"格日勒图雅\","
	    "\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	    "\"remark\":\"新开一家奶茶店，\\r\\n经营面积 60 平方米\","
	    "\"submitted_at\":\"2026-11-21 02:00:00\",\"attachments\":[{"
	    "\"material_seq\":1,\"material_name\":\"食品经营许可申请书\","
	    "\"file_name\":\"申请书.pdf\",\"sha256\":\"" SHA1 "\","
	    "\"size\":1234,\"mime\":\"application/pdf\"}],"
	    "\"files\":[\"" SHA1 "\"]}");
}

/* The application with member path set to the JSON value text. */
static json_t *
application_with(const char *path, const char *text)
{
	json_t	*o = application(), *at = o;
	char	 buf[128], *key, *dot;

	snprintf(buf, sizeof(buf), "%s", path);
	for (key = buf; (dot = strchr(key, '.')) != NULL; key = dot + 1) {
		*dot = '\0';
		at = strcmp(key, "0") == 0 ? json_array_get(at, 0) :
		    json_object_get(at, key);
	}
	if (text == NULL)
		json_object_del(at, key);
	else
		json_object_set_new(at, key, json_loads(text,
		    JSON_DECODE_ANY, NULL));
	return o;
}

static void
application_as_the_form_sends_it_passes(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_application, application()), 0);
	assert_int_equal(fx.c.nfiles, 1);
	assert_string_equal(fx.c.files[0].sha256, SHA1);
	assert_int_equal(fx.c.files[0].size, 1234);
	assert_string_equal(fx.c.files[0].types[0], "application/pdf");
	assert_int_equal(fx.c.files[0].recno, 1);
	assert_true(fx.members[0].named);
	assert_false(fx.members[1].named);
	/* The other members are named by no record. */
	assert_int_equal(rec_all_named(&fx.c), -1);
}

/* Refused at path when path is set to text (NULL: removed). */
static void
refused(const char *path, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_application,
	    application_with(path, text)), -1);
	assert_string_equal(field(), at);
	assert_false(fx.c.dberr);
}

static void
application_digest_with_dot_dot_is_refused(void **state)
{
	(void)state;
	/* The digest that served the intranet's private key (F1). */
	refused("attachments.0.sha256", "\"../../../../../../../../../../../"
	    "work/main/var/int/keys/site.key\"", "attachments[0].sha256");
	refused("attachments.0.sha256", "\"" SHA1 "/..\"",
	    "attachments[0].sha256");
	refused("files", "[\"../../keys/site.key\"]", "files[0]");
}

static void
application_digest_not_in_the_bundle_is_refused(void **state)
{
	(void)state;
	refused("attachments.0.sha256", "\"" "0000000000000000000000000000000"
	    "000000000000000000000000000000000\"", "attachments[0].sha256");
	assert_string_equal(fx.c.why, "这个文件不在本数据包中");
	/* Upper-case hex is not the shape of a digest. */
	refused("attachments.0.sha256", "\"9F86D081884C7D659A2FEAA0C55AD015A3"
	    "BF4F1B2B0B822CD15D6C15B0F00A08\"", "attachments[0].sha256");
}

static void
application_size_other_than_the_member_is_refused(void **state)
{
	(void)state;
	refused("attachments.0.size", "1235", "attachments[0].sha256");
	refused("attachments.0.size", "0", "attachments[0].size");
	refused("attachments.0.size", "\"1234\"", "attachments[0].size");
	fx.c.max_file = 1000;
	refused("attachments.0.size", "1234", "attachments[0].sha256");
}

static void
application_type_other_than_pdf_is_refused(void **state)
{
	(void)state;
	/* The type that split the response headers (F1). */
	refused("attachments.0.mime", "\"text/html\\r\\n\\r\\n<script>alert(1)"
	    "</script>\"", "attachments[0].mime");
	refused("attachments.0.mime", "\"text/html\"", "attachments[0].mime");
	refused("attachments.0.mime", "\"application/pdf \"",
	    "attachments[0].mime");
}

/* Photos of paper cross as what their record says they are, and the
 * file is judged against that type alone (EXT-1): a PDF recorded as a
 * photo, or a photo as a PDF, is refused when the file is judged. */
static void
application_photo_is_judged_as_recorded(void **state)
{
	const struct rec_file	*f;

	(void)state;
	/* Each run adds the file it names to the check's list: the last. */
	assert_int_equal(run(rec_valid_application, application_with(
	    "attachments.0.mime", "\"image/jpeg\"")), 0);
	f = &fx.c.files[fx.c.nfiles - 1];
	assert_string_equal(f->types[0], "image/jpeg");
	assert_null(f->types[1]);
	assert_int_equal(run(rec_valid_application, application_with(
	    "attachments.0.mime", "\"image/png\"")), 0);
	f = &fx.c.files[fx.c.nfiles - 1];
	assert_string_equal(f->types[0], "image/png");
	assert_null(f->types[1]);
	/* A PDF's record allows a PDF only. */
	assert_int_equal(run(rec_valid_application, application()), 0);
	f = &fx.c.files[fx.c.nfiles - 1];
	assert_string_equal(f->types[0], "application/pdf");
	assert_null(f->types[1]);
	/* Pictures a browser might run or no page is: never. */
	refused("attachments.0.mime", "\"image/svg+xml\"",
	    "attachments[0].mime");
	refused("attachments.0.mime", "\"image/gif\"", "attachments[0].mime");
	refused("attachments.0.mime", "\"image/heic\"",
	    "attachments[0].mime");
	refused("attachments.0.mime", "\"image/jpeg; charset=utf-8\"",
	    "attachments[0].mime");
}

static void
application_bad_identity_is_refused(void **state)
{
	(void)state;
	/* Check digit wrong; a date that does not exist; not digits. */
	refused("applicant.id_number", "\"152502198807120045\"",
	    "applicant.id_number");
	refused("applicant.id_number", "\"152502198802300040\"",
	    "applicant.id_number");
	refused("applicant.mobile", "\"1390479123\"", "applicant.mobile");
	refused("applicant.mobile", "\"23904791234\"", "applicant.mobile");
	refused("applicant.mobile", "\"13904791234\\r\\nX: y\"",
	    "applicant.mobile");
	refused("applicant.name", "\"\"", "applicant.name");
	refused("applicant.name", "\"格日勒\\u0007图雅\"", "applicant.name");
	refused("applicant.name", "\"" "一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\"",
	    "applicant.name");
}

/* An application made in an enterprise's name (ACC-1): the entity is
 * checked as the registration form checks it, GB 32100 in full. */
static void
application_for_an_enterprise(void **state)
{
	json_t	*o;

	(void)state;
	o = application_with("entity", "{\"kind\":\"enterprise\","
	    "\"credit_code\":\"91152502MA0N3K7P83\",\"name\":"
	    "\"锡林浩特市草原明珠乳业有限公司\"}");
	assert_int_equal(run(rec_valid_application, o), 0);
	/* Check character; entity type (its check right); division. */
	refused("entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"91152502MA0N3K7P84\",\"name\":\"草原明珠\"}",
	    "entity.credit_code");
	refused("entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"94152502MA0N3K7P8R\",\"name\":\"草原明珠\"}",
	    "entity.credit_code");
	refused("entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"91990000MA0N3K7P8R\",\"name\":\"草原明珠\"}",
	    "entity.credit_code");
	refused("entity", "{\"kind\":\"person\",\"credit_code\":"
	    "\"91152502MA0N3K7P83\",\"name\":\"草原明珠\"}", "entity.kind");
	refused("entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"91152502MA0N3K7P83\",\"name\":\"草原\\n明珠\"}",
	    "entity.name");
	refused("entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"91152502MA0N3K7P83\"}", "entity.name");
	refused("entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"91152502MA0N3K7P83\",\"name\":\"草原明珠\",\"x\":1}",
	    "entity.x");
	refused("entity", "\"91152502MA0N3K7P83\"", "entity");
}

/* The ID number with birth date born (YYYYMMDD), its check digit right. */
static const char *
born_on(const char *born)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
	    10, 5, 8, 4, 2 };
	static char		 json[32];
	char			 id[19];
	int			 i, sum = 0;

	snprintf(id, sizeof(id), "152502%s002", born);
	for (i = 0; i < 17; i++)
		sum += (id[i] - '0') * w[i];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
	snprintf(json, sizeof(json), "\"%s\"", id);
	return json;
}

/* As strict as the registration form: a birth date after the site's
 * today, or more than 120 years before it, is refused (the checks
 * id_number_valid() left out). */
static void
application_birth_date_judged_on_the_sites_day(void **state)
{
	(void)state;
	refused("applicant.id_number", born_on("20270101"),
	    "applicant.id_number");
	refused("applicant.id_number", born_on("20261122"),
	    "applicant.id_number");
	refused("applicant.id_number", born_on("19061120"),
	    "applicant.id_number");
	refused("applicant.id_number", born_on("19000101"),
	    "applicant.id_number");
	/* Born today, and exactly 120 years ago today. */
	assert_int_equal(run(rec_valid_application, application_with(
	    "applicant.id_number", born_on("20261121"))), 0);
	assert_int_equal(run(rec_valid_application, application_with(
	    "applicant.id_number", born_on("19061121"))), 0);
	/* The day is the site's: tomorrow's newborn passes tomorrow. */
	fx.c.today = 20261122;
	assert_int_equal(run(rec_valid_application, application_with(
	    "applicant.id_number", born_on("20261122"))), 0);
	/* No day given: no ID number can be judged, so none passes. */
	fx.c.today = 0;
	assert_int_equal(run(rec_valid_application, application()), -1);
	assert_string_equal(field(), "applicant.id_number");
}

static void
application_number_and_time_in_their_shapes(void **state)
{
	(void)state;
	refused("app_no", "\"YW2026113100001\"", "app_no");	/* 31 Nov */
	refused("app_no", "\"YW202611210001\"", "app_no");
	refused("app_no", "\"../../x\"", "app_no");
	refused("app_no", "\"yw2026112100001\"", "app_no");
	refused("submitted_at", "\"2026-11-21T02:00:00Z\"", "submitted_at");
	refused("submitted_at", "\"2026-02-29 02:00:00\"", "submitted_at");
	refused("submitted_at", "\"2026-11-21 24:00:00\"", "submitted_at");
}

/* The application with a remark of n copies of the text c. */
static json_t *
application_remark(const char *c, size_t n)
{
	json_t	*o = application();
	char	*r = pool_alloc(fx.pool, n * strlen(c) + 1);
	size_t	 i;

	for (i = 0; i < n; i++)
		strcat(r, c);
	json_object_set_new(o, "remark", json_string(r));
	return o;
}

static void
application_remark_within_its_form(void **state)
{
	(void)state;
	/* The form takes 2,000 characters, Chinese ones too. */
	assert_int_equal(run(rec_valid_application,
	    application_remark("a", 2000)), 0);
	assert_int_equal(run(rec_valid_application,
	    application_remark("锡", 2000)), 0);
	assert_int_equal(run(rec_valid_application,
	    application_remark("a", 2001)), -1);
	assert_string_equal(field(), "remark");
	assert_int_equal(run(rec_valid_application,
	    application_remark("锡", 2001)), -1);
	assert_string_equal(field(), "remark");
	/* Markup is text (templates escape it); control characters are not. */
	assert_int_equal(run(rec_valid_application, application_remark(
	    "<meta http-equiv=refresh content=0;url=//x>", 1)), 0);
	refused("remark", "\"a\\u000bb\"", "remark");
	refused("remark", "\"a\\rb\"", "remark");
	refused("remark", "5", "remark");
}

static void
application_fields_all_declared(void **state)
{
	(void)state;
	refused("remark", NULL, "remark");
	refused("applicant.mobile", NULL, "applicant.mobile");
	refused("extra", "1", "extra");
	refused("applicant.admin", "true", "applicant.admin");
	refused("attachments.0.path", "\"/etc/passwd\"", "attachments[0].path");
	refused("item_version", "\"1\"", "item_version");
	refused("item_version", "1.0", "item_version");
	refused("attachments", "{}", "attachments");
}

static void
application_item_and_materials_of_this_site(void **state)
{
	(void)state;
	refused("item_code", "\"152502-NO-SUCH-001\"", "item_code");
	refused("item_version", "2", "item_code");
	refused("item_name", "\"<b>别的事项</b>\"", "item_name");
	refused("attachments.0.material_seq", "3",
	    "attachments[0].material_seq");
	refused("attachments.0.material_name", "\"营业执照复印件\"",
	    "attachments[0].material_name");
	/* The required material missing. */
	refused("attachments", "[]", "attachments");
	refused("files", "[]", "files");
	refused("files", "[\"" SHA1 "\", \"" SHA2 "\"]", "files[1]");
}

static void
application_when_the_site_cannot_answer(void **state)
{
	(void)state;
	site_fails = 1;
	assert_int_equal(run(rec_valid_application, application()), -1);
	assert_true(fx.c.dberr);
}

/* 免证办 (DOC-2): a licence for a slot that names a licence kind, in
 * place of its file; the site's library asked with the applicant. */
#define LIC_REC(seq, name, no) "[{\"material_seq\":" seq ",\"material_name\":" \
	"\"" name "\",\"licence_no\":\"" no "\"}]"

static void
application_with_a_licence(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_application, application_with(
	    "licences", LIC_REC("2", "营业执照复印件", LIC_OWN))), 0);
	assert_string_equal(asked.kind, "152502-SCJG-XK-006");
	assert_string_equal(asked.idno, "152502198807120048");
	assert_string_equal(asked.at, "2026-11-21 02:00:00");
	assert_false(asked.credit);
	/* Another holder's, or one the library does not have. */
	refused("licences", LIC_REC("2", "营业执照复印件", LIC_OTHER),
	    "licences[0].licence_no");
	assert_non_null(strstr(fx.c.why, "持有人"));
	refused("licences", LIC_REC("2", "营业执照复印件",
	    "锡市监执〔2026〕9999号"), "licences[0].licence_no");
	/* A slot that takes no licence; one not of this item. */
	refused("licences", LIC_REC("1", "食品经营许可申请书", LIC_OWN),
	    "licences[0].material_seq");
	refused("licences", LIC_REC("3", "营业执照复印件", LIC_OWN),
	    "licences[0].material_seq");
	refused("licences", LIC_REC("2", "食品经营许可申请书", LIC_OWN),
	    "licences[0].material_name");
	/* The slot twice; a file and a licence for it. */
	refused("licences", "[{\"material_seq\":2,\"material_name\":"
	    "\"营业执照复印件\",\"licence_no\":\"" LIC_OWN "\"},"
	    "{\"material_seq\":2,\"material_name\":\"营业执照复印件\","
	    "\"licence_no\":\"" LIC_OWN "\"}]", "licences[1].material_seq");
	/* Shapes: empty, a stray member, a number too long or not text. */
	refused("licences", "[]", "licences");
	refused("licences", "[{\"material_seq\":2,\"material_name\":"
	    "\"营业执照复印件\",\"licence_no\":\"" LIC_OWN "\",\"x\":1}]",
	    "licences[0].x");
	refused("licences", LIC_REC("2", "营业执照复印件",
	    "0123456789012345678901234567890123456789012345678901234567890"),
	    "licences[0].licence_no");
	refused("licences", "[{\"material_seq\":2,\"material_name\":"
	    "\"营业执照复印件\",\"licence_no\":7}]", "licences[0].licence_no");
	refused("licences", "{}", "licences");
}

/* Made in an enterprise's name: the library is asked for its licence. */
static void
application_with_an_enterprise_licence(void **state)
{
	json_t	*o;

	(void)state;
	o = application_with("entity", "{\"kind\":\"enterprise\","
	    "\"credit_code\":\"91152502MA0N3K7P83\",\"name\":"
	    "\"锡林浩特市草原明珠乳业有限公司\"}");
	json_object_set_new(o, "licences", json_loads(LIC_REC("2",
	    "营业执照复印件", LIC_OWN), 0, NULL));
	assert_int_equal(run(rec_valid_application, o), 0);
	assert_true(asked.credit);
}

static void
application_with_a_licence_and_a_file_for_its_slot(void **state)
{
	json_t	*o, *atts;

	(void)state;
	o = application_with("licences", LIC_REC("2", "营业执照复印件",
	    LIC_OWN));
	atts = json_object_get(o, "attachments");
	json_array_append_new(atts, json_loads("{\"material_seq\":2,"
	    "\"material_name\":\"营业执照复印件\",\"file_name\":\"a.pdf\","
	    "\"sha256\":\"" SHA2 "\",\"size\":99,\"mime\":"
	    "\"application/pdf\"}", 0, NULL));
	json_object_set_new(o, "files", json_loads("[\"" SHA1 "\",\"" SHA2
	    "\"]", 0, NULL));
	assert_int_equal(run(rec_valid_application, o), -1);
	assert_string_equal(field(), "licences[0].material_seq");
}

static void
application_with_a_licence_where_no_library_is(void **state)
{
	(void)state;
	fx.c.site = &site_no_library;
	refused("licences", LIC_REC("2", "营业执照复印件", LIC_OWN),
	    "licences[0].licence_no");
	fx.c.site = &site;
	site_fails = 0;
}

/* ---- item ---------------------------------------------------------- */

static const char item_text[] =
    "{\"type\":\"item\",\"code\":\"" CODE "\",\"version\":2,"
    "\"status\":\"published\",\"name\":\"" NAME "\",\"kind\":\"行政许可\","
    "\"dept_code\":\"SCJGJ\",\"dept_name\":\"锡林浩特市市场监督管理局\","
    "\"level\":\"县级\",\"parent\":\"\",\"phase\":\"\","
    "\"basis\":\"《中华人民共和国食品安全法》\\r\\n第三十五条\","
    "\"conditions\":\"\",\"statutory_days\":20,\"promised_days\":10,"
    "\"instant\":false,\"fee\":\"不收费\",\"fee_basis\":\"\","
    "\"fee_standard\":\"\",\"place\":\"市政务服务中心二楼\","
    "\"hours\":\"周一至周五\",\"phone\":\"0479-8225315\","
    "\"complaint_phone\":\"0479-12345\",\"visits\":0,\"depth\":\"A\","
    "\"themes\":[\"开办企业\"],\"keywords\":\"奶茶 餐饮\","
    "\"materials\":[{\"name\":\"食品经营许可申请书\",\"original\":\"原件\","
    "\"copies\":1,\"required\":true,\"types\":\"pdf\",\"note\":\"\","
    "\"form\":\"申请书.pdf\",\"form_sha\":\"" SHA2 "\","
    "\"sample\":\"\",\"sample_sha\":\"\"}],"
    "\"files\":[\"" SHA2 "\"],"
    "\"procedure\":{\"steps\":["
    "{\"key\":\"accept\",\"name\":\"受理\",\"role\":2,\"dept\":\"SCJGJ\","
    "\"dept_name\":\"锡林浩特市市场监督管理局\",\"days\":1,\"doc\":\"accept\"},"
    "{\"key\":\"review\",\"name\":\"承办\",\"role\":4,\"dept\":\"SCJGJ\","
    "\"dept_name\":\"锡林浩特市市场监督管理局\",\"days\":3,\"doc\":\"\"},"
    "{\"key\":\"decide\",\"name\":\"批准\",\"role\":8,\"dept\":\"SCJGJ\","
    "\"dept_name\":\"锡林浩特市市场监督管理局\",\"days\":1,"
    "\"doc\":\"decision\"}],"
    "\"flows\":[[\"start\",\"accept\"],[\"accept\",\"review\"],"
    "[\"review\",\"decide\"],[\"decide\",\"end\"]],"
    "\"returns\":[[\"decide\",\"review\"]]}}";

static json_t *
item_with(const char *key, const char *text)
{
	json_t	*o = parse(item_text);

	if (key != NULL)
		json_object_set_new(o, key, json_loads(text, JSON_DECODE_ANY,
		    NULL));
	return o;
}

static void
item_refused(const char *key, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_item, item_with(key, text)), -1);
	assert_string_equal(field(), at);
}

static void
item_as_published_passes(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_item, item_with(NULL, NULL)), 0);
	/* Its blank form is a file of the bundle, vetted as a PDF. */
	assert_int_equal(fx.c.nfiles, 1);
	assert_string_equal(fx.c.files[0].sha256, SHA2);
	assert_int_equal(fx.c.files[0].size, 99);
	assert_string_equal(fx.c.files[0].types[0], "application/pdf");
}

static void
item_elements_as_the_editor_allows(void **state)
{
	(void)state;
	item_refused("depth", "\"D\"", "depth");
	item_refused("secret", "true", "secret");
	item_refused("status", "\"draft\"", "status");
	item_refused("kind", "\"随便\"", "kind");
	item_refused("level", "\"省级\"", "level");
	item_refused("phase", "\"开张\"", "phase");
	item_refused("code", "\"../x\"", "code");
	item_refused("dept_code", "\"SCJ GJ\"", "dept_code");
	item_refused("name", "\"食品\\r\\n经营\"", "name");
	item_refused("name", "\"\"", "name");
	item_refused("place", "\"a\\tb\"", "place");
	item_refused("promised_days", "30", "promised_days");
	item_refused("statutory_days", "3651", "statutory_days");
	item_refused("visits", "21", "visits");
	item_refused("instant", "1", "instant");
	item_refused("themes", "[\"出生\", \"出生\"]", "themes[1]");
	item_refused("themes", "[\"<script>\"]", "themes[0]");
	item_refused("created_by", "\"x\"", "created_by");
}

static void
item_materials_and_forms(void **state)
{
	(void)state;
	item_refused("materials", "[{\"name\":\"a\",\"original\":\"原件\","
	    "\"copies\":1,\"required\":true,\"types\":\"pdf\",\"note\":\"\","
	    "\"form\":\"../a.pdf\",\"form_sha\":\"\",\"sample\":\"\","
	    "\"sample_sha\":\"\"}]", "materials[0].form");
	/* A form not in the bundle. */
	item_refused("materials", "[{\"name\":\"a\",\"original\":\"原件\","
	    "\"copies\":1,\"required\":true,\"types\":\"pdf\",\"note\":\"\","
	    "\"form\":\"a.pdf\",\"form_sha\":\"" "0000000000000000000000000000"
	    "000000000000000000000000000000000000\",\"sample\":\"\","
	    "\"sample_sha\":\"\"}]", "materials[0].form_sha");
	item_refused("materials", "[{\"name\":\"a\",\"original\":\"原件\","
	    "\"copies\":0,\"required\":true,\"types\":\"pdf\",\"note\":\"\","
	    "\"form\":\"\",\"form_sha\":\"\",\"sample\":\"\","
	    "\"sample_sha\":\"\"}]", "materials[0].copies");
	item_refused("materials", "[{\"name\":\"a\",\"original\":\"原件\","
	    "\"copies\":1,\"required\":true,\"types\":\"pdf;rm\",\"note\":\"\","
	    "\"form\":\"\",\"form_sha\":\"\",\"sample\":\"\","
	    "\"sample_sha\":\"\"}]", "materials[0].types");
	/* The files list names a form no material has. */
	item_refused("files", "[\"" SHA2 "\", \"" SHA3 "\"]", "files[1]");
	/* 免证办 (DOC-2): the licence kind a slot takes is an item code. */
	item_refused("materials", "[{\"name\":\"a\",\"original\":\"原件\","
	    "\"copies\":1,\"required\":true,\"types\":\"pdf\",\"note\":\"\","
	    "\"form\":\"\",\"form_sha\":\"\",\"sample\":\"\","
	    "\"sample_sha\":\"\",\"licence\":\"食品经营许可证\"}]",
	    "materials[0].licence");
	assert_int_equal(run(rec_valid_item, item_with("materials",
	    "[{\"name\":\"食品经营许可申请书\",\"original\":\"原件\","
	    "\"copies\":1,\"required\":true,\"types\":\"pdf\",\"note\":\"\","
	    "\"form\":\"申请书.pdf\",\"form_sha\":\"" SHA2 "\","
	    "\"sample\":\"\",\"sample_sha\":\"\"},{\"name\":"
	    "\"食品经营许可证正、副本\",\"original\":\"原件\",\"copies\":1,"
	    "\"required\":true,\"types\":\"pdf\",\"note\":\"\",\"form\":"
	    "\"\",\"form_sha\":\"\",\"sample\":\"\",\"sample_sha\":\"\","
	    "\"licence\":\"152502-SCJG-XK-002\"}]")), 0);
}

static void
item_procedure_as_publishing_checks_it(void **state)
{
	json_t	*o, *proc;

	(void)state;
	/* An edge to a step that does not exist. */
	o = item_with(NULL, NULL);
	proc = json_object_get(o, "procedure");
	json_object_set_new(proc, "flows", json_loads("[[\"start\",\"accept\"],"
	    "[\"accept\",\"nowhere\"],[\"review\",\"decide\"],"
	    "[\"decide\",\"end\"]]", 0, NULL));
	assert_int_equal(run(rec_valid_item, o), -1);
	assert_string_equal(field(), "procedure");
	/* A step nobody can reach. */
	o = item_with(NULL, NULL);
	proc = json_object_get(o, "procedure");
	json_object_set_new(proc, "flows", json_loads("[[\"start\",\"accept\"],"
	    "[\"accept\",\"decide\"],[\"decide\",\"end\"]]", 0, NULL));
	json_object_set_new(proc, "returns", json_array());
	assert_int_equal(run(rec_valid_item, o), -1);
	/* A role that is no step's. */
	o = item_with(NULL, NULL);
	json_object_set_new(json_array_get(json_object_get(json_object_get(o,
	    "procedure"), "steps"), 0), "role", json_integer(16));
	assert_int_equal(run(rec_valid_item, o), -1);
	assert_string_equal(field(), "procedure.steps[0].role");
	/* One step only. */
	o = item_with(NULL, NULL);
	json_object_set_new(json_object_get(o, "procedure"), "steps",
	    json_loads("[]", 0, NULL));
	assert_int_equal(run(rec_valid_item, o), -1);
	assert_string_equal(field(), "procedure.steps");
}

/* ---- case.event ---------------------------------------------------- */

static const char event_text[] =
    "{\"type\":\"case.event\",\"app_no\":\"" APP_NO "\",\"seq\":4,"
    "\"at\":\"2026-11-22 03:00:00\",\"label\":\"不予许可\","
    "\"actor\":\"锡林浩特市市场监督管理局\",\"note\":\"经营场所\\r\\n不符合要求\","
    "\"state\":\"denied\",\"state_label\":\"不予许可，已办结\","
    "\"doc\":{\"kind\":\"deny\",\"doc_no\":\"锡市监不准字〔2026〕0001号\","
    "\"title\":\"不予行政许可决定书\",\"body\":\"{\\\"app_no\\\":\\\"" APP_NO
    "\\\",\\\"applicant_name\\\":\\\"格日勒图雅\\\",\\\"dept_name\\\":"
    "\\\"锡林浩特市市场监督管理局\\\",\\\"due_date\\\":\\\"2026-12-04\\\","
    "\\\"item_name\\\":\\\"" NAME "\\\",\\\"materials\\\":[{\\\"name\\\":"
    "\\\"食品经营许可申请书\\\",\\\"file_name\\\":\\\"申请书.pdf\\\","
    "\\\"original\\\":\\\"电子件\\\"}],\\\"promised_days\\\":10,"
    "\\\"reason\\\":\\\"经营场所不符合要求\\\",\\\"received_at\\\":"
    "\\\"2026-11-21 10:00\\\",\\\"signer\\\":\\\"巴特尔\\\","
    "\\\"submitted_at\\\":\\\"2026-11-21 10:00\\\"}\","
    "\"issued_at\":\"2026-11-22 03:00:00\",\"issued_by\":"
    "\"锡林浩特市市场监督管理局\"}}";

static json_t *
event_with(const char *key, const char *text)
{
	json_t	*o = parse(event_text), *at = o;

	if (key != NULL && strncmp(key, "doc.", 4) == 0) {
		at = json_object_get(o, "doc");
		key += 4;
	}
	return with_member(o, at, key, text);
}

static void
event_refused(const char *key, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_case_event, event_with(key, text)), -1);
	assert_string_equal(field(), at);
}

static void
case_event_with_its_decision_passes(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_case_event, event_with(NULL, NULL)), 0);
	assert_int_equal(run(rec_valid_case_event, event_with("doc", NULL)),
	    0);
	assert_int_equal(fx.c.nfiles, 0);
}

/* The promised date is optional, and a date when given (issue #7). */
static void
case_event_due_date(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_case_event, event_with("due_date",
	    "\"2026-12-11\"")), 0);
	event_refused("due_date", "\"2026-02-30\"", "due_date");
	event_refused("due_date", "\"12/11/2026\"", "due_date");
	event_refused("due_date", "20261211", "due_date");
	event_refused("state", "\"withdrawn\"", "state_label");
	assert_int_equal(run(rec_valid_case_event, event_with("state_label",
	    "\"申请人已撤回，办理终止\"")), -1);
}

/* ---- application.withdraw (EXT-5) ---------------------------------- */

static json_t *
withdraw_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"application.withdraw\",\"app_no\":"
	    "\"" APP_NO "\",\"at\":\"2026-11-23 02:00:00\",\"reason\":"
	    "\"店面租约取消\"}");

	return with_member(o, o, key, text);
}

static void
withdraw_refused(const char *key, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_withdraw, withdraw_with(key, text)), -1);
	assert_string_equal(field(), at);
}

static void
withdraw_record(void **state)
{
	char	 long_reason[3 * 501 + 3];
	size_t	 i;

	(void)state;
	assert_int_equal(run(rec_valid_withdraw, withdraw_with(NULL, NULL)), 0);
	assert_int_equal(run(rec_valid_withdraw, withdraw_with("reason",
	    "\"\"")), 0);
	withdraw_refused("app_no", "\"YW2026112100002\"", "app_no");
	withdraw_refused("app_no", "\"../../etc\"", "app_no");
	withdraw_refused("at", "\"now\"", "at");
	withdraw_refused("reason", NULL, "reason");
	withdraw_refused("reason", "\"\\u001b[2J\"", "reason");
	withdraw_refused("type", "\"case.event\"", "type");
	withdraw_refused("extra", "1", "extra");
	long_reason[0] = '"';
	for (i = 0; i < 501; i++)
		memcpy(long_reason + 1 + 3 * i, "租", 3);
	memcpy(long_reason + 1 + 3 * 501, "\"", 2);
	withdraw_refused("reason", long_reason, "reason");
}

/* ---- case.fee (FEE-1): what the applicant is told to pay ----------- */

static json_t *
fee_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"case.fee\",\"app_no\":\"" APP_NO
	    "\",\"kind\":\"食品经营许可证工本费\",\"amount\":1000,"
	    "\"due_date\":\"2026-12-18\",\"state\":\"unpaid\"}");

	return with_member(o, o, key, text);
}

static void
fee_refused(const char *key, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_case_fee, fee_with(key, text)), -1);
	assert_string_equal(field(), at);
}

/* A forged fee is refused field by field: no record is trusted because
 * its bundle verified (GAP-2, issue #9). */
static void
fee_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_case_fee, fee_with(NULL, NULL)), 0);
	assert_int_equal(run(rec_valid_case_fee, fee_with("state",
	    "\"paid\"")), 0);
	fee_refused("app_no", "\"YW2026112100002\"", "app_no");
	fee_refused("app_no", "\"../../etc\"", "app_no");
	fee_refused("amount", "-1", "amount");
	fee_refused("amount", "\"1000\"", "amount");
	fee_refused("amount", "1e3", "amount");
	fee_refused("amount", "100000000000", "amount");
	fee_refused("due_date", "\"2026-02-30\"", "due_date");
	fee_refused("state", "\"refunded\"", "state");
	fee_refused("kind", "\"\"", "kind");
	fee_refused("kind", "\"工本费\\n附加\"", "kind");
	fee_refused("kind", NULL, "kind");
	fee_refused("type", "\"case.event\"", "type");
	fee_refused("extra", "1", "extra");
}

/* ---- sms.send (NTF-1) ---------------------------------------------- */

static json_t *
sms_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"sms.send\",\"app_no\":\"" APP_NO
	    "\",\"template\":\"fee\",\"dept_name\":\"自然资源局\","
	    "\"amount\":12050,\"due_date\":\"2026-12-18\"}");

	return with_member(o, o, key, text);
}

static void
sms_refused(const char *key, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_sms_send, sms_with(key, text)), -1);
	assert_string_equal(field(), at);
}

/* A forged sms.send can name no number and carry no text of its own: the
 * extranet renders its own template to the applicant's own mobile. */
static void
sms_record(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_sms_send, sms_with(NULL, NULL)), 0);
	o = sms_with("template", "\"accepted\"");
	json_object_set_new(o, "amount", json_integer(0));
	json_object_set_new(o, "due_date", json_string(""));
	assert_int_equal(run(rec_valid_sms_send, o), 0);
	sms_refused("mobile", "\"13800138000\"", "mobile");
	sms_refused("text", "\"您的账户异常\"", "text");
	sms_refused("template", "\"free\"", "template");
	sms_refused("template", "\"accepted\"", "due_date");
	sms_refused("amount", "0", "amount");
	sms_refused("due_date", "\"2026-02-30\"", "due_date");
	sms_refused("due_date", "\"\"", "due_date");
	sms_refused("app_no", "\"YW2026112100002\"", "app_no");
	sms_refused("dept_name", "\"局\\n附加\"", "dept_name");
	sms_refused("dept_name", NULL, "dept_name");
}

/* ---- 补正 (EXT-4) ---------------------------------------------------- */

/* A 补正 event as event_out() sends it: the list, and the notice whose
 * body lists it too. */
static json_t *
correcting_event(void)
{
	json_t	*o = event_with("state", "\"correcting\"");
	json_t	*doc = json_object_get(o, "doc");

	json_object_set_new(o, "state_label",
	    json_string("需补正材料，等待申请人补正"));
	json_object_set_new(o, "corrections", json_loads("[{\"material_seq\":"
	    "1,\"material_name\":\"食品经营许可申请书\",\"reason\":"
	    "\"缺少签字\"},{\"material_seq\":2,\"material_name\":"
	    "\"营业执照\",\"reason\":\"复印件\\n不清晰\"}]", 0, NULL));
	json_object_set_new(doc, "kind", json_string("correct"));
	json_object_set_new(doc, "title", json_string("补正材料通知书"));
	json_object_set_new(doc, "body", json_string("{\"app_no\":\"" APP_NO
	    "\",\"applicant_name\":\"格日勒图雅\",\"dept_name\":\"局\","
	    "\"due_date\":\"2026-12-04\",\"item_name\":\"" NAME "\","
	    "\"materials\":[],\"promised_days\":10,\"reason\":\"\","
	    "\"received_at\":\"2026-11-21 10:00\",\"signer\":\"萨仁高娃\","
	    "\"submitted_at\":\"2026-11-21 10:00\",\"corrections\":[{"
	    "\"name\":\"食品经营许可申请书\",\"reason\":\"缺少签字\"}]}"));
	return o;
}

static void
case_event_corrections(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_case_event, correcting_event()), 0);
	/* The list only with its state, and its state only with it. */
	o = correcting_event();
	json_object_del(o, "corrections");
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "corrections");
	o = event_with("corrections", "[{\"material_seq\":1,"
	    "\"material_name\":\"申请书\",\"reason\":\"缺\"}]");
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "corrections");
	/* Each material once, a reason each, of a bounded length. */
	o = correcting_event();
	json_object_set_new(json_array_get(json_object_get(o, "corrections"),
	    1), "material_seq", json_integer(1));
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "corrections[1].material_seq");
	o = correcting_event();
	json_object_set_new(json_array_get(json_object_get(o, "corrections"),
	    0), "reason", json_string(""));
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "corrections[0].reason");
	o = correcting_event();
	json_object_set_new(json_array_get(json_object_get(o, "corrections"),
	    0), "reason", json_string("\x1b[2J"));
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "corrections[0].reason");
	o = correcting_event();
	json_object_set_new(o, "corrections", json_loads("[]", 0, NULL));
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "corrections");
	/* Only a 补正材料通知书 lists corrections in its body. */
	o = correcting_event();
	json_object_set_new(json_object_get(o, "doc"), "kind",
	    json_string("reject"));
	json_object_set_new(json_object_get(o, "doc"), "title",
	    json_string("不予受理通知书"));
	assert_int_equal(run(rec_valid_case_event, o), -1);
	assert_string_equal(field(), "doc.body.corrections");
}

/* A grant as act_locked() sends it, with permit members (JSON text, or
 * NULL for none) in its body (DOC-1). */
static json_t *
grant_event(const char *scope, const char *valid_until)
{
	json_t	*o = event_with("state", "\"approved\"");
	json_t	*doc = json_object_get(o, "doc"), *body;
	char	*s;

	json_object_set_new(o, "state_label", json_string("准予许可，已办结"));
	json_object_set_new(doc, "kind", json_string("approve"));
	json_object_set_new(doc, "title", json_string("准予行政许可决定书"));
	body = parse(json_string_value(json_object_get(doc, "body")));
	json_object_del(body, "reason");
	json_object_set_new(body, "opinion", json_string("符合条件。"));
	with_member(body, body, "scope", scope);
	with_member(body, body, "valid_until", valid_until);
	s = json_dumps(body, JSON_COMPACT);
	json_object_set_new(doc, "body", json_string(s));
	free(s);
	json_decref(body);
	return o;
}

static void
grant_states_its_permit(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_case_event, grant_event(NULL, NULL)), 0);
	assert_int_equal(run(rec_valid_case_event, grant_event(
	    "\"预包装食品销售（含冷藏冷冻食品）\"", "\"2031-12-05\"")), 0);
	assert_int_equal(run(rec_valid_case_event, grant_event(NULL,
	    "\"2031-02-30\"")), -1);
	assert_string_equal(field(), "doc.body.valid_until");
	assert_int_equal(run(rec_valid_case_event, grant_event("\"\"",
	    NULL)), -1);
	assert_string_equal(field(), "doc.body.scope");
	assert_int_equal(run(rec_valid_case_event, grant_event(
	    "\"a\\u001b[2Jb\"", NULL)), -1);
	assert_string_equal(field(), "doc.body.scope");
}

static json_t *
correct_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"application.correct\",\"app_no\":"
	    "\"" APP_NO "\",\"at\":\"2026-11-24 02:00:00\","
	    "\"attachments\":[{\"material_seq\":2,\"material_name\":"
	    "\"营业执照\",\"file_name\":\"执照.pdf\",\"sha256\":\"" SHA1
	    "\",\"size\":1234,\"mime\":\"application/pdf\"}],"
	    "\"files\":[\"" SHA1 "\"]}");

	return with_member(o, o, key, text);
}

static void
correct_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_correct, correct_with(NULL, NULL)), 0);
	assert_int_equal(fx.c.nfiles, 1);
	assert_string_equal(fx.c.files[0].sha256, SHA1);
	assert_int_equal(run(rec_valid_correct, correct_with("app_no",
	    "\"YW2026112100002\"")), -1);
	assert_string_equal(field(), "app_no");
	assert_int_equal(run(rec_valid_correct, correct_with("attachments",
	    "[]")), -1);
	assert_string_equal(field(), "attachments");
	assert_int_equal(run(rec_valid_correct, correct_with("files",
	    "[\"" SHA2 "\"]")), -1);
	assert_string_equal(field(), "files[0]");
	assert_int_equal(run(rec_valid_correct, correct_with("attachments",
	    "[{\"material_seq\":2,\"material_name\":\"营业执照\","
	    "\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":"
	    "1234,\"mime\":\"application/pdf\"},{\"material_seq\":2,"
	    "\"material_name\":\"营业执照\",\"file_name\":\"b.pdf\","
	    "\"sha256\":\"" SHA2 "\",\"size\":99,\"mime\":"
	    "\"application/pdf\"}]")), -1);
	assert_string_equal(field(), "attachments[1].material_seq");
	assert_int_equal(run(rec_valid_correct, correct_with("attachments",
	    "[{\"material_seq\":2,\"material_name\":\"营业执照\","
	    "\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":"
	    "99,\"mime\":\"application/pdf\"}]")), -1);
	assert_string_equal(field(), "attachments[0].sha256");
	assert_int_equal(run(rec_valid_correct, correct_with("at", "\"now\"")),
	    -1);
	assert_string_equal(field(), "at");
	assert_int_equal(run(rec_valid_correct, correct_with("extra", "1")), -1);
	assert_string_equal(field(), "extra");
}

static void
case_event_states_and_labels_from_the_known_sets(void **state)
{
	(void)state;
	event_refused("state", "\"hacked\"", "state");
	event_refused("state_label", "\"已办结<img src=x>\"", "state_label");
	event_refused("state", "\"approved\"", "state_label");
	event_refused("app_no", "\"YW2026112100002\"", "app_no");
	event_refused("seq", "0", "seq");
	event_refused("label", "\"a\\r\\nb\"", "label");
	event_refused("actor", "\"\"", "actor");
	event_refused("at", "\"yesterday\"", "at");
	event_refused("note", "\"\\u001b[2J\"", "note");
}

static void
case_event_document_fields(void **state)
{
	(void)state;
	event_refused("doc.kind", "\"licence\"", "doc.kind");
	event_refused("doc.title", "\"准予行政许可决定书\"", "doc.title");
	event_refused("doc.doc_no", "\"\"", "doc.doc_no");
	event_refused("doc.issued_at", "\"2026-11-22\"", "doc.issued_at");
	event_refused("doc.body", "\"not json\"", "doc.body");
	event_refused("doc.body", "\"{\\\"reason\\\":\\\"x\\\"}\"",
	    "doc.body.dept_name");
	event_refused("doc.extra", "1", "doc.extra");
	event_refused("doc", "{}", "doc.kind");
}

static void
case_event_document_body(void **state)
{
	json_t		*o, *doc, *body;
	char		*s;

	(void)state;
	/* Each forged the same way: one field of the body changed. */
	static const struct {
		const char	*key, *value, *at;
	} bad[] = {
		{ "app_no", "\"YW2026112100002\"", "doc.body.app_no" },
		{ "signer", "\"\"", "doc.body.signer" },
		{ "due_date", "\"2026-13-01\"", "doc.body.due_date" },
		{ "Page.Layout", "\"x\"", "doc.body.Page.Layout" },
		{ "reason", NULL, "doc.body.reason" },
		{ "opinion", "\"同意\"", "doc.body.reason" },
		{ "reason", "\"\\ud83d\"", "doc.body" },
		/* A denial states no permit (DOC-1). */
		{ "scope", "\"预包装食品销售\"", "doc.body.scope" },
		{ "valid_until", "\"2031-12-05\"", "doc.body.scope" },
	};
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = parse(event_text);
		doc = json_object_get(o, "doc");
		body = parse(json_string_value(json_object_get(doc, "body")));
		if (bad[i].value == NULL)
			json_object_del(body, bad[i].key);
		else
			json_object_set_new(body, bad[i].key, json_loads(
			    bad[i].value, JSON_DECODE_ANY, NULL));
		s = json_dumps(body, JSON_COMPACT);
		/* jansson refuses the lone surrogate: write it by hand. */
		if (strcmp(bad[i].key, "reason") == 0 && bad[i].value != NULL)
			json_object_set_new(doc, "body", json_string(
			    "{\"reason\":\"\\ud83d\"}"));
		else
			json_object_set_new(doc, "body", json_string(s));
		free(s);
		json_decref(body);
		assert_int_equal(run(rec_valid_case_event, o), -1);
		assert_string_equal(field(), bad[i].at);
	}
}

/* ---- complaints (SUP-5, EXT-7) ------------------------------------- */

#define COMPLAINT "{\"type\":\"complaint\",\"no\":\"TS2026112100001\"," \
    "\"about\":\"case\",\"app_no\":\"" APP_NO "\",\"dept_code\":\"\"," \
    "\"dept_name\":\"\",\"person\":\"\",\"subject\":\"窗口拖延受理\"," \
    "\"body\":\"11 月 21 日提交，\\r\\n至今没有受理。\"," \
    "\"complainant\":{\"name\":\"格日勒图雅\",\"id_number\":" \
    "\"152502198807120048\"},\"phone\":\"13904791234\"," \
    "\"filed_at\":\"2026-11-21 02:00:00\"}"

/* The complaint with member path (a.b for a member of object a) set to
 * the JSON value text, or removed (NULL). */
static json_t *
complaint_with(const char *path, const char *text)
{
	json_t		*o = parse(COMPLAINT), *at = o;
	const char	*dot;
	char		 head[64];

	if (path != NULL && (dot = strchr(path, '.')) != NULL) {
		snprintf(head, sizeof(head), "%.*s", (int)(dot - path), path);
		at = json_object_get(o, head);
		path = dot + 1;
	}
	return with_member(o, at, path, text);
}

static void
complaint_refused(const char *path, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_complaint, complaint_with(path,
	    text)), -1);
	assert_string_equal(field(), at);
}

/* A JSON string of n copies of the three-byte character c. */
static char *
long_text(const char *c, size_t n)
{
	char	*s = pool_alloc(fx.pool, 3 * n + 3);
	size_t	 i;

	s[0] = '"';
	for (i = 0; i < n; i++)
		memcpy(s + 1 + 3 * i, c, 3);
	memcpy(s + 1 + 3 * n, "\"", 2);
	return s;
}

static void
complaint_as_the_form_sends_it_passes(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_complaint, complaint_with(NULL,
	    NULL)), 0);
	assert_int_equal(run(rec_valid_complaint, complaint_with("phone",
	    "\"\"")), 0);
	assert_int_equal(run(rec_valid_complaint, complaint_with("phone",
	    "\"0479-8221234\"")), 0);
	/* About a department: its code and name, no case. */
	o = complaint_with("about", "\"dept\"");
	json_object_set_new(o, "app_no", json_string(""));
	json_object_set_new(o, "dept_code", json_string("SCJGJ"));
	json_object_set_new(o, "dept_name", json_string("市场监督管理局"));
	assert_int_equal(run(rec_valid_complaint, o), 0);
	/* About a person: a name as the citizen knows it. */
	o = complaint_with("about", "\"person\"");
	json_object_set_new(o, "app_no", json_string(""));
	json_object_set_new(o, "person", json_string("3 号窗口的王同志"));
	assert_int_equal(run(rec_valid_complaint, o), 0);
	assert_int_equal(fx.c.nfiles, 0);
}

static void
complaint_fields_as_strict_as_the_form(void **state)
{
	(void)state;
	complaint_refused("no", "\"TS2026133100001\"", "no");
	complaint_refused("no", "\"YW2026112100001\"", "no");
	complaint_refused("type", "\"complaint.state\"", "type");
	complaint_refused("about", "\"mayor\"", "about");
	complaint_refused("subject", "\"\"", "subject");
	complaint_refused("subject", "\"a\\r\\nb\"", "subject");
	complaint_refused("subject", long_text("投", 61), "subject");
	assert_int_equal(run(rec_valid_complaint, complaint_with("subject",
	    long_text("投", 60))), 0);
	complaint_refused("body", "\"\"", "body");
	complaint_refused("body", long_text("诉", 1001), "body");
	assert_int_equal(run(rec_valid_complaint, complaint_with("body",
	    long_text("诉", 1000))), 0);
	complaint_refused("body", "\"\\u001b[2J\"", "body");
	complaint_refused("phone", "\"call me\"", "phone");
	complaint_refused("phone", "\"123456\"", "phone");
	complaint_refused("phone", "\"-13904791234\"", "phone");
	complaint_refused("complainant.id_number", "\"152502198807120049\"",
	    "complainant.id_number");
	complaint_refused("complainant.name", "\"\"", "complainant.name");
	complaint_refused("complainant.extra", "1", "complainant.extra");
	complaint_refused("filed_at", "\"2026-11-21\"", "filed_at");
	complaint_refused("person", long_text("王", 51), "person");
	complaint_refused("extra", "1", "extra");
	complaint_refused("phone", NULL, "phone");
}

static void
complaint_what_it_is_about(void **state)
{
	json_t	*o;

	(void)state;
	/* A case of this site, and nothing else with it. */
	complaint_refused("app_no", "\"YW2026112100002\"", "app_no");
	complaint_refused("app_no", "\"\"", "app_no");
	complaint_refused("app_no", "\"../../etc\"", "app_no");
	complaint_refused("person", "\"王\"", "about");
	o = complaint_with("dept_code", "\"SCJGJ\"");
	json_object_set_new(o, "dept_name", json_string("市场监督管理局"));
	assert_int_equal(run(rec_valid_complaint, o), -1);
	assert_string_equal(field(), "about");
	/* A department: both code and name; no case, no person. */
	o = complaint_with("about", "\"dept\"");
	json_object_set_new(o, "app_no", json_string(""));
	assert_int_equal(run(rec_valid_complaint, o), -1);
	assert_string_equal(field(), "dept_code");
	o = complaint_with("about", "\"dept\"");
	json_object_set_new(o, "app_no", json_string(""));
	json_object_set_new(o, "dept_code", json_string("SCJGJ"));
	assert_int_equal(run(rec_valid_complaint, o), -1);
	assert_string_equal(field(), "dept_name");
	o = complaint_with("about", "\"person\"");
	assert_int_equal(run(rec_valid_complaint, o), -1);
	assert_string_equal(field(), "app_no");
	o = complaint_with("about", "\"person\"");
	json_object_set_new(o, "app_no", json_string(""));
	assert_int_equal(run(rec_valid_complaint, o), -1);
	assert_string_equal(field(), "person");
	/* The site cannot answer: a database error, not a bad record. */
	site_fails = 1;
	assert_int_equal(run(rec_valid_complaint, complaint_with(NULL, NULL)),
	    -1);
	assert_true(fx.c.dberr);
}

#define CMP_STATE "{\"type\":\"complaint.state\",\"no\":\"TS2026112100001\"," \
    "\"seq\":3,\"state\":\"replied\",\"state_label\":\"已答复\"," \
    "\"at\":\"2026-11-25 02:00:00\",\"reply\":\"经核实，\\n已责令改正。\"," \
    "\"due\":\"\"}"

static void
cmp_state_refused(const char *key, const char *text, const char *at)
{
	json_t	*o = parse(CMP_STATE);

	assert_int_equal(run(rec_valid_complaint_state, with_member(o, o,
	    key, text)), -1);
	assert_string_equal(field(), at);
}

static void
complaint_state_record(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_complaint_state, parse(CMP_STATE)), 0);
	o = parse(CMP_STATE);
	json_object_set_new(o, "state", json_string("assigned"));
	json_object_set_new(o, "state_label", json_string("已受理，正在调查"));
	json_object_set_new(o, "reply", json_string(""));
	json_object_set_new(o, "due", json_string("2026-12-15"));
	assert_int_equal(run(rec_valid_complaint_state, o), 0);
	cmp_state_refused("no", "\"TS2026112100002\"", "no");
	cmp_state_refused("no", "\"TS20261121\"", "no");
	cmp_state_refused("seq", "0", "seq");
	cmp_state_refused("seq", "\"3\"", "seq");
	cmp_state_refused("state", "\"received\"", "state");
	cmp_state_refused("state", "\"closed\"", "state_label");
	cmp_state_refused("state_label", "\"已答复<b>\"", "state_label");
	cmp_state_refused("reply", "\"\"", "reply");
	cmp_state_refused("reply", long_text("复", 2001), "reply");
	cmp_state_refused("reply", "\"\\u001b[2J\"", "reply");
	cmp_state_refused("due", "\"soon\"", "due");
	cmp_state_refused("at", NULL, "at");
	cmp_state_refused("extra", "1", "extra");
	/* A reply before it is replied is refused too. */
	o = parse(CMP_STATE);
	json_object_set_new(o, "state", json_string("investigating"));
	json_object_set_new(o, "state_label", json_string("正在调查核实"));
	assert_int_equal(run(rec_valid_complaint_state, o), -1);
	assert_string_equal(field(), "reply");
}

/* ---- messages on an application (EXT-7) ---------------------------- */

#define MESSAGE "{\"type\":\"message\",\"no\":\"LY2026112100001\"," \
    "\"app_no\":\"" APP_NO "\",\"author\":\"格日勒图雅\"," \
    "\"body\":\"材料已经补齐，\\n请问什么时候能受理？\"," \
    "\"at\":\"2026-11-21 02:00:00\"}"
#define MSG_REPLY "{\"type\":\"message.reply\"," \
    "\"no\":\"HF2026112100001\",\"app_no\":\"" APP_NO "\"," \
    "\"author\":\"市场监督管理局\",\"body\":\"已收到，明天受理。\"," \
    "\"at\":\"2026-11-21 03:00:00\"}"

static void
msg_refused(rec_validator v, const char *rec, const char *path,
    const char *text, const char *at)
{
	json_t	*o = parse(rec);

	assert_int_equal(run(v, with_member(o, o, path, text)), -1);
	assert_string_equal(field(), at);
}

static void
message_as_the_form_sends_it_passes(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_message, parse(MESSAGE)), 0);
	assert_int_equal(run(rec_valid_message_reply, parse(MSG_REPLY)), 0);
	o = parse(MESSAGE);
	assert_int_equal(run(rec_valid_message, with_member(o, o, "body",
	    long_text("问", 500))), 0);
	assert_int_equal(fx.c.nfiles, 0);
}

static void
message_forged_is_refused(void **state)
{
	rec_validator	 ask = rec_valid_message;

	(void)state;
	msg_refused(ask, MESSAGE, "type", "\"message.reply\"", "type");
	msg_refused(ask, MESSAGE, "no", "\"HF2026112100001\"", "no");
	msg_refused(ask, MESSAGE, "no", "\"LY2026133100001\"", "no");
	msg_refused(ask, MESSAGE, "no", "\"LY20261121\"", "no");
	msg_refused(ask, MESSAGE, "app_no", "\"YW2026112100002\"",
	    "app_no");
	msg_refused(ask, MESSAGE, "app_no", "\"../../etc\"", "app_no");
	msg_refused(ask, MESSAGE, "author", "\"\"", "author");
	msg_refused(ask, MESSAGE, "author", "\"a\\nb\"", "author");
	msg_refused(ask, MESSAGE, "author", long_text("格", 51), "author");
	msg_refused(ask, MESSAGE, "body", "\"\"", "body");
	msg_refused(ask, MESSAGE, "body", long_text("问", 501), "body");
	msg_refused(ask, MESSAGE, "body", "\"\\u001b[2J\"", "body");
	msg_refused(ask, MESSAGE, "body", "12", "body");
	msg_refused(ask, MESSAGE, "at", "\"2026-11-21\"", "at");
	msg_refused(ask, MESSAGE, "at", NULL, "at");
	msg_refused(ask, MESSAGE, "extra", "1", "extra");
	msg_refused(rec_valid_message_reply, MSG_REPLY, "no",
	    "\"LY2026112100001\"", "no");
	msg_refused(rec_valid_message_reply, MSG_REPLY, "author",
	    long_text("局", 101), "author");
	msg_refused(rec_valid_message_reply, MSG_REPLY, "body",
	    long_text("复", 501), "body");
	msg_refused(rec_valid_message_reply, MSG_REPLY, "app_no",
	    "\"YW2026112199999\"", "app_no");
	msg_refused(rec_valid_message_reply, MSG_REPLY, "type",
	    "\"message\"", "type");
	/* The site's database down: refused, and said so. */
	site_fails = 1;
	assert_int_equal(run(ask, parse(MESSAGE)), -1);
	assert_int_equal(fx.c.dberr, 1);
}

/* A message or a withdrawal the applicant sent before the application
 * crossed follows it in the same bundle: the application before it
 * brings its number (found in a real browser, t/browser/journeys.py:
 * without it the whole bundle was refused, and every one after it). */
static void
message_after_its_application_passes(void **state)
{
	static const char	 other[] = "\"YW2026112100002\"";
	json_t			*o;

	(void)state;
	msg_refused(rec_valid_message, MESSAGE, "app_no", other, "app_no");
	withdraw_refused("app_no", other, "app_no");
	/* An application refused brings nothing. */
	o = application_with("app_no", other);
	json_object_set_new(o, "item_name", json_string("别的事项"));
	assert_int_equal(run(rec_valid_application, o), -1);
	o = parse(MESSAGE);
	assert_int_equal(run(rec_valid_message, with_member(o, o, "app_no",
	    other)), -1);
	assert_int_equal(run(rec_valid_application, application_with(
	    "app_no", other)), 0);
	o = parse(MESSAGE);
	assert_int_equal(run(rec_valid_message, with_member(o, o, "app_no",
	    other)), 0);
	assert_int_equal(run(rec_valid_withdraw, withdraw_with("app_no",
	    other)), 0);
	/* Only the number it brought. */
	msg_refused(rec_valid_message, MESSAGE, "app_no",
	    "\"YW2026112100003\"", "app_no");
}

/* ---- online consultation (EXT-7) ---------------------------------- */

#define CONSULT "{\"type\":\"consult\",\"no\":\"ZX2026112100001\"," \
    "\"item_code\":\"" CODE "\",\"item_version\":1,\"item_name\":\"" \
    NAME "\",\"dept_code\":\"SCJGJ\",\"asker\":\"格日勒图雅\"," \
    "\"question\":\"租的房子能办吗？\",\"at\":\"2026-11-21 02:00:00\"}"
#define CQ_ANSWER "{\"type\":\"consult.answer\"," \
    "\"no\":\"ZX2026112100001\",\"dept_name\":\"市场监督管理局\"," \
    "\"answer\":\"可以，附租赁合同。\",\"at\":\"2026-11-21 03:00:00\"}"
#define FAQ "{\"type\":\"faq\",\"no\":\"ZX2026112100001\"," \
    "\"item_code\":\"" CODE "\",\"question\":\"租的房子能办吗？\"," \
    "\"answer\":\"可以，附租赁合同。\",\"state\":\"published\"," \
    "\"seq\":1}"

static void
consult_records_as_sent_pass(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_consult, parse(CONSULT)), 0);
	assert_int_equal(run(rec_valid_consult_answer, parse(CQ_ANSWER)), 0);
	assert_int_equal(run(rec_valid_faq, parse(FAQ)), 0);
}

static void
consult_forged_is_refused(void **state)
{
	rec_validator	 q = rec_valid_consult;

	(void)state;
	msg_refused(q, CONSULT, "no", "\"LY2026112100001\"", "no");
	msg_refused(q, CONSULT, "item_code", "\"152502-NOSUCH-001\"",
	    "item_code");
	msg_refused(q, CONSULT, "item_version", "2", "item_code");
	msg_refused(q, CONSULT, "item_version", "\"1\"", "item_version");
	msg_refused(q, CONSULT, "item_name", "\"别的事项\"", "item_name");
	msg_refused(q, CONSULT, "dept_code", "\"GTJ\"", "dept_code");
	msg_refused(q, CONSULT, "dept_code", "\"../x\"", "dept_code");
	msg_refused(q, CONSULT, "asker", "\"\"", "asker");
	msg_refused(q, CONSULT, "question", "\"\"", "question");
	msg_refused(q, CONSULT, "question", long_text("问", 501), "question");
	msg_refused(q, CONSULT, "question", "\"\\u001b[2J\"", "question");
	msg_refused(q, CONSULT, "extra", "1", "extra");
	msg_refused(rec_valid_consult_answer, CQ_ANSWER, "no",
	    "\"ZX2026112100002\"", "no");
	msg_refused(rec_valid_consult_answer, CQ_ANSWER, "answer",
	    long_text("答", 1001), "answer");
	msg_refused(rec_valid_consult_answer, CQ_ANSWER, "answer", "\"\"",
	    "answer");
	msg_refused(rec_valid_faq, FAQ, "state", "\"draft\"", "state");
	msg_refused(rec_valid_faq, FAQ, "seq", "0", "seq");
	msg_refused(rec_valid_faq, FAQ, "no", "\"ZX2026112100002\"", "no");
	msg_refused(rec_valid_faq, FAQ, "question", "\"\"", "question");
	msg_refused(rec_valid_faq, FAQ, "answer", NULL, "answer");
	site_fails = 1;
	assert_int_equal(run(rec_valid_faq, parse(FAQ)), -1);
	assert_int_equal(fx.c.dberr, 1);
}

/* ---- records as a whole -------------------------------------------- */

static void
records_parse_strictly(void **state)
{
	json_t	*o;

	(void)state;
	assert_null(rec_parse(&fx.c, "{\"type\":\"item\",\"type\":\"x\"}"));
	assert_null(rec_parse(&fx.c, "[1]"));
	assert_null(rec_parse(&fx.c, "{\"t\":1}"));
	assert_null(rec_parse(&fx.c, "{\"type\":\"item\"} x"));
	assert_null(rec_parse(&fx.c, "{\"type\":\"\xed\xa0\x80\"}"));
	assert_non_null(fx.c.why);
	assert_non_null(o = rec_parse(&fx.c, "{\"type\":\"item\"}"));
	json_decref(o);
}

static void
every_file_of_the_bundle_is_named(void **state)
{
	(void)state;
	assert_int_equal(rec_all_named(&fx.c), -1);
	assert_non_null(strstr(fx.c.why, SHA1));
	fx.members[0].named = fx.members[1].named = fx.members[2].named = 1;
	assert_int_equal(rec_all_named(&fx.c), 0);
}

/* ---- publication (PUB-1, PUB-2) ------------------------------------- */

static json_t *
result_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"pub.result\",\"id\":7,\"private\":false,"
	    "\"item_code\":\"152502-SCJG-XK-005\",\"item_name\":\"食品经营许可\","
	    "\"dept_code\":\"SCJGJ\",\"dept_name\":\"锡林浩特市市场监督管理局\","
	    "\"hall_code\":\"XLHT-ZWFWZX\",\"decision\":\"approved\","
	    "\"decided_on\":\"2026-12-29\",\"due_on\":\"2027-01-03\","
	    "\"doc_no\":\"锡市监许准〔2026〕0001号\",\"applicant\":\"张**\"}");

	return with_member(o, o, key, text);
}

static void
pub_result_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_pub_result, result_with(NULL, NULL)),
	    0);
	/* The full name, an ID number, a name with one star: refused. */
	assert_int_equal(run(rec_valid_pub_result, result_with("applicant",
	    "\"张三丰\"")), -1);
	assert_string_equal(field(), "applicant");
	assert_int_equal(run(rec_valid_pub_result, result_with("applicant",
	    "\"152502199003150027\"")), -1);
	assert_string_equal(field(), "applicant");
	assert_int_equal(run(rec_valid_pub_result, result_with("applicant",
	    "\"张*\"")), -1);
	assert_string_equal(field(), "applicant");
	assert_int_equal(run(rec_valid_pub_result, result_with("applicant",
	    "\"***\"")), -1);
	assert_string_equal(field(), "applicant");
	assert_int_equal(run(rec_valid_pub_result, result_with("applicant",
	    "\"\"")), -1);
	assert_string_equal(field(), "applicant");
	/* Five days after the decision, across the year's end. */
	assert_int_equal(run(rec_valid_pub_result, result_with("due_on",
	    "\"2027-01-04\"")), -1);
	assert_string_equal(field(), "due_on");
	assert_int_equal(run(rec_valid_pub_result, result_with("decided_on",
	    "\"2026-02-30\"")), -1);
	assert_string_equal(field(), "decided_on");
	assert_int_equal(run(rec_valid_pub_result, result_with("decision",
	    "\"not_accepted\"")), -1);
	assert_string_equal(field(), "decision");
	assert_int_equal(run(rec_valid_pub_result, result_with("id", "0")), -1);
	assert_string_equal(field(), "id");
	assert_int_equal(run(rec_valid_pub_result, result_with("id_number",
	    "\"152502199003150027\"")), -1);
	assert_string_equal(field(), "id_number");
	assert_int_equal(run(rec_valid_pub_result, result_with("doc_no",
	    NULL)), -1);
	assert_string_equal(field(), "doc_no");
	assert_int_equal(run(rec_valid_pub_result, result_with("item_name",
	    "\"\"")), -1);
	assert_string_equal(field(), "item_code");
	assert_int_equal(run(rec_valid_pub_result, result_with("dept_name",
	    "\"a\\u001b[2Jb\"")), -1);
	assert_string_equal(field(), "dept_name");
	/* A private item's result is a count: nothing names it. */
	assert_int_equal(run(rec_valid_pub_result, result_with("private",
	    "true")), -1);
	assert_string_equal(field(), "private");
	{
		json_t *o = result_with("private", "true");

		json_object_set_new(o, "item_code", json_string(""));
		json_object_set_new(o, "item_name", json_string(""));
		json_object_set_new(o, "doc_no", json_string(""));
		json_object_set_new(o, "applicant", json_string(""));
		assert_int_equal(run(rec_valid_pub_result, o), 0);
	}
}

static json_t *
hall_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"pub.hall\",\"hall_code\":\"XLHT-ZWFWZX\","
	    "\"hall_name\":\"锡林浩特市政务服务中心\",\"day\":\"2026-12-07\","
	    "\"as_of\":\"2026-12-07 10:31:00\",\"received\":12,"
	    "\"decided\":9,\"in_progress\":40}");

	return with_member(o, o, key, text);
}

static void
pub_hall_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_pub_hall, hall_with(NULL, NULL)), 0);
	assert_int_equal(run(rec_valid_pub_hall, hall_with("as_of",
	    "\"2026-12-06 23:59:00\"")), -1);
	assert_string_equal(field(), "as_of");
	assert_int_equal(run(rec_valid_pub_hall, hall_with("received", "-1")),
	    -1);
	assert_string_equal(field(), "received");
	assert_int_equal(run(rec_valid_pub_hall, hall_with("decided",
	    "\"9\"")), -1);
	assert_string_equal(field(), "decided");
	assert_int_equal(run(rec_valid_pub_hall, hall_with("hall_code",
	    "\"../x\"")), -1);
	assert_string_equal(field(), "hall_code");
	assert_int_equal(run(rec_valid_pub_hall, hall_with("hall_name",
	    "\"\"")), -1);
	assert_string_equal(field(), "hall_name");
}

static json_t *
news_with(const char *key, const char *text)
{
	json_t	*o = parse("{\"type\":\"pub.news\",\"id\":3,\"kind\":\"policy\","
	    "\"title\":\"食品经营许可管理办法\",\"body\":\"第一条 为规范……\\n"
	    "第二条 ……\",\"dept_name\":\"锡林浩特市市场监督管理局\","
	    "\"published_at\":\"2026-12-07 10:00:00\","
	    "\"items\":[\"152502-SCJG-XK-005\"]}");

	return with_member(o, o, key, text);
}

static void
pub_news_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_pub_news, news_with(NULL, NULL)), 0);
	assert_int_equal(run(rec_valid_pub_news, news_with("kind",
	    "\"ad\"")), -1);
	assert_string_equal(field(), "kind");
	/* Only a policy text governs items. */
	{
		json_t *o = news_with("kind", "\"news\"");

		assert_int_equal(run(rec_valid_pub_news, o), -1);
		assert_string_equal(field(), "items");
	}
	assert_int_equal(run(rec_valid_pub_news, news_with("items",
	    "[\"152502-SCJG-XK-005\",\"152502-SCJG-XK-005\"]")), -1);
	assert_string_equal(field(), "items[1]");
	assert_int_equal(run(rec_valid_pub_news, news_with("items",
	    "[\"<script>\"]")), -1);
	assert_string_equal(field(), "items[0]");
	assert_int_equal(run(rec_valid_pub_news, news_with("title",
	    "\"a\\nb\"")), -1);
	assert_string_equal(field(), "title");
	assert_int_equal(run(rec_valid_pub_news, news_with("body", "\"\"")),
	    -1);
	assert_string_equal(field(), "body");
	assert_int_equal(run(rec_valid_pub_news, news_with("published_at",
	    "\"2026-12-07\"")), -1);
	assert_string_equal(field(), "published_at");
	assert_int_equal(run(rec_valid_pub_withdraw, parse("{\"type\":"
	    "\"pub.news.withdraw\",\"id\":3}")), 0);
	assert_int_equal(run(rec_valid_pub_withdraw, parse("{\"type\":"
	    "\"pub.news.withdraw\",\"id\":3,\"title\":\"x\"}")), -1);
	assert_string_equal(field(), "title");
	assert_int_equal(run(rec_valid_pub_withdraw, parse("{\"type\":"
	    "\"pub.news.withdraw\",\"id\":-3}")), -1);
	assert_string_equal(field(), "id");
}

static void
pub_agents_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_pub_agents, parse("{\"type\":"
	    "\"pub.agents\",\"as_of\":\"2026-12-07 10:00:00\",\"agents\":"
	    "[{\"name\":\"其木格\",\"area\":\"宝力根苏木\",\"cases\":3,"
	    "\"decided\":2}]}")), 0);
	assert_int_equal(run(rec_valid_pub_agents, parse("{\"type\":"
	    "\"pub.agents\",\"as_of\":\"2026-12-07 10:00:00\","
	    "\"agents\":[]}")), 0);
	assert_int_equal(run(rec_valid_pub_agents, parse("{\"type\":"
	    "\"pub.agents\",\"as_of\":\"2026-12-07 10:00:00\",\"agents\":"
	    "[{\"name\":\"其木格\",\"area\":\"宝力根苏木\",\"cases\":3,"
	    "\"decided\":4}]}")), -1);
	assert_string_equal(field(), "agents[0].decided");
	assert_int_equal(run(rec_valid_pub_agents, parse("{\"type\":"
	    "\"pub.agents\",\"as_of\":\"2026-12-07 10:00:00\",\"agents\":"
	    "[{\"name\":\"\",\"area\":\"宝力根苏木\",\"cases\":3,"
	    "\"decided\":2}]}")), -1);
	assert_string_equal(field(), "agents[0].name");
	assert_int_equal(run(rec_valid_pub_agents, parse("{\"type\":"
	    "\"pub.agents\",\"as_of\":\"2026-12-07\",\"agents\":[]}")),
	    -1);
	assert_string_equal(field(), "as_of");
}

/* agency.progress (INT-14): a 全程代理 project's progress, with ITEMS
 * (the JSON members of "items") and the rest as sent. */
static json_t *
agency(const char *credit, const char *as_of, const char *items)
{
	return parse(pool_printf(fx.pool, "{\"type\":\"agency.progress\","
	    "\"project\":3,\"credit_code\":\"%s\",\"name\":\"草原明珠乳业"
	    "液态奶加工项目\",\"location\":\"锡林浩特市乳业园区\","
	    "\"coordinator\":\"巴音朝鲁\",\"as_of\":\"%s\",\"items\":[%s]}",
	    credit, as_of, items));
}
#define AG_DOING "{\"item\":\"食品经营许可\",\"dept\":\"市场监管局\"," \
	"\"state\":\"doing\",\"app_no\":\"YW2026120700004\",\"step\":" \
	"\"审查中\"}"
#define AG_TODO "{\"item\":\"临时占用草原审核\",\"dept\":\"林草局\"," \
	"\"state\":\"todo\",\"app_no\":\"\",\"step\":\"待申请\"}"
#define AG_OK_CODE	"91152502MA0N3K7P83"
#define AG_AS_OF	"2026-12-07 10:00:00"

static void
agency_progress_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, AG_DOING "," AG_TODO)), 0);
	/* A credit code one character off its check. */
	assert_int_equal(run(rec_valid_agency_progress, agency(
	    "91152502MA0N3K7P84", AG_AS_OF, AG_DOING)), -1);
	assert_string_equal(field(), "credit_code");
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    "2026-12-07", AG_DOING)), -1);
	assert_string_equal(field(), "as_of");
	/* No items, and an item to apply for that names a case. */
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, "")), -1);
	assert_string_equal(field(), "items");
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, "{\"item\":\"x\",\"dept\":\"y\",\"state\":\"todo\","
	    "\"app_no\":\"YW2026120700004\",\"step\":\"待申请\"}")), -1);
	assert_string_equal(field(), "items[0].app_no");
	/* One in progress without its case; the same case twice. */
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, "{\"item\":\"x\",\"dept\":\"y\",\"state\":\"doing\","
	    "\"app_no\":\"\",\"step\":\"审查中\"}")), -1);
	assert_string_equal(field(), "items[0].app_no");
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, AG_DOING "," AG_DOING)), -1);
	assert_string_equal(field(), "items[1].app_no");
	/* A state of no such kind, a field too many, markup in a name. */
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, "{\"item\":\"x\",\"dept\":\"y\",\"state\":\"late\","
	    "\"app_no\":\"YW2026120700004\",\"step\":\"审查中\"}")), -1);
	assert_string_equal(field(), "items[0].state");
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, "{\"item\":\"x\",\"dept\":\"y\",\"state\":\"done\","
	    "\"app_no\":\"YW2026120700004\",\"step\":\"准予许可\","
	    "\"admin\":true}")), -1);
	assert_int_equal(run(rec_valid_agency_progress, agency(AG_OK_CODE,
	    AG_AS_OF, "{\"item\":\"a\\nb\",\"dept\":\"y\",\"state\":"
	    "\"done\",\"app_no\":\"YW2026120700004\",\"step\":\"准予许可\"}")),
	    -1);
	assert_string_equal(field(), "items[0].item");
}

/* A closed project's progress (INT-14): when and why, both or neither. */
static json_t *
agency_closed(const char *closed)
{
	json_t	*o = agency(AG_OK_CODE, AG_AS_OF, AG_DOING "," AG_TODO);
	json_t	*c = parse(pool_printf(fx.pool, "{%s}", closed));
	const char	*k;
	json_t	*v;

	json_object_foreach(c, k, v)
		json_object_set(o, k, v);
	json_decref(c);
	return o;
}

static void
agency_closed_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"closed_at\":\"2026-12-08 09:30:00\",\"close_reason\":"
	    "\"项目终止：企业撤回投资\"")), 0);
	/* A time without its reason, a reason without its time. */
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"closed_at\":\"2026-12-08 09:30:00\"")), -1);
	assert_string_equal(field(), "close_reason");
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"close_reason\":\"项目终止\"")), -1);
	assert_string_equal(field(), "close_reason");
	/* A time of no such shape; a reason of one character, of two
	 * lines, too long; a closing of another type. */
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"closed_at\":\"2026-12-08\",\"close_reason\":\"项目终止\"")),
	    -1);
	assert_string_equal(field(), "closed_at");
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"closed_at\":\"2026-12-08 09:30:00\",\"close_reason\":"
	    "\"止\"")), -1);
	assert_string_equal(field(), "close_reason");
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"closed_at\":\"2026-12-08 09:30:00\",\"close_reason\":"
	    "\"项目\\n终止\"")), -1);
	assert_string_equal(field(), "close_reason");
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    pool_printf(fx.pool, "\"closed_at\":\"2026-12-08 09:30:00\","
	    "\"close_reason\":\"%0201d\"", 0))), -1);
	assert_string_equal(field(), "close_reason");
	assert_int_equal(run(rec_valid_agency_progress, agency_closed(
	    "\"closed_at\":true,\"close_reason\":\"项目终止\"")), -1);
	assert_string_equal(field(), "closed_at");
}

/* An application an agent made (AGT-1): the agent, and the consent as
 * kind (form, sms) with its JSON members after. */
static json_t *
proxy_application(const char *consent)
{
	json_t	*o = application();
	char	 t[512];

	snprintf(t, sizeof(t), "{\"id\":3,\"name\":\"图雅\",\"area\":"
	    "\"宝力根苏木\",\"resident_region\":\"伊利勒特嘎查\","
	    "\"consent\":%s}", consent);
	json_object_set_new(o, "agent", parse(t));
	json_object_set_new(o, "files", parse("[\"" SHA1 "\", \"" SHA2
	    "\"]"));
	return o;
}

static void
proxy_application_record(void **state)
{
	json_t	*o;

	(void)state;
	/* The scanned consent form: a PDF of the bundle, named. */
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"form\",\"state\":\"given\",\"file_name\":"
	    "\"授权书.pdf\",\"sha256\":\"" SHA2 "\",\"size\":99}")), 0);
	assert_true(fx.members[0].named);
	assert_true(fx.members[1].named);
	assert_int_equal(fx.c.nfiles, 2);
	/* A form without its file, or not of this bundle. */
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"form\",\"state\":\"given\"}")), -1);
	assert_string_equal(field(), "agent.consent");
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"form\",\"state\":\"given\",\"file_name\":"
	    "\"a.pdf\",\"sha256\":\"" SHA2 "\",\"size\":100}")), -1);
	assert_string_equal(field(), "agent.consent.sha256");
	/* The resident's SMS: confirmed, when, by which number's hash, and
	 * no file; anything short of that is refused. */
	o = proxy_application("{\"kind\":\"sms\",\"state\":\"confirmed\","
	    "\"at\":\"2026-12-07 02:10:00\",\"mobile_hash\":\"" SHA1 "\"}");
	json_object_set_new(o, "files", parse("[\"" SHA1 "\"]"));
	assert_int_equal(run(rec_valid_application, o), 0);
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"sms\",\"state\":\"pending\"}")), -1);
	assert_string_equal(field(), "agent.consent.state");
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"sms\",\"state\":\"confirmed\"}")), -1);
	assert_string_equal(field(), "agent.consent");
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"sms\",\"state\":\"given\",\"at\":"
	    "\"2026-12-07 02:10:00\",\"mobile_hash\":\"" SHA1 "\"}")), -1);
	assert_string_equal(field(), "agent.consent");
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"sms\",\"state\":\"confirmed\",\"at\":"
	    "\"2026-12-07 25:10:00\",\"mobile_hash\":\"" SHA1 "\"}")), -1);
	assert_string_equal(field(), "agent.consent.at");
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"sms\",\"state\":\"confirmed\",\"at\":"
	    "\"2026-12-07 02:10:00\",\"mobile_hash\":\"13800138000\"}")),
	    -1);
	assert_string_equal(field(), "agent.consent.mobile_hash");
	/* A form's consent carries no SMS time. */
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"form\",\"state\":\"given\",\"file_name\":"
	    "\"授权书.pdf\",\"sha256\":\"" SHA2 "\",\"size\":99,\"at\":"
	    "\"2026-12-07 02:10:00\"}")), -1);
	assert_string_equal(field(), "agent.consent");
	assert_int_equal(run(rec_valid_application, proxy_application(
	    "{\"kind\":\"voice\",\"state\":\"given\"}")), -1);
	assert_string_equal(field(), "agent.consent.kind");
	/* The consent's file must be in the files list. */
	o = proxy_application("{\"kind\":\"form\",\"state\":\"given\","
	    "\"file_name\":\"授权书.pdf\",\"sha256\":\"" SHA2 "\","
	    "\"size\":99}");
	json_object_set_new(o, "files", parse("[\"" SHA1 "\"]"));
	assert_int_equal(run(rec_valid_application, o), -1);
	assert_string_equal(field(), "files");
}

/* agent.account (AGT-1): an agent as the intranet made it. */
#define AGENT_OK "{\"type\":\"agent.account\",\"id\":3,\"name\":" \
    "\"图雅\",\"id_number\":\"152502198807120048\",\"mobile\":" \
    "\"13904791234\",\"county\":\"152502\",\"area\":\"宝力根苏木\"," \
    "\"regions\":[{\"code\":\"152502200\",\"name\":\"宝力根苏木\"}," \
    "{\"code\":\"152502200200\",\"name\":\"伊利勒特嘎查\"}]," \
    "\"active\":true,\"at\":\"2026-12-07 10:00:00\",\"code_hash\":" \
    "\"scrypt$17$8$1$00112233445566778899aabbccddeeff$00112233445566778899" \
    "aabbccddeeff00112233445566778899aabbccddeeff00\"}"

static void
agent_account_record(void **state)
{
	static const struct {
		const char	*key, *value, *at;
	} bad[] = {
		{ "id_number", "\"152502198807120049\"", "id_number" },
		{ "mobile", "\"1390479123\"", "mobile" },
		{ "county", "\"15250\"", "county" },
		{ "county", "\"152501\"", "regions[0].code" },
		{ "regions", "[]", "regions" },
		{ "regions", "[{\"code\":\"152502200\",\"name\":\"宝\"},"
		    "{\"code\":\"152502200\",\"name\":\"宝\"}]",
		    "regions[1].code" },
		{ "regions", "[{\"code\":\"../../x\",\"name\":\"宝\"}]",
		    "regions[0].code" },
		{ "code_hash", "\"Caoyuan#2026\"", "code_hash" },
		{ "code_hash", "\"scrypt$<script>\"", "code_hash" },
		{ "active", "1", "active" },
		{ "name", "\"图\"", "name" },
		{ "password", "\"x\"", "password" },
	};
	json_t	*o;
	size_t	 i;

	(void)state;
	assert_int_equal(run(rec_valid_agent_account, parse(AGENT_OK)), 0);
	/* Deactivation: the same without a code. */
	o = parse(AGENT_OK);
	json_object_del(o, "code_hash");
	json_object_set_new(o, "active", json_false());
	assert_int_equal(run(rec_valid_agent_account, o), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = parse(AGENT_OK);
		json_object_set_new(o, bad[i].key, json_loads(bad[i].value,
		    JSON_DECODE_ANY, NULL));
		assert_int_equal(run(rec_valid_agent_account, o), -1);
		assert_string_equal(field(), bad[i].at);
	}
}

/* account.claim (ACC-1): the window's claim as the intranet made it; a
 * person's carries name and mobile, an enterprise's its licence, never
 * both, and nothing else (no password). */
#define CLAIM_PERSON "{\"type\":\"account.claim\",\"id\":7,\"kind\":" \
    "\"person\",\"id_number\":\"152502198807120048\",\"name\":\"乌兰\"," \
    "\"mobile\":\"13904791234\",\"clerk\":\"sarengaowa\",\"clerk_name\":" \
    "\"萨仁高娃\",\"at\":\"2026-12-07 10:00:00\"}"
#define CLAIM_ENT "{\"type\":\"account.claim\",\"id\":8,\"kind\":" \
    "\"enterprise\",\"id_number\":\"152502198807120048\",\"credit_code\":" \
    "\"91152502MA0N3K7P83\",\"ent_name\":\"锡林浩特市草原明珠乳业有限公司\"," \
    "\"address\":\"锡林浩特市额尔敦路 8 号\",\"clerk\":\"sarengaowa\"," \
    "\"clerk_name\":\"萨仁高娃\",\"at\":\"2026-12-07 10:00:00\"}"

static void
claim_record(void **state)
{
	static const struct {
		const char	*base, *key, *value, *at;
	} bad[] = {
		{ CLAIM_PERSON, "id_number", "\"152502198807120049\"",
		    "id_number" },
		{ CLAIM_PERSON, "id_number", "\"11010519491231002x\"",
		    "id_number" },
		{ CLAIM_PERSON, "mobile", "\"1390479123\"", "mobile" },
		{ CLAIM_PERSON, "mobile", "null", "mobile" },
		{ CLAIM_PERSON, "name", "\"\"", "name" },
		{ CLAIM_PERSON, "name", "\"乌兰\\u0007\"", "name" },
		{ CLAIM_PERSON, "credit_code", "\"91152502MA0N3K7P83\"",
		    "credit_code" },
		{ CLAIM_PERSON, "password", "\"Caoyuan#2026\"", "password" },
		{ CLAIM_PERSON, "kind", "\"admin\"", "kind" },
		{ CLAIM_PERSON, "id", "0", "id" },
		{ CLAIM_PERSON, "clerk", "\"../etc\"", "clerk" },
		{ CLAIM_PERSON, "at", "\"2026-12-07\"", "at" },
		{ CLAIM_ENT, "credit_code", "\"91152502MA0N3K7P84\"",
		    "credit_code" },
		{ CLAIM_ENT, "ent_name", "\"乳\"", "ent_name" },
		{ CLAIM_ENT, "address", "null", "address" },
		{ CLAIM_ENT, "mobile", "\"13904791234\"", "mobile" },
		{ CLAIM_ENT, "kind", "\"person\"", "name" },
	};
	json_t	*o;
	size_t	 i;

	(void)state;
	assert_int_equal(run(rec_valid_claim, parse(CLAIM_PERSON)), 0);
	assert_int_equal(run(rec_valid_claim, parse(CLAIM_ENT)), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = parse(bad[i].base);
		if (strcmp(bad[i].value, "null") == 0)
			json_object_del(o, bad[i].key);
		else
			json_object_set_new(o, bad[i].key, json_loads(
			    bad[i].value, JSON_DECODE_ANY, NULL));
		assert_int_equal(run(rec_valid_claim, o), -1);
		assert_string_equal(field(), bad[i].at);
	}
}

/* case.window (INT-1): a walk-in's case as the window registered it:
 * the window's part of the series, an item version here of the
 * department it names, an applicant as the form checks one, no file; the
 * case.event records after it in the bundle may name it. */
#define WINDOW "{\"type\":\"case.window\",\"app_no\":\"YW2026112190001\"," \
    "\"item_code\":\"" CODE "\",\"item_version\":1,\"item_name\":\"" \
    NAME "\",\"applicant\":{\"name\":\"其其格\",\"id_number\":" \
    "\"152502198807120048\",\"mobile\":\"13904791234\"},\"remark\":" \
    "\"\",\"submitted_at\":\"2026-11-21 02:00:00\",\"dept\":" \
    "\"锡林浩特市市场监督管理局\"}"

static void
window_record(void **state)
{
	static const struct {
		const char	*key, *value, *at;
	} bad[] = {
		{ "app_no", "\"YW2026112100002\"", "app_no" },
		{ "app_no", "\"YW2026112190000\"", "app_no" },
		{ "app_no", "\"YW202611219000\"", "app_no" },
		{ "app_no", "\"YW2026112100001\"", "app_no" },
		{ "item_code", "\"152502-SCJG-XK-999\"", "item_code" },
		{ "item_version", "2", "item_code" },
		{ "item_name", "\"别的事项\"", "item_name" },
		{ "dept", "\"锡林浩特市公安局\"", "dept" },
		{ "applicant", "{\"name\":\"其其格\",\"id_number\":"
		    "\"152502198807120049\",\"mobile\":\"13904791234\"}",
		    "applicant.id_number" },
		{ "applicant", "{\"name\":\"其其格\",\"id_number\":"
		    "\"11010519491231002x\",\"mobile\":\"13904791234\"}",
		    "applicant.id_number" },
		{ "applicant", "{\"name\":\"其\",\"id_number\":"
		    "\"152502198807120048\",\"mobile\":\"13904791234\"}",
		    "applicant.name" },
		{ "applicant", "{\"name\":\"其其格\",\"id_number\":"
		    "\"152502198807120048\",\"mobile\":\"1390479123\"}",
		    "applicant.mobile" },
		{ "entity", "{\"kind\":\"enterprise\",\"credit_code\":"
		    "\"91152502MA0N3K7P84\",\"name\":\"草原乳业\"}",
		    "entity.credit_code" },
		{ "remark", "\"\\u0007\"", "remark" },
		{ "submitted_at", "\"2026-11-21\"", "submitted_at" },
		{ "attachments", "[]", "attachments" },
		{ "dept", "null", "dept" },
	};
	json_t	*o;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = parse(WINDOW);
		if (strcmp(bad[i].value, "null") == 0)
			json_object_del(o, bad[i].key);
		else
			json_object_set_new(o, bad[i].key, json_loads(
			    bad[i].value, JSON_DECODE_ANY, NULL));
		assert_int_equal(run(rec_valid_window, o), -1);
		assert_string_equal(field(), bad[i].at);
	}
	/* The stub's database down: a database error, not a bad record. */
	site_fails = 1;
	assert_int_equal(run(rec_valid_window, parse(WINDOW)), -1);
	assert_true(fx.c.dberr);
	site_fails = 0;
	fx.c.dberr = 0;
	/* A progress record of it is refused until it came before. */
	assert_int_equal(run(rec_valid_case_event, parse("{\"type\":"
	    "\"case.event\",\"app_no\":\"YW2026112190001\",\"seq\":1,"
	    "\"at\":\"2026-11-21 02:00:00\",\"label\":\"窗口收件\","
	    "\"actor\":\"锡林浩特市市场监督管理局\",\"note\":\"\","
	    "\"state\":\"received\",\"state_label\":\"已收件，等待受理\"}")),
	    -1);
	assert_string_equal(field(), "app_no");
	assert_int_equal(run(rec_valid_window, parse(WINDOW)), 0);
	assert_int_equal(run(rec_valid_case_event, parse("{\"type\":"
	    "\"case.event\",\"app_no\":\"YW2026112190001\",\"seq\":1,"
	    "\"at\":\"2026-11-21 02:00:00\",\"label\":\"窗口收件\","
	    "\"actor\":\"锡林浩特市市场监督管理局\",\"note\":\"\","
	    "\"state\":\"received\",\"state_label\":\"已收件，等待受理\"}")),
	    0);
}

/* account.claim.result: applied, or refused with its reason. */
static void
claim_result_record(void **state)
{
	static const char *const bad[][2] = {
		{ "{\"type\":\"account.claim.result\",\"id\":7,\"state\":"
		    "\"refused\",\"at\":\"2026-12-07 10:05:00\"}", "reason" },
		{ "{\"type\":\"account.claim.result\",\"id\":7,\"state\":"
		    "\"applied\",\"reason\":\"好\",\"at\":"
		    "\"2026-12-07 10:05:00\"}", "reason" },
		{ "{\"type\":\"account.claim.result\",\"id\":7,\"state\":"
		    "\"done\",\"at\":\"2026-12-07 10:05:00\"}", "state" },
		{ "{\"type\":\"account.claim.result\",\"id\":\"7\",\"state\":"
		    "\"applied\",\"at\":\"2026-12-07 10:05:00\"}", "id" },
		{ "{\"type\":\"account.claim.result\",\"id\":7,\"state\":"
		    "\"applied\",\"at\":\"2026-12-07 10:05:00\",\"password\":"
		    "\"x\"}", "password" },
	};
	size_t	 i;

	(void)state;
	assert_int_equal(run(rec_valid_claim_result, parse("{\"type\":"
	    "\"account.claim.result\",\"id\":7,\"state\":\"applied\","
	    "\"at\":\"2026-12-07 10:05:00\"}")), 0);
	assert_int_equal(run(rec_valid_claim_result, parse("{\"type\":"
	    "\"account.claim.result\",\"id\":7,\"state\":\"refused\","
	    "\"reason\":\"这个身份证号码在网上没有注册过\",\"at\":"
	    "\"2026-12-07 10:05:00\"}")), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(run(rec_valid_claim_result, parse(bad[i][0])),
		    -1);
		assert_string_equal(field(), bad[i][1]);
	}
}

/* booking.window, booking, booking.state (EXT-10): a window's plan of
 * each weekday and working days as the intranet sent them, a booking as
 * the extranet made it, the clerk's mark; each field as strict as its
 * form.  The week: Monday to Thursday 09:00 and 09:30, 2 people a slot;
 * Friday 09:00 only; Saturday 09:00 for one; Sunday none.  8 October
 * 2026 is a Thursday, 10 October the 调休 Saturday. */
#define BOOK_MON "{\"capacity\":2,\"times\":[\"09:00\",\"09:30\"]}"
#define BOOK_SUN "{\"capacity\":0,\"times\":[]}"
#define BOOK_WEEK_OF(mon, fri) "[" mon "," BOOK_MON "," BOOK_MON "," \
    BOOK_MON "," fri ",{\"capacity\":1,\"times\":[\"09:00\"]}," \
    BOOK_SUN "]"
#define BOOK_WEEK BOOK_WEEK_OF(BOOK_MON, \
    "{\"capacity\":2,\"times\":[\"09:00\"]}")
#define BOOK_WINDOW "{\"type\":\"booking.window\",\"dept_code\":\"SCJGJ\"," \
    "\"window_code\":\"B01\",\"dept_name\":\"锡林浩特市市场监督管理局\"," \
    "\"window_name\":\"市场主体登记窗口\",\"place\":\"市政务服务中心 二楼\"," \
    "\"minutes\":30,\"week\":" BOOK_WEEK "," \
    "\"days\":[\"2026-10-08\",\"2026-10-10\"],\"at\":\"2026-09-30 01:00:00\"}"
#define BOOKING "{\"type\":\"booking\",\"code\":\"7K3M9QXA\",\"name\":" \
    "\"其其格\",\"dept_code\":\"SCJGJ\",\"window_code\":\"B01\",\"day\":" \
    "\"2026-10-08\",\"slot\":\"09:30\",\"item_code\":" \
    "\"152502-SCJG-XK-001\",\"item_name\":\"食品经营许可证核发（新办）\"," \
    "\"app_no\":\"\",\"state\":\"booked\",\"at\":\"2026-09-30 01:10:00\"}"
#define BOOK_STATE "{\"type\":\"booking.state\",\"code\":\"7K3M9QXA\"," \
    "\"state\":\"arrived\",\"clerk_name\":\"萨仁高娃\",\"at\":" \
    "\"2026-10-08 01:40:00\"}"

static void
booking_records(void **state)
{
	static const struct {
		rec_validator	 v;
		const char	*base, *key, *value, *at;
	} bad[] = {
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    BOOK_WEEK_OF("{\"capacity\":2,\"times\":[\"09:30\","
		    "\"09:00\"]}", BOOK_MON), "week[0].times" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    BOOK_WEEK_OF(BOOK_MON, "{\"capacity\":2,\"times\":"
		    "[\"24:00\"]}"), "week[4].times[0]" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    BOOK_WEEK_OF("{\"capacity\":51,\"times\":[\"09:00\"]}",
		    BOOK_MON), "week[0].capacity" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    BOOK_WEEK_OF("{\"capacity\":2,\"times\":[\"09:00\"],"
		    "\"days\":[]}", BOOK_MON), "week[0].days" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    BOOK_WEEK_OF("{\"times\":[\"09:00\"]}", BOOK_MON),
		    "week[0].capacity" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    "[" BOOK_MON "," BOOK_MON "," BOOK_MON "," BOOK_MON ","
		    BOOK_MON "," BOOK_MON "]", "week" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week", "null",
		    "week" },
		/* A day on a weekday without slots (Sunday 11 October), or
		 * whose slots take nobody (the Thursday). */
		{ rec_valid_booking_window, BOOK_WINDOW, "days",
		    "[\"2026-10-08\",\"2026-10-11\"]", "days[1]" },
		{ rec_valid_booking_window, BOOK_WINDOW, "week",
		    "[" BOOK_MON "," BOOK_MON "," BOOK_MON ",{\"capacity\":0,"
		    "\"times\":[\"09:00\"]}," BOOK_MON "," BOOK_MON ","
		    BOOK_SUN "]", "days[0]" },
		/* The plan of one set of times for every day, as before. */
		{ rec_valid_booking_window, BOOK_WINDOW, "times",
		    "[\"09:00\",\"09:30\"]", "times" },
		{ rec_valid_booking_window, BOOK_WINDOW, "days",
		    "[\"2026-10-08\",\"2026-10-08\"]", "days" },
		{ rec_valid_booking_window, BOOK_WINDOW, "days",
		    "[\"2026-02-30\"]", "days[0]" },
		{ rec_valid_booking_window, BOOK_WINDOW, "capacity", "2",
		    "capacity" },
		{ rec_valid_booking_window, BOOK_WINDOW, "minutes", "\"30\"",
		    "minutes" },
		{ rec_valid_booking_window, BOOK_WINDOW, "window_code",
		    "\"../B01\"", "window_code" },
		{ rec_valid_booking_window, BOOK_WINDOW, "window_name",
		    "\"窗口\\u0007\"", "window_name" },
		{ rec_valid_booking_window, BOOK_WINDOW, "extra", "1",
		    "extra" },
		{ rec_valid_booking, BOOKING, "code", "\"7K3M9QXU\"", "code" },
		{ rec_valid_booking, BOOKING, "code", "\"7k3m9qxa\"", "code" },
		{ rec_valid_booking, BOOKING, "slot", "\"9:30\"", "slot" },
		{ rec_valid_booking, BOOKING, "day", "\"2026-10-8\"", "day" },
		{ rec_valid_booking, BOOKING, "state", "\"arrived\"",
		    "state" },
		{ rec_valid_booking, BOOKING, "name", "\"\"", "name" },
		{ rec_valid_booking, BOOKING, "app_no", "\"YW1\"", "app_no" },
		{ rec_valid_booking, BOOKING, "id_number",
		    "\"152502198807120048\"", "id_number" },
		{ rec_valid_booking, BOOKING, "item_code", "null",
		    "item_code" },
		{ rec_valid_booking_state, BOOK_STATE, "state", "\"booked\"",
		    "state" },
		{ rec_valid_booking_state, BOOK_STATE, "clerk_name",
		    "\"\"", "clerk_name" },
		{ rec_valid_booking_state, BOOK_STATE, "at", "\"2026-10-08\"",
		    "at" },
	};
	json_t	*o;
	size_t	 i;

	(void)state;
	assert_int_equal(run(rec_valid_booking_window, parse(BOOK_WINDOW)),
	    0);
	assert_int_equal(run(rec_valid_booking, parse(BOOKING)), 0);
	assert_int_equal(run(rec_valid_booking_state, parse(BOOK_STATE)), 0);
	/* A window that stops taking bookings: no places, no days. */
	o = parse(BOOK_WINDOW);
	json_object_set_new(o, "week", json_loads("[" BOOK_SUN "," BOOK_SUN
	    "," BOOK_SUN "," BOOK_SUN "," BOOK_SUN "," BOOK_SUN "," BOOK_SUN
	    "]", 0, NULL));
	json_object_set_new(o, "days", json_array());
	assert_int_equal(run(rec_valid_booking_window, o), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = parse(bad[i].base);
		if (strcmp(bad[i].value, "null") == 0)
			json_object_del(o, bad[i].key);
		else
			json_object_set_new(o, bad[i].key, json_loads(
			    bad[i].value, JSON_DECODE_ANY, NULL));
		assert_int_equal(run(bad[i].v, o), -1);
		assert_string_equal(field(), bad[i].at);
	}
}

/* application.delivery, case.delivery (EXT-10): a postal choice carries
 * recipient, mobile and address, pick-up none of them; posted carries a
 * courier of the list and a waybill of its form, picked up who took it. */
#define APP_DELIVERY "{\"type\":\"application.delivery\",\"app_no\":" \
    "\"YW2026093000001\",\"method\":\"post\",\"recipient\":\"乌兰\"," \
    "\"phone\":\"13904791234\",\"address\":\"锡林浩特市额尔敦路 8 号\"," \
    "\"at\":\"2026-09-30 01:20:00\"}"
#define CASE_DELIVERY "{\"type\":\"case.delivery\",\"app_no\":" \
    "\"YW2026093000001\",\"handed\":\"posted\",\"courier\":\"SF\"," \
    "\"waybill\":\"SF123456789012\",\"clerk_name\":\"萨仁高娃\",\"at\":" \
    "\"2026-10-08 02:00:00\"}"

static void
delivery_records(void **state)
{
	static const struct {
		rec_validator	 v;
		const char	*base, *key, *value, *at;
	} bad[] = {
		{ rec_valid_app_delivery, APP_DELIVERY, "phone", "\"1390479\"",
		    "phone" },
		{ rec_valid_app_delivery, APP_DELIVERY, "address", "null",
		    "address" },
		{ rec_valid_app_delivery, APP_DELIVERY, "address", "\"锡林\"",
		    "address" },
		{ rec_valid_app_delivery, APP_DELIVERY, "address",
		    "\"锡林浩特市\\n额尔敦路\"", "address" },
		{ rec_valid_app_delivery, APP_DELIVERY, "method", "\"window\"",
		    "recipient" },
		{ rec_valid_app_delivery, APP_DELIVERY, "method", "\"drone\"",
		    "method" },
		{ rec_valid_app_delivery, APP_DELIVERY, "app_no", "\"YW1\"",
		    "app_no" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "waybill",
		    "\"SF1234567\"", "waybill" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "courier", "\"ZZ\"",
		    "courier" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "courier", "\"EMS\"",
		    "waybill" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "waybill", "null",
		    "waybill" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "picked_by",
		    "\"乌兰\"", "picked_by" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "handed", "\"picked\"",
		    "courier" },
		{ rec_valid_case_delivery, CASE_DELIVERY, "clerk_name", "\"\"",
		    "clerk_name" },
	};
	json_t	*o;
	size_t	 i;

	(void)state;
	assert_int_equal(run(rec_valid_app_delivery, parse(APP_DELIVERY)),
	    0);
	assert_int_equal(run(rec_valid_case_delivery, parse(CASE_DELIVERY)),
	    0);
	o = parse(APP_DELIVERY);
	json_object_set_new(o, "method", json_string("window"));
	json_object_del(o, "recipient");
	json_object_del(o, "phone");
	json_object_del(o, "address");
	assert_int_equal(run(rec_valid_app_delivery, o), 0);
	o = parse(CASE_DELIVERY);
	json_object_set_new(o, "courier", json_string("EMS"));
	json_object_set_new(o, "waybill", json_string("EA123456789CN"));
	assert_int_equal(run(rec_valid_case_delivery, o), 0);
	o = parse(CASE_DELIVERY);
	json_object_set_new(o, "handed", json_string("picked"));
	json_object_del(o, "courier");
	json_object_del(o, "waybill");
	json_object_set_new(o, "picked_by", json_string("乌兰"));
	assert_int_equal(run(rec_valid_case_delivery, o), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = parse(bad[i].base);
		if (strcmp(bad[i].value, "null") == 0)
			json_object_del(o, bad[i].key);
		else
			json_object_set_new(o, bad[i].key, json_loads(
			    bad[i].value, JSON_DECODE_ANY, NULL));
		assert_int_equal(run(bad[i].v, o), -1);
		assert_string_equal(field(), bad[i].at);
	}
}

/* gap.alert (GAP-6): the other site refused one of this site's bundles;
 * about this site's direction only, fields as the gap writes them. */
#define GAP_ALERT_OK "{\"type\":\"gap.alert\",\"kind\":\"gap.chain\"," \
    "\"object\":\"ext2int/1/7\",\"message\":\"安全警告：第 7 号数据包已经" \
    "导入过，而这个文件的内容与当时不同。已拒绝。\",\"operator\":" \
    "\"cli:hanxu\"}"

static json_t *
gap_alert_with(const char *key, const char *value)
{
	json_t	*o = parse(GAP_ALERT_OK);

	json_object_set_new(o, key, json_loads(value, JSON_DECODE_ANY, NULL));
	return o;
}

static void
gap_alert_record(void **state)
{
	static const char *const bad_objects[] = { "\"int2ext/1/7\"",
	    "\"ext2int\"", "\"ext2int/\"", "\"ext2int//7\"",
	    "\"ext2int/1/\"", "\"ext2int/1/x\"", "\"ext2intx/1\"",
	    "\"../../etc\"", "7" };
	size_t		 i;

	(void)state;
	fx.c.out_dir = "ext2int";
	assert_int_equal(run(rec_valid_gap_alert, parse(GAP_ALERT_OK)), 0);
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("object",
	    "\"ext2int/2\"")), 0);
	for (i = 0; i < sizeof(bad_objects) / sizeof(bad_objects[0]); i++) {
		assert_int_equal(run(rec_valid_gap_alert, gap_alert_with(
		    "object", bad_objects[i])), -1);
		assert_string_equal(field(), "object");
	}
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("kind",
	    "\"gap.suite\"")), 0);	/* a kind added later still reports */
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("kind",
	    "\"account.cert\"")), -1);
	assert_string_equal(field(), "kind");
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("kind",
	    "\"gap.<b>\"")), -1);
	assert_string_equal(field(), "kind");
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("operator",
	    "\"\"")), -1);
	assert_string_equal(field(), "operator");
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("message",
	    "\"a\\u001bb\"")), -1);
	assert_string_equal(field(), "message");
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("extra",
	    "1")), -1);
	assert_string_equal(field(), "extra");
	fx.c.out_dir = NULL;
	assert_int_equal(run(rec_valid_gap_alert, gap_alert_with("object",
	    "\"int2ext/1/7\"")), 0);
}

/* gap.aside (GAP-5): the other site's word on one of this site's
 * records, in this site's direction only. */
#define ASIDE_OK "{\"type\":\"gap.aside\",\"dir\":\"ext2int\"," \
    "\"epoch\":1,\"seq\":7,\"recno\":2,\"kind\":" \
    "\"application.correct\",\"state\":\"aside\",\"reason\":" \
    "\"申请 YW2026112100001 的办件没有在等待补正材料\",\"at\":" \
    "\"2026-12-07 10:00:00\"}"

static json_t *
aside_with(const char *key, const char *value)
{
	json_t	*o = parse(ASIDE_OK);

	json_object_set_new(o, key, json_loads(value, JSON_DECODE_ANY, NULL));
	return o;
}

static void
gap_aside_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_gap_aside, parse(ASIDE_OK)), 0);
	fx.c.out_dir = "ext2int";
	assert_int_equal(run(rec_valid_gap_aside, parse(ASIDE_OK)), 0);
	assert_int_equal(run(rec_valid_gap_aside, aside_with("dir",
	    "\"int2ext\"")), -1);
	assert_string_equal(field(), "dir");
	fx.c.out_dir = NULL;
	assert_int_equal(run(rec_valid_gap_aside, aside_with("dir",
	    "\"../x\"")), -1);
	assert_string_equal(field(), "dir");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("seq", "0")),
	    -1);
	assert_string_equal(field(), "seq");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("recno",
	    "\"2\"")), -1);
	assert_string_equal(field(), "recno");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("kind",
	    "\"drop table\"")), -1);
	assert_string_equal(field(), "kind");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("state",
	    "\"applied\"")), -1);
	assert_string_equal(field(), "state");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("reason",
	    "\"\"")), -1);
	assert_string_equal(field(), "reason");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("reason",
	    "\"a\\u001bb\"")), -1);
	assert_string_equal(field(), "reason");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("at",
	    "\"2026-12-07\"")), -1);
	assert_string_equal(field(), "at");
	assert_int_equal(run(rec_valid_gap_aside, aside_with("extra",
	    "1")), -1);
	assert_string_equal(field(), "extra");
	{
		char	 big[700];

		memset(big, 'x', sizeof(big));
		big[0] = big[sizeof(big) - 2] = '"';
		big[sizeof(big) - 1] = '\0';
		assert_int_equal(run(rec_valid_gap_aside, aside_with("reason",
		    big)), -1);
		assert_string_equal(field(), "reason");
	}
}

/* seal.key (DOC-1): a department's seal public key, whose id and
 * algorithm must be those of the key itself. */
static json_t *
seal_key_rec(const char *type, const char *kid_over, const char *alg_over)
{
	EVP_PKEY	*k = EVP_PKEY_Q_keygen(NULL, NULL, type);
	char		 kid[KEY_ID_LEN + 1], *pem;
	json_t		*o;

	assert_non_null(k);
	assert_int_equal(crypto_key_id(k, kid), 0);
	pem = docsig_pem(fx.c.pool, k);
	EVP_PKEY_free(k);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "type", "seal.key", "kid", kid_over ? kid_over : kid,
	    "dept_code", "SCJGJ", "dept_name", "锡林浩特市市场监督管理局",
	    "alg", alg_over ? alg_over : strcmp(type, "SM2") == 0 ? "sm2" :
	    "ed25519", "pub", pem, "created_at", "2026-12-06 23:00:00",
	    "retired_at", "", "revoked_at", "", "revoke_why", "");
	assert_non_null(o);
	return o;
}

static void
seal_key_record(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_seal_key, seal_key_rec("ED25519", NULL,
	    NULL)), 0);
	assert_int_equal(run(rec_valid_seal_key, seal_key_rec("SM2", NULL,
	    NULL)), 0);
	assert_int_equal(run(rec_valid_seal_key, seal_key_rec("ED25519",
	    "0123456789abcdef", NULL)), -1);
	assert_string_equal(field(), "kid");
	assert_int_equal(run(rec_valid_seal_key, seal_key_rec("ED25519", NULL,
	    "sm2")), -1);
	assert_string_equal(field(), "alg");
	o = seal_key_rec("ED25519", NULL, NULL);
	json_object_set_new(o, "revoked_at", json_string(
	    "2026-12-07 01:00:00"));
	json_object_set_new(o, "retired_at", json_string(
	    "2026-12-07 01:00:00"));
	assert_int_equal(run(rec_valid_seal_key, o), -1);
	assert_string_equal(field(), "revoke_why");
	o = seal_key_rec("ED25519", NULL, NULL);
	json_object_set_new(o, "pub", json_string("-----BEGIN PUBLIC KEY-----"
	    "\nAAAA\n-----END PUBLIC KEY-----\n"));
	assert_int_equal(run(rec_valid_seal_key, o), -1);
	assert_string_equal(field(), "pub");
	o = seal_key_rec("ED25519", NULL, NULL);
	json_object_set_new(o, "dept_code", json_string("SC/JGJ"));
	assert_int_equal(run(rec_valid_seal_key, o), -1);
	assert_string_equal(field(), "dept_code");
}

/* ---- licence.issue, licence.revoke (DOC-2) ------------------------- */

#define LIC_BODY "{\"credit_code\":\"91152502MA0N3K7P83\",\"dept_name\":" \
	"\"锡林浩特市市场监督管理局\",\"holder\":\"锡林浩特市草原奶茶有限公司\"," \
	"\"item_name\":\"食品经营许可证核发（新办）\",\"licence_name\":" \
	"\"食品经营许可证\",\"scope\":\"预包装食品销售；热食类食品制售\"," \
	"\"valid_from\":\"2026-12-07\",\"valid_to\":\"2031-12-06\"}"

/* licence_issue()'s record of an enterprise's licence, sealed; with
 * member key set to text (JSON) or, text NULL, removed. */
static json_t *
lic_with(const char *key, const char *text)
{
	json_t	*o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}",
	    "type", "licence.issue", "licence_no", "锡市监食许〔2026〕0001号",
	    "name", "食品经营许可证", "app_no", APP_NO, "item_code", CODE,
	    "item_name", "食品经营许可证核发（新办）", "holder",
	    "锡林浩特市草原奶茶有限公司", "credit_code", "91152502MA0N3K7P83",
	    "dept_code", "SCJGJ", "issued_by", "锡林浩特市市场监督管理局",
	    "issued_at", "2026-12-07 02:30:00", "valid_from", "2026-12-07",
	    "valid_to", "2031-12-06", "body", LIC_BODY, "seal", "dept",
	    "SCJGJ", "kid", "0123456789abcdef", "sig",
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	    "code", "7K3M9QXA");

	return with_member(o, o, key, text);
}

static void
lic_refused(const char *key, const char *text, const char *at)
{
	assert_int_equal(run(rec_valid_licence_issue, lic_with(key, text)),
	    -1);
	assert_string_equal(field(), at);
}

/* A forged licence.issue: every field in its shape, the body saying
 * what the record says, for an application this site has. */
static void
licence_issue_record(void **state)
{
	json_t	*o;
	char	*body;

	(void)state;
	assert_int_equal(run(rec_valid_licence_issue, lic_with(NULL, NULL)),
	    0);
	/* Unsealed (the department had no key): still a licence. */
	assert_int_equal(run(rec_valid_licence_issue, lic_with("seal",
	    NULL)), 0);
	lic_refused("app_no", "\"YW2026112199999\"", "app_no");
	lic_refused("credit_code", "\"91152502MA0N3K7P84\"", "credit_code");
	lic_refused("valid_to", "\"2026-02-30\"", "valid_to");
	lic_refused("valid_to", "\"2025-12-06\"", "valid_to");
	lic_refused("valid_from", "\"2025-12-07\"", "valid_from");
	lic_refused("issued_at", "\"2026-12-07\"", "issued_at");
	lic_refused("dept_code", "\"SC/JGJ\"", "dept_code");
	lic_refused("holder", "\"\"", "holder");
	lic_refused("holder", "\"锡林浩特市另一家公司\"", "body.holder");
	lic_refused("name", "\"取水许可证\"", "body.licence_name");
	lic_refused("body", "\"{not json\"", "body");
	lic_refused("mobile", "\"13904791234\"", "mobile");
	lic_refused("type", "\"licence.revoke\"", "type");
	lic_refused("licence_no", "\"锡市监\\n食许\"", "licence_no");
	/* The seal is the issuing department's. */
	o = lic_with(NULL, NULL);
	json_object_set_new(json_object_get(o, "seal"), "dept",
	    json_string("GAJ"));
	assert_int_equal(run(rec_valid_licence_issue, o), -1);
	assert_string_equal(field(), "seal.dept");
	o = lic_with(NULL, NULL);
	json_object_set_new(json_object_get(o, "seal"), "code",
	    json_string("7K3M9QXO"));
	assert_int_equal(run(rec_valid_licence_issue, o), -1);
	assert_string_equal(field(), "seal.code");
	/* 长期: no last day in the record, "长期" in the body. */
	body = strdup(LIC_BODY);
	memcpy(strstr(body, "2031-12-06") - 0, "长期\"}", strlen("长期\"}") +
	    1);
	o = lic_with("valid_to", "\"\"");
	json_object_set_new(o, "body", json_string(body));
	assert_int_equal(run(rec_valid_licence_issue, o), 0);
	o = lic_with("valid_to", "\"\"");
	assert_int_equal(run(rec_valid_licence_issue, o), -1);
	assert_string_equal(field(), "body.valid_to");
	free(body);
}

static json_t *
lic_end_with(const char *key, const char *text)
{
	json_t	*o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type",
	    "licence.revoke", "licence_no", "锡市监食许〔2026〕0001号", "state",
	    "revoked", "ended_at", "2026-12-08 03:00:00", "why",
	    "经营场所存在严重食品安全隐患，依法吊销。");

	return with_member(o, o, key, text);
}

static void
licence_revoke_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_licence_revoke, lic_end_with(NULL,
	    NULL)), 0);
	assert_int_equal(run(rec_valid_licence_revoke, lic_end_with("state",
	    "\"cancelled\"")), 0);
	assert_int_equal(run(rec_valid_licence_revoke, lic_end_with("state",
	    "\"valid\"")), -1);
	assert_string_equal(field(), "state");
	assert_int_equal(run(rec_valid_licence_revoke, lic_end_with("why",
	    "\"\"")), -1);
	assert_string_equal(field(), "why");
	assert_int_equal(run(rec_valid_licence_revoke, lic_end_with(
	    "ended_at", "\"2026-12-08\"")), -1);
	assert_string_equal(field(), "ended_at");
	assert_int_equal(run(rec_valid_licence_revoke, lic_end_with("why",
	    NULL)), -1);
	assert_string_equal(field(), "why");
}

/* ---- ratings (EXT-8) ----------------------------------------------- */

#define RATING "{\"type\":\"rating\",\"app_no\":\"" APP_NO "\",\"round\":1," \
    "\"level\":2,\"reasons\":[\"slow\",\"visits\"]," \
    "\"comment\":\"跑了三趟，\\n超过承诺时限。\"," \
    "\"rated_at\":\"2026-11-21 02:00:00\",\"rater\":\"applicant\"}"

/* Record rec with member key set to the JSON value text (NULL: removed)
 * is refused by v at field at. */
static void
refused_as(rec_validator v, const char *rec, const char *key,
    const char *text, const char *at)
{
	json_t	*o = parse(rec);

	assert_int_equal(run(v, with_member(o, o, key, text)), -1);
	assert_string_equal(field(), at);
}

static void
rating_refused(const char *key, const char *text, const char *at)
{
	refused_as(rec_valid_rating, RATING, key, text, at);
}

static void
rating_as_the_form_sends_it_passes(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_rating, parse(RATING)), 0);
	/* A good rating: no reasons, the comment may be empty. */
	o = parse(RATING);
	json_object_set_new(o, "level", json_integer(5));
	json_object_set_new(o, "reasons", json_array());
	json_object_set_new(o, "comment", json_string(""));
	assert_int_equal(run(rec_valid_rating, o), 0);
	/* The second round, after a 整改. */
	o = parse(RATING);
	json_object_set_new(o, "round", json_integer(2));
	assert_int_equal(run(rec_valid_rating, o), 0);
	o = parse(RATING);
	assert_int_equal(run(rec_valid_rating, with_member(o, o, "comment",
	    long_text("慢", 500))), 0);
	/* The agent, for the resident, at their request (AGT-1). */
	o = parse(RATING);
	assert_int_equal(run(rec_valid_rating, with_member(o, o, "rater",
	    "\"agent\"")), 0);
	assert_int_equal(fx.c.nfiles, 0);
}

static void
rating_fields_as_strict_as_the_form(void **state)
{
	json_t	*o;

	(void)state;
	rating_refused("type", "\"rating.state\"", "type");
	rating_refused("app_no", "\"YW2026112100002\"", "app_no");
	rating_refused("app_no", "\"../../etc\"", "app_no");
	rating_refused("round", "0", "round");
	rating_refused("round", "3", "round");
	rating_refused("round", "\"1\"", "round");
	rating_refused("level", "0", "level");
	rating_refused("level", "6", "level");
	rating_refused("level", "2.5", "level");
	rating_refused("reasons", "[\"bribe\"]", "reasons[0]");
	rating_refused("reasons", "[\"slow\",\"slow\"]", "reasons");
	rating_refused("reasons", "[]", "reasons");
	rating_refused("reasons", "\"slow\"", "reasons");
	rating_refused("reasons", "[\"attitude\",\"slow\",\"visits\","
	    "\"guide\",\"online\",\"other\",\"slow\"]", "reasons");
	rating_refused("comment", long_text("慢", 501), "comment");
	rating_refused("comment", "\"\\u001b[2J\"", "comment");
	rating_refused("comment", NULL, "comment");
	rating_refused("rated_at", "\"2026-11-21\"", "rated_at");
	/* Who rated: one of the two, said. */
	rating_refused("rater", "\"clerk\"", "rater");
	rating_refused("rater", "\"Agent\"", "rater");
	rating_refused("rater", "1", "rater");
	rating_refused("rater", NULL, "rater");
	rating_refused("extra", "1", "extra");
	/* Reasons only for a poor rating; "other" says what. */
	o = parse(RATING);
	json_object_set_new(o, "level", json_integer(4));
	assert_int_equal(run(rec_valid_rating, o), -1);
	assert_string_equal(field(), "reasons");
	o = parse(RATING);
	json_object_set_new(o, "reasons", json_pack("[s]", "other"));
	json_object_set_new(o, "comment", json_string(""));
	assert_int_equal(run(rec_valid_rating, o), -1);
	assert_string_equal(field(), "comment");
	/* The site cannot answer: a database error, not a bad record. */
	site_fails = 1;
	assert_int_equal(run(rec_valid_rating, parse(RATING)), -1);
	assert_true(fx.c.dberr);
}

#define RT_STATE "{\"type\":\"rating.state\",\"app_no\":\"" APP_NO "\"," \
    "\"round\":1,\"seq\":3,\"state\":\"done\",\"state_label\":\"已整改\"," \
    "\"result\":\"已对窗口人员批评教育，\\n材料一次告知。\"," \
    "\"visit_due\":\"2026-11-24\",\"fix_due\":\"2026-12-05\"}"

static void
rt_state_refused(const char *key, const char *text, const char *at)
{
	refused_as(rec_valid_rating_state, RT_STATE, key, text, at);
}

static void
rating_state_record(void **state)
{
	json_t	*o;

	(void)state;
	assert_int_equal(run(rec_valid_rating_state, parse(RT_STATE)), 0);
	o = parse(RT_STATE);
	json_object_set_new(o, "state", json_string("visit"));
	json_object_set_new(o, "state_label",
	    json_string("已转审批部门，等待回访"));
	json_object_set_new(o, "seq", json_integer(1));
	json_object_set_new(o, "result", json_string(""));
	assert_int_equal(run(rec_valid_rating_state, o), 0);
	rt_state_refused("type", "\"rating\"", "type");
	rt_state_refused("round", "2", "round");
	rt_state_refused("seq", "4", "seq");
	rt_state_refused("seq", "2", "seq");
	rt_state_refused("state", "\"none\"", "state");
	rt_state_refused("state_label", "\"已回访，正在整改\"", "state_label");
	rt_state_refused("result", "\"\"", "result");
	rt_state_refused("result", long_text("改", 1001), "result");
	rt_state_refused("visit_due", "\"2026-13-01\"", "visit_due");
	rt_state_refused("visit_due", "\"2026-12-06\"", "fix_due");
	rt_state_refused("fix_due", "\"\"", "fix_due");
	rt_state_refused("app_no", "\"YW2026112100002\"", "app_no");
	rt_state_refused("extra", "\"<script>\"", "extra");
	/* A result before the 整改 is done is refused. */
	o = parse(RT_STATE);
	json_object_set_new(o, "state", json_string("fix"));
	json_object_set_new(o, "state_label", json_string("已回访，正在整改"));
	json_object_set_new(o, "seq", json_integer(2));
	assert_int_equal(run(rec_valid_rating_state, o), -1);
	assert_string_equal(field(), "result");
}

/* ---- 一件事 (EXT-12) ------------------------------------------------ */

#define BUNDLE "{\"no\":\"YJ2026112100001\",\"event_code\":\"YJS-KBCG\"," \
	"\"event_version\":1,\"event_name\":\"开办餐馆\",\"items\":[\"" \
	CODE "\",\"" EV_XF "\"]}"

static void
bundle_refused(const char *path, const char *text, const char *at)
{
	json_t	*o = application_with("bundle", BUNDLE);

	assert_int_equal(run(rec_valid_application, with_member(o,
	    json_object_get(o, "bundle"), path, text)), -1);
	assert_string_equal(field(), at);
	assert_false(fx.c.dberr);
}

static void
application_of_a_bundle(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_application,
	    application_with("bundle", BUNDLE)), 0);
	/* A bundle naming an item that is not the event's: refused. */
	bundle_refused("items", "[\"" CODE "\",\"152502-GA-SP-001\"]",
	    "bundle.items[1]");
	assert_string_equal(fx.c.why, "不是这个一件事的事项");
	/* One of the event's items left out, or another added. */
	bundle_refused("items", "[\"" CODE "\"]", "bundle.items");
	bundle_refused("items", "[\"" CODE "\",\"" EV_XF "\","
	    "\"152502-GA-SP-001\"]", "bundle.items");
	/* The same item twice in place of another. */
	bundle_refused("items", "[\"" CODE "\",\"" CODE "\"]",
	    "bundle.items[1]");
	/* The application's own item not among the bundle's. */
	bundle_refused("items", "[\"" EV_XF "\",\"" EV_XF "\"]",
	    "bundle.items[1]");
	/* An event, version or name this site has not published. */
	bundle_refused("event_code", "\"YJS-XSECS\"", "bundle.event_code");
	bundle_refused("event_version", "2", "bundle.event_code");
	bundle_refused("event_version", "0", "bundle.event_version");
	bundle_refused("event_name", "\"开办饭店\"", "bundle.event_name");
	/* Its number: of the application's day, in its shape. */
	bundle_refused("no", "\"YJ2026112000001\"", "bundle.no");
	bundle_refused("no", "\"YW2026112100001\"", "bundle.no");
	bundle_refused("no", "\"YJ20261121000010\"", "bundle.no");
	bundle_refused("no", NULL, "bundle.no");
	bundle_refused("extra", "1", "bundle.extra");
	bundle_refused("items", "[\"../" CODE "\",\"" EV_XF "\"]",
	    "bundle.items[0]");
}

/* A bundle made in an enterprise's name (ACC-1): each application
 * carries the entity, checked as a single application's is. */
#define BUNDLE_ENT "{\"kind\":\"enterprise\",\"credit_code\":" \
	"\"91152502MA0N3K7P83\",\"name\":\"锡林浩特市草原明珠乳业有限公司\"}"

static void
application_of_a_bundle_for_an_enterprise(void **state)
{
	json_t	*o;

	(void)state;
	o = application_with("bundle", BUNDLE);
	assert_int_equal(run(rec_valid_application, with_member(o, o,
	    "entity", BUNDLE_ENT)), 0);
	/* A forged credit code (its check character) is refused. */
	o = application_with("bundle", BUNDLE);
	assert_int_equal(run(rec_valid_application, with_member(o, o,
	    "entity", "{\"kind\":\"enterprise\",\"credit_code\":"
	    "\"91152502MA0N3K7P84\",\"name\":\"草原明珠\"}")), -1);
	assert_string_equal(field(), "entity.credit_code");
	/* An entity that is no enterprise. */
	o = application_with("bundle", BUNDLE);
	assert_int_equal(run(rec_valid_application, with_member(o, o,
	    "entity", "{\"kind\":\"person\",\"credit_code\":"
	    "\"91152502MA0N3K7P83\",\"name\":\"草原明珠\"}")), -1);
	assert_string_equal(field(), "entity.kind");
}

static void
application_of_a_bundle_where_none_is_taken(void **state)
{
	(void)state;
	/* The extranet takes no application: no event to check against. */
	fx.c.site = &site_no_library;
	assert_int_equal(run(rec_valid_application,
	    application_with("bundle", BUNDLE)), -1);
	assert_string_equal(field(), "bundle");
	fx.c.site = &site;
	site_fails = 1;
	assert_int_equal(run(rec_valid_application,
	    application_with("bundle", BUNDLE)), -1);
	assert_true(fx.c.dberr);
}

#define EVENT "{\"type\":\"event\",\"code\":\"YJS-KBCG\",\"version\":2," \
	"\"name\":\"开办餐馆\",\"intro\":\"营业执照、食品经营许可和消防检查" \
	"一次申请。\",\"items\":[{\"code\":\"" CODE "\",\"version\":1}," \
	"{\"code\":\"" EV_XF "\",\"version\":3}]}"

static void
lifeev_refused(const char *path, const char *text, const char *at)
{
	json_t	*o = parse(EVENT);

	assert_int_equal(run(rec_valid_event, with_member(o, o, path, text)),
	    -1);
	assert_string_equal(field(), at);
}

static void
event_record(void **state)
{
	(void)state;
	assert_int_equal(run(rec_valid_event, parse(EVENT)), 0);
	lifeev_refused("items", "[{\"code\":\"" CODE "\",\"version\":1}]",
	    "items");
	lifeev_refused("items", "[{\"code\":\"" CODE "\",\"version\":1},"
	    "{\"code\":\"" CODE "\",\"version\":2}]", "items[1].code");
	lifeev_refused("items", "[{\"code\":\"" CODE "\",\"version\":1},"
	    "{\"code\":\"" EV_XF "\"}]", "items[1].version");
	lifeev_refused("items", "[{\"code\":\"" CODE "\",\"version\":1},"
	    "{\"code\":\"a b\",\"version\":1}]", "items[1].code");
	lifeev_refused("name", "\"开\"", "name");
	lifeev_refused("name", "\"一二三四五六七八九十一二三四五六七八九十一二三"
	    "四五六七八九十一\"", "name");
	lifeev_refused("name", "\"开办\\n餐馆\"", "name");
	lifeev_refused("intro", NULL, "intro");
	lifeev_refused("code", "\"../x\"", "code");
	lifeev_refused("version", "0", "version");
	lifeev_refused("status", "\"draft\"", "status");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(application_as_the_form_sends_it_passes),
		T(application_digest_with_dot_dot_is_refused),
		T(application_digest_not_in_the_bundle_is_refused),
		T(application_size_other_than_the_member_is_refused),
		T(application_type_other_than_pdf_is_refused),
		T(application_photo_is_judged_as_recorded),
		T(application_bad_identity_is_refused),
		T(application_for_an_enterprise),
		T(application_birth_date_judged_on_the_sites_day),
		T(application_number_and_time_in_their_shapes),
		T(application_remark_within_its_form),
		T(application_fields_all_declared),
		T(application_item_and_materials_of_this_site),
		T(application_when_the_site_cannot_answer),
		T(application_with_a_licence),
		T(application_with_a_licence_and_a_file_for_its_slot),
		T(application_with_an_enterprise_licence),
		T(application_with_a_licence_where_no_library_is),
		T(item_as_published_passes),
		T(item_elements_as_the_editor_allows),
		T(item_materials_and_forms),
		T(item_procedure_as_publishing_checks_it),
		T(case_event_with_its_decision_passes),
		T(case_event_states_and_labels_from_the_known_sets),
		T(case_event_document_fields),
		T(case_event_document_body),
		T(case_event_due_date),
		T(withdraw_record),
	T(fee_record),
	T(sms_record),
		T(case_event_corrections),
		T(correct_record),
		T(grant_states_its_permit),
		T(complaint_as_the_form_sends_it_passes),
		T(complaint_fields_as_strict_as_the_form),
		T(complaint_what_it_is_about),
		T(complaint_state_record),
		T(rating_as_the_form_sends_it_passes),
		T(rating_fields_as_strict_as_the_form),
		T(rating_state_record),
		T(message_as_the_form_sends_it_passes),
		T(message_forged_is_refused),
		T(message_after_its_application_passes),
		T(consult_records_as_sent_pass),
		T(consult_forged_is_refused),
		T(records_parse_strictly),
		T(every_file_of_the_bundle_is_named),
		T(pub_result_record),
		T(pub_hall_record),
		T(pub_news_record),
		T(pub_agents_record),
		T(proxy_application_record),
		T(agent_account_record),
		T(claim_record),
		T(booking_records),
		T(delivery_records),
		T(claim_result_record),
		T(window_record),
		T(gap_aside_record),
		T(gap_alert_record),
		T(seal_key_record),
		T(licence_issue_record),
		T(licence_revoke_record),
		T(agency_progress_record),
		T(application_of_a_bundle),
		T(application_of_a_bundle_for_an_enterprise),
		T(application_of_a_bundle_where_none_is_taken),
		T(event_record),
		T(agency_closed_record),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
