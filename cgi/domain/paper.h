/*
 * paper.h: paper that cannot be digitised follows the case (纸质材料随
 * 流程流转, DOC-3; issue #10).  Owns case_paper and case_paper_move
 * (db/220).  A piece of paper (原件, 图纸, 样品…) is recorded on the case
 * by whoever receives it, held by one staff account or the archive room,
 * and handed over with a row of history each time: to a named person,
 * who confirms receipt (签收), or to the archive room.  A department the
 * case leaves for another (flow.c) may not keep the case's paper unless
 * it says why (留存).  Every change is audited.
 */
#ifndef YW_PAPER_H
#define YW_PAPER_H

#include "calendar.h"
#include "db.h"
#include "flow.h"

#define PAPER_WHAT_MAX	100	/* characters */
#define PAPER_NOTE_MAX	200
#define PAPER_COPIES_MAX	999
#define PAPER_PAGES_MAX	99999
#define PAPER_LATE_DAYS	3	/* working days paper may stay with one
				 * person once it should have moved on
				 * (docs/paper.md "Held too long") */

struct paper_move {
	char		*from;		/* "姓名（部门）" or "档案室" */
	char		*to;
	char		*by;		/* who recorded it, when not the
					 * giver (from the archive); or NULL */
	char		*given_at, *received_at;	/* Beijing; NULL:
							 * not yet */
	char		*note;
};

struct paper {
	int64_t		 id;
	char		*what;
	int		 copies, pages;
	int64_t		 holder_id;	/* 0: the archive room */
	char		*holder;	/* "姓名（部门）" or "档案室" */
	char		*holder_dept;	/* its code, NULL for the archive */
	int64_t		 moving_to;	/* a hand-over waits for this
					 * person's receipt; 0 none */
	char		*moving_name;	/* "姓名（部门）" */
	char		*retained;	/* 留存 note, or NULL */
	char		*recorded_by, *recorded_at;
	struct paper_move *moves;	/* oldest first */
	size_t		 nmoves;
};

/* Someone paper may be handed to: active staff of a department acting
 * on the case. */
struct paper_person {
	int64_t		 id;
	char		*name, *dept_code, *dept_name;
};

/* The case's paper with its history, oldest first. */
enum db_rc	 paper_list(struct db *, struct pool *, int64_t case_id,
		    struct paper **, size_t *);
/* Who paper of case k may be handed to, u left out. */
enum db_rc	 paper_people(struct db *, struct pool *, const struct kase *,
		    const struct user *u, struct paper_person **, size_t *);
/* The same for a case of item it not yet filed (the centre's form). */
enum db_rc	 paper_people_item(struct db *, struct pool *,
		    const struct item *it, const struct user *u,
		    struct paper_person **, size_t *);
/*
 * Record paper on case k, held by u from now (the clock's).  DB_NONE
 * with *why (Chinese, what to do) when refused.
 */
enum db_rc	 paper_add(struct db *, struct pool *, const struct kase *,
		    const struct user *, const char *what, int copies,
		    int pages, const char **why);
/* The same inside the caller's transaction (window intake, INT-1). */
enum db_rc	 paper_add_in(struct db *, struct pool *, const struct kase *,
		    const struct user *, const char *what, int copies,
		    int pages, const char **why);
/*
 * Paper the 全程代理 centre received with a case it filed (INT-14), in
 * the caller's transaction: recorded by its coordinator u (who acts on
 * no case), held by u and on its way at once to staff `to` of a
 * department acting on k (paper_people()), who signs for it on the case
 * page (paper_receive()); audited as an add and a hand-over.  DB_NONE
 * with *why when `to` is no such person.
 */
enum db_rc	 paper_add_for(struct db *, struct pool *, const struct kase *,
		    const struct user *u, const char *what, int copies,
		    int pages, int64_t to, const char **why);
/* Hand paper id of case k over to staff to (0: the archive room) with
 * note; only its holder may (the archive's, anyone of k's departments). */
enum db_rc	 paper_hand(struct db *, struct pool *, const struct kase *,
		    const struct user *, int64_t id, int64_t to,
		    const char *note, const char **why);
/* u confirms receipt of paper id handed to them. */
enum db_rc	 paper_receive(struct db *, struct pool *, const struct kase *,
		    const struct user *, int64_t id, const char **why);
/* Its holder u says why their department keeps paper id (留存). */
enum db_rc	 paper_retain(struct db *, struct pool *, const struct kase *,
		    const struct user *, int64_t id, const char *note,
		    const char **why);
/*
 * In case_act()'s transaction, when the case leaves department dept for
 * another: DB_NONE with *why naming the first paper that department
 * still holds, not handed on and not kept with a 留存 note; else DB_OK.
 */
enum db_rc	 paper_left_behind(struct db *, struct pool *, int64_t case_id,
		    const char *dept, const char **why);

/* Paper held too long by one person (docs/paper.md). */
struct paper_late {
	int64_t		 id, case_id, holder_id;
	char		*app_no, *what, *holder;
	char		*since;		/* Beijing day it should have moved
					 * on from: the holder got it, or
					 * the case ended, whichever later */
	char		*due;		/* the last of its PAPER_LATE_DAYS */
	int		 ended;		/* the case has ended */
};
/*
 * The paper held too long on day today: by a person (not the archive
 * room), not kept with a 留存 note, when the case has ended, or when no
 * step of it waits at the holder's department; and PAPER_LATE_DAYS
 * working days (cal) have passed since the later of the day the holder
 * got it and the day the case ended.  Of holder (0: anyone's) and case
 * (0: any), oldest first, at most 200.
 */
enum db_rc	 paper_late(struct db *, struct pool *, const struct calendar *,
		    cal_day today, int64_t holder, int64_t case_id,
		    struct paper_late **, size_t *);

#endif
