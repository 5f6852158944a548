#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generic netlink family behind the dcxlat CLI, beyond the basic
# commands (cli_basic.sh): permissions (non-root, a user namespace without
# CAP_NET_ADMIN, an unprivileged user's own netns), netns isolation,
# notifications, large dumps and the module being absent. Raw netlink
# requests (python3) reach the kernel checks the CLI never lets through.
#
#   init netns            n1 (most checks)   n2 (monitor)   n3 (dumps)
#   +-------------+       +-------------+    +----------+   +----------+
#   | permission  |       | iso, leak   |    | mon, m2  |   | default  |
#   | checks only |       | raw         |    | iso      |   | b1..     |
#   +-------------+       +-------------+    +----------+   +----------+
#   userns+netns of user "nobody": its own "default" instance
#
# No links: the translator's packet path is not under test here.

source "$(dirname "$0")/lib.sh"

D=$dcx_cli
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
	if [ -n "${NOLOAD:-}" ]; then
		rm -f "$NOLOAD"
	fi
}
trap cleanup EXIT

require_root
require_cmd ip jq setpriv unshare grep sed modinfo modprobe
dcx_require_built

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
setup_ns N1 N2 N3 || ksft_bail "create network namespaces"
# The instance the large dump of n3 starts with.
dcx "$N3" instance add >/dev/null 2>&1

# ---------------------------------------------------------------------------
# Permissions: CAP_NET_ADMIN over the netns, in its owning user namespace.

expect 1 'permission denied: dcxlat needs CAP_NET_ADMIN' \
	"non-root: instance show refused (exit 1)" "${NOBODY[@]}" "$D" instance show
expect 1 'permission denied' "non-root: instance add refused (exit 1)" \
	"${NOBODY[@]}" "$D" instance add evil
expect 1 'permission denied' "non-root in netns n1: refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" instance add evil
expect 1 'permission denied' \
	"root of a new user namespace, over n1 (owned by init userns): refused" \
	ip netns exec "$N1" unshare -U -r "$D" instance add evil
expect_json "the refused adds created nothing" '. == []' \
	dcx "$N1" -j instance show
expect 1 'no instance "evil"' "... nor in the init netns" "$D" instance show evil

# Listening to notifications needs CAP_NET_ADMIN where the kernel has the
# multicast group capability flag (6.7+); before, any user may listen.
kbase=$(uname -r | cut -d- -f1)
if [ "$(printf '%s\n' 6.7 "$kbase" | sort -V | head -n 1)" = 6.7 ]; then
	expect 1 'permission denied' "non-root: monitor refused (kernel $kbase)" \
		"${NOBODY[@]}" timeout 20 "$D" monitor
else
	ksft_skip_test "non-root: monitor refused" \
		"kernel $kbase < 6.7 has no multicast group capability flag"
fi

# An unprivileged user owns a new userns + netns: it may manage that one.
if "${NOBODY[@]}" unshare -U -r -n true 2>/dev/null; then
	expect 0 '^default +pool6 64:ff9b::/96$' \
		"nobody in its own userns+netns: add, pool6 set, show" \
		"${NOBODY[@]}" unshare -U -r -n sh -c \
		"'$D' instance add && '$D' pool6 set 64:ff9b::/96 && '$D' instance show"
	expect_json "... and sees only its own instances" '. == []' \
		"${NOBODY[@]}" unshare -U -r -n "$D" -j instance show
else
	ksft_skip_test "nobody in its own userns+netns" \
		"unprivileged user namespaces are disabled"
	ksft_skip_test "... and sees only its own instances" \
		"unprivileged user namespaces are disabled"
fi

# ---------------------------------------------------------------------------
# netns isolation

expect 0 '' "instance add iso in n1" dcx "$N1" instance add iso
expect_json "n2 does not see n1's instance" '. == []' dcx "$N2" -j instance show
expect_json "the init netns does not see it" 'all(.[]; .name != "iso")' \
	"$D" -j instance show
expect 1 'no instance "iso"' "n2 cannot delete it" dcx "$N2" instance del iso
expect 0 '' "the same name in n2 is a different instance" \
	dcx "$N2" instance add iso
expect 0 '' "pool6 set in n2" dcx "$N2" -i iso pool6 set 2001:db8::/32
expect_json "n1's instance kept its own (unset) pool6" \
	'. == [{"name": "iso", "pool6": null}]' dcx "$N1" -j instance show
dcx "$N2" instance del iso >/dev/null 2>&1
dcx "$N1" instance del iso >/dev/null 2>&1

# ---------------------------------------------------------------------------
# monitor: one event per change, in order, only the netns' own.

# mon_sees LOG PATTERN: a line matches.
mon_sees() {
	grep -qE -- "$2" "$1"
}

# A stats reset of "mon" until the monitor shows it: it is then listening.
mon_ready() {
	dcx "$N2" -i mon stats reset >/dev/null 2>&1 && mon_sees "$1" "$2"
}

dcx "$N2" instance add mon >/dev/null 2>&1
MON=$TMPD/mon.log
MONJ=$TMPD/monj.log
: >"$MON"
: >"$MONJ"
# One monitor of everything, one of instance "mon" only, in JSON.
BG_LOG=$MON run_bg "$D" -n "$N2" monitor
MON_PID=$BG_PID
BG_LOG=$MONJ run_bg "$D" -n "$N2" -j -i mon monitor
MONJ_PID=$BG_PID
if slowwait 30 mon_ready "$MON" '^stats reset mon$' >/dev/null &&
   slowwait 30 mon_ready "$MONJ" '"instance":"mon"' >/dev/null; then
	dcx "$N2" instance add m2
	dcx "$N2" -i m2 pool6 set 2001:db8:100::/40
	dcx "$N2" -i m2 pool6 flush
	dcx "$N2" -i m2 eamt add 192.0.2.0/24 2001:db8:aaaa::/120
	dcx "$N2" -i m2 global set lowest-ipv6-mtu 1400
	dcx "$N2" -i m2 space add sp id 5 prefix 2001:db8:5::/96
	dcx "$N2" -i m2 space set sp prefix 2001:db8:6::/96
	dcx "$N2" -i m2 space bind sp dev nosuchdev0
	dcx "$N2" -i mon space bind default dev nosuchdev0 prefix4 10.9.0.0/16
	# The device comes, is renamed away and back, goes: the bindings of
	# both instances follow it, each a "space device" event.
	ip -n "$N2" link add nosuchdev0 type dummy
	ip -n "$N2" link set nosuchdev0 name later0
	ip -n "$N2" link set later0 name nosuchdev0
	ip -n "$N2" link del nosuchdev0
	dcx "$N2" -i m2 eamt flush
	dcx "$N2" -i m2 stats reset
	dcx "$N2" instance add m2 2>/dev/null	# refused: no event
	dcx "$N1" instance add leak		# another netns: no event
	dcx "$N2" instance del m2
	dcx "$N2" -i mon pool6 set 64:ff9b::/96	# the last one
	slowwait 30 mon_sees "$MON" '^pool6 set mon ' >/dev/null
	slowwait 30 mon_sees "$MONJ" '"command":"set"' >/dev/null
	got=$(grep -v '^stats reset mon$' "$MON")
	mon_dev="space device mon space default dev nosuchdev0 prefix4 10.9.0.0/16"
	m2_dev="space device m2 space sp dev nosuchdev0"
	want=$(printf '%s\n' "instance add m2" \
		"pool6 set m2 unset -> 2001:db8:100::/40" \
		"pool6 flush m2 2001:db8:100::/40 -> unset" \
		"eamt add m2 space default count 1: 192.0.2.0/24 2001:db8:aaaa::/120" \
		"global set m2 lowest-ipv6-mtu 1280 -> 1400" \
		"space add m2 sp id 5 prefix 2001:db8:5::/96" \
		"space set m2 sp id 5 prefix 2001:db8:6::/96: prefix 2001:db8:5::/96 -> 2001:db8:6::/96" \
		"space bind m2 space sp dev nosuchdev0 waiting" \
		"space bind mon space default dev nosuchdev0 waiting prefix4 10.9.0.0/16" \
		"$mon_dev: waiting -> bound" "$m2_dev: waiting -> bound" \
		"$mon_dev: bound -> waiting" "$m2_dev: bound -> waiting" \
		"$mon_dev: waiting -> bound" "$m2_dev: waiting -> bound" \
		"$mon_dev: bound -> waiting" "$m2_dev: bound -> waiting" \
		"eamt flush m2 space default count 1" \
		"stats reset m2" "instance del m2" \
		"pool6 set mon unset -> 64:ff9b::/96")
	[ "$got" = "$want" ]
	log_test "monitor: each change in order, naming what changed (old -> new)" \
		$? || diag "got: $got"
	expect_json "monitor -j -i mon: JSON lines of instance mon only" \
		'all(.[]; .instance == "mon") and
		 [.[] | select(.command != "reset" and .object != "space")] ==
		 [{"object": "pool6", "command": "set", "instance": "mon",
		 "pool6": "64:ff9b::/96", "old_pool6": null}]' \
		jq -s . "$MONJ"
	expect_json "monitor -j: device events, old -> new state, ifindex when bound" \
		'[.[] | select(.command == "device")] as $d |
		 ($d | map([.state, .old_state])) == [["bound", "waiting"],
		  ["waiting", "bound"], ["bound", "waiting"],
		  ["waiting", "bound"]] and
		 all($d[]; .object == "space" and .space == "default" and
		     .dev == "nosuchdev0" and .prefix4 == "10.9.0.0/16" and
		     ((.state == "bound") == (.ifindex > 0))) and
		 $d[0].ifindex == $d[2].ifindex' \
		jq -s . "$MONJ"
else
	ksft_not_ok "monitor: each change in order, naming what changed (old -> new)"
	diag "the monitors never showed an event: $(cat "$MON" "$MONJ")"
	ksft_not_ok "monitor -j -i mon: JSON lines of instance mon only"
	ksft_not_ok "monitor -j: device events, old -> new state, ifindex when bound"
fi
kill "$MON_PID" "$MONJ_PID" 2>/dev/null
dcx "$N1" instance del leak >/dev/null 2>&1

# ---------------------------------------------------------------------------
# Raw requests: what the CLI never sends, the kernel still refuses.

cat >"$TMPD/rawnl.py" <<'EOF'
import socket, struct, sys
from nl_ack import ack

NLMSG_ERROR, NLM_F_REQUEST, NLM_F_ACK = 2, 1, 4
NLM_F_CREATE, NLM_F_ACK_TLVS, NLM_F_CAPPED = 0x400, 0x200, 0x100
A_ABI, A_INSTANCE, A_POOL6, A_STATS, A_ERROR = 1, 2, 3, 4, 12
P_ADDR, P_LEN = 1, 2
NESTED = 0x8000
CMD_ADD, CMD_POOL6_SET = 1, 4

s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
s.setsockopt(270, 11, 1)          # NETLINK_EXT_ACK
s.setsockopt(270, 10, 1)          # NETLINK_CAP_ACK
s.bind((0, 0))
seq = 0

def attr(t, data):
    n = 4 + len(data)
    return struct.pack('=HH', n, t) + data + b'\0' * (-n % 4)

def request(typ, cmd, payload, flags=0, reserved=0):
    global seq
    seq += 1
    body = struct.pack('=BBH', cmd, 1, reserved) + payload
    s.send(struct.pack('=IHHII', 16 + len(body), typ,
                       NLM_F_REQUEST | NLM_F_ACK | flags, seq, 0) + body)
    return ack(s, typ)

def family():
    n = b'dcxlat\0'
    global seq
    seq += 1
    body = struct.pack('=BBH', 3, 1, 0) + attr(2, n)   # GETFAMILY
    s.send(struct.pack('=IHHII', 16 + len(body), 16, NLM_F_REQUEST,
                       seq, 0) + body)
    d = s.recv(65536)
    p = 20
    while p + 4 <= len(d):
        al, at = struct.unpack_from('=HH', d, p)
        if at == 1:
            return struct.unpack_from('=H', d, p + 4)[0]
        p += (al + 3) & ~3
    sys.exit('no dcxlat family')

fam = family()
abi = attr(A_ABI, struct.pack('=I', 1))
name = attr(A_INSTANCE, b'raw\0')
addr = attr(P_ADDR, bytes.fromhex('0064ff9b' + '00' * 12))
plen = attr(P_LEN, b'\x60')
cases = {
    'noname': (CMD_ADD, abi, {}),
    'nopool6': (CMD_POOL6_SET, abi + name, {}),
    'nolen': (CMD_POOL6_SET, abi + name + attr(A_POOL6 | NESTED, addr), {}),
    'noaddr': (CMD_POOL6_SET, abi + name + attr(A_POOL6 | NESTED, plen), {}),
    'notnested': (CMD_POOL6_SET, abi + name + attr(A_POOL6, addr + plen), {}),
    'addr4': (CMD_POOL6_SET, abi + name + attr(A_POOL6 | NESTED,
              attr(P_ADDR, b'\xc0\0\2\0') + plen), {}),
    'unknown': (CMD_ADD, abi + name + attr(42, b'x'), {}),
    'stats': (CMD_ADD, abi + name + attr(A_STATS, b''), {}),
    'abishort': (CMD_ADD, attr(A_ABI, b'\1\0') + name, {}),
    'nonul': (CMD_ADD, abi + attr(A_INSTANCE, b'raw'), {}),
    'reserved': (CMD_ADD, abi + name, {'reserved': 1}),
    'create': (CMD_ADD, abi + name, {'flags': NLM_F_CREATE}),
    'badcmd': (99, abi + name, {}),
    'bind_dev': (24, abi + name, {}),     # DCXLAT_CMD_BIND_DEV: an event
    'vrf_dev': (25, abi + name, {}),      # DCXLAT_CMD_VRF_DEV: an event
    'ndp_dev': (26, abi + name, {}),      # DCXLAT_CMD_NDP_DEV: an event
    'ok': (CMD_ADD, abi + name, {}),
    # SPACE_ADD naming its VRF twice: by ifindex (VRF) and by VRF_NAME.
    'vrf_twice': (15, abi + name + attr(9 | NESTED, attr(1, b'rv\0') +
                  attr(2, struct.pack('=I', 5)) +
                  attr(5, struct.pack('=I', 1)) + attr(11, b'lo\0')), {}),
}
NLM_F_DUMP, NLM_F_DUMP_INTR, NLMSG_DONE = 0x300, 0x10, 3
CMD_GET = 3

def dump(sock, between=None):
    """Dump instances; between() runs after the first batch. Returns
    (names, batches, interrupted)."""
    global seq
    seq += 1
    body = struct.pack('=BBH', CMD_GET, 1, 0) + abi
    sock.send(struct.pack('=IHHII', 16 + len(body), fam,
                          NLM_F_REQUEST | NLM_F_DUMP, seq, 0) + body)
    names, batches, intr = [], 0, False
    while True:
        d = sock.recv(65536)
        batches += 1
        if between and batches == 1:
            between()
        off = 0
        while off < len(d):
            n, t, f = struct.unpack_from('=IHH', d, off)
            if t == NLMSG_DONE:
                return names, batches, intr
            if t == NLMSG_ERROR:
                sys.exit('dump error %d' % struct.unpack_from('=i', d,
                                                             off + 16))
            intr |= bool(f & NLM_F_DUMP_INTR)
            p = off + 20
            while p + 4 <= off + n:
                al, at = struct.unpack_from('=HH', d, p)
                if at == A_INSTANCE:
                    names.append(d[p + 4:p + al].rstrip(b'\0').decode())
                p += (al + 3) & ~3
            off += (n + 3) & ~3

what = sys.argv[1]
if what == 'bulk':
    bad = 0
    for i in range(1, int(sys.argv[2]) + 1):
        err, msg = request(fam, CMD_ADD,
                           abi + attr(A_INSTANCE, b'b%d\0' % i))
        bad += err != 0
    print('failed %d' % bad)
elif what == 'dump':
    names, batches, intr = dump(s)
    print('%d instances, %d batches, unique %d, intr %d' %
          (len(names), batches, len(set(names)), intr))
elif what == 'dumpintr':
    def change():
        err, msg = request(fam, CMD_ADD, abi + attr(A_INSTANCE, b'late\0'))
        assert err == 0, msg
    d = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
    d.bind((0, 0))
    names, batches, intr = dump(d, change)
    print('%d batches, intr %d' % (batches, intr))
else:
    # One line per case, "CASE ERRNO MESSAGE", in the order above.
    for c, (cmd, payload, kw) in cases.items():
        err, msg = request(fam, cmd, payload, **kw)
        print('%s %d %s' % (c, err, msg))
EOF

if command -v python3 >/dev/null 2>&1; then
	# All cases in one python run (its start-up is slow under TCG).
	RAW_OUT=$(ip netns exec "$N1" env PYTHONPATH="$LIB_DIR" python3 "$TMPD/rawnl.py" cases 2>&1)
	raw() {
		grep -q "^$1 " <<<"$RAW_OUT" || { echo "$RAW_OUT"; return 1; }
		sed -n "s/^$1 //p" <<<"$RAW_OUT"
	}
	expect 0 '^-22 dcxlat: missing instance name \(DCXLAT_A_INSTANCE\)$' \
		"raw: no DCXLAT_A_INSTANCE" raw noname
	expect 0 '^-22 dcxlat: missing pool6 prefix \(DCXLAT_A_POOL6\)$' \
		"raw: pool6 set without DCXLAT_A_POOL6" raw nopool6
	expect 0 '^-22 dcxlat: pool6 lacks its length \(DCXLAT_PREFIX_LEN\)$' \
		"raw: pool6 without DCXLAT_PREFIX_LEN" raw nolen
	expect 0 '^-22 dcxlat: pool6 lacks its address \(DCXLAT_PREFIX_ADDR\)$' \
		"raw: pool6 without DCXLAT_PREFIX_ADDR" raw noaddr
	expect 0 '^-22 NLA_F_NESTED is missing$' "raw: pool6 not flagged nested" \
		raw notnested
	expect 0 '^-(22|34) .*out of range' "raw: a 4-byte pool6 address" raw addr4
	expect 0 '^-22 Unknown attribute type$' "raw: an unknown attribute" \
		raw unknown
	expect 0 '^-22 DCXLAT_A_STATS is reply-only$' \
		"raw: DCXLAT_A_STATS in a request" raw stats
	expect 0 '^-22 ' "raw: a 2-byte DCXLAT_A_ABI" raw abishort
	expect 0 '^-22 ' "raw: a name without its NUL" raw nonul
	expect 0 '^-22 genlmsghdr.reserved field is not 0$' \
		"raw: reserved genl header byte set" raw reserved
	expect 0 '^-22 ambiguous or reserved bits set in nlmsg_flags$' \
		"raw: NLM_F_CREATE" raw create
	expect 0 '^-95 ' "raw: an unknown command" raw badcmd
	expect 0 '^-95 ' "raw: BIND_DEV is an event, no request" raw bind_dev
	expect 0 '^-95 ' "raw: VRF_DEV is an event, no request" raw vrf_dev
	expect 0 '^-95 ' "raw: NDP_DEV is an event, no request" raw ndp_dev
	expect 0 '^0 $' "raw: a well-formed add still works" raw ok
	expect 0 '^-22 dcxlat: a space names its VRF once \(DCXLAT_SPACE_VRF_NAME or _VRF\)$' \
		"raw: a space's VRF by ifindex and by name at once" raw vrf_twice
	expect_json "raw: only the well-formed request changed anything" \
		'. == [{"name": "raw", "pool6": null}]' dcx "$N1" -j instance show

	# A dump of several skbs: every instance once, in creation order.
	n=3000
	expect 0 '^failed 0$' "raw: $n more instances in n3" \
		ip netns exec "$N3" env PYTHONPATH="$LIB_DIR" python3 "$TMPD/rawnl.py" bulk $n
	expect 0 "^$((n + 1)) instances, ([2-9]|[1-9][0-9]+) batches, unique $((n + 1)), intr 0$" \
		"raw dump: $((n + 1)) instances over several messages" \
		ip netns exec "$N3" env PYTHONPATH="$LIB_DIR" python3 "$TMPD/rawnl.py" dump
	expect_json "instance show -j: all $((n + 1)), each once, in order" \
		"[.[].name] == [\"default\"] + [range(1; $((n + 1))) | \"b\\(.)\"]" \
		dcx "$N3" -j instance show
	# A change between two parts of a dump is flagged NLM_F_DUMP_INTR.
	expect 0 '^([2-9]|[1-9][0-9]+) batches, intr 1$' \
		"raw dump: a change during the dump sets NLM_F_DUMP_INTR" \
		ip netns exec "$N3" env PYTHONPATH="$LIB_DIR" python3 "$TMPD/rawnl.py" dumpintr
	expect_json "the CLI dump after that change is complete" \
		"length == $((n + 2)) and .[-1].name == \"late\"" \
		dcx "$N3" -j instance show
else
	ksft_skip_test "raw netlink requests" "python3 not found"
fi

# ---------------------------------------------------------------------------
# Without the module. Generic netlink would autoload it by its family
# alias, so modprobe is told to refuse it while we look.

NOLOAD=/etc/modprobe.d/dcxlat-selftest-noload.conf
if dcx_unload_module && echo "install dcxlat /bin/false" >"$NOLOAD"; then
	expect 1 '^dcxlat: the dcxlat kernel module is not loaded \(modprobe dcxlat\)$' \
		"module not loaded: exit 1 and how to fix it" "$D" instance show
	rm -f "$NOLOAD"
	dcx_load_module >/dev/null 2>&1
	check "module loads again afterwards" dcx_module_loaded
else
	ksft_not_ok "module not loaded: exit 1 and how to fix it"
	diag "could not unload dcxlat or write $NOLOAD"
fi

ksft_exit
