#!/usr/bin/env bash
# catalog-private.sh (SUP-6, CAT-4; issue #8): the catalogue's item editor
# has the "private" flag (涉及个人隐私: 婚姻登记, 收养登记): the catalogue
# administrator ticks it in a draft, it is saved with the draft, audited,
# shown on the item's page and in the editor, and /sup/stats then shows
# that item's counts only (no link to its cases); unticking reverses it
# when a second person publishes the draft that says so (161).
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
N=$$
CODE=152502-SCJG-P$N
TODAY=$(sql_int "SELECT DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
# shot NAME: the page just read, with its stylesheet inlined, into
# $SHOTS/NAME.html for a screenshot (only when SHOTS is set).
shot() {
	[[ -n ${SHOTS:-} ]] || return 0
	CSS="$(dirname "$0")/../../htdocs/yiwang.css" perl -pe 'BEGIN { local $/; open my $f, "<", $ENV{CSS}; $c = <$f> } s#<link rel="stylesheet" href="/static/yiwang.css">#<style>$c</style>#' <<<"$HTTP_BODY" >"$SHOTS/$1.html"
}
stats() { http_get sup "$INT_URL/sup/stats?by=item&from=$TODAY&to=$TODAY" >/dev/null; row "$CODE"; }
# edit PRIVATE: the administrator saves draft 2 as it is, private ticked
# (1) or not (empty).
edit() {
	local page
	page=$(http_get admin "$INT_URL/catalog/edit?code=$CODE&v=2")
	read_edit_form "$page"
	if [[ -n $1 ]]; then F[private]=1; else unset 'F[private]'; fi
	post_edit_form admin
}

cat >"$TMP/item.json" <<JSON
{ "code": "$CODE", "name": "收养登记（隐私测试$N）", "kind": "公共服务",
  "dept_code": "SCJGJ", "dept_name": "市场监督管理局", "level": "县级",
  "basis": "《民法典》", "conditions": "", "statutory_days": 10, "promised_days": 5,
  "instant": false, "fee": "不收费", "place": "政务服务中心", "hours": "工作日",
  "phone": "0479-8262101", "complaint_phone": "12345", "visits": 0, "depth": "A",
  "materials": [ { "name": "申请表", "original": "原件", "copies": 1, "required": true } ],
  "procedure": { "steps": [
    { "key": "accept", "name": "受理", "role": "clerk", "days": 1, "doc": "accept" },
    { "key": "decide", "name": "审批", "role": "leader", "days": 2, "doc": "decision" } ],
    "flows": [ ["start","accept"], ["accept","decide"], ["decide","end"] ], "returns": [] } }
JSON
t_ok "an item is stored" admin_int item-load "$TMP/item.json"
t_ok "and published" admin_int publish "$CODE" 1
carry int ext
CASE=$(case_from_ext "$CODE")
t_like "a case of it today" "$CASE" '^[0-9]+$'

staff_login admin liuxiaomei	# 目录管理员 (catalogue rights)
staff_login sup zhaoyanhong
staff_login clerk sarengaowa
R=$(stats)
t_like "/sup/stats counts the item's case" "$R" 'data-label="收件" class="num">1<'
t_like "and links to its cases while it is not private" "$R" "href=\"/sup/cases\\?item=$CODE\""
t_unlike "(not marked)" "$R" '只统计件数'

move admin draft "$CODE" 1
t_is "the administrator makes a new draft" "$HTTP_STATUS ${HTTP_LOCATION%%&*}" "303 /catalog/edit?code=$CODE"
http_get admin "$INT_URL/catalog/edit?code=$CODE&v=2" >/dev/null
t_like "the editor has the private flag, not ticked" "$HTTP_BODY" '<input type="checkbox" name="private" value="1">'
A0=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM audit")

# --- ticked ---------------------------------------------------------------------
edit 1
t_is "saved: 303 to the item" "$HTTP_STATUS ${HTTP_LOCATION%%&done*}" "303 /catalog/item?code=$CODE&v=2"
t_is "the item is private" "$(sql_int "SELECT COUNT(*) FROM item_private WHERE code = '$CODE'")" 1
t_is "audited: the draft's edit and the flag, by the administrator" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT_WS(' ', actor, action, detail) ORDER BY id) FROM audit WHERE id > $A0 AND object = '$CODE'")" \
	"liuxiaomei item.edit version 2,liuxiaomei item.private version 2"
http_get admin "$INT_URL/catalog/item?code=$CODE&v=2" >/dev/null
shot catalog_item
t_like "the item's page says so" "$HTTP_BODY" '<span class="tag tag-req">涉及个人隐私</span> 统计中只计件数'
http_get admin "$INT_URL/catalog/item?code=$CODE&v=1" >/dev/null
t_like "for every version (per item code)" "$HTTP_BODY" '涉及个人隐私</span>'
http_get admin "$INT_URL/catalog/edit?code=$CODE&v=2" >/dev/null
shot catalog_edit
t_like "the editor shows it ticked" "$HTTP_BODY" '<input type="checkbox" name="private" value="1" checked>'
R=$(stats)
t_like "/sup/stats still counts it" "$R" 'data-label="收件" class="num">1<'
http_last; shot stats_item
t_like "marked counts only" "$R" '只统计件数'
t_unlike "with no link to its cases" "$R" '<a '
http_get sup "$INT_URL/sup/stats.csv?by=item&from=$TODAY&to=$TODAY" >/dev/null
t_like "the CSV too" "$(grep "^\"$CODE\"" "$HTTP_BODY_FILE")" '"涉及个人隐私的事项，只统计件数"'
A1=$(sql_int "SELECT MAX(id) FROM audit")
edit 1
t_is "saved again ticked: no second flag row" \
	"$(sql_int "SELECT GROUP_CONCAT(action ORDER BY id) FROM audit WHERE id > $A1 AND object = '$CODE'")" "item.edit"

# --- unticked: effective when a second person publishes the draft ------------------
edit ""
t_is "unticked: saved" "$HTTP_STATUS" 303
t_is "kept with the draft" "$(sql_int "SELECT private_wanted FROM item WHERE code = '$CODE' AND version = 2")" 0
t_is "the item is still private until the draft is published" "$(sql_int "SELECT COUNT(*) FROM item_private WHERE code = '$CODE'")" 1
t_is "nothing audited as item.public yet" "$(sql_int "SELECT COUNT(*) FROM audit WHERE id > $A1 AND object = '$CODE' AND action = 'item.public'")" 0
R=$(stats)
t_like "/sup/stats still counts only" "$R" '只统计件数'
http_get admin "$INT_URL/catalog/edit?code=$CODE&v=2" >/dev/null
t_like "the editor shows the draft's choice, not ticked" "$HTTP_BODY" '<input type="checkbox" name="private" value="1">'
http_get admin "$INT_URL/catalog/item?code=$CODE&v=2" >/dev/null
t_like "the draft's page says the change waits for publication" "$HTTP_BODY" '本版已取消这一标记，经另一人审核发布后生效'
http_get admin "$INT_URL/catalog/item?code=$CODE&v=1" >/dev/null
t_unlike "the published version's page does not" "$HTTP_BODY" '本版已取消'
move admin submit "$CODE" 2
t_is "submitted for review" "$HTTP_STATUS" 303
staff_login leader bateer
move leader publish "$CODE" 2
t_is "published by the leader" "$(sql_int "SELECT status FROM item WHERE code = '$CODE' AND version = 2")" published
t_is "the item is no longer private" "$(sql_int "SELECT COUNT(*) FROM item_private WHERE code = '$CODE'")" 0
t_is "audited as item.public, by the publisher" \
	"$(sql_int "SELECT CONCAT_WS(' ', actor, action, detail) FROM audit WHERE id > $A1 AND object = '$CODE' AND action LIKE 'item.p%' AND action <> 'item.publish'")" \
	"bateer item.public version 2"
R=$(stats)
t_like "/sup/stats links to its cases again" "$R" "href=\"/sup/cases\\?item=$CODE\""
t_unlike "not marked" "$R" '只统计件数'
http_get admin "$INT_URL/catalog/item?code=$CODE&v=2" >/dev/null
t_like "the item's page says it is not" "$HTTP_BODY" '不涉及（统计中可查看办件清单）'
move admin draft "$CODE" 2
t_is "a new draft, version 3" "$(sql_int "SELECT status FROM item WHERE code = '$CODE' AND version = 3")" draft

# --- only the catalogue's administrator ---------------------------------------------
page=$(http_get admin "$INT_URL/catalog/edit?code=$CODE&v=3")
read_edit_form "$page"
F[private]=1
F[csrf]=$(http_get clerk "$INT_URL/inbox" | csrf_from)
post_edit_form clerk
t_is "a clerk without catalogue rights: 403" "$HTTP_STATUS" 403
t_is "which changed nothing" "$(sql_int "SELECT COUNT(*) FROM item_private WHERE code = '$CODE'")" 0
t_done
