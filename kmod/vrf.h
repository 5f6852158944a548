/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The routing domain of an address space (vrf.c): a VRF device, by name
 * or ifindex, or the routing table one uses. A table is resolved here,
 * once, to the VRF device that uses it, so that the packet path has one
 * lookup (the l3mdev FIB rule) and no fallback into the main table. A
 * VRF named by a name no device has is not an error: the space waits
 * for it (core/space.h, "VRF"; kmod/netdev.c follows the devices).
 */
#ifndef DCX_VRF_H
#define DCX_VRF_H

#include <linux/types.h>
#include <linux/if.h>
#include <net/net_namespace.h>

/* A space's VRF as a request names it, and as it resolves. */
struct dcx_vrf {
	char name[IFNAMSIZ];	/* in: by name ("" and ifindex 0: none) */
	int ifindex;		/* in: by ifindex; out: > 0, -1 waiting */
	u32 table;		/* in: 0 or must match; out: the table */
};

/*
 * Resolve v in net: a name to its VRF device (none: ifindex -1, the
 * space waits, table as given), an ifindex to its device's name (which
 * must exist), a table alone to the VRF device that uses it; a device
 * found must be a VRF using the table given. Nothing named: 0/0/"" (the
 * netns' main routing). -errno with why set (DCX_WHY_LEN); *by_table
 * tells that the table, not the device, is what is wrong.
 */
int dcx_vrf_resolve(struct net *net, struct dcx_vrf *v, char *why,
		    bool *by_table);

#endif /* DCX_VRF_H */
