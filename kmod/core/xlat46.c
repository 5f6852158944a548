// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 -> IPv6, RFC 7915 section 4 (see xlat46.h): plan and apply of the
 * outer packet; the addresses come from map.c, the headers from iphdr.c,
 * the transport checksums from transport.c, ICMP from icmp46.c.
 */
#include "verdict.h"
#include "addr.h"
#include "eamt.h"
#include "map.h"
#include "iphdr.h"
#include "transport.h"
#include "icmp.h"
#include "icmp46.h"
#include "xlat46.h"

static enum dcx_action dcx_plan_l4_46(struct dcx_xlat *x, const u8 *nh,
				       unsigned int linear,
				       unsigned int total, bool frag)
{
	unsigned int ihl = x->old_nhlen;

	switch (x->proto) {
	case IPPROTO_IGMP:
		/* RFC 7915 4.2: single-hop, silently dropped. */
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	case IPPROTO_ICMP:
		/* Its checksum covers the whole message: reassemble first. */
		if (frag)
			return dcx_verdict_reasm(x);
		return dcx_icmp_plan_46(x, nh, linear, total);
	case IPPROTO_UDP:
		if (((const struct udphdr *)(nh + ihl))->check)
			break;
		/*
		 * A zero UDP checksum is not allowed in IPv6 (RFC 7915 4.5):
		 * compute it, which needs the whole datagram, or drop.
		 */
		if (x->cfg->udp_zero == DCXLAT_UDP0_DROP)
			return dcx_verdict_drop(x, DCXLAT_STAT_UDP_ZERO_CSUM);
		if (frag)
			return dcx_verdict_drop(x, DCXLAT_STAT_UDP_ZERO_FRAG);
		if (linear < total)
			return dcx_verdict_pull(x, total);
		break;
	}
	return DCX_XLAT;
}

/*
 * RFC 7915 4.1: a packet with an unexpired loose or strict source route
 * option must not be translated (the route cannot be followed in IPv6).
 */
static bool dcx_src_route_live(const u8 *opt, unsigned int len)
{
	unsigned int i = 0, olen;

	while (i < len) {
		if (opt[i] == IPOPT_END)
			break;
		if (opt[i] == IPOPT_NOOP) {
			i++;
			continue;
		}
		if (i + 1 >= len)
			break;
		olen = opt[i + 1];
		if (olen < 2 || i + olen > len)
			break;
		if ((opt[i] == IPOPT_LSRR || opt[i] == IPOPT_SSRR) &&
		    olen >= 3 && opt[i + 2] <= olen)
			return true;
		i += olen;
	}
	return false;
}

/*
 * RFC 7756 6: an Edge Relay translates only what comes from its own nodes,
 * the sources its local EAM entries cover (not the remote ones of 5.2,
 * figure 6); anything else would leave the BR with a spoofed IPv4 source
 * (ingress filtering, RFC 2827). An ICMPv4 error
 * from elsewhere (a router on the ER's IPv4 side) may still take an
 * RFC 6791 source, which no IPv4 host can be spoofed as.
 */
static bool dcx_er_ingress_drop(const struct dcx_xlat *x, __be32 src)
{
	const struct dcx_space *s = x->space ?: x->cfg->tables->def;

	return x->cfg->role == DCXLAT_ROLE_ER && x->cfg->er_filter &&
	       !x->hairpin && !dcx_eam_local4(s, src);
}

/*
 * Hairpin pass (RFC 7757 4.2): the source maps by the prefix so that the
 * receiver answers through the translator. An ICMP error is the answer
 * itself: only when it comes from the node its packet hairpinned to (its
 * source is the quoted destination) does that hold; an error from a third
 * node keeps that node's own mapping.
 */
static bool dcx_hairpin_src_by_prefix(const struct dcx_xlat *x,
				      const u8 *nh, unsigned int linear)
{
	const struct iphdr *iph = (const struct iphdr *)nh;
	unsigned int in = x->old_nhlen + sizeof(struct icmphdr);

	if (!x->hairpin)
		return false;
	if (iph->protocol != IPPROTO_ICMP || (iph->frag_off & htons(IP_OFFSET)) ||
	    linear < in + sizeof(struct iphdr) ||
	    !dcx_icmp_is_err4(nh[x->old_nhlen]))
		return true;
	return iph->saddr == ((const struct iphdr *)(nh + in))->daddr;
}

/*
 * The source of a packet whose destination is ours. RFC 7915 4.1: an
 * illegal source is dropped (addr.c's special addresses, link-local
 * included: RFC 3927 7, counted as special-v4-dropped). So is one without a mapping (the packet is
 * for the IPv6 side and cannot go anywhere else: counted as
 * untranslatable-src4; with the well-known prefix and a non-global
 * address, wkp-non-global), except an ICMPv4 error, whose source may be an
 * IPv4 router: it gets an address of the RFC 6791 IPv6 pool when one is
 * set. In the hairpin pass the source maps by the prefix only.
 */
static enum dcx_action dcx_map_src_46(struct dcx_xlat *x, const u8 *nh,
				       unsigned int linear,
				       unsigned int total)
{
	const struct iphdr *iph = (const struct iphdr *)nh;
	unsigned int ihl = x->old_nhlen;
	enum dcx_map how = DCX_MAP_NONE;
	bool er_drop;

	if (dcx_v4_special(iph->saddr))
		return dcx_verdict_drop(x, DCXLAT_STAT_SPECIAL_DROP);
	/* An ER's RFC 6791 source is no spoofed IPv4 address: allowed. */
	er_drop = dcx_er_ingress_drop(x, iph->saddr);
	if (!er_drop)
		how = dcx_map_46_how(x->cfg, x->space, iph->saddr, &x->src6,
				     dcx_hairpin_src_by_prefix(x, nh, linear));
	if (how >= DCX_MAP_EAM)
		return DCX_XLAT;
	/* A router with a private address is the classic RFC 6791 case. */
	if (x->cfg->rfc6791v6.len && iph->protocol == IPPROTO_ICMP &&
	    !(ntohs(iph->frag_off) & (IP_MF | IP_OFFSET)) && total > ihl) {
		if (linear <= ihl)
			return dcx_verdict_pull(x, ihl + 1);
		if (dcx_icmp_is_err4(nh[ihl])) {
			dcx_rfc6791_pick6(&x->cfg->rfc6791v6, iph->saddr,
					  &x->src6);
			return DCX_XLAT;
		}
	}
	if (er_drop)
		return dcx_verdict_drop(x, DCXLAT_STAT_ER_INGRESS);
	if (how == DCX_MAP_NONGLOBAL)
		return dcx_verdict_drop(x, DCXLAT_STAT_NONGLOBAL_V4);
	return dcx_verdict_drop(x, DCXLAT_STAT_UNTRANS_SRC4);
}

/*
 * Is the destination ours? Special addresses never are, whatever the
 * prefix (addr.c: broadcast, multicast, link-local... are the IPv4
 * stack's own), counted as special-v4-passed; with the well-known prefix
 * a non-global one is not either (RFC 6052 3.1): it is left to the IPv4
 * stack, counted as wkp-non-global.
 */
static bool dcx_map_dst_46(struct dcx_xlat *x, __be32 dst)
{
	enum dcx_map how;

	x->stat = DCXLAT_STAT_PASS_46;
	if (dcx_v4_special(dst)) {
		x->stat = DCXLAT_STAT_SPECIAL_PASS4;
		return false;
	}
	how = dcx_map_46_how(x->cfg, x->space, dst, &x->dst6, false);
	if (how == DCX_MAP_NONGLOBAL)
		x->stat = DCXLAT_STAT_NONGLOBAL_V4;
	return how >= DCX_MAP_EAM;
}

enum dcx_action dcx_plan_46(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total)
{
	const struct iphdr *iph = (const struct iphdr *)nh;
	unsigned int ihl, l4len, frag;
	enum dcx_action v;

	if (linear < sizeof(*iph))
		return total < sizeof(*iph) ?
		       dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED) :
		       dcx_verdict_pull(x, sizeof(*iph));
	ihl = iph->ihl * 4;
	if (iph->version != 4 || ihl < sizeof(*iph))
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
	if (ntohs(iph->tot_len) != total || total < ihl)
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	if (linear < ihl)
		return dcx_verdict_pull(x, ihl);
	if (!dcx_map_dst_46(x, iph->daddr))
		return DCX_PASS;

	x->proto = iph->protocol;
	x->old_nhlen = ihl;
	x->icmp_err = false;
	x->tail_need = 0;
	v = dcx_map_src_46(x, nh, linear, total);
	if (v != DCX_XLAT)
		return v;
	frag = ntohs(iph->frag_off) & (IP_MF | IP_OFFSET);
	x->new_nhlen = sizeof(struct ipv6hdr) +
		       (frag ? sizeof(struct frag_hdr) : 0);
	x->new_total = total - ihl + x->new_nhlen;
	if (x->hairpin) {
		/* Second pass: the first one decremented it already. */
		x->ttl = iph->ttl;
	} else {
		if (iph->ttl <= 1)
			return dcx_verdict_icmp(x, DCXLAT_STAT_TTL_EXPIRED,
						ICMP_TIME_EXCEEDED,
						ICMP_EXC_TTL, 0);
		x->ttl = iph->ttl - 1;
	}
	if (dcx_src_route_live(nh + sizeof(*iph), ihl - sizeof(*iph)))
		return dcx_verdict_icmp(x, DCXLAT_STAT_SRC_ROUTE,
					ICMP_DEST_UNREACH, ICMP_SR_FAILED, 0);

	if (frag & IP_OFFSET) {
		/* Its checksum covers the whole message: reassemble first. */
		if (x->proto == IPPROTO_ICMP)
			return dcx_verdict_reasm(x);
		return DCX_XLAT;	/* no transport header in this one */
	}
	l4len = dcx_l4_hdr_len(x->proto, IPPROTO_ICMP);
	if (total < ihl + l4len)
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	if (linear < ihl + l4len)
		return dcx_verdict_pull(x, ihl + l4len);
	return dcx_plan_l4_46(x, nh, linear, total, frag);
}

u8 *dcx_apply_46(struct dcx_xlat *x, u8 *nh, unsigned int total)
{
	struct iphdr iph = *(struct iphdr *)nh;
	unsigned int l4len = total - x->old_nhlen;
	u8 *new = nh + x->old_nhlen - x->new_nhlen;

	if (x->icmp_err)
		return dcx_icmp_apply_46(x, nh);
	if (!(ntohs(iph.frag_off) & IP_OFFSET))
		dcx_transport_46(x, &iph, nh + x->old_nhlen, l4len);
	/* The old header was copied above: the new one may overlap it. */
	dcx_build_ip6((struct ipv6hdr *)new, &iph, &x->src6, &x->dst6,
		      x->proto, dcx_tclass_46(x->cfg, &iph), x->ttl, l4len);
	x->new_total = x->new_nhlen + l4len;
	return new;
}
