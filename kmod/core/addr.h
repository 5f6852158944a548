/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address arithmetic without tables: RFC 6052 IPv4-embedded IPv6
 * addresses, the addresses translation never produces or consumes, and the
 * RFC 6791 pool picks. Pure functions of their arguments.
 */
#ifndef DCX_CORE_ADDR_H
#define DCX_CORE_ADDR_H

#include "types.h"

/*
 * a is in the prefix p/len (0..128): two masked 64-bit compares. Inline:
 * the 6->4 data path asks it for every packet (pool6.c, below).
 */
static inline bool dcx_addr6_in(const struct in6_addr *p, unsigned int len,
				const struct in6_addr *a)
{
	u64 hi = len >= 64 ? ~0ULL : len ? ~0ULL << (64 - len) : 0;
	u64 lo = len >= 128 ? ~0ULL : len > 64 ? ~0ULL << (128 - len) : 0;
	u64 x[2], y[2];

	memcpy(x, p->s6_addr, 16);
	memcpy(y, a->s6_addr, 16);
	return !((x[0] ^ y[0]) & (__force u64)cpu_to_be64(hi)) &&
	       !((x[1] ^ y[1]) & (__force u64)cpu_to_be64(lo));
}

/* RFC 6052 2.2: the prefix lengths 32, 40, 48, 56, 64 and 96. */
bool dcx_prefix6_valid_len(unsigned int len);
/* RFC 6052: embed/extract an IPv4 address in/from an IPv6 prefix. */
void dcx_rfc6052_embed(const struct dcx_prefix6 *p, __be32 v4,
		       struct in6_addr *out);
bool dcx_rfc6052_extract(const struct dcx_prefix6 *p,
			 const struct in6_addr *a, __be32 *v4);
/* The same for an a known to be in p (a pool6 lookup found p for it). */
__be32 dcx_rfc6052_v4(const struct dcx_prefix6 *p, const struct in6_addr *a);
/*
 * Never produced or consumed by translation, whatever the prefix or EAM
 * entry: the IPv4 addresses a router must not forward (RFC 1812 5.3.7,
 * RFC 3927 7, "Forwardable: False" of RFC 6890): "this network"
 * 0.0.0.0/8 (the kernel's ipv4_is_zeronet() only means 0.0.0.0 since
 * 5.x), loopback 127/8, link-local 169.254/16, reserved 240/4 with the
 * limited broadcast; and multicast 224/4, which SIIT does not translate
 * (RFC 7915 1.1). The one rule over them is docs/rfc-compliance.md's
 * "Non-translatable IPv4 addresses": an IPv4 packet to one is left to the
 * IPv4 stack (special-v4-passed), any other packet that has one as
 * source or destination is dropped (special-v4-dropped).
 * Inline, as the next one: every packet asks them.
 */
static inline bool dcx_v4_special(__be32 a)
{
	u32 h = ntohl(a);

	return (h >> 24) == 0 || (h >> 24) == 127 || (h >> 16) == 0xa9fe ||
	       (h >> 28) >= 0xe;
}

/* The RFC 6052 well-known prefix 64:ff9b::/96. */
static inline bool dcx_prefix6_is_wkp(const struct dcx_prefix6 *p)
{
	return p->len == 96 &&
	       p->addr.s6_addr32[0] == cpu_to_be32(0x0064ff9b) &&
	       !(p->addr.s6_addr32[1] | p->addr.s6_addr32[2]);
}

/* RFC 6052 3.1: not to be used with the well-known prefix. */
bool dcx_v4_nonglobal(__be32 a);

/*
 * RFC 6791 pools: an address of p chosen by a hash of the packet's source
 * (deterministic: the same source always gets the same address).
 */
__be32 dcx_rfc6791_pick4(const struct dcx_prefix4 *p,
			 const struct in6_addr *src);
void dcx_rfc6791_pick6(const struct dcx_prefix6 *p, __be32 src,
		       struct in6_addr *out);

#endif /* DCX_CORE_ADDR_H */
