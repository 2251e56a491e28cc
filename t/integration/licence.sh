#!/usr/bin/env bash
# licence.sh: e-licences (电子证照, DOC-2; issue #10, docs/seal.md
# "Licences").  A decision granting 食品经营许可 issues the licence in its
# transaction, numbered in the department's series and sealed; a refusal
# issues none.  The intranet's library lists and finds it; it crosses with
# an SMS to the holder, who sees it in 我的证照 and prints it; /verify
# verifies it by number and code or by its QR code, a changed character
# does not; verify-doc verifies its export offline; an expired one shows
# as 已过期; revoked by the department's leader it shows as 已吊销 on the
# extranet.  免证办 (docs/seal.md "Reuse"): a later item's slot offers the
# licence instead of an upload, the draft keeps the choice, the intranet
# checks it on import and the case page says 核验有效; revoked, it is no
# longer offered and the case that used it says so; forged records using
# an unknown number or another person's licence are refused.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 → 承办 → 批准 (分管领导)
MISS='该文书不存在或已被篡改'

urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="-._~"), end="")' "$1"; }

staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login leader bateer

# decide VERDICT: a new case of CODE accepted, signed and decided
# (approve or deny) by the leader; sets CASE and APP.
decide() {
	CASE=$(case_from_ext "$CODE")
	APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
	case_post clerk /case/act action=accept
	case_post handler /case/act action=sign verdict=agree "text=经营场所符合要求，同意。"
	if [[ $1 == approve ]]; then
		case_post leader /case/act action=approve "text=符合条件，准予许可。" \
			"scope=预包装食品销售（含冷藏冷冻食品），热食类食品制售" valid_until=2031-12-05
	else
		case_post leader /case/act action=deny "text=经营场所与申请不符。"
	fi
}

# --- issued with the decision ---------------------------------------------------

decide deny
t_is "a refusal issues no licence" \
	"$(sql_int "SELECT COUNT(*) FROM licence WHERE app_no = '$APP'")" 0
decide approve
t_is "the case is approved" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
LIC=$(sql_int "SELECT licence_no FROM licence WHERE app_no = '$APP'")
t_like "the grant issued a licence in the department's series" "$LIC" '^锡市监食许〔20[0-9]{2}〕[0-9]{4}号$'
HOLDER=$(sql_int "SELECT applicant_name FROM kase WHERE id = $CASE")
read -r NAME H TO STATE SEALED <<<"$(sql_int "SELECT name, holder, valid_to, state, seal_sig IS NOT NULL FROM licence WHERE licence_no = '$LIC'")"
t_is "食品经营许可证, held by the applicant, valid to the decision's day, sealed" \
	"$NAME $H $TO $STATE $SEALED" "食品经营许可证 $HOLDER 2031-12-05 valid 1"
t_like "its sealed body states the scope" \
	"$(sql_int "SELECT body FROM licence WHERE licence_no = '$LIC'")" '"scope":"预包装食品销售（含冷藏冷冻食品），热食类食品制售"'
CODE8=$(sql_int "SELECT seal_code FROM licence WHERE licence_no = '$LIC'")
t_like "with a check code" "$CODE8" '^[0-9A-HJKMNP-TV-Z]{8}$'
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'licence.issue' AND object = '$LIC'")" 1

# --- the library --------------------------------------------------------------

http_get clerk "$INT_URL/licences?no=$(urlenc "$LIC")" >/dev/null
t_is "the library finds it by number" "$HTTP_STATUS" 200
t_like "listing it" "$HTTP_BODY" "$LIC"
http_get clerk "$INT_URL/licences?holder=$(urlenc "${HOLDER:0:1}")&item=$CODE&state=valid" >/dev/null
t_like "and by holder, item and state" "$HTTP_BODY" "$LIC"
http_get clerk "$INT_URL/licences?no=$(urlenc "$LIC")&state=revoked" >/dev/null
t_unlike "not among the revoked" "$HTTP_BODY" 'href="/licence\?no='
http_get clerk "$INT_URL/licence?no=$(urlenc "$LIC")" >/dev/null
t_is "opens it" "$HTTP_STATUS" 200
t_like "as printed, with the seal" "$HTTP_BODY" 'class="doc-seal"'
t_like "and its check code" "$HTTP_BODY" "$CODE8"
t_unlike "a clerk is offered no revocation" "$HTTP_BODY" 'action="/licence/end"'

# --- crossing, the holder, the SMS ------------------------------------------------

t_ok "the carry to the extranet" carry int ext
t_is "the extranet has the licence and its seal" \
	"$(sql_ext "SELECT CONCAT(state, ' ', seal_code) FROM licence WHERE licence_no = '$LIC'")" "valid $CODE8"
t_is "the holder's SMS is in the outbox" \
	"$(sql_ext "SELECT COUNT(*) FROM sms_outbox WHERE why = 'licence' AND app_no = '$APP'")" 1
t_like "saying where to see it" \
	"$(sql_ext "SELECT shown FROM sms_outbox WHERE why = 'licence' AND app_no = '$APP'")" '核发电子证照.*我的证照'
http_get applicant "$EXT_URL/my" >/dev/null
t_like "the holder's page has 我的证照" "$HTTP_BODY" 'id="my-lics">我的证照'
t_like "listing the licence" "$HTTP_BODY" "href=\"/doc\?no=[^\"]*\">食品经营许可证"
http_get applicant "$EXT_URL/doc?no=$(urlenc "$LIC")" >/dev/null
t_is "and opens it to print" "$HTTP_STATUS" 200
t_like "sealed" "$HTTP_BODY" 'class="doc-seal"'
t_like "with the scope" "$HTTP_BODY" '热食类食品制售'
perl -0777 -ne 'print $1 if /(<svg[^>]*class="qr".*?<\/svg>)/s' <<<"$HTTP_BODY" >"$TMP/qr.svg"
http_get visitor "$EXT_URL/doc?no=$(urlenc "$LIC")" >/dev/null
t_isnt "nobody else opens it" "$HTTP_STATUS" 200

# --- verification -------------------------------------------------------------------

http_get visitor "$EXT_URL/verify?no=$(urlenc "$LIC")&code=$CODE8" >/dev/null
t_is "/verify verifies the licence without login" "$HTTP_STATUS" 200
t_like "核验通过" "$HTTP_BODY" "核验通过：</strong>这份食品经营许可证（$LIC）"
t_like "and 有效" "$HTTP_BODY" '<strong>有效：</strong>这份证照在有效期内'
t_like "the holder's name masked" "$HTTP_BODY" "${HOLDER:0:1}\*"
t_unlike "never in full" "$HTTP_BODY" "$HOLDER"
http_get visitor "$EXT_URL/verify?no=$(urlenc "$LIC")&code=${CODE8:0:7}$([[ ${CODE8:7} == 2 ]] && echo 3 || echo 2)" >/dev/null
t_is "one character of the code changed: 404" "$HTTP_STATUS" 404
t_like "不存在或已被篡改" "$HTTP_BODY" "$MISS"
sql_ext "UPDATE licence SET body = REPLACE(body, '热食类', '冷食类') WHERE licence_no = '$LIC'"
http_get visitor "$EXT_URL/verify?no=$(urlenc "$LIC")&code=$CODE8" >/dev/null
t_is "one character of the stored licence changed: 404" "$HTTP_STATUS" 404
sql_ext "UPDATE licence SET body = REPLACE(body, '冷食类', '热食类') WHERE licence_no = '$LIC'"
rsvg-convert -w 500 -b white "$TMP/qr.svg" -o "$TMP/qr.png"
URL=$(zbarimg -q --raw "$TMP/qr.png" 2>/dev/null | tr -d '\n')
t_is "its QR code carries the verification address" "$URL" \
	"$EXT_URL/verify?no=$(urlenc "$LIC")&code=$CODE8"
http_get phone "$URL" >/dev/null
t_like "which verifies it" "$HTTP_BODY" "核验通过：</strong>这份食品经营许可证（$LIC）"

http_get visitor "$EXT_URL/verify/download?no=$(urlenc "$LIC")&code=$CODE8" >"$TMP/lic.json"
t_is "its export" "$HTTP_STATUS" 200
t_is "of kind licence" "$(jq -r .kind "$TMP/lic.json")" licence
mkdir -p "$TMP/keys"
admin_ext seal-key --export "$TMP/keys" >/dev/null
out=$("$BUILD/yiwang-admin" verify-doc --keys "$TMP/keys" "$TMP/lic.json")
t_is "verify-doc offline: good (exit 0)" "$?" 0
t_like "核验通过" "$out" "核验通过：$LIC"
jq '.body |= sub("热食类"; "冷食类")' "$TMP/lic.json" >"$TMP/changed.json"
out=$("$BUILD/yiwang-admin" verify-doc --keys "$TMP/keys" "$TMP/changed.json")
t_is "one character changed: bad (exit 1)" "$?" 1

clock_at "2031-12-08 10:00"
http_get visitor "$EXT_URL/verify?no=$(urlenc "$LIC")&code=$CODE8" >/dev/null
t_like "past its last day it shows as 已过期" "$HTTP_BODY" '已过期：'
clock_real

# --- 免证办: the licence fills a later application's slot (DOC-2) --------------------

RCODE=152502-SCJG-XK-005	# 食品经营许可证核发（注销）: asks for the licence
SEQ=$(sql_ext "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$RCODE' AND i.status = 'published' AND m.licence <> ''")
t_is "the published item names the licence kind one slot takes" \
	"$(sql_ext "SELECT CONCAT(m.name, ' ', m.licence) FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$RCODE' AND i.status = 'published' AND m.seq = '$SEQ'")" \
	"食品经营许可证正、副本 152502-SCJG-XK-002"
apply_form applicant "$EXT_URL/apply?code=$RCODE"
RKEY=$FORM_KEY
t_like "the form offers the holder's licence instead of an upload" "$HTTP_BODY" \
	"name=\"l$SEQ\" value=\"$LIC\" checked> <span>使用已有证照：食品经营许可证 <span class=\"mono\">$LIC</span>，有效期至 2031-12-05"
t_unlike "the slot's file is then not required" "$HTTP_BODY" "name=\"m$SEQ\" accept=\"[^\"]*\" required"
# The draft keeps the choice: a file saved for the slot with no licence,
# then the licence chosen; reopened, the licence is chosen, not the file.
http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$RKEY" "code=$RCODE" \
	"l$SEQ=" "m$SEQ=@$TMP/case.pdf;type=application/pdf" save=1 >/dev/null
t_is "保存草稿 with the slot's file" "$HTTP_STATUS" 200
t_like "reopened: the upload is chosen" \
	"$(http_get applicant "$EXT_URL/apply?code=$RCODE&key=$RKEY")" "name=\"l$SEQ\" value=\"\" checked"
http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$RKEY" "code=$RCODE" "l$SEQ=$LIC" save=1 >/dev/null
t_is "saved again with the licence chosen" "$HTTP_STATUS" 200
t_is "the draft keeps the licence" "$(sql_ext "SELECT l.licence_no FROM app_draft_licence l JOIN app_draft d ON d.id = l.draft_id WHERE d.form_key = '$RKEY'")" "$LIC"
t_like "reopened: the licence is chosen" \
	"$(http_get applicant "$EXT_URL/apply?code=$RCODE&key=$RKEY")" "name=\"l$SEQ\" value=\"$LIC\" checked"
http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$RKEY" "code=$RCODE" \
	"l$SEQ=锡市监食许〔2026〕9999号" >/dev/null
t_is "a number that is not the applicant's valid licence: refused" "$HTTP_STATUS" 422
t_like "saying what to do" "$(alert_text)" "不是您名下的有效证照.*请上传"
UPL=()
for s in $(sql_ext "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$RCODE' AND i.status = 'published' AND m.required = 1 AND m.seq <> '$SEQ'"); do
	UPL+=("m$s=@$TMP/case.pdf;type=application/pdf")
done
http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$RKEY" "code=$RCODE" "l$SEQ=$LIC" "${UPL[@]}" >/dev/null
t_is "submitted with the licence" "$HTTP_STATUS" 303
RAPP=${HTTP_LOCATION#*=}
http_get applicant "$EXT_URL/receipt?no=$RAPP" >/dev/null
t_like "the receipt lists the licence as the material" "$HTTP_BODY" "食品经营许可证正、副本</td><td data-label=\"文件\">使用电子证照 <span class=\"mono\">$LIC</span>"
t_is "the application names the licence for the slot" \
	"$(sql_ext "SELECT CONCAT(material_seq, ' ', licence_no) FROM app_licence WHERE app_no = '$RAPP'")" "$SEQ $LIC"
t_is "and has no file for it (not even the draft's)" \
	"$(sql_ext "SELECT COUNT(*) FROM attachment WHERE app_no = '$RAPP' AND material_seq = $SEQ")" 0
t_ok "it crosses" carry ext int
RCASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$RAPP'")
t_is "the intranet checked it against the library and kept it" \
	"$(sql_int "SELECT licence_no FROM app_licence WHERE app_no = '$RAPP' AND material_seq = $SEQ")" "$LIC"
http_get clerk "$INT_URL/case?id=$RCASE" >/dev/null
t_like "the case page: 电子证照, linked to the library, 核验有效" "$HTTP_BODY" \
	"电子证照 <a class=\"mono\" href=\"/licence\?no=[^\"]*\">$LIC</a> <span class=\"badge st-done\">（核验有效）</span>"

# --- revoked ------------------------------------------------------------------------

CSRF=$(http_get clerk "$INT_URL/licence?no=$(urlenc "$LIC")" | csrf_from)
http_post clerk "$INT_URL/licence/end" "csrf=$CSRF" "no=$LIC" state=revoked "why=测试" >/dev/null
t_is "a clerk may not revoke" "$HTTP_STATUS" 403
http_get leader "$INT_URL/licence?no=$(urlenc "$LIC")" >/dev/null
t_like "the department's leader is offered it" "$HTTP_BODY" 'action="/licence/end"'
CSRF=$(csrf_from <<<"$HTTP_BODY")
http_post leader "$INT_URL/licence/end" "csrf=$CSRF" "no=$LIC" state=revoked "why=" >/dev/null
t_is "not without a reason" "$HTTP_STATUS" 422
http_post leader "$INT_URL/licence/end" "csrf=$CSRF" "no=$LIC" state=revoked \
	"why=经营场所存在严重食品安全隐患，依法吊销。" >/dev/null
t_is "revoked with one" "$HTTP_STATUS" 303
t_is "in the library" "$(sql_int "SELECT state FROM licence WHERE licence_no = '$LIC'")" revoked
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'licence.revoke' AND object = '$LIC'")" 1
t_ok "carried" carry int ext
http_get visitor "$EXT_URL/verify?no=$(urlenc "$LIC")&code=$CODE8" >/dev/null
t_like "/verify shows it revoked, when and why" "$HTTP_BODY" '已吊销：</strong>这份证照已于 20[0-9-]+ [0-9:]+ 被发证机关吊销.*严重食品安全隐患'
http_get applicant "$EXT_URL/my" >/dev/null
t_like "and so does 我的证照" "$HTTP_BODY" '已吊销'
http_get clerk "$INT_URL/case?id=$RCASE" >/dev/null
t_like "the case that used it says it was revoked after" "$HTTP_BODY" "$LIC</a> <span class=\"badge st-not_valid\">（提交时核验有效，现已吊销）"
apply_form applicant "$EXT_URL/apply?code=$RCODE"
t_unlike "the form no longer offers the revoked licence" "$HTTP_BODY" "name=\"l$SEQ\" value=\"$LIC\""
http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$RCODE" "l$SEQ=$LIC" "${UPL[@]}" >/dev/null
t_is "and refuses it when sent" "$HTTP_STATUS" 422

# --- 免证办: forged records (DOC-2) ------------------------------------------------
# An application record as a host holding the extranet's keys could forge
# it (forge, t/lib.sh): a number the library does not have, another
# person's licence.  Each bundle is refused whole with a security alert,
# naming the field; the chain is left as it was.
VER=$(sql_int "SELECT version FROM item WHERE code = '$RCODE' AND status = 'published'")
INAME=$(sql_int "SELECT name FROM item WHERE code = '$RCODE' AND status = 'published'")
ATTS='' FILES='' MEMBERS=()
for s in $(sql_int "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$RCODE' AND i.status = 'published' AND m.required = 1 AND m.seq <> '$SEQ'"); do
	t_pdf "$TMP/m$s.pdf" "/Lang(m$s)"
	sha=$(sha256sum "$TMP/m$s.pdf" | cut -d' ' -f1)
	mname=$(sql_int "SELECT m.name FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$RCODE' AND i.status = 'published' AND m.seq = $s")
	ATTS+="${ATTS:+,}{\"material_seq\":$s,\"material_name\":\"$mname\",\"file_name\":\"m$s.pdf\",\"sha256\":\"$sha\",\"size\":$(stat -c %s "$TMP/m$s.pdf"),\"mime\":\"application/pdf\"}"
	FILES+="${FILES:+,}\"$sha\""
	MEMBERS+=("$TMP/m$s.pdf")
done
# forged_app NO IDNO LICENCE: the record of application NO by IDNO using LICENCE.
forged_app() {
	printf '{"type":"application","app_no":"%s","item_code":"%s","item_version":%s,"item_name":"%s","applicant":{"name":"乌云其木格","id_number":"%s","mobile":"13904797777"},"remark":"","submitted_at":"%s","attachments":[%s],"files":[%s],"licences":[{"material_seq":%s,"material_name":"食品经营许可证正、副本","licence_no":"%s"}]}\n' \
		"$1" "$RCODE" "$VER" "$INAME" "$2" "$(date -u '+%Y-%m-%d %H:%M:%S')" "$ATTS" "$FILES" "$SEQ" "$3"
}
OWNER=152502199003150027	# the demo applicant, who holds $LIC
OTHER=$(idno 15250219880712004)
for c in "YW$(date +%Y%m%d)99001 $OWNER 锡市监食许〔2026〕9998号 证照库中没有这个编号的证照" \
	"YW$(date +%Y%m%d)99002 $OTHER $LIC 证照的持有人不是申请人本人"; do
	read -r no who lic why <<<"$c"
	forged_app "$no" "$who" "$lic" >"$TMP/forged.jsonl"
	forge int "$TMP/forged.jsonl" "$TMP/forged.ywb" "${MEMBERS[@]}"
	rc=0
	gap_int import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
	t_is "a forged record using $lic: refused with an alert (exit 4)" "$rc" 4
	t_like "naming the field and why" "$(cat "$TMP/out")" "licences\[0\]\.licence_no.*$why"
	t_is "and no case made" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no = '$no'")" 0
done
apply_form applicant "$EXT_URL/apply?code=$RCODE"
http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$RCODE" "${UPL[@]}" >/dev/null
t_ok "the real chain goes on after them" carry ext int
t_is "its next application arrives" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no = '${HTTP_LOCATION#*=}'")" 1
t_done
