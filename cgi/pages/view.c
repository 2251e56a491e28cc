/*
 * view.c: domain objects into page data, shared by both sites.
 */
#include <string.h>

#include <jansson.h>

#include "account.h"
#include "ids.h"
#include "pages.h"

char *
view_mask(struct req *r, const char *s, size_t head, size_t tail)
{
	size_t	 n = s ? strlen(s) + 1 : 1;
	char	*out = pool_alloc(r->pool, n);

	id_mask(s, head, tail, out, n);
	return out;
}

void
view_item(struct req *r, const char *p, const struct item *it)
{
	size_t	 i;

	hdf_set(r, pool_printf(r->pool, "%s.code", p), it->code);
	hdf_setf(r, pool_printf(r->pool, "%s.version", p), "%d", it->version);
	hdf_set(r, pool_printf(r->pool, "%s.name", p), it->name);
	hdf_set(r, pool_printf(r->pool, "%s.kind", p), it->kind);
	hdf_set(r, pool_printf(r->pool, "%s.dept_name", p), it->dept_name);
	hdf_set(r, pool_printf(r->pool, "%s.level", p), it->level);
	hdf_set(r, pool_printf(r->pool, "%s.basis", p), it->basis);
	hdf_set(r, pool_printf(r->pool, "%s.conditions", p), it->conditions);
	hdf_setf(r, pool_printf(r->pool, "%s.statutory_days", p), "%d",
	    it->statutory_days);
	hdf_setf(r, pool_printf(r->pool, "%s.promised_days", p), "%d",
	    it->promised_days);
	hdf_setf(r, pool_printf(r->pool, "%s.instant", p), "%d", it->instant);
	hdf_set(r, pool_printf(r->pool, "%s.fee", p), it->fee);
	hdf_set(r, pool_printf(r->pool, "%s.place", p), it->place);
	hdf_set(r, pool_printf(r->pool, "%s.hours", p), it->hours);
	hdf_set(r, pool_printf(r->pool, "%s.phone", p), it->phone);
	hdf_set(r, pool_printf(r->pool, "%s.complaint_phone", p),
	    it->complaint_phone);
	hdf_setf(r, pool_printf(r->pool, "%s.visits", p), "%d", it->visits);
	hdf_set(r, pool_printf(r->pool, "%s.depth", p), it->depth);
	hdf_set(r, pool_printf(r->pool, "%s.depth_label", p),
	    catalog_depth_label(it->depth));
	hdf_set(r, pool_printf(r->pool, "%s.online", p),
	    it->depth[0] == 'A' || it->depth[0] == 'B' ? "1" : "0");
	for (i = 0; i < it->nmaterials; i++) {
		const struct material *m = &it->materials[i];
		char *q = pool_printf(r->pool, "%s.Materials.%zu", p, i);

		hdf_setf(r, pool_printf(r->pool, "%s.seq", q), "%d", m->seq);
		hdf_set(r, pool_printf(r->pool, "%s.name", q), m->name);
		hdf_set(r, pool_printf(r->pool, "%s.original", q), m->original);
		hdf_setf(r, pool_printf(r->pool, "%s.copies", q), "%d",
		    m->copies);
		hdf_setf(r, pool_printf(r->pool, "%s.required", q), "%d",
		    m->required);
		hdf_set(r, pool_printf(r->pool, "%s.note", q), m->note);
	}
	for (i = 0; i < it->nsteps; i++) {
		const struct step *s = &it->steps[i];
		char *q = pool_printf(r->pool, "%s.Steps.%zu", p, i);

		hdf_setf(r, pool_printf(r->pool, "%s.seq", q), "%d", s->seq);
		hdf_set(r, pool_printf(r->pool, "%s.name", q), s->name);
		hdf_setf(r, pool_printf(r->pool, "%s.days", q), "%d", s->days);
		hdf_set(r, pool_printf(r->pool, "%s.role_label", q),
		    account_role_label(s->role));
	}
}

void
view_app(struct req *r, const char *p, const struct application *a)
{
	size_t	 i;

#define SET(k, v) hdf_set(r, pool_printf(r->pool, "%s." k, p), (v))
	SET("app_no", a->app_no);
	SET("item_code", a->item_code);
	hdf_setf(r, pool_printf(r->pool, "%s.item_version", p), "%d",
	    a->item_version);
	SET("item_name", a->item_name);
	SET("applicant_name", a->applicant_name);
	SET("id_number_masked", view_mask(r, a->id_number, 6, 4));
	SET("mobile_masked", view_mask(r, a->mobile, 3, 4));
	SET("remark", a->remark);
	SET("state", a->state);
	SET("state_label", a->state_label);
	SET("submitted_at", a->submitted_at);
	SET("updated_at", a->updated_at);
#undef SET
	for (i = 0; i < a->natts; i++) {
		char *q = pool_printf(r->pool, "%s.Attachments.%zu", p, i);
		hdf_set(r, pool_printf(r->pool, "%s.material_name", q),
		    a->atts[i].material_name);
		hdf_set(r, pool_printf(r->pool, "%s.file_name", q),
		    a->atts[i].file_name);
		hdf_setf(r, pool_printf(r->pool, "%s.size", q), "%lld KB",
		    (long long)(a->atts[i].size + 1023) / 1024);
	}
	for (i = 0; i < a->nevents; i++) {
		char *q = pool_printf(r->pool, "%s.Events.%zu", p, i);
		hdf_set(r, pool_printf(r->pool, "%s.at", q), a->events[i].at);
		hdf_set(r, pool_printf(r->pool, "%s.label", q),
		    a->events[i].label);
		hdf_set(r, pool_printf(r->pool, "%s.actor", q),
		    a->events[i].actor);
		hdf_set(r, pool_printf(r->pool, "%s.note", q),
		    a->events[i].note);
	}
	for (i = 0; i < a->ndocs; i++) {
		char *q = pool_printf(r->pool, "%s.Docs.%zu", p, i);
		hdf_set(r, pool_printf(r->pool, "%s.doc_no", q),
		    a->docs[i].doc_no);
		hdf_set(r, pool_printf(r->pool, "%s.title", q),
		    a->docs[i].title);
		hdf_set(r, pool_printf(r->pool, "%s.issued_at", q),
		    a->docs[i].issued_at);
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
	hdf_set(r, "Page.Title", d->title);
	hdf_set(r, "Page.Layout", "doc_layout.cs");
	json_decref(body);
	return 0;
}

const char *
view_next(const char *next)
{
	/* Only a path on this site: no scheme, no host, no backslash. */
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strchr(next, '\\') != NULL || strchr(next, '\r') != NULL ||
	    strchr(next, '\n') != NULL)
		return "/";
	return next;
}
