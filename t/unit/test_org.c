/*
 * test_org.c: the organisation's checks of input (codes, names, logins,
 * whole objects; passwords are test_pwpolicy.c's), the roles 三员分立
 * keeps apart (SEC-7), and the administrators' pages rendered from HDF
 * fixtures (ORG-1, ORG-2, ACC-4).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "account.h"
#include "org.h"
#include "pool_fixture.h"

#define TEMPLATES	TOP_SRCDIR "/templates"

static void
codes(void **state)
{
	(void)state;
	assert_true(org_valid_code("152502", ORG_REGION_CODE_MAX));
	assert_true(org_valid_code("152502100201", ORG_REGION_CODE_MAX));
	assert_true(org_valid_code("XLHT-ZWZX", ORG_CODE_MAX));
	assert_true(org_valid_code("a", 1));
	assert_false(org_valid_code("1525021002011", ORG_REGION_CODE_MAX));
	assert_false(org_valid_code("", ORG_CODE_MAX));
	assert_false(org_valid_code(NULL, ORG_CODE_MAX));
	assert_false(org_valid_code("SCJG JU", ORG_CODE_MAX));
	assert_false(org_valid_code("SCJG_JU", ORG_CODE_MAX));
	assert_false(org_valid_code("市监局", ORG_CODE_MAX));
	assert_false(org_valid_code("a/b", ORG_CODE_MAX));
	assert_false(org_valid_code("a.b", ORG_CODE_MAX));
	assert_false(org_valid_code("<x>", ORG_CODE_MAX));
	/* 32 is the limit, 33 is one too many. */
	assert_true(org_valid_code("0123456789abcdef0123456789ABCDEF",
	    ORG_CODE_MAX));
	assert_false(org_valid_code("0123456789abcdef0123456789ABCDEF0",
	    ORG_CODE_MAX));
}

static void
names(void **state)
{
	char	 buf[400];
	int	 i;

	(void)state;
	assert_true(org_valid_name("锡林浩特市", ORG_NAME_MAX));
	assert_true(org_valid_name("Xilinhot 𠀀", ORG_NAME_MAX));
	assert_false(org_valid_name("", ORG_NAME_MAX));
	assert_false(org_valid_name(NULL, ORG_NAME_MAX));
	/* Characters are counted, not bytes: 20 CJK characters fit 20. */
	buf[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(buf, "盟");
	assert_true(org_valid_name(buf, 20));
	strcat(buf, "市");
	assert_false(org_valid_name(buf, 20));
	/* Control characters, broken and overlong UTF-8, surrogates. */
	assert_false(org_valid_name("a\nb", ORG_NAME_MAX));
	assert_false(org_valid_name("a\tb", ORG_NAME_MAX));
	assert_false(org_valid_name("a\x7f", ORG_NAME_MAX));
	assert_false(org_valid_name("\xc2\x85", ORG_NAME_MAX));
	assert_false(org_valid_name("\xe7\x9b", ORG_NAME_MAX));
	assert_false(org_valid_name("\xc0\xaf", ORG_NAME_MAX));
	assert_false(org_valid_name("\xe0\x80\xaf", ORG_NAME_MAX));
	assert_false(org_valid_name("\xed\xa0\x80", ORG_NAME_MAX));
	assert_false(org_valid_name("\xf4\x90\x80\x80", ORG_NAME_MAX));
	assert_false(org_valid_name("\xff", ORG_NAME_MAX));
	/* Optional text: empty is fine, the rest as names. */
	assert_true(org_valid_text(NULL, ORG_TEXT_MAX));
	assert_true(org_valid_text("", ORG_TEXT_MAX));
	assert_true(org_valid_text("锡林大街 39 号", ORG_TEXT_MAX));
	assert_false(org_valid_text("一\r\n二", ORG_TEXT_MAX));
}

static void
phones(void **state)
{
	char	 big[64];

	(void)state;
	assert_true(org_valid_phone(NULL));
	assert_true(org_valid_phone(""));
	assert_true(org_valid_phone("0479-8225315"));
	assert_true(org_valid_phone("(0479) 8225315, 12345"));
	assert_true(org_valid_phone("+86 13947901234"));
	assert_false(org_valid_phone("0479-8225315 转 8"));
	assert_false(org_valid_phone("---"));
	memset(big, '1', 40);
	big[40] = '\0';
	assert_true(org_valid_phone(big));
	strcat(big, "1");
	assert_false(org_valid_phone(big));
}

static void
logins(void **state)
{
	(void)state;
	assert_true(org_valid_login("liuxiaomei"));
	assert_true(org_valid_login("wang.zq_2"));
	assert_true(org_valid_login("b-1"));
	assert_true(org_valid_login("ab"));
	assert_false(org_valid_login("a"));
	assert_false(org_valid_login(""));
	assert_false(org_valid_login(NULL));
	assert_false(org_valid_login("LiuXiaomei"));
	assert_false(org_valid_login(".hidden"));
	assert_false(org_valid_login("-x"));
	assert_false(org_valid_login("刘晓梅"));
	assert_false(org_valid_login("liu xiaomei"));
	assert_false(org_valid_login("liu@xiaomei"));
	/* 40 characters fit, 41 do not. */
	assert_true(org_valid_login("a12345678901234567890"
	    "1234567890123456789"));
	assert_false(org_valid_login("a12345678901234567890"
	    "12345678901234567890"));
}

static void
halls_and_roles(void **state)
{
	(void)state;
	assert_string_equal(org_hall_kind(1), "政务服务中心");
	assert_string_equal(org_hall_kind(2), "政务服务中心");
	assert_string_equal(org_hall_kind(3), "便民服务中心");
	assert_string_equal(org_hall_kind(4), "便民服务室");
	assert_string_equal(org_hall_kind(5), "");
	assert_string_equal(org_roles_label(pool, ROLE_CLERK | ROLE_LEADER),
	    "窗口受理人员、分管领导");
	assert_string_equal(org_roles_label(pool, ROLE_ADMIN), "系统管理员");
	assert_string_equal(org_roles_label(pool, ROLE_SECADMIN), "安全管理员");
	assert_string_equal(org_roles_label(pool, ROLE_AUDITOR), "审计管理员");
	assert_string_equal(org_roles_label(pool, 0), "");
}

/* 三员分立 (SEC-7): which roles one account may hold together. */
static void
three_administrators_apart(void **state)
{
	static const unsigned	 admins[] = { ROLE_ADMIN, ROLE_SECADMIN,
				    ROLE_AUDITOR };
	static const unsigned	 business[] = { ROLE_CLERK, ROLE_HANDLER,
				    ROLE_LEADER };
	size_t			 i, j;

	(void)state;
	/* Business roles combine (a small 苏木 has few people: 回避 keeps
	 * them apart within one case); a fresh account has none. */
	assert_null(account_roles_refusal(0));
	assert_null(account_roles_refusal(ROLE_CLERK));
	assert_null(account_roles_refusal(ROLES_STAFF));
	for (i = 0; i < 3; i++) {
		/* Each administrator's role alone. */
		assert_null(account_roles_refusal(admins[i]));
		/* Never two of the three. */
		for (j = 0; j < 3; j++)
			if (i != j)
				assert_non_null(strstr(account_roles_refusal(
				    admins[i] | admins[j]), "三员分立"));
		/* Never with a business role. */
		for (j = 0; j < 3; j++)
			assert_non_null(strstr(account_roles_refusal(
			    admins[i] | business[j]), "管理员不能同时担任"));
	}
	assert_non_null(account_roles_refusal(ROLES_ADMINS));
	assert_non_null(account_roles_refusal(ROLES_ADMINS | ROLES_STAFF));
	/* Who watches (SUP-*) holds that one role and nothing else. */
	assert_null(account_roles_refusal(ROLE_SUPERVISOR));
	assert_null(account_roles_refusal(ROLE_OBSERVER));
	assert_non_null(strstr(account_roles_refusal(ROLES_WATCH), "监督"));
	for (i = 0; i < 3; i++) {
		assert_non_null(strstr(account_roles_refusal(ROLE_SUPERVISOR |
		    business[i]), "监督的人"));
		assert_non_null(strstr(account_roles_refusal(ROLE_OBSERVER |
		    admins[i]), "监督的人"));
	}
	/* The gap operator holds that role alone (GAP-6, db/180). */
	assert_null(account_roles_refusal(ROLE_GAPOP));
	for (i = 0; i < 3; i++) {
		assert_non_null(strstr(account_roles_refusal(ROLE_GAPOP |
		    business[i]), "网闸摆渡员只能担任这一种角色"));
		assert_non_null(strstr(account_roles_refusal(ROLE_GAPOP |
		    admins[i]), "网闸摆渡员只能担任这一种角色"));
	}
	assert_non_null(account_roles_refusal(ROLE_GAPOP | ROLE_SUPERVISOR));
	/* So does the 全程代理 coordinator (INT-14, db/270): urges, never
	 * acts. */
	assert_null(account_roles_refusal(ROLE_COORD));
	for (i = 0; i < 3; i++) {
		assert_non_null(strstr(account_roles_refusal(ROLE_COORD |
		    business[i]), "代理协调员只能担任这一种角色"));
		assert_non_null(strstr(account_roles_refusal(ROLE_COORD |
		    admins[i]), "代理协调员只能担任这一种角色"));
	}
	assert_non_null(account_roles_refusal(ROLE_COORD | ROLE_SUPERVISOR));
	/* A citizen's role or an unknown bit is no staff role. */
	assert_non_null(account_roles_refusal(ROLE_CITIZEN));
	assert_non_null(account_roles_refusal(ROLE_CLERK | 1u << 13));
}

/* Each role's word is the one user-add parses back (route_table prints it). */
static void
role_words(void **state)
{
	const struct account_role *r;
	unsigned	 bit;
	size_t		 i;
	int		 known = 0;

	(void)state;
	for (bit = 1; bit != 0; bit <<= 1) {
		if (account_role_word(bit) == NULL)
			continue;
		assert_int_equal(account_role_parse(account_role_word(bit)),
		    bit);
		known++;
	}
	/* with 科室负责人, 监察员, 监督员, 摆渡员, 代理协调员 and the
	 * extranet's 代办员 */
	assert_int_equal(known, 13);
	assert_string_equal(account_role_word(ROLE_SECADMIN), "secadmin");
	assert_null(account_role_word(ROLE_CLERK | ROLE_LEADER));
	assert_null(account_role_word(0));
	/* One table: every role a form sets has the field role_<word>, and
	 * the labels the pages show come from it. */
	assert_int_equal(naccount_roles, 13);
	for (i = 0; i < naccount_roles; i++) {
		r = &account_roles[i];
		assert_string_equal(account_role_label(r->role), r->label);
		/* The extranet's roles are no staff form's to set. */
		if (r->role == ROLE_CITIZEN || r->role == ROLE_AGENT) {
			assert_null(r->field);
			assert_non_null(account_roles_refusal(r->role));
			continue;
		}
		assert_true(r->role & (ROLES_STAFF | ROLES_ADMINS |
		    ROLES_WATCH | ROLE_GAPOP | ROLE_COORD));
		assert_non_null(r->field);
		assert_string_equal(r->field, pool_printf(pool, "role_%s",
		    r->word));
	}
	assert_string_equal(account_role_label(ROLE_AUDITOR), "审计管理员");
	assert_string_equal(account_role_label(0), "");
}

static void
objects(void **state)
{
	struct org_err		 err;
	struct org_region	 g = { "152502100201", "宝力根嘎查", 4, NULL,
				    "152502100", NULL };
	struct org_hall		 h = { "BLG-BMFWS", "宝力根嘎查便民服务室",
				    "152502100201", NULL, 0, "", "", "" };
	struct org_dept		 d = { 0, "SCJGJ", "市场监督管理局", "锡市监",
				    "", NULL, "", NULL, "", "0479-8225315", 0 };
	struct org_window	 w = { "SCJGJ", NULL, "A01", "食品经营许可",
				    "", NULL };
	struct org_staff	 s = { 0, "zhangwei", "张伟", "SCJGJ", NULL,
				    ROLE_CLERK | ROLE_HANDLER, 1, NULL };

	(void)state;
	assert_int_equal(org_region_check(&g, &err), 0);
	g.level = 5;
	assert_int_equal(org_region_check(&g, &err), -1);
	assert_string_equal(err.field, "level");
	g.level = 4;
	g.parent_code = g.code;
	assert_int_equal(org_region_check(&g, &err), -1);
	assert_string_equal(err.field, "parent");
	g.parent_code = "";
	g.code = "15 25";
	assert_int_equal(org_region_check(&g, &err), -1);
	assert_string_equal(err.field, "code");
	assert_non_null(strstr(err.msg, "区划代码"));

	assert_int_equal(org_hall_check(&h, &err), 0);
	h.region_code = "";
	assert_int_equal(org_hall_check(&h, &err), -1);
	assert_string_equal(err.field, "region");

	assert_int_equal(org_dept_check(&d, &err), 0);
	d.abbr = "";
	assert_int_equal(org_dept_check(&d, &err), -1);
	assert_string_equal(err.field, "abbr");
	d.abbr = "锡市监";
	d.phone = "电话";
	assert_int_equal(org_dept_check(&d, &err), -1);
	assert_string_equal(err.field, "phone");

	assert_int_equal(org_window_check(&w, &err), 0);
	w.dept_code = "";
	assert_int_equal(org_window_check(&w, &err), -1);
	assert_string_equal(err.field, "dept");

	/* The record only: roles and passwords are checked where the
	 * security administrator sets them. */
	assert_int_equal(org_staff_check(&s, &err), 0);
	s.roles = 0;
	assert_int_equal(org_staff_check(&s, &err), 0);
	s.dept_code = "";
	assert_int_equal(org_staff_check(&s, &err), -1);
	assert_string_equal(err.field, "dept");
	s.dept_code = "SCJGJ";
	s.login = "Zhang Wei";
	assert_int_equal(org_staff_check(&s, &err), -1);
	assert_string_equal(err.field, "login");
}

/* ------------------------------------------------------------------ */
/* Pages rendered from fixtures                                         */
/* ------------------------------------------------------------------ */

/* A page for a user holding roles: "admin", "clerk,handler", … (the
 * flags render() sets: User.Role.<word>, User.Role.staff). */
static HDF *
fixture(const char *roles)
{
	HDF	*h;
	char	 buf[64], *w, *save = NULL;

	assert_true(hdf_init(&h) == STATUS_OK);
	hdf_set_value(h, "Site.Name", "一网通办 · 内网审批");
	hdf_set_value(h, "Site.Kind", "intranet");
	hdf_set_value(h, "Page.Csrf", "c0ffee");
	hdf_set_value(h, "User.Name", "刘晓梅");
	snprintf(buf, sizeof(buf), "%s", roles);
	for (w = strtok_r(buf, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		hdf_set_valuef(h, "User.Role.%s=1", w);
		if (strcmp(w, "clerk") == 0 || strcmp(w, "handler") == 0 ||
		    strcmp(w, "leader") == 0)
			hdf_set_value(h, "User.Role.staff", "1");
		/* ROLES_GAPVIEW, as request.c sets it. */
		if (strcmp(w, "gapop") == 0 || strcmp(w, "admin") == 0 ||
		    strcmp(w, "secadmin") == 0)
			hdf_set_value(h, "User.Role.gapview", "1");
	}
	return h;
}

static char *
page(HDF *h, const char *tpl)
{
	char	*html = render_string(h, TEMPLATES, tpl, pool);

	assert_non_null(html);
	hdf_destroy(&h);
	return html;
}

static int
count(const char *s, const char *needle)
{
	int	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Which of the navigation's role entries a page for roles shows, as
 * "inbox,catalog,admin,sec,audit". */
static const char *
nav_of(const char *roles)
{
	static const char *const links[][2] = {
		{ "inbox", "<a href=\"/inbox\">" },
		{ "catalog", "<a href=\"/catalog\">" },
		{ "admin", "<a href=\"/admin\">" },
		{ "sec", "<a href=\"/sec\">" },
		{ "audit", "<a href=\"/audit\">" },
		{ "gap", "<a href=\"/ops/gap\">" },
	};
	char	*html = page(fixture(roles), "error.cs"), *out = "";
	size_t	 i;

	/* Every logged-in member of staff may change their password. */
	assert_non_null(strstr(html, "<a href=\"/password\">"));
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (strstr(html, links[i][1]) != NULL)
			out = pool_printf(pool, "%s%s%s", out, *out ? "," : "",
			    links[i][0]);
	return out;
}

/* Each role sees its own entries (三员分立, SEC-7). */
static void
nav_each_role_its_own(void **state)
{
	(void)state;
	assert_string_equal(nav_of("clerk"), "inbox,catalog");
	assert_string_equal(nav_of("handler,leader"), "inbox,catalog");
	assert_string_equal(nav_of("admin"), "catalog,admin,gap");
	assert_string_equal(nav_of("secadmin"), "sec,gap");
	assert_string_equal(nav_of("auditor"), "audit");
	/* The gap's status (GAP-6): the gap operator's only entry. */
	assert_string_equal(nav_of("gapop"), "gap");
}

static void
home_shows_tree_escaped(void **state)
{
	HDF	*h = fixture("admin");
	char	*html;

	(void)state;
	hdf_set_value(h, "Levels.0.name", "盟市");
	hdf_set_value(h, "Levels.1.name", "旗县市区");
	hdf_set_value(h, "Regions.0.code", "152500");
	hdf_set_value(h, "Regions.0.name", "锡林郭勒盟");
	hdf_set_value(h, "Regions.0.level", "1");
	hdf_set_value(h, "Regions.0.Children.0.code", "152502");
	hdf_set_value(h, "Regions.0.Children.0.name", "锡林浩特市");
	hdf_set_value(h, "Regions.0.Children.0.level", "2");
	hdf_set_value(h, "Regions.0.Children.0.Children.0.code", "152502100");
	hdf_set_value(h, "Regions.0.Children.0.Children.0.name", "宝力根苏木");
	hdf_set_value(h, "Regions.0.Children.0.Children.0.level", "3");
	hdf_set_value(h, "Regions.0.Children.0.Children.0.Children.0.code",
	    "152502100201");
	hdf_set_value(h, "Regions.0.Children.0.Children.0.Children.0.name",
	    "<b>嘎查</b>");
	hdf_set_value(h, "Regions.0.Children.0.Children.0.Children.0.level",
	    "4");
	hdf_set_value(h, "Regions.0.Children.0.Halls.0.code", "XLHT-ZWZX");
	hdf_set_value(h, "Regions.0.Children.0.Halls.0.name",
	    "锡林浩特市政务服务中心");
	hdf_set_value(h, "Depts.0.code", "SCJGJ");
	hdf_set_value(h, "Depts.0.name", "市场监督管理局");
	hdf_set_value(h, "Depts.0.staff", "4");
	hdf_set_value(h, "Depts.0.Windows.0.code", "A01");
	hdf_set_value(h, "Depts.0.Windows.0.name", "食品经营许可窗口");
	html = page(h, "int/admin_home.cs");
	assert_non_null(strstr(html, "锡林浩特市政务服务中心"));
	assert_non_null(strstr(html, "/admin/region?code=152502100201"));
	assert_non_null(strstr(html, "&lt;b&gt;嘎查&lt;/b&gt;"));
	assert_null(strstr(html, "<b>嘎查"));
	/* The fourth level has no "add below" link; the third has. */
	assert_non_null(strstr(html, "/admin/region?parent=152502100\""));
	assert_null(strstr(html, "/admin/region?parent=152502100201"));
	assert_non_null(strstr(html, "/admin/window?dept=SCJGJ&amp;code=A01"));
	assert_non_null(strstr(html, "/admin/staff?dept=SCJGJ"));
}

static void
forms_echo_and_mark(void **state)
{
	HDF	*h = fixture("admin");
	char	*html;

	(void)state;
	hdf_set_value(h, "Form.edit", "1");
	hdf_set_value(h, "Form.code", "152502");
	hdf_set_value(h, "Form.name", "锡林浩特市\"><script>");
	hdf_set_value(h, "Form.level", "2");
	hdf_set_value(h, "Form.Error", "请填写区划名称（不超过 100 个字）。");
	hdf_set_value(h, "Form.Field", "name");
	hdf_set_value(h, "Levels.1.level", "2");
	hdf_set_value(h, "Levels.1.name", "旗县市区");
	hdf_set_value(h, "Levels.1.selected", "1");
	hdf_set_value(h, "Parents.0.code", "152500");
	hdf_set_value(h, "Parents.0.name", "锡林郭勒盟");
	hdf_set_value(h, "Parents.0.selected", "1");
	html = page(h, "int/admin_region.cs");
	assert_non_null(strstr(html, "请填写区划名称"));
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "name=\"edit\" value=\"1\""));
	assert_non_null(strstr(html, "readonly"));
	assert_non_null(strstr(html, "value=\"152500\" selected"));
	assert_non_null(strstr(html, "value=\"2\" selected"));
	assert_non_null(strstr(html, "required aria-invalid=\"true\""));
	/* The audit trail is the audit administrator's: no link to it. */
	assert_null(strstr(html, "audit"));

	/* The system administrator keeps the record: no roles to tick and
	 * no password to type; they are shown, and who sets them. */
	h = fixture("admin");
	hdf_set_value(h, "Form.edit", "1");
	hdf_set_value(h, "Form.login", "zhangwei");
	hdf_set_value(h, "Form.active", "1");
	hdf_set_value(h, "Staff.login", "zhangwei");
	hdf_set_value(h, "Staff.roles_label", "窗口受理人员");
	hdf_set_value(h, "Staff.pw_label", "临时密码（待本人修改）");
	html = page(h, "int/admin_staff_edit.cs");
	assert_null(strstr(html, "name=\"role_"));
	assert_null(strstr(html, "type=\"password\""));
	assert_null(strstr(html, "/admin/staff/password"));
	assert_non_null(strstr(html, "name=\"active\" value=\"1\" checked"));
	assert_non_null(strstr(html, "窗口受理人员"));
	assert_non_null(strstr(html, "角色和密码由安全管理员设置"));
	assert_null(strstr(html, "audit"));

	/* The security administrator's form of another account: roles and a
	 * password; of their own: neither. */
	h = fixture("secadmin");
	hdf_set_value(h, "Staff.login", "zhangwei");
	hdf_set_value(h, "Staff.pw", "own");
	hdf_set_value(h, "Roles.0.field", "role_clerk");
	hdf_set_value(h, "Roles.0.label", "窗口受理人员");
	hdf_set_value(h, "Roles.0.checked", "1");
	hdf_set_value(h, "Roles.1.field", "role_admin");
	hdf_set_value(h, "Roles.1.label", "系统管理员");
	hdf_set_value(h, "Roles.1.admin", "1");
	hdf_set_value(h, "Reset.Error", "两次输入的密码不一致，请重新输入。");
	html = page(h, "int/sec_staff_edit.cs");
	assert_non_null(strstr(html,
	    "name=\"role_clerk\" value=\"1\" checked"));
	assert_non_null(strstr(html, "name=\"role_admin\" value=\"1\">"));
	assert_non_null(strstr(html, "action=\"/sec/staff/password\""));
	assert_non_null(strstr(html, "两次输入的密码不一致"));
	assert_int_equal(count(html, "name=\"password2\""), 1);
	h = fixture("secadmin");
	hdf_set_value(h, "Staff.login", "wurigen");
	hdf_set_value(h, "Self", "1");
	html = page(h, "int/sec_staff_edit.cs");
	assert_null(strstr(html, "action=\"/sec/staff/roles\""));
	assert_null(strstr(html, "action=\"/sec/staff/password\""));
	assert_non_null(strstr(html, "href=\"/password\""));

	h = fixture("admin");
	hdf_set_value(h, "Form.name1", "市");
	hdf_set_value(h, "Levels.0.level", "1");
	hdf_set_value(h, "Levels.0.field", "name1");
	hdf_set_value(h, "Levels.0.value", "市<");
	hdf_set_value(h, "Form.Field", "name1");
	html = page(h, "int/admin_levels.cs");
	assert_non_null(strstr(html, "name=\"name1\" type=\"text\" "
	    "value=\"市&lt;\""));
	assert_non_null(strstr(html, "aria-invalid=\"true\""));
}

/* Both administrators list staff; each links to their own form. */
static void
staff_lists(void **state)
{
	HDF	*h;
	char	*html;
	int	 sec;

	(void)state;
	for (sec = 0; sec < 2; sec++) {
		h = fixture(sec ? "secadmin" : "admin");
		hdf_set_value(h, "Staff.0.login", "zhangwei");
		hdf_set_value(h, "Staff.0.name", "张<伟>");
		hdf_set_value(h, "Staff.0.pw_label", "未设置密码");
		hdf_set_value(h, "Staff.0.active", "1");
		html = page(h, sec ? "int/sec_staff.cs" : "int/admin_staff.cs");
		assert_non_null(strstr(html, sec ?
		    "href=\"/sec/staff/edit?login=zhangwei\"" :
		    "href=\"/admin/staff/edit?login=zhangwei\""));
		assert_non_null(strstr(html, "张&lt;伟&gt;"));
		assert_non_null(strstr(html, "尚未分配"));
		assert_non_null(strstr(html, "未设置密码"));
		/* Only the system administrator adds accounts. */
		assert_true((strstr(html, ">新增工作人员<") != NULL) == !sec);
	}
	h = fixture("secadmin");
	hdf_set_value(h, "Admins.0.login", "wangxiulan");
	hdf_set_value(h, "Admins.0.roles_label", "审计管理员");
	html = page(h, "int/sec_home.cs");
	assert_non_null(strstr(html, "/sec/staff/edit?login=wangxiulan"));
	assert_non_null(strstr(html, "安全管理员的职责"));
}

static void
audit_pages_by_id(void **state)
{
	HDF	*h = fixture("auditor");
	char	*html;

	(void)state;
	hdf_set_value(h, "Filter.object", "window:SCJGJ/A01");
	hdf_set_value(h, "Audit.0.id", "91");
	hdf_set_value(h, "Audit.0.at", "2026-03-02 09:15:00");
	hdf_set_value(h, "Audit.0.actor", "liuxiaomei");
	hdf_set_value(h, "Audit.0.action_label", "新增窗口");
	hdf_set_value(h, "Audit.0.object", "window:SCJGJ/A01");
	hdf_set_value(h, "Audit.0.detail", "{\"name\":\"<i>食品</i>\"}");
	hdf_set_value(h, "Next.before", "91");
	html = page(h, "int/audit.cs");
	assert_non_null(strstr(html, "新增窗口"));
	assert_non_null(strstr(html, "&lt;i&gt;食品"));
	assert_non_null(strstr(html,
	    "/audit?object=window%3ASCJGJ%2FA01&amp;before=91"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes),
		cmocka_unit_test(names),
		cmocka_unit_test(phones),
		cmocka_unit_test(logins),
		cmocka_unit_test(halls_and_roles),
		cmocka_unit_test(three_administrators_apart),
		cmocka_unit_test(role_words),
		cmocka_unit_test(objects),
		cmocka_unit_test(nav_each_role_its_own),
		cmocka_unit_test(home_shows_tree_escaped),
		cmocka_unit_test(forms_echo_and_mark),
		cmocka_unit_test(staff_lists),
		cmocka_unit_test(audit_pages_by_id),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
