#!/usr/bin/env bash
# gap-faults.sh (GAP-5, GAP-4; issue #9): the gap under faults.  For
# $GAP_FAULT_ROUNDS rounds (bench/gap-faults.sh runs more) both sites change
# (applications on the extranet, refusals at intake on the intranet, the
# rest refused at the end so that no case stays open for the suites after
# this one), both export with the real tool onto a disc, and each disc's
# bundles go through a channel that drops some, carries some twice, delays some by a few rounds
# (so they come in another order), flips a byte in some, and once loses a
# whole disc for three rounds.  Then clean rounds until nothing is held and
# every bundle is acknowledged.  At the end both sites hold the same data:
# every application came in once, every event of the intranet's about them
# reached the extranet once; no import ever raised a security alert, a
# damaged copy was refused and nothing else was; the numbers of bundles,
# faults and bundles sent again are reported.  Seeded: $GAP_FAULT_SEED.
# The two sites export side by side, and import side by side (each its
# own bundles in their order): two databases and two processes that share
# nothing, on CI's two cores; the channel's faults are drawn in one order.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局
ROUNDS=${GAP_FAULT_ROUNDS:-600}
RANDOM=${GAP_FAULT_SEED:-20261206}
LOST_AT=$((ROUNDS / 3))
staff_login clerk sarengaowa
ext_apply "$CODE" >/dev/null	# logs the applicant in
CIT=$(citizen_of 152502199003150027)
t_pdf "$TMP/m.pdf"
mapfile -t UPLOADS < <(required_uploads "$CODE" "$TMP/m.pdf")
# apply: one more application, the applicant logged in already (ext_apply
# logs in each time, with the slow password hash of a real login).
apply() {
	sql_ext "DELETE FROM submit_quota WHERE citizen_id = $CIT"	# SEC-8's daily count
	apply_form applicant "$EXT_URL/apply?code=$CODE"
	http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "${UPLOADS[@]/%/;type=application/pdf}" >/dev/null
	[[ $HTTP_STATUS == 303 ]]
}
settle() { admin_int tick >/dev/null 2>&1; }

# In step to begin with.
settle
carry ext int
carry int ext
carry ext int
ALERTS0="$(sql_ext "SELECT COUNT(*) FROM security_alert")/$(sql_int "SELECT COUNT(*) FROM security_alert")"
OUT0="$(sql_ext "SELECT COUNT(*) FROM gap_out")/$(sql_int "SELECT COUNT(*) FROM gap_out")"
APP0=$(sql_ext "SELECT COALESCE(MAX(id), 0) FROM application")
CASE0=$(sql_int "SELECT COALESCE(MAX(id), 0) FROM kase")

declare -A T=([export]=0 [import]=0 [change]=0)
# timed KIND CMD…: CMD, its time added to T[KIND] (microseconds).
timed() {
	local k=$1 t0=${EPOCHREALTIME/./} rc=0
	shift
	"$@" || rc=$?
	T[$k]=$((T[$k] + ${EPOCHREALTIME/./} - t0))
	return $rc
}
declare -A N=([written]=0 [dropped]=0 [twice]=0 [delayed]=0 [damaged]=0 [lost]=0 [imports]=0 [held]=0)
BAD=0
# The channel of each direction: lines "ROUND PATH DAMAGED" to deliver.
: >"$TMP/q-ext"
: >"$TMP/q-int"

# export_both ROUND: both sites export onto fresh discs, side by side (two
# databases, two processes: nothing shared; the machine has two cores).
export_both() {
	local round=$1 from rc
	local -A pid=()
	for from in ext int; do
		mkdir -p "$TMP/disc-$from-$round"
		"gap_$from" export --to "$TMP/disc-$from-$round" --heartbeat \
			>"$TMP/export-$from.out" 2>&1 &
		pid[$from]=$!
	done
	for from in ext int; do
		rc=0
		wait "${pid[$from]}" || rc=$?
		((rc == 0)) || {
			t_fail "round $round: export on $from failed"
			cat "$TMP/export-$from.out" >&2
			BAD=1
		}
	done
	((!BAD))
}

# ship FROM TO ROUND FAULTS: put the bundles FROM exported (export_both)
# in the channel towards TO, with faults when FAULTS is 1.
ship() {
	local from=$1 round=$3 faults=$4 disc f r copy n=0
	disc=$TMP/disc-$from-$round
	for f in "$disc"/*.ywb; do
		[[ -f $f ]] || continue
		n=$((n + 1))
		N[written]=$((N[written] + 1))
		r=$((RANDOM % 100))
		copy=$f
		if ((faults && from == "ext" && round >= LOST_AT && round < LOST_AT + 3)); then
			N[lost]=$((N[lost] + 1))
			continue
		fi
		if ((faults && r < 8)); then
			N[dropped]=$((N[dropped] + 1))
			continue
		fi
		if ((faults && r < 13)); then
			# One byte changed somewhere in the file.
			copy=$f.bad
			cp "$f" "$copy"
			# shellcheck disable=SC2059
			printf "$(printf '\\x%02x' $((RANDOM % 256)))" |
				dd of="$copy" bs=1 seek=$(((RANDOM * 32768 + RANDOM) % $(stat -c %s "$f"))) conv=notrunc status=none
			if cmp -s "$f" "$copy"; then
				rm "$copy"
				copy=$f
			else
				N[damaged]=$((N[damaged] + 1))
				echo "$round $copy 1" >>"$TMP/q-$from"
				continue
			fi
		fi
		if ((faults && r < 20)); then
			N[twice]=$((N[twice] + 1))
			echo "$((round + 1 + RANDOM % 3)) $copy 0" >>"$TMP/q-$from"
		elif ((faults && r < 35)); then
			N[delayed]=$((N[delayed] + 1))
			echo "$((round + 1 + RANDOM % 3)) $copy 0" >>"$TMP/q-$from"
			continue
		fi
		echo "$round $copy 0" >>"$TMP/q-$from"
	done
}

# deliver FROM TO ROUND: import what the channel of FROM has due by ROUND;
# in a subshell of deliver_both, so its counts and failures go to files:
# $TMP/d-FROM.n ("IMPORTS HELD") and $TMP/d-FROM.fail (one line a failed
# import, its output after it on standard error).
deliver() {
	local from=$1 to=$2 round=$3 due path bad rc imports=0 held=0 what
	: >"$TMP/q-next-$from"
	: >"$TMP/d-$from.fail"
	while read -r due path bad; do
		if ((due > round)); then
			echo "$due $path $bad" >>"$TMP/q-next-$from"
			continue
		fi
		rc=0
		"gap_$to" import "$path" >"$TMP/import-$from.out" 2>&1 || rc=$?
		imports=$((imports + 1))
		((rc == 5)) && held=$((held + 1))
		if ((bad ? rc != 2 : rc != 0 && rc != 5)); then
			what=intact
			((!bad)) || what=damaged
			echo "round $round: import of ${path##*/} on $to:" \
				"exit $rc ($what)" >>"$TMP/d-$from.fail"
			cat "$TMP/import-$from.out" >&2
		fi
	done <"$TMP/q-$from"
	mv "$TMP/q-next-$from" "$TMP/q-$from"
	echo "$imports $held" >"$TMP/d-$from.n"
}
# deliver_both ROUND: each site imports what is due to it, side by side
# (each site's imports in their order; the two sites share nothing).
deliver_both() {
	local from imports held line
	(deliver ext int "$1") &
	(deliver int ext "$1") &
	wait
	for from in ext int; do
		read -r imports held <"$TMP/d-$from.n"
		N[imports]=$((N[imports] + imports))
		N[held]=$((N[held] + held))
		while IFS= read -r line; do
			t_fail "$line"
			BAD=1
		done <"$TMP/d-$from.fail"
	done
}

# refuse CASE: the clerk refuses case CASE at intake (不予受理): a decision
# with its document, which the extranet must hear of, and a case that
# leaves every worklist, so the suites after this one find theirs.
refuse() {
	local csrf
	csrf=$(http_get clerk "$INT_URL/case?id=$1" | csrf_from)
	http_post clerk "$INT_URL/case/act" "csrf=$csrf" "id=$1" action=reject "text=申请材料与申请事项不符。" >/dev/null
	[[ $HTTP_STATUS == 303 ]] || { t_fail "refusing case $1: $HTTP_STATUS"; BAD=1; }
}
# received: the cases of the simulation waiting at intake.
received() { sql_int "SELECT id FROM kase WHERE state = 'received' AND app_no IN (SELECT app_no FROM gap_in_case) AND id > $CASE0 ORDER BY ${1:-id}"; }

# change ROUND: both sites change, now and then.
change() {
	local c
	if ((RANDOM % 3 == 0)); then
		apply || { t_fail "round $1: the application was refused ($HTTP_STATUS)"; BAD=1; }
	fi
	if ((RANDOM % 3 == 0)); then
		c=$(received "RAND($RANDOM) LIMIT 1")
		[[ -z $c ]] || refuse "$c"
	fi
}

round() { # ROUND FAULTS
	timed change change "$1"
	timed export export_both "$1" || return 0
	ship ext int "$1" "$2"
	ship int ext "$1" "$2"
	timed import deliver_both "$1"
}

for ((i = 1; i <= ROUNDS && !BAD; i++)); do
	round "$i" 1
done
t_is "$ROUNDS rounds under faults, every import as expected" "$BAD" 0
# The rest refused too, so that no case of the simulation stays open.
for c in $(received); do refuse "$c"; done
# Clean rounds until nothing is held or in flight and all is acknowledged.
quiet() {
	[[ ! -s $TMP/q-ext && ! -s $TMP/q-int ]] &&
	[[ $(sql_int "SELECT COUNT(*) FROM gap_held") == 0 && $(sql_ext "SELECT COUNT(*) FROM gap_held") == 0 ]] &&
	[[ $(sql_int "SELECT COUNT(*) FROM gap_outbox WHERE bundle_seq IS NULL") == 0 ]] &&
	[[ $(sql_ext "SELECT COUNT(*) FROM gap_outbox WHERE bundle_seq IS NULL") == 0 ]] &&
	[[ $(sql_ext "SELECT COUNT(*) FROM gap_out WHERE acked_at IS NULL AND records > 0") == 0 ]] &&
	[[ $(sql_int "SELECT COUNT(*) FROM gap_out WHERE acked_at IS NULL AND records > 0") == 0 ]]
}
round_clean() { # ROUND
	export_both "$1" || return 0
	ship ext int "$1" 0
	ship int ext "$1" 0
	deliver_both "$1"
}
for ((j = 0; j < 12 && !BAD; j++)); do
	quiet && break
	settle
	round_clean $((i + j))
done
t_ok "then, in $j clean rounds, nothing held, in flight or unacknowledged" quiet

# --- both sites hold the same data ----------------------------------------------------
EXT_APPS=$(sql_ext "SELECT GROUP_CONCAT(app_no ORDER BY app_no) FROM application WHERE id > $APP0")
INT_APPS=$(sql_int "SELECT GROUP_CONCAT(app_no ORDER BY app_no) FROM kase WHERE app_no IN ($(sed "s/[^,]*/'&'/g" <<<"${EXT_APPS:-x}"))")
t_like "applications were made all along" "$EXT_APPS" "^YW[0-9]+(,YW[0-9]+){9,}$"
t_is "every one of them reached the intranet" "$INT_APPS" "$EXT_APPS"
t_is "each once" "$(sql_int "SELECT COUNT(*) - COUNT(DISTINCT app_no) FROM kase")" 0
SENT=$(sql_int "SELECT GROUP_CONCAT(CONCAT(JSON_VALUE(body, '$.app_no'), ':', JSON_VALUE(body, '$.seq')) ORDER BY 1) FROM gap_outbox WHERE kind = 'case.event' AND JSON_VALUE(body, '$.app_no') IN ($(sed "s/[^,]*/'&'/g" <<<"${EXT_APPS:-x}"))")
GOT=$(sql_ext "SELECT GROUP_CONCAT(CONCAT(app_no, ':', seq) ORDER BY 1) FROM app_event WHERE seq > 0 AND app_no IN ($(sed "s/[^,]*/'&'/g" <<<"${EXT_APPS:-x}"))")
t_like "the intranet acted on them all along" "$SENT" ":2"
t_is "and none of them is open" "$(sql_int "SELECT COUNT(*) FROM kase WHERE id > $CASE0 AND state <> 'not_accepted'")" 0
t_is "every event it sent about them is on the extranet, once" "$GOT" "$SENT"
t_is "no security alert on either site" \
	"$(sql_ext "SELECT COUNT(*) FROM security_alert")/$(sql_int "SELECT COUNT(*) FROM security_alert")" "$ALERTS0"
t_ok "faults of every kind happened" test $((N[dropped] > 0 && N[twice] > 0 && N[delayed] > 0 && N[damaged] > 0 && N[lost] > 0)) = 1
RESENT=$(($(sql_ext "SELECT SUM(resent) FROM gap_out") + $(sql_int "SELECT SUM(resent) FROM gap_out")))
t_ok "bundles were sent again" test "$RESENT" -gt 0
# The suites after this one carry every bundle kept: let these go.
sleep 1.1
gap_with ext gap_keep_days=0 export >/dev/null 2>&1 || true
gap_with int gap_keep_days=0 export >/dev/null 2>&1 || true
t_ok "acknowledged, they are let go" test "$(find "$TEST_VAR"/{ext,int}/bundles -maxdepth 1 -name '*.ywb' | wc -l)" -lt 10
t_diag "bundles written $((N[written])) (new: ext $(($(sql_ext "SELECT COUNT(*) FROM gap_out") - ${OUT0%/*})), int $(($(sql_int "SELECT COUNT(*) FROM gap_out") - ${OUT0#*/}))), sent again $RESENT;" \
	"dropped ${N[dropped]}, carried twice ${N[twice]}, delayed ${N[delayed]}, damaged ${N[damaged]}, lost with the disc ${N[lost]};" \
	"imports ${N[imports]}, of which held ${N[held]};" \
	"seconds: all $SECONDS, in exports $((T[export] / 1000000)), imports $((T[import] / 1000000)), changes $((T[change] / 1000000))"
t_done
