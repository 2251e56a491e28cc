/*
 * ops_gap.c: the status page of the gap (GAP-5, GAP-6; issue #9), the same
 * on both sites (cgi/domain/gapstatus.c reads it):
 *   intranet  GET /ops/gap  for 网闸摆渡员 and the system and security
 *             administrators (routes.c), logged in as staff;
 *   extranet  GET /ops/gap  only through the operations server, nginx's
 *             second server block, which asks for a certificate of the
 *             site's operations CA (R_OPS; docs/security.md): the
 *             extranet has no staff accounts, so the reader is the
 *             verified certificate's name.
 * Every view is audited (gap.status.view) with who read it.
 */
#include <errno.h>
#include <stdlib.h>

#include "alert.h"
#include "exchange.h"
#include "gapstatus.h"
#include "pages.h"
#include "pki.h"

#define CARRY_PAGE	30
#define OPS_NAME_MAX	128	/* bytes of a certificate's name */

static void
put_bundle(struct req *r, const char *p, const struct gs_bundle *b)
{
	hdf_putf(r, p, "epoch", "%lld", (long long)b->epoch);
	hdf_putf(r, p, "seq", "%lld", (long long)b->seq);
	if (b->records >= 0)
		hdf_putf(r, p, "records", "%lld", (long long)b->records);
	if (b->size >= 0)
		hdf_putf(r, p, "size", "%lld", (long long)b->size);
	hdf_put(r, p, "at", b->at);
	if (b->resent > 0)
		hdf_putf(r, p, "resent", "%lld", (long long)b->resent);
}

static void
put_asides(struct req *r, const char *name, const struct aside *v,
    size_t n, int64_t total)
{
	const char	*p;
	size_t		 i;

	hdf_setf(r, pool_printf(r->pool, "%s.total", name), "%lld",
	    (long long)total);
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "%s.List.%zu", name, i);
		if (v[i].id > 0)
			hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "at", v[i].set_at);
		hdf_put(r, p, "bundle", alert_object_label(r->pool,
		    pool_printf(r->pool, "%s/%lld/%lld", v[i].dir,
		    (long long)v[i].epoch, (long long)v[i].seq)));
		hdf_putf(r, p, "recno", "%lld", (long long)v[i].recno);
		hdf_put(r, p, "kind", v[i].kind);
		hdf_put(r, p, "reason", v[i].reason);
	}
}

/* Fill Gap.* and Carry.*, audit the view as who; then render. */
static int
gap_page(struct req *r, const char *who)
{
	struct gapstatus	 st;
	struct gs_carry		*c;
	const char		*out, *in, *p, *v;
	char			*end, *s;
	int64_t			 before = 0, more;
	size_t			 i, n;

	if ((v = form_get(r, "before")) != NULL && *v != '\0') {
		errno = 0;
		before = strtoll(v, &end, 10);
		if (*end != '\0' || before < 1 || errno != 0)
			return reply_error(r, 400, "摆渡记录的页码不对，请从"
			    "本页的「更早的记录」进入。");
	}
	out = r->cfg->site == SITE_INTRANET ? "int2ext" : "ext2int";
	in = r->cfg->site == SITE_INTRANET ? "ext2int" : "int2ext";
	if (gapstatus_load(r->db, r->pool, out, in, &st) != DB_OK ||
	    gapstatus_carries(r->db, r->pool, before, CARRY_PAGE, &c, &n,
	    &more) != DB_OK)
		return reply_error(r, 500, NULL);
	/* Who looked, before they see it (SEC-3). */
	if (db_begin(r->db) != DB_OK || audit_add(r->db, r->pool, who,
	    "gap.status.view", "gap", before > 0 ? pool_printf(r->pool,
	    "before %lld", (long long)before) : "") != DB_OK ||
	    db_commit(r->db) != DB_OK) {
		db_rollback(r->db);
		return reply_error(r, 503, "查看记录写不进审计日志，暂不能查看，"
		    "请稍后再试。");
	}
	hdf_set(r, "Gap.self", gapstatus_sender(out));
	hdf_set(r, "Gap.peer", gapstatus_receiver(out));
	hdf_set(r, "Gap.reader", who);
	if (st.last_out.seq > 0)
		put_bundle(r, "Gap.LastOut", &st.last_out);
	if (st.last_in.seq > 0)
		put_bundle(r, "Gap.LastIn", &st.last_in);
	hdf_setf(r, "Gap.accepted_epoch", "%lld",
	    (long long)st.accepted_epoch);
	hdf_setf(r, "Gap.pending", "%lld", (long long)st.pending);
	for (i = 0; i < st.nkinds; i++) {
		p = pool_printf(r->pool, "Gap.Kinds.%zu", i);
		hdf_put(r, p, "kind", st.kinds[i].kind);
		hdf_putf(r, p, "n", "%lld", (long long)st.kinds[i].n);
	}
	hdf_setf(r, "Gap.waiting", "%lld", (long long)st.waiting);
	for (i = 0; i < st.nwait; i++)
		put_bundle(r, pool_printf(r->pool, "Gap.Wait.%zu", i),
		    &st.wait[i]);
	if ((s = gapstatus_missing_text(r->pool, &st)) != NULL)
		hdf_set(r, "Gap.missing_text", s);
	hdf_setf(r, "Gap.missing", "%lld", (long long)st.missing_total);
	hdf_setf(r, "Gap.held", "%lld", (long long)st.held_total);
	if ((s = gapstatus_request_text(r->pool, &st)) != NULL)
		hdf_set(r, "Gap.request_text", s);
	hdf_setf(r, "Gap.requested", "%zu", st.nack_missing);
	put_asides(r, "Gap.Here", st.here, st.nhere, st.here_total);
	put_asides(r, "Gap.There", st.there, st.nthere, st.there_total);
	hdf_setf(r, "Gap.alerts", "%lld", (long long)st.alerts_total);
	for (i = 0; i < st.nalerts; i++) {
		p = pool_printf(r->pool, "Gap.Alerts.%zu", i);
		view_alert(r, p, &st.alerts[i].a);
		if (st.alerts[i].who != NULL)
			hdf_put(r, p, "who", st.alerts[i].who);
	}
	for (i = 0; i < n; i++) {
		p = pool_printf(r->pool, "Carry.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)c[i].id);
		hdf_put(r, p, "at", c[i].at);
		hdf_put(r, p, "operator", c[i].operator);
		hdf_put(r, p, "action", gapstatus_action_label(c[i].action));
		hdf_put(r, p, "bundle", alert_object_label(r->pool,
		    pool_printf(r->pool, "%s/%lld/%lld", c[i].dir,
		    (long long)c[i].epoch, (long long)c[i].seq)));
		hdf_put(r, p, "disc", c[i].disc);
		hdf_put(r, p, "outcome", c[i].outcome);
	}
	if (more > 0)
		hdf_setf(r, "Page.More", "%lld", (long long)more);
	if (before > 0)
		hdf_set(r, "Page.Older", "1");
	hdf_set(r, "Page.Title", "网闸摆渡状态");
	return render(r, "ops/gap.cs");
}

/* GET /ops/gap on the intranet. */
int
page_int_gap(struct req *r)
{
	return gap_page(r, r->user.login);
}

/*
 * GET /ops/gap on the extranet, through the operations server alone
 * (route_dispatch refuses it elsewhere with 404): nginx verified the
 * certificate against the operations CA; its name is the reader's.
 */
int
page_ext_gap(struct req *r)
{
	char	 name[OPS_NAME_MAX];

	if (pki_presented_name(request_param(r, "SSL_CLIENT_VERIFY"),
	    request_param(r, "SSL_CLIENT_CERT"), name, sizeof(name)) == -1)
		return reply_error(r, 403, "请出示运维 CA 签发的运维证书再打开"
		    "这一页（向系统管理员申领：yiwang-admin ops-cert-issue）。");
	hdf_set(r, "Page.Ops", "1");
	hdf_set(r, "Ops.name", name);
	return gap_page(r, pool_printf(r->pool, "ops:%s", name));
}
