#!/usr/bin/env bash
# case-exchange.sh (SUP-3, INT-13; issue #8): a case's full record of data
# exchange.  Every record the intranet's import takes about a case (the
# application, a 补正 reply, a withdrawal) leaves a row naming the bundle
# that carried it (db/141), and /sup/case lists them beside what was sent,
# in time order, with the bundle's sequence number and hash as gap_in holds
# them; a withdrawal that came after the decision is listed as set aside,
# not as applied; a record refused when applied is set aside (GAP-5) and
# the rest of its bundle recorded; a refused bundle adds nothing, even when
# a record before the bad one had been applied; observers see the same
# list.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
IDNO=152502199003150027
flat() { tr -d '\n' <<<"$HTTP_BODY"; }
# last_in: the newest bundle the intranet imported from the extranet.
last_in() { sql_int "SELECT seq FROM gap_in WHERE dir = 'ext2int' ORDER BY epoch DESC, seq DESC LIMIT 1"; }
hash_of() { sql_int "SELECT LEFT(hash, 12) FROM gap_in WHERE dir = 'ext2int' AND seq = $1 ORDER BY epoch DESC LIMIT 1"; }
# rows APP: what the intranet recorded as taken about APP, "kind:taken:seq".
rows() { sql_int "SELECT COALESCE(GROUP_CONCAT(kind, ':', taken, ':', seq ORDER BY id SEPARATOR ' '), '') FROM gap_in_case WHERE app_no = '$1'"; }
login_citizen() {
	local csrf
	csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
	http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
}
withdraw() {	# APP
	local csrf
	csrf=$(http_get cit "$EXT_URL/app?no=$1" | csrf_from)
	http_post cit "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$1" confirm=1 "reason=不再需要。" >/dev/null
}
act() {	# CASE ACTION [k=v…] as the clerk
	local id=$1 csrf
	shift
	csrf=$(http_get clerk "$INT_URL/case?id=$id" | csrf_from)
	http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$id" "action=$1" "${@:2}" >/dev/null
}

staff_login clerk sarengaowa
staff_login sup zhaoyanhong
staff_login obs suyalatu

# --- the application --------------------------------------------------------------
CASE=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
S1=$(last_in)
t_is "its application recorded as applied, with the bundle gap_in holds" "$(rows "$APP")" "application:applied:$S1"
t_is "the row points at that bundle's gap_in row" \
	"$(sql_int "SELECT COUNT(*) FROM gap_in_case c JOIN gap_in g ON g.dir = c.dir AND g.epoch = c.epoch AND g.seq = c.seq WHERE c.app_no = '$APP' AND g.records >= c.recno")" 1
carry int ext

# --- a 补正 reply ---------------------------------------------------------------------
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $CASE")
M=$(sql_int "SELECT MIN(seq) FROM item_material WHERE item_id = $ITEM")
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/correct" "csrf=$csrf" "id=$CASE" "c$M=1" "r$M=请重新扫描。" >/dev/null
t_is "the clerk asks for a correction" "$HTTP_STATUS" 303
carry int ext
login_citizen
t_pdf "$TMP/fixed.pdf" "" "<</Producer(case-exchange)>>"
csrf=$(http_get cit "$EXT_URL/app?no=$APP" | csrf_from)
http_upload cit "$EXT_URL/app/correct" "csrf=$csrf" "no=$APP" "m$M=@$TMP/fixed.pdf;type=application/pdf" >/dev/null
t_is "the applicant sends it" "$HTTP_STATUS" 303
CORR=$(sql_ext "SELECT body FROM gap_outbox WHERE kind = 'application.correct' AND body LIKE '%$APP%'")
carry ext int
S2=$(last_in)
t_is "the correction recorded as applied, in its own bundle" "$(rows "$APP")" \
	"application:applied:$S1 application.correct:applied:$S2"
t_isnt "a later bundle than the application's" "$S2" "$S1"

# --- a withdrawal, while open ---------------------------------------------------------
act "$CASE" accept
t_is "accepted" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing
carry int ext
withdraw "$APP"
t_is "the applicant withdraws" "$HTTP_STATUS" 303
carry ext int
S3=$(last_in)
t_is "the case is withdrawn" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" withdrawn
t_is "the withdrawal recorded as applied" "$(rows "$APP")" \
	"application:applied:$S1 application.correct:applied:$S2 application.withdraw:applied:$S3"

# --- on /sup/case ---------------------------------------------------------------------
http_get sup "$INT_URL/sup/case?id=$CASE" >/dev/null
t_is "the supervisor's view of the case" "$HTTP_STATUS" 200
B=$(flat)
X=$(grep -o '<ol class="step-list" id="exchange">.*' <<<"$B" | sed 's#</ol>.*##')
IN=$(grep -o '<li class="xchg-in"><span class="tag">收到</span> <strong>[^<]*</strong> · <time>[^<]*</time><br><span class="small muted">第 [0-9]* 号数据包带入，摘要 <span class="mono">[0-9a-f]*' <<<"$X" |
	sed 's/<[^>]*>//g')
t_is "what came in, in plain words, each with its bundle's number and hash" "$IN" \
"收到 申请人在外网提交的申请 · $(sql_int "SELECT DATE_FORMAT(imported_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM gap_in WHERE dir = 'ext2int' AND seq = $S1 ORDER BY epoch DESC LIMIT 1")第 $S1 号数据包带入，摘要 $(hash_of "$S1")
收到 申请人提交的补正材料 · $(sql_int "SELECT DATE_FORMAT(imported_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM gap_in WHERE dir = 'ext2int' AND seq = $S2 ORDER BY epoch DESC LIMIT 1")第 $S2 号数据包带入，摘要 $(hash_of "$S2")
收到 申请人撤回申请 · $(sql_int "SELECT DATE_FORMAT(imported_at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i') FROM gap_in WHERE dir = 'ext2int' AND seq = $S3 ORDER BY epoch DESC LIMIT 1")第 $S3 号数据包带入，摘要 $(hash_of "$S3")"
# The order of both directions: the application first, what it caused
# (the receipt, sent) next, the withdrawal's decision last.
ORDER=$(grep -o '<li class="xchg-[a-z]*"><span class="tag">[^<]*</span> <strong>[^<]*' <<<"$X" | sed 's/<[^>]*>//g;s/ /:/' | tr '\n' '|')
t_like "beside what was sent, in time order" "$ORDER" \
	"^收到:申请人在外网提交的申请\|送出:办理进度（告知申请人）\|.*收到:申请人提交的补正材料\|送出:办理进度（告知申请人）\|.*收到:申请人撤回申请\|送出:办理进度（告知申请人）\|$"
t_is "every record sent about it is listed" "$(grep -c '<li class="xchg-out">' <<<"${X//<li/$'\n'<li}")" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE sup_app_no = '$APP'")"
OUTSEQ=$(sql_int "SELECT bundle_seq FROM gap_outbox WHERE sup_app_no = '$APP' ORDER BY id LIMIT 1")
t_like "the sent ones with their bundle too" "$X" "由第 $OUTSEQ 号数据包送往外网"
t_unlike "no raw kind shown" "$X" 'application\.|case\.event'
http_get obs "$INT_URL/sup/case?id=$CASE" >/dev/null
t_is "an observer's view" "$HTTP_STATUS" 200
t_is "lists the same exchange" "$(flat | grep -o '<ol class="step-list" id="exchange">.*' | sed 's#</ol>.*##')" "$X"
t_unlike "with the applicant masked, as the rest of the page" "$(flat)" "$IDNO"
# The same when everything happened in one second (the times are whole
# seconds; db/166 keeps what was queued before each record came in).
sql_int "UPDATE gap_outbox SET created_at = '2026-03-02 02:00:00' WHERE sup_app_no = '$APP';
	UPDATE gap_in SET imported_at = '2026-03-02 02:00:00' WHERE dir = 'ext2int' AND seq IN ($S1, $S2, $S3)"
ONE=$(http_get sup "$INT_URL/sup/case?id=$CASE" | tr -d '\n' | grep -o '<ol class="step-list" id="exchange">.*' | sed 's#</ol>.*##' |
	grep -o '<li class="xchg-[a-z]*"><span class="tag">[^<]*</span> <strong>[^<]*' | sed 's/<[^>]*>//g;s/ /:/' | tr '\n' '|')
t_is "in the same order when all fell in one second" "$ONE" "$ORDER"

# --- a withdrawal after the decision: set aside ----------------------------------------
C2=$(case_from_ext "$CODE")
APP2=$(sql_int "SELECT app_no FROM kase WHERE id = $C2")
carry int ext
act "$C2" reject "text=申请材料与申请事项不符。"
t_is "refused at intake before the extranet knows" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" not_accepted
withdraw "$APP2"
t_is "the applicant, not yet told, withdraws" "$HTTP_STATUS" 303
carry ext int
S4=$(last_in)
t_is "the import takes it" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" not_accepted
t_is "recorded as set aside, not as applied" "$(rows "$APP2")" \
	"application:applied:$(sql_int "SELECT seq FROM gap_in_case WHERE app_no = '$APP2' AND kind = 'application'") application.withdraw:aside:$S4"
http_get sup "$INT_URL/sup/case?id=$C2" >/dev/null
t_like "the page says it changed nothing" "$(flat)" "收到</span> <strong>申请人撤回申请</strong>.{0,200}第 $S4 号数据包带入.{0,200}送达时本件已办结，未予办理，已告知申请人。"

# --- a record refused when applied is set aside; a refused bundle adds nothing -------
C3=$(case_from_ext "$CODE")
APP3=$(sql_int "SELECT app_no FROM kase WHERE id = $C3")
C4=$(case_from_ext "$CODE")
APP4=$(sql_int "SELECT app_no FROM kase WHERE id = $C4")
carry ext int
N0=$(sql_int "SELECT COUNT(*) FROM gap_in_case")
G0=$(sql_int "SELECT COUNT(*) FROM gap_in")
AT=$(date -u '+%Y-%m-%d %H:%M:%S')
# A good withdrawal of the open case C3, then the first case's correction
# as if for C4, which asked for none: valid on its face, refused when
# applied, after the withdrawal was.  The refused record is set aside
# (GAP-5, gap-poison.sh) and the bundle goes in without it.
{
	printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":""}\n' "$APP3" "$AT"
	printf '%s\n' "${CORR//$APP/$APP4}"
} >"$TMP/poison.jsonl"
# In the extranet's own outbox (lib.sh), so the bundle that goes in keeps
# its chain whole for later carries.
outbox_ext "$TMP/poison.jsonl"
B=$(gap_ext export 2>/dev/null | tail -1)
rc=0
gap_int import "$B" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle whose second record cannot be applied is imported without it" "$rc" 0
t_like "saying why it was set aside" "$(cat "$TMP/out")" "第 2 条（补正材料）：申请 $APP4 的办件没有在等待补正材料"
t_is "the withdrawal before it stayed" "$(sql_int "SELECT state FROM kase WHERE id = $C3")" withdrawn
t_is "and only it was recorded as taken" "$(sql_int "SELECT COUNT(*) FROM gap_in_case") $(sql_int "SELECT COUNT(*) FROM gap_in")" "$((N0 + 1)) $((G0 + 1))"
{
	printf '{"type":"application.withdraw","app_no":"%s","at":"%s","reason":""}\n' "$APP4" "$AT"
	printf '{"type":"application.withdraw","app_no":"YW20261231999999","at":"%s","reason":""}\n' "$AT"
} >"$TMP/forged.jsonl"
forge int "$TMP/forged.jsonl" "$TMP/forged.ywb"
rc=0
gap_int import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle naming a case this site does not have: refused with an alert (exit 4)" "$rc" 4
t_is "nothing recorded either" "$(sql_int "SELECT COUNT(*) FROM gap_in_case") $(sql_int "SELECT COUNT(*) FROM kase WHERE id = $C4 AND state = 'received'")" "$((N0 + 1)) 1"
http_get sup "$INT_URL/sup/case?id=$C4" >/dev/null
t_is "the open case lists its application only as received" \
	"$(flat | grep -o '<li class="xchg-in">' | wc -l)" 1

# --- the ledger stays as written ---------------------------------------------------------
sql_int "UPDATE gap_in_case SET taken = 'applied' WHERE app_no = '$APP2'" >"$TMP/out" 2>&1
t_like "even the console cannot turn a set-aside record into an applied one" "$(cat "$TMP/out")" "cannot be changed"
t_done
