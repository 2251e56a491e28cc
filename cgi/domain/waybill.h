/*
 * waybill.h: what the delivery of a result may say (EXT-10; delivery.h):
 * the limits of its fields, the couriers and the form of their waybill
 * numbers (运单号).  Pure: used by delivery.c and by the validators of
 * the records that carry it (records.c).
 */
#ifndef YW_WAYBILL_H
#define YW_WAYBILL_H

#define DELIVERY_NAME_MAX	50	/* characters */
#define DELIVERY_ADDRESS_MIN	5
#define DELIVERY_ADDRESS_MAX	100
#define DELIVERY_WAYBILL_MAX	20

/* The couriers a waybill may name: code and name ("SF", "顺丰速运"), NULL
 * ended. */
extern const char *const delivery_couriers[];
const char	*delivery_courier_name(const char *code);
/* 1 when waybill has the form of courier's numbers. */
int		 delivery_waybill_valid(const char *courier,
		    const char *waybill);
/* What courier's numbers look like, for a refusal. */
const char	*delivery_waybill_form(const char *courier);

#endif
