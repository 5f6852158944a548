#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of tests/structure/check.py: a check that cannot fail is a
# defect, so the checker runs over small trees under fixtures/, each
# breaking one rule (or none), and its whole output and exit status must be
# the ones in that fixture's "expected" file:
#
#   clean          every rule holds, with traps that are no dependency (a
#                  name in a comment or a string, a struct member, a
#                  prototype, a static function named like another
#                  module's); also --graph against expected-graph
#   cycle_include  usr/a.h includes b.h, usr/b.c includes a.h
#   cycle_call     kmod/p.c calls q.c's function; r.c takes the address of
#                  s.c's function, s.c calls r.c's (no include at all)
#   oversize       copied to a temporary directory, where a 601-line file
#                  (reported), a 600-line one and a 900-line generated
#                  vector file (not reported) are added
#   tests_include  a kmod file includes ../tests/..., another reaches
#                  tests/ through a Kbuild -I
#   core_list      core.mk out of step with kmod/core/*.c, a Makefile that
#                  lists core sources, Kbuild naming a core object
#   core_include   a core file includes <linux/...>, a non-core header and
#                  a header that does not exist
#   filemap        docs/design.md's file map forgets usr/a.c (named only
#                  outside the section) and names usr/gone.c
#
#   bash tests/structure/selftest.sh     prints ok/not ok per case, then
#                                        "selftest: N passed, N failed"
# Exit status 0 when every case passed.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
fx=$here/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# expect NAME ROOT STATUS EXPECTED [ARGS...]
expect() {
	local name=$1 root=$2 want=$3 file=$4 rc
	shift 4
	python3 "$here/check.py" --root "$root" "$@" >"$tmp/out" 2>&1
	rc=$?
	diff -u "$file" "$tmp/out" >"$tmp/diff"
	if [ "$rc" -eq "$want" ] && [ ! -s "$tmp/diff" ]; then
		echo "ok - $name"
		passed=$((passed + 1))
	else
		echo "not ok - $name (exit $rc, expected $want)"
		sed 's/^/#   /' "$tmp/diff"
		failed=$((failed + 1))
	fi
}

expect clean "$fx/clean" 0 "$fx/clean/expected"
expect "clean --graph" "$fx/clean" 0 "$fx/clean/expected-graph" --graph
for t in cycle_include cycle_call tests_include core_list core_include \
	filemap; do
	expect "$t" "$fx/$t" 1 "$fx/$t/expected"
done

cp -r "$fx/oversize" "$tmp/oversize"
mkdir -p "$tmp/oversize/tests/unit/vectors"
seq 601 | sed 's/^/\/\* /; s/$/ \*\//' >"$tmp/oversize/usr/big.c"
seq 600 | sed 's/^/\/\* /; s/$/ \*\//' >"$tmp/oversize/usr/edge.c"
seq 900 | sed 's/^/\/\* /; s/$/ \*\//' \
	>"$tmp/oversize/tests/unit/vectors/xlat_vectors.h"
expect oversize "$tmp/oversize" 1 "$fx/oversize/expected"

echo "selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
