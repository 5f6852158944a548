#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksft-timeout: 3600
#
# Kernel-side packet fuzz (issue 13 item 3): random and mutated packets
# through a translator with every feature on, injected from two taps with
# virtio-net headers (tests/pktfuzz/: scapy seeds, a C mutator/injector).
#
#   netns x: instance dc, role er + er-ingress-filter, hairpin, pool6
#   2001:db8:46::/96, EAM local / remote / hairpin (198.51.100.0/24),
#   space A (ID 35 under space-base 2001:db8:1::/80, vrf-a, its own EAM),
#   ndp-proxy on tap0, rfc6791v4/v6. tap0 (default space) and tap1 (slave
#   of vrf-a, so space A) get the packets; translated packets leave by
#   dummies d4 (MTU 1400) / d6 (MTU 1280) (d4a in vrf-a).
#
# Every packet is accounted for (nft counters at PREROUTING priority -500,
# before dcxlat's -460, and -440, after it, where the passed ones are
# dropped so the stack's later counters stay out of the sums):
#   E1 tap rx packets           == what pktfuzz wrote (and the tap took)
#   E2 tap rx packets           == reached PREROUTING (iif tap*) + the
#      stack's own drops before PREROUTING (nstat: Ip/Ip6 InHdrErrors,
#      InTruncatedPkts, InDiscards, InAddrErrors, InNoRoutes)
#   E3 reached PREROUTING (all) == sum of dcxlat's counters, each packet
#      counted once under one name, minus gso-segments (a cut GSO packet
#      counts once as gso-segmented and each segment again), leaving out
#      the annotations hairpinned, icmp-reassembled, output-error,
#      ndp-ignored (a packet so counted is counted under a final name too)
#   E4 passed to -440           == pass-4 + pass-6 + untranslatable-src6 +
#      special-v4-passed + unbound-interface
# plus: no kernel warning, no leak (skbuff_head_cache objects back to the
# baseline after the netns is gone; kmemleak on the debug kernel).
#
# DCX_PKTFUZZ_PACKETS (default 100000, 20000 on a KASAN kernel): packets; the
# long run is DCX_PKTFUZZ_PACKETS=2000000 (docs/testing.md). DCX_PKTFUZZ_SEED:
# the random seed (default: the time), printed to replay a run.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

# A KASAN kernel (the debug lane) is ten times slower: a tenth of them.
KASAN=0
kernel_has_kasan && KASAN=1
if [ "$KASAN" = 1 ]; then
	PACKETS=${DCX_PKTFUZZ_PACKETS:-20000}
else
	PACKETS=${DCX_PKTFUZZ_PACKETS:-100000}
fi
SEED=${DCX_PKTFUZZ_SEED:-$(date +%s)}
PF=$DCX_REPO/tests/pktfuzz
PFB=$PF/build
ANNOT='hairpinned icmp-reassembled output-error ndp-ignored gso-segments'
PASSED='pass-4 pass-6 untranslatable-src6 special-v4-passed unbound-interface'

# Nothing runs in the background: the netns and the scratch files go.
trap 'cleanup_all_ns; cleanup_tmp' EXIT

require_root
require_cmd ip nft jq nstat make cc
dcx_require_built

CFG='{
  "instance": "dc",
  "settings": { "role": "er", "er-ingress-filter": true, "hairpin": true,
    "space-base": "2001:db8:1::/80", "ndp-proxy": "tap0",
    "rfc6791v4": "192.0.0.8/32", "rfc6791v6": "2001:db8:ff::/64" },
  "pool6": "2001:db8:46::/96",
  "eamt": [ "192.0.2.1 2001:db8:a::", "192.0.2.2 2001:db8:b:: remote",
    "198.51.100.0/24 2001:db8:c::/120" ],
  "spaces": [
    { "name": "A", "id": 35, "vrf": "vrf-a",
      "bindings": [ { "dev": "vrf-a" } ],
      "eamt": [ "192.0.2.1 2001:db8:99::1" ] } ]
}'

# Counters in the rules (no named counters: the debug kernel has no
# nft_objref), told apart by their comments.
NFT='table inet pf {
	chain pre {
		type filter hook prerouting priority -500; policy accept;
		iifname "tap*" counter comment "pre_tap"
		counter comment "pre_all"
	}
	chain post {
		type filter hook prerouting priority -440; policy accept;
		counter drop comment "passed"
	}
}'

# The tun driver and its device node (the guest's /dev has only what was
# there at boot).
tun_ready() {
	modprobe tun 2>/dev/null
	[ -c /dev/net/tun ] && return 0
	mkdir -p /dev/net && mknod /dev/net/tun c 10 200
}

topo() {
	tun_ready && setup_ns X || return 1
	ip netns exec "$X" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 net.ipv4.ipfrag_time=2 || return 1
	ip -n "$X" link add d4 type dummy && ip -n "$X" link add d6 type dummy &&
	ip -n "$X" link add vrf-a type vrf table 10 &&
	ip -n "$X" link add d4a type dummy &&
	ip -n "$X" link set d4a master vrf-a || return 1
	ip -n "$X" tuntap add dev tap0 mode tap vnet_hdr &&
	ip -n "$X" tuntap add dev tap1 mode tap vnet_hdr &&
	ip -n "$X" link set tap1 master vrf-a || return 1
	local d
	for d in d4 d6 vrf-a d4a tap0 tap1; do
		ip -n "$X" link set "$d" up || return 1
	done
	# Small MTUs out: too-big, fragmenting the translated packets.
	ip -n "$X" link set d6 mtu 1280 && ip -n "$X" link set d4 mtu 1400 &&
	ip -n "$X" addr add 10.99.0.1/24 dev tap0 &&
	ip -n "$X" addr add 2001:db8:1::2/64 dev tap0 nodad &&
	ip -n "$X" addr add 169.254.1.1/32 dev tap1 &&
	ip -n "$X" route add default dev d4 &&
	ip -n "$X" -6 route add default dev d6 &&
	ip -n "$X" route add default dev d4a table 10 &&
	ip netns exec "$X" nft -f - <<<"$NFT"
}

dcx_setup() {
	echo "$CFG" >"$TMPD/cfg.json"
	dcx "$X" apply "$TMPD/cfg.json" &&
	dcx "$X" -i dc space show A | grep -q 2001:db8:1::23:0:0/96 &&
	# nf_defrag_ipv6 is loaded with dcxlat: its queues time out soon too.
	ip netns exec "$X" sysctl -qw net.netfilter.nf_conntrack_frag6_timeout=2
}

# snap FILE: every number the sums need, as "name value" lines.
snap() {
	{
		dcx "$X" -j -i dc stats show | jq -r 'to_entries[] |
			"dcx:\(.key) \(.value)"'
		ip netns exec "$X" nft -j list table inet pf | jq -r '
			.nftables[] | select(.rule) | .rule |
			"nft:\(.comment) \(.expr[] | select(.counter) |
			.counter.packets)"'
		ip -n "$X" -s -j link show | jq -r '.[] |
			select(.ifname | startswith("tap")) |
			"rx:\(.ifname) \(.stats64.rx.packets)"'
		ip netns exec "$X" nstat -asz | awk 'NF >= 2 && $1 !~ /^#/ {
			print "snmp:" $1, $2 }'
	} >"$1"
}

# delta NAME...: the growth of the named values from before to after.
delta() {
	awk -v want=" $* " '
		FNR == NR { a[$1] = $2; next }
		index(want, " " $1 " ") { s += $2 - a[$1] }
		END { print s + 0 }' "$TMPD/before" "$TMPD/after"
}

# delta_dcx_all: dcxlat's counters summed, the annotations left out.
delta_dcx_all() {
	awk -v skip=" $ANNOT " '
		FNR == NR { a[$1] = $2; next }
		$1 ~ /^dcx:/ && !index(skip, " " substr($1, 5) " ") {
			s += $2 - a[$1] }
		END { print s + 0 }' "$TMPD/before" "$TMPD/after"
}

# pre PREFIX NAME...: "PREFIX:NAME ..."
pre() {
	local p=$1 n out=
	shift
	for n in "$@"; do
		out+="$p:$n "
	done
	echo "$out"
}

equal() {	# DESC A B
	echo "$1: $2 vs $3"
	[ "$2" -eq "$3" ]
}

slab_skb() {
	awk '$1 == "skbuff_head_cache" { print $2 }' /proc/slabinfo
}

# What moved, for the log: every non-zero delta.
show_deltas() {
	awk 'FNR == NR { a[$1] = $2; next }
		$2 != a[$1] { printf "%s +%d\n", $1, $2 - a[$1] }' \
		"$TMPD/before" "$TMPD/after" | sort | tr '\n' ' ' | fold -s -w 76
}

check "the injector and seeds build (tests/pktfuzz)" \
	make -s -C "$PF" || ksft_exit
check "dcxlat module loads" dcx_load_module || ksft_exit
slab0=$(slab_skb)
check "translator with two taps, dummies, vrf-a, nft counters" topo ||
	ksft_exit
check "every feature configured (ER filter, hairpin, EAM, space A, ndp)" \
	dcx_setup || ksft_exit
dmesg_mark

snap "$TMPD/before"
diag "pktfuzz seed $SEED, $PACKETS packets (replay: DCX_PKTFUZZ_SEED=$SEED)"
t0=$(date +%s)
check "pktfuzz sends $PACKETS packets through both taps" \
	ip netns exec "$X" "$PFB/pktfuzz" -f "$PFB/seeds.bin" -i tap0,tap1 \
	-n "$PACKETS" -s "$SEED"
t1=$(date +%s)
diag "$(cat "$TMPD/check.out")"
# Queued fragments time out (2 s), their ICMP errors come and go.
sleep 3
snap "$TMPD/after"
diag "$((t1 - t0)) s; what moved:"
diag "$(show_deltas)"

sent=$(sed -n 's/^pktfuzz: sent \([0-9]*\) .*/\1/p' "$TMPD/check.out")
rx=$(delta rx:tap0 rx:tap1)
pre_tap=$(delta nft:pre_tap)
pre_all=$(delta nft:pre_all)
stack=$(delta "$(pre snmp IpInHdrErrors IpExtInTruncatedPkts IpInDiscards \
	IpInAddrErrors IpExtInNoRoutes Ip6InHdrErrors Ip6InTruncatedPkts \
	Ip6InDiscards Ip6InAddrErrors Ip6InNoRoutes)")
dcx_sum=$(( $(delta_dcx_all) - $(delta dcx:gso-segments) ))
check "E1: the taps received every packet pktfuzz wrote" \
	equal "tap rx / sent" "$rx" "${sent:--1}"
check "E2: tap rx = reached PREROUTING + the stack's own earlier drops" \
	equal "rx / pre_tap + stack ($pre_tap + $stack)" "$rx" \
	"$((pre_tap + stack))"
check "E3: every packet at the hook counted once by dcxlat" \
	equal "pre_all / dcxlat's counters" "$pre_all" "$dcx_sum"
check "E4: what dcxlat passed on = its pass counters" \
	equal "passed / pass counters" "$(delta nft:passed)" \
	"$(delta "$(pre dcx $PASSED)")"
check "the fuzz reached translation, hairpinning, GSO, reassembly, NDP" \
	bash -c "[ $(delta dcx:xlat-4to6) -gt 0 ] && [ $(delta dcx:xlat-6to4) -gt 0 ] &&
		[ $(delta dcx:hairpinned) -gt 0 ] && [ $(delta dcx:ndp-answered) -gt 0 ] &&
		[ $(delta dcx:fragment-held) -gt 0 ]"
check "kernel log clean" dmesg_clean

cleanup_ns "$X"
if [ "$KASAN" = 1 ]; then
	# Its quarantine keeps freed objects counted; kmemleak scans instead.
	ksft_skip_test "no skb leaked (slab count)" \
		"KASAN quarantine; the debug lane's kmemleak scan covers it"
	ksft_exit
fi
check "no skb leaked: skbuff_head_cache back near its baseline" \
	slowwait 30 bash -c "n=\$(awk '\$1 == \"skbuff_head_cache\" {print \$2}' \
		/proc/slabinfo); echo \"skbuff_head_cache $slab0 -> \$n\";
		[ \$((n - $slab0)) -lt 512 ]"
ksft_exit
