#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the dcxlat selftests, in the spirit of the kernel's
# tools/testing/selftests/net/lib.sh and WireGuard's netns.sh. Source it
# from a test script:
#
#	source "$(dirname "$0")/lib.sh"
#	cleanup() { stop_bg; cleanup_all_ns; cleanup_tmp; }
#	trap cleanup EXIT
#	require_cmd ip ping	# exit 4 (skip) when missing
#	setup_ns NS1 NS2	# NS1=ns1-XXXXXX, NS2=ns2-XXXXXX, lo up
#	check "ping answers" ip netns exec "$NS1" ping -c 1 ...
#	check_fail "refused" ...
#	ksft_exit
#
# Output is TAP 13: "ok N - desc" / "not ok N - desc" / "ok N - desc # SKIP
# why", diagnostics as "# ..." lines, the plan "1..N" at the end. Exit
# codes follow kselftest: 0 pass, 1 fail, 4 skip (nothing ran, e.g. a tool
# is missing).

# Variables here are for the scripts that source this file.
# shellcheck disable=SC2034

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4
ksft_skip=$KSFT_SKIP

LIB_DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
DCX_REPO=$(cd "$LIB_DIR/../.." && pwd -P)
# The repo's own build, never an installed copy.
dcx_cli=$DCX_REPO/usr/dcxlat
dcx_ko=${DCX_KO:-$DCX_REPO/dcxlat.ko}	# DCX_KO: a module built elsewhere

ksft_num=0
ksft_npass=0
ksft_nfail=0
ksft_nskip=0
NS_LIST=()
BG_PIDS=()
# Scratch directory for the test's files, removed by cleanup_tmp.
TMPD=$(mktemp -d /tmp/dcxsel.XXXXXX)

# The kernel log and the kernel's build (dmesg_mark, dmesg_clean,
# kernel_has_kasan).
# shellcheck source=kernel_lib.sh
source "$LIB_DIR/kernel_lib.sh"

# DCX_LIB_NO_TAP=1: a script that only wants the helpers (tests/demo.sh).
[ -n "${DCX_LIB_NO_TAP:-}" ] || echo "TAP version 13"

# ---------------------------------------------------------------------------
# TAP accounting

diag() {
	local l
	while IFS= read -r l; do
		echo "# $l"
	done <<<"$*"
}

# Indent a command's output as TAP diagnostics.
diag_cmd() {
	"$@" 2>&1 | sed 's/^/#   /'
}

ksft_ok() {
	ksft_num=$((ksft_num + 1))
	ksft_npass=$((ksft_npass + 1))
	echo "ok $ksft_num - $1"
}

ksft_not_ok() {
	ksft_num=$((ksft_num + 1))
	ksft_nfail=$((ksft_nfail + 1))
	echo "not ok $ksft_num - $1"
}

ksft_skip_test() {
	ksft_num=$((ksft_num + 1))
	ksft_nskip=$((ksft_nskip + 1))
	echo "ok $ksft_num - $1 # SKIP ${2:-}"
}

# log_test DESC RC: one TAP line from a status (0 = pass).
log_test() {
	if [ "$2" -eq 0 ]; then
		ksft_ok "$1"
	else
		ksft_not_ok "$1"
		diag "exit status $2"
	fi
	return "$2"
}

# check DESC CMD...: pass when CMD succeeds; its output is shown on failure.
# CMD runs in this shell (not a subshell), so a function may set variables
# or create namespaces that cleanup will see.
check() {
	local desc=$1 rc
	shift
	"$@" >"$TMPD/check.out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ksft_ok "$desc"
	else
		ksft_not_ok "$desc"
		diag "command: $* (exit $rc)"
		[ -s "$TMPD/check.out" ] && diag "$(cat "$TMPD/check.out")"
	fi
	[ -n "${KSFT_VERBOSE:-}" ] && diag_cmd cat "$TMPD/check.out"
	return "$rc"
}

# check_fail DESC CMD...: pass when CMD fails.
check_fail() {
	local desc=$1 rc
	shift
	"$@" >"$TMPD/check.out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		ksft_ok "$desc"
		return 0
	fi
	ksft_not_ok "$desc"
	diag "command unexpectedly succeeded: $*"
	[ -s "$TMPD/check.out" ] && diag "$(cat "$TMPD/check.out")"
	return 1
}

# ksft_exit: print the plan and exit with the kselftest code.
ksft_exit() {
	echo "1..$ksft_num"
	echo "# totals: pass:$ksft_npass fail:$ksft_nfail skip:$ksft_nskip"
	if [ "$ksft_nfail" -gt 0 ]; then
		exit "$KSFT_FAIL"
	fi
	if [ "$ksft_npass" -eq 0 ] && [ "$ksft_nskip" -gt 0 ]; then
		exit "$KSFT_SKIP"
	fi
	exit "$KSFT_PASS"
}

# ksft_skip_all WHY: nothing can run here.
ksft_skip_all() {
	echo "1..$ksft_num # SKIP $*"
	exit "$KSFT_SKIP"
}

# ksft_bail WHY: a setup step failed, the remaining checks cannot run.
ksft_bail() {
	ksft_not_ok "$*"
	ksft_exit
}

require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || ksft_skip_all "'$c' not found"
	done
}

require_root() {
	[ "$(id -u)" -eq 0 ] || ksft_skip_all "must run as root"
}

# ---------------------------------------------------------------------------
# Waiting without sleeping a fixed time

# busywait TIMEOUT_MS CMD...: retry CMD at once until it succeeds; prints
# the last output. 0 when CMD succeeded in time.
busywait() {
	local timeout=$1 start now out
	shift
	start=$(date +%s%3N)
	while :; do
		if out=$("$@" 2>&1); then
			[ -n "$out" ] && echo "$out"
			return 0
		fi
		now=$(date +%s%3N)
		if [ $((now - start)) -gt "$timeout" ]; then
			[ -n "$out" ] && echo "$out"
			return 1
		fi
	done
}

# slowwait TIMEOUT_S CMD...: the same, 0.1 s between tries (for slower
# things, and kinder to a single-threaded TCG guest).
slowwait() {
	local timeout=$1 start out
	shift
	start=$(date +%s)
	while :; do
		if out=$("$@" 2>&1); then
			[ -n "$out" ] && echo "$out"
			return 0
		fi
		if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
			[ -n "$out" ] && echo "$out"
			return 1
		fi
		sleep 0.1
	done
}

# ---------------------------------------------------------------------------
# Network namespaces

# setup_ns VAR...: create one netns per VAR with a unique name
# (lowercase VAR + random suffix), bring lo up, store the name in VAR.
setup_ns() {
	local var name
	for var in "$@"; do
		name="$(echo "$var" | tr '[:upper:]' '[:lower:]')-$(mktemp -u XXXXXX)"
		if ! ip netns add "$name"; then
			diag "cannot create netns $name"
			return 1
		fi
		ip -n "$name" link set lo up
		ip netns exec "$name" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0
		NS_LIST+=("$name")
		printf -v "$var" '%s' "$name"
	done
}

# cleanup_ns NS...: delete and wait until the names are gone.
cleanup_ns() {
	local ns rc=0
	for ns in "$@"; do
		[ -n "$ns" ] || continue
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del "$ns" 2>/dev/null || true
		slowwait 5 not_ns_exists "$ns" >/dev/null || rc=1
		ns_forget "$ns"
	done
	return "$rc"
}

ns_forget() {
	local n keep=()
	for n in "${NS_LIST[@]}"; do
		[ "$n" = "$1" ] || keep+=("$n")
	done
	NS_LIST=("${keep[@]}")
}

not_ns_exists() {
	! ip netns list | grep -qw -- "$1"
}

cleanup_all_ns() {
	cleanup_ns "${NS_LIST[@]}"
	NS_LIST=()
}

# veth_pair NS_A DEV_A NS_B DEV_B: create the pair and bring both up.
veth_pair() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" &&
		ip -n "$1" link set "$2" up &&
		ip -n "$3" link set "$4" up
}

# ---------------------------------------------------------------------------
# Background helpers (listeners, captures); stop_bg kills only these.

# run_bg CMD...: start CMD in the background, remember its pid in BG_PID.
# Its output goes to BG_LOG (default TMPD/bg.log), never to our stdout: a
# job holding the pipe of a $(...) would block the caller until it ends.
run_bg() {
	"$@" >>"${BG_LOG:-$TMPD/bg.log}" 2>&1 </dev/null &
	BG_PID=$!
	BG_PIDS+=("$BG_PID")
}

stop_bg() {
	local p
	for p in "${BG_PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${BG_PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	BG_PIDS=()
}

# wait_pid TIMEOUT_S PID: wait for a background job to end; 0 if it did.
wait_pid() {
	slowwait "$1" not_alive "$2" >/dev/null || return 1
	wait "$2" 2>/dev/null
	return 0
}

not_alive() {
	! kill -0 "$1" 2>/dev/null
}

# tcp_listening NS PORT / udp_listening NS PORT: a socket is bound.
tcp_listening() {
	ip netns exec "$1" ss -Htln "sport = :$2" | grep -q .
}

udp_listening() {
	ip netns exec "$1" ss -Huln "sport = :$2" | grep -q .
}

# tcpdump_start NS DEV FILE [FILTER...]: capture to FILE (pcap) until
# tcpdump_stop; returns once tcpdump is really listening.
tcpdump_start() {
	local ns=$1 dev=$2 file=$3
	shift 3
	: >"$file.log"
	BG_LOG=$file.log run_bg ip netns exec "$ns" tcpdump --immediate-mode \
		-U -n -i "$dev" -w "$file" "$@"
	TCPDUMP_PID=$BG_PID
	slowwait 20 grep -q "listening on" "$file.log"
}

tcpdump_stop() {
	kill "$TCPDUMP_PID" 2>/dev/null
	wait "$TCPDUMP_PID" 2>/dev/null
	return 0
}

# pcap_grep FILE REGEX: the decoded capture has a matching line.
pcap_grep() {
	tcpdump -n -r "$1" 2>/dev/null | grep -Eq -- "$2"
}

# pcap_wait FILE REGEX [TIMEOUT_S]: wait for a matching packet in a capture
# still running (tcpdump writes each packet at once with -U); on failure
# show what was captured.
pcap_wait() {
	slowwait "${3:-10}" pcap_grep "$1" "$2" && return 0
	echo "no packet matching '$2' in $1; captured:"
	tcpdump -n -r "$1" 2>&1 | tail -n 20
	return 1
}

# ---------------------------------------------------------------------------
# dcxlat

# dcx_load_module: install the repo's dcxlat.ko for the running kernel and
# modprobe it; a no-op when it is loaded already.
dcx_load_module() {
	local kver extra vm
	[ -d /sys/module/dcxlat ] && return 0
	kver=$(uname -r)
	if [ ! -f "$dcx_ko" ]; then
		echo "no $dcx_ko: build it with 'make' first"
		return 1
	fi
	vm=$(modinfo -F vermagic "$dcx_ko" 2>/dev/null)
	case "$vm" in
	"$kver "*) ;;
	*)
		echo "$dcx_ko is built for '${vm%% *}', running $kver"
		return 1 ;;
	esac
	extra=/lib/modules/$kver/extra
	# run-vm.sh pre-installs the module with fresh indexes; depmod -a
	# (minutes under TCG) only when that copy is missing or stale.
	if ! cmp -s "$dcx_ko" "$extra/dcxlat.ko" ||
		! grep -q '^extra/dcxlat.ko:' "/lib/modules/$kver/modules.dep"; then
		mkdir -p "$extra" &&
			install -m 0644 "$dcx_ko" "$extra/dcxlat.ko" &&
			depmod -a "$kver" || return 1
	fi
	modprobe dcxlat
}

dcx_unload_module() {
	[ -d /sys/module/dcxlat ] || return 0
	modprobe -r dcxlat
}

dcx_module_loaded() {
	[ -d /sys/module/dcxlat ]
}

# dcx_loaded_is FILE.ko: the loaded dcxlat is FILE's build (srcversion).
dcx_loaded_is() {
	local want got
	want=$(modinfo -F srcversion "$1") &&
		got=$(cat /sys/module/dcxlat/srcversion) || return 1
	echo "loaded srcversion '$got', $1 has '$want'"
	[ -n "$want" ] && [ "$got" = "$want" ]
}

# dcx NS ARGS...: run the CLI inside netns NS.
dcx() {
	local ns=$1
	shift
	"$dcx_cli" -n "$ns" "$@"
}

# dcx_stat NS INSTANCE COUNTER: print one counter (0 when absent).
dcx_stat() {
	"$dcx_cli" -j -n "$1" -i "$2" stats show |
		jq -r --arg c "$3" '.[$c] // 0'
}

# dcx_require_built: the module and the CLI must exist; a missing build is
# a failure, not a skip.
dcx_require_built() {
	[ -f "$dcx_ko" ] || ksft_bail "dcxlat.ko is built ($dcx_ko)"
	[ -x "$dcx_cli" ] || ksft_bail "the CLI is built ($dcx_cli)"
}

# dcx_topo_basic: the basic topology (picture in basic_xlat.sh): sets
# NS6, XLAT, NS4. The translator instance itself is left to the caller.
# A network-specific prefix: RFC 6052 3.1 forbids the well-known prefix
# 64:ff9b::/96 for non-global IPv4 addresses such as these TEST-NETs.
DCX_PFX=2001:db8:64::
DCX_H6=${DCX_PFX}192.0.2.6	# ns6, IPv4 view 192.0.2.6
DCX_H6_4=192.0.2.6
DCX_H4=198.51.100.2		# ns4, IPv6 view 2001:db8:64::198.51.100.2
DCX_H4_6=${DCX_PFX}198.51.100.2

dcx_topo_basic() {
	setup_ns NS6 XLAT NS4 || return 1
	veth_pair "$NS6" v6 "$XLAT" x6 || return 1
	veth_pair "$XLAT" x4 "$NS4" v4 || return 1

	ip -n "$NS6" addr add 2001:db8:6::2/64 dev v6 nodad &&
	ip -n "$NS6" addr add "$DCX_H6/128" dev lo nodad &&
	ip -n "$NS6" -6 route add "$DCX_PFX/96" via 2001:db8:6::1 \
		src "$DCX_H6" || return 1

	ip netns exec "$XLAT" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 || return 1
	ip -n "$XLAT" addr add 2001:db8:6::1/64 dev x6 nodad &&
	ip -n "$XLAT" addr add 198.51.100.1/24 dev x4 &&
	ip -n "$XLAT" -6 route add "${DCX_PFX}192.0.2.0/120" \
		via 2001:db8:6::2 || return 1

	ip -n "$NS4" addr add "$DCX_H4/24" dev v4 &&
	ip -n "$NS4" route add default via 198.51.100.1
}

cleanup_tmp() {
	[ -n "${TMPD:-}" ] && rm -rf "$TMPD"
}

# ---------------------------------------------------------------------------
# EAM table and settings (the CLI's eamt and global objects)

# dcx_eam_add NS INSTANCE V4[/LEN] V6[/LEN]: one RFC 7757 entry.
dcx_eam_add() {
	"$dcx_cli" -n "$1" -i "$2" eamt add "$3" "$4"
}

# dcx_global_set NS INSTANCE KEY VALUE: one instance setting.
dcx_global_set() {
	"$dcx_cli" -n "$1" -i "$2" global set "$3" "$4"
}

# dcx_cli_has OBJECT: this build of the CLI knows OBJECT (eamt, global).
dcx_cli_has() {
	"$dcx_cli" help 2>&1 | grep -qw -- "$1"
}

# dcx_counter_moved NS INSTANCE COUNTER BEFORE MIN: it grew by >= MIN.
dcx_counter_moved() {
	local now
	now=$(dcx_stat "$1" "$2" "$3") || return 1
	echo "$3: $4 -> $now (want +$5)"
	[ $((now - $4)) -ge "$5" ]
}

# netns_named NAME: create netns NAME (an exact name, e.g. "clat" as in
# the blog a test follows) with lo up; cleaned up like setup_ns ones.
netns_named() {
	if ip netns list | grep -qw -- "$1"; then
		echo "netns $1 exists already"
		return 1
	fi
	ip netns add "$1" || return 1
	ip -n "$1" link set lo up
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
	NS_LIST+=("$1")
}

# tcp_peer_server NS ADDR PORT: serve one connection at a time, answering
# with the peer address the application sees (what a server logs).
dcx_peer_server_py='
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(8)
while True:
    c, peer = s.accept()
    c.sendall((peer[0] + "\n").encode())
    c.close()
'
tcp_peer_server() {
	run_bg ip netns exec "$1" /usr/bin/python3 -c "$dcx_peer_server_py" \
		"$2" "$3"
	slowwait 20 tcp_listening "$1" "$3"
}

# tcp_peer_ask NS ADDR PORT [SRC]: print what the server saw as our address.
dcx_peer_ask_py='
import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.settimeout(10)
if len(sys.argv) > 3:
    s.bind((sys.argv[3], 0))
s.connect((sys.argv[1], int(sys.argv[2])))
print(s.makefile().readline().strip())
'
tcp_peer_ask() {
	ip netns exec "$1" /usr/bin/python3 -c "$dcx_peer_ask_py" "${@:2}"
}

# dcx_tcp_sha NAME LNS LADDR CNS CADDR PORT: 2 MB, sha256 equal both ends.
dcx_tcp_sha() {
	local name=$1 lns=$2 laddr=$3 cns=$4 caddr=$5 port=$6 lf cf pid a b
	local src=$TMPD/$name.src dst=$TMPD/$name.dst
	case "$laddr" in *:*) lf=TCP6-LISTEN; laddr="[$laddr]" ;;
	*) lf=TCP4-LISTEN ;; esac
	case "$caddr" in *:*) cf=TCP6; caddr="[$caddr]" ;; *) cf=TCP4 ;; esac
	head -c 2097152 /dev/urandom >"$src"
	run_bg ip netns exec "$lns" socat -u "$lf:$port,bind=$laddr,reuseaddr" \
		"CREATE:$dst"
	pid=$BG_PID
	slowwait 20 tcp_listening "$lns" "$port" || return 1
	ip netns exec "$cns" timeout 120 socat -u "OPEN:$src" \
		"$cf:$caddr:$port,connect-timeout=10" || return 1
	wait_pid 60 "$pid" || return 1
	a=$(sha256sum <"$src" | cut -d' ' -f1)
	b=$(sha256sum <"$dst" 2>/dev/null | cut -d' ' -f1)
	echo "sent $a got $b"
	[ "$a" = "$b" ]
}

# expect RC PATTERN DESC CMD...: CMD exits RC and its output (stdout and
# stderr) matches the extended regex PATTERN ("" matches anything).
expect() {
	local want=$1 pat=$2 desc=$3 out rc
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want" ] &&
	   { [ -z "$pat" ] || grep -qE -- "$pat" <<<"$out"; }; then
		ksft_ok "$desc"
		return 0
	fi
	ksft_not_ok "$desc"
	diag "command: $*"
	diag "exit $rc (want $want), output:"
	diag "$(head -c 2000 <<<"$out")"
	[ -n "$pat" ] && diag "wanted pattern: $pat"
	return 1
}

# expect_json DESC JQ_FILTER CMD...: CMD succeeds, its output is JSON
# (python3 -m json.tool) and passes jq -e FILTER.
expect_json() {
	local desc=$1 filter=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 0 ] && python3 -m json.tool >/dev/null 2>&1 <<<"$out" &&
	   jq -e "$filter" >/dev/null 2>&1 <<<"$out"; then
		ksft_ok "$desc"
		return 0
	fi
	ksft_not_ok "$desc"
	diag "command: $* (exit $rc)"
	diag "output: $(head -c 2000 <<<"$out")"
	diag "jq filter: $filter"
	return 1
}
