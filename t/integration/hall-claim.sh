#!/usr/bin/env bash
# hall-claim.sh (ACC-1, SEC-5; issue #10): the window's claim page.  A
# window clerk, having seen the ID card (and the business licence),
# records on the intranet that a registered ID number is the person's
# before them, or a registered enterprise its real representative's.  The
# claim crosses the gap (account.claim, sealed), is applied on the
# extranet as citizen-reset / enterprise-claim apply it, and its answer
# (applied, or refused and why) comes back to the clerk's page.  The owner
# then sets a password by an SMS code to the new mobile; no password
# travels.  ID numbers and mobiles sealed at rest and in no log or audit
# row; audited on both sites; window clerks only.
. "$(dirname "$0")/../lib.sh"
from "127.$((RANDOM % 200 + 20)).$((RANDOM % 250)).11"
mobile() { printf '139%08d' $((RANDOM * 1000 + RANDOM % 1000)); }

NO=$(test_id 31) REP=$(test_id 32) SQ2=$(test_id 33) UNREG=$(test_id 34)
BASE=${NO:0:14} SEQ=$((10#${NO:14:3}))
for ((s = 0; s < 1000; s++)); do	# a number whose check character is X
	NO=$(idno "$BASE$(printf '%03d' $(((SEQ + s) % 1000)))")
	[[ $NO == *X ]] && break
done
SQUAT=Squat-Pass-2026 PW=Grass-Land-2026 MOB=$(mobile)
ORG=$(printf 'MB%07d' $(($$ % 10000000)))
CODE=$(credit_code "91152502${ORG}") NOCODE=$(credit_code "92152502${ORG}")
YIWANG_PASSWORD=$SQUAT admin_ext citizen-add "$NO" 冒名者 13800000000 >/dev/null
YIWANG_PASSWORD=$PW admin_ext citizen-add "$REP" 乌兰图雅 "$(mobile)" >/dev/null
YIWANG_PASSWORD=$PW admin_ext citizen-add "$SQ2" 冒名登记人 "$(mobile)" >/dev/null
admin_ext enterprise-add "$CODE" 冒名乳业公司 别处 "$SQ2" >/dev/null
ID=$(citizen_of "$NO")
login() { ext_login "$1" "$NO" "$2"; }	# JAR PASSWORD
login squatter "$SQUAT"
t_is "the squatter is logged in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"

# --- window clerks only --------------------------------------------------------
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
http_get handler "$INT_URL/hall/claim" >/dev/null
t_is "a handler may not" "$HTTP_STATUS" 403
http_get clerk "$INT_URL/hall/claim" >/dev/null
t_is "a window clerk may" "$HTTP_STATUS" 200
t_like "and the clerk's menu leads there" "$HTTP_BODY" 'href="/hall/claim">窗口核验'
claim() {	# k=v…: a claim as the clerk, checked
	local csrf
	csrf=$(http_get clerk "$INT_URL/hall/claim" | csrf_from)
	http_post clerk "$INT_URL/hall/claim" "csrf=$csrf" "$@" >/dev/null
}
N0=$(sql_int "SELECT COUNT(*) FROM hall_claim")
AUDIT_I=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
AUDIT_E=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM audit")

# --- refused on the intranet, the form kept --------------------------------------
claim kind=person "id_number=${NO:0:17}0" name=乌兰 "mobile=$MOB" checked=1
t_is "a wrong check digit: 422" "$HTTP_STATUS" 422
t_like "saying what to check" "$(alert_text)" "身份证号码不正确"
t_is "what was typed stays" "$(input_value "$HTTP_BODY" name) $(input_value "$HTTP_BODY" mobile)" "乌兰 $MOB"
claim kind=person "id_number=$NO" name=乌兰 "mobile=$MOB"
t_like "not checked: refused" "$HTTP_STATUS $(alert_text)" "^422 请先核验本人的居民身份证原件"
claim kind=person "id_number=$NO" name=乌兰 mobile=1380000 checked=1
t_like "a bad mobile: refused" "$HTTP_STATUS $(alert_text)" "^422 新手机号码应为 11 位数字"
claim kind=enterprise "credit_code=${CODE:0:17}$([[ ${CODE:17} == 0 ]] && echo 1 || echo 0)" ent_name=锡林浩特市草原乳业有限公司 address=锡林浩特市 "id_number=$REP" checked=1
t_is "a credit code with a wrong check character: refused" "$HTTP_STATUS" 422
t_is "none stored" "$(sql_int "SELECT COUNT(*) FROM hall_claim")" "$N0"

# --- recorded ------------------------------------------------------------------
claim kind=person "id_number=${NO,,}" name=乌兰 "mobile=$MOB" checked=1
t_is "a person's claim (lower-case x typed): 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /hall/claim?done=1"
C1=$(sql_int "SELECT MAX(id) FROM hall_claim")
claim kind=person "id_number=$UNREG" name=张三 "mobile=$(mobile)" checked=1
C2=$(sql_int "SELECT MAX(id) FROM hall_claim")
claim kind=enterprise "credit_code=${CODE,,}" ent_name=锡林浩特市草原乳业有限公司 "address=锡林浩特市额尔敦路 8 号" "id_number=$REP" checked=1
C3=$(sql_int "SELECT MAX(id) FROM hall_claim")
claim kind=enterprise "credit_code=$NOCODE" ent_name=锡林浩特市无名合作社 address=锡林浩特市 "id_number=$REP" checked=1
C4=$(sql_int "SELECT MAX(id) FROM hall_claim")
t_is "four claims stored, waiting" "$(sql_int "SELECT GROUP_CONCAT(CONCAT(kind, ':', state) ORDER BY id) FROM hall_claim WHERE id > $N0")" \
	"person:sent,person:sent,enterprise:sent,enterprise:sent"
t_is "the ID number and the mobile sealed at rest" \
	"$(sql_int "SELECT CONCAT_WS(' ', LEFT(id_sealed, 5), LEFT(mobile_sealed, 5), name, credit_code) FROM hall_claim WHERE id = $C1")" "pii1: pii1: 乌兰"
t_is "no clear ID number or mobile in the claims, the outbox or the audit trail" \
	"$(sql_int "SELECT (SELECT COUNT(*) FROM hall_claim WHERE CONCAT_WS(' ', id_sealed, mobile_sealed, name) REGEXP '$NO|$REP|$MOB') + (SELECT COUNT(*) FROM gap_outbox WHERE body REGEXP '$NO|$REP|$MOB') + (SELECT COUNT(*) FROM audit WHERE id > $AUDIT_I AND CONCAT(actor, object, detail) REGEXP '$NO|$REP|$MOB')")" 0
t_is "the outbox holds each claim sealed" \
	"$(sql_int "SELECT GROUP_CONCAT(DISTINCT LEFT(body, 5)) FROM gap_outbox WHERE kind = 'account.claim'")" "pii1:"
t_is "audited as the clerk's, by the claim's number" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT_WS(' ', actor, object) ORDER BY id) FROM audit WHERE id > $AUDIT_I AND action = 'hall.claim'")" \
	"sarengaowa claim:$C1,sarengaowa claim:$C2,sarengaowa claim:$C3,sarengaowa claim:$C4"
t_unlike "the site's logs name no ID number or mobile" \
	"$(cat "$TEST_VAR"/int/*.log "$TEST_VAR"/int/log/* 2>/dev/null)" "$NO|$REP|$MOB"
http_get clerk "$INT_URL/hall/claim" >/dev/null
t_like "the page lists it, masked, waiting" "$(row "claim" ; row "乌兰")" "${NO:0:6}\*+${NO:14:4}.*待外网办理"

# --- carried, applied, answered ---------------------------------------------------
carry int ext
t_is "the squatter's sessions ended" "$(sql_ext "SELECT COUNT(*) FROM session WHERE user_id = $ID")" 0
http_get squatter "$EXT_URL/my" >/dev/null
t_is "the squatter is out" "$HTTP_STATUS $HTTP_LOCATION" "303 /login?next=%2Fmy"
login s2 "$SQUAT"
t_is "the old password no longer logs in" "$HTTP_STATUS" 422
t_is "the account has the owner's name, the same row" "$(sql_ext "SELECT name FROM citizen WHERE id = $ID") $(citizen_of "$NO")" "乌兰 $ID"
t_is "the enterprise has the licence's name and address and the real representative" \
	"$(sql_ext "SELECT CONCAT_WS('|', name, address, legal_rep_id = $(citizen_of "$REP")) FROM enterprise WHERE credit_code = '$CODE'")" \
	"锡林浩特市草原乳业有限公司|锡林浩特市额尔敦路 8 号|1"
t_is "audited on the extranet as the clerk's, no ID number" \
	"$(sql_ext "SELECT GROUP_CONCAT(CONCAT_WS(' ', action, actor) ORDER BY id) FROM audit WHERE id > $AUDIT_E AND action IN ('citizen.claim', 'enterprise.claim')")" \
	"citizen.claim hall:sarengaowa,enterprise.claim hall:sarengaowa"
t_unlike "and no mobile in it" "$(sql_ext "SELECT GROUP_CONCAT(CONCAT(object, detail)) FROM audit WHERE id > $AUDIT_E")" "$NO|$MOB"
carry ext int
t_is "the answers came back: applied, refused, applied, refused" \
	"$(sql_int "SELECT GROUP_CONCAT(state ORDER BY id) FROM hall_claim WHERE id IN ($C1, $C2, $C3, $C4)")" "applied,refused,applied,refused"
http_get clerk "$INT_URL/hall/claim" >/dev/null
t_like "the clerk's page shows it done" "$(row 乌兰)" "已办理"
t_like "and the refusal with its reason" "$(row 张三)" "未办理</span> 这个身份证号码在网上没有注册过"
t_like "and the enterprise's" "$(row 无名合作社)" "未办理</span> 这个统一社会信用代码没有登记过"
t_is "audited on the intranet as the extranet's answers" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE id > $AUDIT_I AND action = 'hall.claim.result'")" 4

# --- the owner sets a password by an SMS code to the new mobile ------------------------
csrf=$(http_get owner "$EXT_URL/reset" | csrf_from)
http_post owner "$EXT_URL/reset" "csrf=$csrf" "id_number=$NO" "mobile=$MOB" >/dev/null
TICKET=$(input_value "$HTTP_BODY" ticket) CSRF=$(input_value "$HTTP_BODY" csrf)
admin_ext tick >/dev/null
sms_wait "$MOB" 1
OWN=Owner-Grass-2026
http_post owner "$EXT_URL/reset/code" "csrf=$CSRF" "ticket=$TICKET" "code=$(sms_code "$MOB")" "password=$OWN" "password2=$OWN" >/dev/null
t_is "the code to the new mobile sets the password" "$HTTP_STATUS" 200
t_like "saying so" "$HTTP_BODY" "新密码已经生效"
login owner2 "$OWN"
t_is "the owner logs in with it" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
t_done
