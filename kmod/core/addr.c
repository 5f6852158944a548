// SPDX-License-Identifier: GPL-2.0
/*
 * Address arithmetic (see addr.h): RFC 6052 embedding, special and
 * non-global IPv4 addresses, RFC 6791 pool picks.
 */
#include "addr.h"

bool dcx_prefix6_valid_len(unsigned int len)
{
	return len == 32 || len == 40 || len == 48 || len == 56 ||
	       len == 64 || len == 96;
}

/*
 * RFC 6052 section 2.2: the IPv4 address fills the bytes after the prefix,
 * skipping byte 8 (bits 64..71, the "u" octet), which stays zero; so does
 * the suffix.
 */
void dcx_rfc6052_embed(const struct dcx_prefix6 *p, __be32 v4,
		       struct in6_addr *out)
{
	const u8 *b = (const u8 *)&v4;
	unsigned int pos = p->len / 8;
	unsigned int i;

	switch (p->len) {	/* the usual lengths, without the byte loop */
	case 96:
		memcpy(out, &p->addr, 12);
		memcpy(out->s6_addr + 12, &v4, 4);
		return;
	case 64:
		memcpy(out, &p->addr, 8);
		out->s6_addr[8] = 0;
		memcpy(out->s6_addr + 9, &v4, 4);
		memset(out->s6_addr + 13, 0, 3);
		return;
	}
	memcpy(out, &p->addr, pos);
	memset(out->s6_addr + pos, 0, 16 - pos);
	for (i = 0; i < 4; i++, pos++) {
		if (pos == 8)
			pos++;
		out->s6_addr[pos] = b[i];
	}
}

/*
 * Inverse of dcx_rfc6052_embed(). The u octet and the suffix are ignored on
 * reception, as RFC 6052 only says how to build them (see
 * docs/rfc-compliance.md).
 */
__be32 dcx_rfc6052_v4(const struct dcx_prefix6 *p, const struct in6_addr *a)
{
	const u8 *s = a->s6_addr;
	unsigned int pos = p->len / 8, i;
	u8 b[4];
	__be32 v4;

	switch (p->len) {	/* the six lengths, without the byte loop */
	case 96:
		memcpy(&v4, s + 12, 4);
		return v4;
	case 64:
		memcpy(&v4, s + 9, 4);
		return v4;
	case 32:
		memcpy(&v4, s + 4, 4);
		return v4;
	}
	for (i = 0; i < 4; i++, pos++) {
		if (pos == 8)
			pos++;
		b[i] = s[pos];
	}
	memcpy(&v4, b, 4);
	return v4;
}

bool dcx_rfc6052_extract(const struct dcx_prefix6 *p,
			 const struct in6_addr *a, __be32 *v4)
{
	if (!p->len || !dcx_addr6_in(&p->addr, p->len / 8 * 8, a))
		return false;
	*v4 = dcx_rfc6052_v4(p, a);
	return true;
}

/*
 * RFC 6052 section 3.1: the well-known prefix must not carry non-global
 * IPv4 addresses. The list is the non-global special-purpose blocks of
 * RFC 6890 (the successor of the RFC 5735 section 3 list 6052 cites):
 * 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24,
 * 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 240/4,
 * 255.255.255.255, plus multicast 224/4 (which 5735 lists). 192.88.99/24
 * (6to4 relay anycast) is global and not in it.
 *
 * The first octet decides alone for all but six values: the blocks of /8
 * and shorter are a 256-entry table, the longer ones (DCX_NG_MORE in the
 * table) a short list walked only for their own first octet. Every
 * block is /24 or shorter (255.255.255.255 lies inside 240/4), so the
 * unit test compares this with the plain list over every /24.
 */
enum { DCX_NG_GLOBAL, DCX_NG_YES, DCX_NG_MORE };

static const u8 dcx_ng_first[256] = {
	[0] = DCX_NG_YES, [10] = DCX_NG_YES, [127] = DCX_NG_YES,
	[224 ... 255] = DCX_NG_YES,
	[100] = DCX_NG_MORE, [169] = DCX_NG_MORE, [172] = DCX_NG_MORE,
	[192] = DCX_NG_MORE, [198] = DCX_NG_MORE, [203] = DCX_NG_MORE,
};

bool dcx_v4_nonglobal(__be32 a)
{
	static const struct {
		u32 net;
		u8 len;
	} longer[] = {
		{ 0x64400000, 10 }, { 0xa9fe0000, 16 }, { 0xac100000, 12 },
		{ 0xc0000000, 24 }, { 0xc0000200, 24 }, { 0xc0a80000, 16 },
		{ 0xc6120000, 15 }, { 0xc6336400, 24 }, { 0xcb007100, 24 },
	};
	u32 h = ntohl(a);
	unsigned int i;

	if (dcx_ng_first[h >> 24] != DCX_NG_MORE)
		return dcx_ng_first[h >> 24] == DCX_NG_YES;
	for (i = 0; i < ARRAY_SIZE(longer); i++)
		if (!((h ^ longer[i].net) & (~0u << (32 - longer[i].len))))
			return true;
	return false;
}

/*
 * A mixing hash (the murmur3 finaliser over the folded words) that picks
 * an address of an RFC 6791 pool from the packet's source, so one source
 * always gets the same address and different sources spread over the pool.
 */
static u32 dcx_mix32(u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

__be32 dcx_rfc6791_pick4(const struct dcx_prefix4 *p,
			 const struct in6_addr *src)
{
	u32 h, host;

	if (p->len >= 32)
		return p->addr;
	/* The pool's own host bits are ignored: the hash fills them. */
	h = dcx_mix32(ntohl(src->s6_addr32[0]) ^ ntohl(src->s6_addr32[1]) ^
		      ntohl(src->s6_addr32[2]) ^
		      dcx_mix32(ntohl(src->s6_addr32[3])));
	host = h & (~0u >> p->len);
	return (p->addr & htonl(~(~0u >> p->len))) | htonl(host);
}

void dcx_rfc6791_pick6(const struct dcx_prefix6 *p, __be32 src,
		       struct in6_addr *out)
{
	u32 h = dcx_mix32(ntohl(src)), w;
	unsigned int i, bit;

	*out = p->addr;
	/* Host bits from the hash, repeated over the 32-bit words. */
	for (i = p->len; i < 128; i++) {
		if (!(i % 32))
			h = dcx_mix32(h + i);
		bit = 31 - i % 32;
		w = (h >> bit) & 1;
		if (w)
			out->s6_addr[i / 8] |= 0x80 >> (i % 8);
		else
			out->s6_addr[i / 8] &= ~(0x80 >> (i % 8));
	}
}
