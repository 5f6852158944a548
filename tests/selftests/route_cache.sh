#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The per-CPU route memo of kmod/route.c follows every change: after
# traffic has filled it, a route added in front of a cached one, its
# removal, and a local IPv4 address appearing on a translated destination
# must take effect on the very next packets (a stale memo would keep
# sending the old way). Topology: dcx_topo_basic (see basic_xlat.sh):
# ns6 (2001:db8:64::192.0.2.6) -- xlat (pool6 2001:db8:64::/96) -- ns4
# (198.51.100.2).

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

trap 'cleanup_all_ns; cleanup_tmp' EXIT

require_root
require_cmd ip ping
dcx_require_built

# pings NS DST SECS: three echo requests, all answered within SECS.
pings() {
	ip netns exec "$1" ping -n -c 3 -i 0.2 -w "$3" "$2"
}

# counter_same NAME BEFORE: it did not move.
counter_same() {
	local now
	now=$(dcx_stat "$XLAT" default "$1") || return 1
	echo "$1: $2 -> $now (want unchanged)"
	[ "$now" -eq "$2" ]
}

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology set up" dcx_topo_basic || ksft_exit
check "instance add default" dcx "$XLAT" instance add default || ksft_exit
check "pool6 set" dcx "$XLAT" -i default pool6 set "$DCX_PFX/96"

# --- IPv4 output routes (6 -> 4) -------------------------------------------

check "ping ns6 -> ns4 fills the IPv4 route memo" pings "$NS6" "$DCX_H4_6" 10
nr=$(dcx_stat "$XLAT" default no-route)
ip -n "$XLAT" route add prohibit "$DCX_H4/32"
check_fail "a prohibit route for 198.51.100.2 added: no more echo" \
	pings "$NS6" "$DCX_H4_6" 2
check "counter no-route counts them" \
	dcx_counter_moved "$XLAT" default no-route "$nr" 3
ip -n "$XLAT" route del prohibit "$DCX_H4/32"
check "prohibit route deleted: echo again" pings "$NS6" "$DCX_H4_6" 10

# --- IPv6 output routes (4 -> 6) -------------------------------------------

check "ping ns4 -> ns6 fills the IPv6 route memo" pings "$NS4" "$DCX_H6_4" 10
nr=$(dcx_stat "$XLAT" default no-route)
ip -n "$XLAT" -6 route add prohibit "$DCX_H6/128"
check_fail "a prohibit route for ${DCX_H6} added: no more echo" \
	pings "$NS4" "$DCX_H6_4" 2
check "counter no-route counts them" \
	dcx_counter_moved "$XLAT" default no-route "$nr" 3
ip -n "$XLAT" -6 route del prohibit "$DCX_H6/128"
check "prohibit route deleted: echo again" pings "$NS4" "$DCX_H6_4" 10

# --- the "for the box itself" check (4 -> 6) -------------------------------

# 192.0.2.6 was translated a moment ago (remembered as routed on); as an
# address of the translator it is the stack's: answered there, untranslated.
ip -n "$XLAT" addr add "$DCX_H6_4/32" dev lo
x46=$(dcx_stat "$XLAT" default xlat-4to6)
p4=$(dcx_stat "$XLAT" default pass-4)
check "192.0.2.6 on xlat's lo: ping ns4 -> 192.0.2.6 answered by xlat" \
	pings "$NS4" "$DCX_H6_4" 10
check "counter xlat-4to6 did not move" counter_same xlat-4to6 "$x46"
check "counter pass-4 counts the echo requests" \
	dcx_counter_moved "$XLAT" default pass-4 "$p4" 3
ip -n "$XLAT" addr del "$DCX_H6_4/32" dev lo
check "address deleted: ping ns4 -> 192.0.2.6 translated again" \
	pings "$NS4" "$DCX_H6_4" 10
check "counter xlat-4to6 counts them" \
	dcx_counter_moved "$XLAT" default xlat-4to6 "$x46" 3

ksft_exit
