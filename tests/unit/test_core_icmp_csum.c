// SPDX-License-Identifier: GPL-2.0
/*
 * Checksums of ICMP errors (kmod/core/icmp46.c, icmp64.c): an error gets a
 * freshly computed checksum, so plan verifies the one it came with (the
 * whole message; ICMPv6 with its pseudo-header) and drops a wrong one as
 * bad-icmp-checksum, unless the stack already knows (x->csum_valid) or the
 * sum is not final (x->csum_partial). Packets built independently
 * (pkt_build.h): a port unreachable about a UDP datagram, both ways.
 */
#include "unit_helpers.h"
#include "pkt_build.h"

static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };

#define IP4_HL	20
#define IP6_HL	40
#define CSUM	2	/* offset of the checksum in the ICMP header */

/* ICMPv4 port unreachable from 198.51.101.7 about its UDP from 192.0.3.1. */
static unsigned int err4(u8 *p)
{
	u8 inner[PB_MAX], l4[PB_MAX];
	unsigned int ilen;

	ilen = pb_ip4(inner, "192.0.3.1", "198.51.101.7", 17, 0, 60, 0x1234,
		      0x4000, l4, pb_udp(l4, 24));
	pb_l4_csum4(inner, 0);
	pb_ip4(p, "198.51.101.7", "192.0.3.1", 1, 0, 64, 9, 0, l4,
	       pb_icmp(l4, 3, 3, 0, inner, ilen));
	pb_l4_csum4(p, 0);
	return IP4_HL + 8 + ilen;
}

/* The same error in IPv6: port unreachable, checksum with pseudo-header. */
static unsigned int err6(u8 *p)
{
	u8 inner[PB_MAX], l4[PB_MAX];
	unsigned int ilen;

	ilen = pb_ip6(inner, "2001:db8:64::c000:301", "2001:db8:64::c633:6507",
		      17, 0, 60, l4, pb_udp(l4, 24));
	pb_l4_csum6(inner);
	pb_ip6(p, "2001:db8:64::c633:6507", "2001:db8:64::c000:301", 58, 0,
	       64, l4, pb_icmp(l4, 1, 4, 0, inner, ilen));
	pb_l4_csum6(p);
	return IP6_HL + 8 + ilen;
}

/* Folded ICMPv6 sum of an IPv6 packet with its pseudo-header: 0 if valid. */
static u16 icmp6_sum(const u8 *p, unsigned int len)
{
	return pb_fold(pb_sum(p + 8, 32, pb_sum(p + IP6_HL, len - IP6_HL,
						len - IP6_HL + 58)));
}

/*
 * Run in (len bytes) through plan + apply with the given checksum state;
 * the verdict must be want (and a drop counted as bad-icmp-checksum).
 * A translation must carry a valid checksum.
 */
static void run(const char *what, bool v4, const u8 *in, unsigned int len,
		bool partial, bool valid, enum dcx_action want)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int got_len;
	u8 got[PB_MAX];
	enum dcx_action v;

	xv_cfg(&cfg, nsp, 96);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.csum_partial = partial;
	x.csum_valid = valid;
	x.mtu_in = 1500;
	x.mtu_out = 1500;
	v = xv_plan_apply(&x, v4, in, len, got, sizeof(got), &got_len);
	if (v != want)
		fail_msg("%s: %s (stat %d), want %s", what, xv_verdict_name(v),
			 x.stat, xv_verdict_name(want));
	if (v == DCX_DROP && x.stat != DCXLAT_STAT_BAD_ICMP_CSUM)
		fail_msg("%s: stat %d, want bad-icmp-checksum", what, x.stat);
	if (v != DCX_XLAT)
		return;
	/* 4 -> 6: ICMPv6 with its pseudo-header; 6 -> 4: ICMPv4 alone. */
	if (v4)
		assert_int_equal(icmp6_sum(got, got_len), 0);
	else
		assert_int_equal(pb_fold(pb_sum(got + IP4_HL,
						got_len - IP4_HL, 0)), 0);
}

static void test_good_errors(void **state __maybe_unused)
{
	u8 p[PB_MAX];
	unsigned int len;

	len = err4(p);
	run("good ICMPv4 error", true, p, len, false, false, DCX_XLAT);
	len = err6(p);
	run("good ICMPv6 error", false, p, len, false, false, DCX_XLAT);
}

static void test_bad_icmp4_error(void **state __maybe_unused)
{
	u8 p[PB_MAX];
	unsigned int len;

	/* The checksum field itself. */
	len = err4(p);
	p[IP4_HL + CSUM] ^= 0x01;
	run("ICMPv4 error, bad checksum", true, p, len, false, false,
	    DCX_DROP);
	/* A byte of the quoted datagram: the whole message counts. */
	len = err4(p);
	p[len - 1] ^= 0x40;
	run("ICMPv4 error, quoted byte changed", true, p, len, false, false,
	    DCX_DROP);
	/* Verified by the stack, or not final: nothing to check. */
	p[len - 1] ^= 0x40;
	p[IP4_HL + CSUM] ^= 0x01;
	run("ICMPv4 error, csum_valid", true, p, len, false, true, DCX_XLAT);
	run("ICMPv4 error, csum_partial", true, p, len, true, false,
	    DCX_XLAT);
}

static void test_bad_icmp6_error(void **state __maybe_unused)
{
	u8 p[PB_MAX];
	unsigned int len, l4len;

	len = err6(p);
	p[IP6_HL + CSUM + 1] ^= 0x80;
	run("ICMPv6 error, bad checksum", false, p, len, false, false,
	    DCX_DROP);
	len = err6(p);
	p[len - 1] ^= 0x40;
	run("ICMPv6 error, quoted byte changed", false, p, len, false, false,
	    DCX_DROP);
	/* Summed without the pseudo-header, as if it were ICMPv4. */
	len = err6(p);
	l4len = len - IP6_HL;
	pb_put16(p + IP6_HL + CSUM, 0);
	pb_put16(p + IP6_HL + CSUM, pb_fold(pb_sum(p + IP6_HL, l4len, 0)));
	run("ICMPv6 error, no pseudo-header", false, p, len, false, false,
	    DCX_DROP);
	run("ICMPv6 error, csum_valid", false, p, len, false, true, DCX_XLAT);
	run("ICMPv6 error, csum_partial", false, p, len, true, false,
	    DCX_XLAT);
}

/* Informational messages stay incremental: a bad sum stays bad, unchecked. */
static void test_bad_echo_untouched(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { 0 };
	u8 p[PB_MAX], l4[PB_MAX], got[PB_MAX], body[16] = { 1, 2, 3 };
	unsigned int len, got_len;

	xv_cfg(&cfg, nsp, 96);
	x.cfg = &cfg;
	len = pb_ip4(p, "198.51.101.7", "192.0.3.1", 1, 0, 64, 9, 0, l4,
		     pb_icmp(l4, 8, 0, 0x00010002, body, sizeof(body)));
	pb_l4_csum4(p, 0);
	p[IP4_HL + CSUM] ^= 0x01;
	assert_int_equal(xv_plan_apply(&x, true, p, len, got, sizeof(got),
				       &got_len), DCX_XLAT);
	assert_int_not_equal(icmp6_sum(got, got_len), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_good_errors),
		xv_unit_test(test_bad_icmp4_error),
		xv_unit_test(test_bad_icmp6_error),
		xv_unit_test(test_bad_echo_untouched),
	};

	return cmocka_run_group_tests_name("core_icmp_csum", tests,
					   xv_group_setup, xv_group_teardown);
}
