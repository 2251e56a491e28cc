#!/usr/bin/env bash
# complaint.sh (SUP-5, EXT-7 投诉举报; issue #8): the round trip of a
# complaint across the gap.  A citizen complains on the extranet about
# their case; the bundle carries it; a supervisor (电子监察员) assigns,
# investigates, replies and closes, each stage with its deadline; the
# bundle carries the reply back and the citizen sees it and the closed
# state.  Stops: bad input stored (too long, a line break in one line,
# bad UTF-8, someone else's application, a bad phone); a form posted twice
# making two complaints; the complainant's ID number resting in clear in
# either outbox or the intranet's table; a forged or malformed record
# taken in part; a replayed bundle changing anything; an overdue stage
# without its red light; an observer seeing the complainant's name, ID
# number or phone, or acting.
. "$(dirname "$0")/../lib.sh"
shopt -u patsub_replacement 2>/dev/null || true

TMP=$_T_DIR
CODE=152502-SCJG-XK-001
IDNO=152502199003150027		# the demo applicant 乌云其木格
PHONE=13912345678

login_ext() {	# JAR IDNO [PASSWORD]
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=${3:-Yiwang@2026}" >/dev/null
}
# complain JAR [k=v…]: a fresh form (its CSRF token and one-time key), sent
# with the fields given; sets HTTP_*.
complain() {
	local jar=$1
	shift
	apply_form "$jar" "$EXT_URL/complaint"
	http_post "$jar" "$EXT_URL/complaint" "csrf=$CSRF" "form_key=$FORM_KEY" "$@" >/dev/null
}
# sup_post JAR PATH k=v…: a POST from the complaint's page, as JAR.
sup_post() {
	local jar=$1 path=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/sup/complaint?id=$CID" | csrf_from)
	http_post "$jar" "$INT_URL$path" "csrf=$csrf" "id=$CID" "$@" >/dev/null
}
repeat() { printf "$1%.0s" $(seq 1 "$2"); }
ext_count() { sql_ext "SELECT COUNT(*) FROM complaint"; }
int_count() { sql_int "SELECT CONCAT((SELECT COUNT(*) FROM complaint), ' ', (SELECT COUNT(*) FROM complaint_event))"; }

CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
t_like "a case of the demo applicant on the intranet" "$APP" '^YW[0-9]{13}$'
carry int ext
EXT0=$(ext_count)

# --- the form ------------------------------------------------------------------
login_ext cit "$IDNO"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the application's page offers a complaint about it" "$HTTP_BODY" "href=\"/complaint\?no=$APP\""
http_get cit "$EXT_URL/my" >/dev/null
t_like "and /my links to the complaints" "$HTTP_BODY" 'href="/complaints"'
http_get cit "$EXT_URL/complaint?no=$APP" >/dev/null
t_is "the complaint form opens" "$HTTP_STATUS" 200
t_like "with the application chosen" "$HTTP_BODY" "<option value=\"$APP\" selected>"
t_like "and the catalogue's departments to choose from" "$HTTP_BODY" '<option value="SCJGJ"'
t_like "and a one-time key" "$HTTP_BODY" 'name="form_key" value="[0-9a-f]{64}"'

# --- bad input: a clear 4xx, nothing stored ----------------------------------------
complain cit about=case "app_no=$APP" "subject=$(repeat 拖 61)" body=经过
t_is "a subject of 61 characters: 422" "$HTTP_STATUS" 422
t_like "saying what to shorten" "$(alert_text)" "投诉事由太长，请控制在 60 字以内"
complain cit about=case "app_no=$APP" subject=拖延 "body=$(repeat 拖 1001)"
t_is "a text of 1001 characters: 422" "$HTTP_STATUS" 422
t_like "saying so" "$(alert_text)" "投诉内容太长，请控制在 1000 字以内"
t_like "the form comes back with what was typed" "$HTTP_BODY" 'name="subject"[^>]*value="拖延"'
complain cit about=case "app_no=$APP" subject=拖延 body=
t_is "no text: 422" "$HTTP_STATUS $(alert_text)" "422 请填写投诉内容。"
complain cit about=case "app_no=$APP" $'subject=a\nb' body=经过
t_is "a line break in the subject: 422" "$HTTP_STATUS" 422
complain cit about=case "app_no=$APP" subject=拖延 body=经过 phone=call-me
t_is "a phone that is none: 422" "$HTTP_STATUS" 422
complain cit about=mayor subject=拖延 body=经过
t_is "about something that is none: 422" "$HTTP_STATUS" 422
complain cit about=dept dept_code=NOSUCH subject=拖延 body=经过
t_is "a department not in the catalogue: 422" "$HTTP_STATUS $(alert_text)" "422 没有这个部门，请从列表中选择。"
complain cit about=case app_no=YW2026010100001 subject=拖延 body=经过
t_is "an application number that is not theirs: 422" "$HTTP_STATUS" 422
t_like "saying to choose their own" "$(alert_text)" "您名下没有这个申请编号的办件"
apply_form cit "$EXT_URL/complaint"
printf 'csrf=%s&form_key=%s&about=case&app_no=%s&subject=%%ff%%fe&body=x' "$CSRF" "$FORM_KEY" "$APP" >"$TMP/bad.txt"
http_raw cit "$EXT_URL/complaint" -H "Origin: $EXT_URL" --data-binary "@$TMP/bad.txt" >/dev/null
t_is "bytes that are not UTF-8: 400" "$HTTP_STATUS" 400
http_post cit "$EXT_URL/complaint" "csrf=$CSRF" "form_key=nokey" about=case "app_no=$APP" subject=拖延 body=经过 >/dev/null
t_is "a form without its key: 400" "$HTTP_STATUS" 400
# Another citizen names the demo applicant's application.
OTHER=$(idno 15250219900401$(printf '%03d' $((RANDOM % 1000))))
csrf=$(http_get other "$EXT_URL/register" | csrf_from)
http_post other "$EXT_URL/register" "csrf=$csrf" name=其其格 "id_number=$OTHER" mobile=13847901111 \
	password=Steppe-Wind-2026 password2=Steppe-Wind-2026 >/dev/null
register_code other 13847901111
login_ext other "$OTHER" Steppe-Wind-2026
complain other about=case "app_no=$APP" subject=拖延 body=经过
t_is "someone else's application: 422" "$HTTP_STATUS" 422
t_like "as if it did not exist" "$(alert_text)" "您名下没有这个申请编号的办件"
t_is "none of these stored anything" "$(ext_count)" "$EXT0"
t_is "nor queued anything" "$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'complaint'")" 0

# --- a complaint about the case -------------------------------------------------------
apply_form cit "$EXT_URL/complaint?no=$APP"
BODY=$'11 月提交的申请，窗口一直说在审。\n请核实。'
http_post cit "$EXT_URL/complaint" "csrf=$CSRF" "form_key=$FORM_KEY" about=case "app_no=$APP" \
	subject=办件拖延不办 "body=$BODY" "phone=$PHONE" >/dev/null
t_like "filed: 303 to the receipt" "$HTTP_STATUS $HTTP_LOCATION" '^303 /complaints\?no=TS[0-9]{13}$'
NO=${HTTP_LOCATION#*=}
http_post cit "$EXT_URL/complaint" "csrf=$CSRF" "form_key=$FORM_KEY" about=case "app_no=$APP" \
	"subject=$(repeat 拖 61)" "body=$BODY" >/dev/null
t_is "the same form again (changed even) lands on the same complaint" "$HTTP_STATUS $HTTP_LOCATION" "303 /complaints?no=$NO"
t_is "one complaint stored" "$(ext_count)" $((EXT0 + 1))
http_get cit "$EXT_URL/complaints?no=$NO" >/dev/null
t_like "the receipt shows its number" "$(tr -d '\n' <<<"$HTTP_BODY")" "投诉已提交.*$NO"
t_like "and its state" "$HTTP_BODY" "已收到，等待受理"
t_is "queued for the intranet, sealed (the ID number rests nowhere in clear)" \
	"$(sql_ext "SELECT CONCAT(COUNT(*), ' ', SUM(body LIKE 'pii1:%'), ' ', SUM(body LIKE '%$IDNO%')) FROM gap_outbox WHERE kind = 'complaint'")" "1 1 0"
t_is "the phone is sealed too" "$(sql_ext "SELECT CONCAT(phone_sealed LIKE 'pii1:%', ' ', COUNT(*)) FROM complaint WHERE cmp_no = '$NO' AND phone_sealed NOT LIKE '%$PHONE%'")" "1 1"
t_is "audited" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'complaint.file' AND object = '$NO'")" 1
# A second one, about a department, for the lights below.
complain cit about=dept dept_code=SCJGJ subject=窗口态度差 body=说话不耐烦。
t_is "a complaint about a department: 303" "$HTTP_STATUS" 303
NO2=${HTTP_LOCATION#*=}

# --- a forged or malformed complaint record is refused whole ------------------------
GOOD=$(printf '{"type":"complaint","no":"TS2026112100901","about":"dept","app_no":"","dept_code":"SCJGJ","dept_name":"市场监督管理局","person":"","subject":"伪造","body":"伪造","complainant":{"name":"乌云其木格","id_number":"%s"},"phone":"","filed_at":"%s"}' "$IDNO" "$(date -u '+%Y-%m-%d %H:%M:%S')")
BEFORE=$(int_count)
for bad in 's/"about":"dept"/"about":"mayor"/' 's/"subject":"伪造"/"subject":"<script>"/;s/"person":""/"person":"x","extra":1/' \
	"s/\"dept_code\":\"SCJGJ\"/\"dept_code\":\"..\\/..\"/" 's/"app_no":""/"app_no":"YW2026112199999"/;s/"about":"dept"/"about":"case"/;s/"dept_code":"SCJGJ","dept_name":"市场监督管理局"/"dept_code":"","dept_name":""/'; do
	{ printf '%s\n' "$GOOD" | sed 's/TS2026112100901/TS2026112100902/'; printf '%s\n' "$GOOD" | sed "$bad"; } >"$TMP/forged.jsonl"
	forge int "$TMP/forged.jsonl" "$TMP/forged.ywb"
	rc=0
	gap_int import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
	t_is "a bundle with a bad complaint record ($bad): refused with an alert (exit 4)" "$rc" 4
	t_like "naming the record" "$(cat "$TMP/out")" "第 2 条记录（投诉）"
done
t_is "and the good record before it was not taken either" "$(int_count)" "$BEFORE"

# --- across the gap -------------------------------------------------------------------
carry ext int
CID=$(sql_int "SELECT id FROM complaint WHERE cmp_no = '$NO'")
CID2=$(sql_int "SELECT id FROM complaint WHERE cmp_no = '$NO2'")
t_like "the complaint reaches the intranet" "$CID" '^[0-9]+$'
t_is "about its case, received, with a deadline to accept" \
	"$(sql_int "SELECT CONCAT(case_id, ' ', state, ' ', accept_due IS NOT NULL) FROM complaint WHERE id = $CID")" "$CASE received 1"
# The case's record of data exchange (SUP-3, db/141) names the bundle.
t_is "recorded on its case as taken, with the bundle that brought it" \
	"$(sql_int "SELECT CONCAT(kind, ' ', taken, ' ', seq) FROM gap_in_case WHERE app_no = '$APP' AND kind = 'complaint'")" \
	"complaint applied $(sql_int "SELECT MAX(seq) FROM gap_in WHERE dir = 'ext2int'")"
t_is "the one about a department, in the same bundle, names no case" \
	"$(sql_int "SELECT COUNT(*) FROM gap_in_case WHERE kind = 'complaint' AND seq = (SELECT MAX(seq) FROM gap_in WHERE dir = 'ext2int')")" 1
t_is "the complainant's ID number and phone sealed there" \
	"$(sql_int "SELECT CONCAT(id_sealed LIKE 'pii1:%', phone_sealed LIKE 'pii1:%', id_sealed LIKE '%$IDNO%') FROM complaint WHERE id = $CID")" "110"
AFTER=$(int_count)
for b in "$TEST_VAR"/ext/bundles/*.ywb; do gap_int import "$b" >"$TMP/out" 2>&1; done
t_like "a bundle carried again is known" "$(cat "$TMP/out")" "已经导入过"
t_is "and changes nothing" "$(int_count)" "$AFTER"

# --- the supervisor -------------------------------------------------------------------
staff_login sup zhaoyanhong
SUP=$(sql_int "SELECT id FROM staff WHERE login = 'zhaoyanhong'")
http_get sup "$INT_URL/sup" >/dev/null
t_like "the supervision home links to the complaints" "$HTTP_BODY" 'href="/sup/complaints"'
http_get sup "$INT_URL/sup/complaints" >/dev/null
t_is "the complaints list opens" "$HTTP_STATUS" 200
t_like "listing the complaint with a green light today" "$(tr -d '\n' <<<"$HTTP_BODY")" "$NO.*light-green"
http_get sup "$INT_URL/sup/complaints?f=nonsense" >/dev/null
t_is "a filter that is none: 400" "$HTTP_STATUS" 400
http_get sup "$INT_URL/sup/complaint?id=$CID" >/dev/null
t_is "the complaint opens" "$HTTP_STATUS" 200
t_like "with the complainant whole for the supervisor" "$HTTP_BODY" "乌云其木格"
t_like "their ID number" "$HTTP_BODY" "$IDNO"
t_like "and phone" "$HTTP_BODY" "$PHONE"
t_like "the case it is about, linked" "$HTTP_BODY" "href=\"/sup/case\?id=$CASE\""
t_like "the text as typed" "$HTTP_BODY" "窗口一直说在审"
sup_post sup /sup/complaint/investigate note=先记一笔
t_is "investigating before it is assigned: 409" "$HTTP_STATUS" 409
sup_post sup /sup/complaint/close
t_is "closing before a reply: 409" "$HTTP_STATUS" 409
sup_post sup /sup/complaint/assign "to=$SUP" days=0
t_is "a deadline of 0 days: 422" "$HTTP_STATUS" 422
sup_post sup /sup/complaint/assign "to=$SUP" days=61
t_is "a deadline of 61 days: 422" "$HTTP_STATUS" 422
sup_post sup /sup/complaint/assign "to=$(sql_int "SELECT id FROM staff WHERE login = 'sarengaowa'")" days=15
t_is "assigning to a clerk, who is no supervisor: 409" "$HTTP_STATUS" 409
sup_post sup /sup/complaint/assign "to=$SUP" days=15
t_is "assigned: 303 back to the complaint" "$HTTP_STATUS $HTTP_LOCATION" "303 /sup/complaint?id=$CID&done=assign"
t_is "assigned, with a reply deadline" \
	"$(sql_int "SELECT CONCAT(state, ' ', assignee_id, ' ', reply_due IS NOT NULL) FROM complaint WHERE id = $CID")" "assigned $SUP 1"
sup_post sup /sup/complaint/investigate "note=$(repeat 查 1001)"
t_is "a note of 1001 characters: 422" "$HTTP_STATUS" 422
sup_post sup /sup/complaint/investigate note=已电话询问市场监督管理局，材料齐全但承办人休假。
t_is "investigated" "$(sql_int "SELECT state FROM complaint WHERE id = $CID")" investigating
sup_post sup /sup/complaint/reply reply=
t_is "an empty reply: 422" "$HTTP_STATUS" 422
REPLY=$'经核实，承办人休假未交接，已责令市场监督管理局于 3 个工作日内办结。\n感谢您的监督。'
sup_post sup /sup/complaint/reply "reply=$REPLY"
t_is "replied" "$(sql_int "SELECT CONCAT(state, ' ', close_due IS NOT NULL) FROM complaint WHERE id = $CID")" "replied 1"
sup_post sup /sup/complaint/reply reply=再答复一次
t_is "a second reply: 409" "$HTTP_STATUS" 409
http_get sup "$INT_URL/sup/complaint?id=$CID" >/dev/null
t_like "the history shows each stage" "$(tr -d '\n' <<<"$HTTP_BODY")" "收到.*交办.*调查.*已电话询问.*答复"
t_is "each action audited" \
	"$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE object = '$NO' AND action LIKE 'sup.complaint.%'")" \
	"sup.complaint.assign,sup.complaint.investigate,sup.complaint.reply"

# --- the observer ---------------------------------------------------------------------
staff_login obs suyalatu
http_get obs "$INT_URL/sup/complaints?f=all" >/dev/null
t_is "the observer reads the list" "$HTTP_STATUS" 200
t_like "with the name masked" "$HTTP_BODY" "乌\*\*"
t_unlike "never whole" "$HTTP_BODY" "乌云其木格"
http_get obs "$INT_URL/sup/complaint?id=$CID" >/dev/null
t_is "and the complaint" "$HTTP_STATUS" 200
t_unlike "without the name" "$HTTP_BODY" "乌云其木格"
t_unlike "the ID number" "$HTTP_BODY" "$IDNO"
t_like "(masked)" "$HTTP_BODY" "${IDNO:0:6}\*{8}${IDNO:14:4}"
t_unlike "or the phone" "$HTTP_BODY" "$PHONE"
t_unlike "and no form to act" "$HTTP_BODY" 'action="/sup/complaint/'
sup_post obs /sup/complaint/close note=监督员办结
t_is "an observer's POST: 403" "$HTTP_STATUS" 403
t_is "which changed nothing" "$(sql_int "SELECT state FROM complaint WHERE id = $CID")" replied
# The look above, and the one sup_post made for the form's token.
t_is "the observer's looks are audited" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe' AND object = '/sup/complaint' AND detail = 'GET id=$CID'")" 2

# --- closed, and back to the citizen -----------------------------------------------------
sup_post sup /sup/complaint/close note=投诉人诉求已解决。
t_is "closed" "$(sql_int "SELECT CONCAT(state, ' ', closed_at IS NOT NULL) FROM complaint WHERE id = $CID")" "closed 1"
sup_post sup /sup/complaint/close
t_is "closing again: 409" "$HTTP_STATUS" 409
t_is "four state changes queued for the extranet" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'complaint.state' AND body LIKE '%$NO%'")" 4
http_get sup "$INT_URL/sup/complaints?f=closed" >/dev/null
t_like "it is listed as closed" "$HTTP_BODY" "$NO"
http_get sup "$INT_URL/sup/complaints" >/dev/null
t_unlike "and no longer among the open ones" "$HTTP_BODY" "$NO<"
carry int ext
t_is "the extranet has the reply and the closed state" \
	"$(sql_ext "SELECT CONCAT(state, ' ', seq, ' ', reply = '$REPLY') FROM complaint WHERE cmp_no = '$NO'")" "closed 4 1"
http_get cit "$EXT_URL/complaints" >/dev/null
t_like "the citizen sees the reply" "$HTTP_BODY" "已责令市场监督管理局于 3 个工作日内办结"
t_like "and that it is closed" "$(tr -d '\n' <<<"$HTTP_BODY")" "$NO.*已办结"
http_get other "$EXT_URL/complaints" >/dev/null
t_unlike "another citizen does not" "$HTTP_BODY" "$NO"
SNAP=$(sql_ext "SELECT CONCAT(state, seq, updated_at) FROM complaint WHERE cmp_no = '$NO'")
for b in "$TEST_VAR"/int/bundles/*.ywb; do gap_ext import "$b" >"$TMP/out" 2>&1; done
t_like "the reply's bundle carried again is known" "$(cat "$TMP/out")" "已经导入过"
t_is "and changes nothing" "$(sql_ext "SELECT CONCAT(state, seq, updated_at) FROM complaint WHERE cmp_no = '$NO'")" "$SNAP"
# Forged state records (refused, so the sequence of real bundles stays
# whole for the scripts after this one): of a complaint the extranet does
# not have, or with a reply where the state has none.
STATE='{"type":"complaint.state","no":"@NO@","seq":@SEQ@,"state":"assigned","state_label":"已受理，正在调查","at":"2026-11-25 02:00:00","reply":"","due":""}'
printf '%s\n' "${STATE//@NO@/TS2026112100999}" | sed 's/@SEQ@/9/' >"$TMP/forged.jsonl"
forge ext "$TMP/forged.jsonl" "$TMP/forged.ywb"
rc=0
gap_ext import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a state record of a complaint the extranet does not have: refused (exit 4)" "$rc" 4
t_like "saying so" "$(cat "$TMP/out")" "本站没有这件投诉"
printf '%s\n' "${STATE//@NO@/$NO}" | sed 's/@SEQ@/1/;s/"reply":""/"reply":"伪造"/' >"$TMP/forged.jsonl"
forge ext "$TMP/forged.jsonl" "$TMP/forged.ywb"
rc=0
gap_ext import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a reply on a state that has none: refused (exit 4)" "$rc" 4

# --- an overdue stage shows red ----------------------------------------------------------
# The department complaint was never accepted: 2 working days after it was
# filed, that stage is late.
clock_at "$(date -d '+12 days' '+%Y-%m-%d') 10:00"
staff_login late zhaoyanhong	# sessions of twelve days ago have ended
http_get late "$INT_URL/sup/complaints?f=overdue" >/dev/null
t_like "past its deadline, the complaint shows red" "$(tr -d '\n' <<<"$HTTP_BODY")" "$NO2.*light-red.*已超期"
t_unlike "a closed one never" "$HTTP_BODY" "$NO<"
http_get late "$INT_URL/sup/complaint?id=$CID2" >/dev/null
t_like "and on its page" "$HTTP_BODY" 'light-red'
clock_real
http_get sup "$INT_URL/sup/complaints?f=overdue" >/dev/null
t_unlike "today, nothing is overdue" "$HTTP_BODY" "$NO2"

t_done
