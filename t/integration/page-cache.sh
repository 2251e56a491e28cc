#!/usr/bin/env bash
# page-cache.sh — issue #12 Speed: the public catalogue pages each
# extranet worker keeps for visitors without a session (ext_cache.c): a
# kept page is the page made again, byte for byte, served without the
# page's statements; the first request after a write to what it shows (a
# catalogue import, a booking plan, a FAQ: db/280_page_gen.sql) makes it
# again; a logged-in visitor is never served a kept page nor leaves one.
# A kept page costs no statement while no write of the application moved
# the site's shared counter (pagecache.h, pagegen); a change made in SQL
# shows within PAGEGEN_RECHECK_MS, or at once after pages-expire.
# The login form is kept too, served with each visitor's own form token.
# The test stack says which (X-Yiwang-Cache: hit or miss); its fault
# header without a fault makes a page afresh.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局 (SCJGJ)
GUIDE="$EXT_URL/guide?code=$CODE"
TMP=$_T_DIR
executed() { sql_ext "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2; }
kept() { tr -d '\r' <"$HTTP_HEADERS_FILE" | sed -n 's/^[Xx]-[Yy]iwang-[Cc]ache: //p'; }
bump() { admin_ext pages-expire; }
# until_kept JAR URL: GET until a worker answers with the page it kept
# (each of the 4 keeps its own); 1 when none did in 24 tries.
until_kept() {
	for _ in $(seq 1 24); do
		http_get "$1" "$2" >/dev/null
		[[ $(kept) == hit ]] && return 0
	done
	return 1
}

# --- a kept page: no statement, the same bytes ---------------------------------
bump
http_get anon "$GUIDE" >/dev/null
t_is "after a change, the guide is made again" "$HTTP_STATUS $(kept)" "200 miss"
cp "$HTTP_BODY_FILE" "$TMP/made.html"
t_ok "then a worker serves the page it kept" until_kept anon "$GUIDE"
t_ok "byte for byte the page it made" cmp -s "$TMP/made.html" "$HTTP_BODY_FILE"
n=''
for _ in $(seq 1 24); do
	a=$(executed)
	http_get anon "$GUIDE" >/dev/null
	b=$(executed)
	[[ $(kept) == hit ]] && { n=$((b - a)); break; }
done
t_is "without a statement (no write since), not the page's 6" "$n" 0
t_unlike "to a visitor who sent their form token, no cookie" \
	"$(cat "$HTTP_HEADERS_FILE")" 'Set-Cookie'
# Served before the CGI kit reads the request (ext_cache.c, page_ext_fast)
# to a visitor who sent no cookie: with the form token's cookie, as a page
# made for them would be.
h=''
for _ in $(seq 1 24); do
	h=$(curl -s --cacert "$TEST_CA" -D - -o "$TMP/nocookie.html" "$GUIDE" |
		tr -d '\r')
	[[ $h == *"X-Yiwang-Cache: hit"* ]] && break
done
want='Set-Cookie: __Host-yw_pre=[0-9a-f]{64}; Path=/; HttpOnly; '
want+='SameSite=Lax; Secure; Max-Age=[0-9]+'
t_like "to a visitor who sent no cookie, a kept page sets the form token's" \
	"$h" "$want"
t_ok "and is the page made for them" \
	cmp -s "$TMP/made.html" "$TMP/nocookie.html"
# A change made in SQL, outside the application, shows within a second.
until_kept anon "$GUIDE"
sql_ext "UPDATE page_gen SET gen = gen + 1 WHERE id = 1"
sleep 1.1
http_get anon "$GUIDE" >/dev/null
t_is "a change made in SQL is seen within PAGEGEN_RECHECK_MS" "$(kept)" miss

# Every public page of the demo, kept, is the page made afresh.  Each is
# asked 5 times: of 4 workers, one that has not kept it makes it and keeps
# it, so at least one answer is a kept page.
pages=(/ /browse "/browse?by=dept" "/browse?by=all" "/search?q=%E8%AE%B8%E5%8F%AF")
for c in $(sql_ext "SELECT code FROM item WHERE status = 'published' ORDER BY code"); do
	pages+=("/guide?code=$c")
done
: >"$TMP/fresh.curl"
: >"$TMP/kept.curl"
for i in "${!pages[@]}"; do
	printf 'url = "%s"\noutput = "%s"\n' "$EXT_URL${pages[i]}" "$TMP/fresh.$i" >>"$TMP/fresh.curl"
	for k in 1 2 3 4 5; do
		printf 'url = "%s"\noutput = "%s"\n' "$EXT_URL${pages[i]}" "$TMP/kept.$i.$k" >>"$TMP/kept.curl"
	done
done
curl -s -Z --parallel-max 4 --cacert "$TEST_CA" -H 'X-Yiwang-Fault: none' -K "$TMP/fresh.curl"
declare -A how
while read -r f h; do
	how[$f]=$h
done < <(curl -s -Z --parallel-max 4 --cacert "$TEST_CA" \
	-w '%{filename_effective} %header{x-yiwang-cache}\n' -K "$TMP/kept.curl")
differ=() n=0
for i in "${!pages[@]}"; do
	same=0
	for k in 1 2 3 4 5; do
		[[ ${how[$TMP/kept.$i.$k]:-} == hit ]] || continue
		n=$((n + 1))
		if ! cmp -s "$TMP/fresh.$i" "$TMP/kept.$i.$k"; then
			same=0
			break
		fi
		same=1
	done
	((same)) || differ+=("${pages[i]}")
done
t_is "all ${#pages[@]} public pages of the demo, kept, are the pages made afresh ($n kept answers)" \
	"${differ[*]}" ""

# The login form is kept with its form token's places marked: each
# visitor is served it with their own token, the one of their cookie.
LOGIN=$EXT_URL/login
tok=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
curl -s --cacert "$TEST_CA" -H 'X-Yiwang-Fault: none' \
	-H "Cookie: __Host-yw_pre=$tok" -o "$TMP/login.made" "$LOGIN"
seen=0 same=0 own=0 mine=0 fresh=''
for _ in $(seq 1 24); do
	h=$(curl -s --cacert "$TEST_CA" -D - -o "$TMP/login.kept" \
		-H "Cookie: __Host-yw_pre=$tok" "$LOGIN" | tr -d '\r')
	[[ $h == *"X-Yiwang-Cache: hit"* ]] || continue
	seen=1
	cmp -s "$TMP/login.made" "$TMP/login.kept" && same=1
	[[ $h == *Set-Cookie* ]] || mine=1
	break
done
t_is "the login form, kept, to a visitor with their form token" \
	"$seen $same $mine" "1 1 1"
for _ in $(seq 1 24); do
	h=$(curl -s --cacert "$TEST_CA" -D - -o "$TMP/login.new" "$LOGIN" |
		tr -d '\r')
	[[ $h == *"X-Yiwang-Cache: hit"* ]] || continue
	fresh=$(sed -n 's/.*yw_pre=\([0-9a-f]\{64\}\);.*/\1/p' <<<"$h")
	own=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$TMP/login.new" |
		sort -u | sed 's/.*value="//; s/"$//')
	break
done
t_ok "to a new visitor: a fresh token in their cookie" test -n "$fresh"
t_is "and the same in the form, no one else's" "$own" "$fresh"
t_unlike "not the token of the visitor it was made for" \
	"$(cat "$TMP/login.new")" "$tok"

# The large-text mode is a page of its own, kept apart.
http_get big "$EXT_URL/display?size=big&next=/" >/dev/null
t_ok "in the large-text mode a kept guide is served too" until_kept big "$GUIDE"
t_like "in that mode" "$HTTP_BODY" 'class="[^"]*view-big'
until_kept anon "$GUIDE"
t_unlike "and the normal mode's kept guide is not" "$HTTP_BODY" 'class="[^"]*view-big'

# --- logged in: never served a kept page, never leaving one ---------------------
ext_login demo 152502199003150027 Yiwang@2026
NAME=$(sql_ext "SELECT name FROM citizen WHERE id = $(citizen_of 152502199003150027)")
bump
hits=0
for _ in $(seq 1 8); do
	http_get demo "$GUIDE" >/dev/null
	[[ -n $(kept) ]] && hits=$((hits + 1))
done
t_is "a logged-in citizen's guide is made for them each time" "$hits" 0
t_like "with their name" "$HTTP_BODY" "$NAME"
t_like "and the question form with their token" "$HTTP_BODY" 'name="csrf" value="[0-9a-f]{64}"'
http_get anon "$GUIDE" >/dev/null
t_is "their pages were not kept for the next visitor" "$(kept)" miss
t_unlike "who never sees their name" "$HTTP_BODY" "$NAME"
# A session cookie, even one no longer good, is never answered from the
# kept pages: its page may be a person's.
_http anon "$GUIDE" -b 'yw_sid=0000000000000000000000000000000000000000000000000000000000000000;__Host-yw_sid=0000000000000000000000000000000000000000000000000000000000000000' >/dev/null
t_is "nor is a request with any session cookie" "$HTTP_STATUS $(kept)" "200 "

# --- an import that changes the guide shows at once ------------------------------
# Window B01 of 市场监督管理局 takes bookings or not (booking.sh plans it):
# the intranet's plan changes that, and the guide says so once it crosses.
book_cta=预约到窗口办理
until_kept anon "$GUIDE"
if [[ $HTTP_BODY == *"$book_cta"* ]]; then
	cap=0 was="offered a booking" now=no
else
	cap=1 was="offered none" now=offers
fi
t_ok "the intranet plans window B01 to take $cap a slot" \
	admin_int booking-plan SCJGJ B01 30 "$cap" "09:00 09:30"
t_ok "the plan crosses the gap" carry int ext
http_get anon "$GUIDE" >/dev/null
t_is "the next visitor's guide (it $was) is made again" "$(kept)" miss
if ((cap)); then
	t_like "and offers the booking" "$HTTP_BODY" "$book_cta"
else
	t_unlike "and offers no booking" "$HTTP_BODY" "$book_cta"
fi
until_kept anon "$GUIDE"
t_is "kept so" "$([[ $HTTP_BODY == *"$book_cta"* ]] && echo offers || echo no)" "$now"

# A FAQ published under the guide (EXT-7) moves the generation too.
g0=$(sql_ext "SELECT gen FROM page_gen")
sql_ext "UPDATE consult SET faq = faq WHERE faq = 0 LIMIT 1"
t_is "a question that is no FAQ leaves the pages kept" "$(sql_ext "SELECT gen FROM page_gen")" "$g0"
read -r news item < <(sql_ext "SELECT news_id, item_code FROM news_public_item
	WHERE item_code = '$CODE' LIMIT 1")
sql_ext "DELETE FROM news_public_item WHERE news_id = $news AND item_code = '$item'"
g1=$(sql_ext "SELECT gen FROM page_gen")
t_ok "a text no longer citing the item moves it" test "$g1" -gt "$g0"
sql_ext "INSERT INTO news_public_item (news_id, item_code) VALUES ($news, '$item')"
t_ok "and citing it again" test "$(sql_ext "SELECT gen FROM page_gen")" -gt "$g1"
t_done
