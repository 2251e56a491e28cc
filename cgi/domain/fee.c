/*
 * fee.c: amounts of money (fee.h).
 */
#include <stdio.h>
#include <string.h>

#include "fee.h"

int
fee_parse_yuan(const char *s, int *fen)
{
	long long	 y = 0;
	int		 i, cents = 0, places = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	for (i = 0; *s >= '0' && *s <= '9'; s++) {
		if (++i > 8)
			return -1;		/* past FEE_FEN_MAX anyway */
		y = y * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++places > 2)
				return -1;
			cents = cents * 10 + (*s - '0');
		}
		if (places == 0)
			return -1;
		if (places == 1)
			cents *= 10;
	}
	if (*s != '\0' || y * 100 + cents > FEE_FEN_MAX)
		return -1;
	*fen = (int)(y * 100 + cents);
	return 0;
}

char *
fee_yuan(struct pool *pool, int fen)
{
	return pool_printf(pool, "%d.%02d", fen / 100, fen % 100);
}
