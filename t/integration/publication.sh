#!/usr/bin/env bash
# publication.sh (PUB-1, PUB-2, AGT-2; issue #8): a case decided on the
# intranet is published on the extranet's /results once the bundles are
# carried, masked (the applicant's full name and ID number are nowhere on
# the page), within the 5 days of seed 004 #3 第二十一条, and a result
# still on the intranet after them is found late by the tick; a private
# item's result is a count only; the hall display shows the numbers the
# intranet sent and refreshes by a meta element; an announcement written
# by one person cannot be published by that person, is published by a
# second, crosses, is found by the extranet's search and linked from the
# item guide, is withdrawn and disappears; forged or malformed publication
# records are refused whole; the agent points say plainly that there are
# none yet.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
FORGE=$BUILD/t/tools/forge_bundle
INSTANT=152502-SCJG-XK-005	# 即办件 of 市场监督管理局 (hall XLHT-ZWFWZX)
PRIVATE=152502-SCJG-XK-006	# marked private for this test, then not
HALL=XLHT-ZWFWZX
FULLNAME=乌云其木格		# the demo applicant (db/demo/LOGINS)
IDNO=152502199003150027

instant() { # CASE: the window grants the instant item in one sitting
	local csrf
	csrf=$(http_get clerk "$INT_URL/case?id=$1" | csrf_from)
	http_post clerk "$INT_URL/case/instant" "csrf=$csrf" "id=$1" \
		"text=材料齐全，当场办结。" >/dev/null
}
# pub JAR PATH k=v…: a POST of the announcements desk with its CSRF token.
pub() {
	local jar=$1 path=$2 csrf
	shift 2
	csrf=$(http_get "$jar" "$INT_URL/pub" | csrf_from)
	http_post "$jar" "$INT_URL$path" "csrf=$csrf" "$@" >/dev/null
}
# forge RECORDS OUT: a bundle to the extranet signed with the intranet's
# real keys, next in the sequence the extranet expects (gap-trust.sh).
forge() {
	local keys=$TEST_VAR/int/keys epoch seq prev
	epoch=$(sql_ext "SELECT COALESCE(MAX(epoch), 1) FROM gap_epoch WHERE dir='int2ext'")
	seq=$(sql_ext "SELECT COALESCE(MAX(seq), 0) FROM gap_in WHERE dir='int2ext' AND epoch=$epoch")
	prev=$(sql_ext "SELECT hash FROM gap_in WHERE dir='int2ext' AND epoch=$epoch AND seq=$seq")
	"$FORGE" -k "$keys/site.key" -x "$keys/enc.key" -y "$keys/peer-enc.pub" \
		-s intranet -d int2ext -e "$epoch" -n $((seq + 1)) -p "$prev" \
		-r "$1" -o "$2" >/dev/null
}
# The import of the bundles the intranet wrote, then of every new one.
carry int ext || true

# --- PUB-1: a decided case's result, masked, within 5 days --------------------
staff_login clerk sarengaowa
CASE=$(case_from_ext "$INSTANT")
t_like "a case of an instant item" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
t_is "the applicant is the demo's" "$(sql_int "SELECT applicant_name FROM kase WHERE id = $CASE")" "$FULLNAME"
instant "$CASE"
t_is "granted at the window" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
t_is "its result queued in the decision's transaction, due 5 days after" \
	"$(sql_int "SELECT decision, DATEDIFF(due_on, decided_on), decided_on = DATE(k.decided_at + INTERVAL 8 HOUR) FROM pub_result p JOIN kase k ON k.id = p.case_id WHERE p.case_id = $CASE")" \
	"approved	5	1"
PUB=$(sql_int "SELECT id FROM pub_result WHERE case_id = $CASE")
REC=$(sql_int "SELECT o.body FROM gap_outbox o JOIN pub_result p ON p.outbox_id = o.id WHERE p.case_id = $CASE")
t_like "the record is a pub.result with the applicant masked" "$REC" '"applicant":"乌\*\*"'
t_unlike "and carries neither the full name nor the ID number" "$REC" "$FULLNAME|$IDNO|mobile|id_number"
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'approve'")
t_like "it names the decision's number" "$REC" "\"doc_no\":\"$DOC\""
http_get anon "$EXT_URL/results" >/dev/null
t_unlike "not on the extranet before the bundle is carried" "$HTTP_BODY" "$DOC"
t_ok "carried to the extranet" carry int ext
t_is "the extranet has it, published in time" \
	"$(sql_ext "SELECT decision, applicant, late FROM result_public WHERE id = $PUB")" "approved	乌**	0"
http_get anon "$EXT_URL/results" >/dev/null
t_is "GET /results: 200" "$HTTP_STATUS" 200
t_like "the result is on the page with its number" "$HTTP_BODY" "$DOC"
t_like "the applicant masked" "$HTTP_BODY" '乌\*\*'
t_unlike "the full name nowhere on the page" "$HTTP_BODY" "$FULLNAME"
t_unlike "nor the ID number, nor its masked form" "$HTTP_BODY" "$IDNO|1525\*|0027"
ITEMNAME=$(sql_ext "SELECT item_name FROM result_public WHERE id = $PUB")
DAY=$(sql_ext "SELECT decided_on FROM result_public WHERE id = $PUB")
http_get anon "$EXT_URL/results?item=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "${ITEMNAME:0:4}")&dept=SCJGJ&from=$DAY&to=$DAY" >/dev/null
t_like "found by item, department and day" "$HTTP_BODY" "$DOC"
http_get anon "$EXT_URL/results?dept=GAJ" >/dev/null
t_unlike "not under another department" "$HTTP_BODY" "$DOC"
http_get anon "$EXT_URL/results?from=2099-01-01" >/dev/null
t_unlike "nor after its day" "$HTTP_BODY" "$DOC"
http_get anon "$EXT_URL/results?before=$PUB" >/dev/null
t_unlike "nor on the page of older ones" "$HTTP_BODY" "$DOC"
http_get anon "$EXT_URL/results?from=2026-13-01" >/dev/null
t_is "a date that is none: 400" "$HTTP_STATUS" 400

# A refusal at the deciding step is published too, 不予受理 is not (it
# decides nothing on the merits).
staff_login handler wangzhiqiang
staff_login leader bateer
FIRST=$CASE	# case_post acts on $CASE
CASE=$(case_from_ext 152502-SCJG-XK-001)
case_post clerk /case/act action=reject "text=申请事项不属于本机关职权范围。"
t_is "not accepted: no result queued" \
	"$(sql_int "SELECT CONCAT(k.state, ' ', COUNT(p.id)) FROM kase k LEFT JOIN pub_result p ON p.case_id = k.id WHERE k.id = $CASE GROUP BY k.id")" "not_accepted 0"
CASE=$(case_from_ext 152502-SCJG-XK-001)
case_post clerk /case/act action=accept
case_post handler /case/act action=sign verdict=agree "text=已核实。"
case_post leader /case/act action=deny "text=经营场所不符合食品安全要求。"
t_is "denied by the leader: its result queued" \
	"$(sql_int "SELECT CONCAT(k.state, ' ', p.decision) FROM kase k JOIN pub_result p ON p.case_id = k.id WHERE k.id = $CASE")" "denied denied"
NO=$(sql_int "SELECT doc_no FROM document d JOIN kase k ON k.app_no = d.app_no WHERE k.id = $CASE AND d.kind = 'deny'")
carry int ext
http_get anon "$EXT_URL/results" >/dev/null
t_like "published as 不予许可 with its number" "$(tr -d '\n' <<<"$HTTP_BODY")" "不予许可</span></td>.{0,200}$NO"
CASE=$FIRST

# A private item (婚姻登记 and the like): counted, never named.
sql_int "INSERT INTO item_private (code, set_at) VALUES ('$PRIVATE', UTC_TIMESTAMP())"
C2=$(case_from_ext "$PRIVATE")
A2=$(sql_int "SELECT app_no FROM kase WHERE id = $C2")
instant "$C2"
sql_int "DELETE FROM item_private WHERE code = '$PRIVATE'"
t_is "a private item's case granted" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" approved
P2=$(sql_int "SELECT id FROM pub_result WHERE case_id = $C2")
t_unlike "its record names no item, applicant or number" \
	"$(sql_int "SELECT o.body FROM gap_outbox o JOIN pub_result p ON p.outbox_id = o.id WHERE p.id = $P2")" \
	"个体工商户|乌|$A2|锡市监"
PRIVATES=$(sql_ext "SELECT COUNT(*) FROM result_public WHERE private = 1")
carry int ext
t_is "the extranet counts it" "$(sql_ext "SELECT COUNT(*) FROM result_public WHERE private = 1")" $((PRIVATES + 1))
http_get anon "$EXT_URL/results" >/dev/null
t_like "the page gives the count" "$HTTP_BODY" "另有 <strong>$((PRIVATES + 1))</strong> 件涉及个人隐私"
t_unlike "and not the private item's name" "$HTTP_BODY" "个体工商户设立登记"

# --- the hall display ----------------------------------------------------------
t_ok "the tick counts the halls" admin_int tick
EXPECT=$(sql_int "SELECT
	(SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code
	 WHERE d.hall_code = '$HALL' AND k.received_at >= DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR) - INTERVAL 8 HOUR),
	(SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code
	 WHERE d.hall_code = '$HALL' AND k.decided_at >= DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR) - INTERVAL 8 HOUR
	 AND k.state IN ('approved', 'denied', 'not_accepted')),
	(SELECT COUNT(*) FROM kase k JOIN item i ON i.id = k.item_id JOIN department d ON d.code = i.dept_code
	 WHERE d.hall_code = '$HALL' AND k.state IN ('received', 'correcting', 'processing', 'suspended', 'reported'))")
t_is "what it sent is the hall's cases of today" \
	"$(sql_int "SELECT received, decided, in_progress FROM pub_hall WHERE hall_code = '$HALL'")" "$EXPECT"
read -r RCV DCD OPEN <<<"$EXPECT"
t_ok "at least the two cases of this test, decided today" test "$RCV" -ge 2 -a "$DCD" -ge 2
t_ok "carried" carry int ext
http_get anon "$EXT_URL/hall?code=$HALL" >/dev/null
t_is "GET /hall: 200" "$HTTP_STATUS" 200
t_like "refreshes itself every minute by a meta element" "$HTTP_BODY" '<meta http-equiv="refresh" content="60">'
t_unlike "without any script" "$HTTP_BODY" '<script'
t_like "the hall's name" "$HTTP_BODY" '锡林浩特市政务服务中心'
FIGS=$(grep -o 'hall-fig-num">[0-9]*' <<<"$HTTP_BODY" | cut -d'>' -f2 | tr '\n' ' ')
t_is "today's numbers as the intranet sent them" "$FIGS" "$RCV $DCD $OPEN "
t_like "and when they were counted" "$HTTP_BODY" "数据统计于 $(sql_ext "SELECT DATE_FORMAT(as_of, '%Y-%m-%d %H:%i') FROM hall_public WHERE hall_code = '$HALL'")"
t_like "with the latest results of the hall" "$HTTP_BODY" '乌\*\*'
t_unlike "masked there too" "$HTTP_BODY" "$FULLNAME"
N=$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'pub.hall' AND bundle_seq IS NULL")
admin_int tick >/dev/null
t_is "unchanged numbers are not sent again" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'pub.hall' AND bundle_seq IS NULL")" "$N"
http_get anon "$EXT_URL/hall?code=NO-SUCH" >/dev/null
t_is "a hall without numbers: 404" "$HTTP_STATUS" 404
http_get anon "$EXT_URL/hall?code=..%2Fx" >/dev/null
t_is "a code that is none: 400" "$HTTP_STATUS" 400

# --- PUB-2: announcements, by a second person ---------------------------------
staff_login writer bateer		# 分管领导 of 市场监督管理局: may review, not his own
staff_login admin liuxiaomei		# 系统管理员
staff_login handler wangzhiqiang
TITLE="食品经营许可注销办理须知$$"
pub writer /pub/edit kind=policy "title=$TITLE" "body=第一条 申请注销食品经营许可证的，应当提交注销申请书。
第二条 本须知自发布之日起施行。" "items=$INSTANT"
t_like "a draft saved: 303 to its editor" "$HTTP_STATUS $HTTP_LOCATION" '^303 /pub/edit\?id=[0-9]+&saved=1$'
NEWS=$(sql_int "SELECT id FROM pub_news WHERE title = '$TITLE'")
t_is "written by bateer, for his department, linked to the item" \
	"$(sql_int "SELECT state, written_by, dept_code, items FROM pub_news WHERE id = $NEWS")" \
	"draft	bateer	SCJGJ	$INSTANT"
pub writer /pub/edit kind=news "title=x" "body=y" "items=NO-SUCH-ITEM"
t_is "an item that is none: 422" "$HTTP_STATUS" 422
pub admin /pub/publish "id=$NEWS"
t_is "a draft is not published, not even by a second person: 409" "$HTTP_STATUS" 409
pub writer /pub/submit "id=$NEWS"
t_is "submitted by its writer" "$HTTP_STATUS $(sql_int "SELECT state FROM pub_news WHERE id = $NEWS")" "303 review"
pub writer /pub/publish "id=$NEWS"
t_is "its writer cannot publish it, though a leader: 403" "$HTTP_STATUS" 403
t_like "saying a second person must" "$HTTP_BODY" "另一位工作人员审核"
t_is "still waiting for review" "$(sql_int "SELECT state FROM pub_news WHERE id = $NEWS")" review
pub handler /pub/publish "id=$NEWS"
t_is "a handler cannot publish: 403" "$HTTP_STATUS" 403
t_ok "the database refuses a reviewer who is the writer too" \
	bash -c "! mariadb --no-defaults --socket='$TEST_VAR/int/mysqld.sock' -uroot yiwang -e \"UPDATE pub_news SET reviewed_by = written_by WHERE id = $NEWS\" 2>/dev/null"
pub admin /pub/publish "id=$NEWS"
t_is "published by a second person" "$HTTP_STATUS $HTTP_LOCATION" "303 /pub?done=publish"
t_is "who is named as its reviewer" \
	"$(sql_int "SELECT state, reviewed_by FROM pub_news WHERE id = $NEWS")" "published	liuxiaomei"
pub admin /pub/publish "id=$NEWS"
t_is "not twice: 409" "$HTTP_STATUS" 409
http_get anon "$EXT_URL/news?q=注销办理须知$$" >/dev/null
t_unlike "not on the extranet before the bundle" "$HTTP_BODY" "$TITLE"
t_ok "carried" carry int ext
http_get anon "$EXT_URL/news?q=注销办理须知$$" >/dev/null
t_like "found by the extranet's search" "$HTTP_BODY" "$TITLE"
http_get anon "$EXT_URL/news?kind=notice&q=注销办理须知$$" >/dev/null
t_unlike "but not under another kind" "$HTTP_BODY" "$TITLE"
http_get anon "$EXT_URL/news/item?id=$NEWS" >/dev/null
t_like "its page has the text" "$HTTP_BODY" '本须知自发布之日起施行'
http_get anon "$EXT_URL/guide?code=$INSTANT" >/dev/null
t_like "the item's guide links to it (CAT-5)" "$HTTP_BODY" "href=\"/news/item\?id=$NEWS\">$TITLE"
pub writer /pub/withdraw "id=$NEWS"
t_is "its writer cannot withdraw it either: 403" "$HTTP_STATUS" 403
pub admin /pub/withdraw "id=$NEWS"
t_is "withdrawn by a second person" "$HTTP_STATUS $(sql_int "SELECT state FROM pub_news WHERE id = $NEWS")" "303 withdrawn"
t_ok "carried" carry int ext
http_get anon "$EXT_URL/news?q=注销办理须知$$" >/dev/null
t_unlike "gone from the search" "$HTTP_BODY" "$TITLE"
http_get anon "$EXT_URL/news/item?id=$NEWS" >/dev/null
t_is "and its page: 404" "$HTTP_STATUS" 404
http_get anon "$EXT_URL/guide?code=$INSTANT" >/dev/null
t_unlike "and from the guide" "$HTTP_BODY" "$TITLE"
t_is "every move audited" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(action, ':', actor) ORDER BY id) FROM audit WHERE object = 'news:$NEWS'")" \
	"pub.edit:bateer,pub.submit:bateer,pub.publish:liuxiaomei,pub.withdraw:liuxiaomei"
# A returned draft goes back to its writer with the reason.
pub handler /pub/edit kind=notice "title=停电通知$$" "body=本周六大厅停电，暂停办理。"
N2=$(sql_int "SELECT id FROM pub_news WHERE title = '停电通知$$'")
pub handler /pub/submit "id=$N2"
pub writer /pub/return "id=$N2"
t_is "returned without a reason: 422" "$HTTP_STATUS" 422
pub writer /pub/return "id=$N2" "note=请写明恢复办理的时间"
t_is "returned with one by the department's leader" \
	"$(sql_int "SELECT state, note FROM pub_news WHERE id = $N2")" "draft	请写明恢复办理的时间"
http_get handler "$INT_URL/pub" >/dev/null
t_like "its writer sees why" "$HTTP_BODY" "退回意见：请写明恢复办理的时间"

# --- forged and malformed records, refused whole ------------------------------
GOOD='{"type":"pub.news","id":999001,"kind":"notice","title":"伪造的通知","body":"x","dept_name":"某局","published_at":"2026-12-07 10:00:00","items":[]}'
# result APPLICANT DUE [EXTRA]: a pub.result decided on 2026-11-01.
result() {
	printf '{"type":"pub.result","id":999002,"private":false,"item_code":"152502-SCJG-XK-005","item_name":"食品经营许可","dept_code":"SCJGJ","dept_name":"市场监督管理局","hall_code":"XLHT-ZWFWZX","decision":"approved","decided_on":"2026-11-01","due_on":"%s","doc_no":"锡市监许准〔2026〕9999号","applicant":"%s"%s}' "$2" "$1" "${3:-}"
}
BADS=("$(result "$FULLNAME" 2026-11-06)" "$(result "$IDNO" 2026-11-06)"
	"$(result "乌**" 2026-11-30)" "$(result "乌**" 2026-11-06 ",\"id_number\":\"$IDNO\"")"
	'{"type":"pub.hall","hall_code":"XLHT-ZWFWZX","hall_name":"<script>x</script>","day":"2026-12-07","as_of":"2026-12-08 00:00:00","received":1,"decided":1,"in_progress":1}'
	'{"type":"pub.news.withdraw","id":"1 OR 1=1"}')
for bad in "${BADS[@]}"; do
	printf '%s\n%s\n' "$GOOD" "$bad" >"$TMP/forged.jsonl"
	forge "$TMP/forged.jsonl" "$TMP/forged.ywb"
	rc=0
	gap_ext import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
	t_is "refused with an alert: ${bad:0:60}…" "$rc" 4
done
t_is "and nothing of them applied, the good record neither" \
	"$(sql_ext "SELECT (SELECT COUNT(*) FROM news_public WHERE id = 999001) + (SELECT COUNT(*) FROM result_public WHERE id = 999002)")" 0
# (A forged bundle that passed would take the sequence number of the
# intranet's next one: the unit tests show what passes, test_records.)

# --- AGT-2: agent points, none yet, said plainly ------------------------------
# While no agent exists.  The agents of agent.sh (AGT-1), when it ran first
# on this stack, stay: it checks the same before it makes them.
NAGENTS=$(sql_int "SELECT COUNT(*) FROM agent")
staff_login sup zhaoyanhong
if ((NAGENTS == 0)); then
	http_get anon "$EXT_URL/agents" >/dev/null
	t_like "the extranet says agents are not open yet" "$HTTP_BODY" "代办员功能尚未开通，暂无代办件"
	t_unlike "and shows no number" "$HTTP_BODY" 'class="num"'
	http_get sup "$INT_URL/sup/agents" >/dev/null
	t_is "the supervisor's table: 200" "$HTTP_STATUS" 200
	t_like "says the same, counted from the cases" "$HTTP_BODY" "代办员功能尚未开通，暂无代办件"
	admin_int tick >/dev/null
	t_is "no agent points are sent while there are none" \
		"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'pub.agents' AND bundle_seq IS NULL")" 0
fi
# An agent's cases count: one made here by hand, with the case of this
# test as its.
sql_int "INSERT INTO agent (name, region_code) VALUES ('其木格', '152502200')"
AGENT=$(sql_int "SELECT MAX(id) FROM agent")
sql_int "UPDATE kase SET agent_id = $AGENT WHERE id = $CASE"
http_get sup "$INT_URL/sup/agents" >/dev/null
t_like "the supervisor sees the agent's case, decided" "$(tr -d '\n' <<<"$HTTP_BODY")" '其木格</td><td data-label="服务区域">宝力根苏木</td><td data-label="代办件" class="num">1</td><td data-label="已办结" class="num">1</td>'
admin_int tick >/dev/null
t_ok "the tick sends the agent points" carry int ext
http_get anon "$EXT_URL/agents" >/dev/null
t_like "the extranet publishes them" "$(tr -d '\n' <<<"$HTTP_BODY")" '其木格</td><td data-label="服务区域">宝力根苏木</td><td data-label="代办件" class="num">1</td>'
t_unlike "and no longer says there are none" "$HTTP_BODY" "尚未开通"
sql_int "UPDATE kase SET agent_id = NULL WHERE id = $CASE; DELETE FROM agent WHERE id = $AGENT"
admin_int tick >/dev/null
carry int ext
http_get anon "$EXT_URL/agents" >/dev/null
if ((NAGENTS == 0)); then
	t_like "without agents again, none again" "$HTTP_BODY" "代办员功能尚未开通，暂无代办件"
else
	t_unlike "the hand-made agent gone again" "$HTTP_BODY" "其木格"
fi

# --- the 5-day rule: a result still on the intranet after it is late -----------
C3=$(case_from_ext "$INSTANT")
instant "$C3"
A3=$(sql_int "SELECT app_no FROM kase WHERE id = $C3")
P3=$(sql_int "SELECT id FROM pub_result WHERE case_id = $C3")
DUE=$(sql_int "SELECT due_on FROM pub_result WHERE id = $P3")
admin_int tick >/dev/null
t_is "not late within its 5 days" "$(sql_int "SELECT late_at IS NULL FROM pub_result WHERE id = $P3")" 1
clock_at "$(sql_int "SELECT DATE_FORMAT(DATE('$DUE') + INTERVAL 1 DAY, '%Y-%m-%d 09:00')")"
admin_int tick >"$TMP/tick.out" 2>&1
t_like "the day after its last day, the tick says it is late" "$(cat "$TMP/tick.out")" "超过 5 日仍未公示"
t_is "marked late, audited" \
	"$(sql_int "SELECT (SELECT late_at IS NOT NULL FROM pub_result WHERE id = $P3), (SELECT COUNT(*) FROM audit WHERE action = 'pub.late' AND object = '$A3')")" "1	1"
t_is "the ones that left in time are not" "$(sql_int "SELECT late_at IS NULL FROM pub_result WHERE case_id = $CASE")" 1
admin_int tick >/dev/null
t_is "once only" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'pub.late' AND object = '$A3'")" 1
staff_login admin liuxiaomei	# days later: a new session
http_get admin "$INT_URL/pub" >/dev/null
t_like "the announcements desk lists it" "$HTTP_BODY" "$A3"
carry int ext
t_is "the extranet marks it published late" "$(sql_ext "SELECT late FROM result_public WHERE id = $P3")" 1
http_get anon "$EXT_URL/results" >/dev/null
t_like "and says so on the page" "$HTTP_BODY" "逾期公示（应于 $DUE 前"
clock_real
t_done
