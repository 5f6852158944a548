#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build and the tests need. A no-op when all
# packages are present: apt is only touched for what is missing, so this
# is cheap to call at the start of every test run.
set -euo pipefail

PKGS=(
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64
	qemu-system-x86 busybox-static kmod cpio xz-utils zstd
	libnl-3-dev libnl-genl-3-dev libjson-c-dev libyajl-dev libcmocka-dev
	pkg-config gcc make dkms
	iproute2 socat netcat-openbsd python3-scapy tcpdump iperf3 ethtool
	jq iputils-ping iputils-tracepath traceroute procps coreutils
	valgrind python3-yaml nftables
	strace
	libssl-dev bird2
	clang libclang-rt-14-dev gcovr
	debhelper dh-dkms lintian
)
# --debug: also what the debug-kernel lane (tests/debug/kernel.sh) builds
# its kernel with.
if [ "${1:-}" = --debug ]; then
	PKGS+=(linux-source-6.1 bc flex bison libelf-dev libssl-dev dwarves)
fi

missing=()
for p in "${PKGS[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "deps: all ${#PKGS[@]} packages present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages: ${missing[*]}" >&2
	echo "deps: run as root to install them" >&2
	exit 1
fi

echo "deps: installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	"${missing[@]}"
