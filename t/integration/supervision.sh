#!/usr/bin/env bash
# supervision.sh (SUP-3, SUP-7, INT-13; issue #8, helper dash): the
# supervisors' real-time monitoring.  A real case journey (from the
# extranet, accepted, signed, late) moves the dashboard's numbers exactly
# as a recount of the cases says, by state, by light, by department and by
# hall, and today's new red lights are the warnings the tick wrote today;
# each number's list holds those cases; the case's full record shows its
# documents, opinions, events, warnings and what crossed the gap, with no
# form; /sup/ops shows who acted, from where; an observer reads the
# applicant masked and every query of theirs is in the audit trail; the
# summary the dashboard reads equals a recount, and dash-rebuild mends it.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 → 承办 → 批准, 市场监督管理局
IDNO=152502199003150027
TMP=$_T_DIR
wd() { admin_int workdays "$@" 2>/dev/null; }
flat() { tr -d '\n' <<<"$HTTP_BODY"; }
# cell TABLE ROWATTR LABEL: the number in that cell of the dashboard (a
# link's text or a plain 0).
cell() {
	flat | grep -o "<table class=\"grid sup-counts\" id=\"$1\">.*" | sed 's#</table>.*##' |
		grep -o "<tr $2>.*" | sed 's#</tr>.*##' |
		grep -o "data-label=\"$3\">.*" | sed 's#</td>.*##;s/<[^>]*>//g;s/^data-label="[^"]*">//'
}
tile() { flat | grep -o "<span class=\"sup-tile-label\">$1</span>.*" | sed 's#</li>.*##;s/<[^>]*>/ /g' | awk '{ print $NF }'; }
OPEN="'received','correcting','processing','suspended','reported'"
# recount WHERE: open cases matching WHERE, counted from kase's own columns
# (not the summary, not the virtual columns).
recount() { sql_int "SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id WHERE k.state IN ($OPEN) AND ($1)"; }
RUN="CASE k.state WHEN 'received' THEN k.intake_due WHEN 'processing' THEN k.promised_due END"

staff_login sup zhaoyanhong
staff_login obs suyalatu
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
http_get sup "$INT_URL/sup" >/dev/null
t_is "the supervisor's dashboard" "$HTTP_STATUS" 200
N0=$(tile 在办件)
t_is "counts every open case" "$N0" "$(recount 1)"

# --- a case arrives: received, in its department and hall -------------------
CASE=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
NAME=$(sql_int "SELECT applicant_name FROM kase WHERE id = $CASE")
t_is "it belongs to its item's department" "$(sql_int "SELECT dept_code FROM kase WHERE id = $CASE")" SCJGJ
HALL=$(sql_int "SELECT COALESCE(hall_code, 'none') FROM department WHERE code = 'SCJGJ'")
http_get sup "$INT_URL/sup" >/dev/null
t_is "one more open case" "$(tile 在办件)" "$((N0 + 1))"
t_is "received: as many as the cases say" "$(cell t-state 'data-state="received"' 在办)" "$(recount "k.state = 'received'")"
t_is "the department's open cases" "$(cell t-dept 'data-dept="SCJGJ"' 在办)" "$(recount "i.dept_code = 'SCJGJ'")"
t_is "the hall's open cases" "$(cell t-hall "data-hall=\"$HALL\"" 在办)" \
	"$(recount "i.dept_code IN (SELECT code FROM department WHERE COALESCE(hall_code, 'none') = '$HALL')")"
t_is "the summary equals a recount (dash-rebuild --check)" "$(admin_int dash-rebuild --check >/dev/null 2>&1; echo $?)" 0

# --- accepted and signed -------------------------------------------------------
case_post clerk /case/act action=accept
t_is "the clerk accepts" "$HTTP_STATUS" 303
case_post handler /case/act action=sign verdict=agree "text=经营场所符合要求，同意（监察测试）。"
t_is "the handler signs" "$HTTP_STATUS" 303
t_is "it is processing, waiting for the leader" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing
http_get sup "$INT_URL/sup" >/dev/null
t_is "processing: as many as the cases say" "$(cell t-state 'data-state="processing"' 在办)" "$(recount "k.state = 'processing'")"
t_is "received: one fewer again" "$(cell t-state 'data-state="received"' 在办)" "$(recount "k.state = 'received'")"
t_is "still one more open case than before it came" "$(tile 在办件)" "$((N0 + 1))"
t_is "the summary still equals a recount" "$(admin_int dash-rebuild --check >/dev/null 2>&1; echo $?)" 0

# --- red: a working day T, after both the promised date and the step's ------
PROM=$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")
STEP=$(sql_int "SELECT MAX(due_date) FROM case_task WHERE case_id = $CASE")
LAST=$PROM; [[ $STEP > $LAST ]] && LAST=$STEP
# T and the day before both working days: on T a deadline before T is red,
# on T yellow, after T green (deadline.h).
T=$(wd add "$LAST" 2)
while :; do
	P=$(date -d "$T -1 day" +%F)
	[[ $(wd between "$(date -d "$T -2 day" +%F)" "$P") == 1 && $(wd between "$P" "$T") == 1 ]] && break
	T=$(wd add "$T" 1)
done
clock_at "$T 10:00"
admin_int tick >"$TMP/tick" 2>&1
# (Days later: the sessions have lapsed.)
staff_login sup zhaoyanhong
staff_login obs suyalatu
t_like "the tick warns of the step late on $T" "$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE case_id = $CASE")" '^[1-9]'
REDS_TODAY=$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE at >= '$T' - INTERVAL 8 HOUR AND at < '$T' + INTERVAL 16 HOUR")
http_get sup "$INT_URL/sup" >/dev/null
t_is "red: the open cases whose running deadline passed before $T" "$(tile '红灯（已超期）')" "$(recount "$RUN < '$T'")"
t_is "yellow: due on $T" "$(tile '黄灯（今天到期）')" "$(recount "$RUN = '$T'")"
t_is "green: due after $T" "$(tile 绿灯)" "$(recount "$RUN > '$T'")"
t_is "today's new red lights: the warnings written on $T" "$(tile 今日新亮红灯)" "$REDS_TODAY"
t_is "the department's reds" "$(cell t-dept 'data-dept="SCJGJ"' 红灯)" "$(recount "i.dept_code = 'SCJGJ' AND $RUN < '$T'")"
t_is "the department's new reds today" "$(cell t-dept 'data-dept="SCJGJ"' 今日新红灯)" \
	"$(sql_int "SELECT COUNT(*) FROM deadline_warning WHERE dept_code = 'SCJGJ' AND at >= '$T' - INTERVAL 8 HOUR AND at < '$T' + INTERVAL 16 HOUR")"
t_is "processing and red" "$(cell t-state 'data-state="processing"' 红灯)" "$(recount "k.state = 'processing' AND k.promised_due < '$T'")"
t_like "the red tile links to its list" "$(flat)" 'href="/sup/cases\?light=red"'

# --- the lists behind the numbers ---------------------------------------------
rows() { flat | grep -o 'href="/sup/case?id=[0-9]*"' | sort -u | wc -l; }
# every_page JAR URL: the bodies of a list and of each next page after it,
# joined in ALL; PAGES how many.
every_page() {
	local next
	http_get "$1" "$2" >/dev/null
	ALL=$(flat) PAGES=1
	while next=$(flat | grep -o 'rel="next" href="[^"]*"' | sed 's/.*href="//;s/"$//;s/&amp;/\&/g') && [[ -n $next ]]; do
		http_get "$1" "$INT_URL$next" >/dev/null
		ALL+=$(flat) PAGES=$((PAGES + 1))
	done
}
every_page sup "$INT_URL/sup/cases?dept=SCJGJ&light=red"
t_is "the department's red list" "$HTTP_STATUS" 200
t_like "holds the case" "$ALL" ">$APP<"
t_is "and exactly the department's red cases, over its pages" \
	"$(grep -o 'href="/sup/case?id=[0-9]*"' <<<"$ALL" | sort -u | wc -l)" \
	"$(recount "i.dept_code = 'SCJGJ' AND $RUN < '$T'")"
http_get sup "$INT_URL/sup/cases?state=processing&light=green" >/dev/null
t_unlike "not among the green" "$(flat)" ">$APP<"
http_get sup "$INT_URL/sup/cases?warned=$T&dept=SCJGJ" >/dev/null
t_like "the cases warned today hold it" "$(flat)" ">$APP<"
t_like "with the light of its running deadline" "$(flat)" "light light-red\">已超期"
http_get sup "$INT_URL/sup/cases?state=nonsense" >/dev/null
t_is "a state that is none: 422" "$HTTP_STATUS" 422
http_get sup "$INT_URL/sup/cases?dept=NOSUCH" >/dev/null
t_is "a department that is none: 404" "$HTTP_STATUS" 404
http_get sup "$INT_URL/sup/cases?after_at=x&after_id=1" >/dev/null
t_is "a broken page key: 400" "$HTTP_STATUS" 400
# Paging by key: the oldest-first pages, each row once.
every_page sup "$INT_URL/sup/cases"
t_is "every open case on one of the pages, once" \
	"$(grep -o 'href="/sup/case?id=[0-9]*"' <<<"$ALL" | wc -l) $(grep -o 'href="/sup/case?id=[0-9]*"' <<<"$ALL" | sort -u | wc -l)" \
	"$(recount 1) $(recount 1)"
t_is "30 a page" "$PAGES" "$(( ($(recount 1) + 29) / 30 ))"

# --- the case's full record, read-only ---------------------------------------
http_get sup "$INT_URL/sup/case?id=$CASE" >/dev/null
t_is "any department's case, to the supervisor" "$HTTP_STATUS" 200
B=$(flat)
ACC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'accept'")
t_like "its documents" "$B" "$ACC"
t_like "its opinions" "$B" "经营场所符合要求，同意（监察测试）。"
t_like "its events with actor" "$B" "tl-label\">[^<]*</p>[^<]*<p class=\"tl-meta\"><time>[^<]*</time> · 王志强"
t_like "its warnings" "$B" 'id="warnings"'
t_like "what crossed the gap" "$B" 'id="exchange"'
t_like "the applicant's full ID number, to a supervisor" "$B" "$IDNO"
t_is "and no form but the masthead's logout" "$(grep -o '<form' <<<"$B" | wc -l)" 1
t_unlike "nothing that acts on the case" "$B" 'action="/case'

http_get sup "$INT_URL/doc?no=$ACC" >/dev/null
t_is "the supervisor opens the document" "$HTTP_STATUS" 200
http_get sup "$INT_URL/sup/case?id=999999999" >/dev/null
t_is "a case that is none: 404" "$HTTP_STATUS" 404

# --- the intranet's own operations ---------------------------------------------
http_get sup "$INT_URL/sup/ops?staff=wangzhiqiang" >/dev/null
B=$(flat)
t_like "the handler's signature, with its actor" "$B" "王志强</a></td>[^<]*<td data-label=\"部门\">[^<]*</td>[^<]*<td class=\"nowrap\" data-label=\"操作\">签署意见"
t_like "on the case" "$B" ">$APP<"
t_like "from where" "$B" 'data-label="地址">127\.0\.0\.1<'
t_unlike "only theirs" "$B" "萨仁高娃"
http_get sup "$INT_URL/sup/ops?staff=sarengaowa&dept=SCJGJ" >/dev/null
t_like "the clerk's login, from where" "$(flat)" "data-label=\"操作\">登录</td>.{0,400}127\.0\.0\.1"
t_like "and their acceptance" "$(flat)" "data-label=\"操作\">办理</td>[^<]*<td data-label=\"内容\">受理"
t_is "the document issued, by whom, from where" "$(sql_int "SELECT CONCAT(s.login, ' ', o.addr) FROM staff_op o JOIN staff s ON s.id = o.staff_id WHERE o.case_id = $CASE AND o.kind = 'doc' AND o.label LIKE '受理通知书%'")" "sarengaowa 127.0.0.1"
t_is "recorded as rows" "$(sql_int "SELECT COUNT(*) > 0 FROM staff_op WHERE case_id = $CASE AND kind = 'act' AND addr = '127.0.0.1'")" 1
http_get sup "$INT_URL/sup/ops?day=2001-01-01" >/dev/null
t_like "a day with nothing" "$(flat)" "没有符合条件的操作记录"
http_get sup "$INT_URL/sup/ops?day=2026-13-45" >/dev/null
t_is "a day that is none: 422" "$HTTP_STATUS" 422
t_unlike "the audit trail is not shown" "$(flat)" "sup.observe"

# --- an observer: masked, audited ------------------------------------------------
A0=$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe'")
http_get obs "$INT_URL/sup/case?id=$CASE" >/dev/null
t_is "the observer reads the case" "$HTTP_STATUS" 200
B=$(flat)
t_unlike "not the full ID number" "$B" "$IDNO"
t_like "but it masked" "$B" "${IDNO:0:6}\*\*\*\*\*\*\*\*${IDNO:14:4}"
t_like "the mobile masked" "$B" '手机号码</dt><dd class="mono">1[0-9]{2}\*{4}[0-9]{4}</dd>'
t_unlike "not the applicant's name" "$B" "$NAME"
t_like "but its first character" "$B" "申请人 ${NAME:0:1}\*\*"
t_like "staff names kept" "$B" "王志强"
t_like "told that it is masked" "$B" "特邀监督员"
t_unlike "no document link" "$B" 'href="/doc?'
http_get obs "$INT_URL/doc?no=$ACC" >/dev/null
t_is "nor the document itself" "$HTTP_STATUS" 403
http_get obs "$INT_URL/sup/cases?warned=$T" >/dev/null
t_unlike "lists mask the name" "$(flat)" "$NAME"
http_get obs "$INT_URL/sup/ops?staff=wangzhiqiang" >/dev/null
t_like "addresses to the network only" "$(flat)" 'data-label="地址">127\.\*'
t_is "each query audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe'")" "$((A0 + 3))"
t_is "with what was asked" "$(sql_int "SELECT COUNT(*) FROM audit WHERE actor = 'suyalatu' AND action = 'sup.observe' AND object = '/sup/case' AND detail = 'GET id=$CASE'")" 1

# --- the summary: kept, checked, rebuilt --------------------------------------------
staff_login leader bateer
case_post leader /case/act action=approve "text=符合条件，准予许可。"
t_is "decided: no longer open" "$(sql_int "SELECT sup_open IS NULL FROM kase WHERE id = $CASE")" 1
http_get sup "$INT_URL/sup" >/dev/null
t_is "the dashboard counts it no more" "$(tile 在办件)" "$N0"
t_is "the summary equals a recount after the journey" "$(admin_int dash-rebuild --check >/dev/null 2>&1; echo $?)" 0
t_is "summary rows: as many as a recount's groups" "$(sql_int "SELECT COUNT(*) FROM sup_open_count")" \
	"$(sql_int "SELECT COUNT(DISTINCT dept_code, state, COALESCE(sup_due, '9999-12-31')) FROM kase WHERE sup_open = 1")"
sql_int "UPDATE sup_open_count SET n = n + 5 LIMIT 1; INSERT INTO sup_open_count VALUES ('X', 'received', '2001-01-01', 3)"
t_is "a summary gone wrong is found" "$(admin_int dash-rebuild --check >/dev/null 2>&1; echo $?)" 1
t_like "dash-rebuild recounts it" "$(admin_int dash-rebuild 2>&1)" "在办件 $N0 件"
t_is "and it agrees again" "$(admin_int dash-rebuild --check >/dev/null 2>&1; echo $?)" 0
MYSQL_PWD=$(cat "$TEST_VAR/int/keys/db-app.pw") mariadb --no-defaults -N -B \
	--socket="$TEST_VAR/int/mysql/mysqld.sock" -uyiwang_app yiwang \
	-e "UPDATE sup_open_count SET n = 0" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_like "the application's account cannot write it" "$rc $(tr '\n' ' ' <"$TMP/out")" "^1 .*denied"
MYSQL_PWD=$(cat "$TEST_VAR/int/keys/db-app.pw") mariadb --no-defaults -N -B \
	--socket="$TEST_VAR/int/mysql/mysqld.sock" -uyiwang_app yiwang \
	-e "DELETE FROM staff_op" >"$TMP/out" 2>&1 && rc=0 || rc=$?
t_like "nor erase an operation" "$rc $(tr '\n' ' ' <"$TMP/out")" "^1 .*denied"
t_done
