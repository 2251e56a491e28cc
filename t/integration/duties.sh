#!/usr/bin/env bash
# duties.sh: separation of duties (三员分立 and 回避; SEC-7, SEC-3, ACC-4,
# finding F6) through nginx, on the test stack with the demo data.  Before,
# the system administrator reset a leader's password and logged in as that
# leader, one clerk+handler+leader account took, signed and approved a case
# alone, and one administrator drafted, published and read their own audit
# trail.  Each check is named after what it stops:
#   1. the system administrator sets no password and no role, and reads no
#      audit trail;
#   2. a password an administrator set is changed by its owner before
#      anything else;
#   3. no account holds two administrators' roles, nor one with a business
#      role (web, command line, database);
#   4. the audit administrator reads the audit trail and nothing else;
#   5. whoever drafted or submitted a catalogue version cannot publish it;
#   6. one person acts at one step of a case (回避), except at the window
#      steps of an instant item;
#   7. no procedure is published that 回避 would leave without a person for
#      one of its steps.
. "$(dirname "$0")/../lib.sh"

PW=Yiwang@2026
ADMIN=liuxiaomei
SEC=wurigen
AUDITOR=wangxiulan
LEADER=bateer
HANDLER=wangzhiqiang
N=$$
DUAL=dual$N			# an SCJGJ account holding clerk + handler
TMPW=Linshi-2026-pw		# the password the security administrator sets
OWNPW=Ziji-Xuanze-2027		# the one its owner chooses

# csrf_of JAR PAGE: the token of the jar's session (from the page's forms).
csrf_of() { http_get "$1" "$INT_URL$2" | csrf_from; }
roles_of() { sql_int "SELECT roles FROM staff WHERE login = '$1'"; }

# --- 1. the system administrator: no password, no role, no audit trail --------
int_login admin "$ADMIN"
t_is "the system administrator logs in to 系统管理" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin"
ACSRF=$(csrf_of admin /admin)
hash0=$(sql_int "SELECT pw_hash FROM staff WHERE login = '$LEADER'")
http_post admin "$INT_URL/sec/staff/password" "csrf=$ACSRF" "login=$LEADER" \
	"password=Duoquan-2026x" "password2=Duoquan-2026x" >/dev/null
t_is "the system administrator cannot set a leader's password (403)" "$HTTP_STATUS" 403
http_post admin "$INT_URL/admin/staff/password" "csrf=$ACSRF" "login=$LEADER" \
	"password=Duoquan-2026x" "password2=Duoquan-2026x" >/dev/null
t_is "their old password page is gone (404)" "$HTTP_STATUS" 404
t_is "and the leader's password is unchanged" "$(sql_int "SELECT pw_hash FROM staff WHERE login = '$LEADER'")" "$hash0"
int_login thief "$LEADER" "Duoquan-2026x"
t_is "so nobody logs in as the leader with a password the administrator chose" "$HTTP_STATUS" 422
http_post admin "$INT_URL/sec/staff/roles" "csrf=$ACSRF" "login=$ADMIN" "role_admin=1" "role_leader=1" >/dev/null
t_is "the system administrator cannot set roles (403)" "$HTTP_STATUS" 403
http_post admin "$INT_URL/admin/staff/edit" "csrf=$ACSRF" "edit=1" "login=$LEADER" "name=巴特尔" \
	"dept=SCJGJ" "active=1" "role_admin=1" "role_clerk=1" >/dev/null
t_is "roles sent with a staff record are ignored" "$HTTP_STATUS $(roles_of "$LEADER")" "303 8"
http_get admin "$INT_URL/audit" >/dev/null
t_is "the system administrator cannot read the audit trail (403)" "$HTTP_STATUS" 403
http_get admin "$INT_URL/sec" >/dev/null
t_is "nor the security administrator's pages (403)" "$HTTP_STATUS" 403
http_get admin "$INT_URL/inbox" >/dev/null
t_is "nor work on cases (403)" "$HTTP_STATUS" 403
t_unlike "and their navigation offers none of these" "$HTTP_BODY" 'href="/(audit|sec|inbox)"'

# --- 2. a password an administrator set is changed by its owner first -----------
http_post admin "$INT_URL/admin/staff/edit" "csrf=$ACSRF" "login=$DUAL" "name=双岗测试员" "dept=SCJGJ" >/dev/null
t_is "the system administrator creates the record" "$HTTP_STATUS" 303
int_login sec "$SEC"
t_is "the security administrator logs in to 安全管理" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec"
http_get sec "$INT_URL/sec" >/dev/null
t_like "their home says what the role does" "$HTTP_BODY" '安全管理员的职责'
t_like "and counts the accounts waiting for a password" "$HTTP_BODY" '尚未设置密码的账号'
SCSRF=$(csrf_of sec /sec)
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$DUAL" "role_clerk=1" "role_handler=1" >/dev/null
t_is "the security administrator gives roles (clerk + handler)" "$HTTP_STATUS $(roles_of "$DUAL")" "303 6"
http_post sec "$INT_URL/sec/staff/password" "csrf=$SCSRF" "login=$DUAL" "password=$TMPW" "password2=$TMPW" >/dev/null
t_is "and sets a password" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/staff/edit?login=$DUAL&saved=password"
t_is "which is stored as temporary" "$(sql_int "SELECT pw_temporary FROM staff WHERE login = '$DUAL'")" 1
http_get sec "$INT_URL$HTTP_LOCATION" >/dev/null
t_like "the page says the owner must change it" "$HTTP_BODY" '本人登录后须先修改'

int_login dual "$DUAL" "$TMPW"
t_is "the owner logs in with it" "$HTTP_STATUS" 303
for page in / /inbox /catalog "/case?id=1" "/doc?no=x" "/file?id=1&seq=1"; do
	http_get dual "$INT_URL$page" >/dev/null
	t_is "with a temporary password, GET $page goes to the change page" "$HTTP_STATUS $HTTP_LOCATION" "303 /password"
done
DCSRF=$(csrf_of dual /password)
http_last
t_like "which says why" "$HTTP_BODY" '临时密码'
http_post dual "$INT_URL/case/act" "csrf=$DCSRF" "id=1" "action=accept" >/dev/null
t_is "and a POST elsewhere is refused (403)" "$HTTP_STATUS" 403
t_like "saying to change the password first" "$HTTP_BODY" '请先修改密码'
http_post dual "$INT_URL/password" "csrf=$DCSRF" "old=wrong-one-123" "password=$OWNPW" "password2=$OWNPW" >/dev/null
t_is "a wrong current password is refused (422)" "$HTTP_STATUS" 422
http_post dual "$INT_URL/password" "csrf=$DCSRF" "old=$TMPW" "password=$TMPW" "password2=$TMPW" >/dev/null
t_is "keeping the administrator's password is refused (422)" "$HTTP_STATUS" 422
t_like "saying so" "$HTTP_BODY" '不能与原密码相同'
http_post dual "$INT_URL/password" "csrf=$DCSRF" "old=$TMPW" "password=$OWNPW" "password2=$OWNPW-x" >/dev/null
t_is "two different new passwords are refused (422)" "$HTTP_STATUS" 422
t_is "none of these changed it" "$(sql_int "SELECT pw_temporary FROM staff WHERE login = '$DUAL'")" 1
http_post dual "$INT_URL/password" "csrf=$DCSRF" "old=$TMPW" "password=$OWNPW" "password2=$OWNPW" >/dev/null
t_is "the owner chooses their own" "$HTTP_STATUS $HTTP_LOCATION" "303 /password?saved=1"
t_is "which is no longer temporary" "$(sql_int "SELECT pw_temporary FROM staff WHERE login = '$DUAL'")" 0
http_get dual "$INT_URL/inbox" >/dev/null
t_is "and then works" "$HTTP_STATUS" 200
int_login dual2 "$DUAL" "$TMPW"
t_is "the administrator's password no longer opens the account" "$HTTP_STATUS" 422

http_post sec "$INT_URL/sec/staff/password" "csrf=$SCSRF" "login=$SEC" "password=$TMPW" "password2=$TMPW" >/dev/null
t_is "the security administrator cannot set their own password there (422)" "$HTTP_STATUS" 422
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$SEC" "role_auditor=1" >/dev/null
t_is "nor their own roles (422)" "$HTTP_STATUS $(roles_of "$SEC")" "422 32"

# --- 3. two administrators' roles, or one with a business role: never ------------
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$DUAL" "role_admin=1" "role_auditor=1" >/dev/null
t_is "web: the roles of two administrators cannot be combined (422)" "$HTTP_STATUS $(roles_of "$DUAL")" "422 6"
t_like "the page says why" "$HTTP_BODY" '三员分立'
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$DUAL" "role_admin=1" "role_clerk=1" >/dev/null
t_is "web: an administrator holds no business role (422)" "$HTTP_STATUS $(roles_of "$DUAL")" "422 6"
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$AUDITOR" "role_clerk=1" >/dev/null
t_is "web: the last audit administrator keeps the role (422)" "$HTTP_STATUS $(roles_of "$AUDITOR")" "422 64"
t_like "the page says why" "$HTTP_BODY" '最后一位在用的审计管理员'
out=$(YIWANG_PASSWORD=$TMPW admin_int user-add two$N "两员测试" SCJGJ admin,auditor 2>&1); rc=$?
t_isnt "CLI: user-add refuses two administrators' roles" "$rc" 0
t_like "CLI: saying why" "$out" '三员分立'
out=$(YIWANG_PASSWORD=$TMPW admin_int user-add two$N "两员测试" SCJGJ secadmin,leader 2>&1); rc=$?
t_isnt "CLI: user-add refuses an administrator with a business role" "$rc" 0
t_is "CLI: and stores nothing" "$(sql_int "SELECT COUNT(*) FROM staff WHERE login = 'two$N'")" 0
t_ok "CLI: one administrator's role is accepted" env YIWANG_PASSWORD=$TMPW "$BUILD/yiwang-admin" -c "$INT_CONF" \
	user-add one$N "一员测试" SCJGJ auditor
t_is "CLI: with a temporary password" "$(sql_int "SELECT CONCAT(roles, ' ', pw_temporary) FROM staff WHERE login = 'one$N'")" "64 1"
sql_int "UPDATE staff SET roles = 48 WHERE login = 'one$N'" >/dev/null 2>&1; rc=$?
t_isnt "database: the CHECK refuses two administrators' roles on any path" "$rc" 0
t_is "database: the row is unchanged" "$(roles_of "one$N")" 64
# Who watches (SUP-*) holds that one role: 256 | 4 is a supervisor who
# also handles cases, 256 | 64 one who also audits.
for bad in 260 320 768 640; do
	sql_int "UPDATE staff SET roles = $bad WHERE login = 'one$N'" >/dev/null 2>&1; rc=$?
	t_isnt "database: the CHECK refuses a supervisor or observer with another role ($bad)" "$rc" 0
done
out=$(YIWANG_PASSWORD=$TMPW admin_int user-add sup$N "监察测试" JCS supervisor,handler 2>&1); rc=$?
t_isnt "CLI: user-add refuses a supervisor who also handles cases" "$rc" 0
t_like "CLI: saying why" "$out" '监督的人不办件'
t_ok "CLI: a supervisor alone is accepted" env YIWANG_PASSWORD=$TMPW "$BUILD/yiwang-admin" -c "$INT_CONF" \
	user-add sup$N "监察测试" JCS supervisor
t_is "database: and stored as that one role" "$(roles_of "sup$N")" 256

# --- 4. the audit administrator reads the audit trail, and nothing else ---------
int_login auditor "$AUDITOR"
t_is "the audit administrator logs in to the audit trail" "$HTTP_STATUS $HTTP_LOCATION" "303 /audit"
http_get auditor "$INT_URL/audit?object=staff:$DUAL" >/dev/null
t_is "the audit administrator reads the audit trail" "$HTTP_STATUS" 200
t_like "with the security administrator's password setting" "$HTTP_BODY" "设置临时密码"
t_like "and the owner's change" "$HTTP_BODY" "本人修改密码"
t_like "and the role says what it does" "$HTTP_BODY" '审计管理员的职责'
http_get auditor "$INT_URL/audit?kind=case." >/dev/null
t_is "by kind of action" "$HTTP_STATUS" 200
for page in /inbox /catalog /admin /admin/staff /sec /sec/staff "/case?id=1" "/doc?no=x" "/file?id=1&seq=1"; do
	http_get auditor "$INT_URL$page" >/dev/null
	t_is "the audit administrator gets 403 on $page" "$HTTP_STATUS" 403
done
ACSRF2=$(csrf_of auditor /audit)
http_post auditor "$INT_URL/catalog/new" "csrf=$ACSRF2" "code=X-$N" "name=审计员新建" >/dev/null
t_is "and cannot change anything (403)" "$HTTP_STATUS" 403
t_unlike "their navigation offers only the audit trail" "$(http_get auditor "$INT_URL/audit")" 'href="/(inbox|catalog|admin|sec)"'

# --- 5. publication needs a second person ----------------------------------------
CODE=152502-SCJG-XK-002
PUB=$(sql_int "SELECT version FROM item WHERE code = '$CODE' AND status = 'published'")
http_post admin "$INT_URL/catalog/draft" "csrf=$ACSRF" "code=$CODE" "v=$PUB" >/dev/null
NEW=$(sql_int "SELECT MAX(version) FROM item WHERE code = '$CODE'")
t_is "the system administrator drafts a new version" "$HTTP_STATUS $(sql_int "SELECT status FROM item WHERE code = '$CODE' AND version = $NEW")" "303 draft"
http_post admin "$INT_URL/catalog/submit" "csrf=$ACSRF" "code=$CODE" "v=$NEW" >/dev/null
t_is "and submits it" "$HTTP_STATUS" 303
http_get admin "$INT_URL/catalog/item?code=$CODE&v=$NEW" >/dev/null
t_unlike "the drafter is not offered to publish" "$HTTP_BODY" 'action="/catalog/publish"'
t_like "the page says who must publish" "$HTTP_BODY" '不能由您发布.*分管领导或另一位系统管理员'
t_unlike "and links no audit trail" "$HTTP_BODY" 'audit'
http_post admin "$INT_URL/catalog/publish" "csrf=$ACSRF" "code=$CODE" "v=$NEW" >/dev/null
t_is "the system administrator cannot publish what they drafted (403)" "$HTTP_STATUS" 403
t_like "and is told who must" "$HTTP_BODY" '分管领导或另一位系统管理员'
t_is "it stays in review" "$(sql_int "SELECT status FROM item WHERE code = '$CODE' AND version = $NEW")" review
int_login leader "$LEADER"
http_get leader "$INT_URL/catalog/item?code=$CODE&v=$NEW" >/dev/null
t_like "the leader sees who drafted and submitted it" "$HTTP_BODY" '刘晓梅.*起草、提交'
t_like "and is offered to publish" "$HTTP_BODY" 'action="/catalog/publish"'
LCSRF=$(csrf_from <<<"$HTTP_BODY")
http_post leader "$INT_URL/catalog/publish" "csrf=$LCSRF" "code=$CODE" "v=$NEW" >/dev/null
t_is "a second person publishes it" "$HTTP_STATUS $(sql_int "SELECT status FROM item WHERE code = '$CODE' AND version = $NEW")" "303 published"

# --- 6. 回避: one person, one step of a case ---------------------------------------
CASE=$(case_from_ext 152502-SCJG-XK-001)
t_like "a case of 食品经营许可 reaches the intranet" "$CASE" '^[0-9]+$'
# act JAR CASE STEP ACTION [k=v…]
act() {
	local jar=$1 id=$2 step=$3 action=$4 c
	shift 4
	c=$(http_get "$jar" "$INT_URL/case?id=$id" | csrf_from)
	http_post "$jar" "$INT_URL/case/act" "csrf=$c" "id=$id" "step=$step" "action=$action" "$@" >/dev/null
}
act dual "$CASE" accept accept
t_is "the clerk+handler account accepts it" "$HTTP_STATUS" 303
http_get dual "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "the same account is not offered the review" "$HTTP_BODY" 'name="action" value="sign"'
t_like "and the page says why (回避, the step they acted at)" "$HTTP_BODY" '回避.*您已办理过本件的「受理」环节'
act dual "$CASE" review sign verdict=agree "text=自己受理自己审查"
t_is "one account holding two step roles cannot act at the second step (409)" "$HTTP_STATUS" 409
t_like "the refusal says why" "$HTTP_BODY" '按回避规定'
t_is "no opinion was signed" "$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id = $CASE")" 0
http_get dual "$INT_URL/inbox" >/dev/null
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
t_unlike "nor is it in their to-do list" "$(sed -n '/已办/q;p' <<<"$HTTP_BODY")" "$APP"
int_login handler "$HANDLER"
act handler "$CASE" review sign verdict=agree "text=经审查符合条件。"
t_is "another handler of the department reviews it" "$HTTP_STATUS" 303
t_is "who acted where is recorded" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(s.login, ':', h.step_key) ORDER BY h.step_key) FROM case_hand h JOIN staff s ON s.id = h.staff_id WHERE h.case_id = $CASE")" \
	"$DUAL:accept,$HANDLER:review"

INSTANT=152502-SCJG-XK-005
t_is "an instant item (即办件) has two window steps" \
	"$(sql_int "SELECT CONCAT(i.instant, ' ', GROUP_CONCAT(s.role ORDER BY s.seq)) FROM item i JOIN item_step s ON s.item_id = i.id WHERE i.code = '$INSTANT' AND i.status = 'published' GROUP BY i.id")" \
	"1 2,2"
CASE2=$(case_from_ext "$INSTANT")
t_like "a case of it reaches the intranet" "$CASE2" '^[0-9]+$'
STEPS=($(sql_int "SELECT s.skey FROM item_step s JOIN kase k ON k.item_id = s.item_id WHERE k.id = $CASE2 ORDER BY s.seq"))
act dual "$CASE2" "${STEPS[0]}" accept
t_is "the clerk accepts it at the window" "$HTTP_STATUS" 303
act dual "$CASE2" "${STEPS[1]}" approve
t_is "and, an instant item at the window, decides it too" "$HTTP_STATUS $(sql_int "SELECT state FROM kase WHERE id = $CASE2")" "303 approved"

# --- 7. publication checks that 回避 leaves every step a person -------------------
SOLO=SOLO-$N
admin_int dept-add "$SOLO" "苏木综合服务站$N" "苏综" >/dev/null
for who in "solo-c$N clerk" "solo-h$N handler" "solo-l$N leader"; do
	set -- $who
	YIWANG_PASSWORD=$TMPW admin_int user-add "$1" "测试$2" "$SOLO" "$2" >/dev/null
done
SCODE=152502-SOLO-T$N
cat >"$_T_DIR/solo.json" <<JSON
{ "code": "$SCODE", "name": "草原补奖资金发放（回避测试）", "kind": "公共服务",
  "dept_code": "$SOLO", "dept_name": "苏木综合服务站$N", "level": "乡级",
  "basis": "《草原法》", "conditions": "", "statutory_days": 10, "promised_days": 5,
  "instant": false, "fee": "不收费", "place": "苏木", "hours": "工作日", "phone": "0479-8262101",
  "complaint_phone": "12345", "visits": 1, "depth": "C",
  "materials": [ { "name": "申请表", "original": "原件", "copies": 1, "required": true } ],
  "procedure": { "steps": [
    { "key": "accept", "name": "受理", "role": "clerk", "days": 1, "doc": "accept" },
    { "key": "site", "name": "入户核查", "role": "handler", "days": 3 },
    { "key": "review", "name": "审核", "role": "handler", "days": 2 },
    { "key": "decide", "name": "审批", "role": "leader", "days": 1, "doc": "decision" } ],
    "flows": [ ["start","accept"], ["accept","site"], ["site","review"], ["review","decide"], ["decide","end"] ],
    "returns": [] } }
JSON
t_ok "an item with two handler steps in a department of one handler is stored" admin_int item-load "$_T_DIR/solo.json"
out=$(admin_int publish "$SCODE" 1 2>&1); rc=$?
t_isnt "a procedure 回避 cannot staff is not published" "$rc" 0
t_like "the refusal names the step and 回避" "$out" '「(入户核查|审核)」环节没有可办理的人：按回避规定'
YIWANG_PASSWORD=$TMPW admin_int user-add "solo-h2$N" "测试二" "$SOLO" handler >/dev/null
t_ok "with a second handler it is" admin_int publish "$SCODE" 1

# --- 6. observers (SUP-7): every look is written down -------------------------
int_login obs suyalatu
t_is "the observer (特邀监督员) lands on the supervision pages" "$HTTP_STATUS $HTTP_LOCATION" "303 /sup"
before=$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe'")
http_get obs "$INT_URL/sup?look=$N" >/dev/null
t_is "and sees them" "$HTTP_STATUS" 200
t_is "each request of theirs is audited, with what they asked" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe' AND object = '/sup' AND detail = 'GET look=$N'")" 1
t_is "and only that one" "$(sql_int "SELECT COUNT(*) - $before FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe'")" 1
int_login sup zhaoyanhong
http_get sup "$INT_URL/sup?look=$N" >/dev/null
t_is "a supervisor's reading is not (they are staff on duty)" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'zhaoyanhong' AND action = 'sup.observe'")" 0

sql_int "DELETE FROM session WHERE user_id IN (SELECT id FROM staff WHERE login IN ('$DUAL', 'one$N'))"
sql_int "UPDATE staff SET active = 0 WHERE login IN ('$DUAL', 'one$N') OR login LIKE 'solo-%$N'"
t_done
