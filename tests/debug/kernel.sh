#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build, or reuse from the cache, the debug kernel of `make debug-test`:
# x86_64 defconfig of Debian's linux-source-6.1 (/usr/src) + the fragment
# tests/debug/debug.config (KASAN, lockdep, PROVE_RCU, kmemleak, UBSAN...,
# and what the VM and the selftests need built in).
#
#   tests/debug/kernel.sh [--print-key | --check-config FILE]
#
# The cache lives OUTSIDE the clone, so every clone of the machine shares
# one build: $DCX_DEBUG_CACHE (default /var/cache/dcxlat/debug-kernel)/KEY,
# KEY = hash of the fragment, the linux-source package version and the gcc
# version. A directory is complete when it holds "ok"; an interrupted build
# resumes where it stopped (make is incremental), two runs at once wait on
# a lock. The last line of stdout is the cache directory:
#   DIR/linux                  the built tree (KDIR for the module)
#   DIR/bzImage                the kernel
#   DIR/modroot/lib/modules/R  modules.builtin etc. (R = kernel release)
#   DIR/release, DIR/ok        kernel release; completion stamp
#   DIR/build.log, DIR/times   make output; seconds per step
# Build output goes to DIR/build.log only; progress lines to stderr.
# --check-config FILE: only the fragment check below, on FILE (a .config);
# tests/debug/selftest.sh runs it on good and broken configs.
# Environment: DCX_DEBUG_CACHE, DEBUG_JOBS (make -j, default nproc).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
FRAG=$HERE/debug.config
TARBALL=${DCX_LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
SRCPKG=linux-source-6.1
CACHE=${DCX_DEBUG_CACHE:-/var/cache/dcxlat/debug-kernel}
JOBS=${DEBUG_JOBS:-$(nproc)}

say() { echo "debug-kernel: $*" >&2; }
die() { say "error: $*"; exit 1; }

check_only=
[ "${1:-}" != --check-config ] || check_only=${2:?--check-config FILE}
[ -n "$check_only" ] || [ -r "$TARBALL" ] ||
	die "no $TARBALL (apt-get install $SRCPKG; tests/deps.sh --debug)"
command -v gcc >/dev/null || die "no gcc"

srcver=$(dpkg-query -W -f='${Version}' "$SRCPKG" 2>/dev/null || true)
[ -n "$srcver" ] || srcver="tarball $(stat -c '%s %Y' "$TARBALL" 2>&1)"
KEY=$({
	cat "$FRAG"
	echo "$SRCPKG $srcver"
	gcc --version | head -n 1
} | sha256sum | cut -c1-16)
if [ "${1:-}" = --print-key ]; then
	echo "$KEY"
	exit 0
fi


# Every line of the fragment must survive olddefconfig.
check_config() {
	local cfg=$1 line opt bad=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=*)
			grep -qxF "$line" "$cfg" || {
				say "config: want '$line', have" \
					"'$(grep -E "^(# )?${line%%=*}[= ]" "$cfg" || echo unset)'"
				bad=1
			} ;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }; opt=${opt%% *}
			if grep -qE "^$opt=[ym]" "$cfg"; then
				say "config: want $opt off, have it on"
				bad=1
			fi ;;
		esac
	done <"$FRAG"
	return "$bad"
}

if [ -n "$check_only" ]; then
	check_config "$check_only"
	exit
fi

DIR=$CACHE/$KEY
mkdir -p "$DIR" || die "cannot create $DIR (run as root or set DCX_DEBUG_CACHE)"

step() {
	local name=$1 t0=$SECONDS
	shift
	say "$name ..."
	if ! "$@" >>"$DIR/build.log" 2>&1; then
		say "$name FAILED; last lines of $DIR/build.log:"
		tail -n 30 "$DIR/build.log" >&2
		exit 1
	fi
	echo "$name $((SECONDS - t0))" >>"$DIR/times"
	say "$name done in $((SECONDS - t0))s"
}

extract() {
	rm -rf "$DIR/linux" "$DIR/linux.tmp" &&
		mkdir -p "$DIR/linux.tmp" &&
		tar -xf "$TARBALL" -C "$DIR/linux.tmp" --strip-components=1 &&
		mv "$DIR/linux.tmp" "$DIR/linux" &&
		touch "$DIR/extracted"
}

configure() {
	make -C "$DIR/linux" x86_64_defconfig &&
		(cd "$DIR/linux" &&
			scripts/kconfig/merge_config.sh -m .config "$FRAG") &&
		make -C "$DIR/linux" olddefconfig &&
		check_config "$DIR/linux/.config" &&
		touch "$DIR/configured"
}

build() {
	nice make -C "$DIR/linux" -j"$JOBS" bzImage modules &&
		rm -rf "$DIR/modroot" &&
		make -C "$DIR/linux" INSTALL_MOD_PATH="$DIR/modroot" \
			modules_install &&
		make -s -C "$DIR/linux" kernelrelease >"$DIR/release" &&
		cp "$DIR/linux/arch/x86/boot/bzImage" "$DIR/bzImage"
}

(
	flock 9
	if [ -e "$DIR/ok" ]; then
		say "cached: $DIR ($(cat "$DIR/release"))"
		exit 0
	fi
	say "building into $DIR (log: $DIR/build.log)"
	[ -e "$DIR/extracted" ] || step extract extract
	[ -e "$DIR/configured" ] || step configure configure
	step "build (make -j$JOBS)" build
	touch "$DIR/ok"
	say "kernel $(cat "$DIR/release") ready in $DIR"
) 9>"$CACHE/.$KEY.lock"
echo "$DIR"
