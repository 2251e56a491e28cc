#!/usr/bin/env bash
# lifecycle.sh (TIME-1, TIME-2, INT-2, INT-9, INT-10, INT-11, SUP-1; issue #7
# "The proof"): one case lived on chosen days, every program of both sites
# (the pages, the gap tool, the tick) and both databases at the same set
# clock (clock_at, t/lib.sh).  Submitted on Friday 2026-09-18, accepted on
# Monday 09-21, stopped on 09-24 for a 现场勘查 of 10 working days across
# 中秋 and 国庆, resumed on 10-15, decided on 10-15.  Every date below is
# hand-counted on the State Council's 2026 schedule (db/calendar/2026.txt):
#   promised (5 working days from 09-18): 09-20 (a Sunday worked), 21, 22,
#     23, 24 → 2026-09-24;
#   statutory (15): … 24, 28, 29, 30, 10-08, 09, 10 (a Saturday worked),
#     12, 13, 14, 15 → 2026-10-15;
#   intake (5): 2026-09-24;  受理 as a step (1): 09-20, the Sunday worked,
#     so accepting on Monday is that step's first red light (the tick run
#     here before the clerk acts; the background tick may run too);
#   审查 (3 from 09-21): 22, 23, 24 → 2026-09-24;
#   the procedure, 09-24 to 10-15: 28, 29, 30, 10-08, 09, 10 (Saturday
#     worked), 12, 13, 14, 15 → 10 working days owed to every term:
#   promised 2026-10-15, statutory (10-16, 19, 20, 21, 22, 23, 26, 27, 28,
#   29) 2026-10-29, 审查 2026-10-15.
# The item is one no other suite edits, so its limits are the demo's.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-010	# 特种设备使用登记: 受理 1 → 审查 3 → 批准 1; promised 5, statutory 15
IDNO=152502199003150027
due() { sql_int "SELECT CONCAT_WS(' ', intake_due, promised_due, statutory_due) FROM kase WHERE id = $CASE"; }
logins() {	# a new day: the sessions of yesterday have lapsed
	staff_login clerk sarengaowa
	staff_login handler wangzhiqiang
	staff_login leader bateer
}

clock_at "2026-09-18 10:00"
CASE=$(case_from_ext "$CODE")
t_like "applied on Friday 2026-09-18" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
t_is "the extranet wrote the set day" "$(sql_ext "SELECT DATE(submitted_at + INTERVAL 8 HOUR) FROM application WHERE app_no = '$APP'")" 2026-09-18
t_like "and numbered it so" "$APP" '^YW20260918'
t_is "the intranet received it then" "$(sql_int "SELECT DATE_FORMAT(received_at + INTERVAL 8 HOUR, '%Y-%m-%d %H') FROM kase WHERE id = $CASE")" "2026-09-18 10"
t_is "intake, promised and statutory deadlines, hand-counted" "$(due)" "2026-09-24 2026-09-24 2026-10-15"

clock_at "2026-09-21 09:30"
admin_int tick >/dev/null
t_is "受理 was due on Sunday 09-20, a day worked: red on Monday" \
	"$(sql_int "SELECT CONCAT_WS(' ', step_key, due_date, days_late) FROM deadline_warning WHERE case_id = $CASE")" "accept 2026-09-20 1"
logins
case_post clerk /case/act action=accept
t_is "accepted on Monday 09-21" "$(sql_int "SELECT CONCAT(state, ' ', DATE(accepted_at + INTERVAL 8 HOUR)) FROM kase WHERE id = $CASE")" "processing 2026-09-21"
t_is "审查 due in its 3 working days" "$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" 2026-09-24
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'accept'")
t_like "the 受理通知书 is of 2026" "$DOC" "受字〔2026〕"
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "dated the day it was issued" "$(tr -d '\n' <<<"$HTTP_BODY")" "sign-date\">2026年9月21日"
http_get handler "$INT_URL/inbox" >/dev/null
t_like "on 09-21 the handler's row is green" "$HTTP_BODY" "还剩 3 个工作日"

clock_at "2026-09-24 15:00"
logins
http_get handler "$INT_URL/inbox" >/dev/null
t_like "on 09-24 it is due today: yellow" "$HTTP_BODY" "今天到期"
case_post handler /case/suspend kind=现场勘查 days=10 "reason=经营场所与平面图不一致，需现场核实。"
t_is "a 现场勘查 stops the clock on 09-24" "$(sql_int "SELECT CONCAT(k.state, ' ', s.began_on) FROM kase k JOIN case_suspension s ON s.case_id = k.id WHERE k.id = $CASE")" \
	"suspended 2026-09-24"

clock_at "2026-10-09 10:00"
admin_int tick >/dev/null
t_is "during 国庆 and after, no warning while it is stopped" \
	"$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE AND step_key <> 'accept'")" 0
t_is "and no deemed anything" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" suspended

clock_at "2026-10-15 09:00"
logins
case_post handler /case/resume
t_is "resumed on 10-15, owing 10 working days" "$(sql_int "SELECT CONCAT(state, ' ', paused_days) FROM kase WHERE id = $CASE")" "processing 10"
t_is "promised and statutory, exactly as counted" "$(sql_int "SELECT CONCAT_WS(' ', promised_due, statutory_due) FROM kase WHERE id = $CASE")" \
	"2026-10-15 2026-10-29"
t_is "审查 has its last day again" "$(sql_int "SELECT due_date FROM case_task WHERE case_id = $CASE")" 2026-10-15
carry int ext
t_is "the applicant is told 10-15" "$(sql_ext "SELECT due_date FROM application WHERE app_no = '$APP'")" 2026-10-15
case_post handler /case/act action=sign verdict=agree "text=现场核实一致，同意。"
case_post leader /case/act action=approve "text=符合条件，准予许可。"
t_is "decided on 10-15, in time" "$(sql_int "SELECT CONCAT(state, ' ', DATE(decided_at + INTERVAL 8 HOUR)) FROM kase WHERE id = $CASE")" "approved 2026-10-15"
t_is "with no warning after 受理's" "$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE AND step_key <> 'accept'")" 0
t_is "the opinion signed that day" "$(sql_int "SELECT DATE(MAX(signed_at) + INTERVAL 8 HOUR) FROM opinion WHERE case_id = $CASE")" 2026-10-15

clock_real
t_is "the real clock again" "$(admin_int workdays add today 0 2>/dev/null)" "$(TZ=Asia/Shanghai date +%F)"
t_done
