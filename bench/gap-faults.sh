#!/usr/bin/env bash
# bench/gap-faults.sh: the gap's fault simulation as a long soak (GAP-5).
# ./run test runs t/integration/gap-faults.sh with 600 rounds (about 1,700
# bundles written, a few hundred of them again); this runs it with more,
# on the test stack (var/test), and prints its counts: bundles written and
# sent again, drops, copies carried twice, delays, damaged copies, the lost
# disc, imports and holds, and where the seconds went.
#
#   bench/gap-faults.sh [ROUNDS] [SEED]     (defaults 5000 and 20261206)
set -euo pipefail
cd "$(dirname "$0")/.."
GAP_FAULT_ROUNDS=${1:-5000} GAP_FAULT_SEED=${2:-20261206} \
	./run test gap-faults.sh 2>&1 | grep -E '^(not ok|# )|passed'
