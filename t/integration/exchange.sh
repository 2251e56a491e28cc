#!/usr/bin/env bash
# exchange.sh (XCH-1; docs/exchange.md, cgi/domain/xch.h): the export for
# the provincial supervision system holds a real case's journey, its
# events and its warnings, the applicant's name masked, and no generated
# case; an export from the watermark it printed holds only what came
# after; a batch import of a file that mixes good and bad lines stores
# exactly the good ones, each in full, and reports every bad one with its
# line, field and reason; importing the file again changes nothing.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可 (SCJGJ): 受理 → 承办 → 批准
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login leader bateer
# beijing MINUTES: the Beijing time MINUTES from now, for clock_at.
beijing() { date -u -d "+8 hours +$1 minutes" '+%Y-%m-%d %H:%M'; }
json_field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

CASE=$(case_from_ext "$CODE")
t_like "a real case" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
case_post clerk /case/act action=accept
case_post handler /case/act action=sign verdict=agree "text=同意。"
case_post leader /case/act action=approve "text=符合条件。" scope=预包装食品销售 valid_until=2031-12-05
t_is "… decided" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
# A red step of a generated case, and one of this real case, for the
# warnings: the real one written as the tick writes it.
admin_int demo-history --cases 60 --seed 5 >/dev/null
t_isnt "generated cases beside it" "$(sql_int "SELECT COUNT(*) FROM kase WHERE demo = 1")" 0

# Rows are exported once a minute old.
clock_at "$(beijing 3)"
admin_int sup-export --since 0 --out "$_T_DIR/all.jsonl" >"$_T_DIR/w1" 2>"$_T_DIR/err"
t_is "sup-export succeeds" "$?" 0
W1=$(cat "$_T_DIR/w1")
t_like "it prints the new watermark" "$W1" '^1\.[0-9]+\.[0-9]+$'
ALL=$(cat "$_T_DIR/all.jsonl")
t_like "a header first" "$(head -1 <<<"$ALL")" '^\{"type":"header","format":"yiwang-sup-export","version":1,"since":"0",'
t_like "an end line last, with the watermark" "$(tail -1 <<<"$ALL")" "^\\{\"type\":\"end\",\"watermark\":\"$W1\","
t_is "every line is JSON" "$(python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]; print("ok")' "$_T_DIR/all.jsonl" 2>&1)" ok
CASELINE=$(grep "\"type\":\"case\",\"app_no\":\"$APP\"" <<<"$ALL")
t_is "the real case, once" "$(grep -c . <<<"$CASELINE")" 1
t_like "… as it stands: approved, its item and department" "$CASELINE" "\"item_code\":\"$CODE\".*\"dept_code\":\"SCJGJ\".*\"state\":\"approved\""
t_like "… decided at a UTC time" "$CASELINE" '"decided_at":"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"'
t_like "… the applicant's name masked" "$CASELINE" '"applicant_name":"乌\*+"'
t_unlike "… and no ID number or mobile" "$CASELINE" '152502199003150027|13947901234'
t_is "its four events, in order" \
    "$(grep "\"type\":\"event\".*\"app_no\":\"$APP\"" <<<"$ALL" | sed 's/.*"action":"\([a-z-]*\)".*/\1/' | paste -sd,)" \
    receive,accept,sign,approve
E1=$(cut -d. -f2 <<<"$W1")
t_is "every event up to the watermark's is there" \
    "$(grep -c '"type":"event"' <<<"$ALL")" \
    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 0 AND e.id <= $E1")"
t_is "the end line counts them" "$(json_field "$(tail -1 <<<"$ALL")" events)" "$(grep -c '"type":"event"' <<<"$ALL")"
t_unlike "no generated case" "$ALL" '"app_no":"YD'

# A warning of the real case (a step made late by hand, warned by the
# tick), then a second case: only they come after the watermark.
CASE2=$(case_from_ext "$CODE")
APP2=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE2")
sql_int "UPDATE case_task SET due_date = '2026-01-05' WHERE case_id = $CASE2"
admin_int tick >/dev/null 2>&1
t_is "the tick warned of the late step" "$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE2")" 1
clock_at "$(beijing 6)"
admin_int sup-export --since "$W1" --out "$_T_DIR/next.jsonl" >"$_T_DIR/w2" 2>/dev/null
t_is "the export from the watermark succeeds" "$?" 0
NEXT=$(cat "$_T_DIR/next.jsonl")
t_is "it holds the new case only" "$(grep '"type":"case"' <<<"$NEXT" | sed 's/.*"app_no":"\([A-Z0-9]*\)".*/\1/' | paste -sd,)" "$APP2"
t_is "… its one event" "$(grep -c '"type":"event"' <<<"$NEXT")" 1
t_like "… and its warning" "$(grep '"type":"warning"' <<<"$NEXT")" "\"app_no\":\"$APP2\".*\"due_date\":\"2026-01-05\""
t_unlike "nothing of the first case again" "$NEXT" "$APP\""
W2=$(cat "$_T_DIR/w2")
admin_int sup-export --since "$W2" --out "$_T_DIR/none.jsonl" >/dev/null 2>&1
t_is "from the newest watermark: nothing" "$(grep -vc '"type":"\(header\|end\)"' "$_T_DIR/none.jsonl")" 0
admin_int sup-export --since 1.x.2 >/dev/null 2>"$_T_DIR/err"
t_is "a malformed watermark is refused" "$?" 64
t_like "… saying what a watermark is" "$(cat "$_T_DIR/err")" '水位应为 0'
admin_int demo-history --remove >/dev/null

# Import.  A valid ID number of 152502 for person N.
idno() {
	local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) c=10X98765432 s=0 i b
	b=15250219850612$(printf '%03d' "$1")
	for i in $(seq 0 16); do s=$((s + ${b:i:1} * w[i])); done
	printf '%s%s\n' "$b" "${c:s % 11:1}"
}
row() { # SOURCE_ID [field=value…]: a good line, with fields replaced
	python3 - "$@" <<'EOF'
import json, sys
r = {"source_system": "锡林浩特市市场监管业务系统", "source_id": sys.argv[1],
     "item_code": "152502-SCJG-XK-001", "dept_code": "SCJGJ",
     "applicant_name": "陈建国", "id_number": sys.argv[2], "mobile": "13847912345",
     "channel": "window", "submitted_at": "2026-11-02 09:15",
     "accepted_at": "2026-11-02 10:00", "decided_at": "2026-11-09 16:30:00",
     "state": "approved", "remark": "窗口受理，部门系统办结"}
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    if v == "DROP": del r[k]
    elif v == "NULL": r[k] = None
    else: r[k] = v
print(json.dumps(r, ensure_ascii=False))
EOF
}
F=$_T_DIR/import.jsonl
BADID=$(idno 5)
case ${BADID:17:1} in
X) BADID=${BADID:0:17}0 ;;
*) BADID=${BADID:0:17}$(((${BADID:17:1} + 1) % 10)) ;;
esac
{
	row SC-001 "$(idno 1)"						# 1 good
	row SC-002 "$(idno 2)" state=processing decided_at=NULL		# 2 good
	row SC-003 "$(idno 3)" item_code=152502-NO-SUCH-1		# 3 no item
	row SC-004 "$(idno 4)" dept_code=ZRZYJ				# 4 not its department
	row SC-005 "$BADID"						# 5 check digit
	row SC-006 "$(idno 6)" "decided_at=2026-11-01 08:00"		# 6 before acceptance
	row SC-007 "$(idno 7)" state=finished				# 7 no such state
	printf '{"source_system": "x", "source_id": "SC-008", "applicant_name": "\xff\xfe"}\n'	# 8 not UTF-8
	echo 'source_id,SC-009'						# 9 not JSON
	row SC-010 "$(idno 10)" mobile=DROP				# 10 missing
	row SC-011 "$(idno 11)" "applicant_name=$(printf '陈%.0s' $(seq 1 51))"	# 11 too long
	row SC-012 "$(idno 12)" colour=red				# 12 unknown field
	row SC-013 "$(idno 13)" "submitted_at=2026-02-30 09:00"		# 13 no such day
	row SC-014 "$(idno 14)" "submitted_at=2099-01-01 09:00" accepted_at=NULL decided_at=NULL state=received	# 14 future
	row SC-015 "$(idno 15)" state=processing			# 15 decided but open
	row "SC 016" "$(idno 16)"					# 16 bad source id
} >"$F"
admin_int case-import "$F" >"$_T_DIR/report" 2>&1
t_is "an import with refused lines exits 2" "$?" 2
REPORT=$(cat "$_T_DIR/report")
t_like "it sums up" "$REPORT" '共 16 行：导入 2 件，此前已导入 0 件，拒绝 14 行。'
t_like "line 3: no such item" "$REPORT" '^第 3 行 item_code：没有这个事项'
t_like "line 4: another department's" "$REPORT" '^第 4 行 dept_code：部门与事项的实施部门（SCJGJ'
t_like "line 5: the check character" "$REPORT" '^第 5 行 id_number：'
t_like "line 6: dates out of order" "$REPORT" '^第 6 行 decided_at：办结时间早于受理时间'
t_like "line 7: a state not in the vocabulary" "$REPORT" '^第 7 行 state：状态应为'
t_like "line 8: not UTF-8" "$REPORT" '^第 8 行：这一行不是有效的 UTF-8 文字'
t_like "line 9: not JSON" "$REPORT" '^第 9 行：这一行不是一个 JSON 对象'
t_like "line 10: a field missing" "$REPORT" '^第 10 行 mobile：缺少这个字段'
t_like "line 11: too long" "$REPORT" '^第 11 行 applicant_name：太长：至多 50 个字'
t_like "line 12: an unknown field" "$REPORT" '^第 12 行：有本格式没有的字段'
t_like "line 13: no such day" "$REPORT" '^第 13 行 submitted_at：时间格式不正确'
t_like "line 14: in the future" "$REPORT" '^第 14 行 submitted_at：申请时间晚于现在'
t_like "line 15: decided time on an open case" "$REPORT" '^第 15 行 decided_at：尚未办结的办件不能填写办结时间'
t_like "line 16: a source id with a space" "$REPORT" '^第 16 行 source_id：'
t_is "no report of a good line" "$(grep -cE '^第 (1|2) 行' <<<"$REPORT")" 0
t_is "exactly the good lines are stored" \
    "$(sql_int "SELECT GROUP_CONCAT(source_id ORDER BY source_id) FROM case_import")" SC-001,SC-002
C1=$(sql_int "SELECT case_id FROM case_import WHERE source_id = 'SC-001'")
t_is "the first, approved, with its times (UTC)" \
    "$(sql_int "SELECT CONCAT_WS('|', state, source, item_code, submitted_at, accepted_at, decided_at, applicant_name) FROM kase WHERE id = $C1")" \
    "approved|window|$CODE|2026-11-02 01:15:00|2026-11-02 02:00:00|2026-11-09 08:30:00|陈建国"
t_like "… numbered as imported" "$(sql_int "SELECT app_no FROM kase WHERE id = $C1")" '^YJ[0-9]{10}$'
t_is "… with its import event" \
    "$(sql_int "SELECT CONCAT_WS('|', seq, action, state, note) FROM case_event WHERE case_id = $C1")" \
    "1|import|approved|来源：锡林浩特市市场监管业务系统，原编号 SC-001。"
t_isnt "… and its deadlines" "$(sql_int "SELECT promised_due IS NOT NULL FROM kase WHERE id = $C1")" 0
t_is "… the ID number sealed" "$(sql_int "SELECT id_sealed LIKE 'pii1:%' FROM kase WHERE id = $C1")" 1
t_is "the second is open, accepted" \
    "$(sql_int "SELECT CONCAT_WS('|', k.state, k.decided_at IS NULL, k.accepted_at IS NOT NULL) FROM kase k JOIN case_import c ON c.case_id = k.id WHERE c.source_id = 'SC-002'")" \
    "processing|1|1"
BEFORE=$(sql_int "SELECT CONCAT((SELECT COUNT(*) FROM kase), '/', (SELECT COUNT(*) FROM case_event), '/', (SELECT COUNT(*) FROM case_import))")
admin_int case-import "$F" >"$_T_DIR/report2" 2>&1
t_like "importing it again stores nothing new" "$(cat "$_T_DIR/report2")" '共 16 行：导入 0 件，此前已导入 2 件，拒绝 14 行。'
t_is "… and changes nothing" \
    "$(sql_int "SELECT CONCAT((SELECT COUNT(*) FROM kase), '/', (SELECT COUNT(*) FROM case_event), '/', (SELECT COUNT(*) FROM case_import))")" "$BEFORE"
head -2 "$F" >"$_T_DIR/good.jsonl"
admin_int case-import "$_T_DIR/good.jsonl" >/dev/null 2>&1
t_is "a file of good lines already imported exits 0" "$?" 0
t_is "both imports are audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'exchange.import'")" 3
t_done
