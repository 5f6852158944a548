#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Basic SIIT through dcxlat: ping, TCP and UDP in both directions over one
# translator with the network-specific prefix 2001:db8:64::/96 (RFC 6052;
# the well-known prefix would refuse these non-global TEST-NET addresses).
#
#  +------------------------------+     +------------------------------------+     +---------------------+
#  | ns6                          |     | xlat      pool6 2001:db8:64::/96   |     | ns4                 |
#  |  lo 2001:db8:64::192.0.2.6   |     |                                    |     |                     |
#  |  v6 2001:db8:6::2/64 ---------------- x6 2001:db8:6::1/64              |     |                     |
#  |                              |     |            x4 198.51.100.1/24 ------- v4 198.51.100.2/24  |
#  | 2001:db8:64::/96 via ::1     |     | 2001:db8:64::192.0.2.0/120 via ::2 |     | default via .1      |
#  |   src 2001:db8:64::192.0.2.6 |     |                                    |     |                     |
#  +------------------------------+     +------------------------------------+     +---------------------+
#
# ns6 is the IPv6 host 192.0.2.6 is mapped to (2001:db8:64::192.0.2.6); ns4 is
# the IPv4 host 198.51.100.2, seen from ns6 as 2001:db8:64::198.51.100.2.

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

PFX=$DCX_PFX
H6=$DCX_H6
H4_6=$DCX_H4_6
H4=$DCX_H4
H6_4=$DCX_H6_4

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip ping socat tcpdump jq sha256sum head ss modinfo
dcx_require_built

# ping6_ok: three echo replies from ns4 through the translator.
ping6_ok() {
	ip netns exec "$NS6" ping -6 -n -c 3 -i 0.3 -w 15 "$H4_6"
}

ping4_ok() {
	ip netns exec "$NS4" ping -4 -n -c 3 -i 0.3 -w 15 "$H6_4"
}

counter_at_least() {
	local v
	v=$(dcx_stat "$XLAT" default "$1") || return 1
	echo "$1 = $v (want >= $2)"
	[ "$v" -ge "$2" ]
}

# tcp_transfer NAME LISTEN_NS LISTEN_ADDR CLIENT_NS CONNECT_ADDR PORT
# 4 MB of random data, compared by sha256 on both sides.
tcp_transfer() {
	local name=$1 lns=$2 laddr=$3 cns=$4 caddr=$5 port=$6 lfam cfam
	local src=$TMPD/$name.send dst=$TMPD/$name.recv pid a b
	case "$laddr" in *:*) lfam=TCP6-LISTEN ;; *) lfam=TCP4-LISTEN ;; esac
	case "$caddr" in *:*) cfam=TCP6; caddr="[$caddr]" ;; *) cfam=TCP4 ;; esac
	case "$laddr" in *:*) laddr="[$laddr]" ;; esac

	head -c 4194304 /dev/urandom >"$src" || return 1
	run_bg ip netns exec "$lns" socat -u \
		"$lfam:$port,bind=$laddr,reuseaddr" "CREATE:$dst"
	pid=$BG_PID
	slowwait 20 tcp_listening "$lns" "$port" || {
		echo "listener on $laddr:$port did not come up"
		return 1
	}
	ip netns exec "$cns" timeout 120 socat -u "OPEN:$src" \
		"$cfam:$caddr:$port,connect-timeout=10" || {
		echo "client to $caddr:$port failed"
		return 1
	}
	wait_pid 60 "$pid" || {
		echo "listener did not finish"
		return 1
	}
	a=$(sha256sum <"$src" | cut -d' ' -f1)
	b=$(sha256sum <"$dst" 2>/dev/null | cut -d' ' -f1)
	echo "sent $(stat -c %s "$src") bytes sha256 $a"
	echo "got  $(stat -c %s "$dst" 2>/dev/null) bytes sha256 $b"
	[ "$a" = "$b" ]
}

# udp_exchange NAME LISTEN_NS LISTEN_ADDR CLIENT_NS CONNECT_ADDR PORT
# Five datagrams with distinct payloads; all must arrive, intact.
udp_exchange() {
	local name=$1 lns=$2 laddr=$3 cns=$4 caddr=$5 port=$6 lfam cfam i pid
	local dst=$TMPD/$name.udp want=$TMPD/$name.want
	case "$laddr" in *:*) lfam=UDP6-RECV; laddr="[$laddr]" ;;
	*) lfam=UDP4-RECV ;; esac
	case "$caddr" in *:*) cfam=UDP6-SENDTO; caddr="[$caddr]" ;;
	*) cfam=UDP4-SENDTO ;; esac

	: >"$dst"
	run_bg ip netns exec "$lns" socat -u "$lfam:$port,bind=$laddr" \
		"OPEN:$dst,append"
	pid=$BG_PID
	slowwait 20 udp_listening "$lns" "$port" || {
		echo "UDP listener on $laddr:$port did not come up"
		return 1
	}
	: >"$want"
	for i in 1 2 3 4 5; do
		echo "dcxlat-$name-datagram-$i-$RANDOM$RANDOM" >>"$want"
		tail -n 1 "$want" | ip netns exec "$cns" \
			socat -u - "$cfam:$caddr:$port" || return 1
	done
	slowwait 20 lines_at_least "$dst" 5
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	echo "received $(wc -l <"$dst") datagrams:"
	cat "$dst"
	cmp <(sort "$want") <(sort "$dst")
}

lines_at_least() {
	[ "$(wc -l <"$1")" -ge "$2" ]
}

# --- setup -----------------------------------------------------------------

check "dcxlat module loads" dcx_load_module || ksft_exit
check "topology set up" dcx_topo_basic || ksft_exit

check "instance add default" dcx "$XLAT" instance add default ||
	ksft_exit
check "pool6 set 2001:db8:64::/96" dcx "$XLAT" -i default pool6 set "$PFX/96"
check "pool6 show lists 2001:db8:64::/96" \
	bash -c "'$dcx_cli' -n '$XLAT' -i default pool6 show | grep -F '2001:db8:64::/96'"
check "instance show lists default" \
	bash -c "'$dcx_cli' -n '$XLAT' instance show | grep -w default"
check "stats reset" dcx "$XLAT" -i default stats reset

# --- ping, IPv6 client -> IPv4 server --------------------------------------

if tcpdump_start "$NS4" v4 "$TMPD/ns4.pcap" icmp; then
	check "ping ns6 -> 2001:db8:64::198.51.100.2 (IPv6 to IPv4)" ping6_ok
	check "ns4 sees IPv4 ICMP echo from 192.0.2.6 (tcpdump)" \
		pcap_wait "$TMPD/ns4.pcap" \
		"IP 192\.0\.2\.6 > 198\.51\.100\.2: ICMP echo request"
	check "ns4 sends IPv4 ICMP echo reply to 192.0.2.6 (tcpdump)" \
		pcap_wait "$TMPD/ns4.pcap" \
		"IP 198\.51\.100\.2 > 192\.0\.2\.6: ICMP echo reply"
	tcpdump_stop
else
	ksft_not_ok "tcpdump in ns4 starts"
fi
check "counter xlat-6to4 counts the echo requests" counter_at_least xlat-6to4 3
check "counter xlat-4to6 counts the echo replies" counter_at_least xlat-4to6 3

# --- ping, IPv4 client -> IPv6 server --------------------------------------

if tcpdump_start "$NS6" v6 "$TMPD/ns6.pcap" icmp6; then
	check "ping ns4 -> 192.0.2.6 (IPv4 to IPv6)" ping4_ok
	# tcpdump prints 2001:db8:64::198.51.100.2 as 2001:db8:64::c633:6402.
	check "ns6 sees ICMPv6 echo from 2001:db8:64::198.51.100.2 (tcpdump)" \
		pcap_wait "$TMPD/ns6.pcap" \
		"IP6 2001:db8:64::c633:6402 > 2001:db8:64::c000:206: ICMP6, echo request"
	tcpdump_stop
else
	ksft_not_ok "tcpdump in ns6 starts"
fi

# --- TCP and UDP -----------------------------------------------------------

check "TCP 4 MB ns6 -> ns4, sha256 equal" \
	tcp_transfer tcp64 "$NS4" "$H4" "$NS6" "$H4_6" 5001
check "TCP 4 MB ns4 -> ns6, sha256 equal" \
	tcp_transfer tcp46 "$NS6" "$H6" "$NS4" "$H6_4" 5002
check "UDP 5 datagrams ns6 -> ns4 arrive intact" \
	udp_exchange udp64 "$NS4" "$H4" "$NS6" "$H4_6" 5003
check "UDP 5 datagrams ns4 -> ns6 arrive intact" \
	udp_exchange udp46 "$NS6" "$H6" "$NS4" "$H6_4" 5004
stop_bg

# --- IPv6 to the translator's own IPv4 address ----------------------------

# 2001:db8:64::198.51.100.1 is xlat's x4 address through pool6. The
# translator acts as a router (RFC 7915 1.4): it does not deliver such a
# packet to itself, whose answer would leave as IPv4 to 192.0.2.6 (the
# route below is that way out): dropped, counted as to-self4.
pcap_empty() {
	tcpdump -n -r "$1" 2>/dev/null | tee /dev/stderr | grep -q . && return 1
	return 0
}
ip -n "$XLAT" route add 192.0.2.0/24 via "$H4"
if tcpdump_start "$NS4" v4 "$TMPD/self.pcap" src host 198.51.100.1; then
	check_fail "ping ns6 -> ${PFX}198.51.100.1 (xlat's own IPv4): no answer" \
		ip netns exec "$NS6" ping -6 -n -c 3 -i 0.3 -w 3 \
		"${PFX}198.51.100.1"
	sleep 0.5
	tcpdump_stop
	check "nothing from 198.51.100.1 left on the IPv4 side" \
		pcap_empty "$TMPD/self.pcap"
else
	ksft_not_ok "tcpdump in ns4 starts"
fi
check "counter to-self4 counts the 3 echo requests" counter_at_least to-self4 3
ip -n "$XLAT" route del 192.0.2.0/24

# An IPv4 packet for the translator itself is the stack's even when the plan
# would answer it (TTL 1 is what an eBGP session to a Border Relay sends).
check "ping -t 1 ns4 -> 198.51.100.1 (xlat's own IPv4) is answered" \
	ip netns exec "$NS4" ping -4 -n -t 1 -c 2 -i 0.3 -w 5 198.51.100.1

# --- addresses no router forwards (issue 12 items 8, 10) -------------------

# 169.254/16 on the IPv4 link, the translator's own 169.254.1.2 among them:
# an IPv6 packet to <pool6>::169.254.1.1 or <pool6>::0.1.2.3 is ours but
# never translated (dropped, special-v4-dropped); nor is IPv4 from the
# link-local 169.254.1.1; IPv4 to 169.254.1.2 is the stack's own
# (special-v4-passed), answered untranslated.
ip -n "$NS4" addr add 169.254.1.1/16 dev v4 &&
	ip -n "$XLAT" addr add 169.254.1.2/16 dev x4
sd=$(dcx_stat "$XLAT" default special-v4-dropped)
sp=$(dcx_stat "$XLAT" default special-v4-passed)
check_fail "ping ns6 -> 2001:db8:64::169.254.1.1 is not translated" \
	ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -w 3 "${PFX}169.254.1.1"
check_fail "ping ns6 -> 2001:db8:64::0.1.2.3 is not translated" \
	ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -w 3 "${PFX}0.1.2.3"
check_fail "ping ns4 from 169.254.1.1 -> 192.0.2.6 is not translated" \
	ip netns exec "$NS4" ping -4 -n -c 2 -i 0.3 -w 3 -I 169.254.1.1 \
	"$H6_4"
check "counter special-v4-dropped counts the 6 of them" \
	dcx_counter_moved "$XLAT" default special-v4-dropped "$sd" 6
check "ping ns4 -> 169.254.1.2 answered by the translator's own stack" \
	ip netns exec "$NS4" ping -4 -n -c 2 -i 0.3 -w 10 169.254.1.2
check "counter special-v4-passed counts those echo requests" \
	dcx_counter_moved "$XLAT" default special-v4-passed "$sp" 2

# --- without the translator nothing gets through ---------------------------

check "instance del default" dcx "$XLAT" instance del default
check_fail "instance show no longer lists default" \
	bash -c "'$dcx_cli' -n '$XLAT' instance show | grep -w default"
check_fail "ping ns6 -> 2001:db8:64::198.51.100.2 fails without an instance" \
	ip netns exec "$NS6" ping -6 -n -c 2 -i 0.3 -w 3 "$H4_6"
check_fail "ping ns4 -> 192.0.2.6 fails without an instance" \
	ip netns exec "$NS4" ping -4 -n -c 2 -i 0.3 -w 3 "$H6_4"

ksft_exit
