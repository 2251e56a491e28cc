#!/usr/bin/env bash
# enterprise.sh (ACC-1, ACC-3; issue #10 "Identities"): enterprises (法人)
# registered by their legal representative under a unified social credit
# code checked per GB 32100; the persons they let act for them; an
# application made in an enterprise's name reaching the intranet with the
# enterprise as applicant; details filled once and earlier files offered
# again.  Each check fails on the code before it:
# - a wrong check character, a wrong entity-type character, a division
#   GB/T 2260 never had: refused with what to check, nothing stored;
# - a code registered before: the same page, the first row unchanged;
# - a grant by ID number and a name that does not match: refused; granted,
#   the person applies for the enterprise and sees its cases; someone with
#   no right is refused (403) and does not see them (404); revoked, the
#   right is gone;
# - the application record carries the enterprise across the gap, the
#   clerk reads 申请人：企业（统一社会信用代码 …），经办人：某某;
# - the next form of the same item offers the remark and the files of the
#   enterprise's earlier application; one chosen instead of an upload is
#   stored once, named by both applications, and crosses the gap like an
#   upload; someone else's file, by its id, is refused.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001		# 食品经营许可, 市场监督管理局
PW='Caoyuan-2026!'
REP=$(test_id 21) STAFF=$(test_id 22) OTHER=$(test_id 23)

# This run's codes: a 企业 of 锡林浩特市 (152502), its organisation code
# from the pid.
ORG=$(printf 'MA%07d' $(($$ % 10000000)))
GOOD=$(credit_code "91152502${ORG}")
BADCHECK=${GOOD:0:17}$([[ ${GOOD:17} == 0 ]] && echo 1 || echo 0)
BADTYPE=$(credit_code "94152502${ORG}")
BADREGION=$(credit_code "91990000${ORG}")
ENT=锡林浩特市宝力根乳品有限公司$$

citizen() {	# JAR IDNO NAME: registered (as the hall would) and logged in
	local csrf
	YIWANG_PASSWORD=$PW admin_ext citizen-add "$2" "$3" 13904791234 >/dev/null
	csrf=$(http_get "$1" "$EXT_URL/login" | csrf_from)
	http_post "$1" "$EXT_URL/login" "csrf=$csrf" "id_number=$2" "password=$PW" "next=/my" >/dev/null
}
ext_post() {	# JAR PATH FORM-PAGE k=v…: with the CSRF token of FORM-PAGE
	local jar=$1 path=$2 page=$3 csrf
	shift 3
	csrf=$(http_get "$jar" "$EXT_URL$page" | csrf_from)
	http_post "$jar" "$EXT_URL$path" "csrf=$csrf" "$@" >/dev/null
}
register() {	# JAR k=v…
	local jar=$1
	shift
	ext_post "$jar" /enterprise/register /enterprise/register "$@"
}
section() { sed -n '/<section class="form-page">/,/<\/section>/p' <<<"$HTTP_BODY"; }
ent_row() { sql_ext "SELECT CONCAT_WS('|', name, address, legal_rep_id) FROM enterprise WHERE credit_code = '$1'"; }
# apply JAR QUERY k=v…: a fresh form of the item (GET /apply?QUERY), sent
# with the fields given; sets HTTP_*.
apply() {
	local jar=$1 q=$2
	shift 2
	apply_form "$jar" "$EXT_URL/apply?$q"
	FORM=$HTTP_BODY
	http_upload "$jar" "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "$@" >/dev/null
}

# The day's counts of registrations start here (a suite run earlier
# today registered from this address too).
sql_ext "DELETE FROM throttle_miss"
citizen rep "$REP" 图雅
citizen staff "$STAFF" 斯琴
citizen other "$OTHER" 额尔敦
REP_ID=$(citizen_of "$REP") STAFF_ID=$(citizen_of "$STAFF")
t_pdf "$TMP/a.pdf"
mapfile -t UPLOADS < <(required_uploads "$CODE" "$TMP/a.pdf")
for ((i = 0; i < ${#UPLOADS[@]}; i++)); do UPLOADS[i]+=';type=application/pdf'; done

# --- registration ------------------------------------------------------------
http_get anon "$EXT_URL/enterprise/register" >/dev/null
t_is "registering an enterprise needs a person logged in" "$HTTP_STATUS" 303
http_get rep "$EXT_URL/enterprise/register" >/dev/null
t_like "the form names the person as legal representative" "$HTTP_BODY" '图雅（您本人'
register rep "credit_code=$BADCHECK" "name=$ENT" "address=锡林浩特市宝力根苏木" confirm=1
t_is "a wrong check character: 422" "$HTTP_STATUS" 422
t_like "saying to check the last character" "$(alert_text)" '最后一位（校验码）'
register rep "credit_code=$BADTYPE" "name=$ENT" "address=锡林浩特市宝力根苏木" confirm=1
t_is "an entity type 工商 does not register (9 then 4), its check right: 422" "$HTTP_STATUS" 422
t_like "saying it is the second character" "$(alert_text)" '第 2 位（机构类别代码）'
register rep "credit_code=$BADREGION" "name=$ENT" "address=锡林浩特市宝力根苏木" confirm=1
t_is "a division no GB/T 2260 had (9900): 422" "$HTTP_STATUS" 422
t_like "saying it is characters 3 to 8" "$(alert_text)" '第 3 至 8 位'
t_like "what was typed is kept" "$HTTP_BODY" "value=\"$BADREGION\""
register rep "credit_code=$GOOD" "name=$ENT" "address=锡林浩特市宝力根苏木"
t_is "without the legal representative's confirmation: 422" "$HTTP_STATUS" 422
t_is "none of them stored" "$(sql_ext "SELECT COUNT(*) FROM enterprise WHERE credit_code IN ('$BADCHECK', '$BADTYPE', '$BADREGION', '$GOOD')")" 0
register rep "credit_code=${GOOD,,}" "name=$ENT" "address=锡林浩特市宝力根苏木巴彦锡勒路 6 号" confirm=1
t_is "a good code (typed in lower case): 200" "$HTTP_STATUS" 200
FIRST=$(section)
t_like "the answer" "$FIRST" '企业登记信息已提交'
t_is "stored in upper case, the person its legal representative" "$(ent_row "$GOOD")" "$ENT|锡林浩特市宝力根苏木巴彦锡勒路 6 号|$REP_ID"
register other "credit_code=$GOOD" "name=冒名公司" "address=别处" confirm=1
t_is "the same code again by someone else: 200" "$HTTP_STATUS" 200
t_is "the very same answer" "$(section)" "$FIRST"
t_is "the first registration unchanged" "$(ent_row "$GOOD")" "$ENT|锡林浩特市宝力根苏木巴彦锡勒路 6 号|$REP_ID"
t_is "both audited, the second as unchanged" \
	"$(sql_ext "SELECT GROUP_CONCAT(detail ORDER BY id SEPARATOR ' ') FROM audit WHERE action = 'enterprise.register' AND object = '$GOOD'")" \
	'{"enterprise":"new"} {"enterprise":"exists, unchanged"}'
http_get other "$EXT_URL/enterprise?code=$GOOD" >/dev/null
t_is "the other person does not reach it: 404" "$HTTP_STATUS" 404
http_get rep "$EXT_URL/my" >/dev/null
t_like "the legal representative's account lists it with the role" "$HTTP_BODY" "$ENT</a> <span class=\"small muted\">法定代表人"
http_get rep "$EXT_URL/enterprise?code=$GOOD" >/dev/null
t_like "its page: code and type" "$HTTP_BODY" "$GOOD</span> · 企业"

# --- staff -------------------------------------------------------------------
ext_post rep /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=$STAFF" name=斯勤 r_apply=1 r_view=1
t_is "a grant whose name does not match the ID number: 422" "$HTTP_STATUS" 422
t_like "saying both must match" "$(alert_text)" '姓名和身份证号码都相符'
ext_post other /enterprise/grant "/my" "code=$GOOD" "id_number=$OTHER" name=额尔敦 r_apply=1 r_view=1
t_is "someone without a right cannot grant: 404" "$HTTP_STATUS" 404
ext_post rep /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=${STAFF,,}" name=斯琴 r_apply=1 r_view=1
t_is "granted apply and view: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /enterprise?code=$GOOD&done=grant"
t_is "stored with those rights" "$(sql_ext "SELECT rights FROM enterprise_staff e JOIN enterprise x ON x.id = e.enterprise_id WHERE x.credit_code = '$GOOD' AND e.citizen_id = $STAFF_ID")" 3
http_get staff "$EXT_URL/my" >/dev/null
t_like "the person's account lists it with the rights" "$HTTP_BODY" "$ENT</a> <span class=\"small muted\">经办人：以企业名义申请、查看企业办件"
ext_post staff /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=$OTHER" name=额尔敦 r_apply=1
t_is "without the staff right they cannot grant: 403" "$HTTP_STATUS" 403
ext_post rep /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=$STAFF" name=斯琴 r_view=1 r_staff=1
ext_post staff /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=$OTHER" name=额尔敦 r_apply=1
t_is "a manager of staff without the apply right cannot pass it on: 422" "$HTTP_STATUS" 422
t_like "saying so" "$(alert_text)" '只能授予自己拥有的权限'
t_is "nothing granted" "$(sql_ext "SELECT COUNT(*) FROM enterprise_staff WHERE citizen_id = $(citizen_of "$OTHER")")" 0
ext_post rep /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=$STAFF" name=斯琴 r_apply=1 r_view=1

# --- an application in the enterprise's name ---------------------------------
apply_form staff "$EXT_URL/apply?code=$CODE"
t_like "the form offers the enterprise" "$HTTP_BODY" "as=$GOOD\">以${ENT}名义办理"
apply staff "code=$CODE&as=$GOOD" "as=$GOOD" "remark=扩建乳品加工车间，新增巴氏杀菌乳生产线。" "${UPLOADS[@]}"
t_like "the enterprise's form shows it as applicant" "$FORM" "<dd class=\"mono\">$GOOD</dd>"
t_like "and the person's own details filled in, as 经办人" "$FORM" '<legend>经办人信息</legend>'
t_like "their name from the account" "$FORM" '<dt>姓名</dt><dd>斯琴</dd>'
t_is "submitted: 303 to the receipt" "${HTTP_STATUS} ${HTTP_LOCATION%%=*}" "303 /receipt?no"
APP=${HTTP_LOCATION#*=}
t_is "the application: the enterprise applies, the person made it" \
	"$(sql_ext "SELECT CONCAT_WS('|', citizen_id, entity_name, credit_code, enterprise_id = (SELECT id FROM enterprise WHERE credit_code = '$GOOD')) FROM application WHERE app_no = '$APP'")" \
	"$STAFF_ID|$ENT|$GOOD|1"
http_get staff "$EXT_URL/receipt?no=$APP" >/dev/null
t_like "the receipt names the enterprise as applicant" "$HTTP_BODY" "申请人</th><td>$ENT（统一社会信用代码"
apply other "code=$CODE&as=$GOOD" "as=$GOOD" "${UPLOADS[@]}"
t_is "someone without the right cannot apply for it: 403" "$HTTP_STATUS" 403
t_is "and nothing was stored" "$(sql_ext "SELECT COUNT(*) FROM application WHERE credit_code = '$GOOD'")" 1
http_get rep "$EXT_URL/app?no=$APP" >/dev/null
t_is "the legal representative sees the enterprise's case" "$HTTP_STATUS" 200
ext_post rep /app/withdraw "/app?no=$APP" "no=$APP" confirm=1
t_is "but only the 经办人 who made it withdraws it: 403" "$HTTP_STATUS" 403
t_is "and it is not withdrawn" "$(sql_ext "SELECT withdraw_at IS NULL FROM application WHERE app_no = '$APP'")" 1
http_get rep "$EXT_URL/enterprise?code=$GOOD" >/dev/null
t_like "listed on the enterprise's page with its 经办人" "$(row "$APP")" '<td data-label="经办人">斯琴</td>'
http_get other "$EXT_URL/app?no=$APP" >/dev/null
t_is "someone else does not: 404" "$HTTP_STATUS" 404

carry ext int
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
t_like "the case reached the intranet" "$CASE" '^[0-9]+$'
t_is "with the enterprise as applicant, the person as 经办人" \
	"$(sql_int "SELECT CONCAT_WS('|', entity_name, credit_code, applicant_name) FROM kase WHERE id = $CASE")" \
	"$ENT|$GOOD|斯琴"
staff_login clerk sarengaowa
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the clerk reads 申请人：企业（统一社会信用代码 …）" "$HTTP_BODY" "<dt>申请人</dt><dd>$ENT（统一社会信用代码 <span class=\"mono\">$GOOD</span>）"
t_like "and 经办人：the person" "$HTTP_BODY" '<dt>经办人</dt><dd>斯琴</dd>'
# Its notices are addressed to the enterprise, the person its 经办人, in
# the text the seal signs (docs/seal.md).
case_post clerk /case/act action=accept
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'accept'")
t_like "the 受理通知书's signed text names the enterprise" \
	"$(sql_int "SELECT body FROM document WHERE doc_no = '$DOC'")" "\"credit_code\":\"$GOOD\",.*\"entity_name\":\"$ENT\""
TO="<p class=\"doc-to\">$ENT（统一社会信用代码 $GOOD）：</p>"
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "addressed to the enterprise" "$HTTP_BODY" "$TO"
t_like "its 经办人 under it" "$HTTP_BODY" '（企业经办人：斯琴）'
carry int ext
http_get staff "$EXT_URL/doc?no=$DOC" >/dev/null
t_like "the extranet's copy too" "$HTTP_BODY" "$TO"
t_like "under a seal that verifies" "$HTTP_BODY" 'class="doc-sign sealed"'
sql_ext "UPDATE document SET body = REPLACE(body, '$GOOD', '$BADCHECK') WHERE doc_no = '$DOC'"
http_get staff "$EXT_URL/doc?no=$DOC" >/dev/null
t_unlike "another credit code in the stored text: the seal no longer verifies" "$HTTP_BODY" 'class="doc-sign sealed"'
sql_ext "UPDATE document SET body = REPLACE(body, '$BADCHECK', '$GOOD') WHERE doc_no = '$DOC'"
http_get staff "$EXT_URL/my" >/dev/null
t_like "the person's 我的办件 shows the enterprise as applicant" "$(row "$APP")" "申请人：$ENT"

# --- details filled once, offered again (ACC-3) -------------------------------
apply_form staff "$EXT_URL/apply?code=$CODE&as=$GOOD"
t_like "the next form fills in the enterprise's last remark of the item" "$(textarea_value "$HTTP_BODY" remark)" '扩建乳品加工车间'
mapfile -t SEQS < <(sql_ext "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.status='published' AND m.required=1")
REUSE=()
for s in "${SEQS[@]}"; do
	id=$(sql_ext "SELECT id FROM attachment WHERE app_no = '$APP' AND material_seq = $s")
	t_like "material $s is offered again, its earlier file chosen" "$HTTP_BODY" "name=\"r$s\" value=\"$id\" checked"
	REUSE+=("r$s=$id")
done
apply_form staff "$EXT_URL/apply?code=$CODE"
t_unlike "the person's own form does not offer the enterprise's files" "$HTTP_BODY" 'name="r[0-9]*" value="[0-9]'
apply staff "code=$CODE&as=$GOOD" "as=$GOOD" "${REUSE[@]}"
t_is "submitted with the earlier files and no upload: 303" "${HTTP_STATUS} ${HTTP_LOCATION%%=*}" "303 /receipt?no"
APP2=${HTTP_LOCATION#*=}
t_is "each names the same file as the first application's" \
	"$(sql_ext "SELECT COUNT(*) FROM attachment a JOIN attachment b ON b.sha256 = a.sha256 AND b.material_seq = a.material_seq WHERE a.app_no = '$APP2' AND b.app_no = '$APP'")" \
	"${#SEQS[@]}"
apply other "code=$CODE" "${REUSE[@]}"
t_is "someone else naming those files by id: 422" "$HTTP_STATUS" 422
t_like "told to upload" "$(alert_text)" '以前提交过的文件不能使用，请重新上传'
carry ext int
t_is "the second application arrived with its files" \
	"$(sql_int "SELECT COUNT(*) FROM attachment WHERE app_no = '$APP2'")" "${#SEQS[@]}"
SHA=$(sql_int "SELECT sha256 FROM attachment WHERE app_no = '$APP2' LIMIT 1")
t_ok "the file is in the intranet's store" test -f "$TEST_VAR/int/files/${SHA:0:2}/${SHA:2:2}/$SHA"
t_is "its case names the enterprise too" "$(sql_int "SELECT credit_code FROM kase WHERE app_no = '$APP2'")" "$GOOD"

# --- revoked -----------------------------------------------------------------
ext_post rep /enterprise/revoke "/enterprise?code=$GOOD" "code=$GOOD" "person=$STAFF_ID"
t_is "revoked: 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /enterprise?code=$GOOD&done=revoke"
http_get staff "$EXT_URL/enterprise?code=$GOOD" >/dev/null
t_is "the person no longer reaches the enterprise: 404" "$HTTP_STATUS" 404
apply staff "code=$CODE&as=$GOOD" "as=$GOOD" "${UPLOADS[@]}"
t_is "nor applies in its name: 403" "$HTTP_STATUS" 403
ext_post rep /enterprise/revoke "/enterprise?code=$GOOD" "code=$GOOD" "person=$STAFF_ID"
t_is "revoking again: 409" "$HTTP_STATUS" 409
t_is "grant and revocation audited" \
	"$(sql_ext "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE object = '$GOOD' AND action IN ('enterprise.grant', 'enterprise.revoke')")" \
	'enterprise.grant,enterprise.grant,enterprise.grant,enterprise.revoke'

# --- the hall's claim ---------------------------------------------------------
OTHER_ID=$(citizen_of "$OTHER")
ext_post rep /enterprise/grant "/enterprise?code=$GOOD" "code=$GOOD" "id_number=$STAFF" name=斯琴 r_view=1
UNREG=$(credit_code "91152502MB${ORG:2}")
if admin_ext enterprise-claim "$UNREG" 某公司 某地 "$OTHER" >/dev/null 2>&1; then
	t_fail "a code nobody registered cannot be claimed"
else
	t_pass "a code nobody registered cannot be claimed"
fi
t_ok "the hall, having seen licence and ID card, gives the enterprise to its real representative" \
	admin_ext enterprise-claim "${GOOD,,}" "$ENT" 锡林浩特市宝力根苏木 "$OTHER"
t_is "the enterprise is theirs, with the licence's address" "$(ent_row "$GOOD")" "$ENT|锡林浩特市宝力根苏木|$OTHER_ID"
t_is "the grants the former registrant made are gone" "$(sql_ext "SELECT COUNT(*) FROM enterprise_staff s JOIN enterprise e ON e.id = s.enterprise_id WHERE e.credit_code = '$GOOD'")" 0
http_get rep "$EXT_URL/enterprise?code=$GOOD" >/dev/null
t_is "the former registrant no longer reaches it: 404" "$HTTP_STATUS" 404
http_get other "$EXT_URL/enterprise?code=$GOOD" >/dev/null
t_like "the real representative does" "$HTTP_BODY" '法定代表人（全部权限）'
t_is "audited as the operator's" "$(sql_ext "SELECT detail FROM audit WHERE action = 'enterprise.claim' AND object = '$GOOD'")" \
	"{\"from\":\"citizen:$REP_ID\",\"to\":\"citizen:$OTHER_ID\"}"

# --- the seam for the SMS check (db/041's state) --------------------------------
sql_ext "UPDATE citizen SET state = 'unverified' WHERE id = $STAFF_ID"
register staff "credit_code=$(credit_code "93152502${ORG}")" name=锡林浩特市某合作社 address=锡林浩特市 confirm=1
t_is "an account in a state not accepted (rep_states, enterprise.c) registers nothing: 422" "$HTTP_STATUS" 422
t_like "saying why" "$(alert_text)" '还没有完成实名核验'
sql_ext "UPDATE citizen SET state = 'registered' WHERE id = $STAFF_ID"

# --- the day's registrations are limited (ACC-1) --------------------------------
# rep has registered 1 and other 1 so far (refused forms do not count).
seq_code() { credit_code "92152502MC$(printf '%05d%02d' $(($$ % 100000)) "$1")"; }
for n in 1 2 3 4; do
	register rep "credit_code=$(seq_code "$n")" "name=锡林浩特市某某牧户$n" address=锡林浩特市 confirm=1
done
t_is "a person's fifth registration of the day: 200" "$HTTP_STATUS" 200
register rep "credit_code=$(seq_code 5)" name=锡林浩特市第六户 address=锡林浩特市 confirm=1
t_is "the sixth: 429" "$HTTP_STATUS" 429
t_like "saying the account's limit and when to come back" "$(alert_text)" '您的账户今天登记企业的次数已达 5 次的上限，请明天再试'
t_like "the form kept" "$HTTP_BODY" "value=\"$(seq_code 5)\""
t_is "not stored" "$(sql_ext "SELECT COUNT(*) FROM enterprise WHERE credit_code = '$(seq_code 5)'")" 0
FOURTH=$(test_id 24) FIFTH=$(test_id 25)
citizen fourth "$FOURTH" 乌日娜
citizen fifth "$FIFTH" 其其格
n=10	# other has 1, and 4 more; staff and fourth 5 each: 20 in all
for jar in other other other other staff staff staff staff staff \
    fourth fourth fourth fourth fourth; do
	n=$((n + 1))
	register "$jar" "credit_code=$(seq_code "$n")" "name=锡林浩特市某某牧户$n" address=锡林浩特市 confirm=1
done
t_is "the address's 20th registration of the day: 200" "$HTTP_STATUS" 200
n=$((n + 1))
register fifth "credit_code=$(seq_code "$n")" "name=锡林浩特市某某牧户$n" address=锡林浩特市 confirm=1
t_is "the 21st from the same address, by a fresh account: 429" "$HTTP_STATUS" 429
t_like "saying the address's limit" "$(alert_text)" '从您的网络地址今天登记企业的次数已达 20 次的上限'
t_is "the 21st not stored" "$(sql_ext "SELECT COUNT(*) FROM enterprise WHERE credit_code = '$(seq_code "$n")'")" 0

# --- the demo county's enterprises -------------------------------------------
t_is "the demo's dairy has its legal representative" \
	"$(sql_ext "SELECT e.legal_rep_id = c.id FROM enterprise e, citizen c WHERE e.credit_code = '91152502MA0N3K7P83' AND c.id = $(citizen_of 152502199003150027)")" 1

t_done
