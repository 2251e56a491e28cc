#!/usr/bin/env bash
# citizen-reset.sh (ACC-1, SEC-1, SEC-3; review F7): the registration page
# sends a person who forgot the password, or whose ID number someone else
# registered, to the hall.  There, having seen the ID card, the window runs
# yiwang-admin citizen-reset: the account takes the owner's name, mobile
# and password; whoever was logged in is out, the lock is gone, and the
# audit trail says who did it.  Nothing else changes, and a number without
# an account or a bad field is refused, saying what to do.
. "$(dirname "$0")/../lib.sh"
from "127.$((RANDOM % 200 + 20)).$((RANDOM % 250)).9"

# A number whose check character is X, so that typing it lower-case is tried
# every run (not one run in eleven).
for ((s = RANDOM % 1000; ; s = (s + 1) % 1000)); do
	NO=$(idno "15250219850505$(printf '%03d' "$s")")
	[[ $NO == *X ]] && break
done
SQUAT=Squat-Pass-2026 OWN=Owner-Grass-2026
YIWANG_PASSWORD=$SQUAT admin_ext citizen-add "$NO" 冒名者 13800000000 >/dev/null
ID=$(citizen_of "$NO")
login() { ext_login "$1" "$NO" "$2"; }	# JAR PASSWORD
login squatter "$SQUAT"
t_is "the squatter is logged in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
# Four misses seeded and a fifth typed: the account is locked.
misses_seed ext login "#$ID" 4
login guesser Wrong-Pass-2026
t_is "the fifth miss locks the account" "$(sql_ext "SELECT COUNT(*) FROM account_lock WHERE user_id = $ID")" 1
AUDIT0=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM audit")

# --- refused, saying what to do ------------------------------------------
out=$(YIWANG_PASSWORD=$OWN admin_ext citizen-reset "$(idno 15250219850505999)" 乌兰 13947900031 2>&1) && rc=0 || rc=$?
t_is "a number without an account: exit 1" "$rc" 1
t_like "and it says to register it instead" "$out" "没有注册过；用 citizen-add 注册"
out=$(YIWANG_PASSWORD=$OWN admin_ext citizen-reset "$NO" $'乌兰\r' 13947900031 2>&1) && rc=0 || rc=$?
t_is "a name with a control character: refused" "$rc $out" "1 姓名应为身份证上的姓名，50 个字以内。"
out=$(YIWANG_PASSWORD=12345678 admin_ext citizen-reset "$NO" 乌兰 13947900031 2>&1) && rc=0 || rc=$?
t_like "a weak password: refused by the policy" "$rc $out" "^1 密码不符合要求"
t_is "none of these changed the account or wrote an audit row" \
	"$(sql_ext "SELECT CONCAT(c.name, ' ', (SELECT COUNT(*) FROM audit WHERE id > $AUDIT0)) FROM citizen c WHERE id = $ID")" "冒名者 0"

# --- the reset -------------------------------------------------------------
out=$(YIWANG_PASSWORD=$OWN SUDO_USER=zhaomin admin_ext citizen-reset "${NO,,}" 乌兰 13947900031 2>&1) && rc=0 || rc=$?
t_is "the owner's reset (lower-case x typed): exit 0" "$rc" 0
t_like "and it says the old login is out" "$out" "已重置：乌兰 的账户（原登录已退出）"
t_is "the account has the owner's name" "$(sql_ext "SELECT name FROM citizen WHERE id = $ID")" 乌兰
t_is "one account still, the same row" "$(citizen_of "$NO")" "$ID"
http_get squatter "$EXT_URL/my" >/dev/null
t_is "the squatter's session has ended" "$HTTP_STATUS $HTTP_LOCATION" "303 /login?next=%2Fmy"
t_is "no session of the account is left" "$(sql_ext "SELECT COUNT(*) FROM session WHERE user_id = $ID")" 0
login s2 "$SQUAT"
t_is "the squatter's password no longer opens it" "$HTTP_STATUS" 422
login owner "$OWN"
t_is "the lock is gone" "$(sql_ext "SELECT COUNT(*) FROM account_lock WHERE user_id = $ID")" 0
t_is "the owner's password opens it at once" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
http_get owner "$EXT_URL/my" >/dev/null
t_like "and /my greets the owner" "$HTTP_BODY" "乌兰"
t_is "audited once, as citizen.reset by the operator, naming no ID number" \
	"$(sql_ext "SELECT CONCAT_WS(' ', action, object, actor) FROM audit WHERE id > $AUDIT0 AND action = 'citizen.reset'")" \
	"citizen.reset citizen:$ID cli:root (sudo zhaomin)"
t_unlike "the audit row holds no ID number or mobile" \
	"$(sql_ext "SELECT CONCAT(actor, object, detail) FROM audit WHERE id > $AUDIT0")" "$NO|13947900031"

# --- the page that sends people to the hall says what the hall does --------
http_get r "$EXT_URL/register" >/dev/null
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post r "$EXT_URL/register" "csrf=$csrf" "name=又一人" "id_number=$NO" "mobile=13800000001" \
	"password=Other-Pass-2026" "password2=Other-Pass-2026" >/dev/null
register_code r 13800000001
t_like "the registration page says the hall resets the password after seeing the card" "$HTTP_BODY" "窗口核验身份证后为您重设密码"
t_done
