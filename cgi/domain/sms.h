/*
 * sms.h: text messages through a real gateway (NTF-1) and the one-time
 * codes they carry (ACC-1, ACC-2).  Owns sms_outbox and sms_code (db/190).
 *
 * Each site has its own gateway: Kannel's smsbox, whose sendsms URL,
 * user, password file and sender number are config keys (config.h,
 * docs/sms.md); the extranet's for applicants, the intranet's for staff
 * (reminders before deadlines, remind.h, and the codes that verify a
 * staff mobile), so that staff mobiles never leave the intranet.  A
 * message is queued where its event happens, in that event's
 * transaction, and sent by yiwang-admin tick with back-off; a
 * code is also tried at once, so that the person waiting for it does not
 * wait for the tick.  Delivery reports come back to /sms/dlr.  Events of
 * the intranet cross the gap as sms.send records (gap.c), which name a
 * case and a template, never a number or a text: the extranet renders
 * the text and sends it to the applicant's own registered mobile.
 */
#ifndef YW_SMS_H
#define YW_SMS_H

#include <jansson.h>
#include <time.h>

#include "config.h"
#include "db.h"

#define SMS_TRIES	6	/* then failed */
#define SMS_CODE_LEN	6
#define SMS_CODE_TTL	300	/* seconds a code is good for */
#define SMS_CODE_TRIES	5	/* wrong codes before it is spent */
#define SMS_TICKET_HEX	33	/* 32 hex digits and NUL */

/* "139****1234" of an 11-digit mobile, or "***". */
const char	*sms_mask(struct pool *, const char *mobile);
/* A message's state as the pages say it: 待发送, 已交网关… */
const char	*sms_state_label(const char *state);

/*
 * Queue text to mobile; shown is what the pages may show (a code
 * masked; NULL: text; a development cfg keeps codes readable; cfg may be
 * NULL).  The signature 【sms_sign】 is put before the text when it is
 * sent.  why: register, reset, login, accepted...; app_no may be NULL.
 * Inside the caller's transaction, if any.
 */
enum db_rc	 sms_queue(const struct config *, struct db *, struct pool *,
		    const char *mobile, const char *text, const char *shown,
		    const char *why, const char *app_no, int64_t *id);

/* The same, not sent before not_before (0: at once): a reminder
 * composed in quiet hours waits for the morning. */
enum db_rc	 sms_queue_at(const struct config *, struct db *,
		    struct pool *, const char *mobile, const char *text,
		    const char *shown, const char *why, const char *app_no,
		    time_t not_before, int64_t *id);

/* Try message id now if it is due (nobody else holds it). */
enum db_rc	 sms_send_one(const struct config *, struct db *,
		    struct pool *, int64_t id);
/* yiwang-admin tick: every due message, once. */
enum db_rc	 sms_send_due(const struct config *, struct db *,
		    struct pool *, int *sent, int *retry, int *failed);

/*
 * A delivery report: Kannel's type (1 delivered, 2 not delivered, 4
 * queued at the SMSC, 8 taken by the SMSC, 16 refused by the SMSC) for
 * message id whose dlr token is token.  DB_NONE when no message has that
 * id and token.
 */
enum db_rc	 sms_dlr(struct db *, struct pool *, int64_t id,
		    const char *token, int type, const char *reply);

/* The templates of case messages, what may cross the gap (sms.send), are
 * vocab.h's vocab_sms_templates. */
/*
 * Queue the message of template tpl about case app_no to its
 * applicant's registered mobile (the extranet's import of sms.send); of
 * a case an agent made, to the resident's mobile the application names,
 * and a copy, marked 代办抄送, to the agent's.
 * amount (fen) and due are the fee notice's; dept the department's
 * name.  DB_NONE with *why when this site has no such application.
 */
enum db_rc	 sms_case(struct db *, struct pool *, const char *app_no,
		    const char *tpl, long amount, const char *due,
		    const char *dept, const char **why);
/*
 * The intranet's side: queue an sms.send record for the other site, in
 * the transaction of the event (acceptance, 补正, decision: the notice
 * or decision issued; the fee notice, with amount in fen and due; a
 * licence issued: "licence", licence.c, DOC-2).  Agents' consent (issue
 * #10's other part) adds its template to vocab_sms_templates and calls
 * this.
 */
enum db_rc	 sms_out(struct db *, struct pool *, const char *app_no,
		    const char *tpl, const char *dept, long amount,
		    const char *due);
/* The template of the message a document of doc_kind (vocab.h: accept,
 * reject, correct, approve, deny) sends, or NULL: none. */
const char	*sms_doc_template(const char *doc_kind);
/* The extranet's import of an sms.send record (gap.c's table), already
 * validated (records.h): sms_case(). */
enum db_rc	 sms_import(struct db *, struct pool *, json_t *rec, char *err,
		    size_t errlen);
/* text as it is sent: 【sms_sign】text. */
const char	*sms_signed(const struct config *, struct pool *,
		    const char *text);

/* What /dev/sms lists. */
struct sms_row {
	int64_t		 id;
	char		*to, *text, *why, *app_no, *state, *created, *sent;
	char		*done, *error;
	int64_t		 tries;
};
enum db_rc	 sms_list(struct db *, struct pool *, size_t limit,
		    struct sms_row **, size_t *);

/* One-time codes. */
enum sms_code_rc {
	CODE_SENT,	/* queued (and tried); also when nothing matched */
	CODE_BUSY,	/* a throttle is closed: *why says till when */
	CODE_ERR,
};
/* A registration waiting for its code (sealed as it will be stored). */
struct sms_reg {
	const char	*id_hash, *id_sealed, *name, *mobile_sealed;
	const char	*pw_hash;
};
/*
 * Start a code for purpose ("register", "reset", "login", "agent-reset":
 * an agent's password, AGT-1; "staff" on the intranet: a staff member's
 * new mobile, citizen_id then the staff account's id, reg->mobile_sealed
 * the number), sent to mobile
 * (NULL: nobody matched; a ticket is made all the same, that no code
 * opens, and nothing is sent).  Limited per what was typed, typed (the
 * mobile, or the ID number of a login: 1 a minute, 5 a day), per address
 * (addr, 20 a day) and per site (a day), whether sent or not.  ticket:
 * the browser's, SMS_TICKET_HEX.
 */
enum sms_code_rc sms_code_start(const struct config *, struct db *,
		    struct pool *, const char *purpose, const char *typed,
		    const char *mobile, const char *addr, int64_t citizen_id,
		    const struct sms_reg *, char ticket[SMS_TICKET_HEX],
		    const char **why);

enum sms_check_rc {
	CHECK_OK,	/* the code opened the ticket, which is now spent */
	CHECK_WRONG,	/* *left tries remain */
	CHECK_GONE,	/* expired, spent, unknown, or out of tries */
	CHECK_ERR,
};
/* What a right code opens. */
struct sms_ticket {
	int64_t		 citizen_id;	/* 0: none; "staff": the staff id */
	char		*id_hash, *id_sealed, *name, *mobile_sealed, *pw_hash;
};
/*
 * The limits of codes sent to mobile (1 a minute, 5 a day), from addr (20
 * a day; NULL: not counted) and by the site (a day), each checked, then
 * counted: 1 closed (*why says which and when), 0 open, -1 error.
 */
int		 sms_limits(struct db *, struct pool *, const char *mobile,
		    const char *addr, const char **why);
/* A new 6-digit code, uniform. */
void		 sms_code_make(char code[SMS_CODE_LEN + 1]);

/* Check code against ticket for purpose, in the caller's transaction. */
enum sms_check_rc sms_code_check(struct db *, struct pool *,
		    const char *purpose, const char *ticket, const char *code,
		    struct sms_ticket *, long *left);

#endif
