#!/usr/bin/env bash
# tls.sh: no personal data over plain HTTP (F8, SEC-1, SEC-5).  Both sites
# answer plain HTTP only with a redirect to the same URL over HTTPS; HTTPS
# speaks TLS 1.2 and 1.3 only, with forward-secret AEAD suites, and a
# certificate of the stack's local CA for 127.0.0.1 and localhost; every
# answer carries HSTS; cookies are Secure, HttpOnly, SameSite (Lax on the
# extranet, docs/search.md) and __Host- prefixed; the private keys are
# closed to others.
. "$(dirname "$0")/../lib.sh"

EXT_PORT=${EXT_URL##*:}
INT_PORT=${INT_URL##*:}
CODE=152502-SCJG-XK-001

# --- plain HTTP: a redirect and nothing else ---------------------------------
for site in EXT INT; do
	port_var=${site}_PORT
	port=${!port_var}
	out=$(curl -s -D "$_T_DIR/h" -o "$_T_DIR/b" -w '%{http_code} %{redirect_url}' \
		"http://127.0.0.1:$port/guide?code=$CODE&x=1")
	t_is "$site: plain HTTP is redirected to the same URL over HTTPS" "$out" \
		"301 https://127.0.0.1:$port/guide?code=$CODE&x=1"
	t_unlike "$site: and sets no cookie" "$(cat "$_T_DIR/h")" '^[Ss]et-[Cc]ookie'
	t_unlike "$site: and shows no page of the application" "$(cat "$_T_DIR/b")" '一网通办|csrf'
	out=$(curl -s -o /dev/null -w '%{http_code}' --data 'id_number=152502199003150027&password=x' \
		"http://127.0.0.1:$port/login")
	t_is "$site: a plain-HTTP POST is not served either" "$out" 301
done

# --- HTTPS: the certificate -------------------------------------------------
t_ok "the extranet's certificate verifies for 127.0.0.1 against the local CA" \
	curl -sf -o /dev/null --cacert "$TEST_CA" "$EXT_URL/"
t_ok "and for localhost" \
	curl -sf -o /dev/null --cacert "$TEST_CA" --resolve "localhost:$EXT_PORT:127.0.0.1" \
	"https://localhost:$EXT_PORT/"
t_ok "the intranet's too" \
	curl -sf -o /dev/null --cacert "$TEST_CA" --resolve "localhost:$INT_PORT:127.0.0.1" \
	"https://localhost:$INT_PORT/login"
t_isnt "a client that does not trust the local CA is refused" \
	"$(CURL_CA_BUNDLE=/dev/null curl -s -o /dev/null -w '%{http_code}' --cacert /dev/null "$EXT_URL/" || true)" 200

# --- HTTPS: protocol versions and suites -------------------------------------
# s_client at security level 0 offers what an old client would; the server
# must be the one that refuses.  tls_version PORT ARGS…: the protocol a
# handshake agreed on, with a certificate that verified; "" when refused.
tls_version() {
	local port=$1
	shift
	openssl s_client -brief -connect "127.0.0.1:$port" -CAfile "$TEST_CA" "$@" \
		</dev/null >"$_T_DIR/tls" 2>&1
	grep -q '^Verification: OK' "$_T_DIR/tls" &&
		sed -n 's/^Protocol version: //p' "$_T_DIR/tls"
	return 0
}
for site in EXT INT; do
	port_var=${site}_PORT
	port=${!port_var}
	t_is "$site: TLS 1.3 is spoken" "$(tls_version "$port" -tls1_3)" TLSv1.3
	t_is "$site: TLS 1.2 is spoken" "$(tls_version "$port" -tls1_2)" TLSv1.2
	t_is "$site: TLS 1.2 with an ECDHE AES-GCM suite" \
		"$(tls_version "$port" -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256)" TLSv1.2
	t_is "$site: TLS 1.1 is refused" "$(tls_version "$port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0')" ""
	t_is "$site: TLS 1.0 is refused" "$(tls_version "$port" -tls1 -cipher 'DEFAULT:@SECLEVEL=0')" ""
	t_is "$site: a CBC suite is refused" \
		"$(tls_version "$port" -tls1_2 -cipher 'ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:@SECLEVEL=0')" ""
	t_is "$site: a suite without forward secrecy is refused" \
		"$(tls_version "$port" -tls1_2 -cipher 'AES128-GCM-SHA256:AES256-SHA:@SECLEVEL=0')" ""
done

# --- HSTS on every kind of answer ---------------------------------------------
hsts='^Strict-Transport-Security: max-age=[0-9]{8,}; includeSubDomains'
http_get anon "$EXT_URL/" >/dev/null
t_like "HSTS on an extranet page" "$(cat "$HTTP_HEADERS_FILE")" "$hsts"
http_get anon "$EXT_URL/static/yiwang.css" >/dev/null
t_like "HSTS on a static file" "$(cat "$HTTP_HEADERS_FILE")" "$hsts"
http_get anon "$EXT_URL/no-such-page" >/dev/null
t_is "(an unknown page is 404)" "$HTTP_STATUS" 404
t_like "HSTS on an error page" "$(cat "$HTTP_HEADERS_FILE")" "$hsts"
http_get staff "$INT_URL/login" >/dev/null
t_like "HSTS on the intranet" "$(cat "$HTTP_HEADERS_FILE")" "$hsts"

# --- cookies --------------------------------------------------------------------
cookie_ok() { # the Set-Cookie line for NAME in the last response
	grep -i "^Set-Cookie: $1=" "$HTTP_HEADERS_FILE" | tr -d '\r'
}
http_get citizen "$EXT_URL/login" >/dev/null
c=$(cookie_ok __Host-yw_pre)
t_like "the pre-session cookie has the __Host- prefix" "$c" '^Set-Cookie: __Host-yw_pre=[0-9a-f]{64};'
t_like "and is Secure, HttpOnly, SameSite=Lax (links from SMS), for the whole site" "$c" \
	'Path=/; HttpOnly; SameSite=Lax; Secure'
t_unlike "and names no Domain" "$c" '[Dd]omain='
csrf=$(csrf_from <"$HTTP_BODY_FILE")
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" "next=/my" >/dev/null
t_is "the demo applicant logs in over HTTPS" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
c=$(cookie_ok __Host-yw_sid)
t_like "the session cookie is __Host-, Secure, HttpOnly and SameSite=Lax" "$c" \
	'^Set-Cookie: __Host-yw_sid=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Secure'
http_get citizen "$EXT_URL/my" >/dev/null
t_is "and opens the applicant's pages" "$HTTP_STATUS" 200
# Over plain HTTP nginx answers the redirect before any worker runs, so no
# page is served for a session cookie sent there.  (A browser sends Secure
# cookies over HTTPS only, except to a loopback address, which it counts as
# secure: curl does the same, so this cannot be shown on 127.0.0.1.)
out=$(curl -s -o /dev/null -w '%{http_code}' -b "$_T_DIR/jar.citizen" "http://127.0.0.1:$EXT_PORT/my")
t_is "over plain HTTP the same request only gets the redirect" "$out" 301

# --- keys -----------------------------------------------------------------------
t_is "the CA's private key is mode 600" "$(stat -c %a "$TEST_VAR/tls/ca.key")" 600
for s in ext int; do
	t_is "$s: the server's private key is mode 600" "$(stat -c %a "$TEST_VAR/$s/tls/server.key")" 600
done
t_like "the server certificate names 127.0.0.1 and localhost" \
	"$(openssl x509 -in "$TEST_VAR/ext/tls/server.crt" -noout -ext subjectAltName)" \
	'IP Address:127.0.0.1.*DNS:localhost|DNS:localhost.*IP Address:127.0.0.1'
t_done
