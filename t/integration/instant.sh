#!/usr/bin/env bash
# instant.sh (INT-12; issue #7 "Instant items"): the window accepts an
# instant item (即办件) and grants it in one sitting: one action, one
# transaction, both documents (受理通知书 and 准予行政许可决定书), both back
# to the applicant; an item that is not instant, or whose deciding step is
# not the window's, is refused and left as it was.
. "$(dirname "$0")/../lib.sh"

INSTANT=152502-SCJG-XK-005	# 即办件: 受理 (窗口) → 办结 (窗口)
OTHER=152502-SCJG-XK-001	# 承诺件
instant() {	# CASE [k=v…]
	local c=$1 csrf
	shift
	csrf=$(http_get clerk "$INT_URL/case?id=$c" | csrf_from)
	http_post clerk "$INT_URL/case/instant" "csrf=$csrf" "id=$c" "$@" >/dev/null
}

staff_login clerk sarengaowa
CASE=$(case_from_ext "$INSTANT")
t_like "an instant item's case" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the window is offered 当场办结" "$HTTP_BODY" 'action="/case/instant"'
C2=$(case_from_ext "$OTHER")
http_get clerk "$INT_URL/case?id=$C2" >/dev/null
t_unlike "not on an item that is not instant" "$HTTP_BODY" 'action="/case/instant"'
instant "$C2"
t_is "and refused there: 409" "$HTTP_STATUS" 409
t_like "saying why" "$HTTP_BODY" "这个事项不是即办件"
t_is "which is left as it was" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" received
staff_login handler wangzhiqiang
csrf=$(http_get handler "$INT_URL/case?id=$CASE" | csrf_from)
http_post handler "$INT_URL/case/instant" "csrf=$csrf" "id=$CASE" >/dev/null
t_is "a handler, not at the window: 409" "$HTTP_STATUS" 409

instant "$CASE" "text=材料齐全，符合条件，当场办结。"
t_is "one sitting: 303 back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=instant"
t_is "decided" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
t_is "both documents, in their series" \
	"$(sql_int "SELECT GROUP_CONCAT(kind ORDER BY id) FROM document WHERE app_no = '$APP'")" "accept,approve"
t_is "accepted and decided in the same minute" \
	"$(sql_int "SELECT TIMESTAMPDIFF(MINUTE, accepted_at, decided_at) < 2 FROM kase WHERE id = $CASE")" 1
t_is "the opinion signed by the clerk" "$(sql_int "SELECT CONCAT(staff_name, ':', text) FROM opinion WHERE case_id = $CASE")" \
	"萨仁高娃:材料齐全，符合条件，当场办结。"
t_is "off every worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
http_get clerk "$INT_URL/case?id=$CASE&done=instant" >/dev/null
t_like "the page says both are ready to print" "$HTTP_BODY" "受理通知书和准予行政许可决定书均已出具"
instant "$CASE"
t_is "a second time: 409" "$HTTP_STATUS" 409
carry int ext
t_is "the applicant has both" "$(sql_ext "SELECT GROUP_CONCAT(kind ORDER BY id) FROM document WHERE app_no = '$APP'")" "accept,approve"
t_is "and the decision" "$(sql_ext "SELECT state FROM application WHERE app_no = '$APP'")" approved
t_done
