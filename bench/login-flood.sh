#!/usr/bin/env bash
# bench/login-flood.sh: does a flood of logins starve the other pages?
# (SEC-8, finding F5).  Each login derives a scrypt key (128 MiB, about
# 0.3 s of one core); the site bounds how many run at once (a worker pool
# of their own), so logins queue and the home page keeps answering.
#
# Measures the extranet home page (GET /) with wrk, first on a quiet site,
# then while FLOODERS clients post wrong passwords to /login as fast as
# they are answered, in the same run, and prints both and their ratio.
# Every login comes from another loopback address (127.x.y.z), as from a
# crowd of machines, so nginx's per-address limits do not stop the flood
# and what is measured is the bound on key derivations behind them.
#
#   bench/login-flood.sh [SECONDS] [FLOODERS] [URL]
#       defaults 10, 8 and the demo extranet https://127.0.0.1:8080
#
# With the demo URL it starts the demo stack when it does not answer.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
flooders=${2:-8}
url=${3:-https://127.0.0.1:8080}
# The demo's local CA (./run makes it); the test stack sets its own.
export CURL_CA_BUNDLE=${CURL_CA_BUNDLE:-$PWD/var/tls/ca.crt}
conns=4
# Nobody's ID number: every attempt still derives a key (a miss costs the
# same whatever the account), and no real account gets locked.
idno=152502190001010000

if ! curl -sf -o /dev/null "$url/"; then
	[[ $url == https://127.0.0.1:8080 ]] || { echo "$url does not answer" >&2; exit 1; }
	./run up >/dev/null
fi
tmp=$(mktemp -d)
trap 'touch "$tmp/stop"; wait; rm -rf "$tmp"' EXIT

# run_wrk: prints "requests/s p50 p99 timeouts" of GET / (wrk prints us,
# ms or s; converted to ms).  A request unanswered after 5 s is a timeout,
# not in the percentiles.
run_wrk() {
	wrk -t1 -c"$conns" -d"${secs}s" --timeout 5s --latency "$url/" | awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /s$/) return v * 1000
			return v
		}
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = ms($2) }
		/^ +99%/ { p99 = ms($2) }
		/timeout [0-9]+/ { sub(/.*timeout /, ""); to = $0 + 0 }
		END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, to }'
}

# flooder N: wrong passwords until the stop file appears; one status code
# a line into $tmp/codes.N (422: refused after a key derivation, which is
# what loads the site).  A pre-session token of our own choosing is the
# CSRF token, as for any first visit (the cookie's name has the __Host-
# prefix over TLS).
flooder() {
	local n=$1 tok addr
	tok=$(printf '%064x' "$n")
	while [[ ! -e $tmp/stop ]]; do
		addr=127.$((RANDOM % 250 + 2)).$((RANDOM % 256)).$((RANDOM % 254 + 1))
		curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 \
			--interface "$addr" -b "__Host-yw_pre=$tok" \
			--data "csrf=$tok&id_number=$idno&password=wrong-$RANDOM" \
			"$url/login" >>"$tmp/codes.$n" || echo 000 >>"$tmp/codes.$n"
	done
}

read -r q_rps q_p50 q_p99 q_to < <(run_wrk)
for ((i = 1; i <= flooders; i++)); do
	flooder "$i" &
done
sleep 2	# let the queue of logins form
start=$(date +%s.%N)
read -r f_rps f_p50 f_p99 f_to < <(run_wrk)
touch "$tmp/stop"
wait
end=$(date +%s.%N)

logins=$(cat "$tmp"/codes.* | wc -l)
codes=$(cat "$tmp"/codes.* | sort | uniq -c | awk '{ printf "%s%s×%s", sep, $2, $1; sep = ", " }')
printf 'home page (GET /) of %s, %ss, %d connections; %d login flooders\n' "$url" "$secs" "$conns" "$flooders"
printf '  quiet:        %6.0f req/s  p50 %7.2f ms  p99 %7.2f ms  timeouts %d\n' "$q_rps" "$q_p50" "$q_p99" "$q_to"
printf '  under flood:  %6.0f req/s  p50 %7.2f ms  p99 %7.2f ms  timeouts %d\n' "$f_rps" "$f_p50" "$f_p99" "$f_to"
awk -v q="$q_p99" -v f="$f_p99" -v q5="$q_p50" -v f5="$f_p50" \
	'BEGIN { printf "  ratio flood/quiet: p50 %.2f, p99 %.2f\n", f5 / q5, f / q }'
awk -v n="$logins" -v s="$start" -v e="$end" -v c="$codes" \
	'BEGIN { printf "  logins answered: %d in %.1f s (%.1f/s): %s\n", n, e - s + 2, n / (e - s + 2), c }'
