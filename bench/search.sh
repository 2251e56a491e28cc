#!/usr/bin/env bash
# bench/search.sh: keyword search (GET /search?q=…, CAT-3) measured with
# wrk, ten typical Chinese queries in turn, against nginx serving a static
# copy of one result page from the same server in the same run.  Prints
# both and their ratio, so the figure means the same on any machine.
#
#   bench/search.sh [SECONDS] [CONNECTIONS]     (defaults 10 and 32)
#
# Needs the demo stack (./run up); starts it when it does not answer.
# YIWANG_EXT_URL and BENCH_DIR point it at another extranet and the
# directory its nginx serves as /bench-static/; curl checks the site's
# certificate against $CURL_CA_BUNDLE (the demo's local CA by default).
# Both figures are over TLS (wrk keeps its connections open, so they
# measure requests, not handshakes).
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
secs=${1:-10}
conns=${2:-32}
url=${YIWANG_EXT_URL:-https://127.0.0.1:8080}
export CURL_CA_BUNDLE=${CURL_CA_BUNDLE:-$PWD/var/tls/ca.crt}
dir=${BENCH_DIR:-var/ext/bench}
words=(营业执照 身份证 结婚 出生 食品经营 低保 "宅基地 建房" 社保卡 退休 证)

# urlencode TEXT: every byte but unreserved ones as %XX.
urlencode() {
	local LC_ALL=C s=$1 i c out=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9.~_-]) out+=$c ;;
		*) printf -v c '%%%02X' "'$c" && out+=$c ;;
		esac
	done
	printf '%s\n' "$out"
}

first="/search?q=$(urlencode "${words[0]}")"
curl -sf -o /dev/null "$url$first" || ./run up >/dev/null
mkdir -p "$dir"
curl -sf "$url$first" >"$dir/search.html"
curl -sf -o /dev/null "$url/bench-static/search.html" || {
	echo "nginx does not serve /bench-static/: run ./run up to reload its config" >&2
	exit 1
}
grep -q 'class="card-title"' "$dir/search.html" || {
	echo "searching ${words[0]} finds nothing: is the catalogue indexed?" >&2
	exit 1
}

# wrk takes one URL; a script sends the queries in turn.
lua=$dir/search.lua
{
	echo 'local paths = {'
	for w in "${words[@]}"; do printf '  "/search?q=%s",\n' "$(urlencode "$w")"; done
	echo '}'
	echo 'local i = 0'
	echo 'request = function()'
	echo '  i = i % #paths + 1'
	echo '  return wrk.format("GET", paths[i])'
	echo 'end'
} >"$lua"

# run_wrk URL [SCRIPT]: prints "requests/s p50 p99" from one wrk run.
run_wrk() {
	wrk -t2 -c"$conns" -d"${secs}s" --latency ${2:+-s "$2"} "$1" | awk '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 }
		/^ +99%/ { p99 = $2 }
		/Non-2xx/ { bad = $NF }
		END { print rps, p50, p99, bad + 0 }'
}

bytes=$(wc -c <"$dir/search.html")
read -r d_rps d_p50 d_p99 d_bad < <(run_wrk "$url/" "$lua")
read -r s_rps s_p50 s_p99 _ < <(run_wrk "$url/bench-static/search.html")
printf 'search, %d queries in turn (first page %d bytes), %ss, %d connections, 2 wrk threads\n' \
	"${#words[@]}" "$bytes" "$secs" "$conns"
printf '  dynamic (FastCGI + MariaDB/Mroonga + ClearSilver): %10.0f req/s  p50 %-8s p99 %s\n' "$d_rps" "$d_p50" "$d_p99"
printf '  static copy from the same nginx:                   %10.0f req/s  p50 %-8s p99 %s\n' "$s_rps" "$s_p50" "$s_p99"
((d_bad == 0)) || printf '  WARNING: %d answers were not 2xx\n' "$d_bad"
awk -v d="$d_rps" -v s="$s_rps" 'BEGIN { printf "  ratio dynamic/static: %.3f\n", d / s }'
