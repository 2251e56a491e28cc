#!/usr/bin/env bash
# guess-old-password.sh (SEC-1, F5): the current password typed at
# /password is counted with the account's wrong logins and locks the
# account at the same fifth miss.  Before, someone at an unattended
# session could try current passwords at /password without end, each try
# costing two key derivations (the new password was hashed before the old
# one was checked).  Now: each miss says how many tries are left, the
# misses add up with wrong logins, the fifth locks the account until the
# security administrator unlocks it, ends its sessions (this one too) and
# is audited; the audit administrator finds it under 账号锁定与解锁.
. "$(dirname "$0")/../lib.sh"

# Misses from an address of their own, new on each run (the login counter
# per address is shared by every test from 127.0.0.1).
NET=127.$((RANDOM % 200 + 20)).$((RANDOM % 250))
PW=Gobi-Star-2026
NEWPW=Hulun-Lake-2027
STAFF=guesspw$$
AUDITOR=wangxiulan	# the demo's audit administrator (with its certificate)
YIWANG_PASSWORD=$PW admin_int user-add "$STAFF" 其其格 SCJGJ clerk >/dev/null
# (a first password is temporary, SEC-7: as if its owner had changed it)
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = '$STAFF'"
ID=$(sql_int "SELECT id FROM staff WHERE login = '$STAFF'")
sessions() { sql_int "SELECT COUNT(*) FROM session WHERE user_id = $ID"; }
locked() { sql_int "SELECT COUNT(*) FROM account_lock WHERE user_id = $ID"; }

# change JAR OLD: the password form of the jar's session, posted.
change() {
	local csrf
	csrf=$(http_get "$1" "$INT_URL/password" | csrf_from)
	http_post "$1" "$INT_URL/password" "csrf=$csrf" "old=$2" \
		"password=$NEWPW" "password2=$NEWPW" >/dev/null
}

int_login s "$STAFF" "$PW"
t_is "the staff member logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
int_login other "$STAFF" "$PW"
t_is "(and has a second session elsewhere)" "$(sessions)" 2

# Two wrong logins, then wrong current passwords: one count.
from $NET.31
int_login x "$STAFF" wrong-login-1
int_login x "$STAFF" wrong-login-2
from
change s wrong-old-1
t_is "a wrong current password is refused (422)" "$HTTP_STATUS" 422
t_like "saying how many tries are left, counting the wrong logins" "$HTTP_BODY" "原密码不正确.*再输错 2 次.*锁定"
change s wrong-old-2
t_like "one fewer after the next" "$HTTP_BODY" "再输错 1 次"
t_is "not locked yet" "$(locked)" 0
change s wrong-old-3
t_is "the fifth miss answers 403" "$HTTP_STATUS" 403
t_like "saying the account is locked and whom to ask" "$HTTP_BODY" "账号已被锁定.*安全管理员"
t_like "and clears this session's cookie" "$(cat "$HTTP_HEADERS_FILE")" '__Host-yw_sid=; .*Max-Age=0'
t_is "the account is locked until unlocked, as a login's fifth miss does" \
	"$(sql_int "SELECT CONCAT(level, ' ', until IS NULL) FROM account_lock WHERE user_id = $ID")" "1 1"
t_is "every session of the account has ended" "$(sessions)" 0
http_get other "$INT_URL/inbox" >/dev/null
t_is "the other session is sent to log in" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"
t_is "the password is unchanged" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'org.staff.password.change' AND object = 'staff:$STAFF'")" 0
t_is "the lock is audited as the account's own act, sessions ended" \
	"$(sql_int "SELECT CONCAT(actor, ' ', action, ' ', detail) FROM audit WHERE object = 'staff:$STAFF' ORDER BY id DESC LIMIT 1")" \
	"$STAFF account.lock {\"misses\":5,\"level\":1,\"minutes\":0,\"sessions\":\"ended\"}"
from $NET.31
int_login s "$STAFF" "$PW"
t_is "the right password no longer logs in" "$HTTP_STATUS" 422
from

# The audit administrator sees the lock, labelled, under its kind.
int_login aud "$AUDITOR"
page=$(http_get aud "$INT_URL/audit?kind=account.&object=staff:$STAFF"); http_last
t_is "the audit page filters by the kind account." "$HTTP_STATUS" 200
t_like "which the kinds offer as 账号锁定与解锁" "$page" 'value="account\."[^>]*>账号锁定与解锁<'
t_like "and shows the lock with its label" "$page" "密码输错过多，锁定账号"

# A right current password after misses forgets them and changes it.
sql_int "DELETE FROM account_lock WHERE user_id = $ID"
int_login s "$STAFF" "$PW"
change s wrong-old-4
t_like "after an unlock the count starts again" "$HTTP_BODY" "再输错 4 次"
change s "$PW"
t_is "the right current password changes it" "$HTTP_STATUS $HTTP_LOCATION" "303 /password?saved=1"
t_is "and forgets the misses" \
	"$(sql_int "SELECT COUNT(*) FROM throttle_miss WHERE subject = '$(pii_hash int throttle.login "#$ID")'")" 0

# The account made here leaves no session and no active account behind.
sql_int "DELETE FROM session WHERE user_id = $ID"
sql_int "UPDATE staff SET active = 0 WHERE login = '$STAFF'"
t_done
