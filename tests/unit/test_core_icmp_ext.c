// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP errors with RFC 4884 extensions, and errors too long for the
 * other family (kmod/core/icmp.c dcx_icmp_layout, icmp46.c, icmp64.c;
 * issue 12 items 2 and 4): the length attribute adjusted, the quoted
 * datagram padded to the new unit, the extension kept, the message cut to
 * 1280 / 576 octets. Packets from tests/unit/vectors/gen_icmp_ext.py
 * (scapy), compared byte for byte; the size plan announces (the one the
 * path MTU is checked at, kmod/pmtu.c) must be the size apply writes.
 */
#include "unit_helpers.h"
#include "pkt_build.h"
#include "vectors/icmp_ext_vectors.h"

static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };

static void run(const struct icmpx_vector *v, bool v4)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int planned, got_len;
	u8 got[PB_MAX];
	enum dcx_action a;

	xv_cfg(&cfg, nsp, 96);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	a = xv_plan_linear(v4 ? dcx_plan_46 : dcx_plan_64, &x, v->in,
			   v->in_len, v->in_len);
	if (a != DCX_XLAT)
		fail_msg("%s: plan %s (stat %d)", v->name, xv_verdict_name(a),
			 x.stat);
	planned = x.new_total;
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_int_equal(xv_plan_apply(&x, v4, v->in, v->in_len, got,
				       sizeof(got), &got_len), DCX_XLAT);
	xv_expect_bytes(v->name, got, got_len, v->out, v->out_len);
	if (planned != v->out_len)
		fail_msg("%s: plan said %u bytes, apply wrote %u", v->name,
			 planned, v->out_len);
}

#define IXV_TEST(v, v4)							\
static void test_##v(void **state __maybe_unused)			\
{									\
	run(&v, v4);							\
}
#define IXV_TEST46(v) IXV_TEST(v, true)
#define IXV_TEST64(v) IXV_TEST(v, false)
ICMPX_VECTORS_x46(IXV_TEST46)
ICMPX_VECTORS_x64(IXV_TEST64)
#undef IXV_TEST

/*
 * The layout alone, at its limits: the quoted datagram is never cut
 * below 128 octets, the extension never beyond room, and without a
 * length attribute out nothing but the quoted datagram is kept.
 */
static void test_layout_limits(void **state __maybe_unused)
{
	struct dcx_xlat x = { .new_nhlen = 40 };

	/* 4 -> 6: 128 + 20 -> 152, 12 octets of extension, room 1232. */
	dcx_icmp_layout(&x, 140, 128, true, 20, 8, 1232);
	assert_int_equal(x.data_out, 148);
	assert_int_equal(x.orig_out, 152);
	assert_int_equal(x.ext_out, 12);
	assert_int_equal(x.msg_out, 8 + 152 + 12);
	assert_int_equal(x.new_total, 40 + 8 + 152 + 12);
	assert_int_equal(x.tail_need, 24);
	/* Packet Too Big has no attribute: the extension is left out. */
	dcx_icmp_layout(&x, 140, 128, false, 20, 8, 1232);
	assert_int_equal(x.orig_out, 0);
	assert_int_equal(x.ext_out, 0);
	assert_int_equal(x.msg_out, 8 + 148);
	/* No extension: everything is quoted, cut at room. */
	dcx_icmp_layout(&x, 1472, 0, true, -20, 4, 548);
	assert_int_equal(x.orig_in, 1472);
	assert_int_equal(x.data_out, 548);
	assert_int_equal(x.msg_out, 556);
	assert_int_equal(x.tail_need, 0);
	/* 6 -> 4: a 2000-octet extension: 128 quoted, the rest cut. */
	x.new_nhlen = 20;
	dcx_icmp_layout(&x, 2128, 128, true, -20, 4, 548);
	assert_int_equal(x.data_out, 108);
	assert_int_equal(x.orig_out, 128);
	assert_int_equal(x.ext_out, 420);
	assert_int_equal(x.new_total, 576);
}

/* The attribute is read where RFC 4884 puts it, and only for its types. */
static void test_ext_orig(void **state __maybe_unused)
{
	u8 h[8] = { 0 };

	h[0] = ICMP_TIME_EXCEEDED;
	h[5] = 32;
	assert_int_equal(dcx_icmp_ext_orig(h, 140, false), 128);
	assert_int_equal(dcx_icmp_ext_orig(h, 127, false), 0);
	h[5] = 31;		/* 124 < 128 */
	assert_int_equal(dcx_icmp_ext_orig(h, 140, false), 0);
	h[0] = ICMP_ECHOREPLY;
	h[5] = 32;
	assert_int_equal(dcx_icmp_ext_orig(h, 140, false), 0);
	h[0] = ICMPV6_TIME_EXCEED;
	h[4] = 16;
	assert_int_equal(dcx_icmp_ext_orig(h, 140, true), 128);
	h[0] = ICMPV6_PKT_TOOBIG;
	assert_int_equal(dcx_icmp_ext_orig(h, 140, true), 0);
	h[0] = ICMPV6_PARAMPROB;
	assert_int_equal(dcx_icmp_ext_orig(h, 140, true), 0);
}

int main(void)
{
#define IXV_REG(v) xv_unit_test(test_##v),
	const struct CMUnitTest tests[] = {
		ICMPX_VECTORS_x46(IXV_REG)
		ICMPX_VECTORS_x64(IXV_REG)
		xv_unit_test(test_layout_limits),
		xv_unit_test(test_ext_orig),
	};
#undef IXV_REG

	return cmocka_run_group_tests_name("core_icmp_ext", tests,
					   xv_group_setup, xv_group_teardown);
}
