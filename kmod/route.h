/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DCX_ROUTE_H
#define DCX_ROUTE_H

#include <linux/skbuff.h>
#include <net/dst.h>
#include "core/xlat.h"

/* Route the translated packet; ERR_PTR on failure. */
struct dst_entry *dcx_route6(struct net *net, const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tclass);
struct dst_entry *dcx_route4(struct net *net, const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tos);
/* Hand the translated packet (network header at skb->data) to dst. */
/* frag_max: fragment an IPv6 packet to this size (0: don't). */
int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
	       u32 frag_max);

#endif /* DCX_ROUTE_H */
