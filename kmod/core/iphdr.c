// SPDX-License-Identifier: GPL-2.0
/*
 * IP headers as translation writes and reads them (see iphdr.h): the
 * IPv6 and IPv4 header builders, RFC 7915 sections 4.1 and 5.1, and the
 * IPv6 extension-header walk.
 */
#include "verdict.h"
#include "iphdr.h"

/* RFC 7915 5.1: translated packets larger than this get DF set. */
#define DCX_DF_THRESHOLD	1260

/* Write the IPv6 header (and fragment header) translated from iph. */
void dcx_build_ip6(struct ipv6hdr *ip6, const struct iphdr *iph,
		   const struct in6_addr *src, const struct in6_addr *dst,
		   u8 proto, u8 tclass, u8 hop_limit, unsigned int payload)
{
	unsigned int frag = ntohs(iph->frag_off) & (IP_MF | IP_OFFSET);

	if (proto == IPPROTO_ICMP)
		proto = IPPROTO_ICMPV6;
	*(__be32 *)ip6 = htonl(0x60000000 | ((u32)tclass << 20));
	ip6->payload_len = htons(payload + (frag ? sizeof(struct frag_hdr) : 0));
	ip6->nexthdr = frag ? NEXTHDR_FRAGMENT : proto;
	ip6->hop_limit = hop_limit;
	ip6->saddr = *src;
	ip6->daddr = *dst;
	if (frag) {
		struct frag_hdr *fh = (struct frag_hdr *)(ip6 + 1);

		fh->nexthdr = proto;
		fh->reserved = 0;
		fh->frag_off = htons(((frag & IP_OFFSET) << 3) |
				     (frag & IP_MF ? IP6_MF : 0));
		fh->identification = htonl(ntohs(iph->id));
	}
}

/*
 * Write the IPv4 header translated from ip6. frag_off/frag_id come from a
 * fragment header (frag_hdr true) or are ignored.
 */
void dcx_build_ip4(struct iphdr *out, __be32 src, __be32 dst, u8 proto,
		   u8 tos, u8 ttl, unsigned int tot_len, bool frag_hdr,
		   u16 frag_off, __be32 frag_id)
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
	iph.tos = tos;
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

/*
 * At most this many extension headers: RFC 8200 4.1 expects each once
 * (destination options twice); a longer chain is malformed or an attack
 * on the walk, and would need more pull rounds than the datapath allows.
 */
#define DCX_MAX_EXT6	8

/*
 * Asking for a header's bytes, ask for the next header's first 8 too
 * (bounded by the packet): each extension header then costs the caller
 * one pull round, not two.
 */
static enum dcx_action dcx_pull_ahead(struct dcx_xlat *x, unsigned int end,
				       unsigned int total)
{
	return dcx_verdict_pull(x, min(end + 8, total));
}

/*
 * RFC 7915 5.1.1: a Fragment Header whose Next Header is an extension
 * header, "except ESP, but including the Authentication Header (AH)":
 * the packet "SHOULD be dropped and logged". Dropped, counted as
 * fragment-ext-header (the counter is the log: no per-packet message from
 * the datapath). The extension headers of the IANA registry besides
 * hop-by-hop and a second fragment header (malformed: bad-header).
 */
static bool dcx_ext6_after_frag(u8 next)
{
	switch (next) {
	case NEXTHDR_ROUTING:
	case NEXTHDR_DEST:
	case NEXTHDR_AUTH:
	case NEXTHDR_MOBILITY:
	case 139:		/* Host Identity Protocol */
	case 140:		/* Shim6 */
	case 253:		/* experiments, RFC 3692 */
	case 254:
		return true;
	}
	return false;
}

/*
 * Walk the extension headers up to the upper-layer header. Hop-by-hop,
 * destination options and routing headers are dropped by translation
 * (RFC 7915 5.1); the fragment header becomes IPv4 fragment fields and
 * must be the last one (dcx_ext6_after_frag).
 * `total` may be less than the packet's own length (inner packets of ICMP
 * errors are truncated), but the headers themselves must be there.
 * Hop-by-hop options anywhere but first (RFC 8200 4.1), a second fragment
 * header or more than DCX_MAX_EXT6 headers: malformed, dropped.
 */
enum dcx_action dcx_walk_ext6(struct dcx_xlat *x, const u8 *nh,
			       unsigned int linear, unsigned int total,
			       struct dcx_ext6 *e)
{
	unsigned int off = sizeof(struct ipv6hdr);
	u8 next = ((const struct ipv6hdr *)nh)->nexthdr;
	const struct ipv6_opt_hdr *opt;
	unsigned int len, n = 0;

	e->frag_hdr = 0;
	e->frag_off = 0;
	for (;; n++) {
		if (n > DCX_MAX_EXT6)
			return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
		if (e->frag_hdr && dcx_ext6_after_frag(next))
			return dcx_verdict_drop(x, DCXLAT_STAT_FRAG_EXT6);
		switch (next) {
		case NEXTHDR_HOP:
			if (off != sizeof(struct ipv6hdr))
				return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
			len = 8;
			break;
		case NEXTHDR_DEST:
		case NEXTHDR_ROUTING:
			len = 8;
			break;
		case NEXTHDR_FRAGMENT:
			if (e->frag_hdr)	/* only one is allowed */
				return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
			len = sizeof(struct frag_hdr);
			break;
		default:
			e->proto = next;
			e->hlen = off;
			return DCX_XLAT;
		}
		if (total < off + len)
			return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
		if (linear < off + len)
			return dcx_pull_ahead(x, off + len, total);
		opt = (const struct ipv6_opt_hdr *)(nh + off);
		if (next == NEXTHDR_FRAGMENT) {
			e->frag_hdr = off;
			e->frag_off =
				ntohs(((const struct frag_hdr *)opt)->frag_off);
		} else {
			len = ipv6_optlen(opt);
			if (total < off + len)
				return dcx_verdict_drop(x,
							DCXLAT_STAT_TRUNCATED);
			if (linear < off + len)
				return dcx_pull_ahead(x, off + len, total);
			/* RFC 7915 5.1: a route still to follow is an error. */
			if (next == NEXTHDR_ROUTING &&
			    ((const struct ipv6_rt_hdr *)opt)->segments_left) {
				return dcx_verdict_icmp(x,
					DCXLAT_STAT_SEGMENTS_LEFT,
					ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
					off + offsetof(struct ipv6_rt_hdr,
						       segments_left));
			}
		}
		next = opt->nexthdr;
		off += len;
	}
}
