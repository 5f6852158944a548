// SPDX-License-Identifier: GPL-2.0
/*
 * Fragmentation and path MTU: which translated packets fit, which get
 * fragmented by the kernel's own fragmenters, and the Packet Too Big /
 * Fragmentation Needed errors the translator sends itself.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/l3mdev.h>
#include "frag.h"

/*
 * icmp_send() answers through the packet's input route, which a packet in
 * PREROUTING does not have yet: give it the route back to its source, as
 * nf_send_unreach() does.
 */
void dcx_send_icmp4(struct net *net, struct sk_buff *skb, u8 type, u8 code,
		    u32 info)
{
	struct flowi4 fl4 = {
		.daddr = ip_hdr(skb)->saddr,
		/* Back into the routing domain (VRF) the packet came from. */
		.flowi4_l3mdev = l3mdev_master_ifindex_rcu(skb->dev),
	};
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;
	skb_dst_drop(skb);
	skb_dst_set(skb, &rt->dst);
	icmp_send(skb, type, code, htonl(info));
}

void dcx_send_icmp6(struct sk_buff *skb, u8 type, u8 code, u32 info)
{
	icmpv6_send(skb, type, code, info);
}

bool dcx_fits_46(struct net *net, struct sk_buff *skb, struct dcx_xlat *x,
		 const struct dst_entry *dst, u32 *frag_max, bool quiet)
{
	u32 mtu = dst_mtu(dst);
	u32 lowest = min_t(u32, mtu, x->cfg->lowest_ipv6_mtu);
	const struct iphdr *iph = ip_hdr(skb);

	*frag_max = 0;
	if (skb_is_gso(skb))
		return true;	/* dcx_fix_gso() sizes the segments */
	if (iph->frag_off & htons(IP_DF)) {
		if (x->new_total <= mtu)
			return true;
		/* Report what an IPv4 packet may be to fit after growing. */
		if (!quiet)
			dcx_send_icmp4(net, skb, ICMP_DEST_UNREACH,
				       ICMP_FRAG_NEEDED,
				       mtu - (x->new_nhlen -
					      sizeof(struct iphdr)));
		x->stat = DCXLAT_STAT_TOO_BIG;
		return false;
	}
	/*
	 * DF clear: fragment to the lowest IPv6 MTU (RFC 7915 4); a fragment
	 * is cut into smaller fragments of the same datagram (fragment.c).
	 */
	if (x->new_total > lowest)
		*frag_max = lowest;
	return true;
}

bool dcx_fits_64(struct sk_buff *skb, struct dcx_xlat *x,
		 const struct dst_entry *dst, bool reasm)
{
	u32 mtu = dst_mtu(dst);

	/* A reassembled ICMPv6 message of 64k does not fit an IPv4 header. */
	if (x->new_total > IP_MAX_MTU) {
		x->stat = DCXLAT_STAT_TOO_BIG;
		return false;
	}
	/*
	 * DF stays clear on fragments, reassembled datagrams and small
	 * packets: IPv4 fragments them.
	 */
	if (skb_is_gso(skb) || x->new_total <= mtu || x->frag_hdr || reasm ||
	    x->new_total <= 1260)
		return true;
	dcx_send_icmp6(skb, ICMPV6_PKT_TOOBIG, 0,
		       max_t(u32, mtu + x->old_nhlen - x->new_nhlen,
			     IPV6_MIN_MTU));
	x->stat = DCXLAT_STAT_TOO_BIG;
	return false;
}
