#!/usr/bin/env bash
# gap-resend.sh (GAP-5, GAP-6; issue #9): re-send without a back channel.
# Every bundle's manifest says what its site holds of the other's bundles
# (acks: epoch, upto, missing); the sender marks what is acknowledged and
# lets it go after keeping; a bundle that comes early is verified and held,
# and goes in by itself when the one before it comes; the missing one is
# asked for in the next bundle back, written again byte for byte by the
# next export, onto the disc (--to) with the new one; a disc is imported
# as a folder; a heartbeat carries acks when nothing else goes; a bundle
# the other site lacks and this one no longer keeps raises gap.lost; a
# forged ack is refused; every carry is logged with who and which disc.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
EXTB=$TEST_VAR/ext/bundles
WHO="cli:$(id -un)"
# The intranet's tick queues the halls' numbers when they change (hall.sh):
# run it now, so that what it would send goes with the next carry and the
# background tick has nothing new while a check expects nothing to send.
settle() { admin_int tick >/dev/null 2>&1; }
kase() { sql_int "SELECT COUNT(*) FROM kase WHERE app_no = '$1'"; }
last_out_ext() { sql_ext "SELECT MAX(seq) FROM gap_out"; }
file_of_ext() { sql_ext "SELECT path FROM gap_out WHERE seq = $1 ORDER BY epoch DESC LIMIT 1"; }

# --- in step: each site acknowledges what it has -----------------------------------
carry ext int
gap_int export --heartbeat >/dev/null 2>&1	# sure to say what it has now
carry int ext
UPTO=$(sql_ext "SELECT upto FROM gap_ack WHERE dir = 'ext2int' ORDER BY from_epoch DESC, from_seq DESC LIMIT 1")
t_is "the extranet knows what the intranet has of its bundles" "$UPTO" \
	"$(sql_int "SELECT MAX(seq) FROM gap_in WHERE dir = 'ext2int'")"
t_is "and marks each of them acknowledged" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_out WHERE seq <= $UPTO AND acked_at IS NULL")" 0
t_is "and only them" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_out WHERE seq > $UPTO AND acked_at IS NOT NULL")" 0
t_like "the acks a bundle of the intranet carried" \
	"$(sql_int "SELECT acks FROM gap_out ORDER BY epoch DESC, seq DESC LIMIT 1")" '^\{"epoch":1,"missing":\[\],"upto":[0-9]+\}$'

# --- a bundle lost on the way, the next one early -----------------------------------
settle
carry int ext
A1=$(ext_apply "$CODE")
gap_ext export >/dev/null 2>&1
S1=$(last_out_ext)
F1=$(file_of_ext "$S1")
SUM1=$(sha256sum "$F1" | cut -d' ' -f1)
A2=$(ext_apply "$CODE")
gap_ext export >/dev/null 2>&1
S2=$(last_out_ext)
t_is "two bundles, one after the other" "$S2" $((S1 + 1))
rc=0
out=$(gap_int import "$(file_of_ext "$S2")" 2>&1) || rc=$?
t_is "the second, carried first: held (exit 5)" "$rc" 5
t_like "saying it is verified and held, and which one is missing" "$out" "第 $S2 号数据包已核验并暂存.*还缺第 $S1 号.*请求对端重发"
t_is "held in the queue" "$(sql_int "SELECT COUNT(*) FROM gap_held WHERE dir = 'ext2int' AND seq = $S2")" 1
t_ok "a copy kept beside the bundles" test -f "$(sql_int "SELECT path FROM gap_held WHERE seq = $S2")"
t_is "nothing of it applied yet" "$(kase "$A2")" 0
rc=0
out=$(gap_int import "$(file_of_ext "$S2")" 2>&1) || rc=$?
t_is "carried twice while held: still held (exit 5)" "$rc" 5
t_like "saying so" "$out" "已经暂存过"

# --- the re-send request travels back -------------------------------------------------
rc=0
out=$(gap_int export 2>&1) || rc=$?
t_is "the intranet has nothing new, yet writes a bundle to ask" "$rc" 0
REQ=$(tail -1 <<<"$out")
t_like "a bundle of no records" "$out" "已导出心跳.*0 条记录"
t_like "naming the missing one in its acks" \
	"$(sql_int "SELECT acks FROM gap_out ORDER BY epoch DESC, seq DESC LIMIT 1")" "\"missing\":\[$S1\],\"upto\":$((S1 - 1))"
rc=0
gap_int export >/dev/null 2>&1 || rc=$?
t_is "asked once: the next export has nothing to say (exit 3)" "$rc" 3
gap_ext import "$REQ" >/dev/null 2>&1
t_is "the extranet reads the request" \
	"$(sql_ext "SELECT missing FROM gap_ack WHERE dir = 'ext2int' ORDER BY from_epoch DESC, from_seq DESC LIMIT 1")" "[$S1]"

# --- and the next export writes it again, byte for byte, onto the disc ----------------
mkdir -p "$TMP/disc"
A3=$(ext_apply "$CODE")
rc=0
out=$(gap_ext export --to "$TMP/disc" 2>&1) || rc=$?
t_is "export with a disc" "$rc" 0
t_like "names the bundle sent again" "$out" "重发第 $S1 号数据包.*$TMP/disc/"
t_is "the copy on the disc is the same file" "$(sha256sum "$TMP/disc/$(basename "$F1")" | cut -d' ' -f1)" "$SUM1"
S3=$(last_out_ext)
t_is "and the new one is on the disc too, its path last" "$(tail -1 <<<"$out")" "$TMP/disc/$(basename "$(file_of_ext "$S3")")"
t_is "counted as sent again" "$(sql_ext "SELECT resent FROM gap_out WHERE seq = $S1 ORDER BY epoch DESC LIMIT 1")" 1
rc=0
out=$(gap_ext export 2>&1) || rc=$?
t_is "not again for the same request (exit 3)" "$rc" 3
cp "$REQ" "$TMP/disc/"	# the intranet's own bundle, carried back by mistake

# --- the disc goes in as a folder: the missing one, then what was held --------------
rc=0
out=$(gap_int import "$TMP/disc" 2>&1) || rc=$?
t_is "the whole disc imported" "$rc" 0
t_like "passing over the intranet's own bundle" "$out" "另有本站自己导出的 1 个"
t_like "the missing one first, then the held one by itself" "$(tr '\n' ' ' <<<"$out")" "已导入第 $S1 号数据包.*暂存的第 $S2 号数据包：已导入第 $S2 号数据包.*已导入第 $S3 号数据包"
t_is "every application arrived once" "$(kase "$A1")$(kase "$A2")$(kase "$A3")" 111
t_is "the queue is empty" "$(sql_int "SELECT COUNT(*) FROM gap_held")" 0
t_is "and its copies gone" "$(find "$TEST_VAR/int/bundles/held" -name '*.ywb' | wc -l)" 0
rc=0
out=$(gap_int import "$(file_of_ext "$S2")" 2>&1) || rc=$?
t_is "the held one carried again: nothing changes (exit 0)" "$rc" 0
t_like "already imported" "$out" "已经导入过"
t_is "still once" "$(kase "$A2")" 1

# --- a held copy damaged on this site's disk: out of the queue, asked for again -------
A5=$(ext_apply "$CODE")
gap_ext export >/dev/null 2>&1
S5=$(last_out_ext)
A6=$(ext_apply "$CODE")
gap_ext export >/dev/null 2>&1
S6=$(last_out_ext)
gap_int import "$(file_of_ext "$S6")" >/dev/null 2>&1
HELD=$(sql_int "SELECT path FROM gap_held WHERE seq = $S6")
printf 'X' | dd of="$HELD" bs=1 seek=200 conv=notrunc status=none
rc=0
out=$(gap_int import "$(file_of_ext "$S5")" 2>&1) || rc=$?
t_is "the one before it goes in, the damaged held one is refused (exit 2)" "$rc" 2
t_like "saying it is taken out of the queue, as not received" "$(tr '\n' ' ' <<<"$out")" "已导入第 $S5 号.*暂存的第 $S6 号数据包：拒绝导入.*移出暂存队列，算作没有收到"
t_is "the queue is empty" "$(sql_int "SELECT COUNT(*) FROM gap_held")" 0
t_is "the first arrived" "$(kase "$A5")$(kase "$A6")" 10
gap_ext export --heartbeat >/dev/null 2>&1
gap_int import "$(file_of_ext "$(last_out_ext)")" >/dev/null 2>&1
t_is "the next bundle of the extranet is held, the damaged one named missing" \
	"$(sql_int "SELECT COUNT(*) FROM gap_held WHERE seq = $((S6 + 1))")" 1
carry int ext
gap_ext export >/dev/null 2>&1
gap_int import "$(file_of_ext "$S6")" >/dev/null 2>&1
t_is "sent again and imported, the held one after it" "$(kase "$A6")$(sql_int "SELECT COUNT(*) FROM gap_held")" 10

# --- the carry log --------------------------------------------------------------------
t_is "the intranet's log: held, then imported from the disc and from the queue" \
	"$(sql_int "SELECT GROUP_CONCAT(action, ':', seq, ':', disc ORDER BY id SEPARATOR ' ') FROM gap_carry WHERE seq IN ($S1, $S2, $S3) AND dir = 'ext2int' AND action <> 'refused'")" \
	"held:$S2:$EXTB held:$S2:$EXTB import:$S1:$TMP/disc import:$S2:held import:$S3:$TMP/disc import:$S2:$EXTB"
t_is "with who carried it" "$(sql_int "SELECT COUNT(DISTINCT operator) FROM gap_carry WHERE operator = '$WHO'")" 1
t_is "the extranet's: the re-send to the disc" \
	"$(sql_ext "SELECT CONCAT(action, ':', disc, ':', operator) FROM gap_carry WHERE seq = $S1 AND action = 'resend'")" "resend:$TMP/disc:$WHO"

# --- a heartbeat when nothing has gone out for a while --------------------------------
settle
carry int ext	# the receipts of the three
rc=0
gap_int export >/dev/null 2>&1 || rc=$?
t_is "nothing to send, heartbeat not due (exit 3)" "$rc" 3
sleep 1.1
rc=0
out=$(gap_with int gap_heartbeat=1 export 2>&1) || rc=$?
t_is "a second without bundles and gap_heartbeat = 1: one goes out" "$rc" 0
t_like "a heartbeat" "$out" "已导出心跳"
rc=0
gap_with int gap_heartbeat=0 export >/dev/null 2>&1 || rc=$?
t_is "gap_heartbeat = 0: never" "$rc" 3
rc=0
out=$(gap_int export --heartbeat 2>&1) || rc=$?
t_is "asked for with --heartbeat" "$rc" 0
HB=$(tail -1 <<<"$out")
t_is "it carries no records" "$(sql_int "SELECT records FROM gap_out ORDER BY epoch DESC, seq DESC LIMIT 1")" 0
gap_ext import "$HB" >/dev/null 2>&1
t_is "the extranet learns from it that all its bundles are in" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_out WHERE acked_at IS NULL AND hash IS NOT NULL")" 0

# --- kept until acknowledged, then let go ---------------------------------------------
A4=$(ext_apply "$CODE")
gap_ext export >/dev/null 2>&1
S4=$(last_out_ext)
F4=$(file_of_ext "$S4")
sleep 1.1
out=$(gap_with ext gap_keep_days=0 gap_keep_bytes=1 export 2>&1) || true
t_ok "an unacknowledged bundle stays, whatever the limits" test -f "$F4"
t_like "and the operator is told it passes the cap" "$out" "尚未确认的数据包已占 [0-9]+ 字节"
t_ok "an acknowledged one past keeping is let go" test ! -f "$F1"
t_is "recorded as let go" "$(sql_ext "SELECT pruned_at IS NOT NULL FROM gap_out WHERE seq = $S1 ORDER BY epoch DESC LIMIT 1")" 1
t_is "every kept file is one not let go" "$(find "$EXTB" -maxdepth 1 -name '*.ywb' | wc -l)" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_out WHERE pruned_at IS NULL AND hash IS NOT NULL")"
carry ext int
t_is "the fourth arrives" "$(kase "$A4")" 1

# --- asked for one no longer kept: said, with an alert -------------------------------
ACK=$(sql_ext "SELECT MAX(id) FROM gap_ack")
sql_ext "INSERT INTO gap_ack (dir, epoch, upto, missing, from_epoch, from_seq, at) SELECT dir, epoch, upto, '[$S1]', from_epoch, from_seq + 1000, UTC_TIMESTAMP() FROM gap_ack WHERE id = $ACK"
rc=0
out=$(gap_ext export 2>&1) || rc=$?
t_like "the operator is told it cannot be sent again" "$out" "本站第 $S1 号数据包，而本站已不再保存它，无法重发"
t_is "an alert for the security administrator" \
	"$(sql_ext "SELECT COUNT(*) FROM security_alert WHERE kind = 'gap.lost' AND object = 'ext2int/1/$S1'")" 1
gap_ext export >/dev/null 2>&1 || true
t_is "once per request" "$(sql_ext "SELECT COUNT(*) FROM security_alert WHERE kind = 'gap.lost'")" 1
sql_ext "DELETE FROM gap_ack WHERE from_seq >= 1000"

# --- an ack is the other site's word: checked like a record --------------------------
printf '' >"$TMP/none.jsonl"
N0=$(sql_int "SELECT COUNT(*) FROM gap_in")
for acks in '{"epoch":1,"upto":-1,"missing":[]}' '{"epoch":1,"upto":5,"missing":[5]}' \
	'{"epoch":1,"upto":5,"missing":[7,6]}' '{"epoch":1,"upto":5}' '{"epoch":"1","upto":5,"missing":[]}' \
	'{"epoch":0,"upto":3,"missing":[]}' '[1,2]'; do
	FORGE_ACKS=$acks forge int "$TMP/none.jsonl" "$TMP/acks.ywb"
	rc=0
	out=$(gap_int import "$TMP/acks.ywb" 2>&1) || rc=$?
	t_is "acks $acks: refused with an alert (exit 4)" "$rc" 4
done
t_like "saying what is wrong" "$out" "确认信息（acks）格式不对"
t_is "nothing imported" "$(sql_int "SELECT COUNT(*) FROM gap_in")" "$N0"
sql_int "UPDATE security_alert SET resolved_at = UTC_TIMESTAMP(), resolved_by = 'gap-resend.sh' WHERE kind = 'gap.record' AND resolved_at IS NULL"
sql_ext "UPDATE security_alert SET resolved_at = UTC_TIMESTAMP(), resolved_by = 'gap-resend.sh' WHERE kind = 'gap.lost' AND resolved_at IS NULL"

t_done
