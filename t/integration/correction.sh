#!/usr/bin/env bash
# correction.sh (EXT-4, INT-2; issue #7 "补正 is one-time"): the clerk at
# intake names every missing or defective material with its reason in one
# 补正材料通知书; the case leaves the worklists and no clock runs for it;
# the applicant sees exactly that list on the extranet and uploads only
# those, once; across the gap the case waits at intake again, its clocks
# from the corrected submission, the corrected files in place of the first
# (which are kept).  A second 补正 is refused; so is a second upload.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
IDNO=152502199003150027
wd() { admin_int workdays "$@" 2>/dev/null; }
correct() {	# k=v… (as the clerk)
	local csrf
	csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
	http_post clerk "$INT_URL/case/correct" "csrf=$csrf" "id=$CASE" "$@" >/dev/null
}
upload() {	# FILE-ARGS… (as the applicant)
	local csrf
	csrf=$(http_get cit "$EXT_URL/app?no=$APP" | csrf_from)
	http_upload cit "$EXT_URL/app/correct" "csrf=$csrf" "no=$APP" "$@" >/dev/null
}

CASE=$(case_from_ext "$CODE")
t_like "a case from the extranet" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
ITEM=$(sql_int "SELECT item_id FROM kase WHERE id = $CASE")
mapfile -t SEQS < <(sql_int "SELECT seq FROM item_material WHERE item_id = $ITEM ORDER BY seq")
S1=${SEQS[0]} S2=${SEQS[1]}
N1=$(sql_int "SELECT name FROM item_material WHERE item_id = $ITEM AND seq = $S1")
N2=$(sql_int "SELECT name FROM item_material WHERE item_id = $ITEM AND seq = $S2")
carry int ext

# --- the clerk asks, once ----------------------------------------------------------
staff_login clerk sarengaowa
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the intake clerk is offered 补正" "$HTTP_BODY" 'action="/case/correct"'
t_like "listing every material of the item" "$HTTP_BODY" "name=\"c$S2\" value=\"1\"> $N2"
staff_login handler2 wangzhiqiang
http_get handler2 "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "a handler of a later step is not" "$HTTP_BODY" 'action="/case/correct"'
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post handler2 "$INT_URL/case/correct" "csrf=$csrf" "id=$CASE" "c$S1=1" "r$S1=看不清" >/dev/null
t_is "and is refused when posting it: 409" "$HTTP_STATUS" 409
correct
t_is "nothing ticked: 409" "$HTTP_STATUS" 409
t_like "saying what to do" "$HTTP_BODY" "请勾选需要补正的材料"
correct "c$S1=1" "r$S1="
t_is "a material without its reason: 409" "$HTTP_STATUS" 409
t_like "naming it" "$HTTP_BODY" "请写明「$N1」需要补正的原因"
correct "c$S1=1" "r$S1=$(printf '缺%.0s' $(seq 1 201))"
t_is "a reason of 201 characters: 422" "$HTTP_STATUS" 422
t_is "none of it stored" "$(sql_int "SELECT CONCAT(state, ' ', (SELECT COUNT(*) FROM case_correction WHERE case_id = $CASE))
	FROM kase WHERE id = $CASE")" "received 0"
correct "c$S1=1" "r$S1=营业执照复印件不清晰，请重新扫描。" "c$S2=1" "r$S2=缺少法定代表人签字。"
t_is "two materials with reasons: 303 back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=correct"
t_is "the case waits for the applicant" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" correcting
t_is "off every worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
t_is "the list kept, with the reasons" \
	"$(sql_int "SELECT GROUP_CONCAT(material_name, ':', reason ORDER BY material_seq SEPARATOR '|') FROM case_correction WHERE case_id = $CASE")" \
	"$N1:营业执照复印件不清晰，请重新扫描。|$N2:缺少法定代表人签字。"
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'correct'")
ABBR=$(sql_int "SELECT abbr FROM department WHERE code = 'SCJGJ'")
t_like "a 补正材料通知书 in its own series" "$DOC" "^${ABBR}补字〔[0-9]{4}〕[0-9]{4}号$"
t_is "audited" "$(sql_int "SELECT COUNT(*) FROM audit WHERE action = 'case.correct' AND object = '$APP'")" 1
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the notice reads as one" "$BODY" "补正材料通知书.*第三十二条第一款第（四）项.*一次性告知"
t_like "listing each material with its reason" "$BODY" "<td>$N1</td><td class=\"pre-line\">营业执照复印件不清晰，请重新扫描。</td>.*<td>$N2</td>"
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "the case offers no second 补正" "$HTTP_BODY" 'action="/case/correct"'
t_unlike "nor acceptance while it waits" "$HTTP_BODY" 'name="action" value="accept"'
t_like "and says what it waits for" "$HTTP_BODY" "等待申请人提交"
t_like "its intake step waits, not done" "$HTTP_BODY" 'stepper-state">等待补正<'
t_like "and the panel says why nothing can be done" "$HTTP_BODY" "本件正等待申请人补正材料"
t_unlike "without a clock that does not run" "$HTTP_BODY" "受理期限（5 个工作日"
correct "c$S1=1" "r$S1=再补一次"
t_is "a second 补正: 409" "$HTTP_STATUS" 409
t_like "saying it is once only" "$HTTP_BODY" "已经要求过一次补正"
http_get clerk "$INT_URL/inbox" >/dev/null
t_unlike "not in the clerk's 待办 (only in 已办)" "$(sed '/已办件/,$d' <<<"$HTTP_BODY")" ">$APP<"
INTAKE=$(sql_int "SELECT intake_due FROM kase WHERE id = $CASE")
admin_int --now "$(wd add "$INTAKE" 3) 10:00" tick >/dev/null
t_is "the tick does not deem a case that waits for its applicant accepted" \
	"$(sql_int "SELECT state FROM kase WHERE id = $CASE")" correcting

# --- the applicant answers, once ---------------------------------------------------
carry int ext
t_is "the extranet knows" "$(sql_ext "SELECT state FROM application WHERE app_no = '$APP'")" correcting
t_is "and the list" "$(sql_ext "SELECT GROUP_CONCAT(material_seq ORDER BY material_seq) FROM app_correction WHERE app_no = '$APP'")" "$S1,$S2"
csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees the list" "$HTTP_BODY" "<strong>$N2</strong>：<span class=\"pre-line\">缺少法定代表人签字。</span>"
t_like "a file for each, and only those" "$(grep -o 'type="file" name="m[0-9]*"' <<<"$HTTP_BODY" | tr '\n' ' ')" \
	"^type=\"file\" name=\"m$S1\" type=\"file\" name=\"m$S2\" $"
t_like "and the notice" "$HTTP_BODY" "补正材料通知书"
t_unlike "no date promised while the clock waits" "$HTTP_BODY" "预计办结日期"
t_pdf "$TMP/fixed1.pdf" "" "<</Producer(fixed one)>>"
t_pdf "$TMP/fixed2.pdf" "" "<</Producer(fixed two)>>"
printf 'not a pdf' >"$TMP/bad.txt"
upload "m$S1=@$TMP/fixed1.pdf;type=application/pdf"
t_is "one of two: 422" "$HTTP_STATUS" 422
t_like "naming what is missing" "$HTTP_BODY" "请上传「$N2」的补正材料"
upload "m$S1=@$TMP/fixed1.pdf;type=application/pdf" "m$S2=@$TMP/bad.txt;type=application/pdf"
t_is "a file that is not a PDF: 422" "$HTTP_STATUS" 422
t_like "saying so" "$HTTP_BODY" "「$N2」不是 PDF 文件"
t_is "nothing stored" "$(sql_ext "SELECT COUNT(*) FROM attachment WHERE app_no = '$APP' AND round = 1")" 0
upload "m$S1=@$TMP/fixed1.pdf;type=application/pdf" "m$S2=@$TMP/fixed2.pdf;type=application/pdf"
t_is "both: 303 back to the application" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=correct"
t_is "stored beside the first files" "$(sql_ext "SELECT COUNT(*) FROM attachment WHERE app_no = '$APP' AND round = 1")" 2
t_is "which stay" "$(sql_ext "SELECT COUNT(*) FROM attachment WHERE app_no = '$APP' AND round = 0")" \
	"$(sql_int "SELECT COUNT(*) FROM attachment WHERE app_no = '$APP' AND round = 0")"
http_get cit "$EXT_URL/app?no=$APP&done=correct" >/dev/null
t_like "the page says it is sent" "$HTTP_BODY" "您已于 .* 提交补正材料"
t_unlike "and offers no second upload" "$HTTP_BODY" 'action="/app/correct"'
t_like "the materials show the corrected files" "$HTTP_BODY" "$N1 <span class=\"badge st-correction\">补正件</span>"
upload "m$S1=@$TMP/fixed1.pdf;type=application/pdf" "m$S2=@$TMP/fixed2.pdf;type=application/pdf"
t_is "a second upload: 409" "$HTTP_STATUS" 409
t_like "once only" "$HTTP_BODY" "补正材料只能提交一次"
t_is "audited" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'application.correct' AND object = '$APP'")" 1

# --- back on the intranet --------------------------------------------------------
carry ext int
t_is "the case waits at intake again" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" received
CORR=$(sql_int "SELECT DATE(corrected_at + INTERVAL 8 HOUR) FROM kase WHERE id = $CASE")
t_is "the correction's submission carried" "$(sql_int "SELECT DATE_FORMAT(corrected_at, '%Y-%m-%d %H:%i:%s') FROM kase WHERE id = $CASE")" \
	"$(sql_ext "SELECT DATE_FORMAT(corrected_at, '%Y-%m-%d %H:%i:%s') FROM application WHERE app_no = '$APP'")"
t_is "intake: 5 working days from the correction" "$(sql_int "SELECT intake_due FROM kase WHERE id = $CASE")" "$(wd add "$CORR" 5)"
read -r PROM <<<"$(sql_int "SELECT promised_days FROM item WHERE id = $ITEM")"
t_is "promised: from the correction too" "$(sql_int "SELECT promised_due FROM kase WHERE id = $CASE")" "$(wd add "$CORR" "$PROM")"
t_is "back on the intake step's worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 1
t_is "the corrected files there" "$(sql_int "SELECT GROUP_CONCAT(material_seq ORDER BY material_seq) FROM attachment WHERE app_no = '$APP' AND round = 1")" "$S1,$S2"
http_get clerk "$INT_URL/inbox" >/dev/null
t_like "in the clerk's 待办 again" "$(sed '/已办件/,$d' <<<"$HTTP_BODY")" ">$APP<"
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page marks them" "$HTTP_BODY" "$N2 <span class=\"badge st-correction\">补正件</span>"
t_like "says when they came" "$HTTP_BODY" "申请人已于 .* 提交补正材料"
t_unlike "offers no second 补正" "$HTTP_BODY" 'action="/case/correct"'
t_like "but acceptance" "$HTTP_BODY" 'name="action" value="accept"'
http_get clerk "$INT_URL/file?id=$CASE&seq=$S1" >/dev/null
t_like "and the material opens as the corrected file" "$HTTP_BODY" "fixed one"
csrf=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" action=accept >/dev/null
t_is "accepted" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing

# --- withdrawn while it waits for corrections ---------------------------------------
CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
carry int ext
correct "c$S1=1" "r$S1=申请书未签字。"
carry int ext
csrf=$(http_get cit "$EXT_URL/app?no=$APP" | csrf_from)
http_post cit "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$APP" confirm=1 >/dev/null
t_is "the applicant may withdraw while asked to correct" "$HTTP_STATUS" 303
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_unlike "and is offered no upload then" "$HTTP_BODY" 'action="/app/correct"'
upload "m$S1=@$TMP/fixed1.pdf;type=application/pdf"
t_is "an upload after withdrawing: 409" "$HTTP_STATUS" 409
t_like "saying why" "$HTTP_BODY" "您已申请撤回这项申请"
carry ext int
t_is "the case ends, withdrawn" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" withdrawn
t_done
