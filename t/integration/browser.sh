#!/usr/bin/env bash
# browser.sh: the main journeys in a real browser, at 1280 px and on a
# phone (issue #11, "The proof"; EXT-9, EXT-7, EXT-8, INT-1, EXT-13):
# t/browser/journeys.py, which says what it walks and checks, drives
# Debian's Chromium with Debian's python3-selenium (hence /usr/bin/python3,
# not whichever python3 comes first on PATH), runs axe-core (./run's
# browser_deps) and the keyboard walk on every page it visits, and keeps
# a screenshot of every step in var/test/logs/browser/.
. "$(dirname "$0")/../lib.sh"

rc=0
/usr/bin/python3 "$ROOT/t/browser/journeys.py" || rc=$?
rm -rf "$_T_DIR"
exit "$rc"
