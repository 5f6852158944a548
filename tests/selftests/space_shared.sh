#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Address spaces beyond full isolation (seeds/000, issue 4), on the seed's
# picture of space_lib.sh plus:
#
#  - a shared space S (ID 0x99, 2001:db8:a41:99::/96) with a service VM
#    vmS2 10.20.0.5 on host 2 (tap-s in vrf-s); on host 1 tenant A's TAP
#    is bound to S for destinations in 10.20.0.0/16 (and to A through
#    vrf-a for everything else); S's routing domain on host 1 is vrf-s,
#    whose table leads to A's TAP. Tenant B is not bound to S.
#  - an IPv6-only client c behind the core with one address in A's and
#    one in B's space (192.0.2.100 in each), reaching A's and B's 10.10.0.2
#    by their two IPv6 addresses.
#  - configuration churn (spaces and bindings added and removed on both
#    hosts) while A's traffic flows: nothing of it is lost.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/space_lib.sh"

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping socat tcpdump jq sha256sum
dcx_require_built

SP_PFX_S=2001:db8:a41:99::
C_A=${SP_PFX_A}c000:264	# 192.0.2.100 in space A
C_B=${SP_PFX_B}c000:264	# 192.0.2.100 in space B

topo_shared() {
	ip -n "$H2" link add vrf-s type vrf table 30 &&
	ip -n "$H2" link set vrf-s up &&
	sp_vm "$H2" VMS2 tap-s vrf-s 10.20.0.5 || return 1
	# S on host 1: its table reaches tenant A's TAP (route leaking).
	ip -n "$H1" link add vrf-s type vrf table 30 &&
	ip -n "$H1" link set vrf-s up &&
	ip -n "$H1" route add 10.10.0.2/32 dev tap-a table 30 || return 1
	ip -n "$R" -6 route add "${SP_PFX_S}a0a:2/128" via 2001:db8:c1::2 &&
	ip -n "$R" -6 route add "${SP_PFX_S}a14:5/128" via 2001:db8:c2::2 ||
		return 1
	# The IPv6-only client.
	setup_ns C || return 1
	veth_pair "$C" eth0 "$R" r3 &&
	ip -n "$R" addr add 2001:db8:c3::1/64 dev r3 nodad &&
	ip -n "$C" addr add 2001:db8:c3::2/64 dev eth0 nodad &&
	ip -n "$C" addr add "$C_A/128" dev lo nodad &&
	ip -n "$C" addr add "$C_B/128" dev lo nodad &&
	ip -n "$C" -6 route add default via 2001:db8:c3::1 &&
	ip -n "$R" -6 route add "$C_A/128" via 2001:db8:c3::2 &&
	ip -n "$R" -6 route add "$C_B/128" via 2001:db8:c3::2
}

dcx_shared() {
	sp_space_add "$H1" S 0x99 vrf-s &&
	sp_space_add "$H2" S 0x99 vrf-s &&
	sp_bind "$H1" S tap-a 10.20.0.0/16 &&
	sp_bind "$H2" S vrf-s
}

ping6_from() {
	ip netns exec "$C" ping -6 -n -q -c "$4" -i 0.2 -W 5 -p "$3" \
		-I "$1" "$2"
}

# --- setup -----------------------------------------------------------------

check "dcxlat module loads" dcx_load_module || ksft_exit
check "seed topology" sp_topo_seed || ksft_exit
check "shared service VM, vrf-s on both hosts, IPv6-only client" \
	topo_shared || ksft_exit
check "spaces A and B on both hosts" sp_dcx_seed "$H1" || ksft_exit
check "spaces A and B on host 2" sp_dcx_seed "$H2" || ksft_exit
check "shared space S; A's TAP bound to S for 10.20.0.0/16" dcx_shared ||
	ksft_exit

s_bound() {
	sp_space_json "$H1" S | jq -e '.prefix == "2001:db8:a41:99::/96" and
		.bindings[0].dev == "tap-a" and
		.bindings[0].prefix4 == "10.20.0.0/16"'
}
check "space show S: prefix from the base, the prefix4 binding" s_bound

# --- a private and a shared space at once ----------------------------------

tcpdump_start "$VMS2" eth0 "$TMPD/s2.pcap" icmp || ksft_bail "tcpdump"
tcpdump_start "$R" r1 "$TMPD/core.pcap" ip6 || ksft_bail "tcpdump core"
check "A1 reaches its private peer A2 (10.10.0.3, space A)" \
	vm_ping "$VMA1" 10.10.0.3 aa 3
check "A1 reaches the shared service 10.20.0.5 (space S)" \
	vm_ping "$VMA1" 10.20.0.5 a5 5
check_fail "B1 does not reach 10.20.0.5: B is not bound to S" \
	vm_ping "$VMB1" 10.20.0.5 b5 2
sleep 0.5
stop_bg
shared_seen() {
	local from_a from_b
	from_a=$(pcap_count "$TMPD/s2.pcap" \
		"src 10.10.0.2 and icmp[icmptype] == icmp-echo and icmp[32] == 0xa5")
	from_b=$(pcap_count "$TMPD/s2.pcap" "icmp[32] == 0xb5")
	echo "vmS2: $from_a requests of A1, $from_b of B1"
	[ "$from_a" -eq 5 ] && [ "$from_b" -eq 0 ]
}
check "vmS2 got A1's 5 requests and none of B1's" shared_seen
check "on the core A1's shared traffic uses S's ID (0x99)" \
	test "$(pcap_count "$TMPD/core.pcap" \
		"src ${SP_PFX_S}a0a:2 and dst ${SP_PFX_S}a14:5")" -ge 5
check "S counted A1's requests on host 1 (xlat-4to6)" \
	test "$(sp_stat "$H1" S xlat-4to6)" -ge 5

# --- an IPv6-only client reaches both 10.10.0.2 ----------------------------

tcpdump_start "$VMA1" eth0 "$TMPD/a1.pcap" icmp || ksft_bail "tcpdump"
tcpdump_start "$VMB1" eth0 "$TMPD/b1.pcap" icmp || ksft_bail "tcpdump"
check "client pings A's 10.10.0.2 as ${SP_PFX_A}10.10.0.2" \
	ping6_from "$C_A" "${SP_PFX_A}a0a:2" ca 4
check "client pings B's 10.10.0.2 as ${SP_PFX_B}10.10.0.2" \
	ping6_from "$C_B" "${SP_PFX_B}a0a:2" cb 4
sleep 0.5
stop_bg
each_own() {
	local a_own a_other b_own b_other f='icmp[icmptype] == icmp-echo'
	a_own=$(pcap_count "$TMPD/a1.pcap" "src 192.0.2.100 and $f and icmp[32] == 0xca")
	a_other=$(pcap_count "$TMPD/a1.pcap" "icmp[32] == 0xcb")
	b_own=$(pcap_count "$TMPD/b1.pcap" "src 192.0.2.100 and $f and icmp[32] == 0xcb")
	b_other=$(pcap_count "$TMPD/b1.pcap" "icmp[32] == 0xca")
	echo "vmA1: $a_own own, $a_other for B; vmB1: $b_own own, $b_other for A"
	[ "$a_own" -eq 4 ] && [ "$b_own" -eq 4 ] && [ "$a_other" -eq 0 ] &&
		[ "$b_other" -eq 0 ]
}
check "each VM got exactly the client's requests for its own address" \
	each_own
check_fail "client's B address to A's 10.10.0.2 (cross-space) fails" \
	ping6_from "$C_B" "${SP_PFX_A}a0a:2" cb 2

# --- configuration churn while A's traffic flows ---------------------------

churn() {
	local i h
	for i in $(seq 1 15); do
		for h in "$H1" "$H2"; do
			dcx "$h" -i "$SP_INST" space add C id 0x25 || return 1
			sp_bind "$h" C tap-b 10.30.0.0/16 || return 1
			sp_bind "$h" A tap-a 10.99.0.0/16 || return 1
			sp_unbind "$h" B tap-b || return 1
			sp_bind "$h" B tap-b || return 1
			sp_unbind "$h" A tap-a 10.99.0.0/16 || return 1
			dcx "$h" -i "$SP_INST" space set C prefix \
				2001:db8:a41:77::/96 || return 1
			sp_space_del "$h" C || return 1
		done
	done
	echo "$i rounds of 8 changes on 2 hosts"
}

ip netns exec "$VMA1" ping -4 -n -c 150 -i 0.05 -W 5 -p ab 10.10.0.3 \
	>"$TMPD/churn.ping" 2>&1 &
PING_PID=$!
head -c 4194304 /dev/urandom >"$TMPD/churn.send"
run_bg ip netns exec "$VMA2" socat -u \
	"TCP4-LISTEN:5003,bind=10.10.0.3,reuseaddr" "CREATE:$TMPD/churn.recv"
LISTEN_PID=$BG_PID
slowwait 20 tcp_listening "$VMA2" 5003
ip netns exec "$VMA1" timeout 120 socat -u "OPEN:$TMPD/churn.send" \
	"TCP4:10.10.0.3:5003,connect-timeout=10" &
SEND_PID=$!
check "spaces and bindings churn on both hosts meanwhile" churn
wait "$SEND_PID"
send_rc=$?
wait_pid 60 "$LISTEN_PID"
wait "$PING_PID"
ping_rc=$?
diag "$(tail -n 2 "$TMPD/churn.ping")"
check "A's ping through the churn: 150 sent, 150 received" \
	grep -q "150 packets transmitted, 150 received" "$TMPD/churn.ping"
check "A's 4 MB TCP through the churn: sha256 equal" bash -c \
	"[ $send_rc -eq 0 ] && [ \"\$(sha256sum <'$TMPD/churn.send')\" = \
	\"\$(sha256sum <'$TMPD/churn.recv')\" ]"
check "B works after the churn" vm_ping "$VMB1" 10.10.0.3 bb 3

# --- the whole configuration through show | apply (a transaction) ---------

roundtrip() {
	dcx "$H1" -i "$SP_INST" show >"$TMPD/h1.json" &&
	dcx "$H1" -i "$SP_INST" apply "$TMPD/h1.json" &&
	dcx "$H1" -i "$SP_INST" show >"$TMPD/h1b.json" &&
	cmp "$TMPD/h1.json" "$TMPD/h1b.json" &&
	jq -e '[.spaces[] | .name] == ["A", "B", "S"] and
		([.spaces[] | select(.name == "S") | .bindings[0].prefix4][0]
		 == "10.20.0.0/16")' "$TMPD/h1.json"
}
check "host 1: show | apply round trip keeps spaces and bindings" roundtrip
check "after apply: A1 -> A2, B1 -> B2, A1 -> shared S" bash -c \
	"$(declare -f vm_ping); vm_ping '$VMA1' 10.10.0.3 aa 2 &&
	 vm_ping '$VMB1' 10.10.0.3 bb 2 && vm_ping '$VMA1' 10.20.0.5 a5 2"
check_fail "space C is gone on both hosts" \
	sp_space_json "$H1" C

ksft_exit
