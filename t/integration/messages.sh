#!/usr/bin/env bash
# messages.sh (EXT-7 与窗口人员交流, 在线咨询; issue #11): the thread on an
# application, and online consultation about an item, across the gap
# both ways.  The demo applicant writes on
# their application's page; the bundle carries the message to the case,
# where the window's worklist counts it (新留言) until the case is opened;
# the clerk replies on the case page (an event of the case, audited); the
# bundle carries the reply back, the applicant reads it and their mobile
# gets the SMS.  Stops: bad input stored (empty, too long, bad UTF-8, no
# form key); a form sent twice making two messages; someone else's
# application written on; another department replying; forged or
# malformed records taken in part; a bundle carried twice adding a
# message or a second SMS; an observer (SUP-7) reading the applicant's
# name or ID number; HTML in a message printed as HTML.  Consultation: a
# question from the item's guide crosses to the item's department, with
# a deadline light supervisors see; another department may not answer;
# the answer comes back to 我的咨询; published as an FAQ it shows on the
# guide without login, masked, and withdrawn it is gone.
. "$(dirname "$0")/../lib.sh"
shopt -u patsub_replacement 2>/dev/null || true

TMP=$_T_DIR
CODE=152502-SCJG-XK-001		# 受理 sarengaowa (市场监督管理局)
IDNO=152502199003150027		# the demo applicant 乌云其木格
MOBILE=13947901234		# their registered mobile
repeat() { printf "$1%.0s" $(seq 1 "$2"); }
ext_count() { sql_ext "SELECT COUNT(*) FROM case_message"; }
int_count() { sql_int "SELECT COUNT(*) FROM case_message"; }
login_ext() {	# JAR IDNO [PASSWORD]
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=${3:-Yiwang@2026}" >/dev/null
}
# say JAR [k=v…]: the application page's form (its CSRF token and one-time
# key), sent with the fields given; sets HTTP_*.
say_() {
	local jar=$1 page
	shift
	page=$(http_get "$jar" "$EXT_URL/app?no=$APP")
	CSRF=$(csrf_from <<<"$page") FORM_KEY=$(form_field form_key <<<"$page")
	http_post "$jar" "$EXT_URL/app/message" "csrf=$CSRF" "form_key=$FORM_KEY" "no=$APP" "$@" >/dev/null
}

CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
t_like "a case of the demo applicant on the intranet" "$APP" '^YW[0-9]{13}$'
EXT0=$(ext_count) INT0=$(int_count)

# --- the form on the application's page ---------------------------------------
login_ext cit "$IDNO"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the application's page has the thread" "$HTTP_BODY" '与窗口人员交流'
t_like "with a form and its one-time key" "$HTTP_BODY" 'name="form_key" value="[0-9a-f]{64}"'

# --- bad input: a clear 4xx, nothing stored ------------------------------------
say_ cit body=
t_is "an empty message: 422 saying so" "$HTTP_STATUS $(alert_text)" "422 请填写留言内容。"
say_ cit "body=$(repeat 问 501)"
t_is "501 characters: 422" "$HTTP_STATUS" 422
t_like "saying what to shorten" "$(alert_text)" "留言太长，请控制在 500 字以内"
t_like "the text typed is kept" "$HTTP_BODY" "问问问问问</textarea>"
t_like "and so is the form's key" "$HTTP_BODY" "name=\"form_key\" value=\"$FORM_KEY\""
say_ cit $'body=a\x1bb'
t_is "a control character: refused (400, by the request's own check)" "$HTTP_STATUS" 400
printf 'csrf=%s&form_key=%s&no=%s&body=%%ff%%fe' "$CSRF" "$FORM_KEY" "$APP" >"$TMP/bad.txt"
http_raw cit "$EXT_URL/app/message" -H "Origin: $EXT_URL" --data-binary "@$TMP/bad.txt" >/dev/null
t_is "bytes that are not UTF-8: 400" "$HTTP_STATUS" 400
http_post cit "$EXT_URL/app/message" "csrf=$CSRF" form_key=nokey "no=$APP" body=你好 >/dev/null
t_is "a form without its key: 400" "$HTTP_STATUS" 400
http_post cit "$EXT_URL/app/message" "csrf=$CSRF" "form_key=$FORM_KEY" no=YW2026010100001 body=你好 >/dev/null
t_is "an application that is none: 404" "$HTTP_STATUS" 404
# Someone else (the demo's other applicant, 那顺巴雅尔), on the demo
# applicant's application.
login_ext other 152502197811040011
http_get other "$EXT_URL/app?no=$APP" >/dev/null
t_is "someone else's application does not open: 404" "$HTTP_STATUS" 404
csrf=$(http_get other "$EXT_URL/my" | csrf_from)
http_post other "$EXT_URL/app/message" "csrf=$csrf" "form_key=$FORM_KEY" "no=$APP" body=我也问问 >/dev/null
t_is "nor may they write on it: 404, as if it did not exist" "$HTTP_STATUS" 404
t_is "none of these stored anything" "$(ext_count)" "$EXT0"
t_is "nor queued anything" "$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'message' AND body LIKE '%$APP%'")" 0

# --- a message ------------------------------------------------------------------
BODY=$'材料已补齐<b>请</b>尽快受理。\n我的身份证号 '"$IDNO"
say_ cit "body=$BODY"
t_is "sent: 303 back to the thread" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=message#thread"
http_post cit "$EXT_URL/app/message" "csrf=$CSRF" "form_key=$FORM_KEY" "no=$APP" body=再发一次 >/dev/null
t_is "the same form again: 303, and still one message" "$HTTP_STATUS $(ext_count)" "303 $((EXT0 + 1))"
t_is "stored as asked, by the applicant" \
	"$(sql_ext "SELECT CONCAT(dir, ' ', author, ' ', msg_no REGEXP '^LY[0-9]{13}$') FROM case_message ORDER BY id DESC LIMIT 1")" "ask 乌云其木格 1"
NO=$(sql_ext "SELECT msg_no FROM case_message ORDER BY id DESC LIMIT 1")
http_get cit "$EXT_URL/app?no=$APP&done=message" >/dev/null
t_like "the page shows it, its HTML as text" "$HTTP_BODY" '材料已补齐&lt;b&gt;请&lt;/b&gt;尽快受理'
t_unlike "never as HTML" "$HTTP_BODY" '<b>请</b>'
t_is "queued for the intranet" "$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'message' AND body LIKE '%$NO%'")" 1
t_is "audited" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'case.message.post' AND object = '$APP'")" 1

# --- a question from the item's guide (在线咨询) ------------------------------------
http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_like "the guide has 常见问题, and asks a visitor to log in to consult" "$(tr -d '\n' <<<"$HTTP_BODY")" '常见问题.*登录</a>后可以向'
ask() {	# k=v…: the guide's question form, sent as the applicant
	local page
	page=$(http_get cit "$EXT_URL/guide?code=$CODE")
	CSRF=$(csrf_from <<<"$page") FORM_KEY=$(form_field form_key <<<"$page")
	http_post cit "$EXT_URL/consult" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "$@" >/dev/null
}
ask question=
t_is "an empty question: 422 on the guide, saying so" "$HTTP_STATUS $(alert_text)" "422 请填写您要咨询的问题。"
ask "question=$(repeat 问 501)"
t_is "501 characters: 422" "$HTTP_STATUS" 422
QUESTION="我是乌云其木格，身份证 $IDNO，手机 $MOBILE，租的门面能办食品经营许可吗？"
ask "question=$QUESTION"
t_like "asked: 303 to 我的咨询" "$HTTP_STATUS $HTTP_LOCATION" '^303 /consults\?no=ZX[0-9]{13}$'
QNO=${HTTP_LOCATION#*=}
http_post cit "$EXT_URL/consult" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" question=再问一次 >/dev/null
t_is "the same form again: the same question" "$HTTP_LOCATION $(sql_ext "SELECT COUNT(*) FROM consult")" "/consults?no=$QNO 1"
http_get cit "$EXT_URL/consults?no=$QNO" >/dev/null
t_like "我的咨询 shows it, waiting" "$(tr -d '\n' <<<"$HTTP_BODY")" "$QNO.*租的门面能办.*等待答复"

# --- forged or malformed message records refuse the bundle whole ------------------
AT=$(date -u '+%Y-%m-%d %H:%M:%S')
GOOD=$(printf '{"type":"message","no":"LY2026112100901","app_no":"%s","author":"乌云其木格","body":"伪造","at":"%s"}' "$APP" "$AT")
# (Each field's forgeries: t/unit/test_records.c; here, that a bundle
# holding one is refused whole.)
{ printf '%s\n' "$GOOD" | sed 's/LY2026112100901/LY2026112100902/'; printf '%s\n' "$GOOD" | sed 's/"app_no":"YW[0-9]*"/"app_no":"YW2026112199999"/'; } >"$TMP/forged.jsonl"
forge int "$TMP/forged.jsonl" "$TMP/forged.ywb"
rc=0
gap_int import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle with a message on an application the intranet has no case of: refused (exit 4)" "$rc" 4
t_like "naming the record" "$(cat "$TMP/out")" "第 2 条记录（留言）"
t_is "and the good record before it was not taken either" "$(int_count)" "$INT0"
printf '{"type":"consult","no":"ZX2026112100901","item_code":"%s","item_version":1,"item_name":"别的事项","dept_code":"SCJGJ","asker":"x","question":"伪造","at":"%s"}\n' "$CODE" "$AT" >"$TMP/forged.jsonl"
forge int "$TMP/forged.jsonl" "$TMP/forged.ywb"
rc=0
gap_int import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a question naming an item otherwise than the intranet does: refused (exit 4)" "$rc" 4

# --- across the gap ---------------------------------------------------------------
carry ext int
t_is "the message reaches the case, unread" \
	"$(sql_int "SELECT CONCAT(case_id, ' ', dir, ' ', read_at IS NULL) FROM case_message WHERE msg_no = '$NO'")" "$CASE ask 1"
t_is "recorded on its case as taken" \
	"$(sql_int "SELECT taken FROM gap_in_case WHERE app_no = '$APP' AND kind = 'message'")" applied
t_is "the question reaches the item's department, due in 5 working days" \
	"$(sql_int "SELECT CONCAT(dept_code, ' ', due IS NOT NULL, ' ', answered_at IS NULL) FROM consult WHERE cq_no = '$QNO'")" "SCJGJ 1 1"
AFTER=$(int_count)
for b in "$TEST_VAR"/ext/bundles/*.ywb; do gap_int import "$b" >"$TMP/out" 2>&1; done
t_is "a bundle carried again adds nothing" "$(int_count) $(sql_int "SELECT COUNT(*) FROM consult")" "$AFTER 1"

# --- the window ------------------------------------------------------------------------
staff_login clerk sarengaowa
http_get clerk "$INT_URL/inbox" >/dev/null
t_like "the clerk's worklist says 新留言 on the case" "$(row "$APP")" "新留言 1"
t_like "and counts them above" "$HTTP_BODY" '新留言 1</span> 申请人在下列办件中留言'
# An observer (SUP-7) first: the message is not opened by supervision.
staff_login obs suyalatu
http_get obs "$INT_URL/sup/case?id=$CASE" >/dev/null
t_is "the observer reads the case" "$HTTP_STATUS" 200
t_like "with the message" "$HTTP_BODY" '材料已补齐&lt;b&gt;请'
t_unlike "but not the applicant's ID number" "$HTTP_BODY" "$IDNO"
t_unlike "nor their name" "$HTTP_BODY" '乌云其木格'
t_like "masked instead" "$HTTP_BODY" "申请人 乌\*\*"
t_is "still unread" "$(sql_int "SELECT read_at IS NULL FROM case_message WHERE msg_no = '$NO'")" 1
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
# Kept masked from the start (id_mask_text(): no number in clear at rest).
t_like "the clerk's case page shows it, the ID number masked" "$HTTP_BODY" \
	"我的身份证号 ${IDNO:0:6}\\*{8}${IDNO:14:4}"
t_like "marked new this once" "$HTTP_BODY" '新留言 1'
t_is "opened: read" "$(sql_int "SELECT read_at IS NOT NULL FROM case_message WHERE msg_no = '$NO'")" 1
http_get clerk "$INT_URL/inbox" >/dev/null
t_unlike "no longer new in the worklist" "$(row "$APP")" "新留言"
# The question: the department answers, supervisors watch its light.
QID=$(sql_int "SELECT id FROM consult WHERE cq_no = '$QNO'")
staff_login sup zhaoyanhong
http_get sup "$INT_URL/consults" >/dev/null
t_like "a supervisor sees the question with a green light" "$(tr -d '\n' <<<"$HTTP_BODY")" "$QNO.*light-green.*租的门面"
sql_int "UPDATE consult SET due = '2026-01-05' WHERE id = $QID"
http_get sup "$INT_URL/consults" >/dev/null
t_like "red once its deadline has passed" "$(tr -d '\n' <<<"$HTTP_BODY")" "$QNO.*light-red"
t_unlike "and may not answer it" "$HTTP_BODY" 'action="/consult/answer"'
http_get obs "$INT_URL/consults" >/dev/null
t_unlike "an observer reads it without the ID number" "$HTTP_BODY" "$IDNO"
t_unlike "or the asker's name" "$HTTP_BODY" '乌云其木格'
staff_login other_dept chenlijuan	# 住房和城乡建设局's clerk
http_get other_dept "$INT_URL/consults" >/dev/null
t_is "another department's clerk reads their own questions" "$HTTP_STATUS" 200
t_unlike "but not this one" "$HTTP_BODY" "$QNO"
csrf=$(http_get other_dept "$INT_URL/inbox" | csrf_from)
http_post other_dept "$INT_URL/consult/answer" "csrf=$csrf" "id=$QID" answer=可以 >/dev/null
t_is "nor may answer it: 409" "$HTTP_STATUS" 409
http_get clerk "$INT_URL/consults" >/dev/null
csrf=$(csrf_from <<<"$HTTP_BODY")
t_like "the item's department has it to answer" "$HTTP_BODY" 'action="/consult/answer"'
http_post clerk "$INT_URL/consult/publish" "csrf=$csrf" "id=$QID" >/dev/null
t_is "publishing before answering: 409" "$HTTP_STATUS" 409
http_post clerk "$INT_URL/consult/answer" "csrf=$csrf" "id=$QID" answer= >/dev/null
t_is "an empty answer: 422" "$HTTP_STATUS" 422
ANSWER='可以办理，申请时请附上门面的租赁合同和房产证明复印件。'
http_post clerk "$INT_URL/consult/answer" "csrf=$csrf" "id=$QID" "answer=$ANSWER" >/dev/null
t_is "answered: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /consults?done=answer"
http_post clerk "$INT_URL/consult/answer" "csrf=$csrf" "id=$QID" answer=再答一次 >/dev/null
t_is "answering twice: 409" "$HTTP_STATUS" 409
http_post clerk "$INT_URL/consult/publish" "csrf=$csrf" "id=$QID" >/dev/null
t_is "published as an FAQ: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /consults?done=publish"
FAQQ=$(sql_int "SELECT faq_question FROM consult WHERE id = $QID")
t_unlike "the published question has no ID number" "$FAQQ" "$IDNO"
t_unlike "no mobile" "$FAQQ" "$MOBILE"
t_like "no name: masked" "$FAQQ" '^我是乌\*\*，身份证 152\*+27，手机 139\*+34，'
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action IN ('consult.answer', 'consult.faq.publish') AND object = '$QNO'")" 2
# Replies refused.
case_post clerk /case/message body=
t_is "an empty reply: 422" "$HTTP_STATUS" 422
case_post clerk /case/message "body=$(repeat 复 501)"
t_is "a reply of 501 characters: 422" "$HTTP_STATUS" 422
csrf=$(http_get other_dept "$INT_URL/inbox" | csrf_from)
http_post other_dept "$INT_URL/case/message" "csrf=$csrf" "id=$CASE" body=我来回复 >/dev/null
t_is "a clerk of another department: 403" "$HTTP_STATUS" 403
csrf=$(http_get obs "$INT_URL/sup/case?id=$CASE" | csrf_from)
http_post obs "$INT_URL/case/message" "csrf=$csrf" "id=$CASE" body=我来回复 >/dev/null
t_is "an observer: 403" "$HTTP_STATUS" 403
t_is "none of these stored a reply" "$(int_count)" "$AFTER"
# The reply.
REPLY=$'已收到，材料齐全，明天受理。\n如有疑问请致电 0479-8221234。'
case_post clerk /case/message "body=$REPLY"
t_is "replied: 303 back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=message"
RNO=$(sql_int "SELECT msg_no FROM case_message WHERE dir = 'reply' AND case_id = $CASE")
t_like "numbered HF" "$RNO" '^HF[0-9]{13}$'
t_is "an event of the case, by the clerk" \
	"$(sql_int "SELECT CONCAT(action, ' ', staff_name) FROM case_event WHERE case_id = $CASE ORDER BY seq DESC LIMIT 1")" "message 萨仁高娃"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.message.reply' AND object = '$APP'")" 1
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page shows the reply and who wrote it" "$(tr -d '\n' <<<"$HTTP_BODY")" "（萨仁高娃） 回复.*明天受理"
t_like "in the case's record too" "$HTTP_BODY" '回复申请人留言'
t_is "queued for the extranet" "$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'message.reply' AND body LIKE '%$APP%'")" 1

# --- a forged reply for an application the extranet does not hold ------------------------
printf '{"type":"message.reply","no":"HF2026112100901","app_no":"YW2026112199999","author":"市场监督管理局","body":"伪造","at":"%s"}\n' "$AT" >"$TMP/forged.jsonl"
forge ext "$TMP/forged.jsonl" "$TMP/forged.ywb"
rc=0
gap_ext import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a reply for no application of the extranet: refused (exit 4)" "$rc" 4

# --- back across the gap: the applicant reads it, and the SMS goes ----------------------
SMS0=$(sms_got "$MOBILE" | wc -l)
carry int ext
t_is "the reply reaches the extranet" \
	"$(sql_ext "SELECT CONCAT(dir, ' ', author) FROM case_message WHERE msg_no = '$RNO'")" "reply 锡林浩特市市场监督管理局"
t_is "an SMS queued for the applicant" "$(sql_ext "SELECT CONCAT(COUNT(*), ' ', MAX(to_masked)) FROM sms_outbox WHERE app_no = '$APP' AND why = 'message'")" "1 139****1234"
admin_ext tick >/dev/null
sms_wait "$MOBILE" $((SMS0 + 1))
t_like "the tick sends it: the fake SMSC has it" "$(sms_got "$MOBILE" | tail -1)" "（申请编号 $APP）收到锡林浩特市市场监督管理局的留言回复"
http_get cit "$EXT_URL/consults" >/dev/null
t_like "the answer reaches 我的咨询" "$HTTP_BODY" "$ANSWER"
http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_like "the FAQ is on the guide without login" "$(tr -d '\n' <<<"$HTTP_BODY")" "常见问题.*租的门面能办食品经营许可吗.*$ANSWER"
t_unlike "without the ID number" "$HTTP_BODY" "$IDNO"
t_unlike "or the asker's name" "$HTTP_BODY" '乌云其木格'
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant's page shows the reply" "$(tr -d '\n' <<<"$HTTP_BODY")" "锡林浩特市市场监督管理局窗口回复.*明天受理"
for b in "$TEST_VAR"/int/bundles/*.ywb; do gap_ext import "$b" >/dev/null 2>&1; done
t_is "carried again: no second reply, no second SMS" \
	"$(sql_ext "SELECT CONCAT((SELECT COUNT(*) FROM case_message WHERE msg_no = '$RNO'), ' ', (SELECT COUNT(*) FROM sms_outbox WHERE app_no = '$APP' AND why = 'message'))")" "1 1"

# --- the FAQ withdrawn ----------------------------------------------------------------------
csrf=$(http_get clerk "$INT_URL/consults?f=all" | csrf_from)
http_post clerk "$INT_URL/consult/withdraw" "csrf=$csrf" "id=$QID" >/dev/null
t_is "withdrawn: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /consults?done=withdraw"
carry int ext
http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_unlike "carried: the guide no longer shows it" "$HTTP_BODY" '租的门面能办'
t_like "the asker keeps the answer" "$(sql_ext "SELECT answer FROM consult WHERE cq_no = '$QNO'")" '租赁合同'

t_done
