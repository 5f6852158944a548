#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apply's parse on the host (no VM, no module): bench/config_parse.c, the
# part of "dcxlat apply FILE" before the socket (read, JSON, every check),
# built against one or more trees' usr/ and run on the same file.
#
#   bench/config_parse.sh [N] [TREE...]
#
# N entries (default 1,000,000), as "dcxlat show" writes them (pretty
# JSON, /32 <-> /128, in order; DCX_PARSE_RANDOM=1: random ones in random
# order, as bench/gen_eams.py makes them), in a temporary file. TREE: a source tree
# (default: this one; for a before, e.g. "git archive main usr kmod
# VERSION | tar -x -C /tmp/before"); its usr/ is built first. Per tree,
# one line: wall seconds, user, sys, max RSS (/usr/bin/time -v), and with
# DCX_PARSE_CALLGRIND=1 the instructions (valgrind --tool=callgrind,
# "Collected"). DCX_PARSE_ROUNDS (default 3) runs per tree, in turn.
set -eu
N=${1:-1000000}
shift || true
DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
[ $# -gt 0 ] || set -- "$DIR"
W=$(mktemp -d /tmp/dcxparse.XXXXXX)
trap 'rm -rf "$W"' EXIT
PC="libnl-genl-3.0 json-c yajl libcrypto"

python3 - "$W/cfg.json" "$N" "${DCX_PARSE_RANDOM:-0}" <<'PY'
import ipaddress, random, sys
n, rand = int(sys.argv[2]), sys.argv[3] == "1"
rnd = random.Random(6)
seen = set()
base6 = int(ipaddress.IPv6Address('2001:db8:e000::'))
with open(sys.argv[1], "w") as f:
    f.write('{\n  "instance": "default",\n  "pool6": null,\n  "eamt": [\n')
    for i in range(n):
        if rand:
            # gen_eams.py's kind: random /32s, random 2001:db8:e000::/36 /128s
            a = rnd.getrandbits(32)
            while a >> 24 in (0, 10, 127, 192, 198) or a >> 24 >= 224 or a in seen:
                a = rnd.getrandbits(32)
            seen.add(a)
            v4 = str(ipaddress.IPv4Address(a))
            v6 = str(ipaddress.IPv6Address(base6 | rnd.getrandbits(92)))
        else:
            hi, lo = i >> 16, i & 0xffff
            v4 = "%d.%d.%d.%d" % (10 + (i >> 24), (i >> 16) & 255,
                                  (i >> 8) & 255, i & 255)
            v6 = ("2001:db8:0:%x::%x" % (hi, lo)) if hi else ("2001:db8::%x" % lo)
        f.write('    "%s/32 %s/128"%s\n' % (v4, v6, "," if i + 1 < n else ""))
    f.write('  ],\n  "bindings": [ ],\n  "spaces": [ ]\n}\n')
PY
echo "config_parse: $N entries, $(stat -c %s "$W/cfg.json") bytes"

i=0
for t in "$@"; do
	i=$((i + 1))
	nice -n 19 make -s -C "$t/usr" >/dev/null
	objs=$(ls "$t"/usr/*.o | grep -v '/main\.o$')
	# shellcheck disable=SC2086
	cc -O2 -g -I"$t/usr" -I"$t/kmod" $(pkg-config --cflags $PC) \
		-o "$W/parse$i" "$DIR/bench/config_parse.c" $objs \
		$(pkg-config --libs $PC)
done
for r in $(seq "${DCX_PARSE_ROUNDS:-3}"); do
	i=0
	for t in "$@"; do
		i=$((i + 1))
		/usr/bin/time -v "$W/parse$i" "$W/cfg.json" >"$W/out" \
			2>"$W/time" || { cat "$W/time"; exit 1; }
		awk -v t="$t" -v r="$r" -v out="$(cat "$W/out")" -F': ' '
			/Elapsed \(wall/ { n = split($2, a, ":"); w = a[n] + 60 * a[n-1] }
			/User time/ { u = $2 }
			/System time/ { s = $2 }
			/Maximum resident/ { m = $2 }
			END { printf "%s round %d: %.2f s wall, user %.2f, sys %.2f, max RSS %.1f MB (%s)\n", t, r, w, u, s, m / 1024, out }' "$W/time"
	done
done
if [ "${DCX_PARSE_CALLGRIND:-0}" = 1 ]; then
	i=0
	for t in "$@"; do
		i=$((i + 1))
		valgrind --tool=callgrind --callgrind-out-file="$W/cg$i" \
			"$W/parse$i" "$W/cfg.json" 2>&1 >/dev/null |
			sed -n "s|.*Collected : |$t: instructions (Ir) |p"
	done
fi
