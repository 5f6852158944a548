// SPDX-License-Identifier: GPL-2.0
/*
 * Route lookup and output of translated packets. The translator acts as the
 * router for the new family: it looks the destination up in that family's
 * FIB and hands the packet to dst_output(), so POSTROUTING, neighbour
 * resolution and qdiscs apply as for any forwarded packet.
 */
#include <linux/ip.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/route.h>
#include <net/netfilter/nf_conntrack.h>
#include "route.h"

struct dst_entry *dcx_route6(struct net *net, const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tclass)
{
	struct flowi6 fl6 = {
		.daddr = x->dst6,
		.saddr = x->src6,
		.flowi6_mark = skb->mark,
		.flowi6_proto = x->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6
							 : x->proto,
		.flowlabel = ip6_make_flowinfo(tclass, 0),
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst;

	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		int err = dst->error;

		dst_release(dst);
		return ERR_PTR(err);
	}
	return dst;
}

struct dst_entry *dcx_route4(struct net *net, const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tos)
{
	struct flowi4 fl4 = {
		.daddr = x->dst4,
		.saddr = x->src4,
		.flowi4_tos = RT_TOS(tos),
		.flowi4_mark = skb->mark,
		.flowi4_proto = x->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP
							   : x->proto,
		/* The source is the translated client, not one of ours. */
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	return &rt->dst;
}

int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
	       u32 frag_max)
{
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	nf_reset_ct(skb);
	/* The control block belonged to the old family's input path. */
	memset(skb->cb, 0, sizeof(skb->cb));
	if (frag_max) {
		/* Let ip6_fragment() cut it to frag_max (DF was clear). */
		IP6CB(skb)->frag_max_size = frag_max;
		skb->ignore_df = 1;
	}
	skb->dev = dst->dev;
	return dst_output(net, NULL, skb);
}
