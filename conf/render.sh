#!/bin/sh
# render.sh IN OUT KEY=VALUE…: OUT is IN with every @KEY@ replaced by its
# VALUE; fails, leaving no OUT, when a placeholder is left.  ./run renders
# each stack's configuration with it, and `make` the configuration that
# `make install` puts under $(sysconfdir)/yiwang (conf/install-conf.sh).
set -eu
in=$1 out=$2
shift 2
set -- "$@" --
for kv; do
	shift
	[ "$kv" = -- ] && break
	val=$(printf '%s' "${kv#*=}" | sed -e 's/[\\|&]/\\&/g')
	set -- "$@" -e "s|@${kv%%=*}@|${val}|g"
done
sed -e "" "$@" "$in" >"$out.tmp"
if grep -n '@[A-Z][A-Z_]*@' "$out.tmp" >&2; then
	rm -f "$out.tmp"
	echo "render.sh: unreplaced placeholder in $out (from $in)" >&2
	exit 1
fi
mv "$out.tmp" "$out"
