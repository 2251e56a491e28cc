/*
 * publish.h: publication on the extranet (公示, PUB-1, PUB-2) and agent
 * points (AGT-2).  Owns pub_result, pub_hall, pub_news and agent on the
 * intranet, result_public, hall_public, news_public and news_public_item
 * on the extranet (db/130).
 *
 * The intranet decides what is published and sends it as records across
 * the gap (docs/gap-records.md): a case's result as it is decided
 * (pub.result, inside the decision's transaction), each hall's numbers
 * of the day when they change (pub.hall, by the tick), announcements as
 * a second person publishes or withdraws them (pub.news,
 * pub.news.withdraw).  The extranet shows what it received, nothing else.
 */
#ifndef YW_PUBLISH_H
#define YW_PUBLISH_H

#include <jansson.h>

#include "db.h"
#include "flow.h"
#include "request.h"

/* Seed 004 #3 第二十一条: results are published within 5 days of the
 * decision (a refusal from the day it is made; this code gives both the
 * same 5 calendar days, the stricter reading of "5日"). */
#define PUB_RESULT_DAYS		5

/* Announcements: limits of the form and of the record. */
#define PUB_TITLE_MAX		100	/* characters */
#define PUB_BODY_MAX		20000	/* characters */
#define PUB_ITEMS_MAX		20	/* items a policy text governs */
#define PUB_NOTE_MAX		200

/*
 * A person's name as published: its first character and "**" (张**).
 * "" for an empty name.
 */
char		*pub_mask_name(struct pool *, const char *name);

/* ---- intranet ------------------------------------------------------ */

/*
 * Case k has just been decided (state "approved" or "denied", any other
 * is ignored) with decision document doc_no ("" when none): its result is
 * queued for the extranet, inside the caller's transaction.  A private
 * item's result goes as a count: no item, applicant or number.
 */
enum db_rc	 pub_result_queue(struct db *, struct pool *,
		    const struct kase *, const char *state,
		    const char *doc_no);

/*
 * The tick: results whose last day (due_on) is before today and that
 * have not left in a bundle yet are marked late (once each, audited and
 * logged); *n: how many.
 */
enum db_rc	 pub_late_check(struct db *, struct pool *, const char *today,
		    int *n);
/* The tick: each hall's numbers of today, sent when they changed; *n:
 * how many halls were sent. */
enum db_rc	 pub_hall_send(struct db *, struct pool *, int *n);

/* A result not published in time, for the intranet's page. */
struct pub_late {
	char		*app_no, *item_name, *decided_on, *due_on;
};
enum db_rc	 pub_late_list(struct db *, struct pool *, struct pub_late **,
		    size_t *);

struct pub_news {
	int64_t		 id;
	char		*kind, *title, *body, *items, *dept_code, *dept_name;
	char		*state, *written_by, *writer_name, *reviewed_by;
	char		*reviewer_name, *note, *updated_at, *published_at;
};

/* Chinese for a kind (news, notice, policy) or a state; NULL when it is
 * none. */
const char	*pub_kind_label(const char *kind);
const char	*pub_state_label(const char *state);

/* Announcements newest first: of dept (NULL: all), at most 200. */
enum db_rc	 pub_news_list(struct db *, struct pool *, const char *dept,
		    struct pub_news **, size_t *);
enum db_rc	 pub_news_get(struct db *, struct pool *, int64_t id,
		    struct pub_news *);
/* Whether u may publish, return or withdraw n: the system administrator,
 * or a leader of n's department; never its writer. */
int		 pub_may_review(const struct pub_news *, const struct user *);

/*
 * The moves of an announcement by u, each audited in its transaction.
 * DB_OK; DB_NONE with *why (Chinese, for a 409 or 422) when u may not or
 * the input is wrong; DB_ERR.  save: a new draft (*id 0, set on return)
 * or the writer's draft again.
 */
enum db_rc	 pub_news_save(struct db *, struct pool *, const struct user *,
		    int64_t *id, const char *kind, const char *title,
		    const char *body, const char *items, const char **why);
enum db_rc	 pub_news_move(struct db *, struct pool *, const struct user *,
		    int64_t id, const char *move, const char *note,
		    const char **why);

/* AGT-2: an agent's cases (intranet). */
struct pub_agent {
	char		*name, *area;
	int64_t		 cases, decided;
};
enum db_rc	 pub_agents(struct db *, struct pool *, struct pub_agent **,
		    size_t *);
/* The tick: the agent points' numbers, sent (pub.agents) when they
 * changed; *n: 1 when sent.  Nothing while there are no agents. */
enum db_rc	 pub_agents_send(struct db *, struct pool *, int *n);

/* ---- extranet ------------------------------------------------------ */

/* The record kinds' apply functions (gap.c), inside the import. */
enum db_rc	 pub_import_result(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
enum db_rc	 pub_import_hall(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
enum db_rc	 pub_import_news(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
enum db_rc	 pub_import_withdraw(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
enum db_rc	 pub_import_agents(struct db *, struct pool *, json_t *,
		    char *err, size_t errlen);
/* The agent points as last received (extranet); *as_of "" when none,
 * and then *open the agents whose accounts crossed, active: when there
 * are some, their numbers have not come yet. */
enum db_rc	 pub_agents_public(struct db *, struct pool *,
		    struct pub_agent **, size_t *, char **as_of,
		    int64_t *open);

struct pub_result {
	int64_t		 id;
	char		*item_code, *item_name, *dept_name, *decision;
	char		*decided_on, *due_on, *doc_no, *applicant;
	char		*published_on;
	int		 late;
};

/* What /results asks: each NULL when not given. */
struct pub_filter {
	const char	*item;		/* part of the item's name, or code */
	const char	*dept;		/* department code */
	const char	*hall;		/* hall code */
	const char	*from, *to;	/* decided on, YYYY-MM-DD */
	int64_t		 before;	/* page: ids below (0: newest) */
};

/* Results by f, newest first, at most limit; *privates: how many results
 * of private items the same filter counts. */
enum db_rc	 pub_results(struct db *, struct pool *,
		    const struct pub_filter *, size_t limit,
		    struct pub_result **, size_t *, int64_t *privates);

struct pub_dept {
	char		*code, *name;
};
/* The departments of the published catalogue (extranet). */
enum db_rc	 pub_depts(struct db *, struct pool *, struct pub_dept **,
		    size_t *);

struct pub_hall_day {
	char		*code, *name, *day, *as_of;
	int64_t		 received, decided, in_progress;
};
enum db_rc	 pub_hall_get(struct db *, struct pool *, const char *code,
		    struct pub_hall_day *);

/* Published announcements by kind and words in title or body (each NULL:
 * any), newest first, ids below before (0: newest), at most limit. */
enum db_rc	 pub_news_public(struct db *, struct pool *, const char *kind,
		    const char *q, int64_t before, size_t limit,
		    struct pub_news **, size_t *);
enum db_rc	 pub_news_public_get(struct db *, struct pool *, int64_t id,
		    struct pub_news *);

#endif
