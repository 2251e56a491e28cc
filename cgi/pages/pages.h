/*
 * pages.h: every page handler, and the helpers that put domain objects
 * into the page data (HDF) the templates read (docs/pages.md).
 */
#ifndef YW_PAGES_H
#define YW_PAGES_H

#include "application.h"
#include "catalog.h"
#include "flow.h"
#include "request.h"
#include "files.h"

/* Both sites: the large-text mode (display.c). */
int	 page_display(struct req *);

/* Extranet. */
int	 page_ext_home(struct req *);
/* A kept public page served (1), or what to keep this one as (0). */
int	 page_ext_cached(struct req *);
/* Whether it is one of the public catalogue's reads (home, guide, search,
 * browse) by a visitor without a session: those a replica may serve. */
int	 page_ext_public(struct req *);
/* A kept page served (1) to a request with no cookie but the form
 * token's and the large-text mode's, from its FastCGI parameters alone,
 * before request_begin() (r is made here). */
int	 page_ext_fast(struct req *, struct FCGX_Request *,
	    const struct config *, struct db *, struct pool *);
int	 page_ext_guide(struct req *);
int	 page_ext_search(struct req *);
int	 page_ext_browse(struct req *);
int	 page_ext_chart(struct req *);
int	 page_ext_form(struct req *);
int	 page_ext_register_form(struct req *);
int	 page_ext_register(struct req *);
int	 page_ext_register_code(struct req *);
int	 page_ext_reset_form(struct req *);
int	 page_ext_reset(struct req *);
int	 page_ext_reset_code(struct req *);
int	 page_ext_login_sms(struct req *);
int	 page_ext_login_code(struct req *);
int	 page_ext_sms_dlr(struct req *);
int	 page_ext_sms_dev(struct req *);
int	 page_ext_login_form(struct req *);
int	 page_ext_login(struct req *);
int	 page_ext_apply_form(struct req *);
int	 page_ext_apply(struct req *);
int	 page_ext_receipt(struct req *);
int	 page_ext_my(struct req *);
int	 page_ext_draft_delete(struct req *);
/* A POST to /apply whose session ended (route.c): the login page that
 * carries what was typed (ext_draft.c); and after the login, what it
 * carried saved into the account's draft (0, or -1 when nothing). */
int	 page_ext_apply_expired(struct req *);
int	 apply_carried(struct req *, int64_t citizen, const char **next);
/* The login page shown again keeps what it carries (Form.Carry.*). */
void	 apply_carry_view(struct req *);
/*
 * The application form's key (EXT-1): the one posted (form_key) or in
 * the address (key), when it has the shape; else NULL.  view_draft() sets
 * Form.key to it and shows what its draft holds of item it (the fields
 * too unless posted: the form shows what was just sent), or that it
 * made an application already (Form.Submitted.app_no); 0 or -1.
 */
struct item;
const char	*apply_key(struct req *);
/* 一件事一次办 (EXT-12; ext_event.c, int_event.c). */
int	 page_ext_event(struct req *);
int	 page_ext_event_form(struct req *);
int	 page_ext_event_apply(struct req *);
int	 page_ext_bundle(struct req *);
int	 view_my_bundles(struct req *);
int	 view_enterprise_bundles(struct req *, int64_t enterprise);
int	 view_home_events(struct req *);
/* Whom a form applies for (ACC-1, ext_apply.c): the form's "as", an
 * enterprise the person may apply for (e->id 0: themself); 0, or the
 * reply already sent.  view_apply_as(): the choices, Applicant.As.N.
 * made_visible(): whether the person sees what citizen made for the
 * enterprise (0: for themself), 1, 0, -1 (ACC-1). */
struct enterprise;
int	 apply_as(struct req *, struct enterprise *);
int	 view_apply_as(struct req *);
int	 made_visible(struct req *, int64_t citizen, int64_t enterprise);
/* The draft of a form's key, of its code and applicant (ext_apply.c):
 * d->id 0 when none; 0, or the reply already sent (409: another's). */
struct draft;
int	 apply_draft(struct req *, const char *code,
	    const struct enterprise *, const char *key, struct draft *);
int	 page_int_events(struct req *);
int	 page_int_event_save(struct req *);
int	 page_int_event_publish(struct req *);
int	 view_case_bundle(struct req *, const char *app_no);
int		 view_draft(struct req *, const struct item *, int posted);
/* The account's drafts for 我的办件 (Drafts.N); 0 or -1. */
int		 view_drafts(struct req *);
int	 page_ext_app(struct req *);
int	 page_ext_withdraw(struct req *);
int	 page_ext_correct(struct req *);
int	 page_ext_query_form(struct req *);
int	 page_ext_query(struct req *);
/* Whether the person logged in may read application a and its
 * documents: its applicant (an enterprise's, whoever may view its
 * cases), or the resident an agent made it for.  1, 0, -1 on a database
 * error. */
int	 app_readable(struct req *, const struct application *);
/* Whether the user is the resident an agent (or a window) applied
 * for, reading it in their own account (AGT-1). */
int	 app_resident_of(struct req *, const struct application *);
/* ext_verify.c: 文书核验 without login, and the exports (EXT-6). */
int	 page_ext_verify(struct req *);
int	 page_ext_verify_download(struct req *);
int	 page_ext_doc_download(struct req *);
int	 page_ext_doc(struct req *);
/* ext_complaint.c: complaints (EXT-7, SUP-5). */
int	 page_ext_complaint_form(struct req *);
int	 page_ext_complaint(struct req *);
int	 page_ext_complaints(struct req *);
/* ext_rating.c: ratings after completion (EXT-8).  view_app_rating():
 * the rating part of application a's page (Rate, Ratings); 0, or -1. */
struct application;
int	 view_app_rating(struct req *, const struct application *);
int	 page_ext_rate(struct req *);
/* Messages on an application (EXT-7; ext_message.c, int_case.c). */
int	 page_ext_message(struct req *);
int	 page_int_message(struct req *);
/* Thread.N.{dir,author,body,at} of application app_no, the form's key
 * and Limits.msg, for ext/app.cs: 0, or -1 on a database error. */
int	 msg_view(struct req *, const char *app_no);
/* Case.Messages.N.{dir,author,staff,body,at,unread} of case k for
 * int/case.cs, an observer's masked (SUP-7): 0, or -1. */
int	 msg_view_case(struct req *, const struct kase *);
/* Online consultation (EXT-7; ext_consult.c, int_consult.c). */
int	 page_ext_consult(struct req *);
int	 page_ext_consults(struct req *);
int	 page_int_consults(struct req *);
int	 page_int_consult_answer(struct req *);
int	 page_int_consult_publish(struct req *);
int	 page_int_consult_withdraw(struct req *);
/* Item.Faqs.N.{question,answer,answered_at} from the n 常见问题 v
 * (catalog_guide()), and for a citizen the question form (Consult.may,
 * Form.key), for ext/guide.cs. */
void	 consult_view_faqs(struct req *, const struct guide_line *v,
	    size_t n);
/* ext_enterprise.c: enterprises and their staff (ACC-1; issue #10). */
int	 page_ext_ent_register_form(struct req *);
int	 page_ext_ent_register(struct req *);
int	 page_ext_enterprise(struct req *);
int	 page_ext_ent_grant(struct req *);
int	 page_ext_ent_revoke(struct req *);

/* Intranet. */
int	 page_int_home(struct req *);
/* 全程代理 (INT-14; int_agency.c). */
int	 page_int_agency(struct req *);
int	 page_int_agency_new_form(struct req *);
int	 page_int_agency_new(struct req *);
int	 page_int_agency_project(struct req *);
int	 page_int_agency_agreement(struct req *);
int	 page_int_agency_link(struct req *);
int	 page_int_agency_urge(struct req *);
int	 page_sup_agency(struct req *);
int	 page_int_agency_file_form(struct req *);
int	 page_int_agency_file(struct req *);
int	 page_int_agency_receipt(struct req *);
int	 page_int_agency_edit_form(struct req *);
int	 page_int_agency_edit(struct req *);
int	 page_int_agency_close(struct req *);
int	 page_int_login_form(struct req *);
int	 page_int_login(struct req *);
int	 page_int_inbox(struct req *);
int	 page_int_case_search(struct req *);
int	 page_int_case(struct req *);
int	 page_int_act(struct req *);
int	 page_int_extend(struct req *);
int	 page_int_correct(struct req *);
int	 page_int_suspend(struct req *);
int	 page_int_instant(struct req *);
/* 申请人撤回申请 at the window (INT-3). */
int	 page_int_withdraw(struct req *);
int	 page_int_report(struct req *);
int	 page_int_upper(struct req *);
int	 page_int_resume(struct req *);
int	 page_int_urge(struct req *);
int	 page_int_fee(struct req *);
int	 page_int_fee_paid(struct req *);
/* Paper that follows the case (DOC-3; int_case.c). */
int	 page_int_paper_add(struct req *);
int	 page_int_paper_hand(struct req *);
int	 page_int_paper_receive(struct req *);
int	 page_int_paper_retain(struct req *);
/* 窗口核验 (ACC-1; int_claim.c). */
int	 page_int_claim(struct req *);
int	 page_int_claim_add(struct req *);
/* 窗口收件 (INT-1; int_intake.c). */
int	 page_int_intake(struct req *);
int	 page_int_intake_add(struct req *);
int	 page_int_intake_receipt(struct req *);
/*
 * The intake form of item it as posted (int_intake.c; the window's and
 * the 全程代理 centre's, INT-14): the person (name, id_number, mobile),
 * credit_code and ent_name, remark, each material's file m<seq> taken
 * (judged, not yet stored: upload_store()) or, when paper_ok, p<seq>
 * ticked with pg<seq> its pages, into *in (memset first) and *fl.  NULL,
 * or the first refusal with *status.  intake_receipt_page(): the
 * receipt of walk-in case no, of department dept.
 */
struct intake;
struct intake_files {
	struct attachment	*atts;
	struct files_put	*puts;
	FILE			**fps;
	size_t			 n;
};
const char	*intake_form_read(struct req *, const struct item *,
		    int paper_ok, struct intake *, struct intake_files *,
		    int *status);
int		 intake_receipt_page(struct req *, const char *no,
		    const char *dept);
/* Item.{code,name,dept,promised_days,materials.N.{seq,name,original,
 * copies,required,paper,pages}} of it, the paper ticks as posted. */
void		 intake_put_item(struct req *, const struct item *);
/* 预约服务 (EXT-10): ext_book.c, int_book.c. */
int	 page_ext_book_form(struct req *);
int	 page_ext_book(struct req *);
int	 page_ext_bookings(struct req *);
int	 page_ext_booking_cancel(struct req *);
int	 page_int_bookings(struct req *);
/* name = "1" when a window of item's department takes bookings. */
void	 view_bookable(struct req *, const char *name, const char *item);
int	 page_int_booking_mark(struct req *);
int	 page_int_booking_plan_form(struct req *);
int	 page_int_booking_plan(struct req *);
/* 证照快递 or 窗口领取 (EXT-10): delivery_pages.c.  view_delivery() puts
 * the choice of app_no and the couriers in Delivery.*, Couriers.*. */
int	 view_delivery(struct req *, const char *app_no);
int	 page_ext_delivery(struct req *);
int	 page_int_delivery(struct req *);
/* int_case.c: the case ?id= of a POST, when the user's department acts
 * on it (else the page answered: nonzero). */
int	 own_case_read(struct req *, int64_t *id, struct kase *);
/* int_delegate.c: 我的委托 (INT-7). */
int	 page_int_delegate(struct req *);
int	 page_int_delegate_add(struct req *);
int	 page_int_delegate_end(struct req *);
int	 page_int_file(struct req *);
int	 page_int_doc(struct req *);
/* int_licence.c: the licence library (DOC-2). */
int	 page_int_licences(struct req *);
int	 page_int_licence(struct req *);
int	 page_int_licence_end(struct req *);
/* int_catalog.c */
int	 page_int_catalog(struct req *);
int	 page_int_catalog_new(struct req *);
int	 page_int_catalog_item(struct req *);
int	 page_int_catalog_chart(struct req *);
int	 page_int_catalog_simulate(struct req *);
int	 page_int_catalog_draft(struct req *);
int	 page_int_catalog_discard(struct req *);
int	 page_int_catalog_edit_form(struct req *);
int	 page_int_catalog_edit(struct req *);
int	 page_int_catalog_submit(struct req *);
int	 page_int_catalog_publish(struct req *);
int	 page_int_catalog_return(struct req *);
/* int_admin.c */
int	 page_int_admin(struct req *);
int	 page_int_admin_levels_form(struct req *);
int	 page_int_admin_levels(struct req *);
/* int_calendar.c */
int	 page_int_admin_calendar(struct req *);
int	 page_int_admin_calendar_save(struct req *);
int	 page_int_admin_region_form(struct req *);
int	 page_int_admin_region(struct req *);
int	 page_int_admin_hall_form(struct req *);
int	 page_int_admin_hall(struct req *);
int	 page_int_admin_dept_form(struct req *);
int	 page_int_admin_dept(struct req *);
int	 page_int_admin_window_form(struct req *);
int	 page_int_admin_window(struct req *);
int	 page_int_admin_staff(struct req *);
int	 page_int_admin_staff_form(struct req *);
int	 page_int_admin_staff_save(struct req *);
/* int_agent.c: proxy agents (AGT-1) */
int	 page_int_admin_agents(struct req *);
int	 page_int_admin_agent_add(struct req *);
int	 page_int_admin_agent_off(struct req *);
/* ext_agent.c: an agent's activation and login (AGT-1) */
int	 page_ext_agent_login_form(struct req *);
int	 page_ext_agent_login(struct req *);
int	 page_ext_agent_activate_form(struct req *);
int	 page_ext_agent_activate(struct req *);
int	 page_ext_agent_reset_form(struct req *);
int	 page_ext_agent_reset(struct req *);
int	 page_ext_agent_reset_code(struct req *);
int	 page_ext_agent_consent(struct req *);
int	 page_ext_agent_consent_confirm(struct req *);
int	 page_ext_agent_consent_send(struct req *);
/* int_account.c: one's own password */
int	 page_int_password_form(struct req *);
int	 page_int_password(struct req *);
int	 page_int_account(struct req *);
int	 page_int_account_mobile(struct req *);
int	 page_int_account_code(struct req *);
int	 page_int_account_remind(struct req *);
/* int_secadmin.c: the security administrator's */
int	 page_int_sec(struct req *);
int	 page_int_sec_staff(struct req *);
int	 page_int_sec_staff_form(struct req *);
int	 page_int_sec_staff_roles(struct req *);
int	 page_int_sec_staff_password(struct req *);
/* int_audit.c: the audit administrator's */
int	 page_int_audit(struct req *);
/* int_locks.c: the security administrator's lock-outs (SEC-1, F5). */
int	 page_int_sec_locks(struct req *);
int	 page_int_sec_unlock(struct req *);
/* int_sup.c: electronic supervision (SUP-*). */
int	 page_sup_home(struct req *);
int	 page_sup_cases(struct req *);
int	 page_sup_case(struct req *);
int	 page_sup_ops(struct req *);
/*
 * int_case.c: the full record of case k, read-only (INT-13), into Case.*,
 * Fee.*, Urges.*, masked for an observer (SUP-7); *today: today's day,
 * *unpaid: whether its fee is unpaid.  0, or -1 on error.
 */
int	 view_case_record(struct req *, const struct kase *, cal_day *today,
	    int *unpaid);
/* int_perf.c: performance and statistics (SUP-4, SUP-6). */
int	 page_sup_perf(struct req *);
int	 page_sup_perf_dept(struct req *);
int	 page_sup_stats(struct req *);
int	 page_sup_stats_csv(struct req *);
/* int_sup_warn.c: warnings and their rules (SUP-1, SUP-2). */
int	 page_sup_warnings(struct req *);
int	 page_sup_rules(struct req *);
/* int_complaint.c: complaint handling (SUP-5). */
int	 page_sup_complaints(struct req *);
int	 page_sup_complaint(struct req *);
int	 page_sup_complaint_assign(struct req *);
int	 page_sup_complaint_investigate(struct req *);
int	 page_sup_complaint_reply(struct req *);
int	 page_sup_complaint_close(struct req *);
/* int_rating.c: a department's ratings and their follow-up, the
 * supervisors' list of poor ones (EXT-8). */
int	 page_int_ratings(struct req *);
int	 page_int_rating(struct req *);
int	 page_int_rating_visit(struct req *);
int	 page_int_rating_fix(struct req *);
int	 page_sup_ratings(struct req *);

/* ext_pub.c, int_pub.c: publication (PUB-1, PUB-2, AGT-2). */
int	 page_ext_results(struct req *);
int	 page_ext_hall(struct req *);
int	 page_ext_news(struct req *);
int	 page_ext_news_item(struct req *);
int	 page_ext_agents(struct req *);
int	 page_int_pub(struct req *);
int	 page_int_pub_edit_form(struct req *);
int	 page_int_pub_edit(struct req *);
int	 page_int_pub_submit(struct req *);
int	 page_int_pub_publish(struct req *);
int	 page_int_pub_return(struct req *);
int	 page_int_pub_withdraw(struct req *);
int	 page_sup_agents(struct req *);

/* int_alerts.c: the security administrator's security alerts. */
int	 page_int_sec_alerts(struct req *);
/* The gap's status page (GAP-6), ops_gap.c: the intranet's for staff, the
 * extranet's through the operations server. */
int	 page_int_gap(struct req *);
int	 page_ext_gap(struct req *);
int	 page_int_sec_alert_resolve(struct req *);
/* int_sec_certs.c: staff client certificates (ACC-4): the security
 * administrator's list and revocation, and the checks below. */
int	 page_int_sec_certs(struct req *);
int	 page_int_sec_cert_revoke(struct req *);
/*
 * After the session is loaded (yiwang.fcgi): a logged-in staff member
 * whose account is bound to a certificate that this request does not
 * present is logged out, and the request goes on as anonymous.  0 to go
 * on, or an HTTP status to answer with.
 */
int	 sec_cert_gate(struct req *);
/*
 * At login, once the password of u is right (LOGIN_OK), before a session
 * starts: -1 when u may log in; else u's account is bound to a
 * certificate this request does not present, an alert is raised and the
 * login page has been answered (403, saying to use the certificate); its
 * result is returned.
 */
int	 sec_cert_login(struct req *, const struct user *, const char *next);

/* Both. */
int	 page_logout(struct req *);

/* view.c */
/* s percent-encoded but for RFC 3986's unreserved characters. */
char	*url_escape(struct pool *, const char *s);
void	 view_item(struct req *, const char *prefix, const struct item *);
void	 view_app(struct req *, const char *prefix,
	    const struct application *);
/* Fill Doc.* from a document row; 0, or -1 when its body is damaged. */
int	 view_doc(struct req *, const struct doc *);
/* Fill Doc.Seal.* from a document's seal as this site verified it
 * (docseal.h): state sealed, broken or none; the check code, the key and
 * whether it was revoked; the verification address and its QR code. */
struct seal_view;
void	 view_seal(struct req *, const struct seal_view *);
/* The sealed document or licence no, of an application this person may
 * read (app_readable()), into *v: 0; 404 when there is none or it is not
 * theirs (alike); 500 on a database error (ext_verify.c). */
int	 sealed_readable(struct req *, const char *no, struct seal_view *);
/* Both for what docseal_view() read, a document or a licence (DOC-2:
 * Doc.Lic.state, state_label, ended_at, end_why too); 0 or -1. */
int	 view_sealed(struct req *, const struct seal_view *);
/* Licences as rows under prefix (LICS.N.no, name, holder, state_label…,
 * licence.h). */
struct licence;
void	 view_licences(struct req *, const char *prefix,
	    const struct licence *, size_t);
/* The licences application app_no offered instead of files (免证办,
 * DOC-2) as prefix.N.{seq,material_name,no,name,state,state_label,
 * ended_before}: state "valid" (核验有效), "revoked", "cancelled" or
 * "expired" now, or "missing" (not in this site's library); ended_before
 * "1" when revoked or cancelled before the submission; 0 or -1. */
int	 view_app_licences(struct req *, const char *prefix,
	    const char *app_no);
/* A local path to return to after login, or "/" when next is unsafe. */
const char *view_next(const char *next);
/*
 * The one-time key of a submission form (F13), 64 hex characters: the
 * same form posted twice makes one thing.  view_posted_key(): the key the
 * POST carries, or NULL when it has none of that shape; view_form_key()
 * sets Form.key, the posted one when keep (a form shown again after a
 * refusal: nothing was stored under it yet), else a new one.
 */
#define FORM_KEY_LEN	64
const char	*view_posted_key(struct req *);
void		 view_form_key(struct req *, int keep);
/* s percent-encoded for a URL's query (NULL as ""), in r's pool. */
char		*view_url_escape(struct req *, const char *s);
/* Field name as a positive id into *id: 0, or -1 when absent or not. */
int		 view_form_id(struct req *, const char *name, int64_t *id);
/* ID number or mobile with the middle masked (SEC-5). */
char	*view_mask(struct req *, const char *, size_t head, size_t tail);
/*
 * Observers (SUP-7) see no personal data they have no need for: 1 when
 * the user is one.  view_person() gives a person's name as the page may
 * show it to this user: whole, or for an observer its first character
 * and "**" (ID numbers and phones: view_mask(), whoever looks).
 */
int	 view_observer(const struct req *);
const char	*view_person(struct req *, const char *name);
/* The departments as options, Depts.N.{code,name,staff,selected}; 0, or
 * -1 on a database error. */
int	 view_dept_options(struct req *, const char *selected);
/* What is wrong with a period of Beijing days from..to (either NULL:
 * open) as a filter named what ("收件日期"), for the user; else NULL. */
const char	*view_days(struct req *, const char *what, const char *from,
		    const char *to);
/* Whether s is the time of a page key as the pages write it, UTC
 * "YYYY-MM-DD HH:MM:SS". */
int	 view_key_time(struct req *, const char *s);
struct org_staff;
struct org_err;
/* A refused form: status 422, Form.Error (what to do), Form.Field. */
void	 view_refused(struct req *, const struct org_err *);
/* A staff account: login, name, dept_code, dept_name, roles_label,
 * active, created_at, pw (none, temporary, own) and pw_label. */
void	 view_staff(struct req *, const char *prefix, const struct org_staff *);
/* Staff.N (view_staff) of dept (NULL: all), Count.{all,active}, the
 * department filter Form.dept and its options; 0, or -1. */
int	 view_staff_list(struct req *, const char *dept);
/* prefix.{id,at,kind,kind_label,object,object_label,message} of an alert
 * (/sec/alerts, /ops/gap). */
struct alert;
void	 view_alert(struct req *, const char *prefix, const struct alert *);

/*
 * Uploads of material files, judged one way wherever they are taken
 * (ext_apply.c; the window's intake, int_intake.c): the rule, a file
 * posted as m<seq> judged by content, structure and malware (1 taken, 0
 * none posted, -1 refused with *why and *status; reuse -1: no earlier
 * file may stand in), the files stored before the rows that name them
 * commit, and taken back if they do not.
 */
void		 upload_rule(struct req *, struct files_rule *);
const char	*file_refusal(struct req *, const char *material,
		    enum files_vet, const char *detail, int *status);
int		 upload_take(struct req *, const struct material *,
		    const struct files_rule *, int64_t reuse, FILE **,
		    struct attachment *, int *status, const char **why);
int		 upload_store(struct req *, FILE **, struct files_put *,
		    struct attachment *, size_t n);
void		 upload_discard(struct req *, struct files_put *, size_t n);
/*
 * Save draft d of a form (EXT-1) whose n new files were stored as puts,
 * add bytes in all, charged to the day's quota unless cut (over it: none
 * kept); the files released when it is saved, taken back when not.  What
 * the form should say about it.
 */
struct draft;
const char	*draft_keep(struct req *, struct draft *, struct files_put *,
		    size_t n, int64_t add, int cut);
/* Today in Beijing as YYYYMMDD, from clock_now(). */
long		 beijing_today(void);

#endif
