#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages in the guest: install dcxlat-dkms and dcxlat (built
# on the host by tests/install/deb.sh into tests/vm/out/deb, or DCX_DEBDIR)
# with dpkg -i into the guest's overlay root, as an operator would; DKMS
# builds the module for the running kernel; the installed unit's own
# ExecStartPre/ExecStart/ExecReload/ExecStop lines (read from
# /lib/systemd/system/dcxlat@.service by unit_lib.sh: systemd is not PID 1
# here) load that copy (not the tree's) and drive it with the packaged
# CLI from /etc/dcxlat-style files; then apt-get purge leaves nothing
# behind (no module file, no /usr/src/dcxlat-*, no dkms tree entry, no
# CLI, no unit, modprobe finds no dcxlat).
#
# Restores the guest for the selftests after it: the tree's module in
# extra/, run-vm.sh's module indexes and depmod override, no module
# loaded; the last assertion checks that modprobe finds the tree's build
# again. DKMS compiles under TCG: the time of each step is printed
# ("# dkms: ...", "# +Ns" before each line dpkg printed).
# To keep that to one build, the other kernels' headers (/lib/modules/*/
# build) are hidden while dpkg -i runs (DKMS's postinst builds for the
# running and the newest kernel); tests/install/deb.sh checks the package's
# kernel range on the host.
# ksft-timeout: 3600
# vm-tcg-thread: multi

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/unit_lib.sh"

KVER=$(uname -r)
MD=/lib/modules/$KVER
VERSION=$(cat "$DCX_REPO/VERSION")
DEBDIR=${DCX_DEBDIR:-$DCX_REPO/tests/vm/out/deb}
SAVE=$TMPD/save
PKGS=(dcxlat dcxlat-dkms)
UNIT=/lib/systemd/system/dcxlat@.service
INST=pkg0
CONF=$TMPD/etc-dcxlat

# other_headers CMD: CMD (mv or a reversed mv) on every other kernel's
# build link, to and from build.dcxvm-hidden.
other_headers() {
	local b
	for b in /lib/modules/*/build /lib/modules/*/build.dcxvm-hidden; do
		case "$b" in "$MD"/*) continue ;; esac
		case "$1:$b" in
		hide:*/build) [ -e "$b" ] && mv "$b" "$b.dcxvm-hidden" ;;
		show:*.dcxvm-hidden) mv "$b" "${b%.dcxvm-hidden}" ;;
		esac
	done
	return 0
}

# installed: dpkg knows one of the packages (dpkg-query reads only the
# status file: dpkg's file lists are slow over 9p under TCG).
installed() {
	dpkg-query -W -f '${db:Status-Abbrev}\n' "${PKGS[@]}" 2>/dev/null |
		grep -qv '^un'
}

# restore: the guest as run-vm.sh prepared it (module indexes, the tree's
# module in extra/, the depmod override), nothing of the packages left.
restore() {
	[ -d "$SAVE" ] || return 0
	other_headers show
	dcx_unload_module
	installed && dpkg --purge "${PKGS[@]}" >/dev/null 2>&1
	cp "$SAVE"/modules.* "$MD/" &&
		cp "$SAVE/dcxlat.ko" "$MD/extra/dcxlat.ko" 2>/dev/null
	cp "$SAVE"/depmod.d/* /etc/depmod.d/ 2>/dev/null
	rm -rf "$SAVE"
}

cleanup() {
	restore
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd dpkg apt-get dkms modprobe modinfo jq
[ -n "${DCX_IN_VM:-}" ] || ksft_skip_all "installs packages: VM only"

DKMS_DEB=$(ls "$DEBDIR"/dcxlat-dkms_"$VERSION"-*_all.deb 2>/dev/null)
CLI_DEB=$(ls "$DEBDIR"/dcxlat_"$VERSION"-*_"$(dpkg --print-architecture)".deb \
	2>/dev/null)
if [ ! -f "$DKMS_DEB" ] || [ ! -f "$CLI_DEB" ]; then
	ksft_bail "the .debs are built ($DEBDIR: run tests/install/deb.sh)"
fi

# Set the guest aside: the tree's module and indexes, the depmod override
# (it would make extra/ win over the DKMS copy). The man-db trigger
# (minutes over 9p under TCG) is off: its switch is man-db's own.
dcx_unload_module || ksft_bail "dcxlat unloads before the packages go in"
mkdir -p "$SAVE/depmod.d"
cp "$MD"/modules.* "$SAVE/"
[ -f "$MD/extra/dcxlat.ko" ] && mv "$MD/extra/dcxlat.ko" "$SAVE/"
mv /etc/depmod.d/zz-dcxvm.conf "$SAVE/depmod.d/" 2>/dev/null
rm -f /var/lib/man-db/auto-update

# dkms_is_installed: dkms status names dcxlat VERSION installed for KVER.
dkms_is_installed() {
	local st
	st=$(dkms status dcxlat)
	echo "$st"
	grep -q "^dcxlat/$VERSION, $KVER, [^:]*: installed" <<<"$st"
}

# resolves_to PATTERN: modprobe's dcxlat is a file matching PATTERN.
resolves_to() {
	local f
	f=$(modinfo -F filename dcxlat) || return 1
	echo "modprobe resolves dcxlat to $f"
	# shellcheck disable=SC2053 # PATTERN is a glob
	[[ $f == $1 ]]
}

# unit_run KEY: the installed unit's KEY= lines for instance pkg0, with
# systemd's PATH (the packaged CLI, not the tree's) and /etc/dcxlat
# mapped to CONF.
unit_run() {
	PATH=/usr/sbin:/usr/bin:/sbin:/bin dcx_unit_run "$UNIT" "$1" "$INST" \
		"$CONF"
}

# conf PREFIX: pkg0's configuration file, pool6 PREFIX.
conf() {
	echo "{\"pool6\": \"$1\"}" >"$CONF/$INST.json"
}

# pool6_show: instance pkg0's pool6 in the netns PKG, JSON, by the
# packaged CLI.
# shellcheck disable=SC2153 # setup_ns sets PKG
pool6_show() {
	/usr/sbin/dcxlat -j -n "$PKG" -i "$INST" pool6 show
}

# timed CMD...: CMD, each line of its output prefixed with "+Ns" (seconds
# since CMD started) as it comes: where the time of a DKMS build goes.
timed() {
	local t0 l
	t0=$(date +%s)
	"$@" 2>&1 | while IFS= read -r l; do
		echo "+$(($(date +%s) - t0))s $l"
	done
	return "${PIPESTATUS[0]}"
}

# nothing_left: no file, source, dkms entry or CLI of the packages.
nothing_left() {
	local left
	left=$(find /lib/modules -path '*/updates/*' -name 'dcxlat.ko*'
		ls -d /usr/src/dcxlat-* /var/lib/dkms/dcxlat /usr/sbin/dcxlat \
			/usr/share/man/man8/dcxlat.8.gz "$UNIT" /etc/dcxlat \
			2>/dev/null
		dkms status dcxlat
		dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' "${PKGS[@]}" \
			2>/dev/null | grep -v '^un ')
	[ -z "$left" ] || { echo "left behind: $left"; return 1; }
}

dmesg_mark
other_headers hide
t0=$(date +%s)
check "dpkg -i dcxlat-dkms and dcxlat" \
	timed dpkg -i "$DKMS_DEB" "$CLI_DEB"
diag "$(grep -iE 'building|installing|skipped|error|dkms|depmod' \
	"$TMPD/check.out")"
t1=$(date +%s)
diag "dkms: dpkg -i (DKMS build + install, depmod) took $((t1 - t0)) s"
other_headers show
log=/var/lib/dkms/dcxlat/$VERSION/$KVER/$(uname -m)/log/make.log
[ -f "$log" ] && diag "dkms make.log: $(head -n 3 "$log" | tr '\n' ' ')," \
	"$(grep -c 'CC \[M\]' "$log") compiled"
check "dkms make.log: the module was compiled" grep -q 'CC \[M\]' "$log"
check_fail "... without the BTF step (dkms.conf: no DWARF, no BTF)" \
	grep -q BTF "$log"
check "dkms status: dcxlat $VERSION installed for $KVER" dkms_is_installed
check "the DKMS module is in $MD/updates/dkms" \
	resolves_to "$MD/updates/dkms/dcxlat.ko*"
check "the source is in /usr/src/dcxlat-$VERSION" \
	test -f "/usr/src/dcxlat-$VERSION/dkms.conf"

# The installed unit, instance pkg0 in the netns PKG.
setup_ns PKG && mkdir -p "$CONF" && conf 2001:db8:64::/96 &&
	echo "DCXLAT_NETNS=$PKG" >"$CONF/$INST.env" || ksft_bail "pkg0's files"
check "the unit is installed: $UNIT" test -f "$UNIT"
check "ExecStartPre (modprobe dcxlat) loads the DKMS build" \
	unit_run ExecStartPre
check "the loaded module's version is VERSION" \
	grep -qx "$VERSION" /sys/module/dcxlat/version
check "the loaded module is the DKMS file" \
	dcx_loaded_is "$(modinfo -F filename dcxlat)"
# The tree's build has the same srcversion (the same source): what tells
# them apart is that modprobe can reach only the DKMS file.
check "the tree's build is out of modprobe's reach (no extra/dcxlat.ko)" \
	test ! -e "$MD/extra/dcxlat.ko"
check "the packaged dcxlat -V names VERSION and the module" \
	grep -qx "module $VERSION" <(/usr/sbin/dcxlat -V)
expect 0 '^$' "ExecStart applies /etc/dcxlat/$INST.json in netns PKG" \
	unit_run ExecStart
expect_json "... the packaged CLI shows its pool6" \
	'.pool6 == "2001:db8:64::/96"' pool6_show
conf 2001:db8:65::/96
expect 0 '^$' "ExecReload applies the changed file" unit_run ExecReload
expect_json "... the new pool6" '.pool6 == "2001:db8:65::/96"' pool6_show
expect 0 '^$' "ExecStop removes the instance" unit_run ExecStop
check_fail "... it is gone" pool6_show
cleanup_all_ns
check "the module unloads" modprobe -r dcxlat

t0=$(date +%s)
check "apt-get purge dcxlat dcxlat-dkms" \
	timed apt-get purge -y -q "${PKGS[@]}"
diag "$(grep -iE 'dkms|depmod|remov|purg' "$TMPD/check.out")"
diag "dkms: apt-get purge took $(($(date +%s) - t0)) s"
check "nothing left: module files, source, dkms tree, CLI, unit, packages" \
	nothing_left
check_fail "modprobe finds no dcxlat after the purge" modinfo dcxlat
check "dmesg clean" dmesg_clean

restore
check "modprobe finds the tree's build again" \
	resolves_to "$MD/extra/dcxlat.ko"
ksft_exit
