#!/usr/bin/env bash
# chain-tamper.sh: the audit and opinion chains against a database
# administrator (SEC-3, review F4), as the review attacked them, as the
# database's root through the socket.  Stops: (a) a trigger dropped, an audit
# row's actor rewritten and every later hash recomputed, unnoticed; (b) the
# newest rows deleted, leaving no trace; an opinion rewritten; anchors forged,
# or deleted from the database and the anchor file, with the other site's
# copies still telling.  Every attack is undone afterwards, and the chains
# verify again.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001
t_pdf "$TMP/a.pdf"

verify_int() { admin_int audit-verify "$@" >"$TMP/verify" 2>&1; }
verified() { cat "$TMP/verify"; }
# The triggers that keep audit rows and opinions insert-only, as 001 made
# them (and 135 for opinions: the rows of generated cases may go).
triggers_off() { sql_int "DROP TRIGGER $1_no_update; DROP TRIGGER $1_no_delete"; }
triggers_on() {
	local cond=TRUE
	[[ $1 == opinion || $1 == deadline_warning ]] && cond='OLD.demo = 0'
	sql_int <<EOF
DELIMITER //
CREATE TRIGGER $1_no_update BEFORE UPDATE ON $1 FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'rows cannot be changed' //
CREATE TRIGGER $1_no_delete BEFORE DELETE ON $1 FOR EACH ROW
	IF $cond THEN
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'rows cannot be deleted';
	END IF //
EOF
}

# --- a case with a signed opinion, written by the workers -------------------
csrf=$(http_get citizen "$EXT_URL/login" | csrf_from)
http_post citizen "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" "password=Yiwang@2026" >/dev/null
apply_form citizen "$EXT_URL/apply?code=$CODE"
http_upload citizen "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "m1=@$TMP/a.pdf;type=application/pdf" >/dev/null
APP=${HTTP_LOCATION#*=}
t_like "an application is submitted" "$APP" '^YW[0-9]{13}$'
B=$(gap_ext export 2>/dev/null | tail -n 1)
t_ok "it crosses to the intranet" gap_int import "$B"
t_is "and the extranet's bundle carried a signed anchor" \
	"$(sql_ext "SELECT COUNT(*) > 0 FROM gap_outbox WHERE kind='anchor' AND bundle_seq = (SELECT MAX(seq) FROM gap_out)")" 1
t_is "which the intranet keeps as the extranet's" \
	"$(sql_int "SELECT COUNT(*) > 0 FROM anchor WHERE site='extranet'")" 1
CASE=$(sql_int "SELECT id FROM kase WHERE app_no='$APP'")
staff() { # JAR LOGIN ACTION [k=v…]
	local jar=$1 login=$2 action=$3 csrf
	shift 3
	csrf=$(http_get "$jar" "$INT_URL/login" | csrf_from)
	http_post "$jar" "$INT_URL/login" "csrf=$csrf" "login=$login" "password=Yiwang@2026" >/dev/null
	csrf=$(http_get "$jar" "$INT_URL/case?id=$CASE" | csrf_from)
	http_post "$jar" "$INT_URL/case/act" "csrf=$csrf" "id=$CASE" "action=$action" "$@" >/dev/null
}
staff clerk sarengaowa accept
staff handler wangzhiqiang sign verdict=agree "text=经核查，符合条件，建议准予。"
t_is "the handler's opinion is stored" \
	"$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id=$CASE")" 1
t_like "its hash is a keyed MAC, not the old unkeyed SHA-256" \
	"$(sql_int "SELECT hash <> SHA2(CONCAT_WS(CHAR(10), prev_hash, '$APP', step_key, staff_id, verdict, text, signed_at), 256) FROM opinion WHERE case_id=$CASE")" 1

# Anchor both sites now; the intranet's crosses to the extranet.
t_ok "yiwang-admin anchor signs the intranet's heads" admin_int anchor
t_ok "and the extranet's" admin_ext anchor
B=$(gap_int export 2>/dev/null | tail -n 1)
t_ok "the intranet's anchors cross with its next bundle" gap_ext import "$B"
admin_ext anchors peer >"$TMP/int-anchors-at-ext"
t_like "the extranet keeps them, signed: ready to carry back for audit-verify -a" \
	"$(cat "$TMP/int-anchors-at-ext")" $'^yiwang-anchor-1 intranet [0-9T:Z-]+ .* audit=[0-9]+,[0-9]+,0,[0-9a-f]{64} .*audit_7=[^ ]+\t[0-9a-f]{128}$'

verify_int
t_is "a clean intranet verifies (exit 0)" "$?" 0
t_like "every chain holds, checked against the anchors" "$(verified)" "^audit：[0-9]+ 行.*完好，对照了 [1-9][0-9]* 个锚点"
t_like "the opinions too" "$(verified)" "^opinion：[0-9]+ 行.*完好"
admin_ext audit-verify >"$TMP/out" 2>&1
t_is "and so does the extranet" "$?" 0

# --- (a) an audit row rewritten, later hashes recomputed ----------------------
X=$(sql_int "SELECT id FROM audit WHERE object='$APP' AND action='case.accept'")
LAST=$(sql_int "SELECT MAX(id) FROM audit")
sql_int "SELECT id, actor, prev_hash, hash FROM audit WHERE id >= $X" >"$TMP/saved"
triggers_off audit
sql_int "UPDATE audit SET actor='wangzhiqiang' WHERE id=$X"
# What the review did: recompute every later hash so that each row again
# names the one before, as an unkeyed chain would have it.
prev=$(sql_int "SELECT prev_hash FROM audit WHERE id=$X")
for id in $(sql_int "SELECT id FROM audit WHERE id >= $X ORDER BY id"); do
	h=$(sql_int "SELECT SHA2(CONCAT_WS(CHAR(10), '$prev', at, actor, action, object, detail), 256) FROM audit WHERE id=$id")
	sql_int "UPDATE audit SET prev_hash='$prev', hash='$h' WHERE id=$id"
	prev=$h
done
triggers_on audit
t_is "(a) the rewritten chain links row to row, as the unkeyed check wants" \
	"$(sql_int "SELECT COUNT(*) FROM audit a JOIN audit b ON b.id = (SELECT MAX(id) FROM audit c WHERE c.id < a.id) WHERE a.prev_hash <> b.hash")" 0
verify_int
t_is "(a) audit-verify fails" "$?" 1
t_like "(a) and names the rewritten row first" "$(verified | grep '^audit' | head -1)" \
	"^audit：第 $X 号记录的内容与它的校验码不符"
# Undo: the saved rows back as they were.
triggers_off audit
while IFS=$'\t' read -r id actor p h; do
	sql_int "UPDATE audit SET actor='$actor', prev_hash='$p', hash='$h' WHERE id=$id"
done <"$TMP/saved"
triggers_on audit
verify_int
t_is "(a) undone, the chain verifies again" "$?" 0

# --- (b) the newest rows deleted ---------------------------------------------
sql_int "CREATE TABLE h3_saved AS SELECT * FROM audit WHERE id > $LAST - 3"
triggers_off audit
sql_int "DELETE FROM audit WHERE id > $LAST - 3"
triggers_on audit
REMAIN=$(sql_int "SELECT MAX(id) FROM audit")
t_is "(b) what is left still links row to row" \
	"$(sql_int "SELECT COUNT(*) FROM audit a JOIN audit b ON b.id = (SELECT MAX(id) FROM audit c WHERE c.id < a.id) WHERE a.prev_hash <> b.hash")" 0
verify_int
t_is "(b) audit-verify fails" "$?" 1
t_like "(b) and says the anchored newest rows are missing" "$(verified)" \
	"^audit：锚点（[0-9T:Z-]+）记载到第 $LAST 号共 [0-9]+ 行，现在只到第 $REMAIN 号.*被删除了"
sql_int "INSERT INTO audit SELECT * FROM h3_saved; DROP TABLE h3_saved"
verify_int
t_is "(b) put back, the chain verifies again" "$?" 0

# A row deleted in the middle breaks the next row's link.
M=$((X - 1))
sql_int "CREATE TABLE h3_saved AS SELECT * FROM audit WHERE id = $M"
triggers_off audit
sql_int "DELETE FROM audit WHERE id = $M"
triggers_on audit
verify_int
t_like "a row deleted in the middle: the row after it is named" "$(verified)" "^audit：第 $X 号记录记载的上一行校验码与实际的上一行不符"
sql_int "INSERT INTO audit SELECT * FROM h3_saved; DROP TABLE h3_saved"

# --- an opinion rewritten ----------------------------------------------------
O=$(sql_int "SELECT id FROM opinion WHERE case_id=$CASE")
text=$(sql_int "SELECT text FROM opinion WHERE id=$O")
triggers_off opinion
sql_int "UPDATE opinion SET text='经核查，不符合条件。', verdict='disagree' WHERE id=$O"
triggers_on opinion
verify_int
t_is "an opinion rewritten: audit-verify fails" "$?" 1
t_like "and names the opinion" "$(verified)" "^opinion：第 $O 号记录的内容与它的校验码不符"
triggers_off opinion
sql_int "UPDATE opinion SET text='$text', verdict='agree' WHERE id=$O"
triggers_on opinion

# --- the anchors themselves ---------------------------------------------------
verify_int
t_is "all undone, the intranet verifies" "$?" 0
sed 's/ audit=[0-9]*,[0-9]*,/ audit=1,1,/' "$TMP/int-anchors-at-ext" | head -1 >"$TMP/forged"
verify_int -a "$TMP/forged"
t_is "a forged anchor (changed after signing) fails verification" "$?" 1
t_like "and is called forged" "$(verified)" "的签名不对"

# The administrator deletes the newest rows, every anchor in the database and
# the anchor file (which needs the system's root too): only the other site's
# copies are left, and they tell.
sql_int "CREATE TABLE h3_saved AS SELECT * FROM audit WHERE id > $LAST - 3;
	CREATE TABLE h3_saved_anchor AS SELECT * FROM anchor WHERE site='intranet'"
mv "$TEST_VAR/int/keys/anchors" "$TMP/anchors.moved"
triggers_off audit
sql_int "DROP TRIGGER anchor_no_delete; DELETE FROM anchor WHERE site='intranet';
	DELETE FROM audit WHERE id > $LAST - 3"
triggers_on audit
verify_int
t_is "with every local anchor gone, audit-verify alone cannot tell" "$?" 0
t_like "but says it has no anchor" "$(verified)" "还没有锚点"
verify_int -a "$TMP/int-anchors-at-ext"
t_is "with the anchors the extranet kept, it fails" "$?" 1
t_like "and says the newest rows are missing" "$(verified)" "现在只到第 $REMAIN 号"
sql_int "INSERT INTO audit SELECT * FROM h3_saved; INSERT INTO anchor SELECT * FROM h3_saved_anchor;
	DROP TABLE h3_saved, h3_saved_anchor;
	CREATE TRIGGER anchor_no_delete BEFORE DELETE ON anchor FOR EACH ROW
		SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'anchors cannot be deleted'"
mv "$TMP/anchors.moved" "$TEST_VAR/int/keys/anchors"
verify_int -a "$TMP/int-anchors-at-ext"
t_is "everything put back: the intranet verifies, with the extranet's copies too" "$?" 0
t_done
