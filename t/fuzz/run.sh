#!/usr/bin/env bash
# t/fuzz/run.sh: build the fuzz targets into build-fuzz/, replay the saved
# crash inputs, fuzz each target for a while; one summary line per target;
# exit status 1 when a saved input still fails or fuzzing found a crash.
#
#	t/fuzz/run.sh [SECONDS [TARGET...]]	fuzz each target SECONDS
#						(default 60)
#	t/fuzz/run.sh bench			time big request bodies
#						(BENCH_SLOW=1: also 1 MiB of
#						one name, minutes)
#
# Targets (default: all eight):
#	request		fuzz_request with ASan, UBSan and LeakSanitizer
#	request_plain	the same without sanitizers: malloc hands a freed
#			address out again at once, as in production, which
#			state leaking through stale pointers needs (see
#			docs/fuzzing.md, the boundary cache)
#	multipart	fuzz_multipart: our multipart parser
#			(cgi/core/multipart.c) with ASan and UBSan, many
#			bodies through one parser, each parsed whole and
#			cut at random offsets; seeds in
#			t/fuzz/seeds/multipart/
#	bundle		fuzz_bundle
#	pdf		fuzz_pdf: the PDF checker over qpdf (uploads, bundle
#			attachments), with ASan and UBSan; seeds in
#			t/fuzz/seeds/pdf/ (one file of each kind of active
#			content), crash-* there replayed first
#	records		fuzz_records: the validators of records that cross
#			the gap (cgi/gap/records.c)
#	import		fuzz_import: the parser of case import lines (XCH-1,
#			cgi/domain/xchrow.c); seeds in t/fuzz/seeds/import/
#	image		fuzz_image: the header check of uploaded photos
#			(EXT-1, cgi/core/imgcheck.c); seeds in
#			t/fuzz/seeds/image/ (first byte: even PNG, odd JPEG)
#
# Inputs named t/fuzz/seeds/request/crash-* are replayed one by one before
# fuzzing (and left out of the seeds, or every run would stop at them).
# After a crash the fuzzer starts again, keeping its corpus, until the time
# is up: every finding is listed, with the saved input and the first line
# of the report.  The corpus grows in build-fuzz/corpus/ and is reused by
# the next run; crashing inputs land in build-fuzz/artifacts/<target>/,
# logs in build-fuzz/logs/.
#
# To run longer:
#	t/fuzz/run.sh 3600 request		an hour on one target
#	FUZZ_JOBS=4 t/fuzz/run.sh 3600 request	4 processes sharing the
#						corpus (libFuzzer -fork=4)
#	FUZZ_ARGS='-max_len=65536' t/fuzz/run.sh 600
#						more libFuzzer flags
#	REQUEST_C=path/to/request.c t/fuzz/run.sh 600 request
#						fuzz a changed request.c
#						(a proposed fix) in place of
#						cgi/core/request.c
# To replay one input, or a sequence in one process (libFuzzer runs the
# files in order, persistently):
#	build-fuzz/fuzz_request crash-... [next-input ...]
#	YW_FUZZ_VERBOSE=1 build-fuzz/fuzz_request input   (shows the parse)
set -u

TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/build-fuzz
CC=${CC:-clang}
SAN='-fsanitize=fuzzer,address,undefined'
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE"

cd "$TOP" || exit 2
mkdir -p "$OUT"

build_request() {
	# $1: sanitizers, $2: optimisation, $3: output
	# shellcheck disable=SC2046
	$CC -g "$2" -std=c11 -D_GNU_SOURCE "$1" \
	    -DTOP_SRCDIR=\""$TOP"\" -Icgi/core -I/usr/include/ClearSilver \
	    t/fuzz/fuzz_request.c "${REQUEST_C:-cgi/core/request.c}" \
	    cgi/core/arena.c cgi/core/pagecache.c \
	    cgi/core/multipart.c \
	    cgi/core/config.c cgi/core/utf8.c \
	    $(pkg-config --cflags --libs fcgi) \
	    -lneo_cgi -lneo_cs -lneo_utl -lz -o "$3"
}

# For timing: our code and the kit as in production (-O2, no coverage
# instrumentation); only the harness is built for libFuzzer.
build_bench() {
	local o=$OUT/bench-obj f
	mkdir -p "$o"
	for f in "${REQUEST_C:-cgi/core/request.c}" cgi/core/arena.c \
	    cgi/core/config.c cgi/core/utf8.c cgi/core/pagecache.c \
	    cgi/core/multipart.c; do
		# shellcheck disable=SC2046
		$CC -O2 -std=c11 -D_GNU_SOURCE -Icgi/core \
		    -I/usr/include/ClearSilver $(pkg-config --cflags fcgi) \
		    -c "$f" -o "$o/$(basename "$f" .c).o" || return 1
	done
	# shellcheck disable=SC2046
	$CC -g -O2 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer \
	    -DTOP_SRCDIR=\""$TOP"\" -Icgi/core -I/usr/include/ClearSilver \
	    t/fuzz/fuzz_request.c "$o/request.o" "$o/arena.o" "$o/config.o" \
	    "$o/utf8.o" "$o/pagecache.o" "$o/multipart.o" \
	    $(pkg-config --libs fcgi) -lneo_cgi -lneo_cs -lneo_utl -lz \
	    -o "$OUT/bench_request"
}

build_bundle() {
	# bundle.c syncs the stage with files.c, which brings the vetting's
	# libraries (libmagic, qpdf, clamd's client) along.
	# shellcheck disable=SC2046,SC2086
	$CC $CFLAGS $SAN -Icgi/core -Icgi/gap \
	    cgi/core/crypto.c cgi/core/crypto_sm.c cgi/core/files.c \
	    cgi/core/imgcheck.c \
	    cgi/core/arena.c cgi/core/log.c cgi/core/pdfcheck.c \
	    cgi/core/scan.c cgi/gap/bundle.c t/fuzz/fuzz_bundle.c \
	    $(pkg-config --cflags --libs libcrypto jansson libarchive \
	    libqpdf) -lmagic -o "$OUT/fuzz_bundle"
}

build_pdf() {
	# shellcheck disable=SC2046,SC2086
	$CC $CFLAGS $SAN -Icgi/core cgi/core/pdfcheck.c t/fuzz/fuzz_pdf.c \
	    $(pkg-config --cflags --libs libqpdf) -o "$OUT/fuzz_pdf"
}

build_multipart() {
	# shellcheck disable=SC2086
	$CC $CFLAGS $SAN -Icgi/core cgi/core/multipart.c cgi/core/utf8.c \
	    t/fuzz/fuzz_multipart.c -o "$OUT/fuzz_multipart"
}

build_image() {
	# shellcheck disable=SC2086
	$CC $CFLAGS $SAN -Icgi/core cgi/core/imgcheck.c t/fuzz/fuzz_image.c \
	    -o "$OUT/fuzz_image"
}

fuzz_image() {
	local rc=0
	mkdir -p "$OUT/corpus/image" "$OUT/tmp"
	replay_saved image t/fuzz/seeds/image || rc=1
	run_one image "$1" "$TOP" -max_len="${FUZZ_MAX_LEN:-4096}" \
	    "$OUT/corpus/image" t/fuzz/seeds/image || rc=1
	return $rc
}

# PDF syntax and the names pdfcheck.c reacts to, for libFuzzer's mutations
# (qpdf is not instrumented, so coverage alone would not find them).
write_pdf_dict() {
	cat >"$OUT/pdf.dict" <<'EOF'
"%PDF-1.4"
"%%EOF"
" obj"
"endobj"
"stream\x0a"
"\x0aendstream"
"xref"
"trailer"
"startxref"
" 0 R"
"<<"
">>"
"/Type"
"/Subtype"
"/Catalog"
"/Pages"
"/Page"
"/Kids"
"/Count"
"/Root"
"/Size"
"/Length"
"/Filter"
"/FlateDecode"
"/ObjStm"
"/XRef"
"/N"
"/First"
"/W"
"/Index"
"/Prev"
"/Encrypt"
"/OpenAction"
"/AA"
"/A"
"/PA"
"/Next"
"/S"
"/JS"
"/JavaScript"
"/Names"
"/EmbeddedFiles"
"/EmbeddedFile"
"/EF"
"/Filespec"
"/Launch"
"/GoTo"
"/GoToR"
"/GoToE"
"/URI"
"/SubmitForm"
"/ImportData"
"/AcroForm"
"/XFA"
"/RichMedia"
"/FileAttachment"
"/Annots"
"/Annot"
"/Action"
"/Link"
"javascript:"
"#"
EOF
}

build_records() {
	# ids.c compiles in the GB/T 2260 codes the build generates.
	make -s -C "$TOP/build" gen/gbt2260.inc || return 1
	# shellcheck disable=SC2046,SC2086
	$CC $CFLAGS $SAN -Icgi/core -Icgi/domain -Icgi/gap -I"$TOP/build/gen" \
	    -I/usr/include/ClearSilver \
	    cgi/gap/records.c cgi/core/text.c cgi/core/utf8.c cgi/core/ids.c \
	    cgi/core/arena.c cgi/core/log.c cgi/core/files.c cgi/core/crypto.c \
	    cgi/core/imgcheck.c \
	    cgi/core/crypto_sm.c cgi/core/docsig.c \
	    cgi/core/pdfcheck.c cgi/core/scan.c \
	    cgi/domain/vocab.c cgi/domain/wfnet.c cgi/domain/waybill.c \
	    t/fuzz/fuzz_records.c \
	    $(pkg-config --cflags --libs libcrypto jansson libqpdf) -lmagic \
	    -o "$OUT/fuzz_records"
}

build_import() {
	make -s -C "$TOP/build" gen/gbt2260.inc || return 1
	# shellcheck disable=SC2046,SC2086
	$CC $CFLAGS $SAN -Icgi/core -Icgi/domain -I"$TOP/build/gen" \
	    -I/usr/include/ClearSilver \
	    cgi/domain/xchrow.c cgi/core/text.c cgi/core/utf8.c cgi/core/ids.c \
	    cgi/domain/vocab.c t/fuzz/fuzz_import.c \
	    $(pkg-config --cflags --libs jansson) -o "$OUT/fuzz_import"
}

# Words the request parsers react to, for libFuzzer's mutations.
write_dict() {
	cat >"$OUT/request.dict" <<'EOF'
"M POST"
"M GET"
"M PUT"
"M HEAD"
"T u"
"T m "
"T multipart/form-data"
"Q "
"C "
"H "
"E "
"L +"
"L -"
"L none"
"R"
"\x0a\x0a"
"\x0d\x0a"
"--"
"Content-Disposition: form-data; name=\""
"; filename=\""
"Content-Type: "
"Content-Encoding: "
"application/x-www-form-urlencoded"
"boundary="
"name="
"\""
"&"
"="
";"
"%"
"%00"
"%ED%A0%80"
"%C0%80"
"%F4%90%80%80"
"%FF"
"\xed\xa0\x80"
"\xc0\xaf"
"\xe6\x96\x87"
"\x00"
"\x1b"
"filename"
"+"
"."
".FileHandle"
".Type"
"FileHandle="
"m1"
"m1.FileHandle="
"yw_sid="
"yw_pre="
"csrf="
"a.b"
"Query."
"Cookie."
"Config."
"CONTENT_LENGTH="
"CONTENT_TYPE="
"HTTP_COOKIE="
EOF
}

# Executions in one libFuzzer log (-fork mode prints no final stats).
execs() {
	local n
	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -n 1)
	[ -n "$n" ] ||
	    n=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$1" | tail -n 1)
	echo "${n:-0}"
}

# The first line of a report that says what went wrong, and where.
signature() {
	local what where
	what=$(grep -m 1 -E 'ERROR: |^fuzz_request: ' "$1" |
	    sed 's/^==[0-9]*== *//; s/ on unknown address.*//
	    s/ on address.*//')
	where=$(grep -m 1 -E '^ +#[0-9]+ .* in ' "$1" |
	    grep -v -E 'in (__sanitizer|fuzzer::|__interceptor|abort|raise)' |
	    sed 's/.* in \([^ ]*\).*/\1/')
	echo "$what${where:+ (in $where)}"
}

# Replay the saved inputs named crash-* of seeds dir $2 with target $1;
# print the ones that still fail.  Returns 1 when one does.
replay_saved() {
	local name=$1 dir=$2 f failed=''
	rm -f "$OUT/replay.leaks"
	for f in "$dir"/crash-*; do
		[ -e "$f" ] || continue
		if ! "$OUT/fuzz_$name" -timeout=10 -rss_limit_mb=2048 "$f" \
		    >"$OUT/replay.log" 2>&1; then
			failed="$failed $(basename "$f")"
			grep -q 'LeakSanitizer' "$OUT/replay.log" &&
			    touch "$OUT/replay.leaks"
			echo "    ${f##*/}: $(signature "$OUT/replay.log")"
		fi
	done
	[ -z "$failed" ] && return 0
	echo "fuzz_$name: saved inputs still failing:$failed"
	return 1
}

# FUZZ_STOP=FILE: when FILE appears, the fuzzing ends early (./run test
# makes it when the integration tests have ended, so that fuzzing beside
# them never makes the run longer).  A fuzzer running then exits as
# libFuzzer does on SIGUSR1 (its final stats, status 0); targets not yet
# started are still built and their saved inputs replayed, but not fuzzed.
stopped() { [ -n "${FUZZ_STOP:-}" ] && [ -e "$FUZZ_STOP" ]; }
# stop_watch PID: in the background, SIGUSR1 to fuzzer PID once FUZZ_STOP
# appears (checked each second while PID runs).
stop_watch() {
	[ -n "${FUZZ_STOP:-}" ] || return 0
	(while kill -0 "$1" 2>/dev/null; do
		if stopped; then kill -USR1 "$1" 2>/dev/null; break; fi
		sleep 1
	done) &
}

# Fuzz for $2 seconds; after a crash, save it and start again (the
# corpus is kept) until the time is up.  $1: target name, $3: working
# directory, $4...: flags and corpus directories.
run_one() {
	local name=$1 secs=$2 dir=$3 art=$OUT/artifacts/$1
	local end rc n total=0 crashes=0 i=0 log pid
	shift 3
	mkdir -p "$art" "$OUT/logs"
	rm -f "$OUT/logs/$name".*.log
	end=$(( $(date +%s) + secs ))
	while [ "$(date +%s)" -lt "$end" ] && ! stopped; do
		i=$((i + 1))
		log=$OUT/logs/$name.$i.log
		# shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
		(cd "$dir" && TMPDIR=$OUT/tmp exec "$OUT/fuzz_$name" \
		    -max_total_time=$(( end - $(date +%s) )) \
		    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		    ${FUZZ_JOBS:+-fork=$FUZZ_JOBS} -artifact_prefix="$art/" \
		    ${FUZZ_ARGS:-} "$@") >"$log" 2>&1 &
		pid=$!
		stop_watch "$pid"
		wait "$pid"
		rc=$?
		n=$(execs "$log")
		total=$((total + ${n:-0}))
		[ "$rc" -eq 0 ] && break
		crashes=$((crashes + 1))
		echo "    $(sed -n 's/.*Test unit written to //p' "$log" |
		    tail -n 1): $(signature "$log")"
	done
	if [ "$crashes" -eq 0 ]; then
		if stopped && [ "$i" -eq 0 ]; then
			echo "fuzz_$name: not fuzzed, the integration tests" \
			    "had ended # SKIP"
		elif stopped; then
			echo "fuzz_$name: $total execs, cut short when" \
			    "the integration tests ended, no crash"
		else
			echo "fuzz_$name: $total execs, no crash"
		fi
		return 0
	fi
	echo "fuzz_$name: $total execs, $crashes crash(es); logs in $OUT/logs"
	return 1
}

# The request seeds without the saved crashes, which would stop the run;
# and no files_dir left by a crashed run of the target.
request_seeds() {
	local f
	rm -rf "$OUT/seeds/request" "$OUT"/tmp/yw-fuzz-request.*
	mkdir -p "$OUT/seeds/request" "$OUT/tmp"
	for f in t/fuzz/seeds/request/*; do
		case ${f##*/} in
		crash-*) ;;
		*) cp "$f" "$OUT/seeds/request/" ;;
		esac
	done
}

# $1: seconds, $2: "request" (AddressSanitizer, UBSan, LeakSanitizer) or
# "request_plain" (no sanitizer: malloc reuses addresses at once, as in
# production, which state leaking through stale pointers needs).
fuzz_request() {
	local leaks='' rc=0
	mkdir -p "$OUT/corpus/request"
	write_dict
	request_seeds
	TMPDIR=$OUT/tmp replay_saved "$2" t/fuzz/seeds/request || rc=1
	rm -rf "$OUT"/tmp/yw-fuzz-request.*	# what the crashes left
	# While a saved leak still leaks, every run would stop at it.
	if [ "$2" = request ] && [ -e "$OUT/replay.leaks" ]; then
		leaks=-detect_leaks=0
		local -x ASAN_OPTIONS=detect_leaks=0	# nor at exit
		echo "fuzz_$2: leak detection off while a saved leak fails"
	fi
	run_one "$2" "$1" "$TOP" -dict="$OUT/request.dict" \
	    -max_len="${FUZZ_MAX_LEN:-16384}" $leaks \
	    "$OUT/corpus/request" "$OUT/seeds/request" || rc=1
	return $rc
}

# The PDF seeds without the saved crashes (replayed first instead).
fuzz_pdf() {
	local f rc=0
	write_pdf_dict
	rm -rf "$OUT/seeds/pdf"
	mkdir -p "$OUT/seeds/pdf" "$OUT/corpus/pdf" "$OUT/tmp"
	for f in t/fuzz/seeds/pdf/*; do
		case ${f##*/} in
		crash-*) ;;
		*) cp "$f" "$OUT/seeds/pdf/" ;;
		esac
	done
	replay_saved pdf t/fuzz/seeds/pdf || rc=1
	run_one pdf "$1" "$TOP" -dict="$OUT/pdf.dict" \
	    -max_len="${FUZZ_MAX_LEN:-65536}" \
	    "$OUT/corpus/pdf" "$OUT/seeds/pdf" || rc=1
	return $rc
}

fuzz_bundle() {
	# fuzz_bundle writes its seeds into ./t/fuzz/corpus/bundle when that
	# directory exists: run it inside build-fuzz/ so they land there.
	# t/fuzz/seeds/bundle/: the same seeds checked in, an SM bundle's
	# among them (GAP-7).
	mkdir -p "$OUT/t/fuzz/corpus/bundle"
	run_one bundle "$1" "$OUT" t/fuzz/corpus/bundle "$TOP/t/fuzz/seeds/bundle"
}

fuzz_records() {
	# Seeds go into ./t/fuzz/corpus/records when it exists: run it
	# inside build-fuzz/ so they land there.
	mkdir -p "$OUT/t/fuzz/corpus/records"
	run_one records "$1" "$OUT" -max_len=65536 t/fuzz/corpus/records
}

# Multipart syntax for libFuzzer's mutations.
write_mp_dict() {
	cat >"$OUT/multipart.dict" <<'EOF'
"--"
"\x0d\x0a"
"\x0d\x0a--b"
"\x0d\x0a\x0d\x0a"
"Content-Disposition: "
"form-data"
"; name=\""
"; filename=\""
"Content-Type: "
"application/pdf"
"\""
";"
"--b--"
EOF
}

fuzz_multipart() {
	local rc=0
	write_mp_dict
	mkdir -p "$OUT/corpus/multipart" "$OUT/tmp"
	replay_saved multipart t/fuzz/seeds/multipart || rc=1
	run_one multipart "$1" "$TOP" -dict="$OUT/multipart.dict" \
	    -max_len="${FUZZ_MAX_LEN:-4096}" \
	    "$OUT/corpus/multipart" t/fuzz/seeds/multipart || rc=1
	return $rc
}

fuzz_import() {
	mkdir -p "$OUT/corpus/import"
	run_one import "$1" "$TOP" -max_len=20000 "$OUT/corpus/import" \
	    t/fuzz/seeds/import
}

# Time one request with a big body: generate it, run it RUNS times in a
# build without sanitizers, print milliseconds per request.
bench_one() {
	# $1: label, $2: input file
	local runs=${BENCH_RUNS:-10} ms
	ms=$("$OUT/bench_request" -runs="$runs" "$2" 2>&1 |
	    sed -n 's/^Executed .* in \([0-9]*\) ms/\1/p')
	printf '%-52s %8s ms/request (%s bytes)\n' "$1" \
	    "$(awk -v t="$ms" -v n="$runs" 'BEGIN { printf "%.1f", t / n }')" \
	    "$(wc -c <"$2")"
}

# A urlencoded POST: $1 fields named by $2 ("distinct" or "same"), each
# value $3 bytes long.
gen_form() {
	awk -v n="$1" -v how="$2" -v vlen="$3" 'BEGIN {
		v = sprintf("%*s", vlen, ""); gsub(/ /, "x", v)
		printf "M POST\nT u\n\n"
		for (i = 0; i < n; i++)
			printf "%s%s=%s", i ? "&" : "",
			    how == "same" ? "f" : "f" i, v
	}'
}

# A multipart POST of $1 small text parts, named by $2.
gen_multipart() {
	awk -v n="$1" -v how="$2" 'BEGIN {
		printf "M POST\nT m b\n\n"
		for (i = 0; i < n; i++)
			printf "--b\r\nContent-Disposition: form-data; " \
			    "name=\"%s\"\r\n\r\nv\r\n",
			    how == "same" ? "f" : "f" i
		printf "--b--\r\n"
	}'
}

bench() {
	local b=$OUT/bench
	build_bench || exit 2
	mkdir -p "$b"
	gen_form 200 distinct 5200 >"$b/1mib-200"
	gen_form 5000 distinct 1 >"$b/tiny-5000"
	gen_form 20000 distinct 1 >"$b/tiny-20000"
	gen_form 5000 same 1 >"$b/same-5000"
	gen_form 20000 same 1 >"$b/same-20000"
	gen_form 80000 same 1 >"$b/same-80000"
	gen_multipart 5000 distinct >"$b/mp-5000"
	gen_multipart 5000 same >"$b/mp-same-5000"
	gen_multipart 20000 same >"$b/mp-same-20000"
	bench_one "urlencoded, 200 fields of 5200 bytes (1 MiB)" "$b/1mib-200"
	bench_one "urlencoded, 5000 distinct tiny fields" "$b/tiny-5000"
	bench_one "urlencoded, 20000 distinct tiny fields" "$b/tiny-20000"
	bench_one "urlencoded, 5000 tiny fields, one name" "$b/same-5000"
	bench_one "urlencoded, 20000 tiny fields, one name" "$b/same-20000"
	BENCH_RUNS=1 bench_one "urlencoded, 80000 tiny fields, one name" \
	    "$b/same-80000"
	bench_one "multipart, 5000 distinct parts" "$b/mp-5000"
	bench_one "multipart, 5000 parts, one name" "$b/mp-same-5000"
	BENCH_RUNS=1 bench_one "multipart, 20000 parts, one name" \
	    "$b/mp-same-20000"
	# Minutes on HEAD: only when asked.
	if [ -n "${BENCH_SLOW:-}" ]; then
		gen_form 262144 same 1 >"$b/same-1mib"
		BENCH_RUNS=1 bench_one "urlencoded, 1 MiB of one name" \
		    "$b/same-1mib"
	fi
}

if [ "${1:-}" = bench ]; then
	bench
	exit 0
fi

secs=${1:-60}
shift 2>/dev/null
targets=${*:-request request_plain multipart bundle pdf records import \
    image}
status=0
for t in $targets; do
	case $t in
	request)
		build_request "$SAN" -O1 "$OUT/fuzz_request" || exit 2
		fuzz_request "$secs" request || status=1
		;;
	request_plain)
		build_request -fsanitize=fuzzer -O1 "$OUT/fuzz_request_plain" ||
		    exit 2
		fuzz_request "$secs" request_plain || status=1
		;;
	bundle)
		build_bundle || exit 2
		fuzz_bundle "$secs" || status=1
		;;
	pdf)
		build_pdf || exit 2
		fuzz_pdf "$secs" || status=1
		;;
	records)
		build_records || exit 2
		fuzz_records "$secs" || status=1
		;;
	import)
		build_import || exit 2
		fuzz_import "$secs" || status=1
		;;
	multipart)
		build_multipart || exit 2
		fuzz_multipart "$secs" || status=1
		;;
	image)
		build_image || exit 2
		fuzz_image "$secs" || status=1
		;;
	*)
		echo "run.sh: unknown target $t" \
		    "(request, request_plain, multipart, bundle, pdf," \
		    "records, import," \
		    "image)" >&2
		exit 2
		;;
	esac
done
exit $status
