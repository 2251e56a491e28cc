#!/usr/bin/env bash
# restart.sh: a database that restarts under a running site.  While it is
# down, pages say so in Chinese (no bare 502) and nothing half-done is kept;
# once it is back, workers that lost their connection have been replaced
# and pages, logins and forms work again.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001
d=$TEST_VAR/ext
pid=$(cat "$d/mysqld.pid")
mapfile -d '' -t cmd <"/proc/$pid/cmdline"

http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_is "the guide answers before the restart" "$HTTP_STATUS" 200

mariadb-admin --no-defaults --socket="$d/mysqld.sock" -uroot shutdown
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
t_ok "the extranet database is down" bash -c "! kill -0 $pid 2>/dev/null"

http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_isnt "while it is down, the page is not served as if all were well" "$HTTP_STATUS" 200
t_like "and the visitor reads what happened and what to do" "$HTTP_BODY" "请稍后再试|系统正忙"

setsid nohup "${cmd[@]}" >/dev/null 2>&1 </dev/null &
for _ in $(seq 1 100); do
	mariadb-admin --no-defaults --socket="$d/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
	sleep 0.2
done
t_ok "the database is back" mariadb-admin --no-defaults --socket="$d/mysqld.sock" -uroot ping

# Every worker either kept a good connection or was replaced: ask more
# times than there are workers.
good=0
for _ in $(seq 1 40); do
	http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
	[[ $HTTP_STATUS == 200 ]] && good=$((good + 1))
	((good >= 8)) && break
	sleep 0.25
done
t_is "after the restart the guide answers again, from every worker" "$good" 8
# Logins run on a pool of their own (SEC-8), whose workers meet the lost
# connection at their first login and are replaced the same way.
csrf=$(http_get demo "$EXT_URL/login" | csrf_from)
for _ in 1 2 3; do
	http_post demo "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" "next=/my" >/dev/null
	# The worker that finds its connection gone answers 503 (系统正忙)
	# and connects again before its next request.
	[[ $HTTP_STATUS == 50[23] ]] || break
	sleep 0.5
done
t_is "and a citizen can log in" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
http_get demo "$EXT_URL/my" >/dev/null
t_is "and see their applications page" "$HTTP_STATUS" 200
t_done
