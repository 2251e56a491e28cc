/*
 * waybill.c: the couriers and the form of their waybill numbers (运单号,
 * EXT-10); see waybill.h.  Pure, for the records' validators too.
 */
#include <ctype.h>
#include <string.h>

#include "waybill.h"

const char *const delivery_couriers[] = {
	"EMS", "中国邮政 EMS", "SF", "顺丰速运", "JD", "京东物流",
	"ZTO", "中通快递", "YTO", "圆通速递", "YD", "韵达快递", NULL
};

const char *
delivery_courier_name(const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && delivery_couriers[i] != NULL; i += 2)
		if (strcmp(delivery_couriers[i], code) == 0)
			return delivery_couriers[i + 1];
	return NULL;
}

static int
all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
delivery_waybill_valid(const char *c, const char *w)
{
	size_t	 n;

	if (c == NULL || w == NULL || delivery_courier_name(c) == NULL)
		return 0;
	n = strlen(w);
	if (strcmp(c, "EMS") == 0)	/* EA123456789CN, or 13 digits */
		return (n == 13 && all_digits(w, 13)) || (n == 13 &&
		    w[0] == 'E' && isupper((unsigned char)w[1]) &&
		    all_digits(w + 2, 9) && strcmp(w + 11, "CN") == 0);
	if (strcmp(c, "SF") == 0)	/* SF and 12 or 13 digits */
		return (n == 14 || n == 15) && strncmp(w, "SF", 2) == 0 &&
		    all_digits(w + 2, n - 2);
	if (strcmp(c, "JD") == 0) {	/* JD and 11 to 16 letters, digits */
		size_t i;

		if (n < 13 || n > 18 || strncmp(w, "JD", 2) != 0)
			return 0;
		for (i = 2; i < n; i++)
			if (!isdigit((unsigned char)w[i]) &&
			    !isupper((unsigned char)w[i]))
				return 0;
		return 1;
	}
	if (strcmp(c, "YTO") == 0)	/* YT and 13 digits */
		return n == 15 && strncmp(w, "YT", 2) == 0 &&
		    all_digits(w + 2, 13);
	return n >= 12 && n <= 15 && all_digits(w, n);	/* ZTO, YD */
}

const char *
delivery_waybill_form(const char *c)
{
	if (c == NULL)
		return "";
	if (strcmp(c, "EMS") == 0)
		return "13 位数字，或 E、一个大写字母、9 位数字和 CN";
	if (strcmp(c, "SF") == 0)
		return "SF 和 12 或 13 位数字";
	if (strcmp(c, "JD") == 0)
		return "JD 和 11 到 16 位数字或大写字母";
	if (strcmp(c, "YTO") == 0)
		return "YT 和 13 位数字";
	return "12 到 15 位数字";
}
