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
# The advertisements themselves (captured on the router, read by scapy):
# from the uplink's link-local address (RFC 4861 4.4), Router flag clear
# although the host forwards (the targets are hosts, like a kernel proxy
# entry without "router"), Solicited set, Override clear; the counters
# ndp-answered and ndp-ignored (an address outside every space).

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
require_cmd ip ping jq tcpdump python3
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

uplink_ll() {
	ip -n "$H" -j -6 addr show dev uplink |
		jq -r '[.[0].addr_info[] | select(.scope == "link")][0].local'
}

# na_ok PCAP TARGET LLADDR: every NA for TARGET in PCAP (at least one)
# comes from LLADDR with R = 0, S = 1, O = 0.
na_ok() {
	python3 - "$@" <<-'EOF'
	import sys
	from scapy.all import IPv6, ICMPv6ND_NA, rdpcap
	pcap, target, ll = sys.argv[1:4]
	n = 0
	ok = True
	for p in rdpcap(pcap):
	    na = p.getlayer(ICMPv6ND_NA)
	    if na is None or na.tgt != target:
	        continue
	    n += 1
	    print("NA", p[IPv6].src, "->", p[IPv6].dst, "R", na.R, "S", na.S,
	          "O", na.O)
	    ok &= p[IPv6].src == ll and na.R == 0 and na.S == 1 and na.O == 0
	print(n, "advertisements for", target, "; want source", ll)
	sys.exit(0 if ok and n else 1)
	EOF
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
tcpdump_start "$U" eth0 "$TMPD/na.pcap" icmp6 and "ip6[40] == 136" ||
	ksft_not_ok "tcpdump on the router starts"
check "the client reaches vmA at $VM6" ping_i "$VM6"
check "the router learnt $VM6 at the host's uplink MAC (proxy NA)" \
	learnt_by_proxy "$VM6"
tcpdump_stop
check "the NA for $VM6: from the uplink's link-local, R=0 S=1 O=0" \
	na_ok "$TMPD/na.pcap" "$VM6" "$(uplink_ll)"
check "counter ndp-answered moved" \
	dcx_counter_moved "$H" "$SP_INST" ndp-answered 0 1
check "the client reaches vmA3 at $VM6_3 (same prefix, no new config)" \
	ping_i "$VM6_3"
check "the router learnt $VM6_3 at the host's uplink MAC" \
	learnt_by_proxy "$VM6_3"
check "no proxy or permanent neighbour entry anywhere" no_static_neigh

ign=$(dcx_stat "$H" "$SP_INST" ndp-ignored)
check_fail "an address outside every space is not answered" \
	ping_i 2001:db8:1::24:a0a:2 2
check "counter ndp-ignored counts its solicitations" \
	dcx_counter_moved "$H" "$SP_INST" ndp-ignored "$ign" 1
check "the router has no MAC for it" bash -c \
	"[ -z \"\$(ip -n '$U' -j -6 neigh show 2001:db8:1::24:a0a:2 dev eth0 |
	 jq -r '.[0].lladdr // empty')\" ]"

# The uplink deleted and re-created (a new ifindex): ndp-proxy names a
# device and follows it, like a binding (it waited while it was gone).
ndp_shows() {
	dcx "$H" -i "$SP_INST" -j global show |
		jq -e --argjson w "$1" '.["ndp-proxy"] == "uplink" and
			(.["ndp-proxy-waiting"] // false) == $w'
}
check "uplink deleted" ip -n "$H" link del uplink
check "global show: ndp-proxy uplink waiting" bash -c \
	"'$dcx_cli' -n '$H' -i '$SP_INST' global show |
	 grep -E '^ndp-proxy +uplink  waiting$'"
check "global show -j: ndp-proxy-waiting" ndp_shows true
relink() {
	veth_pair "$U" eth0 "$H" uplink &&
	ip -n "$U" addr add 2001:db8:1::1/64 dev eth0 nodad &&
	ip -n "$H" addr add 2001:db8:1::2/64 dev uplink nodad &&
	ip -n "$H" -6 route add default via 2001:db8:1::1
}
check "uplink re-created" relink
check "global show -j: ndp-proxy no longer waits" ndp_shows false
check "ndp-proxy follows it: the client reaches vmA again" ping_i "$VM6"
check "the router learnt $VM6 at the new uplink's MAC" learnt_by_proxy "$VM6"

check "global set ndp-proxy unset" \
	dcx "$H" -i "$SP_INST" global set ndp-proxy unset
ip -n "$U" -6 neigh flush dev eth0
check_fail "with ndp-proxy unset the router cannot resolve $VM6 again" \
	ping_i "$VM6" 2

ksft_exit
