#!/bin/sh
# install-conf.sh SRCDIR OUT BINDIR PKGDATADIR CONFDIR STATEDIR LOGDIR:
# the configuration `make install` puts on a production server (README,
# "Production install"), rendered by conf/render.sh from the same templates
# ./run renders for its stacks, into OUT:
#   OUT/ext/, OUT/int/  each site's yiwang.conf, nginx.conf (and its ops.conf,
#                      ops-deny.conf), clamd.conf, mariadb.cnf, yiwang.cron,
#                      and kannel.conf, as NAME.example
#   OUT/systemd/       the units (conf/systemd/*.in)
#   OUT/logrotate.d/yiwang  for $(sysconfdir)/logrotate.d
# BINDIR … LOGDIR are the installed directories: the programs, the shared
# data (templates, htdocs, db), $(sysconfdir)/yiwang, the sites' state
# ($(localstatedir)/lib/yiwang/SITE) and logs ($(localstatedir)/log/yiwang).
set -eu
src=$1 out=$2 bindir=$3 data=$4 conf=$5 state=$6 logs=$7
r="$src/conf/render.sh"

site() { # NAME SITE VERIFY OPS-LISTEN SMS-URL DLR-URL
	n=$1 d=$out/$1 var=$state/$1
	mkdir -p "$d"
	"$r" "$src/conf/site.conf.in" "$d/yiwang.conf.example" SITE="$2" \
		ROOT="$data" VAR="$var" CLOCK_SETTABLE=0 VERIFY_URL="$3" \
		SMS_URL="$5" SMS_DLR_URL="$6" DEVELOPMENT=0
	verify=off
	[ "$2" = extranet ] || verify=optional
	"$r" "$src/conf/nginx.conf.in" "$d/nginx.conf.example" ROOT="$data" \
		VAR="$var" LISTEN=443 SITE="$2" NGINX_USER=www-data \
		LOGDIR="$logs/$n/nginx" CONFDIR="$conf/$n" CA="$state/tls/ca.crt" \
		CLIENT_VERIFY="$verify" LIMIT_EXEMPT=
	if [ -n "$4" ]; then
		"$r" "$src/conf/nginx-ops.conf.in" "$d/ops.conf.example" \
			ROOT="$data" VAR="$var" OPS_LISTEN="$4" \
			OPS_CA="$var/ops-ca/ca.crt"
		printf 'location /ops/ {\n    return 404;\n}\n' \
			>"$d/ops-deny.conf.example"
	else
		: >"$d/ops.conf.example"
		: >"$d/ops-deny.conf.example"
	fi
	"$r" "$src/conf/clamd.conf.in" "$d/clamd.conf.example" VAR="$var" \
		CLAMD_USER=clamav \
		CLAMD_USER_LINE="# (yiwang-clamd@$n.service starts it as clamav)"
	"$r" "$src/conf/mariadb.cnf.in" "$d/mariadb.cnf.example" NAME="$n" \
		VAR="$var"
	"$r" "$src/conf/yiwang.cron.in" "$d/yiwang.cron.example" \
		BUILD="$bindir" CONF="$conf/$n/yiwang.conf" VAR="$var" \
		ROOT="$data" SITE="$n" STACK="--prefix $state"
}

# The extranet: public pages on 443, the operations server (GAP-6) on
# 8443.  Each site (on a machine of its own) has its Kannel, sendsms on
# its default port 13013: the extranet's for the applicants, the
# intranet's for the staff's reminders and codes.  The sendsms password is
# keys/sms.pw's and Kannel's admin password one of the operator's: both
# are put in by hand (README).
kannel() { # SITE
	"$r" "$src/conf/kannel.conf.in" "$out/$1/kannel.conf.example" \
		DIR="$state/$1/kannel" BASE=13000 BOXPORT=13001 SMSCPORT=13002 \
		SENDPORT=13013 PASSWORD=SMS_PASSWORD ADMIN_PW=ADMIN_PASSWORD
}
site ext extranet https://www.example.gov.cn/verify 8443 \
	http://127.0.0.1:13013/cgi-bin/sendsms https://127.0.0.1/sms/dlr
kannel ext
site int intranet https://www.example.gov.cn/verify "" \
	http://127.0.0.1:13013/cgi-bin/sendsms https://127.0.0.1/sms/dlr
kannel int

mkdir -p "$out/systemd"
for f in "$src"/conf/systemd/*.in; do
	u=${f##*/}
	u=${u%.in}
	[ "$u" != hardening.conf ] || continue
	"$r" "$f" "$out/systemd/$u" BINDIR="$bindir" CONFDIR="$conf" \
		STATEDIR="$state" LOGDIR="$logs"
	case $u in
	*.service) [ "$u" = yiwang-nginx@.service ] ||
		grep -v '^#' "$src/conf/systemd/hardening.conf.in" \
			>>"$out/systemd/$u" ;;
	esac
done
# The login pool: the workers' units on their own socket (SEC-8).
for u in socket service; do
	sed -e 's/yiwang-fcgi@/yiwang-fcgi-kdf@/g' \
	    -e 's/fcgi\.sock/fcgi-kdf.sock/; s/fcgi\.log/fcgi-kdf.log/g' \
	    -e 's/ -n 4 -- / -n 1 -- /' \
	    "$out/systemd/yiwang-fcgi@.$u" >"$out/systemd/yiwang-fcgi-kdf@.$u"
done
mkdir -p "$out/logrotate.d"
"$r" "$src/conf/logrotate.in" "$out/logrotate.d/yiwang" STATEDIR="$state" \
	LOGDIR="$logs"
