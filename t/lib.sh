# t/lib.sh — sourced by every t/integration/*.sh:
#
#     #!/usr/bin/env bash
#     . "$(dirname "$0")/../lib.sh"
#     http_get alice "$EXT_URL/" >/dev/null
#     t_is "home page answers" "$HTTP_STATUS" 200
#     t_like "it is the extranet" "$HTTP_BODY" '政务服务'
#     t_done
#
# `./run test` starts the test stack (var/test, https on ports 18080 and 18081) before it runs
# the scripts and stops it afterwards; a script can also be run by hand while that
# stack is up.  Each script prints TAP ("ok N - …", "not ok N - …", "1..N").
#
# The t_* checks return the check's status.  A script under `set -e` therefore
# stops at its first failed check (still counted as a failure); without it, the
# script goes on.
#
# Globals set by every http_* call (in the calling shell, so call it plainly, not
# inside $( ): `http_get u URL >/dev/null; … "$HTTP_BODY"`; after a $( ) call,
# `http_last` reloads them):
#     HTTP_STATUS     "200", … ("000" when there was no answer)
#     HTTP_LOCATION   the Location header as sent (redirects are never followed)
#     HTTP_CTYPE      the Content-Type header
#     HTTP_BODY       the body as text (NUL bytes dropped)
#     HTTP_BODY_FILE  the body's bytes (overwritten by the next request)
#     HTTP_HEADERS_FILE  the response headers
# Cookie jars: the first argument of http_* names a jar ("alice", "clerk"); a name
# with a slash is a file path.  CURL_EXTRA=(…) adds curl options to every request.
# Client certificates (ACC-4): a jar that POSTs to $INT_URL/login as a staff
# member with a .p12 under var/test/int/certs (the administrators: ./run issues
# theirs) presents that certificate from then on, as their browser would.
# HTTP_CERT=none sends no certificate; HTTP_CERT=FILE.p12 sends that one
# (password $TEST_P12_PASSWORD).
# POSTs send an Origin header for the target, as a browser does; set HTTP_ORIGIN
# to send another one, or HTTP_ORIGIN=none to send none.
# shellcheck shell=bash
# shellcheck disable=SC2034  # the HTTP_* globals are for the sourcing script

export LC_ALL=C.UTF-8 # UTF-8 text in every tool, whatever the caller's locale
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEST_VAR=$ROOT/var/test
BUILD=$ROOT/build
EXT_URL=https://127.0.0.1:${YIWANG_TEST_PORT:-18080}
INT_URL=https://127.0.0.1:$((${YIWANG_TEST_PORT:-18080} + 1))
# The extranet's operations server (GAP-6): a certificate of its operations
# CA opens it, $TEST_VAR/ext/certs/ops-LOGIN.p12 (./run issues hanxu's and
# liuxiaomei's).
OPS_URL=https://127.0.0.1:$((${YIWANG_TEST_PORT:-18080} + 2))
EXT_CONF=$TEST_VAR/ext/yiwang.conf
INT_CONF=$TEST_VAR/int/yiwang.conf
# Both sites answer over TLS with certificates of the test stack's own CA:
# every curl checks them against it (_http passes --cacert; a plain curl in
# a script finds it through CURL_CA_BUNDLE).
TEST_CA=$TEST_VAR/tls/ca.crt
CURL_CA_BUNDLE=$TEST_CA
TEST_P12_PASSWORD=Yiwang@2026 # run's DEMO_P12_PASSWORD
export ROOT TEST_VAR BUILD EXT_URL INT_URL OPS_URL EXT_CONF INT_CONF TEST_CA CURL_CA_BUNDLE

# Scratch space for this script: cookie jars, the last response.  Under var/test,
# which ./run test wipes at the start of every run.
_T_DIR=$TEST_VAR/tmp/$(basename "${0%.sh}").$$
mkdir -p "$_T_DIR"
_T_N=0
_T_FAILED=0
HTTP_STATUS='' HTTP_LOCATION='' HTTP_CTYPE='' HTTP_BODY=''
HTTP_BODY_FILE=$_T_DIR/last.body
HTTP_HEADERS_FILE=$_T_DIR/last.headers
if ! declare -p CURL_EXTRA >/dev/null 2>&1; then CURL_EXTRA=(); fi

# ---------------------------------------------------------------------------
# The test stack's databases and command-line tools
# ---------------------------------------------------------------------------

# sql_ext 'SQL' / sql_int 'SQL': run SQL on a site's database, print the rows
# tab-separated without a header.  With no argument, the SQL is read from stdin.
sql_ext() { _sql "$TEST_VAR/ext" "$@"; }
sql_int() { _sql "$TEST_VAR/int" "$@"; }
_sql() {
	local d=$1
	shift
	if (($#)); then
		mariadb --no-defaults --default-character-set=utf8mb4 --socket="$d/mysqld.sock" -uroot -N -B yiwang -e "$1"
	else
		mariadb --no-defaults --default-character-set=utf8mb4 --socket="$d/mysqld.sock" -uroot -N -B yiwang
	fi
}

# pii_hash ext|int WHAT VALUE: the keyed hash a site stores for VALUE in
# column (or counter) WHAT (cgi/core/pii.h: HMAC-SHA-256 under
# HKDF(keys/pii.key, "yiwang-pii-1", "hash") of WHAT, a NUL and VALUE),
# computed here with openssl, apart from the C code, from the site's key.
pii_hash() {
	local secret k
	secret=$(head -1 "$TEST_VAR/$1/keys/pii.key")
	k=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt "hexkey:$secret" \
		-kdfopt salt:yiwang-pii-1 -kdfopt info:hash HKDF | tr -d ':' | tr 'A-F' 'a-f')
	printf '%s\0%s' "$2" "$3" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$k" -r | cut -d' ' -f1
}

# citizen_of IDNO: the extranet account's id of an ID number, found as the
# login finds it (by the keyed hash: the number itself is stored sealed).
citizen_of() { sql_ext "SELECT id FROM citizen WHERE id_hash = '$(pii_hash ext citizen.id_number "$1")'"; }

gap_ext() { "$BUILD/yiwang-gap" -c "$EXT_CONF" "$@"; }
# gap_with SITE KEY=VALUE… ARGS…: yiwang-gap of SITE (ext|int) with those
# settings of its configuration changed, for this command only.
gap_with() {
	local conf=$_T_DIR/$1.conf
	cp "$TEST_VAR/$1/yiwang.conf" "$conf"
	shift
	while [[ $1 == [a-z_]*=* ]]; do
		sed -i "/^${1%%=*} *=/d" "$conf"
		printf '%s\n' "$1" >>"$conf"
		shift
	done
	"$BUILD/yiwang-gap" -c "$conf" "$@"
}
gap_int() { "$BUILD/yiwang-gap" -c "$INT_CONF" "$@"; }
admin_ext() { "$BUILD/yiwang-admin" -c "$EXT_CONF" "$@"; }
admin_int() { "$BUILD/yiwang-admin" -c "$INT_CONF" "$@"; }

# ---------------------------------------------------------------------------
# TAP
# ---------------------------------------------------------------------------

# _t_result STATUS DESC: print one TAP line ('#' in a description would start a
# TAP directive, so it is escaped).
_t_result() {
	local desc=${2//\#/\\#}
	_T_N=$((_T_N + 1))
	if (($1 == 0)); then
		printf 'ok %d - %s\n' "$_T_N" "$desc"
	else
		_T_FAILED=$((_T_FAILED + 1))
		printf 'not ok %d - %s\n' "$_T_N" "$desc"
	fi
	return "$1"
}

# t_diag TEXT…: a comment line (each line of TEXT prefixed by "# ").
t_diag() { printf '%s\n' "$*" | sed 's/^/# /'; }

# _t_show LABEL TEXT: a value in a failure report, at most 20 lines of it.
_t_show() {
	local n
	n=$(printf '%s\n' "$2" | wc -l)
	printf '#   %s:\n' "$1"
	printf '%s\n' "$2" | head -n 20 | sed 's/^/#     /'
	((n <= 20)) || printf '#     … (%d lines)\n' "$n"
}

t_pass() { _t_result 0 "$1"; }
t_fail() {
	_t_result 1 "$1" || true
	[[ -z ${2:-} ]] || t_diag "$2"
	return 1
}

# t_ok DESC CMD ARGS…: passes when the command exits 0.  Its output is shown only
# when it fails.  The command runs in this shell, so it may set variables.
t_ok() {
	local desc=$1 rc=0
	shift
	"$@" >"$_T_DIR/t_ok.out" 2>&1 || rc=$?
	if ((rc == 0)); then
		_t_result 0 "$desc"
	else
		_t_result 1 "$desc" || true
		_t_show "command (exit $rc)" "$*"
		[[ ! -s $_T_DIR/t_ok.out ]] || _t_show output "$(cat "$_T_DIR/t_ok.out")"
		return 1
	fi
}

# t_is DESC GOT EXPECTED: string equality.
t_is() {
	if [[ $2 == "$3" ]]; then
		_t_result 0 "$1"
	else
		_t_result 1 "$1" || true
		_t_show got "$2"
		_t_show expected "$3"
		return 1
	fi
}

# t_isnt DESC GOT UNEXPECTED
t_isnt() {
	if [[ $2 != "$3" ]]; then
		_t_result 0 "$1"
	else
		_t_result 1 "$1" || true
		_t_show "got (and should not have)" "$2"
		return 1
	fi
}

# t_like DESC TEXT REGEX / t_unlike DESC TEXT REGEX: an extended regular expression
# (grep -E) that some line of TEXT matches / no line of TEXT matches.
t_like() {
	if grep -Eq -- "$3" <<<"$2"; then
		_t_result 0 "$1"
	else
		_t_result 1 "$1" || true
		_t_show "text" "$2"
		_t_show "does not match" "$3"
		return 1
	fi
}

t_unlike() {
	if ! grep -Eq -- "$3" <<<"$2"; then
		_t_result 0 "$1"
	else
		_t_result 1 "$1" || true
		_t_show "matching lines" "$(grep -E -- "$3" <<<"$2")"
		_t_show "should not match" "$3"
		return 1
	fi
}

# t_done: the plan line; exit 1 when any check failed, 0 otherwise.
t_done() {
	printf '1..%d\n' "$_T_N"
	((_T_FAILED == 0)) || printf '# %d of %d failed\n' "$_T_FAILED" "$_T_N"
	rm -rf "$_T_DIR"
	((_T_FAILED == 0)) && exit 0
	exit 1
}

# ---------------------------------------------------------------------------
# HTTP (curl; redirects are not followed)
# ---------------------------------------------------------------------------

_jar() {
	if [[ $1 == */* ]]; then printf '%s\n' "$1"; else printf '%s\n' "$_T_DIR/jar.$1"; fi
}

# http_last: set the HTTP_* globals from the last response (useful after
# `page=$(http_get …)`, whose own globals stayed in the subshell).  The
# headers read by bash alone: the suites make thousands of requests.
http_last() {
	local line v
	HTTP_STATUS=000 HTTP_LOCATION='' HTTP_CTYPE=''
	if [[ -r $_T_DIR/last.status ]]; then
		IFS= read -r HTTP_STATUS <"$_T_DIR/last.status" || true
	fi
	# The last Location and Content-Type lines, of any case, their CRs
	# and the blanks after the colon removed.
	if [[ -r $HTTP_HEADERS_FILE ]]; then
		while IFS= read -r line || [[ -n $line ]]; do
			line=${line//$'\r'/}
			v=${line#*:}
			v=${v#"${v%%[![:space:]]*}"}
			case ${line,,} in
			location:*) HTTP_LOCATION=$v ;;
			content-type:*) HTTP_CTYPE=$v ;;
			esac
		done <"$HTTP_HEADERS_FILE"
	fi
	HTTP_BODY=$(tr -d '\000' <"$HTTP_BODY_FILE" 2>/dev/null || true)
}

# _cert JAR-FILE: CERT, the curl options for the client certificate of the
# jar (see above).
_cert() {
	local p12=${HTTP_CERT:-}
	CERT=()
	[[ -z $p12 && -s $1.cert ]] && p12=$(<"$1.cert")
	[[ -n $p12 && $p12 != none ]] || return 0
	CERT=(--cert-type P12 --cert "$p12:$TEST_P12_PASSWORD")
}

# _http JAR URL CURL-ARGS…: one request; prints the body; sets the globals.
# Returns 0 whenever an HTTP answer came back, whatever its status.
_http() {
	local jar=$1 url=$2 rc=0 code CERT
	[[ $jar == */* ]] || jar=$_T_DIR/jar.$1 # _jar, without a subshell
	shift 2
	_cert "$jar"
	: >"$HTTP_BODY_FILE"
	: >"$HTTP_HEADERS_FILE"
	code=$(curl -sS --max-time 60 --cacert "$TEST_CA" "${CERT[@]}" \
		-o "$HTTP_BODY_FILE" -D "$HTTP_HEADERS_FILE" \
		-b "$jar" -c "$jar" -w '%{http_code}' \
		"${CURL_EXTRA[@]}" "$@" "$url") || rc=$?
	printf '%s\n' "${code:-000}" >"$_T_DIR/last.status"
	http_last
	# The bytes as they came (NULs too), unless nobody reads them.
	[[ /dev/stdout -ef /dev/null ]] || cat "$HTTP_BODY_FILE"
	if ((rc != 0)); then
		printf '# curl %s failed (exit %d)\n' "$url" "$rc" >&2
		return "$rc"
	fi
}

# _origin URL: ORIGIN, the curl option of the Origin a browser would send
# with a POST to URL (scheme and host of an http or https URL).
_origin() {
	local o=${HTTP_ORIGIN:-} host
	ORIGIN=()
	if [[ -z $o && ($1 == http://* || $1 == https://*) ]]; then
		host=${1#*://}
		host=${host%%[/?#]*}
		[[ -z $host ]] || o=${1%%://*}://$host
	fi
	[[ $o == none || -z $o ]] || ORIGIN=("-HOrigin: $o")
}

# http_get JAR URL
http_get() { _http "$1" "$2"; }

# A staff login POST on the intranet decides the jar's certificate (above).
_cert_for_login() { # JAR URL k=v…
	local jar url=$2 kv
	[[ $url == "$INT_URL/login" ]] || return 0
	jar=$(_jar "$1")
	shift 2
	for kv; do
		[[ $kv == login=* ]] || continue
		if [[ -f $TEST_VAR/int/certs/${kv#login=}.p12 ]]; then
			printf '%s\n' "$TEST_VAR/int/certs/${kv#login=}.p12" >"$jar.cert"
		else
			rm -f "$jar.cert"
		fi
	done
}

# http_post JAR URL 'k=v'…: an application/x-www-form-urlencoded POST; each
# value is URL-encoded (the name is sent as written).
http_post() {
	local jar=$1 url=$2 kv
	shift 2
	_cert_for_login "$jar" "$url" "$@"
	local -a ORIGIN args
	_origin "$url"
	args=("${ORIGIN[@]}")
	if (($# == 0)); then args+=(--data ''); fi
	for kv; do args+=(--data-urlencode "$kv"); done
	_http "$jar" "$url" "${args[@]}"
}

# http_upload JAR URL 'k=v'… 'file=@path;type=application/pdf'…: a
# multipart/form-data POST.  A value starting with @ or < is a file (curl -F);
# any other value is sent literally (curl --form-string), so ';' or '@' inside a
# text field is harmless.
http_upload() {
	local jar=$1 url=$2 kv val
	shift 2
	local -a ORIGIN args
	_origin "$url"
	args=("${ORIGIN[@]}")
	for kv; do
		val=${kv#*=}
		if [[ $val == [@\<]* ]]; then args+=(-F "$kv"); else args+=(--form-string "$kv"); fi
	done
	_http "$jar" "$url" "${args[@]}"
}

# http_raw JAR URL CURL-ARGS…: anything else (another method, a raw body, odd
# headers): the arguments go to curl as they are.
http_raw() {
	local jar=$1 url=$2
	shift 2
	_http "$jar" "$url" "$@"
}

# test_id K: the Kth (0 to 39) valid ID number of this run of the script:
# birth date and sequence come from its pid, so runs on one stack differ.
test_id() {
	local n=$$
	idno "152502$((1960 + $1 % 40))$(printf '%02d%02d%03d' $((n / 28000 % 12 + 1)) \
		$((n / 1000 % 28 + 1)) $((n % 1000)))"
}

# ext_login JAR IDNO PASSWORD: an extranet login by ID number, next /my;
# sets HTTP_*.
ext_login() {
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=$3" "next=/my" >/dev/null
}

# credit_code PREFIX17: the 17 characters with their GB 32100 check
# character.
credit_code() {
	local set=0123456789ABCDEFGHJKLMNPQRTUWXY s=$1 i c sum=0
	local -a w=(1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28)
	for ((i = 0; i < 17; i++)); do
		c=${set%%"${s:i:1}"*}
		sum=$((sum + ${#c} * w[i]))
	done
	printf '%s%s\n' "$s" "${set:(31 - sum % 31) % 31:1}"
}

# site_workers ext|int: the pids of the site's FastCGI workers (both pools,
# run's fcgi_start), sorted.
site_workers() {
	local p
	for p in fcgi fcgi-kdf; do
		ps -o pid= --ppid "$(cat "$TEST_VAR/$1/$p.pid")"
	done | sort -n | tr -d ' ' | tr '\n' ' '
}

# csrf_from: the value of the first <input … name="csrf" value="…"> in the HTML
# on stdin.  Fails (prints nothing) when there is none.
csrf_from() { form_field csrf; }

# form_field NAME: the value of the first <input … name="NAME" value="…"> in
# the HTML on stdin.  Fails (prints nothing) when there is none.
form_field() {
	local html tag re_tag="<input[^>]*name=\"$1\"[^>]*>" re_val='value="([^"]*)"'
	html=$(cat)
	[[ $html =~ $re_tag ]] || return 1
	tag=${BASH_REMATCH[0]}
	[[ $tag =~ $re_val ]] || return 1
	printf '%s\n' "${BASH_REMATCH[1]}"
}

# apply_form JAR URL: open an application form (GET /apply?code=…) and set
# CSRF and FORM_KEY from it: each form carries a one-time key (F13), which
# the POST must send back ("form_key=$FORM_KEY").  Sets the HTTP_* globals.
apply_form() {
	local page
	page=$(http_get "$1" "$2") || true
	http_last
	# A form without its key in the address is sent to one (EXT-1).
	if [[ $HTTP_STATUS == 303 && $HTTP_LOCATION == /apply\?* ]]; then
		page=$(http_get "$1" "${2%%/apply*}$HTTP_LOCATION") || true
		http_last
	fi
	CSRF=$(csrf_from <<<"$page") || CSRF=''
	FORM_KEY=$(form_field form_key <<<"$page") || FORM_KEY=''
}

# t_pdf FILE [CATALOG-EXTRA [OBJECT…]]: write a small well-formed one-page PDF
# (exact cross-reference table) to FILE, as the upload checks want.
# CATALOG-EXTRA goes inside the catalogue's dictionary (e.g. '/OpenAction 4 0
# R'); each OBJECT is the body of the next object, 4, 5, … (e.g.
# '<</S/JavaScript/JS(app.alert(1))>>').  ASCII only.
t_pdf() {
	local out=$1 extra=${2:-} i n xref o
	shift
	(($#)) && shift
	local -a objs=("<</Type/Catalog/Pages 2 0 R$extra>>"
		"<</Type/Pages/Kids[3 0 R]/Count 1>>"
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>" "$@") offs=()
	printf '%%PDF-1.4\n' >"$out"
	for ((i = 0; i < ${#objs[@]}; i++)); do
		offs+=("$(stat -c %s "$out")")
		printf '%d 0 obj\n%s\nendobj\n' $((i + 1)) "${objs[i]}" >>"$out"
	done
	xref=$(stat -c %s "$out")
	n=$((${#objs[@]} + 1))
	{
		printf 'xref\n0 %d\n0000000000 65535 f \n' "$n"
		for o in "${offs[@]}"; do printf '%010d 00000 n \n' "$o"; done
		printf 'trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n' "$n" "$xref"
	} >>"$out"
}

# ---------------------------------------------------------------------------
# Staff and cases (the demo data of the test stack)
# ---------------------------------------------------------------------------

# int_login JAR LOGIN [PASSWORD]: log in on the intranet, to the user's own
# home (the demo password by default).
int_login() {
	local csrf
	csrf=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$csrf" "login=$2" "password=${3:-Yiwang@2026}" >/dev/null
}

# case_from_ext CODE: the demo applicant (152502199003150027) applies for
# item CODE on the extranet, with a small PDF for each required material;
# every extranet bundle is carried to the intranet; prints the intranet
# case's id (nothing when any of it failed).
case_from_ext() {
	local app b
	app=$(ext_apply "$1") || return 1
	gap_ext export >/dev/null 2>&1 || true
	for b in "$TEST_VAR"/ext/bundles/*.ywb; do gap_int import "$b" >/dev/null 2>&1 || true; done
	sql_int "SELECT id FROM kase WHERE app_no = '$app'"
}

# ext_apply CODE: the demo applicant applies for item CODE on the extranet
# with every required material; prints the application's number.  Nothing
# crosses.
ext_apply() {
	local code=$1 csrf seq sid
	local -a uploads=()
	t_pdf "$_T_DIR/case.pdf"
	# The suites drive many cases through this one applicant, past the
	# daily quota (SEC-8), which uploads.sh tests: the count starts again.
	sql_ext "DELETE FROM submit_quota WHERE citizen_id = $(citizen_of 152502199003150027)"
	# The session this function logged in last time, when the jar still
	# holds it and the site still knows it (its form comes, not the way to
	# the login page); else a login: each costs a password hash (scrypt,
	# half a second of a core), and the suites apply this way 140 times.
	sid=$(sed -n 's/.*\tyw_sid\t//p' "$_T_DIR/jar.applicant" 2>/dev/null)
	HTTP_STATUS=303 HTTP_LOCATION=/login
	if [[ -n $sid && -s $_T_DIR/applicant.sid &&
		$sid == "$(<"$_T_DIR/applicant.sid")" ]]; then
		apply_form applicant "$EXT_URL/apply?code=$code"
	fi
	if [[ $HTTP_STATUS == 303 && $HTTP_LOCATION == */login* ]]; then
		csrf=$(http_get applicant "$EXT_URL/login" | csrf_from)
		http_post applicant "$EXT_URL/login" "csrf=$csrf" \
			"id_number=152502199003150027" "password=Yiwang@2026" \
			"next=/my" >/dev/null
		sed -n 's/.*\tyw_sid\t//p' "$_T_DIR/jar.applicant" \
			>"$_T_DIR/applicant.sid"
		apply_form applicant "$EXT_URL/apply?code=$code"
	fi
	for seq in $(sql_ext "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$code' AND i.status='published' AND m.required=1"); do
		uploads+=("m$seq=@$_T_DIR/case.pdf;type=application/pdf")
	done
	http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$code" "${uploads[@]}" >/dev/null
	[[ $HTTP_STATUS == 303 && $HTTP_LOCATION == /receipt\?no=* ]] || return 1
	printf '%s\n' "${HTTP_LOCATION#*=}"
}

# clock_at "YYYY-MM-DD HH:MM": from now on both sites of the test stack (the
# pages, yiwang-gap, yiwang-admin and the running tick; the databases'
# sessions too) live at that Beijing time (clock.h: the clock file, honoured
# only where clock_settable = 1).  clock_real: the real time again; it is
# also restored when the script exits, whatever happens.
clock_at() {
	printf '%s\n' "$1" | tee "$TEST_VAR/ext/clock" >"$TEST_VAR/int/clock"
	chmod 0644 "$TEST_VAR/ext/clock" "$TEST_VAR/int/clock"
	trap clock_real EXIT
}
clock_real() { rm -f "$TEST_VAR/ext/clock" "$TEST_VAR/int/clock"; }

# case_post JAR PATH k=v…: a POST on the intranet about case $CASE (id=$CASE
# and the CSRF token of its page added), as the user of JAR; sets HTTP_*.
case_post() {
	local jar=$1 path=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_post "$jar" "$INT_URL$path" "csrf=$csrf" "id=$CASE" "$@" >/dev/null
}

# idno PREFIX17: the 17 digits with their GB 11643 check character, a valid
# citizen ID number for tests (idno 11010519491231002 → 11010519491231002X).
idno() {
	local s=$1 c=10X98765432 i sum=0
	local -a w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
	for ((i = 0; i < 17; i++)); do sum=$((sum + ${s:i:1} * w[i])); done
	printf '%s%s\n' "$s" "${c:sum % 11:1}"
}

# from ADDR: send the next requests from another loopback address (curl
# --interface), as another client would; nginx's per-address limits and
# the database's counters see it apart.  `from` alone: back to 127.0.0.1.
from() {
	CURL_EXTRA=()
	[[ -z ${1:-} ]] || CURL_EXTRA=(--interface "$1")
}

# text_after TEXT N: for each line of stdin, each place it has TEXT (a
# plain string), with up to N characters after it, a line each: what
# grep -o "TEXT.\{0,N\}" prints, but at once (that grep backtracks for
# minutes over a page whose newlines were removed).
text_after() {
	T=$1 N=$2 perl -CSD -ne \
		'while (/\Q$ENV{T}\E.{0,$ENV{N}}/g) { print "$&\n" }'
}

# alert_text: the message in the error box (role="alert") of the last page.
alert_text() { grep -o 'role="alert">[^<]*' <<<"$HTTP_BODY" | sed 's/^role="alert">//'; }

# median NUMBER…: the median (the lower middle one of an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# misses_seed ext|int COUNTER VALUE N: N misses of COUNTER (the `what` of a
# cgi/domain/throttle.c counter: login-addr, query-addr, …) for VALUE,
# counted now, as if N requests had missed.
misses_seed() {
	local i vals="" s
	s=$(pii_hash "$1" "throttle.$2" "$3")
	for ((i = 0; i < $4; i++)); do
		vals+="${vals:+,}('$s', UTC_TIMESTAMP(3))"
	done
	"sql_$1" "INSERT INTO throttle_miss (subject, at) VALUES $vals"
}

# same_time FLOOR: reads lines "A B", the times in seconds of two kinds of
# request measured back to back (a pair per line, so that the machine's
# load, which drifts, weighs on both alike); prints the median of A-B and
# the noise; succeeds when that median is within FLOOR seconds or within
# the noise (three standard errors of the median, from the pairs' spread).
# A difference that the pairs show again and again fails.
same_time() {
	awk -v floor="$1" '
		{ d[++n] = $1 - $2 }
		function med(a, k,    i, j, t) {
			for (i = 2; i <= k; i++) {
				t = a[i]
				for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]
				a[j + 1] = t
			}
			return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
		}
		END {
			if (n < 5) { print "too few pairs"; exit 1 }
			for (i = 1; i <= n; i++) c[i] = d[i]
			m = med(c, n)
			for (i = 1; i <= n; i++) { a[i] = d[i] - m; if (a[i] < 0) a[i] = -a[i] }
			noise = 3 * 1.2533 * 1.4826 * med(a, n) / sqrt(n)
			printf "median difference %.3f ms over %d pairs, noise %.3f ms\n", m * 1000, n, noise * 1000
			if (m < 0) m = -m
			exit !(m <= floor || m <= noise)
		}'
}

# ---------------------------------------------------------------------------
# Forms as a browser sends them, the catalogue editor, the gap
# ---------------------------------------------------------------------------

# staff_login JAR LOGIN: an intranet login with the demo password.
staff_login() { int_login "$1" "$2"; }

# rows PATTERN: every table row of the last page that holds PATTERN, a
# line each (its cells' HTML, newlines removed); row PATTERN: the first.
rows() { P=$1 perl -0777 -ne 'my @r = split /<tr[ >]/; shift @r; for (@r) { next if index($_, $ENV{P}) < 0; s#</tr>.*##s; s/\n//g; print "$_\n" }' <<<"$HTTP_BODY"; }
row() { rows "$1" | head -1 | tr -d '\n'; }

html_unescape() {
	sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&#39;/'/g" \
		-e "s/&#x27;/'/g" -e 's/&amp;/\&/g'
}

# The value a browser would send for field NAME of the form in HTML.
input_value() { # HTML NAME
	grep -o "<input[^>]*name=\"$2\"[^>]*>" <<<"$1" | head -n 1 |
		sed -n 's/.*value="\([^"]*\)".*/\1/p' | html_unescape
}
textarea_value() { # HTML NAME (the newline right after <textarea> is not content)
	awk -v key="name=\"$2\"" '
	!on && /<textarea/ && index($0, key) {
		on = 1; s = $0; sub(/^.*<textarea[^>]*>/, "", s)
		if (s == "") next
		$0 = s
	}
	on {
		if ((i = index($0, "</textarea>")) > 0) {
			printf "%s%s", out, (n ? "\n" : "") substr($0, 1, i - 1)
			exit
		}
		out = out (n++ ? "\n" : "") $0
	}' <<<"$1" | html_unescape
}
select_value() { # HTML NAME
	local opt
	opt=$(awk -v key="name=\"$2\"" '
		!on && /<select/ && index($0, key) { on = 1 }
		on { printf "%s", $0; if (index($0, "</select>")) exit }' <<<"$1" |
		grep -o '<option[^>]*selected[^>]*>[^<]*' | head -n 1)
	if [[ $opt == *'value="'* ]]; then
		sed -n 's/.*value="\([^"]*\)".*/\1/p' <<<"$opt" | html_unescape
	else
		printf '%s\n' "${opt#*>}" | html_unescape
	fi
}
checked_value() { # HTML NAME: "1" when the checkbox is checked
	grep -o "<input[^>]*name=\"$2\"[^>]*>" <<<"$1" | head -n 1 | grep -q ' checked' && echo 1
}

# read_edit_form HTML: every field of the editor into F, as the browser
# would send it.
declare -A F
read_edit_form() {
	local n v
	F=()
	for n in csrf code v name parent statutory_days promised_days fee fee_standard \
		place hours phone complaint_phone visits keywords; do
		F[$n]=$(input_value "$1" "$n")
	done
	for n in basis conditions fee_basis materials procedure; do
		F[$n]=$(textarea_value "$1" "$n")
	done
	for n in kind dept_code level phase depth; do
		F[$n]=$(select_value "$1" "$n")
	done
	for n in instant secret private theme_{0..13}; do
		v=$(checked_value "$1" "$n")
		[[ -z $v ]] || F[$n]=$v
	done
}
post_edit_form() { # JAR
	local k
	local -a args=()
	for k in "${!F[@]}"; do args+=("$k=${F[$k]}"); done
	http_post "$1" "$INT_URL/catalog/edit" "${args[@]}" >/dev/null
}

# A POST of a move (draft, submit, publish, return) from the item page.
move() { # JAR MOVE CODE VERSION [k=v…]
	local jar=$1 mv=$2 code=$3 v=$4 csrf
	shift 4
	csrf=$(http_get "$jar" "$INT_URL/catalog/item?code=$code&v=$v" | csrf_from)
	http_post "$jar" "$INT_URL/catalog/$mv" "csrf=$csrf" "code=$code" "v=$v" "$@" >/dev/null
}

# Carry everything one site has for the other: export, then import every
# bundle of the sending site in order (already imported ones are skipped).
carry() { # FROM TO (ext|int)
	local b rc=0 out
	"gap_$1" export >"$_T_DIR/export.out" 2>&1 || rc=$?
	((rc == 0 || rc == 3)) || { cat "$_T_DIR/export.out"; return 1; }
	for b in "$TEST_VAR/$1"/bundles/*.ywb; do
		[[ -f $b ]] || continue
		out=$("gap_$2" import "$b" 2>&1) || { printf '%s\n' "$out"; return 1; }
	done
}

# outbox_ext RECORDS [FILE…]: queue each line of RECORDS in the extranet's
# outbox as if the extranet had written it, with each FILE in its store, so
# that its next export carries them in a real bundle of its own chain.
# Unlike forge, a bundle so made that the intranet imports leaves the
# chain whole for later carries (GAP-5: a record set aside is imported).
# Not for the kinds the outbox seals (application, complaint).
outbox_ext() { # RECORDS [FILE…]
	local recs=$1 f sha dir owner line
	shift
	dir=$(sed -n 's/^files_dir *= *//p' "$EXT_CONF")
	owner=$(stat -c %U:%G "$dir")
	for f in "$@"; do
		sha=$(sha256sum "$f" | cut -d' ' -f1)
		install -d -o "${owner%:*}" -g "${owner#*:}" -m 750 "$dir/${sha:0:2}" "$dir/${sha:0:2}/${sha:2:2}"
		install -o "${owner%:*}" -g "${owner#*:}" -m 600 "$f" "$dir/${sha:0:2}/${sha:2:2}/$sha"
	done
	while IFS= read -r line; do
		line=${line//\\/\\\\}
		line=${line//\'/\'\'}
		sql_ext "INSERT INTO gap_outbox (kind, body, created_at) VALUES (JSON_VALUE('$line', '\$.type'), '$line', UTC_TIMESTAMP())"
	done <"$recs"
}

# forge TO RECORDS OUT [FILE…]: a bundle for site TO (int|ext), the next in
# its sequence, of the records file RECORDS and member FILEs, signed and
# sealed with the REAL keys of the sending site (build/t/tools/forge_bundle):
# what a host holding that site's keys could forge (F1).  $FORGE_ACKS, when
# set, is the manifest's "acks" (JSON text).
forge() {
	local to=$1 recs=$2 out=$3 keys site dir epoch seq prev
	shift 3
	# The sender's keys: what a host holding that site has (F1).
	if [[ $to == int ]]; then
		keys=$TEST_VAR/ext/keys site=extranet dir=ext2int
	else
		keys=$TEST_VAR/int/keys site=intranet dir=int2ext
	fi
	epoch=$("sql_$to" "SELECT COALESCE(MAX(epoch), 1) FROM gap_epoch WHERE dir='$dir'")
	seq=$("sql_$to" "SELECT COALESCE(MAX(seq), 0) FROM gap_in WHERE dir='$dir' AND epoch=$epoch")
	prev=$("sql_$to" "SELECT hash FROM gap_in WHERE dir='$dir' AND epoch=$epoch AND seq=$seq")
	"$BUILD/t/tools/forge_bundle" -k "$keys/site.key" -x "$keys/enc.key" -y "$keys/peer-enc.pub" \
		-s "$site" -d "$dir" -e "$epoch" -n $((seq + 1)) -p "$prev" \
		${FORGE_ACKS:+-a "$FORGE_ACKS"} -r "$recs" -o "$out" "$@" >/dev/null
}

# required_uploads CODE FILE: "m<seq>=@FILE" for each required material of
# the extranet's published item CODE, one a line.
required_uploads() {
	local seq
	for seq in $(sql_ext "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$1' AND i.status='published' AND m.required=1"); do
		printf 'm%s=@%s\n' "$seq" "$2"
	done
}

# hostile_route SITE JAR METHOD PATH FORM SET [NAME=VALUE…]: the requests
# t/integration/hostile.pl makes for one route (SET full, few or bytes),
# sent by one curl; "SITE METHOD PATH STATUS LABEL" lines are added to
# $_T_DIR/results.  METHOD POSTM is a multipart POST; FORM the page (a
# path) whose form gives the base values, or -.
hostile_route() {
	local site=$1 jar=$2 method=$3 path=$4 form=$5 set=$6 enc=url url formfile=- cert=
	shift 6
	url=$INT_URL
	[[ $site == ext ]] && url=$EXT_URL
	if [[ $method == POSTM ]]; then method=POST enc=multipart; fi
	if [[ $form != - ]]; then
		http_get "$jar" "$url$form" >"$_T_DIR/form.html"
		formfile=$_T_DIR/form.html
	fi
	mkdir -p "$_T_DIR/bodies"
	[[ -s $(_jar "$jar").cert ]] && cert="$(<"$(_jar "$jar").cert"):$TEST_P12_PASSWORD"
	HOSTILE_CERT=$cert perl "$ROOT/t/integration/hostile.pl" "$url$path" "$method" "$enc" \
		"$(_jar "$jar")" "$formfile" "$_T_DIR/bodies" "$set" "$@" >"$_T_DIR/curl.cfg"
	curl -K "$_T_DIR/curl.cfg" | sed "s|^|$site $method $path |" >>"$_T_DIR/results"
	rm -f "$_T_DIR"/bodies/*
}

# SMS (NTF-1, ACC-1).  sms_got MOBILE [SITE]: every text the fake SMSC of
# the test stack's Kannel of SITE (ext, the default, or int: the staff's
# line) received for MOBILE, decoded (UCS-2), one a line, oldest first.
# sms_code MOBILE [SITE]: the code of the last one that has one.
sms_got() {
	python3 - "$1" "$TEST_VAR/${2:-ext}/kannel/fakesmsc.log" <<'PY'
import re, sys, urllib.parse
to, log = sys.argv[1], sys.argv[2]
raw = lambda s: urllib.parse.unquote_to_bytes(s.replace("+", "%20"))
parts = {}	# a long text comes in parts, each with a UDH (8-bit ref)
for line in open(log, encoding="latin-1"):
    m = re.search(r"Got message \d+: <(\S+) (\S+) (\S+) (.*)>$", line)
    if not m or m.group(2) != to:
        continue
    kind, rest = m.group(3), m.group(4)
    if kind == "udh":
        udh, coding, data = rest.split(" ", 2)
        u = raw(udh)
        ref, total, seq = u[3], u[4], u[5]
        parts.setdefault(ref, {})[seq] = raw(data)
        if len(parts[ref]) < total:
            continue
        got = parts.pop(ref)
        data = b"".join(got[i] for i in range(1, total + 1))
        print(data.decode("utf-16-be" if coding in ("data", "ucs-2") else "utf-8"))
    else:
        print(raw(rest).decode("utf-16-be" if kind == "ucs-2" else "utf-8"))
PY
}
sms_code() { sms_got "$1" "${2:-ext}" | grep -o '验证码是 [0-9]\{6\}' | tail -1 | grep -o '[0-9]\{6\}'; }
# sms_wait MOBILE N [SITE]: until the fake SMSC has N texts for MOBILE
# (15 s).
sms_wait() {
	local i
	for ((i = 0; i < 150; i++)); do
		(($(sms_got "$1" "${3:-ext}" | wc -l) >= $2)) && return 0
		sleep 0.1
	done
	return 1
}

# register_code JAR MOBILE: after a POST /register answered with the code
# page, the code that reached MOBILE at the fake SMSC entered on it.
register_code() {
	local ticket csrf n
	ticket=$(input_value "$HTTP_BODY" ticket)
	csrf=$(input_value "$HTTP_BODY" csrf)
	n=$(sql_ext "SELECT COUNT(*) FROM sms_outbox WHERE why = 'register' AND to_masked = '${2:0:3}****${2:7}' AND state <> 'queued'")
	sms_wait "$2" "$n" || true
	http_post "$1" "$EXT_URL/register/code" "csrf=$csrf" "ticket=$ticket" "code=$(sms_code "$2")" >/dev/null
}

