#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""gen_eams.py N FILE: N-1 random EAM entries (unique random unicast
IPv4 /32 <-> random 2001:db8:e000::/36 /128) plus the benchmark sink's
198.51.100.2 <-> 2001:db8:4::2, as "PREFIX4 PREFIX6" lines for
"dcxlat eamt add -". Same seed, same file."""
import ipaddress
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(6)
seen4 = {int(ipaddress.IPv4Address('198.51.100.2'))}
lines = ['198.51.100.2 2001:db8:4::2']
base6 = int(ipaddress.IPv6Address('2001:db8:e000::'))
while len(lines) < n:
    a = rnd.getrandbits(32)
    top = a >> 24
    if top in (0, 10, 127, 192, 198) or top >= 224 or a in seen4:
        continue
    seen4.add(a)
    v6 = base6 | rnd.getrandbits(92)
    lines.append(f'{ipaddress.IPv4Address(a)} {ipaddress.IPv6Address(v6)}')
with open(path, 'w') as f:
    f.write('\n'.join(lines) + '\n')
