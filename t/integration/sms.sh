#!/usr/bin/env bash
# sms.sh (NTF-1, ACC-1; issue #10 "SMS"): the extranet's SMS go through a
# real gateway, Kannel (bearerbox + smsbox) with its fake SMSC: a
# registration's code reaches the fake SMSC and, entered, makes the
# account; the gateway's delivery report moves the message to delivered;
# a message the gateway cannot take waits and goes out again later; a
# case accepted on the intranet sends, once its bundle is carried, an SMS
# to the applicant's own registered number; a forged sms.send with a text
# or a number of its own is refused; codes are limited per number, per
# address and per day, and a registration answers the same whether or
# not the number was registered; a password is reset by a code sent to
# the mobile on record, and the same page answers any other number; a
# login by a code to the mobile on record opens a session.
. "$(dirname "$0")/../lib.sh"
TMP=$_T_DIR
K=$TEST_VAR/ext/kannel
NET=127.$((RANDOM % 200 + 20)).$((RANDOM % 250))
PW=Grass-Land-2026
SEQ=$(printf '%03d' $((RANDOM % 1000)))
mobile() { printf '139%08d' $((RANDOM * 1000 + RANDOM % 1000)); }

register() { # JAR IDNO MOBILE [NAME]
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/register" | csrf_from)
	http_post "$1" "$EXT_URL/register" "csrf=$csrf" "name=${4:-斯琴}" \
		"id_number=$2" "mobile=$3" "password=$PW" "password2=$PW" >/dev/null
}
state_of() { sql_ext "SELECT CONCAT_WS(' ', state, tries) FROM sms_outbox WHERE id = $1"; }
wait_state() { # ID STATE: until message ID is in STATE (15 s)
	local i
	for ((i = 0; i < 150; i++)); do
		[[ $(sql_ext "SELECT state FROM sms_outbox WHERE id = $1") == "$2" ]] && return 0
		sleep 0.1
	done
	return 1
}

t_like "the extranet is configured with Kannel's sendsms" "$(grep '^sms_url' "$EXT_CONF")" "^sms_url = http://127.0.0.1:[0-9]+/cgi-bin/sendsms$"
t_like "the intranet has a gateway of its own (staff reminders, remind.sh)" "$(sed -n 's/^sms_url = *//p' "$INT_CONF")" "^http://127.0.0.1:[0-9]+/cgi-bin/sendsms$"
t_isnt "not the extranet's" "$(sed -n 's/^sms_url = *//p' "$INT_CONF")" "$(sed -n 's/^sms_url = *//p' "$EXT_CONF")"

# --- a registration's code, round trip through the fake SMSC ---------------
from "$NET.1"
M1=$(mobile)
ID1=$(idno 15250219850505$SEQ)
ROWS=$(sql_ext "SELECT COUNT(*) FROM sms_outbox")
register r1 "$ID1" "$M1"
t_is "registration: 200, the code page" "$HTTP_STATUS" 200
t_like "which names the number, masked" "$HTTP_BODY" "验证码已通过短信发送到 ${M1:0:3}\\*\\*\\*\\*${M1:7}"
t_unlike "never the whole number" "$HTTP_BODY" "$M1"
t_is "no account yet" "$(sql_ext "SELECT COUNT(*) FROM citizen WHERE id_hash = '$(pii_hash ext citizen.id_number "$ID1")'")" 0
MSG=$(sql_ext "SELECT MAX(id) FROM sms_outbox")
t_is "one message queued for it" "$(sql_ext "SELECT CONCAT_WS(' ', COUNT(*), MAX(why), MAX(to_masked)) FROM sms_outbox WHERE id > $ROWS")" "1 register ${M1:0:3}****${M1:7}"
t_is "the number is sealed in the outbox" "$(sql_ext "SELECT COUNT(*) FROM sms_outbox WHERE id = $MSG AND to_sealed LIKE 'pii1:%' AND to_sealed NOT LIKE '%$M1%'")" 1
sms_wait "$M1" 1
TEXT=$(sms_got "$M1" | tail -1)
t_like "the fake SMSC got it at once, signed, in Chinese" "$TEXT" "^【锡林浩特市政务服务】您注册网上办事大厅的验证码是 [0-9]{6}，5 分钟内有效"
CODE=$(sms_code "$M1")
t_is "the code is stored only as its keyed hash" "$(sql_ext "SELECT COUNT(*) FROM sms_code WHERE code_hash LIKE '%$CODE%' OR id_sealed LIKE '%$CODE%'")" 0
t_is "delivery reports: the SMSC's, then the phone's, move it to delivered" "$(wait_state "$MSG" delivered; state_of "$MSG")" "delivered 1"
TICKET=$(input_value "$HTTP_BODY" ticket)
CSRF=$(input_value "$HTTP_BODY" csrf)
WRONG=$(printf '%06d' $(((10#$CODE + 1) % 1000000)))
http_post r1 "$EXT_URL/register/code" "csrf=$CSRF" "ticket=$TICKET" "code=$WRONG" >/dev/null
t_is "a wrong code: 422" "$HTTP_STATUS" 422
t_like "saying how many tries are left" "$(alert_text)" "验证码不正确，还可以再试 4 次。"
t_is "still no account" "$(sql_ext "SELECT COUNT(*) FROM citizen WHERE id_hash = '$(pii_hash ext citizen.id_number "$ID1")'")" 0
http_post r1 "$EXT_URL/register/code" "csrf=$CSRF" "ticket=$TICKET" "code=$CODE" "next=/apply?code=X" >/dev/null
t_is "the right code: 200" "$HTTP_STATUS" 200
t_like "the account is open" "$HTTP_BODY" "如果这个身份证号码尚未注册，账户已经开通"
t_like "its login goes on to the form the person had opened" "$HTTP_BODY" 'href="/login\?next=%2Fapply%3Fcode%3DX"'
t_is "active: state verified" "$(sql_ext "SELECT state FROM citizen WHERE id = $(citizen_of "$ID1")")" verified
t_is "audited when the account is made" "$(sql_ext "SELECT detail FROM audit WHERE action = 'citizen.register' AND object = 'citizen:$(citizen_of "$ID1")'")" '{"account":"new"}'
http_post r1 "$EXT_URL/register/code" "csrf=$CSRF" "ticket=$TICKET" "code=$CODE" >/dev/null
t_is "the code is spent: 422" "$HTTP_STATUS" 422
csrf=$(http_get r1 "$EXT_URL/login" | csrf_from)
http_post r1 "$EXT_URL/login" "csrf=$csrf" "id_number=$ID1" "password=$PW" "next=/my" >/dev/null
t_is "the new account logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"

# Where the person was going goes along: the login page's 注册账号, the
# registration form, the code page (EXT-1: 在线办理 → 注册 → 登录 → the form).
t_like "the login's 注册账号 carries next" "$(http_get r1 "$EXT_URL/login?next=/apply%3Fcode%3DX")" 'href="/register\?next=%2Fapply%3Fcode%3DX"'
t_like "the registration form keeps it" "$(http_get r1 "$EXT_URL/register?next=/apply%3Fcode%3DX")" 'name="next" value="/apply\?code=X"'
t_like "somewhere off the site is not kept" "$(http_get r1 "$EXT_URL/register?next=//evil.example/")" 'name="next" value="/"'

# Five wrong codes spend the ticket.
from "$NET.2"
M2=$(mobile)
register r2 "$(idno 15250219860606$SEQ)" "$M2"
TICKET=$(input_value "$HTTP_BODY" ticket) CSRF=$(input_value "$HTTP_BODY" csrf)
sms_wait "$M2" 1
CODE=$(sms_code "$M2")
WRONG=$(printf '%06d' $(((10#$CODE + 7) % 1000000)))
for i in 1 2 3 4 5; do
	http_post r2 "$EXT_URL/register/code" "csrf=$CSRF" "ticket=$TICKET" "code=$WRONG" >/dev/null
done
t_like "the fifth wrong code ends it" "$(alert_text)" "验证码已过期或输错次数太多"
http_post r2 "$EXT_URL/register/code" "csrf=$CSRF" "ticket=$TICKET" "code=$CODE" >/dev/null
t_is "after which the right one opens nothing" "$HTTP_STATUS" 422

# --- a password reset by SMS code (ACC-2) ----------------------------------
from "$NET.6"
ID6=$(idno 15250219770707$SEQ) M6=$(mobile) M7=$(mobile)
YIWANG_PASSWORD=$PW admin_ext citizen-add "$ID6" 巴特尔 "$M6" >/dev/null
csrf=$(http_get s6 "$EXT_URL/login" | csrf_from)
http_post s6 "$EXT_URL/login" "csrf=$csrf" "id_number=$ID6" "password=$PW" >/dev/null
reset() { # JAR IDNO MOBILE
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/reset" | csrf_from)
	http_post "$1" "$EXT_URL/reset" "csrf=$csrf" "id_number=$2" "mobile=$3" >/dev/null
}
plain() { sed -E 's/[0-9a-f]{64}/TOKEN/g; s/[0-9a-f]{32}/TICKET/g' <<<"$HTTP_BODY"; }
ROWS=$(sql_ext "SELECT COUNT(*) FROM sms_outbox")
reset x6 "$ID6" "$M7"
t_is "a mobile not on record: 200" "$HTTP_STATUS" 200
PAGE=$(plain) DEAD=$(input_value "$HTTP_BODY" ticket)
reset x6 "$ID6" "$M6"
t_is "the mobile on record: the very same page" "$HTTP_STATUS $(plain)" "200 $PAGE"
TICKET=$(input_value "$HTTP_BODY" ticket) CSRF=$(input_value "$HTTP_BODY" csrf)
t_is "one code queued, to the number on record, for the tick" "$(sql_ext "SELECT CONCAT_WS(' ', COUNT(*), MAX(to_masked), MAX(state)) FROM sms_outbox WHERE id > $ROWS")" "1 ${M6:0:3}****${M6:7} queued"
admin_ext tick >/dev/null
sms_wait "$M6" 1
CODE=$(sms_code "$M6")
t_like "the tick sent it" "$(sms_got "$M6")" "您重设密码网上办事大厅的验证码是 [0-9]{6}"
t_is "nothing went to the number not on record" "$(sms_got "$M7" | wc -l)" 0
NEWPW=Spring-Rain-2027
http_post x6 "$EXT_URL/reset/code" "csrf=$CSRF" "ticket=$DEAD" "code=$CODE" "password=$NEWPW" "password2=$NEWPW" >/dev/null
t_is "the code on the other ticket opens nothing" "$HTTP_STATUS" 422
http_post x6 "$EXT_URL/reset/code" "csrf=$CSRF" "ticket=$TICKET" "code=$CODE" "password=x$ID6" "password2=x$ID6" >/dev/null
t_like "a password holding the ID number: refused" "$(alert_text)" "不能包含身份证号码"
http_post x6 "$EXT_URL/reset/code" "csrf=$CSRF" "ticket=$TICKET" "code=$CODE" "password=$NEWPW" "password2=$NEWPW" >/dev/null
t_is "then a good one: the code still works, 200" "$HTTP_STATUS" 200
t_like "saying so" "$HTTP_BODY" "新密码已经生效"
t_is "audited as the owner's act" "$(sql_ext "SELECT CONCAT_WS(' ', actor, object, detail) FROM audit WHERE action = 'citizen.password.reset' ORDER BY id DESC LIMIT 1")" "citizen:$(citizen_of "$ID6") citizen:$(citizen_of "$ID6") {\"by\":\"SMS code\",\"sessions\":\"ended\"}"
http_get s6 "$EXT_URL/my" >/dev/null
t_is "the session from before has ended" "$HTTP_STATUS" 303
csrf=$(http_get x6 "$EXT_URL/login" | csrf_from)
http_post x6 "$EXT_URL/login" "csrf=$csrf" "id_number=$ID6" "password=$PW" >/dev/null
t_is "the old password no longer logs in" "$HTTP_STATUS" 422
http_post x6 "$EXT_URL/login" "csrf=$csrf" "id_number=$ID6" "password=$NEWPW" "next=/my" >/dev/null
t_is "the new one does" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"

# --- login by SMS code (ACC-2) ---------------------------------------------
from "$NET.7"
csrf=$(http_get l6 "$EXT_URL/login" | csrf_from)
http_post l6 "$EXT_URL/login/sms" "csrf=$csrf" "id_number=$(idno 15250219660606$SEQ)" "next=/my" >/dev/null
t_is "login by code, an ID number with no account: the code page" "$HTTP_STATUS $(grep -c 'name="ticket"' <<<"$HTTP_BODY")" "200 1"
PAGE=$(plain)
N=$(sms_got "$M6" | wc -l)
http_post l6 "$EXT_URL/login/sms" "csrf=$csrf" "id_number=$ID6" "next=/my" >/dev/null
t_is "a registered one: the very same page" "$HTTP_STATUS $(plain)" "200 $PAGE"
TICKET=$(input_value "$HTTP_BODY" ticket)
http_post l6 "$EXT_URL/login/sms" "csrf=$csrf" "id_number=$ID6" >/dev/null
t_like "a second code for the ID number within the minute: refused" "$(alert_text)" "刚刚发过验证码"
admin_ext tick >/dev/null
sms_wait "$M6" $((N + 1))
t_like "the code went to the mobile on record" "$(sms_got "$M6" | tail -1)" "您登录网上办事大厅的验证码是 [0-9]{6}"
CODE=$(sms_code "$M6")
http_post l6 "$EXT_URL/login/code" "csrf=$csrf" "ticket=$TICKET" "code=$CODE" "next=/my" >/dev/null
t_is "the code logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
http_get l6 "$EXT_URL/my" >/dev/null
t_is "with a session of the account" "$HTTP_STATUS" 200
t_like "greeting its owner" "$HTTP_BODY" "巴特尔"

# --- forged delivery reports -----------------------------------------------
http_get anon "$EXT_URL/sms/dlr?id=$MSG&k=00000000000000000000000000000000&type=2" >/dev/null
t_is "a report without the message's token: 404" "$HTTP_STATUS" 404
t_is "and the message stays delivered" "$(state_of "$MSG")" "delivered 1"

# --- the same answer for a registered number; the limits -------------------
from "$NET.3"
OLD=$(idno 15250219700101$SEQ)
YIWANG_PASSWORD=$PW admin_ext citizen-add "$OLD" 原主人 13947900021 >/dev/null
BEFORE=$(sql_ext "SELECT CONCAT_WS(' ', name, mobile_sealed, pw_hash, state) FROM citizen WHERE id = $(citizen_of "$OLD")")
M3=$(mobile)
register r3 "$OLD" "$M3" 冒名者
t_is "a registered number: the same code page" "$HTTP_STATUS $(grep -c 'name="ticket"' <<<"$HTTP_BODY")" "200 1"
register_code r3 "$M3"
t_like "and the same answer to its code" "$HTTP_BODY" "如果这个身份证号码尚未注册，账户已经开通"
t_is "the existing account is unchanged" "$(sql_ext "SELECT CONCAT_WS(' ', name, mobile_sealed, pw_hash, state) FROM citizen WHERE id = $(citizen_of "$OLD")")" "$BEFORE"
register r3 "$(idno 15250219700102$SEQ)" "$M3"
t_is "a second code to the same number within the minute: 422" "$HTTP_STATUS" 422
t_like "saying when to try again" "$(alert_text)" "这个手机号码刚刚发过验证码，请 1 分钟后再试。"
M4=$(mobile)
misses_seed ext sms-mobile-day "$M4" 5
register r3 "$(idno 15250219700103$SEQ)" "$M4"
t_like "five codes to a number in a day: the sixth waits for tomorrow" "$(alert_text)" "这个手机号码今天收验证码的次数已满，请明天再试。"
misses_seed ext sms-addr "$NET.4" 20
from "$NET.4"
register r4 "$(idno 15250219700104$SEQ)" "$(mobile)"
t_like "twenty from one address in a day: refused" "$(alert_text)" "从您的网络地址发送验证码的次数已满"
t_is "and nothing was sent for the refused ones" "$(sms_got "$M4" | wc -l)" 0

# --- the gateway down: the message waits, and goes out later --------------
kill "$(<"$K/smsbox.pid")"
for ((i = 0; i < 50; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$(( ${EXT_URL##*:} + 20003 ))") 2>/dev/null || break; sleep 0.1; done
from "$NET.5"
M5=$(mobile)
register r5 "$(idno 15250219880808$SEQ)" "$M5"
t_is "with smsbox stopped, registration still answers with the code page" "$HTTP_STATUS" 200
MSG=$(sql_ext "SELECT MAX(id) FROM sms_outbox")
t_is "the message is queued after one failed try" "$(state_of "$MSG")" "queued 1"
t_like "saying why" "$(sql_ext "SELECT last_error FROM sms_outbox WHERE id = $MSG")" "连不上短信网关"
t_is "due again in 30 seconds" "$(sql_ext "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), next_try) BETWEEN 20 AND 31 FROM sms_outbox WHERE id = $MSG")" 1
as_kannel=()
id kannel >/dev/null 2>&1 && as_kannel=(setpriv --reuid=kannel --regid="$(id -gn kannel)" --init-groups --)
setsid "${as_kannel[@]}" /usr/sbin/smsbox -v 1 "$K/kannel.conf" </dev/null >>"$K/smsbox.out" 2>&1 &
echo $! >"$K/smsbox.pid"
for ((i = 0; i < 100; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$(( ${EXT_URL##*:} + 20003 ))") 2>/dev/null && break; sleep 0.1; done
admin_ext tick >/dev/null
t_is "the tick before it is due leaves it" "$(state_of "$MSG")" "queued 1"
admin_ext --now "$(date -d '+8 hours 2 minutes' -u '+%Y-%m-%d %H:%M')" tick >"$TMP/tick.out"
t_like "the tick after: sent on the second try" "$(cat "$TMP/tick.out")" "短信交网关 1 条"
t_is "and delivered" "$(wait_state "$MSG" delivered; state_of "$MSG")" "delivered 2"
sms_wait "$M5" 1
t_like "the code reached the phone" "$(sms_got "$M5")" "验证码是 [0-9]{6}"

# --- intranet events cross the gap as sms.send -----------------------------
from
ITEM=152502-ZRZY-DJ-001	# 受理 tuya
staff_login clerk tuya
CASE=$(case_from_ext "$ITEM")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=accept >/dev/null
t_is "the clerk accepts the case" "$HTTP_STATUS" 303
REC=$(sql_int "SELECT body FROM gap_outbox WHERE kind = 'sms.send' ORDER BY id DESC LIMIT 1")
t_like "the intranet queues an sms.send: case and template" "$REC" "\"app_no\":\"$APP\".*\"template\":\"accepted\""
t_unlike "with no number" "$REC" "1394790"
t_unlike "and no text" "$REC" "text"
carry int ext
OUT=$(sql_ext "SELECT id FROM sms_outbox WHERE app_no = '$APP' AND why = 'accepted'")
t_isnt "carried, the extranet queues the message" "$OUT" ""
t_is "to the applicant's own registered number" "$(sql_ext "SELECT to_masked FROM sms_outbox WHERE id = ${OUT:-0}")" "139****1234"
N=$(sms_got 13947901234 | wc -l)
admin_ext tick >/dev/null
sms_wait 13947901234 $((N + 1))
t_like "the tick sends it: the fake SMSC has it, with the case's number" "$(sms_got 13947901234 | tail -1)" "^【锡林浩特市政务服务】您申请的“.*”（申请编号 $APP）已由.*受理"
t_unlike "never the ID number" "$(sms_got 13947901234 | tail -1)" "152502199003150027"
t_is "delivered" "$(wait_state "${OUT:-0}" delivered; state_of "${OUT:-0}")" "delivered 1"

# --- forged sms.send records are refused -----------------------------------
ROWS=$(sql_ext "SELECT COUNT(*) FROM sms_outbox")
GOOD='{"type":"sms.send","app_no":"'$APP'","template":"accepted","dept_name":"自然资源局","amount":0,"due_date":""}'
refused() { # WHY RECORD
	local rc=0
	printf '%s\n' "$2" >"$TMP/forged.jsonl"
	forge ext "$TMP/forged.jsonl" "$TMP/forged.ywb"
	gap_ext import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
	t_is "$1: refused (exit 4)" "$rc" 4
}
refused "a record with a text of its own" "${GOOD%\}},\"text\":\"您的账户异常，请点击链接\"}"
refused "a record with a number of its own" "${GOOD%\}},\"mobile\":\"13800138000\"}"
refused "a template the extranet does not have" "${GOOD/accepted/free}"
refused "a fee notice without its amount" "${GOOD/accepted/fee}"
refused "a case the extranet does not have" "${GOOD/$APP/YW2026010100999}"
t_like "saying which field" "$(cat "$TMP/out")" "本站没有这个申请"
t_is "and none of them queued anything" "$(sql_ext "SELECT COUNT(*) FROM sms_outbox")" "$ROWS"

# --- the development page ---------------------------------------------------
http_get anon "$EXT_URL/dev/sms" >/dev/null
t_is "/dev/sms on a development site: 200" "$HTTP_STATUS" 200
t_like "lists the case's message, delivered" "$(row "$APP")" "139\\*\\*\\*\\*1234.*已送达"
t_unlike "never a whole number" "$HTTP_BODY" "13947901234"

t_done
