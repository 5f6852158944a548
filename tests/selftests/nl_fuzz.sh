#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzing of the loaded module (issue 13 item 2): tests/nlfuzz's
# nlfuzz sends DCX_NLFUZZ_REQUESTS requests (default 20000, 6000 on a KASAN
# kernel; under a minute on 6.12
# under TCG; 100000 and more for the documented long run) in a netns of
# its own: every command, random attribute types, lengths and nesting,
# over-deep nests, truncated attributes, missing attributes, wrong ABI
# versions, huge multi-EAM messages, dumps and transactions abandoned by
# closing sockets, worker processes at the same time, an unprivileged
# user namespace (EPERM) and a user+net namespace of nobody's own.
# Asserted: every refusal of the module carries an extack message, the
# predicted outcomes hold, the configuration equals the model of the
# accepted requests (the fuzzer's dumps, then `dcxlat -j show`), the
# kernel log stays clean. DCX_NLFUZZ_SEED replays a seed (printed).
# Then the regression requests of earlier findings (docs/testing.md).

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

FUZZ_DIR=$DCX_REPO/tests/nlfuzz
FUZZ=$FUZZ_DIR/nlfuzz
# A KASAN kernel (the debug lane) is ~30 times slower: 6000 there.
REQUESTS=20000
kernel_has_kasan && REQUESTS=6000
REQUESTS=${DCX_NLFUZZ_REQUESTS:-$REQUESTS}
SEED=${DCX_NLFUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}

cleanup() {
	cleanup_all_ns
	cleanup_tmp
}
trap cleanup EXIT

require_root
require_cmd ip jq make cc
dcx_require_built

# The build host's make (top Makefile "all") normally built it already.
if [ ! -x "$FUZZ" ] || [ -n "$(find "$FUZZ_DIR" -newer "$FUZZ" \
	\( -name '*.[ch]' -o -name Makefile \) 2>/dev/null)" ]; then
	make -C "$FUZZ_DIR" >"$TMPD/build.log" 2>&1 ||
		ksft_bail "build tests/nlfuzz: $(tail -n 5 "$TMPD/build.log")"
fi
dcx_load_module >"$TMPD/load.log" 2>&1 ||
	ksft_bail "load dcxlat.ko: $(cat "$TMPD/load.log")"
setup_ns FZ || ksft_bail "create a network namespace"
dmesg_mark

# fuzz_line PATTERN: the fuzzer's output has a matching line.
fuzz_line() {
	grep -qE -- "$1" "$TMPD/fuzz.out" || { cat "$TMPD/fuzz.out"; return 1; }
}

t0=$(date +%s)
ip netns exec "$FZ" "$FUZZ" --seed "$SEED" --requests "$REQUESTS" \
	--model-json "$TMPD/model.json" >"$TMPD/fuzz.out" 2>"$TMPD/fuzz.err"
rc=$?
diag "nlfuzz --seed $SEED --requests $REQUESTS: exit $rc in $(($(date +%s) - t0))s"
diag "$(cat "$TMPD/fuzz.out")"
[ -s "$TMPD/fuzz.err" ] && diag "$(head -n 30 "$TMPD/fuzz.err")"
log_test "nlfuzz ran to its verdict (seed $SEED)" \
	"$([ "$rc" -le 1 ] && fuzz_line '^nlfuzz: result ' >/dev/null; echo $?)"
check "at least $REQUESTS requests sent, every command" \
	fuzz_line "^nlfuzz: seed $SEED: [0-9]+ requests"
for c in INSTANCE_ADD INSTANCE_DEL INSTANCE_GET POOL6_SET POOL6_GET \
	POOL6_FLUSH STATS_GET STATS_RESET EAMT_ADD EAMT_DEL EAMT_GET \
	EAMT_FLUSH SETTINGS_SET SETTINGS_GET SPACE_ADD SPACE_DEL SPACE_GET \
	SPACE_SET BIND_ADD BIND_DEL TXN_BEGIN TXN_COMMIT TXN_ABORT; do
	grep -qE "^nlfuzz: $c +sent +[1-9]" "$TMPD/fuzz.out" || missing+=" $c"
done
log_test "every command was sent${missing:+ (missing:$missing)}" \
	"$([ -z "${missing:-}" ]; echo $?)"
check "every refusal of the module carried an extack message" \
	fuzz_line '^nlfuzz: refusals without extack message 0$'
check "every predicted outcome held (defects refused, EAM fits, txn)" \
	fuzz_line '^nlfuzz: unexpected outcomes 0$'
check "the module's dumps equal the model of the accepted requests" \
	fuzz_line '^nlfuzz: model mismatches 0$'
check "unprivileged user namespace: every request refused with EPERM" \
	fuzz_line '^nlfuzz: unprivileged [1-9][0-9]* sent, [1-9][0-9]* EPERM, 0 other$'
check "dumps and transactions were abandoned by closing sockets" \
	fuzz_line '^nlfuzz: abandoned dumps [1-9][0-9]*, abandoned transactions [1-9]'

# The same through the CLI: `dcxlat -j show` of each modelled instance.
proj='{pool6, eamt: (.eamt | sort), spaces: ([.spaces[] | {name, id,
	prefix, eamt: (.eamt | sort)}] | sort_by(.name))}'
cli_equals_model() {
	local line inst got want n=0
	while IFS= read -r line; do
		inst=$(jq -r .instance <<<"$line")
		got=$(dcx "$FZ" -j -i "$inst" show | jq -cS "$proj") || return 1
		want=$(jq -cS "$proj" <<<"$line")
		if [ "$got" != "$want" ]; then
			echo "instance $inst: show $got"
			echo "instance $inst: model $want"
			return 1
		fi
		n=$((n + 1))
	done <"$TMPD/model.json"
	echo "$n instances equal"
	[ "$n" -gt 0 ]
}
check "dcxlat -j show equals the model (pool6, spaces, EAM entries)" \
	cli_equals_model

# A fixed seed, one process: the exact replay the docs promise.
check "fixed seed 1, one process, 1500 requests: PASS" \
	ip netns exec "$FZ" "$FUZZ" --seed 1 --requests 1500 --workers 0 \
	--no-unpriv --no-userns

check "kernel log clean (no WARNING/BUG/KASAN/leak)" dmesg_clean
ksft_exit
