/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path MTU rules for a translated packet (pmtu.c, RFC 7915 4 and 5): does
 * it fit the route out, may it be fragmented, or must it be dropped with a
 * Packet Too Big / Fragmentation Needed error to its source.
 */
#ifndef DCX_PMTU_H
#define DCX_PMTU_H

#include <linux/skbuff.h>
#include "core/xlat.h"
#include "route.h"

/*
 * After plan, before prepare; mtu is the route's. Return false when the
 * packet must not be sent (x->stat set); the ICMP error has been sent then
 * (4 -> 6: unless quiet, for hairpinned packets whose IPv4 source is not
 * real). 4 -> 6 may ask for IPv6 fragmentation at *frag_max bytes (0:
 * none); 6 -> 4: reasm says the packet was reassembled, so it may be
 * fragmented.
 */
bool __dcx_fits_46(struct net *net, struct sk_buff *skb, struct dcx_xlat *x,
		   u32 mtu, u32 *frag_max, bool quiet);
static inline bool dcx_fits_46(struct net *net, struct sk_buff *skb,
			       struct dcx_xlat *x, u32 mtu, u32 *frag_max,
			       bool quiet)
{
	/* Most packets: not GSO, and as small as both MTUs, DF or not. */
	if (likely(!skb_is_gso(skb) && x->new_total <= mtu &&
		   x->new_total <= x->cfg->lowest_ipv6_mtu)) {
		*frag_max = 0;
		return true;
	}
	return __dcx_fits_46(net, skb, x, mtu, frag_max, quiet);
}
bool dcx_fits_64(struct net *net, struct sk_buff *skb, struct dcx_xlat *x,
		 u32 mtu, bool reasm);
/*
 * 6 -> 4 hairpinned (RFC 7757 4.2), after plan, before prepare: false
 * (x->stat set, ICMPv6 Packet Too Big sent) when the packet will not fit
 * the IPv6 route it leaves by after its second translation.
 */
bool dcx_fits_hairpin(struct net *net, struct dcx_rcache __percpu *rc,
		      struct sk_buff *skb, struct dcx_xlat *x, bool reasm);

#endif /* DCX_PMTU_H */
