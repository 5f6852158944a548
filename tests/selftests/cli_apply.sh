#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Settings ("global"), transactions and the whole-configuration commands:
# global show/set with the defaults of the uapi table and every refusal,
# "dcxlat show" printing exactly what "dcxlat apply" reads (round trip),
# apply refusing garbage and a single bad entry among 10,000 with nothing
# applied, transactions over raw netlink (staging invisible, one per
# instance, aborted when the socket closes), non-root refused, and a
# 100,000-entry apply while pings flow through an EAM entry that both the
# old and the new configuration have: not one ping may be lost.
#
#   ns6 (2001:db8:6::6) --- xlat (EAM 192.0.2.6 = 2001:db8:6::6,
#                                 pool6 2001:db8:64::/96) --- ns4 198.51.100.2
# (not the well-known prefix: these test addresses are not global, RFC
# 6052 3.1 forbids them with 64:ff9b::/96).

source "$(dirname "$0")/lib.sh"

D=$dcx_cli
UAPI_SET=$DCX_REPO/kmod/uapi/dcxlat_settings.h
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip jq ping setpriv python3 cmp
dcx_require_built

# gen_cfg FILE N SEED: a configuration with pool6, the EAM entry the
# pings use, N more entries (different for each SEED) and some settings.
gen_cfg() {
	python3 - "$@" <<'PY'
import json, sys
path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
eamt = ["192.0.2.6/32 2001:db8:6::6/128"]
for i in range(n):
    eamt.append("%d.%d.%d.%d/32 2001:db8:%x:%x::%x/128" %
                (10 + seed, i >> 16, (i >> 8) & 255, i & 255,
                 0x100 + seed, i >> 16, i & 0xffff))
cfg = {"settings": {"lowest-ipv6-mtu": 1400 + seed, "role": "siit"},
       "pool6": "2001:db8:64::/96", "eamt": eamt}
with open(path, "w") as f:
    json.dump(cfg, f)
PY
}

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
dcx_topo_basic || ksft_bail "topology"
N1=$XLAT
ip -n "$NS6" addr add 2001:db8:6::6/64 dev v6 nodad ||
	ksft_bail "address 2001:db8:6::6"
ip -n "$NS6" -6 route replace 2001:db8:64::/96 via 2001:db8:6::1 ||
	ksft_bail "route to the pool6 prefix"
dcx "$N1" instance add || ksft_bail "instance add"

# ---------------------------------------------------------------------------
# global

# "key default" of every row of the uapi settings table.
sed -n 's/^[[:space:]]*X([A-Z0-9_]*, *"\([^"]*\)", *[A-Z0-9]*, *"\([^"]*\)".*/\1 \2/p' \
	"$UAPI_SET" >"$TMPD/defaults"
expect 0 '' "the uapi table has 15 settings" \
	test "$(wc -l <"$TMPD/defaults")" -eq 15
expect 0 '' "global show: a new instance has the table's defaults" \
	bash -c "cmp <('$D' -n '$N1' global show | tr -s ' ') '$TMPD/defaults'"
expect_json "global show -j: every key, typed" \
	'.["lowest-ipv6-mtu"] == 1280 and .hairpin == true and
	 .rfc6791v4 == "192.0.0.8/32" and .rfc6791v6 == null and
	 .role == "siit" and .["max-eam-entries"] == 1048576 and
	 .["max-spaces"] == 4096 and (keys | length) == 15' dcx "$N1" -j global show
expect 0 '^$' "global set: several keys at once" \
	dcx "$N1" global set lowest-ipv6-mtu 1400 reset-tos on new-tos 184 \
	udp-zero-checksum drop role er er-ingress-filter off hairpin off \
	unbound pass rfc6791v4 198.51.100.240/28 rfc6791v6 2001:db8:ffff::/64 \
	space-base 2001:db8:a41::/48 ndp-proxy eth0 reset-traffic-class on \
	max-eam-entries 2000000 max-spaces 100
expect_json "global show -j: all changed (no eth0 here: ndp-proxy waits)" \
	'. == {"rfc6791v4": "198.51.100.240/28", "rfc6791v6": "2001:db8:ffff::/64",
	       "lowest-ipv6-mtu": 1400, "reset-traffic-class": true,
	       "reset-tos": true, "new-tos": 184, "udp-zero-checksum": "drop",
	       "role": "er", "er-ingress-filter": false, "hairpin": false,
	       "unbound": "pass", "space-base": "2001:db8:a41::/48",
	       "ndp-proxy": "eth0", "max-eam-entries": 2000000,
	       "max-spaces": 100, "ndp-proxy-waiting": true}' \
	dcx "$N1" -j global show
expect 0 '' "global set: unset prefixes and the device" \
	dcx "$N1" global set rfc6791v4 unset rfc6791v6 none ndp-proxy unset
expect_json "global show -j: unset is null" \
	'.rfc6791v4 == null and .rfc6791v6 == null and .["ndp-proxy"] == null
	 and .role == "er"' dcx "$N1" -j global show
expect 2 'lowest-ipv6-mtu: 1279 is out of range; use 1280 to 65535' \
	"global set: out of range (exit 2)" \
	dcx "$N1" global set lowest-ipv6-mtu 1279
expect 2 'role: "router" is not one of siit\|br\|er' \
	"global set: unknown enum value (exit 2)" dcx "$N1" global set role router
expect 2 'unknown setting "mtu"; "dcxlat global help" lists them' \
	"global set: unknown key (exit 2)" dcx "$N1" global set mtu 1500
expect 2 'hairpin needs a VALUE' "global set: missing value (exit 2)" \
	dcx "$N1" global set hairpin
expect 2 'missing KEY VALUE' "global set: nothing (exit 2)" \
	dcx "$N1" global set
expect 2 'space-base: prefix length /96 is out of range; use 1 to 80' \
	"global set: space-base too long (exit 2)" \
	dcx "$N1" global set space-base 2001:db8::/96
expect 1 'no instance "nosuch"' "global show: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch global show
expect 0 'lowest-ipv6-mtu +1280\.\.65535 \(default 1280\)' \
	"global help: keys with ranges and defaults" dcx "$N1" global help

# Raw requests reach the kernel's own checks (policy ranges, prefixes).
cat >"$TMPD/nl.py" <<'PY'
import socket, struct, subprocess, sys, time
from nl_ack import ack

NLM_F_REQUEST, NLM_F_ACK = 1, 4
NESTED = 0x8000
A_ABI, A_INSTANCE, A_EAM, A_SETTINGS = 1, 2, 7, 8
C = dict(EAMT_ADD=9, SETTINGS_SET=13, TXN_BEGIN=21, TXN_COMMIT=22,
         TXN_ABORT=23)
SET_LOWEST_MTU6, SET_RFC6791V4, SET_ROLE = 3, 1, 8

def attr(t, data):
    n = 4 + len(data)
    return struct.pack('=HH', n, t) + data + b'\0' * (-n % 4)

class Sock:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
        self.s.setsockopt(270, 11, 1)
        self.s.setsockopt(270, 10, 1)
        self.s.bind((0, 0))
        self.seq = 0
        self.fam = self.family()

    def family(self):
        self.seq += 1
        body = struct.pack('=BBH', 3, 1, 0) + attr(2, b'dcxlat\0')
        self.s.send(struct.pack('=IHHII', 16 + len(body), 16, NLM_F_REQUEST,
                                self.seq, 0) + body)
        d = self.s.recv(65536)
        p = 20
        while p + 4 <= len(d):
            al, at = struct.unpack_from('=HH', d, p)
            if at == 1:
                return struct.unpack_from('=H', d, p + 4)[0]
            p += (al + 3) & ~3
        sys.exit('no family')

    def req(self, cmd, payload=b'', inst=b'default'):
        self.seq += 1
        body = struct.pack('=BBH', C[cmd], 1, 0) + attr(A_ABI,
            struct.pack('=I', 1)) + attr(A_INSTANCE, inst + b'\0') + payload
        self.s.send(struct.pack('=IHHII', 16 + len(body), self.fam,
                                NLM_F_REQUEST | NLM_F_ACK, self.seq, 0) + body)
        return ack(self.s, self.fam)

def prefix(addr, plen):
    return attr(1, addr) + attr(2, bytes([plen]))

def eam(v4, l4, v6, l6):
    return attr(A_EAM | NESTED, attr(1 | NESTED, prefix(v4, l4)) +
                attr(2 | NESTED, prefix(v6, l6)))

def v6(s):
    return socket.inet_pton(socket.AF_INET6, s)

def v4(s):
    return socket.inet_pton(socket.AF_INET, s)

def say(name, got):
    print("%s %d %s" % (name, got[0], got[1]), flush=True)

def cli(*args):
    r = subprocess.run([sys.argv[1]] + list(args), capture_output=True,
                       text=True)
    return r.returncode, (r.stdout + r.stderr).strip()

mode = sys.argv[2]
a = Sock()
if mode == 'settings':
    say('mtu1000', a.req('SETTINGS_SET', attr(A_SETTINGS | NESTED,
        attr(SET_LOWEST_MTU6, struct.pack('=I', 1000)))))
    say('role9', a.req('SETTINGS_SET', attr(A_SETTINGS | NESTED,
        attr(SET_ROLE, b'\x09'))))
    say('v4hostbits', a.req('SETTINGS_SET', attr(A_SETTINGS | NESTED,
        attr(SET_RFC6791V4 | NESTED, prefix(v4('192.0.0.9'), 24)))))
    say('v4nolen', a.req('SETTINGS_SET', attr(A_SETTINGS | NESTED,
        attr(SET_RFC6791V4 | NESTED, attr(1, v4('192.0.0.9'))))))
    say('nosettings', a.req('SETTINGS_SET'))
    say('eammix', a.req('EAMT_ADD', eam(v4('203.0.113.0'), 24,
        v6('2001:db8:77::'), 120) + eam(v4('203.0.113.0'), 25,
        v6('2001:db8:78::'), 121)))
    say('eamlen', a.req('EAMT_ADD', eam(v4('203.0.113.0'), 24,
        v6('2001:db8:77::'), 121)))
elif mode == 'txn':
    say('commit-none', a.req('TXN_COMMIT'))
    say('begin', a.req('TXN_BEGIN'))
    say('begin-again', a.req('TXN_BEGIN'))
    say('stage-eam', a.req('EAMT_ADD', eam(v4('203.0.113.5'), 32,
        v6('2001:db8:99::5'), 128)))
    print('live-during', *cli('eamt', 'show'), flush=True)
    print('apply-busy', *cli('apply', sys.argv[3]), flush=True)
    b = Sock()
    say('other-begin', b.req('TXN_BEGIN'))
    say('other-commit', b.req('TXN_COMMIT'))
    say('commit', a.req('TXN_COMMIT'))
    print('live-after', *cli('eamt', 'show'), flush=True)
    print('mtu-after', *cli('-j', 'global', 'show'), flush=True)
    say('begin2', a.req('TXN_BEGIN'))
    say('stage2', a.req('EAMT_ADD', eam(v4('203.0.113.6'), 32,
        v6('2001:db8:99::6'), 128)))
    say('abort', a.req('TXN_ABORT'))
    say('abort-again', a.req('TXN_ABORT'))
    say('begin3', a.req('TXN_BEGIN'))
    say('stage3', a.req('EAMT_ADD', eam(v4('203.0.113.7'), 32,
        v6('2001:db8:99::7'), 128)))
    a.s.close()
    time.sleep(0.2)
    c = Sock()
    say('begin-after-close', c.req('TXN_BEGIN'))
    say('abort-after-close', c.req('TXN_ABORT'))
    print('live-end', *cli('eamt', 'show'), flush=True)
PY

ip netns exec "$N1" env PYTHONPATH="$LIB_DIR" python3 "$TMPD/nl.py" "$D" settings >"$TMPD/raw1" 2>&1
diag "$(cat "$TMPD/raw1")"
expect 0 '' "kernel: lowest-ipv6-mtu 1000 refused by the policy (-ERANGE)" \
	grep -qE '^mtu1000 -34 ' "$TMPD/raw1"
expect 0 '' "kernel: role 9 refused (-ERANGE)" grep -qE '^role9 -34 ' "$TMPD/raw1"
expect 0 '' "kernel: rfc6791v4 with host bits refused, says so" \
	grep -qE '^v4hostbits -22 .*rfc6791v4 address has bits set after /24' "$TMPD/raw1"
expect 0 '' "kernel: prefix without its length refused, says so" \
	grep -qE '^v4nolen -22 .*rfc6791v4 lacks its length' "$TMPD/raw1"
expect 0 '' "kernel: SETTINGS_SET without settings refused" \
	grep -qE '^nosettings -22 .*missing settings' "$TMPD/raw1"
expect 0 '' "kernel: 2nd EAM of a message overlaps the 1st: refused" \
	grep -qE '^eammix -17 .*203\.0\.113\.0/25 overlaps EAM 203\.0\.113\.0/24' "$TMPD/raw1"
expect 0 '^$' "kernel: ... and the 1st entry was taken back" \
	dcx "$N1" eamt show
expect 0 '' "kernel: unequal suffix lengths refused" \
	grep -qE '^eamlen -22 .*suffix lengths differ' "$TMPD/raw1"
expect_json "kernel: refused settings changed nothing" \
	'.["lowest-ipv6-mtu"] == 1400 and .role == "er"' dcx "$N1" -j global show

# ---------------------------------------------------------------------------
# show and apply

gen_cfg "$TMPD/a.json" 10 1
expect 0 '^$' "apply: a small configuration" dcx "$N1" apply "$TMPD/a.json"
expect_json "show: what was applied (settings not in the file: defaults)" \
	'.instance == "default" and .pool6 == "2001:db8:64::/96" and
	 (.eamt | length) == 11 and .settings["lowest-ipv6-mtu"] == 1401 and
	 .settings.role == "siit" and .settings.hairpin == true and
	 .settings.rfc6791v4 == "192.0.0.8/32" and .spaces == []' \
	dcx "$N1" show
dcx "$N1" show >"$TMPD/show1.json"
expect 0 '' "show: python3 -m json.tool parses it" \
	python3 -m json.tool "$TMPD/show1.json"
dcx "$N1" global set hairpin off new-tos 4
dcx "$N1" eamt add 198.18.0.0/15 2001:db8:1818::/111
dcx "$N1" show >"$TMPD/show2.json"
dcx "$N1" apply "$TMPD/a.json"
expect 0 '' "apply | show: replaced, the manual changes are gone" \
	cmp "$TMPD/show1.json" <(dcx "$N1" show)
expect 0 '' "show | apply | show: round trip is identical" \
	bash -c "'$D' -n '$N1' apply '$TMPD/show2.json' &&
		 cmp '$TMPD/show2.json' <('$D' -n '$N1' show)"
expect 0 '' "show -j: one line of JSON, the same content" \
	bash -c "[ \"\$('$D' -n '$N1' -j show | wc -l)\" -eq 1 ] &&
		 cmp <(jq -S . '$TMPD/show2.json') <('$D' -n '$N1' -j show | jq -S .)"
expect 0 '' "apply - (stdin)" \
	bash -c "'$D' -n '$N1' apply - <'$TMPD/show1.json' &&
		 cmp '$TMPD/show1.json' <('$D' -n '$N1' show)"

# Refusals: nothing is applied.
printf '{\n  "pool6": "64:ff9b::/96",\n  "eamt": [ oops ]\n}\n' >"$TMPD/garbage.json"
expect 2 'garbage.json:3:13: invalid JSON' \
	"apply: garbage JSON names line and column (exit 2)" \
	dcx "$N1" apply "$TMPD/garbage.json"
printf '\x00\xff{{' >"$TMPD/binary.json"
expect 2 'invalid JSON' "apply: binary garbage (exit 2)" \
	dcx "$N1" apply "$TMPD/binary.json"
: >"$TMPD/empty.json"
expect 2 'empty.json:1:1: invalid JSON' "apply: empty file (exit 2)" \
	dcx "$N1" apply "$TMPD/empty.json"
echo '{"pool6": "64:ff9b::/96", "colour": 1}' >"$TMPD/key.json"
expect 2 '\(top level\): unknown key "colour"' "apply: unknown key (exit 2)" \
	dcx "$N1" apply "$TMPD/key.json"
echo '{"settings": {"lowest-ipv6-mtu": 99999}}' >"$TMPD/range.json"
expect 2 'settings.lowest-ipv6-mtu: 99999 is out of range' \
	"apply: out-of-range setting (exit 2)" dcx "$N1" apply "$TMPD/range.json"
echo '{"pool6": "64:ff9b::/95"}' >"$TMPD/p6.json"
expect 2 'pool6: prefix 64:ff9b::/95 is not a valid RFC 6052 length' \
	"apply: bad pool6 length (exit 2)" dcx "$N1" apply "$TMPD/p6.json"
echo '{"spaces": [{"name": "a", "id": 1}, {"name": "a", "id": 2}]}' >"$TMPD/dup.json"
expect 2 'spaces\[1\].name: "a" is already the name of spaces\[0\]' \
	"apply: duplicate space names (exit 2)" dcx "$N1" apply "$TMPD/dup.json"
echo '{"bindings": [{"dev": "nosuchdev"}]}' >"$TMPD/dev.json"
expect 0 '^$' "apply --check: a binding waiting for its device is fine" \
	dcx "$N1" apply --check "$TMPD/dev.json"
echo '{"spaces": [{"name": "x", "id": 7, "table": 200}]}' >"$TMPD/tab.json"
expect 1 'spaces\[0\]: .*no VRF device uses table 200' \
	"apply --check: the module's refusal, named by its field (exit 1)" \
	dcx "$N1" apply --check "$TMPD/tab.json"
expect 1 'spaces\[0\]: .*no VRF device uses table 200' \
	"apply: the same refusal (exit 1)" dcx "$N1" apply "$TMPD/tab.json"
expect 1 'cannot open /nonexistent' "apply: missing file (exit 1)" \
	dcx "$N1" apply /nonexistent
python3 - "$TMPD/bad10k.json" <<'PY'
import json, sys
eamt = ["10.9.%d.%d 2001:db8:9:%x::1" % (i >> 8, i & 255, i) for i in range(10000)]
eamt[4321] = "10.99.0.0/16 2001:db8:99::/111"
json.dump({"pool6": "64:ff9b::/96", "eamt": eamt}, open(sys.argv[1], "w"))
PY
expect 2 'eamt\[4321\]: EAM 10\.99\.0\.0/16 2001:db8:99::/111: the suffix lengths differ' \
	"apply: one bad entry among 10,000 is named (exit 2)" \
	dcx "$N1" apply "$TMPD/bad10k.json"
python3 - "$TMPD/ovl10k.json" <<'PY'
import json, sys
eamt = ["10.9.%d.%d 2001:db8:9:%x::1" % (i >> 8, i & 255, i) for i in range(10000)]
eamt[9999] = "10.9.0.0/24 2001:db8:99::/120"
json.dump({"eamt": eamt}, open(sys.argv[1], "w"))
PY
expect 2 'eamt\[9999\]: 10\.9\.0\.0/24 overlaps 10\.9\.0\.0/32 \(eamt\[0\]\)' \
	"apply: one overlapping entry among 10,000 is named (exit 2)" \
	dcx "$N1" apply "$TMPD/ovl10k.json"
expect 0 '' "after all refusals the configuration is untouched" \
	cmp "$TMPD/show1.json" <(dcx "$N1" show)

# apply creates the instance it names, and not when it fails.
expect 0 '' "apply -i fresh: creates the instance" \
	dcx "$N1" -i fresh apply "$TMPD/show1.json"
expect_json "... with the configuration" '.instance == "fresh" and (.eamt | length) == 11' \
	dcx "$N1" -i fresh show
expect 1 'no VRF device uses table 200' "apply -i fresh2: a refusal" \
	dcx "$N1" -i fresh2 apply "$TMPD/tab.json"
expect 0 '^$' "apply --check -i fresh3: a good file" \
	dcx "$N1" -i fresh3 apply --check "$TMPD/show1.json"
expect 1 'no instance "fresh3"' "... creates no instance" \
	dcx "$N1" -i fresh3 show
expect 1 '' "... and leaves no scratch instance behind" \
	bash -c "'$D' -n '$N1' instance show | grep check-"
expect 1 'no instance "fresh2"' "... and leaves no instance behind" \
	dcx "$N1" -i fresh2 show
expect 1 'no instance "nosuch"' "show: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch show

# ---------------------------------------------------------------------------
# transactions over raw netlink

gen_cfg "$TMPD/t.json" 5 7
ip netns exec "$N1" env PYTHONPATH="$LIB_DIR" python3 "$TMPD/nl.py" "$D" txn "$TMPD/t.json" \
	>"$TMPD/raw2" 2>&1
diag "$(head -c 3000 "$TMPD/raw2")"
expect 0 '' "TXN_COMMIT without TXN_BEGIN: -ENOENT, says why" \
	grep -qE '^commit-none -2 .*no open transaction of this socket' "$TMPD/raw2"
expect 0 '' "TXN_BEGIN" grep -qE '^begin 0 ' "$TMPD/raw2"
expect 0 '' "TXN_BEGIN twice on one socket: -EBUSY" \
	grep -qE '^begin-again -16 .*already has a transaction' "$TMPD/raw2"
expect 0 '' "staged EAM entry accepted" grep -qE '^stage-eam 0' "$TMPD/raw2"
expect 0 '' "the live table does not show the staged entry" \
	bash -c "grep '^live-during' '$TMPD/raw2' | grep -qv 203.0.113.5"
expect 0 '' "apply while another socket's transaction is open: refused, busy" \
	grep -qE '^apply-busy 1 .*in a transaction of netlink port' "$TMPD/raw2"
expect 0 '' "another socket cannot begin or commit it" \
	bash -c "grep -qE '^other-begin -16' '$TMPD/raw2' &&
		 grep -qE '^other-commit -2' '$TMPD/raw2'"
expect 0 '' "TXN_COMMIT" grep -qE '^commit 0' "$TMPD/raw2"
expect 0 '' "after commit: exactly the staged table" \
	grep -qE '^live-after 0 203\.0\.113\.5/32 2001:db8:99::5/128$' "$TMPD/raw2"
expect 0 '' "after commit: settings are the staging defaults" \
	grep -qE '^mtu-after 0 .*"lowest-ipv6-mtu":1280' "$TMPD/raw2"
expect 0 '' "TXN_ABORT discards, a second ABORT: -ENOENT" \
	bash -c "grep -qE '^abort 0' '$TMPD/raw2' &&
		 grep -qE '^abort-again -2' '$TMPD/raw2'"
expect 0 '' "closing the socket aborts: a new TXN_BEGIN works" \
	grep -qE '^begin-after-close 0' "$TMPD/raw2"
expect 0 '' "aborted and closed transactions left the live table alone" \
	grep -qE '^live-end 0 203\.0\.113\.5/32 2001:db8:99::5/128$' "$TMPD/raw2"

# ---------------------------------------------------------------------------
# permissions

expect 1 'permission denied|Operation not permitted' \
	"apply as non-root refused (exit 1)" \
	bash -c "ip netns exec '$N1' ${NOBODY[*]} '$D' apply - <'$TMPD/a.json'"
expect 1 'permission denied|Operation not permitted' \
	"show as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" show
expect 1 'permission denied|Operation not permitted' \
	"global set as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" global set hairpin on

# ---------------------------------------------------------------------------
# 100,000 entries applied (twice) while pings flow: no ping lost

dcx "$N1" apply "$TMPD/a.json"
ping_eam() {
	ip netns exec "$NS6" ping -6 -n -I 2001:db8:6::6 "$@" \
		2001:db8:64::198.51.100.2
}
expect 0 '' "ping through the EAM entry 2001:db8:6::6 = 192.0.2.6" \
	ping_eam -c 3 -i 0.3 -w 15
gen_cfg "$TMPD/big1.json" 100000 2
gen_cfg "$TMPD/big2.json" 100000 3
# Pings in batches of 20 until the applies are done (however long they
# take: a KASAN kernel needs minutes), each batch waiting for its replies.
ping_loop() {
	while [ ! -e "$TMPD/ping.stop" ]; do
		ping_eam -c 20 -i 0.05 -W 5
	done
}
ping_loop >"$TMPD/ping.out" 2>&1 &
PING=$!
sleep 1
t0=$(date +%s.%N)
dcx "$N1" apply "$TMPD/big1.json" >"$TMPD/apply1.out" 2>&1
r1=$?
t1=$(date +%s.%N)
dcx "$N1" apply "$TMPD/big2.json" >"$TMPD/apply2.out" 2>&1
r2=$?
t2=$(date +%s.%N)
running=0
kill -0 $PING 2>/dev/null && running=1
touch "$TMPD/ping.stop"
wait $PING
sent=$(awk '/packets transmitted/ { n += $1 } END { print n + 0 }' "$TMPD/ping.out")
got=$(awk '/packets transmitted/ { n += $4 } END { print n + 0 }' "$TMPD/ping.out")
diag "apply 1: $(echo "$t1 - $t0" | bc 2>/dev/null || echo "?") s, apply 2: $(echo "$t2 - $t1" | bc 2>/dev/null || echo "?") s; ping still running at the end: $running; pings sent $sent, answered $got"
diag "$(grep -v 'bytes from' "$TMPD/ping.out" | grep . | tail -n 3)"
expect 0 '' "apply of 100,000 entries (1st) succeeds" test "$r1" -eq 0
expect 0 '' "apply of 100,000 entries (2nd, replacing them) succeeds" \
	test "$r2" -eq 0
expect 0 '' "the pings outlasted both applies" test "$running" -eq 1
expect 0 '' "at least 40 pings sent during the applies" test "$sent" -ge 40
expect 0 '' "every ping answered: $got of $sent, 0% loss" test "$got" -eq "$sent"
expect_json "the 2nd configuration is in place" \
	'(.eamt | length) == 100001 and .settings["lowest-ipv6-mtu"] == 1403' \
	dcx "$N1" show

ksft_exit
