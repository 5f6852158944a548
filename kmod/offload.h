/* SPDX-License-Identifier: GPL-2.0 */
/* Offload and checksum-state handling around a translation (offload.c). */
#ifndef DCX_OFFLOAD_H
#define DCX_OFFLOAD_H

#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include "xlat.h"

/*
 * Before apply: writable headers with grow bytes more headroom (plus the
 * egress device's), the tailroom the core asked for, and a checksum state
 * the core can update (icmp: the L4 checksum is finished in software,
 * because ICMP type changes are not pseudo-header changes). Sets
 * x->csum_partial and x->mtu_in. 0 or -ENOMEM.
 */
int dcx_prepare_skb(struct sk_buff *skb, struct dcx_xlat *x, int grow,
		    const struct net_device *out, bool icmp);
/*
 * After apply: GSO type for the new family; GSO size reduced so that every
 * segment fits mtu. False when a GSO packet cannot be made to fit.
 */
bool dcx_fix_gso(struct sk_buff *skb, unsigned int mtu, bool to6);

#endif /* DCX_OFFLOAD_H */
