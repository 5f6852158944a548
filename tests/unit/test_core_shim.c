// SPDX-License-Identifier: GPL-2.0
/*
 * tests/kshim/kshim.{h,c} against reality: checksums against scapy
 * (vectors/gen_shim.py) and RFC 1071, header layouts and constants against
 * the wire formats, and the RCU / allocation / lock emulation the other
 * tests rely on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "env.h"
#include "vectors/shim_vectors.h"

#define CONFIG_DCX_SHIM_TEST_ON 1

/* A __sum16 as the 16-bit number the wire carries. */
static u16 wire(__sum16 s)
{
	return be16_to_cpu((__force __be16)s);
}

static __be32 be32_of(const u8 *b)
{
	__be32 v;

	memcpy(&v, b, 4);
	return v;
}

/* ---- layouts and constants ------------------------------------------ */

static void test_layouts(void **state)
{
	struct iphdr ip = { 0 };
	struct ipv6hdr ip6 = { 0 };
	struct tcphdr th = { 0 };
	u8 b[40];

	(void)state;
	assert_int_equal(sizeof(struct iphdr), 20);
	assert_int_equal(sizeof(struct ipv6hdr), 40);
	assert_int_equal(sizeof(struct frag_hdr), 8);
	assert_int_equal(sizeof(struct ipv6_opt_hdr), 2);
	assert_int_equal(sizeof(struct ipv6_rt_hdr), 4);
	assert_int_equal(sizeof(struct tcphdr), 20);
	assert_int_equal(sizeof(struct udphdr), 8);
	assert_int_equal(sizeof(struct icmphdr), 8);
	assert_int_equal(sizeof(struct icmp6hdr), 8);
	assert_int_equal(sizeof(struct in6_addr), 16);
	assert_int_equal(offsetof(struct iphdr, frag_off), 6);
	assert_int_equal(offsetof(struct iphdr, check), 10);
	assert_int_equal(offsetof(struct iphdr, saddr), 12);
	assert_int_equal(offsetof(struct iphdr, daddr), 16);
	assert_int_equal(offsetof(struct ipv6hdr, payload_len), 4);
	assert_int_equal(offsetof(struct ipv6hdr, nexthdr), 6);
	assert_int_equal(offsetof(struct ipv6hdr, saddr), 8);
	assert_int_equal(offsetof(struct ipv6hdr, daddr), 24);
	assert_int_equal(offsetof(struct frag_hdr, frag_off), 2);
	assert_int_equal(offsetof(struct frag_hdr, identification), 4);
	assert_int_equal(offsetof(struct tcphdr, check), 16);
	assert_int_equal(offsetof(struct udphdr, check), 6);
	assert_int_equal(offsetof(struct icmphdr, checksum), 2);
	assert_int_equal(offsetof(struct icmphdr, un.echo.sequence), 6);
	assert_int_equal(offsetof(struct icmphdr, un.frag.mtu), 6);
	assert_int_equal(offsetof(struct icmp6hdr, icmp6_cksum), 2);
	assert_int_equal(offsetof(struct icmp6hdr, icmp6_dataun), 4);

	/* Bitfields land where the wire has them. */
	ip.version = 4;
	ip.ihl = 5;
	memcpy(b, &ip, sizeof(ip));
	assert_int_equal(b[0], 0x45);
	ip6.version = 6;
	ip6.priority = 0xa;
	ip6.flow_lbl[0] = 0xbc;
	memcpy(b, &ip6, sizeof(ip6));
	assert_int_equal(b[0], 0x6a);
	assert_int_equal(b[1], 0xbc);
	th.doff = 5;
	th.syn = 1;
	th.ack = 1;
	memcpy(b, &th, sizeof(th));
	assert_int_equal(b[12], 0x50);
	assert_int_equal(b[13], 0x12);

	/* s6_addr16/s6_addr32 alias the bytes. */
	{
		struct in6_addr a = { 0 };

		a.s6_addr[15] = 1;
		assert_int_equal(a.s6_addr32[3], htonl(1));
		assert_int_equal(a.s6_addr16[7], htons(1));
	}
}

static void test_constants(void **state)
{
	unsigned int i, hits = 0;
	static const u16 protos[] = { 0x0800, 0x86dd, 0x0806 };

	(void)state;
	assert_int_equal(NEXTHDR_HOP, 0);
	assert_int_equal(NEXTHDR_TCP, 6);
	assert_int_equal(NEXTHDR_UDP, 17);
	assert_int_equal(NEXTHDR_IPV6, 41);
	assert_int_equal(NEXTHDR_ROUTING, 43);
	assert_int_equal(NEXTHDR_FRAGMENT, 44);
	assert_int_equal(NEXTHDR_ESP, 50);
	assert_int_equal(NEXTHDR_AUTH, 51);
	assert_int_equal(NEXTHDR_ICMP, 58);
	assert_int_equal(NEXTHDR_NONE, 59);
	assert_int_equal(NEXTHDR_DEST, 60);
	assert_int_equal(IPPROTO_ICMP, 1);
	assert_int_equal(IPPROTO_ICMPV6, 58);
	assert_int_equal(IPPROTO_FRAGMENT, 44);
	assert_int_equal(IP_DF, 0x4000);
	assert_int_equal(IP_MF, 0x2000);
	assert_int_equal(IP_OFFSET, 0x1fff);
	assert_int_equal(IP6_MF, 1);
	assert_int_equal(IP6_OFFSET, 0xfff8);
	assert_int_equal(ICMP_DEST_UNREACH, 3);
	assert_int_equal(ICMP_FRAG_NEEDED, 4);
	assert_int_equal(ICMP_TIME_EXCEEDED, 11);
	assert_int_equal(ICMP_PARAMETERPROB, 12);
	assert_int_equal(ICMP_PKT_FILTERED, 13);
	assert_int_equal(ICMPV6_DEST_UNREACH, 1);
	assert_int_equal(ICMPV6_PKT_TOOBIG, 2);
	assert_int_equal(ICMPV6_TIME_EXCEED, 3);
	assert_int_equal(ICMPV6_PARAMPROB, 4);
	assert_int_equal(ICMPV6_ECHO_REQUEST, 128);
	assert_int_equal(ICMPV6_ECHO_REPLY, 129);
	assert_int_equal(ICMPV6_PORT_UNREACH, 4);
	assert_int_equal(ICMPV6_UNK_NEXTHDR, 1);
	assert_true(icmp_is_err(ICMP_REDIRECT));
	assert_false(icmp_is_err(ICMP_ECHO));
	assert_true(icmpv6_is_err(ICMPV6_PARAMPROB));
	assert_false(icmpv6_is_err(ICMPV6_ECHO_REPLY));
	assert_true(ipv6_ext_hdr(NEXTHDR_DEST));
	assert_false(ipv6_ext_hdr(NEXTHDR_TCP));

	/* Byte order macros fold to constants: usable as case labels. */
	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		switch (htons(protos[i])) {
		case htons(0x0800):
			hits += 1;
			break;
		case htons(0x86dd):
			hits += 10;
			break;
		}
	}
	assert_int_equal(hits, 11);
	assert_int_equal(((const u8 *)&(__be32){ htonl(0x01020304) })[0], 1);
	assert_int_equal(be64_to_cpu(cpu_to_be64(0x0102030405060708ULL)),
			 0x0102030405060708ULL);
	assert_int_equal(swab32(0x11223344), 0x44332211);
}

/* ---- checksums ------------------------------------------------------ */

/* RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2. */
static void test_rfc1071_example(void **state)
{
	static const u8 b[] = { 0x00, 0x01, 0xf2, 0x03,
				0xf4, 0xf5, 0xf6, 0xf7 };
	u8 odd[9];

	(void)state;
	assert_int_equal(wire(csum_fold(csum_partial(b, 8, 0))), 0x220d);
	assert_int_equal(wire(ip_compute_csum(b, 8)), 0x220d);
	/* At an odd address: same result. */
	memcpy(odd + 1, b, 8);
	assert_int_equal(wire(ip_compute_csum(odd + 1, 8)), 0x220d);
	/* Trailing odd byte is padded with zero after it. */
	assert_int_equal(wire(ip_compute_csum(b, 7)),
			 (u16)~(0xddf2 - 0xf7) & 0xffff);
	/* Carries that need the second fold of the 64-bit accumulator. */
	assert_int_equal((__force u16)csum_tcpudp_magic((__force __be32)~0u,
							(__force __be32)1, 0,
							0,
							(__force __wsum)~0u),
			 (u16)~1);
	/* Folding edge cases. */
	assert_int_equal((__force u16)csum_fold(0), 0xffff);
	assert_int_equal((__force u16)csum_fold((__force __wsum)0xffffffff),
			 0);
	assert_int_equal((__force u32)csum_add((__force __wsum)0xffffffff,
					       (__force __wsum)1), 1);
	assert_int_equal((__force u16)csum_fold(csum_sub((__force __wsum)
							 0x12345678,
							 (__force __wsum)
							 0x12345678)), 0);
	assert_int_equal((__force u16)csum16_add((__force __sum16)0xffff,
						 htons(1)),
			 (__force u16)htons(1));
	assert_int_equal((__force u32)csum_shift((__force __wsum)0x11223344,
						 1), 0x44112233);
	assert_int_equal((__force u32)csum_shift((__force __wsum)0x11223344,
						 2), 0x11223344);
}

static void test_ip4_headers(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(ip4_vecs); i++) {
		const struct shim_ip4_vec *v = &ip4_vecs[i];
		u8 buf[64] __aligned(8);
		struct iphdr *h = (struct iphdr *)buf;
		__be32 old_dst;
		__sum16 c;

		memcpy(buf, v->hdr, v->len);
		assert_int_equal(wire(h->check), v->check);
		/* A correct header sums to zero. */
		assert_int_equal(ip_fast_csum(buf, h->ihl), 0);
		h->check = 0;
		assert_int_equal(wire(ip_fast_csum(buf, h->ihl)), v->check);
		assert_int_equal(wire(ip_compute_csum(buf, v->len)), v->check);
		assert_int_equal(wire(csum_fold(csum_partial(buf, v->len, 0))),
				 v->check);

		/* Incremental: TTL decrement, then new destination. */
		memcpy(buf, v->hdr, v->len);
		old_dst = h->daddr;
		assert_int_equal(ip_decrease_ttl(h), v->ttl2);
		memcpy(&h->daddr, v->dst2, 4);
		csum_replace4(&h->check, old_dst, h->daddr);
		assert_int_equal(wire(h->check), v->check2);
		assert_int_equal(ip_fast_csum(buf, h->ihl), 0);

		/* Same via csum_replace2 on the ttl/protocol word. */
		memcpy(buf, v->hdr, v->len);
		{
			__be16 w_old, w_new;

			memcpy(&w_old, buf + 8, 2);
			h->ttl--;
			memcpy(&w_new, buf + 8, 2);
			csum_replace2(&h->check, w_old, w_new);
		}
		memcpy(&h->daddr, v->dst2, 4);
		c = h->check;
		csum_replace_by_diff(&c, csum_sub((__force __wsum)h->daddr,
						  (__force __wsum)old_dst));
		assert_int_equal(wire(c), v->check2);

		/* And a full recomputation of the new header. */
		h->check = 0;
		assert_int_equal(wire(ip_fast_csum(buf, h->ihl)), v->check2);
	}
}

/* An aligned copy of 16 address bytes, valid in the enclosing block. */
#define A6C(b) ((struct in6_addr *)memcpy(&(struct in6_addr){ { { 0 } } }, \
					  (b), 16))

/* Equal in ones'-complement arithmetic, where 0 and 0xffff are both 0. */
static bool same_sum(__wsum x, __wsum y)
{
	u16 a = (__force u16)csum_fold(x), b = (__force u16)csum_fold(y);

	return a == b || ((a == 0 || a == 0xffff) && (b == 0 || b == 0xffff));
}

/* The transport checksum the kernel would compute for this segment. */
static u16 l4_csum(const struct shim_l4_vec *v, const u8 *seg, __wsum sum)
{
	struct in6_addr s6, d6;	/* the vector's bytes are not aligned */
	__sum16 c;

	memcpy(&s6, v->src, 16);
	memcpy(&d6, v->dst, 16);

	if (v->family == 4 && v->proto == IPPROTO_ICMP)
		c = csum_fold(sum);
	else if (v->family == 4)
		c = csum_tcpudp_magic(be32_of(v->src), be32_of(v->dst), v->len,
				      v->proto, sum);
	else
		c = csum_ipv6_magic(&s6, &d6, v->len, v->proto, sum);
	(void)seg;
	if (v->proto == IPPROTO_UDP && c == 0)
		c = CSUM_MANGLED_0;
	return wire(c);
}

static void test_l4_checksums(void **state)
{
	unsigned int i, k;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(l4_vecs); i++) {
		const struct shim_l4_vec *v = &l4_vecs[i];
		u8 *seg = malloc(v->len + 1), *odd = malloc(v->len + 1);
		__wsum whole, a, b;

		assert_non_null(seg);
		assert_non_null(odd);
		memcpy(seg, v->l4, v->len);
		memset(seg + v->check_off, 0, 2);
		whole = csum_partial(seg, v->len, 0);
		if (l4_csum(v, seg, whole) != v->check)
			fail_msg("%s: shim %04x, scapy %04x", v->name,
				 l4_csum(v, seg, whole), v->check);

		/* With the checksum in place the total verifies to zero. */
		if (v->family == 4 && v->proto != IPPROTO_ICMP)
			assert_int_equal(csum_tcpudp_magic(be32_of(v->src),
					 be32_of(v->dst), v->len, v->proto,
					 csum_partial(v->l4, v->len, 0)), 0);
		else if (v->family == 6)
			assert_int_equal(csum_ipv6_magic(A6C(v->src),
					 A6C(v->dst), v->len, v->proto,
					 csum_partial(v->l4, v->len, 0)), 0);
		else
			assert_int_equal(ip_compute_csum(v->l4, v->len), 0);

		if (v->family == 4 && v->proto != IPPROTO_ICMP)
			assert_int_equal(
				csum_fold(csum_tcpudp_nofold(be32_of(v->src),
					  be32_of(v->dst), v->len, v->proto,
					  whole)),
				csum_tcpudp_magic(be32_of(v->src),
						  be32_of(v->dst), v->len,
						  v->proto, whole));

		/* Any split, odd or even, recombines with csum_block_add. */
		for (k = 0; k <= v->len; k += 1 + k / 8) {
			a = csum_partial(seg, k, 0);
			b = csum_partial(seg + k, v->len - k, 0);
			assert_int_equal(csum_fold(csum_block_add(a, b, k)),
					 csum_fold(whole));
			/* Subtraction may give the other zero (+0 / -0). */
			assert_true(same_sum(csum_block_sub(whole, b, k), a));
		}
		/* Chained sums over an even split. */
		k = v->len / 4 * 2;
		assert_int_equal(csum_fold(csum_partial(seg + k, v->len - k,
							csum_partial(seg, k,
								     0))),
				 csum_fold(whole));
		/* Same bytes at an odd address. */
		memcpy(odd + 1, seg, v->len);
		assert_int_equal(csum_fold(csum_partial(odd + 1, v->len, 0)),
				 csum_fold(whole));
		free(seg);
		free(odd);
	}
}

static void test_udp_zero_checksum(void **state)
{
	unsigned int i, found = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(l4_vecs); i++) {
		const struct shim_l4_vec *v = &l4_vecs[i];
		u8 seg[64];

		if (strcmp(v->name, "udp4-zero-sum"))
			continue;
		found++;
		assert_true(v->len <= sizeof(seg));
		memcpy(seg, v->l4, v->len);
		memset(seg + 6, 0, 2);
		/* Computes to 0, which UDP must send as 0xffff. */
		assert_int_equal(csum_tcpudp_magic(be32_of(v->src),
						   be32_of(v->dst), v->len,
						   IPPROTO_UDP,
						   csum_partial(seg, v->len,
								0)), 0);
		assert_int_equal(v->check, 0xffff);
		assert_int_equal(wire(CSUM_MANGLED_0), 0xffff);
	}
	assert_int_equal(found, 1);
}

/*
 * What the translator does: keep the transport checksum and change only
 * the pseudo-header addresses. scapy checksummed the same segment over
 * both families.
 */
static void test_xlat_pseudo_header(void **state)
{
	unsigned int i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(xlat_vecs); i++) {
		const struct shim_xlat_vec *v = &xlat_vecs[i];
		__wsum s4, s6;
		__sum16 c, c2;
		u16 want6 = v->check6, want4 = v->check4;

		memcpy(&c, v->l4 + v->check_off, 2);
		assert_int_equal(wire(c), v->check4);
		s4 = csum_partial(v->src4, 4, csum_partial(v->dst4, 4, 0));
		s6 = csum_partial(v->src6, 16, csum_partial(v->dst6, 16, 0));

		/* 4 -> 6 by the sum difference. */
		c2 = c;
		csum_replace_by_diff(&c2, csum_sub(s6, s4));
		if (v->proto == IPPROTO_UDP && c2 == 0)
			c2 = CSUM_MANGLED_0;
		assert_int_equal(wire(c2), want6);

		/* 4 -> 6 word by word: replace4 per 32-bit address word. */
		c2 = c;
		csum_replace4(&c2, be32_of(v->src4), be32_of(v->src6));
		csum_replace4(&c2, be32_of(v->dst4), be32_of(v->dst6));
		for (j = 1; j < 4; j++) {
			csum_replace4(&c2, 0, be32_of(v->src6 + 4 * j));
			csum_replace4(&c2, 0, be32_of(v->dst6 + 4 * j));
		}
		if (v->proto == IPPROTO_UDP && c2 == 0)
			c2 = CSUM_MANGLED_0;
		assert_int_equal(wire(c2), want6);

		/* And back, 6 -> 4. */
		c2 = htons(v->check6);
		csum_replace_by_diff(&c2, csum_sub(s4, s6));
		if (v->proto == IPPROTO_UDP && c2 == 0)
			c2 = CSUM_MANGLED_0;
		assert_int_equal(wire(c2), want4);
	}
}

/* ---- IPv4 / IPv6 address helpers ------------------------------------ */

static struct in6_addr *a6p(struct in6_addr *a, const char *s)
{
	assert_int_equal(inet_pton(AF_INET6, s, a), 1);
	return a;
}

static struct in6_addr a6(const char *s)
{
	struct in6_addr a;

	return *a6p(&a, s);
}

/* A pointer to a parsed address, valid in the enclosing block. */
#define A6(s) a6p(&(struct in6_addr){ { { 0 } } }, s)

static __be32 a4(const char *s)
{
	__be32 a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return a;
}

static void test_addr_helpers(void **state)
{
	struct in6_addr a, b, p;

	(void)state;
	a = a6("2001:db8::1");
	b = a6("2001:db8::1");
	assert_true(ipv6_addr_equal(&a, &b));
	b = a6("2001:db8::2");
	assert_false(ipv6_addr_equal(&a, &b));
	assert_true(ipv6_prefix_equal(&a, &b, 126));
	assert_false(ipv6_prefix_equal(&a, &b, 127));
	assert_true(ipv6_addr_cmp(&a, &b) < 0);
	assert_int_equal(ipv6_addr_diff(&a, &b), 126);
	ipv6_addr_prefix(&p, &a, 32);
	b = a6("2001:db8::");
	assert_true(ipv6_addr_equal(&p, &b));
	ipv6_addr_prefix(&p, &a, 127);
	assert_true(ipv6_addr_equal(&p, A6("2001:db8::")));
	ipv6_addr_prefix(&p, A6("ffff:ffff::"), 9);
	assert_true(ipv6_addr_equal(&p, A6("ff80::")));
	p = a6("::");
	ipv6_addr_prefix_copy(&p, A6("2001:db8:ffff::"), 36);
	assert_true(ipv6_addr_equal(&p, A6("2001:db8:f000::")));
	assert_true(ipv6_addr_any(A6("::")));
	assert_false(ipv6_addr_any(A6("::1")));
	assert_true(ipv6_addr_loopback(A6("::1")));
	assert_true(ipv6_addr_is_multicast(A6("ff02::1")));
	assert_true(ipv6_addr_is_ll_all_nodes(A6("ff02::1")));
	assert_true(ipv6_addr_is_ll_all_routers(A6("ff02::2")));
	assert_true(ipv6_addr_is_solict_mult(A6("ff02::1:ff00:1234")));
	assert_true(ipv6_addr_v4mapped(A6("::ffff:192.0.2.1")));
	assert_false(ipv6_addr_v4mapped(A6("64:ff9b::192.0.2.1")));
	ipv6_addr_set_v4mapped(a4("192.0.2.1"), &p);
	assert_true(ipv6_addr_equal(&p, A6("::ffff:192.0.2.1")));

	assert_int_equal(ipv6_addr_type(A6("::")), IPV6_ADDR_ANY);
	assert_int_equal(ipv6_addr_type(A6("::1")),
			 IPV6_ADDR_LOOPBACK | IPV6_ADDR_UNICAST);
	assert_int_equal(ipv6_addr_type(A6("2001:db8::1")),
			 IPV6_ADDR_UNICAST);
	assert_int_equal(ipv6_addr_type(A6("fe80::1")),
			 IPV6_ADDR_LINKLOCAL | IPV6_ADDR_UNICAST);
	assert_int_equal(ipv6_addr_type(A6("fec0::1")),
			 IPV6_ADDR_SITELOCAL | IPV6_ADDR_UNICAST);
	assert_int_equal(ipv6_addr_type(A6("fd00::1")), IPV6_ADDR_UNICAST);
	assert_int_equal(ipv6_addr_type(A6("ff02::1")),
			 IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL);
	assert_int_equal(ipv6_addr_type(A6("ff0e::1")), IPV6_ADDR_MULTICAST);
	assert_int_equal(ipv6_addr_type(A6("::ffff:1.2.3.4")),
			 IPV6_ADDR_MAPPED);
	assert_int_equal(ipv6_addr_type(A6("::1.2.3.4")),
			 IPV6_ADDR_COMPATv4 | IPV6_ADDR_UNICAST);
	assert_int_equal(ipv6_addr_src_scope(A6("fe80::1")),
			 IPV6_ADDR_SCOPE_LINKLOCAL);
	assert_int_equal(ipv6_addr_src_scope(A6("2001:db8::1")),
			 IPV6_ADDR_SCOPE_GLOBAL);

	assert_true(ipv4_is_multicast(a4("224.0.0.1")));
	assert_true(ipv4_is_multicast(a4("239.255.255.255")));
	assert_false(ipv4_is_multicast(a4("240.0.0.0")));
	assert_true(ipv4_is_lbcast(a4("255.255.255.255")));
	assert_true(ipv4_is_zeronet(a4("0.0.0.0")));
	assert_true(ipv4_is_loopback(a4("127.1.2.3")));
	assert_true(ipv4_is_private_172(a4("172.31.0.1")));
	assert_false(ipv4_is_private_172(a4("172.32.0.1")));
	assert_true(ipv4_is_linklocal_169(a4("169.254.9.9")));
	assert_true(ipv4_is_test_198(a4("198.19.0.1")));
}

static void test_flow_helpers(void **state)
{
	struct ipv6hdr h;
	u8 b[4];

	(void)state;
	ip6_flow_hdr(&h, 0xb8, htonl(0x12345));
	memcpy(b, &h, 4);
	assert_int_equal(b[0], 0x6b);
	assert_int_equal(b[1], 0x81);
	assert_int_equal(b[2], 0x23);
	assert_int_equal(b[3], 0x45);
	assert_int_equal(h.version, 6);
	assert_int_equal(ip6_tclass(ip6_flowinfo(&h)), 0xb8);
	assert_int_equal(ntohl(ip6_flowlabel(&h)), 0x12345);
	assert_int_equal(ipv6_get_dsfield(&h), 0xb8);
	assert_int_equal(ip6_make_flowinfo(0xb8, htonl(0x12345)),
			 htonl(0x0b812345));
}

/* ---- generic helpers ------------------------------------------------ */

static void test_bitops(void **state)
{
	u8 b[9];

	(void)state;
	assert_int_equal(fls(0), 0);
	assert_int_equal(fls(1), 1);
	assert_int_equal(fls(0x80000000u), 32);
	assert_int_equal(fls64(0), 0);
	assert_int_equal(fls64(1ULL << 40), 41);
	assert_int_equal(fls64(~0ULL), 64);
	assert_int_equal(__fls(1), 0);
	assert_int_equal(__fls(1UL << 63), 63);
	assert_int_equal(__ffs(0x100), 8);
	assert_int_equal(ffs(0), 0);
	assert_int_equal(ffs(0x10), 5);
	assert_int_equal(ror32(0x12345678, 8), 0x78123456);
	assert_int_equal(rol32(0x12345678, 8), 0x34567812);
	assert_int_equal(ror32(0x12345678, 0), 0x12345678);
	assert_int_equal(ror16(0x1234, 4), 0x4123);
	assert_int_equal(hweight32(0xf0f0), 8);
	assert_int_equal(min(3u, 5u), 3);
	assert_int_equal(max(-3, 5), 5);
	{
		unsigned int big = 300;

		/* min_t converts first: 300 becomes 44. */
		assert_int_equal(min_t(u8, big, 50), 44);
		assert_int_equal(min_t(u8, big, 7), 7);
	}
	assert_int_equal(max_t(int, -1, 0), 0);
	assert_int_equal(clamp(17, 0, 10), 10);
	assert_int_equal(DIV_ROUND_UP(9, 8), 2);
	assert_int_equal(ALIGN(9, 8), 16);
	assert_true(IS_ALIGNED(16, 8));
	assert_int_equal(round_up(9, 4), 12);
	assert_int_equal(round_down(9, 4), 8);
	assert_int_equal(BIT(5), 32);
	assert_int_equal(GENMASK(7, 4), 0xf0);
	assert_int_equal(GENMASK_ULL(63, 62), 0xc000000000000000ULL);
	assert_int_equal(IS_ENABLED(CONFIG_DCX_SHIM_TEST_ON), 1);
	assert_int_equal(IS_ENABLED(CONFIG_DCX_SHIM_TEST_OFF), 0);
	assert_int_equal(ARRAY_SIZE(b), 9);
	assert_true(IS_ERR(ERR_PTR(-EINVAL)));
	assert_int_equal(PTR_ERR(ERR_PTR(-ENOSPC)), -ENOSPC);
	assert_false(IS_ERR(b));
	assert_true(IS_ERR_OR_NULL(NULL));

	put_unaligned_be32(0x01020304, b + 1);
	assert_int_equal(b[1], 1);
	assert_int_equal(b[4], 4);
	assert_int_equal(get_unaligned_be32(b + 1), 0x01020304);
	put_unaligned_be16(0xa1b2, b + 5);
	assert_int_equal(get_unaligned_be16(b + 5), 0xa1b2);
	put_unaligned_be64(0x1122334455667788ULL, b + 1);
	assert_int_equal(get_unaligned_be64(b + 1), 0x1122334455667788ULL);
	put_unaligned((u32)0xdeadbeef, (u32 *)(b + 3));
	assert_int_equal(get_unaligned((const u32 *)(b + 3)), 0xdeadbeef);
	BUILD_BUG_ON(sizeof(struct frag_hdr) != 8);
}

/* ---- RCU, allocation, locks ----------------------------------------- */

struct obj {
	int payload[3];
	struct rcu_head rcu;
	int tail;
};

static unsigned int cb_runs;
static struct rcu_head chained;

static void chained_cb(struct rcu_head *h)
{
	(void)h;
	cb_runs += 100;
}

static void obj_cb(struct rcu_head *h)
{
	struct obj *o = container_of(h, struct obj, rcu);

	cb_runs++;
	if (o->tail == 1)	/* queue more: waits for the next GP */
		call_rcu(&chained, chained_cb);
	free(o);
}

static void test_rcu_shim(void **state)
{
	unsigned long sync0 = kshim_synchronize_rcu_calls, w0;
	struct obj *o1 = calloc(1, sizeof(*o1)), *o2 = calloc(1, sizeof(*o2));
	struct obj *o3 = kzalloc(sizeof(*o3), GFP_KERNEL);
	struct obj *__rcu gp = NULL;
	struct obj *r;

	(void)state;
	rcu_barrier();
	cb_runs = 0;
	assert_non_null(o1);
	assert_non_null(o2);
	assert_non_null(o3);
	o1->tail = 1;
	rcu_assign_pointer(gp, o2);
	rcu_read_lock();
	r = rcu_dereference(gp);
	rcu_read_unlock();
	assert_ptr_equal(r, o2);
	assert_ptr_equal(rcu_access_pointer(gp), o2);

	call_rcu(&o1->rcu, obj_cb);
	call_rcu(&o2->rcu, obj_cb);
	kfree_rcu(o3, rcu);		/* must free o3, not &o3->rcu */
	assert_int_equal(kshim_rcu_pending(), 3);
	assert_int_equal(cb_runs, 0);	/* nothing before a grace period */
	kshim_rcu_grace_period();
	assert_int_equal(cb_runs, 2);
	assert_int_equal(kshim_rcu_pending(), 1);	/* the chained one */
	synchronize_rcu();
	assert_int_equal(cb_runs, 102);
	assert_int_equal(kshim_synchronize_rcu_calls, sync0 + 1);
	assert_int_equal(kshim_rcu_pending(), 0);

	/* The misuse checks fire (made non-fatal here to see them). */
	kshim_warn_fatal = false;
	w0 = kshim_warn_count;
	r = rcu_dereference(gp);		/* outside a reader */
	assert_int_equal(kshim_warn_count, w0 + 1);
	{
		struct mutex m;

		mutex_init(&m);
		r = rcu_dereference_protected(gp, lockdep_is_held(&m));
		assert_int_equal(kshim_warn_count, w0 + 2);
		mutex_lock(&m);
		r = rcu_dereference_protected(gp, lockdep_is_held(&m));
		assert_int_equal(kshim_warn_count, w0 + 2);
		r = rcu_dereference_check(gp, lockdep_is_held(&m));
		assert_int_equal(kshim_warn_count, w0 + 2);
		mutex_unlock(&m);
		rcu_read_lock();
		mutex_lock(&m);			/* sleeping in a reader */
		assert_int_equal(kshim_warn_count, w0 + 3);
		mutex_unlock(&m);
		kfree(kmalloc(8, GFP_KERNEL));	/* so is GFP_KERNEL */
		assert_int_equal(kshim_warn_count, w0 + 4);
		kfree(kmalloc(8, GFP_ATOMIC));	/* but not GFP_ATOMIC */
		assert_int_equal(kshim_warn_count, w0 + 4);
		kshim_rcu_grace_period();	/* no GP inside a reader */
		assert_int_equal(kshim_warn_count, w0 + 5);
		rcu_read_unlock();
	}
	kshim_warn_fatal = true;
	assert_ptr_equal(r, o2);
	rcu_barrier();
}

static void test_alloc_shim(void **state)
{
	struct kmem_cache *c = kmem_cache_create("shim_test", 100, 64, 0,
						 NULL);
	unsigned long w0 = kshim_warn_count;
	u8 *p, *q;
	int i;

	(void)state;
	assert_non_null(c);
	p = kmem_cache_zalloc(c, GFP_KERNEL);
	assert_non_null(p);
	assert_true(IS_ALIGNED((uintptr_t)p, 64));
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(kshim_kmem_cache_live(c), 1);

	/* The n-th allocation from now fails, once. */
	kshim_fail_alloc_nth(2);
	q = kmalloc(4, GFP_KERNEL);
	assert_non_null(q);
	kfree(q);
	assert_null(kmem_cache_alloc(c, GFP_KERNEL));
	q = kzalloc(4, GFP_KERNEL);
	assert_non_null(q);
	kfree(q);
	kshim_fail_alloc_nth(1);
	assert_null(kcalloc(2, 2, GFP_KERNEL));
	assert_null(kmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL));
	q = kmemdup("abc", 4, GFP_KERNEL);
	assert_string_equal((char *)q, "abc");
	kfree(q);

	/* Destroying a cache with live objects is a (reported) leak. */
	kshim_warn_fatal = false;
	kmem_cache_destroy(c);
	assert_int_equal(kshim_warn_count, w0 + 1);
	kshim_warn_fatal = true;
	free(p);	/* the cache is gone; release the object directly */

	c = kmem_cache_create("shim_test2", 8, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_ATOMIC);
	kmem_cache_free(c, p);
	kmem_cache_free(c, NULL);
	kmem_cache_destroy(c);
	assert_int_equal(kshim_warn_count, w0 + 1);
	kmem_cache_destroy(NULL);
}

static void test_warn_semantics(void **state)
{
	unsigned long w0 = kshim_warn_count;
	int x = 0;

	(void)state;
	kshim_warn_fatal = false;
	/* WARN_ON evaluates to its condition and evaluates it once. */
	assert_false(WARN_ON(x++ == 5));
	assert_int_equal(x, 1);
	assert_true(WARN_ON(x == 1));
	assert_true(WARN_ON_ONCE(1));
	assert_true(WARN(x, "expected warning %d\n", x));
	assert_int_equal(kshim_warn_count, w0 + 3);
	kshim_warn_fatal = true;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_constants),
		cmocka_unit_test(test_rfc1071_example),
		cmocka_unit_test(test_ip4_headers),
		cmocka_unit_test(test_l4_checksums),
		cmocka_unit_test(test_udp_zero_checksum),
		cmocka_unit_test(test_xlat_pseudo_header),
		cmocka_unit_test(test_addr_helpers),
		cmocka_unit_test(test_flow_helpers),
		cmocka_unit_test(test_bitops),
		cmocka_unit_test(test_rcu_shim),
		cmocka_unit_test(test_alloc_shim),
		cmocka_unit_test(test_warn_semantics),
	};

	return cmocka_run_group_tests_name("kshim", tests, NULL, NULL);
}
