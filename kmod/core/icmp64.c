// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 -> ICMPv4, RFC 7915 section 5.2 (see icmp64.h): an ICMPv6 message
 * planned and, for an error, translated with the packet inside it.
 */
#include "verdict.h"
#include "map.h"
#include "eamt.h"
#include "iphdr.h"
#include "transport.h"
#include "icmp.h"
#include "icmp64.h"

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
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_ICMP);
	x->inner_old_hl = e.hlen;
	x->inner_new_hl = sizeof(struct iphdr);
	x->inner_frag = e.frag_hdr;
	return DCX_XLAT;
}

enum dcx_action dcx_icmp_plan_64(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)nh;
	const struct icmp6hdr *icmp6 =
		(const struct icmp6hdr *)(nh + x->old_nhlen);
	unsigned int off = x->old_nhlen + sizeof(*icmp6);
	unsigned int orig;
	enum dcx_action v;
	int ptr;

	if (!dcx_icmp_map_64(icmp6->icmp6_type, icmp6->icmp6_code,
			     &x->icmp_type, &x->icmp_code))
		return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_ICMP);
	if (!dcx_icmp_is_err6(icmp6->icmp6_type))
		return DCX_XLAT;
	if (linear < total)
		return dcx_verdict_pull(x, total);
	/* As in icmp46.c, with the pseudo-header of RFC 8200 8.1. */
	if (!x->csum_partial && !x->csum_valid &&
	    csum_ipv6_magic(&ip6->saddr, &ip6->daddr, total - x->old_nhlen,
			    IPPROTO_ICMPV6,
			    csum_partial(icmp6, total - x->old_nhlen, 0)))
		return dcx_verdict_drop(x, DCXLAT_STAT_BAD_ICMP_CSUM);
	x->icmp_err = true;
	x->icmp_info = 0;
	if (icmp6->icmp6_type == ICMPV6_PARAMPROB &&
	    x->icmp_type == ICMP_PARAMETERPROB) {
		ptr = dcx_icmp_ptr_64(ntohl(icmp6->icmp6_pointer));
		if (ptr < 0)
			return dcx_verdict_drop(x, DCXLAT_STAT_UNSUPP_ICMP);
		x->icmp_info = ptr;
	}
	orig = dcx_icmp_ext_orig((const u8 *)icmp6, total - off, true);
	v = dcx_inner_plan_64(x, nh + off, orig ?: total - off);
	if (v != DCX_XLAT)
		return v;
	/* RFC 1812 4.3.2.3: 576 at most; the size the path MTU is checked at. */
	dcx_icmp_layout(x, total - off, orig,
			dcx_icmp_has_len(x->icmp_type, false),
			(int)x->inner_new_hl - (int)x->inner_old_hl, 4,
			DCX_ICMP4_ERR_MAX - x->new_nhlen - sizeof(struct icmphdr));
	return DCX_XLAT;
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
	u8 t, c;

	dcx_walk_ext6(x, in, len, len, &e);
	if (e.frag_hdr)
		id = ((struct frag_hdr *)(in + e.frag_hdr))->identification;
	dcx_map_64(x->cfg, &ip6.saddr, &s4);
	dcx_map_64(x->cfg, &ip6.daddr, &d4);
	diff = dcx_csum_diff_64(&ip6.saddr, &ip6.daddr, s4, d4);
	if (!(e.frag_off & IP6_OFFSET) &&
	    !dcx_transport_inner(e.proto, l4, rest, diff, false) &&
	    e.proto == IPPROTO_ICMPV6 && rest >= 4 &&
	    dcx_icmp_map_64(l4[0], l4[1], &t, &c))
		dcx_icmp_csum_retype(l4, t, c,
				     dcx_csum_pseudo6(&ip6.saddr, &ip6.daddr,
						      ntohs(ip6.payload_len) +
						      sizeof(ip6) - e.hlen,
						      IPPROTO_ICMPV6), false);
	/* The original length, not what was quoted. */
	tot = ntohs(ip6.payload_len) + sizeof(ip6) - e.hlen +
	      sizeof(struct iphdr);
	memmove(in + x->inner_new_hl, l4, rest);
	dcx_build_ip4((struct iphdr *)in, s4, d4, e.proto,
		      dcx_ip6_tclass(&ip6), ip6.hop_limit, tot,
		      e.frag_hdr, e.frag_off, id);
	return x->inner_new_hl + rest;
}

u8 *dcx_icmp_apply_64(struct dcx_xlat *x, u8 *nh)
{
	struct ipv6hdr ip6 = *(struct ipv6hdr *)nh;
	struct icmphdr *icmp = (struct icmphdr *)(nh + x->old_nhlen);
	u8 *new = nh + x->old_nhlen - x->new_nhlen;
	u32 mtu6 = ntohl(((struct icmp6hdr *)icmp)->icmp6_mtu);
	unsigned int len = x->msg_out;
	u8 *data = (u8 *)(icmp + 1);

	/* It shrinks: the quoted packet first, then the extension. */
	dcx_inner_apply_64(x, data, x->data_out + x->inner_old_hl -
				    x->inner_new_hl);
	dcx_icmp_ext_move(x, data);
	dcx_icmp_ext_pad(x, data);
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
	/* RFC 4884 length in 32-bit words, the sixth octet. */
	((u8 *)icmp)[5] = x->orig_out / 4;
	icmp->checksum = ip_compute_csum(icmp, len);
	dcx_build_ip4((struct iphdr *)new, x->src4, x->dst4,
		      IPPROTO_ICMPV6, dcx_tos_64(x->cfg, &ip6), x->ttl,
		      x->new_nhlen + len, false, 0, 0);
	x->new_total = x->new_nhlen + len;
	return new;
}
