#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The one test command: install dependencies, build, run the userspace unit
# tests on the host and the selftests inside a qemu VM, then print a last
# line "N passed, N failed[, N skipped]" summing both. Exit non-zero when
# anything failed, the VM saw a kernel problem, or a phase broke.
#
# Environment: KVER (kernel to build for and boot), DCX_VM_ARGS (extra
# tests/vm/run-vm.sh options, e.g. --kvm), SELFTESTS (subset to run).

set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO" || exit 1
OUT=$REPO/tests/vm/out
mkdir -p "$OUT"

passed=0 failed=0 skipped=0 broken=0
phase_start=$SECONDS
phase() {
	echo "== $1 (previous phase took $((SECONDS - phase_start))s)"
	phase_start=$SECONDS
}

phase "dependencies"
bash tests/deps.sh || { echo "deps: failed" >&2; broken=1; }

if [ -z "${KVER:-}" ]; then
	KVER=$(make -s -f Makefile print-kver 2>/dev/null)
fi
export KVER
echo "kernel for build and VM: ${KVER:-none}"

phase "build"
if ! make -s KVER="$KVER" all; then
	echo "build: failed" >&2
	broken=1
fi

phase "unit tests"
unit_log=$OUT/unit.log
make -s -C tests/unit run >"$unit_log" 2>&1
unit_rc=$?
cat "$unit_log"
up=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$unit_log" | awk '{s+=$4} END {print s+0}')
uf=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$unit_log" | awk '{s+=$4} END {print s+0}')
[ "$unit_rc" -ne 0 ] && [ "$uf" -eq 0 ] &&
	echo "unit: make failed without a counted failure" >&2
echo "unit: $up passed, $uf failed"

phase "VM selftests"
rm -f "$OUT/selftests.totals"
# shellcheck disable=SC2086
tests/vm/run-vm.sh --kver "$KVER" ${DCX_VM_ARGS:-} -- \
	bash tests/selftests/run_all.sh
vm_rc=$?
[ -r "$OUT/selftests.totals" ] ||
	echo "selftests: no totals from the VM (exit $vm_rc)" >&2
sp=0 sf=0 ss=0
if [ -r "$OUT/selftests.totals" ]; then
	sp=$(sed -n 's/^passed=//p' "$OUT/selftests.totals")
	sf=$(sed -n 's/^failed=//p' "$OUT/selftests.totals")
	ss=$(sed -n 's/^skipped=//p' "$OUT/selftests.totals")
fi
passed=$((up + ${sp:-0}))
failed=$((uf + ${sf:-0}))
[ "$unit_rc" -ne 0 ] && [ "$uf" -eq 0 ] && failed=$((failed + 1))
skipped=${ss:-0}
if [ "$vm_rc" -ne 0 ] && [ "${sf:-0}" -eq 0 ]; then
	echo "VM run failed (exit $vm_rc: kernel problem, timeout or crash;" \
	     "see $OUT)" >&2
	failed=$((failed + 1))
fi
phase "done"
[ "$broken" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
