#!/usr/bin/env bash
# fees.sh (FEE-1, FEE-2, DOC-1; seed 004 #3 第十三条, 第十九条, 第二十条;
# issue #7 "Fees"): the handler at the step that holds a case sets its fee
# within the item's standard, with a deadline in working days, and a
# 缴费通知书 in its own number series goes to the applicant; the window
# clerk confirms payment with a receipt number (audited) and only then can
# the case be approved; a fee unpaid past its last day is turned by the
# tick into a 不予许可 decision, once, however many ticks run.
. "$(dirname "$0")/../lib.sh"

CODE=152502-ZRZY-DJ-001	# 不动产首次登记: 受理 tuya, 审核 lixiuying, 登簿 zhangjianhua
wd() { admin_int workdays "$@" 2>/dev/null; }
post() { # JAR PATH k=v…: a POST from the case page of $CASE
	local jar=$1 path=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_post "$jar" "$INT_URL$path" "csrf=$csrf" "id=$CASE" "$@" >/dev/null
}
accept() {
	post clerk /case/act action=accept
	t_is "case $CASE accepted" "$HTTP_STATUS" 303
}

t_is "the item's standard: 不动产登记费, 80.00 to 600.00 元" \
	"$(sql_int "SELECT CONCAT_WS(' ', fee_kind, fee_min, fee_max) FROM item WHERE code = '$CODE' AND status = 'published'")" \
	"不动产登记费 8000 60000"
staff_login clerk tuya
staff_login handler lixiuying
staff_login leader zhangjianhua
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
ABBR=$(sql_int "SELECT abbr FROM department WHERE code = 'ZRZYJ'")

# --- set, refused outside the standard, paid, approved ---------------------
CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
post handler /case/fee kind=不动产登记费 amount=100 days=5
t_is "before acceptance: refused" "$HTTP_STATUS" 409
t_like "saying so" "$HTTP_BODY" "只有已受理、尚未办结的办件可以核定收费"
accept
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "the clerk is offered no fee form" "$HTTP_BODY" 'action="/case/fee"'
post clerk /case/fee kind=不动产登记费 amount=100 days=5
t_is "and may not set one" "$HTTP_STATUS" 409
http_get handler "$INT_URL/case?id=$CASE" >/dev/null
t_like "the handler is offered it, with the standard" "$HTTP_BODY" "收取不动产登记费，金额在 80.00 元至 600.00 元之间"
post handler /case/fee kind=不动产登记费 amount=600.01 days=5
t_is "600.01 元: over the standard, refused" "$HTTP_STATUS" 409
t_like "saying the standard" "$HTTP_BODY" "金额超出本事项的收费标准：不动产登记费应在 80.00 元至 600.00 元之间"
post handler /case/fee kind=不动产登记费 amount=79.99 days=5
t_is "79.99 元: under it, refused" "$HTTP_STATUS" 409
post handler /case/fee kind=不动产登记费 amount=1,000 days=5
t_is "1,000: not an amount (422)" "$HTTP_STATUS" 422
t_like "saying how to write one" "$HTTP_BODY" "金额请写成以元为单位的数"
post handler /case/fee kind=草原植被恢复费 amount=100 days=5
t_is "another item's kind: refused" "$HTTP_STATUS" 409
post handler /case/fee kind=不动产登记费 amount=100 days=0
t_is "0 working days: refused" "$HTTP_STATUS" 409
t_is "nothing stored by the refusals" "$(sql_int "SELECT COUNT(*) FROM case_fee WHERE case_id = $CASE")" 0
post handler /case/fee kind=不动产登记费 amount=120.5 days=3
t_is "120.5 元 in 3 working days: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=fee"
DUE=$(wd add "$TODAY" 3)
t_is "stored in fen, unpaid, due 3 working days from today" \
	"$(sql_int "SELECT CONCAT_WS(' ', kind, amount, days, due_date, state) FROM case_fee WHERE case_id = $CASE")" \
	"不动产登记费 12050 3 $DUE unpaid"
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'fee'")
t_like "a 缴费通知书 in its own series" "$DOC" "^${ABBR}缴字〔[0-9]{4}〕[0-9]{4}号$"
t_is "which the fee names" "$(sql_int "SELECT doc_no FROM case_fee WHERE case_id = $CASE")" "$DOC"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.fee' AND object = '$APP' AND actor = 'lixiuying'")" 1
post handler /case/fee kind=不动产登记费 amount=200 days=3
t_is "a second fee: refused" "$HTTP_STATUS" 409
t_like "saying once only" "$HTTP_BODY" "已经核定过收费"
http_get handler "$INT_URL/doc?no=$DOC" >/dev/null
body=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the notice: kind, amount" "$body" "<h1 class=\"doc-title\">缴费通知书</h1>.*不动产登记费.*120.50 元"
t_like "and the last day" "$body" "${DUE:0:4}年$((10#${DUE:5:2}))月$((10#${DUE:8:2}))日前（3个工作日内）"
N1=${DOC: -5:4}
post handler /case/act action=sign verdict=agree text=材料齐全，权属清楚。
t_is "reviewed" "$HTTP_STATUS" 303
http_get leader "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "unpaid: the leader is offered no approval" "$HTTP_BODY" 'name="action" value="approve"'
t_like "and told why" "$HTTP_BODY" "费用尚未缴纳：窗口确认缴费后，才能准予许可"
post leader /case/act action=approve verdict=agree
t_is "an approval posted anyway: refused" "$HTTP_STATUS $(sql_int "SELECT state FROM kase WHERE id = $CASE")" "409 processing"
t_like "saying the fee is unpaid" "$HTTP_BODY" "费用尚未缴纳"
carry int ext
csrf=$(http_get applicant "$EXT_URL/login" | csrf_from)
http_post applicant "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" >/dev/null
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant is asked to pay, by when" "$HTTP_BODY" "待缴费</span> 请于 <strong>$DUE</strong> 前到审批部门政务服务窗口缴纳不动产登记费 <strong>120.50 元</strong>"
t_like "and has the notice" "$HTTP_BODY" "缴费通知书"
post handler /case/fee-paid receipt=PJ-0001
t_is "the handler may not confirm payment" "$HTTP_STATUS" 409
t_like "the window does" "$HTTP_BODY" "缴费由本部门窗口受理人员确认"
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the clerk is offered the confirmation" "$HTTP_BODY" 'action="/case/fee-paid"'
post clerk /case/fee-paid receipt=
t_is "without a receipt number: refused" "$HTTP_STATUS" 409
post clerk /case/fee-paid "receipt=PJ 1"
t_is "a malformed one: refused" "$HTTP_STATUS $(sql_int "SELECT state FROM case_fee WHERE case_id = $CASE")" "409 unpaid"
post clerk /case/fee-paid receipt=NO15250200012
t_is "confirmed: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=fee-paid"
t_is "paid, with the receipt and who took it" \
	"$(sql_int "SELECT CONCAT_WS(' ', state, receipt_no, paid_by_name) FROM case_fee WHERE case_id = $CASE")" \
	"paid NO15250200012 图雅"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.fee-paid' AND object = '$APP' AND actor = 'tuya'")" 1
post clerk /case/fee-paid receipt=NO15250200013
t_is "confirmed twice: refused" "$HTTP_STATUS" 409
post leader /case/act action=approve verdict=agree
t_is "paid: the leader approves" "$HTTP_STATUS $(sql_int "SELECT state FROM kase WHERE id = $CASE")" "303 approved"
carry int ext
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees it paid" "$HTTP_BODY" "已缴费</span> 不动产登记费 120.50 元已缴纳"

# --- unpaid past its day: the tick denies, once ---------------------------
CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
accept
post handler /case/fee kind=不动产登记费 amount=80 days=1
t_is "a fee of 1 working day" "$HTTP_STATUS" 303
DUE=$(sql_int "SELECT due_date FROM case_fee WHERE case_id = $CASE")
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'fee'")
t_is "the next number of the series" "$(( 10#${DOC: -5:4} ))" "$(( 10#$N1 + 1 ))"
admin_int --now "$DUE 23:00:00" tick >/dev/null
t_is "on its last day the tick leaves it" "$(sql_int "SELECT CONCAT(k.state, ' ', f.state) FROM kase k JOIN case_fee f ON f.case_id = k.id WHERE k.id = $CASE")" "processing unpaid"
NEXT=$(wd add "$DUE" 1)
admin_int --now "$NEXT 08:30:00" tick >"$TEST_VAR/tmp/tick1.out" 2>&1 &
admin_int --now "$NEXT 08:30:00" tick >"$TEST_VAR/tmp/tick2.out" 2>&1 &
wait
t_like "the next working day two ticks at once deny it" "$(cat "$TEST_VAR/tmp/tick1.out" "$TEST_VAR/tmp/tick2.out")" "逾期未缴费不予许可 1 件"
t_is "denied, the fee lapsed" "$(sql_int "SELECT CONCAT(k.state, ' ', f.state) FROM kase k JOIN case_fee f ON f.case_id = k.id WHERE k.id = $CASE")" "denied lapsed"
t_is "one 不予行政许可决定书" "$(sql_int "SELECT COUNT(*) FROM document WHERE app_no = '$APP' AND kind = 'deny'")" 1
DENY=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'deny'")
t_is "its result queued for publication with the decision (PUB-1)" \
	"$(sql_int "SELECT CONCAT(p.decision, ' ', o.body LIKE CONCAT('%', '$DENY', '%')) FROM pub_result p JOIN gap_outbox o ON o.id = p.outbox_id WHERE p.case_id = $CASE")" "denied 1"
t_like "numbered in the 不准字 series" "$DENY" "^${ABBR}不准字〔[0-9]{4}〕[0-9]{4}号$"
t_is "the case off every worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
t_is "audited as the tick's" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.fee-lapse' AND object = '$APP' AND actor = 'tick'")" 1
http_get leader "$INT_URL/doc?no=$DENY" >/dev/null
body=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the decision gives the reason: 逾期未缴费" "$body" "未在缴费通知书（$DOC）规定的期限（$DUE）内缴纳不动产登记费 80.00 元，逾期未缴费"
t_like "and decides" "$body" "应当缴纳费用的申请人未在规定期限内缴费的，不予许可。本机关决定不予行政许可"
EV=$(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $CASE")
admin_int --now "$(wd add "$NEXT" 2) 09:00:00" tick >"$TEST_VAR/tmp/tick3.out" 2>&1
t_unlike "a later tick does nothing more" "$(cat "$TEST_VAR/tmp/tick3.out")" "逾期未缴费不予许可 [1-9]"
t_is "no second decision, no new event" \
	"$(sql_int "SELECT COUNT(*) FROM document WHERE app_no = '$APP' AND kind = 'deny'") $(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $CASE")" "1 $EV"
carry int ext
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees it lapsed" "$HTTP_BODY" "逾期未缴费</span> 不动产登记费 80.00 元未在 $DUE 前缴纳"
t_like "and the decision" "$HTTP_BODY" "不予行政许可决定书"

# --- an item that charges nothing offers no fee ---------------------------
t_is "a free item has no standard" "$(sql_int "SELECT CONCAT('[', fee_kind, ']') FROM item WHERE code = '152502-SCJG-XK-001' AND status = 'published'")" "[]"
t_done
