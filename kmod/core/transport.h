/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The transport header of a translated packet, both directions: its
 * length, and its checksum. Translation never touches the payload, so
 * every TCP/UDP/ICMP checksum is updated incrementally by the difference
 * between the old and the new pseudo-header (RFC 1624), and the ICMP
 * type/code word. Ports are carried over unchanged (stateless: no NAPT).
 * Calls no other part of the core.
 */
#ifndef DCX_CORE_TRANSPORT_H
#define DCX_CORE_TRANSPORT_H

#include "types.h"

/*
 * Bytes of the transport header translation reads or writes: TCP, UDP and
 * the ICMP of the packet's family (icmp: IPPROTO_ICMP or IPPROTO_ICMPV6);
 * 0 for anything else.
 */
static inline unsigned int dcx_l4_hdr_len(u8 proto, u8 icmp)
{
	if (proto == IPPROTO_TCP)
		return sizeof(struct tcphdr);
	if (proto == IPPROTO_UDP)
		return sizeof(struct udphdr);
	/* struct icmphdr and struct icmp6hdr are both 8 bytes. */
	return proto == icmp ? sizeof(struct icmphdr) : 0;
}

/* Incremental checksum update; partial = field holds CHECKSUM_PARTIAL seed. */
void dcx_csum_update(__sum16 *sum, __wsum diff, bool partial);
__wsum dcx_csum_addrs6(const struct in6_addr *src, const struct in6_addr *dst);
__wsum dcx_csum_addrs4(__be32 src, __be32 dst);
__wsum dcx_csum_pseudo6(const struct in6_addr *src, const struct in6_addr *dst,
			u32 len, u8 proto);
__wsum dcx_csum_word_diff(__be16 old, __be16 new);
/*
 * Pseudo-header difference of a translated packet: IPv4 addresses to IPv6
 * ones (dcx_csum_diff_46) or back.
 */
__wsum dcx_csum_diff_46(const struct in6_addr *s6, const struct in6_addr *d6,
			__be32 s4, __be32 d4);
__wsum dcx_csum_diff_64(const struct in6_addr *s6, const struct in6_addr *d6,
			__be32 s4, __be32 d4);

/*
 * ICMP <-> ICMPv6 header at l4: the first word becomes type/code and the
 * checksum gains (to6) or loses the ICMPv6 pseudo-header sum pseudo6.
 */
void dcx_icmp_csum_retype(u8 *l4, u8 type, u8 code, __wsum pseudo6,
			  bool to6);

/*
 * The transport header (len bytes from l4) of a packet apply translates:
 * TCP and UDP for x's new addresses (a UDP datagram without a checksum
 * gets one, 4 -> 6), informational ICMP to x->icmp_type/code.
 */
void dcx_transport_46(struct dcx_xlat *x, const struct iphdr *iph, u8 *l4,
		      unsigned int len);
void dcx_transport_64(struct dcx_xlat *x, const struct ipv6hdr *ip6, u8 *l4,
		      unsigned int len);
/*
 * The transport header quoted in an ICMP error (rest bytes of it at l4):
 * TCP and UDP checksums by diff when they made it in; a zero UDP checksum
 * stays zero when keep_udp0. False when proto is neither TCP nor UDP.
 */
bool dcx_transport_inner(u8 proto, u8 *l4, unsigned int rest, __wsum diff,
			 bool keep_udp0);

#endif /* DCX_CORE_TRANSPORT_H */
