#!/usr/bin/env bash
# db-privilege.sh: least privilege (SEC-5, review F4).  Stops: the
# application connecting as the database's root; an application account that
# can change or delete audit rows and opinions, drop a trigger or change the
# schema; a root account reachable with a password (or none) by any system
# user; a database socket open to every local user; servers running as root;
# the workers reading the site's signing key.  Also: grants follow the
# tables' comments, so a table a later migration adds gets the right ones.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
chmod 755 "$TMP" # other users run commands from here below

# sql_as SITE ACCOUNT SQL: run SQL as a database account whose password is in
# that site's keys/ (app: db-app.pw, migrate: db-migrate.pw).
sql_as() {
	local d=$TEST_VAR/$1 user pw
	case $2 in
	app) user=yiwang_app pw=$d/keys/db-app.pw ;;
	migrate) user=yiwang_migrate pw=$d/keys/db-migrate.pw ;;
	esac
	MYSQL_PWD=$(cat "$pw") mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$d/mysql/mysqld.sock" -u"$user" -N -B yiwang -e "$3"
}
# as_os USER command…: run a command as a system user.
as_os() { local u=$1; shift; (cd / && runuser -u "$u" -- "$@"); }
# denied WHAT OUTPUT-FILE: the output is MariaDB's refusal of WHAT.
denied() { grep -qE "denied|ERROR 1142|ERROR 1044|ERROR 1227|ERROR 1370" "$1"; }

# --- the application's account ------------------------------------------------
t_like "the sites connect as the application's account, not root" \
	"$(grep -E '^db_user' "$EXT_CONF" "$INT_CONF")" "ext/yiwang.conf:db_user = yiwang_app"
t_unlike "and no site config names root" "$(cat "$EXT_CONF" "$INT_CONF")" "^db_user = root"
t_is "the workers' connections are the application's account" \
	"$(sql_int "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER='root' AND ID <> CONNECTION_ID()") \
$(sql_int "SELECT COUNT(*) > 0 FROM information_schema.PROCESSLIST WHERE USER='yiwang_app'")" "0 1"

for site in ext int; do
	id=$(sql_$site "SELECT MAX(id) FROM audit")
	for stmt in "UPDATE audit SET actor='x' WHERE id=$id" "DELETE FROM audit WHERE id=$id" \
		"UPDATE opinion SET text='x'" "DELETE FROM opinion" "DELETE FROM anchor" \
		"DROP TRIGGER audit_no_update" "DROP TRIGGER opinion_no_delete" \
		"CREATE TABLE h3_x (id INT PRIMARY KEY)" "ALTER TABLE audit ADD COLUMN x INT" \
		"ALTER TABLE audit COMMENT = ''" "DROP TABLE audit" "TRUNCATE TABLE session" \
		"CREATE TRIGGER h3_t BEFORE INSERT ON session FOR EACH ROW SET @x = 1" \
		"INSERT INTO schema_version VALUES (999, 'x', UTC_TIMESTAMP())" \
		"GRANT SELECT ON audit TO 'yiwang_migrate'@'localhost'" \
		"SELECT 1 INTO OUTFILE '/tmp/h3-x'" "SET GLOBAL general_log = 1" \
		"SELECT COUNT(*) FROM mysql.user"; do
		sql_as $site app "$stmt" >"$TMP/out" 2>&1
		t_ok "$site: the application's account is refused: $stmt" denied "$TMP/out"
	done
	t_is "$site: and the audit row is still there, unchanged" \
		"$(sql_$site "SELECT COUNT(*) FROM audit WHERE id=$id AND actor <> 'x'")" 1
	t_is "$site: the application's account can insert and read what the code does" \
		"$(sql_as $site app "START TRANSACTION; INSERT INTO gap_lock VALUES (2, 1); SELECT COUNT(*) FROM audit WHERE id=$id; ROLLBACK")" 1
	t_is "$site: no global privilege but USAGE, no database-wide grant" \
		"$(sql_as $site app "SHOW GRANTS" | grep -cvE "^GRANT (USAGE ON \*\.\*|(SELECT|SELECT, INSERT|SELECT, INSERT, UPDATE, DELETE) ON \`yiwang\`\.\`[a-z_]+\`) TO")" 0
done

# --- root only through unix_socket, for the system's root --------------------
t_is "root connects over the socket as the system's root" "$(sql_int "SELECT CURRENT_USER()")" "root@localhost"
t_like "root authenticates by unix_socket only" \
	"$(sql_int "SHOW GRANTS FOR root@localhost" | head -1)" "IDENTIFIED VIA unix_socket"
t_unlike "and no password at all" "$(sql_int "SHOW GRANTS FOR root@localhost" | head -1)" "PASSWORD|USING"
t_is "no other root and no anonymous account" \
	"$(sql_int "SELECT COUNT(*) FROM mysql.user WHERE (user='root' AND host <> 'localhost') OR user=''")" 0
for u in root yiwang_app yiwang_migrate mysql mariadb.sys; do
	as_os yiwang mariadb --no-defaults --socket="$TEST_VAR/int/mysql/mysqld.sock" -u"$u" \
		--password= -e 'SELECT 1' >"$TMP/out" 2>&1
	t_like "the workers' user cannot log in as $u without its password" "$(cat "$TMP/out")" "ERROR 1045|ERROR 1698|ERROR 4151"
done
as_os yiwang mariadb --no-defaults --socket="$TEST_VAR/int/mysql/mysqld.sock" -uroot \
	--password=Yiwang@2026 -e 'SELECT 1' >"$TMP/out" 2>&1
t_like "nor as root with any password" "$(cat "$TMP/out")" "ERROR 1045|ERROR 1698"

# --- the socket --------------------------------------------------------------
for u in nobody www-data; do
	as_os $u mariadb --no-defaults --socket="$TEST_VAR/ext/mysql/mysqld.sock" -uyiwang_app \
		-e 'SELECT 1' >"$TMP/out" 2>&1
	t_like "$u cannot even reach the database socket" "$(cat "$TMP/out")" "ERROR 2002.*\(13\)"
done
t_is "the socket's directory is the server's, open to the workers' group only" \
	"$(stat -c '%U:%G %a' "$TEST_VAR/ext/mysql")" "mysql:yiwang 750"
t_like "the FastCGI socket is 0660, for nginx's group" "$(stat -c '%a %G' "$TEST_VAR/ext/fcgi.sock")" "^660 www-data$"

# --- processes ---------------------------------------------------------------
t_is "mariadbd runs as mysql, on both sites" \
	"$(ps -o user= -p "$(cat "$TEST_VAR/ext/mysqld.pid")") $(ps -o user= -p "$(cat "$TEST_VAR/int/mysqld.pid")")" "mysql mysql"
workers() { # SITE: the users of the site's supervisor and workers
	local p
	for p in $(pgrep -f "yiwang.fcgi"); do
		grep -qz "YIWANG_CONF=$TEST_VAR/$1/" "/proc/$p/environ" 2>/dev/null && ps -o user= -p "$p"
	done | sort | uniq -c | awk '{print $2, $1}'
}
# Two pools a site: four workers and one for logins (SEC-8), each pool with
# its supervisor.
t_is "the extranet's workers and their supervisors run as yiwang" "$(workers ext)" "yiwang 7"
t_is "and the intranet's" "$(workers int)" "yiwang 7"
t_is "nginx's workers run as www-data" \
	"$(ps -o user= --ppid "$(cat "$TEST_VAR/ext/nginx/nginx.pid")" | sort -u)" "www-data"
# The servers of this stack: their command line or environment names it
# (nginx's workers overwrite theirs: they are checked by parent above).
servers() {
	local p
	for p in $(pgrep -x 'mariadbd|clamd|nginx|yiwang-supervis|yiwang.fcgi|yiwang-admin'); do
		grep -qaF "$TEST_VAR/" "/proc/$p/cmdline" "/proc/$p/environ" 2>/dev/null &&
			ps -o user=,comm= -p "$p"
	done
}
servers >"$TMP/servers"
t_is "the stack's servers: as root only nginx's two masters" \
	"$(awk '$1 == "root" { print $2 }' "$TMP/servers" | sort | uniq -c | awk '{ print $2, $1 }')" "nginx 2"
t_is "the others: two mariadbd, two clamd, six supervisors, ten workers and each site's tick" \
	"$(awk '$1 != "root"' "$TMP/servers" | wc -l)" 22
t_is "the ticks run as the workers' user" \
	"$(awk '$2 == "yiwang-admin" { print $1 }' "$TMP/servers" | sort -u)" yiwang
t_is "clamd runs as clamav" \
	"$(awk '$2 == "clamd" { print $1 }' "$TMP/servers" | sort -u)" clamav

# --- key files ---------------------------------------------------------------
for site in ext int; do
	k=$TEST_VAR/$site/keys
	t_is "$site: keys/ is root's, the workers' group may enter" "$(stat -c '%U:%G %a' "$k")" "root:yiwang 750"
	t_is "$site: the signing key, the migration password and the anchors are root's alone" \
		"$(stat -c '%U:%G %a' "$k/site.key" "$k/db-migrate.pw" "$k/anchors" | sort -u)" "root:root 600"
	t_is "$site: the chain key, the personal data key and the application's password are readable by the workers' group" \
		"$(stat -c '%U:%G %a' "$k/chain.key" "$k/pii.key" "$k/db-app.pw" | sort -u)" "root:yiwang 640"
	t_ok "$site: the workers' user reads the chain key" as_os yiwang test -r "$k/chain.key"
	t_ok "$site: and the personal data key (SEC-5)" as_os yiwang test -r "$k/pii.key"
	t_ok "$site: nobody cannot read the personal data key" bash -c "! runuser -u nobody -- cat '$k/pii.key' >/dev/null 2>&1"
	for f in site.key db-migrate.pw anchors; do
		t_ok "$site: the workers' user cannot read $f" bash -c "! runuser -u yiwang -- cat '$k/$f' >/dev/null 2>&1"
	done
	t_ok "$site: nobody cannot list keys/" bash -c "! runuser -u nobody -- ls '$k' >/dev/null 2>&1"
	t_is "$site: the attachment store is the workers'" "$(stat -c '%U %a' "$TEST_VAR/$site/files")" "yiwang 750"
	t_is "$site: everything in it too, also what root-run commands added" \
		"$(find "$TEST_VAR/$site/files" ! -user yiwang | wc -l)" 0
done
read -r code seq sha < <(sql_ext "SELECT i.code, m.seq, m.form_sha FROM item i JOIN item_material m ON m.item_id = i.id WHERE m.form_sha <> '' AND i.status='published' LIMIT 1")
http_get anon "$EXT_URL/form?code=$code&m=$seq&kind=form" >/dev/null
t_is "a blank form that root's gap import stored is served by the workers" \
	"$HTTP_STATUS $(sha256sum <"$HTTP_BODY_FILE" | cut -d' ' -f1)" "200 $sha"

# The hall's counts (db/282) are the triggers' to keep (issue #12): the
# application reads them and cannot change them.
sql_as ext app "UPDATE item_facet SET n = n + 1" >"$TMP/out" 2>&1
t_ok "the extranet's application account cannot change the hall's counts" denied "$TMP/out"
t_is "but reads them" "$(sql_as ext app "SELECT COUNT(*) > 0 FROM item_facet WHERE kind = 'all'")" 1

# --- grants follow the schema (schema_grant) ---------------------------------
sql_int "CREATE TABLE h3_probe_ledger (id INT PRIMARY KEY) COMMENT 'insert-only: a probe';
	CREATE TABLE h3_probe_rows (id INT PRIMARY KEY);
	CREATE TABLE h3_probe_ro (id INT PRIMARY KEY) COMMENT 'read-only: a probe'"
admin_int migrate >"$TMP/out" 2>&1
t_is "migrate runs as the migration account" "$?" 0
t_like "and grants every table from its comment" "$(cat "$TMP/out")" "grants of yiwang_app: [0-9]+ tables"
sql_as int app "INSERT INTO h3_probe_ledger VALUES (1); INSERT INTO h3_probe_rows VALUES (1)" >"$TMP/out" 2>&1
t_is "a new table marked insert-only takes INSERT; an unmarked one too" "$?" 0
sql_as int app "UPDATE h3_probe_ledger SET id=2" >"$TMP/out" 2>&1
t_ok "but the insert-only one refuses UPDATE" denied "$TMP/out"
sql_as int app "DELETE FROM h3_probe_ledger" >"$TMP/out" 2>&1
t_ok "and DELETE" denied "$TMP/out"
t_is "the unmarked one takes UPDATE and DELETE" \
	"$(sql_as int app "UPDATE h3_probe_rows SET id=2; DELETE FROM h3_probe_rows; SELECT COUNT(*) FROM h3_probe_rows")" 0
sql_as int app "INSERT INTO h3_probe_ro VALUES (1)" >"$TMP/out" 2>&1
t_ok "a read-only one refuses INSERT" denied "$TMP/out"
sql_int "ALTER TABLE h3_probe_rows COMMENT = 'insert-only: now a ledger'"
admin_int migrate >/dev/null 2>&1
sql_as int app "DELETE FROM h3_probe_rows" >"$TMP/out" 2>&1
t_ok "a table marked insert-only later loses UPDATE and DELETE at the next migrate" denied "$TMP/out"
sql_int "DROP TABLE h3_probe_ledger, h3_probe_rows, h3_probe_ro"

# The staff's SMS reminders (NTF-1, db/230): the intranet's account writes
# each once and changes none, so a reminder cannot be unsent to send it
# again; it keeps the staff's mobiles and the outbox's states.
sql_as int app "UPDATE staff_reminder SET kind = 'due'" >"$TMP/out" 2>&1
t_ok "int: the application's account cannot change a reminder sent" denied "$TMP/out"
sql_as int app "DELETE FROM staff_reminder" >"$TMP/out" 2>&1
t_ok "int: nor delete one" denied "$TMP/out"
t_is "int: it reads and writes reminders, staff mobiles and the outbox" \
	"$(sql_as int app "START TRANSACTION; INSERT INTO staff_reminder (case_id, step_key, kind, staff_id, due_date, sms_id, at) VALUES (0, 'h3', 'due', 0, '2026-12-07', 0, UTC_TIMESTAMP()); UPDATE staff SET sms_remind = sms_remind, mobile_masked = mobile_masked WHERE id = 0; UPDATE sms_outbox SET state = state WHERE id = 0; SELECT COUNT(*) FROM staff_reminder WHERE step_key = 'h3'; ROLLBACK")" 1

# The full-text index is rebuilt with DDL: by the migration account only.
sql_as ext app "ALTER TABLE item_search DISABLE KEYS" >"$TMP/out" 2>&1
t_ok "the application's account cannot rebuild the search index" denied "$TMP/out"
t_ok "yiwang-admin search-rebuild can (the migration account)" admin_ext search-rebuild
http_get anon "$EXT_URL/search?q=%E8%AE%B8%E5%8F%AF" >/dev/null
t_like "and search still finds items" "$HTTP_BODY" "食品经营许可"

# The migration account: the schema of this database, nothing of the server.
for stmt in "SELECT 1 INTO OUTFILE '/tmp/h3-y'" "SET GLOBAL general_log = 1" \
	"SELECT COUNT(*) FROM mysql.user" "CREATE DATABASE h3_other" \
	"CREATE USER 'h3'@'localhost'" "INSTALL PLUGIN blackhole SONAME 'ha_blackhole'"; do
	sql_as int migrate "$stmt" >"$TMP/out" 2>&1
	t_ok "the migration account is refused: $stmt" denied "$TMP/out"
done

# db-setup again changes nothing and keeps the passwords.
pw=$(cat "$TEST_VAR/int/keys/db-app.pw")
t_ok "db-setup can run again" admin_int db-setup
t_is "and keeps the application's password" "$(cat "$TEST_VAR/int/keys/db-app.pw")" "$pw"
http_get anon "$INT_URL/login" >/dev/null
t_is "the site still answers" "$HTTP_STATUS" 200
t_done
