/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output of translated IPv6 packets that must be fragmented (fragment.c).
 */
#ifndef DCX_FRAGMENT_H
#define DCX_FRAGMENT_H

#include <linux/skbuff.h>
#include <net/dst.h>

/*
 * Send a translated IPv6 packet (network header at skb->data) through
 * dst. frag_max != 0: it may be fragmented to that size. A whole datagram
 * goes to the kernel's ip6_fragment(); a fragment (the translation of an
 * IPv4 fragment, fragment header right after the IPv6 header) is split by
 * dcx_refrag6(). Consumes skb and dst; < 0 when some output failed.
 */
int dcx_output6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 frag_max);

/*
 * Split such a fragment into fragments of at most mtu bytes: same
 * identification, offsets counted from its own, M set on all but the
 * last, which keeps the original M (RFC 7915 4, RFC 8200 4.5).
 */
int dcx_refrag6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 mtu);

#endif /* DCX_FRAGMENT_H */
