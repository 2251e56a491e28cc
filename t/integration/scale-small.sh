#!/usr/bin/env bash
# scale-small.sh (issue #12 "Scale", "Submissions"): the benches at a
# test's size, for what they prove besides timings.  bench/scale.sh
# --small grows the catalogue to 2,000 items and the history from 500
# to 1,500 cases: every page it measures answers 200 at both sizes, no
# page runs more statements at the larger (a worklist's page may read a
# batch or two more of item versions, 3 statements each), and the pages
# show the grown catalogue: the departments a page at a time with a 下一页
# link that works.
# bench/submit.sh --small: two applicants submit for 3 seconds and every
# acknowledged application is in the database with its material and its
# file.  No timing is asserted.
. "$(dirname "$0")/../lib.sh"

bench() {
	YIWANG_EXT_URL=$EXT_URL YIWANG_INT_URL=$INT_URL YIWANG_EXT_CONF=$EXT_CONF \
		YIWANG_INT_CONF=$INT_CONF YIWANG_CA=$TEST_CA "$ROOT/bench/$1" "${@:2}"
}

rc=0
out=$(bench scale.sh --small --keep 2>&1) || rc=$?
printf '# %s\n' "${out//$'\n'/$'\n'# }"
t_is "bench/scale.sh --small succeeds" "$rc" 0
t_like "every page answered 200, statements bounded" "$out" 'bounded: yes'
for p in guide search theme home depts dept inbox done-list case search-name search-state; do
	t_like "it measured $p at both sizes" "$out" "^  $p +[0-9.]+ ms +[0-9.]+ ms .* 200/200$"
done

# The grown catalogue on the pages: a department of another banner, the
# departments a page at a time, the next page by its link.
t_ok "some 2,000 items over hundreds of departments" test \
	"$(sql_ext "SELECT COUNT(*) FROM item_facet WHERE kind = 'dept' AND n > 0")" -gt 400
http_get anon "$EXT_URL/browse?by=dept" >/dev/null
http_last
t_is "the departments' first page" "$HTTP_STATUS" 200
t_is "holds 60 departments" "$(grep -c 'class="card-link" href="/browse?by=dept&amp;v=' <<<"$HTTP_BODY")" 60
next=$(grep -o 'href="/browse?by=dept&amp;dn=[0-9]*&amp;dk=[^"]*"' <<<"$HTTP_BODY" | head -1 |
	sed 's/^href="//; s/"$//; s/&amp;/\&/g')
t_like "and a link to the next" "$next" '^/browse\?by=dept&dn=[0-9]+&dk=[A-Z0-9-]+$'
first=$(grep -o 'by=dept&amp;v=[^"]*"' <<<"$HTTP_BODY" | sed -n 1p)
http_get anon "$EXT_URL$next" >/dev/null
http_last
t_is "which answers" "$HTTP_STATUS" 200
t_unlike "with other departments" "$HTTP_BODY" "$first"
t_like "呼和浩特市新城区's departments among them" \
	"$(sql_ext "SELECT label FROM item_facet WHERE kind = 'dept' AND fkey LIKE 'G001-%'")" '^新城区市场监督管理局$'
http_get anon "$EXT_URL/" >/dev/null
http_last
t_like "the home page names a dozen departments and links to all" "$HTTP_BODY" \
	'href="/browse\?by=dept">全部部门'
t_is "a dozen" "$(grep -c 'href="/browse?by=dept&amp;v=' <<<"$HTTP_BODY")" 12
t_is "the count of all is the published items'" \
	"$(sql_ext "SELECT n FROM item_facet WHERE kind = 'all'")" \
	"$(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published'")"
t_is "each department's count is its published items'" \
	"$(sql_ext "SELECT COUNT(*) FROM item_facet f LEFT JOIN (SELECT dept_code, COUNT(*) c
		FROM item WHERE status = 'published' GROUP BY dept_code) x ON x.dept_code = f.fkey
		WHERE f.kind = 'dept' AND f.n <> COALESCE(x.c, 0)")" 0
t_is "and each life event's its published items'" \
	"$(sql_ext "SELECT COUNT(*) FROM item_facet f LEFT JOIN (SELECT t.theme, COUNT(*) c
		FROM item_theme t JOIN item i ON i.id = t.item_id AND i.status = 'published'
		GROUP BY t.theme) x ON x.theme = f.fkey
		WHERE f.kind = 'theme' AND f.n <> COALESCE(x.c, 0)")" 0

# The 已办 list a page at a time, of whoever acted on the most cases (the
# generated history is dealt out by the day it is generated on: one
# person's share moves from day to day).
read -r busiest acted < <(sql_int "SELECT s.login, COUNT(DISTINCT h.case_id) n
	FROM case_hand h JOIN staff s ON s.id = h.staff_id
	GROUP BY s.id ORDER BY n DESC, s.login LIMIT 1")
t_ok "someone acted on more cases than the 已办 list's page of 50 ($busiest, $acted)" \
	test "${acted:-0}" -gt 50
staff_login handler "$busiest"
http_get handler "$INT_URL/inbox" >/dev/null
http_last
done_next=$(grep -o 'href="/inbox?done_before=[0-9]*"' <<<"$HTTP_BODY" | head -1 | tr -dc 0-9)
t_like "the worklist links to the 已办 list's next page" "$done_next" '^[0-9]+$'
http_get handler "$INT_URL/inbox?done_before=$done_next" >/dev/null
http_last
t_is "which answers" "$HTTP_STATUS" 200
t_unlike "without the case the first page ended with" "$HTTP_BODY" "/case\?id=$done_next\""
http_get handler "$INT_URL/inbox?done_before=x" >/dev/null
http_last
t_is "a page key not ours is refused" "$HTTP_STATUS" 400

# Back to the demo's size for the scripts after.
bench scale.sh --small --remove-only >/dev/null 2>&1 || true
t_is "the generated items are gone" \
	"$(sql_ext "SELECT COUNT(*) FROM item WHERE code LIKE 'G___-%'")" 0
t_is "and the counts are the demo's again" \
	"$(sql_ext "SELECT n FROM item_facet WHERE kind = 'all'")" \
	"$(sql_ext "SELECT COUNT(*) FROM item WHERE status = 'published'")"

rc=0
out=$(bench submit.sh --small 2>&1) || rc=$?
printf '# %s\n' "${out//$'\n'/$'\n'# }"
t_is "bench/submit.sh --small: every acknowledged application is whole" "$rc" 0
t_like "it printed the rate and the reference" "$out" \
	'applications/s.*'
t_like "and checked each" "$out" 'durable: ([1-9][0-9]*) of \1 in the database, \1 with their material, \1 of the same SHA-256, 0 files missing'
t_done
