#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a Debian stock kernel under qemu and run one command in it as root,
# in the current directory (inside the repo) or the repo root.
#
#   tests/vm/run-vm.sh [--kver KVER] [--kvm] [--timeout SECONDS] [--mem MB]
#                      [--smp N] [--module FILE.ko]... [--no-module]
#                      [--kernel BZIMAGE --moddir DIR] -- COMMAND [ARGS...]
#
# The guest root is the host's / (read-only 9p) under a tmpfs overlay; the
# repo is shared read-write at the same absolute path. No NIC: tests use
# netns + veth. The exit code is COMMAND's; non-zero as well when the
# kernel log shows a WARNING/BUG/Oops/..., on a guest crash or a timeout.
# Environment variables named DCX_*, KSFT_* or SELFTEST* are passed in.
# VM_BOOT_STALL (default 600): a boot whose console stays silent that long
# before the command starts is killed and booted again, once.
# --kernel/--moddir boot a kernel built elsewhere (tests/debug/kernel.sh)
# instead of /boot/vmlinuz-KVER with /lib/modules/KVER; --kver names it.
# --module FILE.ko (default: the repo's dcxlat.ko if built for KVER; none
# with --no-module) is installed in the guest's /lib/modules/KVER/extra
# with up-to-date module indexes, so "modprobe dcxlat" works at once; a
# depmod override makes that copy win over any other dcxlat.ko of the host
# root (a DKMS build in updates/dkms), here and for depmod in the guest.
#
# Logs (tests/vm/out/): console-KVER.log (serial console), dmesg-KVER.log,
# output-KVER.log (COMMAND's output, also shown live), vm-result-KVER.

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
OUT=$REPO/tests/vm/out
VMDIR=$REPO/tests/vm

KVER=${KVER:-}
USE_KVM=0
TIMEOUT=1200
MEM=1024
SMP=2
# TCG threads (VM_TCG_THREAD): single, the recipe known to be stable on
# this host for the selftests' traffic, unless every script SELFTESTS
# names asks for multi ("# vm-tcg-thread: multi": package_deb.sh, whose
# DKMS compile then uses both vCPUs on two host threads).
tcg_thread_default() {
	local n
	[ -n "${SELFTESTS:-}" ] || { echo single; return 0; }
	for n in $SELFTESTS; do
		grep -qx '# vm-tcg-thread: multi' \
			"$REPO/tests/selftests/${n%.sh}.sh" 2>/dev/null ||
			{ echo single; return 0; }
	done
	echo multi
}
TCG_THREAD=${VM_TCG_THREAD:-$(tcg_thread_default)}
EXTRA_MODS=()
AUTO_MOD=1
KERNEL=
MODDIR=

usage() {
	sed -n '5,23s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--kver) KVER=$2; shift 2 ;;
	--kvm) USE_KVM=1; shift ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--mem) MEM=$2; shift 2 ;;
	--smp) SMP=$2; shift 2 ;;
	--module) EXTRA_MODS+=("$(realpath "$2")"); shift 2 ;;
	--no-module) AUTO_MOD=0; shift ;;
	--kernel) KERNEL=$2; shift 2 ;;
	--moddir) MODDIR=$2; shift 2 ;;
	--) shift; break ;;
	-h|--help) usage ;;
	*) echo "run-vm: unknown option '$1'" >&2; usage ;;
	esac
done
[ $# -gt 0 ] || usage

# Same pick as the top Makefile: newest kernel with headers and a vmlinuz.
default_kver() {
	local d k
	for d in /lib/modules/*/build; do
		k=${d%/build}
		k=${k##*/}
		[ -e "/boot/vmlinuz-$k" ] && echo "$k"
	done | sort -V | tail -n 1
}
[ -n "$KVER" ] || KVER=$(default_kver)
KERNEL=${KERNEL:-/boot/vmlinuz-$KVER}
MODDIR=${MODDIR:-/lib/modules/$KVER}
if [ -z "$KVER" ] || [ ! -r "$KERNEL" ]; then
	echo "run-vm: no kernel image '$KERNEL' (set --kver/KVER)" >&2
	exit 2
fi
[ -d "$MODDIR" ] || { echo "run-vm: no $MODDIR" >&2; exit 2; }
case "$REPO" in
*[[:space:]]*)
	echo "run-vm: repo path '$REPO' must not contain spaces" >&2
	exit 2 ;;
esac
command -v qemu-system-x86_64 >/dev/null || {
	echo "run-vm: qemu-system-x86_64 missing (run tests/deps.sh)" >&2
	exit 2
}

mkdir -p "$OUT"

# ---------------------------------------------------------------------------
# initramfs: busybox + the kernel's own 9p/virtio/overlay modules.

WANT_MODS="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev
virtio_pci netfs fscache 9pnet 9pnet_virtio 9p overlay"

mod_path() {
	grep -E "(^|/)$1\.ko(\.xz|\.zst|\.gz)?:" "$MODDIR/modules.dep" |
		head -n 1 | cut -d: -f1
}

# Emit module paths (relative to MODDIR) so that deps come first.
declare -A SEEN=()
resolve() {
	local rel=$1 dep
	[ -n "${SEEN[$rel]:-}" ] && return 0
	SEEN[$rel]=1
	for dep in $(grep -E "^$rel:" "$MODDIR/modules.dep" | cut -d: -f2-); do
		resolve "$dep"
	done
	echo "$rel"
}

module_list() {
	local m rel
	for m in $WANT_MODS; do
		rel=$(mod_path "$m")
		# Built in, merged into another module or absent: skip.
		[ -n "$rel" ] || continue
		resolve "$rel"
	done
}

build_initramfs() {
	local img=$1 mods=$2 stage name rel
	stage=$(mktemp -d "$OUT/initramfs.XXXXXX")
	mkdir -p "$stage"/{bin,dev,proc,sys,modules}
	cp /bin/busybox "$stage/bin/busybox"
	ln -s busybox "$stage/bin/sh"
	cp "$VMDIR/init" "$stage/init"
	chmod 0755 "$stage/init"
	mknod -m 600 "$stage/dev/console" c 5 1 2>/dev/null || true
	: >"$stage/modules/order"
	for rel in $mods; do
		name=${rel##*/}
		case "$name" in
		*.xz) xz -dc "$MODDIR/$rel" >"$stage/modules/${name%.xz}" ;;
		*.zst) zstd -qdc "$MODDIR/$rel" >"$stage/modules/${name%.zst}" ;;
		*.gz) gzip -dc "$MODDIR/$rel" >"$stage/modules/${name%.gz}" ;;
		*) cp "$MODDIR/$rel" "$stage/modules/$name" ;;
		esac
		name=${name%.xz}; name=${name%.zst}; name=${name%.gz}
		echo "$name" >>"$stage/modules/order"
	done
	(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) \
		>"$img.tmp"
	mv "$img.tmp" "$img"
	rm -rf "$stage"
}

MODS=$(module_list | tr '\n' ' ')
INITRD=$OUT/initramfs-$KVER.cpio
stamp=$({
	echo "$KVER $MODS"
	sha256sum "$VMDIR/init" "${BASH_SOURCE[0]}" /bin/busybox
	for rel in $MODS; do stat -c '%n %s %Y' "$MODDIR/$rel"; done
} | sha256sum | cut -d' ' -f1)
(
	flock 9
	if [ ! -s "$INITRD" ] || [ "$(cat "$INITRD.stamp" 2>/dev/null)" != "$stamp" ]; then
		echo "run-vm: building $INITRD"
		build_initramfs "$INITRD" "$MODS"
		echo "$stamp" >"$INITRD.stamp"
	fi
) 9>"$OUT/.initramfs.lock"

# ---------------------------------------------------------------------------
# Out-of-tree modules (default: the repo's dcxlat.ko when it is built for
# KVER) are pre-installed into the guest's /lib/modules/KVER/extra with
# module indexes made here: depmod -a over 9p under TCG takes ~2 minutes
# (it decompresses every module), on the host a few seconds, cached.

vermagic_ok() {
	local vm
	vm=$(modinfo -F vermagic "$1" 2>/dev/null) || return 1
	[ "${vm%% *}" = "$KVER" ]
}

if [ "${#EXTRA_MODS[@]}" -eq 0 ] && [ "$AUTO_MOD" = 1 ] &&
	[ -f "$REPO/dcxlat.ko" ] && vermagic_ok "$REPO/dcxlat.ko"; then
	EXTRA_MODS=("$REPO/dcxlat.ko")
fi

build_modcache() {
	local cache=$1 base d e m
	base=$(mktemp -d "$OUT/depmod.XXXXXX")
	d=$base/lib/modules/$KVER
	mkdir -p "$d/extra"
	for e in "$MODDIR"/*; do
		case "${e##*/}" in
		build|source|extra) ;;
		*) [ -d "$e" ] && ln -s "$e" "$d/${e##*/}" ;;
		esac
	done
	cp "$MODDIR"/modules.order "$MODDIR"/modules.builtin* "$d/"
	mkdir -p "$base/depmod.d"
	cp /etc/depmod.d/*.conf /lib/depmod.d/*.conf "$base/depmod.d/" \
		2>/dev/null
	for m in "${EXTRA_MODS[@]}"; do
		cp "$m" "$d/extra/"
		m=${m##*/}
		echo "override ${m%.ko} * extra" >>"$base/depmod.d/zz-dcxvm.conf"
	done
	depmod -C "$base/depmod.d" -b "$base" "$KVER" ||
		{ rm -rf "$base"; return 1; }
	rm -rf "$cache"
	mkdir -p "$cache/depmod.d"
	cp "$d"/modules.* "$cache/"
	cp -r "$d/extra" "$cache/extra"
	cp "$base/depmod.d/zz-dcxvm.conf" "$cache/depmod.d/"
	rm -rf "$base"
}

MODCACHE=
if [ "${#EXTRA_MODS[@]}" -gt 0 ]; then
	for m in "${EXTRA_MODS[@]}"; do
		vermagic_ok "$m" || {
			echo "run-vm: $m is not built for $KVER" >&2
			exit 2
		}
	done
	mkey=$({
		echo "$KVER"
		stat -c '%s %Y' "$MODDIR/modules.dep"
		sha256sum "${EXTRA_MODS[@]}" "${BASH_SOURCE[0]}"
	} | sha256sum | cut -c1-16)
	# One directory per content: a VM still booting keeps its copy.
	MODCACHE=$OUT/modcache/$KVER-$mkey
	mkdir -p "$OUT/modcache"
	find "$OUT/modcache" -mindepth 1 -maxdepth 1 -mmin +240 \
		-exec rm -rf {} + 2>/dev/null
	(
		flock 9
		if [ "$(cat "$MODCACHE/key" 2>/dev/null)" != "$mkey" ]; then
			echo "run-vm: module indexes for ${EXTRA_MODS[*]##*/}"
			build_modcache "$MODCACHE" && echo "$mkey" >"$MODCACHE/key"
		fi
	) 9>"$OUT/.modcache.lock"
	[ -s "$MODCACHE/key" ] || { echo "run-vm: depmod failed" >&2; exit 1; }
fi

# ---------------------------------------------------------------------------
# The command, as a script in a per-run directory the guest sees too.

RUN=$(mktemp -d "$OUT/run.XXXXXX")
case "$PWD/" in
"$REPO"/*) CWD=$PWD ;;
*) CWD=$REPO ;;
esac
{
	echo "cd $(printf '%q' "$CWD") || exit 125"
	while read -r v; do
		printf 'export %s=%q\n' "$v" "${!v}"
	done < <(compgen -e | grep -E '^(DCX_|KSFT_|SELFTEST)' || true)
	printf 'exec'
	printf ' %q' "$@"
	echo
} >"$RUN/cmd"
[ -z "$MODCACHE" ] || echo "$MODCACHE" >"$RUN/modcache"

if [ "$USE_KVM" = 1 ]; then
	ACCEL=(-accel kvm -cpu "${VM_CPU:-host}")
else
	ACCEL=(-accel "tcg,thread=$TCG_THREAD" -cpu "${VM_CPU:-max}")
fi

APPEND="console=ttyS0 panic=-1 oops=continue mitigations=off"
APPEND+=" random.trust_cpu=on no_timer_check rdinit=/init"
APPEND+=" dcxrepo=$REPO dcxrun=$RUN"

# shellcheck disable=SC2054 # commas are qemu's
QEMU=(qemu-system-x86_64 -nodefaults -no-user-config -display none
	-machine pc "${ACCEL[@]}" -smp "$SMP" -m "$MEM" -no-reboot
	-kernel "$KERNEL" -initrd "$INITRD" -append "$APPEND"
	-serial "file:$RUN/console.log"
	-fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot
	-fsdev "local,id=repo,path=$REPO,security_model=none,multidevs=remap"
	-device virtio-9p-pci,fsdev=repo,mount_tag=repo)

accel_name="tcg (thread=$TCG_THREAD)"
[ "$USE_KVM" = 1 ] && accel_name=kvm
echo "run-vm: kernel $KVER, $accel_name, ${SMP} vCPU, ${MEM} MB," \
	"timeout ${TIMEOUT}s, run dir ${RUN#"$REPO"/}"

t0=$(date +%s.%N)
QPID=
# Never leave a qemu behind when we are interrupted.
trap '[ -z "$QPID" ] || kill "$QPID" 2>/dev/null || true' EXIT
trap 'echo "run-vm: interrupted" >&2; exit 130' INT TERM HUP
start_qemu() {
	rm -f "$RUN/console.log"
	"${QEMU[@]}" </dev/null >"$RUN/qemu.log" 2>&1 &
	QPID=$!
	tq=$(date +%s)
}
start_qemu
# A boot whose console stays silent for VM_BOOT_STALL seconds (default 600)
# before the guest starts its command is killed and retried once: the debug
# kernel has been seen to hang in its RCU self tests under TCG.
BOOT_STALL=${VM_BOOT_STALL:-600}
boot_tries=1

# Relay the command output live and watch the clock.
offset=0
relay() {
	local f=$RUN/output.log size
	[ -f "$f" ] || return 0
	size=$(stat -c %s "$f")
	if [ "$size" -gt "$offset" ]; then
		tail -c +"$((offset + 1))" "$f" | head -c "$((size - offset))"
		offset=$size
	fi
}

boot_s=
timed_out=0
while kill -0 "$QPID" 2>/dev/null; do
	if [ -z "$boot_s" ] && [ -f "$RUN/started" ]; then
		boot_s=$(awk -v a="$(date +%s.%N)" -v b="$t0" \
			'BEGIN { printf "%.1f", a - b }')
		echo "run-vm: boot time ${boot_s} s (guest uptime" \
			"$(cat "$RUN/started") s)"
	fi
	relay
	now=$(date +%s)
	if [ -z "$boot_s" ] && [ "$boot_tries" -lt 2 ]; then
		last=$(stat -c %Y "$RUN/console.log" 2>/dev/null || echo "$tq")
		[ "$last" -ge "$tq" ] || last=$tq
		if [ "$((now - last))" -ge "$BOOT_STALL" ]; then
			echo "run-vm: boot stalled (console silent" \
				"${BOOT_STALL}s: $(tail -n 1 "$RUN/console.log" |
				tr -d '\r')), retrying once" >&2
			kill -9 "$QPID" 2>/dev/null || true
			wait "$QPID" 2>/dev/null || true
			cp "$RUN/console.log" "$RUN/console-stalled.log" 2>/dev/null || true
			boot_tries=2
			start_qemu
			continue
		fi
	fi
	if [ "$((now - ${t0%.*}))" -ge "$TIMEOUT" ]; then
		timed_out=1
		echo "run-vm: TIMEOUT after ${TIMEOUT}s, killing qemu" >&2
		kill "$QPID" 2>/dev/null || true
		sleep 2
		kill -9 "$QPID" 2>/dev/null || true
		break
	fi
	sleep 0.5
done
wait "$QPID" 2>/dev/null && qrc=0 || qrc=$?
relay
t1=$(date +%s.%N)
total_s=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')

# Keep the latest logs under stable names.
cp "$RUN/console.log" "$OUT/console-$KVER.log" 2>/dev/null ||
	: >"$OUT/console-$KVER.log"
cp "$RUN/dmesg.log" "$OUT/dmesg-$KVER.log" 2>/dev/null ||
	: >"$OUT/dmesg-$KVER.log"
cp "$RUN/output.log" "$OUT/output-$KVER.log" 2>/dev/null ||
	: >"$OUT/output-$KVER.log"

rc=
if [ -s "$RUN/exit-status" ]; then
	rc=$(cat "$RUN/exit-status")
	cp "$RUN/exit-status" "$OUT/exit-status"
else
	echo "run-vm: the guest did not report an exit status" \
		"(qemu exit $qrc); see $OUT/console-$KVER.log" >&2
	tail -n 30 "$RUN/console.log" >&2 2>/dev/null || true
	[ -s "$RUN/qemu.log" ] && sed 's/^/qemu: /' "$RUN/qemu.log" >&2
fi

# Kernel problems anywhere in the console or the final dmesg.
PATTERN='WARNING:|BUG:|Oops|general protection fault|RCU stall'
PATTERN+='|rcu_sched detected stall|rcu_preempt detected stall'
PATTERN+='|self-detected stall|KASAN|UBSAN|[Kk]ernel panic'
PATTERN+='|unreferenced object|blocked for more than [0-9]+ seconds'
problems=$(cat "$OUT/console-$KVER.log" "$OUT/dmesg-$KVER.log" | tr -d '\r' |
	grep -E "$PATTERN" | sort -u || true)
nproblems=0
if [ -n "$problems" ]; then
	nproblems=$(echo "$problems" | wc -l)
	echo "run-vm: KERNEL PROBLEM in the guest log:" >&2
	echo "$problems" | sed 's/^/run-vm:   /' >&2
fi
echo "$problems" >"$OUT/kernel-problems-$KVER.txt"

{
	echo "kver=$KVER"
	echo "exit_status=${rc:-none}"
	echo "boot_seconds=${boot_s:-none}"
	echo "total_seconds=$total_s"
	echo "timed_out=$timed_out"
	echo "kernel_problems=$nproblems"
} >"$OUT/vm-result-$KVER"

[ -n "${VM_KEEP_RUNDIR:-}" ] || rm -rf "$RUN"

echo "run-vm: done in ${total_s}s: exit status ${rc:-none}," \
	"kernel problems $nproblems, timeout $timed_out"
if [ "$timed_out" = 1 ]; then
	exit 124
fi
if [ -z "$rc" ]; then
	exit 1
fi
if [ "$rc" -eq 0 ] && [ "$nproblems" -gt 0 ]; then
	exit 1
fi
exit "$rc"
