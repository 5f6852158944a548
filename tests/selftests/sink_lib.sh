#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The counting topology of churn.sh and failslab.sh, sourced after lib.sh:
#
#   NS6 v6 2001:db8:6::2 --- x6 XLAT x4 --- v4 198.51.100.2/24 NS4
#       (2001:db8:e6::/64 routed to NS6)
#
# The ends only count: what reaches v6 or v4 is dropped at ingress (a tc
# u32 filter matching all: the debug kernel has no cls_matchall) and
# shows in rx_packets; they answer nothing, so XLAT has static
# neighbours for them (no ARP/ND during a measurement). Forwarding
# is on in XLAT; the translator instance is left to the caller.

# sink_topo: sets NS6, XLAT, NS4.
sink_topo() {
	local m
	setup_ns NS6 XLAT NS4 || return 1
	veth_pair "$NS6" v6 "$XLAT" x6 && veth_pair "$XLAT" x4 "$NS4" v4 ||
		return 1
	ip -n "$NS6" addr add 2001:db8:6::2/64 dev v6 nodad &&
	ip -n "$NS4" addr add 198.51.100.2/24 dev v4 &&
	ip netns exec "$XLAT" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 &&
	ip -n "$XLAT" addr add 2001:db8:6::1/64 dev x6 nodad &&
	ip -n "$XLAT" addr add 198.51.100.1/24 dev x4 &&
	ip -n "$XLAT" -6 route add 2001:db8:e6::/64 via 2001:db8:6::2 ||
		return 1
	m=$(ip -n "$NS6" -br link show v6 | awk '{print $3}')
	ip -n "$XLAT" neigh replace 2001:db8:6::2 lladdr "$m" dev x6 \
		nud permanent || return 1
	m=$(ip -n "$NS4" -br link show v4 | awk '{print $3}')
	ip -n "$XLAT" neigh replace 198.51.100.2 lladdr "$m" dev x4 \
		nud permanent || return 1
	tc -n "$NS6" qdisc add dev v6 ingress &&
	tc -n "$NS6" filter add dev v6 ingress protocol all u32 \
		match u32 0 0 action drop &&
	tc -n "$NS4" qdisc add dev v4 ingress &&
	tc -n "$NS4" filter add dev v4 ingress protocol all u32 \
		match u32 0 0 action drop
}

# tun_ready: /dev/net/tun exists (tun may be a module not loaded yet).
tun_ready() {
	modprobe tun 2>/dev/null
	[ -c /dev/net/tun ] ||
		{ mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }
}
