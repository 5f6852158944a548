#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: install the dependencies, build, boot the test VM and show
# the translator at work on the basic topology of
# tests/selftests/basic_xlat.sh:
#
#   ns6 (2001:db8:64::192.0.2.6) -- xlat (dcxlat, pool6 2001:db8:64::/96) -- ns4 (198.51.100.2)
#
# Exit status 0 when pings go through in both directions.
#   bash tests/demo.sh [--kvm]          (inside the VM: --in-vm)

set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO" || exit 1

if [ "${1:-}" != --in-vm ]; then
	VM_ARGS=()
	[ "${1:-}" = --kvm ] && VM_ARGS+=(--kvm)
	set -e
	bash tests/deps.sh
	make all ${KVER:+KVER="$KVER"}
	exec tests/vm/run-vm.sh ${KVER:+--kver "$KVER"} --timeout 900 \
		"${VM_ARGS[@]}" -- bash tests/demo.sh --in-vm
fi

# ------------------------------------------------------------------ in the VM
export DCX_LIB_NO_TAP=1
# shellcheck source-path=SCRIPTDIR
source "$REPO/tests/selftests/lib.sh"
trap 'stop_bg; cleanup_all_ns; cleanup_tmp' EXIT

step() { printf '\n== %s\n' "$*"; }
run() { echo "\$ $*"; "$@"; }
die() { echo "demo: $*" >&2; exit 1; }

step "load the module and build the topology"
dcx_load_module || die "cannot load dcxlat.ko"
dcx_topo_basic || die "cannot build the topology"
for ns in "$NS6" "$XLAT" "$NS4"; do
	echo "-- netns $ns"
	ip -n "$ns" -br addr show | grep -v '^lo .*UNKNOWN *$'
done
D=$dcx_cli

step "configure the translator in netns xlat"
run "$D" -n "$XLAT" instance add default || die "instance add failed"
run "$D" -n "$XLAT" pool6 set "${DCX_PFX}/96" || die "pool6 set failed"
run "$D" -n "$XLAT" instance show
run "$D" -n "$XLAT" pool6 show

tcpdump_start "$NS4" v4 "$TMPD/ns4.pcap" icmp || die "tcpdump ns4"
tcpdump_start "$NS6" v6 "$TMPD/ns6.pcap" icmp6 and not ip6[40] \>= 133 ||
	die "tcpdump ns6"

rc=0
step "IPv6 host pings the IPv4 host (ns6 -> 2001:db8:64::198.51.100.2)"
run ip netns exec "$NS6" ping -6 -n -c 3 -i 0.3 -w 15 "$DCX_H4_6" || rc=1
step "IPv4 host pings the IPv6 host (ns4 -> 192.0.2.6)"
run ip netns exec "$NS4" ping -4 -n -c 3 -i 0.3 -w 15 "$DCX_H6_4" || rc=1

pcap_wait "$TMPD/ns4.pcap" 'ICMP echo reply' >/dev/null
pcap_wait "$TMPD/ns6.pcap" 'echo reply' >/dev/null
step "what ns4 saw on the wire (IPv4 only)"
tcpdump -n -r "$TMPD/ns4.pcap" 2>/dev/null
step "what ns6 saw on the wire (IPv6 only; 2001:db8:64::c633:6402 = 2001:db8:64::198.51.100.2)"
tcpdump -n -r "$TMPD/ns6.pcap" 2>/dev/null

step "translator counters"
run "$D" -n "$XLAT" stats show

echo
if [ "$rc" -eq 0 ]; then
	echo "demo: OK, translated in both directions"
else
	echo "demo: FAILED"
fi
exit "$rc"
