#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The dcxlat CLI's basic commands against the generic netlink family:
# instance, pool6 and stats, each happy path, every refusal (by the CLI,
# exit 2, and by the kernel, exit 1, each with its message), the ABI check,
# JSON output, usage errors, help and version. Permissions, netns
# isolation, notifications, raw netlink requests, large dumps and the
# module being absent are in cli_netlink.sh.
#
#   n1 (most checks)   n3 (stats)
#   +-------------+    +----------+
#   | default, t1 |    | default  |
#   |             |    | lo ping  |
#   +-------------+    +----------+
#
# No links: the translator's packet path is not under test here.

source "$(dirname "$0")/lib.sh"

D=$dcx_cli
UAPI=$DCX_REPO/kmod/uapi/dcxlat.h

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip jq grep sed modinfo modprobe
dcx_require_built

# The counter names straight from the uapi X-macro, in order.
uapi_stat_names() {
	sed -n 's/^[[:space:]]*X([A-Z0-9_]*,[[:space:]]*"\([^"]*\)".*/\1/p' \
		"$UAPI"
}

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
setup_ns N1 N3 || ksft_bail "create network namespaces"

# ---------------------------------------------------------------------------
# instance

expect 0 '^$' "instance show: nothing in a new netns" dcx "$N1" instance show
expect_json "instance show -j: [] in a new netns" '. == []' \
	dcx "$N1" -j instance show
expect 0 '^$' "instance add: no name adds \"default\"" dcx "$N1" instance add
expect_json "instance show -j: default, pool6 null" \
	'. == [{"name": "default", "pool6": null}]' dcx "$N1" -j instance show
expect 1 'instance "default" already exists' \
	"instance add: a duplicate name is refused (exit 1)" \
	dcx "$N1" instance add default
expect 0 '' "instance add t1" dcx "$N1" instance add t1
expect_json "instance show -j: creation order" \
	'[.[].name] == ["default", "t1"]' dcx "$N1" -j instance show
expect 0 '^t1 +pool6 unset$' "instance show t1: text" \
	dcx "$N1" instance show t1
expect_json "instance show t1 -j: one element" \
	'. == [{"name": "t1", "pool6": null}]' dcx "$N1" instance show t1 -j
expect_json "-i t1 instance show: the same as a NAME" \
	'length == 1 and .[0].name == "t1"' dcx "$N1" -j -i t1 instance show
expect 1 'no instance "nosuch"' "instance show: unknown name (exit 1)" \
	dcx "$N1" instance show nosuch
expect 0 '' "instance add: 15 characters (the maximum)" \
	dcx "$N1" instance add 123456789012345
expect 0 '' "instance del: 15 characters" \
	dcx "$N1" instance del 123456789012345

# ---------------------------------------------------------------------------
# pool6

expect 0 '' "pool6 set 64:ff9b::/96" dcx "$N1" pool6 set 64:ff9b::/96
expect 0 '^pool6 64:ff9b::/96$' "pool6 show: text" dcx "$N1" pool6 show
expect_json "pool6 show -j" \
	'. == {"instance": "default", "pool6": "64:ff9b::/96"}' \
	dcx "$N1" -j pool6 show
expect_json "instance show -j: pool6 of each instance" \
	'. == [{"name": "default", "pool6": "64:ff9b::/96"},
	       {"name": "t1", "pool6": null}]' dcx "$N1" -j instance show

for p in 2001:db8::/32 2001:db8:100::/40 2001:db8:122::/48 \
	 2001:db8:122:300::/56 2001:db8:122:344::/64 64:ff9b::/96; do
	dcx "$N1" -i t1 pool6 set "$p" >"$TMPD/out" 2>&1
	expect_json "pool6 set $p: accepted and read back" \
		".pool6 == \"$p\" and .instance == \"t1\"" \
		dcx "$N1" -i t1 -j pool6 show ||
		diag "set: $(cat "$TMPD/out")"
done

# Refused by the CLI before anything is sent: usage errors.
expect 2 'prefix 2001:db8::/95 is not a valid RFC 6052 length; use 32, 40, 48, 56, 64 or 96' \
	"pool6 set /95: refused by the CLI (exit 2)" \
	dcx "$N1" pool6 set 2001:db8::/95
expect 2 'length 129 is out of range' "pool6 set /129: refused (exit 2)" \
	dcx "$N1" pool6 set 2001:db8::/129
expect 2 'prefix 2001:db8::1/64 has bits set after the prefix length; did you mean 2001:db8::/64\?' \
	"pool6 set with host bits: refused (exit 2)" \
	dcx "$N1" pool6 set 2001:db8::1/64
expect 2 'invalid prefix "garbage": missing "/LENGTH"' \
	"pool6 set garbage: refused (exit 2)" dcx "$N1" pool6 set garbage
expect 2 '"zz::" is not an IPv6 address' "pool6 set zz::/96: refused (exit 2)" \
	dcx "$N1" pool6 set zz::/96
expect 2 'is an IPv4 address' "pool6 set 192.0.2.0/24: refused (exit 2)" \
	dcx "$N1" pool6 set 192.0.2.0/24
expect 2 'length "x" is not a number' "pool6 set 64:ff9b::/x: refused (exit 2)" \
	dcx "$N1" pool6 set 64:ff9b::/x

# The same values with the CLI's checks off reach the kernel: exit 1 and
# the kernel's own reason.
export DCXLAT_NO_USER_CHECKS=1
expect 1 'pool6 /95 is not an RFC 6052 length; use 32, 40, 48, 56, 64 or 96' \
	"kernel refuses pool6 /95 (exit 1)" dcx "$N1" pool6 set 2001:db8::/95
expect 1 'pool6 /0 is not an RFC 6052 length' \
	"kernel refuses pool6 /0 (exit 1)" dcx "$N1" pool6 set ::/0
expect 1 'pool6 /128 is not an RFC 6052 length' \
	"kernel refuses pool6 /128 (exit 1)" dcx "$N1" pool6 set 2001:db8::/128
expect 1 'out of range.*DCXLAT_PREFIX_LEN' \
	"kernel refuses pool6 /129, naming DCXLAT_PREFIX_LEN (exit 1)" \
	dcx "$N1" pool6 set 2001:db8::/129
expect 1 'pool6 address has bits set after /64' \
	"kernel refuses host bits (exit 1)" dcx "$N1" pool6 set 2001:db8::1/64
expect 1 'pool6 address has bits set after /96' \
	"kernel refuses host bits after /96 (exit 1)" \
	dcx "$N1" pool6 set 64:ff9b::1/96
expect 1 'DCXLAT_A_INSTANCE' \
	"kernel refuses a 16-character name, naming DCXLAT_A_INSTANCE (exit 1)" \
	dcx "$N1" instance add 1234567890123456
expect 1 'instance name is empty' "kernel refuses an empty name (exit 1)" \
	dcx "$N1" instance add ""
expect 1 'printable ASCII without spaces' \
	"kernel refuses a name with a space (exit 1)" \
	dcx "$N1" instance add "a b"
unset DCXLAT_NO_USER_CHECKS
expect_json "refused changes changed nothing" \
	'. == [{"name": "default", "pool6": "64:ff9b::/96"},
	       {"name": "t1", "pool6": "64:ff9b::/96"}]' \
	dcx "$N1" -j instance show

expect 1 'no instance "nosuch"' "pool6 set: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch pool6 set 64:ff9b::/96
expect 1 'no instance "nosuch"' "pool6 show: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch pool6 show
expect 1 'no instance "nosuch"' "pool6 flush: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch pool6 flush
expect 0 '' "pool6 flush" dcx "$N1" -i t1 pool6 flush
expect 0 '^pool6 unset$' "pool6 show after flush: unset" \
	dcx "$N1" -i t1 pool6 show
expect_json "pool6 show -j after flush: null" '.pool6 == null' \
	dcx "$N1" -i t1 -j pool6 show
expect 0 '' "pool6 flush again: nothing to do, no error" \
	dcx "$N1" -i t1 pool6 flush
expect_json "flush of t1 left default alone" '.pool6 == "64:ff9b::/96"' \
	dcx "$N1" -j pool6 show

# ---------------------------------------------------------------------------
# ABI check: the kernel refuses a request speaking another ABI.

expect 1 'ABI mismatch: request speaks ABI 99, module ABI 1.*hint: this CLI speaks ABI' \
	"ABI mismatch on a get: exit 1, both versions and a hint" \
	env DCXLAT_TEST_ABI=99 "$D" -n "$N1" instance show default
expect 1 'ABI mismatch: request speaks ABI 99' \
	"ABI mismatch on a dump" env DCXLAT_TEST_ABI=99 "$D" -n "$N1" instance show
expect 1 'ABI mismatch: request speaks ABI 0' \
	"ABI mismatch on a change" env DCXLAT_TEST_ABI=0 "$D" -n "$N1" instance add abi
expect 1 'no instance "abi"' "the refused change created nothing" \
	dcx "$N1" instance show abi

# ---------------------------------------------------------------------------
# stats

mapfile -t NAMES < <(uapi_stat_names)
names_json=$(printf '%s\n' "${NAMES[@]}" | jq -R . | jq -sc .)
expect 0 '' "uapi lists $((${#NAMES[@]})) counters" test "${#NAMES[@]}" -ge 10
expect_json "stats show -j: every uapi counter, in order, as numbers" \
	"(keys_unsorted == $names_json) and all(.[]; type == \"number\")" \
	dcx "$N1" -j stats show
stats_text=$(dcx "$N1" stats show 2>&1)
ok=0
for n in "${NAMES[@]}"; do
	grep -qE "^$n +[0-9]+$" <<<"$stats_text" || { ok=1; diag "no line for $n"; }
done
[ "$(wc -l <<<"$stats_text")" -eq "${#NAMES[@]}" ] || ok=1
log_test "stats show: one \"name value\" line per counter" $ok ||
	diag "$stats_text"
expect 0 '^xlat-4to6 +[0-9]+  IPv4 packets translated to IPv6$' \
	"stats show --explain: the doc of each counter" \
	dcx "$N1" stats show --explain
expect 0 'IPv6 packets translated to IPv4' "stats show -v: the same" \
	dcx "$N1" -v stats show
expect 1 'no instance "nosuch"' "stats show: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch stats show
expect 1 'no instance "nosuch"' "stats reset: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch stats reset

# Make a counter move (loopback traffic crosses PREROUTING), then reset.
dcx "$N3" instance add >/dev/null 2>&1
ip netns exec "$N3" ping -6 -c 2 -i 0.2 -W 1 ::1 >/dev/null 2>&1
ip netns exec "$N3" ping -4 -c 2 -i 0.2 -W 1 127.0.0.1 >/dev/null 2>&1
sum=$(dcx "$N3" -j stats show | jq '[.[]] | add')
if [ "${sum:-0}" -gt 0 ]; then
	expect 0 '' "stats reset" dcx "$N3" stats reset
	expect_json "stats show -j after reset: all zero (was $sum)" \
		'all(.[]; . == 0)' dcx "$N3" -j stats show
else
	ksft_skip_test "stats reset zeroes counters" \
		"no counter moved with loopback pings"
fi

# ---------------------------------------------------------------------------
# instance del

expect 0 '' "instance del t1" dcx "$N1" instance del t1
expect_json "instance show -j: t1 is gone" '[.[].name] == ["default"]' \
	dcx "$N1" -j instance show
expect 1 'no instance "t1"' "instance del: unknown name (exit 1)" \
	dcx "$N1" instance del t1
expect 0 '' "instance del with -i" dcx "$N1" -i default instance del
expect_json "instance show -j: empty again" '. == []' \
	dcx "$N1" -j instance show

# ---------------------------------------------------------------------------
# Usage errors: exit 2 and what to fix.

expect 2 'is too long \(16 bytes; at most 15\)' "name too long (exit 2)" \
	dcx "$N1" instance add 1234567890123456
expect 2 'is too long' "-i name too long (exit 2)" \
	dcx "$N1" -i 1234567890123456789 stats show
expect 2 'space or non-printable' "name with a space (exit 2)" \
	dcx "$N1" instance add "a b"
expect 2 'instance name is empty' "empty name (exit 2)" \
	dcx "$N1" instance add ""
expect 2 'pool6 set: missing PREFIX' "pool6 set without PREFIX (exit 2)" \
	dcx "$N1" pool6 set
expect 2 'instance del: missing NAME' "instance del without NAME (exit 2)" \
	dcx "$N1" instance del
expect 2 'missing OBJECT' "no arguments at all (exit 2)" "$D"
expect 2 'instance: unknown command "frob"; commands are add, del, show' \
	"unknown instance command (exit 2)" dcx "$N1" instance frob
expect 2 'pool6: unknown command "frob"; commands are set, show, flush' \
	"unknown pool6 command (exit 2)" dcx "$N1" pool6 frob
expect 2 'stats: unknown command "frob"; commands are show, reset' \
	"unknown stats command (exit 2)" dcx "$N1" stats frob
expect 2 'unknown object "frob"' "unknown object (exit 2)" dcx "$N1" frob
expect 2 'pool6 show: unexpected argument "extra"' "extra argument (exit 2)" \
	dcx "$N1" pool6 show extra
expect 2 'instance add: unexpected argument "b"' "two names (exit 2)" \
	dcx "$N1" instance add a b
expect 2 'unknown option "--frob"' "unknown option (exit 2)" \
	dcx "$N1" --frob instance show
expect 2 'option -i needs a value' "-i without a value (exit 2)" \
	dcx "$N1" instance show -i
expect 2 'invalid network namespace name "a/b"' "-n a/b (exit 2)" \
	"$D" -n a/b instance show
expect 1 "no network namespace \"nosuch-$$\"" "-n with an unknown netns (exit 1)" \
	"$D" -n "nosuch-$$" instance show

for h in "help" "-h" "--help" "instance help" "pool6 help" "stats help" \
	 "monitor help" "help pool6" "pool6 -h"; do
	# shellcheck disable=SC2086
	expect 0 '^Usage: dcxlat' "help: dcxlat $h" "$D" $h
done
expect 0 "netlink ABI $(sed -n 's/^#define DCXLAT_ABI_VERSION[[:space:]]*//p' "$UAPI")" \
	"-V: CLI version and ABI" "$D" -V
expect_json "-p: pretty JSON still parses" 'type == "array"' \
	dcx "$N1" -p instance show

ksft_exit
