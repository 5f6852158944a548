#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# UDP GSO (UDP_SEGMENT, gso_type SKB_GSO_UDP_L4) through dcxlat, over the
# basic topology of basic_xlat.sh (ns6 -- xlat -- ns4, MTUs 1500):
#
#  - segments that fit after translation: the super-packet is translated
#    in place (seen whole, > 1600 bytes, on the translator's egress) and
#    every datagram arrives intact, both directions;
#  - 4->6 segments of 1472 bytes (IPv6 1520 > 1500) with DF clear: the
#    translator cuts the super-packet in software and fragments each
#    datagram to 1280 (RFC 7915 4); every datagram arrives intact;
#  - the same with DF set: each datagram gets Fragmentation Needed with
#    MTU 1480 (per segment, as without GSO), none is delivered.
# With the translator's egress checksum offload off, the receivers verify
# every UDP checksum (UdpInCsumErrors/Udp6InCsumErrors must stay 0).

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

# A network-specific prefix: with 64:ff9b::/96 the documentation addresses
# of the topology are non-global and refused (RFC 6052 3.1).
DCX_PFX=2001:db8:64::
DCX_H6=${DCX_PFX}192.0.2.6
DCX_H4_6=${DCX_PFX}198.51.100.2

H6=$DCX_H6
H4=$DCX_H4
H4_6=$DCX_H4_6
H6_4=$DCX_H6_4
PORT=6200
SENDS=40	# sendmsg calls, 8 datagrams each

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip tcpdump jq ethtool nstat modinfo /usr/bin/python3
dcx_require_built

cat >"$TMPD/udpgso.py" <<'EOF'
import socket, struct, sys, time
UDP_SEGMENT = 103
IP_MTU_DISCOVER, IP_PMTUDISC_DONT, IP_PMTUDISC_DO = 10, 0, 2

def payload(seq, size):
    head = struct.pack('!I', seq)
    body = bytes((seq + i) & 0xff for i in range(size - 4))
    return head + body

def send(addr, port, size, sends, df):
    fam = socket.AF_INET6 if ':' in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if fam == socket.AF_INET:
        s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER,
                     IP_PMTUDISC_DO if df == 'df' else IP_PMTUDISC_DONT)
    s.setsockopt(socket.IPPROTO_UDP, UDP_SEGMENT, size)
    seq = 0
    for _ in range(sends):
        buf = b''.join(payload(seq + i, size) for i in range(8))
        seq += 8
        try:
            s.sendto(buf, (addr, port))
        except OSError as e:	# EMSGSIZE once a Frag Needed came back
            print('send:', e)
        time.sleep(0.02)
    print('sent', seq)

def recv(addr, port, size, want, secs):
    fam = socket.AF_INET6 if ':' in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((addr, port))
    open(sys.argv[-1], 'w').write('ready\n')
    s.settimeout(secs)
    got, bad = set(), 0
    try:
        while len(got) < want:
            d = s.recv(65535)
            seq = struct.unpack('!I', d[:4])[0]
            if len(d) != size or d != payload(seq, size):
                bad += 1
            got.add(seq)
    except socket.timeout:
        pass
    print('received', len(got), 'distinct, bad', bad)
    sys.exit(0 if (len(got) == want and bad == 0) else 1)

if sys.argv[1] == 'send':
    send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
         sys.argv[6])
else:
    recv(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
         float(sys.argv[6]))
EOF

# udp_gso DIR SIZE DF WANT: SENDS x 8 datagrams of SIZE bytes from the
# DIR-side host; the receiver must get WANT of them, intact.
udp_gso() {
	local dir=$1 size=$2 df=$3 want=$4 lns laddr cns caddr pid rc
	local ready=$TMPD/ready.$PORT
	PORT=$((PORT + 1))
	ready=$TMPD/ready.$PORT
	if [ "$dir" = 64 ]; then
		lns=$NS4; laddr=$H4; cns=$NS6; caddr=$H4_6
	else
		lns=$NS6; laddr=$H6; cns=$NS4; caddr=$H6_4
	fi
	BG_LOG=$TMPD/recv.$PORT run_bg ip netns exec "$lns" /usr/bin/python3 \
		"$TMPD/udpgso.py" recv "$laddr" "$PORT" "$size" "$want" 5 \
		"$ready"
	pid=$BG_PID
	slowwait 20 test -s "$ready" || { echo "receiver not ready"; return 1; }
	ip netns exec "$cns" /usr/bin/python3 "$TMPD/udpgso.py" send \
		"$caddr" "$PORT" "$size" "$SENDS" "$df" || return 1
	wait_pid 30 "$pid" || { echo "receiver did not end"; return 1; }
	wait "$pid"
	rc=$?
	cat "$TMPD/recv.$PORT"
	return "$rc"
}

egress_tx() {
	ip netns exec "$XLAT" ethtool -K x4 tx "$1" tso "$1" gso "$1" \
		>/dev/null 2>&1 &&
		ip netns exec "$XLAT" ethtool -K x6 tx "$1" tso "$1" gso "$1" \
			>/dev/null 2>&1
}

udp_csum_errors() {
	local ns sum=0 v
	for ns in "$NS6" "$NS4"; do
		v=$(ip netns exec "$ns" nstat -asz UdpInCsumErrors \
			Udp6InCsumErrors | awk 'NR > 1 || /Csum/ { s += $2 }
			END { print s + 0 }')
		sum=$((sum + v))
	done
	echo "UDP checksum errors at the receivers: $sum"
	[ "$sum" -eq 0 ]
}

stat_is() {
	local v
	v=$(dcx_stat "$XLAT" default "$1")
	echo "$1 = $v"
	test "$v" "$2" "$3"
}

N=$((SENDS * 8))

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology set up" dcx_topo_basic || ksft_exit
check "instance add default" dcx "$XLAT" instance add default || ksft_exit
check "pool6 set $DCX_PFX/96" dcx "$XLAT" -i default pool6 set \
	"$DCX_PFX/96" || ksft_exit
dmesg_mark

# Egress offloads on: a translated super-packet leaves whole.
for dir in 64 46; do
	[ "$dir" = 64 ] && what="6->4" || what="4->6"
	if [ "$dir" = 64 ]; then
		tcpdump_start "$XLAT" x4 "$TMPD/eg$dir.pcap" -c 3 \
			udp and greater 1600
		re='IP 192\.0\.2\.6\.[0-9]+ > 198\.51\.100\.2\.'
	else
		tcpdump_start "$XLAT" x6 "$TMPD/eg$dir.pcap" -c 3 \
			udp and greater 1600
		re='IP6 2001:db8:64::c633:6402\.[0-9]+ > 2001:db8:64::c000:206\.'
	fi
	dcx "$XLAT" -i default stats reset
	check "$what UDP GSO, 8 x 1000 bytes a send: all $N datagrams intact" \
		udp_gso "$dir" 1000 nodf "$N"
	check "$what UDP GSO: super-packets (> 1600 bytes) translated whole" \
		pcap_wait "$TMPD/eg$dir.pcap" "$re" 5
	tcpdump_stop
	check "$what UDP GSO: nothing refused" stat_is too-big -eq 0
done

# Egress checksum offload off: the receivers check every checksum.
check "translator egress checksum offload off" egress_tx off
for dir in 64 46; do
	[ "$dir" = 64 ] && what="6->4" || what="4->6"
	check "$what UDP GSO, checksums finished on the way out: all $N intact" \
		udp_gso "$dir" 1000 nodf "$N"
done

# 4->6 segments 20 bytes too big once translated.
dcx "$XLAT" -i default stats reset
tcpdump_start "$NS6" v6 "$TMPD/frag6.pcap" -c 3 'ip6[6] == 44'
check "4->6 UDP GSO 8 x 1472, DF clear: segmented, fragmented, all $N intact" \
	udp_gso 46 1472 nodf "$N"
check "4->6 UDP GSO 1472, DF clear: IPv6 fragments reach ns6" \
	pcap_wait "$TMPD/frag6.pcap" 'IP6 2001:db8:64::c633:6402 > 2001:db8:64::c000:206: frag' 5
tcpdump_stop

dcx "$XLAT" -i default stats reset
tcpdump_start "$NS4" v4 "$TMPD/fn.pcap" icmp
check_fail "4->6 UDP GSO 8 x 1472, DF set: not delivered" \
	udp_gso 46 1472 df 1
check "4->6 UDP GSO 1472, DF set: Fragmentation Needed, MTU 1480, per segment" \
	pcap_wait "$TMPD/fn.pcap" 'need to frag \(mtu 1480\)' 5
tcpdump_stop
check "4->6 UDP GSO 1472, DF set: counted as too-big" stat_is too-big -gt 0

check "receivers saw no bad UDP checksum" udp_csum_errors
check "kernel log clean" dmesg_clean
ksft_exit
