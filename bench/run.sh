#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dcxlat packet-rate benchmark (issue 6), one command from the repo:
#
#	bash bench/run.sh
#
# Builds the module and the CLI if needed, writes the EAM tables
# (bench/gen_eams.py, cached in bench/out/), boots the test VM and runs
# bench/vm.sh in it: pktgen -> dut -> sink, plain IPv4/IPv6 forwarding
# against dcxlat 6->4/4->6, then an EAM-table-size sweep. The table goes
# to stdout and bench/out/results-DATE.txt. Not a test: nothing is
# asserted. DCX_BENCH_* variables (see bench/vm.sh) tune it, e.g.
#	DCX_BENCH_RUNS=3 DCX_BENCH_EAMS="10 100000" bash bench/run.sh
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
OUT=$REPO/bench/out
mkdir -p "$OUT"
cd "$REPO"

[ -f dcxlat.ko ] && [ -x usr/dcxlat ] || make kmod usr >/dev/null
for n in ${DCX_BENCH_EAMS:-10 10000 100000 1000000}; do
	[ -s "$OUT/eams-$n.txt" ] && continue
	echo "bench: writing $n random EAM entries" >&2
	python3 bench/gen_eams.py "$n" "$OUT/eams-$n.txt"
done
[ -s "$OUT/eams-10.txt" ] || python3 bench/gen_eams.py 10 "$OUT/eams-10.txt"

DCX_BENCH_OUT=$OUT/results-$(date -u +%Y%m%d-%H%M%S).txt
export DCX_BENCH_OUT
export DCX_BENCH_EAM_DIR=$OUT
tests/vm/run-vm.sh --timeout "${DCX_BENCH_TIMEOUT:-3000}" -- \
	bash bench/vm.sh
echo "bench: results in $DCX_BENCH_OUT" >&2
