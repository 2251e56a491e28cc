#!/usr/bin/env bash
# pii-at-rest.sh: no ID number or mobile number rests in clear in either
# database (SEC-5, review F8, issue #6 A8).  Stops: ID numbers and mobiles
# stored in clear in citizen, application, kase and the gap outbox; the
# guessing counters keeping an unkeyed SHA-256 of the ID number typed (which
# trying every number reverses); a citizen's ID number as the actor or object
# of audit rows; a sealed value that opens in another column; a site with
# rows from before that keeps them in clear, or needs a manual step, or
# loses them when the sealing is interrupted.
#
# A person registers, applies, is refused once by /query and by a wrong
# password, is locked and unlocked; the application crosses the gap, a
# clerk accepts it, the result crosses back.  Then, as the database's root,
# every text and binary column of every table of both sites is searched for
# the ID number, the mobile and their old unkeyed hashes: none holds them.
# The pages still show what they showed (masked on the extranet, whole to
# the case's staff), and login, /query and unlock by ID number still work.
# Last, a database as an older tree left it is migrated with the real
# migrations and yiwang-admin, interrupted and migrated again.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001
SEQ=$(printf '%03d' $((RANDOM % 1000)))
IDNO=$(idno 15250219860606$SEQ)
OTHER=$(idno 15250219860607$SEQ)	# typed wrong at /query
MOBILE=1384790$(printf '%04d' $((RANDOM % 10000)))
NAME=其其格玛
PW=Steppe-Wind-2026
DEMO_IDNO=152502199003150027		# the demo applicant (db/demo/LOGINS)
DEMO_MOBILE=13947901234
NET=127.$((RANDOM % 200 + 20)).$((RANDOM % 250))
# As the extranet's pages mask them, as a regular expression.
masked_id() { printf '%s\\*{8}%s' "${1:0:6}" "${1:14:4}"; }
masked_mobile() { printf '%s\\*{4}%s' "${1:0:3}" "${1:7:4}"; }
# The old counters' subject: SHA-256 of "counter\nvalue" (040_guessing.sql).
old_subject() { printf '%s\n%s' "$1" "$2" | sha256sum | cut -d' ' -f1; }

# --- the person, the application, the gap, the case -------------------------
csrf=$(http_get cit "$EXT_URL/register" | csrf_from)
http_post cit "$EXT_URL/register" "csrf=$csrf" "name=$NAME" "id_number=$IDNO" \
	"mobile=$MOBILE" "password=$PW" "password2=$PW" >/dev/null
register_code cit "$MOBILE"
t_is "registration succeeds" "$HTTP_STATUS" 200
CIT=$(citizen_of "$IDNO")
t_like "the account is found by the keyed hash of its ID number (computed apart, with openssl)" "$CIT" '^[0-9]+$'
t_is "its ID number and mobile are sealed, each in its own column" \
	"$(sql_ext "SELECT CONCAT(LEFT(id_sealed, 5), LEFT(mobile_sealed, 5), ' ', LENGTH(id_sealed), ' ', LENGTH(mobile_sealed)) FROM citizen WHERE id = $CIT")" \
	"pii1:pii1: 97 83"
t_is "the registration's audit row names the account, not the number" \
	"$(sql_ext "SELECT CONCAT(action, ' ', object) FROM audit WHERE action = 'citizen.register' ORDER BY id DESC LIMIT 1")" \
	"citizen.register citizen:$CIT"
http_post again "$EXT_URL/register" "csrf=$(http_get again "$EXT_URL/register" | csrf_from)" "name=冒名者" \
	"id_number=$IDNO" "mobile=13800000002" "password=$PW-x" "password2=$PW-x" >/dev/null
register_code again 13800000002
t_is "registering the number again answers the same" "$HTTP_STATUS" 200
t_is "and makes no second account: the unique key is on the keyed hash" \
	"$(sql_ext "SELECT GROUP_CONCAT(detail ORDER BY id) FROM audit WHERE action = 'citizen.register' AND object = 'citizen:$CIT'")" \
	'{"account":"new"},{"account":"exists, unchanged"}'
t_is "the account is unchanged" "$(sql_ext "SELECT COUNT(*) FROM citizen WHERE name = '冒名者' AND id = $CIT")" 0

csrf=$(http_get cit "$EXT_URL/login" | csrf_from)
http_post cit "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=$PW" "next=/my" >/dev/null
t_is "the person logs in with the ID number" "$HTTP_STATUS $HTTP_LOCATION" "303 /my"
apply_form cit "$EXT_URL/apply?code=$CODE"
t_like "the form shows the ID number masked, as before" "$HTTP_BODY" "$(masked_id "$IDNO")"
t_like "and the mobile on record" "$HTTP_BODY" "$MOBILE"
t_unlike "never the whole ID number" "$HTTP_BODY" "$IDNO"
t_pdf "$TMP/a.pdf"
http_upload cit "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" \
	"m1=@$TMP/a.pdf;type=application/pdf" >/dev/null
t_is "the application is accepted" "$HTTP_STATUS ${HTTP_LOCATION%%=*}" "303 /receipt?no"
APP=${HTTP_LOCATION#*=}
http_get cit "$EXT_URL/receipt?no=$APP" >/dev/null
t_like "the receipt shows the ID number masked" "$HTTP_BODY" "$(masked_id "$IDNO")"
t_like "and the mobile masked" "$HTTP_BODY" "$(masked_mobile "$MOBILE")"
t_is "the submission's audit row: the account as actor, not its ID number" \
	"$(sql_ext "SELECT actor FROM audit WHERE action = 'application.submit' AND object = '$APP'")" "citizen:$CIT"
t_is "the application keeps the keyed hash /query compares" \
	"$(sql_ext "SELECT id_hash FROM application WHERE app_no = '$APP'")" "$(pii_hash ext application.id_number "$IDNO")"
t_isnt "one hash per column: not the account's" \
	"$(sql_ext "SELECT id_hash FROM application WHERE app_no = '$APP'")" "$(pii_hash ext citizen.id_number "$IDNO")"
t_like "its outbox record is sealed" \
	"$(sql_ext "SELECT LEFT(body, 5) FROM gap_outbox WHERE kind = 'application' ORDER BY id DESC LIMIT 1")" '^pii1:$'

# /query: found by number and ID number; a wrong ID number misses, counted
# under its keyed hash.
csrf=$(http_get q "$EXT_URL/query" | csrf_from)
http_post q "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=$IDNO" >/dev/null
t_is "/query finds the application by number and ID number" "$HTTP_STATUS" 200
t_like "showing it" "$HTTP_BODY" "$APP"
t_like "with the masked ID number" "$HTTP_BODY" "$(masked_id "$IDNO")"
http_post q "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=$OTHER" >/dev/null
t_is "another ID number misses" "$HTTP_STATUS" 422
t_is "the miss is counted under the keyed hash of the number typed" \
	"$(sql_ext "SELECT COUNT(*) FROM throttle_miss WHERE subject = '$(pii_hash ext throttle.query-idno "$OTHER")'")" 1
t_is "not under its plain SHA-256 (which trying every number reverses)" \
	"$(sql_ext "SELECT COUNT(*) FROM throttle_miss WHERE subject = '$(old_subject query-idno "$OTHER")'")" 0

# Five wrong passwords lock the account; the security administrator sees
# the ID number and unlocks by it.
from "$NET.81"
for i in 1 2 3 4 5; do
	csrf=$(http_get w "$EXT_URL/login" | csrf_from)
	http_post w "$EXT_URL/login" "csrf=$csrf" "id_number=$IDNO" "password=wrong-$i" >/dev/null
done
from
t_is "five wrong passwords lock the account" "$(sql_ext "SELECT COUNT(*) FROM account_lock WHERE user_id = $CIT")" 1
t_is "the lock's audit row names the account, not the number" \
	"$(sql_ext "SELECT object FROM audit WHERE action = 'account.lock' ORDER BY id DESC LIMIT 1")" "citizen:$CIT"
t_like "yiwang-admin locks shows the ID number, opened" "$(admin_ext locks)" "^$IDNO	$NAME	"
t_ok "yiwang-admin unlock finds the account by the ID number typed" admin_ext unlock "$IDNO"
t_is "and unlocks it, audited with the account" \
	"$(sql_ext "SELECT CONCAT(object, ' ', (SELECT COUNT(*) FROM account_lock WHERE user_id = $CIT)) FROM audit WHERE action = 'account.unlock' ORDER BY id DESC LIMIT 1")" \
	"citizen:$CIT 0"

# Across the gap: the intranet seals what the bundle carried.
B=$(gap_ext export 2>/dev/null | tail -n 1)
t_ok "the extranet exports it" test -s "$B"
t_ok "the intranet imports it" gap_int import "$B"
CASE=$(sql_int "SELECT id FROM kase WHERE app_no = '$APP'")
t_is "the case keeps the ID number and mobile sealed under the intranet's key" \
	"$(sql_int "SELECT CONCAT(LEFT(id_sealed, 5), LEFT(mobile_sealed, 5)) FROM kase WHERE id = $CASE")" "pii1:pii1:"
int_login clerk sarengaowa
page=$(http_get clerk "$INT_URL/case?id=$CASE"); http_last
t_like "the clerk's case page shows the whole ID number" "$HTTP_BODY" ">$IDNO<"
t_like "and the whole mobile" "$HTTP_BODY" ">$MOBILE<"
http_post clerk "$INT_URL/case/act" "csrf=$(csrf_from <<<"$page")" "id=$CASE" "action=accept" >/dev/null
t_is "the clerk accepts the case" "$HTTP_STATUS $HTTP_LOCATION" "303 /case?id=$CASE&done=accept"
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'accept'")
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_like "the acceptance notice is made, naming the applicant" "$HTTP_BODY" "$NAME"
B=$(gap_int export 2>/dev/null | tail -n 1)
t_ok "the result crosses back" gap_ext import "$B"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the applicant's page shows the acceptance" "$HTTP_BODY" "受理通知书"
t_like "with the ID number masked" "$HTTP_BODY" "$(masked_id "$IDNO")"
t_like "and the mobile masked" "$HTTP_BODY" "$(masked_mobile "$MOBILE")"

# --- nothing in clear, in any column of any table ----------------------------
# scan ext|int SCHEMA VALUE…: the table.column of every text or binary
# column of SCHEMA that holds one of the values, byte for byte (so also in
# columns of any character set or collation); says so when it cannot scan.
scan() {
	local site=$1 schema=$2 q= t c v
	shift 2
	while read -r t c; do
		for v; do
			q+="${q:+ UNION }SELECT '$t.$c' FROM \`$schema\`.\`$t\` WHERE CAST(\`$c\` AS BINARY) LIKE CAST('%$v%' AS BINARY)"
		done
	done < <("sql_$site" "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = '$schema' AND DATA_TYPE IN ('char', 'varchar', 'tinytext',
		'text', 'mediumtext', 'longtext', 'binary', 'varbinary', 'tinyblob', 'blob',
		'mediumblob', 'longblob', 'enum', 'set')")
	[[ -n $q ]] || { echo "(no column to scan in $schema)"; return; }
	"sql_$site" <<<"$q" || echo "(the scan of $schema failed)"
}
# The values, their lower-case x, and what the old counters kept of them.
looking_for=("$IDNO" "${IDNO,,}" "$MOBILE" "$DEMO_IDNO" "$DEMO_MOBILE" "$OTHER")
for v in "$IDNO" "$OTHER" "$DEMO_IDNO"; do
	looking_for+=("$(old_subject query-idno "$v")" "$(old_subject login "$v")" \
		"$(printf '%s' "$v" | sha256sum | cut -d' ' -f1)")
done
t_like "(control: the scan finds the applicant's name where it is kept)" \
	"$(scan ext yiwang "$NAME" | sort | tr '\n' ' ') $(scan int yiwang "$NAME" | sort | tr '\n' ' ')" \
	"application.applicant_name .*kase.applicant_name"
t_is "no column of the extranet's database holds the ID numbers or mobiles" \
	"$(scan ext yiwang "${looking_for[@]}")" ""
t_is "nor of the intranet's" "$(scan int yiwang "${looking_for[@]}")" ""
t_is "the sites' logs do not name them either" \
	"$(grep -lF -e "$IDNO" -e "$MOBILE" "$TEST_VAR"/ext/*.log "$TEST_VAR"/int/*.log 2>/dev/null)" ""

# A sealed value moved to another column (a database administrator
# swapping them) does not open there: the column is its associated data.
read -r sid smob < <(sql_ext "SELECT id_sealed, mobile_sealed FROM application WHERE app_no = '$APP'")
sql_ext "UPDATE application SET id_sealed = '$smob', mobile_sealed = '$sid' WHERE app_no = '$APP'"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_is "swapped values do not open: the page still answers" "$HTTP_STATUS" 200
t_unlike "showing neither as the other" "$HTTP_BODY" "$(masked_mobile "$MOBILE")|${MOBILE:0:6}|$(masked_id "$IDNO")"
t_like "and the worker logs why" "$(tail -n 20 "$TEST_VAR/ext/fcgi.log")" "does not open"
sql_ext "UPDATE application SET id_sealed = '$sid', mobile_sealed = '$smob' WHERE app_no = '$APP'"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "put back, they open again" "$HTTP_BODY" "$(masked_id "$IDNO")"

# --- a site with rows from before migration 080 ------------------------------
# A database as the tree before this change left it: the migrations before
# 080 (as root, as db-setup ran them), rows in clear in every table that
# held an ID number or a mobile, the old counters.
LDB=yiwang_legacy
lsql() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$TEST_VAR/ext/mysqld.sock" -uroot -N -B "$LDB" "$@"; }
sql_ext "DROP DATABASE IF EXISTS $LDB; CREATE DATABASE $LDB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	GRANT ALL PRIVILEGES ON $LDB.* TO 'yiwang_migrate'@'localhost' WITH GRANT OPTION"
lsql -e "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,
	applied_at DATETIME NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
mkdir -p "$TMP/upto080"
for f in "$ROOT"/db/[0-9][0-9][0-9]_*.sql; do
	n=${f##*/}
	((10#${n:0:3} <= 80)) && cp "$f" "$TMP/upto080/"
	((10#${n:0:3} < 80)) || continue
	lsql <"$f" && lsql -e "INSERT INTO schema_version VALUES (${n:0:3}, '$n', UTC_TIMESTAMP())" ||
		t_fail "the old migration $n applies"
done
# The legacy person's number ends in X, stored with a lower-case x as the
# old citizen-add kept it.
for s in $(seq 100 999); do
	L_ID=$(idno 15250219550505$s)
	[[ $L_ID == *X ]] && break
done
L_MOBILE=1354790$(printf '%04d' $((RANDOM % 10000)))
cols=$(sql_ext "SELECT GROUP_CONCAT(COLUMN_NAME) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$LDB' AND TABLE_NAME = 'item'")
bulk=
for i in $(seq 1 450); do
	bulk+="${bulk:+,}('1525021970$(printf '%08d' "$i")', '批量', '1390000$(printf '%04d' "$i")', 'x')"
done
lsql -e "INSERT INTO item ($cols) SELECT $cols FROM yiwang.item WHERE code = '$CODE' AND status = 'published';
	INSERT INTO citizen (id_number, name, mobile, pw_hash) VALUES ('${L_ID,,}', '旧用户', '$L_MOBILE', 'x');
	INSERT INTO citizen (id_number, name, mobile, pw_hash) VALUES $bulk;
	INSERT INTO application (app_no, citizen_id, item_id, item_code, item_version, item_name, applicant_name,
		id_number, mobile, remark, state, state_label, submitted_at, updated_at)
		SELECT 'YW2025010100001', 1, id, code, version, name, '旧用户', '$L_ID', '$L_MOBILE', '', 'submitted',
		'已提交', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM item;
	INSERT INTO kase (app_no, source, item_id, item_code, item_version, item_name, applicant_name, id_number,
		mobile, remark, state, submitted_at, received_at)
		SELECT 'YW2025010100001', 'online', id, code, version, name, '旧用户', '$L_ID', '$L_MOBILE', '',
		'received', UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM item;
	INSERT INTO gap_outbox (kind, body, created_at) VALUES
		('application', '{\"app_no\":\"YW2025010100001\",\"applicant\":{\"id_number\":\"$L_ID\",\"mobile\":\"$L_MOBILE\",\"name\":\"旧用户\"},\"type\":\"application\"}', UTC_TIMESTAMP()),
		('item', '{\"code\":\"$CODE\",\"type\":\"item\"}', UTC_TIMESTAMP());
	INSERT INTO account_lock (user_id, locked_at, until, level) VALUES (1, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 HOUR, 1);
	INSERT INTO throttle_miss (subject, at) VALUES ('$(old_subject query-idno "$L_ID")', UTC_TIMESTAMP(3))" ||
	t_fail "the old rows are stored"
t_is "(the old database holds them in clear)" \
	"$(lsql -e "SELECT COUNT(*) FROM citizen WHERE mobile LIKE '1%'") $(scan ext "$LDB" "$L_ID" "${L_ID,,}" "$L_MOBILE" | sort | tr '\n' ' ')" \
	"451 application.id_number application.mobile citizen.id_number citizen.mobile gap_outbox.body kase.id_number kase.mobile "
sed -e "s/^db_name = .*/db_name = $LDB/" -e "s|^bundle_dir = .*|bundle_dir = $TMP|" "$EXT_CONF" >"$TMP/legacy.conf"
ladmin() { "$BUILD/yiwang-admin" -c "$TMP/legacy.conf" "$@"; }

# 080 alone, as a run stopped after it would leave it: new columns, empty.
t_ok "migration 080 applies to the old database" ladmin migrate "$TMP/upto080"
t_is "it adds the sealed columns, empty, and keeps the clear ones" \
	"$(lsql -e "SELECT COUNT(*), COUNT(id_sealed), COUNT(id_number) FROM citizen" | tr '\t' ' ')" "451 0 451"
t_is "and forgets the unkeyed counters" "$(lsql -e "SELECT COUNT(*) FROM throttle_miss")" 0
# Without the key nothing can be sealed: the step refuses, 081 waits.
sed "s|^pii_key = .*|pii_key = $TMP/no-such.key|" "$TMP/legacy.conf" >"$TMP/nokey.conf"
"$BUILD/yiwang-admin" -c "$TMP/nokey.conf" migrate >"$TMP/out" 2>&1; rc=$?
t_isnt "without the personal data key migrate fails" "$rc" 0
t_like "saying what to do" "$(cat "$TMP/out")" "yiwang-admin keygen makes it"
t_is "and drops nothing" "$(lsql -e "SELECT COUNT(*) FROM schema_version WHERE version = 81") $(lsql -e "SELECT COUNT(id_number) FROM citizen")" "0 451"
# Interrupted in the middle: a trigger stops the second batch of 200.
lsql <<-'EOF'
	DELIMITER //
	CREATE TRIGGER legacy_stop BEFORE UPDATE ON citizen FOR EACH ROW
	IF NEW.id = 300 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'interrupted'; END IF //
	EOF
ladmin migrate >"$TMP/out" 2>&1; rc=$?
t_isnt "a sealing interrupted in its second batch fails" "$rc" 0
t_like "and says that what is sealed stays sealed" "$(cat "$TMP/out")" "已加密的不受影响"
t_is "the first batch is sealed, the rest still in clear, nothing dropped" \
	"$(lsql -e "SELECT COUNT(id_sealed), COUNT(id_number), (SELECT COUNT(*) FROM schema_version WHERE version = 81) FROM citizen" | tr '\t' ' ')" \
	"200 451 0"
lsql -e "DROP TRIGGER legacy_stop"
ladmin migrate >"$TMP/out" 2>&1; rc=$?
t_is "run again, migrate finishes" "$rc" 0
t_like "sealing the rest" "$(tr '\n' ' ' <"$TMP/out")" "加密保存了 251 个账户.*加密保存了 1 份申请.*加密保存了 1 个办件.*加密保存了 1 条出站记录"
t_like "then dropping the clear columns" "$(cat "$TMP/out")" "applied 081_pii_clear_dropped.sql"
t_is "no column id_number or mobile is left" \
	"$(sql_ext "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$LDB' AND COLUMN_NAME IN ('id_number', 'mobile')")" 0
t_is "every row sealed" \
	"$(lsql -e "SELECT (SELECT COUNT(*) FROM citizen WHERE id_sealed LIKE 'pii1:%' AND mobile_sealed LIKE 'pii1:%'),
		(SELECT COUNT(*) FROM application WHERE id_sealed LIKE 'pii1:%'), (SELECT COUNT(*) FROM kase WHERE mobile_sealed LIKE 'pii1:%'),
		(SELECT GROUP_CONCAT(CONCAT(kind, ':', LEFT(body, 5)) ORDER BY id SEPARATOR ' ') FROM gap_outbox)" | tr '\t' ' ')" \
	"451 1 1 application:pii1: item:{\"cod"
t_is "the keyed hash is of the number as logins type it (upper-case X)" \
	"$(lsql -e "SELECT id_hash FROM citizen WHERE id = 1") $(lsql -e "SELECT id_hash FROM application")" \
	"$(pii_hash ext citizen.id_number "$L_ID") $(pii_hash ext application.id_number "$L_ID")"
t_is "nothing of the old numbers is left in any column" \
	"$(scan ext "$LDB" "$L_ID" "${L_ID,,}" "$L_MOBILE" 152502197000000300 13900000300 "$(old_subject query-idno "$L_ID")")" ""
t_like "the old person's ID number opens for the security administrator" "$(ladmin locks)" "^$L_ID	旧用户	"
t_ok "and unlocks by it, typed with a lower-case x" ladmin unlock "${L_ID,,}"
t_is "migrate once more changes nothing" "$(ladmin migrate 2>&1 | head -n 1)" "schema is up to date"
# The old application's sealed values open in the extranet's code: put
# into this test's application for a moment.
read -r lhash lsid lsmob < <(lsql -e "SELECT id_hash, id_sealed, mobile_sealed FROM application")
read -r ohash osid osmob < <(sql_ext "SELECT id_hash, id_sealed, mobile_sealed FROM application WHERE app_no = '$APP'")
sql_ext "UPDATE application SET id_hash = '$lhash', id_sealed = '$lsid', mobile_sealed = '$lsmob' WHERE app_no = '$APP'"
http_get cit "$EXT_URL/app?no=$APP" >/dev/null
t_like "the migrated application's ID number opens on the page" "$HTTP_BODY" "$(masked_id "$L_ID")"
t_like "and its mobile" "$HTTP_BODY" "$(masked_mobile "$L_MOBILE")"
csrf=$(http_get q2 "$EXT_URL/query" | csrf_from)
http_post q2 "$EXT_URL/query" "csrf=$csrf" "app_no=$APP" "id_number=$L_ID" >/dev/null
t_is "and /query finds it by the old ID number" "$HTTP_STATUS" 200
sql_ext "UPDATE application SET id_hash = '$ohash', id_sealed = '$osid', mobile_sealed = '$osmob' WHERE app_no = '$APP'"
sql_ext "DROP DATABASE $LDB; DELETE FROM mysql.tables_priv WHERE Db = '$LDB'; DELETE FROM mysql.db WHERE Db = '$LDB'; FLUSH PRIVILEGES"
t_done
