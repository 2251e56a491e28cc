#!/usr/bin/env bash
# deadlines.sh (TIME-2, SUP-1, INT-11; issue #7 "Two clocks per case",
# "Lights and worklists"): a case's clocks run from its submission on the
# extranet, a step's from the day it reached the step, both on the
# working-day calendar; the worklist shows each case's deadline, the
# working days left and its light, sorts by deadline and filters by light;
# the case page shows every clock; the tick writes one chained warning when
# a step turns red, which nobody can change or delete, once however often
# and however many ticks run; deadlines follow a change of the calendar.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 1 day, 审核 …, 市场监督管理局
wd() { admin_int workdays "$@" 2>/dev/null; }
light_of() { tr -d '\n' <<<"$HTTP_BODY" | text_after "$1" 1200 | grep -o 'light light-[a-z]*">[^<]*' | head -1 | sed 's/.*">//;s/^/'"'"'/;s/$/'"'"'/'; }

CASE=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
SUB=$(sql_int "SELECT DATE(submitted_at + INTERVAL 8 HOUR) FROM kase WHERE id = $CASE")
read -r PROM STAT <<<"$(sql_int "SELECT CONCAT(promised_days, ' ', statutory_days) FROM item WHERE code = '$CODE' AND status = 'published'")"

# --- the clocks ----------------------------------------------------------------
t_is "intake: 5 working days from the submission" \
	"$(sql_int "SELECT intake_due FROM kase WHERE id = $CASE")" "$(wd add "$SUB" 5)"
t_is "promised: the item's $PROM working days from the submission" \
	"$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")" "$(wd add "$SUB" "$PROM")"
t_is "statutory: the item's $STAT working days from the submission" \
	"$(sql_int "SELECT statutory_due FROM kase WHERE id = $CASE")" "$(wd add "$SUB" "$STAT")"
read -r KEY DAYS SINCE <<<"$(sql_int "SELECT CONCAT_WS(' ', t.step_key, s.days, DATE(t.since + INTERVAL 8 HOUR)) FROM case_task t JOIN kase k ON k.id = t.case_id JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key WHERE t.case_id = $CASE")"
t_is "the intake step: its $DAYS working days from the day it arrived" \
	"$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" "$(wd add "$SINCE" "$DAYS")"

carry int ext
csrf=$(http_get applicant "$EXT_URL/login" | csrf_from)
http_post applicant "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" >/dev/null
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant is told the promised date, carried from the intranet" "$HTTP_BODY" \
	"预计办结日期：<strong>$(wd add "$SUB" "$PROM")</strong>"
t_is "and the extranet stored it" "$(sql_ext "SELECT due_date FROM application WHERE app_no = '$APP'")" "$(wd add "$SUB" "$PROM")"

staff_login clerk sarengaowa
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page shows the promised deadline" "$HTTP_BODY" "承诺办结期限</dt><dd>$(wd add "$SUB" "$PROM")"
t_like "and the intake deadline while it waits for acceptance" "$HTTP_BODY" "受理期限（5 个工作日，逾期未决定即视为受理）</dt><dd>$(wd add "$SUB" 5)"

# --- lights in the worklist -------------------------------------------------------
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
setdue() { sql_int "UPDATE case_task SET due_date = '$1' WHERE case_id = $CASE"; }
LATE=$(sql_int "SELECT DATE_SUB('$TODAY', INTERVAL 12 DAY)")
setdue "$LATE"
http_get clerk "$INT_URL/inbox" >/dev/null
t_is "due 12 days ago: red, late by the working days since" "$(light_of ">$APP<")" \
	"'已超期 $(wd between "$LATE" "$TODAY") 个工作日'"
t_like "red first: the most urgent on top" "$(grep -o '/case?id=[0-9]*' <<<"$HTTP_BODY" | head -1)" "id=$CASE$"
http_get clerk "$INT_URL/inbox?light=red" >/dev/null
t_like "the red filter keeps it" "$HTTP_BODY" ">$APP<"
http_get clerk "$INT_URL/inbox?light=green" >/dev/null
t_unlike "the green filter leaves it out" "$HTTP_BODY" ">$APP<"
t_like "and the tabs count the lights" "$HTTP_BODY" "红灯 [1-9][0-9]*</a>"
setdue "$TODAY"
http_get clerk "$INT_URL/inbox?light=yellow" >/dev/null
t_is "due today: yellow" "$(light_of ">$APP<")" "'今天到期'"
NEXT=$(wd add "$TODAY" 3)
setdue "$NEXT"
http_get clerk "$INT_URL/inbox?sort=received" >/dev/null
t_is "due in 3 working days: green" "$(light_of ">$APP<")" "'还剩 3 个工作日'"
t_like "sorted by receipt when asked" "$HTTP_BODY" "<strong>收件先后</strong>"
http_get clerk "$INT_URL/inbox?light=purple" >/dev/null
t_is "a light that is none: the whole list, 200" "$HTTP_STATUS" 200

# --- the tick writes one warning when the step turns red --------------------------
DUE=$(wd add "$SINCE" "$DAYS")
setdue "$DUE"
# (The stack's own tick, every minute at the real time, may have warned of
# the deadlines set by hand above: these count the deadline $DUE only.)
warnings() { sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE AND due_date = '$DUE'"; }
W0=$(warnings)
admin_int --now "$DUE 18:00" tick >/dev/null
t_is "on the deadline's day: no warning (yellow)" "$(warnings)" "$W0"
RED=$(wd add "$DUE" 1)
admin_int --now "$RED 00:01" tick >"$TMP/tick" &
admin_int --now "$RED 00:01" tick >"$TMP/tick2" &
wait
t_is "the first working day after it: one warning, though two ticks ran at once" "$(warnings)" 1
t_like "and a tick says so (other cases of this stack may be late too)" "$(cat "$TMP/tick" "$TMP/tick2")" "超期警告 [1-9][0-9]* 条"
t_is "the warning names the case, the step, who held it, the deadline and how late" \
	"$(sql_int "SELECT CONCAT_WS(' ', app_no, step_key, dept_code, holders, due_date, days_late) FROM deadline_warning WHERE case_id = $CASE AND due_date = '$DUE'")" \
	"$APP $KEY SCJGJ 萨仁高娃 $DUE 1"
# (Not past the intake deadline: the case would be deemed accepted.)
admin_int --now "$(wd add "$DUE" 3) 09:00" tick >/dev/null
t_is "three working days later, after days without a tick: still one" "$(warnings)" 1
W=$(sql_int "SELECT id FROM deadline_warning WHERE case_id = $CASE AND due_date = '$DUE'")
sql_int "UPDATE deadline_warning SET days_late = 0 WHERE id = $W" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_isnt "an UPDATE of the warning is refused, even as root" "$rc" 0
sql_int "DELETE FROM deadline_warning WHERE id = $W" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_isnt "and so is a DELETE" "$rc" 0
t_like "(the trigger says why)" "$(cat "$TMP/out")" "deadline warnings cannot be deleted"
MYSQL_PWD=$(cat "$TEST_VAR/int/keys/db-app.pw") mariadb --no-defaults -N -B \
	--socket="$TEST_VAR/int/mysql/mysqld.sock" -uyiwang_app yiwang \
	-e "DELETE FROM deadline_warning WHERE id = $W" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_like "the application's account may not even try" "$rc $(tr '\n' ' ' <"$TMP/out")" "^1 .*DELETE command denied"
t_is "the warning survives" "$(sql_int "SELECT days_late FROM deadline_warning WHERE id = $W")" 1
t_is "and its chain holds (audit-verify)" "$(admin_int audit-verify >/dev/null 2>&1; echo $?)" 0

# --- deadlines follow the calendar ------------------------------------------------
staff_login adm liuxiaomei
csrf=$(http_get adm "$INT_URL/admin/calendar" | csrf_from)
# (A day can be set only in a loaded year: near the new year the deadline
# may fall in one not loaded yet.)
printf '%s-01-01 休 元旦\n' "${DUE:0:4}" >"$TMP/year.txt"
admin_int calendar-load --unless-loaded "$TMP/year.txt" >/dev/null
setdue "$NEXT"	# as if written by hand: a calendar change sets it anew
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=day "year=${DUE:0:4}" "day=$DUE" kind=off name=临时休假 >/dev/null
t_is "a day off set on the step's deadline day ($DUE)" "$HTTP_STATUS" 303
MOVED=$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")
t_isnt "moves the deadline" "$MOVED" "$DUE"
t_is "to the next working day" "$MOVED" "$(wd add "$DUE" 1)"
t_is "and the case's clocks too, where they pass that day" \
	"$(sql_int "SELECT intake_due FROM kase WHERE id = $CASE")" "$(wd add "$SUB" 5)"
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=day "year=${DUE:0:4}" "day=$DUE" kind=plain >/dev/null
t_is "and back when the day is ordinary again" \
	"$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" "$DUE"

# --- acting moves the clock to the next step ---------------------------------------
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=accept >/dev/null
t_is "accepted" "$HTTP_STATUS" 303
read -r KEY2 DAYS2 <<<"$(sql_int "SELECT CONCAT_WS(' ', t.step_key, s.days) FROM case_task t JOIN kase k ON k.id = t.case_id JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key WHERE t.case_id = $CASE")"
t_isnt "the next step waits" "$KEY2" "$KEY"
t_is "its clock starts today: $DAYS2 working days" \
	"$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" "$(wd add "$TODAY" "$DAYS2")"
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "no intake deadline once accepted" "$HTTP_BODY" "受理期限（5 个工作日"

# --- deemed acceptance (INT-2; 行政许可法 Art. 32) --------------------------------
C2=$(case_from_ext "$CODE")
APP2=$(sql_int "SELECT app_no FROM kase WHERE id = $C2")
INTAKE=$(sql_int "SELECT intake_due FROM kase WHERE id = $C2")
admin_int --now "$INTAKE 17:00" tick >/dev/null
t_is "on the intake deadline's day the case still waits" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" received
A0=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
admin_int --now "$(wd add "$INTAKE" 1) 00:05" tick >"$TMP/tick"
t_like "the next working day the tick deems it accepted" "$(cat "$TMP/tick")" "逾期视为受理 [1-9][0-9]* 件"
t_is "accepted from the day of receipt, and on to the next step" \
	"$(sql_int "SELECT CONCAT_WS(' ', state, accepted_at = received_at) FROM kase WHERE id = $C2")" "processing 1"
t_is "no 受理通知书: the office issued none" \
	"$(sql_int "SELECT COUNT(*) FROM document WHERE app_no = '$APP2' AND kind = 'accept'")" 0
t_like "the timeline says why, citing the law" \
	"$(sql_int "SELECT CONCAT(label, ' ', note) FROM case_event WHERE case_id = $C2 AND action = 'deem'")" \
	"逾期视为受理 受理期限（$INTAKE）已过.*第三十二条"
t_is "audited as the tick's case.deem" \
	"$(sql_int "SELECT CONCAT_WS(' ', actor, action, object) FROM audit WHERE id > $A0 AND action = 'case.deem' AND object = '$APP2'")" \
	"tick case.deem $APP2"
admin_int --now "$(wd add "$INTAKE" 3) 09:00" tick >/dev/null
t_is "a later tick does it no second time" "$(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $C2 AND action = 'deem'")" 1
t_is "and the case accepted by the clerk above was never deemed" \
	"$(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $CASE AND action = 'deem'")" 0
carry int ext
http_get applicant "$EXT_URL/app?no=$APP2" >/dev/null
t_like "the applicant reads it on the extranet" "$HTTP_BODY" "已受理（逾期未作决定，依法视为受理）"
t_like "with the promised date still ahead" "$HTTP_BODY" "预计办结日期：<strong>$(sql_int "SELECT promised_due FROM kase WHERE id = $C2")</strong>"

# --- a decided case promises nothing any more -------------------------------------
C3=$(case_from_ext "$CODE")
APP3=$(sql_int "SELECT app_no FROM kase WHERE id = $C3")
carry int ext
t_isnt "received: a date to expect" "$(sql_ext "SELECT COALESCE(due_date, '') FROM application WHERE app_no = '$APP3'")" ""
csrf=$(http_get clerk "$INT_URL/case?id=$C3" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$C3" action=reject "text=申请材料与申请事项不符。" >/dev/null
t_is "refused (不予受理)" "$HTTP_STATUS" 303
carry int ext
t_is "the extranet clears the date" "$(sql_ext "SELECT COALESCE(due_date, 'none') FROM application WHERE app_no = '$APP3'")" none
http_get applicant "$EXT_URL/app?no=$APP3" >/dev/null
t_unlike "and the page promises none" "$HTTP_BODY" "预计办结日期"
t_done
