#!/usr/bin/env bash
# anomaly.sh (SUP-2; issue #8): abnormal warnings.  For each rule, a real
# case made through the normal flow and then broken the way a rogue path
# would (an edit at the database's console, a tampered import, the clock
# moved on) fires exactly that rule, with the case's own facts in the
# explanation, and a case that does not break it fires nothing.  Checking
# again adds nothing; the ledger refuses UPDATE and DELETE; its chain
# verifies and fails when a byte changes; /sup/warnings and /sup/rules
# show both ledgers to supervisors and observers.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 sarengaowa, 承办 wangzhiqiang, 批准 bateer
FEE_CODE=152502-ZRZY-DJ-001	# 不动产首次登记: 受理 tuya, 审核 lixiuying, 登簿 zhangjianhua
wd() { admin_int workdays "$@" 2>/dev/null; }
staff_id() { sql_int "SELECT id FROM staff WHERE login = '$1'"; }
# rules CASE: the rules of the case's abnormal warnings, oldest first.
rules() { sql_int "SELECT COALESCE(GROUP_CONCAT(rule ORDER BY id SEPARATOR ' '), '') FROM anomaly_warning WHERE case_id = $1"; }
why() { sql_int "SELECT explanation FROM anomaly_warning WHERE case_id = $1 AND rule = '$2' ORDER BY id LIMIT 1"; }
check() { admin_int anomaly-check >"$TMP/check" 2>&1; }
act() { # JAR ACTION [k=v…]: a transition of $CASE
	local jar=$1 action=$2
	shift 2
	case_post "$jar" /case/act "action=$action" "$@"
	[[ $HTTP_STATUS == 303 ]] || t_diag "act $jar $action: $HTTP_STATUS $(alert_text)"
}
new_case() { # CODE: a case from the extranet, its app_no in $APP
	CASE=$(case_from_ext "${1:-$CODE}")
	APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
}
approved_case() {
	new_case
	act clerk accept
	act handler sign verdict=agree text=材料齐全，符合条件。
	act leader approve
}
at() { sql_int "SELECT DATE_FORMAT(at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM case_event WHERE case_id = $CASE AND seq = $1"; }
event_next() { sql_int "SELECT MAX(seq) + 1 FROM case_event WHERE case_id = $CASE"; }

staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login leader bateer
BATEER=$(staff_id bateer)
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")

# --- cases that break nothing ----------------------------------------------------
approved_case
CLEAN=$CASE
t_is "a case taken through the whole procedure is approved" \
	"$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
new_case
act clerk accept
CLEAN_OPEN=$CASE
check
t_like "anomaly-check says what it did" "$(cat "$TMP/check")" "^检查办件 [0-9]+ 件，新的异常预警 [0-9]+ 条$"
t_is "the approved case fires no rule" "$(rules $CLEAN)" ""
t_is "nor the accepted one" "$(rules $CLEAN_OPEN)" ""
t_is "the tick's queue of changed cases is empty after the check" \
	"$(sql_int "SELECT COUNT(*) FROM case_change WHERE case_id IN ($CLEAN, $CLEAN_OPEN)")" 0

# --- step_order: a step run before its turn (skipping 承办) -----------------------
new_case
act clerk accept
S=$(event_next)
sql_int "INSERT INTO case_event (case_id, seq, at, action, label, state, staff_id, staff_name, note)
	VALUES ($CASE, $S, UTC_TIMESTAMP(), 'approve', '批准·准予许可', 'processing', $BATEER, '巴特尔', '')"
check
t_is "step_order: exactly that rule" "$(rules $CASE)" step_order
t_is "explained with the event, the step, who, when, and the step it skipped" "$(why $CASE step_order)" \
	"第 $S 条办理记录：巴特尔 于 $(at $S) 办理了「批准」环节（批准·准予许可），但按办理流程，此时应办理的是「承办」，「批准」环节被提前办理，跳过了前面的环节。"
t_is "and the subject names the event" \
	"$(sql_int "SELECT subject FROM anomaly_warning WHERE case_id = $CASE")" "event:$S"

# --- doc_missing: an approved case without its 准予行政许可决定书 -----------------
approved_case
# Moved off the case at the console, rather than deleted: a deletion would
# leave a hole in the department's numbered series (doc-series.sh).
sql_int "UPDATE document SET app_no = CONCAT('X', app_no) WHERE app_no = '$APP' AND kind = 'approve'"
check
t_is "doc_missing: exactly that rule" "$(rules $CASE)" doc_missing
t_is "explained with the document's name" "$(why $CASE doc_missing)" \
	"办件已作出准予许可决定，但没有出具《准予行政许可决定书》。"
new_case
act clerk accept
DAY=$(sql_int "SELECT DATE(accepted_at + INTERVAL 8 HOUR) FROM kase WHERE id = $CASE")
sql_int "UPDATE document SET app_no = CONCAT('X', app_no) WHERE app_no = '$APP' AND kind = 'accept'"
check
t_is "an accepted case without its 受理通知书: doc_missing" "$(rules $CASE)" doc_missing
t_is "explained" "$(why $CASE doc_missing)" "办件已于 $DAY 受理（现为「办理中」），但没有出具《受理通知书》。"

# --- fee_outside: the fee changed beyond the item's standard ---------------------
staff_login fclerk tuya
staff_login fhandler lixiuying
new_case "$FEE_CODE"
act fclerk accept
case_post fhandler /case/fee kind=不动产登记费 amount=120 days=5
t_is "a fee within the standard is set" "$HTTP_STATUS" 303
check
t_is "which fires nothing" "$(rules $CASE)" ""
sql_int "UPDATE case_fee SET amount = 70000 WHERE case_id = $CASE"
check
t_is "fee_outside: exactly that rule" "$(rules $CASE)" fee_outside
t_is "explained with the kind, the amount and the standard" "$(why $CASE fee_outside)" \
	"办件核定的收费「不动产登记费」700.00 元超出本事项的收费标准（80.00 元至 600.00 元）。"

# --- unsigned_decision: a decision recorded at the console, no one signed ---------
new_case
act clerk accept
act handler sign verdict=agree text=材料齐全。
S=$(event_next)
sql_int "UPDATE kase SET state = 'approved', decided_at = UTC_TIMESTAMP() WHERE id = $CASE;
	INSERT INTO document (app_no, kind, doc_no, title, body, issued_at, issued_by)
	VALUES ('$APP', 'approve', CONCAT('伪造-', '$APP'), '准予行政许可决定书', '{}', UTC_TIMESTAMP(), '巴特尔');
	INSERT INTO case_event (case_id, seq, at, action, label, state, staff_id, staff_name, note)
	VALUES ($CASE, $S, UTC_TIMESTAMP(), 'approve', '批准·准予许可', 'approved', $BATEER, '巴特尔', '')"
check
t_is "unsigned_decision: exactly that rule" "$(rules $CASE)" unsigned_decision
t_is "explained with who decided and the step unsigned" "$(why $CASE unsigned_decision)" \
	"办件已作出准予许可决定（巴特尔 于 $(at $S)），但「批准」环节没有经办人签署的意见。"

# --- second_correction: a second 补正 ----------------------------------------------
new_case
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $CASE")
S1=$(sql_int "SELECT MIN(seq) FROM item_material WHERE item_id = $ITEM")
case_post clerk /case/correct "c$S1=1" "r$S1=复印件不清楚"
t_is "補正 asked once, normally" "$HTTP_STATUS" 303
check
t_is "which fires nothing" "$(rules $CASE)" ""
C1=$(sql_int "SELECT seq FROM case_event WHERE case_id = $CASE AND action = 'correct'")
S=$(event_next)
sql_int "INSERT INTO case_event (case_id, seq, at, action, label, state, staff_id, staff_name, note)
	SELECT case_id, $S, UTC_TIMESTAMP(), action, label, state, staff_id, staff_name, note
	FROM case_event WHERE case_id = $CASE AND seq = $C1"
check
t_is "second_correction: exactly that rule" "$(rules $CASE)" second_correction
t_is "explained with both events" "$(why $CASE second_correction)" \
	"本件第 $S 条办理记录又一次要求补正（受理·要求补正（1 项材料），萨仁高娃 于 $(at $S)）；此前第 $C1 条记录已要求过补正（萨仁高娃 于 $(at $C1)）。补正应当一次性告知。"

# --- late_accept: an imported record, accepted after its intake deadline --------
new_case
act clerk accept
DAY=$(sql_int "SELECT DATE(accepted_at + INTERVAL 8 HOUR) FROM kase WHERE id = $CASE")
DUE=$(sql_int "SELECT DATE('$DAY' - INTERVAL 12 DAY)")
sql_int "UPDATE kase SET intake_due = '$DUE' WHERE id = $CASE"
check
t_is "late_accept: exactly that rule" "$(rules $CASE)" late_accept
t_is "explained with the day, the deadline and how late" "$(why $CASE late_accept)" \
	"本件于 $DAY 受理，受理期限是 $DUE，超期 $(wd between "$DUE" "$DAY") 个工作日。"

# --- recusal: the clerk recorded at the handler's step too ------------------------
new_case
act clerk accept
act handler sign verdict=agree text=同意。
sql_int "INSERT INTO case_hand (case_id, staff_id, step_key) VALUES ($CASE, $(staff_id sarengaowa), 'review')"
check
t_is "recusal: exactly that rule" "$(rules $CASE)" recusal
t_is "explained with who and both steps" "$(why $CASE recusal)" \
	"萨仁高娃 在本件的「受理」和「承办」两个环节都办理了；按回避规定，同一人在一个办件中只能办理一个环节。"

# --- reopened: an approved case put back to processing ---------------------------
approved_case
END=$(sql_int "SELECT MAX(seq) FROM case_event WHERE case_id = $CASE")
sql_int "UPDATE kase SET state = 'processing', decided_at = NULL WHERE id = $CASE"
check
t_is "reopened: exactly that rule" "$(rules $CASE)" reopened
t_is "explained with the day it ended and its state now" "$(why $CASE reopened)" \
	"本件已于 $(at "$END" | cut -c1-10) 办结（准予许可），但办件状态现在是「办理中」，办结的办件被重新打开了。"
REOPENED=$CASE

# --- checking again adds nothing ---------------------------------------------------
N=$(sql_int "SELECT COUNT(*) FROM anomaly_warning")
admin_int anomaly-check --all >"$TMP/all" 2>&1
t_like "anomaly-check --all checks every case" "$(cat "$TMP/all")" "^检查办件 [0-9]+ 件"
check
t_is "and neither it nor a second check adds a duplicate" "$(sql_int "SELECT COUNT(*) FROM anomaly_warning")" "$N"
t_is "the clean cases still have none" "$(rules $CLEAN)$(rules $CLEAN_OPEN)" ""

# --- the ledger cannot be changed ------------------------------------------------
W=$(sql_int "SELECT id FROM anomaly_warning WHERE case_id = $REOPENED")
sql_int "UPDATE anomaly_warning SET explanation = 'x' WHERE id = $W" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_isnt "an UPDATE of a warning is refused, even as root" "$rc" 0
t_like "(the trigger says why)" "$(cat "$TMP/out")" "abnormal warnings cannot be changed"
sql_int "DELETE FROM anomaly_warning WHERE id = $W" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_isnt "and so is a DELETE" "$rc" 0
MYSQL_PWD=$(cat "$TEST_VAR/int/keys/db-app.pw") mariadb --no-defaults -N -B \
	--socket="$TEST_VAR/int/mysql/mysqld.sock" -uyiwang_app yiwang \
	-e "DELETE FROM anomaly_warning WHERE id = $W" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_like "the application's account may not even try" "$rc $(tr '\n' ' ' <"$TMP/out")" "^1 .*DELETE command denied"
t_is "the warning survives" "$(sql_int "SELECT COUNT(*) FROM anomaly_warning WHERE id = $W")" 1

# --- its chain ---------------------------------------------------------------------
admin_int audit-verify >"$TMP/verify" 2>&1
t_is "audit-verify: every chain holds, this one too" "$?" 0
text=$(sql_int "SELECT explanation FROM anomaly_warning WHERE id = $W")
sql_int "DROP TRIGGER anomaly_warning_no_update"
sql_int "UPDATE anomaly_warning SET explanation = REPLACE(explanation, '办理中', '办理了') WHERE id = $W"
admin_int audit-verify >"$TMP/verify" 2>&1
t_is "one byte changed at the console: audit-verify fails" "$?" 1
t_like "and names the warning" "$(cat "$TMP/verify")" "anomaly_warning：第 $W 号记录的内容与它的校验码不符"
sql_int "UPDATE anomaly_warning SET explanation = '$text' WHERE id = $W"
sql_int "CREATE TRIGGER anomaly_warning_no_update BEFORE UPDATE ON anomaly_warning
	FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'abnormal warnings cannot be changed'"
admin_int audit-verify >"$TMP/verify" 2>&1
t_is "undone, it holds again" "$?" 0

# --- late_decision: the clock moves past the promised deadline --------------------
new_case
act clerk accept
act handler sign verdict=agree text=同意。
LATE=$CASE
PROM=$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")
STAT=$(sql_int "SELECT statutory_due FROM kase WHERE id = $CASE")
LDAY=$(wd add "$PROM" 2)
clock_at "$LDAY 10:00"
check
t_is "open past its promised deadline: the tick's rule fires late_decision" "$(rules $CASE)" late_decision
t_is "explained with the deadline, today and how late" "$(why $CASE late_decision)" \
	"本件的承诺办结期限是 $PROM，到 $LDAY 仍未办结（办理中），已超期 2 个工作日。"
check
t_is "once however often the tick looks" "$(rules $CASE)" late_decision
staff_login leader bateer	# (a session of nine days ago has ended)
act leader approve
t_is "decided that day, in the transaction of the decision: a second one" "$(rules $CASE)" "late_decision late_decision"
t_is "which says when it was decided" \
	"$(sql_int "SELECT explanation FROM anomaly_warning WHERE case_id = $CASE AND subject = 'decided'")" \
	"本件于 $LDAY 作出准予许可决定，承诺办结期限是 $PROM，超期 2 个工作日。"
t_like "written by the worker that decided, not by a tick (the worker's log says so)" \
	"$(grep -h "abnormal warning: case $APP late_decision decided" "$TEST_VAR/int/fcgi.log" "$TEST_VAR/int/tick.log")" \
	"yiwang\.fcgi\[[0-9]+\] info: abnormal warning"
admin_int tick >/dev/null 2>&1
clock_real

# --- the pages ---------------------------------------------------------------------
# (Sessions idle by the moved clock's reckoning were ended meanwhile.)
staff_login clerk sarengaowa
staff_login sup zhaoyanhong
staff_login obs suyalatu
http_get sup "$INT_URL/sup/warnings" >/dev/null
t_is "a supervisor reads /sup/warnings" "$HTTP_STATUS" 200
body=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "a row: the rule's name, the explanation, the case linking to /sup/case" "$body" \
	"违反回避规定</a></td>.*萨仁高娃 在本件的「受理」和「承办」两个环节都办理了.*href=\"/sup/case\\?id=[0-9]+\">YW"
t_like "with the department" "$body" "锡林浩特市市场监督管理局"
t_like "newest first: the late decision before the recusal" "$body" "本件于 $LDAY 作出准予许可决定.*萨仁高娃 在本件"
RED=$(sql_int "SELECT COUNT(*) FROM deadline_warning")
if ((RED > 0)); then
	t_like "the red lights of the other ledger are there too" "$body" "环节超期（红灯）"
else
	t_pass "(no red light in this stack yet)"
fi
http_get sup "$INT_URL/sup/warnings?rule=recusal" >/dev/null
t_is "filtered by rule: only that rule, every row" \
	"$(grep -c 'data-label="规则"' <<<"$HTTP_BODY") $(grep -c '>违反回避规定</a>' <<<"$HTTP_BODY")" "1 1"
http_get sup "$INT_URL/sup/warnings?dept=ZRZYJ" >/dev/null
t_like "filtered by department: the fee's" "$HTTP_BODY" "700.00 元"
t_unlike "and not another department's" "$HTTP_BODY" "萨仁高娃"
http_get sup "$INT_URL/sup/warnings?from=2001-01-01&to=2001-12-31" >/dev/null
t_like "a period without warnings: said so" "$HTTP_BODY" "没有符合条件的预警"
http_get sup "$INT_URL/sup/warnings?rule=nonsense" >/dev/null
t_is "an unknown rule: 422" "$HTTP_STATUS" 422
t_like "saying what to do" "$(alert_text)" "请从列表中选择预警规则"
http_get sup "$INT_URL/sup/warnings?from=2026-13-01" >/dev/null
t_is "a date that is none: 422" "$HTTP_STATUS" 422
http_get sup "$INT_URL/sup/warnings?after_at=2026-01-01&after_src=a&after_id=1" >/dev/null
t_is "a page key that is no key: 422" "$HTTP_STATUS" 422
NEWEST=$(sql_int "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') FROM anomaly_warning WHERE case_id = $LATE AND subject = 'decided'")
http_get sup "$INT_URL/sup/warnings?rule=late_decision&after_at=$(cut -f2 <<<"$NEWEST" | sed 's/ /%20/')&after_src=a&after_id=$(cut -f1 <<<"$NEWEST")" >/dev/null
t_is "the page after the newest warning" "$HTTP_STATUS" 200
t_unlike "leaves it out" "$HTTP_BODY" "本件于 $LDAY 作出准予许可决定"
t_like "and shows the one before it" "$HTTP_BODY" "到 $LDAY 仍未办结"
http_get obs "$INT_URL/sup/warnings" >/dev/null
t_is "an observer reads it too" "$HTTP_STATUS" 200
t_unlike "no applicant's personal data in it" "$HTTP_BODY" "乌云其木格|152502199003150027"
t_is "and the look is audited" "$(sql_int "SELECT COUNT(*) > 0 FROM audit WHERE actor = 'suyalatu' AND object = '/sup/warnings'")" 1
http_get sup "$INT_URL/sup/rules" >/dev/null
t_is "the rules page" "$HTTP_STATUS" 200
for name in 环节顺序异常 缺少法定文书 收费超出标准 决定缺少签署意见 二次补正 受理超期 办结超期 违反回避规定 办结后又被改动 "环节超期（红灯）"; do
	t_like "lists $name" "$HTTP_BODY" "$name"
done
t_like "each with what it checks and why" "$HTTP_BODY" "应当一次告知申请人需要补正的全部内容"
http_get clerk "$INT_URL/sup/warnings" >/dev/null
t_is "a clerk may not" "$HTTP_STATUS" 403
http_get sup "$INT_URL/sup" >/dev/null
t_like "the supervision home leads to the warnings and the rules" "$HTTP_BODY" 'href="/sup/warnings">预警记录</a> <a class="btn btn-plain" href="/sup/rules">'

# --- step_order by the step's key (db/142) -------------------------------------------
# key SEQ: the key of the case's item's step at display order SEQ.
key() { sql_int "SELECT skey FROM item_step WHERE item_id = (SELECT item_id FROM kase WHERE id = $CASE) AND seq = $1"; }
# (The moved clock ended the handler's and the leader's sessions too.)
staff_login handler wangzhiqiang
staff_login leader bateer
approved_case
t_is "each step's event carries its step's key, the receipt none" \
	"$(sql_int "SELECT GROUP_CONCAT(action, ':', COALESCE(step_key, '-') ORDER BY seq SEPARATOR ' ') FROM case_event WHERE case_id = $CASE")" \
	"receive:- accept:$(key 1) sign:$(key 2) approve:$(key 3)"
check
t_is "a case in order fires nothing" "$(rules $CASE)" ""
# A label that names the step whose turn it is, written by the 批准 step:
# by name it would pass, by key it is 批准 run before its turn.
new_case
act clerk accept
S=$(event_next)
sql_int "INSERT INTO case_event (case_id, seq, at, action, label, state, staff_id, staff_name, note, step_key)
	VALUES ($CASE, $S, UTC_TIMESTAMP(), 'sign', '承办·签署意见', 'processing', $BATEER, '巴特尔', '', '$(key 3)')"
check
t_is "an event of a step out of its order fires, whatever its label" "$(rules $CASE)" step_order
t_is "explained with the step its key names" "$(why $CASE step_order)" \
	"第 $S 条办理记录：巴特尔 于 $(at $S) 办理了「批准」环节（承办·签署意见），但按办理流程，此时应办理的是「承办」，「批准」环节被提前办理，跳过了前面的环节。"
# A step renamed at the console after its events were written.
new_case
act clerk accept
act handler sign verdict=agree text=材料齐全。
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $CASE")
sql_int "UPDATE item_step SET name = '初审' WHERE item_id = $ITEM AND seq = 2"
sql_int "INSERT INTO case_change (case_id) VALUES ($CASE) ON DUPLICATE KEY UPDATE n = n + 1"
check
t_is "a step renamed under its events: judged by key, nothing fires" "$(rules $CASE)" ""
t_is "though the label still says the old name" \
	"$(sql_int "SELECT label FROM case_event WHERE case_id = $CASE AND action = 'sign'")" "承办·签署意见"
# An event from before step keys (NULL) is still judged by its label.
sql_int "UPDATE case_event SET step_key = NULL WHERE case_id = $CASE AND action = 'sign'"
check
t_is "an event without a key falls back to the name: the old name is no step now" "$(rules $CASE)" step_order
t_like "and says so" "$(why $CASE step_order)" "（承办·签署意见，王志强 于 .*）所记的环节不在本事项（第 [0-9]+ 版）的办理流程中。"
sql_int "UPDATE item_step SET name = '承办' WHERE item_id = $ITEM AND seq = 2"


t_done
