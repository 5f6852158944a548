/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IP headers as translation reads and writes them, for both directions and
 * for the packet inside an ICMP error: the header builders, the traffic
 * class / TOS of a translated header, and the IPv6 extension-header walk.
 * Calls no other part of the core but verdict.h.
 */
#ifndef DCX_CORE_IPHDR_H
#define DCX_CORE_IPHDR_H

#include "types.h"

/* Write the IPv6 header (and fragment header) translated from iph. */
void dcx_build_ip6(struct ipv6hdr *ip6, const struct iphdr *iph,
		   const struct in6_addr *src, const struct in6_addr *dst,
		   u8 proto, u8 tclass, u8 hop_limit, unsigned int payload);
/*
 * Write the IPv4 header translated from an IPv6 one. frag_off/frag_id
 * come from a fragment header (frag_hdr true) or are ignored.
 */
void dcx_build_ip4(struct iphdr *out, __be32 src, __be32 dst, u8 proto,
		   u8 tos, u8 ttl, unsigned int tot_len, bool frag_hdr,
		   u16 frag_off, __be32 frag_id);

/* The traffic class of an IPv6 header. */
static inline u8 dcx_ip6_tclass(const struct ipv6hdr *ip6)
{
	return ntohl(*(const __be32 *)ip6) >> 20;
}

/* RFC 7915 4.1: the TOS, or 0 when the instance resets it. */
static inline u8 dcx_tclass_46(const struct dcx_xlat_cfg *cfg,
			       const struct iphdr *iph)
{
	return cfg->reset_tclass ? 0 : iph->tos;
}

/* RFC 7915 5.1: the traffic class, or the configured TOS. */
static inline u8 dcx_tos_64(const struct dcx_xlat_cfg *cfg,
			    const struct ipv6hdr *ip6)
{
	return cfg->reset_tos ? cfg->new_tos : dcx_ip6_tclass(ip6);
}

struct dcx_ext6 {		/* what an IPv6 extension-header walk found */
	u8 proto;		/* upper-layer protocol */
	unsigned int hlen;	/* bytes up to the upper-layer header */
	unsigned int frag_hdr;	/* offset of the fragment header, 0 = none */
	u16 frag_off;		/* its offset/M field, host order */
};
/*
 * Walk the extension headers of the IPv6 packet at nh up to the
 * upper-layer header: DCX_XLAT with *e filled, or the action that stops
 * translation (pull, drop, ICMP error) with x filled as verdict.h does.
 */
enum dcx_action dcx_walk_ext6(struct dcx_xlat *x, const u8 *nh,
			       unsigned int linear, unsigned int total,
			       struct dcx_ext6 *e);

#endif /* DCX_CORE_IPHDR_H */
