#!/usr/bin/env bash
# history.sh (issue #8 "Scale"; cgi/domain/history.h): `yiwang-admin
# demo-history` generates a history whose rows agree with one another as
# a real journey's do: each case's state is its last event's, each act
# that issues a document has it, open cases wait at a step and decided
# ones at none, the generated ledger rows verify in their own chains and
# the real chains still do; the applicants' ID numbers are valid; the
# worklist, the search and the supervision page show the generated cases;
# every path has its rows as flow.c writes them (returns, extensions,
# 催办, deemed acceptances, attachments naming one demo file a material),
# and the summaries the triggers kept are what a recount gives; a real act
# afterwards chains as before; --remove leaves no generated row and no
# demo file, and refuses nothing but generated rows.  No timings here (that is
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
for a in correct corrected suspend resume report fee fee-paid fee-lapse withdraw reject deny sign return extend deem; do
	t_isnt "some took the path: $a" \
	    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = '$a'")" 0
done

# The paths added for issue #8's "Scale", each counted, each as flow.c
# writes it, in proportions a county sees (a few in a hundred).
share() { sql_int "SELECT ROUND(100 * COUNT(DISTINCT e.case_id) / 2000, 1) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = '$1'"; }
in_range() { awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x >= lo && x <= hi) }'; }
for p in return:1:8 extend:1:6 deem:0.3:3; do
	IFS=: read -r a lo hi <<<"$p"
	t_ok "cases with $a: $(share "$a")% (between $lo and $hi)" in_range "$(share "$a")" "$lo" "$hi"
done
t_is "a return names the step it went back to, with a reason, and leaves the case in processing" \
    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = 'return' AND (e.label NOT LIKE '%·回退至%' OR e.note = '' OR e.state <> 'processing' OR e.staff_id IS NULL)")" 0
t_is "… and its step was acted again afterwards (or still waits)" \
    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = 'return' AND k.state IN ('approved', 'denied') AND NOT EXISTS (SELECT 1 FROM case_event x WHERE x.case_id = e.case_id AND x.seq > e.seq AND x.action IN ('sign', 'approve', 'deny'))")" 0
t_is "an extension: days 1-10 on the case, a 延期审批告知书 saying them, by a leader of the item's department" \
    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id JOIN item i ON i.id = k.item_id JOIN staff p ON p.id = e.staff_id JOIN department dp ON dp.id = p.dept_id LEFT JOIN document d ON d.app_no = k.app_no AND d.kind = 'extend' WHERE k.demo = 1 AND e.action = 'extend' AND (k.extended_days NOT BETWEEN 1 AND 10 OR k.extended_at <> e.at OR d.id IS NULL OR JSON_VALUE(d.body, '\$.extended_days') <> k.extended_days OR dp.code <> i.dept_code OR p.roles & 8 = 0)")" 0
t_is "… and only the extended cases have days" \
    "$(sql_int "SELECT COUNT(*) FROM kase k WHERE k.demo = 1 AND k.extended_days > 0 AND NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = k.id AND e.action = 'extend')")" 0
t_is "a deemed acceptance: by the system, accepted from receipt, no 受理通知书, intake deadline passed" \
    "$(sql_int "SELECT COUNT(*) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = 'deem' AND (e.staff_id IS NOT NULL OR e.label NOT LIKE '%逾期视为受理' OR NOT k.accepted_at <=> k.received_at OR DATE(e.at + INTERVAL 8 HOUR) <= k.intake_due OR EXISTS (SELECT 1 FROM document d WHERE d.app_no = k.app_no AND d.kind = 'accept'))")" 0
t_isnt "some steps were urged (催办)" \
    "$(sql_int "SELECT COUNT(*) FROM case_urge u JOIN kase k ON k.id = u.case_id WHERE k.demo = 1")" 0
t_is "… each by a leader of the item's department, at a step of the item, while the case was open" \
    "$(sql_int "SELECT COUNT(*) FROM case_urge u JOIN kase k ON k.id = u.case_id JOIN item i ON i.id = k.item_id JOIN staff p ON p.id = u.staff_id JOIN department d ON d.id = p.dept_id WHERE k.demo = 1 AND (d.code <> i.dept_code OR p.roles & 8 = 0 OR u.at < k.received_at OR u.at > COALESCE(k.decided_at, u.at) OR NOT EXISTS (SELECT 1 FROM item_step s WHERE s.item_id = k.item_id AND s.skey = u.step_key))")" 0
t_is "every generated case has an attachment for each required material" \
    "$(sql_int "SELECT COUNT(*) FROM kase k JOIN item_material m ON m.item_id = k.item_id AND m.required = 1 WHERE k.demo = 1 AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.app_no = k.app_no AND a.material_seq = m.seq AND a.round = 0)")" 0
t_isnt "corrected materials came back as attachments of round 1" \
    "$(sql_int "SELECT COUNT(*) FROM attachment a JOIN kase k ON k.app_no = a.app_no WHERE k.demo = 1 AND a.round = 1")" 0
t_is "… one for each material 补正 asked of a corrected case" \
    "$(sql_int "SELECT COUNT(*) FROM case_correction c JOIN kase k ON k.id = c.case_id WHERE k.demo = 1 AND k.corrected_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM attachment a WHERE a.app_no = k.app_no AND a.material_seq = c.material_seq AND a.round = 1)")" 0
t_is "one demo file a material, shared by every case" \
    "$(sql_int "SELECT COUNT(DISTINCT a.sha256) = COUNT(DISTINCT a.material_name) FROM attachment a JOIN kase k ON k.app_no = a.app_no WHERE k.demo = 1")" 1
FILES=$TEST_VAR/int/files
demo_shas() { sql_int "SELECT DISTINCT a.sha256 FROM attachment a JOIN kase k ON k.app_no = a.app_no WHERE k.demo = 1 ORDER BY 1"; }
demo_shas >"$_T_DIR/shas"
missing=0
while read -r sha; do [[ -f $FILES/${sha:0:2}/${sha:2:2}/$sha ]] || missing=$((missing + 1)); done <"$_T_DIR/shas"
t_is "… each in the store ($(wc -l <"$_T_DIR/shas") files)" "$missing" 0
t_is "the documents list the materials attached" \
    "$(sql_int "SELECT COUNT(*) FROM document d JOIN kase k ON k.app_no = d.app_no WHERE k.demo = 1 AND d.kind = 'approve' AND JSON_LENGTH(d.body, '\$.materials') = 0 AND EXISTS (SELECT 1 FROM attachment a WHERE a.app_no = k.app_no)")" 0

# The summaries the triggers kept as the rows went in are what a recount
# from the rows gives: generated paths count as real ones do.
admin_int dash-rebuild --check >"$_T_DIR/dash" 2>&1
t_is "the dashboard's summary agrees with a recount" "$?" 0
perf_rows() { for t in perf_case_day perf_person_day perf_red; do sql_int "SELECT * FROM $t ORDER BY 1, 2, 3"; done | md5sum; }
BEFORE=$(perf_rows)
admin_int perf-rebuild >/dev/null 2>&1
t_is "the performance summaries agree with perf-rebuild's recount" "$(perf_rows)" "$BEFORE"

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
t_is "demo-history --verify finds nothing wrong" "$?" 0 ||
	sed 's/^/# /' "$_T_DIR/verify"
t_like "both generated chains verify" "$(cat "$_T_DIR/verify")" 'demo-opinion：[0-9]+ 行完好'
t_like "… the warnings' too" "$(cat "$_T_DIR/verify")" 'demo-warning：[0-9]+ 行完好'
# … and it finds what is wrong: an extension without its days, a
# required material without its attachment (both put back after).
X=$(sql_int "SELECT MIN(id) FROM kase WHERE demo = 1 AND extended_days > 0")
XD=$(sql_int "SELECT extended_days FROM kase WHERE id = $X")
sql_int "UPDATE kase SET extended_days = 0 WHERE id = $X"
A=$(sql_int "SELECT a.id FROM attachment a JOIN kase k ON k.app_no = a.app_no JOIN item_material m ON m.item_id = k.item_id AND m.seq = a.material_seq AND m.required = 1 WHERE k.demo = 1 AND a.round = 0 AND NOT EXISTS (SELECT 1 FROM attachment b WHERE b.app_no = a.app_no AND b.material_seq = a.material_seq AND b.round = 1) ORDER BY a.id LIMIT 1")
SAVED=$(sql_int "SELECT CONCAT_WS(',', id, QUOTE(app_no), material_seq, round, QUOTE(material_name), QUOTE(file_name), QUOTE(sha256), size, QUOTE(mime)) FROM attachment WHERE id = $A")
sql_int "DELETE FROM attachment WHERE id = $A"
admin_int demo-history --verify >"$_T_DIR/verify2" 2>&1
t_is "--verify fails on them" "$?" 1
t_like "… naming the extension" "$(cat "$_T_DIR/verify2")" '延长的期限与延期记录不符：1 件'
t_like "… and the missing attachment" "$(cat "$_T_DIR/verify2")" '办件缺少必交材料的附件：1 件'
sql_int "UPDATE kase SET extended_days = $XD WHERE id = $X"
sql_int "INSERT INTO attachment (id, app_no, material_seq, round, material_name, file_name, sha256, size, mime) VALUES ($SAVED)"
admin_int demo-history --verify >/dev/null 2>&1
t_is "… and passes again once they are put back" "$?" 0
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

# A generated attachment opens as a real one does.
ATT=$(sql_int "SELECT CONCAT(k.id, ' ', a.material_seq) FROM attachment a JOIN kase k ON k.app_no = a.app_no JOIN item i ON i.id = k.item_id WHERE k.demo = 1 AND i.dept_code = 'SCJGJ' ORDER BY k.id LIMIT 1")
http_get handler "$INT_URL/file?id=${ATT% *}&seq=${ATT#* }" >/dev/null
t_is "a generated case's attachment opens" "$HTTP_STATUS" 200
t_like "… as the material's demo PDF" "$(head -c 8 "$HTTP_BODY_FILE")" '^%PDF-1'

# The supervision page of a case shows the new paths as it shows real ones.
DEEMED=$(sql_int "SELECT MIN(e.case_id) FROM case_event e JOIN kase k ON k.id = e.case_id WHERE k.demo = 1 AND e.action = 'deem'")
http_get sup "$INT_URL/sup/case?id=$DEEMED" >/dev/null
t_is "/sup/case of a deemed acceptance answers" "$HTTP_STATUS" 200
t_like "… showing it" "$HTTP_BODY" '逾期视为受理'
EXT=$(sql_int "SELECT MIN(id) FROM kase WHERE demo = 1 AND extended_days > 0")
http_get sup "$INT_URL/sup/case?id=$EXT" >/dev/null
t_like "/sup/case of an extended case shows the extension" "$HTTP_BODY" '延长办理期限 [0-9]+ 个工作日'

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
for t in case_event case_task case_token case_hand case_correction case_suspension case_report case_fee case_urge; do
	t_is "no $t row of a removed case is left" \
	    "$(sql_int "SELECT COUNT(*) FROM $t WHERE case_id NOT IN (SELECT id FROM kase)")" 0
done
t_is "no generated document is left" "$(sql_int "SELECT COUNT(*) FROM document WHERE app_no LIKE 'YD%'")" 0
t_is "no generated attachment row is left" "$(sql_int "SELECT COUNT(*) FROM attachment WHERE app_no LIKE 'YD%'")" 0
left=0
while read -r sha; do [[ -e $FILES/${sha:0:2}/${sha:2:2}/$sha ]] && left=$((left + 1)); done <"$_T_DIR/shas"
t_is "no demo file is left in the store" "$left" 0
t_is "the real case is whole" \
    "$(sql_int "SELECT COUNT(*) FROM case_event WHERE case_id = $CASE")" 3
admin_int audit-verify >"$_T_DIR/av" 2>&1
t_is "the real chains verify after the removal" "$?" 0
t_like "the generation and the removal are audited" \
    "$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM (SELECT id, action FROM audit WHERE action LIKE 'history.%' ORDER BY id DESC LIMIT 2) a")" \
    '^history.generate,history.remove$'
t_done
