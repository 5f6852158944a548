#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self instructions per packet by function for callgrind dumps of
bench_core (written with --compress-strings=no): profile.py FILE..."""
import collections
import re
import sys

for path in sys.argv[1:]:
    cost = collections.Counter()
    fn, skip, pkts, desc = None, False, 1, path
    with open(path) as f:
        for line in f:
            if line.startswith('desc: Trigger: Client Request: '):
                desc = line.split(': ', 2)[2].strip()
                m = re.search(r'pkts=(\d+)', desc)
                pkts = int(m.group(1)) if m else 1
            elif line.startswith('fn='):
                fn = line[3:].strip()
            elif line.startswith('calls='):
                skip = True	# the next cost line is a call's inclusive cost
            elif line[:1].isdigit() or line[:1] in '+-*':
                parts = line.split()
                if len(parts) >= 2:
                    if not skip:
                        cost[fn] += int(parts[1])
                    skip = False
    total = sum(cost.values())
    print(f'# {desc}: {total / pkts:.1f} instructions per packet')
    for name, c in cost.most_common(15):
        print(f'{c / pkts:9.1f}  {100 * c / total:5.1f}%  {name}')
