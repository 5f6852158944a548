#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Refusals reach the user whole (kmod/nl_err.c): the longest messages the
# module words (15-character instance and space names, the longest IPv6
# prefixes) end in the CLI's output with their last word, the kernel log
# has no "truncated extack", and raw netlink sees the DCXLAT_A_ERROR text
# before an ack whose extack is the short form (6.2+: the text or its
# start and "..."; before 6.2: a constant). Two processes refusing
# different requests at the same time each get their own text. Also the
# reserved ranges pool6 and space prefixes may not overlap, refused by
# the CLI (exit 2) and by the module (raw requests, exit 1 via apply).

source "$(dirname "$0")/lib.sh"

cleanup() {
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip python3 grep
dcx_require_built

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
setup_ns N1 || ksft_bail "create a network namespace"

I=i23456789012345	# 15 characters: the longest names
S=s23456789012345
F124=ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124
E124=2001:db8:ffff:ffff:ffff:ffff:ffff:fff0/124
dcx "$N1" instance add "$I" &&
	dcx "$N1" -i "$I" space add "$S" id 7 prefix 2001:db8:aaaa:bbbb::/64 &&
	dcx "$N1" -i "$I" eamt add space "$S" 192.0.2.0/28 "$F124" &&
	dcx "$N1" -i "$I" eamt add 198.51.100.0/28 "$E124" ||
	ksft_bail "set up instance $I"
dmesg_mark

# ---------------------------------------------------------------------------
# The CLI prints every refusal to its last word.

expect 1 "$F124 overlaps EAM $F124 in space $S\$" \
	"eamt add: two /124 and a 15-character space, whole" \
	dcx "$N1" -i "$I" eamt add space "$S" 203.0.113.0/28 "$F124"
expect 1 "2001:db8:aaaa:bbbb:ffff:ffff:ffff:fff0/124 overlaps the prefix of space $S\$" \
	"eamt add: overlaps a space's prefix, whole" \
	dcx "$N1" -i "$I" eamt add 203.0.113.16/28 \
	2001:db8:aaaa:bbbb:ffff:ffff:ffff:fff0/124
expect 1 "2001:db8:ffff:ffff::/64 overlaps EAM $E124 of space default\$" \
	"space add: prefix overlaps an EAM entry, whole" \
	dcx "$N1" -i "$I" space add s2345678901234x id 8 \
	prefix 2001:db8:ffff:ffff::/64
expect 1 "space $S: the ID \\(7\\) cannot change; delete and add the space\$" \
	"space set: a new ID, whole" \
	dcx "$N1" -i "$I" space set "$S" id 9
expect 1 "no space \"s2345678901234x\" in instance \"$I\"\$" \
	"eamt show: unknown space (a dump's refusal), whole" \
	dcx "$N1" -i "$I" eamt show space s2345678901234x

# ---------------------------------------------------------------------------
# Reserved ranges: the CLI refuses before sending.

for p in ff02::/96 fe80::/64 ::/96 ::ffff:0:0/96 ff00::/32; do
	expect 2 "overlaps .*: not usable as a translation prefix\$" \
		"pool6 set $p refused by the CLI (exit 2)" \
		dcx "$N1" -i "$I" pool6 set "$p"
done
expect 2 "fe80::/64 overlaps fe80::/10 \\(link-local\\): not usable" \
	"space add ... prefix fe80::/64 refused by the CLI (exit 2)" \
	dcx "$N1" -i "$I" space add lls id 9 prefix fe80::/64

# ---------------------------------------------------------------------------
# Raw netlink: the text message, the short extack, the kernel's own checks.

cat >"$TMPD/rawmsg.py" <<'EOF'
import os, socket, struct, sys

A_ABI, A_INSTANCE, A_POOL6, A_ERROR = 1, 2, 3, 12
CMD_POOL6_SET, CMD_TXN_BEGIN = 4, 21
PREFIX = 'dcxlat: '
OLD_KERNEL = tuple(int(x) for x in
                   os.uname().release.split('-')[0].split('.')[:2]) < (6, 2)


def tlv(t, data):
    return struct.pack('=HH', 4 + len(data), t) + data + b'\0' * (-len(data) % 4)


def tlvs(buf):
    out, p = {}, 0
    while p + 4 <= len(buf):
        n, t = struct.unpack_from('=HH', buf, p)
        out.setdefault(t & 0x3fff, buf[p + 4:p + n])
        p += max(4, (n + 3) & ~3)
    return out


class Nl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
        self.s.setsockopt(270, 11, 1)     # NETLINK_EXT_ACK
        self.s.setsockopt(270, 10, 1)     # NETLINK_CAP_ACK
        self.s.bind((0, 0))
        self.seq = 0
        self.fam = 0x10
        reply = self.ask(3, tlv(2, b'dcxlat\0'))[0]   # CTRL_CMD_GETFAMILY
        self.fam = struct.unpack_from('=H', reply[0][1])[0]

    def ask(self, cmd, attrs):
        """Send; return ([attrs of each reply], errno, extack message)."""
        self.seq += 1
        body = struct.pack('=BBH', cmd, 1, 0) + attrs
        self.s.send(struct.pack('=IHHII', 16 + len(body), self.fam, 5,
                                self.seq, 0) + body)
        replies = []
        while True:
            d, off = self.s.recv(65536), 0
            while off < len(d):
                n, t, f, seq = struct.unpack_from('=IHHI', d, off)
                if seq == self.seq and t == 2:     # NLMSG_ERROR, capped
                    err = struct.unpack_from('=i', d, off + 16)[0]
                    msg = tlvs(d[off + 36:off + n]).get(1, b'')
                    return replies, err, msg.rstrip(b'\0').decode()
                if seq == self.seq:
                    replies.append(tlvs(d[off + 20:off + n]))
                off += (n + 3) & ~3


def head(inst, more=b''):
    return tlv(A_ABI, struct.pack('=I', 1)) + tlv(A_INSTANCE,
                                                  inst.encode() + b'\0') + more


def pool6(addr, plen):
    a = socket.inet_pton(socket.AF_INET6, addr)
    return tlv(A_POOL6 | 0x8000, tlv(1, a) + tlv(2, bytes([plen])))


def refusal(nl, cmd, attrs):
    """errno, the whole text (or None), and whether the extack is its
    short form: the text or its start and "..." (6.2+, at most 79
    bytes), a constant naming DCXLAT_A_ERROR before 6.2."""
    replies, err, msg = nl.ask(cmd, attrs)
    texts = [r[A_ERROR].rstrip(b'\0').decode() for r in replies
             if A_ERROR in r]
    text = texts[-1] if len(texts) == 1 else None
    if text is None:
        return err, None, False
    if OLD_KERNEL:
        short = msg.startswith(PREFIX) and 'DCXLAT_A_ERROR' in msg
    elif len(PREFIX + text) <= 79:
        short = msg == PREFIX + text
    else:
        short = (len(msg) == 79 and msg.endswith('...') and
                 text.startswith(msg[len(PREFIX):-3]))
    return err, text, short


inst, what = sys.argv[1], sys.argv[2]
nl = Nl()
if what == 'pool6':
    # One line per range: ERRNO SHORT-OK TEXT
    for addr, plen in (('ff02::', 96), ('fe80::', 64), ('::', 96),
                       ('::ffff:0:0', 96), ('::', 32)):
        err, text, short = refusal(nl, CMD_POOL6_SET,
                                   head(inst, pool6(addr, plen)))
        print('%s/%d %d %s %s' % (addr, plen, err, short, text))
elif what == 'txn':
    other = Nl()
    err, text, short = refusal(nl, CMD_TXN_BEGIN, head(inst))
    assert err == 0, (err, text)
    err, text, short = refusal(other, CMD_TXN_BEGIN, head(inst))
    port = 'netlink port %d;' % nl.s.getsockname()[0]
    print('%d %s %s %s' % (err, short, port in (text or ''), text))
elif what == 'hammer':
    # argv[3] = pool6 ADDR/LEN; every refusal must carry its own text.
    addr, plen = sys.argv[3].split('/')
    want = '%s/%s overlaps' % (addr, plen)
    good = bad = 0
    for i in range(int(sys.argv[4])):
        err, text, short = refusal(nl, CMD_POOL6_SET,
                                   head(inst, pool6(addr, int(plen))))
        if err == -22 and short and text.startswith('pool6: ' + want):
            good += 1
        else:
            bad += 1
            print('bad: %d %s %s' % (err, short, text), file=sys.stderr)
    print('good %d bad %d' % (good, bad))
EOF

RAW=(ip netns exec "$N1" python3 "$TMPD/rawmsg.py" "$I")
RAW_OUT=$("${RAW[@]}" pool6 2>&1)
raw_line() {
	grep -E "^$1 " <<<"$RAW_OUT" || { echo "$RAW_OUT"; return 1; }
}
expect 0 '^ff02::/96 -22 True pool6: ff02::/96 overlaps ff00::/8 \(multicast\): not usable as a translation prefix$' \
	"raw pool6 ff02::/96: refused by the module, whole text + short extack" \
	raw_line ff02::/96
expect 0 '^fe80::/64 -22 True pool6: fe80::/64 overlaps fe80::/10 \(link-local\): not usable as a translation prefix$' \
	"raw pool6 fe80::/64: refused by the module" raw_line fe80::/64
expect 0 '^::/96 -22 True pool6: ::/96 overlaps ::/128 \(unspecified\): not usable' \
	"raw pool6 ::/96: refused by the module" raw_line ::/96
expect 0 '^::ffff:0:0/96 -22 True pool6: ::ffff:0.0.0.0/96 overlaps ::ffff:0:0/96 \(IPv4-mapped\)' \
	"raw pool6 ::ffff:0:0/96: refused by the module" raw_line ::ffff:0:0/96
expect 0 '^::/32 -22 True pool6: ::/32 overlaps ::/128 \(unspecified\)' \
	"raw pool6 ::/32 (covers IPv4-mapped too): the first range named" \
	raw_line ::/32
expect 0 "^-16 True True instance \"$I\" is in a transaction of netlink port [0-9]+; retry later\$" \
	"raw: a second transaction's refusal (the '; retr' one), whole" \
	"${RAW[@]}" txn
expect_json "the refused requests left instance $I without pool6" \
	"[.[] | select(.name == \"$I\") | .pool6] == [null]" \
	dcx "$N1" -j instance show

# Two processes refusing different requests at once: no message swaps
# (before 6.2 a shared static buffer could swap them).
N=400
"${RAW[@]}" hammer ff02::/96 $N >"$TMPD/ham1" 2>&1 &
H1=$!
"${RAW[@]}" hammer fe80::/64 $N >"$TMPD/ham2" 2>&1 &
H2=$!
wait "$H1" "$H2"
expect 0 "^good $N bad 0\$" "concurrent refusals (1 of 2): each its own text" \
	cat "$TMPD/ham1"
expect 0 "^good $N bad 0\$" "concurrent refusals (2 of 2): each its own text" \
	cat "$TMPD/ham2"

no_truncated() {
	! dmesg | tail -n +"$((DMESG_MARK + 1))" | grep 'truncated extack'
}
check "kernel log: no \"truncated extack\"" no_truncated
check "kernel log: no warning" dmesg_clean

ksft_exit
