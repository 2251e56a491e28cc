#!/usr/bin/env bash
# decision.sh (DOC-1, INT-10; issue #7 "Documents"): a decision to grant
# carries its substance: the item it grants, the scope the deciding step
# writes (许可范围) and, where the permit has one, the last day it is valid;
# a date that is no date or not after today is refused, and nothing is
# decided; the extranet's copy, checked again at the gap, says the same.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可: 受理 → 承办 → 批准 (分管领导)
IDNO=152502199003150027

staff_login clerk sarengaowa
staff_login handler wangzhiqiang
staff_login leader bateer
CASE=$(case_from_ext "$CODE")
t_like "a case" "$CASE" '^[0-9]+$'
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
case_post clerk /case/act action=accept
case_post handler /case/act action=sign verdict=agree "text=经营场所符合要求，同意。"
http_get leader "$INT_URL/case?id=$CASE" >/dev/null
t_like "the deciding step's form asks the scope" "$HTTP_BODY" 'name="scope"'
t_like "and the validity" "$HTTP_BODY" 'name="valid_until" type="date"'
case_post leader /case/act action=approve "text=符合条件。" scope=预包装食品销售 valid_until=2031-02-30
t_is "a day that is none: 409" "$HTTP_STATUS" 409
t_like "saying how to write it" "$HTTP_BODY" "有效期请按 年-月-日 填写"
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
case_post leader /case/act action=approve "text=符合条件。" scope=预包装食品销售 "valid_until=$TODAY"
t_is "today: 409" "$HTTP_STATUS" 409
t_like "it must be later" "$HTTP_BODY" "有效期应晚于今天"
case_post leader /case/act action=approve "text=符合条件。" "scope=$(printf '食%.0s' $(seq 1 201))" valid_until=2031-12-05
t_is "a scope of 201 characters: 422" "$HTTP_STATUS" 422
t_is "nothing decided" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" processing
case_post leader /case/act action=approve "text=符合条件，准予许可。" "scope=预包装食品销售（含冷藏冷冻食品），散装食品销售" valid_until=2031-12-05
t_is "granted with both: 303" "$HTTP_STATUS" 303
t_is "approved" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" approved
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'approve'")
http_get leader "$INT_URL/doc?no=$DOC" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the decision names what it grants" "$BODY" "许可事项</th><td>[^<]*食品经营许可"
t_like "its scope" "$BODY" "许可范围</th><td class=\"pre-line\">预包装食品销售（含冷藏冷冻食品），散装食品销售</td>"
t_like "and until when" "$BODY" "自本决定作出之日起至2031年12月5日止"
carry int ext
csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
http_get cit "$EXT_URL/doc?no=$DOC" >/dev/null
t_like "the applicant's copy says the same" "$(tr -d '\n' <<<"$HTTP_BODY")" "预包装食品销售（含冷藏冷冻食品），散装食品销售.*2031年12月5日"
sms_of() { # APP WHY: what the extranet queued to tell the applicant
	sql_ext "SELECT CONCAT(to_masked, ' ', shown) FROM sms_outbox WHERE app_no = '$1' AND why = '$2'"
}
t_like "carried, an SMS tells the applicant of the grant (INT-10, NTF-1)" "$(sms_of "$APP" approved)" \
	"^1[0-9]{2}\*{4}[0-9]{4} .*（申请编号 $APP）.*已作出准予许可决定"

# A decision without a validity does not invent one.
C2=$(case_from_ext "$CODE")
CASE=$C2
case_post clerk /case/act action=accept
case_post handler /case/act action=sign verdict=agree "text=同意。"
case_post leader /case/act action=approve "text=同意。"
D2=$(sql_int "SELECT doc_no FROM document WHERE app_no = (SELECT app_no FROM kase WHERE id = $C2) AND kind = 'approve'")
http_get leader "$INT_URL/doc?no=$D2" >/dev/null
t_like "a grant without them names the item" "$HTTP_BODY" "许可事项"
t_unlike "and no validity it was not given" "$HTTP_BODY" "有效期"

# A denial tells the applicant too, and names where to read why.
CASE=$(case_from_ext "$CODE")
A3=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
case_post clerk /case/act action=accept
case_post handler /case/act action=sign verdict=disagree "text=经营场所与申请不符。"
case_post leader /case/act action=deny "text=经营场所不符合食品安全要求。"
t_is "denied" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" denied
carry int ext
t_like "carried, its SMS says 不予许可 and where the reasons are" "$(sms_of "$A3" denied)" \
	"（申请编号 $A3）.*不予许可决定，理由及救济途径见决定书"
t_is "one each, never twice" "$(sql_ext "SELECT COUNT(*) FROM sms_outbox WHERE app_no IN ('$APP', '$A3') AND why IN ('approved', 'denied')")" 2
t_done
