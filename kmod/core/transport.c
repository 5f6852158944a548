// SPDX-License-Identifier: GPL-2.0
/*
 * Transport headers of translated packets, both directions (see
 * transport.h): checksum arithmetic and the TCP/UDP/ICMP updates.
 */
#include "transport.h"

/*
 * A CHECKSUM_PARTIAL field holds the folded pseudo-header sum (not
 * complemented) that the device will finish; a complete field holds the
 * complemented sum. Same arithmetic as inet_proto_csum_replace_by_diff(),
 * without the sk_buff.
 */
void dcx_csum_update(__sum16 *sum, __wsum diff, bool partial)
{
	if (partial)
		*sum = ~csum_fold(csum_add(diff, csum_unfold(*sum)));
	else
		*sum = csum_fold(csum_add(diff, ~csum_unfold(*sum)));
}

/*
 * Sum of the address part of an IPv6 pseudo-header: the eight 32-bit
 * words added in 64 bits and folded back with their carries, which is
 * the same ones'-complement sum as csum_partial() over the 32 bytes
 * (2^32 = 1 modulo 2^16 - 1) without two calls into it on every packet.
 */
__wsum dcx_csum_addrs6(const struct in6_addr *src, const struct in6_addr *dst)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < 4; i++)
		sum += (u64)(__force u32)src->s6_addr32[i] +
		       (__force u32)dst->s6_addr32[i];
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffffffff) + (sum >> 32);
	return (__force __wsum)(u32)sum;
}

/* Sum of the address part of an IPv4 pseudo-header. */
__wsum dcx_csum_addrs4(__be32 src, __be32 dst)
{
	return csum_add(csum_add(0, (__force __wsum)src), (__force __wsum)dst);
}

/* Sum of a whole ICMPv6 pseudo-header (RFC 8200 section 8.1). */
__wsum dcx_csum_pseudo6(const struct in6_addr *src, const struct in6_addr *dst,
			u32 len, u8 proto)
{
	__wsum s = dcx_csum_addrs6(src, dst);

	s = csum_add(s, (__force __wsum)htonl(len));
	return csum_add(s, (__force __wsum)htonl(proto));
}

/* Replace one 16-bit word inside a checksummed area. */
__wsum dcx_csum_word_diff(__be16 old, __be16 new)
{
	return csum_sub(csum_add(0, (__force __wsum)(u32)new),
			(__force __wsum)(u32)old);
}

__wsum dcx_csum_diff_46(const struct in6_addr *s6, const struct in6_addr *d6,
			__be32 s4, __be32 d4)
{
	return csum_sub(dcx_csum_addrs6(s6, d6), dcx_csum_addrs4(s4, d4));
}

__wsum dcx_csum_diff_64(const struct in6_addr *s6, const struct in6_addr *d6,
			__be32 s4, __be32 d4)
{
	return csum_sub(dcx_csum_addrs4(s4, d4), dcx_csum_addrs6(s6, d6));
}

void dcx_icmp_csum_retype(u8 *l4, u8 type, u8 code, __wsum pseudo6,
			  bool to6)
{
	__be16 old = *(__be16 *)l4;
	__wsum diff;

	l4[0] = type;
	l4[1] = code;
	diff = dcx_csum_word_diff(old, *(__be16 *)l4);
	/* ICMPv4 has no pseudo-header, ICMPv6 has. */
	diff = to6 ? csum_add(pseudo6, diff) : csum_sub(diff, pseudo6);
	dcx_csum_update((__sum16 *)(l4 + 2), diff, false);
}

/* Fill in the checksum of a UDP datagram that arrived without one. */
static void dcx_udp_fill_csum(struct dcx_xlat *x, struct udphdr *uh,
			      unsigned int len)
{
	__wsum s = csum_partial(uh, len, 0);

	uh->check = csum_ipv6_magic(&x->src6, &x->dst6, len, IPPROTO_UDP, s);
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
}

/* TCP/UDP of the outer packet; a complete UDP checksum is never 0. */
static void dcx_tcpudp_update(u8 proto, u8 *l4, __wsum diff, bool partial)
{
	struct udphdr *uh = (struct udphdr *)l4;

	if (proto == IPPROTO_TCP) {
		dcx_csum_update(&((struct tcphdr *)l4)->check, diff, partial);
		return;
	}
	dcx_csum_update(&uh->check, diff, partial);
	if (!uh->check && !partial)
		uh->check = CSUM_MANGLED_0;
}

void dcx_transport_46(struct dcx_xlat *x, const struct iphdr *iph, u8 *l4,
		      unsigned int len)
{
	switch (x->proto) {
	case IPPROTO_UDP:
		if (!((struct udphdr *)l4)->check && !x->csum_partial) {
			dcx_udp_fill_csum(x, (struct udphdr *)l4, len);
			break;
		}
		fallthrough;
	case IPPROTO_TCP:
		dcx_tcpudp_update(x->proto, l4,
				  dcx_csum_diff_46(&x->src6, &x->dst6,
						   iph->saddr, iph->daddr),
				  x->csum_partial);
		break;
	case IPPROTO_ICMP:
		dcx_icmp_csum_retype(l4, x->icmp_type, x->icmp_code,
				     dcx_csum_pseudo6(&x->src6, &x->dst6, len,
						      IPPROTO_ICMPV6), true);
		break;
	}
}

void dcx_transport_64(struct dcx_xlat *x, const struct ipv6hdr *ip6, u8 *l4,
		      unsigned int len)
{
	switch (x->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
		dcx_tcpudp_update(x->proto, l4,
				  dcx_csum_diff_64(&ip6->saddr, &ip6->daddr,
						   x->src4, x->dst4),
				  x->csum_partial);
		break;
	case IPPROTO_ICMPV6:
		dcx_icmp_csum_retype(l4, x->icmp_type, x->icmp_code,
				     dcx_csum_pseudo6(&ip6->saddr, &ip6->daddr,
						      len, IPPROTO_ICMPV6),
				     false);
		break;
	}
}

bool dcx_transport_inner(u8 proto, u8 *l4, unsigned int rest, __wsum diff,
			 bool keep_udp0)
{
	__sum16 *check;

	if (proto == IPPROTO_TCP) {
		if (rest < 18)	/* the checksum is bytes 16-17 */
			return true;
		check = &((struct tcphdr *)l4)->check;
	} else if (proto == IPPROTO_UDP) {
		if (rest < 8)
			return true;
		check = &((struct udphdr *)l4)->check;
		if (!*check && keep_udp0)
			return true;
	} else {
		return false;
	}
	dcx_csum_update(check, diff, false);
	return true;
}
