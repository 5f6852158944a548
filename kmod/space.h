/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address spaces on the packet path and their interface bindings
 * (space.c). The spaces themselves, their prefixes and EAM entries live in
 * tables.h; this adds what needs the kernel: which space an IPv4 packet
 * belongs to (by ingress interface and destination prefix), per-space
 * counters, and the routing domain of translated IPv4 packets.
 *
 * Bookkeeping: the bindings of a tables object hang off tables->priv, the
 * counters and the binding list of a space off space->priv. Both are
 * attached by dcx_space_attach() under the writer's lock; a space or
 * tables object without them (never attached) simply has no bindings and
 * no per-space counters.
 */
#ifndef DCX_SPACE_H
#define DCX_SPACE_H

#include <linux/netdevice.h>
#include "core/tables.h"
#include "stats.h"

/* Module init/exit: the netdevice notifier that drops stale bindings. */
int dcx_space_init(void);
void dcx_space_exit(void);

/*
 * Attach the binding registry to t and counters to every space of t that
 * has none yet. Idempotent; -ENOMEM leaves t usable. Writers hold lock.
 */
int dcx_space_attach(struct dcx_tables *t, char *why, struct mutex *lock);

/*
 * Delete space s: its bindings first, then the space (dcx_space_del). The
 * only correct way to delete a space that may have bindings.
 */
int dcx_space_remove(struct dcx_tables *t, struct dcx_space *s, char *why,
		     struct mutex *lock);

/*
 * Space prefixes from the instance base (the space-base setting): the
 * base (any length up to /80) followed by the 16-bit ID in the next 16
 * bits gives the space's /96, e.g. 2001:db8:a41::/48 and ID 0x23 give
 * 2001:db8:a41:23::/96: with a base length that is a multiple of 16 the
 * ID is one group of the address, in hex.
 */
bool dcx_space_base_valid_len(unsigned int len);
int dcx_space_prefix_from_base(const struct dcx_prefix6 *base, u32 id,
			       struct dcx_prefix6 *out, char *why);

/*
 * Bind ifindex (a VRF device means all its slaves) to space s for IPv4
 * destinations inside v4/len4 (len4 0: all). -EEXIST when that exact
 * binding exists in any space. Writers hold lock. The why texts leave the
 * interface to the caller ("already bound for 0.0.0.0/0 to space B").
 */
int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
/* Remove every binding of ifindex, in every space of t. */
void dcx_bind_flush_ifindex(struct dcx_tables *t, int ifindex,
			    struct mutex *lock);
/* Every binding of s; cb returning non-zero stops the walk. Under lock. */
int dcx_bind_walk(const struct dcx_tables *t, const struct dcx_space *s,
		  int (*cb)(void *ctx, int ifindex, __be32 v4, u8 len4),
		  void *ctx);
unsigned int dcx_bind_count(const struct dcx_space *s);

/*
 * The space of an IPv4 packet that came in on dev for dst4: the longest
 * destination-prefix binding of dev, else of its VRF master, else the
 * default space, or NULL (not ours) when cfg->unbound says pass. RCU.
 */
const struct dcx_space *dcx_space_select4(const struct dcx_xlat_cfg *cfg,
					  const struct net_device *dev,
					  __be32 dst4);

/* Per-space counters; NULL when the space was never attached. */
struct dcx_stats __percpu *dcx_space_stats(const struct dcx_space *s);

static inline void dcx_space_stat_inc(const struct dcx_space *s,
				      enum dcxlat_stat id)
{
	struct dcx_stats __percpu *st = s ? dcx_space_stats(s) : NULL;

	if (st)
		dcx_stat_inc(st, id);
}

#endif /* DCX_SPACE_H */
