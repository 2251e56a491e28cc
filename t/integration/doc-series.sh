#!/usr/bin/env bash
# doc-series.sh (DOC-1; issue #7 "Documents"): every document kind has its
# own number series per department (as its 文号 prefix prints it) and year,
# without gaps: another department's notices in between take nothing from
# it.  No seal is drawn on a document that is not signed.
. "$(dirname "$0")/../lib.sh"

A=152502-SCJG-XK-001	# 市场监督管理局 (锡市监), clerk sarengaowa
B=152502-ZJ-XK-001	# 住房和城乡建设局, clerk chenlijuan
accept() {	# JAR LOGIN CASE: the clerk accepts; prints the notice's number
	local csrf
	staff_login "$1" "$2"
	csrf=$(http_get "$1" "$INT_URL/case?id=$3" | csrf_from)
	http_post "$1" "$INT_URL/case/act" "csrf=$csrf" "id=$3" action=accept >/dev/null
	sql_int "SELECT d.doc_no FROM document d JOIN kase k ON k.app_no = d.app_no WHERE k.id = $3 AND d.kind = 'accept'"
}
num() { sed -E 's/.*〔[0-9]+〕0*([0-9]+)号$/\1/' <<<"$1"; }

CA1=$(case_from_ext "$A") CB=$(case_from_ext "$B") CA2=$(case_from_ext "$A")
t_like "three cases, two departments" "$CA1 $CB $CA2" '^[0-9]+ [0-9]+ [0-9]+$'
N1=$(accept a sarengaowa "$CA1")
NB=$(accept b chenlijuan "$CB")
N2=$(accept a sarengaowa "$CA2")
YEAR=$(sql_int "SELECT YEAR(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
ABBR_A=$(sql_int "SELECT abbr FROM department WHERE code = 'SCJGJ'")
ABBR_B=$(sql_int "SELECT abbr FROM department WHERE code = 'ZJJ'")
t_like "the first notice: the department's prefix, 受字, the year" "$N1" "^${ABBR_A}受字〔$YEAR〕[0-9]{4}号$"
t_like "the other department's: its own prefix" "$NB" "^${ABBR_B}受字〔$YEAR〕[0-9]{4}号$"
t_is "the next notice of the first department follows its own last, whatever came between" \
	"$(num "$N2")" "$(($(num "$N1") + 1))"
t_is "each series holds its numbers once, from 1 without a gap" \
	"$(sql_int "SELECT COUNT(*) = MAX(CAST(REGEXP_REPLACE(doc_no, '^.*〔[0-9]+〕0*([0-9]+)号$', '\\\\1') AS UNSIGNED)) FROM document WHERE doc_no LIKE '${ABBR_A}受字〔$YEAR〕%'")" 1
t_is "the counter is kept per abbreviation, kind and year" \
	"$(sql_int "SELECT next FROM doc_counter WHERE abbr = '$ABBR_A' AND kind = 'accept' AND year = $YEAR")" "$(num "$N2")"
http_get a "$INT_URL/doc?no=$N2" >/dev/null
t_like "the notice prints its number" "$HTTP_BODY" "$N2"
# The seal is drawn only on a document this site has just verified
# (DOC-1; seal.sh tests the signature itself): with its check code.
CODE_SEAL=$(sql_int "SELECT seal_code FROM document WHERE doc_no = '$N2'")
t_like "and, its department holding a seal key, is sealed" "$CODE_SEAL" '^[0-9A-Z]{8}$'
t_like "the seal drawn with its check code" "$HTTP_BODY" "电子印章校验码：<strong[^>]*>$CODE_SEAL<"
t_done
