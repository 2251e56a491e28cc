#!/usr/bin/env bash
# gap-poison.sh (GAP-5; issue #9): a poison record never blocks the gap.
# A record of a verified bundle that its apply function refuses (here a
# 补正 reply for a case that asked for none) is rolled back alone and set
# aside with its reason; the records before and after it are applied, the
# bundle counts as imported and the next one imports.  The receiving site
# raises a notice (gap.aside), the sending site learns of it from a
# gap.aside record in the next bundle back; `yiwang-gap retry` applies it
# once the cause is fixed, exactly once; `discard --why` gives one up; both
# audited with the operator.  A database failure in the middle of an import
# still refuses the whole bundle, poison records and all.
#
# The records are put in the extranet's outbox as its pages would (outbox_ext
# in lib.sh) and go in its real bundles, so the chain stays whole for the
# suites that run after this one.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
FILES=$(sed -n 's/^files_dir *= *//p' "$INT_CONF")
staff_login clerk sarengaowa
WHO="cli:$(id -un)"

# One open case per record to apply, all carried both ways.
for i in 1 2 3 4 5; do
	c=$(case_from_ext "$CODE")
	t_like "case $i from the extranet" "$c" '^[0-9]+$'
	CASES[i]=$c
	APPS[i]=$(sql_int "SELECT app_no FROM kase WHERE id = $c")
done
carry int ext
carry ext int
state() { sql_int "SELECT state FROM kase WHERE id = ${CASES[$1]}"; }
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = ${CASES[2]}")
M=$(sql_int "SELECT MIN(seq) FROM item_material WHERE item_id = $ITEM")
MNAME=$(sql_int "SELECT name FROM item_material WHERE item_id = $ITEM AND seq = $M")
t_pdf "$TMP/fixed.pdf" "" "<</Producer(gap-poison $$)>>"
SHA=$(sha256sum "$TMP/fixed.pdf" | cut -d' ' -f1)
SIZE=$(stat -c %s "$TMP/fixed.pdf")
STORED=$FILES/${SHA:0:2}/${SHA:2:2}/$SHA
AT=$(date -u '+%Y-%m-%d %H:%M:%S')
withdraw() { printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":""}\n' "$1" "$AT"; }
correct() { # APP [SHA SIZE]: a 补正 reply of material M with fixed.pdf
	local sha=${2:-$SHA} size=${3:-$SIZE}
	printf '{"type":"application.correct","app_no":"%s","at":"%s","attachments":[{"material_seq":%s,"material_name":"%s","file_name":"fixed.pdf","sha256":"%s","size":%s,"mime":"application/pdf"}],"files":["%s"]}\n' \
		"$1" "$AT" "$M" "$MNAME" "$sha" "$size" "$sha"
}
last_in() { sql_int "SELECT COALESCE(MAX(seq), 0) FROM gap_in WHERE dir = 'ext2int'"; }
# send RECORDS [FILE…]: the next bundle of the extranet with those records
# (and its anchor, last); prints its path.
send() { outbox_ext "$@" && gap_ext export 2>/dev/null | tail -1; }
asides() { "sql_$1" "SELECT COUNT(*) FROM gap_aside${2:+ WHERE $2}"; }
# open_notice SITE KIND OBJECT: the unresolved notices of KIND about OBJECT.
open_notice() { "sql_$1" "SELECT COUNT(*) FROM security_alert WHERE kind = '$2' AND object = '$3' AND resolved_at IS NULL"; }

# --- three records, the middle one refused ---------------------------------------
A0=$(asides int)
O0=$(asides int "state = 'aside'")
{ withdraw "${APPS[1]}"; correct "${APPS[2]}"; withdraw "${APPS[3]}"; } >"$TMP/b1.jsonl"
SEQ1=$(($(last_in) + 1))
B1=$(send "$TMP/b1.jsonl" "$TMP/fixed.pdf")
t_like "the extranet writes the next bundle" "$B1" "-e1-0*$SEQ1\.ywb$"
rc=0
gap_int import "$B1" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle whose second record is refused is imported (exit 0)" "$rc" 0
t_like "the summary counts the one set aside" "$(cat "$TMP/out")" "已导入第 $SEQ1 号数据包：4 条记录（.*撤回申请 2，补正材料 0，锚点 1.*搁置 1 条"
t_like "naming it and why" "$(cat "$TMP/out")" "第 2 条（补正材料）：申请 ${APPS[2]} 的办件没有在等待补正材料"
t_is "the bundle is recorded as imported" "$(last_in)" "$SEQ1"
t_is "the first and the third record are applied" "$(state 1) $(state 3)" "withdrawn withdrawn"
t_is "the middle one changed nothing" \
	"$(state 2) $(sql_int "SELECT COUNT(*) FROM kase WHERE id = ${CASES[2]} AND corrected_at IS NOT NULL") $(sql_int "SELECT COUNT(*) FROM attachment WHERE sha256 = '$SHA'")" \
	"received 0 0"
t_is "one record set aside" "$(asides int) $(asides int "state = 'aside'")" "$((A0 + 1)) $((O0 + 1))"
ID=$(sql_int "SELECT MAX(id) FROM gap_aside")
t_is "with its bundle, line, kind and reason" \
	"$(sql_int "SELECT CONCAT_WS(' ', dir, seq, recno, kind, reason) FROM gap_aside WHERE id = $ID")" \
	"ext2int $SEQ1 2 application.correct 申请 ${APPS[2]} 的办件没有在等待补正材料"
t_is "and the record as it came" "$(sql_int "SELECT JSON_VALUE(record, '$.app_no') FROM gap_aside WHERE id = $ID")" "${APPS[2]}"
t_is "the cases recorded as taken are the applied ones" \
	"$(sql_int "SELECT GROUP_CONCAT(recno ORDER BY recno) FROM gap_in_case WHERE dir = 'ext2int' AND seq = $SEQ1")" "1,3"
t_is "a notice is raised on the intranet (not a security alert)" "$(open_notice int gap.aside "ext2int/1/$SEQ1/2")" 1
t_is "and audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'gap.aside' AND object = 'ext2int/1/$SEQ1/2'")" 1
t_ok "the file it names is stored" test -f "$STORED"
admin_int files-sweep 0 >/dev/null 2>&1
t_ok "and stays through a files-sweep while the record is aside" test -f "$STORED"
gap_int status >"$TMP/status" 2>&1
t_like "yiwang-gap status counts it" "$(cat "$TMP/status")" "搁置的记录：本站 $(asides int "state = 'aside'") 条"
t_like "and shows the notice" "$(cat "$TMP/status")" "第 $SEQ1 号数据包的第 2 条记录（补正材料）未能应用，已搁置（搁置记录第 $ID 号）"
gap_int aside >"$TMP/aside" 2>&1
t_like "yiwang-gap aside lists it with its number" "$(cat "$TMP/aside")" "#$ID .* ext2int/1/$SEQ1 第 2 条 application.correct 搁置中：申请 ${APPS[2]} 的办件没有在等待补正材料"
staff_login sec wurigen
http_get sec "$INT_URL/sec/alerts" >/dev/null
t_like "the security administrator's page shows the notice as such" "$HTTP_BODY" "提示：收到的记录未能应用，已搁置"

# --- the queue is not blocked --------------------------------------------------------
withdraw "${APPS[4]}" >"$TMP/b2.jsonl"
B2=$(send "$TMP/b2.jsonl")
rc=0
gap_int import "$B2" >"$TMP/out" 2>&1 || rc=$?
t_is "the next bundle imports" "$rc $(last_in) $(state 4)" "0 $((SEQ1 + 1)) withdrawn"
t_like "with nothing set aside" "$(cat "$TMP/out")" "搁置 0 条。$"

# --- the extranet learns of it ---------------------------------------------------------
t_is "the notice waits in the intranet's outbox" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'gap.aside' AND JSON_VALUE(body, '$.recno') = 2 AND JSON_VALUE(body, '$.seq') = $SEQ1")" 1
carry int ext
t_is "and crosses to the extranet" \
	"$(sql_ext "SELECT CONCAT_WS(' ', dir, seq, recno, kind, state, reason) FROM gap_aside_peer WHERE dir = 'ext2int' AND seq = $SEQ1")" \
	"ext2int $SEQ1 2 application.correct aside 申请 ${APPS[2]} 的办件没有在等待补正材料"
t_is "raising a notice there too" "$(open_notice ext gap.aside.peer "ext2int/1/$SEQ1/2")" 1
gap_ext status >"$TMP/status" 2>&1
t_like "the extranet's status counts it" "$(cat "$TMP/status")" "对端搁置的本站记录 $(sql_ext "SELECT COUNT(*) FROM gap_aside_peer WHERE state = 'aside'") 条"
t_like "and says which and why" "$(cat "$TMP/status")" "对端没有应用本站发出的第 1 纪元第 $SEQ1 号数据包的第 2 条记录（application.correct），已搁置：申请 ${APPS[2]} 的办件没有在等待补正材料"
gap_ext aside >"$TMP/aside" 2>&1
t_like "yiwang-gap aside on the extranet lists it" "$(cat "$TMP/aside")" "ext2int/1/$SEQ1 第 2 条 application.correct 搁置中"

# --- retry: refused while the cause remains, then applied once -------------------------
rc=0
gap_int retry "$ID" >"$TMP/out" 2>&1 || rc=$?
t_is "a retry before the cause is fixed fails (exit 2)" "$rc" 2
t_like "saying it is still refused and still aside" "$(cat "$TMP/out")" "仍不能应用：申请 ${APPS[2]} 的办件没有在等待补正材料。它仍搁置着"
t_is "nothing changed" "$(state 2) $(asides int "state = 'aside'")" "received $((O0 + 1))"
t_is "the attempt is audited with the operator" \
	"$(sql_int "SELECT actor FROM audit WHERE action = 'gap.retry' AND object = 'ext2int/1/$SEQ1/2'")" "$WHO"
# The cause: the clerk now asks for exactly that material.
CASE=${CASES[2]}
case_post clerk /case/correct "c$M=1" "r$M=请重新扫描。"
t_is "the clerk asks the case for a correction" "$HTTP_STATUS $(state 2)" "303 correcting"
rc=0
gap_int retry "$ID" >"$TMP/out" 2>&1 || rc=$?
t_is "the retry now applies it (exit 0)" "$rc" 0
t_like "saying so" "$(cat "$TMP/out")" "第 $ID 号搁置记录（补正材料）已应用"
t_is "the case took the correction" \
	"$(state 2) $(sql_int "SELECT COUNT(*) FROM kase WHERE id = $CASE AND corrected_at IS NOT NULL") $(sql_int "SELECT COUNT(*) FROM attachment WHERE sha256 = '$SHA' AND app_no = '${APPS[2]}'")" \
	"received 1 1"
t_is "the record is marked retried, by the operator" \
	"$(sql_int "SELECT CONCAT_WS(' ', state, done_by) FROM gap_aside WHERE id = $ID")" "retried_ok $WHO"
t_is "the notice is resolved, by the operator" \
	"$(open_notice int gap.aside "ext2int/1/$SEQ1/2") $(sql_int "SELECT resolved_by FROM security_alert WHERE kind = 'gap.aside' AND object = 'ext2int/1/$SEQ1/2'")" "0 $WHO"
t_is "the case's record of what came in lists it now" \
	"$(sql_int "SELECT COUNT(*) FROM gap_in_case WHERE seq = $SEQ1 AND recno = 2 AND app_no = '${APPS[2]}' AND taken = 'applied'")" 1
rc=0
gap_int retry "$ID" >"$TMP/out" 2>&1 || rc=$?
t_is "a second retry changes nothing (exit 0)" "$rc" 0
t_like "saying it is done" "$(cat "$TMP/out")" "已重试成功.*本次没有做任何改动：它只应用一次"
t_is "applied exactly once" \
	"$(sql_int "SELECT COUNT(*) FROM attachment WHERE sha256 = '$SHA'") $(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $CASE AND action = 'corrected'")" "1 1"
t_is "audited: the refusal and the retry that applied it" \
	"$(sql_int "SELECT GROUP_CONCAT(detail ORDER BY id SEPARATOR '|') FROM audit WHERE action = 'gap.retry' AND object = 'ext2int/1/$SEQ1/2'")" \
	"aside:$ID refused: 申请 ${APPS[2]} 的办件没有在等待补正材料|aside:$ID applied"
carry int ext
t_is "the extranet hears it was applied" \
	"$(sql_ext "SELECT state FROM gap_aside_peer WHERE dir = 'ext2int' AND seq = $SEQ1 AND recno = 2") $(open_notice ext gap.aside.peer "ext2int/1/$SEQ1/2")" "retried_ok 0"

# --- discard ----------------------------------------------------------------------------
# This time with a file of its own, which nothing else names.
t_pdf "$TMP/other.pdf" "" "<</Producer(gap-poison other $$)>>"
SHA3=$(sha256sum "$TMP/other.pdf" | cut -d' ' -f1)
STORED3=$FILES/${SHA3:0:2}/${SHA3:2:2}/$SHA3
correct "${APPS[2]}" "$SHA3" "$(stat -c %s "$TMP/other.pdf")" >"$TMP/b3.jsonl"
SEQ3=$(($(last_in) + 1))
B3=$(send "$TMP/b3.jsonl" "$TMP/other.pdf")
rc=0
gap_int import "$B3" >"$TMP/out" 2>&1 || rc=$?
t_is "a second correction of the same case is set aside" "$rc $(asides int "state = 'aside'")" "0 $((O0 + 1))"
ID3=$(sql_int "SELECT MAX(id) FROM gap_aside")
admin_int files-sweep 0 >/dev/null 2>&1
t_ok "its file is kept while it is aside" test -f "$STORED3"
rc=0
gap_int discard "$ID3" >"$TMP/out" 2>&1 || rc=$?
t_is "discard without --why: usage (exit 64)" "$rc" 64
rc=0
gap_int discard "$ID3" --why "" >"$TMP/out" 2>&1 || rc=$?
t_is "discard with an empty reason is refused (exit 2)" "$rc $(asides int "state = 'aside'")" "2 $((O0 + 1))"
t_like "asking for one" "$(cat "$TMP/out")" "请用 --why 写明作废的理由"
rc=0
gap_int discard "$ID3" --why "申请人重复提交，已电话核实。" >"$TMP/out" 2>&1 || rc=$?
t_is "discard with a reason (exit 0)" "$rc" 0
t_is "records who and why" \
	"$(sql_int "SELECT CONCAT_WS(' ', state, done_by, why) FROM gap_aside WHERE id = $ID3")" \
	"discarded $WHO 申请人重复提交，已电话核实。"
t_is "audited" "$(sql_int "SELECT CONCAT_WS(' ', actor, detail) FROM audit WHERE action = 'gap.discard'")" \
	"$WHO aside:$ID3 申请人重复提交，已电话核实。"
admin_int files-sweep 0 >/dev/null 2>&1
t_ok "once discarded, files-sweep removes the file only it named" test ! -e "$STORED3"
t_ok "and keeps the one the applied correction names" test -f "$STORED"
t_is "its notice resolved, the case unchanged" "$(open_notice int gap.aside "ext2int/1/$SEQ3/1") $(state 2) $(sql_int "SELECT COUNT(*) FROM attachment WHERE sha256 = '$SHA'")" "0 received 1"
rc=0
gap_int discard "$ID3" --why "再一次" >"$TMP/out" 2>&1 || rc=$?
t_like "discarding again changes nothing" "$rc $(cat "$TMP/out")" "^0 第 $ID3 号搁置记录已作废.*本次没有做任何改动"
rc=0
gap_int retry "$ID3" >"$TMP/out" 2>&1 || rc=$?
t_is "nor can it be retried (exit 2)" "$rc $(sql_int "SELECT state FROM gap_aside WHERE id = $ID3")" "2 discarded"
rc=0
gap_int discard "$ID" --why "x" >"$TMP/out" 2>&1 || rc=$?
t_is "an applied record cannot be discarded (exit 2)" "$rc $(sql_int "SELECT state FROM gap_aside WHERE id = $ID")" "2 retried_ok"
rc=0
gap_int retry 999999 >"$TMP/out" 2>&1 || rc=$?
t_like "an unknown number: exit 2, saying so" "$rc $(cat "$TMP/out")" "^2 没有第 999999 号搁置记录"
t_is "the rows stay: a trigger refuses a delete" \
	"$(sql_int "DELETE FROM gap_aside WHERE id = $ID3" 2>&1 | grep -c 'cannot be deleted') $(asides int "id = $ID3")" "1 1"
t_is "nor move one back" \
	"$(sql_int "UPDATE gap_aside SET state = 'aside' WHERE id = $ID3" 2>&1 | grep -c 'only leaves aside') $(sql_int "SELECT state FROM gap_aside WHERE id = $ID3")" "1 discarded"
carry int ext
t_is "the extranet hears of the discard and why" \
	"$(sql_ext "SELECT CONCAT_WS(' ', state, reason) FROM gap_aside_peer WHERE dir = 'ext2int' AND seq = $SEQ3 AND recno = 1") $(open_notice ext gap.aside.peer "ext2int/1/$SEQ3/1")" \
	"discarded 申请人重复提交，已电话核实。 0"

# --- a database failure still refuses the whole bundle ---------------------------------
G0=$(sql_int "SELECT COUNT(*) FROM gap_in")
A1=$(asides int)
{ correct "${APPS[2]}"; withdraw "${APPS[5]}"; } >"$TMP/b4.jsonl"
B4=$(send "$TMP/b4.jsonl")
sql_int "CREATE TRIGGER poison_test_fail BEFORE UPDATE ON kase FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk full (gap-poison.sh)'"
rc=0
gap_int import "$B4" >"$TMP/out" 2>&1 || rc=$?
sql_int "DROP TRIGGER poison_test_fail"
t_is "a database error mid-import refuses the bundle (exit 2)" "$rc" 2
t_like "saying nothing was imported, to try again" "$(cat "$TMP/out")" "没有导入任何数据，稍后可再次导入"
t_is "nothing stays: no bundle, no record set aside, the case open" \
	"$(sql_int "SELECT COUNT(*) FROM gap_in") $(asides int) $(state 5)" "$G0 $A1 received"
rc=0
gap_int import "$B4" >"$TMP/out" 2>&1 || rc=$?
t_is "imported again once the database works: the poison aside, the rest applied" \
	"$rc $(asides int) $(state 5)" "0 $((A1 + 1)) withdrawn"
carry ext int
t_is "and the chain goes on: the extranet's bundles import as before" \
	"$(sql_int "SELECT COUNT(*) FROM security_alert WHERE kind = 'gap.chain'")" 0
t_done
