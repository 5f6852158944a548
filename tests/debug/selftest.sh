#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of the debug kernel's config check (tests/debug/kernel.sh
# --check-config): a .config that has every line of debug.config passes;
# one that lost an option (CONFIG_KASAN), or has an option the fragment
# turns off (CONFIG_DRM=y), fails and names it. TAP lines, exit 0 only when
# all hold. Run by tests/debug/run.sh before it builds anything.

set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

# expect RC GREP DESCRIPTION: the check on $TMP/config.
expect() {
	local out rc
	out=$("$HERE/kernel.sh" --check-config "$TMP/config" 2>&1)
	rc=$?
	if [ "$rc" = "$1" ] && grep -qE -- "$2" <<<"$out"; then
		echo "ok - config check: $3"
	else
		echo "not ok - config check: $3 (exit $rc: $out)"
		fail=1
	fi
}

grep -E '^(CONFIG_|# CONFIG_)' "$HERE/debug.config" >"$TMP/good"
cp "$TMP/good" "$TMP/config"
expect 0 '' "a config with every fragment line passes"
grep -v '^CONFIG_KASAN=y$' "$TMP/good" >"$TMP/config"
expect 1 "want 'CONFIG_KASAN=y'" "a config without KASAN fails, naming it"
{ cat "$TMP/good"; echo CONFIG_DRM=y; } >"$TMP/config"
expect 1 'want CONFIG_DRM off' "a config with DRM on fails, naming it"
exit "$fail"
