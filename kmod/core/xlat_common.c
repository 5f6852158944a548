// SPDX-License-Identifier: GPL-2.0
/*
 * Pieces both directions and the ICMP code share: verdict helpers and the
 * IPv6 extension-header walk.
 */
#include "xlat.h"

enum dcx_action dcx_verdict_drop(struct dcx_xlat *x, enum dcxlat_stat why)
{
	x->stat = why;
	return DCX_DROP;
}

enum dcx_action dcx_verdict_pull(struct dcx_xlat *x, unsigned int need)
{
	x->need = need;
	return DCX_PULL;
}

enum dcx_action dcx_verdict_icmp(struct dcx_xlat *x, enum dcxlat_stat why,
				 u8 type, u8 code, u32 info)
{
	x->stat = why;
	x->err.type = type;
	x->err.code = code;
	x->err.info = info;
	return DCX_ICMP_ERROR;
}

enum dcx_action dcx_verdict_reasm(struct dcx_xlat *x)
{
	x->stat = DCXLAT_STAT_FRAGMENT;
	return DCX_REASSEMBLE;
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
 * Walk the extension headers up to the upper-layer header. Hop-by-hop,
 * destination options and routing headers are dropped by translation
 * (RFC 7915 5.1); the fragment header becomes IPv4 fragment fields.
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
