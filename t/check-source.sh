#!/bin/sh
# check-source.sh: cheap checks that keep the promises of STYLE.md, run by
# `make check`: SQL only in the domain modules, no raw template output, no
# POST route without CSRF, no traceback helper, no promise of an SMS,
# logins on their own workers.  Prints TAP.
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
check "no page promises an SMS (ACC-1: verification comes later)" \
    "$(grep -rn '短信' templates htdocs)"
check "the key-deriving routes go to their own worker pool (SEC-8)" \
    "$(for r in '"POST /login" yw_kdf' '"POST /register" yw_kdf'; do
	grep -qF "$r" conf/nginx.conf.in || echo "conf/nginx.conf.in: no $r"
    done)"
echo "1..$n"
exit $fail
