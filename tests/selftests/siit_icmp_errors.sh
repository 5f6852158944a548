#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ICMP errors through dcxlat: traceroute both ways (Time Exceeded from the
# translator itself, from an IPv4 router translated to ICMPv6 and from an
# IPv6 router translated to ICMPv4 with the RFC 6791 source 192.0.0.8;
# traceroute only shows a hop when the inner packet came back translated
# right), and Fragmentation Needed / Packet Too Big with the right MTU;
# errors built with scapy: RFC 4884 extensions (an MPLS label stack, both
# ways) and a 1500-byte ICMPv6 error cut to 576 bytes of ICMPv4.
#
#  ns6 -------- r6 -------- xlat -------- r4 -------- ns4
#  2001:db8:6::2   ::1 | 2001:db8:7::1  ::2 | 198.51.100.1  .254 | 203.0.113.1  .2
#  lo 2001:db8:64::192.0.2.6                                      203.0.113.2
#  pool6 2001:db8:64::/96 on xlat; 2001:db8:7::1 (r6) has no IPv4 mapping.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

# Network-specific: RFC 6052 3.1 keeps the WKP from documentation addresses.
PFX=2001:db8:64::
H6=${PFX}192.0.2.6
H6_4=192.0.2.6
H4=203.0.113.2
H4_6=${PFX}203.0.113.2

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping traceroute tracepath tcpdump jq
dcx_require_built
PY=/usr/bin/python3

# scapy_send NS CODE: send what CODE builds with scapy (ICMP errors no
# router of this topology would send: RFC 4884 extensions, 1500 bytes)
# through the kernel's raw socket (out(p)), so the kernel's routes and
# neighbours carry it, not scapy's own resolution.
scapy_send() {
	ip netns exec "$1" "$PY" - <<-EOF
	import logging
	import socket
	logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
	from scapy.all import *
	from scapy.contrib.icmp_extensions import *
	from scapy.contrib.mpls import MPLS
	def out(p):
	    fam = socket.AF_INET6 if p.version == 6 else socket.AF_INET
	    s = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_RAW)
	    s.sendto(bytes(p), (p.dst, 0))
	# RFC 4884 extension, MPLS label 16 (RFC 4950), summed whole.
	ext = bytearray(bytes(ICMPExtensionHeader(chksum=0) /
	    ICMPExtensionMPLS(stack=[MPLS(label=16, ttl=1, s=1)])))
	ext[2:4] = checksum(bytes(ext)).to_bytes(2, "big")
	ext = bytes(ext)
	$2
	EOF
}

# ext4_ok PCAP: ns4 got the ICMPv4 Time Exceeded with the extension
# (tcpdump decodes it: 128 quoted octets, MPLS label 16).
ext4_ok() {
	tcpdump -n -v -r "$1" >"$1.txt" 2>&1
	cat "$1.txt"
	grep -A5 'time exceeded in-transit, length 148' "$1.txt" |
		grep -A2 'Multi-Part extension v2, checksum 0xddf4 (correct), length 12' |
		grep -q 'label 16, tc 0, \[S\], ttl 1'
}

# ext6_ok PCAP: ns6 got the ICMPv6 Time Exceeded with the RFC 4884 length
# 19 (152 octets: 128 + 20 padded to 64 bits) and the extension after it.
ext6_ok() {
	"$PY" - "$1" <<-'EOF'
	import sys
	from scapy.all import rdpcap, IPv6, ICMPv6TimeExceeded, raw
	for p in rdpcap(sys.argv[1]):
	    if ICMPv6TimeExceeded in p:
	        b = raw(p[IPv6])[40:]
	        print("length", b[4], "octets", len(b), "ext", b[160:].hex())
	        sys.exit(0 if b[4] == 19 and len(b) == 172 and
	                 b[160:164] == bytes.fromhex("2000ddf4") else 1)
	sys.exit(1)
	EOF
}

topo() {
	setup_ns NS6 R6 XLAT R4 NS4 || return 1
	veth_pair "$NS6" v6 "$R6" a6 &&
	veth_pair "$R6" b6 "$XLAT" x6 &&
	veth_pair "$XLAT" x4 "$R4" a4 &&
	veth_pair "$R4" b4 "$NS4" v4 || return 1
	local ns
	for ns in "$R6" "$XLAT" "$R4"; do
		ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 || return 1
	done
	ip -n "$NS6" addr add 2001:db8:6::2/64 dev v6 nodad &&
	ip -n "$NS6" addr add "$H6/128" dev lo nodad &&
	ip -n "$NS6" -6 route add default via 2001:db8:6::1 src "$H6" &&
	ip -n "$R6" addr add 2001:db8:6::1/64 dev a6 nodad &&
	ip -n "$R6" addr add 2001:db8:7::1/64 dev b6 nodad &&
	ip -n "$R6" -6 route add "$H6/128" via 2001:db8:6::2 &&
	ip -n "$R6" -6 route add "$PFX/96" via 2001:db8:7::2 &&
	ip -n "$XLAT" addr add 2001:db8:7::2/64 dev x6 nodad &&
	ip -n "$XLAT" -6 route add "${PFX}192.0.2.0/120" via 2001:db8:7::1 &&
	ip -n "$XLAT" addr add 198.51.100.1/24 dev x4 &&
	ip -n "$XLAT" route add default via 198.51.100.254 &&
	ip -n "$R4" addr add 198.51.100.254/24 dev a4 &&
	ip -n "$R4" addr add 203.0.113.1/24 dev b4 &&
	ip -n "$R4" route add 192.0.2.0/24 via 198.51.100.1 &&
	ip -n "$NS4" addr add "$H4/24" dev v4 &&
	ip -n "$NS4" route add default via 203.0.113.1
}

stat_of() {
	dcx_stat "$XLAT" default "$1"
}

counter_moved() {
	local now
	now=$(stat_of "$1") || return 1
	echo "$1: $2 -> $now (want +$3)"
	[ $((now - $2)) -ge "$3" ]
}

# trace NS ARGS...: traceroute, one probe per hop, numeric.
trace() {
	local ns=$1
	shift
	ip netns exec "$ns" traceroute -n -q 1 -w 3 -m 6 "$@" 2>&1 |
		tee "$TMPD/trace.out"
}

# trace_hops: "hop addr" per line of the last trace.
trace_hops() {
	awk 'NR > 1 { print $1, $2 }' "$TMPD/trace.out"
}

# trace_expect WANT (one "hop addr" per line).
trace_expect() {
	local got
	got=$(trace_hops)
	echo "hops:"
	echo "$got"
	[ "$got" = "$1" ]
}

set_mtu() {	# NS DEV MTU
	ip -n "$1" link set "$2" mtu "$3"
}

# ping_mtu NS FAM DST SIZE WANT_RE: DF ping whose output must match.
ping_mtu() {
	local out
	out=$(ip netns exec "$1" ping "$2" -n -c 2 -i 0.5 -W 2 -M "do" -s "$4" \
		"$3" 2>&1)
	echo "$out"
	grep -Eq -- "$5" <<<"$out"
}

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology set up (ns6 - r6 - xlat - r4 - ns4)" topo || ksft_exit
check "instance add + pool6 2001:db8:64::/96" dcx "$XLAT" instance add default &&
	dcx "$XLAT" -i default pool6 set "$PFX/96" || ksft_exit
check "ping ns6 -> ns4 through the translator" \
	ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -w 10 "$H4_6"
dmesg_mark

# --- traceroute --------------------------------------------------------------

te=$(stat_of ttl-expired)
tcpdump_start "$NS6" v6 "$TMPD/te6.pcap" icmp6 ||
	ksft_not_ok "tcpdump in ns6 starts"
trace "$NS6" -6 "$H4_6" >/dev/null
tcpdump_stop
check "traceroute ns6 -> 2001:db8:64::203.0.113.2: r6, xlat, r4 (translated), ns4" \
	trace_expect "1 2001:db8:6::1
2 2001:db8:7::2
3 2001:db8:64::c633:64fe
4 2001:db8:64::cb00:7102"
check "xlat counted the probe it dropped (ttl-expired)" \
	counter_moved ttl-expired "$te" 1
check "ns6 got ICMPv6 time exceeded from 2001:db8:64::198.51.100.254" \
	pcap_grep "$TMPD/te6.pcap" \
	"2001:db8:64::c633:64fe > 2001:db8:64::c000:206: ICMP6, time exceeded in-transit"

te=$(stat_of ttl-expired)
tcpdump_start "$NS4" v4 "$TMPD/te4.pcap" icmp ||
	ksft_not_ok "tcpdump in ns4 starts"
trace "$NS4" -4 "$H6_4" >/dev/null
tcpdump_stop
check "traceroute ns4 -> 192.0.2.6: r4, xlat, r6 as 192.0.0.8 (RFC 6791), ns6" \
	trace_expect "1 203.0.113.1
2 198.51.100.1
3 192.0.0.8
4 192.0.2.6"
check "xlat counted the IPv4 probe it dropped (ttl-expired)" \
	counter_moved ttl-expired "$te" 1
check "ns4 got ICMP time exceeded from 192.0.0.8 about its UDP probe" \
	pcap_grep "$TMPD/te4.pcap" \
	"192\.0\.0\.8 > 203\.0\.113\.2: ICMP time exceeded in-transit"
check "the inner packet is ns4's probe to 192.0.2.6 (tcpdump -v)" \
	bash -c "tcpdump -n -v -r '$TMPD/te4.pcap' 2>/dev/null |
		grep -A2 '192.0.0.8 > 203.0.113.2' |
		grep -Eq '203\.0\.113\.2\.[0-9]+ > 192\.0\.2\.6\.[0-9]+: (\[.*\] )?UDP'"

# --- IPv4 DF=1 too big ---------------------------------------------------------

tb=$(stat_of too-big)
set_mtu "$XLAT" x6 1400 && set_mtu "$R6" b6 1400 && set_mtu "$R6" a6 1280 &&
	set_mtu "$NS6" v6 1280
# 1428 bytes of IPv4 become 1448 of IPv6: the translator's own link is 1400.
check "ping -M "do" -s 1400 ns4 -> ns6: Frag Needed mtu 1380 from xlat" \
	ping_mtu "$NS4" -4 "$H6_4" 1400 \
	"From 198\.51\.100\.1 .*Frag needed and DF set \(mtu = 1380\)"
check "counter too-big moved" counter_moved too-big "$tb" 1
# 1380 + 20 fits the translator's link; r6's 1280 link answers PTB 1280.
check "ping -M "do" -s 1352 ns4 -> ns6: PTB 1280 from r6 -> Frag Needed 1260" \
	ping_mtu "$NS4" -4 "$H6_4" 1352 \
	"From 192\.0\.0\.8 .*Frag needed and DF set \(mtu = 1260\)"
check "ping -M "do" -s 1232 ns4 -> ns6 fits" \
	ip netns exec "$NS4" ping -4 -n -c 2 -i 0.3 -w 10 -M "do" -s 1232 "$H6_4"
check "tracepath ns4 -> 192.0.2.6 finds pmtu 1260" \
	bash -c "ip netns exec '$NS4' tracepath -4 -n -m 6 '$H6_4' |
		tee /dev/stderr | grep -q 'pmtu 1260'"

# --- IPv6 too big for the IPv4 side ----------------------------------------

set_mtu "$XLAT" x6 1500 && set_mtu "$R6" b6 1500 && set_mtu "$R6" a6 1500 &&
	set_mtu "$NS6" v6 1500
set_mtu "$XLAT" x4 1400 && set_mtu "$R4" a4 1400 && set_mtu "$R4" b4 1300 &&
	set_mtu "$NS4" v4 1300
tb=$(stat_of too-big)
# 1448 bytes of IPv6 become 1428 of IPv4 > 1400: PTB 1400 + 20.
check "ping -M "do" -s 1400 ns6 -> ns4: Packet Too Big mtu 1420 from xlat" \
	ping_mtu "$NS6" -6 "$H4_6" 1400 \
	"From 2001:db8:7::2 .*Packet too big: mtu=1420"
check "counter too-big moved" counter_moved too-big "$tb" 1
# 1408 -> 1388 fits 1400; r4's 1300 link: Frag Needed 1300 -> PTB 1320.
check "ping -M "do" -s 1360 ns6 -> ns4: Frag Needed 1300 from r4 -> PTB 1320" \
	ping_mtu "$NS6" -6 "$H4_6" 1360 \
	"From 2001:db8:64::c633:64fe .*Packet too big: mtu=1320"
check "ping -M "do" -s 1272 ns6 -> ns4 fits" \
	ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -w 10 -M "do" -s 1272 "$H4_6"
# r4's link down to 1000: 1308 -> 1288 (> 1280 of IPv6: DF 1); Frag Needed
# 1000 + 20 is below the IPv6 minimum: PTB 1280 (RFC 7915 5, 6), not 1020.
set_mtu "$R4" b4 1000 && set_mtu "$NS4" v4 1000
check "ping -M "do" -s 1260 ns6 -> ns4: Frag Needed 1000 from r4 -> PTB 1280" \
	ping_mtu "$NS6" -6 "$H4_6" 1260 \
	"From 2001:db8:64::c633:64fe .*Packet too big: mtu=1280"
# --- hairpinned and too big (RFC 7757 4.2) -----------------------------------

# EAM 192.0.2.7 <-> 2001:db8:6::1 (r6): ns6 -> 2001:db8:64::192.0.2.7 goes
# back into IPv6 at xlat, whose route to r6 has MTU 1400. A 1448-byte DF
# packet never leaves as IPv4, so its IPv6 source gets the Packet Too Big,
# with the hairpin path's MTU.
check "eamt add 192.0.2.7 2001:db8:6::1, route to it with mtu 1400" \
	dcx "$XLAT" -i default eamt add 192.0.2.7 2001:db8:6::1 &&
	ip -n "$XLAT" -6 route add 2001:db8:6::/64 via 2001:db8:7::1 mtu 1400
tb=$(stat_of too-big)
hp=$(stat_of hairpinned)
check "ping -M do -s 1400 ns6 -> ${PFX}192.0.2.7 (hairpinned): PTB 1400 from xlat" \
	ping_mtu "$NS6" -6 "${PFX}192.0.2.7" 1400 \
	"From 2001:db8:7::2 .*Packet too big: mtu=1400"
check "counter too-big moved" counter_moved too-big "$tb" 1
check_fail "... and nothing was hairpinned" counter_moved hairpinned "$hp" 1
# r6 answers 2001:db8:64::192.0.2.6 directly: ping sees no reply, the
# counter shows the requests went through.
ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -W 1 -M "do" -s 1300 \
	"${PFX}192.0.2.7" >/dev/null 2>&1
check "ping -M do -s 1300 (1348 bytes) fits: hairpinned" \
	counter_moved hairpinned "$hp" 2

# --- RFC 4884 extensions and long errors (issue 12 items 2 and 4) -----------

# r6 answers a probe ns4 sent with a Time Exceeded carrying an MPLS
# extension (the traceroute case): ns4 must see it, length attribute 32
# (128 octets: the 108 translated, zero padded), the extension intact.
tcpdump_start "$NS4" v4 "$TMPD/ext4.pcap" icmp ||
	ksft_not_ok "tcpdump in ns4 starts"
scapy_send "$R6" "q = IPv6(src='$H4_6', dst='$H6', hlim=1) / UDP(sport=33434, dport=33435) / Raw(bytes(80))
out(IPv6(src='2001:db8:7::1', dst='$H4_6') / ICMPv6TimeExceeded(length=16) / Raw(bytes(q) + ext))"
pcap_wait "$TMPD/ext4.pcap" "192\.0\.0\.8 > 203\.0\.113\.2"
tcpdump_stop
check "ICMPv6 Time Exceeded + MPLS extension from r6 -> ICMPv4, extension kept (tcpdump -v)" \
	ext4_ok "$TMPD/ext4.pcap"
# The other way: r4 about a probe of ns6's.
tcpdump_start "$NS6" v6 "$TMPD/ext6.pcap" icmp6 ||
	ksft_not_ok "tcpdump in ns6 starts"
scapy_send "$R4" "q = IP(src='$H6_4', dst='$H4', ttl=1) / UDP(sport=33434, dport=33435) / Raw(bytes(100))
out(IP(src='198.51.100.254', dst='$H6_4') / ICMP(type=11, code=0, length=32) / Raw(bytes(q) + ext))"
pcap_wait "$TMPD/ext6.pcap" "time exceeded" >/dev/null
tcpdump_stop
check "ICMPv4 Time Exceeded + MPLS extension from r4 -> ICMPv6, length 19, extension kept" \
	ext6_ok "$TMPD/ext6.pcap"
# A 1500-byte ICMPv6 error towards the 1400-byte IPv4 route: cut to 576.
tb=$(stat_of too-big)
tcpdump_start "$NS4" v4 "$TMPD/big4.pcap" icmp ||
	ksft_not_ok "tcpdump in ns4 starts"
scapy_send "$R6" "q = IPv6(src='$H4_6', dst='$H6', hlim=1) / UDP(sport=33434, dport=33435) / Raw(bytes(1404))
out(IPv6(src='2001:db8:7::1', dst='$H4_6') / ICMPv6TimeExceeded() / Raw(bytes(q)))"
check "1500-byte ICMPv6 Time Exceeded from r6 -> 576-byte ICMPv4 at ns4" \
	pcap_wait "$TMPD/big4.pcap" \
	"192\.0\.0\.8 > 203\.0\.113\.2: ICMP time exceeded in-transit, length 556"
tcpdump_stop
check "... and not refused as too-big" test "$(stat_of too-big)" -eq "$tb"
check "kernel log clean" dmesg_clean

ksft_exit
