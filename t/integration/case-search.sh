#!/usr/bin/env bash
# case-search.sh (INT-11, ORG-2; issue #7 "Worklists"): staff look cases
# up by application number, applicant, item, state, light and day of
# receipt, newest received first, 20 a page, each page after the last
# row's key: walking the pages loses and repeats no case, even where many
# were received in the same second; only the cases of the user's own
# department are found, and those of items at whose steps it acts (read
# from case_dept, 160); empty and malformed criteria are answered with
# what to fix.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
CASE=$(case_from_ext "$CODE")
t_ok "a real case to copy" test -n "$CASE"
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $CASE")
INAME=$(sql_int "SELECT item_name FROM kase WHERE id = $CASE")
t_is "the item is market supervision's alone" "$(sql_int "SELECT COUNT(*) FROM item_step WHERE item_id = $ITEM AND dept_code NOT IN ('', 'SCJGJ')")" 0
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")

# 45 cases of X (市场监督管理局) named 查找测试N, received in threes in the
# same second so that page ends fall inside a tie; N = 1..45, oldest first.
# Rows 1-5 were received on 2026-08-15 (Beijing), the first at 04:00 and
# the last at 23:59; row 6 at 00:00 on 08-16, which a search up to 08-15
# must not find.  Every fourth is approved; 7, 8 are red, 9 yellow (due
# today), 10 green.
sqls=''
for n in $(seq 1 45); do
	case $n in
	1) at="'2026-08-14 20:00:00'" ;;
	[2-4]) at="'2026-08-15 0$n:00:00'" ;;
	5) at="'2026-08-15 15:59:59'" ;;
	6) at="'2026-08-15 16:00:00'" ;;
	*) at="'2026-09-01 00:00:00' + INTERVAL $((n / 3)) MINUTE" ;;
	esac
	state=processing due=NULL
	((n % 4 == 0)) && state=approved
	case $n in
	7 | 11) due="'2020-03-02'" ;;
	9) due="'$TODAY'" ;;
	10) due="'2099-06-01'" ;;
	esac
	sqls+="INSERT INTO kase (app_no, source, item_id, item_code,
	item_version, item_name, applicant_name, id_sealed, mobile_sealed,
	remark, state, step_seq, submitted_at, received_at, promised_due)
	SELECT CONCAT('YWS', LPAD($n, 11, '0')), 'online', item_id, item_code,
	item_version, item_name, '查找测试$n', id_sealed, mobile_sealed, '',
	'$state', 1, $at, $at, $due FROM kase WHERE id = $CASE;"
done
sql_int "$sqls"
t_is "45 cases made" "$(sql_int "SELECT COUNT(*) FROM kase WHERE applicant_name LIKE '查找测试%'")" 45

# One of another department (人社局), by the same name.
read -r OITEM OCODE <<<"$(sql_int "SELECT i.id, i.code FROM item i WHERE i.dept_code = 'RSJ' AND i.status = 'published' AND NOT EXISTS (SELECT 1 FROM item_step s WHERE s.item_id = i.id AND s.dept_code NOT IN ('', 'RSJ')) ORDER BY i.id LIMIT 1")"
sql_int "INSERT INTO kase (app_no, source, item_id, item_code, item_version,
	item_name, applicant_name, id_sealed, mobile_sealed, remark, state,
	step_seq, submitted_at, received_at)
	SELECT 'YWSOTHER0000001', 'online', i.id, i.code, i.version, i.name,
	'查找测试外部门', k.id_sealed, k.mobile_sealed, '', 'processing', 1,
	'2026-09-02 00:00:00', '2026-09-02 00:00:00'
	FROM item i JOIN kase k ON k.id = $CASE WHERE i.id = $OITEM"

# search JAR QUERY: the page's application numbers, one a line, in $ROWS;
# the next page's link in $NEXT.
search() {
	http_get "$1" "$INT_URL/case/search?$2" >/dev/null
	ROWS=$(grep -o 'class="mono row-main" href="/case?id=[0-9]*">[A-Z0-9]*<' <<<"$HTTP_BODY" | sed 's/.*">//; s/<$//')
	NEXT=$(grep -o 'href="/case/search?[^"]*">下一页' <<<"$HTTP_BODY" | sed 's/^href="//; s/">下一页$//' | html_unescape)
}
count() { [[ -z $1 ]] && echo 0 || wc -l <<<"$1"; }
q() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

staff_login clerk sarengaowa
http_get clerk "$INT_URL/inbox" >/dev/null
t_like "the worklist links to the search" "$HTTP_BODY" 'href="/case/search">查找办件'
http_get clerk "$INT_URL/case/search" >/dev/null
t_is "the form alone: 200" "$HTTP_STATUS" 200
t_unlike "with no results yet" "$HTTP_BODY" '查找结果'

# Three pages by name, following the links.
NAME=$(q 查找测试)
search clerk "go=1&name=$NAME"
t_is "page 1: 200" "$HTTP_STATUS" 200
all=$ROWS
t_is "page 1 has 20" "$(count "$ROWS")" 20
t_like "and a next page" "$NEXT" '^/case/search\?go=1&name=.*&before_at=2026-09-01(\+|%20)00%3A[0-9]{2}%3A00&before_id=[0-9]+$'
search clerk "${NEXT#/case/search\?}"
t_is "page 2 has 20" "$(count "$ROWS")" 20
t_like "which says it follows" "$HTTP_BODY" '查找结果（续）'
all+=$'\n'$ROWS
search clerk "${NEXT#/case/search\?}"
t_is "page 3 has the last 5" "$(count "$ROWS")" 5
t_is "and no next page" "$NEXT" ""
all+=$'\n'$ROWS
t_is "no case repeated across the pages" "$(sort <<<"$all" | uniq -d)" ""
want=$(sql_int "SELECT app_no FROM kase WHERE applicant_name LIKE '查找测试%' AND item_id = $ITEM ORDER BY received_at DESC, id DESC")
t_is "none lost, newest received first, ties by id" "$all" "$want"
t_unlike "the other department's case is not among them" "$all" YWSOTHER

# Each criterion.
search clerk "go=1&no=YWS00000000012"
t_is "by number" "$ROWS" YWS00000000012
search clerk "go=1&no=yws0000000001"
t_is "by its beginning, in either case" "$(count "$ROWS")" 10
search clerk "go=1&name=$(q 测试17)"
t_is "by part of the name" "$ROWS" YWS00000000017
search clerk "go=1&name=$(q 查找测试)&item=$(q "${INAME:2:4}")"
t_is "by part of the item's name" "$(count "$ROWS")" 20
search clerk "go=1&name=$(q 查找测试)&item=$CODE&no=YWS"
t_is "by item code" "$(count "$ROWS")" 20
search clerk "go=1&name=$(q 查找测试)&item=$(q 不存在的事项)"
t_is "an item that matches nothing" "$(count "$ROWS")" 0
t_like "says so" "$HTTP_BODY" '本部门没有符合条件的办件'
search clerk "go=1&name=$(q 查找测试)&state=approved"
t_is "by state: the 11 approved" "$(count "$ROWS")" 11
t_is "all of them approved" "$(sql_int "SELECT COUNT(*) FROM kase WHERE state = 'approved' AND app_no IN ('$(paste -sd, <<<"$ROWS" | sed "s/,/','/g")')")" 11
search clerk "go=1&name=$(q 查找测试)&light=red"
t_is "red: the two overdue" "$(sort <<<"$ROWS" | paste -sd' ')" "YWS00000000007 YWS00000000011"
t_like "shown red" "$HTTP_BODY" 'light light-red">已超期'
search clerk "go=1&name=$(q 查找测试)&light=yellow"
t_is "yellow: due today" "$ROWS" YWS00000000009
search clerk "go=1&name=$(q 查找测试)&light=green"
t_is "green: due later" "$ROWS" YWS00000000010
search clerk "go=1&name=$(q 查找测试)&from=2026-08-15&to=2026-08-15"
t_is "received on 2026-08-15 (Beijing): five, to the second" "$(sort <<<"$ROWS" | paste -sd' ')" \
	"YWS00000000001 YWS00000000002 YWS00000000003 YWS00000000004 YWS00000000005"
search clerk "go=1&name=$(q 查找测试)&from=2026-08-16&to=2026-08-31"
t_is "from 2026-08-16: the one at midnight" "$ROWS" YWS00000000006
search clerk "go=1&no=YWSOTHER"
t_is "another department's case, by its number: not found" "$(count "$ROWS")" 0
t_unlike "nor its name shown" "$HTTP_BODY" '查找测试外部门'
search clerk "go=1&name=$(q "查找%")"
t_is "a % in the name is a character, not a wildcard" "$(count "$ROWS")" 0

# The other department finds its own case only.
staff_login rsj zhenghaiyan
search rsj "go=1&name=$NAME"
t_is "人社局 finds its one case" "$ROWS" YWSOTHER0000001
search rsj "go=1&no=YWS00000000012"
t_is "and none of 市场监管局's" "$(count "$ROWS")" 0

# A department that acts at a step of another department's item finds
# that item's cases too (ORG-2, flow_involves): case_dept (160) lists the
# case under both, and follows its state.
read -r JITEM JDEPT JLOGIN <<<"$(sql_int "SELECT i.id, s.dept_code, MIN(f.login) FROM item i JOIN item_step s ON s.item_id = i.id JOIN department dp ON dp.code = s.dept_code JOIN staff f ON f.dept_id = dp.id AND f.active = 1 WHERE i.status = 'published' AND i.dept_code <> s.dept_code AND s.dept_code NOT IN ('', 'SCJGJ') AND i.dept_code <> 'SCJGJ' GROUP BY i.id, s.dept_code ORDER BY i.id LIMIT 1")"
t_ok "an item with a step of another department" test -n "$JLOGIN"
sql_int "INSERT INTO kase (app_no, source, item_id, item_code, item_version,
	item_name, applicant_name, id_sealed, mobile_sealed, remark, state,
	step_seq, submitted_at, received_at)
	SELECT 'YWSJOINT000001', 'online', i.id, i.code, i.version, i.name,
	'查找测试联办', k.id_sealed, k.mobile_sealed, '', 'processing', 1,
	'2026-09-03 00:00:00', '2026-09-03 00:00:00'
	FROM item i JOIN kase k ON k.id = $CASE WHERE i.id = $JITEM"
t_is "listed under the item's department and the step's" "$(sql_int "SELECT COUNT(*) FROM case_dept d JOIN kase k ON k.id = d.case_id JOIN item i ON i.id = k.item_id WHERE k.app_no = 'YWSJOINT000001' AND d.dept_code IN (i.dept_code, '$JDEPT')")" 2
staff_login joint "$JLOGIN"
search joint "go=1&name=$(q 查找测试联办)"
t_is "the step's department finds it" "$ROWS" YWSJOINT000001
search joint "go=1&name=$(q 查找测试)"
t_unlike "and none of 市场监管局's own" "$ROWS" YWS000
sql_int "UPDATE kase SET state = 'approved' WHERE app_no = 'YWSJOINT000001'"
search joint "go=1&name=$(q 查找测试联办)&state=approved"
t_is "its new state is searched" "$ROWS" YWSJOINT000001
search joint "go=1&name=$(q 查找测试联办)&state=processing"
t_is "its old one no longer" "$(count "$ROWS")" 0
search clerk "go=1&name=$(q 查找测试联办)"
t_is "市场监管局 acts at none of its steps: not found" "$(count "$ROWS")" 0
JID=$(sql_int "SELECT id FROM kase WHERE app_no = 'YWSJOINT000001'")
sql_int "DELETE FROM kase WHERE id = $JID"
t_is "its entries go with it" "$(sql_int "SELECT COUNT(*) FROM case_dept WHERE case_id = $JID")" 0

# Empty and malformed criteria.
bad() { # QUERY MESSAGE
	search clerk "$1"
	t_is "$1: 422" "$HTTP_STATUS" 422
	t_like "saying: $2" "$HTTP_BODY" "role=\"alert\">$2"
}
bad "go=1" "请至少填写一项查询条件"
bad "go=1&no=YW-2026'" "申请编号只能由字母和数字组成"
bad "go=1&state=lost" "请从列表中选择办件状态"
bad "go=1&light=blue" "请从列表中选择亮灯颜色"
bad "go=1&from=2026-13-01" "收件日期（起）格式不正确"
bad "go=1&to=2026-9-1" "收件日期（止）格式不正确"
bad "go=1&from=2026-09-02&to=2026-09-01" "收件日期的起日晚于止日"
bad "go=1&name=$NAME&before_at=2026-09-01" "翻页链接不完整"
bad "go=1&name=$NAME&before_at=yesterday&before_id=5" "翻页链接不正确"
bad "go=1&name=$NAME&before_at=2026-09-01+00%3A00%3A00&before_id=-1" "翻页链接不正确"
bad "go=1&name=$(q "$(printf '名%.0s' $(seq 51))")" "申请人姓名太长"
t_like "the form keeps what was typed" "$HTTP_BODY" 'name="name" type="search" value="名名名'
t_done
