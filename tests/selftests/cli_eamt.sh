#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The CLI and netlink side of the RFC 7757 EAM table: eamt add/del/show/
# flush, one entry and in bulk (stdin and --file, errors naming the line,
# all or nothing), the paged dump of a large table, JSON output, every
# refusal with its exit code and message, unknown instances and spaces,
# and non-root users refused. No links: the packet path is not under test
# here (cli_apply.sh sends traffic).

source "$(dirname "$0")/lib.sh"

D=$dcx_cli
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

cleanup() {
	stop_bg
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip jq setpriv python3
dcx_require_built

count() {
	dcx "$N1" "$@" eamt show | wc -l
}

dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
setup_ns N1 || ksft_bail "create a network namespace"
dcx "$N1" instance add || ksft_bail "instance add"
dcx "$N1" instance add other || ksft_bail "instance add other"

# ---------------------------------------------------------------------------
# one entry

expect 0 '^$' "eamt show: empty table prints nothing" dcx "$N1" eamt show
expect_json "eamt show -j: []" '. == []' dcx "$N1" -j eamt show
expect 0 '^$' "eamt add 192.0.2.0/24 2001:db8:aaaa::/120" \
	dcx "$N1" eamt add 192.0.2.0/24 2001:db8:aaaa::/120
expect 0 '' "eamt add: bare addresses are /32 and /128" \
	dcx "$N1" eamt add 198.51.100.7 2001:db8:bbbb::7
expect 0 '' "eamt add: a /0 with a /96" \
	dcx "$N1" -i other eamt add 0.0.0.0/0 2001:db8:ffff::/96
expect 0 '^192\.0\.2\.0/24 2001:db8:aaaa::/120
198\.51\.100\.7/32 2001:db8:bbbb::7/128$' "eamt show: text, in IPv4 order" \
	dcx "$N1" eamt show
expect_json "eamt show -j: both entries" \
	'. == [{"prefix4": "192.0.2.0/24", "prefix6": "2001:db8:aaaa::/120",
		"remote": false},
	       {"prefix4": "198.51.100.7/32", "prefix6": "2001:db8:bbbb::7/128",
		"remote": false}]' \
	dcx "$N1" -j eamt show
expect_json "eamt show -p: pretty JSON" 'length == 2' dcx "$N1" -p eamt show
expect_json "eamt show space default -j: the same table" 'length == 2' \
	dcx "$N1" -j eamt show space default
expect_json "-i other: its own table" \
	'. == [{"prefix4": "0.0.0.0/0", "prefix6": "2001:db8:ffff::/96",
		"remote": false}]' \
	dcx "$N1" -i other -j eamt show

# Refused by the kernel (exit 1), with its reason.
expect 1 '192\.0\.2\.128/25 overlaps EAM 192\.0\.2\.0/24 in space default' \
	"eamt add: IPv4 overlap refused (exit 1)" \
	dcx "$N1" eamt add 192.0.2.128/25 2001:db8:cccc::/121
expect 1 '10\.0\.0\.0/8 overlaps EAM 192\.0\.2\.0/24|overlaps EAM' \
	"eamt add: an IPv4 prefix containing an entry is refused" \
	dcx "$N1" eamt add 192.0.0.0/16 2001:db8:dddd::/112
expect 1 '2001:db8:aaaa::/120 overlaps EAM 2001:db8:aaaa::/120' \
	"eamt add: IPv6 duplicate refused" \
	dcx "$N1" eamt add 203.0.113.0/24 2001:db8:aaaa::/120
expect 1 'overlaps EAM 2001:db8:bbbb::7/128' \
	"eamt add: IPv6 prefix containing an entry refused" \
	dcx "$N1" eamt add 203.0.113.0/24 2001:db8:bbbb::/120
expect 1 'no instance "nosuch"' "eamt add: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch eamt add 203.0.113.0/24 2001:db8:eeee::/120
expect 1 'no space "nosuch" in instance "default"' \
	"eamt add: unknown space (exit 1)" \
	dcx "$N1" eamt add space nosuch 203.0.113.0/24 2001:db8:eeee::/120
expect 1 'no space "nosuch"' "eamt show: unknown space (exit 1)" \
	dcx "$N1" eamt show space nosuch
expect 1 'no instance "nosuch"' "eamt show: unknown instance (exit 1)" \
	dcx "$N1" -i nosuch eamt show
# Refused by the CLI (exit 2), nothing sent.
expect 2 'suffix lengths differ \(8 and 7 bits\).*here /120' \
	"eamt add: unequal suffix lengths (exit 2)" \
	dcx "$N1" eamt add 203.0.113.0/24 2001:db8:eeee::/121
expect 2 'did you mean 203\.0\.113\.0/24' "eamt add: host bits set (exit 2)" \
	dcx "$N1" eamt add 203.0.113.1/24 2001:db8:eeee::/120
expect 2 'length "33" is not a number from 0 to 32' \
	"eamt add: IPv4 length 33 (exit 2)" \
	dcx "$N1" eamt add 203.0.113.0/33 2001:db8:eeee::/129
expect 2 'missing PREFIX6' "eamt add: missing IPv6 prefix (exit 2)" \
	dcx "$N1" eamt add 203.0.113.0/24
expect 2 'missing PREFIX4 PREFIX6' "eamt add: no arguments (exit 2)" \
	dcx "$N1" eamt add
expect 2 'is an IPv6 address' "eamt add: prefixes swapped (exit 2)" \
	dcx "$N1" eamt add 2001:db8:eeee::/120 203.0.113.0/24
expect 2 'unknown command "frob"; commands are add, del, show, flush' \
	"eamt frob (exit 2)" dcx "$N1" eamt frob
expect 0 'eamt add \[space SPACE\] PREFIX4 PREFIX6' "eamt help" \
	dcx "$N1" eamt help
expect 2 'unexpected argument "x"' "eamt show x (exit 2)" \
	dcx "$N1" eamt show x
expect 0 '' "the table is unchanged by the refusals" \
	test "$(count)" -eq 2

# del by either prefix
expect 0 '' "eamt del by IPv4 prefix" dcx "$N1" eamt del 192.0.2.0/24
expect 0 '' "eamt del by IPv6 prefix (bare = /128)" \
	dcx "$N1" eamt del 2001:db8:bbbb::7
expect 0 '^$' "eamt show: empty again" dcx "$N1" eamt show
expect 1 'no EAM 192\.0\.2\.0/24 in space default' \
	"eamt del: unknown entry (exit 1)" dcx "$N1" eamt del 192.0.2.0/24
expect 1 'no EAM 2001:db8::/120 in space default' \
	"eamt del: unknown IPv6 entry (exit 1)" dcx "$N1" eamt del 2001:db8::/120
expect 2 'give one of the two prefixes' "eamt del: two prefixes (exit 2)" \
	dcx "$N1" eamt del 192.0.2.0/24 2001:db8::/120
expect 2 'missing PREFIX' "eamt del: none (exit 2)" dcx "$N1" eamt del

# ---------------------------------------------------------------------------
# bulk

python3 - "$TMPD/bulk.txt" 5000 <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# 5000 entries\n\n")
    for i in range(int(sys.argv[2])):
        f.write("10.%d.%d.0/24\t2001:db8:1:%x::/120   # n%d\n" %
                (i // 256, i % 256, i, i))
PY
expect 0 '^$' "eamt add --file: 5000 entries" \
	dcx "$N1" eamt add --file "$TMPD/bulk.txt"
expect 0 '' "eamt show: 5000 entries" test "$(count)" -eq 5000
expect 0 '' "eamt flush" dcx "$N1" eamt flush
expect 0 '' "eamt show: empty after flush" test "$(count)" -eq 0
expect 0 '' "eamt add - (stdin): 5000 entries" \
	bash -c "'$D' -n '$N1' eamt add - <'$TMPD/bulk.txt'"
expect 0 '' "eamt show: 5000 again" test "$(count)" -eq 5000
# "eamt show" output is bulk input.
dcx "$N1" eamt show >"$TMPD/shown.txt"
dcx "$N1" -i other eamt flush
expect 0 '' "eamt show | eamt add -: its output is accepted as input" \
	bash -c "'$D' -n '$N1' -i other eamt add - <'$TMPD/shown.txt'"
expect 0 '' "... and gives the same table" \
	bash -c "cmp <('$D' -n '$N1' -i other eamt show) '$TMPD/shown.txt'"

# Errors in a bulk file name the line; nothing is sent (exit 2).
printf '192.0.2.0/24 2001:db8:2::/120\n# c\n192.0.2.0/33 2001:db8:3::/120\n' \
	>"$TMPD/bad1.txt"
expect 2 "$TMPD/bad1.txt:3: invalid IPv4 prefix" \
	"bulk: a bad line is named by number (exit 2)" \
	dcx "$N1" -i other eamt add --file "$TMPD/bad1.txt"
printf '192.0.2.0/24 2001:db8:2::/120\n192.0.2.0/25 2001:db8:3::/121\n' \
	>"$TMPD/bad2.txt"
expect 2 'bad2.txt:2: 192\.0\.2\.0/25 overlaps 192\.0\.2\.0/24 \(.*bad2.txt:1\)' \
	"bulk: overlaps inside the file found before sending (exit 2)" \
	dcx "$N1" -i other eamt add --file "$TMPD/bad2.txt"
printf '192.0.2.0/24 2001:db8:2::/120 extra\n' >"$TMPD/bad3.txt"
expect 2 'bad3.txt:1: unexpected "extra"' "bulk: trailing garbage (exit 2)" \
	dcx "$N1" -i other eamt add --file "$TMPD/bad3.txt"
expect 1 'cannot open /nonexistent' "bulk: missing file (exit 1)" \
	dcx "$N1" eamt add --file /nonexistent
expect 0 '' "bulk: nothing of the refused files was added" \
	test "$(count -i other)" -eq 5000

# The kernel refuses one line: everything the file added is removed again,
# the error names that line. 20000 lines span several netlink messages;
# line 19000 clashes with an entry already in the table.
dcx "$N1" eamt flush
dcx "$N1" eamt add 172.16.0.1 2001:db8:ffff::1
python3 - "$TMPD/clash.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        if i == 18999:
            f.write("172.16.0.0/30 2001:db8:fffe::/126\n")
        else:
            f.write("10.%d.%d.0/24 2001:db8:2:%x::/120\n" %
                    (i // 256, i % 256, i))
PY
expect 1 'clash.txt:19000: 172\.16\.0\.0/30 overlaps EAM 172\.16\.0\.1/32.*nothing was added' \
	"bulk: a kernel refusal names the line, nothing stays (exit 1)" \
	dcx "$N1" eamt add --file "$TMPD/clash.txt"
expect 0 '^172\.16\.0\.1/32 2001:db8:ffff::1/128$' \
	"bulk: the table is as before the refused file" dcx "$N1" eamt show

# ---------------------------------------------------------------------------
# large dump: 100,000 entries stream in many messages

python3 - "$TMPD/big.txt" 100000 <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write("%d.%d.%d.0/24 2001:db8:%x:%x::/120\n" %
                (20 + i // 65536, (i // 256) % 256, i % 256, i // 65536,
                 i % 65536))
PY
expect 0 '' "bulk add of 100,000 entries" \
	dcx "$N1" eamt add --file "$TMPD/big.txt"
dcx "$N1" eamt show >"$TMPD/big.out" 2>"$TMPD/big.err"
expect 0 '' "eamt show: 100,001 lines, no warning" \
	test "$(wc -l <"$TMPD/big.out")" -eq 100001 -a ! -s "$TMPD/big.err"
expect 0 '' "eamt show: every entry once (the paged dump resumes exactly)" \
	test "$(sort -u "$TMPD/big.out" | wc -l)" -eq 100001
expect 0 '' "eamt show: in IPv4 order" \
	bash -c "cut -d/ -f1 '$TMPD/big.out' | sort -t. -n -k1,1 -k2,2 -k3,3 -k4,4 -c"
expect_json "eamt show -j of 100,001 entries parses" 'length == 100001' \
	dcx "$N1" -j eamt show
# A dump while other entries come and go: the 100,001 entries present
# throughout are all there, once each.
python3 - "$TMPD/churn.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        f.write("100.64.%d.%d 2001:db8:c:%x::1\n" % (i // 256, i % 256, i))
PY
(for i in 1 2 3 4 5 6; do
	"$D" -n "$N1" eamt add --file "$TMPD/churn.txt"
	"$D" -n "$N1" eamt del --file "$TMPD/churn.txt"
done) >"$TMPD/churn.log" 2>&1 &
CHURN=$!
sleep 0.3
dcx "$N1" eamt show >"$TMPD/churn.out" 2>"$TMPD/churn.err"
wait $CHURN
expect 0 '' "a dump during changes: no line twice" \
	test "$(sort "$TMPD/churn.out" | uniq -d | wc -l)" -eq 0
expect 0 '' "a dump during changes: every untouched entry is there" \
	test "$(grep -vc '^100\.64\.' "$TMPD/churn.out")" -eq 100001
expect 0 '' "bulk del of the churn entries worked (they are all gone)" \
	test "$(dcx "$N1" eamt show | grep -c '^100\.64\.')" -eq 0
diag "dump during changes: $(wc -l <"$TMPD/churn.out") lines; stderr: $(head -c 300 "$TMPD/churn.err"); churn: $(head -c 300 "$TMPD/churn.log")"

# ---------------------------------------------------------------------------
# permissions

expect 1 'permission denied|Operation not permitted' \
	"eamt add as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" eamt add 203.0.113.0/24 2001:db8:9::/120
expect 1 'permission denied|Operation not permitted' \
	"eamt show as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" eamt show
expect 1 'permission denied|Operation not permitted' \
	"eamt flush as non-root refused (exit 1)" \
	ip netns exec "$N1" "${NOBODY[@]}" "$D" -i other eamt flush
expect 0 '' "non-root changed nothing" test "$(count -i other)" -eq 5000

ksft_exit
