#!/usr/bin/env bash
# withdraw.sh (EXT-5, INT-3; issue #7 "Withdrawal"): the applicant withdraws
# before a decision on the extranet; the request crosses the gap; the
# intranet ends the case, takes it off every worklist and makes the
# 准予撤回决定书 at once, which comes back to the applicant.  Once only, not
# after a decision, and a request that meets a case decided meanwhile is
# answered, never refused at the gap.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
IDNO=152502199003150027
login_citizen() {
	local csrf
	csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
	http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
}
withdraw() {	# APP [k=v…]
	local app=$1 csrf
	shift
	csrf=$(http_get cit "$EXT_URL/app?no=$app" | csrf_from)
	http_post cit "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$app" "$@" >/dev/null
}

CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
carry int ext
login_citizen
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "an open application offers withdrawal" "$HTTP_BODY" '<form[^>]*action="/app/withdraw"'

# --- on the extranet ----------------------------------------------------------------
withdraw "$APP" "reason=店面租约取消，暂不开业。"
t_is "without the confirmation: 422" "$HTTP_STATUS" 422
t_like "saying what to tick" "$HTTP_BODY" "请勾选“我确认撤回这项申请”"
t_is "and nothing asked" "$(sql_ext "SELECT withdraw_at IS NULL FROM application WHERE app_no = '$APP'")" 1
withdraw "$APP" "reason=$(printf '租%.0s' $(seq 1 501))" confirm=1
t_is "a reason of 501 characters: 422" "$HTTP_STATUS" 422
withdraw "$APP" "reason=店面租约取消，暂不开业。" confirm=1
t_is "withdrawn with a reason: 303 back to the application" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=withdraw"
http_get cit "$EXT_URL/app?no=$APP&done=withdraw" >/dev/null
t_like "which says it waits for the department" "$HTTP_BODY" "您已于 .* 申请撤回这项申请"
t_unlike "and offers no second withdrawal" "$HTTP_BODY" 'action="/app/withdraw"'
withdraw "$APP" confirm=1
t_is "a second request: 409" "$HTTP_STATUS" 409
t_like "saying it was asked already" "$HTTP_BODY" "您已经申请撤回这项申请"
t_is "queued for the intranet" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'application.withdraw' AND body LIKE '%$APP%'")" 1
t_is "audited" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'application.withdraw' AND object = '$APP'")" 1

# --- across the gap, on the intranet --------------------------------------------------
carry ext int
t_is "the case ends: withdrawn" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" withdrawn
t_is "and leaves every worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'withdraw'")
ABBR=$(sql_int "SELECT abbr FROM department WHERE code = 'SCJGJ'")
t_like "a 准予撤回决定书 made at once, in its own series" "$DOC" "^${ABBR}撤字〔[0-9]{4}〕[0-9]{4}号$"
t_like "the timeline says why" "$(sql_int "SELECT CONCAT(label, ' ', note) FROM case_event WHERE case_id = $CASE AND action = 'withdraw'")" \
	"申请人撤回申请，办理终止 撤回理由：店面租约取消，暂不开业。"
staff_login clerk sarengaowa
http_get clerk "$INT_URL/inbox" >/dev/null
t_unlike "no longer in the clerk's list" "$HTTP_BODY" ">$APP<"
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "the decision reads as one" "$(tr -d '\n' <<<"$HTTP_BODY")" "准予撤回决定书.*决定准予撤回"
t_like "with the applicant's reason" "$HTTP_BODY" "店面租约取消，暂不开业。"

# --- back on the extranet ------------------------------------------------------------
carry int ext
t_is "the application is withdrawn there too" "$(sql_ext "SELECT state FROM application WHERE app_no = '$APP'")" withdrawn
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees the decision" "$HTTP_BODY" "准予撤回决定书"
t_like "and the state" "$HTTP_BODY" "申请人已撤回，办理终止"
t_unlike "no date to expect any more" "$HTTP_BODY" "预计办结日期"
http_get cit "$EXT_URL/doc?no=$DOC" >/dev/null
t_is "and opens it" "$HTTP_STATUS" 200
withdraw "$APP" confirm=1
t_is "withdrawing a withdrawn application: 409" "$HTTP_STATUS" 409

# --- decided meanwhile ----------------------------------------------------------------
C2=$(case_from_ext "$CODE")
APP2=$(sql_int "SELECT app_no FROM kase WHERE id = $C2")
carry int ext
csrf=$(http_get clerk "$INT_URL/case?id=$C2" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$C2" action=reject "text=申请材料与申请事项不符。" >/dev/null
t_is "the intranet refuses it (不予受理) before the extranet knows" "$HTTP_STATUS" 303
login_citizen
withdraw "$APP2" confirm=1
t_is "the applicant, not yet told, withdraws: accepted on the extranet" "$HTTP_STATUS" 303
carry ext int
t_is "the import goes through" "$?" 0
t_is "the decision stands" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" not_accepted
t_is "no 准予撤回决定书" "$(sql_int "SELECT COUNT(*) FROM document WHERE app_no = '$APP2' AND kind = 'withdraw'")" 0
carry int ext
http_get cit "$EXT_URL/app?no=$APP2" >/dev/null
t_like "the applicant is told why" "$HTTP_BODY" "撤回未能办理：本件在收到撤回申请前已经办结"
t_like "and sees the decision's state" "$HTTP_BODY" "不予受理"
t_done
