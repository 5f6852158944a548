#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Address spaces, the seed's picture (seeds/000, issue 4): two compute
# hosts, an IPv6-only routed core, tenants A and B both using 10.10.0.2
# and 10.10.0.3. Picture and addressing: space_lib.sh.
#
# Checks: A talks to A and B to B at the same time (ping, TCP bytes
# intact); the core carries only IPv6, with the space ID in the address;
# no packet of A reaches B (captures on B's VMs and B's counters during A's
# traffic); the two local VMs with the same address each get only their
# own replies; cross-space sources are refused; unbinding a TAP stops its
# translation; a deleted VRF leaves its space waiting for it, routing
# nowhere (dropped, counted vrf-waiting), and a VRF of that name and
# table made again is taken at once.
#
# Both hosts load the operator guide's file, docs/guides/examples/
# hypervisor.json (docs/guides/hypervisor.md), and host 1's "space show"
# must print the sample of docs/spaces.md.

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

CFG=$DCX_REPO/docs/guides/examples/hypervisor.json
SPACES_MD=$DCX_REPO/docs/spaces.md

# doc_sample FILE NAME: the lines of the fenced block after the marker
# "<!-- sample: NAME -->" in FILE, without its "$ command" line.
doc_sample() {
	awk -v m="<!-- sample: $2 " 'index($0, m) == 1 { f = 1; next }
		f && /^```/ { if (in_b) exit; in_b = 1; next }
		in_b && !/^\$ / { print }' "$1"
}

# same_as_doc HOST: host's "space show" is docs/spaces.md's sample.
same_as_doc() {
	local want got
	want=$(doc_sample "$SPACES_MD" "space show") || return 1
	got=$(dcx "$1" -i "$SP_INST" space show) || return 1
	[ -n "$want" ] || { echo "no sample in $SPACES_MD"; return 1; }
	[ "$got" = "$want" ] && return 0
	diff <(echo "$want") <(echo "$got")
	return 1
}

# tcp_send NAME LISTEN_VM ADDR CLIENT_VM PORT: 2 MB, sha256 compared.
tcp_send() {
	local name=$1 lvm=$2 addr=$3 cvm=$4 port=$5
	local src=$TMPD/$name.send dst=$TMPD/$name.recv pid
	head -c 2097152 /dev/urandom >"$src"
	run_bg ip netns exec "$lvm" socat -u \
		"TCP4-LISTEN:$port,bind=$addr,reuseaddr" "CREATE:$dst"
	pid=$BG_PID
	slowwait 20 tcp_listening "$lvm" "$port" || return 1
	ip netns exec "$cvm" timeout 120 socat -u "OPEN:$src" \
		"TCP4:$addr:$port,connect-timeout=10" || return 1
	wait_pid 60 "$pid" || return 1
	[ "$(sha256sum <"$src")" = "$(sha256sum <"$dst")" ]
}

both_tcp() {
	local pa pb ra=0 rb=0
	tcp_send tcpa "$VMA2" 10.10.0.3 "$VMA1" 5001 &
	pa=$!
	tcp_send tcpb "$VMB2" 10.10.0.3 "$VMB1" 5001 &
	pb=$!
	wait "$pa" || ra=1
	wait "$pb" || rb=1
	echo "A: $ra B: $rb (0 = sha256 equal)"
	[ "$ra" -eq 0 ] && [ "$rb" -eq 0 ]
}

both_ping() {
	local pa pb ra=0 rb=0
	vm_ping "$VMA1" 10.10.0.3 aa 10 &
	pa=$!
	vm_ping "$VMB1" 10.10.0.3 bb 10 &
	pb=$!
	wait "$pa" || ra=1
	wait "$pb" || rb=1
	echo "A: $ra B: $rb (0 = all replies)"
	[ "$ra" -eq 0 ] && [ "$rb" -eq 0 ]
}

# replies_with NAME FILE BYTE: echo replies whose payload is BYTE (the
# ping pattern: ICMP data byte 24 is past the timestamp).
replies_with() {
	pcap_count "$1" "icmp[icmptype] == icmp-echoreply and icmp[32] == $2"
}

own_replies_only() {
	local a_own a_other b_own b_other
	a_own=$(replies_with "$TMPD/vma1.pcap" 0xaa)
	a_other=$(replies_with "$TMPD/vma1.pcap" 0xbb)
	b_own=$(replies_with "$TMPD/vmb1.pcap" 0xbb)
	b_other=$(replies_with "$TMPD/vmb1.pcap" 0xaa)
	echo "vmA1: $a_own own, $a_other of B; vmB1: $b_own own, $b_other of A"
	[ "$a_own" -ge 10 ] && [ "$b_own" -ge 10 ] &&
		[ "$a_other" -eq 0 ] && [ "$b_other" -eq 0 ]
}

core_ipv6_only() {
	local v4 a b
	v4=$(pcap_count "$TMPD/core.pcap" "ip")
	a=$(pcap_count "$TMPD/core.pcap" \
		"ip6 src ${SP_PFX_A}a0a:2 and dst ${SP_PFX_A}a0a:3")
	b=$(pcap_count "$TMPD/core.pcap" \
		"ip6 src ${SP_PFX_B}a0a:2 and dst ${SP_PFX_B}a0a:3")
	echo "core: $v4 IPv4 packets, $a A (ID 23), $b B (ID 24) requests"
	[ "$v4" -eq 0 ] && [ "$a" -ge 10 ] && [ "$b" -ge 10 ]
}

refused_with() {
	local want=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "succeeded: $*"
		return 1
	fi
	echo "$out"
	grep -q -- "$want" <<<"$out"
}

# --- setup -----------------------------------------------------------------

check "dcxlat module loads" dcx_load_module || ksft_exit
check "seed topology: 2 hosts, IPv6 core, 4 VMs" sp_topo_seed || ksft_exit
check "host 1: instance, spaces A and B, bindings (the guide's file)" \
	dcx "$H1" apply "$CFG" || ksft_exit
check "host 2: instance, spaces A and B, bindings (the guide's file)" \
	dcx "$H2" apply "$CFG" || ksft_exit
check "host 1's space show is docs/spaces.md's sample" same_as_doc "$H1"
space_a_shows() {
	sp_space_json "$H1" A | jq -e '.id == 35 and
		.prefix == "2001:db8:a41:23::/96" and .vrf == "vrf-a" and
		.bindings[0].dev == "vrf-a"'
}
check "space A: ID 0x23, base + ID = 2001:db8:a41:23::/96, vrf-a" \
	space_a_shows

# --- A with A, B with B, at the same time ----------------------------------

tcpdump_start "$R" r1 "$TMPD/core.pcap" || ksft_bail "tcpdump on the core"
tcpdump_start "$VMA1" eth0 "$TMPD/vma1.pcap" icmp ||
	ksft_bail "tcpdump in vmA1"
tcpdump_start "$VMB1" eth0 "$TMPD/vmb1.pcap" icmp ||
	ksft_bail "tcpdump in vmB1"
check "ping A1 -> A2 and B1 -> B2 (both 10.10.0.2 -> 10.10.0.3) together" \
	both_ping
sleep 1
kill "$TCPDUMP_PID"
stop_bg
check "the core carries IPv6 only, with space IDs 23 and 24" core_ipv6_only
check "same address, two tenants, one host: each VM gets its own replies" \
	own_replies_only
check "TCP 2 MB A1 -> A2 and B1 -> B2 together, sha256 equal" both_tcp
stop_bg

# --- no packet of A ever reaches B -----------------------------------------

b_before=$(sp_stat "$H2" B xlat-6to4)
tcpdump_start "$VMB1" eth0 "$TMPD/b1.pcap" ip || ksft_bail "tcpdump vmB1"
B1_PID=$TCPDUMP_PID
tcpdump_start "$VMB2" eth0 "$TMPD/b2.pcap" ip || ksft_bail "tcpdump vmB2"
check "A's traffic alone: ping A1 -> A2" vm_ping "$VMA1" 10.10.0.3 aa 10
check "A's traffic alone: TCP A1 -> A2" tcp_send tcpa2 "$VMA2" 10.10.0.3 \
	"$VMA1" 5002
sleep 1
stop_bg
check "B's VMs saw no IPv4 packet during A's traffic (captures)" bash -c \
	"n1=\$(tcpdump -n -r '$TMPD/b1.pcap' 2>/dev/null | wc -l);
	 n2=\$(tcpdump -n -r '$TMPD/b2.pcap' 2>/dev/null | wc -l);
	 echo \"vmB1 \$n1 vmB2 \$n2\"; [ \$n1 -eq 0 ] && [ \$n2 -eq 0 ]"
b_after=$(sp_stat "$H2" B xlat-6to4)
a_count=$(sp_stat "$H2" A xlat-6to4)
check "space B's counters did not move during A's traffic" \
	test "$b_before" -eq "$b_after" -a "$a_count" -gt 20
diag "host 2: A xlat-6to4 $a_count, B $b_before -> $b_after"

# --- cross-space sources are refused ---------------------------------------

stat_at_least() {
	[ "$(sp_stat "$1" "$2" "$3")" -ge "$4" ]
}

cross_refused() {
	local before after
	before=$(sp_stat "$H2" A cross-space)
	# B's 10.10.0.2 (ID 24) writing to A's 10.10.0.3 (ID 23).
	ip netns exec "$R" /usr/bin/python3 -c "
from scapy.all import IPv6, ICMPv6EchoRequest, Ether, sendp
sendp(Ether(dst='ff:ff:ff:ff:ff:ff')/IPv6(src='${SP_PFX_B}a0a:2',
      dst='${SP_PFX_A}a0a:3')/ICMPv6EchoRequest(), iface='r2',
      count=3, verbose=0)" || return 1
	slowwait 5 stat_at_least "$H2" A cross-space $((before + 3)) ||
		return 1
	after=$(sp_stat "$H2" A cross-space)
	echo "cross-space $before -> $after"
}
tcpdump_start "$VMA2" eth0 "$TMPD/a2x.pcap" icmp || ksft_bail "tcpdump"
check "IPv6 from B's space to A's address: dropped, cross-space counted" \
	cross_refused
sleep 0.5
stop_bg
check "vmA2 received none of it" test "$(pcap_count "$TMPD/a2x.pcap" \
	'icmp')" -eq 0

# --- unbinding and a VRF that disappears -----------------------------------

check "unbind B's TAP on host 1" sp_unbind "$H1" B tap-b
check_fail "B1 -> B2 fails once B1's TAP is unbound" \
	vm_ping "$VMB1" 10.10.0.3 bb 2
check "A still works meanwhile" vm_ping "$VMA1" 10.10.0.3 aa 3
# Unbound interfaces: the default space (setting "unbound default") or
# left alone ("unbound pass").
check "pool6 2001:db8:64::/96 for the default space on host 1" \
	dcx "$H1" -i "$SP_INST" pool6 set 2001:db8:64::/96
tcpdump_start "$R" r1 "$TMPD/unb.pcap" ip6 || ksft_bail "tcpdump core"
vm_ping "$VMB1" 10.10.0.3 bb 2 >/dev/null
check "unbound default: B1's packets go out in the default space" \
	pcap_wait "$TMPD/unb.pcap" "IP6 2001:db8:64::a0a:2 > 2001:db8:64::a0a:3"
stop_bg
check "global set unbound pass" dcx "$H1" -i "$SP_INST" global set unbound pass
unb_before=$(dcx_stat "$H1" "$SP_INST" unbound-interface)
tcpdump_start "$R" r1 "$TMPD/unb2.pcap" ip6 || ksft_bail "tcpdump core"
vm_ping "$VMB1" 10.10.0.3 bb 2 >/dev/null
sleep 0.5
stop_bg
check "unbound pass: nothing of B1 reaches the core" \
	test "$(pcap_count "$TMPD/unb2.pcap" "src 2001:db8:64::a0a:2")" -eq 0
check "unbound pass: counted as unbound-interface" \
	test "$(dcx_stat "$H1" "$SP_INST" unbound-interface)" -ge \
	"$((unb_before + 2))"
check "A, bound, is not affected by unbound pass" \
	vm_ping "$VMA1" 10.10.0.3 aa 3
check "back to unbound default, pool6 flushed" bash -c \
	"'$dcx_cli' -n '$H1' -i '$SP_INST' global set unbound default &&
	 '$dcx_cli' -n '$H1' -i '$SP_INST' pool6 flush"
check "bind B's TAP again" sp_bind "$H1" B tap-b
check "B1 -> B2 works again" vm_ping "$VMB1" 10.10.0.3 bb 3
check "binding the same TAP again is refused, with why" \
	refused_with "tap-b: already bound for 0.0.0.0/0 to space B" \
	sp_bind "$H1" B tap-b
check "binding it to A as well is refused: one space per prefix" \
	refused_with "tap-b: already bound for 0.0.0.0/0 to space B" \
	sp_bind "$H1" A tap-b

# A bound interface that disappears: its binding waits for it again.
gone_binding() {
	ip -n "$H1" link add tmp0 type veth peer name tmp1 &&
	sp_bind "$H1" A tmp0 10.40.0.0/16 &&
	sp_space_json "$H1" A |
		jq -e '.bindings[] | select(.dev == "tmp0") | has("waiting") | not' &&
	ip -n "$H1" link del tmp0 &&
	sp_space_json "$H1" A | tee /dev/stderr |
		jq -e '.bindings | length == 2 and .[0].dev == "vrf-a" and
		       .[1].dev == "tmp0" and .[1].waiting == true' &&
	sp_unbind "$H1" A tmp0 10.40.0.0/16 &&
	sp_space_json "$H1" A | jq -e '.bindings | length == 1'
}
check "deleting a bound interface: its binding waits" gone_binding
check "a space on a device that is not a VRF is refused, with why" \
	refused_with "tap-a is not a VRF device" sp_space_add "$H1" C 0x25 tap-a
check "a prefix overlapping space A is refused, with why" \
	refused_with "overlaps the prefix of space A" \
	sp_space_add "$H1" C 0x25 vrf-a 2001:db8:a41:23::/96
check "a duplicate ID is refused, with why" \
	refused_with "ID 35 is taken by space A" sp_space_add "$H1" C 0x23 vrf-a
check "a table no VRF uses is refused, with why" \
	refused_with "no VRF device uses table 77" \
	dcx "$H1" -i "$SP_INST" space add C id 0x25 table 77
check "unbinding what is not bound is refused, with why" \
	refused_with "tap-b: not bound for 0.0.0.0/0 to space A" \
	sp_unbind "$H1" A tap-b
check "deleting vrf-b on host 2" ip -n "$H2" link del vrf-b
# Were B's packets routed in the main table now, this route would work.
ip -n "$H2" route add 10.10.0.3/32 dev tap-b
vw_before=$(sp_stat "$H2" B vrf-waiting)
check_fail "B1 -> B2 then goes nowhere (not into the main table)" \
	vm_ping "$VMB1" 10.10.0.3 bb 2
check "... dropped on host 2, counted as vrf-waiting in space B" \
	test "$(sp_stat "$H2" B vrf-waiting)" -ge "$((vw_before + 2))"
check "A is not affected" vm_ping "$VMA1" 10.10.0.3 aa 3
vrf_b_is() {
	sp_space_json "$H2" B | jq -e --argjson w "$1" '.vrf == "vrf-b" and
		.table == 20 and (.["vrf-waiting"] // false) == $w'
}
check "space B on host 2 waits for vrf-b (table 20)" vrf_b_is true
check "space show (text): vrf vrf-b waiting" bash -c \
	"'$dcx_cli' -n '$H2' -i '$SP_INST' space show B |
	 grep -E '^B .* table 20  vrf vrf-b waiting'"
# vrf-b made again (same table, tap-b enslaved again): B takes it at once.
remake_vrf_b() {
	ip -n "$H2" route del 10.10.0.3/32 dev tap-b &&
	ip -n "$H2" link add vrf-b type vrf table 20 &&
	ip -n "$H2" link set vrf-b up &&
	ip -n "$H2" link set tap-b master vrf-b &&
	ip -n "$H2" route add 10.10.0.3/32 dev tap-b table 20
}
check "vrf-b made again on host 2, tap-b in it" remake_vrf_b
check "space B on host 2 routes through vrf-b again" vrf_b_is false
check "B1 -> B2 works again, through the new vrf-b" \
	vm_ping "$VMB1" 10.10.0.3 bb 3
check "space del A on host 1" sp_space_del "$H1" A
check_fail "A1 -> A2 stops with space A gone" \
	vm_ping "$VMA1" 10.10.0.3 aa 2

ksft_exit
