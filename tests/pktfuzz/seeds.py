#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# The seed packets of the kernel-side packet fuzz (tests/selftests/
# pkt_fuzz.sh), built with scapy for the addresses of that test's
# translator (its configuration is pkt_fuzz.sh's CFG): IPv4 and IPv6
# packets (no link layer) that reach every path of the module — plain
# translation both ways, EAM (local, remote, hairpinning), space A's
# prefix, the Edge Relay drops, special and own addresses, IPv4 options,
# IPv6 extension-header chains, fragments of every shape, ICMP errors
# quoting packets, errors and truncated packets (ICMP in ICMP), proxy NDP
# solicitations, large TCP/UDP packets that the injector turns into GSO.
#
#   seeds.py OUT.bin	write them; prints "N seeds"
#
# OUT.bin: records of u8 family (4 or 6), u8 flags (1: big enough for a
# GSO header), u16 length (big-endian), the packet. Deterministic: the
# fuzzer's seed (pktfuzz -s) alone decides what is sent.
import logging
import struct
import sys

logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.all import (ICMP, IP, TCP, UDP, ICMPv6DestUnreach,
                       ICMPv6EchoReply, ICMPv6EchoRequest, ICMPv6ND_NS,
                       ICMPv6NDOptSrcLLAddr, ICMPv6PacketTooBig,
                       ICMPv6ParamProblem, ICMPv6TimeExceeded, IPerror,
                       IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, Raw, TCPerror,
                       UDPerror, fragment, fragment6, raw)  # noqa: E402

# IPv4 side: sources and destinations the configuration knows.
SRC4 = ["192.0.2.1",       # local EAM entry (ER service address)
        "198.51.100.5",    # hairpin EAM entry
        "203.0.113.9",     # no EAM: the ER ingress filter drops it
        "10.10.0.2",       # space A's VM (from tap1)
        "127.0.0.1", "0.0.0.0", "169.254.1.1"]
DST4 = ["203.0.113.7",     # pool6
        "192.0.2.2",       # remote EAM entry
        "10.10.0.3",       # space A (tap1)
        "10.99.0.1",       # the translator's own address
        "224.0.0.5", "255.255.255.255", "240.0.0.1"]
# IPv6 side.
P46 = "2001:db8:46::"
SRC6 = [P46 + "cb00:7109",           # 203.0.113.9 by pool6
        "2001:db8:a::",              # local EAM: ER spoofed source
        "2001:db8:b::",              # remote EAM
        P46 + "c000:201",            # translates to the local 192.0.2.1
        "2001:db8:1::23:a0a:2",      # space A
        "2001:db8:99::1", "fe80::1", "::1"]
DST6 = [P46 + "cb00:7107",           # 203.0.113.7: plain 6 -> 4
        P46 + "c000:201",            # 192.0.2.1, an EAM entry: hairpinned
        P46 + "c633:6405",           # 198.51.100.5: hairpinned
        "2001:db8:a::",              # EAM IPv6 side
        "2001:db8:1::23:a0a:3",      # space A
        P46 + "a63:1",               # 10.99.0.1, the translator itself
        P46 + "7f00:1",              # 127.0.0.1: special
        "ff02::1", "2001:db8:99::2"]


def pairs(a, b):
    """Every (a, b) pair, by index, so each address meets each other."""
    return [(a[i % len(a)], b[(i * 3 + 1) % len(b)])
            for i in range(max(len(a), len(b)) * 2)]


def l4_v4(i):
    pl = Raw(b"x" * (i % 7 * 5))
    return [ICMP(type=8, id=i) / pl, UDP(sport=1000 + i, dport=53) / pl,
            TCP(sport=2000 + i, dport=80, flags="S") / pl,
            UDP(sport=7, dport=7, chksum=0) / pl,
            ICMP(type=13) / pl, Raw(b"\x00" * 8)][i % 6]


def l4_v6(i):
    pl = Raw(b"y" * (i % 5 * 7))
    return [ICMPv6EchoRequest(id=i) / pl, UDP(sport=1000 + i, dport=53) / pl,
            TCP(sport=2000 + i, dport=80, flags="SA") / pl,
            ICMPv6EchoReply() / pl][i % 4]


def ip4(src, dst, i, **kw):
    return IP(src=src, dst=dst, ttl=[64, 1, 2][i % 3], **kw)


def seeds4():
    out = []
    for i, (s, d) in enumerate(pairs(SRC4, DST4)):
        out.append(ip4(s, d, i) / l4_v4(i))
    s, d = "192.0.2.1", "203.0.113.7"
    # Options: record route, an unexpired loose source route, padding.
    out += [IP(src=s, dst=d, options=b"\x07\x07\x04" + b"\x00" * 5) / UDP(),
            IP(src=s, dst=d, options=b"\x83\x07\x04\x0a\x00\x00\x01\x00")
            / ICMP(),
            IP(src=s, dst=d, options=b"\x01" * 40) / TCP()]
    # Fragments: first, middle, last, tiny, overlapping, of ICMP (reassembled)
    # and of UDP with a zero checksum.
    for proto in (ICMP(type=8) / Raw(b"i" * 600),
                  UDP(sport=5, dport=6) / Raw(b"u" * 600),
                  UDP(sport=5, dport=6, chksum=0) / Raw(b"z" * 600),
                  TCP() / Raw(b"t" * 600)):
        fr = fragment(IP(src=s, dst=d, id=0x1234) / proto, fragsize=256)
        out += fr + fr[::-1]
        out.append(IP(src=s, dst=d, flags="MF", frag=0) / raw(proto)[:8])
        out.append(IP(src=s, dst=d, frag=1) / raw(proto)[8:40])
    # ICMP errors quoting packets, errors and truncated packets.
    inner = IP(src=d, dst=s) / UDP(sport=53, dport=1000) / Raw(b"q" * 30)
    for t, c in ((3, 3), (3, 4), (11, 0), (12, 0), (3, 1), (4, 0), (3, 13)):
        out.append(IP(src=d, dst=s) / ICMP(type=t, code=c, nexthopmtu=1400)
                   / IPerror(raw(inner)))
        out.append(IP(src=d, dst=s) / ICMP(type=t, code=c)
                   / raw(inner)[:28])
    err = IP(src=s, dst=d) / ICMP(type=3, code=3) / raw(inner)
    out.append(IP(src=d, dst=s) / ICMP(type=11) / raw(err))
    out.append(IP(src=d, dst=s) / ICMP(type=3, code=1)
               / raw(IP(src=s, dst=d) / ICMP(type=8) / Raw(b"e" * 40)))
    out.append(IP(src=d, dst=s) / ICMP(type=3, code=3)
               / raw(IP(src=s, dst=d, frag=10) / UDP()))
    out.append(IP(src=d, dst=s) / ICMP(type=12, code=0, ptr=9)
               / raw(IP(src=s, dst=d) / TCPerror()))
    # RFC 4884 length field and extension.
    out.append(IP(src=d, dst=s) / ICMP(type=3, code=3, length=32)
               / Raw(raw(inner).ljust(128, b"\x00") + b"\x20\x00\x00\x00"
                     + b"\x00\x08\x01\x01" + b"abcd"))
    return out


def seeds6():
    out = []
    for i, (s, d) in enumerate(pairs(SRC6, DST6)):
        out.append(IPv6(src=s, dst=d, hlim=[64, 1][i % 2]) / l4_v6(i))
    s, d = P46 + "cb00:7109", P46 + "cb00:7107"
    base = IPv6(src=s, dst=d)
    u = UDP(sport=9, dport=9) / Raw(b"c" * 20)
    # Extension-header chains, odd ones too.
    for ext in (IPv6ExtHdrHopByHop(),
                IPv6ExtHdrDestOpt() / IPv6ExtHdrDestOpt(),
                IPv6ExtHdrRouting(segleft=0, addresses=[d]),
                IPv6ExtHdrRouting(segleft=1, addresses=[d]),
                IPv6ExtHdrHopByHop() / IPv6ExtHdrHopByHop(),
                IPv6ExtHdrFragment(m=0, offset=0, id=7),
                IPv6ExtHdrFragment(m=0, offset=0, id=8) / IPv6ExtHdrDestOpt(),
                IPv6ExtHdrDestOpt() / IPv6ExtHdrRouting(type=4, segleft=0)):
        out.append(base / ext / u)
        out.append(base / ext / ICMPv6EchoRequest())
    out.append(IPv6(src=s, dst=d, nh=59) / Raw(b"none"))
    out.append(IPv6(src=s, dst=d, nh=253) / Raw(b"\x11" + b"\x00" * 15))
    # Fragments: ICMPv6 (reassembled), UDP, first-fragment-only, overlaps.
    for proto in (ICMPv6EchoRequest() / Raw(b"i" * 900),
                  UDP(sport=5, dport=6) / Raw(b"u" * 900),
                  TCP() / Raw(b"t" * 900)):
        fr = fragment6(base / IPv6ExtHdrFragment(id=0xabc) / proto, 400)
        out += fr + fr[::-1]
        out.append(base / IPv6ExtHdrFragment(m=1, offset=0, id=9)
                   / raw(proto)[:4])
        out.append(base / IPv6ExtHdrFragment(m=1, offset=1, id=9)
                   / raw(proto)[8:24])
    # ICMPv6 errors quoting packets, errors and truncated packets.
    inner = IPv6(src=d, dst=s) / UDP(sport=53, dport=9) / Raw(b"q" * 30)
    for e in (ICMPv6DestUnreach(code=4), ICMPv6DestUnreach(code=1),
              ICMPv6PacketTooBig(mtu=1280), ICMPv6PacketTooBig(mtu=600),
              ICMPv6TimeExceeded(), ICMPv6ParamProblem(code=0, ptr=6),
              ICMPv6ParamProblem(code=1, ptr=40),
              ICMPv6ParamProblem(code=0, ptr=200)):
        out.append(IPv6(src=d, dst=s) / e / raw(inner))
        out.append(IPv6(src=d, dst=s) / e / raw(inner)[:44])
    err = IPv6(src=s, dst=d) / ICMPv6DestUnreach() / raw(inner)
    out.append(IPv6(src=d, dst=s) / ICMPv6TimeExceeded() / raw(err))
    out.append(IPv6(src=d, dst=s) / ICMPv6DestUnreach()
               / raw(IPv6(src=s, dst=d) / IPv6ExtHdrFragment(offset=3)
                     / UDPerror()))
    out.append(IPv6(src=d, dst=s) / ICMPv6DestUnreach()
               / raw(IPv6(src=s, dst=d) / IPv6ExtHdrHopByHop()
                     / ICMPv6EchoRequest()))
    # Proxy NDP on tap0: solicitations for space A, an EAM, a stranger.
    for t in ("2001:db8:1::23:a0a:2", "2001:db8:a::", "2001:db8:1::5"):
        sn = "ff02::1:ff" + t.replace(":", "")[-6:-4] + ":" + \
            t.replace(":", "")[-4:]
        out.append(IPv6(src="fe80::1", dst=sn, hlim=255) / ICMPv6ND_NS(tgt=t)
                   / ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01"))
        out.append(IPv6(src="::", dst=sn, hlim=255) / ICMPv6ND_NS(tgt=t))
    return out


def big():
    """TCP and UDP packets long enough to be sent as GSO."""
    pl = Raw(bytes(range(256)) * 12)
    return [(4, IP(src="192.0.2.1", dst="203.0.113.7") / TCP(flags="A") / pl),
            (4, IP(src="192.0.2.1", dst="203.0.113.7") / UDP() / pl),
            (4, IP(src="10.10.0.2", dst="10.10.0.3") / TCP(flags="A") / pl),
            (6, IPv6(src=P46 + "cb00:7109", dst=P46 + "cb00:7107")
             / TCP(flags="A") / pl),
            (6, IPv6(src="2001:db8:a::", dst=P46 + "c633:6405")
             / TCP(flags="A") / pl),
            (6, IPv6(src=P46 + "cb00:7109", dst=P46 + "c000:201") / UDP()
             / pl)]


def main():
    recs = [(4, 0, raw(p)) for p in seeds4()]
    recs += [(6, 0, raw(p)) for p in seeds6()]
    recs += [(f, 1, raw(p)) for f, p in big()]
    with open(sys.argv[1], "wb") as f:
        for fam, flags, b in recs:
            f.write(struct.pack("!BBH", fam, flags, len(b)) + b)
    print(f"{len(recs)} seeds")


if __name__ == "__main__":
    main()
