#!/usr/bin/env bash
# urge.sh (INT-11; issue #7 "Worklists"): a leader of a department acting
# on a case sends 催办 to whoever holds a waiting step; it shows in that
# person's worklist and on the case until the step is done; audited.
# Nobody else may send one.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
staff_login clerk sarengaowa
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=accept >/dev/null
t_is "accepted" "$HTTP_STATUS" 303
KEY=$(sql_int "SELECT step_key FROM case_task WHERE case_id = $CASE")
NAME=$(sql_int "SELECT s.name FROM item_step s JOIN kase k ON k.item_id = s.item_id WHERE k.id = $CASE AND s.skey = '$KEY'")

http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "a clerk is offered no 催办" "$HTTP_BODY" 'action="/case/urge"'
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post clerk "$INT_URL/case/urge" "csrf=$csrf" "id=$CASE" "step=$KEY" note=快点 >/dev/null
t_is "and may not send one" "$HTTP_STATUS $(sql_int "SELECT COUNT(*) FROM case_urge WHERE case_id = $CASE")" "409 0"
t_like "saying who may" "$HTTP_BODY" "催办须由本部门分管领导发出"

staff_login leader bateer
http_get leader "$INT_URL/case?id=$CASE" >/dev/null
t_like "the leader is offered it for the waiting step" "$HTTP_BODY" "<option value=\"$KEY\">$NAME</option>"
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post leader "$INT_URL/case/urge" "csrf=$csrf" "id=$CASE" step=nosuch note=x >/dev/null
t_is "a step that does not wait: 409" "$HTTP_STATUS" 409
http_post leader "$INT_URL/case/urge" "csrf=$csrf" "id=$CASE" "step=$KEY" "note=申请人下周出差，请今天办结。" >/dev/null
t_is "urged: 303 back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=urge"
t_is "stored" "$(sql_int "SELECT CONCAT_WS(' ', step_key, staff_name, note) FROM case_urge WHERE case_id = $CASE")" \
	"$KEY 巴特尔 申请人下周出差，请今天办结。"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.urge' AND object = '$APP' AND actor = 'bateer'")" 1

staff_login handler wangzhiqiang
http_get handler "$INT_URL/inbox" >/dev/null
row=$(tr -d '\n' <<<"$HTTP_BODY" | text_after ">$APP<" 1500)
t_like "the handler's worklist shows it on the row" "$row" "催办</span> <span class=\"small\">巴特尔：申请人下周出差，请今天办结。"
http_get handler "$INT_URL/case?id=$CASE" >/dev/null
t_like "and the case page" "$HTTP_BODY" "催办</span> <strong>$NAME</strong> · 巴特尔"
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post handler "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=sign verdict=agree "text=经核查符合条件。" >/dev/null
t_is "the handler signs" "$HTTP_STATUS" 303
http_get handler "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "once the step is done the urge is gone from the case" "$HTTP_BODY" "催办</span> <strong>"
http_get leader "$INT_URL/inbox" >/dev/null
row=$(tr -d '\n' <<<"$HTTP_BODY" | text_after ">$APP<" 1500)
t_unlike "and the next step's holder is not shown it" "$row" "催办</span>"
t_is "the record stays" "$(sql_int "SELECT COUNT(*) FROM case_urge WHERE case_id = $CASE")" 1
t_done
