#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Seed 002: the CLAT of "Eliminating cloud IPv4 costs with IPv6 and
# 464XLAT", in its exact shape, with dcxlat where the blog has Jool and a
# plain IPv6 server on the NAT64 prefix as the stand-in PLAT.
#
#  host (the VM)                      clat (netns "clat")
#   jool fe80::2, 192.0.0.2/29 ------- world fe80::1, 192.0.0.1/29,
#   default via 192.0.0.1 mtu 1480           2001:db8:173:0:1::1
#   upl 2001:db8:173:0:1::/128               dcxlat: pool6 2001:db8:2b::1:0:0/96
#    |                                       eamt 192.0.0.2 2001:db8:173:0:1::1
#    |                                       rfc6791v4 192.0.0.8/32
#   plat: lo 2001:db8:2b::1:c633:6407 (= 198.51.100.7 through the NAT64),
#         route back with mtu 1280, so its echo replies to 1400-byte pings
#         come back fragmented, as a NAT64 does with DF=0 IPv4 replies.
#
# The blog's GCE addresses are replaced by documentation ones of the same
# shape (the VM's /96 and its first address + 1). The translator's
# configuration is the operator guide's file, docs/guides/examples/
# clat.json (docs/guides/clat.md), applied as the dcxlat@ unit does.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

CLAT=clat
NAT64=2001:db8:2b::1:0:0
SRV4=198.51.100.7
SRV6=2001:db8:2b::1:c633:6407
HOST6=2001:db8:173:0:1::
CLAT6=2001:db8:173:0:1::1
CFG=$DCX_REPO/docs/guides/examples/clat.json

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping traceroute socat tcpdump jq sha256sum
dcx_require_built

topo() {
	netns_named "$CLAT" || return 1
	setup_ns HOST PLAT || return 1
	# The blog's veth: "jool" in the VM, "world" in clat.
	veth_pair "$HOST" jool "$CLAT" world &&
	veth_pair "$HOST" upl "$PLAT" dn || return 1
	ip netns exec "$CLAT" ip -6 addr add fe80::1/64 dev world nodad &&
	ip -n "$HOST" -6 addr add fe80::2/64 dev jool nodad &&
	ip -n "$HOST" -4 addr add 192.0.0.2/29 dev jool &&
	ip -n "$CLAT" -4 addr add 192.0.0.1/29 dev world &&
	ip -n "$HOST" -4 route add default via 192.0.0.1 dev jool mtu 1480 &&
	ip -n "$CLAT" -6 addr add "$CLAT6" dev world nodad &&
	ip -n "$CLAT" -6 route add default via fe80::2 dev world &&
	ip -n "$HOST" -6 route add "$CLAT6" via fe80::1 dev jool || return 1
	ip netns exec "$HOST" sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ip netns exec "$CLAT" sysctl -qw net.ipv6.conf.all.forwarding=1 \
		net.ipv4.ip_forward=1 || return 1
	# The uplink and the PLAT.
	ip -n "$HOST" -6 addr add "$HOST6/128" dev upl nodad &&
	ip -n "$HOST" -6 addr add fe80::a/64 dev upl nodad &&
	ip -n "$PLAT" -6 addr add fe80::b/64 dev dn nodad &&
	ip -n "$HOST" -6 route add default via fe80::b dev upl &&
	ip -n "$PLAT" -6 addr add "$SRV6/128" dev lo nodad &&
	ip -n "$PLAT" -6 route add "$HOST6/96" via fe80::a dev dn mtu 1280
}

clat_stat() {
	dcx_stat "$CLAT" default "$1"
}

# ping_n NS FAM DST SIZE [ARGS]: three answered echoes.
ping_n() {
	local ns=$1 fam=$2 dst=$3 size=$4
	shift 4
	ip netns exec "$ns" ping "$fam" -n -c 3 -i 0.3 -w 20 -s "$size" "$@" \
		"$dst"
}

reasm_ping() {	# DESC N NS FAM DST SIZE [ARGS]
	local desc=$1 n=$2 before
	shift 2
	before=$(clat_stat icmp-reassembled)
	check "$desc" ping_n "$@"
	check "$desc: icmp-reassembled +$n" \
		dcx_counter_moved "$CLAT" default icmp-reassembled "$before" "$n"
}

trace_has_hop() {	# WANT_HOP WANT_ADDR
	awk -v h="$1" -v a="$2" 'NR > 1 && $1 == h && $2 == a { f = 1 }
		END { exit !f }' "$TMPD/trace.out"
}

check "dcxlat module loads" dcx_load_module || ksft_exit
dcx_cli_has eamt && dcx_cli_has global ||
	ksft_skip_all "the CLI has no eamt/global objects yet"
check "topology set up (netns clat, veth jool/world, PLAT)" topo ||
	ksft_exit
check "apply the guide's config (docs/guides/examples/clat.json)" \
	dcx "$CLAT" apply "$CFG" || ksft_exit
check "pool6 $NAT64/96 (the NAT64 prefix)" bash -c \
	"'$dcx_cli' -j -n '$CLAT' -i default pool6 show |
	 jq -e '.pool6 == \"$NAT64/96\"'"
check "eamt 192.0.0.2 $CLAT6" bash -c \
	"'$dcx_cli' -n '$CLAT' -i default eamt show |
	 grep -qx '192.0.0.2/32 $CLAT6/128'"
check "the instance shows rfc6791v4 192.0.0.8" bash -c \
	"'$dcx_cli' -n '$CLAT' -i default global show | grep -F 192.0.0.8"
dmesg_mark

# --- ping and what the PLAT sees -------------------------------------------

tcpdump_start "$PLAT" dn "$TMPD/plat.pcap" icmp6 ||
	ksft_not_ok "tcpdump on the PLAT starts"
check "ping $SRV4 from the VM through the CLAT" ping_n "$HOST" -4 "$SRV4" 56
check "the PLAT sees echo requests from $CLAT6 to the NAT64 address" \
	pcap_wait "$TMPD/plat.pcap" \
	"IP6 2001:db8:173:0:1::1 > 2001:db8:2b::1:c633:6407: ICMP6, echo request"
tcpdump_stop
check "counters xlat-4to6 and xlat-6to4 moved" bash -c \
	"[ \$('$dcx_cli' -j -n '$CLAT' stats show | jq '.\"xlat-4to6\" > 2 and .\"xlat-6to4\" > 2') = true ]"

# --- large pings: replies come back fragmented ------------------------------

reasm_ping "ping -s 1400 $SRV4 (replies fragmented by the PLAT)" 3 \
	"$HOST" -4 "$SRV4" 1400
reasm_ping "ping -s 3000 $SRV4 (both ways fragmented)" 6 \
	"$HOST" -4 "$SRV4" 3000
reasm_ping "ping -s 1400 the VM's IPv4 from the PLAT (IPv6 -> CLAT)" 3 \
	"$PLAT" -6 "$CLAT6" 1400 -I "$SRV6"
reasm_ping "ping -s 3000 the VM's IPv4 from the PLAT" 6 \
	"$PLAT" -6 "$CLAT6" 3000 -I "$SRV6"

# --- TCP ------------------------------------------------------------------

check "TCP 2 MB VM -> $SRV4:80 (PLAT listens on the NAT64 address)" \
	dcx_tcp_sha up "$PLAT" "$SRV6" "$HOST" "$SRV4" 80
check "TCP 2 MB PLAT -> 192.0.0.2 through $CLAT6" \
	dcx_tcp_sha down "$HOST" 192.0.0.2 "$PLAT" "$CLAT6" 8080

# --- RFC 6791: an IPv6 router on the path ----------------------------------

ip netns exec "$HOST" traceroute -4 -n -q 1 -w 3 -m 4 "$SRV4" \
	>"$TMPD/trace.out" 2>&1
check "traceroute $SRV4: hop 1 is the CLAT (192.0.0.1)" trace_has_hop 1 192.0.0.1
check "traceroute $SRV4: the VM's IPv6 hop shows as 192.0.0.8 (RFC 6791)" \
	trace_has_hop 2 192.0.0.8
check "traceroute $SRV4: hop 3 is the server" trace_has_hop 3 "$SRV4"
[ "$ksft_nfail" -gt 0 ] && diag "$(cat "$TMPD/trace.out")"
check "kernel log clean" dmesg_clean

ksft_exit
