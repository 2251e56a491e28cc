#!/usr/bin/env bash
# bench/guide.sh: the item guide page (办事指南), the extranet's most visited
# page, measured with wrk against nginx serving a static copy of the same
# HTML from the same server in the same run, in its two ways (issue #12):
# made for the request (as for a visitor with a session cookie: here one no
# longer good, so the page is the anonymous one) and kept by the worker for
# visitors without a session (cgi/pages/ext_cache.c); and the login page
# (GET /login, kept too, with each visitor's own form token put in).
# Prints the four and the ratio of each to static, so the figures mean
# the same on any machine.
#
#   bench/guide.sh [SECONDS] [CONNECTIONS]     (defaults 10 and 32)
#
# Needs the demo stack (./run up); starts it when it does not answer.
# YIWANG_EXT_URL and BENCH_DIR point it at another extranet and the
# directory its nginx serves as /bench-static/; curl checks the site's
# certificate against $CURL_CA_BUNDLE (the demo's local CA by default).
# All figures are over TLS (wrk keeps its connections open, so they
# measure requests, not handshakes).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-32}
url=${YIWANG_EXT_URL:-https://127.0.0.1:8080}
export CURL_CA_BUNDLE=${CURL_CA_BUNDLE:-$PWD/var/tls/ca.crt}
dir=${BENCH_DIR:-var/ext/bench}
code=152502-SCJG-XK-001
# A session cookie of no session, under both of its names: the page is
# made for the request and not kept.
made='Cookie: yw_sid=0; __Host-yw_sid=0'

curl -sf -o /dev/null "$url/guide?code=$code" || ./run up >/dev/null
mkdir -p "$dir"
curl -sf "$url/guide?code=$code" >"$dir/guide.html"
curl -sf -H "$made" "$url/guide?code=$code" | cmp -s - "$dir/guide.html" || {
	echo "the kept guide is not the guide made afresh" >&2
	exit 1
}
curl -sf -o /dev/null "$url/bench-static/guide.html" || {
	echo "nginx does not serve /bench-static/: run ./run up to reload its config" >&2
	exit 1
}

# run_wrk URL [HEADER]: prints "requests/s p50 p99 non-2xx" from one run.
run_wrk() {
	wrk -t2 -c"$conns" -d"${secs}s" --latency ${2:+-H "$2"} "$1" | awk '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 }
		/^ +99%/ { p99 = $2 }
		/Non-2xx/ { bad = $NF }
		END { print rps, p50, p99, bad + 0 }'
}

bytes=$(wc -c <"$dir/guide.html")
read -r m_rps m_p50 m_p99 m_bad < <(run_wrk "$url/guide?code=$code" "$made")
read -r k_rps k_p50 k_p99 k_bad < <(run_wrk "$url/guide?code=$code")
read -r l_rps l_p50 l_p99 l_bad < <(run_wrk "$url/login")
read -r s_rps s_p50 s_p99 _ < <(run_wrk "$url/bench-static/guide.html")
printf 'guide page (%d bytes), %ss, %d connections, 2 wrk threads\n' "$bytes" "$secs" "$conns"
printf '  made (FastCGI + MariaDB + ClearSilver):  %10.0f req/s  p50 %-8s p99 %-8s non-2xx %d\n' \
	"$m_rps" "$m_p50" "$m_p99" "$m_bad"
printf '  kept by the worker (no session cookie):  %10.0f req/s  p50 %-8s p99 %-8s non-2xx %d\n' \
	"$k_rps" "$k_p50" "$k_p99" "$k_bad"
printf '  login page (kept, a form token each):    %10.0f req/s  p50 %-8s p99 %-8s non-2xx %d\n' \
	"$l_rps" "$l_p50" "$l_p99" "$l_bad"
printf '  static copy from the same nginx:         %10.0f req/s  p50 %-8s p99 %s\n' \
	"$s_rps" "$s_p50" "$s_p99"
awk -v m="$m_rps" -v k="$k_rps" -v l="$l_rps" -v s="$s_rps" 'BEGIN {
	printf "  ratio made/static: %.3f   kept/static: %.3f   login/static: %.3f\n",
	    m / s, k / s, l / s }'
