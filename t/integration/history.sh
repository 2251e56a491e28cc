#!/usr/bin/env bash
# history.sh (issue #8 "Scale"; cgi/domain/history.h): `yiwang-admin
# demo-history` generates a history whose rows agree with one another as
# a real journey's do: each case's state is its last event's, each act
# that issues a document has it, open cases wait at a step and decided
# ones at none, the generated ledger rows verify in their own chains and
# the real chains still do; the applicants' ID numbers are valid; the
# worklist, the search and the supervision page show the generated cases;
# a real act afterwards chains as before; --remove leaves no generated
# row, and refuses nothing but generated rows.  No timings here (that is
# bench/supervision.sh).
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 → 承办 → 批准
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login sup zhaoyanhong
CASE=$(case_from_ext "$CODE")
t_like "a real case, beside the generated ones" "$CASE" '^[0-9]+$'
case_post clerk /case/act action=accept
t_is "the real case is accepted" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing

admin_int demo-history --remove >/dev/null 2>&1	# another script's, if any
admin_int demo-history --cases 2000 --seed 11 >"$_T_DIR/gen" 2>&1
t_is "demo-history --cases 2000 succeeds" "$?" 0
t_like "it says what it made" "$(cat "$_T_DIR/gen")" '生成办件 2000 件'
t_is "2000 generated cases, marked" \
    "$(sql_int "SELECT COUNT(*) FROM kase WHERE demo = 1 AND app_no LIKE 'YD%'")" 2000
t_is "the real case is not marked" "$(sql_int "SELECT demo FROM kase WHERE id = $CASE")" 0
t_is "across the published items' departments" \
    "$(sql_int "SELECT COUNT(DISTINCT i.dept_code) > 15 FROM kase k JOIN item i ON i.id = k.item_id WHERE k.demo = 1")" 1
for s in approved denied not_accepted withdrawn processing; do
	t_isnt "some end $s" "$(sql_int "SELECT COUNT(*) FROM kase WHERE demo = 1 AND state = '$s'")" 0
done
for a in correct corrected suspend resume report fee fee-paid fee-lapse withdraw reject deny sign; do
	t_isnt "some took the path: $a" \
	    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = '$a'")" 0
done
t_isnt "some steps went red, each with its warning" \
    "$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE demo = 1")" 0
t_is "every warning of a generated case is generated" \
    "$(sql_int "SELECT COUNT(*) FROM deadline_warning w JOIN kase k ON k.id = w.case_id WHERE k.demo = 1 AND w.demo = 0")" 0
t_is "events at working hours of working days (08:30-18:00 Beijing, bar the system's)" \
    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.staff_id IS NOT NULL AND (TIME(e.at + INTERVAL 8 HOUR) < '08:30' OR WEEKDAY(e.at + INTERVAL 8 HOUR) >= 5) AND DATE(e.at + INTERVAL 8 HOUR) NOT IN (SELECT day FROM calendar_day WHERE kind = 'work')")" 0
t_is "every acting person is of the step's department" \
    "$(sql_int "SELECT COUNT(*) FROM case_hand h JOIN kase k ON k.id = h.case_id JOIN item_step s ON s.item_id = k.item_id AND s.skey = h.step_key JOIN staff p ON p.id = h.staff_id JOIN department d ON d.id = p.dept_id JOIN item i ON i.id = k.item_id WHERE k.demo = 1 AND d.code <> IF(s.dept_code = '', i.dept_code, s.dept_code)")" 0
t_is "document numbers run in their series without a repeat" \
    "$(sql_int "SELECT COUNT(*) - COUNT(DISTINCT doc_no) FROM document")" 0
t_is "the series' counters stand at their last number" \
    "$(sql_int "SELECT COUNT(*) FROM doc_counter c WHERE c.next < (SELECT COUNT(*) FROM document d JOIN department p ON p.name = d.issued_by WHERE p.abbr = c.abbr AND d.kind = c.kind AND YEAR(d.issued_at + INTERVAL 8 HOUR) = c.year)")" 0
t_isnt "some are still open" \
    "$(sql_int "SELECT COUNT(*) FROM kase WHERE demo = 1 AND state IN ('received', 'processing')")" 0

# The tick, warning of a generated case's late step, writes into the
# generated chain, not the real one.
OPEN=$(sql_int "SELECT t.case_id FROM case_task t JOIN kase k ON k.id = t.case_id WHERE k.demo = 1 AND k.state IN ('received', 'processing') ORDER BY t.case_id LIMIT 1")
sql_int "UPDATE case_task SET due_date = '2026-01-05' WHERE case_id = $OPEN"
admin_int tick >/dev/null 2>&1
t_is "the tick warned of a generated case's late step, in the generated chain" \
    "$(sql_int "SELECT CONCAT(COUNT(*), '/', SUM(demo)) FROM deadline_warning WHERE case_id = $OPEN AND due_date = '2026-01-05'")" 1/1

# Consistency as history_verify() checks it, and the chains.
admin_int demo-history --verify >"$_T_DIR/verify" 2>&1
t_is "demo-history --verify finds nothing wrong" "$?" 0
t_like "both generated chains verify" "$(cat "$_T_DIR/verify")" 'demo-opinion：[0-9]+ 行完好'
t_like "… the warnings' too" "$(cat "$_T_DIR/verify")" 'demo-warning：[0-9]+ 行完好'
admin_int audit-verify >"$_T_DIR/av" 2>&1
t_is "the real chains verify too" "$?" 0

# A generated applicant's ID number, as the case page shows it to the
# department's staff: GB 11643 check character, demo region 152502.
GEN=$(sql_int "SELECT k.id FROM kase k JOIN item i ON i.id = k.item_id WHERE k.demo = 1 AND i.dept_code = 'SCJGJ' ORDER BY k.id LIMIT 1")
http_get handler "$INT_URL/case?id=$GEN" >/dev/null
t_is "a generated case's page answers" "$HTTP_STATUS" 200
IDNO=$(grep -oE '152502[0-9]{11}[0-9X]' <<<"$HTTP_BODY" | head -1)
t_like "its applicant has an ID number of 152502" "$IDNO" '^152502[0-9]{11}[0-9X]$'
check_id() {
	local w=(7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) c=10X98765432 s=0 i
	for i in $(seq 0 16); do s=$((s + ${1:i:1} * w[i])); done
	[[ ${c:s % 11:1} == "${1:17:1}" ]]
}
t_ok "… whose check character is right" check_id "$IDNO"

# The pages, with the generated cases in them.
http_get handler "$INT_URL/inbox" >/dev/null
t_is "the handler's worklist answers" "$HTTP_STATUS" 200
t_like "… listing generated cases the handler acted on" "$HTTP_BODY" 'YD20[0-9]{6}[0-9]{7}'
http_get handler "$INT_URL/case/search?go=1&no=YD" >/dev/null
t_is "the case search answers" "$HTTP_STATUS" 200
t_like "… and finds generated cases" "$HTTP_BODY" 'YD20[0-9]{6}[0-9]{7}'
OPEN=$(sql_int "SELECT COUNT(*) FROM kase WHERE sup_open = 1")
http_get sup "$INT_URL/sup" >/dev/null
t_is "the supervision page answers" "$HTTP_STATUS" 200
t_like "… counting the generated cases among the open ones" "$HTTP_BODY" "/sup/cases\">$OPEN<"

# A real act after the generation joins the real chain, not the
# generated one.
case_post handler /case/act action=sign verdict=agree "text=同意。"
t_is "the real case's opinion is not marked" \
    "$(sql_int "SELECT demo FROM opinion WHERE case_id = $CASE")" 0
admin_int audit-verify >"$_T_DIR/av" 2>&1
t_is "the real chains still verify" "$?" 0

# Ledger rows of real cases stay undeletable, by anyone.
t_like "a real opinion cannot be deleted" \
    "$(sql_int "DELETE FROM opinion WHERE demo = 0" 2>&1 || true)" 'cannot be deleted'
t_is "… and is there" "$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id = $CASE")" 1

admin_int demo-history --remove >"$_T_DIR/rm" 2>&1
t_is "demo-history --remove succeeds" "$?" 0
t_like "it says how many" "$(cat "$_T_DIR/rm")" '已删除生成的办件 2000 件'
for t in kase:demo opinion:demo deadline_warning:demo; do
	t_is "no generated ${t%%:*} row is left" "$(sql_int "SELECT COUNT(*) FROM ${t%%:*} WHERE ${t#*:} = 1")" 0
done
for t in case_event case_task case_token case_hand case_correction case_suspension case_report case_fee; do
	t_is "no $t row of a removed case is left" \
	    "$(sql_int "SELECT COUNT(*) FROM $t WHERE case_id NOT IN (SELECT id FROM kase)")" 0
done
t_is "no generated document is left" "$(sql_int "SELECT COUNT(*) FROM document WHERE app_no LIKE 'YD%'")" 0
t_is "the real case is whole" \
    "$(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $CASE")" 3
admin_int audit-verify >"$_T_DIR/av" 2>&1
t_is "the real chains verify after the removal" "$?" 0
t_like "the generation and the removal are audited" \
    "$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM (SELECT id, action FROM audit WHERE action LIKE 'history.%' ORDER BY id DESC LIMIT 2) a")" \
    '^history.generate,history.remove$'
t_done
