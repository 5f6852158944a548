/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel headers of the pure core: what
 * kmod/core/env.h includes when DCX_KSHIM is set (the unit tests, fuzzers
 * and benchmark), with the kernel's names and semantics. Two parts:
 *   kshim_types.h  types, bytes, checksums, packet-header constants, lists
 *   kshim_sync.h   WARN, allocation, per-CPU data, mutexes, RCU
 * Build with -D_GNU_SOURCE.
 */
#ifndef DCX_KSHIM_H
#define DCX_KSHIM_H

#include "kshim_types.h"
#include "kshim_sync.h"

#endif /* DCX_KSHIM_H */
