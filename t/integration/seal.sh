#!/usr/bin/env bash
# seal.sh: documents anyone can verify (DOC-1, EXT-6; issue #10,
# docs/seal.md).  A 受理通知书 issued on a case is sealed in the
# transaction that issues it by its department's key; after the bundle
# is carried the extranet verifies it at /verify without login, from its
# number and check code or from its QR code (decoded here with zbarimg),
# the applicant's name masked; one changed character in the stored text
# or in the exported JSON does not verify; a wrong code answers as a
# missing number does.  A rotated key still verifies what it sealed; a
# revoked one is shown as revoked; a department without a key issues
# unsigned documents, which say so.
. "$(dirname "$0")/../lib.sh"

N=$$
TMP=$_T_DIR
SEALDIR=$(sed -n 's/^seal_key_dir *= *//p' "$INT_CONF")
MISS='该文书不存在或已被篡改'

# The alert of the last page, its text alone.
alert() { perl -0777 -ne 'print $1 if /<div class="alert alert-error" role="alert">(.*?)<\/div>/s' <<<"$HTTP_BODY"; }
# Accept case $1 as the demo clerk; print its 受理通知书's number.
accept() {
	local c app
	c=$(http_get clerk "$INT_URL/case?id=$1" | csrf_from)
	http_post clerk "$INT_URL/case/act" "csrf=$c" "id=$1" "action=accept" >/dev/null
	app=$(sql_int "SELECT app_no FROM kase WHERE id = $1")
	sql_int "SELECT doc_no FROM document WHERE app_no = '$app' AND kind = 'accept'"
}
# A query value percent-encoded as the QR code carries it.
urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="-._~"), end="")' "$1"; }

# --- the department's key ---------------------------------------------------

K1=$(sql_int "SELECT kid FROM seal_key WHERE dept_code = 'SCJGJ' AND retired_at IS NULL AND revoked_at IS NULL")
t_like "the demo's 市场监督管理局 has a seal key (./run up: seal-key --each)" "$K1" '^[0-9a-f]{16}$'
t_is "its private key file is the service user's alone (0600, the directory's owner)" \
	"$(stat -c '%a %U' "$SEALDIR/SCJGJ_$K1.key")" "600 $(stat -c %U "$SEALDIR")"
t_is "its public key crossed to the extranet" \
	"$(sql_ext "SELECT dept_code FROM seal_key WHERE kid = '$K1'")" SCJGJ
out=$(admin_int seal-key SCJGJ 2>&1)
t_is "a second key without --rotate is refused" "$?" 1
t_like "saying how to replace it" "$out" 'rotate'

# Under the Chinese suite a new key is SM2 (with SM3).
sed -e 's/^gap_suite *=.*/gap_suite = sm/' -e 's/^gap_suites *=.*/gap_suites = sm/' \
	"$INT_CONF" >"$TMP/int-sm.conf"
t_ok "a department for it" admin_int dept-add "SMT$N" "锡林浩特市测试局$N" "锡测$N"
t_ok "seal-key under gap_suite sm" "$BUILD/yiwang-admin" -c "$TMP/int-sm.conf" seal-key "SMT$N"
t_is "makes an SM2 key" "$(sql_int "SELECT alg FROM seal_key WHERE dept_code = 'SMT$N'")" sm2
t_like "whose private key is an SM2 key" \
	"$(openssl pkey -in "$SEALDIR/SMT${N}_$(sql_int "SELECT kid FROM seal_key WHERE dept_code = 'SMT$N'").key" -text -noout 2>&1 | head -1)" 'Private-Key: \(256 bit|SM2'

# --- sealed at issue, verified on the extranet -------------------------------

int_login clerk sarengaowa
CASE=$(case_from_ext 152502-SCJG-XK-001)
t_like "a case reaches the intranet" "$CASE" '^[0-9]+$'
DOC=$(accept "$CASE")
t_like "accepting it issues a 受理通知书" "$DOC" '^锡市监受字'
read -r KID CODE SIG <<<"$(sql_int "SELECT seal_kid, seal_code, seal_sig FROM document WHERE doc_no = '$DOC'")"
t_is "sealed at issue by the department's key" "$KID" "$K1"
t_like "with a check code of 8 unambiguous characters" "$CODE" '^[0-9A-HJKMNP-TV-Z]{8}$'
t_like "and a 64-byte signature" "$SIG" '^[0-9a-f]{128}$'
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "the intranet's copy draws the red seal" "$HTTP_BODY" 'class="doc-seal"'
# SEAL_PAGES=DIR keeps the pages, to look at them at 390 and 1280 px.
[[ -z ${SEAL_PAGES:-} ]] || cp "$HTTP_BODY_FILE" "$SEAL_PAGES/doc-int.html"
t_like "with its check code" "$HTTP_BODY" "$CODE"
t_unlike "and no footer sending readers to a page behind a login" "$HTTP_BODY" '在「办件查询」中核验'
perl -0777 -ne 'print $1 if /(<svg[^>]*class="qr".*?<\/svg>)/s' <<<"$HTTP_BODY" >"$TMP/qr.svg"
t_ok "the carry to the extranet" carry int ext
t_is "the extranet has the seal as issued" \
	"$(sql_ext "SELECT CONCAT(seal_kid, ' ', seal_code) FROM document WHERE doc_no = '$DOC'")" "$K1 $CODE"

http_get visitor "$EXT_URL/verify" >/dev/null
t_is "/verify answers anyone without login" "$HTTP_STATUS" 200
t_like "with the form of 文号 and 校验码" "$HTTP_BODY" 'name="code"'
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=$CODE" >/dev/null
t_is "the number and code verify" "$HTTP_STATUS" 200
t_like "核验通过" "$HTTP_BODY" '核验通过'
t_like "showing the document as issued" "$HTTP_BODY" "$DOC.*受理通知书|受理通知书.*$DOC"
t_like "the applicant's name masked" "$HTTP_BODY" '乌\*\*'
t_unlike "never in full" "$HTTP_BODY" '乌云其木格'
t_like "and the seal drawn" "$HTTP_BODY" 'class="doc-seal"'
[[ -z ${SEAL_PAGES:-} ]] || cp "$HTTP_BODY_FILE" "$SEAL_PAGES/verify.html"
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=$(tr 'A-Z' 'a-z' <<<"${CODE:0:4}")-${CODE:4}" >/dev/null
t_is "the code typed in lower case with a dash verifies too" "$HTTP_STATUS" 200

# --- the QR code --------------------------------------------------------------

t_like "the printed page has a QR code drawn as SVG" "$(head -c 200 "$TMP/qr.svg")" '^<svg '
rsvg-convert -w 500 -b white "$TMP/qr.svg" -o "$TMP/qr.png"
URL=$(zbarimg -q --raw "$TMP/qr.png" 2>/dev/null | tr -d '\n')
t_is "zbarimg reads the verification address with number and code" "$URL" \
	"$EXT_URL/verify?no=$(urlenc "$DOC")&code=$CODE"
http_get phone "$URL" >/dev/null
t_is "which opens the verification page" "$HTTP_STATUS" 200
t_like "and verifies the document" "$HTTP_BODY" "核验通过.*$DOC"

# --- one answer for every miss --------------------------------------------------

http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=${CODE:0:7}$([[ ${CODE:7} == 2 ]] && echo 3 || echo 2)" >/dev/null
t_is "a wrong code: 404" "$HTTP_STATUS" 404
WRONG=$(alert)
t_like "不存在或已被篡改" "$WRONG" "$MISS"
http_get visitor "$EXT_URL/verify?no=$(urlenc "锡市监受字〔2099〕9999号")&code=$CODE" >/dev/null
t_is "a number that does not exist: 404 too" "$HTTP_STATUS" 404
t_is "with the very same answer" "$(alert)" "$WRONG"
sql_ext "UPDATE document SET body = REPLACE(body, '乌云其木格', '乌云其木哥') WHERE doc_no = '$DOC'"
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=$CODE" >/dev/null
t_is "one character changed in the stored text: not verified (404)" "$HTTP_STATUS" 404
t_is "the same answer again" "$(alert)" "$WRONG"
sql_ext "UPDATE document SET body = REPLACE(body, '乌云其木哥', '乌云其木格') WHERE doc_no = '$DOC'"
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=$CODE" >/dev/null
t_is "restored, it verifies again" "$HTTP_STATUS" 200

# --- the export and the offline verifier ----------------------------------------

http_get visitor "$EXT_URL/verify/download?no=$(urlenc "$DOC")&code=$CODE" >"$TMP/doc.json"
t_is "the verification page offers the document as JSON" "$HTTP_STATUS $HTTP_CTYPE" "200 application/json"
http_get applicant "$EXT_URL/doc/download?no=$(urlenc "$DOC")" >"$TMP/mine.json"
t_is "and so does the applicant's own page" "$HTTP_STATUS" 200
t_ok "the same export" cmp -s "$TMP/doc.json" "$TMP/mine.json"
mkdir -p "$TMP/keys"
t_ok "the public keys written out" admin_ext seal-key --export "$TMP/keys"
t_ok "as DEPT_KID.pub" test -s "$TMP/keys/SCJGJ_$K1.pub"
out=$("$BUILD/yiwang-admin" verify-doc --keys "$TMP/keys" "$TMP/doc.json")
t_is "verify-doc with the keys alone: exit 0" "$?" 0
t_like "saying 核验通过 in Chinese" "$out" "核验通过：$DOC"
# jansson writes "\u53D7" for 受 (ASCII only): one character becomes 授.
sed 's/\\u53[Dd]7\\u7406/\\u6388\\u7406/' "$TMP/doc.json" >"$TMP/changed.json"
t_ok "one character of the export changed (受 → 授)" grep -q 'u6388' "$TMP/changed.json"
out=$("$BUILD/yiwang-admin" verify-doc --keys "$TMP/keys" "$TMP/changed.json")
t_is "does not verify: exit 1" "$?" 1
t_like "核验不通过" "$out" '核验不通过'
rm "$TMP/keys/SCJGJ_$K1.pub"
"$BUILD/yiwang-admin" verify-doc --keys "$TMP/keys" "$TMP/doc.json" >/dev/null
t_is "nor without its department's public key" "$?" 1
# docs/seal.md's recipe, apart from our code: jq rebuilds the canonical
# form from the export, openssl checks the signature with the .pub file.
admin_ext seal-key --export "$TMP/keys" >/dev/null
jq -j '"yiwang-seal/1\n" + ([["dept",.seal.dept],["kid",.seal.kid],
  ["alg",.seal.alg],["doc_no",.doc_no],["kind",.kind],["title",.title],
  ["app_no",.app_no],["issued_at",.issued_at],["issued_by",.issued_by],
  ["body",.body]] | map("\(.[0]) \(.[1]|utf8bytelength):\(.[1])\n")
  | join(""))' "$TMP/doc.json" >"$TMP/canon.bin"
jq -r .seal.sig "$TMP/doc.json" | xxd -r -p >"$TMP/sig.bin"
t_ok "jq and openssl alone verify the export as docs/seal.md says" \
	openssl pkeyutl -verify -pubin -inkey "$TMP/keys/SCJGJ_$K1.pub" -rawin \
	-in "$TMP/canon.bin" -sigfile "$TMP/sig.bin"
"$BUILD/yiwang-admin" verify-doc >/dev/null 2>&1
t_is "verify-doc without a document: usage, exit 2" "$?" 2
out=$(admin_ext verify-doc "$DOC" "$CODE")
t_is "verify-doc NO CODE looks it up on the site: exit 0" "$?" 0
admin_ext verify-doc "$DOC" ZZZZZZZZ >/dev/null
t_is "and a wrong code there: exit 1" "$?" 1

# --- rotation and revocation ----------------------------------------------------

out=$(admin_int seal-key SCJGJ --rotate)
t_is "the key is rotated" "$?" 0
K2=$(sql_int "SELECT kid FROM seal_key WHERE dept_code = 'SCJGJ' AND retired_at IS NULL AND revoked_at IS NULL")
t_like "to a new one" "$K2" '^[0-9a-f]{16}$'
t_isnt "not the old" "$K2" "$K1"
t_ok "the old private key is gone" test ! -e "$SEALDIR/SCJGJ_$K1.key"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'seal.key-rotate' AND object = 'SCJGJ' AND detail LIKE '%$K2%'")" 1
CASE2=$(case_from_ext 152502-SCJG-XK-001)
DOC2=$(accept "$CASE2")
t_is "a document issued now is sealed by the new key" \
	"$(sql_int "SELECT seal_kid FROM document WHERE doc_no = '$DOC2'")" "$K2"
t_ok "carried" carry int ext
t_like "the extranet knows the old key retired" \
	"$(sql_ext "SELECT retired_at FROM seal_key WHERE kid = '$K1'")" '^20'
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=$CODE" >/dev/null
t_is "the document sealed with the old key still verifies" "$HTTP_STATUS" 200
CODE2=$(sql_ext "SELECT seal_code FROM document WHERE doc_no = '$DOC2'")
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC2")&code=$CODE2" >/dev/null
t_is "and the new one with the new key" "$HTTP_STATUS" 200

out=$(admin_int seal-key --revoke "$K1" --why "测试：密钥介质遗失$N")
t_is "the old key is revoked" "$?" 0
t_ok "carried" carry int ext
http_get visitor "$EXT_URL/verify?no=$(urlenc "$DOC")&code=$CODE" >/dev/null
t_is "what it sealed still verifies" "$HTTP_STATUS" 200
t_like "the page says the key was revoked, when and why" "$HTTP_BODY" "已于 20[0-9-]+ [0-9:]+ 吊销，原因：测试：密钥介质遗失$N"
admin_ext seal-key --export "$TMP/keys"
out=$("$BUILD/yiwang-admin" verify-doc --keys "$TMP/keys" "$TMP/doc.json")
t_like "so does the offline verifier" "$out" "已吊销.*密钥介质遗失$N"
out=$(admin_int seal-key --revoke "$K1" --why again)
t_is "a key is revoked once" "$?" 1

# --- a department without a key ---------------------------------------------------

admin_int seal-key --revoke "$K2" --why "测试：停用$N" >/dev/null
CASE3=$(case_from_ext 152502-SCJG-XK-001)
DOC3=$(accept "$CASE3")
t_is "with no key left the department issues unsigned documents" \
	"$(sql_int "SELECT COUNT(*) FROM document WHERE doc_no = '$DOC3' AND seal_sig IS NULL")" 1
http_get clerk "$INT_URL/doc?no=$DOC3" >/dev/null
t_like "which say plainly they are not sealed" "$HTTP_BODY" '本文书未加盖电子印章'
t_unlike "and draw no seal" "$HTTP_BODY" 'class="doc-seal"'
t_ok "carried" carry int ext
http_get applicant "$EXT_URL/doc?no=$(urlenc "$DOC3")" >/dev/null
t_like "on the applicant's page too" "$HTTP_BODY" '本文书未加盖电子印章'
t_unlike "no seal there either" "$HTTP_BODY" 'class="doc-seal"'
# A new key for the department, as the rest of the suite expects.
t_ok "a new key after revocation" admin_int seal-key SCJGJ
t_ok "carried" carry int ext
t_done
