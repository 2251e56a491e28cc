#!/usr/bin/env bash
# gap-stream.sh: what the gap operator sees (GAP-6, GAP-3; issue #9).  Each
# check fails on the code before it:
# - an export says what it took by kind, in Chinese labels;
# - the site's own bundle, or one sealed to another site, is named as such
#   (exit 2, no security alert), not as tampering; a bundle that claims to
#   come from the other site but does not verify says so;
# - a security alert (the same sequence number, other content) names the
#   operator in its message, its stored row and the log line;
# - progress (bytes and records) on a terminal only;
# - bench/gap.sh --small: a 64 MiB bundle is exported and imported with
#   the importer's peak RSS <= 64 MiB (the mapping's pages were held
#   resident whole before).
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001
alerts() { "sql_$1" "SELECT COUNT(*) FROM security_alert WHERE resolved_at IS NULL"; }
last_in() { sql_int "SELECT COALESCE(MAX(seq), 0) FROM gap_in WHERE dir = 'ext2int'"; }

C=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$C" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $C")
carry int ext
carry ext int

# --- the export's summary by kind -------------------------------------------------
AT=$(date -u '+%Y-%m-%d %H:%M:%S')
printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":""}\n' "$APP" "$AT" >"$TMP/w.jsonl"
outbox_ext "$TMP/w.jsonl"
out=$(gap_ext export 2>&1); rc=$?
B=$(tail -n 1 <<<"$out")
t_is "the extranet exports" "$rc" 0
t_like "the summary counts what moved by kind, in Chinese" "$out" \
	'已导出第 [0-9]+ 号数据包：[0-9]+ 条记录（[^）]*撤回申请 1[^）]*），0 个附件'

# --- the site's own bundle --------------------------------------------------------
before=$(alerts ext)
in_ext=$(sql_ext "SELECT COUNT(*) FROM gap_in")
rc=0; gap_ext import "$B" >"$TMP/out" 2>&1 || rc=$?
t_is "importing the site's own bundle is refused (exit 2)" "$rc" 2
t_like "named as its own, to be carried to the other site" "$(cat "$TMP/out")" \
	'这是本站自己导出的数据包.*应带到对端（内网）导入'
t_unlike "not as tampering" "$(cat "$TMP/out")" '签名验证失败|安全警告'
t_is "no security alert, nothing imported" "$(alerts ext) $(sql_ext "SELECT COUNT(*) FROM gap_in")" "$before $in_ext"
rc=0; gap_ext verify "$B" >"$TMP/out" 2>&1 || rc=$?
t_like "verify names it the same way" "$rc $(cat "$TMP/out")" '^2 .*这是本站自己导出的数据包'
SEQ=$(($(last_in) + 1))
rc=0; gap_int import "$B" >"$TMP/out" 2>&1 || rc=$?
t_is "the intranet imports it" "$rc $(last_in)" "0 $SEQ"

# --- a bundle of another site's ----------------------------------------------------
# Keys of a site that is not this stack's: another county's extranet.
openssl genpkey -algorithm ED25519 -out "$TMP/o-site.key" 2>/dev/null
openssl genpkey -algorithm X25519 -out "$TMP/o-enc.key" 2>/dev/null
openssl genpkey -algorithm X25519 -out "$TMP/o-peer.key" 2>/dev/null
openssl pkey -in "$TMP/o-peer.key" -pubout -out "$TMP/o-peer.pub"
printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":""}\n' "$APP" "$AT" >"$TMP/o.jsonl"
other() { # OUT SIGNKEY PEERENC: bundle SEQ+1 of "extranet"
	local prev
	prev=$(sql_int "SELECT hash FROM gap_in WHERE dir = 'ext2int' AND seq = $(last_in) ORDER BY epoch DESC LIMIT 1")
	"$BUILD/t/tools/forge_bundle" -k "$2" -x "$TMP/o-enc.key" -y "$3" -s extranet -d ext2int \
		-e "$(sql_int "SELECT MAX(epoch) FROM gap_epoch WHERE dir = 'ext2int'")" -n $(($(last_in) + 1)) \
		-p "$prev" -r "$TMP/o.jsonl" -o "$1" >/dev/null
}
other "$TMP/other.ywb" "$TMP/o-site.key" "$TMP/o-peer.pub"
before=$(alerts int)
rc=0; gap_int import "$TMP/other.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle sealed to another site is refused (exit 2)" "$rc" 2
t_like "named as another site's, with the keys to compare" "$(cat "$TMP/out")" \
	'这个数据包是发给另一站点的（收件公钥 [0-9a-f]{16}…，本站为 [0-9a-f]{16}…）'
t_unlike "not as tampering" "$(cat "$TMP/out")" '签名验证失败|安全警告'
t_is "no security alert, nothing imported" "$(alerts int) $(last_in)" "$before $SEQ"
# Sealed to this intranet but signed with a key that is not the extranet's.
other "$TMP/unsigned.ywb" "$TMP/o-site.key" "$TEST_VAR/ext/keys/peer-enc.pub"
rc=0; gap_int import "$TMP/unsigned.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle that claims the extranet but does not verify is refused (exit 2)" "$rc" 2
t_like "saying what the header claims and that the signature disagrees" "$(cat "$TMP/out")" \
	'签名验证失败.*数据包头声称是外网导出的，但签名与本站保存的外网公钥不符'
t_is "nothing imported" "$(last_in)" "$SEQ"

# --- a security alert names the operator -------------------------------------------
# Bundle SEQ again, other content, with the real extranet's keys.
k=$TEST_VAR/ext/keys
prev=$(sql_int "SELECT hash FROM gap_in WHERE dir = 'ext2int' AND seq = $((SEQ - 1)) ORDER BY epoch DESC LIMIT 1")
"$BUILD/t/tools/forge_bundle" -k "$k/site.key" -x "$k/enc.key" -y "$k/peer-enc.pub" -s extranet -d ext2int \
	-e "$(sql_int "SELECT MAX(epoch) FROM gap_epoch WHERE dir = 'ext2int'")" -n "$SEQ" -p "$prev" \
	-r "$TMP/o.jsonl" -o "$TMP/twice.ywb" >/dev/null
before=$(alerts int)
rc=0; gap_int import "$TMP/twice.ywb" >"$TMP/out" 2>&1 || rc=$?
WHO="cli:$(id -un)"
t_is "the same sequence number with other content is a security alert (exit 4)" "$rc" 4
t_like "whose message names the operator" "$(cat "$TMP/out")" "已经收到过.*导入操作员：$WHO。已记录安全警告"
t_like "as does the log line" "$(cat "$TMP/out")" "security alert gap.chain ext2int/[0-9]+/$SEQ: .*导入操作员：$WHO"
t_is "and the stored alert" "$(sql_int "SELECT COUNT(*) FROM security_alert WHERE kind = 'gap.chain' AND object LIKE 'ext2int/%/$SEQ' AND message LIKE '%导入操作员：$WHO%' AND resolved_at IS NULL")" 1
t_is "one alert more" "$(alerts int)" $((before + 1))

# --- progress on a terminal only ---------------------------------------------------
printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":"again"}\n' "$APP" "$AT" >"$TMP/w2.jsonl"
outbox_ext "$TMP/w2.jsonl"
B2=$(gap_ext export 2>"$TMP/export.err" | tail -n 1)
t_unlike "no progress line when stderr is not a terminal (export)" "$(cat "$TMP/export.err")" $'\r|加密写出'
printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":"thrice"}\n' "$APP" "$AT" >"$TMP/w3.jsonl"
outbox_ext "$TMP/w3.jsonl"
script -qec "$BUILD/yiwang-gap -c $EXT_CONF export" /dev/null >"$TMP/tty-export.out" 2>&1
t_like "on a terminal the export draws its progress in place: the bytes sealed" \
	"$(cat "$TMP/tty-export.out")" $'\r\e\\[K加密写出 [0-9.]+ / [0-9.]+ MiB（100%）'
t_like "and the records read" "$(cat "$TMP/tty-export.out")" $'\r\e\\[K读取待导出记录 [0-9]+'
B3=$(tr -d '\r' <"$TMP/tty-export.out" | tail -n 1)
t_like "and still prints the bundle's path last" "$B3" '\.ywb$'
script -qec "$BUILD/yiwang-gap -c $INT_CONF import $B2" /dev/null >"$TMP/tty.out" 2>&1
t_like "on a terminal the import draws its progress in place: bytes" "$(cat "$TMP/tty.out")" $'\r\e\\[K校验数据包 [0-9.]+ / [0-9.]+ MiB（100%）'
t_like "and records" "$(cat "$TMP/tty.out")" $'\r\e\\[K应用记录 [0-9]+ / [0-9]+'
t_like "then wipes it for the summary" "$(cat "$TMP/tty.out")" $'\r\e\\[K已导入第 [0-9]+ 号数据包'
gap_int import "$B3" >"$TMP/again.out" 2>&1
t_like "the next bundle imports without a terminal" "$(cat "$TMP/again.out")" '已导入第 [0-9]+ 号数据包'
t_unlike "and draws nothing" "$(cat "$TMP/again.out")" $'\r|校验数据包'

# --- bench/gap.sh --small -------------------------------------------------------------
# (GAP_BENCH_MIB=1000 ./run test gap-stream.sh: the full run on the test stack.)
out=$(GAP_BENCH_PREFIX=$TEST_VAR GAP_BENCH_BUILD=$BUILD GAP_BENCH_APP=$APP \
	bash "$ROOT/bench/gap.sh" "${GAP_BENCH_MIB:---small}" 2>&1) || true
t_diag "$out"
t_like "the bench exports and imports a ${GAP_BENCH_MIB:-64} MiB bundle" "$out" 'import: +[0-9.]+ s +[0-9.]+ MB/s'
t_like "the importer stays within 64 MiB resident" "$out" 'target importer RSS <= 64 MiB: PASS'
t_like "and the exporter too" "$out" "$(printf '%s' 'export: .*peak RSS +([0-5]?[0-9]|6[0-3])\.[0-9] MiB')"

t_done
