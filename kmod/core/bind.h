/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface bindings of address spaces (struct dcx_bind, private to
 * bind.c): the one owner of them. A binding says "IPv4 packets that come
 * in on the interface named dev for destinations inside v4/len4 belong to
 * space s". A binding names its interface: it is "active" while a device
 * of that name exists (its ifindex is then in the lookup registry) and
 * "waiting" otherwise (kept, not looked up). The caller tells which, and
 * tells the registry when a device appears (dcx_bind_dev_up) or goes
 * (dcx_bind_dev_gone): a deleted and re-created TAP is bound again
 * without anybody re-applying the configuration.
 *
 * The lookup registry hangs in struct dcx_tables (binds: a hash of the
 * bound interfaces by ifindex); each interface has an IPv4 trie of
 * destination prefixes whose values are the spaces. The records (name,
 * prefix, space, active or waiting) are listed by their space
 * (dcx_space.binds) and seen by writers only. An exact (dev, prefix) pair
 * is bound to at most one space; overlapping prefixes are fine, the
 * longest match wins.
 *
 * Pure core: interfaces are names and ifindexes; which device (and VRF
 * master) a packet came in on is the caller's business (kmod/dispatch.c),
 * and so is knowing which devices exist (kmod/netdev.c, kmod/nl_space.c).
 *
 * Concurrency and errors: as tables.h says (readers under RCU, writers
 * hold the caller's mutex and never wait for a grace period; -errno and
 * a DCX_WHY_LEN reason in why, which leaves the interface to the caller:
 * "already bound for 0.0.0.0/0 to space B").
 */
#ifndef DCX_CORE_BIND_H
#define DCX_CORE_BIND_H

#include "types.h"

/* Interface names, NUL included (IFNAMSIZ). */
#define DCX_BIND_DEVLEN 16

/*
 * Bind the interface dev to space s for IPv4 destinations inside v4/len4
 * (len4 0: all); ifindex is the device of that name, 0 when there is none
 * (the binding waits). -EEXIST when that exact binding exists in any
 * space, -EINVAL for a bad prefix or name.
 */
int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, const char *dev,
		 int ifindex, __be32 v4, u8 len4, char *why,
		 struct mutex *lock);
int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, const char *dev,
		 __be32 v4, u8 len4, char *why, struct mutex *lock);
/* The device ifindex is gone or renamed: its bindings wait again. */
void dcx_bind_dev_gone(struct dcx_tables *t, int ifindex, struct mutex *lock);
/*
 * A device named dev has appeared as ifindex: the bindings waiting for
 * dev take effect. -ENOMEM when some could not (they keep waiting).
 */
int dcx_bind_dev_up(struct dcx_tables *t, const char *dev, int ifindex,
		    struct mutex *lock);
/* Remove every binding of s (space.c, before the space goes). */
void dcx_bind_flush_space(struct dcx_space *s, struct mutex *lock);
/*
 * Every binding of s in the order they were made (ifindex 0: waiting);
 * cb returning non-zero stops the walk. Writers.
 */
int dcx_bind_walk(const struct dcx_space *s,
		  int (*cb)(void *ctx, const char *dev, int ifindex,
			    __be32 v4, u8 len4),
		  void *ctx);
/* How many bindings of s wait for their device. Writers. */
unsigned int dcx_bind_waiting(const struct dcx_space *s);
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
