/*
 * supervision.h: electronic supervision (电子监察, SUP-*): what the
 * supervisors and observers read about the county's cases.  Nothing here
 * changes a case.
 */
#ifndef YW_SUPERVISION_H
#define YW_SUPERVISION_H

#include <stdint.h>

#include "db.h"

struct sup_count {
	char		*key;		/* a state, a department code, … */
	int64_t		 n;
};

/* Every case by state, most first. */
enum db_rc	 sup_by_state(struct db *, struct pool *, struct sup_count **,
		    size_t *n);

#endif
