// SPDX-License-Identifier: GPL-2.0
/*
 * Path MTU (see pmtu.h): which translated packets fit, which get
 * fragmented on the way out (frag.c, or the kernel's own fragmenters),
 * and when the source gets a Packet Too Big / Fragmentation Needed error.
 * Owns no state: the MTU is the route's, the rules are RFC 7915's.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/dsfield.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include "icmp_err.h"
#include "route.h"
#include "pmtu.h"

bool __dcx_fits_46(struct net *net, struct sk_buff *skb, struct dcx_xlat *x,
		   u32 mtu, u32 *frag_max, bool quiet)
{
	u32 lowest = min_t(u32, mtu, x->cfg->lowest_ipv6_mtu);
	const struct iphdr *iph = ip_hdr(skb);

	*frag_max = 0;
	if (skb_is_gso(skb))
		return true;	/* dcx_fix_gso() sizes the segments */
	if (iph->frag_off & htons(IP_DF)) {
		if (x->new_total <= mtu)
			return true;
		/* Report what an IPv4 packet may be to fit after growing. */
		if (!quiet)
			dcx_send_icmp4(net, skb, ICMP_DEST_UNREACH,
				       ICMP_FRAG_NEEDED,
				       mtu - (x->new_nhlen -
					      sizeof(struct iphdr)));
		x->stat = DCXLAT_STAT_TOO_BIG;
		return false;
	}
	/*
	 * DF clear: fragment to the lowest IPv6 MTU (RFC 7915 4); a fragment
	 * is cut into smaller fragments of the same datagram (frag.c).
	 */
	if (x->new_total > lowest)
		*frag_max = lowest;
	return true;
}

bool dcx_fits_64(struct net *net, struct sk_buff *skb, struct dcx_xlat *x,
		 u32 mtu, bool reasm)
{
	/* A reassembled ICMPv6 message of 64k does not fit an IPv4 header. */
	if (x->new_total > IP_MAX_MTU) {
		x->stat = DCXLAT_STAT_TOO_BIG;
		return false;
	}
	/*
	 * DF stays clear on fragments, reassembled datagrams and small
	 * packets: IPv4 fragments them.
	 */
	if (skb_is_gso(skb) || x->new_total <= mtu || x->frag_hdr || reasm ||
	    x->new_total <= 1260)
		return true;
	dcx_send_icmp6(net, skb, ICMPV6_PKT_TOOBIG, 0,
		       max_t(u32, mtu + x->old_nhlen - x->new_nhlen,
			     IPV6_MIN_MTU));
	x->stat = DCXLAT_STAT_TOO_BIG;
	return false;
}

/*
 * RFC 7757 4.2: a hairpinned packet goes back into IPv6, so the path that
 * counts is the IPv6 route of its second leg, to the address the EAM
 * entry of its IPv4 destination gives. With DF on the IPv4 leg (no
 * fragment header, not reassembled, over 1260 bytes: what dcx_fits_64
 * lets through whole) it must fit that route whole; if not, its IPv6
 * source gets the Packet Too Big now, while skb is still the packet it
 * sent. Smaller packets fit every IPv6 link.
 */
bool dcx_fits_hairpin(struct net *net, struct dcx_rcache __percpu *rc,
		      struct sk_buff *skb, struct dcx_xlat *x, bool reasm)
{
	struct dcx_xlat leg = { .proto = x->proto };
	const struct dcx_eam *e;
	struct dst_entry *dst;
	u32 mtu;

	if (skb_is_gso(skb) || x->frag_hdr || reasm || x->new_total <= 1260)
		return true;
	e = dcx_eam_lookup4(x->space, x->dst4);
	if (!e)
		return true;
	dcx_eam_46(e, x->dst4, &leg.dst6);
	dst = dcx_route6(net, rc, skb, &leg, ipv6_get_dsfield(ipv6_hdr(skb)));
	if (IS_ERR(dst))
		return true;	/* the second leg counts no-route */
	mtu = dst_mtu(dst);	/* rc's dst: no reference to drop */
	/* The second leg's IPv6 header is 20 bytes longer than the IPv4 one. */
	if (x->new_total + sizeof(struct ipv6hdr) - sizeof(struct iphdr) <= mtu)
		return true;
	dcx_send_icmp6(net, skb, ICMPV6_PKT_TOOBIG, 0,
		       max_t(u32, mtu + x->old_nhlen - sizeof(struct ipv6hdr),
			     IPV6_MIN_MTU));
	x->stat = DCXLAT_STAT_TOO_BIG;
	return false;
}
