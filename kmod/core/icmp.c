// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv4 <-> ICMPv6, RFC 7915 sections 4.2 and 5.2: type/code mapping,
 * pointer and MTU arithmetic, and the translation of the packet inside an
 * ICMP error, so the receiver can match the error to its own flow.
 */
#include "tables.h"

/* RFC 1191 section 7 plateau table, highest first. */
static const u16 dcx_plateaus[] = {
	65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68
};

bool dcx_icmp_is_err4(u8 type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

bool dcx_icmp_is_err6(u8 type)
{
	return !(type & ICMPV6_INFOMSG_MASK);
}

/* RFC 7915 4.2, ICMPv4 Destination Unreachable codes. */
static bool dcx_unreach_46(u8 code, u8 *type6, u8 *code6)
{
	*type6 = ICMPV6_DEST_UNREACH;
	switch (code) {
	case ICMP_NET_UNREACH:
	case ICMP_HOST_UNREACH:
	case ICMP_SR_FAILED:
	case ICMP_NET_UNKNOWN:
	case ICMP_HOST_UNKNOWN:
	case ICMP_HOST_ISOLATED:
	case ICMP_NET_UNR_TOS:
	case ICMP_HOST_UNR_TOS:
		*code6 = ICMPV6_NOROUTE;
		return true;
	case ICMP_PROT_UNREACH:
		*type6 = ICMPV6_PARAMPROB;
		*code6 = ICMPV6_UNK_NEXTHDR;
		return true;
	case ICMP_PORT_UNREACH:
		*code6 = ICMPV6_PORT_UNREACH;
		return true;
	case ICMP_FRAG_NEEDED:
		*type6 = ICMPV6_PKT_TOOBIG;
		*code6 = 0;
		return true;
	case ICMP_NET_ANO:
	case ICMP_HOST_ANO:
	case ICMP_PKT_FILTERED:
	case ICMP_PREC_CUTOFF:
		*code6 = ICMPV6_ADM_PROHIBITED;
		return true;
	}
	return false;	/* 14 (host precedence violation) and unknown */
}

bool dcx_icmp_map_46(u8 type, u8 code, u8 *type6, u8 *code6)
{
	switch (type) {
	case ICMP_ECHO:
		/* RFC 7915 4.2: only the type changes. */
		*type6 = ICMPV6_ECHO_REQUEST;
		*code6 = code;
		return true;
	case ICMP_ECHOREPLY:
		*type6 = ICMPV6_ECHO_REPLY;
		*code6 = code;
		return true;
	case ICMP_DEST_UNREACH:
		return dcx_unreach_46(code, type6, code6);
	case ICMP_TIME_EXCEEDED:
		*type6 = ICMPV6_TIME_EXCEED;
		*code6 = code;
		return code <= ICMP_EXC_FRAGTIME;
	case ICMP_PARAMETERPROB:
		*type6 = ICMPV6_PARAMPROB;
		*code6 = ICMPV6_HDR_FIELD;
		return code == 0 || code == 2;
	}
	/* Redirect, source quench, timestamp, info, mask, router: silent. */
	return false;
}

bool dcx_icmp_map_64(u8 type, u8 code, u8 *type4, u8 *code4)
{
	switch (type) {
	case ICMPV6_ECHO_REQUEST:
		/* RFC 7915 5.2: only the type changes. */
		*type4 = ICMP_ECHO;
		*code4 = code;
		return true;
	case ICMPV6_ECHO_REPLY:
		*type4 = ICMP_ECHOREPLY;
		*code4 = code;
		return true;
	case ICMPV6_DEST_UNREACH:
		*type4 = ICMP_DEST_UNREACH;
		switch (code) {
		case ICMPV6_NOROUTE:
		case ICMPV6_NOT_NEIGHBOUR:
		case ICMPV6_ADDR_UNREACH:
			*code4 = ICMP_HOST_UNREACH;
			return true;
		case ICMPV6_ADM_PROHIBITED:
			*code4 = ICMP_HOST_ANO;
			return true;
		case ICMPV6_PORT_UNREACH:
			*code4 = ICMP_PORT_UNREACH;
			return true;
		}
		return false;
	case ICMPV6_PKT_TOOBIG:
		*type4 = ICMP_DEST_UNREACH;
		*code4 = ICMP_FRAG_NEEDED;
		return true;
	case ICMPV6_TIME_EXCEED:
		*type4 = ICMP_TIME_EXCEEDED;
		*code4 = code;
		return code <= ICMPV6_EXC_FRAGTIME;
	case ICMPV6_PARAMPROB:
		if (code == ICMPV6_HDR_FIELD) {
			*type4 = ICMP_PARAMETERPROB;
			*code4 = 0;
			return true;
		}
		if (code == ICMPV6_UNK_NEXTHDR) {
			*type4 = ICMP_DEST_UNREACH;
			*code4 = ICMP_PROT_UNREACH;
			return true;
		}
		return false;
	}
	/* MLD, ND and unknown informational: single-hop or unknown. */
	return false;
}

/* RFC 7915 Figure 3; -1: no IPv6 counterpart, drop. */
int dcx_icmp_ptr_46(u8 ptr4)
{
	static const s8 map[20] = {
		0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1,
		8, 8, 8, 8, 24, 24, 24, 24
	};

	return ptr4 < ARRAY_SIZE(map) ? map[ptr4] : -1;
}

/* RFC 7915 Figure 6. */
int dcx_icmp_ptr_64(u32 ptr6)
{
	if (ptr6 <= 1)
		return ptr6;
	if (ptr6 == 4 || ptr6 == 5)
		return 2;
	if (ptr6 == 6)
		return 9;
	if (ptr6 == 7)
		return 8;
	if (ptr6 >= 8 && ptr6 <= 23)
		return 12;
	if (ptr6 >= 24 && ptr6 <= 39)
		return 16;
	return -1;
}

/*
 * Fragmentation Needed -> Packet Too Big (RFC 7915 4.2):
 * min(advertised + 20, IPv6 next-hop MTU, IPv4 next-hop MTU + 20); an MTU
 * of 0 (pre-RFC 1191 router) is replaced by the greatest plateau below the
 * inner packet's total length, but not below 1280.
 */
u32 dcx_icmp_mtu_46(u16 mtu4, u16 inner_len, u32 mtu_in, u32 mtu_out)
{
	u32 mtu = mtu4 + 20;
	unsigned int i;

	if (!mtu4) {
		mtu = 1280;
		for (i = 0; i < ARRAY_SIZE(dcx_plateaus); i++) {
			if (dcx_plateaus[i] < inner_len) {
				mtu = max_t(u32, dcx_plateaus[i], 1280);
				break;
			}
		}
	}
	/* An MTU of 0 is unknown: no cap from that side. */
	if (mtu_out)
		mtu = min(mtu, mtu_out);
	if (mtu_in)
		mtu = min(mtu, mtu_in + 20);
	return mtu;
}

/* Packet Too Big -> Fragmentation Needed (RFC 7915 5.2). */
u32 dcx_icmp_mtu_64(u32 mtu6, u32 mtu_in, u32 mtu_out)
{
	u32 mtu = mtu6 > 20 ? mtu6 - 20 : 0;

	if (mtu_out)
		mtu = min(mtu, mtu_out);
	if (mtu_in)
		mtu = min(mtu, mtu_in > 20 ? mtu_in - 20 : 0);
	return min_t(u32, mtu, 0xffff);
}

/*
 * RFC 7915 5.2 asks to take a fragment header in the packet in error into
 * account: that IPv6 packet carried 8 bytes more than its IPv4 original,
 * so the IPv4 sender must stay 28 (not 20) bytes below the IPv6 MTUs.
 */
u32 dcx_icmp_mtu_64_frag(u32 mtu6, u32 mtu_in, u32 mtu_out, bool frag)
{
	if (frag) {
		mtu6 = mtu6 > 8 ? mtu6 - 8 : 0;
		if (mtu_in)
			mtu_in = mtu_in > 8 ? mtu_in - 8 : 1;
	}
	return dcx_icmp_mtu_64(mtu6, mtu_in, mtu_out);
}

/* ---- 4 -> 6 -------------------------------------------------------- */

/* Check the packet inside an ICMPv4 error and size its translation. */
static enum dcx_action dcx_inner_plan_46(struct dcx_xlat *x, const u8 *in,
					  unsigned int len)
{
	const struct iphdr *iph = (const struct iphdr *)in;
	struct in6_addr a;
	unsigned int ihl;

	if (len < sizeof(*iph))
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	ihl = iph->ihl * 4;
	if (iph->version != 4 || ihl < sizeof(*iph) || len < ihl)
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
	if (!dcx_map_46(x->cfg, x->space, iph->saddr, &a) ||
	    dcx_map_46_how(x->cfg, x->space, iph->daddr, &a,
			   x->hairpin) < DCX_MAP_EAM)
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	/* No error about an error (RFC 1122 3.2.2). */
	if (iph->protocol == IPPROTO_ICMP && len >= ihl + 1 &&
	    !(ntohs(iph->frag_off) & IP_OFFSET) && dcx_icmp_is_err4(in[ihl]))
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	x->inner_old_hl = ihl;
	x->inner_new_hl = sizeof(struct ipv6hdr) +
		(ntohs(iph->frag_off) & (IP_MF | IP_OFFSET) ?
		 sizeof(struct frag_hdr) : 0);
	return DCX_XLAT;
}

enum dcx_action dcx_icmp_plan_46(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total)
{
	const struct icmphdr *icmp = (const struct icmphdr *)(nh + x->old_nhlen);
	unsigned int off = x->old_nhlen + sizeof(*icmp);
	int ptr;

	if (!dcx_icmp_map_46(icmp->type, icmp->code, &x->icmp_type,
			     &x->icmp_code))
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	if (!dcx_icmp_is_err4(icmp->type))
		return DCX_XLAT;
	/* Errors are small and rare: they are translated linear. */
	if (linear < total)
		return dcx_verdict_pull(x, total);
	x->icmp_err = true;
	x->icmp_info = 0;
	if (icmp->type == ICMP_PARAMETERPROB) {
		ptr = dcx_icmp_ptr_46(ntohl(icmp->un.gateway) >> 24);
		if (ptr < 0)
			return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
		x->icmp_info = ptr;
	} else if (x->icmp_type == ICMPV6_PARAMPROB) {
		/* Protocol unreachable points at the next header field. */
		x->icmp_info = offsetof(struct ipv6hdr, nexthdr);
	}
	if (dcx_inner_plan_46(x, nh + off, total - off) != DCX_XLAT)
		return DCX_DROP;
	x->tail_need = x->inner_new_hl - min(x->inner_new_hl, x->inner_old_hl);
	return DCX_XLAT;
}

/* Translate the inner packet at `in` (len bytes) in place; new length. */
static unsigned int dcx_inner_apply_46(struct dcx_xlat *x, u8 *in,
				       unsigned int len)
{
	struct iphdr iph = *(struct iphdr *)in;
	unsigned int rest = len - x->inner_old_hl;
	u8 *l4 = in + x->inner_old_hl;
	struct in6_addr s6, d6;
	__wsum diff;
	__be16 old;
	u8 t, c;

	/* Hairpin pass: the inner destination maps by the prefix only. */
	dcx_map_46(x->cfg, x->space, iph.saddr, &s6);
	dcx_map_46_how(x->cfg, x->space, iph.daddr, &d6, x->hairpin);
	diff = csum_sub(dcx_csum_addrs6(&s6, &d6),
			dcx_csum_addrs4(iph.saddr, iph.daddr));
	if (!(ntohs(iph.frag_off) & IP_OFFSET)) {
		/* Fix what of the transport header made it in. */
		if (iph.protocol == IPPROTO_TCP && rest >= 18) {
			dcx_csum_update(&((struct tcphdr *)l4)->check, diff,
					false);
		} else if (iph.protocol == IPPROTO_UDP && rest >= 8 &&
			   ((struct udphdr *)l4)->check) {
			dcx_csum_update(&((struct udphdr *)l4)->check, diff,
					false);
		} else if (iph.protocol == IPPROTO_ICMP && rest >= 4 &&
			   dcx_icmp_map_46(l4[0], l4[1], &t, &c)) {
			old = *(__be16 *)l4;
			l4[0] = t;
			l4[1] = c;
			diff = dcx_csum_pseudo6(&s6, &d6,
						ntohs(iph.tot_len) -
						x->inner_old_hl,
						IPPROTO_ICMPV6);
			diff = csum_add(diff,
					dcx_csum_word_diff(old, *(__be16 *)l4));
			dcx_csum_update((__sum16 *)(l4 + 2), diff, false);
		}
	}
	memmove(in + x->inner_new_hl, l4, rest);
	dcx_build_ip6((struct ipv6hdr *)in, &iph, &s6, &d6, iph.protocol,
		      iph.tos, iph.ttl, ntohs(iph.tot_len) - x->inner_old_hl);
	return x->inner_new_hl + rest;
}

u8 *dcx_icmp_apply_46(struct dcx_xlat *x, u8 *nh, unsigned int total)
{
	struct iphdr iph = *(struct iphdr *)nh;
	struct icmp6hdr *icmp6 = (struct icmp6hdr *)(nh + x->old_nhlen);
	const struct iphdr *inner;
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	unsigned int len, max;
	u16 mtu4;

	mtu4 = ntohs(((struct icmphdr *)icmp6)->un.frag.mtu);
	inner = (const struct iphdr *)(icmp6 + 1);
	if (x->icmp_type == ICMPV6_PKT_TOOBIG)
		x->icmp_info = dcx_icmp_mtu_46(mtu4, ntohs(inner->tot_len),
					       x->mtu_in, x->mtu_out);
	len = sizeof(*icmp6) +
	      dcx_inner_apply_46(x, (u8 *)(icmp6 + 1),
				 total - x->old_nhlen - sizeof(*icmp6));
	/* RFC 4443 2.4 (c): at most the minimum IPv6 MTU, whatever is set. */
	max = DCX_ICMP6_ERR_MAX;
	if (x->cfg->lowest_ipv6_mtu >= IPV6_MIN_MTU)
		max = min_t(unsigned int, max, x->cfg->lowest_ipv6_mtu);
	max -= x->new_nhlen;
	if (len > max)
		len = max;
	icmp6->icmp6_type = x->icmp_type;
	icmp6->icmp6_code = x->icmp_code;
	icmp6->icmp6_cksum = 0;
	/* Unused / MTU / pointer word; RFC 4884 lengths are not kept. */
	icmp6->icmp6_dataun.un_data32[0] = htonl(x->icmp_info);
	icmp6->icmp6_cksum = csum_ipv6_magic(&x->src6, &x->dst6, len,
					     IPPROTO_ICMPV6,
					     csum_partial(icmp6, len, 0));
	dcx_build_ip6((struct ipv6hdr *)new, &iph, &x->src6, &x->dst6,
		      IPPROTO_ICMP, dcx_tclass_46(x->cfg, &iph), x->ttl, len);
	x->new_total = x->new_nhlen + len;
	return new;
}

/* ---- 6 -> 4 -------------------------------------------------------- */

static enum dcx_action dcx_inner_plan_64(struct dcx_xlat *x, const u8 *in,
					  unsigned int len)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)in;
	const struct dcx_space *ss, *ds;
	struct dcx_ext6 e;
	enum dcx_map how;
	__be32 a;

	if (len < sizeof(*ip6))
		return dcx_verdict_drop(x, DCXLAT_STAT_TRUNCATED);
	if (ip6->version != 6)
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_HDR);
	ss = dcx_map_64_how(x->cfg, &ip6->saddr, &a, &how);
	ds = dcx_map_64(x->cfg, &ip6->daddr, &a);
	if (!ss || !ds)
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	if (ss != x->space || ds != x->space)
		return dcx_verdict_drop(x, DCXLAT_STAT_CROSS_SPACE);
	/*
	 * RFC 7757 4.2 for errors: the packet it quotes went from us to an
	 * IPv6 node that was addressed by prefix with an EAM'd IPv4 address:
	 * the error goes back the way that packet came, into IPv6.
	 */
	if (x->cfg->hairpin && how == DCX_MAP_POOL6 &&
	    dcx_map_64(x->cfg, &ip6->saddr, &a) &&
	    dcx_eam_lookup4(x->space, a))
		x->hairpin = true;
	if (dcx_walk_ext6(x, in, len, len, &e) != DCX_XLAT)
		return DCX_DROP;	/* the whole packet is linear */
	if (e.proto == IPPROTO_ICMPV6 && len > e.hlen &&
	    !(e.frag_off & IP6_OFFSET) && dcx_icmp_is_err6(in[e.hlen]))
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	x->inner_old_hl = e.hlen;
	x->inner_new_hl = sizeof(struct iphdr);
	x->inner_frag = e.frag_hdr;
	return DCX_XLAT;
}

enum dcx_action dcx_icmp_plan_64(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total)
{
	const struct icmp6hdr *icmp6 =
		(const struct icmp6hdr *)(nh + x->old_nhlen);
	unsigned int off = x->old_nhlen + sizeof(*icmp6);
	int ptr;

	if (!dcx_icmp_map_64(icmp6->icmp6_type, icmp6->icmp6_code,
			     &x->icmp_type, &x->icmp_code))
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
	if (!dcx_icmp_is_err6(icmp6->icmp6_type))
		return DCX_XLAT;
	if (linear < total)
		return dcx_verdict_pull(x, total);
	x->icmp_err = true;
	x->icmp_info = 0;
	if (icmp6->icmp6_type == ICMPV6_PARAMPROB &&
	    x->icmp_type == ICMP_PARAMETERPROB) {
		ptr = dcx_icmp_ptr_64(ntohl(icmp6->icmp6_pointer));
		if (ptr < 0)
			return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_PROTO);
		x->icmp_info = ptr;
	}
	return dcx_inner_plan_64(x, nh + off, total - off);
}

static unsigned int dcx_inner_apply_64(struct dcx_xlat *x, u8 *in,
				       unsigned int len)
{
	struct ipv6hdr ip6 = *(struct ipv6hdr *)in;
	unsigned int rest = len - x->inner_old_hl;
	u8 *l4 = in + x->inner_old_hl;
	struct dcx_ext6 e;
	__be32 s4, d4, id = 0;
	unsigned int tot;
	__wsum diff;
	__be16 old;
	u8 t, c;

	dcx_walk_ext6(x, in, len, len, &e);
	if (e.frag_hdr)
		id = ((struct frag_hdr *)(in + e.frag_hdr))->identification;
	dcx_map_64(x->cfg, &ip6.saddr, &s4);
	dcx_map_64(x->cfg, &ip6.daddr, &d4);
	diff = csum_sub(dcx_csum_addrs4(s4, d4),
			dcx_csum_addrs6(&ip6.saddr, &ip6.daddr));
	if (!(e.frag_off & IP6_OFFSET)) {
		if (e.proto == IPPROTO_TCP && rest >= 18) {
			dcx_csum_update(&((struct tcphdr *)l4)->check, diff,
					false);
		} else if (e.proto == IPPROTO_UDP && rest >= 8) {
			dcx_csum_update(&((struct udphdr *)l4)->check, diff,
					false);
		} else if (e.proto == IPPROTO_ICMPV6 && rest >= 4 &&
			   dcx_icmp_map_64(l4[0], l4[1], &t, &c)) {
			old = *(__be16 *)l4;
			l4[0] = t;
			l4[1] = c;
			diff = dcx_csum_pseudo6(&ip6.saddr, &ip6.daddr,
						ntohs(ip6.payload_len) +
						sizeof(ip6) - e.hlen,
						IPPROTO_ICMPV6);
			diff = csum_sub(dcx_csum_word_diff(old,
							   *(__be16 *)l4),
					diff);
			dcx_csum_update((__sum16 *)(l4 + 2), diff, false);
		}
	}
	/* The original length, not what was quoted. */
	tot = ntohs(ip6.payload_len) + sizeof(ip6) - e.hlen +
	      sizeof(struct iphdr);
	memmove(in + x->inner_new_hl, l4, rest);
	dcx_build_ip4((struct iphdr *)in, s4, d4, e.proto,
		      ntohl(*(__be32 *)&ip6) >> 20, ip6.hop_limit, tot,
		      e.frag_hdr, e.frag_off, id);
	return x->inner_new_hl + rest;
}

u8 *dcx_icmp_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total)
{
	struct ipv6hdr ip6 = *(struct ipv6hdr *)nh;
	struct icmphdr *icmp = (struct icmphdr *)(nh + x->old_nhlen);
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	u32 mtu6 = ntohl(((struct icmp6hdr *)icmp)->icmp6_mtu);
	unsigned int len;

	len = sizeof(*icmp) +
	      dcx_inner_apply_64(x, (u8 *)(icmp + 1),
				 total - x->old_nhlen - sizeof(*icmp));
	if (x->new_nhlen + len > DCX_ICMP4_ERR_MAX)
		len = DCX_ICMP4_ERR_MAX - x->new_nhlen;
	icmp->type = x->icmp_type;
	icmp->code = x->icmp_code;
	icmp->checksum = 0;
	icmp->un.gateway = 0;
	if (x->icmp_type == ICMP_PARAMETERPROB)
		icmp->un.gateway = htonl(x->icmp_info << 24);
	else if (x->icmp_code == ICMP_FRAG_NEEDED &&
		 x->icmp_type == ICMP_DEST_UNREACH)
		icmp->un.frag.mtu = htons(dcx_icmp_mtu_64_frag(mtu6, x->mtu_in,
							       x->mtu_out,
							       x->inner_frag));
	icmp->checksum = ip_compute_csum(icmp, len);
	dcx_build_ip4((struct iphdr *)new, x->src4, x->dst4,
		      IPPROTO_ICMPV6, dcx_tos_64(x->cfg, &ip6), x->ttl,
		      x->new_nhlen + len, false, 0, 0);
	x->new_total = x->new_nhlen + len;
	return new;
}
