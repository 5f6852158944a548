// SPDX-License-Identifier: GPL-2.0
/*
 * Offloads and checksum state around the in-place rewrite: headroom and
 * tailroom, CHECKSUM_* states the core can update incrementally, and GSO
 * types and sizes after the network header changed family and size.
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
 * GSO (GRO-merged or locally built super-packets): TCP and UDP_L4 are
 * translated as one packet; the GSO type is switched to the new family
 * and a TCP gso_size is reduced when the bigger header would make the
 * segments exceed the egress MTU. Every other GSO packet (fraglist,
 * tunnels, UDP datagrams that no longer fit) is segmented in software and
 * each segment is translated as if it had come alone, so the MTU rules
 * of frag.c apply to it.
 */
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <linux/version.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#include <net/gso.h>		/* __skb_gso_segment() moved there in 6.4 */
#endif
#include "core/xlat.h"
#include "instance.h"
#include "offload.h"
#include "compat.h"

#define DCX_GSO_TCP	(SKB_GSO_TCPV4 | SKB_GSO_TCPV6)
/* GSO types translated in place; any other bit means software segments. */
#define DCX_GSO_INPLACE	(DCX_GSO_TCP | SKB_GSO_TCP_ECN | \
			 SKB_GSO_TCP_FIXEDID | SKB_GSO_DODGY | SKB_GSO_UDP_L4)

/* Is the partial checksum the TCP/UDP one the core updates as a seed? */
static bool dcx_partial_is_l4(const struct sk_buff *skb,
			      const struct dcx_xlat *x)
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
	/* GSO packets got here only with the partial sum in their L4 header. */
	if (dcx_partial_needs_help(skb, x, icmp) &&
	    (skb_is_gso(skb) || skb_checksum_help(skb)))
		return -ENOMEM;
	x->csum_partial = skb->ip_summed == CHECKSUM_PARTIAL;
	x->mtu_in = skb->dev ? READ_ONCE(skb->dev->mtu) : 0xffff;
	return 0;
}

/* Transport header bytes in every segment (x->proto is TCP or UDP). */
static unsigned int dcx_gso_l4_len(const struct sk_buff *skb,
				   const struct dcx_xlat *x)
{
	const struct tcphdr *th;

	if (x->proto != IPPROTO_TCP)
		return sizeof(struct udphdr);
	/* The plan pulled the fixed TCP header into the linear area. */
	th = (const struct tcphdr *)(skb->data + x->old_nhlen);
	return th->doff * 4;
}

bool __dcx_gso_must_segment(const struct sk_buff *skb,
			    const struct dcx_xlat *x, unsigned int mtu)
{
	const struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int seglen;

	if (si->gso_type & ~DCX_GSO_INPLACE)
		return true;	/* fraglist, tunnels, partial GSO, ... */
	if (skb->ip_summed != CHECKSUM_PARTIAL || !dcx_partial_is_l4(skb, x))
		return true;
	if (si->gso_type & DCX_GSO_TCP) {
		if (x->proto != IPPROTO_TCP)
			return true;
	} else if (!(si->gso_type & SKB_GSO_UDP_L4) ||
		   x->proto != IPPROTO_UDP) {
		return true;
	}
	if (si->gso_size == GSO_BY_FRAGS)
		return true;
	seglen = x->new_nhlen + dcx_gso_l4_len(skb, x) + si->gso_size;
	if (seglen <= mtu)
		return false;
	/* TCP segments may become smaller; UDP datagrams may not. */
	return !(si->gso_type & DCX_GSO_TCP) || seglen - mtu >= si->gso_size;
}

int dcx_xlat_segments(struct net *net, struct dcx_instance *inst,
		      struct sk_buff *skb, dcx_xlat_skb_fn xlat)
{
	struct sk_buff *segs, *seg, *next;

	/* No checksum state to segment from: software GSO would warn. */
	if (skb->ip_summed == CHECKSUM_NONE) {
		dcx_stat_inc(inst->stats, DCXLAT_STAT_BAD_HDR);
		return NF_DROP;
	}
	/* No features: linear segments with their checksums computed. */
	segs = __skb_gso_segment(skb, 0, false);
	if (IS_ERR_OR_NULL(segs)) {
		dcx_stat_inc(inst->stats, DCXLAT_STAT_NOMEM);
		return NF_DROP;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		if (xlat(net, inst, seg) != NF_STOLEN)
			kfree_skb(seg);
	}
	return NF_STOLEN;
}

/*
 * Offloads: the GSO type names the IP version, and segments sized for the
 * old header must still fit the new path. TCP segments can be made
 * smaller (dcx_gso_must_segment() sent the others to software GSO).
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
	if (!(si->gso_type & DCX_GSO_TCP))
		return false;
	seglen = skb_transport_offset(skb) + tcp_hdrlen(skb) + si->gso_size;
	if (seglen <= mtu || seglen - mtu >= si->gso_size)
		return false;
	/* As bpf_skb_proto_4_to_6(): skb_segment() must not trust the size. */
	skb_decrease_gso_size(si, seglen - mtu);
	si->gso_type |= SKB_GSO_DODGY;
	si->gso_segs = 0;
	return true;
}
