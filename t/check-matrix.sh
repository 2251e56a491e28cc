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
n=0 fail=0
check() {	# check DESCRIPTION LINES-THAT-SHOULD-NOT-BE
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "$2" | sed 's/^/#   /'
		fail=1
	fi
}
if ! "$tool" >"$tmp/out"; then
	echo "not ok 1 - $tool prints the route table"
	echo "1..1"
	exit 1
fi
awk -F '\t' '{ print $1 " " $2 " " $3 }' "$tmp/out" | sort >"$tmp/routes"
awk '!/^[ \t]*(#|$)/ { print $1 " " $2 " " $3 }' "$matrix" | sort >"$tmp/lines"
sort -u "$tmp/lines" >"$tmp/once"
check "every route of the program has its line in the access matrix" \
    "$(comm -23 "$tmp/routes" "$tmp/once")"
check "every line of the access matrix is a route of the program" \
    "$(comm -13 "$tmp/routes" "$tmp/once")"
check "no route has two lines in the access matrix" "$(uniq -d "$tmp/lines")"
echo "1..$n"
exit $fail
