// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 7915 ICMP translation (kmod/core/icmp*.c): every row of the type/code
 * lists of sections 4.2 and 5.2 and of the pointer tables (figures 3 and
 * 6), written out here from the RFC text and compared exhaustively with
 * the core's tables, then whole ICMP errors (outer and inner packet,
 * pointer, MTU, checksums) against packets built independently.
 */
#include "unit_helpers.h"
#include "pkt_build.h"

static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };

/*
 * RFC 7915 section 4.2, one entry per row of the text. The row number
 * (index) is what the coverage counters count.
 */
enum {
	R4_ECHO, R4_ECHO_REPLY, R4_INFO, R4_TIMESTAMP, R4_MASK, R4_RTR_ADV,
	R4_RTR_SOL, R4_UNKNOWN, R4_IGMP,
	R4_DU_NET_HOST, R4_DU_PROTO, R4_DU_PORT, R4_DU_FRAG, R4_DU_SR,
	R4_DU_678, R4_DU_9_10, R4_DU_11_12, R4_DU_13, R4_DU_14, R4_DU_15,
	R4_DU_OTHER, R4_REDIRECT, R4_ALT_HOST, R4_SRC_QUENCH, R4_TIME_EXC,
	R4_PP_0, R4_PP_1, R4_PP_2, R4_PP_OTHER,
	R4_ROWS
};

/* Returns the row; *t6 < 0 means "silently drop". */
static int rfc_46(int t, int c, int *t6, int *c6)
{
	*t6 = -1;
	*c6 = -1;
	switch (t) {
	case 8:
		*t6 = 128;
		*c6 = c;	/* "Adjust the Type values" only */
		return R4_ECHO;
	case 0:
		*t6 = 129;
		*c6 = c;
		return R4_ECHO_REPLY;
	case 15:
	case 16:
		return R4_INFO;
	case 13:
	case 14:
		return R4_TIMESTAMP;
	case 17:
	case 18:
		return R4_MASK;
	case 9:
		return R4_RTR_ADV;
	case 10:
		return R4_RTR_SOL;
	case 3:
		break;
	case 5:
		return R4_REDIRECT;
	case 6:
		return R4_ALT_HOST;
	case 4:
		return R4_SRC_QUENCH;
	case 11:
		/* "The Code is unchanged": codes 0 and 1 exist. */
		if (c <= 1) {
			*t6 = 3;
			*c6 = c;
		}
		return R4_TIME_EXC;
	case 12:
		if (c == 0 || c == 2) {
			*t6 = 4;
			*c6 = 0;
		}
		return c == 0 ? R4_PP_0 : c == 1 ? R4_PP_1 : c == 2 ?
		       R4_PP_2 : R4_PP_OTHER;
	default:
		return R4_UNKNOWN;
	}
	/* Destination Unreachable */
	*t6 = 1;
	switch (c) {
	case 0:
	case 1:
		*c6 = 0;
		return R4_DU_NET_HOST;
	case 2:
		*t6 = 4;
		*c6 = 1;
		return R4_DU_PROTO;
	case 3:
		*c6 = 4;
		return R4_DU_PORT;
	case 4:
		*t6 = 2;
		*c6 = 0;
		return R4_DU_FRAG;
	case 5:
		*c6 = 0;
		return R4_DU_SR;
	case 6:
	case 7:
	case 8:
		*c6 = 0;
		return R4_DU_678;
	case 9:
	case 10:
		*c6 = 1;
		return R4_DU_9_10;
	case 11:
	case 12:
		*c6 = 0;
		return R4_DU_11_12;
	case 13:
		*c6 = 1;
		return R4_DU_13;
	case 14:
		*t6 = -1;
		return R4_DU_14;
	case 15:
		*c6 = 1;
		return R4_DU_15;
	}
	*t6 = -1;
	return R4_DU_OTHER;
}

/* RFC 7915 section 5.2. */
enum {
	R6_ECHO, R6_ECHO_REPLY, R6_MLD, R6_ND, R6_UNKNOWN_INFO,
	R6_DU_0, R6_DU_1, R6_DU_2, R6_DU_3, R6_DU_4, R6_DU_OTHER, R6_PTB,
	R6_TIME_EXC, R6_PP_0, R6_PP_1, R6_PP_2, R6_UNKNOWN_ERR,
	R6_ROWS
};

static int rfc_64(int t, int c, int *t4, int *c4)
{
	*t4 = -1;
	*c4 = -1;
	switch (t) {
	case 128:
		*t4 = 8;
		*c4 = c;
		return R6_ECHO;
	case 129:
		*t4 = 0;
		*c4 = c;
		return R6_ECHO_REPLY;
	case 130:
	case 131:
	case 132:
		return R6_MLD;
	case 133:
	case 134:
	case 135:
	case 136:
	case 137:
		return R6_ND;
	case 1: {
		static const int dcode[] = { 1, 10, 1, 1, 3 };

		if (c <= 4) {
			*t4 = 3;
			*c4 = dcode[c];
			return R6_DU_0 + c;
		}
		return R6_DU_OTHER;
	}
	case 2:
		*t4 = 3;
		*c4 = 4;
		return R6_PTB;
	case 3:
		if (c <= 1) {
			*t4 = 11;
			*c4 = c;
		}
		return R6_TIME_EXC;
	case 4:
		if (c == 0) {
			*t4 = 12;
			*c4 = 0;
			return R6_PP_0;
		}
		if (c == 1) {
			*t4 = 3;
			*c4 = 2;
			return R6_PP_1;
		}
		return c == 2 ? R6_PP_2 : R6_UNKNOWN_ERR;
	}
	return t < 128 ? R6_UNKNOWN_ERR : R6_UNKNOWN_INFO;
}

/* Figure 3 rows: IPv4 pointer -> IPv6 pointer, -1 n/a. */
static int rfc_ptr46(int p, int *row)
{
	static const struct {
		int lo, hi, to;
	} fig3[] = {
		{ 0, 0, 0 }, { 1, 1, 1 }, { 2, 3, 4 }, { 4, 5, -1 },
		{ 6, 6, -1 }, { 7, 7, -1 }, { 8, 8, 7 }, { 9, 9, 6 },
		{ 10, 11, -1 }, { 12, 15, 8 }, { 16, 19, 24 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fig3); i++) {
		if (p >= fig3[i].lo && p <= fig3[i].hi) {
			*row = i;
			return fig3[i].to;
		}
	}
	*row = -1;	/* "not listed": drop */
	return -1;
}

static int rfc_ptr64(int p, int *row)
{
	static const struct {
		int lo, hi, to;
	} fig6[] = {
		{ 0, 0, 0 }, { 1, 1, 1 }, { 2, 3, -1 }, { 4, 5, 2 },
		{ 6, 6, 9 }, { 7, 7, 8 }, { 8, 23, 12 }, { 24, 39, 16 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fig6); i++) {
		if (p >= fig6[i].lo && p <= fig6[i].hi) {
			*row = i;
			return fig6[i].to;
		}
	}
	*row = -1;
	return -1;
}

/* Rows covered by the whole-packet tests below (filled as they run). */
static bool pkt_row46[R4_ROWS], pkt_row64[R6_ROWS];

static void test_map_46_all(void **state __maybe_unused)
{
	bool row[R4_ROWS] = { false };
	unsigned int t, c, n = 0;
	int wt, wc;
	u8 t6, c6;
	bool ok;

	for (t = 0; t < 256; t++) {
		for (c = 0; c < 256; c++) {
			row[rfc_46(t, c, &wt, &wc)] = true;
			t6 = c6 = 0xee;
			ok = dcx_icmp_map_46(t, c, &t6, &c6);
			if (ok != (wt >= 0))
				fail_msg("ICMPv4 %u/%u: translated %d", t, c,
					 ok);
			if (ok && (t6 != wt || c6 != wc))
				fail_msg("ICMPv4 %u/%u -> %u/%u, want %d/%d",
					 t, c, t6, c6, wt, wc);
			/* Errors are the types RFC 792 calls errors. */
			assert_int_equal(dcx_icmp_is_err4(t),
					 t == 3 || t == 4 || t == 5 ||
					 t == 11 || t == 12);
		}
	}
	for (t = 0; t < R4_ROWS; t++)
		n += row[t] || t == R4_IGMP;	/* IGMP: protocol 2 */
	assert_int_equal(n, R4_ROWS);
}

static void test_map_64_all(void **state __maybe_unused)
{
	bool row[R6_ROWS] = { false };
	unsigned int t, c, n = 0;
	int wt, wc;
	u8 t4, c4;
	bool ok;

	for (t = 0; t < 256; t++) {
		for (c = 0; c < 256; c++) {
			row[rfc_64(t, c, &wt, &wc)] = true;
			t4 = c4 = 0xee;
			ok = dcx_icmp_map_64(t, c, &t4, &c4);
			if (ok != (wt >= 0))
				fail_msg("ICMPv6 %u/%u: translated %d", t, c,
					 ok);
			if (ok && (t4 != wt || c4 != wc))
				fail_msg("ICMPv6 %u/%u -> %u/%u, want %d/%d",
					 t, c, t4, c4, wt, wc);
			assert_int_equal(dcx_icmp_is_err6(t), t < 128);
		}
	}
	for (t = 0; t < R6_ROWS; t++)
		n += row[t];
	assert_int_equal(n, R6_ROWS);
}

static void test_pointers(void **state __maybe_unused)
{
	bool row3[11] = { false }, row6[8] = { false };
	int p, want, r;
	unsigned int i;

	for (p = 0; p < 256; p++) {
		want = rfc_ptr46(p, &r);
		if (r >= 0)
			row3[r] = true;
		if (dcx_icmp_ptr_46(p) != want)
			fail_msg("pointer4 %d -> %d, want %d", p,
				 dcx_icmp_ptr_46(p), want);
	}
	for (p = 0; p < 70000; p++) {
		want = rfc_ptr64(p, &r);
		if (r >= 0)
			row6[r] = true;
		if (dcx_icmp_ptr_64(p) != want)
			fail_msg("pointer6 %d -> %d, want %d", p,
				 dcx_icmp_ptr_64(p), want);
	}
	assert_int_equal(dcx_icmp_ptr_64(0xffffffff), -1);
	for (i = 0; i < ARRAY_SIZE(row3); i++)
		assert_true(row3[i]);
	for (i = 0; i < ARRAY_SIZE(row6); i++)
		assert_true(row6[i]);
}

/* RFC 7915 4.2 and 5.2 MTU formulas, and the RFC 1191 plateaus. */
static void test_mtu(void **state __maybe_unused)
{
	/* min(MTU4 + 20, MTU6 next hop, MTU4 next hop + 20) */
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 1500, 1500), 1420);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 1500, 1300), 1300);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 1200, 1500), 1220);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 0, 0), 1420);
	/* MTU 0: greatest plateau below the total length, >= 1280 */
	assert_int_equal(dcx_icmp_mtu_46(0, 1500, 9000, 9000), 1492);
	assert_int_equal(dcx_icmp_mtu_46(0, 1492, 9000, 9000), 1280);
	assert_int_equal(dcx_icmp_mtu_46(0, 20000, 65535, 65535), 17914);
	assert_int_equal(dcx_icmp_mtu_46(0, 600, 9000, 9000), 1280);
	/* min(MTU6 - 20, MTU4 next hop, MTU6 next hop - 20) */
	assert_int_equal(dcx_icmp_mtu_64(1500, 1500, 1500), 1480);
	assert_int_equal(dcx_icmp_mtu_64(1500, 1500, 1400), 1400);
	assert_int_equal(dcx_icmp_mtu_64(1500, 1300, 1500), 1280);
	assert_int_equal(dcx_icmp_mtu_64(1500, 0, 0), 1480);
	assert_int_equal(dcx_icmp_mtu_64(100000, 0, 0), 0xffff);
	/* The packet in error had a fragment header: 28 bytes, not 20. */
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 0, 0, true), 1472);
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 1400, 9000, true), 1372);
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 1400, 1300, true), 1300);
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 1400, 9000, false), 1380);
}

/* ---- whole packets -------------------------------------------------- */

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
		if (v != DCX_DROP || x.stat != DCXLAT_STAT_UNSUPP_PROTO)
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
	err46(11, 0, 0, 3, 0, 0, 0, 0);
	err46(11, 1, 0, 3, 1, 0, 0, 0);
	err46(11, 2, 0, -1, 0, 0, 0, 0);
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
		if (v != DCX_DROP || x.stat != DCXLAT_STAT_UNSUPP_PROTO)
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
	err64(3, 2, 0, -1, 0, 0, 0, 0);
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
		xv_unit_test(test_map_46_all),
		xv_unit_test(test_map_64_all),
		xv_unit_test(test_pointers),
		xv_unit_test(test_mtu),
		xv_unit_test(test_ptb_inner_fragment),
		xv_unit_test(test_errors_46),
		xv_unit_test(test_echo),
		xv_unit_test(test_errors_64),
		xv_unit_test(test_row_coverage),
	};

	return cmocka_run_group_tests_name("core_icmp", tests,
					   xv_group_setup, xv_group_teardown);
}
