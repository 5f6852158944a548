// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4, RFC 7915 section 5 (see xlat64.h): plan and apply of the
 * outer packet; the addresses come from map.c, the headers and the
 * extension-header walk from iphdr.c, the transport checksums from
 * transport.c, ICMPv6 from icmp64.c.
 */
#include "verdict.h"
#include "addr.h"
#include "eamt.h"
#include "map.h"
#include "iphdr.h"
#include "transport.h"
#include "icmp.h"
#include "icmp64.h"
#include "xlat64.h"

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
 * RFC 7756 6, Edge Relay: an IPv6 source that is one of the ER's own
 * service addresses, or that translates to one of its IPv4 service
 * addresses, is spoofed (the IPv4 node would take it for itself). The
 * service addresses are those of the local EAM entries: the "additional"
 * entries of RFC 7756 5.2 (remote services the local nodes talk to
 * directly, figure 6) are added as remote, and their IPv6 side is a
 * legitimate source.
 */
static enum dcx_action dcx_er_spoof_64(struct dcx_xlat *x, enum dcx_map how)
{
	if (x->cfg->role != DCXLAT_ROLE_ER || !x->cfg->er_filter)
		return DCX_XLAT;
	/* An EAM-mapped source maps into its own entry, of this space. */
	if (!dcx_eam_local4(x->space, x->src4))
		return DCX_XLAT;
	return dcx_verdict_drop(x, how == DCX_MAP_EAM ? DCXLAT_STAT_ER_SPOOF6 :
							DCXLAT_STAT_ER_SPOOF4);
}

/*
 * The source must map in the destination's space (else cross-space,
 * dropped); an ICMPv6 error from an unmappable node (a router on the
 * IPv6 side) gets an address of the RFC 6791 pool instead; any other
 * unmappable source is not ours. With the well-known prefix a non-global
 * IPv4 address is dropped (RFC 6052 3.1: "MUST drop"), with any prefix a
 * special one (RFC 7915 5.1 "illegal", RFC 3927 7 link-local).
 */
static enum dcx_action dcx_map_src_64(struct dcx_xlat *x, const u8 *nh,
				       unsigned int linear,
				       const struct dcx_ext6 *e)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	const struct dcx_space *s;
	enum dcx_map how;

	s = dcx_map_64_how(x->cfg, &ip6->saddr, &x->src4, &how);
	if (how == DCX_MAP_NONGLOBAL)
		return dcx_verdict_drop(x, DCXLAT_STAT_NONGLOBAL_V4);
	if (s && dcx_v4_special(x->src4))
		return dcx_verdict_drop(x, DCXLAT_STAT_SPECIAL_DROP);
	if (s) {
		if (s != x->space)
			return dcx_verdict_drop(x, DCXLAT_STAT_CROSS_SPACE);
		return dcx_er_spoof_64(x, how);
	}
	if (x->cfg->rfc6791v4.len && dcx_is_icmp6_err(nh, linear, e)) {
		x->src4 = dcx_rfc6791_pick4(&x->cfg->rfc6791v4, &ip6->saddr);
		return DCX_XLAT;
	}
	x->stat = DCXLAT_STAT_UNTRANS_SRC6;
	return DCX_PASS;
}

static enum dcx_action dcx_plan_64_hdrs(struct dcx_xlat *x, const u8 *nh,
					 unsigned int linear,
					 unsigned int total, enum dcx_map *dhow)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	unsigned int l4len;
	struct dcx_ext6 e;
	enum dcx_action v;

	if (linear < sizeof(*ip6))
		return total < sizeof(*ip6) ?
		       dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED) :
		       dcx_verdict_pull(x, sizeof(*ip6));
	if (ip6->version != 6)
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
	x->space = dcx_map_64_how(x->cfg, &ip6->daddr, &x->dst4, dhow);
	if (*dhow == DCX_MAP_NONGLOBAL)
		return dcx_verdict_drop(x, DCXLAT_STAT_NONGLOBAL_V4);
	if (!x->space) {
		x->stat = DCXLAT_STAT_PASS_64;
		return DCX_PASS;
	}
	/* Ours, but no IPv4 router may forward it there (addr.c). */
	if (dcx_v4_special(x->dst4))
		return dcx_verdict_drop(x, DCXLAT_STAT_SPECIAL_DROP);
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
		return dcx_verdict_icmp(x, DCXLAT_STAT_TTL_EXPIRED,
					ICMPV6_TIME_EXCEED,
					ICMPV6_EXC_HOPLIMIT, 0);
	x->ttl = ip6->hop_limit - 1;

	if (x->frag_off & IP6_OFFSET) {
		/* Its checksum covers the whole message: reassemble first. */
		if (x->proto == IPPROTO_ICMPV6)
			return dcx_verdict_reasm(x);
		return DCX_XLAT;
	}
	l4len = dcx_l4_hdr_len(x->proto, IPPROTO_ICMPV6);
	if (!l4len)
		return DCX_XLAT;
	if (total < x->old_nhlen + l4len)
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	if (linear < x->old_nhlen + l4len)
		return dcx_verdict_pull(x, x->old_nhlen + l4len);
	/* RFC 8200 8.1: a zero UDP checksum is invalid in IPv6. */
	if (x->proto == IPPROTO_UDP && !x->csum_partial &&
	    !((const struct udphdr *)(nh + x->old_nhlen))->check)
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
	if (x->proto == IPPROTO_ICMPV6) {
		/* Its checksum covers the whole message: reassemble first. */
		if (x->frag_hdr)
			return dcx_verdict_reasm(x);
		return dcx_icmp_plan_64(x, nh, linear, total);
	}
	return DCX_XLAT;
}

/*
 * RFC 7757 4.2: a destination reached through the prefix whose IPv4
 * address is itself an EAM entry of the space (an IPv6 node addressing
 * another one by its IPv4 service address) goes back into IPv6. ICMPv6
 * errors are decided on their inner source in icmp64.c.
 */
enum dcx_action dcx_plan_64(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total)
{
	enum dcx_map dhow = DCX_MAP_NONE;
	enum dcx_action v;

	x->hairpin = false;
	v = dcx_plan_64_hdrs(x, nh, linear, total, &dhow);
	if (v == DCX_XLAT && x->cfg->hairpin && !x->icmp_err &&
	    dhow == DCX_MAP_POOL6 && dcx_eam_lookup4(x->space, x->dst4))
		x->hairpin = true;
	return v;
}

u8 *dcx_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	unsigned int l4len = total - x->old_nhlen;
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	__be32 id = 0;

	if (x->icmp_err)
		return dcx_icmp_apply_64(x, nh);
	if (!(x->frag_off & IP6_OFFSET))
		dcx_transport_64(x, ip6, nh + x->old_nhlen, l4len);
	if (x->frag_hdr)
		id = ((const struct frag_hdr *)(nh + x->frag_hdr))->identification;
	dcx_build_ip4((struct iphdr *)new, x->src4, x->dst4, x->proto,
		      dcx_tos_64(x->cfg, ip6), x->ttl, x->new_nhlen + l4len,
		      x->frag_hdr, x->frag_off, id);
	x->new_total = x->new_nhlen + l4len;
	return new;
}
