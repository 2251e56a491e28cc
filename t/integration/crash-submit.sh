#!/usr/bin/env bash
# crash-submit.sh — the extranet's database killed (SIGKILL) 20 times while
# four applicants submit without pause (issue #12 Faults; EXT-1, GAP-4's
# outbox): every submission the extranet acknowledged (a 303 to its receipt)
# is there afterwards with its outbox record and each file it named, the
# same bytes, in the store; nothing half-made is left (an application
# without its materials or its outbox record, a material without its
# file), and what the kills left in tmp/ goes with files-sweep; the
# workers live through it and the site answers at the end.
# CRASH_ROUNDS sets the number of kills.
. "$(dirname "$0")/../lib.sh"

CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
ROUNDS=${CRASH_ROUNDS:-20}
APPLICANTS=4
d=$TEST_VAR/ext
ACKED=$_T_DIR/acked
STOP=$_T_DIR/stop
: >"$ACKED"
mapfile -t SEQS < <(sql_ext "SELECT m.seq FROM item_material m JOIN item i
	ON i.id = m.item_id WHERE i.code = '$CODE' AND i.status = 'published'
	AND m.required = 1")
t_ok "the item asks for materials" test "${#SEQS[@]}" -gt 0

applicant_id() { idno "15250219850101${1}0${1}"; }

# submitter N: applicant N logs in, then applies until told to stop, each
# time with a PDF of its own; what the site acknowledged goes to $ACKED as
# "APP_NO SHA256".  Errors while the database is down are expected.
submitter() {
	local n=$1 i=0 s sha csrf
	local -a files
	_T_DIR=$_T_DIR/applicant$n
	# shellcheck disable=SC2034  # read by lib.sh's http_* functions
	HTTP_BODY_FILE=$_T_DIR/last.body
	HTTP_HEADERS_FILE=$_T_DIR/last.headers
	mkdir -p "$_T_DIR"
	until [[ -e $STOP ]]; do
		csrf=$(http_get me "$EXT_URL/login" 2>/dev/null | csrf_from) || { sleep 0.2; continue; }
		http_post me "$EXT_URL/login" "csrf=$csrf" "id_number=$(applicant_id "$n")" \
			"password=Yiwang@2026" "next=/my" >/dev/null 2>&1 || true
		[[ $HTTP_STATUS == 303 && $HTTP_LOCATION == /my ]] && break
		sleep 0.2
	done
	until [[ -e $STOP ]]; do
		i=$((i + 1))
		t_pdf "$_T_DIR/m.pdf" "/Lang (applicant $n, $i)"
		sha=$(sha256sum "$_T_DIR/m.pdf" | cut -d' ' -f1)
		apply_form me "$EXT_URL/apply?code=$CODE" 2>/dev/null
		if [[ -z $FORM_KEY ]]; then
			sleep 0.1
			continue
		fi
		files=()
		for s in "${SEQS[@]}"; do
			files+=("m$s=@$_T_DIR/m.pdf;type=application/pdf")
		done
		http_upload me "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" \
			"code=$CODE" "${files[@]}" >/dev/null 2>&1 || true
		[[ $HTTP_STATUS == 303 && $HTTP_LOCATION == /receipt\?no=* ]] &&
			printf '%s %s\n' "${HTTP_LOCATION#*=}" "$sha" >>"$ACKED"
	done
}

for ((n = 1; n <= APPLICANTS; n++)); do
	YIWANG_PASSWORD=Yiwang@2026 admin_ext citizen-add "$(applicant_id "$n")" \
		"测试申请人$n" "1394790600$n" >/dev/null
done
CITIZENS=$(for ((n = 1; n <= APPLICANTS; n++)); do citizen_of "$(applicant_id "$n")"; done | paste -sd,)
B0=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM application")
O0=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM gap_outbox")
pids=()
for ((n = 1; n <= APPLICANTS; n++)); do
	submitter "$n" &
	pids+=($!)
done

# acked: how many submissions were acknowledged so far.
acked() { wc -l <"$ACKED"; }
killed=0 stalled=
for ((r = 1; r <= ROUNDS; r++)); do
	want=$(($(acked) + 3))
	for _ in $(seq 600); do
		(($(acked) >= want)) && break
		sleep 0.1
	done
	(($(acked) >= want)) || { stalled=$r; break; }
	# The day's quota would stop the applicants before the rounds end.
	sql_ext "DELETE FROM submit_quota WHERE citizen_id IN ($CITIZENS)" 2>/dev/null || true
	pid=$(cat "$d/mysqld.pid")
	mapfile -d '' -t cmd <"/proc/$pid/cmdline"
	kill -KILL "$pid"
	for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
	kill -0 "$pid" 2>/dev/null || killed=$((killed + 1))
	sleep "0.$((RANDOM % 5))"
	rm -f "$d/mysql/mysqld.sock"
	setsid nohup "${cmd[@]}" >/dev/null 2>&1 </dev/null &
	disown
	for _ in $(seq 300); do
		mariadb-admin --no-defaults --socket="$d/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
		sleep 0.1
	done
done
t_is "the applicants kept being served between the kills" "${stalled:-none}" none
touch "$STOP"
wait "${pids[@]}"
t_is "the database was killed $ROUNDS times" "$killed" "$ROUNDS"
t_ok "and is up" mariadb-admin --no-defaults --socket="$d/mysqld.sock" -uroot ping
N=$(acked)
t_ok "submissions were acknowledged throughout ($N)" test "$N" -ge $((3 * ROUNDS))

# --- every acknowledged submission is there, whole -----------------------------------
LIST=$(cut -d' ' -f1 "$ACKED" | sed "s/.*/'&'/" | paste -sd,)
t_is "every acknowledged application is in the database" \
	"$(sql_ext "SELECT COUNT(*) FROM application WHERE app_no IN ($LIST)")" "$N"
t_is "with each material it was sent with, the same bytes" \
	"$(while read -r app sha; do
		sql_ext "SELECT COUNT(*) FROM attachment WHERE app_no = '$app' AND sha256 = '$sha'"
	done <"$ACKED" | sort | uniq -c | sed 's/^ *//')" "$N ${#SEQS[@]}"
missing=0
while read -r _ sha; do
	[[ -f $d/files/${sha:0:2}/${sha:2:2}/$sha ]] || missing=$((missing + 1))
done <"$ACKED"
t_is "every file is in the store" "$missing" 0

# --- nothing half-made ---------------------------------------------------------------
t_is "no application of theirs lacks a material" \
	"$(sql_ext "SELECT COUNT(*) FROM application a WHERE a.id > $B0
		AND a.citizen_id IN ($CITIZENS) AND (SELECT COUNT(*) FROM attachment t
		WHERE t.app_no = a.app_no) <> ${#SEQS[@]}")" 0
t_is "each application made has its record in the outbox for the intranet" \
	"$(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE id > $O0 AND kind = 'application'")" \
	"$(sql_ext "SELECT COUNT(*) FROM application WHERE id > $B0")"
missing=0
for sha in $(sql_ext "SELECT DISTINCT t.sha256 FROM attachment t JOIN application a
	ON a.app_no = t.app_no WHERE a.id > $B0"); do
	[[ -f $d/files/${sha:0:2}/${sha:2:2}/$sha ]] || missing=$((missing + 1))
done
t_is "no material names a file the store lacks" "$missing" 0

# A worker that lost its database mid-submission cannot learn whether its
# files were named, so it leaves their claims in tmp/ rather than risk
# deleting a named file; the daily files-sweep takes them away.
t_ok "files-sweep takes away what the kills left in tmp" admin_ext files-sweep 0
t_is "nothing is left in tmp" "$(find "$d/files/tmp" -mindepth 1 | wc -l)" 0
missing=0
while read -r _ sha; do
	[[ -f $d/files/${sha:0:2}/${sha:2:2}/$sha ]] || missing=$((missing + 1))
done <"$ACKED"
t_is "and every acknowledged file is still in the store" "$missing" 0

http_get anon "$EXT_URL/guide?code=$CODE" >/dev/null
t_is "the site answers at the end" "$HTTP_STATUS" 200
t_done
