#!/usr/bin/env bash
# install.sh — a production install (issue #12; README, "Production
# install"): `make install DESTDIR=…` from the build tree puts the programs,
# the shared data, the manual pages, each site's configuration (as
# examples), the systemd units, logrotate's file and ./run where the GNU
# directories say, with the right modes; the configuration agrees with
# itself (each socket where the other side looks for it); the nginx
# configuration passes `nginx -t`; every unit passes `systemd-analyze
# verify` (systemd need not be PID 1) with the hardening asked for;
# `logrotate -d` rotates every log with its reopen; the manual pages render
# without a warning; an installed extranet runs as its units would run it,
# serves a page and is backed up by the installed run; `make uninstall`
# leaves no file.  Needs no stack; uses the ports PORT+3 and PORT+4.
. "$(dirname "$0")/../lib.sh"

# In memory where it can be: db-setup is quicker there.
T=$(mktemp -d /dev/shm/yiwang-install.XXXXXX 2>/dev/null ||
	mktemp -d /tmp/yiwang-install.XXXXXX)
trap 'rm -rf "$T"' EXIT
D=$T/dest

# mk_var NAME: the build tree's value of a make variable, expanded.
mk_var() {
	make -s --no-print-directory -C "$BUILD" -f Makefile \
		-f <(printf 'print-var:\n\t@echo $(%s)\n' "$1") print-var
}
bindir=$(mk_var bindir)
data=$(mk_var pkgdatadir)
etc=$(mk_var sysconfdir)/yiwang
state=$(mk_var localstatedir)/lib/yiwang
logs=$(mk_var localstatedir)/log/yiwang
units=$(mk_var systemdsystemunitdir)
man=$(mk_var mandir)
t_diag "bindir $bindir, data $data, etc $etc, state $state, units $units"

t_ok "make install DESTDIR=… succeeds" \
	make -s -C "$BUILD" install DESTDIR="$D"

# ---- the file list and the modes
(cd "$ROOT" && find templates htdocs db -type f | sort) >"$T/data.want"
(cd "$D$data" && find templates htdocs db -type f | sort) >"$T/data.got"
t_is "templates, htdocs and db installed whole under $data" \
	"$(diff "$T/data.want" "$T/data.got")" ""
site_files() {
	local f
	for f in yiwang.conf nginx.conf ops.conf ops-deny.conf clamd.conf \
		mariadb.cnf yiwang.cron kannel.conf; do
		echo "$etc/$1/$f.example"
	done
}
want=$(
	{
		printf '%s\n' "$bindir"/{yiwang.fcgi,yiwang-admin,yiwang-gap,yiwang-supervise}
		printf '%s\n' "$man"/man1/{yiwang-gap.1,yiwang-admin-seal.1}
		printf '%s\n' "$man"/man8/{yiwang-admin.8,yiwang-supervise.8}
		site_files ext
		site_files int
		printf "$units/%s\n" yiwang@.target yiwang-fcgi@.socket \
			yiwang-fcgi@.service yiwang-fcgi-kdf@.socket \
			yiwang-fcgi-kdf@.service yiwang-tick@.service \
			yiwang-clamd@.service yiwang-nginx@.service \
			yiwang-bearerbox@.service yiwang-smsbox@.service
		echo "$(mk_var sysconfdir)/logrotate.d/yiwang"
		echo "$data/run"
	} | sort
)
got=$(cd "$D" && find . -type f | sed 's|^\.||' |
	grep -vE "^$data/(templates|htdocs|db)/" | sort)
t_is "exactly the programs, manuals, configuration, units and run" \
	"$got" "$want"
modes=$(cd "$D" && find . -type f -printf '%m %p\n' | sed 's| \./| /|')
t_is "programs and run are 0755" \
	"$(grep -E " ($bindir/|$data/run$)" <<<"$modes" | cut -d' ' -f1 | sort -u)" \
	755
t_is "everything else is 0644" \
	"$(grep -vE " ($bindir/|$data/run$)" <<<"$modes" | cut -d' ' -f1 | sort -u)" \
	644
t_is "no directory writable by group or others" \
	"$(find "$D" -type d -perm /022)" ""

# ---- the configuration agrees with itself and with the units
for s in ext int; do
	for f in "$D$etc/$s"/*.example; do
		cp "$f" "${f%.example}"
	done
done
conf() { # SITE KEY: a value of the site's yiwang.conf
	sed -n "s/^$2 = //p" "$D$etc/$1/yiwang.conf"
}
t_is "the extranet is a production site (no dev pages, clock not settable)" \
	"$(conf ext development) $(conf ext clock_settable) $(conf ext site)" \
	"0 0 extranet"
t_is "the intranet too" \
	"$(conf int development) $(conf int clock_settable) $(conf int site)" \
	"0 0 intranet"
t_ok "templates_dir and migrations_dir are the installed ones" \
	test -f "$D$(conf int templates_dir)/layout.cs" -a \
	-f "$D$(conf int migrations_dir)/001_core.sql"
t_is "each site's database socket is its MariaDB group's" \
	"$(conf ext db_socket) $(conf int db_socket)" \
	"$(sed -n 's/^socket = //p' "$D$etc/ext/mariadb.cnf") $(sed -n \
		's/^socket = //p' "$D$etc/int/mariadb.cnf")"
t_is "MariaDB groups for mariadb@ext and mariadb@int" \
	"$(grep -h '^\[' "$D$etc"/{ext,int}/mariadb.cnf | tr '\n' ' ')" \
	"[mariadbd.ext] [mariadbd.int] "
t_is "each site's clamd socket is its clamd's" \
	"$(conf ext clamd_socket) $(conf int clamd_socket)" \
	"$(sed -n 's/^LocalSocket //p' "$D$etc/ext/clamd.conf") $(sed -n \
		's/^LocalSocket //p' "$D$etc/int/clamd.conf")"
ext_units=$(for u in fcgi fcgi-kdf; do
	sed -n 's/^ListenStream=//p' "$D$units/yiwang-$u@.socket"
done | sed 's/%i/ext/' | tr '\n' ' ')
t_is "nginx passes to the sockets systemd makes (yw_app, yw_kdf)" \
	"$(sed -n 's/^ *server unix:\(.*\);/\1/p' "$D$etc/ext/nginx.conf" |
		tr '\n' ' ')" "$ext_units"
for s in ext int; do
	t_is "the $s site sends SMS to its own Kannel's sendsms port" \
		"$(conf $s sms_url)" \
		"http://127.0.0.1:$(sed -n 's/^sendsms-port = //p' \
			"$D$etc/$s/kannel.conf")/cgi-bin/sendsms"
	t_like "whose store is the $s site's" \
		"$(sed -n 's/^store-location = //p' "$D$etc/$s/kannel.conf")" \
		"^\"$(mk_var localstatedir)/lib/yiwang/$s/kannel/store\"$"
done
t_like "the cron lines run the installed programs on the installed config" \
	"$(grep -v '^#' "$D$etc/int/yiwang.cron")" \
	"root $bindir/yiwang-admin -c $etc/int/yiwang.conf anchor"
t_like "the backup line backs up the installed site" \
	"$(grep -v '^#' "$D$etc/int/yiwang.cron")" \
	"root $data/run backup --prefix $state --site int"

# nginx -t on both sites' configuration, moved into the sandbox, with
# certificates made for it.
S=$T/state L=$T/log
moved() { # FILE: FILE with the installed paths moved into the sandbox
	sed -e "s|$etc|$D$etc|g; s|$data|$D$data|g" \
		-e "s|$state|$S|g; s|$logs|$L|g" "$1"
}
mkdir -p "$S/tls"
for s in ext int; do
	mkdir -p "$S/$s/tls" "$S/$s/nginx/tmp" "$S/$s/ops-ca" "$L/$s/nginx"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$S/$s/tls/server.key" -out "$S/$s/tls/server.crt" \
		-days 2 -subj /CN=test 2>/dev/null
	cp "$S/$s/tls/server.crt" "$S/$s/ops-ca/ca.crt"
	cp "$S/$s/tls/server.crt" "$S/tls/ca.crt"
	for f in nginx.conf ops.conf ops-deny.conf; do
		moved "$D$etc/$s/$f" >"$T/$s-$f"
		cp "$T/$s-$f" "$D$etc/$s/$f"
	done
	t_ok "nginx -t accepts the $s site's nginx.conf" \
		nginx -t -q -p "$S/$s/nginx/" -c "$D$etc/$s/nginx.conf" \
		-e "$L/$s/nginx/error.log"
done
t_like "the extranet's public server on 443, the operations server on 8443" \
	"$(grep -h '^ *listen' "$D$etc/ext/nginx.conf" "$D$etc/ext/ops.conf")" \
	'listen 443 ssl;.*|listen 8443 ssl;'
t_is "the intranet has no operations server" \
	"$(cat "$D$etc/int/ops.conf")" ""

# ---- systemd units
mkdir -p "$T/units"
for f in "$D$units"/*; do
	sed "s|$bindir|$D$bindir|g" "$f" >"$T/units/${f##*/}"
done
verify() { # UNIT…: systemd-analyze verify, saying nothing at all
	(cd "$T/units" && systemd-analyze verify --man=no "${@/#/./}" 2>&1)
}
for s in ext int; do
	out=$(verify "yiwang@$s.target" "yiwang-fcgi@$s.socket" \
		"yiwang-fcgi@$s.service" "yiwang-fcgi-kdf@$s.socket" \
		"yiwang-fcgi-kdf@$s.service" "yiwang-tick@$s.service" \
		"yiwang-clamd@$s.service" "yiwang-nginx@$s.service")
	t_is "systemd-analyze verify: the $s site's units, no complaint" \
		"$out" ""
done
for s in ext int; do
	t_is "systemd-analyze verify: the $s site's SMS gateway, no complaint" \
		"$(verify "yiwang-bearerbox@$s.service" "yiwang-smsbox@$s.service")" ""
	t_like "its units read the $s site's kannel.conf" \
		"$(sed "s/%i/$s/g" "$D$units/yiwang-smsbox@.service")" \
		"^ExecStart=/usr/sbin/smsbox -v 1 $etc/$s/kannel.conf$"
done
t_like "the site's target wants them" "$(cat "$D$units/yiwang@.target")" \
	'^Wants=yiwang-bearerbox@%i.service yiwang-smsbox@%i.service$'
echo 'Restrat=always' >>"$T/units/yiwang-tick@.service"
t_like "…and it does complain of a misspelt key (this check can fail)" \
	"$(verify yiwang-tick@int.service)" "Unknown key 'Restrat'"
for u in fcgi fcgi-kdf tick; do
	t_like "yiwang-$u@ runs as the site's own user" \
		"$(cat "$D$units/yiwang-$u@.service")" '^User=yiwang-%i$'
done
hardening='^(NoNewPrivileges=yes|CapabilityBoundingSet=|ProtectSystem=strict'
hardening+='|PrivateTmp=yes|Restart=always|StartLimitIntervalSec=0)$'
for f in "$D$units"/*.service; do
	u=${f##*/}
	n=$(grep -cE "$hardening" "$f")
	[[ $u == yiwang-nginx@.service ]] && n=$((n + 1)) # root master: caps
	t_is "$u: no privilege, read-only system, never gives up" "$n" 6
	t_like "$u: writes only where it says, talks only what it says" \
		"$(grep -E '^(ReadWritePaths|RestrictAddressFamilies)=' "$f" |
			cut -d= -f1 | sort -u | tr '\n' ' ')" \
		'^ReadWritePaths RestrictAddressFamilies $'
done
t_like "the workers take their socket as standard input (FastCGI)" \
	"$(cat "$D$units/yiwang-fcgi-kdf@.service")" '^StandardInput=socket$'
t_like "the login pool is one worker, logging apart" \
	"$(cat "$D$units/yiwang-fcgi-kdf@.service")" \
	"yiwang-supervise -n 1 -- $bindir/yiwang.fcgi$"

# ---- logrotate
moved "$D$(mk_var sysconfdir)/logrotate.d/yiwang" >"$T/logrotate.conf"
mkdir -p "$S/ext/clamd" "$S/ext/kannel" "$S/int/kannel" "$S/int/mysql"
for f in "$L"/{ext,int}/{fcgi,fcgi-kdf,tick,gap}.log \
	"$L"/{ext,int}/nginx/{access,error}.log "$S/ext/clamd/clamd.log" \
	"$S/"{ext,int}"/kannel/"{bearerbox,smsbox}.log "$S/int/mysql/mysqld.log"; do
	echo "a line" >"$f"
done
out=$(logrotate -d -f -s "$T/logrotate.state" "$T/logrotate.conf" 2>&1)
t_unlike "logrotate -d: no error" "$out" '^error:'
for f in "$L"/{ext,int}/{fcgi,fcgi-kdf,tick}.log; do
	t_like "${f#"$L"/} is copied and truncated (its writer reopens nothing)" \
		"$out" "^truncating $f$"
done
t_like "nginx's logs rotate, then USR1 to each site's master" \
	"$out" "^renaming $L/int/nginx/access.log to $L/int/nginx/access.log.1$"
t_like "…with the reopen script" "$out" 'kill -USR1'
t_like "the gap operator's log rotates" \
	"$out" "^renaming $L/ext/gap.log to $L/ext/gap.log.1$"
t_like "clamd and Kannel reopen on HUP" "$out" \
	"systemctl kill --signal=HUP 'yiwang-bearerbox@\\*.service'"

# ---- the manual pages
for f in "$D$man"/man?/*; do
	warn=$(groff -k -man -Tutf8 -ww -z "$f" 2>&1)
	t_is "${f##*/} renders without a warning" "$warn" ""
	t_like "${f##*/} reads (man -l)" \
		"$(MANWIDTH=80 man -l "$f" 2>/dev/null | head -n 5)" '^NAME'
done

# ---- an installed extranet, run as its units run it (here as root: the
# sandbox is root's): a MariaDB server that reads the installed extranet
# group as Debian's mariadb@ext does (the group suffix); keygen and
# db-setup with the installed configuration and migrations; the installed
# workers on a socket handed to them as standard input, as systemd's
# yiwang-fcgi@.socket does; the installed nginx.conf in front (on a test
# port); a page through it all.  Then the installed run's backup --prefix.
P=$((${YIWANG_TEST_PORT:-18080} + 3)) # the stack has PORT … PORT+2
moved "$D$etc/ext/mariadb.cnf" >"$T/my.cnf"
moved "$D$etc/ext/yiwang.conf" >"$T/ext.conf"
mkdir -p "$S/ext/"{db,mysql,binlog,files,keys/seal,bundles}
echo "a marker among the keys" >"$S/ext/keys/marker"
my=(--defaults-file="$T/my.cnf" --defaults-group-suffix=.ext --user=root)
t_ok "mariadb-install-db reads the installed group [mariadbd.ext]" \
	mariadb-install-db "${my[@]}" --skip-test-db
sock=$S/ext/mysql/mysqld.sock
# start_db, stop_db, start_workers, stop_workers: the extranet's server and
# workers as mariadb@ext and yiwang-fcgi@ext run them, here and for the
# restore's stand-in for systemctl (exported, with T and S).
# alive PID: PID runs (a zombie no longer does: its parent, the stand-in,
# is gone).
alive() { [[ $(ps -o stat= -p "$1" 2>/dev/null) == [^Z]* ]]; }
start_db() {
	local i
	# Durability off for the test's speed (the options after the group's
	# win).
	mariadbd --defaults-file="$T/my.cnf" --defaults-group-suffix=.ext \
		--user=root --innodb-flush-log-at-trx-commit=0 --sync-binlog=0 \
		>>"$T/mariadbd.out" 2>&1 </dev/null &
	for ((i = 0; i < 300; i++)); do
		mariadb-admin --no-defaults --socket="$S/ext/mysql/mysqld.sock" \
			-uroot ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
stop_db() {
	local pid i
	pid=$(cat "$S/ext/mysql/mysqld.pid")
	mariadb-admin --no-defaults --socket="$S/ext/mysql/mysqld.sock" -uroot \
		shutdown >/dev/null 2>&1
	for ((i = 0; i < 300; i++)); do
		alive "$pid" || return 0
		sleep 0.1
	done
	return 1
}
# The listening socket as standard input, as systemd hands it over.
start_workers() {
	rm -f "$S/ext/fcgi.sock"
	python3 -c 'import os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(64)
os.dup2(s.fileno(), 0)
os.execv(sys.argv[2], sys.argv[2:])' "$S/ext/fcgi.sock" /usr/bin/env \
		YIWANG_CONF="$T/ext.conf" "$D$bindir/yiwang-supervise" -n 1 -- \
		"$D$bindir/yiwang.fcgi" >>"$L/ext/fcgi.log" 2>&1 </dev/null &
	echo $! >"$T/fcgi.pid"
}
stop_workers() {
	local pid i
	pid=$(cat "$T/fcgi.pid")
	kill -TERM "$pid"
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || return 0
		sleep 0.1
	done
	return 1
}
export T S D L bindir
export -f alive start_db stop_db start_workers stop_workers
pids=()
trap 'kill $(cat "$T/fcgi.pid" "$S/ext/mysql/mysqld.pid" 2>/dev/null) \
	"${pids[@]}" 2>/dev/null; rm -rf "$T"' EXIT
start_db
t_ok "the server listens on the site's socket, binary logs on" \
	test -S "$sock" -a -s "$S/ext/binlog/binlog.index"
admin() { env YIWANG_CONF="$T/ext.conf" "$D$bindir/yiwang-admin" "$@"; }
t_ok "yiwang-admin keygen with the installed configuration" admin keygen
t_ok "yiwang-admin db-setup: the installed migrations, accounts, grants" \
	admin db-setup
start_workers
sed -e 's/^user www-data;/user root;/' \
	-e "s/listen 443 ssl;/listen 127.0.0.1:$P ssl;/" \
	"$D$etc/ext/nginx.conf" >"$T/nginx-run.conf"
sed -i "s/listen 8443 ssl;/listen 127.0.0.1:$((P + 1)) ssl;/" \
	"$D$etc/ext/ops.conf"
t_ok "the installed nginx.conf serves the extranet" \
	nginx -p "$S/ext/nginx/" -c "$T/nginx-run.conf" -e "$L/ext/nginx/error.log"
pids+=("$(cat "$S/ext/nginx/nginx.pid" 2>/dev/null)")
home() { # the home page's status, once 200 or after 10 s
	local i code
	for ((i = 0; i < 100; i++)); do
		code=$(curl -sk -o "$T/home.html" -w '%{http_code}' \
			"https://127.0.0.1:$P/") && [[ $code == 200 ]] && break
		sleep 0.1
	done
	echo "$code"
}
t_is "the home page answers through nginx and the workers" "$(home)" 200
t_like "…from the installed templates and configuration" \
	"$(cat "$T/home.html")" "$(sed -n 's/^org_name = //p' "$T/ext.conf")"
t_is "…and the stylesheet from the installed htdocs" \
	"$(curl -sk -o /dev/null -w '%{http_code}' \
		"https://127.0.0.1:$P/static/yiwang.css")" 200
# A stored file (files.c's layout), for the restore to bring back.
blob=$T/blob
echo "申请材料：营业执照副本（苏尼特右旗）" >"$blob"
sha=$(sha256sum "$blob" | cut -d' ' -f1)
stored=$S/ext/files/${sha:0:2}/${sha:2:2}/$sha
mkdir -p "${stored%/*}"
cp "$blob" "$stored"

t_ok "run backup --prefix backs the installed extranet up" \
	"$D$data/run" backup --prefix "$S" --site ext "$T/backup"
t_ok "…every file summed, and the sums hold" \
	bash -c "cd '$T/backup' && sha256sum --quiet --strict -c SHA256SUMS"
t_is "…its database, files and keys" \
	"$(cd "$T/backup/ext" 2>/dev/null && ls -d db files.tar keys.cms)" \
	"$(printf '%s\n' db files.tar keys.cms)"
t_ok "…the database with its tables" test -f "$T/backup/ext/db/yiwang/kase.frm"
t_like "…from the binary log position of the installed server" \
	"$(cat "$T/backup/MANIFEST" 2>/dev/null)" '^ext binlog binlog\.[0-9]+ [0-9]+$'
t_unlike "…the keys nowhere in clear" \
	"$(grep -rl 'a marker among the keys' "$T/backup")" .
# ---- run restore --prefix, systemctl played by a script that notes each
# call and stops and starts this test's server and workers as it started
# them (nginx stays, as yiwang-nginx@ext does).
sql() {
	mariadb --no-defaults --socket="$sock" -uroot -N yiwang -e "$1" 2>&1
}
epoch=$(sql 'SELECT epoch FROM gap_lock WHERE id = 1')
sql "INSERT INTO department (code, name, abbr)
	VALUES ('after-backup', '备份后新增的部门', '后')" >/dev/null
rm -f "$stored"
cat >"$T/systemctl" <<'EOF'
#!/usr/bin/env bash
echo "$*" >>"$T/systemctl.calls"
case $1 in
is-active) exit 0 ;; # the tick ran: it runs again after
stop | start) ;;
*) exit 1 ;;
esac
for u in "${@:2}"; do
	case $1:$u in
	stop:mariadb@ext.service) stop_db ;;
	start:mariadb@ext.service) start_db ;;
	stop:yiwang-fcgi@ext.service) stop_workers ;;
	start:yiwang-fcgi@ext.service) start_workers ;;
	esac || exit 1
done
EOF
chmod 0755 "$T/systemctl"
rc=0
YIWANG_SYSTEMCTL=$T/systemctl "$D$data/run" restore --prefix "$S" --site ext \
	"$T/backup" >"$T/restore.out" 2>&1 || rc=$?
t_is "run restore --prefix restores the installed extranet" "$rc" 0 ||
	t_diag "$(cat "$T/restore.out")"
kdf='yiwang-fcgi-kdf@ext.service yiwang-fcgi-kdf@ext.socket'
fcgi='yiwang-fcgi@ext.service yiwang-fcgi@ext.socket'
calls="is-active --quiet yiwang-tick@ext.service
stop yiwang-tick@ext.service $kdf $fcgi
stop mariadb@ext.service
start mariadb@ext.service
start yiwang-fcgi@ext.socket yiwang-fcgi@ext.service \
yiwang-fcgi-kdf@ext.socket yiwang-fcgi-kdf@ext.service yiwang-tick@ext.service"
t_is "…tick, workers and login pool stopped, then mariadb@ext; started back" \
	"$(cat "$T/systemctl.calls" 2>/dev/null)" "$calls"
t_is "…the row added after the backup is gone" \
	"$(sql "SELECT COUNT(*) FROM department WHERE code = 'after-backup'")" 0
t_is "…the file removed from the store is back" \
	"$(sha256sum <"$stored" 2>&1 | cut -d' ' -f1)" "$sha"
t_ok "…the database it replaced is kept, with that row" \
	grep -qa after-backup "$S"/ext/db.before-restore-*/yiwang/department.ibd
t_is "…a new gap epoch" "$(sql 'SELECT epoch FROM gap_lock WHERE id = 1')" \
	$((epoch + 1))
t_like "…for the intranet to accept" "$(cat "$T/restore.out")" \
	"The extranet's bundles now go in epoch $((epoch + 1)): .*epoch-accept"
t_like "…and a replica seeded by hand to be seeded again" \
	"$(cat "$T/restore.out")" 'seeded by hand.*seed it again'
t_is "…and the extranet answers again, on the restored database" "$(home)" 200
stop_workers
kill -TERM "${pids[0]}" 2>/dev/null
stop_db
# ---- and it all goes again
rm -f "$D$etc"/*/*.conf "$D$etc"/*/*.cnf "$D$etc"/*/*.cron
t_ok "make uninstall DESTDIR=… succeeds" \
	make -s -C "$BUILD" uninstall DESTDIR="$D"
t_is "make uninstall leaves no file" "$(find "$D" -type f)" ""

t_done
