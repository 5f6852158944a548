#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control-plane benchmark (not a timed test): how long the CLI and the
# module take to load, dump and replace a large EAM table. Run it in the
# VM, with memory for two tables of N entries at once:
#
#   tests/vm/run-vm.sh --mem 3072 -- bench/config_bench.sh [N]
#
# N defaults to 1,000,000. Prints one "name seconds" line per step and a
# summary line (date, kernel, accelerator) for docs/cli.md "Performance".
# Steps:
#   bulk-add     dcxlat eamt add --file (N entries, ~4,600 per message)
#   dump-text    dcxlat eamt show > /dev/null (paged dump, text)
#   dump-json    dcxlat -j eamt show > /dev/null
#   show         dcxlat show > FILE (settings + every table, JSON)
#   apply        dcxlat apply FILE (N entries in a transaction: validate,
#                stage, commit, old table freed after a grace period)
#   apply-again  the same on top of itself (replaces N with N)
#   bulk-del     dcxlat eamt del --file (N entries)
#   flush        dcxlat eamt flush of N entries

set -u
N=${1:-1000000}
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
D=$DIR/usr/dcxlat
W=$(mktemp -d /tmp/dcxbench.XXXXXX)
trap 'ip netns del "$NS" 2>/dev/null; rm -rf "$W"' EXIT

die() {
	echo "config_bench: $*" >&2
	exit 1
}

[ -x "$D" ] || die "build the CLI first (make usr)"
if [ ! -d /sys/module/dcxlat ]; then
	modprobe dcxlat 2>/dev/null || insmod "$DIR/dcxlat.ko" ||
		die "cannot load dcxlat"
fi
NS=bench-$$
ip netns add "$NS" || die "ip netns add"

python3 - "$W/eam.txt" "$N" <<'PY'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    for i in range(n):
        f.write("%d.%d.%d.%d/32 2001:db8:%x:%x::%x/128\n" %
                (10 + (i >> 24), (i >> 16) & 255, (i >> 8) & 255, i & 255,
                 i >> 32, (i >> 16) & 0xffff, i & 0xffff))
PY

# step NAME CMD...: run CMD, print its wall-clock time, fail loudly.
step() {
	local name=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	"$@" || die "$name failed"
	t1=$(date +%s.%N)
	printf '%-12s %8.2f s\n' "$name" "$(echo "$t1 - $t0" | bc)"
}

dcx() {
	"$D" -n "$NS" "$@"
}

dcx instance add || die "instance add"
dcx pool6 set 2001:db8:64::/96 || die "pool6 set"
echo "config_bench: N=$N entries, $(uname -r), $(nproc) CPU(s)"
step bulk-add dcx eamt add --file "$W/eam.txt"
[ "$(dcx eamt show | wc -l)" -eq "$N" ] || die "dump lost entries"
step dump-text bash -c "'$D' -n '$NS' eamt show >/dev/null"
step dump-json bash -c "'$D' -n '$NS' -j eamt show >/dev/null"
step show bash -c "'$D' -n '$NS' show >'$W/cfg.json'"
dcx eamt flush
step apply dcx apply "$W/cfg.json"
[ "$(dcx eamt show | wc -l)" -eq "$N" ] || die "apply lost entries"
step apply-again dcx apply "$W/cfg.json"
step bulk-del dcx eamt del --file "$W/eam.txt"
[ "$(dcx eamt show | wc -l)" -eq 0 ] || die "del left entries"
dcx eamt add --file "$W/eam.txt"
step flush dcx eamt flush
accel=tcg
grep -qw hypervisor /proc/cpuinfo && [ -e /dev/kvm ] && accel=kvm?
echo "config_bench: done $(date -u +%Y-%m-%d), kernel $(uname -r), accel $accel, $(nproc) vCPU, $(free -m | awk '/^Mem:/ { print $2 }') MB"
