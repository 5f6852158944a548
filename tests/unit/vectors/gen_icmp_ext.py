#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate icmp_ext_vectors.h: ICMP errors with RFC 4884 extensions (and
oversized errors) and the translations RFC 7915 4.2 / 5.2 require, for
tests/unit/test_core_icmp_ext.c.

Every packet is built by scapy (checksums of the outer IP header, of the
ICMP/ICMPv6 message with its pseudo-header, of the quoted UDP datagram, of
the extension structure), nothing comes from the C code under test.

Regenerate (needs python3-scapy; the tests do not):
    /usr/bin/python3 tests/unit/vectors/gen_icmp_ext.py \\
        > tests/unit/vectors/icmp_ext_vectors.h
The output is deterministic.

Rules encoded here (RFC 4884 sections 4 and 5, RFC 7915 4.2 and 5.2):
  the length attribute is octet 6 of an ICMPv4 Destination Unreachable,
  Time Exceeded or Parameter Problem (32-bit words), octet 5 of an ICMPv6
  Destination Unreachable or Time Exceeded (64-bit words); an attribute
  under 128 octets or beyond the message is no extension;
  the translated original datagram is zero padded to the new unit and to
  at least 128 octets, the attribute says its padded length, the
  extension follows unchanged (its own checksum stays right);
  the whole message fits 1280 (ICMPv6) or 576 (ICMPv4) octets: the
  quoted datagram is cut (never under 128) to keep the extension whole,
  and a message still too long is cut at the end;
  a translated type without the attribute (Packet Too Big, Parameter
  Problem) carries no extension: only the quoted datagram, translated;
  the quoted datagram is translated as in every ICMP error (inner TTL
  kept, its UDP checksum right for the new addresses).
"""

import os
import sys

from scapy.packet import Raw
from scapy.utils import checksum
from scapy.layers.inet import IP, UDP, ICMP
from scapy.layers.inet6 import IPv6, ICMPv6TimeExceeded, ICMPv6DestUnreach
from scapy.layers.inet6 import ICMPv6PacketTooBig, ICMPv6ParamProblem
from scapy.contrib.icmp_extensions import ICMPExtensionHeader
from scapy.contrib.icmp_extensions import ICMPExtensionMPLS
from scapy.contrib.mpls import MPLS

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_xlat import NSP, rfc6052_embed, payload  # noqa: E402

# An IPv6 node (192.0.3.1 in IPv4) sent UDP to the IPv4 node 198.51.101.7;
# the IPv4 router 198.51.101.254 on the way answers (4 -> 6). The other
# way, the IPv4 node's UDP to the IPv6 node meets the IPv6 router
# 2001:db8:64::c633:65fe (198.51.101.254 too, by the prefix).
H6_4 = "192.0.3.1"
H4 = "198.51.101.7"
R4 = "198.51.101.254"


def v6(a):
    return rfc6052_embed(NSP[0], NSP[1], a)


def ext_struct(objects):
    """An RFC 4884 extension structure: version 2 header, its checksum
    over the whole structure (scapy's ICMPExtensionHeader sums only its
    own four octets), then the objects."""
    b = bytearray(bytes(ICMPExtensionHeader(chksum=0)) + objects)
    b[2:4] = checksum(bytes(b)).to_bytes(2, "big")
    return bytes(b)


def mpls_ext(n=1):
    """An RFC 4950 MPLS label stack object of n entries (the traceroute
    case) in an extension structure."""
    stack = [MPLS(label=16 + i, ttl=1, s=int(i == n - 1)) for i in range(n)]
    return ext_struct(bytes(ICMPExtensionMPLS(stack=stack)))


def udp4(n):
    return bytes(IP(src=H6_4, dst=H4, ttl=1, id=0x4321, flags="DF") /
                 UDP(sport=33434, dport=33435) / Raw(payload(n)))


def udp4x(n):
    """What the IPv6 probe of udp6(n, v6(H4), v6(H6_4)) translates to:
    ID 0, DF iff longer than 1260 (RFC 7915 5.1)."""
    return bytes(IP(src=H4, dst=H6_4, ttl=1, id=0,
                    flags="DF" if 28 + n > 1260 else 0) /
                 UDP(sport=33434, dport=33435) / Raw(payload(n)))


def udp6(n, src, dst, hlim=1):
    return bytes(IPv6(src=src, dst=dst, hlim=hlim) /
                 UDP(sport=33434, dport=33435) / Raw(payload(n)))


def padded(b, unit, least=128):
    n = max(len(b) + (-len(b)) % unit, least)
    return b + bytes(n - len(b))


class Gen:
    def __init__(self):
        self.vectors = []

    def add(self, sec, name, what, inp, out):
        self.vectors.append((sec, name, what, bytes(inp), bytes(out)))

    def e46(self, name, what, icmp4, icmp6, quoted4, quoted6, ext=b"",
            out_ext=None):
        """An ICMPv4 error from R4 to the IPv6 node's IPv4 address quoting
        quoted4 (+ ext); translated: icmp6 from R4's IPv6 address quoting
        quoted6 (+ out_ext, default ext)."""
        inp = IP(src=R4, dst=H6_4, ttl=64, id=7) / icmp4 / \
            Raw(quoted4 + ext)
        out = IPv6(src=v6(R4), dst=v6(H6_4), hlim=63) / icmp6 / \
            Raw(quoted6 + (ext if out_ext is None else out_ext))
        self.add("x46", name, what, inp, out)

    def e64(self, name, what, icmp6, icmp4, quoted6, quoted4, ext=b"",
            out_ext=None):
        """The other way: an ICMPv6 error from the IPv6 router (R4 by the
        prefix) to the IPv4 node's IPv6 address, translated to ICMPv4."""
        inp = IPv6(src=v6(R4), dst=v6(H4), hlim=64) / icmp6 / \
            Raw(quoted6 + ext)
        out = IP(src=R4, dst=H4, ttl=63, id=0, flags=0) / icmp4 / \
            Raw(quoted4 + (ext if out_ext is None else out_ext))
        self.add("x64", name, what, inp, out)

    def emit(self, f):
        w = f.write
        w("/* SPDX-License-Identifier: GPL-2.0 */\n")
        w("/*\n * Generated by tests/unit/vectors/gen_icmp_ext.py (scapy): "
          "do not edit.\n * Regenerate: /usr/bin/python3 "
          "tests/unit/vectors/gen_icmp_ext.py \\\n *\t> "
          "tests/unit/vectors/icmp_ext_vectors.h\n *\n"
          " * x46: ICMPv4 errors and their ICMPv6 translation, x64 the "
          "other way;\n * pool6 2001:db8:64::/96.\n */\n")
        w("#ifndef ICMP_EXT_VECTORS_H\n#define ICMP_EXT_VECTORS_H\n\n")
        w("struct icmpx_vector {\n\tconst char *name;\n"
          "\tconst char *what;\n\tconst unsigned char *in;\n"
          "\tunsigned int in_len;\n\tconst unsigned char *out;\n"
          "\tunsigned int out_len;\n};\n\n")
        for sec in ("x46", "x64"):
            vs = [v for v in self.vectors if v[0] == sec]
            for (_, name, what, ib, ob) in vs:
                c = "ixv%s_%s" % (sec, name)
                for tag, b in (("in", ib), ("out", ob)):
                    w("static const unsigned char %s_%s[%d] = {\n" %
                      (c, tag, len(b)))
                    for i in range(0, len(b), 12):
                        w("\t" + ", ".join("0x%02x" % x
                                           for x in b[i:i + 12]) + ",\n")
                    w("};\n\n")
                w("static const struct icmpx_vector %s = {\n" % c)
                w("\t.name = \"%s\",\n\t.what = \"%s\",\n" % (name, what))
                w("\t.in = %s_in,\n\t.in_len = %d,\n" % (c, len(ib)))
                w("\t.out = %s_out,\n\t.out_len = %d,\n};\n\n" %
                  (c, len(ob)))
            w("#define ICMPX_VECTORS_%s(X) \\\n" % sec)
            for v in vs:
                w("\tX(ixv%s_%s) \\\n" % (sec, v[1]))
            w("\t/* end */\n\n")
        w("#endif /* ICMP_EXT_VECTORS_H */\n")


def build():
    g = Gen()
    ext = mpls_ext()
    ext3 = mpls_ext(3)

    # ---- ICMPv4 -> ICMPv6 ---------------------------------------------
    # 128 octets quoted (a whole 128-byte probe): 148 translated -> 152.
    q4 = udp4(100)
    q6 = udp6(100, v6(H6_4), v6(H4))
    g.e46("te_mpls", "Time Exceeded, MPLS extension: 32 words -> 19",
          ICMP(type=11, code=0, length=32),
          ICMPv6TimeExceeded(code=0, length=19), q4, padded(q6, 8), ext)
    # A short probe zero padded to 128 by the router: the padding is
    # quoted data, translated along (148, padded to 152).
    q4 = padded(udp4(32), 4)
    q6 = udp6(32, v6(H6_4), v6(H4)) + bytes(128 - 60)
    g.e46("du_port_short", "port unreachable, short probe padded to 128",
          ICMP(type=3, code=3, length=32),
          ICMPv6DestUnreach(code=4, length=19), q4, padded(q6, 8), ext3)
    # 136 octets (34 words): 156 -> 160 (20 words).
    q4 = udp4(108)
    q6 = udp6(108, v6(H6_4), v6(H4))
    g.e46("te_136", "136 quoted octets: 156 padded to 160",
          ICMP(type=11, code=1, length=34),
          ICMPv6TimeExceeded(code=1, length=20), q4, padded(q6, 8), ext)
    g.e46("du_host_136", "host unreachable -> no route, extension",
          ICMP(type=3, code=1, length=34),
          ICMPv6DestUnreach(code=0, length=20), q4, padded(q6, 8), ext)
    # Types without the attribute in ICMPv6: the extension is left out.
    g.e46("frag_needed_ext", "Frag Needed with extension -> PTB without",
          ICMP(type=3, code=4, length=34, nexthopmtu=1400),
          ICMPv6PacketTooBig(mtu=1420), q4, q6, ext, out_ext=b"")
    g.e46("param_ext", "Parameter Problem with extension -> without",
          ICMP(type=12, code=0, ptr=9, length=34),
          ICMPv6ParamProblem(code=0, ptr=6), q4, q6, ext, out_ext=b"")
    # A length attribute under 128 octets: no extension, all quoted.
    q4 = udp4(100)
    g.e46("len_short", "length attribute 10 words (< 128): quoted data",
          ICMP(type=11, code=0, length=10), ICMPv6TimeExceeded(code=0),
          q4 + ext, udp6(100, v6(H6_4), v6(H4)) + ext, b"")
    # Big: 1020 quoted (255 words, the most there is) + 200 extension ->
    # 1040 + 200 > 1232: the quoted datagram is cut to 1032.
    ext200 = ext_struct(payload(196, 3))
    q4 = udp4(992)
    q6 = udp6(992, v6(H6_4), v6(H4))[:1032]
    g.e46("te_cut", "1020 quoted + 200: quoted cut to 1032, extension kept",
          ICMP(type=11, code=0, length=255),
          ICMPv6TimeExceeded(code=0, length=129), q4, q6, ext200)
    # Huge extension: quoted cut to 128, the extension cut at 1280.
    q4 = udp4(100)
    huge = ext_struct(payload(1196, 5))
    q6 = udp6(100, v6(H6_4), v6(H4))[:128]
    g.e46("te_huge_ext", "1200-octet extension: quoted 128, message cut",
          ICMP(type=11, code=0, length=32),
          ICMPv6TimeExceeded(code=0, length=16), q4, q6, huge,
          out_ext=huge[:1280 - 40 - 8 - 128])

    # ---- ICMPv6 -> ICMPv4 ---------------------------------------------
    # 128 octets quoted: 108 translated, padded to the 128 minimum.
    q6 = udp6(80, v6(H4), v6(H6_4))
    q4 = udp4x(80)
    assert len(q6) == 128
    g.e64("te_mpls", "Time Exceeded, MPLS extension: 16 words -> 32",
          ICMPv6TimeExceeded(code=0, length=16),
          ICMP(type=11, code=0, length=32), q6, padded(q4, 4), ext)
    # 200 octets (25 words): 180 (45 words).
    q6 = udp6(152, v6(H4), v6(H6_4))
    q4 = udp4x(152)
    g.e64("du_port_200", "port unreachable, 200 quoted -> 180 (45 words)",
          ICMPv6DestUnreach(code=4, length=25),
          ICMP(type=3, code=3, length=45), q6, padded(q4, 4), ext3)
    g.e64("du_adm_200", "admin prohibited -> 3/10, extension",
          ICMPv6DestUnreach(code=1, length=25),
          ICMP(type=3, code=10, length=45), q6, padded(q4, 4), ext)
    # 800 quoted + 100 extension: 780 + 100 > 548: quoted cut to 448.
    ext100 = ext_struct(payload(96, 9))
    q6 = udp6(752, v6(H4), v6(H6_4))
    q4 = udp4x(752)[:448]
    g.e64("te_cut", "800 quoted + 100: quoted cut to 448, extension kept",
          ICMPv6TimeExceeded(code=0, length=100),
          ICMP(type=11, code=0, length=112), q6, q4, ext100)
    # Item 4 of issue 12: a 1500-octet error is cut to 576, not refused.
    q6 = udp6(1404, v6(H4), v6(H6_4))
    q4 = udp4x(1404)[:576 - 28]
    g.e64("te_1500", "1500-octet ICMPv6 error -> 576-octet ICMPv4",
          ICMPv6TimeExceeded(code=0), ICMP(type=11, code=0), q6, q4)
    # An attribute pointing beyond the message: no extension.
    q6 = udp6(80, v6(H4), v6(H6_4))
    g.e64("len_beyond", "length attribute beyond the message: quoted data",
          ICMPv6TimeExceeded(code=0, length=40), ICMP(type=11, code=0),
          q6 + ext, udp4x(80) + ext, b"")
    return g


def main():
    build().emit(sys.stdout)


if __name__ == "__main__":
    main()
