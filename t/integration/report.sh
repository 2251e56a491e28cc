#!/usr/bin/env bash
# report.sh (INT-10; issue #7 "Report up"): the deciding step of a case a
# higher authority decides reports it, naming the authority; the case waits
# off this office's clocks (no act, no warning) and the applicant is told
# to whom it went; when the authority's decision comes back the deciding
# step records it (document number, date, substance) and the case ends
# with this office's decision citing it.  Once; only the deciding step;
# a date before the report or after today is refused.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 受理 (窗口) → 承办 (承办人) → 批准 (分管领导)
IDNO=152502199003150027

staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login leader bateer
CASE=$(case_from_ext "$CODE")
t_like "a case" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
case_post clerk /case/act action=accept
case_post handler /case/report authority=锡林郭勒盟市场监督管理局 reason=依法由盟局决定
t_is "the handler, not at the deciding step, may not report: 409" "$HTTP_STATUS" 409
case_post handler /case/act action=sign verdict=agree "text=经审查符合条件，拟同意，依法报盟局决定。"
t_is "reviewed" "$HTTP_STATUS" 303
http_get leader "$INT_URL/case?id=$CASE" >/dev/null
t_like "the leader at the deciding step is offered 上报" "$HTTP_BODY" 'action="/case/report"'
case_post leader /case/report authority= reason=依法由盟局决定
t_is "without the authority: 409" "$HTTP_STATUS" 409
case_post leader /case/report authority=锡林郭勒盟市场监督管理局 reason=
t_is "without the reason: 409" "$HTTP_STATUS" 409
case_post leader /case/report "authority=$(printf '局%.0s' $(seq 1 101))" reason=依法由盟局决定
t_is "an authority of 101 characters: 422" "$HTTP_STATUS" 422
case_post leader /case/report authority=锡林郭勒盟市场监督管理局 "reason=经营范围含特殊食品销售，依法由盟局决定；初审符合条件。"
t_is "reported: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=report"
t_is "the case waits for the authority" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" reported
t_is "recorded" "$(sql_int "SELECT CONCAT_WS(' ', authority, reported_by, decision IS NULL) FROM case_report WHERE case_id = $CASE")" \
	"锡林郭勒盟市场监督管理局 巴特尔 1"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.report' AND object = '$APP'")" 1
http_get leader "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "no act while it waits" "$HTTP_BODY" 'action="/case/act"'
t_unlike "no second report" "$HTTP_BODY" 'action="/case/report"'
t_like "but the form for the decision" "$HTTP_BODY" 'action="/case/upper"'
t_like "and the page says whose it is" "$HTTP_BODY" "等待上级机关决定，不计本机关的办理期限"
t_like "its deciding step waits, not done" "$HTTP_BODY" 'stepper-state">等待上级决定<'
case_post leader /case/report authority=锡林郭勒盟市场监督管理局 reason=再报
t_is "a second report: 409" "$HTTP_STATUS" 409
sql_int "UPDATE case_task SET due_date = '2026-09-01' WHERE case_id = $CASE"
admin_int --now "2026-09-30 10:00" tick >/dev/null
t_is "no warning of this office's step while the authority decides" \
	"$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE")" 0
carry int ext
csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant is told to whom it went" "$HTTP_BODY" "本件依法由锡林郭勒盟市场监督管理局作出决定"
t_like "and the state" "$HTTP_BODY" "已上报上级机关，等待决定"
t_like "and that the clock stops meanwhile" "$HTTP_BODY" "办理期限暂停计算。</strong>本件依法由锡林郭勒盟市场监督管理局作出决定"

# --- the authority's decision comes back ------------------------------------------
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
case_post handler /case/upper decision=approve upper_doc_no=锡市监许〔2026〕8号 "decided_on=$TODAY" summary=同意
t_is "the handler may not record it: 409" "$HTTP_STATUS" 409
case_post leader /case/upper decision=approve upper_doc_no=锡市监许〔2026〕8号 decided_on=2020-01-01 summary=同意
t_is "a date before the report: 409" "$HTTP_STATUS" 409
case_post leader /case/upper decision=approve upper_doc_no=锡市监许〔2026〕8号 decided_on=2099-01-01 summary=同意
t_is "a date after today: 409" "$HTTP_STATUS" 409
case_post leader /case/upper decision=maybe upper_doc_no=锡市监许〔2026〕8号 "decided_on=$TODAY" summary=同意
t_is "a decision that is none: 409" "$HTTP_STATUS" 409
case_post leader /case/upper decision=approve upper_doc_no= "decided_on=$TODAY" summary=同意
t_is "without its number: 409" "$HTTP_STATUS" 409
t_is "nothing recorded" "$(sql_int "SELECT CONCAT(state, ' ', (SELECT decision IS NULL FROM case_report WHERE case_id = $CASE)) FROM kase WHERE id = $CASE")" "reported 1"
case_post leader /case/upper decision=approve "upper_doc_no=锡盟市监许〔2026〕8号" "decided_on=$TODAY" "summary=准予经营特殊食品（保健食品）销售。"
t_is "recorded: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=upper"
t_is "the case ends as the authority decided" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
t_is "the decision kept" "$(sql_int "SELECT CONCAT_WS(' ', decision, upper_doc_no, decided_on, recorded_by) FROM case_report WHERE case_id = $CASE")" \
	"approve 锡盟市监许〔2026〕8号 $TODAY 巴特尔"
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'approve'")
t_like "this office's decision, in its series" "$DOC" "准字〔[0-9]{4}〕[0-9]{4}号$"
http_get leader "$INT_URL/doc?no=$DOC" >/dev/null
t_like "citing the authority's" "$(tr -d '\n' <<<"$HTTP_BODY")" "经报请锡林郭勒盟市场监督管理局审批.*锡盟市监许〔2026〕8号.*准予经营特殊食品（保健食品）销售。"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.upper' AND object = '$APP'")" 1
t_is "its result queued for publication (PUB-1)" "$(sql_int "SELECT decision FROM pub_result WHERE case_id = $CASE")" approved
case_post leader /case/upper decision=deny "upper_doc_no=锡盟市监许〔2026〕9号" "decided_on=$TODAY" summary=不同意
t_is "recorded once: 409" "$HTTP_STATUS" 409
carry int ext
t_is "the applicant has the decision" "$(sql_ext "SELECT state FROM application WHERE app_no = '$APP'")" approved
t_done
