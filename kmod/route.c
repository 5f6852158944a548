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
#include "core/tables.h"

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

/*
 * The routing domain of a space: its VRF (an l3mdev master as oif sends
 * the lookup to the VRF's table through the l3mdev FIB rule, exactly as a
 * socket bound to the VRF), else the netns' own rules and tables. A
 * space whose VRF device went away (-1) routes nowhere: its packets must
 * never fall back to another tenant's routes.
 */
static int dcx_route4_oif(const struct dcx_xlat *x)
{
	return x->space ? READ_ONCE(x->space->vrf_ifindex) : 0;
}

struct dst_entry *dcx_route4(struct net *net, const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tos)
{
	int oif = dcx_route4_oif(x);
	struct flowi4 fl4 = {
		.flowi4_oif = oif > 0 ? oif : 0,
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

	if (oif < 0)
		return ERR_PTR(-ENODEV);
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	return &rt->dst;
}

bool dcx_route_local(const struct dst_entry *dst)
{
	return container_of(dst, const struct rtable, dst)->rt_type == RTN_LOCAL;
}

int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst)
{
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	nf_reset_ct(skb);
	/* The control block belonged to the old family's input path. */
	memset(skb->cb, 0, sizeof(skb->cb));
	skb->dev = dst->dev;
	return dst_output(net, NULL, skb);
}
