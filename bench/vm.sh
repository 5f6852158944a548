#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark itself, inside the VM as root (bench/run.sh starts it).
#
#  +-------------------+      +----------------------------+      +--------------------+
#  | gen (pktgen)      |      | dut                        |      | sink               |
#  | g0 192.0.2.2/24   |------| d0 192.0.2.1/24            |      |                    |
#  |    2001:db8:6::2  |      |    2001:db8:6::1/64        |      |                    |
#  |                   |      | d1 198.51.100.1/24         |------| s0 198.51.100.2/24 |
#  |                   |      |    2001:db8:4::1/64        |      |    2001:db8:4::2   |
#  +-------------------+      +----------------------------+      +--------------------+
#
# pktgen in gen sends UDP (PAYLOAD bytes) through dut, which forwards or
# translates them to sink; sink drops everything at tc ingress (after the
# veth counted it), so "delivered" = sink rx_packets / second.
#
#   (a) IPv4 forwarding  192.0.2.2 -> 198.51.100.2, no dcxlat instance
#   (b) IPv6 forwarding  2001:db8:6::2 -> 2001:db8:4::2, no instance
#   (c) dcxlat 6->4      2001:db8:46::192.0.2.2 -> 2001:db8:4::2 (EAM hit)
#                        becomes 192.0.2.2 -> 198.51.100.2
#   (d) dcxlat 4->6      the frames of (a) become
#                        2001:db8:46::192.0.2.2 -> 2001:db8:4::2
# dcxlat: pool6 2001:db8:46::/96 (RFC 6052 network-specific prefix), EAM
# 198.51.100.2 <-> 2001:db8:4::2 plus random /32 <-> /128 entries
# (bench/gen_eams.py). (c) gets the same IPv6 frames as (b) and (d) the
# same IPv4 frames as (a): same generator cost, same ingress path.
#
# The host is shared and noisy, so the cases are interleaved: one "lane"
# (gen device, dut netns, sink device) per configuration -- "plain" (no
# instance, for a/b) and one per EAM table size (the smallest one serves
# c/d) -- all set up once, and each round measures every case once.
# Ratios are taken within a round; the table shows their median over the
# rounds, next to the median rates.
#
# Environment (DCX_* so that run-vm.sh passes it in): DCX_BENCH_RUNS
# (rounds, default 3), DCX_BENCH_SECS (default 1, per measurement), DCX_BENCH_SIZES
# (default "64 1400"), DCX_BENCH_EAMS (default "10 10000 100000 1000000"),
# DCX_BENCH_EAM_DIR (the gen_eams.py files), DCX_BENCH_OUT (result file;
# its .log gets every round as it ends),
# DCX_BENCH_PROFILE (cases to profile with perf instead, e.g. "a d"),
# DCX_BENCH_ANNOTATE (with it: symbols whose hottest instructions to show),
# DCX_BENCH_PROFILE_SECS (seconds of samples, default 2),
# DCX_BENCH_CPUS (multi-core mode after the tables, e.g. "1 2": every
# case with traffic on that many vCPUs, see mcore below).
set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CLI=$REPO/usr/dcxlat
RUNS=${DCX_BENCH_RUNS:-3}
SECS=${DCX_BENCH_SECS:-1}
SIZES=${DCX_BENCH_SIZES:-64 1400}
EAMS=${DCX_BENCH_EAMS:-10 10000 100000 1000000}
EAM_DIR=${DCX_BENCH_EAM_DIR:-$REPO/bench/out}
OUT=${DCX_BENCH_OUT:-$REPO/bench/out/results.txt}
GEN=bgen
SINK=bsink
LANES=()

# Every log line also goes to OUT.log as it happens: a guest that crashes
# mid-run (docs/performance.md, the icount crashes) keeps its rounds.
log() { echo "bench: $*" >&2; echo "$*" >>"$OUT.log"; }
die() { log "$*"; exit 1; }

cleanup() {
	local n
	ip netns exec "$GEN" sh -c 'echo stop > /proc/net/pktgen/pgctrl' \
		2>/dev/null
	for n in "${LANES[@]}"; do ip netns del "bdut-$n" 2>/dev/null; done
	ip netns del "$GEN" 2>/dev/null
	ip netns del "$SINK" 2>/dev/null
}
trap cleanup EXIT

nsnew() {
	ip netns add "$1" || return 1
	ip -n "$1" link set lo up
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
}

setup() {
	nsnew $GEN && nsnew $SINK || return 1
	modprobe pktgen || return 1
	modprobe dcxlat || return 1
}

# lane_add NAME: gen g-NAME -- dut bdut-NAME -- sink s-NAME.
lane_add() {
	local n=$1 dut=bdut-$1 smac
	nsnew "$dut" || return 1
	ip link add "g-$n" netns $GEN type veth peer name d0 netns "$dut" &&
	ip link add d1 netns "$dut" type veth peer name "s-$n" netns $SINK ||
		return 1
	ip -n $GEN link set "g-$n" up && ip -n "$dut" link set d0 up &&
	ip -n "$dut" link set d1 up && ip -n $SINK link set "s-$n" up ||
		return 1
	ip -n "$dut" addr add 192.0.2.1/24 dev d0 &&
	ip -n "$dut" addr add 2001:db8:6::1/64 dev d0 nodad &&
	ip -n "$dut" addr add 198.51.100.1/24 dev d1 &&
	ip -n "$dut" addr add 2001:db8:4::1/64 dev d1 nodad || return 1
	ip netns exec "$dut" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1
	# The sink answers nothing (it drops all at ingress): static
	# neighbours on the dut.
	smac=$(ip -n $SINK -br link show "s-$n" | awk '{print $3}')
	ip -n "$dut" neigh replace 198.51.100.2 lladdr "$smac" dev d1 \
		nud permanent &&
	ip -n "$dut" neigh replace 2001:db8:4::2 lladdr "$smac" dev d1 \
		nud permanent || return 1
	tc -n $SINK qdisc add dev "s-$n" ingress &&
	tc -n $SINK filter add dev "s-$n" ingress matchall action drop ||
		return 1
	LANES+=("$n")
}

pg() {
	ip netns exec $GEN sh -c "echo '$2' > /proc/net/pktgen/$1" ||
		die "pktgen $1: '$2' refused: $(ip netns exec $GEN \
			grep -i result /proc/net/pktgen/$1 2>/dev/null)"
}

# pktgen_setup LANE 4|6 SRC DST PAYLOAD [THREADS]: THREADS (default 1)
# pktgen threads, kpktgend_N runs on CPU N; thread N sends its own flow
# (UDP source port 9000 + N) through the same veth, whose receive side
# runs on the sending CPU: so the dut forwards or translates each flow on
# the CPU that generated it, as RSS would spread flows over queues.
pktgen_setup() {
	local lane=$1 fam=$2 src=$3 dst=$4 pay=$5 threads=${6:-1} size t
	local mac
	mac=$(ip -n "bdut-$lane" -br link show d0 | awk '{print $3}')
	if [ "$fam" = 4 ]; then
		size=$((14 + 20 + 8 + pay))
	else
		size=$((14 + 40 + 8 + pay))
	fi
	for t in $(seq 0 $(($(nproc) - 1))); do
		pg "kpktgend_$t" rem_device_all
	done
	for t in $(seq 0 $((threads - 1))); do
		pktgen_dev "g-$lane@$t" "kpktgend_$t" "$fam" "$src" "$dst" \
			"$size" "$mac" $((9000 + t))
	done
}

# pktgen_dev DEV THREAD 4|6 SRC DST SIZE MAC SPORT: one flow.
pktgen_dev() {
	local dev=$1 fam=$3 src=$4 dst=$5 size=$6 mac=$7 sport=$8
	pg "$2" "add_device $dev"
	pg "$dev" "count 0"
	pg "$dev" "clone_skb 0"
	pg "$dev" "delay 0"
	pg "$dev" "pkt_size $size"
	pg "$dev" "dst_mac $mac"
	pg "$dev" "udp_src_min $sport"
	pg "$dev" "udp_src_max $sport"
	pg "$dev" "udp_dst_min 9"
	pg "$dev" "udp_dst_max 9"
	# Real UDP checksums (IPv4 would get 0, which 4->6 must compute).
	pg "$dev" "flag UDPCSUM"
	if [ "$fam" = 4 ]; then
		pg "$dev" "src_min $src"
		pg "$dev" "src_max $src"
		pg "$dev" "dst $dst"
	else
		pg "$dev" "src6 $src"
		pg "$dev" "dst6 $dst"
	fi
}

# measure LANE: delivered packets/s over SECS while pktgen runs.
measure() {
	local f=/sys/class/net/s-$1/statistics/rx_packets pid c0 c1 t0 t1
	ip netns exec $GEN sh -c 'echo start > /proc/net/pktgen/pgctrl' &
	pid=$!
	sleep 0.3
	c0=$(ip netns exec $SINK cat "$f")
	t0=$(date +%s%N)
	sleep "$SECS"
	c1=$(ip netns exec $SINK cat "$f")
	t1=$(date +%s%N)
	ip netns exec $GEN sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$pid" 2>/dev/null
	awk -v c=$((c1 - c0)) -v ns=$((t1 - t0)) \
		'BEGIN { printf "%.0f\n", c / (ns / 1e9) }'
}

median() {
	tr ' ' '\n' | grep -v -e '^$' -e '^-$' | sort -g |
		awk '{ v[NR] = $1 } END { if (NR == 0) print "-";
			else if (NR % 2) print v[(NR + 1) / 2];
			else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# dcx_on N: lane eN gets an instance with pool6 and the N-entry EAM file.
dcx_on() {
	local f=$EAM_DIR/eams-$1.txt t0 dut=bdut-e$1
	[ -f "$f" ] || die "no $f (bench/run.sh writes it)"
	"$CLI" -n "$dut" instance add bench &&
	"$CLI" -n "$dut" -i bench pool6 set 2001:db8:46::/96 || return 1
	# pktgen's IPv4 has DF clear: with the default lowest-ipv6-mtu
	# (1280) a 1400-byte payload would leave 4->6 as two IPv6
	# fragments, and the sink counts packets. The sink's link takes
	# 1500 bytes, so one packet in, one out.
	"$CLI" -n "$dut" -i bench global set lowest-ipv6-mtu 1500 || return 1
	t0=$(date +%s)
	"$CLI" -n "$dut" -i bench eamt add - <"$f" || return 1
	log "$1 EAM entries loaded in $(($(date +%s) - t0)) s"
}

# one LANE FAM SRC DST PAYLOAD: one measurement, printed.
one() {
	pktgen_setup "$@"
	measure "$1"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b;
		else printf "-" }'
}

SRC6X=2001:db8:46::c000:202	# 192.0.2.2 in the pool6
setup || die "topology setup failed"
lane_add plain || die "lane setup failed"
for n in $EAMS; do
	lane_add "e$n" && dcx_on "$n" || die "lane e$n setup failed"
done
first=${EAMS%% *}
SWEEP_PAY=${SIZES%% *}
declare -A R Q C D

# DCX_BENCH_PROFILE="a d": perf profile of those cases (first payload)
# instead of the measurements; under -icount the samples follow guest
# instructions too.
profile() {
	local c=$1 lane fam src dst data=/tmp/bench-perf.data
	case $c in
	a) lane=plain; fam=4; src=192.0.2.2; dst=198.51.100.2 ;;
	b) lane=plain; fam=6; src=2001:db8:6::2; dst=2001:db8:4::2 ;;
	c) lane=e$first; fam=6; src=$SRC6X; dst=2001:db8:4::2 ;;
	d) lane=e$first; fam=4; src=192.0.2.2; dst=198.51.100.2 ;;
	esac
	pktgen_setup "$lane" "$fam" "$src" "$dst" "$SWEEP_PAY"
	ip netns exec $GEN sh -c 'echo start > /proc/net/pktgen/pgctrl' &
	sleep 0.3
	perf record -q -a -e cpu-clock -o "$data" -- \
		sleep "${DCX_BENCH_PROFILE_SECS:-2}" 2>/dev/null
	ip netns exec $GEN sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait
	echo "# perf, case $c, ${SWEEP_PAY}B: self samples by symbol"
	perf report -q -i "$data" --stdio --no-children --sort sym 2>/dev/null |
		grep -v '^$' | head -n "${DCX_BENCH_PROFILE_LINES:-45}"
	# DCX_BENCH_ANNOTATE="dcx_dispatch46 ...": those symbols' samples
	# by instruction too (in order, those of 0.5 % of the symbol or more).
	local sym
	for sym in ${DCX_BENCH_ANNOTATE:-}; do
		echo "# perf annotate, case $c: $sym"
		perf annotate -q -i "$data" --stdio -s "$sym" 2>/dev/null |
			awk '$1 + 0 >= 0.5' | head -n "${DCX_BENCH_ANNOTATE_LINES:-60}"
	done
}
if [ -n "${DCX_BENCH_PROFILE:-}" ]; then
	for c in $DCX_BENCH_PROFILE; do profile "$c"; done | tee "$OUT"
	exit 0
fi

# DCX_BENCH_CPUS="1 2": multi-core mode. Every case (first payload, first
# EAM lane) with traffic on 1 and on N vCPUs, rounds interleaved; the
# figure is the N-CPU rate over the 1-CPU rate of the same round. Under
# -icount all vCPUs share one instruction clock (single-threaded TCG
# runs them in turn), so a perfectly parallel path scores 1.00: the
# ratio shows the instructions contention adds (lock spinning, retries,
# a path that serialises on one CPU), not the time a bouncing cache line
# costs on real hardware.
mcore() {
	local i n c lane fam src dst rate ratio
	declare -A M MQ base
	for i in $(seq "$RUNS"); do
		for c in a b c d; do
			case $c in
			a) lane=plain; fam=4; src=192.0.2.2; dst=198.51.100.2 ;;
			b) lane=plain; fam=6; src=2001:db8:6::2
			   dst=2001:db8:4::2 ;;
			c) lane=e$first; fam=6; src=$SRC6X; dst=2001:db8:4::2 ;;
			d) lane=e$first; fam=4; src=192.0.2.2
			   dst=198.51.100.2 ;;
			esac
			for n in $DCX_BENCH_CPUS; do
				pktgen_setup "$lane" "$fam" "$src" "$dst" \
					"$SWEEP_PAY" "$n"
				rate=$(measure "$lane")
				base[$n]=$rate
				M[$c/$n]="${M[$c/$n]:-} $rate"
				ratio=$(ratio "$rate" "${base[${DCX_BENCH_CPUS%% *}]}")
				MQ[$c/$n]="${MQ[$c/$n]:-} $ratio"
			done
			log "mcore round $i $c:$(for n in $DCX_BENCH_CPUS; do
				echo -n " ${n}cpu ${base[$n]}"; done)"
		done
	done
	{
		echo "# dcxlat bench multi-core $(date -u +%Y-%m-%dT%H:%MZ)," \
			"kernel $(uname -r), $(nproc) vCPU, $RUNS rounds x" \
			"${SECS}s, ${SWEEP_PAY}B, clock: ${DCX_BENCH_CLOCK:-?}"
		echo "# median pps with traffic on N vCPUs; ratio: median" \
			"per-round N-CPU / ${DCX_BENCH_CPUS%% *}-CPU rate"
		printf '%-6s' case
		for n in $DCX_BENCH_CPUS; do printf ' %9s %6s' "${n}cpu" ratio; done
		echo
		for c in a b c d; do
			printf '%-6s' "$c"
			for n in $DCX_BENCH_CPUS; do
				printf ' %9s %6s' \
					"$(echo "${M[$c/$n]}" | median)" \
					"$(echo "${MQ[$c/$n]}" | median)"
			done
			echo
		done
		for c in a b c d; do
			echo "#   $c runs:$(for n in $DCX_BENCH_CPUS; do
				echo -n " ${n}cpu${M[$c/$n]} |"; done)"
		done
	} | tee -a "$OUT"
}
# add KEY VALUE: append to the list R[KEY]; q: the same for ratios.
add() { R[$1]="${R[$1]:-} $2"; }
q() { Q[$1]="${Q[$1]:-} $2"; }

for i in $(seq "$RUNS"); do
	for pay in $SIZES; do
		a=$(one plain 4 192.0.2.2 198.51.100.2 "$pay")
		b=$(one plain 6 2001:db8:6::2 2001:db8:4::2 "$pay")
		c=$(one "e$first" 6 "$SRC6X" 2001:db8:4::2 "$pay")
		d=$(one "e$first" 4 192.0.2.2 198.51.100.2 "$pay")
		log "round $i ${pay}B: a $a b $b c $c d $d"
		[ "$pay" != "$SWEEP_PAY" ] || { SW_A=$a; SW_B=$b; }
		add "a/$pay" "$a"; add "b/$pay" "$b"
		add "c/$pay" "$c"; add "d/$pay" "$d"
		q "c/b/$pay" "$(ratio "$c" "$b")"; q "c/a/$pay" "$(ratio "$c" "$a")"
		q "d/a/$pay" "$(ratio "$d" "$a")"; q "d/b/$pay" "$(ratio "$d" "$b")"
	done
	for n in $EAMS; do
		C[$n]=$(one "e$n" 6 "$SRC6X" 2001:db8:4::2 "$SWEEP_PAY")
		D[$n]=$(one "e$n" 4 192.0.2.2 198.51.100.2 "$SWEEP_PAY")
		add "c/e$n" "${C[$n]}"; add "d/e$n" "${D[$n]}"
	done
	line=""
	for n in $EAMS; do
		q "c/e$n" "$(ratio "${C[$n]}" "${C[$first]}")"
		q "d/e$n" "$(ratio "${D[$n]}" "${D[$first]}")"
		# Against forwarding of the same round (its SWEEP_PAY case).
		q "c/b/e$n" "$(ratio "${C[$n]}" "$SW_B")"
		q "d/a/e$n" "$(ratio "${D[$n]}" "$SW_A")"
		line+=" $n: c ${C[$n]} d ${D[$n]}"
	done
	log "round $i sweep:$line"
done
STATS=""
for n in $EAMS; do
	STATS+="e$n: $("$CLI" -n "bdut-e$n" -i bench stats show 2>&1 |
		awk '$NF != 0' | tr -s ' ' | paste -sd, -)"$'\n'
done

{
	echo "# dcxlat bench $(date -u +%Y-%m-%dT%H:%MZ), kernel $(uname -r)," \
		"$(nproc) vCPU, $RUNS interleaved rounds x ${SECS}s a case," \
		"clock: ${DCX_BENCH_CLOCK:-?}"
	echo "# (a) IPv4 fwd (b) IPv6 fwd (c) dcxlat 6->4 (d) dcxlat 4->6;" \
		"$first EAM entries in (c)/(d)"
	echo "# rates: median delivered pps; ratios: median of the per-round ratios"
	printf '%-8s %8s %8s %8s %8s  %6s %6s %6s %6s\n' payload a b c d \
		c/b c/a d/a d/b
	for pay in $SIZES; do
		printf '%-8s %8s %8s %8s %8s  %6s %6s %6s %6s\n' "${pay}B" \
			"$(echo "${R[a/$pay]}" | median)" \
			"$(echo "${R[b/$pay]}" | median)" \
			"$(echo "${R[c/$pay]}" | median)" \
			"$(echo "${R[d/$pay]}" | median)" \
			"$(echo "${Q[c/b/$pay]}" | median)" \
			"$(echo "${Q[c/a/$pay]}" | median)" \
			"$(echo "${Q[d/a/$pay]}" | median)" \
			"$(echo "${Q[d/b/$pay]}" | median)"
	done
	for pay in $SIZES; do
		echo "#   ${pay}B runs a:${R[a/$pay]} | b:${R[b/$pay]} |" \
			"c:${R[c/$pay]} | d:${R[d/$pay]}"
	done
	echo
	echo "# EAM sweep, ${SWEEP_PAY}B payload: median pps, median per-round ratio to $first entries"
	echo "# and to forwarding of the same round (c/b, d/a; a and b of the ${SWEEP_PAY}B cases)"
	printf '%-10s %8s %7s %8s %7s %6s %6s\n' entries 'c:6->4' ratio \
		'd:4->6' ratio c/b d/a
	for n in $EAMS; do
		printf '%-10s %8s %7s %8s %7s %6s %6s\n' "$n" \
			"$(echo "${R[c/e$n]}" | median)" \
			"$(echo "${Q[c/e$n]}" | median)" \
			"$(echo "${R[d/e$n]}" | median)" \
			"$(echo "${Q[d/e$n]}" | median)" \
			"$(echo "${Q[c/b/e$n]}" | median)" \
			"$(echo "${Q[d/a/e$n]}" | median)"
	done
	echo
	echo "# dcxlat counters per lane (non-zero):"
	echo -n "$STATS" | sed 's/^/#   /'
} | tee "$OUT"
[ -z "${DCX_BENCH_CPUS:-}" ] || { echo; mcore; }
