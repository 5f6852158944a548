/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface bindings of address spaces (struct dcx_bind, private to
 * bind.c): the one owner of them. A binding says "IPv4 packets that come
 * in on interface ifindex for destinations inside v4/len4 belong to space
 * s". The registry hangs in struct dcx_tables (binds: a hash of the bound
 * interfaces by ifindex); each interface has an IPv4 trie of destination
 * prefixes whose values are the bindings, and each space lists its own
 * (dcx_space.binds). An exact (ifindex, prefix) pair is bound to at most
 * one space; overlapping prefixes are fine, the longest match wins.
 *
 * Pure core: interfaces are ifindexes; which device (and VRF master) a
 * packet came in on is the caller's business (kmod/dispatch.c).
 *
 * Concurrency and errors: as tables.h says (readers under RCU, writers
 * hold the caller's mutex and never wait for a grace period; -errno and
 * a DCX_WHY_LEN reason in why, which leaves the interface to the caller:
 * "already bound for 0.0.0.0/0 to space B").
 */
#ifndef DCX_CORE_BIND_H
#define DCX_CORE_BIND_H

#include "types.h"

/*
 * Bind ifindex to space s for IPv4 destinations inside v4/len4 (len4 0:
 * all). -EEXIST when that exact binding exists in any space.
 */
int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
/* Remove every binding of ifindex, in every space of t. */
void dcx_bind_flush_ifindex(struct dcx_tables *t, int ifindex,
			    struct mutex *lock);
/* Remove every binding of s (space.c, before the space goes). */
void dcx_bind_flush_space(struct dcx_space *s, struct mutex *lock);
/* Every binding of s; cb returning non-zero stops the walk. Writers. */
int dcx_bind_walk(const struct dcx_space *s,
		  int (*cb)(void *ctx, int ifindex, __be32 v4, u8 len4),
		  void *ctx);
/* Free the whole registry now: only when no reader can see t any more. */
void dcx_bind_destroy(struct dcx_tables *t);

/*
 * Readers (RCU): the space of the longest destination prefix bound on
 * ifindex that holds dst4, or NULL. One hash bucket, then at most 33
 * trie nodes.
 */
const struct dcx_space *dcx_space_bound(const struct dcx_tables *t,
					int ifindex, __be32 dst4);

#endif /* DCX_CORE_BIND_H */
