#!/usr/bin/env bash
# guess-register.sh (ACC-1, SEC-1, SEC-8; review F7): registration tells
# nobody whether an ID number is registered and never changes an existing
# account; it refuses impossible ID numbers (region, birth date) and weak
# passwords with a message that says what to change; it does not log in;
# registrations per address are limited, and nginx answers 429 past its
# burst (also for POST /apply).
. "$(dirname "$0")/../lib.sh"
NET=127.$((RANDOM % 200 + 20)).$((RANDOM % 250))

PW=Gobi-Star-2026
SEQ=$(printf '%03d' $((RANDOM % 1000)))	# new numbers on each run
OLD=$(idno 15250219791111$SEQ)	# registered before, by the CLI
AUDIT0=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM audit")
YIWANG_PASSWORD=$PW admin_ext citizen-add "$OLD" 原主人 13947900011 >/dev/null
# The sealed mobile changes with any rewrite (a fresh nonce each time).
row() { sql_ext "SELECT CONCAT_WS(' ', name, id_sealed, mobile_sealed, pw_hash, state, created_at) FROM citizen WHERE id = $(citizen_of "$1")"; }
before=$(row "$OLD")

# register JAR IDNO PASSWORD [NAME MOBILE]: one registration from a fresh
# form (a mobile of its own unless named: a number gets one SMS code a
# minute, sms.sh); MOBILE is the number it used.  plain: the page without
# its tokens (64 hex digits), its ticket (32) and the masked number.
register() {
	local csrf
	MOBILE=${5:-138$(printf '%08d' $((RANDOM * 1000 + RANDOM % 1000)))}
	csrf=$(http_get "$1" "$EXT_URL/register" | csrf_from)
	http_post "$1" "$EXT_URL/register" "csrf=$csrf" "name=${4:-冒名者}" "id_number=$2" \
		"mobile=$MOBILE" "password=$3" "password2=$3" >/dev/null
}
plain() { sed -E 's/[0-9a-f]{64}/TOKEN/g; s/[0-9a-f]{32}/TICKET/g; s/1[0-9]{2}\*{4}[0-9]{4}/MOBILE/g' <<<"$HTTP_BODY"; }

# --- an existing number answers like a new one -----------------------------
from "$NET.61"
NEW=$(idno 15250219920202$SEQ)
register v1 "$NEW" "$PW" 新用户 13947900012
new_status=$HTTP_STATUS new_page=$(plain) v1_body=$HTTP_BODY
register v2 "$OLD" "Other-Pass-2026"
t_is "a registered number: the same status as a new one" "$HTTP_STATUS" "$new_status"
t_is "and the very same page, which asks for the SMS code" "$(plain)" "$new_page"
t_like "which was sent to the number typed" "$HTTP_BODY" "验证码已通过短信发送到"
v2_body=$HTTP_BODY
HTTP_BODY=$v1_body
register_code v1 13947900012
new_status=$HTTP_STATUS new_page=$(plain) new_headers=$(grep -ci '^set-cookie: __Host-yw_sid=' "$HTTP_HEADERS_FILE" || true)
HTTP_BODY=$v2_body
register_code v2 "$MOBILE"
t_is "its code: the same status as a new one's" "$HTTP_STATUS" "$new_status"
t_is "and the very same page" "$(plain)" "$new_page"
t_like "which says: if it was new, log in" "$HTTP_BODY" "如果这个身份证号码尚未注册，账户已经开通"
t_like "and if it was registered, log in with the old password or go to the hall" "$HTTP_BODY" "如果这个号码早已注册，原账户和原密码不变"
t_is "the existing account is unchanged (name, mobile, password, state)" "$(row "$OLD")" "$before"
t_is "no second account for the number" "$(sql_ext "SELECT COUNT(*) FROM citizen WHERE id_hash = '$(pii_hash ext citizen.id_number "$OLD")'")" 1
t_is "neither logs in: no session cookie" "$new_headers $(grep -ci '^set-cookie: __Host-yw_sid=' "$HTTP_HEADERS_FILE" || true)" "0 0"
t_is "both are audited, saying which" \
	"$(sql_ext "SELECT GROUP_CONCAT(detail ORDER BY id) FROM audit WHERE id > $AUDIT0 AND action = 'citizen.register' AND object IN ('citizen:$(citizen_of "$NEW")', 'citizen:$(citizen_of "$OLD")')")" \
	'{"account":"new"},{"account":"exists, unchanged"}'
csrf=$(http_get o "$EXT_URL/login" | csrf_from)
http_post o "$EXT_URL/login" "csrf=$csrf" "id_number=$OLD" "password=Other-Pass-2026" >/dev/null
t_is "the intruder's password does not open the account" "$HTTP_STATUS" 422
http_post o "$EXT_URL/login" "csrf=$csrf" "id_number=$OLD" "password=$PW" >/dev/null
t_is "the owner's still does" "$HTTP_STATUS" 303
csrf=$(http_get n "$EXT_URL/login" | csrf_from)
http_post n "$EXT_URL/login" "csrf=$csrf" "id_number=$NEW" "password=$PW" "next=/my" >/dev/null
t_is "a valid registration, then its login works" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
t_is "the account's mobile was verified by its code" "$(sql_ext "SELECT state FROM citizen WHERE id = $(citizen_of "$NEW")")" verified

# And in the same time: a key derivation either way.  Pairs of one new and
# one registered number, in turns first and second, each pair from an
# address of its own.
rtime() {	# IDNO: the time of one registration's POST
	local t0 t1
	t0=$(date +%s.%N)
	register t "$1" "$PW"
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}
for r in $(seq 1 10); do
	from "$NET.$((70 + r))"
	if ((r % 2)); then
		n=$(rtime "$(idno 1525021993030$((1000 + r)))") o=$(rtime "$OLD")
	else
		o=$(rtime "$OLD") n=$(rtime "$(idno 1525021993030$((1000 + r)))")
	fi
	echo "$n $o"
done >"$_T_DIR/pairs"
t_ok "a registered number takes the time of a new one" same_time 0.05 <"$_T_DIR/pairs"
t_diag "new minus registered: $(same_time 0.05 <"$_T_DIR/pairs")"
t_is "and the owner's account is still unchanged" "$(row "$OLD")" "$before"

# --- impossible numbers and weak passwords are refused, saying why --------
count=$(sql_ext "SELECT COUNT(*) FROM citizen")
n=100
refused() {	# DESC IDNO PASSWORD MESSAGE-REGEX [MOBILE], each from an address of its own
	from "$NET.$((n++))"
	register r "$2" "$3" 冒名者 "${5:-}"
	t_is "$1: refused" "$HTTP_STATUS" 422
	t_like "$1: saying so" "$(alert_text)" "$4"
}
refused "born in 2030" "$(idno 15250220300101001)" "$PW" "出生日期晚于今天"
refused "born on 30 February" "$(idno 15250219900230002)" "$PW" "出生日期不是有效日期"
refused "born in 1890" "$(idno 15250218900101002)" "$PW" "出生日期早于 120 年前"
refused "region 999999" "$(idno 99999919900315002)" "$PW" "前 6 位（地区代码）不正确"
refused "a wrong check digit" "152502199003150028" "$PW" "身份证号码不正确"
refused "the password 11111111" "$(idno 15250219940404001)" 11111111 "至少两种|太简单|太常见"
refused "the password woaini1314" "$(idno 15250219940404001)" woaini1314 "太常见"
refused "the password P@ssw0rd" "$(idno 15250219940404001)" 'P@ssw0rd' "太常见"
IDP=$(idno 15250219940404001)
refused "the ID number as password" "$IDP" "$IDP" "不能包含身份证号码"
refused "the birth date in the password" "$IDP" "Wuyun-19940404" "不能包含出生日期"
refused "the mobile as password" "$IDP" "m13800000000" "不能包含.*手机号码" 13800000000
refused "a short password" "$IDP" "Ab-12" "至少 8 位"
t_is "none of them registered anybody" "$(sql_ext "SELECT COUNT(*) FROM citizen")" "$count"
register r "$IDP" "Caoyuan-2026" 张三 13800000000
t_is "the same number with a good password is accepted" "$HTTP_STATUS" 200

# --- registrations per address ----------------------------------------------
misses_seed ext register-addr "$NET.63" 49
from "$NET.63"
register a "$(idno 15250219950505001)" "$PW"
t_is "the 50th registration from one address today is accepted" "$HTTP_STATUS" 200
register a "$(idno 15250219950505002)" "$PW"
t_is "the 51st is refused" "$HTTP_STATUS" 422
t_like "saying to come back tomorrow or to the hall" "$(alert_text)" "注册的次数已经太多，请明天再试，或到政务服务中心窗口办理"
t_is "and registers nobody" "$(sql_ext "SELECT COUNT(*) FROM citizen WHERE id_hash = '$(pii_hash ext citizen.id_number "$(idno 15250219950505002)")'")" 0

# --- nginx: past the burst, 429 ---------------------------------------------
burst() {	# PATH N: N posts without a token from a fresh address
	local i
	for ((i = 0; i < $2; i++)); do
		curl -s -o /dev/null -w '%{http_code}\n' --interface "$3" --data 'x=1' "$EXT_URL$1"
	done | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }'
}
t_is "nginx: 6 registrations from one address pass, the rest get 429" "$(burst /register 8 "$NET.64")" "403×6 429×2 "
t_is "nginx: 11 submissions from one address pass, the rest get 429" "$(burst /apply 13 "$NET.65")" "403×11 429×2 "
from
t_done
