/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reassembly of fragmented ICMP/ICMPv6 (defrag.c). Their checksum covers
 * the whole message (and, in ICMPv6, a pseudo-header with the addresses),
 * so no fragment can be translated alone: they are reassembled with the
 * kernel's own defragmenters, translated whole and fragmented again on
 * the way out. Every other fragment is translated statelessly.
 */
#ifndef DCX_DEFRAG_H
#define DCX_DEFRAG_H

#include <linux/skbuff.h>
#include "core/xlat.h"

enum dcx_defrag {
	DCX_DEFRAG_DONE,	/* skb now holds the whole datagram */
	DCX_DEFRAG_STOLEN,	/* queued or freed by the defragmenter */
	DCX_DEFRAG_FAIL,	/* not reassembled; the caller drops skb */
};

/* Feed a fragment (network header at skb->data) to the defragmenter. */
enum dcx_defrag dcx_defrag4(struct net *net, struct sk_buff *skb);
enum dcx_defrag dcx_defrag6(struct net *net, struct sk_buff *skb);

#endif /* DCX_DEFRAG_H */
