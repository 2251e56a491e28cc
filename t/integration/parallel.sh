#!/usr/bin/env bash
# parallel.sh: a procedure with parallel approval across departments
# (并联审批, INT-5) and a return edge (回退, INT-8), end to end: defined
# and checked on the intranet (FLOW-1, FLOW-2), published across the gap,
# applied for on the extranet, and moved by three departments at once.
. "$(dirname "$0")/../lib.sh"
TMP=$_T_DIR
CODE=152502-ZJ-XK-T$$
PW=Yiwang@2026
IDNO=152502199003150027		# the demo applicant 乌云其木格

# Two departments besides the item's own, each with a handler.
admin_int dept-add XFJY$$ "锡林浩特市消防救援大队" "锡消" >/dev/null
admin_int dept-add ZRZY$$ "锡林浩特市自然资源局" "锡自然资" >/dev/null
YIWANG_PASSWORD=$PW admin_int user-add xf$$ "额尔敦" XFJY$$ handler >/dev/null
YIWANG_PASSWORD=$PW admin_int user-add zr$$ "李秀英" ZRZY$$ handler >/dev/null
# A password the operator sets is temporary (SEC-7, tested in duties.sh);
# these two are the test's own, so they stay.
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login IN ('xf$$', 'zr$$')"

# write_item FILE STEPS FLOWS RETURNS
write_item() {
	cat >"$1" <<JSON
{ "code": "$CODE", "name": "建筑工程施工许可证核发（并联测试）", "kind": "行政许可",
  "dept_code": "SCJGJ", "dept_name": "锡林浩特市市场监督管理局", "level": "县级",
  "basis": "《中华人民共和国建筑法》第七条", "conditions": "（一）已经办理用地批准手续；",
  "statutory_days": 15, "promised_days": 7, "instant": false, "fee": "不收费",
  "place": "锡林浩特市政务服务中心", "hours": "工作日", "phone": "0479-8225315",
  "complaint_phone": "0479-12345", "visits": 0, "depth": "A",
  "materials": [ { "name": "建筑工程施工许可申请表", "original": "原件", "copies": 1, "required": true } ],
  "procedure": { "steps": [ $2 ], "flows": [ $3 ], "returns": [ $4 ] } }
JSON
}
STEPS='{ "key": "accept", "name": "受理", "role": "clerk", "days": 1, "doc": "accept" },
  { "key": "review", "name": "初审", "role": "handler", "days": 2 },
  { "key": "fire", "name": "消防审查", "role": "handler", "dept": "XFJY'$$'", "days": 3 },
  { "key": "land", "name": "规划审查", "role": "handler", "dept": "ZRZY'$$'", "days": 3 },
  { "key": "decide", "name": "联合审批决定", "role": "leader", "days": 1, "doc": "decision" }'
FLOWS='["start","accept"], ["accept","review"], ["review","fire"], ["review","land"],
  ["fire","decide"], ["land","decide"], ["decide","end"]'

# An unsound version first: the land branch goes straight to the end, so
# the join at 联合审批决定 waits forever for it.
write_item "$TMP/bad.json" "$STEPS" '["start","accept"], ["accept","review"], ["review","fire"], ["review","land"], ["fire","decide"], ["land","end"], ["decide","end"]' ''
t_ok "an unsound procedure can be stored as a draft" admin_int item-load "$TMP/bad.json"
admin_int publish "$CODE" 1 >"$TMP/out" 2>&1; rc=$?
t_isnt "but it cannot be published" "$rc" 0
t_like "and the refusal names the step and the reason" "$(cat "$TMP/out")" "联合审批决定|规划审查"
t_is "nothing was queued for the extranet" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind='item' AND body LIKE '%$CODE%'")" 0

write_item "$TMP/good.json" "$STEPS" "$FLOWS" '["decide","review"]'
t_ok "the sound version is stored" admin_int item-load "$TMP/good.json"
t_ok "and published" admin_int publish "$CODE" 2
B=$(gap_int export 2>/dev/null | tail -n 1)
t_ok "it crosses the gap" gap_ext import "$B"
http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_like "the extranet guide shows it" "$HTTP_BODY" "并联测试"
t_like "naming the other departments that act on it" "$HTTP_BODY" "消防审查</strong>：锡林浩特市消防救援大队承办人"
http_get anon "$EXT_URL/chart?code=$CODE" >/dev/null
t_is "its chart is an SVG" "$HTTP_CTYPE" "image/svg+xml; charset=utf-8"
t_like "drawing the parallel steps" "$HTTP_BODY" "消防审查"
t_like "and the return edge" "$HTTP_BODY" "回退"

# Apply as the demo applicant.
t_pdf "$TMP/a.pdf"
csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=$PW" "next=/my" >/dev/null
apply_form cit "$EXT_URL/apply?code=$CODE"
http_upload cit "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "m1=@$TMP/a.pdf;type=application/pdf" >/dev/null
APP=${HTTP_LOCATION#*=}
t_like "the application is made" "$APP" '^YW[0-9]{13}$'
gap_ext export >/dev/null 2>&1
for b in "$TEST_VAR"/ext/bundles/*.ywb; do gap_int import "$b" >/dev/null 2>&1 || true; done
CASE=$(sql_int "SELECT id FROM kase WHERE app_no='$APP'")
t_isnt "the case reached the intranet" "$CASE" ""

login() {	# JAR LOGIN
	local c
	c=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$c" "login=$2" "password=$PW" >/dev/null
}
act() {		# JAR STEP ACTION [k=v…]
	local jar=$1 step=$2 action=$3 c
	shift 3
	c=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_post "$jar" "$INT_URL/case/act" "csrf=$c" "id=$CASE" "step=$step" "action=$action" "$@" >/dev/null
}
tasks() { sql_int "SELECT GROUP_CONCAT(step_key ORDER BY step_key) FROM case_task WHERE case_id=$CASE"; }

login clerk sarengaowa
login handler wangzhiqiang
login xf "xf$$"
login zr "zr$$"
login leader bateer
act clerk accept accept
t_is "accepted: 初审 is next" "$(tasks)" review
act handler review sign verdict=agree "text=材料齐全，转消防和规划并联审查。"
t_is "after 初审 both parallel steps wait at once" "$(tasks)" "fire,land"
http_get xf "$INT_URL/inbox" >/dev/null
t_like "the fire brigade's handler has it in their inbox" "$HTTP_BODY" "$APP"
http_get zr "$INT_URL/inbox" >/dev/null
t_like "so has natural resources' handler" "$HTTP_BODY" "$APP"
http_get xf "$INT_URL/case?id=$CASE" >/dev/null
t_is "another department acting on it may read the case" "$HTTP_STATUS" 200
act zr fire sign verdict=agree "text=越权签署"
t_is "a handler cannot sign another department's step" "$HTTP_STATUS" 409
act xf fire sign verdict=agree "text=消防设计审查合格。"
t_is "after one branch the join still waits" "$(tasks)" land
http_get leader "$INT_URL/inbox" >/dev/null
t_unlike "the leader has nothing to decide yet" "$(sed -n '/已办/q;p' <<<"$HTTP_BODY")" "$APP"
act zr land sign verdict=agree "text=符合控制性详细规划。"
t_is "after both branches the decision is next" "$(tasks)" decide

act leader decide return back_to=review
t_is "a return needs a reason" "$HTTP_STATUS" 409
act leader decide return back_to=review "text=请补充说明施工图审查意见。"
t_is "the leader returns it to 初审" "$(tasks)" review
t_like "the return is in the timeline" \
	"$(sql_int "SELECT label FROM case_event WHERE case_id=$CASE ORDER BY seq DESC LIMIT 1")" "回退至初审"
act handler review sign verdict=agree "text=已补充施工图审查意见。"
act xf fire sign verdict=agree "text=复核合格。"
act zr land sign verdict=agree "text=复核合格。"
act leader decide approve
t_is "after the second round the leader approves" "$(sql_int "SELECT state FROM kase WHERE id=$CASE")" approved
t_is "no task is left" "$(tasks)" NULL
t_is "every signature is kept, both rounds" \
	"$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id=$CASE")" 7
t_done
