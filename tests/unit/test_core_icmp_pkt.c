// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 7915 ICMP translation (kmod/core/icmp*.c), whole packets: ICMP
 * errors (outer and inner packet, pointer, MTU, checksums) and echo in
 * both directions, against packets built independently (pkt_build.h).
 * Each packet marks the RFC row of icmp_rfc.h it exercises; the last test
 * checks that every row of sections 4.2 and 5.2 had one.
 */
#include "icmp_rfc.h"
#include "pkt_build.h"

static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };

/* Rows covered by the whole-packet tests below (filled as they run). */
static bool pkt_row46[R4_ROWS], pkt_row64[R6_ROWS];

static unsigned int udp4(u8 *p, const char *src, const char *dst, u8 ttl,
			 unsigned int n)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 17, 0, ttl, 0x1234, 0x4000, l4,
		     pb_udp(l4, n));
	pb_l4_csum4(p, 0);
	return len;
}

static unsigned int udp6(u8 *p, const char *src, const char *dst, u8 hlim,
			 unsigned int n)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip6(p, src, dst, 17, 0, hlim, l4, pb_udp(l4, n));
	pb_l4_csum6(p);
	return len;
}

/*
 * ICMPv4 error t/c (rest word r4) about a UDP datagram from the IPv4
 * node 192.0.3.1 to 198.51.101.7, sent by that destination; translated it
 * must be ICMPv6 t6/c6 with rest word r6 around the translated datagram.
 */
static void err46(int t, int c, u32 r4, int t6, int c6, u32 r6, u32 mtu_in,
		  u32 mtu_out)
{
	u8 in[PB_MAX], want[PB_MAX], got[PB_MAX], inner[PB_MAX], l4[PB_MAX];
	unsigned int len, wlen, ilen, got_len;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	enum dcx_action v;
	int wt, wc;

	pkt_row46[rfc_46(t, c, &wt, &wc)] = true;
	xv_cfg(&cfg, nsp, 96);
	ilen = udp4(inner, "192.0.3.1", "198.51.101.7", 60, 24);
	len = pb_ip4(in, "198.51.101.7", "192.0.3.1", 1, 0, 64, 9, 0, l4,
		     pb_icmp(l4, t, c, r4, inner, ilen));
	pb_l4_csum4(in, 0);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.mtu_in = mtu_in;
	x.mtu_out = mtu_out;
	v = xv_plan_apply(&x, true, in, len, got, sizeof(got), &got_len);
	if (t6 < 0) {
		if (v != DCX_DROP || x.stat != DCXLAT_STAT_UNSUPP_ICMP)
			fail_msg("ICMPv4 %d/%d: %s (stat %d), want drop", t, c,
				 xv_verdict_name(v), x.stat);
		return;
	}
	if (v != DCX_XLAT)
		fail_msg("ICMPv4 %d/%d: %s (stat %d)", t, c,
			 xv_verdict_name(v), x.stat);
	ilen = udp6(inner, "2001:db8:64::c000:301", "2001:db8:64::c633:6507",
		    60, 24);
	wlen = pb_ip6(want, "2001:db8:64::c633:6507", "2001:db8:64::c000:301",
		      58, 0, 63, l4, pb_icmp(l4, t6, c6, r6, inner, ilen));
	pb_l4_csum6(want);
	xv_expect_bytes("icmp 4->6", got, got_len, want, wlen);
}

static void test_errors_46(void **state __maybe_unused)
{
	static const struct {
		int c, t6, c6;
	} du[] = {
		{ 0, 1, 0 }, { 1, 1, 0 }, { 3, 1, 4 }, { 5, 1, 0 },
		{ 6, 1, 0 }, { 7, 1, 0 }, { 8, 1, 0 }, { 9, 1, 1 },
		{ 10, 1, 1 }, { 11, 1, 0 }, { 12, 1, 0 }, { 13, 1, 1 },
		{ 15, 1, 1 }, { 14, -1, 0 }, { 16, -1, 0 }, { 255, -1, 0 },
	};
	static const int pp_ptr[] = { 0, 1, 2, 3, 8, 9, 12, 15, 16, 19 };
	unsigned int i;
	int r, p6;

	for (i = 0; i < ARRAY_SIZE(du); i++) {
		err46(3, du[i].c, 0, du[i].t6, du[i].c6, 0, 1500, 1500);
		xv_teardown(NULL);
	}
	/* Protocol unreachable: parameter problem at the next header. */
	err46(3, 2, 0, 4, 1, 6, 1500, 1500);
	/* Fragmentation needed: packet too big with the MTU formula. */
	err46(3, 4, 1400, 2, 0, 1420, 9000, 9000);
	err46(3, 4, 1400, 2, 0, 1300, 9000, 1300);
	err46(3, 4, 0, 2, 0, 1280, 9000, 9000);	/* plateau below 52 */
	/* Below 1280 after + 20, or after a cap: 1280 (RFC 7915 5, 6). */
	err46(3, 4, 1000, 2, 0, 1280, 9000, 9000);
	err46(3, 4, 576, 2, 0, 1280, 9000, 9000);
	err46(3, 4, 68, 2, 0, 1280, 0, 0);
	err46(3, 4, 1400, 2, 0, 1280, 576, 9000);
	err46(11, 0, 0, 3, 0, 0, 0, 0);
	err46(11, 1, 0, 3, 1, 0, 0, 0);
	/* Time Exceeded: "The Code is unchanged", whatever it is. */
	err46(11, 2, 0, 3, 2, 0, 0, 0);
	err46(11, 255, 0, 3, 255, 0, 0, 0);
	for (i = 0; i < ARRAY_SIZE(pp_ptr); i++) {
		p6 = rfc_ptr46(pp_ptr[i], &r);
		err46(12, 0, pp_ptr[i] << 24, 4, 0, p6, 0, 0);
		err46(12, 2, pp_ptr[i] << 24, 4, 0, p6, 0, 0);
		xv_teardown(NULL);
	}
	/* Pointers without an IPv6 counterpart: dropped. */
	err46(12, 0, 4u << 24, -1, 0, 0, 0, 0);
	err46(12, 0, 10u << 24, -1, 0, 0, 0, 0);
	err46(12, 0, 20u << 24, -1, 0, 0, 0, 0);
	err46(12, 1, 0, -1, 0, 0, 0, 0);
	err46(12, 3, 0, -1, 0, 0, 0, 0);
	err46(5, 1, 0, -1, 0, 0, 0, 0);	/* redirect */
	err46(6, 0, 0, -1, 0, 0, 0, 0);	/* alternative host address */
	err46(4, 0, 0, -1, 0, 0, 0, 0);	/* source quench */
	xv_teardown(NULL);
	/* Queries: carried as plain ICMP, no inner packet. */
	err46(13, 0, 0, -1, 0, 0, 0, 0);
	err46(14, 0, 0, -1, 0, 0, 0, 0);
	err46(15, 0, 0, -1, 0, 0, 0, 0);
	err46(16, 0, 0, -1, 0, 0, 0, 0);
	err46(17, 0, 0, -1, 0, 0, 0, 0);
	err46(18, 0, 0, -1, 0, 0, 0, 0);
	err46(9, 0, 0, -1, 0, 0, 0, 0);
	err46(10, 0, 0, -1, 0, 0, 0, 0);
	err46(42, 0, 0, -1, 0, 0, 0, 0);
}

/* Echo and echo reply, whole packets, both ways. */
static void test_echo(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX], got[PB_MAX], l4[PB_MAX], body[64];
	unsigned int len, wlen, got_len, i, k;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;

	for (i = 0; i < sizeof(body); i++)
		body[i] = i;
	xv_cfg(&cfg, nsp, 96);
	for (k = 0; k < 2; k++) {
		len = pb_ip4(in, "192.0.3.1", "198.51.101.7", 1, 0, 64, 1, 0,
			     l4, pb_icmp(l4, k ? 0 : 8, 0, 0x12340007, body,
					 sizeof(body)));
		pb_l4_csum4(in, 0);
		wlen = pb_ip6(want, "2001:db8:64::c000:301",
			      "2001:db8:64::c633:6507", 58, 0, 63, l4,
			      pb_icmp(l4, k ? 129 : 128, 0, 0x12340007, body,
				      sizeof(body)));
		pb_l4_csum6(want);
		memset(&x, 0, sizeof(x));
		x.cfg = &cfg;
		assert_int_equal(xv_plan_apply(&x, true, in, len, got,
						 sizeof(got), &got_len),
				 DCX_XLAT);
		xv_expect_bytes("echo 4->6", got, got_len, want, wlen);
		pkt_row46[k ? R4_ECHO_REPLY : R4_ECHO] = true;

		memset(&x, 0, sizeof(x));
		x.cfg = &cfg;
		assert_int_equal(xv_plan_apply(&x, false, want, wlen, got,
						 sizeof(got), &got_len),
				 DCX_XLAT);
		in[8] = 62;	/* one more hop */
		in[4] = in[5] = 0;
		pb_put16(in + 10, 0);
		pb_put16(in + 10, pb_fold(pb_sum(in, 20, 0)));
		xv_expect_bytes("echo 6->4", got, got_len, in, len);
		pkt_row64[k ? R6_ECHO_REPLY : R6_ECHO] = true;
	}
	/* IGMP (protocol 2) is single-hop: dropped (RFC 7915 4.2). */
	len = pb_ip4(in, "192.0.3.1", "198.51.101.7", 2, 0, 64, 1, 0, body, 8);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_int_equal(xv_plan_apply(&x, true, in, len, got, sizeof(got),
				       &got_len), DCX_DROP);
	assert_int_equal(x.stat, DCXLAT_STAT_UNSUPP_PROTO);
	pkt_row46[R4_IGMP] = true;
}

/*
 * ICMPv6 error t/c (rest r6) about a UDP datagram from the IPv6 node
 * 2001:db8:64::c000:301 to 2001:db8:64::c633:6507, sent by the latter.
 */
static void err64(int t, int c, u32 r6, int t4, int c4, u32 r4, u32 mtu_in,
		  u32 mtu_out)
{
	u8 in[PB_MAX], want[PB_MAX], got[PB_MAX], inner[PB_MAX], l4[PB_MAX];
	unsigned int len, wlen, ilen, got_len;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	enum dcx_action v;
	int wt, wc;

	pkt_row64[rfc_64(t, c, &wt, &wc)] = true;
	xv_cfg(&cfg, nsp, 96);
	ilen = udp6(inner, "2001:db8:64::c000:301", "2001:db8:64::c633:6507",
		    60, 24);
	len = pb_ip6(in, "2001:db8:64::c633:6507", "2001:db8:64::c000:301", 58,
		     0, 64, l4, pb_icmp(l4, t, c, r6, inner, ilen));
	pb_l4_csum6(in);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.mtu_in = mtu_in;
	x.mtu_out = mtu_out;
	v = xv_plan_apply(&x, false, in, len, got, sizeof(got), &got_len);
	if (t4 < 0) {
		if (v != DCX_DROP || x.stat != DCXLAT_STAT_UNSUPP_ICMP)
			fail_msg("ICMPv6 %d/%d: %s (stat %d), want drop", t, c,
				 xv_verdict_name(v), x.stat);
		return;
	}
	if (v != DCX_XLAT)
		fail_msg("ICMPv6 %d/%d: %s (stat %d)", t, c,
			 xv_verdict_name(v), x.stat);
	/* The quoted datagram: ID 0, no DF (small), TTL = hop limit. */
	ilen = pb_ip4(inner, "192.0.3.1", "198.51.101.7", 17, 0, 60, 0, 0, l4,
		      pb_udp(l4, 24));
	pb_l4_csum4(inner, 0);
	wlen = pb_ip4(want, "198.51.101.7", "192.0.3.1", 1, 0, 63, 0, 0, l4,
		      pb_icmp(l4, t4, c4, r4, inner, ilen));
	pb_l4_csum4(want, 0);
	xv_expect_bytes("icmp 6->4", got, got_len, want, wlen);
}

static void test_errors_64(void **state __maybe_unused)
{
	static const int pp_ptr[] = { 0, 1, 4, 5, 6, 7, 8, 23, 24, 39 };
	unsigned int i;
	int r, p4;

	err64(1, 0, 0, 3, 1, 0, 0, 0);
	err64(1, 1, 0, 3, 10, 0, 0, 0);
	err64(1, 2, 0, 3, 1, 0, 0, 0);
	err64(1, 3, 0, 3, 1, 0, 0, 0);
	err64(1, 4, 0, 3, 3, 0, 0, 0);
	err64(1, 5, 0, -1, 0, 0, 0, 0);
	err64(1, 6, 0, -1, 0, 0, 0, 0);
	xv_teardown(NULL);
	/* Packet too big: min(MTU6 - 20, MTU4 next hop, MTU6 next hop - 20) */
	err64(2, 0, 1500, 3, 4, 1480, 9000, 9000);
	err64(2, 0, 1500, 3, 4, 1400, 9000, 1400);
	err64(2, 0, 1500, 3, 4, 1260, 1280, 9000);
	err64(3, 0, 0, 11, 0, 0, 0, 0);
	err64(3, 1, 0, 11, 1, 0, 0, 0);
	err64(3, 2, 0, 11, 2, 0, 0, 0);
	err64(3, 255, 0, 11, 255, 0, 0, 0);
	xv_teardown(NULL);
	for (i = 0; i < ARRAY_SIZE(pp_ptr); i++) {
		p4 = rfc_ptr64(pp_ptr[i], &r);
		err64(4, 0, pp_ptr[i], 12, 0, (u32)p4 << 24, 0, 0);
	}
	xv_teardown(NULL);
	err64(4, 0, 2, -1, 0, 0, 0, 0);
	err64(4, 0, 3, -1, 0, 0, 0, 0);
	err64(4, 0, 40, -1, 0, 0, 0, 0);
	err64(4, 1, 6, 3, 2, 0, 0, 0);	/* unknown next header */
	err64(4, 2, 40, -1, 0, 0, 0, 0);
	err64(4, 3, 0, -1, 0, 0, 0, 0);
	err64(100, 0, 0, -1, 0, 0, 0, 0);	/* unknown error */
	xv_teardown(NULL);
	/* Informational without a mapping: dropped whole. */
	err64(130, 0, 0, -1, 0, 0, 0, 0);
	err64(131, 0, 0, -1, 0, 0, 0, 0);
	err64(132, 0, 0, -1, 0, 0, 0, 0);
	err64(133, 0, 0, -1, 0, 0, 0, 0);
	err64(135, 0, 0, -1, 0, 0, 0, 0);
	err64(137, 0, 0, -1, 0, 0, 0, 0);
	err64(200, 0, 0, -1, 0, 0, 0, 0);
}

/* Packet too big about a fragment: the translated MTU leaves room. */
static void test_ptb_inner_fragment(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], inner[PB_MAX], l4[PB_MAX];
	unsigned int len, got_len, ilen;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;

	xv_cfg(&cfg, nsp, 96);
	/* The IPv6 translation of a first IPv4 fragment, quoted. */
	memset(l4, 0, 8);
	l4[0] = 17;			/* next header UDP */
	l4[3] = 1;			/* offset 0, M = 1 */
	l4[7] = 0x42;			/* identification */
	pb_udp(l4 + 8, 24);
	ilen = pb_ip6(inner, "2001:db8:64::c000:301",
		      "2001:db8:64::c633:6507", 44, 0, 60, l4, 8 + 32);
	len = pb_ip6(in, "2001:db8:64::c633:6507", "2001:db8:64::c000:301", 58,
		     0, 64, l4, pb_icmp(l4, 2, 0, 1400, inner, ilen));
	pb_l4_csum6(in);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.mtu_in = 9000;
	x.mtu_out = 9000;
	assert_int_equal(xv_plan_apply(&x, false, in, len, got, sizeof(got),
				       &got_len), DCX_XLAT);
	assert_int_equal(got[20], 3);
	assert_int_equal(got[21], 4);
	assert_int_equal(got[26] << 8 | got[27], 1400 - 28);
	/* The quoted IPv4 header is the fragment: MF set, ID 0x42. */
	assert_int_equal(got[28 + 6] & 0x20, 0x20);
	assert_int_equal(got[28 + 5], 0x42);
	assert_int_equal(pb_fold(pb_sum(got + 20, got_len - 20, 0)), 0);
}

/*
 * An error quoting an error (RFC 1122 3.2.2) is dropped and counted as an
 * ICMP matter (unsupported-icmp), not as an unknown protocol.
 */
static void test_error_about_error(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], inner[PB_MAX], l4[PB_MAX], q[PB_MAX];
	unsigned int len, ilen, qlen, got_len, k;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;

	xv_cfg(&cfg, nsp, 96);
	for (k = 0; k < 2; k++) {
		if (!k) {
			qlen = udp4(q, "198.51.101.7", "192.0.3.1", 60, 8);
			ilen = pb_ip4(inner, "192.0.3.1", "198.51.101.7", 1, 0,
				      60, 7, 0, l4,
				      pb_icmp(l4, 3, 3, 0, q, 28));
			len = pb_ip4(in, "198.51.101.7", "192.0.3.1", 1, 0, 64,
				     9, 0, l4,
				     pb_icmp(l4, 3, 1, 0, inner, ilen));
			pb_l4_csum4(in, 0);
		} else {
			qlen = udp6(q, "2001:db8:64::c633:6507",
				    "2001:db8:64::c000:301", 60, 8);
			ilen = pb_ip6(inner, "2001:db8:64::c000:301",
				      "2001:db8:64::c633:6507", 58, 0, 60, l4,
				      pb_icmp(l4, 1, 4, 0, q, 48));
			len = pb_ip6(in, "2001:db8:64::c633:6507",
				     "2001:db8:64::c000:301", 58, 0, 64, l4,
				     pb_icmp(l4, 1, 0, 0, inner, ilen));
			pb_l4_csum6(in);
		}
		assert_true(qlen >= 28);
		memset(&x, 0, sizeof(x));
		x.cfg = &cfg;
		assert_int_equal(xv_plan_apply(&x, !k, in, len, got,
					       sizeof(got), &got_len),
				 DCX_DROP);
		assert_int_equal(x.stat, DCXLAT_STAT_UNSUPP_ICMP);
	}
}

/* Runs last: every RFC row was also exercised by a whole packet. */
static void test_row_coverage(void **state __maybe_unused)
{
	unsigned int i, n4 = 0, n6 = 0;

	for (i = 0; i < R4_ROWS; i++) {
		if (!pkt_row46[i])
			print_message("4.2 row %u without a packet test\n", i);
		n4 += pkt_row46[i];
	}
	for (i = 0; i < R6_ROWS; i++) {
		if (!pkt_row64[i])
			print_message("5.2 row %u without a packet test\n", i);
		n6 += pkt_row64[i];
	}
	print_message("RFC 7915 4.2: %u/%u rows, 5.2: %u/%u rows with whole "
		      "packets; figures 3 and 6: 11/11 and 8/8\n", n4,
		      R4_ROWS, n6, R6_ROWS);
	assert_int_equal(n4, R4_ROWS);
	assert_int_equal(n6, R6_ROWS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_ptb_inner_fragment),
		xv_unit_test(test_errors_46),
		xv_unit_test(test_echo),
		xv_unit_test(test_errors_64),
		xv_unit_test(test_error_about_error),
		xv_unit_test(test_row_coverage),
	};

	return cmocka_run_group_tests_name("core_icmp_pkt", tests,
					   xv_group_setup, xv_group_teardown);
}
