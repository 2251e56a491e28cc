#!/usr/bin/env bash
# bench/guide.sh: the item guide page (办事指南), the extranet's most visited
# page, measured with wrk against nginx serving a static copy of the same
# HTML from the same server in the same run.  Prints both and their ratio,
# so the figure means the same on any machine.
#
#   bench/guide.sh [SECONDS] [CONNECTIONS]     (defaults 10 and 32)
#
# Needs the demo stack (./run up); starts it when it does not answer.  Both
# figures are over TLS (wrk keeps its connections open, so they measure
# requests, not handshakes); curl checks the demo's local CA.
set -euo pipefail
cd "$(dirname "$0")/.."
export CURL_CA_BUNDLE=$PWD/var/tls/ca.crt
secs=${1:-10}
conns=${2:-32}
url=https://127.0.0.1:8080
code=152502-SCJG-XK-001

curl -sf -o /dev/null "$url/guide?code=$code" || ./run up >/dev/null
mkdir -p var/ext/bench
curl -sf "$url/guide?code=$code" >var/ext/bench/guide.html
curl -sf -o /dev/null "$url/bench-static/guide.html" || {
	echo "nginx does not serve /bench-static/: run ./run up to reload its config" >&2
	exit 1
}

# run_wrk URL: prints "requests/s p50 p99" from one wrk run.
run_wrk() {
	wrk -t2 -c"$conns" -d"${secs}s" --latency "$1" | awk '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 }
		/^ +99%/ { p99 = $2 }
		END { print rps, p50, p99 }'
}

bytes=$(wc -c <var/ext/bench/guide.html)
read -r d_rps d_p50 d_p99 < <(run_wrk "$url/guide?code=$code")
read -r s_rps s_p50 s_p99 < <(run_wrk "$url/bench-static/guide.html")
printf 'guide page (%d bytes), %ss, %d connections, 2 wrk threads\n' "$bytes" "$secs" "$conns"
printf '  dynamic (FastCGI + MariaDB + ClearSilver): %10.0f req/s  p50 %-8s p99 %s\n' "$d_rps" "$d_p50" "$d_p99"
printf '  static copy from the same nginx:          %10.0f req/s  p50 %-8s p99 %s\n' "$s_rps" "$s_p50" "$s_p99"
awk -v d="$d_rps" -v s="$s_rps" 'BEGIN { printf "  ratio dynamic/static: %.3f\n", d / s }'
