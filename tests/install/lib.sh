#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What the host-side install checks (check.sh, deb.sh) share: sourced, it
# enters the repo root and sets REPO, VERSION (the VERSION file), tmp (a
# scratch directory removed on exit) and the assertion counters; check
# runs one assertion, check_summary NAME prints "NAME: N passed, N failed"
# and exits 0 only when every assertion passed.
# Variables here are for the scripts that source this file.
# shellcheck disable=SC2034
set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$REPO" || exit 1
VERSION=$(cat VERSION)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# check DESC CMD...: one assertion; CMD's output is shown when it fails.
check() {
	local desc=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok - $desc"
		passed=$((passed + 1))
	else
		echo "not ok - $desc"
		sed 's/^/    /' "$tmp/out" | tail -n 20
		failed=$((failed + 1))
	fi
}

# check_summary NAME: the last line, and the exit status.
check_summary() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
