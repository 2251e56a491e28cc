#!/usr/bin/env bash
# browser-walk.sh: the keyboard walk and axe-core of t/browser/journeys.py
# on the pages no journey visits (EXT-13; issue #11): the three
# administrators' (the catalogue editor too), the supervisor's, the
# observer's, the coordinator's, the window clerk's other pages, a proxy
# agent's, the handler's and leader's steps of a case and the licence, the
# clerk's pages with a booking, a delegation and an article, and the
# citizen's and every role's in 大字版 on a phone (t/browser/walk.py says
# which).
. "$(dirname "$0")/../lib.sh"

rc=0
/usr/bin/python3 "$ROOT/t/browser/walk.py" || rc=$?
rm -rf "$_T_DIR"
exit "$rc"
