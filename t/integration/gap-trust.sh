#!/usr/bin/env bash
# gap-trust.sh: a record that crosses the gap is untrusted input, however well
# its bundle verifies (GAP-3, GAP-4, SEC-4; review F1, F12).  Bundles are
# forged with the REAL signing keys of the test stack's sites
# (build/t/tools/forge_bundle), as a host that holds a site's key would forge
# them, and each forged record must be refused whole with a security alert
# (exit 4, a stored alert), leaving no row and no file behind.  Then the
# defences where the values are used (/file, /form, the response headers),
# the epoch pin with its audited confirmation, and the sweep of staging folders
# left by imports that died.
. "$(dirname "$0")/../lib.sh"
shopt -u patsub_replacement 2>/dev/null || true # '&' in ${x//a/b} is literal

TMP=$_T_DIR
FORGE=$BUILD/t/tools/forge_bundle
CODE=152502-SCJG-XK-001
ITEM=食品经营许可证核发（新办）
IDNO=152502199003150027 # the demo applicant 乌云其木格 (db/demo/LOGINS)
PW=Yiwang@2026

t_pdf "$TMP/a.pdf"
printf 'GIF89a not a pdf at all\n' >"$TMP/gif.pdf"
printf '<html><body><script>alert(1)</script></body></html>\n' >"$TMP/page.pdf"
PDF_SHA=$(sha256sum <"$TMP/a.pdf" | cut -d' ' -f1)
PDF_SIZE=$(stat -c %s "$TMP/a.pdf")
GIF_SHA=$(sha256sum <"$TMP/gif.pdf" | cut -d' ' -f1)
GIF_SIZE=$(stat -c %s "$TMP/gif.pdf")
HTML_SHA=$(sha256sum <"$TMP/page.pdf" | cut -d' ' -f1)
HTML_SIZE=$(stat -c %s "$TMP/page.pdf")
MAT1=$(sql_int "SELECT m.name FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.version=1 AND m.seq=1")

# Files in a site's attachment store (not counting its tmp/).
store_files() { find "$TEST_VAR/$1/files" -path '*/tmp' -prune -o -type f -print | wc -l; }
# What an import could leave behind, per site.  The tick queues the
# halls' numbers and the agent points (pub.hall, pub.agents) whenever they
# change, on its own time: those rows are not an import's; nor is the
# gap.alert record a refusal queues to tell the extranet (GAP-6), which
# belongs to the alert.
int_state() {
	sql_int "SELECT (SELECT COUNT(*) FROM kase), (SELECT COUNT(*) FROM attachment), (SELECT COUNT(*) FROM case_event), (SELECT COUNT(*) FROM gap_in), (SELECT COUNT(*) FROM gap_epoch), (SELECT COUNT(*) FROM gap_outbox WHERE kind NOT IN ('pub.hall', 'pub.agents', 'gap.alert'))"
	echo "files $(store_files int)"
}
ext_state() {
	sql_ext "SELECT (SELECT COUNT(*) FROM application), (SELECT GROUP_CONCAT(state ORDER BY id) FROM application), (SELECT COUNT(*) FROM app_event), (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM item), (SELECT COUNT(*) FROM gap_in)"
	echo "files $(store_files ext)"
}
open_alerts() { "sql_$1" "SELECT COUNT(*) FROM security_alert WHERE resolved_at IS NULL"; }

# Carry every bundle one site has written to the other (those imported
# before answer "already imported").
carry() { # FROM TO
	local b
	"gap_$1" export >/dev/null 2>&1 || true
	for b in "$TEST_VAR/$1"/bundles/*.ywb; do
		[[ -f $b ]] && "gap_$2" import "$b" >/dev/null 2>&1
	done
	return 0
}

# refused TO DESC REGEX RECORD [FILE…]: a forged bundle holding RECORD is
# refused by site TO with exit 4 and a message matching REGEX; an alert is
# stored, and nothing else changed (rows, files).
refused() {
	local to=$1 desc=$2 re=$3 rec=$4 before alerts rc=0
	shift 4
	printf '%s\n' "$rec" >"$TMP/records.jsonl"
	forge "$to" "$TMP/records.jsonl" "$TMP/forged.ywb" "$@"
	before=$("${to}_state")
	alerts=$(open_alerts "$to")
	"gap_$to" import "$TMP/forged.ywb" >"$TMP/out" 2>&1 || rc=$?
	t_is "$desc: refused with a security alert (exit 4)" "$rc" 4
	t_like "$desc: the message names what is wrong" "$(cat "$TMP/out")" "$re"
	t_is "$desc: nothing of it remains (rows, files)" "$("${to}_state")" "$before"
	t_is "$desc: the alert is stored" "$(open_alerts "$to")" $((alerts + 1))
}

# An application record as the form makes it; KEY=VALUE arguments change it.
app_rec() {
	local r kv k
	# Submitted now: the intranet's tick deems accepted a case whose
	# intake deadline passed (deadline.h), which is not what this tests.
	local -A v=([APP]=YW2026112199001 [CODE]=$CODE [VER]=1 [ITEM]=$ITEM [ID]=$IDNO
		[AT]="$(date -u '+%Y-%m-%d %H:%M:%S')"
		[MOBILE]=13947901234 [REMARK]=伪造的申请 [MAT]=$MAT1 [SHA]=$PDF_SHA [FSHA]=$PDF_SHA
		[SIZE]=$PDF_SIZE [MIME]=application/pdf)
	for kv; do v[${kv%%=*}]=${kv#*=}; done
	r='{"type":"application","app_no":"@APP@","item_code":"@CODE@","item_version":@VER@,"item_name":"@ITEM@","applicant":{"name":"乌云其木格","id_number":"@ID@","mobile":"@MOBILE@"},"remark":"@REMARK@","submitted_at":"@AT@","attachments":[{"material_seq":1,"material_name":"@MAT@","file_name":"申请.pdf","sha256":"@SHA@","size":@SIZE@,"mime":"@MIME@"}],"files":["@FSHA@"]}'
	for k in "${!v[@]}"; do r=${r//@$k@/${v[$k]}}; done
	printf '%s\n' "$r"
}

# A case event record as the intranet sends it; KEY=VALUE arguments change it.
event_rec() {
	local r kv k
	local -A v=([APP]=$APP [SEQ]=90 [LABEL]=已受理 [STATE]=processing
		[SLABEL]=已受理，正在审查 [DOC]='')
	for kv; do v[${kv%%=*}]=${kv#*=}; done
	r='{"type":"case.event","app_no":"@APP@","seq":@SEQ@,"at":"2026-11-22 03:00:00","label":"@LABEL@","actor":"锡林浩特市市场监督管理局","note":"","state":"@STATE@","state_label":"@SLABEL@"@DOC@}'
	for k in "${!v[@]}"; do r=${r//@$k@/${v[$k]}}; done
	printf '%s\n' "$r"
}

# apply: the logged-in applicant applies online for CODE with the small PDF
# (or $APPLY_PDF);
# sets APPLIED to the application number (empty when it failed).
apply() {
	# The suites apply through this one applicant past the day's quota
	# (SEC-8, which uploads.sh tests): the count starts again.
	sql_ext "DELETE FROM submit_quota WHERE citizen_id = $(citizen_of "$IDNO")"
	apply_form citizen "$EXT_URL/apply?code=$CODE"
	http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "$@" \
		"m1=@${APPLY_PDF:-$TMP/a.pdf};type=application/pdf" >/dev/null
	APPLIED=${HTTP_LOCATION#*=}
}

# --- a real application crosses the gap ----------------------------------------
carry int ext
carry ext int
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
# (F14) A Location with a control character is never sent.
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=$PW" $'next=/\t/evil.example/' >/dev/null
t_unlike "a Location header with a TAB is never sent" "$(grep -i '^location:' "$HTTP_HEADERS_FILE")" $'\t'
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=$PW" "next=/my" >/dev/null
t_is "the applicant logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
apply "remark=标记 <b>只是文字</b>"
APP=$APPLIED
t_like "an application is submitted" "$APP" '^YW[0-9]{13}$'
carry ext int
CASE=$(sql_int "SELECT id FROM kase WHERE app_no='$APP'")
t_like "it arrives on the intranet as a case" "$CASE" '^[0-9]+$'
t_is "the first bundle of a direction needed no confirmation (epoch 1 pinned)" \
	"$(sql_int "SELECT CONCAT(epoch, ' ', accepted_by) FROM gap_epoch WHERE dir='ext2int' ORDER BY epoch LIMIT 1")" "1 首个数据包"
t_is "and so did the extranet's first (the demo catalogue)" \
	"$(sql_ext "SELECT CONCAT(epoch, ' ', accepted_by) FROM gap_epoch WHERE dir='int2ext' ORDER BY epoch LIMIT 1")" "1 首个数据包"

# --- a file the intranet holds already is not judged again (docs/gap.md) -------
# Its bytes were judged when they were stored.  With the intranet's clamd
# away, an application with the same PDF crosses; one with a PDF it does
# not hold waits for clamd, and crosses once clamd is back.
mv "$TEST_VAR/int/clamd/clamd.sock" "$TEST_VAR/int/clamd/clamd.sock.away"
apply "remark=同一份材料再交一次"
APP2=$APPLIED
carry ext int
t_is "the intranet's clamd away, a PDF it holds crosses again unscanned" \
	"$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP2'")" 1
t_pdf "$TMP/new.pdf" "" "<</Producer(gap-trust $$ new)>>"
APPLY_PDF=$TMP/new.pdf apply "remark=新的材料"
APP3=$APPLIED
gap_ext export >/dev/null 2>&1 || true
NEWB=$(ls -t "$TEST_VAR"/ext/bundles/*.ywb | head -n 1)
rc=0; out=$(gap_int import "$NEWB" 2>&1) || rc=$?
t_is "but a PDF it does not hold is not imported (exit 2)" "$rc" 2
t_like "and waits for clamd" "$out" '暂时无法进行病毒检查'
t_is "nor its case" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP3'")" 0
mv "$TEST_VAR/int/clamd/clamd.sock.away" "$TEST_VAR/int/clamd/clamd.sock"
t_ok "and crosses once clamd is back" carry ext int
t_is "as its case" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP3'")" 1

# --- forged extranet bundles, refused by the intranet ---------------------------
# A stale staging folder, as a killed import leaves it; and one in use.
mkdir -p "$TEST_VAR/int/files/tmp/stage-424242"
printf 'half' >"$TEST_VAR/int/files/tmp/stage-424242/$PDF_SHA.tmp"
mkdir -p "$TEST_VAR/int/files/tmp/stage-busy"
setsid flock "$TEST_VAR/int/files/tmp/stage-busy" sleep 20 &
busy=$!
sleep 0.3

KEYPATH=../../$(printf './%.0s' {1..18})test/int/keys/site.key # 64 characters
refused int "a digest with ../ (F1: it served the intranet's private key)" \
	'attachments\[0\]\.sha256' "$(app_rec SHA="$KEYPATH" FSHA="$KEYPATH")" "$TMP/a.pdf"
t_ok "a staging folder left by a killed import is removed by the next import" \
	test ! -e "$TEST_VAR/int/files/tmp/stage-424242"
t_ok "a staging folder an import holds is kept" test -d "$TEST_VAR/int/files/tmp/stage-busy"
kill -- -"$busy" 2>/dev/null	# flock and its sleep, which holds the lock
wait "$busy" 2>/dev/null
rm -rf "$TEST_VAR/int/files/tmp/stage-busy"
refused int "a digest of no file in the bundle" 'attachments\[0\]\.sha256.*不在本数据包中' \
	"$(app_rec SHA="$GIF_SHA" FSHA="$GIF_SHA")" "$TMP/a.pdf"
refused int "a file in the bundle that no record names" '没有任何记录用到' \
	"$(app_rec)" "$TMP/a.pdf" "$TMP/gif.pdf"
refused int "CR LF in the type (F1: it split the response headers)" 'attachments\[0\]\.mime' \
	"$(app_rec MIME='text/html\r\n\r\n<script>alert(1)</script>')" "$TMP/a.pdf"
refused int "a GIF under a PDF record" '按内容判断.*image/gif' \
	"$(app_rec SHA="$GIF_SHA" FSHA="$GIF_SHA" SIZE="$GIF_SIZE")" "$TMP/gif.pdf"
# Files are judged by several processes at once (gap.c, judge_child()):
# a bad one among good ones is found wherever it is, and named.
t_pdf "$TMP/b.pdf" "" "<</Producer(gap-trust $$ b)>>"
B_SHA=$(sha256sum "$TMP/b.pdf" | cut -d' ' -f1)
refused int "a GIF third, after two good PDFs" "第 3 条记录用到的文件 $GIF_SHA 按内容判断.*image/gif" \
	"$(app_rec APP=YW2026112199011; app_rec APP=YW2026112199012 SHA="$B_SHA" FSHA="$B_SHA" SIZE="$(stat -c %s "$TMP/b.pdf")"
	app_rec APP=YW2026112199013 SHA="$GIF_SHA" FSHA="$GIF_SHA" SIZE="$GIF_SIZE")" "$TMP/a.pdf" "$TMP/b.pdf" "$TMP/gif.pdf"
# A judging process that dies leaves its files to the importer: with every
# one of them killed as it takes its first file (YIWANG_TEST_JUDGE_DIES),
# the GIF is still found, by the importer itself.
YIWANG_TEST_JUDGE_DIES=1 refused int "the judging processes killed" \
	"第 3 条记录用到的文件 $GIF_SHA 按内容判断.*image/gif" \
	"$(app_rec APP=YW2026112199011; app_rec APP=YW2026112199012 SHA="$B_SHA" FSHA="$B_SHA" SIZE="$(stat -c %s "$TMP/b.pdf")"
	app_rec APP=YW2026112199013 SHA="$GIF_SHA" FSHA="$GIF_SHA" SIZE="$GIF_SIZE")" "$TMP/a.pdf" "$TMP/b.pdf" "$TMP/gif.pdf"
t_like "the importer saw them die and judged their files itself" \
	"$(cat "$TMP/out")" 'judging the bundle.s files died \(signal 9\); its files are judged here'
refused int "an HTML page under a PDF record" '按内容判断' \
	"$(app_rec SHA="$HTML_SHA" FSHA="$HTML_SHA" SIZE="$HTML_SIZE")" "$TMP/page.pdf"
refused int "a size other than the file's" '记录所说的大小' \
	"$(app_rec SIZE=$((PDF_SIZE + 1)))" "$TMP/a.pdf"
refused int "an ID number with a wrong check digit" 'applicant\.id_number' \
	"$(app_rec ID=152502199003150028)" "$TMP/a.pdf"
# As the registration form judges it: born neither after today nor more
# than 120 years ago (by the intranet's clock).
refused int "an ID number born after today" 'applicant\.id_number' \
	"$(app_rec ID=152502209901010022)" "$TMP/a.pdf"
refused int "an ID number born more than 120 years ago" 'applicant\.id_number' \
	"$(app_rec ID=152502190001020025)" "$TMP/a.pdf"
refused int "a mobile number that is none" 'applicant\.mobile' \
	"$(app_rec MOBILE=1394790123)" "$TMP/a.pdf"
refused int "an application number out of shape" 'app_no' \
	"$(app_rec APP=../../etc/x)" "$TMP/a.pdf"
refused int "a remark longer than the form allows" 'remark.*太长' \
	"$(app_rec REMARK="$(printf 'a%.0s' {1..2001})")" "$TMP/a.pdf"
refused int "a control character in a remark" 'remark.*控制字符' \
	"$(app_rec REMARK='a\u001bb')" "$TMP/a.pdf"
refused int "invalid UTF-8 (an encoded surrogate, F3)" '不是有效的 JSON 或 UTF-8' \
	"$(app_rec REMARK=$'\xed\xa0\x80')" "$TMP/a.pdf"
refused int "an item the intranet does not have" 'item_code.*没有这个事项' \
	"$(app_rec CODE=152502-NO-SUCH-001)" "$TMP/a.pdf"
refused int "an item version the intranet does not have" 'item_code.*没有这个事项' \
	"$(app_rec VER=99)" "$TMP/a.pdf"
refused int "a material the item does not have" 'material_name' \
	"$(app_rec MAT=随便什么材料)" "$TMP/a.pdf"
refused int "a kind of record the intranet does not take" '类型「case.event」不是本站接受的' \
	"$(event_rec)"
refused int "a record that is not JSON" '不是有效的 JSON' '{"type":"application",'
t_like "gap status lists the open alerts" "$(gap_int status)" 'ext2int/1/[0-9]+ .*拒绝导入'
t_is "the case was not touched by any of it" \
	"$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no LIKE 'YW20261121990%'")" 0
carry ext int
# Its file (the same PDF as the first application's) is in the store.
STORED=$TEST_VAR/int/files/${PDF_SHA:0:2}/${PDF_SHA:2:2}/$PDF_SHA
INODE=$(stat -c %i "$STORED")
apply
APP2=$APPLIED
carry ext int
t_is "after the refusals the real next bundle still imports" \
	"$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP2'")" 1
t_is "a file the store already had is kept, not replaced by the import's copy" \
	"$(stat -c %i "$STORED")" "$INODE"
t_is "and the import leaves no claim or staged file in tmp" \
	"$(find "$TEST_VAR/int/files/tmp" -mindepth 1 | wc -l)" 0

# --- forged intranet bundles, refused by the extranet ---------------------------
carry int ext
t_is "the real intranet's news of the case arrived" \
	"$(sql_ext "SELECT state FROM application WHERE app_no='$APP'")" received
DOC_BODY='{\"app_no\":\"'$APP'\",\"reason\":\"<meta http-equiv=refresh content=0;url=//evil.example/>\"}'
refused ext "a state the extranet does not know" 'state.*不是已知的办件状态' \
	"$(event_rec STATE=hacked SLABEL='<img src=x>')"
refused ext "a state label other than the state's" 'state_label' \
	"$(event_rec SLABEL='已受理<script>alert(1)</script>')"
refused ext "an event of an application the extranet does not have" 'app_no.*本站没有这个申请' \
	"$(event_rec APP=YW2026112199999)"
refused ext "CR LF in a timeline label" 'label.*控制字符' \
	"$(event_rec LABEL='a\r\nSet-Cookie: x=y')"
refused ext "a document whose body is not a notice's" 'doc\.body\.' \
	"$(event_rec STATE=not_accepted SLABEL=不予受理 DOC=',"doc":{"kind":"reject","doc_no":"锡市监不受字〔2026〕9999号","title":"不予受理通知书","body":"'"$DOC_BODY"'","issued_at":"2026-11-22 03:00:00","issued_by":"锡林浩特市市场监督管理局"}')"
refused ext "a document of a kind that does not exist" 'doc\.kind' \
	"$(event_rec DOC=',"doc":{"kind":"licence","doc_no":"x","title":"x","body":"{}","issued_at":"2026-11-22 03:00:00","issued_by":"x"}')"
t_is "the application's state is as the real intranet left it" \
	"$(sql_ext "SELECT state FROM application WHERE app_no='$APP'")" received

# --- where the values are used -------------------------------------------------
staff_login() { # JAR LOGIN
	local csrf
	csrf=$(http_get "$1" "$INT_URL/login" | csrf_from)
	http_post "$1" "$INT_URL/login" "csrf=$csrf" "login=$2" "password=$PW" >/dev/null
}
staff_login clerk sarengaowa
http_get clerk "$INT_URL/file?id=$CASE&seq=1" >/dev/null
t_is "the clerk downloads the attachment" "$HTTP_STATUS $HTTP_CTYPE" "200 application/pdf"
REAL_SHA=$(sql_int "SELECT sha256 FROM attachment WHERE app_no='$APP'")
t_is "the forged name would reach the intranet's private key" \
	"$(realpath -m "$TEST_VAR/int/files/${KEYPATH:0:2}/${KEYPATH:2:2}/$KEYPATH")" "$TEST_VAR/int/keys/site.key"
sql_int "UPDATE attachment SET sha256='$KEYPATH' WHERE app_no='$APP'"
http_get clerk "$INT_URL/file?id=$CASE&seq=1" >/dev/null
t_is "a row naming ../ is never a path: /file answers 404" "$HTTP_STATUS" 404
t_unlike "and does not serve the private key" "$HTTP_BODY" 'PRIVATE KEY'
sql_int "UPDATE attachment SET sha256='$REAL_SHA', mime=CONCAT('text/html', CHAR(13, 10, 13, 10), '<script>alert(1)</script>') WHERE app_no='$APP'"
http_get clerk "$INT_URL/file?id=$CASE&seq=1" >/dev/null
t_is "a row with CR LF in its type is refused: /file answers 500" "$HTTP_STATUS" 500
t_unlike "and no header is split" "$(cat "$HTTP_HEADERS_FILE")" '<script>'
t_is "the answer is the error page" "$HTTP_CTYPE" "text/html; charset=utf-8"
t_unlike "and nothing of it reaches the page" "$HTTP_BODY" '<script>alert'
sql_int "UPDATE attachment SET mime='application/pdf' WHERE app_no='$APP'"
read -r FCODE FSEQ FSHA < <(sql_ext "SELECT i.code, m.seq, m.form_sha FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.status='published' AND m.form_sha <> '' ORDER BY i.id, m.seq LIMIT 1")
EXT_KEYPATH=../../$(printf './%.0s' {1..18})test/ext/keys/site.key
sql_ext "UPDATE item_material m JOIN item i ON i.id = m.item_id SET m.form_sha='$EXT_KEYPATH' WHERE i.code='$FCODE' AND i.status='published' AND m.seq=$FSEQ"
http_get anon "$EXT_URL/form?code=$FCODE&m=$FSEQ&kind=form" >/dev/null
t_is "a form row naming ../ is never a path: /form answers 404" "$HTTP_STATUS" 404
t_unlike "and does not serve the extranet's private key" "$HTTP_BODY" 'PRIVATE KEY'
sql_ext "UPDATE item_material m JOIN item i ON i.id = m.item_id SET m.form_sha='$FSHA' WHERE i.code='$FCODE' AND i.status='published' AND m.seq=$FSEQ"
http_get anon "$EXT_URL/form?code=$FCODE&m=$FSEQ&kind=form" >/dev/null
t_is "the real form downloads again" "$HTTP_STATUS $HTTP_CTYPE" "200 application/pdf"

# --- epochs (F12) -----------------------------------------------------------------
carry ext int
# The extranet, restored from a backup, starts a new chain: epoch 2.
sql_ext "UPDATE gap_lock SET epoch = 2"
apply
APP3=$APPLIED
E2=$(gap_ext export 2>/dev/null | tail -n 1)
t_like "the extranet writes bundle 1 of epoch 2" "$E2" 'extranet-ext2int-e2-000001\.ywb$'
before=$(int_state)
alerts=$(open_alerts int)
rc=0
gap_int import "$E2" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle of an epoch the intranet has not confirmed is refused (exit 4)" "$rc" 4
t_like "and the message says how to confirm it" "$(cat "$TMP/out")" 'yiwang-gap epoch-accept 2'
t_is "and nothing of it was imported" "$(int_state)" "$before"
t_is "and the alert is stored" "$(sql_int "SELECT COUNT(*) FROM security_alert WHERE kind='gap.epoch' AND object='ext2int/2' AND resolved_at IS NULL")" 1
rc=0
gap_int epoch-accept 1 >"$TMP/out" 2>&1 || rc=$?
t_is "an epoch older than the one accepted cannot be confirmed" "$rc" 2
t_ok "the operator confirms epoch 2" gap_int epoch-accept 2
t_is "the confirmation is audited with who ran it" \
	"$(sql_int "SELECT CONCAT(actor, ' ', object) FROM audit WHERE action='gap.epoch-accept' ORDER BY id DESC LIMIT 1")" "cli:$(id -un) ext2int/2"
t_is "and resolves the epoch's alert" "$(sql_int "SELECT COUNT(*) FROM security_alert WHERE kind='gap.epoch' AND object='ext2int/2' AND resolved_at IS NULL")" 0
t_ok "now the bundle of epoch 2 imports" gap_int import "$E2"
t_is "and its application arrived" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP3'")" 1
t_like "gap status names the epoch accepted" "$(gap_int status)" '接受对端第 2 纪元'
# A key holder replays the old chain: the next bundle of epoch 1.
seq=$(sql_int "SELECT MAX(seq) FROM gap_in WHERE dir='ext2int' AND epoch=1")
prev=$(sql_int "SELECT hash FROM gap_in WHERE dir='ext2int' AND epoch=1 AND seq=$seq")
printf '%s\n' "$(app_rec)" >"$TMP/records.jsonl"
k=$TEST_VAR/ext/keys
"$FORGE" -k "$k/site.key" -x "$k/enc.key" -y "$k/peer-enc.pub" -s extranet -d ext2int -e 1 -n $((seq + 1)) -p "$prev" \
	-r "$TMP/records.jsonl" -o "$TMP/old.ywb" "$TMP/a.pdf" >/dev/null
before=$(int_state)
rc=0
gap_int import "$TMP/old.ywb" >"$TMP/out" 2>&1 || rc=$?
t_is "a bundle of the old epoch is refused once a newer one is accepted (exit 4)" "$rc" 4
t_like "as an old epoch" "$(cat "$TMP/out")" '旧纪元'
t_is "and nothing of it was imported" "$(int_state)" "$before"
rc=0
gap_int epoch-accept 2 >/dev/null 2>&1 || rc=$?
t_is "an epoch accepted before cannot be confirmed again" "$rc" 2
apply
APP4=$APPLIED
carry ext int
t_is "later bundles of the new epoch keep importing" \
	"$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP4'")" 1

# --- the alerts reach the security administrator --------------------------------
open=$(open_alerts int)
t_like "the refusals above left open alerts on the intranet" "$open" '^[1-9][0-9]*$'
csrf=$(http_get sec "$INT_URL/login" | csrf_from)
http_post sec "$INT_URL/login" "csrf=$csrf" "login=wurigen" "password=$PW" >/dev/null
page=$(http_get sec "$INT_URL/sec"); http_last
t_like "the security administrator's home counts them" "$page" "未处理的安全警告.*$open 条"
page=$(http_get sec "$INT_URL/sec/alerts"); http_last
t_is "and lists them at /sec/alerts" "$HTTP_STATUS" 200
t_like "with what was refused and why" "$page" '拒绝导入第 [0-9]+ 号数据包'
t_like "in words, not codes" "$page" '数据包中有伪造或不合格的记录|对端的数据包纪元不对'
t_like "naming the bundle by its way, epoch and number" "$page" '外网→内网 第 [0-9]+ 纪元'

ID=$(sql_int "SELECT MAX(id) FROM security_alert WHERE resolved_at IS NULL")
csrf=$(csrf_from <<<"$page")
http_post sec "$INT_URL/sec/alerts/resolve" "csrf=$csrf" "id=$ID" "note=" >/dev/null
t_is "an alert is not closed without a note of what was found" "$HTTP_STATUS" 422
http_post sec "$INT_URL/sec/alerts/resolve" "csrf=$csrf" "id=$ID" \
	"note=与摆渡操作员核实：伪造数据包为测试所用，已销毁。" >/dev/null
t_is "with one, it is closed" "$HTTP_STATUS $HTTP_LOCATION" "303 /sec/alerts?done=$ID"
t_is "as the security administrator's" \
	"$(sql_int "SELECT resolved_by FROM security_alert WHERE id = $ID")" wurigen
t_is "and audited with the note" \
	"$(sql_int "SELECT CONCAT(actor, ' ', detail) FROM audit WHERE action = 'alert.resolve' AND object = 'alert:$ID'")" \
	"wurigen 与摆渡操作员核实：伪造数据包为测试所用，已销毁。"
t_is "one alert fewer open" "$(open_alerts int)" $((open - 1))
http_post sec "$INT_URL/sec/alerts/resolve" "csrf=$csrf" "id=$ID" "note=再次处理" >/dev/null
t_is "closing it again says it is closed" "$HTTP_STATUS" 409
csrf=$(http_get admin "$INT_URL/login" | csrf_from)
http_post admin "$INT_URL/login" "csrf=$csrf" "login=liuxiaomei" "password=$PW" >/dev/null
http_get admin "$INT_URL/sec/alerts" >/dev/null
t_is "the system administrator may not see them (三员分立)" "$HTTP_STATUS" 403

t_done
