# shellcheck shell=bash
# bench/lib.sh: what the benchmarks share.  Sourced from the tree's
# top; makes $work, a scratch folder removed on exit.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# bench_stack GIVEN URL…: when a site of URL… does not answer, start the
# demo stack (./run up), or, when GIVEN is not empty (another stack was
# named), say so and end.
bench_stack() {
	local given=$1 u
	shift
	for u; do
		curl -sf -o /dev/null "$u/login" && continue
		if [[ -n $given ]]; then
			echo "$u/login does not answer" >&2
			exit 1
		fi
		./run up >/dev/null
		return
	done
}

# bench_login URL LOGIN: a staff session on URL with the demo password;
# prints the Cookie header's value.
bench_login() {
	local jar=$work/jar.$2 csrf
	csrf=$(curl -sf -c "$jar" -b "$jar" "$1/login" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $1" \
		--data-urlencode "csrf=$csrf" --data-urlencode "login=$2" \
		--data-urlencode "password=Yiwang@2026" "$1/login"
	awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }
	    /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
}

# wrk_ms: of wrk --latency's report on standard input, "P50 P99" in
# milliseconds, or "error N" when N answers were not 2xx or 3xx.
wrk_ms() {
	awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /s$/) return v * 1000
			return v
		}
		/^ +50%/ { p50 = ms($2) }
		/^ +99%/ { p99 = ms($2) }
		/Non-2xx/ { bad = $NF }
		END { if (bad) print "error", bad; else printf "%.1f %.1f\n", p50, p99 }'
}

# bench_history CONF N ARGS…: demo-history generates N cases on the
# site of CONF; prints the rate.
bench_history() {
	local conf=$1 n=$2 t0 t1
	shift 2
	t0=$(date +%s.%N)
	build/yiwang-admin -c "$conf" demo-history --cases "$n" "$@" >/dev/null
	t1=$(date +%s.%N)
	awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN {
		printf "  generated %d cases in %.1f s: %.0f cases/s\n", n, b - a, n / (b - a) }'
}
