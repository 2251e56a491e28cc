/*
 * consult.h: online consultation (在线咨询; EXT-7; issue #11).  Owns
 * consult on both sites (db/251).
 *
 * A logged-in citizen asks about a published item from its guide; the
 * question crosses the gap ("consult") to the item's department, which
 * answers within CONSULT_DAYS working days (the deadline and its light
 * are on the intranet's list, for the department and for supervisors).
 * The answer crosses back ("consult.answer") to 我的咨询.  The department
 * may publish the question, masked (consult_mask()), with its answer as
 * an FAQ under the item's guide (常见问题) and withdraw it; each change
 * crosses as a "faq" record with its sequence number, taken only when
 * newer, so a record carried twice or late changes nothing.
 */
#ifndef YW_CONSULT_H
#define YW_CONSULT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "calendar.h"
#include "db.h"
#include "request.h"

#define CONSULT_Q_MAX	500	/* characters of a question */
#define CONSULT_A_MAX	1000	/* of an answer */
#define CONSULT_DAYS	5	/* working days to answer */
#define CONSULT_PAGE	100	/* questions a list shows */

struct consult {
	int64_t		 id;
	char		*no, *item_code, *item_name, *dept_code, *asker;
	char		*question, *asked_at, *due, *answer, *answered_at;
	char		*staff, *faq_question;
	int64_t		 faq;
};

/* text with every run of 7 or more digits (an ID number, a mobile, a
 * phone) masked but its first 3 and last 2, and name (when not "") as
 * its first character and "**": what an FAQ may publish. */
char		*consult_mask(struct pool *, const char *text,
		    const char *name);

/* ---- extranet ----------------------------------------------------- */

/* Ask question about item version of code as u, under the form's key:
 * the row, the record, the audit row; *no its number.  The same key
 * again gives the first one's number. */
enum db_rc	 consult_ask(struct db *, struct pool *, const struct user *u,
		    const char *code, int version, const char *item_name,
		    const char *dept_code, const char *question,
		    const char *form_key, char **no);
/* The questions of citizen id, newest first. */
enum db_rc	 consult_mine(struct db *, struct pool *, int64_t citizen,
		    struct consult **, size_t *);
/* Whether question no is stored here (the records' check). */
enum db_rc	 consult_exists(struct db *, struct pool *, const char *no);
/* Apply a "consult.answer" and a "faq" record (gap.c). */
enum db_rc	 consult_import_answer(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
enum db_rc	 consult_import_faq(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);

/* ---- intranet ----------------------------------------------------- */

/* Apply a "consult" record (gap.c): once; the deadline to answer. */
enum db_rc	 consult_import(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
/* The questions of department dept (NULL: every one), the open ones
 * (open) or all, oldest deadline first, at most CONSULT_PAGE. */
enum db_rc	 consult_list(struct db *, struct pool *, const char *dept,
		    int open, struct consult **, size_t *);
/*
 * The department's actions on question id, each in one transaction with
 * its audit row and its record for the extranet: answer (once), publish
 * as an FAQ (answered), withdraw it (published).  DB_NONE with *why when
 * the question is not u's department's or its state does not allow it.
 */
enum db_rc	 consult_answer(struct db *, struct pool *,
		    const struct user *u, int64_t id, const char *answer,
		    const char **why);
enum db_rc	 consult_publish(struct db *, struct pool *,
		    const struct user *u, int64_t id, int publish,
		    const char **why);

#endif
