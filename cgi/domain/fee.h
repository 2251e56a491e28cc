/*
 * fee.h: amounts of money as people write them and as the database keeps
 * them (fen, DESIGN "Data rules"), for the item's fee standard and a
 * case's fee (FEE-1).  Pure: no database, no request.
 */
#ifndef YW_FEE_H
#define YW_FEE_H

#include "arena.h"

/* The largest amount anything may state: 20,000,000.00 元. */
#define FEE_FEN_MAX	2000000000
/* What a fee kind (收费项目) may be, in characters. */
#define FEE_KIND_MAX	40
/* The working days an applicant may be given to pay. */
#define FEE_DAYS_MAX	60

/*
 * Yuan as written ("80", "80.5", "1200.00"), into *fen: 0, or -1 for
 * anything else (signs, separators, a third decimal, over FEE_FEN_MAX).
 */
int		 fee_parse_yuan(const char *, int *fen);
/* fen as yuan with two decimals: "80.00". */
char		*fee_yuan(struct pool *, int fen);

#endif
