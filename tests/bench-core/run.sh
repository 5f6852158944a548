#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Instructions per packet of the pure translation core under callgrind
# (issue 6), one table: a row per direction and packet kind, a column per
# EAM table size, and the ratio of the biggest to the smallest table.
# Called by "make run" (BUILD, BENCH_EAMS, BENCH_PKTS from the Makefile);
# --profile prints the self cost of each function for TCP, smallest and
# biggest table (profile.py; callgrind_annotate cannot read the dumps).
# --cache (issue 14): TCP to or from a random entry of the whole table per
# packet, under callgrind's cache simulation with a last-level cache
# (BENCH_LL, default 2 MiB 16-way) far smaller than a 1M-entry table, as
# a hypervisor's LLC share is: instructions, D1 and LL misses per packet.
set -euo pipefail

BUILD=${BUILD:-$(dirname "$0")/build}
EAMS=${BENCH_EAMS:-10 10000 100000 1000000}
PKTS=${BENCH_PKTS:-2000}
BIN=$BUILD/bench_core
OUT=$BUILD/cg
command -v valgrind >/dev/null || { echo "valgrind not installed" >&2; exit 1; }
mkdir -p "$OUT"

D1=${BENCH_D1:-32768,8,64}
LL=${BENCH_LL:-2097152,16,64}

# run N [random]: callgrind dumps of every case with N EAM entries.
run() {
	local sim=()
	[ -z "${2:-}" ] || sim=(--cache-sim=yes --instr-atstart=no
		"--I1=$D1" "--D1=$D1" "--LL=$LL")
	rm -f "$OUT/cg.$1".*
	valgrind --tool=callgrind --collect-atstart=no --toggle-collect=xlat_one \
		"${sim[@]}" --compress-strings=no --compress-pos=no \
		--callgrind-out-file="$OUT/cg.$1" "$BIN" "$1" "$PKTS" ${2:-} \
		>"$OUT/native.$1.txt" 2>"$OUT/valgrind.$1.log"
}

# costs N: "dir kind Ir D1-misses LL-misses" per packet for every dump of
# run N (the misses are 0 without the cache simulation).
costs() {
	local f
	for f in "$OUT/cg.$1".*; do
		awk '/^desc: Trigger: Client Request: case/ {
			for (i = 1; i <= NF; i++) {
				split($i, kv, "=")
				if (kv[1] == "dir") d = kv[2]
				if (kv[1] == "kind") k = kv[2]
				if (kv[1] == "pkts") p = kv[2]
			}
		}
		/^events:/ { for (i = 2; i <= NF; i++) ev[i] = $i }
		/^(summary|totals):/ {
			for (i = 2; i <= NF; i++) c[ev[i] == "" ? "Ir" : ev[i]] = $i
		}
		END {
			if (d == "") exit
			printf "%s %s %.1f %.2f %.2f\n", d, k, c["Ir"] / p,
				(c["D1mr"] + c["D1mw"]) / p,
				(c["DLmr"] + c["DLmw"] + c["ILmr"]) / p
		}' "$f"
	done
}

if [ "${1:-}" = --cache ]; then
	declare -A C
	for n in $EAMS; do
		run "$n" random
		while read -r d _ ir d1 ll; do
			C[$d/$n]="$ir $d1 $ll"
		done < <(costs "$n")
	done
	printf '# dcxlat core, TCP to/from a random entry of the whole table per packet\n'
	printf '# (callgrind --cache-sim=yes, D1 %s, LL %s (size,assoc,line); %s packets per case after 50,000 to warm up)\n' "$D1" "$LL" "$PKTS"
	printf '%-6s %10s %10s %10s %10s\n' dir entries Ir/pkt D1miss/pkt LLmiss/pkt
	for d in 4to6 6to4; do
		for n in $EAMS; do
			read -r ir d1 ll <<<"${C[$d/$n]:-? ? ?}"
			printf '%-6s %10s %10s %10s %10s\n' "$d" "$n" "$ir" "$d1" "$ll"
		done
	done
	exit 0
fi

if [ "${1:-}" = --profile ]; then
	# Self cost per function, 4->6 and 6->4 TCP, smallest and biggest table.
	for n in ${EAMS%% *} ${EAMS##* }; do
		run "$n"
		python3 "$(dirname "$0")/profile.py" \
			$(grep -l -E "kind=tcp " "$OUT/cg.$n".*)
	done
	exit 0
fi

declare -A IR
for n in $EAMS; do
	run "$n"
	while read -r d k v _; do
		IR[$d/$k/$n]=$v
	done < <(costs "$n")
done

first=${EAMS%% *}
last=${EAMS##* }
printf '# dcxlat core, instructions per packet (callgrind, %s packets per case, gcc -O2)\n' "$PKTS"
printf '%-6s %-11s' dir kind
for n in $EAMS; do printf ' %10s' "$n EAM"; done
printf ' %8s\n' "$last/$first"
for d in 4to6 6to4; do
	for k in tcp udp icmp-echo icmp-error fragment; do
		printf '%-6s %-11s' "$d" "$k"
		for n in $EAMS; do printf ' %10s' "${IR[$d/$k/$n]:-?}"; done
		awk -v a="${IR[$d/$k/$first]:-0}" -v b="${IR[$d/$k/$last]:-0}" \
			'BEGIN { if (a > 0) printf " %8.2f\n", b / a; else print " ?" }'
	done
done
