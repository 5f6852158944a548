#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug-kernel lane (`make debug-test`, and a phase of tests/run.sh):
# the kernel of tests/debug/kernel.sh (built once per machine, cached
# outside the clone), dcxlat.ko built against THAT tree (in a copy, so the
# tree's dcxlat.ko stays the stock kernel's), then the selftests in a VM
# booting it (tests/debug/guest.sh: debug options printed and checked,
# kmemleak scanned after the suite). Any KASAN/lockdep/RCU/UBSAN/WARN line
# in the guest's kernel log, or a kmemleak suspect, fails the run. The last
# line is "N passed, N failed".
#
#   bash tests/debug/run.sh [--kvm]
#
# Environment: DEBUG_SELFTESTS (scripts to run, by name; default: every
# selftest), VM_TIMEOUT (whole VM run, default 14400 s), KSFT_TIMEOUT (per
# script, default 3600 s), DCX_DEBUG_CACHE, DEBUG_JOBS (see kernel.sh).
# Logs: tests/vm/out/debug/{kernel,module,vm}.log and run-vm.sh's
# console-/dmesg-/output-RELEASE.log, kernel-problems-RELEASE.txt.

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
OUT=$REPO/tests/vm/out
LOG=$OUT/debug
VM_ARGS=()
for a in "$@"; do
	case "$a" in
	--kvm) VM_ARGS+=(--kvm) ;;
	-h|--help) sed -n '4,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "debug-test: unknown argument '$a'" >&2; exit 2 ;;
	esac
done
mkdir -p "$LOG"
cd "$REPO" || exit 1

passed=0
failed=0
t_all=$SECONDS
t=$SECONDS
lap() { echo "debug-test: $1 in $((SECONDS - t))s"; t=$SECONDS; }
finish() {
	echo "debug-test: total $((SECONDS - t_all))s"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && exit 0
	exit 1
}
fail() {
	echo "debug-test: FAILED: $*" >&2
	failed=$((failed + 1))
	finish
}

bash tests/deps.sh --debug || fail "tests/deps.sh --debug"
# The config check that guards the kernel build must itself work.
st=$(bash tests/debug/selftest.sh)
echo "$st"
passed=$((passed + $(grep -c '^ok ' <<<"$st")))
failed=$((failed + $(grep -c '^not ok ' <<<"$st")))
DIR=$(tests/debug/kernel.sh 2> >(tee "$LOG/kernel.log" >&2) | tail -n 1)
[ -e "$DIR/ok" ] || fail "debug kernel build, see $LOG/kernel.log"
REL=$(cat "$DIR/release")
lap "kernel $REL ($DIR)"

kb=$OUT/kbuild-debug
rm -rf "$kb" && mkdir -p "$kb" && cp -r Makefile Kbuild VERSION kmod "$kb"/ &&
	make -C "$kb" -j"$(nproc)" KDIR="$DIR/linux" kmod >"$LOG/module.log" 2>&1 &&
	make -C usr >>"$LOG/module.log" 2>&1 ||
	fail "module against $DIR/linux, see $LOG/module.log"
lap "module and CLI built"

export DCX_KO=$kb/dcxlat.ko
export DCX_OUT_DIR=$OUT/selftests-debug-$$
export KSFT_TIMEOUT=${KSFT_TIMEOUT:-3600}
# No 5-level paging: with qemu's "max" CPU (LA57) this KASAN kernel once
# reported a wild-memory-access in an interrupt during identify_cpu(), at
# 1.7 s of boot, long before dcxlat is loaded (2026-12-06, address
# ff11..., the 5-level direct map); 4-level paging is what the hosts run.
export VM_CPU=${VM_CPU:-max,la57=off}
rm -rf "$DCX_OUT_DIR"
SELFTESTS=${DEBUG_SELFTESTS:-} tests/vm/run-vm.sh --kver "$REL" \
	--kernel "$DIR/bzImage" --moddir "$DIR/modroot/lib/modules/$REL" \
	--module "$DCX_KO" --mem 2048 --timeout "${VM_TIMEOUT:-14400}" \
	"${VM_ARGS[@]}" -- tests/debug/guest.sh 2>&1 | tee "$LOG/vm.log"
vrc=${PIPESTATUS[0]}
lap "VM run (exit $vrc)"

# Assertions of the selftests and guest.sh, then one for the kernel log.
hp=$passed hf=$failed
if [ -s "$DCX_OUT_DIR/selftests.totals" ]; then
	# shellcheck disable=SC1091
	. "$DCX_OUT_DIR/selftests.totals"
else
	passed=0
	failed=1
	echo "debug-test: no totals from the VM" >&2
fi
passed=$((passed + hp))
failed=$((failed + hf))
kp=$(sed -n 's/^kernel_problems=//p' "$OUT/vm-result-$REL" 2>/dev/null)
if [ "${kp:-1}" -eq 0 ]; then
	passed=$((passed + 1))
	echo "ok - debug kernel log clean (KASAN, lockdep, RCU, UBSAN, WARN)"
else
	failed=$((failed + 1))
	echo "not ok - debug kernel log: ${kp:-no result} problem line(s)," \
		"see tests/vm/out/kernel-problems-$REL.txt"
fi
[ "$vrc" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
finish
