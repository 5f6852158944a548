#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module and netns lifecycle: unload with live instances under traffic,
# reload, netns deletion with instances and traffic, repeated load/unload;
# the kernel log must stay clean throughout.
#
#  +--------------+     +---------------------------+     +-------------+
#  | ns6          |     | xlat   instance "default" |     | ns4         |
#  |  v6 ------------------ x6                x4 -------------- v4      |
#  +--------------+     +---------------------------+     +-------------+
#                       +---------------------------+
#                       | xlat2  instance "second"  |   (no links: an
#                       |        pool6 2001:db8:64::/96 |    idle instance)
#                       +---------------------------+
#
# Addresses as in basic_xlat.sh (see dcx_topo_basic in lib.sh).

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping jq modprobe rmmod modinfo depmod dmesg
dcx_require_built

ping6_ok() {
	ip netns exec "$NS6" ping -6 -n -c 3 -i 0.3 -w 15 "$DCX_H4_6"
}

ping6_fails() {
	! ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -w 3 "$DCX_H4_6"
}

instances_configure() {
	dcx "$XLAT" instance add default &&
		dcx "$XLAT" -i default pool6 set ${DCX_PFX}/96 &&
		dcx "$XLAT2" instance add second &&
		dcx "$XLAT2" -i second pool6 set ${DCX_PFX}/96
}

# only_instance NS NAME: NAME is the one instance the netns lists.
only_instance() {
	local got
	got=$("$dcx_cli" -j -n "$1" instance show | jq -r '.[].name') ||
		return 1
	echo "netns $1 lists: ${got:-<none>}"
	[ "$got" = "$2" ]
}

no_instances() {
	local got
	got=$("$dcx_cli" -j -n "$1" instance show | jq -r '.[].name') ||
		return 1
	echo "netns $1 lists: ${got:-<none>}"
	[ -z "$got" ]
}

# Background ping so that unload and netns deletion happen under traffic.
traffic_start() {
	run_bg ip netns exec "$NS6" ping -6 -n -q -i 0.05 "$DCX_H4_6"
	TRAFFIC_PID=$BG_PID
}

traffic_stop() {
	kill "$TRAFFIC_PID" 2>/dev/null
	wait "$TRAFFIC_PID" 2>/dev/null
	return 0
}

xlat_moved() {
	local v
	v=$(dcx_stat "$XLAT" default xlat-6to4) || return 1
	echo "xlat-6to4 = $v"
	[ "$v" -gt 0 ]
}

# unload_clean: rmmod either succeeds and leaves nothing behind, or is
# refused with the module and its instances intact.
unload_clean() {
	if modprobe -r dcxlat; then
		echo "unloaded with instances present"
		[ ! -d /sys/module/dcxlat ] || { echo "still loaded"; return 1; }
		UNLOADED=1
		return 0
	fi
	echo "unload refused; checking the module is intact"
	UNLOADED=0
	dcx_module_loaded && only_instance "$XLAT" default
}

# Without the module the CLI either gets it autoloaded by the kernel (the
# genetlink family alias; the module is installed in /lib/modules) and sees
# a fresh module with no instances, or fails with exit 1.
cli_after_unload() {
	local rc out
	out=$("$dcx_cli" -j -n "$XLAT" instance show 2>&1)
	rc=$?
	echo "exit status $rc, output: $out"
	if [ "$rc" -eq 0 ]; then
		dcx_module_loaded || { echo "exit 0 without a module"; return 1; }
		echo "module autoloaded"
		[ "$(echo "$out" | jq -r 'length')" = 0 ]
		return
	fi
	[ "$rc" -eq 1 ]
}

# The release is the VERSION file: in the module (modinfo, sysfs) and in
# the CLI's -V, which also names the loaded module's version.
DCX_VERSION=$(cat "$DCX_REPO/VERSION")

# version_is CMD...: CMD prints exactly the VERSION.
version_is() {
	local v
	v=$("$@")
	echo "got '$v', want '$DCX_VERSION'"
	[ "$v" = "$DCX_VERSION" ]
}

# cli_version MODULE: dcxlat -V shows the CLI's VERSION and "module MODULE".
cli_version() {
	local out
	out=$("$dcx_cli" -V) || return 1
	echo "$out"
	echo "$out" | grep -q "^dcxlat $DCX_VERSION, netlink ABI " &&
		echo "$out" | grep -qx "module $1"
}

dmesg_mark

# Start from an unloaded module (an earlier test may have left it loaded).
check "initial unload" dcx_unload_module || ksft_exit
check "dcxlat module loads" dcx_load_module || ksft_exit
# modprobe must not pick another dcxlat.ko (DKMS's updates/dkms copy).
check "the loaded module is the tree's build (srcversion)" \
	dcx_loaded_is "$dcx_ko"
check "modinfo -F version dcxlat is VERSION" \
	version_is modinfo -F version dcxlat
check "/sys/module/dcxlat/version is VERSION" \
	version_is cat /sys/module/dcxlat/version
check "dcxlat -V: CLI version, ABI and the loaded module's version" \
	cli_version "$DCX_VERSION"
setup_all() {
	dcx_topo_basic && setup_ns XLAT2
}
check "topology set up" setup_all || ksft_exit

check "instances in two netns" instances_configure
check "netns xlat lists only its instance" only_instance "$XLAT" default
check "netns xlat2 lists only its instance" only_instance "$XLAT2" second
check "ping through the translator" ping6_ok

# --- rmmod with instances and traffic ---------------------------------------

traffic_start
slowwait 20 xlat_moved >/dev/null
check "traffic flows before unload" xlat_moved
UNLOADED=0
check "rmmod with instances under traffic is clean" unload_clean
traffic_stop
if [ "$UNLOADED" = 1 ]; then
	check "dcxlat -V after unload: module not loaded" \
		cli_version "not loaded"
	check "no translation after unload" ping6_fails
	check "CLI after unload: autoload with no instances, or exit 1" \
		cli_after_unload
fi
check "dmesg clean after unload" dmesg_clean

# --- reload ----------------------------------------------------------------

check "module reloads" dcx_load_module
if [ "$UNLOADED" = 1 ]; then
	check "no instances survive a reload" no_instances "$XLAT"
	check "instances can be re-created" instances_configure
fi
check "ping through the translator after reload" ping6_ok

# --- netns deletion with instances and traffic -----------------------------

traffic_start
slowwait 20 xlat_moved >/dev/null
check "idle netns with an instance deleted" cleanup_ns "$XLAT2"
check "remaining instance unaffected" only_instance "$XLAT" default
check "ping still translated" ping6_ok
check "netns with an instance under traffic deleted" cleanup_ns "$XLAT"
traffic_stop
check "module still loaded after netns deletion" dcx_module_loaded
# The netns teardown is asynchronous; rmmod waits for it (pernet exit).
check "rmmod after netns deletion" modprobe -r dcxlat
check "dmesg clean after netns deletion" dmesg_clean

# --- repeated load/unload --------------------------------------------------

cycle() {
	local i
	setup_ns CYC || return 1
	for i in 1 2 3 4 5; do
		dcx_load_module || return 1
		dcx "$CYC" instance add "c$i" || return 1
		dcx "$CYC" -i "c$i" pool6 set ${DCX_PFX}/96 || return 1
		modprobe -r dcxlat || return 1
	done
	cleanup_ns "$CYC"
}
check "5 load/add/unload cycles" cycle
check "dmesg has no WARNING/BUG/leak lines" dmesg_clean

ksft_exit
