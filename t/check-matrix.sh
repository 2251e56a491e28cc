#!/bin/sh
# check-matrix.sh: the access matrix, t/access-matrix.txt, has one line for
# each route the program has and for nothing else, so that no route is
# added without saying who may use it (SEC-2, SEC-7; docs/security.md, "The
# access matrix").  The routes are the program's own: t/tools/route_table
# prints routes[] of cgi/pages/routes.c.  Run by `make check` (from the
# build directory) and by t/integration/access-matrix.sh.  Prints TAP.
#
#	check-matrix.sh [ROUTE_TABLE [MATRIX]]
top=${top_srcdir:-$(dirname "$0")/..}
tool=${1:-./t/tools/route_table}
matrix=${2:-$top/t/access-matrix.txt}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! "$tool" >"$tmp/out"; then
	echo "not ok 1 - $tool prints the route table"
	echo "1..1"
	exit 1
fi
awk -F '\t' '{ print $1 " " $2 " " $3 }' "$tmp/out" | sort >"$tmp/routes"
awk '!/^[ \t]*(#|$)/ { print $1 " " $2 " " $3 }' "$matrix" | sort >"$tmp/lines"
sort -u "$tmp/lines" >"$tmp/once"
# What each check finds wrong, one file a check: empty when it holds.
comm -23 "$tmp/routes" "$tmp/once" >"$tmp/1"
comm -13 "$tmp/routes" "$tmp/once" >"$tmp/2"
uniq -d "$tmp/lines" >"$tmp/3"
fail=0
for t in "1 every route of the program has its line in the access matrix" \
    "2 every line of the access matrix is a route of the program" \
    "3 no route has two lines in the access matrix"; do
	n=${t%% *}
	if [ -s "$tmp/$n" ]; then
		echo "not ok $n - ${t#* }"
		sed 's/^/#   /' "$tmp/$n"
		fail=1
	else
		echo "ok $n - ${t#* }"
	fi
done
echo "1..3"
exit $fail
