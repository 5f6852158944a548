/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sk_buff around the core's in-place rewrite (skb.c): room and a
 * checksum state the core can update before apply, the network header
 * and length after it. The core itself sees only bytes.
 */
#ifndef DCX_SKB_H
#define DCX_SKB_H

#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include "core/xlat.h"

/*
 * Before plan: what the stack already knows of the L4 checksum
 * (x->csum_partial: not final yet; x->csum_valid: verified, e.g. by the
 * device), so the core verifies in software only what nobody has.
 */
static inline void dcx_skb_csum_in(const struct sk_buff *skb,
				   struct dcx_xlat *x)
{
	x->csum_partial = skb->ip_summed == CHECKSUM_PARTIAL;
	x->csum_valid = skb_csum_unnecessary(skb);
}

/*
 * Before apply: writable headers with headroom for the header growth
 * (x->new_nhlen - x->old_nhlen, plus the egress device out's), the
 * tailroom the core asked for, and a checksum state the core can update
 * (icmp: the L4 checksum is finished in software, because ICMP type
 * changes are not pseudo-header changes; a partial checksum that is not
 * the TCP/UDP one the core updates is finished too).
 * Sets x->csum_partial and x->mtu_in. 0, -ENOMEM, or -EINVAL when a
 * partial checksum does not lie in the L4 part of the linear headers.
 */
int dcx_prepare_skb(struct sk_buff *skb, struct dcx_xlat *x,
		    const struct net_device *out, bool icmp);

/*
 * After apply: skb->data at the new network header nh the core wrote,
 * length x->new_total, headers reset, protocol the new family's.
 */
static inline void dcx_set_nh(struct sk_buff *skb, const u8 *nh,
			      const struct dcx_xlat *x, __be16 protocol)
{
	if (nh < skb->data)
		__skb_push(skb, skb->data - nh);
	else
		__skb_pull(skb, nh - skb->data);
	/* ICMP errors grow or shrink inside: their inner packet changed. */
	if (x->new_total > skb->len)
		__skb_put(skb, x->new_total - skb->len);
	else if (x->new_total < skb->len)
		__skb_trim(skb, x->new_total);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, x->new_nhlen);
	skb->protocol = protocol;
}

/* Is the partial checksum the TCP/UDP one the core updates as a seed? */
bool dcx_partial_is_l4(const struct sk_buff *skb, const struct dcx_xlat *x);

#endif /* DCX_SKB_H */
