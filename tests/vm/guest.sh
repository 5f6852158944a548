#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage 2 of the test VM, PID 1 after switch_root into the overlay root.
# Finishes the mounts, runs the command prepared by run-vm.sh in
# RUNDIR/cmd with its output in RUNDIR/output.log, records the exit status
# and the kernel log in RUNDIR, then powers off.
# Usage: guest.sh REPO RUNDIR (REPO is where the repo is mounted)

REPO=$1
RUN=$2

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LC_ALL=C.UTF-8 DCX_IN_VM=1

say() { echo "dcxvm: $*"; }

halt_now() {
	sync
	busybox poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 10
}

# /proc, /sys and /dev were moved here by the initramfs; the rest is new.
# One mount per exec: every binary comes over 9p, so keep them few.
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /run
# A repo cloned under /tmp would be hidden by the tmpfs over /tmp: move
# its 9p mount aside, mount the tmpfs, then move the repo back to its
# host path (a virtio 9p tag cannot be mounted twice).
case "$REPO/" in
/tmp/*)
	mkdir -p /mnt/dcxrepo
	mount --move "$REPO" /mnt/dcxrepo
	mount -t tmpfs tmpfs /tmp
	mkdir -p "$REPO"
	mount --move /mnt/dcxrepo "$REPO"
	;;
*)
	mount -t tmpfs tmpfs /tmp
	;;
esac
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
chmod 1777 /tmp
mkdir -p /run/netns /var/tmp
ln -sf /proc/self/fd /dev/fd 2>/dev/null
hostname dcxvm
ip link set lo up

if [ -z "$RUN" ] || [ ! -f "$RUN/cmd" ]; then
	say "FATAL: no command file in '$RUN'"
	halt_now
fi

# Modules and indexes prepared by run-vm.sh (see --module there), and its
# depmod override, so that a depmod in the guest (DKMS, dcx_load_module)
# keeps resolving them to extra/, before any updates/dkms copy.
if [ -s "$RUN/modcache" ]; then
	mc=$(cat "$RUN/modcache")
	md=/lib/modules/$(uname -r)
	mkdir -p "$md/extra" /etc/depmod.d
	if ! cp "$mc"/modules.* "$md/" || ! cp "$mc"/extra/* "$md/extra/" ||
		! cp "$mc"/depmod.d/*.conf /etc/depmod.d/; then
		say "error: cannot install the modules from $mc"
	fi
fi

read -r up _ </proc/uptime
echo "$up" >"$RUN/started"
say "kernel $(uname -r), guest uptime ${up}s, running command"

bash "$RUN/cmd" </dev/null >"$RUN/output.log" 2>&1
rc=$?

say "command exit status $rc"
dmesg >"$RUN/dmesg.log" 2>&1
echo "$rc" >"$RUN/exit-status"
halt_now
