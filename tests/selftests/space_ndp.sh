#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proxy NDP for translated addresses (seeds/003, issue 4): the host has a
# single on-link /64 from its upstream router and no routed prefix. The
# space prefix is a /96 inside that /64 (space-base 2001:db8:1::/80 + ID
# 0x23), and dcxlat answers the router's Neighbor Solicitations for every
# address of it on the uplink named by the ndp-proxy setting, so the router
# reaches the translated VMs without any per-address neighbour entry; the
# setting follows its device when the uplink is deleted and re-created.
#
#  +------------------+      +---------------------------+     +------------+
#  | i (internet)     |      | u (upstream router)       |     | h (host)   |
#  | 2001:db8:99::1 ------------ 2001:db8:99::254/64     |     |  vrf-a     |
#  | default via ::254|      |  eth0 2001:db8:1::1/64 -------- uplink ::2/64|
#  +------------------+      |  (on-link /64 only)       |     |  tap-a  tap-a3
#                            +---------------------------+     +---|------|-+
#                                                            vmA 10.10.0.2  vmA3 10.10.0.3
#
# vmA is 2001:db8:1::23:a0a:2 for the router; i is 192.0.2.1 for vmA
# (EAM entry of space A: 192.0.2.1 <-> 2001:db8:99::1).
#
# The host's configuration is the operator guide's file, docs/guides/
# examples/proxy-ndp.json (docs/guides/proxy-ndp.md); the test switches
# ndp-proxy off and on again to show what it does.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/space_lib.sh"

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping jq
dcx_require_built

VM6=2001:db8:1::23:a0a:2
VM6_3=2001:db8:1::23:a0a:3
CFG=$DCX_REPO/docs/guides/examples/proxy-ndp.json

topo() {
	setup_ns I U || return 1
	sp_host H || return 1
	ip netns exec "$U" sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	veth_pair "$I" eth0 "$U" eth1 &&
	veth_pair "$U" eth0 "$H" uplink || return 1
	ip -n "$I" addr add 2001:db8:99::1/64 dev eth0 nodad &&
	ip -n "$I" -6 route add default via 2001:db8:99::254 &&
	ip -n "$U" addr add 2001:db8:99::254/64 dev eth1 nodad &&
	ip -n "$U" addr add 2001:db8:1::1/64 dev eth0 nodad &&
	ip -n "$H" addr add 2001:db8:1::2/64 dev uplink nodad &&
	ip -n "$H" -6 route add default via 2001:db8:1::1 || return 1
	sp_vm "$H" VMA tap-a vrf-a 10.10.0.2 &&
	sp_vm "$H" VMA3 tap-a3 vrf-a 10.10.0.3
}

dcx_setup() {
	dcx "$H" apply "$CFG" &&
	dcx "$H" -i "$SP_INST" eamt show space A |
		grep -qx '192.0.2.1/32 2001:db8:99::1/128' &&
	sp_space_json "$H" A | jq -e '.bindings[0].dev == "vrf-a"'
}

ping_i() {
	ip netns exec "$I" ping -6 -n -q -c "${2:-3}" -i 0.2 -W 3 "$1"
}

# neigh_lladdr NS ADDR DEV: the link-layer address NS learnt for ADDR.
neigh_lladdr() {
	ip -n "$1" -j -6 neigh show "$2" dev "$3" | jq -r '.[0].lladdr // empty'
}

uplink_mac() {
	ip -n "$H" -j link show dev uplink | jq -r '.[0].address'
}

learnt_by_proxy() {
	local got want
	got=$(neigh_lladdr "$U" "$1" eth0)
	want=$(uplink_mac)
	echo "router: $1 lladdr '$got', host uplink $want"
	[ -n "$got" ] && [ "$got" = "$want" ]
}

no_static_neigh() {
	local n
	n=$(ip -n "$U" -6 neigh show proxy | wc -l)
	n=$((n + $(ip -n "$U" -6 neigh show nud permanent | wc -l)))
	n=$((n + $(ip -n "$H" -6 neigh show proxy | wc -l)))
	echo "proxy/permanent neighbour entries: $n"
	[ "$n" -eq 0 ]
}

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology: internet, on-link /64 router, host, two VMs" topo ||
	ksft_exit
check "dcxlat: space A in 2001:db8:1::23:0:0/96, EAM for the client (the guide's file)" \
	dcx_setup || ksft_exit
check "the guide's file sets ndp-proxy uplink" bash -c \
	"'$dcx_cli' -j -n '$H' -i '$SP_INST' global show |
	 jq -e '.\"ndp-proxy\" == \"uplink\"'"
check "global set ndp-proxy unset (to see the difference)" \
	dcx "$H" -i "$SP_INST" global set ndp-proxy unset
ip -n "$U" -6 neigh flush dev eth0
check "space A's prefix is inside the on-link /64" bash -c \
	"'$dcx_cli' -j -n '$H' -i '$SP_INST' space show A |
	 jq -e '.prefix == \"2001:db8:1::23:0:0/96\"'"

check_fail "without ndp-proxy the router cannot resolve $VM6" ping_i "$VM6" 2
ip -n "$U" -6 neigh flush dev eth0

check "global set ndp-proxy uplink" \
	dcx "$H" -i "$SP_INST" global set ndp-proxy uplink
check "the client reaches vmA at $VM6" ping_i "$VM6"
check "the router learnt $VM6 at the host's uplink MAC (proxy NA)" \
	learnt_by_proxy "$VM6"
check "the client reaches vmA3 at $VM6_3 (same prefix, no new config)" \
	ping_i "$VM6_3"
check "the router learnt $VM6_3 at the host's uplink MAC" \
	learnt_by_proxy "$VM6_3"
check "no proxy or permanent neighbour entry anywhere" no_static_neigh

check_fail "an address outside every space is not answered" \
	ping_i 2001:db8:1::24:a0a:2 2
check "the router has no MAC for it" bash -c \
	"[ -z \"\$(ip -n '$U' -j -6 neigh show 2001:db8:1::24:a0a:2 dev eth0 |
	 jq -r '.[0].lladdr // empty')\" ]"

# The uplink deleted and re-created (a new ifindex): ndp-proxy names a
# device and follows it, like a binding (it waited while it was gone).
relink() {
	ip -n "$H" link del uplink &&
	veth_pair "$U" eth0 "$H" uplink &&
	ip -n "$U" addr add 2001:db8:1::1/64 dev eth0 nodad &&
	ip -n "$H" addr add 2001:db8:1::2/64 dev uplink nodad &&
	ip -n "$H" -6 route add default via 2001:db8:1::1
}
check "uplink deleted and re-created" relink
check "ndp-proxy follows it: the client reaches vmA again" ping_i "$VM6"
check "the router learnt $VM6 at the new uplink's MAC" learnt_by_proxy "$VM6"

check "global set ndp-proxy unset" \
	dcx "$H" -i "$SP_INST" global set ndp-proxy unset
ip -n "$U" -6 neigh flush dev eth0
check_fail "with ndp-proxy unset the router cannot resolve $VM6 again" \
	ping_i "$VM6" 2

ksft_exit
