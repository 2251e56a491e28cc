#!/usr/bin/env bash
# uploads.sh: what an upload must be and what a submission leaves behind
# (#6 F10, F13; SEC-4, SEC-8, EXT-1, GAP-3).  Each check fails on the code
# before it:
# - an HTML polyglot and PDFs with each kind of active content are refused,
#   by qpdf's reading of the file, with a message naming the material and
#   what to do, and nothing is stored; a clean PDF is accepted;
# - the EICAR test file inside a PDF is refused on the extranet; clamd
#   unreachable gives 503 and stores nothing; an EICAR attachment that an
#   extranet with out-of-date signatures let through is refused when the
#   intranet adopts the bundle;
# - the 21st application of a day is refused (429) with when it resets;
# - the same form posted twice (or twice at once) makes one application;
# - a submission whose insert fails, or whose worker is killed, leaves no
#   file (files-sweep takes what a kill -9 left), and never removes a
#   file another application names.
# - the intranet's blank forms and samples (yiwang-admin item-load) are
#   vetted the same way (JavaScript, EICAR, clamd unreachable), never
#   stored over a file in the store, and taken back when the item's rows
#   do not commit.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
PW='Caoyuan-2026!'
TMP=$_T_DIR
MAT=$(sql_ext "SELECT m.name FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$CODE' AND i.status = 'published' AND m.seq = 1")

# citizen JAR IDNO NAME: register (as the administrator would) and log in.
citizen() {
	local csrf
	YIWANG_PASSWORD=$PW admin_ext citizen-add "$2" "$3" 13904791234 >/dev/null
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=$PW" "next=/my" >/dev/null
}
store_files() { find "$TEST_VAR/$1/files" -path '*/tmp' -prune -o -type f -print | wc -l; }
tmp_left() { find "$TEST_VAR/$1/files/tmp" -mindepth 1 | wc -l; }
apps_of() { sql_ext "SELECT COUNT(*) FROM application WHERE citizen_id = $(citizen_of "$1")"; }
sha_of() { sha256sum <"$1" | cut -d' ' -f1; }
in_store() { [[ -f $TEST_VAR/$1/files/${2:0:2}/${2:2:2}/$2 ]]; }
not_in_store() { ! in_store "$@"; }
# submit JAR FILE [FORM-KEY]: open the form and send FILE as material 1,
# with the form's own key or FORM-KEY.  Sets HTTP_* (and FORM_KEY).
submit() {
	apply_form "$1" "$EXT_URL/apply?code=$CODE"
	[[ -z ${3:-} ]] || FORM_KEY=$3
	http_upload "$1" "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" \
		"m1=@$2;type=application/pdf" >/dev/null
}
# A clean one-page PDF made unique by a word in its page's size.
clean_pdf() { t_pdf "$1" "/Yiwang($2)"; }

A_ID=$(idno 15250219850317002)
citizen alice "$A_ID" 其其格
t_is "the applicant is logged in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"

# --- refused by content -------------------------------------------------------
# Each fixture a few hundred bytes (t_pdf in t/lib.sh), named after what it
# carries.  The JavaScript ones hide it from a byte search in several ways.
eicar=$(printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR' '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*')
t_pdf "$TMP/polyglot.pdf"
sed -i '1a %<html><body><script>alert(document.domain)</script></body></html>' "$TMP/polyglot.pdf"
printf '%%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n' >"$TMP/polyglot-bare.pdf"
t_pdf "$TMP/js-open.pdf" '/OpenAction 4 0 R' '<</S/JavaScript/JS(app.alert(1))>>'
t_pdf "$TMP/js-escaped.pdf" '/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>'
t_pdf "$TMP/js-names.pdf" '/Names<</JavaScript 4 0 R>>' '<</Names[(a) 5 0 R]>>' '<</S/JavaScript/JS(app.alert(1))>>'
t_pdf "$TMP/js-annot.pdf" '' '<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A<</S/JavaScript/JS(app.alert(1))>>>>'
t_pdf "$TMP/js-link.pdf" '' '<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI(javascript:alert(1))>>>>'
t_pdf "$TMP/aa.pdf" '/AA<</WC 4 0 R>>' '<</S/GoTo/D[3 0 R/Fit]>>'
t_pdf "$TMP/launch.pdf" '/OpenAction<</S/Launch/F(cmd.exe)>>'
t_pdf "$TMP/embedded.pdf" '/Names<</EmbeddedFiles<</Names[(a.exe) 4 0 R]>>>>' \
	'<</Type/Filespec/F(a.exe)/EF<</F 5 0 R>>>>' $'<</Type/EmbeddedFile/Length 2>>stream\nMZ\nendstream'
t_pdf "$TMP/attachment.pdf" '' '<</Type/Annot/Subtype/FileAttachment/Rect[0 0 9 9]/FS(a.exe)>>'
t_pdf "$TMP/richmedia.pdf" '' '<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>'
t_pdf "$TMP/xfa.pdf" '/AcroForm<</Fields[]/XFA 4 0 R>>' $'<</Length 6>>stream\n<xdp/>\nendstream'
t_pdf "$TMP/submit.pdf" '/AcroForm<</Fields[4 0 R]>>' \
	'<</FT/Btn/T(b)/Subtype/Widget/Rect[0 0 9 9]/P 3 0 R/A<</S/SubmitForm/F(http://x.example/)>>>>'
t_pdf "$TMP/import.pdf" '/OpenAction<</S/GoTo/D[3 0 R/Fit]/Next<</S/ImportData/F(x.fdf)>>>>'
t_pdf "$TMP/eicar.pdf" '' "<</Length ${#eicar}>>stream"$'\n'"$eicar"$'\n'"endstream"

files0=$(store_files ext)
apps0=$(apps_of "$A_ID")
# refused DESC FILE STATUS TEXT: the upload is refused with STATUS and a page
# that names the material and says TEXT, and nothing at all is stored.
refused() {
	submit alice "$2"
	t_is "$1: refused ($3)" "$HTTP_STATUS" "$3"
	t_like "$1: the message says what and what to do" "$HTTP_BODY" "$4"
	t_is "$1: nothing stored (files, applications, tmp)" \
		"$(store_files ext) $(apps_of "$A_ID") $(tmp_left ext)" "$files0 $apps0 0"
}
refused "an HTML polyglot (a PDF with a page in its first KiB)" "$TMP/polyglot.pdf" 422 \
	"「$MAT」不是完好的 PDF 文件。.*另存为 PDF"
refused "HTML behind a PDF header" "$TMP/polyglot-bare.pdf" 422 "「$MAT」不是完好的 PDF 文件"
refused "JavaScript run on opening" "$TMP/js-open.pdf" 422 "「$MAT」含有脚本（JavaScript），为了安全不能接收。.*不含表单和脚本"
refused "JavaScript with #-escaped names" "$TMP/js-escaped.pdf" 422 "「$MAT」含有脚本"
refused "the document's JavaScript names tree" "$TMP/js-names.pdf" 422 "「$MAT」含有脚本"
refused "an annotation's JavaScript action (referred to by nothing)" "$TMP/js-annot.pdf" 422 "「$MAT」含有脚本"
refused "a javascript: link" "$TMP/js-link.pdf" 422 "「$MAT」含有脚本"
refused "additional actions (/AA)" "$TMP/aa.pdf" 422 "「$MAT」含有打开或浏览时自动执行的动作"
refused "a launch action" "$TMP/launch.pdf" 422 "「$MAT」含有启动程序或打开其他文件的动作"
refused "embedded files" "$TMP/embedded.pdf" 422 "「$MAT」里面嵌入了其他文件"
refused "a file attachment annotation" "$TMP/attachment.pdf" 422 "「$MAT」里面嵌入了其他文件"
refused "RichMedia" "$TMP/richmedia.pdf" 422 "「$MAT」含有音频、视频、三维等多媒体内容"
refused "an XFA form" "$TMP/xfa.pdf" 422 "「$MAT」含有可提交或导入数据的表单"
refused "a field that submits the form" "$TMP/submit.pdf" 422 "「$MAT」含有可提交或导入数据的表单"
refused "an action that imports data" "$TMP/import.pdf" 422 "「$MAT」含有可提交或导入数据的表单"
refused "the EICAR test file inside a PDF (clamd)" "$TMP/eicar.pdf" 422 \
	"「$MAT」发现病毒（Yiwang.Test.EICAR.UNOFFICIAL），不能接收"
t_like "the refusal is logged with the signature's name" \
	"$(tail -n 50 "$TEST_VAR/ext/fcgi.log")" "file refused: 发现病毒.*Yiwang.Test.EICAR"

# --- accepted, and the same form twice -----------------------------------------
clean_pdf "$TMP/clean.pdf" clean
submit alice "$TMP/clean.pdf"
t_is "a clean PDF is accepted" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
FIRST=${HTTP_LOCATION#*=}
KEY=$FORM_KEY
t_ok "its file is in the store" in_store ext "$(sha_of "$TMP/clean.pdf")"
t_is "with no claim left in tmp" "$(tmp_left ext)" 0
http_upload alice "$EXT_URL/apply" "csrf=$CSRF" "form_key=$KEY" "code=$CODE" \
	"m1=@$TMP/clean.pdf;type=application/pdf" >/dev/null
t_is "the same form posted again lands on the first one's receipt" "$HTTP_STATUS $HTTP_LOCATION" \
	"303 /receipt?no=$FIRST&again=1"
http_upload alice "$EXT_URL/apply" "csrf=$CSRF" "form_key=$KEY" "code=$CODE" >/dev/null
t_is "so does a retry without the files (Back, where the browser forgot them)" \
	"$HTTP_STATUS $HTTP_LOCATION" "303 /receipt?no=$FIRST&again=1"
t_is "and there is one application" "$(apps_of "$A_ID")" $((apps0 + 1))
# Two at once with one key (a double click, a proxy retrying): one wins, the
# other waits on the key's row and lands on the same receipt.
clean_pdf "$TMP/twice.pdf" twice
apply_form alice "$EXT_URL/apply?code=$CODE"
for i in 1 2; do
	curl -s -o /dev/null -D "$TMP/twice.$i" -b "$(_jar alice)" -H "Origin: $EXT_URL" \
		--form-string "csrf=$CSRF" --form-string "form_key=$FORM_KEY" --form-string "code=$CODE" \
		-F "m1=@$TMP/twice.pdf;type=application/pdf" "$EXT_URL/apply" &
done
wait
loc() { sed -n 's/^[Ll]ocation: *//p' "$1" | tr -d '\r'; }
t_like "two posts of one form at once both go to a receipt" "$(loc "$TMP/twice.1") $(loc "$TMP/twice.2")" \
	'^/receipt\?no=YW[0-9]{13}(&again=1)? /receipt\?no=YW[0-9]{13}(&again=1)?$'
t_is "the same one" "$(loc "$TMP/twice.1" | sed 's/&again=1$//')" \
	"$(loc "$TMP/twice.2" | sed 's/&again=1$//')"
t_is "one application for the two" "$(apps_of "$A_ID")" $((apps0 + 2))
t_is "no claim left behind by either" "$(tmp_left ext)" 0
http_upload alice "$EXT_URL/apply" "csrf=$CSRF" "code=$CODE" "m1=@$TMP/twice.pdf;type=application/pdf" >/dev/null
t_is "a form without its key is refused" "$HTTP_STATUS" 400
t_like "telling the applicant to look at 我的办件 first" "$HTTP_BODY" "先到「我的办件」查看"

# --- clamd unreachable: refused, never accepted unscanned ------------------------
clean_pdf "$TMP/unscanned.pdf" unscanned
files1=$(store_files ext)
apps1=$(apps_of "$A_ID")
mv "$TEST_VAR/ext/clamd/clamd.sock" "$TEST_VAR/ext/clamd/clamd.sock.away"
submit alice "$TMP/unscanned.pdf"
mv "$TEST_VAR/ext/clamd/clamd.sock.away" "$TEST_VAR/ext/clamd/clamd.sock"
t_is "clamd unreachable: the upload is refused with 503" "$HTTP_STATUS" 503
t_like "saying the virus check cannot be done now" "$HTTP_BODY" "暂时无法进行病毒检查，请稍后再提交"
t_is "and nothing was stored" "$(store_files ext) $(apps_of "$A_ID") $(tmp_left ext)" "$files1 $apps1 0"
KEY=$FORM_KEY
submit alice "$TMP/unscanned.pdf" "$KEY"
t_is "the same form goes through once clamd answers again" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"

# --- a failed insert leaves no file -----------------------------------------------
# A test-only trigger makes every attachment insert fail, after the files
# are stored and before the rows commit.
sql_ext "CREATE TRIGGER t_upload_fail BEFORE INSERT ON attachment FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'uploads.sh: forced failure'"
clean_pdf "$TMP/fails.pdf" fails
files2=$(store_files ext)
apps2=$(apps_of "$A_ID")
submit alice "$TMP/fails.pdf"
t_is "a submission whose insert fails is answered 500" "$HTTP_STATUS" 500
t_like "telling the applicant to look at 我的办件 first" "$HTTP_BODY" "请先到「我的办件」查看"
t_is "and leaves no new file, no row and nothing in tmp" \
	"$(store_files ext) $(apps_of "$A_ID") $(tmp_left ext)" "$files2 $apps2 0"
t_ok "its file is not in the store" not_in_store ext "$(sha_of "$TMP/fails.pdf")"
submit alice "$TMP/clean.pdf"
t_is "a failing submission of a file another application names" "$HTTP_STATUS" 500
t_ok "leaves that file where it is" in_store ext "$(sha_of "$TMP/clean.pdf")"
sql_ext "DROP TRIGGER t_upload_fail"

# --- kill -9 in the middle, then files-sweep -------------------------------------
# The insert sleeps; every worker is killed meanwhile.  The applicant gets
# the busy page, which must not say "not saved" but send them to 我的办件.
sql_ext "CREATE TRIGGER t_upload_slow BEFORE INSERT ON attachment FOR EACH ROW SET @uploads_sh = SLEEP(3)"
clean_pdf "$TMP/killed.pdf" killed
apply_form alice "$EXT_URL/apply?code=$CODE"
KEY=$FORM_KEY
curl -s -o "$TMP/killed.body" -w '%{http_code}' -b "$(_jar alice)" -H "Origin: $EXT_URL" \
	--form-string "csrf=$CSRF" --form-string "form_key=$KEY" --form-string "code=$CODE" \
	-F "m1=@$TMP/killed.pdf;type=application/pdf" "$EXT_URL/apply" >"$TMP/killed.status" &
curl_pid=$!
for _ in $(seq 1 50); do
	in_store ext "$(sha_of "$TMP/killed.pdf")" && break
	sleep 0.1
done
for p in $(pgrep -x yiwang.fcgi); do
	grep -qz "YIWANG_CONF=$TEST_VAR/ext/" "/proc/$p/environ" 2>/dev/null && kill -9 "$p"
done
wait "$curl_pid"
sql_ext "DROP TRIGGER t_upload_slow"
t_is "a worker killed mid-submission: the applicant gets 502" "$(cat "$TMP/killed.status")" 502
t_like "with the busy page, which sends them to 我的办件 first" "$(cat "$TMP/killed.body")" "我的办件"
t_unlike "and no longer claims nothing was saved" "$(cat "$TMP/killed.body")" "没有保存"
t_like "but that it may have been" "$(cat "$TMP/killed.body")" "可能已经保存"
t_ok "the killed request left its file in the store" in_store ext "$(sha_of "$TMP/killed.pdf")"
t_like "and its claim in tmp" "$(ls "$TEST_VAR/ext/files/tmp")" "^(up|claim)-"
for _ in $(seq 1 50); do
	http_get alice "$EXT_URL/my" >/dev/null
	[[ $HTTP_STATUS == 200 ]] && break
	sleep 0.2
done
t_is "no application was stored by it" "$(apps_of "$A_ID")" "$apps2"
out=$(admin_ext files-sweep 0)
t_like "files-sweep says what it removed" "$out" "附件清理完成.*临时文件 1 个"
t_ok "a file still claimed is kept by that sweep" in_store ext "$(sha_of "$TMP/killed.pdf")"
admin_ext files-sweep 0 >/dev/null
t_ok "the next sweep removes it, claimed by nobody and named by no row" \
	not_in_store ext "$(sha_of "$TMP/killed.pdf")"
t_is "nothing is left in tmp" "$(tmp_left ext)" 0
missing=$(sql_ext "SELECT sha256 FROM attachment UNION SELECT form_sha FROM item_material WHERE form_sha <> '' UNION SELECT sample_sha FROM item_material WHERE sample_sha <> ''" |
	while read -r s; do in_store ext "$s" || echo "$s"; done)
t_is "every file a row names is still in the store" "$missing" ""
# The applicant, sent to 我的办件, finds nothing and posts the same form again.
submit alice "$TMP/killed.pdf" "$KEY"
t_is "the same form posted again after the 502 is accepted" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
AGAIN=${HTTP_LOCATION#*=}
submit alice "$TMP/killed.pdf" "$KEY"
t_is "and once more lands on that receipt" "$HTTP_LOCATION" "/receipt?no=$AGAIN&again=1"

# --- files-sweep keeps what is young --------------------------------------------
printf 'an old orphan\n' >"$TMP/orphan-old"
printf 'a young orphan\n' >"$TMP/orphan-young"
put() { local s; s=$(sha_of "$1"); mkdir -p "$TEST_VAR/ext/files/${s:0:2}/${s:2:2}"; cp "$1" "$TEST_VAR/ext/files/${s:0:2}/${s:2:2}/$s"; }
put "$TMP/orphan-old"
touch "$TEST_VAR/ext/files/tmp/up-OLDxyz"
mkdir -p "$TEST_VAR/ext/files/tmp/stage-99999" && touch "$TEST_VAR/ext/files/tmp/stage-99999/x"
sleep 3
put "$TMP/orphan-young"
touch "$TEST_VAR/ext/files/tmp/up-NEWxyz"
admin_ext files-sweep 2 >/dev/null
t_ok "files-sweep removes an orphan older than the grace" not_in_store ext "$(sha_of "$TMP/orphan-old")"
t_ok "and keeps a younger one" in_store ext "$(sha_of "$TMP/orphan-young")"
t_is "it removes old tmp entries (an import's stage too) and keeps young ones" \
	"$(ls "$TEST_VAR/ext/files/tmp")" "up-NEWxyz"
rm -f "$TEST_VAR/ext/files/tmp/up-NEWxyz"
s=$(sha_of "$TMP/orphan-young") && rm -f "$TEST_VAR/ext/files/${s:0:2}/${s:2:2}/$s"

# --- the quota --------------------------------------------------------------------
B_ID=$(idno 15250219921103003)
citizen bob "$B_ID" 图雅
clean_pdf "$TMP/daily.pdf" daily
ok=0
for i in $(seq 1 20); do
	submit bob "$TMP/daily.pdf"
	[[ $HTTP_STATUS == 303 ]] && ok=$((ok + 1))
done
t_is "20 applications in a day are accepted" "$ok" 20
clean_pdf "$TMP/21st.pdf" 21st
submit bob "$TMP/21st.pdf"
t_is "the 21st is refused with 429" "$HTTP_STATUS" 429
t_like "saying the limit and when it resets" "$HTTP_BODY" "每个账号每天 20 件的上限。明天（北京时间 0 点以后）可以再提交"
t_is "and stores nothing" "$(apps_of "$B_ID") $(tmp_left ext)" "20 0"
t_ok "not even its file" not_in_store ext "$(sha_of "$TMP/21st.pdf")"
t_is "the count is kept per account and day" \
	"$(sql_ext "SELECT apps FROM submit_quota WHERE citizen_id = $(citizen_of "$B_ID")")" 20

# --- blank forms and samples are vetted as uploads are (item-load) ---------------
# yiwang-admin item-load (and the demo load) put an item's forms into the
# intranet's store: each judged by files_vet() (type, PDF active content,
# clamd) and stored through files_put(), never over a file in the store.
LCODE=152502-YB-UP-$$
mkdir -p "$TMP/load/items" "$TMP/load/forms"
# load_item FORM SAMPLE: item-load a copy of a demo item (code $LCODE)
# whose form and sample are the files FORM and SAMPLE (in $TMP/load/forms).
load_item() {
	sed -e "s/\"152502-YB-GG-002\"/\"$LCODE\"/" \
		-e "s/\"跨省异地就医登记备案表.pdf\"/\"$1\"/" \
		-e "s/\"跨省异地就医登记备案表-填写示例.pdf\"/\"$2\"/" \
		"$ROOT/db/demo/items/ybj-002.json" >"$TMP/load/items/item.json"
	admin_int item-load "$TMP/load/items/item.json" >"$TMP/load/out" 2>&1
}
drafts() { sql_int "SELECT COUNT(*) FROM item WHERE code = '$LCODE'"; }
inode_int() { stat -c %i "$TEST_VAR/int/files/${1:0:2}/${1:2:2}/$1"; }
cp "$ROOT/db/demo/forms/跨省异地就医登记备案表-填写示例.pdf" "$TMP/load/forms/demo.pdf"
DEMO_SHA=$(sha_of "$TMP/load/forms/demo.pdf")
t_ok "the demo's sample is in the intranet's store" in_store int "$DEMO_SHA"
DEMO_INODE=$(inode_int "$DEMO_SHA")
clean_pdf "$TMP/load/forms/new.pdf" newform
cp "$TMP/js-open.pdf" "$TMP/eicar.pdf" "$TMP/load/forms/"
files3=$(store_files int)
rc=0; load_item demo.pdf js-open.pdf || rc=$?
t_is "item-load: a sample with JavaScript is refused" "$rc $(drafts)" "1 0"
t_like "saying which file and what to do" "$(cat "$TMP/load/out")" \
	"js-open.pdf：含有脚本（JavaScript），没有载入。请换成合格的 PDF 文件"
t_is "nothing of it is stored, nothing left in tmp" "$(store_files int) $(tmp_left int)" "$files3 0"
t_is "the form already in the store was not replaced (its inode is the same)" \
	"$(inode_int "$DEMO_SHA")" "$DEMO_INODE"
rc=0; load_item eicar.pdf demo.pdf || rc=$?
t_is "item-load: the EICAR test file in a form is refused" "$rc $(drafts)" "1 0"
t_like "by the intranet's clamd" "$(cat "$TMP/load/out")" "eicar.pdf：发现病毒（Yiwang.Test.EICAR"
mv "$TEST_VAR/int/clamd/clamd.sock" "$TEST_VAR/int/clamd/clamd.sock.away"
rc=0; load_item new.pdf demo.pdf || rc=$?
mv "$TEST_VAR/int/clamd/clamd.sock.away" "$TEST_VAR/int/clamd/clamd.sock"
t_is "item-load with clamd unreachable is refused" "$rc $(drafts)" "1 0"
t_like "saying to start clamd first" "$(cat "$TMP/load/out")" \
	"暂时无法进行病毒检查.*请启动本站的病毒扫描服务 clamd"
t_is "and stores nothing" "$(store_files int) $(tmp_left int)" "$files3 0"
sql_int "CREATE TRIGGER t_load_fail BEFORE INSERT ON item_material FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'uploads.sh: forced failure'"
rc=0; load_item new.pdf demo.pdf || rc=$?
sql_int "DROP TRIGGER t_load_fail"
t_is "item-load whose rows fail to commit fails" "$rc $(drafts)" "1 0"
t_ok "and takes back the form it stored" not_in_store int "$(sha_of "$TMP/load/forms/new.pdf")"
t_is "but not the one rows name, nor anything in tmp" \
	"$(inode_int "$DEMO_SHA") $(tmp_left int)" "$DEMO_INODE 0"
rc=0; load_item new.pdf demo.pdf || rc=$?
t_is "a clean form and sample are loaded as a draft" "$rc $(drafts)" "0 1"
t_ok "the new form is in the store" in_store int "$(sha_of "$TMP/load/forms/new.pdf")"
t_is "named by the draft's material" \
	"$(sql_int "SELECT m.form_sha, m.sample_sha FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$LCODE'")" \
	"$(sha_of "$TMP/load/forms/new.pdf")	$DEMO_SHA"
t_is "the stored sample is the same file as before, and no claim is left" \
	"$(inode_int "$DEMO_SHA") $(tmp_left int)" "$DEMO_INODE 0"

# --- the intranet scans again when it adopts a bundle's files --------------------
# An extranet whose signatures are older than the intranet's lets a file
# through that the intranet knows to be malware: the case the second scan
# exists for.  Made here by taking the EICAR signature from the extranet's
# clamd for one upload (its scan still runs and answers "clean").
clamd_reload() { # SITE EXPECTED-EXIT-OF-scan-check
	local i rc
	printf 'zRELOAD\0' | socat -t 5 - "UNIX-CONNECT:$TEST_VAR/$1/clamd/clamd.sock" >/dev/null
	for i in $(seq 1 100); do
		rc=0
		"$BUILD/yiwang-admin" -c "$TEST_VAR/$1/yiwang.conf" scan-check >/dev/null 2>&1 || rc=$?
		((rc == $2)) && return 0
		sleep 0.1
	done
	return 1
}
# Everything pending crosses first, so the next bundle holds only this.
if b=$(gap_ext export 2>/dev/null | tail -n 1) && [[ -f $b ]]; then gap_int import "$b" >/dev/null; fi
sigs=$TEST_VAR/ext/clamav
mv "$sigs/yiwang-test.ndb" "$TMP/yiwang-test.ndb"
printf 'Yiwang.Test.Nothing:0:*:%s\n' "$(printf 'no upload holds this %s' "$RANDOM$RANDOM" | od -An -tx1 | tr -d ' \n')" >"$sigs/nothing.ndb"
t_ok "the extranet's clamd is made to miss EICAR" clamd_reload ext 2
submit alice "$TMP/eicar.pdf"
t_is "so the EICAR PDF is accepted there" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
VIRUS_APP=${HTTP_LOCATION#*=}
rm -f "$sigs/nothing.ndb"
mv "$TMP/yiwang-test.ndb" "$sigs/yiwang-test.ndb"
t_ok "and the extranet's clamd knows EICAR again" clamd_reload ext 0
B=$(gap_ext export 2>/dev/null | tail -n 1)
t_ok "the bundle with it is exported" test -f "$B"
out=$(gap_int import "$B" 2>&1); rc=$?
t_is "the intranet refuses it at adoption: a security alert (exit 4)" "$rc" 4
t_like "naming the virus" "$out" "发现病毒（Yiwang.Test.EICAR.UNOFFICIAL）"
t_is "no case was made from it" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no = '$VIRUS_APP'")" 0
t_ok "its file is not in the intranet's store" not_in_store int "$(sha_of "$TMP/eicar.pdf")"
t_is "and nothing is left staged" "$(tmp_left int)" 0
# Put the test stack's gap back in step for the scripts after this one: the
# extranet forgets that bundle (an operator would need a tool for this, and
# the application set aside on the intranet: not built yet).
# (Its outbox record is sealed, SEC-5: it is the newest application's.)
seq=$(sql_ext "SELECT bundle_seq FROM gap_outbox WHERE kind = 'application' ORDER BY id DESC LIMIT 1")
sql_ext "DELETE FROM gap_outbox WHERE bundle_epoch = (SELECT epoch FROM gap_lock) AND bundle_seq = $seq; DELETE FROM gap_out WHERE epoch = (SELECT epoch FROM gap_lock) AND seq = $seq"
rm -f "$B"

t_done
