#!/usr/bin/env bash
# special.sh (INT-9, TIME-2; issue #7 "Special procedures"): whoever holds
# a waiting step of an accepted case starts a special procedure (听证、检验、
# 鉴定、现场勘查…) with its reason and expected working days; a 特别程序告知书
# tells the applicant in writing; the case's clock stops (no action, no
# warning, no promised date); resuming restarts every term with exactly the
# working days it had left.  (The arithmetic across 中秋 and 国庆 is hand-
# checked in t/unit/test_calendar.c, special_procedure_2026.)
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 (窗口) → 审查 (承办人) …
IDNO=152502199003150027
wd() { admin_int workdays "$@" 2>/dev/null; }

CASE=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
case_post clerk /case/act action=accept
t_is "accepted" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing

# --- who may start it, and with what --------------------------------------------
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "the clerk, whose step is done, is not offered it" "$HTTP_BODY" 'action="/case/suspend"'
case_post clerk /case/suspend kind=现场勘查 days=10 reason=核实经营场所
t_is "and is refused: 409" "$HTTP_STATUS" 409
http_get handler "$INT_URL/case?id=$CASE" >/dev/null
t_like "the handler holding the step is offered it" "$HTTP_BODY" 'action="/case/suspend"'
t_like "with the kinds of Art. 45" "$HTTP_BODY" '<option value="专家评审">专家评审</option>'
case_post handler /case/suspend kind=喝茶 days=10 reason=核实经营场所
t_is "a kind that is none: 409" "$HTTP_STATUS" 409
t_like "saying what to choose" "$HTTP_BODY" "请选择特别程序的种类"
case_post handler /case/suspend kind=现场勘查 days=0 reason=核实经营场所
t_is "no days: 409" "$HTTP_STATUS" 409
case_post handler /case/suspend kind=现场勘查 days=121 reason=核实经营场所
t_is "more than 120 working days: 409" "$HTTP_STATUS" 409
case_post handler /case/suspend kind=现场勘查 days=10 reason=
t_is "no reason: 409" "$HTTP_STATUS" 409
t_is "none of it stored" "$(sql_int "SELECT CONCAT(state, ' ', (SELECT COUNT(*) FROM case_suspension WHERE case_id = $CASE)) FROM kase WHERE id = $CASE")" "processing 0"
read -r PROM STAT <<<"$(sql_int "SELECT CONCAT(promised_due, ' ', statutory_due) FROM kase WHERE id = $CASE")"
TASK=$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")

# --- the clock stops --------------------------------------------------------------
case_post handler /case/suspend kind=现场勘查 days=10 "reason=经营场所与平面图不一致，需现场核实。"
t_is "started: 303 back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=suspend"
t_is "the case is suspended" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" suspended
t_is "the procedure recorded" "$(sql_int "SELECT CONCAT_WS(' ', kind, expected_days, began_by, ended_on IS NULL) FROM case_suspension WHERE case_id = $CASE")" \
	"现场勘查 10 王志强 1"
t_is "its step stays with its holder" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 1
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'special'")
ABBR=$(sql_int "SELECT abbr FROM department WHERE code = 'SCJGJ'")
t_like "a 特别程序告知书 in its own series" "$DOC" "^${ABBR}特字〔[0-9]{4}〕[0-9]{4}号$"
http_get handler "$INT_URL/doc?no=$DOC" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "telling how long, in writing" "$BODY" "特别程序告知书.*需要进行现场勘查.*第四十五条.*预计需要10个工作日"
t_like "and why" "$BODY" "经营场所与平面图不一致，需现场核实。"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.suspend' AND object = '$APP'")" 1
http_get handler "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "no act while the clock is stopped" "$HTTP_BODY" 'action="/case/act"'
t_unlike "no second procedure" "$HTTP_BODY" 'action="/case/suspend"'
t_like "but its end" "$HTTP_BODY" 'action="/case/resume"'
t_like "and what runs" "$HTTP_BODY" "正在进行，办理期限暂停计算"
t_like "its step shows the procedure" "$HTTP_BODY" 'stepper-state">特别程序中<'
t_like "and the panel says why nothing can be signed" "$HTTP_BODY" "本件处于特别程序中"
http_get handler "$INT_URL/case/search?go=1&state=suspended" >/dev/null
t_like "case search finds it among the suspended" "$HTTP_BODY" ">$APP<"
case_post handler /case/suspend kind=检测 days=5 reason=再测一次
t_is "a second procedure while one runs: 409" "$HTTP_STATUS" 409
case_post handler /case/act action=sign verdict=agree text=同意
t_is "signing while suspended: 409" "$HTTP_STATUS" 409
http_get handler "$INT_URL/inbox" >/dev/null
t_like "still in the handler's 待办, marked" "$(sed '/已办件/,$d' <<<"$HTTP_BODY")" "特别程序中"
# A step past its deadline while suspended is not late: the tick warns of
# none.
sql_int "UPDATE case_task SET due_date = '2026-09-01' WHERE case_id = $CASE"
admin_int --now "2026-09-30 10:00" tick >/dev/null
t_is "no warning while the clock is stopped" "$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE")" 0
sql_int "UPDATE case_task SET due_date = '$TASK' WHERE case_id = $CASE"

carry int ext
csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees the clock stopped" "$HTTP_BODY" "办理期限暂停计算。</strong>依照《中华人民共和国行政许可法》第四十五条，现场勘查所需时间不计算在办理期限内，预计 10 个工作日"
t_unlike "and no promised date meanwhile" "$HTTP_BODY" "预计办结日期"
t_like "and the notice" "$HTTP_BODY" "特别程序告知书"

# --- the clock runs again with the time it had left -------------------------------
# As though it had begun on 2026-09-24, before 中秋 and 国庆.
sql_int "UPDATE case_suspension SET began_on = '2026-09-24' WHERE case_id = $CASE"
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
N=$(wd between 2026-09-24 "$TODAY")
case_post clerk /case/resume
t_is "the clerk may not end it: 409" "$HTTP_STATUS" 409
case_post handler /case/resume
t_is "the handler ends it: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=resume"
t_is "the case runs again" "$(sql_int "SELECT CONCAT(state, ' ', paused_days) FROM kase WHERE id = $CASE")" "processing $N"
t_is "the procedure ended today, owing the working days since it began" \
	"$(sql_int "SELECT CONCAT_WS(' ', ended_on, ended_by, paused_days) FROM case_suspension WHERE case_id = $CASE")" "$TODAY 王志强 $N"
t_is "promised: moved by them, exactly" "$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")" "$(wd add "$PROM" "$N")"
t_is "statutory too" "$(sql_int "SELECT statutory_due FROM kase WHERE id = $CASE")" "$(wd add "$STAT" "$N")"
t_is "and the waiting step's" "$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" "$(wd add "$TASK" "$N")"
admin_int tick >/dev/null
t_is "a tick, recomputing, keeps them" "$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" "$(wd add "$TASK" "$N")"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.resume' AND object = '$APP'")" 1
carry int ext
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant is told the new date" "$HTTP_BODY" "预计办结日期：<strong>$(wd add "$PROM" "$N")</strong>"
t_like "in the timeline" "$HTTP_BODY" "特别程序结束，恢复办理"
case_post handler /case/act action=sign verdict=agree "text=现场核实一致，同意。"
t_is "and the handler signs again" "$HTTP_STATUS" 303
t_done
