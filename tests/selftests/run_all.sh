#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every selftest script in this directory (all *.sh except lib.sh, *_lib.sh and
# run_all.sh), each under a timeout, inside the test VM:
#
#	tests/vm/run-vm.sh -- tests/selftests/run_all.sh
#
# Prints TAP 13: one line per script, the script's own TAP as "# "
# diagnostics. Writes into DCX_OUT_DIR (default: a new
# tests/vm/out/selftests-DATE-PID/, linked as tests/vm/out/selftests-latest):
# selftests.tap (the whole stream), logs/NAME.log (each script's raw
# output) and selftests.totals (assertion counts, read by tests/run.sh);
# the TAP and totals are copied to tests/vm/out/ as well.
#
# Environment: SELFTESTS="basic_xlat other" runs only those scripts;
# KSFT_TIMEOUT per-script timeout in seconds (default 900; a script with a
# "# ksft-timeout: SECONDS" line gets that much when it is more).
# A script that exits non-zero without a "not ok" line counts as one
# failed assertion; one that is skipped (exit 4) without any assertion
# counts as one skipped; a kernel warning/bug logged while a script ran
# adds one failed assertion "kernel log clean after NAME".

set -u
set -o pipefail

DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$DIR/../.." && pwd -P)
TOP_OUT=$REPO/tests/vm/out
# A directory of our own: several people may run the VM at once.
OUT=${DCX_OUT_DIR:-$TOP_OUT/selftests-$(date +%Y%m%d-%H%M%S)-$$}
TIMEOUT=${KSFT_TIMEOUT:-900}
TAP=$OUT/selftests.tap
TOTALS=$OUT/selftests.totals
LOGDIR=$OUT/logs

KERNEL_BAD='WARNING:|BUG:|Oops|general protection fault|RCU stall'
KERNEL_BAD+='|detected stall|KASAN|UBSAN|[Kk]ernel panic|unreferenced object'
KERNEL_BAD+='|blocked for more than'

mkdir -p "$LOGDIR"
# Results of earlier runs are kept for a day.
find "$TOP_OUT" -maxdepth 1 -type d -name 'selftests-*' -mmin +1440 \
	-exec rm -rf {} + 2>/dev/null
rm -f "$TOTALS"

scripts=()
for f in "$DIR"/*.sh; do
	n=$(basename "$f" .sh)
	case "$n" in lib|run_all|*_lib) continue ;; esac
	if [ -n "${SELFTESTS:-}" ] && ! [[ " $SELFTESTS " == *" $n "* ]]; then
		continue
	fi
	scripts+=("$f")
done

main() {
	local i=0 f n log rc t0 t1 p fl s mark bad status to
	local passed=0 failed=0 skipped=0 sfailed=0
	echo "TAP version 13"
	echo "1..${#scripts[@]}"
	for f in "${scripts[@]}"; do
		i=$((i + 1))
		n=$(basename "$f" .sh)
		log=$LOGDIR/$n.log
		echo "# selftests: $n"
		mark=$(dmesg | wc -l)
		t0=$(date +%s)
		to=$(sed -n 's/^# ksft-timeout: *\([0-9][0-9]*\)$/\1/p' "$f")
		[ "${to:-0}" -gt "$TIMEOUT" ] || to=$TIMEOUT
		timeout -k 10 "$to" bash "$f" </dev/null 2>&1 |
			tee "$log" | sed -u 's/^/# /'
		rc=${PIPESTATUS[0]}
		t1=$(date +%s)

		p=$(grep -acE '^ok [0-9]+' "$log" | head -n 1)
		s=$(grep -aciE '^ok [0-9]+.*# *skip' "$log" | head -n 1)
		fl=$(grep -acE '^not ok [0-9]+' "$log" | head -n 1)
		p=$((p - s))

		status=
		case "$rc" in
		0) status="ok $i - $n" ;;
		4) status="ok $i - $n # SKIP"
		   [ $((p + s + fl)) -eq 0 ] && s=1 ;;
		124|137) status="not ok $i - $n # TIMEOUT ${to}s"
		   fl=$((fl + 1)) ;;
		*) status="not ok $i - $n # exit=$rc"
		   [ "$fl" -eq 0 ] && fl=1 ;;
		esac

		bad=$(dmesg | tail -n +"$((mark + 1))" | grep -aE "$KERNEL_BAD")
		if [ -n "$bad" ]; then
			echo "# kernel log while $n ran:"
			echo "$bad" | sed 's/^/#   /'
			echo "not ok - kernel log clean after $n" >>"$log"
			fl=$((fl + 1))
			case "$status" in
			ok*) status="not ok $i - $n # kernel warning" ;;
			esac
		fi

		case "$status" in not*) sfailed=$((sfailed + 1)) ;; esac
		passed=$((passed + p))
		failed=$((failed + fl))
		skipped=$((skipped + s))
		echo "# $n: $((t1 - t0))s, pass $p fail $fl skip $s"
		echo "$status"
	done
	echo "# totals: pass:$passed fail:$failed skip:$skipped"
	{
		echo "passed=$passed"
		echo "failed=$failed"
		echo "skipped=$skipped"
		echo "scripts=${#scripts[@]}"
		echo "scripts_failed=$sfailed"
	} >"$TOTALS"
}

main | tee "$TAP"
# The latest results also under the stable names.
cp "$TAP" "$TOP_OUT/selftests.tap.$$" &&
	mv -f "$TOP_OUT/selftests.tap.$$" "$TOP_OUT/selftests.tap"
cp "$TOTALS" "$TOP_OUT/selftests.totals.$$" 2>/dev/null &&
	mv -f "$TOP_OUT/selftests.totals.$$" "$TOP_OUT/selftests.totals"
ln -sfn "$(basename "$OUT")" "$TOP_OUT/selftests-latest" 2>/dev/null
echo "# results in ${OUT#"$REPO"/}"
# shellcheck disable=SC1090
. "$TOTALS" 2>/dev/null || exit 1
# shellcheck disable=SC2154
[ "$failed" -eq 0 ] && [ "$scripts_failed" -eq 0 ]
