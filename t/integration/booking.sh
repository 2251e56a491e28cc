#!/usr/bin/env bash
# booking.sh (EXT-10; issue #11): bookings of a window visit.  The
# intranet plans a window's slots; the plan crosses with the working days
# of the next 14 days on the intranet's calendar (a holiday is never
# offered, a 调休 Saturday is); a person books a slot that has not
# started, two at once cannot both take its last place, at most two
# waiting a person; a booking code and an SMS; cancelled until the slot
# starts; the booking crosses, the window clerk marks it arrived or a
# no-show, which comes back; three no-shows block online booking.
# The plan page: the system administrator (who keeps the windows) sets
# the slots and places of each day of the week (a Friday of its own, a
# weekday without) and the days closed, as the command line does;
# bookings it leaves out are kept and listed to call.
# Delivery of the result: the applicant chooses post (address and mobile
# sealed at rest and in the outbox), on the application form or its
# page by one rule, kept in the form's draft; the choice crosses with the case;
# once decided the clerk records the courier and a waybill number checked
# against its format, which comes back to the applicant's page and SMS.
. "$(dirname "$0")/../lib.sh"
from "127.$((RANDOM % 200 + 20)).$((RANDOM % 250)).12"
mobile() { printf '138%08d' $((RANDOM * 1000 + RANDOM % 1000)); }
err_text() { grep -o 'class="error-message">[^<]*' <<<"$HTTP_BODY" | sed 's/.*">//'; }
TMP=$_T_DIR
PW=Grass-Land-2026
# A (a demo account) and B (made here) race for a place; C is the demo
# applicant, whose application (ext_apply) also gets its result by post.
A=152502197811040011 B=$(test_id 22) C=152502199003150027
YIWANG_PASSWORD=$PW admin_ext citizen-add "$B" 巴特尔 "$(mobile)" >/dev/null
ext_login a "$A" Yiwang@2026
ext_login b "$B" "$PW"
t_is "two people logged in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
CNAME=$(sql_ext "SELECT name FROM citizen WHERE id = $(citizen_of "$C")")
ITEM=$(sql_ext "SELECT code FROM item WHERE status = 'published' AND dept_code = 'SCJGJ' ORDER BY code LIMIT 1")
t_ok "an item of 市场监督管理局 to book for" test -n "$ITEM"
# Wednesday 30 September 2026: the National Day holiday (1–7 October)
# and the make-up working Saturday (10 October) are in the next 14 days.
clock_at "2026-09-30 09:10"
sql_ext "DELETE FROM booking WHERE dept_code = 'SCJGJ' AND window_code = 'B01' AND day BETWEEN '2026-09-01' AND '2026-10-13'"
sql_int "DELETE FROM booking WHERE dept_code = 'SCJGJ' AND window_code = 'B01' AND day BETWEEN '2026-09-30' AND '2026-10-13'"

# --- the plan, on the intranet -------------------------------------------------
admin_int booking-plan SCJGJ NOPE 30 1 "09:00" >"$TMP/out" 2>&1 && R=0 || R=$?
t_like "a plan for a window that does not exist is refused" "$R $(cat "$TMP/out")" "^1 没有这个窗口"
admin_int booking-plan SCJGJ B01 30 1 "09:00 25:00" >"$TMP/out" 2>&1 && R=0 || R=$?
t_like "a slot at 25:00 is refused, saying so" "$R $(cat "$TMP/out")" '^1 星期一：时段“25:00”不对'
t_ok "window B01 takes one person a slot at 09:00, 09:30, 10:00" \
	admin_int booking-plan SCJGJ B01 30 1 "09:00 09:30 10:00"
DAYS="2026-09-30 2026-10-08 2026-10-09 2026-10-10 2026-10-12 2026-10-13"
t_is "its working days: no holiday, the 调休 Saturday" \
	"$(sql_int "SELECT sent_days FROM booking_plan WHERE dept_code = 'SCJGJ' AND window_code = 'B01'")" "$DAYS"
t_like "audited, with the slots" "$(sql_int "SELECT detail FROM audit WHERE action = 'booking.plan' AND object = 'window:SCJGJ/B01' ORDER BY id DESC LIMIT 1")" '"times": *"09:00 09:30 10:00"'
admin_int tick >"$TMP/tick" 2>&1
t_unlike "the tick sends nothing again the same day" "$(cat "$TMP/tick")" "可预约日期有变"
carry int ext
t_is "the plan crossed with those days" \
	"$(sql_ext "SELECT CONCAT_WS('|', window_name, times, capacity, days) FROM booking_window WHERE dept_code = 'SCJGJ' AND window_code = 'B01'")" \
	"市场主体登记窗口|09:00 09:30 10:00|1|$DAYS"

# --- booking ---------------------------------------------------------------------
CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 → 承办 → 批准
APP=$(ext_apply "$CODE")	# C logged in, C's application
t_ok "an application, to book for and to deliver the result of" test -n "$APP"
http_get a "$EXT_URL/book?item=$ITEM" >/dev/null
t_is "the booking page" "$HTTP_STATUS" 200
t_like "offers 8 October" "$HTTP_BODY" "B01/2026-10-08/09:00"
t_like "and the 调休 Saturday" "$HTTP_BODY" "B01/2026-10-10/09:00"
t_unlike "never a holiday" "$HTTP_BODY" "2026-10-0[1-7]"
t_unlike "nor today's 09:00, already started" "$HTTP_BODY" "B01/2026-09-30/09:00"
t_like "but today's 09:30" "$HTTP_BODY" "B01/2026-09-30/09:30"
book() {	# JAR AT [no=…]: a booking as JAR
	local jar=$1 at=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$EXT_URL/book?item=$ITEM" | csrf_from)
	http_post "$jar" "$EXT_URL/book" "csrf=$csrf" "item=$ITEM" "at=$at" "$@" >/dev/null
}
book a B01/2026-10-01/09:00
t_like "a holiday is refused, saying what to do" "$HTTP_STATUS $(alert_text)" "^422 这一天不能预约.*请选择其他日期"
book a B01/2026-09-30/09:00
t_like "a slot already started is refused" "$HTTP_STATUS $(alert_text)" "^422 这个时段已经开始"
book a B01/2026-10-08/09:15
t_like "a time the window does not have is refused" "$HTTP_STATUS $(alert_text)" "^422 这个窗口这一天没有这个时段"
t_is "nothing stored" "$(sql_ext "SELECT COUNT(*) FROM booking WHERE dept_code = 'SCJGJ' AND window_code = 'B01' AND day BETWEEN '2026-09-30' AND '2026-10-13'")" 0

# Two people at once for the last place of a slot: one gets it.
csa=$(http_get a "$EXT_URL/book?item=$ITEM" | csrf_from)
csb=$(http_get b "$EXT_URL/book?item=$ITEM" | csrf_from)
race() {	# JAR CSRF
	curl -sS --cacert "$TEST_CA" -b "$TMP/jar.$1" -c "$TMP/jar.$1" "${CURL_EXTRA[@]}" \
		-H "Origin: $EXT_URL" -o "$TMP/race.$1" -w '%{http_code}' \
		--data-urlencode "csrf=$2" --data-urlencode "item=$ITEM" \
		--data-urlencode "at=B01/2026-10-08/09:30" "$EXT_URL/book" >"$TMP/status.$1"
}
race a "$csa" & race b "$csb" & wait
t_is "two bookings at once: one booked, one refused" "$(sort "$TMP/status.a" "$TMP/status.b" | tr '\n' ' ')" "303 422 "
t_like "the refused one is told the slot is full" "$(cat "$TMP/race.a" "$TMP/race.b")" "这个时段已约满"
t_is "one booking in the slot" "$(sql_ext "SELECT COUNT(*) FROM booking WHERE dept_code = 'SCJGJ' AND window_code = 'B01' AND day = '2026-10-08' AND slot = '09:30'")" 1
WIN=$(sql_ext "SELECT citizen_id FROM booking WHERE dept_code = 'SCJGJ' AND window_code = 'B01' AND day = '2026-10-08' AND slot = '09:30'")
if [[ $WIN == "$(citizen_of "$A")" ]]; then W=a; else W=b; fi
book applicant B01/2026-10-08/09:30
t_like "and a third person later too" "$HTTP_STATUS $(alert_text)" "^422 这个时段已约满"

book applicant B01/2026-10-08/10:00
t_like "a free slot is booked" "$HTTP_STATUS $HTTP_LOCATION" "^303 /bookings\?done="
C1=${HTTP_LOCATION#*done=}
t_like "with a code of 8 characters" "$C1" "^[0-9A-HJKMNP-TV-Z]{8}$"
http_get applicant "$EXT_URL/bookings?done=$C1" >/dev/null
t_like "我的预约 shows it with the code" "$(row "$C1")" "2026-10-08 10:00.*市场主体登记窗口.*已预约.*取消预约"
t_like "and says it was booked" "$HTTP_BODY" "预约成功，预约码 $C1"
t_like "an SMS with the code to the account's mobile" \
	"$(sql_ext "SELECT CONCAT(to_masked, ' ', shown) FROM sms_outbox WHERE why = 'booking' AND shown LIKE '%$C1%'")" "^1[3-9][0-9]\*{4}[0-9]{4} .*2026-10-08 10:00.*预约码 $C1"
book applicant B01/2026-10-09/09:00 "no="
C2=${HTTP_LOCATION#*done=}
t_is "a second booking" "$HTTP_STATUS" 303
book applicant B01/2026-10-12/09:00
t_like "a third waiting is refused" "$HTTP_STATUS $(alert_text)" "^422 您已有 2 个未到期的预约，最多 2 个"
book applicant B01/2026-10-09/09:30
t_like "so is a second at the same window on the same day" "$HTTP_STATUS $(alert_text)" "^422 您已预约了这个窗口这一天的时段"

# --- cancel ------------------------------------------------------------------------
csrf=$(http_get b "$EXT_URL/bookings" | csrf_from)
http_post b "$EXT_URL/booking/cancel" "csrf=$csrf" "code=$C2" >/dev/null
t_is "no one cancels another's booking" "$HTTP_STATUS" 409
csrf=$(http_get applicant "$EXT_URL/bookings" | csrf_from)
http_post applicant "$EXT_URL/booking/cancel" "csrf=$csrf" "code=$C2" >/dev/null
t_is "the owner cancels" "$HTTP_STATUS $HTTP_LOCATION" "303 /bookings?done=cancel"
t_is "cancelled" "$(sql_ext "SELECT state FROM booking WHERE code = '$C2'")" cancelled
book applicant B01/2026-10-12/09:00
C3=${HTTP_LOCATION#*done=}
t_is "and may book again" "$HTTP_STATUS" 303

# --- delivery of the result (证照快递), chosen before the decision ---------------------
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "its page offers the choice" "$HTTP_BODY" 'action="/app/delivery"'
t_like "and a booking for it, the department taking bookings" "$HTTP_BODY" "/book\?item=$CODE&amp;no=$APP"
deliver() {	# k=v…: the applicant's choice
	local csrf
	csrf=$(http_get applicant "$EXT_URL/app?no=$APP" | csrf_from)
	http_post applicant "$EXT_URL/app/delivery" "csrf=$csrf" "no=$APP" "$@" >/dev/null
}
ADDR="内蒙古锡林浩特市额尔敦路 8 号草原小区 3 号楼"
deliver method=post recipient=乌兰 phone=1390479 "address=$ADDR"
t_like "a bad mobile is refused, saying what it should be" "$HTTP_STATUS $(alert_text)" "^422 收件人手机号码应为 11 位数字"
deliver method=post recipient=乌兰 phone=13904791234 address=锡林
t_like "so is an address too short" "$HTTP_STATUS $(alert_text)" "^422 请填写邮寄地址"
t_is "what was typed stays" "$(input_value "$HTTP_BODY" recipient) $(input_value "$HTTP_BODY" phone) $(grep -c "value=\"post\" checked" <<<"$HTTP_BODY")" "乌兰 13904791234 1"
deliver method=post recipient=乌兰 phone=13904791234 "address=$ADDR"
t_is "post chosen" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=delivery"
t_is "the address and mobile sealed at rest" \
	"$(sql_ext "SELECT CONCAT_WS(' ', method, recipient, LEFT(phone_sealed, 5), LEFT(address_sealed, 5)) FROM app_delivery WHERE app_no = '$APP'")" "post 乌兰 pii1: pii1:"
t_is "and in the outbox" "$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'application.delivery' AND (body LIKE '%额尔敦路%' OR body LIKE '%13904791234%' OR LEFT(body, 5) <> 'pii1:')")" 0

# --- the same choice on the application form itself (/apply), by the same rule ------------
mapfile -t UP < <(required_uploads "$CODE" "$_T_DIR/case.pdf")
apply_form applicant "$EXT_URL/apply?code=$CODE"
t_like "the application form offers it" "$(tr -d '\n' <<<"$HTTP_BODY")" '办理结果的领取.*name="delivery" value="post"'
form_apply() { http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "${UP[@]}" "$@" >/dev/null; }
form_apply delivery=post delivery_recipient=乌兰 delivery_phone=1390479 "delivery_address=$ADDR"
t_like "a bad mobile is refused there too, saying what it should be" "$HTTP_STATUS $(alert_text)" "^422 领取方式：收件人手机号码应为 11 位数字"
t_is "what was typed stays on the form" "$(input_value "$HTTP_BODY" delivery_recipient)|$(input_value "$HTTP_BODY" delivery_address)|$(grep -c 'name="delivery" value="post" checked' <<<"$HTTP_BODY")" "乌兰|$ADDR|1"
t_is "and in its draft, mobile and address sealed" \
	"$(sql_ext "SELECT CONCAT_WS(' ', delivery_method, delivery_recipient, LEFT(delivery_phone_sealed, 5), LEFT(delivery_address_sealed, 5)) FROM app_draft WHERE form_key = '$FORM_KEY'")" "post 乌兰 pii1: pii1:"
http_get applicant "$EXT_URL/apply?code=$CODE&key=$FORM_KEY" >/dev/null
t_is "which gives it back when the form is opened again" "$(input_value "$HTTP_BODY" delivery_phone)|$(grep -c 'name="delivery" value="post" checked' <<<"$HTTP_BODY")" "1390479|1"
form_apply delivery=post delivery_recipient=乌兰 delivery_phone=13904791235 "delivery_address=$ADDR"
APP2=$(sql_ext "SELECT app_no FROM app_form_key WHERE form_key = '$FORM_KEY'")
t_is "submitted with the choice" "$HTTP_STATUS $HTTP_LOCATION" "303 /receipt?no=$APP2"
t_is "stored as the page stores it, sealed" \
	"$(sql_ext "SELECT CONCAT_WS(' ', method, recipient, LEFT(phone_sealed, 5), LEFT(address_sealed, 5)) FROM app_delivery WHERE app_no = '$APP2'")" "post 乌兰 pii1: pii1:"
t_is "nothing of it in clear in the outbox" "$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE body LIKE '%13904791235%' OR body LIKE '%额尔敦路%'")" 0

# --- across; the clerk marks them; the result posted ------------------------------------
carry ext int
t_is "the form's choice reached the clerk with the case" "$(sql_int "SELECT CONCAT_WS(' ', d.method, d.recipient, k.id IS NOT NULL) FROM app_delivery d LEFT JOIN kase k ON k.app_no = d.app_no WHERE d.app_no = '$APP2'")" "post 乌兰 1"
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
t_is "the choice crossed with the case" "$(sql_int "SELECT CONCAT_WS(' ', method, recipient, LEFT(address_sealed, 5)) FROM app_delivery WHERE app_no = '$APP'")" "post 乌兰 pii1:"
t_is "the bookings crossed, the cancellation too" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(slot, ':', state, ':', name) ORDER BY day, slot) FROM booking WHERE code IN ('$C1', '$C2', '$C3')")" \
	"10:00:booked:$CNAME,09:00:cancelled:$CNAME,09:00:booked:$CNAME"
clock_at "2026-10-08 09:50"
# The three stayed logged in (their sessions moved with the clock).
sql_ext "UPDATE session SET created_at = created_at + INTERVAL 8 DAY, seen_at = '2026-10-08 01:49:00' WHERE user_id IN ($(citizen_of "$A"), $(citizen_of "$B"), $(citizen_of "$C"))"
WCODE=$(sql_ext "SELECT code FROM booking WHERE day = '2026-10-08' AND slot = '09:30' AND window_code = 'B01' AND dept_code = 'SCJGJ'")
csrf=$(http_get "$W" "$EXT_URL/bookings" | csrf_from)
http_post "$W" "$EXT_URL/booking/cancel" "csrf=$csrf" "code=$WCODE" >/dev/null
t_like "a booking whose slot has started is not cancelled, saying so" "$HTTP_STATUS $(err_text)" "^409 预约的时段已经开始，不能再取消"
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
http_get handler "$INT_URL/hall/bookings" >/dev/null
t_is "a handler may not see the hall's bookings" "$HTTP_STATUS" 403
http_get clerk "$INT_URL/hall/bookings" >/dev/null
t_is "the window clerk may" "$HTTP_STATUS" 200
t_like "today's bookings of the window, with the code" "$(row "$C1")" "市场主体登记窗口.*10:00.*$C1.*$CNAME"
t_unlike "not those of other days" "$HTTP_BODY" "$C3"
mark() {	# CODE STATE
	local csrf
	csrf=$(http_get clerk "$INT_URL/hall/bookings" | csrf_from)
	http_post clerk "$INT_URL/hall/bookings/mark" "csrf=$csrf" "code=$1" "state=$2" >/dev/null
}
mark "$C1" noshow
t_like "a no-show before the slot starts is refused" "$HTTP_STATUS $(alert_text)" "^422 预约的时段还没开始"
mark "$C1" arrived
t_is "arrived" "$HTTP_STATUS $(sql_int "SELECT state FROM booking WHERE code = '$C1'")" "303 arrived"
mark "$WCODE" noshow
t_is "the 09:30 booking: a no-show" "$HTTP_STATUS $(sql_int "SELECT CONCAT(state, ' ', marked_by) FROM booking WHERE code = '$WCODE'")" "303 noshow 萨仁高娃"
mark "$C3" arrived
t_like "a booking of a later day is not marked yet" "$HTTP_STATUS $(alert_text)" "^422 预约的日期还没到"
mark "$C1" noshow
t_like "nor one marked already" "$HTTP_STATUS $(alert_text)" "^422 这个预约已登记过到场情况"
staff_login leader bateer
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page shows where to post it" "$HTTP_BODY" "申请人选择<strong>邮寄</strong>：乌兰，<span class=\"mono\">13904791234</span>，$ADDR"
case_post clerk /case/delivery how=posted courier=SF waybill=SF123456789012
t_like "nothing is handed over before the decision" "$HTTP_STATUS $(alert_text)" "^422 还没有作出决定"
case_post clerk /case/act action=accept
case_post handler /case/act action=sign verdict=agree "text=经营场所符合要求，同意。"
case_post leader /case/act action=approve "text=符合条件，准予许可。" \
	"scope=预包装食品销售" valid_until=2031-12-05
t_is "decided" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
case_post clerk /case/delivery how=posted courier=SF waybill=SF1234567
t_like "a waybill number not of the courier's form is refused" "$HTTP_STATUS $(alert_text)" "^422 运单号不对：顺丰速运的运单号应为SF 和 12 或 13 位数字"
t_is "the waybill typed stays" "$(input_value "$HTTP_BODY" waybill)" SF1234567
case_post clerk /case/delivery how=posted courier=ZZ waybill=123456789012
t_like "so is a courier not in the list" "$HTTP_STATUS $(alert_text)" "^422 请选择快递公司"
case_post clerk /case/delivery how=posted courier=SF waybill=SF123456789012
t_is "posted" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=delivery"
t_is "recorded" "$(sql_int "SELECT CONCAT_WS(' ', handed, courier, waybill, clerk) FROM app_delivery WHERE app_no = '$APP'")" "posted SF SF123456789012 萨仁高娃"
case_post clerk /case/delivery how=picked picked_by=乌兰
t_like "once" "$HTTP_STATUS $(alert_text)" "^422 办理结果已经登记交付"
carry int ext
t_is "the marks came back" "$(sql_ext "SELECT GROUP_CONCAT(state ORDER BY code = '$C1') FROM booking WHERE code IN ('$C1', '$WCODE')")" "noshow,arrived"
http_get applicant "$EXT_URL/bookings" >/dev/null
t_like "the person sees it" "$(row "$C1")" "已到场"
t_unlike "and cannot cancel it" "$(row "$C1")" "取消预约"
t_is "the waybill crossed back" "$(sql_ext "SELECT CONCAT_WS(' ', handed, courier, waybill) FROM app_delivery WHERE app_no = '$APP'")" "posted SF SF123456789012"
http_get applicant "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant's page shows it" "$HTTP_BODY" "由顺丰速运寄出，运单号 <strong class=\"mono\">SF123456789012</strong>"
t_unlike "and no longer offers the choice" "$HTTP_BODY" 'action="/app/delivery"'
t_like "an SMS tells the applicant" "$(sql_ext "SELECT shown FROM sms_outbox WHERE why = 'delivery' AND app_no = '$APP'")" "顺丰速运寄出，运单号 SF123456789012"
deliver method=window
t_like "the choice is closed once decided" "$HTTP_STATUS $(alert_text)" "^422 这份申请已经办结"

# --- the plan page (/admin/booking-plan): the administrator who keeps the windows -------
staff_login admin liuxiaomei
http_get clerk "$INT_URL/admin/booking-plan" >/dev/null
t_is "a window clerk may not change the plan" "$HTTP_STATUS" 403
http_get admin "$INT_URL/admin/booking-plan" >/dev/null
t_like "the administrator sees every window with its plan, each day alike as one" "$(row "B01")" "市场主体登记窗口.*星期一至日：09:00 09:30 10:00（每段 1 人）.*每段 30 分钟.*设置"
http_get admin "$INT_URL/admin/booking-plan?dept=SCJGJ&code=B01" >/dev/null
week_form() {	# each weekday's slots and places on the form, "t/c" by ";"
	local i out=""
	for i in 1 2 3 4 5 6 7; do
		out+="$(input_value "$HTTP_BODY" "t$i")/$(input_value "$HTTP_BODY" "c$i");"
	done
	printf '%s' "$out"
}
t_is "and the window's form, a row a weekday, as it is" "$(week_form)" \
	"$(printf '09:00 09:30 10:00/1;%.0s' 1 2 3 4 5 6 7)"
form_err() { grep -o 'id="form-error">[^<]*' <<<"$HTTP_BODY" | sed 's/.*">//'; }
plan() {	# k=v…: the plan page's form for B01
	local csrf
	csrf=$(http_get admin "$INT_URL/admin/booking-plan?dept=SCJGJ&code=B01" | csrf_from)
	http_post admin "$INT_URL/admin/booking-plan" "csrf=$csrf" dept=SCJGJ code=B01 "$@" >/dev/null
}
WEEK0=$(sql_int "SELECT CONCAT_WS('|', week, sent_days) FROM booking_plan WHERE dept_code = 'SCJGJ' AND window_code = 'B01'")
AUDITS=$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'booking.plan'")
plan "t1=09:30 10:00" c1=2 "t5=09:30" c5=1 minutes=30 closed=2026-13-01
t_like "a date that is none is refused, saying the form" "$HTTP_STATUS $(form_err)" '^422 日期“2026-13-01”不对：应为 YYYY-MM-DD'
t_is "what was typed stays" "$(week_form)" "09:30 10:00/2;/;/;/;09:30/1;/;/;"
plan "t5=09:30 13:70" c5=1 "t1=09:30" c1=2 minutes=30
t_like "a bad time on Friday is refused, naming the day and the time" "$HTTP_STATUS $(form_err)" '^422 星期五：时段“13:70”不对：应为 07:00 到 20:00 之间的 HH:MM'
t_is "what was typed stays there too" "$(input_value "$HTTP_BODY" t5)|$(input_value "$HTTP_BODY" t1)" "09:30 13:70|09:30"
plan "t3=09:30" c3=51 minutes=30
t_like "so are 51 places, naming the day" "$HTTP_STATUS $(form_err)" '^422 星期三：每个时段可约人数应为 0 到 50'
plan minutes=30 c1=2
t_like "no weekday with slots is refused, saying how to stop instead" "$HTTP_STATUS $(form_err)" "^422 请至少给一天填上时段.*可约人数设为 0"
t_is "nothing saved, nothing sent, nothing audited by the refusals" \
	"$(sql_int "SELECT CONCAT_WS('|', week, sent_days) FROM booking_plan WHERE dept_code = 'SCJGJ' AND window_code = 'B01'") $(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'booking.plan'")" \
	"$WEEK0 $AUDITS"
# Monday to Thursday 09:30 and 10:00 for two; Friday afternoon closed:
# 09:30 only, for one; no Saturday or Sunday; 13 October closed.
plan "t1=09:30 10:00" c1=2 "t2=09:30 10:00" c2=2 "t3=09:30 10:00" c3=2 \
	"t4=09:30 10:00" c4=2 "t5=09:30" c5=1 t6= c6= t7= c7= minutes=30 \
	closed=2026-10-13
t_is "Monday to Thursday, a Friday of its own, 13 October closed: saved" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/booking-plan?dept=SCJGJ&code=B01&saved=1"
DAYS2="2026-10-08 2026-10-09 2026-10-12 2026-10-14 2026-10-15 2026-10-16 2026-10-19 2026-10-20 2026-10-21"
t_is "its week, and its days: no Saturday (not even the 调休 one), not the day closed" \
	"$(sql_int "SELECT CONCAT_WS('|', week, times, capacity, weekdays, closed, sent_days) FROM booking_plan WHERE dept_code = 'SCJGJ' AND window_code = 'B01'")" \
	"2 09:30 10:00;2 09:30 10:00;2 09:30 10:00;2 09:30 10:00;1 09:30;;|09:30 10:00|2|12345|2026-10-13|$DAYS2"
t_like "audited by who saved it, with the week and the days" "$(sql_int "SELECT CONCAT(actor, ' ', detail) FROM audit WHERE action = 'booking.plan' AND object = 'window:SCJGJ/B01' ORDER BY id DESC LIMIT 1")" '^liuxiaomei .*"week": *"2 09:30 10:00;[^"]*;1 09:30;;".*"weekdays": *"12345".*"closed": *"2026-10-13"'
http_get admin "$INT_URL/admin/booking-plan?dept=SCJGJ&code=B01&saved=1" >/dev/null
t_is "the form shows each weekday's own" "$(week_form)" \
	"09:30 10:00/2;09:30 10:00/2;09:30 10:00/2;09:30 10:00/2;09:30/1;/;/;"
t_like "the list says it by days" "$(row "B01")" "星期一至四：09:30 10:00（每段 2 人）.*星期五：09:30（每段 1 人）"
t_unlike "and names no weekend" "$(row "B01")" "星期六|星期日|至日"
t_like "the booking at 09:00 on the 12th, no longer a slot, is listed to call" "$(row "$C3")" "2026-10-12 09:00.*$C3.*$CNAME"
t_is "and kept, not dropped" "$(sql_int "SELECT state FROM booking WHERE code = '$C3'")" booked
http_get clerk "$INT_URL/hall/bookings" >/dev/null
t_like "the window clerk sees it too, to call" "$(sed -n '/id="outside"/,$p' <<<"$HTTP_BODY" | tr -d '\n')" "请电话告知.*2026-10-12 09:00.*$C3.*$CNAME"
admin_int booking-plan SCJGJ B01 30 2 "09:30 10:00" 12345 "2026-10-13" --day 8 1 "09:30" >"$TMP/out" 2>&1 && R=0 || R=$?
t_like "the command line refuses a weekday 8, saying the form" "$R $(cat "$TMP/out")" '^1 --day 后应是星期（1 星期一 … 7 星期日）'
admin_int booking-plan SCJGJ B01 30 2 "09:30 10:00" 12345 "2026-10-13" --day 5 1 "09:30 13:70" >"$TMP/out" 2>&1 && R=0 || R=$?
t_like "and a bad time of Friday's, as the page" "$R $(cat "$TMP/out")" '^1 星期五：时段“13:70”不对'
admin_int booking-plan SCJGJ B01 30 2 "09:30 10:00" 12345 "2026-10-13" --day 5 1 "09:30" >"$TMP/out" 2>&1
t_like "the command line does the same, listing what it leaves out" "$(tr '\n' ' ' <"$TMP/out")" "星期五：09:30，每段 1 人.*不在新安排内的预约：2026-10-12 09:00 $C3 $CNAME"
t_is "to the same week" "$(sql_int "SELECT week FROM booking_plan WHERE dept_code = 'SCJGJ' AND window_code = 'B01'")" \
	"2 09:30 10:00;2 09:30 10:00;2 09:30 10:00;2 09:30 10:00;1 09:30;;"
carry int ext
t_is "the week and the days crossed" "$(sql_ext "SELECT CONCAT_WS('|', week, times, capacity, days) FROM booking_window WHERE dept_code = 'SCJGJ' AND window_code = 'B01'")" \
	"2 09:30 10:00;2 09:30 10:00;2 09:30 10:00;2 09:30 10:00;1 09:30;;|09:30 10:00|2|$DAYS2"
http_get a "$EXT_URL/book?item=$ITEM" >/dev/null
t_like "the extranet offers Wednesday the 14th at 10:00" "$HTTP_BODY" "B01/2026-10-14/10:00"
t_like "and Friday the 16th at 09:30" "$HTTP_BODY" "B01/2026-10-16/09:30"
t_like "each day named with its weekday" "$(tr -d '\n' <<<"$HTTP_BODY")" "<legend>2026-10-16 周五</legend>"
t_unlike "but not Friday's 10:00" "$HTTP_BODY" "B01/2026-10-(09|16)/10:00"
t_unlike "neither the Saturday, nor the 13th, nor 09:00" "$HTTP_BODY" "B01/2026-10-1[03]/|B01/[0-9-]*/09:00"
csrf=$(http_get a "$EXT_URL/book?item=$ITEM" | csrf_from)
http_post a "$EXT_URL/book" "csrf=$csrf" "item=$ITEM" "at=B01/2026-10-16/10:00" >/dev/null
t_like "Friday's 10:00 posted anyway is refused" "$HTTP_STATUS $(alert_text)" "^422 这个窗口这一天没有这个时段"
t_is "nothing stored on Friday" "$(sql_ext "SELECT COUNT(*) FROM booking WHERE dept_code = 'SCJGJ' AND window_code = 'B01' AND day = '2026-10-16'")" 0
t_is "the person's booking stays on 我的预约" "$(sql_ext "SELECT state FROM booking WHERE code = '$C3'")" booked

# --- the no-show rule ------------------------------------------------------------------
WID=$(sql_ext "SELECT citizen_id FROM booking WHERE code = '$WCODE'")
for d in 2026-09-10 2026-09-17; do
	sql_ext "INSERT INTO booking (code, citizen_id, name, dept_code, window_code, day, slot, item_code, item_name, state, created_at, changed_at) VALUES (CONCAT('N', SUBSTRING(MD5(RAND()), 1, 7)), $WID, 'x', 'SCJGJ', 'B01', '$d', '09:00', '$ITEM', 'x', 'noshow', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
done
http_get "$W" "$EXT_URL/book?item=$ITEM" >/dev/null
t_like "three no-shows in 90 days: online booking blocked 30 days" "$HTTP_BODY" "3 次预约未到场，2026-11-07 前不能网上预约"
book "$W" B01/2026-10-13/09:00
t_like "and a booking is refused" "$HTTP_STATUS $(alert_text)" "^422 近 90 天内有 3 次预约未到场"
t_done
