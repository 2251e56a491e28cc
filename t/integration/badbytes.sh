#!/usr/bin/env bash
# badbytes.sh: bytes that are not text never reach a page, and never end a
# worker (SEC-4, review F3: an encoded surrogate in a remark made
# json_pack() fail and the worker abort(); 88 of them left the extranet
# with no worker at all).
# Over 1,000 requests to the routes that store text (an application's
# remark and files, a case's reason or opinion, a registration, a search,
# the catalogue editor, a query) carry, one field at a time, in the value
# or in the field's name: an encoded surrogate, overlong forms, a code
# point past U+10FFFF, stray and missing continuation bytes, NUL (raw and
# as %00), ESC and DEL (see hostile.pl, "bytes").  Every one is answered
# 400 with a page that says what to do, nothing is stored, no worker
# ends, and both sites serve normally afterwards.
. "$(dirname "$0")/../lib.sh"

N=$$
TMP=$_T_DIR
CODE=152502-SCJG-XK-001
PW=Badbytes-2026x
t_pdf "$TMP/apply.pdf"

stored() {
	printf '%s %s %s %s\n' "$(sql_ext "SELECT COUNT(*) FROM application")" \
		"$(sql_ext "SELECT COUNT(*) FROM citizen")" \
		"$(sql_int "SELECT COUNT(*) FROM opinion")" \
		"$(sql_int "SELECT COUNT(*) FROM case_event")"
}
# bad SITE JAR METHOD PATH FORM [NAME=VALUE…]: the route's requests with
# bytes that are not text, without the valid one at the end.
bad() {
	HOSTILE_BASE=0 hostile_route "$1" "$2" "$3" "$4" "$5" bytes "${@:6}"
}

IDC=$(test_id 1)
IDR=$(test_id 2)
YIWANG_PASSWORD=$PW admin_ext citizen-add "$IDC" 字节测试 13900000005 >/dev/null
YIWANG_PASSWORD=$PW admin_ext citizen-add "$IDR" 字节测试 13900000006 >/dev/null
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDC" "password=$PW" "next=/my" >/dev/null
t_is "an applicant logs in" "$HTTP_STATUS" 303
mapfile -t uploads < <(required_uploads "$CODE" "$TMP/apply.pdf")
apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "remark=字节测试" \
	"${uploads[@]/%/;type=application/pdf}" >/dev/null
APP=${HTTP_LOCATION#*=}
t_like "and applies" "$APP" '^YW[0-9]+$'
t_ok "the application crosses to the intranet" carry ext int
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
staff_login clerk sarengaowa
staff_login admin liuxiaomei
ICODE=H2BB-$N
csrf=$(http_get admin "$INT_URL/catalog" | csrf_from)
http_post admin "$INT_URL/catalog/new" "csrf=$csrf" "code=$ICODE" "name=字节测试事项" \
	"dept_code=SCJGJ" "kind=行政许可" "level=县级" >/dev/null
t_is "an item draft to edit" "$HTTP_STATUS" 303

ext_before=$(site_workers ext)
int_before=$(site_workers int)
stored_before=$(stored)
: >"$_T_DIR/results"
start=$(date +%s)
for _ in 1 2; do
	bad ext citizen POSTM /apply "/apply?code=$CODE" code=$CODE remark=说明 "${uploads[@]}"
	bad int clerk POST /case/act "/case?id=$CASE" id=$CASE action=reject text=材料不全
	bad ext reg POST /register /register name=字节测试 id_number=$IDR mobile=13900000006 \
		password=$PW password2=$PW
	bad ext anon GET /search - q=食品
	bad ext anon POST /query /query app_no=$APP id_number=$IDC
	bad int admin POST /catalog/edit "/catalog/edit?code=$ICODE&v=1" basis=依据 hours=全天
done
total=$(wc -l <"$TMP/results")
t_diag "$total requests with bytes that are not text in $(($(date +%s) - start)) s"
t_like "over 1,000 of them" "$total" '^[1-9][0-9]{3,}$'
t_is "every one answered 400" "$(grep -vE '^[a-z]+ [A-Z]+ [^ ]+ 400 ' "$TMP/results" | head -n 20)" ""
t_is "and nothing was stored (applications, citizens, opinions, case events)" "$(stored)" "$stored_before"
t_is "no extranet worker ended" "$(site_workers ext)" "$ext_before"
t_is "no intranet worker ended" "$(site_workers int)" "$int_before"

# The page that answers them.
apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "remark=$(printf '说明\xed\xa0\x80')" \
	"${uploads[@]/%/;type=application/pdf}" >/dev/null
t_is "the review's remark (ED A0 80) is refused: 400" "$HTTP_STATUS" 400
t_like "with a page in Chinese that says what to do" "$HTTP_BODY" '无法识别的字符.*删除这些字符或重新输入后再提交'
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" "action=reject" "text=$(printf '理由\xed\xa0\x80')" >/dev/null
t_is "and so is the review's refusal reason on the intranet" "$HTTP_STATUS" 400
# A reason is counted in characters, as case.cs's maxlength counts: 1,300
# Chinese characters (3,900 bytes) pass the length check, 1,301 do not.
long=$(printf '缺%.0s' $(seq 1 1301))
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" "action=reject" "text=$long" >/dev/null
t_is "a reason of 1,301 characters: 400" "$HTTP_STATUS" 400
t_like "saying how long it is and how long it may be" "$HTTP_BODY" "意见或理由太长（1301 字），请控制在 1300 字以内。"
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" "action=nosuch" "text=${long:1}" >/dev/null
t_is "1,300 characters pass the length check (and reach the action's)" "$HTTP_STATUS" 409
# A text part is a file only when the kit would take it for one: a
# "filename" elsewhere in its header does not let a NUL through (the kit
# would store "AB" and drop the rest).
mp() { # PART-HEADER-PARAMS: a multipart body with one part holding AB NUL CD
	printf -- '--yw-b\r\nContent-Disposition: form-data; %s\r\n\r\nAB\0CD\r\n--yw-b--\r\n' "$1" \
		>"$TMP/mp.body"
	http_raw citizen "$EXT_URL/apply" -H "Origin: $EXT_URL" \
		-H "Content-Type: multipart/form-data; boundary=yw-b" --data-binary "@$TMP/mp.body" >/dev/null
}
mp 'name="remark"; x="filename"'
t_is "a NUL in a text part whose header merely mentions filename: 400" "$HTTP_STATUS" 400
mp 'name="remark"; filenamex="a"'
t_is "nor when a parameter's name only starts with it: 400" "$HTTP_STATUS" 400
mp 'name="m1"; filename="a.pdf"'
t_is "a NUL in a file part is data, and the request goes on (to its CSRF check)" "$HTTP_STATUS" 403
t_is "which stays unrefused" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" received

apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "remark=字节测试之后" \
	"${uploads[@]/%/;type=application/pdf}" >/dev/null
t_is "after all of it an application goes through" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" "action=accept" >/dev/null
t_is "and a case is accepted" "$HTTP_STATUS" 303
ok=0
for _ in $(seq 1 20); do
	[[ $(curl -s -o /dev/null -w '%{http_code}' "$EXT_URL/guide?code=$CODE") == 200 ]] && ok=$((ok + 1))
	[[ $(curl -s -o /dev/null -w '%{http_code}' "$INT_URL/login") == 200 ]] && ok=$((ok + 1))
done
t_is "both sites serve every request after" "$ok" 40
t_is "from the same workers" "$(site_workers ext)/$(site_workers int)" "$ext_before/$int_before"

t_done
