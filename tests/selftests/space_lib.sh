#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the address-space selftests (space_*.sh), sourced after lib.sh.
#
# The seed's picture (seeds/000): two compute hosts joined by an IPv6-only
# routed core; on each host tenant A's and tenant B's VMs use the same
# IPv4 addresses. A VM is a netns whose eth0 is a veth, the host end of it
# plays the TAP; each tenant's TAPs are slaves of the tenant's VRF.
#
#            vmA1 10.10.0.2      vmB1 10.10.0.2     vmA2 10.10.0.3      vmB2 10.10.0.3
#               |  tap-a             |  tap-b          |  tap-a            |  tap-b
#          +----+--------------------+----+       +----+-------------------+----+
#          | h1  vrf-a (table 10)  vrf-b  |       | h2  vrf-a (table 10)  vrf-b |
#          |     dcxlat: A = ID 0x23, B = 0x24    |     (table 20)              |
#          |  uplink 2001:db8:c1::2/64        |       |  uplink 2001:db8:c2::2/64       |
#          +-------------+----------------+       +-------------+---------------+
#                        |          +------------------+        |
#                        +----------| r (IPv6 only)    |--------+
#                          r1 ::1   |  per-VM /128     |  r2 ::1
#                                   +------------------+
#
# Space prefixes: base 2001:db8:a41::/48 + ID, so A's 10.10.0.2 is
# 2001:db8:a41:23::a0a:2 and B's is 2001:db8:a41:24::a0a:2 on the core.
# The VMs use /32 addresses and a link-local style gateway 169.254.1.1 on
# their TAP (the Calico layout the seed describes).

# shellcheck disable=SC2034
SP_BASE=2001:db8:a41::
SP_ID_A=0x23
SP_ID_B=0x24
SP_PFX_A=2001:db8:a41:23::
SP_PFX_B=2001:db8:a41:24::
SP_INST=dc

ifindex_of() {
	ip -n "$1" -j link show dev "$2" | jq -r '.[0].ifindex'
}

# sp_space_add NS NAME ID VRF [PREFIX]: without PREFIX, space-base + ID.
sp_space_add() {
	local ns=$1 name=$2 id=$3 vrf=$4 pfx=${5:-}
	dcx "$ns" -i "$SP_INST" space add "$name" id "$id" \
		${pfx:+prefix "$pfx"} vrf "$vrf"
}

sp_space_del() {
	dcx "$1" -i "$SP_INST" space del "$2"
}

# sp_bind NS SPACE DEV [PREFIX4] / sp_unbind NS SPACE DEV [PREFIX4]
sp_bind() {
	dcx "$1" -i "$SP_INST" space bind "$2" dev "$3" ${4:+prefix4 "$4"}
}

sp_unbind() {
	dcx "$1" -i "$SP_INST" space unbind "$2" dev "$3" ${4:+prefix4 "$4"}
}

# sp_space_json NS NAME: the space as JSON (name, id, prefix, stats, ...)
sp_space_json() {
	dcx "$1" -j -i "$SP_INST" space show "$2"
}

# sp_stat NS SPACE COUNTER: one per-space counter (0 when absent).
sp_stat() {
	sp_space_json "$1" "$2" | jq -r --arg c "$3" '.stats[$c] // 0'
}

# sp_vm HOST VM TAP VRF ADDR: a VM netns on HOST behind TAP (in VRF).
sp_vm() {
	local host=$1 var=$2 tap=$3 vrf=$4 addr=$5 vm
	setup_ns "$var" || return 1
	vm=${!var}
	veth_pair "$vm" eth0 "$host" "$tap" || return 1
	ip -n "$vm" addr add "$addr/32" dev eth0 &&
	ip -n "$vm" route add 169.254.1.1 dev eth0 &&
	ip -n "$vm" route add default via 169.254.1.1 dev eth0 || return 1
	ip -n "$host" link set "$tap" master "$vrf" &&
	ip -n "$host" addr add 169.254.1.1/32 dev "$tap" &&
	ip -n "$host" route add "$addr/32" dev "$tap" \
		table "$(vrf_table "$host" "$vrf")"
}

vrf_table() {
	ip -n "$1" -d -j link show dev "$2" |
		jq -r '.[0].linkinfo.info_data.table'
}

# sp_host VAR UPLINK_NET: a compute host with vrf-a and vrf-b.
sp_host() {
	local var=$1 h
	setup_ns "$var" || return 1
	h=${!var}
	ip netns exec "$h" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1
	ip -n "$h" link add vrf-a type vrf table 10 &&
	ip -n "$h" link add vrf-b type vrf table 20 &&
	ip -n "$h" link set vrf-a up &&
	ip -n "$h" link set vrf-b up
}

# sp_topo_seed: H1 H2 R, VMA1 VMB1 (10.10.0.2) on H1, VMA2 VMB2
# (10.10.0.3) on H2; core routes for every VM's two IPv6 addresses.
sp_topo_seed() {
	sp_host H1 && sp_host H2 && setup_ns R || return 1
	ip netns exec "$R" sysctl -qw net.ipv6.conf.all.forwarding=1 ||
		return 1
	veth_pair "$H1" uplink "$R" r1 && veth_pair "$H2" uplink "$R" r2 || return 1
	ip -n "$H1" addr add 2001:db8:c1::2/64 dev uplink nodad &&
	ip -n "$H2" addr add 2001:db8:c2::2/64 dev uplink nodad &&
	ip -n "$R" addr add 2001:db8:c1::1/64 dev r1 nodad &&
	ip -n "$R" addr add 2001:db8:c2::1/64 dev r2 nodad &&
	ip -n "$H1" -6 route add default via 2001:db8:c1::1 &&
	ip -n "$H2" -6 route add default via 2001:db8:c2::1 || return 1
	# What BGP would announce: each VM's translated addresses.
	local p
	for p in "$SP_PFX_A" "$SP_PFX_B"; do
		ip -n "$R" -6 route add "${p}a0a:2/128" via 2001:db8:c1::2 &&
		ip -n "$R" -6 route add "${p}a0a:3/128" via 2001:db8:c2::2 ||
			return 1
	done
	sp_vm "$H1" VMA1 tap-a vrf-a 10.10.0.2 &&
	sp_vm "$H1" VMB1 tap-b vrf-b 10.10.0.2 &&
	sp_vm "$H2" VMA2 tap-a vrf-a 10.10.0.3 &&
	sp_vm "$H2" VMB2 tap-b vrf-b 10.10.0.3
}

# sp_dcx_seed HOST: instance dc, space-base 2001:db8:a41::/48, spaces A
# (ID 0x23, vrf-a) and B (ID 0x24, vrf-b); A bound through its VRF (all
# its TAPs), B through the TAP itself.
sp_dcx_seed() {
	local h=$1
	dcx "$h" instance add "$SP_INST" &&
	dcx "$h" -i "$SP_INST" global set space-base "$SP_BASE/48" &&
	sp_space_add "$h" A "$SP_ID_A" vrf-a &&
	sp_space_add "$h" B "$SP_ID_B" vrf-b &&
	sp_bind "$h" A vrf-a &&
	sp_bind "$h" B tap-b
}

# vm_ping VM DST PATTERN COUNT: pings with a payload pattern (so replies
# can be told apart in captures); 0 when every reply came.
vm_ping() {
	ip netns exec "$1" ping -4 -n -q -c "$4" -i 0.2 -W 5 -p "$3" "$2"
}

# pcap_count FILE FILTER: packets of a capture matching a pcap filter.
pcap_count() {
	tcpdump -n -r "$1" "$2" 2>/dev/null | wc -l
}
