// SPDX-License-Identifier: GPL-2.0
/*
 * Offloads and checksum state around the in-place rewrite: headroom and
 * tailroom, CHECKSUM_* states the core can update incrementally, and GSO
 * types and sizes after the network header changed family and size.
 */
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/tcp.h>
#include <net/ip.h>
#include "xlat.h"
#include "offload.h"
#include "compat.h"

/*
 * Make the headers writable with room for the bigger header (and, for ICMP
 * errors, the bigger inner header) and bring the checksum state to one the
 * core can update incrementally.
 */
int dcx_prepare_skb(struct sk_buff *skb, struct dcx_xlat *x, int grow,
		    const struct net_device *out, bool icmp)
{
	unsigned int tail = skb_tailroom(skb);

	if (skb_cow_head(skb, max(grow, 0) + LL_RESERVED_SPACE(out)))
		return -ENOMEM;
	if (x->tail_need > tail &&
	    pskb_expand_head(skb, 0, x->tail_need - tail, GFP_ATOMIC))
		return -ENOMEM;
	/* The device's sum covered the old headers. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	/* ICMP type changes are not pseudo-header changes: finish it now. */
	if (icmp && skb->ip_summed == CHECKSUM_PARTIAL &&
	    skb_checksum_help(skb))
		return -ENOMEM;
	x->csum_partial = skb->ip_summed == CHECKSUM_PARTIAL;
	x->mtu_in = skb->dev ? READ_ONCE(skb->dev->mtu) : 0xffff;
	return 0;
}

/*
 * Offloads: the GSO type names the IP version, and segments sized for the
 * old header must still fit the new path. TCP segments can be made
 * smaller; other GSO types that no longer fit are refused.
 */
bool dcx_fix_gso(struct sk_buff *skb, unsigned int mtu, bool to6)
{
	struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int seglen;

	if (!skb_is_gso(skb))
		return true;	/* dcx_fits_*() decided */
	if (to6 && (si->gso_type & SKB_GSO_TCPV4)) {
		si->gso_type &= ~(SKB_GSO_TCPV4 | SKB_GSO_TCP_FIXEDID);
		si->gso_type |= SKB_GSO_TCPV6;
	} else if (!to6 && (si->gso_type & SKB_GSO_TCPV6)) {
		si->gso_type &= ~SKB_GSO_TCPV6;
		si->gso_type |= SKB_GSO_TCPV4;
	}
	if (skb_gso_validate_network_len(skb, mtu))
		return true;
	if (!(si->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
		return false;
	seglen = skb_transport_offset(skb) + tcp_hdrlen(skb) + si->gso_size;
	if (seglen <= mtu || seglen - mtu >= si->gso_size)
		return false;
	skb_decrease_gso_size(si, seglen - mtu);
	si->gso_type |= SKB_GSO_DODGY;
	si->gso_segs = 0;
	return true;
}
