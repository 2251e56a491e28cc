/*
 * ids.c: GB 11643 and GB 32100 check characters, GB/T 2260 region codes,
 * mobile numbers, masking.
 */
#include <ctype.h>
#include <string.h>

#include "ids.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * The province and prefecture codes of GB/T 2260 since 1980, generated at
 * build time from db/gbt2260-prefectures.txt (Makefile.am).
 */
static const char *const prefectures[] = {
#include "gbt2260.inc"
};

int
region_prefecture_known(const char *four)
{
	size_t	 i;

	if (four == NULL || strlen(four) < 4 || !digits(four, 4))
		return 0;
	for (i = 0; i < sizeof(prefectures) / sizeof(prefectures[0]); i++)
		if (strncmp(prefectures[i], four, 4) == 0)
			return 1;
	return 0;
}

enum idno_check
id_number_check(const char *s, long today)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
	    10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	static const int	 mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	int			 sum = 0, i, y, m, d, dm;
	long			 born;

	if (s == NULL || strlen(s) != 18 || !digits(s, 17) ||
	    !(isdigit((unsigned char)s[17]) || s[17] == 'X'))
		return IDNO_FORMAT;
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	if (check[sum % 11] != s[17])
		return IDNO_CHECK;
	if (!region_prefecture_known(s))
		return IDNO_REGION;
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 +
	    (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (m < 1 || m > 12)
		return IDNO_DATE;
	dm = mdays[m - 1] + (m == 2 && leap(y));
	if (d < 1 || d > dm)
		return IDNO_DATE;
	born = (long)y * 10000 + m * 100 + d;
	if (today > 0 && born > today)
		return IDNO_FUTURE;
	/* Without today, nobody born before 1900 lives. */
	if (today > 0 ? born < today - IDNO_MAX_AGE * 10000L : y < 1900)
		return IDNO_OLD;
	return IDNO_OK;
}

const char *
id_number_problem(enum idno_check c)
{
	switch (c) {
	case IDNO_OK:
		return NULL;
	case IDNO_REGION:
		return "身份证号码的前 6 位（地区代码）不正确，请对照身份证核对。";
	case IDNO_DATE:
		return "身份证号码第 7 至 14 位的出生日期不是有效日期，"
		    "请对照身份证核对。";
	case IDNO_FUTURE:
		return "身份证号码中的出生日期晚于今天，请对照身份证核对。";
	case IDNO_OLD:
		return "身份证号码中的出生日期早于 120 年前，请对照身份证核对。";
	case IDNO_FORMAT:
	case IDNO_CHECK:
		break;
	}
	return "身份证号码不正确，请核对 18 位号码（最后一位可能是 X）。";
}

void
id_number_upper(char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s == 'x')
			*s = 'X';
}

int
id_number_valid(const char *s)
{
	return id_number_check(s, 0) == IDNO_OK;
}

int
credit_code_valid(const char *s)
{
	/* The 31 characters of GB 32100: digits and letters without I O Z S V. */
	static const char	 set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	 w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29,
	    25, 13, 8, 24, 10, 30, 28 };
	const char		*p;
	int			 sum = 0, i, c;

	if (s == NULL || strlen(s) != 18)
		return 0;
	for (i = 0; i < 17; i++) {
		if (s[i] == '\0' || (p = strchr(set, s[i])) == NULL)
			return 0;
		sum += (int)(p - set) * w[i];
	}
	c = (31 - sum % 31) % 31;
	return s[17] == set[c];
}

/*
 * The registration authorities of GB 32100 (character 1) and the entity
 * types each registers (character 2), with the names people read.
 */
static const struct credit_kind {
	char		 authority, type;
	const char	*name;
} credit_kinds[] = {
	{ '1', '1', "机关" },
	{ '1', '2', "事业单位" },
	{ '1', '3', "中央编办直接管理机构编制的群众团体" },
	{ '1', '9', "其他机构编制部门登记的机构" },
	{ '2', '1', "外国常驻新闻机构" },
	{ '2', '9', "其他外交部门登记的机构" },
	{ '3', '1', "律师执业机构" },
	{ '3', '2', "公证处" },
	{ '3', '3', "基层法律服务所" },
	{ '3', '4', "司法鉴定机构" },
	{ '3', '5', "仲裁委员会" },
	{ '3', '9', "其他司法行政部门登记的机构" },
	{ '4', '1', "外国在华文化中心" },
	{ '4', '9', "其他文化部门登记的机构" },
	{ '5', '1', "社会团体" },
	{ '5', '2', "民办非企业单位" },
	{ '5', '3', "基金会" },
	{ '5', '9', "其他民政部门登记的机构" },
	{ '6', '1', "外国旅游部门常驻代表机构" },
	{ '6', '2', "港澳台地区旅游部门常驻内地代表机构" },
	{ '6', '9', "其他旅游部门登记的机构" },
	{ '7', '1', "宗教活动场所" },
	{ '7', '2', "宗教院校" },
	{ '7', '9', "其他宗教部门登记的机构" },
	{ '8', '1', "基层工会" },
	{ '8', '9', "其他工会部门登记的机构" },
	{ '9', '1', "企业" },
	{ '9', '2', "个体工商户" },
	{ '9', '3', "农民专业合作社" },
	{ 'A', '1', "军队事业单位" },
	{ 'A', '9', "其他军队编制部门登记的机构" },
	{ 'N', '1', "组级集体经济组织" },
	{ 'N', '2', "村级集体经济组织" },
	{ 'N', '3', "乡镇级集体经济组织" },
	{ 'N', '9', "其他农业部门登记的机构" },
	{ 'Y', '1', "其他登记管理部门登记的机构" },
};

static const struct credit_kind *
credit_kind(const char *s, int *authority)
{
	size_t	 i;

	*authority = 0;
	for (i = 0; i < sizeof(credit_kinds) / sizeof(credit_kinds[0]); i++)
		if (credit_kinds[i].authority == s[0]) {
			*authority = 1;
			if (credit_kinds[i].type == s[1])
				return &credit_kinds[i];
		}
	return NULL;
}

enum credit_check
credit_code_check(const char *s)
{
	static const char	 set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	size_t			 i;
	int			 authority;

	if (s == NULL || strlen(s) != 18)
		return CREDIT_FORMAT;
	for (i = 0; i < 18; i++)
		if (strchr(set, s[i]) == NULL)
			return CREDIT_FORMAT;
	if (!credit_code_valid(s))
		return CREDIT_CHECK;
	if (credit_kind(s, &authority) == NULL)
		return authority ? CREDIT_TYPE : CREDIT_AUTHORITY;
	if (!digits(s + 2, 6) || !region_prefecture_known(s + 2))
		return CREDIT_REGION;
	return CREDIT_OK;
}

const char *
credit_code_problem(enum credit_check c)
{
	switch (c) {
	case CREDIT_OK:
		return NULL;
	case CREDIT_CHECK:
		return "统一社会信用代码的最后一位（校验码）与前 17 位不符，"
		    "请对照营业执照逐位核对。";
	case CREDIT_AUTHORITY:
		return "统一社会信用代码的第 1 位（登记管理部门代码）不存在，"
		    "请对照营业执照核对。";
	case CREDIT_TYPE:
		return "统一社会信用代码的第 2 位（机构类别代码）与第 1 位的"
		    "登记管理部门不相符，请对照营业执照核对。";
	case CREDIT_REGION:
		return "统一社会信用代码第 3 至 8 位的行政区划代码不正确，"
		    "请对照营业执照核对。";
	case CREDIT_FORMAT:
		break;
	}
	return "统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、"
	    "Z、S、V），请对照营业执照核对。";
}

const char *
credit_code_type(const char *s)
{
	const struct credit_kind	*k;
	int				 authority;

	if (credit_code_check(s) != CREDIT_OK ||
	    (k = credit_kind(s, &authority)) == NULL)
		return "";
	return k->name;
}

void
credit_code_upper(char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

int
mobile_valid(const char *s)
{
	return s != NULL && strlen(s) == 11 && digits(s, 11) && s[0] == '1' &&
	    s[1] >= '3' && s[1] <= '9';
}

int
phone_valid(const char *s)
{
	size_t	 n;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if ((s[n] < '0' || s[n] > '9') && s[n] != '-')
			return 0;
	return n >= 7 && n <= 20;
}

void
id_mask(const char *s, size_t head, size_t tail, char *out, size_t outlen)
{
	size_t	 n, i;

	if (outlen == 0)
		return;
	n = s == NULL ? 0 : strlen(s);
	for (i = 0; i < n && i + 1 < outlen; i++)
		out[i] = (i < head || i + tail >= n) ? s[i] : '*';
	out[i] = '\0';
}

/* Whether c may touch a number standing alone (not a digit or letter). */
static int
apart(char c)
{
	return !isalnum((unsigned char)c);
}

char *
id_mask_text(char *s)
{
	size_t	 i, run, len, head, k;

	for (i = 0; s[i] != '\0'; i += run > 0 ? run : 1) {
		for (run = 0; isdigit((unsigned char)s[i + run]); run++)
			;
		if (run == 0 || (i > 0 && apart(s[i - 1]) == 0))
			continue;
		len = run;
		if (run == 17 && (s[i + 17] == 'X' || s[i + 17] == 'x'))
			len = 18;
		if (!apart(s[i + len]))
			continue;
		if (len == 18)
			head = 6;
		else if (len == 11 && s[i] == '1' && s[i + 1] >= '3')
			head = 3;
		else
			continue;
		for (k = head; k < len - 4; k++)
			s[i + k] = '*';
		run = len;
	}
	return s;
}
