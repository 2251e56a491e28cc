#!/usr/bin/env bash
# agent.sh (AGT-1 代办员; issue #10): proxy agents end to end.  The system
# administrator makes two agents on the intranet, each bound to a
# township; the accounts cross the gap with the activation code's hash,
# never a password; each agent activates with their ID number and the
# printed code and logs in on the extranet.  One applies for a resident of
# their area with the resident's signed consent form; the case reaches the
# intranet labelled 代办 with the agent and the consent, on the case page,
# its timeline and the notice it is issued.  Stops: a resident outside the
# area (by ID number, by where they live), no consent form, a code used
# twice, an agent seeing another agent's or a citizen's case, a record of
# an agent forged without its consent file, a deactivated agent still in.
# The resident sees the case in their own account; AGT-2's pages count it.
. "$(dirname "$0")/../lib.sh"
shopt -u patsub_replacement 2>/dev/null || true

TMP=$_T_DIR
CODE=152502-SCJG-XK-001
RESIDENT=152502199003150027	# the demo applicant 乌云其木格, a resident
A1_ID=$(test_id 3)		# the agents' own ID numbers
A2_ID=$(test_id 4)
A1=图雅$$
A2=王海军$$

login_ext() {	# JAR IDNO
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=Yiwang@2026" >/dev/null
}
# agent_add NAME IDNO TOWNSHIP [v_CODE=1…]: the system administrator makes
# an agent; sets CODE_OF (the activation code printed) and HTTP_*.
agent_add() {
	local name=$1 id=$2 town=$3 csrf
	shift 3
	csrf=$(http_get sys "$INT_URL/admin/agents" | csrf_from)
	http_post sys "$INT_URL/admin/agents" "csrf=$csrf" "name=$name" "id_number=$id" \
		"mobile=13947912345" "township=$town" "$@" >/dev/null
	AGENT_CODE=$(grep -o 'id="agent-code">[A-Z0-9-]*' <<<"$HTTP_BODY" | sed 's/.*>//')
}
activate() {	# JAR IDNO CODE
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/agent/activate" | csrf_from)
	http_post "$1" "$EXT_URL/agent/activate" "csrf=$csrf" "id_number=$2" "code=$3" \
		"password=Caoyuan#2026" "password2=Caoyuan#2026" >/dev/null
}
agent_login() {	# JAR IDNO
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/agent/login" | csrf_from)
	http_post "$1" "$EXT_URL/agent/login" "csrf=$csrf" "id_number=$2" "password=Caoyuan#2026" >/dev/null
}
# proxy JAR k=v…: an agent's application for $CODE with every required
# material and the consent form, with the fields given; sets HTTP_*.
proxy() {
	local jar=$1
	shift
	local -a up
	mapfile -t up < <(required_uploads "$CODE" "$TMP/m.pdf")
	apply_form "$jar" "$EXT_URL/apply?code=$CODE"
	http_upload "$jar" "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" \
		"${up[@]}" "$@" >/dev/null
}
t_pdf "$TMP/m.pdf"
t_pdf "$TMP/consent.pdf" "" "<</Producer(consent)>>"

# --- AGT-2 before any agent: said plainly, no number ---------------------------
t_is "no agent yet on this stack" "$(sql_int "SELECT COUNT(*) FROM agent")" 0
http_get anon "$EXT_URL/agents" >/dev/null
t_like "the extranet's /agents says so" "$HTTP_BODY" "代办员功能尚未开通，暂无代办件"
t_unlike "and shows no number" "$HTTP_BODY" 'class="num"'
staff_login sup zhaoyanhong
http_get sup "$INT_URL/sup/agents" >/dev/null
t_like "the supervisors' /sup/agents too" "$HTTP_BODY" "代办员功能尚未开通，暂无代办件"

# --- made on the intranet ---------------------------------------------------
staff_login sys liuxiaomei
http_get sys "$INT_URL/admin/agents" >/dev/null
t_is "the system administrator's agents page: 200" "$HTTP_STATUS" 200
agent_add "$A1" "$A1_ID" 152502200
t_is "an agent of 宝力根苏木 is made" "$HTTP_STATUS" 200
t_like "and the code is printed once" "$AGENT_CODE" '^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'
CODE1=$AGENT_CODE
AG1=$(sql_int "SELECT id FROM agent WHERE name = '$A1'")
t_is "bound to the township" "$(sql_int "SELECT CONCAT(region_code, ' ', area_name) FROM agent WHERE id = $AG1")" "152502200 宝力根苏木"
t_is "the ID number is not kept in clear" \
	"$(sql_int "SELECT COUNT(*) FROM agent WHERE id = $AG1 AND (id_sealed LIKE '%$A1_ID%' OR id_sealed IS NULL)")" 0
t_is "nor in the outbox, which seals the account" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'agent.account' AND body LIKE '%$A1_ID%'")" 0
agent_add "$A2" "$A2_ID" 152502201
CODE2=$AGENT_CODE
AG2=$(sql_int "SELECT id FROM agent WHERE name = '$A2'")
agent_add "重复$$" "$A1_ID" 152502201
t_is "an ID number that is an agent's already: refused" "$HTTP_STATUS" 409
agent_add "越界$$" "$(test_id 5)" 152502201 v_152502200200=1
t_is "villages of another township: refused" "$HTTP_STATUS" 422
t_like "saying so" "$HTTP_BODY" "所选嘎查村不属于朝克乌拉苏木"
t_is "and nothing made" "$(sql_int "SELECT COUNT(*) FROM agent WHERE name IN ('重复$$', '越界$$')")" 0

# --- carried and activated --------------------------------------------------
t_ok "the accounts cross" carry int ext
t_is "the extranet has both" "$(sql_ext "SELECT COUNT(*) FROM agent_account WHERE id IN ($AG1, $AG2) AND active = 1")" 2
# Their numbers come with the intranet's tick, which runs every minute:
# as if it had not run yet.
sql_ext "DELETE FROM agent_public"
http_get anon "$EXT_URL/agents" >/dev/null
t_like "/agents no longer says there are no agents, only that their numbers have not come" \
	"$HTTP_BODY" "代办员已经开通，代办件数还没有从审批系统送来"
t_unlike "…and never 尚未开通" "$HTTP_BODY" "尚未开通"
t_is "with no password yet" "$(sql_ext "SELECT pw_hash FROM agent_account WHERE id = $AG1")" '!'
t_is "and the township's regions" "$(sql_ext "SELECT GROUP_CONCAT(name ORDER BY region_code) FROM agent_account_area WHERE agent_id = $AG1")" \
	"宝力根苏木,伊利勒特嘎查,额尔敦宝拉格嘎查"
agent_login ag1 "$A1_ID"
t_is "before activation nobody logs in as the agent" "$HTTP_STATUS" 422
activate ag1 "$A1_ID" "${CODE2}"
t_is "another agent's code does not activate" "$HTTP_STATUS" 422
activate ag1 "$A1_ID" "$(tr 'A-Z' 'a-z' <<<"$CODE1" | tr -d -)"
t_is "the right code (as typed on a phone) activates" "$HTTP_STATUS" 303
t_like "and sends the agent to log in" "$HTTP_LOCATION" '^/agent/login\?activated=1$'
activate ag1 "$A1_ID" "$CODE1"
t_is "the code works once" "$HTTP_STATUS" 422
activate ag2 "$A2_ID" "$CODE2"
agent_login ag1 "$A1_ID"
t_is "the agent logs in" "$HTTP_STATUS" 303
t_is "to their cases" "$HTTP_LOCATION" "/my"
http_get ag1 "$EXT_URL/my" >/dev/null
t_like "which are theirs alone" "$HTTP_BODY" "我代办的办件"
agent_login ag2 "$A2_ID"

# --- applying for a resident --------------------------------------------------
apply_form ag1 "$EXT_URL/apply?code=$CODE"
t_like "the agent's form asks for the resident" "$HTTP_BODY" "代办：居民（申请人）信息"
t_like "and offers the area's villages" "$HTTP_BODY" "伊利勒特嘎查"
OUT=$(idno 15250119850302003)	# 二连浩特市
proxy ag1 resident_name=额尔敦 resident_id_number="$OUT" resident_mobile=13904797777 \
	resident_region=152502200200 "m0=@$TMP/consent.pdf;type=application/pdf"
t_is "a resident outside the area: refused" "$HTTP_STATUS" 422
t_like "naming the area" "$(alert_text)" "不属于您的服务区域（宝力根苏木）"
proxy ag1 resident_name=乌云其木格 resident_id_number="$RESIDENT" resident_mobile=13904797777 \
	resident_region=152502201 "m0=@$TMP/consent.pdf;type=application/pdf"
t_is "living in another township: refused" "$HTTP_STATUS" 422
proxy ag1 resident_name=乌云其木格 resident_id_number="$RESIDENT" resident_mobile=13904797777 \
	resident_region=152502200200
t_is "without the consent form: refused" "$HTTP_STATUS" 422
t_like "saying what is missing" "$(alert_text)" "代办授权书"
t_is "none of them stored" "$(sql_ext "SELECT COUNT(*) FROM application WHERE agent_id = $AG1")" 0
proxy ag1 resident_name=乌云其木格 resident_id_number="$RESIDENT" resident_mobile=13904797777 \
	resident_region=152502200200 consent_kind=form "m0=@$TMP/consent.pdf;type=application/pdf"
t_is "inside the area, with consent: accepted" "$HTTP_STATUS" 303
APP=${HTTP_LOCATION#*=}
t_is "the resident is the applicant" "$(sql_ext "SELECT CONCAT(applicant_name, '/', agent_name, '/', consent_kind, '/', consent_state) FROM application WHERE app_no = '$APP'")" \
	"乌云其木格/$A1/form/given"
t_is "the consent form kept as material 0" "$(sql_ext "SELECT material_name FROM attachment WHERE app_no = '$APP' AND material_seq = 0")" "代办授权书（居民签字）"
t_is "the act audited as the agent's" "$(sql_ext "SELECT CONCAT(actor, ' ', action) FROM audit WHERE object = '$APP'")" "agent:$AG1 application.proxy"
http_get ag1 "$EXT_URL/app?no=$APP" >/dev/null
t_like "the agent's case page says 代办" "$HTTP_BODY" "由代办员${A1}代办（宝力根苏木）"

# --- scope: the agent's own cases only -----------------------------------------
http_get ag2 "$EXT_URL/app?no=$APP" >/dev/null
t_is "another agent: not found" "$HTTP_STATUS" 404
MISSING=$HTTP_BODY
http_get ag2 "$EXT_URL/app?no=YW2000010100001" >/dev/null
t_is "like a number that does not exist" "$HTTP_STATUS" 404
t_is "with the same answer" "$(grep -o '没有找到[^<]*' <<<"$HTTP_BODY")" "$(grep -o '没有找到[^<]*' <<<"$MISSING")"
OWN=$(ext_apply "$CODE")
http_get ag1 "$EXT_URL/app?no=$OWN" >/dev/null
t_is "a citizen's own case: not found for the agent" "$HTTP_STATUS" 404
http_get ag2 "$EXT_URL/my" >/dev/null
t_unlike "nor in the other agent's list" "$HTTP_BODY" "$APP"
http_get ag1 "$EXT_URL/my" >/dev/null
t_like "the agent's list has it" "$HTTP_BODY" "$APP"
t_unlike "and not the citizen's" "$HTTP_BODY" "$OWN"

# --- the resident sees it ---------------------------------------------------
login_ext resident "$RESIDENT"
http_get resident "$EXT_URL/my" >/dev/null
t_like "the resident's list has the agent's case" "$HTTP_BODY" "$APP"
t_like "labelled" "$HTTP_BODY" "由代办员${A1}代办"
http_get resident "$EXT_URL/app?no=$APP" >/dev/null
t_is "and its page" "$HTTP_STATUS" 200
t_unlike "to read: acting on it is the agent's" "$HTTP_BODY" 'action="/app/withdraw"'
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post resident "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$APP" confirm=1 >/dev/null
t_is "the resident cannot withdraw it here" "$HTTP_STATUS" 404

# --- on the intranet ----------------------------------------------------------
t_ok "the application crosses" carry ext int
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
t_is "the case names its agent and consent" "$(sql_int "SELECT CONCAT(agent_id, ' ', consent_kind, ' ', consent_state, ' ', resident_region) FROM kase WHERE id = $CASE")" \
	"$AG1 form given 伊利勒特嘎查"
t_is "with the consent form's file" "$(sql_int "SELECT sha256 FROM attachment WHERE app_no = '$APP' AND material_seq = 0")" \
	"$(sha256sum "$TMP/consent.pdf" | cut -d' ' -f1)"
staff_login clerk sarengaowa
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page: 代办员 with the area" "$HTTP_BODY" "代办员：${A1}（宝力根苏木）"
t_like "and the consent" "$HTTP_BODY" "居民签字的授权书"
t_like "the timeline: received as 代办" "$HTTP_BODY" "内网收件（代办）"
case_post clerk /case/act action=accept
t_is "accepted" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'accept'")
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "the printed notice names the agent" "$HTTP_BODY" "代办员：${A1}（宝力根苏木）"
t_ok "the notice crosses back" carry int ext
http_get resident "$EXT_URL/doc?no=$DOC" >/dev/null
t_is "the resident reads the notice" "$HTTP_STATUS" 200
t_like "which names the agent too" "$HTTP_BODY" "代办员：${A1}（宝力根苏木）"
# The acceptance SMS: to the resident, who applied; a copy to the agent.
t_is "the acceptance SMS goes to the resident's mobile, a copy to the agent's" \
	"$(sql_ext "SELECT GROUP_CONCAT(CONCAT(to_masked, ' ', LEFT(shown, 4)) ORDER BY id SEPARATOR ' | ') FROM sms_outbox WHERE app_no = '$APP' AND why = 'accepted'")" \
	"139****7777 您申请的 | 139****2345 （代办抄"
# shellcheck disable=SC1111  # “ ” are the SMS text's own
t_like "the copy names the resident" "$(sql_ext "SELECT shown FROM sms_outbox WHERE app_no = '$APP' AND why = 'accepted' AND shown LIKE '（代办抄送）%'")" \
	"^（代办抄送）居民乌云其木格：您申请的“食品经营许可.*”（申请编号 $APP）已由"

# The licence the agent's case earns is the resident's: in 我的证照 too.
staff_login handler wangzhiqiang
staff_login leader bateer
case_post handler /case/act action=sign verdict=agree "text=经营场所符合要求，同意。"
case_post leader /case/act action=approve "text=符合条件，准予许可。" \
	"scope=预包装食品销售" valid_until=2031-12-05
LIC=$(sql_int "SELECT licence_no FROM licence WHERE app_no = '$APP'")
t_like "the agent's case, approved, issues a licence" "$LIC" '食许'
t_ok "which crosses" carry int ext
http_get resident "$EXT_URL/my" >/dev/null
t_like "the resident's 我的证照 lists it" "$HTTP_BODY" "$LIC"
http_get resident "$EXT_URL/doc?no=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]), end="")' "$LIC")" >/dev/null
t_is "and opens it" "$HTTP_STATUS" 200

# --- consent by the resident's SMS (短信确认) ------------------------------------
RMOB=1390479$(printf '%04d' $(($$ % 10000)))
sent_apps() { sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'application'"; }
N0=$(sent_apps)
proxy ag1 resident_name=乌云其木格 resident_id_number="$RESIDENT" resident_mobile="$RMOB" \
	resident_region=152502200200 consent_kind=sms
t_is "consent by SMS: to the code page" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /agent/consent"
SAPP=$(grep -o 'YW[0-9]*' <<<"$HTTP_LOCATION")
t_is "stored, waiting, without a consent file" \
	"$(sql_ext "SELECT CONCAT(consent_kind, '/', consent_state, '/', state_label, '/', (SELECT COUNT(*) FROM attachment WHERE app_no = '$SAPP' AND material_seq = 0)) FROM application WHERE app_no = '$SAPP'")" \
	"sms/pending/等待居民短信确认授权，尚未提交到审批部门/0"
t_is "its record held, not sent across" "$(sent_apps)/$(sql_ext "SELECT COUNT(*) FROM consent_hold WHERE app_no = '$SAPP'")" "$N0/1"
t_is "held sealed" "$(sql_ext "SELECT COUNT(*) FROM consent_hold WHERE record_sealed LIKE '%$RESIDENT%'")" 0
sms_wait "$RMOB" 1 || true
TEXT=$(sms_got "$RMOB" | tail -1)
# shellcheck disable=SC1111  # “ ” are the SMS text's own
t_like "the resident's SMS (through Kannel) names the agent, the item and the number" "$TEXT" \
	"代办员${A1}（宝力根苏木）申请为您代办“食品经营许可.*”（申请编号 $SAPP）"
SCODE=$(grep -o '确认码 [0-9]\{6\}' <<<"$TEXT" | grep -o '[0-9]\{6\}')
t_like "with a 6-digit code" "$SCODE" '^[0-9]{6}$'
http_get ag1 "$EXT_URL/agent/consent?no=$SAPP" >/dev/null
t_like "the agent's page shows the number masked" "$HTTP_BODY" "${RMOB:0:3}\*\*\*\*${RMOB:7}"
http_get ag1 "$EXT_URL/app?no=$SAPP" >/dev/null
t_like "the case page leads there" "$HTTP_BODY" "href=\"/agent/consent\\?no=$SAPP\""
http_get ag2 "$EXT_URL/agent/consent?no=$SAPP" >/dev/null
t_is "another agent does not reach it: 404" "$HTTP_STATUS" 404
consent() {	# JAR CODE
	local csrf
	csrf=$(http_get "$1" "$EXT_URL/agent/consent?no=$SAPP" | csrf_from)
	http_post "$1" "$EXT_URL/agent/consent" "csrf=$csrf" "no=$SAPP" "code=$2" >/dev/null
}
consent ag1 "$(printf '%06d' $(((10#$SCODE + 1) % 1000000)))"
t_is "a wrong code: 422" "$HTTP_STATUS" 422
t_like "saying how many tries are left" "$(alert_text)" '还可以再试 4 次'
t_is "nothing sent across" "$(sent_apps)" "$N0"
csrf=$(http_get ag1 "$EXT_URL/agent/consent?no=$SAPP" | csrf_from)
http_post ag1 "$EXT_URL/agent/consent/send" "csrf=$csrf" "no=$SAPP" >/dev/null
t_is "a new code within the minute: 429" "$HTTP_STATUS" 429
t_like "saying when to try" "$(alert_text)" '这个手机号码刚刚发过验证码，请 1 分钟后再试'
consent ag1 "$SCODE"
t_is "the code the resident read out: to the receipt" "$HTTP_STATUS $HTTP_LOCATION" "303 /receipt?no=$SAPP"
t_is "confirmed, with when and which number" \
	"$(sql_ext "SELECT CONCAT(consent_state, '/', consent_at IS NOT NULL, '/', consent_mobile_hash) FROM application WHERE app_no = '$SAPP'")" \
	"confirmed/1/$(pii_hash ext application.consent_mobile "$RMOB")"
t_is "the record sent across, the hold gone" "$(sent_apps)/$(sql_ext "SELECT COUNT(*) FROM consent_hold WHERE app_no = '$SAPP'")" "$((N0 + 1))/0"
t_is "audited as the agent's" "$(sql_ext "SELECT CONCAT(actor, ' ', detail) FROM audit WHERE action = 'application.consent' AND object = '$SAPP'")" "agent:$AG1 sms"
consent ag1 "$SCODE"
t_is "the same code again: nothing waits, 404" "$HTTP_STATUS" 404
t_ok "the application crosses" carry ext int
AT=$(sql_ext "SELECT consent_at FROM application WHERE app_no = '$SAPP'")
t_is "the case carries how, when and which number" \
	"$(sql_int "SELECT CONCAT_WS(' ', consent_kind, consent_state, consent_at, consent_mobile_hash) FROM kase WHERE app_no = '$SAPP'")" \
	"sms confirmed $AT $(pii_hash ext application.consent_mobile "$RMOB")"
http_get clerk "$INT_URL/case?id=$(sql_int "SELECT id FROM kase WHERE app_no = '$SAPP'")" >/dev/null
t_like "the clerk reads 短信确认 at its time" "$HTTP_BODY" \
	"短信确认：居民于 $(sql_ext "SELECT DATE_FORMAT(consent_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM application WHERE app_no = '$SAPP'") 用申请所留手机收到确认码并告知代办员"
# Never confirmed: the tick ends it after its wait, unsent.
proxy ag1 resident_name=乌云其木格 resident_id_number="$RESIDENT" resident_mobile=13904796666 \
	resident_region=152502200200 consent_kind=sms
XAPP=$(grep -o 'YW[0-9]*' <<<"$HTTP_LOCATION")
csrf=$(http_get ag1 "$EXT_URL/app?no=$XAPP" | csrf_from)
http_post ag1 "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$XAPP" confirm=1 reason=不办了 >/dev/null
t_like "waiting, it cannot be withdrawn (it never left)" "$HTTP_BODY" '不需要撤回'
sql_ext "UPDATE consent_hold SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE app_no = '$XAPP'"
admin_ext tick >/dev/null
t_is "past its wait, the tick ends it" "$(sql_ext "SELECT CONCAT(state, '/', consent_state, '/', state_label) FROM application WHERE app_no = '$XAPP'")" \
	"withdrawn/refused/居民未在 3 日内短信确认，申请没有提交，已作废"
t_is "unsent, its hold gone" "$(sent_apps)/$(sql_ext "SELECT COUNT(*) FROM consent_hold WHERE app_no = '$XAPP'")" "$((N0 + 1))/0"

# --- personal data at rest ------------------------------------------------------
REC=$(sql_ext "SELECT body FROM gap_outbox WHERE kind = 'application' ORDER BY id DESC LIMIT 1")
t_is "the outbox keeps the application sealed" "$(grep -c "$RESIDENT" <<<"$REC")" 0

# --- AGT-2 counts it -------------------------------------------------------------
staff_login sup zhaoyanhong
http_get sup "$INT_URL/sup/agents" >/dev/null
t_like "the supervisor's table counts the cases (the form's, the SMS's)" "$(tr -d '\n' <<<"$HTTP_BODY")" "${A1}</td><td data-label=\"服务区域\">宝力根苏木</td><td data-label=\"代办件\" class=\"num\">2</td>"
t_unlike "and no longer says there are no agents" "$HTTP_BODY" "尚未开通"
admin_int tick >/dev/null
t_ok "the tick sends the agent points" carry int ext
http_get anon "$EXT_URL/agents" >/dev/null
t_like "the extranet publishes them" "$(tr -d '\n' <<<"$HTTP_BODY")" "${A1}</td><td data-label=\"服务区域\">宝力根苏木</td><td data-label=\"代办件\" class=\"num\">2</td>"

# --- the same from the command line (yiwang-admin agent-add) ---------------------
OUT=$(admin_int agent-add "萨仁$$" "$(test_id 6)" 13947912346 152502200 152502200201 2>&1)
t_like "agent-add prints the activation code" "$OUT" '^激活码：[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'
t_is "bound to the village named" "$(sql_int "SELECT area_name FROM agent WHERE name = '萨仁$$'")" "宝力根苏木额尔敦宝拉格嘎查"
rc=0
OUT=$(admin_int agent-add "越界$$" "$(test_id 7)" 13947912347 152502201 152502200201 2>&1) || rc=$?
t_is "a village of another township: refused" "$rc" 1
t_like "saying why" "$OUT" "所选嘎查村不属于朝克乌拉苏木"
t_is "and audited as the operator's" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'agent.add' AND detail = '宝力根苏木额尔敦宝拉格嘎查' AND actor LIKE 'cli:%'")" 1

# --- deactivation ---------------------------------------------------------------
csrf=$(http_get sys "$INT_URL/admin/agents" | csrf_from)
http_post sys "$INT_URL/admin/agents/deactivate" "csrf=$csrf" "id=$AG2" confirm=1 >/dev/null
t_is "the administrator deactivates an agent" "$HTTP_STATUS" 303
t_ok "which crosses" carry int ext
t_is "the extranet's account is off" "$(sql_ext "SELECT active FROM agent_account WHERE id = $AG2")" 0
http_get ag2 "$EXT_URL/my" >/dev/null
t_is "the agent's session is over" "$HTTP_STATUS" 303
agent_login ag2 "$A2_ID"
t_is "and they cannot log in again" "$HTTP_STATUS" 422
t_is "the audit has every act" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action IN ('agent.add', 'agent.deactivate') AND object IN ('agent:$AG1', 'agent:$AG2')")" 3

# --- a forgotten password: an SMS code to the agent's mobile ---------------------
reset_post() {	# PATH k=v…: as nobody, from the form's page
	local path=$1 csrf
	shift
	csrf=$(http_get anon "$EXT_URL/agent/reset" | csrf_from)
	http_post anon "$EXT_URL$path" "csrf=$csrf" "$@" >/dev/null
}
codes() { sql_ext "SELECT COUNT(*) FROM sms_outbox WHERE why = 'agent-reset'"; }
http_get anon "$EXT_URL/agent/login" >/dev/null
t_like "the agents' login offers a reset" "$HTTP_BODY" 'href="/agent/reset"'
N0=$(codes)
reset_post /agent/reset "id_number=$A1_ID" mobile=13900000000
t_is "another number than the one on record: the same code page" "$HTTP_STATUS $(grep -c 'action="/agent/reset/code"' <<<"$HTTP_BODY")" "200 1"
t_is "but no code is sent" "$(codes)" "$N0"
reset_post /agent/reset "id_number=$A1_ID" mobile=13947912345
TICKET=$(input_value "$HTTP_BODY" ticket)
t_is "the number on record: a code queued for it" "$(codes)" "$((N0 + 1))"
admin_ext tick >/dev/null
for ((i = 0; i < 50; i++)); do
	sms_got 13947912345 | grep -q '重设代办员密码.*验证码是' && break
	sleep 0.1
done
RCODE=$(sms_got 13947912345 | grep '重设代办员密码' | grep -o '验证码是 [0-9]\{6\}' | tail -1 | grep -o '[0-9]\{6\}')
t_like "it reached the agent's mobile through Kannel" "$RCODE" '^[0-9]{6}$'
csrf=$(http_get anon "$EXT_URL/reset" | csrf_from)
http_post anon "$EXT_URL/reset/code" "csrf=$csrf" "ticket=$TICKET" "code=$RCODE" \
	"password=Shamo#2027x" "password2=Shamo#2027x" >/dev/null
t_like "a citizen's reset does not take an agent's ticket" "$(alert_text)" '验证码已过期、已用过或输错次数太多'
reset_post /agent/reset/code "ticket=$TICKET" "code=$(printf '%06d' $(((10#$RCODE + 1) % 1000000)))" \
	"password=Shamo#2027x" "password2=Shamo#2027x"
t_is "a wrong code: 422" "$HTTP_STATUS" 422
t_like "saying the tries left" "$(alert_text)" '还可以再试'
reset_post /agent/reset/code "ticket=$TICKET" "code=$RCODE" "password=Shamo#2027x" "password2=Shamo#2027x"
t_like "the right code sets the new password" "$HTTP_BODY" '密码已重设'
http_get ag1 "$EXT_URL/my" >/dev/null
t_is "the agent's sessions ended" "$HTTP_STATUS" 303
agent_login ag1 "$A1_ID"
t_is "the old password no longer opens" "$HTTP_STATUS" 422
csrf=$(http_get ag1 "$EXT_URL/agent/login" | csrf_from)
http_post ag1 "$EXT_URL/agent/login" "csrf=$csrf" "id_number=$A1_ID" "password=Shamo#2027x" >/dev/null
t_is "the new one does" "$HTTP_STATUS" 303
t_is "audited as the agent's" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'agent.password.reset' AND object = 'agent:$AG1'")" 1

t_done
