#!/usr/bin/env bash
# check-source.sh: cheap checks that keep the promises of STYLE.md, run by
# `make check`: SQL only in the domain modules, no raw template output, no
# POST route without CSRF, no traceback helper, every record kind that
# crosses the gap received through the one table, each administrator's
# powers in their own pages, no promise of an SMS, logins on their own
# workers.  Prints TAP.
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
# ClearSilver escapes var: only (Config.VarEscapeMode=html).  Every other
# way it prints (alt:, uvar:, name:, lvar:/evar: which also run the value
# as a template, an include: or linclude: of a name from data but the
# page the code names in Page.Template, an escape: block) is refused,
# but alt:/uvar: of a key ending _html, which the server built from
# escaped parts (F2).  A var: whose expression calls an escaping
# function is not escaped again as a whole, so "url_escape(a) + b" would
# print b raw: such a function must be the whole expression.
check "templates print only escaped (var:, or alt:/uvar: of *_html keys)" \
    "$(find templates -name '*.cs' | sort | xargs perl -0777 -ne '
	my $f = $ARGV;
	while (/<\?cs(.*?)\?>/sg) {
		my ($tag, $at) = ($1, $-[0]);
		my $line = 1 + (substr($_, 0, $at) =~ tr/\n//);
		(my $t = $tag) =~ s/^\s+|\s+$//g;
		next if $t =~ /^#/;
		my $bad;
		if ($t =~ /^(alt|uvar)\s*!?:\s*(.*)$/s) {
			$bad = 1 unless $2 =~ /^[A-Za-z0-9_.]+_html$/;
		} elsif ($t =~ /^(lvar|evar|name|escape)\b/) {
			$bad = 1;
		} elsif ($t =~ /^linclude\s*!?:\s*(.*)$/s) {
			$bad = 1 unless $1 eq "Page.Template";
		} elsif ($t =~ /^include\s*!?:\s*(.*)$/s) {
			$bad = 1 unless $1 =~ /^"[^"]*"$/ || $1 eq "Page.Template";
		} elsif ($t =~ /^set\s*:\s*Config\./) {
			$bad = 1;
		} elsif ($t =~ /^var\s*!?:\s*(.*)$/s) {
			my $e = $1;
			if ($e =~ /\b(url_escape|html_escape|js_escape|url_validate)\s*\(/) {
				# the call must span the whole expression
				$bad = 1;
				if ($e =~ /^\w+\s*\((.*)\)$/s) {
					my ($d, $ok) = (0, 1);
					for my $c (split //, $1) {
						$d++ if $c eq "(";
						$d-- if $c eq ")";
						$ok = 0 if $d < 0;
					}
					$bad = 0 if $ok && $d == 0;
				}
			}
		}
		print "$f:$line: <?cs$tag?>\n" if $bad;
	}')"
# The exceptions: the statistics' charts, which barchart_svg() draws
# with every text escaped (cgi/domain/barchart.h; t/unit/test_barchart),
# and a sealed document's QR code, which qr_svg() draws of modules alone,
# no byte of its text (cgi/core/qrsvg.h; t/unit/test_docsig).
check "no _html key is set from C but the charts and QR codes drawn as SVG" \
    "$(grep -rn '_html"' cgi/ | grep -v '^cgi/pages/int_perf.c:[0-9]*:	hdf_set(r, "Chart.svg_html", barchart_svg(' |
	grep -v '^cgi/pages/view.c:[0-9]*:	hdf_set(r, "Doc.Seal.qr_html", qr_svg(' |
	grep -v '^cgi/pages/int_intake.c:[0-9]*:		hdf_put(r, "Receipt", "qr_html", svg);')"
check "every POST route checks the CSRF token" \
    "$(grep -nE '\{ *"POST"' cgi/pages/routes.c | grep -v R_CSRF)"
check "no cgi_neo_error (it prints tracebacks to users)" \
    "$(grep -rn 'cgi_neo_error\|cgi_display' cgi/)"
check "the sites connect as their own accounts, not the database's root (SEC-5)" \
    "$(grep -nE '^db_user *= *root' conf/*.in)"
check "./run starts no server as root on purpose (SEC-5)" \
    "$(grep -n -- '--user=root\|--auth-root-authentication-method=normal' run)"
# A ledger: a table whose rows a trigger keeps from UPDATE.  Its COMMENT
# must say insert-only (the grants follow it) and its rows be chained.
ledgers=$(sed -n 's/^CREATE TRIGGER [a-z_]* BEFORE UPDATE ON \([a-z_]*\) .*/\1/p' db/*.sql | sort -u)
check "every table kept insert-only by a trigger is marked insert-only (SEC-3)" \
    "$(for t in $ledgers; do
	grep -qE "(ALTER TABLE $t COMMENT = |COMMENT=)'insert-only:" db/*.sql ||
	    echo "$t: no COMMENT 'insert-only: …'"
    done)"
# A generated case's rows join its demo chain (chain_for_case); the
# generator links many rows at once (chain_bulk_begin, history.c).
check "rows of the chained ledgers are written through chain_link (SEC-3)" \
    "$(for t in $(sed -n 's/.*\[CHAIN_[A-Z_]*\] = { "\([a-z_]*\)".*/\1/p' \
	cgi/domain/chain.c); do
	for f in $(grep -lE "INSERT INTO $t |INTO TABLE $t " cgi/domain/*.c); do
		grep -qE "(chain_link|chain_for_case|chain_bulk_begin)\(.*CHAIN_(DEMO_)?$(echo "$t" | tr a-z A-Z)" "$f" ||
		    echo "$f: INSERT INTO $t without chain_link"
	done
    done)"
# SEC-5: ID numbers and mobiles rest sealed (cgi/core/pii.h); the clear
# columns are read only by the step that seals them (sealed.c) and are gone
# after migration 081.  So no other SQL names them.
check "no SQL names a clear id_number or mobile column, only their sealed forms (SEC-5)" \
    "$(for f in cgi/domain/*.c; do
	[ "$f" = cgi/domain/sealed.c ] && continue
	awk -v f="$f" '
	    /^static const char SQL_[A-Z_0-9]*\[\] =/ || /^#define [A-Z_]*COLS / { sql = 1 }
	    sql && /[^a-z_](id_number|mobile)[^a-z_]/ { print f ":" FNR ": " $0 }
	    sql && (/;$/ || (/^#define|^\t"/ && !/\\$/)) { sql = 0 }' "$f"
    done)"
check "the renderer sets Config.VarEscapeMode" \
    "$(grep -q 'Config.VarEscapeMode' cgi/core/request.c || echo missing)"
check "files are judged by files_vet() (type, PDF structure, malware), never with libmagic alone" \
    "$(grep -nE 'magic_(open|buffer|file|descriptor)\(' cgi/*/*.c | grep -v '^cgi/core/files.c')"
check "no file of ours holds the EICAR test string whole (scanners quarantine it)" \
    "$(grep -rlF 'EICAR''-STANDARD-ANTIVIRUS' --exclude-dir=.git --exclude-dir=var \
    --exclude-dir='build*' . 2>/dev/null)"
check "every kind of record sent across the gap has its row (site, validator, apply) in gap.c" \
    "$(grep -ohE '"type", "[a-z.]+"' cgi/domain/*.c | sed 's/^"type", //' |
    sort -u | while read -r k; do
	grep -qF "{ $k, SITE_" cgi/gap/gap.c || echo "$k: no row in kinds[]"
    done)"
check "records are dispatched by the kinds table only (no if-chain on type)" \
    "$(grep -nE 'strcmp\(type, "' cgi/gap/*.c)"
# 三员分立 (SEC-7): roles by name in templates; one page reads the audit
# trail, one page family sets roles and passwords.
check "templates test roles as User.Role.<word>, not arithmetic on a mask" \
    "$(grep -rnE 'User\.Roles|Roles *%' templates)"
check "only the audit administrator's page reads the audit trail" \
    "$(grep -nE 'audit_list\(' cgi/pages/*.c cgi/gap/*.c | grep -v '^cgi/pages/int_audit.c')"
# Every action written to the audit trail (SEC-3), as literals near each
# audit call and as case.<transition>, has a label and a kind (a prefix)
# on the audit administrator's page, so it shows and filters.
check "every audit action has its label and kind on the audit page" \
    "$(kinds=$(grep -oE '^[[:space:]]*\{ "[a-z.]+\.", "' cgi/pages/int_audit.c | cut -d'"' -f2)
    { for f in cgi/domain/*.c cgi/gap/*.c; do
	awk '/audit_(add|json)\(|finish\(db, pool, rc, actor|action = "/ { n = 3 }
	    n > 0 { print; n-- }' "$f"
    done | grep -oE '"[a-z]+\.[a-z][a-z.-]*"' | tr -d '"'
    grep -oE '^[[:space:]]*\{ "[a-z]+", "' cgi/domain/flow.c | cut -d'"' -f2 | sed 's/^/case./'
    } | sort -u | while read -r a; do
	grep -qF "{ \"$a\", \"" cgi/pages/int_audit.c || echo "$a: no label in int_audit.c"
	k=no; for p in $kinds; do case $a in "$p"*) k=yes;; esac; done
	[ $k = yes ] || echo "$a: no kind in int_audit.c"
    done)"
check "only the security administrator's pages set roles and passwords" \
    "$(grep -nE 'org_staff_(roles|password)\(' cgi/pages/*.c | grep -v '^cgi/pages/int_secadmin.c')"
check "nginx listens with TLS only, 1.2 and 1.3 (SEC-1, SEC-5)" \
    "$(grep -nE '^ *listen ' conf/nginx.conf.in | grep -v ' ssl;'
    grep -nE '^ *ssl_protocols ' conf/nginx.conf.in | grep -vE 'ssl_protocols TLSv1\.2 TLSv1\.3;$'
    grep -q '^ *ssl_protocols ' conf/nginx.conf.in || echo 'no ssl_protocols')"
check "the shipped site config sets Secure cookies" \
    "$(grep -q '^cookie_secure = 1$' conf/site.conf.in || echo 'conf/site.conf.in: no cookie_secure = 1')"
# The pages whose SMS is sent (NTF-1, ACC-1; t/integration/sms.sh; an
# agent's consent code and its form, AGT-1, t/integration/agent.sh; the
# window's claim page tells of /reset's code, hall-claim.sh; the staff's
# reminders, t/integration/remind.sh): any other page that speaks of 短信
# promises what may not exist.
check "only pages whose SMS is sent speak of it (NTF-1, ACC-1, AGT-1)" \
    "$(grep -rln '短信' templates htdocs | grep -vE '^templates/(ext/(register|register-code|sms-dev|reset|reset-code|login|login-code|agent_consent|apply|app)|int/(account|admin_staff_edit|hall_claim))\.cs$')"
check "the key-deriving routes go to their own worker pool (SEC-8)" \
    "$(for r in '"POST /login" yw_kdf' '"POST /register" yw_kdf'; do
	grep -qF "$r" conf/nginx.conf.in || echo "conf/nginx.conf.in: no $r"
    done)"
# A gap.aside record (GAP-5) may name a record of any kind of gap.c's
# table, and only those: records.c lists them for its validator.
check "records.c's record_types are the kinds of gap.c's table" \
    "$(kinds=$(grep -oE '^[[:space:]]*\{ "[a-z.]+", SITE_' cgi/gap/gap.c |
	grep -oE '"[a-z.]+"' | sort -u)
    listed=$(sed -n '/record_types\[\] = {/,/};/p' cgi/gap/records.c |
	grep -oE '"[a-z.]+"' | sort -u)
    [ -n "$kinds" ] || echo "cgi/gap/gap.c: no kinds found"
    [ "$kinds" = "$listed" ] || { echo "gap.c: $kinds" | tr '\n' ' ';
	echo; echo "records.c: $listed" | tr '\n' ' '; })"
# The gap operator's manual (GAP-6) names every command of the tool's
# usage line and every exit status it returns.
check "man/yiwang-gap.1 documents every command and exit status" \
    "$(cmds=$(sed -n '/fputs("usage: yiwang-gap/,/stderr);/p' \
	cgi/bin/yiwang_gap.c | tr -d '\n\t' | sed 's/"[[:space:]]*"//g' |
	grep -oE 'usage: yiwang-gap [^\\]*' | sed 's/^[^]]*]//' |
	tr '|' '\n' | awk '{ print $1 }')
    [ -n "$cmds" ] || echo "cgi/bin/yiwang_gap.c: no usage line found"
    for c in $cmds; do
	sed -n '/^\.SH COMMANDS/,/^\.SH OPTIONS/p' man/yiwang-gap.1 |
	    grep -qE "^\.BI? \"?$c( |\"|\$)" ||
	    echo "man/yiwang-gap.1: no command $c"
    done
    for s in $(grep -oE '= [0-9]+,' cgi/gap/gap.h | tr -dc '0-9\n') 64; do
	grep -qE "^\.B $s\$" man/yiwang-gap.1 ||
	    echo "man/yiwang-gap.1: no exit status $s"
    done)"
# The administrators' manual (issue #12) names every command yiwang-admin
# dispatches, and so does its usage text.
check "man/yiwang-admin.8 and usage() name every command yiwang-admin runs" \
    "$(cmds=$(grep -oE 'strcmp\(cmd, "[a-z][a-z0-9-]*"\)' \
	cgi/bin/yiwang_admin.c | sed 's/.*"\(.*\)".*/\1/' | sort -u)
    [ -n "$cmds" ] || echo "cgi/bin/yiwang_admin.c: no command found"
    use=$(sed -n '/fputs("usage: yiwang-admin/,/stderr);/p' \
	cgi/bin/yiwang_admin.c)
    for c in $cmds; do
	sed -n '/^\.SH COMMANDS/,/^\.SH EXIT STATUS/p' man/yiwang-admin.8 |
	    grep -qE "^\.B[IR]? \"?$c( |\"|\$)" ||
	    echo "man/yiwang-admin.8: no command $c"
	printf '%s\n' "$use" | grep -qE "\"  $c( |\\\\n)" ||
	    echo "yiwang_admin.c usage(): no command $c"
    done)"
# The seal manual (DOC-1) names every option of seal-key and verify-doc
# that yiwang-admin's usage lists, and verify-doc's exit statuses.
check "man/yiwang-admin-seal.1 documents seal-key and verify-doc" \
    "$(opts=$(grep -oE '"  (seal-key|verify-doc)[^"]*' cgi/bin/yiwang_admin.c |
	grep -oE -- '--[a-z]+' | sort -u)
    [ -n "$opts" ] || echo "cgi/bin/yiwang_admin.c: no seal-key usage found"
    for o in $opts; do
	grep -qF -- "\\-\\-${o#--}" man/yiwang-admin-seal.1 ||
	    echo "man/yiwang-admin-seal.1: no $o"
    done
    for s in 0 1 2; do
	grep -qE "^\.B $s\$" man/yiwang-admin-seal.1 ||
	    echo "man/yiwang-admin-seal.1: no exit status $s"
    done)"
echo "1..$n"
exit $fail
