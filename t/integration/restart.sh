#!/usr/bin/env bash
# restart.sh: a database that restarts under a running site.  While it is
# down, pages say so in Chinese (no bare 502) and nothing half-done is kept;
# once it is back, the next request of each worker is answered as if
# nothing happened (issue #12): pages, logins and forms work again.
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

# Every worker meets the lost connection at its next request and runs
# its first statement again on a new one (db.c may_retry()): the visitor
# never sees the restart.  Ask more times than there are workers, some at
# once, so that each is asked.
codes=$(for _ in $(seq 1 4); do
	for _ in $(seq 1 4); do
		curl -s -o /dev/null -w '%{http_code}\n' --cacert "$TEST_CA" \
			"$EXT_URL/guide?code=$CODE" &
	done
	wait
done | sort | uniq -c | awk '{ print $2 "×" $1 }' | paste -sd' ')
t_is "after the restart every request is answered, from every worker" "$codes" "200×16"
t_like "each worker that lost its connection said so, and ran it again" \
	"$(tail -n 200 "$d/fcgi.log")" 'connected to the database again'
# Logins run on a pool of their own (SEC-8), whose worker meets the lost
# connection at its first login and carries on the same way.
csrf=$(http_get demo "$EXT_URL/login" | csrf_from)
http_post demo "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" "next=/my" >/dev/null
t_is "and a citizen logs in at the first try" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
http_get demo "$EXT_URL/my" >/dev/null
t_is "and sees their applications page" "$HTTP_STATUS" 200
t_done
