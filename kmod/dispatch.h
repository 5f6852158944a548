/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dispatch step (dispatch.c): one packet, one instance. The core's
 * plan decides an action (enum dcx_action); dispatch carries it out the
 * same way for both directions: pass, drop, answer with an ICMP error,
 * reassemble and plan again, or translate (route, path MTU, software
 * segments, rewrite, send; hairpinning).
 */
#ifndef DCX_DISPATCH_H
#define DCX_DISPATCH_H

#include <linux/skbuff.h>
#include <net/net_namespace.h>

struct dcx_instance;

/* Result meaning "not this instance's packet": try the next instance. */
#define DCX_NEXT		(-1)

/*
 * An IPv4 (46) or IPv6 (64) packet in PREROUTING, network header at
 * skb->data, under RCU. Returns DCX_NEXT, NF_DROP, or NF_STOLEN once skb
 * has been sent or queued.
 */
int dcx_dispatch46(struct net *net, struct dcx_instance *inst,
		   struct sk_buff *skb);
int dcx_dispatch64(struct net *net, struct dcx_instance *inst,
		   struct sk_buff *skb);

#endif /* DCX_DISPATCH_H */
