#!/usr/bin/env bash
# catalog.sh: the catalogue on the intranet (CAT-4, FLOW-1, FLOW-2, issue
# #3) over HTTP, against both sites of the test stack:
#   - the administrator makes a new draft of the demo item, edits its
#     promised days and adds a material (a mistake in the procedure text is
#     refused with its line number), and submits it;
#   - a clerk cannot publish; the department's leader does;
#   - the gap carries the new version to the extranet, whose guide shows it;
#   - an application made on the extranet before keeps its version on both
#     sites;
#   - a new item whose procedure has a join that waits forever can be saved
#     and submitted but not published (409, the step named), and is returned;
#   - every change left its audit row;
#   - a draft is discarded (放弃草稿) with its materials, steps and flows,
#     after the box 确认放弃 is ticked; a version in review or published
#     is not, nor by anyone but the administrator.
# Independent of other scripts: versions, bundles and ids are read from the
# databases; the only assumption is that the demo item has a published
# version and no open draft.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
TMP=$_T_DIR
t_pdf "$TMP/apply.pdf"

# --- helpers (and t/lib.sh: staff_login, read_edit_form, move, carry) ---------

version_status() { # SITE CODE VERSION
	"sql_$1" "SELECT status FROM item WHERE code='$2' AND version=$3"
}

# --- before ---------------------------------------------------------------------

PUB=$(sql_int "SELECT version FROM item WHERE code='$CODE' AND status='published'")
t_like "the demo item has a published version on the intranet" "$PUB" '^[1-9][0-9]*$'
t_is "and no open draft" "$(sql_int "SELECT COUNT(*) FROM item WHERE code='$CODE' AND status IN ('draft','review')")" 0
t_is "the extranet has the same version" \
	"$(sql_ext "SELECT version FROM item WHERE code='$CODE' AND status='published'")" "$PUB"
AUDIT0=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")

# An application on the extranet made under the published version.
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" \
	"password=Yiwang@2026" "next=/my" >/dev/null
t_is "the demo applicant logs in on the extranet" "$HTTP_STATUS" 303
apply_form citizen "$EXT_URL/apply?code=$CODE"
uploads=()
for seq in $(sql_ext "SELECT m.seq FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.status='published' AND m.required=1"); do
	uploads+=("m$seq=@$TMP/apply.pdf;type=application/pdf")
done
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "remark=在新版本发布前提交的申请" \
	"${uploads[@]}" >/dev/null
t_is "the applicant applies before the new version" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
APP=${HTTP_LOCATION#*=}
t_is "the application row names the published version" \
	"$(sql_ext "SELECT item_version FROM application WHERE app_no='$APP'")" "$PUB"

# --- reading: everyone on the intranet -------------------------------------------

staff_login admin liuxiaomei
staff_login leader bateer
staff_login clerk sarengaowa
http_get clerk "$INT_URL/catalog" >/dev/null
t_is "the catalogue page answers any staff member" "$HTTP_STATUS" 200
t_like "it is linked from the navigation" "$HTTP_BODY" 'href="/catalog">事项管理<'
t_like "it lists the item with its version and status" "$HTTP_BODY" "$CODE"
t_unlike "a clerk sees no form for a new item" "$HTTP_BODY" 'action="/catalog/new"'
http_get clerk "$INT_URL/catalog?dept=NOSUCHDEPT" >/dev/null
t_unlike "the department filter filters" "$HTTP_BODY" "$CODE"
http_get anon "$INT_URL/catalog" >/dev/null
t_is "nobody logged in is sent to log in" "$HTTP_STATUS ${HTTP_LOCATION%%\?*}" "303 /login"

http_get clerk "$INT_URL/catalog/item?code=$CODE&v=$PUB" >/dev/null
t_is "the item page answers" "$HTTP_STATUS" 200
t_like "it gives the live soundness verdict" "$HTTP_BODY" '流程检查通过（[0-9]+ 个状态）'
t_like "it shows the flow chart as an image" "$HTTP_BODY" "<img src=\"/catalog/chart\\?code=$CODE&amp;v=$PUB\""
t_unlike "a clerk is offered no moves" "$HTTP_BODY" 'action="/catalog/(draft|publish|submit|return)"'
http_get clerk "$INT_URL/catalog/chart?code=$CODE&v=$PUB" >/dev/null
t_is "the chart is an SVG picture" "$HTTP_STATUS $HTTP_CTYPE" "200 image/svg+xml; charset=utf-8"
t_like "drawn on the server" "$HTTP_BODY" '<svg[^>]*class="flowchart"'
http_get clerk "$INT_URL/catalog/simulate?code=$CODE&v=$PUB" >/dev/null
t_is "the simulation page answers" "$HTTP_STATUS" 200
t_like "it counts the states" "$HTTP_BODY" '共 [0-9]+ 个状态'
t_like "and marks the end" "$HTTP_BODY" '办结'
http_get clerk "$INT_URL/catalog/item?code=NO-SUCH-ITEM" >/dev/null
t_is "an unknown item is 404" "$HTTP_STATUS" 404

# --- a new draft, edited --------------------------------------------------------

move clerk draft "$CODE" "$PUB"
t_is "a clerk cannot make a draft" "$HTTP_STATUS" 403
http_get admin "$INT_URL/catalog/item?code=$CODE&v=$PUB" >/dev/null
t_like "the administrator is offered a new draft" "$HTTP_BODY" 'action="/catalog/draft"'
move admin draft "$CODE" "$PUB"
t_like "the administrator makes a new draft, and goes to its editor" "$HTTP_STATUS $HTTP_LOCATION" \
	"^303 /catalog/edit\\?code=$CODE&v=[0-9]+"
NEW=$(sed -n 's/.*[?&]v=\([0-9]*\).*/\1/p' <<<"$HTTP_LOCATION")
t_is "it is the next version" "$NEW" "$(sql_int "SELECT MAX(version) FROM item WHERE code='$CODE'")"
t_is "a draft" "$(version_status int "$CODE" "$NEW")" draft
move admin draft "$CODE" "$PUB"
t_is "a second draft while one is open is refused" "$HTTP_STATUS" 409
t_like "saying which version to edit" "$HTTP_BODY" "已有第 $NEW 版草稿"

page=$(http_get admin "$INT_URL/catalog/edit?code=$CODE&v=$NEW"); http_last
t_is "the editor answers" "$HTTP_STATUS" 200
read_edit_form "$page"
t_is "it carries the item's elements" "${F[name]} ${F[level]} ${F[depth]}" \
	"$(sql_int "SELECT CONCAT(name, ' ', level, ' ', depth) FROM item WHERE code='$CODE' AND version=$NEW")"
t_like "and the procedure as text" "${F[procedure]}" '^步骤：'
t_like "with its edges" "${F[procedure]}" '开始 -> '

STAT=${F[statutory_days]}
OLDDAYS=${F[promised_days]}
if ((OLDDAYS > 1)); then DAYS=$((OLDDAYS - 1)); else DAYS=$STAT; fi
MAT="经营场所平面布局图（第${NEW}版新增）"

# A mistake in the procedure: refused with its line number, nothing saved.
good_proc=${F[procedure]}
F[procedure]=$(sed '1a\
extra  复核  科员  2' <<<"$good_proc")
F[promised_days]=$DAYS
post_edit_form admin
t_is "a procedure with an unknown role is refused" "$HTTP_STATUS" 422
t_like "naming the line and the word" "$HTTP_BODY" '第 2 行：角色「科员」不认识，请写 窗口受理人员、承办人、科室负责人 或 分管领导'
t_like "and showing what was typed" "$HTTP_BODY" 'extra  复核  科员  2'
t_is "nothing was saved" \
	"$(sql_int "SELECT promised_days FROM item WHERE code='$CODE' AND version=$NEW")" "$OLDDAYS"

F[procedure]=$good_proc
F[materials]="${F[materials]}
$MAT | 复印件 | 1 | 选交 | 标明各功能区"
post_edit_form admin
t_is "the edited draft is saved" "$HTTP_STATUS $HTTP_LOCATION" \
	"303 /catalog/item?code=$CODE&v=$NEW&done=saved"
http_get admin "$INT_URL$HTTP_LOCATION" >/dev/null
t_like "the item page says so" "$HTTP_BODY" '已保存草稿'
t_like "with the verdict of the check" "$HTTP_BODY" '流程检查通过'
t_is "the new promised days are stored" \
	"$(sql_int "SELECT promised_days FROM item WHERE code='$CODE' AND version=$NEW")" "$DAYS"
t_is "the new material is in the new version" \
	"$(sql_int "SELECT COUNT(*) FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.version=$NEW AND m.name='$MAT' AND m.required=0")" 1
t_is "and not in the published one" \
	"$(sql_int "SELECT COUNT(*) FROM item_material m JOIN item i ON i.id = m.item_id WHERE i.code='$CODE' AND i.version=$PUB AND m.name='$MAT'")" 0
t_is "the published version is untouched" \
	"$(sql_int "SELECT CONCAT(status, ' ', promised_days) FROM item WHERE code='$CODE' AND version=$PUB")" \
	"published $OLDDAYS"
t_is "the procedure survived the round trip" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(s.skey, s.name, s.role, s.days) ORDER BY s.seq) FROM item_step s JOIN item i ON i.id = s.item_id WHERE i.code='$CODE' AND i.version=$NEW")" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(s.skey, s.name, s.role, s.days) ORDER BY s.seq) FROM item_step s JOIN item i ON i.id = s.item_id WHERE i.code='$CODE' AND i.version=$PUB")"

# --- review and publication -------------------------------------------------------

move admin submit "$CODE" "$NEW"
t_is "the administrator submits it" "$HTTP_STATUS" 303
t_is "it waits for review" "$(version_status int "$CODE" "$NEW")" review
http_get admin "$INT_URL/catalog/edit?code=$CODE&v=$NEW" >/dev/null
t_is "a version in review cannot be edited" "$HTTP_STATUS" 409
move clerk publish "$CODE" "$NEW"
t_is "a clerk cannot publish" "$HTTP_STATUS" 403
t_is "and it still waits" "$(version_status int "$CODE" "$NEW")" review
http_get leader "$INT_URL/catalog/item?code=$CODE&v=$NEW" >/dev/null
t_like "the department's leader is offered to publish" "$HTTP_BODY" 'action="/catalog/publish"'
t_like "or to return it" "$HTTP_BODY" 'action="/catalog/return"'
move leader publish "$CODE" "$NEW"
t_is "the leader publishes" "$HTTP_STATUS $HTTP_LOCATION" \
	"303 /catalog/item?code=$CODE&v=$NEW&done=published"
t_is "the new version is published" "$(version_status int "$CODE" "$NEW")" published
t_is "the old one retired" "$(version_status int "$CODE" "$PUB")" retired
t_is "a record for the extranet is queued" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind='item' AND JSON_VALUE(body, '\$.code')='$CODE' AND JSON_VALUE(body, '\$.version')='$NEW'")" 1

# --- across the gap -------------------------------------------------------------

# The old guide, as the extranet's workers keep it for visitors without
# a session (issue #12; the test stack says X-Yiwang-Cache: hit).
for _ in $(seq 1 24); do
	http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
	grep -qi '^x-yiwang-cache: hit' "$HTTP_HEADERS_FILE" && break
done
t_like "a worker serves the published guide it kept" \
	"$(tr -d '\r' <"$HTTP_HEADERS_FILE")" '[Xx]-[Yy]iwang-[Cc]ache: hit'
t_unlike "without the new material" "$HTTP_BODY" "$MAT"
t_ok "the gap carries the intranet's bundles to the extranet" carry int ext
t_is "the extranet publishes the new version" "$(version_status ext "$CODE" "$NEW")" published
t_is "and retires the old one" "$(version_status ext "$CODE" "$PUB")" retired
http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_is "the guide answers" "$HTTP_STATUS" 200
t_like "made again at once, not the page kept" \
	"$(tr -d '\r' <"$HTTP_HEADERS_FILE")" '[Xx]-[Yy]iwang-[Cc]ache: miss'
t_like "it is the new version" "$HTTP_BODY" "第 $NEW 版"
t_like "with the new material" "$HTTP_BODY" "$MAT"
t_like "and the new promised days" "$HTTP_BODY" "$DAYS 个工作日"

t_is "the earlier application keeps its version on the extranet" \
	"$(sql_ext "SELECT item_version FROM application WHERE app_no='$APP'")" "$PUB"
t_ok "the gap carries the extranet's bundles to the intranet" carry ext int
t_is "and on the intranet" "$(sql_int "SELECT item_version FROM kase WHERE app_no='$APP'")" "$PUB"
CASE=$(sql_int "SELECT id FROM kase WHERE app_no='$APP'")
http_get clerk "$INT_URL/case?id=$CASE" >/dev/null
t_like "the case page names that version" "$HTTP_BODY" "（第 $PUB 版）"
http_get citizen "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant's page too" "$HTTP_BODY" "第 $PUB 版"

# --- an unsound procedure is never published ---------------------------------------

NCODE=152502-SCJG-CS-$(date +%s%N | tail -c 7)
csrf=$(http_get clerk "$INT_URL/catalog" | csrf_from)
http_post clerk "$INT_URL/catalog/new" "csrf=$csrf" "code=$NCODE" "name=测试事项" \
	"dept_code=SCJGJ" "kind=公共服务" "level=县级" >/dev/null
t_is "a clerk cannot start a new item" "$HTTP_STATUS" 403
csrf=$(http_get admin "$INT_URL/catalog" | csrf_from)
http_post admin "$INT_URL/catalog/new" "csrf=$csrf" "code=$CODE" "name=重复的编码" \
	"dept_code=SCJGJ" "kind=公共服务" "level=县级" >/dev/null
t_is "a code in use is refused" "$HTTP_STATUS" 422
t_like "saying so" "$HTTP_BODY" "事项编码 $CODE 已经有了"
http_post admin "$INT_URL/catalog/new" "csrf=$csrf" "code=$NCODE" "name=个体工商户年度报告公示指导" \
	"dept_code=SCJGJ" "kind=公共服务" "level=县级" >/dev/null
t_is "the administrator starts a new item, and goes to its editor" "$HTTP_STATUS $HTTP_LOCATION" \
	"303 /catalog/edit?code=$NCODE&v=1&done=created"
t_is "a draft of version 1" "$(version_status int "$NCODE" 1)" draft
http_get admin "$INT_URL/catalog/item?code=$NCODE&v=1" >/dev/null
t_like "its smallest procedure is sound" "$HTTP_BODY" '流程检查通过'

page=$(http_get admin "$INT_URL/catalog/edit?code=$NCODE&v=1"); http_last
read_edit_form "$page"
F[basis]="《中华人民共和国市场主体登记管理条例》第三十三条"
F[hours]="周一至周五 8:30—17:30"
# 补充核查 can never run (nothing leads to it), so 决定, which waits for it
# as well as for 审查, would wait forever.
F[procedure]="步骤：
accept  受理  窗口受理人员  1  受理通知书
review  审查  承办人  3
extra   补充核查  承办人  2
decide  决定  分管领导  1  决定书
连线：
开始 -> accept -> review
review, extra -> decide
decide -> 结束"
post_edit_form admin
t_is "an unsound draft may be saved" "$HTTP_STATUS" 303
http_get admin "$INT_URL/catalog/item?code=$NCODE&v=1" >/dev/null
t_like "its page says the check failed" "$HTTP_BODY" '流程检查未通过'
t_like "naming the step" "$HTTP_BODY" '补充核查'
move admin submit "$NCODE" 1
t_is "and submitted" "$(version_status int "$NCODE" 1)" review
move leader publish "$NCODE" 1
t_is "but not published: 409" "$HTTP_STATUS" 409
t_like "the page says why, naming the step" "$HTTP_BODY" '没有发布。办理流程未通过检查：.*「补充核查」'
t_is "it is still in review" "$(version_status int "$NCODE" 1)" review
t_is "and nothing was queued for the extranet" \
	"$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE body LIKE '%$NCODE%'")" 0
move leader return "$NCODE" 1
t_is "returning needs a reason" "$HTTP_STATUS" 422
move leader return "$NCODE" 1 "reason=补充核查没有来路，请修改连线"
t_is "the leader returns it with a reason" "$HTTP_STATUS" 303
t_is "it is a draft again" "$(version_status int "$NCODE" 1)" draft

# --- the audit trail ------------------------------------------------------------

t_is "every change of the demo item left its audit row" \
	"$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE object='$CODE' AND id > $AUDIT0")" \
	"item.draft,item.edit,item.submit,item.publish"
t_is "and of the new item" \
	"$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE object='$NCODE' AND id > $AUDIT0")" \
	"item.draft,item.edit,item.submit,item.return"
t_is "each by its person" \
	"$(sql_int "SELECT GROUP_CONCAT(actor ORDER BY id) FROM audit WHERE object='$CODE' AND id > $AUDIT0")" \
	"liuxiaomei,liuxiaomei,liuxiaomei,bateer"
t_like "the return keeps its reason" \
	"$(sql_int "SELECT detail FROM audit WHERE object='$NCODE' AND action='item.return' AND id > $AUDIT0")" \
	'补充核查没有来路'

# --- a draft discarded ------------------------------------------------------------

# parts ID: the rows of version ID in each table of its parts.
parts() {
	sql_int "SELECT CONCAT_WS(' ', (SELECT COUNT(*) FROM item WHERE id=$1),
		(SELECT COUNT(*) FROM item_material WHERE item_id=$1),
		(SELECT COUNT(*) FROM item_step WHERE item_id=$1),
		(SELECT COUNT(*) FROM item_flow WHERE item_id=$1))"
}
AUDIT1=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")
move admin draft "$CODE" "$NEW"
D=$(sed -n 's/.*[?&]v=\([0-9]*\).*/\1/p' <<<"$HTTP_LOCATION")
t_is "the administrator drafts the demo item again" \
	"$(version_status int "$CODE" "$D")" draft
DID=$(sql_int "SELECT id FROM item WHERE code='$CODE' AND version=$D")
t_like "with materials, steps and flows" "$(parts "$DID")" '^1 [1-9][0-9]* [1-9][0-9]* [1-9][0-9]*$'
http_get admin "$INT_URL/catalog/edit?code=$CODE&v=$D" >/dev/null
t_like "its editor offers to discard it" "$HTTP_BODY" 'action="/catalog/discard"'
t_like "after ticking 确认放弃" "$HTTP_BODY" 'name="confirm" value="1" required> 确认放弃'
http_get admin "$INT_URL/catalog/item?code=$CODE&v=$D" >/dev/null
t_like "so does its page" "$HTTP_BODY" 'action="/catalog/discard"'
http_get admin "$INT_URL/catalog/item?code=$CODE&v=$NEW" >/dev/null
t_unlike "not the published version's" "$HTTP_BODY" 'action="/catalog/discard"'
move clerk discard "$CODE" "$D" confirm=1
t_is "a clerk cannot discard it" "$HTTP_STATUS" 403
move leader discard "$CODE" "$D" confirm=1
t_is "nor the leader" "$HTTP_STATUS" 403
move admin discard "$CODE" "$D"
t_is "without 确认放弃 nothing is discarded: 422" "$HTTP_STATUS" 422
t_like "saying what to do" "$HTTP_BODY" '请先勾选「确认放弃」'
t_like "and the draft is all there" "$(parts "$DID")" '^1 [1-9][0-9]* [1-9][0-9]* [1-9][0-9]*$'
move admin discard "$CODE" "$NEW" confirm=1
t_is "a published version cannot be discarded: 409" "$HTTP_STATUS" 409
t_like "saying so" "$HTTP_BODY" '没有放弃。只有草稿可以放弃'
t_is "it is still published" "$(version_status int "$CODE" "$NEW")" published
move admin discard "$CODE" "$D" confirm=1
t_is "the administrator discards the draft" "$HTTP_STATUS $HTTP_LOCATION" \
	"303 /catalog/item?code=$CODE&done=discarded"
t_is "its rows are gone from item, item_material, item_step, item_flow" \
	"$(parts "$DID")" "0 0 0 0"
t_is "and who had a hand in it" \
	"$(sql_int "SELECT COUNT(*) FROM item_hand WHERE code='$CODE' AND version=$D")" 0
t_is "the published version is as it was" "$(version_status int "$CODE" "$NEW")" published
t_is "and no open draft is left" "$(sql_int "SELECT COUNT(*) FROM item WHERE code='$CODE' AND status IN ('draft','review')")" 0
http_get admin "$INT_URL$HTTP_LOCATION" >/dev/null
t_like "the item page says it was discarded" "$HTTP_BODY" '已放弃草稿'
move admin discard "$CODE" "$D" confirm=1
t_is "discarding it again: 404" "$HTTP_STATUS" 404

# The new item, sent back to review, then discarded: nothing is left.
move admin submit "$NCODE" 1
move admin discard "$NCODE" 1 confirm=1
t_is "a version in review cannot be discarded: 409" "$HTTP_STATUS" 409
t_like "saying what to do" "$HTTP_BODY" '已提交审核，不能放弃；请由领导退回修改后再放弃'
move leader return "$NCODE" 1 "reason=请放弃这一版"
NID=$(sql_int "SELECT id FROM item WHERE code='$NCODE' AND version=1")
move admin discard "$NCODE" 1 confirm=1
t_is "returned, it is discarded, and the list says so" "$HTTP_STATUS $HTTP_LOCATION" \
	"303 /catalog?done=discarded"
t_is "nothing of the new item is left" "$(parts "$NID") $(sql_int "SELECT COUNT(*) FROM item WHERE code='$NCODE'")" "0 0 0 0 0"
t_is "each discard left its audit row, by the administrator" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(object, ' ', action, ' ', actor, ' ', detail) ORDER BY id) FROM audit WHERE action='item.discard' AND id > $AUDIT1")" \
	"$CODE item.discard liuxiaomei version $D,$NCODE item.discard liuxiaomei version 1"

t_done
