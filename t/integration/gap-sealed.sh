#!/usr/bin/env bash
# gap-sealed.sh: a bundle lost on removable media shows no personal data
# (F8, GAP-3, SEC-5).  A real application with a PDF is exported; neither
# `strings` nor a byte search of the bundle finds the applicant's name, ID
# number, mobile, remark or the PDF's text, yet the intranet imports it
# whole.  A bundle sealed to another site's key, and one in the old
# unencrypted format, are refused with a message that says so.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
IDNO=152502199003150027		# the demo applicant (db/demo/LOGINS)
NAME=乌云其木格
MOBILE=13947901234
PDFTEXT=NOMADIC-YURT-LEASE-7731
REMARK=SEALED-REMARK-4410
TMP=$_T_DIR

# A small well-formed PDF that holds PDFTEXT in the clear (a content stream).
content="BT /F1 12 Tf ($PDFTEXT) Tj ET"
t_pdf "$TMP/lease.pdf" "" "<</Length ${#content}>>
stream
$content
endstream"

csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" "next=/my" >/dev/null
t_is "the demo applicant logs in" "$HTTP_STATUS" 303
apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "remark=$REMARK 蒙古包租赁" \
	"m1=@$TMP/lease.pdf;type=application/pdf" >/dev/null
t_is "an application with the PDF is accepted" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
APP=${HTTP_LOCATION#*=}

B=$(gap_ext export 2>"$TMP/err" | tail -n 1)
t_ok "the extranet exports it" test -s "$B"
t_like "the bundle is of the sealed format" "$(head -c 8 "$B")" '^YWBNDL02$'

# What anyone who finds the disc sees.
strings -n 4 "$B" >"$TMP/strings"
for v in "$IDNO" "$MOBILE" "$PDFTEXT" "$REMARK" "$APP" "%PDF"; do
	t_unlike "strings of the bundle do not show $v" "$(cat "$TMP/strings")" "$v"
done
# strings prints ASCII only: search the raw bytes for the UTF-8 name too.
t_is "the applicant's name is nowhere in the bundle's bytes" "$(grep -caF "$NAME" "$B")" 0
t_is "nor the remark" "$(grep -caF "蒙古包租赁" "$B")" 0
# The same search finds them in the data that was sealed.  (The ID number
# and mobile are sealed in the database too: t/integration/pii-at-rest.sh.)
t_like "(control: the application row holds the name and remark)" \
	"$(sql_ext "SELECT CONCAT(applicant_name, ' ', remark) FROM application WHERE app_no='$APP'")" "$NAME $REMARK 蒙古包租赁"

# Sealed to this intranet: it imports whole.
gap_int import "$B" >"$TMP/out" 2>&1; rc=$?
t_is "the intranet imports the sealed bundle" "$rc" 0
int_login clerk sarengaowa
http_get clerk "$INT_URL/case?id=$(sql_int "SELECT id FROM kase WHERE app_no='$APP'")" >/dev/null
t_like "the case arrives with the applicant's details (the case page)" \
	"$(sed 's/<[^>]*>//g' <<<"$HTTP_BODY" | tr -d ' \n')" "$NAME.*$IDNO.*$MOBILE"
sha=$(sql_ext "SELECT sha256 FROM attachment WHERE app_no='$APP'")
t_is "the PDF arrives byte for byte" \
	"$(sha256sum <"$TEST_VAR/int/files/${sha:0:2}/${sha:2:2}/$sha" | cut -d' ' -f1)" \
	"$(sha256sum <"$TMP/lease.pdf" | cut -d' ' -f1)"

# A site with another encryption key (the bundle was not sealed to it).
sed -e "s|^enc_key = .*|enc_key = $TMP/other-enc.key|" "$INT_CONF" >"$TMP/other.conf"
"$BUILD/yiwang-admin" -c "$TMP/other.conf" keygen >/dev/null
t_ok "(another site's encryption key is made)" test -s "$TMP/other-enc.key"
"$BUILD/yiwang-gap" -c "$TMP/other.conf" verify "$B" >"$TMP/out" 2>&1; rc=$?
t_is "a bundle sealed to another site is refused" "$rc" 2
t_like "with a message that says so" "$(cat "$TMP/out")" "加密发给另一个站点"

# The old, unencrypted format.
cp "$B" "$TMP/old.ywb"
printf 'YWBNDL01' | dd of="$TMP/old.ywb" bs=1 seek=0 conv=notrunc status=none
gap_int verify "$TMP/old.ywb" >"$TMP/out" 2>&1; rc=$?
t_is "a bundle in the old unencrypted format is refused" "$rc" 2
t_like "with a message that says what to do" "$(cat "$TMP/out")" "旧格式.*升级"

# Keys: mode 0600 for the private halves.
for s in ext int; do
	t_is "$s: the encryption private key is mode 600" "$(stat -c %a "$TEST_VAR/$s/keys/enc.key")" 600
done
t_done
