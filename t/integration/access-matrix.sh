#!/usr/bin/env bash
# access-matrix.sh: every route of both sites as every kind of user, against
# the expected statuses of t/access-matrix.txt (SEC-2, SEC-7, ORG-2; issue #6
# part B).  The routes come from the program itself (build/t/tools/
# route_table prints routes[]), so a route added without its line in the
# table fails here, as does a line for a route that is gone.  Then:
#   - one TAP line per line of the table, naming every cell that differs;
#   - one line that fails on any access the table does not grant (a 2xx, or
#     a redirect elsewhere than the login page) whatever else happened;
#   - every route of one site answers 404 on the other site, and every path
#     answers 405 to the method it does not have;
#   - every POST route refuses a logged-in user who may use it when the
#     CSRF token is missing or wrong (403), since the matrix sends valid ones.
# docs/security.md, "The access matrix", says how to read and extend it.
. "$(dirname "$0")/../lib.sh"

MATRIX=$ROOT/t/access-matrix.txt
TOOL=$BUILD/t/tools/route_table
# The users, in the order of the table's columns (its heading line says).
KNOWN='anon citA citB clkX hdlX chfX ldrX clkY hdlY ldrY tmpX sys sec aud sup obs gop agt'
N=$$
PW=Juzhen-Ceshi-2026		# the test people's password (citizens, Y's staff)
STARTED=$SECONDS

# --- the routes of the program, and the lines of the table -------------------
t_ok "the table has a line for each route of the program, and no other" \
	"$ROOT/t/check-matrix.sh" "$TOOL" "$MATRIX"
declare -A IS_ROUTE=() ON_SITE=() ROLES_OF=()
while IFS=$'\t' read -r site method path _login _csrf _pwtemp roles; do
	IS_ROUTE["$site $method $path"]=1
	ON_SITE["$site $path"]+="$method "
	ROLES_OF["$site $method $path"]=$roles
done < <("$TOOL")

read -r -a USERS < <(sed -n 's/^# site  *method  *path  *request  *//p' "$MATRIX")
t_is "the table's columns are the users this script knows" "${USERS[*]}" "$KNOWN"
ROWS=()
bad_lines=''
while IFS= read -r line; do
	[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
	read -r -a f <<<"$line"
	if ((${#f[@]} != 4 + ${#USERS[@]})); then
		bad_lines+="$line"$'\n'
		continue
	fi
	ROWS+=("$line")
done <"$MATRIX"
t_is "every line of the table has a cell for each of the ${#USERS[@]} users" "$bad_lines" ''

# --- the people and the objects ----------------------------------------------
ITEM=152502-SCJG-XK-001		# 市场监督管理局's, with a blank form
DEPT_X=SCJGJ
DEPT_Y=SAME-$N
IDNO_A=$(idno 15250219910505031)
IDNO_B=$(idno 15250219920606042)
declare -A LOGIN=([clkX]=sarengaowa [hdlX]=wangzhiqiang [chfX]=chief$N
	[ldrX]=bateer [clkY]=samec$N [hdlY]=sameh$N [ldrY]=samel$N
	[tmpX]=tempc$N
	[sys]=liuxiaomei [sec]=wurigen [aud]=wangxiulan
	[sup]=zhaoyanhong [obs]=suyalatu [gop]=hanxu)

# citizen JAR IDNO NAME MOBILE: registered (as at the window) and logged in.
citizen() {
	local csrf
	YIWANG_PASSWORD=$PW admin_ext citizen-add "$2" "$3" "$4" >/dev/null
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=$PW" "next=/my" >/dev/null
}
# apply JAR: the citizen applies for $ITEM with a PDF for material 1;
# prints the application number.
apply() {
	t_pdf "$_T_DIR/m.pdf"
	apply_form "$1" "$EXT_URL/apply?code=$ITEM"
	http_upload "$1" "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$ITEM" \
		"m1=@$_T_DIR/m.pdf;type=application/pdf" >/dev/null
	[[ $HTTP_STATUS == 303 && $HTTP_LOCATION == /receipt\?no=* ]] && printf '%s\n' "${HTTP_LOCATION#*=}"
}
# carry ext|int: every bundle of that site so far, to the other one.
carry() {
	local b to=int
	[[ $1 == ext ]] || to=ext
	"gap_$1" export >/dev/null 2>&1 || true
	for b in "$TEST_VAR/$1"/bundles/*.ywb; do "gap_$to" import "$b" >/dev/null 2>&1 || true; done
}

citizen citA "$IDNO_A" 乌兰图雅 13947900031
t_is "citizen A logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
citizen citB "$IDNO_B" 斯日古楞 13947900032
t_is "citizen B logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
APP_A=$(apply citA)
APP_B=$(apply citB)
# A proxy agent (AGT-1) of 宝力根苏木, made on the intranet; it crosses with
# the next carry from there, and is activated and logged in below.
IDNO_G=$(idno 15250219930707053)
AGT_CODE=$(admin_int agent-add "格日勒$N" "$IDNO_G" 13947900033 152502200 | sed -n 's/^激活码：//p')
t_like "an agent is made" "$AGT_CODE" '^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'
t_like "each applies once" "$APP_A $APP_B" '^YW[0-9]+ YW[0-9]+$'
carry ext
CASE_X=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP_A'")
t_like "A's application is a case of department X on the intranet" "$CASE_X" '^[0-9]+$'

NAME_X=$(sql_int "SELECT name FROM department WHERE code = '$DEPT_X'")
t_ok "department Y is made with X's very name" admin_int dept-add "$DEPT_Y" "$NAME_X" 锡市监同
for u in clkY:clerk:阿茹娜 hdlY:handler:朝鲁门 ldrY:leader:图门巴雅尔; do
	IFS=: read -r who role name <<<"$u"
	YIWANG_PASSWORD=$PW admin_int user-add "${LOGIN[$who]}" "$name" "$DEPT_Y" "$role" >/dev/null
	# The first password is temporary (SEC-7); this test is not about that.
	sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = '${LOGIN[$who]}'"
done
t_is "with a clerk, a handler and a leader of its own" \
	"$(sql_int "SELECT COUNT(*) FROM staff s JOIN department d ON d.id = s.dept_id WHERE d.code = '$DEPT_Y'")" 3
YIWANG_PASSWORD=$PW admin_int user-add "${LOGIN[chfX]}" 敖登格日乐 "$DEPT_X" \
	chief >/dev/null
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = '${LOGIN[chfX]}'"
t_is "X has a section chief (科室负责人)" \
	"$(sql_int "SELECT roles FROM staff WHERE login = '${LOGIN[chfX]}'")" 128
YIWANG_PASSWORD=$PW admin_int user-add "${LOGIN[tmpX]}" 萨仁其其格 "$DEPT_X" clerk >/dev/null
t_is "and X has a clerk whose password is still the administrator's" \
	"$(sql_int "SELECT pw_temporary FROM staff WHERE login = '${LOGIN[tmpX]}'")" 1

STAFF=(clkX hdlX chfX ldrX clkY hdlY ldrY tmpX sys sec aud sup obs gop)
for who in "${STAFF[@]}"; do
	pw=Yiwang@2026
	if [[ $who == *Y || $who == tmpX || $who == chfX ]]; then pw=$PW; fi
	int_login "$who" "${LOGIN[$who]}" "$pw"
	[[ $HTTP_STATUS == 303 ]] || t_fail "$who (${LOGIN[$who]}) logs in on the intranet" "got $HTTP_STATUS"
done

c=$(http_get clkX "$INT_URL/case?id=$CASE_X" | csrf_from)
http_post clkX "$INT_URL/case/act" "csrf=$c" "id=$CASE_X" "action=accept" >/dev/null
t_is "X's clerk accepts the case" "$HTTP_STATUS" 303
DOC_X=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP_A' AND kind = 'accept'")
SEQ=$(sql_int "SELECT MIN(material_seq) FROM attachment WHERE app_no = '$APP_A'")
carry int
t_is "its 受理通知书 reaches the extranet" "$(sql_ext "SELECT COUNT(*) FROM document WHERE doc_no = '$DOC_X'")" 1
c=$(http_get agt "$EXT_URL/agent/activate" | csrf_from)
http_post agt "$EXT_URL/agent/activate" "csrf=$c" "id_number=$IDNO_G" "code=$AGT_CODE" \
	"password=$PW" "password2=$PW" >/dev/null
c=$(http_get agt "$EXT_URL/agent/login" | csrf_from)
http_post agt "$EXT_URL/agent/login" "csrf=$c" "id_number=$IDNO_G" "password=$PW" >/dev/null
t_is "and the agent, with the account that crossed, activates and logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"

declare -A PH=([ITEM]=$ITEM
	[ITEM_V]=$(sql_int "SELECT version FROM item WHERE code = '$ITEM' AND status = 'published'")
	[APP_A]=$APP_A [IDNO_A]=$IDNO_A [CASE_X]=$CASE_X [SEQ]=$SEQ [DOC_X]=$DOC_X
	[DEPT_X]=$DEPT_X [CLK_X]=${LOGIN[clkX]} [FORM_KEY]=$(printf '0%.0s' {1..64})
	[HALL]=$(sql_int "SELECT code FROM hall ORDER BY code LIMIT 1")
	[REGION]=$(sql_int "SELECT code FROM region WHERE level = 1 ORDER BY code LIMIT 1"))
t_diag "objects: $(for k in "${!PH[@]}"; do printf '%s=%s ' "$k" "${PH[$k]}"; done)"

# fill TEXT: the placeholders replaced; fails on one the script does not know.
fill() {
	local s=$1 k
	for k in "${!PH[@]}"; do s=${s//\{$k\}/${PH[$k]}}; done
	[[ $s != *\{*\}* ]] || return 1
	printf '%s\n' "$s"
}

site_url() { if [[ $1 == ext ]]; then printf '%s\n' "$EXT_URL"; else printf '%s\n' "$INT_URL"; fi; }

# Each user's CSRF token on each site: their session's when logged in there,
# else the pre-session one (the login form shows whichever holds).
declare -A TOKEN=()
for who in "${USERS[@]}"; do
	for site in ext int; do
		TOKEN[$who.$site]=$(http_get "$who" "$(site_url $site)/login" | csrf_from) || true
	done
done

# got_of STATUS LOCATION: GOT, the status as the table writes it.
got_of() {
	local loc
	GOT=$1
	if [[ $GOT == 3?? ]]; then
		loc=${2#http*://*/}
		[[ $loc == "$2" ]] || loc=/$loc
		loc=${loc%%\?*}
		GOT=">$loc"
		[[ $1 != 303 || $loc != /login ]] || GOT=login
		[[ $1 == 303 ]] || GOT="$1$GOT"
	fi
}

# send WHO SITE METHOD PATH REQUEST [TOKEN]: one request as WHO, a POST
# with WHO's token on SITE or with TOKEN ("" for none); sets HTTP_* and GOT,
# the status as the table writes it.
send() {
	local who=$1 url method=$3 path=$4 req=$5 tok=${TOKEN[$1.$2]:-}
	local -a body=()
	(($# < 6)) || tok=$6
	url=$INT_URL$path # site_url, without a subshell: 5,000 requests
	[[ $2 != ext ]] || url=$EXT_URL$path
	if [[ $method == GET ]]; then
		[[ $req == - ]] || url+="?$req"
		http_get "$who" "$url" >/dev/null || true
	else
		[[ $req == - ]] || IFS='&' read -r -a body <<<"$req"
		[[ -z $tok ]] || body=("csrf=$tok" "${body[@]}")
		http_post "$who" "$url" "${body[@]}" >/dev/null || true
	fi
	got_of "$HTTP_STATUS" "$HTTP_LOCATION"
}

# The same requests in batches, one curl a user over kept-alive connections
# (as t/integration/hostile.pl does): 5,000 curl processes and TLS
# handshakes were most of this script's time.  queue WHO SITE METHOD PATH
# REQUEST [TOKEN]: the request as send would make it, added to WHO's
# batch (a curl config), with the client certificate, Origin, cookie jar
# and body encoding of http_get/http_post; its number is QN.  flush: run
# every batch, each user's requests in the order queued; the answers go to
# ANS[WHO.N] ("STATUS LOCATION") and, when QBODY is 1, the bodies to
# $_T_DIR/batch/WHO.N.
declare -A QN_OF=() ANS=()
QBODY=0
# _cfg NAME VALUE: a line of a curl config, VALUE quoted (no subshell).
_cfg() { local v=${2//\\/\\\\}; printf '%s = "%s"\n' "$1" "${v//\"/\\\"}"; }
queue() {
	local who=$1 url method=$3 path=$4 req=$5 tok=${TOKEN[$1.$2]:-} jar kv
	local cfg=$_T_DIR/batch/$1.cfg CERT ORIGIN out
	local -a body=()
	(($# < 6)) || tok=$6
	mkdir -p "$_T_DIR/batch"
	QN=$((${QN_OF[$who]:-0} + 1))
	QN_OF[$who]=$QN
	jar=$_T_DIR/jar.$who
	url=$INT_URL$path
	[[ $2 != ext ]] || url=$EXT_URL$path
	{
		((QN == 1)) || echo next
		if [[ $method == GET ]]; then
			[[ $req == - ]] || url+="?$req"
		else
			[[ $req == - ]] || IFS='&' read -r -a body <<<"$req"
			[[ -z $tok ]] || body=("csrf=$tok" "${body[@]}")
			_cert_for_login "$who" "$url" "${body[@]}"
			_origin "$url"
			((${#ORIGIN[@]} == 0)) || _cfg header "${ORIGIN[0]#-H}"
			((${#body[@]})) || echo 'data = ""'
			for kv in "${body[@]}"; do
				_cfg data-urlencode "$kv"
			done
		fi
		_cert "$jar"
		if ((${#CERT[@]})); then
			echo 'cert-type = "P12"'
			_cfg cert "${CERT[3]}"
		fi
		_cfg url "$url"
		_cfg cacert "$TEST_CA"
		_cfg cookie "$jar"
		_cfg cookie-jar "$jar"
		out=/dev/null
		((!QBODY)) || out=$_T_DIR/batch/$who.$QN
		_cfg output "$out"
		printf 'silent\nshow-error\nmax-time = 60\n'
		printf 'write-out = "%s %s\\n"\n' "$QN" \
			'%{http_code} %header{location}'
	} >>"$cfg"
}
flush() {
	local who n code loc
	for who in "${!QN_OF[@]}"; do
		while read -r n code loc; do
			ANS[$who.$n]="$code $loc"
		done < <(curl -K "$_T_DIR/batch/$who.cfg" || true)
		rm -f "$_T_DIR/batch/$who.cfg"
	done
	QN_OF=()
}
# answer WHO N: GOT (as send sets it) and HTTP_BODY of WHO's request N.
answer() {
	local a=${ANS[$1.$2]:-000}
	got_of "${a%% *}" "${a#* }"
	HTTP_BODY=''
	[[ ! -f $_T_DIR/batch/$1.$2 ]] ||
		HTTP_BODY=$(tr -d '\000' <"$_T_DIR/batch/$1.$2")
}

# --- the matrix ----------------------------------------------------------------
CELLS=0
LEAKS=''
# row_start ROW: RF, the row's fields, and REQ, its request with the
# placeholders filled; fails with a failed check on one the script does
# not know.  row_cell I: counts the cell of user I, and notes in DIFF (and
# LEAKS) how GOT differs from it.  row_end: the row's check.
row_start() {
	read -r -a RF <<<"$1"
	DIFF=''
	if ! REQ=$(fill "${RF[3]}"); then
		t_fail "${RF[*]:0:3}" "unknown placeholder in ${RF[3]}"
		return 1
	fi
}
row_cell() {
	local u=${USERS[$1]} want=${RF[4 + $1]}
	CELLS=$((CELLS + 1))
	[[ $GOT == "$want" ]] && return 0
	DIFF+="$u: got $GOT, expected $want"$'\n'
	# Access the table does not grant: a page, or a way on elsewhere
	# than login.
	[[ $GOT == 2?? || $GOT == *'>'* ]] || return 0
	LEAKS+="${RF[*]:0:3} as $u: $GOT (expected $want)"$'\n'
}
row_end() {
	local what="${RF[*]:0:3}: as the table says for all ${#USERS[@]} users"
	if [[ -z $DIFF ]]; then
		t_pass "$what"
	else
		t_fail "$what" "${DIFF%$'\n'}"
	fi
}
# run_row ROW: the row's requests one by one (the logout lines).
run_row() {
	local i
	row_start "$1" || return 0
	for ((i = 0; i < ${#USERS[@]}; i++)); do
		send "${USERS[i]}" "${RF[0]}" "${RF[1]}" "${RF[2]}" "$REQ"
		row_cell "$i"
	done
	row_end
}

# What the harmless POSTs must leave as it was: the rows later lines and
# later scripts rely on.
state() {
	sql_int "CHECKSUM TABLE item, item_step, staff, staff_cert, account_lock, department, region, region_level, hall, service_window, kase, case_task, document"
	sql_ext "CHECKSUM TABLE application, attachment, citizen, document"
}
BEFORE=$(state)
# Every line but the logout ones (logging out ends the session every other
# line needs: those go last), each user's requests in the table's order.
LAST=()
declare -A QOF=()
for ((r = 0; r < ${#ROWS[@]}; r++)); do
	read -r site method path reqt _ <<<"${ROWS[r]}"
	if [[ $path == /logout ]]; then LAST+=("${ROWS[r]}"); continue; fi
	req=$(fill "$reqt") || continue
	for who in "${USERS[@]}"; do
		queue "$who" "$site" "$method" "$path" "$req"
		QOF[$r.$who]=$QN
	done
done
flush
for ((r = 0; r < ${#ROWS[@]}; r++)); do
	read -r _ _ path _ <<<"${ROWS[r]}"
	[[ $path != /logout ]] || continue
	row_start "${ROWS[r]}" || continue
	for ((i = 0; i < ${#USERS[@]}; i++)); do
		answer "${USERS[i]}" "${QOF[$r.${USERS[i]}]}"
		row_cell "$i"
	done
	row_end
done

# --- the other site's routes, and the other method ------------------------------
# A route exists on its own site only (404 on the other); a path answers 405
# to a method it does not have.  Route existence is decided before anything
# about the user, so nobody and one user of each site ask.
wrong=''
declare -A ASKED=()
ASK=()
for key in "${!IS_ROUTE[@]}"; do
	read -r _ _ path <<<"$key"
	for site in ext int; do
		for method in GET POST; do
			[[ -z ${IS_ROUTE["$site $method $path"]:-} && -z ${ASKED["$site $method $path"]:-} ]] || continue
			ASKED["$site $method $path"]=1
			want=404
			[[ -z ${ON_SITE["$site $path"]:-} ]] || want=405
			# The extranet's operations server's routes (R_OPS, GAP-6)
			# do not exist on the public server, by any method.
			[[ $site == ext && $path == /ops/* ]] && want=404
			for who in anon citA clkX sys; do
				queue "$who" "$site" "$method" "$path" -
				ASK+=("$site $method $path $who $want $QN")
			done
		done
	done
done
flush
for a in "${ASK[@]}"; do
	read -r site method path who want n <<<"$a"
	answer "$who" "$n"
	CELLS=$((CELLS + 1))
	what="$site $method $path as $who"
	[[ $GOT == "$want" ]] || wrong+="$what: got $GOT, expected $want"$'\n'
	[[ $GOT != 2?? ]] || LEAKS+="$what: $GOT (not a route)"$'\n'
done
t_is "a route of one site is 404 on the other, a method a path lacks 405 (${#ASKED[@]} requests × 4 users)" "$wrong" ''

# --- CSRF on every POST route ----------------------------------------------------
# As a logged-in user who may use the route (so the 403 is the token's): no
# token, and another session's token, are refused with the page that says so.
declare -A HOLDER=([citizen]=citA [clerk]=clkX [handler]=hdlX [chief]=chfX
	[leader]=ldrX [admin]=sys [secadmin]=sec [auditor]=aud
	[supervisor]=sup [observer]=obs [gapop]=gop [agent]=agt [coord]=crd)
# The 全程代理 coordinator (INT-14), who holds no column of the table: for
# the token's refusal of their POSTs only.
int_login crd bayinchaolu
nocsrf=''
ASK=()
QBODY=1
for row in "${ROWS[@]}"; do
	read -r site method path req _ <<<"$row"
	[[ $method == POST ]] || continue
	roles=${ROLES_OF["$site $method $path"]:-}
	who=${HOLDER[${roles%%,*}]:-}
	[[ -n $who ]] || { if [[ $site == ext ]]; then who=citA; else who=clkX; fi; }
	req=$(fill "$req") || continue
	for tok in '' "${TOKEN[anon.$site]}"; do
		queue "$who" "$site" "$method" "$path" "$req" "$tok"
		t=0
		[[ -z $tok ]] || t=1
		ASK+=("$site $path $who $t $QN")
	done
done
flush
for a in "${ASK[@]}"; do
	read -r site path who t n <<<"$a"
	answer "$who" "$n"
	CELLS=$((CELLS + 1))
	[[ $GOT == 403 ]] && grep -q '页面已过期或来源不明' <<<"$HTTP_BODY" && continue
	what="another session's token"
	((t)) || what="no token"
	nocsrf+="$site POST $path as $who with $what: $GOT"$'\n'
done
t_is "every POST route refuses a missing or foreign CSRF token (403)" "$nocsrf" ''

t_is "the POSTs of the matrix changed nothing" "$(state)" "$BEFORE"

# The lists show what the user may see, and nothing else.
http_get citB "$EXT_URL/my" >/dev/null
t_unlike "B's list of applications does not show A's" "$HTTP_BODY" "$APP_A"
t_like "but B's own" "$HTTP_BODY" "$APP_B"
http_get hdlX "$INT_URL/inbox" >/dev/null
t_like "X's handler has the case in their worklist" "$HTTP_BODY" "$APP_A"
for who in clkY hdlY ldrY; do
	http_get "$who" "$INT_URL/inbox" >/dev/null
	t_unlike "Y's $who has nothing of it (same department name)" "$HTTP_BODY" "$APP_A"
done

# Both sites' cookies have the same name and the same host here, so logging
# out on one site clears the other site's cookie in the jar (a browser would
# do the same on one host; the sites of a county have a host each).  Each
# logout line starts from the jars as they were.
for who in "${USERS[@]}"; do cp "$(_jar "$who")" "$(_jar "$who").keep" 2>/dev/null || true; done
for row in "${LAST[@]}"; do
	for who in "${USERS[@]}"; do cp "$(_jar "$who").keep" "$(_jar "$who")" 2>/dev/null || true; done
	run_row "$row"
done
# The cookies as they were before: the server must have ended those sessions.
gone=''
for who in "${USERS[@]}"; do cp "$(_jar "$who").keep" "$(_jar "$who")" 2>/dev/null || true; done
for who in citA citB agt; do
	send "$who" ext GET /my -
	[[ $GOT == login ]] || gone+="$who still in at the extranet: $GOT"$'\n'
done
for who in "${STAFF[@]}"; do
	send "$who" int GET /password -
	[[ $GOT == login ]] || gone+="$who still in at the intranet: $GOT"$'\n'
done
t_is "logging out ended every session: the old cookies open nothing" "$gone" ''

t_is "no cell grants access the table does not (a 2xx, or a redirect elsewhere than the login page)" "$LEAKS" ''
t_diag "$CELLS requests: ${#ROWS[@]} lines × ${#USERS[@]} users, and the checks above, in $((SECONDS - STARTED)) s"

# The people made here leave no session and no active account behind, and
# Y its name to X alone (doc-dept.sh counts the departments of that name).
for who in clkY hdlY ldrY tmpX; do
	sql_int "DELETE FROM session WHERE user_id = (SELECT id FROM staff WHERE login = '${LOGIN[$who]}')"
	sql_int "UPDATE staff SET active = 0 WHERE login = '${LOGIN[$who]}'"
done
sql_int "UPDATE department SET name = '访问矩阵测试部门 $N' WHERE code = '$DEPT_Y'"
# The agent goes on both sites, with whatever the tick published of it:
# agent.sh and publication.sh start from a stack with no agent (AGT-2's
# "尚未开通"), and this script runs before them.  It made no case.
AGT_ID=$(sql_int "SELECT id FROM agent WHERE name = '格日勒$N'")
AGT_CIT=$(sql_ext "SELECT citizen_id FROM agent_account WHERE id = $AGT_ID")
sql_int "DELETE FROM agent_area WHERE agent_id = $AGT_ID; DELETE FROM agent WHERE id = $AGT_ID"
sql_ext "DELETE FROM session WHERE user_id = $AGT_CIT;
	DELETE FROM agent_account_area WHERE agent_id = $AGT_ID;
	DELETE FROM agent_account WHERE id = $AGT_ID;
	DELETE FROM citizen WHERE id = $AGT_CIT; DELETE FROM agent_public"
# A list the tick queued while the agent was there may still be in the
# outbox: the tick queues the list without it, and both cross, in order.
admin_int tick >/dev/null
carry int ext
t_is "and leaves no agent behind" "$(sql_int "SELECT COUNT(*) FROM agent WHERE id = $AGT_ID")/$(sql_ext "SELECT COUNT(*) FROM agent_account WHERE id = $AGT_ID")/$(sql_ext "SELECT COUNT(*) FROM agent_public")" 0/0/0
t_done
