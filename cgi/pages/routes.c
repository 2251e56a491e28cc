/*
 * routes.c: every route of both sites.  The dispatcher (core/route.c)
 * checks site, method, login, role and CSRF from this table before a page
 * runs; a route of the other site does not exist (404).
 *
 * On the intranet the roles follow 三员分立 (SEC-7): cases are the
 * business roles' (STAFF); the catalogue is read by them and by the system
 * administrator, who drafts it (ROLE_ADMIN) and keeps the organisation
 * (/admin); roles, passwords and lock-outs are the security
 * administrator's (/sec); the audit trail is the audit administrator's
 * alone (/audit).  The gap operator (网闸摆渡员) reads the gap's status,
 * /ops/gap, and nothing else.
 */
#include "pages.h"
#include "route.h"

#define STAFF	ROLES_STAFF
#define CATALOG	(ROLES_STAFF | ROLE_ADMIN)
#define APPLY	(ROLE_CITIZEN | ROLE_AGENT)

const struct route routes[] = {
	/* Extranet: public. */
	{ "GET", "/", R_EXT, 0, page_ext_home },
	{ "GET", "/guide", R_EXT, 0, page_ext_guide },
	{ "GET", "/search", R_EXT, 0, page_ext_search },
	{ "GET", "/browse", R_EXT, 0, page_ext_browse },
	/* Both sites: the large-text mode (EXT-13; display.c). */
	{ "GET", "/display", R_EXT | R_INT | R_PWTEMP, 0, page_display },
	{ "GET", "/chart", R_EXT, 0, page_ext_chart },
	{ "GET", "/form", R_EXT, 0, page_ext_form },
	{ "GET", "/register", R_EXT, 0, page_ext_register_form },
	{ "POST", "/register", R_EXT | R_CSRF, 0, page_ext_register },
	{ "POST", "/register/code", R_EXT | R_CSRF, 0,
	    page_ext_register_code },
	{ "GET", "/reset", R_EXT, 0, page_ext_reset_form },
	{ "POST", "/reset", R_EXT | R_CSRF, 0, page_ext_reset },
	{ "POST", "/reset/code", R_EXT | R_CSRF, 0, page_ext_reset_code },
	{ "GET", "/login", R_EXT, 0, page_ext_login_form },
	{ "POST", "/login", R_EXT | R_CSRF, 0, page_ext_login },
	{ "POST", "/login/sms", R_EXT | R_CSRF, 0, page_ext_login_sms },
	{ "POST", "/login/code", R_EXT | R_CSRF, 0, page_ext_login_code },
	{ "GET", "/query", R_EXT, 0, page_ext_query_form },
	{ "POST", "/query", R_EXT | R_CSRF, 0, page_ext_query },
	/* Extranet: 文书核验 (EXT-6, DOC-1; ext_verify.c). */
	{ "GET", "/verify", R_EXT, 0, page_ext_verify },
	{ "GET", "/verify/download", R_EXT, 0, page_ext_verify_download },
	/* Extranet: the SMS gateway's delivery reports, and the outbox of
	 * a development site (NTF-1; ext_sms.c). */
	{ "GET", "/sms/dlr", R_EXT | R_INT, 0, page_ext_sms_dlr },
	{ "GET", "/dev/sms", R_EXT | R_INT, 0, page_ext_sms_dev },
	/* Extranet: publication (PUB-1, PUB-2, AGT-2; ext_pub.c). */
	{ "GET", "/results", R_EXT, 0, page_ext_results },
	{ "GET", "/hall", R_EXT, 0, page_ext_hall },
	{ "GET", "/news", R_EXT, 0, page_ext_news },
	{ "GET", "/news/item", R_EXT, 0, page_ext_news_item },
	{ "GET", "/agents", R_EXT, 0, page_ext_agents },
	/* Extranet: proxy agents' way in (AGT-1; ext_agent.c). */
	{ "GET", "/agent/login", R_EXT, 0, page_ext_agent_login_form },
	{ "POST", "/agent/login", R_EXT | R_CSRF, 0, page_ext_agent_login },
	{ "GET", "/agent/activate", R_EXT, 0, page_ext_agent_activate_form },
	{ "POST", "/agent/activate", R_EXT | R_CSRF, 0,
	    page_ext_agent_activate },
	/* A forgotten password, by an SMS code to the agent's mobile. */
	{ "GET", "/agent/reset", R_EXT, 0, page_ext_agent_reset_form },
	{ "POST", "/agent/reset", R_EXT | R_CSRF, 0, page_ext_agent_reset },
	{ "POST", "/agent/reset/code", R_EXT | R_CSRF, 0,
	    page_ext_agent_reset_code },
	/* The resident's consent by SMS of an agent's application. */
	{ "GET", "/agent/consent", R_EXT | R_LOGIN, ROLE_AGENT,
	    page_ext_agent_consent },
	{ "POST", "/agent/consent", R_EXT | R_LOGIN | R_CSRF, ROLE_AGENT,
	    page_ext_agent_consent_confirm },
	{ "POST", "/agent/consent/send", R_EXT | R_LOGIN | R_CSRF,
	    ROLE_AGENT, page_ext_agent_consent_send },
	/* Extranet: the applicant's own; an agent's, those they made for
	 * residents (AGT-1: ext_apply.c keeps each to their own). */
	{ "GET", "/apply", R_EXT | R_LOGIN, APPLY, page_ext_apply_form },
	{ "POST", "/apply", R_EXT | R_LOGIN | R_CSRF, APPLY,
	    page_ext_apply },
	/* 一件事一次办 (EXT-12): a person's own, one form for all. */
	{ "GET", "/event", R_EXT, 0, page_ext_event },
	{ "GET", "/event/apply", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_event_form },
	{ "POST", "/event/apply", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_event_apply },
	{ "GET", "/bundle", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_bundle },
	{ "GET", "/receipt", R_EXT | R_LOGIN, APPLY, page_ext_receipt },
	{ "GET", "/my", R_EXT | R_LOGIN, APPLY, page_ext_my },
	{ "POST", "/draft/delete", R_EXT | R_LOGIN | R_CSRF, APPLY,
	    page_ext_draft_delete },
	{ "GET", "/app", R_EXT | R_LOGIN, APPLY, page_ext_app },
	{ "GET", "/doc", R_EXT | R_LOGIN, APPLY, page_ext_doc },
	{ "GET", "/doc/download", R_EXT | R_LOGIN, APPLY,
	    page_ext_doc_download },
	/* Extranet: complaints (投诉举报; EXT-7, SUP-5). */
	{ "GET", "/complaint", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_complaint_form },
	{ "POST", "/complaint", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_complaint },
	{ "GET", "/complaints", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_complaints },
	/* Extranet: rating a decided case (好差评; EXT-8). */
	{ "POST", "/app/rate", R_EXT | R_LOGIN | R_CSRF, APPLY,
	    page_ext_rate },
	/* Extranet: the thread with the window on an application (EXT-7):
	 * whoever may read it (ext_message.c). */
	{ "POST", "/app/message", R_EXT | R_LOGIN | R_CSRF, APPLY,
	    page_ext_message },
	/* Extranet: online consultation from an item's guide (EXT-7). */
	{ "POST", "/consult", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_consult },
	{ "GET", "/consults", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_consults },
	{ "POST", "/app/withdraw", R_EXT | R_LOGIN | R_CSRF, APPLY,
	    page_ext_withdraw },
	/* Extranet: enterprises (法人) and their staff (ACC-1; issue #10). */
	{ "GET", "/enterprise/register", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_ent_register_form },
	{ "POST", "/enterprise/register", R_EXT | R_LOGIN | R_CSRF,
	    ROLE_CITIZEN, page_ext_ent_register },
	{ "GET", "/enterprise", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_enterprise },
	{ "POST", "/enterprise/grant", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_ent_grant },
	{ "POST", "/enterprise/revoke", R_EXT | R_LOGIN | R_CSRF,
	    ROLE_CITIZEN, page_ext_ent_revoke },
	{ "POST", "/app/correct", R_EXT | R_LOGIN | R_CSRF, APPLY,
	    page_ext_correct },
	/* 预约服务 (EXT-10; ext_book.c): a person's own bookings. */
	{ "GET", "/book", R_EXT | R_LOGIN, ROLE_CITIZEN, page_ext_book_form },
	{ "POST", "/book", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_book },
	{ "GET", "/bookings", R_EXT | R_LOGIN, ROLE_CITIZEN,
	    page_ext_bookings },
	{ "POST", "/booking/cancel", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_booking_cancel },
	/* 证照快递 or 窗口领取 (EXT-10): the applicant's own application. */
	{ "POST", "/app/delivery", R_EXT | R_LOGIN | R_CSRF, ROLE_CITIZEN,
	    page_ext_delivery },
	{ "POST", "/logout", R_EXT | R_INT | R_CSRF | R_PWTEMP, 0,
	    page_logout },
	/* Intranet. */
	{ "GET", "/", R_INT, 0, page_int_home },
	{ "GET", "/login", R_INT | R_PWTEMP, 0, page_int_login_form },
	{ "POST", "/login", R_INT | R_CSRF | R_PWTEMP, 0, page_int_login },
	/* Every member of staff, their own password (SEC-7). */
	{ "GET", "/password", R_INT | R_LOGIN | R_PWTEMP, 0,
	    page_int_password_form },
	{ "POST", "/password", R_INT | R_LOGIN | R_CSRF | R_PWTEMP, 0,
	    page_int_password },
	/* Their mobile for SMS reminders (NTF-1; int_account.c). */
	{ "GET", "/account", R_INT | R_LOGIN, 0, page_int_account },
	{ "POST", "/account/mobile", R_INT | R_LOGIN | R_CSRF, 0,
	    page_int_account_mobile },
	{ "POST", "/account/mobile/code", R_INT | R_LOGIN | R_CSRF, 0,
	    page_int_account_code },
	{ "POST", "/account/remind", R_INT | R_LOGIN | R_CSRF, 0,
	    page_int_account_remind },
	{ "GET", "/inbox", R_INT | R_LOGIN, STAFF, page_int_inbox },
	{ "GET", "/case", R_INT | R_LOGIN, STAFF, page_int_case },
	{ "GET", "/case/search", R_INT | R_LOGIN, STAFF,
	    page_int_case_search },
	{ "POST", "/case/act", R_INT | R_LOGIN | R_CSRF, STAFF, page_int_act },
	{ "POST", "/case/extend", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_extend },
	{ "POST", "/case/correct", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_correct },
	{ "POST", "/case/report", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_report },
	{ "POST", "/case/upper", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_upper },
	{ "POST", "/case/instant", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_instant },
	/* 申请人撤回申请 at the window (INT-3): its clerks only. */
	{ "POST", "/case/withdraw", R_INT | R_LOGIN | R_CSRF, ROLE_CLERK,
	    page_int_withdraw },
	{ "POST", "/case/suspend", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_suspend },
	{ "POST", "/case/resume", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_resume },
	/* The window's reply to the applicant's messages (EXT-7). */
	{ "POST", "/case/message", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_message },
	/* Online consultation: the item's department answers, publishes
	 * an FAQ; supervisors see every one's lights (EXT-7). */
	{ "GET", "/consults", R_INT | R_LOGIN, STAFF | ROLES_WATCH,
	    page_int_consults },
	{ "POST", "/consult/answer", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_consult_answer },
	{ "POST", "/consult/publish", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_consult_publish },
	{ "POST", "/consult/withdraw", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_consult_withdraw },
	{ "POST", "/case/urge", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_urge },
	{ "POST", "/case/fee", R_INT | R_LOGIN | R_CSRF, STAFF, page_int_fee },
	{ "POST", "/case/fee-paid", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_fee_paid },
	/* Paper that follows the case (DOC-3; int_case.c). */
	{ "POST", "/case/paper", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_paper_add },
	{ "POST", "/case/paper/hand", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_paper_hand },
	{ "POST", "/case/paper/receive", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_paper_receive },
	{ "POST", "/case/paper/retain", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_paper_retain },
	/* 窗口核验 (ACC-1; int_claim.c): window clerks only. */
	{ "GET", "/hall/claim", R_INT | R_LOGIN, ROLE_CLERK, page_int_claim },
	{ "POST", "/hall/claim", R_INT | R_LOGIN | R_CSRF, ROLE_CLERK,
	    page_int_claim_add },
	/* 窗口收件 (INT-1; int_intake.c): window clerks only. */
	{ "GET", "/hall/intake", R_INT | R_LOGIN, ROLE_CLERK,
	    page_int_intake },
	{ "POST", "/hall/intake", R_INT | R_LOGIN | R_CSRF, ROLE_CLERK,
	    page_int_intake_add },
	{ "GET", "/hall/intake/receipt", R_INT | R_LOGIN, ROLE_CLERK,
	    page_int_intake_receipt },
	/* 全程代理 (INT-14; int_agency.c): the centre's coordinators
	 * register and follow key projects, read their cases and urge
	 * their steps; supervisors read them (observers the list only). */
	{ "GET", "/agency", R_INT | R_LOGIN, ROLE_COORD, page_int_agency },
	{ "GET", "/agency/new", R_INT | R_LOGIN, ROLE_COORD,
	    page_int_agency_new_form },
	{ "POST", "/agency/new", R_INT | R_LOGIN | R_CSRF, ROLE_COORD,
	    page_int_agency_new },
	{ "GET", "/agency/project", R_INT | R_LOGIN,
	    ROLE_COORD | ROLE_SUPERVISOR, page_int_agency_project },
	{ "GET", "/agency/agreement", R_INT | R_LOGIN,
	    ROLE_COORD | ROLE_SUPERVISOR, page_int_agency_agreement },
	{ "POST", "/agency/link", R_INT | R_LOGIN | R_CSRF, ROLE_COORD,
	    page_int_agency_link },
	{ "POST", "/agency/urge", R_INT | R_LOGIN | R_CSRF, ROLE_COORD,
	    page_int_agency_urge },
	{ "GET", "/sup/agency", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_agency },
	/* The centre files an item's case as the investor's agent (through
	 * window intake's intake_register()), edits and closes a project:
	 * the coordinator's, a project route, never a case route. */
	{ "GET", "/agency/file", R_INT | R_LOGIN, ROLE_COORD,
	    page_int_agency_file_form },
	{ "POST", "/agency/file", R_INT | R_LOGIN | R_CSRF, ROLE_COORD,
	    page_int_agency_file },
	{ "GET", "/agency/receipt", R_INT | R_LOGIN, ROLE_COORD,
	    page_int_agency_receipt },
	{ "GET", "/agency/edit", R_INT | R_LOGIN, ROLE_COORD,
	    page_int_agency_edit_form },
	{ "POST", "/agency/edit", R_INT | R_LOGIN | R_CSRF, ROLE_COORD,
	    page_int_agency_edit },
	{ "POST", "/agency/close", R_INT | R_LOGIN | R_CSRF, ROLE_COORD,
	    page_int_agency_close },
	/* 预约到窗口 (EXT-10; int_book.c): window clerks only. */
	{ "GET", "/hall/bookings", R_INT | R_LOGIN, ROLE_CLERK,
	    page_int_bookings },
	{ "POST", "/hall/bookings/mark", R_INT | R_LOGIN | R_CSRF, ROLE_CLERK,
	    page_int_booking_mark },
	/* The result picked up or posted (EXT-10; delivery_pages.c). */
	{ "POST", "/case/delivery", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_delivery },
	/* 我的委托 (INT-7): one's own delegations (int_delegate.c). */
	{ "GET", "/delegate", R_INT | R_LOGIN, STAFF, page_int_delegate },
	{ "POST", "/delegate", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_delegate_add },
	{ "POST", "/delegate/end", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_delegate_end },
	/* Supervisors read every case's materials and documents (SUP-3);
	 * observers their list only (personal data, SUP-7). */
	{ "GET", "/file", R_INT | R_LOGIN, STAFF | ROLE_SUPERVISOR,
	    page_int_file },
	{ "GET", "/doc", R_INT | R_LOGIN, STAFF | ROLE_SUPERVISOR,
	    page_int_doc },
	/* The licence library (证照批文共享数据库, DOC-2): read by staff and
	 * supervisors; revoked or cancelled by a department head or leader
	 * of the issuing department (int_licence.c checks which). */
	{ "GET", "/licences", R_INT | R_LOGIN, STAFF | ROLE_SUPERVISOR,
	    page_int_licences },
	{ "GET", "/licence", R_INT | R_LOGIN, STAFF | ROLE_SUPERVISOR,
	    page_int_licence },
	{ "POST", "/licence/end", R_INT | R_LOGIN | R_CSRF,
	    ROLE_CHIEF | ROLE_LEADER, page_int_licence_end },
	/* Intranet: the catalogue (CAT-4, FLOW-1, FLOW-2). */
	{ "GET", "/catalog", R_INT | R_LOGIN, CATALOG, page_int_catalog },
	{ "POST", "/catalog/new", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_new },
	{ "GET", "/catalog/item", R_INT | R_LOGIN, CATALOG,
	    page_int_catalog_item },
	{ "GET", "/catalog/chart", R_INT | R_LOGIN, CATALOG,
	    page_int_catalog_chart },
	{ "GET", "/catalog/simulate", R_INT | R_LOGIN, CATALOG,
	    page_int_catalog_simulate },
	{ "POST", "/catalog/draft", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_draft },
	{ "POST", "/catalog/discard", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_discard },
	{ "GET", "/catalog/edit", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_catalog_edit_form },
	{ "POST", "/catalog/edit", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_edit },
	{ "POST", "/catalog/submit", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_catalog_submit },
	/* 一件事 (EXT-12): drafted by sys, published by a second person. */
	{ "GET", "/catalog/events", R_INT | R_LOGIN, CATALOG,
	    page_int_events },
	{ "POST", "/catalog/events", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_event_save },
	{ "POST", "/catalog/events/publish", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_event_publish },
	/* By a second person (catalog.c), never whoever drafted. */
	{ "POST", "/catalog/publish", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_catalog_publish },
	{ "POST", "/catalog/return", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_catalog_return },
	/* Intranet: the system administrator's (ORG-1, ORG-2, ACC-4): the
	 * organisation and staff records; no roles, no passwords. */
	{ "GET", "/admin", R_INT | R_LOGIN, ROLE_ADMIN, page_int_admin },
	{ "GET", "/admin/levels", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_levels_form },
	{ "POST", "/admin/levels", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_levels },
	{ "GET", "/admin/region", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_region_form },
	{ "POST", "/admin/region", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_region },
	{ "GET", "/admin/hall", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_hall_form },
	{ "POST", "/admin/hall", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_hall },
	{ "GET", "/admin/dept", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_dept_form },
	{ "POST", "/admin/dept", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_dept },
	{ "GET", "/admin/window", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_window_form },
	{ "POST", "/admin/window", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_window },
	/* 预约时段 (EXT-10; int_book.c): who keeps the windows plans them. */
	{ "GET", "/admin/booking-plan", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_booking_plan_form },
	{ "POST", "/admin/booking-plan", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_booking_plan },
	/* Proxy agents (AGT-1; int_agent.c): made here, used outside. */
	{ "GET", "/admin/agents", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_agents },
	{ "POST", "/admin/agents", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_agent_add },
	{ "POST", "/admin/agents/deactivate", R_INT | R_LOGIN | R_CSRF,
	    ROLE_ADMIN, page_int_admin_agent_off },
	{ "GET", "/admin/staff", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_staff },
	{ "GET", "/admin/staff/edit", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_staff_form },
	{ "POST", "/admin/staff/edit", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_staff_save },
	/* The working-day calendar (int_calendar.c, TIME-1). */
	{ "GET", "/admin/calendar", R_INT | R_LOGIN, ROLE_ADMIN,
	    page_int_admin_calendar },
	{ "POST", "/admin/calendar", R_INT | R_LOGIN | R_CSRF, ROLE_ADMIN,
	    page_int_admin_calendar_save },
	/* Intranet: the security administrator's (SEC-7): roles and
	 * passwords (int_secadmin.c), lock-outs (int_locks.c, F5),
	 * security alerts (int_alerts.c), certificates (int_sec_certs.c,
	 * ACC-4). */
	{ "GET", "/sec", R_INT | R_LOGIN, ROLE_SECADMIN, page_int_sec },
	{ "GET", "/sec/staff", R_INT | R_LOGIN, ROLE_SECADMIN,
	    page_int_sec_staff },
	{ "GET", "/sec/staff/edit", R_INT | R_LOGIN, ROLE_SECADMIN,
	    page_int_sec_staff_form },
	{ "POST", "/sec/staff/roles", R_INT | R_LOGIN | R_CSRF, ROLE_SECADMIN,
	    page_int_sec_staff_roles },
	{ "POST", "/sec/staff/password", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SECADMIN, page_int_sec_staff_password },
	{ "GET", "/sec/locks", R_INT | R_LOGIN, ROLE_SECADMIN,
	    page_int_sec_locks },
	{ "POST", "/sec/unlock", R_INT | R_LOGIN | R_CSRF, ROLE_SECADMIN,
	    page_int_sec_unlock },
	{ "GET", "/sec/alerts", R_INT | R_LOGIN, ROLE_SECADMIN,
	    page_int_sec_alerts },
	{ "POST", "/sec/alerts/resolve", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SECADMIN, page_int_sec_alert_resolve },
	{ "GET", "/sec/certs", R_INT | R_LOGIN, ROLE_SECADMIN,
	    page_int_sec_certs },
	{ "POST", "/sec/certs/revoke", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SECADMIN, page_int_sec_cert_revoke },
	/* Intranet: the audit administrator's, and no one else's (SEC-3). */
	{ "GET", "/audit", R_INT | R_LOGIN, ROLE_AUDITOR, page_int_audit },
	/* Intranet: electronic supervision (SUP-*); observers read masked. */
	{ "GET", "/sup", R_INT | R_LOGIN, ROLES_WATCH, page_sup_home },
	/* 监察首页 drill-down and operations (SUP-3; int_sup.c, dash). */
	{ "GET", "/sup/cases", R_INT | R_LOGIN, ROLES_WATCH, page_sup_cases },
	{ "GET", "/sup/case", R_INT | R_LOGIN, ROLES_WATCH, page_sup_case },
	{ "GET", "/sup/ops", R_INT | R_LOGIN, ROLES_WATCH, page_sup_ops },
	/* Intranet: performance and statistics (SUP-4, SUP-6), int_perf.c. */
	{ "GET", "/sup/perf", R_INT | R_LOGIN, ROLES_WATCH, page_sup_perf },
	{ "GET", "/sup/perf/dept", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_perf_dept },
	{ "GET", "/sup/stats", R_INT | R_LOGIN, ROLES_WATCH, page_sup_stats },
	{ "GET", "/sup/stats.csv", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_stats_csv },
	/* 异常预警 (SUP-2): both ledgers of warnings, and the rules. */
	{ "GET", "/sup/warnings", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_warnings },
	{ "GET", "/sup/rules", R_INT | R_LOGIN, ROLES_WATCH, page_sup_rules },
	/* Intranet: complaint handling (SUP-5); observers read masked. */
	{ "GET", "/sup/complaints", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_complaints },
	{ "GET", "/sup/complaint", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_complaint },
	{ "POST", "/sup/complaint/assign", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SUPERVISOR, page_sup_complaint_assign },
	{ "POST", "/sup/complaint/investigate", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SUPERVISOR, page_sup_complaint_investigate },
	{ "POST", "/sup/complaint/reply", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SUPERVISOR, page_sup_complaint_reply },
	{ "POST", "/sup/complaint/close", R_INT | R_LOGIN | R_CSRF,
	    ROLE_SUPERVISOR, page_sup_complaint_close },
	/* Intranet: ratings (EXT-8): the department's, with the follow-up
	 * of a poor one; the supervisors read every one, act on none. */
	{ "GET", "/ratings", R_INT | R_LOGIN, STAFF, page_int_ratings },
	{ "GET", "/rating", R_INT | R_LOGIN, STAFF | ROLES_WATCH,
	    page_int_rating },
	{ "POST", "/rating/visit", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_rating_visit },
	{ "POST", "/rating/fix", R_INT | R_LOGIN | R_CSRF, STAFF,
	    page_int_rating_fix },
	{ "GET", "/sup/ratings", R_INT | R_LOGIN, ROLES_WATCH,
	    page_sup_ratings },
	/* Intranet: publication (PUB-2, AGT-2; int_pub.c): staff write for
	 * their department, the system administrator for the portal; a
	 * second person publishes (a leader of the department or the system
	 * administrator), never the writer. */
	{ "GET", "/pub", R_INT | R_LOGIN, CATALOG, page_int_pub },
	{ "GET", "/pub/edit", R_INT | R_LOGIN, CATALOG,
	    page_int_pub_edit_form },
	{ "POST", "/pub/edit", R_INT | R_LOGIN | R_CSRF, CATALOG,
	    page_int_pub_edit },
	{ "POST", "/pub/submit", R_INT | R_LOGIN | R_CSRF, CATALOG,
	    page_int_pub_submit },
	{ "POST", "/pub/publish", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_pub_publish },
	{ "POST", "/pub/return", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_pub_return },
	{ "POST", "/pub/withdraw", R_INT | R_LOGIN | R_CSRF,
	    ROLE_LEADER | ROLE_ADMIN, page_int_pub_withdraw },
	{ "GET", "/sup/agents", R_INT | R_LOGIN, ROLES_WATCH, page_sup_agents },
	/* The gap's status page (GAP-6; ops_gap.c): on the intranet for the
	 * gap operator and the system and security administrators; on the
	 * extranet, which has no staff, only through the operations server
	 * and its client certificate (R_OPS). */
	{ "GET", "/ops/gap", R_INT | R_LOGIN, ROLES_GAPVIEW, page_int_gap },
	{ "GET", "/ops/gap", R_EXT | R_OPS, 0, page_ext_gap },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
