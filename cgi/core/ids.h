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

/* What is wrong with a unified social credit code, in the order it is
 * checked (ACC-1). */
enum credit_check {
	CREDIT_OK = 0,
	CREDIT_FORMAT,		/* not 18 characters of the code's 31 */
	CREDIT_CHECK,		/* character 18: the MOD 31 check fails */
	CREDIT_AUTHORITY,	/* character 1: no registration authority */
	CREDIT_TYPE,		/* character 2: no entity type of that
				 * authority */
	CREDIT_REGION,		/* characters 3-8: no GB/T 2260 province and
				 * prefecture */
};
/*
 * GB 32100-2015 with its amendment (第 1 号修改单, 2018): the check
 * character, then the registration authority (1 机构编制, 2 外交, 3 司法
 * 行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商, A 中央军委改革和
 * 编制办公室, N 农业, Y 其他) and the entity types the standard's table
 * gives that authority (9: 1 企业, 2 个体工商户, 3 农民专业合作社), and the
 * administrative division (characters 3-8, its first four against
 * GB/T 2260 since 1980, as for ID numbers).  Lower-case letters are
 * refused: credit_code_upper() first.
 */
enum credit_check credit_code_check(const char *);
/* What to tell the person who typed it (Chinese). */
const char	*credit_code_problem(enum credit_check);
/* The entity type's name ("企业", "农民专业合作社"), or "" for a code
 * credit_code_check() refuses. */
const char	*credit_code_type(const char *);
/* Lower-case letters, as typed on a phone, made upper-case in s. */
void	 credit_code_upper(char *);
/* Mainland mobile number: 11 digits starting 13-19.  Returns 1. */
int	 mobile_valid(const char *);
/* A phone number as a person writes it (a mobile or 0479-8221234): 7 to
 * 20 digits and '-', a digit first.  Returns 1. */
int	 phone_valid(const char *);
/* Copy with all but the first keep_head and last keep_tail characters
 * replaced by '*' (SEC-5) into out (size outlen). */
void	 id_mask(const char *, size_t keep_head, size_t keep_tail, char *out,
	    size_t outlen);
/*
 * In free text s, changed in place: every ID number (17 digits and a
 * digit or X) and mainland mobile (11 digits, 13-19) that stands alone
 * masked as the pages mask them (an ID's first 6 and last 4 kept, a
 * mobile's first 3 and last 4; SEC-5), so that what people type in a
 * message keeps no number in clear at rest.  Returns s.
 */
char	*id_mask_text(char *s);

#endif
