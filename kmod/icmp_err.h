/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMP errors the translator itself sends (icmp_err.c): to the source of
 * an untranslated packet, in that packet's own family, e.g. Time Exceeded
 * from the plan or Packet Too Big from the path-MTU rules (pmtu.c).
 * Both are rate-limited by the kernel (icmp_ratelimit, icmp/ratelimit).
 */
#ifndef DCX_ICMP_ERR_H
#define DCX_ICMP_ERR_H

#include <linux/skbuff.h>
#include <net/net_namespace.h>

/* skb is the offending packet, network header at skb->data; info: host. */
void dcx_send_icmp4(struct net *net, struct sk_buff *skb, u8 type, u8 code,
		    u32 info);
/* Same signature as dcx_send_icmp4(); net is the skb's own. */
void dcx_send_icmp6(struct net *net, struct sk_buff *skb, u8 type, u8 code,
		    u32 info);

#endif /* DCX_ICMP_ERR_H */
