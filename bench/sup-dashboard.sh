#!/usr/bin/env bash
# bench/sup-dashboard.sh: the supervision dashboard (/sup, SUP-3) and its
# lists at N cases (issue #8: p50 ≤ 100 ms at 1,000,000).  Run against the
# test stack (it sources t/lib.sh and writes into its intranet database),
# e.g. from a scratch t/integration script while `./run test` holds the
# stack up:
#
#   bench/sup-dashboard.sh [N] [REQUESTS]     (defaults 1000000 and 50)
#
# Measures each page REQUESTS times, one after another, on the stack as it
# is; then copies one real case N times into a history of about six years
# (3 % of it still open: received, processing, suspended, with deadlines
# before and after today), the summary kept by the triggers as the rows go
# in, and measures again.  Prints p50 and p99 of both runs and their ratio.
# Stand-in rows, not a realistic history: no events, opinions or steps.
set -euo pipefail
. "$(dirname "$0")/../t/lib.sh"
N=${1:-1000000}
REQ=${2:-50}

staff_login sup zhaoyanhong
CASE=$(sql_int "SELECT MIN(id) FROM kase")
if [[ -z $CASE || $CASE == NULL ]]; then
	CASE=$(case_from_ext 152502-SCJG-XK-001)
fi
PAGES=(/sup "/sup/cases?light=red" "/sup/cases?dept=SCJGJ&state=processing"
	"/sup/case?id=$CASE" /sup/ops)

# measure: "p50 p99" in ms of each page, space-separated per page.
measure() {
	local p t
	for p in "${PAGES[@]}"; do
		for ((i = 0; i < REQ; i++)); do
			curl -s -o /dev/null -w '%{time_total}\n' --cacert "$TEST_CA" \
				-b "$_T_DIR/jar.sup" "$INT_URL$p"
		done | sort -g | awk '{ v[NR] = $1 * 1000 } END {
			printf "%.1f %.1f\n", v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.999)] }'
	done
}
# (lib.sh keeps the jar as $_T_DIR/jar.<name>; check it answers.)
[[ -s $_T_DIR/jar.sup ]] || { echo "no session jar" >&2; exit 1; }
http_get sup "$INT_URL/sup" >/dev/null
[[ $HTTP_STATUS == 200 ]] || { echo "/sup answers $HTTP_STATUS" >&2; exit 1; }

mapfile -t before < <(measure)
n0=$(sql_int "SELECT COUNT(*) FROM kase")

# The history, 100,000 rows a statement.
start=$(date +%s)
for ((b = 0; b < N; b += 100000)); do
	m=$((N - b < 100000 ? N - b : 100000))
	sql_int "INSERT INTO kase (app_no, source, item_id, item_code,
	    item_version, item_name, applicant_name, id_sealed, mobile_sealed,
	    remark, state, step_seq, submitted_at, received_at, accepted_at,
	    decided_at, intake_due, promised_due, statutory_due)
	SELECT CONCAT('BH', LPAD($b + s.seq, 13, '0')), t.source, t.item_id,
	    t.item_code, t.item_version, t.item_name, t.applicant_name,
	    t.id_sealed, t.mobile_sealed, '', x.state, 2, x.at, x.at,
	    IF(x.state = 'received', NULL, x.at),
	    IF(x.state IN ('approved', 'denied'), x.at + INTERVAL 9 DAY, NULL),
	    DATE(x.at) + INTERVAL 7 DAY, DATE(x.at) + INTERVAL 28 DAY,
	    DATE(x.at) + INTERVAL 40 DAY
	FROM seq_1_to_$m s JOIN kase t ON t.id = $CASE
	JOIN (SELECT seq,
	    UTC_TIMESTAMP() - INTERVAL ($N - $b - seq) * 3 MINUTE AS at,
	    CASE WHEN $b + seq <= $N * 0.97 THEN
	        IF(($b + seq) % 9 = 0, 'denied', 'approved')
	    ELSE ELT(($b + seq) % 5 + 1, 'received', 'processing',
	        'processing', 'suspended', 'processing') END AS state
	    FROM seq_1_to_$m) x ON x.seq = s.seq"
done
loaded=$(($(date +%s) - start))
n1=$(sql_int "SELECT COUNT(*) FROM kase")
open=$(sql_int "SELECT COUNT(*) FROM kase WHERE sup_open = 1")
agree=$(admin_int dash-rebuild --check >/dev/null 2>&1 && echo yes || echo NO)
sql_int "ANALYZE TABLE kase" >/dev/null
mapfile -t after < <(measure)

printf 'supervision pages, %d requests each, one at a time\n' "$REQ"
printf 'cases: %d, then %d (%d open) after %d s of inserts with the triggers; summary = recount: %s\n' \
	"$n0" "$n1" "$open" "$loaded" "$agree"
printf '%-42s %18s %18s %8s\n' page "p50/p99 ms before" "p50/p99 ms after" "p50 ×"
for i in "${!PAGES[@]}"; do
	read -r a50 a99 <<<"${before[$i]}"
	read -r b50 b99 <<<"${after[$i]}"
	printf '%-42s %8s/%-9s %8s/%-9s %8s\n' "${PAGES[$i]}" "$a50" "$a99" "$b50" "$b99" \
		"$(awk -v a="$a50" -v b="$b50" 'BEGIN { printf "%.2f", b / a }')"
done
