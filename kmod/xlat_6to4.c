// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4 header translation, RFC 7915 section 5.
 */
#include "xlat.h"

/* RFC 7915 5.1: translated packets larger than this get DF set. */
#define DCX_DF_THRESHOLD	1260

/* Is this the first bytes of an ICMPv6 error we may translate? */
static bool dcx_is_icmp6_err(const u8 *nh, unsigned int linear,
			     const struct dcx_ext6 *e)
{
	if (e->proto != IPPROTO_ICMPV6 || e->frag_hdr ||
	    linear < e->hlen + sizeof(struct icmp6hdr))
		return false;
	return dcx_icmp_is_err6(nh[e->hlen]);
}

/*
 * The source decides whether an RFC 6791 address stands in: only ICMPv6
 * errors from unmappable nodes (routers on the IPv6 side) get one.
 */
static enum dcx_verdict dcx_map_src_64(struct dcx_xlat *x, const u8 *nh,
				       unsigned int linear,
				       const struct dcx_ext6 *e)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;

	if (dcx_map_64(x->cfg, &ip6->saddr, &x->src4) &&
	    !dcx_v4_special(x->src4))
		return DCX_XLAT;
	if (x->cfg->rfc6791v4.len && dcx_is_icmp6_err(nh, linear, e)) {
		x->src4 = x->cfg->rfc6791v4.addr;
		return DCX_XLAT;
	}
	x->stat = DCXLAT_STAT_UNTRANS_SRC6;
	return DCX_PASS;
}

enum dcx_verdict dcx_plan_64(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	unsigned int l4len;
	struct dcx_ext6 e;
	enum dcx_verdict v;

	if (linear < sizeof(*ip6))
		return total < sizeof(*ip6) ?
		       dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED) :
		       dcx_verdict_pull(x, sizeof(*ip6));
	if (ip6->version != 6)
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
	x->space = dcx_map_64(x->cfg, &ip6->daddr, &x->dst4);
	if (!x->space || dcx_v4_special(x->dst4)) {
		x->stat = DCXLAT_STAT_PASS_64;
		return DCX_PASS;
	}
	/* A jumbogram (payload length 0) cannot become an IPv4 packet. */
	if (ntohs(ip6->payload_len) + sizeof(*ip6) != total)
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	v = dcx_walk_ext6(x, nh, linear, total, &e);
	if (v != DCX_XLAT)
		return v;
	if (e.proto == IPPROTO_ICMPV6 && !e.frag_hdr &&
	    linear < e.hlen + sizeof(struct icmp6hdr) &&
	    total >= e.hlen + sizeof(struct icmp6hdr))
		return dcx_verdict_pull(x, e.hlen + sizeof(struct icmp6hdr));
	v = dcx_map_src_64(x, nh, linear, &e);
	if (v != DCX_XLAT)
		return v;

	x->proto = e.proto;
	x->old_nhlen = e.hlen;
	x->frag_hdr = e.frag_hdr;
	x->frag_off = e.frag_off;
	x->new_nhlen = sizeof(struct iphdr);
	x->new_total = total - e.hlen + x->new_nhlen;
	x->icmp_err = false;
	x->tail_need = 0;
	if (ip6->hop_limit <= 1)
		return dcx_verdict_drop(x, DCXLAT_STAT_TTL_EXPIRED);
	x->ttl = ip6->hop_limit - 1;

	if (x->frag_off & IP6_OFFSET) {
		/* Its checksum covers the whole message: see frag.c. */
		if (x->proto == IPPROTO_ICMPV6)
			return dcx_verdict_drop(x, DCXLAT_STAT_FRAGMENT);
		return DCX_XLAT;
	}
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
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	if (linear < x->old_nhlen + l4len)
		return dcx_verdict_pull(x, x->old_nhlen + l4len);
	if (x->proto == IPPROTO_ICMPV6) {
		/* Its checksum covers the whole message: see frag.c. */
		if (x->frag_hdr)
			return dcx_verdict_drop(x, DCXLAT_STAT_FRAGMENT);
		return dcx_icmp_plan_64(x, nh, linear, total);
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
		icmp6->icmp6_type = x->icmp_type;
		icmp6->icmp6_code = x->icmp_code;
		diff = csum_sub(dcx_csum_word_diff(old, *(__be16 *)icmp6),
				dcx_csum_pseudo6(&ip6->saddr, &ip6->daddr,
						 l4len, IPPROTO_ICMPV6));
		dcx_csum_update(&icmp6->icmp6_cksum, diff, false);
		break;
	}
}

/*
 * Write the IPv4 header translated from ip6. frag_off/frag_id come from a
 * fragment header (frag_hdr true) or are ignored.
 */
void dcx_build_ip4(struct iphdr *out, const struct ipv6hdr *ip6,
		   __be32 src, __be32 dst, u8 proto, u8 ttl,
		   unsigned int tot_len, bool frag_hdr, u16 frag_off,
		   __be32 frag_id)
{
	struct iphdr iph;
	u16 frag = 0;
	__be16 id = 0;

	if (frag_hdr) {
		frag = (frag_off >> 3) | (frag_off & IP6_MF ? IP_MF : 0);
		id = htons(ntohl(frag_id) & 0xffff);
	} else if (tot_len > DCX_DF_THRESHOLD) {
		frag = IP_DF;
	}
	iph.version = 4;
	iph.ihl = sizeof(iph) / 4;
	iph.tos = ntohl(*(const __be32 *)ip6) >> 20;
	iph.tot_len = htons(tot_len);
	iph.id = id;
	iph.frag_off = htons(frag);
	iph.ttl = ttl;
	iph.protocol = proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : proto;
	iph.check = 0;
	iph.saddr = src;
	iph.daddr = dst;
	iph.check = ip_fast_csum(&iph, iph.ihl);
	/* Built aside: the caller's buffer may overlap ip6. */
	memcpy(out, &iph, sizeof(iph));
}

u8 *dcx_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	unsigned int l4len = total - x->old_nhlen;
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	__be32 id = 0;

	if (x->icmp_err)
		return dcx_icmp_apply_64(x, nh, total);
	if (!(x->frag_off & IP6_OFFSET))
		dcx_l4_64(x, ip6, nh + x->old_nhlen, l4len);
	if (x->frag_hdr)
		id = ((const struct frag_hdr *)(nh + x->frag_hdr))->identification;
	dcx_build_ip4((struct iphdr *)new, ip6, x->src4, x->dst4, x->proto,
		      x->ttl, x->new_nhlen + l4len, x->frag_hdr, x->frag_off,
		      id);
	x->new_total = x->new_nhlen + l4len;
	return new;
}
