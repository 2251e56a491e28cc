#!/usr/bin/env bash
# hall.sh (PUB-1 hall display, SUP-4, SUP-6; issue #8): a case that the
# tick deems accepted, and that this completes, is decided then: it has
# its decided_at, counts among the day's decisions on /hall, in the
# statistics' summary and in its published result; the hall's numbers
# come from the summaries the triggers keep (perf_case_day,
# sup_open_count), and are exactly the direct counts of kase on a small
# generated history, at a day in its middle (clock_at); `perf-rebuild
# --check` and `dash-rebuild --check` find the summaries right, and find
# a summary that is wrong.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
N=$$
HALL=XLHT-ZWFWZX	# the hall of 市场监督管理局 (SCJGJ)
wd() { admin_int workdays "$@" 2>/dev/null; }
# direct DAY: every hall's "code received decided open" counted from kase
# as /hall counted before the summaries, for Beijing day DAY.
direct() {
	sql_int "SELECT h.code,
	 (SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code
	  WHERE d.hall_code = h.code AND k.received_at >= '$1' - INTERVAL 8 HOUR),
	 (SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code
	  WHERE d.hall_code = h.code AND k.decided_at >= '$1' - INTERVAL 8 HOUR
	  AND k.state IN ('approved', 'denied', 'not_accepted')),
	 (SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code
	  WHERE d.hall_code = h.code AND k.state IN ('received', 'correcting', 'processing', 'suspended', 'reported'))
	 FROM hall h ORDER BY h.code"
}
# sent DAY: what the tick last sent of every hall, when it was for DAY.
sent() {
	sql_int "SELECT h.code, COALESCE(p.received, -1), COALESCE(p.decided, -1), COALESCE(p.in_progress, -1)
	 FROM hall h LEFT JOIN pub_hall p ON p.hall_code = h.code AND p.day = '$1' ORDER BY h.code"
}

# --- 1. deemed accepted, and so decided ------------------------------------
# Deeming a case accepted fires its intake step; it completes the case
# when the procedure ends there.  The editor and the loader want two steps
# at least, so the item is published with two and its stored definition
# is then cut to its 受理 alone (what a procedure of one step would be),
# after its case has arrived.
CODE=152502-SCJG-H$N
cat >"$TMP/one.json" <<JSON
{ "code": "$CODE", "name": "食品小作坊登记（视为受理测试$N）", "kind": "行政许可",
  "dept_code": "SCJGJ", "dept_name": "市场监督管理局", "level": "县级",
  "basis": "《食品安全法》", "conditions": "", "statutory_days": 10, "promised_days": 5,
  "instant": false, "fee": "不收费", "place": "政务服务中心", "hours": "工作日",
  "phone": "0479-8262101", "complaint_phone": "12345", "visits": 0, "depth": "A",
  "materials": [ { "name": "申请表", "original": "原件", "copies": 1, "required": true } ],
  "procedure": { "steps": [
    { "key": "accept", "name": "受理", "role": "clerk", "days": 1, "doc": "accept" },
    { "key": "review", "name": "审核", "role": "leader", "days": 2, "doc": "decision" } ],
    "flows": [ ["start","accept"], ["accept","review"], ["review","end"] ], "returns": [] } }
JSON
t_ok "an item is stored" admin_int item-load "$TMP/one.json"
t_ok "and published" admin_int publish "$CODE" 1
carry int ext
CASE=$(case_from_ext "$CODE")
t_like "a case of it from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $CASE")
sql_int "DELETE FROM item_flow WHERE item_id = $ITEM AND seq = 3; UPDATE item_flow SET to_key = 'end' WHERE item_id = $ITEM AND seq = 2; DELETE FROM item_step WHERE item_id = $ITEM AND skey = 'review'"
t_is "its procedure is now 受理 alone" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(from_key, '>', to_key) ORDER BY seq) FROM item_flow WHERE item_id = $ITEM")" "start>accept,accept>end"
INTAKE=$(sql_int "SELECT intake_due FROM kase WHERE id = $CASE")
DAY=$(wd add "$INTAKE" 1)
clock_at "$DAY 10:00"
admin_int tick >"$TMP/tick" 2>&1
t_like "the next working day after its intake deadline the tick deems it accepted" \
	"$(cat "$TMP/tick")" "逾期视为受理 [1-9][0-9]* 件"
t_is "which completes it: approved, decided that day" \
	"$(sql_int "SELECT CONCAT_WS(' ', state, DATE(decided_at + INTERVAL 8 HOUR)) FROM kase WHERE id = $CASE")" \
	"approved $DAY"
t_is "it waits at no step any more" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
t_is "its result is published as of that day" \
	"$(sql_int "SELECT CONCAT_WS(' ', decision, decided_on) FROM pub_result WHERE case_id = $CASE")" "approved $DAY"
t_is "the statistics' day summary counts it as ended, approved" \
	"$(sql_int "SELECT SUM(ended) FROM perf_case_day WHERE item_code = '$CODE' AND result = 'approved' AND day = '$DAY'")" 1
admin_int tick >/dev/null 2>&1
t_is "the hall's numbers of that day are the direct counts" "$(sent "$DAY")" "$(direct "$DAY")"
t_is "and its decided figure counts the deemed case" \
	"$(sql_int "SELECT p.decided >= 1 AND p.decided = (SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code WHERE d.hall_code = '$HALL' AND k.decided_at >= '$DAY' - INTERVAL 8 HOUR AND k.state IN ('approved', 'denied', 'not_accepted') AND k.id <> $CASE) + 1 FROM pub_hall p WHERE p.hall_code = '$HALL'")" 1
t_ok "carried" carry int ext
http_get anon "$EXT_URL/hall?code=$HALL" >/dev/null
read -r _ RCV DCD OPEN <<<"$(sent "$DAY" | grep "^$HALL")"
t_is "the extranet's /hall shows them" \
	"$(grep -o 'hall-fig-num">[0-9]*' <<<"$HTTP_BODY" | cut -d'>' -f2 | tr '\n' ' ')" "$RCV $DCD $OPEN "
clock_real

# --- 2. the summaries are the counts, on a small history -----------------------
admin_int demo-history --remove >/dev/null 2>&1	# another script's, if any
t_ok "a small generated history" admin_int demo-history --cases 400 --years 1 --before 1 --seed 5
t_ok "perf-rebuild --check: the day summary is the recount" admin_int perf-rebuild --check
t_ok "dash-rebuild --check: so is the open-case summary" admin_int dash-rebuild --check
# A day in the middle of it: its receipts and decisions since, and what is
# open now.
MID=$(sql_int "SELECT DATE(received_at + INTERVAL 8 HOUR) FROM kase WHERE demo = 1 ORDER BY received_at LIMIT 1 OFFSET 300")
t_like "a day of the history" "$MID" '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
clock_at "$MID 16:00"
admin_int tick >/dev/null 2>&1
EXPECT=$(direct "$MID")
t_is "the tick sent every hall's numbers of that day, exactly the direct counts" "$(sent "$MID")" "$EXPECT"
t_ok "which are not all nothing" test "$(awk '{ s += $2 + $3 } END { print s }' <<<"$EXPECT")" -gt 0
clock_real
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
admin_int tick >/dev/null 2>&1
t_is "and today's, at the real time" "$(sent "$TODAY")" "$(direct "$TODAY")"

# A summary that is wrong is found, and the rebuild puts it right.
sql_int "UPDATE perf_case_day SET received = received + 1 WHERE day = '$MID' AND result = '' LIMIT 1"
out=$(admin_int perf-rebuild --check 2>&1); rc=$?
t_is "perf-rebuild --check finds a count that is off" "$rc" 1
t_like "and says so in Chinese" "$out" '绩效汇总与重算不一致：按日 1 行、按月 0 行'
t_ok "perf-rebuild recomputes it" admin_int perf-rebuild
t_ok "and the check agrees again" admin_int perf-rebuild --check
t_ok "the history removed" admin_int demo-history --remove
t_ok "the summaries still agree after the removal" admin_int perf-rebuild --check
t_done
