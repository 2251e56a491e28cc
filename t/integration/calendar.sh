#!/usr/bin/env bash
# calendar.sh (TIME-1, TIME-2; issue #7 "The clock"): one working-day
# calendar, loaded from the State Council's schedule (db/calendar/2026.txt,
# loaded by ./run at start), one arithmetic (yiwang-admin workdays), one
# now that only a test stack may set (--now), the system administrator's
# page that shows, changes and imports years, the warning on their home
# while a year that deadlines reach is not loaded, and the 受理通知书's
# promised date on the calendar: 2026-09-30 + 1 working day is 10-08, not
# 国庆.
. "$(dirname "$0")/../lib.sh"

ADMIN=liuxiaomei
TMP=$_T_DIR
# The message of a refused form (its id is form-error).
form_error() { grep -o 'id="form-error">[^<]*' <<<"$HTTP_BODY" | sed 's/^id="form-error">//'; }
days() { sql_int "SELECT COUNT(*) FROM calendar_day WHERE year = $1"; }

# --- the arithmetic, on the loaded 2026 ---------------------------------------
t_is "the 2026 schedule is loaded: 33 days off, 6 make-up days" \
	"$(sql_int "SELECT CONCAT(SUM(kind = 'off'), ' ', SUM(kind = 'work')) FROM calendar_day WHERE year = 2026")" "33 6"
t_is "2026-09-30 + 1 working day is 10-08 (国庆 10-01..07 off)" "$(admin_int workdays add 2026-09-30 1)" 2026-10-08
t_is "+ 3 is the Saturday 10-10, worked (调休)" "$(admin_int workdays add 2026-09-30 3)" 2026-10-10
t_is "5 working days from 02-12 pass 春节: 02-26" "$(admin_int workdays add 2026-02-12 5)" 2026-02-26
t_is "between 09-15 and 10-19: 20 working days" "$(admin_int workdays between 2026-09-15 2026-10-19)" 20
out=$(admin_int workdays add 2026-12-30 2 2>"$TMP/err")
t_is "into 2027, not loaded: weekends only (01-01 counts)" "$out" 2027-01-01
t_is "and it says so" "$(cat "$TMP/err")" "2027 年节假日安排尚未导入：该年只按周末计算。"
admin_int workdays add 2026-02-30 1 2>"$TMP/err" && rc=0 || rc=$?
t_is "a date that does not exist: usage, exit 64" "$rc" 64
t_like "saying the form of a date" "$(cat "$TMP/err")" "日期为 YYYY-MM-DD 或 today"

# --- one now, settable only where the config allows it -----------------------
t_is "--now sets today: 2026-09-30 + 1" "$(admin_int --now '2026-09-30 16:30' workdays add today 1)" 2026-10-08
t_is "a day alone is that day" "$(admin_int --now 2026-02-13 workdays add today 2)" 2026-02-24
admin_int --now 2026-02-30 workdays add today 1 2>"$TMP/err" && rc=0 || rc=$?
t_is "an impossible --now: refused, exit 64" "$rc" 64
sed 's/^clock_settable = 1$/clock_settable = 0/' "$INT_CONF" >"$TMP/prod.conf"
t_like "(the copy is a production config)" "$(grep '^clock_settable' "$TMP/prod.conf")" "= 0$"
"$BUILD/yiwang-admin" -c "$TMP/prod.conf" --now 2026-09-30 workdays add today 1 >"$TMP/out" 2>"$TMP/err" && rc=0 || rc=$?
t_is "where clock_settable = 0, --now is refused: exit 64" "$rc $(cat "$TMP/out")" "64 "
t_like "saying it is for tests" "$(cat "$TMP/err")" "只用于测试"
clock_at "2026-09-30 16:30"
t_is "the test stack's clock file sets the clock of a command" "$(admin_int workdays add today 1)" 2026-10-08
t_is "an explicit --now wins over it" "$(admin_int --now 2026-02-13 workdays add today 2)" 2026-02-24
t_is "a production config never reads it" \
	"$("$BUILD/yiwang-admin" -c "$TMP/prod.conf" workdays add today 0 2>/dev/null)" "$(TZ=Asia/Shanghai date +%F)"
printf 'tomorrow\n' >"$TEST_VAR/int/clock"
t_is "a clock file that names no time: the real time (and a log line)" \
	"$(admin_int workdays add today 0 2>/dev/null)" "$(TZ=Asia/Shanghai date +%F)"
clock_real
t_like "the shipped config template keeps it off outside tests" "$(grep -c '@CLOCK_SETTABLE@' "$ROOT/conf/site.conf.in")" "^1$"
t_is "and ./run writes 0 into the demo's config" "$(grep -c '^CLOCK_SETTABLE=0$' "$ROOT/run")" 1

# --- loading files --------------------------------------------------------------
out=$(admin_int calendar-load --unless-loaded "$ROOT/db/calendar/2026.txt")
t_like "a loaded year is left alone by ./run's --unless-loaded" "$out" "都已导入，未改动"
printf '2031-01-01 休 元旦\n2031-10-13 班 周一\n' >"$TMP/bad.txt"
admin_int calendar-load "$TMP/bad.txt" 2>"$TMP/err" && rc=0 || rc=$?
t_is "a make-up day on a Monday: refused" "$rc" 1
t_like "naming the line and the rule" "$(cat "$TMP/err")" "第 2 行：调休上班（班）只能是星期六或星期日"
t_is "and nothing of 2031 was stored" "$(sql_int "SELECT COUNT(*) FROM calendar_year WHERE year = 2031") $(days 2031)" "0 0"
printf '# 2031\n2031-01-01 休 元旦\n2031-10-01 休 国庆节\n2031-10-02 休 国庆节\n2031-09-28 班 国庆节调休\n' >"$TMP/2031.txt"
A0=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
t_like "a good file loads" "$(SUDO_USER=zhaomin admin_int calendar-load "$TMP/2031.txt")" "已导入 2031 年的节假日安排（2031.txt）"
t_is "its days are stored" "$(days 2031)" 4
t_is "audited as calendar.load by the operator, with the counts" \
	"$(sql_int "SELECT CONCAT_WS(' ', actor, object, detail) FROM audit WHERE id > $A0 AND action = 'calendar.load'")" \
	'cli:root (sudo zhaomin) calendar:2031 {"years":{"2031":{"off":3,"work":1}},"source":"2031.txt"}'
printf '2031-05-01 休 劳动节\n' >"$TMP/2031b.txt"
admin_int calendar-load "$TMP/2031b.txt" >/dev/null
t_is "loading a year again replaces its days" "$(sql_int "SELECT GROUP_CONCAT(day) FROM calendar_day WHERE year = 2031")" 2031-05-01
t_is "the extranet keeps no calendar" "$(admin_ext workdays add 2026-09-30 1 2>&1)" "工作日历只在内网使用（期限都在内网计算）。"

# --- the system administrator's page -------------------------------------------
staff_login adm "$ADMIN"
http_get adm "$INT_URL/admin" >/dev/null
t_like "the administrator's home warns while 2027 (reached by deadlines in December) is missing" \
	"$HTTP_BODY" "2027 年节假日安排尚未导入"
t_like "and links to importing it" "$HTTP_BODY" 'href="/admin/calendar\?year=2027"'
http_get adm "$INT_URL/admin/calendar?year=2026" >/dev/null
t_is "GET /admin/calendar?year=2026: 200" "$HTTP_STATUS" 200
row() { tr -d '\n' <<<"$HTTP_BODY" | grep -o "<tr>[^<]*<td[^>]*>$1</td>.*" | sed 's|</tr>.*||; s/<[^>]*>/ /g; s/  */ /g'; }
t_like "it lists 国庆 as days off" "$(row 2026-10-01)" '^ ?2026-10-01 周四 放假 国庆节 '
t_like "and 10-10 as a make-up working day" "$(row 2026-10-10)" '^ ?2026-10-10 周六 调休上班 国庆节调休 '
t_like "with the year's count of working days" "$HTTP_BODY" "全年工作日 <strong>248</strong> 天"
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=day year=2026 day=2026-10-12 kind=work name=试 >/dev/null
t_is "a Monday as a make-up day: 422" "$HTTP_STATUS" 422
t_like "saying why" "$(form_error)" "只能是星期六或星期日"
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=day year=2027 day=2027-01-01 kind=off name=元旦 >/dev/null
t_is "a day of a year not loaded: 422" "$HTTP_STATUS" 422
t_like "saying to import the year first" "$(form_error)" "2027 年的节假日安排尚未导入"
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=day year=2031 day=2031-05-04 kind=off "name=劳动节<b>" >/dev/null
t_is "a day of 2031 set off: 303 to the year" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/calendar?year=2031&saved=day"
t_is "stored" "$(sql_int "SELECT CONCAT(kind, ' ', name) FROM calendar_day WHERE day = '2031-05-04'")" "off 劳动节<b>"
http_get adm "$INT_URL/admin/calendar?year=2031&saved=day" >/dev/null
t_like "shown escaped" "$HTTP_BODY" "劳动节&lt;b&gt;"
t_like "with the notice" "$HTTP_BODY" "已保存这一天"
t_is "audited as calendar.day by the administrator" \
	"$(sql_int "SELECT CONCAT_WS(' ', actor, detail) FROM audit WHERE action = 'calendar.day' ORDER BY id DESC LIMIT 1")" \
	"$ADMIN {\"day\":\"2031-05-04\",\"kind\":\"off\",\"name\":\"劳动节<b>\"}"
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=day year=2031 day=2031-05-04 kind=plain >/dev/null
t_is "back to an ordinary day" "$(sql_int "SELECT COUNT(*) FROM calendar_day WHERE day = '2031-05-04'")" 0
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=load year=2032 "text=2032-01-01 休 元旦
2032-01-01 休 元旦" >/dev/null
t_is "an import with a day twice: 422" "$HTTP_STATUS" 422
t_like "saying which" "$(form_error)" "2032-01-01 写了两次"
t_like "and the text stays in the form" "$HTTP_BODY" "<textarea[^>]*>2032-01-01 休 元旦"
http_post adm "$INT_URL/admin/calendar" "csrf=$csrf" op=load year=2032 "text=# 2032
2032-01-01 休 元旦
2032-10-09 班 国庆节调休" >/dev/null
t_is "an import from the page: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /admin/calendar?year=2032&saved=load"
t_is "loaded, by the administrator, from the page" \
	"$(sql_int "SELECT CONCAT_WS(' ', loaded_by, source, (SELECT COUNT(*) FROM calendar_day WHERE year = 2032)) FROM calendar_year WHERE year = 2032")" \
	"$ADMIN 工作日历页面 2"
t_is "and 2032-10-08 + 1 is the Saturday worked" "$(admin_int workdays add 2032-10-08 1)" 2032-10-09
http_get adm "$INT_URL/admin/calendar?year=2027" >/dev/null
t_like "a year not loaded says what it means" "$HTTP_BODY" "2027 年节假日安排尚未导入：这一年的期限只按周末计算"
http_get adm "$INT_URL/admin/calendar?year=99999" >/dev/null
t_is "a year out of range: 404" "$HTTP_STATUS" 404
staff_login clk sarengaowa
http_get clk "$INT_URL/admin/calendar" >/dev/null
t_is "a clerk does not reach it" "$HTTP_STATUS" 403

# --- the 受理通知书's promised date is on the calendar ---------------------------
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
DAYS=$(sql_int "SELECT promised_days FROM item WHERE code = '$CODE' AND status = 'published'")
CASE=$(case_from_ext "$CODE")
t_like "a case to accept" "$CASE" '^[0-9]+$'
staff_login c2 sarengaowa
csrf=$(http_get c2 "$INT_URL/case?id=$CASE" | csrf_from)
http_post c2 "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=accept >/dev/null
t_is "accepted" "$HTTP_STATUS" 303
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
t_is "the notice's due date is today + $DAYS working days on the calendar" \
	"$(sql_int "SELECT JSON_VALUE(body, '$.due_date') FROM document WHERE app_no = (SELECT app_no FROM kase WHERE id = $CASE) AND kind = 'accept'")" \
	"$(admin_int workdays add "$TODAY" "$DAYS" 2>/dev/null)"
t_done
