// SPDX-License-Identifier: GPL-2.0
/*
 * Packet mutations (see mutate.h). Each aims at a class of the module's
 * input checks: bits and bytes anywhere (headers more often), length
 * fields set to interesting values, truncation and extension, IPv6
 * extension headers inserted into the chain, fragment fields of every
 * shape, the packet wrapped into an ICMP error (again and again: ICMP in
 * ICMP), addresses swapped. Afterwards the IPv4 header checksum is
 * mostly fixed (else ip_rcv() drops the packet before the translator
 * sees it) and the L4 checksum often, so the mutations reach deep.
 */
#include <string.h>
#include <arpa/inet.h>
#include "mutate.h"

uint32_t pf_rand(struct pf_rng *r)
{
	/* xorshift64* */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

uint32_t pf_below(struct pf_rng *r, uint32_t n)
{
	return (uint32_t)(((uint64_t)pf_rand(r) * n) >> 32);
}

static void put16(uint8_t *b, unsigned int v)
{
	b[0] = v >> 8;
	b[1] = v;
}

static unsigned int get16(const uint8_t *b)
{
	return b[0] << 8 | b[1];
}

/* The IP header's own length field follows the packet's length. */
static void fix_len(struct pf_pkt *p)
{
	if (p->fam == 4 && p->len >= 4)
		put16(p->b + 2, p->len);
	else if (p->fam == 6 && p->len >= 6)
		put16(p->b + 4, p->len >= 40 ? p->len - 40 : 0);
}

void pf_truncate(struct pf_pkt *p, unsigned int len, bool fix)
{
	if (len < p->len)
		p->len = len;
	if (fix) {
		fix_len(p);
		pf_fix_ip4(p);
	}
}

static uint32_t sum16(uint32_t s, const uint8_t *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i + 1 < n; i += 2)
		s += get16(b + i);
	if (n & 1)
		s += b[n - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

void pf_fix_ip4(struct pf_pkt *p)
{
	unsigned int hl;

	if (p->fam != 4 || p->len < 20)
		return;
	hl = (p->b[0] & 15) * 4;
	if (hl < 20 || hl > p->len)
		return;
	put16(p->b + 10, 0);
	put16(p->b + 10, (uint16_t)~fold(sum16(0, p->b, hl)));
}

/*
 * Where the L4 header starts and which protocol it is; 0 when the packet
 * has none we can checksum (a fragment, an odd chain, too short).
 */
static unsigned int l4_off(const struct pf_pkt *p, uint8_t *proto)
{
	unsigned int off, hl;
	uint8_t nh;

	if (p->fam == 4) {
		hl = (p->b[0] & 15) * 4;
		if (p->len < 20 || hl < 20 || hl >= p->len ||
		    (get16(p->b + 6) & 0x3fff))
			return 0;
		*proto = p->b[9];
		return hl;
	}
	if (p->len < 40)
		return 0;
	nh = p->b[6];
	off = 40;
	while ((nh == 0 || nh == 43 || nh == 60) && off + 8 <= p->len) {
		nh = p->b[off];
		off += (p->b[off + 1] + 1) * 8;
	}
	if (off >= p->len)
		return 0;
	*proto = nh;
	return off;
}

/* Offset of the checksum field of proto, or -1. */
static int csum_field(uint8_t proto)
{
	switch (proto) {
	case 1:
	case 58:
		return 2;
	case 6:
		return 16;
	case 17:
		return 6;
	}
	return -1;
}

/* The pseudo-header sum of an L4 segment of n bytes (none for ICMP). */
static uint32_t pseudo(const struct pf_pkt *p, uint8_t proto, unsigned int n)
{
	uint32_t s;

	if (proto == 1)
		return 0;
	if (p->fam == 4)
		s = sum16(0, p->b + 12, 8);
	else
		s = sum16(0, p->b + 8, 32);
	return s + proto + (n & 0xffff) + (n >> 16);
}

void pf_fix_l4(struct pf_pkt *p)
{
	unsigned int off, n;
	uint8_t proto;
	uint16_t c;
	int f;

	off = l4_off(p, &proto);
	f = csum_field(proto);
	if (!off || f < 0 || off + f + 2 > p->len)
		return;
	n = p->len - off;
	put16(p->b + off + f, 0);
	c = ~fold(sum16(pseudo(p, proto, n), p->b + off, n));
	if (proto == 17 && !c)
		c = 0xffff;
	put16(p->b + off + f, c);
}

static const unsigned int interesting[] = {
	0, 1, 7, 8, 20, 28, 40, 48, 64, 0x7f, 0x80, 0xff, 576, 1280, 1500,
	0x7fff, 0x8000, 0xffff,
};

static unsigned int pick_value(struct pf_rng *r, unsigned int len)
{
	unsigned int n = sizeof(interesting) / sizeof(interesting[0]);

	switch (pf_below(r, 4)) {
	case 0:
		return len + pf_below(r, 5) - 2;
	case 1:
		return len - 20 - pf_below(r, 2) * 20;
	case 2:
		return pf_rand(r) & 0xffff;
	}
	return interesting[pf_below(r, n)];
}

/* An offset, in the first 80 bytes three times in four. */
static unsigned int pick_off(struct pf_rng *r, const struct pf_pkt *p)
{
	unsigned int lim = p->len;

	if (lim > 80 && pf_below(r, 4))
		lim = 80;
	return lim ? pf_below(r, lim) : 0;
}

/* Make room for n bytes at off; false when the packet would be too big. */
static bool open_gap(struct pf_pkt *p, unsigned int off, unsigned int n)
{
	if (off > p->len || p->len + n > PF_PKT_MAX)
		return false;
	memmove(p->b + off + n, p->b + off, p->len - off);
	p->len += n;
	return true;
}

/* IPv6: a new extension header right after the fixed header. */
static void insert_ext(struct pf_rng *r, struct pf_pkt *p)
{
	static const uint8_t types[] = { 0, 43, 44, 60, 51, 135, 139, 253 };
	uint8_t t = types[pf_below(r, sizeof(types))];
	unsigned int n = t == 44 ? 8 : 8 * (1 + pf_below(r, 3)), i;
	uint8_t *e;

	if (p->fam != 6 || p->len < 40 || !open_gap(p, 40, n))
		return;
	e = p->b + 40;
	e[0] = p->b[6];
	e[1] = t == 51 ? n / 4 - 2 : n / 8 - 1;
	for (i = 2; i < n; i++)
		e[i] = pf_below(r, 3) ? 0 : pf_rand(r);
	if (t == 44 && pf_below(r, 2))
		put16(e + 2, (pf_below(r, 0x2000) << 3) | pf_below(r, 2));
	p->b[6] = t;
	fix_len(p);
}

/* Fragment fields: offset, MF, a fragment header in IPv6. */
static void fragmentize(struct pf_rng *r, struct pf_pkt *p)
{
	unsigned int v = pf_below(r, 0x2000) & (pf_below(r, 2) ? 0x7 : 0x1fff);

	if (p->fam == 4 && p->len >= 20) {
		put16(p->b + 6, v | (pf_below(r, 4) << 13));
		pf_fix_ip4(p);
		return;
	}
	if (p->fam == 6 && p->len >= 40 && open_gap(p, 40, 8)) {
		p->b[40] = p->b[6];
		p->b[41] = 0;
		put16(p->b + 42, v << 3 | pf_below(r, 2));
		memcpy(p->b + 44, "\x00\x00\xab\xcd", 4);
		p->b[6] = 44;
		fix_len(p);
	}
}

/* Wrap the packet into an ICMP error of its own family (from dst). */
static void wrap_icmp(struct pf_rng *r, struct pf_pkt *p)
{
	static const uint8_t t4[] = { 3, 11, 12, 4, 5, 8 };
	static const uint8_t t6[] = { 1, 2, 3, 4, 128 };
	unsigned int hl = p->fam == 4 ? 28 : 48;
	uint8_t *o = p->b, *in;

	if (p->len < hl - 8 || !open_gap(p, 0, hl))
		return;
	in = p->b + hl;
	memcpy(o, in, hl - 8);
	if (p->fam == 4) {
		memcpy(o + 12, in + 16, 4);	/* error from its destination */
		memcpy(o + 16, in + 12, 4);
		o[0] = 0x45;
		o[9] = 1;
		o[20] = t4[pf_below(r, sizeof(t4))];
	} else {
		memcpy(o + 8, in + 24, 16);
		memcpy(o + 24, in + 8, 16);
		o[6] = 58;
		o[40] = t6[pf_below(r, sizeof(t6))];
	}
	o[hl - 7] = pf_below(r, 5);
	memset(o + hl - 6, 0, 6);
	if (pf_below(r, 2))
		put16(o + hl - 2, pick_value(r, p->len));
	fix_len(p);
}

static void swap_addrs(struct pf_pkt *p)
{
	unsigned int a = p->fam == 4 ? 12 : 8, n = p->fam == 4 ? 4 : 16;
	uint8_t t[16];

	if (p->len < a + 2 * n)
		return;
	memcpy(t, p->b + a, n);
	memcpy(p->b + a, p->b + a + n, n);
	memcpy(p->b + a + n, t, n);
}

static void mutate_one(struct pf_rng *r, struct pf_pkt *p)
{
	unsigned int off = pick_off(r, p), n, i;

	switch (pf_below(r, 11)) {
	case 0:
		if (p->len)
			p->b[off] ^= 1 << pf_below(r, 8);
		break;
	case 1:
		if (p->len)
			p->b[off] = pick_value(r, p->len);
		break;
	case 2:
		if (off + 2 <= p->len)
			put16(p->b + off, pick_value(r, p->len));
		break;
	case 3:			/* the IP header's own length fields */
		if (p->fam == 4 && p->len >= 20) {
			if (pf_below(r, 2))
				p->b[0] = 0x40 | pf_below(r, 16);
			else
				put16(p->b + 2, pick_value(r, p->len));
		} else if (p->len >= 40) {
			put16(p->b + 4, pick_value(r, p->len - 40));
		}
		break;
	case 4:
		pf_truncate(p, pf_below(r, p->len + 1), pf_below(r, 2));
		break;
	case 5:
		n = 1 + pf_below(r, 64);
		if (open_gap(p, p->len, n)) {
			for (i = p->len - n; i < p->len; i++)
				p->b[i] = pf_rand(r);
			if (pf_below(r, 2))
				fix_len(p);
		}
		break;
	case 6:
		insert_ext(r, p);
		break;
	case 7:
		fragmentize(r, p);
		break;
	case 8:
		wrap_icmp(r, p);
		break;
	case 9:
		swap_addrs(p);
		break;
	default:		/* the TTL / hop limit */
		if (p->len >= 9)
			p->b[p->fam == 4 ? 8 : 7] = pf_below(r, 3);
		break;
	}
}

void pf_mutate(struct pf_rng *r, struct pf_pkt *p)
{
	unsigned int n = 1 + pf_below(r, 4);

	while (n--)
		mutate_one(r, p);
	if (pf_below(r, 8))
		pf_fix_l4(p);
	if (pf_below(r, 10))
		pf_fix_ip4(p);
}

/* A GSO header a well-behaved guest would send for a TCP/UDP packet. */
static void plausible_gso(struct pf_rng *r, struct pf_pkt *p)
{
	static const unsigned int sizes[] = { 1, 8, 100, 536, 1000, 1220,
					      1280, 1400, 1448, 1460, 9000 };
	struct virtio_net_hdr *vh = &p->vh;
	unsigned int off, n;
	uint8_t proto;

	off = l4_off(p, &proto);
	if (!off || (proto != 6 && proto != 17) || off + 20 > p->len)
		return;
	n = p->len - off;
	vh->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
	vh->csum_start = 14 + off;
	vh->csum_offset = proto == 6 ? 16 : 6;
	/* The pseudo-header sum, as a sender with checksum offload leaves. */
	put16(p->b + off + vh->csum_offset, fold(pseudo(p, proto, n)));
	if (proto == 6)
		vh->gso_type = p->fam == 4 ? VIRTIO_NET_HDR_GSO_TCPV4 :
					     VIRTIO_NET_HDR_GSO_TCPV6;
	else
		vh->gso_type = pf_below(r, 2) ? 5 /* UDP_L4 */ :
						VIRTIO_NET_HDR_GSO_UDP;
	if (!pf_below(r, 8))
		vh->gso_type |= VIRTIO_NET_HDR_GSO_ECN;
	vh->gso_size = pf_below(r, 3) ? sizes[pf_below(r, 11)] :
					pf_below(r, n + 1);
	vh->hdr_len = 14 + off + (proto == 6 ? 4 * (p->b[off + 12] >> 4) : 8);
	if (!pf_below(r, 8))
		vh->hdr_len = pf_below(r, p->len + 14);
}

void pf_vnet_hdr(struct pf_rng *r, struct pf_pkt *p)
{
	struct virtio_net_hdr *vh = &p->vh;

	memset(vh, 0, sizeof(*vh));
	switch (pf_below(r, 4)) {
	case 0:			/* anything */
		vh->flags = pf_below(r, 4);
		vh->gso_type = pf_rand(r) & 0x87;
		vh->hdr_len = pf_below(r, p->len + 20);
		vh->gso_size = pf_rand(r) & 0xffff;
		vh->csum_start = pf_below(r, p->len + 20);
		vh->csum_offset = pf_below(r, 40);
		break;
	case 1:			/* the checksum left to the receiver */
		plausible_gso(r, p);
		vh->gso_type = VIRTIO_NET_HDR_GSO_NONE;
		vh->gso_size = 0;
		break;
	case 2:			/* checksum already verified */
		vh->flags = VIRTIO_NET_HDR_F_DATA_VALID;
		break;
	default:
		plausible_gso(r, p);
		break;
	}
}
