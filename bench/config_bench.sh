#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control-plane benchmark (not a timed test): how long the CLI and the
# module take to load, dump and replace a large EAM table. Run it in the
# VM, with memory for two tables of N entries at once:
#
#   tests/vm/run-vm.sh --mem 3072 -- bench/config_bench.sh [N]
#
# N defaults to 1,000,000. Prints one "name seconds (user, sys)" line per
# step, the slab growth per entry of the bulk load (/proc/meminfo Slab
# before and after), and a summary line (date, kernel, accelerator) for
# docs/performance.md "Control plane".
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
#   jool-handle  (when Jool is there) jool_siit file handle of the same N
#                entries as one atomic JSON, into a new instance, and
#   jool-again   the same over itself; then the ratios to bulk-add/apply.
#                Jool: jool_siit/jool_common loaded or loadable (modprobe),
#                or a build in DCX_JOOL_DIR (default build/jool: the .ko
#                files under src/mod/{common,siit}, the jool_siit tool).
#                DCX_BENCH_JOOL=off skips it.
# DCX_BENCH_BEFORE=DIR: a before/after of bulk-add and apply instead of
# the steps above. DIR holds another build's dcxlat.ko and dcxlat (its
# CLI); both builds load the same N entries, each with its own module
# (insmod, rmmod after), in the order before, after, after, before
# (DCX_BENCH_ROUNDS times, default 1), then the mean of each and the
# ratio before / after.
# DCX_BENCH_VS_JOOL=R: the control-plane comparison with Jool instead of
# the steps above, R interleaved rounds (default 3) of: dcxlat `eamt add
# --file` into an empty instance, dcxlat `apply` of the same N into an
# empty instance, Jool's `file handle` of the same N into a new instance;
# then the median of each step, the ratios Jool / dcxlat of those
# medians and the median of the per-round ratios.
set -u
N=${1:-1000000}
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# DCX_BENCH_CLI: another build's CLI (its module loaded first), to compare.
D=${DCX_BENCH_CLI:-$DIR/usr/dcxlat}
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

# step NAME CMD...: run CMD, print its wall-clock, user and system time
# (the module's work runs in the CLI's system time), fail loudly; the
# seconds also go to SECS[NAME].
declare -A SECS
step() {
	local name=$1 t
	shift
	t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&3; } 3>&2 2>&1) ||
		die "$name failed"
	set -- $t
	SECS[$name]=$1
	printf '%-12s %8.2f s  (user %.2f, sys %.2f)\n' "$name" "$1" "$2" "$3"
}

slab_kb() {
	awk '/^Slab:/ { print $2 }' /proc/meminfo
}

# The lookup hashes' slot arrays come from kvzalloc(): vmalloc at this
# size, which Slab does not count.
vmalloc_kb() {
	awk '/^VmallocUsed:/ { print $2 }' /proc/meminfo
}

dcx() {
	"$D" -n "$NS" "$@"
}

# Jool 4.1 (jool_siit) loaded, loadable, or built in DCX_JOOL_DIR: 0 if so.
jool_ready() {
	local j=${DCX_JOOL_DIR:-$DIR/build/jool}

	JOOL=$(command -v jool_siit || echo "$j/jool_siit")
	[ -x "$JOOL" ] || return 1
	[ -d /sys/module/jool_siit ] && return 0
	modprobe jool_siit 2>/dev/null && return 0
	jool_insmod "$j/src/mod/common/jool_common.ko" &&
		jool_insmod "$j/src/mod/siit/jool_siit.ko"
}

# insmod KO after the modules it depends on (x_tables), unless loaded.
jool_insmod() {
	local m deps

	m=$(basename "$1" .ko)
	[ -d "/sys/module/$m" ] && return 0
	deps=$(modinfo -F depends "$1" 2>/dev/null | tr , '\n' | grep -v '^jool')
	[ -z "$deps" ] || modprobe -a $deps 2>/dev/null
	insmod "$1" 2>/dev/null
}

# The same N entries as Jool's atomic configuration, loaded twice.
jool_lane() {
	[ "${DCX_BENCH_JOOL:-on}" = off ] && return 0
	if ! jool_ready; then
		echo "jool         not available (no jool_siit module/tool)"
		return 0
	fi
	jool_json
	step jool-handle ip netns exec "$NS" "$JOOL" file handle "$W/jool.json"
	[ "$(ip netns exec "$NS" "$JOOL" -i bench eamt display --csv |
		grep -c /)" -ge "$N" ] || die "jool lost entries"
	step jool-again ip netns exec "$NS" "$JOOL" file handle "$W/jool.json"
	ip netns exec "$NS" "$JOOL" instance remove bench
	awk -v j="${SECS[jool-handle]}" -v a="${SECS[bulk-add]}" \
		-v p="${SECS[apply]}" -v ja="${SECS[jool-again]}" \
		-v pa="${SECS[apply-again]}" 'BEGIN {
		printf "ratio        jool-handle/bulk-add %.1fx, jool-handle/apply %.1fx, jool-again/apply-again %.1fx\n",
			j / a, j / p, ja / pa }'
}

# The Jool JSON of the same entries, in $W/jool.json.
jool_json() {
	python3 - "$W/eam.txt" "$W/jool.json" <<'PY'
import json, sys
eamt = []
for line in open(sys.argv[1]):
    p4, p6 = line.split()[:2]
    eamt.append({"ipv6 prefix": p6, "ipv4 prefix": p4})
json.dump({"instance": "bench", "framework": "netfilter",
           "global": {"pool6": "2001:db8:64::/96"}, "eamt": eamt},
          open(sys.argv[2], "w"))
PY
}

# median of the numbers on stdin
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# DCX_BENCH_VS_JOOL mode: interleaved rounds, medians, ratios.
vs_jool_mode() {
	local r s m
	declare -A ALL MED

	jool_ready || die "DCX_BENCH_VS_JOOL: no jool_siit (module and tool)"
	jool_json
	echo "config_bench: dcxlat vs Jool, N=$N entries, $(uname -r), $(nproc) CPU(s)"
	for r in $(seq "${DCX_BENCH_VS_JOOL:-3}"); do
		dcx instance add && dcx pool6 set 2001:db8:64::/96 ||
			die "setup"
		step add dcx eamt add --file "$W/eam.txt"
		[ "$(dcx eamt show | wc -l)" -eq "$N" ] || die "add lost entries"
		[ -s "$W/cfg.json" ] || dcx show >"$W/cfg.json" ||
			die "show failed"
		dcx instance del default && dcx instance add || die "instance re-add"
		step apply dcx apply "$W/cfg.json"
		[ "$(dcx eamt show | wc -l)" -eq "$N" ] ||
			die "apply lost entries"
		dcx instance del default || die "instance del"
		step jool ip netns exec "$NS" "$JOOL" file handle "$W/jool.json"
		[ "$(ip netns exec "$NS" "$JOOL" -i bench eamt display --csv |
			grep -c /)" -ge "$N" ] || die "jool lost entries"
		ip netns exec "$NS" "$JOOL" instance remove bench ||
			die "jool instance remove"
		for s in add apply jool; do
			ALL[$s]+="${SECS[$s]} "
		done
		ALL[r-add]+="$(awk -v j="${SECS[jool]}" -v a="${SECS[add]}" \
			'BEGIN { printf "%.2f", j / a }') "
		ALL[r-apply]+="$(awk -v j="${SECS[jool]}" -v a="${SECS[apply]}" \
			'BEGIN { printf "%.2f", j / a }') "
	done
	for s in add apply jool; do
		m=$(tr ' ' '\n' <<<"${ALL[$s]}" | grep . | median)
		MED[$s]=$m
		echo "median       $s $m s (rounds: ${ALL[$s]% })"
	done
	awk -v j="${MED[jool]}" -v a="${MED[add]}" -v p="${MED[apply]}" \
		'BEGIN { printf "ratio        jool/add %.1fx, jool/apply %.1fx (of the medians)\n", j / a, j / p }'
	for s in add apply; do
		m=$(tr ' ' '\n' <<<"${ALL[r-$s]}" | grep . | median)
		echo "ratio        jool/$s per round: ${ALL[r-$s]% }; median ${m}x"
	done
	echo "config_bench: done $(date -u +%Y-%m-%d), kernel $(uname -r), $(nproc) vCPU"
	exit 0
}

# One lane of the before/after mode: TAG, module, CLI. The module of the
# lane before is removed once its namespace (and instance) is gone.
declare -A AB
ab_lane() {
	local tag=$1 i deps

	for i in $(seq 30); do
		[ -d /sys/module/dcxlat ] || break
		rmmod dcxlat 2>/dev/null || sleep 1
	done
	[ -d /sys/module/dcxlat ] && die "cannot unload dcxlat"
	deps=$(modinfo -F depends "$2" | tr , ' ')
	[ -z "$deps" ] || modprobe -a $deps
	insmod "$2" || die "insmod $2"
	D=$3
	ip netns add "$NS" || die "ip netns add"
	dcx instance add && dcx pool6 set 2001:db8:64::/96 || die "setup"
	step "$tag-add" dcx eamt add --file "$W/eam.txt"
	[ -s "$W/cfg.json" ] || dcx show >"$W/cfg.json" || die "show failed"
	[ "$(dcx eamt show | wc -l)" -eq "$N" ] || die "$tag lost entries"
	dcx eamt flush
	step "$tag-apply" dcx apply "$W/cfg.json"
	AB[$tag-add]+=" ${SECS[$tag-add]}"
	AB[$tag-apply]+=" ${SECS[$tag-apply]}"
	ip netns del "$NS"
}

ab_mode() {
	local b=$DCX_BENCH_BEFORE r s

	[ -f "$b/dcxlat.ko" ] && [ -x "$b/dcxlat" ] ||
		die "DCX_BENCH_BEFORE=$b: no dcxlat.ko and dcxlat there"
	ip netns del "$NS"
	echo "config_bench: before/after, N=$N entries, $(uname -r)"
	for r in $(seq "${DCX_BENCH_ROUNDS:-1}"); do
		ab_lane before "$b/dcxlat.ko" "$b/dcxlat"
		ab_lane after "$DIR/dcxlat.ko" "$DIR/usr/dcxlat"
		ab_lane after "$DIR/dcxlat.ko" "$DIR/usr/dcxlat"
		ab_lane before "$b/dcxlat.ko" "$b/dcxlat"
	done
	for s in add apply; do
		echo "${AB[before-$s]} |${AB[after-$s]}" | awk -v s="$s" '{
			for (i = 1; $i != "|"; i++) b += $i
			nb = i - 1
			for (i++; i <= NF; i++) { a += $i; na++ }
			printf "%-12s before %.2f s, after %.2f s (means): %.2fx\n",
				s, b / nb, a / na, (b / nb) / (a / na) }'
	done
	echo "config_bench: done $(date -u +%Y-%m-%d), kernel $(uname -r), $(nproc) vCPU"
	exit 0
}
[ -n "${DCX_BENCH_BEFORE:-}" ] && ab_mode
[ -n "${DCX_BENCH_VS_JOOL:-}" ] && vs_jool_mode

dcx instance add || die "instance add"
dcx pool6 set 2001:db8:64::/96 || die "pool6 set"
echo "config_bench: N=$N entries, $(uname -r), $(nproc) CPU(s)"
sync
slab0=$(slab_kb)
vm0=$(vmalloc_kb)
step bulk-add dcx eamt add --file "$W/eam.txt"
slab1=$(slab_kb)
vm1=$(vmalloc_kb)
echo "slab-growth  $(( (slab1 - slab0) * 1024 / N )) bytes per entry ($(( (slab1 - slab0) / 1024 )) MiB for $N)"
echo "vmalloc-growth $(( (vm1 - vm0) * 1024 / N )) bytes per entry ($(( (vm1 - vm0) / 1024 )) MiB for $N)"
echo "memory-per-entry $(( (slab1 - slab0 + vm1 - vm0) * 1024 / N )) bytes (slab + vmalloc)"
[ "$(dcx eamt show | wc -l)" -eq "$N" ] || die "dump lost entries"
step dump-text dcx eamt show
step dump-json dcx -j eamt show
dcx show >"$W/cfg.json" || die "show failed"
step show dcx show
dcx eamt flush
step apply dcx apply "$W/cfg.json"
[ "$(dcx eamt show | wc -l)" -eq "$N" ] || die "apply lost entries"
step apply-again dcx apply "$W/cfg.json"
step bulk-del dcx eamt del --file "$W/eam.txt"
[ "$(dcx eamt show | wc -l)" -eq 0 ] || die "del left entries"
dcx eamt add --file "$W/eam.txt"
step flush dcx eamt flush
jool_lane
accel=tcg
grep -qw hypervisor /proc/cpuinfo && [ -e /dev/kvm ] && accel=kvm?
echo "config_bench: done $(date -u +%Y-%m-%d), kernel $(uname -r), accel $accel, $(nproc) vCPU, $(free -m | awk '/^Mem:/ { print $2 }') MB"
