#!/usr/bin/env bash
# bench/audit-lock.sh: do writers still queue one at a time? (SEC-3; issue
# #12 "Scale": "every audited write locks the last audit row and every
# submission the day's counter row, so writers queue one at a time").
# Both ways in the same run on the test stack of YIWANG_TEST_PORT (which
# ./run test made): "serial" as before migration 285 (audit_stripes = 1,
# app_no_gapless = 1: one audit chain, the number inside the transaction),
# "striped" as now (eight stripes, the number in a statement of its own).
#
#   bench/audit-lock.sh [WRITERS] [PER] [ROUNDS]     defaults 16 100 3
#
# WRITERS processes (t/tools/write_bench), a connection each, run PER
# transactions each as a submission makes them: the day's application
# number, an audit row, commit.  ROUNDS rounds, serial and striped in
# turn, first with the test stack's commits (not flushed to disk), then
# durable as a production site commits (innodb_flush_log_at_trx_commit = 1
# and sync_binlog = 1, set for the run).  Prints, for each, the median
# round's transactions a second, p50 and p99 of a transaction's time (ms,
# over every round: the wait), and the ratio of the throughputs.
#
#   bench/audit-lock.sh --http [WRITERS] [PER]       defaults 16 10
#
# The whole submission over HTTP: WRITERS applicants (accounts, addresses
# and cookie jars of their own) each submit PER applications with a small
# PDF as fast as they are answered, the extranet restarted with a worker a
# writer, serial then striped.  Prints submissions a second, the POST's
# p50 and p99, and the ratio.
#
# The stack is left stopped, its config as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
http=0
if [[ ${1:-} == --http ]]; then
	http=1
	shift
fi
writers=${1:-16}
per=${2:-$((http ? 10 : 100))}
rounds=${3:-3}
port=${YIWANG_TEST_PORT:-18080}
url=https://127.0.0.1:$port
var=$PWD/var/test
conf=$var/ext/yiwang.conf
export CURL_CA_BUNDLE=$var/tls/ca.crt
code=152502-SCJG-XK-001
pw=Yiwang@2026
if ! [[ -s $conf ]]; then
	echo "no test stack in var/test: run ./run test first" >&2
	exit 1
fi
tmp=$(mktemp -d)
cp "$conf" "$tmp/conf"
finish() {
	cp "$tmp/conf" "$conf"
	./run down test >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap finish EXIT

sql() {
	mariadb --no-defaults --socket="$var/ext/mysqld.sock" -uroot -N -B \
		yiwang -e "$1"
}
# idno SEVENTEEN: with its check digit (GB 11643).
idno() {
	local s=$1 c=10X98765432 i sum=0
	local -a w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
	for ((i = 0; i < 17; i++)); do sum=$((sum + ${s:i:1} * w[i])); done
	printf '%s%s\n' "$s" "${c:sum % 11:1}"
}
# field NAME: the value of the first input NAME of the HTML on stdin.
# who I: applicant I's ID number.
who() { idno "15250219860202$((300 + $1))"; }
field() {
	grep -o "name=\"$1\"[^>]*value=\"[^\"]*\"" | head -1 |
		sed 's/.*value="//; s/"$//'
}

# A small one-page PDF, as the upload checks want it.
pdf=$tmp/a.pdf
python3 - "$pdf" <<'EOF'
import sys
objs = ["<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]
out = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o.encode())
x = len(out)
out += b"xref\n0 4\n0000000000 65535 f \n"
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % x
open(sys.argv[1], "wb").write(out)
EOF

# start [EXTRA-CONF-LINES]: the stack, its extranet with a worker a writer.
start() {
	cp "$tmp/conf" "$conf"
	[[ -z ${1:-} ]] || printf '%s\n' "$1" >>"$conf"
	./run down test >/dev/null 2>&1 || true
	YIWANG_FCGI_WORKERS=$writers ./run start --test >/dev/null 2>&1
}

# login I: applicant I's session in $tmp/jar.I.
login() {
	local i=$1 jar=$tmp/jar.$1 csrf
	local -a c=(-sS -b "$jar" -c "$jar" --interface "127.0.0.$((60 + i))")
	csrf=$(curl "${c[@]}" "$url/login" | field csrf)
	curl "${c[@]}" -o /dev/null -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" \
		--data-urlencode "id_number=$(who "$i")" \
		--data-urlencode "password=$pw" --data-urlencode "next=/my" \
		"$url/login"
}

# writer I: PER submissions; a line "status seconds" each into $tmp/lat.I.
writer() {
	local i=$1 jar=$tmp/jar.$1 n page csrf key out
	local -a ip=(--interface "127.0.0.$((60 + i))")
	for ((n = 0; n < per; n++)); do
		page=$(curl -sS -L -b "$jar" -c "$jar" "${ip[@]}" \
			"$url/apply?code=$code")
		csrf=$(field csrf <<<"$page")
		key=$(field form_key <<<"$page")
		out=$(curl -sS -o /dev/null -b "$jar" -c "$jar" "${ip[@]}" \
			-H "Origin: $url" -w '%{http_code} %{time_total}' \
			--form-string "csrf=$csrf" \
			--form-string "form_key=$key" \
			--form-string "code=$code" \
			-F "m1=@$pdf;type=application/pdf" \
			"$url/apply")
		printf '%s\n' "$out" >>"$tmp/lat.$i"
	done
}

# phase NAME CONF-LINES: prints "NAME per-second p50 p99 stored of-total".
phase() {
	local i t0 t1
	start "$2"
	sql "DELETE FROM submit_quota"
	rm -f "$tmp"/lat.*
	t0=$(date +%s%N)
	for ((i = 1; i <= writers; i++)); do writer "$i" & done
	wait
	t1=$(date +%s%N)
	cat "$tmp"/lat.* | awk -v name="$1" -v ns=$((t1 - t0)) '
		$1 == 303 { ok++; v[ok] = $2 * 1000 }
		END {
			n = asort(v)
			printf "%s %.1f %.0f %.0f %d %d\n", name,
			    ok / (ns / 1e9), v[int((n + 1) / 2)],
			    v[int(n * 0.99 + 0.999)], ok, NR
		}'
}

# tool MODE: "per-second p50 p99" of a write_bench run (ms); each
# transaction's time also into $tmp/all.MODE.
tool() {
	build/t/tools/write_bench "$conf" "$writers" "$per" "$1" >"$tmp/wb"
	if grep -q failed "$tmp/wb"; then
		echo "write_bench: $(grep -c failed "$tmp/wb") failed" >&2
	fi
	grep -E '^[0-9]+$' "$tmp/wb" >>"$tmp/all.$1"
	grep -E '^[0-9]+$' "$tmp/wb" | sort -n | awk -v \
	    wall="$(sed -n 's/^wall //p' "$tmp/wb")" '
		{ v[NR] = $1 }
		END { printf "%.0f\n", NR / (wall / 1e6) }'
}
# stats MODE RATES…: "median-rate p50 p99" of the rounds of MODE.
stats() {
	local mode=$1
	shift
	printf '%s\n' "$@" | sort -n | awk '{ r[NR] = $1 }
		END { printf "%s ", r[int((NR + 1) / 2)] }'
	sort -n "$tmp/all.$mode" | awk '{ v[NR] = $1 / 1000 }
		END { printf "%.1f %.1f\n", v[int((NR + 1) / 2)],
		    v[int(NR * 0.99 + 0.999)] }'
}
if ((!http)); then
	start ""
	for how in "test-stack" "durable"; do
		if [[ $how == durable ]]; then
			sql "SET GLOBAL innodb_flush_log_at_trx_commit = 1;
				SET GLOBAL sync_binlog = 1"
		fi
		rm -f "$tmp"/all.*
		serial=() striped=()
		for ((r = 0; r < rounds; r++)); do
			serial+=("$(tool serial)")
			striped+=("$(tool striped)")
		done
		{
			echo "serial $(stats serial "${serial[@]}")"
			echo "striped $(stats striped "${striped[@]}")"
		} | awk -v how="$how" -v w="$writers" -v p="$per" '
			{
				r[NR] = $2
				printf "%-10s %-7s %6d transactions/s", how, $1,
				    $2
				printf "  p50 %6.1f ms  p99 %6.1f ms\n", $3, $4
			}
			END {
				printf "%-10s ratio striped/serial: %.2f", how,
				    r[2] / r[1]
				printf " (%d writers, %d each)\n", w, p
			}'
	done
	exit 0
fi

start ""
for ((i = 1; i <= writers; i++)); do
	YIWANG_PASSWORD=$pw build/yiwang-admin -c "$conf" citizen-add \
		"$(who "$i")" "测试申请人$i" \
		"1394791$(printf '%04d' "$i")" >/dev/null
done
for ((i = 1; i <= writers; i++)); do login "$i"; done
before=$(phase serial $'audit_stripes = 1\napp_no_gapless = 1')
after=$(phase striped "")
printf '%s\n%s\n' "$before" "$after" | awk -v w="$writers" -v p="$per" '
	{
		r[NR] = $2
		printf "%-7s %7.1f submissions/s  p50 %5d ms  p99 %5d ms", \
		    $1, $2, $3, $4
		printf "  (%d of %d stored)\n", $5, $6
	}
	END {
		printf "ratio striped/serial: %.2f", r[2] / r[1]
		printf " (%d writers, %d submissions each)\n", w, p
	}'
