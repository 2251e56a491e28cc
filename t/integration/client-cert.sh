#!/usr/bin/env bash
# client-cert.sh: a stolen administrator password is not enough (ACC-4,
# SEC-1, F8).  An account bound to a client certificate of the local CA logs
# in only when the browser presents that very certificate: not without one,
# not with another staff member's, not with one of another CA, not with a
# verdict forged in request headers; its session ends on the first request
# without it.  The certificate is asked for only after the right password:
# a wrong one is the same counted miss as for any login (SEC-8).  Staff
# without a certificate log in with their password as before.  yiwang-admin issues, re-issues and revokes; the security
# administrator lists and revokes at /sec/certs; each change is audited.
. "$(dirname "$0")/../lib.sh"

ADMIN=liuxiaomei		# 系统管理员, bound by ./run
CLERK=sarengaowa		# 窗口受理人员, no certificate
PW=Yiwang@2026
TMP=$_T_DIR
CERTS=$TEST_VAR/int/certs

# staff_login JAR LOGIN [PASSWORD]: the login form, then its POST.
staff_login() {
	local csrf
	csrf=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$csrf" "login=$2" "password=${3:-$PW}" >/dev/null
}
staff_id() { sql_int "SELECT id FROM staff WHERE login = '$1'"; }
sessions_of() { sql_int "SELECT COUNT(*) FROM session WHERE user_id = $(staff_id "$1")"; }

# --- what ./run set up ------------------------------------------------------------
t_ok "the administrator's .p12 file is under var/int/certs" test -s "$CERTS/$ADMIN.p12"
t_is "and is mode 600" "$(stat -c %a "$CERTS/$ADMIN.p12")" 600
p12_sha=$(openssl pkcs12 -in "$CERTS/$ADMIN.p12" -passin "pass:$TEST_P12_PASSWORD" -clcerts -nokeys 2>/dev/null |
	openssl x509 -outform DER | sha256sum | cut -d' ' -f1)
t_is "the account is bound to the certificate in that file" \
	"$(sql_int "SELECT c.sha256 FROM staff_cert c JOIN staff s ON s.id = c.staff_id WHERE s.login = '$ADMIN'")" "$p12_sha"
t_like "which the local CA issued, for client authentication only" \
	"$(openssl pkcs12 -in "$CERTS/$ADMIN.p12" -passin "pass:$TEST_P12_PASSWORD" -clcerts -nokeys 2>/dev/null |
		openssl x509 -noout -ext extendedKeyUsage)" 'TLS Web Client Authentication$'
t_ok "and it verifies against the CA" bash -c "openssl pkcs12 -in '$CERTS/$ADMIN.p12' -passin 'pass:$TEST_P12_PASSWORD' -clcerts -nokeys 2>/dev/null | openssl verify -CAfile '$TEST_CA' -purpose sslclient"
t_is "a clerk has no certificate" "$(sql_int "SELECT COUNT(*) FROM staff_cert c JOIN staff s ON s.id = c.staff_id WHERE s.login = '$CLERK'")" 0

# A second bound account, and a certificate of a stranger CA.
YIWANG_PASSWORD=Lvcao-Qiu-73 admin_int user-add zhengshu 郑淑 SCJGJ clerk >/dev/null
# (its first password is temporary, SEC-7: as if already changed)
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = 'zhengshu'"
YIWANG_PASSWORD=$TEST_P12_PASSWORD admin_int cert-issue zhengshu "$TMP/zhengshu.p12" >"$TMP/out" 2>&1
t_like "yiwang-admin cert-issue issues and binds a certificate" "$(cat "$TMP/out")" "已为 zhengshu.*签发.*$TMP/zhengshu.p12"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TMP/s.key" -out "$TMP/s.crt" \
	-days 2 -subj "/CN=$ADMIN" 2>/dev/null
openssl pkcs12 -export -in "$TMP/s.crt" -inkey "$TMP/s.key" -out "$TMP/stranger.p12" \
	-passout "pass:$TEST_P12_PASSWORD" 2>/dev/null

# --- refused without the right certificate ---------------------------------------
# The certificate is asked for only once the password is right (SEC-8):
# without it, a bound login is a miss like any other, so nobody lists the
# bound (administrators') logins by trying names.
before=$(sessions_of "$ADMIN")
misses() { sql_int "SELECT COUNT(*) FROM throttle_miss WHERE subject = '$(pii_hash int throttle.login "#$(staff_id "$1")")'"; }
alerts() { sql_int "SELECT COUNT(*) FROM security_alert WHERE kind = 'account.cert' AND object = 'staff:$1'"; }
misses0=$(misses "$ADMIN")
HTTP_CERT=none staff_login nocert "nosuch$$" wrong-password
t_is "an unknown login is a miss (422)" "$HTTP_STATUS" 422
miss=$(alert_text)
HTTP_CERT=none staff_login nocert "$ADMIN" wrong-password
t_is "a bound login with a wrong password, without the certificate, answers alike" "$HTTP_STATUS $(alert_text)" "422 $miss"
t_is "and is counted as a miss of the account" "$(misses "$ADMIN")" "$((misses0 + 1))"
alerts0=$(alerts "$ADMIN")
HTTP_CERT=none staff_login nocert "$ADMIN"
t_is "with the right password the administrator without a certificate is refused at login" "$HTTP_STATUS" 403
t_like "with a message that says to use the certificate" "$HTTP_BODY" "只能用本人的数字证书登录"
t_is "which raises a security alert: the password may have leaked" "$(alerts "$ADMIN")" "$((alerts0 + 1))"
HTTP_CERT=$TMP/zhengshu.p12 staff_login other "$ADMIN"
t_is "refused with another staff member's certificate" "$HTTP_STATUS" 403
HTTP_CERT=$TMP/stranger.p12 staff_login stranger "$ADMIN"
t_is "a certificate of another CA is refused by nginx" "$HTTP_STATUS" 400
t_like "with a page that says what to do" "$HTTP_BODY" "数字证书无效"
pem=$(openssl pkcs12 -in "$CERTS/$ADMIN.p12" -passin "pass:$TEST_P12_PASSWORD" -clcerts -nokeys 2>/dev/null |
	sed -n '/BEGIN/,/END/p' | sed -e ':a;N;$!ba;s/\n/%0A/g' -e 's/ /%20/g; s/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
CURL_EXTRA=(-H "Ssl-Client-Verify: SUCCESS" -H "Ssl-Client-Cert: $pem" -H "SSL_CLIENT_VERIFY: SUCCESS")
HTTP_CERT=none staff_login forged "$ADMIN"
CURL_EXTRA=()
t_is "a verdict and certificate forged in request headers are refused" "$HTTP_STATUS" 403
t_is "none of these made a session" "$(sessions_of "$ADMIN")" "$before"

# --- admitted with it; the session ends without it ----------------------------
staff_login admin "$ADMIN"
t_is "the administrator with the certificate logs in, to their own home" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin"
http_get admin "$INT_URL/admin" >/dev/null
t_is "and works" "$HTTP_STATUS" 200
t_is "(one session more)" "$(sessions_of "$ADMIN")" "$((before + 1))"
HTTP_CERT=none http_get admin "$INT_URL/admin" >/dev/null
t_is "a request of the session without the certificate is sent to log in" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"
t_like "and clears the session cookie" "$(cat "$HTTP_HEADERS_FILE")" '__Host-yw_sid=; .*Max-Age=0'
t_is "the session has ended in the database" "$(sessions_of "$ADMIN")" "$before"
http_get admin "$INT_URL/admin" >/dev/null
t_is "and stays ended when the certificate is back" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"
staff_login admin "$ADMIN"
HTTP_CERT=$TMP/zhengshu.p12 http_get admin "$INT_URL/admin" >/dev/null
t_is "another staff member's certificate ends the session too" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"
staff_login admin "$ADMIN"
csrf=$(HTTP_CERT=none http_get admin "$INT_URL/login" | csrf_from)
HTTP_CERT=none http_post admin "$INT_URL/login" "csrf=$csrf" "login=$CLERK" "password=$PW" >/dev/null
t_is "the login form shown as the session ends carries a token that works" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"

# --- staff without a certificate ------------------------------------------------
HTTP_CERT=none staff_login clerk "$CLERK"
t_is "a clerk without a certificate logs in with the password" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
HTTP_CERT=none http_get clerk "$INT_URL/inbox" >/dev/null
t_is "and works without one" "$HTTP_STATUS" 200
HTTP_CERT=none staff_login clerk "$CLERK" wrong-password
t_is "a wrong password is still refused as before" "$HTTP_STATUS" 422

# --- the second bound account; revoking -------------------------------------------
HTTP_CERT=none staff_login z zhengshu Lvcao-Qiu-73
t_is "a bound clerk without the certificate is refused" "$HTTP_STATUS" 403
HTTP_CERT=none staff_login z zhengshu wrong-password
t_is "and with a wrong password gets the ordinary miss" "$HTTP_STATUS $(alert_text)" "422 $miss"
HTTP_CERT=$TMP/zhengshu.p12 staff_login z zhengshu Lvcao-Qiu-73
t_is "and admitted with it" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
admin_int cert-list >"$TMP/out"
t_like "cert-list shows both bindings" "$(cat "$TMP/out")" "^$ADMIN	"
t_like "(the second)" "$(cat "$TMP/out")" "^zhengshu	郑淑	[0-9a-f]{32}	"

# Re-issuing replaces the old certificate.
cp "$CERTS/$ADMIN.p12" "$TMP/old.p12"
YIWANG_PASSWORD=$TEST_P12_PASSWORD admin_int cert-issue "$ADMIN" >/dev/null
HTTP_CERT=$TMP/old.p12 staff_login old "$ADMIN"
t_is "after re-issuing, the old certificate is refused" "$HTTP_STATUS" 403
staff_login admin "$ADMIN"
t_is "and the new one admitted" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin"

# The security administrator's page (三员分立: certificates are theirs).
http_get admin "$INT_URL/sec/certs" >/dev/null
t_is "the system administrator may not see the certificates page" "$HTTP_STATUS" 403
staff_login sec wurigen
t_is "the security administrator logs in (with their certificate)" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec"
page=$(http_get sec "$INT_URL/sec/certs"); http_last
t_is "and sees the certificates page" "$HTTP_STATUS" 200
t_like "listing the bound accounts" "$page" "zhengshu"
t_like "(and the administrator)" "$page" "$ADMIN"
csrf=$(csrf_from <<<"$page")
http_post sec "$INT_URL/sec/certs/revoke" "login=zhengshu" >/dev/null
t_is "revoking needs the form's token" "$HTTP_STATUS" 403
http_post sec "$INT_URL/sec/certs/revoke" "csrf=$csrf" "login=zhengshu" >/dev/null
t_is "the security administrator revokes a certificate" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/certs?revoked=zhengshu"
http_post sec "$INT_URL/sec/certs/revoke" "csrf=$csrf" "login=zhengshu" >/dev/null
t_is "revoking it again says there is none" "$HTTP_STATUS" 404
HTTP_CERT=none staff_login z2 zhengshu Lvcao-Qiu-73
t_is "a revoked account logs in with its password alone" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
admin_int cert-revoke "$ADMIN" >"$TMP/out" 2>&1
t_like "yiwang-admin cert-revoke unbinds" "$(cat "$TMP/out")" "已吊销 $ADMIN"
HTTP_CERT=none staff_login a2 "$ADMIN"
t_is "and the administrator logs in with the password again" "$HTTP_STATUS" 303
YIWANG_PASSWORD=$TEST_P12_PASSWORD admin_int cert-issue-admins >"$TMP/out" 2>&1
t_like "cert-issue-admins binds the administrator again" "$(cat "$TMP/out")" "已为 $ADMIN"
t_like "and leaves one that holds a certificate alone on a second run" \
	"$(YIWANG_PASSWORD=$TEST_P12_PASSWORD admin_int cert-issue-admins 2>&1)" "$ADMIN.*已有证书"
HTTP_CERT=none staff_login a3 "$ADMIN"
t_is "so the password alone is refused again" "$HTTP_STATUS" 403

t_is "every issue and revocation is in the audit trail" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(action, ' ', object, ' ', actor) ORDER BY id SEPARATOR ', ') FROM audit WHERE action LIKE 'cert.%' AND object IN ('staff:zhengshu')")" \
	"cert.issue staff:zhengshu cli:$(id -un), cert.revoke staff:zhengshu wurigen"
t_is "(the administrator's too)" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE action LIKE 'cert.%' AND object = 'staff:$ADMIN'")" 4
# The clerk made here leaves no session and no active account behind.
sql_int "DELETE FROM session WHERE user_id = $(staff_id zhengshu)"
sql_int "UPDATE staff SET active = 0 WHERE login = 'zhengshu'"
t_done
