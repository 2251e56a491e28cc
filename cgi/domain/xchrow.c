/*
 * xchrow.c: one line of a case import file, checked (xchrow.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ids.h"
#include "text.h"
#include "vocab.h"
#include "xchrow.h"

/* Every field a line may have; the first ten are required. */
static const char *const fields[] = { "source_system", "source_id",
	"item_code", "dept_code", "applicant_name", "id_number", "mobile",
	"channel", "submitted_at", "state", "accepted_at", "decided_at",
	"remark", NULL };
#define NREQUIRED	10

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long
days_of(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long)era * 146097 + doe - 719468;
}

/*
 * A Beijing time "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS", a real one
 * of 2000 or later: *t, and UTC as text in utc[20].  -1 when not.
 */
static int
beijing_time(const char *s, time_t *t, char utc[20])
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	 y, mo, d, h, mi, se = 0, n = 0, leap;
	size_t	 len = strlen(s);
	struct tm tm;

	if (len == 16) {
		if (sscanf(s, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi,
		    &n) != 5 || n != 16)
			return -1;
	} else if (len == 19) {
		if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h,
		    &mi, &se, &n) != 6 || n != 19)
			return -1;
	} else
		return -1;
	/* sscanf takes signs and spaces in %d: the digits must be there. */
	for (n = 0; n < (int)len; n++)
		if (n == 4 || n == 7 ? s[n] != '-' : n == 10 ? s[n] != ' ' :
		    n == 13 || n == 16 ? s[n] != ':' : (s[n] < '0' ||
		    s[n] > '9'))
			return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 2000 || y > 2199 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 ||
	    mi > 59 || se > 59)
		return -1;
	*t = (time_t)(days_of(y, mo, d) * 86400L + h * 3600L + mi * 60L +
	    se - 8 * 3600L);
	gmtime_r(t, &tm);
	strftime(utc, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

/* letters, digits and - _ . /, 1 to max. */
static int
id_like(const char *s, size_t max)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    strchr("-_./", s[i]) != NULL))
			return 0;
	return 1;
}

static int
fail(const char **field, const char **why, const char *f, const char *w)
{
	*field = f;
	*why = w;
	return -1;
}

/* The string field name of o, or NULL (absent, or null). */
static const char *
str(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

static int
is_decided(const char *state)
{
	return strcmp(state, "approved") == 0 ||
	    strcmp(state, "denied") == 0 ||
	    strcmp(state, "not_accepted") == 0 ||
	    strcmp(state, "withdrawn") == 0;
}

/* A state that follows acceptance. */
static int
is_accepted(const char *state)
{
	return strcmp(state, "processing") == 0 ||
	    strcmp(state, "suspended") == 0 ||
	    strcmp(state, "reported") == 0 ||
	    strcmp(state, "approved") == 0 ||
	    strcmp(state, "denied") == 0;
}

/* The times, each valid, in order, none after now. */
static int
times(struct xch_row *r, time_t now, const char **field, const char **why)
{
	const char	*acc = str(r->obj, "accepted_at");
	const char	*dec = str(r->obj, "decided_at");

	if (beijing_time(str(r->obj, "submitted_at"), &r->sub_t,
	    r->submitted) == -1)
		return fail(field, why, "submitted_at", "时间格式不正确，应为北京"
		    "时间 2026-09-30 09:15 或 2026-09-30 09:15:00，且为 2000 年"
		    "以后的真实日期。");
	if (acc != NULL && beijing_time(acc, &r->acc_t, r->accepted) == -1)
		return fail(field, why, "accepted_at", "时间格式不正确，应为北京"
		    "时间 2026-09-30 09:15，且为真实日期。");
	if (dec != NULL && beijing_time(dec, &r->dec_t, r->decided) == -1)
		return fail(field, why, "decided_at", "时间格式不正确，应为北京"
		    "时间 2026-09-30 09:15，且为真实日期。");
	if (r->sub_t > now)
		return fail(field, why, "submitted_at", "申请时间晚于现在。");
	if (acc != NULL && r->acc_t < r->sub_t)
		return fail(field, why, "accepted_at", "受理时间早于申请时间。");
	if (dec != NULL && r->dec_t < (acc != NULL ? r->acc_t : r->sub_t))
		return fail(field, why, "decided_at", acc != NULL ?
		    "办结时间早于受理时间。" : "办结时间早于申请时间。");
	if ((acc != NULL && r->acc_t > now) || (dec != NULL && r->dec_t > now))
		return fail(field, why, acc != NULL && r->acc_t > now ?
		    "accepted_at" : "decided_at", "时间晚于现在。");
	/* What the state says has happened, and only that. */
	if (is_decided(r->state) && dec == NULL)
		return fail(field, why, "decided_at", "已办结的办件须填写办结"
		    "时间。");
	if (!is_decided(r->state) && dec != NULL)
		return fail(field, why, "decided_at", "尚未办结的办件不能填写"
		    "办结时间。");
	if (is_accepted(r->state) && acc == NULL)
		return fail(field, why, "accepted_at", "已受理的办件须填写受理"
		    "时间。");
	if (acc != NULL && (strcmp(r->state, "received") == 0 ||
	    strcmp(r->state, "correcting") == 0 ||
	    strcmp(r->state, "not_accepted") == 0))
		return fail(field, why, "accepted_at", "这个状态的办件没有受理，"
		    "不能填写受理时间。");
	return 0;
}

/* The fields of the object r->obj, each as strict as the forms. */
static int
check(struct xch_row *r, time_t now, const char **field, const char **why)
{
	json_t		*v;
	const char	*key, *idno;
	struct tm	 tm;
	size_t		 i;
	long		 today;
	enum text_rc	 trc;

	json_object_foreach(r->obj, key, v) {
		for (i = 0; fields[i] != NULL && strcmp(fields[i], key) != 0;
		    i++)
			continue;
		if (fields[i] == NULL)
			return fail(field, why, "", "有本格式没有的字段；字段见 "
			    "docs/exchange.md。");
		if (!json_is_string(v) && !(json_is_null(v) &&
		    i >= NREQUIRED))
			return fail(field, why, fields[i], "应为文字（带引号）。");
	}
	for (i = 0; i < NREQUIRED; i++)
		if (str(r->obj, fields[i]) == NULL)
			return fail(field, why, fields[i], "缺少这个字段。");
	/* Every text: no control characters, within its length. */
	for (i = 0; fields[i] != NULL; i++) {
		const char *s = str(r->obj, fields[i]);
		size_t max = i == 0 ? XCH_SYSTEM_MAX : i == 4 ? XCH_NAME_MAX :
		    i == 12 ? XCH_REMARK_MAX : 100;

		if (s == NULL)
			continue;
		trc = text_check(s, strlen(s), i == 12 ? 0 : 1, max, 0,
		    i == 12 ? TEXT_LINES : TEXT_LINE);
		if (trc != TEXT_OK) {
			*field = fields[i];
			*why = trc == TEXT_LONG ? i == 0 ? "太长：至多 100 个字。" :
			    i == 4 ? "太长：至多 50 个字。" : i == 12 ?
			    "太长：至多 2000 个字。" : "太长：至多 100 个字。" :
			    trc == TEXT_SHORT ? "不能为空。" : text_why(trc);
			return -1;
		}
	}
	r->system = str(r->obj, "source_system");
	r->source_id = str(r->obj, "source_id");
	r->item_code = str(r->obj, "item_code");
	r->dept_code = str(r->obj, "dept_code");
	r->name = str(r->obj, "applicant_name");
	r->mobile = str(r->obj, "mobile");
	r->channel = str(r->obj, "channel");
	r->state = str(r->obj, "state");
	r->remark = str(r->obj, "remark") ? str(r->obj, "remark") : "";
	idno = str(r->obj, "id_number");
	if (!id_like(r->source_id, XCH_SOURCE_ID_MAX))
		return fail(field, why, "source_id", "原系统编号"
		    "只能由字母、数字和 - _ . / 组成，至多 60 个字符。");
	if (!vocab_code_valid(r->item_code, 40))
		return fail(field, why, "item_code", "事项编码"
		    "只能由字母、数字和 - 组成。");
	if (!vocab_code_valid(r->dept_code, 32))
		return fail(field, why, "dept_code", "部门代码"
		    "只能由字母、数字和 - 组成。");
	if (strlen(idno) != 18)
		return fail(field, why, "id_number",
		    id_number_problem(IDNO_FORMAT));
	memcpy(r->id_number, idno, 19);
	id_number_upper(r->id_number);
	gmtime_r(&now, &tm);
	today = (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100L +
	    tm.tm_mday;
	if (id_number_check(r->id_number, today) != IDNO_OK)
		return fail(field, why, "id_number",
		    id_number_problem(id_number_check(r->id_number, today)));
	if (!mobile_valid(r->mobile))
		return fail(field, why, "mobile", "手机号码应为 "
		    "11 位数字，以 13 至 19 开头。");
	if (strcmp(r->channel, "online") != 0 &&
	    strcmp(r->channel, "window") != 0)
		return fail(field, why, "channel", "办理渠道应为 "
		    "online（网上）或 window（窗口）。");
	if (vocab_state_label(r->state) == NULL)
		return fail(field, why, "state", "状态应为 "
		    "received、correcting、processing、suspended、reported、"
		    "approved、denied、not_accepted、withdrawn 之一。");
	return times(r, now, field, why);
}

int
xch_row_parse(const char *line, size_t len, time_t now, struct xch_row *r,
    const char **field, const char **why)
{
	json_error_t	 err;

	memset(r, 0, sizeof(*r));
	if (len > XCH_LINE_MAX)
		return fail(field, why, "", "这一行太长（超过 16384 字节）。");
	if (text_check(line, len, 0, len, 0, TEXT_LINE) == TEXT_UTF8)
		return fail(field, why, "", "这一行不是有效的 UTF-8 文字。");
	r->obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (r->obj == NULL || !json_is_object(r->obj)) {
		xch_row_free(r);
		return fail(field, why, "", "这一行不是一个 JSON 对象"
		    "（{\"字段\": \"值\", …}），或有重复的字段。");
	}
	if (check(r, now, field, why) == -1) {
		xch_row_free(r);
		return -1;
	}
	return 0;
}

void
xch_row_free(struct xch_row *r)
{
	json_decref(r->obj);
	r->obj = NULL;
}
