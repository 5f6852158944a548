// SPDX-License-Identifier: GPL-2.0
/*
 * Address-mapping policy of the core, each case against a packet built
 * independently (pkt_build.h): EAM before pool6 (RFC 7757 3.2) in both
 * directions and inside ICMP errors, RFC 6052 3.1 (non-global addresses
 * and the well-known prefix), special IPv4 ranges, IPv6 UDP with a zero
 * checksum, the instance settings (reset-tclass, reset-tos/new-tos,
 * udp-zero-checksum, RFC 6791 pools, lowest-ipv6-mtu), address spaces
 * (cross-space), Edge Relay filtering (RFC 7756 6) and hairpinning
 * (RFC 7757 4.2).
 */
#include "unit_helpers.h"
#include "pkt_build.h"

static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };
static const u8 wkp[16] = { 0x00, 0x64, 0xff, 0x9b };
static const u8 none[16];

/* Translate and compare with the expectation. */
static void expect_xlat(const char *what, const struct dcx_xlat_cfg *cfg,
			const struct dcx_space *space, bool v4, const u8 *in,
			unsigned int len, const u8 *want, unsigned int want_len)
{
	struct dcx_xlat x = { .cfg = cfg, .space = space };
	unsigned int got_len;
	enum dcx_action v;
	u8 got[PB_MAX];

	v = xv_plan_apply(&x, v4, in, len, got, sizeof(got), &got_len);
	if (v != DCX_XLAT)
		fail_msg("%s: verdict %s (stat %d), want XLAT", what,
			 xv_verdict_name(v), x.stat);
	xv_expect_bytes(what, got, got_len, want, want_len);
}

static void expect_v(const char *what, const struct dcx_xlat_cfg *cfg,
		     const struct dcx_space *space, bool v4, const u8 *in,
		     unsigned int len, enum dcx_action want,
		     enum dcxlat_stat stat)
{
	struct dcx_xlat x = { .cfg = cfg, .space = space };
	enum dcx_action v;

	v = xv_plan_linear(v4 ? dcx_plan_46 : dcx_plan_64, &x, in, len, len);
	if (v != want)
		fail_msg("%s: verdict %s (stat %d), want %s", what,
			 xv_verdict_name(v), x.stat, xv_verdict_name(want));
	if (want != DCX_XLAT && x.stat != stat)
		fail_msg("%s: stat %d, want %d", what, x.stat, stat);
}

/* An IPv4 UDP datagram with n payload bytes. */
static unsigned int udp4(u8 *p, const char *src, const char *dst, u8 tos,
			 u8 ttl, unsigned int n, bool zero)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 17, tos, ttl, 0x1234, 0x4000, l4,
		     pb_udp(l4, n));
	pb_l4_csum4(p, zero);
	return len;
}

static unsigned int udp6(u8 *p, const char *src, const char *dst, u8 tc,
			 u8 hlim, unsigned int n)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip6(p, src, dst, 17, tc, hlim, l4, pb_udp(l4, n));
	pb_l4_csum6(p);
	return len;
}

/* The IPv4 translation of an unfragmented IPv6 packet (ID 0, DF rule). */
static unsigned int udp4_of6(u8 *p, const char *src, const char *dst,
			     u8 tos, u8 ttl, unsigned int n)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 17, tos, ttl, 0,
		     28 + n > 1260 ? 0x4000 : 0, l4, pb_udp(l4, n));
	pb_l4_csum4(p, 0);
	return len;
}

/* ICMPv4 error (type/code/rest) from src to dst quoting inner. */
static unsigned int icmp4_err(u8 *p, const char *src, const char *dst,
			      u8 type, u8 code, u32 rest, const u8 *inner,
			      unsigned int ilen, u16 frag)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 1, 0, 64, 7, frag, l4,
		     pb_icmp(l4, type, code, rest, inner, ilen));
	pb_l4_csum4(p, 0);
	return len;
}

static unsigned int icmp6_err(u8 *p, const char *src, const char *dst,
			      u8 type, u8 code, u32 rest, u8 hlim,
			      const u8 *inner, unsigned int ilen)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip6(p, src, dst, 58, 0, hlim, l4,
		     pb_icmp(l4, type, code, rest, inner, ilen));
	pb_l4_csum6(p);
	return len;
}

/* ---- EAM precedence ------------------------------------------------- */

/* NSP pool6, one /24 <-> /120 entry and one /32 <-> /128 entry. */
static void cfg_eam(struct dcx_xlat_cfg *cfg)
{
	xv_cfg(cfg, nsp, 96);
	xv_eam(cfg, NULL, "192.0.2.0", 24, "2001:db8:aaaa::", 120);
	xv_eam(cfg, NULL, "203.0.113.5", 32, "2001:db8::5", 128);
}

static void test_eam_before_pool6_46(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	u8 in[PB_MAX], want[PB_MAX];
	unsigned int len, wlen;

	cfg_eam(&cfg);
	/* dst by the /24 entry (suffix carried), src by pool6 */
	len = udp4(in, "198.51.101.7", "192.0.2.77", 0, 64, 40, false);
	wlen = udp6(want, "2001:db8:64::c633:6507", "2001:db8:aaaa::4d", 0,
		    63, 40);
	expect_xlat("eam dst /24", &cfg, NULL, true, in, len, want, wlen);
	/* src by the /32 entry, dst by the /24 entry */
	len = udp4(in, "203.0.113.5", "192.0.2.255", 0, 64, 13, false);
	wlen = udp6(want, "2001:db8::5", "2001:db8:aaaa::ff", 0, 63, 13);
	expect_xlat("eam src /32", &cfg, NULL, true, in, len, want, wlen);
	/* next to the entries: pool6 */
	len = udp4(in, "203.0.113.6", "192.0.3.1", 0, 64, 13, false);
	wlen = udp6(want, "2001:db8:64::cb00:7106", "2001:db8:64::c000:301",
		    0, 63, 13);
	expect_xlat("pool6 both", &cfg, NULL, true, in, len, want, wlen);
}

static void test_eam_before_pool6_64(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	u8 in[PB_MAX], want[PB_MAX];
	unsigned int len, wlen;

	cfg_eam(&cfg);
	len = udp6(in, "2001:db8:aaaa::4d", "2001:db8:64::c633:6507", 0, 64,
		   40);
	wlen = udp4_of6(want, "192.0.2.77", "198.51.101.7", 0, 63, 40);
	expect_xlat("eam src /120", &cfg, NULL, false, in, len, want, wlen);
	len = udp6(in, "2001:db8:64::c633:6507", "2001:db8::5", 0, 64, 7);
	wlen = udp4_of6(want, "198.51.101.7", "203.0.113.5", 0, 63, 7);
	expect_xlat("eam dst /128", &cfg, NULL, false, in, len, want, wlen);
	/* The pool6 embedding of an EAM'd address is still pool6. */
	len = udp6(in, "2001:db8:64::c633:6507", "2001:db8:64::c000:24d", 0,
		   64, 7);
	wlen = udp4_of6(want, "198.51.101.7", "192.0.2.77", 0, 63, 7);
	expect_xlat("pool6 embedding", &cfg, NULL, false, in, len, want,
		    wlen);
}

/* ICMP errors: outer and inner addresses both go through the EAM. */
static void test_eam_icmp_err_46(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX], inner[PB_MAX], inner6[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen, ilen, i6len;

	cfg_eam(&cfg);
	/* 192.0.2.77 sent UDP to 198.51.101.7; a router there says no port */
	ilen = udp4(inner, "192.0.2.77", "198.51.101.7", 0, 63, 20, false);
	len = icmp4_err(in, "198.51.101.1", "192.0.2.77", 3, 3, 0, inner,
			ilen, 0);
	i6len = udp6(inner6, "2001:db8:aaaa::4d", "2001:db8:64::c633:6507", 0,
		     63, 20);
	wlen = icmp6_err(want, "2001:db8:64::c633:6501", "2001:db8:aaaa::4d",
			 1, 4, 0, 63, inner6, i6len);
	expect_xlat("icmp err 4->6", &cfg, NULL, true, in, len, want, wlen);
	/* Time exceeded from the /32 entry's node, quoting it as dst. */
	ilen = udp4(inner, "192.0.2.9", "203.0.113.5", 0, 1, 4, false);
	len = icmp4_err(in, "203.0.113.5", "192.0.2.9", 11, 0, 0, inner,
			ilen, 0);
	i6len = udp6(inner6, "2001:db8:aaaa::9", "2001:db8::5", 0, 1, 4);
	wlen = icmp6_err(want, "2001:db8::5", "2001:db8:aaaa::9", 3, 0, 0, 63,
			 inner6, i6len);
	expect_xlat("icmp ttl 4->6", &cfg, NULL, true, in, len, want, wlen);
}

static void test_eam_icmp_err_64(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX], inner[PB_MAX], inner4[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen, ilen, i4len;

	cfg_eam(&cfg);
	ilen = udp6(inner, "2001:db8:64::c633:6507", "2001:db8:aaaa::4d", 0,
		    60, 20);
	len = icmp6_err(in, "2001:db8:aaaa::4d", "2001:db8:64::c633:6507", 1,
			4, 0, 64, inner, ilen);
	i4len = udp4_of6(inner4, "198.51.101.7", "192.0.2.77", 0, 60, 20);
	wlen = icmp4_err(want, "192.0.2.77", "198.51.101.7", 3, 3, 0, inner4,
			 i4len, 0);
	want[8] = 63;	/* TTL: hop limit - 1 */
	want[6] = want[7] = 0;	/* ID 0, no DF: small */
	want[4] = want[5] = 0;
	pb_put16(want + 10, 0);
	pb_put16(want + 10, pb_fold(pb_sum(want, 20, 0)));
	expect_xlat("icmp err 6->4", &cfg, NULL, false, in, len, want, wlen);
}

/* ---- RFC 6052 3.1 and special ranges -------------------------------- */

static void test_v4_classes(void **state __maybe_unused)
{
	static const struct {
		const char *a;
		bool nonglobal, special;
	} c[] = {
		{ "0.0.0.0", true, true }, { "0.1.2.3", true, true },
		{ "1.0.0.0", false, false }, { "9.255.255.255", false, false },
		{ "10.0.0.0", true, false }, { "10.255.255.255", true, false },
		{ "11.0.0.0", false, false }, { "100.63.255.255", false, false },
		{ "100.64.0.0", true, false }, { "100.127.255.255", true, false },
		{ "100.128.0.0", false, false }, { "127.0.0.1", true, true },
		{ "169.254.1.1", true, false }, { "169.255.0.0", false, false },
		{ "172.15.255.255", false, false }, { "172.16.0.0", true, false },
		{ "172.31.255.255", true, false }, { "172.32.0.0", false, false },
		{ "192.0.0.8", true, false }, { "192.0.1.0", false, false },
		{ "192.0.2.1", true, false }, { "192.0.3.1", false, false },
		{ "192.88.99.1", false, false }, { "192.168.1.1", true, false },
		{ "198.17.255.255", false, false }, { "198.18.0.0", true, false },
		{ "198.19.255.255", true, false }, { "198.20.0.0", false, false },
		{ "198.51.100.1", true, false }, { "198.51.101.1", false, false },
		{ "203.0.113.1", true, false }, { "203.0.114.1", false, false },
		{ "223.255.255.255", false, false }, { "224.0.0.1", true, true },
		{ "239.255.255.255", true, true }, { "240.0.0.1", true, false },
		{ "255.255.255.254", true, false },
		{ "255.255.255.255", true, true },
	};
	unsigned int i;
	__be32 a;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		assert_int_equal(inet_pton(AF_INET, c[i].a, &a), 1);
		if (dcx_v4_nonglobal(a) != c[i].nonglobal)
			fail_msg("%s: non-global %d", c[i].a, !c[i].nonglobal);
		if (dcx_v4_special(a) != c[i].special)
			fail_msg("%s: special %d", c[i].a, !c[i].special);
	}
}

static void test_wkp_nonglobal_46(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg, ncfg;
	u8 in[PB_MAX], want[PB_MAX];
	unsigned int len, wlen;

	xv_cfg(&cfg, wkp, 96);
	xv_cfg(&ncfg, nsp, 96);
	/* Destination non-global: not ours, left to the IPv4 stack. */
	len = udp4(in, "192.0.3.1", "10.1.2.3", 0, 64, 8, false);
	expect_v("wkp dst 10/8", &cfg, NULL, true, in, len, DCX_PASS,
		 DCXLAT_STAT_NONGLOBAL_V4);
	len = udp4(in, "192.0.3.1", "100.64.0.1", 0, 64, 8, false);
	expect_v("wkp dst 100.64/10", &cfg, NULL, true, in, len, DCX_PASS,
		 DCXLAT_STAT_NONGLOBAL_V4);
	/* Source non-global, destination ours: dropped. */
	len = udp4(in, "192.168.1.1", "192.0.3.1", 0, 64, 8, false);
	expect_v("wkp src 192.168/16", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_NONGLOBAL_V4);
	/* 192.88.99.0/24 is global: translated with the WKP. */
	len = udp4(in, "192.88.99.1", "192.0.3.1", 0, 64, 8, false);
	wlen = udp6(want, "64:ff9b::c058:6301", "64:ff9b::c000:301", 0, 63,
		    8);
	expect_xlat("wkp 6to4 anycast", &cfg, NULL, true, in, len, want,
		    wlen);
	/* A network-specific prefix translates them all. */
	len = udp4(in, "192.168.1.1", "10.1.2.3", 0, 64, 8, false);
	wlen = udp6(want, "2001:db8:64::c0a8:101", "2001:db8:64::a01:203", 0,
		    63, 8);
	expect_xlat("nsp private", &ncfg, NULL, true, in, len, want, wlen);
	/* An EAM entry is not the WKP: its private address translates. */
	xv_eam(&cfg, NULL, "10.1.2.3", 32, "2001:db8::123", 128);
	len = udp4(in, "192.0.3.1", "10.1.2.3", 0, 64, 8, false);
	wlen = udp6(want, "64:ff9b::c000:301", "2001:db8::123", 0, 63, 8);
	expect_xlat("wkp + eam", &cfg, NULL, true, in, len, want, wlen);
}

static void test_wkp_nonglobal_64(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg, ncfg;
	u8 in[PB_MAX], want[PB_MAX];
	unsigned int len, wlen;

	xv_cfg(&cfg, wkp, 96);
	xv_cfg(&ncfg, nsp, 96);
	/* RFC 6052 3.1: "they MUST drop these packets". */
	len = udp6(in, "64:ff9b::c000:301", "64:ff9b::a01:203", 0, 64, 8);
	expect_v("wkp dst 10/8", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_NONGLOBAL_V4);
	len = udp6(in, "64:ff9b::ac10:1", "64:ff9b::c000:301", 0, 64, 8);
	expect_v("wkp src 172.16/12", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_NONGLOBAL_V4);
	len = udp6(in, "64:ff9b::c000:301", "64:ff9b::c633:6501", 0, 64, 8);
	wlen = udp4_of6(want, "192.0.3.1", "198.51.101.1", 0, 63, 8);
	expect_xlat("wkp global", &cfg, NULL, false, in, len, want, wlen);
	len = udp6(in, "2001:db8:64::ac10:1", "2001:db8:64::a01:203", 0, 64,
		   8);
	wlen = udp4_of6(want, "172.16.0.1", "10.1.2.3", 0, 63, 8);
	expect_xlat("nsp private", &ncfg, NULL, false, in, len, want, wlen);
}

static void test_special_ranges(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	u8 in[PB_MAX];
	unsigned int len;

	xv_cfg(&cfg, nsp, 96);
	/* 0.0.0.0/8 beyond 0.0.0.0 is never a destination or a source. */
	len = udp4(in, "192.0.3.1", "0.1.2.3", 0, 64, 8, false);
	expect_v("dst 0.1.2.3", &cfg, NULL, true, in, len, DCX_PASS,
		 DCXLAT_STAT_PASS_46);
	len = udp4(in, "0.1.2.3", "192.0.3.1", 0, 64, 8, false);
	expect_v("src 0.1.2.3", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UNTRANS_SRC4);
	len = udp4(in, "127.0.0.1", "192.0.3.1", 0, 64, 8, false);
	expect_v("src 127/8", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UNTRANS_SRC4);
	len = udp4(in, "224.0.0.9", "192.0.3.1", 0, 64, 8, false);
	expect_v("src multicast", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UNTRANS_SRC4);
	len = udp4(in, "255.255.255.255", "192.0.3.1", 0, 64, 8, false);
	expect_v("src broadcast", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_UNTRANS_SRC4);
	len = udp6(in, "2001:db8:64::c000:301", "2001:db8:64::1:203", 0, 64,
		   8);
	expect_v("6->4 dst 0.1.2.3", &cfg, NULL, false, in, len, DCX_PASS,
		 DCXLAT_STAT_PASS_64);
	len = udp6(in, "2001:db8:64::1:203", "2001:db8:64::c000:301", 0, 64,
		   8);
	expect_v("6->4 src 0.1.2.3", &cfg, NULL, false, in, len, DCX_PASS,
		 DCXLAT_STAT_UNTRANS_SRC6);
}

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

/* ---- address spaces ------------------------------------------------- */

static void test_spaces(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_xlat x;
	unsigned int len, wlen;

	xv_cfg(&cfg, nsp, 96);
	b = xv_space(&cfg, "b", 7, "2001:db8:b::", 96);
	xv_eam(&cfg, b, "10.0.0.5", 32, "2001:db8:b5::5", 128);
	/* 4 -> 6 in space b: both addresses by b's EAM and prefix. */
	len = udp4(in, "10.0.0.9", "10.0.0.5", 0, 64, 8, false);
	wlen = udp6(want, "2001:db8:b::a00:9", "2001:db8:b5::5", 0, 63, 8);
	expect_xlat("space b 4->6", &cfg, b, true, in, len, want, wlen);
	/* The same packet in the default space: its prefix, no EAM. */
	wlen = udp6(want, "2001:db8:64::a00:9", "2001:db8:64::a00:5", 0, 63,
		    8);
	expect_xlat("default 4->6", &cfg, NULL, true, in, len, want, wlen);
	/* 6 -> 4: the space comes from the destination. */
	len = udp6(in, "2001:db8:b::a00:9", "2001:db8:b5::5", 0, 64, 8);
	wlen = udp4_of6(want, "10.0.0.9", "10.0.0.5", 0, 63, 8);
	expect_xlat("space b 6->4", &cfg, NULL, false, in, len, want, wlen);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, in, len, len),
			 DCX_XLAT);
	assert_ptr_equal(x.space, b);
	/* A source of another space: dropped. */
	len = udp6(in, "2001:db8:64::a00:9", "2001:db8:b5::5", 0, 64, 8);
	expect_v("cross space", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_CROSS_SPACE);
	len = udp6(in, "2001:db8:b::a00:9", "2001:db8:64::a00:5", 0, 64, 8);
	expect_v("cross space rev", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_CROSS_SPACE);
}

static void test_spaces_icmp_err(void **state __maybe_unused)
{
	u8 in[PB_MAX], inner[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	unsigned int len, ilen;

	xv_cfg(&cfg, nsp, 96);
	b = xv_space(&cfg, "b", 7, "2001:db8:b::", 96);
	cfg.rfc6791v4.addr = htonl(0xc0000008);
	cfg.rfc6791v4.len = 32;
	/* An unmappable router still gets the RFC 6791 address. */
	ilen = udp6(inner, "2001:db8:b::a00:9", "2001:db8:b::a00:5", 0, 1, 8);
	len = icmp6_err(in, "2001:db8:ffff::1", "2001:db8:b::a00:9", 3, 0, 0,
			64, inner, ilen);
	expect_v("rfc6791 in b", &cfg, NULL, false, in, len, DCX_XLAT, 0);
	assert_ptr_equal(dcx_space_find(xv_tab(&cfg), "b"), b);
	/* An inner packet from another space: dropped. */
	ilen = udp6(inner, "2001:db8:b::a00:9", "2001:db8:64::a00:5", 0, 1, 8);
	len = icmp6_err(in, "2001:db8:b::a00:5", "2001:db8:b::a00:9", 3, 0, 0,
			64, inner, ilen);
	expect_v("inner cross", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_CROSS_SPACE);
}

/* ---- Edge Relay ----------------------------------------------------- */

static void cfg_er(struct dcx_xlat_cfg *cfg)
{
	xv_cfg(cfg, nsp, 96);
	cfg->role = DCXLAT_ROLE_ER;
	cfg->er_filter = true;
	/* The node behind this ER: 192.0.3.26 <-> 2001:db8:e::26. */
	xv_eam(cfg, NULL, "192.0.3.26", 32, "2001:db8:e::26", 128);
}

static void test_er_ingress(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	cfg_er(&cfg);
	len = udp4(in, "192.0.3.26", "198.51.101.1", 0, 64, 8, false);
	wlen = udp6(want, "2001:db8:e::26", "2001:db8:64::c633:6501", 0, 63,
		    8);
	expect_xlat("er own node", &cfg, NULL, true, in, len, want, wlen);
	/* A spoofed source (it maps by pool6, but has no EAM entry). */
	len = udp4(in, "192.0.3.27", "198.51.101.1", 0, 64, 8, false);
	expect_v("er spoofed", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_INGRESS);
	cfg.er_filter = false;
	expect_v("er no filter", &cfg, NULL, true, in, len, DCX_XLAT, 0);
	cfg.er_filter = true;
	cfg.role = DCXLAT_ROLE_BR;
	expect_v("br", &cfg, NULL, true, in, len, DCX_XLAT, 0);
}

/* An ICMPv4 error from the ER's own IPv4 side may use the RFC 6791 pool. */
static void test_er_ingress_icmp_err(void **state __maybe_unused)
{
	u8 in[PB_MAX], inner[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	struct in6_addr want;
	unsigned int len, ilen;

	cfg_er(&cfg);
	ilen = udp4(inner, "192.0.3.26", "198.51.101.1", 0, 1, 8, false);
	len = icmp4_err(in, "192.0.3.1", "192.0.3.26", 11, 0, 0, inner, ilen,
			0);
	expect_v("er err, no pool", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_INGRESS);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8:6791::",
				   &cfg.rfc6791v6.addr), 1);
	cfg.rfc6791v6.len = 64;
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, in, len, len),
			 DCX_XLAT);
	/* Not the pool6 embedding of the unfiltered source: the pool. */
	dcx_rfc6791_pick6(&cfg.rfc6791v6, htonl(0xc0000301), &want);
	assert_memory_equal(&x.src6, &want, 16);
	/* Anything else from there stays filtered. */
	len = udp4(in, "192.0.3.1", "198.51.101.1", 0, 64, 8, false);
	expect_v("er udp, pool", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_INGRESS);
}

static void test_er_spoof(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	cfg_er(&cfg);
	len = udp6(in, "2001:db8:64::c633:6501", "2001:db8:e::26", 0, 64, 8);
	wlen = udp4_of6(want, "198.51.101.1", "192.0.3.26", 0, 63, 8);
	expect_xlat("er inbound", &cfg, NULL, false, in, len, want, wlen);
	/* Source = the local IPv6 service address. */
	len = udp6(in, "2001:db8:e::26", "2001:db8:e::26", 0, 64, 8);
	expect_v("er spoof6", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_SPOOF6);
	/* Source translates to the local IPv4 service address. */
	len = udp6(in, "2001:db8:64::c000:31a", "2001:db8:e::26", 0, 64, 8);
	expect_v("er spoof4", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_SPOOF4);
	cfg.er_filter = false;
	expect_v("er spoof4 unfiltered", &cfg, NULL, false, in, len, DCX_XLAT,
		 0);
}

/* ---- hairpinning (RFC 7757 4.2, RFC 7756 figure 5) ------------------ */

static const u8 br46[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x46 };

static void cfg_br(struct dcx_xlat_cfg *cfg)
{
	xv_cfg(cfg, br46, 96);
	cfg->hairpin = true;
	xv_eam(cfg, NULL, "192.0.2.1", 32, "2001:db8:a::", 128);
	xv_eam(cfg, NULL, "192.0.2.2", 32, "2001:db8:b::", 128);
}

/*
 * The datapath's loop in a buffer: 6 -> 4, and when x->hairpin the IPv4
 * result again through 4 -> 6 with the same state.
 */
static bool hairpin_run(struct dcx_xlat *x, const u8 *in, unsigned int len,
			u8 *out, unsigned int *out_len)
{
	unsigned int room = 64, tail;
	u8 *buf, *nh, *p4, *p6;
	bool hp;

	tail = 64;
	assert_int_equal(xv_plan_linear(dcx_plan_64, x, in, len, len),
			 DCX_XLAT);
	buf = calloc(1, room + len + tail);
	assert_non_null(buf);
	nh = buf + room;
	memcpy(nh, in, len);
	rcu_read_lock();
	p4 = dcx_apply_64(x, nh, len);
	rcu_read_unlock();
	len = x->new_total;
	hp = x->hairpin;
	if (hp) {
		assert_int_equal(xv_plan_linear(dcx_plan_46, x, p4, len, len),
				 DCX_XLAT);
		assert_true(p4 - buf >= (long)(x->new_nhlen - x->old_nhlen));
		rcu_read_lock();
		p6 = dcx_apply_46(x, p4, len);
		rcu_read_unlock();
		memcpy(out, p6, x->new_total);
	} else {
		memcpy(out, p4, len);
	}
	*out_len = x->new_total;
	free(buf);
	return hp;
}

static void test_hairpin(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int len, got_len, wlen;

	cfg_br(&cfg);
	/* Pkt#2 of RFC 7756 figure 5, from behind ER A. */
	len = udp6(in, "2001:db8:a::", "2001:db8:46::c000:202", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	/* Pkt#3: source by the prefix, destination by B's EAM entry. */
	wlen = udp6(want, "2001:db8:46::c000:201", "2001:db8:b::", 0, 63, 30);
	xv_expect_bytes("hairpin", got, got_len, want, wlen);

	/* B's answer comes back the same way to A. */
	len = udp6(in, "2001:db8:b::", "2001:db8:46::c000:201", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	wlen = udp6(want, "2001:db8:46::c000:202", "2001:db8:a::", 0, 63, 30);
	xv_expect_bytes("hairpin back", got, got_len, want, wlen);

	/* Destination by its EAM entry: plain 6 -> 4, no hairpin. */
	len = udp6(in, "2001:db8:a::", "2001:db8:b::", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_false(hairpin_run(&x, in, len, got, &got_len));
	wlen = udp4_of6(want, "192.0.2.1", "192.0.2.2", 0, 63, 30);
	xv_expect_bytes("eam dst", got, got_len, want, wlen);
	/* Destination without an EAM entry: no hairpin. */
	len = udp6(in, "2001:db8:a::", "2001:db8:46::c000:203", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_false(hairpin_run(&x, in, len, got, &got_len));
	/* Hairpinning off. */
	cfg.hairpin = false;
	len = udp6(in, "2001:db8:a::", "2001:db8:46::c000:202", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_false(hairpin_run(&x, in, len, got, &got_len));
	wlen = udp4_of6(want, "192.0.2.1", "192.0.2.2", 0, 63, 30);
	xv_expect_bytes("hairpin off", got, got_len, want, wlen);
}

/* B cannot be reached on that port: the error must hairpin back to A. */
static void test_hairpin_icmp_err(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], want[PB_MAX], inner[PB_MAX];
	u8 inner6[PB_MAX];
	unsigned int len, got_len, wlen, ilen, i6len;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;

	cfg_br(&cfg);
	/* What B received (Pkt#3) and quotes. */
	ilen = udp6(inner, "2001:db8:46::c000:201", "2001:db8:b::", 0, 63, 30);
	len = icmp6_err(in, "2001:db8:b::", "2001:db8:46::c000:201", 1, 4, 0,
			64, inner, ilen);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	/* A sees an error from the address it sent to, quoting its packet. */
	i6len = udp6(inner6, "2001:db8:a::", "2001:db8:46::c000:202", 0, 63,
		     30);
	wlen = icmp6_err(want, "2001:db8:46::c000:202", "2001:db8:a::", 1, 4,
			 0, 63, inner6, i6len);
	xv_expect_bytes("hairpin err", got, got_len, want, wlen);

	/* A third node C on the way (with an EAM entry) reports it. */
	xv_eam(&cfg, NULL, "192.0.2.3", 32, "2001:db8:c::", 128);
	len = icmp6_err(in, "2001:db8:c::", "2001:db8:46::c000:201", 3, 0, 0,
			64, inner, ilen);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	/* C keeps its own address; the quote is what A sent. */
	wlen = icmp6_err(want, "2001:db8:c::", "2001:db8:a::", 3, 0, 0, 63,
			 inner6, i6len);
	xv_expect_bytes("hairpin err from C", got, got_len, want, wlen);
}

/* ---- IPv6 extension header chains ---------------------------------- */

/* IPv6 + n 8-byte option headers of the given types + UDP. */
static unsigned int chain6(u8 *p, const u8 *types, unsigned int n)
{
	u8 pl[PB_MAX];
	unsigned int i, off = 0, len;

	for (i = 0; i < n; i++, off += 8) {
		memset(pl + off, 0, 8);
		pl[off] = i + 1 < n ? types[i + 1] : 17;
		if (types[i] != 43) {
			pl[off + 2] = 1;	/* PadN, 4 bytes */
			pl[off + 3] = 4;
		}			/* routing: type 0, segments left 0 */
	}
	len = pb_udp(pl + off, 16);
	pb_put16(pl + off + 6, 0x1234);	/* not verified by translation */
	len = pb_ip6(p, "2001:db8:64::c000:301", "2001:db8:64::c633:6501",
		     n ? types[0] : 17, 0, 64, pl, off + len);
	return len;
}

static void test_ext6_chain_rules(void **state __maybe_unused)
{
	static const u8 ok[] = { 0, 60, 43, 60 };
	static const u8 late_hop[] = { 60, 0 };
	static const u8 long_chain[] = { 60, 60, 60, 60, 60, 60, 60, 60, 60 };
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int len, pulls;
	u8 in[PB_MAX];

	xv_cfg(&cfg, nsp, 96);
	len = chain6(in, ok, ARRAY_SIZE(ok));
	expect_v("hop first", &cfg, NULL, false, in, len, DCX_XLAT, 0);
	/* Each header costs one pull round: 4 headers + UDP from 40. */
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_int_equal(xv_plan_pull_loop(dcx_plan_64, &x, in, 40, len,
					   &pulls), DCX_XLAT);
	assert_true(pulls <= 5);
	assert_int_equal(x.old_nhlen, 40 + 32);
	/* RFC 8200 4.1: hop-by-hop only right after the IPv6 header. */
	len = chain6(in, late_hop, ARRAY_SIZE(late_hop));
	expect_v("hop second", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_BAD_HDR);
	/* Eight headers are fine, nine are not. */
	len = chain6(in, long_chain, 8);
	expect_v("8 headers", &cfg, NULL, false, in, len, DCX_XLAT, 0);
	len = chain6(in, long_chain, 9);
	expect_v("9 headers", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_BAD_HDR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_eam_before_pool6_46),
		xv_unit_test(test_eam_before_pool6_64),
		xv_unit_test(test_eam_icmp_err_46),
		xv_unit_test(test_eam_icmp_err_64),
		xv_unit_test(test_v4_classes),
		xv_unit_test(test_wkp_nonglobal_46),
		xv_unit_test(test_wkp_nonglobal_64),
		xv_unit_test(test_special_ranges),
		xv_unit_test(test_udp6_zero_checksum),
		xv_unit_test(test_udp4_zero_policy),
		xv_unit_test(test_reset_tclass_tos),
		xv_unit_test(test_rfc6791v4_pool),
		xv_unit_test(test_rfc6791v6_pool),
		xv_unit_test(test_icmp6_err_cap),
		xv_unit_test(test_spaces),
		xv_unit_test(test_spaces_icmp_err),
		xv_unit_test(test_er_ingress),
		xv_unit_test(test_er_ingress_icmp_err),
		xv_unit_test(test_er_spoof),
		xv_unit_test(test_hairpin),
		xv_unit_test(test_hairpin_icmp_err),
		xv_unit_test(test_ext6_chain_rules),
	};

	return cmocka_run_group_tests_name("core_policy", tests,
					   xv_group_setup, xv_group_teardown);
}
