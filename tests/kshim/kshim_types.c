// SPDX-License-Identifier: GPL-2.0
/* Userspace checksums behind kshim_types.h, with the kernel's results. */
#include "kshim_types.h"

/* Fold a 64-bit accumulator into 32 bits with end-around carry. */
static u32 from64to32(u64 x)
{
	x = (x & 0xffffffffULL) + (x >> 32);
	x = (x & 0xffffffffULL) + (x >> 32);
	return (u32)x;
}

/*
 * Ones'-complement sum of the buffer as native-order 16-bit words, the way
 * the kernel's csum_partial() sees memory: the folded result stored as a
 * __sum16 is the Internet checksum in network order. A trailing odd byte
 * is padded with a zero byte after it.
 */
__wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const u8 *p = buff;
	u64 acc = (__force u32)sum;
	u16 w;

	for (; len >= 2; len -= 2, p += 2) {
		memcpy(&w, p, 2);
		acc += w;
	}
	if (len == 1) {
		u8 pad[2] = { p[0], 0 };

		memcpy(&w, pad, 2);
		acc += w;
	}
	return (__force __wsum)from64to32(acc);
}

__sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

__sum16 ip_compute_csum(const void *buff, int len)
{
	return csum_fold(csum_partial(buff, len, 0));
}

__sum16 csum_ipv6_magic(const struct in6_addr *saddr,
			const struct in6_addr *daddr, __u32 len, __u8 proto,
			__wsum csum)
{
	u64 s = (__force u32)csum;
	int i;

	for (i = 0; i < 4; i++) {
		s += (__force u32)saddr->s6_addr32[i];
		s += (__force u32)daddr->s6_addr32[i];
	}
	s += (__force u32)htonl(len);
	s += (__force u32)htonl(proto);
	return csum_fold((__force __wsum)from64to32(s));
}
