#!/usr/bin/env bash
# gap-status.sh (GAP-6; issue #9): the gap's status page on each site and
# `yiwang-gap status`.  What already crosses is made by real carries (the
# last bundle out and in, a record set aside, a security alert from a forged
# bundle); what the re-send flow will fill (bundles held until the one
# before them comes, the other site's acknowledgements and re-send requests,
# the carry log) is written into its tables as root, as that flow will.
#   - intranet /ops/gap: the gap operator (网闸摆渡员) and the system and
#     security administrators read it, a clerk gets 403; each section shows
#     the numbers of the tables and says in words which bundles are missing
#     and where their re-send was asked; the carry log pages by key; every
#     view is audited;
#   - extranet /ops/gap: only on the operations server with a certificate of
#     the extranet's operations CA (none, or one of the staff CA: refused;
#     the public server: 404); the reader is the certificate's name, audited.
# Everything written here by hand is removed at the end.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
N=$$
MARK="/media/cdrom-status-$N"	# the disc of this script's carry-log rows
OPS_P12=$TEST_VAR/ext/certs/ops-hanxu.p12

# tile ID: the text of the status tile ID of the last page.
tile() { grep -o "id=\"$1\"[^>]*>.*" <<<"$HTTP_BODY" | head -1 | sed 's/^[^>]*>//; s#</li>.*##; s/<[^>]*>/ /g; s/  */ /g; s/^ //; s/ $//'; }
# para ID: the text of paragraph ID.
para() { grep -o "id=\"$1\"[^>]*>[^<]*" <<<"$HTTP_BODY" | head -1 | sed 's/^[^>]*>//'; }
audits() { "sql_$1" "SELECT COUNT(*) FROM audit WHERE action = 'gap.status.view' AND actor = '$2'"; }

cleanup() {
	sql_int "DELETE FROM gap_held WHERE path LIKE '%status-$N%'"
	[[ -z ${ACK_MISSING:-} ]] || sql_int "DELETE FROM gap_ack WHERE dir = 'int2ext' AND missing = '$ACK_MISSING'"
	sql_int "DELETE FROM gap_carry WHERE disc = '$MARK'"
	sql_int "UPDATE gap_out SET resent = 0, resent_at = NULL, resent_for = NULL WHERE resent_for = -$N"
	sql_ext "DELETE FROM gap_outbox WHERE kind = 'test.status' AND bundle_seq IS NULL"
	# The intranet's bundle that asked for the held ones' gap reached
	# the extranet's disc: a heartbeat says that nothing is missing now.
	if [[ -n ${ASKED:-} ]]; then
		gap_int export --heartbeat >/dev/null 2>&1 || true
		for b in "$TEST_VAR"/int/bundles/*.ywb; do gap_ext import "$b" >/dev/null 2>&1 || true; done
	fi
}
trap cleanup EXIT

# --- what crosses: both ways, a record set aside, a forged bundle -------------
CODE=152502-SCJG-XK-001
C=$(case_from_ext "$CODE")
t_like "a case comes from the extranet" "$C" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $C")
carry int ext
carry ext int
# A 补正 reply for a case that asked for none: set aside on the intranet.
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $C")
M=$(sql_int "SELECT MIN(seq) FROM item_material WHERE item_id = $ITEM")
MNAME=$(sql_int "SELECT name FROM item_material WHERE item_id = $ITEM AND seq = $M")
t_pdf "$TMP/fixed.pdf" "" "<</Producer(gap-status $N)>>"
SHA=$(sha256sum "$TMP/fixed.pdf" | cut -d' ' -f1)
SIZE=$(stat -c %s "$TMP/fixed.pdf")
printf '{"type":"application.correct","app_no":"%s","at":"%s","attachments":[{"material_seq":%s,"material_name":"%s","file_name":"fixed.pdf","sha256":"%s","size":%s,"mime":"application/pdf"}],"files":["%s"]}\n' \
	"$APP" "$(date -u '+%Y-%m-%d %H:%M:%S')" "$M" "$MNAME" "$SHA" "$SIZE" "$SHA" >"$TMP/poison.jsonl"
outbox_ext "$TMP/poison.jsonl" "$TMP/fixed.pdf"
carry ext int
# The extranet learns of it (gap.aside, GAP-5).
carry int ext
ASIDE=$(sql_int "SELECT MAX(id) FROM gap_aside WHERE JSON_VALUE(record, '$.app_no') = '$APP'")
t_like "the intranet set the record aside" "$ASIDE" '^[0-9]+$'
REASON=$(sql_int "SELECT reason FROM gap_aside WHERE id = $ASIDE")
# A bundle signed with the extranet's real key whose record is of a kind
# the intranet does not take: refused with a security alert.
printf '{"type":"case.event","app_no":"%s"}\n' "$APP" >"$TMP/forged.jsonl"
forge int "$TMP/forged.jsonl" "$TMP/forged.ywb"
FSEQ=$(($(sql_int "SELECT MAX(seq) FROM gap_in WHERE dir = 'ext2int'") + 1))
EPOCH=$(sql_int "SELECT MAX(epoch) FROM gap_in WHERE dir = 'ext2int'")
rc=0
gap_int import "$TMP/forged.ywb" >/dev/null 2>&1 || rc=$?
t_is "a forged bundle is refused with a security alert (exit 4)" "$rc" 4
ALERT=$(sql_int "SELECT MAX(id) FROM security_alert WHERE object = 'ext2int/$EPOCH/$FSEQ' AND resolved_at IS NULL")
t_like "and the alert is stored" "$ALERT" '^[0-9]+$'
t_is "and told to the extranet, with the operator (gap.alert)" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'gap.alert' AND bundle_seq IS NULL AND JSON_VALUE(body, '$.object') = 'ext2int/$EPOCH/$FSEQ' AND JSON_VALUE(body, '$.operator') = 'cli:$(id -un)'")" 1
carry int ext
t_is "where it is a notice about the extranet's own bundle" \
	"$(sql_ext "SELECT COUNT(*) FROM security_alert WHERE kind = 'gap.alert.peer' AND object = 'ext2int/$EPOCH/$FSEQ' AND resolved_at IS NULL")" 1
ME="cli:$(id -un)"	# the operator yiwang-gap names (config_operator)
t_is "the refused import is in the carry log, with its operator and disc" \
	"$(sql_int "SELECT CONCAT_WS(' ', operator, action, disc) FROM gap_carry WHERE dir = 'ext2int' AND epoch = $EPOCH AND seq = $FSEQ ORDER BY id DESC LIMIT 1")" \
	"$ME refused $TMP"
# 35 more carries, after those, to page through (rows as the gap tool
# writes them).
sql_int "INSERT INTO gap_carry (at, operator, action, dir, epoch, seq, disc, outcome) SELECT UTC_TIMESTAMP() - INTERVAL 1 HOUR + INTERVAL s.seq SECOND, 'cli:hanxu', 'export', 'int2ext', 1, s.seq, '$MARK', '已导出' FROM seq_1_to_35 s"

# --- the intranet: who may read it ----------------------------------------------
staff_login gop hanxu
http_get gop "$INT_URL/" >/dev/null
t_is "the gap operator starts at the status page" "$HTTP_STATUS $HTTP_LOCATION" "303 /ops/gap"
staff_login clerk sarengaowa
http_get clerk "$INT_URL/ops/gap" >/dev/null
t_is "a clerk may not read it (403)" "$HTTP_STATUS" 403
t_unlike "nor sees the link" "$(http_get clerk "$INT_URL/inbox")" 'href="/ops/gap"'
staff_login aud wangxiulan
http_get aud "$INT_URL/ops/gap" >/dev/null
t_is "nor may the audit administrator (403)" "$HTTP_STATUS" 403
staff_login sec wurigen
http_get sec "$INT_URL/ops/gap" >/dev/null
t_is "the security administrator may (200)" "$HTTP_STATUS" 200
staff_login sys liuxiaomei
http_get sys "$INT_URL/ops/gap" >/dev/null
t_is "the system administrator may (200)" "$HTTP_STATUS" 200
t_like "with the link in the menu" "$HTTP_BODY" 'href="/ops/gap">网闸摆渡'

# --- the intranet: the numbers and words of each section -------------------------
V0=$(audits int hanxu)
http_get gop "$INT_URL/ops/gap" >/dev/null
t_is "the gap operator reads it (200)" "$HTTP_STATUS" 200
t_is "the view is audited with who read it" "$(audits int hanxu)" $((V0 + 1))
OUT=$(sql_int "SELECT MAX(seq) FROM gap_out WHERE hash IS NOT NULL")
OUT_RECS=$(sql_int "SELECT records FROM gap_out WHERE seq = $OUT ORDER BY epoch DESC LIMIT 1")
IN=$(sql_int "SELECT MAX(seq) FROM gap_in WHERE dir = 'ext2int'")
IN_RECS=$(sql_int "SELECT records FROM gap_in WHERE dir = 'ext2int' AND seq = $IN ORDER BY epoch DESC LIMIT 1")
t_like "last bundle out: its number and records" "$(tile gs-last-out)" "^最后发出 第 $OUT 号 [0-9-]+ [0-9:]+ · 第 1 纪元 · $OUT_RECS 条记录$"
t_like "last bundle in: its number and records" "$(tile gs-last-in)" "^最后收到 第 $IN 号 [0-9-]+ [0-9:]+ 导入 · 第 $EPOCH 纪元 · $IN_RECS 条记录$"
WAIT=$(sql_int "SELECT COUNT(*) FROM gap_out WHERE hash IS NOT NULL AND acked_at IS NULL")
t_like "bundles awaiting acknowledgement: the count" "$(tile gs-waiting)" "^等待回告的数据包 $WAIT "
OLDEST=$(sql_int "SELECT MIN(seq) FROM gap_out WHERE hash IS NOT NULL AND acked_at IS NULL")
if ((WAIT > 0)); then
	t_like "and the oldest listed" "$(row "第 1 纪元第 $OLDEST 号</td>")" "第 1 纪元第 $OLDEST 号"
else
	t_like "none listed" "$HTTP_BODY" '本站发出的数据包外网都已回告收到'
fi
t_like "no missing sequence yet" "$(para gs-missing-text)" "^没有缺号：外网的数据包按顺序收齐，到第 $IN 号。"
read -r UPTO FROM < <(sql_int "SELECT upto, from_seq FROM gap_ack WHERE dir = 'int2ext' ORDER BY from_epoch DESC, from_seq DESC, id DESC LIMIT 1")
t_like "what the extranet last acknowledged, in its last bundle" "$(para gs-request-text)" \
	"^外网已收到内网第 $UPTO 号及以前的全部数据包（外网第 $FROM 号数据包回告，[0-9-]+ [0-9:]+ 导入）。$"
t_like "set aside here: counted" "$(para gs-aside-count)" "^本站搁置 $(sql_int "SELECT COUNT(*) FROM gap_aside WHERE state = 'aside'") 条"
t_like "and listed with its reason" "$(row "#$ASIDE")" "第 $IN 号数据包.*application.correct.*$REASON"
OPEN=$(sql_int "SELECT COUNT(*) FROM security_alert WHERE resolved_at IS NULL")
t_like "alerts: the count" "$(tile gs-alerts)" "^未处理的警告和提示 $OPEN "
t_like "the forged bundle's alert with when and the operator who carried it" \
	"$(row "第 $ALERT 号 数据包中有伪造")" "[0-9-]+ [0-9:]+.*数据包中有伪造或不合格的记录.*外网→内网 第 $EPOCH 纪元第 $FSEQ 号数据包.*$ME.*拒绝导入"
t_is "the carry log: 30 on a page, the newest first" "$(rows "$MARK" | wc -l) $(rows "$MARK" | head -1 | grep -c '第 1 纪元第 35 号数据包')" "30 1"
t_like "who, when, what, which bundle, which disc" "$(rows "$MARK" | head -1)" "[0-9-]+ [0-9:]+.*cli:hanxu.*导出.*内网→外网 第 1 纪元第 35 号数据包.*$MARK.*已导出"
MORE=$(grep -o 'href="/ops/gap?before=[0-9]*' <<<"$HTTP_BODY" | sed 's/.*=//')
t_is "the next page's key is the last row shown" "$MORE" \
	"$(sql_int "SELECT id FROM gap_carry ORDER BY id DESC LIMIT 1 OFFSET 29")"
http_get gop "$INT_URL/ops/gap?before=$MORE" >/dev/null
t_is "the next page: the 5 older ones" "$(rows "$MARK" | wc -l)" 5
t_like "ending with the first" "$(rows "$MARK" | tail -1)" '第 1 纪元第 1 号数据包'
t_like "then the refused import, by who, from which disc" "$(row "$TMP")" "$ME.*拒绝导入.*外网→内网 第 $EPOCH 纪元第 $FSEQ 号数据包.*$TMP.*拒绝导入第 $FSEQ 号数据包"
http_get gop "$INT_URL/ops/gap?before=x1" >/dev/null
t_is "a page key that is not a number: 400" "$HTTP_STATUS" 400

# --- missing sequences and re-send requests ---------------------------------------
# The extranet's next two did not come; the two after them did, and are held.
sql_int "INSERT INTO gap_held (dir, epoch, seq, hash, path, size, held_at) VALUES
	('ext2int', $EPOCH, $((IN + 3)), REPEAT('a', 64), '/held/status-$N-a', 100, UTC_TIMESTAMP() + INTERVAL 1 HOUR),
	('ext2int', $EPOCH, $((IN + 4)), REPEAT('b', 64), '/held/status-$N-b', 100, UTC_TIMESTAMP() + INTERVAL 1 HOUR)"
http_get gop "$INT_URL/ops/gap" >/dev/null
t_like "the missing count" "$(tile gs-missing)" '^缺号 2 '
t_is "named in plain words, the request not yet sent" "$(para gs-missing-text)" \
	"外网第 $((IN + 1))、$((IN + 2)) 号数据包没有收到（其后的第 $((IN + 3))、$((IN + 4)) 号已收到，暂存待导入），重发请求将随内网的下一个数据包发出：请运行 yiwang-gap export，把数据包带到外网导入。"
# The next export asks (a bundle with no records goes out for it, GAP-5).
sql_int "UPDATE gap_held SET held_at = UTC_TIMESTAMP() WHERE path LIKE '%status-$N%'"
gap_int export >/dev/null 2>&1 && rc=0 || rc=$?
ASKED=$(sql_int "SELECT MAX(seq) FROM gap_out WHERE hash IS NOT NULL")
t_is "the intranet's next bundle asks for them" "$rc $(sql_int "SELECT CONCAT_WS(',', JSON_LENGTH(acks, '$.missing'), JSON_VALUE(acks, '$.missing[0]'), JSON_VALUE(acks, '$.missing[1]')) FROM gap_out WHERE seq = $ASKED ORDER BY epoch DESC LIMIT 1")" \
	"0 2,$((IN + 1)),$((IN + 2))"
http_get gop "$INT_URL/ops/gap" >/dev/null
t_is "and where the request went" "$(para gs-missing-text)" \
	"外网第 $((IN + 1))、$((IN + 2)) 号数据包没有收到（其后的第 $((IN + 3))、$((IN + 4)) 号已收到，暂存待导入），已在内网第 $ASKED 号数据包中请求重发。请把那个数据包带到外网导入，再把外网重发的数据包带回来。"
# The extranet says, in its bundle FSEQ-1, that it misses two of the
# intranet's.
A=$((OUT - 1))
ACK_MISSING="[$A, $OUT]"
sql_int "INSERT INTO gap_ack (dir, epoch, upto, missing, from_epoch, from_seq, at) VALUES ('int2ext', 1, $((OUT - 2)), '$ACK_MISSING', $EPOCH, $((FSEQ - 1)), UTC_TIMESTAMP() - INTERVAL 1 MINUTE)"
http_get gop "$INT_URL/ops/gap" >/dev/null
t_like "the extranet's re-send request, in plain words" "$(para gs-request-text)" \
	"^外网没有收到内网第 $A、$OUT 号数据包，在外网第 $((FSEQ - 1)) 号数据包中请求重发（[0-9-]+ [0-9:]+ 导入）；第 $A、$OUT 号还没有重发：请运行 yiwang-gap export"
sql_int "UPDATE gap_out SET resent = 1, resent_at = UTC_TIMESTAMP(), resent_for = -$N WHERE epoch = 1 AND seq = $A"
http_get gop "$INT_URL/ops/gap" >/dev/null
t_like "one re-sent, one not" "$(para gs-request-text)" "；第 $A 号已重发；第 $OUT 号还没有重发"
t_like "the re-sent bundle shows it" "$(row "第 1 纪元第 $A 号")" '1 次'
cp "$HTTP_BODY_FILE" "$TEST_VAR/ops-gap-int.html"	# for screenshots

# --- yiwang-gap status says the same ------------------------------------------------
gap_int status >"$TMP/status" 2>&1
t_like "status: last out and in" "$(cat "$TMP/status")" "最后导出第 $ASKED 号（[0-9: -]+）；最后导入第 $IN 号"
t_like "status: missing and where asked" "$(cat "$TMP/status")" "缺号：外网第 $((IN + 1))、$((IN + 2)) 号数据包没有收到.*已在内网第 $ASKED 号数据包中请求重发"
t_like "status: the extranet's request" "$(cat "$TMP/status")" "回告：外网没有收到内网第 $A、$OUT 号数据包"
t_like "status: the alert with the operator" "$(cat "$TMP/status")" "#$ALERT .* ext2int/$EPOCH/$FSEQ .*（摆渡员 $ME）"
t_like "status: the last carries" "$(cat "$TMP/status")" "^最近的摆渡：$"
t_like "newest first: the bundle that asked, who, what" "$(grep -A1 '^最近的摆渡：$' "$TMP/status" | tail -1)" "^  [0-9-]+ [0-9:]+ $ME (心跳包|导出) int2ext/1/$ASKED "

# --- the extranet: the operations server alone ------------------------------------
http_get anon "$EXT_URL/ops/gap" >/dev/null
t_is "the public extranet has no such page (404)" "$HTTP_STATUS" 404
HTTP_CERT=none http_get ops "$OPS_URL/ops/gap" >/dev/null 2>&1 || true
t_is "the operations server refuses a browser without a certificate (400)" "$HTTP_STATUS" 400
t_unlike "and shows nothing of the page" "$HTTP_BODY" '网闸摆渡状态'
HTTP_CERT=$TEST_VAR/int/certs/liuxiaomei.p12 http_get ops "$OPS_URL/ops/gap" >/dev/null 2>&1 || true
t_is "nor with a staff certificate of the intranet's CA (400)" "$HTTP_STATUS" 400
outbox_ext <(printf '{"type":"test.status","n":%d}\n' 1 2 3)
E0=$(audits ext 'ops:韩旭')
HTTP_CERT=$OPS_P12 http_get ops "$OPS_URL/ops/gap" >/dev/null
t_is "with the gap operator's operations certificate: shown (200)" "$HTTP_STATUS" 200
t_like "naming the reader from the certificate" "$HTTP_BODY" '运维：韩旭'
cp "$HTTP_BODY_FILE" "$TEST_VAR/ops-gap-ext.html"
t_is "the view is audited on the extranet with that name" "$(audits ext 'ops:韩旭')" $((E0 + 1))
EOUT=$(sql_ext "SELECT MAX(seq) FROM gap_out WHERE hash IS NOT NULL")
EIN=$(sql_ext "SELECT MAX(seq) FROM gap_in WHERE dir = 'int2ext'")
t_like "the extranet's last bundle out" "$(tile gs-last-out)" "^最后发出 第 $EOUT 号 "
t_like "and in" "$(tile gs-last-in)" "^最后收到 第 $EIN 号 "
t_like "pending records by kind" "$(row 'test.status')" 'test.status.*>3<'
t_like "and in all" "$(tile gs-pending)" "^等待导出的记录 $(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE bundle_seq IS NULL") "
t_like "this site's record the intranet set aside, with its reason" "$(row "$REASON")" "内网.*application.correct"
t_like "the intranet's security alert about a bundle in the extranet's name, with the operator" \
	"$(row "对端拒绝了本站发出的数据包")" "外网→内网 第 $EPOCH 纪元第 $FSEQ 号数据包.*对端摆渡员 cli:$(id -un)）：拒绝导入第 $FSEQ 号数据包"
HTTP_CERT=$OPS_P12 http_get ops "$OPS_URL/" >/dev/null
t_is "the operations server serves nothing else (404)" "$HTTP_STATUS" 404
HTTP_CERT=$OPS_P12 http_get ops "$OPS_URL/guide?code=$CODE" >/dev/null
t_is "not even a public page (404)" "$HTTP_STATUS" 404
HTTP_CERT=$OPS_P12 http_get ops "$OPS_URL/ops/gap?before=-1" >/dev/null
t_is "a bad page key: 400 there too" "$HTTP_STATUS" 400
HTTP_CERT=$TEST_VAR/ext/certs/ops-liuxiaomei.p12 http_get ops2 "$OPS_URL/ops/gap" >/dev/null
t_is "the extranet's administrator's certificate opens it too" "$HTTP_STATUS" 200
t_like "in their name" "$HTTP_BODY" '运维：刘晓梅'

# --- roles: the gap operator holds that role alone (SEC-7, db/180) -----------------
out=$(YIWANG_PASSWORD=Baidu-Gap-2026x admin_int user-add gop2$N 摆渡测试 XXK gapop,clerk 2>&1) && rc=0 || rc=$?
t_isnt "user-add refuses a gap operator who is also a clerk" "$rc" 0
t_like "saying why" "$out" '网闸摆渡员只能担任这一种角色'
t_like "the database refuses it too" \
	"$(sql_int "UPDATE staff SET roles = 1026 WHERE login = 'hanxu'" 2>&1 || true)" 'staff_duties'
YIWANG_PASSWORD=Baidu-Gap-2026x admin_int user-add gop3$N 摆渡测试 XXK gapop >/dev/null 2>&1 && rc=0 || rc=$?
t_is "a gap operator alone is accepted" "$rc $(sql_int "SELECT roles FROM staff WHERE login = 'gop3$N'")" "0 1024"
t_done
