#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The CLI of address spaces and bindings against the kernel's space
# handlers: space add/set/del/show, bind/unbind, per-space EAM entries,
# every refusal with its exit code, JSON output, spaces in the
# "show | apply" round trip, non-root refused; a VRF that does not exist
# yet (space add, apply) is kept and waited for, like a binding: shown
# "waiting", taken when a VRF of that name (and table) appears, waited
# for again when it goes, each change a "space vrf" monitor event; a
# device of that name that is no VRF is refused; the ndp-proxy device
# waits the same way (global show, "global device" events). (The packet
# path of spaces is tested by the space_*.sh scripts: space_tenants.sh
# for a VRF that goes and comes.)

source "$(dirname "$0")/lib.sh"

D=$dcx_cli
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip jq setpriv python3 cmp
dcx_require_built

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
setup_ns N1 || ksft_bail "create a network namespace"
ip -n "$N1" link add d0 type dummy && ip -n "$N1" link add d1 type dummy &&
	ip -n "$N1" link set d0 up && ip -n "$N1" link set d1 up &&
	ip -n "$N1" link add vrf100 type vrf table 100 &&
	ip -n "$N1" link set vrf100 up ||
	ksft_bail "dummy and VRF devices"
dcx "$N1" instance add || ksft_bail "instance add"
if dcx "$N1" space show 2>&1 | grep -q 'does not know this command'; then
	ksft_skip_all "the module has no space commands yet"
fi

expect 0 '^default +id 0 ' "space show: the default space is there" \
	dcx "$N1" space show
expect_json "space show -j: one space, default, ID 0" \
	'length == 1 and .[0].name == "default" and .[0].id == 0' \
	dcx "$N1" -j space show
expect 0 '' "space add ta id 35 prefix 2001:db8:a41:23::/96" \
	dcx "$N1" space add ta id 35 prefix 2001:db8:a41:23::/96
expect_json "space show ta -j: its attributes" \
	'.name == "ta" and .id == 35 and .prefix == "2001:db8:a41:23::/96"
	 and .bindings == []' dcx "$N1" -j space show ta
expect 0 '' "global set space-base 2001:db8:a41::/48" \
	dcx "$N1" global set space-base 2001:db8:a41::/48
expect 0 '' "space add tb id 0x24 (prefix from space-base + ID)" \
	dcx "$N1" space add tb id 0x24
expect_json "space show tb -j: ID 36" '.id == 36' dcx "$N1" -j space show tb
expect 1 'already exists' "space add: duplicate name (exit 1)" \
	dcx "$N1" space add ta id 99
expect 1 'taken by space ta' "space add: duplicate ID (exit 1)" \
	dcx "$N1" space add tc id 35
expect 1 'overlaps the prefix of space ta' \
	"space add: overlapping prefix (exit 1)" \
	dcx "$N1" space add tc id 50 prefix 2001:db8:a41:23::/96
expect 2 'id 0 is out of range; use 1 to 65535' "space add: ID 0 (exit 2)" \
	dcx "$N1" space add tc id 0
expect 2 'id 70000 is out of range' "space add: ID 70000 (exit 2)" \
	dcx "$N1" space add tc id 70000
expect 2 'missing id N' "space add: no ID (exit 2)" dcx "$N1" space add tc
expect 2 'not a valid RFC 6052 length' "space add: prefix /95 (exit 2)" \
	dcx "$N1" space add tc id 51 prefix 2001:db8:77::/95
expect 2 'space name' "space add: name too long (exit 2)" \
	dcx "$N1" space add 0123456789abcdef id 52
expect 1 'd0 is not a VRF device' \
	"space add: a device that is not a VRF is refused (exit 1)" \
	dcx "$N1" space add tc id 52 vrf d0
expect 1 'VRF vrf100 uses table 100, not 7' \
	"space add: a VRF of another table is refused (exit 1)" \
	dcx "$N1" space add tc id 52 vrf vrf100 table 7
expect 1 'no instance "nosuch"' "space add: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch space add tc id 53
expect 1 'no space|nosuch' "space show: unknown space (exit 1)" \
	dcx "$N1" space show nosuch
expect 1 'cannot be deleted' "space del default refused (exit 1)" \
	dcx "$N1" space del default
expect 1 'no space|nosuch' "space del: unknown space (exit 1)" \
	dcx "$N1" space del nosuch

expect 0 '' "space bind ta dev d0 prefix4 10.0.0.0/8" \
	dcx "$N1" space bind ta dev d0 prefix4 10.0.0.0/8
expect 0 '' "space bind ta dev d1" dcx "$N1" space bind ta dev d1
expect 0 '' "space bind tb dev d0 prefix4 10.1.0.0/16 (longer prefix, other space)" \
	dcx "$N1" space bind tb dev d0 prefix4 10.1.0.0/16
expect_json "space show ta -j: both bindings, by name" \
	'.bindings == [{"dev": "d0", "prefix4": "10.0.0.0/8"},
		       {"dev": "d1", "prefix4": null}] or
	 .bindings == [{"dev": "d1", "prefix4": null},
		       {"dev": "d0", "prefix4": "10.0.0.0/8"}]' \
	dcx "$N1" -j space show ta
expect 0 '    bind dev d0 prefix4 10\.0\.0\.0/8' "space show: bindings in text" \
	dcx "$N1" space show ta
expect 1 '' "space bind: the same binding again (exit 1)" \
	dcx "$N1" space bind ta dev d0 prefix4 10.0.0.0/8
expect 0 '^$' "space bind: a device that does not exist yet is kept" \
	dcx "$N1" space bind ta dev nosuch
expect 0 '    bind dev nosuch  waiting' "space show: it is waiting (text)" \
	dcx "$N1" space show ta
expect 0 'waiting 1' "space show: the waiting bindings are counted" \
	dcx "$N1" space show ta
expect_json "space show -j: waiting, counted" \
	'(.bindings | map(select(.dev == "nosuch"))) ==
		[{"dev": "nosuch", "prefix4": null, "waiting": true}] and
	 .["bindings-waiting"] == 1' dcx "$N1" -j space show ta
expect 0 '' "space unbind: a waiting binding" \
	dcx "$N1" space unbind ta dev nosuch
expect 2 'missing dev IFNAME' "space bind: no dev (exit 2)" \
	dcx "$N1" space bind ta
expect 0 '' "space unbind ta dev d1" dcx "$N1" space unbind ta dev d1
expect 1 '' "space unbind: not bound (exit 1)" \
	dcx "$N1" space unbind ta dev d1

expect 0 '' "space set ta table 100" dcx "$N1" space set ta table 100
expect_json "space show ta -j: table 100 (its VRF device vrf100)" \
	'.table == 100 and .vrf == "vrf100"' \
	dcx "$N1" -j space show ta
expect 1 'no VRF device uses table 200' \
	"space set: a table no VRF uses is refused (exit 1)" \
	dcx "$N1" space set ta table 200
expect 2 'nothing to set' "space set: nothing (exit 2)" dcx "$N1" space set ta

expect 0 '' "eamt add space ta" \
	dcx "$N1" eamt add space ta 10.0.0.2 2001:db8:77::2
expect 0 '' "eamt add space tb: the same IPv4 address in another space" \
	dcx "$N1" eamt add space tb 10.0.0.2 2001:db8:78::2
expect 1 'overlaps EAM 2001:db8:77::2/128' \
	"eamt add: the IPv6 side is shared by all spaces (exit 1)" \
	dcx "$N1" eamt add space tb 10.0.0.3 2001:db8:77::2
expect 0 '^10\.0\.0\.2/32 2001:db8:77::2/128$' "eamt show space ta" \
	dcx "$N1" eamt show space ta
expect 0 '^$' "eamt show: the default space has none" dcx "$N1" eamt show

# The whole configuration with spaces: show | apply | show.
dcx "$N1" show >"$TMPD/s1.json"
expect_json "show: spaces with bindings and EAM entries" \
	'(.spaces | map(.name)) == ["ta", "tb"] and
	 (.spaces[0].eamt == ["10.0.0.2/32 2001:db8:77::2/128"]) and
	 (.spaces[0].bindings | length) == 1' cat "$TMPD/s1.json"
dcx "$N1" space del tb
dcx "$N1" eamt flush space ta
expect 0 '' "apply: spaces, bindings and EAM entries come back" \
	dcx "$N1" apply "$TMPD/s1.json"
expect 0 '' "show | apply | show: identical" \
	cmp "$TMPD/s1.json" <(dcx "$N1" show)
echo '{"spaces": [{"name": "x", "id": 7, "bindings": [{"dev": "nosuch"}]}]}' \
	>"$TMPD/bad.json"
expect 0 '^$' "apply --check: a binding waiting for its device is fine" \
	dcx "$N1" apply --check "$TMPD/bad.json"
expect 0 '' "... nothing changed" cmp "$TMPD/s1.json" <(dcx "$N1" show)
expect 0 '' "space del ta" dcx "$N1" space del ta
expect 1 'no space' "eamt show space ta: gone with its space (exit 1)" \
	dcx "$N1" eamt show space ta

# --- a VRF that does not exist yet, and the ndp-proxy device -----------

MON=$TMPD/mon.log
dcx "$N1" instance add mon >/dev/null 2>&1
BG_LOG=$MON run_bg "$D" -n "$N1" monitor
MON_PID=$BG_PID
mon_ready() {
	dcx "$N1" -i mon stats reset >/dev/null 2>&1 &&
		grep -q '^stats reset mon$' "$MON"
}
slowwait 30 mon_ready >/dev/null || diag "the monitor shows nothing yet"
expect 0 '^$' "space add tv id 60 vrf vlater: a VRF to come is kept" \
	dcx "$N1" space add tv id 60 vrf vlater
expect 0 '^tv +id 60 .* table 0  vrf vlater waiting( |$)' \
	"space show: it waits for its VRF (text)" dcx "$N1" space show tv
expect_json "space show -j: vrf-waiting" \
	'.vrf == "vlater" and .["vrf-waiting"] == true and .table == 0' \
	dcx "$N1" -j space show tv
ip -n "$N1" link add vlater type vrf table 300
expect_json "the VRF appears: the space routes through it (table 300)" \
	'.vrf == "vlater" and .table == 300 and has("vrf-waiting") == false' \
	dcx "$N1" -j space show tv
ip -n "$N1" link del vlater
expect_json "the VRF goes: the space waits again, for table 300" \
	'.vrf == "vlater" and .["vrf-waiting"] == true and .table == 300' \
	dcx "$N1" -j space show tv
ip -n "$N1" link add vlater type vrf table 301
expect_json "a VRF of that name but another table: still waiting" \
	'.["vrf-waiting"] == true and .table == 300' dcx "$N1" -j space show tv
ip -n "$N1" link del vlater
ip -n "$N1" link add vlater type dummy
expect_json "a device of that name that is no VRF: still waiting" \
	'.["vrf-waiting"] == true' dcx "$N1" -j space show tv
expect 1 'vlater is not a VRF device' \
	"space set: naming it now is refused (exit 1)" \
	dcx "$N1" space set tv vrf vlater
ip -n "$N1" link del vlater
ip -n "$N1" link add vlater type vrf table 300
expect_json "the VRF of that name and table comes back: bound again" \
	'.table == 300 and has("vrf-waiting") == false' \
	dcx "$N1" -j space show tv
expect 0 '' "space set tv vrf none: back to the main routing" \
	dcx "$N1" space set tv vrf none
expect_json "... no VRF, nothing waits" \
	'.vrf == null and has("vrf-waiting") == false' dcx "$N1" -j space show tv
expect 0 '' "space del tv" dcx "$N1" space del tv
ip -n "$N1" link del vlater
echo '{"spaces": [{"name": "tw", "id": 61, "vrf": "vboot"}]}' \
	>"$TMPD/vboot.json"
expect 0 '^$' "apply --check: a space waiting for its VRF is fine" \
	dcx "$N1" -i ap apply --check "$TMPD/vboot.json"
expect 0 '^$' "apply: a space whose VRF does not exist yet (boot)" \
	dcx "$N1" -i ap apply "$TMPD/vboot.json"
expect 0 '^tw +id 61 .* vrf vboot waiting( |$)' "... committed, waiting" \
	dcx "$N1" -i ap space show tw
expect 0 '^$' "diff: the same file, no change" \
	dcx "$N1" -i ap diff "$TMPD/vboot.json"
ip -n "$N1" link add vboot type vrf table 302
expect_json "... and bound when the VRF comes" \
	'.table == 302 and has("vrf-waiting") == false' \
	dcx "$N1" -j -i ap space show tw
ip -n "$N1" link del vboot
expect 0 '' "instance del ap" dcx "$N1" instance del ap
expect 0 '' "global set ndp-proxy uplater: a device to come is kept" \
	dcx "$N1" -i mon global set ndp-proxy uplater
expect 0 '^ndp-proxy +uplater  waiting$' "global show: ndp-proxy waiting" \
	dcx "$N1" -i mon global show
expect_json "global show -j: ndp-proxy-waiting" \
	'.["ndp-proxy"] == "uplater" and .["ndp-proxy-waiting"] == true' \
	dcx "$N1" -j -i mon global show
ip -n "$N1" link add uplater type dummy
expect_json "the device appears: the proxy no longer waits" \
	'.["ndp-proxy"] == "uplater" and has("ndp-proxy-waiting") == false' \
	dcx "$N1" -j -i mon global show
ip -n "$N1" link del uplater
dcx "$N1" -i mon space add tm id 62 vrf vmon
ip -n "$N1" link add vmon type vrf table 303
ip -n "$N1" link del vmon
dcx "$N1" -i mon pool6 set 64:ff9b::/96	# the last event
slowwait 30 grep -q '^pool6 set mon ' "$MON" >/dev/null
got=$(grep -E '^(space vrf|global device|space add|global set) mon' "$MON")
want=$(printf '%s\n' \
	"global set mon ndp-proxy unset -> uplater" \
	"global device mon ndp-proxy uplater: waiting -> bound" \
	"global device mon ndp-proxy uplater: bound -> waiting" \
	"space add mon tm id 62" \
	"space vrf mon tm vrf vmon table 303: waiting -> bound" \
	"space vrf mon tm vrf vmon table 303: bound -> waiting")
[ "$got" = "$want" ]
log_test "monitor: the ndp-proxy device and the VRF come and go (events)" \
	$? || diag "got: $got"
kill "$MON_PID" 2>/dev/null

expect 1 'permission denied|Operation not permitted' \
	"space add as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" space add tz id 77
expect 1 'permission denied|Operation not permitted' \
	"space show as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" space show

ksft_exit
