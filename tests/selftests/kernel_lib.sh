#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The running kernel, for the selftests; sourced by lib.sh (not alone):
# its log since a mark (dmesg_mark, dmesg_clean: any warning, bug, leak or
# sanitizer report fails the script that checks it) and its build
# (kernel_has_kasan). Nothing here changes the kernel.

# Variables here are for the scripts that source lib.sh.
# shellcheck disable=SC2034

# dmesg_mark: remember where the kernel log is now.
dmesg_mark() {
	DMESG_MARK=$(dmesg | wc -l)
}

DMESG_BAD='WARNING:|BUG:|Oops|general protection fault|RCU stall'
DMESG_BAD+='|detected stall|KASAN|UBSAN|[Kk]ernel panic|unreferenced object'
DMESG_BAD+='|blocked for more than|refcount_t:|list_(add|del) corruption'
DMESG_BAD+='|leak|Leak'

# dmesg_clean: 0 when no warning/bug/leak line appeared since dmesg_mark;
# prints the offending lines otherwise.
dmesg_clean() {
	local bad
	bad=$(dmesg | tail -n +"$((${DMESG_MARK:-0} + 1))" |
		grep -E "$DMESG_BAD")
	[ -z "$bad" ] && return 0
	echo "$bad"
	return 1
}

# kernel_has_kasan: 0 when the running kernel has KASAN (the debug lane's,
# tests/debug/): 10-30 times slower, so scripts scale their rates, counts
# and time bounds by it.
kernel_has_kasan() {
	{ zcat /proc/config.gz 2>/dev/null ||
	  cat "/boot/config-$(uname -r)" 2>/dev/null; } |
		grep -q '^CONFIG_KASAN=y'
}
