// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv4 -> ICMPv6, RFC 7915 section 4.2 (see icmp46.h): an ICMPv4 message
 * planned and, for an error, translated with the packet inside it, so the
 * receiver can match the error to its own flow.
 */
#include "verdict.h"
#include "map.h"
#include "iphdr.h"
#include "transport.h"
#include "icmp.h"
#include "icmp46.h"

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
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_ICMP);
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
	unsigned int orig, room;
	int ptr;

	if (!dcx_icmp_map_46(icmp->type, icmp->code, &x->icmp_type,
			     &x->icmp_code))
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_ICMP);
	if (!dcx_icmp_is_err4(icmp->type))
		return DCX_XLAT;
	/* Errors are small and rare: they are translated linear. */
	if (linear < total)
		return dcx_verdict_pull(x, total);
	/*
	 * The translation gets a fresh checksum: check the old one first,
	 * or a corrupted error would leave as a valid one.
	 */
	if (!x->csum_partial && !x->csum_valid &&
	    ip_compute_csum(icmp, total - x->old_nhlen))
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_ICMP_CSUM);
	x->icmp_err = true;
	x->icmp_info = 0;
	if (icmp->type == ICMP_PARAMETERPROB) {
		ptr = dcx_icmp_ptr_46(ntohl(icmp->un.gateway) >> 24);
		if (ptr < 0)
			return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_ICMP);
		x->icmp_info = ptr;
	} else if (x->icmp_type == ICMPV6_PARAMPROB) {
		/* Protocol unreachable points at the next header field. */
		x->icmp_info = offsetof(struct ipv6hdr, nexthdr);
	}
	orig = dcx_icmp_ext_orig((const u8 *)icmp, total - off, false);
	if (dcx_inner_plan_46(x, nh + off, orig ?: total - off) != DCX_XLAT)
		return DCX_DROP;
	/* RFC 4443 2.4 (c): at most the minimum IPv6 MTU, whatever is set. */
	room = DCX_ICMP6_ERR_MAX;
	if (x->cfg->lowest_ipv6_mtu >= IPV6_MIN_MTU)
		room = min_t(unsigned int, room, x->cfg->lowest_ipv6_mtu);
	room -= x->new_nhlen + sizeof(struct icmp6hdr);
	/* The size before the path MTU is checked: this one leaves. */
	dcx_icmp_layout(x, total - off, orig,
			dcx_icmp_has_len(x->icmp_type, true),
			(int)x->inner_new_hl - (int)x->inner_old_hl, 8, room);
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
	u8 t, c;

	/* Hairpin pass: the inner destination maps by the prefix only. */
	dcx_map_46(x->cfg, x->space, iph.saddr, &s6);
	dcx_map_46_how(x->cfg, x->space, iph.daddr, &d6, x->hairpin);
	/* Fix what of the transport header made it in. */
	diff = dcx_csum_diff_46(&s6, &d6, iph.saddr, iph.daddr);
	if (!(ntohs(iph.frag_off) & IP_OFFSET) &&
	    !dcx_transport_inner(iph.protocol, l4, rest, diff, true) &&
	    iph.protocol == IPPROTO_ICMP && rest >= 4 &&
	    dcx_icmp_map_46(l4[0], l4[1], &t, &c))
		dcx_icmp_csum_retype(l4, t, c,
				     dcx_csum_pseudo6(&s6, &d6,
						      ntohs(iph.tot_len) -
						      x->inner_old_hl,
						      IPPROTO_ICMPV6), true);
	memmove(in + x->inner_new_hl, l4, rest);
	dcx_build_ip6((struct ipv6hdr *)in, &iph, &s6, &d6, iph.protocol,
		      iph.tos, iph.ttl, ntohs(iph.tot_len) - x->inner_old_hl);
	return x->inner_new_hl + rest;
}

u8 *dcx_icmp_apply_46(struct dcx_xlat *x, u8 *nh)
{
	struct iphdr iph = *(struct iphdr *)nh;
	struct icmp6hdr *icmp6 = (struct icmp6hdr *)(nh + x->old_nhlen);
	int grow = (int)x->inner_new_hl - (int)x->inner_old_hl;
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	u8 *data = (u8 *)(icmp6 + 1);
	unsigned int len = x->msg_out;
	u16 mtu4;

	mtu4 = ntohs(((struct icmphdr *)icmp6)->un.frag.mtu);
	if (x->icmp_type == ICMPV6_PKT_TOOBIG)
		x->icmp_info = dcx_icmp_mtu_46(mtu4,
			ntohs(((const struct iphdr *)data)->tot_len),
			x->mtu_in, x->mtu_out);
	/* The quoted packet as far as it is kept (dcx_icmp_layout). */
	if (grow > 0)
		dcx_icmp_ext_move(x, data);
	dcx_inner_apply_46(x, data, x->data_out - grow);
	if (grow <= 0)
		dcx_icmp_ext_move(x, data);
	dcx_icmp_ext_pad(x, data);
	icmp6->icmp6_type = x->icmp_type;
	icmp6->icmp6_code = x->icmp_code;
	icmp6->icmp6_cksum = 0;
	/* Unused / MTU / pointer word; RFC 4884 length in 64-bit words. */
	icmp6->icmp6_dataun.un_data32[0] = htonl(x->icmp_info);
	if (x->orig_out)
		icmp6->icmp6_dataun.un_data8[0] = x->orig_out / 8;
	icmp6->icmp6_cksum = csum_ipv6_magic(&x->src6, &x->dst6, len,
					     IPPROTO_ICMPV6,
					     csum_partial(icmp6, len, 0));
	dcx_build_ip6((struct ipv6hdr *)new, &iph, &x->src6, &x->dst6,
		      IPPROTO_ICMP, dcx_tclass_46(x->cfg, &iph), x->ttl, len);
	x->new_total = x->new_nhlen + len;
	return new;
}

