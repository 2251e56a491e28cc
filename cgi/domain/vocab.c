/*
 * vocab.c: the closed sets of words of vocab.h.
 */
#include <ctype.h>
#include <string.h>

#include "request.h"
#include "vocab.h"

const char *const vocab_kinds[] = { "行政许可", "非行政许可审批", "公共服务",
    "便民服务", "代办事项", NULL };
const char *const vocab_levels[] = { "市级", "县级", "乡级", "村级", NULL };
const char *const vocab_phases[] = { "登记", "变更", "备案", "年检", "注销",
    "延续", "新办", NULL };
const char *const vocab_themes[] = { "出生", "上学", "就业", "婚育",
    "开办企业", "建房", "养老", "社会救助", "医疗卫生", "交通出行",
    "农牧业生产", "户籍", "退休", "身后事", NULL };
const char *const vocab_originals[] = { "原件", "复印件", "原件及复印件",
    NULL };
/* The SMS an intranet event sends the applicant (NTF-1, sms.send): the
 * extranet's templates (sms.c case_text()). */
const char *const vocab_sms_templates[] = { "accepted", "not_accepted",
    "correction", "approved", "denied", "fee", "licence", NULL };
const char *const vocab_step_docs[] = { "", "accept", "decision", NULL };
/* 行政许可法 Art. 45, and the site inspection counties add. */
const char *const vocab_specials[] = { "听证", "招标", "拍卖", "检验", "检测",
    "检疫", "鉴定", "专家评审", "现场勘查", NULL };

static const struct {
	const char	*state, *label;
} states[] = {
	{ "received", "已收件，等待受理" },
	{ "correcting", "需补正材料，等待申请人补正" },
	{ "suspended", "特别程序中，办理时限暂停计算" },
	{ "reported", "已上报上级机关，等待决定" },
	{ "processing", "已受理，正在审查" },
	{ "not_accepted", "不予受理" },
	{ "approved", "准予许可，已办结" },
	{ "denied", "不予许可，已办结" },
	{ "withdrawn", "申请人已撤回，办理终止" },
};

static const struct vocab_doc docs[] = {
	{ "accept", "受理通知书", "受字" },
	{ "reject", "不予受理通知书", "不受字" },
	{ "approve", "准予行政许可决定书", "准字" },
	{ "deny", "不予行政许可决定书", "不准字" },
	{ "withdraw", "准予撤回决定书", "撤字" },
	{ "extend", "延期审批告知书", "延字" },
	{ "correct", "补正材料通知书", "补字" },
	{ "special", "特别程序告知书", "特字" },
	{ "fee", "缴费通知书", "缴字" },
};

int
vocab_in(const char *const *list, const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

int
vocab_code_valid(const char *s, size_t max)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) == 0 || n > max)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

int
vocab_key_valid(const char *s)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) == 0 || n > VOCAB_KEY_MAX)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

int
vocab_step_role(unsigned role)
{
	return role == ROLE_CLERK || role == ROLE_HANDLER ||
	    role == ROLE_CHIEF || role == ROLE_LEADER;
}

const char *
vocab_state_label(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i].state, s) == 0)
			return states[i].label;
	return NULL;
}

const struct vocab_doc *
vocab_doc_kind(const char *kind)
{
	size_t	 i;

	for (i = 0; kind != NULL && i < sizeof(docs) / sizeof(docs[0]); i++)
		if (strcmp(docs[i].kind, kind) == 0)
			return &docs[i];
	return NULL;
}
