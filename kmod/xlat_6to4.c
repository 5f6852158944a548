// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4 header translation, RFC 7915 section 5.
 */
#include "xlat.h"

/* RFC 7915 5.1: packets larger than this get DF set. */
#define DCX_DF_THRESHOLD	1260

static bool dcx_map_64(const struct dcx_xlat_cfg *cfg,
		       const struct in6_addr *v6, __be32 *v4)
{
	return dcx_rfc6052_extract(&cfg->pool6, v6, v4);
}

static bool dcx_v4_special(__be32 a)
{
	return ipv4_is_multicast(a) || ipv4_is_lbcast(a) ||
	       ipv4_is_zeronet(a) || ipv4_is_loopback(a);
}

static enum dcx_verdict dcx_drop(struct dcx_xlat *x, enum dcxlat_stat why)
{
	x->stat = why;
	return DCX_DROP;
}

static enum dcx_verdict dcx_pull(struct dcx_xlat *x, unsigned int need)
{
	x->need = need;
	return DCX_PULL;
}

static int dcx_icmp_type_64(u8 type)
{
	switch (type) {
	case ICMPV6_ECHO_REQUEST:
		return ICMP_ECHO;
	case ICMPV6_ECHO_REPLY:
		return ICMP_ECHOREPLY;
	}
	return -1;
}

/*
 * Walk the extension headers up to the upper-layer header. Hop-by-hop,
 * destination options and routing headers are dropped by translation
 * (RFC 7915 5.1), the fragment header becomes IPv4 fragment fields.
 */
static enum dcx_verdict dcx_walk_ext(struct dcx_xlat *x, const u8 *nh,
				     unsigned int linear, unsigned int total)
{
	unsigned int off = sizeof(struct ipv6hdr);
	u8 next = ((const struct ipv6hdr *)nh)->nexthdr;
	const struct ipv6_opt_hdr *opt;
	const struct frag_hdr *fh;
	unsigned int len;

	x->frag_off = 0;
	x->frag_hdr = 0;
	for (;;) {
		switch (next) {
		case NEXTHDR_HOP:
		case NEXTHDR_DEST:
		case NEXTHDR_ROUTING:
			len = 8;
			break;
		case NEXTHDR_FRAGMENT:
			if (x->frag_hdr)	/* only one is allowed */
				return dcx_drop(x, DCXLAT_STAT_BAD_HDR);
			len = sizeof(*fh);
			break;
		default:
			x->proto = next;
			x->old_nhlen = off;
			return DCX_XLAT;
		}
		if (total < off + len)
			return dcx_drop(x, DCXLAT_STAT_TRUNCATED);
		if (linear < off + len)
			return dcx_pull(x, off + len);
		opt = (const struct ipv6_opt_hdr *)(nh + off);
		if (next == NEXTHDR_FRAGMENT) {
			fh = (const struct frag_hdr *)opt;
			x->frag_hdr = off;
			x->frag_off = ntohs(fh->frag_off);
		} else {
			len = ipv6_optlen(opt);
			if (total < off + len)
				return dcx_drop(x, DCXLAT_STAT_TRUNCATED);
		}
		next = opt->nexthdr;
		off += len;
	}
}

enum dcx_verdict dcx_plan_64(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	const struct icmp6hdr *icmp6;
	enum dcx_verdict v;
	unsigned int l4len;

	if (linear < sizeof(*ip6))
		return total < sizeof(*ip6) ? dcx_drop(x, DCXLAT_STAT_TRUNCATED)
					    : dcx_pull(x, sizeof(*ip6));
	if (ip6->version != 6)
		return dcx_drop(x, DCXLAT_STAT_BAD_HDR);
	if (!dcx_map_64(x->cfg, &ip6->daddr, &x->dst4) ||
	    dcx_v4_special(x->dst4)) {
		x->stat = DCXLAT_STAT_PASS_64;
		return DCX_PASS;
	}
	if (!dcx_map_64(x->cfg, &ip6->saddr, &x->src4) ||
	    dcx_v4_special(x->src4)) {
		x->stat = DCXLAT_STAT_UNTRANS_SRC6;
		return DCX_PASS;
	}
	/* A jumbogram (payload length 0) cannot become an IPv4 packet. */
	if (ntohs(ip6->payload_len) + sizeof(*ip6) != total)
		return dcx_drop(x, DCXLAT_STAT_TRUNCATED);
	v = dcx_walk_ext(x, nh, linear, total);
	if (v != DCX_XLAT)
		return v;
	x->new_nhlen = sizeof(struct iphdr);
	if (ip6->hop_limit <= 1)
		return dcx_drop(x, DCXLAT_STAT_TTL_EXPIRED);
	x->ttl = ip6->hop_limit - 1;

	if (x->frag_off & IP6_OFFSET)
		return DCX_XLAT;
	switch (x->proto) {
	case IPPROTO_TCP:
		l4len = sizeof(struct tcphdr);
		break;
	case IPPROTO_UDP:
		l4len = sizeof(struct udphdr);
		break;
	case IPPROTO_ICMPV6:
		l4len = sizeof(struct icmp6hdr);
		break;
	default:
		return DCX_XLAT;
	}
	if (total < x->old_nhlen + l4len)
		return dcx_drop(x, DCXLAT_STAT_TRUNCATED);
	if (linear < x->old_nhlen + l4len)
		return dcx_pull(x, x->old_nhlen + l4len);
	if (x->proto == IPPROTO_ICMPV6) {
		if (x->frag_hdr)
			return dcx_drop(x, DCXLAT_STAT_FRAGMENT);
		icmp6 = (const struct icmp6hdr *)(nh + x->old_nhlen);
		if (dcx_icmp_type_64(icmp6->icmp6_type) < 0)
			return dcx_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	}
	return DCX_XLAT;
}

static void dcx_l4_64(struct dcx_xlat *x, const struct ipv6hdr *ip6, u8 *l4,
		      unsigned int l4len)
{
	__wsum diff = csum_sub(dcx_csum_addrs4(x->src4, x->dst4),
			       dcx_csum_addrs6(&ip6->saddr, &ip6->daddr));
	struct icmp6hdr *icmp6;
	struct udphdr *uh;
	__be16 old;

	switch (x->proto) {
	case IPPROTO_TCP:
		dcx_csum_update(&((struct tcphdr *)l4)->check, diff,
				x->csum_partial);
		break;
	case IPPROTO_UDP:
		uh = (struct udphdr *)l4;
		dcx_csum_update(&uh->check, diff, x->csum_partial);
		if (!uh->check && !x->csum_partial)
			uh->check = CSUM_MANGLED_0;
		break;
	case IPPROTO_ICMPV6:
		icmp6 = (struct icmp6hdr *)l4;
		old = *(__be16 *)icmp6;
		icmp6->icmp6_type = dcx_icmp_type_64(icmp6->icmp6_type);
		diff = csum_sub(dcx_csum_word_diff(old, *(__be16 *)icmp6),
				dcx_csum_pseudo6(&ip6->saddr, &ip6->daddr,
						 l4len, IPPROTO_ICMPV6));
		dcx_csum_update(&icmp6->icmp6_cksum, diff, false);
		break;
	}
}

u8 *dcx_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	unsigned int l4len = total - x->old_nhlen;
	unsigned int tot4 = x->new_nhlen + l4len;
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	struct iphdr iph;
	u16 frag = 0;
	__be16 id = 0;

	if (!(x->frag_off & IP6_OFFSET))
		dcx_l4_64(x, ip6, nh + x->old_nhlen, l4len);

	if (x->frag_hdr) {
		const struct frag_hdr *fh =
			(const struct frag_hdr *)(nh + x->frag_hdr);

		frag = (x->frag_off >> 3) | (x->frag_off & IP6_MF ? IP_MF : 0);
		id = htons(ntohl(fh->identification) & 0xffff);
	} else if (tot4 > DCX_DF_THRESHOLD) {
		frag = IP_DF;
	}

	iph.version = 4;
	iph.ihl = sizeof(iph) / 4;
	iph.tos = ntohl(*(const __be32 *)ip6) >> 20;
	iph.tot_len = htons(tot4);
	iph.id = id;
	iph.frag_off = htons(frag);
	iph.ttl = x->ttl;
	iph.protocol = x->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : x->proto;
	iph.check = 0;
	iph.saddr = x->src4;
	iph.daddr = x->dst4;
	iph.check = ip_fast_csum(&iph, iph.ihl);
	/* Built aside: the new header ends where the old chain ended. */
	memcpy(new, &iph, sizeof(iph));
	return new;
}
