#!/usr/bin/env bash
# bench/gap.sh: export and import of one large bundle (GAP-6, issue #9):
# throughput (MB/s, records/s) and peak resident memory of `yiwang-gap
# export` on the extranet and `yiwang-gap import` on the intranet, against
# `openssl` encrypting (AES-256-CTR: `openssl enc` has no GCM) and hashing
# (SHA-256) the same attachment bytes in the same run, one after the other,
# as the ceiling.  Prints both, their ratio (target >= 0.5) and the peak
# RSS of each (target: importer <= 64 MiB), PASS or FAIL for each target.
# Beside the ceiling, in the same run: the intranet's clamd scanning the
# same files alone (INSTREAM one after the other, and FILDES as many at
# once as the importer judges), each from an empty cache (clamd RELOAD),
# the import against the ceiling plus that scan, and the CPU seconds of
# the importer, of the reader alone and of clamd: how much of the import
# is the scanner's own speed.
#
#   bench/gap.sh [MIB]        (default 1000: a bundle just under 1 GiB,
#                              the default bundle_max)
#   bench/gap.sh --small      64 MiB, as t/integration/gap-bench.sh runs it
#
# The bundle holds one 补正材料 record (application.correct) per PDF of
# 10,000,000 bytes (under the default max_upload) for the intranet's case
# $GAP_BENCH_APP (default: its newest case), each file in the extranet's
# store and its record in the outbox as if the extranet had written them
# (t/lib.sh outbox_ext).  The case waits for no correction, so the import
# sets each record aside (GAP-5) after checking, scanning and judging every
# file by content and adopting it: the whole path a bundle takes, less the
# domain's update.  What was pending before is carried first, so the
# bundle measured holds only these.  The records stay set aside: run it on
# a test or demo stack, never on a site in service.
#
# GAP_BENCH_PREFIX: the stack (default var, the demo stack; the test
# stack is var/test).  Needs /usr/bin/time (Debian package time), socat
# and python3 (FILDES).
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
mib=${1:-1000}
[[ $mib == --small ]] && mib=64
prefix=${GAP_BENCH_PREFIX:-var}
build=${GAP_BENCH_BUILD:-build}
ext=$prefix/ext/yiwang.conf
int=$prefix/int/yiwang.conf
fsize=10000000
n=$(((mib * 1048576 + fsize - 1) / fsize))

[[ -f $ext && -f $int ]] || { echo "no stack under $prefix: ./run up (or GAP_BENCH_PREFIX)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
sql() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$prefix/$1/mysqld.sock" -uroot -N -B yiwang -e "$2"; }
gap() { "$build/yiwang-gap" -c "$prefix/$1/yiwang.conf" "${@:2}"; }
tmp=$prefix/tmp/gap-bench.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# Everything pending crosses first (bundles imported before are skipped).
gap ext export >/dev/null 2>&1 || (($? == 3))
for b in "$prefix"/ext/bundles/*.ywb; do
	[[ -f $b ]] && gap int import "$b" >/dev/null 2>&1 || true
done

app=${GAP_BENCH_APP:-$(sql int "SELECT app_no FROM kase ORDER BY id DESC LIMIT 1")}
[[ -n $app ]] || { echo "the intranet has no case to name: submit an application first" >&2; exit 1; }
item=$(sql int "SELECT item_id FROM kase WHERE app_no = '$app'")
mseq=$(sql int "SELECT MIN(seq) FROM item_material WHERE item_id = $item")
mname=$(sql int "SELECT name FROM item_material WHERE item_id = $item AND seq = $mseq")

# n distinct PDFs of fsize bytes: a page, and a stream of random bytes
# that nothing refers to (as incompressible as a scanned image).
perl -e '
	my ($dir, $n, $size) = @ARGV;
	open(my $r, "<:raw", "/dev/urandom") or die;
	for my $i (1 .. $n) {
		my @o = ("<</Type/Catalog/Pages 2 0 R>>",
		    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
		    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>");
		my $head = "%PDF-1.4\n";
		my ($out, @off) = ($head);
		for my $k (0 .. $#o) {
			push @off, length $out;
			$out .= ($k + 1) . " 0 obj\n$o[$k]\nendobj\n";
		}
		my $tail_est = 200;
		my $len = $size - length($out) - 60 - $tail_est;
		read($r, my $bytes, $len) == $len or die;
		push @off, length $out;
		$out .= "4 0 obj\n<</Length $len>>stream\n$bytes\nendstream\nendobj\n";
		my $xref = length $out;
		$out .= "xref\n0 5\n0000000000 65535 f \n";
		$out .= sprintf("%010d 00000 n \n", $_) for @off;
		$out .= "trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n$xref\n%%EOF\n";
		$out .= "%" . ("x" x ($size - length($out) - 2)) . "\n" if length $out < $size - 2;
		open(my $f, ">:raw", sprintf("%s/%05d.pdf", $dir, $i)) or die;
		print $f $out;
		close $f;
	}' "$tmp" "$n" "$fsize"

# Into the extranet's store and outbox (t/lib.sh outbox_ext).
dir=$(sed -n 's/^files_dir *= *//p' "$ext")
owner=$(stat -c %U:%G "$dir")
at=$(date -u '+%Y-%m-%d %H:%M:%S')
bytes=0
{
	for f in "$tmp"/*.pdf; do
		sha=$(sha256sum "$f" | cut -d' ' -f1)
		size=$(stat -c %s "$f")
		bytes=$((bytes + size))
		install -d -o "${owner%:*}" -g "${owner#*:}" -m 750 "$dir/${sha:0:2}" "$dir/${sha:0:2}/${sha:2:2}"
		install -o "${owner%:*}" -g "${owner#*:}" -m 600 "$f" "$dir/${sha:0:2}/${sha:2:2}/$sha"
		rec=$(printf '{"type":"application.correct","app_no":"%s","at":"%s","attachments":[{"material_seq":%s,"material_name":"%s","file_name":"bench.pdf","sha256":"%s","size":%s,"mime":"application/pdf"}],"files":["%s"]}' \
			"$app" "$at" "$mseq" "$mname" "$sha" "$size" "$sha")
		printf "INSERT INTO gap_outbox (kind, body, created_at) VALUES ('application.correct', '%s', UTC_TIMESTAMP());\n" "$rec"
	done
} >"$tmp/queue.sql"
mariadb --no-defaults --default-character-set=utf8mb4 --socket="$prefix/ext/mysqld.sock" -uroot yiwang <"$tmp/queue.sql"

# timed OUT CMD…: run CMD under /usr/bin/time; "seconds peak-KiB user-s
# system-s" in OUT (CPU of CMD and the children it waited for).
timed() {
	local out=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$out" "$@"
}
# The intranet's clamd's CPU seconds so far (all its threads): what it
# spends on the import's files is the difference around the import.
clamd_pid=$(cat "$prefix/int/clamd.pid" 2>/dev/null || true)
clamd_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' \
		"/proc/$clamd_pid/stat" 2>/dev/null || echo 0
}
sync
timed "$tmp/t.export" "$build/yiwang-gap" -c "$ext" export >"$tmp/export.out" 2>"$tmp/export.err" ||
	{ cat "$tmp/export.err" >&2; exit 1; }
bundle=$(tail -n 1 "$tmp/export.out")
records=$(grep -o '[0-9]* 条记录' "$tmp/export.err" | head -1 | cut -d' ' -f1)
bsize=$(stat -c %s "$bundle")
# The reader alone (signature, digests, decryption, unpacking; nothing
# staged, scanned or written): what of the import is the format's.
timed "$tmp/t.verify" "$build/yiwang-gap" -c "$int" verify "$bundle" >"$tmp/verify.out" 2>&1 ||
	{ cat "$tmp/verify.out" >&2; exit 1; }
k0=$(clamd_cpu)
timed "$tmp/t.import" "$build/yiwang-gap" -c "$int" import "$bundle" >"$tmp/import.out" 2>&1 ||
	{ cat "$tmp/import.out" >&2; exit 1; }
k1=$(clamd_cpu)
# The ceiling, over the same bytes, from the page cache as the tools read.
timed "$tmp/t.enc" sh -c "cat $tmp/*.pdf | openssl enc -aes-256-ctr -K $(printf '%064d' 7) -iv $(printf '%032d' 9) >/dev/null"
timed "$tmp/t.dgst" sh -c "cat $tmp/*.pdf | openssl dgst -sha256 >/dev/null"
# Not in the ceiling but in every import: the receiving site's clamd
# scanning the very same files alone, one after the other by INSTREAM (the
# bytes through the socket), then by FILDES as the importer hands them to
# it (the open file passed over the socket, read by clamd where it lies),
# as many at once as the importer has judges (a core each, at most 4); and
# the disc writing as many bytes as the bundle has, synced (as the exporter
# writes it and the importer stages it).  clamd keeps a cache of what it
# has scanned, the files and what it takes out of them (a PDF's streams,
# each scanned again), so each scan starts on an empty cache: RELOAD of
# this stack's own clamd (run it on a test or demo stack only).
sock=$(sed -n 's/^clamd_socket *= *//p' "$int")
clamd_log=$prefix/int/clamd/clamd.log
clamd_fresh() {
	local before i
	before=$(grep -c 'Database correctly reloaded' "$clamd_log" || true)
	printf 'zRELOAD\0' | socat -t 5 - "UNIX-CONNECT:$sock" >/dev/null
	for i in $(seq 200); do
		(($(grep -c 'Database correctly reloaded' "$clamd_log" || true) > before)) && return 0
		sleep 0.1
	done
	echo "clamd did not reload (its cache would make the scan look cheap)" >&2
	exit 1
}
scan_all() {
	local f
	for f in "$tmp"/*.pdf; do
		{ printf 'zINSTREAM\0'; perl -e 'open(F, "<:raw", $ARGV[0]) or die;
			while (my $n = read(F, my $b, 1048576)) { print pack("N", $n), $b }
			print pack("N", 0)' "$f"; } |
			socat -t 120 - "UNIX-CONNECT:$sock" | tr '\0' '\n'
	done
}
export -f scan_all
export tmp sock
clamd_fresh
k2=$(clamd_cpu)
timed "$tmp/t.scan" bash -c 'scan_all >"$tmp/scan.out"'
k3=$(clamd_cpu)
[[ $(grep -c ': OK$' "$tmp/scan.out") == "$n" ]] || { echo "clamd did not scan every file:" >&2; cat "$tmp/scan.out" >&2; exit 1; }
judges=$(nproc)
((judges > 4)) && judges=4
((judges < 2)) && judges=1
clamd_fresh
k4=$(clamd_cpu)
timed "$tmp/t.scanfd" sh -c "ls '$tmp'/*.pdf | xargs -P $judges -n 1 python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
fd = os.open(sys.argv[2], os.O_RDONLY)
s.sendall(b\"zFILDES\\0\")
socket.send_fds(s, [b\"\\0\"], [fd])
r = b\"\"
while not r.endswith(b\"\\0\"):
	b = s.recv(512)
	if not b: break
	r += b
print(r.decode().rstrip(\"\\0\"))' '$sock' >'$tmp/scanfd.out'"
k5=$(clamd_cpu)
[[ $(grep -c ': OK$' "$tmp/scanfd.out") == "$n" ]] || { echo "clamd did not scan every file by FILDES:" >&2; cat "$tmp/scanfd.out" >&2; exit 1; }
timed "$tmp/t.disc" dd if=/dev/zero of="$tmp/disc" bs=1M count=$(((bsize + 1048575) / 1048576)) conv=fsync status=none
rm -f "$tmp/disc"

read -r e_s e_kb _ _ <"$tmp/t.export"
read -r i_s i_kb i_us i_ss <"$tmp/t.import"
read -r v_s v_kb v_us v_ss <"$tmp/t.verify"
read -r c_enc _ <"$tmp/t.enc"
read -r c_dgst _ <"$tmp/t.dgst"
read -r c_scan _ <"$tmp/t.scan"
read -r c_scanfd _ <"$tmp/t.scanfd"
read -r c_disc _ <"$tmp/t.disc"
awk -v b="$bytes" -v bs="$bsize" -v r="$records" -v es="$e_s" -v ek="$e_kb" \
	-v is="$i_s" -v ik="$i_kb" -v vs="$v_s" -v vk="$v_kb" -v ce="$c_enc" -v cd="$c_dgst" -v sc="$c_scan" -v di="$c_disc" -v n="$n" \
	-v sf="$c_scanfd" -v j="$judges" -v ius="$i_us" -v iss="$i_ss" -v vus="$v_us" -v vss="$v_ss" \
	-v k0="$k0" -v k1="$k1" -v k2="$k2" -v k3="$k3" -v k4="$k4" -v k5="$k5" '
	function mbs(s) { return s > 0 ? b / 1e6 / s : 0 }
	function max(a, c) { return a > c ? a : c }
	BEGIN {
		c = ce + cd; if (c <= 0) c = 0.01
		es = max(es, 0.01); is = max(is, 0.01); vs = max(vs, 0.01)
		printf "bundle: %d records, %d attachments, %.1f MB of attachments, %.1f MiB on disc\n", r, n, b / 1e6, bs / 1048576
		printf "  ceiling (openssl enc aes-256-ctr + dgst sha256): %6.2f s  %7.1f MB/s\n", c, mbs(c)
		printf "  export:  %6.2f s  %7.1f MB/s  %7.1f records/s  peak RSS %6.1f MiB  ratio %.2f\n", es, mbs(es), r / es, ek / 1024, c / es
		printf "  import:  %6.2f s  %7.1f MB/s  %7.1f records/s  peak RSS %6.1f MiB  ratio %.2f\n", is, mbs(is), r / is, ik / 1024, c / is
		printf "  verify:  %6.2f s  %7.1f MB/s  %7.1f records/s  peak RSS %6.1f MiB  ratio %.2f (the reader alone)\n", vs, mbs(vs), r / vs, vk / 1024, c / vs
		printf "  beside the ceiling, in the same run: clamd scanning the same files alone, one after the other by INSTREAM %.2f s (%.1f MB/s), by FILDES %d at once as the importer does %.2f s (%.1f MB/s); the disc writing as many bytes (dd, fsync) %.2f s (%.1f MB/s)\n", sc, mbs(sc), j, sf, mbs(sf), di, mbs(di)
		printf "  import against the ceiling plus the scan (INSTREAM, one by one): ratio %.2f; against the ceiling plus the scan as the importer does it (FILDES, %d at once): ratio %.2f; export against the ceiling plus the disc: ratio %.2f\n", (c + sc) / is, j, (c + sf) / is, (c + di) / es
		printf "  CPU seconds: importer %.2f (the reader alone, as verify: %.2f; the rest is staging, libmagic, qpdf, the records), its clamd %.2f; clamd alone on the same files %.2f one after the other, %.2f by FILDES\n", ius + iss, vus + vss, k1 - k0, k3 - k2, k5 - k4
		printf "  target ratio >= 0.5: export %s, import %s\n", c / es >= 0.5 ? "PASS" : "FAIL", c / is >= 0.5 ? "PASS" : "FAIL"
		printf "  target importer RSS <= 64 MiB: %s (exporter %.1f MiB)\n", ik <= 65536 ? "PASS" : "FAIL", ek / 1024
	}'
