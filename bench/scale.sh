#!/usr/bin/env bash
# bench/scale.sh: every page a citizen or a clerk opens, at the demo's
# size and at a province's (issue #12 "Scale"), in one run.  The
# extranet's catalogue grows from the demo's 106 items to N (10,000 by
# default) spread over the departments of Inner Mongolia's 102 other
# banners, counties and districts (each of the demo's items again under
# 乌拉特中旗住房和城乡建设局 and the like: some 2,500 departments); the
# intranet's history from 10,000 generated cases to M (1,000,000;
# `yiwang-admin demo-history`, cgi/domain/history.h: the newest 10,000
# over the last three years with their open cases, the rest the county's
# earlier years, all decided).  For each page it prints the p50 at both
# sizes and their ratio beside its target (1.3; 2 for the home page),
# the statements the page ran at each size (the site's Com_stmt_execute
# around one GET; on the intranet the fewer of two: its tick may run
# beside one), and the HTTP status.  Measured: the guide (办事指南), a
# search, browsing by theme, the home page, the list of departments and
# a department's items (extranet); the worklist (/inbox, with its 已办
# list), the 已办 list's second page, a case and two case searches
# (intranet).  The ratio is what means the same on any machine: both
# sizes are measured here, now.
#
#   bench/scale.sh [--items N] [--cases M] [--secs S] [--keep]
#   bench/scale.sh --remove-only  (what --keep left)
#   bench/scale.sh --small      (2,000 items, 500 then 1,500 cases,
#                                p50 of 3 requests by curl: a test's size)
#
# Each line: page, p50 small, p50 large (ms), ratio, target, statements
# small/large, statuses small/large; the last line says whether every
# page answered 200 and no page's statements grew beyond two more batches
# of item versions on a worklist's page (6 statements more: "bounded:
# yes"); exit 1 when not.  Generated items (codes G###-…) and cases are removed
# first, and at the end unless --keep.
#
# Needs the demo stack (./run up); YIWANG_EXT_URL, YIWANG_INT_URL,
# YIWANG_EXT_CONF and YIWANG_INT_CONF point it at another (the test
# stack: t/integration/scale-small.sh).  Latency with one connection (wrk
# -c1, or curl in --small): the time a page takes, not a queue.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
items=10000 cases=1000000 base=10000 secs=10 small=0 keep=0 remove_only=0
while (($#)); do
	case $1 in
	--small) small=1 items=2000 cases=1500 base=500 ;;
	--items) items=$2 && shift ;;
	--cases) cases=$2 && shift ;;
	--secs) secs=$2 && shift ;;
	--keep) keep=1 ;;
	--remove-only) remove_only=1 ;;
	*) echo "usage: bench/scale.sh [--small] [--items N] [--cases M]" \
		"[--secs S] [--keep | --remove-only]" >&2
	   exit 64 ;;
	esac
	shift
done
((cases > base)) || { echo "--cases: more than $base" >&2; exit 64; }
ext_url=${YIWANG_EXT_URL:-https://127.0.0.1:8080}
int_url=${YIWANG_INT_URL:-https://127.0.0.1:8081}
ext_conf=${YIWANG_EXT_CONF:-$PWD/var/ext/yiwang.conf}
int_conf=${YIWANG_INT_CONF:-$PWD/var/int/yiwang.conf}
export CURL_CA_BUNDLE=${YIWANG_CA:-$(dirname "$(dirname "$ext_conf")")/tls/ca.crt}
admin() { build/yiwang-admin -c "$int_conf" "$@"; }
# sql ext|int SQL
sql() {
	local conf=$ext_conf
	[[ $1 == int ]] && conf=$int_conf
	mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$(dirname "$conf")/mysqld.sock" -uroot -N -B yiwang -e "$2"
}
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_stack "${YIWANG_EXT_URL:-}" "$ext_url" "$int_url"

# ---- the catalogue -------------------------------------------------------
# The county-level places of Inner Mongolia but the demo's own (锡林浩特市).
banners=(新城区 回民区 玉泉区 赛罕区 土默特左旗 托克托县 和林格尔县 清水河县
	武川县 东河区 昆都仑区 青山区 石拐区 白云鄂博矿区 九原区 土默特右旗 固阳县
	达尔罕茂明安联合旗 海勃湾区 海南区 乌达区 红山区 元宝山区 松山区
	阿鲁科尔沁旗 巴林左旗 巴林右旗 林西县 克什克腾旗 翁牛特旗 喀喇沁旗 宁城县
	敖汉旗 科尔沁区 科尔沁左翼中旗 科尔沁左翼后旗 开鲁县 库伦旗 奈曼旗
	扎鲁特旗 霍林郭勒市 东胜区 康巴什区 达拉特旗 准格尔旗 鄂托克前旗 鄂托克旗
	杭锦旗 乌审旗 伊金霍洛旗 海拉尔区 扎赉诺尔区 阿荣旗 莫力达瓦达斡尔族自治旗
	鄂伦春自治旗 鄂温克族自治旗 陈巴尔虎旗 新巴尔虎左旗 新巴尔虎右旗 满洲里市
	牙克石市 扎兰屯市 额尔古纳市 根河市 临河区 五原县 磴口县 乌拉特前旗
	乌拉特中旗 乌拉特后旗 杭锦后旗 集宁区 卓资县 化德县 商都县 兴和县 凉城县
	察哈尔右翼前旗 察哈尔右翼中旗 察哈尔右翼后旗 四子王旗 丰镇市 乌兰浩特市
	阿尔山市 科尔沁右翼前旗 科尔沁右翼中旗 扎赉特旗 突泉县 二连浩特市
	阿巴嘎旗 苏尼特左旗 苏尼特右旗 东乌珠穆沁旗 西乌珠穆沁旗 太仆寺旗 镶黄旗
	正镶白旗 正蓝旗 多伦县 阿拉善左旗 阿拉善右旗 额济纳旗)
GEN="code LIKE 'G___-%'"

# cols TABLE EXCEPT…: the table's columns but those named, comma-separated.
cols() {
	local t=$1 not
	shift
	not=$(IFS=,; echo "$*")
	sql ext "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position)
	    FROM information_schema.columns WHERE table_schema = 'yiwang'
	    AND table_name = '$t' AND column_name NOT IN ('${not//,/\',\'}')"
}

# pre ALIAS COLS: each column of COLS as ALIAS.column.
pre() { sed -E "s/([a-z_0-9]+)/$1.\1/g" <<<"$2"; }

# catalogue_remove: the generated items and every row that names one.
catalogue_remove() {
	sql ext "
	DELETE t FROM item_material t JOIN item i ON i.id = t.item_id WHERE i.$GEN;
	DELETE t FROM item_step t JOIN item i ON i.id = t.item_id WHERE i.$GEN;
	DELETE t FROM item_flow t JOIN item i ON i.id = t.item_id WHERE i.$GEN;
	DELETE t FROM item_theme t JOIN item i ON i.id = t.item_id WHERE i.$GEN;
	DELETE FROM item_search WHERE $GEN;
	DELETE FROM item WHERE $GEN;"
}

# catalogue_grow N: N published items, each a demo item again under a
# department of another place (its name with the place's instead of
# 锡林浩特市, or the place's before it), with the demo item's materials,
# steps, flows, themes and search words.  Triggers keep item_facet.
catalogue_grow() {
	local n=$1 i values='' c ic m s f
	for i in "${!banners[@]}"; do
		values+="${values:+,}($((i + 1)), '${banners[i]}')"
	done
	ic=$(cols item id code dept_code dept_name)
	m=$(cols item_material item_id)
	s=$(cols item_step item_id)
	f=$(cols item_flow item_id)
	sql ext "
	CREATE TEMPORARY TABLE gen_b (b INT PRIMARY KEY, place VARCHAR(40));
	INSERT INTO gen_b VALUES $values;
	CREATE TEMPORARY TABLE gen_i (src INT, code VARCHAR(40) PRIMARY KEY,
	    dept_code VARCHAR(32), dept_name VARCHAR(100), id INT);
	INSERT INTO gen_i (src, code, dept_code, dept_name)
	    SELECT src, code, dept_code, dept_name FROM (
		SELECT i.id AS src, CONCAT('G', LPAD(b.b, 3, '0'), '-', i.code) AS code,
		    CONCAT('G', LPAD(b.b, 3, '0'), '-', i.dept_code) AS dept_code,
		    IF(i.dept_name LIKE '%锡林浩特市%',
		       REPLACE(i.dept_name, '锡林浩特市', b.place),
		       CONCAT(b.place, i.dept_name)) AS dept_name,
		    ROW_NUMBER() OVER (ORDER BY b.b, i.code) AS k
		FROM gen_b b JOIN item i ON i.status = 'published'
		    AND i.code NOT LIKE 'G___-%') x
	    WHERE k <= $n;
	INSERT INTO item (code, dept_code, dept_name, $ic)
	    SELECT g.code, g.dept_code, g.dept_name, $(pre i "$ic")
	    FROM gen_i g JOIN item i ON i.id = g.src ORDER BY g.code;
	UPDATE gen_i g JOIN item i ON i.code = g.code SET g.id = i.id;
	INSERT INTO item_material (item_id, $m) SELECT g.id, $(pre t "$m")
	    FROM gen_i g JOIN item_material t ON t.item_id = g.src;
	INSERT INTO item_step (item_id, $s) SELECT g.id, $(pre t "$s")
	    FROM gen_i g JOIN item_step t ON t.item_id = g.src;
	INSERT INTO item_flow (item_id, $f) SELECT g.id, $(pre t "$f")
	    FROM gen_i g JOIN item_flow t ON t.item_id = g.src;
	INSERT INTO item_theme (item_id, theme, code)
	    SELECT g.id, t.theme, g.code FROM gen_i g JOIN item_theme t ON t.item_id = g.src;
	INSERT INTO item_search (code, item_id, name, dept_name, themes, body)
	    SELECT g.code, g.id, s.name, g.dept_name, s.themes, s.body
	    FROM gen_i g JOIN item i ON i.id = g.src JOIN item_search s ON s.code = i.code;"
	c=$(sql ext "SELECT COUNT(*) FROM item WHERE status = 'published'")
	echo "  catalogue: $c published items in $(sql ext "SELECT COUNT(*) FROM item_facet WHERE kind = 'dept' AND n > 0") departments"
}

# ---- the history -----------------------------------------------------------
# ---- measuring ---------------------------------------------------------------
executed() { sql "$1" "SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'" | cut -f2; }

# measure SITE URL COOKIE: "status statements p50" of GET URL.
measure() {
	local site=$1 url=$2 cookie=$3 code a b best='' i p50
	local tries=2
	# The extranet's tick only sends SMS: one reading is enough there.
	[[ $site == ext ]] && tries=1
	for ((i = 0; i < tries; i++)); do
		a=$(executed "$site")
		code=$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$url")
		b=$(executed "$site")
		[[ -n $best ]] && ((b - a >= best)) || best=$((b - a))
	done
	if [[ $code != 200 ]]; then
		echo "$code $best -"
		return
	fi
	if ((small)); then
		p50=$(for i in 1 2 3; do
			curl -s -o /dev/null -w '%{time_total}\n' ${cookie:+-H "Cookie: $cookie"} "$url"
		done | sort -n | sed -n 2p | awk '{ printf "%.1f", $1 * 1000 }')
	else
		p50=$(wrk -t1 -c1 -d"${secs}s" --latency ${cookie:+-H "Cookie: $cookie"} \
			"$url" | wrk_ms | cut -d' ' -f1)
	fi
	echo "$code $best $p50"
}

names=(guide search theme home depts dept inbox done-list case search-name
	search-state)
targets=(1.3 1.3 1.3 2 1.3 1.3 1.3 1.3 1.3 1.3 1.3)
# round SIZE: each page once into $work/SIZE ("name status statements p50").
round() {
	local hdl theme code dept case next i url site who
	hdl=$(bench_login "$int_url" wangzhiqiang)
	code=152502-SCJG-XK-001
	theme=$(sql ext "SELECT fkey FROM item_facet WHERE kind = 'theme' ORDER BY n DESC LIMIT 1")
	theme=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$theme")
	dept=$(sql ext "SELECT dept_code FROM item WHERE code = '$code' AND status = 'published'")
	case=$(sql int "SELECT MAX(k.id) FROM kase k JOIN item i ON i.id = k.item_id
	    WHERE k.demo = 1 AND i.dept_code = 'SCJGJ'")
	next=$(curl -s -H "Cookie: $hdl" "$int_url/inbox" |
		sed -n 's/.*done_before=\([0-9]*\).*/\1/p' | head -1)
	local -a urls=("$ext_url/guide?code=$code" "$ext_url/search?q=%E8%AE%B8%E5%8F%AF"
		"$ext_url/browse?by=theme&v=$theme" "$ext_url/" "$ext_url/browse?by=dept"
		"$ext_url/browse?by=dept&v=$dept" "$int_url/inbox"
		"$int_url/inbox?done_before=${next:-1}" "$int_url/case?id=$case"
		"$int_url/case/search?go=1&name=%E7%8E%8B"
		"$int_url/case/search?go=1&state=approved")
	for i in "${!names[@]}"; do
		url=${urls[i]} site=ext who=''
		if [[ $url == "$int_url"* ]]; then site=int who=$hdl; fi
		printf '%s %s\n' "${names[i]}" "$(measure $site "$url" "$who")"
	done >"$work/$1"
}

if ((remove_only)); then
	catalogue_remove
	admin demo-history --remove >/dev/null
	exit 0
fi
echo "pages at the demo's size and at $items items, $cases cases$( ((small)) &&
	echo ', p50 of 3 requests by curl' || echo ", wrk -c1 ${secs}s a page")"
catalogue_remove
admin demo-history --remove >/dev/null
bench_history "$int_conf" "$base" --seed 1
round small
catalogue_grow "$items"
bench_history "$int_conf" $((cases - base)) --before 365 --seed 2
round large
printf '  %-12s %9s %9s %7s %6s %11s %9s\n' page "p50 small" "p50 large" ratio target statements status
ok=yes
for i in "${!names[@]}"; do
	read -r _ sa na pa < <(grep "^${names[i]} " "$work/small")
	read -r _ sb nb pb < <(grep "^${names[i]} " "$work/large")
	[[ $sa == 200 && $sb == 200 ]] || ok=no
	# A worklist reads the item versions of its open cases 32 to a
	# batch of 3 statements (an ended case's not at all): a page at the
	# large size may name a batch or two more than at the small, where
	# a later page may not be full.
	((nb <= na + 6)) || ok=no
	awk -v n="${names[i]}" -v a="$pa" -v b="$pb" -v t="${targets[i]}" \
	    -v na="$na" -v nb="$nb" -v sa="$sa" -v sb="$sb" 'BEGIN {
		r = (a > 0 && b != "-") ? b / a : 0
		printf "  %-12s %6s ms %6s ms %6.2fx %6s %5s/%-5s %4s/%s\n",
		    n, a, b, r, t, na, nb, sa, sb }'
done
echo "  bounded: $ok (every page 200 at both sizes, no page ran more than 6 statements more at the large size)"
if ((!keep)); then
	catalogue_remove
	admin demo-history --remove >/dev/null
fi
[[ $ok == yes ]]
