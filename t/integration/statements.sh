#!/usr/bin/env bash
# statements.sh — issue #12 Speed: the public pages run the fewest
# statements that make them, counted by the extranet's database
# (Com_stmt_execute: the extranet runs no tick, so between two readings
# only the page ran).  The guide of an item with a parent: the item, its
# materials, its steps (not its flows, which the guide does not show),
# its sub-items, the parent's name alone, the texts that govern it.  And
# the purge of expired sessions at each login reads an index (db/170).
. "$(dirname "$0")/../lib.sh"

executed() { sql_ext "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2; }
# statements URL: how many statements one anonymous GET of URL ran.
statements() {
	local a b
	a=$(executed)
	http_get anon "$1" >/dev/null
	b=$(executed)
	echo $((b - a))	# the reading itself is no prepared statement
}

CHILD=$(sql_ext "SELECT code FROM item WHERE status = 'published' AND parent_code <> '' ORDER BY code LIMIT 1")
t_ok "the demo catalogue has an item with a parent" test -n "$CHILD"
n=$(statements "$EXT_URL/guide?code=$CHILD")
http_last
t_is "its guide answers" "$HTTP_STATUS" 200
t_like "with its parent's name as a link" "$HTTP_BODY" 'href="/guide\?code=[^"]*"'
t_is "in 6 statements" "$n" 6
t_is "the home page: 1" "$(statements "$EXT_URL/")" 1
t_is "a search: 1" "$(statements "$EXT_URL/search?q=%E8%AE%B8%E5%8F%AF")" 1
t_is "browsing by theme: 1" "$(statements "$EXT_URL/browse")" 1
t_is "the login page: none" "$(statements "$EXT_URL/login")" 0
# Every login purges expired sessions: by an index, not every session.
for site in ext int; do
	t_like "the $site's purge of expired sessions reads an index" \
		"$(_sql "$TEST_VAR/$site" "EXPLAIN DELETE FROM session WHERE created_at <
		UTC_TIMESTAMP() - INTERVAL 43200 SECOND LIMIT 100")" '[[:space:]]created[[:space:]]'
done
t_done
