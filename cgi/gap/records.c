/*
 * records.c: the validators of records.h.  Each kind declares its fields
 * once, in a table (name, JSON type, length or range, shape, choices),
 * walked by one function; what a table cannot say (one field against
 * another, against the site's own data, against the bundle's files) is
 * the kind's own check after the walk.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "fee.h"
#include "files.h"
#include "ids.h"
#include "records.h"
#include "text.h"
#include "crypto.h"
#include "docsig.h"
#include "utf8.h"
#include "vocab.h"
#include "waybill.h"
#include "wfnet.h"

/* Limits of the forms the data comes from (and of their columns). */
#define REMARK_CHARS	2000	/* ext_apply.c REMARK_MAX */
#define OPINION_CHARS	1300	/* int_case.c OPINION_MAX */
#define WITHDRAW_CHARS	500	/* ext_apply.c WITHDRAW_REASON_MAX */
#define CORRECT_CHARS	200	/* flow.h CORRECT_REASON_MAX */
#define SPECIAL_DAYS	120	/* flow.h SPECIAL_DAYS_MAX */
#define PERMIT_SCOPE	200	/* flow.h PERMIT_SCOPE_MAX */
#define EXTEND_DAYS	10	/* flow.h EXTEND_DAYS_MAX */
#define DOC_BODY_BYTES	65535	/* document.body, TEXT */
#define MATERIALS_MAX	60	/* CFORM_MAX_MATERIALS */
#define DAYS_LIMIT	3650	/* statutory and promised days */
#define INT_COLUMN	2147483647	/* INT columns */
#define AGENT_REGIONS_MAX	51	/* a township and agent.h's villages */
/* Complaints (SUP-5): the limits of complaint.h, CMP_*. */
#define CMP_SUBJECT	60
#define CMP_BODY	1000
#define CMP_PERSON	50
#define CMP_REPLY	2000
/* Messages on an application (EXT-7): message.h's MSG_*. */
#define MSG_BODY	500
#define MSG_AUTHOR	100
/* Online consultation (EXT-7): consult.h's CONSULT_*. */
#define CONSULT_Q	500
#define CONSULT_A	1000
/* A procedure the intranet published (FLOW-2) is checked again with the
 * same state bound; the time bound is wider, so a slower machine never
 * refuses what the intranet accepted. */
#define WF_STATES	200000
#define WF_MS		20000

/* The JSON type of a field. */
enum ftype {
	F_END = 0,	/* ends a list of members */
	F_LINE,		/* text, one line */
	F_LINES,	/* text that may hold line ends and tabs */
	F_INT,
	F_BOOL,
	F_OBJECT,	/* members in sub, F_END-ended */
	F_ARRAY,	/* elements like sub[0] */
};

/* The form of a text: a predicate (or one judged on the site's day,
 * rec_check.today) and what to say when it fails. */
struct shape {
	int		(*ok)(const char *);
	const char	*why;
	int		(*ok_on)(const char *, long today);
};

struct field {
	const char		*name;
	enum ftype		 type;
	int			 optional;
	long long		 min, max;	/* text: characters; int: value;
						 * array: elements */
	size_t			 max_bytes;	/* text: bytes too (0: none) */
	const struct shape	*shape;		/* text: its form, or NULL */
	const char *const	*choices;	/* text: one of these, or NULL */
	const struct field	*sub;
	const char		*label;		/* for people */
};

/* Table rows.  A shaped or chosen text is short by its shape. */
#define LINE(n, lab, lo, hi) \
	{ .name = n, .type = F_LINE, .min = lo, .max = hi, .label = lab }
#define LINES(n, lab, hi, bytes) \
	{ .name = n, .type = F_LINES, .max = hi, .max_bytes = bytes, \
	    .label = lab }
#define SHAPED(n, lab, sh) \
	{ .name = n, .type = F_LINE, .max = 200, .shape = &sh, .label = lab }
#define CHOICE(n, lab, list) \
	{ .name = n, .type = F_LINE, .min = 1, .max = 200, .choices = list, \
	    .label = lab }
#define INT(n, lab, lo, hi) \
	{ .name = n, .type = F_INT, .min = lo, .max = hi, .label = lab }
#define BOOL(n, lab) \
	{ .name = n, .type = F_BOOL, .label = lab }
#define OBJECT(n, lab, members) \
	{ .name = n, .type = F_OBJECT, .sub = members, .label = lab }
#define ARRAY(n, lab, lo, hi, elem) \
	{ .name = n, .type = F_ARRAY, .min = lo, .max = hi, .sub = elem, \
	    .label = lab }
#define END	{ .type = F_END }

/* ---- shapes -------------------------------------------------------- */

static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num(const char *s, size_t n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* "YYYY-MM-DD" at s, a day of the calendar. */
static int
ymd_at(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int		 y, m, d;

	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return 0;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

/* "HH:MM" (and ":SS" when secs) at s. */
static int
hm_at(const char *s, int secs)
{
	if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) ||
	    num(s, 2) > 23 || num(s + 3, 2) > 59)
		return 0;
	return !secs || (s[5] == ':' && digits(s + 6, 2) &&
	    num(s + 6, 2) <= 59);
}

static int
date_ok(const char *s)
{
	return strlen(s) == 10 && ymd_at(s);
}

static int
minute_ok(const char *s)
{
	return strlen(s) == 16 && ymd_at(s) && s[10] == ' ' &&
	    hm_at(s + 11, 0);
}

static int
datetime_ok(const char *s)
{
	return strlen(s) == 19 && ymd_at(s) && s[10] == ' ' &&
	    hm_at(s + 11, 1);
}

/* YW, the day it was numbered (YYYYMMDD), five digits. */
static int
app_no_ok(const char *s)
{
	char	 d[11];

	if (strlen(s) != 15 || strncmp(s, "YW", 2) != 0 || !digits(s + 2, 13))
		return 0;
	snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", s + 2, s + 6, s + 8);
	return ymd_at(d);
}

/* 一件事 (EXT-12): YJ and the digits of its first application's number. */
static int
bundle_no_ok(const char *s)
{
	char	 yw[16];

	if (strlen(s) != 15 || strncmp(s, "YJ", 2) != 0)
		return 0;
	snprintf(yw, sizeof(yw), "YW%s", s + 2);
	return app_no_ok(yw);
}

static int
item_code_ok(const char *s)
{
	return strlen(s) >= 3 && vocab_code_valid(s, 40);
}

static int
dept_code_ok(const char *s)
{
	return vocab_code_valid(s, 32);
}

static int
opt_item_code_ok(const char *s)
{
	return *s == '\0' || item_code_ok(s);
}

static int
opt_dept_code_ok(const char *s)
{
	return *s == '\0' || dept_code_ok(s);
}

static int
opt_phase_ok(const char *s)
{
	return *s == '\0' || vocab_in(vocab_phases, s);
}

/* As the registration form checks it (account.c): the birth date not
 * after today nor more than 120 years before.  No day known: refused. */
static int
id_ok(const char *s, long today)
{
	return today > 0 && id_number_check(s, today) == IDNO_OK;
}

static int
opt_sha_ok(const char *s)
{
	return *s == '\0' || files_sha_valid(s);
}

/* A file name a download offers: never a path. */
static int
file_name_ok(const char *s)
{
	return strchr(s, '/') == NULL && strchr(s, '\\') == NULL &&
	    strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

/* Accepted upload types of a material: "pdf", "pdf,jpg". */
static int
types_ok(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ',' && n > 0)
			n = 0;
		else if (((*s >= 'a' && *s <= 'z') || (*s >= '0' &&
		    *s <= '9')) && n < 10)
			n++;
		else
			return 0;
	}
	return n > 0;
}

static int
state_ok(const char *s)
{
	return vocab_state_label(s) != NULL;
}

static int
doc_kind_ok(const char *s)
{
	return vocab_doc_kind(s) != NULL;
}

static int
credit_ok(const char *s)
{
	return credit_code_check(s) == CREDIT_OK;
}

static const struct shape S_CREDIT = { credit_ok,
    "不是有效的统一社会信用代码（GB 32100：登记管理部门、机构类别、"
    "行政区划和校验码须正确）" };
static const struct shape S_APP_NO = { app_no_ok,
    "应为 YW、8 位日期和 5 位序号，如 YW2026112100001" };
static const struct shape S_ID = { .ok_on = id_ok,
    .why = "不是有效的身份证号码（18 位，地区代码、出生日期和校验位须正确，"
    "出生日期不能晚于今天或早于 120 年前）" };
static const struct shape S_MOBILE = { mobile_valid,
    "不是有效的手机号码（11 位，以 13 到 19 开头）" };
static const struct shape S_ITEM_CODE = { item_code_ok,
    "应为 3 到 40 个英文字母、数字或 -" };
static const struct shape S_BUNDLE_NO = { bundle_no_ok,
    "应为 YJ、8 位日期和 5 位序号，如 YJ2026112100001" };
static const struct shape S_DEPT_CODE = { dept_code_ok,
    "应为 1 到 32 个英文字母、数字或 -" };
static const struct shape S_OPT_ITEM_CODE = { opt_item_code_ok,
    "应为空，或 3 到 40 个英文字母、数字或 -" };
static const struct shape S_OPT_DEPT_CODE = { opt_dept_code_ok,
    "应为空，或 1 到 32 个英文字母、数字或 -" };
static const struct shape S_KEY = { vocab_key_valid,
    "应为 1 到 40 个英文字母、数字、- 或 _" };
static const struct shape S_SHA = { files_sha_valid,
    "应为 64 个小写十六进制字符（SHA-256）" };
static const struct shape S_OPT_SHA = { opt_sha_ok,
    "应为空，或 64 个小写十六进制字符（SHA-256）" };
static const struct shape S_FILE_NAME = { file_name_ok,
    "文件名不能含有 / 或 \\" };
static const struct shape S_TYPES = { types_ok,
    "应为逗号分隔的文件类型，如 pdf" };
static const struct shape S_PHASE = { opt_phase_ok,
    "不在允许的阶段之列" };
static const struct shape S_DATE = { date_ok, "应为 YYYY-MM-DD 格式的日期" };
static const struct shape S_MINUTE = { minute_ok,
    "应为 YYYY-MM-DD HH:MM 格式的时间" };
static const struct shape S_DATETIME = { datetime_ok,
    "应为 YYYY-MM-DD HH:MM:SS 格式的时间" };
static const struct shape S_STATE = { state_ok, "不是已知的办件状态" };
static const struct shape S_DOC_KIND = { doc_kind_ok, "不是已知的文书种类" };

/* ---- seals (DOC-1, docseal.h) ---- */

static int
kid_ok(const char *s)
{
	return crypto_hex_valid(s, KEY_ID_LEN);
}

/* Ed25519 and SM2 (r || s) signatures are both 64 bytes. */
static int
sig_ok(const char *s)
{
	return crypto_hex_valid(s, 2 * DOCSIG_SIG_MAX);
}

static int
code_ok(const char *s)
{
	char	 n[DOCSIG_CODE_LEN + 1];

	return docsig_code_normal(s, n) == 0 && strcmp(n, s) == 0;
}

static int
opt_datetime_ok(const char *s)
{
	return *s == '\0' || datetime_ok(s);
}

static const struct shape S_KID = { kid_ok, "应为 16 个小写十六进制字符" };
static const struct shape S_SIG = { sig_ok,
    "应为 128 个小写十六进制字符（64 字节的签名）" };
static const struct shape S_CODE = { code_ok,
    "应为 8 个校验码字符（数字和除 I、L、O、U 外的大写字母）" };
static const struct shape S_OPT_DATETIME = { opt_datetime_ok,
    "应为空，或 YYYY-MM-DD HH:MM:SS 格式的时间" };

/* ---- complaints' shapes (SUP-5) ---- */

/* TS, the day it was numbered (YYYYMMDD), five digits. */
static int
cmp_no_ok(const char *s)
{
	char	 d[11];

	if (strlen(s) != 15 || strncmp(s, "TS", 2) != 0 || !digits(s + 2, 13))
		return 0;
	snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", s + 2, s + 6, s + 8);
	return ymd_at(d);
}

static int
opt_app_no_ok(const char *s)
{
	return *s == '\0' || app_no_ok(s);
}

static int
opt_date_ok(const char *s)
{
	return *s == '\0' || date_ok(s);
}

/* As the complaint form takes it: none, or phone_valid() (ids.h). */
static int
cmp_phone_ok(const char *s)
{
	return *s == '\0' || phone_valid(s);
}

static const struct shape S_CMP_NO = { cmp_no_ok,
    "应为 TS、8 位日期和 5 位序号，如 TS2026120600001" };
static const struct shape S_OPT_APP_NO = { opt_app_no_ok,
    "应为空，或 YW、8 位日期和 5 位序号" };
static const struct shape S_OPT_DATE = { opt_date_ok,
    "应为空，或 YYYY-MM-DD 格式的日期" };
static const struct shape S_CMP_PHONE = { cmp_phone_ok,
    "应为空，或 7 到 20 位数字和 -" };

/* ---- messages' shapes (EXT-7) ---- */

/* prefix, the day it was numbered (YYYYMMDD), five digits. */
static int
msg_no_at(const char *s, const char *prefix)
{
	char	 d[11];

	if (strlen(s) != 15 || strncmp(s, prefix, 2) != 0 ||
	    !digits(s + 2, 13))
		return 0;
	snprintf(d, sizeof(d), "%.4s-%.2s-%.2s", s + 2, s + 6, s + 8);
	return ymd_at(d);
}

static int
msg_ask_no_ok(const char *s)
{
	return msg_no_at(s, "LY");
}

static int
msg_reply_no_ok(const char *s)
{
	return msg_no_at(s, "HF");
}

static int
consult_no_ok(const char *s)
{
	return msg_no_at(s, "ZX");
}

static const struct shape S_CONSULT_NO = { consult_no_ok,
    "应为 ZX、8 位日期和 5 位序号，如 ZX2026120700001" };
static const struct shape S_MSG_ASK_NO = { msg_ask_no_ok,
    "应为 LY、8 位日期和 5 位序号，如 LY2026120700001" };
static const struct shape S_MSG_REPLY_NO = { msg_reply_no_ok,
    "应为 HF、8 位日期和 5 位序号，如 HF2026120700001" };

static const char *const depths_online[] = { "A", "B", "C", NULL };
static const char *const published[] = { "published", NULL };
static const char *const type_item[] = { "item", NULL };
static const char *const type_application[] = { "application", NULL };
static const char *const type_event[] = { "case.event", NULL };
static const char *const type_withdraw[] = { "application.withdraw", NULL };
static const char *const type_correct[] = { "application.correct", NULL };
static const char *const type_fee[] = { "case.fee", NULL };
static const char *const fee_states[] = { "unpaid", "paid", "lapsed", NULL };
static const char *const type_sms[] = { "sms.send", NULL };
static const char *const type_complaint[] = { "complaint", NULL };
static const char *const type_cmp_state[] = { "complaint.state", NULL };
static const char *const type_message[] = { "message", NULL };
static const char *const type_msg_reply[] = { "message.reply", NULL };
static const char *const type_consult[] = { "consult", NULL };
static const char *const type_cq_answer[] = { "consult.answer", NULL };
static const char *const type_faq[] = { "faq", NULL };
static const char *const faq_states[] = { "published", "withdrawn", NULL };
static const char *const cmp_abouts[] = { "case", "dept", "person", NULL };
/* The states a complaint reaches on the intranet (complaint.c), each with
 * the words the citizen reads: a pair per state. */
static const char *const cmp_states[] = { "assigned", "investigating",
    "replied", "closed", NULL };
static const char *const cmp_state_labels[] = { "已受理，正在调查",
    "正在调查核实", "已答复", "已办结", NULL };

/* ---- the fields of each kind --------------------------------------- */

static const struct field sha_elem[] = { SHAPED(NULL, "文件摘要", S_SHA) };
static const struct field key_elem[] = { SHAPED(NULL, "环节代号", S_KEY) };
static const struct field edge_elem[] = {
	ARRAY(NULL, "流程连线 [从, 到]", 2, 2, key_elem)
};
static const struct field theme_elem[] = {
	CHOICE(NULL, "主题", vocab_themes)
};

static const struct field material_fields[] = {
	LINE("name", "材料名称", 1, 200),
	CHOICE("original", "原件/复印件", vocab_originals),
	INT("copies", "份数", 1, 99),
	BOOL("required", "必交"),
	{ .name = "types", .type = F_LINE, .min = 1, .max = 60,
	    .shape = &S_TYPES, .label = "接受的文件类型" },
	LINE("note", "备注", 0, 300),
	{ .name = "form", .type = F_LINE, .max = 200, .shape = &S_FILE_NAME,
	    .label = "空白表格文件名" },
	SHAPED("form_sha", "空白表格摘要", S_OPT_SHA),
	{ .name = "sample", .type = F_LINE, .max = 200,
	    .shape = &S_FILE_NAME, .label = "填写示例文件名" },
	SHAPED("sample_sha", "填写示例摘要", S_OPT_SHA),
	{ .name = "licence", .type = F_LINE, .optional = 1, .max = 200,
	    .shape = &S_OPT_ITEM_CODE, .label = "代替材料的证照" },
	END
};
static const struct field material_elem[] = {
	OBJECT(NULL, "材料", material_fields)
};

static const struct field step_fields[] = {
	SHAPED("key", "环节代号", S_KEY),
	LINE("name", "环节名称", 1, VOCAB_STEP_NAME_MAX),
	INT("role", "角色", 1, 255),
	SHAPED("dept", "办理部门编码", S_OPT_DEPT_CODE),
	LINE("dept_name", "办理部门名称", 0, 100),
	INT("days", "环节时限", 0, VOCAB_DAYS_MAX),
	{ .name = "doc", .type = F_LINE, .max = 20,
	    .choices = vocab_step_docs, .label = "出具文书" },
	END
};
static const struct field step_elem[] = {
	OBJECT(NULL, "环节", step_fields)
};
static const struct field procedure_fields[] = {
	ARRAY("steps", "环节", 2, WF_MAX_STEPS, step_elem),
	ARRAY("flows", "流程连线", 0, WF_MAX_EDGES, edge_elem),
	ARRAY("returns", "回退连线", 0, WF_MAX_EDGES, edge_elem),
	END
};

/* catalog_json(): a published version, as the catalogue editor's form
 * allows it (catalog_form.c) and its columns hold it. */
static const struct field item_fields[] = {
	CHOICE("type", "记录类型", type_item),
	SHAPED("code", "事项编码", S_ITEM_CODE),
	INT("version", "版本", 1, INT_COLUMN),
	CHOICE("status", "状态", published),
	LINE("name", "事项名称", 1, 200),
	CHOICE("kind", "事项类型", vocab_kinds),
	SHAPED("dept_code", "实施部门编码", S_DEPT_CODE),
	LINE("dept_name", "实施部门", 1, 100),
	CHOICE("level", "实施层级", vocab_levels),
	SHAPED("parent", "所属主项编码", S_OPT_ITEM_CODE),
	{ .name = "phase", .type = F_LINE, .max = 10, .shape = &S_PHASE,
	    .label = "阶段" },
	LINES("basis", "设定依据", 5000, 0),
	LINES("conditions", "受理条件", 5000, 0),
	INT("statutory_days", "法定办结时限", 0, DAYS_LIMIT),
	INT("promised_days", "承诺办结时限", 0, DAYS_LIMIT),
	BOOL("instant", "即办件"),
	LINE("fee", "收费", 0, 1000),
	LINES("fee_basis", "收费依据", 5000, 0),
	LINE("fee_standard", "收费标准", 0, 1000),
	{ .name = "fee_kind", .type = F_LINE, .optional = 1,
	    .max = FEE_KIND_MAX, .label = "收费项目" },
	{ .name = "fee_min", .type = F_INT, .optional = 1, .min = 0,
	    .max = FEE_FEN_MAX, .label = "最低收费（分）" },
	{ .name = "fee_max", .type = F_INT, .optional = 1, .min = 0,
	    .max = FEE_FEN_MAX, .label = "最高收费（分）" },
	LINE("place", "办理地点", 1, 300),
	LINE("hours", "办理时间", 1, 200),
	LINE("phone", "咨询电话", 1, 100),
	LINE("complaint_phone", "投诉电话", 1, 100),
	INT("visits", "跑动次数", 0, 20),
	CHOICE("depth", "网办深度", depths_online),
	{ .name = "secret", .type = F_BOOL, .optional = 1,
	    .label = "涉密" },
	ARRAY("themes", "主题", 0, 14, theme_elem),
	LINE("keywords", "检索关键词", 0, 500),
	ARRAY("materials", "申请材料", 0, MATERIALS_MAX, material_elem),
	ARRAY("files", "随附文件", 0, 2 * MATERIALS_MAX, sha_elem),
	OBJECT("procedure", "办理流程", procedure_fields),
	END
};

static const struct field applicant_fields[] = {
	LINE("name", "申请人姓名", 1, 50),
	SHAPED("id_number", "身份证号码", S_ID),
	SHAPED("mobile", "手机号码", S_MOBILE),
	END
};
static const struct field attachment_fields[] = {
	INT("material_seq", "材料序号", 1, MATERIALS_MAX),
	LINE("material_name", "材料名称", 1, 200),
	LINE("file_name", "文件名", 1, 200),
	SHAPED("sha256", "文件摘要", S_SHA),
	INT("size", "文件大小", 1, INT64_MAX),
	CHOICE("mime", "文件类型", files_material),
	END
};
static const struct field attachment_elem[] = {
	OBJECT(NULL, "附件", attachment_fields)
};

/* An application made in an enterprise's name (ACC-1): the enterprise is
 * the applicant, the person in "applicant" its 经办人. */
static const char *const entity_kinds[] = { "enterprise", NULL };
static const struct field entity_fields[] = {
	CHOICE("kind", "申请人类型", entity_kinds),
	SHAPED("credit_code", "统一社会信用代码", S_CREDIT),
	LINE("name", "企业名称", 2, 100),
	END
};

/* proxy_json(): the agent who applied for the resident (AGT-1), and the
 * consent: a scanned form (its file) or the resident's SMS confirmation
 * (when, and the keyed hash of the number: agent_consent_confirm()). */
static const char *const consent_kinds[] = { "form", "sms", NULL };
static const char *const consent_states[] = { "given", "confirmed", NULL };
static const struct field consent_fields[] = {
	CHOICE("kind", "授权方式", consent_kinds),
	CHOICE("state", "授权状态", consent_states),
	{ .name = "file_name", .type = F_LINE, .optional = 1, .min = 1,
	    .max = 200, .label = "授权书文件名" },
	{ .name = "sha256", .type = F_LINE, .optional = 1, .max = 64,
	    .shape = &S_SHA, .label = "授权书文件摘要" },
	{ .name = "size", .type = F_INT, .optional = 1, .min = 1,
	    .max = INT64_MAX, .label = "授权书文件大小" },
	{ .name = "at", .type = F_LINE, .optional = 1, .max = 19,
	    .shape = &S_DATETIME, .label = "短信确认时间" },
	{ .name = "mobile_hash", .type = F_LINE, .optional = 1, .max = 64,
	    .shape = &S_SHA, .label = "确认手机号码摘要" },
	END
};
static const struct field proxy_fields[] = {
	INT("id", "代办员编号", 1, INT_COLUMN),
	LINE("name", "代办员姓名", 2, 20),
	LINE("area", "服务区域", 1, 300),
	LINE("resident_region", "居民居住地", 1, 100),
	OBJECT("consent", "居民授权", consent_fields),
	END
};

/* licences_json(): a licence chosen instead of a file (免证办, DOC-2). */
static const struct field licence_fields[] = {
	INT("material_seq", "材料序号", 1, MATERIALS_MAX),
	LINE("material_name", "材料名称", 1, 200),
	LINE("licence_no", "证照编号", 4, 60),
	END
};
static const struct field licence_elem[] = {
	OBJECT(NULL, "电子证照", licence_fields)
};

/* What an application is, online or at the window (case.window). */
#define APP_HEAD \
	SHAPED("app_no", "申请编号", S_APP_NO), \
	SHAPED("item_code", "事项编码", S_ITEM_CODE), \
	INT("item_version", "事项版本", 1, INT_COLUMN), \
	LINE("item_name", "事项名称", 1, 200), \
	OBJECT("applicant", "申请人", applicant_fields), \
	{ .name = "entity", .type = F_OBJECT, .optional = 1, \
	    .sub = entity_fields, .label = "申请企业" }, \
	LINES("remark", "申请说明", REMARK_CHARS, 4 * REMARK_CHARS)

/* app_submit(): what the online application form (ext_apply.c) takes. */
/* 一件事一次办 (EXT-12, lifeevent.h): the life event and its bundle an
 * application is one of; an "event" record, a published life event. */
#define EVENT_ITEMS	8	/* lifeevent.h EVENT_ITEMS_MAX */
static const struct field code_elem[] = {
	SHAPED(NULL, "事项编码", S_ITEM_CODE)
};
static const struct field bundle_fields[] = {
	SHAPED("no", "一件事申请编号", S_BUNDLE_NO),
	SHAPED("event_code", "一件事编码", S_ITEM_CODE),
	INT("event_version", "一件事版本", 1, INT_COLUMN),
	LINE("event_name", "一件事名称", 1, 30),
	ARRAY("items", "一件事的事项", 2, EVENT_ITEMS, code_elem),
	END
};
static const char *const type_life_event[] = { "event", NULL };
static const struct field event_item_fields[] = {
	SHAPED("code", "事项编码", S_ITEM_CODE),
	INT("version", "事项版本", 1, INT_COLUMN),
	END
};
static const struct field event_item_elem[] = {
	OBJECT(NULL, "事项", event_item_fields)
};
static const struct field life_event_fields[] = {
	CHOICE("type", "记录类型", type_life_event),
	SHAPED("code", "一件事编码", S_ITEM_CODE),
	INT("version", "版本", 1, INT_COLUMN),
	LINE("name", "一件事名称", 2, 30),
	{ .name = "intro", .type = F_LINE, .max = 200, .max_bytes = 800,
	    .label = "简介" },
	ARRAY("items", "事项", 2, EVENT_ITEMS, event_item_elem),
	END
};

static const struct field application_fields[] = {
	CHOICE("type", "记录类型", type_application),
	APP_HEAD,
	SHAPED("submitted_at", "提交时间", S_DATETIME),
	ARRAY("attachments", "附件", 0, MATERIALS_MAX, attachment_elem),
	ARRAY("files", "随附文件", 0, MATERIALS_MAX + 1, sha_elem),
	{ .name = "bundle", .type = F_OBJECT, .optional = 1,
	    .sub = bundle_fields, .label = "一件事" },
	{ .name = "agent", .type = F_OBJECT, .optional = 1,
	    .sub = proxy_fields, .label = "代办员" },
	{ .name = "licences", .type = F_ARRAY, .optional = 1, .min = 1,
	    .max = MATERIALS_MAX, .sub = licence_elem,
	    .label = "代替材料的电子证照" },
	END
};

static const struct field doc_material_fields[] = {
	LINE("name", "材料名称", 1, 200),
	LINE("file_name", "文件名", 1, 200),
	LINE("original", "原件/电子件", 1, 20),
	END
};
static const struct field doc_material_elem[] = {
	OBJECT(NULL, "材料", doc_material_fields)
};
/* corrections_json(): what a 补正材料通知书 lists. */
static const struct field doc_correction_fields[] = {
	LINE("name", "材料名称", 1, 200),
	{ .name = "reason", .type = F_LINES, .min = 1, .max = CORRECT_CHARS,
	    .max_bytes = 4 * CORRECT_CHARS, .label = "补正原因" },
	END
};
static const struct field doc_correction_elem[] = {
	OBJECT(NULL, "补正材料", doc_correction_fields)
};
/* doc_make(): the fields a notice or decision shows (view_doc()). */
static const struct field doc_body_fields[] = {
	LINE("dept_name", "部门名称", 1, 100),
	LINE("applicant_name", "申请人姓名", 1, 50),
	LINE("item_name", "事项名称", 1, 200),
	SHAPED("app_no", "申请编号", S_APP_NO),
	SHAPED("received_at", "收件时间", S_MINUTE),
	SHAPED("submitted_at", "提交时间", S_MINUTE),
	INT("promised_days", "承诺办结时限", 0, DAYS_LIMIT),
	SHAPED("due_date", "办结期限", S_DATE),
	{ .name = "opinion", .type = F_LINES, .optional = 1,
	    .max = OPINION_CHARS, .max_bytes = 4 * OPINION_CHARS,
	    .label = "审批意见" },
	{ .name = "reason", .type = F_LINES, .optional = 1,
	    .max = OPINION_CHARS, .max_bytes = 4 * OPINION_CHARS,
	    .label = "理由" },
	/* A case an agent made (AGT-1): "某某（某某苏木）". */
	{ .name = "agent", .type = F_LINE, .optional = 1, .min = 1,
	    .max = 330, .label = "代办员" },
	/* A case applied for in an enterprise's name (ACC-1): the
	 * enterprise is the addressee, applicant_name its 经办人. */
	{ .name = "entity_name", .type = F_LINE, .optional = 1, .min = 2,
	    .max = 100, .label = "申请企业名称" },
	{ .name = "credit_code", .type = F_LINE, .optional = 1, .max = 18,
	    .shape = &S_CREDIT, .label = "申请企业统一社会信用代码" },
	/* A deputy signs with both names, "B（受 A 委托）" (INT-7). */
	LINE("signer", "签发人", 1, 120),
	{ .name = "extended_days", .type = F_INT, .optional = 1, .min = 1,
	    .max = EXTEND_DAYS, .label = "延长的工作日" },
	{ .name = "fee_kind", .type = F_LINE, .optional = 1, .min = 1,
	    .max = FEE_KIND_MAX, .label = "收费项目" },
	{ .name = "fee_amount", .type = F_INT, .optional = 1, .min = 0,
	    .max = FEE_FEN_MAX, .label = "收费金额（分）" },
	{ .name = "fee_days", .type = F_INT, .optional = 1, .min = 1,
	    .max = FEE_DAYS_MAX, .label = "缴费期限（工作日）" },
	{ .name = "fee_due", .type = F_LINE, .optional = 1, .max = 10,
	    .shape = &S_DATE, .label = "缴费截止日期" },
	ARRAY("materials", "材料", 0, MATERIALS_MAX, doc_material_elem),
	{ .name = "corrections", .type = F_ARRAY, .optional = 1, .min = 1,
	    .max = MATERIALS_MAX, .sub = doc_correction_elem,
	    .label = "补正材料" },
	{ .name = "scope", .type = F_LINE, .optional = 1, .min = 1,
	    .max = PERMIT_SCOPE, .max_bytes = 4 * PERMIT_SCOPE,
	    .label = "许可范围" },
	{ .name = "valid_until", .type = F_LINE, .optional = 1, .max = 10,
	    .shape = &S_DATE, .label = "有效期至" },
	{ .name = "procedure", .type = F_LINE, .optional = 1, .min = 1,
	    .max = 20, .choices = vocab_specials, .label = "特别程序" },
	{ .name = "expected_days", .type = F_INT, .optional = 1, .min = 1,
	    .max = SPECIAL_DAYS, .label = "特别程序预计工作日" },
	END
};
static const struct field doc_body[] = {
	OBJECT(NULL, "文书内容", doc_body_fields)
};
/* The seal of a sealed document (docseal_record()); whether it verifies
 * is the verification's to say, against the key this site holds. */
static const struct field doc_seal_fields[] = {
	SHAPED("dept", "盖章部门", S_DEPT_CODE),
	SHAPED("kid", "印章密钥", S_KID),
	SHAPED("sig", "签名", S_SIG),
	SHAPED("code", "校验码", S_CODE),
	END
};
static const struct field doc_fields[] = {
	SHAPED("kind", "文书种类", S_DOC_KIND),
	LINE("doc_no", "文书编号", 1, 60),
	LINE("title", "文书标题", 1, 100),
	{ .name = "body", .type = F_LINE, .min = 2, .max = DOC_BODY_BYTES,
	    .max_bytes = DOC_BODY_BYTES, .label = "文书内容" },
	SHAPED("issued_at", "签发时间", S_DATETIME),
	LINE("issued_by", "签发部门", 1, 100),
	{ .name = "seal", .type = F_OBJECT, .optional = 1,
	    .sub = doc_seal_fields, .label = "电子印章" },
	END
};
/* event_out(): what 补正 asks, for the applicant's form. */
static const struct field correction_fields[] = {
	INT("material_seq", "材料序号", 1, MATERIALS_MAX),
	LINE("material_name", "材料名称", 1, 200),
	{ .name = "reason", .type = F_LINES, .min = 1, .max = CORRECT_CHARS,
	    .max_bytes = 4 * CORRECT_CHARS, .label = "补正原因" },
	END
};
static const struct field correction_elem[] = {
	OBJECT(NULL, "补正材料", correction_fields)
};
/* event_out(): what the applicant's timeline shows. */
static const struct field event_fields[] = {
	CHOICE("type", "记录类型", type_event),
	SHAPED("app_no", "申请编号", S_APP_NO),
	INT("seq", "进度序号", 1, INT_COLUMN),
	SHAPED("at", "时间", S_DATETIME),
	LINE("label", "进度说明", 1, 60),
	LINE("actor", "办理部门", 1, 100),
	LINES("note", "理由", OPINION_CHARS, 4 * OPINION_CHARS),
	SHAPED("state", "办件状态", S_STATE),
	LINE("state_label", "办件状态说明", 1, 40),
	{ .name = "due_date", .type = F_LINE, .optional = 1, .max = 10,
	    .shape = &S_DATE, .label = "预计办结日期" },
	{ .name = "doc", .type = F_OBJECT, .optional = 1, .sub = doc_fields,
	    .label = "文书" },
	{ .name = "corrections", .type = F_ARRAY, .optional = 1, .min = 1,
	    .max = MATERIALS_MAX, .sub = correction_elem,
	    .label = "补正材料" },
	END
};

/* fee_out(): a case's fee as the applicant sees it (FEE-1, FEE-2). */
static const struct field fee_fields[] = {
	CHOICE("type", "记录类型", type_fee),
	SHAPED("app_no", "申请编号", S_APP_NO),
	LINE("kind", "收费项目", 1, FEE_KIND_MAX),
	INT("amount", "金额（分）", 0, FEE_FEN_MAX),
	SHAPED("due_date", "缴费期限", S_DATE),
	CHOICE("state", "缴费状态", fee_states),
	END
};

/* sms_out() (NTF-1): which message about which case, never a number or
 * a text: the extranet renders its own template (sms.h) and sends it to
 * the applicant's own registered mobile. */
static const struct field sms_fields[] = {
	CHOICE("type", "记录类型", type_sms),
	SHAPED("app_no", "申请编号", S_APP_NO),
	CHOICE("template", "短信模板", vocab_sms_templates),
	LINE("dept_name", "办理部门", 1, 100),
	INT("amount", "金额（分）", 0, FEE_FEN_MAX),
	LINE("due_date", "缴费期限", 0, 10),
	END
};

/* app_withdraw(): the applicant asks to withdraw (EXT-5). */
static const struct field withdraw_fields[] = {
	CHOICE("type", "记录类型", type_withdraw),
	SHAPED("app_no", "申请编号", S_APP_NO),
	SHAPED("at", "申请撤回时间", S_DATETIME),
	LINES("reason", "撤回理由", WITHDRAW_CHARS, 4 * WITHDRAW_CHARS),
	END
};

/* app_correct(): the corrected materials, once (EXT-4). */
static const struct field correct_fields[] = {
	CHOICE("type", "记录类型", type_correct),
	SHAPED("app_no", "申请编号", S_APP_NO),
	SHAPED("at", "提交时间", S_DATETIME),
	ARRAY("attachments", "补正材料", 1, MATERIALS_MAX, attachment_elem),
	ARRAY("files", "随附文件", 1, MATERIALS_MAX, sha_elem),
	END
};

/* cmp_file(): a complaint as the form (ext_complaint.c) takes it. */
static const struct field complainant_fields[] = {
	LINE("name", "投诉人姓名", 1, 50),
	SHAPED("id_number", "投诉人身份证号码", S_ID),
	END
};
static const struct field complaint_fields[] = {
	CHOICE("type", "记录类型", type_complaint),
	SHAPED("no", "投诉编号", S_CMP_NO),
	CHOICE("about", "投诉对象", cmp_abouts),
	SHAPED("app_no", "所涉申请编号", S_OPT_APP_NO),
	SHAPED("dept_code", "所涉部门编码", S_OPT_DEPT_CODE),
	LINE("dept_name", "所涉部门", 0, 100),
	LINE("person", "所涉工作人员", 0, CMP_PERSON),
	LINE("subject", "投诉事由", 1, CMP_SUBJECT),
	{ .name = "body", .type = F_LINES, .min = 1, .max = CMP_BODY,
	    .max_bytes = 4 * CMP_BODY, .label = "投诉内容" },
	OBJECT("complainant", "投诉人", complainant_fields),
	SHAPED("phone", "联系电话", S_CMP_PHONE),
	SHAPED("filed_at", "投诉时间", S_DATETIME),
	END
};

/* state_out(): where a complaint stands, with its reply. */
static const struct field cmp_state_fields[] = {
	CHOICE("type", "记录类型", type_cmp_state),
	SHAPED("no", "投诉编号", S_CMP_NO),
	INT("seq", "进度序号", 1, INT_COLUMN),
	CHOICE("state", "投诉状态", cmp_states),
	CHOICE("state_label", "投诉状态说明", cmp_state_labels),
	SHAPED("at", "时间", S_DATETIME),
	LINES("reply", "答复", CMP_REPLY, 4 * CMP_REPLY),
	SHAPED("due", "答复期限", S_OPT_DATE),
	END
};

/* msg_post(), msg_reply(): a message on an application as its form
 * (ext_message.c, int_case.c) takes it. */
#define MSG_BODY_FIELD \
	{ .name = "body", .type = F_LINES, .min = 1, .max = MSG_BODY, \
	    .max_bytes = 4 * MSG_BODY, .label = "留言内容" }
static const struct field message_fields[] = {
	CHOICE("type", "记录类型", type_message),
	SHAPED("no", "留言编号", S_MSG_ASK_NO),
	SHAPED("app_no", "申请编号", S_APP_NO),
	LINE("author", "留言人", 1, 50),
	MSG_BODY_FIELD,
	SHAPED("at", "留言时间", S_DATETIME),
	END
};
static const struct field msg_reply_fields[] = {
	CHOICE("type", "记录类型", type_msg_reply),
	SHAPED("no", "回复编号", S_MSG_REPLY_NO),
	SHAPED("app_no", "申请编号", S_APP_NO),
	LINE("author", "回复部门", 1, MSG_AUTHOR),
	MSG_BODY_FIELD,
	SHAPED("at", "回复时间", S_DATETIME),
	END
};

/* consult_ask(), consult_answer(), consult_publish() (EXT-7). */
static const struct field consult_fields[] = {
	CHOICE("type", "记录类型", type_consult),
	SHAPED("no", "咨询编号", S_CONSULT_NO),
	SHAPED("item_code", "事项编码", S_ITEM_CODE),
	INT("item_version", "事项版本", 1, INT_COLUMN),
	LINE("item_name", "事项名称", 1, 200),
	SHAPED("dept_code", "部门编码", S_DEPT_CODE),
	LINE("asker", "咨询人", 1, 50),
	{ .name = "question", .type = F_LINES, .min = 1, .max = CONSULT_Q,
	    .max_bytes = 4 * CONSULT_Q, .label = "咨询内容" },
	SHAPED("at", "咨询时间", S_DATETIME),
	END
};
#define CQ_ANSWER_FIELD \
	{ .name = "answer", .type = F_LINES, .min = 1, .max = CONSULT_A, \
	    .max_bytes = 4 * CONSULT_A, .label = "答复" }
static const struct field cq_answer_fields[] = {
	CHOICE("type", "记录类型", type_cq_answer),
	SHAPED("no", "咨询编号", S_CONSULT_NO),
	LINE("dept_name", "答复部门", 1, 100),
	CQ_ANSWER_FIELD,
	SHAPED("at", "答复时间", S_DATETIME),
	END
};
static const struct field faq_fields[] = {
	CHOICE("type", "记录类型", type_faq),
	SHAPED("no", "咨询编号", S_CONSULT_NO),
	SHAPED("item_code", "事项编码", S_ITEM_CODE),
	{ .name = "question", .type = F_LINES, .min = 1, .max = CONSULT_Q,
	    .max_bytes = 4 * CONSULT_Q, .label = "问题" },
	CQ_ANSWER_FIELD,
	CHOICE("state", "发布状态", faq_states),
	INT("seq", "变更序号", 1, INT_COLUMN),
	END
};

/* ---- the walk ------------------------------------------------------ */

/* Refuse at path (the field's label helps people); returns -1. */
static int
fail(struct rec_check *c, const char *path, const char *label,
    const char *why)
{
	c->field = label != NULL && *path != '\0' ? pool_printf(c->pool,
	    "%s（%s）", path, label) : path;
	c->why = why;
	return -1;
}

/* 1 when a name from a record may be repeated in a message as it is. */
static int
plain(const char *s)
{
	size_t	 n;

	for (n = 0; s[n] != '\0'; n++)
		if (n >= 40 || !((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' &&
		    s[n] <= '9') || s[n] == '_' || s[n] == '.'))
			return 0;
	return n > 0;
}

static const char *
join(struct rec_check *c, const char *path, const char *name)
{
	return *path == '\0' ? name : pool_printf(c->pool, "%s.%s", path,
	    name);
}

static int
walk(struct rec_check *c, json_t *v, const struct field *f, const char *path)
{
	const struct field	*m;
	const char		*key, *s;
	enum text_rc		 trc;
	json_t			*e;
	json_int_t		 n;
	size_t			 i;

	switch (f->type) {
	case F_LINE:
	case F_LINES:
		if (!json_is_string(v))
			return fail(c, path, f->label, "应为文字");
		s = json_string_value(v);
		trc = text_check(s, json_string_length(v), (size_t)f->min,
		    (size_t)f->max, f->max_bytes, f->type == F_LINES ?
		    TEXT_LINES : TEXT_LINE);
		if (trc == TEXT_LONG)
			return fail(c, path, f->label, pool_printf(c->pool,
			    "%s（最多 %lld 个字）", text_why(trc), f->max));
		if (trc != TEXT_OK)
			return fail(c, path, f->label, text_why(trc));
		if (f->choices != NULL && !vocab_in(f->choices, s))
			return fail(c, path, f->label, "不在允许的取值之列");
		if (f->shape != NULL && !(f->shape->ok != NULL ?
		    f->shape->ok(s) : f->shape->ok_on(s, c->today)))
			return fail(c, path, f->label, f->shape->why);
		return 0;
	case F_INT:
		if (!json_is_integer(v))
			return fail(c, path, f->label, "应为整数");
		n = json_integer_value(v);
		if (n < f->min || n > f->max)
			return fail(c, path, f->label, pool_printf(c->pool,
			    "应在 %lld 到 %lld 之间", f->min, f->max));
		return 0;
	case F_BOOL:
		if (!json_is_boolean(v))
			return fail(c, path, f->label, "应为 true 或 false");
		return 0;
	case F_OBJECT:
		if (!json_is_object(v))
			return fail(c, path, f->label, "应为 JSON 对象");
		for (m = f->sub; m->type != F_END; m++) {
			if ((e = json_object_get(v, m->name)) == NULL) {
				if (m->optional)
					continue;
				return fail(c, join(c, path, m->name),
				    m->label, "缺少这个字段");
			}
			if (walk(c, e, m, join(c, path, m->name)) == -1)
				return -1;
		}
		json_object_foreach(v, key, e) {
			for (m = f->sub; m->type != F_END; m++)
				if (strcmp(m->name, key) == 0)
					break;
			/* The key is the record's: copied, it outlives it. */
			if (m->type == F_END)
				return fail(c, join(c, path, plain(key) ?
				    pool_strdup(c->pool, key) : "（某个字段）"),
				    NULL, "不认识的字段");
		}
		return 0;
	case F_ARRAY:
		if (!json_is_array(v))
			return fail(c, path, f->label, "应为数组");
		if ((long long)json_array_size(v) < f->min ||
		    (long long)json_array_size(v) > f->max)
			return fail(c, path, f->label, pool_printf(c->pool,
			    "应有 %lld 到 %lld 项", f->min, f->max));
		json_array_foreach(v, i, e)
			if (walk(c, e, f->sub, pool_printf(c->pool, "%s[%zu]",
			    path, i)) == -1)
				return -1;
		return 0;
	case F_END:
		break;
	}
	return fail(c, path, NULL, "无法检查");
}

/* Walk rec as an object of the fields of table. */
static int
walk_record(struct rec_check *c, json_t *rec, const struct field *table)
{
	const struct field	 top = { .type = F_OBJECT, .sub = table };

	c->field = c->why = NULL;
	c->dberr = 0;
	return walk(c, rec, &top, "");
}

static const char *
str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/*
 * A file rec names at path: a member of this bundle, of size (when not
 * -1), of one of types by content when vetted.
 */
static int
need_file(struct rec_check *c, const char *sha, int64_t size,
    const char *const *types, const char *path)
{
	struct rec_file	*f;
	size_t		 i;

	for (i = 0; i < c->nmembers; i++)
		if (strcmp(c->members[i].sha256, sha) == 0)
			break;
	if (i == c->nmembers)
		return fail(c, path, NULL, "这个文件不在本数据包中");
	if (size >= 0 && (uint64_t)size != c->members[i].size)
		return fail(c, path, NULL, "记录所说的大小与数据包中的文件不同");
	if (c->members[i].size > c->max_file)
		return fail(c, path, NULL, "文件超过了允许的大小");
	c->members[i].named = 1;
	f = pool_push(c->pool, &c->files, &c->nfiles, &c->fcap, sizeof(*f));
	f->sha256 = c->members[i].sha256;
	f->size = c->members[i].size;
	f->types = types;
	f->recno = c->recno;
	return 0;
}

/*
 * The type an attachment's file must have by its content: the one its
 * record names (the CHOICE of files_material already checked it), so a
 * PDF recorded as a photo, or a photo as a PDF, is refused (EXT-1).
 */
static const char *const *
as_recorded(struct rec_check *c, json_t *att)
{
	const char	**t = pool_alloc(c->pool, 2 * sizeof(*t));

	/* The pool's copy: the record may be gone when the file is judged. */
	t[0] = pool_strdup(c->pool, str(att, "mime"));
	t[1] = NULL;
	return t;
}

/* The "files" list of rec is exactly the set of digests named[0..n). */
static int
files_match(struct rec_check *c, json_t *rec, const char **named, size_t n)
{
	json_t		*files = json_object_get(rec, "files"), *e;
	size_t		 i, j;

	json_array_foreach(files, i, e) {
		for (j = 0; j < n; j++)
			if (strcmp(named[j], json_string_value(e)) == 0)
				break;
		if (j == n)
			return fail(c, pool_printf(c->pool, "files[%zu]", i),
			    NULL, "记录没有用到这个文件");
	}
	for (j = 0; j < n; j++) {
		json_array_foreach(files, i, e)
			if (strcmp(named[j], json_string_value(e)) == 0)
				break;
		if (i == json_array_size(files))
			return fail(c, "files", NULL, pool_printf(c->pool,
			    "缺少记录用到的文件 %s", named[j]));
	}
	return 0;
}

/* ---- item ---------------------------------------------------------- */

/* The procedure of o (already walked) as a net, checked as publishing
 * checks it (FLOW-2). */
static int
item_procedure(struct rec_check *c, json_t *o)
{
	json_t			*proc, *steps, *e;
	struct wf_step		*ws;
	struct wf_edge		*we;
	struct wf_net		 net;
	struct wf_result	 res;
	size_t			 i, k, n = 0;
	const char		*home = str(o, "dept_code");
	static const char *const lists[] = { "flows", "returns" };

	proc = json_object_get(o, "procedure");
	steps = json_object_get(proc, "steps");
	ws = pool_alloc(c->pool, json_array_size(steps) * sizeof(*ws));
	json_array_foreach(steps, i, e) {
		ws[i].key = str(e, "key");
		ws[i].name = str(e, "name");
		ws[i].role = (unsigned)json_integer_value(json_object_get(e,
		    "role"));
		ws[i].dept = *str(e, "dept") != '\0' ? str(e, "dept") : home;
		ws[i].staffed = 1;
		if (!vocab_step_role(ws[i].role))
			return fail(c, pool_printf(c->pool,
			    "procedure.steps[%zu].role", i), "角色",
			    "应为窗口受理人员、承办人、科室负责人或分管领导之一");
	}
	for (k = 0; k < 2; k++)
		n += json_array_size(json_object_get(proc, lists[k]));
	if (n > WF_MAX_EDGES)
		return fail(c, "procedure", "办理流程", "流程连线太多");
	we = pool_alloc(c->pool, (n + 1) * sizeof(*we));
	for (n = 0, k = 0; k < 2; k++)
		json_array_foreach(json_object_get(proc, lists[k]), i, e) {
			we[n].from = json_string_value(json_array_get(e, 0));
			we[n].to = json_string_value(json_array_get(e, 1));
			we[n++].back = (int)k;
		}
	net.steps = ws;
	net.nsteps = json_array_size(steps);
	net.edges = we;
	net.nedges = n;
	if (wf_check(&net, WF_STATES, WF_MS, &res) != WF_SOUND)
		return fail(c, "procedure", "办理流程", pool_printf(c->pool,
		    "未通过检查：%s", res.reason));
	return 0;
}

int
rec_valid_item(struct rec_check *c, json_t *o)
{
	json_t		*mats, *m, *t, *u, *secret;
	const char	**named, *sha, *name;
	size_t		 i, j, k, n = 0;
	static const char *const keys[2][2] = { { "form", "form_sha" },
	    { "sample", "sample_sha" } };

	if (walk_record(c, o, item_fields) == -1)
		return -1;
	if (json_integer_value(json_object_get(o, "promised_days")) >
	    json_integer_value(json_object_get(o, "statutory_days")))
		return fail(c, "promised_days", "承诺办结时限",
		    "不能超过法定办结时限");
	if (json_is_false(json_object_get(o, "instant")) &&
	    json_integer_value(json_object_get(o, "promised_days")) == 0)
		return fail(c, "promised_days", "承诺办结时限",
		    "承诺件至少 1 个工作日");
	/* Secret items and D items never reach the extranet (CAT-1). */
	if ((secret = json_object_get(o, "secret")) != NULL &&
	    json_is_true(secret))
		return fail(c, "secret", "涉密", "涉密事项不能发往外网");
	json_array_foreach(json_object_get(o, "themes"), i, t)
		for (j = 0; j < i; j++)
			if (json_equal(t, json_array_get(json_object_get(o,
			    "themes"), j)))
				return fail(c, pool_printf(c->pool,
				    "themes[%zu]", i), "主题", "重复");
	mats = json_object_get(o, "materials");
	named = pool_alloc(c->pool, (2 * json_array_size(mats) + 1) *
	    sizeof(*named));
	json_array_foreach(mats, i, m) {
		name = str(m, "name");
		json_array_foreach(mats, j, u)
			if (j < i && strcmp(str(u, "name"), name) == 0)
				return fail(c, pool_printf(c->pool,
				    "materials[%zu].name", i), "材料名称",
				    "重复");
		/* The blank form and the sample travel with the item. */
		for (k = 0; k < 2; k++) {
			if (*(sha = str(m, keys[k][1])) == '\0')
				continue;
			if (*str(m, keys[k][0]) == '\0')
				return fail(c, pool_printf(c->pool,
				    "materials[%zu].%s", i, keys[k][0]), NULL,
				    "有文件而没有文件名");
			if (need_file(c, sha, -1, files_pdf, pool_printf(
			    c->pool, "materials[%zu].%s", i, keys[k][1])) ==
			    -1)
				return -1;
			named[n++] = sha;
		}
	}
	if (files_match(c, o, named, n) == -1)
		return -1;
	return item_procedure(c, o);
}

/* ---- application --------------------------------------------------- */

/*
 * The agent of an application o (walked): the consent is a form with its
 * file (a PDF of this bundle, added to named[*n]) or the resident's SMS
 * confirmation, with its time and number's hash and no file.  That the
 * agent is one of the intranet's and the resident lives in their area is
 * the import's to check (case_import_application()), where the agents
 * are.
 */
static int
proxy_valid(struct rec_check *c, json_t *o, json_t *agent,
    const char **named, size_t *n)
{
	json_t		*con = json_object_get(agent, "consent");
	const char	*kind = str(con, "kind"), *sha = str(con, "sha256");
	json_t		*size = json_object_get(con, "size");
	size_t		 i;

	(void)o;
	if (strcmp(kind, "form") == 0) {
		if (strcmp(str(con, "state"), "given") != 0 || sha == NULL ||
		    size == NULL || str(con, "file_name") == NULL ||
		    str(con, "at") != NULL || str(con, "mobile_hash") != NULL)
			return fail(c, "agent.consent", "居民授权",
			    "授权书须附扫描文件");
		if (need_file(c, sha, json_integer_value(size),
		    files_material, "agent.consent.sha256") == -1)
			return -1;
		for (i = 0; i < *n; i++)
			if (strcmp(named[i], sha) == 0)
				return 0;
		named[(*n)++] = sha;
		return 0;
	}
	if (strcmp(str(con, "state"), "confirmed") != 0 || sha != NULL ||
	    size != NULL || str(con, "file_name") != NULL ||
	    str(con, "at") == NULL || str(con, "mobile_hash") == NULL)
		return fail(c, "agent.consent", "居民授权",
		    "短信授权不附文件，须有居民确认的时间和手机号码摘要");
	return 0;
}

/*
 * The licences application o offers instead of files (免证办, DOC-2):
 * each for a material of item it that names a licence kind, a slot
 * without a file (seen counts the slots filled), and found by this site's
 * library valid on the day of submission, held by the applicant (the
 * enterprise, else the person).
 */
static int
licences_valid(struct rec_check *c, json_t *o, const struct item *it,
    int *seen)
{
	const struct material	*mat;
	json_t			*lics, *l, *ent;
	const char		*path, *why = NULL, *credit = NULL;
	size_t			 i, j;

	lics = json_object_get(o, "licences");
	if ((ent = json_object_get(o, "entity")) != NULL)
		credit = str(ent, "credit_code");
	json_array_foreach(lics, i, l) {
		path = pool_printf(c->pool, "licences[%zu]", i);
		for (j = 0, mat = NULL; j < it->nmaterials; j++)
			if (it->materials[j].seq == json_integer_value(
			    json_object_get(l, "material_seq")))
				mat = &it->materials[j];
		if (mat == NULL || mat->licence == NULL ||
		    *mat->licence == '\0')
			return fail(c, join(c, path, "material_seq"),
			    "材料序号", "这项材料不能用电子证照代替");
		if (seen[mat - it->materials]++)
			return fail(c, join(c, path, "material_seq"),
			    "材料序号", "同一项材料交了两次");
		if (strcmp(mat->name, str(l, "material_name")) != 0)
			return fail(c, join(c, path, "material_name"),
			    "材料名称", "与本站的材料名称不同");
		if (c->site->licence == NULL)
			return fail(c, join(c, path, "licence_no"), "证照编号",
			    "本站没有证照库，不能核验");
		switch (c->site->licence(c->site->arg, c->pool,
		    str(l, "licence_no"), mat->licence, credit,
		    str(json_object_get(o, "applicant"), "id_number"),
		    str(o, "submitted_at"), &why)) {
		case DB_OK:
			break;
		case DB_NONE:
			return fail(c, join(c, path, "licence_no"), "证照编号",
			    why != NULL ? why : "证照库核验不通过");
		default:
			c->dberr = 1;
			return fail(c, join(c, path, "licence_no"), NULL,
			    "查询证照库时数据库出错");
		}
	}
	return 0;
}

/* The item version o names (item_code, item_version), as this site has
 * it, published once: 0 with *it, or -1. */
static int
item_here(struct rec_check *c, json_t *o, struct item *it)
{
	memset(it, 0, sizeof(*it));
	switch (c->site->item(c->site->arg, c->pool, str(o, "item_code"),
	    (int)json_integer_value(json_object_get(o, "item_version")),
	    it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return fail(c, "item_code", "事项编码",
		    "本站没有这个事项的这个版本");
	default:
		c->dberr = 1;
		return fail(c, "item_code", NULL, "查询事项时数据库出错");
	}
	if (strcmp(it->status, "published") != 0 &&
	    strcmp(it->status, "retired") != 0)
		return fail(c, "item_version", "事项版本", "这个版本没有发布过");
	return 0;
}

static int	 app_here(struct rec_check *, json_t *);
static void	 app_brought(struct rec_check *, const char *);
static int	 bundle_valid(struct rec_check *, json_t *);

int
rec_valid_application(struct rec_check *c, json_t *o)
{
	struct item		 it;
	const struct material	*mat;
	json_t			*atts, *a, *agent;
	const char		**named, *path;
	size_t			 i, j;
	int			*seen;

	if (walk_record(c, o, application_fields) == -1)
		return -1;
	/* The item version the applicant applied for, as this site has it. */
	if (item_here(c, o, &it) == -1)
		return -1;
	if ((strcmp(it.depth, "A") != 0 && strcmp(it.depth, "B") != 0) ||
	    it.secret)
		return fail(c, "item_code", "事项编码", "这个事项不能网上申请");
	if (it.name == NULL || strcmp(it.name, str(o, "item_name")) != 0)
		return fail(c, "item_name", "事项名称", "与本站的事项名称不同");
	atts = json_object_get(o, "attachments");
	named = pool_alloc(c->pool, (json_array_size(atts) + 2) *
	    sizeof(*named));
	seen = pool_alloc(c->pool, (it.nmaterials + 1) * sizeof(*seen));
	json_array_foreach(atts, i, a) {
		path = pool_printf(c->pool, "attachments[%zu]", i);
		for (j = 0, mat = NULL; j < it.nmaterials; j++)
			if (it.materials[j].seq == json_integer_value(
			    json_object_get(a, "material_seq")))
				mat = &it.materials[j];
		if (mat == NULL)
			return fail(c, join(c, path, "material_seq"),
			    "材料序号", "不是这个事项的材料");
		if (seen[mat - it.materials]++)
			return fail(c, join(c, path, "material_seq"),
			    "材料序号", "同一项材料交了两次");
		if (strcmp(mat->name, str(a, "material_name")) != 0)
			return fail(c, join(c, path, "material_name"),
			    "材料名称", "与本站的材料名称不同");
		if (need_file(c, str(a, "sha256"), json_integer_value(
		    json_object_get(a, "size")), as_recorded(c, a), join(c,
		    path, "sha256")) == -1)
			return -1;
		named[i] = str(a, "sha256");
	}
	if (licences_valid(c, o, &it, seen) == -1)
		return -1;
	for (j = 0; j < it.nmaterials; j++)
		if (it.materials[j].required && !seen[j])
			return fail(c, "attachments", "附件", pool_printf(c->pool,
			    "缺少必交材料「%s」", it.materials[j].name));
	i = json_array_size(atts);
	if ((agent = json_object_get(o, "agent")) != NULL &&
	    proxy_valid(c, o, agent, named, &i) == -1)
		return -1;
	if (bundle_valid(c, o) == -1)
		return -1;
	if (files_match(c, o, named, i) == -1)
		return -1;
	/* A message or a withdrawal sent before it crossed follows it in
	 * this bundle and names it (EXT-7). */
	app_brought(c, str(o, "app_no"));
	return 0;
}

/*
 * The bundle an application names (EXT-12): numbered the same day as
 * the application, of a life event published on this site at that
 * version, whose items are exactly the bundle's, this item among them;
 * never made by an agent (the form is the applicant's own).
 */
static int
bundle_valid(struct rec_check *c, json_t *o)
{
	json_t		*b = json_object_get(o, "bundle"), *items, *v;
	char		**ev = NULL, *name = NULL;
	size_t		 nev = 0, i, j, mine = 0;
	const char	*code;

	if (b == NULL)
		return 0;
	if (strncmp(str(b, "no") + 2, str(o, "app_no") + 2, 8) != 0)
		return fail(c, "bundle.no", "一件事申请编号",
		    "与申请编号不是同一天的");
	if (json_object_get(o, "agent") != NULL)
		return fail(c, "bundle", "一件事", "代办员不能申请一件事");
	if (c->site->event == NULL)
		return fail(c, "bundle", "一件事", "本站不接受一件事的申请");
	switch (c->site->event(c->site->arg, c->pool, str(b, "event_code"),
	    (int)json_integer_value(json_object_get(b, "event_version")),
	    &name, &ev, &nev)) {
	case DB_OK:
		break;
	case DB_NONE:
		return fail(c, "bundle.event_code", "一件事编码",
		    "本站没有这个一件事的这个已发布版本");
	default:
		c->dberr = 1;
		return fail(c, "bundle", NULL, "查询一件事时数据库出错");
	}
	if (strcmp(name, str(b, "event_name")) != 0)
		return fail(c, "bundle.event_name", "一件事名称",
		    "与本站的一件事名称不同");
	items = json_object_get(b, "items");
	if (json_array_size(items) != nev)
		return fail(c, "bundle.items", "一件事的事项",
		    "与本站一件事的事项不同");
	json_array_foreach(items, i, v) {
		code = json_string_value(v);
		for (j = 0; j < nev && strcmp(ev[j], code) != 0; j++)
			;
		if (j == nev)
			return fail(c, pool_printf(c->pool, "bundle.items[%zu]",
			    i), "事项编码", "不是这个一件事的事项");
		for (j = 0; j < i; j++)
			if (strcmp(json_string_value(json_array_get(items, j)),
			    code) == 0)
				return fail(c, pool_printf(c->pool,
				    "bundle.items[%zu]", i), "事项编码",
				    "同一事项列了两次");
		mine += strcmp(code, str(o, "item_code")) == 0;
	}
	if (mine != 1)
		return fail(c, "item_code", "事项编码",
		    "不是所属一件事的事项");
	return 0;
}

/* ---- event (EXT-12) ------------------------------------------------ */

int
rec_valid_event(struct rec_check *c, json_t *o)
{
	json_t		*items, *a;
	size_t		 i, j;

	if (walk_record(c, o, life_event_fields) == -1)
		return -1;
	items = json_object_get(o, "items");
	json_array_foreach(items, i, a)
		for (j = 0; j < i; j++)
			if (strcmp(str(a, "code"), str(json_array_get(items,
			    j), "code")) == 0)
				return fail(c, pool_printf(c->pool,
				    "items[%zu].code", i), "事项编码",
				    "同一事项列了两次");
	return 0;
}

/* ---- case.event ---------------------------------------------------- */


int
rec_valid_case_event(struct rec_check *c, json_t *o)
{
	const struct vocab_doc	*dk;
	json_t			*doc, *body, *list, *e;
	json_error_t		 jerr;
	const char		*kind, *text, *other;
	size_t			 i, j;
	int			 rc;

	if (walk_record(c, o, event_fields) == -1)
		return -1;
	if (strcmp(vocab_state_label(str(o, "state")),
	    str(o, "state_label")) != 0)
		return fail(c, "state_label", "办件状态说明",
		    "与办件状态不符");
	/* 补正 lists each material once, and only with its state. */
	list = json_object_get(o, "corrections");
	if ((list != NULL) != (strcmp(str(o, "state"), "correcting") == 0))
		return fail(c, "corrections", "补正材料",
		    "只有“需补正材料”的进度记录列出补正材料");
	json_array_foreach(list, i, e)
		for (j = 0; j < i; j++)
			if (json_integer_value(json_object_get(e,
			    "material_seq")) == json_integer_value(
			    json_object_get(json_array_get(list, j),
			    "material_seq")))
				return fail(c, pool_printf(c->pool,
				    "corrections[%zu].material_seq", i),
				    "材料序号", "同一项材料列了两次");
	if (app_here(c, o) == -1)
		return -1;
	if ((doc = json_object_get(o, "doc")) == NULL)
		return 0;
	kind = str(doc, "kind");
	dk = vocab_doc_kind(kind);
	if (strcmp(dk->title, str(doc, "title")) != 0)
		return fail(c, "doc.title", "文书标题", "与文书种类不符");
	/* The body is JSON in a string: its fields are checked too. */
	if ((body = json_loads(str(doc, "body"), JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return fail(c, "doc.body", "文书内容", "不是有效的 JSON");
	rc = walk(c, body, doc_body, "doc.body");
	/* A decision to grant states an opinion, any other a reason. */
	text = strcmp(kind, "approve") == 0 ? "opinion" : "reason";
	other = strcmp(kind, "approve") == 0 ? "reason" : "opinion";
	if (rc == 0 && strcmp(str(body, "app_no"), str(o, "app_no")) != 0)
		rc = fail(c, "doc.body.app_no", "申请编号",
		    "与进度记录的申请编号不同");
	if (rc == 0 && (json_object_get(body, text) == NULL ||
	    json_object_get(body, other) != NULL))
		rc = fail(c, pool_printf(c->pool, "doc.body.%s", text),
		    NULL, "这种文书应写明这一项，而不是另一项");
	if (rc == 0 && (json_object_get(body, "corrections") != NULL) !=
	    (strcmp(kind, "correct") == 0))
		rc = fail(c, "doc.body.corrections", "补正材料",
		    "只有补正材料通知书列出补正材料");
	if (rc == 0 && ((json_object_get(body, "procedure") != NULL) !=
	    (strcmp(kind, "special") == 0) || (json_object_get(body,
	    "expected_days") != NULL) != (strcmp(kind, "special") == 0)))
		rc = fail(c, "doc.body.procedure", "特别程序",
		    "只有特别程序告知书写明特别程序及其时间");
	if (rc == 0 && strcmp(kind, "approve") != 0 &&
	    (json_object_get(body, "scope") != NULL ||
	    json_object_get(body, "valid_until") != NULL))
		rc = fail(c, "doc.body.scope", "许可范围",
		    "只有准予行政许可决定书写明许可范围和有效期");
	json_decref(body);
	return rc;
}

/* ---- application.withdraw -------------------------------------------- */

int
rec_valid_withdraw(struct rec_check *c, json_t *o)
{
	if (walk_record(c, o, withdraw_fields) == -1)
		return -1;
	return app_here(c, o);
}

/* ---- application.correct ------------------------------------------- */

int
rec_valid_correct(struct rec_check *c, json_t *o)
{
	const char	**named;
	json_t		*atts, *a;
	size_t		 i, j;

	if (walk_record(c, o, correct_fields) == -1)
		return -1;
	switch (c->site->app(c->site->arg, c->pool, str(o, "app_no"))) {
	case DB_OK:
		break;
	case DB_NONE:
		return fail(c, "app_no", "申请编号", "本站没有这个申请的办件");
	default:
		c->dberr = 1;
		return fail(c, "app_no", NULL, "查询办件时数据库出错");
	}
	/* Which materials the case asked for is the import's to check
	 * (case_import_correction()); each once, each file here. */
	atts = json_object_get(o, "attachments");
	named = pool_alloc(c->pool, (json_array_size(atts) + 1) *
	    sizeof(*named));
	json_array_foreach(atts, i, a) {
		for (j = 0; j < i; j++)
			if (json_integer_value(json_object_get(a,
			    "material_seq")) == json_integer_value(
			    json_object_get(json_array_get(atts, j),
			    "material_seq")))
				return fail(c, pool_printf(c->pool,
				    "attachments[%zu].material_seq", i),
				    "材料序号", "同一项材料交了两次");
		if (need_file(c, str(a, "sha256"), json_integer_value(
		    json_object_get(a, "size")), as_recorded(c, a),
		    pool_printf(c->pool, "attachments[%zu].sha256", i)) ==
		    -1)
			return -1;
		named[i] = str(a, "sha256");
	}
	return files_match(c, o, named, json_array_size(atts));
}

/* ---- case.fee ------------------------------------------------------ */

/* The application o names (app_no) is one of this site's, or one a
 * record before it in this bundle brings: an application (EXT-7) or a
 * case.window (INT-1). */
static int
app_here(struct rec_check *c, json_t *o)
{
	size_t	 i;

	for (i = 0; i < c->napps; i++)
		if (strcmp(c->apps[i], str(o, "app_no")) == 0)
			return 0;
	switch (c->site->app(c->site->arg, c->pool, str(o, "app_no"))) {
	case DB_OK:
		return 0;
	case DB_NONE:
		return fail(c, "app_no", "申请编号", "本站没有这个申请");
	default:
		c->dberr = 1;
		return fail(c, "app_no", NULL, "查询申请时数据库出错");
	}
}

/* The application no, which a record found good brings: the records
 * after it in this bundle may name it (app_here). */
static void
app_brought(struct rec_check *c, const char *no)
{
	*(const char **)pool_push(c->pool, &c->apps, &c->napps, &c->appcap,
	    sizeof(*c->apps)) = pool_strdup(c->pool, no);
}

int
rec_valid_case_fee(struct rec_check *c, json_t *o)
{
	if (walk_record(c, o, fee_fields) == -1)
		return -1;
	return app_here(c, o);
}

/* ---- sms.send (NTF-1) ---------------------------------------------- */

int
rec_valid_sms_send(struct rec_check *c, json_t *o)
{
	const char	*due;
	int		 fee;

	if (walk_record(c, o, sms_fields) == -1)
		return -1;
	/* A fee notice says how much and by when; no other message does. */
	fee = strcmp(str(o, "template"), "fee") == 0;
	due = str(o, "due_date");
	if (fee && !date_ok(due))
		return fail(c, "due_date", "缴费期限", S_DATE.why);
	if (!fee && *due != '\0')
		return fail(c, "due_date", "缴费期限", "只有缴费通知写缴费期限");
	if (fee != (json_integer_value(json_object_get(o, "amount")) > 0))
		return fail(c, "amount", "金额（分）", fee ?
		    "缴费通知的金额应大于 0" : "只有缴费通知写金额");
	return app_here(c, o);
}

/* ---- complaint, complaint.state (SUP-5) ---------------------------- */

int
rec_valid_complaint(struct rec_check *c, json_t *o)
{
	const char	*about, *app, *code, *dname, *person;

	if (walk_record(c, o, complaint_fields) == -1)
		return -1;
	about = str(o, "about");
	app = str(o, "app_no");
	code = str(o, "dept_code");
	dname = str(o, "dept_name");
	person = str(o, "person");
	/* What the form asks for each kind, and nothing else. */
	if ((*code == '\0') != (*dname == '\0'))
		return fail(c, "dept_name", "所涉部门",
		    "部门编码和名称应同时填写或同时为空");
	if (strcmp(about, "case") == 0) {
		if (*app == '\0')
			return fail(c, "app_no", "所涉申请编号",
			    "投诉办件须写明申请编号");
		if (*code != '\0' || *person != '\0')
			return fail(c, "about", "投诉对象",
			    "投诉办件时不写部门或工作人员");
	} else if (*app != '\0')
		return fail(c, "app_no", "所涉申请编号",
		    "只有投诉办件时写申请编号");
	if (strcmp(about, "dept") == 0 && (*code == '\0' || *person != '\0'))
		return fail(c, "dept_code", "所涉部门编码",
		    "投诉部门须写明部门，不写工作人员");
	if (strcmp(about, "person") == 0 && *person == '\0')
		return fail(c, "person", "所涉工作人员",
		    "投诉工作人员须写明是谁");
	if (*app == '\0')
		return 0;
	switch (c->site->app(c->site->arg, c->pool, app)) {
	case DB_OK:
		return 0;
	case DB_NONE:
		return fail(c, "app_no", "所涉申请编号",
		    "本站没有这个申请的办件");
	default:
		c->dberr = 1;
		return fail(c, "app_no", NULL, "查询办件时数据库出错");
	}
}

int
rec_valid_complaint_state(struct rec_check *c, json_t *o)
{
	const char	*state, *reply;
	size_t		 i;

	if (walk_record(c, o, cmp_state_fields) == -1)
		return -1;
	state = str(o, "state");
	reply = str(o, "reply");
	for (i = 0; cmp_states[i] != NULL; i++)
		if (strcmp(cmp_states[i], state) == 0)
			break;
	if (strcmp(cmp_state_labels[i], str(o, "state_label")) != 0)
		return fail(c, "state_label", "投诉状态说明",
		    "与投诉状态不符");
	/* A reply exactly once it is replied. */
	if ((*reply != '\0') != (strcmp(state, "replied") == 0 ||
	    strcmp(state, "closed") == 0))
		return fail(c, "reply", "答复",
		    "只有已答复、已办结的投诉带有答复，且必须带有");
	if (c->site->complaint == NULL)
		return fail(c, "no", "投诉编号", "本站没有这件投诉");
	switch (c->site->complaint(c->site->arg, c->pool, str(o, "no"))) {
	case DB_OK:
		return 0;
	case DB_NONE:
		return fail(c, "no", "投诉编号", "本站没有这件投诉");
	default:
		c->dberr = 1;
		return fail(c, "no", NULL, "查询投诉时数据库出错");
	}
}

/* ---- ratings (EXT-8; issue #11) ------------------------------------ */

/* The limits and reasons of rating.h (RT_*, rt_reasons), repeated so the
 * validators link without the domain. */
#define RT_COMMENT	500
#define RT_RESULT	1000
#define RT_POOR_LEVEL	2

static const char *const type_rating[] = { "rating", NULL };
/* rating.h RT_RATER_*: the applicant, or the agent for them. */
static const char *const rt_raters[] = { "applicant", "agent", NULL };
static const char *const type_rt_state[] = { "rating.state", NULL };
static const char *const rt_reason_codes[] = { "attitude", "slow",
    "visits", "guide", "online", "other", NULL };
/* The stages of a follow-up in order (its seq is the place + 1), each
 * with the words the rater reads. */
static const char *const rt_states[] = { "visit", "fix", "done", NULL };
static const char *const rt_state_labels[] = { "已转审批部门，等待回访",
    "已回访，正在整改", "已整改", NULL };

static const struct field rt_reason_elem[] = {
	CHOICE(NULL, "差评原因", rt_reason_codes)
};
/* rt_rate(): a rating as the form on /app takes it. */
static const struct field rating_fields[] = {
	CHOICE("type", "记录类型", type_rating),
	SHAPED("app_no", "申请编号", S_APP_NO),
	INT("round", "评价次数", 1, 2),
	INT("level", "评价等级", 1, 5),
	ARRAY("reasons", "差评原因", 0, 6, rt_reason_elem),
	LINES("comment", "评价意见", RT_COMMENT, 4 * RT_COMMENT),
	SHAPED("rated_at", "评价时间", S_DATETIME),
	CHOICE("rater", "评价人", rt_raters),
	END
};
/* state_out(): where the follow-up of a poor first rating stands. */
static const struct field rt_state_fields[] = {
	CHOICE("type", "记录类型", type_rt_state),
	SHAPED("app_no", "申请编号", S_APP_NO),
	INT("round", "评价次数", 1, 1),
	INT("seq", "进度序号", 1, 3),
	CHOICE("state", "整改状态", rt_states),
	CHOICE("state_label", "整改状态说明", rt_state_labels),
	LINES("result", "整改结果", RT_RESULT, 4 * RT_RESULT),
	SHAPED("visit_due", "回访期限", S_DATE),
	SHAPED("fix_due", "整改期限", S_DATE),
	END
};

int
rec_valid_rating(struct rec_check *c, json_t *o)
{
	json_t		*jr;
	size_t		 i, j, n;
	int		 other = 0;

	if (walk_record(c, o, rating_fields) == -1)
		return -1;
	jr = json_object_get(o, "reasons");
	n = json_array_size(jr);
	/* Reasons exactly for a poor rating, each once. */
	if ((n > 0) != (json_integer_value(json_object_get(o, "level")) <=
	    RT_POOR_LEVEL))
		return fail(c, "reasons", "差评原因",
		    "不满意、非常不满意须勾选原因，其他等级不带原因");
	for (i = 0; i < n; i++) {
		const char *a = json_string_value(json_array_get(jr, i));

		other |= strcmp(a, "other") == 0;
		for (j = 0; j < i; j++)
			if (strcmp(a, json_string_value(json_array_get(jr,
			    j))) == 0)
				return fail(c, "reasons", "差评原因",
				    "同一原因只能出现一次");
	}
	if (other && *str(o, "comment") == '\0')
		return fail(c, "comment", "评价意见",
		    "勾选“其他”原因时须写明意见");
	return app_here(c, o);
}

int
rec_valid_rating_state(struct rec_check *c, json_t *o)
{
	const char	*state, *result;
	size_t		 i;

	if (walk_record(c, o, rt_state_fields) == -1)
		return -1;
	state = str(o, "state");
	result = str(o, "result");
	for (i = 0; rt_states[i] != NULL; i++)
		if (strcmp(rt_states[i], state) == 0)
			break;
	if (strcmp(rt_state_labels[i], str(o, "state_label")) != 0)
		return fail(c, "state_label", "整改状态说明", "与整改状态不符");
	if (json_integer_value(json_object_get(o, "seq")) != (json_int_t)i + 1)
		return fail(c, "seq", "进度序号", "与整改状态不符");
	/* A result exactly once it is done. */
	if ((*result != '\0') != (strcmp(state, "done") == 0))
		return fail(c, "result", "整改结果",
		    "只有已整改的差评带有整改结果，且必须带有");
	if (strcmp(str(o, "visit_due"), str(o, "fix_due")) > 0)
		return fail(c, "fix_due", "整改期限", "不能早于回访期限");
	return app_here(c, o);
}

/* ---- message, message.reply (EXT-7) ------------------------------- */

/* Each field as its form takes it, about an application of this site. */
static int
message_here(struct rec_check *c, json_t *o, const struct field *fields)
{
	return walk_record(c, o, fields) == -1 ? -1 : app_here(c, o);
}

int
rec_valid_message(struct rec_check *c, json_t *o)
{
	return message_here(c, o, message_fields);
}

int
rec_valid_message_reply(struct rec_check *c, json_t *o)
{
	return message_here(c, o, msg_reply_fields);
}

/* ---- consult, consult.answer, faq (EXT-7) -------------------------- */

int
rec_valid_consult(struct rec_check *c, json_t *o)
{
	struct item	 it;

	if (walk_record(c, o, consult_fields) == -1)
		return -1;
	/* An item version this site has, named and owned as here. */
	memset(&it, 0, sizeof(it));
	switch (c->site->item(c->site->arg, c->pool, str(o, "item_code"),
	    (int)json_integer_value(json_object_get(o, "item_version")),
	    &it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return fail(c, "item_code", "事项编码",
		    "本站没有这个事项的这个版本");
	default:
		c->dberr = 1;
		return fail(c, "item_code", NULL, "查询事项时数据库出错");
	}
	if (it.name == NULL || strcmp(it.name, str(o, "item_name")) != 0)
		return fail(c, "item_name", "事项名称", "与本站的事项不符");
	if (it.dept_code == NULL ||
	    strcmp(it.dept_code, str(o, "dept_code")) != 0)
		return fail(c, "dept_code", "部门编码", "与本站的事项不符");
	return 0;
}

/* A question asked on this site (the other's answer or FAQ names it). */
static int
consult_here(struct rec_check *c, json_t *o, const struct field *fields)
{
	if (walk_record(c, o, fields) == -1)
		return -1;
	if (c->site->consult == NULL)
		return fail(c, "no", "咨询编号", "本站没有这条咨询");
	switch (c->site->consult(c->site->arg, c->pool, str(o, "no"))) {
	case DB_OK:
		return 0;
	case DB_NONE:
		return fail(c, "no", "咨询编号", "本站没有这条咨询");
	default:
		c->dberr = 1;
		return fail(c, "no", NULL, "查询咨询时数据库出错");
	}
}

int
rec_valid_consult_answer(struct rec_check *c, json_t *o)
{
	return consult_here(c, o, cq_answer_fields);
}

int
rec_valid_faq(struct rec_check *c, json_t *o)
{
	return consult_here(c, o, faq_fields);
}

/* ---- anchor -------------------------------------------------------- */

int
rec_valid_anchor(struct rec_check *c, json_t *o)
{
	const char	*why;

	c->field = c->why = NULL;
	why = "本站无法核对锚点";
	if (c->site->anchor != NULL && c->site->anchor(c->site->arg, c->pool,
	    o, &why) == 0)
		return 0;
	c->field = "";
	c->why = why;
	return -1;
}

/* ---- publication (PUB-1, PUB-2; issue #8) ------------------------- */

/* publish.h's limits, for the records that carry them. */
#define PUB_TITLE_CHARS		100
#define PUB_BODY_CHARS		20000
#define PUB_ITEMS		20
#define PUB_DAYS		5	/* PUB_RESULT_DAYS */

static const char *const type_pub_result[] = { "pub.result", NULL };
static const char *const type_pub_hall[] = { "pub.hall", NULL };
static const char *const type_pub_news[] = { "pub.news", NULL };
static const char *const type_pub_withdraw[] = { "pub.news.withdraw",
    NULL };
static const char *const pub_decisions[] = { "approved", "denied", NULL };
static const char *const pub_kinds[] = { "news", "notice", "policy", NULL };

static const struct shape S_PUB_ITEM_CODE = { item_code_ok,
    "应为 3 到 40 个英文字母、数字或 -" };

/* pub_result_queue(): a decided case's result, personal data masked. */
static const struct field pub_result_fields[] = {
	CHOICE("type", "记录类型", type_pub_result),
	INT("id", "公示序号", 1, INT_COLUMN),
	BOOL("private", "涉及隐私的事项"),
	SHAPED("item_code", "事项编码", S_OPT_ITEM_CODE),
	LINE("item_name", "事项名称", 0, 200),
	SHAPED("dept_code", "部门编码", S_DEPT_CODE),
	LINE("dept_name", "部门名称", 1, 100),
	SHAPED("hall_code", "服务大厅编码", S_OPT_DEPT_CODE),
	CHOICE("decision", "办理结果", pub_decisions),
	SHAPED("decided_on", "决定日期", S_DATE),
	SHAPED("due_on", "公示期限", S_DATE),
	LINE("doc_no", "决定书文号", 0, 60),
	LINE("applicant", "申请人（已遮盖）", 0, 3),
	END
};

/* pub_hall_send(): a hall's numbers of the day. */
static const struct field pub_hall_fields[] = {
	CHOICE("type", "记录类型", type_pub_hall),
	SHAPED("hall_code", "服务大厅编码", S_DEPT_CODE),
	LINE("hall_name", "服务大厅名称", 1, 100),
	SHAPED("day", "日期", S_DATE),
	SHAPED("as_of", "统计时间", S_DATETIME),
	INT("received", "今日收件", 0, INT_COLUMN),
	INT("decided", "今日办结", 0, INT_COLUMN),
	INT("in_progress", "在办", 0, INT_COLUMN),
	END
};

static const struct field pub_item_elem[] = {
	SHAPED(NULL, "关联事项编码", S_PUB_ITEM_CODE)
};
/* pub_news_move() "publish": an announcement (CAT-5: a policy text names
 * the items it governs). */
static const struct field pub_news_fields[] = {
	CHOICE("type", "记录类型", type_pub_news),
	INT("id", "稿件序号", 1, INT_COLUMN),
	CHOICE("kind", "栏目", pub_kinds),
	LINE("title", "标题", 1, PUB_TITLE_CHARS),
	{ .name = "body", .type = F_LINES, .min = 1, .max = PUB_BODY_CHARS,
	    .max_bytes = 65535, .label = "正文" },
	LINE("dept_name", "发布部门", 1, 100),
	SHAPED("published_at", "发布时间", S_DATETIME),
	ARRAY("items", "关联事项", 0, PUB_ITEMS, pub_item_elem),
	END
};

/* pub_news_move() "withdraw". */
static const struct field pub_withdraw_fields[] = {
	CHOICE("type", "记录类型", type_pub_withdraw),
	INT("id", "稿件序号", 1, INT_COLUMN),
	END
};

static const char *const type_pub_agents[] = { "pub.agents", NULL };
static const struct field pub_agent_fields[] = {
	LINE("name", "代办员", 1, 50),
	LINE("area", "服务区域", 1, 100),
	INT("cases", "代办件", 0, INT_COLUMN),
	INT("decided", "已办结", 0, INT_COLUMN),
	END
};
static const struct field pub_agent_elem[] = {
	OBJECT(NULL, "代办员", pub_agent_fields)
};
/* pub_agents_send(): the agent points' numbers (AGT-2). */
static const struct field pub_agents_fields[] = {
	CHOICE("type", "记录类型", type_pub_agents),
	SHAPED("as_of", "统计时间", S_DATETIME),
	ARRAY("agents", "代办员", 0, 500, pub_agent_elem),
	END
};

/* Days since 1970-01-01 of "YYYY-MM-DD" (already a valid date). */
static long
day_number(const char *s)
{
	long	 y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2), era;
	long	 yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* A masked name: one character that is not '*' and "**" (张**). */
static int
masked_ok(const char *s)
{
	uint32_t	 cp;
	size_t		 n;

	if ((n = utf8_decode(s, strlen(s), &cp)) == 0 || cp == '*' ||
	    cp < 0x20)
		return 0;
	return strcmp(s + n, "**") == 0;
}

int
rec_valid_pub_result(struct rec_check *c, json_t *o)
{
	int	 priv;

	if (walk_record(c, o, pub_result_fields) == -1)
		return -1;
	if (day_number(str(o, "due_on")) != day_number(str(o,
	    "decided_on")) + PUB_DAYS)
		return fail(c, "due_on", "公示期限",
		    "应为决定日期后第 5 日（第二十一条）");
	priv = json_is_true(json_object_get(o, "private"));
	/* Private items are counted, never named (PUB-1). */
	if (priv && (*str(o, "item_code") != '\0' ||
	    *str(o, "item_name") != '\0' || *str(o, "doc_no") != '\0' ||
	    *str(o, "applicant") != '\0'))
		return fail(c, "private", "涉及隐私的事项",
		    "只公示件数，不能带有事项、文号或申请人");
	if (!priv && (*str(o, "item_code") == '\0' ||
	    *str(o, "item_name") == '\0'))
		return fail(c, "item_code", "事项编码", "应写明事项");
	if (!priv && !masked_ok(str(o, "applicant")))
		return fail(c, "applicant", "申请人（已遮盖）",
		    "应为姓名的第一个字和 **，不能公示全名");
	return 0;
}

int
rec_valid_pub_hall(struct rec_check *c, json_t *o)
{
	if (walk_record(c, o, pub_hall_fields) == -1)
		return -1;
	if (strncmp(str(o, "as_of"), str(o, "day"), 10) != 0)
		return fail(c, "as_of", "统计时间", "应在所统计的那一天");
	return 0;
}

int
rec_valid_pub_news(struct rec_check *c, json_t *o)
{
	json_t	*items, *e;
	size_t	 i, j;

	if (walk_record(c, o, pub_news_fields) == -1)
		return -1;
	items = json_object_get(o, "items");
	if (json_array_size(items) > 0 && strcmp(str(o, "kind"),
	    "policy") != 0)
		return fail(c, "items", "关联事项", "只有政策法规关联事项");
	json_array_foreach(items, i, e)
		for (j = 0; j < i; j++)
			if (json_equal(e, json_array_get(items, j)))
				return fail(c, pool_printf(c->pool,
				    "items[%zu]", i), "关联事项编码", "重复");
	return 0;
}

int
rec_valid_pub_withdraw(struct rec_check *c, json_t *o)
{
	return walk_record(c, o, pub_withdraw_fields);
}

/* ---- gap.aside (GAP-5) --------------------------------------------- */

static const char *const type_gap_aside[] = { "gap.aside", NULL };
static const char *const gap_dirs[] = { "ext2int", "int2ext", NULL };
static const char *const aside_states[] = { "aside", "retried_ok",
    "discarded", NULL };
/* Every kind of record that crosses (gap.c's table), the one it names. */
static const char *const record_types[] = { "item", "application",
    "case.event", "application.withdraw", "application.correct",
    "case.fee", "anchor", "pub.result", "pub.hall", "pub.news",
    "pub.news.withdraw", "pub.agents", "complaint", "complaint.state",
    "gap.aside", "gap.alert", "agent.account", "seal.key", "sms.send",
    "licence.issue", "licence.revoke",
    "account.claim", "account.claim.result",
    "rating", "rating.state", "case.window",
    "agency.progress",
    "booking.window", "booking", "booking.state",
    "application.delivery", "case.delivery",
    "message", "message.reply", "consult", "consult.answer", "faq",
    "event",
    NULL };
#define ASIDE_CHARS	200	/* aside.h ASIDE_REASON_MAX */

static const struct field gap_aside_fields[] = {
	CHOICE("type", "记录类型", type_gap_aside),
	CHOICE("dir", "数据包方向", gap_dirs),
	INT("epoch", "纪元", 1, INT_COLUMN),
	INT("seq", "数据包序号", 1, INT64_MAX),
	INT("recno", "记录序号", 1, INT_COLUMN),
	CHOICE("kind", "被搁置记录的类型", record_types),
	CHOICE("state", "处理状态", aside_states),
	LINE("reason", "原因", 1, ASIDE_CHARS),
	SHAPED("at", "时间", S_DATETIME),
	END
};

int
rec_valid_gap_aside(struct rec_check *c, json_t *o)
{
	if (walk_record(c, o, gap_aside_fields) == -1)
		return -1;
	if (c->out_dir != NULL && strcmp(str(o, "dir"), c->out_dir) != 0)
		return fail(c, "dir", "数据包方向", "不是本站发出的数据包的方向");
	return 0;
}

/* ---- gap.alert (GAP-6) --------------------------------------------- */

static const char *const type_gap_alert[] = { "gap.alert", NULL };

/* The kind is one the gap raises on refusing a bundle (gap.c, alert():
 * gap.record, gap.file, gap.epoch, gap.chain today), checked by its
 * form, not a list: a kind added there must not make the other site
 * refuse the bundle that reports it. */
static const struct field gap_alert_fields[] = {
	CHOICE("type", "记录类型", type_gap_alert),
	LINE("kind", "警告类型", 5, 40),
	LINE("object", "数据包", 9, 60),
	LINES("message", "说明", 2000, 8000),
	LINE("operator", "摆渡员", 1, 100),
	END
};

int
rec_valid_gap_alert(struct rec_check *c, json_t *o)
{
	const char	*obj;
	size_t		 n;

	if (walk_record(c, o, gap_alert_fields) == -1)
		return -1;
	if (strncmp(str(o, "kind"), "gap.", 4) != 0 ||
	    strspn(str(o, "kind"), "abcdefghijklmnopqrstuvwxyz.") !=
	    strlen(str(o, "kind")))
		return fail(c, "kind", "警告类型", "不是摆渡的警告类型");
	/* DIR/EPOCH or DIR/EPOCH/SEQ, of a bundle this site sent. */
	obj = str(o, "object");
	n = strcspn(obj, "/");
	if ((c->out_dir != NULL ? strlen(c->out_dir) != n ||
	    strncmp(obj, c->out_dir, n) != 0 : (n != 7 ||
	    (strncmp(obj, "ext2int", 7) != 0 &&
	    strncmp(obj, "int2ext", 7) != 0))) ||
	    obj[n] != '/' || strspn(obj + n + 1, "0123456789/") !=
	    strlen(obj + n + 1) || obj[n + 1] == '/' ||
	    strstr(obj, "//") != NULL || obj[strlen(obj) - 1] == '/')
		return fail(c, "object", "数据包", "不是本站发出的数据包");
	return 0;
}

int
rec_valid_pub_agents(struct rec_check *c, json_t *o)
{
	json_t	*e;
	size_t	 i;

	if (walk_record(c, o, pub_agents_fields) == -1)
		return -1;
	json_array_foreach(json_object_get(o, "agents"), i, e)
		if (json_integer_value(json_object_get(e, "decided")) >
		    json_integer_value(json_object_get(e, "cases")))
			return fail(c, pool_printf(c->pool,
			    "agents[%zu].decided", i), "已办结",
			    "不能多于代办件");
	return 0;
}

/* ---- agent.account (AGT-1) ----------------------------------------- */

static const char *const type_agent[] = { "agent.account", NULL };

/* Six digits, a county's code. */
static int
county_ok(const char *s)
{
	return strlen(s) == 6 && digits(s, 6);
}
static const struct shape S_COUNTY = { county_ok, "应为 6 位数字的县级区划代码" };
/* A region code of a township (9 digits) or village (12). */
static int
region_code_ok(const char *s)
{
	size_t	 n = strlen(s);

	return (n == 9 || n == 12) && digits(s, n);
}
static const struct shape S_REGION = { region_code_ok,
    "应为 9 位或 12 位数字的苏木乡镇、嘎查村区划代码" };
/* crypto_pw_hash()'s form: scrypt$N$r$p$salt$key. */
static int
pwhash_ok(const char *s)
{
	size_t	 n;

	if (strncmp(s, "scrypt$", 7) != 0)
		return 0;
	for (n = 7; s[n] != '\0'; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' &&
		    s[n] <= 'f') || s[n] == '$'))
			return 0;
	return n > 40 && n < 160;
}
static const struct shape S_PWHASH = { pwhash_ok, "应为 scrypt 散列" };

static const struct field agent_region_fields[] = {
	SHAPED("code", "区划代码", S_REGION),
	LINE("name", "区划名称", 1, 100),
	END
};
static const struct field agent_region_elem[] = {
	OBJECT(NULL, "服务区域", agent_region_fields)
};
/* account_record(): an agent as the intranet made it. */
static const struct field agent_fields[] = {
	CHOICE("type", "记录类型", type_agent),
	INT("id", "代办员编号", 1, INT_COLUMN),
	LINE("name", "代办员姓名", 2, 20),
	SHAPED("id_number", "身份证号码", S_ID),
	SHAPED("mobile", "手机号码", S_MOBILE),
	SHAPED("county", "所在旗县市区", S_COUNTY),
	LINE("area", "服务区域", 1, 300),
	ARRAY("regions", "服务区域", 1, AGENT_REGIONS_MAX, agent_region_elem),
	BOOL("active", "在用"),
	SHAPED("at", "时间", S_DATETIME),
	{ .name = "code_hash", .type = F_LINE, .optional = 1, .max = 160,
	    .shape = &S_PWHASH, .label = "激活码散列" },
	END
};

/* ---- account.claim, account.claim.result (ACC-1) ------------------ */

static const char *const type_claim[] = { "account.claim", NULL };
static const char *const type_claim_result[] = { "account.claim.result",
    NULL };
static const char *const claim_kinds[] = { "person", "enterprise", NULL };
static const char *const claim_states[] = { "applied", "refused", NULL };
#define OPTIONAL(n, lab, lo, hi) \
	{ .name = n, .type = F_LINE, .optional = 1, .min = lo, .max = hi, \
	    .label = lab }
#define OPT_SHAPED(n, lab, sh) \
	{ .name = n, .type = F_LINE, .optional = 1, .max = 200, \
	    .shape = &sh, .label = lab }

/* claim.c claim_record(): what the window clerk saw and typed, with the
 * limits of /hall/claim (and of the CLI commands it stands for). */
static const struct field claim_fields[] = {
	CHOICE("type", "记录类型", type_claim),
	INT("id", "核验记录编号", 1, INT_COLUMN),
	CHOICE("kind", "核验类型", claim_kinds),
	SHAPED("id_number", "身份证号码", S_ID),
	OPTIONAL("name", "姓名", 1, 50),
	OPT_SHAPED("mobile", "手机号码", S_MOBILE),
	OPT_SHAPED("credit_code", "统一社会信用代码", S_CREDIT),
	OPTIONAL("ent_name", "企业名称", 2, 100),
	OPTIONAL("address", "住所", 2, 200),
	SHAPED("clerk", "窗口人员登录名", S_KEY),
	LINE("clerk_name", "窗口人员", 1, 50),
	SHAPED("at", "时间", S_DATETIME),
	END
};

int
rec_valid_claim(struct rec_check *c, json_t *o)
{
	static const char *const person[] = { "name", "mobile", NULL };
	static const char *const ent[] = { "credit_code", "ent_name",
	    "address", NULL };
	const char *const *want, *const *other;
	size_t		 i;

	if (walk_record(c, o, claim_fields) == -1)
		return -1;
	want = strcmp(str(o, "kind"), "person") == 0 ? person : ent;
	other = want == person ? ent : person;
	for (i = 0; want[i] != NULL; i++)
		if (json_object_get(o, want[i]) == NULL)
			return fail(c, want[i], want == person ? "个人核验" :
			    "企业核验", "缺少这一项");
	for (i = 0; other[i] != NULL; i++)
		if (json_object_get(o, other[i]) != NULL)
			return fail(c, other[i], want == person ? "个人核验" :
			    "企业核验", "不应有这一项");
	if (strchr(str(o, "id_number"), 'x') != NULL)
		return fail(c, "id_number", "身份证号码", "校验位 X 应为大写");
	return 0;
}

/* claim.c's answer from the extranet: applied, or refused and why. */
static const struct field claim_result_fields[] = {
	CHOICE("type", "记录类型", type_claim_result),
	INT("id", "核验记录编号", 1, INT_COLUMN),
	CHOICE("state", "结果", claim_states),
	OPTIONAL("reason", "原因", 0, 200),
	SHAPED("at", "时间", S_DATETIME),
	END
};

int
rec_valid_claim_result(struct rec_check *c, json_t *o)
{
	const char	*reason;
	int		 refused;

	if (walk_record(c, o, claim_result_fields) == -1)
		return -1;
	refused = strcmp(str(o, "state"), "refused") == 0;
	reason = str(o, "reason");
	if (refused != (reason != NULL && *reason != '\0'))
		return fail(c, "reason", "原因", "未办理的写明原因，已办理的不写");
	return 0;
}

/* ---- seal.key (DOC-1, EXT-6) ------------------------------------- */

static const char *const type_seal_key[] = { "seal.key", NULL };
static const char *const seal_algs[] = { "ed25519", "sm2", NULL };

/* docseal.c key_out(): a department's seal key, public half. */
static const struct field seal_key_fields[] = {
	CHOICE("type", "记录类型", type_seal_key),
	SHAPED("kid", "密钥编号", S_KID),
	SHAPED("dept_code", "部门编码", S_DEPT_CODE),
	LINE("dept_name", "部门名称", 1, 100),
	CHOICE("alg", "算法", seal_algs),
	LINES("pub", "公钥", 400, 400),
	SHAPED("created_at", "生成时间", S_DATETIME),
	SHAPED("retired_at", "停用时间", S_OPT_DATETIME),
	SHAPED("revoked_at", "吊销时间", S_OPT_DATETIME),
	LINES("revoke_why", "吊销原因", 200, 800),
	END
};

int
rec_valid_agent_account(struct rec_check *c, json_t *o)
{
	json_t		*e, *u;
	const char	*county;
	size_t		 i, j;

	if (walk_record(c, o, agent_fields) == -1)
		return -1;
	county = str(o, "county");
	json_array_foreach(json_object_get(o, "regions"), i, e) {
		if (strncmp(str(e, "code"), county, 6) != 0)
			return fail(c, pool_printf(c->pool,
			    "regions[%zu].code", i), "区划代码",
			    "不在所在旗县市区内");
		json_array_foreach(json_object_get(o, "regions"), j, u)
			if (j < i && strcmp(str(u, "code"), str(e, "code")) ==
			    0)
				return fail(c, pool_printf(c->pool,
				    "regions[%zu].code", i), "区划代码",
				    "重复");
	}
	return 0;
}

int
rec_valid_seal_key(struct rec_check *c, json_t *o)
{
	EVP_PKEY	*key;
	const char	*alg;
	char		 kid[KEY_ID_LEN + 1];
	int		 same;

	if (walk_record(c, o, seal_key_fields) == -1)
		return -1;
	/* The key is what its id and algorithm say. */
	if ((key = docsig_key_from_pem(str(o, "pub"))) == NULL)
		return fail(c, "pub", "公钥", "不是 Ed25519 或 SM2 公钥（PEM）");
	alg = docsig_alg(key);
	same = crypto_key_id(key, kid) == 0 && strcmp(kid, str(o, "kid")) ==
	    0;
	EVP_PKEY_free(key);
	if (strcmp(alg, str(o, "alg")) != 0)
		return fail(c, "alg", "算法", "与公钥的算法不符");
	if (!same)
		return fail(c, "kid", "密钥编号", "与公钥不符");
	if ((*str(o, "revoked_at") == '\0') != (*str(o, "revoke_why") ==
	    '\0'))
		return fail(c, "revoke_why", "吊销原因",
		    "吊销的密钥写明原因，未吊销的不写");
	if (*str(o, "revoked_at") != '\0' && *str(o, "retired_at") == '\0')
		return fail(c, "retired_at", "停用时间", "吊销的密钥也已停用");
	return 0;
}

/* ---- agency.progress (INT-14) -------------------------------------- */

static const char *const type_agency[] = { "agency.progress", NULL };
static const char *const agency_states[] = { "todo", "doing", "done",
    NULL };
static const struct field agency_item_fields[] = {
	LINE("item", "事项", 1, 200),
	LINE("dept", "部门", 0, 100),
	CHOICE("state", "办理情况", agency_states),
	SHAPED("app_no", "申请编号", S_OPT_APP_NO),
	LINE("step", "进度", 1, 60),
	END
};
static const struct field agency_item_elem[] = {
	OBJECT(NULL, "事项", agency_item_fields)
};
/* agency.c send_one(): a 全程代理 project's progress, for the investor
 * enterprise's page (AGENCY_ITEMS_MAX items). */
static const struct field agency_fields[] = {
	CHOICE("type", "记录类型", type_agency),
	INT("project", "项目序号", 1, INT_COLUMN),
	SHAPED("credit_code", "投资企业统一社会信用代码", S_CREDIT),
	LINE("name", "项目名称", 2, 100),
	LINE("location", "建设地点", 2, 200),
	LINE("coordinator", "代理协调员", 1, 50),
	SHAPED("as_of", "统计时间", S_DATETIME),
	ARRAY("items", "事项", 1, 30, agency_item_elem),
	/* Closed (agency_close()): both, or neither while open. */
	{ .name = "closed_at", .type = F_LINE, .optional = 1, .max = 200,
	    .shape = &S_DATETIME, .label = "关闭时间" },
	{ .name = "close_reason", .type = F_LINE, .optional = 1, .min = 2,
	    .max = 200, .label = "关闭原因" },
	END
};

int
rec_valid_agency_progress(struct rec_check *c, json_t *o)
{
	json_t		*e, *u;
	const char	*no;
	size_t		 i, j;

	if (walk_record(c, o, agency_fields) == -1)
		return -1;
	if ((json_object_get(o, "closed_at") == NULL) !=
	    (json_object_get(o, "close_reason") == NULL))
		return fail(c, "close_reason", "关闭原因",
		    "关闭的项目写明关闭时间和原因，未关闭的都不写");
	json_array_foreach(json_object_get(o, "items"), i, e) {
		no = str(e, "app_no");
		/* An item to apply for has no case; one applied for has. */
		if ((strcmp(str(e, "state"), "todo") == 0) != (*no == '\0'))
			return fail(c, pool_printf(c->pool,
			    "items[%zu].app_no", i), "申请编号",
			    "待申请的事项没有申请编号，已申请的必须有");
		json_array_foreach(json_object_get(o, "items"), j, u)
			if (j < i && *no != '\0' &&
			    strcmp(str(u, "app_no"), no) == 0)
				return fail(c, pool_printf(c->pool,
				    "items[%zu].app_no", i), "申请编号",
				    "重复");
	}
	return 0;
}

/* ---- the bundle as a whole ----------------------------------------- */

int
rec_all_named(struct rec_check *c)
{
	size_t	 i;

	for (i = 0; i < c->nmembers; i++)
		if (!c->members[i].named)
			return fail(c, "", NULL, pool_printf(c->pool,
			    "数据包中的文件 %s 没有任何记录用到",
			    c->members[i].sha256));
	return 0;
}

json_t *
rec_parse(struct rec_check *c, const char *line)
{
	json_t		*rec;
	json_error_t	 jerr;

	c->field = "";
	if ((rec = json_loads(line, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		/* Not jerr.text: it quotes the bad bytes themselves. */
		c->why = pool_printf(c->pool, "不是有效的 JSON 或 UTF-8（第 %d "
		    "个字节附近）", jerr.position);
		return NULL;
	}
	if (!json_is_object(rec) || str(rec, "type") == NULL) {
		c->why = "不是带有 type 的 JSON 对象";
		json_decref(rec);
		return NULL;
	}
	return rec;
}

/* ---- licence.issue, licence.revoke (DOC-2) ------------------------- */

static const char *const type_lic[] = { "licence.issue", NULL };
static const char *const type_lic_end[] = { "licence.revoke", NULL };
static const char *const lic_end_states[] = { "revoked", "cancelled", NULL };

static int
opt_credit_ok(const char *s)
{
	return *s == '\0' || credit_ok(s);
}

static const struct shape S_OPT_CREDIT = { opt_credit_ok,
    "应为空，或有效的统一社会信用代码（GB 32100）" };

/* licence.c licence_issue(): a licence's public data and its seal. */
static const struct field lic_fields[] = {
	CHOICE("type", "记录类型", type_lic),
	LINE("licence_no", "证照编号", 1, 60),
	LINE("name", "证照名称", 1, 60),
	SHAPED("app_no", "申请编号", S_APP_NO),
	SHAPED("item_code", "事项编码", S_ITEM_CODE),
	LINE("item_name", "事项名称", 1, 200),
	LINE("holder", "持证人", 1, 100),
	SHAPED("credit_code", "统一社会信用代码", S_OPT_CREDIT),
	SHAPED("dept_code", "发证部门编码", S_DEPT_CODE),
	LINE("issued_by", "发证部门", 1, 100),
	SHAPED("issued_at", "发证时间", S_DATETIME),
	SHAPED("valid_from", "有效期起", S_DATE),
	SHAPED("valid_to", "有效期至", S_OPT_DATE),
	{ .name = "body", .type = F_LINE, .min = 2, .max = DOC_BODY_BYTES,
	    .max_bytes = DOC_BODY_BYTES, .label = "证照内容" },
	{ .name = "seal", .type = F_OBJECT, .optional = 1,
	    .sub = doc_seal_fields, .label = "电子印章" },
	END
};
/* What the body holds: the record's own data again, and the scope. */
static const struct field lic_body_fields[] = {
	LINE("licence_name", "证照名称", 1, 60),
	LINE("item_name", "事项名称", 1, 200),
	LINE("holder", "持证人", 1, 100),
	SHAPED("credit_code", "统一社会信用代码", S_OPT_CREDIT),
	LINES("scope", "许可范围", PERMIT_SCOPE, 4 * PERMIT_SCOPE),
	LINE("dept_name", "发证部门", 1, 100),
	SHAPED("valid_from", "有效期起", S_DATE),
	LINE("valid_to", "有效期至", 2, 10),
	END
};
static const struct field lic_body[] = {
	OBJECT(NULL, "证照内容", lic_body_fields)
};
/* licence.c licence_end(). */
static const struct field lic_end_fields[] = {
	CHOICE("type", "记录类型", type_lic_end),
	LINE("licence_no", "证照编号", 1, 60),
	CHOICE("state", "证照状态", lic_end_states),
	SHAPED("ended_at", "吊销或注销时间", S_DATETIME),
	LINES("why", "理由", 200, 800),
	END
};

/* The body says what the record says, field by field. */
static int
lic_body_same(struct rec_check *c, json_t *o, json_t *body)
{
	static const struct {
		const char	*rec, *body, *label;
	} same[] = {
		{ "name", "licence_name", "证照名称" },
		{ "item_name", "item_name", "事项名称" },
		{ "holder", "holder", "持证人" },
		{ "credit_code", "credit_code", "统一社会信用代码" },
		{ "issued_by", "dept_name", "发证部门" },
		{ "valid_from", "valid_from", "有效期起" },
	};
	const char	*to;
	size_t		 i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (strcmp(str(o, same[i].rec), str(body, same[i].body)) != 0)
			return fail(c, pool_printf(c->pool, "body.%s",
			    same[i].body), same[i].label, "与证照记录不符");
	to = *str(o, "valid_to") != '\0' ? str(o, "valid_to") : "长期";
	if (strcmp(to, str(body, "valid_to")) != 0)
		return fail(c, "body.valid_to", "有效期至", "与证照记录不符");
	return 0;
}

int
rec_valid_licence_issue(struct rec_check *c, json_t *o)
{
	json_t		*body, *seal;
	json_error_t	 jerr;
	int		 rc;

	if (walk_record(c, o, lic_fields) == -1)
		return -1;
	if (*str(o, "valid_to") != '\0' && strcmp(str(o, "valid_to"),
	    str(o, "valid_from")) < 0)
		return fail(c, "valid_to", "有效期至", "早于有效期起");
	if (strncmp(str(o, "issued_at"), str(o, "valid_from"), 4) != 0)
		return fail(c, "valid_from", "有效期起", "与发证年份不符");
	seal = json_object_get(o, "seal");
	if (seal != NULL && strcmp(str(seal, "dept"), str(o, "dept_code")) !=
	    0)
		return fail(c, "seal.dept", "盖章部门", "不是发证部门");
	if ((body = json_loads(str(o, "body"), JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return fail(c, "body", "证照内容", "不是有效的 JSON");
	rc = walk(c, body, lic_body, "body");
	if (rc == 0)
		rc = lic_body_same(c, o, body);
	json_decref(body);
	if (rc != 0)
		return rc;
	return app_here(c, o);
}

int
rec_valid_licence_revoke(struct rec_check *c, json_t *o)
{
	if (walk_record(c, o, lic_end_fields) == -1)
		return -1;
	if (*str(o, "why") == '\0')
		return fail(c, "why", "理由", "吊销或注销须写明理由");
	return 0;
}

/* ---- case.window (INT-1) --------------------------------------------- */

static const char *const type_window[] = { "case.window", NULL };
/* window_json() (intake.c): what the window registered, as the extranet
 * shows it; no file crosses (the scans stay with the case). */
static const struct field window_fields[] = {
	CHOICE("type", "记录类型", type_window),
	APP_HEAD,
	SHAPED("submitted_at", "收件时间", S_DATETIME),
	LINE("dept", "收件部门", 1, 100),
	END
};

int
rec_valid_window(struct rec_check *c, json_t *o)
{
	struct item	 it;
	const char	*no, *name;

	if (walk_record(c, o, window_fields) == -1)
		return -1;
	/* The window's part of the day's series (intake.h). */
	no = str(o, "app_no");
	if (no[10] != '9' || strcmp(no + 10, "90000") == 0)
		return fail(c, "app_no", "申请编号",
		    "窗口收件的编号应为 YW、8 位日期和 90001 到 99999");
	if (strchr(str(json_object_get(o, "applicant"), "id_number"), 'x') !=
	    NULL)
		return fail(c, "applicant.id_number", "身份证号码",
		    "校验位 X 应为大写");
	name = str(json_object_get(o, "applicant"), "name");
	if (utf8_chars(name) < 2)
		return fail(c, "applicant.name", "申请人姓名", "至少 2 个字");
	if (item_here(c, o, &it) == -1)
		return -1;
	if (strcmp(it.name, str(o, "item_name")) != 0)
		return fail(c, "item_name", "事项名称", "与本站的事项名称不同");
	if (it.dept_name == NULL || strcmp(it.dept_name, str(o, "dept")) != 0)
		return fail(c, "dept", "收件部门", "不是这个事项的部门");
	switch (c->site->app(c->site->arg, c->pool, no)) {
	case DB_NONE:
		break;
	case DB_OK:
		return fail(c, "app_no", "申请编号", "本站已有这个申请");
	default:
		c->dberr = 1;
		return fail(c, "app_no", NULL, "查询申请时数据库出错");
	}
	/* The records after it in this bundle may name it. */
	app_brought(c, no);
	return 0;
}

/* ---- booking.window, booking, booking.state (EXT-10) --------------- */

static const char *const type_book_window[] = { "booking.window", NULL };
static const char *const type_booking[] = { "booking", NULL };
static const char *const type_book_state[] = { "booking.state", NULL };
static const char *const book_states[] = { "booked", "cancelled", NULL };
static const char *const book_marks[] = { "arrived", "noshow", NULL };

/* "HH:MM", 00:00 to 23:59. */
static int
hhmm_ok(const char *s)
{
	return strlen(s) == 5 && digits(s, 2) && s[2] == ':' &&
	    digits(s + 3, 2) && num(s, 2) < 24 && num(s + 3, 2) < 60;
}

static const struct shape S_HHMM = { hhmm_ok, "应为 HH:MM 格式的时刻" };
static const struct field hhmm_elem[] = { SHAPED(NULL, "时段", S_HHMM) };
static const struct field day_elem[] = { SHAPED(NULL, "日期", S_DATE) };

/* One day of the week's slots and the places each takes. */
static const struct field book_day_fields[] = {
	INT("capacity", "每个时段可约人数", 0, 50),
	ARRAY("times", "时段", 0, 24, hhmm_elem),
	END
};
static const struct field book_day_elem[] = {
	OBJECT(NULL, "星期", book_day_fields)
};

/* booking.c plan_send(): a window's slots of each day of the week,
 * Monday first, and the working days of the next 14 days on the
 * intranet's calendar (booking.h's limits). */
static const struct field book_window_fields[] = {
	CHOICE("type", "记录类型", type_book_window),
	SHAPED("dept_code", "部门编码", S_DEPT_CODE),
	SHAPED("window_code", "窗口编码", S_DEPT_CODE),
	LINE("dept_name", "部门名称", 1, 100),
	LINE("window_name", "窗口名称", 1, 100),
	LINE("place", "地点", 0, 200),
	INT("minutes", "每个时段分钟数", 5, 240),
	ARRAY("week", "每周的时段", 7, 7, book_day_elem),
	ARRAY("days", "可预约日期", 0, 14, day_elem),
	SHAPED("at", "时间", S_DATETIME),
	END
};

/* The strings of array a strictly ascending: 0, else -1. */
static int
ascending(struct rec_check *c, json_t *a, const char *path,
    const char *label)
{
	size_t	 i;

	for (i = 1; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_array_get(a, i - 1)),
		    json_string_value(json_array_get(a, i))) >= 0)
			return fail(c, path, label, "应从早到晚排列，不能重复");
	return 0;
}

/* The day of the week of a valid "YYYY-MM-DD", 0 Monday … 6 Sunday. */
static int
weekday_of(const char *ymd)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int	 y = num(ymd, 4), m = num(ymd + 5, 2), d = num(ymd + 8, 2);

	if (m < 3)
		y--;
	/* Sakamoto's: 0 Sunday */
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d + 6) % 7;
}

/*
 * Each weekday's slots ascending, and each day offered on a weekday
 * with slots and places: a day of a weekday closed is a forgery or a
 * fault, never offered.
 */
int
rec_valid_booking_window(struct rec_check *c, json_t *o)
{
	json_t	*week = json_object_get(o, "week"), *days, *wd;
	size_t	 i;

	if (walk_record(c, o, book_window_fields) == -1 ||
	    ascending(c, days = json_object_get(o, "days"), "days",
	    "可预约日期") == -1)
		return -1;
	for (i = 0; i < 7; i++)
		if (ascending(c, json_object_get(json_array_get(week, i),
		    "times"), pool_printf(c->pool, "week[%zu].times", i),
		    "时段") == -1)
			return -1;
	for (i = 0; i < json_array_size(days); i++) {
		wd = json_array_get(week, (size_t)weekday_of(
		    json_string_value(json_array_get(days, i))));
		if (json_integer_value(json_object_get(wd, "capacity")) == 0 ||
		    json_array_size(json_object_get(wd, "times")) == 0)
			return fail(c, pool_printf(c->pool, "days[%zu]", i),
			    "可预约日期", "这天是星期中没有时段或人数为 0 "
			    "的一天");
	}
	return 0;
}

/* booking.c send_booking(): a booking made or cancelled out there. */
static const struct field booking_fields[] = {
	CHOICE("type", "记录类型", type_booking),
	SHAPED("code", "预约码", S_CODE),
	LINE("name", "预约人姓名", 1, 50),
	SHAPED("dept_code", "部门编码", S_DEPT_CODE),
	SHAPED("window_code", "窗口编码", S_DEPT_CODE),
	SHAPED("day", "预约日期", S_DATE),
	SHAPED("slot", "时段", S_HHMM),
	SHAPED("item_code", "事项编码", S_ITEM_CODE),
	LINE("item_name", "事项名称", 1, 200),
	SHAPED("app_no", "申请编号", S_OPT_APP_NO),
	CHOICE("state", "状态", book_states),
	SHAPED("at", "时间", S_DATETIME),
	END
};

int
rec_valid_booking(struct rec_check *c, json_t *o)
{
	return walk_record(c, o, booking_fields);
}

/* booking.c booking_mark(): the clerk's mark. */
static const struct field book_state_fields[] = {
	CHOICE("type", "记录类型", type_book_state),
	SHAPED("code", "预约码", S_CODE),
	CHOICE("state", "到场情况", book_marks),
	LINE("clerk_name", "窗口人员", 1, 50),
	SHAPED("at", "时间", S_DATETIME),
	END
};

int
rec_valid_booking_state(struct rec_check *c, json_t *o)
{
	return walk_record(c, o, book_state_fields);
}

/* ---- application.delivery, case.delivery (EXT-10) ------------------ */

static const char *const type_app_delivery[] = { "application.delivery",
    NULL };
static const char *const type_case_delivery[] = { "case.delivery", NULL };
static const char *const delivery_methods[] = { "window", "post", NULL };
static const char *const delivery_hands[] = { "picked", "posted", NULL };

/* delivery.c delivery_choose(): the applicant's choice, with the limits
 * of the application page's form. */
static const struct field app_delivery_fields[] = {
	CHOICE("type", "记录类型", type_app_delivery),
	SHAPED("app_no", "申请编号", S_APP_NO),
	CHOICE("method", "领取方式", delivery_methods),
	OPTIONAL("recipient", "收件人", 1, DELIVERY_NAME_MAX),
	OPT_SHAPED("phone", "收件人手机号码", S_MOBILE),
	OPTIONAL("address", "邮寄地址", DELIVERY_ADDRESS_MIN,
	    DELIVERY_ADDRESS_MAX),
	SHAPED("at", "时间", S_DATETIME),
	END
};

/* Members names[] all present (want 1) or all absent (0): 0, else -1. */
static int
all_or_none(struct rec_check *c, json_t *o, const char *const *names,
    int want, const char *label)
{
	size_t	 i;

	for (i = 0; names[i] != NULL; i++)
		if ((json_object_get(o, names[i]) != NULL) != want)
			return fail(c, names[i], label, want ? "缺少这一项" :
			    "不应有这一项");
	return 0;
}

int
rec_valid_app_delivery(struct rec_check *c, json_t *o)
{
	static const char *const post[] = { "recipient", "phone", "address",
	    NULL };
	int		 is_post;

	if (walk_record(c, o, app_delivery_fields) == -1)
		return -1;
	is_post = strcmp(str(o, "method"), "post") == 0;
	return all_or_none(c, o, post, is_post, is_post ? "邮寄" : "窗口领取");
}

/* delivery.c delivery_hand(): picked up by whom, or posted how. */
static const struct field case_delivery_fields[] = {
	CHOICE("type", "记录类型", type_case_delivery),
	SHAPED("app_no", "申请编号", S_APP_NO),
	CHOICE("handed", "交付方式", delivery_hands),
	OPTIONAL("picked_by", "领取人", 1, DELIVERY_NAME_MAX),
	OPTIONAL("courier", "快递公司", 1, 10),
	OPTIONAL("waybill", "运单号", 1, DELIVERY_WAYBILL_MAX),
	LINE("clerk_name", "窗口人员", 1, 50),
	SHAPED("at", "时间", S_DATETIME),
	END
};

int
rec_valid_case_delivery(struct rec_check *c, json_t *o)
{
	static const char *const posted[] = { "courier", "waybill", NULL };
	static const char *const picked[] = { "picked_by", NULL };
	int		 is_post;

	if (walk_record(c, o, case_delivery_fields) == -1)
		return -1;
	is_post = strcmp(str(o, "handed"), "posted") == 0;
	if (all_or_none(c, o, posted, is_post, "寄出") == -1 ||
	    all_or_none(c, o, picked, !is_post, "领取") == -1)
		return -1;
	if (is_post && delivery_courier_name(str(o, "courier")) == NULL)
		return fail(c, "courier", "快递公司", "不是可选的快递公司");
	if (is_post && !delivery_waybill_valid(str(o, "courier"),
	    str(o, "waybill")))
		return fail(c, "waybill", "运单号", "不符合这家快递公司的格式");
	return 0;
}
