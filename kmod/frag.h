/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fragments (frag.c): reassembly of the few that cannot be translated
 * alone, and re-fragmentation of translated IPv6 packets on the way out.
 *
 * Fragmented ICMP/ICMPv6: their checksum covers the whole message (and,
 * in ICMPv6, a pseudo-header with the addresses), so no fragment can be
 * translated alone: they are reassembled with the kernel's own
 * defragmenters, translated whole and fragmented again on the way out.
 * Every other fragment is translated statelessly, and one that no longer
 * fits is cut into smaller fragments of the same datagram.
 */
#ifndef DCX_FRAG_H
#define DCX_FRAG_H

#include <linux/skbuff.h>
#include <net/dst.h>

enum dcx_defrag {
	DCX_DEFRAG_DONE,	/* skb now holds the whole datagram */
	DCX_DEFRAG_STOLEN,	/* queued or freed by the defragmenter */
	DCX_DEFRAG_FAIL,	/* not reassembled; the caller drops skb */
};

/* Feed a fragment (network header at skb->data) to the defragmenter. */
enum dcx_defrag dcx_defrag4(struct net *net, struct sk_buff *skb);
enum dcx_defrag dcx_defrag6(struct net *net, struct sk_buff *skb);

/*
 * Send a translated IPv6 packet (network header at skb->data) through
 * dst. frag_max != 0: it may be fragmented to that size. A whole datagram
 * is cut into fragments with identification id4, the ID of the IPv4
 * packet it was translated from (RFC 7915 4.1); a fragment (the
 * translation of an IPv4 fragment, fragment header right after the IPv6
 * header) is split by dcx_refrag6(). Consumes skb and dst; < 0 when some
 * output failed.
 */
int dcx_output6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 frag_max, __be16 id4);

/*
 * Split such a fragment into fragments of at most mtu bytes: same
 * identification, offsets counted from its own, M set on all but the
 * last, which keeps the original M (RFC 7915 4, RFC 8200 4.5).
 */
int dcx_refrag6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 mtu);

#endif /* DCX_FRAG_H */
