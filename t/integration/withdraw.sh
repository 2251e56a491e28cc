#!/usr/bin/env bash
# withdraw.sh (EXT-5, INT-3; issue #7 "Withdrawal"): the applicant withdraws
# before a decision on the extranet; the request crosses the gap; the
# intranet ends the case, takes it off every worklist and makes the
# 准予撤回决定书 at once, which comes back to the applicant.  Once only, not
# after a decision, and a request that meets a case decided meanwhile is
# answered, never refused at the gap.  At the window (INT-3, INT-1): the
# item's department's clerk records the applicant's written request
# (scanned, or 纸质已收) with the identity checked, and the case ends the
# same way, a walk-in case (its end shown at /query) or an online one (已撤回
# in 我的办件); refused when decided, withdrawn, another's, without CSRF.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
IDNO=152502199003150027
login_citizen() {
	local csrf
	csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
	http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=Yiwang@2026" >/dev/null
}
withdraw() {	# APP [k=v…]
	local app=$1 csrf
	shift
	csrf=$(http_get cit "$EXT_URL/app?no=$app" | csrf_from)
	http_post cit "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$app" "$@" >/dev/null
}

CASE=$(case_from_ext "$CODE")
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
carry int ext
login_citizen
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "an open application offers withdrawal" "$HTTP_BODY" '<form[^>]*action="/app/withdraw"'

# --- on the extranet ----------------------------------------------------------------
withdraw "$APP" "reason=店面租约取消，暂不开业。"
t_is "without the confirmation: 422" "$HTTP_STATUS" 422
t_like "saying what to tick" "$HTTP_BODY" "请勾选“我确认撤回这项申请”"
t_is "and nothing asked" "$(sql_ext "SELECT withdraw_at IS NULL FROM application WHERE app_no = '$APP'")" 1
withdraw "$APP" "reason=$(printf '租%.0s' $(seq 1 501))" confirm=1
t_is "a reason of 501 characters: 422" "$HTTP_STATUS" 422
withdraw "$APP" "reason=店面租约取消，暂不开业。" confirm=1
t_is "withdrawn with a reason: 303 back to the application" "$HTTP_STATUS $HTTP_LOCATION" "303 /app?no=$APP&done=withdraw"
http_get cit "$EXT_URL/app?no=$APP&done=withdraw" >/dev/null
t_like "which says it waits for the department" "$HTTP_BODY" "您已于 .* 申请撤回这项申请"
t_unlike "and offers no second withdrawal" "$HTTP_BODY" 'action="/app/withdraw"'
withdraw "$APP" confirm=1
t_is "a second request: 409" "$HTTP_STATUS" 409
t_like "saying it was asked already" "$HTTP_BODY" "您已经申请撤回这项申请"
t_is "queued for the intranet" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'application.withdraw' AND body LIKE '%$APP%'")" 1
t_is "audited" "$(sql_ext "SELECT COUNT(*) FROM audit WHERE action = 'application.withdraw' AND object = '$APP'")" 1

# --- across the gap, on the intranet --------------------------------------------------
carry ext int
t_is "the case ends: withdrawn" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" withdrawn
t_is "and leaves every worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'withdraw'")
ABBR=$(sql_int "SELECT abbr FROM department WHERE code = 'SCJGJ'")
t_like "a 准予撤回决定书 made at once, in its own series" "$DOC" "^${ABBR}撤字〔[0-9]{4}〕[0-9]{4}号$"
t_like "the timeline says why" "$(sql_int "SELECT CONCAT(label, ' ', note) FROM case_event WHERE case_id = $CASE AND action = 'withdraw'")" \
	"申请人撤回申请，办理终止 撤回理由：店面租约取消，暂不开业。"
staff_login clerk sarengaowa
http_get clerk "$INT_URL/inbox" >/dev/null
t_unlike "no longer in the clerk's list" "$HTTP_BODY" ">$APP<"
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "the decision reads as one" "$(tr -d '\n' <<<"$HTTP_BODY")" "准予撤回决定书.*决定准予撤回"
t_like "with the applicant's reason" "$HTTP_BODY" "店面租约取消，暂不开业。"

# --- back on the extranet ------------------------------------------------------------
carry int ext
t_is "the application is withdrawn there too" "$(sql_ext "SELECT state FROM application WHERE app_no = '$APP'")" withdrawn
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant sees the decision" "$HTTP_BODY" "准予撤回决定书"
t_like "and the state" "$HTTP_BODY" "申请人已撤回，办理终止"
t_unlike "no date to expect any more" "$HTTP_BODY" "预计办结日期"
http_get cit "$EXT_URL/doc?no=$DOC" >/dev/null
t_is "and opens it" "$HTTP_STATUS" 200
withdraw "$APP" confirm=1
t_is "withdrawing a withdrawn application: 409" "$HTTP_STATUS" 409

# --- decided meanwhile ----------------------------------------------------------------
C2=$(case_from_ext "$CODE")
APP2=$(sql_int "SELECT app_no FROM kase WHERE id = $C2")
carry int ext
csrf=$(http_get clerk "$INT_URL/case?id=$C2" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$C2" action=reject "text=申请材料与申请事项不符。" >/dev/null
t_is "the intranet refuses it (不予受理) before the extranet knows" "$HTTP_STATUS" 303
login_citizen
withdraw "$APP2" confirm=1
t_is "the applicant, not yet told, withdraws: accepted on the extranet" "$HTTP_STATUS" 303
carry ext int
t_is "the import goes through" "$?" 0
t_is "the decision stands" "$(sql_int "SELECT state FROM kase WHERE id = $C2")" not_accepted
t_is "no 准予撤回决定书" "$(sql_int "SELECT COUNT(*) FROM document WHERE app_no = '$APP2' AND kind = 'withdraw'")" 0
carry int ext
http_get cit "$EXT_URL/app?no=$APP2" >/dev/null
t_like "the applicant is told why" "$HTTP_BODY" "撤回未能办理：本件在收到撤回申请前已经办结"
t_like "and sees the decision's state" "$HTTP_BODY" "不予受理"
# --- at the window (INT-3, INT-1) ---------------------------------------------------
WCODE=152502-SCJG-XK-004
WIDNO=$(test_id 3)
t_pdf "$_T_DIR/request.pdf"
printf 'a note typed at the window, not a scan\n' >"$_T_DIR/note.pdf"
mapfile -t PAPER < <(sql_int "SELECT CONCAT('p', m.seq, '=1') FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code = '$WCODE' AND i.status = 'published'")
page=$(http_get clerk "$INT_URL/hall/intake?item=$WCODE")
http_upload clerk "$INT_URL/hall/intake" "csrf=$(csrf_from <<<"$page")" "form_key=$(form_field form_key <<<"$page")" \
	"item=$WCODE" name=其其格 "id_number=$WIDNO" mobile=13947012345 "${PAPER[@]}" >/dev/null
t_like "a walk-in application registered at the window" "$HTTP_STATUS $HTTP_LOCATION" "^303 /hall/intake/receipt"
WAPP=${HTTP_LOCATION#*no=}
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$WAPP'")
carry int ext
wd() {	# JAR k=v…: POST /case/withdraw about $CASE with its page's token
	local jar=$1 csrf
	shift
	csrf=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_upload "$jar" "$INT_URL/case/withdraw" "csrf=$csrf" "id=$CASE" "$@" >/dev/null
}
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "its page offers the clerk 申请人撤回申请" "$HTTP_BODY" '<form[^>]*action="/case/withdraw"'
SCAN=$(grep -o 'name="m[0-9]*" type="file"' <<<"$HTTP_BODY" | sed 's/^name="\(m[0-9]*\)".*/\1/')
t_is "its scan posted as the material of the request's own number" "$SCAN" m9999
staff_login handler wangzhiqiang
http_get handler "$INT_URL/case?id=$CASE" >/dev/null
t_unlike "not to a handler of the department" "$HTTP_BODY" 'action="/case/withdraw"'
wd clerk "reason=经营场所变更，暂不申请。" "$SCAN=@$_T_DIR/request.pdf;type=application/pdf"
t_is "without the identity checked: 422" "$HTTP_STATUS" 422
t_like "saying what to check" "$(alert_text)" "请核验申请人的身份证件"
t_is "the reason typed stays" "$(input_value "$HTTP_BODY" reason)" "经营场所变更，暂不申请。"
t_like "the scan is asked for again" "$(alert_text)" "请重新选择扫描件"
wd clerk checked=self
t_like "neither a scan nor paper: 422" "$HTTP_STATUS $(alert_text)" "^422 请扫描上传申请人签名的书面撤回申请"
t_is "the identity tick stays" "$(grep -o '<input type="radio" name="checked" value="self"[^>]*>' <<<"$HTTP_BODY" | grep -c checked)" 1
wd clerk checked=self "$SCAN=@$_T_DIR/note.pdf;type=application/pdf"
t_like "a text file called .pdf: refused by its content" "$HTTP_STATUS $(alert_text)" "^422 「书面撤回申请」不是 PDF 文件"
wd clerk checked=self paper=1 "reason=$(printf '租%.0s' $(seq 1 201))"
t_like "a reason of 201 characters: 422" "$HTTP_STATUS $(alert_text)" "^422 撤回理由请写成一行"
wd handler checked=self paper=1
t_is "a handler may not: 403" "$HTTP_STATUS" 403
staff_login police liuyan
wd police checked=self paper=1
t_is "a clerk of another department: 403" "$HTTP_STATUS" 403
http_upload clerk "$INT_URL/case/withdraw" "id=$CASE" checked=self paper=1 >/dev/null
t_is "without the CSRF token: 403" "$HTTP_STATUS" 403
t_is "nothing of it changed the case" "$(sql_int "SELECT CONCAT(state, (SELECT COUNT(*) FROM attachment WHERE app_no = '$WAPP'), (SELECT COUNT(*) FROM document WHERE app_no = '$WAPP')) FROM kase WHERE id = $CASE")" received00
t_is "(the paper received at intake only)" "$(sql_int "SELECT COUNT(*) FROM case_paper WHERE case_id = $CASE AND what LIKE '%撤回%'")" 0

AUDIT=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
wd clerk checked=agent "reason=经营场所变更，暂不申请。" "$SCAN=@$_T_DIR/request.pdf;type=application/pdf"
t_is "withdrawn at the window: back to the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=withdraw"
t_is "the case ends: withdrawn" "$(sql_int "SELECT state FROM kase WHERE id = $CASE")" withdrawn
t_is "and leaves every worklist" "$(sql_int "SELECT COUNT(*) FROM case_task WHERE case_id = $CASE")" 0
WDOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$WAPP' AND kind = 'withdraw'")
t_like "the same 准予撤回决定书, in its series" "$WDOC" "^${ABBR}撤字〔[0-9]{4}〕[0-9]{4}号$"
t_is "in the department's name, as online" "$(sql_int "SELECT issued_by FROM document WHERE doc_no = '$WDOC'")" "$(sql_int "SELECT issued_by FROM document WHERE doc_no = '$DOC'")"
t_like "the same event, by the clerk, saying how" \
	"$(sql_int "SELECT CONCAT_WS(' ', label, staff_name, note) FROM case_event WHERE case_id = $CASE AND action = 'withdraw'")" \
	"^申请人撤回申请，办理终止 萨仁高娃 窗口收到书面撤回申请（扫描件见申请材料），已核验代理人身份证件和授权委托书；撤回理由：经营场所变更，暂不申请。$"
t_is "audited with the clerk's name" \
	"$(sql_int "SELECT CONCAT_WS(' ', actor, detail) FROM audit WHERE id > $AUDIT AND action = 'case.withdraw' AND object = '$WAPP'")" "sarengaowa $WDOC"
t_is "the scan stored as the case's 书面撤回申请" \
	"$(sql_int "SELECT CONCAT_WS(' ', material_name, mime, sha256 = '$(sha256sum "$_T_DIR/request.pdf" | cut -d' ' -f1)') FROM attachment WHERE app_no = '$WAPP'")" "书面撤回申请 application/pdf 1"
http_get clerk "$INT_URL/case?id=$CASE&done=withdraw" >/dev/null
t_like "the page says what was done" "$HTTP_BODY" "已登记申请人撤回申请，本件办理终止"
t_like "and shows the scan among the materials" "$(row 书面撤回申请)" "撤回申请.*href=\"/file\?id=$CASE&amp;seq=${SCAN#m}\"[^>]*>request.pdf"
t_unlike "and offers no second withdrawal" "$HTTP_BODY" 'action="/case/withdraw"'
http_get clerk "$INT_URL/file?id=$CASE&seq=${SCAN#m}" >/dev/null
t_is "the scan opens" "$HTTP_STATUS" 200
http_get clerk "$INT_URL/doc?no=$WDOC" >/dev/null
t_like "the decision prints as one" "$(tr -d '\n' <<<"$HTTP_BODY")" "准予撤回决定书.*决定准予撤回"
t_like "with the reason" "$HTTP_BODY" "经营场所变更，暂不申请。"
http_get clerk "$INT_URL/inbox" >/dev/null
t_unlike "off the clerk's to-do list (among the done ones)" "${HTTP_BODY%%<h2 class=\"section-title\">已办件*}" ">$WAPP<"
wd clerk checked=self paper=1
t_is "a second request: 409" "$HTTP_STATUS" 409
t_like "saying it was withdrawn" "$HTTP_BODY" "本件已经撤回，不能再次登记撤回"
carry int ext
t_is "the extranet learns it: withdrawn" "$(sql_ext "SELECT state FROM application WHERE app_no = '$WAPP'")" withdrawn
csrf=$(http_get anon "$EXT_URL/query" | csrf_from)
http_post anon "$EXT_URL/query" "csrf=$csrf" "app_no=$WAPP" "id_number=$WIDNO" >/dev/null
t_like "/query shows it withdrawn" "$HTTP_BODY" "申请人已撤回，办理终止"
t_like "with the decision" "$HTTP_BODY" "准予撤回决定书"

CASE=$C2
wd clerk checked=self paper=1
t_is "a decided case: 409" "$HTTP_STATUS" 409
t_like "saying it was decided" "$HTTP_BODY" "本件已经办结，不能再撤回"

# An online application whose applicant brings a written request.
CASE=$(case_from_ext "$CODE")
APP3=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
carry int ext
wd clerk checked=self paper=1 pages=2
t_is "an online case withdrawn at the window on paper" "$HTTP_STATUS $(sql_int "SELECT state FROM kase WHERE id = $CASE")" "303 withdrawn"
t_is "the paper recorded, held by the clerk" \
	"$(sql_int "SELECT CONCAT_WS(' ', what, copies, pages, holder_id = (SELECT id FROM staff WHERE login = 'sarengaowa')) FROM case_paper WHERE case_id = $CASE")" \
	"书面撤回申请（纸质已收） 1 2 1"
t_is "no reason: none made up" "$(sql_int "SELECT note FROM case_event WHERE case_id = $CASE AND action = 'withdraw'")" "窗口收到书面撤回申请（纸质已收），已核验申请人身份证件"
carry int ext
login_citizen
http_get cit "$EXT_URL/my" >/dev/null
t_like "我的办件 shows it 已撤回" "$(row "$APP3")" "已撤回"
http_get cit "$EXT_URL/app?no=$APP3" >/dev/null
t_like "the applicant reads the decision" "$HTTP_BODY" "准予撤回决定书"
t_unlike "not how the window took it" "$HTTP_BODY" "已核验"
withdraw "$APP3" confirm=1
t_is "and may not withdraw it again online: 409" "$HTTP_STATUS" 409
t_done
