#!/usr/bin/env bash
# bench/supervision.sh: the intranet's pages at a province's load (issue
# #8 "Scale"): the supervision dashboard (GET /sup), its lists of red
# lights and of a department's cases in processing (GET /sup/cases), a
# case's supervision page (GET /sup/case), the operations record (GET
# /sup/ops), a department's performance page (GET /sup/perf/dept?code=
# SCJGJ), a handler's worklist (GET /inbox) and two case searches (GET
# /case/search), measured with wrk at 10,000 generated cases and again at
# N (1,000,000 by default), in one run.  Prints p50 and p99 of each, the
# ratio N/10k of each, and the dashboard's p50 beside its target (100
# ms); the generation's rate, the time `demo-history --verify` takes at
# each size, and whether the dashboard's summary, kept by the triggers
# as the rows went in, equals a recount (dash-rebuild --check).  The
# figure that means the same on any machine is the ratio: both sizes are
# measured here, now.  Nothing is asserted.
#
#   bench/supervision.sh [--cases N] [SECONDS] [CONNECTIONS]
#                                          (defaults 1000000, 10 and 1)
#
# The history is `yiwang-admin demo-history` (cgi/domain/history.h): the
# first 10,000 cases over the last three years, the newest of them still
# open at every step; the rest are the same county's earlier years
# (--before 365), all decided.  So the worklist holds the same open cases
# at both sizes and what grows is the history it must not read.  Any
# generated history already there is removed first, and left at the end
# (remove it with demo-history --remove).
#
# Needs the demo stack (./run up); starts it when it does not answer.
# YIWANG_INT_URL and YIWANG_INT_CONF point it at another intranet (for
# example the test stack: https://127.0.0.1:18081 and
# var/test/int/yiwang.conf), and then it starts nothing.  Latency is measured with one connection by
# default: the time a page takes, not a queue.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
cases=1000000
if [[ ${1:-} == --cases ]]; then
	cases=$2
	shift 2
fi
secs=${1:-10}
conns=${2:-1}
url=${YIWANG_INT_URL:-https://127.0.0.1:8081}
conf=${YIWANG_INT_CONF:-$PWD/var/int/yiwang.conf}
# The stack's own CA (YIWANG_CA for another), whatever CURL_CA_BUNDLE
# the environment sets for the rest of the world.
export CURL_CA_BUNDLE=${YIWANG_CA:-$(dirname "$(dirname "$conf")")/tls/ca.crt}
admin() { build/yiwang-admin -c "$conf" "$@"; }
sql() {
	mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$(dirname "$conf")/mysqld.sock" -uroot -N -B yiwang -e "$1"
}
((cases > 10000)) || { echo "--cases: more than 10000" >&2; exit 64; }
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_stack "${YIWANG_INT_URL:-}" "$url"

# A bulk load writes large transactions: a redo log of 1 GiB keeps the
# server from checkpointing in the middle of each (dynamic since 10.9).
sql "SET GLOBAL innodb_log_file_size = 1073741824" 2>/dev/null || true

# page NAME COOKIE PATH: "p50 p99" of GET PATH (ms), "not built" when it
# answers 404, "error NNN" for any other status than 200.
page() {
	local code
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "$url$3")
	if [[ $code == 404 ]]; then echo "not built"; return; fi
	if [[ $code != 200 ]]; then echo "error $code"; return; fi
	wrk -t1 -c"$conns" -d"${secs}s" --latency -H "Cookie: $2" "$url$3" | wrk_ms
}

# Two searches of the department's cases: by a part of the applicant's
# name (王: about one case in seventy of the department's), and all
# approved ones, newest first.  The first reads until it has a page, all
# of the department's cases when there are fewer (at 10,000 there are).
names=(dashboard red dept-open sup-case ops perf worklist search list)
paths=(/sup "/sup/cases?light=red" "/sup/cases?dept=SCJGJ&state=processing"
	"/sup/case?id=" /sup/ops "/sup/perf/dept?code=SCJGJ" /inbox
	"/case/search?go=1&name=%E7%8E%8B" "/case/search?go=1&state=approved")
# measure SIZE: one line per page into $work/SIZE.
measure() {
	local sup hdl i who
	sup=$(bench_login "$url" zhaoyanhong)
	hdl=$(bench_login "$url" wangzhiqiang)
	# The newest generated case of the department, for /sup/case.
	paths[3]="/sup/case?id=$(sql "SELECT MAX(k.id) FROM kase k JOIN item i ON i.id = k.item_id WHERE k.demo = 1 AND i.dept_code = 'SCJGJ'")"
	for i in "${!names[@]}"; do
		who=$sup
		[[ ${names[i]} == worklist || ${names[i]} == search ||
			${names[i]} == list ]] && who=$hdl
		printf '%s %s\n' "${names[i]}" "$(page "${names[i]}" "$who" "${paths[i]}")"
	done >"$work/$1"
}

# verify: how long demo-history --verify takes over what is there.
verify() {
	local t0 t1 ok=consistent
	t0=$(date +%s.%N)
	admin demo-history --verify >/dev/null || ok=INCONSISTENT
	t1=$(date +%s.%N)
	awk -v n="$(sql "SELECT COUNT(*) FROM kase WHERE demo = 1")" -v a="$t0" \
	    -v b="$t1" -v ok="$ok" 'BEGIN {
		printf "  demo-history --verify over %d cases: %.1f s (%s)\n", n, b - a, ok }'
}

echo "supervision and worklists at 10,000 and $cases cases, ${secs}s a page, $conns connection(s), wrk 1 thread"
admin demo-history --remove >/dev/null
bench_history "$conf" 10000 --seed 1
verify
measure small
bench_history "$conf" $((cases - 10000)) --before 365 --seed 2
verify
admin dash-rebuild --check >/dev/null 2>&1 && agree=yes || agree=NO
echo "  dashboard summary kept by the triggers = recount (dash-rebuild --check): $agree"
measure large
printf '  %-10s %22s %22s %12s\n' page "p50 / p99 at 10,000" "p50 / p99 at $cases" "ratio p50"
for n in "${names[@]}"; do
	read -r _ a b < <(grep "^$n " "$work/small")
	read -r _ c d < <(grep "^$n " "$work/large")
	if [[ $a == not || $c == not ]]; then
		printf '  %-10s %s\n' "$n" "not built (404)"
	elif [[ $a == error || $c == error ]]; then
		printf '  %-10s %s / %s\n' "$n" "$a $b" "$c $d"
	else
		awk -v n="$n" -v a="$a" -v b="$b" -v c="$c" -v d="$d" 'BEGIN {
			printf "  %-10s %10.1f / %7.1f ms %10.1f / %7.1f ms %11.2fx\n",
			    n, a, b, c, d, c / a }'
	fi
done
read -r _ dash _ < <(grep '^dashboard ' "$work/large")
if [[ $dash != not && $dash != error ]]; then
	awk -v p="$dash" -v n="$cases" 'BEGIN {
		printf "  dashboard p50 at %d cases: %.1f ms against the target of 100 ms (%s)\n",
		    n, p, p <= 100 ? "within" : "over" }'
fi
