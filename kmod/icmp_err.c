// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP errors from the translator (see icmp_err.h). The packet is still in
 * PREROUTING, so an IPv4 error needs a route back to the source first.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/l3mdev.h>
#include "icmp_err.h"

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

void dcx_send_icmp6(struct net *net, struct sk_buff *skb, u8 type, u8 code,
		    u32 info)
{
	icmpv6_send(skb, type, code, info);
}
