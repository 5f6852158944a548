#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Minimal dcxlat genetlink client for the space/bind commands.

Only for checks of the kernel side independent of the CLI (the selftests
drive the dcxlat CLI). Usage (run inside the netns):

  space_nl.py INST space add NAME ID [prefix ADDR/LEN] [vrf IFINDEX]
                                     [table T]
  space_nl.py INST space set NAME [id N] [prefix ADDR/LEN] [vrf I] [table T]
  space_nl.py INST space del NAME
  space_nl.py INST space show [NAME]          (JSON on stdout)
  space_nl.py INST bind add|del SPACE IFINDEX [ADDR/LEN]
  space_nl.py INST raw CMD HEXATTRS           (attributes as hex)

Errors: the extack message on stderr, exit 1.
"""
import json
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLA_F_NESTED = 0x8000

CMD = dict(SPACE_ADD=15, SPACE_DEL=16, SPACE_GET=17, SPACE_SET=18,
           BIND_ADD=19, BIND_DEL=20)
A_ABI, A_INSTANCE, A_SPACE, A_SPACE_CFG, A_BIND = 1, 2, 6, 9, 10
S_NAME, S_ID, S_PREFIX, S_TABLE, S_VRF, S_EAMS, S_STATS, S_BIND = range(1, 9)
B_IFINDEX, B_PREFIX4 = 1, 2
P_ADDR, P_LEN = 1, 2

STATS = ["xlat-4to6", "xlat-6to4", "pass-4", "pass-6", "untranslatable-src6",
         "truncated", "bad-header", "unsupported-l4", "fragment-unsupported",
         "ttl-expired", "no-route", "too-big", "no-memory", "output-error",
         "source-route", "routing-header", "untranslatable-src4",
         "wkp-non-global", "udp-zero-checksum", "udp-zero-checksum-fragment",
         "er-ingress-filter", "er-spoofed-src6", "er-spoofed-src4",
         "hairpinned", "icmp-reassembled", "cross-space",
         "unbound-interface"]


def attr(t, data):
    n = 4 + len(data)
    return struct.pack("HH", n, t) + data + b"\0" * ((4 - n % 4) % 4)


def nest(t, *parts):
    return attr(t | NLA_F_NESTED, b"".join(parts))


def s_attr(t, s):
    return attr(t, s.encode() + b"\0")


def u32(t, v):
    return attr(t, struct.pack("I", v))


def prefix(t, text):
    addr, ln = text.split("/")
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    return nest(t, attr(P_ADDR, socket.inet_pton(fam, addr)),
                attr(P_LEN, struct.pack("B", int(ln))))


def parse(buf):
    out = {}
    while len(buf) >= 4:
        n, t = struct.unpack("HH", buf[:4])
        if n < 4:
            break
        out.setdefault(t & 0x3fff, []).append(buf[4:n])
        buf = buf[(n + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                               NETLINK_GENERIC)
        self.s.setsockopt(270, 11, 1)   # NETLINK_EXT_ACK
        self.s.setsockopt(270, 10, 1)   # NETLINK_CAP_ACK
        self.s.bind((0, 0))
        self.seq = 1
        fam = self.request(0x10, 3, s_attr(2, "dcxlat"), 0, version=1)
        self.fid = struct.unpack("H", parse(fam[0])[1][0][:2])[0]

    def request(self, ftype, cmd, attrs, flags, version=1):
        self.seq += 1
        body = struct.pack("BBH", cmd, version, 0) + attrs
        hdr = struct.pack("IHHII", 16 + len(body), ftype,
                          NLM_F_REQUEST | NLM_F_ACK | flags, self.seq, 0)
        self.s.send(hdr + body)
        msgs = []
        while True:
            data = self.s.recv(65536)
            while data:
                n, t, f, seq, pid = struct.unpack("IHHII", data[:16])
                payload = data[16:n]
                data = data[(n + 3) & ~3:]
                if t == NLMSG_ERROR:
                    err = struct.unpack("i", payload[:4])[0]
                    if err:
                        tlv = parse(payload[20:])
                        msg = tlv.get(1, [b"?"])[0].rstrip(b"\0").decode()
                        raise OSError(-err, msg)
                    return msgs
                if t == NLMSG_DONE:
                    return msgs
                msgs.append(payload[4:])


def space_json(payload):
    a = parse(payload)
    c = parse(a[A_SPACE_CFG][0])
    out = {"name": c[S_NAME][0].rstrip(b"\0").decode(),
           "id": struct.unpack("I", c[S_ID][0])[0],
           "table": struct.unpack("I", c[S_TABLE][0])[0],
           "eam-count": struct.unpack("I", c[S_EAMS][0])[0]}
    if S_PREFIX in c:
        p = parse(c[S_PREFIX][0])
        out["prefix"] = "%s/%d" % (socket.inet_ntop(socket.AF_INET6,
                                                    p[P_ADDR][0]),
                                   p[P_LEN][0][0])
    if S_VRF in c:
        out["vrf"] = struct.unpack("I", c[S_VRF][0])[0]
    if S_STATS in c:
        st = parse(c[S_STATS][0])
        out["stats"] = {STATS[k - 1]: struct.unpack("Q", v[0])[0]
                        for k, v in st.items() if 0 < k <= len(STATS)}
    out["bind"] = []
    for b in c.get(S_BIND, []):
        b = parse(b)
        p = parse(b[B_PREFIX4][0])
        out["bind"].append({
            "ifindex": struct.unpack("I", b[B_IFINDEX][0])[0],
            "prefix4": "%s/%d" % (socket.inet_ntop(socket.AF_INET,
                                                   p[P_ADDR][0]),
                                  p[P_LEN][0][0])})
    return out


def cfg_opts(args):
    parts = []
    i = 0
    while i < len(args):
        k, v = args[i], args[i + 1]
        if k == "id":
            parts.append(u32(S_ID, int(v, 0)))
        elif k == "prefix":
            parts.append(prefix(S_PREFIX, v))
        elif k == "vrf":
            parts.append(u32(S_VRF, int(v)))
        elif k == "table":
            parts.append(u32(S_TABLE, int(v)))
        else:
            raise SystemExit("unknown option " + k)
        i += 2
    return parts


def main(argv):
    inst, obj, cmd, rest = argv[1], argv[2], argv[3], argv[4:]
    g = Genl()
    base = s_attr(A_INSTANCE, inst)
    try:
        if obj == "space" and cmd == "add":
            a = base + nest(A_SPACE_CFG, s_attr(S_NAME, rest[0]),
                            u32(S_ID, int(rest[1], 0)), *cfg_opts(rest[2:]))
            g.request(g.fid, CMD["SPACE_ADD"], a, 0)
        elif obj == "space" and cmd == "set":
            a = base + nest(A_SPACE_CFG, s_attr(S_NAME, rest[0]),
                            *cfg_opts(rest[1:]))
            g.request(g.fid, CMD["SPACE_SET"], a, 0)
        elif obj == "space" and cmd == "del":
            g.request(g.fid, CMD["SPACE_DEL"], base + s_attr(A_SPACE,
                                                             rest[0]), 0)
        elif obj == "space" and cmd == "show":
            if rest:
                m = g.request(g.fid, CMD["SPACE_GET"],
                              base + s_attr(A_SPACE, rest[0]), 0)
                print(json.dumps(space_json(m[0])))
            else:
                m = g.request(g.fid, CMD["SPACE_GET"], base, NLM_F_DUMP)
                print(json.dumps([space_json(x) for x in m]))
        elif obj == "bind":
            b = [u32(B_IFINDEX, int(rest[1]))]
            if len(rest) > 2:
                b.append(prefix(B_PREFIX4, rest[2]))
            a = base + s_attr(A_SPACE, rest[0]) + nest(A_BIND, *b)
            g.request(g.fid, CMD["BIND_ADD" if cmd == "add" else
                                 "BIND_DEL"], a, 0)
        elif obj == "raw":
            g.request(g.fid, int(cmd), base + bytes.fromhex(rest[0]), 0)
        else:
            raise SystemExit("usage: see the header of this file")
    except OSError as e:
        print("error %d: %s" % (e.errno, e.strerror), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
