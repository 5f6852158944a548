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
# veth counted it), so "delivered" = sink s0 rx_packets / second.
#
#   (a) IPv4 forwarding  192.0.2.2 -> 198.51.100.2, no dcxlat instance
#   (b) IPv6 forwarding  2001:db8:6::2 -> 2001:db8:4::2, no instance
#   (c) dcxlat 6->4      2001:db8:46::192.0.2.2 -> 2001:db8:4::2 (EAM hit)
#                        becomes 192.0.2.2 -> 198.51.100.2
#   (d) dcxlat 4->6      the frames of (a) become
#                        2001:db8:46::192.0.2.2 -> 2001:db8:4::2
# dcxlat: pool6 2001:db8:46::/96 (RFC 6052 network-specific prefix), EAM
# 198.51.100.2 <-> 2001:db8:4::2 plus random /32 <-> /128 entries
# (bench/gen_eams.py) for 10 entries in (c)/(d) and 10 .. 1,000,000 in the
# EAM sweep. (c) gets the same IPv6 frames as (b) and (d) the same IPv4
# frames as (a): same generator cost, same ingress path.
#
# Environment (DCX_* so that run-vm.sh passes it in): DCX_BENCH_RUNS
# (default 5), DCX_BENCH_SECS (default 2, per run), DCX_BENCH_SIZES
# (default "64 1400"), DCX_BENCH_EAMS (default "10 10000 100000 1000000"),
# DCX_BENCH_EAM_DIR (the gen_eams.py files), DCX_BENCH_OUT (result file).
set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
CLI=$REPO/usr/dcxlat
RUNS=${DCX_BENCH_RUNS:-5}
SECS=${DCX_BENCH_SECS:-2}
SIZES=${DCX_BENCH_SIZES:-64 1400}
EAMS=${DCX_BENCH_EAMS:-10 10000 100000 1000000}
EAM_DIR=${DCX_BENCH_EAM_DIR:-$REPO/bench/out}
OUT=${DCX_BENCH_OUT:-$REPO/bench/out/results.txt}
GEN=bgen
DUT=bdut
SINK=bsink

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

cleanup() {
	ip netns exec "$GEN" sh -c 'echo stop > /proc/net/pktgen/pgctrl' \
		2>/dev/null
	for n in $GEN $DUT $SINK; do ip netns del "$n" 2>/dev/null; done
}
trap cleanup EXIT

setup() {
	local n
	for n in $GEN $DUT $SINK; do
		ip netns add "$n" || return 1
		ip -n "$n" link set lo up
		ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0
	done
	ip link add g0 netns $GEN type veth peer name d0 netns $DUT &&
	ip link add d1 netns $DUT type veth peer name s0 netns $SINK || return 1
	ip -n $GEN link set g0 up && ip -n $DUT link set d0 up &&
	ip -n $DUT link set d1 up && ip -n $SINK link set s0 up || return 1
	ip -n $GEN addr add 192.0.2.2/24 dev g0 &&
	ip -n $GEN addr add 2001:db8:6::2/64 dev g0 nodad &&
	ip -n $DUT addr add 192.0.2.1/24 dev d0 &&
	ip -n $DUT addr add 2001:db8:6::1/64 dev d0 nodad &&
	ip -n $DUT addr add 198.51.100.1/24 dev d1 &&
	ip -n $DUT addr add 2001:db8:4::1/64 dev d1 nodad &&
	ip -n $SINK addr add 198.51.100.2/24 dev s0 &&
	ip -n $SINK addr add 2001:db8:4::2/64 dev s0 nodad || return 1
	ip netns exec $DUT sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1
	# The sink answers nothing (it drops all at ingress): static
	# neighbours on the dut.
	SINK_MAC=$(ip -n $SINK -br link show s0 | awk '{print $3}')
	DUT_MAC=$(ip -n $DUT -br link show d0 | awk '{print $3}')
	ip -n $DUT neigh replace 198.51.100.2 lladdr "$SINK_MAC" dev d1 \
		nud permanent &&
	ip -n $DUT neigh replace 2001:db8:4::2 lladdr "$SINK_MAC" dev d1 \
		nud permanent || return 1
	tc -n $SINK qdisc add dev s0 ingress &&
	tc -n $SINK filter add dev s0 ingress matchall action drop || return 1
	modprobe pktgen || return 1
	modprobe dcxlat || return 1
}

pg() {
	ip netns exec $GEN sh -c "echo '$2' > /proc/net/pktgen/$1" ||
		die "pktgen $1: '$2' refused: $(ip netns exec $GEN \
			grep -i result /proc/net/pktgen/$1 2>/dev/null)"
}

# pktgen_setup 4|6 SRC DST PAYLOAD
pktgen_setup() {
	local fam=$1 src=$2 dst=$3 pay=$4 size
	if [ "$fam" = 4 ]; then
		size=$((14 + 20 + 8 + pay))
	else
		size=$((14 + 40 + 8 + pay))
	fi
	pg kpktgend_0 rem_device_all
	pg kpktgend_0 "add_device g0"
	pg g0 "count 0"
	pg g0 "clone_skb 0"
	pg g0 "delay 0"
	pg g0 "pkt_size $size"
	pg g0 "dst_mac $DUT_MAC"
	pg g0 "udp_src_min 9000"
	pg g0 "udp_src_max 9000"
	pg g0 "udp_dst_min 9"
	pg g0 "udp_dst_max 9"
	# Real UDP checksums (IPv4 would get 0, which 4->6 must compute).
	pg g0 "flag UDPCSUM"
	if [ "$fam" = 4 ]; then
		pg g0 "src_min $src"
		pg g0 "src_max $src"
		pg g0 "dst $dst"
	else
		pg g0 "src6 $src"
		pg g0 "dst6 $dst"
	fi
}

# measure: delivered packets/s over SECS while pktgen runs.
measure() {
	local pid c0 c1 t0 t1
	ip netns exec $GEN sh -c 'echo start > /proc/net/pktgen/pgctrl' &
	pid=$!
	sleep 0.5
	c0=$(ip netns exec $SINK cat /sys/class/net/s0/statistics/rx_packets)
	t0=$(date +%s%N)
	sleep "$SECS"
	c1=$(ip netns exec $SINK cat /sys/class/net/s0/statistics/rx_packets)
	t1=$(date +%s%N)
	ip netns exec $GEN sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait "$pid" 2>/dev/null
	awk -v c=$((c1 - c0)) -v ns=$((t1 - t0)) \
		'BEGIN { printf "%.0f\n", c / (ns / 1e9) }'
}

median() {
	tr ' ' '\n' | grep . | sort -n |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
			else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# dcx_on N: an instance with pool6 and the N-entry EAM file.
dcx_on() {
	local f=$EAM_DIR/eams-$1.txt t0
	[ -f "$f" ] || die "no $f (bench/run.sh writes it)"
	"$CLI" -n $DUT instance del bench >/dev/null 2>&1
	"$CLI" -n $DUT instance add bench &&
	"$CLI" -n $DUT -i bench pool6 set 2001:db8:46::/96 || return 1
	t0=$(date +%s)
	"$CLI" -n $DUT -i bench eamt add - <"$f" || return 1
	log "$1 EAM entries loaded in $(($(date +%s) - t0)) s"
}

dcx_off() {
	"$CLI" -n $DUT instance del bench >/dev/null 2>&1
	return 0
}

# case_run NAME FAM SRC DST PAYLOAD: RUNS measurements, sets MED and ALL.
case_run() {
	local name=$1 fam=$2 src=$3 dst=$4 pay=$5 i v all=""
	pktgen_setup "$fam" "$src" "$dst" "$pay"
	for i in $(seq "$RUNS"); do
		v=$(measure)
		all="$all $v"
	done
	MED=$(echo "$all" | median)

	log "$name payload $pay: median $MED pps (runs:$all)"
	[ "$MED" -gt 0 ] || log "WARNING: nothing delivered in $name"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b;
		else printf "-" }'
}

SRC6X=2001:db8:46::c000:202	# 192.0.2.2 in the pool6
setup || die "topology setup failed"
declare -A R

# One interleaved pass per round keeps slow drifts of the shared host
# out of the ratios: a b c d, a b c d, ...
for pay in $SIZES; do
	for i in $(seq "$RUNS"); do
		dcx_off
		RUNS_SAVE=$RUNS; RUNS=1
		case_run a 4 192.0.2.2 198.51.100.2 "$pay"
		R[a/$pay]="${R[a/$pay]:-} $MED"
		case_run b 6 2001:db8:6::2 2001:db8:4::2 "$pay"
		R[b/$pay]="${R[b/$pay]:-} $MED"
		dcx_on 10 >/dev/null || die "dcxlat setup failed"
		case_run c 6 "$SRC6X" 2001:db8:4::2 "$pay"
		R[c/$pay]="${R[c/$pay]:-} $MED"
		case_run d 4 192.0.2.2 198.51.100.2 "$pay"
		R[d/$pay]="${R[d/$pay]:-} $MED"
		RUNS=$RUNS_SAVE
	done
done
STATS=$("$CLI" -n $DUT -i bench stats show 2>&1 | grep -Ev ' 0$' | head -20)

# EAM sweep, 64-byte payload.
declare -A E
SWEEP_PAY=${SIZES%% *}
for n in $EAMS; do
	dcx_on "$n" || die "loading $n EAM entries failed"
	case_run "c/$n" 6 "$SRC6X" 2001:db8:4::2 "$SWEEP_PAY"
	E[c/$n]=$MED
	case_run "d/$n" 4 192.0.2.2 198.51.100.2 "$SWEEP_PAY"
	E[d/$n]=$MED
done
dcx_off

{
	echo "# dcxlat bench $(date -u +%Y-%m-%dT%H:%MZ), kernel $(uname -r)," \
		"$(nproc) vCPU, $RUNS runs x ${SECS}s, median delivered pps"
	echo "# (a) IPv4 fwd (b) IPv6 fwd (c) dcxlat 6->4 (d) dcxlat 4->6;" \
		"10 EAM entries in (c)/(d)"
	printf '%-8s %9s %9s %9s %9s  %6s %6s %6s %6s\n' payload a b c d \
		c/b c/a d/a d/b
	for pay in $SIZES; do
		a=$(echo "${R[a/$pay]}" | median); b=$(echo "${R[b/$pay]}" | median)
		c=$(echo "${R[c/$pay]}" | median); d=$(echo "${R[d/$pay]}" | median)
		printf '%-8s %9s %9s %9s %9s  %6s %6s %6s %6s\n' "${pay}B" \
			"$a" "$b" "$c" "$d" "$(ratio "$c" "$b")" \
			"$(ratio "$c" "$a")" "$(ratio "$d" "$a")" \
			"$(ratio "$d" "$b")"
		echo "#   runs ${pay}B: a:${R[a/$pay]} | b:${R[b/$pay]} | c:${R[c/$pay]} | d:${R[d/$pay]}"
	done
	echo
	echo "# EAM sweep, ${SWEEP_PAY}B payload, median pps (ratio to the smallest table)"
	printf '%-10s %9s %7s %9s %7s\n' entries c:6-\>4 ratio d:4-\>6 ratio
	first=${EAMS%% *}
	for n in $EAMS; do
		printf '%-10s %9s %7s %9s %7s\n' "$n" "${E[c/$n]}" \
			"$(ratio "${E[c/$n]}" "${E[c/$first]}")" "${E[d/$n]}" \
			"$(ratio "${E[d/$n]}" "${E[d/$first]}")"
	done
	echo
	echo "# dcxlat counters after (c)/(d) (non-zero):"
	echo "$STATS" | sed 's/^/#   /'
} | tee "$OUT"
