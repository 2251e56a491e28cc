/*
 * ext_event.c: 一件事一次办 on the extranet (EXT-12; docs/event.md).
 * /event: a life event's guide (its items, their departments, the time
 * and visits of the whole); /event/apply: one form for all its items,
 * the applicant's data once and the union of their materials, a material
 * of the same name asked once and used for every item that needs it;
 * submitted, one application per item (app_submit_bundle()), followed as
 * one on /bundle and in 我的办件.
 */
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "crypto.h"
#include "draft.h"
#include "enterprise.h"
#include "files.h"
#include "lifeevent.h"
#include "log.h"
#include "pages.h"
#include "utf8.h"

#define REMARK_MAX	2000	/* ext_apply.c REMARK_MAX */

/* A material of the form: the items' materials of one name. */
struct umat {
	const char	*name;
	int		 required;
	size_t		 nuses;
	size_t		 item[EVENT_ITEMS_MAX];	/* which items use it */
	int		 seq[EVENT_ITEMS_MAX];	/* as which of their materials */
};

struct event_form {
	struct life_event	 e;
	struct item		*items;
	struct umat		*mats;
	size_t			 nmats;
};

/* The union of the items' materials, first use first. */
static void
union_materials(struct pool *pool, struct event_form *f)
{
	size_t	 i, j, k, cap = 0;

	for (i = 0; i < f->e.nitems; i++)
		cap += f->items[i].nmaterials;
	f->mats = pool_alloc(pool, (cap + 1) * sizeof(*f->mats));
	f->nmats = 0;
	for (i = 0; i < f->e.nitems; i++)
		for (j = 0; j < f->items[i].nmaterials; j++) {
			const struct material *m = &f->items[i].materials[j];
			struct umat *u;

			for (k = 0; k < f->nmats; k++)
				if (strcmp(f->mats[k].name, m->name) == 0)
					break;
			u = &f->mats[k];
			if (k == f->nmats) {
				memset(u, 0, sizeof(*u));
				u->name = m->name;
				f->nmats++;
			}
			/* An item listing one name twice uses it once. */
			if (u->nuses > 0 && u->item[u->nuses - 1] == i)
				continue;
			u->required |= m->required;
			u->item[u->nuses] = i;
			u->seq[u->nuses++] = m->seq;
		}
}

/*
 * The published life event of ?code= with its items as published, each
 * one that may be applied for online.  0, or the reply already sent.
 */
static int
load_event(struct req *r, struct event_form *f)
{
	const char	*code = form_get(r, "code");
	size_t		 i;

	memset(f, 0, sizeof(*f));
	if (code == NULL || *code == '\0' || strlen(code) > 40)
		return reply_error(r, 404, "没有这件事。请从首页的「一件事"
		    "一次办」进入。");
	switch (event_get(r->db, r->pool, code, 0, &f->e)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这件事，或者它已停止办理。请"
		    "从首页的「一件事一次办」进入。");
	default:
		return reply_error(r, 500, NULL);
	}
	f->items = pool_alloc(r->pool, (f->e.nitems + 1) * sizeof(*f->items));
	for (i = 0; i < f->e.nitems; i++)
		switch (catalog_published(r->db, r->pool, f->e.items[i],
		    &f->items[i])) {
		case DB_OK:
			break;
		case DB_NONE:
			return reply_error(r, 404, "这件事的一个事项已停止办理，"
			    "暂时不能一次申请。请分别申请其中的事项。");
		default:
			return reply_error(r, 500, NULL);
		}
	union_materials(r->pool, f);
	return 0;
}

/* The event's guide as Event.*: its items and materials, the time of
 * the whole (the longest item's), its visits (the most of any item's:
 * one visit serves all), its fees. */
static void
view_event(struct req *r, const struct event_form *f)
{
	const char	*p;
	size_t		 i, j, depts = 0;
	int		 days = 0, visits = 0, free = 1, online = 1;

	hdf_set(r, "Event.code", f->e.code);
	hdf_set(r, "Event.name", f->e.name);
	hdf_set(r, "Event.intro", f->e.intro);
	hdf_setf(r, "Event.version", "%d", f->e.version);
	for (i = 0; i < f->e.nitems; i++) {
		const struct item *it = &f->items[i];

		p = pool_printf(r->pool, "Event.Items.%zu", i);
		hdf_put(r, p, "code", it->code);
		hdf_put(r, p, "name", it->name);
		hdf_put(r, p, "dept_name", it->dept_name);
		hdf_putf(r, p, "promised_days", "%d", it->promised_days);
		hdf_putf(r, p, "visits", "%d", it->visits);
		hdf_put(r, p, "fee", it->fee);
		hdf_putf(r, p, "no", "%zu", i + 1);
		if (it->promised_days > days)
			days = it->promised_days;
		if (it->visits > visits)
			visits = it->visits;
		if (strcmp(it->fee, "不收费") != 0 && *it->fee != '\0')
			free = 0;
		if ((strcmp(it->depth, "A") != 0 &&
		    strcmp(it->depth, "B") != 0) || it->secret)
			online = 0;
		for (j = 0; j < i; j++)
			if (strcmp(f->items[j].dept_code, it->dept_code) == 0)
				break;
		depts += j == i;
	}
	hdf_setf(r, "Event.days", "%d", days);
	hdf_setf(r, "Event.visits", "%d", visits);
	hdf_setf(r, "Event.depts", "%zu", depts);
	hdf_setf(r, "Event.nitems", "%zu", f->e.nitems);
	hdf_set(r, "Event.free", free ? "1" : "0");
	hdf_set(r, "Event.online", online ? "1" : "0");
	for (i = 0; i < f->nmats; i++) {
		const struct umat *u = &f->mats[i];
		const char *by = "";

		p = pool_printf(r->pool, "Event.Materials.%zu", i);
		hdf_putf(r, p, "seq", "%zu", i + 1);
		hdf_put(r, p, "name", u->name);
		hdf_putf(r, p, "required", "%d", u->required);
		hdf_putf(r, p, "shared", "%d", u->nuses > 1);
		for (j = 0; j < u->nuses; j++) {
			by = pool_printf(r->pool, "%s%s%s", by, j ? "、" : "",
			    f->items[u->item[j]].name);
			hdf_putf(r, pool_printf(r->pool, "%s.Items.%zu", p, j),
			    "no", "%zu", u->item[j] + 1);
		}
		hdf_put(r, p, "used_by", by);
		/* Asked for by one item only: shown under that item. */
		if (u->nuses == 1)
			hdf_putf(r, p, "item", "%zu", u->item[0] + 1);
	}
}

/* GET /event?code=…: the guide of a life event. */
int
page_ext_event(struct req *r)
{
	struct event_form	 f;
	int			 rc;

	if ((rc = load_event(r, &f)) != 0)
		return rc;
	view_event(r, &f);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "一件事一次办 · %s",
	    f.e.name));
	return render(r, "ext/event.cs");
}

/*
 * Drafts (EXT-1, draft.c): an event's form keeps its draft under its key
 * as the single form does, its item_code "@" and the event's code, each
 * file by its material's number on this form (k + 1).
 */
static char *
draft_code(struct req *r, const struct event_form *f)
{
	return pool_printf(r->pool, "@%s", f->e.code);
}

/* The draft of key for event f into *d (d->id 0 when none): 0, or the
 * reply already sent: the same form again (Back, a second submit) goes
 * to the bundle it made. */
static int
event_draft(struct req *r, const struct event_form *f,
    const struct enterprise *e, const char *key, struct draft *d)
{
	char	*app_no;

	memset(d, 0, sizeof(*d));
	if (key == NULL)
		return 0;
	switch (app_by_form_key(r->db, r->pool, r->user.id, key, &app_no)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/bundle?no=YJ%s&again=1", app_no + 2));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	return apply_draft(r, draft_code(r, f), e, key, d);
}

/* The file draft d holds for the form's material k, or NULL. */
static const struct draft_file *
draft_slot(const struct draft *d, size_t k)
{
	size_t	 i;

	for (i = 0; i < d->nfiles; i++)
		if (d->files[i].seq == (int)k + 1)
			return &d->files[i];
	return NULL;
}

/* What event_form() shows of draft d: its files, its remark unless the
 * form was posted. */
static void
view_event_draft(struct req *r, const struct event_form *f,
    const struct draft *d, int posted)
{
	const struct draft_file	*df;
	char			*p;
	size_t			 k;

	if (d->id == 0)
		return;
	hdf_set(r, "Form.Draft.updated_at", d->updated_at);
	hdf_set(r, "Form.Draft.expires_on", d->expires_on);
	if (!posted)
		hdf_set(r, "Form.remark", d->remark);
	for (k = 0; k < f->nmats; k++) {
		if ((df = draft_slot(d, k)) == NULL)
			continue;
		p = pool_printf(r->pool, "Event.Materials.%zu.Draft", k);
		hdf_put(r, p, "file_name", df->file_name);
		hdf_putf(r, p, "kb", "%lld", (long long)((df->size + 1023) /
		    1024));
	}
}

/* A submission being handled: its files and applicant, for its draft. */
struct event_sub {
	const struct enterprise	*e;
	FILE			**fps;
	struct attachment	*uatt;
	int			*given;
};

/*
 * Keep the submission sub of event f in the draft of key: the remark and
 * each good file (new ones stored and charged to the day's quota, as on
 * the single form).  What the form should say about it.
 */
static const char *
keep_event_draft(struct req *r, const struct event_form *f, const char *key,
    const struct event_sub *sub)
{
	struct draft		 d;
	struct files_put	*puts;
	const char		*v;
	int64_t			 apps, bytes, add = 0;
	size_t			 k, n = f->nmats;
	int			 cut;

	memset(&d, 0, sizeof(d));
	d.key = (char *)key;
	d.item_code = draft_code(r, f);
	d.item_name = pool_printf(r->pool, "一件事：%s", f->e.name);
	d.credit_code = sub->e->id != 0 ? sub->e->credit_code : NULL;
	v = form_text(r, "remark");
	d.remark = v == NULL ? NULL : pool_strndup(r->pool, v,
	    utf8_prefix(v, 16000));
	for (k = 0; k < n; k++)
		if (sub->fps[k] != NULL)
			add += sub->uatt[k].size;
	if (app_quota_today(r->db, r->pool, r->user.id, &apps, &bytes) !=
	    DB_OK)
		return "保存草稿时出错，请稍后再试。";
	if ((cut = (uint64_t)(bytes + add) > r->cfg->quota_bytes))
		for (k = 0; k < n; k++)	/* the fields and earlier files */
			if (sub->fps[k] != NULL) {
				sub->fps[k] = NULL;
				sub->given[k] = 0;
			}
	puts = pool_alloc(r->pool, (n + 1) * sizeof(*puts));
	if (upload_store(r, sub->fps, puts, sub->uatt, n) == -1)
		return "保存草稿时出错，请稍后再试。";
	d.files = pool_alloc(r->pool, (n + 1) * sizeof(*d.files));
	for (k = 0; k < n; k++) {
		if (!sub->given[k])
			continue;
		d.files[d.nfiles].seq = (int)k + 1;
		d.files[d.nfiles].file_name = sub->uatt[k].file_name;
		memcpy(d.files[d.nfiles].sha256, sub->uatt[k].sha256, 65);
		d.files[d.nfiles].size = sub->uatt[k].size;
		d.files[d.nfiles++].mime = sub->uatt[k].mime;
	}
	return draft_keep(r, &d, puts, n, add, cut);
}

/* The form of event f with its draft d; posted again with why (status)
 * when refused, with kept: what became of its draft. */
static int
event_form(struct req *r, const struct event_form *f,
    const struct enterprise *e, int status, const char *why,
    const char *kept, const struct draft *d)
{
	char	*idno = NULL, *mobile = NULL;
	int	 posted = why != NULL || kept != NULL;

	if (account_citizen_personal(r->db, r->pool, r->user.id, &idno,
	    &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	view_event(r, f);
	hdf_set(r, "Applicant.name", r->user.name);
	hdf_set(r, "Applicant.id_number_masked", view_mask(r, idno, 6, 4));
	hdf_set(r, "Applicant.mobile", mobile);
	/* 以企业名义 (ACC-1): the enterprise applies, its staff acts. */
	if (e->id != 0) {
		hdf_set(r, "Applicant.Entity.name", e->name);
		hdf_set(r, "Applicant.Entity.code", e->credit_code);
		hdf_set(r, "Applicant.Entity.address", e->address);
		hdf_set(r, "Applicant.Entity.rep", e->rep_name);
	}
	if (view_apply_as(r) == -1)
		return reply_error(r, 500, NULL);
	if (posted) {
		r->status = why != NULL ? status : 200;
		hdf_set(r, "Form.Error", why);
		hdf_set(r, "Form.Kept", kept);
		hdf_set(r, "Form.remark", form_text(r, "remark"));
	}
	view_event_draft(r, f, d, posted);
	hdf_set(r, "Form.key", posted ? view_posted_key(r) : apply_key(r));
	hdf_setf(r, "Limits.upload_mb", "%zu", r->cfg->max_upload >> 20);
	hdf_setf(r, "Limits.remark", "%d", REMARK_MAX);
	hdf_set(r, "Page.Title", pool_printf(r->pool, "一件事申请 · %s",
	    f->e.name));
	return render(r, "ext/event_apply.cs");
}

/*
 * GET /event/apply?code=…&key=…  Without a key, the same address with a
 * new one: Back and a second submission land on the bundle it made.
 */
int
page_ext_event_form(struct req *r)
{
	struct event_form	 f;
	struct enterprise	 e;
	struct draft		 d;
	unsigned char		 rnd[FORM_KEY_LEN / 2];
	char			 key[FORM_KEY_LEN + 1];
	const char		*k;
	int			 rc;

	if ((rc = load_event(r, &f)) != 0)
		return rc;
	if ((rc = apply_as(r, &e)) != 0)
		return rc;
	if ((k = apply_key(r)) != NULL) {
		if ((rc = event_draft(r, &f, &e, k, &d)) != 0)
			return rc;
		return event_form(r, &f, &e, 200, NULL, NULL, &d);
	}
	crypto_random(rnd, sizeof(rnd));
	crypto_hex(rnd, sizeof(rnd), key);
	return reply_redirect(r, pool_printf(r->pool, "/event/apply?code=%s"
	    "%s%s&key=%s", view_url_escape(r, f.e.code), e.id != 0 ? "&as=" :
	    "", e.id != 0 ? view_url_escape(r, e.credit_code) : "", key));
}

/* Each item's attachments from the form's files (uatt[k], NULL: none):
 * the same stored file named by every item that asks for it. */
static void
split(struct pool *pool, const struct event_form *f,
    const struct attachment *uatt, const int *given,
    struct attachment **atts, size_t *natts)
{
	size_t	 i, k, u;

	for (i = 0; i < f->e.nitems; i++) {
		atts[i] = pool_alloc(pool, (f->items[i].nmaterials + 1) *
		    sizeof(**atts));
		natts[i] = 0;
	}
	for (k = 0; k < f->nmats; k++) {
		if (!given[k])
			continue;
		for (u = 0; u < f->mats[k].nuses; u++) {
			struct attachment *a;

			i = f->mats[k].item[u];
			a = &atts[i][natts[i]++];
			*a = uatt[k];
			a->material_seq = f->mats[k].seq[u];
			a->material_name = (char *)f->mats[k].name;
		}
	}
}

/*
 * POST /event/apply (multipart): code, form_key, remark, a file m<k> per
 * material of the form (k from 1, Event.Materials.N.seq); save (保存草稿)
 * to keep it as a draft only.  Every file is judged as on the single form
 * (upload_take()); the first bad one or the first required one missing is
 * named, and the form comes back with what was typed, the good files kept
 * in its draft, as on any refusal.  Stored once, each file is named by
 * every application that needs it.
 */
int
page_ext_event_apply(struct req *r)
{
	struct event_form	 f;
	struct enterprise	 e;
	struct app_entity	 ent;
	struct files_rule	 rule;
	struct app_quota	 quota;
	struct bundle_ref	 b;
	struct draft		 d;
	struct event_sub	 sub;
	const struct draft_file	*df;
	const char		*kept;
	struct attachment	*uatt, **atts;
	struct files_put	*puts;
	FILE			**fps;
	const char		*key, *why, *bad = NULL, *missing = NULL;
	const char		*remark;
	char			*idno, *mobile;
	size_t			*natts, k, i;
	int64_t			 used_apps, used_bytes, total = 0;
	int			*given, rc, status, bad_status = 422;
	enum app_rc		 arc;

	if ((rc = load_event(r, &f)) != 0)
		return rc;
	if ((rc = apply_as(r, &e)) != 0)
		return rc;
	if ((key = view_posted_key(r)) == NULL)
		return reply_error(r, 400, "申请页面已过期。请先到「我的办件」"
		    "查看这件事是否已经提交；没有的话，请从一件事的办事指南"
		    "重新打开申请页面。");
	if ((rc = event_draft(r, &f, &e, key, &d)) != 0)
		return rc;
	for (i = 0; i < f.e.nitems; i++)
		if ((strcmp(f.items[i].depth, "A") != 0 &&
		    strcmp(f.items[i].depth, "B") != 0) || f.items[i].secret)
			return event_form(r, &f, &e, 409, pool_printf(r->pool,
			    "「%s」现在不能网上申请，这件事暂时不能一次申请。"
			    "请到政务服务中心窗口办理。", f.items[i].name), NULL,
			    &d);
	upload_rule(r, &rule);
	uatt = pool_alloc(r->pool, (f.nmats + 1) * sizeof(*uatt));
	puts = pool_alloc(r->pool, (f.nmats + 1) * sizeof(*puts));
	fps = pool_alloc(r->pool, (f.nmats + 1) * sizeof(*fps));
	given = pool_alloc(r->pool, (f.nmats + 1) * sizeof(*given));
	/* Every slot judged: the first bad file is named, the good kept;
	 * a slot without a new file takes its draft's. */
	for (k = 0; k < f.nmats; k++) {
		struct material m = { .seq = (int)k + 1,
		    .name = (char *)f.mats[k].name };

		given[k] = 0;
		fps[k] = NULL;
		switch (upload_take(r, &m, &rule, -1, &fps[k], &uatt[k],
		    &status, &why)) {
		case -1:
			if (bad == NULL) {
				bad = why;
				bad_status = status;
			}
			fps[k] = NULL;
			break;
		case 0:
			fps[k] = NULL;
			if ((df = draft_slot(&d, k)) != NULL) {
				memset(&uatt[k], 0, sizeof(uatt[k]));
				uatt[k].file_name = df->file_name;
				memcpy(uatt[k].sha256, df->sha256, 65);
				uatt[k].size = df->size;
				uatt[k].mime = df->mime;
				given[k] = 1;
			} else if (f.mats[k].required && missing == NULL)
				missing = f.mats[k].name;
			break;
		default:
			given[k] = 1;
			total += uatt[k].size;
		}
	}
	remark = form_text(r, "remark");
	if (bad == NULL && missing == NULL && form_get(r, "save") == NULL &&
	    remark != NULL && utf8_chars(remark) > REMARK_MAX)
		bad = "申请说明太长，请控制在 2000 字以内。";
	/* Refused, or 保存草稿: what was good is kept in the draft. */
	if (bad != NULL || missing != NULL || form_get(r, "save") != NULL) {
		sub.fps = fps;
		sub.uatt = uatt;
		sub.given = given;
		sub.e = &e;
		kept = keep_event_draft(r, &f, key, &sub);
		if ((rc = event_draft(r, &f, &e, key, &d)) != 0)
			return rc;
		if (bad == NULL && missing != NULL) {
			bad = pool_printf(r->pool, "请上传「%s」（必交材料）。",
			    missing);
			bad_status = 422;
		}
		if (bad == NULL)	/* 保存草稿 */
			return event_form(r, &f, &e, 200, NULL, kept, &d);
		return event_form(r, &f, &e, bad_status, bad, kept, &d);
	}
	if (account_citizen_personal(r->db, r->pool, r->user.id, &idno,
	    &mobile) != DB_OK)
		return reply_error(r, 500, NULL);
	/* Each item is an application of the day's quota (SEC-8). */
	quota.apps = r->cfg->quota_apps;
	quota.bytes = r->cfg->quota_bytes;
	if (app_quota_today(r->db, r->pool, r->user.id, &used_apps,
	    &used_bytes) != DB_OK)
		return reply_error(r, 500, NULL);
	if ((uint64_t)used_apps + f.e.nitems > quota.apps ||
	    (uint64_t)(used_bytes + total * (int64_t)f.e.nitems) >
	    quota.bytes) {
		r->status = 429;
		return reply_error(r, 429, pool_printf(r->pool, "这件事包含 "
		    "%zu 个事项，提交后将超过每个账号每天 %llu 份申请或 %zu MB "
		    "材料的上限。请明天（北京时间 0 点以后）再提交。",
		    f.e.nitems, (unsigned long long)quota.apps,
		    (size_t)(quota.bytes >> 20)));
	}
	if (upload_store(r, fps, puts, uatt, f.nmats) == -1)
		return reply_error(r, 500, "保存附件时出错，您的申请没有保存。"
		    "请稍后重新提交。");
	atts = pool_alloc(r->pool, (f.e.nitems + 1) * sizeof(*atts));
	natts = pool_alloc(r->pool, (f.e.nitems + 1) * sizeof(*natts));
	split(r->pool, &f, uatt, given, atts, natts);
	memset(&b, 0, sizeof(b));
	b.event_code = f.e.code;
	b.event_version = f.e.version;
	b.event_name = f.e.name;
	b.items = f.e.items;
	b.nitems = f.e.nitems;
	ent.id = e.id;
	ent.name = e.name;
	ent.credit_code = e.credit_code;
	arc = app_submit_bundle(r->db, r->pool, f.items, f.e.nitems,
	    &r->user, e.id != 0 ? &ent : NULL, idno, mobile, remark, atts,
	    natts, key, &quota, &b);
	for (k = 0; k < f.nmats; k++)
		if (arc == APP_OK)
			files_release(&puts[k]);
	if (arc != APP_OK)
		upload_discard(r, puts, f.nmats);
	/* Made: its draft goes (its files are the applications' now). */
	if (arc == APP_OK && d.id != 0 && draft_delete(r->db, r->pool,
	    r->user.id, key) == DB_ERR)
		log_err("bundle %s: its draft stays", b.no);
	switch (arc) {
	case APP_OK:
		return reply_redirect(r, pool_printf(r->pool, "/bundle?no=%s",
		    b.no));
	case APP_AGAIN:
		return reply_redirect(r, pool_printf(r->pool,
		    "/bundle?no=%s&again=1", b.no));
	case APP_OVER_COUNT:
	case APP_OVER_BYTES:
		return reply_error(r, 429, "今天提交的申请或材料已达到上限，"
		    "请明天（北京时间 0 点以后）再提交。");
	default:
		return reply_error(r, 500, "提交申请时出错。请先到「我的办件」"
		    "查看：没有这件事的申请的话，请稍后重新提交。");
	}
}

/* The bundle's applications as Bundle.Apps.N, with their documents. */
static int
view_bundle_apps(struct req *r, const struct app_bundle *b)
{
	struct application	 a;
	size_t			 i, j;
	char			*p, *q;

	for (i = 0; i < b->napps; i++) {
		if (app_get(r->db, r->pool, b->apps[i].app_no, &a) != DB_OK)
			return -1;
		p = pool_printf(r->pool, "Bundle.Apps.%zu", i);
		hdf_put(r, p, "app_no", a.app_no);
		hdf_put(r, p, "item_name", a.item_name);
		hdf_put(r, p, "state", a.state);
		hdf_put(r, p, "state_label", a.state_label);
		hdf_put(r, p, "updated_at", a.updated_at);
		hdf_put(r, p, "due_date", a.due_date);
		hdf_putf(r, p, "natts", "%zu", a.natts);
		if (a.nevents > 0)
			hdf_put(r, p, "last", a.events[a.nevents - 1].label);
		for (j = 0; j < a.ndocs; j++) {
			q = pool_printf(r->pool, "%s.Docs.%zu", p, j);
			hdf_put(r, q, "doc_no", a.docs[j].doc_no);
			hdf_put(r, q, "title", a.docs[j].title);
			hdf_put(r, q, "issued_at", a.docs[j].issued_at);
		}
	}
	return 0;
}

/* GET /bundle?no=YJ…: an event application, followed as one. */
int
page_ext_bundle(struct req *r)
{
	struct app_bundle	 b;
	const char		*no = form_get(r, "no"), *again;

	if (no == NULL || strlen(no) != 15 || strncmp(no, "YJ", 2) != 0)
		return reply_error(r, 404, "没有这个一件事申请编号。请从「我的"
		    "办件」打开。");
	switch (bundle_get(r->db, r->pool, no, &b)) {
	case DB_OK:
		break;
	case DB_NONE:
		return reply_error(r, 404, "没有这个一件事申请编号。请从「我的"
		    "办件」打开。");
	default:
		return reply_error(r, 500, NULL);
	}
	/* Only who made it, and an enterprise's for whoever may see its
	 * applications (ACC-1): anyone else is told it does not exist. */
	switch (made_visible(r, b.citizen_id, b.enterprise_id)) {
	case 1:
		break;
	case 0:
		return reply_error(r, 404, "没有这个一件事申请编号。请从「我的"
		    "办件」打开。");
	default:
		return reply_error(r, 500, NULL);
	}
	if (view_bundle_apps(r, &b) == -1)
		return reply_error(r, 500, NULL);
	hdf_set(r, "Bundle.no", b.bundle_no);
	hdf_set(r, "Bundle.event_code", b.event_code);
	hdf_set(r, "Bundle.event_name", b.event_name);
	hdf_set(r, "Bundle.entity_name", b.entity_name);
	hdf_set(r, "Bundle.submitted_at", b.submitted_at);
	hdf_set(r, "Bundle.state_label", b.state_label);
	hdf_setf(r, "Bundle.open", "%d", b.open);
	hdf_setf(r, "Bundle.ncorrect", "%d", b.ncorrect);
	hdf_setf(r, "Bundle.napps", "%zu", b.napps);
	if ((again = form_get(r, "again")) != NULL && strcmp(again, "1") == 0)
		hdf_set(r, "Bundle.again", "1");
	hdf_set(r, "Page.Title", pool_printf(r->pool, "一件事申请 · %s",
	    b.event_name));
	return render(r, "ext/bundle.cs");
}

/* The entries of bundles v (Bundles.N), each with its applications. */
static void
view_bundles(struct req *r, const struct app_bundle *v, size_t n)
{
	size_t			 i, j;
	char			*p;

	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Bundles.%zu", i);
		hdf_put(r, p, "no", v[i].bundle_no);
		hdf_put(r, p, "event_name", v[i].event_name);
		hdf_put(r, p, "entity_name", v[i].entity_name);
		hdf_put(r, p, "handler", v[i].apps != NULL && v[i].napps > 0 ?
		    v[i].apps[0].applicant_name : NULL);
		hdf_put(r, p, "submitted_at", v[i].submitted_at);
		hdf_put(r, p, "state_label", v[i].state_label);
		hdf_putf(r, p, "open", "%d", v[i].open);
		hdf_putf(r, p, "ncorrect", "%d", v[i].ncorrect);
		for (j = 0; j < v[i].napps; j++) {
			char *q = pool_printf(r->pool, "%s.Apps.%zu", p, j);

			hdf_put(r, q, "app_no", v[i].apps[j].app_no);
			hdf_put(r, q, "item_name", v[i].apps[j].item_name);
			hdf_put(r, q, "state", v[i].apps[j].state);
			hdf_put(r, q, "state_label",
			    v[i].apps[j].state_label);
		}
	}
}

/* 我的办件's entries of the citizen's bundles (Bundles.N): those they
 * made, for themself or an enterprise; their applications are not
 * listed alone. */
int
view_my_bundles(struct req *r)
{
	struct app_bundle	*v;
	size_t			 n;

	if (bundle_list(r->db, r->pool, r->user.id, &v, &n) != DB_OK)
		return -1;
	view_bundles(r, v, n);
	return 0;
}

/* The enterprise page's entries of its bundles (Bundles.N), ACC-1. */
int
view_enterprise_bundles(struct req *r, int64_t ent)
{
	struct app_bundle	*v;
	size_t			 n;

	if (bundle_list_enterprise(r->db, r->pool, ent, &v, &n) != DB_OK)
		return -1;
	view_bundles(r, v, n);
	return 0;
}

/* The home page's life events (Events.N.{code,name,intro,nitems}). */
int
view_home_events(struct req *r)
{
	struct life_event	*v;
	size_t			 n, i;
	char			*p;

	if (event_list_brief(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Events.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "intro", v[i].intro);
		hdf_putf(r, p, "nitems", "%zu", v[i].nitems);
	}
	return 0;
}
