#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate xlat_vectors.h: input packets and the translations RFC 7915 and
RFC 6052 require, for the unit tests of the translation core.

The expected packets are built field by field from the RFC rules below and
scapy computes every checksum (IPv4 header, TCP, UDP, ICMP, ICMPv6), so no
expectation comes from the C code under test.

Regenerate (needs python3-scapy; the tests do not):
    /usr/bin/python3 tests/unit/vectors/gen_xlat.py \
        > tests/unit/vectors/xlat_vectors.h
(/usr/bin/python3: the Debian interpreter that has python3-scapy.) The
output is deterministic: rerunning it must not change the committed file.

Rules encoded here, IPv4 -> IPv6 (RFC 7915 section 4):
  version 6, traffic class = TOS, flow label 0, hop limit = TTL - 1,
  payload length = total length - IHL*4 (+8 with a fragment header),
  next header = protocol (ICMP 1 -> 58), or 44 when MF or offset is set,
  addresses = RFC 6052 embedding in pool6, IPv4 options dropped,
  ICMP echo 8/0 -> 128/129 with the IPv6 pseudo-header in the checksum,
  TCP/UDP checksums for the IPv6 pseudo-header, a zero UDP checksum
  computed, fragments: identification = IPv4 ID zero-extended, same
  offset, M = MF; non-first fragments carry no transport header.
IPv6 -> IPv4 (RFC 7915 section 5):
  version 4, IHL 5, TOS = traffic class, TTL = hop limit - 1,
  total length = payload length + 20 - extension header bytes,
  protocol = upper-layer next header (58 -> 1), hop-by-hop, destination
  options and routing headers removed; no fragment header: ID 0 (the skb
  layer picks a real one when DF = 0), DF = 1 iff total length > 1260;
  fragment header: ID = low 16 bits, MF = M, same offset, DF = 0;
  ICMPv6 echo 128/129 -> 8/0, checksum without pseudo-header.
"""

import sys
import ipaddress

from scapy.packet import Raw
from scapy.utils import checksum
from scapy.layers.inet import IP, TCP, UDP, ICMP
from scapy.layers.inet import IPOption_Router_Alert, IPOption_RR
from scapy.layers.inet import IPOption_LSRR
from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest, ICMPv6EchoReply
from scapy.layers.inet6 import IPv6ExtHdrFragment, IPv6ExtHdrHopByHop
from scapy.layers.inet6 import IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, PadN
from scapy.layers.inet6 import in6_chksum

PROTO_ICMP, PROTO_TCP, PROTO_UDP, PROTO_ICMPV6, PROTO_GRE = 1, 6, 17, 58, 47
NH_HOP, NH_ROUTING, NH_FRAG, NH_DEST, NH_NONE = 0, 43, 44, 60, 59

WKP = ("64:ff9b::", 96)
# 64:ff9b:: sums to 0xffff, so with it TCP/UDP checksums do not change at
# all (RFC 6052 section 4.1). Every WKP case is repeated with this prefix,
# which is not checksum-neutral, so the checksum updates are really tested.
NSP = ("2001:db8:64::", 96)
assert checksum(ipaddress.IPv6Address(WKP[0]).packed) == 0
assert checksum(ipaddress.IPv6Address(NSP[0]).packed) != 0
PREFIXES = {
    32: ("2001:db8::", 32),
    40: ("2001:db8:100::", 40),
    48: ("2001:db8:122::", 48),
    56: ("2001:db8:122:300::", 56),
    64: ("2001:db8:122:344::", 64),
    96: ("2001:db8:122:344::", 96),
}

# Global unicast addresses (RFC 6890): with the well-known prefix RFC 6052
# section 3.1 forbids translating non-global ones such as the RFC 5737
# documentation blocks, so the vectors use the addresses next to them.
SRC4 = "192.0.3.33"
DST4 = "198.51.101.7"


# RFC 6052 section 2.2, figure 1, written out per length: (bytes of the
# IPv4 address before the u octet, bytes after it). Bits 64..71 (u) and the
# suffix are zero.
def rfc6052_embed(prefix, plen, v4):
    p = ipaddress.IPv6Address(prefix).packed
    a = ipaddress.IPv4Address(v4).packed
    u = b"\x00"
    layout = {
        32: p[:4] + a + u + bytes(7),
        40: p[:5] + a[:3] + u + a[3:] + bytes(6),
        48: p[:6] + a[:2] + u + a[2:] + bytes(5),
        56: p[:7] + a[:1] + u + a[1:] + bytes(4),
        64: p[:8] + u + a + bytes(3),
        96: p[:12] + a,
    }
    out = layout[plen]
    assert len(out) == 16
    return str(ipaddress.IPv6Address(out))


# RFC 6052 section 2.4 table, checked so the embedding above is right.
for _plen, _want in ((32, "2001:db8:c000:221::"),
                     (40, "2001:db8:1c0:2:21::"),
                     (48, "2001:db8:122:c000:2:2100::"),
                     (56, "2001:db8:122:3c0:0:221::"),
                     (64, "2001:db8:122:344:c0:2:2100:0"),
                     (96, "2001:db8:122:344::192.0.2.33")):
    _got = rfc6052_embed(PREFIXES[_plen][0], _plen, "192.0.2.33")
    assert ipaddress.IPv6Address(_got) == ipaddress.IPv6Address(_want), \
        (_plen, _got, _want)


def payload(n, seed=0):
    return bytes(((i * 7 + 3 + seed) & 0xff) for i in range(n))


def l4_layer(kind, n, v6, seed=0, **kw):
    """The same transport message for IPv4 (v6=False) or IPv6 (v6=True)."""
    data = payload(n, seed)
    if kind == "tcp":
        opts = kw.get("tcpopts", [])
        return PROTO_TCP, TCP(sport=40000, dport=80, seq=0x01020304,
                              ack=kw.get("ack", 0x0a0b0c0d),
                              flags=kw.get("flags", "PA"), window=29200,
                              options=opts) / Raw(data)
    if kind == "udp":
        return PROTO_UDP, UDP(sport=5353, dport=53) / Raw(data)
    if kind in ("echo", "reply"):
        if v6:
            cls = ICMPv6EchoRequest if kind == "echo" else ICMPv6EchoReply
            return PROTO_ICMPV6, cls(id=0x1234, seq=7, data=data)
        return PROTO_ICMP, ICMP(type=8 if kind == "echo" else 0,
                                id=0x1234, seq=7) / Raw(data)
    if kind == "gre":
        return PROTO_GRE, Raw(data)
    raise ValueError(kind)


def l4_bytes(kind, n, v6, src, dst, seed=0, **kw):
    """Transport bytes with the checksum scapy computes for src/dst."""
    proto, l4 = l4_layer(kind, n, v6, seed, **kw)
    if v6:
        b = bytes(IPv6(src=src, dst=dst, nh=proto) / l4)[40:]
    else:
        b = bytes(IP(src=src, dst=dst, proto=proto) / l4)[20:]
    return proto, b


def zero_udp_csum(b):
    return b[:6] + b"\x00\x00" + b[8:]


def seed_csum(b, off, seed):
    return b[:off] + seed.to_bytes(2, "big") + b[off + 2:]


def l4_csum_off(proto):
    return {PROTO_TCP: 16, PROTO_UDP: 6}[proto]


# CHECKSUM_PARTIAL: the field holds the folded pseudo-header sum (what
# ~csum_tcpudp_magic(..., 0) / ~csum_ipv6_magic(..., 0) leave).
def pseudo4_seed(src, dst, proto, length):
    ph = (ipaddress.IPv4Address(src).packed +
          ipaddress.IPv4Address(dst).packed +
          bytes([0, proto]) + length.to_bytes(2, "big"))
    return ~checksum(ph) & 0xffff


def pseudo6_seed(src, dst, proto, length):
    ph = (ipaddress.IPv6Address(src).packed +
          ipaddress.IPv6Address(dst).packed +
          length.to_bytes(4, "big") + bytes([0, 0, 0, proto]))
    return ~checksum(ph) & 0xffff


def v6_proto(p):
    return PROTO_ICMPV6 if p == PROTO_ICMP else p


def v4_proto(p):
    return PROTO_ICMP if p == PROTO_ICMPV6 else p


def find_udp_payload(v6, src, dst, n):
    """A UDP payload whose computed checksum is 0 (sent as 0xffff)."""
    def udp_bytes(data):
        u = UDP(sport=5353, dport=53) / Raw(data)
        if v6:
            return bytes(IPv6(src=src, dst=dst) / u)[40:]
        return bytes(IP(src=src, dst=dst) / u)[20:]

    base = payload(n - 2)
    # With a zero last word the sum is ~c0; that word must make it 0xffff.
    c0 = int.from_bytes(udp_bytes(base + b"\0\0")[6:8], "big")
    data = base + (c0 or 0xffff).to_bytes(2, "big")
    assert udp_bytes(data)[6:8] == b"\xff\xff"
    return data


class Gen:
    def __init__(self):
        self.vectors = []   # (section, name, what, prefix, plen, partial,
                            #  in, out or None)

    def add(self, section, name, what, pfx, inp, out, partial=False):
        assert all((v[0], v[1]) != (section, name) for v in self.vectors), name
        self.vectors.append((section, name, what, pfx[0], pfx[1], partial,
                             bytes(inp), None if out is None else bytes(out)))

    # ---- IPv4 -> IPv6 -------------------------------------------------
    def case46(self, name, what, kind="tcp", n=100, pfx=WKP, tos=0,
               ttl=64, ipid=0x4d2, flags="DF", frag=0, options=None,
               src=SRC4, dst=DST4, zero_udp=False, partial=False, seed=0,
               first_bytes=None, data=None, section="46", **kw):
        src6 = rfc6052_embed(pfx[0], pfx[1], src)
        dst6 = rfc6052_embed(pfx[0], pfx[1], dst)
        if data is not None:
            # Fixed UDP payload (checksum edge cases).
            u = UDP(sport=5353, dport=53) / Raw(data)
            proto = PROTO_UDP
            b4 = bytes(IP(src=src, dst=dst) / u)[20:]
            b6 = bytes(IPv6(src=src6, dst=dst6) / u)[40:]
        else:
            proto, b4 = l4_bytes(kind, n, False, src, dst, seed, **kw)
            _, b6 = l4_bytes(kind, n, True, src6, dst6, seed, **kw)
        assert len(b4) == len(b6)
        if zero_udp:
            b4 = zero_udp_csum(b4)
        if partial:
            off = l4_csum_off(proto)
            b4 = seed_csum(b4, off, pseudo4_seed(src, dst, proto, len(b4)))
            b6 = seed_csum(b6, off, pseudo6_seed(src6, dst6, proto,
                                                 len(b6)))
        mf = "MF" in str(flags)
        fragmented = mf or frag
        if first_bytes is not None:     # a fragment: slice the datagram
            lo, hi = first_bytes
            b4, b6 = b4[lo:hi], b6[lo:hi]
            if lo:                       # no transport header: untouched
                b6 = b4
        ip4 = IP(src=src, dst=dst, tos=tos, ttl=ttl, id=ipid, flags=flags,
                 frag=frag, proto=proto)
        if options:
            ip4.options = options
        inp = ip4 / Raw(b4)
        ip6 = IPv6(src=src6, dst=dst6, tc=tos, fl=0, hlim=ttl - 1)
        if fragmented:
            ip6.nh = NH_FRAG
            out = ip6 / IPv6ExtHdrFragment(nh=v6_proto(proto), offset=frag,
                                           m=int(mf), id=ipid) / Raw(b6)
        else:
            ip6.nh = v6_proto(proto)
            out = ip6 / Raw(b6)
        ib, ob = bytes(inp), bytes(out)
        # Cross-check the rules on the built bytes.
        ihl = (ib[0] & 0xf) * 4
        assert int.from_bytes(ob[4:6], "big") == \
            len(ib) - ihl + (8 if fragmented else 0)
        self.add(section, name, what, pfx, ib, ob, partial)
        return ib, ob

    def in46(self, name, what, kind="tcp", n=20, pfx=WKP, ttl=64,
             ipid=0x4d2, flags="DF", frag=0, options=None, src=SRC4,
             dst=DST4, icmp_type=None, zero_udp=False, first_bytes=None):
        proto, b4 = l4_bytes(kind, n, False, src, dst)
        if icmp_type is not None:
            # Raw bytes: scapy would fill timestamp fields with the clock.
            b4 = bytes([icmp_type, 0, 0, 0]) + payload(n)
            ck = checksum(b4)
            b4 = b4[:2] + ck.to_bytes(2, "big") + b4[4:]
        if zero_udp:
            b4 = zero_udp_csum(b4)
        if first_bytes is not None:
            b4 = b4[first_bytes[0]:first_bytes[1]]
        ip4 = IP(src=src, dst=dst, ttl=ttl, id=ipid, flags=flags, frag=frag,
                 proto=proto)
        if options:
            ip4.options = options
        self.add("in46", name, what, pfx, ip4 / Raw(b4), None)

    # ---- IPv6 -> IPv4 -------------------------------------------------
    def case64(self, name, what, kind="tcp", n=100, pfx=WKP, tc=0, fl=0,
               hlim=64, ext=(), frag=None, src=SRC4, dst=DST4,
               partial=False, seed=0, first_bytes=None, data=None,
               section="64", **kw):
        """ext: list of "hop", "dest16", "rt0"; frag: (offset, m, id)."""
        src6 = rfc6052_embed(pfx[0], pfx[1], src)
        dst6 = rfc6052_embed(pfx[0], pfx[1], dst)
        if data is not None:
            u = UDP(sport=5353, dport=53) / Raw(data)
            proto = PROTO_UDP
            b4 = bytes(IP(src=src, dst=dst) / u)[20:]
            b6 = bytes(IPv6(src=src6, dst=dst6) / u)[40:]
        else:
            proto, b6 = l4_bytes(kind, n, True, src6, dst6, seed, **kw)
            _, b4 = l4_bytes(kind, n, False, src, dst, seed, **kw)
        if partial:
            off = l4_csum_off(proto)
            b6 = seed_csum(b6, off, pseudo6_seed(src6, dst6, proto,
                                                 len(b6)))
            b4 = seed_csum(b4, off, pseudo4_seed(src, dst, proto, len(b4)))
        if first_bytes is not None:
            lo, hi = first_bytes
            b4, b6 = b4[lo:hi], b6[lo:hi]
            if lo:
                b4 = b6
        hdrs = list(ext) + (["frag"] if frag is not None else [])
        chain = IPv6(src=src6, dst=dst6, tc=tc, fl=fl, hlim=hlim)
        layers = []
        for h in hdrs:
            if h == "hop":
                layers.append(IPv6ExtHdrHopByHop(
                    options=[PadN(optdata=b"\0" * 4)]))
            elif h == "dest16":
                layers.append(IPv6ExtHdrDestOpt(
                    options=[PadN(optdata=b"\0" * 12)]))
            elif h == "rt0":
                layers.append(IPv6ExtHdrRouting(type=0, segleft=0,
                                                addresses=[]))
            elif h == "frag":
                layers.append(IPv6ExtHdrFragment(offset=frag[0], m=frag[1],
                                                 id=frag[2]))
        # Next-header values by hand so Raw payloads chain correctly.
        nums = {"hop": NH_HOP, "dest16": NH_DEST, "rt0": NH_ROUTING,
                "frag": NH_FRAG}
        chain.nh = nums[hdrs[0]] if hdrs else proto
        for i, lay in enumerate(layers):
            lay.nh = nums[hdrs[i + 1]] if i + 1 < len(hdrs) else proto
        inp = chain
        for lay in layers:
            inp = inp / lay
        inp = inp / Raw(b6)
        ib = bytes(inp)
        tot4 = 20 + len(b6)
        if frag is not None:
            ipid = frag[2] & 0xffff
            flags = "MF" if frag[1] else 0
            foff = frag[0]
        else:
            ipid = 0
            flags = "DF" if tot4 > 1260 else 0
            foff = 0
        out = IP(src=src, dst=dst, tos=tc, ttl=hlim - 1, id=ipid,
                 flags=flags, frag=foff, proto=v4_proto(proto)) / Raw(b4)
        ob = bytes(out)
        assert len(ob) == int.from_bytes(ib[4:6], "big") + 40 - \
            (len(ib) - 40 - len(b6)) - 20
        self.add(section, name, what, pfx, ib, ob, partial)
        return ib, ob

    def in64(self, name, what, kind="tcp", n=20, pfx=WKP, hlim=64,
             src6=None, dst6=None, icmp_type=None, raw_chain=None,
             first_bytes=None, nh_after=None):
        """raw_chain: list of scapy extension headers placed before L4."""
        s6 = src6 or rfc6052_embed(pfx[0], pfx[1], SRC4)
        d6 = dst6 or rfc6052_embed(pfx[0], pfx[1], DST4)
        proto, b6 = l4_bytes(kind, n, True, s6, d6)
        if icmp_type is not None:
            # Type, code 0, checksum, body; checksum computed by scapy.
            b6 = bytes([icmp_type, 0, 0, 0]) + payload(n)
            proto = PROTO_ICMPV6
            ck = in6_chksum(PROTO_ICMPV6, IPv6(src=s6, dst=d6), b6)
            b6 = b6[:2] + ck.to_bytes(2, "big") + b6[4:]
        if nh_after is not None:
            proto = nh_after
        if first_bytes is not None:
            b6 = b6[first_bytes[0]:first_bytes[1]]
        chain = list(raw_chain or [])
        nums = {IPv6ExtHdrHopByHop: NH_HOP, IPv6ExtHdrDestOpt: NH_DEST,
                IPv6ExtHdrRouting: NH_ROUTING, IPv6ExtHdrFragment: NH_FRAG}
        ip6 = IPv6(src=s6, dst=d6, hlim=hlim)
        ip6.nh = nums[type(chain[0])] if chain else proto
        for i, lay in enumerate(chain):
            lay.nh = nums[type(chain[i + 1])] if i + 1 < len(chain) else proto
        p = ip6
        for lay in chain:
            p = p / lay
        self.add("in64", name, what, pfx, p / Raw(b6), None)

    def roundtrip(self, section, name, what, inp, out, pfx=WKP):
        self.add(section, name, what, pfx, inp, out)

    # ---- output -------------------------------------------------------
    def emit(self, f):
        w = f.write
        w("/* SPDX-License-Identifier: GPL-2.0 */\n")
        w("/*\n * Generated by tests/unit/vectors/gen_xlat.py (scapy): "
          "do not edit.\n * Regenerate: /usr/bin/python3 "
          "tests/unit/vectors/gen_xlat.py \\\n *\t> "
          "tests/unit/vectors/xlat_vectors.h\n *\n"
          " * Sections: define XV_WANT_<section> before including.\n"
          " *   46/64: translations, in46/in64: inputs for verdict tests,\n"
          " *   464/646: round trips (out = in after both directions).\n"
          " */\n")
        w("#ifndef XLAT_VECTORS_H\n#define XLAT_VECTORS_H\n\n")
        w("struct xlat_vector {\n"
          "\tconst char *name;\n"
          "\tconst char *what;\n"
          "\tunsigned char prefix[16];\n"
          "\tunsigned char plen;\n"
          "\tunsigned char csum_partial;\n"
          "\tconst unsigned char *in;\n"
          "\tunsigned int in_len;\n"
          "\tconst unsigned char *out;\t/* NULL for verdict inputs */\n"
          "\tunsigned int out_len;\n"
          "};\n\n")
        sections = []
        for v in self.vectors:
            if v[0] not in sections:
                sections.append(v[0])
        for sec in sections:
            vs = [v for v in self.vectors if v[0] == sec]
            w("#ifdef XV_WANT_%s\n\n" % sec)
            for (_, name, what, pfx, plen, partial, ib, ob) in vs:
                cname = "xv%s_%s" % (sec, name)
                self.emit_bytes(w, cname + "_in", ib)
                if ob is not None:
                    self.emit_bytes(w, cname + "_out", ob)
                pb = ipaddress.IPv6Address(pfx).packed
                w("static const struct xlat_vector %s = {\n" % cname)
                w("\t.name = \"%s\",\n" % name)
                w("\t.what = \"%s\",\n" % what)
                w("\t.prefix = { %s },\n" %
                  ", ".join("0x%02x" % c for c in pb))
                w("\t.plen = %d,\n" % plen)
                w("\t.csum_partial = %d,\n" % int(partial))
                w("\t.in = %s_in,\n\t.in_len = %d,\n" % (cname, len(ib)))
                if ob is not None:
                    w("\t.out = %s_out,\n\t.out_len = %d,\n" %
                      (cname, len(ob)))
                w("};\n\n")
            w("#define XLAT_VECTORS_%s(X) \\\n" % sec)
            for v in vs:
                w("\tX(xv%s_%s) \\\n" % (sec, v[1]))
            w("\t/* end */\n\n#endif /* XV_WANT_%s */\n\n" % sec)
        w("#endif /* XLAT_VECTORS_H */\n")

    @staticmethod
    def emit_bytes(w, cname, b):
        w("static const unsigned char %s[%d] = {\n" % (cname, len(b)))
        for i in range(0, len(b), 12):
            w("\t" + ", ".join("0x%02x" % c for c in b[i:i + 12]) + ",\n")
        w("};\n\n")


def build():
    g = Gen()

    def c46(name, what, **kw):
        g.case46(name, what, **kw)
        if "pfx" not in kw:
            g.case46(name + "_nsp", what + " (non-neutral /96)", pfx=NSP,
                     **kw)
    # Transport and payload sizes (0, 1 = odd, 100, 1400).
    for kind in ("tcp", "udp"):
        for n in (0, 1, 100, 1400):
            c46("%s_p%d" % (kind, n), "%s, %d payload bytes" % (kind, n),
                kind=kind, n=n)
    c46("tcp_syn_opts", "TCP SYN with MSS/SACK/TS/WS options, untouched",
        kind="tcp", n=0, flags="DF", ack=0,
        tcpopts=[("MSS", 1460), ("SAckOK", b""),
                 ("Timestamp", (12345, 0)), ("NOP", None),
                 ("WScale", 7)])
    c46("udp_zero_p1", "zero UDP checksum gets computed, odd length",
        kind="udp", n=1, zero_udp=True)
    c46("udp_zero_p100", "zero UDP checksum gets computed", kind="udp",
        n=100, zero_udp=True)
    for pfx, sfx in ((WKP, ""), (NSP, "_nsp")):
        src6 = rfc6052_embed(pfx[0], pfx[1], SRC4)
        dst6 = rfc6052_embed(pfx[0], pfx[1], DST4)
        d = find_udp_payload(True, src6, dst6, 10)
        g.case46("udp_csum_ffff" + sfx, "IPv6 UDP checksum computing to 0 "
                 "is sent as ffff", data=d, pfx=pfx)
        g.case46("udp_zero_csum_ffff" + sfx, "zero UDP checksum filled, "
                 "computes to 0 -> ffff", data=d, zero_udp=True, pfx=pfx)
    # ICMP echo.
    for n in (0, 1, 56, 1400):
        c46("echo_p%d" % n, "ICMP echo request -> ICMPv6 128, %d bytes" % n,
            kind="echo", n=n)
    c46("reply_p56", "ICMP echo reply -> ICMPv6 129", kind="reply", n=56)
    # TOS / TTL.
    c46("tos_b8", "TOS 0xb8 (EF) -> traffic class", kind="udp", tos=0xb8)
    c46("tos_ff", "TOS 0xff -> traffic class", kind="tcp", tos=0xff)
    c46("tos_03", "ECN bits kept", kind="echo", n=8, tos=0x03)
    c46("ttl2", "TTL 2 -> hop limit 1", kind="udp", ttl=2)
    c46("ttl255", "TTL 255 -> hop limit 254", kind="tcp", ttl=255)
    c46("no_df", "DF clear, unfragmented: no fragment header", kind="udp",
        flags=0)
    # IPv4 options are dropped.
    c46("opt_ra_tcp", "IPv4 router alert option dropped (IHL 6)",
        kind="tcp", options=[IPOption_Router_Alert()])
    c46("opt_rr_udp", "IPv4 record route option dropped (IHL 8)",
        kind="udp", options=[IPOption_RR(routers=["0.0.0.0"] * 2)])
    c46("opt_rr_echo", "IPv4 options dropped before ICMP",
        kind="echo", n=24, options=[IPOption_RR(routers=["0.0.0.0"])])
    # Fragments (data slices of one datagram; IPv4 offsets in 8 bytes).
    c46("frag_first_tcp", "first fragment: fragment header, TCP csum fixed",
        kind="tcp", n=200, flags="MF", ipid=0xabcd, first_bytes=(0, 48))
    c46("frag_first_udp", "first fragment: fragment header, UDP csum fixed",
        kind="udp", n=200, flags="MF", ipid=0x0102, first_bytes=(0, 64))
    c46("frag_mid", "middle fragment: no L4 header, payload untouched",
        kind="udp", n=200, flags="MF", frag=8, ipid=0x0102,
        first_bytes=(64, 128))
    c46("frag_last", "last fragment: offset, M = 0", kind="udp", n=200,
        flags=0, frag=16, ipid=0xffff, first_bytes=(128, 208))
    c46("frag_last_opts", "last fragment with options: options dropped",
        kind="tcp", n=200, flags=0, frag=20, ipid=0x8001,
        first_bytes=(160, 220), options=[IPOption_Router_Alert()])
    c46("frag_first_df", "DF with MF (odd but legal): fragment header",
        kind="tcp", n=100, flags="DF+MF", ipid=0x77, first_bytes=(0, 40))
    c46("frag_tiny_tcp", "last fragment shorter than a TCP header",
        kind="tcp", n=200, flags=0, frag=27, ipid=0x2222,
        first_bytes=(216, 220))
    c46("gre", "other protocols pass with next header = protocol",
        kind="gre", n=60)
    # Other RFC 6052 prefix lengths.
    c46("pfx32_tcp", "pool6 2001:db8::/32", kind="tcp", pfx=PREFIXES[32])
    c46("pfx40_udp", "pool6 2001:db8:100::/40", kind="udp",
        pfx=PREFIXES[40])
    c46("pfx48_echo", "pool6 2001:db8:122::/48", kind="echo", n=32,
        pfx=PREFIXES[48])
    c46("pfx56_tcp", "pool6 2001:db8:122:300::/56", kind="tcp",
        pfx=PREFIXES[56])
    c46("pfx64_udp", "pool6 2001:db8:122:344::/64", kind="udp",
        pfx=PREFIXES[64])
    c46("pfx96_tcp", "pool6 2001:db8:122:344::/96", kind="tcp",
        pfx=PREFIXES[96])
    c46("pfx40_addr_hi", "addresses with all bits set, /40", kind="udp",
        pfx=PREFIXES[40], src="223.255.255.254", dst="203.0.113.255")
    # CHECKSUM_PARTIAL: pseudo-header seed in, IPv6 seed out.
    c46("partial_tcp", "CHECKSUM_PARTIAL TCP seed re-seeded", kind="tcp",
        partial=True)
    c46("partial_tcp_p1", "CHECKSUM_PARTIAL TCP odd length", kind="tcp",
        n=1, partial=True)
    c46("partial_udp", "CHECKSUM_PARTIAL UDP seed re-seeded", kind="udp",
        n=1400, partial=True)
    c46("partial_udp_pfx56", "CHECKSUM_PARTIAL UDP, /56", kind="udp", n=33,
        pfx=PREFIXES[56], partial=True)

    # ---- inputs for verdict tests (IPv4) -----------------------------
    i46 = g.in46
    i46("ttl1", "TTL 1", kind="tcp", ttl=1)
    i46("ttl0", "TTL 0", kind="udp", ttl=0)
    i46("icmp_ts", "ICMP timestamp (13): no mapping", kind="echo",
        icmp_type=13)
    i46("icmp_rtadv", "ICMP router advertisement (9): no mapping",
        kind="echo", icmp_type=9)
    i46("icmp_mask", "ICMP address mask request (17): no mapping",
        kind="echo", icmp_type=17)
    i46("icmp_frag_first", "first fragment of an ICMP echo", kind="echo",
        n=100, flags="MF", first_bytes=(0, 48))
    i46("icmp_frag_later", "non-first fragment of an ICMP echo",
        kind="echo", n=100, flags=0, frag=6, first_bytes=(48, 108))
    i46("udp0_frag_first", "first fragment, zero UDP checksum", kind="udp",
        n=100, flags="MF", zero_udp=True, first_bytes=(0, 48))
    i46("dst_mcast", "destination 224.0.0.5", kind="udp", dst="224.0.0.5")
    i46("dst_bcast", "destination 255.255.255.255", kind="udp",
        dst="255.255.255.255")
    i46("dst_zeronet", "destination 0.0.0.0", kind="udp", dst="0.0.0.0")
    i46("dst_loop", "destination 127.0.0.1", kind="udp", dst="127.0.0.1")
    i46("lsrr", "unexpired loose source route option", kind="udp",
        options=[IPOption_LSRR(pointer=4, routers=["203.0.113.1"])])
    i46("opt_frag_later", "non-first fragment with IHL 6", kind="udp",
        n=100, flags=0, frag=6, first_bytes=(48, 108),
        options=[IPOption_Router_Alert()])
    i46("udp_p100", "UDP, for linear/truncation tests", kind="udp", n=100)
    i46("udp0_p100", "zero-checksum UDP, for pull tests", kind="udp",
        n=100, zero_udp=True)

    # ---- IPv6 -> IPv4 -------------------------------------------------
    def c64(name, what, **kw):
        g.case64(name, what, **kw)
        if "pfx" not in kw:
            g.case64(name + "_nsp", what + " (non-neutral /96)", pfx=NSP,
                     **kw)
    for kind in ("tcp", "udp"):
        for n in (0, 1, 100, 1400):
            c64("%s_p%d" % (kind, n), "%s, %d payload bytes" % (kind, n),
                kind=kind, n=n)
    c64("udp_1260", "translated size 1260: DF 0", kind="udp", n=1232)
    c64("udp_1261", "translated size 1261: DF 1", kind="udp", n=1233)
    c64("tcp_syn_opts", "TCP SYN options untouched", kind="tcp", n=0,
        flags="S", ack=0,
        tcpopts=[("MSS", 1440), ("SAckOK", b""),
                 ("Timestamp", (99, 0)), ("NOP", None), ("WScale", 9)])
    d = find_udp_payload(False, SRC4, DST4, 10)
    for pfx, sfx in ((WKP, ""), (NSP, "_nsp")):
        g.case64("udp_csum_ffff" + sfx, "IPv4 UDP checksum computing to 0 "
                 "is sent as ffff", data=d, pfx=pfx)
    for n in (0, 1, 56, 1400):
        c64("echo_p%d" % n, "ICMPv6 128 -> ICMP echo 8, %d bytes" % n,
            kind="echo", n=n)
    c64("reply_p56", "ICMPv6 129 -> ICMP echo reply 0", kind="reply", n=56)
    c64("tc_b8", "traffic class 0xb8 -> TOS", kind="udp", tc=0xb8)
    c64("tc_ff_fl", "traffic class 0xff, flow label dropped", kind="tcp",
        tc=0xff, fl=0xfffff)
    c64("tc_03", "ECN bits kept", kind="echo", n=8, tc=0x03, fl=0x12345)
    c64("hlim2", "hop limit 2 -> TTL 1", kind="udp", hlim=2)
    c64("hlim255", "hop limit 255 -> TTL 254", kind="tcp", hlim=255)
    c64("ext_hop_udp", "hop-by-hop header removed", kind="udp",
        ext=["hop"])
    c64("ext_dest_tcp", "16-byte destination options removed", kind="tcp",
        ext=["dest16"])
    c64("ext_rt0_udp", "routing header, segments left 0, removed",
        kind="udp", ext=["rt0"])
    c64("ext_chain_tcp", "hop-by-hop + dest + routing + dest removed",
        kind="tcp", n=1400, ext=["hop", "dest16", "rt0", "dest16"])
    c64("ext_hop_echo", "hop-by-hop before ICMPv6: length excludes it",
        kind="echo", n=40, ext=["hop"])
    c64("frag_first_udp", "fragment header -> MF, ID low 16 bits",
        kind="udp", n=200, frag=(0, 1, 0x12345678), first_bytes=(0, 64))
    c64("frag_first_tcp", "first fragment, TCP checksum fixed", kind="tcp",
        n=200, frag=(0, 1, 0xdeadbeef), first_bytes=(0, 48))
    c64("frag_mid", "middle fragment, payload untouched", kind="udp", n=200,
        frag=(8, 1, 0x12345678), first_bytes=(64, 128))
    c64("frag_last", "last fragment, MF 0", kind="udp", n=200,
        frag=(16, 0, 0x12345678), first_bytes=(128, 208))
    c64("frag_atomic", "atomic fragment: ID copied, DF 0", kind="udp",
        n=100, frag=(0, 0, 0xcafe0001))
    c64("frag_big", "fragment > 1260 bytes keeps DF 0", kind="udp",
        n=1400, frag=(0, 1, 0x0000ffff), first_bytes=(0, 1304))
    c64("hop_frag_udp", "hop-by-hop then fragment header", kind="udp",
        n=200, ext=["hop"], frag=(0, 1, 0x00010002), first_bytes=(0, 48))
    c64("frag_tiny_tcp", "last fragment shorter than a TCP header",
        kind="tcp", n=200, frag=(27, 0, 0x00042222), first_bytes=(216, 220))
    c64("gre", "other protocols pass with protocol = next header",
        kind="gre", n=60)
    c64("pfx32_tcp", "pool6 2001:db8::/32", kind="tcp", pfx=PREFIXES[32])
    c64("pfx40_udp", "pool6 2001:db8:100::/40", kind="udp",
        pfx=PREFIXES[40])
    c64("pfx48_echo", "pool6 2001:db8:122::/48", kind="echo", n=32,
        pfx=PREFIXES[48])
    c64("pfx56_tcp", "pool6 2001:db8:122:300::/56", kind="tcp",
        pfx=PREFIXES[56])
    c64("pfx64_udp", "pool6 2001:db8:122:344::/64", kind="udp",
        pfx=PREFIXES[64])
    c64("pfx96_tcp", "pool6 2001:db8:122:344::/96", kind="tcp",
        pfx=PREFIXES[96])
    c64("partial_tcp", "CHECKSUM_PARTIAL TCP seed re-seeded", kind="tcp",
        partial=True)
    c64("partial_udp", "CHECKSUM_PARTIAL UDP seed re-seeded", kind="udp",
        n=1400, partial=True)
    c64("partial_tcp_ext", "CHECKSUM_PARTIAL TCP after dest options",
        kind="tcp", n=7, ext=["dest16"], partial=True)
    c64("partial_udp_pfx48", "CHECKSUM_PARTIAL UDP, /48", kind="udp", n=3,
        pfx=PREFIXES[48], partial=True)

    # ---- inputs for verdict tests (IPv6) -----------------------------
    i64 = g.in64
    i64("hlim1", "hop limit 1", kind="tcp", hlim=1)
    i64("hlim0", "hop limit 0", kind="udp", hlim=0)
    i64("icmp6_ns", "neighbour solicitation (135): no mapping",
        icmp_type=135)
    i64("icmp6_mld", "MLD query (130): no mapping", icmp_type=130)
    i64("icmp6_frag_first", "first fragment of an ICMPv6 echo", kind="echo",
        n=100, raw_chain=[IPv6ExtHdrFragment(offset=0, m=1, id=5)],
        first_bytes=(0, 48))
    i64("icmp6_frag_later", "non-first fragment of an ICMPv6 echo",
        kind="echo", n=100,
        raw_chain=[IPv6ExtHdrFragment(offset=6, m=0, id=5)],
        first_bytes=(48, 108))
    i64("dst_out", "destination outside pool6", kind="udp",
        dst6="2001:db8::1")
    i64("src_out", "source outside pool6", kind="udp", src6="2001:db8::1")
    i64("dst_mcast", "destination maps to 224.0.0.5", kind="udp",
        dst6="64:ff9b::e000:5")
    i64("src_loop", "source maps to 127.0.0.1", kind="udp",
        src6="64:ff9b::7f00:1")
    i64("two_frags", "two fragment headers", kind="udp",
        raw_chain=[IPv6ExtHdrFragment(offset=0, m=0, id=1),
                   IPv6ExtHdrFragment(offset=0, m=0, id=2)])
    i64("rt_segleft1", "routing header with segments left 1", kind="udp",
        raw_chain=[IPv6ExtHdrRouting(type=0, segleft=1,
                                     addresses=["2001:db8::99"])])
    i64("dest_long_nonxt", "24-byte destination options, no next header",
        kind="gre", n=10, nh_after=NH_NONE,
        raw_chain=[IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 20)])])
    i64("dest_long_tcp", "24-byte destination options before TCP",
        kind="tcp", n=10,
        raw_chain=[IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 20)])])
    i64("udp_p100", "UDP, for linear/truncation tests", kind="udp", n=100)
    i64("frag_later_dest", "non-first fragment after 24-byte dest opts",
        kind="udp", n=100, first_bytes=(48, 108),
        raw_chain=[IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 20)]),
                   IPv6ExtHdrFragment(offset=6, m=0, id=9)])

    # ---- round trips --------------------------------------------------
    # 4 -> 6 -> 4: TTL - 2, ID 0, DF iff > 1260 bytes, options gone.
    for name, what, kind, n, pfx, tos, opts, flags in (
            ("tcp_opts", "TCP with IPv4 options, TOS 0x28", "tcp", 100,
             WKP, 0x28, [IPOption_Router_Alert()], "DF"),
            ("udp_big", "1400-byte UDP keeps DF", "udp", 1400, WKP, 0, None,
             "DF"),
            ("echo_nodf", "ICMP echo without DF", "echo", 56,
             PREFIXES[40], 0xb8, None, 0),
            ("udp_p1_pfx64", "odd UDP, /64", "udp", 1, PREFIXES[64], 0,
             None, "DF")):
        proto, b4 = l4_bytes(kind, n, False, SRC4, DST4)
        ip = IP(src=SRC4, dst=DST4, tos=tos, ttl=64, id=0x4242, flags=flags,
                proto=proto)
        if opts:
            ip.options = opts
        inp = ip / Raw(b4)
        tot = 20 + len(b4)
        out = IP(src=SRC4, dst=DST4, tos=tos, ttl=62, id=0,
                 flags="DF" if tot > 1260 else 0, proto=proto) / Raw(b4)
        g.roundtrip("464", name, what, inp, out, pfx)
    # 6 -> 4 -> 6: hop limit - 2, flow label 0, extension headers gone.
    for name, what, kind, n, pfx, ext in (
            ("udp_hop", "UDP after hop-by-hop, TC 0xb8", "udp", 100, WKP,
             True),
            ("tcp_big", "1400-byte TCP", "tcp", 1400, PREFIXES[32], False),
            ("echo", "ICMPv6 echo", "echo", 56, PREFIXES[56], False)):
        s6 = rfc6052_embed(pfx[0], pfx[1], SRC4)
        d6 = rfc6052_embed(pfx[0], pfx[1], DST4)
        proto, b6 = l4_bytes(kind, n, True, s6, d6)
        ip6 = IPv6(src=s6, dst=d6, tc=0xb8, fl=0xbeef, hlim=64)
        if ext:
            ip6.nh = NH_HOP
            inp = ip6 / IPv6ExtHdrHopByHop(
                nh=proto, options=[PadN(optdata=b"\0" * 4)]) / Raw(b6)
        else:
            ip6.nh = proto
            inp = ip6 / Raw(b6)
        out = IPv6(src=s6, dst=d6, tc=0xb8, fl=0, hlim=62, nh=proto) / \
            Raw(b6)
        g.roundtrip("646", name, what, inp, out, pfx)
    return g


def main():
    g = build()
    g.emit(sys.stdout)


if __name__ == "__main__":
    main()
