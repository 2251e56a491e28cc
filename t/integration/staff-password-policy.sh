#!/usr/bin/env bash
# staff-password-policy.sh (SEC-1, SEC-7): one policy for a staff password
# wherever it is set: by the security administrator, by its owner at
# /password and by `yiwang-admin user-add`.  Before, the web checked a
# letter and a digit but not the person's name, and answered a password
# too long with "至少 10 位"; the command line checked the name but took
# letters and symbols without a digit, and control characters.
. "$(dirname "$0")/../lib.sh"

SEC=wurigen		# the demo's security administrator (with its certificate)
PW=Gobi-Star-2026
STAFF=pwpol$$
NAME=乌兰图雅
LONG=$(printf 'Gobi-Star-2026/%.0s' 1 2 3 4 5 6 7 8 9)	# 135 bytes
# An ESC: the web refuses it before any page (400, request.c), the
# command line reaches the policy with it.
CTRL=$'Xilin\x1bGol-88'
YIWANG_PASSWORD=$PW admin_int user-add "$STAFF" "$NAME" SCJGJ clerk >/dev/null
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = '$STAFF'"

# --- the security administrator's reset ---------------------------------------
int_login sec "$SEC"
t_is "the security administrator logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec"
SCSRF=$(http_get sec "$INT_URL/sec" | csrf_from)
reset() { http_post sec "$INT_URL/sec/staff/password" "csrf=$SCSRF" "login=$STAFF" "password=$1" "password2=$1" >/dev/null; }
reset "$LONG"
t_is "a password too long is refused (422)" "$HTTP_STATUS" 422
t_like "saying it is too long" "$(alert_text)" "密码太长"
t_unlike "not that it is too short" "$(alert_text)" "至少"
reset "$NAME-Gol-2026"
t_is "one containing the person's name is refused" "$HTTP_STATUS" 422
t_like "saying why" "$HTTP_BODY" "姓名"
reset "Xilin-Gol-!!"
t_like "one without a digit: saying a letter and a digit" "$HTTP_BODY" "同时包含字母和数字"
reset "Hulun-Lake-2027"
t_is "a good one is set" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/staff/edit?login=$STAFF&saved=password"

# --- the owner at /password -----------------------------------------------------
int_login s "$STAFF" Hulun-Lake-2027
OCSRF=$(http_get s "$INT_URL/password" | csrf_from)
own() { http_post s "$INT_URL/password" "csrf=$OCSRF" "old=Hulun-Lake-2027" "password=$1" "password2=$1" >/dev/null; }
own "$LONG"
t_is "the owner: a password too long is refused (422)" "$HTTP_STATUS" 422
t_like "saying it is too long" "$HTTP_BODY" "密码太长"
own "$NAME-Gol-2026"
t_like "the owner: not their name either" "$HTTP_BODY" "姓名"
own "Xilin-Gol-!!"
t_like "the owner: a letter and a digit" "$HTTP_BODY" "同时包含字母和数字"

# --- yiwang-admin user-add ------------------------------------------------------
out=$(YIWANG_PASSWORD=Xilin-Gol-!! admin_int user-add "${STAFF}b" 其木格 SCJGJ clerk 2>&1) && rc=0 || rc=$?
t_is "user-add refuses a password without a digit" "$rc" 1
t_like "saying a letter and a digit" "$out" "同时包含字母和数字"
out=$(YIWANG_PASSWORD=$LONG admin_int user-add "${STAFF}b" 其木格 SCJGJ clerk 2>&1) && rc=0 || rc=$?
t_like "and one too long, saying so" "$out" "密码太长"
out=$(YIWANG_PASSWORD=$CTRL admin_int user-add "${STAFF}b" 其木格 SCJGJ clerk 2>&1) && rc=0 || rc=$?
t_like "and one with a control character, saying so" "$out" "控制字符"
out=$(YIWANG_PASSWORD=其木格-Gol-2026 admin_int user-add "${STAFF}b" 其木格 SCJGJ clerk 2>&1) && rc=0 || rc=$?
t_like "and the person's name, as the web does" "$out" "姓名"
t_is "no account was made" "$(sql_int "SELECT COUNT(*) FROM staff WHERE login = '${STAFF}b'")" 0

# The account made here leaves no session and no active account behind.
sql_int "DELETE FROM session WHERE user_id = (SELECT id FROM staff WHERE login = '$STAFF')"
sql_int "UPDATE staff SET active = 0 WHERE login = '$STAFF'"
t_done
