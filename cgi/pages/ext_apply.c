/*
 * ext_apply.c: online application (EXT-1) and its receipt (EXT-2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <time.h>

#include "account.h"
#include "agent.h"
#include "delivery.h"
#include "clock.h"
#include "crypto.h"
#include "enterprise.h"
#include "files.h"
#include "ids.h"
#include "licence.h"
#include "log.h"
#include "docseal.h"
#include "draft.h"
#include "pages.h"
#include "text.h"
#include "throttle.h"
#include "utf8.h"

#define REMARK_MAX	2000	/* characters (records.c REMARK_CHARS) */

/*
 * The submission being handled (POST /apply), so that whatever refuses
 * it through show_form() keeps what it carried in its draft (EXT-1): the
 * form's key, its draft as loaded, and its good files so far (fps[i]
 * NULL: a file stored already).  One request at a time per worker.
 */
static struct {
	int			 active;
	const char		*key;
	const struct enterprise	*e;
	struct draft		*d;
	FILE			**fps;
	struct attachment	*atts;
	size_t			 n;
} sub;

/* The published, online item named by the form's code, or a reply. */
static int
load_item(struct req *r, struct item *it)
{
	const char	*code;

	if ((code = form_get(r, "code")) == NULL || strlen(code) > 40)
		return reply_error(r, 400, "事项编码格式不正确。");
	switch (catalog_published(r->db, r->pool, code, it)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个事项，可能已停止办理。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (it->depth[0] != 'A' && it->depth[0] != 'B')
		return reply_error(r, 403, "这个事项不能在网上申请，请按办事指南"
		    "到窗口办理。");
	return 0;
}

/* What an agent's form asks of the resident (AGT-1). */
static const char *const resident_fields[] = { "resident_name",
    "resident_id_number", "resident_mobile", "resident_region",
    "consent_kind", NULL };

/*
 * Agent.{name,area}, Agent.Regions.N.{code,name,selected} of the agent
 * logged in, into *ag; 0, or -1 (a deactivated agent's session has
 * ended before this: account.c).
 */
static int
view_agent(struct req *r, struct agent_acct *ag)
{
	const char	*sel = form_get(r, "resident_region");
	size_t		 i;

	if (agent_account_get(r->db, r->pool, r->user.agent_id, ag) != DB_OK)
		return -1;
	hdf_set(r, "Agent.name", ag->name);
	hdf_set(r, "Agent.area", ag->area);
	for (i = 0; i < ag->nregions; i++) {
		char *p = pool_printf(r->pool, "Agent.Regions.%zu", i);
		hdf_put(r, p, "code", ag->regions[i].code);
		hdf_put(r, p, "name", ag->regions[i].name);
		if (sel != NULL && strcmp(sel, ag->regions[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	return 0;
}

/*
 * Whom the form applies for (ACC-1): the form's "as", a credit code of an
 * enterprise the person may apply for, or empty for themself.  0 with *e
 * filled (e->id 0: themself), or the reply already sent.  The event
 * form's too (ext_event.c).
 */
int
apply_as(struct req *r, struct enterprise *e)
{
	const char	*as;

	memset(e, 0, sizeof(*e));
	if ((as = form_get(r, "as")) == NULL || *as == '\0')
		return 0;
	switch (enterprise_of(r->db, r->pool, r->user.id, as, e)) {
	case DB_OK:
		if (e->rights & ENT_APPLY)
			return 0;
		break;
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	return reply_error(r, 403, "您没有以这家企业名义申请的权限。请企业"
	    "的法定代表人在「我的企业」中为您授权，或以个人身份办理。");
}

/* The enterprises the person may apply for (Applicant.As.N): 0 or -1. */
int
view_apply_as(struct req *r)
{
	struct enterprise	*ev;
	char			*p;
	size_t			 en, i, k;

	if (enterprise_mine(r->db, r->pool, r->user.id, &ev, &en) != DB_OK)
		return -1;
	for (i = 0, k = 0; i < en; i++) {
		if (!(ev[i].rights & ENT_APPLY))
			continue;
		p = pool_printf(r->pool, "Applicant.As.%zu", k++);
		hdf_put(r, p, "code", ev[i].credit_code);
		hdf_put(r, p, "name", ev[i].name);
	}
	return 0;
}

/*
 * Details filled once, offered again (ACC-3): the enterprises the person
 * may apply for (view_apply_as()), the files of the applicant's earlier
 * applications per material slot (Item.Materials.N.Reuse.M) and, on a
 * fresh form, the remark of their last application of this item.
 */
static int
offer_again(struct req *r, const struct item *it, const struct enterprise *e,
    int fresh)
{
	struct app_reusable	*rv;
	char			*remark, *p;
	size_t			 rn, i, j, k;

	if (view_apply_as(r) == -1)
		return -1;
	if (app_reusables(r->db, r->pool, r->user.id, e->id, &rv, &rn) !=
	    DB_OK)
		return -1;
	for (i = 0; i < it->nmaterials; i++)
		for (j = 0, k = 0; j < rn && k < 5; j++) {
			if (strcmp(rv[j].a.material_name,
			    it->materials[i].name) != 0)
				continue;
			p = pool_printf(r->pool, "Item.Materials.%zu.Reuse.%zu",
			    i, k++);
			hdf_setf(r, pool_printf(r->pool, "%s.id", p), "%lld",
			    (long long)rv[j].id);
			hdf_put(r, p, "file_name", rv[j].a.file_name);
			hdf_put(r, p, "app_no", rv[j].app_no);
			hdf_put(r, p, "submitted_at", rv[j].submitted_at);
			hdf_setf(r, pool_printf(r->pool, "%s.kb", p), "%lld",
			    (long long)((rv[j].a.size + 1023) / 1024));
		}
	if (fresh) {
		if (app_last_remark(r->db, r->pool, r->user.id, e->id,
		    it->code, &remark) == DB_ERR)
			return -1;
		hdf_set(r, "Form.remark", remark);
		hdf_set(r, "Form.remark_again", remark != NULL ? "1" : NULL);
	}
	return 0;
}

static const char *keep_draft(struct req *, const struct item *);

/*
 * 免证办 (DOC-2): the applicant's licences that may fill material m
 * (licence_offers()): the enterprise's when the form is made in its
 * name, else the person's.  An agent is offered none: the resident's
 * licences are the resident's to offer.  0, or -1 on a database error.
 */
static int
lic_offers(struct req *r, const struct material *m,
    const struct enterprise *e, struct licence **v, size_t *n)
{
	char	*idno, *mobile, hash[65];

	*v = NULL;
	*n = 0;
	if (m->licence == NULL || *m->licence == '\0' ||
	    (r->user.roles & ROLE_AGENT))
		return 0;
	if (e->id == 0 && (account_citizen_personal(r->db, r->pool,
	    r->user.id, &idno, &mobile) != DB_OK || app_id_hash(idno, hash) ==
	    -1))
		return -1;
	return licence_offers(r->db, r->pool, r->user.id, e->id == 0 ? hash :
	    NULL, e->id, m->licence, v, n) == DB_OK ? 0 : -1;
}

/* The licences offered per slot (Item.Materials.N.Lics.M) and, on a
 * form sent back, the choice it made (lic_set, lic_chosen: l<seq>). */
static int
offer_licences(struct req *r, const struct item *it,
    const struct enterprise *e, int posted)
{
	struct licence	*v;
	const char	*chosen;
	char		*p, *q;
	size_t		 i, j, n;

	for (i = 0; i < it->nmaterials; i++) {
		if (lic_offers(r, &it->materials[i], e, &v, &n) == -1)
			return -1;
		p = pool_printf(r->pool, "Item.Materials.%zu", i);
		for (j = 0; j < n; j++) {
			q = pool_printf(r->pool, "%s.Lics.%zu", p, j);
			hdf_put(r, q, "no", v[j].licence_no);
			hdf_put(r, q, "name", v[j].name);
			hdf_put(r, q, "valid_to", v[j].valid_to != NULL ?
			    v[j].valid_to : "长期");
		}
		chosen = form_get(r, pool_printf(r->pool, "l%d",
		    it->materials[i].seq));
		if (n > 0 && posted && chosen != NULL) {
			hdf_put(r, p, "lic_set", "1");
			hdf_put(r, p, "lic_chosen", chosen);
		}
	}
	return 0;
}

/*
 * No file posted for material m: the licence the form chose as l<seq>
 * (免证办, DOC-2), if any.  It must be one lic_offers() offers now (the
 * applicant's, of the slot's kind, valid).  1 with *a (no file), 0 when
 * none was chosen, -1 when refused (*why, *status).
 */
static int
take_licence(struct req *r, const struct material *m,
    const struct enterprise *e, struct attachment *a, int *status,
    const char **why)
{
	struct licence	*v;
	const char	*no;
	char		 field[16];
	size_t		 i, n;

	snprintf(field, sizeof(field), "l%d", m->seq);
	if (m->licence == NULL || *m->licence == '\0' ||
	    (no = form_get(r, field)) == NULL || *no == '\0')
		return 0;
	if (lic_offers(r, m, e, &v, &n) == -1) {
		*status = 500;
		*why = "读取您的电子证照时出错，请稍后再提交。";
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(v[i].licence_no, no) == 0)
			break;
	if (i == n) {
		*status = 422;
		*why = pool_printf(r->pool, "「%s」选择的电子证照不是您名下的"
		    "有效证照（可能已过期、被吊销或注销），不能使用。请上传"
		    "这项材料的文件。", m->name);
		return -1;
	}
	memset(a, 0, sizeof(*a));
	a->material_seq = m->seq;
	a->material_name = m->name;
	a->licence_no = v[i].licence_no;
	return 1;
}

/*
 * The form, fresh (why NULL) or again after a refusal with status, or
 * saved as a draft (sub.active and why NULL).  The form's key is the
 * one in its address (or posted): it names its draft, whose fields and
 * files fill the form (EXT-1), and the application its submission makes.
 * A submission refused here is kept in its draft first.  An agent's
 * asks for the resident and their consent (AGT-1).
 */
/* How the result reaches the applicant (EXT-10): the form's fields, as
 * /app/delivery names them method, recipient, phone, address. */
static const char *const delivery_fields[] = { "delivery",
    "delivery_recipient", "delivery_phone", "delivery_address", NULL };

static int
show_form(struct req *r, const struct item *it, int status, const char *why)
{
	struct enterprise	 e;
	struct agent_acct	 ag;
	const char		*kept = NULL;
	char			*idno = NULL, *mobile = NULL;
	size_t			 i;
	int			 rc, posted = why != NULL || sub.active;

	if ((rc = apply_as(r, &e)) != 0)
		return rc;
	if (sub.active)
		kept = keep_draft(r, it);
	view_item(r, "Item", it);
	if (r->user.roles & ROLE_AGENT) {
		if (view_agent(r, &ag) == -1)
			return reply_error(r, 500, NULL);
		for (i = 0; posted && resident_fields[i] != NULL; i++)
			hdf_set(r, pool_printf(r->pool, "Form.%s",
			    resident_fields[i]), form_get(r,
			    resident_fields[i]));
	} else if (account_citizen_personal(r->db, r->pool, r->user.id,
	    &idno, &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Applicant.name", r->user.name);
	hdf_set(r, "Applicant.id_number_masked", view_mask(r, idno, 6, 4));
	hdf_set(r, "Applicant.mobile", mobile);
	if (e.id != 0) {
		hdf_set(r, "Applicant.Entity.name", e.name);
		hdf_set(r, "Applicant.Entity.code", e.credit_code);
		hdf_set(r, "Applicant.Entity.address", e.address);
		hdf_set(r, "Applicant.Entity.rep", e.rep_name);
	}
	/* An agent's earlier files are other residents': never offered. */
	if (!(r->user.roles & ROLE_AGENT) &&
	    (offer_again(r, it, &e, !posted) == -1 ||
	    offer_licences(r, it, &e, posted) == -1))
		return reply_error(r, 500, NULL);
	if (posted) {
		r->status = why != NULL ? status : 200;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.Kept", kept);
		hdf_set(r, "Form.remark", form_text(r, "remark"));
		for (i = 0; delivery_fields[i] != NULL; i++)
			hdf_set(r, pool_printf(r->pool, "Form.%s",
			    delivery_fields[i]), form_text(r,
			    delivery_fields[i]));
	}
	if (view_draft(r, it, posted) == -1)
		return reply_error(r, 500, NULL);
	hdf_setf(r, "Limits.upload_mb", "%zu", r->cfg->max_upload >> 20);
	hdf_setf(r, "Limits.day_mb", "%zu", r->cfg->quota_bytes >> 20);
	hdf_setf(r, "Limits.remark", "%d", REMARK_MAX);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "在线申请 · %s",
	    it->name));
	return render(r, "ext/apply.cs");
}

/*
 * GET /apply?code=…[&as=…]&key=…  Without a key, the same address with a
 * new one: the key in the address is what Back and a draft come back to,
 * so a form sent twice makes one application (EXT-1).
 */
int
page_ext_apply_form(struct req *r)
{
	struct item	 it;
	unsigned char	 rnd[FORM_KEY_LEN / 2];
	char		 key[FORM_KEY_LEN + 1];
	const char	*as = form_get(r, "as");
	int		 rc;

	if ((rc = load_item(r, &it)) != 0)
		return rc;
	if (apply_key(r) != NULL)
		return show_form(r, &it, 200, NULL);
	crypto_random(rnd, sizeof(rnd));
	crypto_hex(rnd, sizeof(rnd), key);
	return reply_redirect(r, pool_printf(r->pool, "/apply?code=%s%s%s"
	    "&key=%s", view_url_escape(r, it.code), as != NULL && *as != '\0'
	    ? "&as=" : "", as != NULL && *as != '\0' ? view_url_escape(r, as)
	    : "", key));
}

/* The day's quota is used (SEC-8): say which, and when it comes back. */
static int
over_quota(struct req *r, enum app_rc why)
{
	const char	*call;

	call = r->cfg->org_phone == NULL ? "" : pool_printf(r->pool,
	    "如有急事，请拨打政务服务中心电话 %s。", r->cfg->org_phone);
	if (why == APP_OVER_COUNT)
		return reply_error(r, 429, pool_printf(r->pool, "您今天提交的"
		    "申请已达到每个账号每天 %zu 件的上限。明天（北京时间 0 点"
		    "以后）可以再提交。%s", r->cfg->quota_apps, call));
	return reply_error(r, 429, pool_printf(r->pool, "您今天上传的材料已"
	    "达到每个账号每天 %zu MB 的上限，这份申请没有保存。明天（北京时间 "
	    "0 点以后）可以再提交。%s", r->cfg->quota_bytes / (1024 * 1024),
	    call));
}

/*
 * Why material m's file was refused by files_vet(), and what to do: 422,
 * or 503 when only the scan could not be done (*status).
 */
const char *
file_refusal(struct req *r, const char *m, enum files_vet v,
    const char *detail, int *status)
{
	const char	*redo = "请用扫描软件或电脑上的“打印”→“另存为 PDF”"
			    "重新生成一份不含表单和脚本的 PDF 文件后再上传。";

	*status = 422;
	switch (v) {
	case FILES_UNSCANNED:
		*status = 503;
		return "暂时无法进行病毒检查，请稍后再提交。您提交的内容没有"
		    "保存。";
	case FILES_VIRUS:
		return pool_printf(r->pool, "「%s」%s（%s），不能接收。请用杀毒"
		    "软件检查您的电脑，换用干净的文件后再上传。", m,
		    files_vet_why(v), detail ? detail : "");
	case FILES_TYPE:
		return pool_printf(r->pool, "「%s」不是 PDF 文件，也不是 JPEG、"
		    "PNG 照片（按文件内容判断），请扫描成 PDF 或用手机拍照后"
		    "重新上传。", m);
	case FILES_IMAGE:
	case FILES_IMAGE_SIZE:
		return pool_printf(r->pool, "「%s」%s。请对着整页纸重新拍一张"
		    "清楚的照片（JPEG 或 PNG），或扫描成 PDF 后重新上传。", m,
		    files_vet_why(v));
	case FILES_DAMAGED:
		return pool_printf(r->pool, "「%s」不是完好的 PDF 文件。%s", m,
		    redo);
	case FILES_ENCRYPTED:
		return pool_printf(r->pool, "「%s」%s，无法检查。请去掉密码后"
		    "重新保存为 PDF 再上传。", m, files_vet_why(v));
	case FILES_SCRIPT:
	case FILES_ACTION:
	case FILES_LAUNCH:
	case FILES_EMBEDDED:
	case FILES_MEDIA:
	case FILES_FORM:
		return pool_printf(r->pool, "「%s」%s，为了安全不能接收。%s", m,
		    files_vet_why(v), redo);
	default:
		return pool_printf(r->pool, "「%s」%s，请重新上传。", m,
		    files_vet_why(v));
	}
}

/* What every upload of an applicant is judged by (files.h). */
void
upload_rule(struct req *r, struct files_rule *rule)
{
	rule->types = files_material;
	rule->size = -1;
	rule->max = r->cfg->max_upload;
	rule->scanner = r->cfg->clamd_socket;
	rule->scan_timeout = (int)r->cfg->clamd_timeout;
}

/*
 * No file posted for material m: the earlier file the form chose as
 * r<seq> (ACC-3), if any.  It must be one of the applicant's own (the
 * person's, or the enterprise's they apply for), of a material of the
 * same name, and still in the store; it is not judged again (it was at
 * its upload) and crosses the gap like an upload.  1 with *a and *fp NULL,
 * 0 when none was chosen, -1 when refused (*why, *status).
 */
static int
reuse_file(struct req *r, const struct material *m, int64_t ent, FILE **fp,
    struct attachment *a, int *status, const char **why)
{
	struct app_reusable	 rv;
	const char		*v;
	char			 field[16], *end, *path;
	long long		 id;

	*fp = NULL;
	snprintf(field, sizeof(field), "r%d", m->seq);
	if ((v = form_get(r, field)) == NULL || *v == '\0')
		return 0;
	*status = 422;
	*why = pool_printf(r->pool, "「%s」选择的以前提交过的文件不能使用，"
	    "请重新上传。", m->name);
	id = strtoll(v, &end, 10);
	if (*end != '\0' || id <= 0 || strlen(v) > 18)
		return -1;
	switch (app_reusable(r->db, r->pool, r->user.id, ent, id, &rv)) {
	case DB_OK:
		break;
	case DB_NONE:
		return -1;
	default:
		*status = 500;
		*why = "读取以前提交的材料时出错，请稍后再提交。";
		return -1;
	}
	path = files_path(r->cfg->files_dir, rv.a.sha256, r->pool);
	if (strcmp(rv.a.material_name, m->name) != 0 || path == NULL ||
	    access(path, R_OK) != 0)
		return -1;
	*a = rv.a;
	a->material_seq = m->seq;
	a->material_name = m->name;
	a->round = 0;
	return 1;
}

/*
 * The file posted as m<seq> for material m, judged by rule: 1 with *fp
 * and *a (but its digest), 0 when none was posted, -1 when it is refused
 * (*why, *status).  reuse: the enterprise (0: the person) whose earlier
 * file the form may name instead (reuse_file()), or -1 for none.
 */
int
upload_take(struct req *r, const struct material *m,
    const struct files_rule *rule, int64_t reuse, FILE **fp,
    struct attachment *a, int *status, const char **why)
{
	const char	*fname, *mime, *detail;
	char		 field[16];
	size_t		 size;
	enum files_vet	 v;

	snprintf(field, sizeof(field), "m%d", m->seq);
	if (form_file(r, field, fp, &size, &fname) == -1 || size == 0)
		return reuse < 0 ? 0 : reuse_file(r, m, reuse, fp, a, status,
		    why);
	*status = 422;
	if (size > r->cfg->max_upload) {
		*why = pool_printf(r->pool, "「%s」超过 %zu MB，请压缩或分页扫描"
		    "后重新上传。", m->name, r->cfg->max_upload >> 20);
		return -1;
	}
	/* Type by content, structure and malware: one judgement. */
	if ((v = files_vet(*fp, rule, r->pool, &mime, &detail)) != FILES_OK) {
		*why = file_refusal(r, m->name, v, detail, status);
		return -1;
	}
	memset(a, 0, sizeof(*a));
	a->material_seq = m->seq;
	a->material_name = m->name;
	a->file_name = fname == NULL ? "材料.pdf" : pool_strndup(r->pool, fname,
	    utf8_prefix(fname, 180));
	a->size = (int64_t)size;
	a->mime = (char *)mime;
	return 1;
}

/* Take back the files of a submission that did not commit. */
void
upload_discard(struct req *r, struct files_put *puts, size_t n)
{
	struct app_files	 f = { r->db, r->pool };
	size_t			 i;

	for (i = 0; i < n; i++)
		files_discard(r->cfg->files_dir, &puts[i], app_files_named, &f,
		    r->pool);
}

/* Store the n files fps as puts, their digests into atts; 0, or -1 with
 * none of them left stored.  A NULL file is one stored already (an
 * earlier upload offered again, ACC-3): its put stays empty. */
int
upload_store(struct req *r, FILE **fps, struct files_put *puts,
    struct attachment *atts, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		memset(&puts[i], 0, sizeof(puts[i]));
		if (fps[i] == NULL)
			continue;
		if (files_put(r->cfg->files_dir, fps[i], &puts[i], r->pool) ==
		    -1) {
			upload_discard(r, puts, i);
			return -1;
		}
		memcpy(atts[i].sha256, puts[i].sha256, sizeof(atts[i].sha256));
	}
	return 0;
}

/* A one-line field, or "" when absent. */
static const char *
field(struct req *r, const char *name)
{
	const char	*v = form_get(r, name);

	return v != NULL ? v : "";
}

/* Today in Beijing as YYYYMMDD, from clock_now(). */
long
beijing_today(void)
{
	time_t		 t = clock_now() + 8 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100L +
	    tm.tm_mday;
}

/* Does the agent's form ask the resident's consent by SMS (AGT-1)? */
static int
consent_by_sms(struct req *r)
{
	const char	*kind = form_get(r, "consent_kind");

	return kind != NULL && strcmp(kind, "sms") == 0;
}

/*
 * The resident an agent applies for (AGT-1): resident_name,
 * resident_id_number (GB 11643, its region part in the agent's county),
 * resident_mobile, resident_region (one of the agent's area),
 * consent_kind (form: the signed form, m0; sms: a code sent to
 * resident_mobile, agent_consent_send()).  0 with *p, *idno, *mobile; or
 * the form again with why.
 */
static int
resident(struct req *r, const struct item *it, struct app_proxy *p,
    char **idno, char **mobile)
{
	struct agent_acct	 ag;
	const char		*name, *where, *kind;
	char			*id;
	enum idno_check		 ck;
	size_t			 i;

	memset(p, 0, sizeof(*p));
	if (agent_account_get(r->db, r->pool, r->user.agent_id, &ag) != DB_OK)
		return reply_error(r, 500, NULL);
	name = form_get(r, "resident_name");
	id = pool_strdup(r->pool, field(r, "resident_id_number"));
	*mobile = pool_strdup(r->pool, field(r, "resident_mobile"));
	where = field(r, "resident_region");
	kind = form_get(r, "consent_kind");
	if (name == NULL || text_check(name, strlen(name), 2, 20, 0,
	    TEXT_LINE) != TEXT_OK)
		return show_form(r, it, 422, "请填写居民的姓名（2 到 20 个字，"
		    "与身份证一致）。");
	id_number_upper(id);
	if (strlen(id) != 18 || (ck = id_number_check(id, beijing_today())) !=
	    IDNO_OK)
		return show_form(r, it, 422, pool_printf(r->pool, "居民的身份证"
		    "号码不正确：%s", strlen(id) != 18 ? "应为 18 位。" :
		    id_number_problem(ck)));
	if (strncmp(id, ag.county, 6) != 0)
		return show_form(r, it, 422, pool_printf(r->pool, "这位居民的"
		    "身份证号码（%.6s 开头）不属于您的服务区域（%s），不能代办。"
		    "代办员只能为本服务区域的居民代办，请居民本人申请或到"
		    "政务服务中心窗口办理。", id, ag.area));
	if (!mobile_valid(*mobile))
		return show_form(r, it, 422, "居民的手机号码应为 11 位数字，"
		    "以 13 到 19 开头。");
	for (i = 0; i < ag.nregions; i++)
		if (strcmp(where, ag.regions[i].code) == 0)
			break;
	if (i == ag.nregions)
		return show_form(r, it, 422, pool_printf(r->pool, "请选择居民"
		    "的居住地：只能是您的服务区域（%s）内的苏木乡镇或嘎查村。",
		    ag.area));
	if (kind == NULL)	/* a form of before 短信确认: the scan */
		kind = "form";
	if (strcmp(kind, "form") != 0 && strcmp(kind, "sms") != 0)
		return show_form(r, it, 422, "请选择居民授权的方式：上传居民"
		    "签字的代办授权书，或者短信确认。");
	*idno = id;
	p->agent_id = ag.id;
	p->agent_name = ag.name;
	p->agent_area = ag.area;
	p->resident_name = name;
	p->resident_region = ag.regions[i].name;
	p->consent_kind = strcmp(kind, "sms") == 0 ? "sms" : "form";
	return 0;
}

/* The file draft d holds for material seq, or NULL. */
static const struct draft_file *
draft_slot(const struct draft *d, int seq)
{
	size_t	 i;

	for (i = 0; d != NULL && i < d->nfiles; i++)
		if (d->files[i].seq == seq)
			return &d->files[i];
	return NULL;
}

/* f as the attachment of material m: stored already, judged when it
 * was received. */
static void
from_draft(struct attachment *a, const struct draft_file *f,
    const struct material *m)
{
	memset(a, 0, sizeof(*a));
	a->material_seq = m->seq;
	a->material_name = m->name;
	a->file_name = f->file_name;
	memcpy(a->sha256, f->sha256, sizeof(a->sha256));
	a->size = f->size;
	a->mime = f->mime;
}

/* At most n bytes of a posted field, cut on a character. */
static char *
field_cut(struct req *r, const char *name, size_t n)
{
	const char	*v = form_text(r, name);

	if (v == NULL)
		return NULL;
	return pool_strndup(r->pool, v, utf8_prefix(v, n));
}

/*
 * Keep the submission being handled (sub) in its draft: its fields, and
 * its good files, stored and charged to the day's quota (SEC-8) as a
 * submission's are.  What the form should say about it, or NULL.
 */
static const char *
keep_draft(struct req *r, const struct item *it)
{
	struct draft		 d;
	struct files_put	*puts;
	int64_t			 apps, bytes, add = 0;
	size_t			 i, k;

	sub.active = 0;
	memset(&d, 0, sizeof(d));
	d.key = (char *)sub.key;
	d.item_code = it->code;
	d.item_name = it->name;
	d.credit_code = sub.e != NULL && sub.e->id != 0 ?
	    sub.e->credit_code : NULL;
	d.remark = field_cut(r, "remark", 16000);
	if (r->user.roles & ROLE_AGENT) {
		d.resident_name = field_cut(r, "resident_name", 50);
		d.resident_id = field_cut(r, "resident_id_number", 18);
		d.resident_mobile = field_cut(r, "resident_mobile", 11);
		d.resident_region = field_cut(r, "resident_region", 12);
	}
	d.delivery_method = field_cut(r, "delivery", 6);
	d.delivery_recipient = field_cut(r, "delivery_recipient", 50);
	d.delivery_phone = field_cut(r, "delivery_phone", 11);
	d.delivery_address = field_cut(r, "delivery_address", 100);
	for (i = 0; i < sub.n; i++)
		if (sub.fps[i] != NULL)
			add += sub.atts[i].size;
	if (app_quota_today(r->db, r->pool, r->user.id, &apps, &bytes) !=
	    DB_OK)
		return "保存草稿时出错，请稍后再试。";
	if ((uint64_t)(bytes + add) > r->cfg->quota_bytes)
		sub.n = 0;	/* the fields only */
	puts = pool_alloc(r->pool, (sub.n + 1) * sizeof(*puts));
	if (upload_store(r, sub.fps, puts, sub.atts, sub.n) == -1)
		return "保存草稿时出错，请稍后再试。";
	d.files = pool_alloc(r->pool, (sub.n + 1) * sizeof(*d.files));
	d.lics = pool_alloc(r->pool, (sub.n + 1) * sizeof(*d.lics));
	for (i = 0, k = 0; i < sub.n; i++) {
		if (sub.atts[i].licence_no != NULL) {	/* 免证办 */
			d.lics[d.nlics].seq = sub.atts[i].material_seq;
			d.lics[d.nlics++].licence_no = sub.atts[i].licence_no;
			continue;
		}
		d.files[k].seq = sub.atts[i].material_seq;
		d.files[k].file_name = sub.atts[i].file_name;
		memcpy(d.files[k].sha256, sub.atts[i].sha256, 65);
		d.files[k].size = sub.atts[i].size;
		d.files[k++].mime = sub.atts[i].mime;
	}
	d.nfiles = k;
	return draft_keep(r, &d, puts, sub.n, add, sub.n == 0);
}

const char *
draft_keep(struct req *r, struct draft *d, struct files_put *puts, size_t n,
    int64_t add, int cut)
{
	enum db_rc	 rc;
	size_t		 i;

	if ((rc = draft_save(r->db, r->pool, r->user.id, d)) == DB_OK &&
	    add > 0 && !cut && draft_quota_add(r->db, r->user.id, add) !=
	    DB_OK)
		log_err("draft %lld: its files not counted in the quota",
		    (long long)d->id);
	if (rc == DB_OK)
		for (i = 0; i < n; i++)
			files_release(&puts[i]);
	else
		upload_discard(r, puts, n);
	switch (rc) {
	case DB_OK:
		if (add > 0 && cut)
			return "您填写的内容已保存为草稿；今天上传的材料已达到"
			    "上限，这次选择的文件没有保存。";
		return "您填写的内容和合格的文件已保存为草稿（可在「我的办件」"
		    "中继续填写）。已保存的文件不用重新选择。";
	case DB_NONE:
		return pool_printf(r->pool, "您已有 %d 份草稿，这次的内容没有"
		    "保存为草稿。请先在「我的办件」中删除不用的草稿。",
		    DRAFT_MAX);
	default:
		return "保存草稿时出错，这次的内容没有保存。";
	}
}

/*
 * The draft of the form's key, when it has one (d->id 0 when not): of
 * the form's code (an item's, or "@" and a life event's) and of the same
 * applicant (the person, or the enterprise).  0, or the reply already
 * sent.
 */
int
apply_draft(struct req *r, const char *code, const struct enterprise *e,
    const char *key, struct draft *d)
{
	memset(d, 0, sizeof(*d));
	switch (draft_get(r->db, r->pool, r->user.id, key, d)) {
	case DB_OK:
		break;
	case DB_NONE:
		memset(d, 0, sizeof(*d));
		return 0;
	default:
		return reply_error(r, 500, NULL);
	}
	if (strcmp(d->item_code, code) != 0 || (d->credit_code == NULL) !=
	    (e->id == 0) || (d->credit_code != NULL &&
	    strcmp(d->credit_code, e->credit_code) != 0))
		return reply_error(r, 409, "这份草稿属于另一个事项或另一个申请"
		    "人，请从「我的办件」的草稿列表中打开它。");
	return 0;
}

/*
 * POST /apply (multipart): code, form_key, remark, and a file m<seq> per
 * material; save (保存草稿) to keep it as a draft only.  Every file is
 * vetted (type by content, PDF structure, photo header, malware): a bad
 * one is named and the good ones are kept in the form's draft with what
 * was typed, as on any refusal (show_form()); a slot without a new file
 * takes the draft's.  Files are stored before the rows that name them
 * commit, and taken back if they do not, so that whatever fails leaves
 * neither an orphan file nor a row without its file.
 */
int
page_ext_apply(struct req *r)
{
	struct item		 it;
	struct attachment	*atts;
	struct files_put	*puts;
	struct files_rule	 rule;
	struct app_quota	 quota;
	struct enterprise	 e;
	struct app_entity	 ent;
	struct app_proxy	 proxy;
	struct draft		 d;
	const struct draft_file	*df;
	FILE			**fps;
	const char		*remark, *key, *why, *bad = NULL;
	const char		*missing = NULL, *dl[4];
	char			*idno, *mobile, *app_no;
	size_t			 i, n = 0, nstore;
	int64_t			 used_apps, used_bytes, total = 0;
	enum app_rc		 arc;
	int			 rc, status, bad_status = 422;

	memset(&sub, 0, sizeof(sub));
	if ((rc = load_item(r, &it)) != 0)
		return rc;
	if ((rc = apply_as(r, &e)) != 0)
		return rc;
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "申请页面已过期。请先到「我的办件」"
		    "查看这份申请是否已经提交；没有的话，请从办事指南重新打开"
		    "申请页面。");
	/* The same form again (Back, reload, a retry after a 502): the
	 * application it made, not a second one. */
	switch (app_by_form_key(r->db, r->pool, r->user.id, key, &app_no)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/receipt?no=%s&again=1", app_no));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	if ((rc = apply_draft(r, it.code, &e, key, &d)) != 0)
		return rc;
	upload_rule(r, &rule);
	atts = pool_alloc(r->pool, (it.nmaterials + 2) * sizeof(*atts));
	puts = pool_alloc(r->pool, (it.nmaterials + 2) * sizeof(*puts));
	fps = pool_alloc(r->pool, (it.nmaterials + 2) * sizeof(*fps));
	sub.active = 1;
	sub.key = key;
	sub.e = &e;
	sub.d = &d;
	sub.fps = fps;
	sub.atts = atts;
	/* Every slot judged: the first bad file is named, the good kept. */
	for (i = 0; i < it.nmaterials; i++) {
		const struct material *m = &it.materials[i];

		switch (upload_take(r, m, &rule, r->user.roles & ROLE_AGENT ?
		    -1 : e.id, &fps[n], &atts[n], &status, &why)) {
		case -1:
			if (bad == NULL) {
				bad = why;
				bad_status = status;
			}
			continue;
		case 0:
			/* 免证办: the licence chosen, before the draft's
			 * file (the form shows the choice). */
			fps[n] = NULL;
			switch (take_licence(r, m, &e, &atts[n], &status,
			    &why)) {
			case 1:
				sub.n = ++n;
				continue;
			case -1:
				if (bad == NULL) {
					bad = why;
					bad_status = status;
				}
				continue;
			}
			if ((df = draft_slot(&d, m->seq)) != NULL) {
				from_draft(&atts[n], df, m);
				break;
			}
			if (m->required && missing == NULL)
				missing = m->name;
			continue;
		}
		/* An earlier upload offered again is stored already. */
		if (fps[n] != NULL)
			total += atts[n].size;
		sub.n = ++n;
	}
	/* The resident's signed consent form, judged like every upload,
	 * stored with the materials (the last of them here), unless the
	 * resident is to confirm by SMS. */
	if ((r->user.roles & ROLE_AGENT) && !consent_by_sms(r)) {
		struct material cm = { .seq = APP_CONSENT_SEQ,
		    .name = APP_CONSENT_NAME };

		switch (upload_take(r, &cm, &rule, -1, &fps[n], &atts[n],
		    &status, &why)) {
		case -1:
			if (bad == NULL) {
				bad = why;
				bad_status = status;
			}
			break;
		case 0:
			if ((df = draft_slot(&d, cm.seq)) == NULL) {
				if (missing == NULL && bad == NULL)
					bad = "请上传居民签字的代办授权书（扫描"
					    "成 PDF 或拍照）。没有居民本人的"
					    "授权，不能代办。";
				break;
			}
			fps[n] = NULL;
			from_draft(&atts[n], df, &cm);
			/* FALLTHROUGH */
		default:
			atts[n].material_name = APP_CONSENT_NAME;
			if (fps[n] != NULL)
				total += atts[n].size;
			sub.n = n + 1;
		}
	}
	if (bad != NULL)
		return show_form(r, &it, bad_status, bad);
	/* A draft may lack materials: they are asked for at submission. */
	if (form_get(r, "save") != NULL)
		return show_form(r, &it, 200, NULL);
	if (missing != NULL)
		return show_form(r, &it, 422, pool_printf(r->pool, "请上传「%s」"
		    "（必交材料）。", missing));
	/* What the application carries of the account, opened (SEC-5);
	 * an agent's, of the resident they apply for (AGT-1). */
	if (r->user.roles & ROLE_AGENT) {
		if ((rc = resident(r, &it, &proxy, &idno, &mobile)) != 0)
			return rc;
	} else if (account_citizen_personal(r->db, r->pool, r->user.id,
	    &idno, &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	remark = form_text(r, "remark");
	if (remark != NULL && utf8_chars(remark) > REMARK_MAX)
		return show_form(r, &it, 422, "申请说明太长，请控制在 2000 字"
		    "以内。");
	/* How the result is to reach the applicant (EXT-10): the rule of
	 * /app/delivery; a form without the choice leaves it to later. */
	dl[0] = form_get(r, "delivery");
	for (i = 1; i < 4; i++)
		dl[i] = form_text(r, delivery_fields[i]);
	if (dl[0] != NULL && (why = delivery_problem(dl[0], dl[1], dl[2],
	    dl[3])) != NULL)
		return show_form(r, &it, 422, pool_printf(r->pool, "领取方式："
		    "%s", why));
	sub.active = 0;
	/* The quota is taken in app_submit()'s transaction; asking first
	 * spares a spent account the storing of its files. */
	quota.apps = r->cfg->quota_apps;
	quota.bytes = r->cfg->quota_bytes;
	if (app_quota_today(r->db, r->pool, r->user.id, &used_apps,
	    &used_bytes) != DB_OK)
		return reply_error(r, 500, NULL);
	if ((uint64_t)used_apps >= quota.apps)
		return over_quota(r, APP_OVER_COUNT);
	if ((uint64_t)(used_bytes + total) > quota.bytes)
		return over_quota(r, APP_OVER_BYTES);
	nstore = n + ((r->user.roles & ROLE_AGENT) != 0 &&
	    strcmp(proxy.consent_kind, "form") == 0);
	if (upload_store(r, fps, puts, atts, nstore) == -1)
		return reply_error(r, 500, "保存附件时出错，您的申请没有保存。"
		    "请稍后重新提交。");
	if (r->user.roles & ROLE_AGENT) {
		proxy.consent = nstore > n ? &atts[n] : NULL;
		arc = app_submit_proxy(r->db, r->pool, &it, &r->user, &proxy,
		    idno, mobile, remark, atts, n, key, &quota, &app_no);
	} else {
		ent.id = e.id;
		ent.name = e.name;
		ent.credit_code = e.credit_code;
		arc = app_submit(r->db, r->pool, &it, &r->user, e.id ? &ent :
		    NULL, idno, mobile, remark, atts, n, key, &quota, &app_no);
	}
	n = nstore;
	if (arc == APP_OK)
		for (i = 0; i < n; i++)
			files_release(&puts[i]);
	else
		upload_discard(r, puts, n);
	/* Made: its draft goes (its files are the application's now); the
	 * key names the application, and Back comes back to it. */
	if (arc == APP_OK && d.id != 0 && draft_delete(r->db, r->pool,
	    r->user.id, key) == DB_ERR)
		log_err("application %s: its draft stays", app_no);
	/* The choice of delivery, after the application in the outbox: the
	 * clerk has it with the case.  Refused now (it was checked above)
	 * only by a fault: the page of the application offers it again. */
	if (arc == APP_OK && dl[0] != NULL && delivery_choose(r->db, r->pool,
	    &r->user, app_no, dl[0], dl[1], dl[2], dl[3], &why) != DB_OK) {
		log_err("application %s: its delivery not stored", app_no);
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=nodelivery", app_no));
	}
	/* Consent by SMS: the first code goes now; its page follows. */
	if (arc == APP_OK && (r->user.roles & ROLE_AGENT) &&
	    proxy.consent == NULL) {
		switch (agent_consent_send(r->cfg, r->db, r->pool,
		    r->user.agent_id, app_no, request_param(r, "REMOTE_ADDR"),
		    &why)) {
		case AGENT_OK:
			return reply_redirect(r, pool_printf(r->pool,
			    "/agent/consent?no=%s&sent=1", app_no));
		case AGENT_ERR:
			return reply_error(r, 500, "申请已保存，但确认短信没有"
			    "发出。请到「我的办件」打开这份申请，重新发送确认码。");
		default:	/* a limit: the page says which */
			return reply_redirect(r, pool_printf(r->pool,
			    "/agent/consent?no=%s", app_no));
		}
	}
	switch (arc) {
	case APP_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/receipt?no=%s", app_no));
	case APP_AGAIN:
		return reply_redirect(r, pool_printf(r->pool,
		    "/receipt?no=%s&again=1", app_no));
	case APP_OVER_COUNT:
	case APP_OVER_BYTES:
		return over_quota(r, arc);
	default:
		return reply_error(r, 500, "提交申请时出错。请先到「我的办件」"
		    "查看：没有这份申请的话，请稍后重新提交。");
	}
}

/*
 * Whether the logged-in person sees what citizen made for enterprise
 * ent (0: for themself): who made it, and for an enterprise's, whoever
 * may view its cases (ACC-1).  1, 0, -1 on a database error.  An
 * application (visible()), a 一件事 bundle (ext_event.c).
 */
int
made_visible(struct req *r, int64_t citizen, int64_t ent)
{
	struct enterprise	 e;

	if (citizen == r->user.id)
		return 1;
	if (ent == 0)
		return 0;
	switch (enterprise_by_id(r->db, r->pool, r->user.id, ent, &e)) {
	case DB_OK:
		return (e.rights & ENT_VIEW) != 0;
	case DB_NONE:
		return 0;
	default:
		return -1;
	}
}

/* Whether the logged-in person sees application a (made_visible()). */
static int
visible(struct req *r, const struct application *a)
{
	return made_visible(r, a->citizen_id, a->enterprise_id);
}

/*
 * Whether the citizen logged in is the resident an agent made application
 * a for (AGT-1), or the applicant of a walk-in one (INT-1): their ID
 * number is its applicant's.  1 yes, 0 no.
 */
static int
resident_of(struct req *r, const struct application *a)
{
	char	*idno, *mobile, hash[65];

	if ((a->agent_id == 0 && strcmp(a->source, "window") != 0) ||
	    a->id_hash == NULL ||
	    !(r->user.roles & ROLE_CITIZEN) ||
	    account_citizen_personal(r->db, r->pool, r->user.id, &idno,
	    &mobile) != DB_OK || app_id_hash(idno, hash) == -1)
		return 0;
	return strcmp(hash, a->id_hash) == 0;
}

int
app_resident_of(struct req *r, const struct application *a)
{
	return resident_of(r, a);
}

int
app_readable(struct req *r, const struct application *a)
{
	int	 v;

	if ((v = visible(r, a)) != 0)
		return v;
	return resident_of(r, a);
}

/* Load application no for its owner (the citizen, or the agent who made
 * it), or to read, for the resident an agent made it for (see_only);
 * 0, or the reply already sent. */
static int
load_app(struct req *r, struct application *a, int see_only)
{
	const char	*no;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > 20)
		return reply_error(r, 400, "申请编号格式不正确。");
	switch (app_get(r->db, r->pool, no, a)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
	/* Somebody else's application is as if it did not exist: another
	 * agent's, or a citizen's, to an agent too; an enterprise's is seen
	 * by whoever may view its cases (ACC-1), an agent's read by the
	 * resident it was made for (AGT-1). */
	switch (visible(r, a)) {
	case 1:
		return 0;
	case 0:
		if (see_only && resident_of(r, a))
			return 0;
		return reply_error(r, 404, "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
}

static int
load_own(struct req *r, struct application *a)
{
	return load_app(r, a, 0);
}

/*
 * GET /receipt?no=…  接件凭证
 */
int
page_ext_receipt(struct req *r)
{
	struct application	 a;
	int			 rc;

	if ((rc = load_app(r, &a, 1)) != 0)
		return rc;
	view_app(r, "App", &a);
	/* The same form sent again (Back, reload): this, not another. */
	if (form_get(r, "again") != NULL)
		hdf_set(r, "Page.Notice", "这份申请已经提交过，这次没有重复提交。"
		    "下面是它的接件凭证。如需为同一事项再申请一次，请从办事指南"
		    "重新打开申请页面。");
	hdf_set(r, "Page.Title", "接件凭证");
	return render(r, "ext/receipt.cs");
}

/*
 * GET /app?no=…  one application with its progress.
 */
int
page_ext_app(struct req *r)
{
	struct application	 a;
	const char		*done;
	int			 rc;

	if ((rc = load_app(r, &a, 1)) != 0)
		return rc;
	view_app(r, "App", &a);
	if (view_delivery(r, a.app_no) != 0)	/* EXT-10 */
		return reply_error(r, 500, NULL);
	view_bookable(r, "App.bookable", a.item_code);
	hdf_set(r, "App.withdraw_at", a.withdraw_at);
	/* The resident reads what an agent made; the agent acts on it. */
	hdf_set(r, "App.open", app_open(a.state) && a.citizen_id ==
	    r->user.id ? "1" : "0");
	if ((done = form_get(r, "done")) != NULL && strcmp(done, "withdraw") ==
	    0)
		hdf_set(r, "Page.Notice", "撤回申请已提交，审批部门办理后将在这里"
		    "出具准予撤回决定书。");
	else if (done != NULL && strcmp(done, "correct") == 0)
		hdf_set(r, "Page.Notice", "补正材料已提交。受理期限从今天起重新"
		    "计算，审批部门受理后会在这里告知。");
	else if (done != NULL && strcmp(done, "delivery") == 0)
		hdf_set(r, "Page.Notice", "领取方式已保存，将随申请送审批"
		    "部门。");
	else if (done != NULL && strcmp(done, "nodelivery") == 0)
		hdf_set(r, "Page.Notice", "申请已提交，但领取方式没有保存。"
		    "请在本页下方“办理结果的领取”中重新选择。");
	/* Ratings (EXT-8): the form once decided, what was rated. */
	else if (done != NULL && strcmp(done, "rate") == 0)
		hdf_set(r, "Page.Notice", "感谢您的评价。");
	if (view_app_rating(r, &a) == -1)
		return reply_error(r, 500, NULL);
	/* The thread with the window (EXT-7, ext_message.c). */
	if (msg_view(r, a.app_no) == -1)
		return reply_error(r, 500, NULL);
	if (done != NULL && strcmp(done, "message") == 0)
		hdf_set(r, "Page.Notice", "留言已发送，将随下一批数据送达审批部门"
		    "窗口；回复会显示在本页“与窗口人员交流”中。");
	hdf_set(r, "Page.Title", pool_printf(r->pool, "办件 %s", a.app_no));
	return render(r, "ext/app.cs");
}

/* What a withdrawal may say: as the remark, a few lines. */
#define WITHDRAW_REASON_MAX	500

/*
 * POST /app/withdraw: no, reason (optional), confirm=1.  The applicant
 * asks to withdraw an open application of theirs (EXT-5); the intranet
 * ends the case and sends back its 准予撤回决定书.
 */
int
page_ext_withdraw(struct req *r)
{
	struct application	 a;
	const char		*reason = form_text(r, "reason"), *why;
	int			 rc;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	if (a.citizen_id != r->user.id)
		return reply_error(r, 403, "企业的这份申请只能由提交它的经办人"
		    "撤回。");
	if (form_get(r, "confirm") == NULL)
		return reply_error(r, 422, "请勾选“我确认撤回这项申请”后再提交。");
	if (reason == NULL)
		reason = "";
	if (text_check(reason, strlen(reason), 0, WITHDRAW_REASON_MAX, 0,
	    TEXT_LINES) != TEXT_OK)
		return reply_error(r, 422, pool_printf(r->pool, "撤回理由请控制在 "
		    "%d 字以内。", WITHDRAW_REASON_MAX));
	switch (app_withdraw(r->db, r->pool, &r->user, a.app_no, reason,
	    &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=withdraw", a.app_no));
	case DB_NONE:
		return reply_error(r, 409, why ? why : "没有找到这个申请。");
	default:
		return reply_error(r, 500, NULL);
	}
}

/*
 * POST /app/correct (multipart): no, and a file m<seq> for each material
 * the 补正材料通知书 lists (EXT-4).  All of them, once: the page lists
 * exactly these, the domain checks again under the row's lock.  Files
 * are judged as the application's were, stored before the rows that
 * name them, and taken back if those do not commit.
 */
int
page_ext_correct(struct req *r)
{
	struct application	 a;
	struct attachment	*atts;
	struct files_put	*puts;
	struct files_rule	 rule;
	struct material		 m;
	FILE			**fps;
	const char		*why;
	size_t			 i;
	int			 rc, status;

	if ((rc = load_own(r, &a)) != 0)
		return rc;
	if (a.citizen_id != r->user.id)
		return reply_error(r, 403, "企业的这份申请只能由提交它的经办人"
		    "补正材料。");
	if (a.corrected_at != NULL)
		return reply_error(r, 409, "补正材料只能提交一次，您已经提交过"
		    "了，请等待审批部门受理。");
	if (a.withdraw_at != NULL)
		return reply_error(r, 409, "您已申请撤回这项申请，不能再提交补正"
		    "材料。");
	if (strcmp(a.state, "correcting") != 0 || a.ncorr == 0)
		return reply_error(r, 409, "这项申请现在不需要补正材料。");
	upload_rule(r, &rule);
	atts = pool_alloc(r->pool, (a.ncorr + 1) * sizeof(*atts));
	puts = pool_alloc(r->pool, (a.ncorr + 1) * sizeof(*puts));
	fps = pool_alloc(r->pool, (a.ncorr + 1) * sizeof(*fps));
	for (i = 0; i < a.ncorr; i++) {
		memset(&m, 0, sizeof(m));
		m.seq = a.corr[i].material_seq;
		m.name = a.corr[i].material_name;
		switch (upload_take(r, &m, &rule, -1, &fps[i], &atts[i],
		    &status, &why)) {
		case -1:
			return reply_error(r, status, pool_printf(r->pool,
			    "%s补正材料没有提交，请返回上一页重新选择文件。", why));
		case 0:
			return reply_error(r, 422, pool_printf(r->pool, "请上传"
			    "「%s」的补正材料：补正须按通知所列一次提交齐全。"
			    "请返回上一页选择文件。", m.name));
		}
		atts[i].round = 1;
	}
	if (upload_store(r, fps, puts, atts, a.ncorr) == -1)
		return reply_error(r, 500, "保存补正材料时出错，补正材料没有提交。"
		    "请稍后重新提交。");
	rc = app_correct(r->db, r->pool, &r->user, a.app_no, atts, a.ncorr,
	    &why);
	if (rc == DB_OK)
		for (i = 0; i < a.ncorr; i++)
			files_release(&puts[i]);
	else
		upload_discard(r, puts, a.ncorr);
	switch (rc) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=correct", a.app_no));
	case DB_NONE:
		return reply_error(r, 409, why ? why : "没有找到这个申请。");
	default:
		return reply_error(r, 500, "提交补正材料时出错。请刷新本页查看"
		    "是否已经提交；没有的话，请稍后重新提交。");
	}
}

/*
 * GET /my  the applicant's applications.
 */
int
page_ext_my(struct req *r)
{
	struct application	*v;
	struct enterprise	*ev;
	const char		*done;
	size_t			 n, i, k;
	char			*idno, *mobile, hash[65];

	/* The enterprises the person represents or acts for (ACC-1). */
	if (enterprise_mine(r->db, r->pool, r->user.id, &ev, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Ents.%zu", i);
		hdf_put(r, p, "code", ev[i].credit_code);
		hdf_put(r, p, "name", ev[i].name);
		hdf_put(r, p, "role", ev[i].is_rep ? "法定代表人" :
		    pool_printf(r->pool, "经办人：%s", enterprise_rights_label(
		    r->pool, ev[i].rights)));
	}
	/* A citizen's own, and what agents made for them (AGT-1); an
	 * agent's, those they made. */
	if (r->user.roles & ROLE_CITIZEN) {
		if (account_citizen_personal(r->db, r->pool, r->user.id,
		    &idno, &mobile) != DB_OK || app_id_hash(idno, hash) == -1)
			return reply_error(r, 500, NULL);
	}
	if (app_list_with(r->db, r->pool, r->user.id, r->user.roles &
	    ROLE_CITIZEN ? hash : NULL, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	if (view_drafts(r) == -1)
		return reply_error(r, 500, NULL);
	/* 一件事 (EXT-12): each bundle one entry, its applications in it. */
	if ((r->user.roles & ROLE_CITIZEN) && view_my_bundles(r) == -1)
		return reply_error(r, 500, NULL);
	for (i = 0, k = 0; i < n; i++) {
		char *p;

		if (v[i].bundle_no != NULL)
			continue;
		p = pool_printf(r->pool, "Apps.%zu", k++);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "entity_name", v[i].entity_name);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "state", v[i].state);
		hdf_put(r, p, "state_label", v[i].state_label);
		hdf_put(r, p, "submitted_at", v[i].submitted_at);
		hdf_put(r, p, "updated_at", v[i].updated_at);
		hdf_put(r, p, "applicant_name", v[i].applicant_name);
		hdf_put(r, p, "agent_name", v[i].agent_name);
		hdf_put(r, p, "agent_area", v[i].agent_area);
		hdf_put(r, p, "source", v[i].source);
	}
	if ((done = form_get(r, "done")) != NULL && strcmp(done, "draft") == 0)
		hdf_set(r, "Page.Notice", "草稿已删除。");
	/* 我的证照 (DOC-2): the person's own and those of the cases agents
	 * made for them (AGT-1); an enterprise's are on its page. */
	if (r->user.roles & ROLE_CITIZEN) {
		struct licence	*lv;

		if (licence_of_citizen(r->db, r->pool, r->user.id, hash, &lv,
		    &n) != DB_OK)
			return reply_error(r, 500, NULL);
		view_licences(r, "Lics", lv, n);
		hdf_set(r, "Lics_shown", "1");
	}
	if (r->user.roles & ROLE_AGENT) {
		hdf_set(r, "Agent.name", r->user.name);
		hdf_set(r, "Page.Title", "我代办的办件");
	} else
		hdf_set(r, "Page.Title", "我的办件");
	return render(r, "ext/my.cs");
}

int
page_ext_query_form(struct req *r)
{
	hdf_set(r, "Page.Title", "办件查询");
	return render(r, "ext/query.cs");
}

/*
 * POST /query: application number and the applicant's ID number, without
 * login (EXT-3).  An unknown number and a wrong ID number answer alike, in
 * the same time (F5); misses are limited per number, ID number and
 * address.
 */
int
page_ext_query(struct req *r)
{
	struct application	 a;
	const char		*no, *idno, *msg;
	char			*up;
	enum query_rc		 rc = QUERY_MISS;

	no = form_get(r, "app_no");
	idno = form_get(r, "id_number");
	hdf_set(r, "Page.Title", "办件查询");
	if (no != NULL && idno != NULL && strlen(no) <= 20 &&
	    strlen(idno) == 18) {
		up = pool_strdup(r->pool, idno);
		id_number_upper(up);
		rc = app_query(r->db, r->pool, no, up,
		    request_param(r, "REMOTE_ADDR"), &a);
	}
	switch (rc) {
	case QUERY_FOUND:
		view_app(r, "App", &a);
		return render(r, "ext/query.cs");
	case QUERY_MISS:
		msg = "没有查到：请核对申请编号（接件凭证上以 YW 开头的编号）"
		    "和申请人的身份证号码。";
		break;
	case QUERY_NUMBER_BUSY:
		msg = pool_printf(r->pool, "这个申请编号或身份证号码查询失败的"
		    "次数过多，为保护申请人的信息，请%s再试；申请人本人也可以"
		    "登录后在「我的办件」中查看。", TH_QUERY_NUMBER.reopens);
		break;
	case QUERY_ADDR_BUSY:
		msg = pool_printf(r->pool, "从您的网络地址查询失败的次数过多，"
		    "请%s再试。", TH_QUERY_ADDR.reopens);
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	r->status = 422;
	hdf_set(r, "Form.Error", msg);
	hdf_set(r, "Form.app_no", no);
	return render(r, "ext/query.cs");
}

/* GET /doc?no=… of a licence (DOC-2): the holder's, or their
 * enterprise's for those who may view its applications, to print. */
static int
licence_page(struct req *r, const char *no)
{
	struct seal_view	 v;
	int			 status;

	if ((status = sealed_readable(r, no, &v)) == 0 && v.lic_state == NULL)
		status = 404;
	if (status != 0)
		return reply_error(r, status, status == 404 ? "没有找到这份文书。" :
		    NULL);
	if (view_sealed(r, &v) == -1)
		return reply_error(r, 500, NULL);
	return render(r, "doc/licence.cs");
}

/*
 * GET /doc?no=…  a notice or decision issued to the logged-in applicant.
 */
int
page_ext_doc(struct req *r)
{
	struct application	 a;
	struct doc		 d;
	struct seal_view	 v;
	const char		*no;

	if ((no = form_get(r, "no")) == NULL || strlen(no) > 60)
		return reply_error(r, 400, "文书编号格式不正确。");
	switch (doc_get(r->db, r->pool, no, &d)) {
	case DB_OK:
		break;
	case DB_NONE:
		return licence_page(r, no);
	default:
		return reply_error(r, 500, NULL);
	}
	if (app_get(r->db, r->pool, d.app_no, &a) != DB_OK ||
	    app_readable(r, &a) != 1)
		return reply_error(r, 404, "没有找到这份文书。");
	/* Its seal as this site verifies it (DOC-1). */
	if (view_doc(r, &d) == -1 ||
	    docseal_view(r->db, r->pool, no, &v) != DB_OK)
		return reply_error(r, 500, NULL);
	view_seal(r, &v);
	return render(r, "doc/notice.cs");
}
