// SPDX-License-Identifier: GPL-2.0
/*
 * GSO (GRO-merged or locally built super-packets): TCP and UDP_L4 are
 * translated as one packet; the GSO type is switched to the new family
 * and a TCP gso_size is reduced when the bigger header would make the
 * segments exceed the egress MTU. Every other GSO packet (fraglist,
 * tunnels, UDP datagrams that no longer fit) is segmented in software and
 * each segment is translated as if it had come alone (dispatch.c walks
 * them), so the MTU rules of pmtu.c apply to it. Checksum states: skb.c.
 */
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include "skb.h"
#include "gso.h"
#include "compat.h"

#define DCX_GSO_TCP	(SKB_GSO_TCPV4 | SKB_GSO_TCPV6)
/* GSO types translated in place; any other bit means software segments. */
#define DCX_GSO_INPLACE	(DCX_GSO_TCP | SKB_GSO_TCP_ECN | \
			 SKB_GSO_TCP_FIXEDID | SKB_GSO_DODGY | SKB_GSO_UDP_L4)

/* Transport header bytes in every segment (x->proto is TCP or UDP). */
static unsigned int dcx_gso_l4_len(const struct sk_buff *skb,
				   const struct dcx_xlat *x)
{
	const struct tcphdr *th;

	if (x->proto != IPPROTO_TCP)
		return sizeof(struct udphdr);
	/* The plan pulled the fixed TCP header into the linear area. */
	th = (const struct tcphdr *)(skb->data + x->old_nhlen);
	return th->doff * 4;
}

bool __dcx_gso_must_segment(const struct sk_buff *skb,
			    const struct dcx_xlat *x, unsigned int mtu)
{
	const struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int seglen;

	if (si->gso_type & ~DCX_GSO_INPLACE)
		return true;	/* fraglist, tunnels, partial GSO, ... */
	if (skb->ip_summed != CHECKSUM_PARTIAL || !dcx_partial_is_l4(skb, x))
		return true;
	if (si->gso_type & DCX_GSO_TCP) {
		if (x->proto != IPPROTO_TCP)
			return true;
	} else if (!(si->gso_type & SKB_GSO_UDP_L4) ||
		   x->proto != IPPROTO_UDP) {
		return true;
	}
	if (si->gso_size == GSO_BY_FRAGS)
		return true;
	seglen = x->new_nhlen + dcx_gso_l4_len(skb, x) + si->gso_size;
	if (seglen <= mtu)
		return false;
	/* TCP segments may become smaller; UDP datagrams may not. */
	return !(si->gso_type & DCX_GSO_TCP) || seglen - mtu >= si->gso_size;
}

struct sk_buff *dcx_gso_segment(struct sk_buff *skb, enum dcxlat_stat *why)
{
	struct sk_buff *segs;

	/* No checksum state to segment from: software GSO would warn. */
	if (skb->ip_summed == CHECKSUM_NONE) {
		*why = DCXLAT_STAT_BAD_HDR;
		return NULL;
	}
	/* No features: linear segments with their checksums computed. */
	segs = __skb_gso_segment(skb, 0, false);
	if (IS_ERR_OR_NULL(segs)) {
		*why = DCXLAT_STAT_NOMEM;
		return NULL;
	}
	consume_skb(skb);
	return segs;
}

/*
 * Offloads: the GSO type names the IP version, and segments sized for the
 * old header must still fit the new path. TCP segments can be made
 * smaller (dcx_gso_must_segment() sent the others to software GSO).
 */
bool __dcx_fix_gso(struct sk_buff *skb, unsigned int mtu, bool to6)
{
	struct skb_shared_info *si = skb_shinfo(skb);
	unsigned int seglen;

	if (to6 && (si->gso_type & SKB_GSO_TCPV4)) {
		si->gso_type &= ~(SKB_GSO_TCPV4 | SKB_GSO_TCP_FIXEDID);
		si->gso_type |= SKB_GSO_TCPV6;
	} else if (!to6 && (si->gso_type & SKB_GSO_TCPV6)) {
		si->gso_type &= ~SKB_GSO_TCPV6;
		si->gso_type |= SKB_GSO_TCPV4;
	}
	if (skb_gso_validate_network_len(skb, mtu))
		return true;
	if (!(si->gso_type & DCX_GSO_TCP))
		return false;
	seglen = skb_transport_offset(skb) + tcp_hdrlen(skb) + si->gso_size;
	if (seglen <= mtu || seglen - mtu >= si->gso_size)
		return false;
	/* As bpf_skb_proto_4_to_6(): skb_segment() must not trust the size. */
	skb_decrease_gso_size(si, seglen - mtu);
	si->gso_type |= SKB_GSO_DODGY;
	si->gso_segs = 0;
	return true;
}
