#!/usr/bin/env bash
# hall-ext.sh: the citizen's hall (EXT-9, EXT-11, EXT-13, CAT-3; issue #11,
# docs/search.md): the home page is a hall (search, 热门事项 from the
# results that arrived, themes, departments; no list of every item); the
# footer's numbers come from the configuration; the app manifest, icons,
# favicon, offline notice and service worker are served; session cookies
# are SameSite=Lax on the extranet and Strict on the intranet, so a link
# from outside arrives logged in and a POST without the token is refused;
# the large-text mode is a cookie on both sites; every field of the
# public forms has a label; every published item's guide says one thing
# about what is online and how many visits; and the demo's laws (CAT-5)
# are linked from the guides of the items they govern.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CIT=152502199003150027	# the demo applicant
PW=Yiwang@2026
conf() { sed -n "s/^$1 *= *//p" "$EXT_CONF"; }

# --- the home page is a hall ------------------------------------------------
http_get anon "$EXT_URL/" >/dev/null
t_is "home: 200" "$HTTP_STATUS" 200
t_like "its title names it" "$HTTP_BODY" "<title>首页 - "
t_like "search comes first" "$(grep -o 'role="search"\|id="h-themes"\|id="h-depts"' <<<"$HTTP_BODY" | head -n 1)" 'role="search"'
t_like "themes with icons" "$HTTP_BODY" 'browse\?by=theme&amp;v=[^"]*"><svg class="icon"'
t_like "departments" "$HTTP_BODY" 'href="/browse\?by=dept&amp;v='
t_like "and every item a page at a time" "$HTTP_BODY" \
	"全部 $(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published'") 项事项"
t_is "no card of every item" "$(grep -c 'class="card"' <<<"$HTTP_BODY")" 0
# 热门事项 only when some published item has decided cases (the suite's
# earlier scripts may have decided some).
done_sql="SELECT d.item_code FROM item_done d JOIN item i ON i.code = d.item_code AND i.status = 'published' ORDER BY d.done DESC, d.item_code LIMIT 8"
if [[ -z $(sql_ext "$done_sql") ]]; then
	t_unlike "no 热门事项 while no case was decided" "$HTTP_BODY" "热门事项"
else
	t_like "热门事项, since cases were decided" "$HTTP_BODY" "热门事项"
fi

# 热门事项: as results arrive from the intranet (PUB-1), the trigger counts
# them; the page lists the most decided first; a private result counts
# nowhere.
A=152502-SCJG-XK-006 B=152502-GA-SP-001
result() { # ID CODE PRIVATE
	sql_ext "INSERT INTO result_public (id, private, item_code, item_name, dept_code, dept_name, hall_code, decision, decided_on, due_on, doc_no, applicant, published_at, late)
	  VALUES ($1, $3, '$2', '', '', '', '', '准予', '2026-12-01', '2026-12-05', '', '张**', UTC_TIMESTAMP(), 0)"
}
count() { sql_ext "SELECT COALESCE(MAX(done), 0) FROM item_done WHERE item_code = '$1'"; }
a0=$(count "$A") b0=$(count "$B")
base=$(sql_ext "SELECT COALESCE(MAX(id), 0) + 900000 FROM result_public")
result $((base + 1)) "$B" 0
for i in 2 3 4 5 6 7 8 9 10 11 12; do result $((base + i)) "$A" 0; done
result $((base + 13)) "" 1
t_is "the trigger counted 11 more for A" "$(count "$A")" $((a0 + 11))
t_is "and 1 more for B" "$(count "$B")" $((b0 + 1))
t_is "and nothing for a private result" "$(sql_ext "SELECT COUNT(*) FROM item_done WHERE item_code = ''")" 0
http_get anon "$EXT_URL/" >/dev/null
pop=$(sed -n '/id="h-popular"/,/<\/ol>/p' <<<"$HTTP_BODY" | grep -o 'href="/guide?code=[^"]*"' | sed 's/.*code=//; s/"$//')
t_is "热门事项: the most decided first, as item_done counts" "$pop" "$(sql_ext "$done_sql")"
t_like "A among them" "$pop" "^$A\$"
t_like "with its count" "$HTTP_BODY" "已办结 $((a0 + 11)) 件"
if ((a0 + 11 > b0 + 1)) && grep -qx -- "$B" <<<"$pop"; then
	t_ok "A (more decided) before B" awk -v p="$(grep -nx -- "$A" <<<"$pop" | cut -d: -f1)" \
		-v q="$(grep -nx -- "$B" <<<"$pop" | cut -d: -f1)" 'BEGIN { exit !(p < q) }'
fi
sql_ext "DELETE FROM result_public WHERE id > $base"
sql_ext "UPDATE item_done SET done = done - 11 WHERE item_code = '$A'; UPDATE item_done SET done = done - 1 WHERE item_code = '$B'; DELETE FROM item_done WHERE done = 0"

# --- the footer, the favicon, the app ---------------------------------------
for v in "$(conf site_code)" "$(conf icp)" "$(conf psb)"; do
	t_isnt "the configuration has the footer's value" "$v" ""
	t_like "the extranet's footer shows $v" "$HTTP_BODY" "$v"
done
t_like "主办单位 from org_name" "$HTTP_BODY" "$(conf org_name) 主办"
http_get anon "$INT_URL/login" >/dev/null
t_like "the intranet's footer too" "$HTTP_BODY" "政府网站标识码 $(sed -n 's/^site_code *= *//p' "$INT_CONF")"

http_get anon "$EXT_URL/favicon.ico" >/dev/null
t_is "favicon.ico: 200" "$HTTP_STATUS" 200
t_like "an icon" "$(file -b "$HTTP_BODY_FILE")" "icon"
http_get anon "$EXT_URL/manifest.webmanifest" >/dev/null
t_is "manifest: 200" "$HTTP_STATUS" 200
t_like "as application/manifest+json" "$HTTP_CTYPE" "^application/manifest\+json"
cp "$HTTP_BODY_FILE" "$TMP/manifest"
t_is "starts at the hall, standalone" \
	"$(jq -r '.start_url + " " + .display' "$TMP/manifest")" "/ standalone"
for size in 192 512; do
	src=$(jq -r --arg s "${size}x$size" '.icons[] | select(.sizes == $s) | .src' "$TMP/manifest")
	http_get anon "$EXT_URL$src" >/dev/null
	t_is "icon $size: 200" "$HTTP_STATUS" 200
	t_like "a PNG of $size × $size" "$(file -b "$HTTP_BODY_FILE")" "PNG image data, $size x $size"
done
t_is "and an SVG icon" "$(jq -r '.icons[] | select(.type == "image/svg+xml") | .src' "$TMP/manifest")" /static/icon.svg
http_get anon "$EXT_URL/static/icon.svg" >/dev/null
t_like "that is SVG" "$HTTP_CTYPE" "^image/svg\+xml"
http_get anon "$EXT_URL/" >/dev/null
t_like "pages link the manifest" "$HTTP_BODY" '<link rel="manifest" href="/manifest.webmanifest">'
http_get anon "$EXT_URL/static/offline.html" >/dev/null
t_is "the offline notice: 200" "$HTTP_STATUS" 200
t_like "says what happened" "$HTTP_BODY" "没有连上网络"
t_like "and whom to call" "$HTTP_BODY" "便民热线 12345"
http_get anon "$EXT_URL/sw.js" >/dev/null
t_is "the service worker at the root: 200" "$HTTP_STATUS" 200
t_like "as JavaScript" "$HTTP_CTYPE" "javascript"
t_like "serves the offline notice" "$HTTP_BODY" 'caches.match\("/static/offline.html"\)'

# --- cookies: Lax on the extranet, Strict on the intranet ---------------------
http_get cit "$EXT_URL/login" >/dev/null
t_like "the pre-session cookie is SameSite=Lax" "$(cat "$HTTP_HEADERS_FILE")" \
	'Set-Cookie: __Host-yw_pre=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Secure'
csrf=$(csrf_from <<<"$HTTP_BODY")
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$CIT" "password=$PW" "next=/my" >/dev/null
t_is "the citizen logs in" "$HTTP_STATUS" 303
t_like "the session cookie is SameSite=Lax" "$(cat "$HTTP_HEADERS_FILE")" \
	'Set-Cookie: __Host-yw_sid=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Lax; Secure'
# What a browser sends under Lax: a link followed from another site (an
# SMS, a chat) is a top-level GET and carries the cookie ...
http_raw cit "$EXT_URL/my" -H "Referer: https://example.com/sms" -H "Sec-Fetch-Site: cross-site" \
	-H "Sec-Fetch-Mode: navigate" >/dev/null
t_is "a cross-site link to 我的办件 arrives logged in" "$HTTP_STATUS" 200
t_like "as the citizen" "$HTTP_BODY" 'class="nav-user"'
# ... a POST from another site carries none: the login is asked for.
http_raw xsite "$EXT_URL/logout" -H "Origin: https://example.com" --data "csrf=$csrf" >/dev/null
t_is "a cross-site POST (no cookie under Lax) is refused" "$HTTP_STATUS" 403
# And were the cookie sent (an old browser), the token is still needed.
http_raw cit "$EXT_URL/logout" -H "Origin: https://example.com" --data "csrf=0000" >/dev/null
t_is "a POST with the cookie and without the token: refused" "$HTTP_STATUS" 403
t_like "as from an unknown source" "$HTTP_BODY" "来源不明"
http_get cit "$EXT_URL/my" >/dev/null
t_is "and the session lives on" "$HTTP_STATUS" 200
http_get staff "$INT_URL/login" >/dev/null
t_like "the intranet's cookies stay SameSite=Strict" "$(cat "$HTTP_HEADERS_FILE")" \
	'Set-Cookie: __Host-yw_pre=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict; Secure'

# --- 大字版 (适老化): a cookie, no script, both sites ------------------------
http_raw big "$EXT_URL/display" -G --data-urlencode "size=big" \
	--data-urlencode "next=/guide?code=$A" >/dev/null
t_is "large text: back to the page" "$HTTP_STATUS $HTTP_LOCATION" "303 /guide?code=$A"
t_like "kept for 400 days" "$(cat "$HTTP_HEADERS_FILE")" \
	'Set-Cookie: __Host-yw_view=big; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=34560000'
http_get big "$EXT_URL/guide?code=$A" >/dev/null
t_like "the page is large" "$HTTP_BODY" '<body class="site-extranet view-big">'
t_like "and offers the standard size back" "$HTTP_BODY" 'href="/display\?size=normal&amp;next=%2Fguide%3Fcode%3D'
http_get anon "$EXT_URL/guide?code=$A" >/dev/null
t_like "another browser's is not" "$HTTP_BODY" '<body class="site-extranet">'
http_get big "$EXT_URL/display?size=normal&next=/" >/dev/null
http_get big "$EXT_URL/" >/dev/null
t_like "standard again" "$HTTP_BODY" '<body class="site-extranet">'
http_get big "$EXT_URL/display?size=big&next=//example.com/x" >/dev/null
t_is "next leaves the site: home instead" "$HTTP_LOCATION" /
http_get big "$EXT_URL/display?size=huge" >/dev/null
t_is "an unknown size: 400" "$HTTP_STATUS" 400
http_get bigint "$INT_URL/display?size=big&next=/login" >/dev/null
http_get bigint "$INT_URL/login" >/dev/null
t_like "the intranet has it too" "$HTTP_BODY" 'class="site-intranet view-big"'
t_like "print CSS hides the tools" "$(cat "$ROOT/htdocs/yiwang.css")" \
	'\.page-tools, \.pager, \.hall-search \{'

# --- every field labelled ---------------------------------------------------
for path in / /search /login /register /query "/browse?by=all"; do
	http_get anon "$EXT_URL$path" >/dev/null
	ids=$(grep -o '<input[^>]*>' <<<"$HTTP_BODY" | grep -v 'type="hidden"\|type="submit"' |
		grep -o ' id="[^"]*"' | sed 's/ id="//; s/"$//')
	bare=$(grep -o '<input[^>]*>' <<<"$HTTP_BODY" | grep -v 'type="hidden"\|type="submit"' |
		grep -v ' id="\| aria-label=' || true)
	t_is "$path: no field without an id or label" "$bare" ""
	for id in $ids; do
		t_like "$path: #$id has its label" "$HTTP_BODY" "<label[^>]* for=\"$id\""
	done
done

# --- guides never contradict themselves --------------------------------------
# For each published item: the page offers 在线办理 exactly when the item
# is online (A or B, not secret); it never says 暂不支持在线办理 beside
# 0 visits; a parent whose sub-items are online says so instead.
bad=0 n=0
while IFS=$'\t' read -r code depth secret subs_online; do
	http_get anon "$EXT_URL/guide?code=$code" >/dev/null
	n=$((n + 1))
	online=0
	[[ $depth == [AB] && $secret == 0 ]] && online=1
	offered=0
	grep -q 'href="/apply?code=' <<<"$HTTP_BODY" && offered=1
	visits=$(grep -o '<span>到现场次数</span><strong>[^<]*' <<<"$HTTP_BODY" | sed 's/.*<strong>//')
	if [[ $HTTP_STATUS != 200 || $online != "$offered" ]] ||
	    { grep -q '暂不支持在线办理' <<<"$HTTP_BODY" && [[ $visits == "0 次" ]]; } ||
	    { ((online == 0 && subs_online > 0)) && ! grep -q '种可以在线办理' <<<"$HTTP_BODY"; } ||
	    [[ $(grep -o '到现场次数</t[hd]><td>[^<]*' <<<"$HTTP_BODY" | sed 's/.*<td>//') != "$visits" ]]; then
		t_diag "$code: status $HTTP_STATUS, online $online, offered $offered, visits $visits"
		bad=$((bad + 1))
	fi
done < <(sql_ext "SELECT i.code, i.depth, i.secret, (SELECT COUNT(*) FROM item c WHERE c.parent_code = i.code AND c.status = 'published' AND c.depth IN ('A', 'B') AND c.secret = 0) FROM item i WHERE i.status = 'published' ORDER BY i.code")
t_is "every published item's guide read" "$n" "$(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published'")"
t_is "no guide says two things" "$bad" 0
http_get anon "$EXT_URL/guide?code=152502-SCJG-XK-002" >/dev/null
t_unlike "食品经营许可's parent guide: no 暂不支持在线办理" "$HTTP_BODY" "暂不支持在线办理"
t_like "its sub-items to choose, 4 of them online" "$HTTP_BODY" "分 4 种办理情形，其中 4 种可以在线办理"
t_like "its title names it" "$HTTP_BODY" "<title>食品经营许可证核发 · 办事指南 - "
t_like "a print button" "$HTTP_BODY" '<button type="button" class="print-btn" hidden>打印本页</button>'

# --- policy and law texts (CAT-5) of the demo catalogue ------------------------
http_get anon "$EXT_URL/guide?code=152502-SCJG-XK-001" >/dev/null
law=$(grep -A 3 'id="g-laws"' <<<"$HTTP_BODY" | grep -o 'href="/news/item?id=[0-9]*">《中华人民共和国食品安全法》' | grep -o '[0-9][0-9]*' | head -n 1)
t_isnt "the food licence's guide links 《中华人民共和国食品安全法》" "$law" ""
http_get anon "$EXT_URL/news/item?id=$law" >/dev/null
t_is "which opens" "$HTTP_STATUS" 200
t_like "with its article on licences" "$HTTP_BODY" "第三十五条　国家对食品生产经营实行许可制度"
http_get anon "$EXT_URL/guide?code=152502-SL-XK-001" >/dev/null
t_like "取水许可's guide links 《中华人民共和国水法》" "$HTTP_BODY" '>《中华人民共和国水法》（取水许可有关条款）</a>'
t_is "as many linked laws as policies.json gives the demo" \
	"$(sql_ext "SELECT COUNT(DISTINCT news_id) FROM news_public_item")" \
	"$(jq '.policies | length' "$ROOT/db/demo/policies.json")"

t_done
