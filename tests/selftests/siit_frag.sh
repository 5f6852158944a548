#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fragments through dcxlat, on the basic topology (basic_xlat.sh) with the
# IPv6 link cut to 1280 bytes:
#
#   ns6 (2001:db8:64::192.0.2.6) --1280-- xlat --1500-- ns4 (198.51.100.2)
#
# - fragmented ICMP is reassembled, translated and fragmented again
#   (counter icmp-reassembled): 5000-byte DF=0 pings through the 1280
#   link, ping -s 1400 and -s 3000 in both directions, whose replies come
#   back fragmented;
# - other fragments stay stateless: 3000-byte UDP datagrams both ways
#   arrive byte-exact; an IPv4 fragment too big for the IPv6 link is cut
#   into IPv6 fragments of the same datagram (same ID, offsets, M flag);
# - a whole DF=0 IPv4 packet (UDP, ICMP echo) too big for the IPv6 link is
#   cut into IPv6 fragments whose Identification is the IPv4 ID, high bits
#   0 (RFC 7915 4.1), not one the kernel picks.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

# A network-specific prefix: RFC 6052 3.1 keeps the well-known 64:ff9b::/96
# away from the non-global documentation addresses of the basic topology.
DCX_PFX=2001:db8:64::
DCX_H6=${DCX_PFX}192.0.2.6
DCX_H4_6=${DCX_PFX}198.51.100.2
H6=$DCX_H6
H4_6=$DCX_H4_6
H4=$DCX_H4
H6_4=$DCX_H6_4
PY=/usr/bin/python3

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping tcpdump jq sha256sum
[ -x "$PY" ] || ksft_skip_all "no $PY"
dcx_require_built

stat_of() {
	dcx_stat "$XLAT" default "$1"
}

# counter_moved NAME BEFORE MIN: the counter grew by at least MIN.
counter_moved() {
	local now
	now=$(stat_of "$1") || return 1
	echo "$1: $2 -> $now (want +$3)"
	[ $((now - $2)) -ge "$3" ]
}

# ping_big NS FAMILY DST SIZE [ARGS...]: 3 answered echoes of SIZE bytes,
# their data intact (ping compares the pattern it sent).
ping_big() {
	local ns=$1 fam=$2 dst=$3 size=$4 out rc
	shift 4
	out=$(ip netns exec "$ns" ping "$fam" -n -c 3 -i 0.3 -w 20 -s "$size" \
		"$@" "$dst" 2>&1)
	rc=$?
	echo "$out"
	[ "$rc" -eq 0 ] && ! grep -Eq "wrong data|DUP!|truncated" <<<"$out"
}

# reasm_ping DESC N NS FAMILY DST SIZE [ARGS]: ping and see at least N
# fragmented messages (requests and/or replies) reassembled.
reasm_ping() {
	local desc=$1 n=$2 before
	shift 2
	before=$(stat_of icmp-reassembled)
	check "$desc" ping_big "$@"
	check "$desc: icmp-reassembled +$n" \
		counter_moved icmp-reassembled "$before" "$n"
}

# pcap_max_len FILE: biggest IPv6 packet (40 + payload length) captured.
pcap_max6() {
	tcpdump -n -v -r "$1" ip6 2>/dev/null |
		sed -n 's/.*payload length: \([0-9]*\).*/\1/p' |
		sort -n | tail -n 1
}

frames_fit_1280() {
	local m
	m=$(pcap_max6 "$1")
	echo "largest IPv6 packet on the 1280 link: $((m + 40)) bytes"
	[ -n "$m" ] && [ $((m + 40)) -le 1280 ]
}

# UDP: a receiver that writes the first datagram to a file.
udp_recv_py='
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.bind((sys.argv[1], int(sys.argv[2])))
open(sys.argv[4], "w").close()
s.settimeout(30)
data = s.recv(65535)
open(sys.argv[3], "wb").write(data)
'
udp_send_py='
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
if fam == socket.AF_INET:
    s.setsockopt(socket.IPPROTO_IP, 10, 0)   # IP_MTU_DISCOVER: DONT
s.sendto(open(sys.argv[3], "rb").read(), (sys.argv[1], int(sys.argv[2])))
'

# udp_big NAME RECV_NS RECV_ADDR SEND_NS SEND_ADDR PORT SIZE
udp_big() {
	local name=$1 rns=$2 raddr=$3 sns=$4 saddr=$5 port=$6 size=$7
	local src=$TMPD/$name.src dst=$TMPD/$name.dst pid a b
	head -c "$size" /dev/urandom >"$src"
	rm -f "$dst" "$dst.ready"
	run_bg ip netns exec "$rns" "$PY" -c "$udp_recv_py" "$raddr" "$port" \
		"$dst" "$dst.ready"
	pid=$BG_PID
	slowwait 20 test -e "$dst.ready" || return 1
	slowwait 5 udp_listening "$rns" "$port" || return 1
	ip netns exec "$sns" "$PY" -c "$udp_send_py" "$saddr" "$port" "$src" ||
		return 1
	wait_pid 30 "$pid" || { echo "receiver got nothing"; return 1; }
	a=$(sha256sum <"$src" | cut -d' ' -f1)
	b=$(sha256sum <"$dst" 2>/dev/null | cut -d' ' -f1)
	echo "sent $size bytes $a, got $(stat -c %s "$dst" 2>/dev/null) $b"
	[ "$a" = "$b" ]
}

# frag_layout FILE: "ID OFFSET LEN MF" per IPv6 fragment in the capture.
frag6_layout() {
	tcpdump -n -v -r "$1" ip6 2>/dev/null |
		sed -n 's/.*frag (0x\([0-9a-f]*\):\([0-9]*\)|\([0-9]*\)).*/\1 \2 \3/p'
}

# frag4_ids FILE: IPv4 IDs of fragments (offset or MF) in the capture.
frag4_ids() {
	tcpdump -n -v -r "$1" ip 2>/dev/null |
		sed -n 's/.* id \([0-9]*\), offset \([0-9]*\), flags \[\([^]]*\)\].*/\1 \2 \3/p'
}

# refrag_ok V4PCAP V6PCAP: the three IPv4 fragments (1480 + 1480 + 48
# bytes of data) came out as five IPv6 fragments with their ID and offsets:
# each 1528-byte translation of a full one is cut in 1232 + 248.
refrag_ok() {
	local id4 ids6 want got
	echo "IPv4 fragments (id offset flags):"
	frag4_ids "$1"
	echo "IPv6 fragments (id offset len):"
	frag6_layout "$2"
	id4=$(frag4_ids "$1" | awk '{print $1}' | sort -u)
	[ "$(echo "$id4" | wc -l)" -eq 1 ] || return 1
	ids6=$(frag6_layout "$2" | awk '{print $1}' | sort -u)
	[ "$(echo "$ids6" | wc -l)" -eq 1 ] || return 1
	[ $((16#$ids6)) -eq "$id4" ] || { echo "ID $ids6 != $id4"; return 1; }
	want="0 1232
1232 248
1480 1232
2712 248
2960 48"
	got=$(frag6_layout "$2" | awk '{print $2, $3}' | sort -n)
	[ "$got" = "$want" ] || { echo "want layout: $want"; return 1; }
	# The last piece has M clear, all others M set.
	[ "$(tcpdump -n -r "$2" ip6 2>/dev/null | wc -l)" -eq 5 ] &&
		frag6_mflags "$2"
}

# frag6_mflags FILE: M set on every IPv6 fragment but the one at 2960.
frag6_mflags() {
	"$PY" - "$1" <<-'EOF'
	import sys
	from scapy.all import rdpcap, IPv6ExtHdrFragment
	ok = True
	for p in rdpcap(sys.argv[1]):
	    f = p.getlayer(IPv6ExtHdrFragment)
	    if f is None:
	        continue
	    off = f.offset * 8
	    print("offset", off, "m", f.m, "id", hex(f.id))
	    ok &= f.m == (0 if off == 2960 else 1)
	sys.exit(0 if ok else 1)
	EOF
}

# send4_id ID udp|echo: scapy in ns4 sends one whole 1428-byte IPv4 packet
# with DF clear and identification ID to ns6 (1448 bytes once translated).
send4_id() {
	ip netns exec "$NS4" "$PY" - "$H4" "$H6_4" "$1" "$2" <<-'EOF'
	import sys
	from scapy.all import ICMP, IP, UDP, Raw, send
	src, dst, ident, what = sys.argv[1], sys.argv[2], int(sys.argv[3], 0), sys.argv[4]
	l4 = UDP(sport=4000, dport=6005) if what == "udp" else ICMP(id=77, seq=1)
	send(IP(src=src, dst=dst, id=ident, flags=0) / l4 / Raw(b"x" * 1400),
	     verbose=0)
	EOF
}

# frag_id_ok FILE ID: the capture holds exactly the two IPv6 fragments of
# one 1448-byte packet (1232 + 176 bytes of payload), both with ID.
frag_id_ok() {
	local got
	got=$(frag6_layout "$1" | while read -r id off len; do
		echo "$((16#$id)) $off $len"
	done | sort -n -k2)
	echo "IPv6 fragments (id offset len):"
	echo "$got"
	[ "$got" = "$(($2)) 0 1232
$(($2)) 1232 176" ]
}

# --- setup -----------------------------------------------------------------

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology set up" dcx_topo_basic || ksft_exit
check "IPv6 link MTU 1280" ip -n "$XLAT" link set x6 mtu 1280 &&
	ip -n "$NS6" link set v6 mtu 1280
check "instance add + pool6 $DCX_PFX/96" dcx "$XLAT" instance add default &&
	dcx "$XLAT" -i default pool6 set "$DCX_PFX/96" || ksft_exit
# Warm up neighbours so the first fragments are not queued behind ARP/ND.
ping_big "$NS4" -4 "$H6_4" 56 >/dev/null 2>&1
ping_big "$NS6" -6 "$H4_6" 56 >/dev/null 2>&1
dmesg_mark

# --- fragmented ICMP -------------------------------------------------------

tcpdump_start "$NS6" v6 "$TMPD/p5000.pcap" ip6 ||
	ksft_not_ok "tcpdump on v6 starts"
reasm_ping "ping -s 5000 -M dont ns4 -> ns6 through the 1280 link" 6 \
	"$NS4" -4 "$H6_4" 5000 -M dont
tcpdump_stop
check "every IPv6 packet of the 5000-byte pings fits 1280" \
	frames_fit_1280 "$TMPD/p5000.pcap"
check "ns6 saw the echo requests as IPv6 fragments" \
	pcap_grep "$TMPD/p5000.pcap" "frag \(0\|1232\) ICMP6, echo request"
check "... and sent the echo replies as IPv6 fragments" \
	pcap_grep "$TMPD/p5000.pcap" "frag \(0\|1232\) ICMP6, echo reply"

reasm_ping "ping -s 5000 ns6 -> ns4" 6 "$NS6" -6 "$H4_6" 5000
# 1448-byte requests leave ns6 fragmented; the 1428-byte IPv4 replies are
# whole and the translator fragments them for the 1280 link.
reasm_ping "ping -s 1400 ns6 -> ns4 (reply fragmented by the translator)" 3 \
	"$NS6" -6 "$H4_6" 1400
reasm_ping "ping -s 3000 ns6 -> ns4" 6 "$NS6" -6 "$H4_6" 3000
# Whole 1428-byte requests; ns6 fragments its 1448-byte replies.
reasm_ping "ping -s 1400 -M dont ns4 -> ns6 (replies come back fragmented)" 3 \
	"$NS4" -4 "$H6_4" 1400 -M dont
reasm_ping "ping -s 3000 ns4 -> ns6" 6 "$NS4" -4 "$H6_4" 3000

# --- other fragments stay stateless ----------------------------------------

before=$(stat_of icmp-reassembled)
tcpdump_start "$NS4" v4 "$TMPD/u4.pcap" udp or "ip[6:2] & 0x3fff != 0" ||
	ksft_not_ok "tcpdump on v4 starts"
tcpdump_start "$NS6" v6 "$TMPD/u6.pcap" ip6 and not icmp6 ||
	ksft_not_ok "tcpdump on v6 starts"
check "UDP 3000 bytes ns4 -> ns6 (IPv4 fragments cut again) byte-exact" \
	udp_big u46 "$NS6" "$H6" "$NS4" "$H6_4" 6001 3000
sleep 0.5
tcpdump_stop
# tcpdump_start keeps only the last pid: stop the first capture too.
stop_bg
check "IPv4 fragments became IPv6 fragments of the same datagram" \
	refrag_ok "$TMPD/u4.pcap" "$TMPD/u6.pcap"
check "UDP 3000 bytes ns6 -> ns4 (IPv6 fragments) byte-exact" \
	udp_big u64 "$NS4" "$H4" "$NS6" "$H4_6" 6002 3000
check "UDP 20000 bytes ns6 -> ns4 byte-exact" \
	udp_big u64b "$NS4" "$H4" "$NS6" "$H4_6" 6003 20000
check "UDP 20000 bytes ns4 -> ns6 byte-exact" \
	udp_big u46b "$NS6" "$H6" "$NS4" "$H6_4" 6004 20000
check "UDP fragments were not reassembled by the translator" \
	counter_moved icmp-reassembled "$before" 0
check_fail "... not a single one" counter_moved icmp-reassembled "$before" 1
check "fragment-unsupported stayed 0" test "$(stat_of fragment-unsupported)" -eq 0
for t in "udp 0x0001" "echo 0xbeef"; do
	read -r what id <<<"$t"
	tcpdump_start "$NS6" v6 "$TMPD/id-$what.pcap" ip6 src "$H4_6" ||
		ksft_not_ok "tcpdump on v6 starts"
	send4_id "$id" "$what"
	slowwait 10 bash -c "[ \"\$(tcpdump -n -r '$TMPD/id-$what.pcap' \
		2>/dev/null | wc -l)\" -ge 2 ]"
	tcpdump_stop
	check "whole DF=0 IPv4 $what, ID $id: IPv6 fragments carry the IPv4 ID (RFC 7915 4.1)" \
		frag_id_ok "$TMPD/id-$what.pcap" "$id"
done


# RFC 7915 5.1.1 (issue 12 item 6): a Fragment Header followed by
# Destination Options is dropped, counted, not translated.
fe=$(stat_of fragment-ext-header)
tcpdump_start "$NS4" v4 "$TMPD/fe4.pcap" udp ||
	ksft_not_ok "tcpdump in ns4 starts"
ip netns exec "$NS6" "$PY" - <<-EOF
	import logging
	logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
	from scapy.all import *
	for m in (1, 0):
	    send(IPv6(src="$H6", dst="$H4_6") /
	         IPv6ExtHdrFragment(id=0x5151, m=m, offset=0 if m else 7) /
	         IPv6ExtHdrDestOpt() / UDP(sport=7, dport=6010) /
	         Raw(bytes(48)), verbose=0)
	EOF
check "Fragment Header + Destination Options dropped (fragment-ext-header)" \
	counter_moved fragment-ext-header "$fe" 2
tcpdump_stop
check_fail "... and nothing of it reached ns4" \
	pcap_grep "$TMPD/fe4.pcap" "192\.0\.2\.6"
check "kernel log clean" dmesg_clean

ksft_exit
