/* SPDX-License-Identifier: GPL-2.0 */
/* Offload and checksum-state handling around a translation (offload.c). */
#ifndef DCX_OFFLOAD_H
#define DCX_OFFLOAD_H

#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include "core/xlat.h"

struct dcx_instance;

/*
 * Before apply: writable headers with grow bytes more headroom (plus the
 * egress device's), the tailroom the core asked for, and a checksum state
 * the core can update (icmp: the L4 checksum is finished in software,
 * because ICMP type changes are not pseudo-header changes; a partial
 * checksum that is not the TCP/UDP one the core updates is finished too).
 * Sets x->csum_partial and x->mtu_in. 0 or -ENOMEM.
 */
int dcx_prepare_skb(struct sk_buff *skb, struct dcx_xlat *x, int grow,
		    const struct net_device *out, bool icmp);

bool __dcx_gso_must_segment(const struct sk_buff *skb,
			    const struct dcx_xlat *x, unsigned int mtu);
/*
 * After plan, before prepare: can this GSO packet be translated as one
 * (TCP or UDP_L4 with the checksum partial in its own header, segments
 * that fit mtu after the header change, or TCP whose gso_size can shrink)?
 * True: it must be cut into segments first (dcx_xlat_segments()).
 */
static inline bool dcx_gso_must_segment(const struct sk_buff *skb,
					const struct dcx_xlat *x,
					unsigned int mtu)
{
	return unlikely(skb_is_gso(skb)) && __dcx_gso_must_segment(skb, x, mtu);
}

typedef int (*dcx_xlat_skb_fn)(struct net *net, struct dcx_instance *inst,
			       struct sk_buff *skb);
/*
 * Segment skb in software and translate every segment as if it had come
 * alone (xlat returns NF_STOLEN once it owns a segment; anything else
 * frees it). Consumes skb: NF_STOLEN, or NF_DROP if it cannot be cut.
 */
int dcx_xlat_segments(struct net *net, struct dcx_instance *inst,
		      struct sk_buff *skb, dcx_xlat_skb_fn xlat);

/*
 * After apply: GSO type for the new family; GSO size reduced so that every
 * segment fits mtu. False when a GSO packet cannot be made to fit.
 */
bool dcx_fix_gso(struct sk_buff *skb, unsigned int mtu, bool to6);

#endif /* DCX_OFFLOAD_H */
