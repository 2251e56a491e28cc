#!/usr/bin/env bash
# bench/submit.sh: applications a second (issue #12 "Submissions", P3):
# N clients, each an applicant of their own, submit the 食品经营许可 form
# (152502-SCJG-XK-001, one required material) with a PDF of 1 MiB,
# different in every application, as fast as the site answers, for S
# seconds: GET /apply for the form's one-time key, then the multipart
# POST.  Acknowledged = the 303 to the receipt.  Afterwards every
# acknowledged number is checked: its row in the database with its
# material of the same SHA-256, and the file in the store.  The
# reference, in the same run: the same clients writing the same bytes to
# files with fsync (dd conv=fsync), one file an application, for the
# same time.  Prints applications/s, files/s of the reference and their
# ratio; the target is 150 applications a second.
#
#   bench/submit.sh [--small] [CLIENTS] [SECONDS]     (defaults 8 and 20;
#                                                    --small: 2 and 2)
#
# Exit 1 when an acknowledged application is missing or incomplete, or
# when nothing was acknowledged.  The extranet must not limit POST /apply
# from 127.0.0.1: the test stack exempts it (run's LIMIT_EXEMPT), the demo
# stack does not (its limit is 10 a minute an address), so this runs
# against the test stack: YIWANG_EXT_URL and YIWANG_EXT_CONF (default
# https://127.0.0.1:18080 and var/test/ext/yiwang.conf; start it with
# ./run start --test).  The applicants it makes (152502198801010xxx,
# 测试提交N) stay; their daily quota (SEC-8) is cleared as they go.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
small=0
if [[ ${1:-} == --small ]]; then
	small=1
	shift
fi
clients=${1:-$( ((small)) && echo 2 || echo 8)}
secs=${2:-$( ((small)) && echo 2 || echo 20)}
url=${YIWANG_EXT_URL:-https://127.0.0.1:18080}
conf=${YIWANG_EXT_CONF:-$PWD/var/test/ext/yiwang.conf}
var=$(dirname "$conf")
export CURL_CA_BUNDLE=${YIWANG_CA:-$(dirname "$var")/tls/ca.crt}
code=152502-SCJG-XK-001
sql() {
	mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$var/mysqld.sock" -uroot -N -B yiwang -e "$1"
}
curl -sf -o /dev/null "$url/login" || { echo "$url does not answer" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seq=$(sql "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id
	WHERE i.code = '$code' AND i.status = 'published' AND m.required = 1")
[[ $seq =~ ^[0-9]+$ ]] || { echo "$code: not one required material" >&2; exit 1; }

# A PDF of exactly 1 MiB: one page and a stream of filler; the 12 digits
# after "(no " in its /Title are the one thing a client changes in it,
# in place, so that each application's file is new bytes.
python3 - "$work/template.pdf" <<'EOF'
import sys
objs = [b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 5 0 R>>",
        b"<</Title(no 000000000000)>>"]
head = b"%PDF-1.4\n"
def build(filler):
    out, offs = bytearray(head), []
    body = objs + [b"<</Length %d>>\nstream\n" % len(filler) + filler +
                   b"\nendstream"]
    for i, o in enumerate(body):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<</Size %d/Root 1 0 R/Info 4 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, x)
    return bytes(out)
n = 1 << 20
size = len(build(b""))
line = b"0 0 m 1 1 l S\n"
filler = (line * (n // len(line) + 1))[:n - size - 40]
pdf = build(filler)
pdf = build(filler + b"%" * (n - len(pdf) - 1) + b"\n")
assert len(pdf) == n, len(pdf)
open(sys.argv[1], "wb").write(pdf)
EOF
off=$(grep -abo '(no 000000000000)' "$work/template.pdf" | cut -d: -f1)
off=$((off + 4))
bytes=$(stat -c %s "$work/template.pdf")

idno_of() { # N: a valid ID number of the demo region, applicant N
	local body=152502198801010 i s=0 n
	local -a w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
	n=$body$(printf '%02d' "$1")
	for ((i = 0; i < 17; i++)); do s=$((s + ${n:i:1} * w[i])); done
	printf '%s%s\n' "$n" "$(cut -c$((s % 11 + 1)) <<<'10X98765432')"
}
for ((n = 1; n <= clients; n++)); do
	YIWANG_PASSWORD=Yiwang@2026 build/yiwang-admin -c "$conf" citizen-add \
		"$(idno_of "$n")" "测试提交$n" "$(printf '139479%05d' "$n")" >/dev/null 2>&1 || true
done

# client N: log in, then submit until $work/stop; "APP_NO SHA256" of each
# acknowledged application into $work/acked.N.
client() {
	local n=$1 jar=$work/jar.$1 pdf=$work/m.$1.pdf i=0 page csrf key loc sha
	cp "$work/template.pdf" "$pdf"
	csrf=$(curl -sf -c "$jar" -b "$jar" "$url/login" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" --data-urlencode "id_number=$(idno_of "$n")" \
		--data-urlencode "password=Yiwang@2026" --data-urlencode "next=/my" "$url/login"
	: >"$work/acked.$n"
	# At least one try each, however short the time.
	while [[ ! -e $work/stop ]] || ((i == 0)); do
		i=$((i + 1))
		printf '%06d%06d' "$n" "$i" | dd of="$pdf" bs=1 seek="$off" \
			conv=notrunc status=none
		page=$(curl -s -L -c "$jar" -b "$jar" "$url/apply?code=$code")
		csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' <<<"$page" | head -1)
		key=$(sed -n 's/.*name="form_key" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
		loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
			-H "Origin: $url" -F "csrf=$csrf" -F "form_key=$key" -F "code=$code" \
			-F "m$seq=@$pdf;type=application/pdf" "$url/apply")
		if [[ $loc == "303 "*"/receipt?no="* ]]; then
			sha=$(sha256sum "$pdf" | cut -d' ' -f1)
			printf '%s %s\n' "${loc##*=}" "$sha" >>"$work/acked.$n"
		else
			echo "${loc%% *}" >>"$work/refused.$n"
		fi
	done
}

# reference N: the same bytes to a file with fsync, a file a round.
reference() {
	local n=$1 i=0
	mkdir -p "$var/files/bench-ref.$n"
	until [[ -e $work/stop ]]; do
		i=$((i + 1))
		dd if="$work/template.pdf" of="$var/files/bench-ref.$n/$i" bs=1M \
			conv=fsync status=none
		rm -f "$var/files/bench-ref.$n/$((i - 1))"
		echo >>"$work/ref.$n"
	done
	rm -rf "$var/files/bench-ref.$n"
}

# run FUNCTION: the clients for $secs seconds; prints the seconds taken.
run() {
	local pids=() t0 t1 n
	rm -f "$work/stop"
	t0=$(date +%s.%N)
	for ((n = 1; n <= clients; n++)); do
		"$1" "$n" &
		pids+=($!)
	done
	# The day's quota (20 a day an account) would stop the applicants.
	for ((s = 0; s < secs * 2; s++)); do
		sleep 0.5
		sql "DELETE q FROM submit_quota q JOIN citizen c ON c.id = q.citizen_id
			WHERE c.name LIKE '测试提交%'" 2>/dev/null || true
	done
	touch "$work/stop"
	wait "${pids[@]}"
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
}

t_app=$(run client)
cat "$work"/acked.* >"$work/acked"
acked=$(wc -l <"$work/acked")
refused=$(shopt -s nullglob; cat /dev/null "$work"/refused.* | sort | uniq -c |
	awk '{ printf "%s%s×%s", s, $2, $1; s = ", " }')
t_ref=$(run reference)
ref=$(cat "$work"/ref.* | wc -l)

# Every acknowledged application: its row, its material, its file.
missing=0
if ((acked > 0)); then
	list=$(cut -d' ' -f1 "$work/acked" | sed "s/.*/'&'/" | paste -sd,)
	rows=$(sql "SELECT COUNT(*) FROM application WHERE app_no IN ($list)")
	mats=$(sql "SELECT COUNT(*) FROM attachment WHERE app_no IN ($list)
		AND material_seq = $seq")
	while read -r _ sha; do
		[[ -f $var/files/${sha:0:2}/${sha:2:2}/$sha ]] || missing=$((missing + 1))
	done <"$work/acked"
	same=$(while read -r app sha; do
		echo "('$app', '$sha')"
	done <"$work/acked" | paste -sd, | sed 's/^/SELECT COUNT(*) FROM attachment WHERE (app_no, sha256) IN (/; s/$/)/')
	same=$(sql "$same")
else
	rows=0 mats=0 same=0
fi
printf 'submissions: %d clients, %d s, a PDF of %d bytes an application (%s)\n' \
	"$clients" "$secs" "$bytes" "$code"
awk -v n="$acked" -v t="$t_app" -v r="$ref" -v u="$t_ref" 'BEGIN {
	a = n / t; f = r / u
	printf "  acknowledged: %d in %.1f s: %.1f applications/s (target 150)\n", n, t, a
	printf "  reference, the same bytes written with fsync, a file each: %.1f files/s\n", f
	printf "  ratio applications/files: %.3f\n", (f > 0 ? a / f : 0) }'
[[ -z $refused ]] || echo "  not acknowledged (HTTP status×count): $refused"
echo "  durable: $rows of $acked in the database, $mats with their material, $same of the same SHA-256, $missing files missing"
((acked > 0 && rows == acked && mats == acked && same == acked && missing == 0))
