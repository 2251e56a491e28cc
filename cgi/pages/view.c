/*
 * view.c: domain objects into page data, shared by both sites.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "account.h"
#include "alert.h"
#include "crypto.h"
#include "docseal.h"
#include "fee.h"
#include "ids.h"
#include "licence.h"
#include "org.h"
#include "pages.h"
#include "qrsvg.h"

char *
view_mask(struct req *r, const char *s, size_t head, size_t tail)
{
	size_t	 n = s ? strlen(s) + 1 : 1;
	char	*out = pool_alloc(r->pool, n);

	id_mask(s, head, tail, out, n);
	return out;
}

const char *
view_posted_key(struct req *r)
{
	const char	*k;

	if ((k = form_get(r, "form_key")) == NULL ||
	    !crypto_hex_valid(k, FORM_KEY_LEN))
		return NULL;
	return k;
}

void
view_form_key(struct req *r, int keep)
{
	const char	*old;
	unsigned char	 rnd[FORM_KEY_LEN / 2];
	char		*key;

	if (keep && (old = view_posted_key(r)) != NULL) {
		hdf_set(r, "Form.key", old);
		return;
	}
	crypto_random(rnd, sizeof(rnd));
	key = pool_alloc(r->pool, FORM_KEY_LEN + 1);
	crypto_hex(rnd, sizeof(rnd), key);
	hdf_set(r, "Form.key", key);
}

int
view_form_id(struct req *r, const char *name, int64_t *id)
{
	const char	*v;
	char		*end;

	if ((v = form_get(r, name)) == NULL)
		return -1;
	errno = 0;
	*id = strtoll(v, &end, 10);
	return errno != 0 || *end != '\0' || *id <= 0 ? -1 : 0;
}

int
view_observer(const struct req *r)
{
	return (r->user.roles & ROLE_OBSERVER) != 0;
}

const char *
view_person(struct req *r, const char *name)
{
	const char	*s = name == NULL ? "" : name;
	size_t		 n;

	if (!view_observer(r) || *s == '\0')
		return s;
	/* The first character (UTF-8: its lead byte and what follows). */
	n = 1;
	while (s[n] != '\0' && (s[n] & 0xc0) == 0x80)
		n++;
	return pool_printf(r->pool, "%.*s**", (int)n, s);
}

void
view_item(struct req *r, const char *p, const struct item *it)
{
	size_t	 i;

	hdf_put(r, p, "code", it->code);
	hdf_putf(r, p, "version", "%d", it->version);
	hdf_put(r, p, "name", it->name);
	hdf_put(r, p, "kind", it->kind);
	hdf_put(r, p, "dept_code", it->dept_code);
	hdf_put(r, p, "dept_name", it->dept_name);
	hdf_put(r, p, "level", it->level);
	hdf_put(r, p, "basis", it->basis);
	hdf_put(r, p, "conditions", it->conditions);
	hdf_putf(r, p, "statutory_days", "%d",
	    it->statutory_days);
	hdf_putf(r, p, "promised_days", "%d",
	    it->promised_days);
	hdf_putf(r, p, "instant", "%d", it->instant);
	hdf_put(r, p, "fee", it->fee);
	hdf_put(r, p, "place", it->place);
	hdf_put(r, p, "hours", it->hours);
	hdf_put(r, p, "phone", it->phone);
	hdf_put(r, p, "complaint_phone", it->complaint_phone);
	hdf_putf(r, p, "visits", "%d", it->visits);
	hdf_put(r, p, "depth", it->depth);
	hdf_put(r, p, "depth_label", catalog_depth_label(it->depth));
	hdf_put(r, p, "online", (it->depth[0] == 'A' ||
	    it->depth[0] == 'B') && !it->secret ? "1" : "0");
	hdf_put(r, p, "parent_code", it->parent_code);
	hdf_put(r, p, "phase", it->phase);
	hdf_put(r, p, "fee_basis", it->fee_basis);
	hdf_put(r, p, "fee_standard", it->fee_standard);
	hdf_put(r, p, "themes", it->themes);
	hdf_put(r, p, "published_at", it->published_at);
	hdf_putf(r, p, "secret", "%d", it->secret);
	for (i = 0; i < it->nmaterials; i++) {
		const struct material *m = &it->materials[i];
		char *q = pool_printf(r->pool, "%s.Materials.%zu", p, i);

		hdf_putf(r, q, "seq", "%d", m->seq);
		hdf_put(r, q, "name", m->name);
		hdf_put(r, q, "original", m->original);
		hdf_putf(r, q, "copies", "%d",
		    m->copies);
		hdf_putf(r, q, "required", "%d",
		    m->required);
		hdf_put(r, q, "note", m->note);
		hdf_put(r, q, "form", m->form_sha[0] ? m->form : "");
		hdf_put(r, q, "sample", m->sample_sha[0] ? m->sample : "");
	}
	for (i = 0; i < it->nsteps; i++) {
		const struct step *s = &it->steps[i];
		char *q = pool_printf(r->pool, "%s.Steps.%zu", p, i);

		hdf_putf(r, q, "seq", "%d", s->seq);
		hdf_put(r, q, "name", s->name);
		hdf_putf(r, q, "days", "%d", s->days);
		hdf_put(r, q, "role_label", account_role_label(s->role));
		hdf_put(r, q, "key", s->key);
		hdf_put(r, q, "dept_code", s->dept_code);
		hdf_put(r, q, "dept_name", s->dept_name);
	}
}

void
view_app(struct req *r, const char *p, const struct application *a)
{
	size_t	 i;

	hdf_put(r, p, "app_no", a->app_no);
	hdf_put(r, p, "item_code", a->item_code);
	hdf_putf(r, p, "item_version", "%d",
	    a->item_version);
	hdf_put(r, p, "item_name", a->item_name);
	hdf_put(r, p, "applicant_name", a->applicant_name);
	/* Registered at the window (INT-1): its materials stayed there. */
	hdf_put(r, p, "source", a->source);
	/* Made in an enterprise's name (ACC-1): the applicant it is. */
	hdf_put(r, p, "entity_name", a->entity_name);
	hdf_put(r, p, "credit_code", a->credit_code);
	/* Made by an agent (AGT-1): 由代办员某某代办（某某苏木）. */
	hdf_put(r, p, "agent_name", a->agent_name);
	hdf_put(r, p, "agent_area", a->agent_area);
	hdf_put(r, p, "resident_region", a->resident_region);
	hdf_put(r, p, "consent_kind", a->consent_kind);
	hdf_put(r, p, "consent_state", a->consent_state);
	/* Waiting for the resident's code: the agent's way to type it. */
	if (a->consent_state != NULL && strcmp(a->consent_state, "pending") ==
	    0 && a->agent_id != 0 && r->user.agent_id == a->agent_id)
		hdf_put(r, p, "consent_link", pool_printf(r->pool,
		    "/agent/consent?no=%s", a->app_no));
	hdf_put(r, p, "id_number_masked", view_mask(r, a->id_number, 6, 4));
	hdf_put(r, p, "mobile_masked", view_mask(r, a->mobile, 3, 4));
	hdf_put(r, p, "remark", a->remark);
	hdf_put(r, p, "state", a->state);
	hdf_put(r, p, "state_label", a->state_label);
	hdf_put(r, p, "submitted_at", a->submitted_at);
	hdf_put(r, p, "updated_at", a->updated_at);
	hdf_put(r, p, "due_date", a->due_date);
	if (a->fee_kind != NULL && a->fee_state != NULL) {
		hdf_put(r, p, "Fee.kind", a->fee_kind);
		hdf_put(r, p, "Fee.amount", fee_yuan(r->pool, a->fee_amount));
		hdf_put(r, p, "Fee.due", a->fee_due);
		hdf_put(r, p, "Fee.state", a->fee_state);
	}
	for (i = 0; i < a->natts; i++) {
		char *q = pool_printf(r->pool, "%s.Attachments.%zu", p, i);
		hdf_put(r, q, "material_name", a->atts[i].material_name);
		hdf_put(r, q, "file_name", a->atts[i].file_name);
		hdf_putf(r, q, "size", "%lld KB",
		    (long long)(a->atts[i].size + 1023) / 1024);
		hdf_putf(r, q, "round", "%d", a->atts[i].round);
	}
	/* 免证办 (DOC-2): the licences it offered instead of files; a page
	 * that cannot read them says so rather than leave them out. */
	if (view_app_licences(r, pool_printf(r->pool, "%s.Lics", p),
	    a->app_no) == -1)
		hdf_put(r, p, "lics_unread", "1");
	/* 补正 (EXT-4): what was asked, and whether it was answered. */
	for (i = 0; i < a->ncorr; i++) {
		char *q = pool_printf(r->pool, "%s.Corrections.%zu", p, i);
		hdf_putf(r, q, "material_seq", "%d", a->corr[i].material_seq);
		hdf_put(r, q, "material_name", a->corr[i].material_name);
		hdf_put(r, q, "reason", a->corr[i].reason);
	}
	hdf_put(r, p, "corrected_at", a->corrected_at);
	/* Why the clock is stopped: what the last progress record said. */
	if ((strcmp(a->state, "suspended") == 0 ||
	    strcmp(a->state, "reported") == 0) && a->nevents > 0)
		hdf_put(r, p, "pause_note", a->events[a->nevents - 1].note);
	for (i = 0; i < a->nevents; i++) {
		char *q = pool_printf(r->pool, "%s.Events.%zu", p, i);
		hdf_put(r, q, "at", a->events[i].at);
		hdf_put(r, q, "label", a->events[i].label);
		hdf_put(r, q, "actor", a->events[i].actor);
		hdf_put(r, q, "note", a->events[i].note);
	}
	for (i = 0; i < a->ndocs; i++) {
		char *q = pool_printf(r->pool, "%s.Docs.%zu", p, i);
		hdf_put(r, q, "doc_no", a->docs[i].doc_no);
		hdf_put(r, q, "title", a->docs[i].title);
		hdf_put(r, q, "issued_at", a->docs[i].issued_at);
	}
}

int
view_doc(struct req *r, const struct doc *d)
{
	json_t		*body, *mats, *m, *v;
	const char	*k;
	size_t		 i;

	if ((body = json_loads(d->body, 0, NULL)) == NULL)
		return -1;
	hdf_set(r, "Doc.kind", d->kind);
	hdf_set(r, "Doc.doc_no", d->doc_no);
	hdf_set(r, "Doc.title", d->title);
	hdf_set(r, "Doc.issued_at", d->issued_at);
	hdf_set(r, "Doc.issued_by", d->issued_by);
	json_object_foreach(body, k, v) {
		if (json_is_string(v))
			hdf_set(r, pool_printf(r->pool, "Doc.%s", k),
			    json_string_value(v));
		else if (json_is_integer(v))
			hdf_setf(r, pool_printf(r->pool, "Doc.%s", k), "%lld",
			    (long long)json_integer_value(v));
	}
	mats = json_object_get(body, "materials");
	json_array_foreach(mats, i, m) {
		hdf_set(r, pool_printf(r->pool, "Doc.Materials.%zu.name", i),
		    json_string_value(json_object_get(m, "name")));
		hdf_set(r, pool_printf(r->pool, "Doc.Materials.%zu.original",
		    i), json_string_value(json_object_get(m, "original")));
		hdf_set(r, pool_printf(r->pool, "Doc.Materials.%zu.copies", i),
		    "1");
	}
	mats = json_object_get(body, "corrections");
	json_array_foreach(mats, i, m) {
		hdf_set(r, pool_printf(r->pool, "Doc.Corrections.%zu.name", i),
		    json_string_value(json_object_get(m, "name")));
		hdf_set(r, pool_printf(r->pool, "Doc.Corrections.%zu.reason",
		    i), json_string_value(json_object_get(m, "reason")));
	}
	hdf_set(r, "Page.Title", d->title);
	hdf_set(r, "Page.Layout", "doc_layout.cs");
	json_decref(body);
	return 0;
}

const char *
view_next(const char *next)
{
	/* Only a plain path on this site (F14: "/\t/host/" was taken). */
	return url_local(next) ? next : "/";
}

void
view_refused(struct req *r, const struct org_err *err)
{
	r->status = 422;
	hdf_set(r, "Form.Error", err->msg);
	hdf_set(r, "Form.Field", err->field);
}

int
view_dept_options(struct req *r, const char *sel)
{
	struct org_dept	*v;
	char		*p;
	size_t		 n, i;

	if (org_depts(r->db, r->pool, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Depts.%zu", i);
		hdf_put(r, p, "code", v[i].code);
		hdf_put(r, p, "name", v[i].name);
		hdf_putf(r, p, "staff", "%lld", (long long)v[i].staff);
		if (sel != NULL && strcmp(sel, v[i].code) == 0)
			hdf_put(r, p, "selected", "1");
	}
	return 0;
}

const char *
view_days(struct req *r, const char *what, const char *from, const char *to)
{
	cal_day	 f, t;

	if (from != NULL && cal_day_parse(from, &f) == -1)
		return pool_printf(r->pool, "%s（起）格式不正确，请写成 "
		    "2026-09-30 这样的日期。", what);
	if (to != NULL && cal_day_parse(to, &t) == -1)
		return pool_printf(r->pool, "%s（止）格式不正确，请写成 "
		    "2026-09-30 这样的日期。", what);
	if (from != NULL && to != NULL && f > t)
		return pool_printf(r->pool, "%s的起日晚于止日，请调换后再查。",
		    what);
	return NULL;
}

int
view_key_time(struct req *r, const char *s)
{
	cal_day	 d;
	int	 y, mo, dd, h, mi, se, len = 0;

	return s != NULL && strlen(s) == 19 && sscanf(s,
	    "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &dd, &h, &mi, &se,
	    &len) == 6 && len == 19 && cal_day_parse(pool_printf(r->pool,
	    "%.10s", s), &d) == 0 && h <= 23 && mi <= 59 && se <= 59;
}

void
view_staff(struct req *r, const char *p, const struct org_staff *s)
{
	static const char *const pw[] = { "none", "temporary", "own" };
	static const char *const pw_label[] = { "未设置密码",
	    "临时密码（待本人修改）", "本人设置" };

	hdf_put(r, p, "login", s->login);
	hdf_put(r, p, "name", s->name);
	hdf_put(r, p, "dept_code", s->dept_code);
	hdf_put(r, p, "dept_name", s->dept_name);
	hdf_put(r, p, "roles_label", org_roles_label(r->pool, s->roles));
	hdf_putf(r, p, "active", "%d", s->active ? 1 : 0);
	hdf_put(r, p, "created_at", s->created_at);
	hdf_put(r, p, "pw", pw[s->pw]);
	hdf_put(r, p, "pw_label", pw_label[s->pw]);
	hdf_put(r, p, "mobile", s->mobile_masked);
}

int
view_staff_list(struct req *r, const char *dept)
{
	struct org_staff	*v;
	size_t			 n, i, active = 0;

	hdf_set(r, "Form.dept", dept);
	if (view_dept_options(r, dept) == -1 ||
	    org_staff_list(r->db, r->pool, dept, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		view_staff(r, pool_printf(r->pool, "Staff.%zu", i), &v[i]);
		active += v[i].active != 0;
	}
	hdf_setf(r, "Count.all", "%zu", n);
	hdf_setf(r, "Count.active", "%zu", active);
	return 0;
}

void
view_alert(struct req *r, const char *p, const struct alert *a)
{
	hdf_putf(r, p, "id", "%lld", (long long)a->id);
	hdf_put(r, p, "at", a->at);
	hdf_put(r, p, "kind", a->kind);
	hdf_put(r, p, "kind_label", alert_kind_label(a->kind));
	hdf_put(r, p, "object", a->object);
	hdf_put(r, p, "object_label", alert_object_label(r->pool, a->object));
	hdf_put(r, p, "message", a->message);
}

/* s percent-encoded, for a template that builds an address. */
char *
view_url_escape(struct req *r, const char *s)
{
	return url_escape(r->pool, s != NULL ? s : "");
}

char *
url_escape(struct pool *pool, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*out, *o;

	out = o = pool_alloc(pool, strlen(s) * 3 + 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	return out;
}

void
view_seal(struct req *r, const struct seal_view *v)
{
	const char	*url;

	if (v->sig_hex == NULL) {
		hdf_set(r, "Doc.Seal.state", "none");
		return;
	}
	hdf_set(r, "Doc.Seal.state", v->verified ? "sealed" : "broken");
	hdf_set(r, "Doc.Seal.code", v->code);
	hdf_set(r, "Doc.Seal.kid", v->d.kid);
	hdf_set(r, "Doc.Seal.dept", v->d.dept);
	if (v->key.kid != NULL) {
		hdf_set(r, "Doc.Seal.alg", strcmp(v->key.alg, "sm2") == 0 ?
		    "SM2/SM3" : "Ed25519");
		hdf_set(r, "Doc.Seal.dept_name", v->key.dept_name);
		hdf_set(r, "Doc.Seal.key_created", v->key.created_at);
		hdf_set(r, "Doc.Seal.retired_at", v->key.retired_at);
		hdf_set(r, "Doc.Seal.revoked_at", v->key.revoked_at);
		hdf_set(r, "Doc.Seal.revoke_why", v->key.revoke_why);
	}
	if (!v->verified || r->cfg->verify_url == NULL)
		return;
	hdf_set(r, "Doc.Seal.verify_url", r->cfg->verify_url);
	/* The QR code carries the verification address with the number
	 * and the code: scanned, it opens /verify on them. */
	url = pool_printf(r->pool, "%s?no=%s&code=%s", r->cfg->verify_url,
	    url_escape(r->pool, v->d.doc_no), v->code);
	hdf_set(r, "Doc.Seal.url", url);
	hdf_set(r, "Doc.Seal.qr_html", qr_svg(r->pool, url));
}

int
view_sealed(struct req *r, const struct seal_view *v)
{
	struct doc	 d;

	memset(&d, 0, sizeof(d));
	d.kind = (char *)v->d.kind;
	d.doc_no = (char *)v->d.doc_no;
	d.title = (char *)v->d.title;
	d.body = (char *)v->d.body;
	d.issued_at = v->issued_local;
	d.issued_by = (char *)v->d.issued_by;
	d.app_no = (char *)v->d.app_no;
	if (view_doc(r, &d) == -1)
		return -1;
	view_seal(r, v);
	if (v->lic_state == NULL)
		return 0;
	/* A licence (DOC-2): whether it is still in force. */
	hdf_set(r, "Doc.Lic.state", v->lic_expired && strcmp(v->lic_state,
	    "valid") == 0 ? "expired" : v->lic_state);
	hdf_set(r, "Doc.Lic.state_label", licence_state_label(v->lic_state,
	    v->lic_expired));
	hdf_set(r, "Doc.Lic.ended_at", v->lic_ended_at);
	hdf_set(r, "Doc.Lic.end_why", v->lic_end_why);
	return 0;
}

int
view_app_licences(struct req *r, const char *prefix, const char *app_no)
{
	struct app_lic	*v;
	const char	*state;
	char		*p;
	size_t		 i, n;

	if (licence_of_app(r->db, r->pool, app_no, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "%s.%zu", prefix, i);
		state = v[i].state == NULL ? "missing" : v[i].expired &&
		    strcmp(v[i].state, "valid") == 0 ? "expired" : v[i].state;
		hdf_put(r, p, "ended_before", v[i].ended_before ? "1" : "0");
		hdf_putf(r, p, "seq", "%d", v[i].seq);
		hdf_put(r, p, "material_name", v[i].material_name);
		hdf_put(r, p, "no", v[i].licence_no);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "state", state);
		hdf_put(r, p, "state_label", v[i].state == NULL ? "证照库中没有" :
		    licence_state_label(v[i].state, v[i].expired));
	}
	return 0;
}

void
view_licences(struct req *r, const char *prefix, const struct licence *v,
    size_t n)
{
	char	*p;
	size_t	 i;

	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "%s.%zu", prefix, i);
		hdf_put(r, p, "no", v[i].licence_no);
		hdf_put(r, p, "name", v[i].name);
		hdf_put(r, p, "app_no", v[i].app_no);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "holder", v[i].holder);
		hdf_put(r, p, "credit_code", v[i].credit_code);
		hdf_put(r, p, "issued_by", v[i].issued_by);
		hdf_put(r, p, "issued_at", v[i].issued_at);
		hdf_put(r, p, "valid_from", v[i].valid_from);
		hdf_put(r, p, "valid_to", v[i].valid_to != NULL ?
		    v[i].valid_to : "长期");
		hdf_put(r, p, "state", v[i].expired && strcmp(v[i].state,
		    "valid") == 0 ? "expired" : v[i].state);
		hdf_put(r, p, "state_label", licence_state_label(v[i].state,
		    v[i].expired));
		hdf_put(r, p, "ended_at", v[i].ended_at);
		hdf_setf(r, pool_printf(r->pool, "%s.id", p), "%lld",
		    (long long)v[i].id);
	}
}
