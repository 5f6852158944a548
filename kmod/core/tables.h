/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mapping tables of an instance (struct dcx_tables, types.h): this
 * file composes its tables (eam6, pool6, each space's eam4, the interface
 * bindings) and makes and frees them as one. The objects in them have
 * one owner each: spaces space.h, bindings bind.h, EAM entries eamt.h,
 * prefix reads pool6.h. This header gathers those for the module.
 * Pure code (no sk_buff): built into the module and into the unit tests.
 *
 * Lookups:
 *   IPv4 -> IPv6: the caller picks the space (interface binding,
 *       bind.h, chosen by kmod/dispatch.c), then space->eam4 (its hash:
 *       the entry containing the address), else the space's pool6.
 *   IPv6 -> IPv4: tables->eam6 (the EAM entries of every space by IPv6
 *       prefix, its hash) first, then tables->pool6 (every space's
 *       prefix). Two lookups, not one over a merged trie, because RFC 7757
 *       section 3.2 puts EAM before pool6 whatever the prefix lengths. The
 *       entry found names the space.
 *
 * Uniqueness: the IPv6 side is one domain, so IPv6 prefixes of EAM entries
 * never overlap each other, and space prefixes never overlap each other;
 * an EAM IPv6 prefix may lie inside its own space's prefix (hairpinning,
 * RFC 7757 4.2) but not inside another space's. IPv4 prefixes are unique
 * inside a space only: two spaces may both hold 10.0.0.0/8.
 *
 * Concurrency: readers need rcu_read_lock() (the netfilter hooks run
 * under it) and no lock; writers hold the caller's mutex (dcx_cfg_mutex)
 * and never wait for a grace period. Removed entries are freed after one
 * with call_rcu; deleted spaces and emptied tables by a work item in
 * process context (dcx_free_after_gp(), env.h), as they may be large.
 *
 * Errors: writers return -errno and, when why is not NULL, write a one-line
 * reason of at most DCX_WHY_LEN bytes ("192.0.2.0/24 overlaps 192.0.2.128/25
 * in space default") for the netlink extack.
 */
#ifndef DCX_CORE_TABLES_H
#define DCX_CORE_TABLES_H

#include "types.h"
#include "prefix.h"
#include "addr.h"
#include "pool6.h"
#include "eamt.h"
#include "bind.h"
#include "space.h"

/* New tables with an empty default space (no pool6, no EAM, no binding). */
struct dcx_tables *dcx_tables_alloc(gfp_t gfp);
/* Free now: never published, or a grace period has passed. */
void dcx_tables_destroy(struct dcx_tables *t);

#endif /* DCX_CORE_TABLES_H */
