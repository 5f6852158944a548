/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DCX_ROUTE_H
#define DCX_ROUTE_H

#include <linux/skbuff.h>
#include <net/dst.h>
#include "core/xlat.h"

/* An instance's per-CPU memo of route lookups (route.c). */
struct dcx_rcache;
struct dcx_rcache __percpu *dcx_rcache_alloc(void);
/* After the instance's grace period: drops every dst it holds. */
void dcx_rcache_free(struct dcx_rcache __percpu *rc);

/*
 * Route the translated packet; ERR_PTR on failure. The dst is rc's: no
 * reference for the caller, valid until the end of the RCU read side
 * (the packet path's), to be sent with dcx_output_noref() or cloned.
 * dcx_route4: -ENOLINK when the space waits for its VRF (never routed in
 * the main table instead).
 */
struct dst_entry *dcx_route6(struct net *net, struct dcx_rcache __percpu *rc,
			     const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tclass);
struct dst_entry *dcx_route4(struct net *net, struct dcx_rcache __percpu *rc,
			     const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tos);
/*
 * An IPv4 route to one of the translator's own addresses (local
 * delivery): such a packet is not translated (see dispatch.c).
 */
bool dcx_route_local(const struct dst_entry *dst);
/*
 * The route type of IPv4 daddr as the stack sees it for a packet that
 * came in on dev (inet_addr_type_dev_table()): RTN_LOCAL for the box
 * itself, RTN_UNICAST for anything routed on.
 */
unsigned int dcx_route_type4(struct net *net, struct dcx_rcache __percpu *rc,
			     const struct net_device *dev, __be32 daddr);
/*
 * Hand the translated packet (network header at skb->data) to dst,
 * consuming the caller's reference. An IPv6 packet that must be
 * fragmented goes through frag.c first.
 */
int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst);
/* The same with a dst of dcx_route4/6() (no reference taken). */
int dcx_output_noref(struct net *net, struct sk_buff *skb,
		     struct dst_entry *dst);

#endif /* DCX_ROUTE_H */
