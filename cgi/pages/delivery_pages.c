/*
 * delivery_pages.c: how the applicant receives the result (证照快递 or
 * 窗口领取, EXT-10; issue #11), on both sites: the applicant's choice on
 * the application's page, the handing over on the case's page.  The
 * rules are delivery.c's.
 */
#include <string.h>

#include "delivery.h"
#include "pages.h"

int
view_delivery(struct req *r, const char *app_no)
{
	struct delivery	 d;
	size_t		 i;

	for (i = 0; delivery_couriers[i] != NULL; i += 2) {
		hdf_put(r, pool_printf(r->pool, "Couriers.%zu", i / 2), "code",
		    delivery_couriers[i]);
		hdf_put(r, pool_printf(r->pool, "Couriers.%zu", i / 2), "name",
		    delivery_couriers[i + 1]);
	}
	switch (delivery_get(r->db, r->pool, app_no, &d)) {
	case DB_NONE:
		return 0;
	case DB_OK:
		break;
	default:
		return -1;
	}
	hdf_put(r, "Delivery", "method", d.method);
	hdf_put(r, "Delivery", "recipient", d.recipient);
	hdf_put(r, "Delivery", "phone", d.phone);
	hdf_put(r, "Delivery", "address", d.address);
	hdf_put(r, "Delivery", "chosen_at", d.chosen_at);
	hdf_put(r, "Delivery", "handed", d.handed);
	hdf_put(r, "Delivery", "picked_by", d.picked_by);
	hdf_put(r, "Delivery", "courier", d.courier);
	hdf_put(r, "Delivery", "courier_name",
	    delivery_courier_name(d.courier));
	hdf_put(r, "Delivery", "waybill", d.waybill);
	hdf_put(r, "Delivery", "handed_at", d.handed_at);
	hdf_put(r, "Delivery", "clerk", d.clerk);
	return 0;
}

/*
 * POST /app/delivery (extranet): no, method (window, post), recipient,
 * phone, address.  The applicant's own open application.  Refused: the
 * application's page again (422) with DeliveryForm.{error,…} as typed.
 */
int
page_ext_delivery(struct req *r)
{
	const char	*no = form_get(r, "no"), *why;

	switch (delivery_choose(r->db, r->pool, &r->user, no,
	    form_get(r, "method"), form_text(r, "recipient"),
	    form_get(r, "phone"), form_text(r, "address"), &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/app?no=%s&done=delivery", no));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	/* The page again, saying why, with what was typed. */
	r->status = 422;
	hdf_put(r, "DeliveryForm", "error", why);
	hdf_put(r, "DeliveryForm", "method", form_get(r, "method"));
	hdf_put(r, "DeliveryForm", "recipient", form_text(r, "recipient"));
	hdf_put(r, "DeliveryForm", "phone", form_get(r, "phone"));
	hdf_put(r, "DeliveryForm", "address", form_text(r, "address"));
	return page_ext_app(r);
}

/*
 * POST /case/delivery (intranet): id, how (picked: picked_by; posted:
 * courier, waybill).  Staff of a department acting on the decided case.
 * Refused: the case's page again (422) with DeliveryForm.{error,…}.
 */
int
page_int_delivery(struct req *r)
{
	struct kase	 k;
	const char	*why;
	int64_t		 id;
	int		 rc;

	if ((rc = own_case_read(r, &id, &k)) != 0)
		return rc;
	switch (delivery_hand(r->db, r->pool, &r->user, k.app_no,
	    form_get(r, "how"), form_text(r, "picked_by"),
	    form_get(r, "courier"), form_get(r, "waybill"), &why)) {
	case DB_OK:
		return reply_redirect(r, pool_printf(r->pool,
		    "/case?id=%lld&done=delivery", (long long)id));
	case DB_NONE:
		break;
	default:
		return reply_error(r, 500, NULL);
	}
	r->status = 422;
	hdf_put(r, "DeliveryForm", "error", why);
	hdf_put(r, "DeliveryForm", "how", form_get(r, "how"));
	hdf_put(r, "DeliveryForm", "picked_by", form_text(r, "picked_by"));
	hdf_put(r, "DeliveryForm", "courier", form_get(r, "courier"));
	hdf_put(r, "DeliveryForm", "waybill", form_get(r, "waybill"));
	return page_int_case(r);
}
