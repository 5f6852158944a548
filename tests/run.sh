#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The test command (make test, .ci/run): dependencies, build, unit tests on
# the host, then every selftest inside a VM booting the Debian kernel the
# module is built for. The last line is "N passed, N failed, N skipped",
# summing cmocka unit tests and selftest TAP assertions. Exit status 0 only
# when nothing failed and the VM kernel log is clean.
#
#   bash tests/run.sh [--kvm] [--no-unit] [--no-vm]
#
# Environment: KVER (kernel to build for and boot; default: the newest
# with headers and a /boot/vmlinuz; when KVER is not given and an older
# kernel is installed too, it gets a second VM pass running SMOKE_SELFTESTS,
# default "basic_xlat module_lifecycle seed_002_clat space_tenants cli_messages"), SELFTESTS (subset of selftests, by
# name), VM_TIMEOUT (seconds for the whole VM run, default 3600),
# KSFT_TIMEOUT (per selftest script, default 900).
# Logs: tests/vm/out/{build,unit,install,deb,vm}.log, selftests.tap, console-KVER.log,
# dmesg-KVER.log.

set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
OUT=$REPO/tests/vm/out
cd "$REPO" || exit 1
mkdir -p "$OUT"

VM_ARGS=()
DO_UNIT=1
DO_VM=1
for a in "$@"; do
	case "$a" in
	--kvm) VM_ARGS+=(--kvm) ;;
	--no-unit) DO_UNIT=0 ;;
	--no-vm) DO_VM=0 ;;
	-h|--help) sed -n '3,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument '$a'" >&2; exit 2 ;;
	esac
done

passed=0
failed=0
skipped=0
notes=()
T_START=$(date +%s)

phase_start() {
	PHASE=$1
	PHASE_T0=$(date +%s)
	echo
	echo "==== $PHASE"
}

phase_end() {
	echo "==== $PHASE: $(($(date +%s) - PHASE_T0))s ($1)"
	TIMES+=("$PHASE $(($(date +%s) - PHASE_T0))s")
}
TIMES=()

# ---------------------------------------------------------------------------
phase_start deps
if bash tests/deps.sh; then
	phase_end ok
else
	phase_end FAILED
	failed=$((failed + 1))
	notes+=("deps: tests/deps.sh failed")
fi

# Same pick as the top Makefile, so build and VM agree on the kernel: the
# newest with headers and a vmlinuz. The oldest such kernel, when it is a
# different one, gets a second, shorter VM pass (SMOKE_SELFTESTS) so both
# supported kernels boot the module in every run.
kernels() {
	for d in /lib/modules/*/build; do
		k=${d%/build}; k=${k##*/}
		[ -e "/boot/vmlinuz-$k" ] && echo "$k"
	done | sort -V
}
KVER2=
if [ -z "${KVER:-}" ]; then
	KVER=$(kernels | tail -n 1)
	KVER2=$(kernels | head -n 1)
fi
[ "$KVER2" = "$KVER" ] && KVER2=
export KVER
SMOKE_SELFTESTS=${SMOKE_SELFTESTS:-basic_xlat module_lifecycle seed_002_clat space_tenants cli_messages}
# A full run (no SELFTESTS) leaves out the opt-in selftests unless
# OPTIN_SELFTESTS=1: package_deb (DKMS compiles the module inside the TCG
# guest; run it with SELFTESTS=package_deb, docs/testing.md).
OPTIN_LIST="package_deb"
FULL_SELFTESTS=
if [ -z "${SELFTESTS:-}" ] && [ "${OPTIN_SELFTESTS:-0}" != 1 ]; then
	for f in tests/selftests/*.sh; do
		n=$(basename "$f" .sh)
		case "$n" in lib|run_all|*_lib) continue ;; esac
		[[ " $OPTIN_LIST " == *" $n "* ]] || FULL_SELFTESTS+="$n "
	done
fi

# The debug lane's kernel (tests/debug/kernel.sh: built once per machine,
# cached outside the clone) is built in the background at the lowest CPU
# priority while the other phases run, so it only takes the CPU they leave
# idle; the lane's phase at the end waits for it. A full VM run has the lane
# unless DEBUG_LANE=0; a SELFTESTS subset only with DEBUG_LANE=1.
if [ -z "${SELFTESTS:-}" ]; then
	DEBUG_LANE=${DEBUG_LANE:-1}
else
	DEBUG_LANE=${DEBUG_LANE:-0}
fi
[ "$DO_VM" = 1 ] || DEBUG_LANE=0
DEBUG_KPID=
if [ "$DEBUG_LANE" = 1 ]; then
	mkdir -p "$OUT/debug"
	if bash tests/deps.sh --debug >"$OUT/debug/deps.log" 2>&1; then
		nice -n 19 bash tests/debug/kernel.sh \
			>"$OUT/debug/kernel-background.log" 2>&1 &
		DEBUG_KPID=$!
		echo "debug lane: kernel build in the background (pid $DEBUG_KPID," \
			"tests/vm/out/debug/kernel-background.log)"
	else
		echo "debug lane: tests/deps.sh --debug failed," \
			"see tests/vm/out/debug/deps.log"
	fi
fi

# ---------------------------------------------------------------------------
phase_start "build (KVER=$KVER)"
BUILD_OK=0
if make -j"$(nproc)" KVER="$KVER" all nlfuzz 2>&1 | tee "$OUT/build.log"; then
	BUILD_OK=1
	phase_end ok
else
	phase_end FAILED
	failed=$((failed + 1))
	notes+=("build: make failed, see tests/vm/out/build.log")
fi

# ---------------------------------------------------------------------------
# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s),
# listed below:" (the latter on stderr) at the end of each binary; "make
# run" prints "=== NAME" before each and "=== NAME: exit status N" after
# a failing one. A binary that dies before its summary counts as one
# failure.
parse_unit() {
	awk '
	function flush() {
		if (name != "" && bad && !nfail)
			fail++
		name = ""; bad = 0; nfail = 0
	}
	/^=== [^ ]+$/ { flush(); name = $2; next }
	/^=== [^ ]+: exit status/ { bad = 1; next }
	/^\[  PASSED  \] [0-9]+ test/ {
		v = $0; sub(/^\[  PASSED  \] /, "", v); pass += v + 0; next }
	/^\[  FAILED  \] [0-9]+ test/ {
		v = $0; sub(/^\[  FAILED  \] /, "", v); nfail += v + 0
		fail += v + 0; next }
	/^\[  SKIPPED \] [0-9]+ test/ {
		v = $0; sub(/^\[  SKIPPED \] /, "", v); skip += v + 0; next }
	END { flush(); printf "%d %d %d\n", pass, fail, skip }
	' "$1"
}

if [ "$DO_UNIT" = 1 ]; then
	phase_start "unit tests (host)"
	make -C tests/unit run 2>&1 | tee "$OUT/unit.log"
	urc=${PIPESTATUS[0]}
	read -r up uf us < <(parse_unit "$OUT/unit.log")
	if [ "$urc" -ne 0 ] && [ "$uf" -eq 0 ]; then
		# Build failure or a crash outside any test binary.
		uf=1
	fi
	if [ "$urc" -eq 0 ] && [ "$up" -eq 0 ]; then
		notes+=("unit: no cmocka summary found in tests/vm/out/unit.log")
	fi
	passed=$((passed + up))
	failed=$((failed + uf))
	skipped=$((skipped + us))
	phase_end "passed $up, failed $uf, skipped $us, make exit $urc"
fi

# ---------------------------------------------------------------------------
# Every test docs/rfc-compliance.md cites exists (and, for unit tests, passed
# in this run): one assertion.
if [ "$DO_UNIT" = 1 ]; then
	phase_start "compliance matrix references"
	if bash tests/compliance/check.sh --log "$OUT/unit.log" \
		>"$OUT/compliance.log" 2>&1; then
		passed=$((passed + 1))
		phase_end "ok: $(tail -n 1 "$OUT/compliance.log")"
	else
		failed=$((failed + 1))
		notes+=("compliance: see tests/vm/out/compliance.log")
		phase_end FAILED
	fi
fi

# ---------------------------------------------------------------------------
# gcov line and branch coverage of kmod/core/ under the unit tests (make -C
# tests/unit coverage: gcovr, fails under its floors): one assertion, the
# figures in the phase line. Uncovered branches: docs/testing.md.
if [ "$DO_UNIT" = 1 ]; then
	phase_start "coverage (kmod/core under the unit tests)"
	if make -C tests/unit coverage >"$OUT/coverage.log" 2>&1; then
		passed=$((passed + 1))
		phase_end "ok: $(grep -E '^(lines|branches):' "$OUT/coverage.log" |
			tr '\n' ' ')"
	else
		failed=$((failed + 1))
		tail -n 30 "$OUT/coverage.log"
		notes+=("coverage: see tests/vm/out/coverage.log")
		phase_end FAILED
	fi
fi

# libFuzzer targets (tests/fuzz: fuzz_46, fuzz_64, fuzz_err46, fuzz_err64,
# fuzz_cli), FUZZ_TIME seconds each (default 20) over the checked-in corpus:
# one assertion per target; executions per target in tests/vm/out/fuzz.log.
if [ "$DO_UNIT" = 1 ]; then
	phase_start "fuzz (${FUZZ_TIME:-20} s per target)"
	make -C tests/fuzz run FUZZ_TIME="${FUZZ_TIME:-20}" >"$OUT/fuzz.log" 2>&1
	fp=$(grep -cE '^fuzz_[a-z0-9]+: .* exit 0$' "$OUT/fuzz.log")
	ff=$(grep -cE '^fuzz_[a-z0-9]+: .* exit [1-9]' "$OUT/fuzz.log")
	[ $((fp + ff)) -gt 0 ] || ff=1	# the build failed
	if [ "$ff" -gt 0 ]; then
		tail -n 40 "$OUT/fuzz.log"
		notes+=("fuzz: see tests/vm/out/fuzz.log")
	fi
	passed=$((passed + fp))
	failed=$((failed + ff))
	phase_end "passed $fp, failed $ff: $(grep -E '^fuzz_' "$OUT/fuzz.log" |
		sed 's/ executions in.*//' | tr '\n' ' ')"
fi

# ---------------------------------------------------------------------------
# The structure of the tree (tests/structure/check.py: no cycle between
# modules, no source file over 600 lines, no kmod include of tests/, one core
# file list, core files include only env.h) and the checker's own self-test
# over its fixtures: one assertion each. Static, so it runs with --no-unit too.
phase_start "structure"
sp=0 sf=0
if bash tests/structure/selftest.sh >"$OUT/structure-selftest.log" 2>&1; then
	sp=$((sp + 1))
else
	sf=$((sf + 1))
	notes+=("structure: the checker's self-test failed, see tests/vm/out/structure-selftest.log")
fi
if python3 tests/structure/check.py >"$OUT/structure.log" 2>&1; then
	sp=$((sp + 1))
else
	sf=$((sf + 1))
	grep -v '^ ' "$OUT/structure.log" | head -n 40
	notes+=("$(tail -n 1 "$OUT/structure.log"), see tests/vm/out/structure.log")
fi
passed=$((passed + sp))
failed=$((failed + sf))
phase_end "passed $sp, failed $sf: $(tail -n 1 "$OUT/structure.log")"

# The netlink family's YNL spec agrees with the uapi header, the kernel's
# policies and its ops table (tests/netlink/check_spec.py), and the checker
# catches every deliberately broken copy of the spec (--self-test): one
# assertion each.
phase_start "netlink spec"
np=0 nf=0
for a in "" --self-test; do
	log=$OUT/netlink-spec${a:+-selftest}.log
	if python3 tests/netlink/check_spec.py $a >"$log" 2>&1; then
		np=$((np + 1))
	else
		nf=$((nf + 1))
		tail -n 20 "$log"
		notes+=("netlink spec${a:+ self-test}: see tests/vm/out/${log##*/}")
	fi
done
passed=$((passed + np))
failed=$((failed + nf))
phase_end "passed $np, failed $nf: $(tail -n 1 "$OUT/netlink-spec.log")"

# The command synopses of docs/cli.md and of the help are accepted by the
# CLI's parser (tests/docs/check_cli.py, host, no kernel), after its
# --self-test showed that it catches a bogus line: one assertion.
phase_start "docs synopsis"
if { python3 tests/docs/check_cli.py --self-test &&
	python3 tests/docs/check_cli.py; } >"$OUT/docs-cli.log" 2>&1; then
	passed=$((passed + 1))
	phase_end "ok: $(tail -n 1 "$OUT/docs-cli.log")"
else
	failed=$((failed + 1))
	tail -n 20 "$OUT/docs-cli.log"
	notes+=("docs synopsis: see tests/vm/out/docs-cli.log")
	phase_end FAILED
fi

# host_check LABEL SCRIPT NAME: one host phase running tests/install/SCRIPT
# into tests/vm/out/NAME.log, one assertion per "ok"/"not ok" line.
host_check() {
	local log=$OUT/$3.log ip ifl
	phase_start "$1"
	bash "tests/install/$2" >"$log" 2>&1
	ip=$(grep -c '^ok ' "$log")
	ifl=$(grep -c '^not ok ' "$log")
	if [ "$ip" -eq 0 ] && [ "$ifl" -eq 0 ]; then
		ifl=1	# died before its first assertion
	fi
	if [ "$ifl" -gt 0 ]; then
		grep -A 20 '^not ok ' "$log" | head -n 40
		notes+=("$3: see tests/vm/out/$3.log")
	fi
	passed=$((passed + ip))
	failed=$((failed + ifl))
	phase_end "passed $ip, failed $ifl"
}

# make / install / uninstall / dist on the host (tests/install/check.sh):
# installs only into a temporary staging directory (DESTDIR,
# INSTALL_MOD_PATH).
if [ "$BUILD_OK" = 1 ]; then
	host_check "install (host, staging dir)" check.sh install
fi

# The Debian packages (tests/install/deb.sh): make deb into
# tests/vm/out/deb, content and lintian checks; the VM selftest
# package_deb installs them from there. Only when package_deb runs.
if [ "$BUILD_OK" = 1 ] && [ "$DO_VM" = 1 ] &&
	[[ " ${SELFTESTS:-$FULL_SELFTESTS} " == *" package_deb "* ||
	   -z "${SELFTESTS:-}" ]]; then
	host_check "Debian packages (host)" deb.sh deb
fi

# ---------------------------------------------------------------------------
# run_vm KVER LABEL: every selftest (or $SELFTESTS) in a VM booting KVER.
run_vm() {
	local kver=$1 label=$2 st=${3:-${SELFTESTS:-$FULL_SELFTESTS}} vrc sp sf ss tot kp boot
	local mod=()

	[ -n "${4:-}" ] && mod=(--module "$4")
	# The selftests load the module from DCX_KO (default: the tree's).
	export DCX_KO=${4:-}
	[ -n "$DCX_KO" ] || unset DCX_KO

	phase_start "selftests (VM, kernel $kver$label)"
	# Our own results directory (exported into the VM as DCX_*).
	export DCX_OUT_DIR=$OUT/selftests-run-$$-$kver
	rm -rf "$DCX_OUT_DIR"
	SELFTESTS=$st tests/vm/run-vm.sh --kver "$kver" --timeout "${VM_TIMEOUT:-3600}" \
		"${VM_ARGS[@]}" "${mod[@]}" -- tests/selftests/run_all.sh 2>&1 |
		tee "$OUT/vm-$kver.log"
	vrc=${PIPESTATUS[0]}
	sp=0 sf=0 ss=0
	tot=$DCX_OUT_DIR/selftests.totals
	if [ -s "$tot" ]; then
		sp=$(sed -n 's/^passed=//p' "$tot")
		sf=$(sed -n 's/^failed=//p' "$tot")
		ss=$(sed -n 's/^skipped=//p' "$tot")
	else
		sf=1
		notes+=("selftests $kver: no totals from the VM (exit $vrc)")
	fi
	kp=$(sed -n 's/^kernel_problems=//p' "$OUT/vm-result-$kver" 2>/dev/null)
	if [ "${kp:-0}" -gt 0 ]; then
		sf=$((sf + 1))
		notes+=("VM kernel log $kver: $kp problem line(s)," \
			"see tests/vm/out/kernel-problems-$kver.txt")
	fi
	if [ "$vrc" -ne 0 ] && [ "$sf" -eq 0 ]; then
		sf=1
		notes+=("VM run $kver exited $vrc")
	fi
	boot=$(sed -n 's/^boot_seconds=//p' "$OUT/vm-result-$kver" 2>/dev/null)
	passed=$((passed + sp))
	failed=$((failed + sf))
	skipped=$((skipped + ss))
	phase_end "passed $sp, failed $sf, skipped $ss, VM exit $vrc, boot ${boot:-?}s"
}

if [ "$DO_VM" = 1 ]; then
	if [ "$BUILD_OK" = 1 ]; then
		run_vm "$KVER" ""
	else
		failed=$((failed + 1))
		notes+=("selftests: not run, the build failed")
	fi
	if [ -n "$KVER2" ]; then
		# Built in a copy, so the tree's dcxlat.ko stays the one for $KVER.
		phase_start "build (KVER=$KVER2)"
		kb=$OUT/kbuild-$KVER2
		rm -rf "$kb" && mkdir -p "$kb" && cp -r Makefile Kbuild VERSION kmod "$kb"/
		if make -C "$kb" -j"$(nproc)" KVER="$KVER2" kmod \
			>"$OUT/build-$KVER2.log" 2>&1
		then
			phase_end ok
			run_vm "$KVER2" ", smoke" "${SELFTESTS:-$SMOKE_SELFTESTS}" \
				"$kb/dcxlat.ko"
		else
			phase_end FAILED
			failed=$((failed + 1))
			notes+=("build: module for $KVER2 failed, see tests/vm/out/build-$KVER2.log")
		fi
	fi
fi

# ---------------------------------------------------------------------------
# The debug-kernel lane (tests/debug/run.sh, = make debug-test with a
# subset): KASAN/lockdep/PROVE_RCU/kmemleak/UBSAN kernel built once per
# machine (cached outside the clone), DEBUG_SELFTESTS on it (default: the
# CI subset of docs/testing.md). Its "N passed, N failed" is added.
if [ "$DEBUG_LANE" = 1 ]; then
	phase_start "debug kernel lane (tests/debug/run.sh)"
	if [ -n "$DEBUG_KPID" ]; then
		wait "$DEBUG_KPID"
		echo "debug lane: background kernel build exited $?" \
			"($(tail -n 1 "$OUT/debug/kernel-background.log"))"
	fi
	# pkt_fuzz replays the seed whose packet made skb_checksum_help() WARN
	# before kmod/skb.c refused a csum_start outside the L4 headers: the
	# lane's regression test (random seeds: the stock-kernel pass).
	DCX_PKTFUZZ_SEED=${DCX_PKTFUZZ_SEED:-1796588145} \
	DEBUG_SELFTESTS=${DEBUG_SELFTESTS-basic_xlat module_lifecycle nl_fuzz pkt_fuzz} \
		VM_TIMEOUT=${DEBUG_VM_TIMEOUT:-3600} bash tests/debug/run.sh \
		"${VM_ARGS[@]}" 2>&1 | tee "$OUT/debug-lane.log"
	dl=$(tail -n 1 "$OUT/debug-lane.log")
	if [[ "$dl" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		dp=${BASH_REMATCH[1]} df=${BASH_REMATCH[2]}
	else
		dp=0 df=1
	fi
	[ "$df" -eq 0 ] || notes+=("debug lane: see tests/vm/out/debug-lane.log")
	passed=$((passed + dp))
	failed=$((failed + df))
	phase_end "passed $dp, failed $df"
fi

echo
echo "==== summary (total $(($(date +%s) - T_START))s)"
for t in "${TIMES[@]}"; do
	echo "  $t"
done
for n in "${notes[@]}"; do
	echo "  note: $n"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
