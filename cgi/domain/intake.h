/*
 * intake.h: window intake of walk-in applications (窗口收件, INT-1; issue
 * #11).  A window clerk (ROLE_CLERK) registers on the intranet what a
 * person brought to the hall: the item, the applicant, the form's text
 * and each material either scanned (a file stored and vetted as an
 * online upload is, files.h) or received on paper (纸质已收, recorded as
 * paper that follows the case, paper.h).  It becomes a case like an
 * online one (flow.h case_add_window(): the same inbox, flow and clocks,
 * kase.source 'window'), numbered in the applications' series, and its
 * public part crosses to the extranet as record case.window so that
 * /query and 我的办件 find it by its number and the ID number.
 *
 * intake_register() is the one door, for the window's page (int_intake.c)
 * and for whatever else registers a walk-in application (全程代理,
 * INT-14): it checks everything typed as the online form does.
 */
#ifndef YW_INTAKE_H
#define YW_INTAKE_H

#include "application.h"
#include "catalog.h"
#include "db.h"
#include "request.h"

#define INTAKE_NAME_MAX		50	/* characters, kase.applicant_name */
#define INTAKE_ENT_MAX		100	/* an enterprise's name */
#define INTAKE_REMARK_MAX	2000	/* as the online form's 申请说明 */
/* Window numbers: YW, the Beijing day, 9 and four digits (90001..99999);
 * the extranet numbers its own below (application.h APP_NO_WINDOW). */
#define INTAKE_NO_BASE		APP_NO_WINDOW

/* A material received on paper (纸质已收): its slot and how much. */
struct intake_paper {
	int		 material_seq;
	const char	*material_name;
	int		 copies, pages;
};

struct intake {
	const struct item *it;		/* a published version */
	const char	*name, *id_number, *mobile;
	/* An enterprise applying (its 经办人 above), or both NULL. */
	const char	*credit_code, *ent_name;
	const char	*remark;	/* "" when none */
	/* Scanned materials, their files stored already (files_put()). */
	const struct attachment *atts;
	size_t		 natts;
	const struct intake_paper *paper;
	size_t		 npaper;
	/* The form's one-time key (F13), or NULL: the same form posted
	 * twice registers one case. */
	const char	*form_key;
	/* 全程代理 (INT-14): the project whose coordinator files the case
	 * as the investor's agent, or 0 (the window's own); then the
	 * item need not be the filer's department's, the case is linked
	 * to the project in the same transaction (agency_link()), and its
	 * first timeline entry is 代理申请 with agency_note. */
	int64_t		 agency;
	const char	*agency_note;
	/* For in->agency with paper: the person of a department acting on
	 * the case who signs for it (paper_add_for()); 0 none chosen. */
	int64_t		 paper_to;
};

/*
 * Check what in says as the online form would (the ID number upper-cased
 * in place as typed on a phone): NULL, or what to change (Chinese).
 * today: the Beijing date as YYYYMMDD (clock.h).
 */
const char	*intake_check(struct pool *, struct intake *in, long today);
/*
 * Register in by clerk: checked again (intake_check()), then numbered,
 * stored as a case of source 'window' with its paper, queued for the
 * extranet when the item reaches it (not D, not secret), audited, in one
 * transaction.  *app_no, *case_id.  DB_NONE with *why when refused (the
 * item not of the clerk's department, or for in->agency not an item of
 * the project without a case or clerk not its coordinator; a required
 * material neither scanned nor received on paper; the day's numbers
 * used); DB_DUP when in's form key registered a case already: *app_no
 * is that one's.
 */
enum db_rc	 intake_register(struct db *, struct pool *,
		    const struct user *clerk, struct intake *in, long today,
		    char **app_no, int64_t *case_id, const char **why);

/* The case the window form with this key registered (DB_NONE: none). */
enum db_rc	 intake_by_key(struct db *, struct pool *, const char *key,
		    char **app_no);

/* What the receipt (收件回执) of a walk-in case shows. */
struct intake_receipt {
	char		*app_no, *item_name, *applicant_name, *id_number;
	char		*entity_name;	/* or NULL */
	char		*agency;	/* filed by the centre (INT-14): "中心
					 * （委托代理协议 N）", or NULL */
	char		*received_at;	/* Beijing, "YYYY-MM-DD HH:MM" */
	char		*clerk, *dept_name;
	char		*promised_due;	/* "YYYY-MM-DD", or NULL */
	int		 online;	/* followed online (crosses the gap) */
	struct attachment *atts;
	size_t		 natts;
	struct intake_paper *paper;
	size_t		 npaper;
};
/* The receipt of walk-in case app_no, for staff of dept (the clerk's);
 * DB_NONE when there is none such. */
enum db_rc	 intake_receipt(struct db *, struct pool *, const char *app_no,
		    const char *dept, struct intake_receipt *);

#endif
