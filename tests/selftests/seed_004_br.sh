#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Seed 004 (Tore Anderson's IPv6-only data center): IPv4 Internet clients
# reach IPv6-only servers through stateless Border Relays with a 1:1 EAM
# line per server. The servers see the client's IPv4 address embedded in
# the IPv6 source (their logs keep it). Two BRs carry the same config, and
# routing is asymmetric: in through one BR, replies out through the other.
#
#                      +-- br1 (10.0.1.1 | 2001:db8:f1::1) --+
#  client 203.0.113.10 |                                     | dc --- srv1 2001:db8:aaaa::10
#  (lo; two links)     +-- br2 (10.0.2.1 | 2001:db8:f2::1) --+    \-- srv2 2001:db8:aaaa::20
#
#  BRs: pool6 2001:db8:46::/96; eamt 192.0.2.10 2001:db8:aaaa::10,
#                           eamt 192.0.2.20 2001:db8:aaaa::20.
#  client routes 192.0.2.0/24 via one BR, dc routes 2001:db8:46::/96 via the
#  other, then the other way round.
#
# The BRs' configuration is the operator guide's file, docs/guides/
# examples/border-relay.json (docs/guides/border-relay.md).

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

CLIENT4=203.0.113.10
CLIENT6=2001:db8:46::cb00:710a	# 2001:db8:46::203.0.113.10 as the servers see it
SRV1_4=192.0.2.10
SRV1_6=2001:db8:aaaa::10
SRV2_4=192.0.2.20
SRV2_6=2001:db8:aaaa::20
CFG=$DCX_REPO/docs/guides/examples/border-relay.json

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping tcpdump jq
[ -x /usr/bin/python3 ] || ksft_skip_all "no /usr/bin/python3"
dcx_require_built

topo() {
	local n
	setup_ns CL BR1 BR2 DC SRV1 SRV2 || return 1
	veth_pair "$CL" c1 "$BR1" x4 && veth_pair "$CL" c2 "$BR2" x4 &&
	veth_pair "$BR1" x6 "$DC" d1 && veth_pair "$BR2" x6 "$DC" d2 &&
	veth_pair "$DC" s1 "$SRV1" e0 && veth_pair "$DC" s2 "$SRV2" e0 ||
		return 1
	ip netns exec "$CL" sysctl -qw net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 net.ipv4.conf.c1.rp_filter=0 \
		net.ipv4.conf.c2.rp_filter=0 || return 1
	ip -n "$CL" addr add "$CLIENT4/32" dev lo &&
	ip -n "$CL" addr add 10.0.1.2/24 dev c1 &&
	ip -n "$CL" addr add 10.0.2.2/24 dev c2 || return 1
	for n in 1 2; do
		local br
		[ "$n" = 1 ] && br=$BR1 || br=$BR2
		ip netns exec "$br" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 &&
		ip -n "$br" addr add "10.0.$n.1/24" dev x4 &&
		ip -n "$br" route add "$CLIENT4/32" via "10.0.$n.2" &&
		ip -n "$br" addr add "2001:db8:f$n::1/64" dev x6 nodad &&
		ip -n "$DC" addr add "2001:db8:f$n::2/64" dev "d$n" nodad &&
		ip -n "$br" -6 route add 2001:db8:aaaa::/64 \
			via "2001:db8:f$n::2" || return 1
	done
	ip netns exec "$DC" sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ip -n "$DC" addr add 2001:db8:aaaa::1/120 dev s1 nodad &&
	ip -n "$DC" addr add 2001:db8:aaaa::101/120 dev s2 nodad &&
	ip -n "$SRV1" addr add "$SRV1_6/120" dev e0 nodad &&
	ip -n "$SRV2" addr add 2001:db8:aaaa::120/120 dev e0 nodad &&
	ip -n "$DC" -6 route add "$SRV2_6/128" via 2001:db8:aaaa::120 &&
	ip -n "$SRV2" addr add "$SRV2_6/128" dev lo nodad &&
	ip -n "$SRV1" -6 route add default via 2001:db8:aaaa::1 &&
	ip -n "$SRV2" -6 route add default via 2001:db8:aaaa::101
}

# route_via IN OUT: client -> BR IN, data center -> BR OUT.
route_via() {
	ip -n "$CL" route replace 192.0.2.0/24 via "10.0.$1.1" &&
	ip -n "$DC" -6 route replace 2001:db8:46::/96 via "2001:db8:f$2::1"
}

# The same config file pushed to both BRs.
br_config() {
	local br
	for br in "$BR1" "$BR2"; do
		dcx "$br" apply "$CFG" &&
		dcx "$br" -j -i default global show | jq -e '.role == "br"' &&
		dcx "$br" -j -i default pool6 show |
			jq -e '.pool6 == "2001:db8:46::/96"' &&
		dcx "$br" -i default stats reset || return 1
	done
}

st() {	# BR COUNTER
	dcx_stat "$1" default "$2"
}

# counts IN OUT: 4->6 only on BR IN, 6->4 only on BR OUT (asymmetric).
counts() {
	local in out other_in other_out
	[ "$1" = 1 ] && in=$BR1 other_in=$BR2 || in=$BR2 other_in=$BR1
	[ "$2" = 1 ] && out=$BR1 other_out=$BR2 || out=$BR2 other_out=$BR1
	echo "br$1 xlat-4to6 $(st "$in" xlat-4to6), br$2 xlat-6to4 $(st "$out" xlat-6to4)"
	echo "other: 4to6 $(st "$other_in" xlat-4to6) 6to4 $(st "$other_out" xlat-6to4)"
	[ "$(st "$in" xlat-4to6)" -ge 3 ] && [ "$(st "$out" xlat-6to4)" -ge 3 ] &&
		[ "$(st "$other_in" xlat-4to6)" -eq 0 ] &&
		[ "$(st "$other_out" xlat-6to4)" -eq 0 ]
}

reset_stats() {
	dcx "$BR1" -i default stats reset && dcx "$BR2" -i default stats reset
}

ping4() {	# DST
	ip netns exec "$CL" ping -4 -n -c 3 -i 0.3 -w 15 -I "$CLIENT4" "$1"
}

peer_is() {	# ADDR WANT
	local got
	got=$(tcp_peer_ask "$CL" "$1" 80 "$CLIENT4") || return 1
	echo "the server saw the client as $got"
	[ "$got" = "$2" ]
}

check "dcxlat module loads" dcx_load_module || ksft_exit
dcx_cli_has eamt && dcx_cli_has global ||
	ksft_skip_all "the CLI has no eamt/global objects yet"
check "topology set up (client, 2 BRs, dc, 2 servers)" topo || ksft_exit
check "the same EAM config pushed to both BRs (the guide's border-relay.json)" \
	br_config || ksft_exit
check "eamt show on br2 lists both servers" bash -c \
	"'$dcx_cli' -n '$BR2' -i default eamt show | grep -F '$SRV1_6' | grep -qF '$SRV1_4' &&
	 '$dcx_cli' -n '$BR2' -i default eamt show | grep -F '$SRV2_6' | grep -qF '$SRV2_4'"
check "server 1 logs client addresses" tcp_peer_server "$SRV1" "$SRV1_6" 80
check "server 2 logs client addresses" tcp_peer_server "$SRV2" "$SRV2_6" 80
dmesg_mark

for dir in "1 1" "1 2" "2 1"; do
	set -- $dir
	in=$1 out=$2
	route_via "$in" "$out"
	reset_stats
	what="in br$in, out br$out"
	tcpdump_start "$SRV1" e0 "$TMPD/srv1-$in$out.pcap" icmp6 ||
		ksft_not_ok "tcpdump on srv1"
	check "$what: ping $SRV1_4" ping4 "$SRV1_4"
	check "$what: srv1 sees the echo from $CLIENT6 (client IPv4 embedded)" \
		pcap_wait "$TMPD/srv1-$in$out.pcap" \
		"IP6 $CLIENT6 > $SRV1_6: ICMP6, echo request"
	tcpdump_stop
	check "$what: ping $SRV2_4" ping4 "$SRV2_4"
	check "$what: translations counted on br$in (4->6) and br$out (6->4) only" \
		counts "$in" "$out"
	check "$what: TCP to $SRV1_4: srv1's log shows $CLIENT6" \
		peer_is "$SRV1_4" "$CLIENT6"
	check "$what: TCP to $SRV2_4: srv2's log shows $CLIENT6" \
		peer_is "$SRV2_4" "$CLIENT6"
done

check "the client address is recoverable from the log (last 32 bits)" \
	/usr/bin/python3 -c "import ipaddress; a = ipaddress.ip_address('$CLIENT6'); \
assert str(ipaddress.IPv4Address(int(a) & 0xffffffff)) == '$CLIENT4'"
check_fail "a client address without EAM is not reachable: 192.0.2.30" \
	ip netns exec "$CL" ping -4 -n -c 1 -w 3 -I "$CLIENT4" 192.0.2.30
check "kernel log clean" dmesg_clean

ksft_exit
