#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug lane inside the VM (run by tests/debug/run.sh through
# tests/vm/run-vm.sh on the debug kernel). Prints the debug options of the
# booted kernel, takes a kmemleak baseline (boot-time suspects are not
# ours), runs tests/selftests/run_all.sh ($SELFTESTS, default all), then
# scans kmemleak twice and prints every new suspect. Adds two assertions to
# run_all.sh's totals in $DCX_OUT_DIR: "debug options on" and "kmemleak:
# no new suspect after the suite". Exit status 0 only when all passed.

set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
KML=/sys/kernel/debug/kmemleak
TOT=$DCX_OUT_DIR/selftests.totals
# The options the lane promises (docs/testing.md, issue 13).
WANT='KASAN KASAN_INLINE PROVE_LOCKING PROVE_RCU DEBUG_ATOMIC_SLEEP
DEBUG_OBJECTS_RCU_HEAD DEBUG_KMEMLEAK UBSAN SLUB_DEBUG DEBUG_NET'

p=0 f=0
assert() {	# assert OK|FAIL DESCRIPTION
	if [ "$1" = OK ]; then
		p=$((p + 1))
		echo "ok - $2"
	else
		f=$((f + 1))
		echo "not ok - $2"
	fi
}

echo "# debug kernel $(uname -r): $(tr -d '\n' </proc/cmdline)"
# IKCONFIG_PROC of the debug kernel; Debian's own in /boot.
cfg=$(zcat /proc/config.gz 2>/dev/null || cat "/boot/config-$(uname -r)")
missing=
for o in $WANT; do
	v=$(grep -E "^CONFIG_$o=" <<<"$cfg" || echo "=unset")
	echo "#   CONFIG_$o=${v#*=}"
	[ "${v#*=}" = y ] || missing+=" $o"
done
st=OK
[ -z "$missing" ] || st=FAIL
assert "$st" "debug options on in the booted kernel${missing:+ (missing:$missing)}"

# Boot-time suspects (firmware, early init) are not the module's.
if [ -w "$KML" ]; then
	echo scan >"$KML"
	echo clear >"$KML"
fi

bash "$REPO/tests/selftests/run_all.sh"

if [ -w "$KML" ]; then
	# Two scans: an object freed by a pending RCU callback or still in a
	# per-CPU cache at the first one is gone at the second.
	sleep 5
	echo scan >"$KML"
	sleep 5
	echo scan >"$KML"
	leaks=$(grep -c '^unreferenced object' "$KML")
	[ "$leaks" -eq 0 ] || cat "$KML"
	st=OK
	[ "$leaks" -eq 0 ] || st=FAIL
	assert "$st" "kmemleak: no new suspect after the suite ($leaks)"
else
	assert FAIL "kmemleak: $KML is not writable"
fi

if [ -s "$TOT" ]; then
	# shellcheck disable=SC1090
	. "$TOT"
	# shellcheck disable=SC2154
	passed=$((passed + p))
	failed=$((failed + f))
	printf 'passed=%s\nfailed=%s\nskipped=%s\nscripts=%s\nscripts_failed=%s\n' \
		"$passed" "$failed" "$skipped" "$scripts" "$scripts_failed" >"$TOT"
	[ "$failed" -eq 0 ] && [ "$scripts_failed" -eq 0 ]
else
	echo "# no totals from run_all.sh in $TOT"
	exit 1
fi
