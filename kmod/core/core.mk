# SPDX-License-Identifier: GPL-2.0
# The pure core (kmod/core/): the one list of its sources, without the .c.
# Included by Kbuild and by every userspace build of the core
# (tests/unit, tests/fuzz, tests/bench-core).
DCX_CORE := prefix lpm lpm_walk lenhash lenhash_bulk eamidx addr transport iphdr icmp pool6 eamt stats bind space \
	tables map \
	icmp46 icmp64 xlat46 xlat64
# The core files the CLI compiles too (usr/Makefile), over env.h's
# userspace types: the rules the module and the CLI must agree on.
DCX_CORE_CLI := prefix
