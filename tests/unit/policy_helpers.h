/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the address-mapping policy tests (test_core_policy*.c): the
 * prefixes they configure, one packet through plan + apply compared with
 * an expectation (or plan alone against a verdict and a counter), and the
 * UDP datagrams and ICMP errors those expectations are built from with
 * pkt_build.h, independently of the core.
 */
#ifndef DCX_POLICY_HELPERS_H
#define DCX_POLICY_HELPERS_H

#include "unit_helpers.h"
#include "pkt_build.h"

static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };
static const u8 wkp[16] = { 0x00, 0x64, 0xff, 0x9b };
static const u8 none[16];

/* Translate and compare with the expectation. */
static inline void expect_xlat(const char *what,
			       const struct dcx_xlat_cfg *cfg,
			       const struct dcx_space *space, bool v4,
			       const u8 *in, unsigned int len, const u8 *want,
			       unsigned int want_len)
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

static inline void expect_v(const char *what, const struct dcx_xlat_cfg *cfg,
			    const struct dcx_space *space, bool v4,
			    const u8 *in, unsigned int len,
			    enum dcx_action want, enum dcxlat_stat stat)
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
static inline unsigned int udp4(u8 *p, const char *src, const char *dst,
				u8 tos, u8 ttl, unsigned int n, bool zero)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 17, tos, ttl, 0x1234, 0x4000, l4,
		     pb_udp(l4, n));
	pb_l4_csum4(p, zero);
	return len;
}

static inline unsigned int udp6(u8 *p, const char *src, const char *dst,
				u8 tc, u8 hlim, unsigned int n)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip6(p, src, dst, 17, tc, hlim, l4, pb_udp(l4, n));
	pb_l4_csum6(p);
	return len;
}

/* The IPv4 translation of an unfragmented IPv6 packet (ID 0, DF rule). */
static inline unsigned int udp4_of6(u8 *p, const char *src,
				    const char *dst, u8 tos, u8 ttl,
				    unsigned int n)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 17, tos, ttl, 0,
		     28 + n > 1260 ? 0x4000 : 0, l4, pb_udp(l4, n));
	pb_l4_csum4(p, 0);
	return len;
}

/* ICMPv4 error (type/code/rest) from src to dst quoting inner. */
static inline unsigned int icmp4_err(u8 *p, const char *src,
				     const char *dst, u8 type, u8 code,
				     u32 rest, const u8 *inner,
				     unsigned int ilen, u16 frag)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip4(p, src, dst, 1, 0, 64, 7, frag, l4,
		     pb_icmp(l4, type, code, rest, inner, ilen));
	pb_l4_csum4(p, 0);
	return len;
}

static inline unsigned int icmp6_err(u8 *p, const char *src,
				     const char *dst, u8 type, u8 code,
				     u32 rest, u8 hlim, const u8 *inner,
				     unsigned int ilen)
{
	u8 l4[PB_MAX];
	unsigned int len;

	len = pb_ip6(p, src, dst, 58, 0, hlim, l4,
		     pb_icmp(l4, type, code, rest, inner, ilen));
	pb_l4_csum6(p);
	return len;
}

#endif /* DCX_POLICY_HELPERS_H */
