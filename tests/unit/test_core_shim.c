// SPDX-License-Identifier: GPL-2.0
/*
 * tests/kshim against reality: checksums against scapy
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
#include "transport.h"
#include "vectors/shim_vectors.h"

#define CONFIG_DCX_SHIM_TEST_ON 1

/* A __sum16 as the 16-bit number the wire carries. */
static u16 wire(__sum16 s)
{
	return be16_to_cpu((__force __be16)s);
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

	/* s6_addr32 aliases the bytes. */
	{
		struct in6_addr a = { 0 };

		a.s6_addr[15] = 1;
		assert_int_equal(a.s6_addr32[3], htonl(1));
	}
}

static void test_constants(void **state)
{
	unsigned int i, hits = 0;
	static const u16 protos[] = { 0x0800, 0x86dd, 0x0806 };

	(void)state;
	assert_int_equal(NEXTHDR_HOP, 0);
	assert_int_equal(NEXTHDR_ROUTING, 43);
	assert_int_equal(NEXTHDR_FRAGMENT, 44);
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
}

static void test_ip4_headers(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(ip4_vecs); i++) {
		const struct shim_ip4_vec *v = &ip4_vecs[i];
		u8 buf[64] __aligned(8);
		struct iphdr *h = (struct iphdr *)buf;

		memcpy(buf, v->hdr, v->len);
		assert_int_equal(wire(h->check), v->check);
		/* A correct header sums to zero. */
		assert_int_equal(ip_fast_csum(buf, h->ihl), 0);
		h->check = 0;
		assert_int_equal(wire(ip_fast_csum(buf, h->ihl)), v->check);
		assert_int_equal(wire(ip_compute_csum(buf, v->len)), v->check);
		assert_int_equal(wire(csum_fold(csum_partial(buf, v->len, 0))),
				 v->check);

		/* The header with ttl - 1 and the new destination. */
		h->ttl--;
		assert_int_equal(h->ttl, v->ttl2);
		memcpy(&h->daddr, v->dst2, 4);
		/* And a full recomputation of the new header. */
		h->check = 0;
		assert_int_equal(wire(ip_fast_csum(buf, h->ihl)), v->check2);
	}
}

/* An aligned copy of 16 address bytes, valid in the enclosing block. */
#define A6C(b) ((struct in6_addr *)memcpy(&(struct in6_addr){ { { 0 } } }, \
					  (b), 16))

/*
 * csum_tcpudp_magic() without it (the core never needs it): the IPv4
 * pseudo-header as bytes, summed by the shim's csum_partial().
 */
static __sum16 tcpudp4(const u8 *src, const u8 *dst, unsigned int len,
		       u8 proto, __wsum sum)
{
	u8 ph[12] = { 0 };

	memcpy(ph, src, 4);
	memcpy(ph + 4, dst, 4);
	ph[9] = proto;
	ph[10] = len >> 8;
	ph[11] = len & 0xff;
	return csum_fold(csum_partial(ph, sizeof(ph), sum));
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
		c = tcpudp4(v->src, v->dst, v->len, v->proto, sum);
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
		__wsum whole;

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
			assert_int_equal(tcpudp4(v->src, v->dst, v->len,
						 v->proto,
						 csum_partial(v->l4, v->len,
							      0)), 0);
		else if (v->family == 6)
			assert_int_equal(csum_ipv6_magic(A6C(v->src),
					 A6C(v->dst), v->len, v->proto,
					 csum_partial(v->l4, v->len, 0)), 0);
		else
			assert_int_equal(ip_compute_csum(v->l4, v->len), 0);

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
		assert_int_equal(tcpudp4(v->src, v->dst, v->len, IPPROTO_UDP,
					 csum_partial(seg, v->len, 0)), 0);
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
	unsigned int i;

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

		/* 4 -> 6 by the sum difference (transport.c's update). */
		c2 = c;
		dcx_csum_update(&c2, csum_sub(s6, s4), false);
		if (v->proto == IPPROTO_UDP && c2 == 0)
			c2 = CSUM_MANGLED_0;
		assert_int_equal(wire(c2), want6);

		/* And back, 6 -> 4. */
		c2 = htons(v->check6);
		dcx_csum_update(&c2, csum_sub(s4, s6), false);
		if (v->proto == IPPROTO_UDP && c2 == 0)
			c2 = CSUM_MANGLED_0;
		assert_int_equal(wire(c2), want4);
	}
}

/* ---- generic helpers ------------------------------------------------ */

static void test_helpers(void **state)
{
	u8 b[9];

	(void)state;
	assert_int_equal(fls64(0), 0);
	assert_int_equal(fls64(1ULL << 40), 41);
	assert_int_equal(fls64(~0ULL), 64);
	assert_int_equal(min(3u, 5u), 3);
	assert_int_equal(max(-3, 5), 5);
	{
		unsigned int big = 300;

		/* min_t converts first: 300 becomes 44. */
		assert_int_equal(min_t(u8, big, 50), 44);
		assert_int_equal(min_t(u8, big, 7), 7);
	}
	assert_int_equal(max_t(int, -1, 0), 0);
	assert_int_equal(ARRAY_SIZE(b), 9);
	assert_true(IS_ERR(ERR_PTR(-EINVAL)));
	assert_int_equal(PTR_ERR(ERR_PTR(-ENOSPC)), -ENOSPC);
	assert_false(IS_ERR(b));
	assert_int_equal(strscpy((char *)b, "12345678", sizeof(b)), 8);
	assert_int_equal(strscpy((char *)b, "123456789", sizeof(b)), -E2BIG);
	assert_string_equal((char *)b, "12345678");
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

/* queue_rcu_work(): after a grace period, outside the RCU callbacks. */
static unsigned long resched_in_cb;

static void sleepy_cb(struct rcu_head *h)
{
	(void)h;
	cond_resched();		/* softirq: the kernel would complain */
	resched_in_cb++;
}

static void sleepy_work(struct work_struct *w)
{
	(void)w;
	cond_resched();		/* process context: fine */
	resched_in_cb += 10;
}

static void test_rcu_work_shim(void **state)
{
	unsigned long w0 = kshim_warn_count, r0 = kshim_cond_resched_calls;
	struct rcu_work rw;
	struct rcu_head h;

	(void)state;
	resched_in_cb = 0;
	INIT_RCU_WORK(&rw, sleepy_work);
	queue_rcu_work(NULL, &rw);
	assert_int_equal(resched_in_cb, 0);
	kshim_rcu_grace_period();
	assert_int_equal(resched_in_cb, 10);
	assert_int_equal(kshim_warn_count, w0);
	kshim_warn_fatal = false;
	call_rcu(&h, sleepy_cb);
	kshim_rcu_grace_period();
	assert_int_equal(kshim_warn_count, w0 + 1);
	kshim_warn_fatal = true;
	assert_int_equal(kshim_cond_resched_calls, r0 + 2);
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
	assert_int_equal((uintptr_t)p % 64, 0);
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
	assert_null(kzalloc(4, GFP_KERNEL));

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
	assert_true(WARN(x, "expected warning %d\n", x));
	assert_int_equal(kshim_warn_count, w0 + 2);
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
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_rcu_shim),
		cmocka_unit_test(test_rcu_work_shim),
		cmocka_unit_test(test_alloc_shim),
		cmocka_unit_test(test_warn_semantics),
	};

	return cmocka_run_group_tests_name("kshim", tests, NULL, NULL);
}
