/*
 * message.h: the thread of messages on an application between its
 * applicant and the window (与窗口人员交流; EXT-7; issue #11).  Owns
 * case_message on both sites (db/250).
 *
 * The applicant, or whoever acts for them (an enterprise's staff, the
 * agent who made it), writes on the application's page on the extranet;
 * the message crosses the gap as a "message" record and lands on the
 * case, unread until a member of a department acting on the case opens
 * its page; the worklist counts the unread (新留言).  A reply written on
 * the case page is an event of the case and a row of the audit trail,
 * and crosses back as a "message.reply" record; the extranet then sends
 * the applicant an SMS through its outbox (sms_case(), template
 * "message").  Each message carries its number (LY… asked, HF…
 * replied): a record carried twice adds nothing.
 */
#ifndef YW_MESSAGE_H
#define YW_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"
#include "request.h"

#define MSG_BODY_MAX	500	/* characters of a message or a reply */
#define MSG_AUTHOR_MAX	100	/* a person's name, a department's */
#define MSG_THREAD_MAX	200	/* messages a page shows, the newest */

struct message {
	int64_t		 id;
	char		*no, *dir, *author, *staff, *body, *at, *read_at;
};

/* "LY" or "HF" and 13 digits whose first 8 are a date: 1, else 0. */
int		 msg_no_valid(const char *, const char *prefix);

/* The thread of application app_no, oldest first (at most the newest
 * MSG_THREAD_MAX).  Either site. */
enum db_rc	 msg_thread(struct db *, struct pool *, const char *app_no,
		    struct message **, size_t *);

/* ---- extranet ----------------------------------------------------- */

/*
 * Post body on application app_no as u under the form's one-time key:
 * the row, the record for the intranet and the audit row in one
 * transaction.  The same key again posts nothing (DB_OK: the first
 * one stands).  The caller has checked that u may write on it.
 */
enum db_rc	 msg_post(struct db *, struct pool *, const struct user *u,
		    const char *app_no, const char *body,
		    const char *form_key);
/* Apply a "message.reply" record (gap.c): once; the applicant's SMS. */
enum db_rc	 msg_import_reply(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);

/* ---- intranet ----------------------------------------------------- */

/* Apply a "message" record (gap.c): once, on the case of its app_no. */
enum db_rc	 msg_import(struct db *, struct pool *, json_t *, char *err,
		    size_t errlen);
/* The applicant's messages on case id nobody has opened yet. */
enum db_rc	 msg_unread(struct db *, struct pool *, int64_t case_id,
		    int64_t *n);
/* Every case with messages nobody opened, and how many: one statement
 * for a whole worklist. */
struct msg_unread {
	int64_t		 case_id;
	int64_t		 n;
};
enum db_rc	 msg_unread_all(struct db *, struct pool *,
		    struct msg_unread **, size_t *);
/* Those of case id opened now by its window (not by a supervisor). */
enum db_rc	 msg_mark_read(struct db *, int64_t case_id);
/*
 * Reply body on case id (app_no, in state) as u of department dept:
 * the row, the case's event, the audit row and the record for the
 * extranet, in one transaction.
 */
enum db_rc	 msg_reply(struct db *, struct pool *, const struct user *u,
		    int64_t case_id, const char *app_no, const char *state,
		    const char *dept, const char *body);

#endif
