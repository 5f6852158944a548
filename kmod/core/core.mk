# SPDX-License-Identifier: GPL-2.0
# The pure core (kmod/core/): the one list of its sources, without the .c.
# Included by Kbuild and by every userspace build of the core
# (tests/unit, tests/fuzz, tests/bench-core).
DCX_CORE := addr csum xlat_common xlat_4to6 xlat_6to4 icmp lpm tables
