#!/usr/bin/env bash
# hostile.sh: no input produces a 500 or ends a worker (SEC-4, review F3,
# F11).  Every field of every POST route and the query parameters of
# every GET route of both sites, logged in as who may use them, get
# hostile values one at a time, the other fields as the form has them:
# bytes that are not UTF-8 (a surrogate, an overlong form, Latin-1, past
# U+10FFFF), NUL, control characters, CR LF, TAB, 100 KB, 63 KB of
# Chinese, lengths just over the columns, numbers that are not, markup,
# paths, blanks, the field missing, duplicated, or with a sub-field (see
# hostile.pl).  No answer may be 5xx, and afterwards every worker of both
# sites is the one from before, and answers.
# Also the review's two cases by name: a Chinese file name of 183 bytes
# is stored cut at a character boundary, and a registration name that is
# not UTF-8 is refused with a clear page.  And the database connections
# killed under the extranet's workers: no worker ends, each answers on a
# new connection;
# and memory short in the middle of a page (the test stack's fault header):
# the busy page, 503, and the next request served by the same worker.
# It leaves rows of its own (codes ending in this run's pid).
. "$(dirname "$0")/../lib.sh"

N=$$
TMP=$_T_DIR
CODE=152502-SCJG-XK-001
PW=Hostile-2026x
t_pdf "$TMP/apply.pdf"

# --- who and what the routes act on -------------------------------------------

IDC=$(test_id 1)	# the applicant
IDL=$(test_id 2)	# whose login is tried
IDR=$(test_id 3)	# registered already: the form's tries all reach the INSERT
YIWANG_PASSWORD=$PW admin_ext citizen-add "$IDC" 敌意测试 13900000001 >/dev/null
YIWANG_PASSWORD=$PW admin_ext citizen-add "$IDL" 登录测试 13900000002 >/dev/null
YIWANG_PASSWORD=$PW admin_ext citizen-add "$IDR" 注册测试 13900000003 >/dev/null
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDC" "password=$PW" "next=/my" >/dev/null
t_is "the applicant logs in" "$HTTP_STATUS" 303
mapfile -t uploads < <(required_uploads "$CODE" "$TMP/apply.pdf")
apps=()
for i in 1 2; do
	apply_form citizen "$EXT_URL/apply?code=$CODE"
	http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "remark=敌意测试 $i" "${uploads[@]}" >/dev/null
	apps+=("${HTTP_LOCATION#*=}")
done
t_like "and applies twice" "${apps[*]}" '^YW[0-9]+ YW[0-9]+$'
t_ok "the applications cross to the intranet" carry ext int
CASE_A=$(sql_int "SELECT id FROM kase WHERE app_no = '${apps[0]}'")
CASE_B=$(sql_int "SELECT id FROM kase WHERE app_no = '${apps[1]}'")
staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login admin liuxiaomei
staff_login sec wurigen
staff_login audit wangxiulan
csrf=$(http_get clerk "$INT_URL/case?id=$CASE_B" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE_B" "action=accept" >/dev/null
t_is "one is accepted" "$HTTP_STATUS" 303
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '${apps[1]}'")
t_ok "the notice crosses back" carry int ext
ICODE=H2HOS-$N
csrf=$(http_get admin "$INT_URL/catalog" | csrf_from)
http_post admin "$INT_URL/catalog/new" "csrf=$csrf" "code=$ICODE" "name=敌意测试事项" \
	"dept_code=SCJGJ" "kind=行政许可" "level=县级" >/dev/null
t_is "an item draft of this run" "$HTTP_STATUS" 303
SUMU=$(sql_int "SELECT code FROM region WHERE level = 3 ORDER BY code LIMIT 1")
http_post admin "$INT_URL/admin/region" "csrf=$csrf" "code=HR$N" "name=敌意嘎查" "level=4" "parent=$SUMU" >/dev/null
http_post admin "$INT_URL/admin/hall" "csrf=$csrf" "code=HH-$N" "name=敌意服务室" "region=HR$N" \
	"address=" "phone=" "hours=" >/dev/null
http_post admin "$INT_URL/admin/dept" "csrf=$csrf" "code=HD-$N" "name=敌意局" "abbr=敌" \
	"region=HR$N" "hall=HH-$N" "address=" "phone=" >/dev/null
http_post admin "$INT_URL/admin/window" "csrf=$csrf" "dept=HD-$N" "code=W1" "name=敌意窗口" "hall=" >/dev/null
http_post admin "$INT_URL/admin/staff/edit" "csrf=$csrf" "login=hos$N" "name=敌意员" "dept=HD-$N" \
	"role_clerk=1" "password=$PW" "password2=$PW" >/dev/null
t_is "a region, hall, department, window and user of this run" \
	"$(sql_int "SELECT COUNT(*) FROM staff s JOIN department d ON d.id = s.dept_id JOIN service_window w ON w.dept_code = d.code WHERE s.login = 'hos$N' AND d.region_code = 'HR$N' AND d.hall_code = 'HH-$N'")" 1

# A complaint (SUP-5) for the supervisor's routes.
apply_form citizen "$EXT_URL/complaint"
http_post citizen "$EXT_URL/complaint" "csrf=$CSRF" "form_key=$FORM_KEY" about=case \
	"app_no=${apps[0]}" subject=敌意测试 body=经过 >/dev/null
CMP=${HTTP_LOCATION#*=}
t_ok "a complaint crosses to the intranet" carry ext int
CID=$(sql_int "SELECT id FROM complaint WHERE cmp_no = '$CMP'")
staff_login sup zhaoyanhong
SUPID=$(sql_int "SELECT id FROM staff WHERE login = 'zhaoyanhong'")

ext_before=$(site_workers ext)
int_before=$(site_workers int)
: >"$_T_DIR/results"
start=$(date +%s)

# --- the extranet -------------------------------------------------------------

hostile_route ext anon GET / - full q=x
hostile_route ext anon GET /guide - full code=$CODE
hostile_route ext anon GET /search - full q=食品
hostile_route ext anon GET /browse - full by=dept v=SCJGJ
hostile_route ext anon GET /chart - full code=$CODE
hostile_route ext anon GET /form - full code=$CODE kind=form m=1
hostile_route ext anon GET /register - full
hostile_route ext reg POST /register /register few name=注册测试 id_number=$IDR mobile=13900000003 \
	password=$PW password2=$PW
hostile_route ext anon GET /login - full next=/my
# (a wrong password: a login that succeeds would change the session and
# with it the form token of the tries after it)
hostile_route ext login POST /login /login few id_number=$IDL password=Wrong-pass-1 next=/my
hostile_route ext anon GET /query - full
hostile_route ext anon POST /query /query full app_no=${apps[0]} id_number=$IDC
hostile_route ext citizen GET /apply - full code=$CODE
# shellcheck disable=SC2046  # one upload a word
hostile_route ext citizen POSTM /apply "/apply?code=$CODE" full code=$CODE remark=说明 \
	$(required_uploads "$CODE" "$TMP/apply.pdf")
hostile_route ext citizen GET /receipt - full no=${apps[0]}
hostile_route ext citizen GET /my - full
hostile_route ext citizen GET /app - full no=${apps[1]}
hostile_route ext citizen GET /doc - full no=$DOC
# Without confirm=1 nothing is withdrawn, whatever else the body holds.
hostile_route ext citizen POST /app/withdraw "/app?no=${apps[1]}" full no=${apps[1]} reason=不想办了
hostile_route ext citizen GET /complaint - full no=${apps[1]}
hostile_route ext citizen POST /complaint /complaint full about=person dept_code=SCJGJ person=王 \
	subject=测试 body=经过 phone=0479-8221234 app_no=
hostile_route ext citizen GET /complaints - full no=$CMP

# --- the intranet -------------------------------------------------------------

hostile_route int anon GET / - full
hostile_route int anon GET /login - full next=/inbox
hostile_route int anon POST /login /login few login=nobody$N password=$PW next=/inbox
hostile_route int clerk GET /inbox - full light=red sort=received
hostile_route int clerk GET /case - full id=$CASE_A done=accept
hostile_route int clerk POST /case/act "/case?id=$CASE_A" full id=$CASE_A action=reject text=材料不全
hostile_route int handler POST /case/act "/case?id=$CASE_B" full id=$CASE_B action=sign verdict=agree \
	text=同意 step= back_to=
# Not a leader: refused after the checks, whatever the body.
hostile_route int handler POST /case/extend "/case?id=$CASE_B" full id=$CASE_B days=5 reason=需要现场核查
hostile_route int handler POST /case/urge "/case?id=$CASE_B" full id=$CASE_B step=s2 note=请尽快办理
hostile_route int clerk GET /file - full id=$CASE_B seq=1
hostile_route int clerk GET /doc - full no=$DOC
hostile_route int clerk GET /catalog - full dept=SCJGJ
hostile_route int admin POST /catalog/new /catalog full code=HN$N name=新事项 dept_code=SCJGJ \
	kind=行政许可 level=县级
hostile_route int clerk GET /catalog/item - full code=$CODE v=1 done=saved
hostile_route int clerk GET /catalog/chart - full code=$CODE v=1
hostile_route int clerk GET /catalog/simulate - full code=$CODE v=1
hostile_route int admin POST /catalog/draft "/catalog/item?code=$ICODE&v=1" full code=$ICODE v=1
hostile_route int admin GET /catalog/edit - full code=$ICODE v=1 done=created
hostile_route int admin POST /catalog/edit "/catalog/edit?code=$ICODE&v=1" full basis=《测试条例》 \
	hours=周一至周五
hostile_route int admin POST /catalog/submit "/catalog/item?code=$ICODE&v=1" full code=$ICODE v=999
hostile_route int admin POST /catalog/publish "/catalog/item?code=$ICODE&v=1" full code=$ICODE v=999
hostile_route int admin POST /catalog/return "/catalog/item?code=$ICODE&v=1" full code=$ICODE v=999 \
	reason=请修改
hostile_route int admin GET /admin - full saved=1 edit=1
hostile_route int admin GET /admin/levels - full saved=1
hostile_route int admin POST /admin/levels /admin/levels full
for f in region hall dept; do
	hostile_route int admin GET "/admin/$f" - full code=H${f:0:1}$N parent=$SUMU region=HR$N edit=1
done
hostile_route int admin POST /admin/region "/admin/region?code=HR$N" full
hostile_route int admin POST /admin/hall "/admin/hall?code=HH-$N" full
hostile_route int admin POST /admin/dept "/admin/dept?code=HD-$N" full
hostile_route int admin GET /admin/window - full dept=HD-$N code=W1
hostile_route int admin POST /admin/window "/admin/window?dept=HD-$N&code=W1" full
hostile_route int admin GET /admin/staff - full dept=HD-$N
hostile_route int admin GET /admin/staff/edit - full login=hos$N dept=HD-$N
hostile_route int admin POST /admin/staff/edit "/admin/staff/edit?login=hos$N" full
# 2031 is no year the other scripts count on; it is not loaded here, so
# a day of it is refused and nothing the calendar holds changes.
hostile_route int admin GET /admin/calendar - full year=2031 saved=day
hostile_route int admin POST /admin/calendar "/admin/calendar?year=2031" full op=day year=2031 \
	day=2031-10-08 kind=off name=测试
# The security and audit administrators' (SEC-7, ACC-4).
hostile_route int sec GET /sec - full
hostile_route int sec GET /sec/staff - full dept=HD-$N saved=1
hostile_route int sec GET /sec/staff/edit - full login=hos$N saved=1
hostile_route int sec POST /sec/staff/roles "/sec/staff/edit?login=hos$N" full login=hos$N \
	role_clerk=1
hostile_route int sec POST /sec/staff/password "/sec/staff/edit?login=hos$N" few login=hos$N \
	password=$PW password2=Not-the-same-1
hostile_route int sec GET /sec/locks - full done=hos$N
hostile_route int sec POST /sec/unlock /sec/locks full login=hos$N
hostile_route int sec GET /sec/alerts - full done=1
hostile_route int sec POST /sec/alerts/resolve /sec/alerts full id=999999999 note=已核查
hostile_route int sec GET /sec/certs - full revoked=hos$N
hostile_route int sec POST /sec/certs/revoke /sec/certs full login=hos$N
# Complaint handling (SUP-5): closing before the reply is refused, so the
# reply comes last.
hostile_route int sup GET /sup/complaints - full f=overdue
hostile_route int sup GET /sup/complaint - full id=$CID done=reply
hostile_route int sup POST /sup/complaint/assign "/sup/complaint?id=$CID" full id=$CID to=$SUPID days=15
hostile_route int sup POST /sup/complaint/investigate "/sup/complaint?id=$CID" full id=$CID note=已核实
hostile_route int sup POST /sup/complaint/close "/sup/complaint?id=$CID" full id=$CID note=办结
hostile_route int sup POST /sup/complaint/reply "/sup/complaint?id=$CID" full id=$CID reply=已答复
hostile_route int audit GET /audit - full object=HR$N actor=liuxiaomei kind=org before=999999
# 窗口收件 (INT-1): the search, the form (every field and file), a receipt.
hostile_route int clerk GET /hall/intake - full q=延续 item=152502-SCJG-XK-004
hostile_route int clerk POSTM /hall/intake "/hall/intake?item=152502-SCJG-XK-004" full \
	item=152502-SCJG-XK-004 name=其其格 "id_number=$IDC" mobile=13900000003 \
	remark=门店地址未变 "m1=@$TMP/apply.pdf" p2=1 pg2=3
hostile_route int clerk GET /hall/intake/receipt - full no=YW2026120790001
# 全程代理 (INT-14): a project of the coordinator's with an item to
# apply for; filing its case (every field and file), the receipt, the
# edit form (the agreement replaced) and closing (refused: no reason).
staff_login coord bayinchaolu
tok=$(http_get coord "$INT_URL/agency/new" | csrf_from)
http_upload coord "$INT_URL/agency/new" "csrf=$tok" "name=敌意测试项目$N" \
	kind=key credit_code=91152502MA0N3K7P83 investor=锡林浩特市草原明珠乳业有限公司 \
	location=锡林浩特市 amount=100 "agreement_no=HOSTILE-$N" coordinator=bayinchaolu \
	"it_$CODE=1" "agreement=@$TMP/apply.pdf;type=application/pdf" >/dev/null
AP=$(sql_int "SELECT id FROM agency_project WHERE agreement_no = 'HOSTILE-$N'")
t_like "a 全程代理 project for the coordinator's routes" "$AP" '^[0-9]+$'
hostile_route int coord GET /agency/file - full "id=$AP" item=$CODE
hostile_route int coord POSTM /agency/file "/agency/file?id=$AP&item=$CODE" full "id=$AP" \
	"item=$CODE" name=其其格 "id_number=$IDC" mobile=13900000003 remark=代为申请 \
	"m1=@$TMP/apply.pdf"
hostile_route int coord GET /agency/receipt - full "id=$AP" no=YW2026120790001
hostile_route int coord GET /agency/edit - full "id=$AP"
hostile_route int coord POSTM /agency/edit "/agency/edit?id=$AP" full "id=$AP" name=敌意测试项目 \
	location=锡林浩特市 amount=200 "it_$CODE=1" "agreement=@$TMP/apply.pdf"
hostile_route int coord POST /agency/close "/agency/project?id=$AP" few "id=$AP" reason=
hostile_route int clerk GET /password - full saved=1
hostile_route int clerk POST /password /password few old=Wrong-pass-1 password=$PW \
	password2=Not-the-same-1
# Ratings (EXT-8): the application is open, so a rating is refused (409);
# no rating has the id, so the follow-up is refused (404).
hostile_route ext citizen POST /app/rate "/app?no=${apps[1]}" full no="${apps[1]}" level=2 \
	reason_slow=1 comment=跑了三趟
hostile_route int clerk GET /ratings - full f=poor light=red before=999999
hostile_route int clerk GET /rating - full id=999999999
hostile_route int clerk POST /rating/visit /ratings full id=999999999 note=已回访
hostile_route int clerk POST /rating/fix /ratings full id=999999999 note=已整改 result=已整改
hostile_route int sup GET /sup/ratings - full f=open light=red before=999999
hostile_route ext citizen POST /logout /my few
hostile_route int clerk POST /logout /inbox few

total=$(wc -l <"$TMP/results")
t_diag "$total hostile requests in $(($(date +%s) - start)) s; answers per route:"
t_diag "$(awk '{ n[$1 " " $2 " " $3] = n[$1 " " $2 " " $3] " " $4 }
	END { for (r in n) print r ":" n[r] }' "$TMP/results" | sort |
	awk -F: '{ split($2, a, " "); delete c; s = ""
		for (i in a) c[a[i]]++
		for (k in c) s = s " " k "×" c[k]
		print $1 ":" s }')"
t_like "every route got its hostile requests" "$total" '^[0-9]{4,}$'
# A GET whose request line passes nginx's 8 KiB header buffer (the 63 KB
# and 100 KB values) never reaches a worker: nginx answers 414, and over
# TLS it may close before curl has sent the whole line, which curl reports
# as no status (000).  Those are nginx's refusals, not the site's answers.
grep -vE '^[a-z]+ GET [^ ]+ 000 [^ ]*:(63|100)KB' "$TMP/results" >"$TMP/answered"
t_is "none answered 5xx" "$(grep -E '^[a-z]+ [A-Z]+ [^ ]+ (5[0-9][0-9]|000) ' "$TMP/answered" | head -n 20)" ""
t_is "every answer is a status" "$(grep -cvE '^[a-z]+ [A-Z]+ [^ ]+ [1-4][0-9][0-9] ' "$TMP/answered")" 0
t_is "no extranet worker ended" "$(site_workers ext)" "$ext_before"
t_is "no intranet worker ended" "$(site_workers int)" "$int_before"
ok=0
for _ in $(seq 1 20); do
	[[ $(curl -s -o /dev/null -w '%{http_code}' "$EXT_URL/guide?code=$CODE") == 200 ]] && ok=$((ok + 1))
	[[ $(curl -s -o /dev/null -w '%{http_code}' "$INT_URL/login") == 200 ]] && ok=$((ok + 1))
done
t_is "and both sites serve every request after" "$ok" 40

# --- the review's cases by name (F11) -----------------------------------------

csrf=$(http_get app2 "$EXT_URL/login" | csrf_from)
http_post app2 "$EXT_URL/login" "csrf=$csrf" "id_number=$IDC" "password=$PW" "next=/my" >/dev/null
LONG=$(printf '营%.0s' $(seq 1 61)).pdf	# 183 bytes of name and ".pdf"
cp "$TMP/apply.pdf" "$TMP/$LONG"
mapfile -t up < <(required_uploads "$CODE" "$TMP/apply.pdf")
up[0]="${up[0]%%=*}=@$TMP/$LONG;type=application/pdf"
apply_form app2 "$EXT_URL/apply?code=$CODE"
http_upload app2 "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "${up[@]}" >/dev/null
t_is "a file name of 187 bytes of Chinese is taken" "$HTTP_STATUS" 303
stored=$(sql_ext "SELECT file_name FROM attachment WHERE app_no = '${HTTP_LOCATION#*=}' ORDER BY material_seq LIMIT 1")
t_is "cut at a character boundary: 60 characters, 180 bytes" "$(printf '%s' "$stored" | wc -c) ${#stored}" "180 60"
csrf=$(http_get reg2 "$EXT_URL/register" | csrf_from)
http_raw reg2 "$EXT_URL/register" -H "Origin: $EXT_URL" -H "Content-Type: application/x-www-form-urlencoded" \
	--data-binary "csrf=$csrf&name=%C0%AF%ED%A0%80&id_number=$(test_id 4)&mobile=13900000004&password=$PW&password2=$PW" >/dev/null
t_is "a registration name that is not UTF-8 is refused: 400" "$HTTP_STATUS" 400
t_like "with a page that says what to do" "$HTTP_BODY" '无法识别的字符.*删除这些字符'
t_is "and registers nobody" "$(citizen_of "$(test_id 4)")" ""
csrf=$(http_get reg2 "$EXT_URL/register" | csrf_from)
http_post reg2 "$EXT_URL/register" "csrf=$csrf" "name=$(printf 'a%.0s' $(seq 1 55))" \
	"id_number=$(test_id 4)" "mobile=13900000004" "password=$PW" "password2=$PW" >/dev/null
t_is "a name longer than its column is refused: 422" "$HTTP_STATUS" 422

# --- the database connection lost under the workers --------------------------
# A worker used to exit(75) and be replaced (nginx answering 502 meanwhile),
# then answered that request with the database error (503); now the
# request's first statement runs again on a new connection (issue #12).
before=$(site_workers ext)
for id in $(sql_ext "SELECT id FROM information_schema.processlist WHERE user = 'yiwang_app' AND id <> CONNECTION_ID()"); do
	sql_ext "KILL CONNECTION $id" 2>/dev/null || true
done
codes=()
for _ in $(seq 1 30); do
	codes+=("$(curl -s -o /dev/null -w '%{http_code}' "$EXT_URL/guide?code=$CODE")")
done
t_unlike "with its connections killed, the extranet never answers 502 (no worker ended)" "${codes[*]}" '502|000'
t_like "each request that found its connection gone was answered all the same" \
	"${codes[*]}" '^200( 200){29}$'
t_is "the same workers" "$(site_workers ext)" "$before"
# The login pool's worker lost its connection too: its first request
# is answered on a new one.  The scripts after this one log in.
csrf=$(http_get lp "$EXT_URL/login" | csrf_from)
lp=()
for _ in $(seq 1 10); do
	http_post lp "$EXT_URL/login" "csrf=$csrf" "id_number=$(test_id 9)" \
		"password=Wrong@2026" >/dev/null
	lp+=("$HTTP_STATUS")
	[[ $HTTP_STATUS == 503 ]] || break
done
t_unlike "and the login pool's: a login is answered at once" "${lp[*]}" '(5..|000)'

# --- memory short in the middle of a page -------------------------------------
# The test stack's fault header (yiwang_fcgi.c) has the pool run out after
# N allocations: the worker used to abort(); now that request answers the
# busy page and the worker serves the next.  /my makes fewer than 100
# allocations since hdf_put() and the GET's parse make none (issue #12).
before=$(site_workers ext)
busy=() next=()
for n in 0 3 10 20 40; do
	http_raw app2 "$EXT_URL/my" -H "X-Yiwang-Fault: pool $n" >/dev/null
	busy+=("$HTTP_STATUS")
	[[ $HTTP_BODY == *系统繁忙*刚才的操作可能没有办成* ]] || busy+=(no-page)
	http_get app2 "$EXT_URL/my" >/dev/null
	next+=("$HTTP_STATUS")
done
t_is "memory gone after 0 to 40 allocations of /my: the busy page, 503" "${busy[*]}" "503 503 503 503 503"
t_is "and the next request each time is the page" "${next[*]}" "200 200 200 200 200"
t_is "no worker ended" "$(site_workers ext)" "$before"

t_done
