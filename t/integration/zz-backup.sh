#!/usr/bin/env bash
# zz-backup.sh — SEC-6: `./run backup` and `./run restore` on the test stack, a
# restore drill.  A backup holds both sites' databases, files and keys, the
# keys only encrypted; a damaged backup restores nothing; a restore lays
# every table and file back as they were at the backup (checksums of every
# table and every stored file compared), and with --until carries the
# database forward through the binary logs to that moment and no further;
# each restored site then numbers its bundles in a new epoch, which the
# other site accepts, and the gap carries again.  It runs last (zz-): the
# tests before it expect the gap's first epochs.
. "$(dirname "$0")/../lib.sh"

RUN=$ROOT/run
BK=$_T_DIR/backup
CODE=152502-SCJG-XK-001	# 食品经营许可, 市场监督管理局

# sums SITE: every table's checksum (but gap_lock, whose epoch a restore
# moves on), then every stored file's SHA-256.
sums() {
	local d=$TEST_VAR/$1 tables
	tables=$(_sql "$d" "SELECT GROUP_CONCAT(table_name ORDER BY table_name)
		FROM information_schema.tables WHERE table_schema = 'yiwang'
		AND table_type = 'BASE TABLE' AND table_name <> 'gap_lock'")
	_sql "$d" "CHECKSUM TABLE ${tables//,/, } EXTENDED"
	(cd "$d/files" && find . -type f ! -path './tmp/*' -print0 | sort -z |
		xargs -0 -r sha256sum)
}
epoch() { _sql "$TEST_VAR/$1" "SELECT epoch FROM gap_lock WHERE id = 1"; }
tick_pid() { cat "$TEST_VAR/$1/tick.pid" 2>/dev/null; }

# The drill compares the databases at rest: each site's tick, which writes
# on its own time, stops for it; ./run start brings them back.
for site in ext int; do
	[[ -n $(tick_pid $site) ]] && kill -TERM "$(tick_pid $site)"
	for _ in $(seq 100); do
		kill -0 "$(tick_pid $site)" 2>/dev/null || break
		sleep 0.1
	done
	rm -f "$TEST_VAR/$site/tick.pid"
done

# Something in each store to lose and get back.
ext_apply "$CODE" >/dev/null
# stored SITE: the stored files' paths, tmp/ left out (relative: the tree
# itself may lie under a /tmp).
stored() { (cd "$TEST_VAR/$1/files" && find . -type f ! -path './tmp/*'); }
t_ok "the extranet stores files" test "$(stored ext | wc -l)" -gt 0
S_EXT=$(sums ext)
S_INT=$(sums int)
E_EXT=$(epoch ext)
E_INT=$(epoch int)

# --- the backup ---------------------------------------------------------------
OUT=$("$RUN" backup --test "$BK" 2>&1)
t_is "./run backup succeeds" "$?" 0 || t_diag "$OUT"
t_ok "every file of it has its sum" test -s "$BK/SHA256SUMS"
t_ok "and the sums hold" bash -c "cd '$BK' && sha256sum --quiet -c SHA256SUMS"
t_like "the manifest names each site's binary log position" "$(cat "$BK/MANIFEST")" \
	'ext binlog binlog\.[0-9]+ [0-9]+'
t_ok "both databases are in it, prepared" test -s "$BK/int/db/ibdata1" -a -s "$BK/ext/db/ibdata1"
PII=$(head -1 "$TEST_VAR/int/keys/pii.key")
t_unlike "no key in clear: the intranet's personal-data key is nowhere in it" \
	"$(grep -rlF "$PII" "$BK" 2>/dev/null)" '.'
t_unlike "nor the signing key" "$(grep -rlF "$(sed -n 2p "$TEST_VAR/ext/keys/site.key")" "$BK" 2>/dev/null)" '.'
KEYS_TAR=$(openssl cms -decrypt -binary -inform DER -in "$BK/int/keys.cms" \
	-inkey "$TEST_VAR/backup-key/backup.key" | tar -tvf - 2>&1)
t_like "the backup key opens the encrypted keys" "$KEYS_TAR" 'keys/pii\.key'
t_ok "the backup's private key is root's alone" test "$(stat -c %a "$TEST_VAR/backup-key/backup.key")" = 600
t_ok "a second backup into the same folder is refused" bash -c "! '$RUN' backup --test '$BK' >/dev/null 2>&1"

# --- a damaged backup restores nothing ------------------------------------------
cp -a "$BK" "$BK.bad"
printf 'X' | dd of="$BK.bad/ext/files.tar" bs=1 seek=700 conv=notrunc status=none
OUT=$("$RUN" restore --test "$BK.bad" 2>&1)
t_isnt "a damaged backup is refused" "$?" 0
t_like "saying which file and that nothing was restored" "$OUT" 'files\.tar.*(FAILED|失败)|nothing was restored'
t_like "nothing was restored" "$OUT" 'nothing was restored'
t_is "the extranet's database untouched" "$(sums ext)" "$S_EXT"
rm -rf "$BK.bad"

# --- after the backup: a change, a moment, another change, damage ----------------
ID_A=$(idno 15250219630512002)
ID_B=$(idno 15250219710823013)
YIWANG_PASSWORD=Yiwang@2026 admin_ext citizen-add "$ID_A" 包金花 13947905551 >/dev/null
sleep 1.2
UNTIL=$(date '+%F %T')
sleep 1.2
YIWANG_PASSWORD=Yiwang@2026 admin_ext citizen-add "$ID_B" 高建国 13947905552 >/dev/null
t_is "both accounts exist before the restore" "$(citizen_of "$ID_A" | wc -l)$(citizen_of "$ID_B" | wc -l)" 11
LOST=$TEST_VAR/ext/files/$(stored ext | head -1)
rm -f "$LOST"
sql_int "DELETE FROM gap_epoch" # damage: forget every epoch accepted

# --- point in time: to UNTIL, and no further --------------------------------------
OUT=$("$RUN" restore --test --site ext --until "$UNTIL" "$BK" 2>&1)
t_is "./run restore --until succeeds" "$?" 0 || t_diag "$OUT"
t_is "what was done before that moment is there" "$(citizen_of "$ID_A" | wc -l)" 1
t_is "what was done after it is not" "$(citizen_of "$ID_B" | wc -l)" 0
t_ok "the lost file is back" test -f "$LOST"
t_is "the extranet numbers its bundles in a new epoch" "$(epoch ext)" "$((E_EXT + 1))"
t_like "and says what the other site must confirm" "$OUT" "epoch-accept $((E_EXT + 1))"
t_like "the replaced database is kept" "$(ls "$TEST_VAR/ext")" 'db\.before-restore-'
http_get anon "$EXT_URL/" >/dev/null
t_is "the extranet answers again" "$HTTP_STATUS" 200

# --- the whole backup: every table and file as it was -----------------------------
OUT=$("$RUN" restore --test "$BK" 2>&1)
t_is "./run restore succeeds" "$?" 0 || t_diag "$OUT"
t_is "every table and file of the extranet as at the backup" "$(sums ext)" "$S_EXT"
t_is "every table and file of the intranet as at the backup" "$(sums int)" "$S_INT"
t_is "the account made after the backup is gone" "$(citizen_of "$ID_A" | wc -l)" 0
t_is "the ticks that were stopped stay stopped" "$(tick_pid ext)$(tick_pid int)" ""
OUT=$("$RUN" start --test 2>&1)
t_is "./run start brings back what is not running" "$?" 0 || t_diag "$OUT"
t_ok "the ticks run again" kill -0 "$(tick_pid ext)" "$(tick_pid int)"

# --- the gap carries again once each site accepts the other's new epoch -----------
t_is "each site numbers anew" "$(epoch ext) $(epoch int)" "$((E_EXT + 1)) $((E_INT + 1))"
gap_int epoch-accept "$(epoch ext)" >/dev/null
gap_ext epoch-accept "$(epoch int)" >/dev/null
APP=$(ext_apply "$CODE")
E=$(gap_ext export 2>/dev/null | tail -n 1)
t_like "the extranet's next bundle is the first of its new epoch" "$E" "-e$(epoch ext)-000001\.ywb\$"
t_ok "the intranet imports it" gap_int import "$E"
t_is "an application made after the restore reaches the intranet" \
	"$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no = '$APP'")" 1
I=$(gap_int export --heartbeat 2>/dev/null | tail -n 1)
t_like "the intranet's next bundle is the first of its new epoch" "$I" "-e$(epoch int)-000001\.ywb\$"
t_ok "the extranet imports it" gap_ext import "$I"

t_done
