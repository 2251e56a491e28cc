/*
 * ext_draft.c: drafts of online applications (EXT-1; issue #11): the
 * form's key and what its draft holds, the drafts in 我的办件, their
 * deletion, and what a form sent after its session ended keeps.
 *
 * A form sent with an expired session has no account to keep anything
 * for, so nothing of it is stored then: the login page it gets carries
 * the form's one-line fields (item, enterprise, key, remark) back to the
 * same browser as hidden fields, and only once the login succeeds are
 * they saved, into that account's draft of the form's key, like a
 * 保存草稿 of theirs (the account's limit of drafts, each field cut to
 * its column).  Its files are not kept (a file is stored for an account
 * or not at all); the files its draft had stay.  docs/drafts.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "application.h"
#include "catalog.h"
#include "crypto.h"
#include "draft.h"
#include "enterprise.h"
#include "log.h"
#include "pages.h"
#include "utf8.h"

#define CARRY_REMARK	16000	/* bytes of the remark carried */

const char *
apply_key(struct req *r)
{
	const char	*k;

	if ((k = form_get(r, "form_key")) == NULL)
		k = form_get(r, "key");
	if (k == NULL || !crypto_hex_valid(k, FORM_KEY_LEN))
		return NULL;
	return k;
}

/* What a file's type is called on the form. */
static const char *
kind_label(const char *mime)
{
	if (mime != NULL && strcmp(mime, "image/jpeg") == 0)
		return "JPEG 照片";
	if (mime != NULL && strcmp(mime, "image/png") == 0)
		return "PNG 照片";
	return "PDF";
}

static void
view_file(struct req *r, const char *p, const struct draft_file *f)
{
	hdf_put(r, p, "file_name", f->file_name);
	hdf_put(r, p, "kind", kind_label(f->mime));
	hdf_setf(r, pool_printf(r->pool, "%s.kb", p), "%lld",
	    (long long)((f->size + 1023) / 1024));
}

int
view_draft(struct req *r, const struct item *it, int posted)
{
	struct draft	 d;
	const char	*key;
	char		*app_no, *p;
	size_t		 i, j;

	if ((key = apply_key(r)) == NULL) {
		view_form_key(r, 0);	/* a new one */
		return 0;
	}
	hdf_set(r, "Form.key", key);
	switch (app_by_form_key(r->db, r->pool, r->user.id, key, &app_no)) {
	case DB_OK:
		hdf_set(r, "Form.Submitted.app_no", app_no);
		return 0;
	case DB_NONE:
		break;
	default:
		return -1;
	}
	switch (draft_get(r->db, r->pool, r->user.id, key, &d)) {
	case DB_OK:
		break;
	case DB_NONE:
		return 0;
	default:
		return -1;
	}
	if (strcmp(d.item_code, it->code) != 0)
		return 0;
	hdf_set(r, "Form.Draft.updated_at", d.updated_at);
	hdf_set(r, "Form.Draft.expires_on", d.expires_on);
	if (!posted) {
		hdf_set(r, "Form.remark", d.remark);
		hdf_set(r, "Form.remark_again", NULL);
		hdf_set(r, "Form.resident_name", d.resident_name);
		hdf_set(r, "Form.resident_id_number", d.resident_id);
		hdf_set(r, "Form.resident_mobile", d.resident_mobile);
		hdf_set(r, "Form.resident_region", d.resident_region);
		hdf_set(r, "Form.delivery", d.delivery_method);
		hdf_set(r, "Form.delivery_recipient", d.delivery_recipient);
		hdf_set(r, "Form.delivery_phone", d.delivery_phone);
		hdf_set(r, "Form.delivery_address", d.delivery_address);
	}
	for (j = 0; j < d.nfiles; j++) {
		if (d.files[j].seq == APP_CONSENT_SEQ) {
			view_file(r, "Form.ConsentDraft", &d.files[j]);
			continue;
		}
		for (i = 0; i < it->nmaterials; i++)
			if (it->materials[i].seq == d.files[j].seq)
				break;
		if (i == it->nmaterials)
			continue;
		p = pool_printf(r->pool, "Item.Materials.%zu.Draft", i);
		view_file(r, p, &d.files[j]);
	}
	/* The licences it chose (免证办, DOC-2), unless the form was sent
	 * back with its own choice. */
	for (j = 0; !posted && j < d.nlics; j++)
		for (i = 0; i < it->nmaterials; i++)
			if (it->materials[i].seq == d.lics[j].seq) {
				p = pool_printf(r->pool, "Item.Materials.%zu",
				    i);
				hdf_put(r, p, "lic_set", "1");
				hdf_put(r, p, "lic_chosen",
				    d.lics[j].licence_no);
			}
	return 0;
}

int
view_drafts(struct req *r)
{
	struct draft	*v;
	size_t		 n, i;

	if (draft_list(r->db, r->pool, r->user.id, &v, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		char *p = pool_printf(r->pool, "Drafts.%zu", i);

		hdf_put(r, p, "key", v[i].key);
		hdf_put(r, p, "item_code", v[i].item_code);
		/* 一件事 (EXT-12): "@" and the event's code. */
		if (v[i].item_code[0] == '@')
			hdf_put(r, p, "event", v[i].item_code + 1);
		hdf_put(r, p, "item_name", v[i].item_name);
		hdf_put(r, p, "as", v[i].credit_code);
		hdf_put(r, p, "resident_name", v[i].resident_name);
		hdf_put(r, p, "updated_at", v[i].updated_at);
		hdf_put(r, p, "expires_on", v[i].expires_on);
	}
	hdf_setf(r, "Limits.draft_days", "%d", DRAFT_DAYS);
	return 0;
}

/*
 * POST /draft/delete: key.  The applicant deletes a draft of theirs; its
 * files leave the store with the sweep once nothing names them.
 */
int
page_ext_draft_delete(struct req *r)
{
	const char	*key = apply_key(r);

	if (key == NULL)
		return reply_error(r, 400, "草稿编号格式不正确。");
	switch (draft_delete(r->db, r->pool, r->user.id, key)) {
	case DB_OK:
	case DB_NONE:	/* deleted already: as asked */
		return reply_redirect(r, "/my?done=draft");
	default:
		return reply_error(r, 500, NULL);
	}
}

/* The carried fields, as the login page puts them back (Form.Carry.*). */
static void
view_carry(struct req *r, const char *code, const char *as, const char *key,
    const char *remark)
{
	hdf_set(r, "Form.Carry.code", code);
	hdf_set(r, "Form.Carry.as", as);
	hdf_set(r, "Form.Carry.key", key);
	hdf_set(r, "Form.Carry.remark", remark);
	hdf_set(r, "Form.next", pool_printf(r->pool, "/apply?code=%s%s%s"
	    "&key=%s", view_url_escape(r, code), *as != '\0' ? "&as=" : "",
	    view_url_escape(r, as), key));
}

/* Whether s is letters, digits and "-" only (item and credit codes). */
static int
plain(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

/* The form's fields a POST carries, when they have their shape: 0 with
 * *code, *as ("" for none), *key, *remark; or -1. */
static int
carried(struct req *r, const char *prefix, const char **code,
    const char **as, const char **key, char **remark)
{
	const char	*v;
	char		 name[32];

	snprintf(name, sizeof(name), "%scode", prefix);
	*code = form_get(r, name);
	snprintf(name, sizeof(name), "%sas", prefix);
	if ((*as = form_get(r, name)) == NULL)
		*as = "";
	snprintf(name, sizeof(name), "%s%s", prefix, *prefix ? "key" :
	    "form_key");
	*key = form_get(r, name);
	snprintf(name, sizeof(name), "%sremark", prefix);
	v = form_text(r, name);
	*remark = v == NULL ? "" : pool_strndup(r->pool, v, utf8_prefix(v,
	    CARRY_REMARK));
	if (*code == NULL || *code[0] == '\0' || strlen(*code) > 40 ||
	    !plain(*code) || strlen(*as) > 18 || !plain(*as) ||
	    *key == NULL || !crypto_hex_valid(*key, FORM_KEY_LEN))
		return -1;
	return 0;
}

/*
 * POST /apply after the session ended (route.c): the login page, with
 * what the form carried to bring back after the login.  403, as any post
 * without a session.
 */
int
page_ext_apply_expired(struct req *r)
{
	const char	*code, *as, *key;
	char		*remark;

	if (carried(r, "", &code, &as, &key, &remark) == -1)
		return reply_error(r, 403, "登录已超时，请重新登录后再提交。"
		    "您填写的内容没有保存。");
	view_carry(r, code, as, key, remark);
	r->status = 403;
	hdf_set(r, "Form.Error", "登录已超时，这次提交没有办理。请重新登录："
	    "登录后会回到申请页面，您填写的申请说明会保留；这次选择的文件"
	    "没有保存，请重新选择（以前保存在草稿里的文件仍在）。");
	hdf_set(r, "Page.Title", "登录");
	return render(r, "ext/login.cs");
}

void
apply_carry_view(struct req *r)
{
	const char	*code, *as, *key;
	char		*remark;

	if (carried(r, "carry_", &code, &as, &key, &remark) == 0)
		view_carry(r, code, as, key, remark);
}

int
apply_carried(struct req *r, int64_t citizen, const char **next)
{
	struct item		 it;
	struct enterprise	 e;
	struct draft		 d;
	const char		*code, *as, *key;
	char			*remark, *app_no;

	if (carried(r, "carry_", &code, &as, &key, &remark) == -1)
		return -1;
	if (catalog_published(r->db, r->pool, code, &it) != DB_OK)
		return -1;
	/* Made already (by another tab): its receipt. */
	if (app_by_form_key(r->db, r->pool, citizen, key, &app_no) == DB_OK) {
		*next = pool_printf(r->pool, "/receipt?no=%s&again=1",
		    app_no);
		return 0;
	}
	if (*as != '\0' && (enterprise_of(r->db, r->pool, citizen, as, &e) !=
	    DB_OK || !(e.rights & ENT_APPLY)))
		return -1;
	/* Into the draft of that key (keeping its files), or a new one. */
	switch (draft_get(r->db, r->pool, citizen, key, &d)) {
	case DB_OK:
		if (strcmp(d.item_code, it.code) != 0)
			return -1;
		break;
	case DB_NONE:
		memset(&d, 0, sizeof(d));
		break;
	default:
		return -1;
	}
	d.key = (char *)key;
	d.item_code = it.code;
	d.item_name = it.name;
	d.credit_code = *as != '\0' ? (char *)as : NULL;
	d.remark = remark;
	d.nfiles = 0;
	if (draft_save(r->db, r->pool, citizen, &d) != DB_OK)
		return -1;
	*next = pool_printf(r->pool, "/apply?code=%s%s%s&key=%s",
	    view_url_escape(r, code), *as != '\0' ? "&as=" : "",
	    view_url_escape(r, as), key);
	return 0;
}
