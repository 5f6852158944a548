/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address spaces on the packet path and their interface bindings
 * (space.c). The spaces themselves, their prefixes and EAM entries live in
 * tables.h; this adds what needs the kernel: which space an IPv4 packet
 * belongs to (by ingress interface and destination prefix), per-space
 * counters, and the routing domain of translated IPv4 packets.
 */
#ifndef DCX_SPACE_H
#define DCX_SPACE_H

#include <linux/netdevice.h>
#include "tables.h"
#include "stats.h"

/*
 * Bind ifindex (a VRF device means all its slaves) to space s for IPv4
 * destinations inside v4/len4 (len4 0: all). -EEXIST when that exact
 * binding exists in any space. Writers hold lock.
 */
int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
/* Every binding of s; cb returning non-zero stops the walk. Under lock. */
int dcx_bind_walk(const struct dcx_tables *t, const struct dcx_space *s,
		  int (*cb)(void *ctx, int ifindex, __be32 v4, u8 len4),
		  void *ctx);

/*
 * The space of an IPv4 packet that came in on dev for dst4: the longest
 * destination-prefix binding of dev (or of its VRF master), else the
 * default space, or NULL (not ours) when cfg->unbound says pass. RCU.
 */
const struct dcx_space *dcx_space_select4(const struct dcx_xlat_cfg *cfg,
					  const struct net_device *dev,
					  __be32 dst4);

/* Per-space counters (never NULL for a space of live tables). */
struct dcx_stats __percpu *dcx_space_stats(const struct dcx_space *s);

#endif /* DCX_SPACE_H */
