#!/usr/bin/env bash
# supervise.sh: the workers' supervisor never gives up (review F3: after
# 20 quick deaths multiwatch stopped restarting a slot, and with every slot
# gone the site answered 502 until someone restarted it).  The extranet's
# workers are killed 200 times with SIGKILL, each as soon as it is there;
# the supervisor backs off (its log says so) but keeps them coming, and
# the site serves again within a second of the last kill, from all four.
. "$(dirname "$0")/../lib.sh"

D=$TEST_VAR/ext
SUP=$(cat "$D/fcgi.pid")
workers() { ps -o pid= --ppid "$SUP" | tr -d ' '; }
log_lines() { wc -l <"$D/fcgi.log"; }

t_is "the extranet runs four workers" "$(workers | wc -l)" 4
lines=$(log_lines)
kills=0
start=$(date +%s%N)
# (Never more than a minute, whatever the supervisor does.)
while ((kills < 200 && $(date +%s%N) - start < 60000000000)); do
	w=$(workers)
	if [[ -z $w ]]; then
		sleep 0.005
		continue
	fi
	# shellcheck disable=SC2086  # one pid a word
	kill -KILL $w 2>/dev/null
	kills=$((kills + $(wc -w <<<"$w")))
done
ms=$((($(date +%s%N) - start) / 1000000))
t_diag "$kills SIGKILLs in $ms ms"
t_like "200 workers killed" "$kills" '^2[0-9][0-9]$'
t_ok "the supervisor is still there" kill -0 "$SUP"
t_like "and said it backs off" "$(tail -n +"$lines" "$D/fcgi.log")" '毫秒后重启'
start=$(date +%s%N)
code=000
for _ in $(seq 1 200); do
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$EXT_URL/")
	[[ $code == 200 ]] && break
	sleep 0.01
done
t_is "the site answers again" "$code" 200
back=$((($(date +%s%N) - start) / 1000000))
# The longest back-off is 0.5 s; a busy machine may add to it.
t_ok "within two seconds of the last kill ($back ms)" test "$back" -lt 2000
n=0
for _ in $(seq 1 50); do
	n=$(workers | wc -l)
	((n == 4)) && break
	sleep 0.1
done
t_is "with all four workers" "$n" 4
ok=0
for _ in $(seq 1 40); do
	[[ $(curl -s -o /dev/null -w '%{http_code}' "$EXT_URL/guide?code=152502-SCJG-XK-001") == 200 ]] && ok=$((ok + 1))
done
t_is "which serve every request" "$ok" 40

t_done
