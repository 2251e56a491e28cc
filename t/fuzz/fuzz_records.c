/*
 * fuzz_records.c: libFuzzer target for the validators of records that
 * cross the gap (cgi/gap/records.c), in persistent mode.
 *
 * Build and run from the top of the tree (t/fuzz/run.sh does this):
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	    -Icgi/core -Icgi/domain -Icgi/gap -I/usr/include/ClearSilver \
 *	    cgi/gap/records.c \
 *	    cgi/core/{text,ids,arena,log,files,crypto,crypto_sm}.c \
 *	    cgi/domain/{vocab,wfnet}.c t/fuzz/fuzz_records.c \
 *	    $(pkg-config --cflags --libs libcrypto jansson) -lmagic \
 *	    -o fuzz_records
 *
 * An input is one record line, as records.jsonl carries it.  It is parsed
 * as import parses it and given to every validator, against a stub site
 * (one item version with two materials, one application) and a bundle of
 * two files.  A validator must say yes, or no with a field and a reason;
 * every file it accepts must be a member of the bundle, within the limit.
 * When ./t/fuzz/corpus/records exists, Initialize writes a valid record of
 * each kind there as seeds.
 */
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records.h"

#define CORPUS_DIR	"t/fuzz/corpus/records"
#define SHA1 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA2 "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct material mats[] = {
	{ 1, "申请书", "原件", 1, 1, "pdf", "", "", "", "", "" },
	{ 2, "营业执照", "复印件", 1, 0, "pdf", "", "", "", "", "",
	    "152502-SCJG-XK-006" },
};

static enum db_rc
stub_item(void *arg, struct pool *pool, const char *code, int version,
    struct item *it)
{
	(void)arg;
	(void)pool;
	if (strcmp(code, "152502-SCJG-XK-001") != 0 || version != 1)
		return version == 7 ? DB_ERR : DB_NONE;
	memset(it, 0, sizeof(*it));
	it->code = "152502-SCJG-XK-001";
	it->version = 1;
	it->status = "published";
	it->name = "食品经营许可";
	it->dept_name = "市场监管局";
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
	return strcmp(app_no, "YW2026112100001") == 0 ? DB_OK : DB_NONE;
}

static enum db_rc
stub_complaint(void *arg, struct pool *pool, const char *no)
{
	(void)arg;
	(void)pool;
	return strcmp(no, "TS2026112100001") == 0 ? DB_OK : DB_NONE;
}

/* 免证办 (DOC-2): the library holds one licence, the applicant's. */
static enum db_rc
stub_licence(void *arg, struct pool *pool, const char *no, const char *kind,
    const char *credit, const char *idno, const char *at, const char **why)
{
	(void)arg;
	(void)pool;
	(void)kind;
	(void)credit;
	(void)at;
	*why = "证照库中没有这个编号的证照";
	return strcmp(no, "锡市监执〔2026〕0007号") == 0 && idno != NULL &&
	    strcmp(idno, "152502198807120048") == 0 ? DB_OK : DB_NONE;
}

/* 一件事 (EXT-12): one event, of the stub's item and another. */
static char	*ev_items[] = { "152502-SCJG-XK-001", "152502-XF-XK-001" };

static enum db_rc
stub_event(void *arg, struct pool *pool, const char *code, int version,
    char **name, char ***items, size_t *n)
{
	(void)arg;
	(void)pool;
	if (strcmp(code, "YJS-KBCG") != 0 || version != 1)
		return version == 7 ? DB_ERR : DB_NONE;
	*name = "开办餐馆";
	*items = ev_items;
	*n = 2;
	return DB_OK;
}

static const struct rec_site site = { stub_item, stub_app, NULL, NULL,
    stub_complaint, stub_licence, NULL, stub_event };

/* wfnet.c names roles in its reasons through account.c, which needs a
 * database; the reasons' words do not matter here. */
const char	*account_role_label(unsigned);

const char *
account_role_label(unsigned role)
{
	(void)role;
	return "角色";
}
static const rec_validator validators[] = { rec_valid_item,
    rec_valid_application, rec_valid_case_event, rec_valid_withdraw,
    rec_valid_correct, rec_valid_case_event, rec_valid_complaint,
    rec_valid_complaint_state,
    /* Publication (PUB-1, PUB-2). */
    rec_valid_pub_result, rec_valid_pub_result, rec_valid_pub_hall,
    rec_valid_pub_news, rec_valid_pub_withdraw, rec_valid_pub_agents,
    /* Poison records (GAP-5). */
    rec_valid_gap_aside,
    /* An application made in an enterprise's name (ACC-1). */
    rec_valid_application,
    /* Proxy agents (AGT-1): an agent's application, an agent, an
     * application the resident confirmed by SMS. */
    rec_valid_application, rec_valid_agent_account, rec_valid_application,
    /* Seal keys (DOC-1). */
    rec_valid_seal_key,
    /* SMS to the applicant (NTF-1). */
    rec_valid_sms_send, rec_valid_sms_send,
    /* Licences (DOC-2): issued (an enterprise's, sealed; a person's,
     * 长期, unsealed) and revoked. */
    rec_valid_licence_issue, rec_valid_licence_issue,
    rec_valid_licence_revoke,
    /* The window's claims and their answers (ACC-1). */
    rec_valid_claim, rec_valid_claim, rec_valid_claim_result,
    /* An application offering a licence instead of a file (DOC-2). */
    rec_valid_application,
    /* Ratings and their follow-up (EXT-8). */
    rec_valid_rating, rec_valid_rating_state,
    /* Window intake (INT-1): a walk-in's case, an enterprise's. */
    rec_valid_window,
    /* A 全程代理 project's progress (INT-14). */
    rec_valid_agency_progress,
    /* Bookings of a window visit (EXT-10). */
    rec_valid_booking_window, rec_valid_booking, rec_valid_booking_state,
    rec_valid_app_delivery, rec_valid_case_delivery,
    /* 一件事 (EXT-12): an application of a bundle, a life event. */
    rec_valid_application, rec_valid_event };

/* A valid record for each validator, in their order. */
static const char *const seeds[] = {
	"{\"type\":\"item\",\"code\":\"152502-SCJG-XK-001\",\"version\":2,"
	"\"status\":\"published\",\"name\":\"食品经营许可\",\"kind\":\"行政许可\","
	"\"dept_code\":\"SCJGJ\",\"dept_name\":\"市场监管局\",\"level\":\"县级\","
	"\"parent\":\"\",\"phase\":\"\",\"basis\":\"食品安全法\",\"conditions\":"
	"\"\",\"statutory_days\":20,\"promised_days\":10,\"instant\":false,"
	"\"fee\":\"不收费\",\"fee_basis\":\"\",\"fee_standard\":\"\",\"place\":"
	"\"二楼\",\"hours\":\"周一至周五\",\"phone\":\"0479-1\","
	"\"complaint_phone\":\"0479-2\",\"visits\":0,\"depth\":\"A\","
	"\"themes\":[\"开办企业\"],\"keywords\":\"\",\"materials\":[{\"name\":"
	"\"申请书\",\"original\":\"原件\",\"copies\":1,\"required\":true,"
	"\"types\":\"pdf\",\"note\":\"\",\"form\":\"a.pdf\",\"form_sha\":\""
	SHA2 "\",\"sample\":\"\",\"sample_sha\":\"\"}],\"files\":[\"" SHA2
	"\"],\"procedure\":{\"steps\":[{\"key\":\"a\",\"name\":\"受理\","
	"\"role\":2,\"dept\":\"\",\"dept_name\":\"\",\"days\":1,\"doc\":"
	"\"accept\"},{\"key\":\"b\",\"name\":\"批准\",\"role\":8,\"dept\":\"\","
	"\"dept_name\":\"\",\"days\":1,\"doc\":\"decision\"}],\"flows\":[["
	"\"start\",\"a\"],[\"a\",\"b\"],[\"b\",\"end\"]],\"returns\":[[\"b\","
	"\"a\"]]}}",
	"{\"type\":\"application\",\"app_no\":\"YW2026112100001\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"格日勒图雅\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"remark\":\"新开一家奶茶店\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"attachments\":[{\"material_seq\":1,\"material_name\":\"申请书\","
	"\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":100,"
	"\"mime\":\"application/pdf\"}],\"files\":[\"" SHA1 "\"]}",
	"{\"type\":\"case.event\",\"app_no\":\"YW2026112100001\",\"seq\":2,"
	"\"at\":\"2026-11-22 03:00:00\",\"label\":\"不予受理\",\"actor\":\"局\","
	"\"note\":\"材料不全\",\"state\":\"not_accepted\",\"state_label\":"
	"\"不予受理\",\"doc\":{\"kind\":\"reject\",\"doc_no\":\"不受字1号\","
	"\"title\":\"不予受理通知书\",\"body\":\"{\\\"app_no\\\":"
	"\\\"YW2026112100001\\\",\\\"applicant_name\\\":\\\"格\\\","
	"\\\"dept_name\\\":\\\"局\\\",\\\"due_date\\\":\\\"2026-12-04\\\","
	"\\\"item_name\\\":\\\"食品\\\",\\\"materials\\\":[],"
	"\\\"promised_days\\\":10,\\\"reason\\\":\\\"材料不全\\\","
	"\\\"received_at\\\":\\\"2026-11-21 10:00\\\",\\\"signer\\\":\\\"巴\\\","
	"\\\"submitted_at\\\":\\\"2026-11-21 10:00\\\"}\",\"issued_at\":"
	"\"2026-11-22 03:00:00\",\"issued_by\":\"局\"}}",
	"{\"type\":\"application.withdraw\",\"app_no\":\"YW2026112100001\","
	"\"at\":\"2026-11-23 02:00:00\",\"reason\":\"店面租约取消\"}",
	"{\"type\":\"application.correct\",\"app_no\":\"YW2026112100001\","
	"\"at\":\"2026-11-24 02:00:00\",\"attachments\":[{\"material_seq\":1,"
	"\"material_name\":\"申请书\",\"file_name\":\"a.pdf\",\"sha256\":\""
	SHA1 "\",\"size\":100,\"mime\":\"application/pdf\"}],\"files\":[\""
	SHA1 "\"]}",
	"{\"type\":\"case.event\",\"app_no\":\"YW2026112100001\",\"seq\":2,"
	"\"at\":\"2026-11-22 03:00:00\",\"label\":\"需要补正材料\",\"actor\":"
	"\"局\",\"note\":\"\",\"state\":\"correcting\",\"state_label\":"
	"\"需补正材料，等待申请人补正\",\"corrections\":[{\"material_seq\":1,"
	"\"material_name\":\"申请书\",\"reason\":\"缺少签字\"}]}",
	/* complaint (SUP-5): about a case, by the form. */
	"{\"type\":\"complaint\",\"no\":\"TS2026112100001\",\"about\":"
	"\"case\",\"app_no\":\"YW2026112100001\",\"dept_code\":\"\","
	"\"dept_name\":\"\",\"person\":\"\",\"subject\":\"拖延受理\","
	"\"body\":\"至今没有受理。\",\"complainant\":{\"name\":\"格\","
	"\"id_number\":\"152502198807120048\"},\"phone\":\"13904791234\","
	"\"filed_at\":\"2026-11-21 02:00:00\"}",
	/* complaint.state: the reply going back. */
	"{\"type\":\"complaint.state\",\"no\":\"TS2026112100001\",\"seq\":3,"
	"\"state\":\"replied\",\"state_label\":\"已答复\",\"at\":"
	"\"2026-11-25 02:00:00\",\"reply\":\"已责令改正。\",\"due\":\"\"}",
	"{\"type\":\"pub.result\",\"id\":7,\"private\":false,"
	"\"item_code\":\"152502-SCJG-XK-005\",\"item_name\":\"食品经营许可\","
	"\"dept_code\":\"SCJGJ\",\"dept_name\":\"市场监管局\","
	"\"hall_code\":\"XLHT-ZWFWZX\",\"decision\":\"approved\","
	"\"decided_on\":\"2026-12-29\",\"due_on\":\"2027-01-03\","
	"\"doc_no\":\"锡市监许准〔2026〕0001号\",\"applicant\":\"张**\"}",
	"{\"type\":\"pub.result\",\"id\":8,\"private\":true,"
	"\"item_code\":\"\",\"item_name\":\"\",\"dept_code\":\"MZJ\","
	"\"dept_name\":\"民政局\",\"hall_code\":\"\",\"decision\":"
	"\"denied\",\"decided_on\":\"2026-02-26\",\"due_on\":"
	"\"2026-03-03\",\"doc_no\":\"\",\"applicant\":\"\"}",
	"{\"type\":\"pub.hall\",\"hall_code\":\"XLHT-ZWFWZX\",\"hall_name\":"
	"\"政务服务中心\",\"day\":\"2026-12-07\",\"as_of\":"
	"\"2026-12-07 10:31:00\",\"received\":12,\"decided\":9,"
	"\"in_progress\":40}",
	"{\"type\":\"pub.news\",\"id\":3,\"kind\":\"policy\",\"title\":"
	"\"食品经营许可管理办法\",\"body\":\"第一条\\n第二条\",\"dept_name\":"
	"\"市场监管局\",\"published_at\":\"2026-12-07 10:00:00\","
	"\"items\":[\"152502-SCJG-XK-005\"]}",
	"{\"type\":\"pub.news.withdraw\",\"id\":3}",
	"{\"type\":\"pub.agents\",\"as_of\":\"2026-12-07 10:00:00\","
	"\"agents\":[{\"name\":\"其木格\",\"area\":\"宝力根苏木\","
	"\"cases\":3,\"decided\":2}]}",
	/* gap.aside: the other site set one of our records aside. */
	"{\"type\":\"gap.aside\",\"dir\":\"ext2int\",\"epoch\":1,"
	"\"seq\":7,\"recno\":2,\"kind\":\"application.correct\","
	"\"state\":\"aside\",\"reason\":\"申请 YW2026112100001 的办件没有"
	"在等待补正材料\",\"at\":\"2026-12-07 10:00:00\"}",
	/* Made in an enterprise's name (ACC-1). */
	"{\"type\":\"application\",\"app_no\":\"YW2026112100002\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"格日勒图雅\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"entity\":{\"kind\":\"enterprise\",\"credit_code\":"
	"\"91152502MA0N3K7P83\",\"name\":\"锡林浩特市草原明珠乳业有限公司\"},"
	"\"remark\":\"\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"attachments\":[{\"material_seq\":1,\"material_name\":\"申请书\","
	"\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":100,"
	"\"mime\":\"application/pdf\"}],\"files\":[\"" SHA1 "\"]}",
	/* application by an agent, with the resident's consent form. */
	"{\"type\":\"application\",\"app_no\":\"YW2026112100002\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"巴特尔\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"remark\":\"\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"attachments\":[{\"material_seq\":1,\"material_name\":\"申请书\","
	"\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":100,"
	"\"mime\":\"application/pdf\"}],\"files\":[\"" SHA1 "\",\"" SHA2
	"\"],\"agent\":{\"id\":1,\"name\":\"其木格\",\"area\":"
	"\"宝力根苏木\",\"resident_region\":\"伊利勒特嘎查\",\"consent\":"
	"{\"kind\":\"form\",\"state\":\"given\",\"file_name\":\"授权.pdf\","
	"\"sha256\":\"" SHA2 "\",\"size\":200}}}",
	/* agent.account: made, with its activation code's hash. */
	"{\"type\":\"agent.account\",\"id\":1,\"name\":\"其木格\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\","
	"\"county\":\"152502\",\"area\":\"宝力根苏木\",\"regions\":[{"
	"\"code\":\"152502200\",\"name\":\"宝力根苏木\"},{\"code\":"
	"\"152502200200\",\"name\":\"伊利勒特嘎查\"}],\"active\":true,"
	"\"at\":\"2026-12-07 10:00:00\",\"code_hash\":\"scrypt$17$8$1$"
	"00112233445566778899aabbccddeeff$0011223344556677889900112233445566"
	"77889900aabbccddeeff0011223344\"}",
	/* application by an agent, the resident's consent by SMS. */
	"{\"type\":\"application\",\"app_no\":\"YW2026112100003\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"巴特尔\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"remark\":\"\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"attachments\":[{\"material_seq\":1,\"material_name\":\"申请书\","
	"\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":100,"
	"\"mime\":\"application/pdf\"}],\"files\":[\"" SHA1 "\"],"
	"\"agent\":{\"id\":1,\"name\":\"其木格\",\"area\":\"宝力根苏木\","
	"\"resident_region\":\"伊利勒特嘎查\",\"consent\":{\"kind\":"
	"\"sms\",\"state\":\"confirmed\",\"at\":\"2026-11-21 02:30:00\","
	"\"mobile_hash\":\"" SHA2 "\"}}}",
	/* seal.key: a department's seal public key (Ed25519). */
	"{\"type\":\"seal.key\",\"kid\":\"ebcc087146f999dc\","
	"\"dept_code\":\"SCJGJ\",\"dept_name\":\"市场监督管理局\","
	"\"alg\":\"ed25519\",\"pub\":\"-----BEGIN PUBLIC KEY-----\\n"
	"MCowBQYDK2VwAyEAYnDNHongSdIncxo/CUyQVfzQOecxI+5zcWmca8QjYOk=\\n"
	"-----END PUBLIC KEY-----\\n\",\"created_at\":"
	"\"2026-12-06 23:00:00\",\"retired_at\":\"\",\"revoked_at\":\"\","
	"\"revoke_why\":\"\"}",
	/* sms.send: a template and a case, never a number or a text. */
	"{\"type\":\"sms.send\",\"app_no\":\"YW2026112100001\","
	"\"template\":\"accepted\",\"dept_name\":\"市场监管局\","
	"\"amount\":0,\"due_date\":\"\"}",
	"{\"type\":\"sms.send\",\"app_no\":\"YW2026112100001\","
	"\"template\":\"fee\",\"dept_name\":\"自然资源局\","
	"\"amount\":12050,\"due_date\":\"2026-12-18\"}",
	/* licence.issue: the body says what the record says. */
	"{\"type\":\"licence.issue\",\"licence_no\":\"锡市监食许〔2026〕0001号\","
	"\"name\":\"食品经营许可证\",\"app_no\":\"YW2026112100001\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_name\":\"食品经营许可\","
	"\"holder\":\"草原奶茶有限公司\",\"credit_code\":\"91152502MA0N3K7P83\","
	"\"dept_code\":\"SCJGJ\",\"issued_by\":\"市场监管局\",\"issued_at\":"
	"\"2026-12-07 02:30:00\",\"valid_from\":\"2026-12-07\",\"valid_to\":"
	"\"2031-12-06\",\"body\":\"{\\\"credit_code\\\":"
	"\\\"91152502MA0N3K7P83\\\","
	"\\\"dept_name\\\":\\\"市场监管局\\\",\\\"holder\\\":\\\"草原奶茶有限公司\\\","
	"\\\"item_name\\\":\\\"食品经营许可\\\",\\\"licence_name\\\":"
	"\\\"食品经营许可证\\\",\\\"scope\\\":\\\"预包装食品销售\\\","
	"\\\"valid_from\\\":\\\"2026-12-07\\\","
	"\\\"valid_to\\\":\\\"2031-12-06\\\"}\","
	"\"seal\":{\"dept\":\"SCJGJ\",\"kid\":\"0123456789abcdef\",\"sig\":\""
	"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
	"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\","
	"\"code\":\"7K3M9QXA\"}}",
	"{\"type\":\"licence.issue\",\"licence_no\":\"锡公特许〔2026〕0001号\","
	"\"name\":\"特种行业许可证\",\"app_no\":\"YW2026112100001\","
	"\"item_code\":\"152502-GA-XK-003\",\"item_name\":\"旅馆业\","
	"\"holder\":\"格日勒图雅\",\"credit_code\":\"\",\"dept_code\":\"GAJ\","
	"\"issued_by\":\"公安局\",\"issued_at\":\"2026-12-07 02:30:00\","
	"\"valid_from\":\"2026-12-07\",\"valid_to\":\"\",\"body\":"
	"\"{\\\"credit_code\\\":\\\"\\\",\\\"dept_name\\\":\\\"公安局\\\","
	"\\\"holder\\\":\\\"格日勒图雅\\\",\\\"item_name\\\":\\\"旅馆业\\\","
	"\\\"licence_name\\\":\\\"特种行业许可证\\\",\\\"scope\\\":\\\"\\\","
	"\\\"valid_from\\\":\\\"2026-12-07\\\",\\\"valid_to\\\":\\\"长期\\\"}\"}",
	/* licence.revoke: 吊销 or 注销, when and why. */
	"{\"type\":\"licence.revoke\",\"licence_no\":\"锡市监食许〔2026〕0001号\","
	"\"state\":\"revoked\",\"ended_at\":\"2026-12-08 03:00:00\","
	"\"why\":\"依法吊销\"}",
	/* account.claim: a person's, an enterprise's; an answer. */
	"{\"type\":\"account.claim\",\"id\":1,\"kind\":\"person\","
	"\"id_number\":\"152502198807120048\",\"name\":\"乌兰\","
	"\"mobile\":\"13904791234\",\"clerk\":\"sarengaowa\","
	"\"clerk_name\":\"萨仁高娃\",\"at\":\"2026-12-07 10:00:00\"}",
	"{\"type\":\"account.claim\",\"id\":2,\"kind\":\"enterprise\","
	"\"id_number\":\"152502198807120048\",\"credit_code\":"
	"\"91152502MA0N3K7P83\",\"ent_name\":\"锡林浩特市草原明珠乳业有限公司\","
	"\"address\":\"锡林浩特市额尔敦路 8 号\",\"clerk\":\"sarengaowa\","
	"\"clerk_name\":\"萨仁高娃\",\"at\":\"2026-12-07 10:00:00\"}",
	"{\"type\":\"account.claim.result\",\"id\":1,\"state\":"
	"\"refused\",\"reason\":\"这个身份证号码在网上没有注册过\","
	"\"at\":\"2026-12-07 10:05:00\"}",
	"{\"type\":\"application\",\"app_no\":\"YW2026112100001\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"格日勒图雅\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"remark\":\"\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"attachments\":[{\"material_seq\":1,\"material_name\":\"申请书\","
	"\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":100,"
	"\"mime\":\"application/pdf\"}],\"files\":[\"" SHA1 "\"],"
	"\"licences\":[{\"material_seq\":2,\"material_name\":\"营业执照\","
	"\"licence_no\":\"锡市监执〔2026〕0007号\"}]}",
	/* A poor rating (EXT-8) and its follow-up's result going back. */
	"{\"type\":\"rating\",\"app_no\":\"YW2026112100001\",\"round\":1,"
	"\"level\":2,\"reasons\":[\"slow\",\"other\"],\"comment\":"
	"\"跑了三趟\",\"rated_at\":\"2026-12-07 02:00:00\","
	"\"rater\":\"agent\"}",
	"{\"type\":\"rating.state\",\"app_no\":\"YW2026112100001\","
	"\"round\":1,\"seq\":3,\"state\":\"done\",\"state_label\":"
	"\"已整改\",\"result\":\"已整改。\",\"visit_due\":\"2026-12-10\","
	"\"fix_due\":\"2026-12-21\"}",
	/* case.window (INT-1). */
	"{\"type\":\"case.window\",\"app_no\":\"YW2026112190001\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"其其格\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"entity\":{\"kind\":\"enterprise\",\"credit_code\":"
	"\"91152502MA0N3K7P83\",\"name\":\"锡林浩特市草原明珠乳业有限公司\"},"
	"\"remark\":\"\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"dept\":\"市场监管局\"}",
	"{\"type\":\"agency.progress\",\"project\":3,\"credit_code\":"
	"\"91152502MA0N3K7P83\",\"name\":\"液态奶加工项目\",\"location\":"
	"\"乳业园区\",\"coordinator\":\"巴音朝鲁\",\"as_of\":"
	"\"2026-12-07 10:00:00\",\"items\":[{\"item\":\"食品经营许可\","
	"\"dept\":\"市场监管局\",\"state\":\"doing\",\"app_no\":"
	"\"YW2026120700004\",\"step\":\"审查中\"},{\"item\":\"临时占用草原"
	"审核\",\"dept\":\"林草局\",\"state\":\"todo\",\"app_no\":\"\","
	"\"step\":\"待申请\"}],\"closed_at\":\"2026-12-08 09:30:00\","
	"\"close_reason\":\"项目终止：企业撤回投资\"}",
	/* booking.window, booking, booking.state. */
	"{\"type\":\"booking.window\",\"dept_code\":\"SCJGJ\","
	"\"window_code\":\"B01\",\"dept_name\":\"锡林浩特市市场监督管理局\","
	"\"window_name\":\"市场主体登记窗口\",\"place\":\"市政务服务中心\","
	"\"minutes\":30,\"week\":[{\"capacity\":2,\"times\":[\"09:00\","
	"\"09:30\"]},{\"capacity\":2,\"times\":[\"09:00\"]},{\"capacity\":"
	"2,\"times\":[\"09:00\"]},{\"capacity\":2,\"times\":[\"09:00\"]},"
	"{\"capacity\":1,\"times\":[\"09:00\"]},{\"capacity\":0,\"times\":"
	"[]},{\"capacity\":0,\"times\":[]}],"
	"\"days\":[\"2026-10-08\"],\"at\":\"2026-09-30 01:00:00\"}",
	"{\"type\":\"booking\",\"code\":\"7K3M9QXA\",\"name\":\"其其格\","
	"\"dept_code\":\"SCJGJ\",\"window_code\":\"B01\",\"day\":"
	"\"2026-10-08\",\"slot\":\"09:30\",\"item_code\":"
	"\"152502-SCJG-XK-001\",\"item_name\":\"食品经营许可证核发\","
	"\"app_no\":\"\",\"state\":\"booked\",\"at\":\"2026-09-30 01:10:00\"}",
	"{\"type\":\"booking.state\",\"code\":\"7K3M9QXA\",\"state\":"
	"\"arrived\",\"clerk_name\":\"萨仁高娃\",\"at\":\"2026-10-08 01:40:00\"}",
	/* application.delivery, case.delivery. */
	"{\"type\":\"application.delivery\",\"app_no\":\"YW2026093000001\","
	"\"method\":\"post\",\"recipient\":\"乌兰\",\"phone\":\"13904791234\","
	"\"address\":\"锡林浩特市额尔敦路 8 号\",\"at\":\"2026-09-30 01:20:00\"}",
	"{\"type\":\"case.delivery\",\"app_no\":\"YW2026093000001\","
	"\"handed\":\"posted\",\"courier\":\"SF\",\"waybill\":"
	"\"SF123456789012\",\"clerk_name\":\"萨仁高娃\","
	"\"at\":\"2026-10-08 02:00:00\"}",
	/* application of a bundle, event. */
	"{\"type\":\"application\",\"app_no\":\"YW2026112100001\","
	"\"item_code\":\"152502-SCJG-XK-001\",\"item_version\":1,"
	"\"item_name\":\"食品经营许可\",\"applicant\":{\"name\":\"格日勒图雅\","
	"\"id_number\":\"152502198807120048\",\"mobile\":\"13904791234\"},"
	"\"remark\":\"\",\"submitted_at\":\"2026-11-21 02:00:00\","
	"\"attachments\":[{\"material_seq\":1,\"material_name\":\"申请书\","
	"\"file_name\":\"a.pdf\",\"sha256\":\"" SHA1 "\",\"size\":100,"
	"\"mime\":\"application/pdf\"}],\"files\":[\"" SHA1 "\"],"
	"\"bundle\":{\"no\":\"YJ2026112100001\",\"event_code\":\"YJS-KBCG\","
	"\"event_version\":1,\"event_name\":\"开办餐馆\",\"items\":["
	"\"152502-SCJG-XK-001\",\"152502-XF-XK-001\"]}}",
	"{\"type\":\"event\",\"code\":\"YJS-KBCG\",\"version\":2,"
	"\"name\":\"开办餐馆\",\"intro\":\"一次申请\",\"items\":[{\"code\":"
	"\"152502-SCJG-XK-001\",\"version\":1},{\"code\":"
	"\"152502-XF-XK-001\",\"version\":3}]}",
};

static struct pool	*pool;

/* A check of one record against the stub site and bundle. */
static void
check_init(struct rec_check *c, struct rec_member members[2])
{
	memset(members, 0, 2 * sizeof(*members));
	strcpy(members[0].sha256, SHA1);
	members[0].size = 100;
	strcpy(members[1].sha256, SHA2);
	members[1].size = 200;
	memset(c, 0, sizeof(*c));
	c->pool = pool;
	c->site = &site;
	c->members = members;
	c->nmembers = 2;
	c->max_file = 250;
	c->today = 20261121;	/* a fixed day: runs repeat */
	c->recno = 1;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct stat	 st;
	char		 p[256];
	size_t		 i;
	FILE		*f;

	struct rec_member	 members[2];
	struct rec_check	 c;
	json_t			*rec;

	(void)argc;
	(void)argv;
	pool = pool_new();
	/* The seeds are valid, or the fuzzer would start from nothing. */
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		check_init(&c, members);
		if ((rec = rec_parse(&c, seeds[i])) == NULL ||
		    validators[i](&c, rec) == -1) {
			fprintf(stderr, "seed %zu refused: %s: %s\n", i,
			    c.field ? c.field : "", c.why ? c.why : "");
			abort();
		}
		json_decref(rec);
	}
	pool_reset(pool);
	if (stat(CORPUS_DIR, &st) == -1 || !S_ISDIR(st.st_mode))
		return 0;
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		snprintf(p, sizeof(p), CORPUS_DIR "/seed-%zu", i);
		if ((f = fopen(p, "w")) != NULL) {
			fputs(seeds[i], f);
			fclose(f);
		}
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec_member	 members[2];
	struct rec_check	 c;
	json_t			*rec;
	char			*line;
	size_t			 v, i, j;

	/* A line of records.jsonl: no NUL (import refuses one). */
	if (memchr(data, '\0', size) != NULL)
		return 0;
	line = pool_strndup(pool, (const char *)data, size);
	for (v = 0; v < sizeof(validators) / sizeof(validators[0]); v++) {
		check_init(&c, members);
		if ((rec = rec_parse(&c, line)) == NULL) {
			if (c.why == NULL)
				abort();	/* every refusal says why */
			break;
		}
		if (validators[v](&c, rec) == -1) {
			if (c.why == NULL || c.field == NULL)
				abort();
		} else {
			for (i = 0; i < c.nfiles; i++) {
				for (j = 0; j < 2; j++)
					if (c.files[i].sha256 ==
					    members[j].sha256 &&
					    members[j].named &&
					    members[j].size <= c.max_file)
						break;
				if (j == 2 || c.files[i].types == NULL)
					abort();
			}
		}
		(void)rec_all_named(&c);
		json_decref(rec);
	}
	pool_reset(pool);
	return 0;
}
