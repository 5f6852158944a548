// SPDX-License-Identifier: GPL-2.0
/*
 * The sk_buff around the in-place rewrite (see skb.h): headroom and
 * tailroom, CHECKSUM_* states the core can update incrementally, and the
 * network header the core moved.
 *
 * Checksum states (the core updates the L4 checksum by the pseudo-header
 * difference, RFC 1624):
 *   PARTIAL      the TCP/UDP field holds the pseudo-header seed: updated as
 *                a seed (csum_start/csum_offset stay right because the new
 *                header ends where the old one ended); a partial checksum
 *                anywhere else (ICMP, a tunnel's inner header) is finished
 *                in software first.
 *   COMPLETE     skb->csum covered the old header: dropped to NONE (the
 *                field itself is updated, so the packet stays correct).
 *   UNNECESSARY  the field was verified: it is updated and stays right.
 *   NONE         the field is updated like any complete checksum.
 *
 * Before plan, dcx_skb_csum_in() tells the core which checksums the stack
 * has verified (CHECKSUM_UNNECESSARY, or a sum already validated): ICMP
 * errors, which get a fresh checksum, are verified in software otherwise.
 */
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include "skb.h"

bool dcx_partial_is_l4(const struct sk_buff *skb, const struct dcx_xlat *x)
{
	unsigned int off;

	switch (x->proto) {
	case IPPROTO_TCP:
		off = offsetof(struct tcphdr, check);
		break;
	case IPPROTO_UDP:
		off = offsetof(struct udphdr, check);
		break;
	default:
		return false;
	}
	return skb_checksum_start_offset(skb) == x->old_nhlen &&
	       skb->csum_offset == off;
}

/* Must a CHECKSUM_PARTIAL packet's checksum be finished before apply? */
static bool dcx_partial_needs_help(const struct sk_buff *skb,
				   const struct dcx_xlat *x, bool icmp)
{
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return false;
	/* ICMP type changes are not pseudo-header changes. */
	if (icmp)
		return true;
	/* TCP/UDP whose own field is complete but an inner one is not. */
	return (x->proto == IPPROTO_TCP || x->proto == IPPROTO_UDP) &&
	       !dcx_partial_is_l4(skb, x);
}

/*
 * Make the headers writable with room for the bigger header (and, for ICMP
 * errors, the bigger inner header) and bring the checksum state to one the
 * core can update incrementally.
 */
int dcx_prepare_skb(struct sk_buff *skb, struct dcx_xlat *x,
		    const struct net_device *out, bool icmp)
{
	int grow = (int)x->new_nhlen - (int)x->old_nhlen;
	unsigned int tail = skb_tailroom(skb);

	if (skb_cow_head(skb, max(grow, 0) + LL_RESERVED_SPACE(out)))
		return -ENOMEM;
	if (x->tail_need > tail &&
	    pskb_expand_head(skb, 0, x->tail_need - tail, GFP_ATOMIC))
		return -ENOMEM;
	/* The device's sum covered the old headers. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	/*
	 * A partial sum must start in this packet's headers: a virtio-net
	 * header (tap, virtio) can set csum_start before the network header,
	 * where skb_checksum_help() would WARN (found by pkt_fuzz).
	 */
	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    (skb_checksum_start_offset(skb) < (int)x->old_nhlen ||
	     skb_checksum_start_offset(skb) + skb->csum_offset + 2 >
	     skb_headlen(skb)))
		return -EINVAL;
	/* GSO packets got here only with the partial sum in their L4 header. */
	if (dcx_partial_needs_help(skb, x, icmp) &&
	    (skb_is_gso(skb) || skb_checksum_help(skb)))
		return -ENOMEM;
	x->csum_partial = skb->ip_summed == CHECKSUM_PARTIAL;
	x->mtu_in = skb->dev ? READ_ONCE(skb->dev->mtu) : 0xffff;
	return 0;
}
