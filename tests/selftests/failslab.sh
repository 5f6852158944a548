#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ksft-timeout: 3600
#
# Allocation failures over the netlink and packet paths (issue 13 item
# 5), with the kernel's failslab (Documentation/fault-injection): only on
# a kernel with CONFIG_FAILSLAB and debugfs (the debug lane,
# tests/debug/); skipped elsewhere. Failures hit only the tasks that ask
# for them (task-filter + /proc/self/make-it-fail), with GFP_KERNEL too
# (ignore-gfp-wait off), so the rest of the VM is left alone:
#   netlink: the netlink fuzzer's requests (every command, bulk EAM,
#       transactions, dumps, garbage) from a task that fails a share of
#       its slab allocations (nlfuzz --make-it-fail);
#   packets: frames written into a TAP by a task that fails allocations:
#       tun_get_user() runs the receive path, PREROUTING and dcxlat in
#       that task's context (bottom halves off, not in a softirq), so the
#       translator's own allocations (skb head, route, ICMP errors,
#       reassembly) fail too.
# The failing task must never touch the VM's 9p root: a 9p clunk whose
# allocation fails frees the fid in the guest but not on qemu's side, and
# every later walk that reuses that (lowest free) fid number gets EINVAL,
# so every exec of the VM fails. So each failing task is a forked child
# that shares all its files with its parent (its exit, even a crash with
# the switch on, closes no last reference), has its pages locked in (no
# page-in over 9p) and opens the switch before setting it (clearing it
# allocates nothing); its output waits until the switch is off.
# Afterwards, with failures off: no kernel warning (the FAULT_INJECTION
# notices are the expected ones and match no problem pattern), the 9p
# root still runs programs, the instance still answers and takes a whole
# configuration, no transaction is left open, failures were injected in
# each phase (counted exactly by failslab's "times" budget), and kmemleak
# finds no suspect with a function of the module in its backtrace
# (guest.sh's scan after the suite fails the lane on any suspect at all).
#
# Knobs: DCX_FAILSLAB_PROB (percent, default 10), DCX_FAILSLAB_REQUESTS
# (netlink requests, default 3000), DCX_FAILSLAB_PKTS (frames, default 20000).

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/sink_lib.sh"

FS=/sys/kernel/debug/failslab
KML=/sys/kernel/debug/kmemleak
PROB=${DCX_FAILSLAB_PROB:-10}
NLREQ=${DCX_FAILSLAB_REQUESTS:-3000}
PKTS=${DCX_FAILSLAB_PKTS:-20000}
I=f

# failslab's "times" budget: one less per injected failure, so the
# difference is the exact count (the kernel log's notices are rate-limited).
BUDGET=1000000000
fs_set() { echo "$2" >"$FS/$1"; }
fs_injected() { echo $((BUDGET - $(cat "$FS/times"))); }

cleanup() {
	[ -d "$FS" ] && fs_set probability 0 2>/dev/null
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
[ "${DCX_FAILSLAB:-0}" = 1 ] ||
	ksft_skip_all "opt-in: DCX_FAILSLAB=1 with tests/debug/run.sh (docs/testing.md)"
[ -d "$FS" ] || ksft_skip_all "no $FS (CONFIG_FAILSLAB, debugfs): run it on the debug kernel"
require_cmd ip tc python3 jq
dcx_require_built

x() { dcx "$XLAT" -i "$I" "$@"; }

failslab_on() {
	fs_set task-filter Y && fs_set ignore-gfp-wait N &&
	fs_set cache-filter N && fs_set interval 1 && fs_set times "$BUDGET" &&
	fs_set space 0 && fs_set verbose 1 && fs_set probability "$PROB"
}

topo() {
	sink_topo &&
	ip -n "$XLAT" -6 route add 2001:db8:64::/96 via 2001:db8:6::2 &&
	ip -n "$XLAT" link add d0 type dummy
}

# The whole configuration every round applies, and its EAM batch.
write_files() {
	python3 - "$TMPD" <<'EOF'
import json, sys
d = sys.argv[1]
eam = ["10.3.%d.%d/32 2001:db8:f3::%x/128" % (k // 256, k % 256, k)
       for k in range(200)]
open(d + "/batch", "w").write("\n".join(eam[:50]) + "\n")
cfg = {"settings": {"hairpin": True, "role": "siit"},
       "pool6": "2001:db8:64::/96",
       "eamt": ["192.0.2.6/32 2001:db8:e6::6/128"] + eam[50:],
       "spaces": [{"name": "s%d" % i, "id": i,
                   "prefix": "2001:db8:70:%x::/96" % i,
                   "bindings": [{"dev": "d0", "prefix4": "10.%d.0.0/16" % i}],
                   "eamt": ["10.%d.0.1/32 2001:db8:71:%x::1/128" % (i, i)]}
                  for i in range(1, 5)]}
json.dump(cfg, open(d + "/cfg.json", "w"))
EOF
}

# The netlink phase: the netlink fuzzer (tests/nlfuzz) with --make-it-fail:
# it resolves the family, then its failing child (see the top) sends NLREQ
# structured and garbage requests (every command, bulk EAM, transactions,
# dumps). Its model checks fail by design under injected failures; what
# counts here is that the child ran to its end (all NLREQ requests, an
# exit, not a signal: its own allocations are retried, nlfuzz.c's
# fz_xrealloc) and what the kernel did (log, leaks, a working instance).
# One run of the debug lane (2026-12-07) injected 13 failures here against
# 3316 the run before: the child had died early (an abort on a userspace
# allocation refused by failslab) and the script only asked for "some
# requests"; hence the child's own line and the floor in after_phase.
netlink_faults() {
	local fz=$DCX_REPO/tests/nlfuzz/nlfuzz rc n
	[ -x "$fz" ] || make -s -C "$DCX_REPO/tests/nlfuzz" >/dev/null 2>&1
	cp "$fz" "$TMPD/nlfuzz" || return 1
	ip netns exec "$XLAT" "$TMPD/nlfuzz" --make-it-fail --workers 0 \
		--no-unpriv --no-userns --requests "$NLREQ" --seed 1 \
		>"$TMPD/nl.out" 2>&1
	rc=$?
	echo "nlfuzz --make-it-fail: exit $rc (model checks fail by design)"
	grep -E '^nlfuzz: (seed|result|refusals|make-it-fail)|out of memory|socket' \
		"$TMPD/nl.out" | head -n 12
	grep -qE "^nlfuzz: make-it-fail child exit [01]$" "$TMPD/nl.out" ||
		return 1
	n=$(sed -n 's/^nlfuzz: make-it-fail child: \([0-9]*\) requests.*/\1/p' \
		"$TMPD/nl.out")
	[ "${n:-0}" -ge "$NLREQ" ]
}
# The frames the TAP writer sends (scapy), one per line in hex.
write_frames() {
	/usr/bin/python3 - "$1" >"$TMPD/frames" <<'EOF'
import sys
from scapy.all import Ether, IP, IPv6, UDP, ICMP, ICMPv6EchoRequest, \
    ICMPv6PacketTooBig, Raw, fragment, raw
mac = sys.argv[1]
e = Ether(dst=mac, src="02:00:00:00:00:01")
v4, v6 = "198.51.100.2", "2001:db8:e6::6"
pkts = [
    e / IP(src=v4, dst="192.0.2.6") / UDP(sport=1, dport=9) / Raw(b"a" * 40),
    e / IP(src=v4, dst="192.0.2.6", flags="DF") / UDP(dport=9) / Raw(b"b" * 1400),
    e / IP(src=v4, dst="192.0.2.6", ttl=1) / UDP(dport=9) / Raw(b"c" * 20),
    e / IP(src=v4, dst="192.0.2.6") / ICMP() / Raw(b"d" * 56),
    e / IP(src=v4, dst="192.0.2.6") / ICMP(type=3, code=4, nexthopmtu=1200) /
        IP(src="192.0.2.6", dst=v4) / UDP(sport=9, dport=1),
    e / IPv6(src=v6, dst="2001:db8:64::c633:6402") / UDP(dport=9) / Raw(b"e" * 40),
    e / IPv6(src=v6, dst="2001:db8:64::c633:6402", hlim=1) / UDP(dport=9),
    e / IPv6(src=v6, dst="2001:db8:64::c633:6402") / ICMPv6EchoRequest() /
        Raw(b"f" * 1400),
    e / IPv6(src=v6, dst="2001:db8:64::c633:6402") / ICMPv6PacketTooBig(mtu=1280) /
        IPv6(src="2001:db8:64::c633:6402", dst=v6) / UDP(sport=9, dport=1),
    e / IPv6(src=v6, dst="2001:db8:64::c000:206") / UDP(dport=9) / Raw(b"h" * 30),
]
pkts += [e / f for f in fragment(IP(src=v4, dst="192.0.2.6") / ICMP() /
                                  Raw(b"g" * 3000), fragsize=1000)]
for p in pkts:
    print(raw(p).hex())
EOF
}

# tap_py N FRAMES: open TAP ftap, then a failing child (see the top)
# writes the frames round robin, N writes, and reports through a pipe;
# prints "written W refused R".
tap_py='
import ctypes, fcntl, os, struct, sys, time
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH22x", b"ftap", 0x0002 | 0x1000))
frames = [bytes.fromhex(l) for l in open(sys.argv[2]) if l.strip()]
seq = [frames[k % len(frames)] for k in range(int(sys.argv[1]))]
libc = ctypes.CDLL(None, use_errno=True)
r, w = os.pipe()
time.sleep(1)
pid = os.fork()
if pid == 0:
    st = 1
    try:
        mif = os.open("/proc/self/make-it-fail", os.O_WRONLY)
        if libc.mlockall(3):
            raise OSError(ctypes.get_errno(), "mlockall")
        ok = bad = 0
        os.write(mif, b"1")
        for f in seq:
            try:
                os.write(fd, f)
                ok += 1
            except OSError:
                bad += 1
        for _ in range(1000):
            try:
                if os.write(mif, b"0") == 1:
                    break
            except OSError:
                pass
        os.write(w, b"written %d refused %d\n" % (ok, bad))
        st = 0
    finally:
        os._exit(st)
os.close(w)
out = os.read(r, 256).decode()
_, st = os.waitpid(pid, 0)
print(out.strip() or "no report", "(child status %#x)" % st)
sys.exit(0 if st == 0 else 1)
'

packet_faults() {
	local mac out
	tun_ready && ip -n "$XLAT" tuntap add dev ftap mode tap &&
		ip -n "$XLAT" link set ftap up || return 1
	mac=$(ip -n "$XLAT" -br link show ftap | awk '{print $3}')
	write_frames "$mac" || return 1
	out=$(ip netns exec "$XLAT" python3 -c "$tap_py" "$PKTS" \
		"$TMPD/frames" 2>&1)
	echo "$out"
	grep -q "^written [1-9]" <<<"$out"
}

# after_phase NAME FLOOR: at least FLOOR failures were injected in it
# (PROB % of its requests or frames, one allocation each, when each needs
# several: at 10 % the full runs injected 3316 for 3000 requests and
# 8458-8778 for 20000 frames), and the VM's
# 9p root still runs programs (a new exec walks to a new 9p fid).
after_phase() {
	local n
	n=$(fs_injected)
	log_test "$1: $((n - injected)) allocation failures injected (>= $2)" \
		"$([ $((n - injected)) -ge "$2" ]; echo $?)"
	injected=$n
	check "$1: the 9p root still runs programs" /usr/bin/env true ||
		ksft_bail "the VM's 9p root is broken (EINVAL on every exec?)"
}

# kmemleak suspects whose backtrace has a function of the module.
kmemleak_ours() {
	[ -w "$KML" ] || { echo "no $KML"; return 0; }
	sleep 5
	echo scan >"$KML"
	sleep 5
	echo scan >"$KML"
	awk '/^unreferenced object/ { if (o) print b; b = $0; o = 0; next }
		{ b = b "\n" $0 } /\[dcxlat\]/ { o = 1 }
		END { if (o) print b }' "$KML" >"$TMPD/leaks"
	[ -s "$TMPD/leaks" ] || return 0
	cat "$TMPD/leaks"
	return 1
}

dmesg_mark
injected=0
check "module loads" dcx_load_module || ksft_bail "module loads"
check "topology" topo || ksft_bail "topology"
check "files" write_files || ksft_bail "files"
check "instance $I with the configuration" x apply "$TMPD/cfg.json" ||
	ksft_bail "instance"
check "failslab on for the test's tasks ($PROB %)" failslab_on ||
	ksft_bail "failslab settings"
check "netlink: the failing child sent all $NLREQ requests and exited" \
	netlink_faults
diag "$(cat "$TMPD/check.out")"
after_phase netlink $((NLREQ * PROB / 100))
check "packets through a TAP under allocation failures" packet_faults
diag "$(cat "$TMPD/check.out")"
after_phase packets $((PKTS * PROB / 100))
fs_set probability 0

check "no transaction left open: apply works" x apply "$TMPD/cfg.json"
expect_json "the configuration is the file's" \
	'.pool6 == "2001:db8:64::/96" and (.spaces | length) == 4 and
	 (.eamt | length) == 151' x -j show
check "a second instance can be made and deleted" \
	bash -c "$dcx_cli -n $XLAT instance add f3 &&
		$dcx_cli -n $XLAT instance del f3"
dcx "$XLAT" instance del f2 >/dev/null 2>&1
check "instance deleted" dcx "$XLAT" instance del "$I"
check "kernel log clean" dmesg_clean
cleanup_all_ns
check "module unloads" dcx_unload_module
check "kmemleak: no suspect from dcxlat" kmemleak_ours
ksft_exit
