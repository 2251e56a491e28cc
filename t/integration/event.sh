#!/usr/bin/env bash
# event.sh: 一件事一次办 (EXT-12; issue #11, docs/event.md).  A life event
# is drafted on the intranet's catalogue and published by a second person,
# and crosses to the extranet; its guide and its one form there; the
# submission split into one application per item, the shared material
# stored once and named by each; across the gap each application becomes
# its department's case, which names its siblings; a 补正 and the
# decisions come back, and 我的办件 shows the event as one entry with its
# overall state.  An enterprise's staff apply for it in its name; its page
# and their 我的办件 show it as one entry, another enterprise's get 404.
. "$(dirname "$0")/../lib.sh"

EV=YJS-KBCG
I1=152502-SCJG-XK-006 I2=152502-SCJG-XK-001 I3=152502-XF-XK-001
SHARED=授权委托书及受托人身份证件（委托他人办理时提交）

# --- the catalogue: a life event, drafted, published by a second person ---------
items_of() { # SITE CODE: status and items of its latest version
	"sql_$1" "SELECT CONCAT(e.status, ' ', GROUP_CONCAT(i.item_code ORDER BY i.seq))
		FROM life_event e JOIN life_event_item i ON i.event_id = e.id
		WHERE e.code = '$2' GROUP BY e.id ORDER BY e.version DESC LIMIT 1"
}
t_is "demo: 开办餐馆 is published on the intranet" "$(items_of int $EV)" "published $I1,$I2,$I3"
t_is "and was carried to the extranet" "$(items_of ext $EV)" "published $I1,$I2,$I3"

staff_login sys liuxiaomei
csrf=$(http_get sys "$INT_URL/catalog/events" | csrf_from)
http_last
t_like "the catalogue lists the events" "$(tr -d '\n' <<<"$HTTP_BODY")" "开办餐馆 <span[^>]*>YJS-KBCG 第 1 版</span> <span class=\"badge st-done\">已发布"
http_post sys "$INT_URL/catalog/events" "csrf=$csrf" code=YJS-TEST name=办证测试 \
	"items=$I1"$'\n'"152502-SCJG-XK-002" >/dev/null
t_is "an item that cannot be applied for online: 422" "$HTTP_STATUS" 422
t_like "named, with why" "$(alert_text)" "食品经营许可证核发」不能网上申请"
t_like "and what was typed is kept" "$HTTP_BODY" 'value="办证测试"'
http_post sys "$INT_URL/catalog/events" "csrf=$csrf" code=YJS-TEST name=办证测试 \
	"items=$I1"$'\n'"152502-GA-SP-001"$'\n' >/dev/null
t_is "two online items: saved, 303" "$HTTP_STATUS $HTTP_LOCATION" "303 /catalog/events?code=YJS-TEST&done=saved"
t_is "as a draft" "$(items_of int YJS-TEST)" "draft $I1,152502-GA-SP-001"
http_post sys "$INT_URL/catalog/events/publish" "csrf=$csrf" code=YJS-TEST v=1 >/dev/null
t_is "its author cannot publish it: 409" "$HTTP_STATUS" 409
t_like "told who may" "$HTTP_BODY" "另一位工作人员审核发布"
staff_login wjw guorui
csrf=$(http_get wjw "$INT_URL/catalog/events" | csrf_from)
http_post wjw "$INT_URL/catalog/events/publish" "csrf=$csrf" code=YJS-TEST v=1 >/dev/null
t_is "nor a leader of a department it does not involve: 403" "$HTTP_STATUS" 403
staff_login lead bateer
csrf=$(http_get lead "$INT_URL/catalog/events" | csrf_from)
http_post lead "$INT_URL/catalog/events/publish" "csrf=$csrf" code=YJS-TEST v=1 >/dev/null
t_is "the leader of one of its departments publishes it" "$HTTP_STATUS" 303
t_is "published, audited" "$(items_of int YJS-TEST) $(sql_int "SELECT COUNT(*) FROM audit
	WHERE action = 'event.publish' AND object = 'YJS-TEST' AND actor = 'bateer'")" "published $I1,152502-GA-SP-001 1"
t_is "queued for the extranet" "$(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE kind = 'event' AND body LIKE '%YJS-TEST%'")" 1

# --- the guide and the one form ------------------------------------------------
http_get anon "$EXT_URL/" >/dev/null
t_like "the home page offers the life events" "$HTTP_BODY" "/event\?code=$EV\">.*开办餐馆"
http_get anon "$EXT_URL/event?code=$EV" >/dev/null
t_is "the guide is public" "$HTTP_STATUS" 200
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "listing its items and their departments" "$BODY" \
	"个体工商户设立登记.*市场监督管理局.*食品经营许可证核发（新办）.*公众聚集场所投入使用、营业前消防安全检查.*消防救援"
t_like "the time of the whole is the longest item's" "$BODY" "承诺办结时限</dt><dd>5 个工作日"
t_like "one visit serves all" "$BODY" "到现场次数</dt><dd>最多 1 次"
t_like "a material of several items is one" "$BODY" "$SHARED</strong>.*共用.*用于：个体工商户设立登记、食品经营许可证核发（新办）、公众聚集场所"
http_get anon "$EXT_URL/event?code=NO-SUCH" >/dev/null
t_is "an unknown event: 404" "$HTTP_STATUS" 404

ext_login cit 152502199003150027 Yiwang@2026
sql_ext "DELETE FROM submit_quota WHERE citizen_id = $(citizen_of 152502199003150027)"
http_get cit "$EXT_URL/event/apply?code=$EV" >/dev/null
t_like "the form gets its key in its address" "$HTTP_STATUS $HTTP_LOCATION" "^303 /event/apply\?code=$EV&key=[0-9a-f]{64}$"
page=$(http_get cit "$EXT_URL$HTTP_LOCATION")
CSRF=$(csrf_from <<<"$page")
FORM_KEY=$(form_field form_key <<<"$page")
NSLOTS=$(grep -c 'type="file"' <<<"$page")
# Counted from the catalogue: another script may have added a material.
names() { # DISTINCT-or-not: the materials of the event's published items
	sql_ext "SELECT COUNT($1 m.name) FROM item i JOIN item_material m
		ON m.item_id = i.id WHERE i.status = 'published'
		AND i.code IN ('$I1', '$I2', '$I3')"
}
t_is "one slot per material name" "$NSLOTS" "$(names DISTINCT)"
t_is "fewer than the items' materials: two are shared" "$(( $(names '') - NSLOTS ))" 2
t_is "the applicant's data shown once" "$(grep -c '<dt>身份证号码</dt>' <<<"$page")" 1
SHARED_SEQ=$(perl -0777 -ne 'print $1 if /for="f-m(\d+)"><span class="upload-name">\Q'"$SHARED"'\E/' <<<"$page")
t_like "the shared material has its slot" "$SHARED_SEQ" '^[0-9]+$'

# A distinct PDF per slot: the shared one's digest is then its own.
ups=()
for ((k = 1; k <= NSLOTS; k++)); do
	t_pdf "$_T_DIR/m$k.pdf" "/Lang(m$k)"
	ups+=("m$k=@$_T_DIR/m$k.pdf;type=application/pdf")
done
napps() { sql_ext "SELECT COUNT(*) FROM application WHERE citizen_id = $(citizen_of 152502199003150027) AND bundle_no IS NOT NULL"; }
drafted() { sql_ext "SELECT COUNT(*) FROM app_draft_file f JOIN app_draft d ON d.id = f.draft_id
	WHERE d.form_key = '$FORM_KEY' AND d.item_code = '@$EV'"; }
http_upload cit "$EXT_URL/event/apply" "csrf=$CSRF" "form_key=$FORM_KEY" code=$EV "${ups[@]:1}" >/dev/null
t_is "a required material missing: 422" "$HTTP_STATUS" 422
t_like "named" "$(alert_text)" "请上传「个体工商户登记（备案）申请书」（必交材料）"
t_like "the good files kept in the form's draft" "$HTTP_BODY" "已保存为草稿"
t_is "each of them" "$(drafted)" $((NSLOTS - 1))
printf 'not a pdf\n' >"$_T_DIR/bad.pdf"
http_upload cit "$EXT_URL/event/apply" "csrf=$CSRF" "form_key=$FORM_KEY" code=$EV \
	"${ups[0]}" "m3=@$_T_DIR/bad.pdf;type=application/pdf" >/dev/null
t_is "a file that is no PDF: 422" "$HTTP_STATUS" 422
t_like "named by its material" "$(alert_text)" "「经营场所使用证明」不是 PDF 文件"
t_is "the new good file added to the draft, the earlier one of that slot kept" "$(drafted)" "$NSLOTS"
t_like "the form says which are kept" "$HTTP_BODY" "已保存：m3.pdf"
t_is "nothing made" "$(napps)" 0
http_get cit "$EXT_URL/my" >/dev/null
t_like "我的办件 offers the draft back" "$HTTP_BODY" "/event/apply\?code=$EV&amp;key=$FORM_KEY\">继续填写"
http_upload cit "$EXT_URL/event/apply" "csrf=$CSRF" "form_key=$FORM_KEY" code=$EV "remark=锡林浩特市额尔敦路 12 号 草原人家餐馆" >/dev/null
t_like "submitted with the draft's files: to the bundle's page" "$HTTP_STATUS $HTTP_LOCATION" "^303 /bundle\?no=YJ[0-9]{13}$"
NO=${HTTP_LOCATION#*=}
t_is "one application per item, in the event's order" \
	"$(sql_ext "SELECT GROUP_CONCAT(item_code ORDER BY id) FROM application WHERE bundle_no = '$NO'")" "$I1,$I2,$I3"
t_is "the bundle numbered after its first" "YJ$(sql_ext "SELECT SUBSTR(MIN(app_no), 3) FROM application WHERE bundle_no = '$NO'")" "$NO"
t_is "one bundle row" "$(sql_ext "SELECT CONCAT(event_code, ' ', event_name) FROM app_bundle WHERE bundle_no = '$NO'")" "$EV 开办餐馆"
SHA=$(sha256sum "$_T_DIR/m$SHARED_SEQ.pdf" | cut -d' ' -f1)
t_is "the shared file named by each application, as each item's material" \
	"$(sql_ext "SELECT GROUP_CONCAT(CONCAT(p.item_code, ':', a.material_seq) ORDER BY p.id) FROM attachment a
		JOIN application p ON p.app_no = a.app_no WHERE p.bundle_no = '$NO' AND a.sha256 = '$SHA'")" "$I1:4,$I2:2,$I3:6"
EXT_FILES=$(sed -n 's/^files_dir *= *//p' "$EXT_CONF")
t_is "and stored once" "$(find "$EXT_FILES" -name "$SHA" | wc -l)" 1
t_is "an item's own material only in its application" \
	"$(sql_ext "SELECT COUNT(*) FROM attachment a JOIN application p ON p.app_no = a.app_no
		WHERE p.bundle_no = '$NO' AND a.material_name = '营业执照'")" 1
t_is "the draft is gone" "$(drafted)" 0
t_is "the remark given once, in each" "$(sql_ext "SELECT COUNT(DISTINCT remark), COUNT(*) FROM application WHERE bundle_no = '$NO'" | tr '\t' ' ')" "1 3"
http_upload cit "$EXT_URL/event/apply" "csrf=$CSRF" "form_key=$FORM_KEY" code=$EV "${ups[@]}" >/dev/null
t_is "the same form again lands on the same bundle" "$HTTP_STATUS $HTTP_LOCATION" "303 /bundle?no=$NO&again=1"
t_is "making nothing more" "$(napps)" 3
http_get other "$EXT_URL/bundle?no=$NO" >/dev/null
t_is "nobody else's to see: to the login" "$HTTP_STATUS" 303
http_get cit "$EXT_URL/my" >/dev/null
t_like "我的办件: the event as one entry, 办理中" "$(tr -d '\n' <<<"$HTTP_BODY")" "开办餐馆</a>\s*<span class=\"badge\">办理中</span>"

# --- in an enterprise's name (ACC-1): its staff with the right to apply ------
PW='Caoyuan-2026!'
REP=$(test_id 24) STAFF=$(test_id 25) OTHER=$(test_id 26)
ORG=$(printf 'ME%07d' $(($$ % 10000000)))
GOOD=$(credit_code "92152502${ORG}") THEIRS=$(credit_code "92152502MF${ORG:2}")
ENT=锡林浩特市草原人家餐馆$$
citizen() {	# JAR IDNO NAME: registered (as the hall would) and logged in
	YIWANG_PASSWORD=$PW admin_ext citizen-add "$2" "$3" 13904791234 >/dev/null
	ext_login "$1" "$2" "$PW"
}
citizen rep "$REP" 乌云其其格
citizen staff "$STAFF" 斯琴
citizen other "$OTHER" 额尔敦
admin_ext enterprise-add "$GOOD" "$ENT" 锡林浩特市额尔敦路12号 "$REP" >/dev/null
admin_ext enterprise-add "$THEIRS" 锡林浩特市那达慕饭店$$ 锡林浩特市 "$OTHER" >/dev/null
csrf=$(http_get rep "$EXT_URL/enterprise?code=$GOOD" | csrf_from)
http_post rep "$EXT_URL/enterprise/grant" "csrf=$csrf" "code=$GOOD" \
	"id_number=$STAFF" name=斯琴 r_apply=1 r_view=1 >/dev/null
t_is "the legal representative lets 斯琴 apply for it" "$HTTP_STATUS" 303
http_get staff "$EXT_URL/event/apply?code=$EV" >/dev/null
page=$(http_get staff "$EXT_URL$HTTP_LOCATION")
t_like "the event's form offers the enterprise" "$page" "as=$GOOD\">以${ENT}名义办理"
http_get staff "$EXT_URL/event/apply?code=$EV&as=$GOOD" >/dev/null
t_like "chosen, its key in the address with the enterprise" "$HTTP_STATUS $HTTP_LOCATION" "^303 /event/apply\?code=$EV&as=$GOOD&key=[0-9a-f]{64}$"
page=$(http_get staff "$EXT_URL$HTTP_LOCATION")
t_like "the enterprise shown as applicant, once" "$(tr -d '\n' <<<"$page")" "申请人（企业，各事项共用）.*<dd class=\"mono\">$GOOD</dd>"
t_like "the person as 经办人" "$page" "<legend>经办人信息</legend>"
ECSRF=$(csrf_from <<<"$page") EKEY=$(form_field form_key <<<"$page")
http_get other "$EXT_URL/event/apply?code=$EV&as=$GOOD&key=$EKEY" >/dev/null
t_is "someone without its right cannot open it: 403" "$HTTP_STATUS" 403
ocsrf=$(http_get other "$EXT_URL/my" | csrf_from)
http_upload other "$EXT_URL/event/apply" "csrf=$ocsrf" "form_key=$EKEY" \
	code=$EV "as=$GOOD" "${ups[@]}" >/dev/null
t_is "nor submit it: 403" "$HTTP_STATUS" 403
http_upload staff "$EXT_URL/event/apply" "csrf=$ECSRF" "form_key=$EKEY" \
	code=$EV "as=$GOOD" "${ups[0]}" save=1 >/dev/null
t_is "保存草稿 in its name" "$(sql_ext "SELECT credit_code FROM app_draft WHERE form_key = '$EKEY'")" "$GOOD"
http_get staff "$EXT_URL/my" >/dev/null
t_like "offered back in its name" "$HTTP_BODY" "/event/apply\?code=$EV&amp;as=$GOOD&amp;key=$EKEY\">继续填写"
http_get staff "$EXT_URL/event/apply?code=$EV&key=$EKEY" >/dev/null
t_is "not as the person's own: 409" "$HTTP_STATUS" 409
http_upload staff "$EXT_URL/event/apply" "csrf=$ECSRF" "form_key=$EKEY" \
	code=$EV "as=$GOOD" "${ups[@]}" >/dev/null
t_like "submitted in its name" "$HTTP_STATUS $HTTP_LOCATION" "^303 /bundle\?no=YJ[0-9]{13}$"
ENO=${HTTP_LOCATION#*=}
t_is "the bundle names the enterprise" "$(sql_ext "SELECT CONCAT_WS('|', b.citizen_id, b.entity_name, e.credit_code)
	FROM app_bundle b JOIN enterprise e ON e.id = b.enterprise_id WHERE b.bundle_no = '$ENO'")" "$(citizen_of "$STAFF")|$ENT|$GOOD"
t_is "and so does each application" "$(sql_ext "SELECT COUNT(*) FROM application p JOIN enterprise e
	ON e.id = p.enterprise_id WHERE p.bundle_no = '$ENO' AND p.credit_code = '$GOOD' AND p.entity_name = '$ENT'")" 3
t_is "nothing made for the one without the right" "$(sql_ext "SELECT COUNT(*) FROM app_bundle WHERE citizen_id = $(citizen_of "$OTHER")")" 0
http_get rep "$EXT_URL/enterprise?code=$GOOD" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the enterprise's page: the event as one entry" "$BODY" "/bundle\?no=$ENO\">开办餐馆</a>.*经办人 斯琴"
t_unlike "its applications not listed again alone" "$BODY" "/app\?no=YW"
http_get staff "$EXT_URL/my" >/dev/null
t_like "斯琴's 我的办件: one entry, in the enterprise's name" "$(tr -d '\n' <<<"$HTTP_BODY")" "/bundle\?no=$ENO\">开办餐馆</a> <span class=\"small\">（以${ENT}名义）"
http_get rep "$EXT_URL/bundle?no=$ENO" >/dev/null
t_is "the legal representative follows it" "$HTTP_STATUS" 200
t_like "named as the enterprise's" "$HTTP_BODY" "申请人：$ENT（以企业名义办理）"
http_get other "$EXT_URL/bundle?no=$ENO" >/dev/null
t_is "another enterprise's person: 404" "$HTTP_STATUS" 404
http_get cit "$EXT_URL/bundle?no=$ENO" >/dev/null
t_is "and a person with none: 404" "$HTTP_STATUS" 404

# --- across the gap: a case per department -------------------------------------
carry ext int
t_is "the enterprise's cases name it, as a single application's" "$(sql_int "SELECT GROUP_CONCAT(DISTINCT k.credit_code), COUNT(*)
	FROM kase k JOIN case_bundle b ON b.app_no = k.app_no WHERE b.bundle_no = '$ENO'" | tr '\t' ' ')" "$GOOD 3"
t_is "three cases, each its item's department's" \
	"$(sql_int "SELECT GROUP_CONCAT(CONCAT(i.dept_code, ':', k.item_code) ORDER BY k.app_no) FROM case_bundle b
		JOIN kase k ON k.app_no = b.app_no JOIN item i ON i.id = k.item_id WHERE b.bundle_no = '$NO'")" \
	"SCJGJ:$I1,SCJGJ:$I2,XFJY:$I3"
t_is "the shared file named by each case" "$(sql_int "SELECT COUNT(*) FROM attachment a JOIN case_bundle b
	ON b.app_no = a.app_no WHERE b.bundle_no = '$NO' AND a.sha256 = '$SHA'")" 3
INT_FILES=$(sed -n 's/^files_dir *= *//p' "$INT_CONF")
t_is "and stored once there too" "$(find "$INT_FILES" -name "$SHA" | wc -l)" 1
case_of() { sql_int "SELECT k.id FROM kase k JOIN case_bundle b ON b.app_no = k.app_no WHERE b.bundle_no = '$NO' AND k.item_code = '$1'"; }
C1=$(case_of $I1) C2=$(case_of $I2) C3=$(case_of $I3)
A1=$(sql_int "SELECT app_no FROM kase WHERE id = $C1")
staff_login clerk sarengaowa
http_get clerk "$INT_URL/case?id=$C1" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the case page names its 一件事" "$BODY" "本件属于一件事「<strong>开办餐馆</strong>」"
t_like "with a link to the sibling its department may see" "$BODY" "<a href=\"/case\\?id=$C2\">食品经营许可证核发（新办）</a>"
t_like "and the other department's named, not opened" "$BODY" "<li>公众聚集场所投入使用、营业前消防安全检查 · [^<]*消防[^<]*<span class=\"mono\">"
t_unlike "no link to it" "$BODY" "/case\?id=$C3\""
staff_login fire pengxiaoyan
http_get fire "$INT_URL/case?id=$C1" >/dev/null
t_is "the fire brigade's clerk cannot open the registry's case" "$HTTP_STATUS" 403

# --- back: 补正, withdrawal, decisions, one entry in 我的办件 -------------------
SEQ=$(sql_int "SELECT seq FROM item_material m JOIN kase k ON k.item_id = m.item_id WHERE k.id = $C1 ORDER BY seq LIMIT 1")
csrf=$(http_get clerk "$INT_URL/case?id=$C1" | csrf_from)
http_post clerk "$INT_URL/case/correct" "csrf=$csrf" "id=$C1" "c$SEQ=1" "r$SEQ=申请书缺少经营者签字。" >/dev/null
t_is "the registry's clerk asks for 补正" "$HTTP_STATUS" 303
carry int ext
t_is "the extranet has the new event after the carry" "$(items_of ext YJS-TEST)" "published $I1,152502-GA-SP-001"
http_get cit "$EXT_URL/my" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "我的办件: the event as one entry, saying one item needs 补正" "$BODY" "开办餐馆</a>\s*<span class=\"badge st-correction\">办理中，有事项需补正材料"
t_unlike "its applications not listed again alone" "$BODY" "<a class=\"mono row-main\" href=\"/app\?no=$A1\""
http_get cit "$EXT_URL/bundle?no=$NO" >/dev/null
BODY=$(tr -d '\n' <<<"$HTTP_BODY")
t_like "the bundle's page: each item's progress" "$BODY" "个体工商户设立登记</a>.*需补正.*食品经营许可证核发（新办）</a>.*公众聚集场所"
t_like "and its documents" "$BODY" "补正材料通知书"
csrf=$(http_get cit "$EXT_URL/app?no=$A1" | csrf_from)
http_post cit "$EXT_URL/app/withdraw" "csrf=$csrf" "no=$A1" confirm=1 "reason=个体户先不办了，以公司名义重新申请。" >/dev/null
t_is "the applicant withdraws that one" "$HTTP_STATUS" 303
carry ext int
t_is "its case ends" "$(sql_int "SELECT state FROM kase WHERE id = $C1")" withdrawn
for c in "$C2:clerk" "$C3:fire"; do
	csrf=$(http_get "${c#*:}" "$INT_URL/case?id=${c%:*}" | csrf_from)
	http_post "${c#*:}" "$INT_URL/case/act" "csrf=$csrf" "id=${c%:*}" action=reject "text=经营场所不符合要求。" >/dev/null
	t_is "case ${c%:*} decided (不予受理)" "$HTTP_STATUS" 303
done
carry int ext
http_get cit "$EXT_URL/my" >/dev/null
t_like "every case decided: 已办结" "$(tr -d '\n' <<<"$HTTP_BODY")" "开办餐馆</a>\s*<span class=\"badge st-approved\">已办结</span>"
t_done
