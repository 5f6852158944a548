#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# TCP bulk transfers through dcxlat with segmentation and checksum
# offloads on and off (issue 6), in both directions, over the basic
# topology of basic_xlat.sh (ns6 -- xlat -- ns4, all MTUs 1500):
#
#   offload set  sender (v6/v4)   xlat ingress   xlat egress     skb at the hook
#   tso+gro      tso gso tx on    gro on         tx off          GSO, PARTIAL
#   tso          tso gso tx on    gro off        tx off          GSO, PARTIAL
#   gro          tso gso tx off   gro on         tx off          GRO-merged
#   off          tso gso tx off   gro off        tx off          NONE
#   on           tso gso tx on    gro on         defaults        (throughput)
#
# With the translator's egress checksum offload off, every checksum the
# translator leaves partial is finished in software on the way out and the
# receiver verifies it (its TcpInCsumErrors must stay 0: a wrong seed shows).
# Each transfer is DCX_OFFLOAD_MB MiB (default 16: TCG moves ~5 MiB/s) of random data checked
# by sha256 (DCX_OFFLOAD_MB=256 for a longer run); no translator counter of a refusal (too-big, bad-header,
# no-memory, output-error) may move, and captures on both end hosts must
# show no Packet Too Big / Fragmentation Needed / unreachable at all.
#
# "big segments": the receiver advertises an MSS too big for the translated
# path (advmss), so segments exceed the egress MTU after translation; the
# translator must shrink gso_size of GSO packets (details below).
#
# Throughput (MiB/s, offloads "on" vs "off") is printed as diagnostics,
# never asserted: the VM is TCG on shared cores.

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
MB=${DCX_OFFLOAD_MB:-16}
PORT=5200

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip socat tcpdump jq sha256sum head ss ethtool nstat modinfo
dcx_require_built

# offloads NS DEV on|off: segmentation and checksum offloads of a sender.
offloads() {
	ip netns exec "$1" ethtool -K "$2" tx "$3" tso "$3" gso "$3" \
		>/dev/null 2>&1
	ip netns exec "$1" ethtool -k "$2" | grep -E \
		'^(tx-checksumming|tcp-segmentation-offload|generic-segmentation-offload|generic-receive-offload):'
}

gro() {
	ip netns exec "$1" ethtool -K "$2" gro "$3" >/dev/null 2>&1
	ip netns exec "$1" ethtool -k "$2" |
		grep -q "^generic-receive-offload: $3"
}

# set_offloads DIR SET: configure sender, xlat ingress and egress.
set_offloads() {
	local dir=$1 set=$2 sns sdev idev edev tx=on rx=off eg=off
	if [ "$dir" = 64 ]; then
		sns=$NS6; sdev=v6; idev=x6; edev=x4
	else
		sns=$NS4; sdev=v4; idev=x4; edev=x6
	fi
	case "$set" in
	tso+gro) rx=on ;;
	tso) ;;
	gro) tx=off; rx=on ;;
	off) tx=off ;;
	on) rx=on; eg=on ;;
	esac
	offloads "$sns" "$sdev" "$tx" && gro "$XLAT" "$idev" "$rx" &&
		offloads "$XLAT" "$edev" "$eg"
}

# Counters that mean the translator refused or failed a packet.
BAD_COUNTERS="too-big bad-header no-memory output-error truncated"

counters_clean() {
	local c v rc=0
	for c in $BAD_COUNTERS; do
		v=$(dcx_stat "$XLAT" default "$c") || return 1
		echo "$c = $v"
		[ "$v" -eq 0 ] || rc=1
	done
	echo "xlat-6to4 = $(dcx_stat "$XLAT" default xlat-6to4)," \
		"xlat-4to6 = $(dcx_stat "$XLAT" default xlat-4to6)"
	return "$rc"
}

csum_errors() {
	ip netns exec "$1" nstat -asz TcpInCsumErrors |
		awk '$1 == "TcpInCsumErrors" { print $2; f = 1 } END { if (!f) print 0 }'
}

no_csum_errors() {
	local a b
	a=$(csum_errors "$NS6")
	b=$(csum_errors "$NS4")
	echo "TcpInCsumErrors ns6 = $a, ns4 = $b"
	[ "$a" -eq 0 ] && [ "$b" -eq 0 ]
}

# xfer DIR NAME: MB MiB from the DIR-side client through the translator;
# sets RATE (MiB/s).
xfer() {
	local dir=$1 name=$2 lns cns lfam laddr cfam caddr pid t0 t1 got
	local sum=$TMPD/$name.sha
	PORT=$((PORT + 1))
	if [ "$dir" = 64 ]; then
		lns=$NS4; lfam=TCP4-LISTEN; laddr=$H4
		cns=$NS6; cfam=TCP6; caddr="[$H4_6]"
	else
		lns=$NS6; lfam=TCP6-LISTEN; laddr="[$H6]"
		cns=$NS4; cfam=TCP4; caddr=$H6_4
	fi
	: >"$sum"
	run_bg bash -c "ip netns exec '$lns' socat -u \
		'$lfam:$PORT,bind=$laddr,reuseaddr' - | sha256sum >'$sum'"
	pid=$BG_PID
	slowwait 20 tcp_listening "$lns" "$PORT" || {
		echo "listener on $laddr:$PORT did not come up"
		return 1
	}
	t0=$(date +%s%N)
	ip netns exec "$cns" timeout 300 socat -u "OPEN:$TMPD/data" \
		"$cfam:$caddr:$PORT,connect-timeout=10" || {
		echo "client to $caddr:$PORT failed"
		return 1
	}
	wait_pid 60 "$pid" || {
		echo "listener did not finish"
		return 1
	}
	t1=$(date +%s%N)
	got=$(cut -d' ' -f1 "$sum")
	RATE=$(awk -v b="$((MB * 1048576))" -v ns="$((t1 - t0))" \
		'BEGIN { printf "%.1f", b / 1048576 / (ns / 1e9) }')
	echo "sent sha256 $DATA_SHA"
	echo "got  sha256 $got ($RATE MiB/s)"
	[ "$got" = "$DATA_SHA" ]
}

declare -A RATES

# run_set DIR SET: one transfer with one offload set, and its checks.
run_set() {
	local dir=$1 set=$2 what
	[ "$dir" = 64 ] && what="6->4" || what="4->6"
	check "$what offloads '$set' configured" set_offloads "$dir" "$set" ||
		return 1
	dcx "$XLAT" -i default stats reset
	RATE=
	# With every offload on, super-packets leave the translator whole.
	[ "$set" = on ] && egress_capture "$dir"
	check "$what TCP $MB MiB intact, offloads '$set'" \
		xfer "$dir" "$dir-$set" && RATES[$dir-$set]=$RATE
	if [ "$set" = on ]; then
		check "$what '$set': translated GSO packets (> 1600 bytes) leave the translator unsegmented" \
			pcap_wait "$TMPD/egress-$dir.pcap" "$EGRESS_RE" 5
		tcpdump_stop
	fi
	check "$what '$set': no refusal counted by the translator" \
		counters_clean
	check "$what '$set': receivers saw no bad TCP checksum" no_csum_errors
}

# egress_capture DIR: big translated packets on the translator's egress.
egress_capture() {
	if [ "$1" = 64 ]; then
		EGRESS_RE='IP 192\.0\.2\.6\.[0-9]+ > 198\.51\.100\.2'
		tcpdump_start "$XLAT" x4 "$TMPD/egress-$1.pcap" -c 5 \
			ip and greater 1600
	else
		EGRESS_RE='IP6 2001:db8:64::c633:6402\.[0-9]+ > 2001:db8:64::c000:206'
		tcpdump_start "$XLAT" x6 "$TMPD/egress-$1.pcap" -c 5 \
			ip6 and greater 1600
	fi
}

# icmp_quiet FILE: no Too Big / Frag Needed / unreachable in a capture.
icmp_quiet() {
	local bad
	bad=$(tcpdump -n -r "$1" 2>/dev/null |
		grep -Ei 'too big|need to frag|unreachable|time exceeded')
	[ -z "$bad" ] && return 0
	echo "$bad" | head -n 10
	return 1
}

# --- setup -----------------------------------------------------------------

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology set up" dcx_topo_basic || ksft_exit
check "instance add default" dcx "$XLAT" instance add default || ksft_exit
check "pool6 set $DCX_PFX/96" dcx "$XLAT" -i default pool6 set \
	"$DCX_PFX/96" || ksft_exit
check "$MB MiB of test data" bash -c "head -c $((MB * 1048576)) \
	/dev/urandom >'$TMPD/data'" || ksft_exit
DATA_SHA=$(sha256sum <"$TMPD/data" | cut -d' ' -f1)
dmesg_mark

ICMP_FILTER='icmp or (icmp6 and ip6[40] < 128)'
tcpdump_start "$NS6" v6 "$TMPD/ns6-icmp.pcap" "$ICMP_FILTER" &&
	ICMP6_PID=$TCPDUMP_PID
tcpdump_start "$NS4" v4 "$TMPD/ns4-icmp.pcap" "$ICMP_FILTER" &&
	ICMP4_PID=$TCPDUMP_PID

for dir in 64 46; do
	for set in tso+gro tso gro off on; do
		run_set "$dir" "$set"
	done
done

stop_icmp_captures() {
	sleep 1	# let the captures write what they saw
	kill "${ICMP6_PID:-}" "${ICMP4_PID:-}" 2>/dev/null
	wait "${ICMP6_PID:-}" "${ICMP4_PID:-}" 2>/dev/null
}
stop_icmp_captures
check "ns6 capture: no Too Big or unreachable reached the IPv6 host" \
	icmp_quiet "$TMPD/ns6-icmp.pcap"
check "ns4 capture: no Frag Needed or unreachable reached the IPv4 host" \
	icmp_quiet "$TMPD/ns4-icmp.pcap"

# --- segments too big for the translated path ------------------------------

# 4->6: ns6 advertises MSS 1460, so IPv4 segments of 1500 bytes become
# IPv6 packets of 1520 > 1500. ns4 sends with DF clear (no PMTU discovery):
# single packets are fragmented to 1280 (RFC 7915 4), GSO packets get a
# smaller gso_size; neither is a reason for an ICMP error.
big_46() {
	ip -n "$NS6" -6 route change "$DCX_PFX/96" via 2001:db8:6::1 \
		src "$H6" advmss 1460 &&
		ip netns exec "$NS4" sysctl -qw net.ipv4.ip_no_pmtu_disc=1
}
check "4->6 big segments: ns6 advmss 1460, ns4 DF clear" big_46
tcpdump_start "$NS4" v4 "$TMPD/big4-icmp.pcap" "$ICMP_FILTER" &&
	ICMP4_PID=$TCPDUMP_PID
ICMP6_PID=
for set in tso+gro tso gro; do
	set_offloads 46 "$set" >/dev/null
	dcx "$XLAT" -i default stats reset
	# Shrunk segments: unfragmented IPv6 TCP of exactly 1500 bytes.
	tcpdump_start "$NS6" v6 "$TMPD/big-$set.pcap" -c 3 \
		'ip6 and ip6[6] == 6 and ip6[4:2] == 1460'
	check "4->6 TCP $MB MiB intact, big segments, offloads '$set'" \
		xfer 46 "big-46-$set"
	check "4->6 big segments '$set': segments of 1500 bytes arrive unfragmented (gso_size shrunk)" \
		pcap_wait "$TMPD/big-$set.pcap" 'IP6 2001:db8:64::c633:6402' 5
	tcpdump_stop
	check "4->6 big segments '$set': no refusal counted" counters_clean
done
stop_icmp_captures
check "4->6 big segments: no ICMP error reached the IPv4 host" \
	icmp_quiet "$TMPD/big4-icmp.pcap"

# 6->4: egress IPv4 MTU 1400, ns4 advertises MSS 1400: IPv6 segments of
# 1460 bytes become IPv4 packets of 1440. GSO packets in flight shrink;
# single ones get a (legitimate) Packet Too Big, so only the data counts.
big_64() {
	ip -n "$XLAT" link set x4 mtu 1400 &&
		ip -n "$NS4" link set v4 mtu 1400 &&
		ip -n "$NS4" route change default via 198.51.100.1 advmss 1400
}
check "6->4 big segments: egress MTU 1400, ns4 advmss 1400" big_64
for set in tso+gro tso; do
	set_offloads 64 "$set" >/dev/null
	check "6->4 TCP $MB MiB intact, big segments, offloads '$set'" \
		xfer 64 "big-64-$set"
done
check "receivers saw no bad TCP checksum (big segments)" no_csum_errors
check "kernel log clean" dmesg_clean

diag "throughput (MiB/s, TCG VM, shared cores; not asserted):"
diag "$(printf '%-6s %8s %8s %8s %8s %8s' dir on tso+gro tso gro off)"
for dir in 64 46; do
	[ "$dir" = 64 ] && what="6->4" || what="4->6"
	diag "$(printf '%-6s %8s %8s %8s %8s %8s' "$what" \
		"${RATES[$dir-on]:--}" "${RATES[$dir-tso+gro]:--}" \
		"${RATES[$dir-tso]:--}" "${RATES[$dir-gro]:--}" \
		"${RATES[$dir-off]:--}")"
done
ksft_exit
