/*
 * ids.h: checks of identity numbers and phone numbers (ACC-1).
 */
#ifndef YW_IDS_H
#define YW_IDS_H

#include <stddef.h>

/* What is wrong with a citizen ID number, in the order it is checked. */
enum idno_check {
	IDNO_OK = 0,
	IDNO_FORMAT,	/* not 17 digits and a check character */
	IDNO_CHECK,	/* the check character does not match */
	IDNO_REGION,	/* digits 1-4: no GB/T 2260 province, prefecture */
	IDNO_DATE,	/* digits 7-14: no real date */
	IDNO_FUTURE,	/* born after today */
	IDNO_OLD,	/* born more than IDNO_MAX_AGE years before today
			   (without today: before 1900) */
};
#define IDNO_MAX_AGE	120

/*
 * GB 11643-1999 citizen ID: 18 characters, the region's province and
 * prefecture known to GB/T 2260 (any revision since 1980: a number keeps
 * the code it was issued under), a real birth date, ISO 7064 MOD 11-2
 * check character (0-9 or X).  today is the date as YYYYMMDD for the
 * checks against it (FUTURE, OLD), or 0 to skip them.
 */
enum idno_check	 id_number_check(const char *, long today);
/* What to tell the person who typed it (Chinese, says what to check). */
const char	*id_number_problem(enum idno_check);
/* A lower-case x, as typed on a phone keyboard, made upper-case in s. */
void	 id_number_upper(char *);
/* id_number_check(s, 0) == IDNO_OK. */
int	 id_number_valid(const char *);
/* 1 when the four digits are a GB/T 2260 province and prefecture code
 * (db/gbt2260-prefectures.txt, compiled in). */
int	 region_prefecture_known(const char *four);
/* GB 32100-2015 unified social credit code, 18 characters, with its
 * MOD 31 check character.  Returns 1 when valid. */
int	 credit_code_valid(const char *);
/* Mainland mobile number: 11 digits starting 13-19.  Returns 1. */
int	 mobile_valid(const char *);
/* A phone number as a person writes it (a mobile or 0479-8221234): 7 to
 * 20 digits and '-', a digit first.  Returns 1. */
int	 phone_valid(const char *);
/* Copy with all but the first keep_head and last keep_tail characters
 * replaced by '*' (SEC-5) into out (size outlen). */
void	 id_mask(const char *, size_t keep_head, size_t keep_tail, char *out,
	    size_t outlen);

#endif
