/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Proxy NDP for the addresses dcxlat translates (ndp.c): on the one uplink
 * named by the ndp-proxy setting, Neighbor Solicitations for any address
 * of a space prefix or an EAM IPv6 prefix get a Neighbor Advertisement
 * with the uplink's link-layer address, so an upstream router that only
 * has an on-link /64 (no routed prefix) delivers them to this host.
 */
#ifndef DCX_NDP_H
#define DCX_NDP_H

#include <linux/skbuff.h>
#include "core/xlat.h"

/* What became of a packet on the uplink. */
enum dcx_ndp {
	DCX_NDP_OTHER,		/* no valid Neighbor Solicitation */
	DCX_NDP_ANSWERED,	/* answered: the caller drops it */
	DCX_NDP_IGNORED,	/* a solicitation for someone else */
};

/*
 * skb is an IPv6 packet received on the ndp-proxy uplink (PREROUTING).
 * Unless answered, the packet goes on untouched. RCU.
 */
enum dcx_ndp dcx_ndp_proxy(struct net *net, const struct dcx_xlat_cfg *cfg,
			   struct sk_buff *skb);

#endif /* DCX_NDP_H */
