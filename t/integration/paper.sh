#!/usr/bin/env bash
# paper.sh (DOC-3; issue #10): paper that cannot be scanned follows the
# case.  The window records it on the case page (what, 份, 页, held by the
# clerk); a hand-over to a named person waits for that person's receipt
# (签收), one to the archive room is there at once; every hand-over is a
# row of history; the page (and its print) shows where each piece is.  A
# department the case leaves for another may not keep the case's paper
# unless it hands it on or notes why it keeps it (留存).  Audited.
. "$(dirname "$0")/../lib.sh"

# 企业开办「一件事」: accepted at 市场监管局, then 登记审查 there and, at
# once, 公章刻制备案 at 公安局 and 新办纳税人套餐 at 税务局.
CODE=152502-SCJG-XK-009
CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
staff_id() { sql_int "SELECT id FROM staff WHERE login = '$1'"; }
holder() { sql_int "SELECT COALESCE(s.login, IF(p.at_archive, 'archive', '?')) FROM case_paper p LEFT JOIN staff s ON s.id = p.holder_id WHERE p.id = $1"; }
tasks() { sql_int "SELECT GROUP_CONCAT(step_key ORDER BY step_key) FROM case_task WHERE case_id = $CASE"; }
AUDIT0=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
staff_login clerk sarengaowa
staff_login gaj temuer
staff_login swj agula
staff_login scjg wangzhiqiang
staff_login other gaozhiyuan	# 盟自然资源局: not on this case

# --- recorded ----------------------------------------------------------------
case_post clerk /case/paper what= copies=1 pages=3
t_is "no name: refused" "$HTTP_STATUS" 409
t_like "saying what to write" "$HTTP_BODY" "请写明是什么纸质材料"
case_post clerk /case/paper what=公司章程原件 copies=0 pages=3
t_is "0 份: refused" "$HTTP_STATUS" 422
case_post clerk /case/paper what=公司章程原件 copies=1 pages=abc
t_is "pages not a number: refused" "$HTTP_STATUS" 422
case_post other /case/paper what=公司章程原件 copies=1 pages=3
t_is "another department's staff may not record it" "$HTTP_STATUS" 403
t_is "none of these stored anything" "$(sql_int "SELECT COUNT(*) FROM case_paper WHERE case_id = $CASE")" 0
case_post clerk /case/paper what=公司章程原件 copies=1 pages=12
t_is "recorded: back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=paper#paper-title"
P1=$(sql_int "SELECT MAX(id) FROM case_paper WHERE case_id = $CASE")
t_is "stored: what, copies, pages, held by the clerk" \
	"$(sql_int "SELECT CONCAT_WS(' ', what, copies, pages, s.login) FROM case_paper p JOIN staff s ON s.id = p.holder_id WHERE p.id = $P1")" \
	"公司章程原件 1 12 sarengaowa"
case_post clerk /case/paper what=住所使用证明原件 copies=2 pages=4
P2=$(sql_int "SELECT MAX(id) FROM case_paper WHERE case_id = $CASE")
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
r=$(row 公司章程原件)
t_like "the case page lists it with its count" "$r" "1 份，12 页"
t_like "and who holds it" "$r" "<strong>萨仁高娃（锡林浩特市市场监督管理局）</strong>"
t_like "the list is not in a panel the print hides" "$HTTP_BODY" 'class="section paper"'
t_like "the holder is offered the hand-over" "$HTTP_BODY" "移交：公司章程原件"

# --- the window accepts: 市场监管局 still has a step, nothing blocks ----------
case_post clerk /case/act action=accept
t_is "accepted with the paper still at the window" "$HTTP_STATUS $(tasks)" "303 register,seal,tax"

# --- handed over, confirmed ---------------------------------------------------
case_post clerk /case/paper/hand "paper=$P1" "to=$(staff_id gaozhiyuan)" note=x
t_is "not to someone outside the case's departments" "$HTTP_STATUS" 409
case_post gaj /case/paper/hand "paper=$P1" "to=$(staff_id wangzhiqiang)"
t_is "only the holder hands it over" "$HTTP_STATUS" 409
case_post clerk /case/paper/hand "paper=$P1" "to=$(staff_id temuer)" "note=随件转公章刻制备案"
t_is "handed to the 公安局 handler" "$HTTP_STATUS" 303
t_is "in transit: still the clerk's until receipt" "$(holder "$P1")" sarengaowa
case_post clerk /case/paper/hand "paper=$P1" to=archive
t_is "not handed twice while in transit" "$HTTP_STATUS" 409
case_post scjg /case/paper/receive "paper=$P1"
t_is "only the receiver confirms" "$HTTP_STATUS" 409
http_get gaj "$INT_URL/case?id=$CASE" >/dev/null
t_like "the receiver is asked to confirm" "$HTTP_BODY" "已由 萨仁高娃（锡林浩特市市场监督管理局） 移交给您"
case_post gaj /case/paper/receive "paper=$P1"
t_is "confirmed" "$HTTP_STATUS $(holder "$P1")" "303 temuer"
t_is "one row of history: from, to, note, given and received" \
	"$(sql_int "SELECT CONCAT_WS(' ', f.login, t.login, m.note, m.received_at >= m.given_at) FROM case_paper_move m JOIN staff f ON f.id = m.from_id JOIN staff t ON t.id = m.to_id WHERE m.paper_id = $P1")" \
	"sarengaowa temuer 随件转公章刻制备案 1"
case_post clerk /case/paper/hand "paper=$P2" to=archive "note=窗口归档"
t_is "to the archive room: there at once" "$HTTP_STATUS $(holder "$P2")" "303 archive"

# --- the step cannot leave its department without the paper --------------------
case_post gaj /case/act step=seal action=sign verdict=agree "text=已备案。"
t_is "公安局 may not pass the case on holding its paper" "$HTTP_STATUS $(tasks)" "409 register,seal,tax"
t_like "saying which paper and what to do" "$HTTP_BODY" "纸质材料「公司章程原件」还在本部门特木尔手中"
t_is "and nothing of the act was kept" \
	"$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id = $CASE")" 0
case_post gaj /case/paper/hand "paper=$P1" "to=$(staff_id wangzhiqiang)" "note=备案完毕，退回"
case_post gaj /case/act step=seal action=sign verdict=agree "text=已备案。"
t_is "handed back (receipt pending): the step goes on" "$HTTP_STATUS $(tasks)" "303 register,tax"
case_post scjg /case/paper/receive "paper=$P1"
t_is "and 市场监管局 confirms it" "$(holder "$P1")" wangzhiqiang

# --- or it says why it keeps it (留存) -----------------------------------------
case_post swj /case/paper what=发票专用章印模样品 copies=1 pages=0
P3=$(sql_int "SELECT MAX(id) FROM case_paper WHERE case_id = $CASE")
case_post swj /case/act step=tax action=sign verdict=agree "text=已办理。"
t_is "税务局 holding a sample: blocked too" "$HTTP_STATUS" 409
case_post swj /case/paper/retain "paper=$P3" note=
t_is "留存 needs its reason" "$HTTP_STATUS" 409
case_post swj /case/paper/retain "paper=$P3" "note=样品由税务局留存备查"
t_is "kept with a note" "$HTTP_STATUS $(sql_int "SELECT retained FROM case_paper WHERE id = $P3")" "303 样品由税务局留存备查"
case_post swj /case/act step=tax action=sign verdict=agree "text=已办理。"
t_is "then the step goes on" "$HTTP_STATUS $(tasks)" "303 register"

# --- shown, audited --------------------------------------------------------------
http_get scjg "$INT_URL/case?id=$CASE" >/dev/null
r=$(row 公司章程原件)
t_like "the history shows both hand-overs" "$r" "萨仁高娃（锡林浩特市市场监督管理局） → 特木尔（锡林浩特市公安局）：随件转公章刻制备案"
t_like "with their receipts" "$r" "特木尔（锡林浩特市公安局） → 王志强（锡林浩特市市场监督管理局）：备案完毕，退回；[0-9-]+ [0-9:]+ 签收"
t_like "the archive's row" "$(row 住所使用证明原件)" "<strong>档案室</strong>"
t_like "and the kept sample" "$(row 发票专用章印模样品)" "留存</span> 样品由税务局留存备查"
t_is "audited: 3 recorded, 3 handed, 2 received, 1 kept, each naming the case" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(action, '=', n) ORDER BY action) FROM (SELECT action, COUNT(*) n FROM audit WHERE id > $AUDIT0 AND action LIKE 'case.paper.%' AND object = '$APP' GROUP BY action) a")" \
	"case.paper.add=3,case.paper.hand=3,case.paper.receive=2,case.paper.retain=1"

# --- held too long (docs/paper.md "Held too long") -------------------------------
# 公安局 has no step of the case left; a piece recorded there now must move
# on within 3 working days.  The pages are read 20 days on (logged in again:
# the sessions have long expired by then).
later() { clock_at "$(date -d "+$1 days" +%Y-%m-%d) 10:00"; staff_login gaj temuer; staff_login scjg wangzhiqiang; }
case_post gaj /case/paper what=公章印模原件 copies=1 pages=1
http_get gaj "$INT_URL/inbox" >/dev/null
t_unlike "today: no warning in the holder's worklist" "$HTTP_BODY" 'paper-late'
later 1
http_get gaj "$INT_URL/inbox" >/dev/null
t_unlike "a day on: none yet" "$HTTP_BODY" 'paper-late'
later 20
http_get gaj "$INT_URL/inbox" >/dev/null
t_like "20 days on: the holder's worklist warns" "$HTTP_BODY" '纸质材料在您手中滞留'
t_like "naming the case and the paper, and why" "$(grep -A8 'paper-late-title' <<<"$HTTP_BODY" | tr -d '\n')" \
	"$APP</a> 公章印模原件：办件已不在本部门办理，自 [0-9-]+ 起应移交，期限 [0-9-]+ 已过"
http_get gaj "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page marks it 滞留" "$(row 公章印模原件)" '滞留</span> <span class="small">办件已不在其部门办理'
t_unlike "not the kept sample (留存)" "$(row 发票专用章印模样品)" '滞留'
t_unlike "nor the archive's" "$(row 住所使用证明原件)" '滞留'
t_unlike "nor what 市场监管局 holds while the case waits there" "$(row 公司章程原件)" '滞留'
http_get scjg "$INT_URL/inbox" >/dev/null
t_unlike "whose worklist has no warning" "$HTTP_BODY" 'paper-late'
clock_real
staff_login gaj temuer
staff_login scjg wangzhiqiang
# The case ends: what 市场监管局 still holds must reach the archive room.
staff_login leader bateer
staff_login scjg2 aoqier	# 回避: the one who signed 登记审查 may not sign 汇总出件
case_post scjg /case/act step=register action=sign verdict=agree "text=登记材料齐全。"
case_post scjg2 /case/act step=join action=sign verdict=agree "text=汇总完毕。"
case_post leader /case/act action=approve "text=准予登记。"
t_is "the case is approved" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
later 20
http_get scjg "$INT_URL/inbox" >/dev/null
t_like "20 days after the end: the holder is warned" "$(grep -A8 'paper-late-title' <<<"$HTTP_BODY" | tr -d '\n')" \
	"$APP</a> 公司章程原件：办件已办结"
case_post scjg /case/paper/hand "paper=$P1" to=archive "note=结案归档"
http_get scjg "$INT_URL/inbox" >/dev/null
t_unlike "handed to the archive room: no more" "$HTTP_BODY" 'paper-late'
clock_real
t_done
