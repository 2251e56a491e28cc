#!/usr/bin/env bash
# intake.sh (INT-1, SUP-4; issue #11): window intake of walk-in
# applications.  A window clerk registers on the intranet what a person
# brought: the item (searched among the department's), the applicant (ID
# number by GB 11643, name, mobile), the form's text and each material
# scanned (judged by content and scanned as online uploads are) or received
# on paper (纸质已收, recorded as paper that follows the case, DOC-3).
# A bad ID number, field or file is refused with the form kept; the case
# is numbered in the applications' series (YW, the day, 9xxxx), source
# 'window', in the department's inbox, accepted through the normal flow;
# the receipt (收件回执) lists what was received; the case's public part
# crosses (case.window, sealed in the outbox) so /query finds it by number
# and ID number and the registered person sees it in 我的办件; the
# supervision's figures count it under 窗口收件.  Window clerks only.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-004	# 食品经营许可证核发（延续）: 受理 → 承办 → 批准
IDNO=$(test_id 7) MOB=$(printf '13947%06d' $((RANDOM * 30 % 1000000)))
t_pdf "$_T_DIR/scan.pdf"
printf 'not a pdf, a note typed at the window\n' >"$_T_DIR/note.pdf"
mapfile -t SEQS < <(sql_int "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$CODE' AND i.status = 'published' ORDER BY m.seq")
mapfile -t NAMES < <(sql_int "SELECT m.name FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$CODE' AND i.status = 'published' ORDER BY m.seq")
t_is "the item has three materials" "${#SEQS[@]}" 3

# --- window clerks only -----------------------------------------------------------
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
http_get handler "$INT_URL/hall/intake" >/dev/null
t_is "a handler may not" "$HTTP_STATUS" 403
http_get clerk "$INT_URL/hall/intake?q=延续" >/dev/null
t_is "a window clerk may" "$HTTP_STATUS" 200
t_like "the search finds the department's item" "$HTTP_BODY" "item=$CODE\">食品经营许可证核发（延续）"
t_unlike "and not the items it did not ask for" "$HTTP_BODY" "item=152502-SCJG-XK-006\""
t_like "the clerk's menu leads there" "$HTTP_BODY" 'href="/hall/intake">窗口收件'
http_get clerk "$INT_URL/hall/intake?item=152502-JTJ-XK-001" >/dev/null
t_is "another department's item: 404" "$HTTP_STATUS" 404

N0=$(sql_int "SELECT COUNT(*) FROM kase")
intake() {	# k=v…: the form of $CODE posted by the clerk (its key: $KEY)
	local page
	page=$(http_get clerk "$INT_URL/hall/intake?item=$CODE")
	CSRF=$(csrf_from <<<"$page") KEY=$(form_field form_key <<<"$page")
	http_upload clerk "$INT_URL/hall/intake" "csrf=$CSRF" "form_key=$KEY" "item=$CODE" "$@" >/dev/null
}
GOOD=(name=其其格 "mobile=$MOB" "remark=门店地址未变，申请延续。")

# --- refused, the form kept --------------------------------------------------------
intake "${GOOD[@]}" "id_number=${IDNO:0:17}$([[ ${IDNO:17} == 0 ]] && echo 1 || echo 0)" "m${SEQS[0]}=@$_T_DIR/scan.pdf;type=application/pdf"
t_is "a wrong check digit: 422" "$HTTP_STATUS" 422
t_like "saying what to check" "$(alert_text)" "身份证号码不正确"
t_is "what was typed stays" "$(input_value "$HTTP_BODY" name) $(input_value "$HTTP_BODY" mobile)" "其其格 $MOB"
t_like "the remark too" "$(textarea_value "$HTTP_BODY" remark)" "门店地址未变"
t_like "and the file is asked for again" "$(alert_text)" "请重新选择要上传的文件"
t_is "and the form's key kept (nothing was stored under it)" "$(input_value "$HTTP_BODY" form_key)" "$KEY"
http_upload clerk "$INT_URL/hall/intake" "csrf=$CSRF" "item=$CODE" "${GOOD[@]}" "id_number=$IDNO" >/dev/null
t_is "a form without its key: 400" "$HTTP_STATUS" 400
intake name=其其格 mobile=1394 "id_number=$IDNO" "m${SEQS[0]}=@$_T_DIR/scan.pdf;type=application/pdf"
t_like "a bad mobile: refused" "$HTTP_STATUS $(alert_text)" "^422 申请人的手机号码应为 11 位"
intake "${GOOD[@]}" "id_number=$IDNO" "credit_code=91152502MA0000000X" ent_name=草原食品店 "m${SEQS[0]}=@$_T_DIR/scan.pdf;type=application/pdf"
t_like "a bad credit code: refused" "$HTTP_STATUS $(alert_text)" "^422 统一社会信用代码不正确"
intake "${GOOD[@]}" "id_number=$IDNO" "m${SEQS[0]}=@$_T_DIR/note.pdf;type=application/pdf"
t_like "a text file called .pdf: refused by its content, named" "$HTTP_STATUS $(alert_text)" "^422 「${NAMES[0]}」不是 PDF 文件"
t_is "and the name kept" "$(input_value "$HTTP_BODY" name)" 其其格
intake "${GOOD[@]}" "id_number=$IDNO"
t_like "a required material neither scanned nor on paper: refused" "$HTTP_STATUS $(alert_text)" "^422 「${NAMES[0]}」是必交材料"
t_is "no case was made" "$(sql_int "SELECT COUNT(*) FROM kase")" "$N0"

# --- registered ------------------------------------------------------------------------
AUDIT=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
OUT=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM gap_outbox")
intake "${GOOD[@]}" "id_number=${IDNO,,}" "m${SEQS[0]}=@$_T_DIR/scan.pdf;type=application/pdf" "p${SEQS[1]}=1" "pg${SEQS[1]}=3"
t_like "registered (a lower-case x typed): the receipt" "$HTTP_STATUS $HTTP_LOCATION" "^303 /hall/intake/receipt\?no=YW[0-9]{8}9[0-9]{4}$"
APP=${HTTP_LOCATION#*no=}
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
http_upload clerk "$INT_URL/hall/intake" "csrf=$CSRF" "form_key=$KEY" "item=$CODE" "${GOOD[@]}" "id_number=$IDNO" "m${SEQS[0]}=@$_T_DIR/scan.pdf;type=application/pdf" "p${SEQS[1]}=1" >/dev/null
t_is "the same form posted again (Back, submit): the same case's receipt" "$HTTP_STATUS $HTTP_LOCATION" "303 /hall/intake/receipt?no=$APP"
t_is "and no second case" "$(sql_int "SELECT COUNT(*) FROM kase")" "$((N0 + 1))"
t_like "numbered in the day's series, the window's part" "$APP" "^YW$(sql_int "SELECT DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d')")9"
t_is "a case of the window, received, at the first step" \
	"$(sql_int "SELECT CONCAT_WS(' ', source, state, applicant_name, item_code) FROM kase WHERE id = $CASE")" "window received 其其格 $CODE"
t_is "the ID number and the mobile sealed" "$(sql_int "SELECT CONCAT(LEFT(id_sealed, 5), LEFT(mobile_sealed, 5)) FROM kase WHERE id = $CASE")" "pii1:pii1:"
t_is "the same clocks as online: intake and promised deadlines set" \
	"$(sql_int "SELECT intake_due IS NOT NULL AND promised_due IS NOT NULL FROM kase WHERE id = $CASE")" 1
t_is "the scan stored as the material's attachment" \
	"$(sql_int "SELECT CONCAT_WS(' ', material_seq, mime, sha256 = '$(sha256sum "$_T_DIR/scan.pdf" | cut -d' ' -f1)') FROM attachment WHERE app_no = '$APP'")" "${SEQS[0]} application/pdf 1"
t_is "the paper recorded as paper following the case, held by the clerk" \
	"$(sql_int "SELECT CONCAT_WS(' ', what, copies, pages, holder_id = (SELECT id FROM staff WHERE login = 'sarengaowa')) FROM case_paper WHERE case_id = $CASE")" \
	"${NAMES[1]}（纸质已收） 1 3 1"
t_is "the first timeline entry: 窗口收件 by the clerk" \
	"$(sql_int "SELECT CONCAT_WS(' ', action, label, staff_name) FROM case_event WHERE case_id = $CASE ORDER BY seq LIMIT 1")" "receive 窗口收件 萨仁高娃"
t_is "audited by number, no ID number" \
	"$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE id > $AUDIT AND object = '$APP'")" "case.paper.add,case.intake"
t_is "no clear ID number or mobile in the audit trail or the outbox" \
	"$(sql_int "SELECT (SELECT COUNT(*) FROM audit WHERE id > $AUDIT AND CONCAT(object, detail) REGEXP '$IDNO|$MOB') + (SELECT COUNT(*) FROM gap_outbox WHERE id > $OUT AND body REGEXP '$IDNO|$MOB')")" 0
t_is "its record queued sealed, before the case's first event" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(kind, ':', LEFT(body, 5) = 'pii1:') ORDER BY id) FROM gap_outbox WHERE id > $OUT AND kind IN ('case.window', 'case.event')")" "case.window:1,case.event:0"

# --- the receipt --------------------------------------------------------------------------
http_get clerk "$INT_URL/hall/intake/receipt?no=$APP" >/dev/null
t_is "the receipt: 200" "$HTTP_STATUS" 200
t_like "its number" "$HTTP_BODY" "申请编号 <strong class=\"mono\">$APP</strong>"
t_like "the item" "$HTTP_BODY" "<dt>申请事项</dt><dd>食品经营许可证核发（延续）</dd>"
t_like "the applicant, the ID number masked" "$HTTP_BODY" "其其格（身份证 <span class=\"mono\">${IDNO:0:6}\*+${IDNO:14:4}</span>）"
t_like "the clerk who received it" "$HTTP_BODY" "<dt>收件人</dt><dd>萨仁高娃</dd>"
t_like "the scan received" "$HTTP_BODY" "<li>${NAMES[0]}（电子件：scan.pdf）</li>"
t_like "the paper received" "$HTTP_BODY" "<li>${NAMES[1]}（纸质已收），1 份 3 页</li>"
t_unlike "nothing else" "$HTTP_BODY" "<li>${NAMES[2]}"
t_like "how to follow it online" "$HTTP_BODY" "办件查询」（<span class=\"mono\">https://[^<]*/query</span>）"
t_like "with its QR code" "$HTTP_BODY" '<svg [^>]*aria-label="办件查询网址二维码"'
http_get handler "$INT_URL/hall/intake/receipt?no=$APP" >/dev/null
t_is "a handler does not print receipts" "$HTTP_STATUS" 403

# --- the same inbox, the same flow ----------------------------------------------------------
http_get clerk "$INT_URL/inbox" >/dev/null
t_like "in the window's inbox with the online cases" "$HTTP_BODY" "$APP"
case_post clerk /case/act action=accept
t_is "accepted as any case" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing
t_is "with its 受理通知书" "$(sql_int "SELECT COUNT(*) FROM document WHERE app_no = '$APP' AND kind = 'accept'")" 1

# --- followed online ----------------------------------------------------------------------
carry int ext
t_is "on the extranet: a window application no account made" \
	"$(sql_ext "SELECT CONCAT_WS(' ', source, citizen_id IS NULL, item_code, applicant_name, LEFT(id_sealed, 5)) FROM application WHERE app_no = '$APP'")" "window 1 $CODE 其其格 pii1:"
t_is "and its progress crossed after it" "$(sql_ext "SELECT state FROM application WHERE app_no = '$APP'")" processing
t_is "none of its records set aside" "$(sql_ext "SELECT COUNT(*) FROM gap_aside WHERE record LIKE '%$APP%'")" 0
t_is "the acceptance SMS queued to the mobile the window took" \
	"$(sql_ext "SELECT GROUP_CONCAT(to_masked) FROM sms_outbox WHERE app_no = '$APP' AND why = 'accepted'")" "${MOB:0:3}****${MOB:7:4}"
csrf=$(http_get anon "$EXT_URL/query" | csrf_from)
http_post anon "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=$IDNO" >/dev/null
t_is "/query answers" "$HTTP_STATUS" 200
t_like "and finds it by number and ID number" "$HTTP_BODY" "<h1>食品经营许可证核发（延续）</h1>"
t_like "saying where its materials are" "$HTTP_BODY" "材料已在政务服务中心窗口递交"
csrf=$(http_get anon2 "$EXT_URL/query" | csrf_from)
http_post anon2 "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=152502199003150027" >/dev/null
t_unlike "and not by another ID number" "$HTTP_BODY" "<h1>食品经营许可证核发（延续）</h1>"
YIWANG_PASSWORD=Grass-Land-2026 admin_ext citizen-add "$IDNO" 其其格 "$MOB" >/dev/null
ext_login person "$IDNO" Grass-Land-2026
http_get person "$EXT_URL/my" >/dev/null
t_like "the registered person sees it in 我的办件, channel 窗口" "$(row "$APP")" "食品经营许可证核发（延续）.*窗口"
http_get person "$EXT_URL/app?no=$APP" >/dev/null
t_is "and may open it" "$HTTP_STATUS" 200
ext_login other 152502199003150027 Yiwang@2026
http_get other "$EXT_URL/app?no=$APP" >/dev/null
t_is "another person may not" "$HTTP_STATUS" 404

# --- supervision counts it by channel (SUP-4) ------------------------------------------------
t_is "the day's figures count it under the window" \
	"$(sql_int "SELECT COALESCE(SUM(received), 0) >= 1 FROM perf_case_day WHERE channel = 'window' AND item_code = '$CODE'")" 1
staff_login sup zhaoyanhong
http_get sup "$INT_URL/sup/stats?by=channel" >/dev/null
t_like "the statistics by channel show 窗口收件" "$HTTP_BODY" "窗口收件"
t_done
