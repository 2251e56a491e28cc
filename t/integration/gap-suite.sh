#!/usr/bin/env bash
# gap-suite.sh: the cryptographic suites and key rotation of the gap
# (GAP-7, GAP-3).  Both sites write the SM suite (SM2 with SM3, SM2 key
# agreement with SM4, SM3) through copies of their configs with
# gap_suite = sm: an application goes across and the reply comes back.  A
# site that accepts only intl refuses the SM bundle before reading it,
# naming the suite and the config key, without a security alert and
# without a trace; the same site allowing sm imports it.  Then the
# intranet rotates its keys: a bundle the extranet sealed to its old
# encryption key still opens; the intranet's bundles under its new
# signing key are refused until the extranet installs the new public key
# (gap-key-peer), then imported; a bundle of the old key verifies in the
# overlap and after it, and after it is refused for import.  Audited.
#
# The sites' own yiwang.conf stay as they are (intl), so the tests after
# this one see the intl setup; the SM keys are made where the config
# template puts them, so audit-verify keeps finding the keys that signed
# this test's anchors.
. "$(dirname "$0")/../lib.sh"

TMP=$_T_DIR
CODE=152502-SCJG-XK-001

# The config of site s (ext|int) writing sm and accepting SUITES.
sm_conf() { # s SUITES OUT
	grep -vE '^(gap_suites?|sm_[a-z_]+) *=' "$TEST_VAR/$1/yiwang.conf" >"$3"
	cat >>"$3" <<-EOF
	gap_suite = sm
	gap_suites = $2
	sm_sign_key = $TEST_VAR/$1/keys/sm-site.key
	sm_peer_key = $TEST_VAR/$1/keys/sm-peer.pub
	sm_enc_key = $TEST_VAR/$1/keys/sm-enc.key
	sm_peer_enc_key = $TEST_VAR/$1/keys/sm-peer-enc.pub
	EOF
}
sm_conf ext "intl sm" "$TMP/ext.conf"
sm_conf int "intl sm" "$TMP/int.conf"
gsm() { local s=$1; shift; "$BUILD/yiwang-gap" -c "$TMP/$s.conf" "$@"; }
asm() { local s=$1; shift; "$BUILD/yiwang-admin" -c "$TMP/$s.conf" "$@"; }
K=$TEST_VAR/%s/keys

# A rotation of an earlier run leaves its overlap open: the keys it kept
# are of no use to this one (the signing keys' public halves stay, for
# audit-verify).
cleanup() { rm -f "$TEST_VAR"/int/keys/sm-enc.key.prev* "$TEST_VAR"/ext/keys/sm-peer.pub.prev*; }
cleanup
# The SM bundles, all imported by the end, leave the bundle directories
# as an operator clears a carried disc: the intl-only sites of the tests
# after this one would refuse them, and their carry() walks them all.
carried() {
	local f
	cleanup
	mkdir -p "$TMP/carried"
	for f in "$TEST_VAR"/ext/bundles/*.ywb "$TEST_VAR"/int/bundles/*.ywb; do
		[[ -f $f && $(head -c 8 "$f") == YWBNDL03 ]] && mv "$f" "$TMP/carried/"
	done
	return 0
}
trap carried EXIT

for s in ext int; do
	asm "$s" keygen >"$TMP/keygen.out" 2>&1
	t_like "$s: keygen makes the SM2 key pairs of the configured suite" \
		"$(cat "$TMP/keygen.out")" "国密签名密钥（SM2）"
	t_is "$s: the SM2 signing private key is mode 600" \
		"$(stat -c %a "$TEST_VAR/$s/keys/sm-site.key")" 600
	t_is "$s: the SM2 encryption private key is mode 600" \
		"$(stat -c %a "$TEST_VAR/$s/keys/sm-enc.key")" 600
	t_like "$s: it is an SM2 key" \
		"$(openssl pkey -in "$TEST_VAR/$s/keys/sm-site.key" -noout -text 2>&1 | grep -i 'ASN1 OID')" "SM2"
done
# What the administrators carry across on paper or disc.
cp "$TEST_VAR/int/keys/sm-site.key.pub" "$TEST_VAR/ext/keys/sm-peer.pub"
cp "$TEST_VAR/ext/keys/sm-site.key.pub" "$TEST_VAR/int/keys/sm-peer.pub"
cp "$TEST_VAR/int/keys/sm-enc.key.pub" "$TEST_VAR/ext/keys/sm-peer-enc.pub"
cp "$TEST_VAR/ext/keys/sm-enc.key.pub" "$TEST_VAR/int/keys/sm-peer-enc.pub"

# apply: the demo applicant applies for CODE on the extranet; prints the
# application's number.
apply() {
	local csrf
	local -a up
	t_pdf "$TMP/m.pdf"
	sql_ext "DELETE FROM submit_quota WHERE citizen_id = $(citizen_of 152502199003150027)"
	csrf=$(http_get applicant "$EXT_URL/login" | csrf_from)
	http_post applicant "$EXT_URL/login" "csrf=$csrf" "id_number=152502199003150027" \
		"password=Yiwang@2026" "next=/my" >/dev/null
	apply_form applicant "$EXT_URL/apply?code=$CODE"
	mapfile -t up < <(required_uploads "$CODE" "$TMP/m.pdf")
	http_upload applicant "$EXT_URL/apply" "csrf=$CSRF" "form_key=$FORM_KEY" "code=$CODE" "${up[@]}" >/dev/null
	[[ $HTTP_STATUS == 303 ]] && printf '%s\n' "${HTTP_LOCATION#*=}"
}
# carry, by sites that accept both suites: export, import every bundle.
carry_sm() { # FROM TO
	local b rc=0
	gsm "$1" export >/dev/null 2>&1 || rc=$?
	((rc == 0 || rc == 3)) || return 1
	for b in "$TEST_VAR/$1"/bundles/*.ywb; do
		gsm "$2" import "$b" >"$TMP/carry.out" 2>&1 || { cat "$TMP/carry.out"; return 1; }
	done
}
export_sm() { # s: the bundle's path
	gsm "$1" export 2>"$TMP/export.err" | tail -n 1
}

# Carry whatever the intl tests before left, so that the SM bundles come
# next in both chains.
carry ext int >/dev/null
carry int ext >/dev/null

APP=$(apply)
t_like "an application is made on the extranet" "$APP" '.'
B=$(export_sm ext)
t_ok "the extranet exports it in the SM suite" test -s "$B"
t_is "the bundle's magic names the SM suite" "$(head -c 8 "$B")" YWBNDL03
t_like "its manifest names the suite, SM2 with SM3 and the signing key" \
	"$(head -c 4000 "$B" | tr -d '\0' | grep -ao '"alg":"[a-z0-9-]*"\|"suite":"sm"\|"kid":"[0-9a-f]*"' | tr '\n' ' ')" \
	'"alg":"sm2-sm3" "alg":"sm2dh-sm3kdf-sm4-ctr-hmac-sm3" "kid":"[0-9a-f]{16}" "suite":"sm"'
t_is "no personal data in the clear" "$(grep -caF 152502199003150027 "$B")" 0

# A site configured for the international suite only.
seq=$(sql_int "SELECT COALESCE(MAX(seq), 0) FROM gap_in WHERE dir='ext2int'")
alerts=$(sql_int "SELECT COUNT(*) FROM alert")
gap_int verify "$B" >"$TMP/out" 2>&1; rc=$?
t_is "an intl-only site refuses the SM bundle (verify)" "$rc" 2
gap_int import "$B" >"$TMP/out" 2>&1; rc=$?
t_is "and its import, exit 2" "$rc" 2
t_like "naming the suite and the config key to change" "$(cat "$TMP/out")" \
	"国密算法套件 sm.*本站只接受 intl（配置项 gap_suites）.*gap_suites 中加上 sm"
t_is "nothing imported" "$(sql_int "SELECT COALESCE(MAX(seq), 0) FROM gap_in WHERE dir='ext2int'")" "$seq"
t_is "no case" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP'")" 0
t_is "not a security alert" "$(sql_int "SELECT COUNT(*) FROM alert")" "$alerts"

# The same site allowing sm.
gsm int import "$B" >"$TMP/out" 2>&1; rc=$?
t_is "the site allowing sm imports it" "$rc" 0
t_like "(what it says)" "$(cat "$TMP/out")" "已导入"
t_is "the case is there" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP'")" 1
t_is "the bundle's hash, as chained, is its SM3" \
	"$(sql_int "SELECT hash FROM gap_in WHERE dir='ext2int' AND seq=$((seq + 1))")" \
	"$(openssl dgst -sm3 -r "$B" | cut -d' ' -f1)"

# The reply: the intranet's bundle comes back in the SM suite too.
R=$(export_sm int)
t_ok "the intranet exports the reply in the SM suite" test -s "$R"
t_is "(its magic)" "$(head -c 8 "$R")" YWBNDL03
gap_ext import "$R" >"$TMP/out" 2>&1; rc=$?
t_is "the extranet as configured (intl only) refuses it" "$rc" 2
gsm ext import "$R" >"$TMP/out" 2>&1; rc=$?
t_is "allowing sm, it imports it" "$rc" 0
t_like "(what it says)" "$(cat "$TMP/out")" "已导入"
t_isnt "the applicant's application has news from the intranet" \
	"$(sql_ext "SELECT status FROM application WHERE app_no='$APP'")" "submitted"

# A site that writes sm still reads intl: an intl bundle from the other.
APP2=$(apply)
I=$(gap_ext export 2>/dev/null | tail -n 1)
t_is "(an intl bundle)" "$(head -c 8 "$I")" YWBNDL02
gsm int import "$I" >"$TMP/out" 2>&1; rc=$?
t_is "a site accepting both imports an intl bundle too" "$rc" 0
t_is "(its case)" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP2'")" 1
carry_sm int ext
t_is "(the intranet's bundles carried, in both suites)" "$?" 0

# Rotation.  The extranet seals a bundle to the intranet's current key...
APP3=$(apply)
B1=$(export_sm ext)
t_ok "(a bundle sealed to the intranet's key)" test -s "$B1"
OLDKID=$(gsm ext verify "$R" 2>&1 | grep -o '对端签名密钥 [0-9a-f]*' | cut -d' ' -f2)
t_like "(verify names the intranet's signing key)" "$OLDKID" '^[0-9a-f]{16}$'
# ... and the intranet rotates before it comes.
asm int gap-key-rotate --overlap 10 >"$TMP/rot.out" 2>&1; rc=$?
t_is "gap-key-rotate rotates the intranet's keys" "$rc" 0
t_like "it says what to carry and what to run on the other site" "$(tr '\n' ' ' <"$TMP/rot.out")" \
	"sm-site.key.pub.*sm-enc.key.pub.*yiwang-admin gap-key-peer --until [0-9T:-]*Z"
UNTIL=$(grep -o -- '--until [0-9T:-]*Z' "$TMP/rot.out" | cut -d' ' -f2)
NEWKID=$(openssl pkey -pubin -in "$TEST_VAR/int/keys/sm-site.key.pub" -pubout -outform DER 2>/dev/null | tail -c 65 | openssl dgst -sm3 -r | cut -c1-16)
t_like "(with the old and new key ids)" "$(cat "$TMP/rot.out")" "$OLDKID → $NEWKID"
t_is "the old encryption private key is kept, mode 600" \
	"$(stat -c %a "$TEST_VAR/int/keys/sm-enc.key.prev")" 600
t_is "and the end of its overlap" "$(cat "$TEST_VAR/int/keys/sm-enc.key.prev.until")" "$UNTIL"
t_like "the old signing public key is kept for audit-verify" \
	"$(cat "$TEST_VAR/int/keys/sm-site.key.old.pub")" "BEGIN PUBLIC KEY"
t_is "the rotation is audited" \
	"$(sql_int "SELECT COUNT(*) FROM audit WHERE action='gap.key-rotate' AND detail LIKE '%$NEWKID%'")" 1
asm int gap-key-rotate >"$TMP/out" 2>&1; rc=$?
t_is "a second rotation within the overlap is refused" "$rc" 1
t_like "(saying until when)" "$(cat "$TMP/out")" "过渡期到 .* 才结束"

gsm int import "$B1" >"$TMP/out" 2>&1; rc=$?
t_is "a bundle sealed to the intranet's old key still opens in the overlap" "$rc" 0
t_is "(its case)" "$(sql_int "SELECT COUNT(*) FROM kase WHERE app_no='$APP3'")" 1

B2=$(export_sm int)
t_ok "the intranet exports under its new key" test -s "$B2"
gsm ext import "$B2" >"$TMP/out" 2>&1; rc=$?
t_is "the extranet, without the new public key, refuses it" "$rc" 2
t_like "naming the keys it knows and what to do" "$(cat "$TMP/out")" \
	"签名验证失败.*$OLDKID.*gap-key-peer"
asm ext gap-key-peer --until "$UNTIL" "$TEST_VAR/int/keys/sm-site.key.pub" \
	"$TEST_VAR/int/keys/sm-enc.key.pub" >"$TMP/out" 2>&1; rc=$?
t_is "gap-key-peer installs the intranet's new public keys" "$rc" 0
t_like "keeping the old one for the overlap" "$(cat "$TMP/out")" "$NEWKID.*旧签名密钥 $OLDKID 保留到"
t_is "(the old one kept, with its end)" "$(cat "$TEST_VAR/ext/keys/sm-peer.pub.prev.until")" "$UNTIL"
t_is "installing it is audited" \
	"$(sql_ext "SELECT COUNT(*) FROM audit WHERE action='gap.key-peer' AND detail LIKE '%$NEWKID%'")" 1
gsm ext import "$B2" >"$TMP/out" 2>&1; rc=$?
t_is "then the new key's bundle is imported" "$rc" 0

# The old key's bundle R: in the overlap it verifies and says so ...
gsm ext verify "$R" >"$TMP/out" 2>&1; rc=$?
t_is "the old key's bundle verifies in the overlap" "$rc" 0
t_like "(named as the key before the rotation, in its overlap)" "$(cat "$TMP/out")" \
	"$OLDKID（轮换前的旧密钥，仍在过渡期内）"
# ... and once the overlap has ended (its end moved back here, as an
# administrator may end it early), verify still checks it, import refuses.
echo "2026-01-01T00:00:00Z" >"$TEST_VAR/ext/keys/sm-peer.pub.prev.until"
gsm ext verify "$R" >"$TMP/out" 2>&1; rc=$?
t_is "after the overlap the old key's bundle still verifies" "$rc" 0
t_like "(saying the overlap has ended)" "$(cat "$TMP/out")" "过渡期已结束"
gsm ext import "$R" >"$TMP/out" 2>&1; rc=$?
t_is "but is refused for import" "$rc" 2
t_like "naming the key and the day its overlap ended" "$(cat "$TMP/out")" \
	"旧签名密钥 $OLDKID 签发，其过渡期已于 2026-01-01 结束"
gsm ext import "$B2" >"$TMP/out" 2>&1; rc=$?
t_is "the new key's bundle is still accepted (imported before: no change)" "$rc" 0
t_like "(what it says)" "$(cat "$TMP/out")" "已经导入过"

# A private key that others can read is refused, saying what to run.
chmod 640 "$TEST_VAR/int/keys/sm-enc.key"
gsm int verify "$B1" >"$TMP/out" 2>&1; rc=$?
chmod 600 "$TEST_VAR/int/keys/sm-enc.key"
t_is "a group-readable private key is refused" "$rc" 2
t_like "naming the file and what to run" "$(cat "$TMP/out")" \
	"sm-enc.key（sm_enc_key）的权限是 0640.*chmod 600"

# Anchors signed with every key verify (the old signing key's too), and
# the intl carries of the tests after this one go on from here.
carried
carry ext int >"$TMP/out" 2>&1; rc=$?
t_is "the extranet's intl bundles carry on after the SM ones" "$rc" 0
carry int ext >"$TMP/out" 2>&1; rc=$?
t_is "and the intranet's" "$rc" 0
t_is "nothing of the extranet's is left unimported" \
	"$(sql_int "SELECT MAX(seq) FROM gap_in WHERE dir='ext2int'")" \
	"$(sql_ext "SELECT MAX(seq) FROM gap_out WHERE hash IS NOT NULL")"
admin_int audit-verify >"$TMP/out" 2>&1; rc=$?
t_is "the intranet's audit chains verify against anchors of every key" "$rc" 0

t_done
