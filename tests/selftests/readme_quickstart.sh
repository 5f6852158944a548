#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# README.md's quick start, run literally. The commands are taken from
# README.md itself: the fenced block after the line
# "<!-- quickstart: run -->", one command a line ("# ..." comments and
# blank lines skipped). The block before it ("quickstart: build": make,
# make install) runs on the build host; here its result is in place: the
# repo's dcxlat.ko installed under /lib/modules/KVER/extra with fresh
# indexes (as run-vm.sh and dcx_load_module do) and the repo's usr/dcxlat
# first in PATH.
#
# Each line runs in netns XLAT (the quick start's "this machine") and must
# exit 0; then the instance it made translates a ping both ways:
#
#  ns6 2001:db8:6::2, lo 64:ff9b::192.88.99.6 --- XLAT (README config) --- ns4 192.88.99.2/30
#                             2001:db8:6::1 x6    x4 192.88.99.1/30
#
# The well-known prefix translates only global IPv4 addresses (RFC 6052
# 3.1), so both IPv4 views are in 192.88.99.0/24, which is global.
# Owns nothing but its netns; the module stays loaded, like the others.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

README=$DCX_REPO/README.md
H6=64:ff9b::192.88.99.6
H4=192.88.99.2

cleanup() {
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping jq awk
dcx_require_built

# quickstart_lines: the commands of the README's run block.
quickstart_lines() {
	awk '$0 == "<!-- quickstart: run -->" { f = 1; next }
		f && /^```/ { if (in_b) exit; in_b = 1; next }
		in_b' "$README" |
		sed -e 's/[[:space:]]\{2,\}#.*$//' -e '/^[[:space:]]*#/d' \
			-e '/^[[:space:]]*$/d'
}

# The extraction itself: a marker lost or moved must fail, not pass empty.
block_sane() {
	local n
	n=$(wc -l <"$TMPD/qs")
	echo "$n commands:"
	cat "$TMPD/qs"
	[ "$n" -ge 5 ] && grep -qx 'modprobe dcxlat' "$TMPD/qs" &&
		grep -q '^dcxlat instance add' "$TMPD/qs" &&
		grep -q '^dcxlat pool6 set' "$TMPD/qs"
}

# What "make install" leaves: the module installed (not loaded), the CLI
# in PATH.
installed() {
	dcx_load_module && dcx_unload_module || return 1
	! dcx_module_loaded
}

# run_line N LINE: one README line in netns XLAT; its output kept.
run_line() {
	ip netns exec "$XLAT" env PATH="$DCX_REPO/usr:$PATH" \
		bash -c "$2" >"$TMPD/line$1.out" 2>&1
	local rc=$?
	cat "$TMPD/line$1.out"
	return "$rc"
}

topo() {
	setup_ns NS6 XLAT NS4 || return 1
	veth_pair "$NS6" v6 "$XLAT" x6 && veth_pair "$XLAT" x4 "$NS4" v4 ||
		return 1
	ip -n "$NS6" addr add 2001:db8:6::2/64 dev v6 nodad &&
	ip -n "$NS6" addr add "$H6/128" dev lo nodad &&
	ip -n "$NS6" -6 route add 64:ff9b::/96 via 2001:db8:6::1 src "$H6" &&
	ip -n "$XLAT" addr add 2001:db8:6::1/64 dev x6 nodad &&
	ip -n "$XLAT" -6 route add "$H6/128" via 2001:db8:6::2 &&
	ip -n "$XLAT" addr add 192.88.99.1/30 dev x4 &&
	ip -n "$NS4" addr add "$H4/30" dev v4 &&
	ip -n "$NS4" route add default via 192.88.99.1
}

quickstart_lines >"$TMPD/qs"
check "README.md's quick start block found (marker, >= 5 commands)" \
	block_sane || ksft_exit
check "make install's result in place: module installed, not loaded" \
	installed || ksft_exit
check "topology: ns6 --- XLAT --- ns4 (the README runs in XLAT)" topo ||
	ksft_exit

i=0
while IFS= read -r line; do
	i=$((i + 1))
	check "README quick start: $line" run_line "$i" "$line"
done <"$TMPD/qs"

check "the module is loaded (by the README's modprobe)" dcx_module_loaded
check "dcxlat -V names the loaded module's version" \
	grep -qx "module $(cat "$DCX_REPO/VERSION")" "$TMPD"/line*.out
check "the instance has pool6 64:ff9b::/96" bash -c \
	"'$dcx_cli' -j -n '$XLAT' pool6 show | jq -e '.pool6 == \"64:ff9b::/96\"'"
check "ns6 pings 64:ff9b::$H4 through the translator" \
	ip netns exec "$NS6" ping -6 -n -c 3 -i 0.3 -w 15 "64:ff9b::$H4"
check "ns4 pings 192.88.99.6 (ns6) through the translator" \
	ip netns exec "$NS4" ping -4 -n -c 3 -i 0.3 -w 15 192.88.99.6
check "both directions counted (xlat-4to6, xlat-6to4 >= 6)" bash -c \
	"[ \$('$dcx_cli' -j -n '$XLAT' stats show |
	 jq '.\"xlat-4to6\" >= 6 and .\"xlat-6to4\" >= 6') = true ]"

ksft_exit
