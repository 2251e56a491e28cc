#!/usr/bin/env bash
# remind.sh (NTF-1; issue #10 "SMS"): reminders to civil servants before
# deadlines go through the intranet's own SMS gateway (a second Kannel
# with its fake SMSC), never through the extranet: a member of staff
# registers their mobile on their account page with a code sent to it,
# sealed and shown masked; the system administrator may give one when
# making an account; the tick sends one reminder when a step's deadline
# falls within the next working day and one more once it is red, never
# twice, not in the quiet hours (22:00-07:00: it waits for 07:00), not to
# a person who turned them off; the text names the case, never the
# applicant; a message the gateway does not take is tried again with
# the extranet's back-off; the delivery report comes back (from the local
# gateway only) and the person's page shows what was sent and its state;
# no staff mobile is anywhere in the extranet's database.
. "$(dirname "$0")/../lib.sh"
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局: its clerk first
CLERK=sarengaowa
M=$(printf '139%08d' $((RANDOM * 1000 + RANDOM % 1000)))
MASK="${M:0:3}****${M:7}"
wd() { admin_int workdays "$@" 2>/dev/null; }
tick() { admin_int tick >/dev/null 2>&1; }
mine() { # CASE KIND: reminders of CASE of KIND to the clerk
	sql_int "SELECT COUNT(*) FROM staff_reminder r JOIN staff s ON s.id = r.staff_id WHERE s.login = '$CLERK' AND r.case_id = $1 AND r.kind = '$2'"
}
sms_of() { # CASE KIND: the reminder's message id
	sql_int "SELECT r.sms_id FROM staff_reminder r JOIN staff s ON s.id = r.staff_id WHERE s.login = '$CLERK' AND r.case_id = $1 AND r.kind = '$2'"
}
got() { sms_got "$M" int | grep -c "$1"; }	# texts to the clerk about $1
wait_got() { # APP N: until N texts about APP reached the clerk (15 s)
	local i
	for ((i = 0; i < 150; i++)); do
		(($(got "$1") >= $2)) && return 0
		sleep 0.1
	done
	return 1
}
wait_state() { # ID STATE (15 s)
	local i
	for ((i = 0; i < 150; i++)); do
		[[ $(sql_int "SELECT state FROM sms_outbox WHERE id = $1") == "$2" ]] && return 0
		sleep 0.1
	done
	return 1
}

t_like "the intranet sends through a Kannel of its own" "$(grep '^sms_url' "$INT_CONF")" \
	"^sms_url = http://127.0.0.1:$((${YIWANG_TEST_PORT:-18080} + 1 + 21003))/cgi-bin/sendsms$"
t_ok "whose smsbox runs" test -s "$TEST_VAR/int/kannel/smsbox.pid"

# --- the clerk's mobile, verified by a code --------------------------------------
# (none yet, also when the script runs again on the same stack)
sql_int "UPDATE staff SET mobile_sealed = NULL, mobile_masked = NULL, sms_remind = 1 WHERE login = '$CLERK'"
staff_login clerk "$CLERK"
http_get clerk "$INT_URL/account" >/dev/null
t_like "the account page: no mobile yet" "$HTTP_BODY" "提醒手机</th><td><span class=\"muted\">未登记"
CSRF=$(csrf_from <<<"$HTTP_BODY")
http_post clerk "$INT_URL/account/mobile" "csrf=$CSRF" "mobile=2391234" >/dev/null
t_is "a bad number: 422" "$HTTP_STATUS" 422
t_like "that says what to do" "$(alert_text)" "11 位数字"
http_post clerk "$INT_URL/account/mobile" "csrf=$CSRF" "mobile=$M" >/dev/null
t_like "a good one: the code form, the number masked" "$HTTP_BODY" "验证码已通过短信发送到 ${M:0:3}\\*\\*\\*\\*${M:7}"
TICKET=$(input_value "$HTTP_BODY" ticket)
t_ok "the code reaches the intranet's fake SMSC" sms_wait "$M" 1 int
t_like "signed, in Chinese" "$(sms_got "$M" int | tail -1)" "^【锡林浩特市政务服务】您在政务服务审批系统登记手机号码的验证码是 [0-9]{6}"
t_is "nothing of it at the extranet's gateway" "$(sms_got "$M" ext | wc -l)" 0
CODE6=$(sms_code "$M" int)
t_is "not yet registered" "$(sql_int "SELECT COUNT(*) FROM staff WHERE login = '$CLERK' AND mobile_sealed IS NOT NULL")" 0
WRONG=$(printf '%06d' $(((10#$CODE6 + 1) % 1000000)))
http_post clerk "$INT_URL/account/mobile/code" "csrf=$CSRF" "ticket=$TICKET" "code=$WRONG" >/dev/null
t_is "a wrong code: 422" "$HTTP_STATUS" 422
t_like "with the tries left" "$(alert_text)" "还可以试 4 次"
http_post clerk "$INT_URL/account/mobile/code" "csrf=$CSRF" "ticket=$TICKET" "code=$CODE6" >/dev/null
t_is "the right one registers it" "$HTTP_STATUS $HTTP_LOCATION" "303 /account?saved=mobile"
t_is "sealed at rest, with its mask" "$(sql_int "SELECT CONCAT_WS(' ', mobile_sealed LIKE 'pii1:%', LOCATE('$M', mobile_sealed), mobile_masked) FROM staff WHERE login = '$CLERK'")" "1 0 $MASK"
t_is "the code is spent" "$(sql_int "SELECT used FROM sms_code WHERE purpose = 'staff' ORDER BY id DESC LIMIT 1")" 1
http_get clerk "$INT_URL/account" >/dev/null
t_like "the page shows it masked" "$HTTP_BODY" "提醒手机</th><td>${M:0:3}\\*\\*\\*\\*${M:7}<"
t_unlike "never whole" "$HTTP_BODY" "$M"
t_is "the audit has the mask only" "$(sql_int "SELECT CONCAT_WS(' ', COUNT(*), SUM(LOCATE('$M', detail))) FROM audit WHERE action = 'org.staff.mobile' AND detail LIKE '%${M:7}%'")" "1 0"
t_is "and no log holds it" "$(cat "$TEST_VAR"/int/*.log 2>/dev/null | grep -c "$M")" 0

# --- a case near its deadline ----------------------------------------------------
CASE=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
DAY=$(wd add "$TODAY" 3)	# a working day
NEXT=$(wd add "$DAY" 1)
setdue() { sql_int "UPDATE case_task SET due_date = '$1' WHERE case_id = $CASE"; }
setdue "$(wd add "$DAY" 3)"
clock_at "$DAY 10:00"
tick
t_is "three working days ahead: no reminder" "$(mine "$CASE" due)" 0
setdue "$NEXT"
tick
t_is "due the next working day: one reminder" "$(mine "$CASE" due)" 1
ID=$(sms_of "$CASE" due)
t_ok "it reaches the clerk at the intranet's gateway" wait_got "$APP" 1
TEXT=$(sms_got "$M" int | grep "$APP" | tail -1)
# shellcheck disable=SC1111 # the quotes are the text's
t_like "naming the case, the item, the step and the deadline" "$TEXT" \
	"^【锡林浩特市政务服务】提醒：您经办的“食品经营许可[^”]*”（申请编号 $APP）“[^”]+”环节将于 $NEXT 到期"
t_unlike "never the applicant" "$TEXT" "乌云其木格|152502199003150027|139"
tick
tick
t_is "ticks again: still one" "$(mine "$CASE" due)" 1
t_is "one message" "$(got "$APP")" 1
t_ok "the delivery report comes back: delivered" wait_state "$ID" delivered
K=$(sql_int "SELECT dlr_token FROM sms_outbox WHERE id = $ID")
from "127.$((RANDOM % 200 + 20)).$((RANDOM % 250)).7"
http_get anon "$INT_URL/sms/dlr?id=$ID&k=$K&type=2" >/dev/null
from
t_is "a report from anywhere but the local gateway: 404" "$HTTP_STATUS" 404
t_is "and changes nothing" "$(sql_int "SELECT state FROM sms_outbox WHERE id = $ID")" delivered
staff_login clerk "$CLERK"	# days later: the session is over
http_get clerk "$INT_URL/account" >/dev/null
t_like "the clerk's page shows it sent and delivered" "$(row "$APP")" "即将到期.*$NEXT.*${M:0:3}\\*\\*\\*\\*${M:7}.*已送达"

# --- red, in the quiet hours --------------------------------------------------
setdue "$(sql_int "SELECT DATE_SUB('$DAY', INTERVAL 14 DAY)")"
clock_at "$DAY 23:30"
tick
t_is "red at 23:30: one overdue reminder" "$(mine "$CASE" overdue)" 1
ID2=$(sms_of "$CASE" overdue)
t_is "queued for 07:00 Beijing time" "$(sql_int "SELECT CONCAT_WS(' ', state, DATE_FORMAT(next_try + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')) FROM sms_outbox WHERE id = $ID2")" \
	"queued $(date -d "$DAY +1 day" +%F) 07:00"
MORN=$(date -d "$DAY +1 day" +%F)
clock_at "$MORN 06:59"
tick
t_is "not sent at 06:59" "$(got "$APP") $(sql_int "SELECT state FROM sms_outbox WHERE id = $ID2")" "1 queued"
clock_at "$MORN 07:00"
tick
t_ok "sent at 07:00" wait_got "$APP" 2
t_like "saying it is late" "$(sms_got "$M" int | grep "$APP" | tail -1)" "（申请编号 $APP）.*已于 .* 到期，现已超期（红灯）"
tick
t_is "once" "$(mine "$CASE" overdue) $(got "$APP")" "1 2"

# --- opt-out -------------------------------------------------------------------
staff_login clerk "$CLERK"
http_get clerk "$INT_URL/account" >/dev/null
http_post clerk "$INT_URL/account/remind" "csrf=$(csrf_from <<<"$HTTP_BODY")" "on=0" >/dev/null
t_is "the clerk turns reminders off" "$HTTP_STATUS $(sql_int "SELECT sms_remind FROM staff WHERE login = '$CLERK'")" "303 0"
CASE2=$(case_from_ext "$CODE")
sql_int "UPDATE case_task SET due_date = '$MORN' WHERE case_id = $CASE2"
clock_at "$MORN 10:00"
tick
t_is "then a case due today sends them nothing" "$(mine "$CASE2" due)" 0
staff_login clerk "$CLERK"
http_get clerk "$INT_URL/account" >/dev/null
http_post clerk "$INT_URL/account/remind" "csrf=$(csrf_from <<<"$HTTP_BODY")" "on=1" >/dev/null
tick
t_is "on again: it comes" "$(mine "$CASE2" due)" 1

# --- the intranet's gateway down: the reminder waits, and goes out later ------
KI=$TEST_VAR/int/kannel
SP=$((${INT_URL##*:} + 21003))
kill "$(<"$KI/smsbox.pid")"
for ((i = 0; i < 50; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$SP") 2>/dev/null || break; sleep 0.1; done
CASE3=$(case_from_ext "$CODE")
APP3=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE3")
sql_int "UPDATE case_task SET due_date = '$MORN' WHERE case_id = $CASE3"
tick
ID3=$(sms_of "$CASE3" due)
t_is "smsbox stopped: the reminder is queued after one failed try" \
	"$(sql_int "SELECT CONCAT_WS(' ', state, tries, last_error LIKE '%连不上短信网关%') FROM sms_outbox WHERE id = $ID3")" "queued 1 1"
as_kannel=()
id kannel >/dev/null 2>&1 && as_kannel=(setpriv --reuid=kannel --regid="$(id -gn kannel)" --init-groups --)
setsid "${as_kannel[@]}" /usr/sbin/smsbox -v 1 "$KI/kannel.conf" </dev/null >>"$KI/smsbox.out" 2>&1 &
echo $! >"$KI/smsbox.pid"
for ((i = 0; i < 100; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$SP") 2>/dev/null && break; sleep 0.1; done
tick
t_is "the tick before it is due again leaves it" "$(sql_int "SELECT CONCAT_WS(' ', state, tries) FROM sms_outbox WHERE id = $ID3")" "queued 1"
admin_int --now "$MORN 10:02" tick >/dev/null 2>&1
t_ok "the tick after the back-off sends it" wait_got "$APP3" 1
t_ok "and the report says delivered" wait_state "$ID3" delivered
t_is "on the second try" "$(sql_int "SELECT tries FROM sms_outbox WHERE id = $ID3")" 2

# --- the system administrator, making an account -----------------------------
M2=$(printf '138%08d' $((RANDOM * 1000 + RANDOM % 1000)))
U=remind$$
staff_login admin liuxiaomei
http_get admin "$INT_URL/admin/staff/edit" >/dev/null
CSRF=$(csrf_from <<<"$HTTP_BODY")
http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "login=$U" "name=其其格" "dept=SCJGJ" "mobile=1234" >/dev/null
t_is "a bad mobile: 422" "$HTTP_STATUS" 422
t_like "keeping what was typed" "$HTTP_BODY" "value=\"$U\""
http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "login=$U" "name=其其格" "dept=SCJGJ" "mobile=$M2" >/dev/null
t_is "an account with a mobile" "$HTTP_STATUS" 303
t_is "sealed, masked" "$(sql_int "SELECT CONCAT_WS(' ', mobile_sealed LIKE 'pii1:%', LOCATE('$M2', mobile_sealed), mobile_masked) FROM staff WHERE login = '$U'")" "1 0 ${M2:0:3}****${M2:7}"
http_get admin "$INT_URL/admin/staff/edit?login=$U" >/dev/null
t_like "its page shows the mask" "$HTTP_BODY" "短信提醒手机</th><td>${M2:0:3}\\*\\*\\*\\*${M2:7}<"

# --- development page, and the extranet ------------------------------------------
http_get anon "$INT_URL/dev/sms" >/dev/null
t_like "the intranet's /dev/sms lists the reminders" "$HTTP_BODY" "超期提醒<br>$APP"
t_is "no staff mobile in the extranet's database" \
	"$(sql_ext "SELECT COUNT(*) FROM staff WHERE mobile_sealed IS NOT NULL OR mobile_masked IS NOT NULL") $(sql_ext "SELECT COUNT(*) FROM sms_outbox WHERE to_masked IN ('$MASK', '${M2:0:3}****${M2:7}') OR why LIKE 'remind%' OR why = 'staff'") $(sql_ext "SELECT COUNT(*) FROM sms_code WHERE purpose = 'staff'")" "0 0 0"
t_is "nor at its gateway" "$(sms_got "$M" ext | wc -l)" 0
t_done
