#!/bin/sh
# check-source.sh: cheap checks that keep the promises of STYLE.md, run by
# `make check`: SQL only in the domain modules, no raw template output, no
# POST route without CSRF, no traceback helper, each administrator's powers
# in their own pages.  Prints TAP.
top=${top_srcdir:-$(dirname "$0")/..}
cd "$top" || exit 1
n=0 fail=0
check() {	# check DESCRIPTION OUTPUT-OF-GREP
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "$2" | sed 's/^/#   /'
		fail=1
	fi
}
check "SQL text only in cgi/domain (and the db layer itself)" \
    "$(grep -nE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM) ' \
    cgi/core/*.c cgi/pages/*.c cgi/gap/*.c cgi/bin/*.c | grep -v '^cgi/core/db.c')"
check "no SQL built with printf" \
    "$(grep -nE 'printf\([^;]*(SELECT|INSERT|UPDATE|DELETE) ' cgi/*/*.c)"
check "templates never print unescaped (uvar/lvar/evar)" \
    "$(grep -rnE '<\?cs *(uvar|lvar|evar):' templates)"
check "every POST route checks the CSRF token" \
    "$(grep -nE '\{ *"POST"' cgi/pages/routes.c | grep -v R_CSRF)"
check "no cgi_neo_error (it prints tracebacks to users)" \
    "$(grep -rn 'cgi_neo_error\|cgi_display' cgi/)"
check "the renderer sets Config.VarEscapeMode" \
    "$(grep -q 'Config.VarEscapeMode' cgi/core/request.c || echo missing)"
# 三员分立 (SEC-7): roles by name in templates; one page reads the audit
# trail, one page family sets roles and passwords.
check "templates test roles as User.Role.<word>, not arithmetic on a mask" \
    "$(grep -rnE 'User\.Roles|Roles *%' templates)"
check "only the audit administrator's page reads the audit trail" \
    "$(grep -nE 'audit_list\(' cgi/pages/*.c cgi/gap/*.c | grep -v '^cgi/pages/int_audit.c')"
check "only the security administrator's pages set roles and passwords" \
    "$(grep -nE 'org_staff_(roles|password)\(' cgi/pages/*.c | grep -v '^cgi/pages/int_secadmin.c')"
echo "1..$n"
exit $fail
