#!/usr/bin/env bash
# replica.sh — issue #12, docs/replica.md: the extranet with a replica of
# its database.  Configured (db_replica = on), ./run start copies the
# primary into it and it replicates semi-synchronously: a submission
# acknowledged on the primary is on the replica; the public catalogue of
# visitors without a session is read from it, and from the primary when
# it is gone (never an error); a dead replica stops no submission, and
# the primary's log says that it went on alone.  Then the drill: the
# primary is killed (SIGKILL), ./run failover promotes the replica, the
# site serves pages and takes submissions again, and no acknowledged
# submission is lost.  Last, the stack is put back as the other scripts
# know it.
. "$(dirname "$0")/../lib.sh"

RUN=$ROOT/run
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
D=$TEST_VAR/ext
R=$D/replica

# on N SQL: SQL as root on the server of folder N (D or D/replica).
on() {
	mariadb --no-defaults --default-character-set=utf8mb4 -uroot -N -B \
		--socket="$1/mysql/mysqld.sock" yiwang -e "$2"
}
status_of() { on "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2; }
# alive PID: running, not a zombie (PID 1 here may not reap).
alive() {
	local s
	s=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) && [[ $s != [ZX] ]]
}
killed() { # PIDFILE: its server killed, at once (SIGKILL)
	local pid
	pid=$(cat "$1")
	kill -KILL "$pid"
	for _ in $(seq 50); do alive "$pid" || return 0; sleep 0.1; done
	return 1
}
has_app() { on "$1" "SELECT COUNT(*) FROM application WHERE app_no = '$2'"; }
# on_soon N NO: the application NO is on N within 5 s.
on_soon() {
	for _ in $(seq 50); do
		[[ $(has_app "$1" "$2") == 1 ]] && return 0
		sleep 0.1
	done
	return 1
}
# guides N: N guide pages as a visitor without a session, their statuses
# counted ("200×N"); each asks anew (its own address: not kept).
guides() {
	local i
	{
		for ((i = 0; i < $1; i++)); do
			curl -s -o /dev/null -w '%{http_code}\n' --cacert "$TEST_CA" \
				"$EXT_URL/guide?code=$CODE&n=$RANDOM$i" &
		done
		wait
	} | sort | uniq -c | awk '{ print $2 "×" $1 }' | paste -sd' '
}

# usual: the usual stack again, for the scripts after this one: no
# replica, the site's database in its first place (after a failover, the
# promoted replica's, moved there: the killed old primary's is dropped),
# the config as it was, the site started again.  The end of this script
# does it and checks it; after a failure, the exit does.
CONF=$(cat "$D/yiwang.conf")
USUAL=
usual() {
	local f
	USUAL=1
	mariadb-admin --no-defaults --socket="$R/mysql/mysqld.sock" -uroot \
		shutdown >/dev/null 2>&1
	if [[ -d $R/db && $(sed -n 's/^db_socket = //p' "$D/yiwang.conf") == \
		"$R/mysql/mysqld.sock" ]]; then
		rm -rf "$D/db" "$D/binlog"
		mv "$R/db" "$D/db"
		mv "$R/binlog" "$D/binlog"
		sed -i "s#$R/binlog/#$D/binlog/#" "$D/binlog/binlog.index"
	fi
	printf '%s\n' "$CONF" >"$D/yiwang.conf"
	for f in mysqld.sock mysqld.pid mysqld.log; do
		ln -sfn "mysql/$f" "$D/$f"
	done
	rm -rf "$R"
	"$RUN" start --test 2>&1
}
trap '[[ -n $USUAL ]] || usual >/dev/null' EXIT

# --- the replica ---------------------------------------------------------
sed -i 's/^db_replica = off$/db_replica = on/' "$D/yiwang.conf"
echo "db_read_socket = $R/mysql/mysqld.sock" >>"$D/yiwang.conf"
OUT=$("$RUN" start --test 2>&1)
t_is "with db_replica = on, ./run start starts a replica" "$?" 0 ||
	{ t_diag "$OUT"; t_done; }
t_like "copied from the primary" "$OUT" "replica var/test/ext/replica: copying the primary"
t_like "./run status shows it, replicating, and its lag" "$("$RUN" status)" \
	"var/test/ext .*replica: pid [0-9]+ \(lag 0 s, semi-sync (ON|OFF), at 0-1-[0-9]+\)"
t_is "the primary listens on 127.0.0.1 alone, for its replica" \
	"$(on "$D" 'SELECT @@bind_address, @@skip_networking')" "127.0.0.1	0"
t_is "the replica replicates with GTID" "$(mariadb --no-defaults -uroot \
	--socket="$R/mysql/mysqld.sock" -e 'SHOW SLAVE STATUS\G' |
	sed -n 's/^ *Using_Gtid: //p')" Slave_Pos
t_is "the primary waits for it (semi-synchronous, lossless)" \
	"$(on "$D" 'SELECT @@rpl_semi_sync_master_enabled, @@rpl_semi_sync_master_wait_point, @@rpl_semi_sync_master_timeout')" \
	"1	AFTER_SYNC	2000"
t_is "its account may replicate and nothing else" \
	"$(on "$D" "SHOW GRANTS FOR 'yiwang_repl'@'127.0.0.1'" | sed 's/ IDENTIFIED BY.*//')" \
	"GRANT REPLICATION SLAVE ON *.* TO \`yiwang_repl\`@\`127.0.0.1\`"
t_is "its password is root's alone" "$(stat -c '%a %U' "$D/keys/db-repl.pw")" "600 root"
out=$(mariadb --no-defaults -uyiwang_app -p"$(cat "$D/keys/db-app.pw")" \
	--socket="$R/mysql/mysqld.sock" yiwang \
	-e "UPDATE application SET status = status WHERE id = 0" 2>&1)
t_like "the replica takes no write of the application" "$out" "read-only"

# --- semi-synchronous ----------------------------------------------------
acked=()
yes=$(status_of "$D" Rpl_semi_sync_master_yes_tx)
no=$(ext_apply "$CODE")
t_like "a submission is acknowledged" "$no" '^[A-Z]+[0-9]+'
acked+=("$no")
t_ok "only once the replica had it" test "$(status_of "$D" Rpl_semi_sync_master_yes_tx)" -gt "$yes"
t_ok "and it is on the replica" on_soon "$R" "$no"

# --- the public pages read from the replica --------------------------------
GL=general-$$.log
on "$D" "SET GLOBAL general_log_file = '$D/mysql/$GL', general_log = 1"
on "$R" "SET GLOBAL general_log_file = '$R/mysql/$GL', general_log = 1"
sel=$(status_of "$R" Com_select)
t_is "guides to visitors without a session" "$(guides 8)" "200×8"
on "$D" "SET GLOBAL general_log = 0"
on "$R" "SET GLOBAL general_log = 0"
t_ok "are read on the replica (its Com_select rose)" \
	test "$(status_of "$R" Com_select)" -ge $((sel + 8))
t_ok "the item's guide was read there" grep -q "'$CODE'" "$R/mysql/$GL"
t_unlike "and not on the primary" "$(cat "$D/mysql/$GL")" "'$CODE'"
rm -f "$D/mysql/$GL" "$R/mysql/$GL"
http_get applicant "$EXT_URL/my" >/dev/null
t_is "a logged-in applicant's pages stay on the primary" "$HTTP_STATUS" 200

# --- the replica dies ------------------------------------------------------
t_ok "the replica is killed" killed "$R/mysql/mysqld.pid"
t_is "the guides are still served, from the primary" "$(guides 8)" "200×8"
t_like "each worker said it reads from the primary" "$(tail -n 100 "$D/fcgi.log")" \
	"the public pages read from the primary"
no=$(ext_apply "$CODE")
t_like "a submission is acknowledged without the replica" "$no" '^[A-Z]+[0-9]+'
acked+=("$no")
t_like "after the timeout, and the primary's log says so" \
	"$(cat "$D/mysql/mysqld.log")" "Semi-sync replication switched OFF"
OUT=$("$RUN" start --test 2>&1)
t_is "./run start starts it again" "$?" 0 || t_diag "$OUT"
t_ok "it catches up" on_soon "$R" "$no"
t_is "the primary waits for it again" "$(status_of "$D" Rpl_semi_sync_master_status)" ON

# --- the drill: the primary dies ------------------------------------------
no=$(ext_apply "$CODE")
acked+=("$no")
t_ok "the primary is killed (SIGKILL) after a submission" killed "$D/mysql/mysqld.pid"
OUT=$("$RUN" failover --test ext 2>&1)
t_is "./run failover ext promotes the replica" "$?" 0 || t_diag "$OUT"
t_like "and tells how to rebuild the old primary" "$OUT" \
	"mv var/test/ext/db var/test/ext/db.failed-[0-9-]+"
t_is "the config names it" "$(sed -n 's/^db_socket = //p' "$D/yiwang.conf")" \
	"$R/mysql/mysqld.sock"
t_is "it takes writes" "$(on "$R" 'SELECT @@read_only')" 0
t_is "the site serves its pages" "$(guides 4)" "200×4"
http_get anon "$EXT_URL/" >/dev/null
t_is "its home page too" "$HTTP_STATUS" 200
no=$(ext_apply "$CODE")
t_like "and takes a new submission" "$no" '^[A-Z]+[0-9]+'
acked+=("$no")
lost=0
for no in "${acked[@]}"; do [[ $(has_app "$R" "$no") == 1 ]] || lost=$((lost + 1)); done
t_is "no acknowledged submission is lost (${#acked[@]})" "$lost" 0
t_like "./run status names the promoted replica" "$("$RUN" status)" \
	"var/test/ext .*mariadb: pid [0-9]+ \(the promoted replica\)"

# --- the usual stack again ------------------------------------------------
OUT=$(usual)
t_is "the usual stack again" "$?" 0 || t_diag "$OUT"
on "$D" "DROP USER 'yiwang_repl'@'127.0.0.1'"
t_is "on the site's database in its first place, with no TCP" \
	"$(on "$D" 'SELECT @@skip_networking, @@read_only')" "1	0"
t_is "with every acknowledged submission" \
	"$(for no in "${acked[@]}"; do has_app "$D" "$no"; done | paste -sd' ')" \
	"1 1 1 1"
t_is "serving" "$(guides 4)" "200×4"
t_done
