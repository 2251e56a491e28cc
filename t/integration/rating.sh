#!/usr/bin/env bash
# rating.sh (EXT-8 好差评, GB/T 39735; issue #11): a rating's round trip.
# The applicant of a decided case rates it on its page; the rating
# crosses the gap; a poor one opens a follow-up for the item's
# department (回访 within 3, 整改 within 10 working days) that the
# supervisors follow by its light (green, then red with clock_at); the
# result crosses back, the applicant reads it and rates once more.  Stops: a rating before the decision, of
# someone else's case, a second one, bad input stored; a forged or
# malformed record taken; a follow-up out of order or by another
# department; a light that does not turn with the clock; a guide showing
# 满意度 from fewer than 5 ratings.
. "$(dirname "$0")/../lib.sh"
shopt -u patsub_replacement 2>/dev/null || true

TMP=$_T_DIR
CODE=152502-SCJG-XK-005	# 即办件: decided at the window in one sitting
IDNO=152502199003150027	# the demo applicant 乌云其木格

# rate JAR k=v…: the rating form of $APP's page, sent; sets HTTP_*.
rate() {
	local jar=$1 csrf
	shift
	csrf=$(http_get "$jar" "$EXT_URL/app?no=$APP" | csrf_from)
	http_post "$jar" "$EXT_URL/app/rate" "csrf=$csrf" "no=$APP" "$@" >/dev/null
}
# rt_post JAR PATH k=v…: a POST from the rating's page on the intranet.
rt_post() {
	local jar=$1 path=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/rating?id=$RID" | csrf_from)
	http_post "$jar" "$INT_URL$path" "csrf=$csrf" "id=$RID" "$@" >/dev/null
}
repeat() { printf "$1%.0s" $(seq 1 "$2"); }
ext_rows() { sql_ext "SELECT COUNT(*) FROM rating WHERE app_no = '$APP'"; }
wd() { admin_int workdays "$@" 2>/dev/null; }

# Logins cost seconds each (the key derivation): as few as will do.
staff_login clerk sarengaowa
staff_login other surina		# a clerk of 自然资源局

CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
t_like "a case of the demo applicant" "$APP" '^YW[0-9]{13}$'

# --- before the decision: nothing to rate ---------------------------------------
ext_login cit "$IDNO" Yiwang@2026
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_unlike "an open case's page has no rating form" "$HTTP_BODY" 'action="/app/rate"'
rate cit level=5
t_is "a rating before the decision: 409" "$HTTP_STATUS" 409
t_like "saying when it can be given" "$HTTP_BODY" "办结（作出决定）之后才能评价"

# --- decided: the form -----------------------------------------------------------
case_post clerk /case/instant "text=材料齐全，当场办结。"
t_is "the case is decided" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
carry int ext
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the decided case's page offers the rating" "$HTTP_BODY" 'action="/app/rate"'
t_is "five levels" "$(grep -o 'name="level" value="[1-5]"' <<<"$HTTP_BODY" | wc -l)" 5
t_like "and reasons to tick" "$HTTP_BODY" 'name="reason_slow"'

# Someone else's case is as if it did not exist (the demo's 那顺巴雅尔).
ext_login oth 152502197811040011 Yiwang@2026
csrf=$(http_get oth "$EXT_URL/my" | csrf_from)
http_post oth "$EXT_URL/app/rate" "csrf=$csrf" "no=$APP" level=1 reason_attitude=1 >/dev/null
t_is "someone else's case: 404" "$HTTP_STATUS" 404

# --- bad input: a clear 422, what was typed kept, nothing stored --------------------
rate cit level=9
t_is "a level that is none: 422" "$HTTP_STATUS $(alert_text)" "422 请选择一个评价等级（非常满意到非常不满意）。"
rate cit level=2 "comment=窗口让我跑了三趟"
t_is "不满意 without a reason: 422" "$HTTP_STATUS" 422
t_like "saying to tick one" "$(alert_text)" "请至少勾选一项原因"
t_like "the comment kept" "$HTTP_BODY" '窗口让我跑了三趟</textarea>'
rate cit level=1 reason_slow=1 "comment=$(repeat 慢 501)"
t_is "a comment of 501 characters: 422" "$HTTP_STATUS $(alert_text)" "422 评价意见太长，请控制在 500 字以内。"
t_like "the reason ticked kept" "$HTTP_BODY" 'name="reason_slow" value="1" checked'
rate cit level=2 reason_other=1
t_is "其他 without saying what: 422" "$HTTP_STATUS" 422
t_is "none of these stored anything" "$(ext_rows)" 0

# --- a poor rating ------------------------------------------------------------------
rate cit level=1 reason_slow=1 reason_visits=1 $'comment=材料一次没说清，\n跑了三趟。'
t_is "rated: 303 back to the page" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=rate"
rate cit level=5
t_is "a second rating: 409" "$HTTP_STATUS" 409
t_like "saying it was rated" "$HTTP_BODY" "已经评价过了"
t_is "one rating stored, as given" "$(sql_ext "SELECT CONCAT(COUNT(*), ' ', MAX(level), ' ', MAX(reasons), ' ', MAX(round)) FROM rating WHERE app_no = '$APP'")" "1 1 slow,visits 1"
t_is "queued for the intranet" "$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'rating' AND body LIKE '%$APP%'")" 1
t_is "audited" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'rating.rate' AND object = '$APP'")" 1
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the page shows it, given by the applicant" "$HTTP_BODY" '评价：<strong>非常不满意</strong> <span class="small muted">[^<]* · 申请人本人'
t_unlike "without the form" "$HTTP_BODY" 'action="/app/rate"'

# --- forged or malformed rating records are refused whole ----------------------------
GOOD="{\"type\":\"rating\",\"app_no\":\"$APP\",\"round\":2,\"level\":5,\"reasons\":[],\"comment\":\"\",\"rated_at\":\"$(date -u '+%Y-%m-%d %H:%M:%S')\",\"rater\":\"applicant\"}"
BEFORE=$(sql_int "SELECT COUNT(*) FROM rating")
for bad in 's/"level":5/"level":9/' 's/"reasons":\[\]/"reasons":["bribe"]/;s/"level":5/"level":1/' \
	's/"comment":""/"comment":"x","extra":1/' "s/$APP/YW2026010199999/" 's/"reasons":\[\]/"reasons":["slow"]/' \
	's/"rater":"applicant"/"rater":"clerk"/'; do
	{ printf '%s\n' "$GOOD"; printf '%s\n' "$GOOD" | sed "$bad"; } >"$TMP/forged.jsonl"
	forge int "$TMP/forged.jsonl" "$TMP/forged.ywb"
	rc=0
	gap_int import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
	t_is "a bundle with a bad rating record ($bad): refused (exit 4)" "$rc" 4
	t_like "naming the record" "$(cat "$TMP/out")" "第 2 条记录（评价）"
done
t_is "and the good record before it was not taken either" "$(sql_int "SELECT COUNT(*) FROM rating")" "$BEFORE"

# --- across the gap: the follow-up opens -----------------------------------------------
carry ext int
read -r RID STATE DEPT VDUE FDUE <<<"$(sql_int "SELECT id, state, dept_code, visit_due, fix_due FROM rating WHERE app_no = '$APP' AND round = 1")"
t_like "the rating reaches the intranet" "$RID" '^[0-9]+$'
t_is "for the item's department, waiting for 回访" "$STATE $DEPT" "visit SCJGJ"
DAY=$(sql_int "SELECT DATE(rated_at + INTERVAL 8 HOUR) FROM rating WHERE id = $RID")
t_is "回访 within 3 working days, 整改 within 10, on the calendar" "$VDUE $FDUE" "$(wd add "$DAY" 3) $(wd add "$DAY" 10)"
carry int ext
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the rater is told it went to the department, and by when" "$(tr -d '\n' <<<"$HTTP_BODY")" "已转审批部门，等待回访.*$VDUE 前与您联系回访"

http_get clerk "$INT_URL/ratings" >/dev/null
t_like "the department's list shows it" "$(row "$APP")" '非常不满意.*办理时间长、超过承诺时限、多次跑动.*待回访'
http_get other "$INT_URL/ratings" >/dev/null
t_unlike "another department's list does not" "$HTTP_BODY" "$APP"
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post other "$INT_URL/rating/visit" "csrf=$csrf" "id=$RID" note=已电话回访 >/dev/null
t_is "another department's staff cannot act: 403" "$HTTP_STATUS" 403
http_get other "$INT_URL/rating?id=$RID" >/dev/null
t_is "nor open it" "$HTTP_STATUS" 403

# --- lights on the working calendar ---------------------------------------------------
http_get clerk "$INT_URL/ratings?f=open" >/dev/null
t_like "today its light is green" "$(row "$APP")" 'light-green'
# A working day after the 回访 deadline (sessions of days ago have
# ended: the supervisor logs in then; the login purges the others).
clock_at "$(wd add "$VDUE" 1) 10:00"
staff_login sup zhaoyanhong
http_get sup "$INT_URL/sup/ratings?light=red" >/dev/null
t_like "then red for the supervisors" "$(row "$APP")" 'light-red.*已超期 1 个工作日'
t_like "and counted red for its department" "$(row 市场监督管理局)" '<td class="num" data-label="红灯">1</td>'
http_get sup "$INT_URL/rating?id=$RID" >/dev/null
t_like "a supervisor reads it" "$HTTP_BODY" '非常不满意'
t_unlike "and has no form" "$HTTP_BODY" 'action="/rating/'
clock_real
staff_login clerk sarengaowa

# --- the follow-up, in order, by the department --------------------------------------
rt_post clerk /rating/fix note=改了 result=改了
t_is "整改 before 回访: 409" "$HTTP_STATUS" 409
t_like "saying what comes first" "$HTTP_BODY" "请先回访评价人"
rt_post clerk /rating/visit note=
t_is "a 回访 without what was said: 422" "$HTTP_STATUS $(alert_text)" "422 请填写回访情况。"
rt_post clerk /rating/visit "note=电话回访申请人，反映材料清单未一次告知。"
t_is "回访 recorded" "$HTTP_STATUS $(sql_int "SELECT CONCAT(state, ' ', visitor) FROM rating WHERE id = $RID")" "303 fix 萨仁高娃"
http_get clerk "$INT_URL/ratings?f=open" >/dev/null
t_like "the 整改 deadline runs" "$(row "$APP")" '待整改.*light-green'
RESULT='已对窗口人员批评教育，材料清单在办事指南中逐项列明，一次告知。'
rt_post clerk /rating/fix "note=组织窗口人员学习一次性告知制度。" "result=$RESULT"
t_is "整改 recorded" "$HTTP_STATUS $(sql_int "SELECT state FROM rating WHERE id = $RID")" "303 done"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE object = '$APP' AND action IN ('rating.visit', 'rating.fix')")" 2
http_get sup "$INT_URL/sup/ratings?f=open" >/dev/null
t_unlike "no longer open for the supervisors" "$HTTP_BODY" "$APP"
http_get sup "$INT_URL/sup/ratings?f=done" >/dev/null
t_like "but listed as done" "$(row "$APP")" '已整改'

# --- the result back to the rater, who rates once more --------------------------------
carry int ext
t_is "the extranet has the result" "$(sql_ext "SELECT CONCAT(state, ' ', seq) FROM rating WHERE app_no = '$APP'")" "done 3"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the rater reads it" "$HTTP_BODY" "整改结果：</strong><span class=\"pre-line\">$RESULT"
t_like "and may rate again" "$HTTP_BODY" 'action="/app/rate"'
rate cit level=4
t_is "rated again: 303" "$HTTP_STATUS" 303
rate cit level=5
t_is "a third time: 409" "$HTTP_STATUS" 409
carry ext int
t_is "the second rating ends it on the intranet" "$(sql_int "SELECT CONCAT(COUNT(*), ' ', MAX(round), ' ', MIN(state)) FROM rating WHERE app_no = '$APP' AND round = 2")" "1 2 none"
# Only this case's ratings count in the department's figures: browser.sh
# rates cases of the department too (a stack started again keeps them).
sql_int "DELETE FROM rating WHERE dept_code = 'SCJGJ' AND app_no <> '$APP'"
http_get sup "$INT_URL/sup/ratings" >/dev/null
t_like "the department's figures count the case by its last rating, the poor one too" \
	"$(row 市场监督管理局)" '评价件数">1</td><td class="num" data-label="满意率">100%</td><td class="num" data-label="差评">1</td><td class="num" data-label="待回访整改">0<'

# --- 满意度 on the guide, only from 5 ratings ----------------------------------------
# Only this case's ratings count (a stack started again keeps the last).
sql_ext "DELETE FROM rating WHERE item_code = '$CODE' AND app_no <> '$APP'"
http_get cit "$EXT_URL/guide?code=$CODE" >/dev/null
t_unlike "one rated case: no 满意度 on the guide" "$HTTP_BODY" '满意度'
# Four more cases rated (rows as rt_rate writes them), three of them well.
for i in 1 2 3 4; do
	sql_ext "INSERT INTO rating (app_no, round, item_code, item_name, level, reasons, comment, rated_at, state, updated_at) VALUES ('YW20260101$(printf '%05d' $((90000 + i)))', 1, '$CODE', '食品经营许可', $((i == 4 ? 3 : 5)), '', '', UTC_TIMESTAMP(), 'none', UTC_TIMESTAMP())"
done
http_get cit "$EXT_URL/guide?code=$CODE" >/dev/null
t_like "five: 满意度 shown, the last rating of each case counted" "$(tr -d '\n' <<<"$HTTP_BODY")" '满意度</th><td><strong>80%</strong>.*5 件办结后的评价'
sql_ext "DELETE FROM rating WHERE app_no LIKE 'YW202601019000_'"

# --- a case an agent made (AGT-1): the service object rates ---------------------------
# GB/T 39735: the resident rates it in their own account; the agent only
# at the resident's request, said and recorded (rater "agent").
AG_ID=$(test_id 7)
AG_CODE=$(admin_int agent-add "图雅$$" "$AG_ID" 13947912345 152502200 | sed -n 's/^激活码：//p')
t_like "an agent of 宝力根苏木" "$AG_CODE" '^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'
carry int ext
# Activated as with the demo's password (agent.sh tests activation; a
# key derivation spared here).
sql_ext "UPDATE agent_account SET code_hash = NULL, activated_at = UTC_TIMESTAMP(), pw_hash = (SELECT pw_hash FROM citizen WHERE id = $(citizen_of "$IDNO")) WHERE name = '图雅$$'"
csrf=$(http_get agt "$EXT_URL/agent/login" | csrf_from)
http_post agt "$EXT_URL/agent/login" "csrf=$csrf" "id_number=$AG_ID" "password=Yiwang@2026" >/dev/null
t_is "the agent logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
t_pdf "$TMP/m.pdf"
mapfile -t UP < <(required_uploads "$CODE" "$TMP/m.pdf")
apply_form agt "$EXT_URL/apply?code=$CODE"
http_upload agt "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "${UP[@]}" \
	resident_name=乌云其木格 resident_id_number="$IDNO" resident_mobile=13904797777 \
	resident_region=152502200200 consent_kind=form "m0=@$TMP/m.pdf;type=application/pdf" >/dev/null
APP=$(sql_ext "SELECT app_no FROM app_form_key WHERE form_key = '$FORM_KEY'")
t_like "the agent applies for the demo applicant, a resident" "$HTTP_STATUS $APP" '^303 YW[0-9]{13}$'
carry ext int
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
case_post clerk /case/instant "text=材料齐全，当场办结。"
carry int ext
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the resident, in their own account, may rate it" "$HTTP_BODY" 'action="/app/rate"'
t_unlike "without the agent's box" "$HTTP_BODY" 'name="asked"'
http_get agt "$EXT_URL/app?no=$APP" >/dev/null
t_like "the agent is told the resident rates, and may for them" "$(tr -d '\n' <<<"$HTTP_BODY")" '应由申请人本人作出.*name="asked"'
rate agt level=2 reason_slow=1 "comment=图雅代乌云其木格转达：等了很久。"
t_like "the agent's rating without the resident's request: 422, saying who rates" "$HTTP_STATUS $(alert_text)" '^422 评价应由申请人本人作出'
t_like "what was typed kept" "$HTTP_BODY" '等了很久。</textarea>'
t_is "nothing stored" "$(ext_rows)" 0
rate agt level=2 reason_slow=1 "comment=图雅代乌云其木格转达：等了很久。" asked=1
t_is "asked by the resident: rated" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=rate"
t_is "recorded as the agent's, for the resident" "$(sql_ext "SELECT CONCAT(rater, ' ', level) FROM rating WHERE app_no = '$APP'")" "agent 2"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the resident reads it, and who gave it" "$HTTP_BODY" '评价：<strong>不满意</strong> <span class="small muted">[^<]* · 代办员（受申请人委托）'
t_unlike "and rates no second time before a 整改" "$HTTP_BODY" 'action="/app/rate"'
carry ext int
t_is "the rater crossed" "$(sql_int "SELECT CONCAT(rater, ' ', state) FROM rating WHERE app_no = '$APP'")" "agent visit"
RID=$(sql_int "SELECT id FROM rating WHERE app_no = '$APP'")
http_get clerk "$INT_URL/ratings" >/dev/null
t_like "the department's list says the agent rated" "$(row "$APP")" '不满意.*代办员代评'
http_get sup "$INT_URL/rating?id=$RID" >/dev/null
t_like "and supervision reads who" "$(tr -d '\n' <<<"$HTTP_BODY")" '<dt>评价人</dt><dd>代办员（受申请人委托）'
t_done
