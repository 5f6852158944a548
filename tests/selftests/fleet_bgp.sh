#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A fleet of three Border Relays behind BGP anycast (issue 15, docs/fleet.md):
# each BR runs dcxlat with the same JSON configuration (fleet_bgp.json)
# and BIRD with dist/bird/bird.conf (the file itself, through a symlink),
# announcing its prefixes only while dist/bird/dcxlat-bird-health sees
# "dcxlat health --expect fleet_bgp.json" pass. A core router runs BIRD
# with dist/bird/core-example.conf and installs one ECMP route per prefix
# (layer-4 hash) over the healthy BRs.
#
#   client 203.0.113.10 --+                +-- br1 (10.1.1.1 | 2001:db8:1:1::1)
#   (IPv4 Internet)       +-- core (BIRD) -+-- br2 (10.1.2.1 | 2001:db8:1:2::1)
#   servers 2001:db8:aaaa::10,20,30 --+    +-- br3 (10.1.3.1 | 2001:db8:1:3::1)
#   (IPv6-only)
#
# BRs announce 192.0.2.10/32, .20/32, .30/32 (EAM, IPv4 side) and
# 2001:db8:46::/96 (pool6). 32 slow TCP flows run from the client to the
# three servers through the whole test; then: one BR's instance deleted ->
# withdrawn within DETECT_MAX_MS, every flow keeps moving; restored ->
# announced and translating again; one BR with an EAM entry missing ->
# health --expect fails -> withdrawn; at the end every flow's bytes are
# checked (SHA-256 both ends). Prints the detection time and the duration.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

REPO=$(cd "$(dirname "$0")/../.." && pwd -P)
BIRDDIR=$REPO/dist/bird
CONF=$REPO/tests/selftests/fleet_bgp.json
FLOWS_PY=$REPO/tests/selftests/fleet_flows.py
NFLOWS=32
PORT=5001
INTERVAL=1			# dcxlat-bird-health rounds, seconds
# Detection: the health round under way and the next (each the 1 s sleep
# plus dcxlat and two birdc runs: 2-3 s in a loaded TCG guest, 0.1 s on
# hardware), BIRD's update to the core and the core's kernel route.
DETECT_MAX_MS=10000
# How long wait_routes waits for routes to change.
ROUTES_MAX_MS=60000
# A KASAN kernel (the debug lane) runs those programs 10-30 times slower:
# the withdrawal took 135 s there (2026-12-07, host load 5 on 2 cores).
# There the bounds only catch a hang; DCX_FLEET_DETECT_MAX_MS sets one.
# The waits for flows and servers (W x their seconds) stretch the same way:
# the flow server did not listen within 60 s there.
W=1
if kernel_has_kasan; then
	DETECT_MAX_MS=600000
	ROUTES_MAX_MS=600000
	W=10
fi
DETECT_MAX_MS=${DCX_FLEET_DETECT_MAX_MS:-$DETECT_MAX_MS}
T_START=$(date +%s)

cleanup() { stop_bg; cleanup_all_ns; cleanup_tmp; }
trap cleanup EXIT

require_root
require_cmd ip jq bird birdc
[ -x /usr/bin/python3 ] || ksft_skip_all "no /usr/bin/python3"
dcx_require_built

BRS=()

topo() {
	local i br
	setup_ns CORE CL SRV BR1 BR2 BR3 || return 1
	BRS=("$BR1" "$BR2" "$BR3")
	ip netns exec "$CORE" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 \
		net.ipv4.fib_multipath_hash_policy=1 \
		net.ipv6.fib_multipath_hash_policy=1 \
		net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 || return 1
	veth_pair "$CL" c0 "$CORE" cl && veth_pair "$SRV" s0 "$CORE" sv ||
		return 1
	ip -n "$CORE" addr add 203.0.113.1/24 dev cl &&
	ip -n "$CL" addr add 203.0.113.10/24 dev c0 &&
	ip -n "$CL" route add default via 203.0.113.1 &&
	ip -n "$CORE" addr add 2001:db8:aaaa::1/64 dev sv nodad &&
	for i in 10 20 30; do
		ip -n "$SRV" addr add "2001:db8:aaaa::$i/64" dev s0 nodad ||
			return 1
	done &&
	ip -n "$SRV" -6 route add default via 2001:db8:aaaa::1 || return 1
	for i in 1 2 3; do
		br=${BRS[i - 1]}
		veth_pair "$CORE" "b$i" "$br" x0 &&
		ip -n "$CORE" addr add "10.1.$i.2/24" dev "b$i" &&
		ip -n "$CORE" addr add "2001:db8:1:$i::2/64" dev "b$i" nodad &&
		ip netns exec "$br" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 &&
		ip -n "$br" addr add "10.1.$i.1/24" dev x0 &&
		ip -n "$br" addr add "2001:db8:1:$i::1/64" dev x0 nodad &&
		ip -n "$br" route add 203.0.113.0/24 via "10.1.$i.2" &&
		ip -n "$br" -6 route add 2001:db8:aaaa::/64 \
			via "2001:db8:1:$i::2" || return 1
	done
}

# bird_core / bird_br I: BIRD with the shipped files (symlinked, so their
# includes are read from the run directory next to the link).
bird_core() {
	local d=$TMPD/core i
	mkdir -p "$d" && ln -s "$BIRDDIR/core-example.conf" "$d/bird.conf" ||
		return 1
	for i in 1 2 3; do
		echo "protocol bgp br${i}v4 from br4 { neighbor 10.1.$i.1 as 65001; }"
		echo "protocol bgp br${i}v6 from br6 { neighbor 2001:db8:1:$i::1 as 65001; }"
	done >"$d/dcxlat-core-peers.conf"
	echo "log \"$d/bird.log\" all;" >>"$d/dcxlat-core-peers.conf"
	bird -p -c "$d/bird.conf" || return 1
	run_bg ip netns exec "$CORE" bird -f -c "$d/bird.conf" -s "$d/ctl" \
		-P "$d/pid"
}

bird_br() {
	local i=$1 d=$TMPD/br$1
	mkdir -p "$d" && ln -s "$BIRDDIR/bird.conf" "$d/bird.conf" || return 1
	cat >"$d/dcxlat-site.conf" <<-SITE
	define ROUTER_ID = 10.1.$i.1;
	define LOCAL_AS = 65001;
	define EDGE_AS = 65000;
	define EDGE4 = 10.1.$i.2;
	define CORE_AS = 65000;
	define CORE6 = 2001:db8:1:$i::2;
	log "$d/bird.log" all;
	SITE
	sh "$BIRDDIR/dcxlat-bird-routes" "$CONF" >"$d/dcxlat-routes.conf" &&
	bird -p -c "$d/bird.conf" || return 1
	run_bg ip netns exec "${BRS[i - 1]}" bird -f -c "$d/bird.conf" \
		-s "$d/ctl" -P "$d/pid"
}

# health_loop I: dist/bird/dcxlat-bird-health in BR I, log in brI/health.log.
health_loop() {
	local i=$1 d=$TMPD/br$1
	BG_LOG=$d/health.log run_bg ip netns exec "${BRS[i - 1]}" env \
		DCXLAT="$dcx_cli" BIRDC="birdc -s $d/ctl" DCXLAT_CONF="$CONF" \
		DCXLAT_HEALTH_INTERVAL=$INTERVAL sh "$BIRDDIR/dcxlat-bird-health"
}

# core_routes: "PREFIX GATEWAY" per BIRD nexthop on the core, sorted. Few
# processes per call: polling must not starve the guest it measures.
core_routes() {
	{ ip -n "$CORE" -4 route show proto bird
	  ip -n "$CORE" -6 route show proto bird; } |
	awk '/^[0-9a-f]/ { p = $1 }
	     { for (i = 1; i < NF; i++) if ($i == "via") print p, $(i + 1) }' |
	sort
}

# want_routes "1 2 3": what core_routes prints when exactly those BRs
# announce every prefix.
want_routes() {
	local i p
	for i in $1; do
		for p in 192.0.2.10 192.0.2.20 192.0.2.30; do
			echo "$p 10.1.$i.1"
		done
		echo "2001:db8:46::/96 2001:db8:1:$i::1"
	done | sort
}

routes_are() {
	local got want
	got=$(core_routes)
	want=$(want_routes "$1")
	[ "$got" = "$want" ] && return 0
	echo "core routes: $got"
	echo "want (BRs $1): $want"
	return 1
}

# wait_routes WANT: milliseconds until the routes are WANT (stdout), or fail.
wait_routes() {
	local t0 now got want
	want=$(want_routes "$1")
	t0=$(date +%s%3N)
	while got=$(core_routes); [ "$got" != "$want" ]; do
		now=$(date +%s%3N)
		if [ $((now - t0)) -gt "$ROUTES_MAX_MS" ]; then
			routes_are "$1"
			return 1
		fi
		sleep 0.2
	done
	echo $(($(date +%s%3N) - t0))
}

# fleet_diag: BIRD's and the health loops' view, as TAP diagnostics.
fleet_diag() {
	local d
	for d in "$TMPD"/core "$TMPD"/br?; do
		diag "== ${d##*/}: $(birdc -s "$d/ctl" show protocols 2>&1)"
		[ -f "$d/bird.log" ] && diag "$(tail -n 15 "$d/bird.log")"
		[ -f "$d/health.log" ] && diag "$(tail -n 5 "$d/health.log")"
	done
	[ -f "$TMPD/bg.log" ] && diag "bg: $(tail -n 20 "$TMPD/bg.log")"
	diag "$(ip -n "$CORE" route; ip -n "$CORE" -6 route)"
}

apply_all() {
	local i
	dcx "${BRS[0]}" apply "$CONF" &&
	# The same entries in another order: the same digest.
	jq '.eamt |= reverse' "$CONF" >"$TMPD/reversed.json" &&
	dcx "${BRS[1]}" apply "$TMPD/reversed.json" &&
	dcx "${BRS[2]}" apply "$CONF" || return 1
	for i in 0 1 2; do
		dcx "${BRS[i]}" stats reset || return 1
	done
}

same_digest() {
	local d1 d2 d3
	d1=$(dcx "$BR1" show --digest) && d2=$(dcx "$BR2" show --digest) &&
	d3=$(dcx "$BR3" show --digest) || return 1
	echo "br1 $d1"; echo "br2 $d2"; echo "br3 $d3"
	[[ "$d1" =~ ^[0-9a-f]{64}$ ]] && [ "$d1" = "$d2" ] && [ "$d1" = "$d3" ]
}

health_digest_is_show_digest() {
	local h s
	h=$(dcx "$BR2" -j health --expect "$CONF" | jq -r .checks.config.digest) &&
	s=$(dcx "$BR2" -j show --digest | jq -r .digest) || return 1
	echo "health $h, show $s"
	[ "$h" = "$s" ]
}

# xlat_over NS MIN: more than MIN packets translated (both directions).
xlat_over() {
	local n
	n=$(($(dcx_stat "$1" default xlat-4to6) +
	     $(dcx_stat "$1" default xlat-6to4)))
	echo "translated: $n"
	[ "$n" -gt "$2" ]
}

# diff_empty NS: "dcxlat diff" prints nothing and exits 0.
diff_empty() {
	local out
	out=$(dcx "$1" diff "$CONF") || return 1
	echo "$out"
	[ -z "$out" ]
}

# all_move: each BR translates both ways while the flows run.
all_move() {
	local i a b rc=0
	for i in 0 1 2; do
		a=$(dcx_stat "${BRS[i]}" default xlat-4to6)
		b=$(dcx_stat "${BRS[i]}" default xlat-6to4)
		echo "br$((i + 1)): xlat-4to6 $a xlat-6to4 $b"
		[ "$a" -gt 0 ] && [ "$b" -gt 0 ] || rc=1
	done
	return "$rc"
}

# flows_grew SNAPSHOT: every flow has received >= 2 KB more than then.
flows_grew() {
	python3 - "$1" "$TMPD/status.json" "$NFLOWS" <<-'PY'
	import json, sys
	old = json.load(open(sys.argv[1]))
	new = json.load(open(sys.argv[2]))
	n = int(sys.argv[3])
	slow = [k for k in map(str, range(n))
	        if new.get(k, 0) < old.get(k, 0) + 2048]
	print("flows with < 2 KB since the snapshot: %s" % (slow or "none"))
	sys.exit(1 if slow else 0)
	PY
}

snapshot() {
	cp "$TMPD/status.json" "$TMPD/$1.json"
}

all_flows_up() {
	python3 -c "import json,sys; d=json.load(open('$TMPD/status.json')); \
print(len(d), 'flows'); sys.exit(len(d) < $NFLOWS)"
}

check "dcxlat module loads" dcx_load_module || ksft_exit
dmesg_mark
check "topology: client, core, 3 BRs, servers" topo || ksft_exit
check "fleet_bgp.json applied on the 3 BRs (br2: entries reversed)" \
	apply_all || ksft_exit
check "show --digest: the same on the 3 BRs" same_digest
check "health -j's digest is show --digest's" health_digest_is_show_digest
check "diff fleet_bgp.json on br1: nothing, exit 0" diff_empty "$BR1"
for i in 1 2 3; do
	expect 0 'healthy' "health --expect fleet_bgp.json passes on br$i" \
		dcx "${BRS[i - 1]}" health --expect "$CONF"
done

check "BIRD on the core" bird_core || ksft_exit
for i in 1 2 3; do
	check "BIRD on br$i (dist/bird/bird.conf)" bird_br "$i" || ksft_exit
	health_loop "$i"
done
check "core: every prefix ECMP over br1 br2 br3" wait_routes "1 2 3" || {
	fleet_diag
	ksft_exit
}

BG_LOG=$TMPD/server.log run_bg ip netns exec "$SRV" python3 "$FLOWS_PY" \
	server :: "$PORT" "$TMPD/status.json"
check "flow server listening" slowwait $((60 * W)) tcp_listening "$SRV" "$PORT"
ip netns exec "$CL" python3 "$FLOWS_PY" client \
	192.0.2.10,192.0.2.20,192.0.2.30 "$PORT" "$NFLOWS" "$TMPD/stop" \
	>"$TMPD/client.log" 2>&1 &
CLIENT=$!
BG_PIDS+=("$CLIENT")
check "$NFLOWS TCP flows up" slowwait $((60 * W)) all_flows_up
check "every BR translates both ways (ECMP spreads the flows)" \
	slowwait $((30 * W)) all_move
expect 0 'traffic +[0-9]+ packets translated' \
	"health --traffic 2 passes on br2 while the flows run" \
	dcx "$BR2" health --expect "$CONF" --traffic 2

# 1. One BR's translator goes away: withdrawn, the flows move.
snapshot before-fail
t0=$(date +%s%3N)
dcx "$BR1" instance del default
ms=$(wait_routes "2 3")
check "br1's instance deleted: its routes withdrawn (${ms:-?} ms)" \
	test -n "$ms"
check "... within the detection time (${ms:-?} ms <= $DETECT_MAX_MS ms)" \
	test "${ms:-999999}" -le "$DETECT_MAX_MS"
diag "detection time: ${ms:-none} ms (health interval $INTERVAL s)"
DETECT_MS=$ms
expect 1 'instance.*does not exist' "health on br1 fails: no instance" \
	dcx "$BR1" health --expect "$CONF"
snapshot after-withdraw
check "every flow carries data after br1 left" slowwait $((60 * W)) flows_grew \
	"$TMPD/after-withdraw.json"

# 2. br1 restored: announced again, takes traffic.
check "br1 restored (apply fleet_bgp.json)" dcx "$BR1" apply "$CONF"
ms=$(wait_routes "1 2 3")
check "br1 announced again (${ms:-?} ms)" test -n "$ms"
diag "re-announce time: ${ms:-none} ms"
check "br1 translates again" slowwait $((30 * W)) xlat_over "$BR1" 50

# 3. br3 with one EAM entry missing: detected, withdrawn; then fixed.
jq 'del(.eamt[] | select(startswith("192.0.2.30 ")))' "$CONF" \
	>"$TMPD/missing.json"
check "br3 gets a configuration without 192.0.2.30" \
	dcx "$BR3" apply "$TMPD/missing.json"
expect 1 'config.*1 difference' "health --expect on br3 fails: 1 difference" \
	dcx "$BR3" health --expect "$CONF"
expect_json "health -j names the missing entry" \
	'.healthy == false and .checks.config.ok == false and
	 (.checks.config.changes[0] | .op == "add" and .what == "eam" and
	  (.new | startswith("192.0.2.30/32")))' \
	bash -c "'$dcx_cli' -n '$BR3' -j health --expect '$CONF'; true"
expect 1 '^\+ eam 192\.0\.2\.30/32 2001:db8:aaaa::30/128$' \
	"diff fleet_bgp.json on br3: + eam 192.0.2.30, exit 1" \
	dcx "$BR3" diff "$CONF"
ms=$(wait_routes "1 2")
check "br3 withdrawn (${ms:-?} ms after the apply)" test -n "$ms"
snapshot br3-out
check "every flow carries data without br3" slowwait $((60 * W)) flows_grew \
	"$TMPD/br3-out.json"
check "br3 fixed (apply fleet_bgp.json)" dcx "$BR3" apply "$CONF"
check "br3 announced again" wait_routes "1 2 3"
check "digests the same again" same_digest
snapshot end
check "every flow carries data at the end" slowwait $((60 * W)) flows_grew \
	"$TMPD/end.json"

# The end: every flow's bytes, both ends.
touch "$TMPD/stop"
check "the flows end" wait_pid $((180 * W)) "$CLIENT"
check "all $NFLOWS flows kept and their bytes intact (SHA-256)" \
	grep -qx "flows $NFLOWS ok $NFLOWS" "$TMPD/client.log"
expect 1 'FAIL traffic +0 packets translated' \
	"health --traffic 1 fails on br2 once the flows ended" \
	dcx "$BR2" health --traffic 1
diag "$(cat "$TMPD/client.log")"
for i in 1 2 3; do
	diag "br$i health loop: $(tr '\n' ';' <"$TMPD/br$i/health.log")"
done

# docs/fleet.md quotes the BIRD files the test ran, whole.
quoted() {
	python3 - "$REPO/docs/fleet.md" "$@" <<-'PY'
	import sys
	doc = open(sys.argv[1]).read()
	for f in sys.argv[2:]:
	    if open(f).read() not in doc:
	        print(f, "is not quoted whole in", sys.argv[1])
	        sys.exit(1)
	PY
}
check "docs/fleet.md quotes bird.conf, core-example.conf, fleet_bgp.json" \
	quoted "$BIRDDIR/bird.conf" "$BIRDDIR/core-example.conf" "$CONF"
check "kernel log clean" dmesg_clean
diag "fleet_bgp: detection ${DETECT_MS:-none} ms, duration $(($(date +%s) - T_START)) s"
ksft_exit
