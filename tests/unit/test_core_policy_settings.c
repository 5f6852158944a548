// SPDX-License-Identifier: GPL-2.0
/*
 * The instance settings of the core's policy, each against a packet built
 * independently: IPv6 UDP with a zero checksum and udp-zero-checksum for
 * IPv4, reset-tclass, reset-tos/new-tos, the RFC 6791 pools (rfc6791v4,
 * rfc6791v6) and the 1280-byte cap of ICMPv6 errors with any
 * lowest-ipv6-mtu. Shared helpers: policy_helpers.h.
 */
#include "policy_helpers.h"

/* ---- checksums ------------------------------------------------------ */

static void test_udp6_zero_checksum(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	u8 in[PB_MAX];
	unsigned int len;

	xv_cfg(&cfg, nsp, 96);
	len = udp6(in, "2001:db8:64::c000:301", "2001:db8:64::c633:6501", 0,
		   64, 30);
	in[46] = in[47] = 0;
	expect_v("udp6 csum 0", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_BAD_HDR);
	/* A CHECKSUM_PARTIAL field is a seed, not a missing checksum. */
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.csum_partial = true;
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, in, len, len),
			 DCX_XLAT);
}

static void test_udp4_zero_policy(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	xv_cfg(&cfg, nsp, 96);
	len = udp4(in, "192.0.3.1", "198.51.101.1", 0, 64, 31, true);
	assert_int_equal(in[26] | in[27], 0);
	/* compute (the default): the IPv6 datagram gets a real checksum */
	wlen = udp6(want, "2001:db8:64::c000:301", "2001:db8:64::c633:6501",
		    0, 63, 31);
	expect_xlat("udp0 compute", &cfg, NULL, true, in, len, want, wlen);
	cfg.udp_zero = DCXLAT_UDP0_DROP;
	expect_v("udp0 drop", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UDP_ZERO_CSUM);
	/* A fragment cannot be summed: dropped either way. */
	in[6] = 0x20;	/* MF */
	pb_put16(in + 10, 0);
	pb_put16(in + 10, pb_fold(pb_sum(in, 20, 0)));
	expect_v("udp0 frag, drop", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UDP_ZERO_CSUM);
	cfg.udp_zero = DCXLAT_UDP0_COMPUTE;
	expect_v("udp0 frag, compute", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UDP_ZERO_FRAG);
}

/* ---- TOS / traffic class -------------------------------------------- */

static void test_reset_tclass_tos(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	xv_cfg(&cfg, nsp, 96);
	len = udp4(in, "192.0.3.1", "198.51.101.1", 0xb8, 64, 10, false);
	wlen = udp6(want, "2001:db8:64::c000:301", "2001:db8:64::c633:6501",
		    0xb8, 63, 10);
	expect_xlat("tclass = tos", &cfg, NULL, true, in, len, want, wlen);
	cfg.reset_tclass = true;
	wlen = udp6(want, "2001:db8:64::c000:301", "2001:db8:64::c633:6501",
		    0, 63, 10);
	expect_xlat("reset tclass", &cfg, NULL, true, in, len, want, wlen);

	len = udp6(in, "2001:db8:64::c000:301", "2001:db8:64::c633:6501",
		   0xb8, 64, 10);
	wlen = udp4_of6(want, "192.0.3.1", "198.51.101.1", 0xb8, 63, 10);
	expect_xlat("tos = tclass", &cfg, NULL, false, in, len, want, wlen);
	cfg.reset_tos = true;
	cfg.new_tos = 0x28;
	wlen = udp4_of6(want, "192.0.3.1", "198.51.101.1", 0x28, 63, 10);
	expect_xlat("reset tos", &cfg, NULL, false, in, len, want, wlen);
}

/* ---- RFC 6791 ------------------------------------------------------- */

static void test_rfc6791v4_pool(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX], inner[PB_MAX], inner4[PB_MAX];
	struct dcx_prefix4 p = { .len = 28 };
	unsigned int len, wlen, ilen, i4len, i, distinct = 0;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	struct in6_addr s;
	bool seen[16] = { false };
	char src4[INET_ADDRSTRLEN];
	__be32 a, b;

	/* The pick: inside the pool, stable per source, spread. */
	assert_int_equal(inet_pton(AF_INET, "192.0.2.16", &p.addr), 1);
	for (i = 0; i < 256; i++) {
		memset(&s, 0, sizeof(s));
		s.s6_addr[0] = 0x20;
		s.s6_addr[15] = i;
		a = dcx_rfc6791_pick4(&p, &s);
		b = dcx_rfc6791_pick4(&p, &s);
		assert_int_equal(a, b);
		assert_int_equal(ntohl(a) & ~0xfu, 0xc0000210);
		if (!seen[ntohl(a) & 0xf])
			distinct++;
		seen[ntohl(a) & 0xf] = true;
	}
	assert_int_equal(distinct, 16);
	p.len = 32;
	assert_int_equal(dcx_rfc6791_pick4(&p, &s), p.addr);

	/* A router on the IPv6 side, in no mapping, reports an error. */
	xv_cfg(&cfg, nsp, 96);
	cfg.rfc6791v4.addr = htonl(0xc0000210);
	cfg.rfc6791v4.len = 28;
	ilen = udp6(inner, "2001:db8:64::c000:301", "2001:db8:64::c633:6501",
		    0, 1, 12);
	len = icmp6_err(in, "2001:db8:ffff::1", "2001:db8:64::c000:301", 3, 0,
			0, 64, inner, ilen);
	memcpy(&s, in + 8, 16);
	a = dcx_rfc6791_pick4(&cfg.rfc6791v4, &s);
	inet_ntop(AF_INET, &a, src4, sizeof(src4));
	i4len = udp4_of6(inner4, "192.0.3.1", "198.51.101.1", 0, 1, 12);
	wlen = icmp4_err(want, src4, "192.0.3.1", 11, 0, 0, inner4, i4len, 0);
	want[8] = 63;
	want[4] = want[5] = 0;
	pb_put16(want + 10, 0);
	pb_put16(want + 10, pb_fold(pb_sum(want, 20, 0)));
	expect_xlat("rfc6791v4", &cfg, NULL, false, in, len, want, wlen);
	/* Not an error: the source is simply not ours. */
	len = udp6(in, "2001:db8:ffff::1", "2001:db8:64::c000:301", 0, 64, 8);
	expect_v("no error", &cfg, NULL, false, in, len, DCX_PASS,
		 DCXLAT_STAT_UNTRANS_SRC6);
	/* No pool: the error is not translated either. */
	cfg.rfc6791v4.len = 0;
	len = icmp6_err(in, "2001:db8:ffff::1", "2001:db8:64::c000:301", 3, 0,
			0, 64, inner, ilen);
	memset(&x, 0, sizeof(x));
	expect_v("no pool", &cfg, NULL, false, in, len, DCX_PASS,
		 DCXLAT_STAT_UNTRANS_SRC6);
}

static void test_rfc6791v6_pool(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX], inner[PB_MAX], inner6[PB_MAX];
	unsigned int len, wlen, ilen, i6len, i;
	struct dcx_xlat_cfg cfg;
	struct in6_addr a, b;
	char src6[INET6_ADDRSTRLEN];
	__be32 r;

	/* The pick: inside the pool, stable per source. */
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(inet_pton(AF_INET6, "2001:db8:6791::",
				   &cfg.rfc6791v6.addr), 1);
	cfg.rfc6791v6.len = 64;
	for (i = 0; i < 64; i++) {
		r = htonl(0xcb007100 + i);
		dcx_rfc6791_pick6(&cfg.rfc6791v6, r, &a);
		dcx_rfc6791_pick6(&cfg.rfc6791v6, r, &b);
		assert_memory_equal(&a, &b, 16);
		assert_memory_equal(&a, &cfg.rfc6791v6.addr, 8);
	}
	dcx_rfc6791_pick6(&cfg.rfc6791v6, htonl(1), &b);
	assert_memory_not_equal(&a, &b, 16);

	/* EAM only, no pool6: the IPv4 router 203.0.113.9 has no mapping. */
	xv_cfg(&cfg, none, 0);
	xv_eam(&cfg, NULL, "192.0.2.0", 24, "2001:db8:aaaa::", 120);
	ilen = udp4(inner, "192.0.2.77", "192.0.2.99", 0, 1, 12, false);
	len = icmp4_err(in, "203.0.113.9", "192.0.2.77", 11, 0, 0, inner, ilen,
			0);
	expect_v("no v6 pool", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UNTRANS_SRC4);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8:6791::",
				   &cfg.rfc6791v6.addr), 1);
	cfg.rfc6791v6.len = 64;
	dcx_rfc6791_pick6(&cfg.rfc6791v6, htonl(0xcb007109), &a);
	inet_ntop(AF_INET6, &a, src6, sizeof(src6));
	i6len = udp6(inner6, "2001:db8:aaaa::4d", "2001:db8:aaaa::63", 0, 1,
		     12);
	wlen = icmp6_err(want, src6, "2001:db8:aaaa::4d", 3, 0, 0, 63, inner6,
			 i6len);
	expect_xlat("rfc6791v6", &cfg, NULL, true, in, len, want, wlen);
	/* Anything but an error from there: untranslatable source. */
	len = udp4(in, "203.0.113.9", "192.0.2.77", 0, 64, 8, false);
	expect_v("untrans src4", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UNTRANS_SRC4);
	/* With the WKP a private router is an RFC 6791 case too. */
	xv_cfg(&cfg, wkp, 96);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8:6791::",
				   &cfg.rfc6791v6.addr), 1);
	cfg.rfc6791v6.len = 64;
	ilen = udp4(inner, "192.0.3.1", "198.51.101.1", 0, 1, 12, false);
	len = icmp4_err(in, "10.0.0.1", "192.0.3.1", 11, 0, 0, inner, ilen,
			0);
	dcx_rfc6791_pick6(&cfg.rfc6791v6, htonl(0x0a000001), &a);
	inet_ntop(AF_INET6, &a, src6, sizeof(src6));
	i6len = udp6(inner6, "64:ff9b::c000:301", "64:ff9b::c633:6501", 0, 1,
		     12);
	wlen = icmp6_err(want, src6, "64:ff9b::c000:301", 3, 0, 0, 63, inner6,
			 i6len);
	expect_xlat("rfc6791v6 wkp", &cfg, NULL, true, in, len, want, wlen);
}

/* ICMPv6 errors never exceed 1280 bytes, lowest-ipv6-mtu set or not. */
static void test_icmp6_err_cap(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], inner[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int len, got_len, ilen, k;
	static const u16 lowest[] = { 0, 1280, 1500, 9000 };

	for (k = 0; k < ARRAY_SIZE(lowest); k++) {
		xv_cfg(&cfg, nsp, 96);
		cfg.lowest_ipv6_mtu = lowest[k];
		ilen = udp4(inner, "192.0.3.1", "198.51.101.1", 0, 1, 1300,
			    false);
		len = icmp4_err(in, "198.51.101.9", "192.0.3.1", 11, 0, 0,
				inner, ilen, 0);
		memset(&x, 0, sizeof(x));
		x.cfg = &cfg;
		assert_int_equal(xv_plan_apply(&x, true, in, len, got,
						 sizeof(got), &got_len),
				 DCX_XLAT);
		assert_int_equal(got_len, 1280);
		assert_int_equal(got[4] << 8 | got[5], 1240);
		/* The checksum covers what was kept. */
		assert_int_equal(pb_fold(pb_sum(got + 40, 1240,
					 pb_sum(got + 8, 32, 0) + 58 + 1240)),
				 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_udp6_zero_checksum),
		xv_unit_test(test_udp4_zero_policy),
		xv_unit_test(test_reset_tclass_tos),
		xv_unit_test(test_rfc6791v4_pool),
		xv_unit_test(test_rfc6791v6_pool),
		xv_unit_test(test_icmp6_err_cap),
	};

	return cmocka_run_group_tests_name("core_policy_settings", tests,
					   xv_group_setup, xv_group_teardown);
}
