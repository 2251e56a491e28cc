/*
 * ids.h: checks of identity numbers and phone numbers (ACC-1).
 */
#ifndef YW_IDS_H
#define YW_IDS_H

#include <stddef.h>

/* GB 11643-1999 citizen ID: 18 characters, birth date valid, ISO 7064
 * MOD 11-2 check character (0-9 or X).  Returns 1 when valid. */
int	 id_number_valid(const char *);
/* GB 32100-2015 unified social credit code, 18 characters, with its
 * MOD 31 check character.  Returns 1 when valid. */
int	 credit_code_valid(const char *);
/* Mainland mobile number: 11 digits starting 13-19.  Returns 1. */
int	 mobile_valid(const char *);
/* Copy with all but the first keep_head and last keep_tail characters
 * replaced by '*' (SEC-5) into out (size outlen). */
void	 id_mask(const char *, size_t keep_head, size_t keep_tail, char *out,
	    size_t outlen);

#endif
