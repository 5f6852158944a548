#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot-time configuration through dist/systemd/dcxlat@.service. systemd is
# not PID 1 in the VM, so unit_run (unit_lib.sh) reads the unit's own
# ExecStartPre, ExecStart, ExecReload and ExecStop lines and runs them the
# way systemd does (/etc/dcxlat mapped to a temporary directory): the test
# cannot drift from the unit.
# Instance boot0 binds dev x4, which is created only after the start:
#   - "waiting" (text, JSON, counted) before x4 exists; translated pings once
#     it does; waiting again when it is deleted; translated again when it
#     is re-created (a hypervisor's TAP across a VM restart)
#   - translation needs no forwarding sysctl (what dist/dcxlat/README says)
#   - reload applies a changed file; apply --check of a good and of a bad
#     file changes nothing; stop removes the instance
#   - a transaction (raw netlink, python3) whose staged bindings' devices
#     go and come before its commit: committed waiting / bound
#
#   NS6 (2001:db8:6::2) --- XLAT (boot0: pool6 2001:db8:64::/96, unbound
#        pass, binding dev x4) --- x4 (created later) --- NS4 198.51.100.2

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/unit_lib.sh"

UNIT=$DCX_REPO/dist/systemd/dcxlat@.service
INST=boot0
CONF=$TMPD/etc-dcxlat

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip jq ping python3 modprobe
dcx_require_built

# unit_run KEY: the unit's KEY= lines as systemd runs them (unit_lib.sh),
# with the tree's CLI.
unit_run() {
	PATH="$DCX_REPO/usr:$PATH" dcx_unit_run "$UNIT" "$1" "$INST" "$CONF"
}

# make_x4: the XLAT - NS4 link, as a hypervisor would create a TAP.
make_x4() {
	veth_pair "$XLAT" x4 "$NS4" v4 &&
	ip -n "$XLAT" addr add 198.51.100.1/24 dev x4 &&
	ip -n "$NS4" addr add "$DCX_H4/24" dev v4 &&
	ip -n "$NS4" route add default via 198.51.100.1
}

ping4() {
	ip netns exec "$NS4" ping -n -c 2 -i 0.3 -W 2 -w 10 "$DCX_H6_4"
}

space_json() {
	dcx "$XLAT" -j -i "$INST" space show default
}

# conf DEV: boot0's file, binding DEV; unbound interfaces pass.
conf() {
	cat >"$CONF/$INST.json" <<EOF
{"settings": {"unbound": "pass"}, "pool6": "${DCX_PFX}/96",
 "bindings": [{"dev": "$1", "prefix4": null}]}
EOF
}

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "module installed for modprobe: $(cat "$TMPD/load.log")"
dcx_unload_module || ksft_bail "rmmod dcxlat before the unit starts"
dcx_topo_basic && ip -n "$XLAT" link del x4 || ksft_bail "topology"
mkdir -p "$CONF" && conf x4 &&
	echo "DCXLAT_NETNS=$XLAT" >"$CONF/$INST.env" || ksft_bail "config"

# ---------------------------------------------------------------------------
# start: module, apply, a binding that waits for its device

expect 0 '' "ExecStartPre loads the module" unit_run ExecStartPre
expect 0 '' "... it is loaded" dcx_module_loaded
expect 0 '^$' "ExecStart applies /etc/dcxlat/$INST.json (x4 missing)" \
	unit_run ExecStart
expect 0 '    bind dev x4  waiting' "space show: the binding waits (text)" \
	dcx "$XLAT" -i "$INST" space show default
expect_json "space show -j: waiting, counted" \
	'.bindings == [{"dev": "x4", "prefix4": null, "waiting": true}] and
	 .["bindings-waiting"] == 1' space_json

expect 0 '' "x4 created" make_x4
expect_json "space show -j: x4 bound once it exists" \
	'.bindings == [{"dev": "x4", "prefix4": null}] and
	 .["bindings-waiting"] == 0' space_json
x0=$(dcx_stat "$XLAT" "$INST" xlat-4to6)
expect 0 '' "ping through x4 is translated" ping4
expect 0 '' "... counted as translated" \
	test "$(dcx_stat "$XLAT" "$INST" xlat-4to6)" -gt "$x0"
ip netns exec "$XLAT" sysctl -qw net.ipv4.ip_forward=0 \
	net.ipv6.conf.all.forwarding=0
expect 0 '' "translation needs no forwarding sysctl" ping4
ip netns exec "$XLAT" sysctl -qw net.ipv4.ip_forward=1 \
	net.ipv6.conf.all.forwarding=1

expect 0 '' "x4 deleted" ip -n "$XLAT" link del x4
expect_json "space show -j: waiting again" \
	'.bindings == [{"dev": "x4", "prefix4": null, "waiting": true}] and
	 .["bindings-waiting"] == 1' space_json
expect 0 '' "x4 re-created" make_x4
expect_json "space show -j: bound again" \
	'.bindings[0].waiting == null and .["bindings-waiting"] == 0' space_json
expect 0 '' "ping through the new x4 is translated" ping4

# ---------------------------------------------------------------------------
# apply --check, reload, stop

dcx "$XLAT" -i "$INST" show >"$TMPD/before.json"
conf x4b
expect 0 '^$' "apply --check of a good changed file: exit 0" \
	dcx "$XLAT" -i "$INST" apply --check "$CONF/$INST.json"
echo '{"spaces": [{"name": "t", "id": 7, "table": 200}]}' >"$TMPD/bad.json"
expect 1 'spaces\[0\]: .*no VRF device uses table 200' \
	"apply --check of a bad file: the module's refusal, exit 1" \
	dcx "$XLAT" -i "$INST" apply --check "$TMPD/bad.json"
expect 0 '' "... neither changed anything" \
	cmp "$TMPD/before.json" <(dcx "$XLAT" -i "$INST" show)

expect 0 '^$' "ExecReload applies the changed file" unit_run ExecReload
expect_json "space show -j: now x4b, waiting" \
	'.bindings == [{"dev": "x4b", "prefix4": null, "waiting": true}]' \
	space_json
check_fail "x4 unbound: its IPv4 passes, untranslated" ping4

# ---------------------------------------------------------------------------
# A transaction whose bindings' devices change before its commit: x4 is
# staged while it exists and deleted, x4c staged while missing and created.

# txn.py UAPI_HEADER INSTANCE GO DEV...: TXN_BEGIN, BIND_ADD dev DEV...
# (default space), then waits for the file GO and commits; one line per
# reply ("commit 0"). Numbers from the uapi header itself.
cat >"$TMPD/txn.py" <<'PY'
import os, re, socket, struct, sys, time
hdr, inst, go, devs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
src = open(hdr).read()
def enum(name):
    body = re.search(r'enum %s \{(.*?)\};' % name, src, re.S).group(1)
    return {n: i for i, n in
            enumerate(re.findall(r'^\s*(DCXLAT_\w+)', body, re.M))}
cmd, top, bnd = enum('dcxlat_cmd'), enum('dcxlat_attr'), enum('dcxlat_bind_attr')
abi = int(re.search(r'#define DCXLAT_ABI_VERSION\s+(\d+)', src).group(1))
na = lambda t, d: struct.pack('=HH', 4 + len(d), t) + d + bytes(-len(d) % 4)
sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
sk.bind((0, 0))
seq = 0
def talk(fam, c, attrs, flags=5):
    global seq
    seq += 1
    body = bytes([c, 1, 0, 0]) + attrs
    sk.send(struct.pack('=IHHII', 16 + len(body), fam, flags, seq, 0) + body)
    while True:
        d = sk.recv(65536)
        typ, s = struct.unpack_from('=H', d, 4)[0], struct.unpack_from('=I', d, 8)[0]
        if s == seq:
            return d, typ
d, _ = talk(16, 3, na(2, b'dcxlat\0'), 1)      # CTRL_CMD_GETFAMILY
p = 20
while struct.unpack_from('=H', d, p + 2)[0] != 1:  # CTRL_ATTR_FAMILY_ID
    p += (struct.unpack_from('=H', d, p)[0] + 3) & ~3
fam = struct.unpack_from('=H', d, p + 4)[0]
base = na(top['DCXLAT_A_ABI'], struct.pack('=I', abi)) + \
    na(top['DCXLAT_A_INSTANCE'], inst.encode() + b'\0')
def say(what, c, attrs=b''):
    d, _ = talk(fam, cmd[c], base + attrs)
    print(what, struct.unpack_from('=i', d, 16)[0], flush=True)
say('begin', 'DCXLAT_CMD_TXN_BEGIN')
for dev in devs:
    say('bind ' + dev, 'DCXLAT_CMD_BIND_ADD', na(top['DCXLAT_A_BIND'] | 0x8000,
        na(bnd['DCXLAT_BIND_IFNAME'], dev.encode() + b'\0')))
print('staged', flush=True)
while not os.path.exists(go):
    time.sleep(0.1)
say('commit', 'DCXLAT_CMD_TXN_COMMIT')
PY

BG_LOG=$TMPD/txn.log
run_bg ip netns exec "$XLAT" python3 "$TMPD/txn.py" \
	"$DCX_REPO/kmod/uapi/dcxlat.h" "$INST" "$TMPD/go" x4 x4c
txn_pid=$BG_PID
expect 0 '' "a transaction stages bindings of x4 (exists) and x4c (missing)" \
	busywait 60000 grep -q '^staged' "$TMPD/txn.log"
expect 0 '' "... x4 deleted, x4c created before the commit" \
	bash -c "ip -n '$XLAT' link del x4 &&
		 ip -n '$XLAT' link add x4c type dummy && touch '$TMPD/go'"
wait_pid 30 "$txn_pid"
expect 0 '^begin 0 bind x4 0 bind x4c 0 staged commit 0 $' \
	"... begin, both binds and the commit succeed" \
	tr '\n' ' ' <"$TMPD/txn.log"
expect_json "... committed: x4 waiting, x4c bound" \
	'.bindings == [{"dev": "x4", "prefix4": null, "waiting": true},
		       {"dev": "x4c", "prefix4": null}] and
	 .["bindings-waiting"] == 1' space_json
expect 0 '' "x4 re-created" make_x4
expect_json "... bound too" '.["bindings-waiting"] == 0' space_json

expect 0 '^$' "ExecStop removes the instance" unit_run ExecStop
expect 1 "no instance \"$INST\"" "... it is gone" dcx "$XLAT" -i "$INST" show

ksft_exit
