/*
 * pwpolicy.h: what makes a password acceptable (SEC-1, F7), for citizens
 * who register and for staff passwords set by an administrator: long
 * enough, two kinds of character, not common, not made of the person's
 * own data.
 */
#ifndef YW_PWPOLICY_H
#define YW_PWPOLICY_H

#include <stddef.h>

#define PW_CITIZEN_MIN	8	/* characters */
#define PW_STAFF_MIN	10
#define PW_MAX_BYTES	128

/*
 * NULL when password may be used, else what to tell the person (Chinese,
 * says what to change).  min: the least number of characters; at most
 * PW_MAX_BYTES bytes, of valid UTF-8 without control characters.  personal:
 * n strings (NULL or empty ones are skipped) the password may not
 * contain, ignoring case: the ID number, mobile, login name...; for an ID
 * number its birth date (YYYYMMDD) is refused as well.
 */
const char	*pwpolicy_check(const char *password, size_t min,
		    const char *const personal[], size_t n);

/*
 * A staff member's password, whoever sets it: the security administrator,
 * its owner at /password, yiwang-admin user-add.  The policy above with
 * PW_STAFF_MIN, a letter and a digit both, and neither the login nor the
 * person's name in it.  NULL, or what to tell the person.
 */
const char	*pwpolicy_staff(const char *password, const char *login,
		    const char *name);

/* 1 when password (or its stem) is on the list of common passwords
 * (db/common-passwords.txt); for the unit test and the check above. */
int		 pwpolicy_common(const char *password);

#endif
