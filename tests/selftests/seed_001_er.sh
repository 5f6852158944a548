#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Seed 001 (RFC 7756, SIIT-DC dual translation): a Border Relay and two
# Edge Relays, one node-based (the translator sits next to the IPv4
# application inside an IPv6-only node, Fig. 1) and one network-based
# (an IPv4-only segment behind the ER, Fig. 2).
#
#  client 203.0.113.10 --- br ------ idc ------ nodea (IPv6-only node)
#   (10.0.0.2)  10.0.0.1 | 2001:db8:ee::1   |     2001:db8:ea::2, app 192.0.2.1
#                                           |       `-- era (node-based ER)
#                                           `-- erb (network-based ER)
#                                                  `-- appb 192.0.2.2 (IPv4-only)
#
#  pool6 2001:db8:46::/96 everywhere; BR eamt {192.0.2.1, 2001:db8:a::},
#  {192.0.2.2, 2001:db8:b::}; ER A {192.0.2.1, 2001:db8:a::}; ER B
#  {192.0.2.2, 2001:db8:b::}: the operator guide's files docs/guides/
#  examples/edge-relay-{br,node,network}.json (docs/guides/edge-relay.md).
#
# Checks: the IPv4 client reaches both IPv4-only apps and they see its
# address (end-to-end IPv4 transparency); intra-DC IPv4 from app A to
# app B by BR hairpinning (Fig. 5) and by additional EAMs on the ERs
# (Fig. 6, BR not involved); the ER security drops of RFC 7756 6 with
# their counters.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

P46=2001:db8:46::
CLIENT4=203.0.113.10
A4=192.0.2.1
A6=2001:db8:a::
B4=192.0.2.2
B6=2001:db8:b::
PY=/usr/bin/python3
GUIDE=$DCX_REPO/docs/guides/examples

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping tcpdump jq socat sha256sum
[ -x "$PY" ] || ksft_skip_all "no $PY"
dcx_require_built

# er_attach NODE_NS ER_NS APP_ADDR: the ER's IPv4 side towards an IPv4
# node: a /32 service address on the node, default route via 192.0.0.1.
er_attach() {
	local node=$1 er=$2 app=$3
	veth_pair "$node" xl0 "$er" app0 || return 1
	ip -n "$node" addr add "$app/32" dev xl0 &&
	ip -n "$node" route add 192.0.0.1/32 dev xl0 &&
	ip -n "$node" route add default via 192.0.0.1 dev xl0 src "$app" &&
	ip -n "$er" addr add 192.0.0.1/32 dev app0 &&
	ip -n "$er" route add "$app/32" dev app0
}

topo() {
	setup_ns CL BR IDC NODEA ERA ERB APPB || return 1
	local ns
	for ns in "$BR" "$IDC" "$NODEA" "$ERA" "$ERB"; do
		ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 || return 1
	done
	veth_pair "$CL" c0 "$BR" x4 && veth_pair "$BR" x6 "$IDC" i0 &&
	veth_pair "$IDC" ia "$NODEA" upl && veth_pair "$IDC" ib "$ERB" upl ||
		return 1
	# IPv4 Internet side.
	ip -n "$CL" addr add 10.0.0.2/24 dev c0 &&
	ip -n "$CL" addr add "$CLIENT4/32" dev lo &&
	ip -n "$CL" route add 192.0.2.0/24 via 10.0.0.1 src "$CLIENT4" &&
	ip -n "$BR" addr add 10.0.0.1/24 dev x4 &&
	ip -n "$BR" route add "$CLIENT4/32" via 10.0.0.2 || return 1
	# IPv6 IDC.
	ip -n "$BR" addr add 2001:db8:ee::1/64 dev x6 nodad &&
	ip -n "$IDC" addr add 2001:db8:ee::2/64 dev i0 nodad &&
	ip -n "$BR" -6 route add 2001:db8::/32 via 2001:db8:ee::2 &&
	ip -n "$IDC" -6 route add "$P46/96" via 2001:db8:ee::1 &&
	ip -n "$IDC" addr add 2001:db8:ea::1/64 dev ia nodad &&
	ip -n "$NODEA" addr add 2001:db8:ea::2/64 dev upl nodad &&
	ip -n "$IDC" -6 route add "$A6/128" via 2001:db8:ea::2 &&
	ip -n "$NODEA" -6 route add default via 2001:db8:ea::1 &&
	ip -n "$IDC" addr add 2001:db8:eb::1/64 dev ib nodad &&
	ip -n "$ERB" addr add 2001:db8:eb::2/64 dev upl nodad &&
	ip -n "$IDC" -6 route add "$B6/128" via 2001:db8:eb::2 &&
	ip -n "$ERB" -6 route add default via 2001:db8:eb::1 || return 1
	# Node-based ER: era is the node's translator, reached over a veth
	# (a netfilter translator does not see the node's own packets).
	er_attach "$NODEA" "$ERA" "$A4" || return 1
	ip -n "$NODEA" -6 addr add fe80::2/64 dev xl0 nodad &&
	ip -n "$ERA" -6 addr add fe80::1/64 dev app0 nodad &&
	ip -n "$NODEA" -6 route add "$A6/128" via fe80::1 dev xl0 &&
	ip -n "$ERA" -6 route add default via fe80::2 dev app0 || return 1
	# Network-based ER: an IPv4-only segment with app B.
	er_attach "$APPB" "$ERB" "$B4"
}

# config NS FILE ROLE EAM...: the guide's file applied, then what it
# says read back (role, pool6, the EAM table exactly).
config() {
	local ns=$1 file=$2 role=$3
	shift 3
	dcx "$ns" apply "$GUIDE/$file" &&
	dcx "$ns" -j global show | jq -e --arg r "$role" '.role == $r' &&
	dcx "$ns" -j pool6 show | jq -e --arg p "$P46/96" '.pool6 == $p' &&
	[ "$(dcx "$ns" eamt show)" = "$(printf '%s\n' "$@")" ]
}

st() {	# NS COUNTER
	dcx_stat "$1" default "$2"
}

moved() {	# NS COUNTER BEFORE MIN
	dcx_counter_moved "$1" default "$2" "$3" "$4"
}

peer_is() {	# NS DST SRC WANT
	local got
	got=$(tcp_peer_ask "$1" "$2" 80 "$3") || return 1
	echo "$2 saw the client as '$got' (want $4)"
	[ "$got" = "$4" ]
}

ping4() {	# NS SRC DST
	ip netns exec "$1" ping -4 -n -c 3 -i 0.3 -w 15 -I "$2" "$3"
}

# spoof6 SRC DST: three IPv6 echo requests from IDC to erb's uplink.
spoof6() {
	ip netns exec "$IDC" "$PY" - "$1" "$2" <<-'EOF'
	import socket, sys
	from scapy.all import IPv6, ICMPv6EchoRequest, raw
	pkt = raw(IPv6(src=sys.argv[1], dst=sys.argv[2], hlim=64) /
	          ICMPv6EchoRequest(id=0x5bad, data=b"spoofed"))
	# IPPROTO_RAW: the kernel routes it, the header is ours.
	s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
	for _ in range(3):
	    s.sendto(pkt, (sys.argv[2], 0))
	EOF
}

check "dcxlat module loads" dcx_load_module || ksft_exit
dcx_cli_has eamt && dcx_cli_has global ||
	ksft_skip_all "the CLI has no eamt/global objects yet"
check "topology set up (client, BR, IDC, node-based and network-based ER)" \
	topo || ksft_exit
check "BR: the guide's edge-relay-br.json" config "$BR" edge-relay-br.json \
	br "$A4/32 $A6/128" "$B4/32 $B6/128" || ksft_exit
check "ER A (node-based): the guide's edge-relay-node.json" \
	config "$ERA" edge-relay-node.json er "$A4/32 $A6/128" || ksft_exit
check "ER B (network-based): the guide's edge-relay-network.json" \
	config "$ERB" edge-relay-network.json er "$B4/32 $B6/128" || ksft_exit
check "app A listens on $A4:80 (node-based ER)" tcp_peer_server "$NODEA" "$A4" 80
check "app B listens on $B4:80 (network-based ER)" tcp_peer_server "$APPB" "$B4" 80
dmesg_mark

# --- IPv4 client -> IPv4-only apps, end to end -------------------------------

check "client pings app A $A4 (BR + node-based ER)" ping4 "$CL" "$CLIENT4" "$A4"
check "client pings app B $B4 (BR + network-based ER)" ping4 "$CL" "$CLIENT4" "$B4"
check "app A sees the client as $CLIENT4 (IPv4 transparent)" \
	peer_is "$CL" "$A4" "$CLIENT4" "$CLIENT4"
check "app B sees the client as $CLIENT4" \
	peer_is "$CL" "$B4" "$CLIENT4" "$CLIENT4"
check "ER A translated both ways" bash -c \
	"[ $(st "$ERA" xlat-6to4) -ge 3 ] && [ $(st "$ERA" xlat-4to6) -ge 3 ]"

# --- Fig. 5: intra-DC IPv4 by BR hairpinning ------------------------------

hp=$(st "$BR" hairpinned)
tcpdump_start "$IDC" ib "$TMPD/fig5.pcap" ip6 and dst host "$B6" ||
	ksft_not_ok "tcpdump in idc"
check "Fig. 5: app A pings app B $B4 through the BR" ping4 "$NODEA" "$A4" "$B4"
check "Fig. 5: packet #3 is ${P46}192.0.2.1 -> $B6" \
	pcap_wait "$TMPD/fig5.pcap" "IP6 2001:db8:46::c000:201 > 2001:db8:b::: ICMP6, echo request"
tcpdump_stop
check "Fig. 5: app B sees app A as $A4" peer_is "$NODEA" "$B4" "$A4" "$A4"
check "Fig. 5: app A sees app B as $B4" peer_is "$APPB" "$A4" "$B4" "$B4"
check "Fig. 5: BR counter hairpinned moved (requests and replies)" \
	moved "$BR" hairpinned "$hp" 6
hp=$(st "$BR" hairpinned)
re=$(st "$BR" icmp-reassembled)
check "Fig. 5: ping -s 3000 app A -> app B (fragmented, through the BR)" \
	ip netns exec "$NODEA" ping -4 -n -c 3 -i 0.3 -w 20 -s 3000 -I "$A4" "$B4"
check "Fig. 5: the BR reassembled them before hairpinning" \
	moved "$BR" icmp-reassembled "$re" 6
check "Fig. 5: ... and hairpinned the whole messages" moved "$BR" hairpinned "$hp" 6
hp=$(st "$BR" hairpinned)
check "Fig. 5: TCP 2 MB app A -> app B through the BR, sha256 equal" \
	dcx_tcp_sha fig5 "$APPB" "$B4" "$NODEA" "$B4" 5005
check "Fig. 5: the TCP segments were hairpinned" moved "$BR" hairpinned "$hp" 20

# --- Fig. 6: additional EAMs on the ERs, the BR is not involved -------------

# RFC 7756 5.2 entries are remote services, added as "remote": the ER
# filters (on) keep treating only the local entries as service addresses.
check "Fig. 6: ER A gets {$B4, $B6} remote, ER B gets {$A4, $A6} remote" \
	bash -c "'$dcx_cli' -n '$ERA' -i default eamt add $B4 $B6 remote &&
	 '$dcx_cli' -n '$ERB' -i default eamt add $A4 $A6 remote"
check "Fig. 6: eamt show marks it remote (text and JSON), the own one not" \
	bash -c "'$dcx_cli' -n '$ERB' -i default eamt show |
		grep -qx '$A4/32 $A6/128 remote' &&
	 '$dcx_cli' -n '$ERB' -i default eamt show | grep -qx '$B4/32 $B6/128' &&
	 '$dcx_cli' -j -n '$ERB' -i default eamt show | jq -e '[.[] |
		select(.remote)] | map(.prefix4) == [\"$A4/32\"]'"
sp6=$(st "$ERB" er-spoofed-src6)
hp=$(st "$BR" hairpinned)
br64=$(st "$BR" xlat-6to4)
tcpdump_start "$IDC" ib "$TMPD/fig6.pcap" ip6 and dst host "$B6" ||
	ksft_not_ok "tcpdump in idc"
check "Fig. 6: app A pings app B $B4 directly" ping4 "$NODEA" "$A4" "$B4"
check "Fig. 6: packet #2 is $A6 -> $B6" \
	pcap_wait "$TMPD/fig6.pcap" "IP6 2001:db8:a:: > 2001:db8:b::: ICMP6, echo request"
tcpdump_stop
check "Fig. 6: app B sees app A as $A4" peer_is "$NODEA" "$B4" "$A4" "$A4"
check "Fig. 6: the BR neither hairpinned nor translated anything" bash -c \
	"[ $(st "$BR" hairpinned) -eq $hp ] && [ $(st "$BR" xlat-6to4) -eq $br64 ]"
check "Fig. 6: with the filter on, ER B took $A6 for no spoofed source" \
	test "$(st "$ERB" er-spoofed-src6)" -eq "$sp6"
check "Fig. 6 off again: extra EAMs gone" bash -c \
	"'$dcx_cli' -n '$ERA' -i default eamt del $B4 &&
	 '$dcx_cli' -n '$ERB' -i default eamt del $A4"

# --- RFC 7756 6: the ER security drops ------------------------------------

tcpdump_start "$APPB" xl0 "$TMPD/appb.pcap" icmp ||
	ksft_not_ok "tcpdump on app B"
ing=$(st "$ERB" er-ingress-filter)
ip -n "$APPB" addr add 192.0.2.99/32 dev xl0
check_fail "app B from 192.0.2.99 (no EAM) gets nowhere" \
	ip netns exec "$APPB" ping -4 -n -c 2 -i 0.3 -w 3 -I 192.0.2.99 "$CLIENT4"
check "ER B counted er-ingress-filter" moved "$ERB" er-ingress-filter "$ing" 2
s6=$(st "$ERB" er-spoofed-src6)
check "IDC sends $B6 -> $B6 (own service address as source)" spoof6 "$B6" "$B6"
check "ER B counted er-spoofed-src6" slowwait 5 moved "$ERB" er-spoofed-src6 "$s6" 3
s4=$(st "$ERB" er-spoofed-src4)
check "IDC sends ${P46}192.0.2.2 -> $B6 (translates to B's own IPv4)" \
	spoof6 "${P46}c000:202" "$B6"
check "ER B counted er-spoofed-src4" slowwait 5 moved "$ERB" er-spoofed-src4 "$s4" 3
sleep 0.5
tcpdump_stop
check_fail "app B got none of the spoofed packets" \
	pcap_grep "$TMPD/appb.pcap" "> 192\.0\.2\.2: ICMP echo request"
check "app B's own unfiltered-source pings were captured (the capture works)" \
	pcap_grep "$TMPD/appb.pcap" "192\.0\.2\.99 > 203\.0\.113\.10: ICMP echo request"
check_fail "and ER B sent app B no ICMP error for the filtered ones" \
	pcap_grep "$TMPD/appb.pcap" "> 192\.0\.2\.99: ICMP"
check "app B still reaches the client from its service address" \
	ping4 "$APPB" "$B4" "$CLIENT4"
check "kernel log clean" dmesg_clean

ksft_exit
