/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The routing domain of an address space (vrf.c): a VRF device, or the
 * routing table one uses. A table is resolved here, once, to the VRF
 * device that uses it, so that the packet path has one lookup (the l3mdev
 * FIB rule) and no fallback into the main table.
 */
#ifndef DCX_VRF_H
#define DCX_VRF_H

#include <linux/types.h>
#include <net/net_namespace.h>

/*
 * In: *vrf (ifindex of a VRF device) and *table as a request gave them,
 * 0 = not given. Out: both resolved (0/0: the netns' main routing), the
 * table alone to the VRF device that uses it, a device to its table
 * (which must match the table given). -errno with why set
 * (DCX_WHY_LEN); *by_table tells that the table, not the device, is what
 * is wrong.
 */
int dcx_vrf_resolve(struct net *net, int *vrf, u32 *table, char *why,
		    bool *by_table);

#endif /* DCX_VRF_H */
