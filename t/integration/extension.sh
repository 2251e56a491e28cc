#!/usr/bin/env bash
# extension.sh (TIME-2, DOC-1; 行政许可法 Art. 42; issue #7 "Extension"):
# once per case, up to 10 working days, by a leader of a department acting
# on it; both deadlines move on the calendar, the 延期审批告知书 tells the
# applicant the reason and the new date, and the extranet shows the new
# date.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
wd() { admin_int workdays "$@" 2>/dev/null; }
extend() {	# JAR k=v…
	local jar=$1 csrf
	shift
	csrf=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_post "$jar" "$INT_URL/case/extend" "csrf=$csrf" "id=$CASE" "$@" >/dev/null
}

CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
SUB=$(sql_int "SELECT DATE(submitted_at + INTERVAL 8 HOUR) FROM kase WHERE id = $CASE")
read -r PROM STAT <<<"$(sql_int "SELECT CONCAT(promised_days, ' ', statutory_days) FROM item WHERE code = '$CODE' AND status = 'published'")"
staff_login leader bateer
extend leader days=5 reason=需要现场核查
t_is "before acceptance: refused (409)" "$HTTP_STATUS" 409
t_like "saying only accepted cases" "$HTTP_BODY" "只有已受理、尚未办结的办件可以延长期限"
staff_login clerk sarengaowa
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=accept >/dev/null
t_is "accepted" "$HTTP_STATUS" 303
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "a clerk is offered no extension" "$HTTP_BODY" 'action="/case/extend"'
extend clerk days=5 reason=需要现场核查
t_is "and may not make one" "$HTTP_STATUS $(sql_int "SELECT extended_days FROM kase WHERE id = $CASE")" "409 0"
http_get leader "$INT_URL/case?id=$CASE" >/dev/null
t_like "the leader is offered it, at most 10 working days" "$HTTP_BODY" 'name="days" type="number" min="1" max="10"'
extend leader days=11 reason=需要现场核查
t_is "11 working days: refused" "$HTTP_STATUS" 409
extend leader days=5
t_is "without a reason: refused" "$HTTP_STATUS" 409
t_like "saying the reason goes into the notice" "$HTTP_BODY" "请写明延长期限的理由"
extend leader days=5 "reason=需要对经营场所进行现场核查，核查人员周四方能到位。"
t_is "5 working days with a reason: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=extend"
t_is "the promised deadline moves by 5 working days" \
	"$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")" "$(wd add "$SUB" $((PROM + 5)))"
t_is "and the statutory one" \
	"$(sql_int "SELECT statutory_due FROM kase WHERE id = $CASE")" "$(wd add "$SUB" $((STAT + 5)))"
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'extend'")
ABBR=$(sql_int "SELECT abbr FROM department WHERE code = 'SCJGJ'")
t_like "a 延期审批告知书 in its own series" "$DOC" "^${ABBR}延字〔[0-9]{4}〕[0-9]{4}号$"
http_get leader "$INT_URL/doc?no=$DOC" >/dev/null
body=$(tr -d '\n' <<<"$HTTP_BODY")
NEW=$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")
t_like "which gives the reason" "$body" "需要对经营场所进行现场核查"
t_like "the article, the days and the new date" "$body" "第四十二条第一款.*延长5个工作日，本机关将于${NEW:0:4}年$((10#${NEW:5:2}))月$((10#${NEW:8:2}))日前作出决定"
extend leader days=3 reason=再延一次
t_is "a second extension: refused" "$HTTP_STATUS" 409
t_like "saying once only" "$HTTP_BODY" "已经延长过一次期限"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.extend' AND object = '$APP' AND actor = 'bateer'")" 1
carry int ext
csrf=$(http_get applicant "$EXT_URL/login" | csrf_from)
http_post applicant "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" >/dev/null
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees the new date" "$HTTP_BODY" "预计办结日期：<strong>$NEW</strong>"
t_like "and the notice" "$HTTP_BODY" "延期审批告知书"
t_done
