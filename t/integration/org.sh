#!/usr/bin/env bash
# org.sh: the organisation (issue #3; ORG-1, ORG-2, ACC-4, SEC-3) through the
# intranet's admin pages, against the test stack with the demo data: only the
# system administrator reaches them; they add a 嘎查 under a 苏木, its
# 便民服务室, a department, a window and a staff record; the security
# administrator gives it roles and a first password (三员分立, SEC-7); the
# user logs in and must change that password first; deactivated, they cannot
# log in; bad input is refused with 422 and stores nothing; the last system
# administrator cannot be deactivated; every change has its audit row, which
# only the audit administrator reads.
. "$(dirname "$0")/../lib.sh"

ADMIN=liuxiaomei
SEC=wurigen	# the demo's security administrator
AUDITOR=wangxiulan
PW=Yiwang@2026
N=$$ # codes of this run, so the script can run again on the same stack
GC=GC$N          # the new 嘎查 (region codes: at most 12)
HALL=BMFWS-$N    # its 便民服务室
DEPT=ORGT-$N
WIN=W01
USER=orgtest$N
UPW=Caoyuan2026x
UPW2=Gobi-2027-reset
UPW3=Xilin-River-2028

count_int() { sql_int "SELECT COUNT(*) FROM $1"; }
audits() { sql_int "SELECT COUNT(*) FROM audit WHERE action LIKE 'org.%'"; }
# audit_of OBJECT: the actions recorded on it by the admin, oldest first.
audit_of() {
	sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE object = '$1' AND actor = '$ADMIN'"
}
# staff_audit LOGIN: who did what to the account, oldest first.
staff_audit() {
	sql_int "SELECT GROUP_CONCAT(CONCAT(actor, ':', action) ORDER BY id) FROM audit WHERE object = 'staff:$1'"
}

# login JAR LOGIN PASSWORD: the intranet login form, then the POST (to the
# user's own home).
login() {
	local csrf
	csrf=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$csrf" "login=$2" "password=$3" >/dev/null
}
# csrf_of JAR [PAGE]: the token of the jar's session (from a page's logout
# form).
csrf_of() { http_get "$1" "$INT_URL${2:-/admin}" | csrf_from; }

# --- only administrators ------------------------------------------------------
http_get anon "$INT_URL/admin" >/dev/null
t_like "anonymous: /admin sends to the login page" "$HTTP_STATUS $HTTP_LOCATION" '^303 /login\?next=%2Fadmin'
login clerk sarengaowa "$PW"
t_is "the clerk logs in (to the inbox)" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
http_get clerk "$INT_URL/inbox" >/dev/null
t_unlike "the clerk's navigation has no 系统管理" "$HTTP_BODY" 'href="/admin"'
CLERK_CSRF=$(http_get clerk "$INT_URL/inbox" | csrf_from)
http_get clerk "$INT_URL/admin" >/dev/null
t_is "a non-admin gets 403 on /admin" "$HTTP_STATUS" 403
http_get clerk "$INT_URL/admin/staff" >/dev/null
t_is "a non-admin gets 403 on /admin/staff" "$HTTP_STATUS" 403
before=$(count_int region)
http_post clerk "$INT_URL/admin/region" "csrf=$CLERK_CSRF" "code=X$N" "name=越权" "level=1" >/dev/null
t_is "a non-admin's POST is refused with 403" "$HTTP_STATUS" 403
t_is "and stores nothing" "$(count_int region)" "$before"

login admin "$ADMIN" "$PW"
t_is "the admin logs in (to 系统管理)" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin"
CSRF=$(csrf_of admin)
http_last
t_is "the admin opens /admin" "$HTTP_STATUS" 200
t_like "the admin's navigation links to 系统管理" "$HTTP_BODY" 'href="/admin">系统管理'
t_like "the overview shows the level names" "$HTTP_BODY" '层级：'

# A 苏木 of the demo data; a fresh chain when the demo has none.
SUMU=$(sql_int "SELECT code FROM region WHERE level = 3 ORDER BY code LIMIT 1")
if [[ -z $SUMU ]]; then
	t_diag "no 苏木乡镇 in the demo data: making 盟 → 旗 → 苏木 first"
	http_post admin "$INT_URL/admin/region" "csrf=$CSRF" "code=M$N" "name=测试盟" "level=1" "parent=" >/dev/null
	http_post admin "$INT_URL/admin/region" "csrf=$CSRF" "code=Q$N" "name=测试旗" "level=2" "parent=M$N" >/dev/null
	http_post admin "$INT_URL/admin/region" "csrf=$CSRF" "code=S$N" "name=测试苏木" "level=3" "parent=Q$N" >/dev/null
	SUMU=S$N
fi
t_is "there is a 苏木 to work under" "$(sql_int "SELECT level FROM region WHERE code = '$SUMU'")" 3

# --- a bad code, a wrong level: 422, the form again, nothing stored --------------
regions=$(count_int region)
audit0=$(audits)
http_post admin "$INT_URL/admin/region" "csrf=$CSRF" "code=bad code!" "name=坏代码嘎查$N" "level=4" "parent=$SUMU" >/dev/null
t_is "a bad region code is refused with 422" "$HTTP_STATUS" 422
t_like "with a clear message" "$HTTP_BODY" '区划代码只能由字母、数字和“-”组成'
t_like "and the form keeps what was typed" "$HTTP_BODY" "value=\"坏代码嘎查$N\""
t_like "and marks the field to correct" "$HTTP_BODY" 'name="code"[^>]*aria-invalid="true"'
http_post admin "$INT_URL/admin/region" "csrf=$CSRF" "code=$GC" "name=错层嘎查" "level=3" "parent=$SUMU" >/dev/null
t_is "a level that is not the parent's + 1 is refused with 422" "$HTTP_STATUS" 422
t_like "saying which level it must be" "$HTTP_BODY" '其下级区划的层级应为'
http_post admin "$INT_URL/admin/dept" "csrf=$CSRF" "code=$DEPT" "name=测试局" "abbr=" "region=$GC" >/dev/null
t_is "a department without its 文号简称 is refused with 422" "$HTTP_STATUS" 422
http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "login=Bad Login" "name=测试员" "dept=SCJGJ" >/dev/null
t_is "a bad login name is refused with 422" "$HTTP_STATUS" 422
t_like "saying what a login name is" "$HTTP_BODY" '登录名用小写字母'
t_is "none of them stored a region" "$(count_int region)" "$regions"
t_is "none stored a department or a user" \
	"$(sql_int "SELECT (SELECT COUNT(*) FROM department WHERE code = '$DEPT') + (SELECT COUNT(*) FROM staff WHERE login = '$USER')")" 0
t_is "none wrote an audit row" "$(audits)" "$audit0"

# --- the 嘎查, its hall, a department, a window ---------------------------------
http_post admin "$INT_URL/admin/region" "csrf=$CSRF" "code=$GC" "name=测试嘎查$N" "level=4" "parent=$SUMU" >/dev/null
t_is "the admin adds a 嘎查 under the 苏木" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/region?code=$GC&saved=1"
t_is "it is stored one level below its 苏木" \
	"$(sql_int "SELECT CONCAT(level, ' ', parent_code) FROM region WHERE code = '$GC'")" "4 $SUMU"
http_get admin "$INT_URL/admin/region?code=$GC&saved=1" >/dev/null
t_like "its page says it was saved" "$HTTP_BODY" '已保存'
http_get admin "$INT_URL/admin/region?parent=$GC" >/dev/null
t_is "nothing can be added below the fourth level" "$HTTP_STATUS" 400

http_post admin "$INT_URL/admin/hall" "csrf=$CSRF" "code=$HALL" "name=测试嘎查便民服务室" "region=$GC" \
	"address=嘎查委员会" "phone=0479-8888888" "hours=周一至周五" >/dev/null
t_is "the admin sets up its 便民服务室" "$HTTP_STATUS" 303
http_post admin "$INT_URL/admin/dept" "csrf=$CSRF" "code=$DEPT" "name=测试嘎查综合服务站" "abbr=测综" \
	"region=$GC" "hall=$HALL" "address=" "phone=" >/dev/null
t_is "the admin adds a department in the 嘎查" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/dept?code=$DEPT&saved=1"
t_is "the department is placed in the region and hall" \
	"$(sql_int "SELECT CONCAT(abbr, ' ', region_code, ' ', hall_code) FROM department WHERE code = '$DEPT'")" "测综 $GC $HALL"
http_post admin "$INT_URL/admin/window" "csrf=$CSRF" "dept=$DEPT" "code=$WIN" "name=综合受理窗口" "hall=" >/dev/null
t_is "the admin adds a window" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/window?dept=$DEPT&code=$WIN&saved=1"
t_is "the window sits in its department's hall" \
	"$(sql_int "SELECT hall_code FROM service_window WHERE dept_code = '$DEPT' AND code = '$WIN'")" "$HALL"
http_post admin "$INT_URL/admin/window" "csrf=$CSRF" "dept=$DEPT" "code=$WIN" "name=重复窗口" >/dev/null
t_is "a second window with the same number is refused with 422" "$HTTP_STATUS" 422
http_get admin "$INT_URL/admin" >/dev/null
t_like "the overview shows the new 嘎查" "$HTTP_BODY" "测试嘎查$N"
t_like "and the department with its window" "$HTTP_BODY" '测试嘎查综合服务站'

# --- a user: the record, then roles and a first password, then their own ------
# Roles and a password sent to the system administrator's form are ignored:
# they are the security administrator's (三员分立).
http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "login=$USER" "name=测试员" "dept=$DEPT" \
	"role_clerk=1" "role_admin=1" "password=$UPW" "password2=$UPW" >/dev/null
t_is "the admin creates a user" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/staff/edit?login=$USER&saved=1"
t_is "with department, but no roles and no password yet" \
	"$(sql_int "SELECT CONCAT(d.code, ' ', s.roles, ' ', s.active, ' ', s.pw_hash) FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.login = '$USER'")" \
	"$DEPT 0 1 !"
login newbie "$USER" "$UPW"
t_is "so nobody can log in to it yet" "$HTTP_STATUS" 422
http_get admin "$INT_URL/admin/staff/edit?login=$USER" >/dev/null
t_like "its page says who sets roles and passwords" "$HTTP_BODY" '角色和密码由安全管理员设置'
t_unlike "and offers neither" "$HTTP_BODY" 'type="password"|name="role_'

login sec "$SEC" "$PW"
t_is "the security administrator logs in (to 安全管理)" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec"
SCSRF=$(csrf_of sec /sec)
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$USER" "role_clerk=1" "role_handler=1" >/dev/null
t_is "the security administrator gives roles" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/staff/edit?login=$USER&saved=roles"
http_post sec "$INT_URL/sec/staff/password" "csrf=$SCSRF" "login=$USER" "password=short1" "password2=short1" >/dev/null
t_is "a weak password is refused with 422" "$HTTP_STATUS" 422
t_like "saying what a password needs" "$HTTP_BODY" '至少 10 位'
http_post sec "$INT_URL/sec/staff/password" "csrf=$SCSRF" "login=$USER" "password=$UPW" "password2=$UPW" >/dev/null
t_is "and a first password" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/staff/edit?login=$USER&saved=password"
t_is "stored: roles (clerk + handler), a KDF hash, temporary" \
	"$(sql_int "SELECT CONCAT(roles, ' ', LEFT(pw_hash, 7), ' ', pw_temporary) FROM staff WHERE login = '$USER'")" \
	"6 scrypt\$ 1"
http_get admin "$INT_URL/admin/staff?dept=$DEPT" >/dev/null
t_like "the staff list of the department shows them" "$HTTP_BODY" "$USER"
t_like "with their roles" "$HTTP_BODY" '窗口受理人员、承办人'

login newbie "$USER" "$UPW"
t_is "the new user can log in" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
http_get newbie "$INT_URL/inbox" >/dev/null
t_is "but must first change the password an administrator set" "$HTTP_STATUS $HTTP_LOCATION" "303 /password"
NCSRF=$(http_get newbie "$INT_URL/password" | csrf_from)
http_post newbie "$INT_URL/password" "csrf=$NCSRF" "old=$UPW" "password=$UPW3" "password2=$UPW3" >/dev/null
t_is "they choose their own" "$HTTP_STATUS $HTTP_LOCATION" "303 /password?saved=1"
http_get newbie "$INT_URL/inbox" >/dev/null
t_is "and see their inbox" "$HTTP_STATUS" 200
http_get newbie "$INT_URL/admin" >/dev/null
t_is "but not the admin pages" "$HTTP_STATUS" 403

admins=$(sql_int "SELECT COUNT(*) FROM staff WHERE active = 1 AND (roles & 16) <> 0")
if [[ $admins == 1 ]]; then
	http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "edit=1" "login=$ADMIN" "name=刘晓梅" \
		"dept=$(sql_int "SELECT d.code FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.login = '$ADMIN'")" >/dev/null
	t_is "the last active admin cannot be deactivated (422)" "$HTTP_STATUS" 422
	t_like "and is told why" "$HTTP_BODY" '最后一位在用的系统管理员'
	t_is "and stays active" "$(sql_int "SELECT active FROM staff WHERE login = '$ADMIN'")" 1
else
	t_pass "the last active admin cannot be deactivated (skipped: $admins admins)"
fi

http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "edit=1" "login=$USER" "name=测试员" "dept=$DEPT" >/dev/null
t_is "the admin deactivates the user" "$HTTP_STATUS" 303
t_is "who is stored inactive, roles kept" "$(sql_int "SELECT CONCAT(active, ' ', roles) FROM staff WHERE login = '$USER'")" "0 6"
http_get newbie "$INT_URL/inbox" >/dev/null
t_like "their open session ends at once" "$HTTP_STATUS $HTTP_LOCATION" '^303 /login'
login newbie2 "$USER" "$UPW3"
t_is "and they cannot log in" "$HTTP_STATUS" 422

http_post sec "$INT_URL/sec/staff/password" "csrf=$SCSRF" "login=$USER" "password=$UPW2" "password2=$UPW2" >/dev/null
t_is "the security administrator resets their password" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/staff/edit?login=$USER&saved=password"
http_post admin "$INT_URL/admin/staff/edit" "csrf=$CSRF" "edit=1" "login=$USER" "name=测试员" "dept=$DEPT" \
	"active=1" >/dev/null
http_post sec "$INT_URL/sec/staff/roles" "csrf=$SCSRF" "login=$USER" "role_clerk=1" >/dev/null
t_is "the admin reactivates them, the security administrator leaves them a clerk only" \
	"$(sql_int "SELECT CONCAT(active, ' ', roles) FROM staff WHERE login = '$USER'")" "1 2"
login newbie3 "$USER" "$UPW3"
t_is "their own password no longer works" "$HTTP_STATUS" 422
login newbie3 "$USER" "$UPW2"
t_is "the reset one does" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
http_get newbie3 "$INT_URL/inbox" >/dev/null
t_is "but only to change it again" "$HTTP_STATUS $HTTP_LOCATION" "303 /password"

# --- the levels can be renamed (and are put back) --------------------------------
old_levels=$(sql_int "SELECT GROUP_CONCAT(name ORDER BY level SEPARATOR ',') FROM region_level")
IFS=, read -r L1 L2 L3 L4 <<<"$old_levels"
http_post admin "$INT_URL/admin/levels" "csrf=$CSRF" "name1=市" "name2=县" "name3=镇" "name4=镇" >/dev/null
t_is "two levels with one name are refused with 422" "$HTTP_STATUS" 422
http_post admin "$INT_URL/admin/levels" "csrf=$CSRF" "name1=市" "name2=县" "name3=镇" "name4=村" >/dev/null
t_is "the admin renames the levels 市 → 县 → 镇 → 村" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/levels?saved=1"
t_is "stored" "$(sql_int "SELECT GROUP_CONCAT(name ORDER BY level SEPARATOR ',') FROM region_level")" "市,县,镇,村"
http_post admin "$INT_URL/admin/levels" "csrf=$CSRF" "name1=$L1" "name2=$L2" "name3=$L3" "name4=$L4" >/dev/null
t_is "and back" "$(sql_int "SELECT GROUP_CONCAT(name ORDER BY level SEPARATOR ',') FROM region_level")" "$old_levels"

# --- the audit trail ------------------------------------------------------------
t_is "audit: the 嘎查 was added" "$(audit_of "region:$GC")" "org.region.add"
t_is "audit: its hall was added" "$(audit_of "hall:$HALL")" "org.hall.add"
t_is "audit: the department was added" "$(audit_of "dept:$DEPT")" "org.dept.add"
t_is "audit: the window was added" "$(audit_of "window:$DEPT/$WIN")" "org.window.add"
t_is "audit: the user was added, given roles and a password, changed it, was deactivated, reset, reactivated" \
	"$(staff_audit "$USER")" \
	"$ADMIN:org.staff.add,$SEC:org.staff.roles,$SEC:org.staff.password,$USER:org.staff.password.change,$ADMIN:org.staff.deactivate,$SEC:org.staff.password,$ADMIN:org.staff.reactivate,$SEC:org.staff.roles"
renamed=0
for pair in "$L1 市" "$L2 县" "$L3 镇" "$L4 村"; do
	[[ ${pair% *} == "${pair#* }" ]] || renamed=$((renamed + 2))
done
t_is "audit: each level renamed away and back" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'org.level' AND id > (SELECT MAX(id) FROM audit WHERE object = 'staff:$USER')")" "$renamed"
t_unlike "audit: no password in any detail" "$(sql_int "SELECT detail FROM audit WHERE object = 'staff:$USER'")" "$UPW|$UPW2|$UPW3"
t_is "audit: the chain is unbroken (each row names the one before)" \
	"$(sql_int "SELECT COUNT(*) FROM audit a JOIN audit b ON b.id = (SELECT MAX(id) FROM audit c WHERE c.id < a.id) WHERE a.prev_hash <> b.hash")" 0
login auditor "$AUDITOR" "$PW"
t_is "the audit administrator logs in (to the audit trail)" "$HTTP_STATUS $HTTP_LOCATION" "303 /audit"
http_get auditor "$INT_URL/audit?object=staff:$USER" >/dev/null
t_is "the audit page answers" "$HTTP_STATUS" 200
t_like "and lists the deactivation" "$HTTP_BODY" '停用账号'
t_like "and the security administrator's reset" "$HTTP_BODY" "设置临时密码"
http_get auditor "$INT_URL/audit?before=abc" >/dev/null
t_is "a bad page key is 400" "$HTTP_STATUS" 400
http_get auditor "$INT_URL/audit?kind=nonsense" >/dev/null
t_is "an unknown kind is 400" "$HTTP_STATUS" 400
http_get clerk "$INT_URL/audit" >/dev/null
t_is "a clerk cannot read the audit trail" "$HTTP_STATUS" 403
http_get admin "$INT_URL/audit" >/dev/null
t_is "nor can the system administrator" "$HTTP_STATUS" 403
http_get admin "$INT_URL/admin/audit" >/dev/null
t_is "whose old audit page is gone" "$HTTP_STATUS" 404

# The test stack is shared by the scripts that follow, and slice.sh counts the
# demo's staff: the account made here goes (its audit rows stay, as they must).
sql_int "DELETE FROM session WHERE user_id = (SELECT id FROM staff WHERE login = '$USER'); DELETE FROM staff WHERE login = '$USER'"

t_done
