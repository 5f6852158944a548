// SPDX-License-Identifier: GPL-2.0
/*
 * Checksum arithmetic shared by both directions. Translation never touches
 * the payload, so every transport checksum is updated incrementally by the
 * difference between the old and the new pseudo-header (RFC 1624).
 */
#include "xlat.h"

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

/* Sum of the address part of an IPv6 pseudo-header. */
__wsum dcx_csum_addrs6(const struct in6_addr *src, const struct in6_addr *dst)
{
	return csum_partial(dst, sizeof(*dst),
			    csum_partial(src, sizeof(*src), 0));
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
