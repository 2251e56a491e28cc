#!/usr/bin/env bash
# delegation.sh (ORG-2, INT-7, SEC-7; issue #7 "Rights", "Delegation"):
# the section chief's 审核 step of seed 004 (受理 → 审查 → 审核 → 决定) and
# the department's read-only view; 我的委托: a chief away lends the role to
# a handler of the department, who sees the chief's work marked "受 … 委托",
# signs "B（受 A 委托）" (opinion, record, document, audit, both hands for
# 回避), may not sign twice on one case as two people, and loses it when
# the delegation ends by itself (the tick at a set clock) or early; every
# refusal says why, and every change is audited.
. "$(dirname "$0")/../lib.sh"

CODE=152502-JTYS-XK-003		# 巡游出租汽车经营许可, 锡林浩特市交通运输局
# siqin clerk, zhoujianguo and zhangzhijun handlers, baiyunfeng chief,
# narisu leader, all of JTYSJ.
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
day() { sql_int "SELECT DATE('$TODAY') + INTERVAL $1 DAY"; }
id_of() { sql_int "SELECT id FROM staff WHERE login = '$1'"; }
act() {	# JAR CASE action=… [k=v…]
	local jar=$1 c=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/case?id=$c" | csrf_from)
	http_post "$jar" "$INT_URL/case/act" "csrf=$csrf" "id=$c" "$@" >/dev/null
}
delegate() {	# JAR k=v…
	local jar=$1 csrf
	shift
	csrf=$(http_get "$jar" "$INT_URL/delegate" | csrf_from)
	http_post "$jar" "$INT_URL/delegate" "csrf=$csrf" "$@" >/dev/null
}
row_of() { tr -d '\n' <<<"$HTTP_BODY" | text_after ">$1<" 1200; }
# The page on one line; the worklist's 待办 part only (not 已办件).
flat() { tr -d '\n' <<<"$HTTP_BODY"; }
todo() { flat | sed 's/<h2 class="section-title">已办件.*//'; }
for who in siqin zhoujianguo zhangzhijun baiyunfeng narisu wangzhiqiang; do
	staff_login "$who" "$who"
done
CHIEF=$(id_of baiyunfeng)
t_is "the demo has a section chief (科室负责人) at 交通运输局" \
	"$(sql_int "SELECT CONCAT(s.name, ' ', s.roles) FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.login = 'baiyunfeng' AND d.code = 'JTYSJ'")" "白云峰 128"
t_is "and the item's procedure has the 3-day 审核 step of seed 004 for it" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(s.name, ':', s.role, ':', s.days) ORDER BY s.seq SEPARATOR ' ') FROM item_step s JOIN item i ON i.id = s.item_id WHERE i.code = '$CODE' AND i.status = 'published'")" \
	"受理:2:1 审查:4:4 审核:128:3 决定:8:2"

# --- the section chief's step, the department's read rights (ORG-2) ---------
# A case at 审核 whose 审查 was signed by handler HANDLER; prints its id.
at_check() {
	local c
	c=$(case_from_ext "$CODE") || return 1
	act siqin "$c" action=accept
	act "$1" "$c" action=sign verdict=agree "text=经营条件符合规定。"
	printf '%s\n' "$c"
}
CASE1=$(at_check zhoujianguo)
APP1=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE1")
t_is "a case reaches 审核, waiting for the chief's role" \
	"$(sql_int "SELECT CONCAT(step_key, ' ', role) FROM case_task WHERE case_id = $CASE1")" "check 128"
http_get baiyunfeng "$INT_URL/inbox" >/dev/null
t_like "it is in the chief's worklist" "$HTTP_BODY" "$APP1"
http_get narisu "$INT_URL/inbox" >/dev/null
t_unlike "not yet in the leader's" "$HTTP_BODY" "$APP1"
http_get zhangzhijun "$INT_URL/case?id=$CASE1" >/dev/null
t_is "another handler of the department reads it" "$HTTP_STATUS" 200
t_like "read-only, told who holds the step" "$HTTP_BODY" "本部门工作人员均可查阅.*「审核」环节由科室负责人办理"
t_unlike "with no form to act" "$HTTP_BODY" 'action="/case/act"'
http_get wangzhiqiang "$INT_URL/case?id=$CASE1" >/dev/null
t_is "another department's staff may not read it" "$HTTP_STATUS" 403
http_get baiyunfeng "$INT_URL/case?id=$CASE1" >/dev/null
t_like "the chief is offered to sign 审核" "$HTTP_BODY" '<h3 class="action-title">审核 · 签署意见</h3>'
act narisu "$CASE1" action=sign step=check verdict=agree text=同意
t_is "the leader may not sign the chief's step" "$HTTP_STATUS" 409

# --- refusals: each says why, nothing stored ----------------------------------
http_get baiyunfeng "$INT_URL/delegate" >/dev/null
t_like "我的委托 offers the chief's colleagues who lack the role" "$HTTP_BODY" '<option value="zhangzhijun">张志军（承办人）</option>'
t_unlike "not the chief themselves" "$HTTP_BODY" '<option value="baiyunfeng"'
refused() {	# WHAT PATTERN k=v…
	local what=$1 pat=$2
	shift 2
	delegate baiyunfeng "$@"
	t_is "$what: 422" "$HTTP_STATUS" 422
	t_like "saying so" "$(alert_text)" "$pat"
}
refused "oneself" "不能委托给自己" deputy=baiyunfeng "from=$TODAY" "to=$(day 2)" reason=出差
refused "another department's" "只能委托本部门的工作人员" deputy=wangzhiqiang "from=$TODAY" "to=$(day 2)" reason=出差
refused "a start in the past" "开始日期不能早于今天" deputy=zhangzhijun "from=$(day -1)" "to=$(day 2)" reason=出差
refused "91 days" "最长 90 天.*现在是 91 天" deputy=zhangzhijun "from=$TODAY" "to=$(day 90)" reason=出差
refused "an end before the start" "结束日期不能早于开始日期" deputy=zhangzhijun "from=$(day 2)" "to=$(day 1)" reason=出差
refused "no reason" "请写明委托事由" deputy=zhangzhijun "from=$TODAY" "to=$(day 2)"
refused "a date that is none" "开始日期格式不正确" deputy=zhangzhijun "from=2026-02-30" "to=$(day 2)" reason=出差
delegate zhoujianguo deputy=zhangzhijun "from=$TODAY" "to=$(day 2)" reason=休假
t_is "a deputy with the same role: nothing to lend, 422" "$HTTP_STATUS" 422
t_like "saying they need none" "$(alert_text)" "张志军 本身已具有您的全部业务角色（承办人）"
t_is "no delegation stored" "$(sql_int "SELECT COUNT(*) FROM delegation d JOIN staff s ON s.id = d.staff_id WHERE s.login IN ('baiyunfeng', 'zhoujianguo')")" 0

# A deputy away themselves, and a cancellation before the start.
delegate zhoujianguo deputy=siqin "from=$(day 10)" "to=$(day 12)" reason=年休假
t_is "a handler delegates to the clerk from day +10: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /delegate?done=add"
delegate baiyunfeng deputy=zhoujianguo "from=$(day 11)" "to=$(day 13)" reason=出差
t_is "the chief cannot take as deputy someone away then: 422" "$HTTP_STATUS" 422
t_like "saying so" "$(alert_text)" "周建国 在 $(day 10) 至 $(day 12) 自己也不在岗"
FUT=$(sql_int "SELECT d.id FROM delegation d JOIN staff s ON s.id = d.staff_id WHERE s.login = 'zhoujianguo'")
http_get zhoujianguo "$INT_URL/delegate" >/dev/null
csrf=$(csrf_from <<<"$HTTP_BODY")
t_like "the handler's page offers to cancel it (not begun)" "$(flat)" '尚未开始.*撤销'
http_post zhoujianguo "$INT_URL/delegate/end" "csrf=$csrf" "id=$FUT" >/dev/null
t_is "cancelled: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /delegate?done=end"
http_get zhoujianguo "$INT_URL/delegate" >/dev/null
t_like "shown as cancelled" "$HTTP_BODY" "已撤销（未开始）"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE object = 'delegation:$FUT' AND actor = 'zhoujianguo' AND action IN ('delegation.add', 'delegation.end')")" 2

# --- the delegation -------------------------------------------------------------
delegate baiyunfeng deputy=zhangzhijun "from=$TODAY" "to=$(day 2)" "reason=到盟交通运输局参加培训"
t_is "the chief delegates to handler 张志军 for three days: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /delegate?done=add"
DEL=$(sql_int "SELECT id FROM delegation WHERE staff_id = $CHIEF AND state = 'active'")
t_is "stored with the role lent and the period" \
	"$(sql_int "SELECT CONCAT_WS(' ', deputy_id = $(id_of zhangzhijun), roles, from_day, to_day, state) FROM delegation WHERE id = $DEL")" \
	"1 128 $TODAY $(day 2) active"
t_is "audited as the chief's" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'delegation.add' AND object = 'delegation:$DEL' AND actor = 'baiyunfeng' AND detail LIKE '%zhangzhijun%'")" 1
delegate baiyunfeng deputy=zhoujianguo "from=$(day 1)" "to=$(day 5)" reason=出差
t_is "an overlapping second one: 422" "$HTTP_STATUS" 422
t_like "naming the first" "$(alert_text)" "您在 $TODAY 至 $(day 2) 已委托给 张志军，两次委托的期间不能重叠"
http_get zhangzhijun "$INT_URL/delegate" >/dev/null
t_like "the deputy sees it given to them, in force" "$(flat)" "白云峰.*科室负责人.*$TODAY 至 $(day 2).*到盟交通运输局参加培训.*生效中"

CASE2=$(at_check zhangzhijun)
APP2=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE2")
http_get zhangzhijun "$INT_URL/inbox" >/dev/null
t_like "the deputy's worklist says whose work they hold" "$HTTP_BODY" "您正受 <strong>白云峰</strong> 委托（科室负责人，至 $(day 2)）"
t_like "the chief's case is in it, marked" "$(row_of "$APP1")" "受 白云峰 委托"
t_unlike "not the one whose 审查 they signed (回避)" "$(todo)" ">$APP2<"
http_get zhangzhijun "$INT_URL/case?id=$CASE2" >/dev/null
t_like "that case says why" "$HTTP_BODY" "您已办理过本件的「审查」环节，按回避规定不能再受 白云峰 委托办理「审核」环节"
act zhangzhijun "$CASE2" action=sign step=check verdict=agree text=同意
t_is "and refuses it: one person never signs twice on a case as two (409)" "$HTTP_STATUS" 409
t_like "saying why" "$HTTP_BODY" "不能再受 白云峰 委托办理「审核」环节"
t_is "no opinion written" "$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id = $CASE2 AND step_key = 'check'")" 0

http_get zhangzhijun "$INT_URL/case?id=$CASE1" >/dev/null
t_like "the deputy is offered the chief's step, told how they sign" "$HTTP_BODY" "意见和文书将署名「张志军（受 白云峰 委托）」"
act zhangzhijun "$CASE1" action=sign step=check verdict=agree "text=同意，报分管领导审批。"
t_is "the deputy signs 审核: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE1&done=sign"
t_is "the opinion carries both people" \
	"$(sql_int "SELECT CONCAT_WS(' ', staff_name, for_staff_id = $CHIEF, for_staff_name) FROM opinion WHERE case_id = $CASE1 AND step_key = 'check'")" "张志军 1 白云峰"
t_is "and so does the record" \
	"$(sql_int "SELECT CONCAT_WS(' ', staff_name, for_staff_name) FROM case_event WHERE case_id = $CASE1 AND action = 'sign' AND for_staff_id = $CHIEF")" "张志军 白云峰"
t_is "both are hands at 审核 (回避)" \
	"$(sql_int "SELECT GROUP_CONCAT(s.login ORDER BY s.login) FROM case_hand h JOIN staff s ON s.id = h.staff_id WHERE h.case_id = $CASE1 AND h.step_key = 'check'")" "baiyunfeng,zhangzhijun"
t_is "audited as the deputy's, for the chief" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.sign' AND object = '$APP1' AND actor = 'zhangzhijun' AND detail LIKE '%\"for\":\"baiyunfeng\"%'")" 1
http_get narisu "$INT_URL/case?id=$CASE1" >/dev/null
t_like "the case page names the signer B（受 A 委托）" "$HTTP_BODY" "<strong>审核</strong> · 张志军（受 白云峰 委托）"
t_like "and the record" "$HTTP_BODY" "· 张志军（受 白云峰 委托）</p>"
http_get baiyunfeng "$INT_URL/inbox" >/dev/null
t_like "the chief finds it among what was done in their name" "$(flat | sed 's/.*<h2 class="section-title">已办件//')" "$APP1"
t_ok "the opinions' chain holds with both names in it" admin_int audit-verify

# The leader away: a handler approves in their name; the decision names both.
delegate narisu deputy=zhoujianguo "from=$TODAY" "to=$(day 1)" reason=下乡检查
t_is "the leader delegates to handler 周建国" "$HTTP_STATUS" 303
act baiyunfeng "$CASE2" action=sign step=check verdict=agree text=同意
t_is "the chief signs the other case himself" "$HTTP_STATUS" 303
http_get zhoujianguo "$INT_URL/inbox" >/dev/null
t_like "the leader's deputy has it, marked" "$(row_of "$APP2")" "受 那日苏 委托"
t_unlike "but not the case whose 审查 they signed" "$(todo)" ">$APP1<"
act zhoujianguo "$CASE2" action=approve step=decide "text=符合条件，准予许可。"
t_is "the deputy approves: 303" "$HTTP_STATUS" 303
t_is "the case is approved" "$(sql_int "SELECT state FROM kase WHERE id = $CASE2")" approved
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP2' AND kind = 'approve'")
t_like "the decision's signer names both" "$(sql_int "SELECT body FROM document WHERE doc_no = '$DOC'")" '"signer":"周建国（受 那日苏 委托）"'
http_get narisu "$INT_URL/doc?no=$DOC" >/dev/null
t_like "and the intranet's copy prints it" "$HTTP_BODY" "经办人：周建国（受 那日苏 委托）"

# --- ending: early by the delegator, by itself after the last day -----------
CASE3=$(at_check zhoujianguo)
APP3=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE3")
http_get zhangzhijun "$INT_URL/inbox" >/dev/null
t_like "the deputy sees a new case at 审核" "$HTTP_BODY" ">$APP3<"
csrf=$(http_get zhangzhijun "$INT_URL/delegate" | csrf_from)
http_post zhangzhijun "$INT_URL/delegate/end" "csrf=$csrf" "id=$DEL" >/dev/null
t_is "the deputy cannot end it (409)" "$HTTP_STATUS $(sql_int "SELECT state FROM delegation WHERE id = $DEL")" "409 active"
admin_int --now "$(day 2) 23:59" tick >/dev/null
t_is "a tick on its last day leaves it" "$(sql_int "SELECT state FROM delegation WHERE id = $DEL")" active
admin_int --now "$(day 3) 00:01" tick >"$_T_DIR/tick"
t_is "the tick after its last day closes it" "$(sql_int "SELECT state FROM delegation WHERE id = $DEL")" expired
t_like "and says so" "$(cat "$_T_DIR/tick")" "到期结束的委托 [1-9][0-9]* 项"
t_is "audited as the tick's" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'delegation.expire' AND object = 'delegation:$DEL' AND actor = 'tick'")" 1
admin_int --now "$(day 3) 00:02" tick >/dev/null
t_is "once, however many ticks run" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'delegation.expire' AND object = 'delegation:$DEL'")" 1
http_get zhangzhijun "$INT_URL/inbox" >/dev/null
t_unlike "the deputy no longer sees the chief's work" "$(todo)" ">$APP3<"
t_unlike "nor the banner" "$HTTP_BODY" "您正受 <strong>白云峰</strong>"
act zhangzhijun "$CASE3" action=sign step=check verdict=agree text=同意
t_is "nor may act on it (409)" "$HTTP_STATUS" 409
http_get baiyunfeng "$INT_URL/delegate" >/dev/null
t_like "the chief's page says it ended by itself" "$(flat)" "张志军.*已到期结束"

delegate baiyunfeng deputy=zhangzhijun "from=$TODAY" "to=$(day 1)" reason=外出开会
t_is "a new delegation for today" "$HTTP_STATUS" 303
DEL2=$(sql_int "SELECT id FROM delegation WHERE staff_id = $CHIEF AND state = 'active'")
http_get zhangzhijun "$INT_URL/inbox" >/dev/null
t_like "the deputy sees the case again" "$HTTP_BODY" ">$APP3<"
http_get baiyunfeng "$INT_URL/delegate" >/dev/null
csrf=$(csrf_from <<<"$HTTP_BODY")
t_like "the chief is offered to end it early" "$HTTP_BODY" "提前结束"
http_post baiyunfeng "$INT_URL/delegate/end" "csrf=$csrf" "id=$DEL2" >/dev/null
t_is "ended early: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /delegate?done=end"
t_is "stored" "$(sql_int "SELECT state, ended_at IS NOT NULL FROM delegation WHERE id = $DEL2" | tr '\t' ' ')" "ended 1"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'delegation.end' AND object = 'delegation:$DEL2' AND actor = 'baiyunfeng'")" 1
http_get zhangzhijun "$INT_URL/inbox" >/dev/null
t_unlike "the deputy no longer sees it" "$(todo)" ">$APP3<"
http_post baiyunfeng "$INT_URL/delegate/end" "csrf=$csrf" "id=$DEL2" >/dev/null
t_is "ending it twice: 409" "$HTTP_STATUS" 409
t_like "saying it is over" "$HTTP_BODY" "这项委托已经结束"
http_get baiyunfeng "$INT_URL/case?id=$CASE3" >/dev/null
t_like "the chief, back, signs it himself" "$HTTP_BODY" '审核 · 签署意见'
t_done
