#!/usr/bin/env bash
# perf-exact.sh (SUP-4; issue #8): the performance figures stay exact
#   1. red lights go to the staff ids the warning recorded (145), not to
#      whoever bears a holder's name in the department: two 王志强 of
#      市场监管局, one red twice, only that one's figures and flag change;
#      a person renamed keeps theirs through a rebuild;
#   2. a decision whose transaction deadlocks on the summary rows is
#      retried (db_txn): one decision, one event, one summary increment;
#   3. a working-day calendar changed after cases ended: the tick recounts
#      the days it touches (146), and perf-rebuild --check finds nothing.
# Its cases live in 2024 (part 1) and 2023 (part 3), years no other test
# uses, and all end decided.
. "$(dirname "$0")/../lib.sh"

SCJG=152502-SCJG-XK-001		# 受理 1, 承办 3, 批准 1 working days
at() {
	clock_at "$1"
	staff_login clerk sarengaowa
	staff_login handler wangzhiqiang
	staff_login leader bateer
}
act() { # JAR ACTION [k=v…]: on case $CASE
	local jar=$1 action=$2
	shift 2
	case_post "$jar" /case/act "action=$action" "$@"
	[[ $HTTP_STATUS == 303 ]] || t_diag "$action on case $CASE: $HTTP_STATUS $(alert_text)"
}
approve() { act leader approve "text=符合条件，准予许可。" scope=预包装食品销售 valid_until=2030-12-31; }
cell() { L=$2 perl -ne 'if (/data-label="\Q$ENV{L}\E"[^>]*>(.*?)<\/td>/) { ($t = $1) =~ s/<[^>]*>//g; $t =~ s/^\s+|\s+$//g; print $t }' <<<"$1"; }
# person_cells: 红灯 and 按规定 of each 王志强 row of the last page, by id.
person_cells() { local r; while IFS= read -r r; do printf '%s %s\n' "$(cell "$r" 红灯)" "$(cell "$r" 按规定)"; done < <(rows '>王志强<'); }

# --- 1. red lights by id ------------------------------------------------------------
# A second 王志强 in 市场监管局, a handler too, on leave (inactive) while
# the steps below turn red: the warnings cannot name him.
WANG=$(sql_int "SELECT id FROM staff WHERE login = 'wangzhiqiang'")
sql_int "INSERT INTO staff (login, name, dept_id, roles, pw_hash, active) SELECT 'wangzhiqiang2', name, dept_id, roles, pw_hash, 0 FROM staff WHERE id = $WANG"
WANG2=$(sql_int "SELECT id FROM staff WHERE login = 'wangzhiqiang2'")
t_like "two 王志强 in 市场监管局, both handlers" "$(sql_int "SELECT COUNT(*) FROM staff WHERE name = '王志强' AND roles & 4 AND dept_id = (SELECT dept_id FROM staff WHERE id = $WANG)") $WANG2" '^2 [0-9]+$'

at "2024-03-04 09:00"		# a Monday; 2024 has no calendar loaded
D1=$(case_from_ext $SCJG); D2=$(case_from_ext $SCJG)
at "2024-03-04 10:00"
for CASE in $D1 $D2; do act clerk accept; done
# The review (3 working days) was due on the 7th: red on the 8th.
at "2024-03-08 10:00"
admin_int tick >/dev/null
t_is "the tick warned of D1's and D2's review" \
	"$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id IN ($D1,$D2) AND step_key = 'review'")" 2
HOLDERS=$(sql_int "SELECT GROUP_CONCAT(id ORDER BY id) FROM staff WHERE dept_id = (SELECT dept_id FROM staff WHERE id = $WANG) AND roles & 4 AND active = 1")
t_is "each names its holders' ids, in the order of their names" \
	"$(sql_int "SELECT DISTINCT CONCAT(holders, ' ', holder_ids) FROM deadline_warning WHERE case_id IN ($D1,$D2)")" \
	"$(sql_int "SELECT CONCAT(GROUP_CONCAT(name ORDER BY id SEPARATOR '、'), ' $HOLDERS') FROM staff WHERE id IN ($HOLDERS)")"
t_like "王志强 (on duty) is one of them" ",$HOLDERS," ",$WANG,"
t_unlike "his namesake on leave is not" ",$HOLDERS," ",$WANG2,"
t_is "perf_red: 2 lights for 王志强, none for his namesake" \
	"$(sql_int "SELECT COUNT(*) FROM perf_red WHERE staff_id = $WANG AND day = '2024-03-08'") $(sql_int "SELECT COUNT(*) FROM perf_red WHERE staff_id = $WANG2")" "2 0"
for CASE in $D1 $D2; do act handler sign verdict=agree "text=同意。"; approve; done
t_is "D1 and D2 approved" "$(sql_int "SELECT COUNT(*) FROM kase WHERE id IN ($D1,$D2) AND state = 'approved'")" 2
clock_real
sql_int "UPDATE staff SET active = 1 WHERE id = $WANG2"	# back from leave

int_login sup zhaoyanhong
http_get sup "$INT_URL/sup/perf/dept?code=SCJGJ&from=2024-03-01&to=2024-03-31" >/dev/null
t_is "GET /sup/perf/dept for March 2024: 200" "$HTTP_STATUS" 200
t_is "two rows of 王志强 (by id): only the first red twice, 本人本年度不参与评优" \
	"$(person_cells)" "2／2 本人本年度不参与评优
0／0 —"
t_is "the namesake has no figures of the other's either" \
	"$(cell "$(rows '>王志强<' | sed -n 2p)" 办理环节) $(cell "$(rows '>王志强<' | sed -n 1p)" 办理环节)" "0 2"

# Renamed, he keeps his lights, through a rebuild too (by name he would
# lose them); rows written before 145 keep the match by name.
sql_int "UPDATE staff SET name = '王志强甲' WHERE id = $WANG"
admin_int perf-rebuild >/dev/null 2>&1
t_is "renamed and rebuilt: D1's and D2's lights stay his" \
	"$(sql_int "SELECT COUNT(*) FROM perf_red WHERE staff_id = $WANG AND warning_id IN (SELECT id FROM deadline_warning WHERE case_id IN ($D1,$D2))") $(sql_int "SELECT COUNT(*) FROM perf_red WHERE staff_id = $WANG2 AND warning_id IN (SELECT id FROM deadline_warning WHERE case_id IN ($D1,$D2))")" "2 0"
sql_int "UPDATE staff SET name = '王志强' WHERE id = $WANG"
# A row as written before 145 (no ids), tried in a transaction undone.
t_is "a warning without ids (written before 145) still goes by name: both 王志强" \
	"$(sql_int "START TRANSACTION; INSERT INTO deadline_warning (at, case_id, app_no, step_key, step_name, dept_code, holders, due_date, days_late, prev_hash, hash) SELECT at, case_id, app_no, 'legacy', step_name, dept_code, '王志强', due_date, days_late, '', '' FROM deadline_warning WHERE case_id = $D1; SELECT GROUP_CONCAT(staff_id ORDER BY staff_id) FROM perf_red WHERE warning_id = LAST_INSERT_ID(); ROLLBACK")" "$WANG,$WANG2"
admin_int audit-verify >"$_T_DIR/verify" 2>&1
t_is "audit-verify: the warnings' chain holds with the ids in it" "$?" 0
t_diag "$(tail -3 "$_T_DIR/verify")"
# The namesake leaves the department's name to the other tests.
sql_int "UPDATE staff SET name = '王志刚', active = 0 WHERE id = $WANG2"

# --- 2. a decision that deadlocks on a summary row is retried ------------------------
# D3 waits for the handler's review on 11 March 2024.  Another session
# (heavy with 5,000 rows written, so that InnoDB picks the decision as
# the deadlock's victim) takes the handler's summary row of that day,
# then, once the decision holds the case's row and waits for that summary
# row, asks for the case's row: a real deadlock.  The decision is rolled
# back by InnoDB and run again whole (db_txn), and goes through once.
at "2024-03-11 09:00"
D3=$(case_from_ext $SCJG)
at "2024-03-11 10:00"
CASE=$D3; act clerk accept
DAY=2024-03-11
person() { sql_int "SELECT CONCAT_WS(' ', COALESCE(SUM(acts), 0), COALESCE(SUM(opinions), 0)) FROM perf_person_day WHERE staff_id = $WANG AND day = '$DAY'"; }
before=$(person)
retries=$(grep -c 'transaction retried' "$TEST_VAR/int/fcgi.log" || true)
sql_int "CREATE TABLE perfx_weight (n INT) ENGINE=InnoDB"
sql_int "START TRANSACTION; INSERT INTO perfx_weight SELECT seq FROM seq_1_to_5000; INSERT INTO perf_person_day (staff_id, day) VALUES ($WANG, '$DAY') ON DUPLICATE KEY UPDATE acts = acts; SELECT SLEEP(3); SELECT id FROM kase WHERE id = $D3 FOR UPDATE; SELECT SLEEP(1); ROLLBACK" >"$_T_DIR/other" 2>&1 &
other=$!
sleep 1
case_post handler /case/act action=sign verdict=agree "text=同意。"
status=$HTTP_STATUS
wait $other
t_like "the other session got the case's row once the decision gave way" "$(cat "$_T_DIR/other")" "^$D3\$"
t_is "the decision went through: 303" "$status" 303
t_is "it was retried after a deadlock (the worker's log)" \
	"$(($(grep -c 'transaction retried' "$TEST_VAR/int/fcgi.log") - retries))" 1
t_is "one event and one opinion of the review" \
	"$(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $D3 AND action = 'sign'") $(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id = $D3")" "1 1"
t_is "the handler's summary of the day: one act and one opinion more" \
	"$(person)" "$(awk '{ print $1 + 1, $2 + 1 }' <<<"$before")"
sql_int "DROP TABLE perfx_weight"
CASE=$D3; approve
t_is "D3 approved" "$(sql_int "SELECT state FROM kase WHERE id = $D3")" approved
clock_real

# --- 3. a calendar changed after the cases ended ------------------------------------------
# 2023's calendar: one day off, 1 May (as a schedule might be first loaded).
# E is received on Monday 6 March 2023 and approved on Thursday the 9th:
# 3 working days (7th, 8th, 9th).  Then the 8th is declared a day off:
# its duration is 2, on /sup/perf once the tick has run (no rebuild), and
# the summaries are what a rebuild gives.
printf '2023-05-01 休 劳动节\n' >"$_T_DIR/2023a.txt"
printf '2023-03-08 休 临时放假\n2023-05-01 休 劳动节\n' >"$_T_DIR/2023b.txt"
t_like "2023's calendar loaded" "$(admin_int calendar-load "$_T_DIR/2023a.txt" 2>&1)" '2023'
admin_int tick >/dev/null 2>&1
t_is "its new day counted by the tick: nothing marked" "$(sql_int "SELECT COUNT(*) FROM perf_stale")" 0
at "2023-03-06 09:00"
E=$(case_from_ext $SCJG)
at "2023-03-06 10:00"
CASE=$E; act clerk accept; act handler sign verdict=agree "text=同意。"
at "2023-03-09 10:00"
CASE=$E; approve
clock_real
t_is "E approved on the 9th, 3 working days after the 6th" \
	"$(sql_int "SELECT state, DATE(decided_at + INTERVAL 8 HOUR) FROM kase WHERE id = $E") $(admin_int workdays between 2023-03-06 2023-03-09 2>/dev/null)" \
	"approved	2023-03-09 3"
P="from=2023-03-01&to=2023-03-31"
http_get sup "$INT_URL/sup/perf?$P" >/dev/null
t_is "/sup/perf for March 2023: 1 decided, 平均用时 3.0" \
	"$(cell "$(row 'code=SCJGJ&amp;')" 办结) $(cell "$(row 'code=SCJGJ&amp;')" 平均用时)" "1 3.0"

recounts=$(sql_int "SELECT COUNT(*) FROM perf_recount")
t_like "the 8th declared a day off" "$(admin_int calendar-load "$_T_DIR/2023b.txt" 2>&1)" '2023'
t_is "which marks it (or the running tick has already recounted it)" \
	"$(sql_int "SELECT (SELECT COUNT(*) FROM perf_stale WHERE day = '2023-03-08') + (SELECT COUNT(*) FROM perf_recount WHERE id > $recounts AND '2023-03-08' BETWEEN changed_from AND changed_to)")" 1
t_is "the calendar now says 2 working days" "$(admin_int workdays between 2023-03-06 2023-03-09 2>/dev/null)" 2
admin_int tick >"$_T_DIR/tick" 2>&1
t_is "after the tick nothing is left marked" "$(sql_int "SELECT COUNT(*) FROM perf_stale")" 0
t_like "a recount of the 8th alone (1 May, loaded again as it was, is no change) counted its decision days again" \
	"$(sql_int "SELECT CONCAT_WS(' ', changed_from, changed_to, days) FROM perf_recount WHERE id > $recounts ORDER BY id LIMIT 1")" \
	'^2023-03-08 2023-03-08 [1-9][0-9]*$'
http_get sup "$INT_URL/sup/perf?$P" >/dev/null
t_is "/sup/perf: 平均用时 2.0 now, without perf-rebuild" \
	"$(cell "$(row 'code=SCJGJ&amp;')" 办结) $(cell "$(row 'code=SCJGJ&amp;')" 平均用时)" "1 2.0"
http_get sup "$INT_URL/sup/perf/dept?code=SCJGJ&$P" >/dev/null
t_is "and per person: 巴特尔, who approved it, 2.0 too" "$(cell "$(row '>巴特尔<')" 平均用时)" "2.0"
http_get sup "$INT_URL/sup/stats?by=month&$P" >/dev/null
t_like "and the statistics by month (the month summary)" "$(row '2023年3月')" 'data-label="平均用时" class="num">2.0<'
out=$(admin_int perf-rebuild --check 2>&1)
t_is "perf-rebuild --check: no difference, exit 0" "$? $out" "0 绩效汇总与重算一致：0 处不同。"

# --check sees a summary that is wrong; a rebuild puts it right.
sql_int "UPDATE perf_case_day SET work_days = work_days + 5 WHERE day = '2023-03-09' AND dept_code = 'SCJGJ' AND result = 'approved'"
out=$(admin_int perf-rebuild --check 2>&1)
t_is "a day row changed by hand: --check finds it, exit 1" "$? $out" \
	"1 绩效汇总与重算不一致：按日 1 行、按月 0 行、按人 0 行、红灯 0 行不同，请运行 perf-rebuild 重算。"
admin_int perf-rebuild >/dev/null 2>&1
t_is "and after a rebuild, none" "$(admin_int perf-rebuild --check 2>&1)" "绩效汇总与重算一致：0 处不同。"

t_done
