#!/usr/bin/env bash
# parallel-writers.sh: audit and numbering without a global lock (SEC-3;
# issue #12 "Scale").  Stops: two submissions made at once given the same
# application number, or a later one an earlier number; an audited write
# waiting for another transaction that holds the audit chain's head;
# writers in parallel leaving chains that audit-verify does not pass; a row
# of a stripe other than the first changed, moved to another stripe or
# deleted without audit-verify naming it.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001
PW=Yiwang@2026
N=8
t_pdf "$TMP/a.pdf"
# The triggers that keep audit rows insert-only, as 001 made them.
triggers_off() {
	sql_ext "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete"
}
triggers_on() {
	local what
	for what in update:changed delete:deleted; do
		sql_ext "CREATE TRIGGER audit_no_${what%:*} BEFORE ${what%:*}
			ON audit FOR EACH ROW SIGNAL SQLSTATE '45000'
			SET MESSAGE_TEXT = 'audit rows cannot be ${what#*:}'"
	done
}
verify() { admin_ext audit-verify >"$TMP/verify" 2>&1; }

# Four applicants of the banner, each logged in once (a password's key
# derivation costs 0.3 s of a core) from an address of their own (nginx's
# limits count per address); two writers each, in the same session.
names=(乌日娜 巴特尔 其其格 斯琴)
who() { idno "15250219850101$((500 + $1))"; }
for ((a = 1; a <= N / 2; a++)); do
	YIWANG_PASSWORD=$PW admin_ext citizen-add "$(who "$a")" \
		"${names[a - 1]}" "139479010$((10 + a))" >/dev/null &
done
wait
for ((i = 1; i <= N; i++)); do mkdir -p "$TMP/w$i"; done
# The day's quota (SEC-8) starts again, for a second run on one stack.
for ((a = 1; a <= N / 2; a++)); do
	sql_ext "DELETE FROM submit_quota
		WHERE citizen_id = $(citizen_of "$(who "$a")")"
done
# writer I STEP…: in a subshell, writer I (their own files for the HTTP_*
# state) of applicant (I + 1) / 2; login (into the jar writer I + 1
# shares), form (the form's CSRF and key into w$i/form) or post (the
# number into w$i/no).
writer() {
	local i=$1 a=$((($1 + 1) / 2)) step
	shift
	_T_DIR=$TMP/w$i
	HTTP_BODY_FILE=$TMP/w$i/body HTTP_HEADERS_FILE=$TMP/w$i/headers
	from "127.0.0.$((40 + a))"
	for step; do
		case $step in
		login)
			ext_login me "$(who "$a")" "$PW"
			cp "$TMP/w$i/jar.me" "$TMP/w$((i + 1))/jar.me"
			;;
		form)
			apply_form me "$EXT_URL/apply?code=$CODE"
			printf '%s %s\n' "$CSRF" "$FORM_KEY" >"$TMP/w$i/form"
			;;
		post)
			read -r CSRF FORM_KEY <"$TMP/w$i/form"
			http_upload me "$EXT_URL/apply" "csrf=$CSRF" \
				"form_key=$FORM_KEY" "code=$CODE" \
				"m1=@$TMP/a.pdf;type=application/pdf" >/dev/null
			if [[ $HTTP_STATUS == 303 &&
				$HTTP_LOCATION == /receipt\?no=* ]]; then
				echo "${HTTP_LOCATION#*=}" >>"$TMP/w$i/no"
			else
				echo "HTTP $HTTP_STATUS" >>"$TMP/w$i/no"
			fi
			;;
		esac
	done
}
for ((i = 1; i <= N; i += 2)); do (writer "$i" login form) & done
wait
for ((i = 2; i <= N; i += 2)); do (writer "$i" form) & done
wait
BEFORE=$(sql_ext "SELECT COALESCE(MAX(next), 0) FROM app_counter
	WHERE day = DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y%m%d')")
AUDIT0=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM audit")

# --- a writer does not wait for the transaction holding the first head ---
sql_ext "START TRANSACTION;
	SELECT chain FROM chain_head WHERE chain = 'audit' FOR UPDATE;
	DO SLEEP(30); COMMIT" >/dev/null &
HOLDER=$!
for ((k = 0; k < 50; k++)); do
	[[ $(sql_ext "SELECT COUNT(*) FROM information_schema.INNODB_TRX
		WHERE trx_rows_locked > 0") != 0 ]] && break
	sleep 0.1
done
t0=$(date +%s%N)
(writer 1 post form post)
t1=$(date +%s%N)
# sql_list FILE: the numbers in FILE as an SQL list.
sql_list() { sed "s/.*/'&'/" "$1" | paste -sd,; }
t_like "while another transaction holds the first audit chain's head," \
	"$(paste -sd' ' "$TMP/w1/no")" '^YW[0-9]{13} YW[0-9]{13}$'
t_is "two submissions are stored without waiting (under 15 s of its 30)" \
	"$(((t1 - t0) / 1000000000 < 15))" 1
t_is "their audit rows are in another stripe" \
	"$(sql_ext "SELECT COUNT(*) FROM audit WHERE stripe <> 0 AND
		action = 'application.submit' AND
		object IN ($(sql_list "$TMP/w1/no"))")" 2
kill "$HOLDER" 2>/dev/null # its transaction ends with its connection
wait "$HOLDER"

# --- eight writers at once, twice each -----------------------------------
(writer 1 form)
for _ in 1 2; do
	for ((i = 1; i <= N; i++)); do (writer "$i" post) & done
	wait
	for ((i = 1; i <= N; i++)); do (writer "$i" form); done
done
cat "$TMP"/w*/no >"$TMP/all"
t_is "every one of the $((2 * N + 2)) submissions is stored" \
	"$(grep -c '^YW' "$TMP/all")" $((2 * N + 2))
t_is "no two share a number" "$(sort -u "$TMP/all" | grep -c '^YW')" \
	$((2 * N + 2))
t_is "and each is an application in the database" \
	"$(sql_ext "SELECT COUNT(*) FROM application
		WHERE app_no IN ($(sql_list "$TMP/all"))")" \
	$((2 * N + 2))
t_is "the day's numbers go on from the last, without gaps when none failed" \
	"$(sort "$TMP/all" | cut -c11- | awk '{ print $1 + 0 }' |
		paste -sd' ')" \
	"$(seq $((BEFORE + 1)) $((BEFORE + 2 * N + 2)) | paste -sd' ')"
late=0
for ((i = 1; i <= N; i++)); do
	mapfile -t mine <"$TMP/w$i/no"
	[[ ${mine[-1]} > ${mine[-2]} ]] || late=$((late + 1))
done
t_is "each writer's later submission has the higher number" "$late" 0
t_is "each submission wrote its audit row" \
	"$(sql_ext "SELECT COUNT(*) FROM audit
		WHERE id > $AUDIT0 AND action = 'application.submit'")" \
	$((2 * N + 2))

# --- the chains written in parallel verify, and name tampering -----------
t_ok "yiwang-admin anchor signs every stripe's head" admin_ext anchor
t_like "the anchor names the stripes" \
	"$(sql_ext "SELECT body FROM anchor WHERE site = 'extranet'
		ORDER BY id DESC LIMIT 1")" \
	' audit=[0-9]+.* audit_1=[0-9]+,[0-9]+,0,[0-9a-f]{64} .*audit_7='
verify
t_is "audit-verify passes after the parallel writers" "$?" 0
t_like "and reports the second stripe's chain" "$(cat "$TMP/verify")" \
	"^audit_1：[0-9]+ 行.*完好"

S1=$(sql_ext "SELECT MIN(id) FROM audit WHERE stripe = 1")
NEXT=$(sql_ext "SELECT MIN(id) FROM audit WHERE stripe = 1 AND id > $S1")
NEWEST=$(sql_ext "SELECT MAX(id) FROM audit WHERE stripe = 1")
sql_ext "CREATE TABLE pw_saved AS SELECT * FROM audit WHERE stripe = 1"
triggers_off
sql_ext "UPDATE audit SET detail = CONCAT(detail, ' ') WHERE id = $S1"
verify
t_is "a row of stripe 1 changed: audit-verify fails" "$?" 1
t_like "and names it in its stripe" "$(cat "$TMP/verify")" \
	"^audit_1：第 $S1 号记录的内容与它的校验码不符"
sql_ext "UPDATE audit a JOIN pw_saved s USING (id) SET a.detail = s.detail"
sql_ext "UPDATE audit SET stripe = 2 WHERE id = $S1"
verify
t_is "the row moved to another stripe: audit-verify fails" "$?" 1
t_like "the stripe it left names the row after it" "$(cat "$TMP/verify")" \
	"^audit_1：第 $NEXT 号记录记载的上一行校验码与实际的上一行不符"
sql_ext "UPDATE audit SET stripe = 1 WHERE id = $S1"
sql_ext "DELETE FROM audit WHERE id = $NEWEST"
verify
t_is "the newest row of stripe 1 deleted: audit-verify fails" "$?" 1
t_like "and says the anchored row is missing" "$(cat "$TMP/verify")" \
	"^audit_1：锚点（[0-9T:Z-]+）记载到第 $NEWEST 号.*被删除了"
sql_ext "INSERT INTO audit SELECT * FROM pw_saved WHERE id = $NEWEST;
	DROP TABLE pw_saved"
triggers_on
verify
t_is "all put back: audit-verify passes again" "$?" 0
t_done
