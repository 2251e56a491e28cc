#!/usr/bin/env bash
# 00-slice.sh (runs first, on the fresh test stack): the walking skeleton end to end (issue #2, steps a–f) over HTTP
# through nginx, against the two separate databases of the test stack:
# catalogue → gap → application → gap → approval → gap → result.
# Also: a refused upload stores nothing, a replayed bundle changes nothing,
# a bundle with one byte changed is refused whole, a row that commits late
# is still exported, and workers killed mid-run are replaced.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
IDNO=152502198807120048		# 格日勒图雅, check digit 8
NAME=格日勒图雅
PW=Caoyuan-2026
TMP=$_T_DIR

# A small real PDF, and a file that only pretends to be one.
t_pdf "$TMP/apply.pdf"
printf 'GIF89a not a pdf at all\n' >"$TMP/fake.pdf"

count_ext() { sql_ext "SELECT COUNT(*) FROM $1"; }
count_int() { sql_int "SELECT COUNT(*) FROM $1"; }
# Files in a site's attachment store (not counting its tmp/).
store_files() { find "$TEST_VAR/$1/files" -path '*/tmp' -prune -o -type f -print | wc -l; }
# Kill every yiwang.fcgi worker of a site with SIGKILL (not the supervisor,
# whose command line names the binary too).
kill_workers() {
	local pids
	pids=$(pgrep -x "yiwang.fcgi" | while read -r p; do
		grep -qz "YIWANG_CONF=$TEST_VAR/$1/" "/proc/$p/environ" 2>/dev/null && echo "$p"
	done)
	[[ -n $pids ]] && kill -9 $pids
}

# --- a. the catalogue on the intranet ---------------------------------------
t_is "a: intranet has the published item" \
	"$(sql_int "SELECT name FROM item WHERE code='$CODE' AND status='published'")" \
	"食品经营许可证核发（新办）"
t_is "a: its procedure is 受理 → 承办 → 批准 with limits" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(s.name, s.days) ORDER BY s.seq) FROM item_step s JOIN item i ON i.id = s.item_id WHERE i.code='$CODE'")" \
	"受理1,承办3,批准1"
t_is "a: clerk, handler, leader and admin exist" \
	"$(sql_int "SELECT GROUP_CONCAT(login ORDER BY login) FROM staff WHERE login IN ('sarengaowa', 'wangzhiqiang', 'bateer', 'liuxiaomei') AND active = 1")" \
	"bateer,liuxiaomei,sarengaowa,wangzhiqiang"

# --- b. the catalogue crossed the gap ---------------------------------------
t_is "b: the extranet imported the item from a bundle" \
	"$(sql_ext "SELECT CONCAT(status, ' v', version) FROM item WHERE code='$CODE'")" "published v1"
t_is "b: its materials arrive intact" \
	"$(sql_ext "SELECT GROUP_CONCAT(CONCAT(m.seq, ':', m.copies, ':', m.required) ORDER BY m.seq) FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE'")" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(m.seq, ':', m.copies, ':', m.required) ORDER BY m.seq) FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.status='published'")"
t_like "b: the guide shows the number of copies" \
	"$(curl -s "$EXT_URL/guide?code=$CODE" | grep -A1 'data-label="份数"' | head -1)" '>1<'
t_is "b: the bundle is recorded as imported" "$(sql_ext "SELECT COUNT(*) FROM gap_in WHERE dir='int2ext'")" 1
http_get anon "$EXT_URL/" >/dev/null
t_is "b: extranet home answers" "$HTTP_STATUS" 200
t_like "b: home offers its department" "$HTTP_BODY" "href=\"/browse\?by=dept&amp;v=SCJGJ\""
http_get anon "$EXT_URL/browse?by=dept&v=SCJGJ" >/dev/null
t_like "b: the department's items have the item" "$HTTP_BODY" "食品经营许可证核发（新办）"
http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_is "b: guide page answers" "$HTTP_STATUS" 200
t_like "b: guide shows the legal basis" "$HTTP_BODY" "中华人民共和国食品安全法"
t_like "b: guide shows the required material" "$HTTP_BODY" "食品经营许可申请材料"
t_like "b: guide offers online application" "$HTTP_BODY" "/apply\?code=$CODE"
t_like "b: security headers are sent" "$(cat "$HTTP_HEADERS_FILE")" "Content-Security-Policy: .*frame-ancestors 'none'"
http_get anon "$EXT_URL/guide?code=NO-SUCH" >/dev/null
t_is "b: unknown item is 404" "$HTTP_STATUS" 404
http_get anon "$INT_URL/guide?code=$CODE" >/dev/null
t_is "b: an extranet route does not exist on the intranet" "$HTTP_STATUS" 404
http_get anon "$EXT_URL/inbox" >/dev/null
t_is "b: an intranet route does not exist on the extranet" "$HTTP_STATUS" 404

# --- c. register, log in, apply ---------------------------------------------
csrf=$(http_get citizen "$EXT_URL/register" | csrf_from)
t_isnt "c: register form carries a CSRF token" "$csrf" ""
http_post citizen "$EXT_URL/register" "csrf=$csrf" "name=$NAME" "id_number=152502198807120045" \
	"mobile=13904791234" "password=$PW" "password2=$PW" >/dev/null
t_is "c: a wrong check digit is refused" "$HTTP_STATUS" 422
t_like "c: and says what is wrong" "$HTTP_BODY" "身份证号码不正确"
http_post citizen "$EXT_URL/register" "name=$NAME" "id_number=$IDNO" \
	"mobile=13904791234" "password=$PW" "password2=$PW" >/dev/null
t_is "c: a POST without the CSRF token is refused" "$HTTP_STATUS" 403
t_is "c: and nobody was registered" "$(count_ext citizen)" "$(sql_ext "SELECT COUNT(*) FROM citizen WHERE id_hash <> '$(pii_hash ext citizen.id_number "$IDNO")'")"
http_post citizen "$EXT_URL/register" "csrf=$csrf" "name=$NAME" "id_number=$IDNO" \
	"mobile=13904791234" "password=$PW" "password2=$PW" >/dev/null
t_is "c: registration asks for the SMS code" "$HTTP_STATUS $(grep -c 'name="code"' <<<"$HTTP_BODY")" "200 1"
register_code citizen 13904791234
t_is "c: registration succeeds with it" "$HTTP_STATUS" 200
t_like "c: and asks to log in" "$HTTP_BODY" "请用刚才设置的密码登录"
t_is "c: the citizen row is stored with a KDF hash" \
	"$(sql_ext "SELECT CONCAT(name, ' ', LEFT(pw_hash, 7)) FROM citizen WHERE id = $(citizen_of "$IDNO")")" "$NAME scrypt\$"
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=$PW" "next=/my" >/dev/null
t_is "c: the new account logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
t_like "c: the session cookie is HttpOnly and SameSite" "$(cat "$HTTP_HEADERS_FILE")" "yw_sid=[0-9a-f]{64}; .*HttpOnly; SameSite=Lax"
t_is "c: only the hash of the session token is stored" \
	"$(sql_ext "SELECT COUNT(*) FROM session WHERE token_hash = SHA2('$(awk '$6=="__Host-yw_sid"{print $7}' "$_T_DIR/jar.citizen")', 256)")" 1

# Log out and in again: a new session each time.
page=$(http_get citizen "$EXT_URL/my"); http_last
t_is "c: my applications page needs and has the login" "$HTTP_STATUS" 200
csrf=$(csrf_from <<<"$page")
http_post citizen "$EXT_URL/logout" "csrf=$csrf" >/dev/null
http_get citizen "$EXT_URL/my" >/dev/null
t_is "c: after logout the page asks for login" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"
csrf=$(http_get citizen "$EXT_URL/login?next=/my" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=wrong-password" "next=/my" >/dev/null
t_is "c: a wrong password is refused" "$HTTP_STATUS" 422
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=$PW" "next=/my" >/dev/null
t_is "c: login succeeds and returns to the page asked for" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"

apply_form citizen "$EXT_URL/apply?code=$CODE"; page=$HTTP_BODY
t_is "c: application form answers" "$HTTP_STATUS" 200
t_like "c: it shows the applicant's masked ID number" "$page" "152502\*{8}0048"
csrf=$(csrf_from <<<"$page")
key=$(form_field form_key <<<"$page")
files_before=$(store_files ext)
http_upload citizen "$EXT_URL/apply" "csrf=$csrf" "form_key=$key" "code=$CODE" "remark=新开一家奶茶店" \
	"m1=@$TMP/fake.pdf;type=application/pdf" >/dev/null
t_is "c: a non-PDF (by content) is refused" "$HTTP_STATUS" 422
t_like "c: with a message that says what to do" "$HTTP_BODY" "不是 PDF 文件"
t_is "c: and nothing was stored: no application" "$(count_ext application)" 0
t_is "c: and no file" "$(store_files ext)" "$files_before"
http_upload citizen "$EXT_URL/apply" "csrf=$csrf" "form_key=$key" "code=$CODE" "remark=新开一家奶茶店" >/dev/null
t_is "c: a missing required material is refused" "$HTTP_STATUS" 422
head -c $((11 * 1024 * 1024)) /dev/zero | cat "$TMP/apply.pdf" - >"$TMP/big.pdf"
http_upload citizen "$EXT_URL/apply" "csrf=$csrf" "form_key=$key" "code=$CODE" "m1=@$TMP/big.pdf;type=application/pdf" >/dev/null
t_is "c: an attachment over 10 MB is refused" "$HTTP_STATUS" 422
t_like "c: with a message about the size" "$HTTP_BODY" "超过 10 MB"
http_upload citizen "$EXT_URL/apply" "csrf=$csrf" "form_key=$key" "code=$CODE" "remark=新开一家奶茶店，经营面积 60 平方米" \
	"m1=@$TMP/apply.pdf;type=application/pdf" >/dev/null
t_is "c: a good application is accepted" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
APP=${HTTP_LOCATION#*=}
t_like "c: it has an application number" "$APP" '^YW[0-9]{8}[0-9]{5}$'
http_get citizen "$EXT_URL/receipt?no=$APP" >/dev/null
t_is "c: the receipt answers" "$HTTP_STATUS" 200
t_like "c: the receipt shows the number" "$HTTP_BODY" "$APP"
t_is "c: the application row is stored" \
	"$(sql_ext "SELECT CONCAT(state, ' ', applicant_name, ' ', item_version) FROM application WHERE app_no='$APP'")" "submitted $NAME 1"
t_is "c: its attachment row names the stored file" \
	"$(sql_ext "SELECT CONCAT(mime, ' ', size) FROM attachment WHERE app_no='$APP'")" "application/pdf $(stat -c %s "$TMP/apply.pdf")"
sha=$(sql_ext "SELECT sha256 FROM attachment WHERE app_no='$APP'")
t_is "c: the stored file is the uploaded one" "$(sha256sum <"$TEST_VAR/ext/files/${sha:0:2}/${sha:2:2}/$sha" | cut -d' ' -f1)" \
	"$(sha256sum <"$TMP/apply.pdf" | cut -d' ' -f1)"
http_get stranger "$EXT_URL/receipt?no=$APP" >/dev/null
t_is "c: a stranger is sent to log in" "$HTTP_STATUS" 303

# --- d. the application crosses the gap ----------------------------------
out=$(gap_ext export 2>"$TMP/gap.err"); rc=$?
t_is "d: extranet export succeeds" "$rc" 0
B1=$(tail -n 1 <<<"$out")
t_ok "d: it wrote the bundle" test -s "$B1"
t_ok "d: the bundle verifies on the intranet" gap_int verify "$B1"
t_is "d: a second export has nothing to send" "$(gap_ext export >/dev/null 2>&1; echo $?)" 3

# Workers killed mid-run are replaced, and requests after it succeed.
kill_workers ext
kill_workers int
ok=0
for _ in $(seq 1 50); do
	http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null 2>&1
	if [[ $HTTP_STATUS == 200 ]]; then ok=1; break; fi
	sleep 0.2
done
t_is "d: after SIGKILL of every extranet worker, pages answer again" "$ok" 1

cp "$B1" "$TMP/tampered.ywb"
size=$(stat -c %s "$B1")
printf '\x5a' | dd of="$TMP/tampered.ywb" bs=1 seek=$((size / 2)) conv=notrunc status=none
gap_int import "$TMP/tampered.ywb" >"$TMP/out" 2>&1; rc=$?
t_isnt "d: a bundle with one byte changed is refused" "$rc" 0
t_like "d: with a clear message" "$(cat "$TMP/out")" "拒绝导入"
t_is "d: and nothing of it was imported" "$(count_int kase) $(count_int gap_in)" "0 0"
gap_int import "$B1" >"$TMP/out" 2>&1; rc=$?
t_is "d: the real bundle imports" "$rc" 0
t_like "d: and says what it imported" "$(cat "$TMP/out")" "申请 1"
t_is "d: the case is on the intranet" \
	"$(sql_int "SELECT CONCAT(state, ' ', applicant_name, ' ', item_version) FROM kase WHERE app_no='$APP'")" "received $NAME 1"
t_ok "d: its attachment arrived in the intranet store" test -s "$TEST_VAR/int/files/${sha:0:2}/${sha:2:2}/$sha"
gap_int import "$B1" >"$TMP/out" 2>&1; rc=$?
t_is "d: importing the same bundle again succeeds" "$rc" 0
t_like "d: and says nothing changed" "$(cat "$TMP/out")" "已经导入过"
t_is "d: and changed nothing" "$(count_int kase) $(count_int gap_in)" "1 1"

# A row whose transaction commits after a later row's is still exported:
# no "id > last exported" watermark.  Whether export waits for it or takes
# it next time, it must arrive.
LATE=YW2099010100001
# As the form makes it (the intranet validates every record): its required
# material is the file the first application stored.
mat1=$(sql_ext "SELECT m.name FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.status='published' AND m.seq=1")
late_att="{\"material_seq\":1,\"material_name\":\"$mat1\",\"file_name\":\"申请材料.pdf\",\"sha256\":\"$sha\",\"size\":$(stat -c %s "$TMP/apply.pdf"),\"mime\":\"application/pdf\"}"
late_rec="{\"type\":\"application\",\"app_no\":\"$LATE\",\"item_code\":\"$CODE\",\"item_version\":1,\"item_name\":\"食品经营许可证核发（新办）\",\"applicant\":{\"name\":\"阿拉坦仓\",\"id_number\":\"15250219750101001X\",\"mobile\":\"13847901111\"},\"remark\":\"\",\"submitted_at\":\"$(date -u "+%Y-%m-%d %H:%M:%S")\",\"attachments\":[$late_att],\"files\":[\"$sha\"]}"
( mariadb --no-defaults --socket="$TEST_VAR/ext/mysqld.sock" -uroot yiwang -e \
	"BEGIN; INSERT INTO application (app_no, citizen_id, item_id, item_code, item_version, item_name, applicant_name, id_hash, id_sealed, mobile_sealed, remark, state, state_label, submitted_at, updated_at) SELECT '$LATE', a.citizen_id, i.id, i.code, i.version, i.name, '阿拉坦仓', a.id_hash, a.id_sealed, a.mobile_sealed, '', 'submitted', '已提交', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM application a, item i WHERE a.app_no = '$APP' AND i.code = '$CODE' AND i.status = 'published'; INSERT INTO gap_outbox (kind, body, created_at) VALUES ('application', '$late_rec', UTC_TIMESTAMP()); SELECT SLEEP(3); COMMIT;" >/dev/null ) &
late_pid=$!
sleep 1
apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "m1=@$TMP/apply.pdf;type=application/pdf" >/dev/null
APP2=${HTTP_LOCATION#*=}
B2=$(gap_ext export 2>/dev/null | tail -n 1)
wait "$late_pid"
t_is "d: the late row has the lower id" \
	"$(sql_ext "SELECT (SELECT id FROM gap_outbox WHERE body LIKE '%$LATE%') < (SELECT MAX(id) FROM gap_outbox WHERE kind='application')")" 1
gap_ext export >/dev/null 2>&1
t_is "d: after the next export no committed row is left unexported" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE bundle_seq IS NULL")" 0
apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "m1=@$TMP/apply.pdf;type=application/pdf" >/dev/null
APP3=${HTTP_LOCATION#*=}
B_LAST=$(gap_ext export 2>/dev/null | tail -n 1)
gap_int import "$B_LAST" >"$TMP/out" 2>&1; rc=$?
t_is "d: a bundle out of order is held (an earlier one is missing)" "$rc" 5
t_like "d: and names the missing one" "$(cat "$TMP/out")" "已核验并暂存.*还缺第 2 号"
for b in "$TEST_VAR"/ext/bundles/*.ywb; do
	gap_int import "$b" >/dev/null 2>&1 || true
done
t_is "d: imported in order, every bundle is in" \
	"$(sql_int "SELECT COUNT(*) FROM gap_in")" "$(ls "$TEST_VAR"/ext/bundles/*.ywb | wc -l)"
t_is "d: the late, the on-time and the last application all arrived" \
	"$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no IN ('$APP2', '$LATE', '$APP3')")" 3

# --- e. accept, sign, approve on the intranet --------------------------------
# staff_login JAR LOGIN
staff_login() {
	local csrf
	csrf=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$csrf" "login=$2" "password=Yiwang@2026" >/dev/null
}
CASE=$(sql_int "SELECT id FROM kase WHERE app_no='$APP'")
# act JAR ACTION [k=v…]
act() {
	local jar=$1 action=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_post "$jar" "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" "action=$action" "$@" >/dev/null
}

http_get clerk "$INT_URL/inbox" >/dev/null
t_is "e: the inbox needs a login" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"
staff_login clerk sarengaowa
t_is "e: the clerk logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
http_get clerk "$INT_URL/inbox" >/dev/null
t_like "e: the clerk's inbox lists the application" "$HTTP_BODY" "$APP"
act clerk approve
t_is "e: the clerk cannot approve" "$HTTP_STATUS" 409
act clerk accept
t_is "e: the clerk accepts" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=accept"
DOC1=$(sql_int "SELECT doc_no FROM document WHERE app_no='$APP' AND kind='accept'")
t_like "e: a 受理通知书 is numbered" "$DOC1" "^锡市监受字〔20[0-9]{2}〕[0-9]{4}号$"
http_get clerk "$INT_URL/doc?no=$DOC1" >/dev/null
t_is "e: the printable 受理通知书 page answers" "$HTTP_STATUS" 200
t_like "e: it is the acceptance notice for this application" "$HTTP_BODY" "受理通知书"
t_like "e: naming the applicant" "$HTTP_BODY" "$NAME"
t_like "e: and who received it (INT-2)" "$HTTP_BODY" "受理人：萨仁高娃"
act clerk accept
t_is "e: accepting twice is refused" "$HTTP_STATUS" 409

staff_login handler wangzhiqiang
http_get handler "$INT_URL/inbox" >/dev/null
t_like "e: the handler's inbox now lists it" "$HTTP_BODY" "$APP"
act handler sign "verdict=agree"
t_is "e: an opinion needs its text" "$HTTP_STATUS" 409
act handler sign "verdict=agree" "text=经现场核查，经营场所、设备设施符合要求，建议准予许可。"
t_is "e: the handler signs" "$HTTP_STATUS" 303
t_is "e: the signed opinion is stored with the real name" \
	"$(sql_int "SELECT CONCAT(staff_name, ' ', verdict) FROM opinion WHERE case_id=$CASE AND step_seq=2")" "王志强 agree"
mariadb --no-defaults --socket="$TEST_VAR/int/mysqld.sock" -uroot yiwang \
	-e "UPDATE opinion SET text='改过的意见' WHERE case_id=$CASE" >"$TMP/out" 2>&1; rc=$?
t_isnt "e: a signed opinion cannot be edited, even in SQL" "$rc" 0
t_unlike "e: and its text is unchanged" "$(sql_int "SELECT text FROM opinion WHERE case_id=$CASE")" "改过"

staff_login leader bateer
act leader approve
t_is "e: the leader approves" "$HTTP_STATUS" 303
t_is "e: the case is decided" "$(sql_int "SELECT state FROM kase WHERE id=$CASE")" approved
DOC2=$(sql_int "SELECT doc_no FROM document WHERE app_no='$APP' AND kind='approve'")
http_get leader "$INT_URL/doc?no=$DOC2" >/dev/null
t_like "e: the printable 准予行政许可决定书 page" "$HTTP_BODY" "准予行政许可决定书"
t_is "e: every transition has its event row" \
	"$(sql_int "SELECT GROUP_CONCAT(action ORDER BY seq) FROM case_event WHERE case_id=$CASE")" "receive,accept,sign,approve"
t_is "e: and its outbox row" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind='case.event' AND body LIKE '%$APP%'")" 4
t_is "e: and its audit row" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE object='$APP'")" 3
http_get handler "$INT_URL/inbox" >/dev/null
t_unlike "e: the handler's to-do list no longer has it" "$(sed -n '/已办/q;p' <<<"$HTTP_BODY")" "$APP"

# --- f. the result travels back ---------------------------------------------
B4=$(gap_int export 2>/dev/null | tail -n 1)
t_ok "f: intranet export writes a bundle" test -s "$B4"
t_ok "f: the extranet imports it" gap_ext import "$B4"
t_is "f: the extranet application is decided" \
	"$(sql_ext "SELECT state FROM application WHERE app_no='$APP'")" approved
http_get citizen "$EXT_URL/app?no=$APP" >/dev/null
t_is "f: the citizen's application page answers" "$HTTP_STATUS" 200
t_like "f: it shows the decision state" "$HTTP_BODY" "准予许可"
t_like "f: and the timeline" "$HTTP_BODY" "承办环节已完成"
t_unlike "f: but not the internal review opinion" "$HTTP_BODY" "经现场核查"
t_like "f: and links the decision" "$HTTP_BODY" "准予行政许可决定书"
http_get citizen "$EXT_URL/doc?no=$DOC1" >/dev/null
t_like "f: the applicant's 受理通知书 names who received it (INT-2)" \
	"$HTTP_BODY" "受理人：萨仁高娃"
http_get citizen "$EXT_URL/doc?no=$DOC2" >/dev/null
t_is "f: the citizen can open the decision" "$HTTP_STATUS" 200
t_like "f: which names the department" "$HTTP_BODY" "锡林浩特市市场监督管理局"
csrf=$(http_get visitor "$EXT_URL/query" | csrf_from)
http_post visitor "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=$IDNO" >/dev/null
t_is "f: anyone with number + ID number can query" "$HTTP_STATUS" 200
t_like "f: and sees the state" "$HTTP_BODY" "准予许可"
http_post visitor "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=152502199003150027" >/dev/null
t_is "f: a wrong ID number finds nothing" "$HTTP_STATUS" 422
t_unlike "f: and shows nothing of the case" "$HTTP_BODY" "$NAME"

t_done
