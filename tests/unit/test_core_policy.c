// SPDX-License-Identifier: GPL-2.0
/*
 * Address-mapping policy of the core (which packets translate, and to
 * which addresses), each case against a packet built independently: EAM
 * before pool6 (RFC 7757 3.2) in both directions and inside ICMP errors,
 * RFC 6052 3.1 (non-global addresses and the well-known prefix), special
 * IPv4 ranges, address spaces (cross-space) and IPv6 extension header
 * chains. The instance settings are test_core_policy_settings.c, the
 * Edge Relay and hairpinning test_core_policy_roles.c; shared helpers:
 * policy_helpers.h.
 */
#include "policy_helpers.h"

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
		{ "169.254.1.1", true, true }, { "169.255.0.0", false, false },
		{ "169.253.255.255", false, false },
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
		{ "239.255.255.255", true, true }, { "240.0.0.1", true, true },
		{ "255.255.255.254", true, true },
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

/*
 * The first-octet table against the RFC 6890 list as written there, over
 * every /24 (no block is longer), both ends of each.
 */
static void test_v4_nonglobal_all(void **state __maybe_unused)
{
	static const char *const blocks[] = {
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
		"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
		"192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",
		"240.0.0.0/4",
	};
	u32 net[ARRAY_SIZE(blocks)], mask[ARRAY_SIZE(blocks)], h, end;
	char addr[INET_ADDRSTRLEN];
	unsigned int i, len;
	bool want;
	__be32 a;

	for (i = 0; i < ARRAY_SIZE(blocks); i++) {
		assert_int_equal(sscanf(blocks[i], "%15[0-9.]/%u", addr, &len),
				 2);
		assert_int_equal(inet_pton(AF_INET, addr, &a), 1);
		net[i] = ntohl(a);
		mask[i] = ~0u << (32 - len);
	}
	for (h = 0;; h += 256) {
		for (end = 0; end < 256; end += 255) {
			want = false;
			for (i = 0; i < ARRAY_SIZE(blocks); i++)
				want |= ((h + end) & mask[i]) == net[i];
			if (dcx_v4_nonglobal(htonl(h + end)) != want)
				fail_msg("%08x: non-global %d", h + end, !want);
		}
		if (h == 0xffffff00u)
			break;
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

/*
 * One rule for the addresses no router forwards (addr.c dcx_v4_special):
 * an IPv4 packet to one is left to the IPv4 stack (special-v4-passed);
 * one as source, or as the destination of an IPv6 packet, is dropped
 * (special-v4-dropped). Whatever the prefix.
 */
static void test_special_ranges(void **state __maybe_unused)
{
	static const char *const dst4[] = {
		"0.1.2.3", "127.0.0.1", "169.254.1.1", "224.0.0.9",
		"239.1.2.3", "240.0.0.1", "255.255.255.255",
	};
	static const char *const src6[] = {
		"2001:db8:64::1:203", "2001:db8:64::7f00:1",
		"2001:db8:64::a9fe:101", "2001:db8:64::e000:9",
		"2001:db8:64::f000:1", "2001:db8:64::ffff:ffff",
	};
	struct dcx_xlat_cfg cfg;
	u8 in[PB_MAX];
	unsigned int len, i;

	xv_cfg(&cfg, nsp, 96);
	for (i = 0; i < ARRAY_SIZE(dst4); i++) {
		len = udp4(in, "192.0.3.1", dst4[i], 0, 64, 8, false);
		expect_v(dst4[i], &cfg, NULL, true, in, len, DCX_PASS,
			 DCXLAT_STAT_SPECIAL_PASS4);
		len = udp4(in, dst4[i], "192.0.3.1", 0, 64, 8, false);
		expect_v(dst4[i], &cfg, NULL, true, in, len, DCX_DROP,
			 DCXLAT_STAT_SPECIAL_DROP);
	}
	for (i = 0; i < ARRAY_SIZE(src6); i++) {
		len = udp6(in, "2001:db8:64::c000:301", src6[i], 0, 64, 8);
		expect_v(src6[i], &cfg, NULL, false, in, len, DCX_DROP,
			 DCXLAT_STAT_SPECIAL_DROP);
		len = udp6(in, src6[i], "2001:db8:64::c000:301", 0, 64, 8);
		expect_v(src6[i], &cfg, NULL, false, in, len, DCX_DROP,
			 DCXLAT_STAT_SPECIAL_DROP);
	}
}

/*
 * RFC 3927 7: a router "MUST NOT forward" a packet with a link-local
 * source or destination (issue 12 item 8): not by the prefix, not by an
 * EAM entry, not with the well-known prefix (where RFC 6052 3.1 would
 * say wkp-non-global), in either direction. The addresses next to
 * 169.254/16 are translated.
 */
static void test_link_local(void **state __maybe_unused)
{
	static const struct {
		const char *src, *dst;
		bool wkp;
	} c[] = {
		/* 4 -> 6: by the prefix, the WKP, an EAM entry; as source */
		{ "192.0.3.1", "169.254.1.1", false },
		{ "192.0.3.1", "169.254.1.1", true },
		{ "192.0.3.1", "169.254.7.7", false },
		{ "169.254.7.7", "192.0.3.1", false },
		/* 6 -> 4: the same */
		{ "2001:db8:64::c000:301", "2001:db8:64::a9fe:101", false },
		{ "64:ff9b::c000:301", "64:ff9b::a9fe:101", true },
		{ "2001:db8:64::c000:301", "2001:db8:aaaa::7", false },
		{ "2001:db8:aaaa::7", "2001:db8:64::c000:301", false },
	};
	struct dcx_xlat_cfg cfg, wcfg;
	u8 in[PB_MAX], want[PB_MAX];
	unsigned int len, wlen, i;
	bool v4, pass;

	xv_cfg(&cfg, nsp, 96);
	xv_cfg(&wcfg, wkp, 96);
	xv_eam(&cfg, NULL, "169.254.7.0", 24, "2001:db8:aaaa::", 120);
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		v4 = !strchr(c[i].src, ':');
		len = v4 ? udp4(in, c[i].src, c[i].dst, 0, 64, 8, false) :
			   udp6(in, c[i].src, c[i].dst, 0, 64, 8);
		/* Only IPv4 to a link-local address is the stack's. */
		pass = v4 && !strncmp(c[i].dst, "169.254.", 8);
		expect_v(c[i].dst, c[i].wkp ? &wcfg : &cfg, NULL, v4, in, len,
			 pass ? DCX_PASS : DCX_DROP,
			 pass ? DCXLAT_STAT_SPECIAL_PASS4 :
				DCXLAT_STAT_SPECIAL_DROP);
	}
	/* 169.253.255.255 and 169.255.0.0 are ordinary addresses. */
	len = udp4(in, "192.0.3.1", "169.255.0.0", 0, 64, 8, false);
	wlen = udp6(want, "2001:db8:64::c000:301", "2001:db8:64::a9ff:0", 0,
		    63, 8);
	expect_xlat("169.255.0.0", &cfg, NULL, true, in, len, want, wlen);
	len = udp6(in, "2001:db8:64::a9fd:ffff", "2001:db8:64::c000:301", 0,
		   64, 8);
	wlen = udp4_of6(want, "169.253.255.255", "192.0.3.1", 0, 63, 8);
	expect_xlat("169.253.255.255", &cfg, NULL, false, in, len, want,
		    wlen);
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

/* ---- IPv6 extension header chains ---------------------------------- */

/*
 * IPv6 + n 8-byte option headers of the given types + UDP; a fragment
 * header (44) is that of a first fragment.
 */
static unsigned int chain6(u8 *p, const u8 *types, unsigned int n)
{
	u8 pl[PB_MAX];
	unsigned int i, off = 0, len;

	for (i = 0; i < n; i++, off += 8) {
		memset(pl + off, 0, 8);
		pl[off] = i + 1 < n ? types[i + 1] : 17;
		if (types[i] == 44) {
			pl[off + 3] = 1;	/* offset 0, M: a first fragment */
			pl[off + 7] = 9;	/* identification 9 */
		} else if (types[i] != 43) {
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

/*
 * RFC 7915 5.1.1 (issue 12 item 6): a Fragment Header followed by another
 * extension header (not ESP, AH included) is dropped, counted as
 * fragment-ext-header; every fragment of such a datagram, the later ones
 * too (their Fragment Header names the same next header).
 */
static void test_frag_then_ext(void **state __maybe_unused)
{
	static const u8 bad[][2] = {
		{ 44, 60 }, { 44, 43 }, { 44, 51 }, { 44, 135 },
	};
	static const u8 good[][2] = { { 60, 44 }, { 0, 44 }, { 43, 44 } };
	static const u8 frag[] = { 44 };
	struct dcx_xlat_cfg cfg;
	unsigned int len, i;
	u8 in[PB_MAX];

	xv_cfg(&cfg, nsp, 96);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		len = chain6(in, bad[i], 2);
		expect_v("fragment, then extension", &cfg, NULL, false, in, len,
			 DCX_DROP, DCXLAT_STAT_FRAG_EXT6);
		/* A later fragment: offset 8, M clear. */
		in[40 + 2] = 0;
		in[40 + 3] = 8;
		expect_v("later fragment", &cfg, NULL, false, in, len,
			 DCX_DROP, DCXLAT_STAT_FRAG_EXT6);
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		len = chain6(in, good[i], 2);
		expect_v("extension, then fragment", &cfg, NULL, false, in,
			 len, DCX_XLAT, 0);
	}
	len = chain6(in, frag, 1);
	expect_v("fragment, then UDP", &cfg, NULL, false, in, len, DCX_XLAT,
		 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_eam_before_pool6_46),
		xv_unit_test(test_eam_before_pool6_64),
		xv_unit_test(test_eam_icmp_err_46),
		xv_unit_test(test_eam_icmp_err_64),
		xv_unit_test(test_v4_classes),
		xv_unit_test(test_v4_nonglobal_all),
		xv_unit_test(test_wkp_nonglobal_46),
		xv_unit_test(test_wkp_nonglobal_64),
		xv_unit_test(test_special_ranges),
		xv_unit_test(test_link_local),
		xv_unit_test(test_spaces),
		xv_unit_test(test_spaces_icmp_err),
		xv_unit_test(test_ext6_chain_rules),
		xv_unit_test(test_frag_then_ext),
	};

	return cmocka_run_group_tests_name("core_policy", tests,
					   xv_group_setup, xv_group_teardown);
}
