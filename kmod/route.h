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
/*
 * An IPv4 route to one of the translator's own addresses (local
 * delivery): such a packet is not translated (see dispatch.c).
 */
bool dcx_route_local(const struct dst_entry *dst);
/*
 * Hand the translated packet (network header at skb->data) to dst. An
 * IPv6 packet that must be fragmented goes through frag.c first.
 */
int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst);

#endif /* DCX_ROUTE_H */
