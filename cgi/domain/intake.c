/*
 * intake.c: window intake of walk-in applications (INT-1); see intake.h.
 * The case is flow.c's (case_add_window()), the paper paper.c's, the
 * record the gap's (case.window, records.c); this file checks, numbers
 * and holds them in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "agency.h"
#include "exchange.h"
#include "flow.h"
#include "ids.h"
#include "log.h"
#include "intake.h"
#include "paper.h"
#include "pii.h"
#include "sealed.h"
#include "text.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"

static const char SQL_DAY_NOW[] =
    "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d'), "
    "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')";
/* This site's own counter of the day (the extranet's is its own). */
static const char SQL_WINDOW_NO[] =
    "INSERT INTO app_counter (day, next) VALUES (?, LAST_INSERT_ID(1)) "
    "ON DUPLICATE KEY UPDATE next = LAST_INSERT_ID(next + 1)";
static const char SQL_BY_KEY[] =
    "SELECT app_no FROM kase WHERE intake_key = ?";
static const char SQL_KEY_SET[] =
    "UPDATE kase SET intake_key = ? WHERE id = ?";
static const char SQL_RECEIPT[] =
    "SELECT k.id, k.app_no, k.item_name, k.applicant_name, k.id_sealed, "
    "k.entity_name, " LOCAL("k.received_at") ", e.staff_name, "
    "DATE_FORMAT(k.promised_due, '%Y-%m-%d'), d.name, "
    "i.depth <> 'D' AND i.secret = 0, "
    "(SELECT CONCAT(fd.name, '（委托代理协议 ', p.agreement_no, '）') "
    "FROM agency_item ai JOIN agency_project p ON p.id = ai.project_id "
    "JOIN staff fs ON fs.id = ai.filed_by "
    "JOIN department fd ON fd.id = fs.dept_id WHERE ai.case_id = k.id) "
    "FROM kase k "
    "JOIN case_event e ON e.case_id = k.id AND e.action = 'receive' "
    "JOIN item i ON i.id = k.item_id "
    "JOIN department d ON d.code = i.dept_code "
    "WHERE k.app_no = ? AND k.source = 'window' AND i.dept_code = ?";

/* An optional one-line field: NULL when absent or blank. */
static const char *
given(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

const char *
intake_check(struct pool *pool, struct intake *in, long today)
{
	enum idno_check		 ck;
	enum credit_check	 cc;
	char			*id, *p;

	if (in->name == NULL || text_check(in->name, strlen(in->name), 2,
	    INTAKE_NAME_MAX, 0, TEXT_LINE) != TEXT_OK)
		return "请填写申请人的姓名（2 到 50 个字，与身份证一致）。";
	if (in->id_number == NULL || strlen(in->id_number) != 18)
		return "申请人的身份证号码不正确：应为 18 位（最后一位可能是 "
		    "X）。";
	id = pool_strdup(pool, in->id_number);
	id_number_upper(id);
	if ((ck = id_number_check(id, today)) != IDNO_OK)
		return pool_printf(pool, "申请人的身份证号码不正确：%s",
		    id_number_problem(ck));
	in->id_number = id;
	if (in->mobile == NULL || !mobile_valid(in->mobile))
		return "申请人的手机号码应为 11 位数字，以 13 到 19 开头。";
	in->credit_code = given(in->credit_code);
	in->ent_name = given(in->ent_name);
	if (in->credit_code != NULL || in->ent_name != NULL) {
		if (in->credit_code == NULL)
			return "企业申请请填写统一社会信用代码（营业执照上的 "
			    "18 位代码）。";
		id = pool_strdup(pool, in->credit_code);
		for (p = id; *p != '\0'; p++)	/* letters as printed */
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		if ((cc = credit_code_check(id)) != CREDIT_OK)
			return pool_printf(pool, "统一社会信用代码不正确：%s",
			    credit_code_problem(cc));
		in->credit_code = id;
		if (in->ent_name == NULL || text_check(in->ent_name,
		    strlen(in->ent_name), 2, INTAKE_ENT_MAX, 0, TEXT_LINE) !=
		    TEXT_OK)
			return "请填写企业名称（与营业执照一致，2 到 100 个字）。";
	}
	if (in->remark == NULL)
		in->remark = "";
	if (text_check(in->remark, strlen(in->remark), 0, INTAKE_REMARK_MAX,
	    0, TEXT_LINES) != TEXT_OK)
		return "申请说明太长或含有无法识别的字符，请控制在 2000 字"
		    "以内。";
	return NULL;
}

/* Whether material seq of in's item is scanned, or received on paper. */
static int
has_material(const struct intake *in, int seq)
{
	size_t	 i;

	for (i = 0; i < in->natts; i++)
		if (in->atts[i].material_seq == seq)
			return 1;
	for (i = 0; i < in->npaper; i++)
		if (in->paper[i].material_seq == seq)
			return 1;
	return 0;
}

/* What the item, the clerk and the materials must be; NULL or why. */
static const char *
refusal(struct pool *pool, const struct user *clerk, const struct intake *in)
{
	const struct item	*it = in->it;
	size_t			 i;

	if (it == NULL || strcmp(it->status, "published") != 0)
		return "请选择一个已发布的事项。";
	/* The centre files for any department of its project (agency.c
	 * checks the project); the window for its own. */
	if (in->agency != 0 ? (clerk->roles & ROLE_COORD) == 0 :
	    clerk->dept_code == NULL || strcmp(clerk->dept_code,
	    it->dept_code) != 0)
		return pool_printf(pool, "「%s」由%s受理，不是本部门的事项，"
		    "请引导申请人到%s窗口。", it->name, it->dept_name,
		    it->dept_name);
	for (i = 0; i < it->nmaterials; i++)
		if (it->materials[i].required &&
		    !has_material(in, it->materials[i].seq))
			return pool_printf(pool, "「%s」是必交材料：请扫描或"
			    "上传，或者收下纸质材料后勾选「纸质已收」。",
			    it->materials[i].name);
	if (in->agency != 0 && in->npaper > 0 && in->paper_to <= 0)
		return "勾选了「纸质已收」：请在“纸质材料交给”中选择受理部门"
		    "签收的工作人员。";
	return NULL;
}

/* The case.window record: what the extranet shows of the case. */
static json_t *
window_json(const struct intake *in, const char *app_no, const char *now)
{
	const struct item	*it = in->it;
	json_t			*rec;

	rec = json_pack("{s:s, s:s, s:s, s:I, s:s, s:{s:s, s:s, s:s}, s:s, "
	    "s:s, s:s}", "type", "case.window", "app_no", app_no,
	    "item_code", it->code, "item_version", (json_int_t)it->version,
	    "item_name", it->name, "applicant", "name", in->name,
	    "id_number", in->id_number, "mobile", in->mobile,
	    "remark", in->remark, "submitted_at", now, "dept", it->dept_name);
	if (rec != NULL && in->credit_code != NULL)
		json_object_set_new(rec, "entity", json_pack("{s:s, s:s, s:s}",
		    "kind", "enterprise", "credit_code", in->credit_code,
		    "name", in->ent_name));
	return rec;
}

/* The next window number of today (Beijing day) into *app_no. */
static enum db_rc
number(struct db *db, struct pool *pool, const char *day, char **app_no,
    const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 n;

	q = db_stmt(db, SQL_WINDOW_NO);
	stmt_bind_text(q, 0, day);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	if ((n = stmt_insert_id(q)) > 99999 - INTAKE_NO_BASE) {
		*why = "今天的窗口收件编号已经用完，请明天再登记。";
		return DB_NONE;
	}
	*app_no = pool_printf(pool, "YW%s%05lld", day,
	    (long long)(INTAKE_NO_BASE + n));
	return DB_OK;
}

/* Today's next window number, in a statement of its own before the
 * transaction (application.h app_set_gapless()). */
static enum db_rc
number_first(struct db *db, struct pool *pool, char **app_no,
    const char **why)
{
	enum db_rc	 rc;
	char		*day, *now;

	if ((rc = stmt_one(db_stmt(db, SQL_DAY_NOW), pool, "ss", &day,
	    &now)) != DB_OK)
		return rc;
	return number(db, pool, day, app_no, why);
}

/* In the transaction: the case, its paper, its record, the audit; the
 * number too unless *app_no has it. */
static enum db_rc
store(struct db *db, struct pool *pool, const struct user *clerk,
    const struct intake *in, char **app_no, int64_t *case_id,
    const char **why)
{
	const struct item	*it = in->it;
	struct case_new		 n;
	struct kase		 k;
	struct stmt		*q;
	enum db_rc		 rc;
	json_t			*rec;
	char			*day, *now, *what, err[300];
	size_t			 i;

	if ((rc = stmt_one(db_stmt(db, SQL_DAY_NOW), pool, "ss", &day,
	    &now)) != DB_OK || (*app_no == NULL && (rc = number(db, pool,
	    day, app_no, why)) != DB_OK))
		return rc;
	/* The public part first, so that the extranet has the application
	 * before the case's first timeline entry (case.event) arrives. */
	if (strcmp(it->depth, "D") != 0 && !it->secret) {
		rec = window_json(in, *app_no, now);
		rc = outbox_add(db, pool, rec);
		json_decref(rec);
		if (rc != DB_OK)
			return rc;
	}
	memset(&n, 0, sizeof(n));
	n.source = "window";
	n.app_no = *app_no;
	n.item_code = it->code;
	n.item_name = it->name;
	n.item_version = it->version;
	n.name = in->name;
	n.idno = in->id_number;
	n.mobile = in->mobile;
	n.remark = in->remark;
	n.submitted = now;
	n.ent_name = in->ent_name;
	n.credit_code = in->credit_code;
	n.atts = in->atts;
	n.natts = in->natts;
	if (in->agency != 0) {
		n.intake_label = "代理申请";
		n.intake_note = in->agency_note;
	}
	if ((rc = case_add_window(db, pool, &n, clerk, &k, err,
	    sizeof(err))) != DB_OK) {
		*why = pool_strdup(pool, err);
		return rc;
	}
	*case_id = k.id;
	if (in->form_key != NULL) {
		q = db_stmt(db, SQL_KEY_SET);
		stmt_bind_text(q, 0, in->form_key);
		stmt_bind_int(q, 1, k.id);
		if ((rc = stmt_run(q)) != DB_OK)
			return rc;	/* DB_DUP: posted twice at once */
	}
	/* The window's clerk holds the paper; the centre's is on its way
	 * to the person it names (INT-14). */
	for (i = 0; i < in->npaper; i++) {
		what = pool_printf(pool, "%s（纸质已收）",
		    in->paper[i].material_name);
		if ((rc = in->agency != 0 ? paper_add_for(db, pool, &k,
		    clerk, what, in->paper[i].copies, in->paper[i].pages,
		    in->paper_to, why) : paper_add_in(db, pool, &k, clerk,
		    what, in->paper[i].copies, in->paper[i].pages, why)) !=
		    DB_OK)
			return rc;
	}
	/* Filed by the centre: the project's item has it (INT-14). */
	if (in->agency != 0 && (rc = agency_link(db, pool, clerk, in->agency,
	    it->code, *app_no, AGENCY_IN_TXN | AGENCY_FILED, why)) != DB_OK)
		return rc;
	/* No ID number or mobile in the audit trail: the number. */
	return audit_json(db, pool, clerk->login, "case.intake", *app_no,
	    json_pack("{s:s, s:I, s:I, s:I}", "item_code", it->code,
	    "item_version", (json_int_t)it->version, "scanned",
	    (json_int_t)in->natts, "paper", (json_int_t)in->npaper));
}

enum db_rc
intake_register(struct db *db, struct pool *pool, const struct user *clerk,
    struct intake *in, long today, char **app_no, int64_t *case_id,
    const char **why)
{
	enum db_rc	 rc;
	char		*taken;

	*why = NULL;
	if ((*why = intake_check(pool, in, today)) != NULL ||
	    (*why = refusal(pool, clerk, in)) != NULL)
		return DB_NONE;
	if (in->form_key != NULL && (rc = intake_by_key(db, pool,
	    in->form_key, app_no)) != DB_NONE)
		return rc == DB_OK ? DB_DUP : rc;
	*app_no = NULL;
	if (!app_gapless() && (rc = number_first(db, pool, app_no, why)) !=
	    DB_OK)
		return rc;
	taken = *app_no;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = store(db, pool, clerk, in, app_no, case_id, why)) !=
	    DB_OK) {
		db_rollback(db);
		if (taken != NULL)
			log_info("application number %s is not used: its "
			    "registration failed after the number was taken",
			    taken);
		if (rc == DB_DUP && in->form_key != NULL &&
		    intake_by_key(db, pool, in->form_key, app_no) == DB_OK)
			return DB_DUP;
		return rc == DB_DUP ? DB_ERR : rc;
	}
	return db_commit(db);
}

enum db_rc
intake_by_key(struct db *db, struct pool *pool, const char *key,
    char **app_no)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_BY_KEY);
	stmt_bind_text(q, 0, key);
	return stmt_one(q, pool, "s", app_no);
}

enum db_rc
intake_receipt(struct db *db, struct pool *pool, const char *app_no,
    const char *dept, struct intake_receipt *r)
{
	struct stmt	*q;
	struct paper	*pv;
	enum db_rc	 rc;
	int64_t		 id;
	size_t		 i;

	memset(r, 0, sizeof(*r));
	if (app_no == NULL || dept == NULL)
		return DB_NONE;
	q = db_stmt(db, SQL_RECEIPT);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, dept);
	if ((rc = stmt_one(q, pool, "isssssssssds", &id, &r->app_no,
	    &r->item_name, &r->applicant_name, &r->id_number,
	    &r->entity_name, &r->received_at, &r->clerk, &r->promised_due,
	    &r->dept_name, &r->online, &r->agency)) != DB_OK)
		return rc;
	if ((r->id_number = pii_open(pool, SEALED_CASE_ID, r->id_number)) ==
	    NULL)
		return DB_ERR;
	if ((rc = attachment_list(db, pool, app_no, &r->atts, &r->natts)) !=
	    DB_OK || (rc = paper_list(db, pool, id, &pv, &r->npaper)) !=
	    DB_OK)
		return rc;
	r->paper = pool_alloc(pool, (r->npaper + 1) * sizeof(*r->paper));
	for (i = 0; i < r->npaper; i++) {
		r->paper[i].material_name = pv[i].what;
		r->paper[i].copies = pv[i].copies;
		r->paper[i].pages = pv[i].pages;
	}
	return DB_OK;
}
