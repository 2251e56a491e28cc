#!/usr/bin/env bash
# limits.sh: malformed and oversized requests get a clear Chinese error page
# and change nothing; the worker that parsed them keeps serving.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
csrf=$(http_get v "$EXT_URL/login" | csrf_from)
before=$(sql_ext "SELECT COUNT(*) FROM citizen")

# Too many fields (the limit is 200).
args=("csrf=$csrf")
for i in $(seq 1 300); do args+=("f$i=x"); done
http_post v "$EXT_URL/register" "${args[@]}" >/dev/null
t_is "300 form fields: 400" "$HTTP_STATUS" 400
t_like "with a page that says what to do" "$HTTP_BODY" "请返回检查后重新提交"

# One field longer than 64 KiB.
head -c 70000 /dev/zero | tr '\0' 'a' >"$TMP/long"
http_post v "$EXT_URL/register" "csrf=$csrf" "name@$TMP/long" >/dev/null
t_is "a 70 KB field: 400" "$HTTP_STATUS" 400

# A body over the application's 30 MiB but under nginx's outer bound.
head -c $((31 * 1024 * 1024)) /dev/zero >"$TMP/big"
http_raw v "$EXT_URL/register" -H "Content-Type: application/x-www-form-urlencoded" \
	-H "Origin: $EXT_URL" --data-binary "@$TMP/big" >/dev/null
t_is "a 31 MB body: 413 from the application" "$HTTP_STATUS" 413
t_like "saying how to make it smaller" "$HTTP_BODY" "10 MB"
# Over nginx's bound: nginx answers, with our page.
head -c $((40 * 1024 * 1024)) /dev/zero >"$TMP/huge"
http_raw v "$EXT_URL/register" -H "Content-Type: application/x-www-form-urlencoded" \
	--data-binary "@$TMP/huge" >/dev/null
t_is "a 40 MB body: 413 from nginx" "$HTTP_STATUS" 413
t_like "with the same advice in Chinese" "$HTTP_BODY" "提交的内容太大"

# Broken multipart bodies.
http_raw v "$EXT_URL/register" -H "Content-Type: multipart/form-data; boundary=XYZ" \
	--data-binary $'--XYZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nabc' >/dev/null
t_is "a truncated multipart body: 400, not a crash" "$HTTP_STATUS" 400
t_like "with a page that says to submit again" "$HTTP_BODY" "格式不正确.*重新提交"
# Our parser's refusals (cgi/core/multipart.c), each with its page.
mp_raw() { # BODY-FILE: POST it as multipart with boundary XYZ
	http_raw v "$EXT_URL/register" -H "Origin: $EXT_URL" \
		-H "Content-Type: multipart/form-data; boundary=XYZ" \
		--data-binary "@$1" >/dev/null
}
printf -- '--XYZ\r\n%s\r\n%s\r\n\r\nx\r\n--XYZ--\r\n' \
	'Content-Disposition: form-data; name="a"' \
	'Content-Disposition: form-data; name="b"' >"$TMP/mp-dup"
mp_raw "$TMP/mp-dup"
t_is "two Content-Disposition lines in a part: 400" "$HTTP_STATUS" 400
t_like "that the form was malformed" "$HTTP_BODY" "格式不正确"
for i in $(seq 1 300); do
	printf -- '--XYZ\r\n%s"f%d"\r\n\r\nx\r\n' \
		'Content-Disposition: form-data; name=' "$i"
done >"$TMP/mp-many"
printf -- '--XYZ--\r\n' >>"$TMP/mp-many"
mp_raw "$TMP/mp-many"
t_is "300 multipart parts: 400" "$HTTP_STATUS" 400
t_like "saying there were too many" "$HTTP_BODY" "项目太多"
{ printf -- '--XYZ\r\n%s\r\n\r\n' 'Content-Disposition: form-data; name="name"'
  cat "$TMP/long"; printf -- '\r\n--XYZ--\r\n'; } >"$TMP/mp-long"
mp_raw "$TMP/mp-long"
t_is "a 70 KB multipart text value: 400" "$HTTP_STATUS" 400
t_like "saying it is too long" "$HTTP_BODY" "内容太长"
http_raw v "$EXT_URL/register" -H "Content-Type: multipart/form-data" --data-binary 'garbage' >/dev/null
t_is "multipart without a boundary: 400 before the parser sees it" "$HTTP_STATUS" 400
http_raw v "$EXT_URL/register" -H "Content-Type: application/x-www-form-urlencoded" \
	--data-binary '%%%&&&===&%ZZ=%' >/dev/null
t_like "broken percent-encoding: an error page" "$HTTP_STATUS" '^4[0-9][0-9]$'

# Odd cookies and methods.
http_raw v "$EXT_URL/" -H "Cookie: __Host-yw_sid=$(head -c 3000 /dev/zero | tr '\0' 'z'); __Host-yw_pre=..; =;;" >/dev/null
t_is "a garbage cookie is ignored" "$HTTP_STATUS" 200
http_raw v "$EXT_URL/guide" -X DELETE >/dev/null
t_is "an unknown method: 405" "$HTTP_STATUS" 405
http_raw v "$EXT_URL/login" -X POST -H "Content-Type: application/x-www-form-urlencoded" \
	--data-binary "id_number=1&password=2" >/dev/null
t_is "a POST without its CSRF token: 403" "$HTTP_STATUS" 403

t_is "none of it registered anybody" "$(sql_ext "SELECT COUNT(*) FROM citizen")" "$before"
http_get v "$EXT_URL/guide?code=152502-SCJG-XK-001" >/dev/null
t_is "and the site still serves pages" "$HTTP_STATUS" 200
t_done
