/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small, independent packet builder for the expectations of the unit
 * tests: headers written byte by byte from the RFC layouts, checksums
 * computed from scratch with a plain RFC 1071 sum over the whole message
 * (never the incremental arithmetic of kmod/core/transport.c, never the
 * kshim helpers), so an expected packet owes nothing to the code under
 * test.
 */
#ifndef DCX_PKT_BUILD_H
#define DCX_PKT_BUILD_H

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

#define PB_MAX	2048

/* RFC 1071 one's complement sum of big-endian 16-bit words. */
static inline uint32_t pb_sum(const uint8_t *p, unsigned int len,
			      uint32_t sum)
{
	unsigned int i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static inline uint16_t pb_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static inline void pb_put16(uint8_t *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void pb_addr4(uint8_t *p, const char *s)
{
	if (inet_pton(AF_INET, s, p) != 1)
		abort();
}

static inline void pb_addr6(uint8_t *p, const char *s)
{
	if (inet_pton(AF_INET6, s, p) != 1)
		abort();
}

/*
 * Where the checksum of a transport header sits: ICMP (icmp: 1 or 58) at 2,
 * TCP at 16, UDP at 6; -1 for anything else.
 */
static inline int pb_csum_off(uint8_t proto, uint8_t icmp)
{
	if (proto == icmp)
		return 2;
	return proto == 6 ? 16 : proto == 17 ? 6 : -1;
}

/*
 * Fill in the checksum of the transport header l4 (len bytes) over the
 * pseudo-header sum s; a computed UDP zero is sent as 0xffff.
 */
static inline void pb_l4_fill(uint8_t *l4, unsigned int len, int off,
			      uint8_t proto, uint32_t s)
{
	uint16_t c;

	pb_put16(l4 + off, 0);
	c = pb_fold(pb_sum(l4, len, s));
	if (proto == 17 && !c)
		c = 0xffff;
	pb_put16(l4 + off, c);
}

/* Upper-layer checksum of an IPv4 packet (UDP/TCP pseudo-header, ICMP). */
static inline void pb_l4_csum4(uint8_t *pkt, int zero_udp)
{
	unsigned int ihl = (pkt[0] & 0xf) * 4;
	unsigned int len = (pkt[2] << 8 | pkt[3]) - ihl;
	int off = pb_csum_off(pkt[9], 1);

	if (off < 0)
		return;
	if (pkt[9] == 17 && zero_udp) {
		pb_put16(pkt + ihl + off, 0);
		return;
	}
	pb_l4_fill(pkt + ihl, len, off, pkt[9],
		   pkt[9] == 1 ? 0 : pb_sum(pkt + 12, 8, 0) + pkt[9] + len);
}

/* Upper-layer checksum of an IPv6 packet without extension headers. */
static inline void pb_l4_csum6(uint8_t *pkt)
{
	unsigned int len = pkt[4] << 8 | pkt[5];
	int off = pb_csum_off(pkt[6], 58);

	if (off >= 0)
		pb_l4_fill(pkt + 40, len, off, pkt[6],
			   pb_sum(pkt + 8, 32, 0) + pkt[6] + len);
}

/* IPv4 header + payload; header checksum filled in. Returns the length. */
static inline unsigned int pb_ip4(uint8_t *p, const char *src,
				  const char *dst, uint8_t proto, uint8_t tos,
				  uint8_t ttl, uint16_t id, uint16_t frag,
				  const uint8_t *pl, unsigned int plen)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	p[1] = tos;
	pb_put16(p + 2, 20 + plen);
	pb_put16(p + 4, id);
	pb_put16(p + 6, frag);
	p[8] = ttl;
	p[9] = proto;
	pb_addr4(p + 12, src);
	pb_addr4(p + 16, dst);
	pb_put16(p + 10, pb_fold(pb_sum(p, 20, 0)));
	memcpy(p + 20, pl, plen);
	return 20 + plen;
}

static inline unsigned int pb_ip6(uint8_t *p, const char *src,
				  const char *dst, uint8_t nexthdr,
				  uint8_t tclass, uint8_t hlim,
				  const uint8_t *pl, unsigned int plen)
{
	memset(p, 0, 40);
	p[0] = 0x60 | tclass >> 4;
	p[1] = (tclass & 0xf) << 4;
	pb_put16(p + 4, plen);
	p[6] = nexthdr;
	p[7] = hlim;
	pb_addr6(p + 8, src);
	pb_addr6(p + 24, dst);
	memcpy(p + 40, pl, plen);
	return 40 + plen;
}

/* UDP header + n payload bytes (checksum left for pb_l4_csum*). */
static inline unsigned int pb_udp(uint8_t *p, unsigned int n)
{
	unsigned int i;

	pb_put16(p, 4321);
	pb_put16(p + 2, 53);
	pb_put16(p + 4, 8 + n);
	pb_put16(p + 6, 0);
	for (i = 0; i < n; i++)
		p[8 + i] = (uint8_t)(i * 7 + 3);
	return 8 + n;
}

/* ICMP/ICMPv6 header: type, code, (checksum), 4 rest bytes, then body. */
static inline unsigned int pb_icmp(uint8_t *p, uint8_t type, uint8_t code,
				   uint32_t rest, const uint8_t *body,
				   unsigned int blen)
{
	p[0] = type;
	p[1] = code;
	pb_put16(p + 2, 0);
	p[4] = rest >> 24;
	p[5] = rest >> 16;
	p[6] = rest >> 8;
	p[7] = rest;
	memcpy(p + 8, body, blen);
	return 8 + blen;
}

#endif /* DCX_PKT_BUILD_H */
