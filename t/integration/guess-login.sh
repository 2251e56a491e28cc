#!/usr/bin/env bash
# guess-login.sh (SEC-1, SEC-8; review F5): wrong passwords are counted and
# lock the account on both sites, so a guesser gets five tries; every kind
# of miss answers alike and takes the same time; the security
# administrator unlocks (audited); misses from one address close it;
# nginx answers 429 past its burst.
. "$(dirname "$0")/../lib.sh"
# Clients at loopback addresses of their own, new on each run (nginx keeps
# its counters across a reload).
NET=127.$((RANDOM % 200 + 20)).$((RANDOM % 250))

PW=Gobi-Star-2026
CIT=$(idno 15250219850101001)	# a citizen for the lock-out
CIT2=$(idno 15250219860202002)	# one for the per-address counter
STAFF=guessclerk$$
SEC=wurigen		# the demo's security administrator (with its certificate)
SECPW=Yiwang@2026
YIWANG_PASSWORD=$PW admin_ext citizen-add "$CIT" 阿拉坦其其格 13947900001 >/dev/null
YIWANG_PASSWORD=$PW admin_ext citizen-add "$CIT2" 苏和巴特尔 13947900002 >/dev/null
YIWANG_PASSWORD=$PW admin_int user-add "$STAFF" 敖登格日乐 SCJGJ clerk >/dev/null
# (a first password is temporary, SEC-7: as if its owner had changed it)
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = '$STAFF'"

# ext_login JAR IDNO PASSWORD / int_login JAR LOGIN PASSWORD: one attempt,
# with a fresh form's token.
ext_login() {
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=$3" "next=/my" >/dev/null
}
int_login() {
	local csrf
	csrf=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$csrf" "login=$2" "password=$3" >/dev/null
}

# six_wrong ext_login|int_login JAR NAME: six wrong passwords; prints how
# many were refused with 422 before one was not.
six_wrong() {
	local i
	for i in 1 2 3 4 5 6; do
		"$1" "$2" "$3" "wrong-$i-x"
		[[ $HTTP_STATUS == 422 ]] || break
	done
	echo "$((i - 1 + (HTTP_STATUS == 422)))"
}

# --- the extranet: five misses lock a citizen -------------------------------
from $NET.21
t_is "ext: six wrong passwords are each refused" "$(six_wrong ext_login c "$CIT")" 6
http_last
miss=$(alert_text)
t_like "ext: saying that five misses lock the account" "$miss" "连续输错 5 次"
t_is "ext: the fifth locked the account for 15 minutes" \
	"$(sql_ext "SELECT CONCAT(level, ' ', TIMESTAMPDIFF(MINUTE, locked_at, until)) FROM account_lock l WHERE l.user_id = $(citizen_of $CIT)")" "1 15"
ext_login c "$CIT" "$PW"
t_is "ext: then the right password is refused too" "$HTTP_STATUS" 422
t_is "ext: with the very same message as a wrong one" "$(alert_text)" "$miss"
t_unlike "ext: and no session" "$(cat "$HTTP_HEADERS_FILE")" "yw_sid="
ext_login c "$(idno 15250219700101009)" "$PW"
t_is "ext: an unknown ID number answers the same" "$HTTP_STATUS $(alert_text)" "422 $miss"
t_is "ext: the lock is audited with the client's address" \
	"$(sql_ext "SELECT CONCAT(actor, ' ', action) FROM audit WHERE object = 'citizen:$(citizen_of $CIT)' ORDER BY id DESC LIMIT 1")" \
	"addr:$NET.21 account.lock"

# The security administrator unlocks a citizen on the extranet host.
t_like "ext: yiwang-admin locks lists the account" "$(admin_ext locks)" "^$CIT	阿拉坦其其格	.*到 .* 自动解除"
t_ok "ext: yiwang-admin unlock IDNO unlocks it" admin_ext unlock "$CIT"
t_is "ext: the unlock is audited with the operator" \
	"$(sql_ext "SELECT CONCAT(actor, ' ', action) FROM audit WHERE object = 'citizen:$(citizen_of $CIT)' ORDER BY id DESC LIMIT 1")" \
	"cli:$(id -un) account.unlock"
ext_login c "$CIT" "$PW"
t_is "ext: after the unlock the right password logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
t_ok "ext: a second unlock says there is nothing to unlock" bash -c "! '$BUILD/yiwang-admin' -c '$EXT_CONF' unlock '$CIT'"

# A citizen's lock ends by itself and the next one lasts twice as long.
for i in 1 2 3 4 5; do ext_login c "$CIT" "wrong-$i-y"; done
sql_ext "UPDATE account_lock SET until = UTC_TIMESTAMP() - INTERVAL 1 SECOND"
for i in 1 2 3 4 5; do ext_login c "$CIT" "wrong-$i-z"; done
t_is "ext: the second lock-out in a row lasts 30 minutes" \
	"$(sql_ext "SELECT CONCAT(level, ' ', TIMESTAMPDIFF(MINUTE, locked_at, until)) FROM account_lock l WHERE l.user_id = $(citizen_of $CIT)")" "2 30"
sql_ext "UPDATE account_lock SET until = UTC_TIMESTAMP() - INTERVAL 1 SECOND"
ext_login c "$CIT" "$PW"
t_is "ext: when it has ended the right password logs in" "$HTTP_STATUS" 303
t_is "ext: which forgets the lock-outs" \
	"$(sql_ext "SELECT COUNT(*) FROM account_lock l WHERE l.user_id = $(citizen_of $CIT)")" 0

# --- the intranet: five misses lock a staff member until unlocked ----------
from $NET.22
t_is "int: six wrong passwords are each refused" "$(six_wrong int_login s "$STAFF")" 6
http_last
miss=$(alert_text)
t_like "int: saying that the security administrator unlocks" "$miss" "安全管理员解锁"
t_is "int: the account is locked with no end" \
	"$(sql_int "SELECT CONCAT(level, ' ', until IS NULL) FROM account_lock l JOIN staff s ON s.id = l.user_id WHERE s.login = '$STAFF'")" "1 1"
int_login s "$STAFF" "$PW"
t_is "int: then the right password is refused too" "$HTTP_STATUS $(alert_text)" "422 $miss"
sql_int "DELETE FROM throttle_miss"	# as if a day had passed
int_login s "$STAFF" "$PW"
t_is "int: and still after the counters have aged" "$HTTP_STATUS $(alert_text)" "422 $miss"
int_login s "nosuch$$" "$PW"
t_is "int: an unknown login answers the same" "$HTTP_STATUS $(alert_text)" "422 $miss"

# The security administrator's page.
from
int_login adm liuxiaomei Yiwang@2026
http_get adm "$INT_URL/sec/locks" >/dev/null
t_is "int: the system administrator may not see the locks" "$HTTP_STATUS" 403
int_login sec "$SEC" "$SECPW"
t_is "int: the security administrator logs in" "$HTTP_STATUS" 303
page=$(http_get sec "$INT_URL/sec/locks"); http_last
t_is "int: /sec/locks answers the security administrator" "$HTTP_STATUS" 200
t_like "int: and lists the locked account" "$page" "$STAFF"
http_post sec "$INT_URL/sec/unlock" "login=$STAFF" >/dev/null
t_is "int: an unlock without the CSRF token is refused" "$HTTP_STATUS" 403
t_is "int: and unlocks nothing" "$(sql_int "SELECT COUNT(*) FROM account_lock l JOIN staff s ON s.id = l.user_id WHERE s.login = '$STAFF'")" 1
http_post sec "$INT_URL/sec/unlock" "csrf=$(csrf_from <<<"$page")" "login=$STAFF" >/dev/null
t_is "int: the unlock returns to the list" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/locks?done=$STAFF"
t_is "int: audited as the security administrator's" \
	"$(sql_int "SELECT CONCAT(actor, ' ', action) FROM audit WHERE object = 'staff:$STAFF' ORDER BY id DESC LIMIT 1")" \
	"$SEC account.unlock"
t_unlike "int: the list no longer has it" "$(http_get sec "$INT_URL/sec/locks?done=$STAFF")" "class=\"mono\" data-label=\"登录名\">$STAFF<"
http_post sec "$INT_URL/sec/unlock" "csrf=$(csrf_from <<<"$page")" "login=$STAFF" >/dev/null
t_is "int: unlocking it again says it is not locked" "$HTTP_STATUS" 409
from $NET.22
int_login s "$STAFF" "$PW"
t_is "int: after the unlock the right password logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"

# --- every kind of miss takes the same time --------------------------------
# Rounds of one wrong password, one unknown account and one locked account
# (a key derivation each); the counters are reset between rounds so that
# "wrong" stays wrong and not locked.
from
for i in 1 2 3 4 5; do ext_login c "$CIT2" "wrong-$i-l"; done	# locked
csrf=$(http_get tm "$EXT_URL/login" | csrf_from)
ptime() {
	curl -s -o /dev/null -w '%{time_total}\n' -b "$(_jar tm)" -H "Origin: $EXT_URL" \
		--data-urlencode "csrf=$csrf" --data-urlencode "id_number=$1" \
		--data-urlencode "password=$2" "$EXT_URL/login"
}
for r in $(seq 1 10); do
	sql_ext "DELETE FROM throttle_miss"
	w=$(ptime "$CIT" "wrong-$r")
	echo "$w $(ptime "$(idno 15250219700101009)" "wrong-$r")" >>"$_T_DIR/unknown"
	echo "$w $(ptime "$CIT2" "$PW")" >>"$_T_DIR/locked"
done
sql_ext "DELETE FROM throttle_miss"
# A key derivation takes 0.3 to 0.7 s here; 10% of it is the floor.
t_ok "ext: an unknown account takes the time of a wrong password" same_time 0.05 <"$_T_DIR/unknown"
t_diag "wrong password minus unknown account: $(same_time 0.05 <"$_T_DIR/unknown")"
t_ok "ext: a locked account takes the time of a wrong password" same_time 0.05 <"$_T_DIR/locked"
t_diag "wrong password minus locked account: $(same_time 0.05 <"$_T_DIR/locked")"

# --- misses from one address close it -------------------------------------
# 29 misses already counted for $NET.33, then a real 30th.
misses_seed ext login-addr "$NET.33" 29
from $NET.33
ext_login a "$(idno 15250219700101009)" "wrong-30"
t_is "addr: the 30th miss is an ordinary miss" "$HTTP_STATUS" 422
ext_login a "$CIT" "$PW"
t_is "addr: then even a right password is refused" "$HTTP_STATUS" 422
t_like "addr: saying to try again in 15 minutes" "$(alert_text)" "登录失败的次数过多，请 15 分钟后再试"
t_unlike "addr: and no session" "$(cat "$HTTP_HEADERS_FILE")" "yw_sid="
from $NET.34
ext_login b "$CIT" "$PW"
t_is "addr: another address logs in" "$HTTP_STATUS" 303

# --- nginx: past the burst, 429 --------------------------------------------
from $NET.35
codes=$(for i in $(seq 25); do
	curl -s -o /dev/null -w '%{http_code}\n' --interface $NET.35 --data 'id_number=1&password=2' "$EXT_URL/login"
done | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
t_is "nginx: 21 logins from one address pass, the rest get 429" "$codes" "403×21 429×4 "
http_post z "$EXT_URL/login" "id_number=1" "password=2" >/dev/null
t_is "nginx: the 429 page" "$HTTP_STATUS" 429
t_like "nginx: says when to try again" "$HTTP_BODY" "请 1 分钟后再试"
t_like "nginx: and so does Retry-After" "$(cat "$HTTP_HEADERS_FILE")" "Retry-After: 60"
http_get z "$EXT_URL/login" >/dev/null
t_is "nginx: the login form itself is not limited" "$HTTP_STATUS" 200
codes=$(for i in $(seq 23); do
	curl -s -o /dev/null -w '%{http_code}\n' --interface $NET.35 --data 'login=1&password=2' "$INT_URL/login"
done | tail -n 2 | tr '\n' ' ')
t_is "nginx: the intranet's login too" "$codes" "429 429 "
from
# The clerk made here leaves no session and no active account behind.
sql_int "DELETE FROM session WHERE user_id = (SELECT id FROM staff WHERE login = '$STAFF')"
sql_int "UPDATE staff SET active = 0 WHERE login = '$STAFF'"
t_done
