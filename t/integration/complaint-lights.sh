#!/usr/bin/env bash
# complaint-lights.sh (SUP-5; issue #8): /sup/complaints lists the
# complaints a page at a time, newest first, by key; filters by state and
# by light; the light is the present stage's working-day deadline against
# today (clock_at), read as a range of the stored deadline through an
# index; "red only" shows exactly the overdue ones over more than one
# page; the header counts each light and each stage of the open ones.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
N=$$
P=TS19990101	# the numbers of this script's complaints: P and 5 digits
wd() { admin_int workdays "$@" 2>/dev/null; }
# shot NAME: the page just read, with its stylesheet inlined, into
# $SHOTS/NAME.html for a screenshot (only when SHOTS is set).
shot() {
	[[ -n ${SHOTS:-} ]] || return 0
	CSS="$(dirname "$0")/../../htdocs/yiwang.css" perl -pe 'BEGIN { local $/; open my $f, "<", $ENV{CSS}; $c = <$f> } s#<link rel="stylesheet" href="/static/yiwang.css">#<style>$c</style>#' <<<"$HTTP_BODY" >"$SHOTS/$1.html"
}
html_unescape() { sed 's/&amp;/\&/g'; }
# nos JAR URL: the complaint numbers of every page of URL, following
# 下一页 to the end, one a line.
nos() {
	local url=$2 next
	while :; do
		http_get "$1" "$url" >/dev/null
		[[ $HTTP_STATUS == 200 ]] || { echo "status $HTTP_STATUS"; return; }
		grep -o 'class="mono row-main" href="/sup/complaint?id=[0-9]*">TS[0-9]*' <<<"$HTTP_BODY" | sed 's/.*>//'
		next=$(grep -o 'rel="next" href="[^"]*"' <<<"$HTTP_BODY" | sed 's/.*href="//;s/"$//' | html_unescape)
		[[ -n $next ]] || break
		url=$INT_URL$next
	done
}

# A working day well ahead, as "today"; its neighbours on the calendar.
TODAY=$(wd add "$(date '+%Y-%m-%d')" 30)
NEXT=$(wd add "$TODAY" 1)	# the first green day
PAST=$(date -d "$TODAY -14 days" '+%Y-%m-%d')
AHEAD=$(date -d "$TODAY +14 days" '+%Y-%m-%d')

# 80 complaints of this script, as the gap import leaves them (the stages'
# deadlines set): every 8th received one overdue, some assigned and
# overdue, some due today, some replied, some closed.
sql_int "DELETE FROM complaint WHERE cmp_no LIKE '$P%'"
{
	echo "INSERT INTO complaint (cmp_no, about, dept_code, dept_name, subject, body, name, state, filed_at, accept_due, reply_due, close_due, updated_at) VALUES"
	for i in $(seq 1 80); do
		st=received acc=$AHEAD rep=NULL cls=NULL
		if ((i % 8 == 0)); then acc=$PAST
		elif ((i % 11 == 0)); then st=assigned acc=$PAST rep="'$PAST'"
		elif ((i % 13 == 0)); then st=investigating acc=$PAST rep="'$TODAY'"
		elif ((i % 17 == 0)); then st=replied acc=$PAST rep="'$PAST'" cls="'$AHEAD'"
		elif ((i % 19 == 0)); then st=closed acc=$PAST rep="'$PAST'" cls="'$PAST'"
		fi
		printf "%s('%s%05d', 'dept', 'SCJGJ', '市场监督管理局', '批量投诉%s-%d', '测试', '测试人', '%s', UTC_TIMESTAMP(), '%s', %s, %s, UTC_TIMESTAMP())\n" \
			"$( ((i > 1)) && echo ,)" "$P" "$i" "$N" "$i" "$st" "$acc" "$rep" "$cls"
	done
} >"$TMP/ins.sql"
sql_int "$(cat "$TMP/ins.sql")"
t_is "80 complaints of this script" "$(sql_int "SELECT COUNT(*) FROM complaint WHERE cmp_no LIKE '$P%'")" 80

# What each light is, by the rule (complaint.h): the present stage's
# deadline; red when a working day has passed since it, yellow on it.
DUE="CASE state WHEN 'received' THEN accept_due WHEN 'assigned' THEN reply_due WHEN 'investigating' THEN reply_due WHEN 'replied' THEN close_due END"
expect() { sql_int "SELECT cmp_no FROM complaint WHERE state <> 'closed' AND $1 ORDER BY id DESC"; }
count() { sql_int "SELECT COUNT(*) FROM complaint WHERE state <> 'closed' AND $1"; }

clock_at "$TODAY 10:00"
staff_login sup zhaoyanhong
RED=$(expect "$DUE < '$TODAY'")
t_ok "some of them are overdue on $TODAY" test "$(grep -c "^$P" <<<"$RED")" -ge 10

# --- paged by key ---------------------------------------------------------------------
GOT=$(nos sup "$INT_URL/sup/complaints")
t_is "every open complaint once, newest first, across the pages" "$GOT" "$(expect 1)"
http_get sup "$INT_URL/sup/complaints" >/dev/null
t_like "more than one page: the first links to the next" "$HTTP_BODY" \
	"rel=\"next\" href=\"/sup/complaints\?f=open&amp;state=&amp;light=&amp;before=[0-9]+\""
t_is "a page is 50" "$(grep -c 'class="mono row-main"' <<<"$HTTP_BODY")" 50
shot complaints_open
t_like "the header counts the open ones" "$HTTP_BODY" "<span class=\"count\">$(count 1) 件未办结</span>"
GOT=$(nos sup "$INT_URL/sup/complaints?f=all")
t_is "all of them, closed too" "$GOT" "$(sql_int "SELECT cmp_no FROM complaint ORDER BY id DESC")"
GOT=$(nos sup "$INT_URL/sup/complaints?f=closed")
t_is "the closed ones" "$GOT" "$(sql_int "SELECT cmp_no FROM complaint WHERE state = 'closed' ORDER BY id DESC")"

# --- by light ---------------------------------------------------------------------------
GOT=$(nos sup "$INT_URL/sup/complaints?light=red")
t_is "red only: exactly the overdue ones" "$GOT" "$RED"
t_is "and f=overdue the same" "$(nos sup "$INT_URL/sup/complaints?f=overdue")" "$RED"
http_get sup "$INT_URL/sup/complaints?light=red" >/dev/null
t_is "each row of it shows its red light" "$(grep -c '<span class="light light-red">' <<<"$HTTP_BODY")" \
	"$(grep -c 'class="mono row-main"' <<<"$HTTP_BODY")"
t_like "the red tab counts them" "$HTTP_BODY" "红灯 $(count "$DUE < '$TODAY'")</a>"
t_like "the yellow tab counts those due today" "$HTTP_BODY" "黄灯 $(count "$DUE >= '$TODAY' AND $DUE < '$NEXT'")</a>"
t_like "the green tab the rest" "$HTTP_BODY" "绿灯 $(count "$DUE >= '$NEXT'")</a>"
t_is "yellow: those due today" "$(nos sup "$INT_URL/sup/complaints?light=yellow")" \
	"$(expect "$DUE >= '$TODAY' AND $DUE < '$NEXT'")"
t_is "green: the rest of the open ones" "$(nos sup "$INT_URL/sup/complaints?light=green")" \
	"$(expect "$DUE >= '$NEXT'")"
t_like "(some due today among this script's)" "$(expect "$DUE >= '$TODAY' AND $DUE < '$NEXT'")" "$P"
t_is "red is a range read of the stored deadline's index" \
	"$(sql_int "EXPLAIN SELECT id FROM complaint FORCE INDEX (cmp_due_id) WHERE cmp_due BETWEEN '1000-01-01' AND '$PAST' ORDER BY id DESC" | cut -f4-6)" \
	"range	cmp_due_id	cmp_due_id"

# --- by state -----------------------------------------------------------------------------
t_is "one stage: assigned" "$(nos sup "$INT_URL/sup/complaints?state=assigned")" \
	"$(expect "state = 'assigned'")"
t_is "one stage and one light: assigned and red" "$(nos sup "$INT_URL/sup/complaints?state=assigned&light=red")" \
	"$(expect "state = 'assigned' AND $DUE < '$TODAY'")"
http_get sup "$INT_URL/sup/complaints" >/dev/null
t_like "the stage tabs count the open ones of each" "$HTTP_BODY" \
	"state=received&amp;light=\"[^>]*>待受理 $(count "state = 'received'")</a>"
t_like "(replied)" "$HTTP_BODY" "已答复 $(count "state = 'replied'")</a>"

# --- a day later, what was due today is red ----------------------------------------------
clock_at "$NEXT 10:00"
staff_login sup2 zhaoyanhong
t_is "the next working day, red also holds those due the day before" \
	"$(nos sup2 "$INT_URL/sup/complaints?light=red")" "$(expect "$DUE < '$NEXT'")"
clock_real

# --- bad filters -----------------------------------------------------------------------------
staff_login sup zhaoyanhong
for q in light=purple state=nonsense before=abc before=0 f=late; do
	http_get sup "$INT_URL/sup/complaints?$q" >/dev/null
	t_is "$q: 400" "$HTTP_STATUS" 400
done
t_like "with a Chinese reason" "$HTTP_BODY" '筛选条件不正确'
http_get obs_anon "$INT_URL/sup/complaints?light=red" >/dev/null
t_isnt "not for anyone unlogged" "$HTTP_STATUS" 200

sql_int "DELETE FROM complaint WHERE cmp_no LIKE '$P%'"
t_done
