#!/usr/bin/env bash
# search.sh: finding items on the extranet (CAT-3) once the demo catalogue
# has crossed the gap: every published item is indexed; Chinese words find
# their items, names first; user input cannot speak Mroonga's query
# syntax; only published items are ever shown; the browse pages list what
# the database holds; and a search answers in under 50 ms (median of 20).
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001		# 食品经营许可证核发（新办）, in every demo
TMP=$_T_DIR

# search WORDS: GET /search?q=WORDS (URL-encoded by curl).
search() { http_raw anon "$EXT_URL/search" -G --data-urlencode "q=$1" >/dev/null; }
# The result cards of the last page, in order: titles, and item codes.
titles() { grep -o '<span class="card-title">[^<]*</span>' <<<"$HTTP_BODY" | sed 's/<[^>]*>//g'; }
codes() { grep -o 'href="/guide?code=[^"]*"' <<<"$HTTP_BODY" | sed 's/.*code=//; s/"$//'; }
# names_first WORD: no result whose name lacks WORD comes before one whose
# name has it.
names_first() {
	local t seen_other=0
	while IFS= read -r t; do
		if [[ $t == *"$1"* ]]; then
			((seen_other == 0)) || { echo "\"$t\" after a result without \"$1\""; return 1; }
		else
			seen_other=1
		fi
	done < <(titles)
}

# --- the index holds the published catalogue --------------------------------
published=$(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published'")
t_isnt "the extranet has published items" "$published" 0
t_is "every published item is indexed" \
	"$(sql_ext "SELECT COUNT(*) FROM item i JOIN item_search s ON s.code = i.code AND s.item_id = i.id WHERE i.status = 'published'")" \
	"$published"
t_is "the index uses Mroonga over InnoDB" \
	"$(sql_ext "SELECT engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'item_search'")" \
	"Mroonga"

# --- Chinese words find their items ------------------------------------------
search "食品"
t_is "食品: 200" "$HTTP_STATUS" 200
t_like "食品 finds 食品经营许可证核发（新办）" "$(codes)" "^$CODE\$"
t_like "the first result has 食品 in its name" "$(titles | head -n 1)" "食品"
t_ok "results whose names have 食品 come first" names_first "食品"
t_like "the query is shown back in the box" "$HTTP_BODY" 'name="q"[^>]*value="食品"'

search "食品经营许可"
t_like "a longer phrase finds it too" "$(codes)" "^$CODE\$"
search "食品 许可证"
t_like "two words: items that have both" "$(codes)" "^$CODE\$"
search "食品 火星"
t_like "two words, one nowhere: nothing" "$HTTP_BODY" "没有找到"
search "锡林浩特市市场监督管理局"
t_like "the department's name finds its items" "$(codes)" "^$CODE\$"
search "$CODE"
t_is "the item code finds that item first" "$(codes | head -n 1)" "$CODE"

for w in 许可 登记 证明; do
	search "$w"
	t_ok "$w: names that have it come first" names_first "$w"
done

# A keyword (docs/catalog.md "keywords") finds its item once the demo has one.
if grep -q '"keywords"[^,]*奶茶' "$ROOT"/db/demo/*.json "$ROOT"/db/demo/items/*.json 2>/dev/null; then
	search "奶茶"
	t_like "the keyword 奶茶 finds the food business licence" "$(codes)" "^$CODE\$"
fi

# Words that are in many materials and conditions do not break anything.
search "营业"
t_is "营业: 200" "$HTTP_STATUS" 200
search "证"
t_is "one character: 200" "$HTTP_STATUS" 200
t_unlike "one character looks in names only" "$(titles)" "^[^证]*$"

# --- what users type cannot become query syntax --------------------------------
for q in '食品" OR "1' '*D+ 食品' '+食品 -许可' '食品)' 'name:@食品' '食品\"' "食品' OR 1=1 --"; do
	search "$q"
	t_is "[$q]: 200" "$HTTP_STATUS" 200
done
search '食品 OR 火星'
t_like "OR is a word, not an operator" "$HTTP_BODY" "没有找到"
search '+食品 -许可'
t_like "a minus sign is no NOT: 食品 and 许可 both required" "$(codes)" "^$CODE\$"
search '<script>alert(1)</script>食品'
t_unlike "the query is shown escaped" "$HTTP_BODY" "<script>alert"
t_like "as text" "$HTTP_BODY" "&lt;script&gt;"
search '！？。'
t_like "punctuation only: asks for words" "$HTTP_BODY" "请输入要找的事项名称或关键词"
http_get anon "$EXT_URL/search?q=%FF%FE%C0%AF" >/dev/null
t_is "invalid UTF-8: 400 (no field may carry it, SEC-4)" "$HTTP_STATUS" 400
t_like "with a page that says what to do" "$HTTP_BODY" '无法识别的字符.*删除这些字符'
search "$(printf '食品%.0s' {1..60})"
t_is "a very long query: 400" "$HTTP_STATUS" 400
t_like "with a page that says what to do" "$HTTP_BODY" "搜索词太长"
http_get anon "$EXT_URL/search" >/dev/null
t_is "no query: the search box" "$HTTP_STATUS" 200
t_like "with words to try" "$HTTP_BODY" "大家常搜"

# --- only published items --------------------------------------------------------
# A row the index holds for no published version (a rolled-back import
# leaves such words behind in Groonga) is never shown.
sql_ext "INSERT INTO item_search (code, item_id, name, dept_name, themes, body) VALUES ('ZZ-NOT-PUBLISHED', 0, '幽灵测试事项', '', '', '幽灵')"
search "幽灵"
t_like "an indexed code without a published item is not shown" "$HTTP_BODY" "没有找到"
sql_ext "DELETE FROM item_search WHERE code = 'ZZ-NOT-PUBLISHED'"

# --- browse --------------------------------------------------------------------
http_get anon "$EXT_URL/browse" >/dev/null
t_is "browse: 200" "$HTTP_STATUS" 200
dept=$(sql_ext "SELECT dept_code FROM item WHERE code = '$CODE' AND status = 'published'")
n=$(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published' AND dept_code = '$dept'")
http_get anon "$EXT_URL/browse?by=dept" >/dev/null
t_is "by department: 200" "$HTTP_STATUS" 200
t_like "lists the department with its count" "$HTTP_BODY" "v=$dept\""
http_get anon "$EXT_URL/browse?by=dept&v=$dept" >/dev/null
t_like "the department's items include the item" "$(codes)" "^$CODE\$"
t_is "as many as the database has" "$(codes | wc -l)" "$n"
http_raw anon "$EXT_URL/browse" -G --data-urlencode "by=level" --data-urlencode "v=县级" >/dev/null
t_is "by level 县级: 200" "$HTTP_STATUS" 200
t_is "as many as the database has" "$(codes | wc -l)" \
	"$(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published' AND level = '县级'")"
theme=$(sql_ext "SELECT t.theme FROM item_theme t JOIN item i ON i.id = t.item_id WHERE i.status = 'published' LIMIT 1")
if [[ -n $theme ]]; then
	http_raw anon "$EXT_URL/browse" -G --data-urlencode "by=theme" --data-urlencode "v=$theme" >/dev/null
	t_is "by theme $theme: 200" "$HTTP_STATUS" 200
	t_is "as many as the database has" "$(codes | wc -l)" \
		"$(sql_ext "SELECT COUNT(*) FROM item_theme t JOIN item i ON i.id = t.item_id WHERE i.status = 'published' AND t.theme = '$theme'")"
fi
http_get anon "$EXT_URL/browse?by=nonsense" >/dev/null
t_is "an unknown way to browse: 400" "$HTTP_STATUS" 400
http_get anon "$EXT_URL/browse?by=dept&v=NO-SUCH-DEPT" >/dev/null
t_is "an unknown department: 404" "$HTTP_STATUS" 404
http_get anon "$INT_URL/search?q=x" >/dev/null
t_is "no search on the intranet" "$HTTP_STATUS" 404

# --- time: median of 20 searches under 50 ms -----------------------------------
words=(食品 营业执照 身份证 结婚 出生 许可 登记 "食品 经营" 证 社保)
for ((i = 0; i < 20; i++)); do
	curl -s -o /dev/null -w '%{time_starttransfer}\n' -G \
		--data-urlencode "q=${words[i % ${#words[@]}]}" "$EXT_URL/search"
done >"$TMP/times"
median=$(sort -n "$TMP/times" | awk '{ t[NR] = $1 } END { printf "%.1f", (t[10] + t[11]) / 2 * 1000 }')
t_diag "search: median time to first byte of 20 searches ${median} ms"
t_ok "median search time under 50 ms (${median} ms)" awk -v m="$median" 'BEGIN { exit !(m < 50) }'

t_done
