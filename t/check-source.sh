#!/bin/sh
# check-source.sh: cheap checks that keep the promises of STYLE.md, run by
# `make check`: SQL only in the domain modules, no raw template output, no
# POST route without CSRF, no traceback helper.  Prints TAP.
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
# as a template, linclude: of a name from data, an escape: block) is
# refused, but alt:/uvar: of a key ending _html, which the server built
# from escaped parts (F2).  A var: whose expression calls an escaping
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
			$bad = 1 unless $1 =~ /^"[^"]*"$/;
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
check "no _html key is set from C (no escaping helper for one exists yet)" \
    "$(grep -rn '_html"' cgi/)"
check "every POST route checks the CSRF token" \
    "$(grep -nE '\{ *"POST"' cgi/pages/routes.c | grep -v R_CSRF)"
check "no cgi_neo_error (it prints tracebacks to users)" \
    "$(grep -rn 'cgi_neo_error\|cgi_display' cgi/)"
check "the renderer sets Config.VarEscapeMode" \
    "$(grep -q 'Config.VarEscapeMode' cgi/core/request.c || echo missing)"
echo "1..$n"
exit $fail
